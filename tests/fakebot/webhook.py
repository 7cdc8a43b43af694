"""Webhook mode: ``setWebhook`` makes the fake POST every queued update to the bot, the way Telegram does.

What Telegram does, and so the fake: each update is sent as a JSON ``POST`` to the webhook URL, with the header
``X-Telegram-Bot-Api-Secret-Token`` when ``setWebhook`` got a ``secret_token``; up to ``max_connections`` deliveries
run at once; an update stays queued until a delivery is answered with a 2xx status — any other answer, a refused
connection or no answer within ``webhook_timeout`` seconds makes the fake try again later, with a growing pause
(``webhook_retry_delays``, the last one repeated), and ``getWebhookInfo`` reports the last error. While a webhook is
set, ``getUpdates`` answers 409.

The fake only ever connects to loopback addresses (127.0.0.1, ::1, localhost); a webhook elsewhere is stored and
reported but never called. Telegram requires HTTPS; the fake also accepts plain ``http://`` to a loopback address.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from .protocol import _DEFAULT_EXCLUDED_UPDATES, UploadedFile, WebhookDelivery, _bad, _Pending
from .state import State

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
_SECRET_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class Webhook(State):
    """``setWebhook``/``deleteWebhook``/``getWebhookInfo`` and the delivery loop on the server's event loop."""

    # ------------------------------------------------------------------ API methods

    def _set_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://") and not (url.startswith("http://") and _is_loopback(url)):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not (1 <= len(str(secret)) <= 256 and set(str(secret)) <= _SECRET_CHARS):
            raise _bad("bad webhook: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self._webhook = {
            "url": url,
            "secret_token": secret,
            "allowed_updates": params.get("allowed_updates"),
            "max_connections": int(params.get("max_connections") or 40),
        }
        self._webhook_generation += 1
        self._webhook_last_error = None
        if url and _is_loopback(url) and self._loop is not None:
            self._loop.call_soon_threadsafe(self._start_delivery, self._webhook_generation)
        return True

    def _start_delivery(self, generation: int) -> None:
        """On the server loop: one delivery loop per ``setWebhook`` (a later one, or ``deleteWebhook``, ends it)."""
        task = asyncio.get_running_loop().create_task(self._deliver_all(generation))
        self._webhook_tasks.add(task)
        task.add_done_callback(self._webhook_tasks.discard)

    def _delete_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        self._webhook = {"url": ""}
        self._webhook_generation += 1
        return True

    def _get_webhook_info(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self._webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if info["url"]:
            info["max_connections"] = self._webhook.get("max_connections", 40)
            if self._webhook.get("allowed_updates"):
                info["allowed_updates"] = self._webhook["allowed_updates"]
            if self._webhook_last_error is not None:
                info["last_error_date"], info["last_error_message"] = self._webhook_last_error
        return info

    # ------------------------------------------------------------------ test side

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        """Every delivery attempt so far, in the order they started (finished ones carry ``status``/``error``)."""
        with self._lock:
            return [WebhookDelivery(**vars(d)) for d in self._webhook_deliveries]

    def wait_for_webhook_deliveries(
        self, count: int, timeout: float = 10.0, *, finished: bool = False
    ) -> list[WebhookDelivery]:
        """Block until ``count`` deliveries have started (``finished=True``: have been answered or have failed)."""

        def enough() -> bool:
            done = [d for d in self._webhook_deliveries if not finished or d.finished is not None]
            return len(done) >= count

        with self._cond:
            if not self._cond.wait_for(enough, timeout):
                raise AssertionError(f"timed out waiting for {count} webhook deliveries: {self._webhook_deliveries}")
        return self.webhook_deliveries

    # ------------------------------------------------------------------ delivery (server loop)

    def _due(self, generation: int, now: float) -> tuple[list[_Pending], float | None]:
        """Lock held: updates to send now (up to the free connections) and when the next backed-off one is due."""
        if generation != self._webhook_generation or self._closing:
            return [], None
        allowed = self._webhook.get("allowed_updates")
        free = int(self._webhook.get("max_connections", 40)) - sum(p.in_flight for p in self._pending)
        due: list[_Pending] = []
        next_at: float | None = None
        for pending in self._pending:
            if pending.in_flight:
                continue
            excluded = pending.kind in _DEFAULT_EXCLUDED_UPDATES if not allowed else pending.kind not in allowed
            if excluded:
                continue
            if pending.not_before > now:
                next_at = pending.not_before if next_at is None else min(next_at, pending.not_before)
                continue
            if len(due) < free:
                due.append(pending)
        return due, next_at

    async def _deliver_all(self, generation: int) -> None:
        """Runs while this webhook is set: send what is due, then sleep until new updates or the next retry."""
        tasks: set[asyncio.Task[None]] = set()
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.webhook_timeout)) as session:
            try:
                while True:
                    event = self._update_event
                    now = time.monotonic()
                    with self._lock:
                        if generation != self._webhook_generation or self._closing:
                            return
                        url = str(self._webhook["url"])
                        secret = self._webhook.get("secret_token")
                        due, next_at = self._due(generation, now)
                        for pending in due:
                            pending.in_flight = True
                            pending.attempts += 1
                            if pending.record.delivered_at is None:
                                pending.record.delivered_at = now
                            delivery = WebhookDelivery(pending.update_id, pending.attempts, now)
                            self._webhook_deliveries.append(delivery)
                            task = asyncio.create_task(self._post(session, url, secret, pending, delivery))
                            tasks.add(task)
                            task.add_done_callback(tasks.discard)
                        if due:
                            self._cond.notify_all()
                    wait = None if next_at is None else max(0.0, next_at - time.monotonic())
                    if event is None:
                        return
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(event.wait(), wait)
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

    async def _post(
        self,
        session: aiohttp.ClientSession,
        url: str,
        secret: str | None,
        pending: _Pending,
        delivery: WebhookDelivery,
    ) -> None:
        headers = {SECRET_HEADER: secret} if secret else {}
        status: int | None = None
        error: str | None = None
        try:
            async with session.post(url, json=pending.update, headers=headers) as response:
                await response.read()
                status = response.status
        except TimeoutError:
            error = "Connection timed out"
        except aiohttp.ClientError as exc:
            error = f"Connection failed: {type(exc).__name__}"
        with self._lock:
            delivery.finished, delivery.status, delivery.error = time.monotonic(), status, error
            pending.in_flight = False
            if delivery.ok:
                if pending in self._pending:
                    self._pending.remove(pending)
            else:
                delays = self.webhook_retry_delays or (1.0,)
                pending.not_before = time.monotonic() + delays[min(pending.attempts, len(delays)) - 1]
                message = error or f"Wrong response from the webhook: {status} {_reason(status)}"
                self._webhook_last_error = (int(time.time()), message)
            self._cond.notify_all()
        self._wake_pollers()


def _is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in LOOPBACK


def _reason(status: int | None) -> str:
    try:
        return HTTPStatus(status or 0).phrase
    except ValueError:
        return ""
