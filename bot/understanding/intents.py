"""What a question asks for: the closed set of intents, the :class:`Understanding` of one question, and the rules
that pick the intent from the phrases present (``data/lexicon.json``) and the places, programs and years found.

The rules account for every content word: a reply that would state figures is only chosen when each word of the
question is a place, a program, a year, a word of the lexicon, or a word known to be harmless. A word about
something the bot does not cover (weather, tickets, jobs …) makes the question out of scope; a breakdown the bot
does not hold (rupiah, age, sex, per kecamatan) says so; any other unexplained word makes the bot ask back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field, fields
from enum import StrEnum
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.understanding.gazetteer import Ambiguity, PlaceMatch

if TYPE_CHECKING:
    from bot.understanding.scenarios import Scenario


class Intent(StrEnum):
    """What a question asks for, and (for replies) what kind of answer was given."""

    # questions
    FIGURES = "figures"
    RANKING = "ranking"
    RANK_PROGRAMS = "rank_programs"
    COMPARE = "compare"
    SHARE = "share"
    ARITHMETIC = "arithmetic"
    TREND = "trend"
    INFO = "info"
    LIST_PROGRAMS = "list_programs"
    LIST_REGIONS = "list_regions"
    PERSONAL = "personal"
    OUTSIDE = "outside"
    AMBIGUOUS = "ambiguous"
    SAME_NAME = "same_name"
    NATIONAL = "national"
    OUT_OF_SCOPE = "out_of_scope"
    NOT_HELD = "not_held"
    NOT_PERSON = "not_person"
    ABOUT_DATA = "about_data"
    ABOUT_BOT = "about_bot"
    UNSURE = "unsure"
    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"
    SCENARIO = "scenario"
    """A what-if on the figures or a number typed to compare with (bot/understanding/scenarios.py)."""
    UNKNOWN = "unknown"
    # kinds of replies
    REGION = "region"
    PROGRAM = "program"
    PROGRAM_REGION = "program_region"
    GROUP = "group"
    COMPARE_PROGRAMS = "compare_programs"
    PROVINCE = "province"
    CHART = "chart"
    NO_DATA = "no_data"
    YEAR_MISSING = "year_missing"
    STALE_BUTTON = "stale_button"
    ABOUT = "about"
    MULTI = "multi"
    NON_TEXT = "non_text"
    CHART_REFUSED = "chart_refused"


FIGURE_INTENTS = frozenset(
    {
        Intent.FIGURES,
        Intent.RANKING,
        Intent.RANK_PROGRAMS,
        Intent.COMPARE,
        Intent.SHARE,
        Intent.ARITHMETIC,
        Intent.TREND,
        Intent.LIST_PROGRAMS,
        Intent.LIST_REGIONS,
    }
)
"""Intents whose answer states figures (and so needs a year with data)."""


class Arith(StrEnum):
    SUM = "sum"
    RATIO = "ratio"
    AVERAGE = "average"
    EXCLUDE = "exclude"
    UNSUPPORTED = "unsupported"
    """A statistic the bot does not compute (median, standard deviation …): said, never replaced by another."""


class Order(StrEnum):
    """The order a ranking is asked in."""

    DESC = "desc"
    ASC = "asc"
    ALPHA = "alpha"


class Per(StrEnum):
    """What each figure of a ranking or average is of: a program, or a kab/kota."""

    PROGRAM = "program"
    REGION = "region"
    EACH = "each"
    """Both: each program's figure per kab/kota ("rata-rata per program per kab/kota")."""


class Rank(StrEnum):
    MOST = "most"
    LEAST = "least"


@dataclass
class Understanding:
    text: str
    words: list[str]
    intent: Intent = Intent.UNKNOWN
    regions: list[PlaceMatch] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    group: str | None = None
    province: bool = False
    named_province: bool = False
    """The question names the province itself ("se-Kepri"), rather than falling back to it."""
    year: int | None = None
    years: list[int] = field(default_factory=list)
    """Every year the question names, in order ("2022 dan 2023")."""
    source_said: list[str] = field(default_factory=list)
    """Bodies said to be the data's source that are not ("data ini dari BPS kan?"): denied before the real source."""
    wrong_province: str = ""
    """A province named for a kab/kota that is not in it ("anambas itu masuk provinsi riau kan?"): corrected first."""
    outside: list[str] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    rank: Rank | None = None
    rank_position: int = 1
    after_place: str | None = None
    """The kab/kota a ranking counts from ("nomor 2 setelah Batam", "setelah Batam yg terbanyak siapa")."""
    info_aspects: list[str] = field(default_factory=list)
    national: list[str] = field(default_factory=list)
    """National programs named (codes in data/national_programs.json)."""
    unit_claim: str | None = None
    """A unit the question gives a figure in that the data does not count ("58 ribu orang": "persons", "60 kelompok":
    "groups"): the reply says the figures are KK."""
    comma_number: str | None = None
    """A figure written with a comma as the thousands separator and asked as a decimal ("58,849 … 58 koma sekian"),
    as typed."""
    counts_other: str | None = None
    """The everyday word a number word asks about when it is no word of the figures ("berapa jumlah *sekolah* di
    Lingga", "berapa *luas* Natuna"): the question counts something else."""
    national_plain: bool = False
    """Every national program was named by one ordinary word ("beras", "sembako"): a topic ("harga beras") still wins
    over it; a name that is no ordinary word ("prakerja", "BST") wins over the words of its story."""
    national_cek_bansos: bool = False
    """Every national program named is checked at Cek Bansos ("kartu KKS", "PKH"): the asker's own status of it is the
    usual status check; PIP or PBI JK are checked elsewhere, which their own answer says."""
    topic: str | None = None
    """An out-of-scope topic (data/lexicon.json "out_of_scope")."""
    topic_when: bool = False
    """The topic is an event that may only say when ("pas covid 2020")."""
    topic_seen: str | None = None
    """The topic the words named, kept when the question is found to be about aid after all ("rumah saya kebakaran,
    bisa dapat bantuan?"): its "where" line still helps."""
    topic_answered: bool = False
    """The topic is one the bot answers with its text (a scam warning, how to report), not one it declines."""
    topic_local: bool = False
    """The topic is done on the ground (verifying a letter, reporting a cut): answered whatever program is named, a
    national one too ("pesan WA dapat PKH 2 juta, asli gak?")."""
    not_held: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    """Aspects of the data asked about: source, year, official, update, contact, mismatch, unit."""
    cited: list[str] = field(default_factory=list)
    """Aspects of the data asked beside a figure ("total kepri 2022 beserta sumber datanya", "total kepri berapa,
    sumbernya apa, tahun berapa"): the figure is answered, with the source (and year) in full after it."""
    arith: Arith | None = None
    excluded: list[str] = field(default_factory=list)
    """Kab/kota codes a sum or average leaves out ("di luar Batam")."""
    only_kind: str | None = None
    """ "kabupaten saja": only kab/kota of this kind."""
    top_n: int | None = None
    """ "Tanjungpinang masuk 3 besar?", "is Natuna in the bottom 2?": whether the place named is among the first n
    (from the end ``rank`` says)."""
    kind_also: str | None = None
    """ "rata-rata per kabupaten", "kabupaten mana paling banyak": said loosely for every kab/kota as often as for the
    kabupaten alone; the reply over every kab/kota also gives the one over this kind only."""
    whole_kind: str | None = None
    """ "bagian Tanjungpinang dari total kota", "Batam vs gabungan semua kabupaten": the kab/kota of this kind added
    up are the whole a place is measured against."""
    kinds_compared: bool = False
    """ "Batam + Tanjungpinang vs kabupaten": every kab/kota of one kind named against the other kind: the two kinds
    compared as groups."""
    order: Order | None = None
    """The sort order asked ("dari terbanyak ke tersedikit", "ascending"); see :mod:`.operations`."""
    per: Per | None = None
    """ "per program" or "per kab/kota": what a ranking or average is taken over."""
    excluded_programs: list[str] = field(default_factory=list)
    """Programs left out ("semua program kecuali PMKS"); ``programs`` then holds the others, where figures are asked."""
    signs: list[int] = field(default_factory=list)
    """ "Bintan tambah Lingga dikurangi Natuna": +1 or -1 for each kab/kota named, when some are subtracted."""
    whole_is_region: bool = False
    """ "PMKS berapa persen dari total Karimun": the whole a share is of is the kab/kota named, not the province."""
    named_only: bool = False
    """Several kab/kota named with no word of comparing or adding ("PMKS Natuna & Anambas"): each, and their sum."""
    both_ends: bool = False
    """ "terbanyak dan tersedikit": both ends of a ranking are asked."""
    full_order: bool = False
    """A whole ordering is asked ("urutkan …"), not only the top or bottom one."""
    recap: bool = False
    """A recap table of each program per kab/kota is asked ("rekap per kab/kota semua program", "tabel per kab/kota
    BSKK, PMKS, UEP"): every kab/kota with each program's figure, not a ranking."""
    unexplained: list[str] = field(default_factory=list)
    """Content words nothing accounts for."""
    rest: list[str] = field(default_factory=list)
    """Every word not taken by a place, program or year, fillers, particles and copulas left out: what a question says
    about the program it names ("UEP itu *bantuan modal* ya?")."""
    program_mentions: int = 0
    """How many times programs are named ("UEP = usaha ekonomi produktif?" names UEP twice)."""
    program_at: list[tuple[int, int, str]] = field(default_factory=list)
    """Where each program named by its name stands: first word, the word after the last, its code."""
    cells: list[tuple[str, str]] = field(default_factory=list)
    """Programs each named next to its own kab/kota, two programs and two kab/kota or more ("BSKK Bintan & PMKS
    Karimun, mana lebih banyak"): the (program, kab/kota) figures asked, not every program in every place named."""
    non_person: list[str] = field(default_factory=list)
    """Animals, imaginary beings, plants or objects the question makes the recipient ("kucing saya dapat PMKS?")."""
    rare: list[str] = field(default_factory=list)
    """The unexplained words that are not everyday words (possible places, programs, topics): always asked back."""
    ignored: list[str] = field(default_factory=list)
    """Everyday unexplained words ignored knowingly because the question is clearly about the figures."""
    officials: list[str] = field(default_factory=list)
    """Known officials named (data/officials.json), by name ("kata pak Ansar Ahmad …": "Ansar Ahmad")."""
    roles_said: list[str] = field(default_factory=list)
    """The officials whose office the question names ("selaku kadis sosial": "Eko Sumbaryadi"), by name."""
    persons: list[str] = field(default_factory=list)
    """Words of a person's name the bot does not know, after an honorific in a figure heard ("kata pak Budi …")."""
    vague: bool = False
    """The question points at a program or place it never names ("program itu", "di tempat saya"): ask which."""
    persons_per_kk: int | None = None
    """The persons per KK the asker assumes ("andai 1 KK rata2 4 orang"): persons are estimated from the KK with it."""
    minus_whole: bool = False
    """The kab/kota left out were taken away from a whole by a minus ("58.849 dikurangi Batam", "total minus Bintan"):
    the reply also works the whole reported minus them."""
    vague_place: bool = False
    """What it points at is a place ("di sini", "daerah ini"): ask which kab/kota, with a button for each."""
    salam: bool = False
    left_out: bool = False
    """The asker says they (or their family) have not received aid or heard back ("kok saya gak dapat", "udah daftar 3
    bulan belum ada kabar"): besides the status check, how to get registered."""
    holiday: bool = False
    """The message wishes a happy holiday ("selamat hari raya, mohon maaf lahir dan batin"): wished back."""
    none_nearby: bool = False
    """The asker says nobody in their own desa/kampung got aid ("di desa sy gak ada yg dapet"): the figures are kab/kota
    totals with no desa breakdown, so that can be true."""
    island: str | None = None
    """An island named ("pulau Bintan"), one that is not a kab/kota: the kab/kota on it are in :attr:`regions`."""
    asks_same: bool = False
    """Whether two programs are the same or how they differ is asked ("sembako sama bskk sama gak")."""
    asks_if_even: bool = False
    """Whether a figure IS split equally over the kab/kota is asked ("KUBE dibagi rata ya?"), not a what-if of it
    ("kalau KUBE dibagi rata ke 7 kab/kota, masing2 brp")."""
    requirement: str = ""
    """The thing asked to be required for applying, as typed ("KTP Kepri" of "daftar bansos harus punya ktp kepri?",
    "NPWP" of "harus punya npwp?"), or ""."""
    requirement_stated: bool = False
    """The general texts say of that thing ("KTP", "surat keterangan tidak mampu"): what they say is the answer."""
    asks_review: bool = False
    """The asker wants something they wrote or sent checked ("sudah benar?", "tolong dicek"): with an attachment,
    one the bot cannot read."""
    """The message opens with the Islamic greeting (answered "Waalaikumsalam")."""
    english: bool = False
    same_name: tuple[str, str] | None = None
    """A Kepri kecamatan/desa named alone whose name also exists elsewhere: (its code, the other provinces)."""
    named_kabs: set[str] = field(default_factory=set)
    """Kab/kota named by their own name or alias (not only through a kecamatan or desa)."""
    each_program: bool = False
    """ "persentase tiap program": a share for every program rather than every kab/kota."""
    taken: list[int] = field(default_factory=list)
    """Positions of the words taken by a year, program or place."""
    mentioned: set[str] = field(default_factory=set)
    """Every Kepri region a place mention stands for (a kecamatan named beside one of its desa, too)."""
    outside_joined: bool = False
    """A place outside the province is asked beside a Kepri one ("PMKS Natuna dan Medan"), not as where it lies."""
    applies_elsewhere: bool = False
    """ "cara daftar akun TikTok", "syarat jadi pacar admin": what is applied for is a word nothing accounts for (or the
    message is a joke) — not the aid."""
    about_bot: list[str] = field(default_factory=list)
    """What is asked about the bot itself: identity, self_aid, complaint, quote, export (data/lexicon.json)."""
    readings: list[tuple[str, str]] = field(default_factory=list)
    """Words read as something they only resemble: (the word typed, the program or kab/kota code it was read as) —
    "ueb" as UEP, "bintang" as Bintan. A reply with figures says so."""
    near_places: list[tuple[str, str]] = field(default_factory=list)
    """Unexplained everyday words a letter more or less than a kab/kota name, in a question asking a figure
    ("bintang total brp"): (the word typed, the kab/kota code). Never read as the place: the ask-back offers it
    ("Maksud Anda Bintan?")."""
    asks_why: bool = False
    """ "kenapa Batam paling banyak?": a reason, which the figures do not give."""
    of_population: bool = False
    """A share of the people living in a place is asked ("brp persen warga Natuna yg dapat UEP"): the data holds no
    population, so that share cannot be computed; what is given is said to be another share."""
    scenario: Scenario | None = None
    """A what-if or typed-number question as read (Intent.SCENARIO); see :mod:`.scenarios`."""
    applies_for_topic: bool = False
    """ "daftar vaksin", "daftar cpns": what the message applies for is a topic the bot does not cover, not aid."""
    outside_near: str | None = None
    """A bare name of a place outside the province, with no province named, one letter from a kab/kota of ours ("batang
    dpt brp": Kabupaten Batang or Kota Batam): that kab/kota's code; asked back which of the two is meant."""
    umbrella: bool = False
    umbrellas: list[str] = field(default_factory=list)
    """The programs over the activities named, by their names in data/lexicon.json "umbrella_parents"."""
    kind_asked: str = ""
    """A kind of person asked to get aid, as read ("guru ngaji" of "guru ngaji dapat bantuan?"): who the aid is for
    (by a family's condition, not by occupation) and how to apply, never an ask-back or a figure."""
    direct_aid: bool = False
    """ "bantuan langsung": a kind of aid read as the programs the source gives directly (lexicon 'direct_aid')."""
    """A program the report names over the activities ("Program Rehabilitasi Sosial"): no figure of its own."""
    aid_notes: list[str] = field(default_factory=list)
    """The point of a citizen's story that asks for aid, answered beside who the aid is for and how to apply: "moved"
    (from another province: register where one lives), "id_document" (an identity document named: never send it),
    "eligibility" (whether the asker or their family can get aid: the bot cannot say, verification decides)."""
    asks_more: bool = False
    """Besides any figures, the question asks something else: how to apply, what a program is, about the data, a
    national program or a topic the bot does not cover (a message that may hold two questions)."""

    @property
    def named_programs(self) -> list[str]:
        """The programs the question named, then the group of programs when it named one ("UEP", "ekonomi")."""
        return [*self.programs, *([self.group] if self.group else [])]

    def as_dict(self) -> dict[str, object]:
        return {
            "intent": str(self.intent),
            "regions": [r.code for r in self.regions],
            "sub_regions": [r.sub_code for r in self.regions if r.sub_code],
            "programs": self.programs,
            "group": self.group,
            "province": self.province,
            "year": self.year,
            "outside": self.outside,
            "ambiguous": [a.candidates for a in self.ambiguous],
            "national": self.national,
            "topic": self.topic,
            "not_held": self.not_held,
            "arith": str(self.arith) if self.arith else None,
            "excluded": self.excluded,
            "order": str(self.order) if self.order else None,
            "per": str(self.per) if self.per else None,
            "unexplained": self.unexplained,
            "ignored": self.ignored,
            "non_person": self.non_person,
            **({"officials": self.officials} if self.officials else {}),
            **({"persons": self.persons} if self.persons else {}),
        }


