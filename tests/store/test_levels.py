"""Figures at every level: the place columns and rollups of migration 0007, imports of kecamatan and desa rows,
consistency of a parent with its children, answers from the database (SQLite, and PostgreSQL when it answers)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, event, insert, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from benchmarks.level_figures import CountingConnection, CountingCursor  # the benchmark's counting cursor
from bot import staff as staffops
from bot.digests.compose import snapshot_of
from bot.figures.facts import load_facts
from bot.figures.levels import LevelReader
from bot.figures.rollups import refresh_rollups
from bot.imports import ImportPlan, apply_plan, plan_import
from bot.imports.undo import apply_undo
from bot.services import Service, ensure_database
from bot.staff.export import export_rows
from models.db import alembic_config, dispose_engine, get_engine
from models.tables import Coverage, coverage_levels
from tests.conftest import ROOT, copy_store, make_settings, run_cli_in_process

KEPRI = "21"
LINGGA = "21.04"


def rows(engine: Engine, sql: str, **params: object) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def first_kecamatan_and_desa(engine: Engine, kab: str) -> tuple[str, list[str]]:
    kec = rows(engine, "SELECT min(code) FROM region WHERE parent_code = :p", p=kab)[0][0]
    desa = [r[0] for r in rows(engine, "SELECT code FROM region WHERE parent_code = :p ORDER BY code", p=kec)]
    return kec, desa


# ---- migration 0007 ------------------------------------------------------------------------------------------------
def test_migration_0007_backfills_the_place_columns_and_the_rollups_of_rows_already_stored(db_url: str) -> None:
    engine = get_engine(db_url)
    ensure_database(engine, make_settings(db_url))
    cfg = alembic_config(engine)
    command.downgrade(cfg, "0006")
    kec, desa = first_kecamatan_and_desa(engine, LINGGA)
    with engine.begin() as conn:  # rows as a 0006 store could hold them (written straight into the table)
        for i, code in enumerate(desa[:3]):
            conn.execute(
                text(
                    "INSERT INTO coverage (year, program_code, region_code, kind, households, note, updated_at) "
                    "VALUES (2021, 'BSKK', :code, 'wilayah', :kk, '', CURRENT_TIMESTAMP)"
                ),
                {"code": code, "kk": 10 + i},
            )

    command.upgrade(cfg, "head")

    places = "SELECT level, province_code, kab_code, kec_code FROM coverage WHERE region_code = :c"
    assert rows(engine, places, c=LINGGA)[0] == (2, KEPRI, LINGGA, None)
    assert rows(engine, "SELECT DISTINCT level, province_code, kab_code, kec_code FROM coverage WHERE year = 2021") == [
        (4, KEPRI, LINGGA, kec)
    ]
    assert set(rows(engine, "SELECT DISTINCT level, kab_code FROM coverage WHERE region_code = :c", c=KEPRI)) == {
        (1, None)
    }
    rollups = rows(
        engine,
        "SELECT region_code, level, households, children FROM rollup WHERE year = 2021 ORDER BY level DESC",
    )
    assert rollups == [(kec, 3, 33, 3), (LINGGA, 2, 33, 1), (KEPRI, 1, 33, 1)]
    # 2022: the province is the sum of its kab/kota's own rows (the seed's BSKK: 5 kab/kota, 11,638 KK)
    assert rows(
        engine, "SELECT households, children FROM rollup WHERE year = 2022 AND program_code = 'BSKK' AND level = 1"
    ) == [(11_638, 5)]
    assert rows(engine, "SELECT count(*) FROM coverage WHERE level = 0 OR province_code = ''") == [(0,)]
    assert rows(engine, "SELECT sum(rows) FROM coveragestat") == rows(engine, "SELECT count(*) FROM coverage")

    command.downgrade(cfg, "0006")
    command.upgrade(cfg, "head")
    assert rows(engine, "SELECT count(*) FROM rollup WHERE year = 2021") == [(3,)]


# ---- imports at every level ----------------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def any_service(request: pytest.FixtureRequest) -> Service:
    if request.param == "sqlite":
        return request.getfixturevalue("service")
    return Service(make_settings(request.getfixturevalue("pg_seeded_url")), setup=False)


def import_csv(service: Service, lines: list[str], name: str = "rinci.csv", *, strict: bool = False) -> ImportPlan:
    data = ("tahun;wilayah;program;jumlah_kk\n" + "\n".join(lines) + "\n").encode()
    return plan_import(service.engine, data, name, service.row_parser(), strict=strict)


def rollup(engine: Engine, year: int, program: str = "BSKK") -> dict[str, tuple[int, int]]:
    found = rows(
        engine,
        "SELECT region_code, households, children FROM rollup WHERE year = :y AND program_code = :p",
        y=year,
        p=program,
    )
    return {code: (kk, children) for code, kk, children in found}


def test_kecamatan_and_desa_rows_are_imported_by_code_or_name_and_summed_upward_until_undone(
    any_service: Service,
) -> None:
    engine = any_service.engine
    kec, desa = first_kecamatan_and_desa(engine, LINGGA)
    other_kec = rows(engine, "SELECT max(code) FROM region WHERE parent_code = :p", p=LINGGA)[0][0]
    name = rows(engine, "SELECT name FROM region WHERE code = :c", c=desa[2])[0][0]
    plan = import_csv(
        any_service, [f"2023;{desa[0]};BSKK;10", f"2023;{desa[1].replace('.', '')};BSKK;20", f"2023;Desa {name};BSKK;3"]
    )
    assert plan.ok, plan.problems
    assert {r.region_code for r in plan.rows} == set(desa[:3])
    first = apply_plan(engine, plan, "cli:test")
    assert first is not None
    assert rows(engine, "SELECT level, kab_code, kec_code FROM coverage WHERE region_code = :c", c=desa[0]) == [
        (4, LINGGA, kec)
    ]
    assert rollup(engine, 2023) == {kec: (33, 3), LINGGA: (33, 1), KEPRI: (33, 1)}

    second = apply_plan(engine, import_csv(any_service, [f"2023;Kecamatan {kec_name(engine, other_kec)};BSKK;5"]), "x")
    assert second is not None
    assert rollup(engine, 2023) == {kec: (33, 3), LINGGA: (38, 2), KEPRI: (38, 1)}
    # the kecamatan's own figure stands for it, not the sum of its desa
    apply_plan(engine, import_csv(any_service, [f"2023;{kec};BSKK;40"]), "x")
    assert rollup(engine, 2023)[LINGGA] == (45, 2)

    apply_undo(engine, rows(engine, "SELECT max(id) FROM importbatch")[0][0], "x")
    apply_undo(engine, second.id or 0, "x")
    assert rollup(engine, 2023) == {kec: (33, 3), LINGGA: (33, 1), KEPRI: (33, 1)}
    apply_undo(engine, first.id or 0, "x")
    assert rollup(engine, 2023) == {}
    assert rollup(engine, 2022)[KEPRI] == (11_638, 5)  # other years untouched


def kec_name(engine: Engine, code: str) -> str:
    return rows(engine, "SELECT name FROM region WHERE code = :c", c=code)[0][0]


# What LevelReader read before it was one statement restricted to the year answered: every year's rows of the region,
# its rollups and the sources of every desa row below a kecamatan (the oracle of the test below).
EVERY_YEAR = (
    "SELECT c.year, c.program_code, c.households, s.key, 0 FROM coverage c "
    "LEFT JOIN source s ON s.id = c.source_id WHERE c.region_code = :r AND c.kind = 'wilayah' "
    "UNION ALL SELECT year, program_code, households, NULL, children FROM rollup WHERE region_code = :r "
    "UNION ALL SELECT DISTINCT c.year, c.program_code, 0, s.key, -1 FROM coverage c "
    "JOIN source s ON s.id = c.source_id WHERE c.kec_code = :r AND c.kind = 'wilayah' AND c.level > 3"
)


def every_year(engine: Engine, region: str, year: int | None) -> tuple[list[int], int | None, dict[str, tuple]]:
    found = rows(
        engine,
        EVERY_YEAR if len(region.split(".")) == 3 else EVERY_YEAR.split(" UNION ALL SELECT DISTINCT")[0],
        r=region,
    )
    years = sorted({y for y, *_ in found})
    chosen = year if year is not None else (years[-1] if years else None)
    own = {p: (kk, 0, (key,) if key else ()) for y, p, kk, key, n in found if y == chosen and n == 0}
    below: dict[str, set[str]] = {}
    for y, p, _kk, key, n in found:
        if y == chosen and n < 0 and key:
            below.setdefault(p, set()).add(key)
    summed = {p: (kk, n, tuple(sorted(below.get(p, ())))) for y, p, kk, _k, n in found if y == chosen and n > 0}
    return years, chosen, {**summed, **own}


def test_a_kecamatan_is_read_in_one_statement_with_the_sources_of_the_year_answered_only(any_service: Service) -> None:
    engine = any_service.engine
    kec, desa = first_kecamatan_and_desa(engine, LINGGA)
    lines = [
        f"2021;{desa[0]};BSKK;10;Laporan A",
        f"2021;{desa[1]};BSKK;5;Laporan B",
        f"2023;{desa[0]};BSKK;7;Laporan C",
        f"2023;{desa[1]};PMKS;4;Laporan A",
        f"2023;{desa[0]};UEP;3;Laporan E",
        f"2023;{kec};UEP;50;Laporan D",  # the kecamatan's own figure stands for it, with its own source
    ]
    data = ("tahun;wilayah;program;jumlah_kk;sumber\n" + "\n".join(lines) + "\n").encode()
    plan = plan_import(engine, data, "rinci.csv", any_service.row_parser())
    assert plan.ok, plan.problems
    assert apply_plan(engine, plan, "cli:test") is not None
    reader = LevelReader(engine)
    checkouts: list[object] = []
    event.listen(engine.pool, "checkout", lambda *args: checkouts.append(args))
    latest = reader.region(kec)
    assert (latest.years, latest.chosen) == ([2021, 2023], 2023)
    summed = {p: (f.households, f.summed_from, len(f.sources)) for p, f in latest.figures.items()}
    assert summed == {"BSKK": (7, 1, 1), "PMKS": (4, 1, 1), "UEP": (50, 0, 1)}
    assert reader.region(kec, 2021).figures["BSKK"].households == 15
    assert len(reader.region(kec, 2021).figures["BSKK"].sources) == 2
    assert reader.region(kec, 2022).figures == {}
    read = {(r, y): reader.region(r, y) for r in (kec, desa[0], desa[1], desa[2]) for y in (None, 2021, 2022, 2023)}
    assert len(checkouts) == 1  # one connection kept: no pool checkout (pre-ping, BEGIN, ROLLBACK) per question
    for (region, year), got in read.items():
        figures = {p: (f.households, f.summed_from, f.sources) for p, f in got.figures.items()}
        assert (got.years, got.chosen, figures) == every_year(engine, region, year), (region, year)
    reader.close()


def test_a_name_several_desa_share_is_refused_with_them_and_the_parent_after_a_comma_resolves_it(
    service: Service,
) -> None:
    plan = import_csv(service, ["2023;Air Putih;BSKK;5", '2023;"Desa Air Putih, Natuna";BSKK;6'])
    assert [(p.row, p.message) for p in plan.errors] == [
        (
            2,
            "wilayah “Air Putih” adalah nama 2 wilayah: Desa Air Putih (21.03.04.2005), Kecamatan Midai, Kabupaten "
            "Natuna; Desa Air Putih (21.05.03.2005), Kecamatan Siantan Timur, Kabupaten Kepulauan Anambas. Tulis "
            "kodenya, atau jenis dan induknya (misalnya “Desa Air Putih, Natuna”).",
        )
    ]
    assert [r.region_code for r in plan.rows] == ["21.03.04.2005"]


def test_children_summing_to_more_than_their_parent_are_an_error_for_the_seed_and_a_warning_for_staff(
    service: Service,
) -> None:
    kec, desa = first_kecamatan_and_desa(service.engine, LINGGA)  # Lingga BSKK 2022: 2,800 KK in the seed
    lines = [f"2022;{desa[0]};BSKK;2000", f"2022;{desa[1]};BSKK;1000"]

    strict = import_csv(service, lines, strict=True)
    message = (
        f"Kecamatan {kec_name(service.engine, kec)}, Kabupaten Lingga BSKK 2022: angkanya sendiri 2.800 KK, tetapi "
        "1 wilayah di bawahnya berjumlah 3.000 KK (lebih banyak)."
    )
    assert not strict.ok
    assert message.replace(f"Kecamatan {kec_name(service.engine, kec)}, ", "") in [p.message for p in strict.errors]

    lenient = import_csv(service, lines)
    assert lenient.ok
    assert "Kabupaten Lingga BSKK 2022: angkanya sendiri 2.800 KK, tetapi 1 wilayah di bawahnya berjumlah 3.000 KK" in (
        " ".join(p.message for p in lenient.warnings)
    )
    assert "3.000 KK (lebih banyak)" in staffops.preview_reply(lenient, service.facts, "t").plain()


def test_children_summing_to_less_than_their_parent_are_a_note_of_what_is_not_broken_down(service: Service) -> None:
    _kec, desa = first_kecamatan_and_desa(service.engine, LINGGA)
    plan = import_csv(service, [f"2022;{desa[0]};BSKK;1500", f"2022;{desa[1]};BSKK;500"], strict=True)

    assert plan.ok and not plan.warnings
    assert [p.message for p in plan.notes] == [
        "Kabupaten Lingga BSKK 2022: 800 dari 2.800 KK belum dirinci ke wilayah di bawahnya (1 wilayah berjumlah "
        "2.000 KK)."
    ]
    preview = staffops.preview_reply(plan, service.facts, "t").plain()
    assert "ℹ️ Kabupaten Lingga BSKK 2022: 800 dari 2.800 KK belum dirinci" in preview
    assert "Desa" in preview or "Kelurahan" in preview  # the figures are named with their kind


def test_another_province_in_the_store_is_never_summed_into_this_ones_totals(service: Service) -> None:
    """Re-importing Kepri's own seed into a store that also holds another province's figures stays consistent."""
    engine = service.engine
    with Session(engine) as session:  # Riau (14): a kab/kota figure, as an import of that province stores it
        session.add(Coverage(year=2022, program_code="BSKK", region_code="14.71", households=999))
        session.commit()
    seed = (ROOT / "data" / "figures" / KEPRI / "2022-harian-kepri.csv").read_bytes()
    plan = plan_import(engine, seed, "ulang.csv", service.row_parser(), strict=True)
    assert plan.ok, plan.errors


# ---- the facts snapshot reads no kecamatan or desa row ---------------------------------------------------------------
def counting_engine(path: Path) -> Engine:
    return create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(path, factory=CountingConnection, check_same_thread=False)
    )


def add_desa_rows(engine: Engine, years: range, programs: tuple[str, ...] = ("BSKK", "PMKS", "UEP", "KUBE")) -> int:
    """Every Kepri desa/kelurahan with a figure for each year and program (kk = a number from the code), written
    straight into the table as a bulk import does, then summed upward."""
    desa = [r[0] for r in rows(engine, "SELECT code FROM region WHERE province_code = :p AND level = 4", p=KEPRI)]
    now = datetime.now(UTC)
    records = [
        {
            "year": y,
            "program_code": p,
            "region_code": code,
            "kind": "wilayah",
            "households": int(code[-3:]) % 50 + 1,
            "note": "",
            "updated_at": now,
            **coverage_levels(code),
        }
        for y in years
        for p in programs
        for code in desa
    ]
    with Session(engine) as session:
        session.connection().execute(insert(Coverage), records)
        refresh_rollups(session, {KEPRI}, set(years), set(programs))
        session.commit()
    return len(records)


def test_the_facts_snapshot_reads_no_kecamatan_or_desa_row_and_kab_kota_answer_with_their_sum(
    seeded_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "store.sqlite3"
    shutil.copy(seeded_template, path)
    engine = counting_engine(path)
    data_dir = ROOT / "data"
    CountingCursor.fetched = 0
    before_facts = load_facts(engine, KEPRI, data_dir)
    before = CountingCursor.fetched

    added = add_desa_rows(engine, range(2019, 2022))
    CountingCursor.fetched = 0
    facts = load_facts(engine, KEPRI, data_dir)
    after = CountingCursor.fetched

    assert added > 4_000
    # the new rows reach the snapshot only as one sum per kab/kota, year and program (7 × 3 × 4) and their
    # coverage statistics (3 years × 4 programs)
    assert after - before <= 7 * 3 * 4 + 3 * 4
    lingga = rows(
        engine,
        "SELECT sum(households) FROM coverage WHERE kab_code = :k AND year = 2021 AND program_code = 'BSKK'",
        k=LINGGA,
    )[0][0]
    assert facts.cell(2021, "BSKK", LINGGA) == lingga
    assert facts.summed(2021, LINGGA) and not facts.summed(2022, LINGGA)
    every = rows(engine, "SELECT sum(households) FROM coverage WHERE year = 2021 AND program_code = 'BSKK'")[0][0]
    assert facts.program_total(2021, "BSKK") == every  # each desa counted once
    assert facts.province_total(2022) == before_facts.province_total(2022) == 58_849
    engine.dispose()


# ---- kecamatan and desa questions ----------------------------------------------------------------------------------
def test_a_desa_question_is_answered_with_that_desas_own_figure_through_the_command_line(
    seeded_template: Path, tmp_path: Path
) -> None:
    url = copy_store(seeded_template, tmp_path)
    env = {"DATABASE_URL": url}
    engine = get_engine(url)
    # a desa of Kecamatan Gunung Kijang (Bintan) whose name no other Kepri region has
    desa, name, kec = rows(
        engine,
        "SELECT d.code, d.name, k.name FROM region d JOIN region k ON k.code = d.parent_code "
        "WHERE d.code = '21.01.04.2002'",
    )[0]
    (tmp_path / "desa.csv").write_text(
        f"tahun;wilayah;program;jumlah_kk;sumber\n2021;Desa {name};BSKK;17;Laporan Desa {name}\n"
        f"2021;{desa};PMKS;40;Laporan Desa {name}\n",
        encoding="utf-8",
    )
    dispose_engine(url)
    imported = run_cli_in_process(["import", "desa.csv"], env, tmp_path)
    assert imported.returncode == 0, imported.stdout + imported.stderr

    answer = run_cli_in_process(["ask", f"berapa KK di desa {name}?"], env, tmp_path).stdout
    assert f"Desa {name} (Kecamatan {kec}, Kabupaten Bintan), tahun 2021: 57 KK penerima bantuan Dinsos." in answer
    assert "Kesejahteraan Keluarga: 17 KK" in answer and "PMKS: 40 KK" in answer
    assert f"Sumber: Laporan Desa {name}" in answer and "Data tahun 2021" in answer

    program = run_cli_in_process(["ask", f"PMKS di kecamatan {kec} tahun 2021"], env, tmp_path).stdout
    assert f"di Kecamatan {kec} (Kabupaten Bintan), tahun 2021: 40 KK" in program
    assert f"Angka {kec} adalah jumlah angka 1 desa/kelurahan di dalamnya." in program

    other_year = run_cli_in_process(["ask", f"berapa KK di desa {name} tahun 2022?"], env, tmp_path).stdout
    assert f"Desa {name} (Kecamatan {kec}, Kabupaten Bintan) tidak punya angka tahun 2022." in other_year
    assert "tersedia untuk tahun 2021" in other_year

    # a desa without a figure of its own: its kab/kota answers, as before, with the note
    other = rows(engine, "SELECT name FROM region WHERE code = '21.01.06.1008'")[0][0]  # Kijang Kota
    fallback = run_cli_in_process(["ask", f"berapa KK di desa {other}?"], env, tmp_path).stdout
    assert "Kabupaten Bintan, tahun 2022" in fallback and "Data tersedia per kab/kota" in fallback
    dispose_engine(url)


# ---- what else read every figure -------------------------------------------------------------------------------------
def test_export_holds_the_provinces_own_figures_at_every_level_and_no_other_provinces(service: Service) -> None:
    engine = service.engine
    add_desa_rows(engine, range(2021, 2022), ("BSKK",))
    with Session(engine) as session:
        session.add(Coverage(year=2022, program_code="BSKK", region_code="14.71", households=999))  # Riau
        session.commit()
    service.invalidate()

    exported = export_rows(engine, service.facts)[1:]

    codes = {str(r[1]) for r in exported}
    assert "14.71" not in codes
    assert len(exported) == rows(engine, "SELECT count(*) FROM coverage WHERE province_code = :p", p=KEPRI)[0][0]
    assert any(c.count(".") == 3 for c in codes)  # desa rows are exported, to be edited and imported again


def test_a_digest_snapshot_holds_kab_kota_figures_only_however_many_desa_rows_there_are(service: Service) -> None:
    before = snapshot_of(service.facts, [], [])
    add_desa_rows(service.engine, range(2019, 2022))
    service.invalidate()

    after = snapshot_of(service.facts, [], [])

    assert {k.split("|")[2] for k in after["cells"]} <= {k.code for k in service.facts.kabkota}
    assert len(after["cells"]) == len(before["cells"]) + 7 * 3 * 4  # one sum per kab/kota, year and program
    assert after["cells"][f"2021|BSKK|{LINGGA}"] == service.facts.cell(2021, "BSKK", LINGGA)


def test_a_kecamatan_without_any_figure_of_its_own_asked_for_a_year_gets_its_kab_kota(service: Service) -> None:
    reply = service.answerer().answer("berapa KK di kecamatan Sei Beduk tahun 2022?").plain()
    assert "Kota Batam, tahun 2022: 23.945 KK" in reply and "per kab/kota" in reply
