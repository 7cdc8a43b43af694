"""Start-up and answer latency by scope: ``PROVINCE_CODE=21`` (Kepri alone) against ``all`` (every province).

For each scope, on a fresh store (a temporary SQLite file, or a throw-away PostgreSQL database with ``--postgres``):

* **seed**: migrations, then the reference data (Kemendagri regions of the scope in batched INSERTs, names of the
  provinces and kab/kota outside it, programs, sources, aliases), then the seed figures (``data/figures/21``);
* **facts load**: ``load_facts`` (best of 3);
* **understander build**: ``Understander(facts)``, first with no cached region-name keys (``var/cache``), then
  with them (best of 3);
* **answer latency**: the question corpus plus questions that only matter nationally ("sukamaju", "bandong",
  rankings, lists), answered ``--runs`` times after a warm-up pass: p50/p99 wall clock and thread CPU time;
* **``tanyabansos ask`` start-up**: the installed command as a subprocess on that store, median of 3;
* peak RSS of this process after each scope.

The figures are the ones that exist (Kepri's 2022 seed); ``--synthetic`` adds made-up 2022 figures for every
kab/kota outside Kepri (three programs), so that rankings and lists are as long as they get.

    .venv/bin/python benchmarks/scope_startup.py                     # scopes 21 and all on SQLite (make bench-scope)
    .venv/bin/python benchmarks/scope_startup.py --scopes 21,14 all --postgres --synthetic
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.answer_latency import load_questions, percentile  # noqa: E402

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
NATIONAL_QUESTIONS = [
    "berapa KK di sukamaju?",
    "sukamaju, luwu utara",
    "berapa KK di bandong",
    "kab/kota mana paling banyak penerima?",
    "berapa penerima PMKS?",
    "berapa KK di Kota Bandung?",
    "berapa KK di Kepri?",
    "berapa total penerima?",
    "berapa KK di tanjung?",
]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


CPU: dict[str, float] = {}
"""CPU seconds of this process for each step timed (what the step costs when other processes share the cores)."""


def timed(fn: Callable[[], object], name: str = "") -> tuple[float, object]:
    started, cpu = time.perf_counter(), time.process_time()
    out = fn()
    if name:
        CPU[name] = time.process_time() - cpu
    return time.perf_counter() - started, out


def best_of(n: int, fn: Callable[[], object], name: str = "") -> float:
    runs = [timed(fn, name)[0] for _ in range(n)]
    return min(runs)


def new_postgres() -> tuple[str, Callable[[], None]]:
    import psycopg

    name = f"tanyabansos_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"

    def drop() -> None:
        from models.db import dispose_engine

        dispose_engine(url)
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return url, drop


def add_synthetic_figures(engine) -> int:
    """Made-up 2022 figures for every kab/kota of the store outside Kepri (deterministic)."""
    from sqlmodel import Session, select

    from models.tables import Coverage, CoverageKind, Region, Source

    with Session(engine) as session:
        source = session.exec(select(Source)).first()
        assert source is not None
        kabkota = sorted(session.exec(select(Region.code).where(Region.level == 2, Region.province_code != "21")))
        rows = 0
        for n, code in enumerate(kabkota):
            for program in ("BSKK", "PMKS", "UEP"):
                households = 100 + (n * 37 + len(program) * 11) % 5000
                session.add(
                    Coverage(
                        year=2022,
                        program_code=program,
                        region_code=code,
                        households=households,
                        kind=CoverageKind.REGION,
                        source_id=source.id,
                    )
                )
                rows += 1
        session.commit()
    return rows


def bench_scope(scope: str, url: str, runs: int, synthetic: bool) -> dict[str, object]:
    from bot.config import Settings
    from bot.figures.facts import load_facts
    from bot.services import Service, import_seed_figures
    from bot.understanding import gazetteer
    from bot.understanding.understander import Understander
    from models.db import get_engine, migrate, session_scope
    from models.seed import seed_reference

    settings = Settings(_env_file=None, database_url=url, province_code=scope)  # type: ignore[call-arg, arg-type]
    engine = get_engine(url)
    out: dict[str, object] = {"scope": scope}
    out["migrate_s"], _ = timed(lambda: migrate(engine))

    def seed() -> int:
        with session_scope(engine) as session:
            return seed_reference(session, settings.data_dir, settings.province_code.spec)

    out["seed_regions_s"], out["reference_rows"] = timed(seed, "seed")
    out["seed_figures_s"], _ = timed(lambda: import_seed_figures(engine, settings), "figures")
    Service(settings)  # records the reference key, as `tanyabansos db init` does (nothing left to seed)
    if synthetic:
        out["synthetic_rows"] = add_synthetic_figures(engine)
    out["facts_s"] = best_of(3, lambda: load_facts(engine, scope, settings.data_dir), "facts")
    facts = load_facts(engine, scope, settings.data_dir)
    out["regions"] = len(facts.regions)
    out["kabkota"] = len(facts.kabkota)
    for cached in gazetteer.CACHE_DIR.glob("*.pickle") if gazetteer.CACHE_DIR.exists() else []:
        cached.unlink()
    out["understander_cold_s"], _ = timed(lambda: Understander(facts, settings.data_dir), "understander_cold")
    out["understander_s"] = best_of(3, lambda: Understander(facts, settings.data_dir), "understander")
    service = Service(settings, setup=False)
    answerer = service.answerer()
    questions = load_questions() + NATIONAL_QUESTIONS
    for q in questions:  # warm-up
        answerer.answer(q)
    wall: list[float] = []
    cpu: list[float] = []
    longest = 0
    for _ in range(runs):
        for q in questions:
            w0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            reply = answerer.answer(q)
            wall.append((time.perf_counter_ns() - w0) / 1e6)
            cpu.append((time.thread_time_ns() - c0) / 1e6)
            longest = max(longest, len(reply.html))
    wall.sort()
    cpu.sort()
    out["answers"] = len(wall)
    out["p50_ms"], out["p99_ms"] = percentile(wall, 50), percentile(wall, 99)
    out["cpu_p50_ms"], out["cpu_p99_ms"] = percentile(cpu, 50), percentile(cpu, 99)
    out["longest_reply_chars"] = longest
    out["ask_startup_s"], out["ask_cpu_s"] = ask_startup(url, scope)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def ask_startup(url: str, scope: str, runs: int = 3) -> tuple[float, float]:
    """Median wall clock and median CPU time (user + sys) of ``tanyabansos ask`` as a subprocess."""
    exe = str(Path(sys.executable).parent / "tanyabansos")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PROVINCE_CODE", "DATA_DIR")}
    env |= {"DATABASE_URL": url, "PROVINCE_CODE": scope}
    times, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([exe, "ask", "berapa KK di Lingga?"], env=env, capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scopes", nargs="+", default=["21", "all"], help="PROVINCE_CODE values (default 21 all)")
    parser.add_argument("--runs", type=int, default=5, help="passes over the questions (default 5)")
    parser.add_argument("--postgres", action="store_true", help="a throw-away PostgreSQL database, not SQLite")
    parser.add_argument("--synthetic", action="store_true", help="made-up figures for every kab/kota outside Kepri")
    args = parser.parse_args(argv)
    print(f"load average before: {os.getloadavg()[0]:.1f} (2-minute figures on a shared machine are noisy)")
    for scope in args.scopes:
        if args.postgres:
            url, drop = new_postgres()
        else:
            folder = Path(tempfile.mkdtemp(prefix="tanyabansos-scope-"))
            url, drop = f"sqlite:///{folder / 'bench.sqlite3'}", (lambda: None)
        try:
            r = bench_scope(scope, url, args.runs, args.synthetic)
        finally:
            drop()
        backend = "postgresql" if args.postgres else "sqlite"
        print(
            f"PROVINCE_CODE={scope} ({backend}): {r['regions']:,} regions in scope, {r['kabkota']} kab/kota; "
            f"seed: migrate {r['migrate_s']:.2f} s, regions and reference {r['seed_regions_s']:.2f} s "
            f"({r['reference_rows']:,} rows), figures {r['seed_figures_s']:.2f} s"
            + (f", +{r['synthetic_rows']:,} made-up figures" if "synthetic_rows" in r else "")
        )
        print(
            f"  facts load {r['facts_s']:.2f} s; understander build {r['understander_cold_s']:.2f} s cold, "
            f"{r['understander_s']:.2f} s with cached name keys; `tanyabansos ask` {r['ask_startup_s']:.2f} s"
        )
        print(
            f"  CPU seconds: seed {CPU['seed']:.2f}, figures {CPU['figures']:.2f}, facts {CPU['facts']:.2f}, "
            f"understander {CPU['understander_cold']:.2f} cold / {CPU['understander']:.2f} cached, "
            f"`tanyabansos ask` {r['ask_cpu_s']:.2f}"
        )
        print(
            f"  answers ({r['answers']:,}): p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms "
            f"(CPU p50 {r['cpu_p50_ms']:.2f} ms, p99 {r['cpu_p99_ms']:.2f} ms); longest reply "
            f"{r['longest_reply_chars']:,} chars; peak RSS {r['peak_rss_mb']:.0f} MB"
        )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
