"""Permission checks applied once, as decorators around a handler (like ultimate-poll-bot's ``admin_required``),
instead of ``if`` blocks copied into every handler. A refused user always gets a polite answer, and the log a
``refused <command> for user <id>`` line."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Chat, ChatMember, Update
from telegram.error import TelegramError

from bot.staff.replies import refused_admin_only, refused_staff_only
from handlers.context import BotContext
from handlers.render import answer_update

log = logging.getLogger(__name__)
Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def staff_only(command: str, *, admin: bool = False) -> Callable[[Handler], Handler]:
    """Let only staff through (only admins with ``admin=True``); everyone else is refused politely."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: BotContext) -> None:
            user = update.effective_user
            desk = context.services.staff_desk
            if user is not None and (
                desk.is_admin(user.id) if admin else await asyncio.to_thread(desk.is_staff, user.id)
            ):
                await handler(update, context)
                return
            log.warning("refused %s for user %s", command, user.id if user else None)
            await answer_update(update, context, refused_admin_only() if admin else refused_staff_only())

        return guarded

    return decorate


async def may_change_chat_settings(update: Update, context: BotContext) -> bool:
    """In a private chat, the user; in a group, its admins (anonymous ones included) and staff."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or chat.type == Chat.PRIVATE:
        return True
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous group admin writes as the group itself
    if user is None:
        return False
    if await asyncio.to_thread(context.services.staff_desk.is_staff, user.id):
        return True
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:  # Telegram cannot say: refuse (politely) rather than guess
        log.warning("could not check %s in chat %s: %s", user.id, chat.id, exc)
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)
