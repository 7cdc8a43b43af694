"""Rendering a transport-free :class:`bot.answering.reply.Reply` as Telegram messages: text split at 4,096
characters, buttons on the last part, charts as photos, drill-down steps edited in place."""

from __future__ import annotations

import json
from functools import lru_cache

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MaybeInaccessibleMessage, Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest

from bot.answering.reply import Choice, Reply
from bot.text.split import split_html
from handlers.context import BotContext

BUTTONS_PER_ROW = 2
BUTTON_LABEL_LIMIT = 60
CAPTION_LIMIT = 1024
NO_LINK_PREVIEW = json.dumps({"is_disabled": True})
"""``disable_web_page_preview=True`` as PTB sends it (``link_preview_options``)."""


def keyboard(choices: list[Choice]) -> InlineKeyboardMarkup | None:
    if not choices:
        return None
    buttons = [InlineKeyboardButton(c.label[:BUTTON_LABEL_LIMIT], callback_data=c.action) for c in choices]
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


@lru_cache(maxsize=4096)
def keyboard_json(choices: tuple[Choice, ...]) -> str:
    """The inline keyboard of ``choices`` as the JSON Telegram reads (the same rows and keys PTB writes for
    :func:`keyboard`), made once per distinct set of buttons: most replies carry one of a few hundred keyboards."""
    buttons = [{"callback_data": c.action, "text": c.label[:BUTTON_LABEL_LIMIT]} for c in choices]
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return json.dumps({"inline_keyboard": rows})


def message_parameters(
    chat_id: int,
    text: str,
    choices: tuple[Choice, ...] = (),
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> dict[str, object]:
    """The parameters of one ``sendMessage`` of HTML text without a link preview (a quoted reply that still goes
    out when the quoted message is gone), exactly as ``Bot.send_message`` would put them on the wire."""
    parameters: dict[str, object] = {
        "chat_id": chat_id,
        "text": text,
        "link_preview_options": NO_LINK_PREVIEW,
        "parse_mode": ParseMode.HTML.value,
    }
    if thread_id is not None:
        parameters["message_thread_id"] = thread_id
    if choices:
        parameters["reply_markup"] = keyboard_json(choices)
    if reply_to is not None:
        parameters["reply_parameters"] = json.dumps({"allow_sending_without_reply": True, "message_id": reply_to})
    return parameters


async def post_message(bot: Bot, parameters: dict[str, object]) -> None:
    """Send one message without reading Telegram's answer back into a :class:`telegram.Message`.

    ``Bot.send_message`` turns every answer into a ``Message`` with its entities and inline keyboard, which no
    caller here reads; that parse cost about as much CPU as everything else PTB does for the request
    (docs/benchmarks.md, "Telegram throughput"). This is the path every ``Bot`` method takes (``Bot._post``: the
    bot's defaults, the rate limiter of an ``ExtBot``, the request with its retries, Telegram's errors raised as
    PTB's exceptions) without the last step. ``Bot.do_api_request`` would do the same but warns for an existing
    method."""
    await bot._post("sendMessage", parameters)


async def send_reply(
    context: BotContext,
    chat_id: int,
    reply: Reply,
    *,
    reply_to: int | None = None,
    thread_id: int | None = None,
) -> None:
    """Send the text (split at 4,096 characters) with the buttons on the last part; a chart reply is a photo."""
    if reply.intent == "chart" and reply.chart is not None:
        await send_chart(context, chat_id, reply, reply_to=reply_to, thread_id=thread_id)
        return
    parts = split_html(reply.html)
    choices = tuple(reply.choices)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        await post_message(
            context.bot,
            message_parameters(
                chat_id,
                part,
                choices if last else (),
                reply_to=reply_to if i == 0 else None,
                thread_id=thread_id,
            ),
        )


async def answer_update(update: Update, context: BotContext, reply: Reply) -> None:
    """Reply to the message of an update: quoted in groups (so the thread stays readable), in its topic if any."""
    message = update.effective_message
    if message is None:
        return
    await send_reply(
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
