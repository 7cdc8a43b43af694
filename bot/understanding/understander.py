"""Understanding Indonesian questions about the figures.

Everything is built from data: region names and parents (Kemendagri, from the store), aliases, program names and
aliases (``data/programs.json``), national programs (``data/national_programs.json``), word frequencies and the
vocabulary in ``data/lexicon.json``. Nothing here knows a sentence.

Steps: normalise and tokenise; find the year; find national programs, then Dinsos programs (exact, then fuzzy);
find places by exact n-gram look-up of Kepri names (kab/kota, kecamatan, desa/kelurahan, aliases) and of names
elsewhere in Indonesia, then by fuzzy matching of the words left over that are not ordinary Indonesian words
(rapidfuzz, word frequencies); account for every word left; finally pick the intent (:mod:`.intents`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Set
from datetime import UTC, datetime
from functools import cached_property
from itertools import pairwise
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.figures.facts import Facts, RegionInfo
from bot.text.i18n import to_local
from bot.text.normalise import clean, compress, tokens
from bot.understanding import operations, scenarios
from bot.understanding.gazetteer import Ambiguity, Entry, FuzzySet, Gazetteer, PlaceMatch, ProgramIndex
from bot.understanding.intents import (
    APPLY_WORDS,
    DATA_WORDS,
    DOMAIN_WORDS,
    EXCLUDE_WORDS,
    FIGURE_INTENTS,
    HEARSAY_WORDS,
    MEMBERSHIP_WORDS,
    MILLION_COUNT,
    NAME_ASKED,
    NARRATIVE_WORDS,
    NUMBER_WORDS,
    OFFICE_WORDS,
    PROGRAM_WORDS,
    REGION_NOUNS,
    REGION_WORDS,
    RELATIVE_YEARS,
    Arith,
    Intent,
    Order,
    Per,
    Rank,
    Understanding,
    asks_membership,
    decide,
    only_place_claimed,
    only_places_claimed,
    ordinal,
    quotes_a_figure,
)
from bot.understanding.lexicon import (
    ENGLISH_MARGIN,
    Lexicon,
    PhraseIndex,
    Phrases,
    Topic,
    canonical_words,
    contains,
    find,
    first_words,
    load_lexicon,
    positions,
    spans,
)

__all__ = [
    "ATTACHMENT_ONLY",
    "Ambiguity",
    "Intent",
    "PlaceMatch",
    "Understander",
    "Understanding",
    "canonical_words",
    "split_parts",
]

MAX_NGRAM = 5
PLACE_BEGINNING = 5
"""Letters of a word's beginning looked up among the beginnings of the places' keys before its spans are."""
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
LEET_SHORTEST = 4
PROGRAM_OWNED_SHORTEST = 6
"""Shortest program name with "-nya" typed onto it read as the name ("uepnya", "pkhnya": three letters and "nya")."""
"""Shortest word read with digits as letters ("kub3"); "d3", "k3" are a diploma and work safety, not "de", "ke"."""
_PARENTHESISED = re.compile(r"\(([^()]{2,80})\)")
_LIST_JOINERS = frozenset({"dan", "serta", "and", "n", "dg", "dgn", "dengan"})
"""Words that join the names of a list ("Batam, Bintan dan Karimun")."""
_CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z]\b")
"""A word typed in capitals ("BBK", "KJP"): an acronym, never an everyday word typed short."""
_K_YEAR = re.compile(r"^([12])k(\d\d)$")
"""A year written with "k" for thousand ("2k22", "2k23")."""
_BASE_WORDS = frozenset({"dari", "dibanding", "dibandingkan", "dengan", "vs", "versus", "terhadap", "of", "than"})
"""Words before what a figure is measured against ("persen dari Bintan", "dibanding Batam")."""
_KAB_WORDS = frozenset({"kabupaten", "kota", "kepulauan"})
_LAUGH = re.compile(r"^(?:(?:ha|he|hi|hu|xi|wk|kw|aw)h?){2,}$")
"""Laughter typed at any length ("hahahaha", "hehehe", "wkwkwkwk"), beside the listed forms."""

LIVELIHOOD_SHORTEST = 4
"""Shortest livelihood word looked for inside a program group's names written without spaces ("modalusaha")."""
FUZZY_CUTOFF = 80.0
"""Least rapidfuzz ratio for a misspelt place name (Lingaa → Lingga scores 83, Karimon → Karimun 86)."""
SERVICE_WORDS = frozenset({"pelayanan", "layanan", "petugas", "pegawai", "kantor", "dinsos", "dinas", "pendamping"})
BOT_WORDS = frozenset({"bot", "kamu", "anda", "jawaban", "jawab", "balas", "balasan", "respon", "chat", "you"})
"""Who a complaint is about: the office's service or this bot ("pelayanan dinsos lelet" vs "bot lelet")."""
_WHAT_IS = frozenset({"apa", "ini", "itu"})
_WHO = frozenset({"siapa", "who"})
_ASKER_AT = ("di", "dari", "warga", "asal", "orang", "in", "from")
"""Words right before the place where the asker lives or works ("saya guru di Tanjungpinang", "sy warga Natuna")."""
ASKER_WORDS_BEFORE = 5
"""The asker's first-person word is at most this many words before the word of where they are ("saya kerja di
kantor desa di Karimun"), with no asking word between ("saya mau tanya di Batam" asks of Batam)."""
_ASKER_OFFICE = ("dinsos", "dinas", "kantor", "pemkab", "pemkot", "kelurahan", "desa", "kecamatan")
"""An office of the place between those words and it ("kami dari dinsos bintan")."""
"""All a message about one program may hold besides it to ask what the program is ("apa UEP ni", "KUBE itu apa")."""
ALL_WORDS = frozenset({"semua", "seluruh", "all", "every"})
COUNT_WORDS = {
    w: n
    for n, base in enumerate(("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"), 1)
    for w in (base, "ke" + base)
}
"""Number words that count places ("tujuh kab/kota", "ketujuh kab/kota": all seven of them)."""
ADDED_UP = frozenset({"digabung", "gabungan", "digabungkan", "dijumlah", "dijumlahkan", "ditambah", "dijumlahin"})
"""Words of adding up the figures named ("semua kab/kota digabung")."""
LISTING_WORDS = frozenset(
    {"per", "tiap", "setiap", "masing", "rincian", "rinci", "daftar", "list", "tabel", "apa", "mana", "saja"}
    | {"rekap", "rekapitulasi", "data", "urutan", "urutkan"}
)
"""Words asking a figure of each kab/kota, or which they are ("total per kab/kota", "7 kab/kota apa saja")."""
INCLUDED_TOO = frozenset({"juga", "jg", "termasuk", "including", "also", "too"})
"""Words that say a place named is among every kab/kota asked ("seluruh kab/kota termasuk Natuna")."""
CONTRACTED_LONGEST = 6
"""Longest name typed without vowels that is read as a kab/kota ("krmn", "tjgpnng" is too long to be sure)."""
VOWELLED_SHORTEST, VOWELLED_LONGEST = 5, 9
"""A word of this length whose vowels are wrong but whose consonants are exactly a kab/kota's ("kirmun" for Karimun,
which ratio scores 77) is read as it, when it is no word and fuzzy matching found nothing."""
FUZZY_TIE = 3.0
"""Candidates within this many points of the best one for different kab/kota make the mention ambiguous."""
PROGRAM_TYPO_LONGEST = 7
"""Longest word tried as a misspelt program code or one-word program name ("jamsoss")."""
INFORMAL_SHORTEST = 4
"""Shortest informal spelling ("brape") a word one edit away from is read as another spelling of it, not a program."""
NEAR_PLACE_SHORTEST = 5
"""Shortest kab/kota name, and word, an unexplained word one edit from is offered in an ask-back ("bintang")."""
VOCAB_CUTOFF = 86.0
"""A rare word this close to a word of the lexicon is that word misspelt ("pnerima"), not an unexplained word."""

QUALIFIED_WORDS = frozenset(
    {"bantuan", "bansos", "program", "penerima", "dana", "santunan", "di", "ke", "kat", "in", "at", "desa", "kampung"}
    | {"kk", "orang", "warga"}
)
"""The word after one of these says which aid or which place ("bantuan pendidikan", "penerima zakat", "di
Karimunjawa"): never ignored."""

PLACE_BEFORE = frozenset({"di", "ke", "dari", "kat", "in", "at", "desa", "kampung", "pulau", "kelurahan"})
"""After one of these a word names a place ("di Nyamuk", a desa in Anambas), not an animal that gets aid."""

APPLY_LINKS = frozenset(
    {"jadi", "menjadi", "bikin", "buat", "membuat", "ikut", "sebagai", "punya", "memiliki", "daftar"}
)
"""Words between "cara daftar" / "syarat" and what is applied for ("syarat jadi pacar", "cara bikin akun")."""

VOWELS = frozenset("aeiou")
REGION_TITLES = frozenset({"kabupaten", "kab", "kota", "provinsi", "wilayah", "daerah", "tanah"})
"""Words before a name that make it a place ("Tanah Karo", "Tanah Datar", "Tanah Laut" are kabupaten)."""
COMPARE_LINKS = frozenset({"dengan", "dibanding", "dibandingkan", "banding", "daripada", "than", "with"})
"""Before a name, these make it the second place of a comparison ("Karimun dengan Pekanbaru")."""
PLACE_GAP = 2
"""An everyday word this close to a Kepri place named ("Batam PMKS Medan") may be a second place."""
VILLAGE_NOUNS = frozenset({"kelurahan", "desa", "kel", "pulau"})
REMAINDER_WORDS = frozenset({"sisa", "sisanya", "tersisa", "tinggal", "remain", "remains", "remaining", "left"})
"""Words asking what is left of the whole ("sisa brp dari total kepri", "kalau batam ga dihitung, sisanya brp")."""
_NAMED_AS_KIND = VILLAGE_NOUNS | {"kabupaten", "kab", "kota", "kecamatan", "kec", "provinsi", "regency", "city"}
"""Words that say what kind of place the name after them is ("kabupaten batang"): no bare name."""
"""Before a word, these make it the name of a desa/kelurahan or island even when it is also an ordinary word
("Kelurahan Penyengat", "Desa Tebing")."""


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
"""Where one sentence of a message ends and the next begins."""


def wish_at(words: list[str], i: int, wanting: dict[str, frozenset[str]]) -> bool:
    """A wish for aid ("mau ikut", "ingin daftar") ends right before word ``i`` ("mau ikut gimana")."""
    return words[i - 2] in wanting.get("desire", ()) and words[i - 1] in wanting.get("getting", ())


def _asks_where(after: list[str]) -> bool:
    """The words after a word of applying ask where or how: "daftar dmn", "daftarnya ke siapa"."""
    if after[:1] and after[0] in APPLY_ASKS:
        return True
    return len(after) == 2 and after[0] in VIA and after[1] in APPLY_ASKS


_APPLY_FOR = frozenset({"untuk", "buat", "program", "bantuan"})
"""Words between a word of applying and the aid applied for ("daftar untuk PMKS di mana", "register for PMKS where")."""


def _after(words: list[str], used: list[bool], i: int) -> list[str]:
    """The two words after word ``i`` that are not a program or place already found, nor a word before one ("daftar
    UEP kemana", "daftar untuk PMKS di mana")."""
    return [w for j, w in enumerate(words[i + 1 : i + 5], i + 1) if not used[j] and w not in _APPLY_FOR][:2]


WELL_OFF_GAP = 3
WELL_OFF_BEFORE = 8
"""At most this many words before someone well off in which "yang dapat" says they got the aid."""
"""Most words between a well-off person and the word of their getting aid ("yg punya mobil malah dapat")."""
_CENSORED = re.compile(r"[^\W\d_]\*+[^\W\d_]")
"""A word with letters starred out inside it ("anj*ng", "b*ngs*t"): a curse, however it is spelt."""
APPLY_ASKS = frozenset({"mana", "bagaimana", "siapa", "dimana", "kemana", "caranya", "how", "where"})
VIA = frozenset({"ke", "di", "lewat", "melalui", "sama"})
"""Question words that, right after a word of applying ("daftar dmn", "daftarnya gimana"), ask where or how to apply."""


_VIA = frozenset({"lewat", "melalui", "via", "through"})
_MANNER = frozenset({"mekanisme", "skema", "jalur", "pola", "mechanism", "scheme"})


def _without_manner(words: list[str]) -> list[str]:
    """ "brp KK keluarga miskin yg dpt bantuan lewat mekanisme kube": "lewat mekanisme" names the program the aid
    came through (the source's own wording), not how to apply; the manner word is left out when intents are read."""
    return [w for i, w in enumerate(words) if not (w in _MANNER and i and words[i - 1] in _VIA)]


def _beginnings(keys: Collection[str], longest: int | None = None) -> frozenset[str]:
    """Every non-empty beginning of the keys (up to ``longest`` letters): the first word of a span that is a key is
    one of them (cut to ``longest`` letters)."""
    return frozenset(key[:n] for key in keys for n in range(1, min(len(key), longest or len(key)) + 1))


def _past(words: list[str], start: int, skipped: Collection[str]) -> int:
    """The first position from ``start`` whose word is not one of ``skipped`` (``len(words)`` when none is)."""
    while start < len(words) and words[start] in skipped:
        start += 1
    return start


NEAR_REACH = 2
"""Most words between the words of a topic's 'of_named' sets ("udah cair", "cair gak ya belum")."""


def _near_all(words: list[str], groups: tuple[frozenset[str], ...]) -> bool:
    """A word of the first set with a word of each other set within :data:`NEAR_REACH` words of it ("sudah cair",
    "cair belum"; not "udah wafat tahun lalu tapi bantuannya tetap cair")."""
    first, *rest = groups
    return any(
        w in first and all(not g.isdisjoint(words[max(0, i - NEAR_REACH) : i + NEAR_REACH + 1]) for g in rest)
        for i, w in enumerate(words)
    )


def _contracts(word: str, skeleton: str) -> bool:
    """``word`` is ``skeleton`` (a name's consonants) as typed: the same first and last letter, every letter in order,
    and at most one left out (only when four or more are typed)."""
    if word[0] != skeleton[0] or word[-1] != skeleton[-1]:
        return False
    if len(word) != len(skeleton) and (len(word) < 4 or len(word) != len(skeleton) - 1):
        return False
    it = iter(skeleton)
    return all(c in it for c in word)


ENGLISH_RELATIVE_YEARS = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1}
"""Before "year": which year, counted from this one."""

APPROXIMATE = frozenset({"an", "anan", "ribuan", "ribu", "rb", "an2", "lebih", "kurang"})
"""After a number: "38 an" (about 38), "1 ribuan"."""
_WORK_WORDS = frozenset(
    {"skripsi", "tesis", "disertasi", "penelitian", "meneliti", "riset", "makalah", "kajian", "studi", "menulis"}
    | {"thesis", "research", "paper", "studying", "writing"}
)
"""The asker's own study or writing: "skripsi tentang …" says what it is about, never asks what something is."""
EVERY_WORDS = frozenset({"semua", "seluruh", "tiap", "setiap", "per", "masing", "all", "every", "each"})
JOIN_WORDS = frozenset({"dan", "atau", "kalau", "sama", "vs", "versus", "terus", "lalu", "serta", "and", "or"})
"""Before a place outside the province, one of these makes it a second place asked about ("PMKS Natuna dan Medan"),
not where the first one lies ("Lingga, Kalimantan Barat")."""

MAX_PARTS = 4
_ENUMERATION = re.compile(r"(?:^|\s|\n)(?:\d{1,2}|[a-eA-E])[.)]\s+|(?:^|\s|\n)\((?:\d{1,2}|[a-eA-E])\)\s*")
_ORDINALS = ("pertama", "kedua", "ketiga", "keempat", "kelima")
_ORDINALS_EN = ("first", "second", "third", "fourth", "fifth")
_ORDINAL = re.compile(
    r"(?:^|(?<=[\s,;.]))(?:(?:yang|yg|dan|terus|trus|lalu)\s+)?(?:"
    + "|".join(_ORDINALS + _ORDINALS_EN)
    + r")\b(?!\s*kali\b)[,:]?\s*",
    re.IGNORECASE,
)
"""Questions numbered in words ("pertama … kedua … ketiga …"): "kedua" alone is "both", so "pertama" comes first."""
_ASK_OPENERS = frozenset({"tanya", "nanya", "bertanya", "pertanyaan", "ask", "question", "questions"})
"""The last word of an opening that only announces questions ("min sy mau tanya, yang pertama …")."""
_SENTENCE = re.compile(r"[?\n]+")
_MARKUP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<[^>]*>|&[a-z]+;|&#\d+;", re.IGNORECASE | re.DOTALL)
"""HTML a user pastes around a question: tags (with a script's or style's content) and entities."""
ATTACHMENT_NOTE = re.compile(r"^\s*\[[^\]\n]{1,60}\]")
"""A note of what came with the text, written before it ("[foto] …", "[screenshot berita] …"): not the question."""
ATTACHMENT_ONLY = re.compile(r"\s*\[[^\]\n]{1,60}\]\s*")
_MINUS = re.compile(r"(?<=\w)\s+[-−]\s+(?=\w)")
"""A minus between two words ("Lingga + Natuna - Anambas"), not a hyphen inside one ("rata-rata")."""
_PLACE_BREAK = re.compile(r"[,;/]")
_VOCATIVE = re.compile(r"^\W*([^\W\d_]{2,12})\s*,")
"""The word a message opens with, before a comma: a word of address ("ngab, …", "suhu, …")."""
_REPEATS = re.compile(r"(.)\1{2,}")
_BIG_NUMBER = re.compile(r"\b\d{1,3}(?:[.,]\d{3})+\b|\b\d{4,}\b")
"""A figure as written in a question ("58.789", "58,789", "58789")."""
_ID_NUMBER = re.compile(
    r"(?<![\w.,])\d{2,6}[\dxX*]{8,}(?![\w.,])|(?<![\w.,])\d{12,}(?![\w.,])|(?<![\w.,])\d{2,}[xX*]{3,}(?![\w.,])"
)
"""A NIK or KK number as typed, whole or masked ("3171…", "2102xxxxxxxxxxxx", "2172xxxx"): a personal status check,
never a figure nor an unexplained word."""
_MASK = re.compile(r"^[x*]{4,}$")
_THOUSANDS = re.compile(r"^(\d{1,3})(rb|ribu|ribuan|k)?$")
_QUOTED = re.compile(r"[\"'“‘][^\"'“”‘’\n]{1,60}[\"'”’]")
"""Words the message quotes ("terjemahkan 'thank you'"): what they say is not said to the bot."""
_COMMA_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?!\d|,\d)")
MONEY_CUT_WORDS = frozenset({"ribu", "rb", "juta", "jt", "rp", "rupiah", "uang", "duit", "ratus", "k", "perak"})
"""Words that make a number cut from aid money ("dipotong 200 ribu"), never households taken from a figure."""
MAGNITUDES = frozenset({"ribu", "rb", "ribuan", "juta", "jt", "ratus", "ratusan"})
_NUMERAL = re.compile(r"^\d+(?:rb|ribu|ribuan|k|an|jt|juta)?$")
"""A number as typed in chat ("1rb", "58ribu", "23k")."""


def _plain(text: str, lexicon: Lexicon) -> str:
    """The words of a question: without markup pasted around it or a note of its attachment; "+" read as "tambah",
    a free-standing "-" as "kurang". A shared location's note keeps its place ("[lokasi: Kijang, Bintan] bantuan di
    sini brp" asks about Kijang)."""
    note = ATTACHMENT_NOTE.match(text)
    place = ""
    if note and lexicon.attachment_kind(note.group(0)) == "location" and ":" in note.group(0):
        place = note.group(0).strip().strip("[]").split(":", 1)[1].strip() + ","
    unmarked = _MARKUP.sub(" ", ATTACHMENT_NOTE.sub(" " + place + " ", text))
    plain = _MINUS.sub(" kurang ", unmarked.replace("+", " tambah "))
    return _year_spellings(plain)


_SHORT_YEAR = re.compile(
    r"(?<![\w'’])(?:'|’|2k)(\d{2})(?![\w.,]?\d)|\b((?:tahun|taun|thn|th|thun|year)\.? )(\d{2})(?![\w.,]?\d)",
    re.IGNORECASE,
)
"""A year written short: "'22", "2k22", "thn 22", "th 22" (not "umur 12 thn", where the number comes first)."""


KIND_AID = frozenset({"bantuan", "bansos"})
KIND_GIVERS = frozenset({"dari", "dinsos", "dinas", "sosial", "pemerintah", "provinsi", "negara"})
"""After "… dapat bantuan", who gives it ("dari dinsos"): still only whether a kind of person gets aid."""

KIND_NOT_ASKED = frozenset(
    {"personal.phrases", "aid_story.others_got", "aid_story.waited", "rank", "rank_most", "rank_least", "compare"}
    | {"share", "recap", "list_programs", "list_regions"}
)
"""A grievance, a status, an order or a list asked: never whether a kind of person gets aid."""

OWN_POST_REACH = 3
"""Most words between a first-person word and the word of a post ("saya *ini* staf", "kami *dari* bidang")."""

STORY_PEOPLE = frozenset({"saya", "aku", "kami", "gue", "gw", "ambo", "suami", "istri", "ayah", "bapak", "anak"})
"""The asker or their family, just before a relative year, tell when something happened to them ("suami saya
meninggal tahun lalu", "anak saya lulus tahun kemarin"), not the year whose figures are asked."""
STORY_REACH = 4
TALLY_WORDS = frozenset({"total", "jumlah", "angka", "rekap", "rekapitulasi"})
"""Words naming a figure of recipients asked for ("total penerima", "jumlah penerima per kab/kota")."""
FIGURE_ASKED = frozenset({"berapa", "jumlah", "data", "angka", "total", "penerima", "kk", "rekap", "figures"})


def _told_of_someone(before: list[str]) -> bool:
    """The words before a relative year name the asker or their family and ask no figure ("suami saya meninggal" but
    not "saya mau lihat data")."""
    return not STORY_PEOPLE.isdisjoint(before) and FIGURE_ASKED.isdisjoint(before)


def _year_spellings(text: str) -> str:
    """ "thn 22", "'22", "2k22" read as 2022 (two digits up to 49 are this century's, the rest the last's)."""

    def year(m: re.Match[str]) -> str:
        two = int(m.group(1) or m.group(3))
        return (m.group(2) or "") + str((2000 if two < 50 else 1900) + two)

    return _SHORT_YEAR.sub(year, text)


_TAG_COMMA = re.compile(r"\b(?:ya|kan|kn|bukan|bkn|betul|bener|benar|right)\s*,\s+", re.IGNORECASE)
_TAG_ASKED = re.compile(
    r"\b(?:berapa|brp|brapa|berape|mana|siapa|apa|gimana|bagaimana|how|what|which)\b", re.IGNORECASE
)
_TAG_IF = re.compile(r"\b(?:kalau|kalo|klo|kl|jika|misal\w*|andai\w*|seandainya|if|suppose)\b", re.IGNORECASE)


TAGGED_PREMISE_WORDS = 15
"""A figure said before a tag and a comma is said in a short sentence; a longer one is a story."""


def _tagged_premise(text: str) -> str:
    """ "dinsos kepri kan bagi bantuan ke 85.849 KK thn 2022 ya, batam dpt brp": a figure said and asked to be
    confirmed with a tag ("ya", "kan", "bukan") before a comma, then a question: two sentences, so that the figure
    said is checked and the question answered. Not in a what-if ("kalau … kan, jadi berapa")."""
    m = _TAG_COMMA.search(text)
    if m is None or _TAG_IF.search(text):
        return text
    before, after = text[: m.end()], text[m.end() :]
    said = re.search(r"\d{2,}|\d[.,]\d{3}", before) and len(before.split()) <= TAGGED_PREMISE_WORDS
    if not said or not _TAG_ASKED.search(after) or len(after.split()) < 2:
        return text  # "… nunggak 3 bulan … sy hrs gimana ya, dan …": a story, not a figure said
    return before.rstrip(" ,") + "?\n" + after


