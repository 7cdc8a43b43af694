"""Staff keep the figures current with spreadsheets: real files as Excel writes them, row-by-row validation, preview,
all-or-nothing apply (also when the database fails or the process is killed halfway), audit trail, export, roles.

Every test gets its own copy of a seeded SQLite store (2022 figures); the all-or-nothing tests run on PostgreSQL too.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot import staff as staffops
from bot.imports import (
    MAX_ROWS,
    FigureRow,
    ImportPlan,
    ImportRefused,
    StalePlan,
    apply_plan,
    describe_problems,
    parse_count,
    plan_import,
    read_count,
)
from bot.services import Service
from bot.staff import roles
from bot.staff.desk import StaffDesk
from models.db import dispose_engine, get_engine
from models.staff import PendingImport
from models.tables import AuditLog, Coverage, ImportBatch
from tests.conftest import ROOT, make_settings, run_cli_in_process

EXE = str(Path(sys.executable).parent / "tanyabansos")
LINGGA, BATAM, TPI, BINTAN = "21.04", "21.71", "21.72", "21.01"
KABKOTA = ["21.01", "21.02", "21.03", "21.04", "21.05", "21.71", "21.72"]
FIGURE_TABLES = ("coverage", "auditlog", "importbatch", "meta", "source")
ADMIN = 777


# ---- stores ---------------------------------------------------------------------------------------------------
@pytest.fixture
def template(seeded_template: Path) -> Path:
    """The store set up once per worker (schema, Kemendagri regions, 2022 figures); tests work on copies of it."""
    return seeded_template


@pytest.fixture
def service(template: Path, tmp_path: Path) -> Iterator[Service]:
    path = tmp_path / "store.sqlite3"
    shutil.copy(template, path)
    url = f"sqlite:///{path}"
    try:
        yield Service(make_settings(url, admin_ids=[ADMIN]), setup=False)
    finally:
        dispose_engine(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_service(request: pytest.FixtureRequest) -> Service:
    if request.param == "sqlite":
        return request.getfixturevalue("service")
    return Service(make_settings(request.getfixturevalue("pg_seeded_url"), admin_ids=[ADMIN]), setup=False)


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of the tables an import touches."""
    out = {}
    with engine.connect() as conn:
        for name in FIGURE_TABLES:
            rows = conn.execute(text(f'SELECT * FROM "{name}"')).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def figure(service: Service, year: int, program: str, region: str) -> int | None:
    with Session(service.engine) as session:
        row = session.exec(
            select(Coverage).where(
                Coverage.year == year, Coverage.program_code == program, Coverage.region_code == region
            )
        ).first()
    return row.households if row else None


def ask(service: Service, question: str) -> str:
    return service.answerer().answer(question).plain()


