"""Planning an import against the store and applying it all or nothing, with the audit trail.

Every column staff can edit is compared: ``jumlah_kk``, ``catatan`` and ``sumber``; a row whose ``jumlah_kk`` is the
removal marker removes the figure (or, with ``*`` as region or program, every matching one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.figures.rollups import refresh_rollups
from bot.imports.plan import WILDCARD, Change, FigureRow, ImportPlan, ImportRefused, Key, Problem, StalePlan, Stored
from bot.imports.validation import RowParser, check_consistency, parse_file
from bot.text.i18n import _
from models.db import session_scope
from models.tables import AuditLog, Coverage, ImportBatch, Meta, Region, Source, utcnow

IMPORT_SOURCE_TITLE = "Data yang diimpor staf"
"""Title of the source a figure gets when its file names none (never the file name: citizens read sources)."""


@dataclass(frozen=True, slots=True)
class ScopeFilter:
    """Which stored figures to read: these provinces, years and programs (None: every one)."""

    provinces: set[str] | None
    years: set[int]
    programs: set[str] | None


def plan_scope(rows: Iterable[FigureRow]) -> ScopeFilter:
    """The stored figures a plan can touch: its provinces, years and programs (a ``*`` widens that column)."""
    rows = list(rows)
    provinces = None if any(r.region_code == WILDCARD for r in rows) else {r.region_code[:2] for r in rows}
    programs = None if any(r.program_code == WILDCARD for r in rows) else {r.program_code for r in rows}
    return ScopeFilter(provinces, {r.year for r in rows}, programs)


def _coverage_in(scope: ScopeFilter) -> SelectOfScalar[Coverage]:
    query = select(Coverage).where(col(Coverage.year).in_(sorted(scope.years)))
    if scope.provinces is not None:
        query = query.where(col(Coverage.province_code).in_(sorted(scope.provinces)))
    if scope.programs is not None:
        query = query.where(col(Coverage.program_code).in_(sorted(scope.programs)))
    return query


def existing_figures(session: Session, scope: ScopeFilter) -> dict[Key, int]:
    """The stored figures in ``scope`` (:func:`plan_scope`), by key."""
    if not scope.years:
        return {}
    rows = session.exec(_coverage_in(scope))
    return {(c.year, c.program_code, c.region_code, c.kind): c.households for c in rows}


def stored_figures(session: Session, scope: ScopeFilter) -> tuple[dict[Key, Stored], set[str]]:
    """The stored figures in ``scope`` with their note and source key, and the known source keys."""
    keys = {s.id: s.key for s in session.exec(select(Source))}
    if not scope.years:
        return {}, set(keys.values())
    stored = {
        (c.year, c.program_code, c.region_code, c.kind): Stored(c.households, c.note, keys.get(c.source_id, ""))
        for c in session.exec(_coverage_in(scope))
    }
    return stored, set(keys.values())


def source_key(text: str | None, known: set[str], sha256: str) -> str:
    """The source key a row's ``sumber`` stands for ("" = keep the stored one; a new figure gets the import)."""
    name = (text or "").strip()
    if not name:
        return ""
    if name in known:
        return name
    return "sumber-" + hashlib.sha256(name.encode()).hexdigest()[:12]


def expand(rows: Iterable[FigureRow], stored: Iterable[Key]) -> list[FigureRow]:
    """Removal rows with ``*`` become one row per matching stored figure; an explicit row for a figure wins."""
    rows = list(rows)
    seen = {r.key for r in rows if not r.wildcard}
    out: list[FigureRow] = []
    ordered = sorted(stored)
    for r in rows:
        if not r.wildcard:
            out.append(r)
            continue
        for key in ordered:
            year, program, region, kind = key
            if year != r.year or key in seen:
                continue
            if r.region_code in (WILDCARD, region) and r.program_code in (WILDCARD, program):
                out.append(replace(r, program_code=program, region_code=region, kind=kind))
                seen.add(key)
    return out


def compare(rows: Iterable[FigureRow], stored: dict[Key, Stored], known: set[str], sha256: str) -> list[Change]:
    changes = []
    for r in expand(rows, stored):
        old = stored.get(r.key)
        new_source = source_key(r.source, known, sha256)
        if old is None:
            changes.append(Change(r, None, new_source=new_source or import_source_key(sha256)))
        else:
            new_source = new_source or ("" if old.source else import_source_key(sha256))
            changes.append(Change(r, old.households, old.note, old.source, new_source))
    return changes


def import_source_key(sha256: str) -> str:
    return f"impor-{sha256[:12]}"


def plan_import(engine: Engine, data: bytes, filename: str, parser: RowParser, *, strict: bool = False) -> ImportPlan:
    """Everything an import would do, without doing it."""
    plan = parse_file(data, filename, parser)
    if plan.errors:
        return plan
    with Session(engine) as session:
        # every program of the plan's provinces and years: a grand total adds them all up
        stored, known = stored_figures(session, replace(plan_scope(plan.rows), programs=None))
    check_consistency(plan, {k: s.households for k, s in stored.items()}, strict=strict, name=parser.name)
    plan.changes = compare(plan.rows, stored, known, plan.sha256)
    for change in plan.changes:
        if change.status == "absent":
            plan.problems.append(
                Problem(change.row.row, _("tidak ada angka tersimpan yang bisa dihapus di baris ini."), "warning")
            )
    return plan


ApplyHook = Callable[[Session, "ImportBatch | None"], None]


