"""Each Telegram update handled once by one of several instances, none lost when one of them dies.

In webhook mode behind a load balancer, Telegram may deliver an update twice (it retries a delivery that got no
2xx answer, and the retry may reach another instance). Before handling an update, an instance claims its
``update_id`` by inserting a row (the primary key is the lock); it marks the row done once its handlers finished,
and only then answers Telegram. What the claim says:

* ``NEW``: the row is ours, handle the update;
* ``DONE``: handled already (by us or another instance): answer OK and do nothing;
* ``BUSY``: another instance is handling it right now: answer "try again later" so Telegram redelivers it;
* ``TAKEN_OVER``: a claim left unfinished for longer than the lease (its instance crashed): handle it.

So an update is answered once, except when an instance dies after its reply went out but before the row was marked
done: then the update is answered again after the lease (at least once beats at most once for a question). Rows
older than Telegram's 24 hours of redelivery are deleted now and then.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from models.tables import utcnow
from models.updates import SeenUpdate

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=30)
KEEP = timedelta(hours=48)
CLEANUP_EVERY_SECONDS = 3600.0
_TABLE = SeenUpdate.__table__  # type: ignore[attr-defined]
# Built once: a statement made per call costs more to build and look up in SQLAlchemy's cache than to run.
_CLAIM = insert(_TABLE)
_FINISH = (
    update(_TABLE)
    .where(_TABLE.c.update_id == bindparam("id"), _TABLE.c.claimed_by == bindparam("by"))
    .values(done_at=bindparam("done_at"))
)


class Claim(StrEnum):
    NEW = "new"
    TAKEN_OVER = "taken_over"
    DONE = "done"
    BUSY = "busy"

    @property
    def handle(self) -> bool:
        """True when this instance should run the handlers."""
        return self in (Claim.NEW, Claim.TAKEN_OVER)


def instance_name() -> str:
    """Host, process and a random part: unique per running instance, readable in the table."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class SeenUpdates:
    """The claims of one instance on the shared table."""

    def __init__(
        self,
        engine: Engine,
        *,
        instance: str | None = None,
        lease: timedelta = LEASE,
        keep: timedelta = KEEP,
        cleanup_every: float = CLEANUP_EVERY_SECONDS,
    ) -> None:
        self.engine = engine
        self.instance = instance or instance_name()
        self.lease = lease
        self.keep = keep
        self.cleanup_every = cleanup_every
        self._cleaned = time.monotonic()

    def claim(self, update_id: int, now: datetime | None = None) -> Claim:
        now = now or utcnow()
        try:
            with self.engine.begin() as conn:
                _no_disk_wait(conn).execute(
                    _CLAIM, {"update_id": update_id, "claimed_by": self.instance, "claimed_at": now}
                )
        except IntegrityError:
            return self._contended(update_id, now)
        if time.monotonic() - self._cleaned > self.cleanup_every:
            self.cleanup(now)
        return Claim.NEW

    def _contended(self, update_id: int, now: datetime) -> Claim:
        with self.engine.begin() as conn:
            row = conn.execute(
                select(_TABLE.c.claimed_by, _TABLE.c.claimed_at, _TABLE.c.done_at).where(
                    _TABLE.c.update_id == update_id
                )
            ).first()
            if row is None:  # deleted by a cleanup in between: an update that old is not redelivered
                return Claim.DONE
            if row.done_at is not None:
                return Claim.DONE
            if _as_utc(row.claimed_at) > now - self.lease:
                return Claim.BUSY
            taken = conn.execute(
                update(_TABLE)
                .where(
                    _TABLE.c.update_id == update_id,
                    _TABLE.c.done_at.is_(None),
                    _TABLE.c.claimed_by == row.claimed_by,
                    _TABLE.c.claimed_at == row.claimed_at,
                )
                .values(claimed_by=self.instance, claimed_at=now)
            )
        if taken.rowcount == 1:
            log.warning("update %s taken over from %s (its claim outlived the lease)", update_id, row.claimed_by)
            return Claim.TAKEN_OVER
        return Claim.BUSY

    def finish(self, update_id: int) -> None:
        with self.engine.begin() as conn:
            _no_disk_wait(conn).execute(_FINISH, {"id": update_id, "by": self.instance, "done_at": utcnow()})

    def release(self, update_id: int) -> None:
        """Give up an unfinished claim at once (the handlers failed before answering): a redelivery may retry it."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(_TABLE).where(
                    _TABLE.c.update_id == update_id, _TABLE.c.claimed_by == self.instance, _TABLE.c.done_at.is_(None)
                )
            )

    def cleanup(self, now: datetime | None = None) -> int:
        """Delete claims older than ``keep`` (Telegram redelivers an update for 24 hours at most)."""
        self._cleaned = time.monotonic()
        cutoff = (now or utcnow()) - self.keep
        with self.engine.begin() as conn:
            removed = conn.execute(delete(_TABLE).where(_TABLE.c.claimed_at < cutoff)).rowcount
        if removed:
            log.info("forgot %d handled updates older than %s", removed, self.keep)
        return int(removed or 0)


def _no_disk_wait(conn: Connection) -> Connection:
    """On PostgreSQL, commit without waiting for the disk: a claim lost in a crash of the database itself means at
    worst one update answered twice, and the two commits are most of what a claim costs."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
    return conn


def _as_utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