def split_parts(text: str) -> tuple[list[str], bool]:
    """The questions of a message: numbered or lettered items ("1. … 2. …"; True), else sentences ending in "?"
    (False: a sentence may only follow up the one before)."""
    ordinals = [m.group().strip(" ,:;.").split()[-1].lower() for m in _ORDINAL.finditer(text)]
    if len(ordinals) >= 2 and ordinals in (
        list(_ORDINALS[: len(ordinals)]),
        list(_ORDINALS_EN[: len(ordinals)]),
    ):  # "pertama … kedua …": in order
        said = [p.strip(" ,.;") for p in _ORDINAL.split(text)]
        opening, said = said[0], [p for p in said[1:] if p]
        announces = opening.endswith(":") or opening.split()[-1].lower() in _ASK_OPENERS if opening else True
        if said and not announces and len(opening.split()) > 3:  # "Saya dari Lingga, mau tanya dua hal ya. Pertama, …"
            said[0] = f"{opening}. {said[0]}"  # what the opening tells goes with the first question
        if len(said) >= 2:
            return said, True
    items = [p.strip(" ,.") for p in _ENUMERATION.split(text)]
    opening = items[0].split() if items and len(items) >= 2 else []
    if opening and (
        items[0].endswith(":") or opening[-1].lower().rstrip(":") in _ASK_OPENERS
    ):  # "Pertanyaan saya: 1. … 2. …"
        items = items[1:]
    items = [p for p in items if p]
    if len(items) >= 2 and len(_ENUMERATION.findall(text)) >= 2:
        return items, True
    sentences = [s.strip(" ,./") for s in _SENTENCE.split(_tagged_premise(text))]  # "BSKK? / PMKS?": "/" separates
    sentences = [s for s in sentences if len(s.split()) >= 2]
    return (sentences, False) if len(sentences) >= 2 else ([text], False)


_RANK_TOP = frozenset({"besar", "teratas", "top", "terbanyak", "tertinggi", "terbesar"})
_RANK_BOTTOM = frozenset({"bawah", "terbawah", "bottom", "terkecil", "terendah", "buncit"})
_RANK_END = frozenset({"dari", "dr", "from"})
_WHO_WORDS = frozenset({"siapa", "mana", "which", "who"})
"""Which one is asked ("setelah Batam siapa")."""
_RANK_PLACE = frozenset({"urutan", "peringkat", "ranking", "rank", "posisi", "no", "nomor", "nomer", "position"})
"""Words of a place in an order ("urutan ke berapa dari bawah", "no brp dr bawah")."""
_GLUE_WORDS = frozenset({"di", "ke", "kk", "yg", "dan", "ya", "sm", "dr", "ga", "gak", "brp", "kat", "tu"})
"""Short words a message typed without spaces is glued with ("brpkkdibatam")."""
KIND_WORDS = frozenset({"kabupaten", "kota"})
KIND_OF = frozenset({"of", "madya"})
KIND_WHOLE = frozenset(
    {"total", "semua", "seluruh", "gabungan", "digabung", "gabung", "jumlah", "antara", "all", "para", "se"}
)
"""Before a kind of kab/kota with a place named: that kind added up is the whole ("dari total kota")."""
KIND_INTENTS = frozenset({Intent.RANKING, Intent.SHARE, Intent.ARITHMETIC, Intent.COMPARE})


_YEAR_DASH = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")
REQUIREMENT_WORDS = 6
"""At most this many words make the thing asked to be required ("surat keterangan tidak mampu dari kelurahan")."""
PLACE_GETS = frozenset({"dapat", "mendapat", "menerima", "terima", "kebagian"})
"""Right after a place, these say what the place got ("Natuna dapat BSKK gak?"), not the asker's status."""
LOW_WORDS = frozenset({"sedikit", "kecil", "rendah", "few", "small", "low"})
"""Words of little: "anambas ni sikit je ke dapat?" asks whether the place's figure is low."""
MUCH_WORDS = frozenset({"banyak", "besar", "tinggi", "many", "much", "large", "high"})
"""Words of much, offered beside a word of little ("banyak ke sikit?", "banyak atau sedikit"): a lot or a little."""
PREMISE_WORDS = frozenset({"ikut", "masuk", "termasuk", "bagian", "itu", "kan", "bukan", "belong", "part"})
"""Words that say a kab/kota is said to lie in another province ("Natuna ikut Kalbar kan?")."""
SOURCE_NOUNS = frozenset(
    {"sumber", "berita", "artikel", "referensi", "rujukan", "data", "angka", "source", "news", "article", "report"}
)
"""Words that make a link asked the source's ("link berita", "link sumber data"); without them, in a question about
applying, a link is where to apply."""
WRITING_GAP = 2
"""At most this many words between a verb of composing and the work ("bikinin saya sebuah puisi")."""
RANGE_WORDS = frozenset({"sampai", "hingga", "sampe", "sd", "ke", "to", "until", "through", "till"})
"""Words between two years that make them a range ("2020 sampai 2022")."""


def _place_gets(words: list[str], taken: set[int], places: set[int], lexicon: Lexicon) -> bool:
    """A place named as the subject of getting ("… dari provinsi. Natuna dapet gak BSKK?"), not where the asker or a
    person named lives ("ibu sy di Daik Lingga dpt BSKK?", "cek nama Siti Aminah Batu Aji dapat gak"). Words taken
    right before the getting word that hold no place (``places``: their first words) and follow a getting word
    themselves are what was got before, not who gets: "ibu sy di Dabo dulu dpt UEP, tahun ini dpt lagi?" asks of
    the asker's mother."""
    for i in sorted(taken):
        if i + 1 >= len(words) or words[i + 1] not in PLACE_GETS:
            continue
        start = i
        while start - 1 in taken:
            start -= 1
        if not places & set(range(start, i + 1)) and start and words[start - 1] in PLACE_GETS:
            continue
        before = words[start - 1] if start else ""
        if before in ("di", "dari", "from", "in") or (before and not lexicon.ordinary(before)):
            continue  # where someone lives, or right after a name
        return True
    return False


ISLANDS_AFTER = frozenset({"islands", "island", "isles", "archipelago", "kepulauan"})
"""After a province's name, the English for "Kepulauan" ("Riau Islands" is Kepulauan Riau, not Riau)."""
WRONG_ALONE = frozenset({"salah", "keliru", "ngaco", "ngawur", "wrong", "incorrect"})
"""Words that, with nothing but the words of WRONG_BESIDE and fillers, say the bot's answer is wrong ("salah bos")."""
WRONG_BESIDE = frozenset(
    {"bot", "kamu", "itu", "ini", "terus", "mulu", "melulu", "again", "still", "masih", "tetap", "sering", "selalu"}
    | {"always", "jawaban", "jawabanmu", "answer", "is", "you", "are", "so", "this", "that", "thats", "its", "totally"}
)
DATA_SAID = frozenset({"data", "angka", "sumber", "source", "figures", "numbers", "statistik", "informasi", "info"})
"""Words that name the figures themselves: another body said to be their origin is a premise about the source."""
NOT_THIS_WORDS = frozenset({"bukan", "not", "bkn"})
"""Right before a kab/kota beside another: the one not meant ("Kab Bintan, bukan kota tanjungpinang")."""
TOTAL_WORDS = frozenset({"total", "jumlah", "semua", "seluruh"})
INCLUDING_WORDS = frozenset({"termasuk", "plus", "including", "include", "incl", "beserta"})
"""Words before a program that say a total holds it ("total anambas termasuk KUBE")."""
INCLUDING_JOIN = frozenset({"dan", "serta", "sama", "ama", "and", "juga", "plus"})
"""Words joining the programs a total is said to hold ("termasuk BSKK dan KUBE")."""
SOURCE_BEFORE = frozenset(
    {"dari", "from", "versi", "sumber", "source", "punya", "milik", "oleh", "by", "bikinan"}
    | {"diverifikasi", "verifikasi", "divalidasi", "validasi", "disahkan", "verified", "validated"}
)
"""Words before a body's name that make it the origin or the checker of what is said ("dari BPS", "versi kemensos",
"sudah diverifikasi BPS")."""


