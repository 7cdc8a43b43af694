"""The one callback-data grammar of every button: ``<kind>[:<argument>…]``, e.g. ``r:21.71:2022``, ``lang:en``,
``imp:ok:<token>``.

A :class:`Kind` names what a button asks for; :meth:`Action.encode` writes it and :func:`parse_action` reads it
back, validating every argument. Telegram limits callback data to 64 bytes; every action fits, and anything that
does not parse (forged, empty, or from a version that no longer exists) is ``None``, which the chat answers with
"tombol tidak berlaku". The handlers map each kind to its handler in one table (``handlers/buttons.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.text.i18n import LANGUAGES

MAX_BYTES = 64


class Kind(StrEnum):
    """What a button asks for; the value is the prefix its callback data starts with."""

    REGION = "r"  # r:<region>[:<year>]
    PROGRAM = "p"  # p:<program or group>[:<year>]
    PROGRAM_REGION = "x"  # x:<program>:<region>[:<year>]
    INFO = "i"  # i:<program>
    LIST_PROGRAMS = "lp"
    LIST_REGIONS = "lr"  # lr[:<page>]
    RANKING = "rk"  # rk:<program, group or SEMUA>:<page>[:<year>] — a ranking of kab/kota, most first, one page
    RANKING_LEAST = "rl"  # rl:<program, group or SEMUA>:<page>[:<year>] — the same, fewest first
    SUMMARY = "s"  # s[:<year>]
    CHART = "g"  # g[:<program>][:<year>]
    ASK = "ask"  # ask:<short question> (examples and suggestions)
    LANGUAGE = "lang"  # lang:<id|en>
    IMPORT_APPLY = "imp:ok"  # imp:ok:<token> — "Terapkan" under an import preview
    IMPORT_CANCEL = "imp:no"  # imp:no:<token> — "Batal" under an import preview


ANSWER_KINDS = frozenset(Kind) - {Kind.LANGUAGE, Kind.IMPORT_APPLY, Kind.IMPORT_CANCEL}
"""Kinds the answerer replies to (drill-down steps, lists, charts, examples)."""

_CODE = re.compile(r"^[A-Z0-9]{2,16}$")
_REGION = re.compile(r"^\d{2}(\.\d{2}){0,3}$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{6,40}$")
_PAGE = re.compile(r"^[1-9]\d{0,2}$")
EVERY_PROGRAM = "SEMUA"
"""The subject of a ranking over every program."""


@dataclass(frozen=True, slots=True)
class Action:
    kind: Kind
    program: str | None = None
    region: str | None = None
    year: int | None = None
    text: str | None = None
    language: str | None = None
    token: str | None = None
    page: int | None = None
    """Which page of a long list or ranking (1 = the first)."""

    @classmethod
    def ask(cls, question: str) -> Action:
        """An example question as a button, shortened to fit Telegram's 64 bytes."""
        text = question
        while len(f"{Kind.ASK}:{text}".encode()) > MAX_BYTES:
            text = text[:-1]
        return cls(Kind.ASK, text=text)

    def encode(self) -> str:
        year = f":{self.year}" if self.year else ""
        match self.kind:
            case Kind.REGION:
                out = f"r:{self.region}{year}"
            case Kind.PROGRAM:
                out = f"p:{self.program}{year}"
            case Kind.PROGRAM_REGION:
                out = f"x:{self.program}:{self.region}{year}"
            case Kind.INFO:
                out = f"i:{self.program}"
            case Kind.SUMMARY:
                out = f"s{year}"
            case Kind.CHART:
                out = "g" + (f":{self.program}" if self.program else "") + year
            case Kind.ASK:
                out = f"ask:{self.text}"
            case Kind.LIST_REGIONS if self.page:
                out = f"lr:{self.page}"
            case Kind.RANKING | Kind.RANKING_LEAST:
                out = f"{self.kind}:{self.program or EVERY_PROGRAM}:{self.page or 1}{year}"
            case Kind.LANGUAGE:
                out = f"lang:{self.language}"
            case Kind.IMPORT_APPLY | Kind.IMPORT_CANCEL:
                out = f"{self.kind}:{self.token}"
            case _:
                out = str(self.kind)
        if len(out.encode()) > MAX_BYTES:
            raise ValueError("action longer than Telegram's 64-byte callback data")
        return out


def parse_action(data: str | None) -> Action | None:
    """The action a string stands for, or None when it is missing or malformed (forged or from an old version)."""
    if not data or not _encodable(data) or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    head, args = parts[0], parts[1:]
    if head == "imp" and args and args[0] in ("ok", "no"):
        head, args = f"imp:{args[0]}", args[1:]
    try:
        kind = Kind(head)
    except ValueError:
        return None
    if kind is Kind.ASK:
        text = data[len("ask:") :]
        return Action(kind, text=text) if text.strip() else None
    year: int | None = None
    trailing_year = bool(args) and _YEAR.match(args[-1]) is not None
    if trailing_year and (
        kind in (Kind.SUMMARY, Kind.CHART) or (kind in (Kind.REGION, Kind.PROGRAM) and len(args) == 2)
    ):
        year = int(args.pop())
    if kind in (Kind.PROGRAM_REGION, Kind.RANKING, Kind.RANKING_LEAST) and len(args) == 3 and _YEAR.match(args[-1]):
        year = int(args.pop())
    match kind, args:
        case Kind.REGION, [region] if _REGION.match(region):
            return Action(kind, region=region, year=year)
        case Kind.PROGRAM, [program] if _CODE.match(program):
            return Action(kind, program=program, year=year)
        case Kind.PROGRAM_REGION, [program, region] if _CODE.match(program) and _REGION.match(region):
            return Action(kind, program=program, region=region, year=year)
        case Kind.INFO, [program] if _CODE.match(program):
            return Action(kind, program=program)
        case ((Kind.LIST_PROGRAMS | Kind.LIST_REGIONS), []):
            return Action(kind)
        case Kind.LIST_REGIONS, [page] if _PAGE.match(page):
            return Action(kind, page=int(page))
        case ((Kind.RANKING | Kind.RANKING_LEAST), [subject, page]) if _CODE.match(subject) and _PAGE.match(page):
            return Action(kind, program=subject, year=year, page=int(page))
        case Kind.SUMMARY, []:
            return Action(kind, year=year)
        case Kind.CHART, []:
            return Action(kind, year=year)
        case Kind.CHART, [program] if _CODE.match(program):
            return Action(kind, program=program, year=year)
        case Kind.LANGUAGE, [language] if language in LANGUAGES:
            return Action(kind, language=language)
        case ((Kind.IMPORT_APPLY | Kind.IMPORT_CANCEL), [token]) if _TOKEN.match(token):
            return Action(kind, token=token)
    return None


def _encodable(data: str) -> bool:
    """Lone surrogates (a forged payload) cannot be UTF-8 encoded: such data is no action."""
    try:
        data.encode()
    except UnicodeEncodeError:
        return False
    return True
