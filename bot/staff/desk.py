"""The staff desk: what handlers and the CLI call for staff work (uploads, confirm/cancel, history, export,
adding and removing staff). Returns transport-free replies; never sees a Telegram object."""

from __future__ import annotations

import logging

from babel.numbers import format_decimal
from sqlmodel import select

from bot.answering.reply import Reply, bold, esc
from bot.imports import (
    MAX_BYTES,
    ImportPlan,
    StalePlan,
    apply_plan,
    plan_import,
)
from bot.imports.undo import UndoRefused, apply_undo, batch_number, plan_undo
from bot.services import Service
from bot.staff import roles
from bot.staff.audit import AUDIT_LIMIT, audit_entries, audit_reply
from bot.staff.export import ExportFile, export_filename, export_rows, to_csv, to_xlsx
from bot.staff.pending import AlreadyHandled, consume_on_apply, discard_pending, load_pending, store_pending
from bot.staff.previews import applied_reply, preview_reply
from bot.staff.replies import (
    bad_user_id,
    not_yours,
    refused_admin_only,
    refused_staff_only,
    staff_usage,
    stale_preview,
)
from bot.staff.undoing import importer_id, not_your_import, undo_preview, undo_refused, undo_usage, undone_reply
from bot.text.i18n import N_, _, current_language, fmt_date, fmt_int
from models.db import session_scope
from models.staff import PendingImport

log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
STALE_NOTE = N_("⚠️ Angka tersimpan berubah sejak pratinjau tadi. Periksa pratinjau terbaru ini, lalu tekan Terapkan.")
MAX_USER_ID = 2**52
"""Telegram user ids are positive and fit in 52 bits; negative ids are groups and channels."""


def actor_label(user_id: int, name: str = "") -> str:
    """Who did it, as the audit trail records it: "Budi Santoso (tg:1001)" (64 characters at most)."""
    suffix = f"(tg:{user_id})"
    name = " ".join(name.split())[: 63 - len(suffix)]
    return f"{name} {suffix}" if name else suffix


