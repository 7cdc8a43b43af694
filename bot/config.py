"""Settings from the environment and ``.env`` (every one is listed with a comment in ``.env.example``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = ""
    database_url: str = f"sqlite:///{PROJECT_DIR / 'var' / 'tanyabansos.sqlite3'}"
    province_code: str = "21"
    timezone: str = "Asia/Jakarta"
    default_language: str = "id"
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    data_dir: Path = PROJECT_DIR / "data"
    locales_dir: Path = PROJECT_DIR / "locales"
    log_level: str = "INFO"

    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str = ""

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

    @property
    def file_base_url(self) -> str:
        """PTB's ``base_file_url``: explicit, or derived from the API base (``…/bot`` → ``…/file/bot``)."""
        if self.telegram_api_file_url:
            return self.telegram_api_file_url
        base = self.telegram_api_base_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
