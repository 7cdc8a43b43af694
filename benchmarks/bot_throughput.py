"""Telegram throughput: simulated users asking the REAL bot process through the fake Bot API, against a bare echo bot.

Like is compared with like. Two pairs of targets, each pair under the same sending limit:

* limited, as production runs: ``bot`` (``tanyabansos run``, PTB's ``AIORateLimiter`` paced at one request per
  1/30 s) against ``echo-limiter`` (``benchmarks/echo_bot.py`` with exactly the bot's limiter settings);
* unlimited, to see the cost of answering: ``bot-no-limiter`` (the bot with the limiter replaced by ``None`` by a
  wrapper that patches PTB before ``handlers.application`` is imported; the bot's code is unchanged) against
  ``echo`` (the echo bot with no limiter).

Three processes per target: the target, the fake Bot API server with the simulated users (its own process, so its
work does not share a GIL with anything else), and this one, which only starts them and reads ``/proc``. The fake
is a fresh :class:`tests.fakebot.FakeBotAPI`; the target is configured only by its environment
(``TELEGRAM_API_BASE_URL`` pointing at the fake, a throw-away SQLite ``DATABASE_URL`` prepared by
``tanyabansos db init`` as ``make run`` does, ``THROTTLE_MESSAGES_PER_MINUTE`` high enough never to throttle).

Load: ``--users`` private chats (1,000) × ``--questions`` questions each (5), taken from ``tests/corpus/questions.tsv``,
injected in rounds (every user's first question, then every user's second …) in batches of ``--batch`` (100) updates,
with at most ``--window`` (200) updates unanswered at any time (the users wait on the fake's reply counter, no
polling), so each ``getUpdates`` returns up to 100 updates like a busy real bot sees. After a short warm-up (not
measured):

* throughput = answered updates / (first injection → last reply), in updates per second;
* latency = injection → the target's first reply to that update, p50 / p99;
* CPU seconds the target used during the load (``/proc/<pid>/stat``), per update; the fake's CPU too; RSS after.

Prints one line per target and each pair's ratio (target ≥ 0.8)::

    .venv/bin/python benchmarks/bot_throughput.py                       # both pairs, 1,000 users × 5 questions
    .venv/bin/python benchmarks/bot_throughput.py --users 400 --targets bot-no-limiter,echo
    .venv/bin/python benchmarks/bot_throughput.py --targets bot-no-limiter --profile /tmp/prof   # cProfile (bot side)
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import multiprocessing
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e_support import TANYABANSOS, BotProcess, run_cli  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "questions.tsv"
ECHO_BOT = ROOT / "benchmarks" / "echo_bot.py"
TARGET_RATIO = 0.8
TARGET_RSS_MB = 150.0
FIRST_USER = 50_000_001

# Diagnostic variants of the bot, made from outside its code: PTB is patched before handlers.application is imported.
BOT_WRAPPER = """\
import os, sys
if os.environ.get("BENCH_NO_LIMITER"):
    import telegram.ext
    telegram.ext.AIORateLimiter = lambda *args, **kwargs: None
if os.environ.get("BENCH_CONCURRENT"):
    from telegram.ext import ApplicationBuilder
    _build = ApplicationBuilder.build
    def _concurrent_build(self):
        self.concurrent_updates(int(os.environ["BENCH_CONCURRENT"]))
        return _build(self)
    ApplicationBuilder.build = _concurrent_build
if os.environ.get("BENCH_TRACEMALLOC"):
    # benchmarks/bot_memory.py: tracemalloc from the start; SIGUSR1 writes a snapshot to the next numbered file.
    import gc, itertools, signal, tracemalloc
    tracemalloc.start(int(os.environ.get("BENCH_TRACEMALLOC_FRAMES", "12")))
    _snapshots = itertools.count()
    def _dump(signum, frame):
        gc.collect()
        path = f"{os.environ['BENCH_TRACEMALLOC']}.{next(_snapshots)}"
        tracemalloc.take_snapshot().dump(path + ".part")
        os.rename(path + ".part", path)
    signal.signal(signal.SIGUSR1, _dump)
