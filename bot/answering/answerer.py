"""The answerer: understands a question, picks the answer for its intent from one dispatch table, and answers
buttons. The answers themselves live in ``figures``, ``comparisons``, ``arithmetic``, ``info``, ``scope`` and
``conversation``. A message of several questions ("1. … 2. …") gets each answered in order.

Every figure names its year and source; missing figures say "tidak ada data", never 0; numbers go through Babel.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import cached_property
from itertools import pairwise

from babel.numbers import format_decimal

from bot.answering.about_bot import BotAnswers
from bot.answering.actions import Action, Kind, parse_action
from bot.answering.arithmetic import RATIO_WORDS, ArithmeticAnswers
from bot.answering.base import separated_figures, typed_figures
from bot.answering.chart_replies import chart_reply
from bot.answering.claims import (
    confirm_claims,
    figure_named,
    figures_near,
    filtered_places,
    kabkota_sum_check,
    kind_reading,
    quoted_part,
    rest_against_left_out,
    rounded_and_exact,
    typed_sum,
)
from bot.answering.comparisons import DIFFERENCE_WORDS, ComparisonAnswers, relative_asked
from bot.answering.conversation import ConversationAnswers
from bot.answering.info import InfoAnswers
from bot.answering.reply import ChartRequest, Choice, Reply, bold, esc
from bot.answering.scenarios import ScenarioAnswers
from bot.answering.scope import ScopeAnswers
from bot.answering.trends import TrendAnswers
from bot.figures.facts import Facts
from bot.figures.levels import LevelReader
from bot.text.i18n import _, current_language, fmt_int, to_local, use_language
from bot.text.normalise import compress
from bot.understanding.intents import (
    APPLY_WORDS,
    DATA_WORDS,
    DESCRIBES_ASKER,
    FIGURE_INTENTS,
    HEARSAY_WORDS,
    NUMBER_WORDS,
    Arith,
    Intent,
    Per,
    hearsay_figure,
    only_recipients_counted,
    quotes_a_figure,
)
from bot.understanding.lexicon import canonical_words, contains
from bot.understanding.operations import whole_is_province
from bot.understanding.understander import (
    ATTACHMENT_NOTE,
    ATTACHMENT_ONLY,
    MAX_PARTS,
    Understander,
    Understanding,
    split_parts,
)

_JOINERS = re.compile(
    r",?\s+(?:dan|trus|trs|trz|truz|terus|lantas|(?:abis|habis|setelah|sesudah)\s+(?:itu|tu)|(?<!tahun\s)(?<!thn\s)(?<!bulan\s)(?<!minggu\s)lalu|kemudian|and)\s+|\s*&\s*|,\s*(?:(?:sama|dan|terus|trus|lalu)\s+)?(?:kalau|kalo|klo|sedangkan|sementara)\s+"
    r"|,\s*(?:sama|sm)\s+|,\s*(?:sekalian|sekaligus|skalian)\s+",
    re.IGNORECASE,
)
"""Words that join two questions of different kinds ("PMKS Tanjungpinang berapa, trus PKH berapa"); "lalu" after
"tahun", "bulan" or "minggu" says when ("bapak sy … tahun lalu dapat PMKS"), it joins nothing."""

_ALSO = re.compile(r"\b(?:sekalian|sekaligus|skalian)\b", re.IGNORECASE)
"""Words adding one more question ("…, sekalian brp penerima BSKK di karimun"), or more of the same one."""
_NEXT_QUESTION = re.compile(
    r"\b(?:trus|trs|trz|truz|terus|lalu|lantas|kemudian|sekalian|sekaligus|skalian|(?:abis|habis|setelah|sesudah)\s+(?:itu|tu))\b",
    re.IGNORECASE,
)
"""Joining words that go on to the next question, never joining two places or programs of one ("Batam dan Bintan")."""

_COMMA_ASK = re.compile(r",\s*")
"""A comma before a question word: "brp KK di batam, apa itu PMKS, dan gmn cara daftarnya" asks three things."""


_ASK_WORDS = frozenset(
    {"berapa", "apa", "apakah", "bagaimana", "gimana", "kapan", "mana", "siapa", "how", "what", "when", "who"}
)


_COUNT_ASKED = frozenset({"berapa", "jumlah"})


def _asks_count(words: list[str]) -> bool:
    """A count asked outright ("brp yg dapat di bintan", "how many", read "bagaimana banyak"), unlike "paling banyak"
    told in a story."""
    return bool(_COUNT_ASKED & set(words)) or any(a == "bagaimana" and b == "banyak" for a, b in pairwise(words))


def _own_status(u: Understanding) -> bool:
    """ "saya sendiri dapat gak", "keluarga saya termasuk tidak": the asker's own status asked, naming no place or
    program of its own."""
    return u.intent == Intent.PERSONAL and not (u.regions or u.programs or u.group or u.national)


def _comma_questions(
    text: str, understand: Callable[[str], Understanding], seen: dict[str, Understanding]
) -> list[str]:
    """A part whose comma-separated questions are of different kinds (a figure, what a program is), each understood
    on its own: those questions, in order; else the part."""
    pieces = [x.strip(" ,") for x in _COMMA_ASK.split(text)]
    if len(pieces) < 2 or any(len(x.split()) < 2 for x in pieces):
        return [text]
    read = [understand(x) for x in pieces]
    for i in range(1, len(read)):
        before, r = read[i - 1], read[i]
        named = [*before.named_programs, *(x.text for x in before.regions)]
        if r.intent == Intent.UNKNOWN and named and "berapa" in r.words and not (r.regions or r.programs or r.group):
            # "UEP sama KUBE bedanya apa, jumlahnya masing2 brp": "each" is of the programs just named
            read[i] = seen[pieces[i]] = understand(f"{pieces[i]} {' '.join(named)}")
    whole = understand(text)
    # "kepri total brp, batam brp persen, PKH brp", read whole as the national program: each figure asked beside it
    national_aside = whole.intent == Intent.NATIONAL and any(r.intent in FIGURE_INTENTS for r in read)
    asked = (*FIGURE_INTENTS, Intent.INFO, Intent.ABOUT_DATA, *((Intent.NATIONAL,) if national_aside else ()))
    if any(_own_status(r) for r in read) and not _own_status(read[0]):
        # "brp yg dapat di bintan, saya sendiri dapat gak?": the place's figures, and the asker's own status beside;
        # a piece that asks nothing ("saya tinggal di karimun, berapa yang dapat disana, …") is read with the next
        joined: list[str] = []
        for piece, r in zip(pieces, read, strict=True):
            told = understand(joined[-1]) if joined else None
            if told and not (_ASK_WORDS & set(told.words) or _own_status(told) or _own_status(r)):
                joined[-1] = f"{joined[-1]}, {piece}"
            else:
                joined.append(piece)
        pieces, read = joined, [understand(x) for x in joined]
        if all(_own_status(r) or (r.intent in FIGURE_INTENTS and _asks_count(r.words)) for r in read):
            asked = (*asked, Intent.PERSONAL)  # each other piece asks a number ("… td baca berita batam paling banyak
            # dapet bantuan, kok sy gak kebagian ya" is a story and a grievance, answered together)
    if not all(_ASK_WORDS & set(r.words) or _own_status(r) for r in read):
        return [text]  # "sejak tahun lalu suami saya tidak bekerja, kami di Bintan, bagaimana …": a story, then the ask
    if any(r.intent not in asked or r.scenario for r in read) or whole.intent == Intent.SCENARIO:
        return [text]  # "kalau PMKS Batam naik 10%, berapa persen": one what-if; "bot bodoh, berapa PMKS": one ask
    if whole.intent == Intent.ABOUT_DATA and any(r.intent in FIGURE_INTENTS for r in read):
        # "siapa kadisnya, data ini thn brp, total brp", read whole as a question about the data: those questions
        # answered together, the figure asked after them, never left out
        merged: list[str] = []
        for i, piece in enumerate(pieces):
            if merged and read[i].intent == Intent.ABOUT_DATA and read[i - 1].intent == Intent.ABOUT_DATA:
                merged[-1] = f"{merged[-1]}, {piece}"
            else:
                merged.append(piece)
        if len(merged) < len(pieces):
            pieces, read = merged, [understand(x) for x in merged]
    kinds = [Intent.FIGURES if r.intent in FIGURE_INTENTS and not national_aside else r.intent for r in read]
    if len(set(kinds)) != len(kinds):
        return [text]
    out = [pieces[0]]
    for before, piece, r in zip(read, pieces[1:], read[1:], strict=False):
        named = [*before.named_programs, *(x.text for x in before.regions)]
        own = before.named_programs
        if not (r.regions or r.programs or r.group or r.named_province) and named and "berapa" in r.words:
            seen[piece] = understand(f"{piece} {' '.join(named)}")  # "apa itu kube, brp kk": the KK of KUBE
        elif r.regions and not (r.programs or r.group or before.regions) and own and "berapa" in r.words:
            seen[piece] = understand(f"{piece} {' '.join(own)}")  # "uep itu apa, karimun dpt brp?": UEP in Karimun
        elif _own_status(r) and len({x.code for x in before.regions}) == 1 and not before.regions[0].sub_code:
            # "brp yg dapat di bintan, saya sendiri dapat gak?": the Dinas Sosial to ask is the place's just named
            placed = understand(f"{piece} di {before.regions[0].text}")
            if placed.intent == Intent.PERSONAL:
                seen[piece] = placed
        out.append(piece)
    return out


_SHORT_FOLLOW_UP = 6
"""A part of at most this many words that names a place but no program ("yg di Batam brp") follows up the program
of the part before it."""
_COMPARING_WORDS = frozenset(
    {"lebih", "banyak", "sedikit", "banding", "dibanding", "dibandingkan", "bandingkan", "vs", "versus", "selisih"}
    | {"beda", "bedanya", "perbedaan", "mana", "than", "more", "less", "compare", "compared", "difference", "kali"}
    | {"persen", "jumlah", "total", "tambah", "kurang", "dikurangi", "ditambah", "digabung", "gabung", "rasio"}
)
"""Words of comparing or computing: with them, figures typed of several places are not only said to be checked."""
_ELLIPSIS_WORDS = frozenset(
    {"berapa", "kalau", "kalo", "klo", "kl", "yang", "bagaimana", "tentang", "terus", "trus", "lalu", "di", "kk"}
    | {"kabupaten", "kota", "kab", "dan", "juga", "sama", "nya", "apa", "what", "about", "and", "then", "also", "ya"}
    | {"untuk", "utk", "buat", "for", "in", "of", "nah", "oh", "ok", "oke", "tu", "itu", "punya"}
)
"""The words besides a place that only ask on ("lingga brp?", "kalo natuna?", "yg bintan?", "how about Natuna"): the
figure asked just before, of that place."""
_REQUEST_VERBS = frozenset(
    {"minta", "meminta", "mintak", "request", "dapatkan", "mendapatkan", "peroleh", "memperoleh"}
)
"""Verbs of asking for something: after a part about the data, "ke mana saya harus minta?" asks where to get it."""
_DATA_NOUNS = frozenset({"data", "datanya", "dataset", "tabel"})
LANGUAGE_WORDS = 3
"""A part of a message of at most this many words is answered in the message's language, not its own."""

_BARE_JOIN = re.compile(
    r"\s+(trus|trs|trz|truz|terus|(?<!tahun\s)(?<!thn\s)(?<!bulan\s)(?<!minggu\s)lalu|kemudian|lantas|(?:abis|habis|"
    r"setelah|sesudah)\s+(?:itu|tu)|then|sama|sm|dan|and)\s+",
    re.IGNORECASE,
)
"""Words joining look-ups typed without commas ("brp KK di Lingga trus UEP di Batam sama daerah mana terbanyak")."""
_WEAK_JOINS = frozenset({"sama", "sm", "dan", "and"})
_COMPARING = frozenset({Intent.COMPARE, Intent.COMPARE_PROGRAMS})
_FIRST_PERSON = re.compile(
    r"\b(?:(?:can|could|may|bisa|boleh)\s+)?(?:saya|sy|aku|gue|gw|kami|kite|ambo|i)\b", re.IGNORECASE
)
"""A word of the asker (an English modal before it) opening the request after a figures question with no comma
("… di lingga saya bisa ikut gak", "… in Batam can I join")."""
_OWN_MODAL = re.compile(
    r"(?:can|could|may|bisa|boleh)\s+\w+\b|\w+\s+(?:\w+\s+)?(?:bisa|boleh|can|could|may)\b", re.IGNORECASE
)
"""The asker's word with a modal right before or within two words after it ("saya bisa", "sy kira2 bisa", "can I"):
what follows asks whether the asker can get the aid."""
"""A look-up comparing one subject of its own compares it with what the look-up before named."""
_GAP_BEFORE_WITH = DIFFERENCE_WORDS | {"selisihnya", "selisihny", "perbedaannya", "bedany", "jaraknya", "jarak"}
"""A word of difference right before "sama" makes it "with" ("selisih sama yg terbanyak", "bedanya sama Batam")."""
"""Of those, the ones that also join two places or programs of one look-up ("Batam sama Bintan", "UEP dan KUBE")."""
_OPENING_JOIN = re.compile(r"^\s*(?:trus|trs|terus|lalu|sama|sm|dan|kemudian|juga|then|and|also)\b", re.IGNORECASE)
"""A sentence opening with a joining word adds a question of its own ("… ? sama daerah mana terbanyak")."""

_WHICH_WORDS = frozenset({"mana", "siapa", "which", "who", "where"})
"""Words that make a sentence naming an end of the order a question of its own ("yg paling sedikit mana")."""


_FILE_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
"""A year in a file's name ("rekap_bansos_2023.xlsx")."""
_FILE_NAME = re.compile(r"\.[A-Za-z0-9]{2,5}\s*$")
"""The extension a file's name ends with ("data_penerima_bintan.xlsx"): what stands before it is the name."""
_DATA_FILE_WORDS = DATA_WORDS | {"rekap", "rekapitulasi", "penerima", "jumlah", "total", "statistik", "tabel"}
"""Words of a file's name or its caption that make it a file of figures ("data_penerima_bintan.xlsx"), not a paper
for applying ("proposal_kube.pdf")."""
_UNSTATED_CHECK = frozenset({Intent.ABOUT_DATA, Intent.UNKNOWN, Intent.UNSURE, Intent.NON_TEXT})
"""Replies to a file sent to be checked that state no figure of its own ("cek ini sama gak sm data kalian": the
kab/kota versus the province total, or not understood)."""

_COMMAS = re.compile(r",\s+")
_CORRECTION_WORDS = 5
"""A correction names what replaces what was said ("maksud saya pulau Bintan"); longer, it is a question of its own."""
"""A comma may join two look-ups too ("UEP Batam brp, PMKS Karimun brp?")."""
_NUMBER_WORDS = frozenset({"berapa", "jumlah", "total", "banyak"})
OFFICE_NAMES = frozenset({"dinsos", "dinas"})
"""Words naming the social services office: a province said wrongly beside them is also whose figures these are."""
"""Words that ask for a number ("how many" reads "bagaimana banyak")."""

_LOOKUP_WORDS = _NUMBER_WORDS | {"angka", "rekap"}
"""Words that ask for figures, besides asking how many ("sebutkan angka Lingga per program")."""

EID_WORDS = frozenset({"maaf", "lebaran", "fitri", "idulfitri", "aidin", "minal", "eid", "syawal"})
"""Words of an Idul Fitri wish, answered with "mohon maaf lahir dan batin"; other holidays are wished back plainly."""
_OWN_BACK = re.compile(r"\w(?:nya|nye)\b|\b(?:itu|tersebut|tu)\b", re.IGNORECASE)
"""A word pointing back at what was named before: a possessive "-nya" ("daftarnya", "ngajuinnya") or "itu"."""
_POINTING_BACK = frozenset({"itu", "tersebut", "tadi", "that", "it"})
"""Words pointing back to something told before ("Natuna dapat berapa itu?")."""
_CLAUSE_JOIN = re.compile(r",\s*(?:trus|terus|lalu|sama|sm|dan|kemudian|then|and)\s+", re.IGNORECASE)
"""A comma and a joining word between questions that each stand alone ("…, trus UEP Batam brp, sama …")."""
_PARTS = re.compile(r"berupa (.+?) dan/atau (.+?)[.,;]")
"""Two kinds of aid one program's description names ("berupa bantuan langsung berkelanjutan dan/atau asuransi …")."""
_SUM_WORDS = frozenset({"total", "jumlah", "digabung", "gabungan", "semuanya", "sum", "tambah", "jumlahkan"})
_EVERY_OF = frozenset({"semua", "seluruh", "all", "total", "every"})
_PROGRAM_NOUNS = frozenset({"program", "programs", "kegiatan", "bantuan", "activities"})
"""Words of every program ("semua program", "seluruh kegiatan"): a place's whole, not one program's figure."""
_TOTAL_JOIN = re.compile(r",?\s+(?:serta|beserta|juga|plus|sekaligus|as well as|also)\s+", re.IGNORECASE)
"""Words that add a second ask after a first ("angka PMKS Karimun serta persentase total Karimun")."""
_TOTAL_LINKS = frozenset({"di", "untuk", "utk", "buat", "se", "seluruh", "semua", "keseluruhan", "of", "for", "in"})
"""Words between a sum word and the place it totals ("total untuk Karimun", "jumlah keseluruhan Lingga")."""
_YEARS_SPAN = re.compile(
    r"\b(\d{1,2}|dua|tiga|empat|lima|enam|tujuh|delapan|sepuluh)\s*(?:tahun|thn|th)\s*"
    r"(?:terakhir|belakangan|belakang|ke\s*belakang|ini)\b|\b(?:last|past)\s+(\d{1,2}|two|three|four|five)\s+years\b"
)
"""Several years back asked at once ("total 5 tahun terakhir", "3 thn belakangan", "the last 5 years")."""
_SPAN_NUMBERS = {
    "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sepuluh": 10,
    "two": 2, "three": 3, "four": 4, "five": 5,
}  # fmt: skip
_SHARE_WORDS = frozenset({"persen", "persentase", "porsi", "proporsi", "percent", "percentage", "share"})
_DIFFERENCE_WORDS = frozenset({"selisih", "beda", "perbedaan", "difference"})
_FEW_WORDS = frozenset({"sedikit", "kecil", "cuma", "cuman", "doang", "hanya", "minim", "few", "only"})
"""Words saying a figure is small ("BSKK Batam kok dikit", "cuma 1288"): why, answered with the place's program mix."""
_BACK_SENTENCE_WORDS = 6
"""At most this many words make a sentence that only asks of the two before it ("mana yang lebih banyak ya")."""
_BACK_WORDS = _SUM_WORDS | _SHARE_WORDS | _DIFFERENCE_WORDS | RATIO_WORDS | {"kedua", "lebih"}
"""("lebih": "1. total pmks 2. total bskk 3. mana yg lebih banyak" compares the two named before)"""
"""What a part that names nothing asks of the parts before it ("jumlah keduanya", "selisihnya", "porsinya")."""
_TYPED_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+|\d+)(?:\s*(ribu|rb|k|ratus|juta|jt)\b)?(?![\w.,]?\d)", re.IGNORECASE
)
"""A number as typed in a question: "12 ribu", "12rb", "20.000", "500"."""
_MORE_LESS = frozenset({"lebih", "kurang", "more", "less", "fewer"})
_LESS = frozenset({"kurang", "less", "fewer"})
_YEAR_ONLY = re.compile(r"(19[5-9]\d|20\d\d)")
_MAGNITUDE = {"ribu": 1000, "rb": 1000, "k": 1000, "ratus": 100, "juta": 1_000_000, "jt": 1_000_000}
_NOT_AGAINST = frozenset(
    {"kalau", "kalo", "klo", "andai", "seandainya", "misal", "misalnya", "jika", "jikalau", "umpama", "if"}
    | {"mana", "siapa", "which", "rupiah", "rp", "uang", "dana", "persen", "kali", "lipat", "tahun"}
)
"""Words that make a typed number something else: a what-if, a filter over kab/kota, money, a share or a ratio."""
_REQUEST_CUES = frozenset(
    {"mohon", "minta", "tolong", "berapa", "bagaimana", "apa", "cara", "bisa", "boleh", "kirim", "rekap", "tanya"}
    | {"siapa", "kapan", "mana", "jumlah", "total", "data", "angka", "please", "how", "what", "which", "who", "when"}
)
"""Words that make a sentence beside thanks or a greeting a request ("mohon rekap …"), not a remark."""
_READ_WORDS = frozenset({"baca", "dibaca", "bacakan", "membaca", "lihat", "dilihat", "liat", "diliat", "read", "isi"})
"""Words asking the bot to read or look at an attachment ("[foto] tolong baca foto ini")."""
_VERDICT = re.compile(r"^(?:📍[^\n]*\n+)?(?:Tidak|Ya|No|Yes)\b")
"""A reply that opens with a claim's verdict ("Tidak. Kota Batam …: 23.945 KK (bukan 32.000)")."""
_PLEA_WORDS = frozenset({"tolong", "mohon", "minta", "please"})
"""Words that ask someone to do something for the asker ("tolong didaftarkan", "mohon diajukan")."""
_CLAUSES = re.compile(r"[.,;:!?]+\s+|\n+")
"""Where a story's clauses end: punctuation followed by a space (never the dot inside "2.800")."""
_STATED_FIGURES = FIGURE_INTENTS | {
    Intent.REGION,
    Intent.PROGRAM,
    Intent.PROGRAM_REGION,
    Intent.GROUP,
    Intent.PROVINCE,
    Intent.COMPARE_PROGRAMS,
    Intent.ABOUT_DATA,
    Intent.MULTI,
}
"""Replies that state the figures a file could be compared with."""


def _tells(text: str, u: Understanding) -> bool:
    """A part that only tells about the asker, misread as a figures question ("saya nelayan, tangkapan turun"): first
    person, no question mark, no number asked, no program."""
    return (
        u.intent in FIGURE_INTENTS
        and "?" not in text
        and not {"saya", "kami", "aku", "kita"}.isdisjoint(u.words)
        and NUMBER_WORDS.isdisjoint(u.words)
        and not (u.programs or u.group or u.national)
    )


_TELLING_READS = FIGURE_INTENTS | {
    Intent.OUT_OF_SCOPE,
    Intent.ABOUT_DATA,
    Intent.NOT_HELD,
    Intent.UNKNOWN,
    Intent.UNSURE,
}
"""What a sentence that only tells who asks is read as, for the words it happens to hold ("saya ketua RT di
Tanjungpinang": the place's figures; "saya guru honorer di Anambas": a topic)."""
_PER_REGION_WORDS = frozenset({"kabupaten", "kota", "daerah", "wilayah", "per"})


def _of_cells(u: Understanding) -> bool:
    """Programs each named with their own kab/kota, compared, added or divided (see :attr:`Understanding.cells`)."""
    arith = u.intent == Intent.ARITHMETIC and u.arith in (None, Arith.SUM, Arith.RATIO)
    return bool(u.cells) and (u.intent == Intent.COMPARE or arith) and not (u.excluded or u.scenario)


def _asks_of_before(u: Understanding) -> bool:
    """ "itu persen brp dr total", "selisihnya", "jumlah keduanya": a part that names nothing of its own and asks a
    sum, difference or share of what the parts before it named."""
    named = u.regions or u.programs or u.group or u.national or u.outside or u.named_province or u.ambiguous
    return not named and not _BACK_WORDS.isdisjoint(u.words)


_WHEN_ASKED = frozenset({"tahun", "bulan", "periode", "tanggal", "tgl", "year", "month", "date"})
"""Words before a number word that ask when, not how many ("per tanggal brp", "tahun berapa")."""


def _asks_latest_figures(u: Understanding) -> bool:
    """ "data terbaru brp?", "update terakhir total penerima brp?": the newest data asked with a number word — its
    figures, besides its year ("data terbaru tahun berapa" asks only the year)."""
    if u.intent != Intent.ABOUT_DATA or "update" not in u.about or not set(u.about) <= {"update", "year"}:
        return False
    if u.regions or u.programs or u.group or u.national or u.source_said or u.outside:
        return False
    if "kapan" in u.words or "when" in u.words:  # "datanya update terakhir kapan? per tanggal brp": when, not figures
        return False
    return any(w in NUMBER_WORDS and not (i and u.words[i - 1] in _WHEN_ASKED) for i, w in enumerate(u.words))


def _asks_figures(u: Understanding) -> bool:
    """A figures question, also one counting persons ("berapa orang di Lingga yang dapat"): the KK are given."""
    return u.intent in FIGURE_INTENTS or (u.intent == Intent.NOT_HELD and u.not_held == ["persons"])


