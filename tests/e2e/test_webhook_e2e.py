"""Webhook mode end to end: the REAL ``tanyabansos run --webhook`` process, updates POSTed by the fake Bot API.

One instance on SQLite: a question in, the answer out; a delivery answered 500 is retried and answered once. Two
instances on one PostgreSQL database behind a round-robin proxy: every update answered exactly once, a language
chosen on one instance holds on the other, and kill -9 of one instance under load loses no update.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e_support import compile_catalogs, token_leaks
from tests.fakebot import FakeBotAPI
from tests.webhook_support import SECRET, RoundRobinProxy, WebhookBot

pytestmark = pytest.mark.e2e

WAIT = 20.0
QUESTION = "berapa KK di Lingga?"
FIGURE = "7.408"
_chats = itertools.count(910_001)


def new_chat() -> int:
    return next(_chats)


@pytest.fixture(scope="module")
def locales(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compile_catalogs(tmp_path_factory.mktemp("locales"))


def fast_retrying_fake() -> FakeBotAPI:
    """Telegram's backoff, shortened so a test waits seconds, not minutes."""
    return FakeBotAPI(webhook_retry_delays=(0.1, 0.2, 0.4, 0.8), webhook_timeout=15.0)


def stop_cleanly(bot: WebhookBot, fake: FakeBotAPI) -> None:
    code = bot.stop()
    logs = bot.stdout() + bot.stderr()
    assert not token_leaks(logs, fake.token), token_leaks(logs, fake.token)
    assert bot.stopped_by == "SIGINT" and code == 0, f"exit {code} by {bot.stopped_by}:\n{bot.logs()}"


def answers_per_chat(fake: FakeBotAPI, chats: list[int]) -> Counter[int]:
    wanted = set(chats)
    return Counter(c.chat_id for c in fake.messages() if c.chat_id in wanted)  # type: ignore[misc]


def delivery_statuses(fake: FakeBotAPI, update_id: int) -> list[int | None]:
    """The HTTP answers to every delivery of one update, once the last one was answered 200."""

    def statuses() -> list[int | None]:
        return [d.status for d in fake.webhook_deliveries if d.update_id == update_id and d.finished is not None]

    fake.wait_until(lambda: statuses()[-1:] == [200], WAIT, what=f"update {update_id} acknowledged")
    return statuses()


def wait_all_answered(fake: FakeBotAPI, chats: list[int], timeout: float = 60.0) -> None:
    fake.wait_until(lambda: len(answers_per_chat(fake, chats)) == len(chats), timeout, what=f"{len(chats)} answers")


# ------------------------------------------------------------------------------------------------ one instance


@pytest.fixture(scope="module")
def single(locales: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeBotAPI, RoundRobinProxy]]:
    with fast_retrying_fake() as fake, RoundRobinProxy() as proxy:
        bot = WebhookBot(fake, tmp_path_factory.mktemp("webhook"), proxy=proxy, locales_dir=locales).start()
        try:
            yield fake, proxy
            assert bot.alive(), bot.logs()
        finally:
            stop_cleanly(bot, fake)


def test_webhook_question_in_answer_out_with_the_secret_token(single: tuple[FakeBotAPI, RoundRobinProxy]) -> None:
    fake, _ = single
    assert fake.webhook["secret_token"] == SECRET
    chat = new_chat()
    since = fake.mark()
    update = fake.inject_message(chat, QUESTION)
    reply = fake.wait_for_message(chat, contains=FIGURE, timeout=WAIT, since=since)
    assert "2022" in (reply.plain_text or "")
    assert delivery_statuses(fake, update["update_id"]) == [200]


def test_a_delivery_answered_500_is_retried_and_answered_once(single: tuple[FakeBotAPI, RoundRobinProxy]) -> None:
    fake, proxy = single
    chat = new_chat()
    proxy.fail_next(1, 500)  # the load balancer fails: the bot never saw it
    update = fake.inject_message(chat, QUESTION)
    fake.wait_for_message(chat, contains=FIGURE, timeout=WAIT)
    assert delivery_statuses(fake, update["update_id"]) == [500, 200]
    assert answers_per_chat(fake, [chat]) == {chat: 1}


def test_a_lost_answer_is_redelivered_but_not_answered_twice(single: tuple[FakeBotAPI, RoundRobinProxy]) -> None:
    fake, proxy = single
    chat = new_chat()
    proxy.fail_next(1, 500, forward=True)  # the bot handled it, but Telegram saw a 500
    update = fake.inject_message(chat, QUESTION)
    fake.wait_for_message(chat, contains=FIGURE, timeout=WAIT)
    assert delivery_statuses(fake, update["update_id"]) == [500, 200]
    assert answers_per_chat(fake, [chat]) == {chat: 1}


