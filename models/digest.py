"""Digest subscriptions of staff groups and the delivery ledger that makes each digest go out once."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables import utcnow


class Frequency(StrEnum):
    """How often a group gets its digest (the ``frequency`` column)."""

    WEEKLY = "weekly"
    DAILY = "daily"
    MONTHLY = "monthly"


class DeliveryStatus(StrEnum):
    """Where one digest for one chat and period stands in the delivery ledger (the ``status`` column)."""

    SENDING = "sending"  # claimed by an instance; the request may be in flight
    SENT = "sent"
    PENDING = "pending"  # a transient failure: retried by the next sweep while within the grace window
    MISSED = "missed"  # the bot was down past the grace window
    GONE = "gone"  # the chat is unreachable (bot kicked or blocked)
    SKIPPED = "skipped"  # the subscriber is no longer staff
    FAILED = "failed"  # Telegram refused the message itself (not the chat); not retried
    VOID = "void"  # recorded for a period ahead of the clock (a clock that was fast, then corrected): not a delivery


FINAL_STATUSES = frozenset(DeliveryStatus) - {DeliveryStatus.SENDING, DeliveryStatus.PENDING}
"""Statuses a delivery never leaves."""
COVERING_STATUSES = frozenset({DeliveryStatus.SENT, DeliveryStatus.SENDING})
"""A digest that went out (or is on its way) covers its period."""


class Subscription(SQLModel, table=True):
    """One group's digest: its schedule (in its own time zone) and optional region/program filters."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, unique=True, index=True, nullable=False))
    chat_title: str = ""
    language: str = Field(default="id", max_length=8)
    frequency: str = Field(default=Frequency.WEEKLY, max_length=8)  # a Frequency
    weekday: int = 0  # 0 = Monday (weekly)
    day_of_month: int = 1  # monthly; a day past the month's end means its last day
    hour: int = 8
    minute: int = 0
    timezone: str = Field(default="Asia/Jakarta", max_length=64)
    regions: str = ""  # comma-separated kab/kota codes; empty = all
    programs: str = ""  # comma-separated program codes; empty = all
    active: bool = True
    subscribed_by: int = Field(sa_type=BigInteger)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    ended_reason: str = ""


class Delivery(SQLModel, table=True):
    """One digest for one subscription and period. The unique key is the claim: whoever inserts it sends it."""

    __table_args__ = (UniqueConstraint("subscription_id", "period_key"),)

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscription.id", index=True)
    period_key: str = Field(max_length=32)
    scheduled_for: datetime
    chat_id: int = Field(sa_type=BigInteger)
    status: str = Field(default=DeliveryStatus.SENDING, max_length=16, index=True)
    claimed_by: str = Field(default="", max_length=64)
    claimed_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    attempts: int = 0
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    error: str = ""
    snapshot: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