# ---- the desk -------------------------------------------------------------------------------------------------
class StaffDesk:
    """What staff do, for the bot and the CLI alike."""

    def __init__(self, service: Service, *, operator: bool = False) -> None:
        """``operator``: the local command line, trusted because it already holds the database; in chat every
        staff action checks the user's role here as well as in the handler."""
        self.service = service
        self.engine = service.engine
        self.settings = service.settings
        self.operator = operator

    # roles
    def is_admin(self, user_id: int | None) -> bool:
        return roles.is_admin(self.settings, user_id)

    def is_staff(self, user_id: int | None) -> bool:
        return roles.is_staff(self.engine, self.settings, user_id)

    def may_work(self, user_id: int | None) -> bool:
        return self.operator or self.is_staff(user_id)

    # imports
    def plan(self, data: bytes, filename: str) -> ImportPlan:
        return plan_import(self.engine, data, filename, self.service.row_parser())

    def check_upload(self, filename: str | None, size: int | None) -> Reply | None:
        """A reply refusing a document before it is downloaded (wrong type, too big), or None."""
        name = (filename or "").lower()
        if name.endswith(".xls"):
            return Reply(
                _("Berkas .xls (Excel lama) belum bisa dibaca. Simpan sebagai .xlsx atau CSV lalu kirim lagi."),
                intent="import_refused",
            )
        if not name.endswith(ACCEPTED_SUFFIXES):
            return Reply(
                _("Kirim angka sebagai berkas CSV atau XLSX (kolom: tahun, wilayah, program, jumlah_kk)."),
                intent="import_refused",
            )
        if size is not None and size > MAX_BYTES:
            return Reply(
                _("Berkas {size} MB; batasnya 5 MB. Pecah menjadi beberapa berkas.").format(
                    size=esc(format_decimal(round(size / 1024 / 1024, 1), locale=current_language()))
                ),
                intent="import_refused",
            )
        return None

    def receive_file(self, *, user_id: int, chat_id: int, actor: str, filename: str, data: bytes) -> Reply:
        """Validate and preview an uploaded file; a clean one waits for "Terapkan"."""
        if not self.may_work(user_id):
            log.warning("refused upload for user %s", user_id)
            return refused_staff_only()
        version = self.service.data_version()
        plan = self.plan(data, filename)
        facts = self.service.facts
        if not plan.ok or plan.effective == 0:
            return preview_reply(plan, facts)
        token = store_pending(
            self.engine,
            user_id=user_id,
            chat_id=chat_id,
            actor=actor,
            filename=filename,
            data=data,
            sha256=plan.sha256,
            data_version=version,
        )
        log.info("import of %r by user %s previewed (%s)", filename, user_id, token)
        return preview_reply(plan, facts, token)

    def check_button(self, token: str, user_id: int) -> Reply | None:
        """A quick answer for a press that cannot do anything (stale, or someone else's preview), else None."""
        pending = load_pending(self.engine, token)
        if pending is None:
            return stale_preview()
        if pending.user_id != user_id:
            return not_yours()
        return None

    def confirm(self, token: str, user_id: int) -> Reply:
        """ "Terapkan": apply the pending file all or nothing, exactly once."""
        pending = load_pending(self.engine, token)
        if pending is None:
            return stale_preview()
        if pending.user_id != user_id:
            return not_yours()
        if not self.is_staff(user_id):
            discard_pending(self.engine, token)
            return refused_staff_only()
        if pending.undo_batch_id is not None:
            return self._confirm_undo(pending, user_id)
        version = self.service.data_version()
        plan = self.plan(pending.data, pending.filename)
        facts = self.service.facts
        if not plan.ok:
            discard_pending(self.engine, token)
            return preview_reply(plan, facts)
        if version != pending.data_version:
            return self._repreview(pending, plan, version)
        try:
            batch = apply_plan(
                self.engine,
                plan,
                pending.actor or actor_label(user_id),
                on_apply=consume_on_apply(token),
                expect_version=version,
                user_id=user_id,
            )
        except AlreadyHandled:
            return stale_preview()
        except StalePlan:
            return self._repreview(pending, self.plan(pending.data, pending.filename), self.service.data_version())
        self.service.invalidate()
        log.info(
            "import of %s applied by user %s: batch %s", pending.filename, user_id, batch.id if batch else "(none)"
        )
        return applied_reply(plan, batch)

    def _repreview(self, pending: PendingImport, plan: ImportPlan, version: int) -> Reply:
        with session_scope(self.engine) as session:
            row = session.exec(select(PendingImport).where(PendingImport.token == pending.token)).first()
            if row is None:
                return stale_preview()
            row.data_version = version
            session.add(row)
        note = _(STALE_NOTE)
        if not plan.ok or plan.effective == 0:
            discard_pending(self.engine, pending.token)
            return preview_reply(plan, self.service.facts, note=note)
        return preview_reply(plan, self.service.facts, pending.token, note=note)

    def cancel(self, token: str, user_id: int) -> Reply:
        pending = load_pending(self.engine, token)
        if pending is None:
            return stale_preview()
        if pending.user_id != user_id:
            return not_yours()
        discard_pending(self.engine, token)
        if pending.undo_batch_id is not None:
            return Reply(
                _("Tidak jadi: impor #{n} tetap berlaku, tidak ada angka yang berubah.").format(
                    n=pending.undo_batch_id
                ),
                intent="import_cancelled",
            )
        return Reply(
            _("Dibatalkan: berkas {file} dibuang, tidak ada angka yang berubah.").format(file=bold(pending.filename)),
            intent="import_cancelled",
        )

    # undo of a whole import
    def request_undo(self, *, user_id: int, chat_id: int, actor: str, number: int | None, last: bool = False) -> Reply:
        """The preview of undoing import ``number`` (or the last one), waiting for "Terapkan" like an upload."""
        if not self.may_work(user_id):
            log.warning("refused undo for user %s", user_id)
            return refused_staff_only()
        found = batch_number(self.engine, last=last, number=number)
        if found is None:
            return undo_refused(_("Belum ada impor yang bisa dibatalkan.")) if last else undo_usage()
        try:
            plan = plan_undo(self.engine, found)
        except UndoRefused as exc:
            return undo_refused(str(exc))
        if not self.operator and not self.is_admin(user_id) and importer_id(plan.batch) != user_id:
            log.warning("refused undo of import %s for user %s", found, user_id)
            return not_your_import(found)
        token = store_pending(
            self.engine,
            user_id=user_id,
            chat_id=chat_id,
            actor=actor,
            filename=plan.batch.filename,
            data=b"",
            sha256="",
            data_version=self.service.data_version(),
            undo_batch_id=found,
        )
        return undo_preview(plan, self.service.facts, token)

    def _confirm_undo(self, pending: PendingImport, user_id: int) -> Reply:
        number = pending.undo_batch_id
        assert number is not None
        try:
            batch = apply_undo(
                self.engine,
                number,
                pending.actor or actor_label(user_id),
                user_id=user_id,
                on_apply=consume_on_apply(pending.token),
                expect_version=pending.data_version,
            )
        except AlreadyHandled:
            return stale_preview()
        except UndoRefused as exc:
            discard_pending(self.engine, pending.token)
            return undo_refused(str(exc))
        except StalePlan:  # another import came first: show the undo as it stands now
            discard_pending(self.engine, pending.token)
            again = self.request_undo(user_id=user_id, chat_id=pending.chat_id, actor=pending.actor, number=number)
            again.html = _(STALE_NOTE) + "\n" + again.html
            return again
        self.service.invalidate()
        log.info("import %s undone by user %s: batch %s", number, user_id, batch.id)
        return undone_reply(number, batch)

    def undo_now(
        self, number: int | None, actor: str, *, last: bool = False, dry_run: bool = False
    ) -> tuple[Reply, bool]:
        """For the command line: preview and (unless ``dry_run``) undo at once; (reply, whether it was refused)."""
        found = batch_number(self.engine, last=last, number=number)
        if found is None:
            return (undo_refused(_("Belum ada impor yang bisa dibatalkan.")) if last else undo_usage()), True
        try:
            plan = plan_undo(self.engine, found)
            preview = undo_preview(plan, self.service.facts)
            if dry_run:
                return preview, False
            batch = apply_undo(self.engine, found, actor)
        except UndoRefused as exc:
            return undo_refused(str(exc)), True
        self.service.invalidate()
        done = undone_reply(found, batch)
        return Reply(preview.html + "\n" + done.html, intent=done.intent, details=done.details), False

    # audit and export
    def history(self, limit: int = AUDIT_LIMIT, *, user_id: int | None = None) -> Reply:
        if not self.may_work(user_id):
            log.warning("refused history for user %s", user_id)
            return refused_staff_only()
        return audit_reply(audit_entries(self.engine, limit), self.service.facts)

    def export(self, fmt: str = "xlsx", *, user_id: int | None = None) -> ExportFile | Reply:
        if not self.may_work(user_id):
            log.warning("refused export for user %s", user_id)
            return refused_staff_only()
        rows = export_rows(self.engine, self.service.facts)
        data = to_xlsx(rows) if fmt == "xlsx" else to_csv(rows)
        return ExportFile(data, export_filename(fmt), len(rows) - 1)

    def export_caption(self, rows: int) -> str:
        return _(
            "Angka terkini ({n} baris). Ubah angkanya lalu kirim berkas ini kembali ke bot untuk mengimpor."
        ).format(n=fmt_int(rows))

    # staff
    def add_staff(self, admin_id: int, target_id: int | None, name: str = "") -> Reply:
        if not self.operator and not self.is_admin(admin_id):
            return refused_admin_only()
        if target_id is None:
            return staff_usage()
        if not 0 < target_id < MAX_USER_ID:
            return bad_user_id(target_id)
        who = esc(person_label(target_id, name))
        if self.is_admin(target_id):
            return Reply(_("{who} adalah admin; admin sudah punya semua hak staf.").format(who=who), intent="staff")
        if roles.add_staff(self.engine, target_id, added_by=admin_id, name=name):
            return Reply(
                _(
                    "✅ {who} sekarang staf: boleh mengimpor dan mengekspor angka, melihat riwayat, dan mengatur "
                    "ringkasan grup."
                ).format(who=who),
                intent="staff",
            )
        return Reply(_("{who} sudah staf.").format(who=who), intent="staff")

    def remove_staff(self, admin_id: int, target_id: int | None) -> Reply:
        if not self.operator and not self.is_admin(admin_id):
            return refused_admin_only()
        if target_id is None:
            return staff_usage()
        if not 0 < target_id < MAX_USER_ID:
            return bad_user_id(target_id)
        if self.is_admin(target_id):
            return Reply(
                _("{who} adalah admin (ADMIN_IDS di pengaturan); ubah pengaturannya untuk mencabut hak admin.").format(
                    who=esc(target_id)
                ),
                intent="staff",
            )
        name = next((m.name for m in roles.list_staff(self.engine, self.settings) if m.user_id == target_id), "")
        if roles.remove_staff(self.engine, target_id, removed_by=admin_id):
            return Reply(_("✅ {who} bukan staf lagi.").format(who=esc(person_label(target_id, name))), intent="staff")
        return Reply(_("{who} bukan staf.").format(who=esc(target_id)), intent="staff")

    def staff_list(self) -> Reply:
        members = roles.list_staff(self.engine, self.settings)
        admins = [m for m in members if m.admin]
        staff = [m for m in members if not m.admin]
        lines = [bold(_("Admin (dari ADMIN_IDS):"))]
        lines += [f"• {esc(person_label(m.user_id, m.name))}" for m in admins] or ["• " + _("belum ada")]
        lines.append(bold(_("Staf:")))
        for m in staff:
            since = fmt_date(m.added_at) if m.added_at else ""
            lines.append(
                "• "
                + _("{who}, ditambahkan oleh {admin}, {date}").format(
                    who=esc(person_label(m.user_id, m.name)), admin=esc(m.added_by), date=esc(since)
                )
            )
        if not staff:
            lines.append("• " + _("belum ada; tambahkan dengan /staf tambah"))
        return Reply("\n".join(lines), intent="staff")


def person_label(user_id: int, name: str) -> str:
    return f"{name} ({user_id})" if name else str(user_id)