def _asks_sum_check(words: list[str]) -> bool:
    """ "PMKS semua kab/kota cocok dengan totalnya?", "… sama dengan total gak": the kab/kota figures added up, checked
    against the reported total ("total PMKS sama UEP" is a sum, not a check)."""
    same = any(a == "sama" and b == "dengan" for a, b in pairwise(words))
    asked = bool(_CHECK_WORDS & set(words)) or same
    return asked and "total" in words and not _PER_REGION_WORDS.isdisjoint(words)


_SHARE_START = re.compile(
    r"\b(?:persentase|presentase|prosentase|persen|porsi|proporsi|percentage|share)\w*", re.IGNORECASE
)
"""The first word of a share asked after a listing ("…, dan persentasenya terhadap total provinsi")."""
_TRAILING_JOIN = re.compile(
    r"(?:[\s,;]+(?:dan|serta|beserta|sekaligus|sekalian|skalian|juga|plus|lalu|trus|terus|sama|dengan|and|also|with))+[\s,;]*$",
    re.IGNORECASE,
)
"""The joining words between a listing and the share asked after it."""
_PLAN_WORDS = frozenset({"target", "rencana", "proyeksi", "prediksi", "kuota", "pagu", "alokasi", "plan", "quota"})
_QUESTION_BREAK = re.compile(r"[?\n]+")
"""Where split_parts ends a sentence."""
_POSSESSIVE_BACK = re.compile(
    r"\b(?:gabungan|total|jumlah|kedua|selisih|beda|perbedaan|porsi|persen|persentase)(?:nya|ny)\b", re.IGNORECASE
)
"""A word that points back at what was named before ("gabungannya", "totalnya", "keduanya")."""
_BACK_ASKED = re.compile(
    rf"(?:(?:trus|trs|terus|lalu|sama|sm|dan|kemudian|then|and)\s+)?{_POSSESSIVE_BACK.pattern}"
    r"(?:\s+(?:berapa|brp|brapa|jadi|jd|semua|semuanya|ya|dong))*",
    re.IGNORECASE,
)
"""A sentence that only asks back with such a word ("trus totalnya", "jumlahnya brp"): a question of its own."""
_SHARE_BACK = re.compile(
    r"(?:(?:trus|trs|terus|lalu|sama|sm|dan|kemudian|then|and)\s+)?(?:(?:berapa|brp|brapa)\s+)?"
    r"(?:persen|persentase|presentase|porsi|proporsi)(?:nya|ny)(?:\s+(?:berapa|brp|brapa|ya|dong))*",
    re.IGNORECASE,
)
"""A sentence that only asks the share of what was just named ("brp persennya", "porsinya brp")."""
_FIGURE_WORDS = frozenset({"berapa", "jumlah", "total", "digabung", "banyak", "angka", "rekap", "ringkasan"})
"""Words that ask for a figure ("tahun lalu total brp"), unlike "data 2023 ada?", which asks whether a year is held."""

STANDALONE = frozenset(
    {
        Intent.INFO,
        Intent.NATIONAL,
        Intent.OUT_OF_SCOPE,
        Intent.ABOUT_DATA,
        Intent.ABOUT_BOT,
        Intent.PERSONAL,
        Intent.NOT_HELD,
    }
)
"""Intents that, after "… dan", make a second question of their own ("jumlah UEP di Natuna dan cara daftarnya")."""
SMALL_TALK = frozenset({Intent.GREETING, Intent.THANKS})
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
MIN_SENTENCES = 3
"""A message of this many sentences or more may be a polite paragraph around its request."""
STORY_SENTENCES = 2
"""A story of this many sentences or more may end in the one question it asks ("saya nelayan, kapal rusak. Berapa KK
di Natuna yang dapat bantuan?")."""


CHOICE_WORDS = 5
"""Longest sentence of bare alternatives ("uang atau sembako", "tunai atau barang ya") that completes the question
before it."""

PLACE_JOINS = frozenset({"vs", "versus", "dengan", "dan", "sama", "and", "atau", "or", "dibanding", "dibandingkan"})
"""Words that join two places asked side by side ("bandingkan Batam dengan Medan", "Pontianak vs Tanjungpinang")."""


_EVERY_WHOLE = frozenset({"semua", "seluruh", "semuanya", "seluruhnya", "keseluruhan", "all", "overall"})
_WHOLE_NAMED = _EVERY_WHOLE | {"total", "totalnya"}
"""Words naming the whole a share is of ("dari total", "dari keseluruhan"): no program carried from a part before."""
_OF_PROGRAMS = frozenset({"program", "kegiatan", "bantuan", "bansos", "penerima", "programs"})


_GLOSSED_KIND = re.compile(r"\b(\d)\s+(kota|kabupaten|kab)\s*\(([^()]{1,80})\)", re.IGNORECASE)
"""A count of one kind of kab/kota with its places in brackets ("2 kota (Batam, Tanjungpinang)")."""


def _every_program_whole(words: list[str]) -> bool:
    """ "persen dr total semua", "dari jumlah keseluruhan", "of the overall total": the whole is every program added
    up (not the program a part before named); "total semua kab/kota" still names places, not programs."""
    for i, w in enumerate(words[1:], 1):
        if w == "overall" and words[i + 1 : i + 2] == ["total"]:
            return True  # "percent of the overall total"
        if w in _EVERY_WHOLE and words[i - 1] in _SUM_WORDS | {"dari", "of"}:
            after = words[i + 1 : i + 2]
            if not after or after[0] in _OF_PROGRAMS or after[0] in _SUM_WORDS | {"brp", "berapa", "nya", "itu"}:
                return True
    return False


def _over_all(u: Understanding) -> bool:
    """ "selisih batam-tpi brp, terus rata2 pmks per kab kota brp": an average or ranking asked "per kab/kota" in a
    later part is over every kab/kota, not the places of the part before."""
    return u.per == Per.REGION and u.intent in (Intent.ARITHMETIC, Intent.RANKING) and not u.regions


