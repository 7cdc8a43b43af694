"""Reading what Excel really produces: CSV (any separator, UTF-8 with or without BOM, UTF-16, Windows-1252)
and XLSX (the first sheet with the columns), a title above the header, header spelling variants."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from bot.imports.encoding import decode_mixed
from bot.imports.plan import (
    EMPTY_RUN_LIMIT,
    HEADER_ALIASES,
    HEADER_SEARCH_ROWS,
    INFORMATIONAL,
    MAX_ROWS,
    REQUIRED,
    Problem,
)
from bot.text.i18n import _
from bot.text.normalise import clean

_NEUTRALISED = re.compile(r"^'(?=[=+\-@])")


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
    except UnicodeDecodeError:  # Windows-1252, or UTF-8 and Windows-1252 mixed: decoded per character
        return decode_mixed(data)


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
