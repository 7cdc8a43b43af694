"""The state every part of the fake server shares, behind one lock; ``reset`` forgets it all."""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections import Counter
from typing import Any

from aiohttp import web

from .protocol import BotAPIError, Call, Handler, StoredFile, UpdateRecord, WebhookDelivery, _Failure, _Limits, _Pending


class State:
    """Attributes of :class:`~tests.fakebot.server.FakeBotAPI`, declared once so each part can be read alone.

    Configuration is set by ``FakeBotAPI.__init__``; everything a test can observe lives in ``_reset_state``. Every
    access from the test thread or the server thread holds ``_lock`` (``_cond`` wakes the ``wait_for`` helpers)."""

    token: str
    bot_id: int
    bot_user: dict[str, Any]
    me: dict[str, Any]
    host: str
    require_token: bool
    strict_chats: bool
    strict_images: bool
    default_member_status: str
    webhook_retry_delays: tuple[float, ...]
    webhook_timeout: float

    _lock: threading.RLock
    _cond: threading.Condition
    _loop: asyncio.AbstractEventLoop | None
    _thread: threading.Thread | None
    _runner: web.AppRunner | None
    _requested_port: int
    _port: int | None
    _closing: bool
    _update_event: asyncio.Event | None
    _closing_event: asyncio.Event | None
    _update_ids: itertools.count[int]
    _file_ids: itertools.count[int]
    _callback_ids: itertools.count[int]
    _message_ids: dict[int | str, int]
    _custom: dict[str, tuple[str, Handler]]
    _handlers: dict[str, tuple[str, Handler]]
    _webhook_tasks: set[asyncio.Task[None]]

    def _reset_state(self) -> None:
        self._calls: list[Call] = []
        self._sent: list[Call] = []
        self._request_counts: Counter[str] = Counter()
        self._tokens_seen: set[str] = set()
        self._pending: list[_Pending] = []
        self._records: list[UpdateRecord] = []
        self._replied_count = 0
        self._unreplied: dict[int, list[UpdateRecord]] = {}
        self._allowed_updates: list[str] | None = None
        self._poll_generation = 0
        self._polls_waiting = 0
        self._chats: dict[int | str, dict[str, Any]] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._messages: dict[tuple[int | str, int], dict[str, Any]] = {}
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._callbacks: dict[str, UpdateRecord] = {}
        self._answered: list[dict[str, Any]] = []
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._webhook: dict[str, Any] = {"url": ""}
        self._webhook_generation = getattr(self, "_webhook_generation", 0) + 1  # stops a running delivery loop
        self._webhook_deliveries: list[WebhookDelivery] = []
        self._webhook_last_error: tuple[int, str] | None = None
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
