"""Figures of one kecamatan or desa/kelurahan, read from the store when a question asks for one: a few indexed point
queries (the region's own rows, else its rollup), so the facts snapshot never holds these levels."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Engine

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
    :class:`bot.services.Service`; it knows nothing else of the store). One statement per question, through
    indexes: the region's own rows (``region_code``), its rollups (``ix_rollup_region``) and, for a kecamatan, the
    sources of its desa rows (``ix_coverage_kec``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def region(self, region: str, year: int | None = None) -> RegionFigures:
        """The years with a figure of ``region`` and the figures of ``year`` (None: the latest)."""
        place = region_level(region)
        params = {"r": region, "k": CoverageKind.REGION.value, "level": place.level}
        sql = (
            "SELECT c.year, c.program_code, c.households, s.key, 0 FROM coverage c "
            "LEFT JOIN source s ON s.id = c.source_id WHERE c.region_code = :r AND c.kind = :k "
            "UNION ALL SELECT year, program_code, households, NULL, children FROM rollup WHERE region_code = :r"
        )
        if place.level == 3:  # the sources of the desa rows a kecamatan's sums are made of
            sql += (
                " UNION ALL SELECT DISTINCT c.year, c.program_code, 0, s.key, -1 FROM coverage c "
                "JOIN source s ON s.id = c.source_id WHERE c.kec_code = :r AND c.kind = :k AND c.level > :level"
            )
        with self.engine.connect() as conn:
            found = conn.execute(text(sql), params).all()
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
