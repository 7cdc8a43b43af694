"""Tests for the fake Telegram Bot API server in ``tests/fakebot`` against a real python-telegram-bot ``Bot``."""

from __future__ import annotations

import asyncio
import datetime as dtm
import struct
import threading
import time
import warnings
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    Update,
)
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

try:
    from tests.fakebot import FakeBotAPI, HTMLParseError, detect_entities, parse_html
except ImportError:  # tests/ is not a package: pytest puts tests/ itself on sys.path
    from fakebot import FakeBotAPI, HTMLParseError, detect_entities, parse_html  # type: ignore[no-redef]

PRIVATE = 42
GROUP = -4001
SUPERGROUP = -1001234567890


def make_png(width: int = 64, height: int = 48) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _server_threads(port: int) -> list[threading.Thread]:
    """This server's thread, if it still runs (other tests' servers may share the process under xdist)."""
    return [t for t in threading.enumerate() if t.name == f"FakeBotAPI:{port}"]


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    server = FakeBotAPI()
    with server:
        port = server.port
        yield server
    assert not server.running
    assert not _server_threads(port)


@pytest_asyncio.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url) as tg_bot:
        yield tg_bot


def _seconds(value: int | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# --------------------------------------------------------------------------- HTML parser


@pytest.mark.parametrize(
    ("text", "plain", "types"),
    [
        ("<b>Halo</b> &lt;3 &amp; &quot;ok&quot;", 'Halo <3 & "ok"', ["bold"]),
        (
            "<strong>a</strong><em>b</em><ins>c</ins><del>d</del>",
            "abcd",
            ["bold", "italic", "underline", "strikethrough"],
        ),
        ('<a href="https://kepriprov.go.id">tautan</a>', "tautan", ["text_link"]),
        ('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', "xy", ["spoiler", "spoiler"]),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1", ["pre"]),
        ("<blockquote>kutipan</blockquote> 5 &gt; 3", "kutipan 5 > 3", ["blockquote"]),
        ("tanpa markup &nbsp; & sendiri", "tanpa markup &nbsp; & sendiri", []),
    ],
)
def test_parse_html_accepts_telegram_html(text: str, plain: str, types: list[str]) -> None:
    parsed, entities = parse_html(text)
    assert parsed == plain
    assert [e["type"] for e in entities] == types


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("baris<br>baris", 'Unsupported start tag "br" at byte offset 5'),
        ("<b>tebal", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("nilai 1<2", "Unclosed start tag at byte offset 7"),
    ],
)
def test_parse_html_rejects_like_telegram(text: str, message: str) -> None:
    with pytest.raises(HTMLParseError) as info:
        parse_html(text)
    assert str(info.value) == message


def test_entity_offsets_are_utf16() -> None:
    plain, entities = parse_html("😀 <b>x</b>")
    assert plain == "😀 x"
    assert entities == [{"type": "bold", "offset": 3, "length": 1}]
    found = detect_entities("😀 /start@TanyaBansosBot hai @budi_santoso #bansos")
    assert found == [
        {"type": "bot_command", "offset": 3, "length": 21},
        {"type": "mention", "offset": 29, "length": 13},
        {"type": "hashtag", "offset": 43, "length": 7},
    ]


# --------------------------------------------------------------------------- Bot API methods


@pytest.mark.asyncio
async def test_get_me(fake: FakeBotAPI, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 123456
    assert me.is_bot
    assert me.first_name == "Tanya Bansos"
    assert me.username == "TanyaBansosBot"
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is False
    assert me.supports_inline_queries is False
    assert fake.tokens_seen == {fake.token}
    assert fake.request_counts["getMe"] >= 1


@pytest.mark.asyncio
async def test_send_message_html_round_trip(fake: FakeBotAPI, bot: Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Detail", callback_data="detail:2024")]])
    message = await bot.send_message(
        PRIVATE, "<b>Penerima</b> PKH &lt;2024&gt;: 1.234", parse_mode="HTML", reply_markup=keyboard
    )
    assert message.text == "Penerima PKH <2024>: 1.234"
    assert message.entities == (MessageEntity(MessageEntity.BOLD, 0, 8),)
    assert message.reply_markup == keyboard
    assert message.chat.type == "private"
    assert message.from_user is not None and message.from_user.is_bot
    assert isinstance(message.date, dtm.datetime)

    second = await bot.send_message(PRIVATE, "kedua", reply_to_message_id=message.message_id)
    assert second.message_id == message.message_id + 1
    assert second.reply_to_message is not None and second.reply_to_message.message_id == message.message_id

    call = fake.wait_for_message(PRIVATE, contains="Penerima", timeout=1)
    assert call.text == "<b>Penerima</b> PKH &lt;2024&gt;: 1.234"  # exactly as the bot sent it
    assert call.plain_text == "Penerima PKH <2024>: 1.234"
    assert call.params["chat_id"] == PRIVATE
    assert call.params["parse_mode"] == "HTML"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "Detail", "callback_data": "detail:2024"}]]}
    assert call.encoding == "form"  # PTB form-encodes, nested objects as JSON strings
    assert [c.chat_id for c in fake.messages(PRIVATE)] == [PRIVATE, PRIVATE]
    assert fake.sent[-1].params["reply_parameters"]["message_id"] == message.message_id


