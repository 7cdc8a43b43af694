"""Reference texts staff keep in ``data/``: ``programs.json`` (program and group names, descriptions, who is
eligible, how to apply, the general texts of the help), read once per process and shared by the facts snapshot
and the answerer. (The database seed in ``models/seed.py`` stores the names from the same file.)"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

EMPTY: dict[str, Any] = {"programs": [], "groups": [], "general": {}}


def program_texts(data_dir: Path) -> dict[str, Any]:
    """The parsed ``programs.json`` of ``data_dir`` (read again only when the file changed); treat it as read-only."""
    path = data_dir / "programs.json"
    try:
        changed = path.stat().st_mtime_ns
    except FileNotFoundError:
        return EMPTY
    return _read(path, changed)


@cache
def _read(path: Path, _changed: int) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
