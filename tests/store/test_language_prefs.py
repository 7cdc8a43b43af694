"""Language choices (bot/answering/prefs.py): read from the database on every update through one kept connection,
so a choice made by another process holds at once, on SQLite and on PostgreSQL."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.answering.prefs import LanguagePrefs
from models.db import dispose_engine, get_engine, migrate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'prefs.sqlite3'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    migrate(get_engine(url))
    yield url
    dispose_engine(url)


def set_in_another_process(url: str, subject: int, language: str) -> None:
    """What `/bahasa` through another instance of the bot does: a separate process writes the choice."""
    code = (
        "import sys; from bot.answering.prefs import LanguagePrefs; from models.db import get_engine; "
        "LanguagePrefs(get_engine(sys.argv[1])).set(int(sys.argv[2]), sys.argv[3])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, url, str(subject), language], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_a_choice_made_in_another_process_holds_at_once(url: str) -> None:
    prefs = LanguagePrefs(get_engine(url))
    assert prefs.resolve(42, None, "id") == "id"  # nothing chosen: Telegram's language
    assert prefs.get(42) is None
    set_in_another_process(url, 42, "en")
    assert prefs.resolve(42, None, "id") == "en"  # no restart, no waiting: the next update reads it
    set_in_another_process(url, 42, "id")
    assert prefs.get(42) == "id"
    prefs.close()


def test_a_groups_choice_wins_over_its_members_and_each_falls_back_in_turn(url: str) -> None:
    prefs = LanguagePrefs(get_engine(url))
    prefs.set(7, "en")
    assert prefs.resolve(7, -100, "id") == "en"  # the group chose nothing: the user's choice
    prefs.set(-100, "id")
    assert prefs.resolve(7, -100, "en") == "id"  # the group's choice
    assert prefs.resolve(8, -100, "en") == "id"
    assert prefs.resolve(8, -101, "en") == "en"  # neither chose: Telegram's language
    assert prefs.resolve(None, None, None) is None
    assert prefs.resolve(7, 7, None) == "en"  # a private chat's id may equal its user's
    prefs.close()


def test_the_kept_connection_holds_no_transaction_and_survives_being_cut(url: str) -> None:
    engine: Engine = get_engine(url)
    prefs = LanguagePrefs(engine)
    prefs.set(5, "en")
    assert prefs.get(5) == "en"
    if engine.dialect.name != "postgresql":
        prefs.set(5, "id")  # SQLite: a writer is not blocked by the reader's connection
        assert prefs.get(5) == "id"
        return
    with engine.connect() as admin:
        states = admin.execute(
            text(
                "SELECT state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND query LIKE '%languagepref%'"
            )
        ).scalars()
        assert "idle in transaction" not in list(states)  # autocommit: no snapshot kept open between updates
        admin.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        admin.commit()
    assert prefs.get(5) == "en"  # the dead connection is replaced and the read retried
    prefs.close()


def test_a_one_off_reader_never_hands_its_connection_back_to_the_pool(url: str) -> None:
    """The kept connection reads in autocommit: back in the pool, a session would lose all-or-nothing writes."""
    engine = get_engine(url)
    for _ in range(3):
        assert LanguagePrefs(engine).get(99) is None  # as the digest dispatcher does: an instance per read
    gc.collect()
    with engine.connect() as conn:  # whichever pooled connection comes back: a rolled-back write leaves nothing
        conn.execute(
            text("INSERT INTO languagepref (subject_id, language, updated_at) VALUES (99, 'en', '2026-01-01')")
        )
        conn.rollback()
    assert LanguagePrefs(engine).get(99) is None
