"""Memory per new user: the RSS of the REAL bot process while users it has never seen ask it questions.

The bot (``tanyabansos run`` on a SQLite store prepared by ``tanyabansos db init``; by default without its rate
limiter, so the run is quick — the limiter keeps no per-user state) talks to the fake Bot API server of the tests in
a process of its own (:class:`bot_throughput.RemoteFake`). ``--users`` private chats (10,000), each a user not seen
before, ask ``--questions`` questions each (1) from ``tests/corpus/questions.tsv``, ``--step`` users (1,000) at a
time; after each step, once every update is answered, the bot's ``VmRSS`` is read from ``/proc``.

Prints RSS after every step and the growth per 1,000 new users: the slope of a least-squares line through the steps
after the first (the first step also fills caches every bot fills once: Babel's locale data, SQLAlchemy's compiled
statements, the connection pool), and the plain difference first → last step.

``--tracemalloc DIR`` runs the bot under ``tracemalloc`` and compares snapshots taken after the first and the last
step: the allocations that grew, by traceback, per 1,000 users — where the memory goes. Slower (about 3×); Python
allocations only (not SQLite's page cache or the allocator's fragmentation).

    .venv/bin/python benchmarks/bot_memory.py                         # 10,000 new users, RSS per 1,000
    .venv/bin/python benchmarks/bot_memory.py --users 5000 --tracemalloc /tmp/mem --top 15
    .venv/bin/python benchmarks/bot_memory.py --target bot            # with the production rate limiter (slow)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

from bot_throughput import (  # noqa: E402
    FIRST_USER,
    ROOT,
    TARGETS,
    BotProcess,
    RemoteFake,
    command_for,
    load_questions,
    run_cli,
)


def vm_hwm_kib(pid: int) -> int | None:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of ys over xs."""
    n = len(xs)
    if n < 2:
        return float("nan")
    mx, my = sum(xs) / n, sum(ys) / n
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else float("nan")


def snapshot(process: BotProcess, base: Path, index: int, timeout: float = 300.0) -> tracemalloc.Snapshot:
    """Ask the bot (SIGUSR1, see the wrapper in bot_throughput.py) for its ``index``-th snapshot and load it."""
    path = Path(f"{base}.{index}")
    os.kill(process.pid, signal.SIGUSR1)
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline or not process.alive():
            raise SystemExit(f"no tracemalloc snapshot from the bot:\n{process.logs(2000)}")
        time.sleep(0.2)
    return tracemalloc.Snapshot.load(str(path))