class Understander:
    """Turns a question into an :class:`Understanding`. Build once per data version; thread-safe to use."""

    def __init__(self, facts: Facts, data_dir: Path) -> None:
        self.facts = facts
        self.lexicon = load_lexicon(data_dir)
        self._last_breaks: tuple[tuple[str, tuple[str, ...]], set[int]] | None = None
        self.vocabulary = self.lexicon.vocabulary
        self.vocabulary_list = sorted(w for w in self.vocabulary if len(w) >= 4)
        self._official_of_word: dict[str, str | None] = {}
        """Word typed → the official whose name word it is (or one typo from), cached: most words are none."""
        self.office_phrases = sorted(
            (
                (tuple(canonical_words(phrase, self.lexicon)), o.name)
                for o in self.lexicon.officials
                for phrase in o.role_words
            ),
            key=lambda x: -len(x[0]),
        )
        """The phrases naming each official's office, as normalised, longest first ("wakil gubernur" before
        "gubernur")."""
        self.gazetteer = Gazetteer(facts, self.lexicon)
        self.place_words = tuple(
            k
            for k, entries in zip(self.gazetteer.fuzzy.keys, self.gazetteer.fuzzy.entries, strict=True)
            if len(k) >= 5 and any(e.level <= 2 or e.via == "alias" for e in entries)
        )
        """Kab/kota names and aliases (towns too: "kijang") of five letters or more, as one word ("karimun",
        "tanjungpinang")."""
        self.kab_skeletons = tuple(
            (skeleton, e.kab_code)
            for key, entries in zip(self.gazetteer.fuzzy.keys, self.gazetteer.fuzzy.entries, strict=True)
            for e in entries
            if e.level == 2 and len(skeleton := "".join(c for c in key if c not in VOWELS)) >= 3
        )
        """Kab/kota names and aliases without their vowels ("krmn" for Karimun)."""
        self.programs = ProgramIndex.build(facts, self.lexicon)
        self.program_beginnings = _beginnings(self.programs.exact)
        """Every beginning of a program's key ("p", "pm", "pmk", "pmks", …): a span whose first word is none names no
        program."""
        self.national_beginnings = _beginnings(self.programs.national)
        self.place_beginnings = _beginnings([*self.gazetteer.index, *self.gazetteer.outside], PLACE_BEGINNING)
        """The beginnings of the keys of places, ours and elsewhere, up to :data:`PLACE_BEGINNING` letters (few
        even for all of Indonesia): a span whose first word does not begin so names no place."""
        self.scenario_vocab = scenarios.load_vocabulary(data_dir, self.lexicon)
        self.program_vocab = self.programs.words
        self.phrase_sets = self.lexicon.intents
        self.national_words = frozenset(
            w for n in self.lexicon.national for name in (n.code, n.name, *n.aliases) for w in self._words(name)
        ) | frozenset(self.programs.national)
        """Words of national program names: a question without any of them names no national program."""
        self.intent_index = PhraseIndex.build(
            (intent, phrase) for intent, phrases in self.phrase_sets.items() for phrase in phrases
        )
        """Every intent phrase → the intents (or sub-intents) it says."""
        lex = self.lexicon
        self.sums_by_kabkota = self._sums_by_kabkota(facts)
        """The sum of the kab/kota figures of each year, where it differs from the province total (the part reported
        without a breakdown): a user who quotes it asks why the two differ."""
        self.source_people = frozenset(
            w
            for source in facts.sources.values()
            for person in (source.official, *source.named)
            for w in tokens(clean(person.split(",")[0]))
            if len(w) > SHORT_NAME_WORD
        )
        """The words of the names of the people the sources name ("eko", "sumbaryadi" of the head of Dinsos Kepri who
        gave the figures, "ansar", "ahmad" of the governor): known, never a word asked back about."""
        self.accounted = lex.vocabulary | lex.topic_words | lex.not_held_words | self.program_vocab | lex.intensifiers
        self.accounted |= self.source_people
        """Words that never count as unexplained."""
        self.english_words = frozenset(
            w
            for p in self.phrase_sets.get("english", ())
            for w in p
            if lex.slang.get(w) != w and w not in lex.stopwords and w not in lex.harmless
        )
        """English words that are not also Indonesian ("per", "data", "total" are both)."""

    def for_snapshot(self, facts: Facts) -> Understander:
        """This understander for a newer snapshot with the same names (an import of figures): everything built from
        names is shared, and the one thing read from the figures, :attr:`sums_by_kabkota`, is worked out again. A
        copy, so an answerer of the older snapshot still answering keeps its own."""
        fresh = copy.copy(self)
        fresh.facts = facts
        fresh.sums_by_kabkota = self._sums_by_kabkota(facts)
        return fresh

    @staticmethod
    def _sums_by_kabkota(facts: Facts) -> frozenset[int]:
        sums = set()
        for year in facts.years:
            values = [facts.region_total(year, k.code) for k in facts.kabkota]
            allocated = sum(v for v in values if v is not None)
            if allocated and allocated != facts.province_total(year):
                sums.add(allocated)
        return frozenset(sums)

    def _livelihood_group(self) -> str | None:
        """The group of programs for a business (its names hold livelihood words: "modal usaha"), if exactly one."""
        lex = self.lexicon
        found = {
            code
            for key, code in self.programs.exact.items()
            if code in self.facts.groups and any(len(w) >= LIVELIHOOD_SHORTEST and w in key for w in lex.livelihood)
        }
        return found.pop() if len(found) == 1 else None

    def _find_island(self, words: list[str], u: Understanding) -> None:
        """ "pulau Bintan": the island, not the kab/kota of that name — every kab/kota on it is asked about (Kabupaten
        Bintan and Kota Tanjungpinang), each with its own figure."""
        for i, w in enumerate(words):
            if w != "pulau" and w not in self._island_starts:
                continue  # neither "pulau Bintan" nor "Bintan island" can start here
            for key, (name, codes) in self.lexicon.islands.items():
                before = w == "pulau" and tuple(words[i + 1 : i + 1 + len(key)]) == key
                rest = [x for x in words[i + len(key) : i + len(key) + 2] if x not in self.lexicon.yes_no]
                after = tuple(words[i : i + len(key)]) == key and rest[:1] == ["pulau"]
                if not (before or after):  # "pulau Bintan", "Bintan island", "bintan itu pulau atau kabupaten?"
                    continue
                if not any(r.code in codes for r in u.regions):
                    continue  # the words after "pulau" were read as something else (a desa of that name)
                u.island = name
                have = {r.code for r in u.regions}
                for code in codes:
                    if code not in have and code in self.facts.regions:
                        u.regions.append(PlaceMatch(code=code, text=name.lower(), via="name", start=i + 1))
                        u.named_kabs.add(code)
                        u.mentioned.add(code)
                return

    @cached_property
    def _island_starts(self) -> frozenset[str]:
        """The first words of the islands' names (data/islands.json)."""
        return frozenset(key[0] for key in self.lexicon.islands)

    def _aid_for_livelihood(self, words: list[str], used: list[bool]) -> bool:
        """A word of the economic programs' names right after a word of aid ("bantuan modal"): the aid asked about is
        for a business, not the asker's living told in a story ("saya nelayan … istri jualan kue"), nor aid for
        fishermen ("bantuan nelayan")."""
        keys = [key for key, code in self.programs.exact.items() if code in self.facts.groups]
        # "modal", "usaha": what the economic programs' names call it (the keys are written without spaces)
        business = {w for w in self.lexicon.livelihood if len(w) >= LIVELIHOOD_SHORTEST and any(w in k for k in keys)}
        return any(w in business and not used[i] and i and words[i - 1] in OFFICE_WORDS for i, w in enumerate(words))

    def _livelihood_asked(self, text: str) -> bool:
        """A livelihood word stands in a sentence that asks something (a "?" or an asking word): "apa ada program
        modal usaha?", "punya warung mau tambah modal". One only in a sentence that tells the asker's life ("Saya
        janda …, sekarang jualan kue keliling. … apa saya bisa dapat juga?") says how they live, not that the aid asked
        is for a business."""
        sentences = [x for x in _SENTENCE_END.split(text) if x.strip()]
        if len(sentences) < 2:
            return True
        lex = self.lexicon
        for sentence in sentences:
            words = canonical_words(_plain(sentence, lex), lex)
            if lex.livelihood.isdisjoint(words):
                continue
            if "?" in sentence or not lex.asking_words.isdisjoint(words):
                return True
        return False

    # ---- helpers --------------------------------------------------------------------------------------------
    def _words(self, name: str) -> list[str]:
        return canonical_words(name, self.lexicon)

    def has(self, words: list[str], intent: str) -> bool:
        return any(contains(words, phrase) for phrase in self.phrase_sets.get(intent, ()))

    def only_help_asked(self, words: list[str]) -> bool:
        """Every phrase of applying for aid in the question is one of the lexicon's 'help_with_request' ("mohon
        bantuannya", "minta tolong"): with a request for figures, help with that request, not aid asked for."""
        apply = [p for p in self.phrase_sets.get("info.apply", ()) if contains(words, p)]
        return bool(apply) and all(p in self.lexicon.help_with_request for p in apply)

    def closing_plea(self, words: list[str]) -> bool:
        """ "Tolong bantu pak", "mohon bantuannya bu", "minta tolong ya min": a 'help_with_request' phrase with
        nothing else but fillers (forms of address, particles) and first-person words — a plea that closes what was
        said before it, never a question of its own."""
        rest = list(words)
        found = False
        for phrase in sorted(self.lexicon.help_with_request, key=len, reverse=True):
            n = len(phrase)
            i = 0
            while i + n <= len(rest):
                if tuple(rest[i : i + n]) == tuple(phrase):
                    del rest[i : i + n]
                    found = True
                else:
                    i += 1
        firsts = {w for p in self.phrase_sets.get("personal.first_person", ()) for w in p}
        return found and all(w in self.lexicon.fillers or w in firsts for w in rest)

    def _figure_owned(self, words: list[str]) -> bool:
        """A number typed (no year) in a message that names no bot nor its user ("angka yg 23 ribuan itu punya
        siapa"): "punya siapa" asks whose figure it is."""
        bot_words = {p[0] for p in self.phrase_sets.get("about_bot.identity", ()) if len(p) == 1}
        return (
            any(w.isdigit() and not _YEAR.fullmatch(w) for w in words)
            and {"kamu", "anda", "bot", "kau", "lu", "you"}.isdisjoint(words)
            and bot_words.isdisjoint(words)
        )

    def _asks_meaning(self, text: str) -> bool:
        """English "what does KK mean", "KUBE means what?": a verb of meaning (after "do"/"does"/"did" when it is
        not inflected), never "mean" the noun of an average ("the mean of UEP per regency")."""
        verbs = self.lexicon.meaning_verbs
        typed = tokens(clean(text.lower()))
        for i, w in enumerate(typed):
            if w in verbs.get("inflected", ()) or (
                w in verbs.get("verbs", ()) and not verbs.get("auxiliaries", frozenset()).isdisjoint(typed[:i])
            ):
                return True
        return False

    def _subject_of_work(self, words: list[str]) -> bool:
        """ "skripsi tentang program bansos", "meneliti tentang program": "tentang" names what the asker's own work is
        about, not a question of what a program is (the words left without it ask no "what is")."""
        at = [i for i, w in enumerate(words) if w == "tentang" and not _WORK_WORDS.isdisjoint(words[max(0, i - 3) : i])]
        if not at:
            return False
        return "info.what" not in self.intent_hits([w for i, w in enumerate(words) if i not in at])

    def intent_hits(self, words: list[str]) -> set[str]:
        """Every intent (or sub-intent) one of whose phrases the question contains."""
        return self.intent_index.found(words)

    # ---- main -----------------------------------------------------------------------------------------------
    def understand(self, text: str) -> Understanding:
        glued = self._unglue(text)  # "brpkkdibatam": one long token with a place or program in it
        if glued is not None:
            return self.understand(glued)
        lex = self.lexicon
        raw = self._initials_dropped(_plain(text, lex))
        u = Understanding(text=text, words=[])
        raw_words = tokens(clean(raw))
        # the language is the one the user typed: a shared location's place ("Batam Centre") is no English
        shown = ATTACHMENT_NOTE.match(text)
        typed = raw_words if not shown else tokens(clean(_plain(ATTACHMENT_NOTE.sub(" ", text), lex)))
        english = sum(w in self.english_words or self.lexicon.english(w) for w in typed)
        opener = raw_words[0] if raw_words else ""
        indonesian_opener = (
            (opener in lex.stopwords or opener in lex.slang)
            and opener not in self.english_words
            and lex.frequencies.get(opener, 0.0) > lex.english_frequencies.get(opener, 0.0)
        )
        # "ada data by name by address?": an Indonesian question with English terms in it is answered in Indonesian
        u.english = english >= 2 and english * 3 >= len(raw_words) and not indonesian_opener
        if not u.english and english and len(raw_words) >= 2 and not indonesian_opener:
            # "KUBE total households pls", "What's Batam's share of the PMKS program?": few English words among names,
            # codes and words of both languages, and not one Indonesian word: an English question
            u.english = not any(self._indonesian(w) for w in raw_words)
        capitals = frozenset(w.lower() for w in _CAPITALS.findall(text))
        words = self._without_thanks_intensifier(self._respell(canonical_words(raw, self.lexicon), capitals))
        u.words = words
        if not words:
            return u
        used = [False] * len(words)
        self._find_year(words, used, u)
        self._find_national(words, used, u)
        own_post = self._own_post(words, used)
        own_umbrella = self._find_umbrella(words, used, u, own_post)
        self._find_direct_aid(words, used, u)
        self._find_programs(words, used, u)
        direct = [c for c in self.lexicon.direct_programs if c in self.facts.programs]
        if u.direct_aid and not (u.programs or u.group):  # "brp yg dapet bantuan langsung": its programs
            u.programs = direct
            u.program_mentions = len(u.programs)
        elif u.direct_aid and ((u.group and not self._group_set_apart(words, u)) or not set(u.programs) <= set(direct)):
            # "apa bedanya bantuan langsung sama UEP?", "bantuan langsung sama modal usaha banyakan mana": a second kind
            # of aid named beside it, so both sides are asked, a group as its programs ("PMKS itu bantuan langsung
            # ya?" asks of PMKS alone)
            members = list(self.facts.groups[u.group].members) if u.group in self.facts.groups else []
            others = [c for c in [*u.programs, *members] if c not in direct]
            u.programs, u.group = [*direct, *dict.fromkeys(others)], None
            u.program_mentions += len(direct)
        self._find_places(words, used, u)
        self._find_island(words, u)
        self._named_by_role(words, u)
        if not (u.programs or u.group):  # after places: "Kute Siantan" is a kecamatan, not KUBE misspelt
            for code in self._program_typos(words, used, u):
                u.program_mentions += 1
                if code in self.facts.groups:
                    u.group = u.group or code
                elif code not in u.programs:
                    u.programs.append(code)
        self._find_exclusions(words, used, u)
        self._cells(words, u)
        self._total_including(words, u)
        self._not_that_place(words, u)
        self._all_including(words, u)
        hits = self.intent_hits(_without_manner(words))
        if hits.isdisjoint(("compare", "arith.sum", "arith.ratio")):
            u.cells = []  # "UEP batam brp, PMKS karimun brp": two look-ups, nothing asked of the pair
        form_named = self._national_as_form(words, hits, u)
        if any(w in APPLY_WORDS and _asks_where(_after(words, used, i)) for i, w in enumerate(words)):
            # "daftar dmn", "daftarnya gimana", "daftar UEP kemana": where or how to apply, never the figure
            hits.add("info.apply")
        if "about_bot.identity" in hits and self._figure_owned(words):
            hits.discard("about_bot.identity")  # "angka yg 23 ribuan itu punya siapa": whose figure, not whose bot
        if NUMBER_WORDS.isdisjoint(words) and self._asks_meaning(text):
            hits.discard("arith.average")  # "what does PMKS mean", "KUBE means what?": what a name means, no average
            hits.add("info.what")
        if _CENSORED.search(text):
            hits.add("about_bot.feedback")  # "anj*ng", "b*ngs*t": a curse written censored, answered politely
        said = ("thanks", "greeting", "salam")
        if _QUOTED.search(raw) and not hits.isdisjoint(said):  # "terjemahkan 'thank you'": quoted, not said
            unquoted = self.intent_hits(canonical_words(_QUOTED.sub(" ", raw), self.lexicon))
            hits.difference_update(h for h in said if h not in unquoted)
        operations.drop_negated(words, hits, self.phrase_sets)
        operations.drop_whole_refs(words, hits, self.phrase_sets)
        if "about.official" in hits and self._yes_no_of_named(words, u):
            hits.discard("about.official")  # "benar gak KUBE ada di natuna": whether so, not whether the data is
            hits.add("confirm")
        if len(u.regions) == 1 and not {"per.program", "per.region"} & hits and self._either_asked(words):
            hits -= {"order.desc", "order.asc"}  # "batam dapat banyak ke sikit?": Malay "ke" is "or", no order asked
        if "about.mismatch" in hits and self._differ_or_not(words):
            hits.discard(
                "about.mismatch"
            )  # "UEP beda ga sama KUBE": whether two differ, not a total that does not add up
        # "Mohon bantuannya untuk total penerima 2022 per kabupaten/kota": the figures of recipients asked, by a total
        # or a breakdown, are a request for data too
        figures_asked = not TALLY_WORDS.isdisjoint(words) and (
            "penerima" in words or not {"per.region", "per.program", "recap"}.isdisjoint(hits)
        )
        if ("request_data" in hits or figures_asked) and "info.apply" in hits and self.only_help_asked(words):
            hits.discard("info.apply")  # "Saya butuh angka penerima per kab/kota … Mohon bantuannya.": help with it
        if "info.what" in hits and self._subject_of_work(words):
            hits.discard("info.what")  # "saya menulis skripsi tentang program bansos … minta total": no "what is"
        if "info.what" in hits and "arith.sum" in hits and self._means_sum(words):
            hits.discard("info.what")  # "yg bantuan langsung brp, maksudnya bskk ditambah pmks": a sum meant
        if "about.source" in hits and not APPLY_WORDS.isdisjoint(words) and SOURCE_NOUNS.isdisjoint(words):
            # "daftar bansos online bisa gak min, link nya apa": the link to apply at, not the news report's
            hits.discard("about.source")
            hits.add("info.apply")
        if self._asks_writing(raw_words):
            hits.update(("about_bot.creative", "creative_request"))  # "buatin puisi ttg laut natuna": declined
        if self._well_off_got(words):
            # "padahal tetangga yg punya mobil dapat": the well-off got aid, a grievance
            hits.update(("aid_story.others_got", "aid_story.well_off"))
            if any(contains(words, p) for p in self.lexicon.grievance.get("reporting", ())):
                hits.add("aid_story.reporting")  # "sy mau lapor, … yg mobilnya 2 tp dapet bansos"
        wish, can = self._wants_aid(words)
        can = can and "why" not in hits  # "kenapa bisa gitu?": why, not whether they can
        how = self.lexicon.wanting.get("how", frozenset())
        if wish and any(w in how for i, w in enumerate(words[2:], 2) if wish_at(words, i, self.lexicon.wanting)):
            hits.add("info.apply")  # "kalau mau ikut gimana": how to apply
        if self._gets_unnamed(words):
            hits.add("wanting.unnamed")  # "… tinggal di batam, bisa dapat?": getting, of nothing named (the aid)
        if self._in_need_asks(words, hits):
            hits.add("aid_story.served")  # "ibu saya sudah tua, tinggal sendiri di dabo … gmn ya min"
        if self._asks_aid_exists(words):
            hits.add("aid_exists")  # "bantuan ni betol ke ade?", "beneran ada bansos?": whether the aid exists at all
        if self._asks_which_program(words):
            hits.add("which_program")  # "bantuan utk org kayak sy masuk program apa": who each program is for
        if wish:
            hits.add("wanting.wish")  # "kawan2 sy mau bikin kelompok biar dapet bantuan KUBE": a wish, no status
        if can and "personal.phrases" in hits and self._status_after_modal(words):
            hits.discard("personal.phrases")  # "bisa gak sy dapat bantuan dinsos": whether they can get it, no status
        if (can or (wish and "personal.first_person" in hits)) and "personal.phrases" not in hits:
            hits.add("eligibility")  # "boleh ke kite ikut", "mau dapat modal dari dinsos, bisa?": can they get it
        if can and NUMBER_WORDS.isdisjoint(words):
            hits.add("info.apply")  # "can we join KUBE?": how to join, never the program's figure
        if not self.lexicon.yes_no.isdisjoint(raw_words) or not self.lexicon.yes_no.isdisjoint(words):
            hits.add("confirm")  # "apakah …", "… itu …", "… kan?": a yes/no question or a copula
        self._unit_claims(text, words, hits, u)
        if any(
            w in self.lexicon.livelihood and not used[i] and not self._said_of_asker(words, i)
            for i, w in enumerate(words)
        ):
            hits.add("livelihood")  # "modal usaha ternak ayam bisa dari UEP?": what the program gives
        if (
            "livelihood" in hits
            and (
                "eligibility" in hits or "which_program" in hits
            )  # "punya warung mau tambah modal, cocoknya program apa"
            and not (u.programs or u.group or u.national)
            and (NUMBER_WORDS.isdisjoint(words) or self._aid_for_livelihood(words, used))
            and self._livelihood_asked(text)
        ):
            # "mau buka warung, ada bantuan modal?": the economic programs. A figure asked is only theirs when the aid
            # itself is named for a business ("bantuan modal … berapa yg dapat"); "saya nelayan, istri jualan kue …
            # berapa keluarga di Lingga yg dapat bantuan" tells the asker's living and asks for all aid there
            u.group = self._livelihood_group()
        u.taken = [i for i, taken in enumerate(used) if taken]
        u.kind_asked = self._kind_asked(words, used, hits) if self._asks(text, words) else ""
        self._account(words, used, hits, u)
        if form_named and not {"money", "goods"} & set(u.not_held):
            u.not_held.append("goods")  # the form of the aid asked: the source does not say it
        u.counts_other = self._counted(words, used, self._breaks(u.text, words))
        self._ordinary_word_as_place(words, u)
        self._near_places(words, u)
        u.applies_elsewhere = "info.apply" in hits and self._applies_elsewhere(words, u)
        u.applies_for_topic = self._applies_for_topic(words)
        u.asks_why = "why" in hits
        if u.asks_why and "personal.first_person" in hits and self.why_left_out(words):
            # "batam dpt 32 ribu KK tp kok sy gak pernah dapet": why the asker got nothing, not why a figure is so
            u.asks_why = False
        quoted = {int(n.replace(".", "").replace(",", "")) for n in _BIG_NUMBER.findall(text)}
        if "request_data" in hits:
            quoted.discard(u.year or 0)  # "butuh angka penerima tahun 2022 … harus masuk sore ini": a year, no figure
        among = self._asker_among(words) or any(
            w == "ada" and words[i - 1] in self._first_person_ends and words[i + 1] in ("di", "dalam", "in")
            for i, w in enumerate(words[1:-1], 1)
        )  # "apakah nama saya ada di 58.849 KK itu?": the asker among a figure
        if quoted and "personal.first_person" in hits and among:
            hits.add("personal.phrases")  # "apakah keluarga saya termasuk 2.500 KK itu?": one family among a figure
        if quoted & self.sums_by_kabkota and "mismatch" not in u.about:
            u.about.append("mismatch")  # "kok jumlah per daerah cuma 58.789, bukan 58.849?"
        u.holiday = "holiday" in hits
        u.asks_review = "review" in hits
        u.asks_same = "info.differ" in hits
        u.none_nearby = "local_area" in hits and "none_got" in hits
        u.left_out = "personal.left_out" in hits and (
            "personal.first_person" in hits or not APPLY_WORDS.isdisjoint(words)
        )
        u.salam = "salam" in hits and any(w in words[:3] for p in self.phrase_sets.get("salam", ()) for w in p)
        u.asks_more = (
            bool(u.national or u.topic or u.not_held or u.about)
            or any(h.startswith("about_bot.") for h in hits)
            or any(h.startswith(("info.", "personal.")) for h in hits)
        )
        if _ID_NUMBER.search(text):
            hits.add("personal.phrases")  # "cekin dong KK no 2102xxxxxxxxxxxx": the status of one family
        if self._person_named(words, hits, u):
            hits.add("personal.phrases")  # "apakah nama Siti Aminah di Sekupang dapat bansos?": one person's status
        common = [w for w in u.unexplained if self.lexicon.common(w)]
        meaningful = [w for w in u.unexplained if self.lexicon.meaningful(w)]
        operations.read(words, hits, u, self.phrase_sets)
        if own_umbrella and not self._asks_of_its_own(hits, u):
            u.umbrella = True  # "saya kabid rehsos, berapa KK?": nothing else named, the unit's own figure is asked
        own = self.facts.province.name.lower()
        kab_named = bool(u.regions) and all(r.sub_code is None for r in u.regions) and not u.same_name
        premise = not u.outside_joined and "compare" not in hits and "(" not in "".join(u.outside)
        said_of = len(u.regions) == 1 and self._said_of_place(words, u.regions[0].start, u.outside[:1])
        former = self._former_province_said(words, u) if kab_named and premise else None
        if former and set(u.outside) <= {former}:
            # "batam kan masuk provinsi riau, jd bansosnya dr dinsos riau?", "bansos batam dari dinsos riau?": the
            # province ours was split from, said (once or more) beside a kab/kota of ours — the old name of our own
            # province, corrected, and the kab/kota's figures given, never "Riau is outside"
            u.wrong_province, u.outside = former, []
        elif kab_named and len(set(u.outside)) == 1 and premise and (u.outside[0].lower() in own or said_of):
            # "anambas itu masuk provinsi riau kan?", "natuna ikut kalbar kan, datanya ada?": a kab/kota of ours said
            # to be in another province (or island) — corrected, and its figures given
            u.wrong_province, u.outside = u.outside[0], []
        elif kab_named and not u.outside and len(u.regions) == 1:
            u.wrong_province = self._island_said(words, u.regions[0].start) or ""  # "Natuna itu yg di Kalimantan?"
        self._source_said(words, hits, u)
        if (
            (u.programs or u.group)
            and not u.regions
            and "apa" in u.rest
            and set(u.rest) <= _WHAT_IS
            and "apa" in (words[0], words[-1])
            and not any(h.startswith("info.") for h in hits)
            and "confirm" not in hits  # "ape bende KUBE tu?": what it is and whom it is for, read as a yes/no question
        ):
            # "UEP apaan", "PMKS apa?", "apa UEP ni", "ape bende UEP ni": what the program is, asked in two words
            hits.add("info.what")
        if "about_bot.feedback" in hits and not SERVICE_WORDS.isdisjoint(words) and BOT_WORDS.isdisjoint(words):
            # "pelayanan dinsos lelet bgt": slowness said of the office's service, not of this bot's replies
            hits.discard("about_bot.feedback")
            hits.add("about_bot.complaint")
        if self._only_wrong_said(words):
            hits.add("about_bot.wrong_answer")  # "salah bos", "keliru lagi tuh": the answer just given said wrong
        if (BOT_WORDS | {"jawabanmu"}).isdisjoint(words) and any(w in self.lexicon.other_sources for w in words):
            hits.discard("about_bot.wrong_answer")  # "data kemiskinan bps ngawur": another body's data, not our answer
        greets = not hits.isdisjoint(("greeting", "salam")) and self._greets(words)
        decide(u, hits, self._is_personal(hits, words, u), greets, common, meaningful)
        self._requirement(text, words, hits, u)
        if (
            u.intent == Intent.INFO
            and (u.group or len(u.programs) == 1 or (not u.programs and set(u.info_aspects) <= {"who"}))
            and only_place_claimed(u)
            and not u.requirement
        ):
            # "katanya UEP cuma untuk Batam?", "kawan sy kata cuma org batam yg dapat bantuan usaha, betol ke?": a
            # claim that one kab/kota alone got the aid, checked against the figures of every kab/kota
            u.intent, u.info_aspects = Intent.FIGURES, []
        if u.intent == Intent.COMPARE and "compare" not in hits and only_places_claimed(u):
            # "sy di natuna, kata org bantuan cuma utk batam, bener?": a claim that aid went only to Batam (or only
            # to the places said), checked against every kab/kota, never the two places compared
            u.intent = Intent.FIGURES
        if (
            u.intent == Intent.INFO
            and u.info_aspects == ["who"]
            and u.regions
            and any(w == "siapa" and words[i + 1 : i + 2] == ["saja"] for i, w in enumerate(words))
        ):
            # "siapa aja yg dapat kube di bintan": the people who got it there, by name (never held), not whom the
            # program is for
            u.intent, u.info_aspects, u.not_held = Intent.NOT_HELD, [], [*u.not_held, "names"]
        if u.intent == Intent.INFO and "apply" in u.info_aspects and len(u.regions) > 1:
            self._drop_asker_away(words, u)
        if u.intent == Intent.UNKNOWN and all(w in self.lexicon.laughter or _LAUGH.match(w) for w in words):
            u.intent = Intent.GREETING  # "wkwkwk" on its own: no question to be puzzled by, greeted back
        if (
            u.intent in (Intent.SHARE, Intent.COMPARE)
            and len(u.regions) == 1
            and not u.province
            and any(
                (r.sub_code or any(m.startswith(r.code + ".") for m in u.mentioned))  # "Daik … dari Kabupaten Lingga"
                and r.code in u.named_kabs
                and self._kab_as_base(words, r.code)
                for r in u.regions
            )
        ):
            # "Tanjung Uban berapa persen dari Bintan": a kecamatan or town against its own kab/kota needs a figure
            # below the kab/kota, which is not held (the kab/kota's share of the province would answer another thing)
            u.intent, u.not_held = Intent.NOT_HELD, ["below_kabkota"]
        if (
            u.holiday
            and u.intent == Intent.FIGURES
            and u.year is not None
            and "figures" not in hits
            and not (u.regions or u.programs or u.group or u.unexplained)
        ):
            u.intent, u.year, u.province = Intent.GREETING, None, False  # "Selamat Tahun Baru 2027!": a wish
        self._ranked_after(words, u)
        operations.refine(u, hits, [p.code for p in self.facts.program_list])
        self._kinds_apart(words, u)
        if u.only_kind and u.arith == Arith.EXCLUDE and "compare" in hits and not (u.excluded or u.regions):
            u.intent, u.arith = Intent.COMPARE, None  # "bandingin 2 kota nya": those of the kind, side by side
            kinds = self._of_kind(u.only_kind)
            u.regions = [PlaceMatch(k.code, u.only_kind, "kind", None, 100.0, 0) for k in kinds]
            u.named_kabs.update(k.code for k in kinds)
            u.only_kind = None
        self._every_kab_added(words, hits, u)
        self._lone_kind(words, used, u)
        self._rank_membership(words, u)
        self._is_it_low(words, u)
        scenarios.apply(u, text, hits, self.scenario_vocab, self.facts.years)  # "kalau PMKS Batam naik 10%"
        u.of_population = (
            u.intent == Intent.SHARE and bool(u.regions) and not self.lexicon.population_words.isdisjoint(words)
        )  # "brp persen warga Natuna yg dapat UEP": of everyone living there, a population not held
        u.asks_if_even = (
            u.intent == Intent.ARITHMETIC
            and u.arith == Arith.AVERAGE
            and any(contains(words, p) for p in self.lexicon.shared_evenly)
            and not any(contains(words, p) for p in self.scenario_vocab.conditional)
            and not self.lexicon.evenly_asking.isdisjoint(raw_words)
        )  # "kube tiap kab kota brp? dibagi rata ya?": whether it is, not what it would be
        heard = (  # "kata pak Budi kadis sosial, 58 ribu KK dapat bantuan": the figure the official said, checked
            u.intent == Intent.ABOUT_DATA
            and u.about == ["person"]
            and not HEARSAY_WORDS.isdisjoint(words)
            and NAME_ASKED.isdisjoint(words)
            and quotes_a_figure(words)
        )
        if (u.intent == Intent.UNKNOWN or heard) and not (u.regions or u.programs or u.group or u.province):
            named = self._rounded_figure(words)
            if named:  # "judul beritanya 58 ribu, pasnya brp?": the rounded figure names what is asked
                again = self.understand(f"{text} {named}")
                if again.intent in FIGURE_INTENTS:
                    return again
        unplaced = self._asker_place_said(text, words, u)
        if unplaced is not None:  # "saya mahasiswa di Tanjungpinang … jumlah penerima per kabupaten/kota": each
            again = self.understand(unplaced)
            whole = again.per == Per.REGION or (u.named_province and again.province and again.intent == u.intent)
            if again.intent in FIGURE_INTENTS and whole and not again.regions:
                # "saya guru di Tanjungpinang … total bantuan Dinsos Kepri per kegiatan": the province asked
                return again
        return u

    def _asker_place_said(self, text: str, words: list[str], u: Understanding) -> str | None:
        """ "Saya mahasiswa di Tanjungpinang … saya butuh jumlah penerima per kabupaten/kota", "sy guru di Bintan, total
        per program se-Kepri brp": the one place named is only where the asker is (right after "di", "dari", "warga"
        or "asal", a first-person word at most three words before), and the figures are asked per kab/kota or of the
        province named: the question without that place, or None (the caller keeps it only when it still asks so)."""
        if u.intent not in FIGURE_INTENTS or len(u.regions) != 1:
            return None
        if not (u.per == Per.REGION and not (u.programs or u.group)) and not u.named_province:
            return None
        place = u.regions[0]
        at = place.start - 1
        if at >= 1 and words[at] in _ASKER_OFFICE and words[at - 1] in _ASKER_AT:
            at -= 1  # "kami dari dinsos bintan, butuh angka per program se-provinsi"
        if at < 1 or words[at] not in _ASKER_AT:
            return None
        before = words[max(0, at - ASKER_WORDS_BEFORE) : at]
        first = [i for i, w in enumerate(before) if w in self._first_person or w == "im"]  # "I'm from Lingga"
        if not first or not self.lexicon.asking_words.isdisjoint(before[first[-1] :]):
            return None  # "saya mau tanya di batam brp, total kepri brp": Batam is asked
        name = r"\s*".join(map(re.escape, place.text.split()))
        office = rf"(?:(?:{'|'.join(_ASKER_OFFICE)})\s+)?"
        said = re.search(rf"\b(?:{'|'.join(_ASKER_AT)})\s+{office}{name}\b", text, re.IGNORECASE)
        return None if said is None else text[: said.start()] + text[said.end() :]

    @staticmethod
    def _group_set_apart(words: list[str], u: Understanding) -> bool:
        """ "bantuan langsung aja (bskk + pmks, bukan modal usaha)": the group named is what is not meant."""
        starts = [i for i, _j, code in u.program_at if code == u.group]
        return bool(starts) and starts[0] > 0 and words[starts[0] - 1] in EXCLUDE_WORDS | NOT_THIS_WORDS | {"tidak"}

    def _either_asked(self, words: list[str]) -> bool:
        """ "wak, batam dapat bansos banyak ke sikit?": two ends of an order joined by "ke" (the lexicon's 'order'
        phrases, "banyak ke sedikit") with nothing that asks for an ordering — no "dari" before them ("dari banyak ke
        sedikit"), no word of sorting, of a place in an order or of what is ordered ("batam banyak ke sedikit
        programnya") — is the Malay "ke" for "atau": a or b, asked of the one place named."""
        if not (operations.SORT_VERBS | _RANK_PLACE | PROGRAM_WORDS | REGION_NOUNS).isdisjoint(words):
            return False
        ends = [p for k in ("order.desc", "order.asc") for p in self.phrase_sets.get(k, ()) if "ke" in p[1:-1]]
        found = [i for p in ends if (i := find(words, p)) >= 0]
        return bool(found) and all(i == 0 or words[i - 1] not in _RANK_END for i in found)

    def _differ_or_not(self, words: list[str]) -> bool:
        """ "UEP beda ga sama KUBE", "bantuan langsung beda tidak dengan KUBE": a word of differing, a negation and
        "sama"/"dengan" ask whether two things differ (the lexicon's 'info.differ'); the "tidak sama" in it is no
        total said not to add up ('about.mismatch'), which the other words do not say either."""
        differ = {w for p in self.phrase_sets.get("info.differ", ()) if len(p) == 1 for w in p}
        negations = self.lexicon.exists.get("negations", frozenset())
        kept = list(words)
        for i in range(len(words) - 2):
            if words[i] in differ and words[i + 1] in negations and words[i + 2] in ("sama", "dengan"):
                kept[i + 1] = kept[i + 2] = ""
        if kept == words:
            return False
        return not any(contains(kept, p) for p in self.phrase_sets.get("about.mismatch", ()))

    def _is_it_low(self, words: list[str], u: Understanding) -> None:
        """ "anambas ni sikit je ke dapat?", "Natuna kecil kah?": whether one kab/kota's figure is low, asked with a
        word of little and no number asked, is answered with its rank from the bottom (not its figures alone)."""
        if u.intent != Intent.FIGURES or len(u.regions) != 1 or u.regions[0].sub_code or u.scenario or u.arith:
            return
        if not LOW_WORDS & set(words) or not {"berapa", "how", "brp"}.isdisjoint(words):
            return
        if u.asks_why or u.topic or u.comma_number or quotes_a_figure(words) or "kok" in words:
            return  # "data batam kok dikit, penduduk kan jutaan", "PMKS batam 22,465 … dikit bgt": no rank asked
        if any(w in LOW_WORDS and i and words[i - 1] in {"lebih", "paling", "sangat"} for i, w in enumerate(words)):
            return
        if not MUCH_WORDS.isdisjoint(words) and self._in_top_half(u.regions[0].code):
            # "batam dapat bansos banyak ke sikit?": a lot or a little, of a place among the most: counted from the top
            u.intent, u.rank, u.order, u.rank_position = Intent.RANKING, Rank.MOST, Order.DESC, 1
            return
        u.intent, u.rank, u.order, u.rank_position = Intent.RANKING, Rank.LEAST, Order.ASC, 1

    def _in_top_half(self, code: str) -> bool:
        """The kab/kota's total of the latest complete year is in the upper half of the kab/kota's (Batam, Bintan)."""
        year = self.facts.current_year
        if year is None:
            return False
        totals = {k.code: self.facts.region_total(year, k.code) for k in self.facts.kabkota}
        own = totals.get(code)
        known = [t for t in totals.values() if t is not None]
        if own is None:
            return False
        return 2 * (1 + sum(t > own for t in known)) <= len(known) + 1

    def _kind_named_in_full(self, words: list[str], u: Understanding) -> None:
        """ "total 2 kota (batam+tpi) dibanding 5 kabupaten": every kab/kota of one kind named, compared with the
        other kind said on its own, compares the two kinds as groups (not the places named with each other)."""
        if u.intent != Intent.COMPARE or not u.regions or u.excluded or u.only_kind:
            return
        kinds = {r.code: k.kind.lower() for k in self.facts.kabkota for r in u.regions if r.code == k.code}
        if len(kinds) != len(u.regions) or len(set(kinds.values())) != 1 or any(r.sub_code for r in u.regions):
            return
        kind = next(iter(kinds.values()))
        if set(kinds) != {k.code for k in self.facts.kabkota if k.kind.lower() == kind}:
            return
        other = "kota" if kind == "kabupaten" else "kabupaten"
        taken = set(u.taken)
        alone = [
            i
            for i, w in enumerate(words)
            if w == other
            and i not in taken
            and i + 1 not in taken
            and (i + 1 >= len(words) or words[i + 1] != kind)
            and not (i and words[i - 1] == kind)
        ]
        if alone:
            u.regions.clear()
            u.whole_kind = None
            u.kinds_compared = True

    def _kinds_apart(self, words: list[str], u: Understanding) -> None:
        """ "brp total penerima di 5 kabupaten, pisahin sama yg kota": the kabupaten added up beside the kota (a
        comparison of the two kinds), not an ask-back for which kabupaten. Not "kab/kota" (one word for both)."""
        self._kind_named_in_full(words, u)
        if u.regions or u.excluded or u.only_kind or u.national or u.topic or u.outside:
            return
        at = {w: [i for i, x in enumerate(words) if x == w] for w in ("kabupaten", "kota")}
        if not (at["kabupaten"] and at["kota"]):
            return
        if any(abs(i - j) == 1 for i in at["kabupaten"] for j in at["kota"]):
            return  # "per kab/kota", "kabupaten kota"
        if u.intent not in (Intent.AMBIGUOUS, Intent.UNSURE, Intent.FIGURES, Intent.PROVINCE, Intent.COMPARE):
            return
        if any(not self.lexicon.everyday(w) for w in u.unexplained):
            return
        u.ambiguous.clear()
        u.ignored, u.unexplained = [*u.ignored, *u.unexplained], []
        u.intent = Intent.COMPARE

    def _rounded_figure(self, words: list[str]) -> str | None:
        """What a number rounded to thousands ("58 ribu", "46rb", "23k") stands for, when exactly one figure of the
        latest year rounds to it: the province total, a program's total or a kab/kota's total; None otherwise."""
        f = self.facts
        year = f.latest_year
        if year is None:
            return None
        typed: set[int] = set()
        for i, w in enumerate(words):
            m = _THOUSANDS.match(w)
            if m and (m.group(2) or (i + 1 < len(words) and words[i + 1] in ("ribu", "rb", "ribuan", "k"))):
                typed.add(int(m.group(1)))
        if not typed:
            return None
        named: list[str] = []
        total = f.province_total(year)
        if total is not None and total // 1000 in typed:
            named.append("total se-" + f.province.name)
        for p in f.program_list:
            value = f.program_total(year, p.code)
            if value is not None and value // 1000 in typed:
                named.append(p.code)
        for r in f.kabkota:
            value = f.region_total(year, r.code)
            if value is not None and value // 1000 in typed:
                named.append(r.name)
        # "bantuan yg 2 ribuan itu yg mana": a program's figure in a kab/kota of that size too (Natuna's PMKS 2.159
        # beside its total 2.169, Lingga's 2.800) makes the number name no one figure
        cells = {
            v
            for r in f.kabkota
            for p in f.program_list
            if (v := f.cell(year, p.code, r.code)) is not None and v // 1000 in typed
        }
        cells -= {f.region_total(year, r.code) for r in f.kabkota}
        return named[0] if len(named) == 1 and not cells else None

    def _indonesian(self, word: str) -> bool:
        """A word that makes a message Indonesian: far more common in Indonesian than in English ("bantuan",
        "berapa"), or a chat abbreviation of an Indonesian word ("brp", "kab"); never a kab/kota name ("Karimun")."""
        lex = self.lexicon
        if word in self.place_words or word in self.english_words:
            return False
        if word in lex.slang and lex.slang[word] != word and not lex.english(word):
            return True
        return lex.frequencies.get(word, 0.0) - lex.english_frequencies.get(word, 0.0) >= ENGLISH_MARGIN

    def _initials_dropped(self, text: str) -> str:
        """ "batam bintan karimun (BBK)", "BBK (Batam, Bintan, Karimun)": an abbreviation in parentheses made of the
        initials of the places named right before it, or the places in parentheses whose initials make the word
        right before them, only says the same places again: the abbreviation is left out, the places stay."""
        for m in _PARENTHESISED.finditer(text):
            inside = tokens(clean(m.group(1)))
            before = [w for w in tokens(clean(text[: m.start()])) if w not in _LIST_JOINERS]
            if len(inside) == 1 and self._initials_of_places(before[-len(inside[0]) :], inside[0]):
                return self._initials_dropped(text[: m.start()] + " " + text[m.end() :])
            named = [w for w in inside if w not in _LIST_JOINERS]
            if before and self._initials_of_places(named, before[-1]):
                head = text[: m.start()]
                cut = head.lower().rfind(before[-1])
                return self._initials_dropped(head[:cut] + " " + m.group(1) + " " + text[m.end() :])
        return text

    def _initials_of_places(self, words: list[str], abbreviation: str) -> bool:
        """Each of ``words`` names a place (a kab/kota, kecamatan or desa, or a name's first word) and their first
        letters spell ``abbreviation`` (two letters or more)."""
        if len(abbreviation) < 2 or len(words) != len(abbreviation) or not abbreviation.isalpha():
            return False
        index, first = self.gazetteer.index, self.gazetteer.first_words
        return "".join(w[0] for w in words) == abbreviation and all(w in index or w in first for w in words)

    def _respell(self, words: list[str], capitals: frozenset[str] = frozenset()) -> list[str]:
        """Chat spellings read as the words they stand for: digits typed for letters ("kub3 tot4l": "kube total", when
        the word so read is known), a conjunction abbreviated like a place ("total semua program tp tanpa Batam":
        "tapi" before a word that opens a clause or two words before a negation, never after "di"/"ke"; "pmks tpi brp"
        stays Tanjungpinang) and an everyday word typed without vowels or its last letter ("lwt", "jdnya", "palin
        sdikit"; see :meth:`_contraction`)."""
        lex = self.lexicon
        out: list[str] = []
        for i, w in enumerate(words):
            if (
                len(w) >= LEET_SHORTEST
                and any(c.isdigit() for c in w)
                and any(c.isalpha() for c in w)
                and all(c.isalpha() or c in lex.digit_letters for c in w)
            ):
                known = canonical_words("".join(lex.digit_letters.get(c, c) for c in w), lex)
                if len(known) == 1 and (known[0] in self.accounted or known[0] in self.place_words):
                    out.append(known[0])
                    continue
            year = _K_YEAR.match(w)
            if year:  # "2k22": 2022
                out.append(str(int(year.group(1)) * 1000 + int(year.group(2))))
                continue
            conjunction = lex.conjunction_or_place.get(w)
            # "… tp KUBE gak usah diitung": a clause whose second word is a negation
            negated = bool(conjunction) and i + 2 < len(words) and words[i + 2] in lex.exists.get("negations", ())
            if (
                conjunction
                and i + 1 < len(words)
                and (words[i + 1] in lex.clause_openers or negated)
                and not (i > 0 and words[i - 1] in PLACE_BEFORE)
            ):
                out.append(conjunction)
                continue
            stem = self._program_owned(w)
            if stem:  # "uepnya brp", "pmksnya": the program, its "-nya" pointing back like "uep nya"
                out += [stem, "nya"]
                continue
            out.append(self._contraction(w, capitals) or w)
        return self._whole_counts(out)

    def _program_owned(self, w: str) -> str | None:
        """ "uepnya" → "uep", "bskknye" → "bskk", "pkhnya" → "pkh": a program's name (ours or a national one) with the
        possessive "-nya"/"-nye" typed onto it; only a name that is no everyday word ("keluarganya" stays)."""
        if len(w) < PROGRAM_OWNED_SHORTEST or not w.isalpha() or not w.endswith(("nya", "nye")) or w in self.accounted:
            return None
        stem = w[:-3]
        named = stem in self.program_vocab or stem in self.national_words
        return stem if named and stem not in self.lexicon.vocabulary and not self.lexicon.ordinary(stem) else None

    def _contraction(self, w: str, capitals: frozenset[str]) -> str | None:
        """The everyday word ``w`` is typed short for (:meth:`Lexicon.contraction`), unless ``w`` is a name: typed
        in capitals ("BBK", an acronym or a program the bot does not hold), a place's name, a kab/kota's consonants
        ("krmn" is Karimun, never "kiriman") or one misspelt, a national program's word, or a word the understander
        knows."""
        if w in capitals or w in self.accounted or w in self.national_words or w in self.gazetteer.index:
            return None
        if w in self.gazetteer.outside or w in self.place_words:
            return None
        if len(w) <= CONTRACTED_LONGEST and any(_contracts(w, skeleton) for skeleton, _kab in self.kab_skeletons):
            return None
        read = self.lexicon.contraction(w)
        if read and process.extractOne(w, self.gazetteer.fuzzy.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF):
            return None  # "bntan" is Bintan misspelt, never "bantuan"
        if (
            read in self.lexicon.generic_place_words
            and read not in self.gazetteer.first_words
            and read not in self.accounted
        ):
            # "pnti batam brp": "pantai" would only describe Batam and be passed over, the word typed (no word of
            # the frequency list: an acronym, or "panti") silently dropped; kept as typed, it is asked back. "plau
            # batam" is still "pulau", which begins names of places, and "kcl" still "kecil" ("paling kecil")
            return None
        if read:  # "mksdnya": "maksudnya", read in the form the lexicon matches ("maksud"), like a word typed in full
            known = canonical_words(read, self.lexicon)
            return known[0] if len(known) == 1 else read
        return None

    def _whole_counts(self, words: list[str]) -> list[str]:
        """ "rekap 7 kab/kota", "apa saja 4 program dinsos", "data ketujuh kabupaten kota": the count of every kab/kota
        or every program, said before its noun, means all of them ("semua"); no figure quoted. Another count ("3
        kabupaten", "5 program") and a divisor are left as they are."""
        numbers = self.scenario_vocab.numbers or {}
        counts = {len(self.facts.kabkota): REGION_NOUNS - {"kecamatan"}, len(self.facts.programs): PROGRAM_WORDS}

        def value(w: str) -> float | None:
            w = w.removeprefix("ke") if w.startswith("ke") and w[2:] in numbers else w
            return float(w) if w.isdigit() else numbers.get(w)

        out: list[str] = []
        for i, w in enumerate(words):
            n = value(w)
            nouns = counts.get(int(n)) if n is not None and n == int(n) else None
            # "58849 dibagi 7 kab/kota", "dibagi ke 7 daerah": a divisor, kept
            divides = bool(out) and (out[-1] in {"bagi", "per"} or out[-2:] == ["bagi", "ke"])
            if nouns and i + 1 < len(words) and words[i + 1] in nouns and not divides:
                if out and out[-1] == "ke":  # "ke-7 kab/kota"
                    out.pop()
                out.append("semua")
                continue
            out.append(w)
        return out

    def _unit_claims(self, text: str, words: list[str], hits: set[str], u: Understanding) -> None:
        """ "total 58 ribu orang kan", "KUBE 60 kelompok ya?": a number given in a unit the data does not count in (the
        figures are KK), and "58,849 … 58 koma sekian": a thousands comma read as a decimal. Both are corrected in the
        reply, which gives the figures; the question is no question about what a program is."""
        units = self.lexicon.unit_words
        for i in range(1, len(words)):
            before = words[i - 1]
            # "yg 58.849 itu jumlah orang kan": a figure quoted, said to count persons, asked to be so
            quoted = units.get(words[i]) == "persons" and bool(_BIG_NUMBER.search(text)) and "berapa" not in words
            quoted = quoted and not self.lexicon.yes_no.isdisjoint(words)
            if words[i] in units and (_NUMERAL.match(before) or before in MAGNITUDES or quoted):
                u.unit_claim = units[words[i]]
                hits.difference_update({"confirm", "info.who", "info.what"})  # "yg dapat 58 ribu orang ya": a figure
                break
        for i, w in enumerate(words):  # "KUBE-nya ada berapa kelompok?": a count of groups asked, not held
            if u.unit_claim or units.get(w) != "groups" or (i + 1 < len(words) and words[i + 1] == "usaha"):
                continue
            near = words[max(i - 1, 0) : i] + words[i + 1 : i + 3]
            if not NUMBER_WORDS.isdisjoint(near):
                u.unit_claim = "group_count"
        comma = _COMMA_THOUSANDS.search(text)
        dotted = comma is not None and comma.group(0).replace(",", ".") in text  # "58,849 tp bot nulis 58.849"
        if comma and (dotted or not {"koma", "desimal", "point", "decimal"}.isdisjoint(words)):
            u.comma_number = comma.group(0)
            hits.discard("confirm")

    def _set_figure(self, words: list[str], i: int) -> bool:
        """ "misal PMKS Anambas jadi 2000", "if UEP Batam becomes 1950": in a what-if, a number right after a word
        that sets a figure ('scenarios.set' or 'scenarios.result', one word) is that figure, never a year (a year
        word before it — "jadi tahun 2023" — leaves it a year, the set word then not right before it)."""
        vocab = self.scenario_vocab
        setting = {p[0] for p in (*vocab.set, *vocab.result) if len(p) == 1}
        return i > 0 and words[i - 1] in setting and any(contains(words, p) for p in vocab.conditional)

    def _find_year(self, words: list[str], used: list[bool], u: Understanding) -> None:
        for i, w in enumerate(words):
            if _YEAR.match(w) and self._set_figure(words, i):
                continue  # "kalau PMKS Anambas jadi 2000, naik berapa": the figure set, not the year 2000
            if _YEAR.match(w) or (w in RELATIVE_YEARS and i > 0 and words[i - 1] != "tahun"):
                self._year_phrase(words, used, i)
            if _YEAR.match(w):
                used[i] = True
                story = (i > 0 and words[i - 1] in NARRATIVE_WORDS) or (
                    i > 1 and words[i - 1] == "tahun" and words[i - 2] in NARRATIVE_WORDS
                )
                if not story and int(w) not in u.years:
                    u.years.append(int(w))
                if u.year is None and not story:
                    u.year = int(w)
        self._year_range(words, u)
        if u.year is None:  # "tahun lalu", "tahun ini": relative to today in the configured zone
            for i in range(len(words) - 1):
                offset = RELATIVE_YEARS.get(words[i + 1]) if words[i] == "tahun" else None
                if offset is None and used[i] and i + 1 < len(words) and words[i + 1] in RELATIVE_YEARS:
                    offset = RELATIVE_YEARS[words[i + 1]]  # "tahun anggaran lalu"
                if offset is None and words[i + 1] == "tahun":
                    offset = ENGLISH_RELATIVE_YEARS.get(words[i])  # "last year", "this year"
                if offset is not None:
                    used[i] = used[i + 1] = True
                    if i > 0 and words[i - 1] in NARRATIVE_WORDS:
                        continue  # "sejak tahun lalu": part of a story
                    if _told_of_someone(words[max(0, i - STORY_REACH) : i]):
                        continue  # "suami saya meninggal tahun lalu": when something happened to the asker
                    u.year = to_local(datetime.now(UTC)).year + offset
                    break

    def _year_range(self, words: list[str], u: Understanding) -> None:
        """ "dari 2020 sampai 2022", "2020-2022", "from 2020 to 2022": every year of the range is asked (a range of at
        most ten years), the first year opening it even after "dari" or "sejak"."""
        pairs = [(int(a), int(b)) for a, b in _YEAR_DASH.findall(u.text)]
        for i, w in enumerate(words):
            if _YEAR.match(w):
                pairs += [
                    (int(w), int(words[j + 1]))
                    for j in range(i + 1, min(i + 3, len(words) - 1))
                    if words[j] in RANGE_WORDS and _YEAR.match(words[j + 1])
                ][:1]
        for first, last in pairs[:1]:
            if first < last <= first + 10:
                u.years = sorted({*(y for y in u.years if not first <= y <= last), *range(first, last + 1)})
                u.year = first if u.year is None or first <= u.year <= last else u.year

    def _year_phrase(self, words: list[str], used: list[bool], end: int) -> None:
        """ "tahun anggaran 2022", "TA 2022": the words before a year that only name it (never a budget)."""
        for phrase in self.lexicon.year_phrases:
            start = end - len(phrase)
            if start >= 0 and tuple(words[start:end]) == phrase:
                for k in range(start, end):
                    used[k] = True
                return

    def _find_umbrella(self, words: list[str], used: list[bool], u: Understanding, own_post: Set[int]) -> bool:
        """ "Program Rehabilitasi Sosial berapa KK?": a program the report names over the activities, before its words
        are read as a program's ("jaminan sosial"). Named as the asker's own unit ("saya staf bidang linjamsos",
        :meth:`_own_post`) it is taken but not asked; True then, and none named otherwise."""
        own = False
        if first_words(self.lexicon.umbrella_programs).isdisjoint(words):
            return False
        for phrase in self.lexicon.umbrella_programs:
            at = find(words, phrase)
            if at >= 0 and not any(used[at : at + len(phrase)]):
                for k in range(at, at + len(phrase)):
                    used[k] = True
                if at in own_post:
                    own = True
                else:
                    u.umbrella = True
                    for parent, keys in self.lexicon.umbrella_parents.items():
                        if not keys.isdisjoint(phrase) and parent not in u.umbrellas:
                            u.umbrellas.append(parent)
        return own and not u.umbrella

    def _own_post(self, words: list[str], used: list[bool]) -> set[int]:
        """ "saya staf kecamatan …", "sy kabid rehsos", "kami pegawai di kelurahan": where the asker works, said after a
        first-person word and a word of a post (data/lexicon.json "own_office"). An office below the kab/kota so named
        is taken (never a breakdown per kecamatan asked); the positions where an umbrella program's name may start
        are returned, for :meth:`_find_umbrella`."""
        office = self.lexicon.own_office
        roles, offices = office.get("roles", frozenset()), office.get("offices", frozenset())
        links = office.get("links", frozenset())
        first = self._first_person
        starts: set[int] = set()
        for i, w in enumerate(words):
            if w not in roles or first.isdisjoint(words[max(0, i - OWN_POST_REACH) : i]):
                continue
            j = _past(words, i + 1, roles | links)
            if j < len(words) and words[j] in offices and not used[j]:
                used[j] = True  # "saya staf kecamatan": the asker's office, not "per kecamatan"
            starts.add(j)
        return starts

    def _asks_of_its_own(self, hits: set[str], u: Understanding) -> bool:
        """Besides the asker's unit, the message names what it asks: a place, a program, the kab/kota one by one, the
        province, a recap, a share or an order ("saya staf bidang linjamsos … total per kab/kota beserta
        persentasenya")."""
        named = u.regions or u.programs or u.group or u.per or u.named_province or u.national
        return bool(named) or not hits.isdisjoint(("recap", "share", "rank", "rank_most", "rank_least", "compare"))

    def _find_direct_aid(self, words: list[str], used: list[bool], u: Understanding) -> None:
        """ "brp yg dapet bantuan langsung": a kind of aid the source names ("lewat bantuan langsung maupun lewat
        program (misalnya modal usaha)"), no program of its own: read as the lexicon's 'direct_aid' programs, never
        as every program. A longer program name it starts ("bantuan langsung berkelanjutan" is PMKS) stays that."""
        if first_words(self.lexicon.direct_aid).isdisjoint(words):
            return
        for phrase in self.lexicon.direct_aid:
            at = find(words, phrase)
            end = at + len(phrase)
            if at < 0 or any(used[at:end]):
                continue
            if any(compress(words[at:j]) in self.programs.exact for j in range(end + 1, min(len(words), end + 2) + 1)):
                continue
            for k in range(at, end):
                used[k] = True
            u.direct_aid = True

    def _find_national(self, words: list[str], used: list[bool], u: Understanding) -> None:
        national = self.programs.national
        if not any(w in self.national_words for w in words):
            return
        plain: list[bool] = []
        for i, j in spans(len(words), 4):
            if words[i] not in self.national_beginnings or any(used[i:j]):
                continue
            code = national.get(compress(words[i:j]))
            if code is None:
                continue
            if code not in u.national:
                u.national.append(code)
                plain.append(j - i == 1 and self.lexicon.ordinary(words[i]))
            for k in range(i, j):
                used[k] = True
        u.national_plain = bool(plain) and all(plain)  # "harga beras": the word, not the program
        checked = {n.code for n in self.lexicon.national if n.cek_bansos}
        u.national_cek_bansos = set(u.national) <= checked  # "kartu KKS saya terdaftar?": Cek Bansos answers it

    def _find_programs(self, words: list[str], used: list[bool], u: Understanding) -> None:
        found: list[str] = []
        for i, j in spans(len(words), MAX_NGRAM):
            if words[i] not in self.program_beginnings or any(used[i:j]):
                continue
            code = self.programs.exact.get(compress(words[i:j]))
            if code is None:
                continue
            # A one-word match must be a real name of a program, not a word that happens to be one of its aliases'
            # ("keluarga" alone is not a program).
            if j - i == 1 and words[i] in self.lexicon.stopwords:
                continue
            found.append(code)
            u.program_at.append((i, j, code))
            for k in range(i, j):
                used[k] = True
        if not found:
            for i, j in spans(len(words), 4):
                if j - i < 2 or any(used[i:j]):
                    continue
                key = compress(words[i:j])
                if len(key) < 10 or all(w in self.lexicon.stopwords for w in words[i:j]):
                    continue
                hit = process.extractOne(key, self.programs.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=88)
                if hit:
                    # "tanjung pinang bantuan kesejahteraan kluarga": the span without a word at either end that
                    # matches as well ("pinang" is part of the place, not of the program)
                    while j - i > 2:
                        trimmed = [(self._program_match(words[a:b]), a, b) for a, b in ((i + 1, j), (i, j - 1))]
                        better = [(t, a, b) for t, a, b in trimmed if t is not None and t[1] >= hit[1]]
                        if not better:
                            break
                        hit, i, j = max(better, key=lambda c: c[0][1])
                    found.append(self.programs.fuzzy_codes[hit[2]])
                    u.program_at.append((i, j, self.programs.fuzzy_codes[hit[2]]))
                    for k in range(i, j):
                        used[k] = True
        u.program_mentions = len(found)
        for code in found:
            if code in self.facts.groups:
                u.group = u.group or code
            elif code not in u.programs:
                u.programs.append(code)

    def _cells(self, words: list[str], u: Understanding) -> None:
        """ "BSKK Bintan & PMKS Karimun, mana lebih banyak", "bandingkan UEP Batam dengan BSKK Lingga": every program
        named right next to one kab/kota of its own (only 'cell_gap' words between), with two programs and two kab/kota
        or more — the figures asked are those pairs, not each program in each place."""
        kabs = [r for r in u.regions if r.sub_code is None and r.code in self.facts.regions]
        programs = [p for p in u.program_at if p[2] in self.facts.programs]
        if len(kabs) != len(u.regions) or len(programs) < 2 or len(kabs) != len(programs):
            return
        items = sorted(
            [(i, j, "program", code) for i, j, code in programs]
            + [(r.start, r.start + len(r.text.split()), "place", r.code) for r in kabs]
        )
        cells = []
        for first, second in zip(items[::2], items[1::2], strict=True):
            gap = words[first[1] : second[0]]
            if first[2] == second[2] or not set(gap) <= self.lexicon.cell_gap:
                return
            program, place = (first, second) if first[2] == "program" else (second, first)
            cells.append((program[3], place[3]))
        if len({p for p, _k in cells}) >= 2 and len({k for _p, k in cells}) >= 2:
            u.cells = cells

    def _program_match(self, words: list[str]) -> tuple[str, float, int] | None:
        """The program name a few words come closest to, with its score and index (rapidfuzz)."""
        return process.extractOne(compress(words), self.programs.fuzzy_keys, scorer=fuzz.ratio)

    def _program_typos(self, words: list[str], used: list[bool], u: Understanding) -> list[str]:
        """ "pmsk", "ueb", "kueb": a short word that is no word of any language the frequency lists know, no place
        and no national program, one edit (a swap, a letter more, less or changed; never the first letter) from
        exactly one program's code or one-word name, is that program misspelt. The reply says how it was read."""
        found: list[str] = []
        lex = self.lexicon
        for i, w in enumerate(words):
            if used[i] or not w.isalpha() or not 3 <= len(w) <= PROGRAM_TYPO_LONGEST or lex.everyday(w):
                continue
            if w in self.vocabulary or w in self.gazetteer.index or w in self.gazetteer.outside or lex.filler(w):
                continue
            if self._informal_spelling(w):
                continue  # "bape" (Malay "berape", "brape"): a word of the question spelt another way, no program
            forms = {w, _REPEATS.sub(r"\1\1", w), _REPEATS.sub(r"\1", w)}  # "pmksss", "bskkk": a key held down
            codes = {
                code
                for key, code in self.programs.short_keys
                if key[0] == w[0] and min(OSA.distance(f, key) for f in forms) <= 1
            }
            national = any(OSA.distance(w, key) <= 1 for key in self.programs.national if len(key) <= 6)
            if len(codes) != 1 or national:
                continue
            code = codes.pop()
            found.append(code)
            u.readings.append((w, code))
            used[i] = True
        return found

    @cached_property
    def _slang_spellings(self) -> list[str]:
        """The informal spellings the lexicon knows of its words, one word of 4+ letters ("brape", "sikit")."""
        return [k for k in self.lexicon.slang if len(k) >= INFORMAL_SHORTEST and k.isalpha()]

    def _informal_spelling(self, word: str) -> bool:
        """ "bape": one edit (never the first letter, like a program typo) from an informal spelling the lexicon knows
        ("brape", "berape" for "berapa"), so another spelling of an ordinary word of the question, never a program's
        code misspelt."""
        spellings = [k for k in self._slang_spellings if k[0] == word[0]]
        return process.extractOne(word, spellings, scorer=OSA.distance, score_cutoff=1) is not None

    def _breaks(self, text: str, words: list[str]) -> set[int]:
        """Word indices a comma (or semicolon, slash) comes before: "Tanjung, Riau" is two places, never the
        kelurahan Tanjung Riau. Empty when the words of the parts do not line up with the words of the whole. The
        last answer is kept: one question asks it several times."""
        key = (text, tuple(words))
        if self._last_breaks is not None and self._last_breaks[0] == key:
            return self._last_breaks[1]
        raw = _plain(text, self.lexicon)
        parts = _PLACE_BREAK.split(raw)
        breaks: set[int] = set()
        if len(parts) >= 2:
            joined: list[str] = []
            for part in parts:
                joined += canonical_words(part, self.lexicon)
                breaks.add(len(joined))
            if joined != words:
                breaks = set()
        self._last_breaks = (key, breaks)
        return breaks

    def _find_places(self, words: list[str], used: list[bool], u: Understanding) -> None:
        g = self.gazetteer
        lex = self.lexicon
        breaks = self._breaks(u.text, words)
        soft: list[tuple[str, int]] = []
        twins: list[tuple[str, int]] = []
        bare: list[tuple[str, str]] = []
        for i, j in spans(len(words), MAX_NGRAM):
            if words[i][:PLACE_BEGINNING] not in self.place_beginnings:
                continue  # no name of a place, ours or elsewhere, begins with this word
            if any(used[i:j]) or (breaks and any(i < b < j for b in breaks)):
                continue
            span = words[i:j]
            key = compress(span)
            entries = g.index.get(key)
            weak = bool(entries) and all(w in self.vocabulary or w in lex.generic_place_words for w in span)
            if entries and weak:
                # Ordinary words ("kota", "tanjung batu") name a desa or kecamatan only as a whole name of two or
                # more words; alone they are too common.
                entries = [e for e in entries if e.via == "alias" or e.level <= 2 or j - i >= 2]
                # A desa or kecamatan whose name is an ordinary word is not taken from one word alone.
                if j - i == 1:
                    entries = [
                        e
                        for e in entries
                        if e.via == "alias" or (e.level <= 2 and span[0] not in self.lexicon.generic_place_words)
                    ]
            if entries:
                named_as = i > 0 and words[i - 1] in VILLAGE_NOUNS  # "Kelurahan Penyengat": the phrase names it
                # "tanjungbalai": Kota Tanjungbalai (Sumut) or the Kepri town of that name, asked back with both
                twin = key in g.outside and any(e.code in g.aliased for e in entries)
                if twin:
                    twins.append((g.outside[key], i))
                named_as = named_as or twin
                if j - i == 1 and self.lexicon.ordinary(span[0]) and not named_as:
                    # An ordinary word that is also the name of a desa ("tebing", "pasir") names it only in a phrase.
                    entries = [e for e in entries if e.level <= 3 or e.via == "alias"]
            if entries:
                self._take(entries, " ".join(span), "name", u, start=i)
                for k in range(i, j):
                    used[k] = True
                continue
            if key not in g.outside:
                continue
            plain = all(w in lex.stopwords or w in lex.generic_place_words or w in lex.harmless for w in span)
            if not plain and i > 0 and words[i - 1] in lex.dish_words:
                for k in range(i, j):
                    used[k] = True  # "jualan nasi padang": a dish named after the place, not a question about it
                continue
            if not plain:
                if j - i == 1 and not (i > 0 and words[i - 1] in _NAMED_AS_KIND):
                    bare.append((g.outside[key], key))  # "batang", not "kabupaten batang"
                u.outside.append(g.outside[key])
                u.outside_joined = u.outside_joined or (i > 0 and words[i - 1] in JOIN_WORDS)
                for k in range(i, j):
                    used[k] = True
                if j - i == 1 and lex.ordinary(span[0]) and not self._marked_place(words, i, breaks):
                    soft.append((u.outside[-1], i))
        self._fuzzy_places(words, used, u, breaks)
        near = {k for r in u.regions for k in range(r.start - PLACE_GAP, r.start + len(r.text.split()) + PLACE_GAP)}
        for label, i in soft if u.regions else []:
            # "grafik batang kab/kota … batam kan?": in a question about a Kepri place, an everyday word that is also
            # a name elsewhere ("batang", Kabupaten Batang), far from that place and marked as a place by nothing, is
            # the word ("Sukajadi Pekanbaru", "Batam PMKS Medan" stay two places)
            # "batam itu masuk riau kan?": said to be where the Kepri place lies, right after a premise word
            premised = i > 0 and words[i - 1] in PREMISE_WORDS and any(i in self._lie_span(words, r) for r in u.regions)
            if i not in near and not premised:
                u.outside.remove(label)  # the word stays taken: read, and not asked back as a place
        for label, i in twins:
            if any(o in label for o in u.outside):
                # "tanjungbalai sumut": the other province named says which of the two is meant
                u.outside = [label, *(o for o in u.outside if o not in label)]
                u.regions = [r for r in u.regions if r.start != i]
                u.same_name = None
        if len(bare) == 1 and u.outside == [bare[0][0]] and not u.regions and not u.ambiguous:
            u.outside_near = self._kab_one_letter_from(*bare[0], u.text)
        self._contracted_places(words, used, u)
        self._resolve_by_parent(u)
        if u.same_name and self._ancestors(u.same_name[0]) & u.mentioned:
            u.same_name = None  # "Kelurahan Kampung Baru, Tanjungpinang Barat": its kecamatan says which one
        if not u.regions and not u.outside and not u.ambiguous:
            self._bare_first_words(words, used, u)

    def _kab_one_letter_from(self, label: str, key: str, text: str) -> str | None:
        """ "batang dpt brp": the kab/kota of ours whose name is one slip (:func:`_one_slip`) from a bare name of a
        kab/kota outside the province (Kota Batam for Kabupaten Batang), when the message names none of that place's
        provinces ("batang jawa tengah" is the one outside); None when none is, or several are. A kecamatan or desa
        elsewhere named like ours is never asked back (bot/understanding/lookalikes.py)."""
        if not label.startswith(("Kabupaten ", "Kota ")):
            return None
        where = label[label.rfind("(") + 1 : -1] if label.endswith(")") else ""
        typed = compress(self._words(text))
        if where and any(compress(self._words(p)) in typed for p in where.split(",")):
            return None
        near = [k.code for k in self.facts.kabkota if _one_slip(compress(self._words(k.short)), key)]
        return near[0] if len(near) == 1 else None

    def names_province(self, words: list[str]) -> bool:
        """The words are a province's name or alias ("kepri", "kepulauan riau")."""
        return compress(words) in self._province_keys

    @cached_property
    def _province_keys(self) -> dict[str, str]:
        """Each province's name and aliases as one key ("kepulauanriau", "kepri") → its code."""
        f = self.facts
        provinces = {compress(canonical_words(p.name, self.lexicon)): p.code for p in f.provinces}
        codes = set(provinces.values())
        return provinces | {compress(canonical_words(a, self.lexicon)): c for a, c in f.aliases if c in codes}

    def _all_including(self, words: list[str], u: Understanding) -> None:
        """ "tabel BSKK 7 kab kota lengkap, natuna anambas jg", "data PMKS seluruh kab/kota termasuk natuna": every
        kab/kota is asked, the ones named said to be among them; the places named are no comparison of their own."""
        if not u.regions or u.excluded or any(r.sub_code for r in u.regions):
            return
        every = any(w in ALL_WORDS and words[i + 1] in REGION_NOUNS - {"kecamatan"} for i, w in enumerate(words[:-1]))
        if every and not INCLUDED_TOO.isdisjoint(words):
            u.regions, u.named_kabs, u.province = [], set(), True

    def _not_that_place(self, words: list[str], u: Understanding) -> None:
        """ "Kab Bintan (bukan kota tanjungpinang ya) totalnya brp": a kab/kota said right after "bukan" beside
        another one named is the one not meant, so it is dropped (never added to the other)."""
        if len(u.regions) < 2 or any(r.sub_code for r in u.regions):
            return
        denied = {r.code for r in u.regions if r.start > 0 and words[r.start - 1] in NOT_THIS_WORDS}
        if not denied or denied >= {r.code for r in u.regions}:
            return
        u.regions = [r for r in u.regions if r.code not in denied]
        u.named_kabs -= denied
        u.mentioned -= denied

    def _total_including(self, words: list[str], u: Understanding) -> None:
        """ "total anambas termasuk KUBE brp", "jumlah Batam plus UEP": a kab/kota's total said to hold the programs
        named after "termasuk" is the kab/kota's total (whose reply says what it leaves out), not those programs."""
        if not (u.regions and u.programs) or TOTAL_WORDS.isdisjoint(words[: min(r.start for r in u.regions) + 1]):
            return
        exact = self.programs.exact
        included = [
            exact[compress([words[i + 1]])]
            for i, w in enumerate(words[:-1])
            if w in INCLUDING_WORDS and compress([words[i + 1]]) in exact
        ]
        # "termasuk bskk dan kube": the programs joined to the one after the word are included too
        at = {i: (j, code) for i, j, code in u.program_at}
        for i, w in enumerate(words[:-1]):
            k = i + 1 if w in INCLUDING_WORDS else len(words)
            while k in at:
                included.append(at[k][1])
                k = at[k][0]
                k += k < len(words) and words[k] in INCLUDING_JOIN
        if included and set(u.programs) <= set(included):
            u.programs = []

    def _source_said(self, words: list[str], hits: set[str], u: Understanding) -> None:
        """ "data ini dari BPS kan?", "sumbernya dari kemensos?", "angka ini dari dinsos atau bps?": another body said
        to be where the figures come from is a question about the data's source, whose premise the reply denies; a
        national program named by that body's name (Kemensos, DTKS) is then not what is asked."""
        others = self.lexicon.other_sources
        if not DATA_SAID.intersection(words) and "about.source" not in hits:
            return
        # "angka 58 ribu itu termasuk bantuan kemensos?": whether that figure holds the national programs; a register
        # of families ("data 58.849 itu dari dtks kan") is no program, and stays a question about the source
        holds = bool(u.national) and quotes_a_figure(words)
        # "ini data BPS ya?": a body right after the figures' own word, in a question asking no figure of anything
        owner = not (u.regions or u.programs or u.group) and NUMBER_WORDS.isdisjoint(words)
        said: set[str] = set()
        for i, w in enumerate(words):
            before = words[max(i - 3, 0) : i]
            if i >= 2 and words[i - 1] == "dari" and words[i - 2] in self._first_person:
                continue  # "saya dari Bappeda, mohon jumlah … beserta sumbernya": who asks, not the source said
            of_data = owner and i > 0 and words[i - 1] in DATA_SAID
            if holds and others.get(w) not in self.lexicon.registry_sources:
                continue
            if w in others and (SOURCE_BEFORE.intersection(before) or of_data) and others[w] not in u.source_said:
                u.source_said.append(others[w])
                said.add(w)
                code = self.programs.national.get(w)
                if code in u.national and not any(self.programs.national.get(x) == code for x in words if x != w):
                    u.national.remove(code)
        if u.source_said:
            hits.add("about.source")
            u.about = sorted({*u.about, "source"})
        rest = [w for w in words if w not in said]
        if (
            said
            and "personal.first_person" not in hits
            and not any(contains(rest, p) for p in self.phrase_sets.get("personal.phrases", ()))
        ):
            # "angka ini dari DTKS bukan?": the registry named as the figures' origin, not the asker's status in it
            hits.discard("personal.phrases")

    def _named_by_role(self, words: list[str], u: Understanding) -> None:
        """Places named by what they are rather than by name. "ibu kota provinsi", "ibukota Lingga" (aliases in
        data/region_aliases.csv): the reply says which place it read; "ibukota provinsi Riau" is a capital outside;
        "ibukota" alone is asked back between the province's capital and the province. "kabupaten kepulauan riau":
        a kabupaten named like the province (Bintan's former name, an alias) may mean either, so it is asked back
        with both."""
        f = self.facts
        capitals = self.lexicon.capital_words
        provinces = self._province_keys
        for r in list(u.regions):
            key = compress(r.text.split())
            if r.via == "alias" and any(c in key for c in capitals):  # a town: its own note
                if u.outside and len(u.regions) == 1:  # "ibukota provinsi Riau": the capital of a place outside
                    u.regions.remove(r)
                    u.named_kabs.discard(r.code)
                elif (r.text, r.code) not in u.readings:
                    u.readings.append((r.text, r.code))
                continue
            first, *rest = r.text.split()
            province = provinces.get(compress(rest)) if first in _KAB_WORDS and rest else None
            kabkota = r.code in f.regions and f.regions[r.code].level == 2  # never a province ("kepulauan riau")
            if r.via == "alias" and r.sub_code is None and kabkota and province is not None and province != r.code:
                u.regions.remove(r)
                u.named_kabs.discard(r.code)
                former = f"{first.title()} {f.regions[province].name}"
                u.ambiguous.append(Ambiguity(r.text, [province, r.code], [province, r.code], former))
        said = [(i, (w,)) for i, w in enumerate(words)] + [(i, p) for i, p in enumerate(pairwise(words))]
        at, parts = next(((i, p) for i, p in said if "".join(p) in capitals), (0, None))
        if parts is None or f.several or u.regions or u.outside or u.province:
            return
        after = words[at + len(parts) : at + len(parts) + 1]
        if after and after[0] in self.lexicon.generic_place_words:
            return  # "ibu kota kabupaten": of which kabupaten, not said
        if any(a.text not in parts for a in u.ambiguous):  # only the "kota" of "ibu kota"; not "ibu kota kabupaten"
            return
        bare = "".join(parts)
        capital = next(
            (e.code for c in capitals for p in provinces if (e := self._alias_entry(c + p)) is not None), None
        )
        if capital is not None:  # "berapa KK di ibukota": the province's capital, or the province?
            u.ambiguous = [Ambiguity(bare, [capital, f.province.code], [capital, f.province.code])]

    def _alias_entry(self, key: str) -> Entry | None:
        """The kab/kota an alias names (data/region_aliases.csv), by its compressed key."""
        return next((e for e in self.gazetteer.index.get(key, ()) if e.via == "alias" and e.level == 2), None)

    @staticmethod
    def _said_to_lie(words: list[str], start: int) -> list[str]:
        """The words right after the kab/kota at ``start`` when a premise word follows it ("Natuna ikut Kalbar kan?",
        "Natuna itu yg di Kalimantan?"): where it is said to lie; none without one ("lingga jawa barat berapa kk"
        may name a place of that name there, no premise to correct)."""
        if PREMISE_WORDS.isdisjoint(words[start + 1 : start + 8]):
            return []
        return words[start + 1 : start + 6]

    def _lie_span(self, words: list[str], r: PlaceMatch) -> range:
        """Where the words saying where the kab/kota at ``r`` lies stand (:meth:`_said_to_lie`), as positions."""
        said = self._said_to_lie(words, r.start)
        return range(r.start + 1, r.start + 1 + len(said))

    def _only_wrong_said(self, words: list[str]) -> bool:
        """The message only says "wrong" (with words of address, particles, "bot", "again"): "salah bos", "keliru
        lagi tuh", "wrong!". One word of "wrong" alone in a longer question ("salah satu program apa") is not it."""
        said = [w for w in words if w in WRONG_ALONE]
        rest = [w for w in words if w not in WRONG_ALONE and w not in WRONG_BESIDE and not self.lexicon.filler(w)]
        return bool(said) and not rest

    def _former_province_said(self, words: list[str], u: Understanding) -> str | None:
        """A province elsewhere whose name is part of our province's name ("Riau" of Kepulauan Riau, which it was
        part of), said as a word of its own: not after "kepulauan", not inside a name of ours ("Tanjung Riau"). Its
        label, or None."""
        own = self.facts.province.name.lower().split()
        placed = {k for r in u.regions for k in range(r.start, r.start + len(r.text.split()))}
        for i, w in enumerate(words):
            label = self.gazetteer.outside.get(w)
            if (
                label is None
                or "(" in label  # a kab/kota or town elsewhere, not a province
                or label.lower() not in own
                or i in placed
                or (i > 0 and words[i - 1] in [*own[: own.index(label.lower())], "kep"])
                or (i + 1 < len(words) and words[i + 1] in ISLANDS_AFTER)  # "Riau Islands": ours, in English
            ):
                continue
            return label
        return None

    def _said_of_place(self, words: list[str], start: int, labels: list[str]) -> bool:
        """The other province named right after the kab/kota, as where it lies."""
        if not labels:
            return False
        names = {w for w in canonical_words(labels[0], self.lexicon) if w not in ("pulau", "provinsi")}
        keys = {k for k, v in self.lexicon.outside_places.items() if v == labels[0]}
        return any(w in names or w in keys for w in self._said_to_lie(words, start))

    def _island_said(self, words: list[str], start: int) -> str | None:
        """A large island elsewhere named right after the kab/kota, as where it lies: its name."""
        islands = self.lexicon.other_islands
        return next((islands[w] for w in self._said_to_lie(words, start) if w in islands), None)

    def _marked_place(self, words: list[str], i: int, breaks: set[int]) -> bool:
        """The word at ``i`` is marked as a place: after "di", "ke", "dari", "kabupaten" …, next to "dan"/"vs", or one
        of a list broken by commas ("Batam, Medan")."""
        before = words[i - 1] if i > 0 else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        marks = PLACE_BEFORE | JOIN_WORDS | COMPARE_LINKS | REGION_TITLES
        return before in marks or after in JOIN_WORDS or i in breaks or i + 1 in breaks

    def _fuzzy_places(self, words: list[str], used: list[bool], u: Understanding, breaks: set[int]) -> None:
        g = self.gazetteer
        lex = self.lexicon
        # a known word, a program's, one with digits or an everyday word is never a typo of a name
        known = [w in self.vocabulary or w in self.program_vocab or not w.isalpha() or lex.ordinary(w) for w in words]
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                j = i + size
                if any(known[i:j]) or any(used[i:j]) or (breaks and any(i < b < j for b in breaks)):
                    continue
                span = words[i:j]
                if all(w in lex.generic_place_words for w in span):
                    continue
                key = compress(span)
                if len(key) < 4:
                    continue
                # Kab/kota and province names first ("bandong" is Bandung, not Kecamatan Andong), then kecamatan.
                for candidates in (g.fuzzy, *self._fuzzy_subs(u)):
                    hits = process.extract(key, candidates.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=8)
                    if hits:
                        break
                if not hits:
                    continue
                best_score = hits[0][1]
                close = [h for h in hits if h[1] >= best_score - FUZZY_TIE]
                entries = [e for h in close for e in candidates.entries[h[2]]]
                if candidates is g.fuzzy:  # "bandong": Bandung the kab/kota, not a kecamatan Bandung elsewhere
                    entries = [e for e in entries if e.level <= 2 or e.via == "alias"] or entries
                self._take(entries, " ".join(span), "fuzzy", u, score=best_score, start=i)
                for k in range(i, j):
                    used[k] = True

    def _contracted_places(self, words: list[str], used: list[bool], u: Understanding) -> None:
        """ "krmn", "bntn", "ntn": a kab/kota name written without its vowels, in a question that names no other place,
        when exactly one kab/kota fits (all its consonants in order; one left out only from four letters up, so "bnn"
        is no Bintan); read as it and said so."""
        if u.regions or u.outside or u.ambiguous:
            return
        lex = self.lexicon
        for i, w in enumerate(words):
            if used[i] or not w.isalpha() or not 3 <= len(w) <= VOWELLED_LONGEST:
                continue
            if w in self.vocabulary or w in self.program_vocab or lex.filler(w) or lex.ordinary(w):
                continue
            consonants = "".join(c for c in w if c not in VOWELS)
            if consonants == w:
                if len(w) > CONTRACTED_LONGEST:
                    continue
                kabs = {kab for skeleton, kab in self.kab_skeletons if _contracts(w, skeleton)}
            elif len(w) >= VOWELLED_SHORTEST:  # "kirmun": its vowels misplaced, its consonants Karimun's, in order
                kabs = {kab for skeleton, kab in self.kab_skeletons if consonants == skeleton}
            else:
                continue
            if len(kabs) != 1:
                continue
            kab = kabs.pop()
            u.regions.append(PlaceMatch(kab, w, "fuzzy", None, 80.0, i))
            u.named_kabs.add(kab)
            u.readings.append((w, kab))
            used[i] = True
            return

    def _fuzzy_subs(self, u: Understanding) -> list[FuzzySet]:
        """Kecamatan names typo matching may search: all of a small scope's, else those of the kab/kota named."""
        g = self.gazetteer
        if g.small:
            return [g.fuzzy_sub]
        kabs = {k.code for r in u.regions for k in self._kabs_of(r.code)}
        return [g.fuzzy_sub_by_kab[k] for k in sorted(kabs) if k in g.fuzzy_sub_by_kab]

    def _apart(self, code: str, others: list[str]) -> bool:
        """A region that is none of ``others`` and neither lies in one of them nor holds one."""
        return all(code != o and o not in self._ancestors(code) and code not in self._ancestors(o) for o in others)

    def _ancestors(self, code: str) -> set[str]:
        out: set[str] = set()
        region = self.facts.regions.get(code)
        while region is not None and region.parent_code:
            out.add(region.parent_code)
            region = self.facts.regions.get(region.parent_code)
        return out

    def _kabs_of(self, code: str) -> list[RegionInfo]:
        """The kab/kota a named region stands for: itself, or every kab/kota of a province."""
        region = self.facts.regions.get(code)
        if region is None:
            return []
        if region.level == 1:
            return [k for k in self.facts.kabkota if k.parent_code == code]
        return [region] if region.level == 2 else []

    def _resolve_by_parent(self, u: Understanding) -> None:
        """ "Sukamaju, Luwu Utara", "sukamaju di luwu utara": a name shared by several regions, asked with the
        kab/kota (or province) it lies in, is that one."""
        named = {r.code: r for r in u.regions if r.sub_code is None}
        if not named:
            return
        f = self.facts
        for amb in list(u.ambiguous):
            places = amb.places or amb.candidates
            keep = [
                (c, p)
                for c, p in zip(amb.candidates, places, strict=False)
                if c in named or (self.facts.province_of(p) or f.province).code in named
            ]
            if not keep or len(keep) == len(amb.candidates):
                continue
            if len(keep) > 1:
                amb.candidates, amb.places = [c for c, _p in keep], [p for _c, p in keep]
                continue
            code, place = keep[0]
            u.ambiguous.remove(amb)
            sub = place if f.regions[place].level > 2 else None
            parent = named.get(code) or named[(f.province_of(place) or f.province).code]
            u.regions = [r for r in u.regions if r is not parent]
            u.named_kabs.discard(parent.code)
            how = "sub" if sub else parent.via
            match = PlaceMatch(code, f"{amb.text}, {parent.text}", how, sub, 100.0, parent.start)
            if code == parent.code and sub is None:
                u.named_kabs.add(code)
            u.regions.insert(0, match)

    def _bare_first_words(self, words: list[str], used: list[bool], u: Understanding) -> None:
        """ "tanjung?" or "kota berapa?": a word that starts the names of places in several kab/kota."""
        if contains(words, ("kabupaten", "kota")):
            return
        for i, w in enumerate(words):
            if used[i] or w not in self.lexicon.generic_place_words:
                continue
            if i and words[i - 1] in EVERY_WORDS:
                continue  # "semua kabupaten", "all regencies": every one, not one to choose
            kabs = self.gazetteer.first_words.get(w, set())
            if len(kabs) >= 2:
                u.ambiguous.append(Ambiguity(w, sorted(kabs), sorted(kabs)))
                used[i] = True
                return

    def _take(
        self, entries: list[Entry], text: str, via: str, u: Understanding, score: float = 100.0, start: int = 0
    ) -> None:
        top = min(e.level for e in entries)
        chosen = entries if via == "fuzzy" else [e for e in entries if e.level == top]
        if top >= 3 and via != "fuzzy" and self.facts.several:
            # Across provinces a kecamatan name does not outrank the desa of the same name elsewhere ("Sukamaju":
            # one kecamatan, ninety desa): every one is a candidate, the kecamatan first.
            chosen = entries
        kabs = sorted({e.kab_code for e in chosen})
        if len(kabs) > 1:
            # Most relevant first: the highest level (a kab/kota before a desa of the same name), then by code.
            best: dict[str, Entry] = {}
            for e in sorted(chosen, key=lambda e: (e.level, e.code)):
                best.setdefault(e.kab_code, e)
            ranked = sorted(best.values(), key=lambda e: (e.level, e.code))
            u.ambiguous.append(Ambiguity(text, [e.kab_code for e in ranked], [e.code for e in ranked]))
            return
        kab = kabs[0]
        best_entry = min(chosen, key=lambda e: e.level)
        if kab == self.facts.province.code:
            u.province = u.named_province = True
            return
        sub = best_entry.code if best_entry.level > 2 else None  # a kecamatan or desa, by name or alias
        how = "sub" if sub else ("alias" if best_entry.via == "alias" else via)
        if sub is None:
            u.named_kabs.add(kab)
        elif best_entry.via == "name" and via == "name" and u.same_name is None and self.facts.regions[sub].level >= 4:
            # A desa/kelurahan name shared with other provinces is asked back; kecamatan names stay Kepri's, and so
            # do the names data/region_aliases.csv gives a Kepri place ("Pulau Penyengat").
            name = self.facts.regions[sub].name.lower()
            elsewhere = self.lexicon.same_names.get(name)
            typed = u.words[start - 1] if 0 < start <= len(u.words) else ""
            kind = self.facts.regions[sub].kind.lower()
            if elsewhere and typed == kind and kind not in self.lexicon.same_name_kinds.get(name, {kind}):
                elsewhere = None  # "Kelurahan Penyengat": Kepri's is a kelurahan, the one in Riau a desa
            if elsewhere:
                u.same_name = (sub, elsewhere)
        u.mentioned.add(best_entry.code)
        same = next((r for r in u.regions if r.code == kab), None)
        if same is not None:
            if sub and same.sub_code and self._apart(sub, [same.sub_code, *(c for c, _t in same.also)]):
                same.also.append((sub, text))  # "Batu Aji sama Sekupang": both named, their kab/kota answers once
            return
        u.regions.append(PlaceMatch(kab, text, how, sub, score, start))

    def _yes_no_of_named(self, words: list[str], u: Understanding) -> bool:
        """ "benar gak KUBE ada di natuna", "betul tidak Batam paling banyak": every phrase of the data's being official
        in the question is made of yes/no words ("benar tidak"), said of a program or place named, with no word of the
        data itself: a yes/no question about what is named, not about the data."""
        if not (u.programs or u.group or u.regions) or not DATA_WORDS.isdisjoint(words):
            return False
        yes_no = self.lexicon.yes_no | {"tidak"}
        said = [p for p in self.phrase_sets.get("about.official", ()) if contains(words, p)]
        return bool(said) and all(set(p) <= yes_no for p in said)

    def _means_sum(self, words: list[str]) -> bool:
        """ "maksudnya BSKK ditambah PMKS": "maksud" saying what the asker means, a sum after it and no "apa"."""
        at = next((i for i, w in enumerate(words) if w == "maksud"), -1)
        sums = self.phrase_sets.get("arith.sum", ())
        after = words[at + 1 :]
        return at >= 0 and any(contains(after, p) for p in sums) and {"apa", "what", "arti"}.isdisjoint(after)

    def _typed_whole(self, text: str) -> str:
        """ "58.849 dikurangi yg batam", "46.686 - pmks batam": the whole a typed number is, when it is the province's
        total of the latest year ("*") or a program's total there (its code); "" when no number typed is one."""
        typed = [int(re.sub(r"[.,]", "", m.group(0))) for m in _TYPED_NUMBER.finditer(text)]
        f = self.facts
        year = f.current_year
        if year is None or not typed:
            return ""
        wholes: dict[int, str] = {}
        for code in f.programs:
            value = f.program_total(year, code)
            if value is not None:
                wholes.setdefault(value, code)
        total = f.province_total(year)
        if total is not None:
            wholes[total] = "*"
        return next((wholes[value] for value in typed if value in wholes), "")

    def _find_exclusions(self, words: list[str], used: list[bool], u: Understanding) -> None:
        """ "di luar Batam", "tanpa Batam dan Tanjungpinang", "kabupaten saja": kab/kota left out of a sum."""
        after = self.phrase_sets.get("exclude.after", ())
        before = self.phrase_sets.get("exclude.before", ())
        around = self.phrase_sets.get("exclude.around", ())
        typed_whole = self._typed_whole(u.text)
        operations.find_exclusions(
            words,
            used,
            u,
            len(self.facts.kabkota),
            after,
            self.programs.exact,
            before,
            self.scenario_vocab.conditional,
            around,
            whole=bool(u.named_province or typed_whole or WHOLE_WORDS & set(words)),
        )
        if u.excluded and typed_whole and typed_whole != "*" and not (u.programs or u.group):
            u.programs = [typed_whole]  # "11.638 dikurangi Bintan": that program's total without Bintan
        if u.excluded and (typed_whole or not REMAINDER_WORDS.isdisjoint(words)):
            # "kalau batam gak dihitung, sisa brp kk dari 58.849", "… sisanya brp": what is left of the whole, the
            # kab/kota left out taken from it (34.904 with the KK reported without a breakdown), beside the kab/kota
            # left added up (34.844)
            u.minus_whole = True
        for kind, other in (("kabupaten", "kota"), ("kota", "kabupaten")):
            if kind not in words and other not in words:
                continue  # neither kind said: none is kept alone nor left out
            named = [self.facts.regions[r.code].kind.lower() for r in u.regions if r.code in self.facts.regions]
            if named and not all(k == other for k in named):
                continue  # "kab (bukan kota) …, tpi sama batam gak usah": kota named beside "bukan kota" are left out
            only = find(words, (kind, "saja")) >= 0 or find(words, ("hanya", kind)) >= 0
            count = sum(1 for k in self.facts.kabkota if k.kind.lower() == kind)
            # "total 5 kabupaten brp": all five of them (not "5 kab kota", nor with the kota asked beside them)
            said = find(words, (str(count), kind))  # "kecuali 5 kabupaten" leaves them out: the kota are kept
            only = only or (said >= 0 and other not in words and (not said or words[said - 1] not in EXCLUDE_WORDS))
            at = [find(words, (w, other)) for w in ("bukan", *EXCLUDE_WORDS)]
            # "(5 kabupaten, tanpa 2 kota)": the other kind left out, counted whole
            others = str(sum(1 for k in self.facts.kabkota if k.kind.lower() == other))
            at += [i + 1 if (i := find(words, (w, others, other))) >= 0 else -1 for w in ("bukan", *EXCLUDE_WORDS)]
            # "kecuali kota Batam" leaves Batam out, not every kota
            if only or any(i >= 0 and not (i + 2 < len(used) and used[i + 2]) for i in at):
                u.only_kind = kind
                u.ambiguous.clear()
                u.regions.clear()
                return

    def _unglue(self, text: str) -> str | None:
        """ "brpkkdibatam", "berapepenerimadinatuna": a message typed without spaces, split into the fewest known
        words (the lexicon's, slang, place names, program codes, everyday words); only when every letter is covered
        and a place or program is among the pieces, else None."""
        token = text.strip().rstrip("?!.").lower()
        if len(token) < 8 or not token.isalpha() or token in self.accounted or token in self.place_words:
            return None
        lex = self.lexicon
        anchors = set(self.place_words) | {p.code.lower() for p in self.facts.program_list}
        if not any(a in token for a in anchors):
            return None

        def known(piece: str) -> float | None:
            if piece in anchors:
                return 9.0
            if piece in lex.slang or piece in self.accounted or piece in _GLUE_WORDS:
                return 5.0 + lex.frequencies.get(piece, 0.0) / 10
            zipf = lex.frequencies.get(piece, 0.0)
            return zipf if zipf >= 4.0 and len(piece) >= 3 else None

        best: list[tuple[int, float, list[str]] | None] = [None] * (len(token) + 1)
        best[0] = (0, 0.0, [])
        for end in range(1, len(token) + 1):
            for start in range(max(0, end - 16), end):
                before = best[start]
                score = known(token[start:end]) if before is not None else None
                if before is None or score is None:
                    continue
                candidate = (before[0] + 1, before[1] - score, [*before[2], token[start:end]])
                current = best[end]
                if current is None or candidate[:2] < current[:2]:
                    best[end] = candidate
        found = best[-1]
        if found is None or len(found[2]) < 2 or not anchors & set(found[2]):
            return None
        return " ".join(found[2]) + ("?" if text.strip().endswith("?") else "")

    def _ranked_after(self, words: list[str], u: Understanding) -> None:
        """ "yg ke-2 sesudah batam", "setelah Batam yg mana": a place in the order counted from the one kab/kota named
        right after "setelah"/"sesudah", asked with an ordinal, a word of a place in the order or a which-word, and
        nothing else left unexplained: the ranking (see :func:`operations.refine`)."""
        if len(u.regions) != 1 or u.regions[0].sub_code or u.scenario or u.arith or u.excluded:
            return
        if u.intent not in (Intent.FIGURES, Intent.OUT_OF_SCOPE, Intent.UNSURE, Intent.UNKNOWN) or u.topic:
            return
        at = u.regions[0].start
        if not (0 < at <= len(words) and words[at - 1] in operations.AFTER_WORDS):
            return
        if set(u.unexplained) - operations.AFTER_WORDS or u.not_held or u.national or u.outside:
            return
        nth = max(ordinal(words), operations.position(words))
        if nth <= 1 and _RANK_PLACE.isdisjoint(words) and _WHO_WORDS.isdisjoint(words):
            return
        u.intent, u.rank, u.order, u.rank_position = Intent.RANKING, Rank.MOST, Order.DESC, nth
        u.unexplained = []

    def _rank_membership(self, words: list[str], u: Understanding) -> None:
        """ "apakah Tanjungpinang masuk 3 besar?", "Karimun top 5 ga?", "natuna no brp dr bawah": one kab/kota's
        place in the order, counted from the top or (with "bawah", "bottom") from the end; with a number next to a
        word of the top or the end, whether it is among those."""
        if len(u.regions) != 1 or u.regions[0].sub_code or u.scenario or u.arith or u.excluded:
            return
        if u.intent not in (*FIGURE_INTENTS, Intent.OUT_OF_SCOPE, Intent.UNSURE, Intent.UNKNOWN, Intent.INFO):
            return
        if set(u.unexplained) - _RANK_TOP - _RANK_BOTTOM or u.not_held or u.national or u.outside:
            return  # "is Natuna in the bottom 3?": the words of the order are all that is left unexplained
        bottom = not _RANK_BOTTOM.isdisjoint(words)
        top = not _RANK_TOP.isdisjoint(words)
        if not (top or bottom):  # "batam nomor 1 ya?", "bintan peringkat 2 kan": that place of the order, and its own
            at = next((int(x) for w, x in pairwise(words) if w in _RANK_PLACE and x.isdigit()), 0)
            if 1 <= at <= len(self.facts.kabkota):
                u.intent, u.rank, u.rank_position, u.top_n = Intent.RANKING, Rank.MOST, at, None
                u.topic, u.unexplained = None, []
            return
        if bottom == top:
            return
        n = None
        for i, w in enumerate(words):
            if w in _RANK_BOTTOM | _RANK_TOP:
                near = [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]
                n = next((int(x) for x in near if x.isdigit() and 1 <= int(x) <= len(self.facts.kabkota)), n)
        if n is None and _RANK_PLACE.isdisjoint(words):
            return  # "Batam terbesar?" is the ranking's own question; a place in the order needs "urutan", "no"
        if n is None and top and _RANK_END.isdisjoint(words):
            return
        u.intent, u.rank, u.rank_position, u.top_n = Intent.RANKING, Rank.LEAST if bottom else Rank.MOST, 1, n
        u.topic = None
        u.unexplained = []

    def _of_kind(self, kind: str) -> list[RegionInfo]:
        """The kab/kota of one kind ("kota": Batam and Tanjung Pinang)."""
        return [k for k in self.facts.kabkota if k.kind.lower() == kind]

    def _every_kab_added(self, words: list[str], hits: set[str], u: Understanding) -> None:
        """ "total 7 kab/kota brp", "ketujuh kab/kota totalnya", "semua kab/kota digabung": the kab/kota's figures
        added up (the sum said against the province total, which also holds the part reported without a kab/kota
        breakdown), not the list of kab/kota. Their number ("7", "tujuh", "ketujuh") or a word of adding them up
        names them as what is added, with one number asked ("berapa") or a word of adding; "total per kab/kota",
        "rekap semua kab/kota" and "total semua kab/kota berapa saja" still ask the list."""
        if u.intent != Intent.LIST_REGIONS or "arith.sum" not in hits or not LISTING_WORDS.isdisjoint(words):
            return
        if u.regions or u.programs or u.group or u.excluded or u.only_kind or u.outside or u.ambiguous:
            return
        if any(w.isdigit() and w != str(u.year) for w in words) or not PROGRAM_WORDS.isdisjoint(words):
            # "dijumlah semua kab/kota hasilnya 58.849?" checks a number typed; "semua program & semua kab/kota
            # digabung" asks every figure together: the province's total, listed with its kab/kota
            return
        count = len(self.facts.kabkota)
        counted = {str(count)} | {n for n, v in COUNT_WORDS.items() if v == count}
        kab = {"kabupaten", "kota", "daerah", "wilayah"}
        every = any(w in counted | ALL_WORDS and words[i + 1] in kab for i, w in enumerate(words[:-1]))
        if not every or (ADDED_UP.isdisjoint(words) and "berapa" not in words):
            return
        u.regions = [PlaceMatch(k.code, k.name, "kind", None, 100.0, 0) for k in self.facts.kabkota]
        u.named_kabs.update(k.code for k in self.facts.kabkota)
        u.intent, u.arith, u.per, u.province = Intent.ARITHMETIC, Arith.SUM, None, False

    def _lone_kind(self, words: list[str], used: list[bool], u: Understanding) -> None:
        """ "rata-rata per kabupaten", "kabupaten mana paling banyak", "brp persen yg di kabupaten": one kind of
        kab/kota named on its own (not "kab/kota", not the first word of a place's name) limits what is ranked,
        averaged or shared to that kind; with a place named, "dari total kota", "gabungan semua kabupaten" make that
        kind added up the whole the place is measured against."""
        if u.only_kind or u.excluded or u.intent not in KIND_INTENTS:
            return
        alone: dict[str, int] = {}
        for i, w in enumerate(words):
            if w not in KIND_WORDS:
                continue
            after = words[i + 1] if i + 1 < len(words) else ""
            if (i + 1 < len(words) and used[i + 1]) or after in KIND_WORDS or after in KIND_OF:
                continue  # "Kota Batam", "kab/kota", "city of Batam"
            if i and words[i - 1] in KIND_WORDS:
                continue
            alone.setdefault(w, i)
        if len(alone) != 1:
            return
        kind, at = next(iter(alone.items()))
        if not u.regions and u.intent == Intent.COMPARE and not u.per:
            # "bandingkan dua kota", "bandingin kota2 nya": the kab/kota of that kind, side by side
            kabs = self._of_kind(kind)
            if len(kabs) >= 2:
                u.regions = [PlaceMatch(k.code, kind, "kind", None, 100.0, at) for k in kabs]
                u.named_kabs.update(k.code for k in kabs)
            return
        if not u.regions:
            if u.intent == Intent.SHARE:
                u.only_kind = kind  # "brp persen yg di kabupaten": the kind's share, never one kab/kota's
            elif u.intent != Intent.COMPARE:
                u.kind_also = kind
        elif at and words[at - 1] in KIND_WHOLE and u.intent in (Intent.SHARE, Intent.COMPARE):
            u.whole_kind = kind

    def _names_said(self, words: list[str], used: list[bool], u: Understanding) -> set[str]:
        """The words of people's names: a known official's (data/officials.json; a typo allowed when the name word or
        the word typed has six letters or more, a name word many people share only beside another word of the name
        or right after the person's own office), and, in a figure heard ("kata pak Budi Santoso …"), up to three
        unknown words after an honorific. Records :attr:`Understanding.officials`, :attr:`Understanding.roles_said`
        and :attr:`Understanding.persons`."""
        lex = self.lexicon
        if not lex.officials:
            return set()
        office_at: set[int] = set()
        present = set(words)
        for phrase, name in self.office_phrases:
            if phrase[0] not in present:
                continue  # most questions name no office: skip the scan
            for i in range(len(words) - len(phrase) + 1):
                span = set(range(i, i + len(phrase)))
                if tuple(words[i : i + len(phrase)]) == phrase and not span & office_at:
                    office_at |= span
                    if name not in u.roles_said:
                        u.roles_said.append(name)
        found: dict[int, str] = {}
        for i, w in enumerate(words):
            if used[i] or len(w) < 3 or not w.isalpha():
                continue
            if w not in self._official_of_word:
                self._official_of_word[w] = next(
                    (
                        o.name
                        for o in lex.officials
                        if any(
                            w == x
                            or (
                                len(x) >= 5
                                and max(len(w), len(x)) >= 6
                                and abs(len(w) - len(x)) <= 1
                                and OSA.distance(w, x) <= 1
                            )
                            for x in o.words
                        )
                    ),
                    None,
                )
            if (official := self._official_of_word[w]) is not None:
                found[i] = official
        names: set[str] = set()
        for i, name in sorted(found.items()):
            o = next(o for o in lex.officials if o.name == name)
            shared = words[i] in o.common_words
            beside = found.get(i - 1) == name or found.get(i + 1) == name
            if shared and not (beside or (i and i - 1 in office_at and name in u.roles_said)):
                continue
            names.add(words[i])
            if name not in u.officials:
                u.officials.append(name)
        if HEARSAY_WORDS.isdisjoint(words) or not quotes_a_figure(words):
            return names
        run = 0
        for i, w in enumerate(words):
            after = i > 0 and (words[i - 1] in lex.honorifics or (run and words[i - 1] in u.persons))
            unknown = not (used[i] or w in self.accounted or w in names or lex.filler(w) or not w.isalpha())
            if after and unknown and run < 3 and i not in office_at:
                u.persons.append(w)
                names.add(w)
                run += 1
            elif w not in lex.honorifics:
                run = 0
        return names

    def _account(self, words: list[str], used: list[bool], hits: set[str], u: Understanding) -> None:
        """Every word not taken by a year, program or place: a topic the bot does not cover, a breakdown it does not
        hold, an aspect of the data, or a word the lexicon knows — anything else is unexplained."""
        lex = self.lexicon
        names = self._names_said(words, used, u)
        free = [w for i, w in enumerate(words) if not used[i]]
        opener = _VOCATIVE.match(_plain(u.text, lex))
        vocative = canonical_words(opener.group(1), lex) if opener else []
        if len(vocative) == 1 and lex.filler(vocative[0]) and free and free[0] == vocative[0] and u.regions:
            free = free[1:]  # "suhu, uep batam brp": "suhu" (master) is a word of address here, not the weather
        present = set(free)
        topics = lex.topic_index.found(free)
        # "gubernur yg bagiin bantuan siapa": a word of each set anywhere
        topics |= {i for i, apart in lex.topics_apart if all(not present.isdisjoint(group) for group in apart)}
        if not present.isdisjoint(self.source_people) and not present.isdisjoint(_WHO):
            # "eko sumbaryadi itu siapa": a person the source names, asked who they are: the officials it names
            topics |= {i for i, t in enumerate(lex.topics) if t.named}
        if self._said_of_named(words, hits, u):  # "uep 2024 tanjungpinang udah cair belum": not the asker's own
            topics |= {i for i, t in enumerate(lex.topics) if t.of_named and _near_all(free, t.of_named)}
        topics = {i for i in topics if not any(contains(words, p) for p in lex.topics[i].excepting)}
        topics = {i for i in topics if not self._figure_cut(words, lex.topics[i].counted_cut, u)}
        topics = {i for i in topics if not self._asker_situation(words, lex.topics[i])}
        if topics:
            topic = lex.topics[min(topics)]
            u.topic = u.topic_seen = topic.code
            u.topic_answered = topic.answered
            u.topic_when = topic.when
            u.topic_local = topic.local
            applying = "info.apply" in hits or "eligibility" in hits or not APPLY_WORDS.isdisjoint(words)
            if applying and any(contains(words, p) for p in topic.unless):
                # "sy WNA, istri sy WNI, gmn cara dia daftar?": applying, for whom the topic does not hold
                u.topic, u.topic_answered, u.topic_local = None, False, False
        held = lex.not_held_index.found(free)
        if held:
            u.not_held = [k for i, k in enumerate(lex.not_held) if i in held]
        u.persons_per_kk = persons_per_kk(words)  # "andai 1 KK rata2 4 orang": the asker's own assumption
        if self._amount_each(words):  # "KUBE dapat berapa per kelompok": the rupiah of each, not its members
            u.not_held = [k for k in u.not_held if k not in ("group_size", "persons", "money")] + ["money"]
        if "money" in u.not_held and MILLION_COUNT.search(u.text):
            u.not_held.remove("money")  # "total bantuan 58 juta KK?": a count said in millions, no rupiah
        if "overlap" in u.not_held and self._also_asked(words, lex.not_held["overlap"]):
            u.not_held.remove("overlap")  # "… per kab/kota dan per jenis bantuan, sekaligus sumbernya": also the source
        asks = not NUMBER_WORDS.isdisjoint(words)  # without a number asked, a story keeps its note on groups
        if (
            "group" in u.not_held
            and (asks or asks_membership(u, words))
            and self._asker_is(words, lex.not_held["group"])
        ):
            # "saya nelayan … berapa yang dapat UEP", "sy disabilitas, apa sy masuk PMKS?": who asks, not whom to count
            u.not_held.remove("group")
        u.about = sorted(h.split(".", 1)[1] for h in hits if h.startswith("about."))
        if "names" in u.not_held and "contact" in u.about and "penerima" in words:
            u.about.remove("contact")  # "minta alamat penerima pmks": the recipients' addresses, not the office's
        u.rest = [w for w in free if not lex.filler(w) and w not in lex.yes_no and not w.isdigit()]
        if present.isdisjoint(lex.livelihood):  # "modal ternak kambing": goods of a business, not a recipient
            u.non_person = [
                w
                for i, w in enumerate(words)
                if not used[i] and w in lex.not_persons and not (i and words[i - 1] in PLACE_BEFORE)
            ]
        skip = self.accounted
        breaks = self._breaks(u.text, words)  # "semua program, sekalian totalnya": no name after the comma
        after_domain = {
            words[i + 1]
            for i in range(len(words) - 1)
            if words[i] in QUALIFIED_WORDS
            and not used[i + 1]
            and i + 1 not in breaks
            and not (words[i] in ("di", "ke", "in", "at") and lex.common(words[i + 1]))  # "di grup wa": no place
        }
        approximate = {words[i + 1] for i in range(len(words) - 1) if _NUMERAL.match(words[i])} & APPROXIMATE
        # only in a question asking a number: "Pantai bagus di Lingga mana" asks no figure
        described = self._described(words, used) if u.regions and not NUMBER_WORDS.isdisjoint(words) else set()
        for w in free:
            if w in skip or w.isdigit() or _NUMERAL.match(w) or _MASK.match(w) or len(w) <= 1 or lex.filler(w):
                continue
            if w in approximate:
                continue  # "1rb an", "38 an": a number as typed, never a content word
            if w in names:
                continue  # "kata pak Ansar Ahmad …": a person named as the speaker of a figure, said in the reply
            if w in lex.laughter and "personal.first_person" not in hits:
                continue  # "siapa juara 2 PMKS wkwk"; "kalau saya jadi walikota dapat berapa wkwk" stays a joke
            if vocative == [w] and not lex.ordinary(w) and u.regions:
                continue  # "ngab, karimun uep brp": a word of address before a comma opens the message
            if w in lex.other_islands:
                continue  # "anak saya di Jawa", "Natuna itu yg di Kalimantan?": an island, said of no figure
            if w in lex.outside_places:  # "Bintaro Tangsel", "Penang": named outside the province
                if lex.outside_places[w] not in u.outside:
                    u.outside.append(lex.outside_places[w])
                    at = words.index(w)
                    u.outside_joined = u.outside_joined or (at > 0 and words[at - 1] in JOIN_WORDS)
                continue
            if w in lex.generic_place_words and (u.regions or u.ambiguous or u.outside):
                continue  # "pulau Batam", "kampung …": a word that describes the place named
            if w in described:
                u.ignored.append(w)  # "pulau-pulau terluar, Natuna dan Anambas": what the places named are
                continue
            if not lex.ordinary(w) and len(w) >= 4:
                hit = process.extractOne(w, self.vocabulary_list, scorer=fuzz.ratio, score_cutoff=VOCAB_CUTOFF)
                if hit:
                    continue
            u.unexplained.append(w)
            after_aid = w in after_domain and not lex.english(w)  # "bantuan sembako"; not "aid went to Lingga"
            if not lex.everyday(w) or after_aid or self._place_like(w, named=bool(u.regions)):
                u.rare.append(w)

    def _asker_among(self, words: list[str]) -> bool:
        """ "sy termasuk 58 ribu itu ga", "apakah keluarga saya juga masuk PMKS?": a membership word with the asker a
        few words before it; "saya kerja di kantor desa … berapa masing2 yang masuk ke Karimun" asks what went there."""
        ends = self._first_person_ends
        for i, w in enumerate(words):
            if w not in MEMBERSHIP_WORDS:
                continue
            before = words[max(0, i - ASKER_BEFORE_MEMBERSHIP) : i]
            at = max((j for j, x in enumerate(before) if x in ends), default=-1)
            if at >= 0 and _WHICH_CLAUSE.isdisjoint(before[at:]):
                return True  # "apakah keluarga saya di kelurahan sungai jang termasuk 2.500 KK itu?"
            if not ends.isdisjoint(words[i + 1 : i + 1 + ASKER_AFTER_MEMBERSHIP]):
                return (
                    True  # "apa data pmks karimun yg 7 ribuan itu termasuk bapak sy?", "gak masuk data, padahal saya"
                )
        return False

    def _asker_situation(self, words: list[str], topic: Topic) -> bool:
        """ "saya kerja di kantor desa di Karimun …", "sy karyawan swasta, berapa UEP Batam": each of the phrases of a
        topic of the asker's situation (lexicon 'situation') said comes right after a first-person word — who the asker
        is, not what is asked."""
        if not topic.situation:
            return False  # "can you tell me the weather": the weather asked, whoever asks
        first = self._first_person
        seen = [(i, p) for i in range(len(words)) for p in topic.words if tuple(words[i : i + len(p)]) == p]
        return bool(seen) and all(p in topic.situation and i and words[i - 1] in first for i, p in seen)

    def _described(self, words: list[str], used: list[bool]) -> set[str]:
        """ "pulau-pulau terluar, Natuna dan Anambas", "daerah perbatasan seperti Natuna": everyday words right after a
        noun of a place (:data:`DESCRIBED_NOUNS`; up to :data:`DESCRIBING_WORDS` of them) in a question that names its
        kab/kota and asks a number describe those places; they never hide what is asked of them. A rare word there (a
        name, a typo) is no description: it is still asked back."""
        lex = self.lexicon
        found: set[str] = set()
        for i, w in enumerate(words):
            if w not in DESCRIBED_NOUNS:
                continue
            for k in range(i + 1, min(i + 1 + DESCRIBING_WORDS, len(words))):
                word = words[k]
                if used[k] or word in lex.generic_place_words or not word.isalpha():
                    break
                if word in lex.known_words or lex.filler(word):
                    continue  # "daerah paling utara"
                if not lex.everyday(word) or len(word) <= SHORT_DESCRIPTION:
                    break
                found.add(word)
        return found

    @staticmethod
    def _said_of_named(words: list[str], hits: set[str], u: Understanding) -> bool:
        """The question names a program, a place or a year, asks no number and says nothing of the asker: what it asks
        is of those ("uep 2024 tanjungpinang udah cair belum"), not the asker's own case ("bantuan saya udah cair?")."""
        named = u.programs or u.group or u.regions or u.year is not None
        return bool(named) and "personal.first_person" not in hits and NUMBER_WORDS.isdisjoint(words)

    def _counted(self, words: list[str], used: list[bool], breaks: Set[int] = frozenset()) -> str | None:
        """ "berapa jumlah sekolah di Lingga", "berapa luas Natuna": the first word after the number words, when it is
        an everyday word the figures never count (not a place, program, year, aid or recipient word) — the question
        counts that, not aid recipients. None when the number words ask about the figures or nothing follows them."""
        lex = self.lexicon
        for i, w in enumerate(words):
            if w not in ("berapa", "jumlah", "banyak", "total", "how"):
                continue
            k = i + 1
            while (
                k < len(words)
                and not used[k]
                and (
                    words[k] in ("berapa", "jumlah", "banyak", "total")
                    or lex.filler(words[k])
                    or words[k] in lex.intensifiers  # "batam banyak bet ya brp": no thing counted
                )
            ):
                k += 1
            if k >= len(words) or used[k] or any(b in breaks for b in range(i + 1, k + 1)):
                return None  # "… beserta totalnya, nanti saya kutip": the comma ends what is counted
            w = words[k]
            if w in lex.counted or w in self.program_vocab or w.isdigit() or _NUMERAL.match(w) or len(w) <= 2:
                return None
            if w in lex.not_held_words or w in lex.stopwords or w in self.national_words:
                return None  # a breakdown or national program has its own answer
            if w in EXCLUDE_WORDS:
                return None  # "total tanpa KUBE brp": what is left out, not a thing counted
            return w if lex.common(w) else None
        return None

    def _ordinary_word_as_place(self, words: list[str], u: Understanding) -> None:
        """ "bskk bintang brp kk": a question that asks a number about aid (a program, "KK", "penerima" …) and names no
        place, holding an ordinary word that is exactly one kab/kota name with a last letter more or less ("bintang" →
        Bintan; not "batal" → Batam), reads that word as the kab/kota, and the reply says so. Ordinary words are
        otherwise never fuzzy-matched to places."""
        if u.regions or u.outside or u.ambiguous or u.named_province or len(u.unexplained) != 1:
            return
        if not (u.programs or u.group or any(w in DOMAIN_WORDS for w in words)):
            return
        if not any(w in NUMBER_WORDS for w in words):
            return
        word = u.unexplained[0]
        if len(word) < 5 or not word.isalpha():
            return
        g = self.gazetteer
        close = [
            entries
            for key, entries in zip(g.fuzzy.keys, g.fuzzy.entries, strict=True)
            if len(key) >= 5 and abs(len(key) - len(word)) == 1 and (key.startswith(word) or word.startswith(key))
        ]
        kabs = {e.kab_code for entries in close for e in entries if e.level == 2}
        if len(kabs) != 1:
            return
        kab = kabs.pop()
        u.regions.append(PlaceMatch(kab, word, "fuzzy", None, 90.0, words.index(word)))
        u.named_kabs.add(kab)
        u.readings.append((word, kab))
        u.unexplained.remove(word)
        if word in u.rare:
            u.rare.remove(word)

    def _near_places(self, words: list[str], u: Understanding) -> None:
        """ "bintang total brp", "karimun sama bintang brp": a word left unexplained in a question about figures,
        a letter more or less (never the first) than exactly one kab/kota's name of five letters or more, is kept as a
        place the asker may have meant, when every word left unexplained is one. It is never read as that place (an
        everyday word may be meant); the ask-back offers it. A letter changed is another word ("batal", "batas": not
        Batam)."""
        figures = u.programs or u.group or u.regions or any(w in NUMBER_WORDS or w in DOMAIN_WORDS for w in words)
        if not u.unexplained or not figures:  # "PMKS bintang vs karimun": a program or another place asks figures
            return
        g = self.gazetteer
        breaks = self._breaks(u.text, words)
        for word in u.unexplained:
            if len(word) < NEAR_PLACE_SHORTEST or not word.isalpha() or word not in words:
                continue
            if u.regions and not self._marked_place(words, words.index(word), breaks):
                continue  # "tinggal di perumahan bintang indah, PMKS Batam brp": beside a place named, only one listed
            kabs = {
                e.kab_code
                for key, entries in zip(g.fuzzy.keys, g.fuzzy.entries, strict=True)
                if len(key) >= NEAR_PLACE_SHORTEST
                and key[0] == word[0]
                and abs(len(key) - len(word)) == 1
                and OSA.distance(word, key) == 1
                for e in entries
                if e.level == 2 and e.kab_code
            }
            if len(kabs) == 1 and not any(r.code in kabs for r in u.regions):
                u.near_places.append((word, kabs.pop()))
        if len(u.near_places) < len(u.unexplained):
            u.near_places = []  # "berapa jumlah bintang di langit": the other words say it is no place

    def _applies_for_topic(self, words: list[str]) -> bool:
        """ "daftar vaksin", "daftar cpns": what is applied for is a word of a topic the bot does not cover."""
        for i, w in enumerate(words):
            if w in APPLY_WORDS:
                k = _past(words, i + 1, APPLY_LINKS)
                starts = self.lexicon.topics_by_first_word.get(words[k], ()) if k < len(words) else ()
                if any(tuple(words[k : k + len(phrase)]) == phrase for _topic, phrase in starts):
                    return True
        return False

    def _kab_as_base(self, words: list[str], code: str) -> bool:
        """The kab/kota is named as what a place is measured against ("… persen dari Bintan", "dibanding Batam"),
        not only as where it lies ("Kijang, Bintan berapa persen")."""
        name = self.facts.regions[code].name.lower()
        own = {w for w in name.split() if w not in _KAB_WORDS} | {name.replace(" ", "").removeprefix("kota")}
        return any(w in _BASE_WORDS and not own.isdisjoint(words[i + 1 : i + 4]) for i, w in enumerate(words))

    def _applies_elsewhere(self, words: list[str], u: Understanding) -> bool:
        """What a "cara daftar …" / "syarat jadi …" asks to join: a word nothing accounts for right after the phrase
        ("akun", "grab", "pacar"), or a message that says it is a joke ("wkwk")."""
        if not self.lexicon.never_ignored.isdisjoint(words) or not self.lexicon.laughter.isdisjoint(words):
            return True
        unexplained = set(u.unexplained)
        for phrase in self.phrase_sets.get("info.apply", ()):
            start = find(words, phrase)
            if start < 0:
                continue
            k = _past(words, start + len(phrase), APPLY_LINKS)
            if k < len(words) and words[k] in unexplained:
                return True
        return False

    def _place_like(self, word: str, named: bool = False) -> bool:
        """An everyday word that is also, or is close to, the name of a place ("baran", "senayan"): never ignored.
        Once the question names its place, a plainly common word only close to a name ("berape ramai KK kat
        Lingga": "ramai", Malay for many, looks like Ranai) is that word, not a second place."""
        g = self.gazetteer
        if word in g.index or word in g.outside or word in self.lexicon.same_names:
            return True
        if named and (self.lexicon.common(word) or self.lexicon.derived(word)):
            return False
        if len(word) < 5 or not word.isalpha():  # "buru2" is a word ("in a hurry"), not the kecamatan Buru
            return False
        if any(word.startswith(name) or word.endswith(name) for name in self.place_words):
            return True  # "karimunjawa": another place built on a Kepri name
        keys = g.fuzzy.keys + g.fuzzy_sub.keys if g.small else g.fuzzy.keys
        return process.extractOne(word, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF) is not None

    def _national_as_form(self, words: list[str], hits: set[str], u: Understanding) -> bool:
        """ "BSKK bentuknya apa? uang atau sembako?": a national program named by an everyday word, offered as one
        form of aid beside another ("uang", "tunai", "barang": the words of the alternatives the lexicon asks the form
        with), in a question about our program or the form of aid, names the form, not the national program."""
        if not (u.national_plain and (u.programs or u.group or "info.help" in hits)):
            return False
        alternatives = {"atau", "or"}
        forms = {w for p in self.phrase_sets.get("info.help", ()) if alternatives & set(p) for w in p} - alternatives
        forms |= {p[0] for p in self.lexicon.not_held.get("money", ()) if len(p) == 1}
        names = {compress([w]) for w in words} & set(self.programs.national)
        for i in range(1, len(words) - 1):
            if words[i] not in alternatives:
                continue
            a, b = words[i - 1], words[i + 1]
            if (compress([a]) in names and b in forms) or (compress([b]) in names and a in forms):
                u.national, u.national_plain = [], False
                return True
        return False

    def _without_thanks_intensifier(self, words: list[str]) -> list[str]:
        """ "… daftarnya kemana ya, terima kasih banyak": a thanks closing a question, with the words intensifying it
        (data/lexicon.json "thanks_after"), is left out, so that "banyak" there never asks a quantity nor "terima"
        tells aid received ("… bisa saya kutip. Terima kasih banyak")."""
        after = self.lexicon.thanks_after
        if after.isdisjoint(words):
            return words
        thanks = self.phrase_sets.get("thanks", ())
        out: list[str] = []
        dropped = False
        for w in words:
            if w in after and out and out[-1] in after and dropped:
                continue
            said = next((p for p in thanks if tuple(out[-len(p) :]) == tuple(p)), None) if w in after else None
            if said is not None and len(out) > len(said):
                del out[-len(said) :]  # the thanks closes a question: left out with its intensifier
                dropped = True
                continue
            dropped = False
            out.append(w)
        return out

    def _requirement(self, text: str, words: list[str], hits: set[str], u: Understanding) -> None:
        """ "daftar bansos harus punya ktp kepri?", "wajib punya rekening bank?", "untuk UEP wajib ada NIB gak?":
        whether a thing is required to apply (data/lexicon.json "requirements"). The thing is read after an asking
        word and a having word (or straight after the asking word when it is one of the known papers), up to a word
        of purpose, without the particles closing the question (a place in it qualifies it: "KTP Kepri"). Asked of
        aid, it is a question about applying that answers that thing — never a figure, a topic or "not
        understood"."""
        req = self.lexicon.requirements
        asking, having, items = req.get("asking", frozenset()), req.get("having", frozenset()), req.get("items", ())
        until, closing = req.get("until", frozenset()), req.get("closing", frozenset()) | self.lexicon.fillers
        thing: list[str] = []
        had = False
        for i, w in enumerate(words):
            if w not in asking:
                continue
            j = _past(words, i + 1, having)
            k = j
            while k < len(words) and words[k] not in until and words[k] not in asking:
                k += 1
            found = words[j:k]
            if not req.get("asking_what", frozenset()).isdisjoint(found):
                break  # "harus bawa berkas apa saja?", "perlu surat apa saja": which papers, the documents text
            while found and found[-1] in closing:
                found.pop()
            if found and (j > i + 1 or any(" ".join(found[: len(x.split())]) == x for x in items)):
                thing, had = found, j > i + 1
                break
        if not thing or len(thing) > REQUIREMENT_WORDS:
            return
        if NUMBER_WORDS & set(words) or quotes_a_figure(words) or u.outside or "info.required" in hits:
            return  # "berapa yang harus …", "harus terdaftar DTKS?": answered as they are
        if u.national and not had:
            return  # "harus KIS?": the national program; "wajib punya BPJS?" asks for a paper one holds
        asked = {Intent.INFO, Intent.UNKNOWN, Intent.UNSURE, Intent.OUT_OF_SCOPE, Intent.NATIONAL}
        paper = any(" ".join(thing[: len(x.split())]) == x for x in items)
        if had or paper:  # "apa harus punya NPWP buat daftar UEP?", "harus KTP kepri?": no figure is asked
            asked |= {Intent.FIGURES, Intent.PERSONAL}
        if u.intent not in asked or u.topic_answered:
            return
        about_aid = (
            u.programs or u.group or not (DOMAIN_WORDS | APPLY_WORDS).isdisjoint(words) or u.intent == Intent.INFO
        )
        if not about_aid and not paper:
            return  # "harus punya pacar?": no paper of applying, and no aid named
        typed = re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, thing)) + r"(?!\w)", text, re.IGNORECASE)
        u.requirement = typed.group(0) if typed else " ".join(thing)
        joining = req.get("joining", frozenset())
        parts: list[str] = []
        part: list[str] = []
        for w in [*thing, ""]:
            if w in joining or not w:
                parts, part = [*parts, " ".join(part)] if part else parts, []
            else:
                part.append(w)
        u.requirement_stated = bool(parts) and all(p in req.get("stated", frozenset()) for p in parts)  # "KTP sama KK"
        u.intent, u.topic, u.info_aspects, u.national = Intent.INFO, None, ["apply"], []

    def _said_of_asker(self, words: list[str], i: int) -> bool:
        """The word at ``i`` says who the asker is ("saya nelayan", "suami saya nelayan", "saya janda nelayan"): their
        living, not the aid they ask for (unlike "mau buka warung", "bantuan modal")."""
        first = self._first_person
        people = {p[0] for p in self.phrase_sets.get("aid_story.people", ()) if len(p) == 1}
        before = words[max(0, i - 2) : i]
        return bool(before) and (
            before[-1] in first or (len(before) == 2 and before[-1] in people and before[0] in first)
        )

    def _of_others(self, words: list[str]) -> bool:
        """Every status phrase of the asker ("saya dapat bantuan") is another's: "saya" right after a person
        ("tetangga saya dapat bantuan") is whose they are, not who got it."""
        people = {p[-1] for p in self.phrase_sets.get("aid_story.people", ())}
        first = {p[0] for p in self.phrase_sets.get("personal.first_person", ()) if len(p) == 1}
        spots = [
            i
            for p in self.phrase_sets.get("personal.phrases", ())
            for i in range(len(words))
            if tuple(words[i : i + len(p)]) == tuple(p)
        ]
        return bool(spots) and all(words[i] in first and i > 0 and words[i - 1] in people for i in spots)

    def _status_after_modal(self, words: list[str]) -> bool:
        """Every status phrase of the asker ("saya dapat bantuan") comes right after a modal, with only pronouns and
        particles between ("bisa gak sy dapat bantuan", "boleh kami dapat"): whether they can get it, not whether
        they got it."""
        w = self.lexicon.wanting
        modal = w.get("modal", frozenset())
        between = w.get("between", frozenset()) | self.lexicon.fillers
        spots = [
            i
            for p in self.phrase_sets.get("personal.phrases", ())
            for i in range(len(words))
            if tuple(words[i : i + len(p)]) == tuple(p)
        ]

        def after_modal(i: int) -> bool:
            j = i - 1
            while j >= 0 and words[j] in between and words[j] not in modal:
                j -= 1
            return j >= 0 and words[j] in modal

        return bool(spots) and all(after_modal(i) for i in spots)

    def _also_asked(self, words: list[str], overlap: Phrases) -> bool:
        """ "… sekaligus sumbernya", "sekalian datanya": the only word of overlap is "sekaligus" said before a word
        of the data's source or of data (also that, asked), not of two programs one family gets."""
        found = [p for p in overlap if contains(words, p)]
        if found != [("sekaligus",)]:
            return False
        source = {p[0] for p in self.phrase_sets.get("about.source", ())}
        after = [words[i + 1] for i, w in enumerate(words[:-1]) if w == "sekaligus"]
        return bool(after) and all(w in source or w in DATA_WORDS for w in after)

    def _asks_writing(self, raw_words: list[str]) -> bool:
        """ "buatin puisi ttg laut natuna", "bisa bantu bikinin surat lamaran kerja?", "write me a song about Batam": a
        verb of composing (data/lexicon.json "creative_writing", as typed) with a work it composes at most
        ``WRITING_GAP`` words after it, and no 'tellers' word (the asker, or what they are doing: "saya", "sedang")
        just before it unless one of the 'helping' words comes right before that ("bantu saya bikin CV")."""
        verbs = {p[0] for p in self.lexicon.creative_writing.get("verbs", ())}
        works = self.lexicon.creative_writing.get("works", ())
        tellers = {p[0] for p in self.lexicon.creative_writing.get("tellers", ())}
        helping = {p[0] for p in self.lexicon.creative_writing.get("helping", ())}
        for i, w in enumerate(raw_words):
            if w not in verbs:
                continue
            before = raw_words[max(0, i - WRITING_GAP - 1) : i]
            told = [j for j, b in enumerate(before) if b in tellers]
            if told and not (before[told[-1] - 1 : told[-1]] and before[told[-1] - 1] in helping):
                continue  # "saya dosen dan sedang menulis artikel …": the asker's own writing, not a request to the bot
            for start in range(i + 1, min(i + 2 + WRITING_GAP, len(raw_words))):
                if any(tuple(raw_words[start : start + len(p)]) == p for p in works):
                    return True
        return False

    def _well_off_got(self, words: list[str]) -> bool:
        """ "padahal tetangga yg punya mobil dapat", "yang kaya malah terima": someone well off (data/lexicon.json
        'grievance.well_off') got aid — a grievance, with where to report it. Never the asker ("sy punya mobil, masih
        dapat?" asks their own status)."""
        if self._well_off_firsts.isdisjoint(words):
            return False  # no phrase of the well-off begins anywhere: most questions
        first = self._first_person
        getting = self.lexicon.wanting.get("getting", frozenset())
        for phrase in self.lexicon.grievance.get("well_off", ()):
            for i in positions(words, phrase[0]):
                if tuple(words[i : i + len(phrase)]) != tuple(phrase) or not first.isdisjoint(words[max(0, i - 2) : i]):
                    continue
                end = i + len(phrase)
                if not getting.isdisjoint(words[end : end + WELL_OFF_GAP + 1]):
                    return True
                before = words[max(0, i - WELL_OFF_BEFORE) : i]
                if any(w in ("yang", "yg") and nxt in getting for w, nxt in pairwise(before)):
                    return True  # "yg dpt malah org yg punya motor 2": those who got it are the well-off
        return False

    @cached_property
    def _well_off_firsts(self) -> frozenset[str]:
        """The first words of the 'grievance.well_off' phrases."""
        return frozenset(phrase[0] for phrase in self.lexicon.grievance.get("well_off", ()) if phrase)

    def _wants_aid(self, words: list[str]) -> tuple[bool, bool]:
        """Whether the words wish for aid ("mau dapat", "biar dapet bantuan") and whether they ask if the asker can get
        it: a modal before a word of getting with only pronouns and particles between ("boleh ke kite ikut", "bisa gak
        kami daftar"), or a modal closing the message after one ("mau dapat modal dari dinsos kepri bisa?")."""
        w = self.lexicon.wanting
        desire, modal = w.get("desire", frozenset()), w.get("modal", frozenset())
        getting = w.get("getting", frozenset())
        between, closing, wished = self._wanting_sets
        wish = any(a in desire and b in wished for a, b in pairwise(words))
        can = False
        for i, word in enumerate(words):
            if word not in modal:
                continue
            j = _past(words, i + 1, between)
            if j > i + 1 and j < len(words) and words[j] in getting:
                can = True  # "boleh ke kite ikut": a pronoun or particle between (next to each other: a phrase)
            elif all(x in closing for x in words[i + 1 :]) and any(x in getting for x in words[:i]):
                can = True  # "… mau dapat modal dari dinsos kepri, bisa?"
        return wish, can

    @cached_property
    def _wanting_sets(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The words :meth:`_wants_aid` lets stand between a modal and a word of getting, after a closing modal, and
        the words of getting that say a wish for aid."""
        w, lex = self.lexicon.wanting, self.lexicon
        between = w.get("between", frozenset()) | lex.fillers
        # "bisa gak ortu sy didaftarkan", "boleh anak saya ikut": the person who would get it stands in the gap too
        between = between | {p[0] for p in self.phrase_sets.get("aid_story.people", ()) if len(p) == 1}
        closing = w.get("closing", frozenset()) | lex.fillers
        # "mau diajukan ke mana", "ingin mendaftarkan ibu saya": putting forward is no wish to get aid oneself
        wished = w.get("getting", frozenset()) - (lex.proposing_words - {"daftar"})  # ("daftarkan" is read "daftar")
        return frozenset(between), frozenset(closing), frozenset(wished)

    def _figure_cut(self, words: list[str], counted: frozenset[str], u: Understanding) -> bool:
        """ "kalo PMKS batam dipotong 2.465 KK, sisanya berapa": a number of households ("KK" right after it) taken,
        or a number said beside a program's figure of a place named, with no money word and nothing of the asker's
        own ("PMKS Batam dipotong 2.465, tinggal berapa"): a figure reduced (a what-if), not money cut from aid."""
        if not counted:
            return False
        numbers = [i for i, w in enumerate(words) if w.isdigit() and not _YEAR.match(w)]
        if not numbers:
            return False
        if any(words[i + 1 : i + 2] and words[i + 1] in counted for i in numbers):
            return True
        named = (u.programs or u.group) and (u.regions or u.province)
        return bool(named) and not (MONEY_CUT_WORDS | self._first_person).intersection(words)

    @cached_property
    def _first_person(self) -> frozenset[str]:
        """The one-word first-person words ("saya", "kami", "aku", "ambo")."""
        return frozenset(p[0] for p in self.phrase_sets.get("personal.first_person", ()) if len(p) == 1)

    @cached_property
    def _online_words(self) -> frozenset[str]:
        """The one-word phrases of applying online ("online", "daring")."""
        return frozenset(p[0] for p in self.phrase_sets.get("info.online", ()) if len(p) == 1)

    def why_left_out(self, words: list[str]) -> bool:
        """ "kok saya gak pernah dapet", "kenapa kami belum dapat", "knp keluarga sy tidak dapat": a 'why' word right
        before a first-person phrase that is followed by a 'personal.left_out' phrase (a word or two may come between:
        "kok saya dari dulu tidak dapat") — why the asker got nothing, their own case."""
        whys = self.phrase_sets.get("why", ())
        firsts = self.phrase_sets.get("personal.first_person", ())
        lefts = self.phrase_sets.get("personal.left_out", ())
        for i in range(len(words)):
            for w in whys:
                if tuple(words[i : i + len(w)]) != tuple(w):
                    continue
                j = i + len(w)
                for f in firsts:
                    if tuple(words[j : j + len(f)]) != tuple(f):
                        continue
                    k = j + len(f)
                    if any(tuple(words[m : m + len(x)]) == tuple(x) for m in range(k, k + 3) for x in lefts):
                        return True
        return False

    @cached_property
    def _first_person_ends(self) -> frozenset[str]:
        """The last word of every first-person phrase ("saya" of "ibu saya", "ni" of "kite ni"): the asker, right
        before what is said of them ("nama saya ada di …")."""
        return frozenset(p[-1] for p in self.phrase_sets.get("personal.first_person", ()))

    @cached_property
    def _people_words(self) -> frozenset[str]:
        """Words of people the lexicon knows: family and neighbours ('aid_story.people'), groups whose figures are not
        held ("nelayan", "lansia") and the people the programs serve ("yatim", "disabilitas")."""
        sets = [self.phrase_sets.get("aid_story.people", ())]
        sets += [self.lexicon.not_held.get(k, ()) for k in ("group", "age")]
        sets += list(self.lexicon.served_groups.values())
        return frozenset(w for phrases in sets for p in phrases for w in p)

    def _asks(self, text: str, words: list[str]) -> bool:
        """The message asks something: a question mark, a yes/no word, a modal or a closing particle ("guru ngaji dapat
        bantuan ga"), not a statement ("brarti sekitar 60rb orang yg dibantu")."""
        lex = self.lexicon
        cues = lex.yes_no | lex.wanting.get("modal", frozenset()) | lex.wanting.get("closing", frozenset()) | {"apa"}
        return "?" in text or not cues.isdisjoint(words)

    def _kind_asked(self, words: list[str], used: list[bool], hits: set[str]) -> str:
        """ "guru ngaji dapat bantuan?", "apakah tukang ojek bisa dapat bansos dari dinsos": a question that only asks
        whether some kind of person gets aid — words naming people (unknown words, or people the lexicon knows) and no
        place, program, year, nor the asker or the bot, then a word of getting, then the aid and nothing but particles
        or its giver. Those words, or ""."""
        lex = self.lexicon
        asking = lex.yes_no | lex.wanting.get("modal", frozenset()) | lex.fillers | {"apa", "juga", "yang"}
        closing = lex.wanting.get("closing", frozenset()) | lex.fillers | KIND_GIVERS | {"juga", "kan", "sih"}
        mine = self._first_person | BOT_WORDS
        for i, w in enumerate(words):
            if w not in PLACE_GETS | {"dibantu", "mendapatkan"} or used[i]:
                continue
            j = i + 1 if w == "dibantu" else _past(words, i + 1, {"juga"})
            if w != "dibantu" and (j >= len(words) or words[j] not in KIND_AID):
                return ""
            if _past(words, j + (w != "dibantu"), closing) < len(words):
                return ""  # "guru ngaji dapat bantuan berapa", "… dapat bantuan apa saja": more is asked
            start = _past(words, 0, asking)
            subject = [x for x in words[start:i] if x not in asking]
            content = [x for x in subject if x not in lex.stopwords and not lex.filler(x)]
            if not content or any(used[start:i]) or not mine.isdisjoint(subject) or "siapa" in subject:
                return ""
            if any(not x.isalpha() for x in subject):
                return ""  # "brarti sekitar 60rb orang yg dibantu": a figure said, no kind of person
            # "ojek online": a word of going online after the noun of a person says what kind of person, no online
            # registration
            content = [x for k, x in enumerate(content) if not (k and x in self._online_words)]
            if any(x in lex.vocabulary and x not in lex.harmless and x not in self._people_words for x in content):
                return ""  # "kab/kota paling sedikit dapat bantuan", "gimana caranya biar dapet bansos"
            if not (REGION_WORDS | PROGRAM_WORDS | {"apa"}).isdisjoint(subject):
                return ""  # "daerah mana yang dapat bantuan": which places, their figures
            if not NUMBER_WORDS.isdisjoint(words) or not hits.isdisjoint(KIND_NOT_ASKED):
                return ""  # "tetangga dapat bantuan?": another's aid, a grievance or a status
            return " ".join(subject)
        return ""

    def _amount_each(self, words: list[str]) -> bool:
        """ "Dapat berapa per kelompok?", "UEP dapat berapa per orang", "bantuan per KK berapa": the amount one
        recipient gets (data/lexicon.json "amount_each") — a word of one recipient ("per kelompok", "tiap KK") and
        "dapat berapa" or "bantuan" right before that word, no count after "berapa" ("dapat berapa orang")."""
        each = self.lexicon.amount_each
        units = each.get("units", frozenset())
        per = [i for i, w in enumerate(words[:-1]) if w in each.get("each", frozenset()) and words[i + 1] in units]
        if not per:
            return False
        counts = units | set(self.lexicon.unit_words)
        asked = [i for i, w in enumerate(words) if w == "berapa"]
        if any(i + 1 < len(words) and words[i + 1] in counts for i in asked):
            return False  # "tiap kelompok dapat berapa orang": its members
        got = any(i and words[i - 1] in each.get("getting", frozenset()) for i in asked)
        money = KIND_AID | each.get("money", frozenset())  # "modal KUBE per kelompok brp": its money, not members
        return got or (bool(asked) and any(not money.isdisjoint(words[max(0, i - 2) : i]) for i in per))

    def _in_need_asks(self, words: list[str], hits: set[str]) -> bool:
        """ "ibu saya sudah tua, tinggal sendiri di dabo … gmn ya min", "nenek sy lansia tinggal sendiri, tolong": a
        story of someone a program serves (data/lexicon.json "served_groups"), told by the asker of themselves or
        their family, with a word asking what to do ("in_need" "asking")."""
        if "personal.first_person" not in hits and "aid_story.people" not in hits:
            return False
        served = any(contains(words, p) for phrases in self.lexicon.served_groups.values() for p in phrases)
        if not served or not NUMBER_WORDS.isdisjoint(words):
            return False
        which = self.lexicon.which_program
        nouns, for_words = which.get("nouns", frozenset()), which.get("for", frozenset())
        # "ade ke bantuan untuk orang macam atok ni?": what aid there is for someone like the one told of
        whom = self._people_words | self._first_person | {"orang", "org", "people"}
        aid_for = any(
            w in for_words and words[i + 1] in whom and not nouns.isdisjoint(words[:i])
            for i, w in enumerate(words[:-1])
        )
        return aid_for or not self.lexicon.in_need.get("asking", frozenset()).isdisjoint(words)

    def _drop_asker_away(self, words: list[str], u: Understanding) -> None:
        """ "ibu saya … tinggal sendiri di dabo …, saya kerja di batam, gmn": where the asker works ("in_need" "away"
        words after a first-person word) is not where the family applies; the other place named is."""
        away = self.lexicon.in_need.get("away", frozenset())
        # "anak cucu dah merantau ke batam": family who moved away, not where the one in need lives
        first = self._first_person | {p[0] for p in self.phrase_sets.get("aid_story.people", ()) if len(p) == 1}

        def asker_there(r: PlaceMatch) -> bool:
            at = r.start - 1 if r.start and words[r.start - 1] in ("di", "ke") else r.start
            return bool(at) and words[at - 1] in away and not first.isdisjoint(words[max(0, at - 3) : at - 1])

        kept = [r for r in u.regions if not asker_there(r)]
        if kept and len(kept) < len(u.regions):
            u.regions = kept

    def _asks_aid_exists(self, words: list[str]) -> bool:
        """ "kite ni orang susah, bantuan ni betol ke ade?", "beneran ada bansos dari dinsos?", "ade ke bantuan?": an
        'exists' word near an aid word (within four words), said with a 'really' word or right before an 'asking'
        particle, and not negated: whether the aid exists at all (data/lexicon.json "exists")."""
        ex = self.lexicon.exists
        there, negations = ex.get("words", frozenset()), ex.get("negations", frozenset())
        really, asking = ex.get("really", frozenset()), ex.get("asking", frozenset())
        aid = ex.get("aid", frozenset())
        for i, w in enumerate(words):
            if w not in there or (i and words[i - 1] in negations):
                continue
            near = not aid.isdisjoint(words[max(0, i - 4) : i + 5])
            asked = i + 1 < len(words) and words[i + 1] in asking
            if near and (asked or not really.isdisjoint(words)):
                return True
        return False

    def _asks_which_program(self, words: list[str]) -> bool:
        """ "sy penyandang disabilitas, masuk program apa?", "bantuan utk org kayak sy program apa", "ibu saya cocoknya
        bantuan apa": which program fits the asker or their family (data/lexicon.json "which_program") — a program
        word and a which word after it, in a first-person message that says the program is theirs (a word of fitting,
        or "untuk"/"kayak" before a first-person word). "saya mau tanya, program apa saja yang ada?" lists them."""
        which = self.lexicon.which_program
        nouns, asking = which.get("nouns", frozenset()), which.get("which", frozenset())
        first = self._first_person
        if first.isdisjoint(words):
            return False
        nexts = [_past(words, i + 1, {"yang"}) for i, w in enumerate(words) if w in nouns]
        after = [words[j] for j in nexts if j < len(words)]
        asked = not asking.isdisjoint(after)  # "program apa", "bantuan yang mana"
        fits = not which.get("fits", frozenset()).isdisjoint(words) or any(
            w in which.get("for", frozenset()) and first & set(words[i + 1 : i + 3]) for i, w in enumerate(words)
        )
        return asked and fits

    def _gets_unnamed(self, words: list[str]) -> bool:
        """The message closes on a modal and a word of getting, with nothing named after it ("bisa dapat?", "boleh
        daftar gak?"): in a bot about aid, what is got is the aid."""
        w = self.lexicon.wanting
        closing = w.get("closing", frozenset()) | self.lexicon.fillers
        between = w.get("between", frozenset()) | self.lexicon.fillers
        getting = w.get("getting", frozenset())
        for i, word in enumerate(words):
            if word in w.get("modal", frozenset()):
                j = _past(words, i + 1, between)
                if j < len(words) and words[j] in getting and _past(words, j + 1, closing) == len(words):
                    return True
        return False

    def _greets(self, words: list[str]) -> bool:
        """A greeting opens the message ("pagi min"); "skor bola tadi malam" is not one."""
        return any(
            contains(words[: len(p) + 1], p) for name in ("greeting", "salam") for p in self.phrase_sets.get(name, ())
        )

    def _asker_is(self, words: list[str], phrases: Phrases) -> bool:
        """Every group word of the question says what the asker (or their family) is ("saya nelayan", "suami saya
        nelayan", "kami nelayan"): a word of the story, never a number asked of it ("berapa nelayan")."""
        first_person = self.phrase_sets.get("personal.first_person", ())
        spots = [(i, len(p)) for i in range(len(words)) for p in phrases if tuple(words[i : i + len(p)]) == tuple(p)]
        if not spots:
            return False
        for i, _n in spots:
            before = words[max(0, i - 3) : i]
            if any(w in NUMBER_WORDS for w in before):
                return False
            if not any(contains(before, p) for p in first_person):
                return False
        return True

    def _person_named(self, words: list[str], hits: set[str], u: Understanding) -> bool:
        """ "apakah nama Siti Aminah di Sekupang dapat bansos?", "nama bapak Ahmad terdaftar gak": "nama" followed by
        words nothing accounts for (a person's name), then a status word ("dapat", "terdaftar", "termasuk") — whether
        one person gets aid, which no figure answers. "nama program itu apa" names no one."""
        if "nama" not in words[:-1]:
            return False
        status = {p[0] for p in self.phrase_sets.get("personal.status_words", ()) if len(p) == 1} - {"nama", "nik"}
        status |= MEMBERSHIP_WORDS
        unexplained = set(u.unexplained)
        whose = {
            p[-1] for name in ("personal.first_person", "aid_story.people") for p in self.phrase_sets.get(name, ())
        }
        whose |= self.lexicon.fillers
        for i, w in enumerate(words[:-1]):
            if w != "nama":
                continue
            j = _past(words, i + 1, whose)  # "nama bapak Ahmad", "nama sy Siti"
            k = _past(words, j, unexplained)
            if k > j and any(x in status for x in words[k:]) and "personal.phrases" not in hits:
                return True
        return False

    def _own_only_of_place(self, words: list[str]) -> bool:
        """Every first-person word is the owner in a 'vague_place' phrase ("daerah saya", "kampung kami"): the asker
        speaks of their area, not of themselves."""
        firsts = {p[-1] for p in self.phrase_sets.get("personal.first_person", ())}
        covered: set[int] = set()
        for p in self.phrase_sets.get("vague_place", ()):
            for i in range(len(words) - len(p) + 1):
                if tuple(words[i : i + len(p)]) == tuple(p):
                    covered.update(range(i, i + len(p)))
        own = [i for i, w in enumerate(words) if w in firsts]
        return bool(own) and all(i in covered for i in own)

    def _is_personal(self, hits: set[str], words: list[str], u: Understanding | None = None) -> bool:
        """ "Apakah saya terdaftar?" — about the asker, not about totals ("saya minta jumlah penerima" is not)."""
        own_why = "personal.left_out" in hits and "personal.first_person" in hits and self.why_left_out(words)
        if own_why and u is not None and not quotes_a_figure(words) and "request_data" not in hits:
            # "dinsos bantu puluhan ribu kk, kok sy ga pernah dapet … sy tinggal di tanjungpinang", "bintan dapat
            # ribuan KK, kenapa keluarga saya belum pernah dapat?": "kok saya tidak dapat" is a grievance about the
            # asker's own case, never why a figure is so nor what a place got, whatever place is named
            return True
        if "which_program" in hits:
            return False  # "dulu pernah dapat bantuan tp skrg gak lagi … masuk program apa": which fits, no status
        if "eligibility" in hits and contains(words, ("bisa", "saya", "dapat")):
            return False  # "can I get aid if I just moved": whether they can, though "I get aid" asks a status
        if "personal.phrases" in hits and not ("eligibility" in hits and self._of_others(words)):
            return True  # "tetangga saya dapat bantuan …, apakah saya bisa dapat?": the neighbour's, then a wish
        if u is not None and u.regions and _place_gets(words, set(u.taken), {r.start for r in u.regions}, self.lexicon):
            return False  # "tetangga bilang ada BSKK, Natuna dapet gak BSKK itu?": what the place got
        if "request_data" in hits:  # "saya wartawan, boleh minta data penerima …": totals, not the asker's status
            return False
        if "eligibility" in hits:  # "suami saya nelayan, berhak dapat bantuan?": whether they can, not their status
            return False
        asks_number = any(w in ("berapa", "jumlah", "total", "banyak") for w in words)
        left_out = "personal.left_out" in hits and "personal.first_person" in hits
        if left_out and "why" in hits and NUMBER_WORDS.isdisjoint(set(words) - {"banyak"}) and u is not None:
            # "sy gak pernah dapat apa2 padahal batam paling banyak dapat bantuan, knp ya": why the asker got nothing,
            # their own case (the ranking only tells why they expected aid); "knp natuna dikit dibanding batam" asks
            # why of the places named after it
            why = [i for p in self.phrase_sets.get("why", ()) if (i := find(words, p)) >= 0]
            if why and not any(r.start > max(why) for r in u.regions):
                return True
        if "personal.first_person" in hits and self._asker_among(words):
            # "nama saya Siti Aminah, sy termasuk 58 ribu itu ga": whether they are among the recipients; "saya
            # disabilitas, apakah saya termasuk PMKS?" asks whom the program is for
            return not (u is not None and asks_membership(u, words) and not quotes_a_figure(words))
        if quotes_a_figure(words):
            return False  # "kata temen sy batam dapet 25 ribu kk pmks, bener?": a figure quoted, not their status
        if (
            "vague_place" in hits
            and hits.isdisjoint(("personal.left_out", "none_got"))
            and self._own_only_of_place(words)
        ):
            return False  # "[lokasi: Ranai, Natuna] daerah sy dpt apa aja": what the asker's area got
        return (
            "personal.first_person" in hits
            and "personal.status_words" in hits
            and "wanting.wish" not in hits
            and not asks_number
            and "help" not in hits
            and "info.apply" not in hits
        )


DESCRIBING_WORDS = 2
SHORT_NAME_WORD = 2
"""Words of a person's name this short or shorter ("H.", "M") are initials, not names to know."""
ASKER_BEFORE_MEMBERSHIP = 8
"""A first-person word at most this many words before "termasuk"/"masuk", with no "yang" between, asks whether the
asker is among them ("apakah nama ibu saya di kelurahan tanjung unggat termasuk …")."""
_WHICH_CLAUSE = frozenset({"yang", "which", "that"})
ASKER_AFTER_MEMBERSHIP = 3
"""Or a first-person word at most this many words after it ("termasuk bapak sy?")."""
_TYPED_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,]\d{3})+(?![\w.,]?\d)|(?<![\w.,])\d{3,}(?![\w.,]?\d)")
"""A number typed with thousands separators ("58.849") or plain, of three digits or more ("58849", "465")."""
WHOLE_WORDS = frozenset({"total", "semua", "seluruh", "keseluruhan", "totalnya", "all"})
"""Words naming a whole that a minus word before a kab/kota takes the kab/kota out of ("total minus Batam")."""
DESCRIBED_NOUNS = frozenset({"pulau", "kepulauan", "daerah", "wilayah", "kawasan", "area", "kabupaten", "kota"})
"""Nouns of a place whose describing words are of the kab/kota named ("pulau terluar", "daerah perbatasan"); never a
landmark ("pantai bagus", "bukit indah"), which is something else than the kab/kota."""
"""Words after a generic place word that may describe the kab/kota named ("pulau terluar", "daerah paling utara")."""
SHORT_DESCRIPTION = 3
"""A describing word is longer than this (a short one may be a particle or a typo)."""


