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

The server is one class assembled from parts, one module each (all share :class:`.state.State` and its lock):

* :mod:`.protocol` — the wire: constants, :class:`BotAPIError`, :class:`Call`, :class:`UpdateRecord`, coercion;
* :mod:`.http` — the server thread, routing and the one path every API call takes;
* :mod:`.faults` — ordered failures, slow answers and Telegram's flood limits;
* :mod:`.updates` — injected updates and ``getUpdates`` long polling;
* :mod:`.webhook` — ``setWebhook`` delivery: POSTs with the secret token header, retried with backoff;
* :mod:`.chats` — chats, users, members, stored messages; :mod:`.files` — uploads, ``getFile``, downloads;
* :mod:`.methods` — the Bot API methods themselves; :mod:`.recording` — what the bot did, and ``wait_for*``.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Sequence
from typing import Any

from aiohttp import web

from .chats import Chats
from .faults import Faults
from .files import Files
from .http import HTTPSide
from .methods import Methods
from .protocol import (
    BOT_ID,
    DEFAULT_TOKEN,
    DEFAULT_USER_ID,
    BotAPIError,
    Call,
    Handler,
    StoredFile,
    UpdateRecord,
    UploadedFile,
)
from .recording import Recording
from .updates import Updates
from .webhook import Webhook

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


class FakeBotAPI(HTTPSide, Faults, Updates, Webhook, Chats, Files, Methods, Recording):
    """A fake Telegram Bot API server. See the module docstring for an overview.

    Realistic behaviours worth knowing:

    * updates stay queued until confirmed by ``getUpdates(offset=…)``; ``deleteWebhook(drop_pending_updates=True)``
      (PTB's ``drop_pending_updates=True``) drops them, and a second concurrent ``getUpdates`` terminates the first
      one with 409 Conflict;
    * after :meth:`inject_my_chat_member` with ``left``/``kicked`` (or the bot's own ``leaveChat``) sends to that chat
      answer 403; after :meth:`inject_migrate` sends to the old group answer 400 with ``migrate_to_chat_id``;
    * ``editMessageText`` with identical content answers 400 "message is not modified";
    * ``answerCallbackQuery`` works once per injected query id;
    * ``sendPhoto`` requires real PNG/JPEG/GIF/WebP bytes (``strict_images=False`` to relax);
    * after ``setWebhook`` to a loopback URL updates are POSTed to the bot and retried until answered 2xx (see
      :mod:`.webhook`; ``webhook_retry_delays`` and ``webhook_timeout`` set the backoff and the patience).
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
        webhook_retry_delays: Sequence[float] = (0.25, 0.5, 1.0, 2.0, 4.0),
        webhook_timeout: float = 10.0,
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
        self.webhook_retry_delays = tuple(webhook_retry_delays)
        self.webhook_timeout = webhook_timeout

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
        self._webhook_tasks: set[asyncio.Task[None]] = set()
        for name, handler in self._builtin_handlers().items():
            self._handlers[name.lower()] = (name, handler)
        self._reset_state()
