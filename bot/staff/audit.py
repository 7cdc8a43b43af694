"""The audit trail as staff read it (/riwayat, ``tanyabansos audit``): who changed which figure, when, from
which file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.answering.reply import Reply, bold, esc
from bot.figures.facts import Facts
from bot.staff.previews import figure_label, value_text
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
    lines = [bold(_("Riwayat perubahan angka ({n} terakhir):").format(n=len(entries)))]
    current: tuple | None = None
    for e in entries:
        group = (e.batch_id, e.actor, e.filename)
        if group != current:
            current = group
            lines.append(
                "🗂 "
                + _("{when} — {actor}, berkas {file}").format(
                    when=esc(fmt_datetime(e.at)), actor=esc(e.actor), file=bold(e.filename or "-")
                )
            )
        label = figure_label(facts, e.year, e.program_code, e.region_code, e.kind)
        new = fmt_int(e.new_value) if e.new_value is not None else _("dihapus")
        lines.append(f"• {esc(label)}: {value_text(e.old_value)} → {bold(new)}")
    return Reply("\n".join(lines), intent="audit")
