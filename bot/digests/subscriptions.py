"""Subscriptions of staff groups: subscribe, unsubscribe, schedule, migrate. No Telegram here: chat ids,
schedules, rows."""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.digests.schedule import Schedule
from models.db import session_scope
from models.digest import FINAL_STATUSES, Delivery, Frequency, Subscription
from models.tables import utcnow

log = logging.getLogger(__name__)


def schedule_of(sub: Subscription) -> Schedule:
    return Schedule(Frequency(sub.frequency), sub.weekday, sub.day_of_month, sub.hour, sub.minute, sub.timezone)


def codes(value: str) -> list[str]:
    return [c for c in value.split(",") if c]


# ---- subscriptions ----------------------------------------------------------------------------------------------
def get_subscription(engine: Engine, chat_id: int) -> Subscription | None:
    with Session(engine) as session:
        return session.exec(select(Subscription).where(Subscription.chat_id == chat_id)).first()


def get_subscription_by_id(engine: Engine, subscription_id: int) -> Subscription | None:
    with Session(engine) as session:
        return session.get(Subscription, subscription_id)


def subscribe(
    engine: Engine,
    chat_id: int,
    *,
    by: int,
    title: str,
    language: str,
    timezone: str,
    regions: list[str],
    programs: list[str],
) -> tuple[Subscription, bool]:
    """Subscribe (or re-subscribe, keeping the schedule) a chat; returns the row and whether it is new. Coming back
    after /berhenti counts from now: no digest for a period that fired while the group was not subscribed."""
    with session_scope(engine) as session:
        sub = session.exec(select(Subscription).where(Subscription.chat_id == chat_id)).first()
        created = sub is None
        if sub is None:
            sub = Subscription(chat_id=chat_id, subscribed_by=by, timezone=timezone)
        elif not sub.active:
            sub.created_at = utcnow()
        sub.chat_title = title[:200]
        sub.language = language
        sub.regions = ",".join(regions)
        sub.programs = ",".join(programs)
        sub.active = True
        sub.subscribed_by = by
        sub.ended_reason = ""
        sub.updated_at = utcnow()
        if created:
            sub.created_at = utcnow()
        session.add(sub)
    return sub, created


def unsubscribe(engine: Engine, chat_id: int, reason: str) -> bool:
    """Deactivate a chat's subscription; False when it had none active."""
    with session_scope(engine) as session:
        sub = session.exec(select(Subscription).where(Subscription.chat_id == chat_id)).first()
        if sub is None or not sub.active:
            return False
        sub.active = False
        sub.ended_reason = reason[:200]
        sub.updated_at = utcnow()
        session.add(sub)
    log.info("subscription of chat %s ended: %s", chat_id, reason)
    return True


def set_schedule(engine: Engine, chat_id: int, schedule: Schedule) -> Subscription | None:
    with session_scope(engine) as session:
        sub = session.exec(select(Subscription).where(Subscription.chat_id == chat_id)).first()
        if sub is None:
            return None
        sub.frequency, sub.weekday, sub.day_of_month = schedule.frequency, schedule.weekday, schedule.day_of_month
        sub.hour, sub.minute, sub.timezone = schedule.hour, schedule.minute, schedule.timezone
        sub.updated_at = utcnow()
        session.add(sub)
    return sub


def migrate_chat(engine: Engine, old_chat_id: int, new_chat_id: int) -> bool:
    """A group became a supergroup: its subscription (and pending deliveries) follow the new id."""
    with session_scope(engine) as session:
        sub = session.exec(select(Subscription).where(Subscription.chat_id == old_chat_id)).first()
        if sub is None:
            return False
        clash = session.exec(select(Subscription).where(Subscription.chat_id == new_chat_id)).first()
        if clash is not None:
            return False
        sub.chat_id = new_chat_id
        sub.updated_at = utcnow()
        session.add(sub)
        session.exec(
            update(Delivery)
            .where(col(Delivery.subscription_id) == sub.id, col(Delivery.status).not_in(FINAL_STATUSES))
            .values(chat_id=new_chat_id)
        )
    log.info("subscription moved from chat %s to %s", old_chat_id, new_chat_id)
    return True


def active_subscriptions(engine: Engine) -> list[Subscription]:
    with Session(engine) as session:
        return list(session.exec(select(Subscription).where(Subscription.active == True)))  # noqa: E712
