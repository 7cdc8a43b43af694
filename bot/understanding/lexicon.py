"""The vocabulary the understander works with: ``data/lexicon.json`` (slang, filler, intent phrases, topics the bot
does not cover, breakdowns it does not hold), ``data/word_frequencies_id.tsv`` (how ordinary an Indonesian word is)
``data/word_frequencies_{ms,en}.tsv`` (the same for Malay and English, for code-mixed and English questions) and
``data/national_programs.json`` (aid programs run by others). Also the word-level helpers every other module
of understanding shares: canonical words, phrase containment, spans.

The frequency list was made with ``pip install wordfreq==3.1.1`` and::

    d = wordfreq.get_frequency_dict("id")  # and "ms", "en" for the other two lists
    rows = [(w, round(wordfreq.freq_to_zipf(f), 2)) for w, f in d.items() if w.isalpha() and w.isascii()]
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Generic, TypeVar

from bot.text.normalise import clean, compress, tokens
from bot.understanding.disk_cache import cached

Phrases = tuple[tuple[str, ...], ...]
Label = TypeVar("Label")


@dataclass(frozen=True)
class PhraseIndex(Generic[Label]):
    """Phrases of several labels (intents, topics, breakdowns), looked up by the words of a question: at each word,
    the words from there are looked up once for each length of phrase that word begins. Built once with the lexicon;
    finding every label said is then a few dictionary look-ups per word, not a scan of the question per phrase."""

    labels: dict[tuple[str, ...], frozenset[Label]]
    """Each phrase → the labels it says."""
    lengths: dict[str, tuple[int, ...]]
    """Each first word of a phrase → the lengths of the phrases it begins."""

    @classmethod
    def build(cls, pairs: Iterable[tuple[Label, tuple[str, ...]]]) -> PhraseIndex[Label]:
        labels: dict[tuple[str, ...], set[Label]] = {}
        lengths: dict[str, set[int]] = {}
        for label, phrase in pairs:
            labels.setdefault(phrase, set()).add(label)
            lengths.setdefault(phrase[0], set()).add(len(phrase))
        return cls(
            labels={phrase: frozenset(found) for phrase, found in labels.items()},
            lengths={first: tuple(sorted(n)) for first, n in lengths.items()},
        )

    def found(self, words: list[str]) -> set[Label]:
        """The labels of every phrase the words hold."""
        out: set[Label] = set()
        for i, word in enumerate(words):
            for n in self.lengths.get(word, ()):
                out.update(self.labels.get(tuple(words[i : i + n]), ()))
        return out


EXCLUSION_SHORTEST = 5
"""Exclusion words read back from a typo with dropped vowels are this long or longer ("tanpa"; never "luar")."""
EXCLUSION_DROPPED = 2
"""At most this many vowels dropped ("kcuali" of "kecuali", "slain" of "selain")."""
ORDINARY_ZIPF = 3.0
"""A word at least this frequent in Indonesian (Zipf scale, wordfreq) is an ordinary word and is never fuzzily
matched to a place name. Measured over every single-letter typo (drop, double, swap) of the kab/kota and kecamatan
names of five letters or more: 963 typos; 29 of them are ordinary words at 3.0 ("bulan", "buang", "ulang" for Bulang;
"senayan" for Senayang; "padan", "duri", "midi" …), 23 at 3.5, 11 at 4.0. Those words are real words, so asking
back is right for them, and every typo found in the corpora scores below 3.0 ("karimon", "natunaa", "anambs",
"btam" all 0: tests/unit/test_understand.py). wordfreq's Indonesian list starts at 3.0, so every word it lists counts
as ordinary; "uang" (5.8, once taken for Bulang) and "senayan" (3.5) are well above."""

COMMON_ZIPF = 4.0
"""A message naming a place, with no aid or figures cue and an unexplained word this common, is about something
else ("listrik Batam padam"): declined, not asked back; "qwerty batam" (3.2) is asked back."""
MEANINGFUL_ZIPF = 3.5
"""A message of three words or more that nothing about aid accounts for, with an unexplained word at least this
frequent ("tolong buatkan surat lamaran kerja": "lamaran" 3.98), is about something else; typos score lower."""

ENGLISH_ZIPF = 4.0
ENGLISH_MARGIN = 1.0
"""An English word is at least this frequent in English and this much more frequent there than in Indonesian (whose
web text is full of English: "more" is 6.4 in English, 4.8 in Indonesian; "data" 5.9 and 5.9)."""

SHORT_WORD = 2
"""Words this short are particles and clitics ("ny", "je", "ka", "dh"), never names."""

CONTRACTED_SHORTEST = 3
"""Shortest word read as an everyday word typed without its vowels ("lwt" for "lewat", "jdnya" for "jadinya")."""
CONTRACTED_ZIPF = 4.0
"""A word typed short is read as an Indonesian word at least this frequent ("lewat" 5.5, "jadinya" 4.4, "sampe" 4.3)
or as a word of the lexicon (which counts as this frequent when the list lacks it: "tersedikit")."""
CONTRACTED_MARGIN = 2.0
"""The word read is this much more frequent than the word as typed ("palin" 3.3 → "paling" 6.0)."""
CONTRACTED_TIE = 1.0
"""Two readings of the same letters within this much of each other's frequency are not guessed between."""
CONTRACTED_RARE = MEANINGFUL_ZIPF
"""Only a word less frequent than this as typed (in Indonesian, Malay and English) is read as another word."""


@dataclass(frozen=True)
class Topic:
    """Something people ask about that the bot does not cover, and where to look instead."""

    code: str
    words: Phrases
    where: dict[str, str]
    answered: bool = False
    """A question the bot answers with this text alone (a scam warning, how to report), not one it declines."""
    when: bool = False
    """An event ("covid", "banjir") whose words may only say when a count of recipients is asked about."""
    named: bool = False
    """Officials: the reply first gives the people the sources name with their role (dated by the source)."""
    aside: bool = False
    """An event that brings its own aid (a disaster): a question about getting aid that names it also gets "where"."""
    apart: tuple[frozenset[str], ...] = ()
    """Word sets of which the question has one word each, anywhere ("siapa" … "gubernur"): the topic too."""
    unless: Phrases = ()
    """Who the question is really for ("istri sy WNI"): with a question about applying, it is about applying."""
    local: bool = False
    """Answered with the Dinas Sosial of the one place named or shared ("dinsos terdekat", "surat dinsos Bintan")."""
    excepting: Phrases = ()
    """Phrases that make a question not this topic, wherever they stand ("link berita ini resmi?": the data's source;
    "formulir saya udah bener blm?": a paper checked, not a letter's authenticity)."""
    of_named: tuple[frozenset[str], ...] = ()
    """Word sets of which a question naming a program, place or year, asking no number and not of the asker, has one
    word each ("uep 2024 tanjungpinang udah cair belum"): the topic too."""
    counted_cut: frozenset[str] = frozenset()
    """Words of households ("kk", "keluarga"): right after a number ("dipotong 2.465 KK"), or a program's figure of a
    place named beside a number in no money and not of the asker ("PMKS Batam dipotong 2.465, sisanya"), the question
    takes a number from a figure (a what-if), not money from someone's aid."""
    situation: Phrases = ()
    """Those of its phrases that, right after a first-person word, tell who the asker is ("saya karyawan, …",
    "sy pengangguran, …"), not what is asked: when every phrase of the topic said is one of them so placed, it is not
    the topic. A phrase of wanting it ("saya cari kerja di batam") is none of them."""


