"""Answer latency: how long understanding + answering one question takes, in one warm process.

Loads the question corpus (tests/corpus/questions.tsv, plus tests/corpus/heldout.tsv when present), builds the
service once (the database from the settings, or a throw-away SQLite file with ``--temp``), warms up with one pass,
then answers the whole corpus ``--runs`` times, timing each ``Answerer.answer(question)`` with
``time.perf_counter_ns`` (wall clock; the targets are judged on it). Prints count, p50, p90, p99 and max in
milliseconds, the same percentiles in CPU time of the thread (``time.thread_time_ns``: what the answer costs when
other processes compete for the cores), the load average, the peak RSS of the process, and whether the targets
(p50 ≤ 1 ms, p99 ≤ 5 ms) are met.

    .venv/bin/python benchmarks/answer_latency.py            # the database in DATABASE_URL / .env (make bench)
    .venv/bin/python benchmarks/answer_latency.py --temp     # a fresh SQLite file, set up and seeded first
    .venv/bin/python benchmarks/answer_latency.py --runs 5 --slowest 10 --check   # exit 1 on a missed target
"""

from __future__ import annotations

import argparse
import csv
import math
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (ROOT / "tests" / "corpus" / "questions.tsv", ROOT / "tests" / "corpus" / "heldout.tsv")
TARGET_P50_MS = 1.0
TARGET_P99_MS = 5.0


def load_questions(paths: tuple[Path, ...] = CORPORA) -> list[str]:
    questions: list[str] = []
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            questions += [row["question"] for row in csv.DictReader(fh, delimiter="\t") if row.get("question")]
    return questions


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(pct / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def build_service(temp_dir: Path | None):
    from bot.config import Settings, get_settings
    from bot.services import Service

    if temp_dir is None:
        return Service(get_settings())
    settings = Settings(_env_file=None, database_url=f"sqlite:///{temp_dir / 'bench.sqlite3'}")  # type: ignore[call-arg]
    return Service(settings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="passes over the corpus (default 20)")
    parser.add_argument("--temp", action="store_true", help="use a fresh temporary SQLite database")
    parser.add_argument("--slowest", type=int, default=5, help="list this many slowest questions (default 5)")
    parser.add_argument("--check", action="store_true", help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)

    questions = load_questions()
    if not questions:
        print("no questions found in tests/corpus/", file=sys.stderr)
        return 2

    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="tanyabansos-bench-") as tmp:
        started = time.perf_counter()
        service = build_service(Path(tmp) if args.temp else None)
        answerer = service.answerer()
        setup_s = time.perf_counter() - started

        for q in questions:  # warm-up: caches, Babel locale data, rapidfuzz, lazy imports
            answerer.answer(q)

        samples: list[tuple[int, str]] = []
        cpu_ns: list[int] = []
        clock, cpu_clock = time.perf_counter_ns, time.thread_time_ns
        for _ in range(args.runs):
            for q in questions:
                c0 = cpu_clock()
                t0 = clock()
                answerer.answer(q)
                t1 = clock()
                cpu_ns.append(cpu_clock() - c0)
                samples.append((t1 - t0, q))
        database = service.settings.database_url.split("@")[-1]

    ms = sorted(ns / 1e6 for ns, _q in samples)
    p50, p90, p99, worst = percentile(ms, 50), percentile(ms, 90), percentile(ms, 99), ms[-1]
    ok50, ok99 = p50 <= TARGET_P50_MS, p99 <= TARGET_P99_MS

    print(f"Tanya Bansos answer latency — {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"machine: {platform.machine()}, {_cpus()} CPU(s), Python {platform.python_version()}, {platform.system()}")
    print(f"database: {database}  (service set up and facts loaded in {setup_s:.2f} s)")
    print(f"corpus: {len(questions)} questions × {args.runs} runs = {len(ms)} answers (after 1 warm-up pass)")
    mean = sum(ms) / len(ms)
    print(f"p50 {p50:.3f} ms · p90 {p90:.3f} ms · p99 {p99:.3f} ms · max {worst:.3f} ms · mean {mean:.3f} ms")
    cpu = sorted(ns / 1e6 for ns in cpu_ns)
    print(
        f"CPU time of this thread (not counting time other processes took the core): p50 {percentile(cpu, 50):.3f} ms"
        f" · p99 {percentile(cpu, 99):.3f} ms · max {cpu[-1]:.3f} ms"
    )
    print(f"load average before/after: {load_before} / {_load()}")
    print(f"peak RSS: {peak_rss_mb():.1f} MB")
    print(f"target p50 ≤ {TARGET_P50_MS:g} ms: {'PASS' if ok50 else 'MISS'} ({p50:.3f} ms)")
    print(f"target p99 ≤ {TARGET_P99_MS:g} ms: {'PASS' if ok99 else 'MISS'} ({p99:.3f} ms)")
    if args.slowest > 0:
        per_question: dict[str, list[int]] = {}
        for ns, q in samples:
            per_question.setdefault(q, []).append(ns)
        medians = sorted(((sorted(v)[len(v) // 2] / 1e6, q) for q, v in per_question.items()), reverse=True)
        print("slowest questions (median over runs):")
        for value, q in medians[: args.slowest]:
            print(f"  {value:7.3f} ms  {q}")
    return 1 if args.check and not (ok50 and ok99) else 0


def _load() -> str:
    import os

    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "n/a"


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


if __name__ == "__main__":
    sys.exit(main())
