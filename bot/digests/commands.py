"""What /langganan, /berhenti and /jadwal do, without Telegram: checks, changes, and the reply."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.answering.reply import Reply, bold, esc
from bot.answering.runtime import Runtime
from bot.digests.ledger import next_delivery
from bot.digests.schedule import ScheduleError, parse_schedule, schedule_examples
from bot.digests.subscriptions import get_subscription, schedule_of, set_schedule, subscribe, unsubscribe
from bot.staff.roles import is_staff
from bot.text.i18n import _, fmt_datetime

log = logging.getLogger(__name__)


@dataclass
class CommandResult:
    reply: Reply
    reschedule: bool = False  # the chat's job must be (re)built
    unschedule: bool = False


def refuse(command: str, user_id: int | None) -> CommandResult:
    log.warning("refused /%s for user %s (not staff)", command, user_id)
    return CommandResult(
        Reply(
            _(
                "Maaf, perintah ini hanya untuk staf Tanya Bansos. Anda tetap bisa bertanya "
                "tentang angka dan program kapan saja."
            ),
            intent="refused",
        )
    )


def refuse_anonymous(command: str) -> CommandResult:
    """A group admin writing as the group (anonymous): Telegram does not say who it is, so staff cannot be told
    from anyone else; say so and what to do."""
    log.info("/%s from an anonymous group admin: asked to write from their own account", command)
    return CommandResult(
        Reply(
            _(
                "Anda menulis sebagai admin anonim, jadi saya tidak bisa memastikan Anda staf Dinas Sosial. "
                "Matikan sementara “Tetap Anonim” di pengaturan admin grup (atau minta staf lain), lalu kirim "
                "/{command} lagi."
            ).format(command=command),
            intent="refused",
        )
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _next_line(rt: Runtime, chat_id: int) -> str:
    """The schedule and when the next digest will really go out (never a period the ledger already holds)."""
    sub = get_subscription(rt.service.engine, chat_id)
    if sub is None:
        return ""
    schedule = schedule_of(sub)
    when = next_delivery(rt.service.engine, sub, _now())
    line = _("Jadwal: {schedule}. Ringkasan berikutnya: {when}.").format(
        schedule=schedule.describe(), when=fmt_datetime(when, schedule.timezone)
    )
    if schedule.frequency == "monthly" and schedule.day_of_month > 28:
        line += " " + _(
            "Di bulan yang tidak punya tanggal {day}, ringkasan dikirim pada hari terakhir bulan itu (misalnya 28 "
            "atau 29 Februari)."
        ).format(day=schedule.day_of_month)
    return line


def subscribe_command(
    rt: Runtime,
    chat_id: int,
    chat_title: str,
    chat_type: str,
    user_id: int | None,
    args: str,
    language: str,
    *,
    anonymous: bool = False,
) -> CommandResult:
    if anonymous:
        return refuse_anonymous("langganan")
    if not is_staff(rt.service.engine, rt.settings, user_id):
        return refuse("langganan", user_id)
    answerer = rt.service.answerer()
    regions: list[str] = []
    programs: list[str] = []
    if args.strip():
        u = answerer.understander.understand(args)
        regions = [r.code for r in u.regions]
        programs = list(u.programs)
        if u.group:
            programs += [p for p in answerer.facts.groups[u.group].members if p not in programs]
        if not regions and not programs:
            return CommandResult(
                Reply(
                    _(
                        "Saya tidak mengenali wilayah atau program “{text}”. Contoh: “/langganan "
                        "batam”, “/langganan uep”, atau “/langganan” saja untuk semua."
                    ).format(text=esc(args.strip())),
                    intent="subscribe_error",
                )
            )
    before = get_subscription(rt.service.engine, chat_id)
    _sub, created = subscribe(
        rt.service.engine,
        chat_id,
        by=user_id or 0,
        title=chat_title,
        language=language,
        timezone=rt.settings.timezone,
        regions=regions,
        programs=programs,
    )
    what = [answerer.facts.regions[r].name for r in regions] + [
        answerer.pname(answerer.facts.programs[p], short=True) for p in programs
    ]
    if created:
        head = _("✅ Grup ini berlangganan ringkasan Tanya Bansos.")
    elif before is not None and not before.active:
        head = _("✅ Grup ini berlangganan lagi. Jadwal sebelumnya dipakai lagi; ubah dengan /jadwal bila perlu.")
    else:
        head = _("✅ Langganan grup ini diperbarui (jadwal tetap).")
    lines = [
        head,
        _("Isi: {what}.").format(what=esc(", ".join(what))) if what else _("Isi: semua kab/kota dan program."),
        _next_line(rt, chat_id),
        _("Ubah jadwal dengan /jadwal, berhenti dengan /berhenti."),
    ]
    if chat_type == "private":
        lines.insert(
            1,
            _(
                "(Ini obrolan pribadi; ringkasan juga bisa dikirim ke grup staf: tambahkan bot ke grup lalu "
                "kirim /langganan di sana.)"
            ),
        )
    return CommandResult(Reply("\n".join(x for x in lines if x), intent="subscribed"), reschedule=True)


def unsubscribe_command(rt: Runtime, chat_id: int, user_id: int | None, *, anonymous: bool = False) -> CommandResult:
    if anonymous:
        return refuse_anonymous("berhenti")
    if not is_staff(rt.service.engine, rt.settings, user_id):
        return refuse("berhenti", user_id)
    if unsubscribe(rt.service.engine, chat_id, f"/berhenti by {user_id}"):
        return CommandResult(
            Reply(
                _("Langganan ringkasan untuk grup ini dihentikan. Kirim /langganan untuk berlangganan lagi."),
                intent="unsubscribed",
            ),
            unschedule=True,
        )
    return CommandResult(Reply(_("Grup ini tidak sedang berlangganan ringkasan."), intent="unsubscribed"))


def schedule_command(
    rt: Runtime,
    chat_id: int,
    user_id: int | None,
    args: str,
    *,
    chat_type: str = "group",
    anonymous: bool = False,
) -> CommandResult:
    sub = get_subscription(rt.service.engine, chat_id)
    if sub is None or not sub.active:
        if chat_type == "private":
            text = _(
                "Obrolan ini belum berlangganan ringkasan. Jadwal ringkasan diatur di grup staf: tambahkan bot ke "
                "grup, kirim /langganan di sana, lalu /jadwal."
            )
        else:
            text = _("Grup ini belum berlangganan. Kirim /langganan dulu (khusus staf).")
        return CommandResult(Reply(text + "\n" + schedule_examples(), intent="schedule"))
    if not args.strip():
        return CommandResult(Reply(_next_line(rt, chat_id) + "\n" + schedule_examples(), intent="schedule"))
    if anonymous:
        return refuse_anonymous("jadwal")
    if not is_staff(rt.service.engine, rt.settings, user_id):
        return refuse("jadwal", user_id)
    try:
        # A time without a zone is in the configured default zone, not the zone the schedule had before.
        schedule = parse_schedule(args, rt.settings.timezone)
    except ScheduleError as exc:
        return CommandResult(Reply(esc(str(exc)), intent="schedule_error"))
    set_schedule(rt.service.engine, chat_id, schedule)
    return CommandResult(
        Reply(bold(_("Jadwal diperbarui.")) + " " + _next_line(rt, chat_id), intent="schedule"), reschedule=True
    )
