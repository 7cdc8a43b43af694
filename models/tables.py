"""SQLModel tables: the data dictionary of Tanya Bansos.

Times are stored as UTC (aware datetimes, see :func:`utcnow`); they are shown in the configured time zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, Index, UniqueConstraint, event
from sqlmodel import Field, SQLModel

ALL_PROGRAMS = "SEMUA"
"""Program code of a reported grand total over every program."""


def utcnow() -> datetime:
    return datetime.now(UTC)


class CoverageKind(StrEnum):
    """What a coverage row counts (the ``kind`` column; the import file's ``jenis``)."""

    REGION = "wilayah"
    """Households in one region for one program."""
    UNALLOCATED = "tanpa_rincian"
    """Households reported for the province as a whole, with no breakdown by region (KUBE in 2022)."""
    TOTAL = "total"
    """A total as the source reports it; checked against the sum of the other rows, never added to them."""


class Source(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=80)
    title: str
    publisher: str
    url: str = ""
    published: date | None = None
    published_note: str = ""
    official: str = ""
    named: str = ""
    """Other people the source names with their role, one per line (the governor in its photo caption)."""
    period: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Region(SQLModel, table=True):
    """A Kemendagri region (province, kab/kota, kecamatan, desa/kelurahan) with its parent."""

    code: str = Field(primary_key=True, max_length=16)
    name: str
    level: int = Field(index=True)
    kind: str = Field(max_length=16)
    parent_code: str | None = Field(default=None, index=True, max_length=16)
    province_code: str = Field(index=True, max_length=2)


class RegionAlias(SQLModel, table=True):
    """What people call a region besides its official name ("TPI", "KKA", "Tg. Pinang")."""

    __table_args__ = (UniqueConstraint("alias", "region_code"),)

    id: int | None = Field(default=None, primary_key=True)
    alias: str = Field(index=True, max_length=120)
    region_code: str = Field(foreign_key="region.code", max_length=16)
    note: str = ""


class ProgramGroup(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=16)
    name: str
    name_en: str = ""


class Program(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=16)
    name: str
    short: str
    name_en: str = ""
    short_en: str = ""
    sort: int = 0
    group_code: str | None = Field(default=None, foreign_key="programgroup.code", max_length=16)


class RegionLevel(NamedTuple):
    """Where a Kemendagri code sits: its level and the codes at or above it (read from the code itself)."""

    level: int
    """1 province, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan."""
    province_code: str
    kab_code: str | None
    """The kab/kota at or above the region (itself for a kab/kota); None for a province."""
    kec_code: str | None
    """The kecamatan at or above the region (itself for a kecamatan); None above kecamatan."""


def region_level(code: str) -> RegionLevel:
    """ "21" → (1, "21", None, None); "21.71.01.1001" → (4, "21", "21.71", "21.71.01").

    Kemendagri codes nest by dotted parts (``PP.KK.CC.DDDD``), so the level and the ancestors need no lookup."""
    parts = code.split(".")
    level = len(parts)
    return RegionLevel(
        level,
        parts[0],
        ".".join(parts[:2]) if level >= 2 else None,
        ".".join(parts[:3]) if level >= 3 else None,
    )


class Coverage(SQLModel, table=True):
    """How many households (KK) a program reached in a region in a year, and who said so.

    A figure may be for a province (unallocated and reported totals), a kab/kota, a kecamatan or a desa/kelurahan.
    ``level``, ``province_code``, ``kab_code`` and ``kec_code`` are the region's place (:func:`region_level`),
    filled from ``region_code`` whenever the ORM writes a row (bulk writers call :func:`coverage_levels`); they let
    a question about one level read only that level's rows through an index.
    """

    __table_args__ = (
        UniqueConstraint("year", "program_code", "region_code", "kind"),
        Index("ix_coverage_province_level", "province_code", "level", "year", "program_code"),
        Index("ix_coverage_kab", "kab_code", "year", "program_code"),
        Index("ix_coverage_kec", "kec_code", "year", "program_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    year: int  # indexed as the first column of the unique key (as is (year, program_code))
    program_code: str = Field(max_length=16)
    region_code: str = Field(foreign_key="region.code", max_length=16, index=True)
    kind: str = Field(default=CoverageKind.REGION, max_length=16)
    households: int
    note: str = ""
    source_id: int | None = Field(default=None, foreign_key="source.id")
    updated_at: datetime = Field(default_factory=utcnow)
    batch_id: int | None = Field(default=None)
    """The import (``importbatch.id``) that last changed this figure; None: before imports were numbered."""
    level: int = Field(default=0)
    province_code: str = Field(default="", max_length=2)
    kab_code: str | None = Field(default=None, max_length=16)
    kec_code: str | None = Field(default=None, max_length=16)


def coverage_levels(region_code: str) -> dict[str, Any]:
    """The place columns of a coverage row for ``region_code`` (for bulk inserts that bypass the ORM)."""
    return region_level(region_code)._asdict()


@event.listens_for(Coverage, "before_insert")
@event.listens_for(Coverage, "before_update")
def _fill_levels(_mapper: Any, _connection: Any, target: Coverage) -> None:
    where = region_level(target.region_code)
    target.level, target.province_code, target.kab_code, target.kec_code = where


class Rollup(SQLModel, table=True):
    """A region's households summed from the level below it, kept current by every import and undo
    (``bot.figures.rollups.refresh_rollups``), so kab/kota and province answers never read desa rows.

    One row per (year, program, region) for provinces, kab/kota and kecamatan with figures below them:
    ``households`` = the sum over the region's direct children of their effective figure (a child's own
    ``wilayah`` row if it has one, else the child's own rollup); ``children`` = how many children contributed.
    """

    __table_args__ = (
        Index("ix_rollup_province_level", "province_code", "level", "year", "program_code"),
        Index("ix_rollup_region", "region_code", "year"),
    )

    year: int = Field(primary_key=True)
    program_code: str = Field(primary_key=True, max_length=16)
    region_code: str = Field(primary_key=True, max_length=16)
    level: int
    province_code: str = Field(max_length=2)
    households: int = Field(sa_type=BigInteger)
    children: int
    updated_at: datetime = Field(default_factory=utcnow)


class CoverageStat(SQLModel, table=True):
    """Which sources and imports stand behind a province's figures of a (year, program), at every level: the
    facts snapshot reads these few rows instead of the figures themselves. Kept current with the rollups."""

    __table_args__ = (Index("ix_coveragestat_province", "province_code", "year", "program_code"),)

    id: int | None = Field(default=None, primary_key=True)
    year: int
    program_code: str = Field(max_length=16)
    province_code: str = Field(max_length=2)
    source_id: int | None = None
    batch_id: int | None = None
    rows: int
    updated_at: datetime
    """The newest ``updated_at`` among these rows."""


class ImportBatch(SQLModel, table=True):
    """One applied import of figures (or the undo of one): who, when, from which file. ``id`` is the import number
    staff see in /riwayat."""

    id: int | None = Field(default=None, primary_key=True)
    filename: str
    sha256: str = Field(max_length=64)
    imported_by: str = Field(default="system", max_length=64)
    imported_at: datetime = Field(default_factory=utcnow)
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    imported_by_id: int | None = Field(default=None, sa_type=BigInteger)
    """The Telegram user who applied it (None for the CLI and the seed)."""
    undoes_id: int | None = Field(default=None)
    """For an undo: the import it reversed."""
    undone_by_id: int | None = Field(default=None)
    """The undo that reversed this import, if any."""


class AuditLog(SQLModel, table=True):
    """Every change of a figure: old and new value, by whom, from which import."""

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int | None = Field(default=None, foreign_key="importbatch.id", index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(default="system", max_length=64)
    year: int
    program_code: str = Field(max_length=16)
    region_code: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    old_value: int | None = None
    new_value: int | None = None
    """None: the figure was removed (or, in ``old_value``, did not exist)."""
    old_note: str | None = None
    new_note: str | None = None
    old_source: str | None = Field(default=None, max_length=80)
    new_source: str | None = Field(default=None, max_length=80)
    """Source keys before and after (None in rows recorded before notes and sources were audited)."""


class Meta(SQLModel, table=True):
    """Small key/value facts about the store, e.g. ``data_version`` (bumped by every import)."""

    key: str = Field(primary_key=True, max_length=64)
    value: str


class LanguagePref(SQLModel, table=True):
    """The language a Telegram user (or a group chat) chose with /bahasa."""

    subject_id: int = Field(primary_key=True, sa_type=BigInteger)
    language: str = Field(max_length=8)
    updated_at: datetime = Field(default_factory=utcnow)


class UnansweredQuestion(SQLModel, table=True):
    """A question the bot could not answer: the text and when, never who asked."""

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(max_length=500)
    normalized: str = Field(max_length=500, index=True)
    asked_at: datetime = Field(default_factory=utcnow, index=True)
    language: str = Field(default="id", max_length=8)
