"""Start-up time of the command a person runs: ``tanyabansos ask "berapa KK di Lingga?"`` from process start to exit.

Uses an already-seeded SQLite database (made once with ``tanyabansos db init`` in a temporary folder, or the file
given with ``--db``), runs the command once to warm the OS file cache, then times ``--runs`` runs (default 10) and
prints min / median / max wall-clock seconds against the 1 s target (judged on the median), with the CPU seconds
of each run and the load average, to tell a slow start-up from a busy machine.

    .venv/bin/python benchmarks/cli_startup.py
    .venv/bin/python benchmarks/cli_startup.py --runs 20 --check     # exit 1 when the median misses the target
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTION = "berapa KK di Lingga?"
EXPECTED = "7.408"
TARGET_S = 1.0


def find_executable() -> str:
    beside = Path(sys.executable).parent / "tanyabansos"
    if beside.exists():
        return str(beside)
    found = shutil.which("tanyabansos")
    if not found:
        sys.exit("tanyabansos is not installed: run `make setup` (pip install -e .)")
    return found


CPU_TIMES: list[float] = []
"""User + system CPU seconds of each run (what start-up costs when no other process competes for the cores)."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(exe: str, env: dict[str, str], cwd: Path, *args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    result = subprocess.run(
        [exe, *args], env=env, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    elapsed = time.perf_counter() - t0
    CPU_TIMES.append(_children_cpu() - cpu0)
    if result.returncode != 0:
        sys.exit(f"`tanyabansos {' '.join(args)}` failed ({result.returncode}):\n{result.stderr}")
    return elapsed, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs after one warm-up (default 10)")
    parser.add_argument("--db", type=Path, help="an existing, seeded SQLite file (default: a fresh temporary one)")
    parser.add_argument("--check", action="store_true", help="exit with status 1 when the median misses the target")
    args = parser.parse_args(argv)

    exe = find_executable()
    with tempfile.TemporaryDirectory(prefix="tanyabansos-startup-") as tmp:
        db = args.db.resolve() if args.db else Path(tmp) / "startup.sqlite3"
        env = {k: v for k, v in os.environ.items() if k not in ("PROVINCE_CODE", "DATA_DIR")}
        env["DATABASE_URL"] = f"sqlite:///{db}"
        init_s = None
        if not args.db:
            init_s, _ = run(exe, env, Path(tmp), "db", "init")
        warm_s, first = run(exe, env, Path(tmp), "ask", QUESTION)
        if EXPECTED not in first.stdout:
            sys.exit(f"unexpected answer:\n{first.stdout}")
        load_before = _load()
        CPU_TIMES.clear()
        times = [run(exe, env, Path(tmp), "ask", QUESTION)[0] for _ in range(args.runs)]
        cpu = list(CPU_TIMES)

    median = statistics.median(times)
    ok = median <= TARGET_S
    print(f"Tanya Bansos CLI start-up — {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} CPU(s), Python {platform.python_version()}")
    print(f"command: tanyabansos ask {QUESTION!r}  (seeded SQLite; {args.runs} runs after 1 warm-up)")
    if init_s is not None:
        print(f"db init (once, not counted): {init_s:.2f} s; warm-up run: {warm_s:.2f} s")
    print(f"min {min(times):.3f} s · median {median:.3f} s · max {max(times):.3f} s")
    cpu_median = statistics.median(cpu)
    print(f"CPU (user+sys) per run: min {min(cpu):.3f} s · median {cpu_median:.3f} s · max {max(cpu):.3f} s")
    print(f"load average before/after: {load_before} / {_load()}")
    print(f"target median ≤ {TARGET_S:g} s: {'PASS' if ok else 'MISS'} ({median:.3f} s)")
    return 1 if args.check and not ok else 0


def _load() -> str:
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "n/a"


if __name__ == "__main__":
    sys.exit(main())
