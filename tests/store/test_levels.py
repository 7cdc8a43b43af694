"""Figures at every level: the place columns and rollups of migration 0007, imports of kecamatan and desa rows,
consistency of a parent with its children, answers from the database (SQLite, and PostgreSQL when it answers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.services import ensure_database
from models.db import alembic_config, dispose_engine, get_engine
from tests.conftest import make_settings

KEPRI = "21"
LINGGA = "21.04"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a brand-new, empty database."""
    if request.param == "postgresql":
        yield request.getfixturevalue("pg_url")
        return
    url = f"sqlite:///{tmp_path}/x.sqlite3"
    try:
        yield url
    finally:
        dispose_engine(url)


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
