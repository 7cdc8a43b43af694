"""The audit trail as staff read it (/riwayat, ``tanyabansos audit``): who changed which figure, when, from
which file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.answering.reply import Reply, bold, esc
from bot.figures.facts import Facts
from bot.staff.previews import figure_label, short_text, value_text
from bot.text.i18n import _, fmt_datetime, fmt_int
from models.tables import AuditLog, ImportBatch

AUDIT_LIMIT = 20


# ---- audit trail ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    filename: str
    batch_id: int | None
    year: int
    program_code: str
    region_code: str
    kind: str
    old_value: int | None
    new_value: int | None
    old_note: str | None = None
    new_note: str | None = None
    old_source: str | None = None
    new_source: str | None = None
    undoes: int | None = None
    """This import undid that one."""
    undone_by: int | None = None
    """This import was undone by that one."""


def audit_entries(engine: Engine, limit: int = AUDIT_LIMIT) -> list[AuditEntry]:
    """The most recent changes of figures, newest first, with the file each came from."""
    with Session(engine) as session:
        rows = session.exec(
            select(AuditLog, ImportBatch)
            .join(ImportBatch, col(AuditLog.batch_id) == col(ImportBatch.id), isouter=True)
            .order_by(col(AuditLog.at).desc(), col(AuditLog.id).desc())
            .limit(max(1, limit))
        ).all()
    entries = [
        AuditEntry(
            a.id or 0,
            a.at,
            a.actor,
            b.filename if b is not None else "",
            a.batch_id,
            a.year,
            a.program_code,
            a.region_code,
            a.kind,
            a.old_value,
            a.new_value,
            a.old_note,
            a.new_note,
            a.old_source,
            a.new_source,
            b.undoes_id if b is not None else None,
            b.undone_by_id if b is not None else None,
        )
        for a, b in rows
    ]
    # Newest import first; within one import, the rows in the order of its file.
    first_seen: dict[int | None, int] = {}
    for i, e in enumerate(entries):
        first_seen.setdefault(e.batch_id, i)
    return sorted(entries, key=lambda e: (first_seen[e.batch_id], e.id))


def audit_reply(entries: list[AuditEntry], facts: Facts) -> Reply:
    if not entries:
        return Reply(_("Belum ada perubahan angka yang tercatat."), intent="audit")
    hint = _("Membatalkan seluruh satu impor: /urungkan NOMOR.")
    lines = [bold(_("Riwayat perubahan angka ({n} terakhir):").format(n=len(entries)))]
    current: tuple | None = None
    for e in entries:
        group = (e.batch_id, e.actor, e.filename)
        if group != current:
            current = group
            head = _("{when} — {actor}, berkas {file}").format(
                when=esc(fmt_datetime(e.at)), actor=esc(e.actor), file=bold(e.filename or "-")
            )
            if e.batch_id is not None:
                head = _("Impor #{n}").format(n=e.batch_id) + ": " + head
            if e.undoes is not None:
                head += " " + _("(membatalkan impor #{n})").format(n=e.undoes)
            if e.undone_by is not None:
                head += " " + _("(dibatalkan oleh #{n})").format(n=e.undone_by)
            lines.append("🗂 " + head)
        label = figure_label(facts, e.year, e.program_code, e.region_code, e.kind)
        new = fmt_int(e.new_value) if e.new_value is not None else _("dihapus")
        line = f"• {esc(label)}: {value_text(e.old_value)} → {bold(new)}"
        if e.new_value is not None and e.old_note is not None and e.new_note is not None and e.old_note != e.new_note:
            line += "; " + _("catatan “{old}” → “{new}”").format(
                old=esc(short_text(e.old_note)), new=esc(short_text(e.new_note))
            )
        if e.new_value is not None and e.old_source and e.new_source and e.old_source != e.new_source:
            line += "; " + _("sumber {old} → {new}").format(old=esc(e.old_source), new=esc(e.new_source))
        lines.append(line)
    lines.append(hint)
    return Reply("\n".join(lines), intent="audit")