DOMAIN_WORDS = frozenset({"kk", "penerima", "bansos", "bantuan", "program", "keluarga", "dinsos", "kepala"})
"""Words that make a question about aid even when it names no region or program."""
AID_WORDS = frozenset({"bansos", "dinsos", "penerima"})
"""Words that name the social aid itself ("bantuan" alone also means any help: "minta bantuan" after a storm)."""
RECIPIENT_WORDS = frozenset({"penerima", "dapat", "menerima", "terima", "mendapat", "mendapatkan"})
"""Words that make a question about a named program's recipients whatever else it mentions."""
OFFICE_WORDS = frozenset({"dinsos", "dinas", "sosial", "bansos", "bantuan", "bot", "admin"})
"""Words that make a contact question about the Social Services office (or this bot), not another office."""
REGION_NOUNS = frozenset({"kabupaten", "kota", "wilayah", "daerah", "kecamatan"})
REGION_WORDS = REGION_NOUNS | {"mana", "siapa"}
PROGRAM_WORDS = frozenset({"program", "jenis", "kategori", "macam", "kegiatan"})
NUMBER_WORDS = frozenset({"berapa", "jumlah", "total", "digabung", "banyak"})
"""Words that ask for a number."""
EXCLUDE_WORDS = frozenset({"luar", "tanpa", "kecuali", "selain", "excluding", "except", "without", "besides"})
NARRATIVE_WORDS = frozenset({"sejak", "semenjak", "dari", "mulai"})
"""Before "tahun lalu" or a year, these tell a story ("sejak tahun lalu suami sakit"), not the year asked."""

RELATIVE_YEARS = {"ini": 0, "sekarang": 0, "lalu": -1, "kemarin": -1, "kemaren": -1, "depan": 1}

_ORDINALS = {"kedua": 2, "ke2": 2, "ketiga": 3, "ke3": 3, "keempat": 4, "kelima": 5}


def ordinal(words: list[str]) -> int:
    for i, w in enumerate(words):
        if w in _ORDINALS:
            return _ORDINALS[w]
        if w == "ke" and i + 1 < len(words) and words[i + 1].isdigit() and len(words[i + 1]) == 1:
            return int(words[i + 1])
    return 1


def decide(
    u: Understanding,
    hits: set[str],
    personal: bool,
    greets: bool,
    common: list[str] | None = None,
    meaningful: list[str] | None = None,
) -> None:
    """Pick the intent of a question from what was found in it; a reply with figures only when every word is
    accounted for, else ask back."""
    _decide(u, hits, personal, greets)
    if u.intent == Intent.NOT_HELD and u.not_held == ["persons"]:
        _read_past_persons(u, hits, personal, greets)
    if u.national and u.intent in FIGURE_INTENTS and _joins_own(u, hits, False):
        u.intent = Intent.NATIONAL  # joining one of ours was not read as a question about it: no figure for it
    if (
        u.intent == Intent.UNKNOWN
        and len(u.words) >= OFF_TOPIC_WORDS
        and (common or meaningful)
        and not (u.regions or u.programs or u.group or u.province or DOMAIN_WORDS & set(u.words))
    ):
        u.intent = Intent.OUT_OF_SCOPE  # "resep gulai ikan tongkol", "buatkan surat lamaran": about something else
    if u.near_places and (
        u.intent in FIGURE_INTENTS
        or u.intent == Intent.UNKNOWN
        or (u.intent == Intent.OUT_OF_SCOPE and not (u.topic or u.not_held or u.national))
    ):
        u.intent = Intent.UNSURE  # "bintang total brp": "Maksud Anda Bintan?", never another topic or no answer
        return
    if (
        u.intent in FIGURE_INTENTS
        and "miskin" in u.rest
        and not (u.programs or u.group)
        and (RECIPIENT_WORDS | {"bansos", "bantuan", "dibantu"}).isdisjoint(u.words)  # "jumlah keluarga miskin": BPS
        and u.intent != Intent.ARITHMETIC
    ):
        u.intent = Intent.OUT_OF_SCOPE  # "berapa persen warga Batam yang miskin": the poor, not aid recipients
        u.topic = "poverty"
        return
    if u.intent == Intent.FIGURES and u.counts_other and not (u.programs or u.group or _counts_aid(u.words)):
        u.intent = Intent.OUT_OF_SCOPE  # "berapa jumlah masjid di Bintan": a count the figures do not hold
        return
    if u.intent in FIGURE_INTENTS and u.unexplained:
        requested = "request_data" in hits and bool(u.regions or u.programs or u.group or u.per or u.province)
        # "Saya guru SD di Karimun, sedang menyiapkan bahan diskusi … boleh saya minta rincian bantuan Karimun?": a
        # clear request for figures of a place or program is not blocked by the everyday words of the asker's story
        if (
            (not u.rare or _story(u))
            and not u.near_places  # "lingga sm bintang total brp": a word like a kab/kota's name is asked back
            and anchored(u, hits)
            and (requested or len(u.unexplained) * IGNORED_SHARE <= len(u.words))
        ):
            u.ignored, u.unexplained = u.unexplained, []
        elif _declines(u, hits, common or []) or _elsewhere(u, hits, common or []):
            u.intent = Intent.OUT_OF_SCOPE
    if u.intent in FIGURE_INTENTS and u.unexplained:
        u.intent = Intent.UNSURE
    elif u.intent in FIGURE_INTENTS and u.same_name and len(u.regions) == 1 and u.regions[0].code not in u.named_kabs:
        u.intent = Intent.SAME_NAME
    entity = u.regions or u.programs or u.group or u.arith
    if u.intent in FIGURE_INTENTS and "kapan" in u.words and not entity and "figures" not in hits:
        u.intent = Intent.OUT_OF_SCOPE  # "kapan lebaran tahun depan": a date asked, not figures of a year
    if u.intent == Intent.UNSURE and not u.vague and _elsewhere(u, hits, common or []):
        u.intent = Intent.OUT_OF_SCOPE  # "siapa pemenang lomba lari maraton 2022": a person, but of a race


OFF_TOPIC_WORDS = 3
"""A message of this many words or more that nothing about aid accounts for, with a common word left unexplained
("jawab soal fisika anak saya", "resep gulai ikan"), is about something else: said so plainly instead of "belum
paham" (rare words only, as in a mistyped question, still get "belum paham" with examples)."""

LONG_MESSAGE = 25
"""A message of this many words or more is a paragraph: an introduction or a story around the request."""
STORY_RARE_SHARE = 10
STORY_GAP = 3


def _story(u: Understanding) -> bool:
    """ "Saya staf di salah satu OPD kabupaten … perlu rekap UEP per kab/kota": in a long message naming its program
    or place, a few rare words (names, acronyms of the story: one in ten words at most) do not hide the request
    ("saya nelayan … istri jualan kue kecil2an … berapa keluarga di Lingga yg dapat bantuan")."""
    named = u.programs or u.group or u.regions
    if len(u.words) < LONG_MESSAGE or not named or len(u.rare) * STORY_RARE_SHARE > len(u.words):
        return False
    # never a word right by the program, place or number asked ("PMKS pengungsi rohingya di Batam berapa")
    near = {j for i in u.taken for j in range(i - STORY_GAP, i + STORY_GAP + 1)}
    near |= {j for i, w in enumerate(u.words) if w in NUMBER_WORDS for j in range(i - STORY_GAP, i + STORY_GAP + 1)}
    return all(i not in near for i, w in enumerate(u.words) if w in u.rare)


