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


class LevelReader:
    """Reads kecamatan and desa figures from the store, one question at a time (the answerer is given one by
    :class:`bot.services.Service`; it knows nothing else of the store)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def years(self, region: str) -> list[int]:
        """Years with a figure of the region (its own rows or sums from below), oldest first."""
        with self.engine.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT year FROM coverage WHERE region_code = :r AND kind = :k "
                    "UNION SELECT year FROM rollup WHERE region_code = :r"
                ),
                {"r": region, "k": CoverageKind.REGION.value},
            )
            return sorted({int(y) for (y,) in found})

    def figures(self, region: str, year: int) -> dict[str, LevelFigure]:
        """Program → the region's figure in ``year``: its own row, else the sum of the rows below it."""
        params = {"r": region, "y": year, "k": CoverageKind.REGION.value}
        out: dict[str, LevelFigure] = {}
        with self.engine.connect() as conn:
            own = conn.execute(
                text(
                    "SELECT c.program_code, c.households, s.key FROM coverage c "
                    "LEFT JOIN source s ON s.id = c.source_id WHERE c.region_code = :r AND c.year = :y AND c.kind = :k"
                ),
                params,
            )
            for program, households, source in own:
                out[program] = LevelFigure(program, int(households), 0, (source,) if source else ())
            sums = conn.execute(
                text("SELECT program_code, households, children FROM rollup WHERE region_code = :r AND year = :y"),
                params,
            ).all()
            summed = [(p, h, n) for p, h, n in sums if p not in out]
            if not summed:
                return out
            place = region_level(region)
            column = "kec_code" if place.level == 3 else "kab_code"
            keys: dict[str, set[str]] = {}
            for program, source in conn.execute(
                text(
                    "SELECT DISTINCT c.program_code, s.key FROM coverage c JOIN source s ON s.id = c.source_id "
                    f"WHERE c.{column} = :r AND c.year = :y AND c.kind = :k AND c.level > :level"
                ),
                {**params, "level": place.level},
            ):
                keys.setdefault(program, set()).add(source)
            for program, households, children in summed:
                out[program] = LevelFigure(
                    program, int(households), int(children), tuple(sorted(keys.get(program, ())))
                )
        return out
