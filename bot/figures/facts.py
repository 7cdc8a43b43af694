"""An in-memory snapshot of the store's province- and kab/kota-level figures, which answers are computed from.

Loading it reads a few small tables and, of the figures, only the province- and kab/kota-level rows and the
kab/kota rollups (sums of kecamatan and desa rows kept by the imports), each through an index: its size does not
grow with the number of kecamatan or desa rows, which are read one question at a time
(:mod:`bot.figures.levels`). The snapshot is reloaded when the store's ``data_version`` changes (every import
bumps it).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from bot.figures.reference import program_texts
from bot.figures.years import YearRules
from models.tables import (
    ALL_PROGRAMS,
    Coverage,
    CoverageKind,
    CoverageStat,
    ImportBatch,
    Meta,
    Program,
    ProgramGroup,
    Region,
    RegionAlias,
    Rollup,
    Source,
)

KABUPATEN_PREFIXES = ("Kabupaten ", "Kota ")
_DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"


@dataclass(frozen=True, slots=True)
class RegionInfo:
    code: str
    name: str
    level: int
    kind: str
    parent_code: str | None

    @property
    def short(self) -> str:
        """ "Kota Batam" → "Batam"; "Kabupaten Kepulauan Anambas" → "Kepulauan Anambas"."""
        for prefix in KABUPATEN_PREFIXES:
            if self.level == 2 and self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


@dataclass(frozen=True, slots=True)
class ProgramInfo:
    code: str
    name: str
    short: str
    name_en: str
    short_en: str
    sort: int
    group_code: str | None
    aliases: tuple[str, ...] = ()
    texts: dict[str, dict[str, str]] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class GroupInfo:
    code: str
    name: str
    name_en: str
    members: tuple[str, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceInfo:
    key: str
    title: str
    publisher: str
    url: str
    official: str
    published: str
    """ISO date the source was published, "" when unknown."""
    published_note: str = ""
    named: tuple[str, ...] = ()
    """Other people the source names, with their role ("Ansar Ahmad, Gubernur Kepulauan Riau (…)")."""
    period: str = ""
    """The years the source reports on ("2022")."""


@dataclass(frozen=True, slots=True)
class DataDate:
    """How old figures are: the source's publication date when known, else when an import last changed them."""

    published: date | None
    imported: datetime | None
    note: str = ""
    """What the source says about its date when it gives none ("tanggal terbit tidak tercantum …")."""


