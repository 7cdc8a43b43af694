"""The Bot API wire: constants, the error answer, what a call and an update look like, parameter coercion."""

from __future__ import annotations

import functools
import json
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TOKEN = "123456:TEST-TOKEN"

BOT_ID = 123456

DEFAULT_USER_ID = 1001

MAX_TEXT_LENGTH = 4096

MAX_CAPTION_LENGTH = 1024

MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024

MAX_UPLOAD_SIZE = 50 * 1024 * 1024

GROUP_ANONYMOUS_BOT = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}

# Parameters that carry JSON objects/arrays; form-encoded requests send them as JSON strings.
_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "reply_parameters",
        "link_preview_options",
        "commands",
        "scope",
        "allowed_updates",
        "media",
        "results",
        "menu_button",
        "rights",
        "permissions",
    }
)

_INT_PARAMS = frozenset(
    {
        "message_id",
        "user_id",
        "offset",
        "limit",
        "message_thread_id",
        "reply_to_message_id",
        "cache_time",
        "from_chat_id",
        "until_date",
        "max_connections",
    }
)

_FLOAT_PARAMS = frozenset({"timeout"})

_BOOL_PARAMS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "has_spoiler",
        "show_caption_above_media",
        "allow_paid_broadcast",
        "only_if_banned",
        "revoke_messages",
        "for_channels",
    }
)

_JSON_ERRORS = {
    "reply_markup": "Bad Request: can't parse reply keyboard markup JSON object",
    "entities": "Bad Request: can't parse entities JSON object",
    "caption_entities": "Bad Request: can't parse entities JSON object",
    "reply_parameters": "Bad Request: can't parse reply parameters JSON object",
    "commands": "Bad Request: can't parse commands JSON object",
    "scope": "Bad Request: can't parse BotCommandScope JSON object",
}

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
#: Methods that create a message in a chat (counted by flood limits, listed by :meth:`FakeBotAPI.messages`).
SEND_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
#: Methods that count as the bot's "reply" to an update for latency metrics.
REPLY_METHODS = SEND_METHODS | {"editMessageText", "editMessageReplyMarkup", "editMessageCaption"}

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)

_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"

_MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}

_API_PATH = re.compile(r"^/bot(?P<token>[^/]*)/(?P<method>[^/]*)/?$")

_FILE_PATH = re.compile(r"^/file/bot(?P<token>[^/]*)/(?P<path>.+)$")

_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")

_DUMPS = functools.partial(json.dumps, ensure_ascii=False)


class BotAPIError(Exception):
    """An unsuccessful Bot API answer. Raise it from a custom method handler (see
    :meth:`FakeBotAPI.register_method`) to answer with an error."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


def _bad(description: str) -> BotAPIError:
    return BotAPIError(400, f"Bad Request: {description}")


@dataclass
class UploadedFile:
    """One multipart file part of a request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class StoredFile:
    """A file known to the fake server (uploaded by the bot or injected by the test)."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    kind: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None
    url: str | None = None

    @property
    def file_size(self) -> int:
        return len(self.data)


@dataclass
class Call:
    """One request the bot made (``sent`` lists them in arrival order, without ``getUpdates``)."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    time: float
    monotonic: float
    token: str
    http_method: str = "POST"
    encoding: str = "none"
    index: int = -1
    ok: bool = True
    status: int = 200
    result: Any = None
    description: str | None = None
    error_parameters: dict[str, Any] | None = None

    @property
    def chat_id(self) -> int | str | None:
        value = self.params.get("chat_id")
        return value if value is None or isinstance(value, int | str) else str(value)

    @property
    def text(self) -> str | None:
        """The text or caption exactly as the bot sent it (still with HTML markup)."""
        value = self.params.get("text", self.params.get("caption"))
        return value if isinstance(value, str) else None

    @property
    def plain_text(self) -> str | None:
        """The text or caption as Telegram stored it (markup parsed away); falls back to :attr:`text`."""
        if isinstance(self.result, dict):
            value = self.result.get("text", self.result.get("caption"))
            if isinstance(value, str):
                return value
        return self.text

    @property
    def message_id(self) -> int | None:
        if isinstance(self.result, dict):
            value = self.result.get("message_id")
            return value if isinstance(value, int) else None
        return None

    def file(self, name: str) -> UploadedFile:
        return self.files[name]

    def summary(self, width: int = 160) -> str:
        parts = [f"#{self.index} {self.method}"]
        if self.chat_id is not None:
            parts.append(f"chat={self.chat_id}")
        parts.append("ok" if self.ok else f"ERR {self.status} {self.description!r}")
        text = self.text
        if text is not None:
            short = text if len(text) <= width else text[: width - 1] + "…"
            parts.append(repr(short))
        if self.files:
            parts.append("files=" + ",".join(f"{f.field}:{f.filename}({len(f.data)}B)" for f in self.files.values()))
        other = {k: v for k, v in self.params.items() if k not in {"chat_id", "text", "caption"}}
        if other:
            rendered = json.dumps(other, ensure_ascii=False, default=str)
            parts.append(rendered if len(rendered) <= width else rendered[: width - 1] + "…")
        return " ".join(parts)


