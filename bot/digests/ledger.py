"""The delivery ledger: what is due, the claim that makes a digest go out once, and its outcome.

The ledger's unique key (subscription, period) is the lock that makes a digest go out once: an instance that
inserts the row owns the delivery; a second instance's insert fails and it moves on. A row left ``sending`` by a
crashed process is taken over after a lease, with an atomic compare-and-set update."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.digests.subscriptions import active_subscriptions, schedule_of
from models.db import session_scope
from models.digest import Delivery, DeliveryStatus, Subscription
from models.tables import utcnow

log = logging.getLogger(__name__)


INSTANCE_ID = f"{uuid.uuid4().hex[:12]}"


# ---- the delivery ledger ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Due:
    subscription_id: int
    chat_id: int
    period_key: str
    fire: datetime
    retry_id: int | None = None  # an existing row to take over


def compute_due(engine: Engine, now: datetime, grace: timedelta, lease: timedelta) -> tuple[list[Due], int]:
    """What should be sent now, and how many periods were newly recorded as missed."""
    due: list[Due] = []
    missed = 0
    for sub in active_subscriptions(engine):
        schedule = schedule_of(sub)
        fire = schedule.previous_fire(now)
        if fire < as_utc(sub.created_at):
            continue  # no digest for a period that ended before the group subscribed
        key = schedule.period_key(fire)
        with Session(engine) as session:
            row = session.exec(
                select(Delivery).where(Delivery.subscription_id == sub.id, Delivery.period_key == key)
            ).first()
        late = now - fire
        if row is None:
            if late <= grace:
                due.append(Due(sub.id or 0, sub.chat_id, key, fire))
            elif _record_missed(engine, sub, key, fire, late):
                missed += 1
        elif late > grace and (
            row.status == DeliveryStatus.PENDING
            or (row.status == DeliveryStatus.SENDING and now - as_utc(row.claimed_at) > lease)
        ):
            finish(engine, row.id or 0, DeliveryStatus.MISSED, error=(row.error + "; grace window passed"))
            missed += 1
        elif row.status == DeliveryStatus.PENDING or (
            row.status == DeliveryStatus.SENDING and now - as_utc(row.claimed_at) > lease
        ):
            due.append(Due(sub.id or 0, sub.chat_id, key, fire, retry_id=row.id))
    return due, missed


def _record_missed(engine: Engine, sub: Subscription, key: str, fire: datetime, late: timedelta) -> bool:
    try:
        with session_scope(engine) as session:
            session.add(
                Delivery(
                    subscription_id=sub.id or 0,
                    period_key=key,
                    scheduled_for=fire,
                    chat_id=sub.chat_id,
                    status=DeliveryStatus.MISSED,
                    claimed_by=INSTANCE_ID,
                    error="bot down past the grace window",
                )
            )
    except IntegrityError:
        return False  # another instance recorded it
    log.warning("digest for chat %s period %s missed (%s late)", sub.chat_id, key, late)
    return True


def claim(engine: Engine, due: Due, now: datetime, lease: timedelta) -> int | None:
    """Take a delivery for this instance; the row id, or None when another instance has it."""
    if due.retry_id is not None:
        with session_scope(engine) as session:
            result = session.exec(
                update(Delivery)
                .where(col(Delivery.id) == due.retry_id)
                .where(
                    (col(Delivery.status) == DeliveryStatus.PENDING)
                    | ((col(Delivery.status) == DeliveryStatus.SENDING) & (col(Delivery.claimed_at) < now - lease))
                )
                .values(
                    status=DeliveryStatus.SENDING,
                    claimed_by=INSTANCE_ID,
                    claimed_at=now,
                    attempts=Delivery.attempts + 1,
                )
            )
            return due.retry_id if result.rowcount == 1 else None
    try:
        with session_scope(engine) as session:
            row = Delivery(
                subscription_id=due.subscription_id,
                period_key=due.period_key,
                scheduled_for=due.fire,
                chat_id=due.chat_id,
                status=DeliveryStatus.SENDING,
                claimed_by=INSTANCE_ID,
                claimed_at=now,
                attempts=1,
            )
            session.add(row)
            session.flush()
            return row.id
    except IntegrityError:
        return None


def finish(
    engine: Engine,
    delivery_id: int,
    status: str,
    *,
    message_id: int | None = None,
    error: str = "",
    snapshot: dict | None = None,
) -> None:
    with session_scope(engine) as session:
        row = session.get(Delivery, delivery_id)
        if row is None:
            return
        row.status = status
        row.error = error[:500]
        if status == DeliveryStatus.SENT:
            row.sent_at = utcnow()
            row.message_id = message_id
        if snapshot is not None:
            row.snapshot = json.dumps(snapshot, sort_keys=True)
        session.add(row)


def previous_snapshot(
    engine: Engine, subscription_id: int, before_period: str | None = None
) -> tuple[dict, Delivery | None]:
    """The figures the subscription's last delivered digest reported (empty before the first one)."""
    with Session(engine) as session:
        query = select(Delivery).where(
            Delivery.subscription_id == subscription_id, Delivery.status == DeliveryStatus.SENT
        )
        if before_period is not None:
            query = query.where(Delivery.period_key != before_period)
        row = session.exec(query.order_by(col(Delivery.sent_at).desc())).first()
    if row is None or not row.snapshot:
        return {}, row
    return json.loads(row.snapshot), row


def deliveries_for(engine: Engine, subscription_id: int) -> list[Delivery]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(Delivery)
                .where(Delivery.subscription_id == subscription_id)
                .order_by(col(Delivery.scheduled_for))
            )
        )


def as_utc(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
