"""Flood control (bot/answering/throttle.py): the verdicts, and memory that follows the users of the last minute."""

from __future__ import annotations

from bot.answering.throttle import Throttle, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_more_than_the_limit_in_a_minute_earns_one_warning_then_silence_until_the_pause_ends() -> None:
    clock = Clock()
    throttle = Throttle(per_minute=3, pause_seconds=30, clock=clock)
    assert [throttle.check(7) for _ in range(3)] == [Verdict.ALLOW] * 3
    assert throttle.check(7) is Verdict.WARN
    clock.now += 29
    assert throttle.check(7) is Verdict.DROP
    assert throttle.check(8) is Verdict.ALLOW  # others are not held up
    clock.now += 2
    assert throttle.check(7) is Verdict.ALLOW  # the pause is over and the count starts again


def test_the_window_slides_questions_older_than_a_minute_no_longer_count() -> None:
    clock = Clock()
    throttle = Throttle(per_minute=3, clock=clock)
    for _ in range(3):
        assert throttle.check(7) is Verdict.ALLOW
        clock.now += 20
    # at 60 s: the first question (0 s) is exactly a minute old and still counts
    assert throttle.check(7) is Verdict.WARN
    clock.now += 60
    throttle = Throttle(per_minute=3, clock=clock)
    for step in (0, 20, 20, 21):  # the fourth comes 61 s after the first: only three in the last minute
        clock.now += step
        assert throttle.check(7) is Verdict.ALLOW


def test_users_quiet_for_a_minute_are_forgotten_so_memory_follows_the_active_ones() -> None:
    clock = Clock()
    throttle = Throttle(per_minute=20, pause_seconds=60, clock=clock)
    for user in range(100_000):  # 100,000 users, 1,000 a second: about 60,000 wrote in any one minute
        if user % 1000 == 0:
            clock.now += 1
        throttle.check(user)
    assert len(throttle) <= 61_000


def test_a_paused_user_is_remembered_for_the_whole_pause_even_when_quiet() -> None:
    clock = Clock()
    throttle = Throttle(per_minute=1, pause_seconds=300, clock=clock)
    throttle.check(7)
    assert throttle.check(7) is Verdict.WARN
    for second in range(299):  # five minutes of other users, one a second
        clock.now += 1
        throttle.check(10_000 + second)
    assert throttle.check(7) is Verdict.DROP  # still paused: the pause was not forgotten with the minute
    clock.now += 2
    assert throttle.check(7) is Verdict.ALLOW


def test_the_cap_drops_the_least_recently_active_user_first() -> None:
    clock = Clock()
    throttle = Throttle(per_minute=2, clock=clock, max_users=100)
    throttle.check(7)
    throttle.check(7)
    for user in range(1, 99):
        throttle.check(1000 + user)
    assert throttle.check(7) is Verdict.WARN  # 100 users remembered: 7 is still there (and now the most recent)
    for user in range(500):
        throttle.check(5000 + user)
        assert len(throttle) <= 100
    assert throttle.check(7) is Verdict.ALLOW  # forgotten under the cap: a fresh start, not a crash
