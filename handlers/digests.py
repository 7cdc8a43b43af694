"""Digest commands and group events on Telegram: /langganan, /berhenti, /jadwal, the bot added to or removed from a
group, a group migrated to a supergroup. Thin: the work is in ``bot/digests``; the jobs are in ``digest_jobs``,
the sender in ``sender``."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.ext import ChatMemberHandler, CommandHandler, MessageHandler, filters

from bot.answering.reply import esc
from bot.answering.ui import group_hint
from bot.digests.commands import CommandResult, schedule_command, subscribe_command, unsubscribe_command
from bot.digests.subscriptions import migrate_chat, unsubscribe
from bot.text.i18n import current_language
from handlers.context import BotApplication, BotContext
from handlers.digest_jobs import schedule_chat
from handlers.render import answer_update, send_reply


async def _respond(update: Update, context: BotContext, result: CommandResult) -> None:
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


async def subscribe_cmd(update: Update, context: BotContext) -> None:
    """/langganan [wilayah|program]: subscribe this group to the digest (staff only)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    result = subscribe_command(
        context.services.runtime,
        chat.id,
        chat.title or chat.full_name or "",
        chat.type,
        user.id if user else None,
        " ".join(context.args or []),
        current_language(),
        anonymous=_anonymous(update),
    )
    await _respond(update, context, result)


async def unsubscribe_cmd(update: Update, context: BotContext) -> None:
    """/berhenti: stop this group's digest (staff only)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    result = unsubscribe_command(
        context.services.runtime, chat.id, user.id if user else None, anonymous=_anonymous(update)
    )
    await _respond(update, context, result)


async def schedule_cmd(update: Update, context: BotContext) -> None:
    """/jadwal [senin 08:00 | harian 07:30 | bulanan 1 08:00]: show or change the schedule (changing: staff)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    result = schedule_command(
        context.services.runtime,
        chat.id,
        user.id if user else None,
        " ".join(context.args or []),
        chat_type=chat.type,
        anonymous=_anonymous(update),
    )
    await _respond(update, context, result)


async def membership(update: Update, context: BotContext) -> None:
    """Added to a group: say hello and how to ask. Removed (or blocked): the chat's subscription ends."""
    change = update.my_chat_member
    if change is None:
        return
    joined = change.old_chat_member.status in (ChatMember.LEFT, ChatMember.BANNED) and (
        change.new_chat_member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR)
    )
    rt = context.services.runtime
    if joined and change.chat.type != "private":
        reply = rt.service.answerer().greeting()
        reply.html += "\n\n" + esc(group_hint(context.bot.username))
        await send_reply(context, change.chat.id, reply)
        return
    removed = change.new_chat_member.status in (ChatMember.LEFT, ChatMember.BANNED)
    if removed and unsubscribe(rt.service.engine, change.chat.id, f"bot {change.new_chat_member.status}"):
        schedule_chat(context.application, change.chat.id)


async def migrated(update: Update, context: BotContext) -> None:
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
    if migrate_chat(context.services.runtime.service.engine, old, new):
        schedule_chat(context.application, old)
        schedule_chat(context.application, new)


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("langganan", subscribe_cmd))
    application.add_handler(CommandHandler("berhenti", unsubscribe_cmd))
    application.add_handler(CommandHandler("jadwal", schedule_cmd))
    application.add_handler(ChatMemberHandler(membership, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, migrated))
