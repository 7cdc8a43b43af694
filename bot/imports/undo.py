"""Undoing one whole import: every figure it changed goes back to what it was before, all or nothing, audited as
an import of its own (which can itself be undone).

Refused, with the reason, when the import does not exist, was already undone, is the seed, or when a later import
changed one of the same figures again (undo that one first): the figures must still be what the import left.

Set-based, whatever the size of the import (a bulk import can change millions of figures): the import's audit rows
are joined with the stored figures once into a temporary table (``undo_plan``) that says, per figure, what the store
holds now and what it goes back to; the checks, the new audit rows and the figures are statements over it. Only the
figures a preview shows are read into Python (:attr:`UndoPlan.steps`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select
from sqlmodel.sql.sqltypes import UTCDateTime

from bot.figures.rollups import refresh_rollups
from bot.imports.apply import bump_data_version, lock_store
from bot.imports.bulk import WORK_MEM
from bot.imports.plan import Key, Stored
from bot.text.i18n import _, fmt_date
from models.db import session_scope
from models.tables import ImportBatch, utcnow

log = logging.getLogger(__name__)
SEED_ACTOR = "seed"
LARGE_UNDO = 50_000
"""Figures from which an undo is planned with hash joins on PostgreSQL."""
PREVIEW_STEPS = 40
"""Figures of the import read for the preview besides those of kab/kota and provinces (which are all read)."""


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
    """The figures a preview shows, in the import's order: the first ``PREVIEW_STEPS`` and every kab/kota or
    province figure (what plain questions answer with); all of them when the import changed fewer."""
    count: int = 0
    """How many figures the undo puts back (all of them, not only ``steps``)."""


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


# What the import left: the figure as its audit row wrote it (a note or source the row did not record: any), or
# absent when the import removed it.
_LEFT = (
    "((a.new_value IS NULL AND c.id IS NULL) OR (c.id IS NOT NULL AND c.households = a.new_value "
    "AND (a.new_note IS NULL OR c.note = a.new_note) "
    "AND (a.new_source IS NULL OR COALESCE(s.key, '') = a.new_source)))"
)


def _sql(conn: Connection, sql: str, **params: Any) -> Any:
    return conn.execute(text(sql), params)


def _materialise(conn: Connection, batch: ImportBatch) -> None:
    """``undo_plan``: every audit row of import ``batch`` with the figure stored now and whether it is still what
    the import left."""
    postgres = conn.dialect.name == "postgresql"
    _sql(conn, "DROP TABLE IF EXISTS undo_plan" if postgres else "DROP TABLE IF EXISTS temp.undo_plan")
    large = postgres and batch.added + batch.changed + batch.removed >= LARGE_UNDO
    if large:  # one hash over the stored figures, not one index look-up per audit row (as in a bulk import)
        _sql(conn, "SET LOCAL enable_nestloop = off")
        _sql(conn, f"SET LOCAL work_mem = '{WORK_MEM}'")
    _sql(
        conn,
        f"CREATE TEMP TABLE undo_plan {'ON COMMIT DROP' if postgres else ''} AS "
        "SELECT a.id AS audit_id, a.year, a.program_code, a.region_code, a.kind, c.id AS cov_id, "
        "c.households AS cur_households, c.note AS cur_note, COALESCE(s.key, '') AS cur_src, "
        "a.old_value, a.old_note, a.old_source, "
        f"CASE WHEN {_LEFT} THEN 1 ELSE 0 END AS left_as_is "
        "FROM auditlog a LEFT JOIN coverage c ON c.year = a.year AND c.program_code = a.program_code "
        "AND c.region_code = a.region_code AND c.kind = a.kind LEFT JOIN source s ON s.id = c.source_id "
        "WHERE a.batch_id = :n",
        n=batch.id,
    )
    if large:
        _sql(conn, "SET LOCAL enable_nestloop = on")
    if postgres:
        _sql(conn, "ANALYZE undo_plan")


def _drop(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":  # PostgreSQL drops it at commit
        _sql(conn, "DROP TABLE IF EXISTS temp.undo_plan")


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
    conn = session.connection()
    _materialise(conn, batch)
    count, moved = _sql(conn, "SELECT COUNT(*), COALESCE(SUM(1 - left_as_is), 0) FROM undo_plan").one()
    if moved:
        raise UndoRefused(_later_reason(session, number, int(moved)))
    rows = _sql(
        conn,
        "SELECT year, program_code, region_code, kind, cov_id, cur_households, cur_note, cur_src, old_value, "
        "old_note, old_source FROM undo_plan WHERE audit_id IN (SELECT audit_id FROM undo_plan ORDER BY audit_id "
        "LIMIT :limit) OR length(region_code) <= 5 ORDER BY audit_id",
        limit=PREVIEW_STEPS,
    )
    plan = UndoPlan(batch, count=int(count))
    for year, program, region, kind, cov_id, households, note, src, old_value, old_note, old_source in rows:
        now = Stored(int(households), note, src) if cov_id is not None else None
        restore = None
        if old_value is not None:
            restore = Stored(
                int(old_value),
                old_note if old_note is not None else (now.note if now else ""),
                old_source if old_source is not None else (now.source if now else ""),
            )
        plan.steps.append(UndoStep((int(year), program, region, kind), now, restore))
    return plan


def _later_reason(session: Session, number: int, moved: int) -> str:
    """Which later import changed the same figures again."""
    conn = session.connection()
    later = [
        int(b)
        for (b,) in _sql(
            conn,
            "SELECT DISTINCT l.batch_id FROM undo_plan u JOIN auditlog l ON l.year = u.year "
            "AND l.program_code = u.program_code AND l.region_code = u.region_code AND l.kind = u.kind "
            "WHERE u.left_as_is = 0 AND l.batch_id > :n ORDER BY l.batch_id",
            n=number,
        )
    ]
    batches = session.exec(select(ImportBatch).where(col(ImportBatch.id).in_(later))).all()
    active = sorted((b for b in batches if b.undone_by_id is None and b.undoes_id is None), key=lambda b: b.id or 0)
    names = ", ".join(
        _("#{n} ({file}, {date})").format(n=b.id, file=b.filename, date=fmt_date(b.imported_at)) for b in active
    )
    if names:
        return _(
            "Impor #{n} tidak bisa dibatalkan: {count} angkanya sudah diubah lagi oleh impor sesudahnya: {later}. "
            "Batalkan impor itu dulu (dari yang terbaru), atau perbaiki angkanya dengan berkas baru."
        ).format(n=number, count=moved, later=names)
    return _(
        "Impor #{n} tidak bisa dibatalkan: {count} angkanya tidak lagi seperti yang ditinggalkan impor itu. "
        "Perbaiki angkanya dengan berkas baru."
    ).format(n=number, count=moved)


def plan_undo(engine: Engine, number: int) -> UndoPlan:
    """What undoing import ``number`` would do, or :class:`UndoRefused` with the reason."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            return _plan(session, number)
        finally:
            _drop(session.connection())


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
    laps: dict[str, float] = {}
    clock = time.perf_counter()
    with session_scope(engine) as session:  # one transaction: committed whole, or rolled back
        lock_store(session, expect_version, f"#{number}")
        plan = _plan(session, number)
        laps["plan"], clock = time.perf_counter() - clock, time.perf_counter()
        batch = _write(session, plan, actor[:64], user_id, laps)
        _drop(session.connection())
        if on_apply is not None:
            on_apply(session, batch)
        clock = time.perf_counter()
    laps["commit"] = time.perf_counter() - clock
    log.info(
        "undo import #%s: %s figures; %s", number, plan.count, ", ".join(f"{k} {v:.2f} s" for k, v in laps.items())
    )
    return batch


