"""Helpers for end-to-end tests and benchmarks: run the REAL ``tanyabansos run`` process against :class:`FakeBotAPI`.

The bot is a separate OS process (the console script next to ``sys.executable``) configured only through its
environment, exactly as an operator would run it::

    with FakeBotAPI() as fake, BotProcess(fake, workdir) as bot:
        fake.inject_message(42, "berapa KK di Lingga?")
        fake.wait_for_message(42, contains="7.408")

Its stdout and stderr go to files in ``workdir`` (``bot.stderr.log``), so a failing test can show them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from tests.fakebot import FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TANYABANSOS = BIN / "tanyabansos"

# Settings the bot reads from the environment; inherited values would make a test depend on the developer's shell.
_BOT_SETTINGS = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "TELEGRAM_API_FILE_URL",
    "DATABASE_URL",
    "LOG_LEVEL",
    "DEFAULT_LANGUAGE",
    "ADMIN_IDS",
    "LOCALES_DIR",
    "DATA_DIR",
    "WEBHOOK_URL",
    "THROTTLE_MESSAGES_PER_MINUTE",
    "THROTTLE_PAUSE_SECONDS",
)


def compile_catalogs(dest: Path, source: Path = ROOT / "locales") -> Path:
    """Compile every ``<lang>/LC_MESSAGES/*.po`` under ``source`` into ``dest`` (what ``make catalogs`` does), so a
    test sees the translations as committed even when the developer's ``.mo`` files are stale or missing."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        target = dest / po.relative_to(source).with_suffix(".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fh:
            catalog = read_po(fh)
        with target.open("wb") as fh:
            write_mo(fh, catalog)
    return dest


def bot_environment(fake: FakeBotAPI, database_url: str, **settings: object) -> dict[str, str]:
    """The environment of a bot process talking to ``fake``; ``settings`` are extra variables (upper-cased)."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in _BOT_SETTINGS}
    env.update(
        {
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "TELEGRAM_API_FILE_URL": fake.base_file_url,
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env.update({key.upper(): str(value) for key, value in settings.items()})
    return env


def run_cli(args: Sequence[str], env: Mapping[str, str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``tanyabansos <args>`` to completion (e.g. ``["unanswered"]``) with the bot's environment."""
    return subprocess.run(
        [str(TANYABANSOS), *args], env=dict(env), cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


def rss_kib(pid: int) -> int | None:
    """Resident set size of a process (``VmRSS`` in ``/proc/<pid>/status``), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class BotProcess:
    """One bot process. ``start()`` returns once it long-polls the fake; ``stop()`` sends SIGINT, then SIGTERM,
    then SIGKILL, each after a grace period, and returns the exit code."""

    def __init__(
        self,
        fake: FakeBotAPI,
        workdir: Path,
        *,
        env: Mapping[str, str] | None = None,
        command: Sequence[str] | None = None,
        name: str = "bot",
        database_url: str | None = None,
        **settings: object,
    ) -> None:
        self.fake = fake
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.database_url = database_url or f"sqlite:///{workdir / 'bot.sqlite3'}"
        self.env = dict(env) if env is not None else bot_environment(fake, self.database_url, **settings)
        self.command = list(command) if command is not None else [str(TANYABANSOS), "run"]
        self.name = name
        self.stdout_path = workdir / f"{name}.stdout.log"
        self.stderr_path = workdir / f"{name}.stderr.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.returncode: int | None = None
        self.stopped_by: str | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None, "not started"
        return self.proc.pid

    def start(self, timeout: float = 45.0) -> Self:
        polls_before = self.fake.request_counts.get("getUpdates", 0)
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.proc = subprocess.Popen(
                self.command, cwd=self.workdir, env=self.env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
            )
        deadline = time.monotonic() + timeout
        while self.fake.request_counts.get("getUpdates", 0) <= polls_before:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} before polling:\n{self.logs()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.name} did not poll getUpdates within {timeout}s:\n{self.logs()}")
            time.sleep(0.05)
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def rss_kib(self) -> int | None:
        return rss_kib(self.pid) if self.alive() else None

    def stop(self, grace: float = 15.0) -> int | None:
        """SIGINT (PTB's graceful stop), then SIGTERM, then SIGKILL; returns the exit code."""
        proc = self.proc
        if proc is None:
            return None
        if proc.poll() is None:
            for sig, name in ((signal.SIGINT, "SIGINT"), (signal.SIGTERM, "SIGTERM"), (signal.SIGKILL, "SIGKILL")):
                try:
                    proc.send_signal(sig)
                except ProcessLookupError:
                    break
                try:
                    proc.wait(timeout=grace if sig != signal.SIGKILL else 10)
                    self.stopped_by = name
                    break
                except subprocess.TimeoutExpired:
                    continue
        else:
            self.stopped_by = "exited"
        self.returncode = proc.poll()
        return self.returncode

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace") if self.stderr_path.exists() else ""

    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace") if self.stdout_path.exists() else ""

    def logs(self, tail: int = 8000) -> str:
        text = f"--- {self.name} stdout ---\n{self.stdout()}\n--- {self.name} stderr ---\n{self.stderr()}"
        return text[-tail:]

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def token_leaks(text: str, token: str) -> list[str]:
    """Lines of ``text`` containing the token (raw or URL-encoded)."""
    forms = {token, token.replace(":", "%3A"), token.replace(":", "%3a")}
    return [line for line in text.splitlines() if any(form in line for form in forms)]
