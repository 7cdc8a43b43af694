"""Names the understander looks up: every name a Kepri place can be called (Kemendagri names, aliases), names
elsewhere in Indonesia, Dinsos Kepri's programs and groups, and the national programs the bot does not hold."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from bot.config import PROJECT_DIR
from bot.figures.facts import Facts
from bot.text.normalise import clean, compress, tokens
from bot.understanding.disk_cache import cached
from bot.understanding.lexicon import Lexicon, canonical_words

log = logging.getLogger(__name__)
_NAME_PREFIX = re.compile(r"^(provinsi|kabupaten administrasi|kota administrasi|kabupaten|kota)\s+", re.IGNORECASE)
_PROVINCE_PREFIX = re.compile(r"^(daerah khusus ibukota|daerah istimewa|dki|di)\s+", re.IGNORECASE)


class Entry(NamedTuple):
    """One region a name stands for (a tuple: ~92,000 of them for all of Indonesia, built and compared fast)."""

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
    also: list[tuple[str, str]] = field(default_factory=list)
    """Other kecamatan or desa of the same kab/kota named too ("Batu Aji sama Sekupang"): (code, text as typed)."""


@dataclass(slots=True)
class Ambiguity:
    text: str
    candidates: list[str]
    """The answerable regions (kab/kota, or provinces of a scope of several) the name may mean, most relevant
    first."""
    places: list[str] = field(default_factory=list)
    """The region each candidate was found by, in the same order (a desa, a kecamatan, or the kab/kota itself)."""
    former: str = ""
    """A kab/kota once named like the province ("Kabupaten Kepulauan Riau", now Bintan): that former name."""


SMALL_SCOPE_KEYS = 3000
"""Up to this many kecamatan names, typo matching searches them all; beyond (several or all provinces) only those of
the kab/kota the question names."""


def name_keys(name: str, lexicon: Lexicon, memo: dict[str, list[str]] | None = None) -> set[str]:
    """The keys a name is looked up by (with and without "Kabupaten", "Kota", "Provinsi" …). ``memo`` keeps each
    word's canonical form between calls: the ~92,000 names of Indonesia are made of far fewer words."""
    words = canonical_words(name, lexicon) if memo is None else _words(name, lexicon, memo)
    keys = {compress(words)}
    if len(words) > 1 and (arabic := _roman(words[-1])):
        keys.add(compress([*words[:-1], str(arabic)]))  # "Batu IX" is typed "batu 9"
    stripped = _NAME_PREFIX.sub("", " ".join(words))
    stripped = _PROVINCE_PREFIX.sub("", stripped)
    if stripped:
        keys.add(compress(stripped.split()))
    for key_words in (words, stripped.split()):
        if len(key_words) > 1:  # "Tanjung Unggat" is typed "tg unggat"
            for short in lexicon.name_abbreviations.get(key_words[0], ()):
                keys.add(compress([short, *key_words[1:]]))
    return keys


