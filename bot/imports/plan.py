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
    severity: str = "error"  # or "warning"


@dataclass(frozen=True, slots=True)
class FigureRow:
    row: int
    year: int
    region_code: str
    program_code: str
    households: int
    kind: str
    note: str
    source: str

    @property
    def key(self) -> tuple[int, str, str, str]:
        return (self.year, self.program_code, self.region_code, self.kind)


@dataclass(frozen=True, slots=True)
class Change:
    row: FigureRow
    old: int | None

    @property
    def status(self) -> str:
        return "added" if self.old is None else ("unchanged" if self.old == self.row.households else "changed")


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
    def ok(self) -> bool:
        return not self.errors

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

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
