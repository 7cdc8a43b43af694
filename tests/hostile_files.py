"""Hostile import files, generated (the large ones never live in the repository): each is small on the wire and
expensive to read naively. Used by tests/store/test_hostile_imports.py and benchmarks/hostile_imports.py.

``scale`` sizes the bombs: the tests use the default (enough to cross every limit), the benchmark the sizes the
attack report measured (a 1 GB cell, a sharedStrings part of ~1 GB)."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Iterator

MB = 1024 * 1024
HEADER = "tahun,wilayah,program,jumlah_kk,jenis,catatan,sumber"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_NO_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
)


_NO_STRINGS_BYTES = _NO_STRINGS.encode()


def _xlsx(sheet: Iterator[bytes] | bytes, shared: Iterator[bytes] | bytes = _NO_STRINGS_BYTES) -> bytes:
    """A minimal workbook; the sheet and shared strings are streamed into the zip (never whole in memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        for name, body in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)):
            with z.open(name, "w", force_zip64=True) as part:
                for chunk in [body] if isinstance(body, bytes) else body:
                    part.write(chunk)
    return out.getvalue()


def _col(index: int) -> str:
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _rows(rows: list[list[str]], start: int = 1) -> str:
    out = []
    for n, cells in enumerate(rows, start):
        out.append(f'<row r="{n}">' + "".join(_inline(f"{_col(i)}{n}", c) for i, c in enumerate(cells, 1)) + "</row>")
    return "".join(out)


def good_xlsx() -> bytes:
    rows = [HEADER.split(","), ["2022", "Lingga", "BSKK", "2900", "", "", ""]]
    return _xlsx((_SHEET_HEAD + "<sheetData>" + _rows(rows) + "</sheetData></worksheet>").encode())


