"""Free-text questions: every message in a private chat (a photo's caption too); in groups only when the bot is
addressed. A voice note, sticker, location or photo without a caption in a private chat gets one line saying the bot
reads text."""

from __future__ import annotations

import asyncio
import re

from telegram import Message, MessageEntity, Update
from telegram.ext import Application, MessageHandler, filters

from handlers.context import BotContext
from handlers.render import send_reply


def addressed_text(message: Message, bot_id: int, bot_username: str) -> str | None:
    """The question in a message, or None when a group message is not for the bot.

    In groups Telegram's privacy mode delivers mentions, replies to the bot and commands; we answer the first two.
    """
    text = message.text or message.caption or ""
    if message.chat.type == "private":
        return text
    mention = f"@{bot_username}".lower()
    addressed = False
    for entity in message.entities or ():
        value = message.parse_entity(entity)
        if entity.type == MessageEntity.MENTION and value.lower() == mention:
            addressed = True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            addressed = True
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        addressed = True
    if not addressed:
        return None
    return re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE).strip()


async def question(update: Update, context: BotContext) -> None:
    """A question typed by a user: the answer, with buttons and a chart button where useful."""
    message = update.effective_message
    if message is None:
        return
    text = addressed_text(message, context.bot.id, context.bot.username)
    if text is None:
        return
    runtime = context.services.runtime
    # Composed on the event loop: updates are handled one at a time anyway, and a hop to a worker thread cost as
    # much CPU as the answer itself (GIL hand-overs, loop wake-ups). Only the database write of an unanswered
    # question goes to a thread, while the reply is on its way.
    reply = runtime.compose(text)
    recording = None if reply.understood else asyncio.create_task(asyncio.to_thread(runtime.record_unanswered, text))
    in_group = message.chat.type != "private"
    try:
        await send_reply(
            context,
            message.chat_id,
            reply,
            reply_to=message.message_id if in_group else None,
            thread_id=message.message_thread_id if message.is_topic_message else None,
        )
    finally:
        if recording is not None:
            await recording


async def non_text(update: Update, context: BotContext) -> None:
    """A voice note, sticker, location or bare photo in a private chat: one line asking for the question as text."""
    message = update.effective_message
    if message is None or message.chat.type != "private":
        return
    await send_reply(context, message.chat_id, context.services.runtime.service.answerer().non_text())


def register_media(application: Application) -> None:
    """Captions of photos are questions; other media get the one-line hint (private chats only)."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGES
    application.add_handler(MessageHandler(private & filters.PHOTO & filters.CAPTION, question))
    media = filters.VOICE | filters.AUDIO | filters.VIDEO_NOTE | filters.Sticker.ALL | filters.LOCATION | filters.PHOTO
    application.add_handler(MessageHandler(private & media, non_text))
