"""Names the understander looks up: every name a Kepri place can be called (Kemendagri names, aliases), names
elsewhere in Indonesia, Dinsos Kepri's programs and groups, and the national programs the bot does not hold."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.figures.facts import Facts
from bot.text.normalise import compress
from bot.understanding.lexicon import Lexicon, canonical_words

_NAME_PREFIX = re.compile(r"^(provinsi|kabupaten administrasi|kota administrasi|kabupaten|kota)\s+", re.IGNORECASE)
_PROVINCE_PREFIX = re.compile(r"^(daerah khusus ibukota|daerah istimewa|dki|di)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    kab_code: str
    level: int
    via: str  # "name", "alias"


@dataclass(slots=True)
class PlaceMatch:
    """A kab/kota (or the province) the question names."""

    code: str
    text: str
    via: str  # "name", "alias", "fuzzy", "sub"
    sub_code: str | None = None
    score: float = 100.0
    start: int = 0
    """Index of the first word of the mention in the question."""


@dataclass(slots=True)
class Ambiguity:
    text: str
    candidates: list[str]


def name_keys(name: str, lexicon: Lexicon) -> set[str]:
    words = canonical_words(name, lexicon)
    keys = {compress(words)}
    stripped = _NAME_PREFIX.sub("", " ".join(words))
    stripped = _PROVINCE_PREFIX.sub("", stripped)
    if stripped:
        keys.add(compress(stripped.split()))
    return keys


class Gazetteer:
    """Every name a place in the province (and, for refusals, elsewhere) can be called, by compressed key."""

    def __init__(self, facts: Facts, lexicon: Lexicon) -> None:
        self.facts = facts
        self.lexicon = lexicon
        self.index: dict[str, list[Entry]] = {}
        province = facts.province.code
        for region in facts.regions.values():
            kab = facts.kabkota_of(region.code)
            kab_code = kab.code if kab else province
            for key in name_keys(region.name, lexicon):
                self._add(key, Entry(region.code, kab_code, region.level, "name"))
        for alias, code in facts.aliases:
            kab = facts.kabkota_of(code)
            region = facts.regions[code]
            entry = Entry(code, kab.code if kab else province, region.level, "alias")
            key = compress(canonical_words(alias, lexicon))
            if key:
                self._add(key, entry)
        # Places elsewhere in Indonesia: provinces and kab/kota, exact names only (for a polite refusal).
        self.outside: dict[str, str] = {}
        for name, province_name in facts.outside:
            label = name if name == province_name else f"{name} ({province_name})"
            for key in name_keys(name, lexicon):
                self.outside.setdefault(key, label)
        for name, label in lexicon.outside_places.items():  # "Karimunjawa": exact, so before any fuzzy Kepri match
            self.outside.setdefault(compress(canonical_words(name, lexicon)), label)
        # Fuzzy candidates: kab/kota names, aliases and kecamatan names long enough to be told apart.
        self.fuzzy_keys: list[str] = []
        self.fuzzy_entries: list[list[Entry]] = []
        for key, entries in self.index.items():
            usable = [e for e in entries if e.level <= 3 or e.via == "alias"]
            if usable and len(key) >= 4:
                self.fuzzy_keys.append(key)
                self.fuzzy_entries.append(usable)
        # First words of names, for "tanjung …?" or "kota …?" on their own.
        self.first_words: dict[str, set[str]] = {}
        for region in facts.regions.values():
            if region.level > 3:
                continue
            kab = facts.kabkota_of(region.code)
            for variant in {region.name, region.short}:
                words = canonical_words(variant, lexicon)
                if len(words) > 1:
                    self.first_words.setdefault(words[0], set()).add(kab.code if kab else province)
        for alias, code in facts.aliases:
            words = canonical_words(alias, lexicon)
            kab = facts.kabkota_of(code)
            if len(words) > 1:
                self.first_words.setdefault(words[0], set()).add(kab.code if kab else province)

    def _add(self, key: str, entry: Entry) -> None:
        bucket = self.index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)


@dataclass(frozen=True)
class ProgramIndex:
    exact: dict[str, str]  # compressed alias → program or group code
    fuzzy_keys: list[str]
    fuzzy_codes: list[str]
    national: dict[str, str]  # compressed alias → national program code
    words: frozenset[str]
    """Every word of a Dinsos program's or group's names."""

    @classmethod
    def build(cls, facts: Facts, lexicon: Lexicon) -> ProgramIndex:
        exact: dict[str, str] = {}
        for p in facts.programs.values():
            for name in (p.code, p.name, p.short, p.name_en, p.short_en, *p.aliases):
                if name:
                    exact.setdefault(compress(canonical_words(name, lexicon)), p.code)
        for g in facts.groups.values():
            for name in (g.code, g.name, g.name_en, *g.aliases):
                if name:
                    exact.setdefault(compress(canonical_words(name, lexicon)), g.code)
        exact.pop("", None)
        long_keys = [k for k in exact if len(k) >= 10]
        national: dict[str, str] = {}
        for n in lexicon.national:
            for name in (n.code, n.name, *n.aliases):
                key = compress(canonical_words(name, lexicon))
                if key:
                    national.setdefault(key, n.code)
        words = frozenset(
            w
            for p in facts.programs.values()
            for name in (p.name, p.short, *p.aliases)
            for w in canonical_words(name, lexicon)
        ) | frozenset(
            w for g in facts.groups.values() for name in (g.name, *g.aliases) for w in canonical_words(name, lexicon)
        )
        return cls(exact, long_keys, [exact[k] for k in long_keys], national, words)
