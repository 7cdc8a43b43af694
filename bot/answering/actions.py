"""Small, validated button actions ("r:21.71:2022"): what a choice or an inline button asks for.

Telegram limits callback data to 64 bytes; every action fits, and anything that does not parse is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = {
    "r": "region",  # r:<region>[:<year>]
    "p": "program",  # p:<program or group>[:<year>]
    "x": "program_region",  # x:<program>:<region>[:<year>]
    "i": "info",  # i:<program>
    "lp": "list_programs",
    "lr": "list_regions",
    "s": "summary",  # s[:<year>]
    "g": "chart",  # g[:<program>][:<year>]
    "ask": "ask",  # ask:<short question> (only for examples)
}
_CODE = re.compile(r"^[A-Z0-9]{2,16}$")
_REGION = re.compile(r"^\d{2}(\.\d{2}){0,3}$")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Action:
    kind: str
    program: str | None = None
    region: str | None = None
    year: int | None = None
    text: str | None = None

    def encode(self) -> str:
        year = f":{self.year}" if self.year else ""
        match self.kind:
            case "r":
                out = f"r:{self.region}{year}"
            case "p":
                out = f"p:{self.program}{year}"
            case "x":
                out = f"x:{self.program}:{self.region}{year}"
            case "i":
                out = f"i:{self.program}"
            case "s":
                out = f"s{year}"
            case "g":
                out = "g" + (f":{self.program}" if self.program else "") + year
            case "ask":
                out = f"ask:{self.text}"
            case _:
                out = self.kind
        if len(out.encode()) > 64:
            raise ValueError("action longer than Telegram's 64-byte callback data")
        return out


def parse_action(data: str) -> Action | None:
    """The action a string stands for, or None when it is malformed (forged or from an old version)."""
    try:
        size = len(data.encode()) if data else 0
    except UnicodeEncodeError:  # a lone surrogate: not text Telegram could have sent back
        return None
    if not data or size > 64:
        return None
    parts = data.split(":")
    kind, args = parts[0], parts[1:]
    year: int | None = None
    if kind not in KINDS:
        return None
    if kind == "ask":
        text = data[4:]
        return Action("ask", text=text) if text.strip() else None
    if kind in ("r", "p", "s", "g") and args and _YEAR.match(args[-1]) and (kind in ("s", "g") or len(args) == 2):
        year = int(args.pop())
    if kind == "x" and len(args) == 3 and _YEAR.match(args[-1]):
        year = int(args.pop())
    match kind, args:
        case "r", [region] if _REGION.match(region):
            return Action("r", region=region, year=year)
        case "p", [program] if _CODE.match(program):
            return Action("p", program=program, year=year)
        case "x", [program, region] if _CODE.match(program) and _REGION.match(region):
            return Action("x", program=program, region=region, year=year)
        case "i", [program] if _CODE.match(program):
            return Action("i", program=program)
        case (("lp" | "lr"), []):
            return Action(kind)
        case "s", []:
            return Action("s", year=year)
        case "g", []:
            return Action("g", year=year)
        case "g", [program] if _CODE.match(program):
            return Action("g", program=program, year=year)
    return None
