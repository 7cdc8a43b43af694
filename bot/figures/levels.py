"""Figures of one kecamatan or desa/kelurahan, read from the store when a question asks for one: one statement of
indexed point queries (the region's own rows, else its rollup), so the facts snapshot never holds these levels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

from models.kept import Compiled, KeptConnection
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
        self._kept = KeptConnection(engine, self)
        self._desa = self._kept.compile(self.DESA)
        self._kecamatan_in = self._kept.compile(self.KECAMATAN_IN)
        self._kecamatan_latest = self._kept.compile(self.KECAMATAN_LATEST)

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

    def _read(self, statement: Compiled, values: dict[str, object]) -> list[tuple[Any, ...]]:
        return self._kept.read(statement, values)

    def close(self) -> None:
        self._kept.close()
