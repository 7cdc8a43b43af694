"""The one place that builds and runs the python-telegram-bot ``Application``: all wiring on one screen.

``build_application`` makes the services once (runtime, digest dispatcher with its Telegram sender, staff desk),
puts them in the typed context (``handlers/context.py``) and registers every handler; ``run`` starts it, and turns
a token Telegram rejects into one line for the operator and exit status 1.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any, ClassVar

import httpx
from telegram import BotCommand, Update
from telegram.error import InvalidToken, NetworkError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest, RequestData

from bot.answering.runtime import Runtime
from bot.answering.ui import command_menu
from bot.config import Settings
from bot.digests.dispatcher import DigestDispatcher, SweepReport
from bot.staff.desk import StaffDesk
from handlers import buttons, commands, digest_jobs, digests, questions, staff, system
from handlers.context import CONTEXT_TYPES, BotApplication
from handlers.logs import configure_logging
from handlers.sender import TelegramSender

log = logging.getLogger(__name__)
RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0)
DefaultValue = type(HTTPXRequest.DEFAULT_NONE)  # PTB's "not given, use the default" marker


class RetryingRequest(HTTPXRequest):
    """Retries Telegram's 5xx answers and dropped connections with backoff (429 is the rate limiter's job).

    A request without files goes as a JSON body (the Bot API takes ``application/json``) with the same values PTB
    would put in a form: PTB's form encoding quotes every byte of a reply in Python, 0.1–0.15 ms of CPU for a
    typical answer against 0.04 ms for the JSON. Uploads keep PTB's multipart path."""

    JSON_HEADERS: ClassVar[dict[str, str]] = {
        "User-Agent": HTTPXRequest.USER_AGENT,
        "Content-Type": "application/json",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, httpx.URL] = {}

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: Any = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        for attempt, delay in enumerate((*RETRY_DELAYS, None)):
            try:
                code, payload = await self._send(
                    url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
                )
            except Exception as exc:
                if delay is None or not _is_connection_error(exc):
                    raise
                log.warning("Telegram unreachable (%s); retry %d in %.1fs", type(exc).__name__, attempt + 1, delay)
            else:
                if code < 500 or delay is None:
                    return code, payload
                log.warning("Telegram answered %d; retry %d in %.1fs", code, attempt + 1, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def _send(
        self,
        url: str,
        method: str,
        request_data: RequestData | None,
        read_timeout: Any,
        write_timeout: Any,
        connect_timeout: Any,
        pool_timeout: Any,
    ) -> tuple[int, bytes]:
        """One attempt: PTB's own for uploads, else the same request with a JSON body (errors mapped as PTB does)."""
        if request_data is None or request_data.contains_files:
            return await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
            )
        client = self._client
        if client.is_closed:
            raise RuntimeError("This HTTPXRequest is not initialized!")
        defaults = client.timeout
        timeout = httpx.Timeout(
            connect=defaults.connect if isinstance(connect_timeout, DefaultValue) else connect_timeout,
            read=defaults.read if isinstance(read_timeout, DefaultValue) else read_timeout,
            write=defaults.write if isinstance(write_timeout, DefaultValue) else write_timeout,
            pool=defaults.pool if isinstance(pool_timeout, DefaultValue) else pool_timeout,
        )
        target = self._urls.get(url)
        if target is None:  # a handful of endpoints: parsed once each
            target = self._urls.setdefault(url, httpx.URL(url)) if len(self._urls) < 256 else httpx.URL(url)
        request = httpx.Request(
            method,
            target,
            headers=self.JSON_HEADERS,
            content=request_data.json_payload,
            extensions={"timeout": timeout.as_dict()},
        )
        try:
            # Straight to the client's connection pool (or its proxy's), as the client itself does after merging
            # its defaults, cookies, auth and redirects, none of which a Bot API call has: that bookkeeping cost
            # about a quarter of the CPU of each request.
            response = await client._transport_for_url(target).handle_async_request(request)
            try:
                content = await response.aread()
            finally:
                await response.aclose()
        except httpx.TimeoutException as err:
            if isinstance(err, httpx.PoolTimeout):
                raise TimedOut(
                    message="Pool timeout: All connections in the connection pool are occupied. Request was *not* "
                    "sent to Telegram. Consider adjusting the connection pool size or the pool timeout."
                ) from err
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{err.__class__.__name__}: {err}") from err
        return response.status_code, content