@dataclass(frozen=True)
class NationalProgram:
    """A well-known aid program run by someone else (PKH, BPNT, …): never answered with Dinsos Kepri figures."""

    code: str
    name: str
    aliases: tuple[str, ...]
    texts: dict[str, dict[str, str]] = field(hash=False, compare=False)
    cek_bansos: bool = False
    """Its recipients are checked at Cek Bansos (Kemensos): one's own status of it is the usual status check."""


@dataclass(frozen=True)
class Official:
    """A person a question may name as the speaker of a figure (data/officials.json): their name's words, their
    office in Indonesian and English, the phrases that name the office, and where the role is known from."""

    name: str
    words: tuple[str, ...]
    common_words: frozenset[str]
    """Words of the name many people share ("ahmad", "eko"): a name only beside another word of it, an honorific or
    a word of an office."""
    role: str
    role_en: str
    role_words: tuple[str, ...]
    period: str
    source: str
    """Key of the source in data/sources.json that names the person, or ""."""
    source_text: str
    """Where else the role is public, when no source of the figures names the person."""
    quoted: bool
    """The official the figures' source quotes."""


@dataclass(frozen=True)
class Lexicon:
    slang: dict[str, str]
    stopwords: frozenset[str]
    generic_place_words: frozenset[str]
    intents: dict[str, Phrases]
    """Intent name (or ``personal.status_words``-style sub-name) → phrases as word tuples."""
    harmless: frozenset[str] = frozenset()
    """Words a figures question may hold without changing its answer (ignored knowingly)."""
    topics: tuple[Topic, ...] = ()
    not_held: dict[str, Phrases] = field(default_factory=dict)
    """Breakdowns the bot does not hold (money, age, sex, below kab/kota, per month) → phrases."""
    frequencies: dict[str, float] = field(default_factory=dict)
    other_frequencies: dict[str, float] = field(default_factory=dict)
    """Malay and English frequencies (the higher of the two): everyday words of a code-mixed question."""
    english_frequencies: dict[str, float] = field(default_factory=dict)
    never_ignored: frozenset[str] = frozenset()
    population_words: frozenset[str] = frozenset()
    """Words for everyone living in a place ("warga", "penduduk"): a share of them needs a population not held."""
    cell_gap: frozenset[str] = frozenset()
    """Words that may stand between a program and the kab/kota it is named with ("UEP *di* Batam")."""
    other_islands: dict[str, str] = field(default_factory=dict)
    """Large islands outside the province ("kalimantan" → "Pulau Kalimantan"): only a premise to correct."""
    other_sources: dict[str, str] = field(default_factory=dict)
    """Bodies and sites other than the data's source ("bps" → "BPS (Badan Pusat Statistik)"): a premise to deny."""
    registry_sources: frozenset[str] = frozenset()
    """The labels of those other sources that are registers of families recipients may be chosen from ("DTKS"): the
    source does not say whether the figures were drawn from one, so that premise is neither denied nor confirmed."""
    outside_places: dict[str, str] = field(default_factory=dict)
    """Well-known places outside the province that are not kab/kota names (an area, an abbreviation, abroad), and
    kecamatan and desa elsewhere whose names look like a Kepri name (``data/outside_names.tsv``): name → how to name
    it ("tangsel" → "Kota Tangerang Selatan (Banten)", "karimunjawa" → "Kecamatan Karimunjawa (Jawa Tengah)")."""
    """Words that say a question is not meant seriously ("wkwk"): a figures question holding one asks back."""
    national: tuple[NationalProgram, ...] = ()
    officials: tuple[Official, ...] = ()
    """Officials a question may name as the speaker of a figure (data/officials.json)."""
    honorifics: frozenset[str] = frozenset()
    """Words of address before a person's name ("pak", "bu", "mr"): the unknown words after them are a name."""
    same_names: dict[str, str] = field(default_factory=dict)
    """Kepri kecamatan/desa names that also name places in other provinces (lower case) → those provinces."""
    fillers: frozenset[str] = frozenset()
    """Words of address and discourse particles ("bg", "kak", "gan", "dong", "nih"): never content words."""
    year_phrases: Phrases = ()
    """Words that name the year after them ("tahun anggaran 2022", "TA 2022")."""
    not_persons: dict[str, str] = field(default_factory=dict)
    """Animals, imaginary beings, plants and objects → their kind: never a recipient of aid."""
    livelihood: frozenset[str] = frozenset()
    yes_no: frozenset[str] = frozenset()
    """Copulas and yes/no words ("itu", "apakah", "benarkah", "is"), looked up in the words as typed and as reduced."""
    """Words that make animals or objects the goods of a business ("modal usaha ternak kambing")."""
    unit_words: dict[str, str] = field(default_factory=dict)
    """Word → the unit it claims ("orang" → "persons", "kelompok" → "groups") after a number."""
    counted: frozenset[str] = frozenset()
    """Words that may follow a number word in a question about the figures ("berapa KK", "jumlah penerima")."""
    laughter: frozenset[str] = frozenset()
    intensifiers: frozenset[str] = frozenset()
    """Words that only make the word before them stronger ("banyak banget", "banyak bet"): never a thing counted."""
    meaning_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    """English verbs of meaning ('verbs': "mean", "stand") and the auxiliaries that make them verbs ("does")."""
    dish_words: frozenset[str] = frozenset()
    capital_words: frozenset[str] = frozenset()
    """Words naming a seat of government ("ibu kota", "capital"), compressed: a place named by them (an alias in
    data/region_aliases.csv: "ibu kota provinsi" is Tanjungpinang) is said in the reply as read."""
    """Foods before a place's name make it a dish or its style ("nasi padang", "saus padang"), not the place."""
    """ "wkwk", "ngakak": ignored in a question about the figures, not in one about the asker (a joke)."""
    attachment_notes: dict[str, frozenset[str]] = field(default_factory=dict)
    """Kind of attachment ("location", "document") → the words a note of it opens with ("[lokasi: …]")."""

    asking_words: frozenset[str] = frozenset()
    """Words that make a sentence ask or request something ("berapa", "tolong", "mau"): a first-person sentence of a
    message of several without one (nor "?") only tells who asks ("Saya ketua RT di Tanjungpinang"), context for the
    question beside it, never a part of its own (see the answerer)."""
    proposing_words: frozenset[str] = frozenset()
    """Words putting someone forward for aid ("mengusulkan", "mendaftarkan"): before another person ("warga kami",
    "ibu saya") in a question about applying, the asker applies on their behalf."""
    submitted: frozenset[str] = frozenset()
    """Words asking whether something sent arrived or is processed ("udah saya kirim, diterima?"): with a document,
    an application sent to the bot, which receives none."""
    wanting: dict[str, frozenset[str]] = field(default_factory=dict)
    shared_evenly: Phrases = ()
    """Phrases of a figure split equally over the kab/kota ("dibagi rata", "sama rata"), as reduced."""
    evenly_asking: frozenset[str] = frozenset()
    """Words as typed that, with a phrase of :attr:`shared_evenly` and no conditional, ask whether a figure is split
    so ("dibagi rata ya?", "apakah … dibagi rata")."""
    vague_data: dict[str, frozenset[str]] = field(default_factory=dict)
    """ "nouns" of data ("data", "angka", "rekap") and "requests" around them ("minta", "kirim", "mana"): a message of
    only these asks for data without saying which (see :meth:`bot.answering.answerer.Answerer.which_data`)."""
    figure_lookup: dict[str, frozenset[str]] = field(default_factory=dict)
    """ "which" words asking what a number typed is ("angka 4 ribuan itu punya daerah mana") and "not_with" words that
    make the number something else (a what-if, a filter, a sum): see :func:`bot.answering.claims.figures_near`."""
    requirements: dict[str, frozenset[str]] = field(default_factory=dict)
    """Words of asking whether a thing is required, by role ("asking", "having", "items", "closing", "until"), and the
    things the general texts state ("stated", phrases as reduced): "harus punya KTP Kepri?", "wajib npwp?"."""
    exists: dict[str, frozenset[str]] = field(default_factory=dict)
    """ "words" asking whether something is there ("ada", "tersedia") and the "negations" that make one a statement."""
    """Words of asking to get aid, by role ("desire", "modal", "getting", "between"): "mau dapat", "biar dapet" wish
    for aid (no status asked); "boleh ke kite ikut", "bisa gak kami daftar" and "… dapat modal, bisa?" ask whether
    the asker can get it (see the understander)."""

    conjunction_or_place: dict[str, str] = field(default_factory=dict)
    """Chat abbreviations that are a conjunction or a place's short name ("tp"/"tpi": "tapi" or Tanjungpinang), told
    apart by the words around them (see the understander)."""
    clause_openers: frozenset[str] = frozenset()
    """Words that open a clause after a conjunction ("… tp tanpa Batam", "tp kok dikit"): before one of them an
    abbreviation of :attr:`conjunction_or_place` is the conjunction."""
    islands: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    """Words after "pulau" → the island's name and the kab/kota on it (``data/islands.json``): "pulau bintan" is
    Kabupaten Bintan and Kota Tanjungpinang, not the kabupaten alone."""
    digit_letters: dict[str, str] = field(default_factory=dict)
    name_abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    correction_markers: tuple[str, ...] = ()
    """Words with which a message corrects itself ("maksud saya", "ralat"): what follows replaces what was said."""
    correction_openers: tuple[str, ...] = ()
    thanks_after: frozenset[str] = frozenset()
    """Words that intensify a thanks right after it ("terima kasih *banyak*", "thank you *so much*"): no quantity."""
    """Words that may come right before a correction marker ("eh", "bukan")."""
    """The first word of a place name → its short forms ("tanjung" → "tg", "tj"): "tg unggat" is Tanjung Unggat."""
    """Digits typed for the letters they look like ("kub3 tot4l"): a word so written is read as the known word."""
    same_name_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    """A shared name → what the places elsewhere are ("penyengat": desa): "Kelurahan Penyengat" is then Kepri's."""
    umbrella_programs: Phrases = ()
    umbrella_parents: dict[str, frozenset[str]] = field(default_factory=dict)
    """Each program the report puts over the activities → the words that tell its names apart ("rehsos")."""
    direct_aid: Phrases = ()
    """ "bantuan langsung", "direct aid": a kind of aid, not a program's name; read as the 'direct_aid' programs."""
    direct_programs: tuple[str, ...] = ()
    help_with_request: Phrases = ()
    """ "mohon bantuannya", "minta tolong": with a request for figures, help with it, not aid applied for."""
    served_groups: dict[str, Phrases] = field(default_factory=dict)
    """Program code → phrases of the people it is for ("penyandang disabilitas", "tinggal seorang"): a question asking
    what aid there is for them is pointed to that program."""
    which_program: dict[str, frozenset[str]] = field(default_factory=dict)
    """Words asking which program fits the asker, by role ("nouns", "which", "fits", "for"): "sy masuk program apa",
    "bantuan utk org kayak sy program apa" (see the understander)."""
    in_need: dict[str, frozenset[str]] = field(default_factory=dict)
    """Words of a story about someone the programs serve, by role ("asking": "gimana", "tolong"; "away": the asker's
    work elsewhere, "saya kerja di batam"): see the understander."""
    amount_each: dict[str, frozenset[str]] = field(default_factory=dict)
    """Words asking the amount each recipient gets, by role ("getting", "each", "units"): "KUBE dapat berapa per
    kelompok", "bantuan per KK berapa" (see the understander)."""
    own_office: dict[str, frozenset[str]] = field(default_factory=dict)
    """Words of the asker's own post, by role ("roles", "links", "offices"): "saya staf kecamatan", "sy kabid rehsos"
    say where the asker works, never what is asked (see the understander)."""
    """The programs the report names the activities under ("Program Perlindungan dan Jaminan Sosial", "Program
    Rehabilitasi Sosial") without a figure of their own or saying which activity is under which."""
    creative_writing: dict[str, Phrases] = field(default_factory=dict)
    """ "verbs" of composing ("buatin", "bikinin", "write") and the "works" composed ("cerita", "surat lamaran", "cv"),
    as typed (not reduced: "buat" is slang of "untuk"): a request to write something (see the understander)."""
    grievance: dict[str, Phrases] = field(default_factory=dict)
    """ "well_off" (someone well off: "punya mobil", "yang kaya"), "reporting" ("mau lapor") and "afar" ("dari
    jauh"): the words of a citizen's grievance, as reduced; kept out of the intents, so their everyday words are
    never words of a figures question."""

    def attachment_kind(self, note: str) -> str | None:
        """ "[lokasi: Kijang]" → "location", "[dokumen: rekap.xlsx]" → "document": what a note of an attachment says
        came with the text (its first words, or a file name's extension); None when it is no such note."""
        inside = note.strip().strip("[]").lower()
        head = inside.split(":", 1)[0].strip()
        words = re.findall(r"[a-z]+", head)
        ext = re.findall(r"\.([a-z]{2,5})\b", inside)
        for kind, names in self.attachment_notes.items():
            if " ".join(words[:2]) in names or (words and words[0] in names) or any(e in names for e in ext):
                return kind
        return None

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word the lexicon knows: such a word is never fuzzy-matched to a place name."""
        words = set(self.stopwords) | set(self.slang) | set(self.slang.values()) | set(self.harmless)
        words |= self.fillers
        for phrases in self.intents.values():
            for phrase in phrases:
                words.update(phrase)
        return frozenset(words)

    @cached_property
    def _exclusion_spellings(self) -> dict[str, str]:
        """The one-word 'exclude' phrases said before what they leave out ("selain", "kecuali", "tanpa") and the
        slang spellings of them ("selaen"), each with the word it stands for."""
        words = {
            p[0] for p in self.intents.get("exclude.before", ()) if len(p) == 1 and len(p[0]) >= EXCLUSION_SHORTEST
        }
        found = {w: w for w in words}
        found.update({k: v for k, v in self.slang.items() if v in words and k.isalpha()})
        return found

    def exclusion_typo(self, word: str) -> str | None:
        """ "slain", "kcuali", "tnpa", "slaen": an exclusion word typed with a vowel or two dropped — the same
        consonants in the same order, the same first and last letter — when the word typed is no word of the lexicon
        nor an everyday Indonesian word ("slain" is English, but not said in a question about aid); None otherwise."""
        if len(word) < EXCLUSION_SHORTEST - 2 or not word.isalpha() or word in self.known_words or self.ordinary(word):
            return None
        skeleton = _consonants(word)
        for spelling, meant in self._exclusion_spellings.items():
            if (
                0 < len(spelling) - len(word) <= EXCLUSION_DROPPED
                and word[0] == spelling[0]
                and word[-1] == spelling[-1]
                and _consonants(spelling) == skeleton
                and _subsequence(word, spelling)
            ):
                return meant
        return None

    @cached_property
    def _contraction_index(self) -> dict[tuple[str, str], dict[str, float]]:
        """(first letter, consonants) → the words of the lexicon and the frequent Indonesian words so written, and
        (a word of the lexicon without its last letter, "") → that word; each with its frequency."""
        # a word of the lexicon counts as frequent even when the list lacks it ("tersedikit")
        pool = {
            w: max(self.frequencies.get(w, 0.0), CONTRACTED_ZIPF)
            for w in self.vocabulary - set(self.slang)
            if w.isalpha()
        }
        pool |= {w: f for w, f in self.frequencies.items() if f >= CONTRACTED_ZIPF}
        index: dict[tuple[str, str], dict[str, float]] = {}
        for w, f in pool.items():
            if len(w) > CONTRACTED_SHORTEST:
                index.setdefault((w[0], _consonants(w)), {})[w] = f
                if w in self.vocabulary:  # the last letter dropped: only of a word of the lexicon ("palin")
                    index.setdefault((w[:-1], ""), {})[w] = f
        return index

    def contraction(self, word: str) -> str | None:
        """ "lwt" (lewat), "jdnya" (jadinya), "sdikit" (sedikit), "smpe" (sampe), "palin" (paling): an everyday word
        or a word of the lexicon typed without some of its vowels (the same consonants in the same order, the same
        first and last letter) or without its last letter, when the word as typed is rare and no known word, the word
        read far more frequent than it and no other reading of the same letters nearly as frequent; None otherwise.
        Letters doubled without a vowel ("bbk", "pkk") are an acronym, never read so."""
        if len(word) < CONTRACTED_SHORTEST or not word.isalpha() or word in self.known_words or word in self.slang:
            return None
        typed = max(self.frequencies.get(word, 0.0), self.other_frequencies.get(word, 0.0))
        if typed >= CONTRACTED_RARE or (not set(word) & _VOWELS and any(a == b for a, b in pairwise(word))):
            return None
        index = self._contraction_index
        readings = {
            w: f
            for w, f in index.get((word[0], _consonants(word)), {}).items()
            if w[-1] == word[-1] and len(w) > len(word) and _subsequence(word, w)
        }
        if len(word) > CONTRACTED_SHORTEST:
            readings |= index.get((word, ""), {})
        ranked = sorted(readings.items(), key=lambda r: -r[1])
        if not ranked or ranked[0][1] < typed + CONTRACTED_MARGIN:
            return None
        if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - CONTRACTED_TIE:
            return None
        return ranked[0][0]

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Words whose informal forms are brought back to them ("kucingku" → "kucing"): the vocabulary and the
        names of animals and things (which stay out of the vocabulary: "Nyamuk" is also a desa in Anambas)."""
        return self.vocabulary | frozenset(self.not_persons)

    @cached_property
    def topic_words(self) -> frozenset[str]:
        return frozenset(w for t in self.topics for p in t.words for w in p)

    @cached_property
    def topics_by_first_word(self) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
        """First word of a topic's phrase → (the topic's place in :attr:`topics`, the phrase)."""
        index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for i, topic in enumerate(self.topics):
            for phrase in topic.words:
                index.setdefault(phrase[0], []).append((i, phrase))
        return index

    @cached_property
    def read_words(self) -> dict[str, tuple[str, ...]]:
        """Tokens already read → the standard words each stands for (filled by :func:`canonical_words`, which reads
        the same words in every question: the reading is a function of the token and this lexicon alone)."""
        return {}

    @cached_property
    def topics_apart(self) -> tuple[tuple[int, tuple[frozenset[str], ...]], ...]:
        """The topics said by a word of each of several sets anywhere (:attr:`Topic.apart`): (place in
        :attr:`topics`, the sets)."""
        return tuple((i, t.apart) for i, t in enumerate(self.topics) if t.apart)

    @cached_property
    def topic_index(self) -> PhraseIndex[int]:
        """The topics' phrases → the topics' places in :attr:`topics`."""
        return PhraseIndex.build((i, phrase) for i, topic in enumerate(self.topics) for phrase in topic.words)

    @cached_property
    def not_held_index(self) -> PhraseIndex[int]:
        """The not-held phrases → the breakdowns' places in :attr:`not_held`."""
        return PhraseIndex.build((i, p) for i, phrases in enumerate(self.not_held.values()) for p in phrases)

    @cached_property
    def not_held_by_first_word(self) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
        """First word of a not-held phrase → (the breakdown's place in :attr:`not_held`, the phrase)."""
        index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for i, phrases in enumerate(self.not_held.values()):
            for phrase in phrases:
                index.setdefault(phrase[0], []).append((i, phrase))
        return index

    @cached_property
    def not_held_words(self) -> frozenset[str]:
        return frozenset(w for phrases in self.not_held.values() for p in phrases for w in p)

    @cached_property
    def _filler_skeletons(self) -> frozenset[tuple[str, str]]:
        return frozenset((f, _consonants(f)) for f in self.fillers if len(_consonants(f)) >= 2)

    def filler(self, word: str) -> bool:
        """A word of address or a particle, or a vowel-less contraction of one: "bg" (bang), "mbk" (mbak), "bpk"
        (bapak) — its letters in the filler's order, from its first letter to its last consonant."""
        if word in self.fillers or (len(word) > 2 and word[-1] == word[-2] and word[:-1] in self.fillers):
            return True  # "gann", "minn": the last letter held
        if len(word) < 2 or len(word) > 4 or not word.isalpha() or set(word) & _VOWELS:
            return False
        if any(a == b for a, b in pairwise(word)):
            return False  # "pkk" (the women's organisation), "bskk": an acronym, no contraction of "pakcik"
        return any(
            word[0] == f[0] and word[-1] == skeleton[-1] and _subsequence(word, skeleton)
            for f, skeleton in self._filler_skeletons
        )

    def ordinary(self, word: str) -> bool:
        """An everyday Indonesian word (by frequency), as opposed to a name or a typo."""
        return self.frequencies.get(word, 0.0) >= ORDINARY_ZIPF

    def english(self, word: str) -> bool:
        """A word far more common in English than in Indonesian ("which", "more", "than"; not "data", "total")."""
        en = self.english_frequencies.get(word, 0.0)
        return en >= ENGLISH_ZIPF and en - self.frequencies.get(word, 0.0) >= ENGLISH_MARGIN

    def common(self, word: str) -> bool:
        """A plainly meaningful everyday word (Zipf ≥ 4 in Indonesian, Malay or English): "listrik", "candi"; not
        "qwerty" (3.2)."""
        return max(self.frequencies.get(word, 0.0), self.other_frequencies.get(word, 0.0)) >= COMMON_ZIPF

    def meaningful(self, word: str) -> bool:
        """A real word, if not an everyday one (Zipf ≥ 3.5: "lamaran", "tongkol"), as opposed to a typo or a name: a
        message of such words that nothing about aid accounts for is about something else."""
        return self.common(word) or self.frequencies.get(word, 0.0) >= MEANINGFUL_ZIPF

    def everyday(self, word: str) -> bool:
        """An everyday word in Indonesian, Malay or English, or a short particle or clitic ("ny", "je", "ka"): such
        a word left unexplained in a question about the figures is ignored knowingly; a rare one (a possible place,
        program or topic) is asked back."""
        if word in self.never_ignored or word in self.laughter:
            return False
        if word.endswith("2") and word[:-1].isalpha():  # "cepat2", "buru2": a reduplicated word, never a name
            return True
        if len(word) <= SHORT_WORD:
            return True
        if max(self.frequencies.get(word, 0.0), self.other_frequencies.get(word, 0.0)) >= ORDINARY_ZIPF:
            return True
        return self.derived(word)

    def derived(self, word: str) -> bool:
        """ "sertakan", "dibagikan": a real word (Zipf ≥ 3.5) made of an everyday stem and an affix; "umurnya",
        "rumahlah": an everyday word with a clitic, however rare the whole."""
        if any(word.endswith(c) and self.ordinary(word[: -len(c)]) for c in _CLITICS if len(word) - len(c) >= 3):
            return True
        return self.frequencies.get(word, 0.0) >= MEANINGFUL_ZIPF and any(self.ordinary(s) for s in _stems(word))


