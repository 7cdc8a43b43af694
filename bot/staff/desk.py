"""Staff data management without Telegram: import previews and confirmation, staff lists, audit trail, export.

Handlers and the CLI call :class:`StaffDesk`; it returns :class:`bot.answering.reply.Reply` objects (Telegram HTML,
every
dynamic part escaped) or bytes, and never sees a Telegram object. A spreadsheet sent to the bot is validated and
previewed at once; its bytes wait in :class:`models.staff.PendingImport` until the uploader presses "Terapkan"
(``imp:ok:<token>``) or "Batal" (``imp:no:<token>``), minutes later or after a restart.
"""

from __future__ import annotations

import csv
import io
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from babel.numbers import format_decimal
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.answering.reply import Choice, Reply, bold, esc
from bot.figures.facts import Facts
from bot.imports.importer import (
    MAX_BYTES,
    PREVIEW_PROBLEMS,
    ImportPlan,
    StalePlan,
    apply_plan,
    describe_problems,
    plan_import,
)
from bot.services import Service
from bot.staff import roles
from bot.text.i18n import _, current_language, fmt_date, fmt_datetime, fmt_int
from models.db import session_scope
from models.staff import PendingImport
from models.tables import ALL_PROGRAMS, AuditLog, Coverage, CoverageKind, ImportBatch, Source, utcnow

log = logging.getLogger(__name__)

