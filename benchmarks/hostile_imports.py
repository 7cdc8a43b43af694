"""Hostile imports: time and peak memory to refuse (or read) each file of tests/hostile_files.py.

Each file is generated at the attack's size (the default: the sharedStrings bomb and the giant cell inflate to
1 GB, as in the attack report; the row and cell bombs as large as 5 MB allows, see ``BENCH_SCALE``), written to a
temporary folder, and read by the project's own validation step (``bot.imports.validation.parse_file``, what
``import --dry-run`` and a Telegram upload run) in a fresh process, so the peak memory (VmHWM) is that file's
alone. The process first builds the service (seeded SQLite store, answerer), whose memory is the baseline.
Target: any file ≤ 5 MB refused or accepted in ≤ 5 s and
≤ 200 MB.

    .venv/bin/python benchmarks/hostile_imports.py            # make bench-imports
    .venv/bin/python benchmarks/hostile_imports.py --scale 1  # the sizes the tests use
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_SECONDS, TARGET_MB, MAX_FILE = 5.0, 200.0, 5 * 1024 * 1024


def high_water_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent on Linux)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path: Path, database: str) -> None:
    from bot.imports.validation import parse_file
    from bot.services import Service
    from tests.conftest import make_settings

    service = Service(make_settings(database))
    parser = service.row_parser()
    baseline = high_water_mb()
    data = path.read_bytes()
    started = time.perf_counter()
    plan = parse_file(data, path.name, parser)
    seconds = time.perf_counter() - started
    peak = high_water_mb()
    first = plan.errors[0].message if plan.errors else ""
    print(json.dumps({"seconds": seconds, "baseline_mb": baseline, "peak_mb": peak, "ok": plan.ok,
                      "rows": len(plan.rows), "errors": len(plan.errors), "message": first}))  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=16.0)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.database)
        return 0
    from tests.hostile_files import ACCEPTED, BENCH_SCALE, HOSTILE

    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    database = f"sqlite:///{folder / 'store.sqlite3'}"
    from bot.services import Service
    from tests.conftest import make_settings

    Service(make_settings(database))  # seed once; each child opens the seeded store
    print(f"scale {args.scale:g}; target ≤ {TARGET_SECONDS:g} s and ≤ {TARGET_MB:g} MB per file ≤ 5 MB")
    print(f"{'file':30} {'bytes':>10} {'seconds':>8} {'base MB':>8} {'peak MB':>8}  verdict  first message")
    worst = 0
    for name, make in {**HOSTILE, **ACCEPTED}.items():
        data = make(BENCH_SCALE.get(name, 1.0) if args.scale == 16.0 else args.scale if name in HOSTILE else 1.0)
        path = folder / name
        path.write_bytes(data)
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path), "--database", database],
            capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, check=True,
        )  # fmt: skip
        r = json.loads(out.stdout.strip().splitlines()[-1])
        good = r["seconds"] <= TARGET_SECONDS and r["peak_mb"] <= TARGET_MB and len(data) <= MAX_FILE
        worst += not good
        verdict = ("accepted" if r["ok"] else "refused") + ("" if good else " MISS")
        print(f"{name:30} {len(data):>10,} {r['seconds']:>8.2f} {r['baseline_mb']:>8.0f} {r['peak_mb']:>8.0f}  "
              f"{verdict:8} {r['message'][:70]}")  # fmt: skip
        path.unlink()
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
