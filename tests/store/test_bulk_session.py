"""A bulk import on a database connection that has already used temporary tables (an undo planned first, on
PostgreSQL: its temp buffers are then fixed for the session) still runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.imports import apply_plan, plan_import
from bot.imports.bulk import bulk_import
from bot.imports.undo import UndoRefused, plan_undo
from bot.services import Service
from models.db import dispose_engine
from tests.conftest import make_settings


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_bulk_import_after_an_undo_plan_on_the_same_connection(
    backend: str, request: pytest.FixtureRequest, seeded_template: Path, tmp_path: Path
) -> None:
    if backend == "postgresql":
        url = request.getfixturevalue("pg_seeded_url")
    else:
        from tests.conftest import copy_store

        url = copy_store(seeded_template, tmp_path)
    service = Service(make_settings(url), setup=False)
    engine = service.engine
    engine.pool.dispose()
    data = b"tahun,wilayah,program,jumlah_kk\n2023,21.01,BSKK,5\n"
    first = apply_plan(engine, plan_import(engine, data, "a.csv", service.row_parser()), "t")  # the chat way
    plan = plan_undo(engine, first.id or 0)  # a temporary table on the pooled connection, default settings
    assert plan.count == 1
    path = tmp_path / "a.csv"
    path.write_text("tahun,wilayah,program,jumlah_kk\n2023,21.01,BSKK,6\n", encoding="utf-8")
    second = bulk_import(engine, path, service.row_parser(), "t")
    assert second.ok and second.batch is not None and second.count("changed") == 1, second.problems
    with pytest.raises(UndoRefused):
        plan_undo(engine, first.id or 0)  # changed again by the second import
    dispose_engine(url)
