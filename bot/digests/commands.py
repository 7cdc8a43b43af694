"""What /langganan, /berhenti and /jadwal do, without Telegram: checks, changes, and the reply."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.answering.reply import Reply, bold, esc
from bot.answering.runtime import Runtime
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


def _next_line(rt: Runtime, chat_id: int) -> str:
    from datetime import UTC, datetime

    sub = get_subscription(rt.service.engine, chat_id)
    if sub is None:
        return ""
    schedule = schedule_of(sub)
    return _("Jadwal: {schedule}. Ringkasan berikutnya: {when}.").format(
        schedule=schedule.describe(), when=fmt_datetime(schedule.next_fire(datetime.now(UTC)), schedule.timezone)
    )


def subscribe_command(
    rt: Runtime, chat_id: int, chat_title: str, chat_type: str, user_id: int | None, args: str, language: str
) -> CommandResult:
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
    lines = [
        _("✅ Grup ini berlangganan ringkasan Tanya Bansos.") if created else _("✅ Langganan grup ini diperbarui."),
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


def unsubscribe_command(rt: Runtime, chat_id: int, user_id: int | None) -> CommandResult:
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


def schedule_command(rt: Runtime, chat_id: int, user_id: int | None, args: str) -> CommandResult:
    sub = get_subscription(rt.service.engine, chat_id)
    if not args.strip():
        if sub is None or not sub.active:
            return CommandResult(
                Reply(
                    _("Grup ini belum berlangganan. Kirim /langganan dulu (khusus staf).") + "\n" + schedule_examples(),
                    intent="schedule",
                )
            )
        return CommandResult(Reply(_next_line(rt, chat_id) + "\n" + schedule_examples(), intent="schedule"))
    if not is_staff(rt.service.engine, rt.settings, user_id):
        return refuse("jadwal", user_id)
    if sub is None or not sub.active:
        return CommandResult(Reply(_("Grup ini belum berlangganan. Kirim /langganan dulu."), intent="schedule"))
    try:
        schedule = parse_schedule(args, sub.timezone or rt.settings.timezone)
    except ScheduleError as exc:
        return CommandResult(Reply(esc(str(exc)), intent="schedule_error"))
    set_schedule(rt.service.engine, chat_id, schedule)
    return CommandResult(
        Reply(bold(_("Jadwal diperbarui.")) + " " + _next_line(rt, chat_id), intent="schedule"), reschedule=True
    )
