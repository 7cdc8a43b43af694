"""Every inline button, through one dispatch table: the callback data is read with the one grammar
(``bot/answering/actions.py``) and its :class:`~bot.answering.actions.Kind` picks the handler — drill-down steps
and examples, the language picker, "Terapkan"/"Batal" under an import preview. Data that does not parse (forged,
empty, from an old version) gets "tombol tidak berlaku"."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.answering import ui
from bot.answering.actions import ANSWER_KINDS, Action, Kind, parse_action
from handlers import staff
from handlers.context import BotContext
from handlers.guards import may_change_chat_settings
from handlers.render import edit_or_send, send_reply

ButtonHandler = Callable[[Update, BotContext, Action], Coroutine[Any, Any, None]]


async def button(update: Update, context: BotContext) -> None:
    """A pressed button: hand it to the handler of its kind, or say it no longer works."""
    query = update.callback_query
    if query is None:
        return
    action = parse_action(query.data)
    if action is None or query.message is None or query.from_user is None:
        await query.answer(ui.button_expired(), show_alert=True)
        return
    await ROUTES[action.kind](update, context, action)


async def show_answer(update: Update, context: BotContext, action: Action) -> None:
    """A drill-down step, a list, a chart or an example question: edit the message in place (a chart and an
    example question come as a new message)."""
    query = update.callback_query
    assert query is not None and query.message is not None
    reply = context.services.runtime.answer_action(action)
    if reply.intent == "stale_button":
        await query.answer(ui.button_expired(), show_alert=True)
        return
    await query.answer()
    if reply.intent == "chart" or action.kind is Kind.ASK:
        await send_reply(context, query.message.chat.id, reply)
        return
    await edit_or_send(context, query.message, reply)


async def choose_language(update: Update, context: BotContext, action: Action) -> None:
    """The language picker: per user in a private chat, per group (its admins and staff only) in a group."""
    query = update.callback_query
    assert query is not None and query.message is not None and query.from_user is not None
    if not await may_change_chat_settings(update, context):
        await query.answer(ui.language_refused().plain(), show_alert=True)
        return
    rt = context.services.runtime
    chat = query.message.chat
    lang = rt.set_language(chat.id if chat.type != "private" else query.from_user.id, action.language or "")
    with rt.in_language(lang):
        await query.answer()
        await edit_or_send(context, query.message, ui.language_set(lang))


ROUTES: dict[Kind, ButtonHandler] = {
    **{kind: show_answer for kind in ANSWER_KINDS},
    Kind.LANGUAGE: choose_language,
    Kind.IMPORT_APPLY: staff.import_button,
    Kind.IMPORT_CANCEL: staff.import_button,
}
"""Button kind → the handler that answers it (every kind has one)."""