@pytest.mark.asyncio
async def test_malformed_html_and_limits_are_rejected(fake: FakeBotAPI, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"Can't parse entities: unsupported start tag \"\" at byte offset 6"):
        await bot.send_message(PRIVATE, "angka < 5", parse_mode="HTML")
    with pytest.raises(BadRequest, match='Can\'t parse entities: unsupported start tag "br"'):
        await bot.send_message(PRIVATE, "a<br>b", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)can't find end tag"):
        await bot.send_message(PRIVATE, "<b>tebal", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(PRIVATE, "x" * 4097)
    # 4096 characters after entity parsing are fine even if the markup makes the raw text longer
    await bot.send_message(PRIVATE, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(PRIVATE, make_png(), caption="y" * 1025)
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(
            PRIVATE, "x", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="d" * 65)]])
        )
    failed = [c for c in fake.sent if not c.ok]
    assert len(failed) == 6
    assert failed[0].status == 400
    assert failed[0].description == 'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 6'
    assert len(fake.messages(PRIVATE)) == 1


@pytest.mark.asyncio
async def test_raw_http_shapes_json_and_query_requests(fake: FakeBotAPI) -> None:
    async with httpx.AsyncClient(base_url=fake.url) as client:
        missing = await client.post(f"/bot{fake.token}/sendMessage", json={"chat_id": PRIVATE})
        assert missing.status_code == 400
        assert missing.json() == {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"}
        no_chat = await client.post(f"/bot{fake.token}/sendMessage", json={"text": "x"})
        assert no_chat.json()["description"] == "Bad Request: chat_id is empty"
        unknown = await client.post(f"/bot{fake.token}/fooBar")
        assert unknown.status_code == 404
        assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        sent = await client.post(
            "/botOTHER:TOKEN/sendmessage",  # any token, case-insensitive method names
            json={"chat_id": str(SUPERGROUP), "text": "halo", "reply_markup": {"remove_keyboard": True}},
        )
        body = sent.json()
        assert body["ok"] is True
        assert body["result"]["chat"] == {"id": SUPERGROUP, "type": "supergroup", "title": f"Supergroup {SUPERGROUP}"}
        assert "reply_markup" not in body["result"]  # Telegram only echoes inline keyboards
        assert isinstance(body["result"]["date"], int)
        me = await client.get(f"/bot{fake.token}/getMe")
        assert me.json()["result"]["username"] == "TanyaBansosBot"
        fake.inject_message(PRIVATE, "hai")
        updates = await client.get(f"/bot{fake.token}/getUpdates", params={"timeout": "0"})
        assert [u["message"]["text"] for u in updates.json()["result"]] == ["hai"]
    assert "OTHER:TOKEN" in fake.tokens_seen
    assert fake.sent[-2].encoding == "json"
    assert fake.sent[-2].method == "sendMessage"


@pytest.mark.asyncio
async def test_get_updates_long_poll_returns_injected_command(fake: FakeBotAPI, bot: Bot) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    assert not poll.done()  # really long-polling
    injected = fake.inject_message(PRIVATE, "/start@TanyaBansosBot halo @admin_bansos", first_name="Siti")
    updates = await asyncio.wait_for(poll, 3)
    elapsed = time.monotonic() - started
    assert 0.15 < elapsed < 2
    assert len(updates) == 1
    update = updates[0]
    assert update.update_id == injected["update_id"]
    message = update.message
    assert message is not None and message.text == "/start@TanyaBansosBot halo @admin_bansos"
    assert message.from_user is not None and message.from_user.first_name == "Siti"
    assert message.from_user.language_code == "id"
    assert message.chat.type == "private" and message.chat.id == PRIVATE
    assert message.entities == (
        MessageEntity(MessageEntity.BOT_COMMAND, 0, 21),
        MessageEntity(MessageEntity.MENTION, 27, 13),
    )
    assert message.parse_entities([MessageEntity.BOT_COMMAND]).popitem()[1] == "/start@TanyaBansosBot"

    started = time.monotonic()
    empty = await bot.get_updates(offset=update.update_id + 1, timeout=1)
    assert empty == ()
    assert 0.9 <= time.monotonic() - started < 2.5


@pytest.mark.asyncio
async def test_get_updates_offset_and_limit(fake: FakeBotAPI, bot: Bot) -> None:
    ids = [fake.inject_message(PRIVATE, f"pesan {n}")["update_id"] for n in range(4)]
    assert ids == sorted(ids) and len(set(ids)) == 4
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates()] == ids  # unconfirmed: delivered again
    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    assert [u.update_id for u in await bot.get_updates(offset=ids[1])] == ids[1:]  # confirms ids[0]
    assert [u.update_id for u in await bot.get_updates()] == ids[1:]
    assert [u.update_id for u in await bot.get_updates(offset=-1)] == ids[-1:]  # forgets all older
    assert [u.update_id for u in await bot.get_updates()] == ids[-1:]
    assert await bot.get_updates(offset=ids[-1] + 1) == ()
    assert fake.pending_updates == []
    messages = [m["message"]["message_id"] for m in (fake.inject_message(PRIVATE, "x"), fake.inject_message(-7, "y"))]
    assert messages == [5, 1]  # message ids count per chat


