"""The bot's request to the Bot API (``handlers.application.RetryingRequest``): a JSON body sent straight to the
client's connection pool, Telegram's 5xx and dropped connections retried, timeouts raised as PTB's."""

from __future__ import annotations

import json

import httpx
import pytest
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

import handlers.application as application
from handlers.application import RetryingRequest

URL = "http://telegram.invalid/bot123:abc/sendMessage"


async def request_with(handler: httpx.MockTransport) -> RetryingRequest:
    request = RetryingRequest(connection_pool_size=2, read_timeout=3, write_timeout=4)
    await request.initialize()
    await request._client.aclose()
    request._client = httpx.AsyncClient(transport=handler, timeout=request._client.timeout)
    return request


def message(text: str) -> RequestData:
    return RequestData(
        [RequestParameter.from_input("chat_id", 5), RequestParameter.from_input("text", text)]  # type: ignore[list-item]
    )


async def test_a_request_goes_as_a_json_body_with_the_clients_timeouts() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True, "result": True})

    request = await request_with(httpx.MockTransport(answer))
    assert await request.post(URL, message("halo “dunia” & <b>")) is True
    (sent,) = seen
    assert str(sent.url) == URL and sent.method == "POST"
    assert sent.headers["content-type"] == "application/json"
    assert json.loads(sent.content) == {"chat_id": "5", "text": "halo “dunia” & <b>"}
    assert sent.extensions["timeout"] == {"connect": 5.0, "read": 3.0, "write": 4.0, "pool": 1.0}
    await request.shutdown()


async def test_telegram_5xx_and_dropped_connections_are_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(application, "RETRY_DELAYS", (0, 0, 0))
    answers = iter(
        [httpx.ConnectError("refused"), httpx.Response(502), httpx.Response(200, json={"ok": True, "result": 7})]
    )

    def answer(request: httpx.Request) -> httpx.Response:
        step = next(answers)
        if isinstance(step, Exception):
            raise step
        return step

    request = await request_with(httpx.MockTransport(answer))
    assert await request.post(URL, message("x")) == 7
    await request.shutdown()


async def test_a_timeout_is_ptbs_timed_out_and_a_dead_server_a_network_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(application, "RETRY_DELAYS", (0,))

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    request = await request_with(httpx.MockTransport(slow))
    with pytest.raises(TimedOut):
        await request.post(URL, message("x"))
    await request.shutdown()

    def dead(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    request = await request_with(httpx.MockTransport(dead))
    with pytest.raises(NetworkError, match="ConnectError"):
        await request.post(URL, message("x"))
    await request.shutdown()
