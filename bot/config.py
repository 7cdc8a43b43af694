"""Settings from the environment and ``.env`` (every one is listed with a comment in ``.env.example``).

Read once where a process starts (:func:`get_settings`, by the CLI) and passed in from there: nothing below the
entry points reads the environment. Secrets are ``SecretStr`` (printing the settings never shows them; only the
code that talks to Telegram calls ``get_secret_value()``), closed choices are ``Literal``s, so a typo in ``.env``
fails at start with the setting's name rather than later in a handler.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent

Language = Literal["id", "en"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class TelegramLimits(BaseModel):
    """Telegram's flood limits (requests per second overall and per group per minute) and the per-user throttle of
    citizens' questions."""

    overall_max_rate: float
    group_max_rate: float
    throttle_messages_per_minute: int
    throttle_pause_seconds: int


class DigestTiming(BaseModel):
    """How digests are timed: grace window for missed ones, claim lease, sweep interval, chart on or off."""

    grace_hours: float
    chart: bool
    claim_lease_seconds: float
    sweep_seconds: float


ALL_PROVINCES = "all"
_PROVINCE_CODE = re.compile(r"^\d{2}$")


class ProvinceScope(BaseModel):
    """Which provinces the bot answers for: one (``21``, the default), several (``21,14``) or every one (``all``).

    Outside the scope the names of provinces and kab/kota are still known, so the bot says "not covered"."""

    model_config = ConfigDict(frozen=True)

    codes: tuple[str, ...] = ("21",)
    """Two-digit Kemendagri province codes, in the order given; empty when :attr:`everywhere`."""
    everywhere: bool = False

    @classmethod
    def parse(cls, value: str) -> ProvinceScope:
        """``21``, ``21,14`` (spaces and semicolons allowed) or ``all``; anything else is refused with an example."""
        parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
        if [p.lower() for p in parts] == [ALL_PROVINCES]:
            return cls(codes=(), everywhere=True)
        bad = [p for p in parts if not _PROVINCE_CODE.match(p)]
        if not parts or bad:
            shown = ", ".join(repr(p) for p in bad) or "nothing"
            raise ValueError(
                f"{shown} is not a two-digit Kemendagri province code: use one code (21), several (21,14) or all"
            )
        codes = tuple(dict.fromkeys(parts))  # "21,21" is one province
        return cls(codes=codes)

    @property
    def spec(self) -> str:
        """As written in ``PROVINCE_CODE``: ``21``, ``21,14`` or ``all``."""
        return ALL_PROVINCES if self.everywhere else ",".join(self.codes)

    @property
    def single(self) -> str | None:
        """The province code when the scope is exactly one province."""
        return self.codes[0] if len(self.codes) == 1 and not self.everywhere else None

    def __str__(self) -> str:
        return self.spec


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr = SecretStr("")
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = ""
    database_url: str = f"sqlite:///{PROJECT_DIR / 'var' / 'tanyabansos.sqlite3'}"
    province_code: Annotated[ProvinceScope, NoDecode] = ProvinceScope()
    timezone: str = "Asia/Jakarta"
    default_language: Language = "id"
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    data_dir: Path = PROJECT_DIR / "data"
    locales_dir: Path = PROJECT_DIR / "locales"
    log_level: LogLevel = "INFO"

    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: SecretStr = SecretStr("")
    webhook_claim_lease_seconds: float = 30.0

    telegram_overall_max_rate: float = 30.0
    telegram_group_max_rate: float = 20.0
    throttle_messages_per_minute: int = 20
    throttle_pause_seconds: int = 60

    digest_grace_hours: float = 6.0
    digest_chart: bool = True
    digest_claim_lease_seconds: float = 120.0
    digest_sweep_seconds: float = 60.0

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        """``ADMIN_IDS=111,222`` as a person writes it (spaces and semicolons allowed)."""
        if isinstance(value, str):
            parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
            return [int(p) for p in parts]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("province_code", mode="before")
    @classmethod
    def _scope(cls, value: Any) -> Any:
        """``PROVINCE_CODE=21``, ``21,14`` or ``all`` (a list or tuple of codes when settings are built in code)."""
        if isinstance(value, str):
            return ProvinceScope.parse(value)
        if isinstance(value, int):
            return ProvinceScope.parse(f"{value:02d}")
        if isinstance(value, list | tuple):
            return ProvinceScope.parse(",".join(str(v) for v in value))
        return value

    @field_validator("default_language", "log_level", mode="before")
    @classmethod
    def _case(cls, value: Any, info: Any) -> Any:
        """``LOG_LEVEL=info`` and ``DEFAULT_LANGUAGE=EN`` are meant as well."""
        if not isinstance(value, str):
            return value
        value = value.strip()
        return value.upper() if info.field_name == "log_level" else value.lower()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown IANA time zone {value!r} (e.g. Asia/Jakarta)") from exc
        return value

    @property
    def has_token(self) -> bool:
        return bool(self.telegram_bot_token.get_secret_value().strip())

    @property
    def file_base_url(self) -> str:
        """PTB's ``base_file_url``: explicit, or derived from the API base (``…/bot`` → ``…/file/bot``)."""
        if self.telegram_api_file_url:
            return self.telegram_api_file_url
        base = self.telegram_api_base_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"

    @property
    def limits(self) -> TelegramLimits:
        """The flood-control settings as one group."""
        return TelegramLimits(
            overall_max_rate=self.telegram_overall_max_rate,
            group_max_rate=self.telegram_group_max_rate,
            throttle_messages_per_minute=self.throttle_messages_per_minute,
            throttle_pause_seconds=self.throttle_pause_seconds,
        )

    @property
    def digest(self) -> DigestTiming:
        """The digest settings as one group."""
        return DigestTiming(
            grace_hours=self.digest_grace_hours,
            chart=self.digest_chart,
            claim_lease_seconds=self.digest_claim_lease_seconds,
            sweep_seconds=self.digest_sweep_seconds,
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once (the CLI's entry points call this; everything else is handed them)."""
    return Settings()