_SUFFIXES = ("kan", "an", "i", "nya", "lah", "kah")
_CLITICS = ("nya", "lah", "kah", "pun")
_PREFIXES = ("di", "ter", "ber", "se", "ke", "per")


def _stems(word: str) -> list[str]:
    """The word without one Indonesian suffix, one prefix, or both ("disertakan" → "sertakan", "diserta", "serta"),
    each stem three letters or more."""
    ends = [word] + [word[: -len(x)] for x in _SUFFIXES if word.endswith(x)]
    stems = ends[1:]
    for e in ends:
        stems += [e[len(x) :] for x in _PREFIXES if e.startswith(x)]
    return [s for s in stems if len(s) >= 3]


_VOWELS = frozenset("aeiou")


def _consonants(word: str) -> str:
    return "".join(c for c in word if c not in _VOWELS)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _reduced(words: Iterable[str], slang: dict[str, str]) -> frozenset[str]:
    """Single words, lower-cased and reduced to their standard form ("dpt" → "dapat")."""
    return frozenset(slang.get(w.lower(), w.lower()) for w in words)


def _phrases(items: Iterable[str], slang: dict[str, str] | None = None) -> Phrases:
    """Each phrase as words; with ``slang``, also in the form the question is matched in (its words after slang is
    replaced, as :func:`canonical_words` does): "siapa yang buat" is matched as "siapa yang untuk", since "buat" is
    read as "untuk". A phrase one of whose words slang drops ("is there") gets no second form: it would shrink; nor
    does a one-word phrase ("programnya" would become every "program")."""
    out: list[tuple[str, ...]] = []
    for item in items:
        words = tuple(tokens(item.lower()))
        if words:
            out.append(words)
            if slang:
                read = tuple(w for word in words for w in slang.get(word, word).split())
                if len(words) > 1 and read != words and len(read) >= len(words) and read not in out:
                    out.append(read)
    return tuple(out)