class Answerer(
    ComparisonAnswers,
    ArithmeticAnswers,
    TrendAnswers,
    BotAnswers,
    ScopeAnswers,
    InfoAnswers,
    ConversationAnswers,
    ScenarioAnswers,
):
    """Answers questions and button actions from one facts snapshot."""

    def __init__(
        self,
        facts: Facts,
        understander: Understander,
        general_texts: dict | None = None,
        reader: LevelReader | None = None,
    ) -> None:
        super().__init__(facts)
        self.understander = understander
        self.general = general_texts or {}
        self.reader = reader
        """Kecamatan and desa figures from the store (None: those questions get their kab/kota's figures)."""

    # ---- entry points ---------------------------------------------------------------------------------------
    def answer(self, text: str) -> Reply:
        seen: dict[str, Understanding] = {}

        def understand(part: str) -> Understanding:
            if part not in seen:
                seen[part] = self.understander.understand(part)
            return seen[part]

        shared_place = self.understander.lexicon.attachment_kind(text.strip()) == "location" and ":" in text
        if ATTACHMENT_ONLY.fullmatch(text) and not shared_place:  # "[stiker]", "[foto]": an attachment without words
            return self.non_text()  # "[lokasi: Kijang, Bintan]" alone asks about the place shared
        corrected = self._corrected(text, understand)
        if corrected is not None:  # "berapa KK di Bintan? maksud saya pulau Bintan": only the corrected question
            return self.answer(corrected)
        text = self._without_glosses(text, understand)  # "2 kota (batam, tpi) dan 5 kabupaten": the kinds asked
        parts, enumerated = split_parts(text)
        listed = [q for p in parts for q in (_listed_items(p, understand) or _aspects_listed(p, understand) or [p])]
        if len(listed) > len(parts):  # "Tolong siapkan ringkasan: total 2022, program terbanyak, serta …": each item
            parts, enumerated = listed, True
        parts = [self._told_program(p, understand) or p for p in parts]
        if not enumerated:
            parts = _short_back_refs(text, parts, understand)
        if len(parts) > 1 and not enumerated:
            parts = self._merge_follow_ups(parts, understand, seen)
            parts = self._story_to_own_case(parts, understand)
        if len(parts) == 1:
            parts = self._split_on_and(parts[0], understand, seen)
        if len(parts) == 1:
            parts = self._share_apart(parts[0], understand, seen) or parts
        elif len(parts) <= MAX_PARTS:  # "1. KUBE itu apa dan berapa yang dapat? 2. …": each part may hold two
            parts = [q for part in parts for q in self._split_on_and(part, understand, seen)]
        if len(parts) < MAX_PARTS:
            parts = [q for part in parts for q in _comma_questions(part, understand, seen)][:MAX_PARTS]
        if len(parts) == 1:
            parts = self._trailing_apply(parts[0], understand) or parts
        if len(parts) == 1 and understand(parts[0]).intent == Intent.UNSURE:
            parts = self._requests(parts[0], understand) or parts
        if len(parts) == 1 and understand(parts[0]).intent in SMALL_TALK:
            parts = self._around_small_talk(parts[0], understand) or parts
        parts = self._person_placed(parts, understand)
        parts = [self._story_request(p, understand) or p for p in parts]
        parts = self._as_context([self._told_apart(p, understand) for p in parts], understand)
        if len(parts) > 1 and all(understand(p).intent == Intent.ABOUT_BOT for p in [*parts, text]):
            parts = [text]  # "kamu pake AI ya? siapa yg bikin": one reply about the bot
        parts = self._drop_covered(parts, understand)
        if len(parts) > 1:
            for p in parts:  # "BSKK batam cuma 1288 kk? kok dikit …": a figure quoted and asked, still a question
                if any(c.isdigit() for c in p) and re.search(re.escape(p) + r"\s*\?", text):
                    seen[p] = replace(understand(p), text=f"{understand(p).text}?")
            # a part whose words read as English in a message that does not is answered in the message's language
            return self._several(parts, understand, False if not understand(text).english else None)
        return self._one(parts[0], understand(parts[0]))

    @cached_property
    def _correction(self) -> re.Pattern[str]:
        lex = self.understander.lexicon
        words = lambda phrases: "|".join(  # noqa: E731
            r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True)
        )
        return re.compile(
            rf"(?:^|(?<=[.,;:!?])|\s)\s*(?:(?:{words(lex.correction_openers)})\s*,?\s+)?"
            rf"(?:{words(lex.correction_markers)})\b[\s,:-]*",
            re.IGNORECASE,
        )

    def _corrected(self, text: str, understand: Callable[[str], Understanding]) -> str | None:
        """ "berapa KK di Bintan? maksud saya pulau Bintan", "UEP batam brp, eh maksudnya KUBE", "PMKS Lingga 2022.
        ralat, Natuna": the place, program or year after a correction marker replaces the one said before it, and
        the question is asked again with it. Nothing of that kind after the marker ("PMKS maksudnya apa?"): no
        correction."""
        for m in self._correction.finditer(text):
            before, after = text[: m.start()].strip(" ,.;:"), text[m.end() :].strip(" ,.;:?!")
            if not before or not after or len(after.split()) > _CORRECTION_WORDS:
                continue
            ub, ua = understand(before), understand(after)
            if ua.regions and ub.regions and not (ua.programs or ua.group):
                spans = [r.text for r in ub.regions]
            elif (ua.programs or ua.group) and (ub.programs or ub.group) and not ua.regions:
                exact, lex = self.understander.programs.exact, self.understander.lexicon
                spans = [w for w in re.findall(r"[\w-]+", before) if compress(canonical_words(w, lex)) in exact]
            elif ua.year is not None and ub.year is not None and not (ua.regions or ua.programs):
                spans = [str(ub.year)]
            else:
                continue
            at: int | None = None
            fixed = before
            for span in spans:
                found = re.search(rf"(?<!\w){re.escape(span)}(?!\w)", fixed, re.IGNORECASE)
                if found is None:
                    return None
                at = found.start() if at is None else min(at, found.start())
                fixed = fixed[: found.start()] + fixed[found.end() :]
            if at is None:
                continue
            return re.sub(r"\s+", " ", f"{fixed[:at]}{after} {fixed[at:]}").strip()
        return None

    def _only_tells(self, text: str, u: Understanding) -> bool:
        """ "Saya ketua RT di Tanjungpinang", "Pak, besok saya rapat dengan pimpinan": a part in which the asker speaks
        of themselves (a first-person word) and asks nothing — no "?", no asking word (data/lexicon.json
        "asking_words"), no number asked — read only as what its words happen to name (a place's figures, a topic,
        the data), not as a question of another kind (how to apply, a status, a national program)."""
        if "?" in text or u.intent not in _TELLING_READS or u.programs or u.group or u.national or u.salam:
            return False  # ("Assalamualaikum, saya ibu rumah tangga di Daik …": the salam is answered)
        if u.intent == Intent.NOT_HELD and not DESCRIBES_ASKER.issuperset(u.not_held):
            return False  # "saya nelayan di Natuna" describes the asker; "saya di Batam, per bulan" asks a breakdown
        words = set(u.words)
        mine = {p[0] for p in self.understander.phrase_sets.get("personal.first_person", ()) if len(p) == 1}
        asking = self.understander.lexicon.asking_words | NUMBER_WORDS
        return not mine.isdisjoint(words) and asking.isdisjoint(words)

    def _as_context(self, parts: list[str], understand: Callable[[str], Understanding]) -> list[str]:
        """ "Bagaimana prosedur mengusulkan warga kami …? Saya ketua RT di Tanjungpinang.": a part that only tells who
        asks (:meth:`_only_tells`) is no question of its own; it is read with the question after it (or, last, the
        one before it) when that keeps what the question asks (its place then says where to apply), else left out
        ("besok saya rapat dengan pimpinan dan diminta menyiapkan angka Batam dan Karimun …": only the figures)."""
        if len(parts) < 2:
            return parts
        tells = [self._only_tells(p, understand(p)) for p in parts]
        if all(tells) or not any(tells):
            return parts
        out: list[str] = []
        told: list[str] = []
        for part, only_tells in zip(parts, tells, strict=True):
            if only_tells:
                told.append(part)
                continue
            out.append(self._read_with(part, [*told, part], understand))
            told = []
        if told:
            out[-1] = self._read_with(out[-1], [out[-1], *told], understand)
        return out

    def _person_placed(self, parts: list[str], understand: Callable[[str], Understanding]) -> list[str]:
        """ "saya merantau di tanjungpinang, ortu saya udah tua tinggal berdua di jemaja anambas, …. sy mau tau brp
        org di anambas …, dan bisa gak ortu sy didaftarkan dari jauh?": a later question about a person of the story
        (the same 'aid_story.people' word) that names no place is read with the clause of the story that says where
        that person is — the parents' Jemaja, never the asker's Tanjungpinang — when it still asks the same."""
        if len(parts) < 2:
            return parts
        sentences = [x.strip() for x in _SENTENCES.split(parts[0]) if x.strip()]
        story = [x for x in sentences if self._only_tells(x, understand(x))]
        if not story:
            return parts
        people = {p[0] for p in self.understander.phrase_sets.get("aid_story.people", ()) if len(p) == 1}
        clauses = [c.strip() for x in story for c in re.split(r"[,;.]", x) if c.strip()]
        out = parts[:1]
        for part in parts[1:]:
            u = understand(part)
            persons = people & set(u.words)
            if u.regions or u.outside or u.intent not in (Intent.INFO, Intent.PERSONAL) or not persons:
                out.append(part)
                continue
            placed = [c for c in clauses if persons & set(understand(c).words) and understand(c).regions]
            read = f"{'. '.join(placed)}. {part}" if len(placed) == 1 else part
            out.append(read if understand(read).intent == u.intent else part)
        return out

    def _told_apart(self, part: str, understand: Callable[[str], Understanding]) -> str:
        """ "selamat siang, sy staf kelurahan di Karimun. tolong kirim angka PMKS Lingga dan Natuna": within one part,
        the sentences that only tell who asks never change a figures question that names its own place or program
        (:meth:`_read_with`): the place of the asker's office is not asked for with the two named. Any other question
        is read with its story, which tells what it is about."""
        sentences = [x.strip() for x in _SENTENCES.split(part) if x.strip()]
        if len(sentences) < 2:
            return part
        tells = [self._only_tells(x, understand(x)) for x in sentences]
        if all(tells) or not any(tells):
            return part
        question = " ".join(x for x, only_tells in zip(sentences, tells, strict=True) if not only_tells)
        q = understand(question)
        if not _asks_of_place(q):
            # "saya kena PHK …. layak gak dapat bansos?", "Saya di Sagulung Batam, ibu saya di Dabo Singkep. PMKS di
            # masing2 daerah berapa?": the story tells what the question is about, or its places
            return part
        return self._read_with(question, [part], understand)

    @staticmethod
    def _read_with(question: str, sentences: list[str], understand: Callable[[str], Understanding]) -> str:
        """``question`` read together with the sentences that tell who asks, when that reading asks the same: a
        figures question of the same programs, and of the same place when it names one (the province too); naming
        none, the place told is the one asked. Any other question: the same kind, of the programs it names (the story
        may name the kind of aid: "saya nelayan … ada bantuan?")."""
        q = understand(question)
        merged = ". ".join(x.rstrip(" .") for x in sentences)
        m = understand(merged)
        if q.intent in FIGURE_INTENTS or _asks_of_place(q):  # "saya petani di Bintan": no other program instead
            same = m.programs == q.programs and m.group == q.group and m.national == q.national
            if q.regions or q.named_province or q.outside:
                same = same and m.intent == q.intent and [r.code for r in m.regions] == [r.code for r in q.regions]
            else:  # "kami di Karimun … berapa penerima PMKS": the place told is the place asked
                same = same and m.intent in FIGURE_INTENTS
        else:
            same = m.intent == q.intent and m.national == q.national and set(q.programs) <= set(m.programs)
        return merged if same else question

    @staticmethod
    def _drop_covered(parts: list[str], understand: Callable[[str], Understanding]) -> list[str]:
        """ "… how many households received aid in Anambas in 2022 and under which activities? … whether any UEP or
        KUBE support went there": after a question for one kab/kota's figures (whose reply lists every program and
        the ones without a kab/kota breakdown), a part naming no place that asks which programs, or about programs
        of ours "there", is answered by that reply; not asked again on its own."""
        if len(parts) < 2:
            return parts
        first = understand(parts[0])
        whole_place = (
            first.intent in FIGURE_INTENTS
            and len(first.regions) == 1
            and not (first.programs or first.group or first.not_held or first.excluded)
        )
        if not whole_place:
            return parts
        kept = [parts[0]]
        for part in parts[1:]:
            u = understand(part)
            own = u.regions or u.outside or u.national or u.topic or u.named_province or u.about or u.not_held
            there = not _THERE_WORDS.isdisjoint(re.findall(r"\w+", part.lower())) and bool(u.programs or u.group)
            there = there and (NUMBER_WORDS | {"many", "much"}).isdisjoint(u.words)  # "PMKS disana brp": its figure
            which = u.per == "program" and not (u.programs or u.group)
            if not own and (there or which):
                continue
            kept.append(part)
        return kept

    @staticmethod
    def _bare_lookups(text: str, understand: Callable[[str], Understanding]) -> list[str] | None:
        """ "brp KK di Lingga trus UEP di Batam sama daerah mana terbanyak": look-ups joined without commas. "trus"
        always starts another one; "sama"/"dan" only when what follows is a ranking of its own (naming no place or
        program), since "Batam sama Bintan" and "UEP dan KUBE" are one look-up. Each must name its own subject."""
        cuts = [m for m in _BARE_JOIN.finditer(text)]
        if not cuts or understand(text).scenario:
            return None  # "bskk tpi naik menjadi 3.000 trs total bskk kepri jadinya brp": one what-if
        bounds = [*(m.start() for m in cuts), len(text)]
        clauses, start = [], 0
        for i, m in enumerate(cuts):
            after = text[m.end() : bounds[i + 1]].strip(" ,?")
            if m.group(1).lower() in _WEAK_JOINS:
                said = text[start : m.start()].split()
                if said and said[-1].lower().rstrip(",") in _GAP_BEFORE_WITH:
                    continue  # "selisih sama yg terbanyak": the difference with it, not another look-up
                u = understand(after)
                if not (u.intent == Intent.RANKING and u.rank and not (u.regions or u.programs or u.group)):
                    continue
            clauses.append(text[start : m.start()].strip(" ,?"))
            start = m.end()
        clauses.append(text[start:].strip(" ,?"))
        if len(clauses) < 2 or any(len(c.split()) < 2 for c in clauses):
            return None
        read = [understand(c) for c in clauses]
        if not all(r.intent in FIGURE_INTENTS and (r.regions or r.programs or r.group or r.rank) for r in read):
            return None
        if any(r.intent in _COMPARING and len(r.regions) + len(r.programs) + bool(r.group) < 2 for r in read[1:]):
            return None  # "BSKK bintan brp, trs lebih banyak dr yg PMKS gak": compared with what was asked before
        subjects = {(tuple(x.code for x in r.regions), tuple(r.programs), r.group, r.rank) for r in read}
        return clauses if len(subjects) == len(read) else None

    @staticmethod
    def _place_then_programs(text: str, understand: Callable[[str], Understanding]) -> list[str] | None:
        """ "natuna total brp, bskk nya brp?", "bintan berapa kk, kalau uep nya?": a place's figure asked first, then,
        after a comma, a program of it ("nya" or a number asked): each is a question (the later ones take the place
        of the first from the parts' context), so the place's total is not dropped for the program's figure."""
        pieces = [x.strip(" ,?") for x in _COMMA_ASK.split(text)]
        pieces = [pieces[0], *(_OPENING_JOIN.sub("", x).strip() for x in pieces[1:])]  # "…, trus PKH lingga brp"
        if len(pieces) < 2 or any(not x for x in pieces):
            return None
        first = understand(pieces[0])
        if not (first.intent in FIGURE_INTENTS and first.regions and not (first.programs or first.group)):
            return None
        if "berapa" not in first.words or first.outside or first.national:
            return None  # "di natuna, bskk brp", "dari total penerima di Batam, brp persen yg PMKS": one question
        rest = [understand(x) for x in pieces[1:]]  # read only when the first piece asks a place's figure
        place = {x.code for x in first.regions}
        for i, r in enumerate(rest):
            # "total lingga brp, PKH lingga brp": a national program of the same place is a part of its own too
            same = not r.regions or {x.code for x in r.regions} == place
            national = bool(r.national) and r.intent == Intent.NATIONAL and same and not (r.programs or r.group)
            own = (r.programs or r.group) and not (r.regions or r.outside or r.national or r.named_province)
            back = "nya" in r.words or not _NUMBER_WORDS.isdisjoint(r.words)
            if i and _asks_of_before(r):
                continue  # "…, trus UEP nya brp, trus itu persen brp dr total": of the figures asked before it
            if not (national or (r.intent in FIGURE_INTENTS and own)) or not back:
                return None
        return pieces

    @staticmethod
    def _asked_later(text: str, understand: Callable[[str], Understanding]) -> bool:
        """A sentence after the first of ``text`` asks for figures of a place or program: a "dan" before ``text``
        joins two clauses of a story, not two questions."""
        for sentence in [x.strip() for x in _SENTENCES.split(text) if x.strip()][1:]:
            u = understand(sentence)
            if u.intent in FIGURE_INTENTS and (u.regions or u.programs or u.group):
                return True
        return False

    @staticmethod
    def _story_request(text: str, understand: Callable[[str], Understanding]) -> str | None:
        """ "sy nelayan di natuna, kapal rusak … 2 bulan gak melaut. … berapa KK di Natuna yg dapat bantuan 2022":
        a story of several sentences read as off topic or not held because of its own words (the weather, months),
        that ends in a figures question naming its place or program — that last sentence is what is asked."""
        sentences = [x.strip() for x in _SENTENCES.split(text) if x.strip()]
        if len(sentences) < 2:
            return None
        if len(sentences) < STORY_SENTENCES:
            return None
        if understand(text).intent not in (Intent.NOT_HELD, Intent.OUT_OF_SCOPE, Intent.UNSURE):
            return None
        last = understand(sentences[-1])
        named = last.regions or last.programs or last.group
        if last.intent in FIGURE_INTENTS and named and not _NUMBER_WORDS.isdisjoint(last.words):
            return sentences[-1]
        return None

    @staticmethod
    def _story_to_own_case(parts: list[str], understand: Callable[[str], Understanding]) -> list[str]:
        """ "Bapak saya … di Ranai, Natuna … tidak ada kabar. Apa benar Natuna dapat bantuan dari Dinsos provinsi?
        Berapa orang? Bagaimana caranya supaya bapak saya didata lagi?": a story whose last sentence asks a place's or
        program's figures, read as a whole about the asker's case, is asked as that sentence; the story goes with the
        later question about applying or the asker's own case, which it tells of."""
        sentences = [x.strip() for x in _SENTENCES.split(parts[0]) if x.strip()]
        if len(sentences) < STORY_SENTENCES or understand(parts[0]).intent in FIGURE_INTENTS:
            return parts
        last = understand(sentences[-1])
        if last.intent not in FIGURE_INTENTS or not (last.regions or last.programs or last.group) or last.national:
            return parts
        if not _POINTING_BACK.isdisjoint(last.words):
            return parts  # "… ada bantuan kesejahteraan keluarga. Apa Natuna dapat bantuan itu?": the story's program
        own_case = (Intent.INFO, Intent.PERSONAL)
        for i, part in enumerate(parts[1:], 1):
            if understand(part).intent in own_case:
                told = f"{' '.join(sentences[:-1])} {part}"  # unless the story's words make it another topic
                told = told if understand(told).intent in own_case else part
                return [sentences[-1], *parts[1:i], told, *parts[i + 1 :]]
        return parts

    def _told_program(self, text: str, understand: Callable[[str], Understanding]) -> str | None:
        """ "… ada bantuan modal usaha dari dinsos namanya UEP. Natuna dapat berapa itu?": a last sentence asking a
        place's figure of "itu" (no program of its own) asks the one program the story before it named."""
        sentences = [x.strip() for x in _SENTENCES.split(text) if x.strip()]
        if len(sentences) < 2 or _POINTING_BACK.isdisjoint(canonical_words(sentences[-1], self.understander.lexicon)):
            return None  # no "itu" in the last sentence: nothing points back (and nothing more to read)
        last = understand(sentences[-1])
        if last.intent not in FIGURE_INTENTS or not last.regions or last.programs or last.group or last.national:
            return None
        if _NUMBER_WORDS.isdisjoint(last.words) or _POINTING_BACK.isdisjoint(last.words):
            return None
        story = understand(" ".join(sentences[:-1]))
        told = story.programs or ([story.group] if story.group else [])  # "modal usaha … namanya UEP": UEP
        if len(told) != 1 or story.national:
            return None
        return f"{sentences[-1]} ({told[0]})"

    def _heard_figure_checked(self, text: str) -> Reply | None:
        """The one clause of a story that reports a figure heard of a place or program ("Saya dengar Dinsos Kepri bantu
        2.800 KK di Lingga"), checked as a claim on its own (the story's other numbers — "anak 3", "2 tahun" — are not
        claims); None when no single clause does."""
        found: list[Reply] = []
        for clause in _CLAUSES.split(text):
            c = self.understander.understand(clause)
            if not (hearsay_figure(c) and (c.regions or c.programs or c.group)) or c.national or c.outside:
                continue
            with use_language("en" if c.english else current_language()):
                claim = confirm_claims(self, replace(c, intent=Intent.FIGURES))
            if claim is not None:
                found.append(claim)
        return found[0] if len(found) == 1 else None

    def _officials_named(self, u: Understanding) -> Reply:
        """ "siapa ansar ahmad", "marlin agustina itu siapa?": each known official named with their office, the year
        it is known held and where from (data/officials.json), then what the bot holds."""
        lines = self.official_lines(u.officials)
        lines.append(
            _(
                "Tanya Bansos hanya memegang angka penerima bantuan Dinas Sosial Provinsi {province}; jabatan bisa "
                "sudah berganti sejak sumber itu terbit."
            ).format(province=esc(self.provinces_name()))
        )
        return Reply("\n".join(lines), choices=self._figures_choice(u), intent=Intent.ABOUT_DATA)

    def _speaker_note(self, u: Understanding, quoting: bool = True) -> str:
        """Who said the figure asked about ("kata pak Ansar Ahmad selaku kadis sosial … 58 ribu KK, bener?"): a known
        official named is said with their office (data/officials.json), corrected when the question gives them
        another's; a name the bot does not know is said to be unknown; and, unless the question names the official
        the source quotes in that official's own office, whom the source quotes (not when ``quoting`` is off: a reply
        about the source says it already). An office alone is only a speaker in a figure heard ("kata gubernur …"),
        not in "kalau pake gaya gubernur". "" when nothing needs saying."""
        officials = {o.name: o for o in self.understander.lexicon.officials}
        quoted = next((o for o in officials.values() if o.quoted), None)
        english = current_language() == "en"

        def role(name: str) -> str:
            o = officials[name]
            return o.role_en if english else o.role

        lines = []
        for name in u.officials:
            others = [r for r in u.roles_said if r != name]
            if others:
                lines.append(
                    _("{name} adalah {role}, bukan {other}.").format(
                        name=bold(name), role=esc(role(name)), other=esc(role(others[0]))
                    )
                )
            elif not officials[name].quoted:
                lines.append(_("{name} adalah {role}.").format(name=bold(name), role=esc(role(name))))
        known_words = {w for o in officials.values() for w in o.words}
        if u.persons and not known_words & set(u.persons):  # "kata pak eko …": the quoted official, said below
            lines.append(
                _("Nama “{name}” tidak ada dalam sumber data Tanya Bansos.").format(
                    name=esc(" ".join(w.capitalize() for w in u.persons))
                )
            )
        if quoted is None:
            return ""
        named_other = any(n != quoted.name for n in u.officials) or bool(u.persons)
        other_role = any(r != quoted.name for r in u.roles_said) and not HEARSAY_WORDS.isdisjoint(u.words)
        if quoting and quoted.name not in u.officials and (named_other or other_role):
            source = self.facts.sources.get(quoted.source)
            publisher = source.publisher if source else ""
            lines.append(
                (
                    _("Angka ini disampaikan {name}, {role}, dikutip {publisher}.")
                    if publisher
                    else _("Angka ini disampaikan {name}, {role}.")
                ).format(name=bold(quoted.name), role=esc(role(quoted.name)), publisher=esc(publisher))
            )
        return ("ℹ️ " + " ".join(lines)) if lines else ""

    def _vague_data(self, u: Understanding) -> bool:
        """Data asked without saying which ("data", "datanya dong", "minta data"): every word left is a noun of data
        or a request around it (data/lexicon.json "vague_data"), at least one a noun, nothing else named."""
        vague = self.understander.lexicon.vague_data
        nouns, requests = vague.get("nouns", frozenset()), vague.get("requests", frozenset())
        rest = set(u.rest)
        named = u.regions or u.programs or u.group or u.national or u.outside or u.topic or u.not_held or u.about
        return bool(rest & nouns) and rest <= nouns | requests and not (named or u.year or u.unexplained)

    def _one(self, text: str, u: Understanding | None = None) -> Reply:
        u = u or self.understander.understand(text)
        if u.english and current_language() != "en":
            with use_language("en"):
                reply = self._chart_button(self.respond(u))
        else:
            reply = self._chart_button(self.respond(u))
        if u.readings and reply.understood:
            with use_language("en" if u.english else current_language()):  # in the reply's language
                reply.html = self._readings_note(u) + "\n" + reply.html
        who = bool(u.officials) and not u.unexplained and reply.intent in (Intent.UNSURE, Intent.UNKNOWN)
        if who:
            with use_language("en" if u.english else current_language()):  # "siapa ansar ahmad": who they are
                reply = self._officials_named(u)
        elif reply.understood and reply.intent in _STATED_FIGURES and (u.officials or u.persons or u.roles_said):
            # "kata pak Ansar Ahmad selaku kadis sosial bantuannya 58 ribu KK, bener?": the figure, then who said it
            with use_language("en" if u.english else current_language()):
                speaker = self._speaker_note(u, quoting=reply.intent != Intent.ABOUT_DATA)
            if speaker:
                reply.html = reply.html + "\n" + speaker
        if u.cited and reply.understood and reply.intent in _STATED_FIGURES:
            # "total kepri berapa, sumbernya apa, tahun berapa": the figure, then its source and year in full
            with use_language("en" if u.english else current_language()):
                cited = self.about_data(replace(u, intent=Intent.ABOUT_DATA, about=u.cited))
                short = _("<i>Sumber: {sources}. Data tahun {year}.</i>").split("{sources}")[0]
            # the figures' one-line source is said in full below: not twice
            kept = [line for line in reply.html.split("\n") if not line.startswith(short)]
            reply.html = "\n".join(kept) + "\n" + cited.html
        if (
            reply.understood
            and reply.intent in _STATED_FIGURES
            and quotes_a_figure(u.words)
            and "personal.first_person" in self.understander.intent_hits(u.words)
            and self.understander.why_left_out(u.words)
        ):
            # "ada yg bilang batam dpt 32 ribu KK … tp kok sy gak pernah dapet ya. bener gak angka itu?": the figure
            # heard is checked, and the asker's own case (where to check their status, how to be proposed) follows
            with use_language("en" if u.english else current_language()):
                own = self.personal(replace(u, intent=Intent.PERSONAL, topic=None, left_out=True))
            heard = None if "(" in reply.html and _VERDICT.match(reply.html) else self._heard_figure_checked(text)
            if heard is not None:  # "saya di batu aji … ada yg bilang batam dpt 32 ribu KK": the verdict, not a list
                reply.html = heard.html
            reply.html = reply.html + "\n\n" + own.html
        if (
            reply.understood
            and reply.intent in (Intent.PERSONAL, Intent.INFO)
            and u.regions
            and hearsay_figure(u)
            and not ATTACHMENT_NOTE.match(text)
        ):
            # "saya dengar Dinsos Kepri bantu 2.800 KK di Lingga, apa saya bisa masuk?": besides the asker's own case,
            # the figure heard is checked (2.800 is Lingga's Kesejahteraan Keluarga; Lingga's total is 7.408)
            claim = self._heard_figure_checked(text)
            if claim is not None:
                reply.html = reply.html + "\n\n" + claim.html
        if u.holiday:
            with use_language("en" if u.english else current_language()):  # "happy new year": wished in English
                wish = (
                    _("Selamat hari raya, mohon maaf lahir dan batin juga 🙏")
                    if EID_WORDS & set(u.words)
                    else _("Terima kasih atas ucapannya, selamat juga untuk Anda 🙏")  # Natal, tahun baru, Imlek …
                )
            reply.html = wish + ("\n" + reply.html if reply.intent != Intent.GREETING else " " + reply.html)
        if u.island and reply.understood and reply.intent not in (Intent.INFO, Intent.PERSONAL):
            with use_language("en" if u.english else current_language()):
                reply.html = "ℹ️ " + self._island_note(u) + "\n" + reply.html  # "pulau Bintan sama kab Bintan?"
        if u.none_nearby and not u.national and reply.intent not in (Intent.INFO, Intent.MULTI):
            with use_language("en" if u.english else current_language()):
                reply = self._none_nearby(u)  # "data lo ngaco, di desa sy gak ada yg dapet"
        note = ATTACHMENT_NOTE.match(text)
        kind = self.understander.lexicon.attachment_kind(note.group(0)) if note else None
        own_file = reply.intent == Intent.ABOUT_BOT and u.about_bot == ["export"]  # "cek angka di file ini"
        shown = self.understander.intent_hits(u.words) if kind == "document" else set()
        settled = "payout" in shown or (kind == "document" and "money" in u.not_held and not u.regions)
        settled = settled and u.topic != "scam"  # "[foto] ss grup wa: bansos Rp2 juta, klik link": warned, not paid
        file_named = self._filed(note.group(0)) if kind == "document" and note else None
        identity = "id_document" in u.aid_notes or (
            file_named is not None and not _ID_FILE_WORDS.isdisjoint(file_named.words)
        )
        papers = identity or "aid_story.id_document" in shown or not {"ktp", "nik", "kk"}.isdisjoint(u.words)
        # "tolong didaftarkan", "mohon daftarin": the bot asked to register the asker ("mau daftar UEP" asks how)
        registering = not set(self.understander.lexicon.proposing_words).isdisjoint(u.words)
        registering = registering and not _PLEA_WORDS.isdisjoint(u.words) and u.topic is None
        registering = registering and not (NUMBER_WORDS & set(u.words) or quotes_a_figure(u.words) or u.national)
        if kind == "document" and papers and registering:
            # "[foto] ini foto ktp sama kk saya min, tolong didaftarkan ya": the bot registers no one and reads no file;
            # ID papers are never sent in a chat; registering goes through RT/RW, desa/kelurahan and Dinsos kab/kota
            notes = [*u.aid_notes, *(n for n in ("id_document",) if n not in u.aid_notes)]
            with use_language("en" if u.english else current_language()):
                sent = self.unreceived_application()
                to_apply = self.respond(
                    replace(u, intent=Intent.INFO, aid_notes=notes, info_aspects=["apply"], topic=None, about=[])
                )
            sent.html += "\n\n" + to_apply.html
            sent.choices = to_apply.choices
            reply = sent
        elif kind == "document" and identity and reply.intent == Intent.INFO and "eligibility" in shown:
            # "[dokumen: KK_ibu_saya.pdf] apakah layak dpt bantuan": the file is not read and eligibility is not judged
            # here; personal papers are never sent in a chat; who the aid is for, where to apply, Cek Bansos
            notes = [*u.aid_notes, *(n for n in ("eligibility", "id_document") if n not in u.aid_notes)]
            aspects = [a for a in u.info_aspects if a != "documents"]
            aspects = [*aspects, *(a for a in ("who", "apply") if a not in aspects)]
            with use_language("en" if u.english else current_language()):
                reply = self.respond(replace(u, aid_notes=notes, info_aspects=aspects))
        elif file_named is not None and reply.intent == Intent.INFO and self._stated_paper(file_named, u):
            # "[dokumen: surat_keterangan_tidak_mampu.pdf] ini syarat daftar kan?": the paper is one the texts name
            with use_language("en" if u.english else current_language()):
                reply = self.respond(replace(u, info_aspects=["documents", *u.info_aspects]))
        if kind == "document" and papers and registering:
            settled = True  # answered above: no figures, no file read
        elif settled:
            reply = self.unseen_payout()  # "[foto] struk pencairan, kok cuma segini?": an amount paid, not held
        elif (
            kind == "document"
            and (u.intent == Intent.PERSONAL or (u.topic == "population" and "personal.first_person" in shown))
            and ("aid_story.id_document" in shown or not {"ktp", "nik"}.isdisjoint(u.words))
        ):
            # "[foto] ini KK saya, apa saya terdaftar?", "[foto] KTP saya tolong dicek min": one's own status
            reply = self.shown_own_document(self.personal(replace(u, intent=Intent.PERSONAL, topic=None)))
            settled = True
        elif kind == "document" and not papers and self._asks_listed_persons(u, text, file_named):
            # "[dokumen: data_penerima_rt05.xlsx] tolong cek nama2 ini dapet semua gak": the persons a file lists,
            # checked one by one, is a status check the bot cannot do (no names held, the file not read): where to
            # check each person's status, never the figures as if they answered it
            where = u if u.regions or file_named is None else replace(u, regions=file_named.regions)
            with use_language("en" if u.english else current_language()):
                status = self.personal(replace(where, intent=Intent.PERSONAL, topic=None, left_out=False))
                own_name = "personal.first_person" in self.understander.intent_hits(u.words)  # "nama saya ada gak"
                lead = (
                    _(
                        "Isi lampiran tidak bisa saya baca, dan Tanya Bansos tidak memegang nama penerima, jadi tidak "
                        "bisa mencari nama Anda di dalamnya."
                    )
                    if own_name
                    else _(
                        "Isi lampiran tidak bisa saya baca, dan Tanya Bansos tidak memegang nama penerima, jadi tidak "
                        "bisa memastikan siapa saja di daftar itu yang menerima bantuan. Status tiap orang dicek satu "
                        "per satu:"
                    )
                )
            status.html = "ℹ️ " + lead + "\n\n" + status.html
            reply, settled = status, True
        elif kind == "document" and _asks_if_shown_is_real(u):
            reply = self.unseen_thing(verify=True)  # "[foto] ini surat undangan dari dinsos, asli gak ya?"
        elif kind == "document" and _asks_whose_shown_program(u):
            # "[foto] spanduk bantuan kube di kelurahan kami, ini dr dinsos provinsi kah?": whose the program named is
            # (ours), while what the photo shows cannot be checked; where to ask
            with use_language("en" if u.english else current_language()):
                named = [c for c in u.named_programs if c in self.facts.programs]
                text = _(
                    "{programs} memang program Dinas Sosial Provinsi {province}. Foto tidak bisa saya lihat, jadi "
                    "apakah yang di foto itu benar dari Dinas Sosial Provinsi tidak bisa saya pastikan: tanyakan ke "
                    "kantor desa/kelurahan, Dinas Sosial kab/kota setempat atau Dinas Sosial Provinsi {province} lewat "
                    "kontak resminya. Bantuan sosial tidak dipungut biaya: jangan kirim uang, PIN atau data pribadi "
                    "kepada siapa pun."
                ).format(
                    programs=esc(self._and_list([self.pfull(self.facts.programs[c]) for c in named])),
                    province=esc(self.provinces_name()),
                )
                choices = [
                    Choice(
                        _("Tentang {program}").format(program=self.pname(self.facts.programs[c], short=True)),
                        Action(Kind.INFO, program=c).encode(),
                    )
                    for c in named
                ]
                reply = Reply(text, choices=choices, intent=Intent.NON_TEXT)
        elif kind == "document" and _asks_who_was_there(u) and (named := self._named_in_sources(u.words)):
            # "[foto] ini acara penyerahan bantuan ya? siapa aja yg hadir": the photo is not seen; the people the
            # source names at its own handover of aid, never said to be the same event
            with use_language("en" if u.english else current_language()):
                reply = Reply(
                    _(
                        "Maaf, foto atau lampiran tidak bisa saya lihat, jadi saya tidak tahu acara apa itu atau siapa "
                        "yang hadir."
                    )
                    + "\n"
                    + "\n".join(named)
                    + "\n"
                    + _(
                        "Itu yang disebut dalam berita sumber angka Tanya Bansos; belum tentu acara yang sama dengan "
                        "foto Anda. Untuk acara penyerahan bantuan di tempat Anda, tanyakan ke kantor desa/kelurahan "
                        "atau Dinas Sosial kab/kota."
                    ),
                    choices=self._figures_choice(u),
                    intent=Intent.ABOUT_DATA,
                )
        elif kind == "document" and _asks_what_is_shown(u):
            with use_language("en" if u.english else current_language()):  # "[photo] … which program is this?"
                reply = self.unseen_thing()  # "[foto] ini kartu apa ya min?": the bot cannot see what the photo shows
                reply.choices = [*self._figures_choice(u), *reply.choices]  # the place it was taken: its figures
        elif kind == "document" and note and (reference := self._reference_figures(note.group(0), u, reply)):
            # "[dokumen: data_penerima_bintan.xlsx] cek sama gak sm data kalian": Bintan's figures, settled
            reply, settled = reference, True
        elif kind == "document" and reply.intent in _STATED_FIGURES and _asks_of_shown(u, file_named):
            # "[foto] tabel ini totalnya brp?", "[foto] spanduk … ini program dinsos prov bukan?": what the photo shows
            # is asked, nothing named: the bot cannot see it, and the province's figures are not its answer
            if NUMBER_WORDS & set(u.words):  # "tabel ini totalnya brp?": the data's figures, labelled as the data's
                reply = self._labelled_as_data(reply, u)
            else:
                with use_language("en" if u.english else current_language()):
                    reply = self.unseen_thing()
        elif (
            kind == "document"
            and file_named is None
            and reply.intent in _STATED_FIGURES
            and _VERDICT.match(reply.html)
            and quotes_a_figure(u.words)  # "[foto] … ini brp orang yg dapet?": "Tidak ada jumlah jiwa", no verdict
        ):
            # "[foto] screenshot berita dinsos kepri 58 ribu KK, ini beneran?": the photo is not seen; the figure typed
            # in its caption is checked like one typed without an attachment
            with use_language("en" if u.english else current_language()):
                unseen = _("Maaf, foto atau lampiran tidak bisa saya lihat; angka yang Anda ketik saya periksa:")
            reply.html = "ℹ️ " + unseen + "\n" + reply.html
        elif (
            kind == "document"
            and reply.intent in _STATED_FIGURES
            and self._of_attachment(u.words)
            and _CHECK_WORDS.isdisjoint(u.words)  # "cek angka di file ini": checked against the figures, below
            and "mismatch" not in u.about
            and not _TYPED_NUMBER.search(ATTACHMENT_NOTE.sub("", text))  # "di file ini 22.500": the figure typed
        ):
            reply = self._labelled_as_data(reply, u)  # "[foto] brp total penerima di gambar ini"
        elif kind == "document" and (
            (reply.intent in (Intent.UNKNOWN, Intent.UNSURE) and not (u.vague_place and not u.regions))
            or own_file
            or (reply.intent == Intent.OUT_OF_SCOPE and not u.topic and not _READ_WORDS.isdisjoint(u.words))
        ):
            reply = self.unread_attachment()  # "[dokumen: rekap.xlsx] tolong cocokkan angkanya", "[foto] baca foto ini"
            if not _NAME_WORDS.isdisjoint(u.words):  # "[dokumen: penerima.xlsx] nama2 ini dapet semua?": persons
                with use_language("en" if u.english else current_language()):
                    reply.html += "\n\n" + _(
                        "Tanya Bansos juga tidak memegang nama penerima, jadi tidak bisa memastikan siapa yang "
                        "menerima bantuan. {status}"
                    ).format(status=self._status_line())
        elif (
            kind == "document"
            and (not _CHECK_WORDS.isdisjoint(u.words) or "mismatch" in u.about)
            and reply.intent in _STATED_FIGURES
        ):
            # "[dokumen: rekap_2022.xlsx] cek angkanya sama gak sama data dinsos": the file is not read; the figures
            # given are the reference to compare it with
            reply.html = (
                "ℹ️ "
                + _(
                    "Isi lampiran tidak bisa saya baca, jadi saya tidak bisa mencocokkannya sendiri; angka di bawah "
                    "adalah angka acuan untuk Anda cocokkan."
                )
                + "\n"
                + reply.html
            )
        # "[dokumen: proposal.pdf] tolong periksa proposal UEP saya", "[dokumen: proposal_kube.pdf] udah bener blm?": a
        # paper for a program (named in the question or the file's name), not its figures checked; one asked to be
        # sent on or processed ("mohon diperiksa") is answered below as sent here
        paper = file_named is not None and bool(file_named.named_programs)
        paper = paper and file_named is not None and _DATA_FILE_WORDS.isdisjoint(file_named.words)
        paper = paper and not self._sent_here(u, reply)
        of_program = bool(u.programs or u.group or paper) and (DATA_WORDS | NUMBER_WORDS).isdisjoint(u.words)
        of_program = of_program and not _TYPED_NUMBER.search(ATTACHMENT_NOTE.sub("", text))  # "PMKS 22 ribu bener?"
        unclear = reply.intent in (Intent.OUT_OF_SCOPE, Intent.UNKNOWN, Intent.UNSURE) and not u.topic
        applying = reply.intent == Intent.INFO or not APPLY_WORDS.isdisjoint(u.words) or of_program or unclear
        if settled:
            pass  # an amount paid or one's own identity document shown: answered above, whatever else is said
        elif kind == "document" and u.asks_review and applying and reply.intent != Intent.PERSONAL:
            # "[dokumen: surat_permohonan.pdf] sy mau ajukan bantuan kube, sudah benar?": the letter is not read, so
            # not checked; where it is checked, then how to apply (never the program's figures)
            with use_language("en" if u.english else current_language()):
                if reply.intent != Intent.INFO:  # of the program the question names, else the one the file's name names
                    of = u if u.programs or u.group or file_named is None else file_named
                    reply = self.respond(
                        replace(u, intent=Intent.INFO, info_aspects=["apply"], programs=of.programs, group=of.group)
                    )
                reply.html = (
                    "ℹ️ "
                    + _(
                        "Maaf, saya tidak bisa membaca atau memeriksa isi lampiran, jadi tidak bisa menilai apakah "
                        "surat atau berkas Anda sudah benar. Berkas pengajuan diperiksa oleh kantor desa/kelurahan dan "
                        "Dinas Sosial kab/kota tempat Anda mengajukan; tanyakan kelengkapannya di sana."
                    )
                    + "\n\n"
                    + reply.html
                )
        elif kind == "document" and note and self._sent_here(u, reply):
            # "[dokumen: surat_permohonan_UEP.pdf] udah saya kirim, diterima?": no application is received here; how
            # to apply for the program the file names, if any
            with use_language("en" if u.english else current_language()):
                sent = self.unreceived_application()
                filed = self.understander.understand(re.sub(r"[_\-.]+", " ", note.group(0).strip(" []")))
                how: Reply | None = None
                if (filed.programs or filed.group) and not (u.programs or u.group):
                    how = self.respond(replace(filed, intent=Intent.INFO, info_aspects=["apply"]))
                elif reply.intent == Intent.INFO:  # "… bisa diajukan lewat bot?": what was asked of applying
                    how = reply
                elif u.programs or u.group:  # "[foto] ini proposal UEP kami, tolong diajukan": the program named
                    how = self.respond(replace(u, intent=Intent.INFO, info_aspects=["apply"]))
                if how is not None:
                    sent.html += "\n\n" + how.html
                    sent.choices = how.choices
                reply = sent
        if note and kind == "document" and u.year is None:
            reply = self._file_year(note.group(0), u, reply, kept=settled)
        if u.salam:
            greeting = _("Waalaikumsalam.")
            reply.html = greeting + (" " if reply.intent == Intent.GREETING else "\n\n") + reply.html
            if reply.intent == Intent.UNKNOWN:
                reply.html, reply.understood, reply.intent = (
                    greeting + " " + self.greeting().html,
                    True,
                    Intent.GREETING,
                )
        reply.details = u.as_dict()
        return reply

    def _persons_of(self, u: Understanding) -> tuple[Understanding, str] | None:
        """A count of persons asked: what its KK are given of, with a note of a file not read, or None (the breakdown
        is only said not held). The places and programs named; nothing named: the province's ("yg dibantu itu brp
        jiwa"), or what the name of a file sent names ("[dokumen: SK_penerima_UEP_Bintan.pdf] brp orang di SK ini");
        a file whose name names nothing ("[foto] ini brp jiwa") is what is asked about, and unread: None."""
        if u.regions or u.programs or u.group or u.named_province or u.unit_claim == "persons":
            return u, ""
        if any(b in ("kk", "keluarga") and a in _ONE_EACH for a, b in pairwise(u.words)):
            return None  # "berapa orang dalam satu KK penerima?": the size of a family, not a count asked
        shown = ATTACHMENT_NOTE.match(u.text)
        if shown is None or self.understander.lexicon.attachment_kind(shown.group(0)) != "document":
            return replace(u, province=True), ""
        filed = self._filed(shown.group(0))
        if filed is None or not (filed.regions or filed.programs or filed.group) or filed.ambiguous or filed.outside:
            return None
        asked = replace(
            u,
            regions=filed.regions,
            programs=filed.programs,
            group=filed.group,
            named_kabs=filed.named_kabs,
            mentioned=filed.mentioned,
            program_mentions=filed.program_mentions,
        )
        lead = _("Isi lampiran tidak bisa saya baca. Dari nama berkasnya, lampiran itu tentang {what}.")
        return asked, "ℹ️ " + lead.format(what=esc(self._named_what(filed)))

    def _wrong_province_note(self, u: Understanding) -> str:
        """ "anambas itu masuk provinsi riau kan?", "batam dan bintan ikut riau, bansosnya dr dinsos riau?": each
        kab/kota named is in its own province, not the one said; when the province said is the one ours was part of
        (Riau of Kepulauan Riau) or the office is named, whose figures these are too. Empty when no province was said
        wrongly."""
        codes = [r.code for r in u.regions if r.code in self.facts.regions]
        if not (u.wrong_province and codes and u.regions[0].code in self.facts.regions):
            return ""
        home = self.facts.province_of(codes[0]) or self.facts.province
        kabs = [self.facts.regions[c].name for c in dict.fromkeys(codes) if self.facts.province_of(c) in (home, None)]
        island = u.wrong_province.lower().startswith(("pulau", "provinsi"))
        named = u.wrong_province if island else _("Provinsi {name}").format(name=u.wrong_province)
        note = _("{kab} termasuk Provinsi {home}, bukan {named}.").format(
            kab=esc(self._and_list(kabs)), home=esc(home.name), named=esc(named)
        )
        former = not island and u.wrong_province.lower() in home.name.lower().split()
        if former or not OFFICE_NAMES.isdisjoint(u.words):
            office = _("Angka bansosnya berasal dari Dinas Sosial Provinsi {home}, bukan Dinas Sosial {named}.")
            note += " " + office.format(home=esc(home.name), named=esc(named))
        return note

    def _sent_here(self, u: Understanding, reply: Reply) -> bool:
        """With a document, the words ask whether what was sent arrived or is being processed, or ask the bot to submit
        it, and no figure is asked ("udah saya kirim, diterima?", "sudah masuk belum?", "tolong diproses", "mohon
        dibantu ajukan")."""
        return (
            not self.understander.lexicon.submitted.isdisjoint(u.words)
            and NUMBER_WORDS.isdisjoint(u.words)
            and DATA_WORDS.isdisjoint(u.words)
            # a program only named with the request ("[dokumen: proposal_kube.pdf] mohon diproses bantuan KUBE kami")
            # asks no figure; one with a number typed checks it ("[foto] PMKS Batam 22.465 sudah masuk?")
            and (reply.intent not in _STATED_FIGURES or not any(c.isdigit() for c in ATTACHMENT_NOTE.sub("", u.text)))
            # "[foto] spanduk KUBE desa kami, ini masuk 60 KK itu?": whether one's own is among a figure, no sending
            and not (reply.intent == Intent.PERSONAL and quotes_a_figure(u.words))
        )

    def _people_noted(self, u: Understanding, reply: Reply) -> Reply:
        """ "kata pak Ansar Ahmad selaku kadis sosial kepri bantuannya 58 ribu KK, bener?": a person the source names
        beside the official who gave the figures is said as the source names them, and whose statement the figures
        are (the official's role is never taken from the question)."""
        words = set(u.words)
        notes = []
        for source in self.facts.sources.values():
            for person in source.named:
                name = [w for w in canonical_words(person.split(",")[0], self.understander.lexicon) if len(w) > 2]
                if name and not words.isdisjoint(name):
                    notes.append(
                        "ℹ️ "
                        + _("Sumber angka ini menyebut {person}; angkanya keterangan {official}.").format(
                            person=esc(person), official=esc(source.official)
                        )
                    )
        if notes:
            reply.html = "\n".join(notes) + "\n" + reply.html
        return reply

    def _island_note(self, u: Understanding) -> str:
        """ "pulau Bintan": an island is not a kab/kota — which kab/kota lie on it, that each covers other islands
        too, and that the figures are per kab/kota, never per island."""
        f = self.facts
        codes = next((c for (n, c) in self.understander.lexicon.islands.values() if n == u.island), ())
        kabs = [f.regions[c].name for c in codes if c in f.regions]
        if len(kabs) >= 2:
            return _(
                "{island} bukan satu wilayah: di pulau itu ada {kabs}, masing-masing kab/kota tersendiri, dan "
                "tiap kab/kota juga mencakup pulau-pulau lain. Angka Tanya Bansos dicatat per kab/kota, tidak per "
                "pulau:"
            ).format(island=esc(u.island), kabs=esc(self._and_list(kabs)))
        return _(
            "{island} termasuk {kab}, tetapi {kab} juga mencakup pulau-pulau lain. Angka Tanya Bansos dicatat per "
            "kab/kota, tidak per pulau:"
        ).format(island=esc(u.island), kab=esc(kabs[0] if kabs else ""))

    def _none_nearby(self, u: Understanding) -> Reply:
        """ "di desa sy gak ada yg dapet, datanya ngaco": the figures are kab/kota totals of one year with no desa
        breakdown, so a desa may have no recipient; where to ask about the desa and how to be proposed."""
        f = self.facts
        text = _(
            "Angka Tanya Bansos adalah jumlah KK penerima per kab/kota (data tahun {year}), tanpa rincian per "
            "desa/kelurahan. Angka sebuah kab/kota tidak berarti setiap desa/kelurahan punya penerima, jadi bisa saja "
            "di desa Anda memang belum ada penerima program Dinsos Provinsi."
        ).format(year=esc(f.current_year or ""))
        text += "\n\n" + _(
            "Untuk mengetahui penerima di desa Anda, tanyakan ke kantor desa/kelurahan atau Dinas Sosial kab/kota. "
            "Keluarga yang layak tetapi belum terdata bisa diusulkan lewat RT/RW dan kantor desa/kelurahan."
        )
        text += "\n\n" + self._status_hint()
        apply = Choice(_("Cara mendaftar"), Action.ask(_("cara daftar bansos")).encode())
        return Reply(
            text,
            choices=[*self._figures_choice(u), apply],
            intent=Intent.PERSONAL,
        )

    def _reference_figures(self, note: str, u: Understanding, reply: Reply) -> Reply | None:
        """ "[dokumen: data_penerima_bintan.xlsx] tolong cek ini sama gak sm data kalian", "[dokumen: rekap_uep.xlsx]
        cocokkan sm data kamu": a file sent to be checked against the figures is not read, so the figures it is
        compared with are of the places and programs the question names, else of those the file's name names (the
        name is all the bot sees of it) — never the province's for a file about one kab/kota; "[dokumen:
        rekap_batam.xlsx] angka PMKS di file ini 22.456 bener gak" checks Batam's PMKS. None when the request is no
        check of figures (applying, a paper reviewed) or neither names a place or program."""
        filed = self._filed(note)
        places = u if u.regions or filed is None else filed
        programs = u if u.named_programs or filed is None else filed
        own = places is u and programs is u
        of_data = not _DATA_FILE_WORDS.isdisjoint([*u.words, *(filed.words if filed else [])])
        # "[dokumen: SK_penerima_PMKS_karimun.pdf] jumlahnya 7.045 kan?": a figure typed is checked like "cek"
        typed = quotes_a_figure(u.words) or any(n >= 10 for n in typed_figures(ATTACHMENT_NOTE.sub("", u.text)))
        checked = not _CHECK_WORDS.isdisjoint(u.words) or u.asks_review or typed
        if "mismatch" not in u.about and (not of_data or not checked):
            return None  # "[dokumen: rekap_uep_batam.xlsx] ini bener gak?": figures checked; "proposal UEP" reviewed
        if not APPLY_WORDS.isdisjoint(u.words) or u.national or u.outside or u.ambiguous or u.named_province:
            return None
        exported = reply.intent == Intent.ABOUT_BOT and u.about_bot == ["export"]  # "cek angka di file ini"
        # "[dokumen: rekap_bansos_2022.xlsx] tolong cek angkanya cocok gak": a file of figures, by its name, naming no
        # place or program, checked with no number typed: the province's summary is what it is compared with
        recap = filed is not None and not _DATA_FILE_WORDS.isdisjoint(filed.words) and not typed
        recap = recap and filed is not None and not (filed.national or filed.outside or filed.ambiguous)  # "data_pkh"
        recap = recap and not (places.regions or programs.named_programs or u.group or (filed and filed.group))
        if recap and reply.intent == Intent.INFO and not u.asks_review:
            recap = False  # "[dokumen: rekap.xlsx] syarat daftarnya apa": asked of applying, not a check
        stated = not recap and (own or reply.intent not in _STATED_FIGURES)
        if reply.intent not in _UNSTATED_CHECK and not exported and stated:
            return None  # a figure the question itself asks ("cek UEP batam sama gak") is answered as asked
        # "[dokumen: rekap_bansos_kepri_2022.xlsx] tolong cek total di file ini, disini tertulis 58.894 KK": a number
        # typed beside a file of the province's figures (no kab/kota or program named) is checked against its total
        whole = typed and (u.province or (filed is not None and filed.named_province))
        whole = (whole or recap) and not (places.regions or programs.named_programs)
        if not (places.regions or programs.named_programs or whole) or any(
            x.outside or x.ambiguous for x in (places, programs)
        ):
            return None
        year = u.year if u.year is not None or filed is None else filed.year
        asked = Understanding(
            text=u.text,
            words=u.words,
            intent=Intent.FIGURES,
            regions=places.regions,
            programs=programs.programs,
            group=programs.group,
            year=year if year is None or self.facts.has_year(year) else None,  # a year not held: said by _file_year
            named_kabs=places.named_kabs,
            mentioned=places.mentioned,
            program_mentions=programs.program_mentions,
            english=u.english,
            province=bool(whole),
            named_province=bool(whole) and not recap,
        )
        with use_language("en" if u.english else current_language()):
            reference = self.respond(asked)
            lead = _(
                "Isi lampiran tidak bisa saya baca, jadi saya tidak bisa mencocokkannya sendiri; angka di bawah "
                "adalah angka acuan untuk Anda cocokkan."
            )
            if filed is not None and not own and (filed.regions or filed.named_programs):
                lead += " " + _("Dari nama berkasnya, lampiran itu tentang {what}.").format(
                    what=esc(self._named_what(filed))
                )
            # the figures change only by staff sending a spreadsheet to the bot (README: staff imports)
            staff = _(
                "Petugas Dinas Sosial yang terdaftar sebagai staf Tanya Bansos memperbarui angka dengan mengirim "
                "spreadsheet langsung ke bot ini; berkas dari pengguna lain tidak dibaca atau diimpor."
            )
        reference.html = "ℹ️ " + lead + "\n" + reference.html + "\n\nℹ️ " + staff
        return reference

    def _without_glosses(self, text: str, understand: Callable[[str], Understanding]) -> str:
        """ "berapa total di 2 kota (batam, tpi) dan berapa di 5 kabupaten": the places in brackets only spell out
        every kab/kota of the kind counted before them, and the other kind is asked too, so the two kinds are what is
        asked; the brackets are left out. Any other bracket is kept."""

        def gloss(m: re.Match[str]) -> str:
            kind = "kabupaten" if m.group(2).lower().startswith("kab") else "kota"
            named = {r.code for r in understand(m.group(3)).regions if not r.sub_code}
            of_kind = {k.code for k in self.facts.kabkota if k.kind.lower() == kind}
            whole = named == of_kind and len(of_kind) == int(m.group(1))
            return f"{m.group(1)} {m.group(2)}" if whole else m.group(0)

        glossed = list(_GLOSSED_KIND.finditer(text))
        rest = _GLOSSED_KIND.sub(" ", text).lower()
        kinds = {"kabupaten" if m.group(2).lower().startswith("kab") else "kota" for m in glossed}
        other = {"kota", "kabupaten"} - kinds
        if len(glossed) != 1 or not any(re.search(rf"\b{k}\b", rest) for k in other):
            return text  # "total 2 kota (batam+tpi) brp": one kind asked, its places named as well
        return _GLOSSED_KIND.sub(gloss, text)

    def _total_said_other(self, u: Understanding) -> Reply | None:
        """ "knp total penerima cuma 46.686 KK?": a "why is the total only …" whose figure is another figure of the
        data (a program's, a kab/kota's), not the kab/kota sum nor the total: checked as a claim of the total."""
        if u.intent != Intent.ABOUT_DATA or u.about != ["mismatch"] or u.regions or u.programs or u.group:
            return None
        typed = typed_figures(u.text)
        f = self.facts
        year = self._year(u.year)
        if len(typed) != 1 or typed[0] in (f.province_total(year), *self.understander.sums_by_kabkota):
            return None
        held = {f.program_total(year, p) for p in f.programs}
        held |= {f.region_total(year, k.code) for k in f.kabkota}
        held |= {f.cell(year, p, k.code) for p in f.programs for k in f.kabkota}
        if typed[0] not in held:
            return None
        asked = u.text.rstrip(" .!") + ("" if u.text.rstrip().endswith("?") else "?")  # a why asks, like a "?"
        return confirm_claims(self, replace(u, text=asked, intent=Intent.FIGURES, about=[], province=True))

    def _labelled_as_data(self, reply: Reply, u: Understanding) -> Reply:
        """A figure asked of a photo or file the bot cannot see ("[foto] brp total penerima di gambar ini", "tabel ini
        totalnya brp?"): its figures are not known; the data's follow, labelled as the data's, never as the photo's."""
        with use_language("en" if u.english else current_language()):
            unseen = _(
                "Maaf, foto atau lampiran tidak bisa saya lihat, jadi saya tidak tahu angka di dalamnya. Sebagai "
                "acuan, ini angka dari data Tanya Bansos (bukan dari lampiran Anda):"
            )
        reply.html = "ℹ️ " + unseen + "\n" + reply.html
        return reply

    def _trailing_apply(self, text: str, understand: Callable[[str], Understanding]) -> list[str] | None:
        """ "… mau tau bansos apa aja yg ada di batam, trs brp yg dpt disini, saya bisa ikut gak", "brp penerima di
        natuna, kira2 sy bisa dapat gak": a figures question (a story may come before it), then, after the last comma
        (or, with no comma, from the last first-person word: "brp yg dapat di lingga saya bisa ikut gak"), whether the
        asker can get or join the aid or how to apply: two parts, so that the figures do not swallow the asking
        (which is answered with who the aid is for and how to apply, never a verdict on the asker)."""
        whole = understand(text)
        if whole.scenario or whole.intent not in (*FIGURE_INTENTS, Intent.INFO):
            return None
        pieces = [x.strip(" ,?") for x in _COMMA_ASK.split(text)]
        cuts = [text.rstrip(" ,?").rfind(pieces[-1])] if len(pieces) > 1 else []
        own = list(_FIRST_PERSON.finditer(text))
        if own and own[-1].start() > 0 and _OWN_MODAL.match(text[own[-1].start() :]):
            cuts.append(own[-1].start())  # "… saya bisa ikut gak", never "warga saya yg belum terdaftar"
        for cut in cuts:
            head, last = text[:cut].strip(" ,"), text[cut:].strip(" ,?")
            if len(last.split()) >= 2 and len(head.split()) >= 2 and self._applies_after(whole, head, last, understand):
                return [head, last]
        return None

    def _applies_after(
        self, whole: Understanding, head: str, last: str, understand: Callable[[str], Understanding]
    ) -> bool:
        """Whether ``last`` only asks about applying after ``head``'s figures (see :meth:`_trailing_apply`)."""
        first, then = understand(head), understand(last)
        if first.intent not in FIGURE_INTENTS:
            return False
        if whole.intent == Intent.INFO and NUMBER_WORDS.isdisjoint(first.words):
            return False  # "how many families get aid in Batam, can I join": read whole as applying; the number too
        if then.intent != Intent.INFO or "apply" not in then.info_aspects or then.topic:
            return False
        if then.regions or then.programs or then.group or then.national or "berapa" in then.words:
            return False  # "…, UEP di Karimun gimana daftarnya": a question of its own, split elsewhere
        if not _BACK_WORDS.isdisjoint(then.words) or self.understander.only_help_asked(then.words):
            return False  # "…, sekalian totalnya dua itu. Mohon bantuannya ya": help with the figures asked, not aid
        same = [r.code for r in first.regions] == [r.code for r in whole.regions] and first.programs == whole.programs
        return same and first.group == whole.group

    def _ours_asked_beside(self, u: Understanding) -> bool:
        """ "mau tanya PKH sm data UEP karimun", "PKH dan PMKS berapa di Batam": without the national program's
        words, what is left asks our program's figures; "PKH sama PMKS bedanya apa", "syarat PKH dan UEP apa", "kapan
        PKH dan UEP cair" ask something else of both, never answered with figures."""
        understand = self.understander.understand
        national = self.understander.national_words
        if u.asks_same:
            return False  # "bansos sembako sama bskk sama gak": whether they are one program, never its figures
        kept = [w for w in u.words if w not in national or not understand(w).national]
        if len(kept) == len(u.words):
            return False  # a national program named in several words ("program keluarga harapan"): not separated
        rest = understand(" ".join(kept))
        looked_up = rest.intent == Intent.FIGURES and not rest.arith and not rest.order and not rest.rank
        hits = self.understander.intent_hits(rest.words)
        nouns = self.understander.lexicon.vague_data.get("nouns", frozenset())
        place_data = bool(rest.regions) and not nouns.isdisjoint(rest.words)  # "blt dan data batam": Batam's figures
        return (
            looked_up
            and not rest.national
            and bool(rest.programs or rest.group or place_data)
            and "compare" not in hits
        )

    def _asks_listed_persons(self, u: Understanding, text: str, filed: Understanding | None = None) -> bool:
        """ "[dokumen: data_penerima_rt05.xlsx] tolong cek nama2 ini dapet semua gak", "[foto] daftar nama warga, cocok
        gak sm data dinsos", "these names all registered?": the persons a file or photo lists are asked of (a name word,
        or persons with a word of getting aid or being registered), and no number: whether each gets aid, a status
        check, never figures. A number asked or typed ("ada 200 nama, cocok sm jumlah PMKS batam?") is a check of
        figures; one's own identity paper is answered before."""
        words = set(u.words)
        if NUMBER_WORDS & words or "angka" in words or _TYPED_NUMBER.search(ATTACHMENT_NOTE.sub("", text)):
            return False
        if u.national or u.outside or u.topic:
            return False  # "[dokumen: penerima_pkh.xlsx] nama2 ini dapat PKH?": the national program's own answer
        getting = set(self.understander.lexicon.wanting.get("getting", ())) | _LISTED_STATUS
        if not (_NAME_WORDS - {"siapa"}).isdisjoint(words):
            return True
        # "[dokumen: list_warga.xlsx] tolong dicek yg terdaftar": the persons named by the file's name (never
        # "penerima" there: "data_penerima_bintan.xlsx" is as often a recap of figures)
        named = words | (set(filed.words) & (_NAME_WORDS | _PERSONS_FILED) if filed is not None else set())
        return not (_LISTED_PERSONS | _PERSONS_FILED).isdisjoint(named) and not getting.isdisjoint(words)

    def _of_attachment(self, words: list[str]) -> bool:
        """ "di gambar ini", "dalam file itu", "in this photo": the question points at the attachment itself."""
        shown = set(self.understander.lexicon.attachment_notes.get("document", ()))
        return any(
            w in shown
            and (words[i + 1 : i + 2] in (["ini"], ["itu"], ["tsb"], ["tersebut"]) or words[i - 1 : i] == ["this"])
            for i, w in enumerate(words)
        )

    def _filed(self, note: str) -> Understanding | None:
        """What a file's name names ("[dokumen: rekap_bansos_bintan_2022.xlsx]": Bintan, 2022), read like a question
        with its separators as spaces; None when the note holds no file name."""
        name = note.strip().strip("[]").split(":", 1)[-1] if ":" in note else ""
        if not _FILE_NAME.search(name):
            return None
        return self.understander.understand(re.sub(r"[_\-.]+", " ", _FILE_NAME.sub(" ", name)))

    def _stated_paper(self, filed: Understanding, u: Understanding) -> bool:
        """A file's name names a paper the general texts say may be asked when applying ("surat_keterangan_tidak_mampu
        .pdf", "ktp.jpg": data/lexicon.json requirements "stated"), and the question does not ask for papers already."""
        if "documents" in u.info_aspects:
            return False
        named = f" {' '.join(filed.words)} "
        return any(f" {paper} " in named for paper in self.understander.lexicon.requirements.get("stated", ()))

    def _named_what(self, u: Understanding) -> str:
        """The places and programs a file's name names, as the reply names them ("Kabupaten Bintan", "UEP di Kota
        Batam")."""
        names = [self.facts.regions[r.code].name for r in u.regions if r.code in self.facts.regions]
        places = self._and_list(names) if names else ""
        programs = self._and_list(u.named_programs) if u.named_programs else ""
        if places and programs:
            return _("{programs} di {places}").format(programs=programs, places=places)
        return places or programs

    def _file_year(self, note: str, u: Understanding, reply: Reply, kept: bool = False) -> Reply:
        """ "[dokumen: rekap_bansos_2023.xlsx] bandingkan dengan data kalian": the caption is all the bot sees, and
        the year in the file's name is the year its figures are of. A year the data does not hold is said first; the
        figures the question names (or, ``kept``, those the file's name names: :meth:`_reference_figures`) are given
        for the year held, and anything else gets why the file cannot be read."""
        found = [int(y) for y in _FILE_YEAR.findall(note)]
        missing = [y for y in found if not self.facts.has_year(y)]
        if not missing or self.facts.current_year is None:
            return reply
        text = _(
            "Dari namanya, lampiran itu berisi data tahun {year}; Tanya Bansos belum punya data tahun {year} (hanya "
            "tahun {years}), jadi tidak bisa membandingkannya."
        ).format(year=esc(missing[0]), years=esc(", ".join(str(y) for y in self.facts.years)))
        named = u.regions or u.programs or u.group or u.named_province or kept
        if not (named and reply.intent in FIGURE_INTENTS | {Intent.REGION, Intent.PROGRAM, Intent.PROGRAM_REGION}):
            reply = self.unread_attachment()
        reply.html = "ℹ️ " + text + "\n" + reply.html
        return reply

    def _unit_note(self, u: Understanding) -> str:
        """ "58 ribu orang", "60 kelompok", "58,849 = 58 koma sekian?": the unit and the number as the data has them."""
        if u.comma_number is not None:
            value = int(u.comma_number.replace(",", ""))
            return "ℹ️ " + _(
                "Koma pada “{typed}” adalah pemisah ribuan (penulisan gaya Inggris): artinya {number} "
                "({thousands} ribu lebih), bukan angka desimal. Dalam penulisan Indonesia pemisah ribuan adalah titik: "
                "{plain}."
            ).format(
                typed=esc(u.comma_number),
                number=esc(self.kk(value)),
                thousands=esc(fmt_int(value // 1000)),
                plain=esc(format_decimal(value, locale="id")),
            )
        if u.unit_claim == "population":
            return "ℹ️ " + _(
                "Angka ini jumlah KK penerima bantuan Dinsos, bukan jumlah penduduk; data penduduk ada di BPS atau "
                "Dukcapil."
            )
        if u.unit_claim == "group_count":
            return "ℹ️ " + _(
                "Jumlah kelompok tidak ada dalam data ini; angkanya dihitung dalam KK (keluarga penerima), bukan per "
                "kelompok:"
            )
        if u.unit_claim == "groups":
            return "ℹ️ " + _("Angka ini dihitung dalam KK (keluarga penerima), bukan jumlah kelompok:")
        return "ℹ️ " + _("Angka ini dihitung dalam KK (keluarga penerima), bukan jumlah orang atau jiwa:")

    def _readings_note(self, u: Understanding) -> str:
        """ "“ueb” saya baca sebagai UEP.": a word read as the program or place it resembles is said, never silent."""
        f = self.facts
        parts = []
        for typed, code in u.readings:
            if code in f.programs:
                label = self.pname(f.programs[code], short=True)
            elif code in f.groups:
                label = self.gname(code)
            else:
                label = f.regions[code].name if code in f.regions else code
            parts.append(_("“{typed}” saya baca sebagai {label}").format(typed=esc(typed), label=esc(label)))
        return "ℹ️ " + "; ".join(parts) + "."

    def trend_of(self, u: Understanding) -> Reply:
        """A figure year by year: the kab/kota named (or the province), the programs named (or all)."""
        f = self.facts
        region = f.regions[u.regions[0].code] if u.regions else None
        programs = list(f.groups[u.group].members) if u.group else (u.programs or None)
        reply = self.trend(region, programs, u.years if len(u.years) >= 2 else None)
        held = [y for y in (u.years if len(u.years) >= 2 else f.years) if f.has_year(y)]
        if not u.regions and u.per in (Per.REGION, Per.EACH) and len(held) == 1:
            # "data UEP 2020 sampai 2022 per kab/kota": one year held, so that year's figures per kab/kota as asked
            of_year = replace(u, years=[], year=held[0], intent=Intent.FIGURES)
            per_kab = self.figures(of_year) if u.programs or u.group else self.region_list(held[0])
            if per_kab.understood:
                reply.html += "\n\n" + per_kab.html
                reply.choices = [*reply.choices, *(c for c in per_kab.choices if c not in reply.choices)]
        return reply

    def _merge_follow_ups(
        self, parts: list[str], understand: Callable[[str], Understanding], seen: dict[str, Understanding]
    ) -> list[str]:
        """ "23 ribu itu Batam ya? Berapa persisnya?": a sentence that names nothing of its own continues the one
        before it; only sentences that stand on their own are answered separately. After what programs are ("apa
        bedanya UEP dgn KUBE? jumlah masing2 brp?"), a number asked is those programs' figures, a question too."""
        merged: list[str] = []
        for part in parts:
            u = understand(part)
            own = u.regions or u.programs or u.group or u.national or u.topic or u.outside or u.about
            unnamed = u.intent == Intent.UNKNOWN or only_recipients_counted(u.words)  # "brp yg dapat?"
            if merged and not own and unnamed and "berapa" in u.words:
                before = understand(merged[-1])
                named = before.named_programs
                if before.intent == Intent.INFO and named and not before.regions:
                    with_named = understand(f"{part} {' '.join(named)}")
                    if with_named.intent in FIGURE_INTENTS:
                        seen[part] = with_named
                        merged.append(part)
                        continue
            aside = u.intent == Intent.OUT_OF_SCOPE and u.topic is None and not u.applies_elsewhere
            standalone = u.intent in STANDALONE | SMALL_TALK | {Intent.HELP, Intent.LIST_PROGRAMS} and not aside
            back = _BACK_ASKED.fullmatch(part.strip(" ?.!"))
            if merged and not own and (back or _SHARE_BACK.fullmatch(part.strip(" ?.!"))):
                before = understand(merged[-1])
                # "batam terbanyak kan? brp persennya?": the share of the place or program just named, asked apart
                share = _SHARE_BACK.fullmatch(part.strip(" ?.!")) is not None and before.intent in FIGURE_INTENTS
                share = share and bool(before.regions or before.named_programs)
                if len(merged) >= 2 or len(before.regions) >= 2 or len(before.programs) >= 2 or share:
                    merged.append(part)  # "PMKS Batam? UEP Batam? totalnya?": the sum of both, a question of its own
                    continue
            if merged and not own and len(merged) >= 2 and self._asks_of_those(u, merged[-2:], understand):
                merged.append(part)  # "PMKS brp? BSKK brp? bedanya apa?": of both, a question of its own
                continue
            which = not _WHICH_WORDS.isdisjoint(u.words)  # "… brp persennya? yg paling sedikit mana?": a question
            if merged and not own and u.rank and u.intent == Intent.RANKING and (_OPENING_JOIN.match(part) or which):
                merged.append(part)  # "brp KK di Lingga? trus UEP di Batam? sama daerah mana terbanyak": a third
                continue
            if merged and self.understander.closing_plea(u.words):
                # "… apa saya bisa masuk? Tolong bantu pak": a plea closing the story, part of it
                merged[-1] = f"{merged[-1]} {part}"
                continue
            if merged and self._offers_choices(merged[-1], part, understand):
                merged[-1] = f"{merged[-1]} {part}"  # "BSKK bentuknya apa? uang atau sembako?": one question
                continue
            if merged and not own and not standalone:  # "… mak cik tak paham internet": an aside, not a question
                merged[-1] = f"{merged[-1]} {part}"
            else:
                merged.append(part)
        return merged

    @staticmethod
    def _asks_of_those(u: Understanding, before: list[str], understand: Callable[[str], Understanding]) -> bool:
        """ "PMKS brp? BSKK brp? bedanya apa?", "batam brp? bintan brp? mana lebih banyak?": a short sentence that names
        nothing and asks a difference, a sum or which is more, after two sentences that each asked one figure of their
        own: it asks of both, a question of its own (joined to the second, it would be asked of that one alone)."""
        if len(u.words) > _BACK_SENTENCE_WORDS or _BACK_WORDS.isdisjoint(u.words):
            return False
        if "lebih" in u.words and _DIFFERENCE_WORDS.isdisjoint(u.words) and _WHICH_WORDS.isdisjoint(u.words):
            return False  # "lebih dari 5000?": a number compared, not which of the two
        firsts = [understand(p) for p in before]
        if not _DIFFERENCE_WORDS.isdisjoint(u.words) and all(_explains_one(f) for f in firsts):
            return len({f.named_programs[0] for f in firsts}) == 2  # "apa itu PMKS? apa itu BSKK? bedanya apa?"
        return (
            all(
                f.intent in FIGURE_INTENTS and bool(f.regions or f.programs or f.group) and len(f.regions) <= 1
                for f in firsts
            )
            and len({(tuple(r.code for r in f.regions), tuple(f.programs), f.group) for f in firsts}) == 2
        )

    def _offers_choices(self, before: str, part: str, understand: Callable[[str], Understanding]) -> bool:
        """ "… bentuknya apa? uang atau sembako?": a short sentence of alternatives alone ("A atau B", no place,
        program of ours or question word of its own) after a question about a program or about aid offers answers to
        that question; read as one question, so a word of it ("sembako") is not asked about on its own."""
        u = understand(part)
        words = u.words
        if not ({"atau", "or"} & set(words)) or len(words) > CHOICE_WORDS or words[0] in ("atau", "or"):
            return False
        if u.regions or u.programs or u.group or u.year is not None or not NUMBER_WORDS.isdisjoint(words):
            return False
        if not _REQUEST_CUES.isdisjoint(words):
            return False  # "uang atau barang, berapa?": a question of its own
        first = understand(before)
        asked = (first.intent == Intent.INFO and bool(first.info_aspects)) or first.intent == Intent.UNSURE
        return asked and bool(first.programs or first.group)

    @staticmethod
    def _national_and_ours(
        text: str, joins: list[re.Match[str]], understand: Callable[[str], Understanding]
    ) -> list[str] | None:
        """ "PKH batam brp dan bansos dinsos batam brp": a national program (not held) and a figure of ours, each
        naming its own place or program, are two questions; the second never takes the national program's name."""
        for join in joins:
            left, right = text[: join.start()].strip(" ,"), text[join.end() :].strip(" ,?")
            if len(left.split()) < 2 or len(right.split()) < 2:
                continue
            ul, ur = understand(left), understand(right)
            for theirs, ours in ((ul, ur), (ur, ul)):
                own = bool(ours.regions or ours.programs or ours.group)
                if theirs.national and not ours.national and ours.intent in FIGURE_INTENTS and own:
                    return [left, right]
        return None

    def _split_on_and(
        self, text: str, understand: Callable[[str], Understanding], seen: dict[str, Understanding]
    ) -> list[str]:
        """ "Berapa UEP di Natuna dan bagaimana cara daftarnya?": a figures question and a question of another
        kind joined by "dan" are two questions; "Batam dan Bintan" stays one, and so does a long story that ends
        in one request."""
        joins = [
            j for j in _JOINERS.finditer(text) if not _ALSO.search(j.group(0)) or self._own_after(text, j, understand)
        ]
        if not joins and "," not in text:
            # "angka PMKS Karimun. berapa persen total Karimun …?", "… serta persentase total Karimun": apart too
            return self._total_apart(text, understand, seen) or [text]
        whole = understand(text)
        if _of_cells(whole):
            return [text]  # "BSKK bintan & PMKS karimun, mana lbh bnyk, selisihnya?": one comparison of two figures
        apart = self._total_apart(text, understand, seen)
        if apart:
            return apart
        programs = len(whole.programs) + (1 if whole.group else 0)
        if whole.intent in FIGURE_INTENTS and len(whole.regions) >= 2 and programs >= 2:  # two places, two programs
            pairs = self._separate_lookups(text, joins, understand)
            if pairs:
                return pairs
        joined = [c.strip(" ,?") for c in _CLAUSE_JOIN.split(text)]
        # "PMKS natuna brp, BSKK natuna brp, total natuna brp": comma pieces that each ask "berapa" of their own, one
        # of them a total (read together, the total would be taken for the sum of the programs named)
        commas = [c.strip(" ,?") for c in _COMMAS.split(text)]
        asking = all("berapa" in understand(c).words for c in commas) and any(
            not _SUM_WORDS.isdisjoint(understand(c).words) for c in commas
        )
        for clauses in (joined, commas if asking else []):
            if len(clauses) < 2 or not all(len(c.split()) >= 2 for c in clauses):
                continue
            if any(_lists_places(a, b, understand) for a, b in pairwise(clauses)):
                continue  # "PMKS di Batam, Bintan, dan Tanjungpinang kalau digabung": one list of places
            # "brp kk di lingga, trus uep batam brp, sama daerah mana paling banyak": three look-ups, each whole
            read = [understand(c) for c in clauses]
            # "batam brp, total kepri brp": the province named on its own is a look-up of its own too
            # ("… UEP nya brp, dan persen dr total kepri?" is a share of what was named before, not a look-up)
            province = [r.named_province and r.intent == Intent.FIGURES for r in read]
            own = [bool(r.regions or r.programs or r.group or r.rank or p) for r, p in zip(read, province, strict=True)]
            if all(r.intent in FIGURE_INTENTS for r in read) and all(own):
                subjects = {
                    (tuple(x.code for x in r.regions), tuple(r.programs), r.group, r.rank, r.named_province)
                    for r in read
                }
                if len(subjects) == len(read):
                    return clauses
        # "berapa di batam dan berapa total kepri", "batam berapa, kepri berapa": a place's figure, then the province's
        for join in [*joins, *_COMMAS.finditer(text)]:
            left, right = text[: join.start()].strip(" ,?"), text[join.end() :].strip(" ,?")
            sides = [understand(left), understand(right)]
            if not all(x.intent == Intent.FIGURES and not _NUMBER_WORDS.isdisjoint(x.words) for x in sides):
                continue
            province = [x.named_province and not (x.regions or x.outside or x.ambiguous) for x in sides]
            of_place = [bool(x.regions) and not x.named_province for x in sides]
            if province[0] != province[1] and of_place[0] != of_place[1] and province[0] == of_place[1]:
                return [left, right]
        lookups = self._bare_lookups(text, understand) or self._place_then_programs(text, understand)
        if lookups:
            return lookups
        if whole.intent in FIGURE_INTENTS and len(whole.regions) == 1:
            for join in reversed(joins):  # "total UEP dan KUBE, dan KUBE di karimun brp": the province, then a place
                if not join.group(0).startswith(","):
                    continue
                left, right = text[: join.start()].strip(" ,"), text[join.end() :].strip(" ,?")
                ul, ur = understand(left), understand(right)
                asked = (ul.programs or ul.group) and not ul.regions and not _SUM_WORDS.isdisjoint(ul.words)
                if asked and ur.regions and (ur.programs or ur.group) and ur.intent in FIGURE_INTENTS:
                    return [left, right]
        if not joins:
            return [text]
        if whole.national:
            pair = self._national_and_ours(text, joins, understand)
            if pair:
                return pair
        # "natuna dapat apa aja, terus saya di ranai bisa daftar gak": a place's figures asked, then another question
        # after a word that goes on to the next one ("terus", "sekalian"), even with no number word
        sequenced = any(_NEXT_QUESTION.search(j.group(0)) for j in joins)
        looks_up = bool(_LOOKUP_WORDS & set(whole.words)) or sequenced
        if not whole.asks_more or (whole.intent == Intent.INFO and not looks_up):
            return [text]
        for join in reversed(joins):  # the last "dan" first: "Batam dan Bintan, dan …"
            left, right = text[: join.start()].strip(" ,"), text[join.end() :].strip(" ,?")
            if len(left.split()) < 2 or len(right.split()) < 2 or _enumerates(left, right, understand):
                continue
            if self._asked_later(right, understand):
                continue  # "hujan terus dan banjir di kampung kami. … Berapa KK di Karimun?": inside the story
            ul, ur = understand(self._story_request(left, understand) or left), understand(right)
            # "saya nelayan di Natuna, tangkapan turun terus dan …", "saya dosen dan sedang menulis …": the asker's
            # story or who asks, not a question
            if _tells(left, ul) or (ul.intent == Intent.OUT_OF_SCOPE and ul.topic is None and not ul.applies_elsewhere):
                continue
            # a program the left part names, not one read from the asker's living ("… jualan kue …, apa saya bisa
            # dapat, dan di Karimun ada berapa yg dapat bantuan": all aid there, not the economic programs')
            named = (ul.named_programs if ul.program_mentions else []) or ul.national
            if _asks_figures(ur) and not (ur.programs or ur.group or ur.national) and named:
                # "What is KUBE and how many families got it?", "BLT kapan cair dan brp penerimanya": the figures
                # asked are the program's just named (a national program's are not held)
                ur = seen[right] = understand(f"{right} {' '.join(named)}")
            elif ur.intent == Intent.INFO and not (ur.programs or ur.group or ur.national) and named:
                # "Berapa UEP di Natuna dan bagaimana cara daftarnya?": how to apply to the program just named
                ur = seen[right] = understand(f"{right} {' '.join(named)}")
            figure = ur if _asks_figures(ur) else ul  # "angka Lingga per program, lalu cara daftar UEP"
            placed = _NEXT_QUESTION.search(join.group(0)) and figure.regions and not figure.not_held
            if whole.intent == Intent.INFO and not (
                _asks_figures(figure) and (_LOOKUP_WORDS & set(figure.words) or placed)
            ):
                continue  # "apa beda UEP dan KUBE" is one question; "apa itu UEP dan berapa penerimanya" two
            kinds = {Intent.FIGURES if _asks_figures(x) else x.intent for x in (ul, ur)}
            if kinds & FIGURE_INTENTS and kinds & STANDALONE and ul.intent != ur.intent:
                # "brp uep batam, trus kube total, sama cara daftar uep gmn": the look-ups before may be two too
                return [*self._split_on_and(left, understand, seen), right]
        return [text]

    def _total_apart(
        self, text: str, understand: Callable[[str], Understanding], seen: dict[str, Understanding]
    ) -> list[str] | None:
        """ "Saya butuh angka PMKS Karimun tahun 2022 dan berapa persen total Karimun dari seluruh penerima": a figure
        of a program in a place, then a question that asks the *total* of a place ("total Karimun", "jumlah semua
        Lingga") naming no program of its own, are two asks. Read together the program leaked into the second (PMKS
        Karimun's share of PMKS, 15,1 %, stated for Karimun's share of all aid, 13,0 %) and the first was not
        answered. The split is at a joining word or a sentence's end before the total, never inside a list of places
        ("PMKS Batam dan Bintan totalnya")."""
        bounds = [*_JOINERS.finditer(text), *_TOTAL_JOIN.finditer(text), *_SENTENCES.finditer(text)]
        if not bounds:
            return None
        whole = understand(text)
        if whole.intent not in FIGURE_INTENTS or not whole.named_programs:
            return None
        bounds.sort(key=lambda m: m.start(), reverse=True)
        for join in bounds:
            left = text[: join.start()].strip(" ,.;")
            right = self._closing_cut(text[join.end() :].strip(" ,;?."), understand)
            if len(left.split()) < 2 or len(right.split()) < 2 or _enumerates(left, right, understand):
                continue
            ul, ur = understand(left), understand(right)
            for program, total in ((ul, ur), (ur, ul)):
                if _asks_figures(program) and program.named_programs and program.regions and _totals_place(total):
                    seen[left], seen[right] = ul, ur
                    return [left, right]
        return None

    def _share_apart(
        self, text: str, understand: Callable[[str], Understanding], seen: dict[str, Understanding]
    ) -> list[str] | None:
        """ "angka Bintan per kegiatan beserta totalnya, dan persentasenya terhadap total provinsi", "total penerima
        per kabupaten/kota beserta persentase Kota Batam terhadap total provinsi": a listing of figures (per program
        or per kab/kota) and, joined after it, the share of a kab/kota in the province are two asks, each answered;
        read together the share alone was given (or each program's share within the place, a figure not asked)."""
        if understand(text).intent != Intent.SHARE:
            return None
        at = _SHARE_START.search(text)
        if at is None:
            return None
        left = _TRAILING_JOIN.sub("", text[: at.start()]).strip(" ,;:")
        right = self._closing_cut(text[at.start() :].strip(" ,;:?."), understand)
        if len(left.split()) < 2 or len(right.split()) < 2:
            return None
        ul, ur = understand(left), understand(right)
        listing = ul.intent in FIGURE_INTENTS and ul.intent != Intent.SHARE and (ul.per is not None or ul.recap)
        if not listing or ((ur.programs or ur.group) and ur.named_programs != ul.named_programs):
            return None
        # the share names its whole, the province, or its own kab/kota ("angka Lingga per program beserta
        # persentasenya" asks each program's share within Lingga: one ask)
        if not (ur.province or ur.named_province or ur.regions):
            return None
        # "persentasenya terhadap total provinsi": of the place named, and of the program the listing names
        said = [] if ur.regions or len(ul.regions) != 1 else [ul.regions[0].text]
        said += [] if ur.programs or ur.group else ul.named_programs
        ur = understand(f"{right} {' '.join(said)}") if said else ur
        if ur.intent != Intent.SHARE or len(ur.regions) != 1 or ur.whole_is_region or ur.per is not None:
            return None
        if ur.named_programs != ul.named_programs:
            return None
        seen[right] = ur
        return [left, right]

    def _closing_cut(self, ask: str, understand: Callable[[str], Understanding]) -> str:
        """``ask`` without the sentences after its first that only close the request ("…, sekalian persentasenya dari
        total provinsi. Mohon bantuannya", "… dari seluruh penerima. Mohon dibantu ya, ditunggu.")."""
        first, *after = _SENTENCES.split(ask)
        if after and all(self._closing_only(x, understand) for x in after):
            return first.strip(" ,;:?.")
        return ask

    def _closing_only(self, sentence: str, understand: Callable[[str], Understanding]) -> bool:
        """ "Mohon bantuannya", "Terima kasih banyak": a sentence closing a request that asks nothing of its own (a
        'help_with_request' phrase or thanks, naming no place, program or province)."""
        u = understand(sentence)
        if u.regions or u.programs or u.group or u.province or u.national or u.per:
            return False
        if any(c.isdigit() for c in sentence):
            return False
        helping = any(contains(u.words, p) for p in self.understander.lexicon.help_with_request)
        return helping or u.intent == Intent.THANKS

    @staticmethod
    def _own_after(text: str, join: re.Match[str], understand: Callable[[str], Understanding]) -> bool:
        """After ", sekalian" a question of its own: one naming its own place, program or national program ("PKH cair
        kapan, sekalian brp penerima BSKK di karimun"), not one of what was asked before ("UEP sama BSKK
        tanjungpinang, sekalian totalnya dua itu")."""
        u = understand(text[join.end() :].strip(" ,?"))
        own = u.regions or u.programs or u.group or u.national or u.named_province
        return bool(own) and _BACK_WORDS.isdisjoint(u.words) and _POINTING_BACK.isdisjoint(u.words)

    @staticmethod
    def _requests(text: str, understand: Callable[[str], Understanding]) -> list[str] | None:
        """A polite paragraph (an introduction, a story, thanks) around one or two requests: the sentences that ask
        something clear on their own — figures naming their program or place, how to apply, about the data — when the
        whole is unclear because of the story's words. The salam opening the message is kept."""
        sentences = [x.strip() for x in _SENTENCES.split(text) if x.strip()]
        if len(sentences) < MIN_SENTENCES:
            return None
        asked = []
        for sentence in sentences:
            u = understand(sentence)
            own = u.regions or u.programs or u.group or u.national or u.named_province
            if u.intent in STANDALONE or (u.intent in FIGURE_INTENTS and own):
                asked.append(sentence)
        if not asked or len(asked) > MAX_PARTS:
            return None
        first = sentences[0]
        if understand(text).salam and asked[0] != first:
            asked[0] = f"{first} {asked[0]}" if understand(first).intent in SMALL_TALK else asked[0]
        return asked

    @staticmethod
    def _around_small_talk(text: str, understand: Callable[[str], Understanding]) -> list[str] | None:
        """ "Selamat siang Pak, mohon rekap … per program. Terima kasih.": thanks or a greeting in a sentence of its
        own never replaces the request in the others; the sentences that ask something are answered."""
        sentences = [x.strip() for x in _SENTENCES.split(text) if x.strip()]
        if len(sentences) < 2:
            return None
        asked = [
            x
            for x in sentences
            if understand(x).intent not in SMALL_TALK | {Intent.UNKNOWN, Intent.UNSURE}
            and ("?" in x or not _REQUEST_CUES.isdisjoint(understand(x).words))
        ]  # "Terima kasih. Semoga bansos makin tepat sasaran.": a wish, not a request
        if not asked or len(asked) == len(sentences) or len(asked) > MAX_PARTS:
            return None
        return asked

    @staticmethod
    def _separate_lookups(
        text: str, joins: list[re.Match[str]], understand: Callable[[str], Understanding]
    ) -> list[str] | None:
        """ "PMKS Batam berapa, terus UEP Natuna berapa?": two look-ups, each naming its own program and place, are
        answered one by one (not as a comparison of both programs in both places)."""
        for join in [*reversed(joins), *reversed(list(_COMMAS.finditer(text)))]:  # a joining word before a comma
            left, right = text[: join.start()].strip(" ,"), text[join.end() :].strip(" ,?")
            if not left or not right or _enumerates(left, right, understand):
                continue
            ul, ur = understand(left), understand(right)
            if not (ul.intent in FIGURE_INTENTS and ur.intent in FIGURE_INTENTS):
                continue
            if not (ul.regions and (ul.programs or ul.group) and (ur.programs or ur.group)):
                continue
            programs = (ul.programs, ul.group) != (ur.programs, ur.group)
            if not ur.regions and programs and not ur.outside:
                # "karimun vs bintan mana lebih bnyk pmks, trus selisih bskk nya brp": the second asks another
                # program of the same places (the parts' context gives it the places)
                return [left, right]
            places = {r.code for r in ul.regions} != {r.code for r in ur.regions}
            if ur.regions and places and programs:
                return [left, right]
        return None

    @staticmethod
    def _in_language(part: str, u: Understanding, english: bool | None) -> Understanding:
        """ "angkanya update kapan? real time?": a part of a few words ("real time") is too short to tell a language
        by; it is answered in the message's (``english``). A longer part keeps its own ("berapa KK di Bintan? and
        which region got the most?" answers its English question in English)."""
        short = len(part.split()) <= LANGUAGE_WORDS
        return replace(u, english=english) if english is not None and short and u.english != english else u

    def _several(
        self, parts: list[str], understand: Callable[[str], Understanding], english: bool | None = None
    ) -> Reply:
        """Each question of the message, in order, numbered; past the cap the rest is named, not dropped. With
        ``english`` given, a short part is answered in that language (:meth:`_in_language`)."""
        replies = [
            (p, u if isinstance(u, Reply) else self._one(p, self._in_language(p, u, english)))
            for p, u in self._with_context(parts[:MAX_PARTS], understand)
        ]
        substantive = [(p, r) for p, r in replies if r.intent not in SMALL_TALK] or replies
        if len(substantive) == 1:
            reply = substantive[0][1]
            greeted = any(r.html.startswith(_("Waalaikumsalam.")) for _p, r in replies)
            if substantive is not replies and greeted and not reply.html.startswith(_("Waalaikumsalam.")):
                reply.html = _("Waalaikumsalam.") + "\n\n" + reply.html
            return reply
        # "total kepri brp & tahun brp & sumbernya apa": adjacent parts answered alike are one block, their asks joined
        collapsed: list[tuple[str, Reply]] = []
        for p, r in substantive:
            if collapsed and collapsed[-1][1].html == r.html:
                collapsed[-1] = (f"{collapsed[-1][0]}; {p}", collapsed[-1][1])
            else:
                collapsed.append((p, r))
        if len(collapsed) == 1:
            return collapsed[0][1]
        substantive = collapsed
        shown: set[str] = set()
        blocks = []
        for i, (p, r) in enumerate(substantive, 1):
            blocks.append(f"{bold(f'{i}. {p}')}\n{_without_repeats(r.html, shown)}")
            shown.update(r.html.split("\n"))
        if len(parts) > MAX_PARTS:
            blocks.append(
                _("Pesan Anda berisi {n} pertanyaan; saya menjawab {cap} yang pertama. Kirim sisanya terpisah.").format(
                    n=len(parts), cap=MAX_PARTS
                )
            )
        choices: list[Choice] = []
        for _p, r in substantive:
            choices += [c for c in r.choices if c not in choices]
        return Reply(
            "\n\n".join(blocks),
            choices=choices[:8],
            chart=next((r.chart for _p, r in substantive if r.chart), None),
            understood=all(r.understood for _p, r in substantive),
            intent=Intent.MULTI,
            details={"parts": [r.details for _p, r in substantive]},
        )

    @staticmethod
    def _of_program_before(u: Understanding, before: Understanding) -> bool:
        """A part asking how to apply or how much one recipient gets, naming nothing, after a part that named one
        program by name, and pointing back at it ("-nya", "itu") or asking whether the asker can join ("Ada bantuan
        KUBE kan? Dapat berapa per kelompok dan gimana ngajuinnya?", "… Lingga dapat KUBE berapa? kelompok kami bisa
        ikut?"): of that program. "1) total 2022 2) Batam PMKS 3) cara daftar" asks how to apply at all."""
        if u.programs or u.group or u.regions or u.national or u.outside:
            return False
        if len(before.named_programs) != 1 or not before.program_mentions:
            return False
        points_back = bool(_OWN_BACK.search(u.text)) or "eligibility" in u.aid_notes  # "daftarnya", "bisa ikut?"
        applying = u.intent == Intent.INFO and "apply" in u.info_aspects
        return points_back and (applying or (u.intent == Intent.NOT_HELD and u.not_held == ["money"]))

    def _without_cells(self, programs: list[str]) -> bool:
        """Every program (or group) named is held for the province only, with no kab/kota figure in any year (KUBE):
        a place asked before is never carried into it."""
        held = {p for cells in self.facts.cell_programs.values() for p in cells}
        members = [m for c in programs for m in (self.facts.groups[c].members if c in self.facts.groups else [c])]
        return bool(members) and held.isdisjoint(members)

    @staticmethod
    def _figures_claimed_of_places(u: Understanding) -> bool:
        """A comparison read only from several places, each with a number typed right after it and no word of comparing
        ("batam 23.945, bintan 8.000 kan?"): figures said to be checked, one per place."""
        if u.intent != Intent.COMPARE or len(u.regions) < 2 or not _COMPARING_WORDS.isdisjoint(u.words):
            return False
        numbers = [m.start() for m in re.finditer(r"\d[\d.,]*", u.text)]
        places = sorted(u.regions, key=lambda r: r.start)
        at = [m.start() for r in places if (m := re.search(rf"\b{re.escape(r.text)}\b", u.text, re.IGNORECASE))]
        if len(at) != len(places) or len(numbers) != len(places) or sorted(at) != at:
            return False
        ends = [*at[1:], len(u.text)]
        return all(sum(a < n < b for n in numbers) == 1 for a, b in zip(at, ends, strict=True))

    def _carried_program(
        self, u: Understanding, before: Understanding | None, understand: Callable[[str], Understanding]
    ) -> tuple[Understanding, str] | None:
        """A part that names one kab/kota and nothing else but words of asking on ("lingga brp?", "kalo natuna?", "yg
        bintan?", "how about Natuna") right after a part that asked one program's figure of another kab/kota: that
        program there (read again with it), with the program's short name for the heading; None otherwise."""
        if before is None or u.intent != Intent.FIGURES or before.intent != Intent.FIGURES:
            return None
        if len(u.regions) != 1 or u.programs or u.group or u.outside or u.ambiguous or u.named_province:
            return None
        if len(before.named_programs) != 1 or not before.program_mentions or len(before.regions) != 1:
            return None
        if before.regions[0].code == u.regions[0].code or u.regions[0].sub_code or before.regions[0].sub_code:
            return None
        place = u.regions[0]
        span = set(range(place.start, place.start + len(place.text.split())))
        rest = [w for i, w in enumerate(u.words) if i not in span]
        fillers = self.understander.lexicon.fillers
        if not all(w in _ELLIPSIS_WORDS or w in fillers for w in rest):
            return None
        code = before.named_programs[0]
        inherited = understand(f"{u.text} {code}")
        if inherited.intent != Intent.FIGURES or inherited.named_programs != [code] or len(inherited.regions) != 1:
            return None
        label = self.pname(self.facts.programs[code], short=True) if code in self.facts.programs else self.gname(code)
        return inherited, label

    def _with_context(
        self, parts: list[str], understand: Callable[[str], Understanding]
    ) -> list[tuple[str, Understanding | Reply]]:
        """ "Tanjungpinang: BSKK? PMKS? UEP?" or "Serasan masuk Natuna kan? PMKS disana brp": a part that asks for
        figures without naming a place is about the place the part before it named (never the province total)."""
        out: list[tuple[str, Understanding | Reply]] = []
        lookups: list[tuple[str, list[str] | None]] = []  # the parts before that asked one place's figure
        places: list[str] = []
        named: dict[str, str] = {}  # every kab/kota named so far → how it was named
        programs: list[str] = []
        asked: list[str] = []  # every program named so far, in order
        before: Understanding | None = None
        labels: dict[int, str] = {}  # the parts read with the program of the part before: its short name
        for n, part in enumerate(parts):
            u = understand(part)
            carried = self._carried_program(u, before, understand)
            if carried is not None:
                # "pmks karimun brp? lingga brp?": only a place asked right after one program of a place: that program
                # there, said in the part's heading
                u, labels[n] = carried
            if (
                before is not None
                and u.regions
                and not (u.programs or u.group or before.regions)
                and (before.programs or before.group)
                and before.program_mentions  # named, not read from a livelihood ("saya nelayan, ada bantuan?")
                and u.intent in FIGURE_INTENTS
                and len(u.words) <= _SHORT_FOLLOW_UP
                and not {"yang", "itu", "nya"}.isdisjoint(u.words)
            ):
                # "KUBE 2022 brp KK, trus yg di Batam brp?": the program of the part before, in that place
                named_before = before.named_programs
                inherited = understand(f"{part} {' '.join(named_before)}")
                if inherited.intent in FIGURE_INTENTS:
                    u = inherited
            if (
                before is not None
                and u.asks_why
                and u.regions
                and {r.code for r in u.regions} == {r.code for r in before.regions}
                and not (u.programs or u.group)
                and len(before.programs) == 1
            ):
                # "BSKK di Batam cuma 1288 kk? kok dikit bgt pdhl batam plg besar": why that program is small there
                inherited = understand(f"{part} {before.programs[0]}")
                if inherited.intent in FIGURE_INTENTS:
                    u = inherited
            if (
                before is not None
                and u.intent == Intent.RANKING
                and before.intent == Intent.RANKING
                and (before.programs or before.group or not _DIFFERENCE_ASKED.isdisjoint(u.words))
                and u.rank != before.rank
                and not (u.programs or u.group or u.regions or u.only_kind)
            ):
                # "PMKS terbanyak dimana dan terkecil dimana, selisihnya?": the other end of the same program's order
                # (with the gap between the two ends when it is asked: "daerah terbanyak dan tersedikit, serta
                # selisihnya", of every program)
                said_before = " ".join(before.named_programs)
                both = not _DIFFERENCE_ASKED.isdisjoint(u.words)
                inherited = understand(f"{part} {before.text}" if both else f"{part} {said_before}")
                if inherited.intent == Intent.RANKING:
                    u = inherited
            if (
                before is not None
                and u.per == Per.REGION
                and u.order is None
                and not (u.programs or u.group or u.regions or u.named_province or u.outside or u.only_kind)
                and len(before.named_programs) == 1
                and before.program_mentions
                and not before.regions
            ):
                # "KUBE brp, dan dibagi di kab mana aja", "UEP berapa? sebarannya di kab/kota mana saja": the program
                # just named, per kab/kota (KUBE: said to have no breakdown), never every program ranked
                inherited = understand(f"{part} {before.named_programs[0]}")
                if inherited.per == Per.REGION and inherited.named_programs == before.named_programs:
                    u = inherited
            if before is not None and asked == before.named_programs and self._of_program_before(u, before):
                # "Ada bantuan KUBE kan? Dapat berapa per kelompok dan gimana ngajuinnya?": of the program just named
                inherited = understand(f"{part} {before.named_programs[0]}")
                if inherited.intent == u.intent and inherited.named_programs == before.named_programs:
                    u = inherited
            if (
                u.intent == Intent.COMPARE
                and len(u.regions) == 1
                and places
                and u.regions[0].code not in named
                and not _DIFFERENCE_ASKED.isdisjoint(u.words)
            ):
                # "total batam brp, trus bedanya sm tpi brp": the place of the part before against the one named
                inherited = understand(f"{part} {' '.join(places)}")
                if inherited.intent == Intent.COMPARE and len(inherited.regions) >= 2:
                    u = inherited
            if (
                before is not None
                and u.intent == Intent.INFO
                and "apply" in u.info_aspects
                and not (u.programs or u.group or u.regions or u.national or u.outside)
                and not _REQUEST_VERBS.isdisjoint(u.words)
                and not _DATA_NOUNS.isdisjoint(before.words)
                and (before.intent in FIGURE_INTENTS or before.intent in (Intent.ABOUT_DATA, Intent.ABOUT_BOT))
            ):
                # "Apakah bot ini punya data 2019-2023? Kalau tidak, ke mana saya harus minta?": where to ask for the
                # data the part before asked about, not how to apply for aid
                u = replace(u, intent=Intent.ABOUT_DATA, about=["request"], info_aspects=[])
            if (
                before is not None
                and u.intent == Intent.SHARE
                and len(u.regions) == 1
                and not (u.programs or u.group)
                and len(before.named_programs) == 1
                and not before.regions
                and before.intent in FIGURE_INTENTS
                and _WHOLE_NAMED.isdisjoint(u.words)  # "Batam berapa persen dari total": of every program
            ):
                # "total bskk se kepri brp, trus bintan nyumbang brp persen": Bintan's share of the program whose total
                # the part before asked, not of every program
                inherited = understand(f"{part} {before.named_programs[0]}")
                if inherited.intent == Intent.SHARE and inherited.named_programs == before.named_programs:
                    u = inherited
            if places and u.outside and not u.regions:
                # "batam masuk riau ya? bansosnya dr dinsos riau?": the province ours was part of, said again of the
                # place before — corrected with that place's figures, never "Riau is outside"
                inherited = understand(f"{part} {' '.join(places)}")
                if inherited.wrong_province and not inherited.outside:
                    u = inherited
            before = u
            if u.asks_same and u.intent == Intent.INFO and len(asked) >= 2 and set(u.named_programs) <= set(asked):
                # "total uep brp, kube brp, trus bedanya apa": how the programs asked before differ, never the kab/kota
                # compared (the parts before gave their figures)
                out.append((part, u))
                continue
            figured = len(out) >= 2 and all(
                isinstance(x, Understanding) and x.intent in FIGURE_INTENTS for _p, x in out[-2:]
            )
            explained = len(out) >= 2 and all(isinstance(x, Understanding) and _explains_one(x) for _p, x in out[-2:])
            back = self._refers_back(
                part, u, named, asked, programs, understand, lookups, figured=figured, explained=explained
            )
            if back is not None:
                out.append((part, back))
                continue
            asked += [p for p in u.named_programs if p not in asked]
            if u.regions:
                places = [r.text for r in u.regions]
                named.update((r.code, r.text) for r in u.regions)
                programs = u.programs or programs
            elif places and not (
                (u.named_province and not whole_is_province(u))
                or u.outside
                or u.ambiguous
                or u.regions
                or _over_all(u)
                or (
                    u.named_programs
                    and self._without_cells(u.named_programs)
                    and (len(named) >= 2 or not _SUM_WORDS.isdisjoint(u.words))
                )
            ):
                sums = len(named) >= 2 and not (u.programs or u.group) and bool(_SUM_WORDS & set(u.words))
                # "Serasan masuk Natuna kan? PMKS disana brp": the place pointed at is the one of the part before
                if not (_asks_figures(u) or u.vague_place) and not sums:  # "… Natuna dapat bantuan? Berapa orang?"
                    out.append((part, u))
                    continue
                # "1. PMKS Tpi 2. PMKS Bintan 3. totalnya berapa": the sum of the places asked before
                together = f"{' '.join(programs)} {' dan '.join(named.values())}"
                own = u.named_programs  # what the part named, or was read to name
                context = together if sums else " ".join([*places, *own])
                # a share of the province ("dan persen dr total kepri") keeps the province last, as its whole
                inherited = understand(f"{context} {part}" if whole_is_province(u) else f"{part} {context}")
                if _asks_figures(inherited):
                    u = inherited
            if u.intent in FIGURE_INTENTS and len(u.regions) == 1 and u.regions[0].sub_code is None:
                lookups.append(
                    (
                        u.regions[0].code,
                        [*u.programs] or (list(self.facts.groups[u.group].members) if u.group else None),
                    )
                )
            out.append((part, u))
        if len(out) == len(parts):
            out = [(f"{p} ({labels[n]})" if n in labels else p, x) for n, (p, x) in enumerate(out)]
        return out

    def _refers_back(
        self,
        part: str,
        u: Understanding,
        named: dict[str, str],
        asked: list[str],
        last: list[str],
        understand: Callable[[str], Understanding],
        lookups: list[tuple[str, list[str] | None]],
        *,
        figured: bool = False,
        explained: bool = False,
    ) -> Understanding | Reply | None:
        """ "1. pmks batam 2. uep batam 3. jumlah keduanya", "a) UEP Bintan b) UEP Batam c) selisihnya": a part that
        names nothing and asks a sum, a difference or a share is about what the parts before it named — two programs
        in one place, or one program (or all) in two places. Both at once (PMKS Batam, UEP Bintan) is no one figure:
        the part is left as it is. ``figured``: the two parts before asked figures, so "bedanya apa" after them
        ("PMKS brp? BSKK brp? bedanya apa?") is the difference of those figures, not how the programs differ;
        ``explained``: the two parts before asked what one program each is, so it is how those programs differ."""
        if u.regions or u.outside or u.ambiguous or u.national or _BACK_WORDS.isdisjoint(u.words) or _over_all(u):
            return None
        own = u.named_programs
        if own and self._without_cells(own):
            return None  # "…, sama KUBE totalnya": KUBE is held for the province only, never of the places before
        if (own or u.named_province) and not _POSSESSIVE_BACK.search(part):
            return None  # "totalnya … dari UEP Kepri" still refers back; "total UEP" asks on its own
        if not (named or asked):
            return None
        places, programs = list(named.values()), asked or last
        if len(places) >= 2 and len(programs) >= 2:  # "1. PMKS Batam 2. UEP Bintan 3. jumlahnya": the parts' figures
            return self._of_lookups(u, lookups)
        share = not _SHARE_WORDS.isdisjoint(u.words)
        if len(places) < 2 and len(programs) < 2 and not share:
            return None
        if share and not own and _every_program_whole(u.words):
            programs = []  # "total batam, trus pmks nya, trus persen dr total semua": the place's total, not PMKS's
        context = f"{'' if own else ' dan '.join(programs)} {' dan '.join(places)}".strip()
        inherited = understand(f"{part} {context}")
        if figured and inherited.intent == Intent.INFO and not _DIFFERENCE_WORDS.isdisjoint(u.words):
            inherited = replace(inherited, intent=Intent.COMPARE, info_aspects=[])
        if explained and inherited.intent == Intent.INFO and not _DIFFERENCE_WORDS.isdisjoint(u.words):
            return inherited  # "apa itu PMKS? apa itu BSKK? bedanya apa?": how the two differ
        return inherited if inherited.intent in FIGURE_INTENTS else None

    def _of_lookups(self, u: Understanding, lookups: list[tuple[str, list[str] | None]]) -> Reply | None:
        """The sum (or, of two, the difference) of the figures the parts before asked, each its own program and place;
        a share of figures so unlike is not one number (None: the part is answered as it is)."""
        f = self.facts
        difference = not _DIFFERENCE_WORDS.isdisjoint(u.words)
        if len(lookups) < 2 or (difference and len(lookups) != 2):
            return None
        if not _SHARE_WORDS.isdisjoint(u.words):
            return Reply(
                _(
                    "Persentase dari angka yang mana? Bagian sebelumnya menanyakan program dan wilayah yang berbeda; "
                    "sebutkan satu, misalnya “persentase PMKS Batam”."
                ),
                intent=Intent.UNSURE,
                understood=False,
            )
        year = self._year(u.year)
        rows, values, codes = [], [], []
        for code, programs in lookups:
            value = f.region_total(year, code, programs)
            if value is None:
                return None
            label = (
                " + ".join(self.pname(f.programs[p], short=True) for p in programs) if programs else _("semua program")
            )
            rows.append(
                "• "
                + _("{program} di {region}: {value}").format(
                    program=esc(label), region=esc(f.regions[code].name), value=self.kk(value)
                )
            )
            values.append(value)
            codes += programs or []
        if difference:
            head = _("Selisih angka-angka di atas, tahun {year}: {value}").format(
                year=year, value=bold(self.kk(abs(values[0] - values[1])))
            )
        else:
            head = _("Jumlah angka-angka di atas, tahun {year}: {value}").format(
                year=year, value=bold(self.kk(sum(values)))
            )
        html = "\n".join([head, *rows, self.source_line(year, sorted(set(codes)) or None)])
        return Reply(html, intent=Intent.ARITHMETIC)

    def _chart_button(self, reply: Reply) -> Reply:
        """A reply that has a chart offers it as a button; the chart itself is sent when asked for."""
        if reply.chart is not None and reply.intent != Intent.CHART:
            action = Action(Kind.CHART, program=reply.chart.program, year=reply.chart.year).encode()
            if all(c.action != action for c in reply.choices):
                reply.choices.append(Choice(_("📊 Grafik"), action))
        return reply

    def chart(self, program: str | None, year: int | None) -> Reply:
        """The chart of households per kab/kota (one program or all), with its caption and source; or why not."""
        return chart_reply(self, ChartRequest(self._year(year), program))

    def _about_bot_with_recap(self, u: Understanding) -> Reply:
        """ "Saya butuh angka penerima per kabupaten/kota tahun 2022 dan sumbernya untuk dikutip": the figures asked
        per kab/kota first, then how to cite them — never only the citation note. Asked per kab/kota and per program
        ("data lengkap … per kab/kota dan per kegiatan, sekalian sumbernya biar bisa saya kutip"): the recap table."""
        reply = self.about_bot(u)
        asked = "quote" in u.about_bot and u.per in (Per.REGION, Per.EACH)
        if (
            asked
            and not (u.regions or u.programs or u.group or u.not_held)
            and {"request_data", "recap"} & self.understander.intent_hits(u.words)  # "minta tabel per kab/kota …"
        ):
            if u.per == Per.EACH:
                listing = self.ranking(replace(u, intent=Intent.RANKING, recap=True, about_bot=[]))
            else:
                listing = self.region_list(u.year)
            reply.html = listing.html + "\n\n" + reply.html
            reply.choices = listing.choices
        elif (
            "quote" in u.about_bot
            and (u.programs or u.group or u.regions)
            and not (u.not_held or u.national or u.outside)
            and "request_data" in self.understander.intent_hits(u.words)
        ):
            # "butuh angka penerima PMKS 2022 se-provinsi beserta sumbernya agar bisa dikutip": the figure asked
            # first, then how to cite it — never only the citation note
            figure = self.respond(replace(u, intent=Intent.FIGURES, about_bot=[], about=[]))
            if figure.understood and figure.intent in _STATED_FIGURES:
                reply.html = figure.html + "\n\n" + reply.html
                reply.choices = figure.choices
        return reply

    def _compare_places_noted(self, u: Understanding) -> Reply:
        """ "PMKS Lingga dan Sekupang dan Batu Aji": kab/kota compared, each kecamatan or desa named said to be
        answered with its kab/kota's figures (all of them, when several of one kab/kota are named)."""
        reply = self.compare(u)
        subs = sorted((r for r in u.regions if r.sub_code), key=lambda r: r.start)
        if len(u.regions) < 2 or not subs or "📍" in reply.html:
            return reply
        notes = []
        for r in subs:
            kab = self.facts.regions[r.code]
            if r.also:
                notes.append(self.sub_regions_note([(r.sub_code or "", r.text), *r.also], kab))
            else:
                notes.append(self.sub_region_note(r.sub_code or "", kab, r.text))
        reply.html = "\n".join(notes) + "\n\n" + reply.html
        return reply

    def respond(self, u: Understanding) -> Reply:
        handlers: dict[Intent, Callable[[Understanding], Reply]] = {
            Intent.FIGURES: self.figures,
            Intent.RANKING: self.ranking,
            Intent.RANK_PROGRAMS: self.rank_programs,
            Intent.COMPARE: self._compare_places_noted,
            # "bintan lebih banyak berapa persen dari tanjungpinang": how much more, as a percentage, never the shares
            Intent.SHARE: lambda u: self.percent_more(u) if relative_asked(u) else self.share(u),
            Intent.ARITHMETIC: self.arithmetic,
            Intent.TREND: self.trend_of,
            Intent.INFO: self.info,
            Intent.LIST_PROGRAMS: lambda u: self.program_list(u.year),
            Intent.LIST_REGIONS: lambda u: self.region_list(u.year),
            Intent.PERSONAL: self.personal,
            Intent.OUTSIDE: self.outside,
            Intent.AMBIGUOUS: self.ambiguous,
            Intent.NATIONAL: lambda u: self.term_beside_national(u) or self.national(u),
            Intent.OUT_OF_SCOPE: self.out_of_scope,
            Intent.NOT_HELD: self.not_held,
            Intent.NOT_PERSON: self.not_person,
            Intent.ABOUT_DATA: self.about_data,
            Intent.ABOUT_BOT: self._about_bot_with_recap,
            Intent.UNSURE: self.unsure,
            Intent.SAME_NAME: self.same_name,
            Intent.GREETING: lambda u: self.greeting(),
            Intent.THANKS: lambda u: self.thanks(),
            Intent.HELP: lambda u: self.help(),
            Intent.SCENARIO: self.scenario,
        }
        # "46,686 itu 46 koma berapa?", "di berita tulisannya 58,849, itu 58 ribu atau 58 koma?": no topic but that
        if u.comma_number and (
            u.intent in (Intent.UNKNOWN, Intent.UNSURE)
            or (u.intent == Intent.OUT_OF_SCOPE and not u.topic)
            # "58,849 KK itu maksudnya 58 koma sekian?": "maksudnya" asks what the number means, no program's aim
            or (u.intent == Intent.INFO and not (u.programs or u.group) and set(u.info_aspects) <= {"what"})
            # "di berita tulisnya 58,849 tp bot nulis 58.849, beda?": the two ways of writing it, nothing to compare
            or (u.intent == Intent.COMPARE and not (u.regions or u.programs or u.group))
        ):
            return Reply(self._unit_note(u), intent=Intent.ABOUT_DATA)
        added = typed_sum(self, u)  # "jumlahin 11.638 + 46.686 + 465 + 60, pas gak sama 58.849?"
        if added is not None:
            return added
        filtered = filtered_places(self, u)  # "daerah dengan penerima di atas 7.000", "kab/kota yg di bawah 5 rb"
        if filtered is not None:
            return filtered
        summed = kabkota_sum_check(self, u)  # "klo dijumlah semua kab/kota hasilnya 58.849 gak?"
        if summed is not None:
            return summed
        if _asks_latest_figures(u):  # "data terbaru brp?": the latest year's figures, and that none is newer
            return self._latest_figures(u)
        rounded = rounded_and_exact(self, u)  # "knp judul beritanya 58 ribu tp angkanya 58.849": one figure, rounded
        if rounded is not None:
            return rounded
        near = figures_near(self, u)  # "angka yg 4 ribuan itu punya daerah mana", "angka 4.470 itu apa"
        if near is not None:
            return near
        said_ranked = self.program_said_ranked(u)  # "Program KUBE kan paling banyak penerimanya": the programs' order
        if said_ranked is not None:
            return said_ranked
        against_rest = rest_against_left_out(self, u)  # "kab/kota selain Batam digabung, masih kalah dr Batam?"
        if against_rest is not None:
            return against_rest
        if _of_cells(u) and self._missing_year(u.year) is None:  # "BSKK Bintan & PMKS Karimun, mana lbh bnyk"
            return self.cells(u)
        handler = handlers.get(u.intent)
        if handler is None and self._vague_data(u):  # "data", "datanya dong": which data, asked back
            return self.which_data()
        if handler is None:
            return self.not_understood()
        if u.intent == Intent.UNSURE and not u.vague and u.year is not None and not u.rare:
            missing = self._missing_year(u.year)
            if missing is not None:  # "sebelum pandemi, 2019, berapa?": whatever else it means, 2019 is not held
                return missing
        against = self._against_number(u)  # "bskk kurang brp dari 12 ribu?", "Batam lebih dari 20.000 KK ya?"
        if against is not None:
            return against
        other = self._total_said_other(u)  # "knp total penerima cuma 46.686 KK?": PMKS's figure, said as the total
        if other is not None:
            return other
        claimed = confirm_claims(self, u)  # "Batam 23.945 ya?", "PMKS 46 ribu kan?", "UEP 465 dan KUBE 60 betul?"
        if claimed is None and self._figures_claimed_of_places(u):
            # "batam 23.945, bintan 8.000 kan?": figures said of several places, each checked (not a comparison)
            claimed = confirm_claims(self, replace(u, intent=Intent.FIGURES))
        if claimed is not None:
            return self._people_noted(u, claimed)
        part = quoted_part(self, u)  # "batam gak mungkin cuma 1288": Batam's BSKK, not Batam's total
        if part is not None:
            return part
        checks = "mismatch" in u.about or _asks_sum_check(u.words)
        same = u.asks_same and bool(u.national)  # "PKH beda gak sama PMKS?": two programs, no sum to check
        if checks and (u.programs or u.group) and not (u.regions or same) and self._missing_year(u.year) is None:
            return self._sum_check(u)  # "jumlahkan bskk semua kab kota, cocok ga sama totalnya?"
        if (
            u.intent == Intent.OUT_OF_SCOPE
            and u.topic_when
            and u.year
            and not u.counts_other
            and _FIGURE_WORDS & set(u.words)
        ):
            missing = self._missing_year(u.year)  # "angka 2020 waktu covid dulu brp?": the year asks, covid says when
            if missing is not None:
                return missing
        if u.intent == Intent.TREND and len(u.years) >= 2 and not any(self.facts.has_year(y) for y in u.years):
            missing = self._missing_year(u.years[0])  # "tren 2019 sampai 2021": no year asked is held
            if missing is not None:
                return missing
        if u.intent in FIGURE_INTENTS and u.intent != Intent.TREND:
            asked: list[int | None] = [*u.years] or [u.year]  # "2022 dan 2023": each year named must have data
            for year in asked:
                missing = self._missing_year(year)
                if missing is not None:
                    instead = self._latest_instead(u, year) if year is not None else None
                    return instead or self._quoted_year_of(u, missing)
        if (
            u.persons_per_kk
            and ("persons" in u.not_held or u.unit_claim == "persons")
            and u.intent in FIGURE_INTENTS | {Intent.NOT_HELD}
            and not (u.excluded or u.excluded_programs or u.group or u.scenario or u.ambiguous)
            and self._missing_year(u.year) is None
        ):
            return self.persons_estimate(u, u.persons_per_kk)  # "andai 1 KK rata2 4 orang, brp jiwa yg terbantu"
        persons = (
            self._persons_of(u)
            if u.not_held == ["persons"] and u.intent in FIGURE_INTENTS | {Intent.NOT_HELD}
            else None
        )
        if persons is not None:
            # "berapa jiwa (bukan KK) penerima PMKS di Tanjungpinang": say there is no count of persons, give the KK
            u, shown = persons
            note = _("Tidak ada jumlah jiwa atau orang dalam data ini; angkanya dihitung per KK (keluarga penerima):")
            note = shown + "\n" + note if shown else note
            parts = self._direct_read(u) or self._part_asked(u)
            note = "ℹ️ " + parts + "\n" + note if parts else note  # "asuransi kesejahteraan sosial … brp orang"
            if self._missing_year(u.year) is None:
                # "PMKS Karimun sama Natuna brp orang": a comparison or sum is answered as one, for every place named
                figures = handler(u) if u.intent in FIGURE_INTENTS else self.figures(u)
                figures.html = note + "\n" + figures.html
                return figures
            if u.year is not None:  # "berapa orang di Lingga yang dapat tahun lalu": the latest year's KK, labelled
                instead = self._latest_instead(replace(u, intent=Intent.FIGURES, not_held=[]), u.year)
                if instead is not None:
                    missing_note, _sep, rest = instead.html.partition("\n")
                    instead.html = missing_note + "\n" + note + "\n" + rest
                    return instead
        reply = handler(u)
        reply.intent = reply.intent or u.intent
        joined = not {"dan", "sama", "and", "serta"}.isdisjoint(u.words) or "&" in u.text  # "PKH & UEP Bintan"
        listed = joined and {"juga", "yang", "also"}.isdisjoint(u.words)
        ours_asked = not _NUMBER_WORDS.isdisjoint(u.words) or self._ours_asked_beside(u)
        ours_place = bool(u.regions) and not (u.programs or u.group) and self._ours_asked_beside(u)
        if u.intent == Intent.NATIONAL and (u.programs or u.group or ours_place) and listed and ours_asked:
            # "PKH dan PMKS berapa di Batam", "mau tanya PKH sm data UEP karimun": the national program said not held,
            # our program named beside it still answered (a program named alone is asked its figures: "tanya KUBE")
            ours = self.figures(replace(u, intent=Intent.FIGURES, national=[]))
            if ours.understood and ours.intent not in (Intent.UNKNOWN, Intent.UNSURE, Intent.YEAR_MISSING):
                reply.html += "\n\n" + ours.html
        if u.intent == Intent.NATIONAL:  # "PKH di batam 22.465 kk ya?": that number is a figure of ours, said so
            reply.html += self._ours_quoted(u, reply.html)
        if u.kind_also:  # "kabupaten mana paling banyak": every kab/kota, and the kabupaten alone
            kind_reading(reply, u, handler)
        if u.outside and u.intent in FIGURE_INTENTS:  # "PMKS Natuna dan Medan berapa?": no part left unanswered
            reply.html += "\n" + _(
                "ℹ️ {places} berada di luar cakupan Tanya Bansos (hanya {coverage}), jadi angkanya tidak ada di sini."
            ).format(places=esc(", ".join(u.outside)), coverage=esc(self.coverage()))
        two_places = not PLACE_JOINS.isdisjoint(u.words)  # "Lingga, Sumatera Utara" is one place, not two
        if (
            reply.intent == Intent.OUTSIDE
            and u.regions
            and two_places
            and not u.ambiguous
            and self._missing_year(u.year) is None
        ):
            # "bandingkan Batam dengan Medan": the kab/kota we hold is answered too, the other said to be outside
            inside = self.figures(replace(u, intent=Intent.FIGURES, outside=[]))
            if inside.intent in (None, Intent.FIGURES, Intent.REGION, Intent.PROGRAM_REGION):
                reply.html += "\n\n" + inside.html
        parts = (self._direct_read(u) or self._part_asked(u)) if u.intent in FIGURE_INTENTS else ""
        if parts:  # "asuransi kesejahteraan sosial lingga berapa": one part of a program the source does not split
            reply.html = "ℹ️ " + parts + "\n" + reply.html
        wrong = self._wrong_province_note(u)
        if wrong:  # "anambas itu masuk provinsi riau kan?": corrected before its figures
            reply.html = "ℹ️ " + wrong + "\n" + reply.html
        if u.of_population:  # "brp persen warga Natuna yg dapat UEP": no population, so another share, said so
            reply.html = (
                "ℹ️ "
                + _(
                    "Jumlah penduduk atau seluruh keluarga di wilayah itu tidak ada dalam data ini, jadi persentase "
                    "warga yang menerima bantuan tidak bisa dihitung. Yang bisa dihitung:"
                )
                + "\n"
                + reply.html
            )
        gaps = self._gaps_note(u)
        if gaps:  # "kok BSKK per daerah ga ada natuna anambas, lengkap gak?": what the source lists, and what not
            reply.html = gaps + "\n" + _("Angkanya:") + "\n" + reply.html
        elif u.asks_why and u.intent in FIGURE_INTENTS:  # "kenapa Batam paling banyak?": the figures hold no reason
            note = _(
                "Data ini hanya mencatat jumlah penerima; sumbernya tidak menyebut alasan di balik angka itu. Untuk "
                "penjelasannya, tanyakan ke Dinas Sosial Provinsi {province}. Angkanya:"
            ).format(province=esc(self.provinces_name()))
            mix = self._program_mix(u)
            reply.html = note + "\n" + (mix + "\n" if mix else "") + reply.html
        if u.intent in FIGURE_INTENTS and (u.unit_claim or u.comma_number):  # the premise corrected first
            reply.html = self._unit_note(u) + "\n" + reply.html
        span = _YEARS_SPAN.search(u.text.lower())
        held = self.facts.years
        if span and u.intent in FIGURE_INTENTS and u.intent != Intent.TREND and u.year is None and held:
            n = _SPAN_NUMBERS.get(span.group(1) or span.group(2), 0) or int(span.group(1) or span.group(2))
            if n > len(held):  # "total 5 tahun terakhir brp": only the years held, said before their figures
                reply.html = (
                    "ℹ️ "
                    + _(
                        "Tanya Bansos hanya memegang angka tahun {years}, jadi angka {n} tahun tidak bisa dihitung. "
                        "Angka tahun {last}:"
                    ).format(years=esc(", ".join(str(y) for y in held)), n=n, last=held[-1])
                    + "\n"
                    + reply.html
                )
        return reply

    def _gaps_note(self, u: Understanding) -> str:
        """ "kok BSKK per daerah ga ada natuna anambas, datanya lengkap gak sih", "kenapa UEP anambas kosong": a
        program the source gives no figure for in a kab/kota asked (every kab/kota when none is named), asked why or
        whether the data is complete. For each such program: the kab/kota the source lists it for, whether their
        figures add up to the program's total (then nothing of the total is missing; else the rest is reported for the
        province only), the kab/kota not listed, and that the source says not why — never a 0 or a reason made up.
        "" when no figure asked is missing or the question asks neither."""
        f = self.facts
        words = u.words
        year = self._year(u.year)
        # "total bskk untuk natuna dan anambas berapa?": a sum of figures none of which the source gives (a program it
        # lists for other kab/kota)
        unlisted = [
            f.cell(year, p, r.code) is None and any(f.cell(year, p, k.code) for k in f.kabkota)
            for p in u.programs
            for r in u.regions
        ]
        unlisted_sum = bool(unlisted) and all(unlisted) and not _SUM_WORDS.isdisjoint(words)
        asked = u.intent in _GAP_INTENTS or (u.intent == Intent.ARITHMETIC and unlisted_sum)
        if not asked or u.excluded_programs or u.excluded or not _CONDITIONALS.isdisjoint(words):
            return ""  # "total tanpa KUBE krn gak ada rinciannya", "kalo gak ada, yg 2022 aja": no gap asked about
        if "personal.first_person" in self.understander.intent_hits(words) and not u.asks_why:
            return ""  # "kelompok kami tidak dapat. Berapa KUBE di Lingga?": the asker's story
        negations = self.understander.lexicon.exists.get("negations", frozenset())
        said_gap = any(
            (a in negations and b in _GAP_AFTER_NEGATION) or (b == "lengkap" and a in negations | _COMPLETE_BEFORE)
            for a, b in pairwise(["", *words])
        )
        said_gap = said_gap or any(
            a == "lengkap" and b in negations | _COMPLETE_AFTER for a, b in pairwise([*words, "?"])
        )
        said_gap = said_gap or not _GAP_WORDS.isdisjoint(words)
        # "natuna bskk nya 0 ya brarti?", "kan tinggal 11.638 dikurangi yg tercantum", "BSKK natuna 11.638 KK kan?": a
        # zero, what is left of the total, or the program's total itself said of a kab/kota the source does not list
        named_totals = {f.program_total(year, p) for p in u.programs}
        said_gap = said_gap or unlisted_sum
        said_gap = said_gap or (
            bool(u.regions and (u.programs or u.group))
            and (not _REST_WORDS.isdisjoint(words) or bool(named_totals & set(typed_figures(u.text))))
        )
        said_gap = said_gap or (bool(u.programs or u.group) and not _INCLUDE_WORDS.isdisjoint(words))
        if not (said_gap or (u.asks_why and u.regions and (u.programs or u.group))):
            return ""
        if self._missing_year(u.year) is not None or any(r.sub_code for r in u.regions):
            return ""
        named = list(f.groups[u.group].members) if u.group else list(u.programs)
        places = [f.regions[r.code] for r in u.regions if r.code in f.regions and f.regions[r.code].level == 2]
        return self.program_gaps(self._year(u.year), named, places or ([] if u.regions else list(f.kabkota)))

    def _ours_quoted(self, u: Understanding, said: str) -> str:
        """A number quoted with a national program that is one of our own figures: which one, so that it is not
        taken for the national program's ("PKH di batam 22.465 kk ya?": 22.465 is PMKS in Batam)."""
        year = self._year(None)
        # figures of three digits or more only ("PKH tahap 2", "BLT 3 bulan" quote none); "apakah 58.849 itu termasuk
        # PKH?" already says what it is
        typed = [n for n in dict.fromkeys(typed_figures(u.text)) if fmt_int(n) not in said]
        lines = [note for note in (figure_named(self, year, n) for n in typed) if note]
        return "\n\n" + "\n".join(lines) if lines else ""

    def _program_mix(self, u: Understanding) -> str:
        """ "BSKK Batam kok dikit padahal Batam paling besar": one program asked of one kab/kota whose aid is mostly
        another program — that kab/kota's mix, said plainly (each kab/kota's mix differs; the source says not why)."""
        f = self.facts
        if len(u.regions) != 1 or len(u.programs) != 1 or u.regions[0].code not in f.regions:
            return ""
        if _FEW_WORDS.isdisjoint(u.words):  # only when the figure is said to be small ("kok dikit", "cuma")
            return ""
        year, kab = self._year(u.year), f.regions[u.regions[0].code]
        cells = [(p, f.cell(year, p.code, kab.code)) for p in f.program_list]
        held = [(p, v) for p, v in cells if v]
        total = f.region_total(year, kab.code)
        if not held or not total or not f.cell(year, u.programs[0], kab.code):
            return ""
        top, most = max(held, key=lambda pv: pv[1] or 0)
        if top.code == u.programs[0] or most >= total:
            return ""
        return _(
            "Bantuan {place} sebagian besar berupa {top}: {most} dari {total}. Komposisi program tiap kab/kota berbeda."
        ).format(place=esc(kab.name), top=esc(self.pname(top, short=True)), most=self.kk(most), total=self.kk(total))

    def _against_number(self, u: Understanding) -> Reply | None:
        """ "bskk kurang brp dari 12 ribu?", "Batam lebih dari 20.000 KK ya?": one figure (a program, a kab/kota, or
        both) set against a number the user typed, with the difference and the yes or no asked. Not a what-if, an
        amount of money, a filter over kab/kota ("mana yang lebih dari 5.000"), or a unit or sum quoted."""
        f = self.facts
        if u.intent not in (Intent.FIGURES, Intent.INFO, Intent.COMPARE) or u.unit_claim or u.comma_number:
            return None
        if u.asks_why:  # "Kenapa Batam lebih dari 20 ribu?": a reason asked, which the figures do not hold
            return None
        words = set(u.words)
        if not (_MORE_LESS & words) or words & _NOT_AGAINST or u.not_held or u.about or u.excluded:
            return None
        if len(u.regions) > 1 or len(u.programs) > 1 or (u.regions and u.regions[0].sub_code):
            return None
        if not (u.regions or u.programs or u.group or u.named_province or "total" in words):
            return None
        numbers = [
            m for m in _TYPED_NUMBER.finditer(ATTACHMENT_NOTE.sub("", u.text)) if not _YEAR_ONLY.fullmatch(m.group(0))
        ]
        if len(numbers) != 1 or self._missing_year(u.year) is not None:
            return None
        m = numbers[0]
        typed = int(m.group(1).replace(".", "").replace(",", "")) * _MAGNITUDE.get((m.group(2) or "").lower(), 1)
        before = u.text[: m.start()].lower().split()[-3:]
        if not ((_MORE_LESS | {"than"}) & set(before)):
            return None  # the number must be what is compared with ("lebih dari 20.000")
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        region = f.regions[u.regions[0].code] if u.regions else None
        if region is not None:
            value = f.region_total(year, region.code, programs)
            where = region.name
        else:
            totals = [f.program_total(year, p) for p in programs] if programs else [f.province_total(year)]
            value = None if None in totals else sum(t or 0 for t in totals)
            where = self.provinces_name()
        if value is None or typed <= 0:
            return None
        lines = [
            _("{where}, {subject}, tahun {year}: {value}").format(
                subject=esc(subject), where=esc(where), year=year, value=bold(self.kk(value))
            )
        ]
        if value == typed:
            lines.append(_("Sama persis dengan {number}.").format(number=fmt_int(typed)))
        else:
            text = (
                _("Itu {diff} lebih banyak dari {number}.")
                if value > typed
                else _("Itu {diff} lebih sedikit dari {number}.")
            )
            answer = text.format(diff=bold(self.kk(abs(value - typed))), number=fmt_int(typed))
            asks_more = bool({"lebih", "more"} & set(before)) and not _LESS & set(before)
            asks_less = bool(_LESS & set(before))
            if asks_more != asks_less and not {"berapa"} & words:
                answer = (_("Ya.") if (value > typed) == asks_more else _("Tidak.")) + " " + answer
            lines.append(answer)
        note = self.unallocated_note(year) if region is not None and not programs else ""
        if note:  # a kab/kota's total leaves out what is reported for the province only (KUBE)
            lines.append(note)
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def _sum_check(self, u: Understanding) -> Reply:
        """ "tolong jumlahkan bskk semua kab kota, cocok ga sama totalnya?": each program's kab/kota figures added up,
        against the total reported for it; a difference is the part reported without a kab/kota breakdown."""
        f = self.facts
        year = self._year(u.year)
        codes = list(f.groups[u.group].members) if u.group else list(u.programs)
        if len(u.programs) >= 2 and not u.group and _PER_REGION_WORDS.isdisjoint(u.words):
            return self._programs_sum_check(u, year)
        lines = []
        for code in codes:
            name = self.pname(f.programs[code], short=True)
            present = [v for v in (f.cell(year, code, k.code) for k in f.kabkota) if v is not None]
            added = sum(present)
            total = f.program_total(year, code)
            if not present:  # KUBE: reported for the province only
                lines.append(
                    _(
                        "{program}, tahun {year}: tidak ada rincian per kab/kota; {total} dilaporkan untuk seluruh "
                        "provinsi."
                    ).format(program=bold(name), year=year, total=self.kk(total))
                )
                continue
            lines.append(
                _("{program}, tahun {year}: jumlah per kab/kota {parts} = {sum}").format(
                    program=bold(name),
                    year=year,
                    parts=" + ".join(fmt_int(v) for v in present) or "0",
                    sum=bold(self.kk(added)),
                )
            )
            if total == added:
                lines.append(_("Cocok dengan total yang dilaporkan: {total}.").format(total=self.kk(total)))
            elif total is not None:
                lines.append(
                    _(
                        "Total yang dilaporkan {total}; selisih {diff} dilaporkan untuk seluruh provinsi tanpa rincian "
                        "per kab/kota."
                    ).format(total=self.kk(total), diff=self.kk(total - added))
                )
        lines.append(self.source_line(year, codes))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def _programs_sum_check(self, u: Understanding, year: int) -> Reply:
        """ "BSKK + PMKS + UEP + KUBE totalnya brp? sama gak ama total resmi": the programs named added up, against
        the province's reported total of every program (not each program's kab/kota figures); a difference is the
        programs not named."""
        f = self.facts
        values = [(code, f.program_total(year, code)) for code in u.programs]
        whole = f.province_total(year)
        if whole is None or any(v is None for _c, v in values):
            return self.province_summary(year)
        added = sum(v or 0 for _c, v in values)
        lines = [
            _("{programs}, tahun {year}: {parts} = {sum}").format(
                programs=esc(" + ".join(self.pname(f.programs[c], short=True) for c, _v in values)),
                year=year,
                parts=" + ".join(fmt_int(v or 0) for _c, v in values),
                sum=bold(self.kk(added)),
            )
        ]
        province = esc(self.provinces_name())
        if added == whole:
            lines.append(
                _("Sama dengan total resmi yang dilaporkan untuk {province}: {total}.").format(
                    province=province, total=self.kk(whole)
                )
            )
        else:
            others = [self.pname(p, short=True) for p in f.program_list if p.code not in u.programs]
            text = (
                _("Total resmi yang dilaporkan untuk {province}: {total}; selisih {diff} adalah {others}.")
                if others and added < whole
                else _("Total resmi yang dilaporkan untuk {province}: {total}; selisihnya {diff}.")
            )
            lines.append(
                text.format(
                    province=province,
                    total=self.kk(whole),
                    diff=self.kk(abs(whole - added)),
                    others=esc(self._and_list(others)),
                )
            )
        lines.append(self.source_line(year, list(u.programs)))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def _latest_figures(self, u: Understanding) -> Reply:
        """The province's figures of the latest year held, said to be the newest in the bot."""
        year = self._year(None)
        reply = self.province_summary(year)
        reply.html = "\n".join(
            [
                _("Data terbaru di Tanya Bansos adalah data tahun {year}:").format(year=year),
                reply.html,
                _("Belum ada data tahun yang lebih baru di bot ini; bot diperbarui saat Dinsos merilis angka baru."),
            ]
        )
        return reply

    def _direct_read(self, u: Understanding) -> str:
        """ "brp yg dapet bantuan langsung": which programs were read as the direct aid, and which were not."""
        f = self.facts
        direct = [c for c in self.understander.lexicon.direct_programs if c in f.programs]
        if not u.direct_aid or not direct or not set(direct) <= set(u.programs):
            return ""
        if sorted(u.programs) != sorted(direct):  # "bantuan langsung dan UEP mana lebih banyak": UEP is named too
            return _("“Bantuan langsung” saya baca sebagai {direct}.").format(
                direct=esc(self._and_list([self.pname(f.programs[c], short=True) for c in direct]))
            )
        others = [p for p in f.program_list if p.code not in direct]
        return _(
            "“Bantuan langsung” saya baca sebagai {direct}; {others} adalah bantuan modal usaha, tidak dihitung "
            "di sini."
        ).format(
            direct=esc(self._and_list([self.pname(f.programs[c], short=True) for c in direct])),
            others=esc(self._and_list([self.pname(p, short=True) for p in others])),
        )

    def _part_asked(self, u: Understanding) -> str:
        """A program described as "berupa A dan/atau B" (PMKS: bantuan langsung berkelanjutan dan/atau asuransi
        kesejahteraan sosial) asked by one part's own words: the figure counts both, which the source does not split."""
        for code in u.programs:
            program = self.facts.programs.get(code)
            texts = program.texts.get("id", {}) if program else {}
            m = _PARTS.search(texts.get("what", ""))
            if not m or program is None:
                continue
            # a part's own words, not those of the program's name ("jaminan kesejahteraan sosial") nor "bantuan"
            named = set(program.name.lower().split())
            a, b = (set(m.group(i).lower().split()) - named - {"bantuan"} for i in (1, 2))
            if (a - b) & set(u.words) or (b - a) & set(u.words):
                return _("Sumber tidak memisahkan {a} dan {b}: angka {program} mencakup keduanya.").format(
                    a=esc(m.group(1)), b=esc(m.group(2)), program=esc(self.pname(program, short=True))
                )
        return ""

    def _quoted_year_of(self, u: Understanding, missing: Reply) -> Reply:
        """ "data tahun 2023: 58.849 KK, bener?": a figure quoted for a year not held, that is a figure of a year
        held — said to be that year's."""
        f = self.facts
        quoted = separated_figures(u.text)
        for year in reversed(f.years):
            figures = {f.province_total(year)} | {f.program_total(year, p.code) for p in f.program_list}
            figures |= {f.region_total(year, k.code) for k in f.kabkota}
            found = sorted(q for q in quoted if q in figures)
            if found:
                missing.html += "\n" + _("{figure} adalah angka tahun {year}.").format(
                    figure=esc(self.kk(found[0])), year=year
                )
                return missing
        return missing

    def _latest_instead(self, u: Understanding, year: int) -> Reply | None:
        """ "Karimun dapat BSKK berapa KK tahun lalu?", "UEP Batam 2023 brp": a figure asked for a year the data does
        not hold is said not to be held, then given for the latest year held, labelled with that year. Not for a
        year still to come (a figure then reads as a forecast), nor for "data 2023 ada?", which asks no figure."""
        f = self.facts
        held = [y for y in u.years if f.has_year(y)]
        latest = held[-1] if held else f.current_year
        if latest is None or year > to_local(datetime.now(UTC)).year or not _PLAN_WORDS.isdisjoint(u.words):
            return None  # "target 2025 berapa KK": a plan is no count of recipients, the latest count answers nothing
        named = bool(u.regions or u.programs or u.group or u.named_province or u.only_kind or u.excluded)
        named = named or quotes_a_figure(u.words)  # "kata berita 58 ribu KK itu tahun 2023 ya?": that figure's year
        if not (named or not _FIGURE_WORDS.isdisjoint(u.words) or u.intent != Intent.FIGURES):
            return None
        reply = self.respond(replace(u, year=latest, years=[latest]))
        if reply.intent == Intent.YEAR_MISSING or not reply.understood:
            return None
        note = _("Maaf, belum ada data untuk tahun {year}. Data terbaru yang tersedia, tahun {latest}:").format(
            year=esc(year), latest=esc(latest)
        )
        confirmed, close = _("Ya, benar."), _("Ya, kira-kira.")
        if reply.html.startswith(confirmed):  # "tahun 2023 bantu 58.849 KK kan?": right figure, wrong year
            reply.html = (
                _("Angka itu benar untuk tahun {latest}, bukan tahun {year}.").format(latest=latest, year=year)
                + reply.html[len(confirmed) :]
            )
        elif reply.html.startswith(close):  # "58 ribu KK itu tahun 2023 ya?": about right, for another year
            reply.html = (
                _("Angka itu kira-kira benar untuk tahun {latest}, bukan tahun {year}.").format(
                    latest=latest, year=year
                )
                + reply.html[len(close) :]
            )
        reply.html = note + "\n" + reply.html
        return reply

    def answer_action(self, data: str | Action) -> Reply:
        """The reply to a button; a forged or stale one gets a polite answer."""
        action = parse_action(data) if isinstance(data, str) else data
        reply = self._action(action) if action else None
        if reply is not None:
            return self._chart_button(reply)
        if reply is None:
            return Reply(
                _("Maaf, tombol itu sudah tidak berlaku. Silakan ketik pertanyaan Anda."),
                understood=False,
                intent=Intent.STALE_BUTTON,
            )
        return reply

    def _action(self, a: Action) -> Reply | None:
        f = self.facts
        if a.year is not None and not f.has_year(a.year):
            return self._missing_year(a.year)
        if a.kind is Kind.ASK and a.text:
            return self.answer(a.text)
        if a.kind is Kind.LIST_PROGRAMS:
            return self.program_list(None)
        if a.kind is Kind.LIST_REGIONS:
            return self.region_list(None, a.page or 1)
        if a.kind in (Kind.RANKING, Kind.RANKING_LEAST):
            return self.ranking_page(a.program, a.year, a.page or 1, least=a.kind is Kind.RANKING_LEAST)
        if a.kind is Kind.SUMMARY:
            return self.province_summary(a.year or f.current_year)
        if a.kind is Kind.CHART and (a.program is None or a.program in f.programs):
            return self.chart(a.program, a.year)
        if a.kind is Kind.INFO and a.program in f.programs:
            return self.program_info(f.programs[a.program], ["what", "who", "help", "apply"])
        if a.kind is Kind.REGION and a.region in f.regions:
            kab = f.answerable(a.region)
            if kab is not None:
                return self.region_figures(kab, a.year)
            if a.region == f.province.code:
                return self.province_summary(a.year)
        if a.kind is Kind.PROGRAM and a.program in f.programs:
            return self.program_figures(f.programs[a.program], a.year)
        if a.kind is Kind.PROGRAM and a.program in f.groups:
            return self.group_figures(a.program, a.year, None)
        if a.kind is Kind.PROGRAM_REGION and a.program in f.programs and a.region in f.regions:
            kab = f.answerable(a.region)
            if kab is not None:
                return self.program_region(kab, [a.program], a.year)
        return None


_LIST_ITEM = re.compile(r"\s*,\s*(?:(?:serta|dan|and|juga)\s+)?|\s+serta\s+", re.IGNORECASE)
"""Between the items of a list asked for: commas, the last one often with "serta" or "dan"."""
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_LIST_ASKED = (*FIGURE_INTENTS, Intent.INFO, Intent.ABOUT_DATA)


def _asks_of_place(u: Understanding) -> bool:
    """A question of a place's figures that names the place ("berapa KK di Anambas"), also in a unit the data does not
    count ("brp org di anambas yg dapat bantuan": its KK, said to be KK): the place asked is that one, never a place of
    the story told before it ("saya merantau di tanjungpinang, ortu saya di jemaja anambas …")."""
    return bool(u.regions) and (u.intent in FIGURE_INTENTS or u.intent == Intent.NOT_HELD)


def _listed_items(text: str, understand: Callable[[str], Understanding]) -> list[str] | None:
    """ "Tolong siapkan ringkasan singkat: total penerima 2022, program dengan penerima terbanyak, kab/kota dengan
    penerima terbanyak dan tersedikit, serta berapa persen penerima yang ada di Batam.": after a colon, a list of
    things asked, each a question of its own (figures, about a program or the data); the story around it asks
    nothing. Two items at least, every one understood on its own; otherwise None."""
    for colon in re.finditer(r"(?<!\d):(?!\d)", text):
        if text[: colon.start()].lstrip().startswith("[") and "]" not in text[: colon.start()]:
            continue  # "[lokasi: Kijang, Bintan]": a note of what came with the message
        head = understand(re.split(r"[.!?]\s", text[: colon.start()])[-1])
        if head.regions or head.programs or head.group or head.national:
            continue  # "UEP: kota lawan kabupaten, mana yang lebih banyak?": what one question is about
        tail = text[colon.end() :]
        end = _SENTENCE_END.search(tail)
        items = [x.strip(" ,;") for x in _LIST_ITEM.split(tail[: end.start()] if end else tail)]
        items = [x for x in items if x]
        if len(items) < 2 or any(len(x.split()) < 2 for x in items):
            continue
        if any(_TYPED_NUMBER.search(_YEAR_ONLY.sub(" ", x)) for x in items):
            continue  # "tabel dr grup WA: PMKS Batam 24.465 KK, Karimun 7.045": figures claimed, to be checked
        read = [understand(x) for x in items]
        if all(r.intent in _LIST_ASKED and not r.scenario for r in read):
            return items
    return None


_LAST_ITEM = re.compile(r"(?:,\s*|\s+)(?:dan|serta|and)\s+[^,]+$", re.IGNORECASE)
"""The last item of an enumeration, after "dan"/"serta" ("total, porsinya, dan khusus PMKS")."""


def _aspects_listed(text: str, understand: Callable[[str], Understanding]) -> list[str] | None:
    """ "Untuk bahan paparan saya perlu angka penerima bantuan Dinsos Provinsi 2022 untuk Batam: total, porsinya
    terhadap provinsi, dan khusus PMKS.": after a colon, the aspects asked of the subject the sentence before it names
    (a place or a program, with its year): each item read with that subject is a figures question of its own. Only
    an enumeration (three items or more, or the last after "dan"/"serta") of which every item, so read, asks something
    else; otherwise None ("UEP: kota lawan kabupaten, mana yang lebih banyak?" is one question)."""
    for colon in re.finditer(r":(?!\d)", text):  # "data Lingga 2022: …", not "08:00"
        if text[: colon.start()].lstrip().startswith("[") and "]" not in text[: colon.start()]:
            continue  # "[lokasi: Kijang, Bintan]": a note of what came with the message
        head = understand(re.split(r"[.!?]\s", text[: colon.start()])[-1])
        # "utk laporan, sy perlu data PMKS 2022: …": the report it is for makes no other question of the head
        if head.intent not in (*FIGURE_INTENTS, Intent.ABOUT_BOT) or not (head.regions or head.programs or head.group):
            continue
        tail = text[colon.end() :]
        end = _SENTENCE_END.search(tail)
        body = (tail[: end.start()] if end else tail).strip(" ,;")
        items = [x.strip(" ,;") for x in _LIST_ITEM.split(body) if x.strip(" ,;")]
        if len(items) < 2 or not (len(items) >= 3 or _LAST_ITEM.search(body)):
            continue
        if any(_TYPED_NUMBER.search(_YEAR_ONLY.sub(" ", x)) for x in items):
            continue  # figures claimed, to be checked
        if sum(bool(o.regions or o.programs or o.group) for o in map(understand, items)) > 1:
            continue  # "karimun: bskk, pmks, uep, total": the subjects of one look-up, not aspects asked of it
        places = [r.text.title() if r.text.islower() else r.text for r in head.regions]
        named = places + head.named_programs + ([str(head.year)] if head.year else [])
        parts = [f"{item} {' '.join(named)}" for item in items]
        read = [understand(p) for p in parts]
        if not all(r.intent in FIGURE_INTENTS and not r.scenario and not r.unexplained for r in read):
            continue
        asked = {(r.intent, tuple(r.programs), r.group, tuple(x.code for x in r.regions), r.per) for r in read}
        if len(asked) == len(read):
            return parts
    return None


def _explains_one(u: Understanding) -> bool:
    """A question of what one program is ("apa itu PMKS?"), naming no place."""
    return u.intent == Intent.INFO and len(u.named_programs) == 1 and not (u.regions or u.national or u.outside)


def _short_back_refs(text: str, parts: list[str], understand: Callable[[str], Understanding]) -> list[str]:
    """ "PMKS Batam brp? UEP Batam brp? totalnya?", "karimun: bskk? pmks? uep? totalnya brp?": a sentence that only
    points back ("totalnya", "selisihnya brp") is a question too, kept in its place among the others, and so is each
    one-word sentence that names a program or place ("pmks?"), whose figure it adds up (sentences of one word are
    otherwise left out)."""
    sentences = [x.strip(" ,./") for x in _QUESTION_BREAK.split(text) if x.strip(" ,./")]
    longer = [x for x in sentences if len(x.split()) >= 2]
    if not any(_BACK_ASKED.fullmatch(x) for x in sentences):
        return parts
    if longer != parts and not (parts == [text] and len(longer) == 1):
        return parts

    def kept(x: str) -> bool:
        if len(x.split()) >= 2 or _BACK_ASKED.fullmatch(x):
            return True
        u = understand(x)
        return u.intent in FIGURE_INTENTS and bool(u.programs or u.group or u.regions)

    return [x for x in sentences if kept(x)]


TITLE_LENGTH = 40
"""A first line this short, without a full stop, is a paragraph's title ("Cara mendaftar", "Langkah pendaftaran")."""


def _without_repeats(html: str, shown: set[str]) -> str:
    """A part's reply without the paragraphs an earlier part of the same message already showed word for word
    ("Syarat daftar apa aja? KTP sama KK perlu?": the registration steps once, not twice); a title over a repeated
    paragraph goes with it. A reply made only of repeats is kept whole."""
    kept = []
    for paragraph in html.split("\n\n"):
        lines = paragraph.split("\n")
        titled = len(lines) > 1 and len(lines[0]) <= TITLE_LENGTH and not lines[0].rstrip().endswith((".", ":"))
        body = lines[1:] if titled else lines
        if not all(line in shown for line in body if line.strip()):
            kept.append(paragraph)
    return "\n\n".join(kept) if kept else html


_DIFFERENCE_ASKED = DIFFERENCE_WORDS | {
    "dibanding",
    "vs",
    "banding",
    "bandingkan",
    "dibandingkan",
    "versus",
    "compare",
    "compared",
}
"""A later part asking the difference with one place ("trus bedanya sm tpi brp"): against the place asked before."""
_THERE_WORDS = frozenset({"there", "sana", "situ", "disana", "disitu", "kesana", "kesitu"})
"""Words that point back to the place named before ("whether any UEP went there", "UEP ada yg ke sana?")."""
_ONE_EACH = frozenset({"satu", "1", "per", "tiap", "setiap", "sebuah", "dalam", "each", "one", "a", "every"})
"""Before "KK", these ask of one family ("berapa orang dalam satu KK"), not of the recipients counted."""
_ID_FILE_WORDS = frozenset({"ktp", "ektp", "kk", "nik", "akta", "kartu keluarga", "identitas", "id"})
"""Words of a file's name that make it an identity paper ("KK_ibu_saya.pdf", "ktp_bapak.jpg"): in a file's name "KK"
is the Kartu Keluarga, not a count of families."""
_GAP_WORDS = frozenset(
    {"kosong", "hilang", "ketinggalan", "terlewat", "dilewati", "missing", "incomplete", "blank", "empty", "absent"}
)
"""Words saying figures are missing ("kok natuna kosong"); "lengkap" asks it only as a question ("lengkap gak",
"sudah lengkap?", "tidak lengkap"), never in "rekap lengkap" (a full recap asked)."""
_REST_WORDS = frozenset(
    {"0", "nol", "zero", "sisa", "sisanya", "tinggal", "dikurangi", "kurangi", "selebihnya", "tercantum", "listed"}
    | {"remainder", "remaining", "rest", "leftover"}
)
"""Words of a zero or of what is left of a program's total ("natuna bskk nya 0 ya", "tinggal 11.638 dikurangi yg
tercantum"): with a program named, whether its total leaves anything for a kab/kota the source does not list."""
_INCLUDE_WORDS = frozenset({"termasuk", "include", "includes", "included", "including"})
"""With a program named, whether a kab/kota is in it ("BSKK 11.638 itu termasuk natuna kan"); with none, "termasuk"
is "including" ("total anambas termasuk KUBE brp")."""
_COMPLETE_BEFORE = frozenset({"kurang", "sudah", "udah", "apa", "apakah", "gak", "ga", "nggak", "enggak"})
_COMPLETE_AFTER = frozenset({"kah", "ya", "bukan", "?", "gak", "ga", "nggak", "enggak"})
"""Besides the lexicon's negations ("exists" "negations"), the words before or after "lengkap" that ask whether the
data is complete ("kurang lengkap", "lengkap gak")."""
_CONDITIONALS = frozenset({"kalau", "kalo", "klo", "jika", "jikalau", "andai", "seandainya", "misal", "misalnya", "if"})
_GAP_INTENTS = frozenset({Intent.FIGURES, Intent.COMPARE, Intent.RANKING, Intent.LIST_REGIONS})
_GAP_AFTER_NEGATION = frozenset({"ada", "dapat", "tercantum", "muncul", "disebut", "listed"})
"""After a negation, words saying a figure is absent ("ga ada natuna", "anambas kok gak dapet BSKK")."""
_CHECK_WORDS = frozenset(
    {"cek", "cocok", "cocokkan", "dicocokkan", "sama", "sesuai", "bandingkan", "banding", "periksa", "match"}
    | {"compare", "check", "verifikasi", "klop", "samakan", "disamakan", "dibandingkan", "bandingin"}
)
"""Words asking to check a file against the figures ("cek angkanya sama gak", "cocokkan dengan data dinsos")."""


_GENUINE_WORDS = frozenset({"asli", "palsu", "resmi", "beneran", "hoaks", "hoax", "penipuan", "genuine", "fake"})
_VERIFY_WORDS = _GENUINE_WORDS | {"dari"}
"""Words asking whether what a photo shows is genuine or whose it is ("ini surat undangan dari dinsos, asli gak?")."""


def _asks_if_shown_is_real(u: Understanding) -> bool:
    """ "[foto] ini surat undangan penerima bantuan dari dinsos, asli gak ya?", "[foto] antrian … ini dr dinsos provinsi
    ya?": whether what the photo shows is genuine or whose it is, which a photo the bot cannot see does not tell."""
    return (
        "ini" in u.words
        and not _VERIFY_WORDS.isdisjoint(u.words)
        and not (u.national or u.regions)
        and (not (u.programs or u.group) or not _GENUINE_WORDS.isdisjoint(u.words))  # "surat undangan UEP, asli gak?"
        and NUMBER_WORDS.isdisjoint(u.words)
        and not quotes_a_figure(u.words)  # "[foto] berita dinsos kepri 58 ribu KK, ini beneran?": the figure is checked
        and (
            u.intent in FIGURE_INTENTS | {Intent.UNKNOWN, Intent.UNSURE, Intent.ABOUT_DATA}
            or (u.intent in (Intent.INFO, Intent.PERSONAL) and not _GENUINE_WORDS.isdisjoint(u.words))
        )  # "[foto] surat undangan pencairan bantuan, asli gak?": the letter, not the asker's status
    )


_BODY_WORDS = frozenset(
    {"dinsos", "dinas", "provinsi", "pemprov", "kemensos", "pemerintah", "pemda", "pusat", "provincial", "government"}
)
"""Bodies a thing shown may be said to come from ("ini dr dinsos provinsi kah?")."""


def _asks_whose_shown_program(u: Understanding) -> bool:
    """ "[foto] spanduk bantuan kube di kelurahan kami, ini dr dinsos provinsi kah?": a program of ours named on what
    the photo shows, asked whether it comes from a body ("dari" and "dinsos", "provinsi", "kemensos" right after)."""
    words = u.words
    said_from = any(
        w in ("dari", "program", "from") and not _BODY_WORDS.isdisjoint(words[i + 1 : i + 3])
        for i, w in enumerate(words)
    )  # "ini dr dinsos provinsi kah?", "ini program dinsos provinsi ya?"
    return (
        said_from
        and "ini" in words
        and bool(u.named_programs)
        and not u.national
        and _GENUINE_WORDS.isdisjoint(words)  # "… dari dinsos bintan, asli gak ini": whether it is genuine
        and NUMBER_WORDS.isdisjoint(words)
        and not quotes_a_figure(words)
    )


_WHAT_WORDS = frozenset({"apa", "apaan", "what", "which"})
"""Words asking what a thing is; "mana" asks it only right after "yang" ("ini program yg mana": which one)."""


def _what_at(words: list[str], i: int) -> bool:
    """Word ``i`` asks what or which the thing is: "apa", "apaan", or "mana" after "yang" (not "di mana": where)."""
    w = words[i] if 0 <= i < len(words) else ""
    return w in _WHAT_WORDS or (w == "mana" and i > 0 and words[i - 1] == "yang")


def _this_what(words: list[str]) -> bool:
    """ "ini program apa", "program apa ini", "ini bantuan apaan", "ini program yg mana": what the thing shown is,
    asked of it right there (a place said with it is where the photo is from: "spanduk penyaluran bantuan di Lingga,
    ini program apa?")."""
    this = {"ini", "itu", "this"}
    for i, w in enumerate(words):
        if w in this and any(_what_at(words, j) for j in range(i + 1, i + 4)):
            return True
        what = _what_at(words, i) or w == "mana"  # "which program is this" is read "mana program itu"
        if what and not this.isdisjoint(words[i + 1 : i + 4]) and i and words[i - 1] not in ("di", "ke"):
            return True
    return False


_HANDOVER_WORDS = frozenset(
    {"acara", "penyerahan", "menyerahkan", "diserahkan", "serah", "hadir", "kegiatan", "seremoni", "peresmian"}
    | {"event", "ceremony", "handover", "attended", "attending", "present"}
)
"""Words of an event where aid is handed over, and who was there ("ini acara penyerahan bantuan? siapa yg hadir")."""


def _asks_who_was_there(u: Understanding) -> bool:
    """ "[foto] ini acara penyerahan bantuan ya? siapa aja yg hadir", "[photo] who is handing over the aid here?": who
    is at an event a photo shows (no figure asked)."""
    return (
        not {"siapa", "who"}.isdisjoint(u.words)
        and not _HANDOVER_WORDS.isdisjoint(u.words)
        and NUMBER_WORDS.isdisjoint(u.words)
        and not quotes_a_figure(u.words)
    )


def _asks_what_is_shown(u: Understanding) -> bool:
    """ "ini kartu apa?", "ini bantuan apa ya?", "ini program yg mana": with a photo, what it shows is asked (no
    program or figure named)."""
    return (
        not {"ini", "itu", "this"}.isdisjoint(u.words)
        and (any(_what_at(u.words, i) for i in range(len(u.words))) or _this_what(u.words))
        and not (u.programs or u.group or u.national or (u.regions and not _this_what(u.words)))
        and NUMBER_WORDS.isdisjoint(u.words)
        and DATA_WORDS.isdisjoint(u.words)
        and {"file", "dokumen", "tabel", "berkas"}.isdisjoint(u.words)  # "[dokumen] ini file apa": its content
        # "ini bantuan apa": not a list; "spanduk … di Lingga, ini program apa": not Lingga's figures
        and (u.intent not in FIGURE_INTENTS or u.intent == Intent.LIST_PROGRAMS or _this_what(u.words))
    )


_NAME_WORDS = frozenset({"nama", "nama2", "names", "name", "orang2", "siapa"})
"""Words asking of the persons a file lists ("nama2 ini dapet semua?")."""
_LISTED_PERSONS = frozenset({"orang", "warga", "people", "persons", "residents", "penerima"})
"""Persons a file may list: with a word of getting aid or being registered ("org2 di file ini terdaftar semua?");
never "keluarga"/"kk", the Kartu Keluarga of an identity paper ("[foto] kartu keluarga kami, layak gak")."""
_PERSONS_FILED = frozenset({"warga", "anggota", "members", "residents", "people"})
"""Persons a file's name says it lists ("list_warga.xlsx", "anggota_kelompok.xlsx")."""
_LISTED_STATUS = frozenset({"terdaftar", "registered", "listed", "tercatat", "terdata", "getting", "receiving"})
"""Words of being registered, besides the lexicon's words of getting aid ('wanting.getting')."""
_SHOWN_WORDS = frozenset({"ini", "itu", "tersebut", "tsb", "this", "these"})
"""Words pointing at what a photo or file shows ("tabel *ini*", "spanduk *itu*")."""


def _asks_of_shown(u: Understanding, file_named: Understanding | None) -> bool:
    """ "[foto] tabel ini totalnya brp?", "[foto] spanduk … ini program dinsos bukan?": a question of the thing shown,
    with no place, program or figure named (in the question or the file's name) that an answer could be about."""
    named = u.regions or u.programs or u.group or u.named_province or u.national or u.outside or u.topic
    filed = file_named is not None and bool(file_named.regions or file_named.named_programs)
    return not (
        named or filed or quotes_a_figure(u.words) or u.intent == Intent.PERSONAL
    ) and not _SHOWN_WORDS.isdisjoint(u.words)


def _totals_place(u: Understanding) -> bool:
    """ "berapa persen total Karimun dari seluruh penerima", "jumlah di Lingga brp": a figures question of a place's
    whole (a sum word right before its name, or one link word between), naming no program of its own, that asks a
    number or a share itself."""
    if not (_asks_figures(u) and u.regions) or u.programs or u.group or u.national:
        return False
    if u.intent != Intent.SHARE and _NUMBER_WORDS.isdisjoint(u.words):
        return False
    every_program = any(a in _EVERY_OF and b in _PROGRAM_NOUNS for a, b in pairwise(u.words))  # "semua program"
    return every_program or any(
        any(w in _SUM_WORDS for w in u.words[max(0, r.start - 2) : r.start])
        and r.start >= 1
        and u.words[r.start - 1] in _SUM_WORDS | _TOTAL_LINKS
        for r in u.regions
    )


def _lists_places(left: str, right: str, understand: Callable[[str], Understanding]) -> bool:
    """ "Batam, Bintan, dan Tanjungpinang": a place right before the joining word and one right after it."""
    return bool(understand(left.split()[-1]).regions) and bool(understand(right.split()[0]).regions)


def _enumerates(left: str, right: str, understand: Callable[[str], Understanding]) -> bool:
    """ "PMKS dan UEP sekaligus", "Batam dan Bintan": the joining word lists two programs or places of one question,
    it does not start a second question."""
    before, after = understand(left.split()[-1]), understand(right.split()[0])
    programs = bool(before.programs or before.group) and bool(after.programs or after.group)
    # "tabel per kab/kota dan per program": two breakdowns of one table
    breakdowns = right.split()[0].lower() == "per" and "per" in left.lower().split()[-3:]
    return programs or _lists_places(left, right, understand) or breakdowns
