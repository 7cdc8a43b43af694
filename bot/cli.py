"""The ``tanyabansos`` command: ask, chat, and database chores. Prints exactly what the bot would reply."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from bot.i18n import use_language


def _service():  # imported lazily so `tanyabansos --help` stays instant
    from bot.service import Service

    return Service()


def cmd_ask(args: argparse.Namespace) -> int:
    service = _service()
    with use_language(args.lang):
        if args.jsonl:
            for line in sys.stdin:
                question = line.rstrip("\n")
                if not question.strip() and not args.keep_empty:
                    continue
                reply = service.answerer().answer(question)
                record = {"question": question, "reply": reply.plain(), "intent": reply.intent, **reply.details}
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            return 0
        question = " ".join(args.question)
        print(service.answerer().answer(question).plain())
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    service = _service()
    with use_language(args.lang):
        answerer = service.answerer()
        print(answerer.greeting().plain())
        print("(Ketik pertanyaan; angka pilihan untuk memilih tombol; Ctrl-D untuk keluar.)")
        last_choices: list = []
        while True:
            try:
                line = input("> ")
            except (EOFError, KeyboardInterrupt):
                print()
                return 0
            answerer = service.answerer()
            text = line.strip()
            if text.isdigit() and last_choices and 1 <= int(text) <= len(last_choices):
                reply = answerer.answer_action(last_choices[int(text) - 1].action)
            else:
                reply = answerer.answer(line)
            print(reply.plain())
            last_choices = reply.choices


def cmd_db(args: argparse.Namespace) -> int:
    from bot.service import ensure_database
    from bot.settings import get_settings
    from models.db import get_engine

    settings = get_settings()
    report = ensure_database(get_engine(settings.database_url), settings)
    print(f"database ready: {settings.database_url.split('@')[-1]} "
          f"(reference rows added/corrected: {report.reference_rows}; "
          f"figure files imported: {', '.join(report.imported_files) or 'none'})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tanyabansos", description="Tanya Bansos — data bansos Dinsos Kepri")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer one question (or many with --jsonl) as the bot would")
    ask.add_argument("question", nargs="*", help="the question, e.g. \"berapa KK di Lingga?\"")
    ask.add_argument("--jsonl", action="store_true", help="read one question a line on stdin, write JSON lines")
    ask.add_argument("--keep-empty", action="store_true", help=argparse.SUPPRESS)
    ask.add_argument("--lang", default="id", choices=["id", "en"])
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="an interactive console that behaves like the bot")
    chat.add_argument("--lang", default="id", choices=["id", "en"])
    chat.set_defaults(func=cmd_chat)

    db = sub.add_parser("db", help="create or upgrade the database and load the seed data")
    db.add_argument("action", nargs="?", default="init", choices=["init", "upgrade"])
    db.set_defaults(func=cmd_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "ask" and not args.jsonl and not args.question:
        parser.error("ask needs a question, or --jsonl")
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