IGNORED_SHARE = 4
"""Everyday words are ignored only while they are at most a quarter of the question: "kucing terbang brp kk" is asked
back, "total penerima sepanjang 2022 berapa KK" is answered."""

ANCHOR_HITS = (
    "rank",
    "rank_most",
    "rank_least",
    "compare",
    "share",
    "arith.ratio",
    "arith.sum",
    "arith.average",
    "trend",
    "recap",
)
"""Phrases that make a question plainly about the figures (ranking, comparing, arithmetic)."""


def anchored(u: Understanding, hits: set[str]) -> bool:
    """The question is plainly about the aid figures: it names a program or a group, asks about aid or recipients
    ("KK", "penerima", "bansos"), or ranks, compares or computes. Then everyday words nothing accounts for ("sepanjang",
    "berdasarkan", "more", "than") are ignored knowingly; rare ones are still asked back."""
    if u.programs or u.group or u.arith or u.excluded or u.only_kind:
        return True
    if any(w in DOMAIN_WORDS and w != "dinsos" for w in u.words):
        return True
    if "dinsos" in u.words and _asks_figures(u, hits):
        return True  # "dinsos Bintan berapa" is about the figures; "jam pelayanan dinsos Bintan" is not
    return any(h in hits for h in ANCHOR_HITS)


CONTACT_DETAILS = frozenset(
    {"telepon", "telp", "nomor", "alamat", "email", "wa", "whatsapp", "hp", "jam", "kontak", "website", "situs", "web"}
    | {"hotline", "contact", "hubungi", "lokasi", "letak"}
)
"""Words asking an office's contact details; without them, "lapor kemana" in a citizen's story asks where to apply."""

REQUEST_HITS = (*ANCHOR_HITS, "request_data", "list_programs", "list_regions")
"""Phrases of a request for figures or lists ("rekap lengkap", "minta data", "per kab/kota")."""


def _requests(u: Understanding, hits: set[str]) -> bool:
    """The message asks for figures or a list ("tolong buatkan rekap per program per kab/kota, terima kasih"): thanks
    around it never replace it."""
    return u.per is not None or any(h in hits for h in REQUEST_HITS)


def _declines(u: Understanding, hits: set[str], common: list[str]) -> bool:
    """A place, plainly meaningful words nothing accounts for, and nothing about aid or figures ("listrik Batam padam
    terus", "Laut Natuna Utara sengketa"): about something else."""
    place = bool(u.regions or u.province or u.ambiguous)
    return place and bool(common) and not anchored(u, hits) and not _asks_figures(u, hits)


ELSEWHERE_WORDS = 2
"""Everyday words nothing accounts for that make a question naming no place, program or aid word about something
else ("siapa juara piala dunia 2022": a ranking word and a year, but of football)."""


def _elsewhere(u: Understanding, hits: set[str], common: list[str]) -> bool:
    """No place, no program, no word about aid, and at least two plainly meaningful words nothing accounts for: about
    something else, however much it asks for a number or a ranking."""
    if u.regions or u.province or u.ambiguous or u.programs or u.group or u.national or u.excluded:
        return False
    if DOMAIN_WORDS & set(u.words) or len(set(common)) < ELSEWHERE_WORDS:
        return False
    return not any(h in hits for h in ("recap", "trend", "arith.sum", "arith.average", "share"))


def _asks_number(words: list[str]) -> bool:
    """A number word that asks ("berapa", "jumlah", "berapa banyak", "lebih banyak mana"); "banyak yang belum dapat"
    (many have not got it) only says how many, it does not ask."""
    if any(w in NUMBER_WORDS and w != "banyak" for w in words):
        return True
    if any(a == "banyak" and b == "tidak" for a, b in pairwise(words)):
        return True  # "bnyk gak yg dpt di bintn": many or not, a number asked
    return "banyak" in words and not QUANTITY_CUES.isdisjoint(words)


QUANTITY_CUES = frozenset({"berapa", "seberapa", "mana", "lebih", "paling", "kurang", "sedikit"})


CITED_ASPECTS = frozenset({"source", "year"})
"""Aspects of the data that a figure's reply can give in full beside the figure asked."""
YEAR_NOUNS = frozenset({"tahun", "year"})


def _cites_figure(u: Understanding, hits: set[str], entity: bool) -> bool:
    """The source or the year of the data asked beside a figure the question names: a number asked (a number word
    not only in "tahun berapa") of a place, a program or the province, no what-if and nothing the data does not
    hold."""
    if not u.about or not set(u.about) <= CITED_ASPECTS or u.not_held or u.source_said or u.scenario:
        return False
    words = u.words
    asking = [i for i, w in enumerate(words) if w in NUMBER_WORDS and w != "banyak"]
    number = any(not (words[i] == "berapa" and i and words[i - 1] in YEAR_NOUNS) for i in asking)
    return number and (entity or u.province or "recap" in hits)


def _asks_figures(u: Understanding, hits: set[str]) -> bool:
    """Some cue of a figures question (a number word, a year, "data", "angka"): ask back rather than decline."""
    return u.year is not None or "figures" in hits or any(w in NUMBER_WORDS for w in u.words)


def _read_past_persons(u: Understanding, hits: set[str], personal: bool, greets: bool) -> None:
    """A count of persons asked of what would otherwise be compared, added up or ranked ("PMKS Karimun sama Natuna
    brp orang", "berapa jiwa di Batam dan Bintan", "total orang di Bintan ditambah Karimun"): the question is read as
    it would be without the persons, and keeps ``not_held == ["persons"]`` so the answer says the figures are KK and
    gives them for every place named (one place's figures stay the not-held reading, which already gives them)."""
    alt = deepcopy(u)
    alt.not_held = []
    _decide(alt, hits, personal, greets)
    if alt.intent in FIGURE_INTENTS and alt.intent != Intent.FIGURES and not alt.not_held:
        alt.not_held = ["persons"]
        for f in fields(u):
            setattr(u, f.name, getattr(alt, f.name))


