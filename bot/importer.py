"""Importing figures from a spreadsheet: parse, validate, preview, then apply all or nothing.

The seed data in ``data/figures/`` goes through this same importer (strictly: any inconsistency refuses it).
Columns: ``tahun, wilayah, program, jumlah_kk`` and optional ``jenis, catatan, sumber``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.facts import Facts
from bot.i18n import _, fmt_int
from bot.textnorm import clean, compress
from bot.understand import Understander, canonical_words
from models.db import session_scope
from models.tables import ALL_PROGRAMS, AuditLog, Coverage, CoverageKind, ImportBatch, Meta, Source, utcnow

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
REQUIRED = ("tahun", "wilayah", "program", "jumlah_kk")
HEADER_ALIASES = {
    "tahun": ("tahun", "thn", "year"),
    "wilayah": ("wilayah", "kode_wilayah", "kab_kota", "kabupaten_kota", "kabupaten", "daerah", "region", "kode"),
    "program": ("program", "kode_program", "nama_program", "jenis_bantuan", "bantuan"),
    "jumlah_kk": ("jumlah_kk", "jumlah", "kk", "jml_kk", "jumlah_penerima", "penerima", "households"),
    "jenis": ("jenis", "jenis_baris", "tipe", "kind"),
    "catatan": ("catatan", "keterangan", "ket", "note"),
    "sumber": ("sumber", "source"),
}
_KIND_WORDS = {
    "": CoverageKind.REGION,
    "wilayah": CoverageKind.REGION,
    "tanpa_rincian": CoverageKind.UNALLOCATED,
    "tanpa rincian": CoverageKind.UNALLOCATED,
    "provinsi": CoverageKind.UNALLOCATED,
    "total": CoverageKind.TOTAL,
}
_THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")
_INT = re.compile(r"^\d+$")
_REGION_CODE = re.compile(r"^\d{2}(\.?\d{2}){0,3}$")


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


class ImportRefused(Exception):
    """The file cannot be applied; ``plan.problems`` says why, row by row."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        super().__init__("; ".join(f"baris {p.row}: {p.message}" if p.row else p.message for p in plan.errors))


