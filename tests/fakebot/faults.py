"""Faults a test orders (failures, slow answers) and Telegram's flood limits, applied before a method runs."""

from __future__ import annotations

import math
import time
from collections import deque
from http import HTTPStatus
from typing import Any

from .protocol import _DEFAULT_DESCRIPTIONS, _MIGRATED, SEND_METHODS, BotAPIError, _bad, _Failure, _Limits
from .state import State


class Faults(State):
    """``fail_next``, ``fail_chat``, ``delay`` and ``enforce_limits``: what can go wrong, and when."""

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
