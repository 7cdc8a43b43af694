"""The bulk import of large CSV files from the command line (``tanyabansos import FILE``, streamed, set-based): all or
nothing, a dry run that changes nothing, re-importing the same file changes nothing, and answers use the new figures
— on SQLite and PostgreSQL, through the command line run in-process."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.cli.bulk import wants_bulk
from bot.imports.bulk import bulk_import
from bot.imports.plan import MAX_ROWS
from bot.services import Service
from models.db import dispose_engine, get_engine
from tests.conftest import make_settings, run_cli_in_process

TABLES = ("coverage", "auditlog", "importbatch", "meta", "source", "rollup")
KABKOTA = ["21.01", "21.02", "21.03", "21.04", "21.05", "21.71", "21.72"]
PROGRAMS = ["BSKK", "PMKS", "UEP", "KUBE"]
YEARS = [2019, 2020, 2021, 2023]


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, seeded_template: Path, tmp_path: Path) -> Iterator[str]:
    """A seeded store of this test's own (2022 figures), on each backend."""
    if request.param == "postgresql":
        yield request.getfixturevalue("pg_seeded_url")
        return
    shutil.copy(seeded_template, tmp_path / "store.sqlite3")
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    try:
        yield url
    finally:
        dispose_engine(url)


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    out = {}
    with engine.connect() as conn:
        for name in TABLES:
            out[name] = sorted((tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}"')).all()), key=repr)
    return out


def generated_rows() -> list[list[str]]:
    """Every kab/kota × program × year of YEARS with a figure made from its position (names and codes mixed)."""
    rows = []
    for y, year in enumerate(YEARS):
        for k, code in enumerate(KABKOTA):
            for p, program in enumerate(PROGRAMS):
                region = code if (k + p) % 3 else {"21.04": "Lingga", "21.71": "Kota Batam"}.get(code, code)
                rows.append([str(year), region, program, str(100 + 37 * y + 11 * k + p)])
    return rows


def write_csv(path: Path, rows: list[list[str]], header: str = "tahun;wilayah;program;jumlah_kk") -> Path:
    path.write_text("\n".join([header, *(";".join(r) for r in rows)]) + "\n", encoding="utf-8")
    return path


def cli(url: str, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli_in_process(args, {"DATABASE_URL": url}, folder)


def test_a_large_csv_goes_the_streaming_way_and_a_small_one_or_an_xlsx_the_chat_way(tmp_path: Path) -> None:
    small = write_csv(tmp_path / "kecil.csv", generated_rows())
    large = tmp_path / "besar.csv"
    large.write_text("tahun,wilayah,program,jumlah_kk\n" + "2023,21.01,BSKK,1\n" * (MAX_ROWS + 1), encoding="utf-8")
    assert not wants_bulk(small, False) and wants_bulk(small, True)
    assert wants_bulk(large, False)
    assert not wants_bulk(tmp_path / "lembar.xlsx", True)


def test_bulk_import_is_all_or_nothing_previewed_idempotent_and_answered(store_url: str, tmp_path: Path) -> None:
    engine = get_engine(store_url)
    rows = generated_rows()
    before = snapshot(engine)

    bad = write_csv(tmp_path / "salah di akhir.csv", [*rows, ["2023", "Atlantis", "BSKK", "12"]])
    refused = cli(store_url, tmp_path, "import", str(bad), "--bulk")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert f"baris {len(rows) + 2}" in refused.stdout and "Atlantis" in refused.stdout
    assert "tidak ada angka yang berubah" in refused.stdout
    assert snapshot(engine) == before

    good = write_csv(tmp_path / "angka.csv", rows)
    dry = cli(store_url, tmp_path, "import", str(good), "--bulk", "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert f"{len(rows)} baru, 0 berubah, 0 tetap" in dry.stdout and "tidak ada yang disimpan" in dry.stdout
    assert snapshot(engine) == before

    done = cli(store_url, tmp_path, "import", str(good), "--bulk", "--actor", "Sari")
    assert done.returncode == 0 and "Diterapkan sebagai impor #2" in done.stdout, done.stdout + done.stderr
    after = snapshot(engine)
    assert len(after["coverage"]) == len(before["coverage"]) + len(rows)
    assert len(after["auditlog"]) == len(before["auditlog"]) + len(rows)

    again = cli(store_url, tmp_path, "import", str(good), "--bulk")
    assert again.returncode == 0 and f"Tidak ada perubahan: {len(rows)} angka sama" in again.stdout, again.stdout
    assert snapshot(engine) == after

    lingga_2021 = next(int(r[3]) for r in rows if r[0] == "2021" and r[1] in ("21.04", "Lingga") and r[2] == "UEP")
    answer = cli(store_url, tmp_path, "ask", "berapa KK penerima UEP di Lingga tahun 2021?")
    assert f"{lingga_2021} KK" in answer.stdout, answer.stdout

    changed = [[*r[:3], str(int(r[3]) + 1)] if r[0] == "2023" and r[2] == "BSKK" else r for r in rows]
    changed.append(["2022", "21.04", "UEP", "hapus"])
    update = cli(store_url, tmp_path, "import", str(write_csv(tmp_path / "ubah.csv", changed)), "--bulk")
    n = len(KABKOTA)
    assert f"0 baru, {n} berubah, {len(rows) - n} tetap. 1 dihapus." in update.stdout, update.stdout
    batam_2023 = next(
        int(r[3]) for r in changed if r[0] == "2023" and r[1] in ("21.71", "Kota Batam") and r[2] == "BSKK"
    )
    answer = cli(store_url, tmp_path, "ask", "berapa KK BSKK di Batam tahun 2023?")
    assert f"{batam_2023:,}".replace(",", ".") + " KK" in answer.stdout, answer.stdout
    with engine.connect() as conn:
        audit = conn.execute(
            text("SELECT old_value, new_value, actor FROM auditlog WHERE region_code = '21.71' AND year = 2023 "
                 "AND program_code = 'BSKK' ORDER BY id")
        ).all()  # fmt: skip
        rollup = conn.execute(
            text("SELECT households FROM rollup WHERE region_code = '21' AND year = 2023 AND program_code = 'BSKK'")
        ).scalar_one()
    assert [a[:2] for a in audit] == [(None, batam_2023 - 1), (batam_2023 - 1, batam_2023)]
    assert audit[0][2] == "Sari"
    assert rollup == sum(int(r[3]) for r in changed if r[0] == "2023" and r[2] == "BSKK")


def test_duplicates_across_chunks_and_wildcard_removals_are_found_in_sql(store_url: str, tmp_path: Path) -> None:
    service = Service(make_settings(store_url), setup=False)
    parser = service.row_parser()
    rows = generated_rows()
    engine = service.engine
    before = snapshot(engine)
    twice = write_csv(tmp_path / "ganda.csv", [*rows, rows[0]])
    result = bulk_import(engine, twice, parser, "test", chunk_rows=5)
    assert not result.ok and result.errors == 1 and result.batch is None
    assert [(p.row, p.message) for p in result.problems] == [(len(rows) + 2, "baris ganda: sama dengan baris 2.")]
    assert snapshot(engine) == before

    applied = bulk_import(engine, write_csv(tmp_path / "angka.csv", rows), parser, "test", chunk_rows=7)
    assert applied.ok and applied.count("added") == len(rows) and applied.batch is not None
    wipe = write_csv(tmp_path / "hapus.csv", [["2023", "*", "*", "hapus"], ["2024", "21.01", "BSKK", "hapus"]])
    stored = snapshot(engine)
    dry = bulk_import(engine, wipe, parser, "test", dry_run=True)
    assert dry.count("removed") == len(KABKOTA) * len(PROGRAMS) and dry.count("absent") == 1
    assert [p.row for p in dry.problems if p.severity == "warning"] == [3]
    assert snapshot(engine) == stored
    removed = bulk_import(engine, wipe, parser, "test")
    assert removed.batch is not None and removed.batch.removed == len(KABKOTA) * len(PROGRAMS)
    with engine.connect() as conn:
        left = conn.execute(text("SELECT COUNT(*) FROM coverage WHERE year = 2023")).scalar_one()
        rollups = conn.execute(text("SELECT COUNT(*) FROM rollup WHERE year = 2023")).scalar_one()
    assert left == 0 and rollups == 0
    dispose_engine(store_url)


def test_bulk_and_chat_imports_find_the_same_problems_and_changes_at_every_level(
    store_url: str, tmp_path: Path
) -> None:
    """The same file through the chat import's plan and the bulk import (dry run): the same counts, and the same
    warnings and notes (a kecamatan below its desa, a kab/kota not broken down, a grand total off, a removal of
    nothing) with the same rows."""
    from bot.imports import plan_import

    service = Service(make_settings(store_url), setup=False)
    parser = service.row_parser()
    path = write_csv(
        tmp_path / "tingkat.csv",
        [
            ["2024", "21.04.01", "BSKK", "50"],
            ["2024", "21.04.01.1001", "BSKK", "30"],
            ["2024", "21.04.01.1007", "BSKK", "40"],
            ["2024", "21.04.02", "UEP", "7"],
            ["2024", "21.04", "UEP", "20"],
            ["2024", "21", "SEMUA", "1"],
            ["2022", "21.71", "BSKK", "2500"],
            ["2022", "21.01", "PMKS", "hapus"],
            ["2021", "21.01", "PMKS", "hapus"],
        ],
    )
    plan = plan_import(service.engine, path.read_bytes(), path.name, parser)
    bulk = bulk_import(service.engine, path, parser, "test", dry_run=True)
    assert plan.ok and bulk.ok and bulk.batch is None
    for status in ("added", "changed", "unchanged", "removed", "absent"):
        assert bulk.count(status) == plan.count(status), status
    found = sorted((p.row or 0, p.severity, p.message) for p in bulk.problems)
    expected = sorted((p.row or 0, p.severity, p.message) for p in plan.problems)
    assert found == expected
    assert {p.severity for p in plan.problems} == {"warning", "note"}
    assert [c.row.key for c in bulk.sample] == [c.row.key for c in plan.changes if c.status != "unchanged"
                                                and c.status != "absent"]  # fmt: skip
    dispose_engine(store_url)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("cp1252", b"sep=;\n"), ("utf-16", b""), ("utf-8-sig", b"")],
)
def test_the_stream_reads_what_excel_writes(
    seeded_template: Path, tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    """Windows-1252 with Excel's separator hint, UTF-16 and UTF-8 with a BOM, Indonesian thousands, a title row
    above the header, a note with an accent: read line by line like the chat import reads them whole."""
    shutil.copy(seeded_template, tmp_path / "store.sqlite3")
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    text_rows = "Angka bansos 2023\ntahun;wilayah;program;jumlah_kk;catatan\n2023;Lingga;BSKK;1.234;dicek café\n"
    path = tmp_path / "excel.csv"
    path.write_bytes(prefix + text_rows.encode(encoding))
    done = cli(url, tmp_path, "import", str(path), "--bulk")
    assert done.returncode == 0 and "1 baru" in done.stdout, done.stdout + done.stderr
    with get_engine(url).connect() as conn:
        row = conn.execute(
            text("SELECT households, note FROM coverage WHERE year = 2023 AND region_code = '21.04'")
        ).one()
    assert tuple(row) == (1234, "dicek café")
    missing = cli(url, tmp_path, "import", str(tmp_path / "tidak-ada.csv"))
    assert missing.returncode == 2 and "tidak-ada.csv" in missing.stderr
    dispose_engine(url)


def schema_of(engine: Engine, table: str) -> list[tuple]:
    """The indexes and constraints of ``table`` as the database itself describes them."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            indexes = conn.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                     "AND tablename = :t ORDER BY indexname"), {"t": table}
            ).all()  # fmt: skip
            constraints = conn.execute(
                text("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                     "WHERE conrelid = CAST(:t AS regclass) ORDER BY conname"), {"t": table}
            ).all()  # fmt: skip
            return [tuple(r) for r in indexes] + [tuple(r) for r in constraints]
        rows = conn.execute(
            text("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = :t ORDER BY name"), {"t": table}
        ).all()
        return [tuple(r) for r in rows]


def test_a_large_import_into_a_smaller_store_rebuilds_the_indexes_and_leaves_them_as_they_were(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the threshold (lowered here) the indexes and constraints of coverage and auditlog are dropped and made
    again inside the transaction: the same definitions after an applied import, a dry run and a refused file, and
    the figures, audit rows and answers as without."""
    import bot.imports.bulk as bulk

    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 10)
    service = Service(make_settings(store_url), setup=False)
    engine = service.engine
    schema = {t: schema_of(engine, t) for t in ("coverage", "auditlog")}
    statements: list[str] = []

    def seen(_conn, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()))

    from sqlalchemy import event

    event.listen(engine, "before_cursor_execute", seen)
    try:
        rows = generated_rows()
        before = snapshot(engine)
        dry = bulk_import(engine, write_csv(tmp_path / "a.csv", rows), service.row_parser(), "t", dry_run=True)
        assert dry.ok and dry.count("added") == len(rows) and snapshot(engine) == before
        assert any(s.startswith("DROP INDEX") for s in statements)
        assert {t: schema_of(engine, t) for t in schema} == schema
        done = bulk_import(engine, write_csv(tmp_path / "a.csv", rows), service.row_parser(), "t")
        assert done.batch is not None and done.count("added") == len(rows)
        assert {t: schema_of(engine, t) for t in schema} == schema
        after = snapshot(engine)
        assert len(after["coverage"]) == len(before["coverage"]) + len(rows)
        assert len(after["auditlog"]) == len(before["auditlog"]) + len(rows)
        # Every figure corrected: SQLite updates in place (no index holds the changed columns); PostgreSQL deletes
        # and inserts them again around a rebuild, so the new indexes serve the rest of the transaction.
        statements.clear()
        corrected = [[*r[:3], str(int(r[3]) + 1)] for r in rows] + [["2025", "21.01", "UEP", "3"]]
        fixed = bulk_import(engine, write_csv(tmp_path / "b.csv", corrected), service.row_parser(), "t")
        assert fixed.batch is not None and fixed.count("changed") == len(rows)
        postgres = engine.dialect.name == "postgresql"
        assert any(s.startswith('DROP INDEX "ix_coverage') for s in statements) == postgres
        assert any(s.startswith("UPDATE coverage") for s in statements) != postgres
        assert {t: schema_of(engine, t) for t in schema} == schema
        if postgres:  # every index usable by the rest of an import's transaction
            with engine.connect() as conn:
                assert not conn.execute(
                    text("SELECT bool_or(indcheckxmin) FROM pg_index WHERE indrelid = CAST('coverage' AS regclass)")
                ).scalar_one()
        with engine.connect() as conn:
            stored = conn.execute(
                text("SELECT SUM(households) FROM coverage WHERE year IN (2019, 2020, 2021, 2023)")
            ).scalar_one()
        assert stored == sum(int(r[3]) for r in corrected if r[0] != "2025")
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    # the rebuilt unique key still holds: a duplicate figure cannot be stored
    with engine.connect() as conn, pytest.raises(IntegrityError):
        conn.execute(
            text("INSERT INTO coverage (year, program_code, region_code, kind, households, note, updated_at, "
                 "level, province_code) SELECT year, program_code, region_code, kind, 1, '', updated_at, level, "
                 "province_code FROM coverage WHERE year = 2023 LIMIT 1")
        )  # fmt: skip
    dispose_engine(store_url)