@dataclass
class UpdateRecord:
    """Timing of one injected update (all times are ``time.monotonic()`` of the test process)."""

    update_id: int
    kind: str
    chat_id: int | None
    injected_at: float
    delivered_at: float | None = None
    replied_at: float | None = None
    reply_method: str | None = None
    callback_query_id: str | None = None

    @property
    def latency(self) -> float | None:
        """Seconds from injection to the bot's first reply, or ``None`` if it has not replied."""
        return None if self.replied_at is None else self.replied_at - self.injected_at


@dataclass
class WebhookDelivery:
    """One POST of an update to the bot's webhook: ``status`` is the HTTP answer, ``error`` what went wrong instead
    (connection refused, timeout). Times are ``time.monotonic()``."""

    update_id: int
    attempt: int
    started: float
    finished: float | None = None
    status: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass
class _Failure:
    method: str
    status: int
    description: str
    parameters: dict[str, Any] | None
    remaining: int
    chat_id: int | str | None = None


@dataclass
class _Pending:
    update_id: int
    update: dict[str, Any]
    kind: str
    record: UpdateRecord
    attempts: int = 0  # webhook deliveries tried
    not_before: float = 0.0  # no webhook delivery before this ``time.monotonic()`` (backoff)
    in_flight: bool = False


@dataclass
class _Limits:
    global_per_second: int | None
    per_group_per_minute: int | None
    per_chat_per_second: int | None
    global_window: deque[float] = field(default_factory=deque)
    chat_windows: dict[Any, deque[float]] = field(default_factory=dict)
    group_windows: dict[Any, deque[float]] = field(default_factory=dict)


Handler = Callable[[dict[str, Any], dict[str, UploadedFile]], Any]


def _update_kind(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "unknown")


def _update_chat_id(update: dict[str, Any]) -> int | None:
    body = update.get(_update_kind(update))
    if not isinstance(body, dict):
        return None
    chat = body.get("chat")
    if chat is None and isinstance(body.get("message"), dict):
        chat = body["message"].get("chat")
    if isinstance(chat, dict) and isinstance(chat.get("id"), int):
        return int(chat["id"])
    return None


def _to_int(name: str, value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        raise _bad(f"invalid {name} specified") from None


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"true", "1", "yes", "on"}


def _normalize(raw: dict[str, Any]) -> dict[str, Any]:
    """Decode JSON-string parameters and coerce ints/bools, like the Bot API does."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            continue
        if key in _JSON_PARAMS and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise BotAPIError(400, _JSON_ERRORS.get(key, f"Bad Request: can't parse {key} JSON object")) from None
        elif key in _INT_PARAMS:
            value = _to_int(key, value)
        elif key in _FLOAT_PARAMS:
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise _bad(f"invalid {key} specified") from None
        elif key in _BOOL_PARAMS:
            value = _to_bool(value)
        elif key == "chat_id":
            if isinstance(value, str):
                stripped = value.strip()
                if re.fullmatch(r"-?\d+", stripped):
                    value = int(stripped)
                elif not stripped:
                    continue
            elif isinstance(value, float):
                value = int(value)
        params[key] = value
    return params
