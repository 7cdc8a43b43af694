"""The vocabulary the understander works with, read from ``data/lexicon.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from bot.text.normalise import tokens


@dataclass(frozen=True)
class Lexicon:
    slang: dict[str, str]
    stopwords: frozenset[str]
    generic_place_words: frozenset[str]
    intents: dict[str, tuple[tuple[str, ...], ...]]
    """Intent name (or ``personal.status_words``-style sub-name) → phrases as word tuples."""

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word the lexicon knows: such a word is never fuzzy-matched to a place name."""
        words = set(self.stopwords) | set(self.slang) | set(self.slang.values())
        for phrases in self.intents.values():
            for phrase in phrases:
                words.update(phrase)
        return frozenset(words)


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    out = []
    for item in items:
        words = tuple(tokens(item.lower()))
        if words:
            out.append(words)
    return tuple(out)


@cache
def load_lexicon(data_dir: Path) -> Lexicon:
    raw = json.loads((data_dir / "lexicon.json").read_text(encoding="utf-8"))
    intents: dict[str, tuple[tuple[str, ...], ...]] = {}
    for name, value in raw["intents"].items():
        if isinstance(value, dict):
            for sub, items in value.items():
                intents[f"{name}.{sub}"] = _phrases(items)
        else:
            intents[name] = _phrases(value)
    return Lexicon(
        slang={k.lower(): v.lower() for k, v in raw["slang"].items()},
        stopwords=frozenset(w.lower() for w in raw["stopwords"]),
        generic_place_words=frozenset(w.lower() for w in raw["generic_place_words"]),
        intents=intents,
    )
