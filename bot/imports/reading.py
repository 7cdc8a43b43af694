"""Reading what Excel really produces: CSV (any separator, UTF-8 with or without BOM, UTF-16, Windows-1252)
and XLSX (the first sheet with the columns), a title above the header, header spelling variants.

Bounded in time and memory, not only in bytes: an XLSX is checked before it is parsed (its zip directory: the
declared uncompressed sizes, in total and of the shared strings; zipfile refuses an entry that inflates past its
declared size), the sheet's declared dimension is ignored (a 5 KB file may claim A1:XFD1048576), at most
``MAX_COLUMNS`` columns are read, rows before the header are looked at only among the first ``HEADER_SCAN_ROWS``,
and a cell longer than ``MAX_CELL_CHARS`` refuses the file with its row and column. What is wrong is raised as
:class:`UnreadableFile`, with a message that says what to do."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TextIO

from bot.imports.encoding import CP1252_FALLBACK, decode_mixed
from bot.imports.plan import (
    EMPTY_RUN_LIMIT,
    HEADER_ALIASES,
    HEADER_SEARCH_ROWS,
    INFORMATIONAL,
    MAX_ROWS,
    REQUIRED,
    Problem,
)
from bot.text.i18n import _, fmt_int
from bot.text.normalise import clean

_NEUTRALISED = re.compile(r"^'(?=[=+\-@])")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: an encrypted XLSX, or an old .xls
MAX_COLUMNS = 64
"""Columns read per row (a sheet of figures has seven)."""
HEADER_SCAN_ROWS = 1000
"""The header must be within this many first rows (empty ones included)."""
MAX_CELL_CHARS = 10_000
"""A cell longer than this refuses the file (a note is a sentence, not a book)."""
MAX_UNCOMPRESSED = 30 * 1024 * 1024
"""What an XLSX may declare once unzipped, all parts together."""
MAX_CELLS = 70_000
"""Cells (``<c>`` elements) in all sheets together, 10,000 rows of seven columns: openpyxl reads only some
20,000–60,000 cells a second on a small server, so this keeps any XLSX within the 5 s target (larger tables go as
CSV, up to ``MAX_ROWS`` rows; real files of figures have tens of rows)."""
MAX_ROW_ELEMENTS = 200_000
"""Rows written in the sheets (empty formatted rows included)."""
MAX_SHARED_STRINGS = 10 * 1024 * 1024
"""The shared strings part is held in memory whole by the XLSX reader: this much at most."""
MAX_ZIP_ENTRIES = 1000
MAX_SHEETS = 20


class UnreadableFile(Exception):
    """The file cannot or must not be read; the message (in the user's language) says why and what to do."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


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
    header_cells: list[str] = field(default_factory=list)  # the row taken as the header, as written
    header_too_low: bool = False  # nothing but empty rows among the first HEADER_SCAN_ROWS


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


def open_text(path: Path) -> TextIO:
    """A CSV file opened to be read line by line, decoded as :func:`decode_text` decodes it whole: UTF-8 (BOM or
    not; a byte that is not UTF-8 read as Windows-1252), or UTF-16 with a BOM."""
    with path.open("rb") as raw:
        head = raw.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return path.open(encoding="utf-8-sig", errors="replace", newline=None)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return path.open(encoding="utf-16", errors="replace", newline=None)
    return path.open(encoding="utf-8", errors=CP1252_FALLBACK, newline=None)


def is_xlsx(data: bytes, filename: str) -> bool:
    return (
        filename.lower().endswith((".xlsx", ".xlsm", ".xls")) or data.startswith(b"PK\x03\x04") or data.startswith(_OLE)
    )


def read_table(data: bytes, filename: str) -> Table:
    """The rows of a CSV or XLSX file (row numbers as the spreadsheet shows them)."""
    if is_xlsx(data, filename):
        check_xlsx(data)
        try:
            return _read_xlsx(data)
        except (zipfile.BadZipFile, KeyError, EOFError, zlib.error) as exc:  # a part missing, cut short or lying
            raise _broken_message() from exc
    return _table(_csv_rows(decode_text(data)))


def check_xlsx(data: bytes) -> None:
    """Refuse, before parsing, an XLSX that is encrypted, truncated, or would unzip to more than the limits."""
    if data.startswith(_OLE):
        raise UnreadableFile(
            _(
                "Berkas ini dilindungi kata sandi, atau berformat Excel lama (.xls). Buka di Excel, hapus kata "
                "sandinya (Berkas › Info › Proteksi) atau simpan sebagai .xlsx, lalu kirim lagi."
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _broken_message() from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise UnreadableFile(_too_big_message())
        total = sum(e.file_size for e in entries)
        shared = sum(e.file_size for e in entries if e.filename.lower().endswith("sharedstrings.xml"))
        if total > MAX_UNCOMPRESSED or shared > MAX_SHARED_STRINGS:
            raise UnreadableFile(_too_big_message())
        sheets = [e for e in entries if re.fullmatch(r"xl/worksheets/[^/]+\.xml", e.filename, re.IGNORECASE)]
        _count_cells(archive, sheets[:MAX_SHEETS])
        if not any(e.filename.lower().endswith("workbook.xml") for e in entries):
            raise UnreadableFile(
                _("Berkas ini ZIP, bukan buku kerja Excel (.xlsx). Kirim tabel angka sebagai .xlsx atau CSV.")
            )


_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _count_cells(archive: zipfile.ZipFile, sheets: list[zipfile.ZipInfo]) -> None:
    """Count the cell and row tags of the sheets as they inflate (a regular expression over bytes: no parsing,
    hundreds of MB/s), stopping at the limits; the XLSX reader is far slower per cell, so it only gets sheets it
    reads in seconds."""
    cells = rows = 0
    try:
        for info in sheets:
            tail = b""
            with archive.open(info) as stream:
                while chunk := stream.read(1 << 16):
                    window = tail + chunk
                    cells += len(_CELL_TAG.findall(window))
                    rows += len(_ROW_TAG.findall(window))
                    tail = window[-16:]
                    cells -= len(_CELL_TAG.findall(tail))  # counted again with the next chunk
                    rows -= len(_ROW_TAG.findall(tail))
                    if cells > MAX_CELLS or rows > MAX_ROW_ELEMENTS:
                        raise UnreadableFile(
                            _(
                                "Lembar kerja ini berisi terlalu banyak sel atau baris (lebih dari {cells} sel atau "
                                "{rows} baris, termasuk sel kosong yang diberi format). Salin hanya tabel angkanya ke "
                                "buku kerja baru, atau simpan sebagai CSV, lalu kirim lagi."
                            ).format(cells=fmt_int(MAX_CELLS), rows=fmt_int(MAX_ROW_ELEMENTS))
                        )
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _broken_message() from exc


def _broken_message() -> UnreadableFile:
    return UnreadableFile(
        _(
            "Berkas XLSX ini rusak atau terpotong, jadi tidak bisa dibaca (mungkin unggahannya belum selesai). "
            "Simpan ulang dari Excel dan kirim lagi, atau kirim sebagai CSV."
        )
    )


def _too_big_message() -> str:
    return _(
        "Isi berkas XLSX ini terlalu besar setelah dibuka (lebih dari {max} MB), walaupun berkasnya kecil. Salin "
        "hanya tabel angkanya ke buku kerja baru, atau simpan sebagai CSV, lalu kirim lagi."
    ).format(max=fmt_int(MAX_UNCOMPRESSED // (1024 * 1024)))


def _cell_too_long(row: int, column: int, length: int) -> UnreadableFile:
    return UnreadableFile(
        _(
            "Sel di kolom {column} berisi {length} karakter (paling banyak {max}). Periksa isi sel itu (catatan "
            "atau sumber cukup satu-dua kalimat), lalu kirim lagi."
        ).format(column=column, length=fmt_int(length), max=fmt_int(MAX_CELL_CHARS)),
        row,
    )


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    return csv_rows(io.StringIO(text, newline=None))  # \r, \r\n and \n all end a line; read lazily


def csv_rows(lines: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of CSV text read line by line (a file opened with ``newline=None`` streams: only the
    first ``HEADER_SCAN_ROWS`` lines are held, to find the separator)."""
    delimiter = None
    first = 0
    top = list(itertools.islice(lines, HEADER_SCAN_ROWS))
    if top:
        sep = re.match(r'^\s*"?sep=(.)"?\s*$', top[0], re.IGNORECASE)  # Excel's own hint line
        if sep:
            delimiter, first = sep.group(1), 1
    if delimiter is None:
        head = [line for line in top if line.strip()][:HEADER_SEARCH_ROWS]
        counts = {d: max((line.count(d) for line in head), default=0) for d in (";", ",", "\t", "|")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.reader(itertools.chain(top[first:], lines), delimiter=delimiter)
    number = first
    try:
        for number, cells in enumerate(reader, start=first + 1):
            yield number, cells[:MAX_COLUMNS]
    except csv.Error as exc:  # a field past the csv module's limit (128 KB), or a broken quote
        if "field larger than field limit" in str(exc):
            raise UnreadableFile(
                _(
                    "Satu sel berisi lebih dari {max} karakter (mungkin tanda kutip yang tidak ditutup). Periksa "
                    "baris itu, lalu kirim lagi."
                ).format(max=fmt_int(MAX_CELL_CHARS)),
                number + 1,
            ) from exc
        raise UnreadableFile(
            _("Baris ini tidak bisa dibaca sebagai CSV ({error}). Periksa tanda kutipnya, lalu kirim lagi.").format(
                error=str(exc)
            ),
            number + 1,
        ) from exc


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
        for ws in wb.worksheets[:MAX_SHEETS]:
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # never trust the declared dimension: read the rows that are there
            rows = (
                (n, [_cell_text(c) for c in row])
                for n, row in enumerate(ws.iter_rows(values_only=True, max_col=MAX_COLUMNS), 1)
            )
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


def clean_cell(value: str) -> str:
    """Trimmed, without the apostrophe an export put before "=", "+", "-" or "@" against formula injection."""
    if "\u00a0" in value:
        value = value.replace("\u00a0", " ")
    value = value.strip()
    return _NEUTRALISED.sub("", value) if value.startswith("'") else value


def _table(rows: Iterable[tuple[int, list[str]]]) -> Table:
    table, records = stream_table(rows)
    for record in records:
        if len(table.records) >= MAX_ROWS:
            table.too_many = True
            break
        table.records.append(record)
    return table


def stream_table(rows: Iterable[tuple[int, list[str]]]) -> tuple[Table, Iterator[tuple[int, dict[str, str]]]]:
    """The header of a sheet (``Table`` without records) and its data rows as they are read, without a limit."""
    table, data = stream_rows(rows)
    return table, _records(RecordMaker(table.columns), data)


def stream_rows(rows: Iterable[tuple[int, list[str]]]) -> tuple[Table, Iterator[tuple[int, list[str]]]]:
    """The header of a sheet (``Table`` without records) and the rows below it as read (cells not yet cleaned:
    :class:`RecordMaker` makes records of them)."""
    table = Table()
    iterator = iter(rows)
    waiting: list[tuple[int, list[str]]] = []
    header: tuple[int, list[str]] | None = None
    for number, cells in iterator:
        if number > HEADER_SCAN_ROWS:
            table.header_too_low = not waiting
            break
        if not any(c.strip() for c in cells):
            continue
        _check_lengths(number, cells)
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
            return table, iter(())
        # No row has every column: take the first one as the header, so the missing columns are named.
        header = waiting[0]
        rest: Iterable[tuple[int, list[str]]] = waiting[1:]
    else:
        rest = ()
    table.header_row = header[0]
    table.header_cells = [c.strip() for c in header[1] if c.strip()]
    table.columns, table.problems = header_columns(header[1], header[0])
    return table, _chain(rest, iterator)


class RecordMaker:
    """A data row as a record: its cells by canonical column, cleaned (:func:`clean_cell`); a cell longer than
    ``MAX_CELL_CHARS`` anywhere in the row refuses the file."""

    def __init__(self, columns: dict[str, int]) -> None:
        self.names = tuple(columns)
        self.indexes = tuple(columns.values())
        self.width = max(self.indexes, default=-1) + 1
        self.required = tuple(c for c in REQUIRED if c in columns)

    def record(self, number: int, cells: list[str]) -> dict[str, str] | None:
        """The record of a row, or None when its required cells are all empty (an empty row)."""
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        _check_lengths(number, cells)
        values = dict(zip(self.names, [clean_cell(cells[i]) for i in self.indexes], strict=True))
        if not any(values[c] for c in self.required):
            return None
        return values


def _records(maker: RecordMaker, rows: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, dict[str, str]]]:
    empty_run = 0
    for number, cells in rows:
        values = maker.record(number, cells)
        if values is None:
            empty_run += 1
            if empty_run >= EMPTY_RUN_LIMIT:
                break
            continue
        empty_run = 0
        yield number, values


def _check_lengths(number: int, cells: list[str]) -> None:
    if max(map(len, cells), default=0) <= MAX_CELL_CHARS:
        return
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            raise _cell_too_long(number, index + 1, len(cell))


def _chain(first: Iterable, second: Iterator) -> Iterator:
    yield from first
    yield from second
