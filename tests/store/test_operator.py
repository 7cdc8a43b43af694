"""What an operator meets outside Telegram (issue 11 items 6 and 7): two processes starting at once on a fresh
database both succeed, and a database that cannot be used gives one line naming the setting and the cause (never
the password, never a traceback) and a non-zero exit — all through the real ``tanyabansos`` command."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import PG_ADMIN_URL

EXE = Path(sys.executable).parent / "tanyabansos"
PASSWORD = "s3cret-Pa55"


def run(*args: str, url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "ADMIN_"))}
    env.update(DATABASE_URL=url, PYTHONIOENCODING="utf-8")
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=240)


def start_two(url: str, cwd: Path) -> list[tuple[int, str]]:
    """Two `tanyabansos db init` started together; (exit code, stderr) of each."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "ADMIN_"))}
    env.update(DATABASE_URL=url, PYTHONIOENCODING="utf-8")
    procs = [
        subprocess.Popen([str(EXE), "db", "init"], env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for _ in range(2)
    ]  # fmt: skip
    return [(p.wait(timeout=240), p.communicate()[1]) for p in procs]


def test_two_db_init_at_once_on_a_fresh_sqlite_file_both_succeed(tmp_path: Path) -> None:
    results = start_two(f"sqlite:///{tmp_path / 'fresh.sqlite3'}", tmp_path)
    assert [code for code, _err in results] == [0, 0], results
    check = run("ask", "berapa KK di Lingga?", url=f"sqlite:///{tmp_path / 'fresh.sqlite3'}", cwd=tmp_path)
    assert check.returncode == 0 and "Lingga" in check.stdout


@pytest.mark.postgres
def test_two_db_init_at_once_on_a_fresh_postgresql_database_both_succeed(pg_url: str, tmp_path: Path) -> None:
    results = start_two(pg_url, tmp_path)
    assert [code for code, _err in results] == [0, 0], results


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and PASSWORD not in result.stderr
    assert lines[0].startswith("tanyabansos: DATABASE_URL=")
    return lines[0]


def test_a_url_that_is_not_a_database_url_is_named(tmp_path: Path) -> None:
    line = one_line_error(run("db", "init", url="mysql-ish:/nonsense", cwd=tmp_path))
    assert "not a database URL" in line and "sqlite:///" in line


def test_a_read_only_folder_is_named(tmp_path: Path) -> None:
    line = one_line_error(run("db", "init", url=f"sqlite:////sys/tanyabansos-{uuid.uuid4().hex}/x.sqlite3",
                              cwd=tmp_path))  # fmt: skip
    assert "cannot create or write /sys/" in line


def _pg(user: str, database: str, port: int = 5432) -> str:
    host = PG_ADMIN_URL.split("@", 1)[1].split("/", 1)[0].split(":")[0]
    return f"postgresql://{user}:{PASSWORD}@{host}:{port}/{database}"


def test_postgresql_that_does_not_answer_is_named(tmp_path: Path) -> None:
    line = one_line_error(run("db", "init", url=_pg("postgres", "tanyabansos", port=1), cwd=tmp_path))
    assert "nothing answers at" in line and ":1" in line and "***" in line


@pytest.mark.postgres
def test_a_missing_database_is_named(tmp_path: Path) -> None:
    name = f"missing_{uuid.uuid4().hex[:8]}"
    line = one_line_error(run("db", "init", url=_pg("postgres", name), cwd=tmp_path))
    assert f"the database '{name}' does not exist" in line


@pytest.mark.postgres
def test_an_unknown_role_is_named(tmp_path: Path) -> None:
    line = one_line_error(run("db", "init", url=_pg("nobody_here", "postgres"), cwd=tmp_path))
    assert "'nobody_here' does not exist" in line


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 256 KB tmpfs: too small for the seeded store (needs root and mount; skipped with the reason otherwise)."""
    mountpoint = tmp_path / "tiny"
    mountpoint.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mountpoint)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", str(mountpoint)], capture_output=True)


def test_a_full_disk_is_named(tiny_disk: Path, tmp_path: Path) -> None:
    line = one_line_error(run("db", "init", url=f"sqlite:///{tiny_disk / 'store.sqlite3'}", cwd=tmp_path))
    assert "the disk is full" in line and "DATABASE_URL=" in line