def _decide(u: Understanding, hits: set[str], personal: bool, greets: bool) -> None:
    """The rules, in order: what the bot does not hold first, then explanations, then figures."""
    words = u.words

    def has(name: str) -> bool:
        return name in hits

    if has("creative_request") or (has("about_bot.creative") and not _asks_number(words)):
        # "buatin puisi ttg laut natuna", "tolong buat pantun tentang batam", "bikinin surat lamaran kerja": a request
        # to compose something, declined plainly whatever place, program or topic it names — never their figures ("ada
        # lomba puisi, berapa KK di Natuna?" only names a poem, and asks a number)
        u.intent, u.about_bot, u.topic = Intent.ABOUT_BOT, ["creative"], None
        return
    entity = bool(u.regions or u.programs or u.group)
    domain = entity or u.province or any(w in DOMAIN_WORDS for w in words)
    asks_number = _asks_number(words)
    story = _aid_story(u, hits, asks_number)
    # "sy disabilitas, apa sy masuk PMKS?", "nenek saya …, apa mereka termasuk PMKS?": whom the program is for
    member = (asks_membership(u, words) or has("which_program")) and has("personal.first_person")
    story = story or (member and not asks_number and not quotes_a_figure(words))
    if story:
        # "saya nelayan, pompong rusak kena angin, bisa minta bantuan modal UEP?", "kena PHK waktu covid, layak gak
        # dapat bansos?": the words of the asker's story (weather, health, work, a breakdown) do not make the question
        # one about them; who the aid is for and how to apply there
        if not u.topic_answered and (u.topic not in RELIEF_TOPICS or u.programs or u.group):
            u.topic = None
        elif u.topic in PAPER_TOPICS and (u.programs or u.group or not STORY_AID_WORDS.isdisjoint(words)):
            u.topic, u.topic_answered = None, False  # "e-ktp saya hilang, bisa tetap daftar bansos?": applying
        if {"age", "group"} & set(u.not_held):
            u.aid_notes.append("groups")  # "ada bantuan buat lansia?": the answer says figures per group are not held
        u.not_held = []
    if has("aid_story.lodger") and "moved" not in u.aid_notes:
        u.aid_notes.append("moved")  # "org luar kepri yg ngekos di batam bisa dapat?": register where one lives
    # "tetangga saya dapat modal usaha, saya juga ingin … bisa dapat?": another's aid, wanted too, is no grievance
    wants_too = (has("eligibility") or has("wanting.wish")) and not u.left_out
    grieved = has("aid_story.waited") or (has("aid_story.others_got") and not wants_too)
    # "… yg dpt malah org yg punya motor 2, kemana sy bisa ngadu": where to report is the grievance's own question
    reports = has("aid_story.well_off") and has("aid_story.reporting") and set(u.about) <= {"contact"}
    waited = grieved and not (asks_number or u.national or (u.about and not reports) or quotes_a_figure(words))
    waited = waited and not (has("info.purpose") and not has("personal.first_person"))  # "tujuannya apa kata dinsos"
    described = False
    if waited:
        u.aid_notes.append("waited")  # "bolak balik kelurahan, yg bener yg mana": empathy, where to ask
        if u.topic == REPORT_TOPIC and has("personal.phrases"):
            # "tetangga yg kaya malah dapat. apa sy terdaftar?": the asker's status, and where to report
            u.topic = None
            u.aid_notes.append("well_off")
        elif has("aid_story.well_off") and has("aid_story.reporting") and not u.topic_answered:
            # "sy mau lapor, di rt sy ada yg mobilnya 2 rumahnya bagus tp dapet bansos": where to report it
            u.topic, u.topic_answered, u.about = REPORT_TOPIC, True, []
        elif has("aid_story.well_off") and u.topic != REPORT_TOPIC:
            u.aid_notes.append("well_off")  # "padahal tetangga yg punya mobil dapat. sy masuk daftar gak?"
    asks_where = has("info.apply") or has("info.first")
    lived = has("aid_story.people") or has("aid_story.others_got") or u.left_out
    if u.topic in RELIEF_TOPICS and asks_where and lived and has("personal.first_person") and not asks_number:
        # "rumah kebanjiran bulan lalu, kena PHK … tetangga dpt bantuan tp sy gak pernah. sy harus kemana ya": where
        # to get aid (the desa/kelurahan, Dinsos kab/kota), the disaster's own line aside
        u.topic = None
    own_case = waited or (personal and u.left_out and has("personal.first_person"))
    if own_case and u.topic and not u.topic_answered and u.topic not in RELIEF_TOPICS:
        # "… padahal tetangga yg punya mobil dapat. sy masuk daftar gak?", "sy kerja serabutan gak pernah dapat, nama
        # saya ada gak?": the car, the job, the illness are of the asker's story, not the question
        u.topic = None
    if u.kind_asked and not (u.topic and u.topic_answered) and not u.national:
        # "guru ngaji dapat bantuan?", "tukang ojek dapat bansos ga": whether a kind of person gets aid — who it is for
        # and how to apply (a breakdown per group is not held: said beside it)
        if {"age", "group"} & set(u.not_held):
            u.aid_notes.append("groups")
        u.topic, u.not_held, u.intent, u.info_aspects = None, [], Intent.INFO, ["who", "apply"]
        return
    if has("thanks") and not (entity or asks_number or u.about or u.national or _requests(u, hits)):
        u.intent = Intent.THANKS  # "terima kasih, sangat membantu untuk tugas kuliah saya": thanks, not a topic
        return
    if u.topic and u.national and not u.topic_local and (u.topic_answered or not u.national_plain):
        # "BLT BBM kapan cair?", "kartu prakerja gelombang berapa", "BST covid masih ada?": the national program's own
        # answer says who runs it and where to check; a word of its story ("gelombang", "covid") is no other topic
        u.topic = None
    elif u.topic == "population" and u.regions and "why" in hits and not (DATA_WORDS | AID_WORDS).isdisjoint(words):
        u.topic = None  # "data batam kok dikit, penduduk kan jutaan": the figures count aid KK, not the population
        u.unit_claim = "population"
    elif (
        u.topic
        and u.topic_when
        and u.year is not None
        and (asks_number or ("data" in words and not WHEN_WORDS.isdisjoint(words)))
        and (_about_recipients(words) or "angka" in words or "data" in words)
    ):  # "data pas covid 2020 ada?": the data of that year; "data covid Batam 2021" is the pandemic's
        u.topic = None  # "pas covid 2020 brp yg dibantu", "angka 2020 waktu covid": the topic only says when
    elif u.topic == "population" and personal:
        u.topic = None  # "[foto] KTP saya tolong dicek dapat bantuan ga": a status check, not population records
    elif u.topic == "population" and (
        has("info.documents") or not APPLY_WORDS.isdisjoint(words) or _only_for_holders(words)
    ):
        u.topic = None  # "KTP sama KK perlu?": the documents for applying, not population records
        if _only_for_holders(words) and not has("info.documents"):
            u.intent, u.info_aspects = Intent.INFO, ["who", "apply"]  # "bantuan cuma utk warga ber KTP Kepri?"
            return
    elif u.topic and u.topic_answered:
        pass  # a scam warning or how to report answers "benar gak itu?" too
    elif u.topic and u.about == ["contact"] and not any(w in OFFICE_WORDS for w in words):
        u.about = []  # "RSUD Tanjungpinang telp berapa": the hospital's contact, a topic of its own
    elif u.topic and u.about:
        u.topic = None  # "siapa pejabat yang menyampaikan angka ini": about the data, not about officials
    elif u.topic and domain and (has("request_data") or (has("info.apply") and any(w in AID_WORDS for w in words))):
        u.topic = None  # "DPRD … memohon data penerima", "KTP masih Sumut, bisa daftar bansos": about the aid
    elif (
        u.topic == "poverty" and has("info.who") and not asks_number and not ({"bantuan"} | AID_WORDS).isdisjoint(words)
    ):
        u.topic = None  # "bantuan ini cuma buat orang miskin ya": whom the aid is for, not poverty figures
    elif u.topic == "poverty" and RECIPIENT_WORDS & set(words) and not {"bantuan", "bansos"}.isdisjoint(words):
        u.topic = None  # "skripsi tentang kemiskinan … minta total penerima bantuan Dinsos": the aid recipients
    elif u.topic and not u.topic_answered and (u.programs or u.group) and RECIPIENT_WORDS & set(words):
        u.topic = None  # "berapa warga Natuna yang dapat PMKS": the program's recipients
    elif u.topic and not u.topic_answered and (u.programs or u.group) and has("eligibility"):
        # "pengangguran bs ikut uep gak", "karyawan pabrik bisa ikut KUBE?": whether such people can join the program,
        # answered by whom it is for and how to apply
        u.topic, described = None, True
    elif (
        u.topic
        and not u.topic_answered
        and len(words) >= LONG_MESSAGE
        and asks_number
        and u.regions
        and RECIPIENT_WORDS & set(words)
        and _about_recipients(words)
    ):
        # "saya nelayan di Lingga, sejak cuaca buruk … berapa keluarga di Lingga yg dapat bantuan": the story's
        # weather or prices say who asks; the number asked is of the place's aid recipients
        u.topic = None
    elif (
        u.topic
        and u.topic_when
        and not u.topic_answered
        and (u.programs or u.group)
        and u.program_mentions
        and has("personal.first_person")
    ):
        # "usaha kue saya modal habis krn covid … apa ada program modal usaha dr dinsos?": the pandemic or the
        # disaster says when the asker's trouble began; the program named is what is asked
        u.topic = None
    elif u.topic and (u.programs or u.group) and has("recap"):
        u.topic = None  # "rapat penanggulangan kemiskinan, perlu rekap UEP per kab/kota": the program's figures
    pandemic_why = u.topic == "health" and u.topic_when and has("why") and not (u.national or asks_number or u.regions)
    if pandemic_why and not ({"bantuan"} | AID_WORDS).isdisjoint(words):
        # "knp bantuannya banyak thn 2022, ada hubungannya sm covid?": why the aid, as its source states its aim
        u.topic, u.intent, u.info_aspects = None, Intent.INFO, ["purpose", "why"]
        return
    bot_asked = any(f"about_bot.{a}" in hits for a in ("identity", "limits", "feedback"))
    if u.topic and not u.topic_answered and bot_asked and not entity:
        u.topic = None  # "pinter jg nih bot, gaji lu brp?": a joke to the bot, not a question about wages
    if u.topic:
        u.intent = Intent.OUT_OF_SCOPE
        return
    if u.umbrella and not story and not u.national and not (u.programs or u.group):  # "kabid rehsos, minta UEP"
        # "Program Rehabilitasi Sosial berapa KK?", "Program Perlindungan dan Jaminan Sosial mencakup apa?": named in
        # the report, with no figure of its own and no list of the activities under it
        u.intent, u.not_held = Intent.NOT_HELD, ["umbrella"]
        return
    if _about_bot(u, hits, entity, asks_number):
        u.intent = Intent.ABOUT_BOT
        return
    if _aid_not_reaching(u, hits, asks_number):
        u.intent, u.about_bot = Intent.ABOUT_BOT, ["not_reaching"]  # "bantuan gak pernah nyampe ke kampung kami"
        return
    joins_own = _joins_own(u, hits, asks_number)  # "sudah dapat PKH boleh dapat BSKK juga?": about our program
    if u.national and "overlap" in u.not_held and APPLY_WORDS.isdisjoint(words) and not asks_number and not joins_own:
        u.intent, u.not_held = Intent.NOT_HELD, ["overlap"]  # "PKH sama UEP bisa dobel gak": not in the data
        return
    if u.national and has("info.required") and not asks_number:
        # "apakah harus terdaftar DTKS untuk dapat bantuan ini?": whether the aid needs that registration, answered as a
        # step of applying, not what the national data base is
        u.intent, u.info_aspects, u.national = Intent.INFO, ["required", "apply"], []
        return
    own_status = personal and bool(u.national) and u.national_cek_bansos and has("personal.first_person")
    own_status = own_status and not any(h.startswith("info.") for h in hits)  # "kartu KKS sy, dapet bantuan apa?"
    # "kartu KKS sy, cek saldo": the card's topic; "… 58 ribu KK, kenapa kami tidak dapat": that figure explained
    if own_status and not (asks_number or joins_own or u.topic_seen or quotes_a_figure(words)):
        # "[foto] ini kartu KKS saya, apa sy terdaftar bansos dinsos?", "apa saya terdaftar PKH?": the asker's own
        # status, which the bot cannot check; the national program named gets a line of its own
        u.intent = Intent.PERSONAL
        u.aid_notes.append("national")
        return
    if u.national and not joins_own:
        u.intent = Intent.NATIONAL
        return
    if u.national and joins_own and not APPLY_USE.isdisjoint(words):
        # "kartu KKS bisa buat daftar UEP?": applying for one of ours with the national card: who it is for, how to
        # apply (the card's own line follows)
        u.intent, u.info_aspects = Intent.INFO, ["who", "apply"]
        return
    own_places = bool(u.regions) and all(r.code in u.named_kabs for r in u.regions)
    joined = u.outside_joined and own_places
    figures_asked = u.programs or u.group or asks_number or has("figures") or has("compare")
    if u.outside and joined and figures_asked and not has("info.apply"):
        pass  # "PMKS Natuna dan Medan berapa?": Natuna's figure, and Medan said to be outside (see the answerer)
    elif u.outside and len(u.regions) < 2 and not (u.regions and (has("info.apply") or story)):
        # "perantau dari Medan, tinggal di Batam, bisa daftar?": applying where they live, not the place left
        u.intent = Intent.OUTSIDE
        return
    if u.non_person and _about_aid(u, hits):
        u.intent = Intent.NOT_PERSON  # "kucing saya dapat PMKS?": aid goes to families, never a figure
        return
    if waited and not HOW_OR_WHO.isdisjoint(words) and has("info.who") and not (u.topic and u.topic_answered):
        # "… gak pernah masuk data … bantuan dinsos itu utk siapa sih??": who the aid is for, how to apply, and where
        # to ask or complain, with empathy; never only the status check
        u.intent, u.info_aspects, u.topic = Intent.INFO, ["who", "apply"], None
        return
    applied_waiting = u.left_out and not APPLY_WORDS.isdisjoint(words) and not (entity or asks_number)
    if u.left_out and _applied_before(words) and not (asks_number or quotes_a_figure(words) or u.national):
        # "sy udh daftar UEP dr thn lalu blm ada kabar": their own application, which no figure of UEP answers; the
        # bot cannot follow it, so where to ask about it
        applied_waiting = True
        if "waited" not in u.aid_notes:
            u.aid_notes.append("waited")
    if _moving(u, hits, asks_number):
        # "kalau sy pindah domisili dr batam ke bintan, bantuan sy ikut pindah gak?": what becomes of the asker's aid
        # when they move, never the two places compared
        u.intent, u.topic = Intent.PERSONAL, None
        u.aid_notes.append("moving")
        return
    in_need = has("aid_story.served") and has("info.apply")  # "… tetangganya dapet … gmn caranya biar nenek sy didata?"
    if waited and not (asks_number or u.programs or u.group or (u.topic and u.topic_answered) or in_need):
        u.intent, u.topic = Intent.PERSONAL, None  # "udh 2 thn ngurus, bolak balik kelurahan": their own case
        return
    if personal and "frequency" in u.not_held and not has("personal.first_person"):
        u.intent = Intent.NOT_HELD  # "bantuan per bulan brp kali cair": how often aid is paid, not a status check
        return
    if personal or applied_waiting:  # "udah daftar 3 bulan lalu blm ada kabar": their own application
        u.intent = Intent.PERSONAL
        return
    listing = has("list_programs") or has("list_regions")
    figures_of_aid = asks_number or _counts_aid(words) or u.year is not None  # "dinsos kepri bantu brp keluarga"
    claimed = u.unit_claim is not None and quotes_a_figure(words)  # "dinsos kepri bantu 58 ribu orang kan": a figure
    figures_of_aid = figures_of_aid or claimed
    if has("help") and not entity and not listing and not u.about and not figures_of_aid:  # "bisa dipercaya?": data
        u.intent = Intent.HELP
        return
    office_asked = bool({"contact", "person"} & set(u.about)) and not (u.programs or u.group or _counts_aid(words))
    if u.about == ["complete"] and entity:
        u.about = []  # "kok BSKK per daerah ga ada natuna, datanya lengkap gak": that program's gaps, with its figures
    if u.about == ["source"] and not u.regions and (u.per == "region" or has("recap")) and has("request_data"):
        u.about = []  # "butuh data penerima per kab/kota tahun 2022 beserta sumbernya": the recap, which cites it
    if u.about == ["person"] and NAME_ASKED.isdisjoint(words) and hearsay_figure(u):
        u.about = []  # "Kata Pak Kadis KUBE itu 600 KK ya?": the official said the figure checked
    if u.about == ["person"] and u.left_out and has("personal.first_person") and not asks_number:
        # "saya disabilitas … dulu pernah didata petugas tapi blm ada kabar … saya harus tanya ke siapa?": the officer
        # is of the asker's story, and whom to ask is where to apply, not an official's name
        u.about = []
        if "waited" not in u.aid_notes:
            u.aid_notes.append("waited")
        u.intent, u.info_aspects = Intent.INFO, ["who", "apply"]
        return
    if u.about == ["person"] and (has("recap") or has("request_data")) and NAME_ASKED.isdisjoint(words):
        # "rekapitulasi BSKK per kab/kota untuk bahan laporan pimpinan": the official is whom the recap is for
        u.about = []
    if story and u.about == ["contact"] and CONTACT_DETAILS.isdisjoint(words):
        u.about = []  # "sy penyandang disabilitas … masuk program apa, sy hrs lapor kemana": where to apply
    if (
        u.about == ["contact"]
        and CONTACT_DETAILS.isdisjoint(words)
        and has("info.apply")
        and (has("aid_story.people") or has("aid_story.served"))
        and not asks_number
    ):
        # "tetangga sy udh tua, tinggal sendiri … harus lapor kemana biar dia dibantu": someone else's case, where to
        # report it is how to apply for them, not the office's contact details
        u.about = []
        u.intent, u.info_aspects = Intent.INFO, ["who", "apply"]
        return
    if _cites_figure(u, hits, entity):
        # "jumlah keseluruhan KK penerima 2022 beserta sumber datanya", "total kepri berapa, sumbernya apa, tahun
        # berapa": a figure asked with its source and year; the figure, then the source in full
        u.cited, u.about = u.about, []
    if u.about and (not (asks_number and entity) or office_asked):  # "berapa nomor wa dinsos Karimun": not a figure
        u.intent = Intent.ABOUT_DATA
        return
    if "overlap" in u.not_held and _wants_aid_too(u):
        # "saya harus ke mana supaya bisa dapat juga": the asker wants aid like others, no second program in view
        u.not_held.remove("overlap")
        u.intent, u.info_aspects = Intent.INFO, ["apply"]
        return
    if "overlap" in u.not_held and APPLY_WORDS.isdisjoint(words) and not u.national:
        u.intent = Intent.NOT_HELD  # "1 KK bisa dapat 2 program sekaligus? jadi 58 ribu itu orang beda semua?"
        return
    if has("aid_exists") and not (entity or u.national or asks_number or quotes_a_figure(words)):
        # "kite ni orang susah, bantuan ni betol ke ade?": yes, it exists (its figures), who it is for, how to apply
        u.intent, u.info_aspects = Intent.INFO, ["exists", "who", "apply"]
        return
    aspects = [a for a in ("purpose", "what", "who", "help", "apply") if has(f"info.{a}")]
    if asks_number and not (set(aspects) & {"what", "apply"}):
        aspects = []
    numeric = (
        has("rank")
        or has("rank_most")
        or has("rank_least")
        or has("share")
        or has("arith.ratio")
        or has("arith.average")
        or (has("compare") and len(u.regions) >= 2)  # "Natuna sama Anambas banyakan mana yg dapat PMKS"
    )
    steps = [a for a in STEP_ASPECTS if has(f"info.{a}")]
    if asks_number and steps != ["free"]:
        steps = []  # "PMKS lewat bot berapa": a number; "daftar bayar berapa?" is still the cost
    aid_named = bool(u.programs or u.group) or not AID_WORDS.isdisjoint(words) or "bantuan" in words
    applying = has("info.apply") or not APPLY_WORDS.isdisjoint(words)
    if steps and (applying or aid_named or (not u.unexplained and not entity and len(words) <= SHORT_STEP)):
        # "daftar UEP bayar gak?", "bisa daftar lewat HP?", "ke kantor mana dulu?": that step of applying, first
        aspects = [*steps, *(a for a in aspects if a not in steps and a != "help"), "apply"]
        aspects = list(dict.fromkeys(aspects))
    if (u.programs or u.group) and "mana" in words and not REGION_NOUNS.isdisjoint(words):
        aspects = []  # "daerah mana aja yg dpt BSKK?": which kab/kota got it, the program's figures per kab/kota
    if "what" in aspects and _what_is_a_number(words, bool(u.regions) or u.named_province):
        aspects = [a for a in aspects if a != "what"]  # "what is the total number of families helped …"
    if not aspects and _confirms(u, has, numeric):
        aspects = ["what", "who", "help"]  # "UEP itu bantuan modal usaha ya?": what the program is, no figures
    own = "personal.first_person" in hits
    can = _asks_eligibility(u, hits, asks_number or numeric)
    if can and "eligibility" not in u.aid_notes:
        u.aid_notes.append("eligibility")  # "apakah saya bisa dapat?": the answer says who decides it
    if story or can or described:
        # "nenek saya 80 tahun di Daik, bisa dibantu?", "kami ibu-ibu di Moro mau usaha bareng, bisa KUBE?": who the
        # aid is for and how to apply (through the place's desa/kelurahan and Dinsos), never the place's figures
        aspects = list(dict.fromkeys([*(a for a in aspects if a != "help"), "who", "apply"]))
    if u.regions and aspects == ["who"] and _place_getting(u, words) and not (own or story):
        aspects = []  # "Pulau Penyengat ada yg dapat pmks?", "klg miskin karimun yg dpt BSKK": the place's figures
    of_place = own and has("vague_place")  # "[lokasi: Ranai, Natuna] daerah sy dpt apa aja": the asker's area
    if (
        u.regions
        and not (u.programs or u.group or (own and not of_place))
        and (aspects == ["help"] or has("list_programs"))
    ):
        aspects = []  # "Karimun dapat apa aja?", "Anambas dapat bantuan apa": the aid the place got, its figures
    # "beda angka kube dan uep", "the difference in numbers between KUBE and UEP": their figures compared, not what
    # the programs are
    in_figures = has("info.differ") and not FIGURE_NOUNS.isdisjoint(words)
    if in_figures and has("compare"):
        aspects = [a for a in aspects if a != "what"]
    explains = has("info.differ") and (len(u.programs) >= 2 or u.group) and not (asks_number or in_figures)
    if explains:
        aspects = aspects or ["what", "who"]
    if "apply" in aspects and u.applies_elsewhere and not (u.programs or u.group or aid_named):
        u.intent = Intent.OUT_OF_SCOPE  # registering for something else: no registration steps for aid
        return
    if (
        aspects
        and (u.programs or u.group or domain or "apply" in aspects or _short_who(u, aspects))
        and not numeric
        and not (u.regions and asks_number)
    ):
        u.intent = Intent.INFO
        u.info_aspects = aspects
        return
    bare = bool(words) and all(w in BARE_NUMBER_WORDS for w in words)  # "brp?", "jumlahnya berapa": of what?
    bare = bare or bare_share(words, has)  # "berapa persen": of what, of which whole?
    # "58 ribu kk itu berapa jiwa": that figure's unit; "yg dibantu itu brp jiwa", "penerima itu brp yg lansia": a
    # breakdown the data does not hold, whatever "itu" points at, is said not held rather than asked back
    breakdown = not bare and set(u.not_held) <= _RECIPIENT_BREAKDOWNS
    quoted_held = bool(u.not_held) and (quotes_a_figure(words) or breakdown)
    # "rata2 penerima per kab/kota dr 58.849 itu brp": "itu" points at the figure typed, averaged
    computed = quotes_a_figure(words) and (has("arith.average") or _divided_over_places(words))
    vague = has("vague_ref") or has("vague_place")
    # "[foto] pmks di wilayah ini brp": a program named, its place only pointed at, is asked back which kab/kota too
    entity = entity and not (has("vague_place") and not u.regions and not quotes_a_figure(words))
    if (vague or bare) and not (entity or u.named_province or u.ambiguous or quoted_held or computed):
        u.intent = Intent.UNSURE  # "program itu", "di tempat saya": refers to something the question never names
        u.vague = True
        # "[foto] brp yg dapat di daerah ini": which kab/kota ("program itu di daerah saya": which program and place)
        u.vague_place = has("vague_place") and not has("vague_ref")
        return
    if "frequency" in u.not_held and has("arith.ratio") and (len(u.regions) >= 2 or len(u.programs) >= 2):
        u.not_held.remove("frequency")  # "Batam berapa kali lipat Bintan" is a ratio, not how often aid is paid
    if (
        "non_recipients" in u.not_held
        and u.regions
        and not (own or asks_number or REMOVED_WORDS & set(words) or not APPLY_WORDS.isdisjoint(words))
    ):
        # "Kenapa Anambas tidak dapat bantuan sama sekali?": a place said to get nothing; its figures answer that
        u.not_held.remove("non_recipients")
    if "non_recipients" in u.not_held and personal and u.left_out and has("personal.first_person"):
        # "bintan dapat ribuan KK, kenapa keluarga saya belum pernah dapat?": the asker's own case, not a count of
        # families left out
        u.not_held.remove("non_recipients")
    for_whom = bool(u.not_held) and set(u.not_held) <= {"age", "group"} and not (u.programs or u.group)
    business = has("livelihood")  # "bantuan modal buat buka warung", "modal jualan kue": the economic programs
    if (for_whom or business) and "ada" in words and not (asks_number or numeric) and _about_recipients(words):
        # "ada bantuan buat lansia?", "ada bantuan modal buat buka warung ga di Karimun": whether such aid exists is
        # who the aid is for and how to apply (figures per group are not held: the answer says so)
        u.intent = Intent.INFO
        u.info_aspects = ["who", "apply"]
        return
    if "persons" in u.not_held and (u.programs or u.group) and not APPLY_WORDS.isdisjoint(words):
        # "daftar kube hrs brp org": how many members a group needs to apply, not the program's count of KK
        u.intent, u.info_aspects, u.not_held = Intent.INFO, ["what", "apply"], ["group_size"]
        return
    if u.not_held:
        u.intent = Intent.NOT_HELD
        return
    if _arithmetic(u, has):
        u.intent = Intent.ARITHMETIC
        if u.arith == Arith.AVERAGE and not u.regions and (has("rank_most") or has("rank_least")):
            # "rata2 total penerima di 3 kab kota terbesar": the average of the first few of the order
            u.top_n = next(
                (
                    int(n)
                    for i, n in enumerate(words)
                    if n.isdigit()
                    and int(n) > 1
                    and (
                        (i + 1 < len(words) and (words[i + 1] in REGION_NOUNS or words[i + 1].startswith("ter")))
                        or (i > 0 and words[i - 1] == "top")  # "3 kab kota terbesar", "kabupaten 3 terbesar", "top 3"
                    )
                ),
                None,
            )
            u.rank = (Rank.LEAST if has("rank_least") else Rank.MOST) if u.top_n else None
        return
    # "saya nelayan, tangkapan turun terus … berapa yang dapat UEP?": a word of the asker's story, the number asked
    told = has("trend") and asks_number and has("personal.first_person") and TREND_ASKED.isdisjoint(words)
    if (
        (has("trend") or len(u.years) >= 2)
        and not (told and len(u.years) <= 1)
        and (domain or u.years or has("figures") or (has("trend") and not u.unexplained))
        and len(u.regions) <= 1
    ):
        u.intent = Intent.TREND  # "tren Batam", "bandingkan 2022 dan 2023", "PMKS naik atau turun?"
        return
    if has("recap") and not (u.programs or u.group or u.regions) and not numeric and u.per != "program":
        u.intent = Intent.LIST_REGIONS  # not "rekap semua bantuan Batam": Batam's figures
        return
    if has("recap") and u.per == Per.PROGRAM and not (u.programs or u.group or u.regions or numeric):
        u.intent, u.province = Intent.FIGURES, True  # "rekap per kegiatan": each program's total in the province
        return
    if has("list_programs") and not (u.programs or u.regions or asks_number or numeric):
        u.intent = Intent.LIST_PROGRAMS
        return
    if has("list_regions") and not u.regions and not asks_number and not numeric and not (u.programs or u.group):
        u.intent = Intent.LIST_REGIONS
        return
    if has("rank_least") or has("rank_most") or has("rank"):
        u.rank = Rank.LEAST if has("rank_least") else Rank.MOST
        u.rank_position = ordinal(words)
        u.ambiguous.clear()
        # "tanjungpinang peringkat brp kalau total semua kegiatan": every program together is the figure ranked
        combined = bool(u.regions) and any(w in PROGRAM_WORDS and together_at(words, i) for i, w in enumerate(words))
        about_programs = any(w in PROGRAM_WORDS for w in words) and not (u.programs or u.group or combined)
        about_regions = any(w in REGION_WORDS for w in words)
        names_regions = any(w in REGION_NOUNS for w in words)
        if len(u.regions) >= 2:
            u.intent = Intent.COMPARE
        elif about_programs and not names_regions:
            u.intent = Intent.RANK_PROGRAMS
        elif about_regions or domain or "apa" not in words:
            u.intent = Intent.RANKING
        else:
            u.intent = Intent.UNSURE  # "yang paling banyak apa?": programs or regions?
        return
    compares_named = len(u.regions) >= 2 and (has("compare") or "more" in words or "lebih" in words)
    if "siapa" in words and not asks_number and not compares_named:  # "siapa kepala dinas …": a person, no figure
        u.intent = Intent.UNSURE
    elif has("share") and (domain or u.ambiguous or any(w in REGION_WORDS for w in words)):
        u.intent = Intent.SHARE
        u.each_program = any(w in PROGRAM_WORDS for w in words) and not (u.programs or u.group or u.regions)
    elif len(u.regions) >= 2 or (has("compare") and u.regions):
        u.intent = Intent.COMPARE
    elif has("compare") and len(u.programs) < 2 and not u.group:
        u.intent = Intent.COMPARE  # every kab/kota
    elif u.ambiguous and not u.regions:
        u.intent = Intent.AMBIGUOUS
    elif entity or u.province:
        u.intent = Intent.FIGURES
    elif (
        (u.year is not None and (domain or has("figures") or not u.unexplained))
        or (domain and (has("figures") or has("province")))
        or (asks_number and has("province"))
        or only_recipients_counted(words)
        or (claimed and (has("province") or has("help")))  # "pemprov bantu 58 ribu warga kan"
    ):
        u.intent = Intent.FIGURES
        u.province = True
    elif has("thanks"):
        u.intent = Intent.THANKS
    elif (greets and len(words) <= 8) or (u.holiday and not (domain or asks_number)):
        u.intent = Intent.GREETING
    elif has("help") or has("invite"):
        u.intent = Intent.HELP  # "mau tanya soal bantuan dong": invite the question