if os.environ.get("BENCH_GC_STATS"):
    # Time spent in the garbage collector per generation, written to stderr at exit.
    import atexit, gc, time
    _gc_stats = {0: [0, 0.0], 1: [0, 0.0], 2: [0, 0.0]}
    _gc_started = [0.0]
    def _gc_callback(phase, info):
        if phase == "start":
            _gc_started[0] = time.thread_time()
        else:
            entry = _gc_stats[info["generation"]]
            entry[0] += 1
            entry[1] += time.thread_time() - _gc_started[0]
    gc.callbacks.append(_gc_callback)
    atexit.register(lambda: print("BENCH_GC_STATS", {g: (n, round(s, 3)) for g, (n, s) in _gc_stats.items()},
                                  file=sys.stderr, flush=True))
from bot.cli.main import main
out = os.environ.get("BENCH_PROFILE_OUT")
if not out:
    sys.exit(main(["run"]))
import cProfile, time
# CPU time of the thread, not the wall clock: other processes on the same cores do not count
profile = cProfile.Profile(time.thread_time)
try:
    code = profile.runcall(main, ["run"])
finally:
    profile.dump_stats(out)
sys.exit(code)
"""
# The echo bot under cProfile with the same CPU-time clock as the bot's wrapper.
ECHO_PROFILED = """\
import cProfile, runpy, sys, time
profile = cProfile.Profile(time.thread_time)
try:
    profile.runcall(runpy.run_path, sys.argv[1], run_name="__main__")
finally:
    profile.dump_stats(sys.argv[2])
