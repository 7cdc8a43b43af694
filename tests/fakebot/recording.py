"""What the bot did: every call in order, reply attribution for latencies, and the ``wait_for*`` helpers."""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Callable, Iterable
from typing import Any

from .protocol import REPLY_METHODS, SEND_METHODS, Call, UpdateRecord
from .state import State


class Recording(State):
    """The test's view of the bot's calls; waiting blocks on the state condition, never sleeps."""

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
                self._replied_count += 1
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
                self._replied_count += 1
                waiting.remove(record)
                return

    @property
    def replied_count(self) -> int:
        """How many injected updates the bot has replied to (cheap: for load generators that wait on it)."""
        with self._lock:
            return self._replied_count

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
    def polls_waiting(self) -> int:
        """``getUpdates`` calls held open right now, waiting for an update (read, checked, and parked)."""
        with self._lock:
            return self._polls_waiting

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

    def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0, *, what: str | None = None) -> None:
        """Block until ``condition()`` holds; it is checked again whenever the fake's state changes (a call, a
        webhook delivery answered), under the state lock."""
        with self._cond:
            if not self._cond.wait_for(condition, timeout):
                raise AssertionError(self._timeout_message(what or repr(condition), timeout))

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
