"""The Telegram sender of digests: sends a digest (text, then its chart) and turns Telegram's answers into the
delivery engine's outcomes (gone, moved, rejected, try again later)."""

from __future__ import annotations

from collections.abc import Awaitable
from html import escape
from typing import TypeVar

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.answering.runtime import Runtime
from bot.digests.compose import Digest
from bot.digests.dispatcher import ChatGone, ChatMoved, MessageRejected, TransientFailure
from bot.text.i18n import use_language
from bot.text.split import split_html
from handlers.render import CAPTION_LIMIT

T = TypeVar("T")
GONE_WORDS = (
    "chat not found",
    "bot was kicked",
    "not a member",
    "have no rights to send",
    "chat_write_forbidden",
    "user is deactivated",
    "group chat was deactivated",
)


class TelegramSender:
    """The ``Sender`` of :class:`bot.digests.dispatcher.DigestDispatcher` on Telegram."""

    def __init__(self, bot: Bot, runtime: Runtime) -> None:
        self.bot = bot
        self.runtime = runtime

    async def send_digest(self, chat_id: int, digest: Digest) -> int:
        first: int | None = None
        for part in split_html(digest.reply.html):
            message = await self._call(
                self.bot.send_message(chat_id, part, parse_mode=ParseMode.HTML, disable_web_page_preview=True)
            )
            first = first or message.message_id
        return first or 0

    async def send_chart(self, chat_id: int, digest: Digest) -> None:
        if digest.chart is None:
            return
        with use_language(digest.language):
            png, caption = self.runtime.chart(digest.chart)
        await self._call(
            self.bot.send_photo(
                chat_id, png, caption=escape(caption, quote=False)[:CAPTION_LIMIT], parse_mode=ParseMode.HTML
            )
        )

    @staticmethod
    async def _call(request: Awaitable[T]) -> T:
        """Telegram's answers as the delivery engine's outcomes."""
        try:
            return await request
        except ChatMigrated as exc:
            raise ChatMoved(exc.new_chat_id) from exc
        except Forbidden as exc:
            raise ChatGone(str(exc)) from exc
        except RetryAfter as exc:
            raise TransientFailure(f"flood control: retry after {exc.retry_after}") from exc
        except BadRequest as exc:
            if any(word in str(exc).lower() for word in GONE_WORDS):
                raise ChatGone(str(exc)) from exc
            raise MessageRejected(str(exc)) from exc
        except (TimedOut, NetworkError) as exc:
            raise TransientFailure(str(exc)) from exc