FREQUENCY_LANGUAGES = ("id", "ms", "en")
FREQUENCY_CACHE_FORMAT = "word-frequencies-1"
"""Changes when :func:`_read_frequencies` changes what it makes, so an old cache is never read."""


def _frequencies(data_dir: Path) -> dict[str, dict[str, float]]:
    """Each language's word frequencies (``id``, ``ms``, ``en``). Parsing the ~87,000 lines takes ~50 ms of every
    start, reading them back from ``var/cache`` (:data:`bot.config.PROJECT_DIR`) about a third of that: kept there
    under the SHA-256 of the files' content, so a changed file is parsed again; a cache that cannot be read or written
    is skipped."""
    from bot.config import PROJECT_DIR

    contents: dict[str, bytes | None] = {}
    digest = hashlib.sha256(FREQUENCY_CACHE_FORMAT.encode())
    for lang in FREQUENCY_LANGUAGES:
        path = data_dir / f"word_frequencies_{lang}.tsv"
        content = contents[lang] = path.read_bytes() if path.exists() else None
        digest.update(f"|{lang}:".encode() + (b"-" if content is None else hashlib.sha256(content).digest()))
    cache_dir = PROJECT_DIR / "var" / "cache"
    cached_path = cache_dir / f"frequencies-{digest.hexdigest()[:32]}.pickle"
    frequencies, _stored = cached(
        cached_path,
        lambda: {lang: _read_frequencies(contents[lang]) for lang in FREQUENCY_LANGUAGES},
        lambda value: isinstance(value, dict) and tuple(value) == FREQUENCY_LANGUAGES,
    )
    return frequencies


