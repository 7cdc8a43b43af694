"""Undoing a whole import as staff see it: who may, the preview (each figure back to what it was, and what plain
questions will answer afterwards), and the result."""

from __future__ import annotations

import re

from bot.answering.reply import Choice, Reply, bold, esc
from bot.figures.facts import Facts
from bot.imports.undo import UndoPlan
from bot.staff.previews import APPLY, CANCEL, PREVIEW_CHANGES, figure_label, value_text, year_effects
from bot.text.i18n import _, fmt_datetime, fmt_int
from models.tables import ImportBatch

_TG_ID = re.compile(r"\(tg:(\d+)\)$")


def importer_id(batch: ImportBatch) -> int | None:
    """The Telegram user who applied an import (older imports: read from the audit label "Nama (tg:123)")."""
    if batch.imported_by_id is not None:
        return batch.imported_by_id
    found = _TG_ID.search(batch.imported_by or "")
    return int(found.group(1)) if found else None


def undo_usage() -> Reply:
    return Reply(
        _(
            "Membatalkan seluruh satu impor: /urungkan NOMOR (nomor impor ada di /riwayat), atau /urungkan terakhir. "
            "Saya tampilkan dulu angka yang akan kembali; tidak ada yang berubah sebelum Anda menekan Terapkan."
        ),
        intent="undo_help",
    )


def undo_refused(reason: str) -> Reply:
    return Reply("❌ " + esc(reason), intent="undo_refused")


def not_your_import(number: int) -> Reply:
    return Reply(
        _("Impor #{n} dilakukan staf lain; hanya admin atau staf yang mengimpornya yang bisa membatalkannya.").format(
            n=number
        ),
        intent="refused",
    )


def undo_preview(plan: UndoPlan, facts: Facts, token: str | None = None) -> Reply:
    """Each figure the undo puts back (now → then), and what plain questions will answer afterwards."""
    b = plan.batch
    lines = [
        _("↩️ Membatalkan impor #{n}: berkas {file}, oleh {actor}, {when}.").format(
            n=b.id, file=bold(b.filename), actor=esc(b.imported_by), when=esc(fmt_datetime(b.imported_at))
        ),
        _("{n} angka kembali seperti sebelum impor itu:").format(n=fmt_int(plan.count)),
    ]
    for step in plan.steps[:PREVIEW_CHANGES]:
        label = esc(figure_label(facts, *step.key))
        now = value_text(step.current.households if step.current else None)
        then = bold(fmt_int(step.restore.households)) if step.restore else bold(_("dihapus"))
        lines.append(f"• {label}: {now} → {then}")
    if plan.count > PREVIEW_CHANGES:
        lines.append(_("… dan {n} perubahan lain.").format(n=fmt_int(plan.count - PREVIEW_CHANGES)))
    after = facts.with_figures({s.key: s.restore.households if s.restore else None for s in plan.steps})
    lines += year_effects(facts, after)
    details = {"batch": b.id, "figures": plan.count}
    if token is None:
        return Reply("\n".join(lines), intent="undo_preview", details=details)
    lines.append(_("Tekan <b>Terapkan</b> untuk membatalkan impor ini, atau <b>Batal</b> untuk membiarkannya."))
    choices = [Choice(_("✅ Terapkan"), APPLY + token), Choice(_("✖️ Batal"), CANCEL + token)]
    return Reply("\n".join(lines), choices=choices, intent="undo_preview", details=details)


def undone_reply(number: int, batch: ImportBatch) -> Reply:
    text = _(
        "✅ Impor #{n} dibatalkan ({count} angka kembali), dicatat sebagai #{m}. Jawaban bot sudah memakai angka "
        "sebelumnya. Pembatalan ini pun bisa dibatalkan: /urungkan {m}."
    ).format(n=number, m=batch.id, count=fmt_int(batch.added + batch.changed + batch.removed))
    return Reply(text, intent="undo_applied", details={"batch": batch.id, "undoes": number})
