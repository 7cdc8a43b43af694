"""Per-user flood protection: more than N questions in a minute earns one polite warning and a pause.

What counts is the caller's choice: the bot counts citizens' free-text questions only (``handlers/system.py``);
commands, buttons and staff work are never throttled."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    ALLOW = "allow"
    WARN = "warn"  # tell the user once to slow down
    DROP = "drop"  # ignore silently


@dataclass
class _State:
    times: deque[float] = field(default_factory=deque)
    paused_until: float = 0.0


class Throttle:
    def __init__(
        self, per_minute: int = 20, pause_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_minute = per_minute
        self.pause_seconds = pause_seconds
        self.clock = clock
        self._users: dict[int, _State] = {}

    def check(self, user_id: int) -> Verdict:
        now = self.clock()
        state = self._users.setdefault(user_id, _State())
        if now < state.paused_until:
            return Verdict.DROP
        while state.times and now - state.times[0] > 60.0:
            state.times.popleft()
        state.times.append(now)
        if len(state.times) > self.per_minute:
            state.paused_until = now + self.pause_seconds
            state.times.clear()
            return Verdict.WARN
        if len(self._users) > 10_000:  # forget idle users so memory stays bounded
            self._users = {u: s for u, s in self._users.items() if s.times and now - s.times[-1] < 60.0}
        return Verdict.ALLOW
