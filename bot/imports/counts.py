"""Reading a household count as staff type it: "22.465", "22,465", "22.465,00", "2800"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PLAIN = re.compile(r"^\d+$")
_ID_GROUPED = re.compile(r"^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$")  # 22.465 or 22.465,00
_EN_GROUPED = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$")  # 22,465 or 22,465.00
_DECIMAL = re.compile(r"^(\d+)[.,](\d+)$")  # 2800,00 or 12.5


# ---- validating -----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Count:
    value: int | None
    problem: str = ""  # "", "empty", "negative", "fraction", "invalid"


def read_count(raw: str) -> Count:
    """A count as people type it: "22.465", "22,465", "22465", "22 465", "22.465,00"; else why not."""
    if raw.isascii() and raw.isdigit():  # the common case, fast: a bulk import reads millions
        return Count(int(raw))
    s = raw.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").strip()
    if not s:
        return Count(None, "empty")
    negative = s.startswith("-") or s.startswith("\u2212") or (s.startswith("(") and s.endswith(")"))
    body = s.strip("()").lstrip("+-\u2212")
    whole: str | None = None
    fraction = ""
    if _PLAIN.match(body):
        whole = body
    elif m := _ID_GROUPED.match(body):
        whole, fraction = m.group(1).replace(".", ""), m.group(2) or ""
    elif m := _EN_GROUPED.match(body):
        whole, fraction = m.group(1).replace(",", ""), m.group(2) or ""
    elif m := _DECIMAL.match(body):
        whole, fraction = m.group(1), m.group(2)
    if whole is None:
        return Count(None, "invalid")
    if fraction.strip("0"):
        return Count(None, "fraction")
    value = int(whole)
    if negative and value:
        return Count(None, "negative")
    return Count(value)


def parse_count(raw: str) -> int | None:
    """ "22.465", "22,465", "22465", "22 465" → 22465; anything else (negative, decimal, text) → None."""
    return read_count(raw).value
