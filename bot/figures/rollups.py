"""Sums from the level below, kept in the ``rollup`` table by every import and undo, so that a kab/kota or province
answer never reads kecamatan or desa rows.

``effective(r)`` = r's own ``wilayah`` figure if it has one, else r's rollup. A region's rollup (provinces, kab/kota
and kecamatan only) is the sum over its direct children of their effective figures; ``children`` counts them.
Recomputed set-based in SQL (``INSERT … SELECT … GROUP BY``), bottom-up: kecamatan from desa, kab/kota from
kecamatan, the province from kab/kota; the same statements on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import bindparam, text
from sqlalchemy.sql.elements import TextClause
from sqlmodel import Session
from sqlmodel.sql.sqltypes import UTCDateTime

from models.tables import CoverageKind, utcnow

CHILD_LEVELS = ((3, 4, 8), (2, 3, 5), (1, 2, 2))
"""(level of the rollup, level of its children, length of the parent's code within the child's code)."""


def _scope(alias: str, provinces: bool, years: bool, programs: bool) -> str:
    parts = []
    if provinces:
        parts.append(f"{alias}.province_code IN :provinces")
    if years:
        parts.append(f"{alias}.year IN :years")
    if programs:
        parts.append(f"{alias}.program_code IN :programs")
    return "".join(f" AND {p}" for p in parts)


def _statement(sql: str, params: dict[str, object]) -> TextClause:
    stmt = text(sql)
    for name in ("provinces", "years", "programs"):
        if name in params:
            stmt = stmt.bindparams(bindparam(name, expanding=True))
    if "now" in params:
        stmt = stmt.bindparams(bindparam("now", type_=UTCDateTime()))
    return stmt


def refresh_rollups(
    session: Session,
    province_codes: Collection[str] | None,
    years: Collection[int] | None,
    programs: Collection[str] | None,
    *,
    now: datetime | None = None,
) -> None:
    """Recompute the rollups and the coverage statistics of these provinces, years and programs (None: every one)
    inside the session's transaction. Call it after writing coverage rows (ORM changes are flushed first)."""
    session.flush()
    filters: dict[str, object] = {}
    if province_codes is not None:
        filters["provinces"] = sorted(set(province_codes))
    if years is not None:
        filters["years"] = sorted(set(years))
    if programs is not None:
        filters["programs"] = sorted(set(programs))
    if any(not v for v in filters.values()):
        return  # an empty set: nothing to recompute
    has = ("provinces" in filters, "years" in filters, "programs" in filters)
    params = {**filters, "now": now or utcnow(), "region": CoverageKind.REGION.value}
    conn = session.connection()
    conn.execute(_statement("DELETE FROM rollup WHERE 1 = 1" + _scope("rollup", *has), filters), filters)
    for level, child, width in CHILD_LEVELS:
        sql = f"""
INSERT INTO rollup (year, program_code, region_code, level, province_code, households, children, updated_at)
SELECT year, program_code, substr(code, 1, {width}), {level}, province_code, SUM(households), COUNT(*), :now
FROM (
    SELECT c.year, c.program_code, c.region_code AS code, c.province_code, c.households
    FROM coverage c WHERE c.kind = :region AND c.level = {child}{_scope("c", *has)}
    UNION ALL
    SELECT r.year, r.program_code, r.region_code AS code, r.province_code, r.households
    FROM rollup r WHERE r.level = {child}{_scope("r", *has)} AND NOT EXISTS (
        SELECT 1 FROM coverage o WHERE o.year = r.year AND o.program_code = r.program_code
        AND o.region_code = r.region_code AND o.kind = :region)
) AS effective
GROUP BY year, program_code, substr(code, 1, {width}), province_code
"""
        conn.execute(_statement(sql, params), params)
    conn.execute(_statement("DELETE FROM coveragestat WHERE 1 = 1" + _scope("coveragestat", *has), filters), filters)
    stats = (
        "INSERT INTO coveragestat (year, program_code, province_code, source_id, batch_id, rows, updated_at) "
        "SELECT c.year, c.program_code, c.province_code, c.source_id, c.batch_id, COUNT(*), MAX(c.updated_at) "
        f"FROM coverage c WHERE 1 = 1{_scope('c', *has)} "
        "GROUP BY c.year, c.program_code, c.province_code, c.source_id, c.batch_id"
    )
    conn.execute(_statement(stats, filters), filters)