def _read_frequencies(content: bytes | None) -> dict[str, float]:
    """A frequency file's words and Zipf values (a word listed twice: the higher); none for a missing file."""
    out: dict[str, float] = {}
    if content is None:
        return out
    get = out.get
    for line in content.decode("utf-8").splitlines():
        if line and line[0] != "#":
            word, _tab, zipf = line.partition("\t")
            value = float(zipf)
            known = get(word, 0.0)
            out[word] = value if value > known else known
    return out


def _higher(first: dict[str, float], second: dict[str, float]) -> dict[str, float]:
    """Two languages' frequencies as one: each word's higher frequency."""
    out = dict(first)
    get = out.get
    for word, value in second.items():
        known = get(word, 0.0)
        out[word] = value if value > known else known
    return out


def _optional_json(data_dir: Path, name: str) -> dict[str, Any]:
    """A data file of the lexicon that a deployment may leave out: its JSON object, or an empty one."""
    path = data_dir / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _optional_rows(data_dir: Path, name: str) -> list[list[str]]:
    """The rows of an optional tab-separated data file, its header and ``#`` comments left out."""
    path = data_dir / name
    if not path.exists():
        return []
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return rows[1:]


def _officials(data_dir: Path) -> tuple[Official, ...]:
    return tuple(
        Official(
            p["name"],
            tuple(w.lower() for w in p["words"]),
            frozenset(w.lower() for w in p.get("common_words", [])),
            p["role"],
            p.get("role_en", p["role"]),
            tuple(w.lower() for w in p.get("role_words", [])),
            p.get("period", ""),
            p.get("source", ""),
            p.get("source_text", ""),
            bool(p.get("quoted")),
        )
        for p in _optional_json(data_dir, "officials.json").get("people", [])
    )


