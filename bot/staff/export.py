"""Exporting the current figures as CSV or XLSX that can be edited and imported again; formula cells neutralised."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.figures.facts import Facts
from models.tables import Coverage, CoverageKind, Source, utcnow

EXPORT_COLUMNS = (
    "tahun",
    "wilayah",
    "nama_wilayah",
    "program",
    "nama_program",
    "jumlah_kk",
    "jenis",
    "catatan",
    "sumber",
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_KIND_ORDER: dict[str, int] = {CoverageKind.REGION: 0, CoverageKind.UNALLOCATED: 1, CoverageKind.TOTAL: 2}


def neutralise(value: object) -> str:
    """A cell that a spreadsheet would run as a formula ("=", "+", "-", "@") starts with an apostrophe instead."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


# ---- export ---------------------------------------------------------------------------------------------------
def export_rows(engine: Engine, facts: Facts) -> list[list[object]]:
    """Every stored figure of the configured province(s), at every level, as rows of an import file (the header
    first); texts neutralised against formulas. Figures of other provinces in a shared store are not exported."""
    provinces = sorted(code for code, r in facts.regions.items() if r.level == 1)
    with Session(engine) as session:
        sources = {s.id: s.key for s in session.exec(select(Source))}
        figures = session.exec(select(Coverage).where(col(Coverage.province_code).in_(provinces))).all()
    sort = {p.code: p.sort for p in facts.programs.values()}

    def order(c: Coverage) -> tuple:
        return (c.year, _KIND_ORDER.get(c.kind, 9), sort.get(c.program_code, 99), c.program_code, c.region_code)

    rows: list[list[object]] = [list(EXPORT_COLUMNS)]
    for c in sorted(figures, key=order):
        region = facts.regions.get(c.region_code)
        program = facts.programs.get(c.program_code)
        rows.append(
            [
                c.year,
                c.region_code,
                neutralise(region.name if region else ""),
                c.program_code,
                neutralise(program.short if program else ""),
                c.households,
                "" if c.kind == CoverageKind.REGION else c.kind,
                neutralise(c.note),
                neutralise(sources.get(c.source_id, "")),
            ]
        )
    return rows


def to_csv(rows: list[list[object]]) -> bytes:
    """UTF-8 with BOM and ";" between cells: what Excel with Indonesian settings opens without a wizard."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[object]], title: str = "Angka") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    widths = [8, 10, 28, 10, 24, 12, 14, 40, 24]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[chr(64 + i)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class ExportFile:
    data: bytes
    filename: str
    rows: int
    """Figures in the file (the header not counted)."""


def export_filename(fmt: str, when: datetime | None = None) -> str:
    return f"tanyabansos-angka-{(when or utcnow()).strftime('%Y%m%d')}.{fmt}"
