"""Importing figures from a spreadsheet: parse, validate, preview, then apply all or nothing.

The seed data in ``data/figures/`` goes through this same importer (strictly: any inconsistency refuses it).
Columns: ``tahun, wilayah, program, jumlah_kk`` and optional ``jenis, catatan, sumber`` (other columns, such as the
``nama_wilayah`` and ``nama_program`` of an export, are ignored).

What Excel really produces is accepted: CSV with ``;``, ``,`` or tab separators (and a ``sep=;`` first line), UTF-8
with or without BOM, UTF-16, Windows-1252; XLSX (the first sheet that has the columns); a title above the header
row; header case, spacing and punctuation variants; Indonesian and English thousands separators ("22.465",
"22,465", "22.465,00"); empty trailing rows and columns.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.figures.facts import Facts
from bot.text.i18n import _, fmt_int
from bot.text.normalise import clean, compress
from bot.understanding.understander import Understander, canonical_words
from models.tables import ALL_PROGRAMS, AuditLog, Coverage, CoverageKind, ImportBatch, Meta, Source, utcnow

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

_KIND_WORDS = {
    "": CoverageKind.REGION,
    "wilayah": CoverageKind.REGION,
    "kab_kota": CoverageKind.REGION,
    "tanpa_rincian": CoverageKind.UNALLOCATED,
    "provinsi": CoverageKind.UNALLOCATED,
    "total": CoverageKind.TOTAL,
}
_REGION_CODE = re.compile(r"^\d{2}(\.?\d{2}){0,2}(\.?\d{4})?$")
_SHORT_DECIMAL_CODE = re.compile(r"^\d{2}\.\d$")  # "21.1": Excel turned the code 21.10 into a number
_PLAIN = re.compile(r"^\d+$")
_ID_GROUPED = re.compile(r"^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$")  # 22.465 or 22.465,00
_EN_GROUPED = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$")  # 22,465 or 22,465.00
_DECIMAL = re.compile(r"^(\d+)[.,](\d+)$")  # 2800,00 or 12.5
_NEUTRALISED = re.compile(r"^'(?=[=+\-@])")


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


# ---- reading files --------------------------------------------------------------------------------------------
@dataclass
class Table:
    """The data rows of a sheet by canonical column, with the problems the header itself has."""

    records: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    header_row: int = 1
    sheet: str = ""
    too_many: bool = False


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM ("Unicode text"), else Windows-1252 as Excel writes it."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def is_xlsx(data: bytes, filename: str) -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04")


def read_table(data: bytes, filename: str) -> Table:
    """The rows of a CSV or XLSX file (row numbers as the spreadsheet shows them)."""
    if is_xlsx(data, filename):
        return _read_xlsx(data)
    return _table(_csv_rows(decode_text(data)))


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    lines = text.splitlines()
    delimiter = None
    first = 0
    if lines:
        sep = re.match(r'^\s*"?sep=(.)"?\s*$', lines[0], re.IGNORECASE)  # Excel's own hint line
        if sep:
            delimiter, first = sep.group(1), 1
    if delimiter is None:
        head = lines[:HEADER_SEARCH_ROWS]
        counts = {d: max((line.count(d) for line in head), default=0) for d in (";", ",", "\t", "|")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    body = "\n".join(lines[first:])
    yield from enumerate(csv.reader(io.StringIO(body), delimiter=delimiter), start=first + 1)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return str(value)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        first: Table | None = None
        for ws in wb.worksheets:
            rows = ((n, [_cell_text(c) for c in row]) for n, row in enumerate(ws.iter_rows(values_only=True), 1))
            table = _table(rows)
            table.sheet = ws.title
            if all(c in table.columns for c in REQUIRED):
                return table
            first = first or table
        return first or Table()
    finally:
        wb.close()


def header_key(name: str) -> str:
    """ "Jumlah KK " → "jumlah_kk"; "Kab/Kota" → "kab_kota"."""
    return re.sub(r"[^a-z0-9]+", "_", clean(name)).strip("_")


def _canonical(key: str) -> tuple[str, int] | None:
    """(canonical column, priority: lower wins) for a header key, exact names first, then prefixes."""
    for canonical, variants in HEADER_ALIASES.items():
        if key in variants:
            return canonical, variants.index(key)
    for canonical, variants in HEADER_ALIASES.items():
        for i, variant in enumerate(variants):
            if key.startswith(variant + "_"):
                return canonical, 100 + i
    return None


def header_columns(cells: list[str], row: int) -> tuple[dict[str, int], list[Problem]]:
    """Which column holds what; a second column for the same thing is ignored, with a warning."""
    best: dict[str, tuple[int, int]] = {}
    notes: list[Problem] = []
    ignored: list[tuple[int, str]] = []
    for index, raw in enumerate(cells):
        key = header_key(raw)
        hit = _canonical(key) if key else None
        if hit is None:
            continue
        canonical, priority = hit
        if canonical in best:
            kept_priority, kept = best[canonical]
            if priority < kept_priority:
                best[canonical] = (priority, index)
                ignored.append((kept, canonical))
            else:
                ignored.append((index, canonical))
        else:
            best[canonical] = (priority, index)
    for index, canonical in ignored:
        if header_key(cells[index]) in INFORMATIONAL:
            continue
        notes.append(
            Problem(
                row,
                _("kolom “{column}” diabaikan: kolom “{used}” sudah dipakai sebagai {name}.").format(
                    column=cells[index].strip(), used=cells[best[canonical][1]].strip(), name=canonical
                ),
                "warning",
            )
        )
    return {c: i for c, (_p, i) in best.items()}, notes


def _clean_cell(value: str) -> str:
    """Trimmed, without the apostrophe an export put before "=", "+", "-" or "@" against formula injection."""
    return _NEUTRALISED.sub("", value.replace("\u00a0", " ").strip())


def _table(rows: Iterable[tuple[int, list[str]]]) -> Table:
    table = Table()
    iterator = iter(rows)
    waiting: list[tuple[int, list[str]]] = []
    header: tuple[int, list[str]] | None = None
    for number, cells in iterator:
        if not any(c.strip() for c in cells):
            continue
        waiting.append((number, cells))
        columns, _notes = header_columns(cells, number)
        if all(c in columns for c in REQUIRED):
            header = (number, cells)
            waiting.clear()
            break
        if len(waiting) >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        if not waiting:
            return table
        # No row has every column: take the first one as the header, so the missing columns are named.
        header = waiting[0]
        rest: Iterable[tuple[int, list[str]]] = waiting[1:]
    else:
        rest = ()
    table.header_row = header[0]
    table.columns, table.problems = header_columns(header[1], header[0])
    empty_run = 0
    for number, cells in _chain(rest, iterator):
        values = {name: _clean_cell(cells[i]) if i < len(cells) else "" for name, i in table.columns.items()}
        if not any(values.get(c) for c in REQUIRED):
            empty_run += 1
            if empty_run >= EMPTY_RUN_LIMIT:
                break
            continue
        empty_run = 0
        if len(table.records) >= MAX_ROWS:
            table.too_many = True
            break
        table.records.append((number, values))
    return table


def _chain(first: Iterable, second: Iterator) -> Iterator:
    yield from first
    yield from second


# ---- validating -----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Count:
    value: int | None
    problem: str = ""  # "", "empty", "negative", "fraction", "invalid"


def read_count(raw: str) -> Count:
    """A count as people type it: "22.465", "22,465", "22465", "22 465", "22.465,00"; else why not."""
    s = raw.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").strip()
    if not s:
        return Count(None, "empty")
    negative = s.startswith("-") or s.startswith("\u2212") or (s.startswith("(") and s.endswith(")"))
    body = s.strip("()").lstrip("+-\u2212")
    whole: str | None = None
    fraction = ""
    if _PLAIN.match(body):
        whole = body
    elif m := _ID_GROUPED.match(body):
        whole, fraction = m.group(1).replace(".", ""), m.group(2) or ""
    elif m := _EN_GROUPED.match(body):
        whole, fraction = m.group(1).replace(",", ""), m.group(2) or ""
    elif m := _DECIMAL.match(body):
        whole, fraction = m.group(1), m.group(2)
    if whole is None:
        return Count(None, "invalid")
    if fraction.strip("0"):
        return Count(None, "fraction")
    value = int(whole)
    if negative and value:
        return Count(None, "negative")
    return Count(value)


def parse_count(raw: str) -> int | None:
    """ "22.465", "22,465", "22465", "22 465" → 22465; anything else (negative, decimal, text) → None."""
    return read_count(raw).value


class RowParser:
    """Resolves regions and programs in a spreadsheet the way questions are understood (codes, names, typos)."""

    def __init__(self, facts: Facts, understander: Understander, known_sources: set[str]) -> None:
        self.facts = facts
        self.understander = understander
        self.known_sources = known_sources
        self.program_names: dict[str, str] = {}
        for p in facts.programs.values():
            for name in (p.code, p.name, p.short, p.name_en, p.short_en, *p.aliases):
                if name:
                    self.program_names.setdefault(compress(canonical_words(name, understander.lexicon)), p.code)
        for name in (ALL_PROGRAMS, "semua program", "seluruh program", "total"):
            self.program_names[compress(canonical_words(name, understander.lexicon))] = ALL_PROGRAMS
        self.program_names.pop("", None)
        self._kab_names = {k.name: k.code for k in facts.kabkota} | {k.short: k.code for k in facts.kabkota}
        self._regions: dict[str, tuple[str | None, str | None]] = {}
        self._programs: dict[str, tuple[str | None, str | None]] = {}
        self._outside: dict[str, str | None] = {}

    def region(self, raw: str) -> tuple[str | None, str | None]:
        """(region code, suggestion) for a cell; the code may be of a kecamatan or desa (refused by the caller)."""
        s = raw.strip()
        if s not in self._regions:
            self._regions[s] = self._region(s)
        return self._regions[s]

    def _region(self, s: str) -> tuple[str | None, str | None]:
        if _SHORT_DECIMAL_CODE.match(s):
            s += "0"
        if _REGION_CODE.match(s):
            digits = s.replace(".", "")
            code = ".".join(p for p in (digits[0:2], digits[2:4], digits[4:6], digits[6:10]) if p)
            return (code, None) if code in self.facts.regions else (None, None)
        if not s:
            return (None, None)
        u = self.understander.understand(s)
        if u.regions and len(u.regions) == 1 and not u.ambiguous:
            match = u.regions[0]
            return (match.sub_code or match.code, None)
        if u.province and not u.regions:
            return (self.facts.province.code, None)
        candidates = [c for a in u.ambiguous for c in a.candidates]
        suggestion = ", ".join(self.facts.regions[c].name for c in candidates if c in self.facts.regions) or None
        if suggestion is None and not u.outside:
            near = process.extractOne(
                compress(s), {k: compress(k) for k in self._kab_names}, scorer=fuzz.ratio, score_cutoff=55
            )
            if near:
                suggestion = self.facts.regions[self._kab_names[near[2]]].name
        return (None, suggestion)

    def outside(self, raw: str) -> str | None:
        """The place elsewhere in Indonesia a cell names ("Kota Bandung (Jawa Barat)"), if any."""
        s = raw.strip()
        if s not in self._outside:
            u = self.understander.understand(s)
            self._outside[s] = u.outside[0] if u.outside and not u.regions else None
        return self._outside[s]

    def program(self, raw: str) -> tuple[str | None, str | None]:
        """(program code, suggestion) for a cell."""
        if raw not in self._programs:
            self._programs[raw] = self._program(compress(canonical_words(raw, self.understander.lexicon)))
        return self._programs[raw]

    def _program(self, key: str) -> tuple[str | None, str | None]:
        if not key:
            return None, None
        if key in self.program_names:
            return self.program_names[key], None
        hit = process.extractOne(key, list(self.program_names), scorer=fuzz.ratio, score_cutoff=80)
        if hit:
            return self.program_names[hit[0]], None
        near = process.extractOne(key, list(self.program_names), scorer=fuzz.ratio, score_cutoff=50)
        return None, (self.program_names[near[0]] if near and self.program_names[near[0]] != ALL_PROGRAMS else None)


def _year(raw: str, this_year: int) -> int | None:
    count = read_count(raw)
    if count.value is None or not MIN_YEAR <= count.value <= this_year + 1:
        return None
    return count.value


def parse_file(data: bytes, filename: str, parser: RowParser, *, today: date | None = None) -> ImportPlan:
    """Read and check every row; every problem names its row. Nothing is compared with the store yet."""
    plan = ImportPlan(filename=filename, sha256=hashlib.sha256(data).hexdigest())
    if len(data) > MAX_BYTES:
        plan.problems.append(Problem(None, _("Berkas lebih dari 5 MB; pecah menjadi beberapa berkas.")))
        return plan
    try:
        table = read_table(data, filename)
    except Exception as exc:  # a broken spreadsheet is the user's problem to hear about, not a crash
        plan.problems.append(
            Problem(
                None, _("Berkas tidak bisa dibaca sebagai CSV atau XLSX ({error}).").format(error=type(exc).__name__)
            )
        )
        return plan
    plan.sheet = table.sheet
    plan.records = len(table.records)
    if table.too_many:
        plan.problems.append(
            Problem(
                None,
                _("Berkas berisi lebih dari {max} baris; pecah menjadi beberapa berkas.").format(max=fmt_int(MAX_ROWS)),
            )
        )
        return plan
    missing = [c for c in REQUIRED if c not in table.columns]
    if not table.columns or missing:
        if not table.records and not table.columns:
            plan.problems.append(Problem(None, _("Berkas kosong: tidak ada baris data di bawah judul kolom.")))
            return plan
        plan.problems.append(
            Problem(
                table.header_row,
                _("Kolom wajib tidak ada: {columns}. Kolom yang dibutuhkan: {required}.").format(
                    columns=", ".join(missing), required=", ".join(REQUIRED)
                ),
            )
        )
        return plan
    plan.problems.extend(table.problems)
    if not table.records:
        plan.problems.append(Problem(None, _("Berkas kosong: tidak ada baris data di bawah judul kolom.")))
        return plan
    this_year = (today or date.today()).year
    seen: dict[tuple[int, str, str, str], int] = {}
    facts = parser.facts
    for number, cells in table.records:
        found: list[str] = []
        year_raw = cells.get("tahun", "")
        year = _year(year_raw, this_year)
        if year is None:
            found.append(
                _("tahun “{value}” tidak valid (harus {min}–{max}).").format(
                    value=year_raw, min=MIN_YEAR, max=this_year + 1
                )
            )
        region_raw = cells.get("wilayah", "")
        region, region_problem = _check_region(parser, region_raw)
        if region_problem:
            found.append(region_problem)
        program_raw = cells.get("program", "")
        program, near = parser.program(program_raw)
        if program is None:
            if not program_raw:
                found.append(_("program kosong."))
            else:
                hint = (
                    _("Maksud Anda: {suggestion}?").format(suggestion=near)
                    if near
                    else _("Program yang dikenal: {programs}.").format(programs=", ".join(sorted(facts.programs)))
                )
                found.append(_("program “{value}” tidak dikenal.").format(value=program_raw) + " " + hint)
        count_raw = cells.get("jumlah_kk", "")
        count = read_count(count_raw)
        if count.value is None:
            found.append(_count_problem(count, count_raw))
        kind = _kind(cells.get("jenis", ""))
        if kind is None:
            found.append(
                _("jenis “{value}” tidak dikenal (kosong, tanpa_rincian, total).").format(value=cells.get("jenis", ""))
            )
        if found:
            plan.problems.extend(Problem(number, message) for message in found)
            continue
        assert year is not None and region is not None and program is not None and count.value is not None and kind
        if kind == CoverageKind.REGION and (region == facts.province.code or program == ALL_PROGRAMS):
            kind = CoverageKind.UNALLOCATED if program != ALL_PROGRAMS else CoverageKind.TOTAL
        if kind == CoverageKind.REGION:
            if facts.kabkota_of(region) is None:
                plan.problems.append(
                    Problem(number, _("wilayah harus kab/kota di {province}.").format(province=facts.province.name))
                )
                continue
        elif region != facts.province.code:
            plan.problems.append(
                Problem(
                    number,
                    _("baris total/tanpa rincian harus untuk provinsi ({code}).").format(code=facts.province.code),
                )
            )
            continue
        row = FigureRow(
            number, year, region, program, count.value, kind, cells.get("catatan", ""), cells.get("sumber", "")
        )
        if row.key in seen:
            plan.problems.append(
                Problem(number, _("baris ganda: sama dengan baris {other}.").format(other=seen[row.key]))
            )
            continue
        seen[row.key] = number
        plan.rows.append(row)
    return plan


@lru_cache(maxsize=64)
def _kind(raw: str) -> str | None:
    return _KIND_WORDS.get(header_key(raw))


def _check_region(parser: RowParser, raw: str) -> tuple[str | None, str]:
    """(kab/kota or province code, "") or (None, what is wrong with the cell)."""
    facts = parser.facts
    if not raw:
        return None, _("wilayah kosong.")
    code, suggestion = parser.region(raw)
    if code is None:
        message = _("wilayah “{value}” tidak dikenal.").format(value=raw)
        outside = parser.outside(raw)
        if outside:
            return None, message + " " + _("{place} di luar {province}.").format(
                place=outside, province=facts.province.name
            )
        if suggestion:
            return None, message + " " + _("Maksud Anda: {suggestion}?").format(suggestion=suggestion)
        return None, message
    info = facts.regions[code]
    if info.level > 2:
        kab = facts.kabkota_of(code)
        return None, _("wilayah “{value}” adalah {kind} di {kab}; angka diisi per kab/kota (misalnya “{kab}”).").format(
            value=raw, kind=info.kind, kab=kab.name if kab else facts.province.name
        )
    return code, ""


def _count_problem(count: Count, raw: str) -> str:
    if count.problem == "empty":
        return _("jumlah_kk kosong.")
    if count.problem == "negative":
        return _("jumlah_kk “{value}” tidak boleh negatif.").format(value=raw)
    if count.problem == "fraction":
        return _("jumlah_kk “{value}” harus bilangan bulat (jumlah KK tidak boleh pecahan).").format(value=raw)
    return _("jumlah_kk “{value}” harus bilangan bulat tidak negatif.").format(value=raw)


def check_consistency(plan: ImportPlan, existing: dict[tuple[int, str, str, str], int], *, strict: bool) -> None:
    """Program totals = regions + unallocated; the grand total = every program. Errors when strict, else warnings."""
    merged = dict(existing)
    rows_at: dict[tuple[int, str, str, str], int] = {}
    for r in plan.rows:
        merged[r.key] = r.households
        rows_at[r.key] = r.row
    touched = {(r.year, r.program_code) for r in plan.rows}
    severity = "error" if strict else "warning"
    for year, program in sorted(touched):
        if program == ALL_PROGRAMS:
            continue
        total_key = next(
            (k for k in merged if k[0] == year and k[1] == program and k[3] == CoverageKind.TOTAL),
            None,
        )
        if total_key is None:
            continue
        reported = merged[total_key]
        parts = sum(v for (y, p, _r, k), v in merged.items() if y == year and p == program and k != CoverageKind.TOTAL)
        if parts != reported:
            plan.problems.append(
                Problem(
                    rows_at.get(total_key),
                    _(
                        "total {program} {year} = {reported}, tetapi jumlah per wilayah + tanpa rincian = {parts}."
                    ).format(program=program, year=year, reported=fmt_int(reported), parts=fmt_int(parts)),
                    severity,
                )
            )
    for year in sorted({y for y, _p in touched}):
        grand = [
            (k, v) for k, v in merged.items() if k[0] == year and k[1] == ALL_PROGRAMS and k[3] == CoverageKind.TOTAL
        ]
        if not grand:
            continue
        key, reported = grand[0]
        parts = sum(
            v for (y, p, _r, k), v in merged.items() if y == year and p != ALL_PROGRAMS and k != CoverageKind.TOTAL
        )
        if parts != reported:
            plan.problems.append(
                Problem(
                    rows_at.get(key),
                    _("total seluruh program {year} = {reported}, tetapi jumlah semua baris = {parts}.").format(
                        year=year, reported=fmt_int(reported), parts=fmt_int(parts)
                    ),
                    severity,
                )
            )


def existing_figures(session: Session) -> dict[tuple[int, str, str, str], int]:
    return {(c.year, c.program_code, c.region_code, c.kind): c.households for c in session.exec(select(Coverage))}


def plan_import(engine: Engine, data: bytes, filename: str, parser: RowParser, *, strict: bool = False) -> ImportPlan:
    """Everything an import would do, without doing it."""
    plan = parse_file(data, filename, parser)
    if plan.errors:
        return plan
    with Session(engine) as session:
        existing = existing_figures(session)
    check_consistency(plan, existing, strict=strict)
    plan.changes = [Change(r, existing.get(r.key)) for r in plan.rows]
    return plan


ApplyHook = Callable[[Session, "ImportBatch | None"], None]


def apply_plan(
    engine: Engine,
    plan: ImportPlan,
    actor: str,
    *,
    record_unchanged: bool = False,
    on_apply: ApplyHook | None = None,
    expect_version: int | None = None,
) -> ImportBatch | None:
    """Apply a validated plan in one transaction; returns the batch (None when nothing changed).

    The store's write lock is taken first (the ``data_version`` row), so the old values recorded in the audit trail
    are the ones replaced even when two imports race. ``on_apply(session, batch)`` runs inside the same transaction
    (e.g. to consume the pending import a confirmation button stands for); if it raises, nothing is applied.
    With ``expect_version``, :class:`StalePlan` is raised (and nothing applied) when the store's ``data_version``
    is another one, i.e. the figures changed since the plan was shown.
    """
    if not plan.ok:
        raise ImportRefused(plan)
    actor = actor[:64]
    with Session(engine, expire_on_commit=False) as session:
        try:
            batch = _apply(session, plan, actor, record_unchanged, expect_version)
            if on_apply is not None:
                on_apply(session, batch)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return batch


def _apply(
    session: Session, plan: ImportPlan, actor: str, record_unchanged: bool, expect_version: int | None
) -> ImportBatch | None:
    # A write first: SQLite takes its write lock, PostgreSQL locks the row; both until commit.
    session.exec(update(Meta).where(col(Meta.key) == "data_version").values(value=Meta.value))
    if expect_version is not None:
        meta = session.get(Meta, "data_version")
        if (int(meta.value) if meta else 0) != expect_version:
            raise StalePlan(plan.filename)
    current = {(c.year, c.program_code, c.region_code, c.kind): c for c in session.exec(select(Coverage))}
    changes = [Change(r, current[r.key].households if r.key in current else None) for r in plan.rows]
    plan.changes = changes
    added, changed, unchanged = (sum(1 for c in changes if c.status == s) for s in ("added", "changed", "unchanged"))
    if added + changed == 0 and not record_unchanged:
        return None
    sources = {s.key: s for s in session.exec(select(Source))}
    batch = ImportBatch(
        filename=Path(plan.filename).name[:255],
        sha256=plan.sha256,
        imported_by=actor,
        added=added,
        changed=changed,
        unchanged=unchanged,
    )
    session.add(batch)
    session.flush()
    now = utcnow()
    for change in changes:
        if change.status == "unchanged":
            continue
        row = change.row
        source = _source_for(session, sources, row.source, plan)
        cov = current.get(row.key)
        if cov is None:
            cov = Coverage(
                year=row.year,
                program_code=row.program_code,
                region_code=row.region_code,
                kind=row.kind,
                households=row.households,
            )
        cov.households = row.households
        cov.note = row.note
        cov.source_id = source.id
        cov.updated_at = now
        session.add(cov)
        session.add(
            AuditLog(
                batch_id=batch.id,
                at=now,
                actor=actor,
                year=row.year,
                program_code=row.program_code,
                region_code=row.region_code,
                kind=row.kind,
                old_value=change.old,
                new_value=row.households,
            )
        )
    if added + changed:
        bump_data_version(session)
    session.flush()
    return batch


def _source_for(session: Session, sources: dict[str, Source], text: str, plan: ImportPlan) -> Source:
    """The ``sumber`` of a row: a known source key, a new source named by the text, or the file itself."""
    name = text.strip()
    if name in sources:
        return sources[name]
    filename = Path(plan.filename).name
    if name:
        key = "sumber-" + hashlib.sha256(name.encode()).hexdigest()[:12]
        title, publisher = name, name
    else:
        key = f"impor-{plan.sha256[:12]}"
        title, publisher = filename, f"Dinas Sosial Provinsi (impor berkas {filename})"
    if key not in sources:
        src = Source(key=key, title=title, publisher=publisher, official="", period="", published=date.today())
        session.add(src)
        session.flush()
        sources[key] = src
    return sources[key]


def bump_data_version(session: Session) -> None:
    meta = session.get(Meta, "data_version")
    if meta is None:
        session.add(Meta(key="data_version", value="1"))
    else:
        meta.value = str(int(meta.value) + 1)
        session.add(meta)
    stamp = session.get(Meta, "data_updated_at") or Meta(key="data_updated_at", value="")
    stamp.value = utcnow().isoformat()
    session.add(stamp)


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


def seen_batches(engine: Engine) -> set[tuple[str, str]]:
    with Session(engine) as session:
        return {(b.filename, b.sha256) for b in session.exec(select(ImportBatch))}
