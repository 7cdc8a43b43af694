"""Which year answers a question: "the current figures" when the years are not all complete.

Per question, the latest year that has the asked figure: a region is answered with the latest year that has figures
for it, a program with the latest year that has it for every kab/kota it had before, the province (totals,
rankings, lists, digests) with the latest *complete* year: one with figures for every kab/kota the previous complete
year had. A newer, partial year is named, with what it lacks, never added up as the total.
"""

from __future__ import annotations

from collections import defaultdict
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


@dataclass(frozen=True, slots=True)
class _CellIndex:
    """The figures' keys indexed once per snapshot, so that the year rules cost a look-up per question instead of a
    pass over every figure (at national scope, 514 kab/kota × 4 programs × 12 years)."""

    regions: dict[tuple[int, str | None], frozenset[str]]
    """(year, program or None for any) → kab/kota with a figure."""
    programs: dict[tuple[int, str | None], frozenset[str]]
    """(year, kab/kota or None for the province, unallocated figures included) → programs with a figure."""
    latest: dict[tuple[str, str | None], int]
    """(kab/kota, program or None for any) → the latest year with a figure."""

    @classmethod
    def of(cls, cells: Mapping[tuple[int, str, str], int], unallocated: Mapping[tuple[int, str], int]) -> _CellIndex:
        regions: dict[tuple[int, str | None], set[str]] = defaultdict(set)
        programs: dict[tuple[int, str | None], set[str]] = defaultdict(set)
        latest: dict[tuple[str, str | None], int] = {}
        for year, program, region in cells:
            regions[(year, program)].add(region)
            regions[(year, None)].add(region)
            programs[(year, region)].add(program)
            programs[(year, None)].add(program)
            for key in ((region, program), (region, None)):
                if latest.get(key, year - 1) < year:
                    latest[key] = year
        for year, program in unallocated:
            programs[(year, None)].add(program)
        return cls(
            {k: frozenset(v) for k, v in regions.items()}, {k: frozenset(v) for k, v in programs.items()}, latest
        )


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

    @cached_property
    def _index(self) -> _CellIndex:
        return _CellIndex.of(self.cells, self.unallocated)

    def regions_with(self, year: int, program: str | None = None) -> frozenset[str]:
        """Kab/kota with a figure in that year (of that program)."""
        return self._index.regions.get((year, program), frozenset())

    def programs_with(self, year: int, region: str | None = None) -> frozenset[str]:
        """Programs with a figure in that year (in that kab/kota; province-wide ones count for the province)."""
        return self._index.programs.get((year, region), frozenset())

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
            latest = self._index.latest.get((region, program))
            return latest if latest is not None else self.year_for(region=region)
        if region is not None:
            latest = self._index.latest.get((region, None))
            return latest if latest is not None else self.current_year
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
