"""Figures of one kecamatan or desa/kelurahan, read from the store when a question asks for one: one statement of
indexed point queries (the region's own rows, else its rollup), so the facts snapshot never holds these levels."""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import PoolProxiedConnection

from models.tables import CoverageKind, region_level


@dataclass(frozen=True, slots=True)
class LevelFigure:
    """One program's households in a kecamatan or desa in a year."""

    program: str
    households: int
    summed_from: int = 0
    """0: the region's own figure; n: the sum of the figures of n regions below it (a kecamatan's desa)."""
    sources: tuple[str, ...] = ()
    """Keys of the sources behind the figure (or behind the rows summed)."""


@dataclass(frozen=True, slots=True)
class RegionFigures:
    """One kecamatan's or desa's figures: the years that have any, and one year's (its own rows, else the sums
    from below)."""

    region: str
    years: list[int]
    """Years with a figure, oldest first."""
    chosen: int | None
    """The year of ``figures``: the one asked, else the latest."""
    figures: dict[str, LevelFigure]


class LevelReader:
    """Reads kecamatan and desa figures from the store, one question at a time (the answerer is given one by
    :class:`bot.services.Service`; it knows nothing else of the store).

    One statement, one round trip per question, through indexes: the region's own rows (``region_code``), its
    rollups (``ix_rollup_region``) and, for a kecamatan, the sources of its desa rows in the one year answered
    (``ix_coverage_kec``: kecamatan, year). It runs on one driver connection kept open (autocommit on PostgreSQL, so
    it never holds a transaction or an old snapshot) with the statements compiled once: a pooled connection paid a
    pre-ping, a ``BEGIN`` and a ``ROLLBACK`` round trip around every read on PostgreSQL. A connection that fails is
    dropped and the read retried once on a new one; it is closed when the reader is garbage (a new snapshot brings a
    new reader)."""

    OWN_AND_SUMMED = (
        "SELECT c.year, c.program_code, c.households, s.key, 0 AS children FROM coverage c "
        "LEFT JOIN source s ON s.id = c.source_id WHERE c.region_code = :r AND c.kind = :k "
        "UNION ALL SELECT year, program_code, households, NULL, children FROM rollup WHERE region_code = :r"
    )
    # A kecamatan's sums name the sources of the desa rows they are made of, but only for the year answered (the
    # one asked, else the latest with a figure) and the programs it has no figure of its own for: reading them for
    # every year and program made a kecamatan read ~12 times the rows of a desa.
    BELOW_SOURCES = (
        "SELECT DISTINCT c.year, c.program_code, 0, s.key, -1 FROM coverage c JOIN source s ON s.id = c.source_id "
        "WHERE c.kec_code = :r AND c.year = {year} AND c.kind = :k AND c.level > :level AND NOT EXISTS "
        "(SELECT 1 FROM found o WHERE o.children = 0 AND o.year = c.year AND o.program_code = c.program_code)"
    )
    DESA = text(OWN_AND_SUMMED)
    KECAMATAN_IN = text(
        f"WITH found AS ({OWN_AND_SUMMED}) SELECT * FROM found UNION ALL {BELOW_SOURCES.format(year=':y')}"
    )
    KECAMATAN_LATEST = text(
        f"WITH found AS ({OWN_AND_SUMMED}) SELECT * FROM found "
        f"UNION ALL {BELOW_SOURCES.format(year='(SELECT max(year) FROM found)')}"
    )

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._connection: PoolProxiedConnection | None = None
        self._finalizer: weakref.finalize[Any, Any] | None = None
        self._desa = _Compiled(self.DESA, engine)
        self._kecamatan_in = _Compiled(self.KECAMATAN_IN, engine)
        self._kecamatan_latest = _Compiled(self.KECAMATAN_LATEST, engine)

    def region(self, region: str, year: int | None = None) -> RegionFigures:
        """The years with a figure of ``region`` and the figures of ``year`` (None: the latest)."""
        place = region_level(region)
        params: dict[str, object] = {"r": region, "k": CoverageKind.REGION.value, "level": place.level}
        if place.level != 3:
            statement = self._desa
        elif year is None:
            statement = self._kecamatan_latest
        else:
            statement, params["y"] = self._kecamatan_in, year
        found = self._read(statement, params)
        years = sorted({int(r[0]) for r in found if r[4] >= 0})
        chosen = year if year is not None else (years[-1] if years else None)
        figures: dict[str, LevelFigure] = {}
        below: dict[str, set[str]] = {}
        for y, program, households, key, children in found:
            if y != chosen:
                continue
            if children == 0:
                figures[program] = LevelFigure(program, int(households), 0, (key,) if key else ())
            elif children < 0 and key:
                below.setdefault(program, set()).add(key)
        for y, program, households, _key, children in found:
            if y == chosen and children > 0 and program not in figures:
                figures[program] = LevelFigure(
                    program, int(households), int(children), tuple(sorted(below.get(program, ())))
                )
        return RegionFigures(region, years, chosen, figures)

    def _read(self, statement: _Compiled, values: dict[str, object]) -> list[tuple[Any, ...]]:
        with self._lock:
            for attempt in (1, 2):
                connection = self._connection or self._connect()
                try:
                    cursor = connection.cursor()
                    try:
                        cursor.execute(statement.sql, statement.arguments(values))
                        return [tuple(row) for row in cursor.fetchall()]
                    finally:
                        cursor.close()
                except self.engine.dialect.loaded_dbapi.Error:
                    self._drop()
                    if attempt == 2:
                        raise
        raise AssertionError("unreachable")

    def _connect(self) -> PoolProxiedConnection:
        connection = self.engine.raw_connection()
        # Never handed back to the pool (where a session would find autocommit on): closed when dropped, or when
        # this reader is garbage.
        self._finalizer = weakref.finalize(self, _discard, connection)
        if self.engine.dialect.name != "sqlite":  # pysqlite begins no transaction for a SELECT
            connection.rollback()
            connection.driver_connection.autocommit = True  # type: ignore[union-attr]
        self._connection = connection
        return connection

    def _drop(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
        self._finalizer = None
        self._connection = None

    def close(self) -> None:
        with self._lock:
            self._drop()


def _discard(connection: PoolProxiedConnection) -> None:
    """Close a kept connection for good (invalidated: the pool opens a fresh one in its place when needed)."""
    with contextlib.suppress(Exception):  # already gone with its engine or the process: nothing left to close
        connection.invalidate()


class _Compiled:
    """A statement compiled once for an engine's dialect, run through the driver's own cursor."""

    def __init__(self, statement: TextClause, engine: Engine) -> None:
        compiled = statement.compile(dialect=engine.dialect)
        self.sql = str(compiled)
        self._compiled = compiled

    def arguments(self, values: dict[str, object]) -> Sequence[Any] | Mapping[str, Any]:
        params = self._compiled.construct_params(values)
        if self._compiled.positional:
            return tuple(params[name] for name in self._compiled.positiontup or ())
        return params
