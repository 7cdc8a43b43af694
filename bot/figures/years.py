"""Which year answers a question: "the current figures" when the years are not all complete.

Per question, the latest year that has the asked figure: a region is answered with the latest year that has figures
for it, a program with the latest year that has it for every kab/kota it had before, the province (totals,
rankings, lists, digests) with the latest *complete* year: one with figures for every kab/kota the previous complete
year had. A newer, partial year is named, with what it lacks, never added up as the total.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Self

from models.tables import CoverageKind


@dataclass(frozen=True, slots=True)
class Gap:
    """What a year lacks compared with the latest earlier year that had it (``reference``)."""

    reference: int | None
    regions: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.regions or self.programs)


class YearRules:
    """The year rules of the facts snapshot (mixed into :class:`bot.figures.facts.Facts`)."""

    cells: dict[tuple[int, str, str], int]
    unallocated: dict[tuple[int, str], int]
    reported: dict[tuple[int, str], int]
    programs: dict[str, Any]

    @cached_property
    def years(self) -> list[int]:
        # A year counts once it has figures, not just a reported total (plain questions would land on a year
        # with nothing to show).
        return sorted({y for (y, _p, _r) in self.cells} | {y for (y, _p) in self.unallocated})

    @property
    def latest_year(self) -> int | None:
        """The newest year with any figure, complete or not (see :attr:`current_year` for "the current figures")."""
        return self.years[-1] if self.years else None

    def regions_with(self, year: int, program: str | None = None) -> frozenset[str]:
        """Kab/kota with a figure in that year (of that program)."""
        return frozenset(r for (y, p, r) in self.cells if y == year and (program is None or p == program))

    def programs_with(self, year: int, region: str | None = None) -> frozenset[str]:
        """Programs with a figure in that year (in that kab/kota; province-wide ones count for the province)."""
        found = {p for (y, p, r) in self.cells if y == year and (region is None or r == region)}
        if region is None:
            found |= {p for (y, p) in self.unallocated if y == year}
        return frozenset(found)

    def _complete(self, scope: Callable[[int], frozenset[str]]) -> list[int]:
        """Years with figures in scope covering everything the previous complete year had."""
        out: list[int] = []
        reference: frozenset[str] | None = None
        for year in self.years:
            have = scope(year)
            if not have:
                continue
            if reference is None or have >= reference:
                out.append(year)
                reference = have
        return out

    @cached_property
    def complete_years(self) -> list[int]:
        # Kab/kota only: a year with every kab/kota but fewer programs is current, and the missing programs are named
        # (a program's own questions keep its latest complete year, see year_for).
        return self._complete(self.regions_with)

    @property
    def current_year(self) -> int | None:
        """The year province-wide answers use: the latest complete one (the latest year when none is complete)."""
        return self.complete_years[-1] if self.complete_years else self.latest_year

    def year_for(self, region: str | None = None, program: str | None = None) -> int | None:
        """The latest year that has the asked figure (region, program, both, or the province)."""
        if region is not None and program is not None:
            years = [y for (y, p, r) in self.cells if p == program and r == region]
            return max(years) if years else self.year_for(region=region)
        if region is not None:
            years = [y for (y, _p, r) in self.cells if r == region]
            return max(years) if years else self.current_year
        if program is not None:
            complete = self._complete(
                lambda y: self.regions_with(y, program) | ({"*"} if (y, program) in self.unallocated else set())
            )
            return complete[-1] if complete else self.current_year
        return self.current_year

    def gap(self, year: int, region: str | None = None, program: str | None = None) -> Gap:
        """What ``year`` lacks (kab/kota, programs) against the latest earlier year that had the same scope."""
        if region is not None and program is not None:
            return Gap(None)
        if region is not None:
            earlier = [y for y in self.years if y < year and self.programs_with(y, region)]
            if not earlier:
                return Gap(None)
            ref = earlier[-1]
            missing = self.programs_with(ref, region) - self.programs_with(year, region)
            return Gap(ref, programs=tuple(sorted(missing, key=self._program_sort)))
        if program is not None:
            earlier = [y for y in self.years if y < year and program in self.programs_with(y)]
            if not earlier:
                return Gap(None)
            ref = earlier[-1]
            return Gap(ref, regions=tuple(sorted(self.regions_with(ref, program) - self.regions_with(year, program))))
        earlier = [y for y in self.complete_years if y < year]
        if not earlier:
            return Gap(None)
        ref = earlier[-1]
        return Gap(
            ref,
            regions=tuple(sorted(self.regions_with(ref) - self.regions_with(year))),
            programs=tuple(sorted(self.programs_with(ref) - self.programs_with(year), key=self._program_sort)),
        )

    def _program_sort(self, code: str) -> tuple[int, str]:
        p = self.programs.get(code)
        return (p.sort if p else 999, code)

    def newer_years(self, year: int) -> list[int]:
        """Years after ``year`` that have some figures, partial ones included."""
        return [y for y in self.years if y > year]

    def with_figures(self, updates: Mapping[tuple[int, str, str, str], int | None]) -> Self:
        """A copy with some figures set (None: removed), to show what an import would change before it is applied."""
        cells, unallocated, reported = dict(self.cells), dict(self.unallocated), dict(self.reported)
        for (year, program, region, kind), value in updates.items():
            target: dict = (
                cells
                if kind == CoverageKind.REGION
                else (unallocated if kind == CoverageKind.UNALLOCATED else reported)
            )
            key = (year, program, region) if kind == CoverageKind.REGION else (year, program)
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
        return replace(self, cells=cells, unallocated=unallocated, reported=reported)  # type: ignore[type-var]
