"""The delivery ledger: what is due, the claim that makes a digest go out once, and its outcome.

The ledger's unique key (subscription, period) is the lock that makes a digest go out once: an instance that
inserts the row owns the delivery; a second instance's insert fails and it moves on. A row left ``sending`` by a
crashed process is taken over after a lease, with an atomic compare-and-set update that also bumps ``attempts``.

The claim is fenced: ``attempts`` is the claim's token. Its holder renews the lease while it sends
(:func:`renew`), and every outcome (:func:`finish`) is written only while the row is still ``sending`` under the
same token, so an instance whose claim was taken over (paused, or a send slower than the lease) cannot mark it
too.

Rules about time, decided here (each has a test in tests/store/test_digest_rules.py):

* **One digest per group per ``MIN_GAP``** (20 hours), whatever the schedule changes: a period whose fire time
  comes sooner after the group's last digest is recorded ``skipped`` ("covered"), so weekly → daily → weekly →
  monthly on one Monday sends one digest, not three.
* **A clock that was fast**: a ledger row scheduled ahead of the clock (by more than ``CLOCK_SLACK``) was written
  while the clock was wrong; it is voided (status ``void``, its period key freed), so that period's digest goes
  out when it really comes.
* **A bot down for days**: every period between the last one in the ledger (or the subscription's last change,
  if later) and now is recorded ``missed``; only the latest is sent, and only within the grace window.

Working out what is due takes a fixed handful of queries, however many groups subscribe."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import case, func, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.digests.schedule import Schedule
from bot.digests.subscriptions import active_subscriptions, schedule_of
from models.db import session_scope
from models.digest import COVERING_STATUSES, Delivery, DeliveryStatus, Subscription
from models.tables import utcnow

log = logging.getLogger(__name__)


INSTANCE_ID = f"{uuid.uuid4().hex[:12]}"
MIN_GAP = timedelta(hours=20)
CLOCK_SLACK = timedelta(minutes=5)
MAX_BACKFILL = 62
"""At most this many missed periods are recorded for one subscription in one sweep."""
_CHUNK = 2000


# ---- the delivery ledger ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Due:
    subscription_id: int
    chat_id: int
    period_key: str
    fire: datetime
    retry_id: int | None = None  # an existing row to take over


@dataclass(frozen=True, slots=True)
class Claim:
    """A delivery this instance holds: the row and the token (its ``attempts`` when claimed)."""

    delivery_id: int
    attempt: int


@dataclass(frozen=True, slots=True)
class _Latest:
    any: datetime | None  # the latest period in the ledger (void rows aside)
    covering: datetime | None  # the latest digest that went out or is on its way


def compute_due(engine: Engine, now: datetime, grace: timedelta, lease: timedelta) -> tuple[list[Due], int]:
    """What should be sent now, and how many periods were newly recorded as missed."""
    plans: list[tuple[Subscription, Schedule, datetime, str]] = []
    for sub in active_subscriptions(engine):
        schedule = schedule_of(sub)
        fire = schedule.previous_fire(now)
        if fire < as_utc(sub.created_at):
            continue  # no digest for a period that ended before the group subscribed
        plans.append((sub, schedule, fire, schedule.period_key(fire)))
    if not plans:
        return [], 0
    latest = _latest(engine)
    ahead = [sid for sid, last in latest.items() if last.any is not None and last.any > now + CLOCK_SLACK]
    if ahead:
        _void_ahead(engine, ahead, now)
        latest = _latest(engine)
    rows = _rows_for(engine, [(sub.id or 0, key) for sub, _s, _f, key in plans])
    due: list[Due] = []
    missed = 0
    for sub, schedule, fire, key in plans:
        sid = sub.id or 0
        row = rows.get((sid, key))
        late = now - fire
        last = latest.get(sid, _Latest(None, None))
        if row is None:
            missed += _backfill(engine, sub, schedule, fire, last)
            if last.covering is not None and last.covering > fire - MIN_GAP:
                _record(
                    engine,
                    sub,
                    key,
                    fire,
                    DeliveryStatus.SKIPPED,
                    f"covered: the group got a digest less than {MIN_GAP} before this period (schedule changed)",
                )
            elif late <= grace:
                due.append(Due(sid, sub.chat_id, key, fire))
            elif _record(engine, sub, key, fire, DeliveryStatus.MISSED, "bot down past the grace window"):
                log.warning("digest for chat %s period %s missed (%s late)", sub.chat_id, key, late)
                missed += 1
            continue
        stale = row.status == DeliveryStatus.PENDING or (
            row.status == DeliveryStatus.SENDING and now - as_utc(row.claimed_at) > lease
        )
        if stale and late > grace:
            if _expire(engine, row, now, lease):
                missed += 1
        elif stale:
            due.append(Due(sid, sub.chat_id, key, fire, retry_id=row.id))
    return due, missed


def _latest(engine: Engine) -> dict[int, _Latest]:
    """Per subscription, the latest period in the ledger and the latest digest that went out: one query."""
    covering = case((col(Delivery.status).in_(COVERING_STATUSES), Delivery.scheduled_for), else_=None)
    query = (
        select(Delivery.subscription_id, func.max(Delivery.scheduled_for), func.max(covering))
        .where(Delivery.status != DeliveryStatus.VOID)
        .group_by(col(Delivery.subscription_id))
    )
    with Session(engine) as session:
        return {sid: _Latest(as_utc(a) if a else None, as_utc(c) if c else None) for sid, a, c in session.exec(query)}


def _rows_for(engine: Engine, pairs: list[tuple[int, str]]) -> dict[tuple[int, str], Delivery]:
    """The ledger rows of the given (subscription, period) pairs, a few hundred pairs a query."""
    found: dict[tuple[int, str], Delivery] = {}
    wanted = set(pairs)
    with Session(engine) as session:
        for start in range(0, len(pairs), _CHUNK):
            chunk = pairs[start : start + _CHUNK]
            ids = {sid for sid, _k in chunk}
            keys = {key for _s, key in chunk}
            query = select(Delivery).where(col(Delivery.subscription_id).in_(ids), col(Delivery.period_key).in_(keys))
            for row in session.exec(query):
                if (row.subscription_id, row.period_key) in wanted:
                    found[(row.subscription_id, row.period_key)] = row
    return found


def _void_ahead(engine: Engine, subscription_ids: Iterable[int], now: datetime) -> None:
    """Rows scheduled ahead of the clock were written while it was fast: void them and free their period keys."""
    with session_scope(engine) as session:
        rows = session.exec(
            select(Delivery).where(
                col(Delivery.subscription_id).in_(list(subscription_ids)),
                col(Delivery.scheduled_for) > now + CLOCK_SLACK,
                Delivery.status != DeliveryStatus.VOID,
            )
        ).all()
        for row in rows:
            log.warning(
                "digest ledger: chat %s period %s is scheduled for %s, ahead of the clock (%s): the clock was "
                "fast; voided so the period is delivered when it comes",
                row.chat_id, row.period_key, row.scheduled_for, now,
            )  # fmt: skip
            row.error = (f"voided: recorded ahead of the clock ({row.status}); " + row.error)[:500]
            row.status = DeliveryStatus.VOID
            row.period_key = f"{row.period_key}~{row.id}"[:32]
            session.add(row)


def _backfill(engine: Engine, sub: Subscription, schedule: Schedule, fire: datetime, last: _Latest) -> int:
    """Record as missed every period that fired after the last one in the ledger (and after the subscription's
    last change) and before ``fire``; how many were recorded. A subscription with nothing in the ledger yet has
    no history to continue."""
    if last.any is None:
        return 0
    start = max(x for x in (last.any, as_utc(sub.created_at), as_utc(sub.updated_at)) if x is not None)
    periods: list[datetime] = []
    earlier = schedule.fire_before(fire)
    while earlier > start and len(periods) < MAX_BACKFILL:
        periods.append(earlier)
        earlier = schedule.fire_before(earlier)
    recorded = 0
    for when in reversed(periods):
        if _record(engine, sub, schedule.period_key(when), when, DeliveryStatus.MISSED, "bot down: a later period "
                   "came due before this one was sent"):  # fmt: skip
            recorded += 1
    if recorded:
        log.warning("digest for chat %s: %d periods missed while the bot was down", sub.chat_id, recorded)
    return recorded


def _record(engine: Engine, sub: Subscription, key: str, fire: datetime, status: str, error: str) -> bool:
    """A final row for a period that will not be sent; False when another instance recorded it first."""
    try:
        with session_scope(engine) as session:
            session.add(
                Delivery(
                    subscription_id=sub.id or 0,
                    period_key=key,
                    scheduled_for=fire,
                    chat_id=sub.chat_id,
                    status=status,
                    claimed_by=INSTANCE_ID,
                    error=error,
                )
            )
    except IntegrityError:
        return False
    return True


def _expire(engine: Engine, row: Delivery, now: datetime, lease: timedelta) -> bool:
    """A pending row, or a claim whose lease ran out, past the grace window: recorded missed (compare-and-set)."""
    with session_scope(engine) as session:
        result = session.exec(
            update(Delivery)
            .where(col(Delivery.id) == row.id, col(Delivery.attempts) == row.attempts)
            .where(
                (col(Delivery.status) == DeliveryStatus.PENDING)
                | ((col(Delivery.status) == DeliveryStatus.SENDING) & (col(Delivery.claimed_at) < now - lease))
            )
            .values(status=DeliveryStatus.MISSED, error=(row.error + "; grace window passed")[:500])
        )
        return result.rowcount == 1


def claim(engine: Engine, due: Due, now: datetime, lease: timedelta) -> Claim | None:
    """Take a delivery for this instance; the claim, or None when another instance has it."""
    if due.retry_id is not None:
        with session_scope(engine) as session:
            row = session.get(Delivery, due.retry_id)
            if row is None:
                return None
            attempt = row.attempts + 1
            result = session.exec(
                update(Delivery)
                .where(col(Delivery.id) == due.retry_id, col(Delivery.attempts) == row.attempts)
                .where(
                    (col(Delivery.status) == DeliveryStatus.PENDING)
                    | ((col(Delivery.status) == DeliveryStatus.SENDING) & (col(Delivery.claimed_at) < now - lease))
                )
                .values(status=DeliveryStatus.SENDING, claimed_by=INSTANCE_ID, claimed_at=now, attempts=attempt)
            )
            return Claim(due.retry_id, attempt) if result.rowcount == 1 else None
    try:
        with session_scope(engine) as session:
            new = Delivery(
                subscription_id=due.subscription_id,
                period_key=due.period_key,
                scheduled_for=due.fire,
                chat_id=due.chat_id,
                status=DeliveryStatus.SENDING,
                claimed_by=INSTANCE_ID,
                claimed_at=now,
                attempts=1,
            )
            session.add(new)
            session.flush()
            return Claim(new.id or 0, 1)
    except IntegrityError:
        return None


def renew(engine: Engine, held: Claim, now: datetime) -> bool:
    """Extend the lease of a claim still held (same token, still sending); False when it was taken over."""
    with session_scope(engine) as session:
        result = session.exec(
            update(Delivery)
            .where(col(Delivery.id) == held.delivery_id, col(Delivery.attempts) == held.attempt)
            .where(col(Delivery.status) == DeliveryStatus.SENDING)
            .values(claimed_at=now)
        )
        return result.rowcount == 1


def finish(
    engine: Engine,
    held: Claim,
    status: str,
    *,
    message_id: int | None = None,
    error: str = "",
    snapshot: dict | None = None,
) -> bool:
    """Record a claim's outcome, only while the claim is still this one's; False when it was taken over."""
    values: dict[str, object] = {"status": status, "error": error[:500]}
    if status == DeliveryStatus.SENT:
        values.update(sent_at=utcnow(), message_id=message_id)
    if snapshot is not None:
        values["snapshot"] = json.dumps(snapshot, sort_keys=True)
    with session_scope(engine) as session:
        result = session.exec(
            update(Delivery)
            .where(col(Delivery.id) == held.delivery_id, col(Delivery.attempts) == held.attempt)
            .where(col(Delivery.status) == DeliveryStatus.SENDING)
            .values(**values)
        )
        done = result.rowcount == 1
    if not done:
        log.warning("delivery %s: claim %s was taken over; outcome %s not recorded", held.delivery_id, held.attempt,
                    status)  # fmt: skip
    return done


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


def next_delivery(engine: Engine, sub: Subscription, now: datetime) -> datetime:
    """When the subscription's next digest will really go out: the next fire time whose period the ledger does not
    already hold and that the one-digest-per-``MIN_GAP`` rule does not skip (what a reply may promise)."""
    schedule = schedule_of(sub)
    with Session(engine) as session:
        rows = session.exec(
            select(Delivery.period_key, Delivery.status, Delivery.scheduled_for).where(
                Delivery.subscription_id == (sub.id or 0), Delivery.status != DeliveryStatus.VOID
            )
        ).all()
    held = {key for key, _s, _f in rows}
    covering = [as_utc(f) for _k, status, f in rows if status in COVERING_STATUSES]
    last_covering = max(covering, default=None)
    fire = schedule.next_fire(now)
    for _ in range(MAX_BACKFILL * 7):
        if schedule.period_key(fire) not in held and not (last_covering and last_covering > fire - MIN_GAP):
            return fire
        fire = schedule.next_fire(fire)
    return fire


def as_utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
