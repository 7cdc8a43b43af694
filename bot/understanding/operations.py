"""What a figures question asks to compute, beyond the places and programs it names: the sort order ("dari
terbanyak ke tersedikit", "ascending"), the dimension ("per program" or "per kab/kota"; the programs of one place or
the places of one program), the kab/kota or programs left out ("kecuali Batam", "kalau Batam gak dihitung",
"without Batam", "semua program kecuali PMKS"), kab/kota added and subtracted ("Bintan tambah Lingga dikurangi
Natuna"), the whole a share is of ("PMKS berapa persen dari total Karimun") and statistics the bot does not compute
("median").

The phrases come from ``data/lexicon.json`` (``intents`` → ``order``, ``per``, ``exclude``, ``arith.unsupported``,
``rank_most``, ``rank_least``, ``compare``); the small closed sets of function words below say how their positions
combine. :func:`refine` runs after the intent is
decided and corrects it where the operation asked says otherwise (a ranking of the programs of Karimun is not a
ranking of the kab/kota; "selain Batam, mana terbanyak" ranks the others instead of adding them up).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise

from bot.text.normalise import compress
from bot.understanding.gazetteer import PlaceMatch
from bot.understanding.intents import (
    EVERY_OF,
    EXCLUDE_WORDS,
    FIGURE_INTENTS,
    NUMBER_WORDS,
    Arith,
    Intent,
    Order,
    Per,
    Rank,
    Understanding,
    ordinal,
    together_at,
)
from bot.understanding.lexicon import find, first_words, positions

Phrases = Sequence[tuple[str, ...]]

EXCLUDE_BEFORE = EXCLUDE_WORDS
"""Words before the kab/kota left out ("di luar Batam", "tanpa Batam dan Bintan", "except Batam")."""
RUN_WORDS = frozenset({"di", "ke", "dari", "program", "bantuan", "jenis", "yang"})
"""Words that may stand between "tanpa / kecuali" and what it leaves out ("selain di Batam", "kecuali program UEP",
"kecuali yg PMKS", "dikurangi yg Batam")."""
LEFT_OUT_LINK = frozenset({"yang"})
"""A word that may stand between "gak dihitung / tidak termasuk" and what it leaves out, before or after it ("jgn
diitung yg PMKS", "tidak termasuk yang Batam", "Batam yg gak usah dihitung")."""
EXCLUDE_JOIN = frozenset({"dan", "sama", "serta", "atau", "and", "or", "ama", "kota", "kabupaten", "pulau"})
"""Words that may stand between kab/kota left out together ("Batam dan Tanjungpinang gak dihitung")."""
COMPUTE_CUES = frozenset(
    {"berapa", "jumlah", "total", "totalnya", "jumlahnya", "rata", "lain", "lainnya", "sisa", "sisanya", "terbanyak"}
    | {"tersedikit", "paling", "urutkan", "urutan", "average", "sum", "persen", "tambah", "digabung", "mana"}
)
"""Words that ask for something computed: only then is a kab/kota "gak dihitung" left out of it."""
REGION_NOUNS = frozenset({"kabupaten", "kota", "wilayah", "daerah", "kecamatan", "regency", "city"})
PROGRAM_NOUNS = frozenset({"program", "jenis", "kategori", "macam", "bantuan", "kegiatan"})
RANKS = ("rank", "rank_most", "rank_least")
POSITION_WORDS = frozenset({"juara", "peringkat", "ranking", "rangking", "nomor", "no", "urutan", "posisi", "rank"})
MAX_POSITION = 99
AFTER_WORDS = frozenset({"setelah", "sesudah", "after", "habis", "abis"})
"""Right before the one kab/kota a ranking names ("nomor 2 setelah Batam", "setelah Batam siapa"): the place asked is
counted from it, not that place itself."""
SORT_VERBS = frozenset({"urutkan", "urut", "diurutkan", "susun", "susunkan", "disusun", "sort", "sorted"})
"""Verbs that ask for an ordering (not "peringkat", "urutan": nouns that may ask for one place in it)."""
WHICH_WORDS = frozenset(
    {"mana", "mane", "atau", "or", "which", "lebih", "masing", "each", "banyakan", "more", "than", "fewer", "less"}
)
"""Words that make two kab/kota named a choice or a look-up of each, not a group to add up."""
ORDINAL_WORDS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
"""English ordinals ("which regency ranks second"); the Indonesian ones ("kedua") are read with the intent."""
MAGNITUDE = frozenset({"jauh", "selisih", "selisihnya", "berapa", "banyak", "besar", "kali"})
"""Words that ask how far apart two programs are, not how they differ in kind."""
RANGE_WORDS = frozenset({"ke", "sampai", "sampe", "hingga", "to"})
"""Between the two ends of an order asked ("dari terbanyak ke tersedikit", "from highest to lowest")."""
MINUS_WORDS = frozenset({"kurang", "dikurangi", "dikurang", "minus", "kurangi", "kurangkan"})
"""Words that subtract the kab/kota after them ("… dikurangi Natuna")."""
MINUS_GAP = 2
"""Words at most between a minus and the kab/kota it takes away ("dikurangi yg Batam", "- PMKS Batam")."""
WHOLE_WORDS = frozenset({"dari", "terhadap", "dalam", "of", "among", "antara", "bagi"})
"""Before the whole a share is taken of ("40% dari total")."""
SHARE_AGAINST = frozenset({"dibanding", "dibandingkan", "banding", "against", "versus", "vs"})
"""In a share, before its whole too ("persen bskk di batam dibanding total bantuan batam")."""
WHOLE_FILLERS = frozenset({"total", "jumlah", "semua", "seluruh", "keseluruhan", "the", "all"})
"""Words between "dari" and the whole that do not name it ("dari total UEP")."""
BELOW_KABKOTA = frozenset({"kecamatan", "desa", "kelurahan", "district", "districts", "village", "villages"})
COMPUTED = (Intent.RANKING, Intent.RANK_PROGRAMS, Intent.ARITHMETIC)
GENERIC_NOUNS = frozenset({"kabupaten", "kota", "regency", "city", "daerah", "wilayah"})
ALPHA_INTENTS = (Intent.RANKING, Intent.LIST_REGIONS, Intent.FIGURES, Intent.LIST_PROGRAMS, Intent.RANK_PROGRAMS)
HYPOTHETICAL_OVER = (Intent.AMBIGUOUS, Intent.LIST_REGIONS, Intent.LIST_PROGRAMS, Intent.UNKNOWN)
"""Intents a what-if about the figures ("seandainya …") may have been mistaken for."""
LISTS = {Intent.LIST_REGIONS: Intent.RANKING, Intent.LIST_PROGRAMS: Intent.RANK_PROGRAMS}


def _spans(words: list[str], phrases: Phrases) -> list[tuple[int, int]]:
    """Every (start, length) of any of the phrases in the words, by start, then in the order of the phrases."""
    if first_words(phrases).isdisjoint(words):
        return []
    found = [
        (i, k, len(phrase))
        for k, phrase in enumerate(phrases)
        if phrase[0] in words
        for i in positions(words, phrase[0])
        if tuple(words[i : i + len(phrase)]) == phrase
    ]
    return [(i, n) for i, _k, n in sorted(found)]


NEGATED_BEFORE = frozenset({"bukan", "jangan", "usah", "not", "without"})
"""Words that, up to two words before a dimension asked ("ga usah per daerah", "bukan per kabupaten"), take it back."""
NEGATABLE = ("per.program", "per.region", "recap")


def drop_negated(words: list[str], hits: set[str], phrase_sets: Mapping[str, Phrases]) -> None:
    """ "angka per program aja, ga usah per daerah": a dimension every mention of which is refused is not asked."""
    for name in NEGATABLE:
        if name not in hits:
            continue
        starts = _positions(words, phrase_sets.get(name, ()))
        refused = [
            i
            for i in starts
            if not NEGATED_BEFORE.isdisjoint(words[max(0, i - 2) : i]) or words[max(0, i - 2) : i] == ["tidak", "perlu"]
        ]
        if starts and len(refused) == len(starts):
            hits.discard(name)


DEMONSTRATIVES = frozenset({"itu", "tersebut", "tadi", "ini"})


def drop_whole_refs(words: list[str], hits: set[str], phrase_sets: Mapping[str, Phrases]) -> None:
    """ "jumlah penerima dr 4 kegiatan itu brp" ("4 kegiatan" read "semua kegiatan"), "semua program tadi": the
    demonstrative points at every program or kab/kota, which the question names; no vague reference is left."""
    if "vague_ref" not in hits:
        return
    spans = _spans(words, phrase_sets.get("vague_ref", ()))

    def whole(at: int, n: int) -> bool:
        k = next((j for j in range(at, at + n) if words[j] in DEMONSTRATIVES), None)
        return k is not None and k >= 2 and words[k - 1] in PROGRAM_NOUNS | REGION_NOUNS and words[k - 2] in EVERY_OF

    if spans and all(whole(at, n) for at, n in spans):
        hits.discard("vague_ref")


def _positions(words: list[str], phrases: Phrases) -> list[int]:
    return [i for i, _n in _spans(words, phrases)]


def find_exclusions(
    words: list[str],
    used: list[bool],
    u: Understanding,
    kabkota: int,
    after: Phrases,
    programs: Mapping[str, str] | None = None,
    before_phrases: Phrases = (),
    conditional: Phrases = (),
    around: Phrases = (),
    whole: bool = False,
) -> None:
    """The kab/kota a sum, average or ranking leaves out: those named after "kecuali / selain / tanpa / di luar /
    except", and those named right before "gak dihitung / tidak termasuk / dikecualikan" (``after``). A phrase of
    ``around`` ("tidak termasuk") right before a kab/kota, with none right before it, leaves out the kab/kota after it
    ("jumlah PMKS tidak termasuk Natuna": PMKS is what is asked, not what is left out). A minus word before the
    kab/kota after a program or a ``whole`` (the province named, its total or a program's total typed: "total kepri
    minus Batam", "58.849 dikurangi yg Batam") leaves them out of that whole. Leaving every kab/kota out leaves
    nothing to compute: then nothing is taken as left out."""
    left_out: list[PlaceMatch] = []
    # every word or phrase that leaves out what follows: "kecuali Batam, ga usah hitung KUBE" leaves out both
    cuts = {i for i, w in enumerate(words) if w in EXCLUDE_BEFORE}
    cuts |= {i + n - 1 for i, n in _spans(words, before_phrases)}  # "not counting Batam"
    if u.programs and (u.group or len(u.programs) > 1):
        # "(BSKK + PMKS, bukan modal usaha)": "bukan" before a program or group, beside others named, leaves it out
        cuts |= {i for i, w in enumerate(words) if w == "bukan" and i + 1 < len(used) and used[i + 1]}
    starts = {r.start for r in u.regions}
    by_minus = False
    if not cuts and (u.programs or u.group or whole) and starts:
        # "total BSKK minus Bintan dan Lingga": a program's total with the kab/kota after the minus left out (no
        # kab/kota before it: "PMKS Batam dikurangi Bintan" is a difference; "kurang" alone may mean fewer)
        # "46.686 - pmks batam": "-" (read "kurang") right after a number typed is a minus, and the program said
        # between it and the kab/kota is the whole's (the total typed), not a program left out
        for i, w in enumerate(words):
            if i >= min(starts):
                break
            if not (w in MINUS_WORDS - {"kurang"} or (w == "kurang" and whole and i and words[i - 1].isdigit())):
                continue
            gap = i + 1  # the kab/kota right after the minus, or after a word of :data:`MINUS_GAP` at most
            while gap < len(words) and gap not in starts and gap - i <= MINUS_GAP:
                if not (words[gap] in RUN_WORDS or (whole and used[gap] and programs and programs.get(words[gap]))):
                    break
                gap += 1
            if gap in starts:
                cuts, by_minus = {gap - 1}, True
                break
    taken = {i for i, t in enumerate(used) if t}

    def places_at(k: int) -> PlaceMatch | None:
        here = [r for r in u.regions if r.start <= k < r.start + max(len(r.text.split()), 1) and k in taken]
        return max(here, key=lambda r: r.start) if here else None

    def place_after(k: int) -> PlaceMatch | None:
        """The kab/kota at ``k``, or right after a linking "yang" there."""
        return places_at(k + 1) if k < len(words) and words[k] in LEFT_OUT_LINK else places_at(k)

    for cut in sorted(cuts):
        # What follows the word, of one kind: places ("tanpa Batam dan Bintan") or programs ("kecuali PMKS"); the
        # other kind after them is what is asked ("tanpa Batam, PMKS berapa", "tanpa PMKS, Batam berapa").
        kind = ""
        i = cut + 1
        # "58.849 - Batam - Bintan": after a minus, a minus again joins the kab/kota taken away
        joins = EXCLUDE_JOIN | MINUS_WORDS if by_minus or words[cut] in MINUS_WORDS else EXCLUDE_JOIN
        while i < len(words) and (used[i] or words[i] in RUN_WORDS or words[i] in joins):
            place = places_at(i) if used[i] else None
            if place is not None:
                if kind == "program":
                    break
                kind = "place"
                if place not in left_out:
                    left_out.append(place)
            elif used[i] and programs:
                code, end = None, i + 1
                for j in range(min(len(words), i + 5), i, -1):
                    code = programs.get(compress(words[i:j]))
                    if code is not None and all(used[i:j]):
                        end = j
                        break
                if code is not None and code == u.group and u.programs and kind != "place":
                    u.group = None  # "BSKK + PMKS, selain modal usaha": the group named is left out
                    kind, i = "program", end
                    continue
                if code is not None and code in u.programs:
                    if kind == "place":
                        break
                    kind = "program"
                    if code not in u.excluded_programs:
                        u.excluded_programs.append(code)
                    i = end
                    continue
            i += 1

    if by_minus and len(left_out) < len(u.regions):
        left_out = []  # "UEP minus Natuna dibanding Lingga": a kab/kota after the run is compared, not left out
    asks = not COMPUTE_CUES.isdisjoint(words)  # "Bintan tidak termasuk ya?" asks nothing to compute
    # "PMKS kalau Batam gak dihitung": a program's figure on a condition, computed without Batam
    asks = asks or (bool(u.programs or u.group) and bool(_spans(words, conditional)))
    # "pmks gak termasuk natuna & anambas": a program named, then the kab/kota it is asked without
    asks = asks or (
        bool(u.programs or u.group)
        and any(
            tuple(words[at : at + n]) in around and place_after(at + n) is not None and places_at(at - 1) is None
            for at, n in _spans(words, after)
        )
    )
    for at, n in sorted(_spans(words, after)) if asks else ():
        found: list[PlaceMatch] = []
        sides = ((-1, at - 1), (1, at + n))  # before the phrase ("Batam gak dihitung"), else after it
        leads = tuple(words[at : at + n]) in around and place_after(at + n) is not None and places_at(at - 1) is None
        for step, k in sides[1:] if leads else sides:
            if 0 <= k < len(words) and words[k] in LEFT_OUT_LINK:
                k += step  # "jgn diitung yg PMKS", "Batam yg gak dihitung"
            while 0 <= k < len(words) and (k in taken or words[k] in EXCLUDE_JOIN):
                place = places_at(k)
                if place is not None and place not in found and place not in left_out:
                    found.append(place)
                code = programs.get(words[k]) if programs and place is None and not leads else None
                if code in u.programs and code not in u.excluded_programs:
                    u.excluded_programs.append(code)  # "kalau PMKS tidak dihitung"
                k += step
            if found or u.excluded_programs:
                break
        left_out += found
    if u.excluded_programs:
        u.programs = [c for c in u.programs if c not in u.excluded_programs]
    if left_out and len(left_out) < kabkota:
        # "58.849 dikurangi Batam", "total minus Batam": a whole, the kab/kota taken away
        u.minus_whole = by_minus or any(words[c] in MINUS_WORDS for c in cuts)
        u.excluded = list(dict.fromkeys(r.code for r in left_out))
        u.regions = [r for r in u.regions if r not in left_out]


def sort_order(words: list[str], hits: set[str], most: Phrases, least: Phrases) -> Order | None:
    """The order a ranking is asked in: said outright ("descending", "dari besar ke kecil"), else the extreme named
    first ("dari yang terbanyak sampai paling sedikit" starts at the most)."""
    if "order.desc" in hits and "order.asc" not in hits:
        return Order.DESC
    if "order.asc" in hits and "order.desc" not in hits:
        return Order.ASC
    if not {"rank_most", "rank_least"} & hits:
        return None
    first_most = min(_positions(words, most), default=None)
    first_least = min(_positions(words, least), default=None)
    if first_most is None and first_least is None:
        return None
    if first_least is None or (first_most is not None and first_most < first_least):
        return Order.DESC
    return Order.ASC


ALL_WORDS = frozenset({"semua", "seluruh", "all", "every"})
"""Before a kab/kota noun ("semua kab/kota"): every kab/kota is asked, each a row of a recap."""


_CROSS = frozenset({"x", "kali", "by"})
"""Between the kab/kota and the programs of a table ("7 kab/kota x 4 kegiatan", "regency by program")."""


def _crossed(words: list[str]) -> bool:
    """A kab/kota noun and a program noun on either side of a 'times' word, two words apart at most."""
    for i, w in enumerate(words):
        if w in _CROSS:
            before, after = set(words[max(i - 2, 0) : i]), set(words[i + 1 : i + 3])
            if (before & REGION_NOUNS and after & PROGRAM_NOUNS) or (before & PROGRAM_NOUNS and after & REGION_NOUNS):
                return True
    return False


def dimension(words: list[str], hits: set[str], u: Understanding) -> Per | None:
    """What the figures are taken over: the programs ("per program", "program apa", "program di Karimun") or the
    kab/kota ("per kab/kota", "daerah mana"). None when the question does not say."""
    programs, regions = "per.program" in hits, "per.region" in hits
    taken = set(u.taken)
    free_region_noun = any(
        w in REGION_NOUNS and i not in taken and i + 1 not in taken for i, w in enumerate(words)
    )  # "kab" in "kab Karimun" is part of the place's name
    program_noun = any(
        w in PROGRAM_NOUNS
        and (i + 1 not in taken or words[i + 1].isdigit())  # "rekap semua program 2022": a year, not a name after it
        and not (u.regions and together_at(words, i))
        for i, w in enumerate(words)
        if w != "bantuan"
    )  # "Tanjungpinang peringkat brp kalau total semua kegiatan": every program together, not each
    computed = any(h in hits for h in ("arith.average", "arith.ratio", "share", "compare"))  # not "total": a column
    # "rekap semua data per kab kota", "rekap lengkap per kab/kota": every figure held, so each program's column
    whole = not {"lengkap", "rinci", "detail", "complete", "full"}.isdisjoint(words) or (
        not {"data", "angka"}.isdisjoint(words) and not {"semua", "seluruh", "all"}.isdisjoint(words)
    )
    whole = whole and len(u.programs) != 1 and not u.group  # "rekap lengkap BSKK per kab kota": that program's
    if regions and "recap" in hits and not (u.regions or computed) and (program_noun or whole or len(u.programs) >= 2):
        # "rekap per kab/kota semua program", "tabel per kab/kota (BSKK, PMKS, UEP, total)": each program per kab/kota
        return Per.EACH
    all_regions = any(w in REGION_NOUNS and words[i - 1] in ALL_WORDS for i, w in enumerate(words) if i > 0)
    if programs and not regions and "recap" in hits and all_regions and not (u.regions or computed):
        # "rekap tabel semua kab/kota 2022 per kegiatan": the kab/kota are the rows, each program a column
        return Per.EACH
    if _crossed(words) and ("recap" in hits or "tabel" in words) and not (u.regions or u.programs or computed):
        # "rekap lengkap 7 kab kota x 4 kegiatan", "tabel kab/kota x program": the kab/kota rows, a column each
        return Per.EACH
    if programs != regions:
        return Per.PROGRAM if programs else Per.REGION
    if programs:  # both: "rata-rata per program per kab/kota", "rekap tiap program per kab/kota"
        return Per.EACH
    if program_noun and not free_region_noun and not (u.programs or u.group):
        return Per.PROGRAM
    if free_region_noun and not program_noun:
        return Per.REGION
    return None


SUBSET_NOUNS = frozenset({"penerima", "recipients"})
"""The recipients a share counts, when a clause after them names the program ("persen penerima yg dr BSKK"); not
"warga", "keluarga" or "KK", which may mean every family living there (a population the data does not hold)."""
SUBSET_MARKERS = frozenset({"yang", "who", "dari", "from", "itu", "adalah", "merupakan", "is", "are"})
"""Between those recipients and the program: "penerima yang dapat PMKS", "penerimanya dari BSKK", "penerimanya itu
PMKS"."""


def _recipients_who_got(words: list[str], u: Understanding) -> bool:
    """ "di lingga, brp persen penerima yg dr BSKK", "berapa persen KK di batam yang dapat PMKS": the place's recipients
    are the whole, the ones of the program (named in a "yang" clause after them) the part."""
    region = u.regions[0]
    spans = set(range(region.start, region.start + len(region.text.split())))
    program_at = min((i for i in u.taken if i not in spans), default=-1)
    # "persentase penerima batam dr total pmks": a "total" before the program makes the program the whole, not the part
    return WHOLE_FILLERS.isdisjoint(words[max(program_at - 2, 0) : program_at]) and any(
        w in SUBSET_NOUNS and not SUBSET_MARKERS.isdisjoint(words[i + 1 : program_at])
        for i, w in enumerate(words[:program_at])
    )


_EVERY_PROGRAM = frozenset({"program", "programs", "bantuan", "bansos", "aid"})
"""After "semua / all", the programs together ("semua program di Lingga", "all aid in Batam")."""
_PLACE_LINKS = frozenset({"di", "in", "at", "for", "untuk", "utk", "se", "kabupaten", "kota", "kab"})
"""Words between a whole and the place it is of ("semua program di Kabupaten Lingga")."""


def whole_is_region(words: list[str], u: Understanding) -> bool:
    """ "PMKS berapa persen dari total Karimun", "porsi UEP dalam bansos Batam": a program's share whose whole (the
    words after "dari / terhadap / dalam / of") is the kab/kota named, not the province."""
    if len(u.regions) != 1 or not (u.programs or u.group):
        return False
    if _recipients_who_got(words, u):
        return True
    name = u.regions[0].text.lower().split()[-1]
    # "what percent of karimun's total is that": the place's own total, said in English with a possessive
    possessed = re.escape(name.removesuffix("s")) + "s?"  # the name as read may keep the possessive's "s"
    if re.search(rf"\b{possessed}['’]s\s+(?:total|overall|whole)\b", u.text.lower()):
        return True
    last = max((i for i, w in enumerate(words) if w == name), default=-1)
    # "what percent of all programs in Lingga is BSKK" ("of" is not kept): every program of the place is the whole
    start = u.regions[0].start
    before = [w for w in words[max(start - 4, 0) : start] if w not in _PLACE_LINKS]
    if len(before) >= 2 and before[-1] in _EVERY_PROGRAM and before[-2] in WHOLE_FILLERS:
        return True
    wholes = [i for i, w in enumerate(words[:last]) if w in WHOLE_WORDS | SHARE_AGAINST]
    if not wholes:
        return False
    after = [w for w in words[wholes[-1] + 1 : last] if w not in WHOLE_FILLERS]
    named = {p.lower() for p in u.programs} | ({u.group.lower()} if u.group else set())
    return not (after and after[0] in named)  # "persen dr total uep (Bintan)": the program's whole, not the place's


def whole_is_province(u: Understanding) -> bool:
    """ "UEP nya brp, dan persen dr total kepri": the province is named only as the whole a share is taken of (the
    word after "dari / terhadap / dibanding", past "total"), so the share's subject is still to be found."""
    if u.intent != Intent.SHARE or not u.named_province or u.regions:
        return False
    taken, programs = set(u.taken), {p.lower() for p in u.programs}
    for i, w in enumerate(u.words):
        if w not in WHOLE_WORDS | SHARE_AGAINST:
            continue
        j = i + 1
        while j < len(u.words) and u.words[j] in WHOLE_FILLERS:
            j += 1
        if j < len(u.words) and j in taken and u.words[j] not in programs:
            return True
    return False


def signs(words: list[str], u: Understanding) -> list[int]:
    """+1 or -1 for each kab/kota named, from the word of adding or subtracting before it; [] when nothing is
    subtracted (a plain sum or a comparison)."""
    places = sorted(u.regions, key=lambda r: r.start)
    out = [1]
    for before, place in pairwise(places):
        between = words[before.start + 1 : place.start]
        out.append(-1 if not MINUS_WORDS.isdisjoint(between) else 1)
    return out if -1 in out and len(out) == len(u.regions) else []


def below_kabkota(u: Understanding) -> bool:
    """ "urutkan kecamatan di Batam", "rata-rata per desa": a ranking or computation over kecamatan or desa, which
    the figures do not hold ("Kecamatan Bintan Utara" names a place, not what is asked)."""
    taken = set(u.taken)
    return any(
        w in BELOW_KABKOTA and i not in taken and i + 1 not in taken and i - 1 not in taken
        for i, w in enumerate(u.words)
    )


def position(words: list[str]) -> int:
    """ "juara 2", "peringkat 3", "nomor 2", "top 2 ke bawah" excluded: the place in a ranking asked by its number
    after a word of ranking (1 when none)."""
    for before, number in pairwise(words):
        if before in POSITION_WORDS and number.isdigit() and 1 <= int(number) <= MAX_POSITION:
            return int(number)
    return next((ORDINAL_WORDS[w] for w in words if w in ORDINAL_WORDS), 1)


def read(words: list[str], hits: set[str], u: Understanding, phrase_sets: Mapping[str, Phrases]) -> None:
    """Fill in the order, the dimension, the whole and the signs asked."""
    if len(u.regions) >= 3 and not MINUS_WORDS.isdisjoint(words):
        u.signs = signs(words, u)
    u.order = sort_order(words, hits, phrase_sets.get("rank_most", ()), phrase_sets.get("rank_least", ()))
    u.per = dimension(words, hits, u)
    u.whole_is_region = "share" in hits and whole_is_region(words, u)


CHANGE_WORDS = frozenset({"lipat", "digandakan", "dilipatgandakan", "dobel", "double", "separuh", "setengah", "half"})
"""Words of a what-if that change a figure, besides a number typed."""


def only_leaving_out(u: Understanding) -> bool:
    """A what-if whose only change is what it leaves out: no number but a year typed, no figure doubled or halved."""
    typed = [t for t in re.findall(r"\d+(?:[.,]\d+)*", u.text) if not (t.isdigit() and int(t) in u.years)]
    return not typed and CHANGE_WORDS.isdisjoint(u.words)


def refine(u: Understanding, hits: set[str], all_programs: Sequence[str] = ()) -> None:
    """Correct the decided intent where the operation asked says otherwise."""
    if u.intent in COMPUTED and below_kabkota(u):
        u.intent, u.not_held = Intent.NOT_HELD, ["below_kabkota"]  # "urutkan kecamatan di Batam": not held
        return
    figures = u.intent in FIGURE_INTENTS or u.intent in (Intent.UNSURE, Intent.COMPARE)
    about_figures = bool(u.regions or u.programs or u.group or u.ambiguous) or "figures" in hits
    what_if = "arith.hypothetical" in hits and "arith.average" not in hits  # "misalkan dibagi rata": an average
    if what_if and (u.excluded or u.excluded_programs) and only_leaving_out(u):
        what_if = False  # "andai Batam gak diitung, daerah mana terbanyak": a kab/kota left out, no figure changed
    if what_if and about_figures and (figures or u.intent in HYPOTHETICAL_OVER):
        # "andai Anambas dapat sama dengan Natuna, total jadi berapa": a what-if is declined plainly, never answered
        # with another computation over the real figures
        u.intent, u.arith, u.unexplained, u.ambiguous = Intent.ARITHMETIC, Arith.UNSUPPORTED, [], []
        return
    if "arith.unsupported" in hits and (figures or u.intent == Intent.LIST_REGIONS):
        u.intent, u.arith, u.unexplained = Intent.ARITHMETIC, Arith.UNSUPPORTED, []
        return
    if u.signs and u.intent in (Intent.COMPARE, Intent.ARITHMETIC, Intent.FIGURES):
        u.intent, u.arith = Intent.ARITHMETIC, Arith.SUM  # "Bintan tambah Lingga dikurangi Natuna"
    ranks = any(h in hits for h in RANKS) or (u.order is not None and "order.sort" in hits)
    recap_intents = (Intent.LIST_REGIONS, Intent.FIGURES, Intent.COMPARE, Intent.LIST_PROGRAMS)
    sorted_recap = u.intent == Intent.RANKING and "order.sort" in hits  # "tabel rekap … urut terbanyak"
    left_out = u.intent == Intent.ARITHMETIC and u.arith == Arith.EXCLUDE  # "rekap … semua program kecuali Batam"
    recap = u.per == Per.EACH and "recap" in hits and not u.regions
    if recap and (u.intent in recap_intents or sorted_recap or left_out):
        # "rekap tiap program per kab/kota", "tabel rekap per kab/kota (BSKK, PMKS, UEP, total)": the recap table
        u.intent, u.full_order, u.recap, u.arith = Intent.RANKING, True, True, None
        u.rank = Rank.LEAST if u.order == Order.ASC else Rank.MOST
        if sorted_recap and u.order is None:
            u.order = Order.DESC
    if u.intent in LISTS and ("order.sort" in hits or "order.asc" in hits or "order.desc" in hits):
        u.intent = LISTS[u.intent]  # "list the regencies in descending order": a list in an order is a ranking
        u.rank = Rank.LEAST if u.order == Order.ASC else Rank.MOST
    if (
        u.intent in (Intent.COMPARE, Intent.COMPARE_PROGRAMS)
        and u.excluded_programs
        and "arith.sum" in hits
        and not u.regions
    ):
        u.intent, u.arith = Intent.ARITHMETIC, Arith.SUM  # "total semua program minus PMKS": the others' total
    if u.intent == Intent.LIST_PROGRAMS and u.excluded_programs:
        u.intent = Intent.RANK_PROGRAMS  # "selain PMKS ada program apa lagi": the others, with their figures
    if "order.alpha" in hits and u.intent in ALPHA_INTENTS and not u.regions:
        programs = u.intent in (Intent.LIST_PROGRAMS, Intent.RANK_PROGRAMS)
        u.intent = Intent.RANK_PROGRAMS if programs else Intent.RANKING
        u.order, u.full_order = Order.ALPHA, True  # "urut abjad": by name, not by size
        return
    extreme = "rank_most" in hits or "rank_least" in hits or not NUMBER_WORDS.isdisjoint(u.words)
    if u.intent in (Intent.RANKING, Intent.RANK_PROGRAMS) and "info.apply" in hits and not extreme:
        u.intent, u.info_aspects = Intent.INFO, ["apply"]  # "urutan cara daftar": the steps, not a ranking
        return
    if u.intent == Intent.INFO and len(u.programs) >= 2 and "compare" in hits and not MAGNITUDE.isdisjoint(u.words):
        u.intent = Intent.COMPARE  # "beda PMKS sama BSKK jauh gak": how far apart, not what each is
    if u.intent == Intent.FIGURES and len(u.programs) >= 2 and not u.regions and "compare" in hits:
        u.intent = Intent.COMPARE  # "selisih PMKS dan BSKK": the difference, not the two added up
    generic = bool(u.ambiguous) and all(a.text in GENERIC_NOUNS for a in u.ambiguous)
    if u.intent == Intent.AMBIGUOUS and generic and (ranks or "order.sort" in hits or "per.region" in hits):
        u.ambiguous.clear()  # "which regency ranks second for BSKK": every kab/kota, ranked
        u.intent = Intent.RANKING
        u.rank = Rank.LEAST if u.order == Order.ASC else Rank.MOST
    sorted_asked = "order.asc" in hits or "order.desc" in hits or "order.sort" in hits
    if u.intent == Intent.FIGURES and sorted_asked and len(u.regions) <= 1:
        # "PMKS ascending": the kab/kota of a program in order; "Batam urut dari terbanyak": the programs of a place
        by_program = u.per == Per.PROGRAM or (bool(u.regions) and not (u.programs or u.group))
        u.intent = Intent.RANK_PROGRAMS if by_program else Intent.RANKING
    if u.order is not None and u.intent in (Intent.RANKING, Intent.RANK_PROGRAMS):
        u.rank = Rank.LEAST if u.order == Order.ASC else Rank.MOST
    where = find(u.words, ("di", "mana")) >= 0 or "per.region" in hits  # "selain Batam, di mana lagi ada UEP"
    if u.intent == Intent.ARITHMETIC and u.arith == Arith.EXCLUDE and (ranks or where) and len(u.regions) == 0:
        # "selain Batam, mana yang terbanyak": the others ranked, not added up
        u.intent, u.arith = Intent.RANKING, None
        u.rank = Rank.LEAST if u.order == Order.ASC else Rank.MOST
    sorts_one = (
        u.intent == Intent.RANKING
        and u.per != Per.REGION
        and len(u.regions) == 1
        and not (u.programs or u.group)
        and ("order.asc" in hits or "order.desc" in hits or (not SORT_VERBS.isdisjoint(u.words) and "dari" in u.words))
        and "berapa" not in u.words  # "Tanjungpinang peringkat berapa dari total": its place, not its programs
    )  # "Batam urut dari terbanyak": its programs in order, not its place among the kab/kota
    if sorts_one or (
        u.intent == Intent.RANKING and u.per == Per.PROGRAM and len(u.regions) <= 1 and not (u.programs or u.group)
    ):
        u.intent = Intent.RANK_PROGRAMS  # "program di Karimun urut dari terbanyak": the programs of one place
    elif u.intent == Intent.RANK_PROGRAMS and u.per == Per.REGION:
        u.intent = Intent.RANKING
    if u.intent == Intent.ARITHMETIC and u.arith == Arith.AVERAGE and u.per is None and not u.regions:
        u.per = Per.REGION
    u.named_only = (  # "PMKS Natuna & Anambas"; not "jadi Karimun sama persis dengan Tanjungpinang ya"
        u.intent == Intent.COMPARE
        and len(u.regions) >= 2
        and "compare" not in hits
        and "confirm" not in hits
        and WHICH_WORDS.isdisjoint(u.words)
        and MINUS_WORDS.isdisjoint(u.words)  # "Batam - Bintan": the difference
    )
    if u.intent in (Intent.RANKING, Intent.RANK_PROGRAMS):
        asks_place = u.intent == Intent.RANKING and len(u.regions) == 1  # "Lingga peringkat berapa di BSKK"
        u.rank_position = max(u.rank_position, position(u.words), ordinal(u.words))
        nth = u.rank_position > 1 or find(u.words, ("ke", "berapa")) >= 0  # "terbanyak ke-2", "urutan ke berapa"
        said = "order.asc" in hits or "order.desc" in hits or "order.sort" in hits or "rank" in hits
        both = "rank_most" in hits and "rank_least" in hits
        said = said or (both and not RANGE_WORDS.isdisjoint(u.words))  # "dari terbanyak sampai tersedikit"
        u.full_order = said and not (asks_place or nth)
        u.both_ends = both and not u.full_order
        if u.intent == Intent.RANKING and len(u.regions) == 1 and not u.regions[0].sub_code:
            at = u.regions[0].start
            if 0 < at <= len(u.words) and u.words[at - 1] in AFTER_WORDS:  # "nomor 2 setelah Batam"
                u.after_place = u.regions[0].code
    if u.excluded_programs and not u.programs and u.intent != Intent.RANK_PROGRAMS:
        # "total kecuali PMKS", "kab/kota terbanyak tanpa PMKS": the figures of the other programs
        u.programs = [c for c in all_programs if c not in u.excluded_programs]
        # "58.849 itu kalau KUBE gak dihitung jadi brp": a number asked without the program, of nothing else
        asked = u.intent == Intent.UNKNOWN and not u.unexplained and not {"berapa", "how"}.isdisjoint(u.words)
        if (u.intent == Intent.FIGURES or asked) and len(u.regions) <= 1:
            u.intent, u.arith = Intent.ARITHMETIC, Arith.SUM  # "Batam tanpa PMKS berapa": the others added up
