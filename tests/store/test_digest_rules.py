"""Digest rules under attack (issue 11 item 3 and 10, issue 10 defects 1, 2, 10): a send slower than the claim's
lease with two dispatchers, a claim taken over under a paused holder, schedule changes on one day, a clock that was
fast, a bot down for a week, 10,000 groups in one sweep, and the replies of /langganan, /berhenti and /jadwal."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event
from sqlmodel import select

from bot.config import Settings
from bot.digests import commands
from bot.digests.commands import schedule_command, subscribe_command, unsubscribe_command
from bot.digests.compose import Digest
from bot.digests.dispatcher import DigestDispatcher
from bot.digests.ledger import as_utc, claim, compute_due, finish
from bot.digests.schedule import Schedule
from bot.digests.subscriptions import get_subscription, set_schedule, subscribe
from bot.services import Service
from bot.text.i18n import fmt_datetime, use_language
from models.db import session_scope
from models.digest import DeliveryStatus, Subscription
from tests.conftest import make_settings
from tests.store import test_digest as base
from tests.store.test_digest import ADMIN, Transport, World, sweep

template, world = base.template, base.world  # the seeded store per test, shared with test_digest.py

WIB = ZoneInfo("Asia/Jakarta")


def backdate(world: World, chat_id: int, days: int = 30) -> None:
    """The subscription (and its last change) are ``days`` old by the world's clock."""
    with session_scope(world.engine) as session:
        sub = session.exec(select(Subscription).where(Subscription.chat_id == chat_id)).one()
        sub.created_at = sub.updated_at = world.now - timedelta(days=days)
        session.add(sub)


def weekly_group(world: World, chat_id: int, schedule: Schedule | None = None) -> None:
    subscribe(
        world.engine, chat_id, by=ADMIN, title="Staf", language="id", timezone="Asia/Jakarta", regions=[], programs=[]
    )
    set_schedule(world.engine, chat_id, schedule or Schedule())
    backdate(world, chat_id)


# ---- the claim is fenced ------------------------------------------------------------------------------------------
# These run on a manual clock: the lease's time passes only when the test moves it, so a busy machine (a slow
# thread pool, a slow database) can delay a renewal in real time but cannot make it late by the lease's clock.
WAIT = 60.0  # a safety net against a hang only: every wait below is for an event, never for time to pass


class ManualTime:
    """A clock and an ``asyncio.sleep`` stand-in that move only when the test calls :meth:`advance`."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self._sleepers: list[tuple[datetime, asyncio.Future[None]]] = []
        self._changed = asyncio.Condition()

    def clock(self) -> datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        wake: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._sleepers.append((self.now + timedelta(seconds=seconds), wake))
        async with self._changed:
            self._changed.notify_all()
        await wake

    async def sleeping(self, count: int) -> None:
        """Until ``count`` sleepers wait (each renewer is back in its sleep, its renewal written)."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self._sleepers) >= count), WAIT)

    async def advance(self, seconds: float) -> None:
        """Move the clock; wake the sleepers now due and wait until each has gone round to sleep again."""
        count = len(self._sleepers)
        self.now += timedelta(seconds=seconds)
        due = [s for s in self._sleepers if s[0] <= self.now]
        self._sleepers = [s for s in self._sleepers if s[0] > self.now]
        for _when, wake in due:
            wake.set_result(None)
        await self.sleeping(count)  # a renewer that found its claim taken over does not come back: a timeout