def where(trace: tracemalloc.Traceback, frames: int) -> str:
    """The innermost frames of a traceback, newest last, with paths relative to the checkout or site-packages."""

    def short(filename: str) -> str:
        for marker in ("site-packages/", str(ROOT) + "/", "/lib/python3.11/"):
            if marker in filename:
                return filename.split(marker, 1)[1]
        return filename

    picked = list(trace)[-frames:] if trace else []  # tracemalloc lists the most recent frame last
    return " ← ".join(f"{short(f.filename)}:{f.lineno}" for f in reversed(picked))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10_000, help="new users in all")
    parser.add_argument("--step", type=int, default=1000, help="users between two RSS readings")
    parser.add_argument("--questions", type=int, default=1, help="questions per user")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--window", type=int, default=200)
    parser.add_argument("--target", default="bot-no-limiter", choices=[t for t in TARGETS if not t.startswith("echo")])
    parser.add_argument("--tracemalloc", type=Path, default=None, help="directory for tracemalloc snapshots")
    parser.add_argument("--top", type=int, default=12, help="allocation sites to list with --tracemalloc")
    parser.add_argument("--frames", type=int, default=6, help="frames shown per allocation site")
    parser.add_argument(
        "--same-users",
        action="store_true",
        help="control run: the same --step users ask again every step (what still grows is per update, not per user)",
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.users < 2 * args.step:
        parser.error("--users must be at least two steps")

    questions = load_questions()
    print(
        f"{args.target}: {args.users} {'updates from the same ' + str(args.step) if args.same_users else 'new'} users"
        f" × {args.questions} question(s), RSS every {args.step} users; "
        f"{os.cpu_count()} CPUs; Python {platform.python_version()}; load avg {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    steps: list[tuple[int, float]] = []
    growth_sites: list[tuple[float, int, str]] = []
    with tempfile.TemporaryDirectory(prefix="tanyabansos-mem-") as tmp:
        fake = RemoteFake()
        try:
            process = BotProcess(
                fake,  # type: ignore[arg-type]
                Path(tmp) / args.target,
                command=command_for(args.target, None),
                name=args.target,
                throttle_messages_per_minute=10**9,
            )
            kind, extra = TARGETS[args.target]
            process.env.update(extra)
            process.env["PYTHONPATH"] = str(ROOT) + os.pathsep + process.env.get("PYTHONPATH", "")
            snap_base: Path | None = None
            if args.tracemalloc is not None:
                if kind != "wrapper":
                    parser.error("--tracemalloc needs a wrapper target (bot-no-limiter)")
                args.tracemalloc.mkdir(parents=True, exist_ok=True)
                snap_base = args.tracemalloc / f"{args.target}-{os.getpid()}"
                process.env["BENCH_TRACEMALLOC"] = str(snap_base)
            done = run_cli(["db", "init"], process.env, process.workdir, timeout=180)
            if done.returncode != 0:
                raise SystemExit(f"tanyabansos db init failed:\n{done.stdout}\n{done.stderr}")
            process.start(timeout=600 if snap_base is not None else 120)  # tracemalloc: start-up is slow
            try:
                fake.call("warm_up", questions=questions[:10])
                print(f"{'after warm-up':>14}: RSS {(process.rss_kib() or 0) / 1024:7.1f} MB", flush=True)
                first_snapshot: tracemalloc.Snapshot | None = None
                started = time.monotonic()
                for start in range(0, args.users, args.step):
                    users = range(start, min(args.users, start + args.step))
                    plan = [
                        (
                            FIRST_USER + (u % args.step if args.same_users else u),
                            questions[(u * args.questions + q) % len(questions)],
                        )
                        for q in range(args.questions)
                        for u in users
                    ]
                    outcome = fake.call("load", plan=plan, batch=args.batch, window=args.window, stall_seconds=120.0)
                    if outcome["stalled"]:
                        raise SystemExit(f"the bot stopped answering:\n{process.logs(2000)}")
                    rss = (process.rss_kib() or 0) / 1024
                    previous = steps[-1][1] if steps else None
                    steps.append((users.stop, rss))
                    delta = f"{(rss - previous) * 1024:+8.0f} KB" if previous is not None else ""
                    print(f"{users.stop:>8} users: RSS {rss:7.1f} MB {delta}", flush=True)
                    if snap_base is not None and first_snapshot is None:
                        first_snapshot = snapshot(process, snap_base, 0)
                if snap_base is not None and first_snapshot is not None:
                    last = snapshot(process, snap_base, 1)
                    per = 1000 / (steps[-1][0] - steps[0][0])
                    for stat in last.compare_to(first_snapshot, "traceback")[: args.top]:
                        growth_sites.append(
                            (stat.size_diff * per / 1024, stat.count_diff, where(stat.traceback, args.frames))
                        )
                elapsed = time.monotonic() - started
                hwm = (vm_hwm_kib(process.pid) or 0) / 1024
            finally:
                process.stop()
        finally:
            fake.close()

    xs = [float(n) for n, _ in steps[1:]]
    ys = [rss * 1024 for _, rss in steps[1:]]
    per_1000 = slope(xs, ys) * 1000
    first_to_last = (steps[-1][1] - steps[0][1]) * 1024 / ((steps[-1][0] - steps[0][0]) / 1000)
    print(
        f"growth per 1,000 new users: {per_1000:.0f} KB (least squares over steps 2–{len(steps)}), "
        f"{first_to_last:.0f} KB (step 1 → {len(steps)}); RSS {steps[0][1]:.1f} → {steps[-1][1]:.1f} MB, "
        f"peak {hwm:.1f} MB; {elapsed:.0f} s"
    )
    if growth_sites:
        print("tracemalloc, growth per 1,000 users by allocation site (KB, blocks):")
        for kb, count, site in growth_sites:
            print(f"  {kb:8.1f} KB {count:+8d}  {site}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "target": args.target,
                    "users": args.users,
                    "questions": args.questions,
                    "steps": steps,
                    "kb_per_1000_users": per_1000,
                    "kb_per_1000_users_first_to_last": first_to_last,
                    "peak_mb": hwm,
                    "sites": growth_sites,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