_ROMAN = re.compile(r"(x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}


def _roman(word: str) -> int:
    """The value of a roman numeral up to 39 ("ix" 9, "xii" 12), 0 for any other word."""
    m = _ROMAN.fullmatch(word)
    if not word or not m:
        return 0
    return 10 * len(m.group(1)) + _ROMAN_VALUES.get(m.group(2), 0)


CACHE_DIR = PROJECT_DIR / "var" / "cache"
"""Where the keys of every region name are kept between starts (building them for all of Indonesia takes seconds)."""
CACHE_FORMAT = "name-keys-4"
"""Changes when :func:`name_keys` changes what it makes, so an old cache is never read."""


def _cached_name_keys(
    names: list[str], lexicon: Lexicon, memo: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """Each name's keys: from the cache when the names and the lexicon are the ones it was made from, else made (and
    stored, for a scope of more than a few thousand names, atomically; a cache that cannot be written is skipped).
    ``memo`` (see :func:`_words`) may be shared with the caller."""
    if memo is None:
        memo = {}
    if len(names) < CACHE_MIN_NAMES:
        return {name: sorted(name_keys(name, lexicon, memo)) for name in names}
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    digest.update("\n".join(names).encode())
    digest.update("\n".join(sorted(lexicon.vocabulary)).encode())  # what canonical_words reads
    digest.update("\n".join(f"{k}={v}" for k, v in sorted(lexicon.slang.items())).encode())
    digest.update("\n".join(f"{k}={v}" for k, v in sorted(lexicon.name_abbreviations.items())).encode())
    path = CACHE_DIR / f"{digest.hexdigest()[:32]}.pickle"
    keys, stored = cached(
        path,
        lambda: {name: sorted(name_keys(name, lexicon, memo)) for name in names},
        lambda value: isinstance(value, dict) and len(value) == len(names),
    )
    if not stored:
        log.info("name keys not cached in %s", CACHE_DIR)
    return keys


CACHE_MIN_NAMES = 20_000
"""Fewer names (one province: ~3,000) are quicker to make than to hash and read."""


def _words(name: str, lexicon: Lexicon, memo: dict[str, list[str]]) -> list[str]:
    """``canonical_words(name)`` word by word, each word's canonical form remembered in ``memo``."""
    words: list[str] = []
    for token in tokens(clean(name)):
        canonical = memo.get(token)
        if canonical is None:
            canonical = memo[token] = canonical_words(token, lexicon)
        words += canonical
    return words


@dataclass(slots=True)
class FuzzySet:
    """Names typo matching searches, with the entries each one stands for."""

    keys: list[str] = field(default_factory=list)
    entries: list[list[Entry]] = field(default_factory=list)

    def add(self, key: str, entries: list[Entry]) -> None:
        self.keys.append(key)
        self.entries.append(entries)


class Gazetteer:
    """Every name a place in the scope (and, for refusals, elsewhere) can be called, by compressed key."""

    def __init__(self, facts: Facts, lexicon: Lexicon) -> None:
        self.facts = facts
        self.lexicon = lexicon
        self.index: dict[str, list[Entry]] = {}
        homes = self._homes(facts)
        memo: dict[str, list[str]] = {}  # each word's canonical form, for every name read here (their words repeat)
        keys_of = _cached_name_keys(sorted({r.name for r in facts.regions.values()}), lexicon, memo)
        index = self.index
        for region in facts.regions.values():  # one entry per region and key: no duplicates to look for
            entry = Entry(region.code, homes[region.code], region.level, "name")
            for key in keys_of[region.name]:
                bucket = index.get(key)
                if bucket is None:
                    index[key] = [entry]
                else:
                    bucket.append(entry)
        for alias, code in facts.aliases:
            region = facts.regions[code]
            entry = Entry(code, homes[code], region.level, "alias")
            alias_words = _words(alias, lexicon, memo)
            if alias_words:
                self._add(compress(alias_words), entry)
            for short in lexicon.name_abbreviations.get(alias_words[0], ()) if len(alias_words) > 1 else ():
                self._add(compress([short, *alias_words[1:]]), entry)  # "tj uban" for Tanjung Uban
        self._prefer_specific_aliases(memo)
        self.aliased: frozenset[str] = frozenset(code for _alias, code in facts.aliases)
        """Regions data/region_aliases.csv names a town of ("Tanjung Balai Karimun"): well known by that name."""
        # Places elsewhere in Indonesia: provinces and kab/kota, exact names only (for a polite refusal).
        self.outside: dict[str, str] = {}
        for name, province_name in facts.outside:
            label = name if name == province_name else f"{name} ({province_name})"
            for key in name_keys(name, lexicon, memo):
                self.outside.setdefault(key, label)
        for name, province_name in facts.outside:
            # "Meranti" for Kabupaten Kepulauan Meranti (as "Anambas" is Kepri's): the name after "Kepulauan", when
            # it is no common word ("seribu") and no Kepri name
            words = _words(name, lexicon, memo)
            if "kepulauan" in words and name != province_name:
                rest = compress(words[words.index("kepulauan") + 1 :])
                if len(rest) >= 5 and not lexicon.common(rest) and rest not in self.index:
                    self.outside.setdefault(rest, f"{name} ({province_name})")
        for name, label in lexicon.outside_places.items():  # "Karimunjawa": exact, so before any fuzzy Kepri match
            self.outside.setdefault(compress(_words(name, lexicon, memo)), label)
        # Typo matching: kab/kota and province names and aliases first (a small set, even for all of Indonesia);
        # kecamatan names second, all of them only when the scope is small, else those of the kab/kota named.
        self.fuzzy = FuzzySet()
        self.fuzzy_sub = FuzzySet()
        self.fuzzy_sub_by_kab: dict[str, FuzzySet] = {}
        shorts = [(short, full) for full, forms in lexicon.name_abbreviations.items() for short in forms]
        for key, entries in self.index.items():
            if len(key) < 4:
                continue
            if any(key.startswith(short) and full + key[len(short) :] in self.index for short, full in shorts):
                continue  # "tgunggat" is found exactly; typo matching searches the full name ("tanjungunggat")
            usable = [e for e in entries if e.level <= 3 or e.via == "alias"]
            if any(e.level <= 2 or e.via == "alias" for e in usable):
                self.fuzzy.add(key, usable)
                continue
            if not usable:
                continue
            self.fuzzy_sub.add(key, usable)
            for kab in {e.kab_code for e in usable}:
                self.fuzzy_sub_by_kab.setdefault(kab, FuzzySet()).add(key, [e for e in usable if e.kab_code == kab])
        self.small = len(self.fuzzy_sub.keys) <= SMALL_SCOPE_KEYS
        # First words of names, for "tanjung …?" or "kota …?" on their own.
        self.first_words: dict[str, set[str]] = {}
        for region in facts.regions.values():
            if region.level > 3 or region.level < 1:
                continue
            for variant in {region.name, region.short}:
                words = _words(variant, lexicon, memo)
                if len(words) > 1:
                    self.first_words.setdefault(words[0], set()).add(homes[region.code])
        for alias, code in facts.aliases:
            words = _words(alias, lexicon, memo)
            if len(words) > 1:
                self.first_words.setdefault(words[0], set()).add(homes[code])

    @property
    def fuzzy_keys(self) -> list[str]:
        return self.fuzzy.keys

    @staticmethod
    def _homes(facts: Facts) -> dict[str, str]:
        """Each region's answerable region: its kab/kota; a province of a scope of several, itself; else the root."""
        root = facts.province.code
        homes: dict[str, str] = {}
        for region in sorted(facts.regions.values(), key=lambda r: r.level):  # parents before children
            if region.level == 2 or (region.level == 1 and facts.several):
                homes[region.code] = region.code
            elif region.level > 2 and region.parent_code in homes and facts.regions[region.parent_code].level >= 2:
                homes[region.code] = homes[region.parent_code]
            else:
                homes[region.code] = root
        return homes

    def _prefer_specific_aliases(self, memo: dict[str, list[str]]) -> None:
        """An alias given both a region and a place inside it ("tanjung uban": once Kabupaten Bintan, now Kecamatan
        Bintan Utara, where the town is) stands for the place inside: the answer then says whose figures it gives."""
        for key in {compress(_words(alias, self.lexicon, memo)) for alias, _code in self.facts.aliases}:
            bucket = self.index.get(key)
            if not bucket or len(bucket) < 2:
                continue
            aliased = [e.code for e in bucket if e.via == "alias"]
            wider = {c for c in aliased if any(o != c and o.startswith(c + ".") for o in aliased)}
            if wider:
                self.index[key] = [e for e in bucket if not (e.via == "alias" and e.code in wider)]

    def _add(self, key: str, entry: Entry) -> None:
        bucket = self.index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def describe(self, code: str) -> str:
        """A region with where it lies: "Sukamaju (Kec. Sukamaju, Kabupaten Luwu Utara, Sulawesi Selatan)"."""
        f = self.facts
        region = f.regions[code]
        parts = []
        parent = f.regions.get(region.parent_code or "")
        while parent is not None and parent.level >= 1:
            if parent.level == 1 and not f.several:
                break  # one province: every place is in it
            parts.append(parent.name)
            parent = f.regions.get(parent.parent_code or "")
        return f"{region.name} ({', '.join(parts)})" if parts else region.name


@dataclass(frozen=True)
class ProgramIndex:
    exact: dict[str, str]  # compressed alias → program or group code
    fuzzy_keys: list[str]
    fuzzy_codes: list[str]
    national: dict[str, str]  # compressed alias → national program code
    words: frozenset[str]
    """Every word of a Dinsos program's or group's names."""
    short_keys: tuple[tuple[str, str], ...] = ()
    """One-word names of programs and groups of at most seven letters ("uep", "pmks", "jamsos") → their code: what
    a misspelt code is matched against."""

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
        short = tuple((k, c) for k, c in exact.items() if 3 <= len(k) <= 7 and k.isalpha())
        return cls(exact, long_keys, [exact[k] for k in long_keys], national, words, short)