def _honorifics(data_dir: Path, slang: dict[str, str]) -> frozenset[str]:
    return _reduced(_optional_json(data_dir, "officials.json").get("honorifics", []), slang)


def _national(data_dir: Path) -> tuple[NationalProgram, ...]:
    return tuple(
        NationalProgram(
            p["code"], p["name"], tuple(a.lower() for a in p["aliases"]), p["text"], bool(p.get("cek_bansos"))
        )
        for p in _optional_json(data_dir, "national_programs.json").get("programs", [])
    )


def _outside_names(data_dir: Path) -> dict[str, str]:
    """``data/outside_names.tsv``: places elsewhere whose names look like a Kepri name (made by
    :mod:`bot.understanding.lookalikes`)."""
    return {name: label for name, label in _optional_rows(data_dir, "outside_names.tsv")}


def _islands(data_dir: Path) -> dict[tuple[str, ...], tuple[str, tuple[str, ...]]]:
    islands = _optional_json(data_dir, "islands.json").get("islands", [])
    return {tuple(i["words"].lower().split()): (i["name"], tuple(i["kabkota"])) for i in islands}


def _same_names(data_dir: Path) -> dict[str, str]:
    return {name: provinces for name, provinces, *_kinds in _optional_rows(data_dir, "same_names.tsv")}


def _same_name_kinds(data_dir: Path) -> dict[str, frozenset[str]]:
    """Name → the kinds of the places elsewhere that bear it (desa, kelurahan, kecamatan), where the file says."""
    rows = _optional_rows(data_dir, "same_names.tsv")
    return {row[0]: frozenset(k.strip() for k in row[2].split(",") if k.strip()) for row in rows if len(row) > 2}