"""
TARGETS = {
    # name: (kind, extra environment)
    "bot": ("bot", {}),
    "echo": ("echo", {}),
    "bot-no-limiter": ("wrapper", {"BENCH_NO_LIMITER": "1"}),
    "bot-concurrent": ("wrapper", {"BENCH_NO_LIMITER": "1", "BENCH_CONCURRENT": "32"}),
    "bot-gc-stats": ("wrapper", {"BENCH_NO_LIMITER": "1", "BENCH_GC_STATS": "1"}),
    "echo-limiter": ("echo", {"ECHO_RATE_LIMITER": "1"}),
}
#: Compared pairs: (name, bot target, echo target).
PAIRS = (("limited", "bot", "echo-limiter"), ("unlimited", "bot-no-limiter", "echo"))


@dataclass
class Result:
    target: str
    updates: int
    answered: int
    seconds: float
    updates_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    cpu_seconds: float
    rss_mb: float | None
    startup_seconds: float
    fake_cpu_seconds: float = float("nan")
    instructions: int | None = None

    @property
    def instructions_per_update(self) -> float:
        return self.instructions / self.answered if self.instructions and self.answered else float("nan")

    @property
    def cpu_ms_per_update(self) -> float:
        return self.cpu_seconds / self.answered * 1000 if self.answered else float("nan")


def load_questions(path: Path = CORPUS) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row["question"] for row in csv.DictReader(fh, delimiter="\t") if row.get("question", "").strip()]


def percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def command_for(target: str, profile_dir: Path | None) -> list[str]:
    kind = TARGETS[target][0]
    if kind == "echo":
        if profile_dir is not None:
            return [sys.executable, "-c", ECHO_PROFILED, str(ECHO_BOT), str(profile_dir / f"{target}.pstats")]
        return [sys.executable, str(ECHO_BOT)]
    if kind == "wrapper":
        return [sys.executable, "-c", BOT_WRAPPER]
    if profile_dir is not None:
        return [sys.executable, "-m", "cProfile", "-o", str(profile_dir / "bot.pstats"), "-m", "bot.cli.main", "run"]
    return [str(TANYABANSOS), "run"]


# ---- the fake Bot API server and its users, in a process of their own ------------------------------------------


def fake_process(conn: Connection) -> None:
    """Child process: a :class:`FakeBotAPI` and the simulated users, driven by commands over ``conn``."""
    from tests.fakebot import FakeBotAPI

    with FakeBotAPI() as fake:
        conn.send({"token": fake.token, "base_url": fake.base_url, "base_file_url": fake.base_file_url})
        while True:
            command, args = conn.recv()
            if command == "request_counts":
                conn.send(fake.request_counts)
            elif command == "warm_up":
                for i, question in enumerate(args["questions"]):
                    since = fake.mark()
                    fake.inject_message(FIRST_USER - 1 - i, question)
                    fake.wait_for(lambda c: c.method in ("sendMessage", "sendPhoto"), timeout=60, since=since)
                conn.send(True)
            elif command == "load":
                conn.send(_drive(fake, **args))
            else:
                conn.send(None)
                return


def _drive(fake: Any, plan: list[tuple[int, str]], batch: int, window: int, stall_seconds: float) -> dict[str, Any]:
    """Inject ``plan`` in batches, never more than ``window`` unanswered; wait for every reply (or a stall)."""
    first_record = len(fake.update_records)
    base = fake.replied_count
    injected = 0
    while injected < len(plan):
        limit = injected - window + batch
        fake.wait_until(lambda limit=limit: fake.replied_count - base >= limit, stall_seconds, what="replies")
        for user_id, question in plan[injected : injected + batch]:
            fake.inject_message(user_id, question)
        injected = min(len(plan), injected + batch)
    stalled = False
    try:
        fake.wait_until(lambda: fake.replied_count - base >= len(plan), timeout=stall_seconds, what="replies")
    except AssertionError:
        stalled = True
    records = [r for r in fake.update_records[first_record:] if r.kind == "message"]
    return {
        "stalled": stalled,
        "records": [(r.injected_at, r.replied_at) for r in records],
        "cpu_seconds": cpu_seconds(os.getpid()),
    }


def start_py_spy(pid: int, out: Path) -> subprocess.Popen[bytes]:
    """Sample every thread of ``pid`` (the answers run in a worker thread, which cProfile does not see) into a
    folded-stacks file, until SIGINT. Needs ``py-spy`` (``pip install py-spy``) and permission to trace."""
    out.parent.mkdir(parents=True, exist_ok=True)
    spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if spy is None:
        raise SystemExit("--py-spy needs py-spy: .venv/bin/pip install py-spy")
    command = [spy, "record", "--pid", str(pid), "--rate", "250", "--format", "raw", "--output", str(out)]
    if os.environ.get("BENCH_PY_SPY_GIL"):  # only the thread holding the GIL: shares of the Python work
        command.append("--gil")
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def valgrind_command(out: Path) -> list[str]:
    """Callgrind with instrumentation off until :func:`callgrind_control` turns it on: start-up runs ~10× slower
    instead of ~50×. Instruction counts do not depend on what else the cores are doing."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--callgrind needs valgrind (apt-get install valgrind)")
    return [valgrind, "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}.%p"]


