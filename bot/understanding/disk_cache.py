"""One pickled value kept on disk under a name that says what it was made from (a hash of its inputs): read back
when it is there and whole, else made and stored atomically. A cache that cannot be read or written is skipped."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cached(path: Path, make: Callable[[], T], valid: Callable[[object], bool]) -> tuple[T, bool]:
    """The value at ``path`` when ``valid`` accepts it, else ``make()``, stored there; with whether it was stored (or
    read back)."""
    try:
        with path.open("rb") as fh:
            value = pickle.load(fh)
        if valid(value):
            return value, True
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        pass
    made = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as tmp:
            pickle.dump(made, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        return made, False
    return made, True
