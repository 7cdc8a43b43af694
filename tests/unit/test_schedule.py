"""Digest schedules, without a database or Telegram: what staff type after /jadwal, when a schedule fires (in
WIB, WITA and WIT), which period a digest covers, and the APScheduler trigger that wakes the sweep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.digests.schedule import Schedule, ScheduleError, parse_schedule, schedule_examples
from bot.digests.subscriptions import schedule_of
from bot.text.i18n import use_language
from models.digest import Subscription

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
OFFSET = {WIB: 7, WITA: 8, WIT: 9}
PROPERTY = settings(max_examples=300, deadline=None, derandomize=True)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def local(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))  # type: ignore[misc]


# ---- what staff type ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("senin 08:00", Schedule("weekly", weekday=0, hour=8, minute=0)),
        ("Senin 08:00", Schedule("weekly", weekday=0, hour=8, minute=0)),
        ("Senin, 08:00", Schedule("weekly", weekday=0, hour=8, minute=0)),
        ("setiap senin 08:00", Schedule("weekly", weekday=0, hour=8, minute=0)),
        ("hari senin 08:00", Schedule("weekly", weekday=0, hour=8, minute=0)),
        ("selasa 9:15", Schedule("weekly", weekday=1, hour=9, minute=15)),
        ("rabu 13.45", Schedule("weekly", weekday=2, hour=13, minute=45)),
        ("kamis 00:00", Schedule("weekly", weekday=3, hour=0, minute=0)),
        ("jumat 16:00", Schedule("weekly", weekday=4, hour=16, minute=0)),
        ("jum'at 16:00", Schedule("weekly", weekday=4, hour=16, minute=0)),
        ("sabtu 23:59", Schedule("weekly", weekday=5, hour=23, minute=59)),
        ("minggu 10:00", Schedule("weekly", weekday=6, hour=10, minute=0)),
        ("ahad 10:00", Schedule("weekly", weekday=6, hour=10, minute=0)),
        ("friday 07:00", Schedule("weekly", weekday=4, hour=7, minute=0)),
        ("selasa", Schedule("weekly", weekday=1, hour=8, minute=0)),
        ("mingguan", Schedule("weekly", weekday=0, hour=8, minute=0)),
        ("weekly 10:00", Schedule("weekly", weekday=0, hour=10, minute=0)),
        ("harian 07:30", Schedule("daily", hour=7, minute=30)),
        ("harian 07.30", Schedule("daily", hour=7, minute=30)),
        ("setiap hari 06:00", Schedule("daily", hour=6, minute=0)),
        ("tiap hari 6.05", Schedule("daily", hour=6, minute=5)),
        ("daily 21:00", Schedule("daily", hour=21, minute=0)),
        ("bulanan 1 08:00", Schedule("monthly", day_of_month=1, hour=8, minute=0)),
        ("bulanan 15 07:00", Schedule("monthly", day_of_month=15, hour=7, minute=0)),
        ("bulanan 31", Schedule("monthly", day_of_month=31, hour=8, minute=0)),
        ("setiap bulan tanggal 5 07:00", Schedule("monthly", day_of_month=5, hour=7, minute=0)),
        ("tiap bulan 28 09:00", Schedule("monthly", day_of_month=28, hour=9, minute=0)),
    ],
)
def test_every_schedule_form_staff_type_is_understood(text: str, expected: Schedule) -> None:
    assert parse_schedule(text, WIB) == expected


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("jumat 16:00 wita", WITA),
        ("senin 08:00 WIT", WIT),
        ("harian 07:30 wib", WIB),
        ("bulanan 1 08:00 wita", WITA),
    ],
)
def test_a_zone_at_the_end_sets_the_schedule_s_zone(text: str, zone: str) -> None:
    assert parse_schedule(text, WIB).timezone == zone


def test_without_a_zone_the_group_s_own_zone_is_kept() -> None:
    assert parse_schedule("senin 08:00", WITA).timezone == WITA
    assert parse_schedule("harian 07:30", WIT).timezone == WIT


def test_the_default_is_monday_08_00_wib() -> None:
    assert Schedule() == Schedule("weekly", weekday=0, hour=8, minute=0, timezone=WIB)
    assert schedule_of(Subscription(chat_id=-1, subscribed_by=1)) == Schedule()
    with use_language("id"):
        assert Schedule().describe() == "setiap Senin pukul 08.00 WIB"


def test_a_schedule_describes_itself_in_indonesian() -> None:
    with use_language("id"):
        assert parse_schedule("harian 07:30 wita", WIB).describe() == "setiap hari pukul 07.30 WITA"
        assert parse_schedule("bulanan 31 06:00 wit", WIB).describe() == "setiap tanggal 31 pukul 06.00 WIT"
        assert parse_schedule("jumat 16:00", WIB).describe() == "setiap Jumat pukul 16.00 WIB"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "Jadwal belum diisi"),
        ("   ", "Jadwal belum diisi"),
        ("senin 25:00", "Jam tidak valid"),
        ("senin 08:60", "Jam tidak valid"),
        ("harian 24:00", "Jam tidak valid"),
        ("senin 0800", "Jam tidak valid"),
        ("senin 8.5", "Jam tidak valid"),
        ("senin 08:00 09:00", "satu jam saja"),
        ("bulanan 32 08:00", "tanggal 1–31"),
        ("bulanan 0 08:00", "tanggal 1–31"),
        ("bulanan 08:00", "tanggal 1–31"),
        ("bulanan 1 2 08:00", "tanggal 1–31"),
        ("senin selasa 08:00", "tidak dikenali"),
        ("harian senin 08:00", "tidak dikenali"),
        ("kapan saja", "tidak dikenali"),
        ("senin 8", "tidak dikenali"),
        ("08:00", "tidak dikenali"),
        ("wib", "tidak dikenali"),
    ],
)
def test_a_bad_value_is_refused_with_an_example_of_a_good_one(text: str, problem: str) -> None:
    with use_language("id"), pytest.raises(ScheduleError) as caught:
        parse_schedule(text, WIB)
    message = str(caught.value)
    assert problem in message
    assert "Contoh:" in message
    assert "/jadwal senin 08:00" in message
    assert "/jadwal harian 07:30" in message
    assert "/jadwal bulanan 1 08:00" in message
    assert message.endswith(schedule_examples())


def test_an_example_in_a_refusal_is_itself_a_good_schedule() -> None:
    for example in ("senin 08:00", "harian 07:30", "bulanan 1 08:00"):
        assert "/jadwal " + example in schedule_examples()
        parse_schedule(example, WIB)  # does not raise


def test_setiap_minggu_means_every_week_as_the_weekly_words_intend() -> None:
    assert parse_schedule("setiap minggu 08:00", WIB) == Schedule("weekly", weekday=0, hour=8, minute=0)


# ---- fire times ---------------------------------------------------------------------------------------------------
def test_the_monday_default_fires_at_08_00_wib_which_is_01_00_utc() -> None:
    s = Schedule()
    monday = utc(2026, 11, 30, 1, 0)  # Monday 30 November 2026, 08:00 WIB
    assert s.previous_fire(monday) == monday  # a fire time is "at or before" itself
    assert s.previous_fire(monday - timedelta(seconds=1)) == monday - timedelta(days=7)
    assert s.next_fire(monday) == monday + timedelta(days=7)  # strictly after
    assert s.next_fire(monday - timedelta(seconds=1)) == monday
    assert s.previous_fire(utc(2026, 12, 3, 12, 0)) == monday  # Thursday
    assert s.next_fire(utc(2026, 12, 3, 12, 0)) == utc(2026, 12, 7, 1, 0)


@pytest.mark.parametrize("zone", [WIB, WITA, WIT])
def test_the_same_local_time_is_a_different_instant_in_each_zone(zone: str) -> None:
    s = Schedule("daily", hour=7, minute=30, timezone=zone)
    fire = s.previous_fire(utc(2026, 6, 15, 12, 0))
    assert fire == utc(2026, 6, 15, 7, 30) - timedelta(hours=OFFSET[zone])
    assert fire.tzinfo == UTC
    assert fire.astimezone(ZoneInfo(zone)).hour == 7


def test_a_wit_morning_fire_is_the_previous_utc_day() -> None:
    s = Schedule("weekly", weekday=0, hour=6, minute=0, timezone=WIT)  # Monday 06:00 WIT = Sunday 21:00 UTC
    fire = s.previous_fire(utc(2026, 11, 30, 12, 0))
    assert fire == utc(2026, 11, 29, 21, 0)
    assert fire.astimezone(ZoneInfo(WIT)).weekday() == 0
    assert s.period_key(fire) == "2026-W49"  # the Monday's week, not the UTC Sunday's


def test_previous_and_next_fire_around_midnight_in_the_zone() -> None:
    s = Schedule("daily", hour=0, minute=15, timezone=WITA)  # 00:15 WITA = 16:15 UTC the day before
    assert s.previous_fire(utc(2026, 3, 1, 16, 14)) == utc(2026, 2, 28, 16, 15)
    assert s.previous_fire(utc(2026, 3, 1, 16, 15)) == utc(2026, 3, 1, 16, 15)
    assert s.next_fire(utc(2026, 3, 1, 16, 15)) == utc(2026, 3, 2, 16, 15)
    assert s.period_key(utc(2026, 3, 1, 16, 15)) == "2026-03-02"


@pytest.mark.parametrize("zone", [WIB, WITA, WIT])
def test_zones_have_no_daylight_saving_every_daily_fire_is_the_same_utc_time_all_year(zone: str) -> None:
    s = Schedule("daily", hour=8, minute=0, timezone=zone)
    now = utc(2026, 1, 1, 12, 0)
    fires = []
    for _day in range(366):
        now = s.next_fire(now)
        fires.append(now)
    assert {(f.hour, f.minute) for f in fires} == {((8 - OFFSET[zone]) % 24, 0)}
    assert all(b - a == timedelta(days=1) for a, b in pairwise(fires))


def test_weekly_fires_are_exactly_seven_days_apart_across_the_year_end() -> None:
    s = Schedule("weekly", weekday=0, hour=8, minute=0, timezone=WIB)
    now = utc(2026, 11, 1)
    fires = []
    for _week in range(12):
        now = s.next_fire(now)
        fires.append(now)
    assert all(b - a == timedelta(days=7) for a, b in pairwise(fires))
    assert [s.period_key(f) for f in fires[7:11]] == ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]


def test_monthly_on_the_1st() -> None:
    s = Schedule("monthly", day_of_month=1, hour=8, minute=0, timezone=WIB)
    first = utc(2026, 12, 1, 1, 0)
    assert s.previous_fire(first) == first
    assert s.previous_fire(first - timedelta(seconds=1)) == utc(2026, 11, 1, 1, 0)
    assert s.next_fire(first) == utc(2027, 1, 1, 1, 0)  # across the year end
    assert s.period_key(first) == "2026-12"
    assert s.fire_before(utc(2027, 1, 1, 1, 0)) == first


@pytest.mark.parametrize(
    ("month", "last"),
    [(1, 31), (2, 28), (3, 31), (4, 30), (6, 30), (9, 30), (11, 30), (12, 31)],
)
def test_bulanan_31_fires_on_the_last_day_of_shorter_months(month: int, last: int) -> None:
    s = parse_schedule("bulanan 31 08:00", WIB)
    start = local(WIB, 2026, month, 1, 0, 0)
    fire = s.next_fire(start)
    assert fire == local(WIB, 2026, month, last, 8, 0)
    assert s.period_key(fire) == f"2026-{month:02d}"
    assert s.previous_fire(fire) == fire
    assert s.previous_fire(fire - timedelta(minutes=1)) < start  # the previous month's


def test_bulanan_31_in_a_leap_february_is_the_29th_and_30_is_too() -> None:
    for day in (29, 30, 31):
        s = Schedule("monthly", day_of_month=day, hour=8, minute=0, timezone=WIB)
        assert s.next_fire(local(WIB, 2028, 2, 1)) == local(WIB, 2028, 2, 29, 8, 0)
        assert s.next_fire(local(WIB, 2026, 2, 1)) == local(WIB, 2026, 2, 28, 8, 0)


def test_bulanan_31_previous_fire_early_in_march_is_the_end_of_february() -> None:
    s = Schedule("monthly", day_of_month=31, hour=8, minute=0, timezone=WIB)
    assert s.previous_fire(local(WIB, 2026, 3, 1, 9, 0)) == local(WIB, 2026, 2, 28, 8, 0)
    assert s.previous_fire(local(WIB, 2026, 3, 31, 7, 59)) == local(WIB, 2026, 2, 28, 8, 0)
    assert s.previous_fire(local(WIB, 2026, 3, 31, 8, 0)) == local(WIB, 2026, 3, 31, 8, 0)
    assert s.fire_before(local(WIB, 2026, 3, 31, 8, 0)) == local(WIB, 2026, 2, 28, 8, 0)
    assert s.fire_before(local(WIB, 2026, 1, 31, 8, 0)) == local(WIB, 2025, 12, 31, 8, 0)


def test_period_keys_per_frequency() -> None:
    fire = utc(2026, 11, 30, 1, 0)  # Monday 30 November 2026 08:00 WIB
    assert Schedule("weekly").period_key(fire) == "2026-W49"
    assert Schedule("daily").period_key(fire) == "2026-11-30"
    assert Schedule("monthly").period_key(fire) == "2026-11"


def test_period_keys_use_the_local_date_not_utc() -> None:
    fire = utc(2026, 11, 30, 17, 30)  # Tuesday 1 December 00:30 WIT
    assert Schedule("daily", timezone=WIT).period_key(fire) == "2026-12-01"
    assert Schedule("monthly", timezone=WIT).period_key(fire) == "2026-12"
    assert Schedule("daily", timezone=WIB).period_key(fire) == "2026-12-01"  # 00:30 WIB too
    assert Schedule("daily", timezone=WIB).period_key(utc(2026, 11, 30, 16, 59)) == "2026-11-30"


def test_fire_before_is_the_start_of_the_period() -> None:
    fire = utc(2026, 11, 30, 1, 0)
    assert Schedule("weekly").fire_before(fire) == fire - timedelta(days=7)
    assert Schedule("daily").fire_before(fire) == fire - timedelta(days=1)
    assert Schedule("monthly", day_of_month=30).fire_before(fire) == utc(2026, 10, 30, 1, 0)


# ---- properties over many instants -------------------------------------------------------------------------------
schedules = st.builds(
    Schedule,
    frequency=st.sampled_from(["weekly", "daily", "monthly"]),
    weekday=st.integers(0, 6),
    day_of_month=st.integers(1, 31),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    timezone=st.sampled_from([WIB, WITA, WIT]),
)
instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC))


@PROPERTY
@given(schedules, instants)
def test_previous_fire_is_at_or_before_now_and_next_fire_strictly_after(s: Schedule, now: datetime) -> None:
    prev, nxt = s.previous_fire(now), s.next_fire(now)
    assert prev <= now < nxt
    for fire in (prev, nxt):
        at = fire.astimezone(s.zone)
        assert (at.hour, at.minute, at.second) == (s.hour, s.minute, 0)
        assert s.fires_on(at.date())
    # nothing fires in between
    assert s.next_fire(prev) == nxt
    assert s.previous_fire(nxt - timedelta(seconds=1)) == prev
    assert s.fire_before(nxt) == prev
    assert s.period_key(prev) != s.period_key(nxt)


@PROPERTY
@given(schedules, instants)
def test_the_apscheduler_trigger_wakes_at_every_fire_time(s: Schedule, now: datetime) -> None:
    trigger = s.trigger()
    woken = trigger.get_next_fire_time(None, now)
    expected = s.next_fire(now - timedelta(microseconds=1))  # APScheduler's next fire may equal now
    if s.frequency == "monthly" and s.day_of_month > 28:
        # "28-31": wakes on the 28th-31st; the sweep decides from previous_fire what is due
        assert woken <= expected
        assert woken.astimezone(s.zone).day >= 28
        while woken < expected:
            woken = trigger.get_next_fire_time(woken, woken + timedelta(seconds=1))
    assert woken == expected
