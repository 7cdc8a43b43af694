"""Validating every row of a file (year, region, program, count, kind) and the consistency of the figures;
every problem is named with its row number."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.figures.facts import Facts
from bot.imports.counts import Count, read_count
from bot.imports.plan import (
    EMPTY_RUN_LIMIT,
    MAX_BYTES,
    MAX_ROWS,
    MIN_YEAR,
    REQUIRED,
    WILDCARD,
    FigureRow,
    ImportPlan,
    Problem,
    is_removal,
)
from bot.imports.reading import (
    HEADER_SCAN_ROWS,
    MAX_CELL_CHARS,
    RecordMaker,
    UnreadableFile,
    clean_cell,
    header_key,
    read_table,
)
from bot.text.i18n import _, fmt_int
from bot.text.normalise import compress
from bot.understanding.understander import Understander, canonical_words
from models.tables import ALL_PROGRAMS, CoverageKind

_KIND_WORDS = {
    "": CoverageKind.REGION,
    "wilayah": CoverageKind.REGION,
    "kab_kota": CoverageKind.REGION,
    "tanpa_rincian": CoverageKind.UNALLOCATED,
    "provinsi": CoverageKind.UNALLOCATED,
    "total": CoverageKind.TOTAL,
}
_REGION = CoverageKind.REGION.value
_REGION_CODE = re.compile(r"^\d{2}(\.?\d{2}){0,2}(\.?\d{4})?$")
_SHORT_DECIMAL_CODE = re.compile(r"^\d{2}\.\d$")  # "21.1": Excel turned the code 21.10 into a number
log = logging.getLogger(__name__)
DB_INT_MAX = 2_147_483_647
"""The households column is a 32-bit integer on PostgreSQL: nothing above this can be stored anywhere."""
MAX_CANDIDATES = 8
"""Regions listed when a name in a file is shared by several."""
MAX_TEXT_CHARS = 1000
"""A note or a source is a sentence or two; longer is a paste gone wrong."""


def households_bound(data_dir: Path, province_code: str) -> int:
    """The most households (KK) a figure of the province can have (``data/plausibility.json``), else the column's
    range."""
    path = data_dir / "plausibility.json"
    if path.exists():
        entry = json.loads(path.read_text(encoding="utf-8")).get(province_code)
        if entry and entry.get("households_max"):
            return min(int(entry["households_max"]), DB_INT_MAX)
    return DB_INT_MAX


class RowParser:
    """Resolves regions and programs in a spreadsheet the way questions are understood (codes, names, typos)."""

    def __init__(
        self, facts: Facts, understander: Understander, known_sources: set[str], households_max: int = DB_INT_MAX
    ) -> None:
        self.facts = facts
        self.households_max = households_max
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
        self._kinds = {" ".join(canonical_words(r.kind, understander.lexicon)) for r in facts.regions.values()}
        self._kinds -= {" ".join(canonical_words(k.kind, understander.lexicon)) for k in facts.kabkota}
        self._kinds.discard("")
        self._regions: dict[str, tuple[str | None, str | None]] = {}
        self._programs: dict[str, tuple[str | None, str | None]] = {}
        self._outside: dict[str, str | None] = {}
        self.shared: dict[str, list[str]] = {}
        """Cells naming several regions (kecamatan or desa of the same name): their codes, for the refusal."""

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
        named = self._named(s)
        if named is not None:
            return named
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

    def _named(self, s: str) -> tuple[str | None, str | None] | None:
        """A cell naming a region exactly ("Lingga", "Kecamatan Buru", "Desa Air Putih, Natuna"): (code, None); a
        name several regions share: (None, the candidates with where they lie); None: not an exact name here.

        A kab/kota (or the province) wins over a kecamatan or desa of the same name, as in questions; below that a
        shared name is never picked silently. The kind of region ("kecamatan", "desa", "kelurahan": the Kemendagri
        kinds) before the name, or a parent after a comma, tells them apart."""
        name, _sep, parent = s.partition(",")
        codes, kind = self._exact(name)
        if not codes:
            return None
        if kind is None and not parent.strip() and all(self.facts.regions[c].level > 2 for c in codes):
            ours = {k.code for c in codes if (k := self.facts.kabkota_of(c)) is not None}
            asked = {c for a in self.understander.understand(s).ambiguous for c in a.candidates}
            if asked - ours:
                return None  # "Tanjung": the start of several kab/kota names first, as in questions
        if parent.strip():
            parents, _kind = self._exact(parent)
            if not parents:
                return None
            codes = {c for c in codes if any(c.startswith(p + ".") for p in parents)}
            if not codes:
                return None
        top = min(self.facts.regions[c].level for c in codes)
        if top <= 2:
            codes = {c for c in codes if self.facts.regions[c].level == top}
        if len(codes) == 1:
            return (codes.pop(), None)
        self.shared[s] = sorted(codes)
        return (None, None)

    def _exact(self, raw: str) -> tuple[set[str], str | None]:
        """Codes of the regions of the province named exactly by ``raw`` (a leading Kemendagri kind narrows it)."""
        words = canonical_words(raw.strip(), self.understander.lexicon)
        kind = None
        for size in (2, 1):
            if len(words) > size and " ".join(words[:size]) in self._kinds:
                kind, words = " ".join(words[:size]), words[size:]
                break
        key = compress(words)
        entries = self.understander.gazetteer.index.get(key, []) if key else []
        codes = {
            e.code
            for e in entries
            if e.code in self.facts.regions and (kind is None or self.facts.regions[e.code].kind == kind)
        }
        return codes, kind

    def name(self, code: str) -> str:
        """A region's name as staff read it in a message ("Kecamatan Buru, Kabupaten Karimun"), else its code."""
        return self.place(code).replace(f" ({code})", "") if code in self.facts.regions else code

    def place(self, code: str) -> str:
        """ "Kelurahan Buru (21.02.06.1001), Kecamatan Buru, Kabupaten Karimun": a region and what it lies in."""
        region = self.facts.regions[code]
        out = [f"{region.kind.title()} {region.name} ({code})" if region.level > 2 else f"{region.name} ({code})"]
        parent = self.facts.regions.get(region.parent_code or "")
        while parent is not None and parent.level >= 2:
            out.append(f"{parent.kind.title()} {parent.name}" if parent.level > 2 else parent.name)
            parent = self.facts.regions.get(parent.parent_code or "")
        return ", ".join(out)

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
    except UnreadableFile as exc:
        plan.problems.append(Problem(exc.row, exc.message))
        return plan
    except Exception:  # a broken spreadsheet is the user's problem to hear about, not a crash
        log.warning("import %r unreadable", filename, exc_info=True)
        plan.problems.append(
            Problem(
                None,
                _(
                    "Berkas tidak bisa dibaca sebagai CSV atau XLSX. Simpan ulang dari Excel sebagai .xlsx atau "
                    "“CSV UTF-8”, lalu kirim lagi."
                ),
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
        if table.header_too_low:
            plan.problems.append(
                Problem(
                    None,
                    _(
                        "Tidak ada judul kolom di {rows} baris pertama. Hapus baris kosong di atas tabel, lalu kirim "
                        "lagi."
                    ).format(rows=fmt_int(HEADER_SCAN_ROWS)),
                )
            )
            return plan
        if not table.header_cells:
            plan.problems.append(Problem(None, _("Berkas kosong: tidak ada baris data di bawah judul kolom.")))
            return plan
        if table.columns:
            message = _("Kolom wajib tidak ada: {columns}. Kolom yang dibutuhkan: {required}.")
        else:  # not one known column: say what was read, so a wrong sheet or a wrong file is recognised
            message = _(
                "Kolom wajib tidak ada: {columns}. Judul kolom yang terbaca: {found}. Baris judul harus berisi "
                "{required} (lihat contoh-impor.csv)."
            )
        plan.problems.append(
            Problem(
                table.header_row,
                message.format(
                    columns=", ".join(missing),
                    found=", ".join(_show(c, 30) for c in table.header_cells[:10]),
                    required=", ".join(REQUIRED),
                ),
            )
        )
        return plan
    plan.problems.extend(table.problems)
    if not table.records:
        plan.problems.append(Problem(None, _("Berkas kosong: tidak ada baris data di bawah judul kolom.")))
        return plan
    check_records(plan, table.records, parser, today=today)
    return plan


def check_records(
    plan: ImportPlan,
    records: Iterable[tuple[int, dict[str, str]]],
    parser: RowParser,
    *,
    today: date | None = None,
    seen: dict[tuple[int, str, str, str], int] | None = None,
) -> None:
    """Check each record (row number, cells by column): its problems to ``plan.problems``, else a row to
    ``plan.rows``; ``seen`` (key → row number) finds duplicate rows, also across calls for one file."""
    this_year = (today or date.today()).year
    seen = {} if seen is None else seen
    facts = parser.facts
    for number, cells in records:
        found: list[str] = []
        year_raw = cells.get("tahun", "")
        year = _year(year_raw, this_year)
        if year is None:
            found.append(
                _("tahun “{value}” tidak valid (harus {min}–{max}).").format(
                    value=year_raw, min=MIN_YEAR, max=this_year + 1
                )
            )
        remove = is_removal(cells.get("jumlah_kk", ""))  # a removal row: "*" may stand for every region/program
        region_raw = cells.get("wilayah", "")
        region, region_problem = (
            (WILDCARD, "") if remove and region_raw == WILDCARD else _check_region(parser, region_raw)
        )
        if region_problem:
            found.append(region_problem)
        program_raw = cells.get("program", "")
        program, near = (WILDCARD, None) if remove and program_raw == WILDCARD else parser.program(program_raw)
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
        count = Count(0) if remove else read_count(count_raw)
        if count.value is None:
            found.append(_count_problem(count, count_raw))
        elif count.value > parser.households_max:
            found.append(
                _(
                    "jumlah_kk {value} lebih banyak dari seluruh KK yang mungkin ada di {province} (paling banyak "
                    "{max}); periksa angkanya."
                ).format(value=_show(count_raw, 30), province=facts.province.name, max=fmt_int(parser.households_max))
            )
        for column in ("catatan", "sumber"):
            found.extend(_text_problem(column, cells.get(column, "")))
        kind = _kind(cells.get("jenis", ""))
        if kind is None:
            found.append(
                _("jenis “{value}” tidak dikenal (kosong, tanpa_rincian, total).").format(value=cells.get("jenis", ""))
            )
        if found:
            plan.problems.extend(Problem(number, message) for message in found)
            continue
        assert year is not None and region is not None and program is not None and count.value is not None and kind
        if WILDCARD in (region, program):
            pass  # matched against the stored figures when the import is planned
        elif kind == CoverageKind.REGION and (region == facts.province.code or program == ALL_PROGRAMS):
            kind = CoverageKind.UNALLOCATED if program != ALL_PROGRAMS else CoverageKind.TOTAL
        if WILDCARD in (region, program):
            pass
        elif kind == CoverageKind.REGION:
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
            number, year, region, program, count.value, kind, cells.get("catatan"), cells.get("sumber"), remove
        )
        if row.key in seen:
            plan.problems.append(
                Problem(number, _("baris ganda: sama dengan baris {other}.").format(other=seen[row.key]))
            )
            continue
        seen[row.key] = number
        plan.rows.append(row)


Checked = tuple[int, int, str, str, int, str, str | None, str | None, bool]
"""A good row as :class:`FigureRow`'s fields in order: (row, year, region, program, households, kind, note, source,
remove)."""


class StreamChecker:
    """:func:`check_records` for the rows of a large file as they are read (a bulk import: millions of rows), with
    the same rules and messages, at a few µs per ordinary row.

    An ordinary row — a year, a region below the province, a program and a plain count, the kind empty or
    ``wilayah`` — is checked from its raw cells through caches of what each distinct cell means (worked out once
    by the same functions :func:`check_records` uses: a file of a million rows has some thousands of distinct
    regions, a few years and programs). Any other row (a removal, a total, a count with separators, a problem,
    an empty row) goes through :func:`check_records` itself. Duplicate figures are not looked for here: the caller
    finds them over the whole file (the bulk import, in SQL)."""

    def __init__(self, parser: RowParser, columns: dict[str, int], *, today: date | None = None) -> None:
        self.parser = parser
        self.maker = RecordMaker(columns)
        self.today = today
        self.this_year = (today or date.today()).year
        self.width = self.maker.width
        self.year_at, self.region_at = columns["tahun"], columns["wilayah"]
        self.program_at, self.count_at = columns["program"], columns["jumlah_kk"]
        self.kind_at = columns.get("jenis")
        self.note_at = columns.get("catatan")
        self.source_at = columns.get("sumber")
        self.records = 0
        """Data rows read so far (empty rows not counted)."""
        self.stopped = False
        """True once ``EMPTY_RUN_LIMIT`` empty rows came in a row: the rest of the file is not read."""
        self._empty_run = 0
        self._years: dict[str, int] = {}
        self._regions: dict[str, str] = {}
        self._programs: dict[str, str] = {}
        self._kinds: dict[str, bool] = {}
        self._sources: dict[str, str | None] = {}

    def check(self, rows: Iterable[tuple[int, list[str]]], plan: ImportPlan) -> list[Checked]:
        """The good rows among ``rows`` (row number, raw cells); problems go to ``plan.problems``."""
        out: list[Checked] = []
        fast = self._fast
        width = self.width
        for number, cells in rows:
            row = fast(number, cells) if len(cells) >= width else None
            if row is not None:
                self._empty_run = 0
                self.records += 1
                out.append(row)
                continue
            values = self.maker.record(number, cells)
            if values is None:
                self._empty_run += 1
                if self._empty_run >= EMPTY_RUN_LIMIT:
                    self.stopped = True
                    break
                continue
            self._empty_run = 0
            self.records += 1
            before = len(plan.rows)
            check_records(plan, [(number, values)], self.parser, today=self.today)
            out += [
                (r.row, r.year, r.region_code, r.program_code, r.households, r.kind, r.note, r.source, r.remove)
                for r in plan.rows[before:]
            ]
            del plan.rows[before:]
        return out

    def _fast(self, number: int, cells: list[str]) -> Checked | None:
        """The row checked from its raw cells through the caches, or None: let :func:`check_records` decide."""
        if max(map(len, cells)) > MAX_CELL_CHARS:
            return None
        raw = cells[self.year_at]
        year = self._years.get(raw)
        if year is None:
            year = self._years[raw] = _year(clean_cell(raw), self.this_year) or 0
        if not year:
            return None
        raw = cells[self.region_at]
        region = self._regions.get(raw)
        if region is None:
            region = self._regions[raw] = self._ordinary_region(raw)
        if not region:
            return None
        raw = cells[self.program_at]
        program = self._programs.get(raw)
        if program is None:
            code = self.parser.program(clean_cell(raw))[0]
            program = self._programs[raw] = code if code is not None and code != ALL_PROGRAMS else ""
        if not program:
            return None
        if self.kind_at is not None:
            raw = cells[self.kind_at]
            ordinary = self._kinds.get(raw)
            if ordinary is None:
                ordinary = self._kinds[raw] = _kind(clean_cell(raw)) == CoverageKind.REGION
            if not ordinary:
                return None
        raw = cells[self.count_at]
        if not (raw.isdigit() and raw.isascii() and len(raw) <= 10):
            return None
        households = int(raw)
        if households > self.parser.households_max:
            return None
        note = None
        if self.note_at is not None:
            note = clean_cell(cells[self.note_at])
            if note and _text_problem("catatan", note):
                return None
        source = None
        if self.source_at is not None:
            raw = cells[self.source_at]
            if raw not in self._sources:
                cleaned = clean_cell(raw)
                self._sources[raw] = None if _text_problem("sumber", cleaned) else cleaned
            source = self._sources[raw]
            if source is None:
                return None
        return (number, year, region, program, households, _REGION, note, source, False)

    def _ordinary_region(self, raw: str) -> str:
        """The code of a region cell when it names a region below the province in a kab/kota (what a ``wilayah``
        row needs), else "" (the row is checked the slow way, which says what is wrong)."""
        cleaned = clean_cell(raw)
        if not cleaned or cleaned == WILDCARD:
            return ""
        code, problem = _check_region(self.parser, cleaned)
        facts = self.parser.facts
        if problem or code is None or code == facts.province.code or facts.kabkota_of(code) is None:
            return ""
        return code


def _show(value: str, limit: int = 60) -> str:
    """A cell as quoted back in a message: at most ``limit`` characters."""
    value = value.replace("\x00", "")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _text_problem(column: str, value: str) -> list[str]:
    """A note or source the database cannot hold, or no one would read."""
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        message = _("{column} berisi karakter yang tidak sah (NUL atau kode rusak); ketik ulang isinya.")
        return [message.format(column=column)]
    if len(value) > MAX_TEXT_CHARS:
        return [
            _("{column} terlalu panjang ({length} karakter, paling banyak {max}); ringkas isinya.").format(
                column=column, length=fmt_int(len(value)), max=fmt_int(MAX_TEXT_CHARS)
            )
        ]
    return []


@lru_cache(maxsize=64)
def _kind(raw: str) -> str | None:
    return _KIND_WORDS.get(header_key(raw))


def _check_region(parser: RowParser, raw: str) -> tuple[str | None, str]:
    """(region code, "") or (None, what is wrong with the cell). Any level: the province, a kab/kota, a kecamatan or
    a desa/kelurahan of the province."""
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
        shared = parser.shared.get(raw.strip())
        if shared:  # a name several regions share: never picked silently
            first = facts.regions[shared[0]]
            kab = facts.kabkota_of(first.code)
            return None, _(
                "wilayah “{value}” adalah nama {n} wilayah: {candidates}. Tulis kodenya, atau jenis dan induknya "
                "(misalnya “{example}”)."
            ).format(
                value=raw,
                n=len(shared),
                candidates="; ".join(parser.place(c) for c in shared[:MAX_CANDIDATES]),
                example=f"{first.kind.title()} {first.name}, {kab.short if kab else facts.province.name}",
            )
        if suggestion:
            return None, message + " " + _("Maksud Anda: {suggestion}?").format(suggestion=suggestion)
        return None, message
    return code, ""


def _count_problem(count: Count, raw: str) -> str:
    if count.problem == "empty":
        return _("jumlah_kk kosong.")
    if count.problem == "negative":
        return _("jumlah_kk “{value}” tidak boleh negatif.").format(value=raw)
    if count.problem == "fraction":
        return _("jumlah_kk “{value}” harus bilangan bulat (jumlah KK tidak boleh pecahan).").format(value=raw)
    return _("jumlah_kk “{value}” harus bilangan bulat tidak negatif.").format(value=raw)


def _removes(row: FigureRow, key: tuple[int, str, str, str]) -> bool:
    if not row.wildcard:
        return key == row.key
    return key[0] == row.year and row.program_code in (WILDCARD, key[1]) and row.region_code in (WILDCARD, key[2])


def _parent(code: str) -> str:
    return code.rsplit(".", 1)[0]


@dataclass
class _Tree:
    """One province's ``wilayah`` figures of one (year, program), summed bottom-up."""

    own: dict[str, int] = field(default_factory=dict)
    sums: dict[str, int] = field(default_factory=dict)
    """Region → the sum of its direct children's effective figures (regions with figures below them)."""
    children: dict[str, int] = field(default_factory=dict)

    def build(self) -> None:
        effective = dict(self.own)
        for level in (4, 3, 2):
            for code in [c for c in effective if c.count(".") + 1 == level]:
                parent = _parent(code)
                self.sums[parent] = self.sums.get(parent, 0) + effective[code]
                self.children[parent] = self.children.get(parent, 0) + 1
            for parent, total in self.sums.items():
                if parent.count(".") + 1 == level - 1:
                    effective.setdefault(parent, total)

    @property
    def regions_total(self) -> int:
        """The province's households over its kab/kota (each its own figure, else the sum below it)."""
        return next((v for c, v in self.sums.items() if "." not in c), 0)


def check_consistency(
    plan: ImportPlan,
    existing: dict[tuple[int, str, str, str], int],
    *,
    strict: bool,
    name: Callable[[str], str] | None = None,
) -> None:
    """Per province (never summed across provinces), once the plan is applied:

    - a region's own figure against the sum of its children's (kecamatan of a kab/kota, desa of a kecamatan; a
      child without its own figure counts with the sum below it): more below than the region's own figure is an
      error when ``strict`` (the seed), else a warning with both numbers; less is a note saying how many KK are not
      broken down below it;
    - a program's reported total = its kab/kota (own figure, else the sum below) + the unallocated figure; the grand
      total = every program. Errors when strict, else warnings.

    ``existing`` needs only the stored figures of the plan's provinces, years and programs."""
    merged = dict(existing)
    rows_at: dict[tuple[int, str, str, str], int] = {}
    for r in plan.rows:
        if r.remove:
            merged = {k: v for k, v in merged.items() if not _removes(r, k)}
            continue
        merged[r.key] = r.households
        rows_at[r.key] = r.row
    changed = {k for k in set(merged) ^ set(existing)} | {r.key for r in plan.rows if not r.wildcard}
    changed |= {k for k in existing if k in merged and merged[k] != existing[k]}
    touched = {(k[2][:2], k[0], k[1]) for k in changed}
    touched_codes = {k[2] for k in changed}
    severity = "error" if strict else "warning"
    trees: dict[tuple[str, int, str], _Tree] = {}
    unallocated: dict[tuple[str, int, str], int] = {}
    totals: dict[tuple[str, int, str], tuple[int, int | None]] = {}
    for key, value in merged.items():
        year, program, region, kind = key
        group = (region[:2], year, program)
        if kind == CoverageKind.REGION:
            trees.setdefault(group, _Tree()).own[region] = value
        elif kind == CoverageKind.UNALLOCATED:
            unallocated[group] = value
        else:
            totals[group] = (value, rows_at.get(key))
    for each in trees.values():
        each.build()

    def label(code: str) -> str:
        return name(code) if name is not None else code

    for group in sorted(touched):
        province, year, program = group
        tree = trees.get(group)
        if tree is None or program == ALL_PROGRAMS:
            continue
        for parent in sorted(tree.sums):
            own = tree.own.get(parent)
            if own is None or "." not in parent:
                continue
            if parent not in touched_codes and not any(c.startswith(parent + ".") for c in touched_codes):
                continue
            below, count = tree.sums[parent], tree.children[parent]
            row = rows_at.get((year, program, parent, CoverageKind.REGION))
            if below > own:
                plan.problems.append(
                    Problem(
                        row,
                        _(
                            "{region} {program} {year}: angkanya sendiri {own} KK, tetapi {n} wilayah di bawahnya "
                            "berjumlah {below} KK (lebih banyak)."
                        ).format(
                            region=label(parent),
                            program=program,
                            year=year,
                            own=fmt_int(own),
                            n=fmt_int(count),
                            below=fmt_int(below),
                        ),
                        severity,
                    )
                )
            elif below < own:
                plan.problems.append(
                    Problem(
                        row,
                        _(
                            "{region} {program} {year}: {missing} dari {own} KK belum dirinci ke wilayah di bawahnya "
                            "({n} wilayah berjumlah {below} KK)."
                        ).format(
                            region=label(parent),
                            program=program,
                            year=year,
                            missing=fmt_int(own - below),
                            own=fmt_int(own),
                            n=fmt_int(count),
                            below=fmt_int(below),
                        ),
                        "note",
                    )
                )
    for group in sorted(touched):
        province, year, program = group
        if program == ALL_PROGRAMS or group not in totals:
            continue
        reported, row = totals[group]
        tree = trees.get(group)
        parts = (tree.regions_total if tree else 0) + unallocated.get(group, 0)
        if parts != reported:
            plan.problems.append(
                Problem(
                    row,
                    _(
                        "total {program} {year} = {reported}, tetapi jumlah per wilayah + tanpa rincian = {parts}."
                    ).format(program=program, year=year, reported=fmt_int(reported), parts=fmt_int(parts)),
                    severity,
                )
            )
    for province, year in sorted({(p, y) for p, y, _c in touched}):
        grand = totals.get((province, year, ALL_PROGRAMS))
        if grand is None:
            continue
        reported, row = grand
        groups = {g for g in (*trees, *unallocated) if g[0] == province and g[1] == year and g[2] != ALL_PROGRAMS}
        parts = sum((trees[g].regions_total if g in trees else 0) + unallocated.get(g, 0) for g in groups)
        if parts != reported:
            plan.problems.append(
                Problem(
                    row,
                    _("total seluruh program {year} = {reported}, tetapi jumlah semua baris = {parts}.").format(
                        year=year, reported=fmt_int(reported), parts=fmt_int(parts)
                    ),
                    severity,
                )
            )
