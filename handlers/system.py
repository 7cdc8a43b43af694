"""Cross-cutting work done once around every update: the reader's language, flood control of citizens'
questions, and the error handler (which logs once, with the bot token redacted, and apologises to the user)."""

from __future__ import annotations

import asyncio
import html
import json
import logging
import traceback

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import ApplicationHandlerStop

from bot.answering import ui
from bot.answering.throttle import Verdict
from bot.text.i18n import _current as current_language_var
from handlers.context import BotContext
from handlers.questions import addressed_text
from handlers.render import send_reply

log = logging.getLogger(__name__)


def is_free_text_question(update: Update, context: BotContext) -> bool:
    """A typed question for the bot (not a command; in a group, only one addressed to the bot): the only kind of
    update the flood control counts, so chatter in a group never earns anyone a warning."""
    message = update.message or update.edited_message
    if message is None or message.text is None or message.text.startswith("/"):
        return False
    return addressed_text(message, context.bot.id, context.bot.username) is not None


async def before_every_update(update: object, context: BotContext) -> None:
    """Set the reader's language for this update; stop floods of citizens' questions (one polite warning, then
    silence). Commands, buttons, uploads and anything staff send are never throttled, so no command is dropped."""
    if not isinstance(update, Update):
        return
    rt = context.services.runtime
    user = update.effective_user
    chat = update.effective_chat
    current_language_var.set(
        rt.language(
            user.id if user else None,
            chat.id if chat and chat.type != "private" else None,
            user.language_code if user else None,
        )
    )
    if user is None or not is_free_text_question(update, context):
        return
    verdict = rt.check_flood(user.id)
    if verdict is Verdict.ALLOW:
        return
    if await asyncio.to_thread(context.services.staff_desk.is_staff, user.id):
        return  # staff at work are never slowed down
    if verdict is Verdict.WARN and chat is not None:
        await send_reply(context, chat.id, ui.slow_down())
    raise ApplicationHandlerStop


async def on_error(update: object, context: BotContext) -> None:
    """Log the update and the traceback once (the log's redaction filter removes the token from both); tell the
    user something went wrong; carry on."""
    error = context.error
    payload = update.to_dict() if isinstance(update, Update) else str(update)
    trace = "".join(traceback.format_exception(None, error, error.__traceback__)) if error else ""
    log.error(
        "error while handling an update: %s\nupdate: %s\n%s",
        error,
        json.dumps(payload, ensure_ascii=False, default=str)[:4000],
        trace,
    )
    if isinstance(update, Update) and update.effective_chat is not None and not isinstance(error, Forbidden):
        try:
            await send_reply(context, update.effective_chat.id, ui.something_went_wrong())
        except Exception:  # the apology itself failed (blocked, network): nothing more to do
            log.warning("could not tell chat %s about the error", html.escape(str(update.effective_chat.id)))
