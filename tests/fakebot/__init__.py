"""A fake Telegram Bot API server for the test suite (see :mod:`.server`)."""

from .html_check import HTMLParseError, detect_entities, parse_html, utf16_len
from .protocol import WebhookDelivery
from .server import (
    BOT_ID,
    DEFAULT_TOKEN,
    DEFAULT_USER_ID,
    BotAPIError,
    Call,
    FakeBotAPI,
    StoredFile,
    UpdateRecord,
    UploadedFile,
)

__all__ = [
    "BOT_ID",
    "DEFAULT_TOKEN",
    "DEFAULT_USER_ID",
    "BotAPIError",
    "Call",
    "FakeBotAPI",
    "HTMLParseError",
    "StoredFile",
    "UpdateRecord",
    "UploadedFile",
    "WebhookDelivery",
    "detect_entities",
    "parse_html",
    "utf16_len",
]
