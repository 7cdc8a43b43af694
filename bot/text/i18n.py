"""Gettext catalogs (Babel) and locale-aware formatting of numbers and dates.

Indonesian is the source language (msgids are Indonesian); ``locales/en`` translates them. The active language
lives in a context variable, so a handler can answer two users in two languages at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

from bot.config import get_settings

LANGUAGES = ("id", "en")
DOMAIN = "messages"
_current: ContextVar[str] = ContextVar("tanyabansos_language", default="id")


def normalise_language(code: str | None) -> str:
    """Telegram's ``language_code`` ("en-US", "id") → one of :data:`LANGUAGES`, else the default."""
    if code:
        short = code.replace("_", "-").split("-")[0].lower()
        if short in LANGUAGES:
            return short
        if short in ("in", "ms"):  # old ISO code for Indonesian; Malay readers read Indonesian best
            return "id"
    return get_settings().default_language if get_settings().default_language in LANGUAGES else "id"


@cache
def translations(language: str) -> NullTranslations:
    if language == "id":
        return NullTranslations()
    loaded = Translations.load(str(get_settings().locales_dir), [language], DOMAIN)
    return loaded


def current_language() -> str:
    return _current.get()


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    lang = normalise_language(language)
    token = _current.set(lang)
    try:
        yield lang
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Marks a string for extraction; translated later with ``_``."""
    return message


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def fmt_int(value: int) -> str:
    """7408 → "7.408" (id) or "7,408" (en)."""
    return format_decimal(value, locale=_locale(_current.get()))


def fmt_pct(fraction: float) -> str:
    """0.4069 → "40,7%" (id) or "40.7%" (en): one decimal."""
    return format_percent(fraction, format="#,##0.0%", locale=_locale(_current.get()))


def fmt_date(value: date | datetime) -> str:
    """A day as people write it: "Senin, 30 November 2026"."""
    if isinstance(value, datetime):
        value = to_local(value).date()
    return format_date(value, format="EEEE, d MMMM y", locale=_locale(_current.get()))


def fmt_datetime(value: datetime, timezone: str | None = None) -> str:
    """ "Senin, 30 November 2026 08.00 WIB"-style time in the given zone (default: the configured one)."""
    local = to_local(value) if timezone is None else to_local(value).astimezone(ZoneInfo(timezone))
    text = format_datetime(local, format="EEEE, d MMMM y HH.mm", locale=_locale(_current.get()))
    return f"{text} {zone_abbreviation(local, timezone)}"


def zone() -> ZoneInfo:
    return ZoneInfo(get_settings().timezone)


def to_local(value: datetime) -> datetime:
    if value.tzinfo is None:
        from datetime import UTC

        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone())


def zone_abbreviation(value: datetime, timezone: str | None = None) -> str:
    name = timezone or get_settings().timezone
    return {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(
        name, value.tzname() or name
    )
