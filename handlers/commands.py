"""Slash commands. Each reads the update, asks ``bot`` for a reply and sends it."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.answering import ui
from bot.answering.reply import Reply
from bot.text.i18n import LANGUAGES
from handlers.context import BotContext
from handlers.guards import may_change_chat_settings
from handlers.render import answer_update


async def _public(update: Update, context: BotContext, name: str) -> None:
    """A command answered from the figures alone (the same table the console uses)."""
    reply = ui.PUBLIC_COMMANDS[name](context.services.runtime.service.answerer())
    await answer_update(update, context, ui.explain_terms(reply))


async def start(update: Update, context: BotContext) -> None:
    """/start: a welcome, three example questions and buttons to try them."""
    await _public(update, context, "start")


async def help_command(update: Update, context: BotContext) -> None:
    """/bantuan and /help: what the bot answers, with examples."""
    await _public(update, context, "bantuan")


async def programs(update: Update, context: BotContext) -> None:
    """/program: every program with its total; a button per program drills down to its regions."""
    await _public(update, context, "program")


async def regions(update: Update, context: BotContext) -> None:
    """/wilayah: every kab/kota with its total; a button per region shows its programs."""
    await _public(update, context, "wilayah")


async def summary(update: Update, context: BotContext) -> None:
    """/ringkasan: the public province summary; in a subscribed staff group, that group's digest on demand."""
    rt = context.services.runtime
    chat = update.effective_chat
    if chat is not None and chat.type != "private":
        from bot.digests.dispatcher import preview
        from bot.digests.subscriptions import get_subscription

        sub = await asyncio.to_thread(get_subscription, rt.service.engine, chat.id)
        if sub is not None and sub.active:  # a staff group: its digest; any other group: the public summary
            await answer_update(update, context, preview(rt.service, rt.settings, chat.id).reply)
            return
    await answer_update(update, context, ui.explain_terms(rt.service.answerer().province_summary(None)))


async def chart(update: Update, context: BotContext) -> None:
    """/grafik [program]: a bar chart of households per kab/kota as a photo."""
    rt = context.services.runtime
    request = rt.chart_for(" ".join(context.args or []))
    if isinstance(request, Reply):
        await answer_update(update, context, request)
        return
    await answer_update(update, context, rt.service.answerer().chart(request.program, request.year))


async def language(update: Update, context: BotContext) -> None:
    """/bahasa [id|en]: switch the language (per user in private; per chat in groups, by its admins and staff)."""
    rt = context.services.runtime
    args = context.args or []
    if not args:
        await answer_update(update, context, ui.language_prompt())
        return
    choice = args[0].lower()
    if choice not in LANGUAGES:
        await answer_update(update, context, ui.language_unknown(args[0]))
        return
    if not await may_change_chat_settings(update, context):
        await answer_update(update, context, ui.language_refused())
        return
    chat = update.effective_chat
    user = update.effective_user
    subject = chat.id if chat and chat.type != "private" else (user.id if user else None)
    if subject is None:
        return
    lang = rt.set_language(subject, choice)
    with rt.in_language(lang):
        await answer_update(update, context, ui.language_set(lang))


async def about(update: Update, context: BotContext) -> None:
    """/tentang: where the figures come from, the year they are for and their own date (never the set-up time)."""
    await answer_update(update, context, context.services.runtime.service.answerer().data_about())