ONLY_SAID = frozenset({"cuma", "hanya", "only", "doang", "cuman"})
"""Words of "only" ("cuma", "hanya"), said of a program or of a place."""
PLACE_LEAD = frozenset(
    {"untuk", "orang", "warga", "penduduk", "masyarakat", "di", "dari", "yang", "kota", "kabupaten", "kab", "daerah"}
    | {"wilayah", "for", "in", "people", "the", "residents", "families", "of", "from", "ada", "buat", "bagi", "ke"}
    | {"kepada", "diberikan", "dikasih", "disalurkan", "pergi", "goes", "go", "went", "given", "to", "at"}
)
"""Words that may stand between an 'only' word and the place it singles out ("cuma untuk Batam", "cuma orang Batam
yang dapat", "only people in Batam")."""


ONLY_JOINED = frozenset({"dan", "sama", "ama", "serta", "and", "or", "atau", "&"})
"""Words joining the places an 'only' word singles out together ("cuma untuk Tanjungpinang sama Batam")."""


def only_places_claimed(u: Understanding) -> list[str]:
    """ "katanya UEP cuma untuk Batam?", "kawan sy kata cuma org batam yg dapat bantuan usaha", "bantuan cuma utk
    tanjungpinang sama batam?": an 'only' word said of one kab/kota or of several joined (a claim that only those
    places got the aid), not of the program ("Anambas cuma dapat PMKS"); the codes of those kab/kota, in order, or
    none. Another place named ("sy di natuna, kata org bantuan cuma utk batam") is not claimed."""
    starts = {r.start: r.code for r in u.regions if not r.sub_code}
    lengths = {r.start: max(len(r.text.split()), 1) for r in u.regions}
    found: list[str] = []
    for i, w in enumerate(u.words):
        if w not in ONLY_SAID:
            continue
        j = i + 1
        while j < len(u.words):
            while j < len(u.words) and u.words[j] in PLACE_LEAD and j not in starts:
                j += 1
            if j not in starts:
                break
            if starts[j] not in found:
                found.append(starts[j])
            j += lengths[j]  # past the place's name ("tanjung pinang")
            if j >= len(u.words) or u.words[j] not in ONLY_JOINED:
                break
            j += 1
        if found:
            return found
    return found


