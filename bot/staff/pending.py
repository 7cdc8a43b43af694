"""Pending imports: a previewed file waits in the database until its uploader applies or discards it (24 hours)."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from models.db import session_scope
from models.staff import PendingImport
from models.tables import ImportBatch, utcnow

PENDING_TTL = timedelta(hours=24)
"""How long a preview can still be applied."""


class AlreadyHandled(Exception):
    """The pending import was applied or discarded by an earlier press."""


# ---- pending imports ------------------------------------------------------------------------------------------
def store_pending(
    engine: Engine,
    *,
    user_id: int,
    chat_id: int,
    actor: str,
    filename: str,
    data: bytes,
    sha256: str,
    data_version: int,
    now: datetime | None = None,
    undo_batch_id: int | None = None,
) -> str:
    """Keep an uploaded file (or an undo, with ``undo_batch_id``) until its uploader decides; returns the token its
    buttons carry."""
    now = now or utcnow()
    token = secrets.token_urlsafe(9)
    with session_scope(engine) as session:
        session.exec(delete(PendingImport).where(col(PendingImport.expires_at) < now))
        session.add(
            PendingImport(
                token=token,
                user_id=user_id,
                chat_id=chat_id,
                actor=actor[:64],
                filename=filename[:255],
                data=data,
                sha256=sha256,
                data_version=data_version,
                created_at=now,
                expires_at=now + PENDING_TTL,
                undo_batch_id=undo_batch_id,
            )
        )
    return token


def load_pending(engine: Engine, token: str, now: datetime | None = None) -> PendingImport | None:
    with Session(engine, expire_on_commit=False) as session:
        row = session.exec(select(PendingImport).where(PendingImport.token == token)).first()
    if row is None or row.expires_at < (now or utcnow()):
        return None
    return row


def discard_pending(engine: Engine, token: str) -> bool:
    with session_scope(engine) as session:
        result = session.exec(delete(PendingImport).where(col(PendingImport.token) == token))
        return bool(result.rowcount)


def consume_on_apply(token: str) -> Callable[[Session, ImportBatch | None], None]:
    """An ``apply_plan`` hook: the pending import goes in the same transaction, so a second press applies nothing."""

    def hook(session: Session, _batch: ImportBatch | None) -> None:
        result = session.exec(delete(PendingImport).where(col(PendingImport.token) == token))
        if result.rowcount != 1:
            raise AlreadyHandled(token)

    return hook