@dataclass
class Facts(YearRules):
    province: RegionInfo
    regions: dict[str, RegionInfo]
    aliases: list[tuple[str, str]]
    programs: dict[str, ProgramInfo]
    groups: dict[str, GroupInfo]
    cells: dict[tuple[int, str, str], int]
    unallocated: dict[tuple[int, str], int]
    reported: dict[tuple[int, str], int]
    row_sources: dict[tuple[int, str], set[str]]
    sources: dict[str, SourceInfo]
    version: int = 0
    last_update: datetime | None = None
    outside: list[tuple[str, str]] = field(default_factory=list)
    """Names of provinces and kab/kota elsewhere in Indonesia, with the province: ("Kota Surabaya", "Jawa Timur")."""
    changed_at: dict[tuple[int, str], datetime] = field(default_factory=dict)
    """(year, program) → when a staff import last changed one of its figures (the seed does not count)."""
    rolled: dict[tuple[int, str, str], int] = field(default_factory=dict)
    """(year, program, kab/kota) → how many kecamatan were summed, for the kab/kota figures in ``cells`` that are
    not the kab/kota's own row but the sum of the finer rows below it."""

    unallocated_at: dict[tuple[int, str, str], int] = field(default_factory=dict)
    """(year, program, province) → households reported for that province without a kab/kota breakdown."""

    # ---- reference data -------------------------------------------------------------------------------------
    @cached_property
    def several(self) -> bool:
        """The scope has several provinces: the root (:attr:`province`) is the region above them, not a province."""
        return self.province.level == 0

    @property
    def everywhere(self) -> bool:
        """Every province is in scope (``PROVINCE_CODE=all``): no names are left outside."""
        return self.several and not self.outside

    @cached_property
    def kabkota(self) -> list[RegionInfo]:
        return sorted((r for r in self.regions.values() if r.level == 2), key=lambda r: r.code)

    @cached_property
    def provinces(self) -> list[RegionInfo]:
        """The provinces of the scope (one: the root itself)."""
        return sorted((r for r in self.regions.values() if r.level == 1), key=lambda r: r.code)

    @cached_property
    def _kabkota_by_province(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for k in self.kabkota:
            out[k.parent_code or ""].append(k.code)
        return dict(out)

    def province_of(self, code: str) -> RegionInfo | None:
        """The province a region lies in (itself for a province; None for the root or an unknown code)."""
        region = self.regions.get(code)
        while region is not None and region.level > 1:
            region = self.regions.get(region.parent_code or "")
        return region if region is not None and region.level == 1 else None

    def answerable(self, code: str) -> RegionInfo | None:
        """The region whose figures answer a question about ``code``: its kab/kota, or, when the scope has several
        provinces, a province itself (its kab/kota added up)."""
        kab = self.kabkota_of(code)
        if kab is not None:
            return kab
        region = self.regions.get(code)
        return region if region is not None and region.level == 1 and self.several else None

    def kabkota_of(self, code: str) -> RegionInfo | None:
        """The kab/kota a region lies in (itself for a kab/kota; None for the province or an unknown code)."""
        region = self.regions.get(code)
        while region is not None and region.level > 2:
            region = self.regions.get(region.parent_code or "")
        return region if region is not None and region.level == 2 else None

    @cached_property
    def program_list(self) -> list[ProgramInfo]:
        return sorted(self.programs.values(), key=lambda p: (p.sort, p.code))

    def data_date(self, year: int, programs: list[str] | None = None) -> DataDate:
        """The figures' own date: the newest publication date of their sources, else the last staff import."""
        sources = self.sources_for(year, programs)
        published = [date.fromisoformat(s.published) for s in sources if s.published]
        imported = [t for (y, p), t in self.changed_at.items() if y == year and (programs is None or p in programs)]
        note = next((s.published_note for s in sources if s.published_note), "")
        return DataDate(max(published) if published else None, max(imported) if imported else None, note)

    # ---- figures --------------------------------------------------------------------------------------------
    def cell(self, year: int, program: str, region: str) -> int | None:
        """Households of one program in one kab/kota (its own figure, else the sum of its kecamatan and desa rows);
        None when the source names no figure. For a province of a scope of several: its kab/kota added up, with what
        it reported without a breakdown."""
        if self.several and region in self._kabkota_by_province:
            values = [self.cells.get((year, program, k)) for k in self._kabkota_by_province[region]]
            values.append(self.unallocated_at.get((year, program, region)))
            present = [v for v in values if v is not None]
            return sum(present) if present else None
        return self.cells.get((year, program, region))

    def summed(self, year: int, region: str, programs: list[str] | None = None) -> bool:
        """Whether a kab/kota's figure (of any of these programs) is the sum of finer rows, not its own row."""
        return any((year, p, region) in self.rolled for p in (programs or list(self.programs)))

    def region_total(self, year: int, region: str, programs: list[str] | None = None) -> int | None:
        """A kab/kota's households over programs (province-level unallocated figures excluded)."""
        values = [self.cell(year, p, region) for p in (programs or list(self.programs))]
        present = [v for v in values if v is not None]
        return sum(present) if present else None

    @cached_property
    def _cell_sums(self) -> dict[tuple[int, str], int]:
        """(year, program) → the sum of its kab/kota figures, computed once per snapshot (answers ask it often)."""
        sums: dict[tuple[int, str], int] = defaultdict(int)
        for (y, p, _r), v in self.cells.items():
            sums[(y, p)] += v
        return dict(sums)

    @cached_property
    def cell_programs(self) -> dict[int, frozenset[str]]:
        """Year → the programs with a figure for some kab/kota."""
        found: dict[int, set[str]] = defaultdict(set)
        for y, p, _r in self.cells:
            found[y].add(p)
        return {y: frozenset(ps) for y, ps in found.items()}

    def program_total(self, year: int, program: str) -> int | None:
        """Every kab/kota's households for a program plus its unallocated province-level figure (kecamatan and desa
        rows count once, through their kab/kota)."""
        regions = self._cell_sums.get((year, program))
        extra = self.unallocated.get((year, program))
        if regions is None and extra is None:
            return None
        return (regions or 0) + (extra or 0)

    def province_total(self, year: int) -> int | None:
        values = [self.program_total(year, p) for p in self.programs]
        present = [v for v in values if v is not None]
        return sum(present) if present else None

    def unallocated_in(self, year: int) -> dict[str, int]:
        return {p: v for (y, p), v in self.unallocated.items() if y == year}

    def has_year(self, year: int) -> bool:
        return year in self.years

    def sources_for(self, year: int, programs: list[str] | None = None) -> list[SourceInfo]:
        keys: set[str] = set()
        for p in [*(programs or list(self.programs)), ALL_PROGRAMS]:
            keys |= self.row_sources.get((year, p), set())
        return [self.sources[k] for k in sorted(keys) if k in self.sources]


ROOT_CODE = "00"
"""The code of the region above the provinces when the scope has several (no Kemendagri region has it)."""
ROOT_KIND = "wilayah"


def load_facts(engine: Engine, scope: str | Sequence[str], data_dir: Path) -> Facts:
    """Read the snapshot for the scope (``"21"``, ``"21,14"``, ``"all"`` or a sequence of codes) from the store."""
    with Session(engine) as session:
        regions, aliases, outside = _load_regions(session, scope, data_dir)
        programs, groups = _load_programs(session, data_dir)
        sources_by_id = {s.id: s for s in session.exec(select(Source)).all()}
        figures = _load_figures(session, {c for c, r in regions.items() if r.level == 1}, sources_by_id)
        meta = session.get(Meta, "data_version")
        version = int(meta.value) if meta else 0
    root = next(r for r in regions.values() if r.parent_code is None)
    return Facts(
        province=root,
        regions=regions,
        aliases=aliases,
        programs=programs,
        groups=groups,
        cells=figures.cells,
        unallocated=figures.unallocated,
        reported=figures.reported,
        row_sources=figures.row_sources,
        sources={s.key: _source_info(s) for s in sources_by_id.values()},
        version=version,
        last_update=figures.last_update,
        outside=outside,
        changed_at=figures.changed_at,
        unallocated_at=figures.unallocated_at,
        rolled=figures.rolled,
    )


def root_name(data_dir: Path, everywhere: bool) -> str:
    """What the region above several provinces is called (``data/scope.json``): "Indonesia" for every province."""
    path = data_dir / "scope.json"
    names = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return str(names.get("all" if everywhere else "several", "Indonesia" if everywhere else "wilayah layanan"))


def _scope_codes(session: Session, scope: str | Sequence[str]) -> tuple[list[str], bool]:
    """The province codes of the scope and whether it is every province in the store."""
    provinces = sorted(session.exec(select(Region.code).where(Region.level == 1)))
    if isinstance(scope, str):
        if scope.strip().lower() == "all":
            return provinces, True
        scope = [c.strip() for c in scope.split(",") if c.strip()]
    codes = list(dict.fromkeys(scope))
    missing = [c for c in codes if c not in provinces]
    if missing:
        raise LookupError(f"province {', '.join(missing)} is not in the store; run `tanyabansos db init`")
    return codes, len(codes) > 1 and set(codes) == set(provinces)


def _load_regions(
    session: Session, scope: str | Sequence[str], data_dir: Path | None = None
) -> tuple[dict[str, RegionInfo], list[tuple[str, str]], list[tuple[str, str]]]:
    """The scope's regions, their aliases, and the names of provinces and kab/kota elsewhere.

    One province: its regions, the province the root, exactly as always. Several: a root region above them
    (:data:`ROOT_CODE`, "wilayah layanan", or "Indonesia" for every province) whose children are the provinces."""
    codes, everywhere = _scope_codes(session, scope)
    table = Region.__table__.c  # type: ignore[attr-defined]
    columns = sa_select(table.code, table.name, table.level, table.kind, table.parent_code)
    rows = session.execute(columns.where(table.province_code.in_(codes))).all()
    several = len(codes) > 1
    regions: dict[str, RegionInfo] = {}
    if several:
        regions[ROOT_CODE] = RegionInfo(ROOT_CODE, root_name(data_dir or _DATA_DIR, everywhere), 0, ROOT_KIND, None)
    for code, name, level, kind, parent in rows:
        regions[code] = RegionInfo(code, name, level, kind, ROOT_CODE if several and level == 1 else parent)
    aliases = [(a.alias, a.region_code) for a in session.exec(select(RegionAlias)).all() if a.region_code in regions]
    elsewhere = session.execute(
        select(Region.name, Region.level, Region.code, Region.province_code).where(
            col(Region.province_code).not_in(codes), Region.level <= 2
        )
    ).all()
    province_names = {code: name for name, level, code, _p in elsewhere if level == 1}
    outside = [(name, province_names.get(province, name)) for name, _l, _c, province in elsewhere]
    return regions, aliases, outside


def _load_programs(session: Session, data_dir: Path) -> tuple[dict[str, ProgramInfo], dict[str, GroupInfo]]:
    texts = program_texts(data_dir)
    extra = {p["code"]: p for p in texts.get("programs", [])}
    extra_groups = {g["code"]: g for g in texts.get("groups", [])}
    programs: dict[str, ProgramInfo] = {}
    for p in session.exec(select(Program)).all():
        e = extra.get(p.code, {})
        programs[p.code] = ProgramInfo(
            p.code,
            p.name,
            p.short,
            p.name_en,
            p.short_en,
            p.sort,
            p.group_code,
            tuple(e.get("aliases", ())),
            e.get("text", {}),
        )
    groups = {
        g.code: GroupInfo(
            g.code,
            g.name,
            g.name_en,
            tuple(
                sorted((p.code for p in programs.values() if p.group_code == g.code), key=lambda c: programs[c].sort)
            ),
            tuple(extra_groups.get(g.code, {}).get("aliases", ())),
        )
        for g in session.exec(select(ProgramGroup)).all()
    }
    return programs, groups


def _source_info(s: Source) -> SourceInfo:
    return SourceInfo(
        s.key,
        s.title,
        s.publisher,
        s.url,
        s.official,
        s.published.isoformat() if s.published else "",
        s.published_note,
        tuple(line for line in s.named.splitlines() if line.strip()),
        s.period,
    )


@dataclass
class _Figures:
    cells: dict[tuple[int, str, str], int] = field(default_factory=dict)
    unallocated: dict[tuple[int, str], int] = field(default_factory=dict)
    reported: dict[tuple[int, str], int] = field(default_factory=dict)
    row_sources: dict[tuple[int, str], set[str]] = field(default_factory=dict)
    last_update: datetime | None = None
    changed_at: dict[tuple[int, str], datetime] = field(default_factory=dict)
    unallocated_at: dict[tuple[int, str, str], int] = field(default_factory=dict)
    rolled: dict[tuple[int, str, str], int] = field(default_factory=dict)


def _columns(table: type[SQLModel], *names: str) -> list[Any]:
    return [col(getattr(table, name)) for name in names]


def _load_figures(session: Session, provinces: set[str], sources_by_id: dict[int | None, Source]) -> _Figures:
    """The provinces' figures at province and kab/kota level: their own rows, else the sums of the rows below
    (``rollup``), with their sources and when staff last changed them (``coveragestat``). Never a kecamatan or desa
    row."""
    out = _Figures()
    if not provinces:
        return out
    where = sorted(provinces)
    conn = session.connection()
    own = conn.execute(
        sa_select(*_columns(Coverage, "year", "program_code", "region_code", "kind", "households")).where(
            col(Coverage.province_code).in_(where), col(Coverage.level) <= 2
        )
    )
    for year, program, region, kind, households in own:
        if kind == CoverageKind.REGION:
            out.cells[(year, program, region)] = households
        elif kind == CoverageKind.UNALLOCATED:
            key = (year, program)  # one row per province: several provinces add up
            out.unallocated[key] = out.unallocated.get(key, 0) + households
            out.unallocated_at[(year, program, region)] = households
        else:
            out.reported[(year, program)] = households
    sums = conn.execute(
        sa_select(*_columns(Rollup, "year", "program_code", "region_code", "households", "children")).where(
            col(Rollup.province_code).in_(where), col(Rollup.level) == 2
        )
    )
    for year, program, region, households, children in sums:
        if (year, program, region) not in out.cells:
            out.cells[(year, program, region)] = households
            out.rolled[(year, program, region)] = children
    row_sources: dict[tuple[int, str], set[str]] = defaultdict(set)
    staff_imports = {b.id: b.imported_at for b in session.exec(select(ImportBatch)).all() if b.imported_by != "seed"}
    for stat in session.exec(select(CoverageStat).where(col(CoverageStat.province_code).in_(where))):
        source = sources_by_id.get(stat.source_id)
        if source is not None:
            row_sources[(stat.year, stat.program_code)].add(source.key)
        if out.last_update is None or stat.updated_at > out.last_update:
            out.last_update = stat.updated_at
        when = staff_imports.get(stat.batch_id)
        seen = out.changed_at.get((stat.year, stat.program_code))
        if when is not None and (seen is None or when > seen):
            out.changed_at[(stat.year, stat.program_code)] = when
    out.row_sources = dict(row_sources)
    return out
