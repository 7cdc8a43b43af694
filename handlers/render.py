"""Rendering a transport-free :class:`bot.answering.reply.Reply` as Telegram messages: text split at 4,096
characters, buttons on the last part, charts as photos, drill-down steps edited in place."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MaybeInaccessibleMessage, Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest

from bot.answering.reply import Choice, Reply
from bot.text.split import split_html
from handlers.context import BotContext

BUTTONS_PER_ROW = 2
CAPTION_LIMIT = 1024


def keyboard(choices: list[Choice]) -> InlineKeyboardMarkup | None:
    if not choices:
        return None
    buttons = [InlineKeyboardButton(c.label[:60], callback_data=c.action) for c in choices]
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


async def send_reply(
    context: BotContext,
    chat_id: int,
    reply: Reply,
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> Message | None:
    """Send the text (split at 4,096 characters) with the buttons on the last part; a chart reply is a photo."""
    if reply.intent == "chart" and reply.chart is not None:
        return await send_chart(context, chat_id, reply, reply_to=reply_to, thread_id=thread_id)
    parts = split_html(reply.html)
    sent: Message | None = None
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        sent = await context.bot.send_message(
            chat_id,
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard(reply.choices) if last else None,
            reply_to_message_id=reply_to if i == 0 else None,
            message_thread_id=thread_id,
            allow_sending_without_reply=True,
            disable_web_page_preview=True,
        )
    return sent


async def answer_update(update: Update, context: BotContext, reply: Reply) -> Message | None:
    """Reply to the message of an update: quoted in groups (so the thread stays readable), in its topic if any."""
    message = update.effective_message
    if message is None:
        return None
    return await send_reply(
        context,
        message.chat_id,
        reply,
        reply_to=message.message_id if message.chat.type != "private" else None,
        thread_id=message.message_thread_id if message.is_topic_message else None,
    )


async def send_chart(
    context: BotContext,
    chat_id: int,
    reply: Reply,
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> Message | None:
    if reply.chart is None:
        return None
    await context.bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO, message_thread_id=thread_id)
    png, _caption = context.services.runtime.chart(reply.chart)
    caption = split_html(reply.html, limit=CAPTION_LIMIT)[0]
    return await context.bot.send_photo(
        chat_id,
        png,
        caption=caption,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(reply.choices),
        reply_to_message_id=reply_to,
        message_thread_id=thread_id,
        allow_sending_without_reply=True,
    )


async def edit_reply(message: Message, reply: Reply) -> None:
    """Replace a bot message (a drill-down step) with a new reply; a long one is sent as new messages instead."""
    parts = split_html(reply.html)
    if len(parts) == 1:
        await message.edit_text(
            parts[0], parse_mode=ParseMode.HTML, reply_markup=keyboard(reply.choices), disable_web_page_preview=True
        )
        return
    for i, part in enumerate(parts):
        await message.chat.send_message(
            part, parse_mode=ParseMode.HTML, reply_markup=keyboard(reply.choices) if i == len(parts) - 1 else None
        )


async def edit_or_send(context: BotContext, message: MaybeInaccessibleMessage, reply: Reply) -> None:
    """Edit a bot message in place; a message too old (or otherwise impossible) to edit gets the reply as a new
    message instead, so a pressed button is never left without its answer."""
    if isinstance(message, Message):
        try:
            await edit_reply(message, reply)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
    await send_reply(context, message.chat.id, reply)