# ---- files as people make them --------------------------------------------------------------------------------
def xlsx(rows: list[list[object]], *, title: str | None = None, sheet_before: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    if sheet_before:
        ws.title = "Petunjuk"
        ws.append(["Isi lembar Data lalu kirim ke bot."])
        ws = wb.create_sheet("Data")
    if title:
        ws.append([title])
        ws.append([])
    for row in rows:
        ws.append(row)
    for _ in range(3):
        ws.append([None, None, None, None])  # empty trailing rows, as a formatted sheet has
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def semicolon_csv(lines: list[list[str]], encoding: str = "cp1252") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(lines)
    return out.getvalue().encode(encoding)


# ---- reading what Excel produces ------------------------------------------------------------------------------
def test_an_xlsx_written_with_openpyxl_is_previewed_then_applied_with_an_audit_trail(service: Service) -> None:
    data = xlsx(
        [
            ["Tahun", "Kab/Kota", "Program Bantuan", "Jumlah KK", "Keterangan"],
            [2023, "Kabupaten Lingga", "Kesejahteraan Keluarga", 3100, "data 2023"],
            [2023, "Lingga", "PMKS", 4700.0, None],
            [2023, "21.04", "UEP", "25", None],
            [2022, "Kab. Lingga", "uep", 22, "koreksi"],
            [2022, "Kota Batam", "BSKK", 1288, None],
        ],
        title="Data penerima bansos Kabupaten Lingga",
        sheet_before=True,
    )
    before = snapshot(service.engine)

    plan = StaffDesk(service).plan(data, "lingga-2023.xlsx")

    assert plan.ok, describe_problems(plan)
    assert plan.sheet == "Data" and plan.records == 5
    assert (plan.count("added"), plan.count("changed"), plan.count("unchanged")) == (3, 1, 1)
    assert snapshot(service.engine) == before  # a preview changes nothing
    preview = staffops.preview_reply(plan, service.facts, "tok").plain()
    assert "3 baru, 1 berubah, 1 tetap" in preview
    assert "2022 · Kabupaten Lingga · UEP: 20 → 22" in preview
    assert "2023 · Kabupaten Lingga · Kesejahteraan Keluarga: baru → 3.100" in preview

    batch = apply_plan(service.engine, plan, "Sari (tg:1001)")

    assert batch is not None and (batch.added, batch.changed, batch.unchanged) == (3, 1, 1)
    assert figure(service, 2023, "PMKS", LINGGA) == 4700
    assert figure(service, 2022, "UEP", LINGGA) == 22
    entries = staffops.audit_entries(service.engine, 4)
    assert {(e.year, e.program_code, e.old_value, e.new_value) for e in entries} == {
        (2023, "BSKK", None, 3100),
        (2023, "PMKS", None, 4700),
        (2023, "UEP", None, 25),
        (2022, "UEP", 20, 22),
    }
    assert {(e.actor, e.filename) for e in entries} == {("Sari (tg:1001)", "lingga-2023.xlsx")}
    history = StaffDesk(service).history(4, user_id=ADMIN).plain()
    assert "Sari (tg:1001), berkas lingga-2023.xlsx" in history and "20 → 22" in history


def test_a_semicolon_csv_in_windows_1252_with_indonesian_thousands_is_read(service: Service) -> None:
    data = semicolon_csv(
        [
            ["  TAHUN ", "Wilayah", "PROGRAM", "Jumlah  KK", "Catatan", "Sumber"],
            ["2023", "Kota Batam", "PMKS", "22.465", "Pemutakhiran – Dinsos (café)", "Laporan Dinsos Kepri 2023"],
            ["2023", "Tanjungpinang", "PMKS", "5.151", "", ""],
            ["2023", "Batam", "UEP", "192,00", "", ""],
            ["", "", "", "", "", ""],
            ["", "", "", "", "", ""],
        ]
    )
    assert b"22.465" in data and "–".encode("cp1252") in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    plan = plan_import(service.engine, data, "pmks-2023.csv", service.row_parser())

    assert plan.ok, describe_problems(plan)
    assert [(r.region_code, r.program_code, r.households) for r in plan.rows] == [
        (BATAM, "PMKS", 22465),
        (TPI, "PMKS", 5151),
        (BATAM, "UEP", 192),
    ]
    assert plan.rows[0].note == "Pemutakhiran – Dinsos (café)"
    apply_plan(service.engine, plan, "cli:test")
    assert figure(service, 2023, "PMKS", BATAM) == 22465
    service.invalidate()
    assert "Laporan Dinsos Kepri 2023" in ask(service, "PMKS di Batam")


@pytest.mark.parametrize(
    ("encoding", "delimiter", "prefix"),
    [("utf-8-sig", ",", ""), ("utf-8", ",", ""), ("utf-16", "\t", ""), ("utf-8", ";", "sep=;\r\n")],
)
def test_other_csv_flavours_excel_writes_are_read(service: Service, encoding: str, delimiter: str, prefix: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([["tahun", "wilayah", "program", "jumlah_kk"], ["2023", "Natuna", "PMKS", "2,159"]])
    data = (prefix + out.getvalue() + delimiter * 3 + "\r\n").encode(encoding)

    plan = plan_import(service.engine, data, "natuna.csv", service.row_parser())

    assert plan.ok, describe_problems(plan)
    assert [(r.region_code, r.households) for r in plan.rows] == [("21.03", 2159)]


@pytest.mark.parametrize(
    ("raw", "value", "problem"),
    [
        ("22.465", 22465, ""),
        ("22,465", 22465, ""),
        ("22 465", 22465, ""),
        ("22\u00a0465", 22465, ""),
        ("22.465,00", 22465, ""),
        ("1,234,567.0", 1234567, ""),
        ("2800", 2800, ""),
        ("0", 0, ""),
        ("-5", None, "negative"),
        ("(12)", None, "negative"),
        ("12,5", None, "fraction"),
        ("1.5", None, "fraction"),
        ("abc", None, "invalid"),
        ("22.46", None, "fraction"),
        ("", None, "empty"),
    ],
)
def test_counts_are_read_as_people_type_them(raw: str, value: int | None, problem: str) -> None:
    assert read_count(raw).value == value
    assert read_count(raw).problem == problem
    assert parse_count(raw) == value


# ---- refusing bad files ---------------------------------------------------------------------------------------
def test_a_file_with_bad_rows_changes_nothing_and_every_bad_row_is_reported(service: Service) -> None:
    rows = [
        ["tahun", "wilayah", "program", "jumlah_kk"],
        ["2023", "Kabupaten Lingga", "BSKK", "3100"],  # 2  fine
        ["2023", "Lingaa", "PMKS", "4700"],  # 3  fine: a typo is fuzzy-matched like in questions
        ["2023", "Tanjung", "UEP", "10"],  # 4  ambiguous region → suggestion
        ["2023", "Bandung", "UEP", "10"],  # 5  outside Kepri
        ["2023", "Batam", "PKHH", "10"],  # 6  unknown program → suggestion
        ["2023", "Natuna", "PMKS", "-7"],  # 7  negative
        ["2023", "Karimun", "PMKS", "12,5"],  # 8  not an integer
        ["2023", "Bintan", "PMKS", "banyak"],  # 9  not a number
        ["1999", "Bintan", "UEP", "5"],  # 10 year out of range
        [str(date.today().year + 2), "Bintan", "BSKK", "5"],  # 11 year out of range
        ["2023", "Kabupaten Lingga", "BSKK", "3200"],  # 12 duplicate of row 2
        ["2023", "Senayang", "UEP", "3"],  # 13 a kecamatan and a kelurahan share the name
        ["2023", "Xqzwv", "Qqq", "x"],  # 14 three problems in one row
    ]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    data = out.getvalue().encode()
    before = snapshot(service.engine)

    plan = plan_import(service.engine, data, "salah.csv", service.row_parser())

    assert not plan.ok
    assert plan.error_rows == list(range(4, 15))
    by_row: dict[int, list[str]] = {}
    for p in plan.errors:
        by_row.setdefault(p.row or 0, []).append(p.message)
    assert "Maksud Anda: Kabupaten Bintan, Kabupaten Karimun, Kota Tanjung Pinang?" in by_row[4][0]
    assert "di luar Kepulauan Riau" in by_row[5][0]
    assert "program “PKHH” tidak dikenal. Maksud Anda: PMKS?" in by_row[6][0]
    assert "tidak boleh negatif" in by_row[7][0]
    assert "harus bilangan bulat" in by_row[8][0] and "12,5" in by_row[8][0]
    assert "“banyak”" in by_row[9][0]
    assert "tahun “1999” tidak valid" in by_row[10][0]
    assert "tidak valid" in by_row[11][0]
    assert by_row[12] == ["baris ganda: sama dengan baris 2."]
    assert "adalah nama 2 wilayah: Kecamatan Senayang (21.04.03), Kabupaten Lingga; Kelurahan Senayang" in by_row[13][0]
    assert len(by_row[14]) == 3
    with pytest.raises(ImportRefused) as refused:
        apply_plan(service.engine, plan, "cli:test")
    assert "baris 4:" in str(refused.value)
    assert snapshot(service.engine) == before
    report = staffops.preview_reply(plan, service.facts, "tok")
    assert not report.choices and "Berkas tidak diterapkan" in report.plain()
    assert "13 galat di 11 baris" in report.plain()


def test_files_over_5_mb_or_50000_rows_are_refused_and_50000_rows_are_read(service: Service) -> None:
    parser = service.row_parser()
    big = b"tahun,wilayah,program,jumlah_kk\n" + b"2023,Lingga,BSKK,1\n" * 300_000
    assert len(big) > 5 * 1024 * 1024
    plan = plan_import(service.engine, big, "besar.csv", parser)
    assert [p.message for p in plan.errors] == ["Berkas lebih dari 5 MB; pecah menjadi beberapa berkas."]

    header = "tahun,wilayah,program,jumlah_kk\n"
    over = (header + "".join(f"2023,Kabupaten Lingga,BSKK,{i}\n" for i in range(MAX_ROWS + 1))).encode()
    plan = plan_import(service.engine, over, "banyak.csv", parser)
    assert [p.message for p in plan.errors] == ["Berkas berisi lebih dari 50.000 baris; pecah menjadi beberapa berkas."]

    limit = (header + "".join(f"2023,Kabupaten Lingga,BSKK,{i}\n" for i in range(MAX_ROWS))).encode()
    started = time.perf_counter()
    plan = plan_import(service.engine, limit, "batas.csv", parser)
    elapsed = time.perf_counter() - started
    assert plan.records == MAX_ROWS
    assert len(plan.errors) == MAX_ROWS - 1  # every row after the first duplicates it, and each is named
    assert elapsed < 20, f"validating {MAX_ROWS} rows took {elapsed:.1f}s"
    print(f"validated {MAX_ROWS} rows in {elapsed:.2f}s")


def test_a_file_without_the_columns_names_what_is_missing(service: Service) -> None:
    plan = plan_import(service.engine, b"tahun;daerah;jumlah\n2023;Lingga;5\n", "x.csv", service.row_parser())
    assert [(p.row, p.message) for p in plan.errors] == [
        (1, "Kolom wajib tidak ada: program. Kolom yang dibutuhkan: tahun, wilayah, program, jumlah_kk.")
    ]
    plan = plan_import(service.engine, b"", "kosong.csv", service.row_parser())
    assert [p.message for p in plan.errors] == ["Berkas kosong: tidak ada baris data di bawah judul kolom."]
    plan = plan_import(service.engine, b"PK\x03\x04 not really a zip", "rusak.xlsx", service.row_parser())
    assert plan.errors and "tidak bisa dibaca" in plan.errors[0].message


def test_totals_that_disagree_with_region_sums_are_a_warning_not_an_error(service: Service) -> None:
    data = b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,BSKK,2900\n"
    plan = plan_import(service.engine, data, "koreksi.csv", service.row_parser())
    assert plan.ok and not plan.errors
    assert [p.message for p in plan.warnings] == [
        "total BSKK 2022 = 11.638, tetapi jumlah per wilayah + tanpa rincian = 11.738.",
        "total seluruh program 2022 = 58.849, tetapi jumlah semua baris = 58.949.",
    ]
    assert "⚠️ Peringatan" in staffops.preview_reply(plan, service.facts, "t").plain()


# ---- a new year ----------------------------------------------------------------------------------------------
def test_figures_for_2023_make_plain_questions_answer_2023_and_2022_still_works(service: Service) -> None:
    assert "tahun 2022" in ask(service, "berapa KK di Lingga?")
    rows = ["tahun,wilayah,program,jumlah_kk"]
    for i, code in enumerate(KABKOTA):
        rows += [f"2023,{code},PMKS,{5000 + i}", f"2023,{code},BSKK,{1000 + i}"]
    plan = plan_import(service.engine, "\n".join(rows).encode(), "2023.csv", service.row_parser())
    apply_plan(service.engine, plan, "cli:test")
    service.invalidate()

    plain = ask(service, "berapa KK di Lingga?")
    assert "tahun 2023" in plain and "6.006 KK" in plain, plain
    # Citizens read the publisher and the date, never the internal file name.
    assert "2023.csv" not in plain and "Sumber: Dinas Sosial Provinsi Kepulauan Riau, diperbarui" in plain
    assert "tahun 2022" in (old := ask(service, "berapa KK di Lingga tahun 2022?")) and "7.408" in old, old
    summary = service.answerer().province_summary(None).plain()
    assert "tahun 2023" in summary and "42.042" in summary, summary
    assert "2022, 2023" in service.answerer().about().plain()


# ---- all or nothing --------------------------------------------------------------------------------------------
def _valid_plan(service: Service, years: range) -> ImportPlan:
    rows = ["tahun,wilayah,program,jumlah_kk"]
    rows += [f"{y},{c},{p},{y + i}" for y in years for i, c in enumerate(KABKOTA) for p in ("BSKK", "PMKS", "UEP")]
    plan = plan_import(service.engine, "\n".join(rows).encode(), "besar.csv", service.row_parser())
    assert plan.ok, describe_problems(plan)
    return plan


def test_a_database_failure_halfway_leaves_the_store_exactly_as_it_was(any_service: Service) -> None:
    service = any_service
    plan = _valid_plan(service, range(2023, 2026))
    # A row the database itself refuses (no such region: a foreign-key violation), after 63 good ones.
    plan.rows.append(FigureRow(999, 2023, "21.99", "KUBE", 5, "wilayah", "", ""))
    before = snapshot(service.engine)

    with pytest.raises(IntegrityError):
        apply_plan(service.engine, plan, "cli:test")

    assert snapshot(service.engine) == before


def test_a_crash_in_the_middle_of_writing_leaves_the_store_exactly_as_it_was(any_service: Service) -> None:
    service = any_service
    plan = _valid_plan(service, range(2023, 2026))
    before = snapshot(service.engine)
    written: list[int] = []

    def crash_after_ten_audit_rows(mapper, connection, target) -> None:
        written.append(target.id)
        if len(written) == 10:
            raise RuntimeError("power cut")

    event.listen(AuditLog, "after_insert", crash_after_ten_audit_rows)
    try:
        with pytest.raises(RuntimeError, match="power cut"):
            apply_plan(service.engine, plan, "cli:test")
    finally:
        event.remove(AuditLog, "after_insert", crash_after_ten_audit_rows)

    assert len(written) == 10
    assert snapshot(service.engine) == before
    batch = apply_plan(service.engine, plan, "cli:test")  # the same plan, without the crash, applies fully
    assert batch is not None and batch.added == len(plan.rows)


def test_a_plan_made_before_another_import_is_not_applied_over_it(service: Service) -> None:
    version = service.data_version()
    first = plan_import(
        service.engine, b"tahun,wilayah,program,jumlah_kk\n2023,Lingga,UEP,5\n", "a.csv", service.row_parser()
    )
    second = plan_import(
        service.engine, b"tahun,wilayah,program,jumlah_kk\n2023,Lingga,UEP,6\n", "b.csv", service.row_parser()
    )
    apply_plan(service.engine, first, "a", expect_version=version)
    before = snapshot(service.engine)
    with pytest.raises(StalePlan):
        apply_plan(service.engine, second, "b", expect_version=version)
    assert snapshot(service.engine) == before


KILL_AT_INSERT = """
import os, signal, sys
from sqlalchemy import event
from models.tables import AuditLog
count = 0
def kill(mapper, connection, target):
    global count
    count += 1
    if count == int(os.environ["KILL_AT"]):
        os.kill(os.getpid(), signal.SIGKILL)
event.listen(AuditLog, "after_insert", kill)
from bot.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def _cli_env(path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PROVINCE_CODE", "DATA_DIR", "ADMIN_IDS")}
    env.update({"DATABASE_URL": f"sqlite:///{path}", "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT)})
    return env


def _big_file(path: Path) -> dict[tuple[int, str, str], int]:
    """Every year the importer accepts × every kab/kota × 4 programs (~800 rows); returns the figures written."""
    figures = {
        (y, c, p): y * 3 + i
        for y in range(2000, date.today().year + 2)
        for i, c in enumerate(KABKOTA)
        for p in ("BSKK", "PMKS", "UEP", "KUBE")
    }
    lines = ["tahun;wilayah;program;jumlah_kk"] + [f"{y};{c};{p};{v}" for (y, c, p), v in figures.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return figures


def _state(url: str, before: dict, filename: str, figures: dict[tuple[int, str, str], int]) -> str:
    """ "old" (exactly as before), "new" (every figure of the file, with its audit trail), or "partial"."""
    engine = get_engine(url)
    try:
        if snapshot(engine) == before:
            return "old"
        with Session(engine) as session:
            stored = {(c.year, c.region_code, c.program_code): c.households for c in session.exec(select(Coverage))}
            batches = session.exec(select(ImportBatch).where(ImportBatch.filename == filename)).all()
            audit = session.exec(select(AuditLog).where(col(AuditLog.batch_id).in_([b.id for b in batches]))).all()
        complete = all(stored.get(k) == v for k, v in figures.items())
        if complete and len(batches) == 1 and len(audit) == batches[0].added + batches[0].changed == len(figures):
            return "new"
        return "partial"
    finally:
        dispose_engine(url)


def test_an_import_killed_halfway_leaves_the_store_unchanged(template: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    shutil.copy(template, store)
    url = f"sqlite:///{store}"
    source = tmp_path / "semua-tahun.csv"
    figures = _big_file(source)
    before = snapshot(get_engine(url))
    dispose_engine(url)

    # SIGKILL from inside, exactly when 300 of ~800 audit rows are written (the transaction is open).
    env = {**_cli_env(store), "KILL_AT": "300"}
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_INSERT, "import", str(source)], env=env, capture_output=True, timeout=120
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    assert "Menerapkan" in killed.stdout.decode()
    assert _state(url, before, source.name, figures) == "old"

    # SIGKILL from outside, at moments during the real command's apply: all old or all new, never partial.
    outcomes = []
    for delay in (0.1, 0.3):
        proc = subprocess.Popen([EXE, "import", str(source)], env=_cli_env(store), stdout=subprocess.PIPE)
        assert proc.stdout is not None
        for line in proc.stdout:
            if b"Menerapkan" in line:
                break
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        outcomes.append(_state(url, before, source.name, figures))
        if outcomes[-1] != "old":
            break
    assert "partial" not in outcomes, outcomes
    print("kills:", outcomes)


# ---- export --------------------------------------------------------------------------------------------------
def test_export_neutralises_formulas_and_is_a_valid_import_file(service: Service) -> None:
    data = (
        b"tahun,wilayah,program,jumlah_kk,catatan,sumber\n"
        b'2023,Lingga,BSKK,3100,"=HYPERLINK(""http://x.example"",""klik"")",@sumber\n'
        b"2023,Lingga,UEP,25,+62 812,-\n"
        b"2023,Lingga,PMKS,4700,@SUM(A1),\n"
        b"2023,Lingga,KUBE,3,-1 revisi,\n"
    )
    apply_plan(service.engine, plan_import(service.engine, data, "f.csv", service.row_parser()), "cli:test")
    desk = StaffDesk(service, operator=True)

    exported = desk.export("csv")
    assert exported.data.startswith(b"\xef\xbb\xbf") and exported.filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(staffops.EXPORT_COLUMNS)
    assert exported.rows == len(rows) - 1 == 28
    notes = {r[7] for r in rows[1:]} | {r[8] for r in rows[1:]}
    assert {'\'=HYPERLINK("http://x.example","klik")', "'+62 812", "'@SUM(A1)", "'-1 revisi"} <= notes
    assert not [v for r in rows for v in r if v[:1] in ("=", "+", "-", "@")]

    book = desk.export("xlsx")
    ws = load_workbook(io.BytesIO(book.data)).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value[:1] in ("=", "+", "-", "@")]

    for name, content in (("ekspor.csv", exported.data), ("ekspor.xlsx", book.data)):
        again = plan_import(service.engine, content, name, service.row_parser())
        assert again.ok and not again.warnings, describe_problems(again)
        assert (again.count("added"), again.count("changed"), again.count("unchanged")) == (0, 0, 28)
        assert {r.note for r in again.rows} >= {'=HYPERLINK("http://x.example","klik")', "+62 812", "-1 revisi"}


# ---- roles and the confirm flow ----------------------------------------------------------------------------------
def test_admins_add_and_remove_staff(service: Service) -> None:
    settings = service.settings
    assert roles.is_admin(settings, ADMIN) and roles.is_staff(service.engine, settings, ADMIN)
    assert not roles.is_staff(service.engine, settings, 1001) and not roles.is_staff(service.engine, settings, None)
    desk = StaffDesk(service)

    assert "sekarang staf" in desk.add_staff(ADMIN, 1001, "Sari").plain()
    assert "sudah staf" in desk.add_staff(ADMIN, 1001, "Sari").plain()
    assert "adalah admin" in desk.add_staff(ADMIN, ADMIN).plain()
    assert roles.is_staff(service.engine, settings, 1001)
    listing = desk.staff_list().plain()
    assert "777" in listing and "Sari (1001), ditambahkan oleh 777" in listing

    assert "bukan staf lagi" in desk.remove_staff(ADMIN, 1001).plain()
    assert "bukan staf." in desk.remove_staff(ADMIN, 1001).plain()
    assert "ADMIN_IDS" in desk.remove_staff(ADMIN, ADMIN).plain()
    assert not roles.is_staff(service.engine, settings, 1001)
    assert staffops.parse_staff_args(["tambah", "1001", "Sari", "Dewi"]) == ("add", 1001, "Sari Dewi")
    assert staffops.parse_staff_args(["hapus"]) == ("remove", None, "")


def test_a_preview_is_applied_once_by_its_uploader_or_discarded(any_service: Service) -> None:
    service = any_service
    desk = StaffDesk(service)
    data = b"tahun,wilayah,program,jumlah_kk\n2023,Lingga,UEP,25\n"
    roles.add_staff(service.engine, 1001, added_by=ADMIN, name="Sari")
    preview = desk.receive_file(user_id=1001, chat_id=1001, actor="Sari (tg:1001)", filename="u.csv", data=data)
    roles.remove_staff(service.engine, 1001)
    assert [c.label for c in preview.choices] == ["✅ Terapkan", "✖️ Batal"]
    token = preview.choices[0].action.removeprefix(staffops.APPLY)
    assert preview.choices[1].action == staffops.CANCEL + token and len(preview.choices[0].action) <= 64

    assert desk.confirm(token, 2002).intent == "import_other"
    assert figure(service, 2023, "UEP", LINGGA) is None
    applied = desk.confirm(token, 1001)  # the uploader is not staff (any more): refused, nothing applied
    assert applied.intent == "refused" and figure(service, 2023, "UEP", LINGGA) is None

    roles.add_staff(service.engine, 1001, added_by=ADMIN, name="Sari")
    preview = desk.receive_file(user_id=1001, chat_id=1001, actor="Sari (tg:1001)", filename="u.csv", data=data)
    token = preview.choices[0].action.removeprefix(staffops.APPLY)
    assert "tahun 2022" in ask(service, "UEP di Lingga")
    applied = desk.confirm(token, 1001)
    assert applied.intent == "import_applied", applied.plain()
    assert figure(service, 2023, "UEP", LINGGA) == 25
    assert "tahun 2023" in ask(service, "UEP di Lingga")  # no 2-second wait: the desk invalidated the cache
    assert desk.confirm(token, 1001).intent == "import_stale"  # a second press applies nothing
    with Session(service.engine) as session:
        assert len(session.exec(select(ImportBatch).where(ImportBatch.filename == "u.csv")).all()) == 1
        assert session.exec(select(PendingImport)).all() == []

    cancelled = desk.receive_file(
        user_id=1001, chat_id=1001, actor="x", filename="v.csv", data=data.replace(b"25", b"30")
    )
    token = cancelled.choices[0].action.removeprefix(staffops.APPLY)
    assert desk.cancel(token, 1001).intent == "import_cancelled"
    assert desk.confirm(token, 1001).intent == "import_stale"
    assert figure(service, 2023, "UEP", LINGGA) == 25


def test_a_preview_made_stale_by_another_import_is_shown_again(service: Service) -> None:
    roles.add_staff(service.engine, 1001, added_by=ADMIN)
    desk = StaffDesk(service)
    data = b"tahun,wilayah,program,jumlah_kk\n2023,Lingga,UEP,25\n"
    token = desk.receive_file(user_id=1001, chat_id=1001, actor="a", filename="a.csv", data=data).choices[0].action
    token = token.removeprefix(staffops.APPLY)
    other = plan_import(
        service.engine, b"tahun,wilayah,program,jumlah_kk\n2023,Lingga,UEP,9\n", "b.csv", service.row_parser()
    )
    apply_plan(service.engine, other, "b")

    again = desk.confirm(token, 1001)
    assert again.intent == "import_preview" and "berubah sejak pratinjau" in again.plain()
    assert "9 → 25" in again.plain() and figure(service, 2023, "UEP", LINGGA) == 9
    assert desk.confirm(token, 1001).intent == "import_applied"
    assert figure(service, 2023, "UEP", LINGGA) == 25


def test_an_expired_preview_cannot_be_applied(service: Service) -> None:
    roles.add_staff(service.engine, 1001, added_by=ADMIN)
    token = staffops.store_pending(
        service.engine,
        user_id=1001,
        chat_id=1001,
        actor="a",
        filename="a.csv",
        data=b"tahun,wilayah,program,jumlah_kk\n2023,Lingga,UEP,25\n",
        sha256="0" * 64,
        data_version=service.data_version(),
        now=staffops.utcnow() - staffops.PENDING_TTL - timedelta(minutes=1),
    )
    assert StaffDesk(service).confirm(token, 1001).intent == "import_stale"
    assert figure(service, 2023, "UEP", LINGGA) is None


def test_uploads_of_other_types_or_too_big_are_refused_before_download(service: Service) -> None:
    desk = StaffDesk(service)
    assert desk.check_upload("data.csv", 1000) is None and desk.check_upload("Data.XLSX", 1000) is None
    assert "xlsx" in desk.check_upload("lama.xls", 1000).plain()
    assert "CSV atau XLSX" in desk.check_upload("foto.jpg", 1000).plain()
    assert "5 MB" in desk.check_upload("besar.csv", 6 * 1024 * 1024).plain()


# ---- the command line --------------------------------------------------------------------------------------------
def test_the_command_line_imports_dry_runs_audits_and_exports(template: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    shutil.copy(template, store)
    env = _cli_env(store)
    good = tmp_path / "lingga 2023.xlsx"
    good.write_bytes(xlsx([["tahun", "wilayah", "program", "jumlah_kk"], [2023, "Lingga", "BSKK", 3100]]))
    bad = tmp_path / "salah.csv"
    bad.write_bytes(b"tahun;wilayah;program;jumlah_kk\n2023;Lingga;BSKK;-1\n2023;Atlantis;BSKK;1\n")

    def run(*commands: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
        """Run the commands (in-process: what they print and return is the point here, not the process)."""
        return [run_cli_in_process(c, env, tmp_path) for c in commands]

    dry, refused, missing = run(
        ("import", str(good), "--dry-run"), ("import", str(bad)), ("import", str(tmp_path / "missing.csv"))
    )
    assert dry.returncode == 0 and "1 baru" in dry.stdout and "tidak ada yang disimpan" in dry.stdout, dry.stderr
    assert refused.returncode == 1 and "baris 2" in refused.stdout and "baris 3" in refused.stdout
    assert missing.returncode == 2 and "missing.csv" in missing.stderr
    (done,) = run(("import", str(good), "--actor", "Sari"))
    assert done.returncode == 0 and "Diterapkan" in done.stdout, done.stdout + done.stderr
    audit, export = run(("audit", "--limit", "3"), ("export", "--format", "xlsx", "--output", str(tmp_path / "o.xlsx")))
    assert "Sari, berkas lingga 2023.xlsx" in audit.stdout and "baru → 3.100" in audit.stdout, audit.stdout
    assert export.returncode == 0 and load_workbook(tmp_path / "o.xlsx").active["A1"].value == "tahun"
    with Session(get_engine(f"sqlite:///{store}")) as session:
        assert inspect(session.get_bind()).has_table("staff")
        assert len(session.exec(select(ImportBatch)).all()) == 2  # the seed and lingga 2023.xlsx
    dispose_engine(f"sqlite:///{store}")


def test_the_template_in_data_is_a_valid_import_file(service: Service) -> None:
    template = ROOT / "data" / "templates" / "contoh-impor.csv"
    plan = plan_import(service.engine, template.read_bytes(), template.name, service.row_parser())
    assert plan.ok and plan.rows, describe_problems(plan)