def lock_store(session: Session, expect_version: int | None, what: str) -> None:
    """Take the store's write lock (the ``data_version`` row) and check the version the preview was made against.

    A write first: SQLite takes its write lock, PostgreSQL locks the row; both until commit.
    """
    session.exec(update(Meta).where(col(Meta.key) == "data_version").values(value=Meta.value))
    if expect_version is not None:
        meta = session.get(Meta, "data_version")
        if (int(meta.value) if meta else 0) != expect_version:
            raise StalePlan(what)


def apply_plan(
    engine: Engine,
    plan: ImportPlan,
    actor: str,
    *,
    record_unchanged: bool = False,
    on_apply: ApplyHook | None = None,
    expect_version: int | None = None,
    user_id: int | None = None,
) -> ImportBatch | None:
    """Apply a validated plan in one transaction; returns the batch (None when nothing changed).

    The store's write lock is taken first (the ``data_version`` row), so the old values recorded in the audit trail
    are the ones replaced even when two imports race. ``on_apply(session, batch)`` runs inside the same transaction
    (e.g. to consume the pending import a confirmation button stands for); if it raises, nothing is applied.
    With ``expect_version``, :class:`StalePlan` is raised (and nothing applied) when the store's ``data_version``
    is another one, i.e. the figures changed since the plan was shown.
    """
    if not plan.ok:
        raise ImportRefused(plan)
    actor = actor[:64]
    with session_scope(engine) as session:  # one transaction: committed whole, or rolled back
        batch = _apply(session, plan, actor, record_unchanged, expect_version, user_id)
        if on_apply is not None:
            on_apply(session, batch)
    return batch


def _apply(
    session: Session,
    plan: ImportPlan,
    actor: str,
    record_unchanged: bool,
    expect_version: int | None,
    user_id: int | None,
) -> ImportBatch | None:
    lock_store(session, expect_version, plan.filename)
    scope = plan_scope(plan.rows)
    current = (
        {(c.year, c.program_code, c.region_code, c.kind): c for c in session.exec(_coverage_in(scope))}
        if scope.years
        else {}
    )
    sources = {s.key: s for s in session.exec(select(Source))}
    key_of = {s.id: s.key for s in sources.values()}
    stored = {k: Stored(c.households, c.note, key_of.get(c.source_id, "")) for k, c in current.items()}
    changes = compare(plan.rows, stored, set(sources), plan.sha256)
    plan.changes = changes
    added, changed, unchanged, removed = (
        sum(1 for c in changes if c.status == s) for s in ("added", "changed", "unchanged", "removed")
    )
    if added + changed + removed == 0 and not record_unchanged:
        return None
    batch = ImportBatch(
        filename=plan.filename[:255],
        sha256=plan.sha256,
        imported_by=actor,
        imported_by_id=user_id,
        added=added,
        changed=changed,
        unchanged=unchanged,
        removed=removed,
    )
    session.add(batch)
    session.flush()
    now = utcnow()
    for change in changes:
        if change.status in ("unchanged", "absent"):
            continue
        row = change.row
        cov = current.get(row.key)
        if change.status == "removed":
            assert cov is not None
            session.delete(cov)
            new_value, new_note, new_source = None, None, None
        else:
            source = _source_for(session, sources, change.source_after, row)
            if cov is None:
                cov = Coverage(
                    year=row.year,
                    program_code=row.program_code,
                    region_code=row.region_code,
                    kind=row.kind,
                    households=row.households,
                )
            cov.households = row.households
            cov.note = change.new_note
            cov.source_id = source.id
            cov.updated_at = now
            cov.batch_id = batch.id
            session.add(cov)
            new_value, new_note, new_source = row.households, change.new_note, source.key
        old_known = change.old is not None
        session.add(
            AuditLog(
                batch_id=batch.id,
                at=now,
                actor=actor,
                year=row.year,
                program_code=row.program_code,
                region_code=row.region_code,
                kind=row.kind,
                old_value=change.old,
                new_value=new_value,
                old_note=change.old_note if old_known else None,
                new_note=new_note,
                old_source=change.old_source if old_known else None,
                new_source=new_source,
            )
        )
    if added + changed + removed:
        touched = [c.row for c in changes if c.status not in ("unchanged", "absent")]
        refresh_rollups(
            session,
            {r.region_code[:2] for r in touched},
            {r.year for r in touched},
            {r.program_code for r in touched},
            now=now,
        )
        bump_data_version(session)
    session.flush()
    return batch


def _source_for(session: Session, sources: dict[str, Source], key: str, row: FigureRow) -> Source:
    """The source a figure gets: a known key, a new source named by the row's ``sumber``, or the import itself."""
    if key in sources:
        return sources[key]
    if key.startswith("impor-"):
        province = session.get(Region, row.region_code[:2])
        publisher = f"Dinas Sosial Provinsi {province.name}" if province is not None else "Dinas Sosial Provinsi"
        title = IMPORT_SOURCE_TITLE
    else:
        title = publisher = (row.source or "").strip()
    src = Source(key=key, title=title, publisher=publisher, official="", period="", published=None)
    session.add(src)
    session.flush()
    sources[key] = src
    return src


def bump_data_version(session: Session) -> None:
    meta = session.get(Meta, "data_version")
    if meta is None:
        session.add(Meta(key="data_version", value="1"))
    else:
        meta.value = str(int(meta.value) + 1)
        session.add(meta)
    stamp = session.get(Meta, "data_updated_at") or Meta(key="data_updated_at", value="")
    stamp.value = utcnow().isoformat()
    session.add(stamp)


def seen_batches(engine: Engine) -> set[tuple[str, str]]:
    with Session(engine) as session:
        return {(b.filename, b.sha256) for b in session.exec(select(ImportBatch))}
