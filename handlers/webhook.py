"""Webhook mode for several instances behind one address: each update handled once, none lost.

PTB's own ``run_webhook`` answers Telegram 200 as soon as an update is queued, before any handler ran: an instance
killed at that moment loses the update, and nothing stops two instances from handling a redelivered one. Here the
answer waits for the handlers, and a claim in the database (:mod:`bot.updates`) decides who handles what:

    Telegram ──POST /telegram──▶ secret token checked ─▶ claim update_id ─▶ handlers ─▶ mark done ─▶ 200
                                                           ├─ DONE (another instance did it) ─────────────▶ 200
                                                           └─ BUSY (another instance is on it) ───────────▶ 503

Telegram redelivers anything not answered 2xx (a dead instance's updates included) with backoff, so the retry reaches
a live instance, which takes the dead one's claim over once its lease ran out.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from datetime import timedelta

from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler

from bot.config import Settings
from bot.updates import Claim, SeenUpdates
from models.db import get_engine

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
URL_PATH = "telegram"


async def handle_once(application: Application, seen: SeenUpdates, update: Update) -> int:
    """Run the handlers for ``update`` unless another instance has or is; the HTTP status to answer Telegram."""
    status = 200

    async def work() -> None:
        nonlocal status
        claim = seen.claim(update.update_id)
        if not claim.handle:
            status = 503 if claim is Claim.BUSY else 200
            return
        try:
            await application.process_update(update)
        except Exception:
            seen.release(update.update_id)
            raise
        seen.finish(update.update_id)

    # Through the update processor, as in polling: the same limit on updates handled at once.
    await application.update_processor.process_update(update, work())
    return status


class TelegramWebhook(RequestHandler):
    """``POST /telegram``: one update from Telegram."""

    def initialize(self, bot_app: Application, seen: SeenUpdates, secret: str) -> None:
        self.bot_app = bot_app
        self.seen = seen
        self.secret = secret

    async def post(self) -> None:
        if self.secret and not hmac.compare_digest(self.request.headers.get(SECRET_HEADER, ""), self.secret):
            log.warning("webhook request without the right secret token from %s", self.request.remote_ip)
            self.set_status(403)
            return
        try:
            update = Update.de_json(json.loads(self.request.body), self.bot_app.bot)
        except Exception:
            log.warning("webhook request with a body that is not an update")
            self.set_status(400)
            return
        try:
            self.set_status(await handle_once(self.bot_app, self.seen, update))
        except Exception:  # the database is unreachable, say: Telegram will try again
            log.exception("could not handle update %s", update.update_id)
            self.set_status(500)


def run(application: Application, settings: Settings) -> None:
    """Serve ``WEBHOOK_URL`` until SIGINT/SIGTERM. The webhook is set on start and left set on stop (the other
    instances keep serving it)."""
    if not settings.webhook_url:
        raise SystemExit("WEBHOOK_URL is not set (see .env.example)")
    logging.getLogger("tornado.access").setLevel(logging.WARNING)  # a line per update otherwise
    asyncio.run(_serve(application, settings))


async def _serve(application: Application, settings: Settings) -> None:
    seen = SeenUpdates(get_engine(settings.database_url), lease=timedelta(seconds=settings.webhook_claim_lease_seconds))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with application:  # initialize … shutdown
        if application.post_init:
            await application.post_init(application)
        await application.start()
        routes = [
            (
                rf"/{URL_PATH}/?",
                TelegramWebhook,
                {"bot_app": application, "seen": seen, "secret": settings.webhook_secret.get_secret_value()},
            )
        ]
        server = HTTPServer(WebApplication(routes))
        server.listen(settings.webhook_port, settings.webhook_listen)
        # Listening first: Telegram starts delivering as soon as the webhook is set.
        await application.bot.set_webhook(
            settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value() or None,
            allowed_updates=Update.ALL_TYPES,
        )
        log.info(
            "serving webhooks on %s:%s/%s as %s",
            settings.webhook_listen,
            settings.webhook_port,
            URL_PATH,
            seen.instance,
        )
        try:
            await stop.wait()
        finally:
            server.stop()
            await server.close_all_connections()
            await application.stop()
            if application.post_stop:
                await application.post_stop(application)
    if application.post_shutdown:
        await application.post_shutdown(application)
