"""Undoing one whole import: every figure it changed goes back to what it was before, all or nothing, audited as
an import of its own (which can itself be undone).

Refused, with the reason, when the import does not exist, was already undone, is the seed, or when a later import
changed one of the same figures again (undo that one first): the figures must still be what the import left.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.figures.rollups import refresh_rollups
from bot.imports.apply import bump_data_version, lock_store
from bot.imports.plan import Key, Stored
from bot.text.i18n import _, fmt_date
from models.db import session_scope
from models.tables import AuditLog, Coverage, ImportBatch, Source, utcnow

SEED_ACTOR = "seed"


class UndoRefused(Exception):
    """The import cannot be undone; the message says why (in the current language)."""


@dataclass(frozen=True, slots=True)
class UndoStep:
    key: Key
    current: Stored | None
    """What the store holds now (what the import left)."""
    restore: Stored | None
    """What it goes back to (None: the figure is removed, the import had added it)."""


@dataclass
class UndoPlan:
    batch: ImportBatch
    steps: list[UndoStep] = field(default_factory=list)


def batch_number(engine: Engine, *, last: bool = False, number: int | None = None) -> int | None:
    """The import ``number``, or with ``last`` the newest import that is not undone (the seed excluded)."""
    if not last:
        return number
    with Session(engine) as session:
        batch = session.exec(
            select(ImportBatch)
            .where(
                col(ImportBatch.undone_by_id).is_(None),
                col(ImportBatch.undoes_id).is_(None),
                ImportBatch.imported_by != SEED_ACTOR,
            )
            .order_by(col(ImportBatch.id).desc())
        ).first()
    return batch.id if batch is not None else None


def _state(
    session: Session, keys: Collection[Key]
) -> tuple[dict[Key, Coverage], dict[int | None, str], dict[str, Source]]:
    """The stored figures of ``keys`` (read through the provinces, years and programs they fall in), the sources."""
    current: dict[Key, Coverage] = {}
    if keys:
        query = select(Coverage).where(
            col(Coverage.province_code).in_(sorted({k[2][:2] for k in keys})),
            col(Coverage.year).in_(sorted({k[0] for k in keys})),
            col(Coverage.program_code).in_(sorted({k[1] for k in keys})),
        )
        wanted = set(keys)
        for c in session.exec(query):
            key = (c.year, c.program_code, c.region_code, c.kind)
            if key in wanted:
                current[key] = c
    sources = {s.key: s for s in session.exec(select(Source))}
    return current, {s.id: s.key for s in sources.values()}, sources


def _plan(session: Session, number: int) -> UndoPlan:
    batch = session.get(ImportBatch, number)
    if batch is None:
        raise UndoRefused(_("Impor #{n} tidak ada. Nomor impor ada di /riwayat.").format(n=number))
    if batch.imported_by == SEED_ACTOR:
        raise UndoRefused(
            _(
                "Impor #{n} adalah angka awal dari folder data/; tidak bisa dibatalkan. Hapus angkanya dengan berkas "
                "berisi “hapus” di kolom jumlah_kk."
            ).format(n=number)
        )
    if batch.undone_by_id is not None:
        raise UndoRefused(_("Impor #{n} sudah dibatalkan oleh #{m}.").format(n=number, m=batch.undone_by_id))
    logs = session.exec(select(AuditLog).where(AuditLog.batch_id == number).order_by(col(AuditLog.id))).all()
    current, key_of, _sources = _state(session, [(a.year, a.program_code, a.region_code, a.kind) for a in logs])
    plan = UndoPlan(batch)
    moved: list[AuditLog] = []
    for a in logs:
        key = (a.year, a.program_code, a.region_code, a.kind)
        cov = current.get(key)
        now = Stored(cov.households, cov.note, key_of.get(cov.source_id, "")) if cov is not None else None
        left = (a.new_value is None and now is None) or (
            now is not None
            and now.households == a.new_value
            and (a.new_note is None or now.note == a.new_note)
            and (a.new_source is None or now.source == a.new_source)
        )
        if not left:
            moved.append(a)
            continue
        restore = None
        if a.old_value is not None:
            restore = Stored(
                a.old_value,
                a.old_note if a.old_note is not None else (now.note if now else ""),
                a.old_source if a.old_source is not None else (now.source if now else ""),
            )
        plan.steps.append(UndoStep(key, now, restore))
    if moved:
        raise UndoRefused(_later_reason(session, number, moved))
    return plan


def _later_reason(session: Session, number: int, moved: list[AuditLog]) -> str:
    """Which later import changed the same figures again."""
    later: set[int] = set()
    for a in moved:
        rows = session.exec(
            select(AuditLog.batch_id).where(
                AuditLog.year == a.year,
                AuditLog.program_code == a.program_code,
                AuditLog.region_code == a.region_code,
                AuditLog.kind == a.kind,
                col(AuditLog.batch_id) > number,
            )
        ).all()
        later |= {b for b in rows if b is not None}
    batches = [session.get(ImportBatch, b) for b in sorted(later)]
    active = [b for b in batches if b is not None and b.undone_by_id is None and b.undoes_id is None]
    names = ", ".join(
        _("#{n} ({file}, {date})").format(n=b.id, file=b.filename, date=fmt_date(b.imported_at)) for b in active
    )
    if names:
        return _(
            "Impor #{n} tidak bisa dibatalkan: {count} angkanya sudah diubah lagi oleh impor sesudahnya: {later}. "
            "Batalkan impor itu dulu (dari yang terbaru), atau perbaiki angkanya dengan berkas baru."
        ).format(n=number, count=len(moved), later=names)
    return _(
        "Impor #{n} tidak bisa dibatalkan: {count} angkanya tidak lagi seperti yang ditinggalkan impor itu. "
        "Perbaiki angkanya dengan berkas baru."
    ).format(n=number, count=len(moved))


def plan_undo(engine: Engine, number: int) -> UndoPlan:
    """What undoing import ``number`` would do, or :class:`UndoRefused` with the reason."""
    with Session(engine, expire_on_commit=False) as session:
        return _plan(session, number)


def apply_undo(
    engine: Engine,
    number: int,
    actor: str,
    *,
    user_id: int | None = None,
    on_apply: Callable[[Session, ImportBatch | None], None] | None = None,
    expect_version: int | None = None,
) -> ImportBatch:
    """Undo import ``number`` in one transaction (checked again under the store's write lock); returns the new
    batch that records the undo."""
    with session_scope(engine) as session:  # one transaction: committed whole, or rolled back
        lock_store(session, expect_version, f"#{number}")
        plan = _plan(session, number)
        batch = _write(session, plan, actor[:64], user_id)
        if on_apply is not None:
            on_apply(session, batch)
    return batch


def _write(session: Session, plan: UndoPlan, actor: str, user_id: int | None) -> ImportBatch:
    original = plan.batch
    current, _key_of, sources = _state(session, [step.key for step in plan.steps])
    steps = plan.steps
    batch = ImportBatch(
        filename=original.filename,
        sha256="",
        imported_by=actor,
        imported_by_id=user_id,
        added=sum(1 for s in steps if s.current is None and s.restore is not None),
        changed=sum(1 for s in steps if s.current is not None and s.restore is not None),
        removed=sum(1 for s in steps if s.current is not None and s.restore is None),
        undoes_id=original.id,
    )
    session.add(batch)
    session.flush()
    now = utcnow()
    for step in steps:
        year, program, region, kind = step.key
        cov = current.get(step.key)
        if step.restore is None:
            if cov is not None:
                session.delete(cov)
        else:
            if cov is None:
                cov = Coverage(year=year, program_code=program, region_code=region, kind=kind, households=0)
            cov.households = step.restore.households
            cov.note = step.restore.note
            source = sources.get(step.restore.source)
            cov.source_id = source.id if source is not None else cov.source_id
            cov.updated_at = now
            cov.batch_id = batch.id
            session.add(cov)
        before, after = step.current, step.restore
        session.add(
            AuditLog(
                batch_id=batch.id,
                at=now,
                actor=actor,
                year=year,
                program_code=program,
                region_code=region,
                kind=kind,
                old_value=before.households if before else None,
                new_value=after.households if after else None,
                old_note=before.note if before else None,
                new_note=after.note if after else None,
                old_source=before.source if before else None,
                new_source=after.source if after else None,
            )
        )
    original.undone_by_id = batch.id
    session.add(original)
    if original.undoes_id is not None:  # undoing an undo: the import it reversed stands again
        reversed_batch = session.get(ImportBatch, original.undoes_id)
        if reversed_batch is not None and reversed_batch.undone_by_id == original.id:
            reversed_batch.undone_by_id = None
            session.add(reversed_batch)
    refresh_rollups(
        session,
        {s.key[2][:2] for s in steps},
        {s.key[0] for s in steps},
        {s.key[1] for s in steps},
        now=now,
    )
    bump_data_version(session)
    session.flush()
    return batch
