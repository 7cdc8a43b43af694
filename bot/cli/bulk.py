"""``tanyabansos import FILE`` for large CSV files: the streaming bulk import (:mod:`bot.imports.bulk`), previewed in
the words of the chat import."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from bot.answering.reply import Reply, bold, esc
from bot.figures.facts import Facts
from bot.imports.bulk import BulkResult, bulk_import
from bot.imports.plan import MAX_BYTES, MAX_ROWS, ImportPlan
from bot.staff.previews import applied_reply, change_line
from bot.text.i18n import _, fmt_int

EXIT_OK = 0
EXIT_REFUSED = 1


def wants_bulk(path: Path, forced: bool) -> bool:
    """A CSV (not XLSX) the chat import would refuse for its size (over 5 MB, or over 50,000 rows), or ``--bulk``."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        return False
    if forced:
        return True
    size = path.stat().st_size
    if size > MAX_BYTES:
        return True
    with path.open("rb") as fh:
        return fh.read().count(b"\n") > MAX_ROWS


def bulk_preview(result: BulkResult, facts: Facts) -> str:
    """The preview of a bulk import as plain text: rows read, errors with their rows (capped), the counts, the
    first changes."""
    lines = [_("📄 {file}: {n} baris data dibaca.").format(file=bold(result.filename), n=fmt_int(result.records))]
    errors = result.kept("error")
    if not result.ok:
        lines.append(
            _("❌ {n} galat. Berkas tidak diterapkan; tidak ada angka yang berubah.").format(n=fmt_int(result.errors))
        )
        lines += [esc(_problem_line(p.severity, p.row, p.message)) for p in errors]
        if result.errors > len(errors):
            lines.append(_("… dan {n} masalah lain.").format(n=fmt_int(result.errors - len(errors))))
        lines.append(_("Perbaiki berkasnya lalu kirim lagi."))
        return _plain("\n".join(lines))
    warnings = result.kept("warning")
    lines += ["⚠️ " + esc(_problem_line(p.severity, p.row, p.message)) for p in warnings]
    if result.warnings > len(warnings):
        lines.append(_("… dan {n} masalah lain.").format(n=fmt_int(result.warnings - len(warnings))))
    notes = result.kept("note")
    lines += ["ℹ️ " + esc(p.message) for p in notes]
    if result.notes > len(notes):
        lines.append(_("… dan {n} catatan lain.").format(n=fmt_int(result.notes - len(notes))))
    if result.effective == 0:
        lines.append(
            _("✅ Tidak ada perubahan: {n} angka sama dengan yang tersimpan.").format(
                n=fmt_int(result.count("unchanged"))
            )
        )
        return _plain("\n".join(lines))
    summary = _("Pratinjau: {added} baru, {changed} berubah, {unchanged} tetap.").format(
        added=bold(fmt_int(result.count("added"))),
        changed=bold(fmt_int(result.count("changed"))),
        unchanged=fmt_int(result.count("unchanged")),
    )
    if result.count("removed"):
        summary += " " + _("{removed} dihapus.").format(removed=bold(fmt_int(result.count("removed"))))
    lines.append(summary)
    lines += [change_line(facts, c) for c in result.sample]
    if result.effective > len(result.sample):
        lines.append(_("… dan {n} perubahan lain.").format(n=fmt_int(result.effective - len(result.sample))))
    return _plain("\n".join(lines))


def _problem_line(severity: str, row: int | None, message: str) -> str:
    label = _("Peringatan") if severity == "warning" else _("Kesalahan")
    where = _("baris {n}").format(n=row) if row else _("berkas")
    return f"{label} ({where}): {message}"


def _plain(html: str) -> str:
    return Reply(html).plain()


def run_bulk(args: argparse.Namespace, path: Path, actor: str, say: Callable[[str], None]) -> int:
    """Stream ``path`` into the store (or only preview it with ``--dry-run``); the exit status of ``import``."""
    from bot.services import Service

    service = Service()
    parser = service.row_parser()
    say(_("Impor besar: berkas dibaca baris demi baris dan diterapkan sekaligus (semua atau tidak sama sekali)."))
    result = bulk_import(service.engine, path, parser, actor, dry_run=args.dry_run)
    say(bulk_preview(result, parser.facts))
    if not result.ok:
        return EXIT_REFUSED
    if result.effective == 0:
        return EXIT_OK
    if args.dry_run:
        say(_("Uji coba (--dry-run): tidak ada yang disimpan."))
        return EXIT_OK
    service.invalidate()
    done = applied_reply(ImportPlan(filename=result.filename, sha256=result.sha256), result.batch)
    say(done.plain().splitlines()[0])
    return EXIT_OK
