"""Digest schedules: parsing what staff type ("senin 08:00", "harian 07.30", "bulanan 1 08:00"), fire times,
period keys, and the APScheduler trigger. Times are in the subscription's zone; everything stored is UTC."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.text.i18n import _, current_language
from models.digest import Frequency

WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "sen": 0, "sel": 1, "rab": 2, "kam": 3, "jum": 4, "sab": 5, "min": 6,
}  # fmt: skip
DAILY = {"harian", "setiap hari", "tiap hari", "daily", "everyday", "every day"}
MONTHLY = {"bulanan", "setiap bulan", "tiap bulan", "monthly"}
WEEKLY = {"mingguan", "setiap minggu", "tiap minggu", "weekly"}
ZONES = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura"}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class Schedule:
    frequency: Frequency = Frequency.WEEKLY
    weekday: int = 0
    day_of_month: int = 1
    hour: int = 8
    minute: int = 0
    timezone: str = "Asia/Jakarta"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def trigger(self) -> CronTrigger:
        """An APScheduler trigger firing at (or, for days past 28, around) each fire time.

        The job only wakes the delivery sweep, which decides from :meth:`previous_fire` what is due; so a trigger
        that fires on days 28–31 for "the 31st" (the last day in shorter months) is exact where it matters.
        """
        if self.frequency == Frequency.DAILY:
            return CronTrigger(hour=self.hour, minute=self.minute, timezone=self.zone)
        if self.frequency == Frequency.MONTHLY:
            day = str(self.day_of_month) if self.day_of_month <= 28 else "28-31"
            return CronTrigger(day=day, hour=self.hour, minute=self.minute, timezone=self.zone)
        return CronTrigger(day_of_week=self.weekday, hour=self.hour, minute=self.minute, timezone=self.zone)

    def fires_on(self, day: date) -> bool:
        if self.frequency == Frequency.DAILY:
            return True
        if self.frequency == Frequency.MONTHLY:
            return day == self._monthly_day(day.year, day.month)
        return day.weekday() == self.weekday

    def _fire_on(self, day: date) -> datetime:
        return datetime(day.year, day.month, day.day, self.hour, self.minute, tzinfo=self.zone)

    def _monthly_day(self, year: int, month: int) -> date:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(self.day_of_month, last))

    def previous_fire(self, now: datetime) -> datetime:
        """The latest fire time at or before ``now`` (aware), in UTC."""
        local = now.astimezone(self.zone)
        if self.frequency == Frequency.DAILY:
            fire = self._fire_on(local.date())
            if fire > local:
                fire = self._fire_on(local.date() - timedelta(days=1))
        elif self.frequency == Frequency.MONTHLY:
            fire = self._fire_on(self._monthly_day(local.year, local.month))
            if fire > local:
                year, month = (local.year, local.month - 1) if local.month > 1 else (local.year - 1, 12)
                fire = self._fire_on(self._monthly_day(year, month))
        else:
            back = (local.weekday() - self.weekday) % 7
            fire = self._fire_on(local.date() - timedelta(days=back))
            if fire > local:
                fire = self._fire_on(local.date() - timedelta(days=back + 7))
        return fire.astimezone(UTC)

    def fire_before(self, fire: datetime) -> datetime:
        """The fire time before a given one (the start of the period the digest at ``fire`` covers)."""
        return self.previous_fire(fire - timedelta(seconds=1))

    def next_fire(self, now: datetime) -> datetime:
        """The first fire time after ``now``, in UTC."""
        local = now.astimezone(self.zone)
        for offset in range(0, 63):
            day = local.date() + timedelta(days=offset)
            if self.fires_on(day):
                fire = self._fire_on(day)
                if fire > local:
                    return fire.astimezone(UTC)
        raise AssertionError("a schedule fires at least every two months")

    def period_key(self, fire: datetime) -> str:
        """Identifies a digest's period: "2026-W49" (weekly), "2026-11-30" (daily), "2026-12" (monthly)."""
        local = fire.astimezone(self.zone)
        if self.frequency == Frequency.DAILY:
            return local.date().isoformat()
        if self.frequency == Frequency.MONTHLY:
            return f"{local.year:04d}-{local.month:02d}"
        iso = local.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"

    def describe(self) -> str:
        """ "setiap Senin pukul 08.00 WIB" in the current language."""
        time = (
            f"{self.hour:02d}.{self.minute:02d}" if current_language() == "id" else f"{self.hour:02d}:{self.minute:02d}"
        )
        zone = {v: k.upper() for k, v in ZONES.items()}.get(self.timezone, self.timezone)
        if self.frequency == Frequency.DAILY:
            return _("setiap hari pukul {time} {zone}").format(time=time, zone=zone)
        if self.frequency == Frequency.MONTHLY:
            return _("setiap tanggal {day} pukul {time} {zone}").format(day=self.day_of_month, time=time, zone=zone)
        return _("setiap {weekday} pukul {time} {zone}").format(
            weekday=weekday_name(self.weekday), time=time, zone=zone
        )