@cache
def load_lexicon(data_dir: Path) -> Lexicon:
    raw = json.loads((data_dir / "lexicon.json").read_text(encoding="utf-8"))
    frequencies = _frequencies(data_dir)
    slang = {k.lower(): v.lower() for k, v in raw["slang"].items()}
    intents: dict[str, Phrases] = {}
    for name, value in raw["intents"].items():
        # the English words are a list of words, not phrases matched in a question: kept as written
        read = None if name == "english" else slang
        if isinstance(value, dict):
            for sub, items in value.items():
                intents[f"{name}.{sub}"] = _phrases(items, read)
        else:
            intents[name] = _phrases(value, read)
    return Lexicon(
        slang=slang,
        stopwords=frozenset(w.lower() for w in raw["stopwords"]),
        generic_place_words=frozenset(w.lower() for w in raw["generic_place_words"]),
        intents=intents,
        harmless=frozenset(w.lower() for w in raw.get("harmless", [])),
        topics=tuple(
            Topic(
                code,
                _phrases(t["words"], slang),
                t["where"],
                bool(t.get("answered")),
                bool(t.get("when")),
                bool(t.get("named")),
                bool(t.get("aside")),
                tuple(frozenset(slang.get(w, w) for w in group) | frozenset(group) for group in t.get("apart", [])),
                _phrases(t.get("unless", []), slang),
                bool(t.get("local")),
                _phrases(t.get("except", []), slang),
                tuple(frozenset(slang.get(w, w) for w in group) | frozenset(group) for group in t.get("of_named", [])),
                frozenset(w.lower() for w in t.get("counted_cut", [])),
                _phrases(t["words"] if t.get("situation") is True else t.get("situation", []), slang),
            )
            for code, t in raw.get("out_of_scope", {}).items()
        ),
        not_held={k: _phrases(v, slang) for k, v in raw.get("not_held", {}).items()},
        frequencies=frequencies["id"],
        other_frequencies=_higher(frequencies["ms"], frequencies["en"]),
        english_frequencies=frequencies["en"],
        never_ignored=frozenset(w.lower() for w in raw.get("never_ignored", [])),
        cell_gap=_reduced(raw.get("cell_gap", []), slang),
        population_words=_reduced(raw.get("population_words", []), slang),
        other_islands={k.lower(): v for k, v in raw.get("other_islands", {}).items()},
        other_sources={k.lower(): v for k, v in raw.get("other_sources", {}).items()},
        registry_sources=frozenset(
            v for k, v in raw.get("other_sources", {}).items() if k.lower() in raw.get("registry_sources", [])
        ),
        outside_places=_outside_names(data_dir) | {k.lower(): v for k, v in raw.get("outside_places", {}).items()},
        national=_national(data_dir),
        officials=_officials(data_dir),
        honorifics=_honorifics(data_dir, slang),
        same_names=_same_names(data_dir),
        same_name_kinds=_same_name_kinds(data_dir),
        fillers=frozenset(w.lower() for w in raw.get("fillers", [])),
        year_phrases=_phrases(raw.get("year_phrases", [])),
        not_persons={w.lower(): kind for kind, words in raw.get("not_persons", {}).items() for w in words},
        livelihood=frozenset(w.lower() for w in raw.get("livelihood", [])),
        yes_no=frozenset(w.lower() for w in raw.get("yes_no", [])),
        unit_words={w.lower(): unit for unit, ws in raw.get("unit_words", {}).items() for w in ws},
        laughter=frozenset(w.lower() for w in raw.get("laughter", [])),
        intensifiers=frozenset(w.lower() for w in raw.get("intensifiers", [])),
        meaning_verbs={k: frozenset(w.lower() for w in v) for k, v in raw.get("meaning_verbs", {}).items()},
        dish_words=frozenset(w.lower() for w in raw.get("dish_words", [])),
        capital_words=frozenset(compress(w.lower()) for w in raw.get("capital_words", [])),
        counted=frozenset(w.lower() for w in raw.get("counted", [])),
        attachment_notes={k: frozenset(w.lower() for w in v) for k, v in raw.get("attachment_notes", {}).items()},
        asking_words=_reduced(raw.get("asking_words", []), slang),
        proposing_words=_reduced(raw.get("proposing_words", []), slang),
        submitted=_reduced(raw.get("submitted", []), slang),
        exists={k: frozenset(w.lower() for w in v) for k, v in raw.get("exists", {}).items()},
        wanting={k: _reduced(v, slang) for k, v in raw.get("wanting", {}).items()},
        shared_evenly=_phrases(raw.get("shared_evenly", {}).get("phrases", []), slang),
        evenly_asking=frozenset(w.lower() for w in raw.get("shared_evenly", {}).get("asking", [])),
        figure_lookup={k: _reduced(v, slang) for k, v in raw.get("figure_lookup", {}).items()},
        vague_data={k: _reduced(v, slang) for k, v in raw.get("vague_data", {}).items()},
        requirements={
            k: frozenset(r for w in v if (r := " ".join(slang.get(x, x) for x in w.lower().replace("-", " ").split())))
            for k, v in raw.get("requirements", {}).items()
        },
        conjunction_or_place={k.lower(): v.lower() for k, v in raw.get("conjunction_or_place", {}).items()},
        clause_openers=frozenset(w.lower() for w in raw.get("clause_openers", [])),
        digit_letters=dict(raw.get("digit_letters", {})),
        correction_markers=tuple(raw.get("corrections", {}).get("markers", [])),
        correction_openers=tuple(raw.get("corrections", {}).get("openers", [])),
        thanks_after=frozenset(w.lower() for w in raw.get("thanks_after", [])),
        name_abbreviations={k.lower(): tuple(v) for k, v in raw.get("name_abbreviations", {}).items()},
        islands=_islands(data_dir),
        umbrella_programs=_phrases(raw.get("umbrella_programs", [])),
        umbrella_parents={k: frozenset(v) for k, v in raw.get("umbrella_parents", {}).items()},
        direct_aid=_phrases(raw.get("direct_aid", {}).get("phrases", []), slang),
        direct_programs=tuple(raw.get("direct_aid", {}).get("programs", [])),
        help_with_request=_phrases(raw.get("help_with_request", []), slang),
        served_groups={k: _phrases(v, slang) for k, v in raw.get("served_groups", {}).items()},
        own_office={k: _reduced(v, slang) for k, v in raw.get("own_office", {}).items()},
        which_program={k: _reduced(v, slang) for k, v in raw.get("which_program", {}).items()},
        in_need={k: _reduced(v, slang) for k, v in raw.get("in_need", {}).items()},
        amount_each={k: _reduced(v, slang) for k, v in raw.get("amount_each", {}).items()},
        grievance={k: _phrases(v, slang) for k, v in raw.get("grievance", {}).items()},
        creative_writing={k: _phrases(v) for k, v in raw.get("creative_writing", {}).items()},
    )


# ---- words ------------------------------------------------------------------------------------------------------
def canonical_words(text: str, lexicon: Lexicon) -> list[str]:
    """Tokens with slang replaced by the standard word ("brp" → "berapa", "kab" → "kabupaten")."""
    out: list[str] = []
    read = lexicon.read_words
    for word in tokens(clean(text)):
        found = read.get(word)
        if found is None:
            found = _standard_words(word, lexicon)
            if len(read) < READ_WORDS_KEPT:
                read[word] = found
        out.extend(found)
    return out


READ_WORDS_KEPT = 50_000
"""At most this many tokens are kept with the words they are read as (:attr:`Lexicon.read_words`)."""


