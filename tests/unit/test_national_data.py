"""The synthetic figures of `make bench-national` are the same every time they are made (so runs compare), cover
every desa of the Kemendagri list × 4 programs × 12 years, and are a valid import file."""

from __future__ import annotations

from pathlib import Path

from benchmarks.national_data import HEADER, PROGRAMS, YEARS, desa_codes, write_files


def test_the_generated_files_are_deterministic_and_cover_every_desa(tmp_path: Path) -> None:
    first = write_files(tmp_path / "a", ["21"], seed=7)
    second = write_files(tmp_path / "b", ["21"], seed=7)
    other = write_files(tmp_path / "c", ["21"], seed=8)
    assert first.recent.read_bytes() == second.recent.read_bytes()
    assert first.earlier.read_bytes() == second.earlier.read_bytes()
    assert first.recent.read_bytes() != other.recent.read_bytes()
    desa = desa_codes("21")
    assert len(desa) > 400 and all(code.startswith("21.") and code.count(".") == 3 for code in desa)
    assert first.recent_rows + first.earlier_rows == len(desa) * len(PROGRAMS) * YEARS
    lines = first.recent.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(HEADER) and len(lines) == first.recent_rows + 1
    year, code, program, households = lines[1].split(",")
    assert int(year) >= 2014 and code in desa and program in PROGRAMS and int(households) >= 0
    again = write_files(tmp_path / "a", ["21"], seed=7)  # cached: the same files, not made again
    assert again == first
