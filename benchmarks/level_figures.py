"""Figures at every level (issue 12): what the facts snapshot costs as desa rows pile up, and how fast kecamatan,
desa and kab/kota questions are answered from the database.

Sets up a throw-away store (SQLite by default, or ``--database-url`` for PostgreSQL; the database is migrated and
seeded, then desa rows are added), writes one figure per Kepri desa/kelurahan × 4 programs × ``--years`` years
straight into ``coverage`` as a bulk import does (place columns from ``coverage_levels``) and sums them upward with
``refresh_rollups``. Then prints: the time to add and sum the rows; ``load_facts`` wall time, rows the snapshot
read (a counting cursor on SQLite) and the peak of Python allocations during the load (``tracemalloc``); and
answer latency p50/p99 for desa, kecamatan and kab/kota questions through ``Answerer.answer``.

    .venv/bin/python benchmarks/level_figures.py                    # 12 years: about 20,000 desa rows
    .venv/bin/python benchmarks/level_figures.py --years 24 --runs 50
    .venv/bin/python benchmarks/level_figures.py --database-url postgresql://postgres@127.0.0.1:5432/bench_levels
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PROGRAMS = ("BSKK", "PMKS", "UEP", "KUBE")
KEPRI = "21"


class CountingCursor(sqlite3.Cursor):
    """A SQLite cursor that counts the rows it hands out (what a query really read into Python); the store tests
    use it too."""

    fetched = 0

    def fetchone(self) -> Any:
        row = super().fetchone()
        CountingCursor.fetched += row is not None
        return row

    def fetchmany(self, size: int | None = None) -> list[Any]:
        found = super().fetchmany(size) if size is not None else super().fetchmany()
        CountingCursor.fetched += len(found)
        return found

    def fetchall(self) -> list[Any]:
        found = super().fetchall()
        CountingCursor.fetched += len(found)
        return found


class CountingConnection(sqlite3.Connection):
    def cursor(self, factory: Any = CountingCursor) -> Any:  # type: ignore[override]
        return super().cursor(factory)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1] if ordered else float("nan")


def add_desa_rows(engine: Any, years: range) -> int:
    from sqlalchemy import insert, text
    from sqlmodel import Session

    from bot.figures.rollups import refresh_rollups
    from models.tables import Coverage, coverage_levels

    with engine.connect() as conn:
        desa = [r[0] for r in conn.execute(text("SELECT code FROM region WHERE province_code = '21' AND level = 4"))]
        source = conn.execute(text("SELECT min(id) FROM source")).scalar()  # desa figures name a source, as imports do
    now = datetime.now(UTC)
    records = [
        {
            "year": y,
            "program_code": p,
            "region_code": code,
            "kind": "wilayah",
            "households": (int(code[-4:]) * 7 + y + i) % 90 + 1,
            "note": "",
            "source_id": source,
            "updated_at": now,
            **coverage_levels(code),
        }
        for y in years
        for i, p in enumerate(PROGRAMS)
        for code in desa
    ]
    with Session(engine) as session:
        for start in range(0, len(records), 5_000):
            session.connection().execute(insert(Coverage), records[start : start + 5_000])
        refresh_rollups(session, {KEPRI}, set(years), set(PROGRAMS))
        session.commit()
    return len(records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, default=12, help="years of desa figures (from 2010)")
    parser.add_argument("--runs", type=int, default=200, help="questions asked per kind")
    parser.add_argument("--database-url", default="", help="an empty database to use instead of a SQLite file")
    parser.add_argument("--explain", action="store_true", help="PostgreSQL: EXPLAIN ANALYZE one kecamatan's read")
    args = parser.parse_args()

    from sqlalchemy import create_engine, text

    from bot.config import Settings
    from bot.figures.facts import load_facts
    from bot.services import Service
    from models.db import get_engine

    folder = Path(tempfile.mkdtemp(prefix="bench-levels-"))
    url = args.database_url or f"sqlite:///{folder / 'store.sqlite3'}"
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    service = Service(settings)
    engine = get_engine(url)
    started = time.perf_counter()
    added = add_desa_rows(engine, range(2010, 2010 + args.years))
    print(f"desa rows added and summed upward: {added:,} in {time.perf_counter() - started:.2f} s ({engine.name})")

    counting = None
    if engine.name == "sqlite":
        path = folder / "store.sqlite3"
        counting = create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(path, factory=CountingConnection, check_same_thread=False)
        )
    timings = []
    peak = 0
    for _ in range(5):
        CountingCursor.fetched = 0
        tracemalloc.start()
        began = time.perf_counter()
        facts = load_facts(counting or engine, KEPRI, settings.data_dir)
        timings.append(time.perf_counter() - began)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT count(*) FROM coverage")).scalar()
    read = f", {CountingCursor.fetched:,} rows read" if counting is not None else ""
    print(
        f"load_facts: median {percentile(timings, 50) * 1000:.1f} ms over 5{read} of {stored:,} stored figures; "
        f"peak Python allocations {peak / 1e6:.1f} MB; {len(facts.cells)} kab/kota cells"
    )

    service.invalidate()
    answerer = service.answerer()
    with engine.connect() as conn:
        desa = [r[0] for r in conn.execute(text("SELECT name FROM region WHERE level = 4 AND province_code = '21'"))]
        kecamatan = [r[0] for r in conn.execute(text("SELECT name FROM region WHERE level = 3"))]
    kinds = {
        "desa": [f"berapa KK di desa {n}?" for n in desa],
        "kecamatan": [f"berapa KK di kecamatan {n}?" for n in kecamatan],
        "kab/kota": [f"berapa KK di {k.name}?" for k in facts.kabkota],
    }
    for kind, questions in kinds.items():
        for q in questions[:20]:
            answerer.answer(q)  # warm
        took = []
        for i in range(args.runs):
            q = questions[i % len(questions)]
            began_ns = time.perf_counter_ns()
            answerer.answer(q)
            took.append((time.perf_counter_ns() - began_ns) / 1e6)
        print(f"answers, {kind}: p50 {percentile(took, 50):.2f} ms, p99 {percentile(took, 99):.2f} ms ({args.runs})")
    read_levels(engine, args.runs, explain=args.explain)
    return 0


def read_levels(engine: Any, runs: int, *, explain: bool = False) -> None:
    """The store's part of a desa or kecamatan answer alone: ``LevelReader.region`` (one statement), latest year
    and a year asked; with ``explain`` (PostgreSQL), the plan of one kecamatan's statement."""
    from sqlalchemy import text

    from bot.figures.levels import LevelReader

    reader = LevelReader(engine)
    with engine.connect() as conn:
        codes = {
            level: [
                r[0] for r in conn.execute(text(f"SELECT code FROM region WHERE level = {level} AND code LIKE '21.%'"))
            ]
            for level in (3, 4)
        }
    for level, name in ((4, "desa"), (3, "kecamatan")):
        for year in (None, 2020):
            for code in codes[level][:20]:
                reader.region(code, year)  # warm
            took = []
            for i in range(runs):
                began_ns = time.perf_counter_ns()
                reader.region(codes[level][i % len(codes[level])], year)
                took.append((time.perf_counter_ns() - began_ns) / 1e6)
            print(
                f"LevelReader.region, {name}, {'latest year' if year is None else f'year {year}'}: "
                f"p50 {percentile(took, 50):.2f} ms, p99 {percentile(took, 99):.2f} ms ({runs})"
            )
    if explain and engine.name == "postgresql":
        statement = LevelReader.KECAMATAN_LATEST.bindparams(r=codes[3][0], k="wilayah", level=3)
        compiled = statement.compile(engine, compile_kwargs={"literal_binds": True})
        with engine.connect() as conn:
            plan = conn.execute(text(f"EXPLAIN (ANALYZE, BUFFERS) {compiled}")).scalars()
            print("\n".join(plan))


if __name__ == "__main__":
    raise SystemExit(main())
