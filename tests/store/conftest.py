"""Fixtures of the store tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import Service
from models.db import dispose_engine
from tests.conftest import copy_store, make_settings


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


@pytest.fixture
def service(seeded_template: Path, tmp_path: Path) -> Iterator[Service]:
    """A service on a copy of the seeded store (test modules with a different store define their own)."""
    url = copy_store(seeded_template, tmp_path)
    try:
        yield Service(make_settings(url), setup=False)
    finally:
        dispose_engine(url)