class GatedTransport(Transport):
    """A send that lasts until the test opens the gate (as long as the test likes, by the manual clock)."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()

    async def send_digest(self, chat_id: int, digest: Digest) -> int:
        await self.gate.wait()
        return await super().send_digest(chat_id, digest)


async def slow_send_with_a_second_dispatcher(service: Service, settings: Settings, start: datetime, chats: list[int]):
    """The first dispatcher claims every due digest and sends each for 1.5 leases (by the manual clock, its
    renewer going round every third of the lease); meanwhile a second dispatcher sweeps."""
    time = ManualTime(start)
    transport = GatedTransport()
    first = DigestDispatcher(service, settings, transport, clock=time.clock, sleep=time.sleep, concurrency=10)
    other = Transport()  # the second dispatcher's sends: instant, so a take-over fails the test instead of hanging it
    second = DigestDispatcher(service, settings, other, clock=time.clock, sleep=time.sleep, concurrency=10)
    sending = asyncio.create_task(first.sweep())
    await time.sleeping(len(chats))  # every digest claimed at ``start`` and its send under way
    lease = settings.digest_claim_lease_seconds
    for _ in range(3):
        await time.advance(0.4 * lease)  # each step wakes every renewer once
    await time.advance(0.3 * lease)  # 1.5 leases since the claims, 0.3 since the last renewal
    late = await second.sweep()  # like `digest send-due` from cron, or a second instance
    transport.gate.set()
    report = await asyncio.wait_for(sending, WAIT)
    transport.sent += other.sent
    return late, report, transport, start + timedelta(seconds=1.2 * lease)


async def test_a_send_slower_than_the_lease_is_not_taken_over_by_a_second_dispatcher(world: World) -> None:
    world.settings = make_settings(
        str(world.settings.database_url), admin_ids=[ADMIN], digest_claim_lease_seconds=1.0, digest_chart=False
    )
    chats = list(range(-600, -605, -1))
    for chat in chats:
        world.due_group(chat)
    late, report, transport, renewed = await slow_send_with_a_second_dispatcher(
        world.service, world.settings, world.now, chats
    )
    assert late.due == 0 and late.sent == 0
    assert report.sent == len(chats) and report.lost == 0
    assert sorted(c for c, _d in transport.sent) == sorted(chats)  # once each
    assert all([r.status for r in world.rows(c)] == [DeliveryStatus.SENT] for c in chats)
    assert all([r.attempts for r in world.rows(c)] == [1] for c in chats)  # never taken over
    assert all(as_utc(world.row(c).claimed_at) == renewed for c in chats)  # the renewals kept the claims


async def test_without_renewals_the_same_slow_send_would_be_taken_over(world: World) -> None:
    """The control for the test above: the second dispatcher does take over a claim 1.5 leases old."""
    world.settings = make_settings(
        str(world.settings.database_url), admin_ids=[ADMIN], digest_claim_lease_seconds=1.0, digest_chart=False
    )
    world.due_group(-606)
    [due] = compute_due(world.engine, world.now, world.dispatcher(Transport()).grace, timedelta(seconds=1))[0]
    assert claim(world.engine, due, world.now, timedelta(seconds=1)) is not None  # then no renewal
    time = ManualTime(world.now + timedelta(seconds=1.5))
    second = DigestDispatcher(world.service, world.settings, Transport(), clock=time.clock, sleep=time.sleep)
    assert (await second.sweep()).sent == 1


@pytest.mark.postgres
async def test_on_postgresql_a_send_slower_than_the_lease_is_not_taken_over(pg_seeded_url: str) -> None:
    settings = make_settings(pg_seeded_url, admin_ids=[ADMIN], digest_claim_lease_seconds=1.0, digest_chart=False)
    pg = World(settings, Service(settings, setup=False), Path("."))
    chats = list(range(-700, -705, -1))
    for chat in chats:
        pg.due_group(chat)
    late, report, transport, _renewed = await slow_send_with_a_second_dispatcher(pg.service, settings, pg.now, chats)
    assert (late.sent, report.sent, report.lost) == (0, len(chats), 0)
    assert sorted(c for c, _d in transport.sent) == sorted(chats)


def test_a_holder_whose_claim_was_taken_over_cannot_record_the_outcome(world: World) -> None:
    world.due_group(-610)
    lease = timedelta(seconds=120)
    [due] = compute_due(world.engine, world.now - timedelta(minutes=10), timedelta(hours=6), lease)[0]
    paused = claim(world.engine, due, world.now - timedelta(minutes=10), lease)  # then the process stalls
    assert paused is not None
    [again] = compute_due(world.engine, world.now, timedelta(hours=6), lease)[0]
    taker = claim(world.engine, again, world.now, lease)
    assert taker is not None and taker.attempt == paused.attempt + 1
    assert not finish(world.engine, paused, DeliveryStatus.SENT, message_id=1)  # the stale holder is fenced off
    assert world.row(-610).status == DeliveryStatus.SENDING
    assert finish(world.engine, taker, DeliveryStatus.SENT, message_id=2)
    assert world.row(-610).message_id == 2


# ---- rules about time ---------------------------------------------------------------------------------------------
def test_changing_the_frequency_four_times_on_one_monday_sends_one_digest(world: World) -> None:
    world.now = datetime(2026, 11, 30, 8, 5, tzinfo=WIB).astimezone(UTC)  # a Monday
    weekly_group(world, -620)
    transport = Transport()
    assert sweep(world, transport).sent == 1  # the weekly digest of 08:00
    for minutes, schedule in [
        (20, Schedule("daily", hour=8, minute=15)),
        (40, Schedule("weekly", weekday=0, hour=8, minute=30)),
        (60, Schedule("monthly", day_of_month=30, hour=8, minute=45)),
    ]:
        world.now += timedelta(minutes=20 if minutes > 20 else 15)
        set_schedule(world.engine, -620, schedule)
        sweep(world, transport)
    assert transport.count(-620) == 1
    skipped = [r for r in world.rows(-620) if r.status == DeliveryStatus.SKIPPED]
    assert skipped and all("covered" in r.error for r in skipped)
    world.now = datetime(2026, 12, 30, 8, 50, tzinfo=WIB).astimezone(UTC)  # the next month's digest does come
    assert sweep(world, transport).sent == 1 and transport.count(-620) == 2


def test_moving_a_daily_digest_earlier_still_sends_the_next_day(world: World) -> None:
    world.now = datetime(2026, 11, 30, 8, 5, tzinfo=WIB).astimezone(UTC)
    weekly_group(world, -621, Schedule("daily", hour=8))
    transport = Transport()
    sweep(world, transport)
    set_schedule(world.engine, -621, Schedule("daily", hour=7))
    world.now = datetime(2026, 12, 1, 7, 5, tzinfo=WIB).astimezone(UTC)  # 23 hours after the last one
    assert sweep(world, transport).sent == 1 and transport.count(-621) == 2


def test_a_clock_seven_days_fast_then_corrected_still_sends_that_week_s_digest_when_it_comes(world: World) -> None:
    world.now = datetime(2026, 11, 23, 8, 30, tzinfo=WIB).astimezone(UTC)
    weekly_group(world, -630)
    transport = Transport()
    sweep(world, transport)  # W48, on time
    world.now += timedelta(days=7)  # the clock jumps a week ahead: W49's digest goes early (nothing can tell)
    sweep(world, transport)
    world.now -= timedelta(days=7) - timedelta(minutes=30)  # corrected
    assert sweep(world, transport).due == 0
    void = [r for r in world.rows(-630) if r.status == DeliveryStatus.VOID]
    assert len(void) == 1 and void[0].period_key.startswith("2026-W49~")
    world.now = datetime(2026, 11, 30, 8, 30, tzinfo=WIB).astimezone(UTC)  # the real W49
    assert sweep(world, transport).sent == 1
    assert [r.period_key for r in world.rows(-630) if r.status == DeliveryStatus.SENT] == ["2026-W48", "2026-W49"]


def test_a_bot_down_for_a_week_records_the_missed_days_and_sends_only_the_latest(world: World) -> None:
    world.now = datetime(2026, 11, 20, 8, 30, tzinfo=WIB).astimezone(UTC)
    weekly_group(world, -640, Schedule("daily", hour=8))
    transport = Transport()
    sweep(world, transport)
    world.now = datetime(2026, 11, 28, 9, 0, tzinfo=WIB).astimezone(UTC)  # back eight days later
    report = sweep(world, transport)
    assert (report.sent, report.missed) == (1, 7)
    rows = {r.period_key: r.status for r in world.rows(-640)}
    assert [rows[f"2026-11-{d}"] for d in range(21, 28)] == [DeliveryStatus.MISSED] * 7
    assert rows["2026-11-28"] == DeliveryStatus.SENT and transport.count(-640) == 2
    assert sweep(world, transport).missed == 0  # recorded once


def test_working_out_what_is_due_for_many_groups_takes_a_few_queries(world: World) -> None:
    for chat in range(-10_000, -10_300, -1):
        world.due_group(chat)
    statements: list[str] = []
    event.listen(world.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    due, _missed = compute_due(world.engine, world.now, timedelta(hours=6), timedelta(seconds=120))
    assert len(due) == 300
    assert len(statements) <= 4, statements


# ---- what the replies promise -------------------------------------------------------------------------------------
@pytest.fixture
def frozen(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    world.now = datetime(2026, 11, 30, 9, 0, tzinfo=WIB).astimezone(UTC)
    monkeypatch.setattr(commands, "_now", lambda: world.now)
    return world


def _sent_today(world: World, chat_id: int) -> None:
    """The group's daily 08:00 digest went out an hour ago."""
    subscribe_command(world.runtime, chat_id, "Staf", "group", ADMIN, "", "id")
    set_schedule(world.engine, chat_id, Schedule("daily", hour=8))
    backdate(world, chat_id)
    assert sweep(world, Transport()).sent == 1


