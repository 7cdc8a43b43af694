"""A Bot API-compatible fake Telegram server for tests and benchmarks.

:class:`FakeBotAPI` is an aiohttp server bound to ``127.0.0.1`` on a random free port. It runs in a
background thread with its own event loop, so it can be used from synchronous tests, from async tests
(whose loop is a different one) and by a bot running in another process::

    with FakeBotAPI() as fake:
        bot = telegram.Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url)
        fake.inject_message(42, "/start")
        ...
        call = fake.wait_for_message(42, contains="Halo")

Every test-side method is thread-safe and non-blocking, except the ``wait_for*`` helpers, which block the
calling thread (use the ``*_async`` variants from coroutines).

How python-telegram-bot 22 talks to it (``telegram.request.HTTPXRequest``): every call is a ``POST`` to
``{base_url}{token}/{method}``; without uploads the body is ``application/x-www-form-urlencoded`` where
strings are sent as-is and every other value (ints, bools, dicts, lists) is ``json.dumps``-ed, e.g.
``chat_id=42``, ``reply_markup={"inline_keyboard": ...}``; with uploads it is ``multipart/form-data`` with the
same text fields plus one file part per upload named after the parameter (``photo``, ``document``) or, for
``attach://name`` references, after the attach name. Other clients may send JSON bodies or query strings;
all of these are accepted.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import itertools
import json
import math
import mimetypes
import re
import socket
import struct
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from .html_check import HTMLParseError, detect_entities, parse_html, utf16_len

__all__ = [
    "BOT_ID",
    "DEFAULT_TOKEN",
    "DEFAULT_USER_ID",
    "BotAPIError",
    "Call",
    "FakeBotAPI",
    "StoredFile",
    "UpdateRecord",
    "UploadedFile",
]

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

_ADMIN_RIGHTS: dict[str, Any] = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": True,
    "can_edit_stories": True,
    "can_delete_stories": True,
    "can_pin_messages": True,
    "can_manage_topics": False,
}
_RESTRICTED_RIGHTS: dict[str, Any] = {
    "is_member": True,
    "can_change_info": False,
    "can_invite_users": False,
    "can_pin_messages": False,
    "can_send_messages": False,
    "can_send_polls": False,
    "can_send_other_messages": False,
    "can_add_web_page_previews": False,
    "can_manage_topics": False,
    "until_date": 0,
    "can_send_audios": False,
    "can_send_documents": False,
    "can_send_photos": False,
    "can_send_videos": False,
    "can_send_video_notes": False,
    "can_send_voice_notes": False,
    "can_edit_tag": False,
}
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


@dataclass
class _Limits:
    global_per_second: int | None
    per_group_per_minute: int | None
    per_chat_per_second: int | None
    global_window: deque[float] = field(default_factory=deque)
    chat_windows: dict[Any, deque[float]] = field(default_factory=dict)
    group_windows: dict[Any, deque[float]] = field(default_factory=dict)


Handler = Callable[[dict[str, Any], dict[str, UploadedFile]], Any]


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF or JPEG image; ``None`` when it is not one of those."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
                i += 1 if marker == 0xFF else 2
                continue
            (seg_len,) = struct.unpack(">H", data[i + 2 : i + 4])
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return int(width), int(height)
            i += 2 + seg_len
        return None
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return 512, 512
    return None


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


def _member(user: dict[str, Any], status: str, **extra: Any) -> dict[str, Any]:
    """A ChatMember dict with all fields PTB 22 requires for ``status``."""
    member: dict[str, Any] = {"status": status, "user": copy.deepcopy(user)}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(_ADMIN_RIGHTS)
    elif status == "restricted":
        member.update(_RESTRICTED_RIGHTS)
    elif status == "kicked":
        member["until_date"] = 0
    elif status not in {"member", "left"}:
        raise ValueError(f"unknown chat member status {status!r}")
    member.update(extra)
    return member


def _scope_key(scope: Any) -> str:
    """``"default"``, ``"all_private_chats"``, ``"chat:-100123"``, ``"chat_member:-100123:42"`` …"""
    if not scope:
        return "default"
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise BotAPIError(400, "Bad Request: can't parse BotCommandScope JSON object")
    parts = [scope["type"]]
    for key in ("chat_id", "user_id"):
        if key in scope:
            parts.append(str(scope[key]))
    return ":".join(parts)


def _strip_reply(message: dict[str, Any]) -> dict[str, Any]:
    clone = copy.deepcopy(message)
    clone.pop("reply_to_message", None)
    return clone


class FakeBotAPI:
    """A fake Telegram Bot API server. See the module docstring for an overview.

    Realistic behaviours worth knowing:

    * updates stay queued until confirmed by ``getUpdates(offset=…)``; ``deleteWebhook(drop_pending_updates=True)``
      (PTB's ``drop_pending_updates=True``) drops them, and a second concurrent ``getUpdates`` terminates the first
      one with 409 Conflict;
    * after :meth:`inject_my_chat_member` with ``left``/``kicked`` (or the bot's own ``leaveChat``) sends to that chat
      answer 403; after :meth:`inject_migrate` sends to the old group answer 400 with ``migrate_to_chat_id``;
    * ``editMessageText`` with identical content answers 400 "message is not modified";
    * ``answerCallbackQuery`` works once per injected query id;
    * ``sendPhoto`` requires real PNG/JPEG/GIF/WebP bytes (``strict_images=False`` to relax).
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_id: int | None = None,
        first_name: str = "Tanya Bansos",
        username: str = "TanyaBansosBot",
        host: str = "127.0.0.1",
        port: int = 0,
        require_token: bool = False,
        strict_chats: bool = False,
        strict_images: bool = True,
        default_member_status: str = "member",
    ) -> None:
        self.token = token
        if bot_id is None:
            prefix = token.split(":", 1)[0]
            bot_id = int(prefix) if prefix.isdigit() else BOT_ID
        self.bot_id = bot_id
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
        }
        self.me: dict[str, Any] = {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.host = host
        self._requested_port = port
        self.require_token = require_token
        self.strict_chats = strict_chats
        self.strict_images = strict_images
        self.default_member_status = default_member_status

        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._closing = False
        self._update_event: asyncio.Event | None = None
        self._closing_event: asyncio.Event | None = None

        self._update_ids = itertools.count(10_000_001)
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(4_000_000_000_000_000_001)
        self._message_ids: dict[int | str, int] = {}
        self._custom: dict[str, tuple[str, Handler]] = {}
        self._handlers: dict[str, tuple[str, Handler]] = {}
        for name, handler in self._builtin_handlers().items():
            self._handlers[name.lower()] = (name, handler)
        self._reset_state()

    # ------------------------------------------------------------------ state

    def _reset_state(self) -> None:
        self._calls: list[Call] = []
        self._sent: list[Call] = []
        self._request_counts: Counter[str] = Counter()
        self._tokens_seen: set[str] = set()
        self._pending: list[_Pending] = []
        self._records: list[UpdateRecord] = []
        self._unreplied: dict[int, list[UpdateRecord]] = {}
        self._allowed_updates: list[str] | None = None
        self._poll_generation = 0
        self._chats: dict[int | str, dict[str, Any]] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._messages: dict[tuple[int | str, int], dict[str, Any]] = {}
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._callbacks: dict[str, UpdateRecord] = {}
        self._answered: list[dict[str, Any]] = []
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._webhook: dict[str, Any] = {"url": ""}
        self._bot_status: dict[int | str, str] = {}
        self._members: dict[tuple[int | str, int], dict[str, Any]] = {}
        self._migrated: dict[int | str, int] = {}
        self._failures: list[_Failure] = []
        self._chat_failures: dict[int | str, BotAPIError] = {}
        self._delays: dict[str, float] = {}
        self._limits: _Limits | None = None
        self._limit_stats: Counter[str] = Counter()
        self._deleted: list[tuple[int | str, int]] = []
        self._left_chats: list[int | str] = []
        self._downloads: list[str] = []

    def reset(self) -> None:
        """Forget everything recorded and configured (queued updates, calls, chats, files, faults, limits).

        ``update_id`` and ``message_id`` counters keep increasing, so a running bot is not confused."""
        with self._lock:
            self._reset_state()
            self._cond.notify_all()

    # ---------------------------------------------------------------- lifecycle

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotAPI is not started")
        return self._port

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """For ``telegram.Bot(base_url=...)`` / ``TELEGRAM_API_BASE_URL``: ``http://127.0.0.1:PORT/bot``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``telegram.Bot(base_file_url=...)``: ``http://127.0.0.1:PORT/file/bot``."""
        return f"{self.url}/file/bot"

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> Self:
        """Start serving in a background thread (idempotent). Returns ``self``."""
        if self._thread is not None:
            return self
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind((self.host, self._requested_port))
        except OSError:
            sock.close()
            raise
        self._port = sock.getsockname()[1]
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=self._thread_main, args=(loop,), name=f"FakeBotAPI:{self._port}", daemon=True)
        self._closing = False
        self._loop = loop
        self._thread = thread
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self._async_start(sock), loop).result(timeout=10)
        except BaseException:
            sock.close()
            self._stop_thread()
            raise
        return self

    def stop(self) -> None:
        """Stop the server, answer pending long polls, join the thread (idempotent)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._async_stop(), loop).result(timeout=15)
        finally:
            self._stop_thread()

    def _stop_thread(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=15)
        self._loop = None
        self._thread = None
        self._runner = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    async def __aenter__(self) -> Self:
        await asyncio.to_thread(self.start)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await asyncio.to_thread(self.stop)

    @staticmethod
    def _thread_main(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
            for task in tasks:
                task.cancel()
            if tasks:
                loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _async_start(self, sock: socket.socket) -> None:
        self._update_event = asyncio.Event()
        self._closing_event = asyncio.Event()
        app = web.Application(client_max_size=MAX_UPLOAD_SIZE + 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        runner = web.AppRunner(
            app, handle_signals=False, access_log=None, shutdown_timeout=1.0, handler_cancellation=True
        )
        await runner.setup()
        site = web.SockSite(runner, sock)
        await site.start()
        self._runner = runner

    async def _async_stop(self) -> None:
        with self._lock:
            self._closing = True
        if self._closing_event is not None:
            self._closing_event.set()
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()

    def _wake_pollers(self) -> None:
        """Runs on the server loop: wake every waiting ``getUpdates``."""
        if self._update_event is not None:
            self._update_event.set()
            self._update_event = asyncio.Event()

    def _notify_updates(self) -> None:
        loop = self._loop
        if loop is None:
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._wake_pollers)

    async def _sleep(self, seconds: float) -> None:
        if self._closing_event is None:
            await asyncio.sleep(seconds)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing_event.wait(), seconds)

    # ----------------------------------------------------------------- HTTP side

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        match = _API_PATH.match(request.path)
        if match:
            return await self._handle_api(request, match["token"], match["method"])
        match = _FILE_PATH.match(request.path)
        if match and request.method in {"GET", "HEAD"}:
            return self._handle_download(match["token"], match["path"])
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    def _handle_download(self, token: str, path: str) -> web.StreamResponse:
        with self._lock:
            self._request_counts["file_download"] += 1
            self._tokens_seen.add(token)
            stored = self._files_by_path.get(path)
            if stored is not None:
                self._downloads.append(path)
        if (self.require_token and token != self.token) or stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")

    async def _read_request(self, request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile], str]:
        params: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        encoding = "query" if params else "none"
        if not request.body_exists:
            return params, files, encoding
        ctype = request.content_type
        if ctype in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = UploadedFile(key, value.filename, value.content_type, value.file.read())
                else:
                    params[key] = value
            return params, files, "multipart" if ctype == "multipart/form-data" else "form"
        body = await request.read()
        if not body.strip():
            return params, files, encoding
        try:
            data = json.loads(body)
        except ValueError:
            raise _bad("can't parse JSON object") from None
        if not isinstance(data, dict):
            raise _bad("can't parse JSON object")
        params.update(data)
        return params, files, "json"

    async def _handle_api(self, request: web.Request, token: str, method: str) -> web.StreamResponse:
        started = time.monotonic()
        wall = time.time()
        entry = self._custom.get(method.lower()) or self._handlers.get(method.lower())
        canonical = entry[0] if entry else method
        with self._lock:
            self._request_counts[canonical] += 1
            self._tokens_seen.add(token)
        call = Call(
            method=canonical,
            params={},
            files={},
            time=wall,
            monotonic=started,
            token=token,
            http_method=request.method,
        )
        try:
            raw, files, encoding = await self._read_request(request)
            call.params, call.files, call.encoding = raw, files, encoding
            if self.require_token and token != self.token:
                raise BotAPIError(401, "Unauthorized")
            if entry is None:
                raise BotAPIError(404, "Not Found: method not found")
            params = _normalize(raw)
            call.params = params
            with self._lock:
                failure = self._take_failure(canonical, params)
            if failure is not None:
                raise failure
            if canonical == "getUpdates":
                result = await self._get_updates(params)
                call.result = result
                with self._lock:
                    self._record(call)
            else:
                with self._lock:
                    self._gate(canonical, params)
                    result = entry[1](params, files)
                    call.result = copy.deepcopy(result)
                    self._record(call)
            body: dict[str, Any] = {"ok": True, "result": result}
            status = 200
        except BotAPIError as exc:
            call.ok = False
            call.status = exc.status
            call.description = exc.description
            call.error_parameters = exc.parameters
            with self._lock:
                self._record(call)
            body = exc.payload()
            status = exc.status
        delay = self._delays.get(canonical, self._delays.get("*", 0.0))
        if delay > 0 and not self._closing:
            await self._sleep(delay)
        return web.json_response(body, status=status, dumps=_DUMPS)

    def _record(self, call: Call) -> None:
        """Append a finished call (lock held) and do reply bookkeeping."""
        self._calls.append(call)
        if call.method != "getUpdates":
            call.index = len(self._sent)
            self._sent.append(call)
        if call.ok:
            self._attribute_reply(call)
        self._cond.notify_all()

    def _attribute_reply(self, call: Call) -> None:
        now = call.monotonic
        if call.method == "answerCallbackQuery":
            record = self._callbacks.get(str(call.params.get("callback_query_id")))
            if record is not None and record.replied_at is None:
                record.replied_at, record.reply_method = now, call.method
                chat_list = self._unreplied.get(record.chat_id or 0, [])
                if record in chat_list:
                    chat_list.remove(record)
            return
        if call.method not in REPLY_METHODS:
            return
        chat_id = call.chat_id
        if not isinstance(chat_id, int):
            return
        waiting = self._unreplied.get(chat_id)
        if not waiting:
            return
        for record in waiting:
            if record.delivered_at is not None and record.delivered_at <= now:
                record.replied_at, record.reply_method = now, call.method
                waiting.remove(record)
                return

    # ------------------------------------------------------------ faults, limits

    def _take_failure(self, method: str, params: dict[str, Any]) -> BotAPIError | None:
        for failure in self._failures:
            if failure.method not in {method, "*"}:
                continue
            if failure.method == "*" and method == "getUpdates":
                continue
            if failure.chat_id is not None and params.get("chat_id") != failure.chat_id:
                continue
            failure.remaining -= 1
            if failure.remaining <= 0:
                self._failures.remove(failure)
            return BotAPIError(failure.status, failure.description, failure.parameters)
        return None

    def _gate(self, method: str, params: dict[str, Any]) -> None:
        """Per-chat refusals: configured failures, migrated groups, chats the bot is not in, flood limits."""
        chat_id = params.get("chat_id")
        if chat_id is None:
            return
        if chat_id in self._chat_failures:
            raise self._chat_failures[chat_id]
        if chat_id in self._migrated:
            raise BotAPIError(400, _MIGRATED, {"migrate_to_chat_id": self._migrated[chat_id]})
        if self.strict_chats and chat_id not in self._chats:
            raise _bad("chat not found")
        if isinstance(chat_id, str) and chat_id not in self._chats:
            raise _bad("chat not found")
        status = self._bot_status.get(chat_id)
        if status in {"left", "kicked"}:
            chat_type = self._chat(chat_id)["type"]
            if chat_type == "private":
                raise BotAPIError(403, "Forbidden: bot was blocked by the user")
            kind = "supergroup chat" if chat_type == "supergroup" else "group chat"
            if chat_type == "channel":
                kind = "channel chat"
            if status == "kicked":
                raise BotAPIError(403, f"Forbidden: bot was kicked from the {kind}")
            raise BotAPIError(403, f"Forbidden: bot is not a member of the {kind}")
        if method in SEND_METHODS and self._limits is not None:
            self._check_limits(chat_id)

    def _check_limits(self, chat_id: int | str) -> None:
        limits = self._limits
        assert limits is not None
        now = time.monotonic()
        is_group = self._chat(chat_id)["type"] in {"group", "supergroup"}
        checks: list[tuple[str, deque[float], int, float]] = []
        if limits.global_per_second:
            checks.append(("global", limits.global_window, limits.global_per_second, 1.0))
        if limits.per_chat_per_second:
            window = limits.chat_windows.setdefault(chat_id, deque())
            checks.append(("chat", window, limits.per_chat_per_second, 1.0))
        if is_group and limits.per_group_per_minute:
            window = limits.group_windows.setdefault(chat_id, deque())
            checks.append(("group", window, limits.per_group_per_minute, 60.0))
        for name, window, limit, span in checks:
            while window and window[0] <= now - span:
                window.popleft()
            if len(window) >= limit:
                retry_after = max(1, math.ceil(window[0] + span - now))
                self._limit_stats["refused"] += 1
                self._limit_stats[f"refused_{name}"] += 1
                raise BotAPIError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
        for _, window, _, _ in checks:
            window.append(now)
        self._limit_stats["accepted"] += 1

    def fail_next(
        self,
        method: str,
        status: int = 500,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        times: int = 1,
        chat_id: int | str | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (``"*"``: any method but ``getUpdates``; optionally only
        those for ``chat_id``) with an error, without performing them.

        ``status=429`` carries ``parameters.retry_after`` (default 1); ``migrate_to_chat_id`` makes a 400
        "group chat was upgraded to a supergroup chat" carrying ``parameters.migrate_to_chat_id``."""
        parameters: dict[str, Any] | None = None
        if migrate_to_chat_id is not None:
            status = 400 if status == 500 else status
            parameters = {"migrate_to_chat_id": migrate_to_chat_id}
            description = description or _MIGRATED
        elif status == 429 or retry_after is not None:
            retry_after = 1 if retry_after is None else retry_after
            parameters = {"retry_after": retry_after}
            description = description or f"Too Many Requests: retry after {retry_after}"
        if description is None:
            try:
                description = _DEFAULT_DESCRIPTIONS.get(status) or HTTPStatus(status).phrase
            except ValueError:
                description = f"Error {status}"
        with self._lock:
            self._failures.append(_Failure(method, status, description, parameters, times, chat_id))

    def fail_chat(
        self,
        chat_id: int | str,
        status: int = 403,
        description: str = "Forbidden: bot was kicked from the group chat",
        *,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        """Answer every call with this ``chat_id`` with an error until :meth:`clear_failures`."""
        with self._lock:
            self._chat_failures[chat_id] = BotAPIError(status, description, parameters)

    def clear_failures(self, chat_id: int | str | None = None) -> None:
        """Remove the permanent failure of ``chat_id``, or (no argument) all pending ``fail_next``/``fail_chat``."""
        with self._lock:
            if chat_id is None:
                self._failures.clear()
                self._chat_failures.clear()
            else:
                self._chat_failures.pop(chat_id, None)

    def delay(self, method: str, seconds: float) -> None:
        """Answer ``method`` (``"*"`` for all) only after ``seconds``; the call itself takes effect immediately, like
        a slow network. ``seconds=0`` removes the delay."""
        with self._lock:
            if seconds > 0:
                self._delays[method] = seconds
            else:
                self._delays.pop(method, None)

    def enforce_limits(
        self,
        global_per_second: int | None = 30,
        per_group_per_minute: int | None = 20,
        per_chat_per_second: int | None = 1,
    ) -> None:
        """Enforce Telegram-like flood limits on ``sendMessage``/``sendPhoto``/``sendDocument`` (sliding windows);
        refused sends get 429 with ``retry_after``. ``None`` disables one limit. Counters: :attr:`limit_stats`."""
        with self._lock:
            self._limits = _Limits(global_per_second, per_group_per_minute, per_chat_per_second)
            self._limit_stats.clear()

    def disable_limits(self) -> None:
        with self._lock:
            self._limits = None

    @property
    def limit_stats(self) -> dict[str, int]:
        """``accepted``, ``refused``, ``refused_global``, ``refused_chat``, ``refused_group``."""
        with self._lock:
            stats = {"accepted": 0, "refused": 0, "refused_global": 0, "refused_chat": 0, "refused_group": 0}
            stats.update(self._limit_stats)
            return stats

    # ------------------------------------------------------------------ updates

    def _enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if "update_id" not in update:
                update = {"update_id": next(self._update_ids), **update}
            else:
                update_id = int(update["update_id"])
                peek = next(self._update_ids)
                self._update_ids = itertools.count(max(peek, update_id + 1))
            kind = _update_kind(update)
            chat_id = _update_chat_id(update)
            record = UpdateRecord(update["update_id"], kind, chat_id, time.monotonic())
            if kind == "callback_query":
                record.callback_query_id = str(update["callback_query"].get("id"))
                self._callbacks[record.callback_query_id] = record
            self._records.append(record)
            if chat_id is not None:
                self._unreplied.setdefault(chat_id, []).append(record)
            self._pending.append(_Pending(update["update_id"], update, kind, record))
        self._notify_updates()
        return update

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._pending = [p for p in self._pending if p.update_id >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]

    def _batch(self, limit: int) -> list[dict[str, Any]]:
        allowed = self._allowed_updates
        out: list[dict[str, Any]] = []
        now = time.monotonic()
        for pending in self._pending:
            if allowed is None:
                if pending.kind in _DEFAULT_EXCLUDED_UPDATES:
                    continue
            elif pending.kind not in allowed:
                continue
            if pending.record.delivered_at is None:
                pending.record.delivered_at = now
            out.append(pending.update)
            if len(out) >= limit:
                break
        return out

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        loop = asyncio.get_running_loop()
        timeout = max(0.0, float(params.get("timeout", 0) or 0))
        limit = int(params.get("limit", 100) or 100)
        limit = 100 if limit <= 0 or limit > 100 else limit
        with self._lock:
            if self._webhook.get("url"):
                raise BotAPIError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            self._poll_generation += 1
            generation = self._poll_generation
            self._confirm(int(params.get("offset", 0) or 0))
            if "allowed_updates" in params:
                allowed = params["allowed_updates"]
                self._allowed_updates = list(allowed) if allowed else None
        self._wake_pollers()  # terminates an older long poll
        deadline = loop.time() + timeout
        while True:
            with self._lock:
                if generation != self._poll_generation:
                    raise BotAPIError(409, _DEFAULT_DESCRIPTIONS[409])
                batch = self._batch(limit)
                if batch or self._closing:
                    return copy.deepcopy(batch)
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            event = self._update_event
            assert event is not None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    # -------------------------------------------------------- chats and messages

    def _chat(self, chat_id: int | str) -> dict[str, Any]:
        chat = self._chats.get(chat_id)
        if chat is not None:
            return chat
        if isinstance(chat_id, str):
            return {"id": chat_id, "type": "channel", "title": chat_id}
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        if chat_id <= -1_000_000_000_000:
            return {"id": chat_id, "type": "supergroup", "title": f"Supergroup {chat_id}"}
        return {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}

    def add_chat(
        self,
        chat_id: int,
        chat_type: str | None = None,
        *,
        title: str | None = None,
        first_name: str | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """Register a chat (``strict_chats=True`` refuses sends to unregistered chats). Returns the Chat dict."""
        chat_type = chat_type or ("private" if chat_id > 0 else "supergroup" if chat_id <= -(10**12) else "group")
        if chat_type == "private" and chat_id < 0:
            raise ValueError("a private chat has the (positive) id of the user")
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = first_name or f"User {chat_id}"
        else:
            chat["title"] = title or f"Grup {abs(chat_id)}"
        if username:
            chat["username"] = username
        with self._lock:
            self._chats[chat_id] = chat
        return dict(chat)

    def _user(
        self,
        user_id: int,
        first_name: str,
        username: str | None,
        language_code: str | None,
        last_name: str | None = None,
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._users[user_id] = user
        return user

    def _prepare_chat(
        self,
        chat_id: int,
        chat_type: str | None,
        chat_title: str | None,
        user: dict[str, Any],
    ) -> dict[str, Any]:
        existing = self._chats.get(chat_id)
        if chat_type is None and existing is not None and chat_title is None:
            return existing
        chat_type = chat_type or ("private" if chat_id > 0 else "supergroup" if chat_id <= -(10**12) else "group")
        if chat_type == "private":
            if chat_id < 0:
                raise ValueError("a private chat has the (positive) id of the user")
            chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            for key in ("last_name", "username"):
                if key in user:
                    chat[key] = user[key]
        else:
            title = chat_title or (existing or {}).get("title") or f"Grup {abs(chat_id)}"
            chat = {"id": chat_id, "type": chat_type, "title": title}
        self._chats[chat_id] = chat
        return chat

    def _next_message_id(self, chat_id: int | str) -> int:
        value = self._message_ids.get(chat_id, 0) + 1
        self._message_ids[chat_id] = value
        return value

    def _store_message(self, message: dict[str, Any]) -> None:
        self._messages[(message["chat"]["id"], message["message_id"])] = message

    def message(self, chat_id: int | str, message_id: int) -> dict[str, Any] | None:
        """The current state of a message (sent by the bot or injected), or ``None``."""
        with self._lock:
            found = self._messages.get((chat_id, message_id))
            return copy.deepcopy(found) if found is not None else None

    # ------------------------------------------------------------ test injection

    def _default_user_id(self, chat_id: int, chat_type: str | None) -> int:
        if chat_id > 0 and chat_type in {None, "private"}:
            return chat_id
        return DEFAULT_USER_ID

    def inject_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Budi",
        last_name: str | None = None,
        username: str | None = "budi",
        language_code: str | None = "id",
        chat_type: str | None = None,
        chat_title: str | None = None,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Queue a text ``message`` update from a user; returns the update (``update["message"]["message_id"]``).

        ``chat_type`` defaults from the id: positive → private, ``-100…`` → supergroup, other negative → group.
        ``entities`` default to what Telegram detects: ``/commands`` (incl. ``/cmd@Bot``) as ``bot_command``,
        ``@names`` as ``mention``, ``#tags`` as ``hashtag``, http(s) links as ``url``."""
        with self._lock:
            uid = user_id if user_id is not None else self._default_user_id(chat_id, chat_type)
            user = self._user(uid, first_name, username, language_code, last_name)
            chat = self._prepare_chat(chat_id, chat_type, chat_title, user)
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "from": copy.deepcopy(user),
                "chat": copy.deepcopy(chat),
                "date": int(time.time()),
                "text": text,
            }
            found = detect_entities(text) if entities is None else entities
            if found:
                message["entities"] = found
            if message_thread_id is not None:
                message["message_thread_id"] = message_thread_id
            if reply_to_message_id is not None:
                target = self._messages.get((chat_id, reply_to_message_id))
                if target is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat_id} to reply to")
                message["reply_to_message"] = _strip_reply(target)
            self._store_message(message)
            return self._enqueue({"message": copy.deepcopy(message)})

    def inject_document(
        self,
        chat_id: int,
        data: bytes,
        filename: str,
        mime_type: str | None = None,
        caption: str | None = None,
        *,
        user_id: int | None = None,
        first_name: str = "Budi",
        username: str | None = "budi",
        language_code: str | None = "id",
        chat_type: str | None = None,
        chat_title: str | None = None,
    ) -> dict[str, Any]:
        """Queue a ``message`` update carrying a document; the bytes are stored so ``getFile`` and the download
        URL work. Returns the update (``update["message"]["document"]["file_id"]``)."""
        with self._lock:
            uid = user_id if user_id is not None else self._default_user_id(chat_id, chat_type)
            user = self._user(uid, first_name, username, language_code)
            chat = self._prepare_chat(chat_id, chat_type, chat_title, user)
            mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
            stored = self._store_file(data, "document", file_name=filename, mime_type=mime)
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "from": copy.deepcopy(user),
                "chat": copy.deepcopy(chat),
                "date": int(time.time()),
                "document": self._document_dict(stored),
            }
            if caption:
                message["caption"] = caption
                found = detect_entities(caption)
                if found:
                    message["caption_entities"] = found
            self._store_message(message)
            return self._enqueue({"message": copy.deepcopy(message)})

    def inject_callback(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        first_name: str = "Budi",
        username: str | None = "budi",
        language_code: str | None = "id",
        chat_instance: str | None = None,
    ) -> dict[str, Any]:
        """Queue a ``callback_query`` update for an inline button on a message the bot sent (the message's current
        content is included). Returns the update (``update["callback_query"]["id"]``)."""
        with self._lock:
            message = self._messages.get((chat_id, message_id))
            if message is None:
                raise ValueError(f"the bot has no message {message_id} in chat {chat_id}; known: {self._known_ids()}")
            chat_type = message["chat"]["type"]
            uid = user_id if user_id is not None else self._default_user_id(chat_id, chat_type)
            user = self._user(uid, first_name, username, language_code)
            query = {
                "id": str(next(self._callback_ids)),
                "from": copy.deepcopy(user),
                "message": copy.deepcopy(message),
                "chat_instance": chat_instance or str(7_000_000_000_000_000_000 + abs(chat_id)),
                "data": data,
            }
            return self._enqueue({"callback_query": query})

    def _known_ids(self) -> list[tuple[int | str, int]]:
        return sorted(self._messages, key=lambda key: (str(key[0]), key[1]))[-20:]

    def inject_my_chat_member(
        self,
        chat_id: int,
        old_status: str,
        new_status: str,
        *,
        chat_type: str | None = None,
        chat_title: str | None = None,
        user_id: int | None = None,
        first_name: str = "Budi",
        username: str | None = "budi",
        language_code: str | None = "id",
    ) -> dict[str, Any]:
        """Queue a ``my_chat_member`` update (bot added: ``"left"`` → ``"member"``/``"administrator"``; removed:
        ``"member"`` → ``"kicked"``/``"left"``; in a private chat ``"kicked"`` means the user blocked the bot).
        ``chat_type`` defaults to ``"group"`` for negative ids. Afterwards sends to a chat where the bot is
        ``left``/``kicked`` answer 403."""
        with self._lock:
            if chat_type is None:
                existing = self._chats.get(chat_id)
                chat_type = existing["type"] if existing else ("private" if chat_id > 0 else "group")
            uid = user_id if user_id is not None else self._default_user_id(chat_id, chat_type)
            user = self._user(uid, first_name, username, language_code)
            chat = self._prepare_chat(chat_id, chat_type, chat_title, user)
            self._bot_status[chat_id] = new_status
            update = {
                "my_chat_member": {
                    "chat": copy.deepcopy(chat),
                    "from": copy.deepcopy(user),
                    "date": int(time.time()),
                    "old_chat_member": _member(self.bot_user, old_status),
                    "new_chat_member": _member(self.bot_user, new_status),
                }
            }
            return self._enqueue(update)

    def inject_migrate(
        self,
        chat_id: int,
        new_chat_id: int,
        *,
        chat_title: str | None = None,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = "Budi",
        username: str | None = "budi",
        also_migrate_from: bool = True,
    ) -> dict[str, Any]:
        """A basic group becomes a supergroup: queue the old group's ``migrate_to_chat_id`` service message (and,
        like Telegram, the new supergroup's ``migrate_from_chat_id`` message). From then on calls with the old id
        answer 400 "group chat was upgraded to a supergroup chat" + ``migrate_to_chat_id``. Returns the first
        update."""
        with self._lock:
            user = self._user(user_id, first_name, username, "id")
            old_chat = self._prepare_chat(chat_id, "group", chat_title, user)
            title = old_chat["title"]
            new_chat = {"id": new_chat_id, "type": "supergroup", "title": title}
            self._chats[new_chat_id] = new_chat
            if chat_id in self._bot_status:
                self._bot_status[new_chat_id] = self._bot_status[chat_id]
            for (member_chat, member_user), member in list(self._members.items()):
                if member_chat == chat_id:
                    self._members[(new_chat_id, member_user)] = member
            self._migrated[chat_id] = new_chat_id
            first = {
                "message_id": self._next_message_id(chat_id),
                "from": copy.deepcopy(user),
                "chat": copy.deepcopy(old_chat),
                "date": int(time.time()),
                "migrate_to_chat_id": new_chat_id,
            }
            update = self._enqueue({"message": first})
            if also_migrate_from:
                second = {
                    "message_id": self._next_message_id(new_chat_id),
                    "from": dict(GROUP_ANONYMOUS_BOT),
                    "sender_chat": copy.deepcopy(new_chat),
                    "chat": copy.deepcopy(new_chat),
                    "date": int(time.time()),
                    "migrate_from_chat_id": chat_id,
                }
                self._enqueue({"message": second})
            return update

    def inject_raw(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue any update dict; ``update_id`` is assigned when missing. Returns the queued update."""
        return self._enqueue(copy.deepcopy(update))

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot."""
        with self._lock:
            return [copy.deepcopy(p.update) for p in self._pending]

    # ------------------------------------------------------------ members/admins

    def set_chat_member(self, chat_id: int, user_id: int, status: str = "administrator", **fields: Any) -> None:
        """Configure what ``getChatMember(chat_id, user_id)`` (and ``getChatAdministrators``) answer.
        ``status``: creator, administrator, member, restricted, left, kicked; ``fields`` override ChatMember fields.
        ``user_id`` = the bot's id sets the bot's own status in the chat."""
        _member({"id": user_id, "is_bot": False, "first_name": "x"}, status)  # validates status
        with self._lock:
            if user_id == self.bot_id:
                self._bot_status[chat_id] = status
            self._members[(chat_id, user_id)] = {"status": status, **fields}

    def _member_of(self, chat_id: int | str, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            user = self.bot_user
            configured = self._members.get((chat_id, user_id))
            status = self._bot_status.get(chat_id, "member")
            extra = {k: v for k, v in (configured or {}).items() if k != "status"}
            return _member(user, status, **extra)
        user = self._users.get(user_id) or {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        configured = self._members.get((chat_id, user_id))
        if configured is not None:
            extra = {k: v for k, v in configured.items() if k != "status"}
            return _member(user, configured["status"], **extra)
        return _member(user, self.default_member_status)

    # ------------------------------------------------------------------- files

    def _store_file(
        self,
        data: bytes,
        kind: str,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        width: int | None = None,
        height: int | None = None,
        url: str | None = None,
    ) -> StoredFile:
        number = next(self._file_ids)
        if kind == "photo":
            file_id, unique, path = f"AgACAgIAAxkBAAI{number:08d}", f"AQAD{number:08d}", f"photos/file_{number}.jpg"
        else:
            suffix = ""
            if file_name and "." in file_name:
                suffix = "." + re.sub(r"[^A-Za-z0-9]", "", file_name.rsplit(".", 1)[1])[:8]
            file_id, unique, path = (
                f"BQACAgIAAxkBAAI{number:08d}",
                f"AgAD{number:08d}",
                f"documents/file_{number}{suffix}",
            )
        stored = StoredFile(file_id, unique, path, data, kind, file_name, mime_type, width, height, url)
        self._files[file_id] = stored
        self._files_by_path[path] = stored
        return stored

    def file_bytes(self, file_id: str) -> bytes:
        """The bytes behind a ``file_id`` (uploaded by the bot or injected)."""
        with self._lock:
            return self._files[file_id].data

    @property
    def files(self) -> dict[str, StoredFile]:
        with self._lock:
            return dict(self._files)

    @staticmethod
    def _document_dict(stored: StoredFile) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.file_size,
        }
        if stored.file_name:
            doc["file_name"] = stored.file_name
        if stored.mime_type:
            doc["mime_type"] = stored.mime_type
        return doc

    def _resolve_input_file(
        self, name: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> UploadedFile | StoredFile | str | None:
        if name in files:
            return files[name]
        value = params.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            attached = files.get(value.removeprefix("attach://"))
            if attached is None:
                raise _bad(f"file {value} not found in the request")
            return attached
        if isinstance(value, str) and value:
            if value in self._files:
                return self._files[value]
            if value.startswith(("http://", "https://")):
                return value
            raise _bad("wrong file identifier/HTTP URL specified")
        return None

    # --------------------------------------------------------------- recording

    @property
    def sent(self) -> list[Call]:
        """Every call the bot made except ``getUpdates`` (also failed ones: check ``call.ok``)."""
        with self._lock:
            return list(self._sent)

    @property
    def calls(self) -> list[Call]:
        """Every call including ``getUpdates``."""
        with self._lock:
            return list(self._calls)

    def messages(self, chat_id: int | str | None = None) -> list[Call]:
        """Successful ``sendMessage``/``sendPhoto``/``sendDocument`` calls (optionally to one chat)."""
        with self._lock:
            return [
                c for c in self._sent if c.ok and c.method in SEND_METHODS and (chat_id is None or c.chat_id == chat_id)
            ]

    @property
    def commands(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Current ``setMyCommands`` state: ``{(scope_key, language_code): [{"command", "description"}, ...]}``
        with scope keys like ``"default"``, ``"all_private_chats"``, ``"chat:-100123"``."""
        with self._lock:
            return copy.deepcopy(self._commands)

    def get_commands(self, scope: str = "default", language_code: str = "") -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._commands.get((scope, language_code), []))

    @property
    def answered_callbacks(self) -> list[dict[str, Any]]:
        """``answerCallbackQuery`` calls: ``callback_query_id``, ``text``, ``show_alert``, ``url``, ``cache_time``."""
        with self._lock:
            return copy.deepcopy(self._answered)

    @property
    def webhook(self) -> dict[str, Any]:
        with self._lock:
            return dict(self._webhook)

    @property
    def deleted_messages(self) -> list[tuple[int | str, int]]:
        with self._lock:
            return list(self._deleted)

    @property
    def left_chats(self) -> list[int | str]:
        with self._lock:
            return list(self._left_chats)

    @property
    def tokens_seen(self) -> set[str]:
        with self._lock:
            return set(self._tokens_seen)

    @property
    def request_counts(self) -> dict[str, int]:
        """Requests received per method (including failed ones, ``getUpdates`` and ``file_download``)."""
        with self._lock:
            return dict(self._request_counts)

    @property
    def update_records(self) -> list[UpdateRecord]:
        with self._lock:
            return [copy.copy(r) for r in self._records]

    def reply_latencies(self) -> list[float]:
        """Injection → first reply seconds for every update the bot replied to (in injection order)."""
        with self._lock:
            return [r.replied_at - r.injected_at for r in self._records if r.replied_at is not None]

    def metrics(self) -> dict[str, Any]:
        with self._lock:
            latencies = [r.replied_at - r.injected_at for r in self._records if r.replied_at is not None]
            return {
                "requests": dict(self._request_counts),
                "updates_injected": len(self._records),
                "updates_delivered": sum(1 for r in self._records if r.delivered_at is not None),
                "updates_replied": len(latencies),
                "latencies": latencies,
                "limits": self.limit_stats,
            }

    def dump(self, last: int = 40) -> str:
        """The last ``last`` calls, one line each (used in ``wait_for`` failures)."""
        with self._lock:
            calls = self._sent[-last:]
            skipped = len(self._sent) - len(calls)
        lines = [c.summary() for c in calls] or ["(no calls)"]
        if skipped:
            lines.insert(0, f"... {skipped} earlier calls")
        return "\n".join(lines)

    def _find(self, predicate: Callable[[Call], bool], start: int) -> tuple[Call | None, int]:
        """Lock held. Returns the first match at index >= ``start`` and the next index to check."""
        sent = self._sent
        for index in range(start, len(sent)):
            if predicate(sent[index]):
                return sent[index], index + 1
        return None, len(sent)

    def wait_for(
        self, predicate: Callable[[Call], bool], timeout: float = 10.0, *, since: int = 0, what: str | None = None
    ) -> Call:
        """Block until a call in :attr:`sent` (index >= ``since``) satisfies ``predicate`` and return it; raise
        ``AssertionError`` with a dump of the calls on timeout. Don't call it on the loop of an in-process bot:
        use :meth:`wait_for_async` there."""
        deadline = time.monotonic() + timeout
        position = since
        with self._cond:
            while True:
                found, position = self._find(predicate, position)
                if found is not None:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
        raise AssertionError(self._timeout_message(what or repr(predicate), timeout))

    async def wait_for_async(
        self, predicate: Callable[[Call], bool], timeout: float = 10.0, *, since: int = 0, what: str | None = None
    ) -> Call:
        """:meth:`wait_for` for coroutines: polls without blocking the running loop."""
        deadline = time.monotonic() + timeout
        position = since
        while True:
            with self._lock:
                found, position = self._find(predicate, position)
            if found is not None:
                return found
            if time.monotonic() >= deadline:
                raise AssertionError(self._timeout_message(what or repr(predicate), timeout))
            await asyncio.sleep(0.005)

    def _timeout_message(self, what: str, timeout: float) -> str:
        return f"timed out after {timeout}s waiting for {what}; the bot sent:\n{self.dump()}"

    @staticmethod
    def _message_predicate(
        chat_id: int | str | None, contains: str | None, methods: Iterable[str]
    ) -> Callable[[Call], bool]:
        wanted = frozenset(methods)

        def predicate(call: Call) -> bool:
            if not call.ok or call.method not in wanted:
                return False
            if chat_id is not None and call.chat_id != chat_id:
                return False
            if contains is None:
                return True
            return any(contains in value for value in (call.text, call.plain_text) if value)

        return predicate

    def wait_for_message(
        self,
        chat_id: int | str | None = None,
        contains: str | None = None,
        timeout: float = 10.0,
        *,
        since: int = 0,
        methods: Iterable[str] = SEND_METHODS,
    ) -> Call:
        """Wait for a successful send to ``chat_id`` whose text/caption (raw HTML or parsed) contains ``contains``."""
        predicate = self._message_predicate(chat_id, contains, methods)
        return self.wait_for(predicate, timeout, since=since, what=f"a message to {chat_id} containing {contains!r}")

    async def wait_for_message_async(
        self,
        chat_id: int | str | None = None,
        contains: str | None = None,
        timeout: float = 10.0,
        *,
        since: int = 0,
        methods: Iterable[str] = SEND_METHODS,
    ) -> Call:
        predicate = self._message_predicate(chat_id, contains, methods)
        return await self.wait_for_async(
            predicate, timeout, since=since, what=f"a message to {chat_id} containing {contains!r}"
        )

    def mark(self) -> int:
        """Current length of :attr:`sent`; pass it as ``since=`` to wait only for later calls."""
        with self._lock:
            return len(self._sent)

    # ------------------------------------------------------------ API methods

    def register_method(self, name: str, handler: Handler) -> None:
        """Serve (or override) a Bot API method: ``handler(params, files)`` returns the ``result`` or raises
        :class:`BotAPIError`. It runs on the server thread with the state lock held: keep it quick."""
        with self._lock:
            self._custom[name.lower()] = (name, handler)

    def _builtin_handlers(self) -> dict[str, Handler]:
        def true(params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
            return True

        return {
            "getMe": lambda params, files: copy.deepcopy(self.me),
            "getUpdates": lambda params, files: [],  # served by _get_updates
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getFile": self._get_file,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "leaveChat": self._leave_chat,
            "close": true,
            "logOut": true,
            "setMyDescription": true,
            "setMyShortDescription": true,
            "setMyName": true,
            "setChatMenuButton": true,
            "setMyDefaultAdministratorRights": true,
        }

    @staticmethod
    def _require_chat(params: dict[str, Any]) -> int | str:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        return chat_id  # type: ignore[no-any-return]

    def _formatted(
        self, params: dict[str, Any], text_key: str, entities_key: str, limit: int, *, required: bool
    ) -> tuple[str | None, list[dict[str, Any]]]:
        text = params.get(text_key)
        if text is None or text == "":
            if required:
                raise _bad("message text is empty")
            return None, []
        text = str(text)
        parse_mode = params.get("parse_mode")
        entities: list[dict[str, Any]]
        if parse_mode:
            mode = str(parse_mode).lower()
            if mode == "html":
                try:
                    text, entities = parse_html(text)
                except HTMLParseError as exc:
                    raise _bad(f"can't parse entities: {exc}") from None
            elif mode in {"markdown", "markdownv2"}:
                entities = []  # not parsed: the text is kept verbatim
            else:
                raise _bad("unsupported parse_mode")
        else:
            given = params.get(entities_key) or []
            if not isinstance(given, list) or not all(isinstance(e, dict) and "type" in e for e in given):
                raise _bad("can't parse entities JSON object")
            entities = [dict(e) for e in given]
        if required and not text.strip():
            raise _bad("message text is empty")
        if utf16_len(text) > limit:
            raise _bad("message is too long" if text_key == "text" else "message caption is too long")
        return text, entities

    @staticmethod
    def _check_markup(params: dict[str, Any]) -> dict[str, Any] | None:
        """Validate ``reply_markup``; return the inline keyboard to echo in the Message (or None)."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise _bad("can't parse inline keyboard button: InlineKeyboardMarkup must be an Array of Arrays")
            actions = {
                "url",
                "callback_data",
                "web_app",
                "login_url",
                "switch_inline_query",
                "switch_inline_query_current_chat",
                "switch_inline_query_chosen_chat",
                "copy_text",
                "callback_game",
                "pay",
            }
            for row in rows:
                for button in row:
                    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                        raise _bad('can\'t parse inline keyboard button: Field "text" must be of type String')
                    if not actions & button.keys():
                        raise _bad(
                            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                        )
                    data = button.get("callback_data")
                    if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                        raise _bad("BUTTON_DATA_INVALID")
            return copy.deepcopy(markup) if rows else None
        if not ({"keyboard", "remove_keyboard", "force_reply"} & markup.keys()):
            raise _bad("can't parse reply keyboard markup JSON object")
        return None

    def _new_bot_message(self, chat_id: int | str, params: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(chat_id)
        reply_parameters = params.get("reply_parameters")
        if reply_parameters is None and params.get("reply_to_message_id") is not None:
            reply_parameters = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": params.get("allow_sending_without_reply", False),
            }
        reply_to: dict[str, Any] | None = None
        if reply_parameters is not None:
            if not isinstance(reply_parameters, dict) or "message_id" not in reply_parameters:
                raise _bad("can't parse reply parameters JSON object")
            target_chat = reply_parameters.get("chat_id", chat_id)
            target = self._messages.get((target_chat, _to_int("message_id", reply_parameters["message_id"])))
            if target is None:
                if not reply_parameters.get("allow_sending_without_reply"):
                    raise _bad("message to be replied not found")
            else:
                reply_to = _strip_reply(target)
        markup = self._check_markup(params)
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_id),
            "from": copy.deepcopy(self.bot_user),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
        }
        if params.get("message_thread_id") is not None:
            message["message_thread_id"] = params["message_thread_id"]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(content)
        if markup is not None:
            message["reply_markup"] = markup
        self._store_message(message)
        return copy.deepcopy(message)

    def _send_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        text, entities = self._formatted(params, "text", "entities", MAX_TEXT_LENGTH, required=True)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        if params.get("link_preview_options"):
            content["link_preview_options"] = params["link_preview_options"]
        return self._new_bot_message(chat_id, params, content)

    def _caption_content(self, params: dict[str, Any]) -> dict[str, Any]:
        caption, entities = self._formatted(params, "caption", "caption_entities", MAX_CAPTION_LENGTH, required=False)
        content: dict[str, Any] = {}
        if caption:
            content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
        return content

    def _send_photo(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        source = self._resolve_input_file("photo", params, files)
        content = self._caption_content(params)
        if source is None:
            raise _bad("there is no photo in the request")
        if isinstance(source, UploadedFile):
            if not source.data:
                raise _bad("file must be non-empty")
            size = _image_size(source.data)
            if size is None:
                if self.strict_images:
                    raise _bad("IMAGE_PROCESS_FAILED")
                size = (512, 512)
            data, url = source.data, None
        elif isinstance(source, StoredFile):
            size = (source.width or 512, source.height or 512)
            data, url = source.data, source.url
        else:
            size, data, url = (800, 600), b"", source
        width, height = size
        longest = max(width, height, 1)
        sizes: list[dict[str, Any]] = []
        targets = [edge for edge in (90, 320, 800) if edge < min(longest, 1280)] + [min(longest, 1280)]
        for edge in targets:
            scale = edge / longest
            w, h = max(1, round(width * scale)), max(1, round(height * scale))
            stored = self._store_file(data, "photo", mime_type="image/jpeg", width=w, height=h, url=url)
            size_dict = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": max(1, round(len(data) * scale * scale)) if data else 0,
                "width": w,
                "height": h,
            }
            sizes.append(size_dict)
        content["photo"] = sizes
        return self._new_bot_message(chat_id, params, content)

    def _send_document(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        source = self._resolve_input_file("document", params, files)
        content = self._caption_content(params)
        if source is None:
            raise _bad("there is no document in the request")
        if isinstance(source, UploadedFile):
            if not source.data:
                raise _bad("file must be non-empty")
            name = source.filename or "file"
            mime = source.content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
            stored = self._store_file(source.data, "document", file_name=name, mime_type=mime)
        elif isinstance(source, StoredFile):
            stored = source
        else:
            name = source.rsplit("/", 1)[-1] or "file"
            stored = self._store_file(b"", "document", file_name=name, url=source)
        content["document"] = self._document_dict(stored)
        return self._new_bot_message(chat_id, params, content)

    def _send_chat_action(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        self._require_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _editable(self, params: dict[str, Any]) -> dict[str, Any] | None:
        """The stored message addressed by chat_id+message_id, or None for inline messages."""
        if params.get("inline_message_id"):
            return None
        chat_id = params.get("chat_id")
        if chat_id is None:
            raise _bad("chat_id is empty")
        if params.get("message_id") is None:
            raise _bad("message identifier is not specified")
        message = self._messages.get((chat_id, params["message_id"]))
        if message is None:
            raise _bad("message to edit not found")
        if message.get("from", {}).get("id") != self.bot_id:
            raise _bad("message can't be edited")
        return message

    def _apply_edit(self, message: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        current = {key: message.get(key) for key in changes}
        if current == changes:
            raise _bad(_NOT_MODIFIED.removeprefix("Bad Request: "))
        for key, value in changes.items():
            if value is None or value == []:
                message.pop(key, None)
            else:
                message[key] = value
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _edit_message_text(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any] | bool:
        text, entities = self._formatted(params, "text", "entities", MAX_TEXT_LENGTH, required=True)
        markup = self._check_markup(params)
        message = self._editable(params)
        if message is None:
            return True
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        return self._apply_edit(message, {"text": text, "entities": entities or None, "reply_markup": markup})

    def _edit_message_caption(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any] | bool:
        content = self._caption_content(params)
        markup = self._check_markup(params)
        message = self._editable(params)
        if message is None:
            return True
        if "text" in message:
            raise _bad("there is no caption in the message to edit")
        changes = {
            "caption": content.get("caption"),
            "caption_entities": content.get("caption_entities"),
            "reply_markup": markup,
        }
        return self._apply_edit(message, changes)

    def _edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any] | bool:
        markup = self._check_markup(params)
        message = self._editable(params)
        if message is None:
            return True
        return self._apply_edit(message, {"reply_markup": markup})

    def _delete_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        chat_id = self._require_chat(params)
        key = (chat_id, params.get("message_id"))
        if params.get("message_id") is None or key not in self._messages:
            raise _bad("message to delete not found")
        del self._messages[key]  # type: ignore[arg-type]
        self._deleted.append(key)  # type: ignore[arg-type]
        return True

    def _answer_callback_query(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        record = self._callbacks.get(query_id)
        if record is None or any(a["callback_query_id"] == query_id for a in self._answered):
            raise BotAPIError(400, _QUERY_INVALID)
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        self._answered.append(
            {
                "callback_query_id": query_id,
                "text": text,
                "show_alert": bool(params.get("show_alert", False)),
                "url": params.get("url"),
                "cache_time": params.get("cache_time", 0),
                "time": time.time(),
            }
        )
        return True

    def _commands_target(self, params: dict[str, Any]) -> tuple[str, str]:
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad("invalid language code specified")
        return _scope_key(params.get("scope")), language

    def _set_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[dict[str, Any]] = []
        for item in commands:
            if not isinstance(item, dict):
                raise _bad("can't parse BotCommand JSON object")
            name, description = str(item.get("command", "")), str(item.get("description", ""))
            if not _COMMAND_NAME.match(name):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._commands_target(params)
        if cleaned:
            self._commands[key] = cleaned
        else:
            self._commands.pop(key, None)
        return True

    def _get_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> list[dict[str, Any]]:
        return copy.deepcopy(self._commands.get(self._commands_target(params), []))

    def _delete_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        self._commands.pop(self._commands_target(params), None)
        return True

    def _set_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self._webhook = {
            "url": url,
            "secret_token": params.get("secret_token"),
            "allowed_updates": params.get("allowed_updates"),
            "max_connections": params.get("max_connections", 40),
        }
        return True

    def _delete_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self._webhook = {"url": ""}
        return True

    def _get_webhook_info(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self._webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if info["url"]:
            info["max_connections"] = self._webhook.get("max_connections", 40)
            if self._webhook.get("allowed_updates"):
                info["allowed_updates"] = self._webhook["allowed_updates"]
        return info

    def _get_file(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad("invalid file_id")
        if stored.file_size > MAX_DOWNLOAD_SIZE:
            raise _bad("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.file_size,
            "file_path": stored.file_path,
        }

    def _get_chat(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        info = copy.deepcopy(self._chat(chat_id))
        info.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        return info

    def _get_chat_member(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        if params.get("user_id") is None:
            raise _bad("invalid user_id specified")
        return self._member_of(chat_id, int(params["user_id"]))

    def _get_chat_administrators(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> list[dict[str, Any]]:
        chat_id = self._require_chat(params)
        if self._chat(chat_id)["type"] == "private":
            raise _bad("there are no administrators in the private chat")
        admins = [
            self._member_of(chat_id, user_id)
            for (member_chat, user_id), member in self._members.items()
            if member_chat == chat_id and member["status"] in {"creator", "administrator"}
        ]
        if (
            self._bot_status.get(chat_id) in {"creator", "administrator"}
            and (chat_id, self.bot_id) not in self._members
        ):
            admins.append(self._member_of(chat_id, self.bot_id))
        return admins

    def _leave_chat(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        chat_id = self._require_chat(params)
        if self._chat(chat_id)["type"] == "private":
            raise _bad("chat member status can't be changed in private chats")
        self._bot_status[chat_id] = "left"
        self._left_chats.append(chat_id)
        return True
