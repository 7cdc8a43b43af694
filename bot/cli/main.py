"""The ``tanyabansos`` command: ask, chat, and database chores. Prints exactly what the bot would reply."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from bot.text.i18n import use_language

if TYPE_CHECKING:
    from bot.answering.answerer import Answerer
    from bot.answering.reply import Choice, Reply
    from bot.services import Service


def _service():  # imported lazily so `tanyabansos --help` stays instant
    from bot.services import Service

    return Service()


@contextmanager
def _loaded_service(*, answerer: bool) -> Iterator[Service]:
    """The service of ``ask`` and ``chat``: its modules imported and (``answerer``) its facts and understander built
    with the cyclic garbage collector paused, then all that was loaded moved out of the collector's sight
    (``gc.freeze``, as the bot does once loaded: ``handlers/application.py``). Loading makes some 140,000 objects that
    live as long as the process, and next to no garbage; the collector walked them over and over while they were
    made, and again in the interpreter's last collections as the command ended (together ~0.2 s of CPU of a ~0.8 s
    ``tanyabansos ask``). Those last collections also closed the store's pooled connections (SQLite then folds its
    write-ahead log back into the file): closed here instead, when the command is done."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        service = _service()
        if answerer:
            service.answerer()
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    try:
        yield service
    finally:
        service.engine.dispose()


EXIT_WORDS = frozenset({"exit", "keluar", "quit", "/exit", "/keluar"})


def cmd_ask(args: argparse.Namespace) -> int:
    """One question from the command line; without one, every line of stdin (``--jsonl``: as JSON lines)."""
    # a question is asked, so the answerer is built at once (--jsonl reads stdin as it comes: maybe nothing)
    with _loaded_service(answerer=not args.jsonl) as service, use_language(args.lang):
        question = " ".join(args.question)
        if args.jsonl or not question.strip():
            lines = getattr(args, "piped", None) or (line.rstrip("\n") for line in sys.stdin)
            for text in lines:
                if not text.strip() and not args.keep_empty:
                    continue
                reply = _console_reply(service.answerer(), text)
                if args.jsonl:
                    record = {"question": text, "reply": reply.plain(), "intent": reply.intent, **reply.details}
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    sys.stdout.write(reply.plain() + "\n")
                sys.stdout.flush()
            return 0
        print(_console_reply(service.answerer(), question).plain())
    return 0


def _console_reply(answerer: Answerer, text: str) -> Reply:
    """What the bot would reply to ``text``: the commands that need no chat (/bantuan, /program, /wilayah,
    /tentang, …) from the bot's own table, anything else as a question."""
    from bot.answering.ui import explain_terms, public_command

    return public_command(answerer, text.strip()) or explain_terms(answerer.answer(text))


def cmd_chat(args: argparse.Namespace) -> int:
    """The interactive console: answers like the bot, a number presses a button, ``keluar``/``exit`` ends it.
    Reading a pipe, it prints no prompts (so nothing dangles after the last answer)."""
    from bot.answering.ui import explain_terms

    interactive = sys.stdin.isatty()
    with _loaded_service(answerer=True) as service, use_language(args.lang):
        answerer = service.answerer()
        print(answerer.greeting().plain())
        if interactive:
            print("(Ketik pertanyaan atau /bantuan; angka untuk memilih tombol; keluar atau Ctrl-D untuk selesai.)")
        last_choices: list[Choice] = []
        while True:
            try:
                line = input("> " if interactive else "")
            except (EOFError, KeyboardInterrupt):
                if interactive:
                    print()
                return 0
            answerer = service.answerer()
            text = line.strip()
            if not text:
                continue
            if text.lower() in EXIT_WORDS:
                return 0
            if text.isdigit() and last_choices and 1 <= int(text) <= len(last_choices):
                reply = explain_terms(answerer.answer_action(last_choices[int(text) - 1].action))
            else:
                reply = _console_reply(answerer, line)
            print(reply.plain())
            last_choices = reply.choices


def cmd_run(args: argparse.Namespace) -> int:
    """The Telegram bot (long polling, or webhooks); without a token, the offline console."""
    from bot.config import get_settings

    settings = get_settings()
    if not settings.has_token:
        from bot.answering.ui import no_token_notice

        with use_language(settings.default_language):
            print(no_token_notice())
        return cmd_chat(argparse.Namespace(lang=settings.default_language))
    from handlers.application import run

    run(settings, webhook=args.webhook)
    return 0


