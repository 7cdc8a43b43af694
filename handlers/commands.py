"""Slash commands. Each reads the update, asks ``bot`` for a reply and sends it."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ContextTypes

from bot.answering import ui
from bot.answering.reply import Reply
from bot.text.i18n import LANGUAGES
from handlers.render import answer_update, runtime


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: a welcome, three example questions and buttons to try them."""
    await answer_update(update, context, runtime(context).service.answerer().greeting())


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bantuan and /help: what the bot answers, with examples."""
    await answer_update(update, context, runtime(context).service.answerer().help())


async def programs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/program: every program with its total; a button per program drills down to its regions."""
    await answer_update(update, context, runtime(context).service.answerer().program_list(None))


async def regions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/wilayah: every kab/kota with its total; a button per region shows its programs."""
    await answer_update(update, context, runtime(context).service.answerer().region_list(None))


async def summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ringkasan: the public province summary; in a subscribed staff group, that group's digest on demand."""
    rt = runtime(context)
    chat = update.effective_chat
    if chat is not None and chat.type != "private":
        from bot.digests.dispatcher import preview
        from bot.digests.subscriptions import get_subscription

        sub = await asyncio.to_thread(get_subscription, rt.service.engine, chat.id)
        if sub is not None and sub.active:  # a staff group: its digest; any other group: the public summary
            await answer_update(update, context, preview(rt.service, rt.settings, chat.id).reply)
            return
    await answer_update(update, context, rt.service.answerer().province_summary(None))


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/grafik [program]: a bar chart of households per kab/kota as a photo."""
    rt = runtime(context)
    request = rt.chart_for(" ".join(context.args or []))
    if isinstance(request, Reply):
        await answer_update(update, context, request)
        return
    await answer_update(update, context, rt.service.answerer().chart(request.program, request.year))


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bahasa [id|en]: switch the language (per user in private, per chat in groups)."""
    rt = runtime(context)
    args = context.args or []
    if not args:
        await answer_update(update, context, ui.language_prompt())
        return
    choice = args[0].lower()
    if choice not in LANGUAGES:
        await answer_update(update, context, ui.language_unknown(args[0]))
        return
    chat = update.effective_chat
    user = update.effective_user
    subject = chat.id if chat and chat.type != "private" else (user.id if user else None)
    if subject is None:
        return
    lang = rt.set_language(subject, choice)
    with rt.in_language(lang):
        await answer_update(update, context, ui.language_set(lang))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/tentang: where the figures come from, the year they are for and their own date (never the set-up time)."""
    await answer_update(update, context, runtime(context).service.answerer().data_about())
