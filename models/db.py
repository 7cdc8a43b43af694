"""Engine, sessions and migrations. SQLite file by default, PostgreSQL through ``DATABASE_URL``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from threading import Lock
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_engines: dict[str, Engine] = {}
_lock = Lock()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def normalise_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (the driver we ship), not psycopg2."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def get_engine(url: str) -> Engine:
    """One engine per URL for the whole process."""
    url = normalise_url(url)
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            parsed = make_url(url)
            if parsed.get_backend_name() == "sqlite":
                if parsed.database and parsed.database != ":memory:":
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
            _engines[url] = engine
        return engine


def dispose_engine(url: str) -> None:
    with _lock:
        engine = _engines.pop(normalise_url(url), None)
    if engine is not None:
        engine.dispose()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed together, or not at all."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def head_revision() -> str:
    """The newest migration, read from the files (without importing Alembic: start-up stays fast)."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = re.search(r"^revision(?:: str)? = [\"']([^\"']+)[\"']", source, re.M)
        down = re.search(r"^down_revision(?:: [^=]+)? = (?:[\"']([^\"']+)[\"']|None)", source, re.M)
        if rev:
            revisions[rev.group(1)] = down.group(1) if down else None
    parents = {d for d in revisions.values() if d}
    heads = [r for r in revisions if r not in parents]
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {heads}")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as conn:
        return conn.execute(text("select version_num from alembic_version")).scalar()


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


SCHEMA_LOCK_KEY = 0x7461_6E79  # "tany": the PostgreSQL advisory lock that serialises migrations and seeding


@contextmanager
def schema_lock(engine: Engine) -> Iterator[None]:
    """Only one process at a time creates, upgrades or seeds the database (two bots, or two ``db init``, starting
    at once on a fresh database must both succeed): a PostgreSQL advisory lock held on its own connection, or a
    file lock beside a SQLite file; an in-memory database needs none."""
    url = engine.url
    if url.get_backend_name() == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("select pg_advisory_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("select pg_advisory_unlock(:key)"), {"key": SCHEMA_LOCK_KEY})
                conn.commit()
        return
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        import fcntl

        path = Path(url.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_name(path.name + ".lock"), "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return
    yield


def migrate(engine: Engine) -> bool:
    """Bring the schema to the newest migration (creates every table on an empty database); True if it ran."""
    if current_revision(engine) == head_revision():
        return False
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
    return True
