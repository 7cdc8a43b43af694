"""Small fixed messages of the chat interface (all through gettext), and the command menu."""

from __future__ import annotations

from bot.answering.reply import Choice, Reply
from bot.text.i18n import LANGUAGES, N_, _, use_language

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


def command_menu(language: str, *, staff: bool = False) -> list[tuple[str, str]]:
    """The command menu Telegram shows; staff see their own commands too (in their private chat)."""
    with use_language(language):
        return [(name, _(description)) for name, description in COMMANDS + (STAFF_COMMANDS if staff else [])]


def language_prompt() -> Reply:
    return Reply(
        _("Pilih bahasa:"),
        choices=[Choice(LANGUAGE_NAMES[code], f"lang:{code}") for code in LANGUAGES],
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