@pytest.mark.asyncio
async def test_second_instance_get_updates_terminates_first_with_conflict(fake: FakeBotAPI, bot: Bot) -> None:
    # PTB serialises get_updates on one Bot (pool of 1 connection), so the second poller is a second instance
    async with Bot(fake.token, base_url=fake.base_url) as other:
        first = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.2)
        second = asyncio.create_task(other.get_updates(timeout=2))
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(first, 3)
        fake.inject_message(PRIVATE, "untuk yang kedua")
        assert len(await asyncio.wait_for(second, 3)) == 1


@pytest.mark.asyncio
async def test_send_photo_and_document_uploads(fake: FakeBotAPI, bot: Bot) -> None:
    png = make_png(640, 480)
    message = await bot.send_photo(PRIVATE, png, caption="<i>Grafik</i> bansos", parse_mode="HTML")
    assert message.caption == "Grafik bansos"
    assert message.caption_entities == (MessageEntity(MessageEntity.ITALIC, 0, 6),)
    largest = message.photo[-1]
    assert (largest.width, largest.height) == (640, 480)
    assert [p.width for p in message.photo] == [90, 320, 640]
    call = fake.wait_for(lambda c: c.method == "sendPhoto", timeout=1)
    assert call.encoding == "multipart"
    assert call.files["photo"].data == png
    assert call.params["caption"] == "<i>Grafik</i> bansos"
    assert fake.file_bytes(largest.file_id) == png

    # re-sending by file_id needs no upload
    again = await bot.send_photo(GROUP, largest.file_id)
    assert again.photo[-1].width == 640
    assert fake.sent[-1].files == {}

    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(PRIVATE, b"bukan gambar")

    xlsx = b"PK\x03\x04 fake workbook"
    doc_message = await bot.send_document(PRIVATE, xlsx, filename="rekap.xlsx", caption="Rekap")
    document = doc_message.document
    assert document is not None
    assert document.file_name == "rekap.xlsx"
    assert document.mime_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert document.file_size == len(xlsx)
    assert fake.sent[-1].files["document"].filename == "rekap.xlsx"
    downloaded = await (await bot.get_file(document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == xlsx


@pytest.mark.asyncio
async def test_get_file_and_download_injected_document(fake: FakeBotAPI, bot: Bot) -> None:
    data = b"kecamatan;penerima\nBintan;120\n" * 100
    update = fake.inject_document(PRIVATE, data, "data.csv", "text/csv", caption="/impor data baru")
    updates = await bot.get_updates()
    message = updates[0].message
    assert message is not None and message.document is not None
    assert message.document.file_id == update["message"]["document"]["file_id"]
    assert message.document.file_name == "data.csv"
    assert message.caption_entities == (MessageEntity(MessageEntity.BOT_COMMAND, 0, 6),)
    tg_file = await bot.get_file(message.document.file_id)
    assert tg_file.file_size == len(data)
    assert tg_file.file_path is not None and tg_file.file_path.startswith(f"{fake.base_file_url}{fake.token}/")
    assert bytes(await tg_file.download_as_bytearray()) == data
    assert fake.request_counts["file_download"] == 1
    with pytest.raises(BadRequest, match="Invalid file_id"):
        await bot.get_file("tidak-ada")


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_fault_injection_maps_to_ptb_errors(fake: FakeBotAPI, bot: Bot) -> None:
    fake.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryAfter) as retry:
        await bot.send_message(PRIVATE, "satu")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _seconds(retry.value.retry_after) == 7
    assert fake.sent[-1].error_parameters == {"retry_after": 7}
    await bot.send_message(PRIVATE, "dua")  # only the next call failed

    fake.fail_next("sendMessage", 403)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(PRIVATE, "tiga")

    fake.fail_next("sendMessage", migrate_to_chat_id=SUPERGROUP)
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(GROUP, "empat")
    assert migrated.value.new_chat_id == SUPERGROUP

    fake.fail_next("*", 502, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Bad Gateway"):
            await bot.get_me()
    await bot.get_me()

    fake.fail_chat(GROUP)
    for _ in range(2):
        with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
            await bot.send_message(GROUP, "lima")
    await bot.send_message(PRIVATE, "chat lain tetap jalan")
    fake.clear_failures(GROUP)
    await bot.send_message(GROUP, "enam")


@pytest.mark.asyncio
async def test_membership_and_migration_state(fake: FakeBotAPI, bot: Bot) -> None:
    fake.inject_my_chat_member(GROUP, "left", "member", chat_title="Dinsos Kepri")
    update = Update.de_json((await bot.get_updates())[0].to_dict(), bot)
    assert update.my_chat_member is not None
    assert update.my_chat_member.new_chat_member.status == "member"
    assert update.my_chat_member.chat.title == "Dinsos Kepri"
    await bot.send_message(GROUP, "terima kasih sudah menambahkan saya")

    fake.set_chat_member(GROUP, 1001, "administrator")
    fake.set_chat_member(GROUP, 1002, "creator")
    admin = await bot.get_chat_member(GROUP, 1001)
    assert admin.status == "administrator"
    assert (await bot.get_chat_member(GROUP, 9999)).status == "member"
    assert {m.user.id for m in await bot.get_chat_administrators(GROUP)} == {1001, 1002}
    chat = await bot.get_chat(GROUP)
    assert chat.type == "group" and chat.title == "Dinsos Kepri"

    fake.inject_migrate(GROUP, SUPERGROUP)
    kinds = [(u.message.migrate_to_chat_id, u.message.migrate_from_chat_id) for u in await bot.get_updates(offset=-2)]
    assert kinds == [(SUPERGROUP, None), (None, GROUP)]
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(GROUP, "lama")
    assert migrated.value.new_chat_id == SUPERGROUP
    new = await bot.send_message(SUPERGROUP, "baru")
    assert new.chat.type == "supergroup" and new.chat.title == "Dinsos Kepri"

    fake.inject_my_chat_member(SUPERGROUP, "member", "kicked")
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(SUPERGROUP, "masih di sini?")
    fake.inject_my_chat_member(PRIVATE, "member", "kicked")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(PRIVATE, "halo?")
    assert await bot.leave_chat(-555)
    with pytest.raises(Forbidden, match="bot is not a member of the group chat"):
        await bot.send_message(-555, "x")


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBUserWarning")
async def test_commands_webhook_and_misc(fake: FakeBotAPI, bot: Bot) -> None:
    commands = [BotCommand("start", "Mulai"), BotCommand("bantuan", "Bantuan")]
    assert await bot.set_my_commands(commands, language_code="id")
    assert await bot.set_my_commands([BotCommand("start", "Start")], scope=BotCommandScopeAllPrivateChats())
    assert await bot.set_my_commands([BotCommand("admin", "Admin")], scope=BotCommandScopeChat(SUPERGROUP))
    assert fake.get_commands("default", "id") == [
        {"command": "start", "description": "Mulai"},
        {"command": "bantuan", "description": "Bantuan"},
    ]
    assert set(fake.commands) == {("default", "id"), ("all_private_chats", ""), (f"chat:{SUPERGROUP}", "")}
    assert tuple(await bot.get_my_commands(language_code="id")) == tuple(commands)
    assert await bot.get_my_commands() == ()
    assert await bot.delete_my_commands(language_code="id")
    assert ("default", "id") not in fake.commands
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Command", "x")])

    assert await bot.set_webhook("https://example.invalid/hook")
    assert (await bot.get_webhook_info()).url == "https://example.invalid/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    fake.inject_message(PRIVATE, "akan dibuang")
    assert (await bot.get_webhook_info()).pending_update_count == 1
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()

    assert await bot.send_chat_action(PRIVATE, "typing")
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(PRIVATE, "dancing")
    assert await bot.close()
    assert await bot.log_out()
    with pytest.raises(BadRequest):
        await bot.do_api_request("sendMessage", api_kwargs={"chat_id": PRIVATE})


@pytest.mark.asyncio
async def test_edit_and_callback_flow(fake: FakeBotAPI, bot: Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="ya")]])
    sent = await bot.send_message(PRIVATE, "Lanjut?", reply_markup=keyboard)
    injected = fake.inject_callback(PRIVATE, sent.message_id, "ya", first_name="Rina")
    query = (await bot.get_updates())[0].callback_query
    assert query is not None and query.data == "ya" and query.from_user.first_name == "Rina"
    assert query.message is not None and query.message.message_id == sent.message_id
    assert query.message.reply_markup == keyboard
    assert query.id == injected["callback_query"]["id"]
    assert await bot.answer_callback_query(query.id, text="Oke")
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)
    assert fake.answered_callbacks[0]["text"] == "Oke"

    edited = await bot.edit_message_text("<b>Selesai</b>", PRIVATE, sent.message_id, parse_mode="HTML")
    assert edited.text == "Selesai" and edited.edit_date is not None
    assert edited.reply_markup is None  # no reply_markup in the edit removes the keyboard
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("<b>Selesai</b>", PRIVATE, sent.message_id, parse_mode="HTML")
    with_markup = await bot.edit_message_reply_markup(PRIVATE, sent.message_id, reply_markup=keyboard)
    assert with_markup.reply_markup == keyboard
    stored = fake.message(PRIVATE, sent.message_id)
    assert stored is not None and stored["text"] == "Selesai"
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", PRIVATE, 999)
    assert await bot.edit_message_text("inline", inline_message_id="AAA") is True
    assert await bot.delete_message(PRIVATE, sent.message_id)
    assert fake.deleted_messages == [(PRIVATE, sent.message_id)]


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_delay_and_flood_limits(fake: FakeBotAPI, bot: Bot) -> None:
    fake.delay("sendMessage", 0.3)
    started = time.monotonic()
    await bot.send_message(PRIVATE, "pelan")
    assert time.monotonic() - started >= 0.29
    fake.delay("sendMessage", 0)

    fake.enforce_limits(global_per_second=3, per_group_per_minute=2, per_chat_per_second=1)
    await bot.send_message(1, "a")
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(1, "b")  # same chat within a second
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _seconds(refused.value.retry_after) == 1
    await bot.send_message(GROUP, "c")
    await bot.send_message(3, "d")
    with pytest.raises(RetryAfter):
        await bot.send_message(4, "e")  # global: 3 per second
    assert fake.limit_stats == {"accepted": 3, "refused": 2, "refused_global": 1, "refused_chat": 1, "refused_group": 0}
    await asyncio.sleep(1.05)
    await bot.send_message(1, "b")  # the windows have slid
    await bot.send_message(4, "e")

    fake.enforce_limits(global_per_second=None, per_group_per_minute=2, per_chat_per_second=None)
    await bot.send_message(GROUP, "f")
    await bot.send_message(GROUP, "g")
    await bot.send_message(PRIVATE, "private chats have no per-minute limit")
    with pytest.raises(RetryAfter) as refused:
        await bot.send_message(GROUP, "h")  # group: 2 per minute
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert 59 <= _seconds(refused.value.retry_after) <= 60
    assert fake.limit_stats == {"accepted": 3, "refused": 1, "refused_global": 0, "refused_chat": 0, "refused_group": 1}
    fake.disable_limits()
    await bot.send_message(GROUP, "h")