def test_a_request_without_the_secret_token_is_refused(single: tuple[FakeBotAPI, RoundRobinProxy]) -> None:
    fake, proxy = single
    chat = new_chat()
    forged = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "X"},
            "text": QUESTION,
        },
    }
    backend = proxy.backends[0]
    assert httpx.post(backend, json=forged, timeout=10).status_code == 403
    wrong = {"X-Telegram-Bot-Api-Secret-Token": "tebakan"}
    assert httpx.post(backend, json=forged, headers=wrong, timeout=10).status_code == 403
    assert fake.messages(chat) == []


# ------------------------------------------------------------------------------------------------ two instances


@pytest.fixture
def pair(
    pg_url: str, locales: Path, tmp_path: Path
) -> Iterator[tuple[FakeBotAPI, RoundRobinProxy, WebhookBot, WebhookBot]]:
    """Two instances on one PostgreSQL database behind one address (started one after the other: the first one
    creates the schema)."""
    with fast_retrying_fake() as fake, RoundRobinProxy() as proxy:
        options = {"proxy": proxy, "database_url": pg_url, "locales_dir": locales, "lease_seconds": 2.0}
        a = WebhookBot(fake, tmp_path / "a", name="a", **options).start()  # type: ignore[arg-type]
        try:
            b = WebhookBot(fake, tmp_path / "b", name="b", **options).start()  # type: ignore[arg-type]
        except BaseException:
            a.stop()
            raise
        try:
            yield fake, proxy, a, b
        finally:
            for bot in (a, b):
                if bot.stopped_by != "SIGKILL":
                    stop_cleanly(bot, fake)


@pytest.mark.postgres
def test_two_instances_answer_every_update_exactly_once(
    pair: tuple[FakeBotAPI, RoundRobinProxy, WebhookBot, WebhookBot],
) -> None:
    fake, proxy, a, b = pair
    chats = [new_chat() for _ in range(40)]
    proxy.fail_next(6, 502, forward=True)  # six answers lost on the way back: six redeliveries
    for chat in chats:
        fake.inject_message(chat, QUESTION)
    wait_all_answered(fake, chats)
    fake.wait_until(lambda: not fake.pending_updates, WAIT, what="every delivery acknowledged")
    assert answers_per_chat(fake, chats) == dict.fromkeys(chats, 1)
    assert all(FIGURE in (c.plain_text or "") for c in fake.messages() if c.chat_id in set(chats))
    assert proxy.forwarded[a.local_url] > 0 and proxy.forwarded[b.local_url] > 0, proxy.forwarded
    assert proxy.statuses[502] >= 6


@pytest.mark.postgres
def test_a_language_chosen_on_one_instance_holds_on_the_other(
    pair: tuple[FakeBotAPI, RoundRobinProxy, WebhookBot, WebhookBot],
) -> None:
    fake, _, _, _ = pair
    chat = new_chat()
    replies = []
    for text in (QUESTION, "/bahasa en", QUESTION, QUESTION):  # round robin: a, b, a, b
        since = fake.mark()
        fake.inject_message(chat, text)
        replies.append(fake.wait_for_message(chat, timeout=WAIT, since=since).plain_text or "")
    assert FIGURE in replies[0]
    assert "English" in replies[1]
    assert "7,408" in replies[2] and "7,408" in replies[3], replies


@pytest.mark.postgres
def test_kill_9_of_one_instance_under_load_loses_no_update(
    pair: tuple[FakeBotAPI, RoundRobinProxy, WebhookBot, WebhookBot],
) -> None:
    fake, _, a, b = pair
    chats = [new_chat() for _ in range(120)]
    for chat in chats:
        fake.inject_message(chat, QUESTION)
    fake.wait_until(lambda: len(answers_per_chat(fake, chats)) >= 15, WAIT, what="the load under way")
    a.kill()
    wait_all_answered(fake, chats, timeout=90)
    fake.wait_until(lambda: not fake.pending_updates, WAIT, what="every delivery acknowledged")
    counts = answers_per_chat(fake, chats)
    assert set(counts) == set(chats)
    # The one update a was handling when it died may be answered twice (reply sent, not yet marked done): at most
    # one per instance, since each handles one update at a time.
    assert sum(n - 1 for n in counts.values()) <= 1, {c: n for c, n in counts.items() if n > 1}
    assert b.alive(), b.logs()
