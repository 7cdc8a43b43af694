"""Normalising what people type: case, width, invisible characters, punctuation, slang."""

from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 500
"""Longer messages are cut before understanding (a question is never that long; the rest is noise)."""

_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)
_PERCENT = re.compile(r"%")
_NON_WORD = re.compile(r"[^0-9a-z%]+")
_DIGIT_WORD = re.compile(r"(?<=[a-z])(?=\d{4}\b)|(?<=\b\d{4})(?=[a-z])")
_POSSESSIVE = re.compile(r"\b([0-9a-z]+)['\u2019]s\b")
CONTRACTED = frozenset(
    {"it", "what", "that", "there", "here", "who", "where", "how", "why", "when", "let", "he", "she"}
)
"""Words whose "'s" is "is", "has" or "us" ("what's", "let's"): kept as typed, never read as a possessive."""


def _possessive(match: re.Match[str]) -> str:
    word = match.group(1)
    return match.group(0) if word in CONTRACTED else word


def clean(text: str) -> str:
    """NFKC, no invisible or bidi characters, lower case, ASCII-folded letters (é → e)."""
    text = unicodedata.normalize("NFKC", text[: MAX_QUESTION_CHARS * 4])
    text = _INVISIBLE.sub("", text)
    folded = unicodedata.normalize("NFKD", text.casefold())
    if folded.isascii():  # no accents to drop (most questions)
        return folded[:MAX_QUESTION_CHARS]
    return "".join(ch for ch in folded if not unicodedata.combining(ch))[:MAX_QUESTION_CHARS]


def tokens(text: str) -> list[str]:
    """Words of a cleaned text: letters and digits; "%" is its own word; "thn2022" → "thn", "2022"; an English
    possessive is the name ("Batam's", "Lingga’s" → "batam", "lingga")."""
    text = _PERCENT.sub(" % ", text)
    text = _POSSESSIVE.sub(_possessive, text)  # English possessive: "Batam's total" is Batam's, not "batams"
    text = text.replace("'", "")
    text = _NON_WORD.sub(" ", text)
    text = _DIGIT_WORD.sub(" ", text)
    return text.split()


def compress(words: list[str] | tuple[str, ...] | str) -> str:
    """The key a name is looked up by: words joined without spaces ("tanjung pinang" = "tanjungpinang")."""
    if isinstance(words, str):
        words = tokens(clean(words))
    return "".join(words)
