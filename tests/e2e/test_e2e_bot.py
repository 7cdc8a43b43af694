"""End-to-end: the real ``tanyabansos run`` process talking to the fake Bot API, used the way people use the bot.

One bot process serves most of the module (each test uses its own chats and users, so the per-user flood control
and language choices of one test never touch another); flood control gets its own process with a low limit.
"""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.text.split import split_html
from tests.e2e_support import ROOT, BotProcess, compile_catalogs, run_cli, token_leaks
from tests.fakebot import FakeBotAPI
from tests.fakebot.html_check import parse_html, utf16_len
from tests.fakebot.server import Call

pytestmark = pytest.mark.e2e

WAIT = 15.0
QUIET = 1.5  # how long "no reply" is awaited
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BOT_USERNAME = "TanyaBansosBot"
MENU = {"start", "bantuan", "program", "wilayah", "ringkasan", "grafik", "bahasa", "tentang"}

ADMIN = 900_777  # an admin of the flood-control process (staff work is never throttled)
_private_ids = itertools.count(700_001)
_group_ids = itertools.count(-800_001, -1)


def private_chat() -> int:
    """A new private chat (its id is the user's id), so no test shares flood counters or language choices."""
    return next(_private_ids)


def group_chat() -> int:
    return next(_group_ids)


# ------------------------------------------------------------------------------------------------ fixtures


def _shutdown(bot: BotProcess, fake: FakeBotAPI) -> None:
    """Stop the process, then check what every operator cares about: a clean exit and no token in the logs."""
    code = bot.stop()
    logs = bot.stdout() + bot.stderr()
    assert not token_leaks(logs, fake.token), f"the bot token appears in the logs:\n{token_leaks(logs, fake.token)}"
    assert bot.stopped_by == "SIGINT", f"the bot did not stop on SIGINT (needed {bot.stopped_by}):\n{bot.logs()}"
    assert code == 0, f"exit code {code}:\n{bot.logs()}"


