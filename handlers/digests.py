"""Digests on Telegram: /langganan, /berhenti, /jadwal, membership and migration updates, the scheduled jobs,
and the sender that turns Telegram's answers into the delivery engine's outcomes."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from html import escape
from typing import TypeVar

from telegram import ChatMember, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ChatMemberHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.answering.reply import esc
from bot.answering.ui import group_hint
from bot.digests.commands import CommandResult, schedule_command, subscribe_command, unsubscribe_command
from bot.digests.compose import Digest
from bot.digests.dispatcher import ChatGone, ChatMoved, DigestDispatcher, MessageRejected, TransientFailure
from bot.digests.subscriptions import active_subscriptions, migrate_chat, schedule_of, unsubscribe
from bot.text.i18n import current_language, use_language
from bot.text.split import split_html
from handlers.render import CAPTION_LIMIT, answer_update, runtime, send_reply

log = logging.getLogger(__name__)
T = TypeVar("T")
GONE_WORDS = (
    "chat not found",
    "bot was kicked",
    "not a member",
    "have no rights to send",
    "chat_write_forbidden",
    "user is deactivated",
    "group chat was deactivated",
)


class TelegramSender:
    """Sends a digest (text, then the chart) and maps Telegram's errors to delivery outcomes."""

    def __init__(self, application: Application) -> None:
        self.application = application

    async def send_digest(self, chat_id: int, digest: Digest) -> int:
        first: int | None = None
        for part in split_html(digest.reply.html):
            message = await self._call(
                self.application.bot.send_message(
                    chat_id, part, parse_mode=ParseMode.HTML, disable_web_page_preview=True
                )
            )
            first = first or message.message_id
        return first or 0

    async def send_chart(self, chat_id: int, digest: Digest) -> None:
        if digest.chart is None:
            return
        runtime_ = self.application.bot_data["runtime"]
        with use_language(digest.language):
            png, caption = runtime_.chart(digest.chart)
        await self._call(
            self.application.bot.send_photo(
                chat_id, png, caption=escape(caption, quote=False)[:CAPTION_LIMIT], parse_mode=ParseMode.HTML
            )
        )

    @staticmethod
    async def _call(request: Awaitable[T]) -> T:
        """Telegram's answers as the delivery engine's outcomes."""
        try:
            return await request
        except ChatMigrated as exc:
            raise ChatMoved(exc.new_chat_id) from exc
        except Forbidden as exc:
            raise ChatGone(str(exc)) from exc
        except RetryAfter as exc:
            raise TransientFailure(f"flood control: retry after {exc.retry_after}") from exc
        except BadRequest as exc:
            if any(word in str(exc).lower() for word in GONE_WORDS):
                raise ChatGone(str(exc)) from exc
            raise MessageRejected(str(exc)) from exc
        except (TimedOut, NetworkError) as exc:
            raise TransientFailure(str(exc)) from exc


def dispatcher(context_or_app: ContextTypes.DEFAULT_TYPE | Application) -> DigestDispatcher:
    app = context_or_app if isinstance(context_or_app, Application) else context_or_app.application
    return app.bot_data["digests"]


async def _kick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A schedule's time (or the periodic sweep): send whatever is due, in the background (a long fan-out must
    not hold the job, or the next tick is skipped with a warning)."""
    context.application.create_task(dispatcher(context).kick(), name="digest-sweep")


def schedule_chat(application: Application, chat_id: int) -> None:
    """(Re)build the job of one chat from its row; no row or inactive → no job."""
    queue = application.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(f"digest:{chat_id}"):
        job.schedule_removal()
    rt = application.bot_data["runtime"]
    from bot.digests.subscriptions import get_subscription

    sub = get_subscription(rt.service.engine, chat_id)
    if sub is not None and sub.active:
        queue.run_custom(
            _kick,
            job_kwargs={"trigger": schedule_of(sub).trigger(), "misfire_grace_time": 300, "coalesce": True},
            name=f"digest:{chat_id}",
        )


def schedule_all(application: Application) -> int:
    """At start: one job per active subscription, from the database rows, plus the sweep (which also recovers
    claims left by a crash and sends what was missed within the grace window)."""
    rt = application.bot_data["runtime"]
    subs = active_subscriptions(rt.service.engine)
    for sub in subs:
        schedule_chat(application, sub.chat_id)
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            _kick, interval=rt.settings.digest_sweep_seconds, first=1, name="digest-sweep"
        )
    log.info("digest jobs scheduled for %d subscriptions", len(subs))
    return len(subs)


async def _respond(update: Update, context: ContextTypes.DEFAULT_TYPE, result: CommandResult) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    if result.reschedule or result.unschedule:
        schedule_chat(context.application, chat.id)
    await answer_update(update, context, result.reply)


def _anonymous(update: Update) -> bool:
    """A group admin writing as the group itself ("Remain anonymous"): Telegram does not say who it is."""
    message, chat = update.effective_message, update.effective_chat
    sender = message.sender_chat if message is not None else None
    return sender is not None and chat is not None and sender.id == chat.id


async def subscribe_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/langganan [wilayah|program]: subscribe this group to the digest (staff only)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    result = subscribe_command(
        runtime(context),
        chat.id,
        chat.title or chat.full_name or "",
        chat.type,
        user.id if user else None,
        " ".join(context.args or []),
        current_language(),
        anonymous=_anonymous(update),
    )
    await _respond(update, context, result)


async def unsubscribe_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/berhenti: stop this group's digest (staff only)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    result = unsubscribe_command(runtime(context), chat.id, user.id if user else None, anonymous=_anonymous(update))
    await _respond(update, context, result)


async def schedule_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/jadwal [senin 08:00 | harian 07:30 | bulanan 1 08:00]: show or change the schedule (changing: staff)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    result = schedule_command(
        runtime(context),
        chat.id,
        user.id if user else None,
        " ".join(context.args or []),
        chat_type=chat.type,
        anonymous=_anonymous(update),
    )
    await _respond(update, context, result)


async def membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Added to a group: say hello and how to ask. Removed (or blocked): the chat's subscription ends."""
    change = update.my_chat_member
    if change is None:
        return
    joined = change.old_chat_member.status in (ChatMember.LEFT, ChatMember.BANNED) and (
        change.new_chat_member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR)
    )
    if joined and change.chat.type != "private":
        reply = runtime(context).service.answerer().greeting()
        reply.html += "\n\n" + esc(group_hint(context.bot.username))
        await send_reply(context, change.chat.id, reply)
        return
    removed = change.new_chat_member.status in (ChatMember.LEFT, ChatMember.BANNED)
    if removed and unsubscribe(runtime(context).service.engine, change.chat.id, f"bot {change.new_chat_member.status}"):
        schedule_chat(context.application, change.chat.id)


async def migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: the subscription moves to the new chat id."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    if migrate_chat(runtime(context).service.engine, old, new):
        schedule_chat(context.application, old)
        schedule_chat(context.application, new)


def register(application: Application) -> None:
    application.bot_data["digests"] = DigestDispatcher(
        application.bot_data["runtime"].service, application.bot_data["runtime"].settings, TelegramSender(application)
    )
    application.add_handler(CommandHandler("langganan", subscribe_cmd))
    application.add_handler(CommandHandler("berhenti", unsubscribe_cmd))
    application.add_handler(CommandHandler("jadwal", schedule_cmd))
    application.add_handler(ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))