@pytest.mark.parametrize("steps", [["jadwal"], ["berhenti", "langganan"], ["langganan"]])
def test_a_reply_never_promises_today_s_digest_when_it_already_went_out(frozen: World, steps: list[str]) -> None:
    _sent_today(frozen, -650)
    rt = frozen.runtime
    with use_language("id"):
        for step in steps:
            if step == "berhenti":
                unsubscribe_command(rt, -650, ADMIN)
            elif step == "langganan":
                reply = subscribe_command(rt, -650, "Staf", "group", ADMIN, "", "id").reply.plain()
            else:
                reply = schedule_command(rt, -650, ADMIN, "harian 10:00").reply.plain()
        today = datetime(2026, 11, 30, 10 if "jadwal" in steps else 8, 0, tzinfo=WIB)
        tomorrow = today + timedelta(days=1)
        assert fmt_datetime(today, "Asia/Jakarta") not in reply
        assert fmt_datetime(tomorrow, "Asia/Jakarta") in reply


def test_resubscribing_after_berhenti_says_so_and_names_the_schedule_kept(frozen: World) -> None:
    rt = frozen.runtime
    with use_language("id"):
        subscribe_command(rt, -651, "Staf", "group", ADMIN, "", "id")
        schedule_command(rt, -651, ADMIN, "harian 07:30")
        unsubscribe_command(rt, -651, ADMIN)
        again = subscribe_command(rt, -651, "Staf", "group", ADMIN, "", "id").reply.plain()
    assert "berlangganan lagi" in again and "diperbarui" not in again
    assert "setiap hari pukul 07.30 WIB" in again