def _until(condition: Callable[[], bool], timeout: float) -> None:
    """Block until ``condition()`` holds (checked every few milliseconds), or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.005)


def test_sync_usage_wait_for_and_clean_shutdown() -> None:
    with FakeBotAPI() as fake:
        port = fake.port

        def bot_process() -> None:
            time.sleep(0.2)
            httpx.post(f"{fake.base_url}{fake.token}/sendMessage", data={"chat_id": "77", "text": "dari thread lain"})

        worker = threading.Thread(target=bot_process)
        worker.start()
        call = fake.wait_for_message(77, contains="thread lain", timeout=5)
        worker.join()
        assert call.chat_id == 77 and call.encoding == "form"
        with pytest.raises(
            AssertionError, match=r"(?s)waiting for a message to 77 containing 'tidak ada'.*#0 sendMessage"
        ):
            fake.wait_for_message(77, contains="tidak ada", timeout=0.2, since=0)
        mark = fake.mark()
        with pytest.raises(AssertionError):
            fake.wait_for_message(77, timeout=0.1, since=mark)

        # stop() answers a pending long poll immediately
        result: dict[str, Any] = {}

        def long_poll() -> None:
            started = time.monotonic()
            response = httpx.post(f"{fake.base_url}{fake.token}/getUpdates", data={"timeout": "30"}, timeout=40)
            result["elapsed"] = time.monotonic() - started
            result["body"] = response.json()

        poller = threading.Thread(target=long_poll)
        poller.start()
        # stop only once the server holds the long poll (its body read and the poll parked): a fixed sleep, or the
        # request count (taken before the body is read), raced the request on a busy machine and the poll then hit
        # a closed connection
        _until(lambda: fake.polls_waiting > 0, timeout=5)
    poller.join(5)
    assert result["body"] == {"ok": True, "result": []}
    assert result["elapsed"] < 3
    assert not _server_threads(port)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/bot{fake.token}/getMe", timeout=1)


@pytest.mark.asyncio
async def test_async_context_manager() -> None:
    async with FakeBotAPI() as fake, Bot(fake.token, base_url=fake.base_url) as bot:
        port = fake.port
        assert (await bot.get_me()).username == "TanyaBansosBot"
    assert not _server_threads(port)


@pytest.mark.asyncio
async def test_application_polling_echo_and_callback(fake: FakeBotAPI) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Tombol", callback_data="tap")]])

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(f"Echo: {update.message.text}", reply_markup=keyboard)

    async def on_tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Diterima")
        await query.edit_message_text(f"Dipilih: {query.data}")

    app = Application.builder().token(fake.token).base_url(fake.base_url).base_file_url(fake.base_file_url).build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(on_tap))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=5)
        try:
            fake.inject_message(PRIVATE, "halo bot")
            reply = await fake.wait_for_message_async(PRIVATE, contains="Echo: halo bot", timeout=5)
            assert reply.message_id is not None
            assert reply.params["reply_markup"] == keyboard.to_dict()
            fake.inject_callback(PRIVATE, reply.message_id, "tap")
            answer = await fake.wait_for_async(lambda c: c.method == "answerCallbackQuery" and c.ok, timeout=5)
            edit = await fake.wait_for_async(lambda c: c.method == "editMessageText" and c.ok, timeout=5)
        finally:
            stopping = time.monotonic()
            await app.updater.stop()
            await app.stop()
            assert time.monotonic() - stopping < 3
    assert answer.params["text"] == "Diterima"
    assert edit.plain_text == "Dipilih: tap"
    assert fake.answered_callbacks[0]["text"] == "Diterima"
    assert fake.pending_updates == []  # the updater confirmed everything on shutdown
    records = fake.update_records
    assert [(r.kind, r.reply_method) for r in records] == [
        ("message", "sendMessage"),
        ("callback_query", "answerCallbackQuery"),
    ]
    latencies = fake.reply_latencies()
    assert len(latencies) == 2 and all(0 < value < 5 for value in latencies)
    metrics = fake.metrics()
    assert metrics["updates_replied"] == 2
    assert metrics["requests"]["getUpdates"] >= 2
    assert metrics["requests"]["deleteWebhook"] == 1  # PTB's polling bootstrap
