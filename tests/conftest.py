"""The one shared fixture set: seeded stores (SQLite and PostgreSQL) made once and copied per test, the command line
run in-process, and the markers and order that let ``make test`` / ``make test-fast`` select and spread the tests.

Tests live in ``tests/unit`` (no store or a shared read-only one), ``tests/store`` (a seeded store of their own,
imports, digests, the command line), ``tests/e2e`` (the real bot process against the fake Bot API server) and
``tests/corpus`` (the question corpus). Every test under ``tests/e2e`` is marked ``e2e``; every test that asks for
a PostgreSQL database (``pg_url``, ``pg_seeded_url``) is marked ``postgres``.
"""

from __future__ import annotations

import gc
import io
import os
import shutil
import subprocess
import sys
import traceback
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
EXE = str(Path(sys.executable).parent / "tanyabansos")


def make_settings(database_url: str, **overrides: object) -> Settings:
    return Settings(_env_file=None, database_url=database_url, **overrides)  # type: ignore[call-arg]


# ---- markers and order ------------------------------------------------------------------------------------------
_TESTS = Path(__file__).resolve().parent

# The slowest tests (a real process killed and restarted, two instances, many CLI or bot starts) are handed out
# first, so no worker picks one up at the very end while the other sits idle. Substrings of the node id.
SLOW_FIRST = (
    "test_a_bot_killed_mid_fan_out",
    "test_two_bot_processes_on_one_postgresql",
    "test_two_db_init_at_once",
    "test_an_import_killed_halfway",
    "test_webhook_e2e.py",
    "e2e/test_digest_e2e.py",
    "e2e/test_e2e_bot.py",
    "e2e/test_staff_chat.py",
    "e2e/",
    "test_working_out_what_is_due_for_many_groups",
    "test_another_province_gets_its_own_regions",
    "store/test_scope.py",
)


def _slowness(item: pytest.Item) -> int:
    for rank, needle in enumerate(SLOW_FIRST):
        if needle in item.nodeid:
            return rank
    return len(SLOW_FIRST)


# Module-scoped fixtures that start a bot process: the tests sharing one stay on one worker (``--dist loadgroup``),
# so the process starts once, not once per worker.
SHARED_PROCESSES = ("throttled", "bot")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    e2e_dir = _TESTS / "e2e"
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(e2e_dir):
            item.add_marker(pytest.mark.e2e)
            shared = [name for name in SHARED_PROCESSES if name in getattr(item, "fixturenames", ())]
            if shared:
                item.add_marker(pytest.mark.xdist_group(f"{Path(str(item.fspath)).stem}:{shared[0]}"))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if {"pg_url", "pg_seeded_url"} & set(getattr(item, "fixturenames", ())) or "postgresql" in params.values():
            item.add_marker(pytest.mark.postgres)
    items.sort(key=_slowness)  # stable: within a rank, collection order


# ---- SQLite ------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store set up once per worker (schema, Kemendagri regions, 2022 figures); tests work on copies of it."""
    from bot.services import Service
    from models.db import dispose_engine

    path = tmp_path_factory.mktemp("template") / "store.sqlite3"
    url = f"sqlite:///{path}"
    Service(make_settings(url))
    dispose_engine(url)  # the last connection closing checkpoints the WAL into the file
    return path


def copy_store(template: Path, folder: Path, name: str = "store.sqlite3") -> str:
    """A copy of the seeded ``template`` in ``folder``; returns its database URL."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, folder / name)
    return f"sqlite:///{folder / name}"


@pytest.fixture(scope="session")
def sqlite_settings(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The settings of the session's shared store (a copy of the template; tests using it only read)."""
    return make_settings(copy_store(seeded_template, tmp_path_factory.mktemp("db"), "tanyabansos.sqlite3"))


@pytest.fixture(scope="session")
def service(sqlite_settings: Settings):
    from bot.services import Service

    return Service(sqlite_settings, setup=False)


@pytest.fixture(scope="session")
def answerer(service):
    return service.answerer()


@pytest.fixture
def ask(answerer):
    """Ask like a user; returns the plain-text reply."""

    def _ask(question: str) -> str:
        return answerer.answer(question).plain()

    return _ask


# ---- the command line, in-process ---------------------------------------------------------------------------------
def _setting_names() -> set[str]:
    return {name.upper() for name in Settings.model_fields}


def run_cli_in_process(
    args: Sequence[str], env: Mapping[str, str], cwd: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``tanyabansos <args>`` called in this process (``bot.cli.main.main``) with the settings of ``env`` and the
    working folder ``cwd``; returns what a subprocess would (exit code, stdout, stderr; an uncaught exception is
    exit code 1 with its traceback on stderr). For tests of what the command does; the tests where the process
    itself is the point (start-up, signals, two processes at once, the installed script) run the real one."""
    from bot.cli.main import main
    from bot.config import get_settings
    from models.db import dispose_engine

    names = _setting_names()
    out, err = io.StringIO(), io.StringIO()
    patch = pytest.MonkeyPatch()
    try:
        for key in list(os.environ):
            if key.upper() in names:
                patch.delenv(key)
        for key, value in env.items():
            if key.upper() in names:
                patch.setenv(key, value)
        patch.chdir(cwd)
        patch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        get_settings.cache_clear()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
            except Exception:
                traceback.print_exc()
                code = 1
    finally:
        url = os.environ.get("DATABASE_URL")
        get_settings.cache_clear()
        patch.undo()
        if url:
            dispose_engine(url)
        gc.unfreeze()  # `ask` and `chat` freeze what they loaded, as a process about to end may; this one goes on
    return subprocess.CompletedProcess([EXE, *args], code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``cli(args, env, cwd, stdin=None)``: the command line in-process (see :func:`run_cli_in_process`)."""
    return run_cli_in_process


# ---- PostgreSQL ---------------------------------------------------------------------------------------------------
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


def _pg_url(name: str) -> str:
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


def _drop_database(name: str) -> None:
    from models.db import dispose_engine

    dispose_engine(_pg_url(name))
    with _pg_admin() as conn:
        conn.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = %s and pid <> pg_backend_pid()",
            (name,),
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _new_database(template: str | None = None) -> str:
    name = f"tanyabansos_test_{uuid.uuid4().hex[:12]}"
    with _pg_admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return name


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new, empty PostgreSQL database with a random name, dropped afterwards (the server is shared)."""
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    name = _new_database()
    try:
        yield _pg_url(name)
    finally:
        _drop_database(name)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A PostgreSQL database migrated and seeded once per worker; :func:`pg_seeded_url` clones it."""
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    from bot.services import Service
    from models.db import dispose_engine

    name = _new_database()
    try:
        Service(make_settings(_pg_url(name)))
        dispose_engine(_pg_url(name))  # CREATE DATABASE … TEMPLATE needs the template without connections
        yield name
    finally:
        _drop_database(name)


@pytest.fixture
def pg_seeded_url(pg_template: str) -> Iterator[str]:
    """A new PostgreSQL database already migrated and seeded (a clone of the worker's template), dropped
    afterwards; open it with ``Service(settings, setup=False)``."""
    name = _new_database(template=pg_template)
    try:
        yield _pg_url(name)
    finally:
        _drop_database(name)
