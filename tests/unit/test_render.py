"""Replies go out without PTB's ``send_message`` (which parses Telegram's answer into a ``Message`` nobody reads):
what goes on the wire must stay exactly what ``send_message`` would send, through the same path (defaults, rate
limiter, request), and Telegram's errors must still arrive as PTB's exceptions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import BaseRequest, RequestData

from bot.answering.reply import Choice
from handlers.render import keyboard, keyboard_json, message_parameters, post_message

SENT_MESSAGE = {"message_id": 9, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "x"}


class Recorder(BaseRequest):
    """A request that records what a bot would send and answers like Telegram (or with an error)."""

    def __init__(self, answer: tuple[int, dict[str, Any]] | None = None) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []
        self.answer = answer or (200, {"ok": True, "result": SENT_MESSAGE})

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        assert request_data is not None
        self.sent.append((url.rsplit("/", 1)[1], request_data.json_parameters))
        code, body = self.answer
        return code, json.dumps(body).encode()


class CountingLimiter(AIORateLimiter):
    """PTB's limiter, counting the requests it paces."""

    def __init__(self) -> None:
        super().__init__(overall_max_rate=1, overall_time_period=0.01, group_max_rate=20)
        self.paced: list[tuple[str, object]] = []

    async def process_request(self, *args: Any, **kwargs: Any) -> Any:
        self.paced.append((kwargs["endpoint"], kwargs["data"].get("chat_id")))
        return await super().process_request(*args, **kwargs)


def bot_with(request: Recorder, limiter: AIORateLimiter | None = None) -> ExtBot[Any]:
    return ExtBot(
        "123:abc",
        request=request,
        get_updates_request=Recorder(),
        base_url="http://telegram.invalid/bot",
        rate_limiter=limiter,
    )


CHOICES = (
    Choice("Angka bansos Batam", "rg:21.71:2022"),
    Choice("Grafik", "ch"),
    Choice("Label yang sangat panjang sekali " * 3, "pr:UEP"),
)


@pytest.mark.parametrize(
    ("chat_id", "choices", "reply_to", "thread_id"),
    [
        (5, CHOICES, None, None),
        (5, (), None, None),
        (-100123, CHOICES[:1], 77, None),
        (-100123, (), 77, 12),
        (-100123, CHOICES, None, 12),
    ],
)
async def test_a_reply_goes_on_the_wire_exactly_as_send_message_would_send_it(
    chat_id: int, choices: tuple[Choice, ...], reply_to: int | None, thread_id: int | None
) -> None:
    ours, theirs = Recorder(), Recorder()
    text = "<b>Batam</b>, tahun 2022: 7.408 KK & lainnya"
    await post_message(
        bot_with(ours), message_parameters(chat_id, text, choices, reply_to=reply_to, thread_id=thread_id)
    )
    await bot_with(theirs).send_message(
        chat_id,
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(list(choices)),
        reply_to_message_id=reply_to,
        message_thread_id=thread_id,
        allow_sending_without_reply=True,
        disable_web_page_preview=True,
    )
    assert ours.sent == theirs.sent
    assert ours.sent[0][0] == "sendMessage"


async def test_the_rate_limiter_still_paces_replies_sent_this_way() -> None:
    request, limiter = Recorder(), CountingLimiter()
    await limiter.initialize()
    try:
        await post_message(bot_with(request, limiter), message_parameters(-100123, "halo"))
    finally:
        await limiter.shutdown()
    assert limiter.paced == [("sendMessage", -100123)]  # the chat id it keeps a group's pace by
    assert request.sent[0][1]["text"] == "halo"


async def test_telegram_refusing_a_reply_is_raised_as_ptb_does() -> None:
    request = Recorder((400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}))
    with pytest.raises(BadRequest, match="Chat not found"):
        await post_message(bot_with(request), message_parameters(5, "halo"))


def test_a_keyboard_is_made_once_per_set_of_buttons() -> None:
    keyboard_json.cache_clear()
    first = keyboard_json(CHOICES)
    again = keyboard_json(tuple(Choice(c.label, c.action) for c in CHOICES))
    assert again is first
    assert keyboard_json.cache_info().hits == 1
    assert json.loads(first) == keyboard(list(CHOICES)).to_dict()  # type: ignore[union-attr]