def callgrind_control(pid: int, option: str, fake: RemoteFake, wake: list[str], out: Path | None = None) -> int | None:
    """Send ``option`` to the callgrind of ``pid``; a process blocked in a long poll reads it only once woken, so
    questions (not measured) wake it until it answers. With ``--dump``, returns the instructions counted since
    ``--instr=on``, read from the dump (``<out>.<pid>.<n>``)."""
    control = shutil.which("callgrind_control")
    if control is None:
        raise SystemExit("--callgrind needs callgrind_control (valgrind)")
    with subprocess.Popen([control, option, str(pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as ctl:
        for question in itertools.cycle(wake):
            if ctl.poll() is not None:
                break
            fake.call("warm_up", questions=[question])
            time.sleep(0.5)
    if option != "--dump" or out is None:
        return None
    dumps = sorted(out.parent.glob(f"{out.name}.{pid}.*"), key=lambda p: int(p.suffix[1:]))
    if not dumps:
        raise SystemExit(f"no callgrind dump {out}.{pid}.N")
    for line in dumps[-1].read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    return None


class RemoteFake:
    """What :class:`BotProcess` needs of a fake server, for one running in another process."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=fake_process, args=(child,), name="FakeBotAPI", daemon=True)
        self.process.start()
        info = self.conn.recv()
        self.token: str = info["token"]
        self.base_url: str = info["base_url"]
        self.base_file_url: str = info["base_file_url"]

    def call(self, command: str, **args: Any) -> Any:
        self.conn.send((command, args))
        return self.conn.recv()

    @property
    def request_counts(self) -> dict[str, int]:
        return self.call("request_counts")  # type: ignore[no-any-return]

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.process.pid or 0)

    def close(self) -> None:
        if self.process.is_alive():
            self.call("stop")
        self.process.join(15)


def run_target(
    target: str,
    questions: list[str],
    *,
    users: int,
    per_user: int,
    batch: int,
    window: int,
    workdir: Path,
    profile_dir: Path | None = None,
    fresh_db: bool = False,
    stall_seconds: float = 60.0,
    spy_dir: Path | None = None,
    callgrind_dir: Path | None = None,
) -> Result:
    fake = RemoteFake()
    try:
        if profile_dir is not None:
            profile_dir.mkdir(parents=True, exist_ok=True)
        process = BotProcess(
            fake,  # type: ignore[arg-type]
            workdir / target,
            command=command_for(target, profile_dir),
            name=target,
            throttle_messages_per_minute=10**9,
        )
        kind, extra = TARGETS[target]
        if callgrind_dir is not None:
            callgrind_dir.mkdir(parents=True, exist_ok=True)
            process.command = [*valgrind_command(callgrind_dir / f"{target}.callgrind"), *process.command]
            stall_seconds = max(stall_seconds, 600.0)
        process.env.update(extra)
        if kind == "wrapper" or profile_dir is not None:
            process.env["PYTHONPATH"] = str(ROOT) + os.pathsep + process.env.get("PYTHONPATH", "")
        if kind == "wrapper" and profile_dir is not None:
            process.env["BENCH_PROFILE_OUT"] = str(profile_dir / f"{target}.pstats")
        if kind != "echo" and not fresh_db:
            # As `make run` does: `tanyabansos db init`, then `tanyabansos run` on the seeded database.
            done = run_cli(["db", "init"], process.env, process.workdir, timeout=180)
            if done.returncode != 0:
                raise SystemExit(f"tanyabansos db init failed:\n{done.stdout}\n{done.stderr}")
        started = time.monotonic()
        process.start(timeout=900 if callgrind_dir is not None else 90)
        startup = time.monotonic() - started
        try:
            # Warm-up (not measured): the first answers load the facts snapshot and Babel's locale data.
            fake.call("warm_up", questions=questions[:10])
            if callgrind_dir is not None:
                callgrind_control(process.pid, "--instr=on", fake, questions[10:13])
            plan = [
                (FIRST_USER + user, questions[(user * per_user + round_) % len(questions)])
                for round_ in range(per_user)
                for user in range(users)
            ]
            spy = start_py_spy(process.pid, spy_dir / f"{target}.folded") if spy_dir is not None else None
            cpu_before, fake_cpu_before = cpu_seconds(process.pid), fake.cpu_seconds()
            outcome = fake.call("load", plan=plan, batch=batch, window=window, stall_seconds=stall_seconds)
            cpu = cpu_seconds(process.pid) - cpu_before
            instructions = None
            if callgrind_dir is not None:
                out = callgrind_dir / f"{target}.callgrind"
                instructions = callgrind_control(process.pid, "--dump", fake, questions[13:16], out)
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                spy.wait(30)
            fake_cpu = outcome["cpu_seconds"] - fake_cpu_before
            rss = process.rss_kib()
            if outcome["stalled"]:
                print(f"  {target}: stalled (no reply for {stall_seconds:.0f} s)", file=sys.stderr)
        finally:
            process.stop()
        for line in process.stderr().splitlines():
            if line.startswith("BENCH_GC_STATS"):  # the bot-gc-stats target: collections, CPU seconds per generation
                print(f"  {target}: garbage collections {line.split(' ', 1)[1]}", flush=True)
        if not process.alive() and process.returncode not in (0, None):
            print(f"  {target} exited with {process.returncode}:\n{process.logs(2000)}", file=sys.stderr)
    finally:
        fake.close()

    records: list[tuple[float, float | None]] = outcome["records"]
    replied = [(injected, answered) for injected, answered in records if answered is not None]
    latencies = sorted((answered - injected) * 1000 for injected, answered in replied)
    span = (max(a for _, a in replied) - min(i for i, _ in records)) if replied else float("nan")
    return Result(
        target=target,
        updates=len(records),
        answered=len(replied),
        seconds=span,
        updates_per_second=len(replied) / span if replied else 0.0,
        p50_ms=percentile(latencies, 50),
        p90_ms=percentile(latencies, 90),
        p99_ms=percentile(latencies, 99),
        max_ms=latencies[-1] if latencies else float("nan"),
        cpu_seconds=cpu,
        rss_mb=rss / 1024 if rss is not None else None,
        startup_seconds=startup,
        fake_cpu_seconds=fake_cpu,
        instructions=instructions,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=5, help="questions per user")
    parser.add_argument("--batch", type=int, default=100, help="updates injected at once")
    parser.add_argument("--window", type=int, default=200, help="most updates left unanswered at any time")
    parser.add_argument(
        "--targets",
        default="bot,echo-limiter,bot-no-limiter,echo",
        help=f"comma-separated: {', '.join(TARGETS)} (default: both pairs)",
    )
    parser.add_argument(
        "--fresh-db", action="store_true", help="let `tanyabansos run` create and seed its database (no `db init`)"
    )
    parser.add_argument(
        "--profile", type=Path, default=None, help="run the targets under cProfile, stats into this directory"
    )
    parser.add_argument(
        "--py-spy",
        type=Path,
        default=None,
        dest="py_spy",
        help="sample every thread of each target with py-spy during the load, folded stacks into this directory",
    )
    parser.add_argument(
        "--callgrind",
        type=Path,
        default=None,
        help="run the targets under valgrind's callgrind and report instructions per update (repeatable on a busy "
        "machine; ~50× slower: use --users 100)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the targets this many times, interleaved, and give each pair's median ratio (the machine's load "
        "moves single runs by ±40 %%)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    args = parser.parse_args(argv)

    questions = load_questions()
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown targets {unknown}; choose from {', '.join(TARGETS)}")
    print(
        f"{args.users} users × {args.questions} questions = {args.users * args.questions} updates per target; "
        f"batches of {args.batch}, window {args.window}; {len(questions)} corpus questions; "
        f"{os.cpu_count()} CPUs; Python {platform.python_version()}; load avg {os.getloadavg()[0]:.2f}"
    )
    results: dict[str, Result] = {}
    rounds: list[dict[str, Result]] = []
    with tempfile.TemporaryDirectory(prefix="tanyabansos-bench-") as tmp:
        for round_, target in itertools.product(range(args.repeat), targets):
            if target == targets[0]:
                rounds.append({})
                if args.repeat > 1:
                    print(f"round {round_ + 1} of {args.repeat}: load avg {os.getloadavg()[0]:.2f}", flush=True)
            result = run_target(
                target,
                questions,
                users=args.users,
                per_user=args.questions,
                batch=args.batch,
                window=args.window,
                workdir=Path(tmp),
                profile_dir=args.profile,
                spy_dir=args.py_spy,
                callgrind_dir=args.callgrind,
                fresh_db=args.fresh_db,
            )
            results[target] = rounds[-1][target] = result
            rss = f"{result.rss_mb:.0f} MB" if result.rss_mb is not None else "n/a"
            print(
                f"{target:>15}: {result.answered}/{result.updates} answered in {result.seconds:.1f} s = "
                f"{result.updates_per_second:.1f} updates/s; latency p50 {result.p50_ms:.0f} ms, "
                f"p90 {result.p90_ms:.0f} ms, p99 {result.p99_ms:.0f} ms, max {result.max_ms:.0f} ms; "
                f"CPU {result.cpu_ms_per_update:.2f} ms/update ({result.cpu_seconds / result.seconds:.0%} of a core;"
                f" the fake {result.fake_cpu_seconds / result.seconds:.0%}); RSS {rss}; "
                f"start-up {result.startup_seconds:.1f} s"
                + (
                    f"; {result.instructions_per_update / 1e6:.2f} M instructions/update" if result.instructions else ""
                ),
                flush=True,
            )
    verdicts: dict[str, object] = {}
    for pair, bot_target, echo_target in PAIRS:
        if bot_target in results and echo_target in results and results[echo_target].updates_per_second:
            bot, echo = results[bot_target], results[echo_target]
            ratio = bot.updates_per_second / echo.updates_per_second
            verdicts[f"ratio_{pair}"] = ratio
            print(
                f"{pair}: {bot_target}/{echo_target} throughput {ratio:.2f} (target ≥ {TARGET_RATIO}) → "
                f"{'PASS' if ratio >= TARGET_RATIO else 'MISS'}; CPU per update {bot.cpu_ms_per_update:.2f} vs "
                f"{echo.cpu_ms_per_update:.2f} ms"
                + (
                    f"; instructions per update {bot.instructions_per_update / 1e6:.2f} M vs "
                    f"{echo.instructions_per_update / 1e6:.2f} M "
                    f"(echo/bot {echo.instructions_per_update / bot.instructions_per_update:.2f})"
                    if bot.instructions and echo.instructions
                    else ""
                )
            )
        if args.repeat > 1 and bot_target in results and echo_target in results:
            ratios = [r[bot_target].updates_per_second / r[echo_target].updates_per_second for r in rounds]
            cpu = [r[echo_target].cpu_ms_per_update / r[bot_target].cpu_ms_per_update for r in rounds]
            verdicts[f"ratios_{pair}"] = ratios
            verdicts[f"median_ratio_{pair}"] = statistics.median(ratios)
            print(
                f"{pair}, {args.repeat} interleaved rounds: throughput bot/echo {', '.join(f'{x:.2f}' for x in ratios)}"
                f" → median {statistics.median(ratios):.2f} "
                f"({'PASS' if statistics.median(ratios) >= TARGET_RATIO else 'MISS'}); CPU per update echo/bot "
                f"{', '.join(f'{x:.2f}' for x in cpu)} → median {statistics.median(cpu):.2f}"
            )
    if "bot" in results and results["bot"].rss_mb is not None:
        rss_mb = results["bot"].rss_mb
        verdicts["bot_rss_mb"] = rss_mb
        print(
            f"bot RSS after the run: {rss_mb:.0f} MB (target ≤ {TARGET_RSS_MB:.0f} MB) → "
            f"{'PASS' if rss_mb <= TARGET_RSS_MB else 'MISS'}"
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "date": datetime.now(UTC).isoformat(timespec="seconds"),
                    "users": args.users,
                    "questions": args.questions,
                    "cpus": os.cpu_count(),
                    "results": {k: asdict(v) for k, v in results.items()},
                    "rounds": [{k: asdict(v) for k, v in r.items()} for r in rounds],
                    **verdicts,
                },
                indent=2,
            )
        )
    if args.profile:
        for stats in sorted(args.profile.glob("*.pstats")):
            print(f"profile: {stats} (python -m pstats)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
