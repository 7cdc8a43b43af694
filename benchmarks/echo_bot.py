"""The framework's floor: a bare python-telegram-bot Application that echoes every text message (commands too).

Configured like the real bot (``TELEGRAM_BOT_TOKEN``, ``TELEGRAM_API_BASE_URL``, ``TELEGRAM_API_FILE_URL``) and run
with long polling, but with nothing of Tanya Bansos: no database, no understanding, default ``HTTPXRequest``, and no
rate limiter unless ``ECHO_RATE_LIMITER=1`` (then PTB's ``AIORateLimiter`` set up exactly as the bot's).
``benchmarks/bot_throughput.py`` runs it as a subprocess to compare against ``tanyabansos run``::

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=http://127.0.0.1:PORT/bot .venv/bin/python benchmarks/echo_bot.py
"""

from __future__ import annotations

import logging
import os

from telegram import Update
from telegram.ext import AIORateLimiter, Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await context.bot.send_message(message.chat_id, message.text)


def main() -> None:
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO").upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token = os.environ["TELEGRAM_BOT_TOKEN"]
    base_url = os.environ.get("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot")
    builder = Application.builder().token(token).base_url(base_url)
    if os.environ.get("TELEGRAM_API_FILE_URL"):
        builder = builder.base_file_url(os.environ["TELEGRAM_API_FILE_URL"])
    if os.environ.get("ECHO_RATE_LIMITER"):
        # Exactly the bot's limiter (handlers/application.py): one request per 1/30 s, 20 per minute per group.
        builder = builder.rate_limiter(
            AIORateLimiter(overall_max_rate=1, overall_time_period=1 / 30, group_max_rate=20, max_retries=5)
        )
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
