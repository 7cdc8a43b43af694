"""Staff data management through Telegram, end to end: the real ``tanyabansos run`` process against the fake Bot API
server. An admin makes someone staff; the staff member sends a spreadsheet, sees the preview, the bot restarts, the
"Terapkan" press applies it and the answer to "berapa KK di Lingga?" changes. Citizens are refused politely.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.fakebot import Call, FakeBotAPI

pytestmark = pytest.mark.e2e

EXE = str(Path(sys.executable).parent / "tanyabansos")
ADMIN = 777
STAFF = 1001
CITIZEN = 2002
SETTINGS = ("TELEGRAM_", "DATABASE_URL", "ADMIN_IDS", "DATA_DIR", "PROVINCE_CODE", "LOG_LEVEL", "DEFAULT_LANGUAGE")


class BotRun:
    """The bot as an operator runs it: a separate process configured only by its environment."""

    def __init__(self, fake: FakeBotAPI, workdir: Path) -> None:
        self.fake = fake
        self.workdir = workdir
        self.log = workdir / "bot.log"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(SETTINGS)}
        self.env.update(
            {
                "TELEGRAM_BOT_TOKEN": fake.token,
                "TELEGRAM_API_BASE_URL": fake.base_url,
                "TELEGRAM_API_FILE_URL": fake.base_file_url,
                "DATABASE_URL": f"sqlite:///{workdir / 'bot.sqlite3'}",
                "ADMIN_IDS": str(ADMIN),
                "LOG_LEVEL": "INFO",
                "PYTHONUNBUFFERED": "1",
            }
        )
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 45) -> None:
        polls = self.fake.request_counts.get("getUpdates", 0)
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [EXE, "run"], cwd=self.workdir, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while self.fake.request_counts.get("getUpdates", 0) <= polls:
            assert self.proc.poll() is None, f"the bot exited with {self.proc.returncode}:\n{self.logs()}"
            assert time.monotonic() < deadline, f"the bot did not start polling:\n{self.logs()}"
            time.sleep(0.05)

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def logs(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-6000:] if self.log.exists() else ""


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture(scope="module")
def bot(fake: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotRun]:
    run = BotRun(fake, tmp_path_factory.mktemp("staffbot"))
    run.start()
    try:
        yield run
    finally:
        run.stop()


def say(fake: FakeBotAPI, user: int, text: str, contains: str, **kwargs: object) -> Call:
    """A message from a user in their private chat, and the bot's reply containing ``contains``."""
    since = fake.mark()
    fake.inject_message(user, text, user_id=user, first_name=f"User{user}", **kwargs)  # type: ignore[arg-type]
    return fake.wait_for_message(user, contains=contains, since=since, timeout=20)


def upload(fake: FakeBotAPI, user: int, data: bytes, filename: str, contains: str) -> Call:
    since = fake.mark()
    fake.inject_document(user, data, filename, user_id=user, first_name="Sari", username="sari")
    return fake.wait_for_message(user, contains=contains, since=since, timeout=30)


def press(fake: FakeBotAPI, user: int, message: Call, label: str) -> tuple[str, int]:
    """Press a button of a bot message; returns its callback data and the mark to wait from."""
    markup = message.params["reply_markup"]
    data = next(b["callback_data"] for row in markup["inline_keyboard"] for b in row if label in b["text"])
    since = fake.mark()
    assert message.message_id is not None
    fake.inject_callback(user, message.message_id, data, user_id=user)
    return data, since


def edited(fake: FakeBotAPI, user: int, contains: str, since: int) -> Call:
    return fake.wait_for_message(user, contains=contains, since=since, timeout=30, methods=("editMessageText",))