def _write(session: Session, plan: UndoPlan, actor: str, user_id: int | None, laps: dict[str, float]) -> ImportBatch:
    clock = time.perf_counter()
    original = plan.batch
    conn = session.connection()
    added, changed, removed = _sql(
        conn,
        "SELECT COALESCE(SUM(CASE WHEN cov_id IS NULL AND old_value IS NOT NULL THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN cov_id IS NOT NULL AND old_value IS NOT NULL THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN cov_id IS NOT NULL AND old_value IS NULL THEN 1 ELSE 0 END), 0) FROM undo_plan",
    ).one()
    batch = ImportBatch(
        filename=original.filename,
        sha256="",
        imported_by=actor,
        imported_by_id=user_id,
        added=int(added),
        changed=int(changed),
        removed=int(removed),
        undoes_id=original.id,
    )
    session.add(batch)
    session.flush()
    now = utcnow()
    stamp = bindparam("now", type_=UTCDateTime())
    params = {"batch": batch.id, "now": now, "actor": actor}
    # The audit rows first: they read the figures as the import left them.
    conn.execute(
        text(
            "INSERT INTO auditlog (batch_id, at, actor, year, program_code, region_code, kind, old_value, "
            "new_value, old_note, new_note, old_source, new_source) "
            "SELECT :batch, :now, :actor, year, program_code, region_code, kind, cur_households, old_value, "
            "CASE WHEN cov_id IS NULL THEN NULL ELSE cur_note END, "
            "CASE WHEN old_value IS NULL THEN NULL ELSE COALESCE(old_note, cur_note, '') END, "
            "CASE WHEN cov_id IS NULL THEN NULL ELSE cur_src END, "
            "CASE WHEN old_value IS NULL THEN NULL ELSE COALESCE(old_source, cur_src, '') END "
            "FROM undo_plan ORDER BY audit_id"
        ).bindparams(stamp),
        params,
    )
    _sql(conn, "DELETE FROM coverage WHERE id IN (SELECT cov_id FROM undo_plan WHERE old_value IS NULL)")
    conn.execute(
        text(
            "UPDATE coverage SET households = u.old_value, note = COALESCE(u.old_note, coverage.note), "
            "source_id = COALESCE((SELECT s.id FROM source s WHERE s.key = u.old_source), coverage.source_id), "
            "updated_at = :now, batch_id = :batch FROM undo_plan u "
            "WHERE coverage.id = u.cov_id AND u.old_value IS NOT NULL"
        ).bindparams(stamp),
        params,
    )
    level = "CASE length(u.region_code) WHEN 2 THEN 1 WHEN 5 THEN 2 WHEN 8 THEN 3 ELSE 4 END"
    kab = "CASE WHEN length(u.region_code) >= 5 THEN substr(u.region_code, 1, 5) END"
    kec = "CASE WHEN length(u.region_code) >= 8 THEN substr(u.region_code, 1, 8) END"
    conn.execute(
        text(
            "INSERT INTO coverage (year, program_code, region_code, kind, households, note, source_id, "
            "updated_at, batch_id, level, province_code, kab_code, kec_code) "
            "SELECT u.year, u.program_code, u.region_code, u.kind, u.old_value, COALESCE(u.old_note, ''), "
            f"(SELECT s.id FROM source s WHERE s.key = u.old_source), :now, :batch, {level}, "
            f"substr(u.region_code, 1, 2), {kab}, {kec} FROM undo_plan u "
            "WHERE u.cov_id IS NULL AND u.old_value IS NOT NULL ORDER BY u.region_code, u.year, u.program_code"
        ).bindparams(stamp),
        params,
    )
    original.undone_by_id = batch.id
    session.add(original)
    if original.undoes_id is not None:  # undoing an undo: the import it reversed stands again
        reversed_batch = session.get(ImportBatch, original.undoes_id)
        if reversed_batch is not None and reversed_batch.undone_by_id == original.id:
            reversed_batch.undone_by_id = None
            session.add(reversed_batch)
    laps["write"], clock = time.perf_counter() - clock, time.perf_counter()
    touched = _sql(conn, "SELECT DISTINCT substr(region_code, 1, 2), year, program_code FROM undo_plan").all()
    refresh_rollups(
        session, {str(r[0]) for r in touched}, {int(r[1]) for r in touched}, {str(r[2]) for r in touched}, now=now
    )
    bump_data_version(session)
    session.flush()
    laps["rollups"] = time.perf_counter() - clock
    return batch
