"""Per-user flood protection: more than N questions in a minute earns one polite warning and a pause.

What counts is the caller's choice: the bot counts citizens' free-text questions only (``handlers/system.py``);
commands, buttons and staff work are never throttled."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from enum import StrEnum


class Verdict(StrEnum):
    ALLOW = "allow"
    WARN = "warn"  # tell the user once to slow down
    DROP = "drop"  # ignore silently


WINDOW_SECONDS = 60.0
MAX_USERS = 50_000


class _State:
    """One user's questions in the last minute (oldest first), the end of their pause, when they last wrote."""

    __slots__ = ("last_seen", "paused_until", "times")

    def __init__(self) -> None:
        self.times: list[float] = []
        self.paused_until = 0.0
        self.last_seen = 0.0


class Throttle:
    """Users are kept in the order they last wrote, and forgotten once nothing of theirs can matter any more (no
    question in the last minute, no pause running): memory follows the users of the last minute, not every user
    ever seen. ``max_users`` caps it even then (the least recently active user goes first)."""

    def __init__(
        self,
        per_minute: int = 20,
        pause_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        max_users: int = MAX_USERS,
    ) -> None:
        self.per_minute = per_minute
        self.pause_seconds = pause_seconds
        self.clock = clock
        self.max_users = max_users
        self._forget_after = max(WINDOW_SECONDS, pause_seconds)
        self._users: OrderedDict[int, _State] = OrderedDict()

    def __len__(self) -> int:
        """Users remembered now."""
        return len(self._users)

    def check(self, user_id: int) -> Verdict:
        now = self.clock()
        self._forget(now)
        state = self._users.get(user_id)
        if state is None:
            state = self._users[user_id] = _State()
        else:
            self._users.move_to_end(user_id)
        state.last_seen = now
        if now < state.paused_until:
            return Verdict.DROP
        times = state.times
        expired = 0
        while expired < len(times) and now - times[expired] > WINDOW_SECONDS:
            expired += 1
        if expired:
            del times[:expired]
        times.append(now)
        if len(times) > self.per_minute:
            state.paused_until = now + self.pause_seconds
            times.clear()
            return Verdict.WARN
        return Verdict.ALLOW

    def _forget(self, now: float) -> None:
        """Drop the users whose last question is older than the window and the pause (they are first in order)."""
        users = self._users
        while users:
            oldest = users[next(iter(users))]
            if now - oldest.last_seen <= self._forget_after and len(users) < self.max_users:
                return
            users.popitem(last=False)
