"""Digest jobs on PTB's job queue: one job per subscribed group at its schedule's times, plus the periodic sweep.
Each job only kicks the dispatcher (``bot/digests/dispatcher.py``), which works out what is due and sends it."""

from __future__ import annotations

import logging

from bot.digests.subscriptions import active_subscriptions, get_subscription, schedule_of
from handlers.context import BotApplication, BotContext

log = logging.getLogger(__name__)


async def kick(context: BotContext) -> None:
    """A schedule's time (or the periodic sweep): send whatever is due, in the background (a long fan-out must
    not hold the job, or the next tick is skipped with a warning)."""
    context.application.create_task(context.services.digests.kick(), name="digest-sweep")


def schedule_chat(application: BotApplication, chat_id: int) -> None:
    """(Re)build the job of one chat from its row; no row or inactive → no job."""
    queue = application.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(f"digest:{chat_id}"):
        job.schedule_removal()
    sub = get_subscription(application.bot_data.runtime.service.engine, chat_id)
    if sub is not None and sub.active:
        queue.run_custom(
            kick,
            job_kwargs={"trigger": schedule_of(sub).trigger(), "misfire_grace_time": 300, "coalesce": True},
            name=f"digest:{chat_id}",
        )


def schedule_all(application: BotApplication) -> int:
    """At start: one job per active subscription, from the database rows, plus the sweep (which also recovers
    claims left by a crash and sends what was missed within the grace window)."""
    rt = application.bot_data.runtime
    subs = active_subscriptions(rt.service.engine)
    for sub in subs:
        schedule_chat(application, sub.chat_id)
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            kick, interval=rt.settings.digest.sweep_seconds, first=1, name="digest-sweep"
        )
    log.info("digest jobs scheduled for %d subscriptions", len(subs))
    return len(subs)
