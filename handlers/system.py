"""Cross-cutting work done once around every update: language, flood control, errors, membership changes."""

from __future__ import annotations

import html
import json
import logging
import traceback

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.answering import ui
from bot.answering.throttle import Verdict
from bot.text.i18n import _current as current_language_var
from handlers.render import runtime, send_reply

log = logging.getLogger(__name__)


async def before_every_update(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Set the reader's language for this update; stop floods (one polite warning, then silence)."""
    if not isinstance(update, Update):
        return
    rt = runtime(context)
    user = update.effective_user
    chat = update.effective_chat
    current_language_var.set(
        rt.language(
            user.id if user else None,
            chat.id if chat and chat.type != "private" else None,
            user.language_code if user else None,
        )
    )
    if user is None or update.my_chat_member is not None:
        return
    verdict = rt.check_flood(user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.WARN and chat is not None:
        await send_reply(context, chat.id, ui.slow_down())
    if update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the update and the traceback once; tell the user something went wrong; carry on."""
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