def _standard_words(word: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The standard words one token stands for: itself, its slang's reading, or a known form of an informal
    spelling (see :func:`canonical_words`)."""
    vocabulary = lexicon.known_words
    if word not in vocabulary and word not in lexicon.slang:
        word = _known_form(word, vocabulary, lexicon.slang)
        word = _malay_final_a(word, lexicon)
        word = _frequent_form(word, lexicon) if word not in vocabulary and word not in lexicon.slang else word
        if word not in vocabulary:
            word = lexicon.exclusion_typo(word) or word  # "slain", "kcuali": an exclusion word, vowels dropped
    return tuple(lexicon.slang.get(word, word).split())


_REPEATS = re.compile(r"(.)\1{2,}")
MALAY_E_SHORTEST = 4
"""Shortest word read with Riau Malay's final "e" for "a" ("dibuke"; "ape", "ade" are slang of their own)."""


def _malay_final_a(word: str, lexicon: Lexicon) -> str:
    """ "dibuke" → "dibuka", "dikasike" → …: a word typed with Riau Malay's final "e" for "a", when it is no known
    word nor an everyday Indonesian word itself and its form in "a" is a word of the lexicon (or its slang)."""
    if len(word) < MALAY_E_SHORTEST or not word.endswith("e") or not word.isalpha() or lexicon.ordinary(word):
        return word
    if word in lexicon.known_words or word in lexicon.slang:
        return word
    read = word[:-1] + "a"
    return read if read in lexicon.known_words or read in lexicon.slang else word


def _known_form(word: str, vocabulary: frozenset[str], slang: dict[str, str]) -> str:
    """Informal spellings of a known word: "halooo" → "halo", "jenis2" → "jenis", "persennya" → "persen"."""

    def known(w: str) -> bool:
        return w in vocabulary or w in slang

    if word.endswith("2") and word[:-1].isalpha():  # reduplication written with 2 ("jenis2" = "jenis-jenis")
        base = _known_form(word[:-1], vocabulary, slang)
        # "buru2" (in a hurry) stays a word of its own: never the kecamatan Buru
        return base if known(base) else word
    for candidate in (_REPEATS.sub(r"\1\1", word), _REPEATS.sub(r"\1", word)):  # "bskkk" is bskk, not bsk
        if candidate != word and known(candidate):
            return candidate
    for suffix in ("nya", "nye", "kah", "lah", "ku", "mu"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and known(word[: -len(suffix)]):
            return word[: -len(suffix)]
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and stem.endswith("2") and stem[:-1].isalpha() and len(stem) > 3:
            base = _known_form(stem, vocabulary, slang)  # "nama2nya", "jenis2nya": the reduplicated word
            if known(base):
                return base
    for candidate in _colloquial_forms(word):
        if known(candidate):
            return candidate
    return word


def _colloquial_forms(word: str) -> Iterable[str]:
    """The standard forms a colloquial (Jakarta) verb may stand for: the suffix "-in" for "-kan"/"-i" ("jumlahin",
    "urutin", "bandingin"), the prefix "ng-"/"nge-"/"ny-" for "meN-" ("ngitung" → "hitung", "ngajuin" → "ajukan",
    "nyebut" → "sebut"). Only a form the lexicon knows is taken (see :func:`_known_form`)."""
    if len(word) < MIN_COLLOQUIAL or not word.isalpha():
        return
    stems = [word]
    if word.startswith("nge") and len(word) > MIN_COLLOQUIAL:
        stems.append(word[3:])
    if word.startswith("ng") and len(word) - 2 > MIN_STEM:
        rest = word[2:]
        stems += [rest, "k" + rest, "h" + rest, "meng" + rest]
    if word.startswith("ny"):
        stems += ["s" + word[2:], "meny" + word[2:]]
    for stem in stems:
        if len(stem) < MIN_STEM + 1:
            continue  # "ngaku" is no "aku"
        if stem != word:
            yield stem
        if stem.endswith("in") and len(stem) > MIN_STEM + 2:
            base = stem[:-2]
            yield from (base + "kan", base + "i")
            if len(base) > MIN_STEM + 1:
                yield base  # "totalin" → "total"; never "samain" → "sama" (a word of its own)


def _frequent_form(word: str, lexicon: Lexicon) -> str:
    """A colloquial verb with the suffix "-in" that no list knows, read as its standard "-kan"/"-i" form when that is
    a frequent Indonesian word (Zipf ≥ 3.5): "dijalanin" → "dijalankan", "kasihin" → "kasihkan". A word frequent
    itself stays ("kemarin" is no "kemari"), and so does a word whose "-kan"/"-i" forms are rare (names)."""
    if len(word) < MIN_COLLOQUIAL or not word.isalpha() or not word.endswith("in") or len(word) <= MIN_STEM + 2:
        return word
    if max(lexicon.frequencies.get(word, 0.0), lexicon.other_frequencies.get(word, 0.0)) >= ORDINARY_ZIPF:
        return word
    base = word[:-2]
    forms = [f for f in (base + "kan", base + "i") if lexicon.frequencies.get(f, 0.0) >= MEANINGFUL_ZIPF]
    return max(forms, key=lambda f: lexicon.frequencies[f]) if forms else word


MIN_COLLOQUIAL = 5
"""Shorter words are never read as colloquial verbs ("ingin", "main", "kain" stay as they are)."""
MIN_STEM = 3


@lru_cache(maxsize=512)
def first_words(phrases: Phrases) -> frozenset[str]:
    """The first words of the phrases: a question holding none of them holds none of the phrases (the lists are the
    lexicon's, a few dozen phrases each, read in every question)."""
    return frozenset(p[0] for p in phrases if p)


@lru_cache(maxsize=1024)
def spans(n: int, longest: int) -> tuple[tuple[int, int], ...]:
    """Every (start, end) span, longest first, left to right (the same few lengths of question come every time)."""
    return tuple((i, i + size) for size in range(min(longest, n), 0, -1) for i in range(n - size + 1))


def contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    if len(phrase) == 1:
        return phrase[0] in words
    return find(words, phrase) >= 0


def find(words: list[str], phrase: tuple[str, ...]) -> int:
    """Where a phrase starts in the words, or -1. The phrase is compared only where its first word stands, found
    with list.count and list.index (in C): most phrases' first word is not in the question at all."""
    n = len(phrase)
    if not n:
        return 0 if phrase == () else -1  # found at once, as a scan from the start finds it
    first = phrase[0]
    if first not in words:
        return -1
    i = -1
    for _ in range(words.count(first)):
        i = words.index(first, i + 1)
        if tuple(words[i : i + n]) == phrase:
            return i
    return -1


def positions(words: list[str], word: str) -> list[int]:
    """Where the word stands in the words, in order. Found with list.count and list.index (in C): a phrase is
    compared only where its first word stands, and most phrases' first word is not in the question at all."""
    out: list[int] = []
    i = -1
    for _ in range(words.count(word)):
        i = words.index(word, i + 1)
        out.append(i)
    return out