# ---- reading files --------------------------------------------------------------------------------------------
def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel writes it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_records(data: bytes, filename: str) -> list[tuple[int, dict[str, str]]]:
    """(row number as the spreadsheet shows it, cells by normalised header); row 1 is the header."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    text = decode_text(data)
    sample = text[:4096]
    first = sample.splitlines()[0] if sample else ""
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if first.count("\t") > first.count(",") else ",")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    return _records(rows)


def _read_xlsx(data: bytes) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        rows = [
            ["" if c is None else (str(int(c)) if isinstance(c, float) and c.is_integer() else str(c)) for c in row]
            for row in ws.iter_rows(values_only=True)
        ]
    finally:
        wb.close()
    return _records(rows)


def normalise_header(name: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", clean(name)).strip("_")
    for canonical, variants in HEADER_ALIASES.items():
        if key in variants:
            return canonical
    return key


def _records(rows: list[list[str]]) -> list[tuple[int, dict[str, str]]]:
    if not rows:
        return []
    header = [normalise_header(h) for h in rows[0]]
    out = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        out.append((number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}))
    return out


# ---- validating -----------------------------------------------------------------------------------------------
def parse_count(raw: str) -> int | None:
    """ "22.465", "22,465", "22465", "22 465" → 22465; anything else (negative, decimal, text) → None."""
    s = raw.replace("\u00a0", " ").replace(" ", "").strip()
    if _INT.match(s):
        return int(s)
    if _THOUSANDS.match(s):
        return int(re.sub(r"[.,]", "", s))
    return None


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

    def region(self, raw: str) -> tuple[str | None, str | None]:
        """(region code, suggestion) for a cell."""
        s = raw.strip()
        if _REGION_CODE.match(s):
            digits = s.replace(".", "")
            code = ".".join(p for p in (digits[0:2], digits[2:4], digits[4:6], digits[6:10]) if p)
            return (code, None) if code in self.facts.regions else (None, None)
        u = self.understander.understand(s)
        if u.regions and len(u.regions) == 1 and not u.ambiguous:
            match = u.regions[0]
            return (match.sub_code or match.code, None)
        if u.province and not u.regions:
            return (self.facts.province.code, None)
        candidates = [c for a in u.ambiguous for c in a.candidates]
        suggestion = ", ".join(self.facts.regions[c].name for c in candidates if c in self.facts.regions) or None
        return (None, suggestion)

    def program(self, raw: str) -> tuple[str | None, str | None]:
        key = compress(canonical_words(raw, self.understander.lexicon))
        if key in self.program_names:
            return self.program_names[key], None
        hit = process.extractOne(key, list(self.program_names), scorer=fuzz.ratio, score_cutoff=80)
        if hit:
            return self.program_names[hit[0]], None
        near = process.extractOne(key, list(self.program_names), scorer=fuzz.ratio)
        return None, (self.program_names[near[0]] if near else None)


def parse_file(data: bytes, filename: str, parser: RowParser, *, today: date | None = None) -> ImportPlan:
    plan = ImportPlan(filename=filename, sha256=hashlib.sha256(data).hexdigest())
    if len(data) > MAX_BYTES:
        plan.problems.append(Problem(None, _("Berkas lebih dari 5 MB; pecah menjadi beberapa berkas.")))
        return plan
    try:
        records = read_records(data, filename)
    except Exception as exc:  # a broken spreadsheet is the user's problem to hear about, not a crash
        plan.problems.append(
            Problem(
                None, _("Berkas tidak bisa dibaca sebagai CSV atau XLSX ({error}).").format(error=type(exc).__name__)
            )
        )
        return plan
    if len(records) > MAX_ROWS:
        plan.problems.append(
            Problem(
                None,
                _("Berkas berisi {n} baris; batasnya {max} baris.").format(
                    n=fmt_int(len(records)), max=fmt_int(MAX_ROWS)
                ),
            )
        )
        return plan
    if not records:
        plan.problems.append(Problem(None, _("Berkas kosong: tidak ada baris data di bawah judul kolom.")))
        return plan
    missing = [c for c in REQUIRED if c not in records[0][1]]
    if missing:
        plan.problems.append(
            Problem(
                1,
                _("Kolom wajib tidak ada: {columns}. Kolom yang dibutuhkan: {required}.").format(
                    columns=", ".join(missing), required=", ".join(REQUIRED)
                ),
            )
        )
        return plan
    this_year = (today or date.today()).year
    seen: dict[tuple[int, str, str, str], int] = {}
    for number, cells in records:
        problems_before = len(plan.problems)
        year_raw = cells.get("tahun", "")
        year = int(year_raw) if year_raw.isdigit() else None
        if year is None or not 2000 <= year <= this_year + 1:
            plan.problems.append(
                Problem(
                    number, _("tahun “{value}” tidak valid (2000–{max}).").format(value=year_raw, max=this_year + 1)
                )
            )
        region, suggestion = parser.region(cells.get("wilayah", ""))
        if region is None:
            hint = " " + _("Maksud Anda: {suggestion}?").format(suggestion=suggestion) if suggestion else ""
            plan.problems.append(
                Problem(number, _("wilayah “{value}” tidak dikenal.").format(value=cells.get("wilayah", "")) + hint)
            )
        program, near = parser.program(cells.get("program", ""))
        if program is None:
            hint = " " + _("Maksud Anda: {suggestion}?").format(suggestion=near) if near else ""
            plan.problems.append(
                Problem(number, _("program “{value}” tidak dikenal.").format(value=cells.get("program", "")) + hint)
            )
        count_raw = cells.get("jumlah_kk", "")
        count = parse_count(count_raw)
        if count is None:
            plan.problems.append(
                Problem(number, _("jumlah_kk “{value}” harus bilangan bulat tidak negatif.").format(value=count_raw))
            )
        kind_raw = clean(cells.get("jenis", "")).strip().replace("-", "_")
        kind = _KIND_WORDS.get(kind_raw)
        if kind is None:
            plan.problems.append(
                Problem(
                    number,
                    _("jenis “{value}” tidak dikenal (kosong, tanpa_rincian, total).").format(
                        value=cells.get("jenis", "")
                    ),
                )
            )
        if len(plan.problems) > problems_before:
            continue
        assert year is not None and region is not None and program is not None and count is not None and kind
        if kind == CoverageKind.REGION and (region == parser.facts.province.code or program == ALL_PROGRAMS):
            kind = CoverageKind.UNALLOCATED if program != ALL_PROGRAMS else CoverageKind.TOTAL
        if kind == CoverageKind.REGION:
            kab = parser.facts.kabkota_of(region)
            if kab is None:
                plan.problems.append(
                    Problem(
                        number, _("wilayah harus kab/kota di {province}.").format(province=parser.facts.province.name)
                    )
                )
                continue
            region = kab.code
        elif region != parser.facts.province.code:
            plan.problems.append(
                Problem(
                    number,
                    _("baris total/tanpa rincian harus untuk provinsi ({code}).").format(
                        code=parser.facts.province.code
                    ),
                )
            )
            continue
        row = FigureRow(number, year, region, program, count, kind, cells.get("catatan", ""), cells.get("sumber", ""))
        if row.key in seen:
            plan.problems.append(
                Problem(number, _("baris ganda: sama dengan baris {other}.").format(other=seen[row.key]))
            )
            continue
        seen[row.key] = number
        plan.rows.append(row)
    return plan


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
        years_programs = [(y, p) for (y, p) in touched if y == year]
        del years_programs
        if program == ALL_PROGRAMS:
            continue
        total_key = (year, program, _province(merged, year, program, plan), CoverageKind.TOTAL)
        reported = merged.get(total_key)
        if reported is None:
            continue
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


def _province(merged: dict, year: int, program: str, plan: ImportPlan) -> str:
    for y, p, r, k in merged:
        if y == year and p == program and k == CoverageKind.TOTAL:
            return r
    return ""


def existing_figures(session: Session) -> dict[tuple[int, str, str, str], int]:
    return {(c.year, c.program_code, c.region_code, c.kind): c.households for c in session.exec(select(Coverage))}


def plan_import(engine: Engine, data: bytes, filename: str, parser: RowParser, *, strict: bool = False) -> ImportPlan:
    """Everything an import would do, without doing it."""
    plan = parse_file(data, filename, parser)
    if plan.problems and plan.errors:
        return plan
    with Session(engine) as session:
        existing = existing_figures(session)
    check_consistency(plan, existing, strict=strict)
    plan.changes = [Change(r, existing.get(r.key)) for r in plan.rows]
    return plan


def apply_plan(engine: Engine, plan: ImportPlan, actor: str, *, record_unchanged: bool = False) -> ImportBatch | None:
    """Apply a validated plan in one transaction; returns the batch (None when nothing changed)."""
    if not plan.ok:
        raise ImportRefused(plan)
    with session_scope(engine) as session:
        current = {(c.year, c.program_code, c.region_code, c.kind): c for c in session.exec(select(Coverage))}
        sources = {s.key: s for s in session.exec(select(Source))}
        changes = [Change(r, current[r.key].households if r.key in current else None) for r in plan.rows]
        plan.changes = changes
        added, changed, unchanged = (
            sum(1 for c in changes if c.status == s) for s in ("added", "changed", "unchanged")
        )
        if added + changed == 0 and not record_unchanged:
            return None
        batch = ImportBatch(
            filename=Path(plan.filename).name,
            sha256=plan.sha256,
            imported_by=actor,
            added=added,
            changed=changed,
            unchanged=unchanged,
        )
        session.add(batch)
        session.flush()
        for change in changes:
            row = change.row
            source = _source_for(session, sources, row.source, plan, actor)
            if change.status == "unchanged":
                continue
            now = utcnow()
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
        return batch


def _source_for(session: Session, sources: dict[str, Source], text: str, plan: ImportPlan, actor: str) -> Source:
    key = text.strip()
    if key in sources:
        return sources[key]
    if not key:
        key = f"impor-{plan.sha256[:12]}"
        title = Path(plan.filename).name
    else:
        title = key
        key = "sumber-" + hashlib.sha256(key.encode()).hexdigest()[:12]
    if key not in sources:
        src = Source(
            key=key,
            title=title,
            publisher=title if text.strip() else "Dinas Sosial Provinsi (impor berkas)",
            official=actor if not text.strip() else "",
            period="",
        )
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


def describe_problems(plan: ImportPlan) -> list[str]:
    out = []
    for p in plan.problems:
        label = _("Peringatan") if p.severity == "warning" else _("Galat")
        where = _("baris {n}").format(n=p.row) if p.row else _("berkas")
        out.append(f"{label} ({where}): {p.message}")
    return out


def seen_batches(engine: Engine) -> set[tuple[str, str]]:
    with Session(engine) as session:
        return {(b.filename, b.sha256) for b in session.exec(select(ImportBatch))}


def group_by_year(rows: list[FigureRow]) -> dict[int, list[FigureRow]]:
    out: dict[int, list[FigureRow]] = defaultdict(list)
    for r in rows:
        out[r.year].append(r)
    return dict(out)
