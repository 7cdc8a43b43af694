"""The HTTP side: the server thread and its event loop, request parsing, and the one path every API call takes."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import socket
import threading
import time
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from .protocol import _API_PATH, _DUMPS, _FILE_PATH, MAX_UPLOAD_SIZE, BotAPIError, Call, UploadedFile, _bad, _normalize
from .state import State


class HTTPSide(State):
    """Serving: lifecycle (a background thread with its own loop), routing, reading requests, answering."""

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeBotAPI is not started")
        return self._port

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """For ``telegram.Bot(base_url=...)`` / ``TELEGRAM_API_BASE_URL``: ``http://127.0.0.1:PORT/bot``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``telegram.Bot(base_file_url=...)``: ``http://127.0.0.1:PORT/file/bot``."""
        return f"{self.url}/file/bot"

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> Self:
        """Start serving in a background thread (idempotent). Returns ``self``."""
        if self._thread is not None:
            return self
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind((self.host, self._requested_port))
        except OSError:
            sock.close()
            raise
        self._port = sock.getsockname()[1]
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=self._thread_main, args=(loop,), name=f"FakeBotAPI:{self._port}", daemon=True)
        self._closing = False
        self._loop = loop
        self._thread = thread
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self._async_start(sock), loop).result(timeout=10)
        except BaseException:
            sock.close()
            self._stop_thread()
            raise
        return self

    def stop(self) -> None:
        """Stop the server, answer pending long polls, join the thread (idempotent)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._async_stop(), loop).result(timeout=15)
        finally:
            self._stop_thread()

    def _stop_thread(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=15)
        self._loop = None
        self._thread = None
        self._runner = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    async def __aenter__(self) -> Self:
        await asyncio.to_thread(self.start)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await asyncio.to_thread(self.stop)

    @staticmethod
    def _thread_main(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
            for task in tasks:
                task.cancel()
            if tasks:
                loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _async_start(self, sock: socket.socket) -> None:
        self._update_event = asyncio.Event()
        self._closing_event = asyncio.Event()
        app = web.Application(client_max_size=MAX_UPLOAD_SIZE + 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        runner = web.AppRunner(
            app, handle_signals=False, access_log=None, shutdown_timeout=1.0, handler_cancellation=True
        )
        await runner.setup()
        site = web.SockSite(runner, sock)
        await site.start()
        self._runner = runner

    async def _async_stop(self) -> None:
        with self._lock:
            self._closing = True
        if self._closing_event is not None:
            self._closing_event.set()
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()

    def _wake_pollers(self) -> None:
        """Runs on the server loop: wake every waiting ``getUpdates``."""
        if self._update_event is not None:
            self._update_event.set()
            self._update_event = asyncio.Event()

    def _notify_updates(self) -> None:
        loop = self._loop
        if loop is None:
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._wake_pollers)

    async def _sleep(self, seconds: float) -> None:
        if self._closing_event is None:
            await asyncio.sleep(seconds)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing_event.wait(), seconds)

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        match = _API_PATH.match(request.path)
        if match:
            return await self._handle_api(request, match["token"], match["method"])
        match = _FILE_PATH.match(request.path)
        if match and request.method in {"GET", "HEAD"}:
            return self._handle_download(match["token"], match["path"])
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    async def _read_request(self, request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile], str]:
        params: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        encoding = "query" if params else "none"
        if not request.body_exists:
            return params, files, encoding
        ctype = request.content_type
        if ctype in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = UploadedFile(key, value.filename, value.content_type, value.file.read())
                else:
                    params[key] = value
            return params, files, "multipart" if ctype == "multipart/form-data" else "form"
        body = await request.read()
        if not body.strip():
            return params, files, encoding
        try:
            data = json.loads(body)
        except ValueError:
            raise _bad("can't parse JSON object") from None
        if not isinstance(data, dict):
            raise _bad("can't parse JSON object")
        params.update(data)
        return params, files, "json"

    async def _handle_api(self, request: web.Request, token: str, method: str) -> web.StreamResponse:
        started = time.monotonic()
        wall = time.time()
        entry = self._custom.get(method.lower()) or self._handlers.get(method.lower())
        canonical = entry[0] if entry else method
        with self._lock:
            self._request_counts[canonical] += 1
            self._tokens_seen.add(token)
        call = Call(
            method=canonical,
            params={},
            files={},
            time=wall,
            monotonic=started,
            token=token,
            http_method=request.method,
        )
        try:
            raw, files, encoding = await self._read_request(request)
            call.params, call.files, call.encoding = raw, files, encoding
            if self.require_token and token != self.token:
                raise BotAPIError(401, "Unauthorized")
            if entry is None:
                raise BotAPIError(404, "Not Found: method not found")
            params = _normalize(raw)
            call.params = params
            with self._lock:
                failure = self._take_failure(canonical, params)
            if failure is not None:
                raise failure
            if canonical == "getUpdates":
                result = await self._get_updates(params)
                call.result = result
                with self._lock:
                    self._record(call)
            else:
                with self._lock:
                    self._gate(canonical, params)
                    result = entry[1](params, files)
                    call.result = copy.deepcopy(result)
                    self._record(call)
            body: dict[str, Any] = {"ok": True, "result": result}
            status = 200
        except BotAPIError as exc:
            call.ok = False
            call.status = exc.status
            call.description = exc.description
            call.error_parameters = exc.parameters
            with self._lock:
                self._record(call)
            body = exc.payload()
            status = exc.status
        delay = self._delays.get(canonical, self._delays.get("*", 0.0))
        if delay > 0 and not self._closing:
            await self._sleep(delay)
        return web.json_response(body, status=status, dumps=_DUMPS)
