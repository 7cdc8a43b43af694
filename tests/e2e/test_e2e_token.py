"""The bot token never reaches the logs or stderr, and a token Telegram rejects is one clear line and exit 1.

End to end: the real ``tanyabansos`` process against the fake Bot API answering 401 (a wrong token) and 404 (a
wrong ``TELEGRAM_API_BASE_URL``); in process: every logging path (message, formatted exception, traceback) and the
uncaught exception.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e_support import TANYABANSOS, bot_environment, token_leaks
from tests.fakebot import FakeBotAPI

WRONG = "123456789:AAwrongTokenThatTelegramWillRejectXYZ123"


def _run(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TANYABANSOS), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def _assert_one_clear_line(result: subprocess.CompletedProcess[str], token: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert not token_leaks(output, token), token_leaks(output, token)
    assert "Traceback" not in output, output
    assert "TELEGRAM_BOT_TOKEN" in result.stderr.strip().splitlines()[-1], result.stderr
    assert sum("rejected" in line for line in output.splitlines()) == 1, output


@pytest.mark.e2e
@pytest.mark.parametrize("command", [["run"], ["digest", "send-due"]], ids=["run", "send-due"])
def test_a_rejected_token_is_one_line_for_the_operator_and_exit_1(tmp_path: Path, command: list[str]) -> None:
    with FakeBotAPI(require_token=True) as fake:
        env = bot_environment(fake, f"sqlite:///{tmp_path / 'bot.sqlite3'}", telegram_bot_token=WRONG)
        result = _run(env, tmp_path, *command)
        assert WRONG in fake.tokens_seen, "the bot never asked Telegram"
    _assert_one_clear_line(result, WRONG)


@pytest.mark.e2e
def test_a_wrong_api_base_url_is_one_line_for_the_operator_and_exit_1(tmp_path: Path) -> None:
    with FakeBotAPI() as fake:
        env = bot_environment(
            fake, f"sqlite:///{tmp_path / 'bot.sqlite3'}", telegram_api_base_url=f"{fake.url}/not-the-api/bot"
        )
        result = _run(env, tmp_path, "run")
    _assert_one_clear_line(result, fake.token)


def _configured(tmp_path: Path, token: str) -> logging.Handler:
    from bot.config import Settings
    from handlers.logs import configure_logging

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    configure_logging(Settings(_env_file=None, telegram_bot_token=token, log_level="INFO"))  # type: ignore[call-arg]
    handler = logging.FileHandler(tmp_path / "log.txt", encoding="utf-8")
    handler.setFormatter(root.handlers[0].formatter)
    root.addHandler(handler)
    return handler


def test_every_logging_path_redacts_the_token(tmp_path: Path) -> None:
    saved = (list(logging.getLogger().handlers), sys.excepthook)
    try:
        handler = _configured(tmp_path, WRONG)
        log = logging.getLogger("tanyabansos.test")
        log.info("GET https://api.telegram.org/bot%s/getMe", WRONG)
        log.info("url-encoded: %s", WRONG.replace(":", "%3A"))
        try:
            raise RuntimeError(f"The token `{WRONG}` was rejected by the server.")
        except RuntimeError:
            log.exception("start failed")
        log.error("with a stack", stack_info=True, extra={"token": WRONG})
        handler.flush()
        text = (tmp_path / "log.txt").read_text(encoding="utf-8")
        assert "<token>" in text and "Traceback" in text, text
        assert not token_leaks(text, WRONG), token_leaks(text, WRONG)
    finally:
        root = logging.getLogger()
        for h in list(root.handlers):
            root.removeHandler(h)
        for h in saved[0]:
            root.addHandler(h)
        sys.excepthook = saved[1]


def test_an_uncaught_exception_is_printed_without_the_token(tmp_path: Path) -> None:
    code = (
        "from bot.config import Settings\n"
        "from handlers.logs import configure_logging\n"
        f"configure_logging(Settings(_env_file=None, telegram_bot_token={WRONG!r}))\n"
        f"raise RuntimeError('The token `{WRONG}` was rejected by the server.')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "<token>" in result.stderr, result.stderr
    assert not token_leaks(result.stderr + result.stdout, WRONG), result.stderr
