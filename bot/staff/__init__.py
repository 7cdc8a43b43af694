"""Staff work: roles, the staff desk (pending imports, audit, export), without Telegram."""

from bot.staff.audit import AUDIT_LIMIT, AuditEntry, audit_entries, audit_reply
from bot.staff.desk import ACCEPTED_SUFFIXES, StaffDesk, actor_label
from bot.staff.export import EXPORT_COLUMNS, ExportFile, export_filename, export_rows, neutralise, to_csv, to_xlsx
from bot.staff.pending import PENDING_TTL, AlreadyHandled, discard_pending, load_pending, store_pending
from bot.staff.previews import APPLY, CANCEL, PREVIEW_CHANGES, applied_reply, figure_label, preview_reply
from bot.staff.replies import (
    STAFF_SUBCOMMANDS,
    import_help,
    not_yours,
    parse_staff_args,
    refused_admin_only,
    refused_staff_only,
    staff_usage,
    stale_preview,
)
from models.tables import utcnow

__all__ = [
    "ACCEPTED_SUFFIXES",
    "APPLY",
    "AUDIT_LIMIT",
    "CANCEL",
    "EXPORT_COLUMNS",
    "PENDING_TTL",
    "PREVIEW_CHANGES",
    "STAFF_SUBCOMMANDS",
    "AlreadyHandled",
    "AuditEntry",
    "ExportFile",
    "StaffDesk",
    "actor_label",
    "applied_reply",
    "audit_entries",
    "audit_reply",
    "discard_pending",
    "export_filename",
    "export_rows",
    "figure_label",
    "import_help",
    "load_pending",
    "neutralise",
    "not_yours",
    "parse_staff_args",
    "preview_reply",
    "refused_admin_only",
    "refused_staff_only",
    "staff_usage",
    "stale_preview",
    "store_pending",
    "to_csv",
    "to_xlsx",
    "utcnow",
]