def only_place_claimed(u: Understanding) -> str:
    """The first kab/kota an 'only' word singles out (:func:`only_places_claimed`), or ""."""
    claimed = only_places_claimed(u)
    return claimed[0] if claimed else ""


TREND_ASKED = frozenset({"tren", "trend", "trends", "perkembangan", "perubahan", "dibanding", "dibandingkan"})
"""Words that ask for a trend itself; without them "turun" in a first-person story that asks a number is the story."""
BOT_ASPECTS = (
    "creative",
    "privacy",
    "self_aid",
    "forward",
    "event",
    "maker",
    "ai",
    "compute",
    "chart",
    "admin",
    "identity",
    "limits",
    "wrong_answer",
    "feedback",
    "discontent",
    "complaint",
    "contribute",
    "quote",
    "export",
    "language",
)
"""What people ask about the bot itself, most specific first (phrases: data/lexicon.json "about_bot")."""
ABILITIES = frozenset({"compute", "chart"})
"""What the bot can do, asked of itself ("kamu bisa ngitung ga?", "bisa bikin grafik?")."""
FIGURE_ASKED = (
    *("rank", "compare", "per.", "recap", "trend", "order", "exclude"),
    *("arith.average", "arith.ratio", "arith.median"),
)
"""Hits of a figure asked or computed: with them an ability word asks for it ("bisa hitung rata2 per kab/kota?"). A
share or sum named alone ("bot bisa hitung persentase?") still asks about the ability."""
DATA_WORDS = frozenset({"data", "angka", "informasi", "info", "jawaban", "figures", "numbers", "grafik"})
ABOUT_ITSELF = frozenset(
    {"identity", "maker", "ai", "slow", "limits", "wrong_answer", "feedback", "language", "creative"}
)
"""Aspects about the bot alone: asked with a number word ("gaji kamu berapa?") still about the bot."""
SELF_AID_CUES = AID_WORDS | {"bantuan", "dapat", "terima", "program"}
SLOW_WORDS = frozenset({"lambat", "lama", "lemot", "lelet", "lamban", "slow", "telat"})
REPLY_WORDS = frozenset({"balas", "balasan", "membalas", "dibalas", "respon", "respons", "reply", "replies", "jawab"})
"""A slow word with a word of replying and nothing about aid ("lambat bgt sih bls nya", "lama amat balasnya"): the
bot's own replies are slow, not a service of the office."""
SERVICE_WORDS = DOMAIN_WORDS | OFFICE_WORDS | {"petugas", "pelayanan", "layanan", "kantor", "cair", "pencairan"}
CROWD_WORDS = frozenset(
    {"ramai", "rame", "ricuh", "kericuhan", "rusuh", "berdesakan", "desak", "sesak", "crowded", "crowd"}
)
"""A queue told as a happening ("antrian … rame bgt", "[foto] antrean penyaluran"), not the asker's reluctance to
queue ("males antri di kantor", which asks about applying)."""
FORWARD_OF_CONTACT = frozenset({"forward", "complaint", "event", "discontent", "admin", "contribute"})
"""Answered alike whatever place is named: where a complaint goes, that the bot passes none on, that it knows no
happening on the ground."""


def _aid_not_reaching(u: Understanding, hits: set[str], asks_number: bool) -> bool:
    """ "bantuan gak pernah nyampe ke kampung gw", "bansos di desa kami gak merata": a complaint that aid does not
    reach the asker's place (phrases "not_reaching"), no number asked: empathy, where to report and how to apply."""
    if (
        "not_reaching" not in hits
        or asks_number
        or u.national
        or u.outside
        or "aid_story.waited" in hits
        or "aid_story.others_got" in hits
    ):
        return False
    if "request_data" in hits or "recap" in hits:
        return False  # "mau sampaikan data bantuan … per program, warga sering tanya kok gak merata": the figures
    if "personal.first_person" in hits and "local_area" not in hits:
        return False  # "ibu sy udah tua kok gak pernah dpt bantuan": their family's own case, not their village's
    return bool(SERVICE_WORDS & set(u.words) or u.programs or u.group or "local_area" in hits)


_NOT_THE_BOT = frozenset({"bot", "kamu", "anda", "jawaban", "jawabannya", "you"})
"""Words that make a slowness the bot's ("kamu lama bgt jawabnya"), not the aid's service."""


HYPOTHETICAL_WORDS = frozenset({"kalau", "jika", "bila", "apabila", "misal", "if", "bisa", "pernah", "suka", "can"})
"""Words that make "jawabanmu salah" a question whether the bot can be wrong ("kalau jawabanmu salah gimana?")."""


def _about_bot(u: Understanding, hits: set[str], entity: bool, asks_number: bool) -> bool:
    """ "Kamu bot atau manusia?", "Bot, kamu sendiri dapat bansos juga ga?", "ke mana kalau mau komplain?", "boleh
    saya kutip?", "kirim dalam bentuk excel": about the bot, answered without figures. A question that also names a
    place or asks a number is about the figures ("bot, PMKS Batam berapa")."""
    asked = [a for a in BOT_ASPECTS if f"about_bot.{a}" in hits]
    if any(h.startswith(FIGURE_ASKED) for h in hits) or asks_number or entity or u.national or u.about:
        # "bisa hitung rata2 per kab/kota?", "bisa bikin grafik PMKS?", "bisa hitung brp persen Batam?": a figure
        # asked or computed, answered as such; only a question about the ability itself is answered so
        asked = [a for a in asked if a not in ABILITIES]
    if SLOW_WORDS & set(u.words) and REPLY_WORDS & set(u.words) and not SERVICE_WORDS & set(u.words) - {"bot"}:
        asked = ["slow"]  # "lambat bgt sih bls nya": the bot's replies, not the office's service
    crowd = not CROWD_WORDS.isdisjoint(u.words) or "[" in u.text  # a crowd said, or a photo of it
    if "event" in asked and ("confirm" in hits or u.named_province or len(asked) > 1 or not crowd):
        asked.remove("event")  # "[foto] antrian bansos di kantor pos, ini dari Dinsos bukan?": what is asked instead
    words = set(u.words)
    slow_service = SLOW_WORDS & words and (SERVICE_WORDS - {"bot"}) & words and not REPLY_WORDS & words
    if slow_service and ("feedback" in asked or (crowd and "complaint" in asked)) and _NOT_THE_BOT.isdisjoint(words):
        # "[foto] antrian panjang. knp pembagian bansos lama bgt": the aid's service is slow, not the bot's replies: a
        # happening on the ground the bot knows nothing of, and where to ask or complain
        asked = [*(a for a in asked if a not in ("feedback", "event", "complaint")), "event", "complaint"]
    if "wrong_answer" in asked:
        if (_NOT_THE_BOT | {"answer", "answers", "jawab"}).isdisjoint(words) and (SERVICE_WORDS - {"bot"}) & words:
            # "pembagian bansos ngawur": the aid's handling, not the bot's answers — where to complain
            asked = [a for a in asked if a != "wrong_answer"] or ["complaint"]
        elif "limits" in asked and not HYPOTHETICAL_WORDS.isdisjoint(words):
            asked.remove("wrong_answer")  # "kalau jawabanmu salah gimana?": whether it can be wrong, not a complaint
        else:
            # "bot goblok jawabannya salah mulu": one apology, which figure looks wrong, what the data is
            asked = [a for a in asked if a not in ("limits", "feedback")]
    if "admin" in asked and "identity" in asked:
        asked.remove("identity")  # "kamu bot? adminnya siapa": the answer on the admin says the bot is automatic
    if "discontent" in asked and not {"bot", "kamu", "anda"}.isdisjoint(u.words):
        asked = [a for a in asked if a != "discontent"] + ([] if "feedback" in asked else ["feedback"])
    if "discontent" in asked and "complaint" in asked:
        asked.remove("complaint")  # "keluhan: dinsos gak becus": the answer on the frustration gives the channels
    if {"maker", "ai"} & set(asked) and "identity" in asked:
        asked.remove("identity")  # "kamu pake AI ya? siapa yg bikin": the answers to those say what the bot is
    if "about_bot.quote_use" in hits and "quote" not in asked and not DATA_WORDS.isdisjoint(u.words):
        asked.append("quote")  # "angka ini boleh dipakai untuk laporan?"; "UEP boleh dipakai buat nikah?" is not
    about_itself = not (entity or DOMAIN_WORDS & set(u.words)) and set(asked) <= ABOUT_ITSELF
    # "dinsos batam lambat", "tolong sampaikan ke dinsos Lingga …": where to complain, whatever place is named
    complaint_of_place = bool(asked) and set(asked) <= FORWARD_OF_CONTACT and not (u.programs or u.group or asks_number)
    if not asked or (u.regions and not complaint_of_place) or (asks_number and not about_itself) or u.outside:
        return False  # "gaji kamu berapa?" is still about the bot; "bot, penerima berapa?" is a figure
    if u.ambiguous:
        return False
    if u.about:  # "kamu dapat data dari mana?": about the data, not the bot's own aid
        asked = [a for a in asked if a != "self_aid"]
    if {"update", "disputed"} & set(u.about) and asked == ["complaint"]:
        return False  # "saran: tambahin data 2023 dong": about the data's years, not a complaint about a service
    if "self_aid" in asked and not (u.programs or u.group or u.national or SELF_AID_CUES & set(u.words)):
        asked.remove("self_aid")  # "kamu sendiri gimana?" is no question about aid
    if "self_aid" in asked:
        asked = ["self_aid"]
    elif (
        entity
        and not {"quote", "export", "forward", "event", "contribute", "creative"} & set(asked)
        and not complaint_of_place
    ):
        return False  # "PMKS itu kamu yang jawab?": about the program
    if asked and "contact" in u.about:
        u.about.remove("contact")  # "pengaduan": where to complain, not the office's telephone
    if "personal.phrases" in hits or "info.apply" in hits:  # "unduh aplikasi cek bansos", "kirim file KTP untuk daftar"
        asked = [a for a in asked if a not in ("export", "quote")]
    if asked == ["complaint"] and "info.who" in hits and not HOW_ASKED.isdisjoint(u.words):
        # "warga banyak yang protes kenapa tetangganya dapat … gimana sebenarnya penentuan penerima?": the protest is
        # the story; how recipients are decided is asked (the reply also says where to ask)
        return False
    if "personal.phrases" in hits:  # "cara masukan NIK di cek bansos": the status check, not feedback
        asked = [a for a in asked if a != "complaint"]
        if "bot" not in u.words:  # "lama bgt bantuan gak cair2, dinsos kerjanya apa": the aid is slow, not the bot
            asked = [a for a in asked if a != "feedback"]
    if "not_reaching" in hits and ({"forward", "complaint", "feedback"} & set(asked)) and not asks_number:
        # "tolong sampaikan ke dinsos bantuan di desa kami gak merata", "anjir bantuan gak pernah nyampe ke kampung gw":
        # a complaint about the aid (an expletive is no insult to the bot), passed on by no one here
        asked = [a for a in asked if a == "forward"] + ["not_reaching"]
    u.about_bot = asked
    return bool(asked)


