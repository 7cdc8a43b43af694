"""Webhook mode for end-to-end tests: bot processes serving ``tanyabansos run --webhook``, and a load balancer.

:class:`WebhookBot` is a :class:`~tests.e2e_support.BotProcess` listening on its own port; it is ready once it has
called ``setWebhook``. :class:`RoundRobinProxy` is the "one address" in front of several of them: a small HTTP proxy
on 127.0.0.1 that hands each request to the next instance in turn, answers 502 when that instance does not answer
(as nginx does; Telegram's retry then reaches another), and can be told to fail the next requests itself::

    with FakeBotAPI() as fake, RoundRobinProxy() as proxy:
        a = WebhookBot(fake, workdir / "a", proxy=proxy, database_url=url).start()
        b = WebhookBot(fake, workdir / "b", proxy=proxy, database_url=url).start()
        fake.inject_message(42, "berapa KK di Lingga?")
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import aiohttp
from aiohttp import web

from tests.e2e_support import TANYABANSOS, BotProcess
from tests.fakebot import FakeBotAPI

SECRET = "rahasia-Dinsos_Kepri-2026"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class _Fault:
    status: int
    forward: bool  # True: the instance gets the request, but its answer is lost (the proxy answers ``status``)
    remaining: int


class RoundRobinProxy:
    """Round-robin reverse proxy on 127.0.0.1 (its own thread and loop), in front of webhook instances."""

    def __init__(self, *, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.backends: list[str] = []
        self.port = free_port()
        self._turn = itertools.count()
        self._lock = threading.Lock()
        self._faults: list[_Fault] = []
        self.forwarded: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="RoundRobinProxy", daemon=True)
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    @property
    def url(self) -> str:
        """The public webhook address, what ``WEBHOOK_URL`` says."""
        return f"http://127.0.0.1:{self.port}/telegram"

    def add(self, backend_url: str) -> None:
        with self._lock:
            self.backends.append(backend_url)

    def fail_next(self, times: int = 1, status: int = 500, *, forward: bool = False) -> None:
        """Answer the next ``times`` requests with ``status``; ``forward=True`` still hands them to an instance
        (whose answer is then lost, as when a connection breaks after the bot handled the update)."""
        with self._lock:
            self._faults.append(_Fault(status, forward, times))

    def start(self) -> Self:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    async def _start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout))
        app = web.Application()
        app.router.add_route("POST", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    def _take_fault(self) -> _Fault | None:
        with self._lock:
            if not self._faults:
                return None
            fault = self._faults[0]
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._faults.pop(0)
            return fault

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        fault = self._take_fault()
        status = fault.status if fault is not None else 502
        if fault is None or fault.forward:
            with self._lock:
                backend = self.backends[next(self._turn) % len(self.backends)] if self.backends else None
            if backend is not None:
                headers = {k: v for k, v in request.headers.items() if k.lower().startswith("x-telegram")}
                headers["Content-Type"] = request.headers.get("Content-Type", "application/json")
                try:
                    assert self._session is not None
                    async with self._session.post(backend, data=body, headers=headers) as answer:
                        await answer.read()
                        with self._lock:
                            self.forwarded[backend] += 1
                        status = answer.status if fault is None else fault.status
                except (aiohttp.ClientError, TimeoutError):
                    status = 502  # the instance is gone: Telegram will try again (maybe another one)
        with self._lock:
            self.statuses[status] += 1
        return web.Response(status=status)


class WebhookBot(BotProcess):
    """``tanyabansos run --webhook`` on its own port, registered with ``proxy`` (or reached directly)."""

    def __init__(
        self,
        fake: FakeBotAPI,
        workdir: Path,
        *,
        proxy: RoundRobinProxy | None = None,
        secret: str = SECRET,
        lease_seconds: float = 30.0,
        **kwargs: Any,
    ) -> None:
        self.listen_port = free_port()
        self.local_url = f"http://127.0.0.1:{self.listen_port}/telegram"
        self.proxy = proxy
        super().__init__(
            fake,
            workdir,
            command=[str(TANYABANSOS), "run", "--webhook"],
            webhook_url=proxy.url if proxy is not None else self.local_url,
            webhook_listen="127.0.0.1",
            webhook_port=self.listen_port,
            webhook_secret=secret,
            webhook_claim_lease_seconds=lease_seconds,
            **kwargs,
        )

    def start(self, timeout: float = 45.0) -> Self:
        """Returns once the process called ``setWebhook`` (it listens before that)."""
        since = self.fake.mark()
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.proc = subprocess.Popen(
                self.command, cwd=self.workdir, env=self.env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.fake.wait_for(lambda c: c.method == "setWebhook", timeout=0.5, since=since)
                break
            except AssertionError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.logs()}") from None
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        f"{self.name} did not set its webhook within {timeout}s:\n{self.logs()}"
                    ) from None
        if self.proxy is not None:
            self.proxy.add(self.local_url)
        return self

    def kill(self) -> None:
        """SIGKILL: no chance to finish anything."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(10)
        self.stopped_by = "SIGKILL"