def cmd_unanswered(args: argparse.Namespace) -> int:
    """The most frequent questions the bot could not answer, so staff can add aliases."""
    from bot.answering.prefs import top_unanswered
    from bot.text.i18n import fmt_datetime

    service = _service()
    rows = top_unanswered(service.engine, limit=args.limit, days=args.days)
    if not rows:
        print("Belum ada pertanyaan yang tidak terjawab.")
        return 0
    for text, count, last in rows:
        print(f"{count:>5}×  {text}   (terakhir {fmt_datetime(last)})")
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    """Digest chores: preview one, send what is due now (for cron), list subscriptions."""
    from bot.config import get_settings

    settings = get_settings()
    service = _service()
    if args.action == "preview":
        from bot.digests.dispatcher import preview

        print(preview(service, settings, args.chat).reply.plain())
        return 0
    if args.action == "list":
        from bot.digests.subscriptions import active_subscriptions, schedule_of

        subs = active_subscriptions(service.engine)
        if not subs:
            print("Belum ada grup yang berlangganan.")
        for sub in subs:
            filters = ",".join(x for x in (sub.regions, sub.programs) if x) or "semua"
            print(f"{sub.chat_id}\t{sub.chat_title}\t{schedule_of(sub).describe()}\t{filters}")
        return 0
    if not settings.has_token:
        print("TELEGRAM_BOT_TOKEN belum diisi: ringkasan tidak bisa dikirim.", file=sys.stderr)
        return 2
    from handlers.application import send_due_digests

    report = send_due_digests(settings)
    print(
        f"due {report.due}, sent {report.sent}, skipped {report.skipped}, missed {report.missed}, "
        f"gone {report.gone}, failed {report.failed}"
    )
    return 1 if report.failed else 0


def cmd_db(args: argparse.Namespace) -> int:
    from bot.config import get_settings
    from bot.services import ensure_database
    from models.db import get_engine

    settings = get_settings()
    report = ensure_database(get_engine(settings.database_url), settings)
    print(
        f"database ready: {settings.database_url.split('@')[-1]} "
        f"(reference rows added/corrected: {report.reference_rows}; "
        f"figure files imported: {', '.join(report.imported_files) or 'none'})"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tanyabansos", description="Tanya Bansos — data bansos Dinsos Kepri")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer one question (or many with --jsonl) as the bot would")
    ask.add_argument("question", nargs="*", help='the question, e.g. "berapa KK di Lingga?"')
    ask.add_argument("--jsonl", action="store_true", help="write one JSON line per question read from stdin")
    ask.add_argument("--keep-empty", action="store_true", help=argparse.SUPPRESS)
    ask.add_argument("--lang", default="id", choices=["id", "en"])
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="an interactive console that behaves like the bot")
    chat.add_argument("--lang", default="id", choices=["id", "en"])
    chat.set_defaults(func=cmd_chat)

    run = sub.add_parser("run", help="run the Telegram bot (the offline console when no token is set)")
    run.add_argument(
        "--webhook", action="store_true", help="serve webhooks (WEBHOOK_URL, WEBHOOK_PORT, WEBHOOK_SECRET)"
    )
    run.set_defaults(func=cmd_run)

    unanswered = sub.add_parser("unanswered", help="the most frequent questions the bot could not answer")
    unanswered.add_argument("--limit", type=int, default=20)
    unanswered.add_argument("--days", type=int, default=None, help="only the last N days")
    unanswered.set_defaults(func=cmd_unanswered)

    digest = sub.add_parser("digest", help="digests: preview, send what is due now (cron), list subscriptions")
    digest.add_argument("action", choices=["preview", "send-due", "list"])
    digest.add_argument("--chat", type=int, default=None, help="the group's chat id (preview)")
    digest.set_defaults(func=cmd_digest)

    from bot.cli import staff as cli_staff

    cli_staff.register(sub)

    db = sub.add_parser("db", help="create or upgrade the database and load the seed data")
    db.add_argument("action", nargs="?", default="init", choices=["init", "upgrade"])
    db.set_defaults(func=cmd_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "ask" and not args.jsonl and not " ".join(args.question).strip():
        # `echo "berapa KK di Lingga?" | tanyabansos ask`: the questions come from the pipe, one a line
        piped = [] if args.question or sys.stdin.isatty() else [q for q in sys.stdin.read().splitlines() if q.strip()]
        if not piped:
            parser.error("ask needs a question (or questions on stdin, one a line)")
        args.piped = piped
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `tanyabansos ask … | head`: the reader stopped reading; nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a database the operator must fix: one line, not a traceback
        from bot.cli.errors import database_error, settings_error

        message = settings_error(exc) or database_error(exc, _database_url())
        if message is None:
            raise
        print(f"tanyabansos: {message}", file=sys.stderr)
        return 2


def _database_url() -> str:
    try:
        from bot.config import get_settings

        return get_settings().database_url
    except Exception:
        return os.environ.get("DATABASE_URL", "")


if __name__ == "__main__":
    sys.exit(main())