def dimension_bomb(scale: float = 1.0) -> bytes:
    """4 KB: declares A1:XFD1048576 and has one stray cell in the last row, no header."""
    sheet = (
        _SHEET_HEAD + '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    )
    return _xlsx(sheet.encode())


def empty_rows_then_header(scale: float = 1.0) -> bytes:
    """A header below half a million empty (but present) rows."""
    count = int(500_000 * scale)

    def sheet() -> Iterator[bytes]:
        yield (_SHEET_HEAD + "<sheetData>").encode()
        for start in range(1, count + 1, 10_000):
            yield "".join(f'<row r="{n}"/>' for n in range(start, min(start + 10_000, count + 1))).encode()
        yield (_rows([HEADER.split(",")], count + 1) + "</sheetData></worksheet>").encode()

    return _xlsx(sheet())


def wide_rows(scale: float = 1.0) -> bytes:
    """Rows of 16,384 real cells each (a compressed few KB)."""
    width = 16_384
    row_count = max(1, int(60 * scale))

    def sheet() -> Iterator[bytes]:
        yield (_SHEET_HEAD + "<sheetData>").encode()
        for n in range(1, row_count + 1):
            yield (
                f'<row r="{n}">' + "".join(f'<c r="{_col(i)}{n}"><v>1</v></c>' for i in range(1, width + 1)) + "</row>"
            ).encode()
        yield b"</sheetData></worksheet>"

    return _xlsx(sheet())


def shared_strings_bomb(scale: float = 1.0) -> bytes:
    """A sharedStrings part that inflates to ``64 MB × scale`` (the attack measured ~1 GB from 3.9 MB)."""
    size = int(64 * MB * scale)
    item = "<si><t>" + "A" * 1000 + "</t></si>"
    count = size // len(item)

    def shared() -> Iterator[bytes]:
        yield (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
            f'main" count="{count}" uniqueCount="{count}">'
        ).encode()
        block = (item * 1000).encode()
        for _ in range(count // 1000):
            yield block
        yield b"</sst>"

    rows = _rows([HEADER.split(",")]) + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return _xlsx((_SHEET_HEAD + "<sheetData>" + rows + "</sheetData></worksheet>").encode(), shared())


def giant_cell(scale: float = 1.0) -> bytes:
    """One ``catatan`` cell of ``64 MB × scale`` characters (the attack: 1 GB from 977 KB)."""
    size = int(64 * MB * scale)

    def sheet() -> Iterator[bytes]:
        yield (_SHEET_HEAD + "<sheetData>" + _rows([HEADER.split(",")])).encode()
        yield (
            b'<row r="2">'
            + "".join(
                _inline(f"{_col(i)}2", v) for i, v in enumerate(["2022", "Lingga", "BSKK", "2900", ""], 1)
            ).encode()
        )
        yield b'<c r="F2" t="inlineStr"><is><t>'
        block = b"B" * MB
        for _ in range(size // MB):
            yield block
        yield b"</t></is></c></row></sheetData></worksheet>"

    return _xlsx(sheet())


def lying_sizes(scale: float = 1.0) -> bytes:
    """A sheet that declares 2 KB in the zip directory and inflates to 20 MB."""
    data = bytearray(giant_cell(20 / 64))
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (i := data.find(signature, start)) >= 0:
            name_len = struct.unpack_from("<H", data, i + (28 if signature == b"PK\x01\x02" else 26))[0]
            name_at = i + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_at : name_at + name_len] == b"xl/worksheets/sheet1.xml":
                struct.pack_into("<I", data, i + offset, 2048)
            start = i + 4
    return bytes(data)


def password_protected(scale: float = 1.0) -> bytes:
    """What Excel writes for a workbook with a password: an OLE compound file, not a zip."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4088


def truncated(scale: float = 1.0) -> bytes:
    whole = good_xlsx()
    return whole[: len(whole) // 2]


def not_a_workbook(scale: float = 1.0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("foto.jpg", b"\xff\xd8\xff" + b"\x00" * 100)
    return out.getvalue()


def wrong_columns(scale: float = 1.0) -> bytes:
    return b"nama,alamat,nik\nBudi,Batam,2171000000000001\n"


def long_field_csv(scale: float = 1.0) -> bytes:
    """A 200 KB field (past the csv module's own 128 KB limit)."""
    return (HEADER + "\n2022,Lingga,BSKK,2900,," + "C" * 200_000 + ",\n").encode()


def long_note_csv(scale: float = 1.0) -> bytes:
    """A 20 KB note: below the csv module's limit, above any sane note."""
    return (HEADER + "\n2022,Lingga,BSKK,2900,," + "C" * 20_000 + ",\n").encode()


def unclosed_quote_csv(scale: float = 1.0) -> bytes:
    return (HEADER + '\n2022,Lingga,BSKK,2900,,"' + "tanpa tutup " * 20_000 + "\n").encode()


def blank_lines_csv(scale: float = 1.0) -> bytes:
    return b"\n" * int(2_000_000 * scale) + (HEADER + "\n2022,Lingga,BSKK,2900,,,\n").encode()


HOSTILE: dict[str, Callable[[float], bytes]] = {
    "dimension_bomb.xlsx": dimension_bomb,
    "empty_rows_then_header.xlsx": empty_rows_then_header,
    "wide_rows.xlsx": wide_rows,
    "shared_strings_bomb.xlsx": shared_strings_bomb,
    "giant_cell.xlsx": giant_cell,
    "lying_sizes.xlsx": lying_sizes,
    "password_protected.xlsx": password_protected,
    "truncated.xlsx": truncated,
    "not_a_workbook.xlsx": not_a_workbook,
    "wrong_columns.csv": wrong_columns,
    "long_field.csv": long_field_csv,
    "long_note.csv": long_note_csv,
    "unclosed_quote.csv": unclosed_quote_csv,
    "blank_lines.csv": blank_lines_csv,
}
"""Every hostile file by name; each is refused."""


def max_rows_xlsx(scale: float = 1.0) -> bytes:
    """The largest XLSX accepted: 10,000 rows of seven columns, written by openpyxl as Excel would (shared
    strings); reading is what is measured (duplicate rows are refused by validation)."""
    from openpyxl import Workbook

    regions = ["Batam", "Lingga", "Bintan", "Karimun", "Natuna", "Anambas", "Tanjungpinang"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(HEADER.split(","))
    for n in range(int(10_000 * scale) - 1):
        ws.append([2000 + n % 26, regions[n % 7], "BSKK", n, "", "catatan", "sumber"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def max_rows_csv(scale: float = 1.0) -> bytes:
    regions = ["Batam", "Lingga", "Bintan", "Karimun", "Natuna", "Anambas", "Tanjungpinang"]
    lines = [HEADER] + [f"{2000 + n % 26},{regions[n % 7]},BSKK,{n},,catatan,sumber" for n in range(50_000)]
    return ("\n".join(lines) + "\n").encode()


ACCEPTED: dict[str, Callable[[float], bytes]] = {"max_cells.xlsx": max_rows_xlsx, "max_rows.csv": max_rows_csv}
BENCH_SCALE = {
    "shared_strings_bomb.xlsx": 16.0,  # inflates to 1 GB, as in the attack report
    "giant_cell.xlsx": 16.0,  # one 1 GB cell
    "empty_rows_then_header.xlsx": 4.0,  # 2,000,000 empty rows in ~4.9 MB
    "wide_rows.xlsx": 1.8,  # 108 rows of 16,384 cells in ~4.8 MB
    "blank_lines.csv": 2.5,  # 5,000,000 empty lines (5 MB)
}
"""The sizes the benchmark uses (the attack's, or the largest that stays ≤ 5 MB); 1.0 for the others."""
"""Honest files at the limits, read in full (their rows may be refused, the file is not)."""