def test_a_time_without_a_zone_means_the_default_zone(frozen: World) -> None:
    rt = frozen.runtime
    with use_language("id"):
        subscribe_command(rt, -652, "Staf", "group", ADMIN, "", "id")
        schedule_command(rt, -652, ADMIN, "harian 07:30 WITA")
        reply = schedule_command(rt, -652, ADMIN, "harian 11:43").reply.plain()
    assert "11.43 WIB" in reply
    sub = get_subscription(frozen.engine, -652)
    assert sub is not None and sub.timezone == "Asia/Jakarta"


def test_jadwal_in_a_private_chat_does_not_talk_about_a_group(frozen: World) -> None:
    with use_language("id"):
        reply = schedule_command(frozen.runtime, 4242, ADMIN, "", chat_type="private").reply.plain()
    assert "Grup ini" not in reply and "Obrolan ini belum berlangganan" in reply and "/langganan" in reply


def test_jadwal_bulanan_31_explains_short_months(frozen: World) -> None:
    rt = frozen.runtime
    with use_language("id"):
        subscribe_command(rt, -653, "Staf", "group", ADMIN, "", "id")
        reply = schedule_command(rt, -653, ADMIN, "bulanan 31 08:00").reply.plain()
        short = schedule_command(rt, -653, ADMIN, "bulanan 15 08:00").reply.plain()
    assert "hari terakhir bulan" in reply and "Februari" in reply
    assert "hari terakhir" not in short


def test_an_anonymous_group_admin_is_told_how_to_subscribe(frozen: World) -> None:
    rt = frozen.runtime
    with use_language("id"):
        reply = subscribe_command(rt, -654, "Staf", "supergroup", 1087968824, "", "id", anonymous=True).reply
    assert reply.intent == "refused" and "admin anonim" in reply.plain() and "Tetap Anonim" in reply.plain()
    assert get_subscription(frozen.engine, -654) is None
