"""What an import is: limits, the rows and problems found in a file, the plan previewed before it is applied."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.text.i18n import _, fmt_int

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MIN_YEAR = 2000
REQUIRED = ("tahun", "wilayah", "program", "jumlah_kk")
HEADER_ALIASES = {
    # Earlier names win when a sheet has several columns for the same thing (an export has both "wilayah", the
    # code, and "nama_wilayah", the name, for people to read).
    "tahun": ("tahun", "thn", "year", "tahun_anggaran", "tahun_data"),
    "wilayah": (
        "wilayah",
        "kode_wilayah",
        "kode",
        "kab_kota",
        "kabupaten_kota",
        "kabupaten",
        "kota",
        "daerah",
        "region",
        "nama_wilayah",
    ),
    "program": ("program", "kode_program", "jenis_program", "jenis_bantuan", "bantuan", "nama_program"),
    "jumlah_kk": (
        "jumlah_kk",
        "jumlah",
        "kk",
        "jml_kk",
        "jml",
        "jumlah_keluarga",
        "jumlah_penerima",
        "penerima",
        "households",
    ),
    "jenis": ("jenis", "jenis_baris", "tipe", "kind"),
    "catatan": ("catatan", "keterangan", "ket", "note", "notes"),
    "sumber": ("sumber", "sumber_data", "source"),
}
INFORMATIONAL = frozenset({"nama_wilayah", "nama_program"})
"""Columns an export adds for people to read; ignored without a warning when the code column is there."""
HEADER_SEARCH_ROWS = 20
"""The header row may sit below a title; it is looked for among this many first rows."""
EMPTY_RUN_LIMIT = 10_000
"""Reading an XLSX stops after this many empty rows in a row (formatting can make a sheet a million rows long)."""
PREVIEW_PROBLEMS = 30


@dataclass(frozen=True, slots=True)
class Problem:
    row: int | None
    message: str
    severity: str = "error"  # or "warning", or "note" (what staff should know; nothing wrong)


REMOVE_MARKERS = frozenset({"hapus", "delete"})
"""``jumlah_kk`` saying "remove this figure" (see README, "Memperbarui angka")."""
WILDCARD = "*"
"""``wilayah`` or ``program`` of a removal row meaning "every": ``2023;*;*;hapus`` removes the whole year."""

Key = tuple[int, str, str, str]


def is_removal(raw: str) -> bool:
    return raw.strip().lower() in REMOVE_MARKERS


@dataclass(frozen=True, slots=True)
class FigureRow:
    row: int
    year: int
    region_code: str
    program_code: str
    households: int
    kind: str
    note: str | None
    """None when the file has no ``catatan`` column (the stored note stays); "" clears it."""
    source: str | None
    """None or "" keeps the stored source (a new figure gets the import itself as its source)."""
    remove: bool = False
    """``jumlah_kk`` was the removal marker: the figure goes (region/program may be :data:`WILDCARD`)."""

    @property
    def key(self) -> Key:
        return (self.year, self.program_code, self.region_code, self.kind)

    @property
    def wildcard(self) -> bool:
        return WILDCARD in (self.region_code, self.program_code)


@dataclass(frozen=True, slots=True)
class Stored:
    """A figure as the store holds it: households, note and source key."""

    households: int
    note: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    row: FigureRow
    old: int | None
    old_note: str = ""
    old_source: str = ""
    new_source: str = ""
    """The source key the figure will have (resolved from ``row.source``; "" = the stored one)."""

    @property
    def new_note(self) -> str:
        return self.row.note if self.row.note is not None else self.old_note

    @property
    def source_after(self) -> str:
        return self.new_source or self.old_source

    @property
    def fields(self) -> list[str]:
        """Which stored columns change: "jumlah_kk", "catatan", "sumber"."""
        if self.old is None or self.row.remove:
            return []
        out = []
        if self.old != self.row.households:
            out.append("jumlah_kk")
        if self.new_note != self.old_note:
            out.append("catatan")
        if self.source_after != self.old_source:
            out.append("sumber")
        return out

    @property
    def status(self) -> str:
        if self.row.remove:
            return "removed" if self.old is not None else "absent"
        if self.old is None:
            return "added"
        return "changed" if self.fields else "unchanged"


@dataclass
class ImportPlan:
    filename: str
    sha256: str
    rows: list[FigureRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    records: int = 0
    """Data rows read from the file (empty rows not counted)."""
    sheet: str = ""
    """The XLSX sheet the rows came from ("" for CSV)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "note"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    @property
    def effective(self) -> int:
        """Figures the import would add, change or remove."""
        return sum(1 for c in self.changes if c.status in ("added", "changed", "removed"))

    @property
    def error_rows(self) -> list[int]:
        """The rows with at least one error, in order."""
        return sorted({p.row for p in self.errors if p.row is not None})


class StalePlan(Exception):
    """The store's ``data_version`` is not the one the plan was previewed against (another import came first)."""


class ImportRefused(Exception):
    """The file cannot be applied; ``plan.problems`` says why, row by row."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__("; ".join(f"baris {p.row}: {p.message}" if p.row else p.message for p in plan.errors))


def describe_problems(plan: ImportPlan, limit: int | None = None) -> list[str]:
    """One line per problem ("Kesalahan (baris 7): …"), errors first; with ``limit``, a last line says how many more."""
    ordered = plan.errors + plan.warnings
    shown = ordered if limit is None else ordered[:limit]
    out = []
    for p in shown:
        label = _("Peringatan") if p.severity == "warning" else _("Kesalahan")
        where = _("baris {n}").format(n=p.row) if p.row else _("berkas")
        out.append(f"{label} ({where}): {p.message}")
    if len(ordered) > len(shown):
        out.append(_("… dan {n} masalah lain.").format(n=fmt_int(len(ordered) - len(shown))))
    return out
