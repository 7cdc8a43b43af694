"""The fake Bot API server in webhook mode: updates POSTed to the bot with the secret token, retried like Telegram."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from tests.fakebot import FakeBotAPI


@dataclass
class Receiver:
    """A tiny webhook endpoint on 127.0.0.1: answers each POST with the next scripted status (then 200)."""

    statuses: list[int] = field(default_factory=list)
    hang: set[int] = field(default_factory=set)  # update_ids never answered (the fake times out)
    received: list[tuple[int, str | None]] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)
    release: threading.Event = field(default_factory=threading.Event)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[tuple[int, str | None]]:
        with self.cond:
            assert self.cond.wait_for(lambda: len(self.received) >= count, timeout), self.received
            return list(self.received)


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with state.cond:
                state.received.append((body["update_id"], self.headers.get("X-Telegram-Bot-Api-Secret-Token")))
                state.cond.notify_all()
                status = state.statuses.pop(0) if state.statuses else 200
                hang = body["update_id"] in state.hang
                state.hang.discard(body["update_id"])
            if hang:
                state.release.wait(10)
                return
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}/telegram"
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


def _api(fake: FakeBotAPI, method: str, **params: Any) -> dict[str, Any]:
    return httpx.post(f"{fake.base_url}{fake.token}/{method}", json=params, timeout=10).json()  # type: ignore[no-any-return]


def test_updates_are_posted_with_the_secret_token(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    with FakeBotAPI() as fake:
        assert _api(fake, "setWebhook", url=url, secret_token="s3cret-Token_1")["ok"]
        first = fake.inject_message(42, "halo")
        second = fake.inject_message(43, "apa kabar")
        got = state.wait_for(2)
        assert sorted(got) == sorted([(first["update_id"], "s3cret-Token_1"), (second["update_id"], "s3cret-Token_1")])
        assert _api(fake, "getUpdates")["error_code"] == 409  # webhook active


def test_a_delivery_answered_500_is_retried_until_accepted(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    state.statuses = [500, 502]
    with FakeBotAPI(webhook_retry_delays=(0.05, 0.1)) as fake:
        assert _api(fake, "setWebhook", url=url)["ok"]
        update = fake.inject_message(42, "halo")
        got = state.wait_for(3)
        assert [update_id for update_id, _ in got] == [update["update_id"]] * 3
        assert all(secret is None for _, secret in got)
        deliveries = fake.wait_for_webhook_deliveries(3, finished=True)
        assert [d.status for d in deliveries] == [500, 502, 200]
        assert deliveries[1].started - deliveries[0].finished >= 0.05  # type: ignore[operator]
        info = _api(fake, "getWebhookInfo")["result"]
        assert info["pending_update_count"] == 0
        assert "502" in info["last_error_message"]


def test_a_delivery_without_answer_times_out_and_is_retried(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    with FakeBotAPI(webhook_retry_delays=(0.05,), webhook_timeout=0.3) as fake:
        assert _api(fake, "setWebhook", url=url)["ok"]
        update = fake.inject_message(42, "halo")
        state.hang.add(update["update_id"])
        state.wait_for(2)
        state.release.set()
        deliveries = fake.wait_for_webhook_deliveries(2, finished=True)
        assert deliveries[0].error == "Connection timed out"
        assert deliveries[1].status == 200
        assert fake.pending_updates == []


def test_an_unreachable_webhook_keeps_updates_pending() -> None:
    with FakeBotAPI(webhook_retry_delays=(0.05,)) as fake:
        assert _api(fake, "setWebhook", url="http://127.0.0.1:9/telegram")["ok"]  # discard port: refused
        fake.inject_message(42, "halo")
        fake.wait_for_webhook_deliveries(2, finished=True)
        info = _api(fake, "getWebhookInfo")["result"]
        assert info["pending_update_count"] == 1
        assert info["last_error_message"].startswith("Connection failed")
        assert _api(fake, "deleteWebhook", drop_pending_updates=True)["ok"]
        assert fake.pending_updates == []


def test_a_webhook_must_be_https_unless_it_is_on_this_machine() -> None:
    with FakeBotAPI() as fake:
        refused = _api(fake, "setWebhook", url="http://example.invalid/hook")
        assert refused["error_code"] == 400
        assert _api(fake, "setWebhook", url="http://127.0.0.1:8443/telegram")["ok"]
        assert _api(fake, "setWebhook", url="https://127.0.0.1/x", secret_token="bad token!")["error_code"] == 400
