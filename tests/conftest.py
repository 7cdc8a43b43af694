"""Shared fixtures: a seeded SQLite store per test session, and a fresh PostgreSQL database where needed."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def make_settings(database_url: str, **overrides: object) -> Settings:
    return Settings(_env_file=None, database_url=database_url, **overrides)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def sqlite_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    path = tmp_path_factory.mktemp("db") / "tanyabansos.sqlite3"
    return make_settings(f"sqlite:///{path}")


@pytest.fixture(scope="session")
def service(sqlite_settings: Settings):
    from bot.services import Service

    return Service(sqlite_settings)


@pytest.fixture(scope="session")
def answerer(service):
    return service.answerer()


@pytest.fixture
def ask(answerer):
    """Ask like a user; returns the plain-text reply."""

    def _ask(question: str) -> str:
        return answerer.answer(question).plain()

    return _ask


def _pg_admin():
    import psycopg

    return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)


def postgres_available() -> str | None:
    """None when the server answers, else the reason to skip."""
    try:
        with _pg_admin() as conn:
            conn.execute("select 1")
        return None
    except Exception as exc:
        return f"no PostgreSQL server reachable at {PG_ADMIN_URL} ({type(exc).__name__}: {exc})"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new PostgreSQL database with a random name, dropped afterwards (the server is shared)."""
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    name = f"tanyabansos_test_{uuid.uuid4().hex[:12]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    url = f"{base}/{name}"
    try:
        yield url
    finally:
        from models.db import dispose_engine

        dispose_engine(url)
        with _pg_admin() as conn:
            conn.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = %s and pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