def _is_connection_error(exc: BaseException) -> bool:
    cause = exc.__cause__ or exc
    return isinstance(cause, httpx.ConnectError | httpx.RemoteProtocolError) or (
        isinstance(exc, NetworkError) and not isinstance(exc, TimedOut) and "connect" in str(exc).lower()
    )


async def _post_init(application: BotApplication) -> None:
    """Register the command menu in Indonesian (default) and English; schedule digests from the database."""
    for language in ("id", "en"):
        menu = [BotCommand(name, description) for name, description in command_menu(language)]
        await application.bot.set_my_commands(menu, language_code=None if language == "id" else language)
    await staff.set_staff_menus(application)
    digest_jobs.schedule_all(application)


def build_application(settings: Settings, runtime: Runtime | None = None) -> BotApplication:
    runtime = runtime or Runtime.create(settings)
    limits = settings.limits
    application: BotApplication = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .context_types(CONTEXT_TYPES)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)
        .request(RetryingRequest(connection_pool_size=16, read_timeout=15, write_timeout=30))
        .get_updates_request(RetryingRequest(read_timeout=40))
        .rate_limiter(
            # One request per 1/rate seconds rather than bursts of `rate` per second: Telegram's counter is a
            # sliding window, and a burst at a second's edge earns a 429 that stalls every send.
            AIORateLimiter(
                overall_max_rate=1,
                overall_time_period=1 / limits.overall_max_rate,
                group_max_rate=limits.group_max_rate,
                max_retries=5,
            )
        )
        .post_init(_post_init)
        .build()
    )
    services = application.bot_data
    services.runtime = runtime
    services.digests = DigestDispatcher(runtime.service, settings, TelegramSender(application.bot, runtime))
    services.staff_desk = StaffDesk(runtime.service)

    application.add_handler(TypeHandler(Update, system.before_every_update), group=-1)
    application.add_handler(CommandHandler("start", commands.start))
    application.add_handler(CommandHandler(["bantuan", "help"], commands.help_command))
    application.add_handler(CommandHandler("program", commands.programs))
    application.add_handler(CommandHandler("wilayah", commands.regions))
    application.add_handler(CommandHandler("ringkasan", commands.summary))
    application.add_handler(CommandHandler("grafik", commands.chart))
    application.add_handler(CommandHandler(["bahasa", "language"], commands.language))
    application.add_handler(CommandHandler("tentang", commands.about))
    digests.register(application)
    staff.register(application)
    application.add_handler(CallbackQueryHandler(buttons.button))
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGES, questions.question)
    )
    questions.register_media(application)
    application.add_error_handler(system.on_error)
    return application


def token_rejected(settings: Settings) -> SystemExit:
    """The one line an operator gets when Telegram refuses the token (never the token itself); exit status 1."""
    return SystemExit(
        f"Telegram rejected TELEGRAM_BOT_TOKEN (401/404 from {settings.telegram_api_base_url}): check the token "
        "@BotFather gave you in .env, and TELEGRAM_API_BASE_URL if you set it."
    )


def settle_memory(runtime: Runtime) -> None:
    """Load the facts and the understander now, then move everything made so far out of the garbage collector's
    sight (``gc.freeze``): the full collections that the allocations of every update set off walked these ~120,000
    long-lived objects each time (about 0.1 s of CPU per collection). Frozen objects are still freed by reference
    counting; only a reference cycle among them would outlive a data reload."""
    try:
        runtime.service.answerer()
    except Exception:  # the first update tries again and answers politely, as it would have without this
        log.exception("could not load the facts at start-up")
    gc.collect()
    gc.freeze()


def run(settings: Settings, *, webhook: bool = False) -> None:
    configure_logging(settings)
    application = build_application(settings)
    if webhook and not settings.webhook_url:
        raise SystemExit("WEBHOOK_URL is not set (see .env.example)")
    settle_memory(application.bot_data.runtime)
    try:
        if webhook:
            from handlers import webhook as webhook_mode  # answers Telegram after the handlers, each update once

            webhook_mode.run(application, settings)
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        raise token_rejected(settings) from None


def send_due_digests(settings: Settings) -> SweepReport:
    """Send the digests that are due now and return (``tanyabansos digest send-due``, for cron deployments)."""
    configure_logging(settings)

    async def sweep() -> SweepReport:
        application = build_application(settings)
        async with application:
            return await application.bot_data.digests.sweep()

    try:
        return asyncio.run(sweep())
    except InvalidToken:
        raise token_rejected(settings) from None