PENDING_TTL = timedelta(hours=24)
"""How long a preview can still be applied."""
APPLY = "imp:ok:"
CANCEL = "imp:no:"
PREVIEW_CHANGES = 40
"""Changed or added figures listed in a preview (the counts always cover all of them)."""
AUDIT_LIMIT = 20
ACCEPTED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
EXPORT_COLUMNS = (
    "tahun",
    "wilayah",
    "nama_wilayah",
    "program",
    "nama_program",
    "jumlah_kk",
    "jenis",
    "catatan",
    "sumber",
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_KIND_ORDER = {CoverageKind.REGION: 0, CoverageKind.UNALLOCATED: 1, CoverageKind.TOTAL: 2}


class AlreadyHandled(Exception):
    """The pending import was applied or discarded by an earlier press."""


def actor_label(user_id: int, name: str = "") -> str:
    """Who did it, as the audit trail records it: "Budi Santoso (tg:1001)" (64 characters at most)."""
    suffix = f"(tg:{user_id})"
    name = " ".join(name.split())[: 63 - len(suffix)]
    return f"{name} {suffix}" if name else suffix


def neutralise(value: object) -> str:
    """A cell that a spreadsheet would run as a formula ("=", "+", "-", "@") starts with an apostrophe instead."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


# ---- describing figures ---------------------------------------------------------------------------------------
def figure_label(facts: Facts, year: int, program: str, region: str, kind: str) -> str:
    """ "2023 · Kabupaten Lingga · Kesejahteraan Keluarga" (plain text; escape it for HTML)."""
    region_name = facts.regions[region].name if region in facts.regions else region
    if program == ALL_PROGRAMS:
        program_name = _("semua program")
    else:
        p = facts.programs.get(program)
        program_name = p.short if p else program
    label = f"{year} · {region_name} · {program_name}"
    if kind == CoverageKind.UNALLOCATED:
        label += " " + _("(tanpa rincian per kab/kota)")
    elif kind == CoverageKind.TOTAL:
        label += " " + _("(total menurut laporan)")
    return label


def _value(value: int | None) -> str:
    return fmt_int(value) if value is not None else _("baru")


def preview_reply(plan: ImportPlan, facts: Facts, token: str | None = None, *, note: str = "") -> Reply:
    """The validation report and the changes an import would make; with ``token``, "Terapkan"/"Batal" buttons."""
    where = bold(Path(plan.filename).name)
    if plan.sheet:
        where += " " + _("(lembar {sheet})").format(sheet=esc(plan.sheet))
    lines = [
        _("📄 {file}: {n} baris data dibaca.").format(file=where, n=fmt_int(plan.records)),
    ]
    if note:
        lines.insert(0, note)
    if not plan.ok:
        lines.append(
            _("❌ {n} galat di {rows} baris. Berkas tidak diterapkan; tidak ada angka yang berubah.").format(
                n=fmt_int(len(plan.errors)), rows=fmt_int(len(plan.error_rows) or 1)
            )
        )
        lines += [esc(line) for line in describe_problems(plan, PREVIEW_PROBLEMS)]
        lines.append(_("Perbaiki berkasnya lalu kirim lagi."))
        return Reply("\n".join(lines), intent="import_refused", details={"errors": len(plan.errors)})
    added, changed, unchanged = plan.count("added"), plan.count("changed"), plan.count("unchanged")
    if plan.warnings:
        lines += ["⚠️ " + esc(line) for line in describe_problems(plan, PREVIEW_PROBLEMS)]
    counts = {"added": added, "changed": changed, "unchanged": unchanged}
    if added + changed == 0:
        lines.append(_("✅ Tidak ada perubahan: {n} angka sama dengan yang tersimpan.").format(n=fmt_int(unchanged)))
        return Reply("\n".join(lines), intent="import_unchanged", details=counts)
    lines.append(
        _("Pratinjau: {added} baru, {changed} berubah, {unchanged} tetap.").format(
            added=bold(fmt_int(added)), changed=bold(fmt_int(changed)), unchanged=fmt_int(unchanged)
        )
    )
    shown = [c for c in plan.changes if c.status != "unchanged"]
    for c in shown[:PREVIEW_CHANGES]:
        r = c.row
        label = figure_label(facts, r.year, r.program_code, r.region_code, r.kind)
        lines.append(f"• {esc(label)}: {_value(c.old)} → {bold(fmt_int(r.households))}")
    if len(shown) > PREVIEW_CHANGES:
        lines.append(_("… dan {n} perubahan lain.").format(n=fmt_int(len(shown) - PREVIEW_CHANGES)))
    if token is None:
        return Reply("\n".join(lines), intent="import_preview", details=counts)
    lines.append(_("Tekan <b>Terapkan</b> untuk menyimpan, atau <b>Batal</b> untuk membuang berkas ini."))
    choices = [Choice(_("✅ Terapkan"), APPLY + token), Choice(_("✖️ Batal"), CANCEL + token)]
    return Reply("\n".join(lines), choices=choices, intent="import_preview", details=counts)


def applied_reply(plan: ImportPlan, batch: ImportBatch | None) -> Reply:
    if batch is None:
        return Reply(_("Tidak ada perubahan: semua angka sama dengan yang tersimpan."), intent="import_unchanged")
    text = _(
        "✅ Diterapkan dari {file}: {added} baru, {changed} berubah, {unchanged} tetap. "
        "Jawaban bot sudah memakai angka baru."
    ).format(
        file=bold(Path(plan.filename).name),
        added=fmt_int(batch.added),
        changed=fmt_int(batch.changed),
        unchanged=fmt_int(batch.unchanged),
    )
    hint = _("Riwayat: /riwayat. Untuk mengembalikan angka lama, impor berkas dengan angka lama.")
    details = {"batch": batch.id, "file": Path(plan.filename).name}
    return Reply(text + "\n" + hint, intent="import_applied", details=details)


# ---- audit trail ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    filename: str
    batch_id: int | None
    year: int
    program_code: str
    region_code: str
    kind: str
    old_value: int | None
    new_value: int | None


def audit_entries(engine: Engine, limit: int = AUDIT_LIMIT) -> list[AuditEntry]:
    """The most recent changes of figures, newest first, with the file each came from."""
    with Session(engine) as session:
        rows = session.exec(
            select(AuditLog, ImportBatch)
            .join(ImportBatch, col(AuditLog.batch_id) == col(ImportBatch.id), isouter=True)
            .order_by(col(AuditLog.at).desc(), col(AuditLog.id).desc())
            .limit(max(1, limit))
        ).all()
    entries = [
        AuditEntry(
            a.id or 0,
            a.at,
            a.actor,
            b.filename if b is not None else "",
            a.batch_id,
            a.year,
            a.program_code,
            a.region_code,
            a.kind,
            a.old_value,
            a.new_value,
        )
        for a, b in rows
    ]
    # Newest import first; within one import, the rows in the order of its file.
    first_seen: dict[int | None, int] = {}
    for i, e in enumerate(entries):
        first_seen.setdefault(e.batch_id, i)
    return sorted(entries, key=lambda e: (first_seen[e.batch_id], e.id))


def audit_reply(entries: list[AuditEntry], facts: Facts) -> Reply:
    if not entries:
        return Reply(_("Belum ada perubahan angka yang tercatat."), intent="audit")
    lines = [bold(_("Riwayat perubahan angka ({n} terakhir):").format(n=len(entries)))]
    current: tuple | None = None
    for e in entries:
        group = (e.batch_id, e.actor, e.filename)
        if group != current:
            current = group
            lines.append(
                "🗂 "
                + _("{when} — {actor}, berkas {file}").format(
                    when=esc(fmt_datetime(e.at)), actor=esc(e.actor), file=bold(e.filename or "-")
                )
            )
        label = figure_label(facts, e.year, e.program_code, e.region_code, e.kind)
        new = fmt_int(e.new_value) if e.new_value is not None else _("dihapus")
        lines.append(f"• {esc(label)}: {_value(e.old_value)} → {bold(new)}")
    return Reply("\n".join(lines), intent="audit")


# ---- export ---------------------------------------------------------------------------------------------------
def export_rows(engine: Engine, facts: Facts) -> list[list[object]]:
    """Every stored figure as rows of an import file (the header first); texts neutralised against formulas."""
    with Session(engine) as session:
        sources = {s.id: s.key for s in session.exec(select(Source))}
        figures = session.exec(select(Coverage)).all()
    sort = {p.code: p.sort for p in facts.programs.values()}

    def order(c: Coverage) -> tuple:
        return (c.year, _KIND_ORDER.get(c.kind, 9), sort.get(c.program_code, 99), c.program_code, c.region_code)

    rows: list[list[object]] = [list(EXPORT_COLUMNS)]
    for c in sorted(figures, key=order):
        region = facts.regions.get(c.region_code)
        program = facts.programs.get(c.program_code)
        rows.append(
            [
                c.year,
                c.region_code,
                neutralise(region.name if region else ""),
                c.program_code,
                neutralise(program.short if program else ""),
                c.households,
                "" if c.kind == CoverageKind.REGION else c.kind,
                neutralise(c.note),
                neutralise(sources.get(c.source_id, "")),
            ]
        )
    return rows


def to_csv(rows: list[list[object]]) -> bytes:
    """UTF-8 with BOM and ";" between cells: what Excel with Indonesian settings opens without a wizard."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[object]], title: str = "Angka") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    widths = [8, 10, 28, 10, 24, 12, 14, 40, 24]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[chr(64 + i)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class ExportFile:
    data: bytes
    filename: str
    rows: int
    """Figures in the file (the header not counted)."""


def export_filename(fmt: str, when: datetime | None = None) -> str:
    return f"tanyabansos-angka-{(when or utcnow()).strftime('%Y%m%d')}.{fmt}"


# ---- pending imports ------------------------------------------------------------------------------------------
def store_pending(
    engine: Engine,
    *,
    user_id: int,
    chat_id: int,
    actor: str,
    filename: str,
    data: bytes,
    sha256: str,
    data_version: int,
    now: datetime | None = None,
) -> str:
    """Keep an uploaded file until its uploader decides; returns the token its buttons carry."""
    now = now or utcnow()
    token = secrets.token_urlsafe(9)
    with session_scope(engine) as session:
        session.exec(delete(PendingImport).where(col(PendingImport.expires_at) < now))
        session.add(
            PendingImport(
                token=token,
                user_id=user_id,
                chat_id=chat_id,
                actor=actor[:64],
                filename=Path(filename).name[:255],
                data=data,
                sha256=sha256,
                data_version=data_version,
                created_at=now,
                expires_at=now + PENDING_TTL,
            )
        )
    return token


def load_pending(engine: Engine, token: str, now: datetime | None = None) -> PendingImport | None:
    with Session(engine, expire_on_commit=False) as session:
        row = session.exec(select(PendingImport).where(PendingImport.token == token)).first()
    if row is None or row.expires_at < (now or utcnow()):
        return None
    return row


def discard_pending(engine: Engine, token: str) -> bool:
    with session_scope(engine) as session:
        result = session.exec(delete(PendingImport).where(col(PendingImport.token) == token))
        return bool(result.rowcount)


def _consume(token: str) -> Callable[[Session, ImportBatch | None], None]:
    """An ``apply_plan`` hook: the pending import goes in the same transaction, so a second press applies nothing."""

    def hook(session: Session, _batch: ImportBatch | None) -> None:
        result = session.exec(delete(PendingImport).where(col(PendingImport.token) == token))
        if result.rowcount != 1:
            raise AlreadyHandled(token)

    return hook


# ---- the desk -------------------------------------------------------------------------------------------------
class StaffDesk:
    """What staff do, for the bot and the CLI alike."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.engine = service.engine
        self.settings = service.settings

    # roles
    def is_admin(self, user_id: int | None) -> bool:
        return roles.is_admin(self.settings, user_id)

    def is_staff(self, user_id: int | None) -> bool:
        return roles.is_staff(self.engine, self.settings, user_id)

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
        version = self.service.data_version()
        plan = self.plan(data, filename)
        facts = self.service.facts
        if not plan.ok or plan.count("added") + plan.count("changed") == 0:
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
        log.info("import of %s by user %s previewed (%s)", Path(filename).name, user_id, token)
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
                on_apply=_consume(token),
                expect_version=version,
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
        note = _("⚠️ Angka tersimpan berubah sejak pratinjau tadi. Periksa pratinjau terbaru ini, lalu tekan Terapkan.")
        if not plan.ok or plan.count("added") + plan.count("changed") == 0:
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
        return Reply(
            _("Dibatalkan: berkas {file} dibuang, tidak ada angka yang berubah.").format(file=bold(pending.filename)),
            intent="import_cancelled",
        )

    # audit and export
    def history(self, limit: int = AUDIT_LIMIT) -> Reply:
        return audit_reply(audit_entries(self.engine, limit), self.service.facts)

    def export(self, fmt: str = "xlsx") -> ExportFile:
        rows = export_rows(self.engine, self.service.facts)
        data = to_xlsx(rows) if fmt == "xlsx" else to_csv(rows)
        return ExportFile(data, export_filename(fmt), len(rows) - 1)

    def export_caption(self, rows: int) -> str:
        return _(
            "Angka terkini ({n} baris). Ubah angkanya lalu kirim berkas ini kembali ke bot untuk mengimpor."
        ).format(n=fmt_int(rows))

    # staff
    def add_staff(self, admin_id: int, target_id: int | None, name: str = "") -> Reply:
        if target_id is None:
            return staff_usage()
        who = esc(_person(target_id, name))
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
        if target_id is None:
            return staff_usage()
        if self.is_admin(target_id):
            return Reply(
                _("{who} adalah admin (ADMIN_IDS di pengaturan); ubah pengaturannya untuk mencabut hak admin.").format(
                    who=esc(target_id)
                ),
                intent="staff",
            )
        name = next((m.name for m in roles.list_staff(self.engine, self.settings) if m.user_id == target_id), "")
        if roles.remove_staff(self.engine, target_id, removed_by=admin_id):
            return Reply(_("✅ {who} bukan staf lagi.").format(who=esc(_person(target_id, name))), intent="staff")
        return Reply(_("{who} bukan staf.").format(who=esc(target_id)), intent="staff")

    def staff_list(self) -> Reply:
        members = roles.list_staff(self.engine, self.settings)
        admins = [m for m in members if m.admin]
        staff = [m for m in members if not m.admin]
        lines = [bold(_("Admin (dari ADMIN_IDS):"))]
        lines += [f"• {esc(_person(m.user_id, m.name))}" for m in admins] or ["• " + _("belum ada")]
        lines.append(bold(_("Staf:")))
        for m in staff:
            since = fmt_date(m.added_at) if m.added_at else ""
            lines.append(
                "• "
                + _("{who}, ditambahkan oleh {admin}, {date}").format(
                    who=esc(_person(m.user_id, m.name)), admin=esc(m.added_by), date=esc(since)
                )
            )
        if not staff:
            lines.append("• " + _("belum ada; tambahkan dengan /staf tambah"))
        return Reply("\n".join(lines), intent="staff")


def _person(user_id: int, name: str) -> str:
    return f"{name} ({user_id})" if name else str(user_id)


# ---- fixed replies --------------------------------------------------------------------------------------------
def stale_preview() -> Reply:
    return Reply(
        _("Pratinjau ini sudah tidak berlaku (sudah diterapkan, dibatalkan, atau kedaluwarsa). Kirim berkasnya lagi."),
        intent="import_stale",
    )


def not_yours() -> Reply:
    return Reply(_("Hanya pengirim berkas yang bisa menerapkan atau membatalkan impor ini."), intent="import_other")


def refused_admin_only() -> Reply:
    return Reply(_("Maaf, perintah ini hanya untuk admin Tanya Bansos."), intent="refused")


def refused_staff_only() -> Reply:
    return Reply(
        _(
            "Maaf, fitur ini hanya untuk petugas Dinas Sosial. Silakan ketik pertanyaan Anda tentang data bansos, "
            "misalnya “berapa KK di Lingga?”."
        ),
        intent="refused",
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
            "menampilkan pratinjau; angka baru disimpan setelah Anda menekan Terapkan."
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