@pytest.fixture(scope="module")
def locales(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compile_catalogs(tmp_path_factory.mktemp("locales"))


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture(scope="module")
def bot(fake: FakeBotAPI, locales: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    process = BotProcess(fake, tmp_path_factory.mktemp("bot"), locales_dir=locales)
    process.start()
    try:
        yield process
    finally:
        _shutdown(process, fake)


@pytest.fixture(autouse=True)
def _no_lingering_faults(request: pytest.FixtureRequest) -> Iterator[None]:
    """Faults configured by a test (failures, delays) never leak into the next one."""
    yield
    if "fake" in request.fixturenames:
        server: FakeBotAPI = request.getfixturevalue("fake")
        server.clear_failures()
        server.delay("sendMessage", 0)
        server.delay("*", 0)


@pytest.fixture
def alive(bot: BotProcess) -> Iterator[BotProcess]:
    """The module's bot, checked to be still running after the test."""
    yield bot
    assert bot.alive(), f"the bot process died:\n{bot.logs()}"


# ------------------------------------------------------------------------------------------------ helpers


def ask(fake: FakeBotAPI, chat: int, text: str, contains: str | None = None, **kwargs: Any) -> Call:
    """Send ``text`` as a user and return the bot's next message to that chat (optionally containing ``contains``)."""
    since = fake.mark()
    fake.inject_message(chat, text, **kwargs)
    return fake.wait_for_message(chat, contains=contains, timeout=WAIT, since=since)


def buttons(call: Call) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def button(call: Call, predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    found = [b for b in buttons(call) if predicate(b)]
    assert found, f"no such button among {buttons(call)}"
    return found[0]


def press(fake: FakeBotAPI, chat: int, message_id: int, data: str, **kwargs: Any) -> tuple[str, int]:
    """Press an inline button; returns the callback query id and the mark to wait for the bot's reaction from."""
    since = fake.mark()
    update = fake.inject_callback(chat, message_id, data, **kwargs)
    return update["callback_query"]["id"], since


def wait_answered(fake: FakeBotAPI, query_id: str, since: int) -> Call:
    return fake.wait_for(
        lambda c: c.ok and c.method == "answerCallbackQuery" and str(c.params.get("callback_query_id")) == query_id,
        WAIT,
        since=since,
        what=f"answerCallbackQuery({query_id})",
    )


def wait_edit(fake: FakeBotAPI, chat: int, message_id: int, contains: str | None, since: int) -> Call:
    return fake.wait_for(
        lambda c: (
            c.ok
            and c.method == "editMessageText"
            and c.chat_id == chat
            and c.params.get("message_id") == message_id
            and (contains is None or contains in (c.plain_text or ""))
        ),
        WAIT,
        since=since,
        what=f"editMessageText of {chat}/{message_id} containing {contains!r}",
    )


def replied_to(call: Call) -> int | None:
    reply = (call.result or {}).get("reply_to_message") or {}
    return reply.get("message_id")


def sends_to(fake: FakeBotAPI, chat: int, since: int = 0) -> list[Call]:
    """Every attempt (also failed ones) to post or edit something in ``chat`` since ``since``."""
    return [c for c in fake.sent[since:] if c.chat_id == chat and c.method != "sendChatAction"]


def is_apology(call: Call) -> bool:
    return "terjadi kesalahan" in (call.plain_text or "") or "went wrong" in (call.plain_text or "").lower()


# ------------------------------------------------------------------------------------------------ /start, menu


def test_start_shows_welcome_with_examples_and_buttons(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    welcome = ask(fake, chat, "/start")
    assert "Halo" in (welcome.plain_text or "")
    examples = [line for line in (welcome.plain_text or "").splitlines() if line.startswith("•")]
    assert len(examples) >= 3, welcome.plain_text
    assert welcome.params.get("parse_mode") == "HTML"
    example = button(welcome, lambda b: str(b.get("callback_data", "")).startswith("ask:"))

    query_id, since = press(fake, chat, welcome.message_id, example["callback_data"])
    wait_answered(fake, query_id, since)
    answer = fake.wait_for_message(chat, timeout=WAIT, since=since)
    assert "KK" in (answer.plain_text or "") and "2022" in (answer.plain_text or ""), answer.plain_text


def test_command_menu_is_registered_in_indonesian_and_english(fake: FakeBotAPI, alive: BotProcess) -> None:
    default = {c["command"]: c["description"] for c in fake.get_commands("default", "")}
    english = {c["command"]: c["description"] for c in fake.get_commands("default", "en")}
    assert set(default) >= MENU, default
    assert set(english) >= MENU, english
    assert english["bahasa"] != default["bahasa"] and english["start"] != default["start"], english


# ------------------------------------------------------------------------------------------------ questions


def test_private_question_gets_figures_and_year_as_html(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    reply = ask(fake, chat, "berapa KK di Lingga?")
    assert "7.408" in (reply.plain_text or "") and "2022" in (reply.plain_text or ""), reply.plain_text
    assert reply.params.get("parse_mode") == "HTML"
    assert any(e["type"] == "bold" for e in (reply.result or {}).get("entities", [])), "no <b> survived parsing"
    assert replied_to(reply) is None  # in a private chat the answer is not a threaded reply


def _media_message(chat: int, **media: Any) -> dict[str, Any]:
    user = {"id": chat, "is_bot": False, "first_name": "Budi", "language_code": "id"}
    chat_info = {"id": chat, "type": "private", "first_name": "Budi"}
    message = {"message_id": 900_000 + chat % 1000, "from": user, "chat": chat_info, "date": int(time.time())}
    return {"message": {**message, **media}}


def test_photo_caption_in_a_private_chat_is_answered(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    since = fake.mark()
    photo = [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]
    fake.inject_raw(_media_message(chat, photo=photo, caption="berapa KK di Lingga?"))
    reply = fake.wait_for_message(chat, timeout=WAIT, since=since)
    assert "7.408" in (reply.plain_text or ""), reply.plain_text


def test_sticker_in_a_private_chat_gets_one_line_saying_the_bot_reads_text(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    since = fake.mark()
    sticker = {
        "file_id": "s1",
        "file_unique_id": "su1",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
    }
    fake.inject_raw(_media_message(chat, sticker=sticker))
    reply = fake.wait_for_message(chat, timeout=WAIT, since=since)
    assert "membaca pesan teks" in (reply.plain_text or ""), reply.plain_text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("berapa KK di <b>Batam</b> & _bintan_?", "23.945"),
        ("/bahasa <i>x&y_z</i>", "<i>x&y_z</i>"),  # the unknown language is echoed back: it must be escaped
    ],
    ids=["markup-in-question", "markup-echoed-back"],
)
def test_html_special_characters_from_users_are_escaped(
    fake: FakeBotAPI, alive: BotProcess, question: str, expected: str
) -> None:
    chat = private_chat()
    since = fake.mark()
    reply = ask(fake, chat, question)
    assert not is_apology(reply), f"the reply failed and the bot apologised: {fake.dump()}"
    assert expected in (reply.plain_text or ""), reply.plain_text
    failed = [c.summary() for c in sends_to(fake, chat, since) if not c.ok]
    assert not failed, failed


def test_unanswered_question_is_recorded_without_the_user(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    question = f"cuaca hari ini? {chat}"
    reply = ask(fake, chat, question)
    assert "Tanya Bansos hanya" in (reply.plain_text or ""), reply.plain_text  # out of scope: not answered

    listed = run_cli(["unanswered"], alive.env, alive.workdir)
    assert listed.returncode == 0, listed.stderr
    assert question in listed.stdout, listed.stdout

    database = alive.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(unansweredquestion)")]
        rows = db.execute("SELECT * FROM unansweredquestion WHERE text = ?", (question,)).fetchall()
    assert rows, "the question was not stored"
    assert not [c for c in columns if "user" in c.lower() or "chat" in c.lower()], columns
    stored = [str(value) for value in rows[0]]
    assert [value == str(chat) for value in stored].count(True) == 0, dict(zip(columns, stored, strict=True))


# ------------------------------------------------------------------------------------------------ groups


def test_group_message_without_mention_gets_no_reply(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat, user = group_chat(), private_chat()
    since = fake.mark()
    fake.inject_message(chat, "berapa KK di Batam", chat_type="group", user_id=user)
    fake.inject_message(chat, "/ringkasan@SomeOtherBot", chat_type="group", user_id=user)
    time.sleep(QUIET)
    assert not sends_to(fake, chat, since), [c.summary() for c in sends_to(fake, chat, since)]

    mention = fake.inject_message(chat, f"@{BOT_USERNAME} berapa KK di Batam", chat_type="group", user_id=user)
    reply = fake.wait_for_message(chat, contains="23.945", timeout=WAIT, since=since)
    assert replied_to(reply) == mention["message"]["message_id"]
    assert len(sends_to(fake, chat, since)) == 1, [c.summary() for c in sends_to(fake, chat, since)]


def test_group_reply_to_the_bot_gets_an_answer(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat, user = group_chat(), private_chat()
    first = ask(fake, chat, f"@{BOT_USERNAME} berapa KK di Batam", contains="23.945", chat_type="group", user_id=user)
    since = fake.mark()
    follow_up = fake.inject_message(
        chat, "kalau di Lingga berapa KK?", chat_type="group", user_id=user, reply_to_message_id=first.message_id
    )
    reply = fake.wait_for_message(chat, contains="7.408", timeout=WAIT, since=since)
    assert replied_to(reply) == follow_up["message"]["message_id"]


def test_group_command_addressed_to_the_bot_works(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat, user = group_chat(), private_chat()
    command = fake.inject_message(chat, f"/ringkasan@{BOT_USERNAME}", chat_type="group", user_id=user)
    reply = fake.wait_for_message(chat, timeout=WAIT)
    assert "2022" in (reply.plain_text or "") and "58.849" in (reply.plain_text or ""), reply.plain_text
    assert replied_to(reply) == command["message"]["message_id"]


# ------------------------------------------------------------------------------------------------ buttons


def test_program_drill_down_by_buttons(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    listing = ask(fake, chat, "/program")
    uep = button(listing, lambda b: str(b.get("callback_data", "")).startswith("p:UEP"))

    query_id, since = press(fake, chat, listing.message_id, uep["callback_data"])
    wait_answered(fake, query_id, since)
    program = wait_edit(fake, chat, listing.message_id, "Kota Batam: 192 KK", since)
    assert "465" in (program.plain_text or ""), program.plain_text
    region = button(program, lambda b: str(b.get("callback_data", "")).startswith("x:UEP:21.71"))

    query_id, since = press(fake, chat, listing.message_id, region["callback_data"])
    wait_answered(fake, query_id, since)
    detail = wait_edit(fake, chat, listing.message_id, "192 KK", since)
    assert "Batam" in (detail.plain_text or "") and "UEP" in (detail.plain_text or ""), detail.plain_text
    assert "41,3%" in (detail.plain_text or ""), detail.plain_text


@pytest.mark.parametrize("data", ["x:ZZZ:99.99", "garbage", "lang:xx", "p:NOPE:2022", "ask:"])
def test_forged_button_gets_a_polite_answer_and_the_bot_carries_on(
    fake: FakeBotAPI, alive: BotProcess, data: str
) -> None:
    chat = private_chat()
    listing = ask(fake, chat, "/wilayah")
    query_id, since = press(fake, chat, listing.message_id, data)
    answered = wait_answered(fake, query_id, since)
    assert "tidak berlaku" in str(answered.params.get("text")), answered.params
    assert not [c for c in sends_to(fake, chat, since) if c.method == "editMessageText"]
    assert "7.408" in (ask(fake, chat, "berapa KK di Lingga?").plain_text or "")


def test_ambiguous_name_offers_choices(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    question = ask(fake, chat, "tanjung berapa kk")
    assert "Maksud Anda" in (question.plain_text or ""), question.plain_text
    choices = buttons(question)
    assert len(choices) >= 2, choices
    pinang = button(question, lambda b: "Tanjung Pinang" in b["text"])

    query_id, since = press(fake, chat, question.message_id, pinang["callback_data"])
    wait_answered(fake, query_id, since)
    answer = fake.wait_for(
        lambda c: c.ok and c.chat_id == chat and c.method in {"editMessageText", "sendMessage"},
        WAIT,
        since=since,
        what="the answer for Tanjung Pinang",
    )
    assert "7.721" in (answer.plain_text or "") and "Tanjung Pinang" in (answer.plain_text or ""), answer.plain_text


# ------------------------------------------------------------------------------------------------ charts


def _photo(call: Call) -> bytes:
    assert call.method == "sendPhoto", call.summary()
    return call.files["photo"].data


def test_chart_command_sends_a_png(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    photo = ask(fake, chat, "/grafik")
    assert _photo(photo).startswith(PNG_SIGNATURE)
    assert "2022" in (photo.plain_text or ""), photo.plain_text


def test_chart_of_one_program(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    photo = ask(fake, chat, "/grafik uep")
    assert _photo(photo).startswith(PNG_SIGNATURE)
    assert "UEP" in (photo.plain_text or ""), photo.plain_text


def test_chart_button_on_a_ranking(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    ranking = ask(fake, chat, "daerah mana paling banyak?")
    assert "23.945" in (ranking.plain_text or ""), ranking.plain_text
    chart = button(ranking, lambda b: str(b.get("callback_data", "")).startswith("g"))
    query_id, since = press(fake, chat, ranking.message_id, chart["callback_data"])
    wait_answered(fake, query_id, since)
    photo = fake.wait_for_message(chat, timeout=WAIT, since=since, methods={"sendPhoto"})
    assert _photo(photo).startswith(PNG_SIGNATURE)


# ------------------------------------------------------------------------------------------------ language


def test_language_command_switches_to_english_and_back(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    confirmation = ask(fake, chat, "/bahasa en")
    assert "Language" in (confirmation.plain_text or "") and "English" in (confirmation.plain_text or "")

    english = ask(fake, chat, "how many households in Lingga?")
    assert "7,408" in (english.plain_text or "") and "7.408" not in (english.plain_text or ""), english.plain_text
    assert "penerima bantuan" not in (english.plain_text or ""), english.plain_text
    assert "7,408" in (ask(fake, chat, "berapa KK di Lingga?").plain_text or "")

    back = ask(fake, chat, "/bahasa id")
    assert "Bahasa diganti" in (back.plain_text or ""), back.plain_text
    assert "7.408" in (ask(fake, chat, "berapa KK di Lingga?").plain_text or "")


def test_telegram_language_english_gets_english_without_asking(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    reply = ask(fake, chat, "berapa KK di Lingga?", language_code="en-GB")
    assert "7,408" in (reply.plain_text or ""), reply.plain_text


def test_language_buttons(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    prompt = ask(fake, chat, "/bahasa")
    assert {b.get("callback_data") for b in buttons(prompt)} >= {"lang:id", "lang:en"}, buttons(prompt)
    query_id, since = press(fake, chat, prompt.message_id, "lang:en")
    wait_answered(fake, query_id, since)
    wait_edit(fake, chat, prompt.message_id, "English", since)
    assert "7,408" in (ask(fake, chat, "berapa KK di Lingga?").plain_text or "")


def test_language_button_on_a_message_too_old_to_edit_answers_in_a_new_message(
    fake: FakeBotAPI, alive: BotProcess
) -> None:
    chat = private_chat()
    prompt = ask(fake, chat, "/bahasa")
    fake.fail_next("editMessageText", 400, "Bad Request: message can't be edited", chat_id=chat)
    query_id, since = press(fake, chat, prompt.message_id, "lang:en")
    wait_answered(fake, query_id, since)
    confirmation = fake.wait_for_message(chat, contains="English", timeout=WAIT, since=since)
    assert confirmation.method == "sendMessage" and not is_apology(confirmation), confirmation.summary()
    assert not [c for c in sends_to(fake, chat, since) if is_apology(c)], fake.dump()


def test_a_group_member_cannot_switch_the_groups_language_but_its_admin_can(
    fake: FakeBotAPI, alive: BotProcess
) -> None:
    chat, member, admin = group_chat(), private_chat(), private_chat()
    refused = ask(fake, chat, "/bahasa en", chat_type="group", user_id=member)
    assert "hanya admin grup" in (refused.plain_text or ""), refused.plain_text
    assert "23.945" in (ask(fake, chat, f"@{BOT_USERNAME} berapa KK di Batam", chat_type="group").plain_text or "")

    prompt = ask(fake, chat, "/bahasa", chat_type="group", user_id=member)
    query_id, since = press(fake, chat, prompt.message_id, "lang:en", user_id=member)
    assert "hanya admin grup" in str(wait_answered(fake, query_id, since).params.get("text"))

    fake.set_chat_member(chat, admin, "administrator")
    switched = ask(fake, chat, "/bahasa en", chat_type="group", user_id=admin)
    assert "Language" in (switched.plain_text or ""), switched.plain_text
    reply = ask(fake, chat, f"@{BOT_USERNAME} berapa KK di Batam", chat_type="group", user_id=member)
    assert "23,945" in (reply.plain_text or ""), reply.plain_text


def test_a_button_without_data_is_answered_as_no_longer_valid(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    listing = ask(fake, chat, "/wilayah")
    since = fake.mark()
    user = {"id": chat, "is_bot": False, "first_name": "Budi"}
    query = {"id": f"9{chat}", "from": user, "message": fake.message(chat, listing.message_id), "chat_instance": "1"}
    raw = fake.inject_raw({"callback_query": query})  # no "data" at all
    answered = wait_answered(fake, raw["callback_query"]["id"], since)
    assert "tidak berlaku" in str(answered.params.get("text")), answered.params
    assert "Pratinjau" not in str(answered.params.get("text")), answered.params
    assert not [c for c in sends_to(fake, chat, since) if is_apology(c)], fake.dump()


def test_a_bare_mention_in_a_group_gets_the_help(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = group_chat()
    reply = ask(fake, chat, f"@{BOT_USERNAME}", chat_type="group")
    assert "belum paham" not in (reply.plain_text or ""), reply.plain_text
    assert "Contoh pertanyaan" in (reply.plain_text or ""), reply.plain_text


def test_english_answers_explain_what_kk_means(fake: FakeBotAPI, alive: BotProcess) -> None:
    reply = ask(fake, private_chat(), "how many households in Lingga?", language_code="en")
    text = reply.plain_text or ""
    assert "7,408 KK" in text and text.count("households:") == 1, text


def test_about_names_the_source_and_year(fake: FakeBotAPI, alive: BotProcess) -> None:
    reply = ask(fake, private_chat(), "/tentang")
    assert "Harian Kepri" in (reply.plain_text or "") and "2022" in (reply.plain_text or ""), reply.plain_text


# ------------------------------------------------------------------------------------------------ Telegram errors


def test_flood_wait_429_is_retried_after_retry_after(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    fake.fail_next("sendMessage", 429, retry_after=1, chat_id=chat)
    since = fake.mark()
    started = time.monotonic()
    reply = ask(fake, chat, "berapa KK di Lingga?", contains="7.408")
    assert reply.monotonic - started >= 0.9
    refused = [c for c in sends_to(fake, chat, since) if not c.ok]
    assert [c.status for c in refused] == [429], [c.summary() for c in refused]


def test_bad_gateway_is_retried(fake: FakeBotAPI, alive: BotProcess) -> None:
    chat = private_chat()
    fake.fail_next("sendMessage", 502, chat_id=chat)
    since = fake.mark()
    ask(fake, chat, "berapa KK di Lingga?", contains="7.408")
    refused = [c for c in sends_to(fake, chat, since) if not c.ok]
    assert [c.status for c in refused] == [502], [c.summary() for c in refused]


def test_blocked_chat_does_not_stop_the_bot(fake: FakeBotAPI, alive: BotProcess) -> None:
    blocked, other = private_chat(), private_chat()
    fake.fail_chat(blocked, 403, "Forbidden: bot was blocked by the user")
    since = fake.mark()
    fake.inject_message(blocked, "berapa KK di Lingga?")
    fake.wait_for(lambda c: c.chat_id == blocked and c.status == 403, WAIT, since=since, what="the refused send")
    assert "23.945" in (ask(fake, other, "berapa KK di Batam?").plain_text or "")
    assert alive.alive()


def test_slow_telegram_still_delivers(fake: FakeBotAPI, alive: BotProcess) -> None:
    """Telegram answering after 2 s must not look like a failure (no timeout, no apology, no duplicate)."""
    chat = private_chat()
    fake.delay("sendMessage", 2)
    since = fake.mark()
    ask(fake, chat, "berapa KK di Lingga?", contains="7.408")
    time.sleep(2.5)  # the bot is still waiting for the slow answer; a too-short timeout would fail now
    fake.delay("sendMessage", 0)
    assert "23.945" in (ask(fake, chat, "berapa KK di Batam?").plain_text or "")
    sent = sends_to(fake, chat, since)
    assert [c.ok for c in sent] == [True, True], [c.summary() for c in sent]
    assert not any(is_apology(c) for c in sent)


# ------------------------------------------------------------------------------------------------ flood control


@pytest.fixture(scope="module")
def throttled(locales: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeBotAPI, BotProcess]]:
    with FakeBotAPI() as server:
        process = BotProcess(
            server,
            tmp_path_factory.mktemp("throttled"),
            name="throttled",
            locales_dir=locales,
            throttle_messages_per_minute=3,
            throttle_pause_seconds=60,
            admin_ids=ADMIN,
        )
        process.start()
        try:
            yield server, process
        finally:
            _shutdown(process, server)


def test_flood_gets_one_warning_then_silence_and_others_are_unaffected(
    throttled: tuple[FakeBotAPI, BotProcess],
) -> None:
    server, process = throttled
    flooder, calm = 900_001, 900_002
    for i in range(6):
        server.inject_message(flooder, f"berapa KK di Lingga? {i}")
    server.inject_message(calm, "berapa KK di Batam?")
    server.wait_for_message(calm, contains="23.945", timeout=WAIT)
    server.wait_for_message(flooder, contains="Pelan-pelan", timeout=WAIT)
    time.sleep(QUIET)

    texts = [c.plain_text or "" for c in server.messages(flooder)]
    warnings = [i for i, t in enumerate(texts) if "Pelan-pelan" in t]
    assert len(warnings) == 1, texts
    assert warnings[0] == len(texts) - 1, f"answers after the warning: {texts}"
    assert len(texts) == 4 and all("7.408" in t for t in texts[:3]), texts
    assert len(server.messages(calm)) == 1
    assert process.alive()


def test_staff_commands_are_never_throttled(throttled: tuple[FakeBotAPI, BotProcess]) -> None:
    """An admin subscribing a dozen groups in a minute loses none of them."""
    server, process = throttled
    groups = [group_chat() for _ in range(8)]
    for chat in groups:
        server.inject_message(chat, "/langganan", chat_type="group", user_id=ADMIN)
    for chat in groups:
        reply = server.wait_for_message(chat, timeout=WAIT)
        assert "Pelan-pelan" not in (reply.plain_text or ""), reply.plain_text
    for i in range(6):
        server.inject_message(ADMIN, f"berapa KK di Lingga? {i}")
    # Wait for the six replies (not for a fixed time: a busy machine may take longer than any sleep); a throttled
    # admin gets a warning and then silence, so the wait ends with the failure and its texts.
    server.wait_until(lambda: len(server.messages(ADMIN)) >= 6, WAIT, what="six replies to the admin")
    texts = [c.plain_text or "" for c in server.messages(ADMIN)]
    assert len(texts) == 6 and all("7.408" in t for t in texts), texts
    assert process.alive()


def test_a_citizens_commands_are_answered_even_in_a_flood(throttled: tuple[FakeBotAPI, BotProcess]) -> None:
    server, _process = throttled
    citizen = private_chat()
    for i in range(5):
        server.inject_message(citizen, f"berapa KK di Lingga? {i}")
    server.wait_for_message(citizen, contains="Pelan-pelan", timeout=WAIT)
    since = server.mark()
    server.inject_message(citizen, "/program")
    assert "UEP" in (server.wait_for_message(citizen, timeout=WAIT, since=since).plain_text or "")


def test_group_chatter_not_for_the_bot_never_counts_as_a_flood(throttled: tuple[FakeBotAPI, BotProcess]) -> None:
    server, _process = throttled
    chat, member = group_chat(), private_chat()
    for i in range(6):
        server.inject_message(chat, f"rapat jam {i}?", chat_type="group", user_id=member)
    since = server.mark()
    server.inject_message(chat, f"@{BOT_USERNAME} berapa KK di Batam", chat_type="group", user_id=member)
    reply = server.wait_for_message(chat, timeout=WAIT, since=since)
    assert "23.945" in (reply.plain_text or ""), reply.plain_text
    assert not [c for c in server.messages(chat) if "Pelan-pelan" in (c.plain_text or "")]


def test_an_upload_whose_download_fails_asks_for_the_file_again(throttled: tuple[FakeBotAPI, BotProcess]) -> None:
    server, process = throttled
    since = server.mark()
    server.fail_next("getFile", 400, "Bad Request: file is temporarily unavailable")
    server.inject_document(ADMIN, b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,UEP,21\n", "koreksi.csv")
    reply = server.wait_for_message(ADMIN, timeout=WAIT, since=since)
    assert "kirim berkasnya lagi" in (reply.plain_text or ""), reply.plain_text
    assert "terjadi kesalahan" not in (reply.plain_text or ""), reply.plain_text
    assert process.alive()


# ------------------------------------------------------------------------------------------------ long replies


def _assert_valid_parts(parts: list[str], original: str, limit: int = 4096) -> None:
    assert parts, "the text disappeared"
    plain = []
    for part in parts:
        assert len(part) <= limit, len(part)
        text, _entities = parse_html(part)  # raises like Telegram's "can't parse entities"
        assert 0 < utf16_len(text) <= limit
        plain.append(text)
    squeeze = lambda s: "".join(s.split())  # noqa: E731 - a cut may fall on a line break or a space
    assert squeeze("".join(plain)) == squeeze(parse_html(original)[0])


def test_split_plain_long_text_into_valid_parts() -> None:
    text = "\n".join(f"• Kabupaten nomor {i}: {i * 37} KK" for i in range(600))
    parts = split_html(text)
    assert len(parts) > 1
    _assert_valid_parts(parts, text)


def test_split_short_text_is_untouched() -> None:
    assert split_html("<b>Lingga</b>: 7.408 KK") == ["<b>Lingga</b>: 7.408 KK"]


def test_split_keeps_nested_tags_valid() -> None:
    lines = [f"<b>Wilayah {i}</b>: <i>catatan <b>penting &amp; {i}</b> &lt;ok&gt;</i>" for i in range(300)]
    text = "\n".join(lines)
    _assert_valid_parts(split_html(text), text)


def test_split_single_long_line_is_not_lost() -> None:
    text = "<b>" + " ".join(f"kata{i}" for i in range(2000)) + "</b>"
    _assert_valid_parts(split_html(text), text)


def test_split_terminates_on_tag_heavy_text() -> None:
    code = (
        "from bot.text.split import split_html\n"
        "print(len(split_html('\\n\\n'.join('<b>x</b> ' * 30 for _ in range(100)))))\n"
    )
    try:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("split_html did not return within 5 s")
    assert done.returncode == 0, done.stderr
