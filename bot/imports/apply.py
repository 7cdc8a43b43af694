"""Planning an import against the store and applying it all or nothing, with the audit trail."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.imports.plan import Change, ImportPlan, ImportRefused, StalePlan
from bot.imports.validation import RowParser, check_consistency, parse_file
from models.tables import AuditLog, Coverage, ImportBatch, Meta, Source, utcnow


def existing_figures(session: Session) -> dict[tuple[int, str, str, str], int]:
    return {(c.year, c.program_code, c.region_code, c.kind): c.households for c in session.exec(select(Coverage))}


def plan_import(engine: Engine, data: bytes, filename: str, parser: RowParser, *, strict: bool = False) -> ImportPlan:
    """Everything an import would do, without doing it."""
    plan = parse_file(data, filename, parser)
    if plan.errors:
        return plan
    with Session(engine) as session:
        existing = existing_figures(session)
    check_consistency(plan, existing, strict=strict)
    plan.changes = [Change(r, existing.get(r.key)) for r in plan.rows]
    return plan


ApplyHook = Callable[[Session, "ImportBatch | None"], None]


def apply_plan(
    engine: Engine,
    plan: ImportPlan,
    actor: str,
    *,
    record_unchanged: bool = False,
    on_apply: ApplyHook | None = None,
    expect_version: int | None = None,
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
    with Session(engine, expire_on_commit=False) as session:
        try:
            batch = _apply(session, plan, actor, record_unchanged, expect_version)
            if on_apply is not None:
                on_apply(session, batch)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return batch


def _apply(
    session: Session, plan: ImportPlan, actor: str, record_unchanged: bool, expect_version: int | None
) -> ImportBatch | None:
    # A write first: SQLite takes its write lock, PostgreSQL locks the row; both until commit.
    session.exec(update(Meta).where(col(Meta.key) == "data_version").values(value=Meta.value))
    if expect_version is not None:
        meta = session.get(Meta, "data_version")
        if (int(meta.value) if meta else 0) != expect_version:
            raise StalePlan(plan.filename)
    current = {(c.year, c.program_code, c.region_code, c.kind): c for c in session.exec(select(Coverage))}
    changes = [Change(r, current[r.key].households if r.key in current else None) for r in plan.rows]
    plan.changes = changes
    added, changed, unchanged = (sum(1 for c in changes if c.status == s) for s in ("added", "changed", "unchanged"))
    if added + changed == 0 and not record_unchanged:
        return None
    sources = {s.key: s for s in session.exec(select(Source))}
    batch = ImportBatch(
        filename=Path(plan.filename).name[:255],
        sha256=plan.sha256,
        imported_by=actor,
        added=added,
        changed=changed,
        unchanged=unchanged,
    )
    session.add(batch)
    session.flush()
    now = utcnow()
    for change in changes:
        if change.status == "unchanged":
            continue
        row = change.row
        source = _source_for(session, sources, row.source, plan)
        cov = current.get(row.key)
        if cov is None:
            cov = Coverage(
                year=row.year,
                program_code=row.program_code,
                region_code=row.region_code,
                kind=row.kind,
                households=row.households,
            )
        cov.households = row.households
        cov.note = row.note
        cov.source_id = source.id
        cov.updated_at = now
        session.add(cov)
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
                new_value=row.households,
            )
        )
    if added + changed:
        bump_data_version(session)
    session.flush()
    return batch


def _source_for(session: Session, sources: dict[str, Source], text: str, plan: ImportPlan) -> Source:
    """The ``sumber`` of a row: a known source key, a new source named by the text, or the file itself."""
    name = text.strip()
    if name in sources:
        return sources[name]
    filename = Path(plan.filename).name
    if name:
        key = "sumber-" + hashlib.sha256(name.encode()).hexdigest()[:12]
        title, publisher = name, name
    else:
        key = f"impor-{plan.sha256[:12]}"
        title, publisher = filename, f"Dinas Sosial Provinsi (impor berkas {filename})"
    if key not in sources:
        src = Source(key=key, title=title, publisher=publisher, official="", period="", published=date.today())
        session.add(src)
        session.flush()
        sources[key] = src
    return sources[key]


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
