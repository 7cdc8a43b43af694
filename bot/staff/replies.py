"""Fixed staff replies (refusals, usage, import help) and the arguments of /staf."""

from __future__ import annotations

from bot.answering.reply import Reply, bold
from bot.text.i18n import _


# ---- fixed replies --------------------------------------------------------------------------------------------
def stale_preview() -> Reply:
    return Reply(
        _("Pratinjau ini sudah tidak berlaku (sudah diterapkan, dibatalkan, atau kedaluwarsa). Kirim berkasnya lagi."),
        intent="import_stale",
    )


def not_yours() -> Reply:
    return Reply(_("Hanya pengirim berkas yang bisa menerapkan atau membatalkan impor ini."), intent="import_other")


# One name per role everywhere: "admin" (ADMIN_IDS) and "staf" (added by an admin with /staf tambah).
def refused_admin_only() -> Reply:
    return Reply(
        _("Maaf, perintah ini hanya untuk admin Tanya Bansos. Silakan ketik pertanyaan Anda tentang data bansos."),
        intent="refused",
    )


def refused_staff_only() -> Reply:
    return Reply(
        _(
            "Maaf, perintah ini hanya untuk staf Tanya Bansos. Silakan ketik pertanyaan Anda tentang data bansos, "
            "misalnya “berapa KK di Lingga?”."
        ),
        intent="refused",
    )


def bad_user_id(value: int) -> Reply:
    return Reply(
        _(
            "“{value}” bukan ID pengguna Telegram: ID pengguna adalah bilangan bulat positif, misalnya 123456789 "
            "(ID grup diawali tanda minus dan tidak bisa menjadi staf). Atau balas pesan orangnya dengan /staf tambah."
        ).format(value=value),
        intent="staff",
    )


def staff_usage() -> Reply:
    return Reply(
        "\n".join(
            [
                bold(_("Mengelola staf (khusus admin):")),
                _("/staf tambah ID [nama] — atau balas pesan orangnya dengan /staf tambah"),
                _("/staf hapus ID — atau balas pesan orangnya dengan /staf hapus"),
                _("/staf daftar — admin dan staf"),
            ]
        ),
        intent="staff",
    )


def import_help() -> Reply:
    return Reply(
        _(
            "Kirim berkas CSV atau XLSX di obrolan pribadi ini. Kolom: tahun, wilayah (kode Kemendagri atau nama), "
            "program (kode atau nama), jumlah_kk, dan bila perlu catatan dan sumber. Saya periksa dulu dan "
            "menampilkan pratinjau; angka baru disimpan setelah Anda menekan Terapkan. Tulis “hapus” di jumlah_kk "
            "untuk menghapus angka (“*” di wilayah atau program: semuanya pada tahun itu). Membatalkan seluruh satu "
            "impor: /urungkan NOMOR (nomor ada di /riwayat)."
        ),
        intent="import_help",
    )


STAFF_SUBCOMMANDS = {
    "tambah": "add",
    "add": "add",
    "hapus": "remove",
    "remove": "remove",
    "del": "remove",
    "daftar": "list",
    "list": "list",
}


def parse_staff_args(args: list[str]) -> tuple[str | None, int | None, str]:
    """ "/staf tambah 1001 Budi Santoso" → ("add", 1001, "Budi Santoso"); an unknown subcommand → (None, …)."""
    if not args:
        return None, None, ""
    action = STAFF_SUBCOMMANDS.get(args[0].lower())
    target: int | None = None
    rest = args[1:]
    if rest and rest[0].lstrip("-").isdigit():
        target = int(rest[0])
        rest = rest[1:]
    return action, target, " ".join(rest)
