"""The bulk import's row checks (:class:`bot.imports.validation.StreamChecker`, a fast path over raw cells with
caches) say exactly what the chat import's :func:`check_records` says about the same rows: the same good rows and
the same problems with the same row numbers, whatever the cells."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.imports.plan import EMPTY_RUN_LIMIT, ImportPlan
from bot.imports.reading import RecordMaker, UnreadableFile, header_columns
from bot.imports.validation import RowParser, StreamChecker, check_records
from bot.services import Service

YEARS = ["2023", "2024", " 2023", "1999", "2030", "2023,0", "", "tahun", "'2023"]
REGIONS = [
    "21.01",
    "21.71",
    "2171",
    "21.01.01",
    "21.01.01.2001",
    "21.71.01.1001",
    "21",
    "Lingga",
    "Kota Batam",
    " Batam ",
    "Batam\u00a0",
    "Atlantis",
    "Bandung",
    "*",
    "",
    "99.99",
    "=21.01",
    "'21.01",
    "21.1",
]
PROGRAMS = ["BSKK", "bskk", "PMKS", "UEP", "KUBE", "SEMUA", "total", "BSKKK", "PKH", "*", ""]
COUNTS = ["12", "0", "007", "1.234", "1,234", "12,5", "-3", "hapus", "*", "", "99999999999", "3e9", " 12", "12 "]
KINDS = ["", "wilayah", "tanpa_rincian", "total", "provinsi", "lain"]
NOTES = ["", "catatan", " spasi ", "a\x00b", "x" * 1001, "'=SUM(A1)"]
SOURCES = ["", "BPS 2023", "Dinsos", "s" * 1001]

HEADERS = [
    ["tahun", "wilayah", "program", "jumlah_kk"],
    ["tahun", "wilayah", "program", "jumlah_kk", "jenis", "catatan", "sumber"],
    ["program", "jumlah_kk", "catatan", "tahun", "wilayah"],
]


@pytest.fixture(scope="module")
def parser(seeded_template, tmp_path_factory) -> RowParser:  # type: ignore[no-untyped-def]
    from tests.conftest import copy_store, make_settings

    url = copy_store(seeded_template, tmp_path_factory.mktemp("stream"))
    return Service(make_settings(url), setup=False).row_parser()


def _pool(column: str) -> list[str]:
    return {
        "tahun": YEARS,
        "wilayah": REGIONS,
        "program": PROGRAMS,
        "jumlah_kk": COUNTS,
        "jenis": KINDS,
        "catatan": NOTES,
        "sumber": SOURCES,
    }[column]


def both_ways(parser: RowParser, header: list[str], rows: list[tuple[int, list[str]]]) -> tuple:
    columns, _notes = header_columns(header, 1)
    slow = ImportPlan(filename="x.csv", sha256="")
    maker = RecordMaker(columns)
    records = [(n, r) for n, cells in rows if (r := maker.record(n, cells)) is not None]
    for number, record in records:  # one record at a time: duplicates are the caller's to find in a bulk import
        check_records(slow, [(number, record)], parser)
    fast = ImportPlan(filename="x.csv", sha256="")
    checker = StreamChecker(parser, columns)
    good = checker.check(rows, fast)
    expected = [
        (r.row, r.year, r.region_code, r.program_code, r.households, str(r.kind), r.note, r.source, r.remove)
        for r in slow.rows
    ]
    got = [(*g[:5], str(g[5]), *g[6:]) for g in good]
    return expected, got, slow.problems, fast.problems, len(records), checker.records


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2), st.integers(0, 2**32), st.integers(1, 60))
def test_the_fast_row_checks_agree_with_the_chat_import_on_any_cells(
    parser: RowParser, header_at: int, seed: int, n: int
) -> None:
    header = HEADERS[header_at]
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        cells = [rng.choice(_pool(c)) for c in header]
        if rng.random() < 0.1:
            cells = cells[: rng.randint(0, len(cells))]  # a short row
        if rng.random() < 0.005:
            cells.append("y" * 10_001)  # a cell too long anywhere refuses the file the same way
        rows.append((i + 2, cells))
    try:
        expected, got, slow_problems, fast_problems, slow_records, fast_records = both_ways(parser, header, rows)
    except UnreadableFile as exc:  # a cell too long: the same refusal both ways
        with pytest.raises(UnreadableFile, match=re.escape(exc.message)):
            columns, _n = header_columns(header, 1)
            StreamChecker(parser, columns).check(rows, ImportPlan(filename="x.csv", sha256=""))
        return
    assert got == expected
    assert fast_problems == slow_problems
    assert fast_records == slow_records


def test_ordinary_rows_take_the_fast_path_and_agree(parser: RowParser) -> None:
    header = HEADERS[1]
    rows = [
        (n + 2, [year, region, program, str(n), "", "", ""])
        for n, (year, region, program) in enumerate(
            (y, r, p) for y in ("2023", "2024") for r in ("21.01", "21.71.01", "Lingga") for p in ("BSKK", "UEP")
        )
    ]
    expected, got, slow_problems, fast_problems, *_ = both_ways(parser, header, rows)
    assert got == expected and len(got) == len(rows)
    assert slow_problems == fast_problems == []


def test_a_long_run_of_empty_rows_ends_the_file_as_in_the_chat_import(parser: RowParser) -> None:
    columns, _notes = header_columns(HEADERS[0], 1)
    rows = [(2, ["2023", "21.01", "BSKK", "5"])]
    rows += [(n, ["", "", "", ""]) for n in range(3, 3 + EMPTY_RUN_LIMIT)]
    rows += [(EMPTY_RUN_LIMIT + 5, ["2023", "Atlantis", "BSKK", "5"])]  # never read
    checker = StreamChecker(parser, columns)
    plan = ImportPlan(filename="x.csv", sha256="")
    good = checker.check(rows, plan)
    assert checker.stopped and checker.records == 1 and len(good) == 1 and plan.problems == []
