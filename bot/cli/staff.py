"""``tanyabansos import``, ``audit`` and ``export``: staff data management from the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_UNREADABLE = 2


def _desk():  # imported lazily so `tanyabansos --help` stays instant
    from bot.services import Service
    from bot.staff.desk import StaffDesk

    return StaffDesk(Service(), operator=True)  # whoever runs the CLI already holds the database


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def default_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name (a container without /etc/passwd entry)
        return "cli"


def cmd_import(args: argparse.Namespace) -> int:
    """Validate a CSV/XLSX file, show what would change, and apply it (all or nothing) unless --dry-run."""
    from bot.cli.bulk import run_bulk, wants_bulk
    from bot.imports import ImportRefused, StalePlan, apply_plan
    from bot.staff import applied_reply, preview_reply
    from bot.text.i18n import _, use_language

    if args.file == "undo" and (args.number is not None or args.last or not Path(args.file).is_file()):
        return cmd_undo(args)
    if args.number is not None or args.last:
        print("usage: tanyabansos import FILE | tanyabansos import undo N|--last", file=sys.stderr)
        return EXIT_UNREADABLE
    path = Path(args.file)
    with use_language(args.lang):
        try:
            if wants_bulk(path, args.bulk):
                return run_bulk(args, path, args.actor or default_actor(), _say)
            data = path.read_bytes()
        except OSError as exc:
            print(_("Berkas {file} tidak bisa dibaca: {error}").format(file=path, error=exc.strerror), file=sys.stderr)
            return EXIT_UNREADABLE
        desk = _desk()
        version = desk.service.data_version()
        plan = desk.plan(data, path.name)
        _say(preview_reply(plan, desk.service.facts).plain())
        if not plan.ok:
            return EXIT_REFUSED
        if plan.effective == 0:
            return EXIT_OK
        if args.dry_run:
            _say(_("Uji coba (--dry-run): tidak ada yang disimpan."))
            return EXIT_OK
        _say(_("Menerapkan…"))
        try:
            batch = apply_plan(desk.engine, plan, args.actor or default_actor(), expect_version=version)
        except StalePlan:
            _say(_("Angka tersimpan berubah selama pemeriksaan; jalankan perintah ini lagi."))
            return EXIT_REFUSED
        except ImportRefused as exc:  # cannot happen after a clean plan, but never apply half a file
            _say(str(exc))
            return EXIT_REFUSED
        _say(applied_reply(plan, batch).plain().splitlines()[0])
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    """``tanyabansos import undo N`` / ``--last``: put back every figure one import changed, all or nothing."""
    from bot.text.i18n import _, use_language

    with use_language(args.lang):
        number = None
        if args.number is not None:
            if not args.number.lstrip("#").isdigit() or len(args.number) > 9:
                print(_("Nomor impor harus angka (lihat `tanyabansos audit`)."), file=sys.stderr)
                return EXIT_UNREADABLE
            number = int(args.number.lstrip("#"))
        elif not args.last:
            print(_("Sebutkan nomor impor (lihat `tanyabansos audit`) atau --last."), file=sys.stderr)
            return EXIT_UNREADABLE
        desk = _desk()
        reply, refused = desk.undo_now(number, args.actor or default_actor(), last=args.last, dry_run=args.dry_run)
        _say(reply.plain())
        if args.dry_run and not refused:
            _say(_("Uji coba (--dry-run): tidak ada yang disimpan."))
    return EXIT_REFUSED if refused else EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    """The most recent changes of figures: when, who, from which file, old → new."""
    from bot.text.i18n import use_language

    with use_language(args.lang):
        desk = _desk()
        _say(desk.history(args.limit).plain())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Every current figure as a CSV or XLSX file that can be edited and imported again."""
    from bot.staff.export import ExportFile
    from bot.text.i18n import _, use_language

    with use_language(args.lang):
        desk = _desk()
        exported = desk.export(args.format)
        assert isinstance(exported, ExportFile)  # the operator is never refused
        data, name = exported.data, exported.filename
        if args.output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return EXIT_OK
        target = Path(args.output) if args.output else Path(name)
        if target.is_dir():
            target = target / name
        target.write_bytes(data)
        print(_("Ditulis: {path}").format(path=target), file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add the staff subcommands to the ``tanyabansos`` parser."""
    imp = sub.add_parser(
        "import",
        help="validate a CSV/XLSX of figures, show what changes, and apply it all or nothing",
        description="Columns: tahun, wilayah, program, jumlah_kk (optional: jenis, catatan, sumber); jumlah_kk "
        "`hapus` removes a figure (`*` as wilayah/program: every one). `import undo N` (or `import undo --last`) "
        "puts back every figure import N changed. A CSV over 5 MB or 50,000 rows is streamed (any size). "
        "Exit status: 0 applied or nothing to change, 1 refused (every problem is listed), 2 unreadable file.",
    )
    imp.add_argument("file", help="the .csv or .xlsx file, or `undo`")
    imp.add_argument("number", nargs="?", default=None, help="with `undo`: the import number (see `audit`)")
    imp.add_argument("--last", action="store_true", help="with `undo`: the newest import that is not undone")
    imp.add_argument("--dry-run", action="store_true", help="check and preview only; change nothing")
    imp.add_argument(
        "--bulk",
        action="store_true",
        help="stream the CSV row by row and apply it set-based (automatic for a CSV over 5 MB or 50,000 rows)",
    )
    imp.add_argument("--actor", default=None, help="who the audit trail records (default: cli:<login name>)")
    imp.add_argument("--lang", default="id", choices=["id", "en"])
    imp.set_defaults(func=cmd_import)

    audit = sub.add_parser("audit", help="recent changes of figures: who, when, from which file, old → new")
    audit.add_argument("--limit", type=int, default=20)
    audit.add_argument("--lang", default="id", choices=["id", "en"])
    audit.set_defaults(func=cmd_audit)

    export = sub.add_parser("export", help="the current figures as a CSV or XLSX file (a valid import file)")
    export.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    export.add_argument(
        "--output", "-o", default=None, help="file or folder to write (default: tanyabansos-angka-DATE.EXT; - = stdout)"
    )
    export.add_argument("--lang", default="id", choices=["id", "en"])
    export.set_defaults(func=cmd_export)