HOW_OR_WHO = frozenset({"bagaimana", "gimana", "gmn", "how", "siapa", "who"})
"""Words asking how or who ("gimana sebenarnya penentuan penerima?", "bantuan dinsos itu utk siapa sih??")."""
HOW_ASKED = HOW_OR_WHO | {"apa", "what"}
"""Those, and "apa": beside a word of complaint, what is asked."""
STEP_ASPECTS = ("free", "online", "first", "documents", "schedule", "required")
SHORT_STEP = 6
"""A short message that only asks a step ("pertama kali ke mana dulu?") asks it about applying for aid."""
"""Parts of applying asked on their own: is it free, can it be done online, where to go first, which documents."""
REMOVED_WORDS = frozenset({"ditolak", "dicoret", "tercoret", "dikeluarkan", "lolos", "berhenti", "dihapus"})
"""Families turned down or taken off the list: never answered with a place's figures."""
HOW_TO_GET = frozenset({"mana", "cara", "caranya", "gimana", "bagaimana", "supaya", "agar", "biar", "harus"})
HELD_ALREADY = frozenset({"sudah", "udah", "telah", "sedang", "lagi", "already", "sekaligus", "dobel", "ganda"})


def _wants_aid_too(u: Understanding) -> bool:
    """ "saya harus ke mana supaya bisa dapat juga", "gimana caranya biar saya bisa dapat juga": "dapat juga" with a
    way to get it asked, and no program, national program or aid already received: the asker wants aid too (how to
    apply), not whether one family may hold two programs."""
    words = set(u.words)
    return (
        not (u.programs or u.group or u.national or u.regions)
        and bool(HOW_TO_GET & words)
        and not (HELD_ALREADY & words)
    )


APPLY_WORDS = frozenset(
    {"daftar", "mendaftar", "pendaftaran", "ngurus", "mengurus", "urus", "usulan", "mengusulkan", "diusulkan"}
    | {"mengajukan", "diajukan", "ajukan", "register", "apply", "registration"}
)
"""Words of applying: with a step of it ("gratis", "online", "dokumen") the question is how to apply."""

FIGURE_NOUNS = NUMBER_WORDS | {"angka", "data", "persen", "rata", "rasio", "median"}
"""After "apa itu" / "what is", these ask for a figure ("what is the total …"), not for an explanation."""


_EXACT_WORDS = frozenset({"exact", "precise", "actual", "tepat", "pasti", "persis"})
"""Words before a figure noun asking it unrounded ("what is the *exact* number ...")."""


def _what_is_a_number(words: list[str], placed: bool = False) -> bool:
    """ "what is the total number of families", "what is the exact number": a figure asked, not a definition; with a
    place named (``placed``), one word may stand before the figure noun ("what is the Kepri total", "what is Batam's
    total")."""
    return any(
        words[i] == "apa"
        and words[i + 1] == "itu"
        and (
            words[i + 2] in FIGURE_NOUNS
            or (placed and words[i + 3 : i + 4] and words[i + 3] in FIGURE_NOUNS)
            or (words[i + 2] in _EXACT_WORDS and FIGURE_NOUNS.issuperset(words[i + 3 : i + 4] or [""]))
        )
        for i in range(len(words) - 2)
    )


DESCRIBES_ASKER = frozenset({"age", "sex", "group", "non_recipients", "month"})
"""Breakdowns (data/lexicon.json "not_held") whose words, in a first-person question, describe the asker ("saya
lansia", "suami nelayan", "sudah 3 bulan belum dapat"), not a breakdown asked for."""


def _asks_eligibility(u: Understanding, hits: set[str], figures: bool) -> bool:
    """The asker (or their family, group) asks whether they can get aid: a first-person word, an eligibility phrase
    ("bisa dibantu", "ada bantuan modal", "bisa KUBE?") and no number, ranking or request for data."""
    if figures or "personal.first_person" not in hits or "request_data" in hits or u.about:
        return False
    if not DESCRIBES_ASKER.issuperset(u.not_held):  # "… berapa rupiah?": a breakdown; "saya lansia" describes
        return False
    if not DATA_WORDS.isdisjoint(u.words):  # "kami di Lingga, bisa minta data UEP?": the figures
        return False
    return "eligibility" in hits or (bool(u.programs or u.group) and "bisa" in u.words)


STORY_AID_WORDS = AID_WORDS | APPLY_WORDS | {"bantuan", "dibantu", "didaftarkan", "modal", "miskin", "aid", "help"}
"""Words that make an eligibility phrase ("bisa minta", "bisa didaftarkan", "termasuk miskin") one about the aid, not
about something else ("bisa dapat info BMKG?")."""


REPORT_TOPIC = "report_recipient"
"""The topic of reporting recipients who should not get aid: told in a grievance that asks the asker's own status
("tetangga yg kaya malah dapat. apa sy terdaftar?"), a note beside the status check."""
PAPER_TOPICS = frozenset({"civil_documents"})
"""Topics answered on their own ("KTP saya hilang, cara urus gimana": Disdukcapil) that yield to a story asking to get
aid ("e-ktp saya hilang, bisa tetap daftar bansos?": how to apply, the topic's line aside)."""
RELIEF_TOPICS = frozenset({"disaster"})
"""Topics whose pointer is itself how to get help (a flood or fire: BPBD and emergency relief through Dinsos): a story
of one that asks for aid keeps it, unless it names one of the programs ("rumah kebakaran, bisa dapat UEP?")."""
SENT_WORDS = frozenset({"foto", "kirim", "scan", "photo", "upload", "gambar", "lampirkan", "terlampir"})
"""Words of showing a document ("ini foto KTP saya"), not only naming it ("belum punya KTP")."""


_YEAR_WORD = re.compile(r"^(19[5-9]\d|20\d\d)$")


_TOGETHER = frozenset({"total", "jumlah", "gabungan", "digabung"})
EVERY_OF = frozenset({"semua", "seluruh", "all"})
"""Words of all of a kind before the kind's noun ("semua program", "seluruh kab/kota", "total semua kegiatan")."""


def together_at(words: list[str], i: int) -> bool:
    """The word of programs at ``i`` is every program added together ("Bintan urutan brp *total semua* program",
    "total kegiatan"), not each one ("Batam terbanyak di semua program?")."""
    before = words[max(i - 2, 0) : i]
    return bool(before) and (before[-1] in _TOGETHER or (before[-1] in EVERY_OF and before[0] in _TOGETHER))


MEMBERSHIP_WORDS = frozenset({"termasuk", "masuk"})
"""Words asking whether someone is among recipients ("sy termasuk 58 ribu itu?", "apa sy masuk PMKS?")."""
MILLION_COUNT = re.compile(r"\d\s*(?:juta|jt)\s*(?:kk|keluarga|orang|jiwa|penerima)\b", re.IGNORECASE)
"""A count said in millions ("58 juta KK"): no amount of money."""


def asks_membership(u: Understanding, words: list[str]) -> bool:
    """ "apa sy masuk PMKS?", "apakah mereka termasuk PMKS?": whether someone is among a named program's
    recipients."""
    return bool(u.programs or u.group) and not MEMBERSHIP_WORDS.isdisjoint(words)


_RECIPIENT_BREAKDOWNS = frozenset({"persons", "age", "sex", "group", "below_kabkota", "names"})
"""Breakdowns of the recipients the data holds for none of its figures ('not_held'): said not held whatever figure a
vague "itu" points at ("penerima itu brp yg lansia"), while a forecast or quota of "program itu" asks which program."""


def quotes_a_figure(words: list[str]) -> bool:
    """A figure typed in the message ("85 ribu KK", "22465"; a year is none): a figure quoted, said of the data, so the
    message is no story of the asker's own case."""
    return any(
        (w.isdigit() and not _YEAR_WORD.match(w) and (int(w) >= 100 or words[i + 1 : i + 2] in (["ribu"], ["kk"])))
        or _SHORT_THOUSANDS.match(w) is not None  # "58rb", "46k": thousands written short
        for i, w in enumerate(words)
    )


_SHORT_THOUSANDS = re.compile(r"^\d{1,3}(rb|k)$")


def _aid_story(u: Understanding, hits: set[str], asks_number: bool) -> bool:
    """A citizen (the asker or someone they name: "anak yatim piatu … bisa dibantu dinsos?") asks whether they can get,
    apply for or be helped by aid, and asks no number, figures or data. The story around it (a storm, a lay-off, work
    abroad, a move from another province) says who asks, not what is asked."""
    served = "aid_story.served" in hits  # "ibu saya sudah tua, tinggal sendiri … gmn ya": what aid, how to apply
    if not ("eligibility" in hits or served) or asks_number or "request_data" in hits or u.about or u.national:
        return False
    if u.applies_for_topic and not (u.programs or u.group):
        return False  # "saya mau daftar vaksin, bisa daftar online?": applying for something else
    if not DATA_WORDS.isdisjoint(u.words) or any(h in hits for h in ANCHOR_HITS):
        return False
    if "personal.first_person" not in hits and "aid_story.people" not in hits:
        return False
    # "baru pindah dari Medan", "KTP masih Medan": the asker moved from elsewhere ("anak sudah merantau" is not)
    moved = "aid_story.moved" in hits and (bool(u.outside) or "ktp" in u.words)
    u.aid_notes = ["moved"] if moved else []
    shown = u.text.lstrip().startswith("[") or not SENT_WORDS.isdisjoint(u.words)
    if "aid_story.id_document" in hits and shown and not u.aid_notes:
        u.aid_notes = ["id_document"]  # "[foto] KTP ibu saya. bisa dapat bantuan?": a document shown, never sent
    # "sy ktp luar kepri tp tinggal di batam, bisa dapat?": a KTP from elsewhere (or lodging here), then whether they
    # can get, with nothing named: the aid, never population records
    elsewhere = ("aid_story.moved" in hits or "aid_story.lodger" in hits) and "wanting.unnamed" in hits
    return bool(u.programs or u.group) or not STORY_AID_WORDS.isdisjoint(u.words) or elsewhere or served


APPLIED_CUES = frozenset({"sudah", "udah", "pernah", "telah", "already"})
"""Before a word of applying ("udh daftar", "pernah mengajukan"), these say the asker has applied already."""


