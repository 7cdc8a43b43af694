"""Logging for the bot process, with the bot token kept out of every path to the log and stderr: log messages,
formatted exceptions and tracebacks (httpx logs request URLs, and PTB puts the token in ``InvalidToken``), Python
warnings, and the uncaught exception that would otherwise print its traceback unfiltered."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType
from urllib.parse import quote

from bot.config import Settings

REDACTED = "<token>"


class Redactor:
    """Replaces the token (as written and as URL-encoded) in any text."""

    def __init__(self, token: str) -> None:
        self.needles = sorted({t for t in (token, quote(token, safe=""), quote(token)) if t}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for needle in self.needles:
            text = text.replace(needle, REDACTED)
        return text


class RedactingFormatter(logging.Formatter):
    """Formats a record — message, exception and stack included — then removes the token from the result."""

    def __init__(self, redact: Redactor, fmt: str) -> None:
        super().__init__(fmt)
        self.redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def not_invalid_token(record: logging.LogRecord) -> bool:
    """PTB logs a rejected token with its traceback before raising it; ``handlers.application.run`` turns that
    into one line for the operator, so the record is dropped."""
    from telegram.error import InvalidToken

    return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


def configure_logging(settings: Settings) -> Redactor:
    """Root logging at ``LOG_LEVEL`` with the token redacted everywhere; returns the redactor for other output."""
    redact = Redactor(settings.telegram_bot_token.get_secret_value())
    logging.basicConfig(level=settings.log_level, format=LOG_FORMAT)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.captureWarnings(True)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(RedactingFormatter(redact, LOG_FORMAT))
        handler.addFilter(not_invalid_token)
    install_excepthooks(redact)
    return redact


def install_excepthooks(redact: Redactor) -> None:
    """An exception nobody caught is printed with the token redacted (main thread and other threads)."""
    import traceback

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        sys.stderr.write(redact("".join(traceback.format_exception(kind, value, tb))))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
