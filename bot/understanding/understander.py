"""Understanding Indonesian questions about the figures.

Everything is built from data: region names and parents (Kemendagri, from the store), aliases, program names and
aliases (``data/programs.json``), and the vocabulary in ``data/lexicon.json``. Nothing here knows a sentence.

Steps: normalise and tokenise; find the year; find programs (exact, then fuzzy); find places by exact n-gram
look-up of Kepri names (kab/kota, kecamatan, desa/kelurahan, aliases) and of names elsewhere in Indonesia, then by
fuzzy matching of the words left over (rapidfuzz); finally pick the intent from the phrases present.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.figures.facts import Facts
from bot.text.i18n import to_local
from bot.text.normalise import clean, compress, tokens
from bot.understanding.lexicon import Lexicon, load_lexicon

MAX_NGRAM = 5
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
_NAME_PREFIX = re.compile(r"^(provinsi|kabupaten administrasi|kota administrasi|kabupaten|kota)\s+", re.IGNORECASE)
_PROVINCE_PREFIX = re.compile(r"^(daerah khusus ibukota|daerah istimewa|dki|di)\s+", re.IGNORECASE)

FUZZY_CUTOFF = 80.0
"""Least rapidfuzz ratio for a misspelt place name (Lingaa → Lingga scores 83, Karimon → Karimun 86)."""
FUZZY_TIE = 3.0
"""Candidates within this many points of the best one for different kab/kota make the mention ambiguous."""


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


@dataclass(slots=True)
class Ambiguity:
    text: str
    candidates: list[str]


@dataclass
class Understanding:
    text: str
    words: list[str]
    intent: str = "unknown"
    regions: list[PlaceMatch] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    group: str | None = None
    province: bool = False
    year: int | None = None
    outside: list[str] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    rank: str | None = None  # "most" / "least"
    rank_position: int = 1
    info_aspects: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "intent": self.intent,
            "regions": [r.code for r in self.regions],
            "sub_regions": [r.sub_code for r in self.regions if r.sub_code],
            "programs": self.programs,
            "group": self.group,
            "province": self.province,
            "year": self.year,
            "outside": self.outside,
            "ambiguous": [a.candidates for a in self.ambiguous],
        }


def _name_keys(name: str, lexicon: Lexicon) -> set[str]:
    words = canonical_words(name, lexicon)
    keys = {compress(words)}
    stripped = _NAME_PREFIX.sub("", " ".join(words))
    stripped = _PROVINCE_PREFIX.sub("", stripped)
    if stripped:
        keys.add(compress(stripped.split()))
    return keys


def canonical_words(text: str, lexicon: Lexicon) -> list[str]:
    """Tokens with slang replaced by the standard word ("brp" → "berapa", "kab" → "kabupaten")."""
    out: list[str] = []
    vocabulary = lexicon.vocabulary
    for word in tokens(clean(text)):
        if word not in vocabulary and word not in lexicon.slang:
            word = _known_form(word, vocabulary, lexicon.slang)
        out.extend(lexicon.slang.get(word, word).split())
    return out


_REPEATS = re.compile(r"(.)\1{2,}")


def _known_form(word: str, vocabulary: frozenset[str], slang: dict[str, str]) -> str:
    """Informal spellings of a known word: "halooo" → "halo", "jenis2" → "jenis", "persennya" → "persen"."""

    def known(w: str) -> bool:
        return w in vocabulary or w in slang

    if word.endswith("2") and word[:-1].isalpha():  # reduplication written with 2 ("jenis2" = "jenis-jenis")
        word = word[:-1]
    for candidate in (_REPEATS.sub(r"\1", word), _REPEATS.sub(r"\1\1", word)):
        if candidate != word and known(candidate):
            return candidate
    for suffix in ("nya", "nye", "kah", "lah"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and known(word[: -len(suffix)]):
            return word[: -len(suffix)]
    return word


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
            for key in _name_keys(region.name, lexicon):
                self._add(key, Entry(region.code, kab_code, region.level, "name"))
        for alias, code in facts.aliases:
            kab = facts.kabkota_of(code)
            region = facts.regions[code]
            entry = Entry(code, kab.code if kab else province, region.level, "alias")
            for key in {compress(canonical_words(alias, lexicon))}:
                if key:
                    self._add(key, entry)
        # Places elsewhere in Indonesia: provinces and kab/kota, exact names only (for a polite refusal).
        self.outside: dict[str, str] = {}
        for name, province_name in facts.outside:
            label = name if name == province_name else f"{name} ({province_name})"
            for key in _name_keys(name, lexicon):
                self.outside.setdefault(key, label)
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
        return cls(exact, long_keys, [exact[k] for k in long_keys])


class Understander:
    """Turns a question into an :class:`Understanding`. Build once per data version; thread-safe to use."""

    def __init__(self, facts: Facts, data_dir: Path) -> None:
        self.facts = facts
        self.lexicon = load_lexicon(data_dir)
        self.vocabulary = self.lexicon.vocabulary
        self.gazetteer = Gazetteer(facts, self.lexicon)
        self.programs = ProgramIndex.build(facts, self.lexicon)
        self.program_vocab = {
            w
            for p in facts.programs.values()
            for name in (p.name, p.short, *p.aliases)
            for w in canonical_words(name, self.lexicon)
        } | {
            w
            for g in facts.groups.values()
            for name in (g.name, *g.aliases)
            for w in canonical_words(name, self.lexicon)
        }
        self.phrase_sets = self.lexicon.intents

    # ---- helpers --------------------------------------------------------------------------------------------
    def has(self, words: list[str], intent: str) -> bool:
        return any(_contains(words, phrase) for phrase in self.phrase_sets.get(intent, ()))

    def matched(self, words: list[str], intent: str) -> list[tuple[str, ...]]:
        return [phrase for phrase in self.phrase_sets.get(intent, ()) if _contains(words, phrase)]

    # ---- main -----------------------------------------------------------------------------------------------
    def understand(self, text: str) -> Understanding:
        words = canonical_words(text, self.lexicon)
        u = Understanding(text=text, words=words)
        if not words:
            return u
        used = [False] * len(words)
        self._find_year(words, used, u)
        self._find_programs(words, used, u)
        self._find_places(words, used, u)
        self._decide_intent(words, used, u)
        return u

    def _find_year(self, words: list[str], used: list[bool], u: Understanding) -> None:
        for i, w in enumerate(words):
            if _YEAR.match(w):
                used[i] = True
                if u.year is None:
                    u.year = int(w)
        if u.year is None:  # "tahun lalu", "tahun ini": relative to today in the configured zone
            for i in range(len(words) - 1):
                offset = RELATIVE_YEARS.get(words[i + 1]) if words[i] == "tahun" else None
                if offset is not None:
                    u.year = to_local(datetime.now(UTC)).year + offset
                    used[i] = used[i + 1] = True
                    break

    def _find_programs(self, words: list[str], used: list[bool], u: Understanding) -> None:
        found: list[str] = []
        for i, j in _spans(len(words), MAX_NGRAM):
            if any(used[i:j]):
                continue
            code = self.programs.exact.get(compress(words[i:j]))
            if code is None:
                continue
            # A one-word match must be a real name of a program, not a word that happens to be one of its aliases'
            # ("keluarga" alone is not a program).
            if j - i == 1 and words[i] in self.lexicon.stopwords:
                continue
            found.append(code)
            for k in range(i, j):
                used[k] = True
        if not found:
            for i, j in _spans(len(words), 4):
                if j - i < 2 or any(used[i:j]) or all(w in self.lexicon.stopwords for w in words[i:j]):
                    continue
                key = compress(words[i:j])
                if len(key) < 10:
                    continue
                hit = process.extractOne(key, self.programs.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=88)
                if hit:
                    found.append(self.programs.fuzzy_codes[hit[2]])
                    for k in range(i, j):
                        used[k] = True
        for code in found:
            if code in self.facts.groups:
                u.group = u.group or code
            elif code not in u.programs:
                u.programs.append(code)

    def _find_places(self, words: list[str], used: list[bool], u: Understanding) -> None:
        g = self.gazetteer
        for i, j in _spans(len(words), MAX_NGRAM):
            if any(used[i:j]):
                continue
            span = words[i:j]
            key = compress(span)
            entries = g.index.get(key)
            weak = all(w in self.vocabulary or w in self.lexicon.generic_place_words for w in span)
            if entries and weak:
                # Ordinary words ("kota", "tanjung batu") name a desa or kecamatan only as a whole name of two or
                # more words; alone they are too common.
                entries = [e for e in entries if e.via == "alias" or e.level <= 2 or j - i >= 2]
                # A desa or kecamatan whose name is an ordinary word is not taken from one word alone.
                if weak and j - i == 1:
                    entries = [
                        e
                        for e in entries
                        if e.via == "alias" or (e.level <= 2 and span[0] not in self.lexicon.generic_place_words)
                    ]
            if entries:
                self._take(entries, " ".join(span), "name", u)
                for k in range(i, j):
                    used[k] = True
                continue
            if not weak and key in g.outside:
                u.outside.append(g.outside[key])
                for k in range(i, j):
                    used[k] = True
        self._fuzzy_places(words, used, u)
        if not u.regions and not u.outside and not u.ambiguous:
            self._bare_first_words(words, used, u)

    def _fuzzy_places(self, words: list[str], used: list[bool], u: Understanding) -> None:
        g = self.gazetteer
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                j = i + size
                if any(used[i:j]):
                    continue
                span = words[i:j]
                if any(w in self.vocabulary or w in self.program_vocab or w.isdigit() for w in span):
                    continue
                if all(w in self.lexicon.generic_place_words for w in span):
                    continue
                key = compress(span)
                if len(key) < 4:
                    continue
                hits = process.extract(key, g.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=8)
                if not hits:
                    continue
                best_score = hits[0][1]
                close = [h for h in hits if h[1] >= best_score - FUZZY_TIE]
                entries = [e for h in close for e in g.fuzzy_entries[h[2]]]
                self._take(entries, " ".join(span), "fuzzy", u, score=best_score)
                for k in range(i, j):
                    used[k] = True

    def _bare_first_words(self, words: list[str], used: list[bool], u: Understanding) -> None:
        """ "tanjung?" or "kota berapa?": a word that starts the names of places in several kab/kota."""
        if _contains(words, ("kabupaten", "kota")):
            return
        for i, w in enumerate(words):
            if used[i] or w not in self.lexicon.generic_place_words:
                continue
            kabs = self.gazetteer.first_words.get(w, set())
            if len(kabs) >= 2:
                u.ambiguous.append(Ambiguity(w, sorted(kabs)))
                used[i] = True
                return

    def _take(self, entries: list[Entry], text: str, via: str, u: Understanding, score: float = 100.0) -> None:
        top = min(e.level for e in entries)
        chosen = entries if via == "fuzzy" else [e for e in entries if e.level == top]
        kabs = sorted({e.kab_code for e in chosen})
        if len(kabs) > 1:
            u.ambiguous.append(Ambiguity(text, kabs))
            return
        kab = kabs[0]
        best_entry = min(chosen, key=lambda e: e.level)
        if kab == self.facts.province.code:
            u.province = True
            return
        sub = best_entry.code if best_entry.level > 2 and best_entry.via == "name" else None
        how = "sub" if sub else ("alias" if best_entry.via == "alias" else via)
        if any(r.code == kab for r in u.regions):
            return
        u.regions.append(PlaceMatch(kab, text, how, sub, score))

    def intent_hits(self, words: list[str]) -> set[str]:
        """Every intent (or sub-intent) one of whose phrases the question contains: one pass over the lexicon."""
        present = set(words)
        return {
            intent
            for intent, phrases in self.phrase_sets.items()
            if any(p[0] in present and _contains(words, p) for p in phrases)
        }

    def _decide_intent(self, words: list[str], used: list[bool], u: Understanding) -> None:
        hits = self.intent_hits(words)

        def has(_words: list[str], intent: str) -> bool:
            return intent in hits

        entity = bool(u.regions or u.programs or u.group)
        domain = entity or u.province or any(w in DOMAIN_WORDS for w in words)
        asks_number = any(w in NUMBER_WORDS for w in words)
        if u.outside and not u.regions:
            u.intent = "outside"
            return
        if self._is_personal(hits, asks_number):
            u.intent = "personal"
            return
        listing = has(words, "list_programs") or has(words, "list_regions")
        if has(words, "help") and not entity and not listing:
            u.intent = "help"
            return
        aspects = [a for a in ("what", "who", "help", "apply") if has(words, f"info.{a}")]
        if asks_number and not (set(aspects) & {"what", "apply"}):
            aspects = []
        numeric = has(words, "rank") or has(words, "rank_most") or has(words, "rank_least") or has(words, "share")
        if aspects and (u.programs or u.group or domain) and not numeric and not u.regions:
            u.intent = "info"
            u.info_aspects = aspects
            return
        if has(words, "list_programs") and not (u.programs or u.regions or asks_number):
            u.intent = "list_programs"
            return
        if has(words, "list_regions") and not u.regions and not asks_number:
            u.intent = "list_regions"
            return
        if has(words, "rank_least"):
            u.intent, u.rank = "ranking", "least"
        elif has(words, "rank_most") or has(words, "rank"):
            u.intent, u.rank = "ranking", "most"
        if u.intent == "ranking":
            u.rank_position = _ordinal(words)
            if len(u.regions) >= 2:
                u.intent = "compare"
            u.ambiguous.clear()
            return
        if has(words, "share") and (domain or u.ambiguous or any(w in REGION_WORDS for w in words)):
            u.intent = "share"
            return
        if len(u.regions) >= 2 or (has(words, "compare") and u.regions):
            u.intent = "compare"
            return
        if has(words, "compare") and len(u.programs) < 2 and not u.group:
            u.intent = "compare"  # every kab/kota
            return
        if u.ambiguous and not u.regions:
            u.intent = "ambiguous"
            return
        if entity or u.province:
            u.intent = "figures"
            return
        if u.year is not None and (domain or len(words) <= 3):
            u.intent = "figures"
            u.province = True
            return
        if (domain and (has(words, "figures") or has(words, "province"))) or (asks_number and has(words, "province")):
            u.intent = "figures"
            u.province = True
            return
        if has(words, "thanks"):
            u.intent = "thanks"
            return
        if self._greets(words) and len(words) <= 6:
            u.intent = "greeting"
            return
        if has(words, "help"):
            u.intent = "help"

    def _greets(self, words: list[str]) -> bool:
        """A greeting opens the message ("pagi min"); "skor bola tadi malam" is not one."""
        return any(_contains(words[: len(p) + 1], p) for p in self.phrase_sets.get("greeting", ()))

    def _is_personal(self, hits: set[str], asks_number: bool) -> bool:
        """ "Apakah saya terdaftar?" — about the asker, not about totals ("saya minta jumlah penerima" is not)."""
        if "personal.phrases" in hits:
            return True
        return (
            "personal.first_person" in hits
            and "personal.status_words" in hits
            and not asks_number
            and "help" not in hits
            and "info.apply" not in hits
        )


DOMAIN_WORDS = frozenset({"kk", "penerima", "bansos", "bantuan", "program", "keluarga", "dinsos", "kepala"})
"""Words that make a question about aid even when it names no region or program."""
REGION_WORDS = frozenset({"kabupaten", "kota", "wilayah", "daerah", "kecamatan"})
NUMBER_WORDS = frozenset({"berapa", "jumlah", "total", "digabung", "banyak"})
"""Words that ask for a number."""

RELATIVE_YEARS = {"ini": 0, "sekarang": 0, "lalu": -1, "kemarin": -1, "kemaren": -1, "depan": 1}

_ORDINALS = {"kedua": 2, "ke2": 2, "ketiga": 3, "ke3": 3, "keempat": 4, "kelima": 5}


def _ordinal(words: list[str]) -> int:
    for i, w in enumerate(words):
        if w in _ORDINALS:
            return _ORDINALS[w]
        if w == "ke" and i + 1 < len(words) and words[i + 1].isdigit() and len(words[i + 1]) == 1:
            return int(words[i + 1])
    return 1


def _spans(n: int, longest: int) -> Iterable[tuple[int, int]]:
    """Every (start, end) span, longest first, left to right."""
    for size in range(min(longest, n), 0, -1):
        for i in range(n - size + 1):
            yield i, i + size


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if n == 1:
        return phrase[0] in words
    first = phrase[0]
    return any(words[i] == first and tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))
