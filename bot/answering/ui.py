"""Small fixed messages of the chat interface (all through gettext), the command menu, the commands the bot and
the console answer from one table (:data:`PUBLIC_COMMANDS`), and the explanation of "KK" for English readers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.answering.actions import Action, Kind
from bot.answering.reply import Choice, Reply
from bot.text.i18n import LANGUAGES, N_, _, current_language, use_language

if TYPE_CHECKING:
    from bot.answering.answerer import Answerer

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

# Command → description, marked for translation; the Indonesian and English menus are made from this.
COMMANDS: list[tuple[str, str]] = [
    ("start", N_("Mulai dan contoh pertanyaan")),
    ("bantuan", N_("Cara memakai bot ini")),
    ("program", N_("Program bantuan dan angkanya")),
    ("wilayah", N_("Kab/kota dan angkanya")),
    ("ringkasan", N_("Ringkasan angka provinsi")),
    ("grafik", N_("Grafik penerima per kab/kota")),
    ("bahasa", N_("Ganti bahasa (id/en)")),
    ("langganan", N_("Langganan ringkasan untuk grup (staf)")),
    ("jadwal", N_("Lihat atau ubah jadwal ringkasan")),
    ("berhenti", N_("Berhenti langganan ringkasan (staf)")),
    ("tentang", N_("Sumber dan tahun data")),
]


STAFF_COMMANDS: list[tuple[str, str]] = [
    ("impor", N_("Cara mengimpor angka (kirim berkas CSV/XLSX)")),
    ("riwayat", N_("Riwayat perubahan angka")),
    ("urungkan", N_("Batalkan satu impor")),
    ("ekspor", N_("Unduh angka terkini")),
    ("staf", N_("Kelola staf (admin)")),
]


# Commands whose reply depends on nothing but the figures: the bot and the console (`tanyabansos chat`) answer
# them from this one table, so both say the same.
PUBLIC_COMMANDS: dict[str, Callable[[Answerer], Reply]] = {
    "start": lambda a: a.greeting(),
    "bantuan": lambda a: a.help(),
    "help": lambda a: a.help(),
    "program": lambda a: a.program_list(None),
    "wilayah": lambda a: a.region_list(None),
    "ringkasan": lambda a: a.province_summary(None),
    "tentang": lambda a: a.about(),
}


def public_command(answerer: Answerer, text: str) -> Reply | None:
    """The reply to "/bantuan" (also "/bantuan@NamaBot"), or None when ``text`` is no such command."""
    if not text.startswith("/"):
        return None
    name = text[1:].split(maxsplit=1)[0].split("@")[0].lower() if len(text) > 1 else ""
    command = PUBLIC_COMMANDS.get(name)
    return explain_terms(command(answerer)) if command else None


def explain_terms(reply: Reply) -> Reply:
    """An English reader meets "KK" (an Indonesian unit) explained once, at the end of a reply that uses it."""
    if current_language() != "en" or not re.search(r"\bKK\b", reply.html):
        return reply
    note = _("KK = kepala keluarga, tiap keluarga penerima dihitung sebagai satu KK.")
    if note not in reply.html:
        reply.html += "\n<i>" + note + "</i>"
    return reply


def command_menu(language: str, *, staff: bool = False) -> list[tuple[str, str]]:
    """The command menu Telegram shows; staff see their own commands too (in their private chat)."""
    with use_language(language):
        return [(name, _(description)) for name, description in COMMANDS + (STAFF_COMMANDS if staff else [])]


def language_prompt() -> Reply:
    return Reply(
        _("Pilih bahasa:"),
        choices=[Choice(LANGUAGE_NAMES[code], Action(Kind.LANGUAGE, language=code).encode()) for code in LANGUAGES],
        intent="language",
    )


def language_set(language: str) -> Reply:
    with use_language(language):
        return Reply(
            _("Bahasa diganti ke Bahasa Indonesia.")
            if language == "id"
            else _("Bahasa diganti ke {name}.").format(name=LANGUAGE_NAMES.get(language, language)),
            intent="language",
        )


def language_unknown(value: str) -> Reply:
    from bot.answering.reply import esc

    return Reply(
        _("Bahasa “{value}” belum tersedia. Pilihan: id (Bahasa Indonesia), en (English).").format(value=esc(value)),
        choices=language_prompt().choices,
        intent="language",
    )


def slow_down() -> Reply:
    return Reply(_("Pelan-pelan ya 🙏 Terlalu banyak pesan dalam semenit; coba lagi sebentar lagi."), intent="throttle")


def something_went_wrong() -> Reply:
    return Reply(
        _("Maaf, terjadi kesalahan saat memproses pesan Anda. Silakan coba lagi sebentar lagi."), intent="error"
    )


def no_token_notice() -> str:
    return _(
        "TELEGRAM_BOT_TOKEN belum diisi, jadi bot Telegram tidak dijalankan. Isi token dari @BotFather di "
        "berkas .env (lihat .env.example), lalu jalankan `make run` lagi. Sementara itu, ini konsol luring "
        "yang menjawab persis seperti bot:"
    )


def group_hint(bot_username: str) -> str:
    return _(
        "Di grup, sebut @{bot} atau balas pesan saya untuk bertanya. Staf dapat mengirim /langganan agar grup "
        "menerima ringkasan mingguan."
    ).format(bot=bot_username)


def language_refused() -> Reply:
    return Reply(
        _("Maaf, hanya admin grup atau petugas Dinas Sosial yang dapat mengganti bahasa grup ini."), intent="refused"
    )


def download_failed() -> Reply:
    return Reply(
        _("Maaf, berkas Anda tidak berhasil diunduh dari Telegram, jadi belum dibaca. Silakan kirim berkasnya lagi."),
        intent="download_failed",
    )


def button_expired() -> str:
    return _("Maaf, tombol itu sudah tidak berlaku. Silakan ketik pertanyaan Anda.")