def weekday_name(weekday: int) -> str:
    from babel.dates import get_day_names

    return get_day_names("wide", locale=current_language())[weekday]


class ScheduleError(ValueError):
    """What was wrong with a schedule, in the user's language, with an example of a good one."""


def schedule_examples() -> str:
    return _(
        "Contoh: “/jadwal senin 08:00”, “/jadwal harian 07:30”, “/jadwal bulanan 1 08:00” (opsional zona: WIB, "
        "WITA, WIT)."
    )


def parse_schedule(text: str, default_timezone: str) -> Schedule:
    """ "senin 08:00" → weekly Monday 08:00; "harian 07.30"; "bulanan 1 08:00"; "jumat 16:00 wita"."""
    words = text.lower().replace(",", " ").split()
    if not words:
        raise ScheduleError(_("Jadwal belum diisi.") + " " + schedule_examples())
    timezone = default_timezone
    if words[-1] in ZONES:
        timezone = ZONES[words.pop()]
    time_words = [w for w in words if _TIME.match(w)]
    if len(time_words) > 1:
        raise ScheduleError(_("Tulis satu jam saja.") + " " + schedule_examples())
    hour, minute = 8, 0
    if time_words:
        m = _TIME.match(time_words[0])
        assert m is not None
        hour, minute = int(m.group(1)), int(m.group(2))
        words.remove(time_words[0])
    elif any(re.fullmatch(r"\d{1,2}[:.]\d{1,2}", w) or re.fullmatch(r"\d{3,4}", w) for w in words):
        raise ScheduleError(
            _("Jam tidak valid; pakai format 24 jam seperti 08:00 atau 16.30.") + " " + schedule_examples()
        )
    phrase = " ".join(words)
    if phrase in DAILY:
        return Schedule(Frequency.DAILY, hour=hour, minute=minute, timezone=timezone)
    head = words[0] if words else ""
    if head in MONTHLY or phrase.startswith(("setiap bulan", "tiap bulan")):
        rest = [w for w in words if w.isdigit()]
        extra = [
            w
            for w in words
            if not w.isdigit() and w not in MONTHLY and w not in ("setiap", "tiap", "bulan", "tanggal", "tgl")
        ]
        if len(rest) != 1 or not 1 <= int(rest[0]) <= 31 or extra:
            raise ScheduleError(_("Sebutkan tanggal 1–31 untuk jadwal bulanan.") + " " + schedule_examples())
        return Schedule(Frequency.MONTHLY, day_of_month=int(rest[0]), hour=hour, minute=minute, timezone=timezone)
    if phrase in WEEKLY:  # "setiap minggu" is "every week" (the weekly default), not "every Sunday"
        return Schedule(Frequency.WEEKLY, weekday=0, hour=hour, minute=minute, timezone=timezone)
    day_words = [w for w in words if w in WEEKDAYS]
    if (head in WEEKLY or phrase in WEEKLY) and not day_words:
        return Schedule(Frequency.WEEKLY, weekday=0, hour=hour, minute=minute, timezone=timezone)
    leftovers = [w for w in words if w not in WEEKDAYS and w not in WEEKLY and w not in ("setiap", "tiap", "hari")]
    if len(day_words) == 1 and not leftovers:
        return Schedule(Frequency.WEEKLY, weekday=WEEKDAYS[day_words[0]], hour=hour, minute=minute, timezone=timezone)
    raise ScheduleError(_("Jadwal “{text}” tidak dikenali.").format(text=text.strip()) + " " + schedule_examples())