def lingga_2023() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Tahun", "Kab/Kota", "Program", "Jumlah KK"])
    ws.append([2023, "Kabupaten Lingga", "BSKK", 3000])
    ws.append([2023, "Kabupaten Lingga", "PMKS", 5000])
    ws.append([2023, "Lingga", "UEP", 25])
    ws.append([2022, "21.04", "UEP", 22])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_staff_upload_preview_restart_apply_and_the_answer_changes(fake: FakeBotAPI, bot: BotRun) -> None:
    say(fake, ADMIN, f"/staf tambah {STAFF} Sari Dewi", "sekarang staf")
    assert "tahun 2022" in say(fake, STAFF, "berapa KK di Lingga?", "7.408").plain_text  # type: ignore[operator]

    preview = upload(fake, STAFF, lingga_2023(), "lingga-2023.xlsx", "Pratinjau")
    text = preview.plain_text or ""
    assert "3 baru, 1 berubah, 0 tetap" in text, text
    assert "2022 · Kabupaten Lingga · UEP: 20 → 22" in text and "baru → 3.000" in text
    buttons = [b["text"] for row in preview.params["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["✅ Terapkan", "✖️ Batal"]
    assert "7.408" in say(fake, STAFF, "berapa KK di Lingga?", "Lingga").plain_text  # type: ignore[operator]

    # The press may come minutes later, after a restart: the file waits in the database.
    bot.stop()
    bot.start()
    data, since = press(fake, STAFF, preview, "Terapkan")
    applied = edited(fake, STAFF, "Diterapkan", since).plain_text or ""
    assert applied.startswith("✅ Diterapkan sebagai impor #2 dari lingga-2023.xlsx"), applied

    reply = say(fake, STAFF, "berapa KK di Lingga?", "Lingga").plain_text or ""
    assert "tahun 2023" in reply and "8.025" in reply, reply
    old = say(fake, STAFF, "berapa KK di Lingga tahun 2022?", "Lingga").plain_text or ""
    assert "tahun 2022" in old and "7.410" in old, old

    # A second press of the same button applies nothing.
    since = fake.mark()
    fake.inject_callback(STAFF, preview.message_id or 0, data, user_id=STAFF)
    fake.wait_for(
        lambda c: c.method == "answerCallbackQuery" and "tidak berlaku" in c.params.get("text", ""),
        since=since,
        timeout=20,
    )
    history = say(fake, STAFF, "/riwayat", "Riwayat").plain_text or ""
    assert "Sari (tg:1001), berkas lingga-2023.xlsx" in history and "20 → 22" in history, history
    assert history.count("berkas lingga-2023.xlsx") == 1


def test_cancel_discards_the_file_and_an_exported_file_imports_back_unchanged(fake: FakeBotAPI, bot: BotRun) -> None:
    say(fake, ADMIN, f"/staf tambah {STAFF + 1}", "sekarang staf")
    user = STAFF + 1
    before = say(fake, user, "UEP di Natuna", "Natuna").plain_text
    preview = upload(
        fake, user, b"tahun;wilayah;program;jumlah_kk\r\n2022;Natuna;UEP;11\r\n", "natuna.csv", "Pratinjau"
    )
    _data, since = press(fake, user, preview, "Batal")
    assert "tidak ada angka yang berubah" in (edited(fake, user, "Dibatalkan", since).plain_text or "")
    assert say(fake, user, "UEP di Natuna", "Natuna").plain_text == before

    since = fake.mark()
    fake.inject_message(user, "/ekspor", user_id=user)
    sent = fake.wait_for(lambda c: c.method == "sendDocument" and c.chat_id == user, since=since, timeout=30)
    exported = sent.files["document"]
    assert exported.filename and exported.filename.endswith(".xlsx")
    assert load_workbook(io.BytesIO(exported.data)).active["A1"].value == "tahun"
    again = upload(fake, user, exported.data, exported.filename, "Tidak ada perubahan")
    assert not again.params.get("reply_markup")

    bad = upload(fake, user, b"tahun,wilayah,program,jumlah_kk\n2023,Atlantis,BSKK,-4\n", "salah.csv", "galat")
    assert "baris 2" in (bad.plain_text or "") and not bad.params.get("reply_markup")


def test_citizens_and_other_people_are_refused_politely_and_logged(fake: FakeBotAPI, bot: BotRun) -> None:
    say(fake, ADMIN, f"/staf tambah {STAFF} Sari Dewi", "staf")  # also when this test runs on its own
    refused = upload(fake, CITIZEN, lingga_2023(), "lingga-2023.xlsx", "hanya untuk staf")
    assert "berapa KK di Lingga" in (refused.plain_text or "")
    say(fake, CITIZEN, "/riwayat", "hanya untuk staf")
    say(fake, CITIZEN, "/ekspor", "hanya untuk staf")
    say(fake, CITIZEN, f"/staf tambah {CITIZEN}", "hanya untuk admin")
    say(fake, STAFF, "/staf daftar", "hanya untuk admin")  # staff are not admins
    listing = say(fake, ADMIN, "/staf daftar", "Staf:").plain_text or ""
    assert "Sari Dewi (1001)" in listing and str(ADMIN) in listing

    # Someone else cannot press the uploader's button.
    say(fake, ADMIN, f"/staf tambah {STAFF + 2}", "sekarang staf")
    preview = upload(fake, STAFF + 2, b"tahun,wilayah,program,jumlah_kk\n2023,Natuna,UEP,3\n", "n.csv", "Pratinjau")
    since = fake.mark()
    data = preview.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    fake.inject_callback(STAFF + 2, preview.message_id or 0, data, user_id=CITIZEN)
    fake.wait_for(
        lambda c: c.method == "answerCallbackQuery" and "Hanya pengirim" in c.params.get("text", ""),
        since=since,
        timeout=20,
    )

    # Admins remove staff by replying to their message in a group.
    group = -4001
    hello = fake.inject_message(group, "halo semua", user_id=STAFF + 2, first_name="Rina")
    since = fake.mark()
    fake.inject_message(group, "/staf hapus", user_id=ADMIN, reply_to_message_id=hello["message"]["message_id"])
    fake.wait_for_message(group, contains="bukan staf lagi", since=since, timeout=20)
    say(fake, STAFF + 2, "/riwayat", "hanya untuk staf")

    deadline = time.monotonic() + 10
    while "refused /riwayat for user 2002" not in bot.logs() and time.monotonic() < deadline:
        time.sleep(0.1)
    logs = bot.logs()
    for line in ("refused upload for user 2002", "refused /ekspor for user 2002", "refused /staf for user 2002"):
        assert line in logs, logs


def test_an_admin_sees_the_staff_commands_in_the_menu_and_a_citizen_does_not(fake: FakeBotAPI, bot: BotRun) -> None:
    staff_menu = {c["command"] for c in fake.get_commands(scope=f"chat:{ADMIN}", language_code="")}
    public_menu = {c["command"] for c in fake.get_commands(scope="default", language_code="")}
    assert {"impor", "riwayat", "ekspor", "staf"} <= staff_menu
    assert {"start", "program", "wilayah"} <= staff_menu
    assert not {"impor", "riwayat", "ekspor", "staf"} & public_menu


def test_an_import_is_undone_in_chat_with_a_preview_and_terapkan(fake: FakeBotAPI, bot: BotRun) -> None:
    user = STAFF + 3
    say(fake, ADMIN, f"/staf tambah {user} Rudi", "sekarang staf")
    preview = upload(fake, user, b"tahun,wilayah,program,jumlah_kk\n2022,Karimun,UEP,99\n", "karimun.csv", "Pratinjau")
    _data, since = press(fake, user, preview, "Terapkan")
    applied = edited(fake, user, "Diterapkan", since).plain_text or ""
    number = applied.split("impor #", 1)[1].split(" ", 1)[0]
    assert f"/urungkan {number}" in applied
    assert "99 KK" in (say(fake, user, "UEP di Karimun", "Karimun").plain_text or "")
    assert f"Impor #{number}" in (say(fake, user, "/riwayat 3", "Riwayat").plain_text or "")

    say(fake, STAFF + 4, f"/urungkan {number}", "hanya untuk staf")  # not staff
    undo = say(fake, user, f"/urungkan {number}", "Membatalkan impor")
    assert "2022 · Kabupaten Karimun · UEP: 99 →" in (undo.plain_text or "")
    assert "99 KK" in (say(fake, user, "UEP di Karimun", "Karimun").plain_text or "")  # not before Terapkan
    _data, since = press(fake, user, undo, "Terapkan")
    assert f"Impor #{number} dibatalkan" in (edited(fake, user, "dibatalkan", since).plain_text or "")
    assert "99 KK" not in (say(fake, user, "UEP di Karimun", "Karimun").plain_text or "")
    again = say(fake, user, f"/urungkan {number}", "sudah dibatalkan")
    assert not again.params.get("reply_markup")


def test_ringkasan_outside_a_subscribed_staff_group_is_the_public_summary(fake: FakeBotAPI, bot: BotRun) -> None:
    since = fake.mark()
    fake.inject_message(-4501, "/ringkasan", chat_type="group", user_id=CITIZEN)
    group = fake.wait_for_message(-4501, contains="Kepulauan Riau", since=since, timeout=20).plain_text or ""
    assert "Total penerima bantuan Dinsos Kepulauan Riau tahun 2022" in group, group
    assert "Periode" not in group and "belum bisa dijawab" not in group
    private = say(fake, CITIZEN, "/ringkasan", "Total penerima").plain_text or ""
    assert "Periode" not in private


def test_staf_tambah_with_an_impossible_id_gets_a_clear_answer_not_an_error(fake: FakeBotAPI, bot: BotRun) -> None:
    for value in ("99999999999999999999", "-5", "0"):
        reply = say(fake, ADMIN, f"/staf tambah {value} Besar", "bukan ID pengguna Telegram").plain_text or ""
        assert "bilangan bulat positif" in reply and "kesalahan" not in reply
    assert "OverflowError" not in bot.logs()


def test_a_file_named_with_html_is_shown_as_it_is_named(fake: FakeBotAPI, bot: BotRun) -> None:
    say(fake, ADMIN, f"/staf tambah {STAFF} Sari Dewi", "staf")
    name = "koreksi <b>2022</b>.csv"
    preview = upload(fake, STAFF, b"tahun,wilayah,program,jumlah_kk\n2022,Natuna,UEP,12\n", name, "Pratinjau")
    assert (preview.plain_text or "").startswith(f"📄 {name}:"), preview.plain_text
