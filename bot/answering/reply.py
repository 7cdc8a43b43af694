"""Transport-free replies: what the bot says, rendered by ``handlers/`` for Telegram and by the CLI for a terminal."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.understanding.intents import Intent

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Choice:
    """A button: its label and the action it stands for (see :mod:`bot.answering.actions`)."""

    label: str
    action: str


@dataclass(frozen=True, slots=True)
class ChartRequest:
    """A bar chart of households per kab/kota for a year (one program, or all); with ``over_years``, the
    households of one kab/kota (``region``) or of the province, one bar per year."""

    year: int
    program: str | None = None
    region: str | None = None
    over_years: bool = False


@dataclass(slots=True)
class Reply:
    """Telegram-HTML text (every dynamic part escaped), optional choices and an optional chart."""

    html: str
    choices: list[Choice] = field(default_factory=list)
    chart: ChartRequest | None = None
    understood: bool = True
    intent: Intent | str = ""
    """What kind of answer this is (:class:`~bot.understanding.intents.Intent`; other rooms may use their own)."""
    details: Mapping[str, object] = field(default_factory=dict)

    def plain(self) -> str:
        """The same reply as plain text; the buttons as numbered choices on the last line."""
        text = html.unescape(_TAG.sub("", self.html))
        if self.choices:
            text += "\n[" + " · ".join(f"{i}) {c.label}" for i, c in enumerate(self.choices, 1)) + "]"
        return text


def esc(value: object) -> str:
    """Escape a dynamic part for Telegram HTML."""
    return html.escape(str(value), quote=False)


def bold(value: object) -> str:
    return f"<b>{esc(value)}</b>"
