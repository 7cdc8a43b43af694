"""Updates from Telegram seen by any instance: the key that makes each update handled once across instances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

from models.tables import utcnow


class SeenUpdate(SQLModel, table=True):
    """One Telegram ``update_id`` claimed by an instance. The primary key is the lock: whoever inserts the row
    handles the update; ``done_at`` is set once the handlers finished; a claim left unfinished by a crashed instance
    is taken over after a lease. Rows older than Telegram's 24 hours of redelivery are deleted."""

    update_id: int = Field(primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    claimed_by: str = Field(max_length=64)
    claimed_at: datetime = Field(default_factory=utcnow, index=True)
    done_at: datetime | None = None