HOUSEHOLD_UNITS = frozenset({"kk", "keluarga", "kpm", "household", "family"})
PERSON_UNITS = frozenset({"orang", "jiwa", "anggota", "people", "persons", "person", "org"})
ONE_WORDS = frozenset({"1", "satu", "per", "tiap", "setiap", "each", "every", "a", "one", "sekk"})
ASSUMING_GAP = frozenset(
    {"rata", "rata2", "isi", "isinya", "berisi", "ada", "sekitar", "kira", "kira2", "terdiri", "dari", "itu", "anggap"}
    | {"dianggap", "adalah", "misal", "misalnya", "sama", "dengan", "jadi", "yang", "punya", "has", "is", "of", "about"}
    | {"average", "averages", "on", "with", "approximately", "around", "berjumlah", "beranggota", "anggotanya"}
)
NUMBER_NAMES = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9}
NUMBER_NAMES |= {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
MAX_PERSONS_PER_KK = 20
"""A household size the asker assumes is at most this many persons (a larger number is no household size)."""
ASSUMING_WORDS = 3
"""Words at most between "1 KK" and the number of persons assumed ("1 KK rata2 isi 4 orang")."""


NEAR_PREFIX = 4
"""Names longer than this may differ in their last letter and one more after it ("batam", "batang")."""


def _one_slip(name: str, other: str) -> bool:
    """One slip of the keyboard apart: one edit, or a last letter changed and one added ("batam" and "batang"), in
    names of five letters or more that begin alike."""
    if name == other:
        return False
    if OSA.distance(name, other) <= 1:
        return True
    short, long = sorted((name, other), key=len)
    return len(long) == len(short) + 1 and len(short) > NEAR_PREFIX and long.startswith(short[:-1])


def _small_number(word: str) -> int | None:
    value = int(word) if word.isdigit() and len(word) <= 2 else NUMBER_NAMES.get(word)
    return value if value is not None and 1 <= value <= MAX_PERSONS_PER_KK else None


def persons_per_kk(words: list[str]) -> int | None:
    """ "andai 1 KK rata2 4 orang", "kalau 1 kk 5 org", "anggap tiap keluarga isi 4 jiwa", "4 orang per KK": the
    persons per household the asker assumes, to estimate persons from the KK counted; None when none is said."""
    for i, w in enumerate(words):
        if w in HOUSEHOLD_UNITS and i and words[i - 1] in ONE_WORDS:
            k = i + 1
            while k < len(words) and k - i - 1 < ASSUMING_WORDS and words[k] in ASSUMING_GAP:
                k += 1
            if k + 1 < len(words) and words[k + 1] in PERSON_UNITS and (n := _small_number(words[k])) is not None:
                return n
        if w in PERSON_UNITS and i and (n := _small_number(words[i - 1])) is not None:
            after = words[i + 1 : i + 3]
            if (
                len(after) == 2
                and after[0] in ("per", "tiap", "setiap", "each", "every")
                and after[1] in HOUSEHOLD_UNITS
            ):
                return n
    return None