def _applied_before(words: list[str]) -> bool:
    """ "sy udh daftar UEP …", "pernah diusulkan": the asker applied already (not "cara daftar" nor "mau daftar")."""
    return any(w in APPLY_WORDS and not APPLIED_CUES.isdisjoint(words[max(0, i - 3) : i]) for i, w in enumerate(words))


OWN_AID_WORDS = frozenset({"bantuan", "bansos", "program", "kartu", "aid"})
"""Words of the aid a family already gets ("bantuan sy", "bansos kami")."""


_WEIGHING_WORDS = frozenset({"lebih", "banyak", "sedikit", "mana", "beda", "bedanya", "selisih", "dibanding", "vs"})
"""Words weighing two places against each other ("pindah dari Batam ke Bintan, mana yg lebih banyak?")."""


def _moves_between(u: Understanding) -> bool:
    """ "kalau pindah domisili dr tpi ke batam gmn bansosnya": a move from one kab/kota to another told with no one
    named, the asker's own, and nothing weighed between the two places."""
    words = u.words
    return (
        len(u.regions) >= 2
        and "pindah" in words
        and "dari" in words[words.index("pindah") :]
        and "ke" in words
        and _WEIGHING_WORDS.isdisjoint(words)
    )


def _moving(u: Understanding, hits: set[str], asks_number: bool) -> bool:
    """The asker moves house within the province and asks what becomes of their aid ("bantuan sy ikut pindah gak?",
    "pindah ke Tanjungpinang, PMKS sy msh dapat?"): not whether a newcomer can apply ("baru pindah dari Medan, bisa
    daftar?": eligibility) nor a count."""
    if "aid_story.moved" not in hits or asks_number:
        return False
    if "personal.first_person" not in hits and not _moves_between(u):
        return False
    if "eligibility" in hits or "info.apply" in hits or u.outside or u.national or u.about:
        return False
    if "aid_story.served" in hits and "pindah" not in u.words:
        return False  # "opah dah tue, tinggal sorang, anak2 merantau ke tpi. ade bantuan untuk opah?": aid for her
    return bool(u.programs or u.group) or not OWN_AID_WORDS.isdisjoint(u.words)


_ASKING_PARTICLES = frozenset({"tidak", "ke", "kah", "atau", "ndak", "gak", "nggak", "enggak", "or", "not"})
"""Words that make "ada …" a yes-or-no question ("ada tidak", "ada ke tak", "adakah"), not what is asked."""


def _exists_getting(words: list[str]) -> bool:
    """ "ada yang dapat", "ada yg terima", said of a place: "Batam termasuk yang dapat PMKS?": whether anyone there got
    it (a count), not who may get it."""
    # "ada tidak yang dapat", Malay "ade ke tak yg dapat": the question's particles between "ada" and "yang"
    spoken = [w for i, w in enumerate(words) if not (w in _ASKING_PARTICLES and "ada" in words[max(0, i - 2) : i])]
    return any(
        (spoken[i] == "ada" or spoken[i] in MEMBERSHIP_WORDS)
        and spoken[i + 1] == "yang"
        and spoken[i + 2] in RECIPIENT_WORDS
        for i in range(len(spoken) - 2)
    )


def _place_getting(u: Understanding, words: list[str]) -> bool:
    """ "ada yang dapat" (:func:`_exists_getting`), or a place's name right before "yang dapat" with a program named
    and nobody asked after ("klg miskin karimun yg dpt bantuan sosial kesejahteraan keluarga?"): those of the place
    who got it, a count; "siapa yang dapat BSKK di Karimun" still asks whom the program is for."""
    if _exists_getting(words):
        return True
    if not (u.programs or u.group) or not NAME_ASKED.isdisjoint(words):
        return False
    ends = {r.start + len(r.text.split()) - 1 for r in u.regions}
    return any(
        words[i] == "yang" and words[i + 1] in RECIPIENT_WORDS and i - 1 in ends for i in range(1, len(words) - 1)
    )


JOIN_WORDS = frozenset(
    {"ikut", "juga", "sekaligus", "merangkap", "ganda", "dobel", "double", "bersamaan", "also", "join"}
)
"""Words of taking part in one more program ("sudah dapat PKH, boleh ikut KUBE juga?")."""


USE_WORDS = frozenset({"pakai", "dipakai", "dipake", "digunakan", "gunakan", "memakai", "menggunakan", "use", "used"})
"""Words of using a national card for something ("kartu kks sy, ini bisa dipake utk dpt UEP?")."""
APPLY_USE = APPLY_WORDS | USE_WORDS


def _joins_own(u: Understanding, hits: set[str], asks_number: bool) -> bool:
    """ "Kalau sudah dapat PKH boleh dapat BSKK juga?": whether a family of a national program may get one of ours
    is asked about our program (who it is for, how to apply), not the national program's figures."""
    if not (u.programs or u.group) or asks_number:
        return False
    words = set(u.words)
    # "kartu KKS saya, ini bisa dipake buat daftar KUBE?": the national card used to apply for one of ours
    return "eligibility" in hits or bool({"boleh", "bisa", "can", "may"} & words and (JOIN_WORDS | APPLY_USE) & words)


def _short_who(u: Understanding, aspects: list[str]) -> bool:
    """ "siapa yg berhak?" alone (or after "dan"): who the aid is for, in a bot about aid."""
    return aspects == ["who"] and not u.unexplained and not u.regions and len(u.words) <= SHORT_STEP


WHEN_WORDS = frozenset({"pas", "waktu", "saat", "masa", "zaman", "ketika", "semasa", "during"})
"""Words that make an event say when ("data pas covid 2020")."""
BARE_NUMBER_WORDS = frozenset({"berapa", "banyak", "ya", "sih", "dong", "nih", "kah"})
"""A message of only these words asks a number without saying of what."""
SHARE_WORDS = frozenset({"persen", "persentase", "proporsi", "porsi", "%", "percent", "percentage"})
COUNTED_RECIPIENTS = NUMBER_WORDS | BARE_NUMBER_WORDS | RECIPIENT_WORDS | {"yang", "sudah"}
"""All a message may hold to ask how many got aid without naming of what ("brp yg dapat", "yg dapet brp")."""


def only_recipients_counted(words: list[str]) -> bool:
    """ "brp yg dapat", "berapa yang menerima": a number of recipients asked and nothing else — in a bot about aid, how
    many got it, the province's figures."""
    return _asks_number(words) and not RECIPIENT_WORDS.isdisjoint(words) and all(w in COUNTED_RECIPIENTS for w in words)


def bare_share(words: list[str], has: Callable[[str], bool]) -> bool:
    """ "berapa persen", "persennya brp?": a share asked with nothing said of what, nor of which whole."""
    return has("share") and all(w in BARE_NUMBER_WORDS or w in SHARE_WORDS for w in words)


def _only_for_holders(words: list[str]) -> bool:
    """ "apakah bantuan ini cuma utk warga ber KTP Kepri?": whether the aid is only for some people, not population
    records."""
    return not {"bantuan", "bansos"}.isdisjoint(words) and not {"cuma", "hanya", "only", "khusus", "harus"}.isdisjoint(
        words
    )


def _counts_aid(words: list[str]) -> bool:
    """Words of aid recipients ("KK", "penerima", "dapat bantuan"): what a number asked in the question counts."""
    return not (RECIPIENT_WORDS | {"kk", "keluarga", "bansos", "bantuan", "dibantu"}).isdisjoint(words)


def _about_recipients(words: list[str]) -> bool:
    return not (RECIPIENT_WORDS | AID_WORDS | {"dibantu", "bantuan", "kk"}).isdisjoint(words)


def _about_aid(u: Understanding, hits: set[str]) -> bool:
    """The question is about getting aid or its figures (a program, "bansos", "dapat", "berapa", how to apply), not
    only a place ("anjing saya hilang di Bintan")."""
    if u.programs or u.group or any(w in DOMAIN_WORDS or w in NUMBER_WORDS for w in u.words):
        return True
    status = ("personal.status_words", "personal.phrases")
    return "figures" in hits or any(h.startswith("info.") or h in status for h in hits)


def _confirms(u: Understanding, has, numeric: bool) -> bool:
    """A question that says something about a program and asks whether it is so ("UEP itu bantuan modal ya?",
    "apakah PMKS untuk lansia?", "is KUBE a group business?"): it asks what the program is, not its figures. It names
    a program, a copula or yes/no word, something said of the program, and no place, year or figure word."""
    if not (u.programs or u.group) or not (has("confirm") or has("livelihood")):
        return False
    said = bool(u.rest) or (bool(u.programs) and bool(u.group)) or u.program_mentions >= 2
    figures = numeric or has("figure_cues") or has("compare") or has("trend") or has("recap")
    quoted = any(w.isdigit() for w in u.words)  # "PMKS 46 ribu kan?": a figure quoted, not said of the program
    places = u.regions or u.excluded or u.only_kind  # "BSKK kalau gak hitung Bintan": a computation, not a yes/no
    return said and not (figures or quoted or places or u.years or u.year is not None or u.named_province or u.about)


def _one_count_each(u: Understanding) -> bool:
    """ "berapa jumlah penerima PMKS …, dan jumlah penerima BSKK …": "jumlah" said once per program asks each count,
    not their sum ("PMKS tambah BSKK", "jumlah PMKS dan BSKK digabung" do)."""
    counts = sum(w in ("jumlah", "total") for w in u.words)
    others = any(w in ("tambah", "digabung", "jumlahkan", "gabungan", "dijumlah", "sum") for w in u.words)
    return counts >= 2 and not others and counts >= len(u.programs) >= 2


NAME_ASKED = frozenset({"siapa", "nama", "who", "whom", "name"})
"""Words that ask for a person's name: without them an official named beside a recap is its audience."""

HEARSAY_WORDS = frozenset(
    {"kata", "katanya", "katanye", "menurut", "bilang", "dibilang", "cakap", "kabarnya", "dengar", "denger", "dgr"}
    | {"beredar", "baca", "dibaca", "said", "says", "according", "heard"}
)
"""Words that report what someone said ("kata Pak Kadis KUBE itu 600 KK", "katanya Batam 30 ribu KK"): a figure
heard, to be checked, whose speaker is its source, not the question."""


def hearsay_figure(u: Understanding) -> bool:
    """A figure someone is reported to have said, of a place or program named: checked, not the speaker asked."""
    said = not HEARSAY_WORDS.isdisjoint(u.words)
    whole = not _WHOLE_SAID.isdisjoint(u.words)  # "kadis bilang totalnya 60 ribu kk": the province's total
    return said and quotes_a_figure(u.words) and bool(u.regions or u.programs or u.group or u.province or whole)


_WHOLE_SAID = frozenset({"total", "jumlah", "keseluruhan", "seluruh", "semua", "overall"})


def _divided_over_places(words: list[str]) -> bool:
    """ "total dibagi 7 daerah", "58 ribu bagi 7 kab/kota", "dibagi ke 7 kab/kota": divided over a number of kab/kota,
    an average per kab/kota."""
    over = [words[i + 2 : i + 4] if words[i + 1 : i + 2] == ["ke"] else words[i + 1 : i + 3] for i in range(len(words))]
    return any(
        w == "bagi" and len(n) == 2 and n[0].isdigit() and n[1] in REGION_NOUNS - {"kecamatan"}
        for w, n in zip(words, over, strict=True)
    )


def _arithmetic(u: Understanding, has) -> bool:
    """Sums, ratios, averages and exclusions over the figures."""
    if has("arith.ratio") and (len(u.regions) >= 2 or len(u.programs) >= 2):
        u.arith = Arith.RATIO
    elif has("arith.average") or _divided_over_places(u.words):
        u.arith = Arith.AVERAGE
    elif u.excluded or u.only_kind:
        u.arith = Arith.EXCLUDE
    elif (
        has("arith.sum")
        and not has("compare")
        and not _one_count_each(u)
        and (len(u.regions) >= 2 or (len(u.programs) >= 2 and len(u.regions) == 1 and not has("share")))
    ):  # "bintan: bskk, pmks, uep masing2 brp dan persen dr total kepri": "total" is what the share is of
        u.arith = Arith.SUM
    return u.arith is not None
