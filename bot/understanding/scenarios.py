"""What-ifs and arithmetic with a number the user typed: "kalau PMKS Batam naik 10%, jadi berapa?", "misal PMKS
Anambas dua kali lipat, masih terendah?", "andai Anambas dapat sama dengan Natuna, total jadi berapa?", "kalau tiap KK
UEP dapat 5 juta, total anggarannya?", "kalau target 60 ribu KK, kurang berapa?", "UEP Batam sudah lebih dari 200?".

:func:`read` turns the words of a question (already read for places and programs) into a :class:`Scenario`: one
change to one 2022 figure (a percentage, a factor, a number of KK added, a value set, or the figure of another
kab/kota), or an amount of rupiah per KK, or a number to compare with, and what is asked of the result (the changed
figure, the total, who is lowest or highest, how far from the number, whether above it). A what-if it cannot compute
safely (no amount, two changes, a change of what the figures do not count) is a :class:`Scenario` with ``declined``
set: it is said plainly, never answered with another computation over the real figures.

The words come from ``data/lexicon.json`` → ``scenarios``; the structure (a number and the word before or after it,
which kab/kota stands before and which after "sama dengan") is read here. It never raises on any text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from bot.understanding.lexicon import Lexicon, canonical_words, find, first_words, positions

if TYPE_CHECKING:
    from bot.understanding.intents import Understanding

Phrases = tuple[tuple[str, ...], ...]

CHANGE_KINDS = ("percent", "factor", "add", "set", "equal", "move", "merge")
ASKS = ("value", "total", "least", "most", "gap", "above", "below", "money", "percent", "share", "groups", "per_group")

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<rp>rp\.?\s?)?(?P<n>\d+(?:[.,]\d+)*)\s?(?P<unit>%|[a-z]+)?",
    re.IGNORECASE,
)
COUNTED_NOUNS = frozenset(
    {"kab", "kabupaten", "kota", "daerah", "wilayah", "program", "kecamatan", "desa", "regencies", "programs"}
    | {"tahun", "thn", "th", "bulan", "bln", "hari", "minggu", "anak", "orang", "jiwa", "kelompok", "years", "people"}
)
"""Words after a number that count places, programs, years of age or persons, not households or rupiah."""
GROUP_NOUNS = frozenset(
    {"kabupaten", "kota", "kab", "daerah", "wilayah", "program", "kecamatan", "desa", "regency", "regencies", "city"}
    | {"cities", "programs", "region", "regions"}
)
"""Words that, when they name no place, ask which kab/kota or programs ("berapa kab/kota yang lebih dari 5000")."""
HOUSEHOLD_WORDS = frozenset({"kk", "keluarga", "penerima", "kpm", "households", "household", "families", "family"})
"""Words after a number that make it a count of households ("2000 households" is no year)."""
SUM_WORDS = frozenset({("tambah",), ("plus",), ("dikurangi",), ("dikurang",), ("kurangi",), ("minus",)})
"""Words of adding up or taking away named figures ("UEP + KUBE kalau dijumlah"): no change by themselves."""
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
MAX_AMOUNT = 10**15
"""Numbers beyond this are no amount anyone plans with (and keep the arithmetic finite)."""


@dataclass(frozen=True, slots=True)
class Number:
    """A number as typed: its value (units applied), whether it is a percentage or rupiah, and where it stands in
    the text (a fraction of the way through, to relate it to the words around it)."""

    value: float
    percent: bool = False
    money: bool = False
    kk: bool = False
    """Followed by "KK": a count of households."""
    at: int = 0
    """The character offset in the (lower-cased) text."""
    end: int = 0
    """The character offset right after the number and the unit read with it ("20 ribu", "10%")."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """One what-if or typed-number question, as read. ``change`` is one of :data:`CHANGE_KINDS` or None (no change:
    a rupiah amount per KK, a number compared, or the size of a group: ``ask == "groups"`` with ``typed`` the KK per
    group, ``ask == "per_group"`` with ``typed`` the number of groups); ``ask`` one of :data:`ASKS`. For ``move``,
    ``other`` gives and ``target`` receives: ``typed`` KK when a number is said, else ``amount``, the share of the
    giver's figure (1: all of it)."""

    change: str | None = None
    amount: float = 0.0
    """The percentage (signed), the factor, the KK added (signed) or the value set."""
    target: str | None = None
    """The kab/kota whose figure changes (None: the province's, or the program's total)."""
    other: str | None = None
    """For ``equal``: the kab/kota whose figure the target gets."""
    ask: str = "value"
    typed: float | None = None
    """A number compared with the figure ("target 60 ribu", "lebih dari 200")."""
    money: float | None = None
    """Rupiah per KK."""
    declined: str = ""
    """Why it cannot be computed ("" when it can): ``unreadable``, ``two_changes``, ``personal``."""
    targets: tuple[str, ...] = ()
    """Several kab/kota that each get the same change ("Natuna dan Anambas masing-masing dapat 500"); ``target`` is
    then the first of them. Empty for one place or none."""
    whole: bool = False
    """The total asked is of every program ("total keseluruhan jadi berapa"), not only of the program changed."""
    every: str = ""
    """The change is said of each kab/kota ("tiap kab/kota dapat tambahan 100 KK"): ``all``, or ``kabupaten`` or
    ``kota`` for each of that kind ("setiap kabupaten"); the answer applies it to each."""
    every_count: int | None = None
    """With ``every``, the number of places said ("6 kab/kota yg tercatat masing2 ditambah 50"): the answer checks
    it against the places it changes, never changes another number of them."""
    members: bool = False
    """For ``ask == "groups"``: the group size (``typed``) was said in persons ("10 orang"), read as that many KK."""
    was: float | None = None
    """The figure as the asker said it is before the change ("1000 bukan 580", "naik 10% dari 580 jadi berapa": 580),
    when said: checked against the data's."""
    programs_moved: tuple[str, ...] = ()
    """For ``move`` between two programs ("kalau PMKS Karimun dipindah semua ke BSKK"): the program codes (giving,
    receiving), within ``target`` (None: the province's totals); empty for a move between kab/kota."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    conditional: Phrases = ()
    increase: Phrases = ()
    decrease: Phrases = ()
    more: Phrases = ()
    factor: Phrases = ()
    factor_words: Mapping[tuple[str, ...], float] | None = None
    divide: Phrases = ()
    equal: Phrases = ()
    set: Phrases = ()
    result: Phrases = ()
    per_unit: Phrases = ()
    money: Phrases = ()
    gap: Phrases = ()
    above: Phrases = ()
    below: Phrases = ()
    total: Phrases = ()
    whole: Phrases = ()
    each: Phrases = ()
    personal: Phrases = ()
    numbers: Mapping[str, float] | None = None
    multipliers: Mapping[str, float] | None = None
    percent: frozenset[str] = frozenset()
    least: Phrases = ()
    most: Phrases = ()
    move: Phrases = ()
    move_to: Phrases = ()
    move_from: Phrases = ()
    move_fate: Phrases = ()
    move_outcome: Phrases = ()
    merge: Phrases = ()
    count_asked: Phrases = ()
    every_place: Phrases = ()
    groups: frozenset[str] = frozenset()
    group_members: frozenset[str] = frozenset()
    replaced: Phrases = ()
    replaced_by: Phrases = ()
    replaced_from: Phrases = ()
    with_figure: Phrases = ()
    """Said of every kab/kota ("yang dapat UEP", "yang tercatat", "yang ada datanya"): only those with a figure."""
    words_of: Callable[[str], list[str]] | None = None
    """How the understander reads a stretch of text into words (slang reduced), to read the words around a number."""


@cache
def _raw(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("scenarios", {}) if isinstance(data, dict) else {}


def load_vocabulary(data_dir: Path, lexicon: Lexicon) -> Vocabulary:
    """The scenario words of ``data/lexicon.json``, as the understander reads words (slang reduced)."""
    raw = _raw(data_dir / "lexicon.json")

    def phrases(name: str) -> Phrases:
        out = []
        for item in raw.get(name, ()):
            words = tuple(canonical_words(str(item), lexicon)) or tuple(str(item).lower().split())
            if words and words not in out:
                out.append(words)
        return tuple(out)

    factor_words: dict[tuple[str, ...], float] = {}
    for item, value in raw.get("factor_words", {}).items():
        words = tuple(canonical_words(item, lexicon)) or (item,)
        factor_words[words] = float(value)
    return Vocabulary(
        conditional=phrases("conditional"),
        increase=phrases("increase"),
        decrease=phrases("decrease"),
        more=phrases("more"),
        factor=phrases("factor"),
        factor_words=factor_words,
        divide=phrases("divide"),
        equal=phrases("equal"),
        set=phrases("set"),
        result=phrases("result"),
        per_unit=phrases("per_unit"),
        money=phrases("money"),
        gap=phrases("gap"),
        above=phrases("above"),
        below=phrases("below"),
        total=phrases("total"),
        whole=phrases("whole"),
        each=phrases("each"),
        personal=phrases("personal"),
        numbers={k.lower(): float(v) for k, v in raw.get("numbers", {}).items()},
        multipliers={k.lower(): float(v) for k, v in raw.get("multipliers", {}).items()},
        percent=frozenset(str(w).lower() for w in raw.get("percent", ())),
        least=lexicon.intents.get("rank_least", ()),
        most=lexicon.intents.get("rank_most", ()),
        move=phrases("move"),
        move_to=phrases("move_to"),
        move_from=phrases("move_from"),
        move_fate=phrases("move_fate"),
        move_outcome=phrases("move_outcome"),
        merge=phrases("merge"),
        count_asked=phrases("count_asked"),
        every_place=phrases("every_place"),
        groups=frozenset(w for p in phrases("groups") for w in p),
        group_members=frozenset(w for p in phrases("group_members") for w in p),
        replaced=phrases("replaced"),
        replaced_by=phrases("replaced_by"),
        replaced_from=phrases("replaced_from"),
        with_figure=phrases("with_figure"),
        words_of=lambda text: canonical_words(text, lexicon),
    )


# ---- numbers ----------------------------------------------------------------------------------------------------
def _value(digits: str) -> float | None:
    """ "1.000" and "1,000" → 1000; "2,5" and "1.5" → 2.5; "1.234,5" → 1234.5."""
    if "." in digits and "," in digits:
        whole, _sep, frac = digits.replace(".", "").partition(",")
        text = f"{whole}.{frac}" if digits.rfind(",") > digits.rfind(".") else digits.replace(",", "")
    elif "." in digits or "," in digits:
        sep = "." if "." in digits else ","
        groups = digits.split(sep)
        thousands = len(groups) > 2 or (len(groups) == 2 and len(groups[1]) == 3)
        text = "".join(groups) if thousands and all(len(g) == 3 for g in groups[1:]) else ".".join(groups[:2])
    else:
        text = digits
    try:
        return float(text)
    except ValueError:
        return None


def numbers(text: str, vocab: Vocabulary, years: Sequence[int] = ()) -> list[Number]:
    """Every number typed, with its unit applied ("60 ribu" → 60000, "5jt" → 5000000, "10%" a percentage, "Rp5.000"
    rupiah); years named ("dari 2022") and numbers of a name ("7 kab/kota" is kept: the caller decides) left out."""
    low = text.lower()
    out = []
    multipliers = vocab.multipliers or {}
    money_units = {"juta", "jt", "miliar", "milyar", "million", "billion", "m"}
    known_words = vocab.percent | set(multipliers) | {"kk", "rupiah", "idr"}
    setting = {p[0] for p in (*vocab.set, *vocab.result) if len(p) == 1}
    what_if = _has(low.replace(",", " ").split(), vocab.conditional)

    def known_unit(m: re.Match[str]) -> bool:
        return bool(m.group("unit")) and m.group("unit").lower() in known_words

    for m in _NUMBER.finditer(low):
        value = _value(m.group("n"))
        if value is None:
            continue
        unit = (m.group("unit") or "").lower()
        known = unit in vocab.percent or unit in multipliers or unit in {"kk", "rupiah", "idr"}
        if unit and not known:
            if low[m.end("n") : m.start("unit")].strip() == "" and m.start("unit") == m.end("n"):
                continue  # "5km", "2x": a number of something else
            unit = ""  # "200 belum": the next word is no unit
        end = m.end("unit") if known_unit(m) else m.end("n")
        after = low[end:].split()
        after_word = after[0].strip(".,?!") if after else ""
        percent = unit in vocab.percent or (not unit and after_word in vocab.percent)
        money = bool(m.group("rp")) or unit in money_units or (not unit and after_word in {"rupiah", "idr"})
        if unit in multipliers:
            value *= multipliers[unit]
        elif not unit and after_word in multipliers and after_word not in {"m", "k"}:
            value *= multipliers[after_word]
            money = money or after_word in money_units
            end = low.index(after[0], end) + len(after[0])
            after = after[1:]
            after_word = after[0].strip(".,?!") if after else ""
        year_like = bool(not percent and not money and not unit and _YEAR.match(m.group("n")))
        year_like = year_like and after_word not in HOUSEHOLD_WORDS  # "2000 households" is no year
        said_year = low[max(0, m.start() - 7) : m.start()].strip().endswith(("tahun", "thn"))
        before = low[: m.start()].split()
        set_to = what_if and year_like and bool(before) and before[-1].strip(".,?!") in setting
        if year_like and not set_to and (int(m.group("n")) in years or said_year):
            continue  # "kurang berapa dari 2022", "tahun 2022": a year, not an amount
        if value > MAX_AMOUNT:
            continue
        if after_word.split("/")[0] in COUNTED_NOUNS and not (percent or money):  # "naik 10% tahun depan": a rise
            continue  # "gabungan 6 kab/kota lainnya", "7 program": how many places or programs, no amount
        kk = unit == "kk" or after_word in HOUSEHOLD_WORDS or set_to  # "misal PMKS Anambas jadi 2000": a figure set
        out.append(Number(value, percent, money, kk, m.start(), end))
    return out


def word_numbers(words: list[str], vocab: Vocabulary) -> list[tuple[int, float]]:
    """Numbers written as words ("dua kali lipat"): (position, value)."""
    table = vocab.numbers or {}
    return [(i, table[w]) for i, w in enumerate(words) if w in table]


# ---- reading ----------------------------------------------------------------------------------------------------
def _at(words: list[str], phrases: Phrases) -> list[int]:
    if first_words(phrases).isdisjoint(words):
        return []
    present = set(words)
    return sorted({i for p in phrases if p and p[0] in present for i in _all(words, p)})


def _all(words: list[str], phrase: tuple[str, ...]) -> list[int]:
    n = len(phrase)
    if not n or phrase[0] not in words:
        return []
    return [i for i in positions(words, phrase[0]) if tuple(words[i : i + n]) == phrase]


def _has(words: list[str], phrases: Phrases) -> bool:
    if first_words(phrases).isdisjoint(words):
        return False  # most questions hold none of a list's first words: no phrase is tried
    present = set(words)
    return any(p and p[0] in present and find(words, p) >= 0 for p in phrases)


DIVIDED_INTO = frozenset(
    {"kab/kota", "kabupaten", "kota", "daerah", "wilayah", "kab", "kelompok", "bagian", "orang", "kk", "program"}
)
"""Words after "dibagi 7" that say what a figure is shared over (an average or groups), not a factor."""


def _divided(words: list[str], vocab: Vocabulary) -> float | None:
    """ "kalau penerima batam dibagi 2": a factor of 1/2; never "dibagi 7 kab/kota" nor "dibagi 5 kelompok"."""
    for phrase in vocab.divide:
        for i in _all(words, phrase):
            end = i + len(phrase)
            n = words[end] if end < len(words) else ""
            value = (vocab.numbers or {}).get(n) or (_value(n) if n.isdigit() else None)
            counted = end + 1 < len(words) and words[end + 1] in DIVIDED_INTO
            if value and value > 1 and not counted:
                return 1 / value
    return None


def _factor(words: list[str], vocab: Vocabulary, typed: list[Number]) -> float | None:
    """ "dua kali lipat", "3x lipat", "digandakan", "separuh": the factor a figure is multiplied by."""
    factor_words = vocab.factor_words or {}
    if not first_words(tuple(factor_words)).isdisjoint(words):
        for phrase, value in factor_words.items():
            if find(words, phrase) >= 0:
                return value
    divided = _divided(words, vocab)
    if divided is not None:
        return divided
    for i in _at(words, vocab.factor):
        bare = words[i] in ("kali", "times") and not (i + 1 < len(words) and words[i + 1] == "lipat")
        if bare and not any(words[j] in ("jadi", "menjadi", "naik") for j in range(max(0, i - 3), i)):
            continue  # "berapa kali": a ratio asked, not a factor given
        before = words[i - 1] if i > 0 else ""
        after = words[i + 1] if i + 1 < len(words) and words[i] in ("lipat", "dikali", "dikalikan") else ""
        for w in (before, after):
            if w in (vocab.numbers or {}):
                return (vocab.numbers or {})[w]
            digits = w.rstrip("x")
            found = _value(digits) if digits and digits.replace(",", "").replace(".", "").isdigit() else None
            if found:
                return found
    return None


def _before_number(words: list[str], phrases: Phrases, within: int = 2) -> bool:
    """Whether one of the phrases stands right before a number (up to ``within`` words between)."""
    for phrase in phrases:
        for i in _all(words, phrase):
            end = i + len(phrase)
            if any(w[:1].isdigit() for w in words[end : end + within + 1]):
                return True
    return False


def _number_first(words: list[str], phrases: Phrases, regions: list) -> bool:
    """Every number stands before the first of the phrases, none after it, and a place is named after it: the place
    is what is taken from the number ("58.849 dikurangi punya Batam"), not "2.465 KK PMKS Batam dipotong"."""
    at = _at(words, phrases)
    digits = [i for i, w in enumerate(words) if w[:1].isdigit()]
    return (
        bool(at and digits) and all(i < at[0] for i in digits) and any(getattr(r, "start", -1) > at[0] for r in regions)
    )


def _said_of_place(words: list[str], regions: list, taken: Set[int]) -> bool:
    """The number comes right after the one place named, with only words of places and programs between ("UEP
    Natuna 20 KK", "Natuna UEP 20 KK"): the place's figure said, not a change said with a word not understood
    ("PMKS Batam dipangkas 2.465 KK")."""
    start = getattr(regions[0], "start", -1)
    at = next((i for i, w in enumerate(words) if i > start and w[:1].isdigit()), -1)
    return start >= 0 and at > start and all(i in taken for i in range(start, at))


CLAIM_WORDS = frozenset({"apakah", "benarkah", "betulkah", "benar", "bener", "betul", "sebenarnya", "emang", "memang"})
"""Words asking whether a change said is true: a claim about the data, not a change the asker makes."""
OVER_TIME_WORDS = frozenset({"tahun", "thn", "tiap", "setiap", "per", "bulan", "year", "years", "yearly", "annually"})
"""Words of time or of a repeated change ("naik 5% tiap tahun"): a projection, never one change said outright."""


def _stated_change(words: list[str], vocab: Vocabulary) -> bool:
    """ "UEP Lingga naik jd 50, total UEP brp", "PMKS Batam turun 1000 jadinya berapa": a word of rising or falling
    right before a number (a 'result' word may stand between: "naik jadi 50"), and "berapa" asked after that number:
    the change is the asker's, a what-if, not a claim about the data ("PMKS Batam naik 10%?") nor a trend asked."""
    from bot.understanding.intents import HEARSAY_WORDS

    if not (HEARSAY_WORDS | CLAIM_WORDS | OVER_TIME_WORDS).isdisjoint(words):
        return False  # "katanya UEP naik jadi 600, bener gak?", "naik 5% tiap tahun, brp 2025": not the asker's
    steps = tuple(p for p in (*vocab.increase, *vocab.decrease) if p not in SUM_WORDS)
    results = {p[0] for p in vocab.result if len(p) == 1}
    for phrase in steps:
        for i in _all(words, phrase):
            at = i + len(phrase)
            at += at < len(words) and words[at] in results
            if at < len(words) and words[at][:1].isdigit() and any(w in ("berapa", "how") for w in words[at + 1 :]):
                return True
    return False


def _more_after_number(words: list[str]) -> bool:
    """Whether "lagi" (more) follows a number, with at most the unit and the program between ("40 KK lagi", "40 lagi",
    "1000 KK PMKS lagi"), or stands right before it ("dapat lagi 40")."""
    return any(
        w[:1].isdigit() and ("lagi" in words[i + 1 : i + 4] or (i > 0 and words[i - 1] == "lagi"))
        for i, w in enumerate(words)
    )


def _strong_changes(vocab: Vocabulary) -> Phrases:
    """The phrases of a rise, a fall or more that are no word of a sum."""
    return tuple(p for p in (*vocab.increase, *vocab.more, *vocab.decrease) if p not in SUM_WORDS)


def _asked_gap(vocab: Vocabulary) -> Phrases:
    """The gap phrases that ask for a difference by themselves ("kurang berapa", "lagi biar"), not "KK lagi", which
    after "dapat 40" says 40 more."""
    return tuple(p for p in vocab.gap if p != ("kk", "lagi"))


def _masked(words: list[str], phrases: Phrases) -> list[str]:
    """The words with every occurrence of the phrases blanked out."""
    out = list(words)
    if first_words(phrases).isdisjoint(words):
        return out
    present = set(words)
    for phrase in (p for p in phrases if p and p[0] in present):
        for i in _all(words, phrase):
            out[i : i + len(phrase)] = [""] * len(phrase)
    return out


def _regions_around(u_regions: Sequence, at: int) -> tuple[list, list]:
    before = [r for r in u_regions if r.start < at]
    after = [r for r in u_regions if r.start > at]
    return before, after


def _ends_with(words: list[str], phrases: Phrases) -> bool:
    return any(p and tuple(words[-len(p) :]) == p for p in phrases)


def _starts_with(words: list[str], phrases: Phrases) -> bool:
    return any(p and tuple(words[: len(p)]) == p for p in phrases)


def _replaced(text: str, counts: list[Number], vocab: Vocabulary) -> list[Number]:
    """ "misal BSKK Karimun 1000 bukan 580", "kalau 580 diganti 1000", "andai BSKK Karimun dari 580 jadi 1000": the
    numbers said to be replaced — right after a 'replaced' word, before a 'replaced_by' word that a number follows, or
    after a 'replaced_from' word with a result word ("jadi", "ke") right after them: the figure as the asker knows it,
    not a second change."""
    if vocab.words_of is None:
        return []
    low = text.lower()
    result = {p for p in (*vocab.result, *vocab.move_to) if len(p) == 1}
    out = []
    for n in counts:
        before, after = vocab.words_of(low[: n.at])[-3:], vocab.words_of(low[n.end :])
        # "580 diganti 1000", "580 BSKK Karimun diganti 1000": a number after the 'replaced_by' word replaces it
        by = [i + len(p) for p in vocab.replaced_by for i in _all(after, p)]
        if (
            _ends_with(before, vocab.replaced)
            or any(after[i : i + 1] and after[i][:1].isdigit() for i in by)
            or (_ends_with(before, vocab.replaced_from) and _starts_with(after, tuple(result)))
        ):
            out.append(n)
    return out


def read(
    words: list[str],
    text: str,
    regions: Sequence,
    vocab: Vocabulary,
    *,
    hypothetical: bool = False,
    years: Sequence[int] = (),
    about_figures: bool = True,
    asks_which: bool = False,
    own: bool = False,
    taken: Set[int] = frozenset(),
) -> Scenario | None:
    """The what-if or typed-number question in the words, or None when there is none. ``regions`` are the place
    matches (``.code``, ``.start`` in the words); ``hypothetical``: the question holds a what-if word of the lexicon
    ("seandainya", "andai"); ``asks_which``: it asks which kab/kota or program ("mana yang lebih dari 5000"), a
    filter, not one figure compared with a number; ``own``: the asker speaks of themselves ("kalau saya pindah dari
    Lingga ke Batam"), so a move is theirs, not a figure's; ``taken``: the positions of the words read as a year,
    program or place."""
    try:
        return _read(
            words, text, list(regions), vocab, hypothetical, years, about_figures, asks_which, own=own, taken=taken
        )
    except (ValueError, ArithmeticError, IndexError, KeyError, TypeError):  # pragma: no cover - a safety net
        return Scenario(declined="unreadable") if hypothetical else None


def _read(
    words: list[str],
    text: str,
    regions: list,
    vocab: Vocabulary,
    hypothetical: bool,
    years: Sequence[int],
    about_figures: bool,
    asks_which: bool,
    several: bool = False,
    own: bool = False,
    taken: Set[int] = frozenset(),
) -> Scenario | None:
    """``several``: the change is said of each of several places, read here as said of the first."""
    if not words:
        return None
    conditional = hypothetical or _has(words, vocab.conditional)
    if conditional and _has(words, vocab.personal):
        return Scenario(declined="personal")  # "kalau saya daftar sekarang pasti dapat?": no figure says that
    if not about_figures:
        return None
    typed = numbers(text, vocab, years)
    # "UEP lingga naik jd 50, total UEP brp": a change said outright, then a number asked of it, is a what-if
    conditional = conditional or _stated_change(words, vocab)
    groups = _group_size(words, vocab, conditional)
    if groups is not None and not groups.declined and len({r.code for r in regions}) > 1:
        return Scenario(declined="unreadable")  # a group size over several places: which figure is divided
    if groups is not None:
        # "kalo KUBE 1 kelompok isinya 10 KK, ada brp kelompok": the figure divided by the size said
        return replace(groups, target=regions[0].code) if regions and not groups.declined else groups
    if not several and (conditional or _move_told(words, typed, vocab)):
        # "kalau saya pindah dari Lingga ke Batam" is the asker moving house; "if I move 100 KK from Batam to Lingga"
        # moves an amount of a figure
        mine = own and not _amount_moved(typed, words, vocab)
        moved = None if mine else _move(words, regions, typed, vocab)
        if moved is not None:
            return moved  # "kalau BSKK Lingga dipindah ke Natuna": one place gives, the other receives
    if conditional and not several:
        alike = _every_equal(words, regions, vocab)
        if alike is not None:
            return alike  # "andai semua kab/kota dapat UEP sama kayak Tanjungpinang": each set to that one's
        merged = _merge(words, regions, vocab, hypothetical)
        if merged is not None:
            return merged  # "seandainya PMKS Natuna & Anambas digabung jadi satu, masih paling kecil?"
    # "andai Natuna dan Anambas masing-masing dapat 500": the one change read as said of the first place, then
    # applied to each place named
    each = not several and len(regions) >= 2 and _has(words, vocab.each) and not any(n.money for n in typed)
    if each:
        found = _read(words, text, regions[:1], vocab, hypothetical, years, about_figures, asks_which, several=True)
        return _each(found, regions, conditional)
    every = "" if several or regions else _each_place(words, vocab) or _every_given(words, vocab)
    if every:
        # "misal tiap kab/kota dapat tambahan 100 KK": 100 to each kab/kota, never 100 to the total
        found = _read(words, text, regions, vocab, hypothetical, years, about_figures, asks_which, several=True)
        if found is None or found.declined or found.change is None:
            return found
        if found.change == "equal" or found.ask not in ("value", "total"):
            return Scenario(declined="unreadable")
        return replace(found, every=every, ask="total", every_count=_places_counted(words))
    percents = [n for n in typed if n.percent]
    counts = [n for n in typed if not n.percent and not n.money]
    # "misal BSKK Karimun 1000 bukan 580": 580 is the figure as the asker knows it, 1000 the value set
    replaced = _replaced(text, counts, vocab) if conditional else []
    counts = [n for n in counts if n not in replaced]
    # "if every UEP family in Batam got Rp5 juta": a program or place named between "every" and the household
    per_unit = _has(words, vocab.per_unit) or _has([w for i, w in enumerate(words) if i not in taken], vocab.per_unit)
    if several and per_unit:  # several places each getting a number: KK each place, not rupiah per KK
        per_unit = _has(words, tuple(p for p in vocab.per_unit if not HOUSEHOLD_WORDS.isdisjoint(p)))
    # "kurang berapa", "lebih dari": words of a comparison are no change ("kurang" is no decrease there)
    plain = _masked(words, (*vocab.gap, *vocab.above, *vocab.below))
    # "dapat tambahan 1000 KK", "extra 500": more given is an increase
    up, down = _has(plain, vocab.increase) or _has(plain, vocab.more), _has(plain, vocab.decrease)
    # more given to each of the places named ("6 kab/kota … masing2 dapat tambahan 50") adds KK to each, never rupiah
    # per KK ("tiap KK dapat tambahan 500 ribu" still is)
    to_places = up and not GROUP_NOUNS.isdisjoint(words)
    money = [n for n in typed if n.money] or ([n for n in counts if not n.kk] if per_unit and not to_places else [])
    factor = _factor(words, vocab, typed)
    equal_at = _at(words, vocab.equal)
    result = _has(words, vocab.result)
    target = regions[0].code if len(regions) == 1 else None
    least, most = _has(words, vocab.least), _has(words, vocab.most)
    ask_rank = "least" if least and not most else "most" if most and not least else None
    whole = _has(words, vocab.whole)  # "total keseluruhan jadi berapa": every program added up
    total_asked = _has(words, vocab.total) or whole
    gap = _has(words, vocab.gap)

    # a rupiah amount per KK: "kalau tiap KK dapat 5 juta, total anggarannya berapa"
    if per_unit and money and len(regions) <= 1:
        if len(money) > 1 or percents or factor:
            return Scenario(declined="two_changes")
        return Scenario(money=money[0].value, target=target, ask="money")

    changes: list[tuple[str, float]] = []
    if percents and (up or down):
        if len(percents) > 1 or (up and down):
            return Scenario(declined="two_changes") if conditional else None
        changes.append(("percent", percents[0].value * (1 if up else -1)))
    if factor is not None:
        changes.append(("factor", factor))
    other = None
    if equal_at and len(regions) == 2:
        before, after = _regions_around(regions, equal_at[0])
        if len(before) == 1 and len(after) == 1 and (conditional or gap):
            target, other = before[0].code, after[0].code
            changes.append(("equal", 0.0))
    change_counts = [n for n in counts if not _YEAR.match(str(int(n.value))) or n.kk]
    compared = gap or _has(words, vocab.above) or _has(words, vocab.below)
    adds = not percents and factor is None and not other and change_counts and (up or down) and len(regions) <= 2
    if adds and _before_number(words, vocab.result, within=0):
        adds = False  # "kalau total jadi 70 ribu, naik berapa persen": the figure set, not 70 ribu added
    if adds and down and not up and _number_first(words, vocab.decrease, regions):
        adds = False  # "58.849 dikurangi punya Batam, sisanya": the number is what is taken from, not the amount
    if adds and (not compared or conditional):
        if len(change_counts) > 1 or (up and down) or (len(regions) == 2 and not compared):
            return Scenario(declined="two_changes") if conditional else None
        changes.append(("add", change_counts[0].value * (1 if up else -1)))
    sets = not changes and len(regions) <= 1 and len(change_counts) == 1 and (_has(words, vocab.set) or replaced)
    if not changes and conditional and len(regions) == 1 and len(change_counts) == 1 and change_counts[0].kk:
        # "kalau UEP Natuna 20 KK, berapa total UEP": a place's figure said as a number of KK, its result asked, is
        # that figure set, unless the asker only recalls the data ("kalau tidak salah UEP Natuna 20 KK")
        sets = sets or (
            (total_asked or result) and "salah" not in words and not compared and _said_of_place(words, regions, taken)
        )
    # "andai Natuna dapat UEP 40 lagi": a number given "lagi" (more) is a number of KK given, like "40 KK"
    more_after = _more_after_number(words)
    said = bool(change_counts) and (
        change_counts[0].kk or _before_number(words, vocab.set, within=0) or replaced or more_after
    )
    if sets and conditional and said and more_after and not _has(words, _asked_gap(vocab)):
        changes.append(("add", change_counts[0].value))  # "andai Natuna dapat UEP 40 KK lagi": 40 more, no target
    elif sets and conditional and not compared and said:
        changes.append(("set", change_counts[0].value))  # "andaikan Anambas dapat UEP 10 KK"

    if changes:
        if not (conditional or result or ask_rank):
            return None  # "PMKS Batam naik 10%?": a claim about the data, not a what-if
        if len(changes) > 1 or len(replaced) > 1:
            return Scenario(declined="two_changes")
        kind, amount = changes[0]
        above, below = _has(words, vocab.above), _has(words, vocab.below)
        if kind != "equal" and len(regions) == 2 and above != below:
            # "andai Natuna dilipatgandakan, masih di bawah Bintan?": the changed figure against the other's
            return Scenario(
                change=kind,
                amount=amount,
                target=regions[0].code,
                other=regions[1].code,
                ask="above" if above else "below",
            )
        if kind != "equal" and len(regions) == 2 and ask_rank:
            # "kalau Batam dapat setengah, Bintan jadi terbanyak?": the first changes, the second is asked about
            return Scenario(change=kind, amount=amount, target=regions[0].code, other=regions[1].code, ask=ask_rank)
        if kind != "equal" and len(regions) > 1:
            return Scenario(declined="unreadable")  # "Batam dan Bintan naik 10%": which one changes
        spare = [n for n in change_counts if kind != "add" and kind != "set"]
        if kind != "equal" and above != below and len(spare) == 1:
            # "what if UEP doubled, would it be more than 1000?": the changed figure against the number typed
            return Scenario(
                change=kind, amount=amount, target=target, typed=spare[0].value, ask="above" if above else "below"
            )
        if kind == "factor" and amount <= 0:
            return Scenario(declined="unreadable")
        ask = ask_rank or ("gap" if kind == "equal" and gap else "total" if total_asked and target else "value")
        percent_words = sum(w in vocab.percent for w in words)
        if ask == "value" and kind in ("set", "add") and percent_words:
            ask = "percent"  # "berapa persen kenaikan kalau PMKS jadi 50 ribu"
        elif ask in ("value", "total") and target and percent_words > (kind == "percent"):
            ask = "share"  # "kalau PMKS Batam naik 10%, berapa persen dari total?"
        was = replaced[0].value if replaced else None
        return Scenario(
            change=kind, amount=amount, target=target, other=other, ask=ask, whole=whole and ask == "total", was=was
        )

    # a number compared with a figure: "kalau target 60 ribu KK, kurang berapa", "UEP Batam lebih dari 200 belum?"
    compare = [n for n in counts if not n.money]
    if compare and len(regions) <= 1 and not percents and not asks_which:
        above, below = _has(words, vocab.above), _has(words, vocab.below)
        target_word = _has(words, (("target",), ("targetnya",), ("ditargetkan",)))
        # "lebih dari 200", "tembus 8 ribu": above or below the number right after the words, not "lebih banyak dari
        # gabungan …" with a number elsewhere
        above = above and _before_number(words, vocab.above)
        below = below and _before_number(words, vocab.below)
        if len(compare) == 1 and (gap or above or below):
            asks_number = "berapa" in words or "how" in words
            ask = "gap" if gap or asks_number or target_word else "above" if above else "below"
            return Scenario(typed=compare[0].value, target=target, ask=ask)

    if conditional and (_has(plain, _strong_changes(vocab)) or factor is not None) and (result or hypothetical):
        return Scenario(declined="unreadable")  # "kalau PMKS Batam naik, jadi berapa?": by how much is not said
    if hypothetical and (up or down or factor is not None or equal_at or result):
        return Scenario(declined="unreadable")
    return None


KINDS = {"kabupaten": "kabupaten", "kab": "kabupaten", "regency": "kabupaten", "regencies": "kabupaten"} | {
    "kota": "kota",
    "city": "kota",
    "cities": "kota",
}
"""Words of places of one kind: "setiap kabupaten" is each kabupaten, not each kab/kota."""


def _each_place(words: list[str], vocab: Vocabulary, each: Phrases | None = None) -> str:
    """ "tiap kab/kota", "masing-masing kabupaten", "each regency": a word of each (``each``, else the lexicon's)
    right before a word of places; the kind of place said (``all`` when both kinds or none, "kab/kota", "daerah")."""
    for p in vocab.each if each is None else each:
        for i in _all(words, p):
            after = words[i + len(p) : i + len(p) + 2]
            if after and after[0] in GROUP_NOUNS:
                return _kind_of(after)
    return ""


def _kind_of(nouns: list[str]) -> str:
    """The kind of place the words of places say ("kabupaten", "kota"), ``all`` when both kinds or none."""
    kinds = {KINDS.get(w) for w in nouns if w in GROUP_NOUNS}
    return kinds.pop() or "all" if len(kinds) == 1 else "all"


def _nouns_end(words: list[str], start: int) -> int:
    """Where the run of words of places from ``start`` ends ("kab/kota yg …": after "kota")."""
    end = start
    while end < len(words) and words[end] in GROUP_NOUNS:
        end += 1
    return end


def _counts_of_places(words: list[str]) -> Iterator[int]:
    """Where a run of words of places starts right after a number ("6 kab/kota", "5 kabupaten")."""
    for i in range(1, len(words)):
        if words[i] in GROUP_NOUNS and words[i - 1].isdigit() and (i < 2 or words[i - 2] not in GROUP_NOUNS):
            yield i


def _every_given(words: list[str], vocab: Vocabulary) -> str:
    """ "kalo semua kab/kota dapat tambahan BSKK 100", "seluruh kabupaten ditambah 50 lagi": a word of all places
    (not after a word of a total: "total semua kab/kota naik 100" is the total's change) whose places are then given
    something (a 'set', 'increase' or 'more' word within the next three words): each of them gets it."""
    given = (*vocab.set, *vocab.increase, *vocab.more)
    totals = {p[-1] for p in vocab.total if len(p) == 1} - {"semua"}
    for p in vocab.every_place:
        for i in _all(words, p):
            if i and words[i - 1] in totals:
                continue
            end = _nouns_end(words, i + len(p))
            if end > i + len(p) and any(_all(words[end : end + 4], g) for g in given if len(g) == 1):
                return _each_place(words[i:], vocab, (p,))
    # "UEP di 6 kab/kota yg tercatat masing2 ditambah 50", "6 kab/kota yg punya UEP masing2 dapat tambahan 50": a
    # number of places, then a word of each within the next four words, then a word of giving within three more: each
    # of those places gets it
    each = {p[0] for p in vocab.each if len(p) == 1}
    for i in _counts_of_places(words):
        end = _nouns_end(words, i)
        at = next((j for j in range(end, min(end + 4, len(words))) if words[j] in each), None)
        if at is not None and any(_all(words[at + 1 : at + 4], g) for g in given if len(g) == 1):
            return _kind_of(words[i:end])
    return ""


def _places_counted(words: list[str]) -> int | None:
    """The number said right before a word of places ("6 kab/kota", "5 kabupaten"), else None."""
    return next((int(words[i - 1]) for i in _counts_of_places(words)), None)


_GROUP_SIZE_MARKS = frozenset({"per", "tiap", "setiap", "isi", "isinya", "beranggota", "anggotanya", "each", "every"})
"""Words before a number that make it the size of one group ("per kelompok 5 KK", "isinya 10 KK")."""
_ONE = frozenset({"1", "satu", "one", "a"})


def _number_word(word: str) -> float | None:
    """A number typed as digits ("10", "1.000"), else None."""
    if not word[:1].isdigit() or not word.replace(".", "").replace(",", "").isdigit():
        return None
    value = _value(word)
    return value if value and value <= MAX_AMOUNT else None


def _group_size(words: list[str], vocab: Vocabulary, conditional: bool = False) -> Scenario | None:
    """ "kalo KUBE 1 kelompok isinya 10 KK, berarti ada brp kelompok", "misal per kelompok 5 KK, KUBE ada berapa
    kelompok", "kalau 1 KUBE = 12 KK jadi brp kelompok": a count of groups asked, with the size of one group said (a
    number of KK, or of members, next to a group word, "per", "tiap", "isi" or "1 …"). The other way round, in a
    what-if: "kalau KUBE ada 6 kelompok, 1 kelompok isinya berapa KK", the number of groups said and the KK of one
    asked. The figures count KK, not groups: the answer is the figure divided, a calculation under that assumption."""
    if not vocab.groups or vocab.groups.isdisjoint(words):
        return None
    # "ada brp kelompok", "how many groups", "berapa banyak kelompok": a count asked right before a group word
    ends = {i + len(p) for p in vocab.count_asked for i in _all(words, p)}
    asked = {i for i, w in enumerate(words) if w in vocab.groups and (i in ends or i - 1 in ends)}
    if not asked:
        return _per_group(words, vocab, ends) if conditional else None
    sizes: set[float] = set()
    members = False
    for j, w in enumerate(words):
        value = _number_word(w)
        if value is None:
            continue
        unit = words[j + 1] if j + 1 < len(words) else ""
        before = words[max(0, j - 2) : j]
        marked = any(b in vocab.groups or b in _GROUP_SIZE_MARKS for b in before) or (j >= 2 and words[j - 2] in _ONE)
        # "10 KK per kelompok", not "… 60 KK jadi berapa kelompok" (the group word asked)
        later = range(j + 2, min(j + 5, len(words)))
        marked = marked or any(words[k] in vocab.groups and k not in asked for k in later)
        if unit in HOUSEHOLD_WORDS or unit in vocab.group_members:
            if marked:
                sizes.add(value)
                members = members or unit in vocab.group_members
        elif value != 1 and j and (words[j - 1] in vocab.groups or words[j - 1] in _GROUP_SIZE_MARKS):
            sizes.add(value)  # "per kelompok 5, ada berapa kelompok": the size without its unit
    if len(sizes) != 1:
        return Scenario(declined="unreadable") if len(sizes) > 1 else None
    return Scenario(ask="groups", typed=sizes.pop(), members=members)


def _per_group(words: list[str], vocab: Vocabulary, ends: set[int]) -> Scenario | None:
    """ "kalau KUBE ada 6 kelompok, 1 kelompok isinya berapa KK", "misal KUBE dibagi jadi 5 kelompok, per kelompok
    brp KK": a number of groups said (a number right before a group word) and the KK (or members) of one asked."""
    units = HOUSEHOLD_WORDS | vocab.group_members
    if not any(i < len(words) and words[i] in units for i in ends):
        return None  # no "berapa KK", "berapa orang"
    if not any(w in vocab.groups and words[i - 1] in _GROUP_SIZE_MARKS | _ONE for i, w in enumerate(words) if i):
        return None  # of one group: "per kelompok", "1 kelompok", "tiap kelompok"
    counts = {
        value
        for j, w in enumerate(words[:-1])
        if (value := _number_word(w)) is not None and value > 1 and words[j + 1] in vocab.groups
    }
    if len(counts) != 1:
        return Scenario(declined="unreadable") if counts else None
    return Scenario(ask="per_group", typed=counts.pop())


def _move(words: list[str], regions: list, typed: list[Number], vocab: Vocabulary) -> Scenario | None:
    """ "kalau BSKK Lingga dipindah semua ke Natuna", "andai UEP Batam dialihkan ke Bintan", "misal 500 KK PMKS
    dipindah dari Batam ke Anambas": two kab/kota and a word of moving; the one after "ke" receives, the other
    gives (all of its figure, or the number or percentage said)."""
    if not _has(words, vocab.move):
        return None
    if _fate_asked(words, typed, vocab) and "berapa" not in words and not _has(words, vocab.result):
        return None  # "kalau penerima PMKS dipindah ke Bintan, bantuannya ikut?": what becomes of the aid
    codes = list(dict.fromkeys(r.code for r in regions))
    if len(codes) != 2:
        return None
    to_words = {p[0] for p in vocab.move_to if len(p) == 1}
    from_words = {p[0] for p in vocab.move_from if len(p) == 1}
    marked = {r.code for r in regions if any(w in to_words for w in words[max(0, r.start - 2) : r.start])}
    # "move 100 KK from Batam to Lingga" ("to" is not kept): the place after "from" gives, the other receives
    starts = {r.start for r in regions}
    giving = {
        r.code
        for r in regions
        if (r.start >= 1 and words[r.start - 1] in from_words)
        or (r.start >= 2 and words[r.start - 2] in from_words and r.start - 1 not in starts)
    }
    if len(marked) == 1 and marked != giving:
        target = marked.pop()
        other = next(c for c in codes if c != target)
    elif not marked and len(giving) == 1:
        other = giving.pop()
        target = next(c for c in codes if c != other)
    else:
        at = _at(words, vocab.move)[0]
        before, after = _regions_around(regions, at)
        if len({r.code for r in before}) != 1 or len({r.code for r in after}) != 1:
            return Scenario(declined="unreadable")
        other, target = before[0].code, after[0].code
    moved = _moved_amount(words, typed, vocab)
    if isinstance(moved, Scenario):
        return moved
    share, count = moved
    totals = tuple(p for p in vocab.total if p not in (("semua",), ("all",)))  # "dipindah semua": all of it
    return Scenario(
        change="move",
        amount=share,
        typed=count,
        target=target,
        other=other,
        ask="total" if _has(words, totals) else "value",
        whole=_has(words, vocab.whole),
    )


def _amount_moved(typed: list[Number], words: list[str], vocab: Vocabulary) -> bool:
    """Whether a number of KK, a percentage or a fraction word is said: an amount of a figure is moved ("pindahkan
    100 KK", "shift 50 UEP", "separuh"), which no one moving house says."""
    fraction = any(v < 1 and find(words, p) >= 0 for p, v in (vocab.factor_words or {}).items())
    return fraction or any(not n.money and (n.kk or not _YEAR.match(str(int(n.value)))) for n in typed)


def _move_told(words: list[str], typed: list[Number], vocab: Vocabulary) -> bool:
    """A move said with no word of "if": told as an order ("pindahkan 100 KK UEP dari Batam ke Lingga", "shift 50 UEP
    from Batam to Natuna": the message starts with a word of moving), or an amount moved that is no claim heard
    ("100 KK UEP dipindah dari Batam ke Lingga, jadi brp"). A what-if all the same, labelled as a calculation."""
    from bot.understanding.intents import HEARSAY_WORDS

    at = _at(words, vocab.move)
    if not at:
        return False
    if at[0] == 0:
        return True
    return _amount_moved(typed, words, vocab) and (HEARSAY_WORDS | CLAIM_WORDS).isdisjoint(words)


def _fate_asked(words: list[str], typed: list[Number], vocab: Vocabulary) -> bool:
    """Whether a 'move_fate' word asks what becomes of the aid ("bantuannya ikut?", "masih dapat?"): a word of the
    outcome only ("gimana", "what happens") asks that only when no amount is moved; with one ("kalau 100 KK UEP
    dipindah dari Batam ke Lingga gimana") it asks what the move does to the figures."""
    fates = [p for p in vocab.move_fate if find(words, p) >= 0]
    if not fates:
        return False
    outcome = {w for p in vocab.move_outcome for w in p}
    return not (all(set(p) <= outcome for p in fates) and _amount_moved(typed, words, vocab))


def _moved_amount(words: list[str], typed: list[Number], vocab: Vocabulary) -> Scenario | tuple[float, float | None]:
    """What a move takes: the share of the figure (a percentage or a fraction word said, else all of it) and the
    number of KK said, if one was; or the what-if declined when more than one amount, or money, or an amount that
    cannot be, is said."""
    percents = [n for n in typed if n.percent]
    counts = [n for n in typed if not n.percent and not n.money]
    factor = next((v for p, v in (vocab.factor_words or {}).items() if v < 1 and find(words, p) >= 0), None)
    if len(percents) + len(counts) + (factor is not None) > 1 or any(n.money for n in typed):
        return Scenario(declined="two_changes")
    share = percents[0].value / 100 if percents else factor if factor is not None else 1.0
    if share <= 0 or share > 1 or (counts and counts[0].value <= 0):
        return Scenario(declined="unreadable")
    return share, counts[0].value if counts else None


def _program_move(
    words: list[str], program_at: Sequence[tuple[int, int, str]], regions: list, typed: list[Number], vocab: Vocabulary
) -> Scenario | None:
    """ "jika PMKS Karimun dipindah semua ke BSKK, BSKK kepri jadi brp", "andai UEP dialihkan ke KUBE": two programs
    and a word of moving, within one kab/kota (or the province); the program after "ke" receives, the other gives
    (all of its figure there, or the number or percentage said). Both programs change; the total of every program
    stays."""
    if not _has(words, vocab.move):
        return None
    codes = list(dict.fromkeys(code for _i, _j, code in program_at))
    if len(codes) != 2:
        return None
    to_words = {p[0] for p in vocab.move_to if len(p) == 1}
    if len({r.code for r in regions}) > 1:
        # "andai PMKS Batam dipindah ke UEP Bintan": a program and a place both change, not computed; "kalau PMKS dan
        # UEP Batam dipindah ke Bintan" moves both programs between the places (read by :func:`_move`)
        to_program = any(i > 0 and words[i - 1] in to_words for i, _j, _c in program_at)
        return Scenario(declined="two_changes") if to_program else None
    asked = not {"berapa", "banyak"}.isdisjoint(words) or _has(words, vocab.result)  # "how much": "bagaimana banyak"
    if _fate_asked(words, typed, vocab) and not asked:
        return None  # "kalau dipindah dari PMKS ke BSKK, bantuannya ikut?": what becomes of the aid
    marked = {code for i, _j, code in program_at if any(w in to_words for w in words[max(0, i - 2) : i])}
    if not marked:  # "were moved BSKK" ("to" is not kept): the program right after the word of moving receives
        at = _at(words, vocab.move)[0]
        after = [code for i, _j, code in program_at if i > at]
        before = {code for i, _j, code in program_at if i < at}
        marked = {after[0]} if after and before and after[0] not in before else set()
    if not marked:  # "shift 200 KK from PMKS to BSKK": the program right after "from" gives, the other receives
        from_words = {p[0] for p in vocab.move_from if len(p) == 1}
        giving = {code for i, _j, code in program_at if i > 0 and words[i - 1] in from_words}
        marked = set(codes) - giving if len(giving) == 1 else set()
    if len(marked) != 1:
        return Scenario(declined="unreadable")
    receiver = marked.pop()
    giver = next(c for c in codes if c != receiver)
    moved = _moved_amount(words, typed, vocab)
    if isinstance(moved, Scenario):
        return moved
    share, count = moved
    return Scenario(
        change="move",
        amount=share,
        typed=count,
        target=regions[0].code if regions else None,
        programs_moved=(giver, receiver),
        ask="value",
    )


def _merge(words: list[str], regions: list, vocab: Vocabulary, hypothetical: bool) -> Scenario | None:
    """ "seandainya PMKS Natuna & Anambas digabung jadi satu, masih paling kecil?", "andai Batam dan Bintan dilebur,
    jadi berapa": two kab/kota or more taken as one place (a 'merge' word) — their figures added — and where it would
    stand among the others (the least or the most asked), or, after a plain what-if word, its figure (a number asked;
    "kalau Natuna dan Anambas digabung jadi berapa" is the sum of the arithmetic)."""
    if not _has(words, vocab.merge):
        return None
    codes = tuple(dict.fromkeys(r.code for r in regions))
    if len(codes) < 2:
        return None
    least, most = _has(words, vocab.least), _has(words, vocab.most)
    if least != most:
        return Scenario(change="merge", target=codes[0], targets=codes, ask="least" if least else "most")
    if not least and hypothetical and ("berapa" in words or "how" in words):
        return Scenario(change="merge", target=codes[0], targets=codes, ask="value")
    return None


def _every_equal(words: list[str], regions: list, vocab: Vocabulary) -> Scenario | None:
    """ "andai semua 7 kab/kota dapat UEP sama kayak Tanjungpinang, totalnya berapa", "kalau tiap daerah dapat PMKS
    sebanyak Lingga": every kab/kota (of the kind said) given the figure of the one named after the word of
    equality; the total asked."""
    equal_at = _at(words, vocab.equal)
    codes = {r.code for r in regions}
    if not equal_at or len(codes) != 1 or regions[0].start < equal_at[0]:
        return None
    every = _each_place(words, vocab, vocab.every_place)
    if not every:
        return None
    return Scenario(change="equal", other=regions[0].code, every=every, ask="total", whole=_has(words, vocab.whole))


def _each(found: Scenario | None, regions: list, conditional: bool) -> Scenario | None:
    """The change read of the first place, applied to each place named: its figure or the total asked after it. What
    else would be asked of several changed places (a rank, a comparison, a share) is declined, not half answered."""
    if found is None or found.declined or found.change is None:
        return found if found is None or found.declined else None
    if found.change == "equal" or found.ask not in ("value", "total"):
        return Scenario(declined="unreadable")
    codes = tuple(dict.fromkeys(r.code for r in regions))
    return replace(found, target=codes[0], targets=codes, other=None)


# ---- the hook ---------------------------------------------------------------------------------------------------
FIGURE_WORDS = frozenset(
    {"kk", "penerima", "bansos", "total", "jumlah", "anggaran", "anggarannya", "target", "household"}
)
"""Words that make a question without a place or program about the figures ("kalau target 60 ribu KK …")."""
WHICH = frozenset({"mana", "which", "siapa", "who", "daftar", "list"})
"""Words that ask which kab/kota or programs: a filter ("mana yang lebih dari 5000"), not one figure compared."""
KEPT_INTENTS = frozenset({"outside", "national", "out_of_scope", "not_person", "same_name", "about_bot"})
"""Intents a what-if reading never replaces (a place elsewhere, a national program, a topic not covered)."""


PURPOSE_WORDS = frozenset({"biar", "supaya", "agar"})
"""Conditional words that may only say what something is for ("bagaimana caranya supaya kami bisa dapat")."""
_CLAUSES = re.compile(r"[.!?\n]+")


def _heard_for_a_purpose(text: str, words: list[str], vocab: Vocabulary) -> bool:
    """A story that tells a figure heard ("saya dengar dari berita Dinsos Kepri bagi bantuan ke 58 ribu KK") and asks
    how to get aid with a word of purpose ("bagaimana caranya supaya keluarga kami bisa dapat"): every number typed
    stands after a word of hearsay in its sentence, and the only conditional words are of purpose. The number is
    what was heard, never a figure set in a what-if."""
    from bot.understanding.intents import HEARSAY_WORDS

    if PURPOSE_WORDS.isdisjoint(words):
        return False  # most questions: no word of purpose, nothing more to read
    said = {w for p in vocab.conditional for w in p if len(p) == 1} & set(words)
    if not said or not said <= PURPOSE_WORDS:
        return False
    with_numbers = [c for c in _CLAUSES.split(text) if re.search(r"\d", c)]
    if not with_numbers:
        return False
    for clause in with_numbers:
        head = clause[: re.search(r"\d", clause).start()].lower()  # type: ignore[union-attr]
        if HEARSAY_WORDS.isdisjoint(re.findall(r"[a-z]+", head)):
            return False
    return True


def apply(u: Understanding, text: str, hits: set[str], vocab: Vocabulary, data_years: Sequence[int] = ()) -> None:
    """Read the what-if or typed-number question in ``u`` and, when there is one, make it the intent: the scenario
    computed (or declined plainly). Years said relative to today ("tahun depan") are the what-if's, not a year asked
    of the data."""
    from bot.understanding.intents import FIGURE_INTENTS, Intent

    if str(u.intent) in KEPT_INTENTS or u.outside or u.national or u.topic:
        return
    # "kalau penerima Batam dibagi 2, masih terbanyak?": a named place's figure halved; "kalau 58.849 dibagi 7" averages
    halved = bool(u.regions) and _has(u.words, vocab.conditional) and _divided(u.words, vocab) is not None
    if ("arith.average" in hits and not halved) or u.excluded or u.excluded_programs or u.signs:
        return  # "kalau KUBE dibagi rata", "kalau Batam gak dihitung": computed by the arithmetic already
    if any(len(a.candidates) > 1 and a.text not in ("kabupaten", "kota", "daerah", "wilayah") for a in u.ambiguous):
        return
    typed = numbers(text, vocab)
    if _heard_for_a_purpose(text, u.words, vocab):
        return  # "saya dengar dinsos bagi bantuan ke 58 ribu KK. bagaimana supaya kami bisa dapat": no what-if
    if "about.unit" in hits and not _has(u.words, vocab.conditional) and not any(n.money for n in typed):
        return  # "angka 58.849 itu per orang atau per KK": the unit of a figure asked, no rupiah per person
    about = bool(u.regions or u.programs or u.group or u.province or u.named_province) or not FIGURE_WORDS.isdisjoint(
        u.words
    )
    about = about or u.intent in FIGURE_INTENTS  # "seandainya tahun 2023 naik 5%": read as a figures question
    taken = set(u.taken)
    moved = None
    said = "arith.hypothetical" in hits or _has(u.words, vocab.conditional) or _move_told(u.words, typed, vocab)
    if said and ("personal.first_person" not in hits or _amount_moved(typed, u.words, vocab)):
        named = [p for p in u.program_at if p[2] in u.programs]  # programs, not a group's name
        moved = _program_move(u.words, named, sorted(u.regions, key=lambda r: r.start), typed, vocab)
    found = moved or read(
        u.words,
        text,
        sorted(u.regions, key=lambda r: r.start),
        vocab,
        own="personal.first_person" in hits,
        taken=taken,
        hypothetical="arith.hypothetical" in hits,
        years=[*u.years, *data_years],
        about_figures=about,
        asks_which=not WHICH.isdisjoint(u.words)
        or "per.region" in hits
        or "per.program" in hits
        or any(w in GROUP_NOUNS and i not in taken for i, w in enumerate(u.words)),
    )
    if found is None or (u.asks_why and not found.declined):
        return  # "kenapa Batam lebih dari 20 ribu?": a reason asked, not a comparison
    doubled = found.change == "factor" and set(u.not_held) <= {"overlap"}  # "misal UEP Batam dobel": ×2, no overlap
    # "bisa dobel kalau 1 KK dapat 2 bantuan?": a count of programs one KK gets is the overlap asked, not a factor
    doubled = doubled and not ("overlap" in u.not_held and _programs_counted(u.words))
    # "kalo tahun depan naik 10% dari total 2022": a change said outright is computed, labelled as no projection
    doubled = doubled or (found.change is not None and set(u.not_held) == {"forecast"})
    # "misal per kelompok 5 KK, ada berapa kelompok": the group size the figures do not hold is the one said
    doubled = doubled or (found.ask in ("groups", "per_group") and set(u.not_held) <= {"group_size"})
    if u.not_held and not found.declined and not doubled and (found.ask != "money" or set(u.not_held) - {"money"}):
        return  # "penerima di atas 60 tahun": a breakdown the figures do not hold
    if found.ask == "value" and found.target is None and u.programs and found.change != "equal":
        # "seandainya PMKS berkurang 5.000, total jadi berapa", "UEP tripled, what's the new total": a total word
        # after the program (not "total PMKS") asks every program added up after the change
        first = min((i for i, w in enumerate(u.words) if i in taken), default=len(u.words))
        later = [w for w in u.words[first + 1 :] if (w,) in vocab.total]
        if later and not u.regions:
            found = replace(found, ask="total")
    u.intent, u.scenario, u.arith = Intent.SCENARIO, found, None
    u.unexplained, u.ambiguous, u.not_held = [], [], []
    counted = {int(n.value) for n in numbers(text, vocab) if n.kk}
    if counted & set(u.years):  # "increased by 2000 households": a number of KK, not the year 2000
        u.years = [y for y in u.years if y not in counted]
        u.year = u.years[0] if u.year in counted and u.years else None if u.year in counted else u.year
    latest = max(data_years, default=None)
    if u.year is not None and latest is not None and u.year > latest and not found.declined:
        u.year, u.years = None, []  # "seandainya tahun 2023 naik 5%": the year of the what-if, computed on the data
    if u.year is not None and u.year not in u.years:
        u.year = None  # "target tahun depan": the what-if's year, not one asked of the data


_PROGRAM_NOUNS = frozenset({"bantuan", "program", "bansos", "jenis", "programs", "kinds"})


def _programs_counted(words: list[str]) -> bool:
    """ "1 KK dapat 2 bantuan", "dua program sekaligus": a number of programs (two or more) a household gets."""
    return any(
        ((w.isdigit() and int(w) >= 2) or w in {"dua", "tiga", "two", "three"}) and nxt in _PROGRAM_NOUNS
        for w, nxt in pairwise(words)
    )
