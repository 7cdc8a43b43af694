"""Gettext catalogs (Babel) and locale-aware formatting of numbers and dates.

Indonesian is the source language (msgids are Indonesian); ``locales/en`` translates them. The active language
lives in a context variable, so a handler can answer two users in two languages at once.

This module reads no settings: the process's entry point calls :func:`configure` once with the catalogs folder and
the time zone, and callers pass the default language where a reader has none (:func:`normalise_language`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LANGUAGES = ("id", "en")
DOMAIN = "messages"
DEFAULT_LOCALES_DIR = Path(__file__).resolve().parent.parent.parent / "locales"
DEFAULT_TIMEZONE = "Asia/Jakarta"
_current: ContextVar[str] = ContextVar("tanyabansos_language", default="id")


@dataclass
class _Setup:
    locales_dir: Path = DEFAULT_LOCALES_DIR
    timezone: str = DEFAULT_TIMEZONE


_setup = _Setup()


def configure(*, locales_dir: Path, timezone: str) -> None:
    """Where the compiled catalogs are and which zone local times are in (called once at start)."""
    if _setup.locales_dir != locales_dir:
        translations.cache_clear()
    _setup.locales_dir = locales_dir
    _setup.timezone = timezone


def normalise_language(code: str | None, default: str = "id") -> str:
    """Telegram's ``language_code`` ("en-US", "id") → one of :data:`LANGUAGES`, else ``default``."""
    if code:
        short = code.replace("_", "-").split("-")[0].lower()
        if short in LANGUAGES:
            return short
        if short in ("in", "ms"):  # old ISO code for Indonesian; Malay readers read Indonesian best
            return "id"
    return default if default in LANGUAGES else "id"


@cache
def translations(language: str) -> NullTranslations:
    if language == "id":
        return NullTranslations()
    return Translations.load(str(_setup.locales_dir), [language], DOMAIN)


def current_language() -> str:
    return _current.get()


@contextmanager
def use_language(language: str | None, default: str = "id") -> Iterator[str]:
    lang = normalise_language(language, default)
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
    return _formatted_int(value, _current.get())


def fmt_pct(fraction: float) -> str:
    """0.4069 → "40,7%" (id) or "40.7%" (en): one decimal."""
    return _formatted_pct(fraction, _current.get())


@lru_cache(maxsize=4096, typed=True)
def _formatted_int(value: int, language: str) -> str:
    """Babel's formatting, kept for the figures every reply repeats (the same few hundred numbers)."""
    return format_decimal(value, locale=_locale(language))


@lru_cache(maxsize=4096, typed=True)
def _formatted_pct(fraction: float, language: str) -> str:
    return format_percent(fraction, format="#,##0.0%", locale=_locale(language))


def fmt_list(items: list[str]) -> str:
    """ "Kepulauan Riau dan Riau", "A, B, dan C" in the reader's language."""
    from babel.lists import format_list

    return format_list(items, locale=_locale(_current.get()))


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
    return ZoneInfo(_setup.timezone)


def to_local(value: datetime) -> datetime:
    if value.tzinfo is None:
        from datetime import UTC

        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone())


def zone_abbreviation(value: datetime, timezone: str | None = None) -> str:
    name = timezone or _setup.timezone
    return {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}.get(
        name, value.tzname() or name
    )