def test_the_undo_of_a_bulk_import_puts_every_figure_back_in_one_step(store_url: str, tmp_path: Path) -> None:
    """A bulk import that adds, changes and removes figures, undone from the command line (set-based): coverage
    and rollups exactly as before, one audit row per figure, and the undo itself undoable."""
    engine = get_engine(store_url)
    rows = generated_rows()
    first = cli(store_url, tmp_path, "import", str(write_csv(tmp_path / "a.csv", rows)), "--bulk")
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(engine)
    changed = [[*r[:3], str(int(r[3]) + 5)] if r[2] == "UEP" else r for r in rows]
    changed += [["2022", "21.04", "UEP", "hapus"], ["2025", "21.04.01.1001", "KUBE", "9"]]
    second = cli(store_url, tmp_path, "import", str(write_csv(tmp_path / "b.csv", changed)), "--bulk")
    assert second.returncode == 0 and "1 dihapus" in second.stdout, second.stdout
    dry = cli(store_url, tmp_path, "import", "undo", "--last", "--dry-run")
    n = len(KABKOTA) * len(YEARS) + 2
    assert dry.returncode == 0 and f"{n} angka kembali" in dry.stdout, dry.stdout + dry.stderr
    undo = cli(store_url, tmp_path, "import", "undo", "--last")
    assert undo.returncode == 0, undo.stdout + undo.stderr
    after = snapshot(engine)
    # coverage: (year, program, region, kind, households, note, source); rollup: (year, program, region, households)
    assert sorted(r[1:8] for r in after["coverage"]) == sorted(r[1:8] for r in before["coverage"])
    assert sorted(r[:3] + r[5:6] for r in after["rollup"]) == sorted(r[:3] + r[5:6] for r in before["rollup"])
    with engine.connect() as conn:
        last = conn.execute(text("SELECT MAX(id) FROM importbatch")).scalar_one()
        audit = conn.execute(text("SELECT COUNT(*) FROM auditlog WHERE batch_id = :b"), {"b": last}).scalar_one()
        batch = conn.execute(
            text("SELECT added, changed, removed, undoes_id FROM importbatch WHERE id = :b"), {"b": last}
        ).one()
    assert audit == n and tuple(batch) == (1, n - 2, 1, last - 1)
    again = cli(store_url, tmp_path, "import", "undo", "--last")  # the undo of the undo: the second import again
    assert again.returncode == 0, again.stdout + again.stderr
    dispose_engine(store_url)


def test_notes_and_sources_with_tabs_backslashes_and_line_breaks_are_stored_as_written(
    store_url: str, tmp_path: Path
) -> None:
    """The rows are staged in COPY's text format on PostgreSQL (escaped by hand): what a cell holds is what is
    stored, on both backends."""
    note = 'dua baris:\nC:\\data\\bansos\tkolom "kutip"'
    source = "BPS\\Kepri\t2023"
    path = tmp_path / "catatan.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        import csv

        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["tahun", "wilayah", "program", "jumlah_kk", "catatan", "sumber"])
        writer.writerow(["2023", "21.04", "BSKK", "12", note, source])
        writer.writerow(["2023", "21.01", "BSKK", "13", "", ""])
    service = Service(make_settings(store_url), setup=False)
    done = bulk_import(service.engine, path, service.row_parser(), "test")
    assert done.batch is not None and done.count("added") == 2, done.problems
    with service.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT c.region_code, c.note, s.title FROM coverage c JOIN source s ON s.id = c.source_id "
                 "WHERE c.year = 2023 AND c.program_code = 'BSKK' ORDER BY c.region_code")
        ).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [("21.01", "", "Data yang diimpor staf"), ("21.04", note, source)]
    dispose_engine(store_url)
