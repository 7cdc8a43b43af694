"""Digest sweep: how long working out what is due takes with many subscribed groups (issue 11 item 10).

A throw-away SQLite store holds ``--groups`` (10,000) active subscriptions with a daily digest that fired three
minutes ago, and a year of history for each (``--history`` days of sent digests, one row per day); then
``bot.digests.ledger.compute_due`` runs ``--runs`` times (the first also records nothing: nothing is missed). Printed:
seconds per sweep (median, max), the SQL statements one sweep issues, and how many digests were found due.

    .venv/bin/python benchmarks/digest_sweep.py                   # make bench-sweep
    .venv/bin/python benchmarks/digest_sweep.py --root /work/main # the same on another checkout (before/after)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--history", type=int, default=30, help="days of sent digests per group")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))

    from sqlalchemy import event, insert

    from bot.digests.ledger import compute_due
    from bot.services import Service
    from models.db import session_scope
    from models.digest import Delivery, Subscription
    from tests.conftest import make_settings

    folder = Path(tempfile.mkdtemp(prefix="sweep-"))
    service = Service(make_settings(f"sqlite:///{folder / 'store.sqlite3'}"))
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    fire = (now - timedelta(minutes=3)).astimezone(ZoneInfo("Asia/Jakarta"))
    created = now - timedelta(days=args.history + 5)
    subs = [
        dict(chat_id=-1_000_000 - i, chat_title=f"Staf {i}", language="id", frequency="daily", weekday=0,
             day_of_month=1, hour=fire.hour, minute=fire.minute, timezone="Asia/Jakarta", regions="", programs="",
             active=True, subscribed_by=111, created_at=created, updated_at=created, ended_reason="")
        for i in range(args.groups)
    ]  # fmt: skip
    with session_scope(service.engine) as session:
        session.execute(insert(Subscription), subs)
    rows = []
    for sid in range(1, args.groups + 1):
        for day in range(1, args.history + 1):
            when = now - timedelta(minutes=3) - timedelta(days=day)
            rows.append(dict(subscription_id=sid, period_key=when.astimezone(ZoneInfo("Asia/Jakarta")).date()
                             .isoformat(), scheduled_for=when, chat_id=-1_000_000 - sid + 1, status="sent",
                             claimed_by="bench", claimed_at=when, sent_at=when, attempts=1, error="",
                             snapshot=""))  # fmt: skip
    with session_scope(service.engine) as session:
        for start in range(0, len(rows), 20_000):
            session.execute(insert(Delivery), rows[start : start + 20_000])
    statements: list[str] = []
    event.listen(service.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    seconds = []
    found = 0
    for _ in range(args.runs):
        statements.clear()
        started = time.perf_counter()
        due, _missed = compute_due(service.engine, now, timedelta(hours=6), timedelta(seconds=120))
        seconds.append(time.perf_counter() - started)
        found = len(due)
    print(f"root {args.root}: {args.groups:,} groups, {len(rows):,} ledger rows")
    print(f"compute_due: median {statistics.median(seconds):.3f} s, max {max(seconds):.3f} s over {args.runs} runs; "
          f"{len(statements)} SQL statements per sweep; {found:,} due")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
