"""Sending due digests: one sweep claims each due (subscription, period) in the ledger, composes the digest in
the group's language and hands it to a transport-specific sender, with bounded concurrency.

Guarantee: a digest is claimed in the database before it is sent and marked sent right after. Two instances
never both send one (the claim is the lock): the holder renews the claim's lease while it sends, so a send slower
than the lease is not taken over, and every outcome is written under the claim's token, so an instance whose claim
was taken over anyway (paused past the lease) cannot record it. A crash after the claim is recovered by the next
sweep once the claim's lease expires; only a crash in the instant between Telegram accepting the message and the ledger
recording it can repeat that one message (Telegram offers no way to ask whether it arrived).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.answering.prefs import LanguagePrefs
from bot.config import Settings
from bot.digests.compose import Digest, compose_digest
from bot.digests.ledger import Claim, Due, claim, compute_due, finish, previous_snapshot, renew
from bot.digests.subscriptions import get_subscription, get_subscription_by_id, migrate_chat, unsubscribe
from bot.services import Service
from bot.staff.roles import is_staff
from bot.text.i18n import normalise_language, use_language
from models.digest import DeliveryStatus, Subscription

log = logging.getLogger(__name__)


class ChatGone(Exception):
    """The bot can no longer write to the chat (kicked, blocked, chat deleted)."""


class ChatMoved(Exception):
    """The group became a supergroup with a new id."""

    def __init__(self, new_chat_id: int) -> None:
        super().__init__(new_chat_id)
        self.new_chat_id = new_chat_id


class TransientFailure(Exception):
    """Try again later (network, flood control beyond the rate limiter's retries, 5xx)."""


class MessageRejected(Exception):
    """Telegram refused this message (not the chat): retrying the same message will not help."""


class Sender(Protocol):
    async def send_digest(self, chat_id: int, digest: Digest) -> int:
        """Send the text; return the first message's id. Raises ChatGone, ChatMoved, TransientFailure,
        MessageRejected."""
        ...

    async def send_chart(self, chat_id: int, digest: Digest) -> None:
        """Send the chart that goes with a digest already recorded as sent (best effort: never retried)."""
        ...


@dataclass
class SweepReport:
    due: int = 0
    sent: int = 0
    skipped: int = 0
    missed: int = 0
    failed: int = 0
    gone: int = 0
    lost: int = 0  # claims taken over by another instance before their outcome was recorded
    compose_seconds: list[float] = field(default_factory=list)


class DigestDispatcher:
    def __init__(
        self,
        service: Service,
        settings: Settings,
        sender: Sender,
        *,
        concurrency: int = 4,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.service = service
        self.settings = settings
        self.sender = sender
        self.prefs = LanguagePrefs(service.engine)
        self.concurrency = concurrency
        self.clock = clock
        self.sleep = sleep  # the wait between lease renewals; tests pass one that runs on their own clock
        self._running: asyncio.Lock | None = None
        self._again = False

    @property
    def grace(self) -> timedelta:
        return timedelta(hours=self.settings.digest_grace_hours)

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.settings.digest_claim_lease_seconds)

    async def kick(self) -> SweepReport | None:
        """Run a sweep; a kick while one runs makes that one go round again instead (many jobs fire at once)."""
        if self._running is None:
            self._running = asyncio.Lock()
        if self._running.locked():
            self._again = True
            return None
        async with self._running:
            report = await self.sweep()
            while self._again:
                self._again = False
                more = await self.sweep()
                for name in ("due", "sent", "skipped", "missed", "failed", "gone", "lost"):
                    setattr(report, name, getattr(report, name) + getattr(more, name))
                report.compose_seconds += more.compose_seconds
            return report

    async def sweep(self) -> SweepReport:
        now = self.clock()
        due, missed = await asyncio.to_thread(compute_due, self.service.engine, now, self.grace, self.lease)
        report = SweepReport(due=len(due), missed=missed)
        if not due:
            return report
        log.info("digest sweep: %d due", len(due))
        semaphore = asyncio.Semaphore(self.concurrency)

        async def one(item: Due) -> None:
            async with semaphore:
                try:
                    await self.deliver(item, report)
                except Exception:  # one group's failure must not stop the others
                    log.exception("digest for chat %s failed", item.chat_id)
                    report.failed += 1

        await asyncio.gather(*(one(item) for item in due))
        log.info("digest sweep done: %s", {k: v for k, v in report.__dict__.items() if k != "compose_seconds"})
        return report

    async def deliver(self, item: Due, report: SweepReport) -> None:
        engine = self.service.engine
        held = await asyncio.to_thread(claim, engine, item, self.clock(), self.lease)
        if held is None:
            return  # another instance has it

        async def outcome(status: str, **fields: object) -> bool:
            done = await asyncio.to_thread(finish, engine, held, status, **fields)  # type: ignore[arg-type]
            if not done:
                report.lost += 1
            return done

        sub = await asyncio.to_thread(get_subscription_by_id, engine, item.subscription_id)
        if sub is None or not sub.active:
            await outcome(DeliveryStatus.SKIPPED, error="unsubscribed")
            report.skipped += 1
            return
        if not is_staff(engine, self.settings, sub.subscribed_by):
            log.warning("digest for chat %s skipped: subscriber %s is not staff", sub.chat_id, sub.subscribed_by)
            await outcome(DeliveryStatus.SKIPPED, error="subscriber not staff")
            report.skipped += 1
            return
        started = time.perf_counter()
        digest = await asyncio.to_thread(self.compose, sub, item)
        report.compose_seconds.append(time.perf_counter() - started)
        chat_id = sub.chat_id
        for _attempt in range(2):
            try:
                async with self.holding(held):
                    message_id = await self.sender.send_digest(chat_id, digest)
            except ChatMoved as moved:
                if not await asyncio.to_thread(migrate_chat, engine, chat_id, moved.new_chat_id):
                    # The supergroup already has its own subscription: that one sends its digest; this one ends.
                    await asyncio.to_thread(unsubscribe, engine, chat_id, f"merged into {moved.new_chat_id}")
                    await outcome(DeliveryStatus.SKIPPED, error=f"merged into {moved.new_chat_id}")
                    report.skipped += 1
                    return
                log.info("chat %s moved to %s; following it", chat_id, moved.new_chat_id)
                chat_id = moved.new_chat_id
                continue
            except ChatGone as gone:
                await asyncio.to_thread(unsubscribe, engine, chat_id, f"unreachable: {gone}")
                await outcome(DeliveryStatus.GONE, error=str(gone))
                report.gone += 1
                return
            except MessageRejected as rejected:
                await outcome(DeliveryStatus.FAILED, error=str(rejected))
                report.failed += 1
                return
            except TransientFailure as failure:
                await outcome(DeliveryStatus.PENDING, error=str(failure))
                report.failed += 1
                return
            # Recorded the moment the text is accepted: the crash window is one text message, not text + chart.
            if not await outcome(DeliveryStatus.SENT, message_id=message_id, snapshot=digest.snapshot):
                return
            report.sent += 1
            if digest.chart is not None:
                try:
                    await self.sender.send_chart(chat_id, digest)
                except Exception as exc:  # the digest itself went out; a missing chart is not worth a repeat
                    log.warning("chart for chat %s not sent: %s", chat_id, exc)
            return
        await outcome(DeliveryStatus.PENDING, error="moved twice")

    @asynccontextmanager
    async def holding(self, held: Claim) -> AsyncIterator[None]:
        """Renew the claim's lease every third of it while the body (a send) runs."""

        async def renewing() -> None:
            while True:
                await self.sleep(self.lease.total_seconds() / 3)
                if not await asyncio.to_thread(renew, self.service.engine, held, self.clock()):
                    log.warning("delivery %s: claim lost while sending", held.delivery_id)
                    return

        task = asyncio.create_task(renewing())
        try:
            yield
        finally:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task

    def language_of(self, sub: Subscription) -> str:
        return normalise_language(self.prefs.get(sub.chat_id) or sub.language, self.settings.default_language)

    def compose(self, sub: Subscription, item: Due) -> Digest:
        previous, row = previous_snapshot(self.service.engine, sub.id or 0, before_period=item.period_key)
        with use_language(self.language_of(sub)):
            return compose_digest(
                self.service.engine,
                self.service.answerer(),
                sub,
                item.fire,
                previous,
                row.sent_at if row else None,
                with_chart=self.settings.digest_chart,
            )


def preview(service: Service, settings: Settings, chat_id: int | None, now: datetime | None = None) -> Digest:
    """The digest a chat would get now (its own filters, language and previous digest); nothing is recorded."""
    now = now or datetime.now(UTC)
    sub = get_subscription(service.engine, chat_id) if chat_id is not None else None
    if sub is None:
        sub = Subscription(
            chat_id=chat_id or 0,
            subscribed_by=0,
            language=settings.default_language,
            timezone=settings.timezone,
            created_at=now,
        )
    from bot.digests.subscriptions import schedule_of

    fire = schedule_of(sub).previous_fire(now) if sub.id else now
    previous, row = previous_snapshot(service.engine, sub.id, None) if sub.id else ({}, None)
    language = LanguagePrefs(service.engine).get(sub.chat_id) if sub.chat_id else None
    with use_language(normalise_language(language or sub.language, settings.default_language)):
        return compose_digest(
            service.engine,
            service.answerer(),
            sub,
            fire,
            previous,
            row.sent_at if row else None,
            with_chart=settings.digest_chart,
        )
