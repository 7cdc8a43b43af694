"""A driver connection kept open for hot read paths (a question's kecamatan figures, an update's language choice):
no pool checkout, pre-ping, ``BEGIN`` or ``ROLLBACK`` round trip per read, and statements compiled once."""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Select, TextClause
from sqlalchemy.engine import Engine
from sqlalchemy.pool import PoolProxiedConnection


class Compiled:
    """A statement compiled once for an engine's dialect, run through the driver's own cursor."""

    def __init__(self, statement: Select[Any] | TextClause, engine: Engine) -> None:
        compiled = statement.compile(dialect=engine.dialect)
        self.sql = str(compiled)
        self._compiled = compiled

    def arguments(self, values: Mapping[str, object]) -> Sequence[Any] | Mapping[str, Any]:
        params = self._compiled.construct_params(dict(values))
        if self._compiled.positional:
            return tuple(params[name] for name in self._compiled.positiontup or ())
        return params


class KeptConnection:
    """One driver connection, opened on first use and kept (autocommit on PostgreSQL, so it never holds a
    transaction or an old snapshot). A connection that fails is dropped and the read retried once on a new one; it
    is closed by :meth:`close` or when its owner is garbage."""

    def __init__(self, engine: Engine, owner: object) -> None:
        self.engine = engine
        self._owner = weakref.ref(owner)
        self._lock = threading.Lock()
        self._connection: PoolProxiedConnection | None = None
        self._finalizer: weakref.finalize[Any, Any] | None = None

    def compile(self, statement: Select[Any] | TextClause) -> Compiled:
        return Compiled(statement, self.engine)

    def read(self, statement: Compiled, values: Mapping[str, object]) -> list[tuple[Any, ...]]:
        with self._lock:
            for attempt in (1, 2):
                connection = self._connection or self._connect()
                try:
                    cursor = connection.cursor()
                    try:
                        cursor.execute(statement.sql, statement.arguments(values))
                        return [tuple(row) for row in cursor.fetchall()]
                    finally:
                        cursor.close()
                except self.engine.dialect.loaded_dbapi.Error:
                    self._drop()
                    if attempt == 2:
                        raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _connect(self) -> PoolProxiedConnection:
        connection = self.engine.raw_connection()
        # Never handed back to the pool (where a session would find autocommit on): closed when dropped, or when the
        # owner is garbage (a new snapshot brings a new reader; one-off instances such as a digest's language).
        owner = self._owner()
        self._finalizer = weakref.finalize(owner if owner is not None else self, _discard, connection)
        if self.engine.dialect.name != "sqlite":  # pysqlite begins no transaction for a SELECT
            connection.rollback()
            connection.driver_connection.autocommit = True  # type: ignore[union-attr]
        self._connection = connection
        return connection

    def _drop(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
        self._finalizer = None
        self._connection = None


def _discard(connection: PoolProxiedConnection) -> None:
    """Close a kept connection for good (invalidated: the pool opens a fresh one in its place when needed)."""
    with contextlib.suppress(Exception):  # already gone with its engine or the process: nothing left to close
        connection.invalidate()
