"""Staff members and pending imports (staff data management).

Admins come from ``ADMIN_IDS`` in the settings; the people they add with ``/staf tambah`` are rows of
:class:`Staff`. A spreadsheet sent to the bot waits as a :class:`PendingImport` between its preview and the press of
"Terapkan", which may come minutes later and after a restart.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, LargeBinary
from sqlmodel import Field, SQLModel

from models.tables import utcnow


class Staff(SQLModel, table=True):
    """A Telegram user an admin made staff: may import, export, subscribe groups and set schedules."""

    user_id: int = Field(primary_key=True, sa_type=BigInteger)
    name: str = Field(default="", max_length=128)
    added_by: int = Field(sa_type=BigInteger)
    added_at: datetime = Field(default_factory=utcnow)


class PendingImport(SQLModel, table=True):
    """A validated spreadsheet waiting for its uploader to press "Terapkan" (or "Batal"), with its bytes."""

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(max_length=32, unique=True, index=True)
    user_id: int = Field(sa_type=BigInteger, index=True)
    chat_id: int = Field(sa_type=BigInteger)
    actor: str = Field(default="", max_length=64)
    filename: str = Field(max_length=255)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str = Field(max_length=64)
    data_version: int = 0
    """The store's ``data_version`` the preview was computed against; a different one makes it stale."""
    undo_batch_id: int | None = None
    """Set when this is not a file but the undo of that import, waiting for "Terapkan" the same way."""
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(index=True)
