"""Inline buttons: drill-down steps, "Maksud Anda …?" choices, charts and the language picker."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.answering import ui
from bot.text.i18n import LANGUAGES, _
from handlers.render import edit_reply, runtime, send_reply


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed button: answer it, then edit the message in place (or send a chart / a new message)."""
    query = update.callback_query
    if query is None:
        return
    rt = runtime(context)
    data = query.data or ""
    message = query.message
    if data.startswith("lang:"):
        choice = data.split(":", 1)[1]
        if choice not in LANGUAGES or message is None or query.from_user is None:
            await query.answer(_("Maaf, tombol itu sudah tidak berlaku."), show_alert=False)
            return
        chat = message.chat
        lang = rt.set_language(chat.id if chat.type != "private" else query.from_user.id, choice)
        with rt.in_language(lang):
            await query.answer()
            reply = ui.language_set(lang)
            await edit_reply(message, reply)  # type: ignore[arg-type]
        return
    reply = rt.answer_action(data)
    if reply.intent == "stale_button" or message is None:
        await query.answer(_("Maaf, tombol itu sudah tidak berlaku. Silakan ketik pertanyaan Anda."), show_alert=True)
        return
    await query.answer()
    if reply.intent == "chart" or data.startswith("ask:"):
        await send_reply(context, message.chat.id, reply)
        return
    try:
        await edit_reply(message, reply)  # type: ignore[arg-type]
    except BadRequest as exc:  # "message is not modified" or a message too old to edit: send it anew
        if "not modified" in str(exc).lower():
            return
        await send_reply(context, message.chat.id, reply)
