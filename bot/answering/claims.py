"""A figure quoted back to be confirmed: "Batam 23.945 ya?", "PMKS 46 ribu kan?", "natuna 3000an kan?",
"UEP 465 dan KUBE 60 betul?". Each number typed is set against the figure it is said of, and the reply says yes, about
right, or no — never only the figure, which a reader may take for a yes when one digit differs ("PMKS 46.868 ya?")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.answering.base import typed_figures
from bot.answering.reply import Reply, bold, esc
from bot.text.i18n import _, fmt_int
from bot.understanding.intents import HEARSAY_WORDS, MEMBERSHIP_WORDS, MILLION_COUNT, Arith, Intent, Understanding
from bot.understanding.lexicon import contains

if TYPE_CHECKING:
    from bot.answering.answerer import Answerer
    from bot.figures.wording import Wording

_CLAIMED = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+|\d+)(?:\s*(ribu|rb|k|juta|jt)\b|\s*-?(an)\b)?(?![\w.,]?\d)", re.IGNORECASE
)
"""A number as typed: "23.945", "46 ribu", "46rb", "3000an", "3.000-an"."""
_YEAR_ONLY = re.compile(r"(19[5-9]\d|20\d\d)")
_CONFIRM_WORDS = frozenset(
    {"ya", "kan", "bener", "benar", "betul", "apakah", "benarkah", "betulkah", "bukan", "right", "correct", "true"}
    | {"yah", "yaa", "kah", "valid", "akurat", "sesuai", "cocok", "cocokkan", "cocokin", "dicocokkan"}
    | {"harus", "seharusnya", "mestinya", "semestinya", "should"}  # "batam harusnya 30rb": a figure disputed
    | {"asli", "hoax", "hoaks", "palsu", "fake"}  # "berita: PMKS lingga 3000 kk, asli ga?": a figure doubted
)
_APPROXIMATE_WORDS = frozenset({"sekitar", "kira", "hampir", "around", "about", "approximately", "roughly", "kisaran"})
_NOT_A_CLAIM = frozenset(
    {"kalau", "kalo", "klo", "andai", "seandainya", "misal", "misalnya", "jika", "jikalau", "umpama", "if"}
    | {"mana", "siapa", "which", "rupiah", "rp", "uang", "dana", "persen", "kali", "lipat", "juta", "jt", "ratus"}
    | {"lebih", "kurang", "more", "less", "fewer", "than", "selisih", "beda", "tambah", "naik", "turun", "jadi"}
    | {"gabung", "digabung", "gabungan", "plus", "berapa", "brp", "how", "what", "rata", "average"}
    | {"besar", "teratas", "terbawah", "top", "ke", "urutan", "peringkat", "ranking", "rank", "nomor", "posisi"}
    | {"orang", "jiwa", "kelompok", "people", "persons", "groups", "tahun", "year", "bulan", "umur", "usia"}
)
"""Words that make a typed number something else than a figure quoted back: a what-if, a filter, money, a share, a
sum (answered by the arithmetic, with the sum's own check), a unit the data does not count in, an age."""
_WHOLE_TOLD = re.compile(r"\b(?:total\w*|jumlah\w*|keseluruhan\w*|seluruh\w*|se-?kepri|kepri|semua\w*|overall)\b", re.I)
"""Words of the whole before a number said of it ("totalnya 60 ribu kk ya, lingga 7.480")."""
CLOSE = 0.05
"""A rounded figure within 5 % of the real one is "close to it" ("total kepri 60 ribu?" for 58.849)."""


def _said(words: list[str]) -> set[str]:
    """The words of a question but "tahun" naming the year that follows it ("bantu 85.849 KK th 2022?"), which is no
    age or count of years ("60 tahun"), the "mana" of "mana mungkin" (no way), which asks no "which", and a unit word
    that follows no number ("kata orang dinas …")."""
    return {
        w
        for i, w in enumerate(words)
        if not (w in ("tahun", "year") and i + 1 < len(words) and _YEAR_ONLY.fullmatch(words[i + 1]))
        and not (w == "mana" and words[i + 1 : i + 2] == ["mungkin"])  # "mana mungkin cuma 1.288": no "which"
        and not (w in _UNIT_WORDS and not (i and (words[i - 1].isdigit() or words[i - 1] in _COUNTED_AFTER)))
        and not (w == "ke" and _amount_at(words, i + 1))  # "bagi bantuan ke 58 ribu KK": to, not a rank
    }


def _amount_at(words: list[str], i: int) -> bool:
    """An amount of KK starts at ``words[i]`` ("58 ribu", "58849 kk"), not a place in an order ("ke 3")."""
    if i >= len(words) or not words[i].isdigit():
        return False
    return int(words[i]) > _LONGEST_RANK or words[i + 1 : i + 2] in (["kk"], *([w] for w in _COUNTED_AFTER))


_LONGEST_RANK = 10


_UNIT_WORDS = frozenset({"orang", "jiwa", "kelompok", "people", "persons", "groups"})
"""Units the data does not count in; a unit only after a number ("200 orang"), not "kata orang dinas" (people say)."""
_COUNTED_AFTER = frozenset({"ribu", "rb", "ratus", "juta", "jt", "thousand", "hundred"})


def what_equals(a: Wording, year: int, typed: int) -> str:
    """The one figure of the data that equals a number typed ("BSKK di Kabupaten Lingga"), or "" when none or
    several do."""
    f = a.facts
    province = a.provinces_name()
    found: list[str] = []
    for k in f.kabkota:
        for p in f.programs:
            if f.cell(year, p, k.code) == typed:
                found.append(_("{program} di {place}").format(program=a.pname(f.programs[p], short=True), place=k.name))
        if f.region_total(year, k.code) == typed:
            found.append(_("total semua program {place}").format(place=k.name))
    for p in f.programs:
        if f.program_total(year, p) == typed and not any(f.cell(year, p, k.code) == typed for k in f.kabkota):
            found.append(
                _("total {program} se-{province}").format(program=a.pname(f.programs[p], short=True), province=province)
            )
    if f.province_total(year) == typed:
        found.append(_("total semua program se-{province}").format(province=province))
    return found[0] if len(found) == 1 else ""


_WHOLE_AFTER = re.compile(
    r"\b(?:total\w*\s+(?:semua|seluruh|keseluruhan|bantuan|bansos|program|provinsi|kepri|se|all)|semua program"
    r"|seluruh program|semua bantuan|seluruh bantuan|keseluruhan|all programs|overall)\b",
    re.I,
)
"""After a program's figure, words saying it is the whole of the province or of every program ("itu total semua
bantuan kan"); "total" before the place named is the place's whole ("itu udah total batam"). A bare "totalnya" is the
program's own total ("pmks lingga 5.488 kan totalnya")."""


def figure_named(a: Wording, year: int, number: int) -> str:
    """ "ℹ️ 22.465 KK adalah angka PMKS di Kota Batam, tahun 2022.": what a number typed is, when it is one figure of
    the data (:func:`what_equals`); "" otherwise."""
    what = what_equals(a, year, number)
    if not what:
        return ""
    note = _("{number} adalah angka {what}, tahun {year}.")
    return "ℹ️ " + note.format(number=a.kk(number), what=esc(what), year=year)


def _said_whole(u: Understanding, after: str) -> bool:
    """ "PMKS batam 22.465 itu udah total batam kan": a program's figure said to be all of its place or province."""
    if not u.programs:
        return False
    if _WHOLE_AFTER.search(after):
        return True
    places = {r.text.split()[0] for r in u.regions}
    return any(m.group(1).lower() in places for m in re.finditer(r"\btotal\w*\s+(\w+)", after, re.I))


def _each_told(u: Understanding, claims: list[re.Match[str]]) -> list[tuple[str | None, list[str] | None]] | None:
    """ "kadis bilang totalnya 60 ribu kk ya, lingga 7.480", "total 60 ribu, batam 24 ribu kan?": several numbers, each
    right after what it is said of — one kab/kota named, or a word of the whole (the province); None when a number
    has not exactly one of them before it (since the number before)."""
    out: list[tuple[str | None, list[str] | None]] = []
    start = 0
    for m in claims:
        before = u.text[start : m.start()]
        named = [r.code for r in u.regions if re.search(rf"\b{re.escape(r.text)}", before, re.IGNORECASE)]
        whole = _WHOLE_TOLD.search(before) is not None
        if len(set(named)) + whole != 1:
            return None
        out.append((named[0] if named else None, None))
        start = m.end()
    return out if len(out) >= 2 else None


def confirm_claims(a: Answerer, u: Understanding) -> Reply | None:
    if u.intent not in (Intent.FIGURES, Intent.INFO) or u.unit_claim or u.comma_number:
        return None
    words = _said(u.words)
    millions = MILLION_COUNT.search(u.text) is not None
    if millions:  # "total bantuan 58 juta KK?": a count said in millions
        words = words - {"juta", "jt"}
    if words & _NOT_A_CLAIM or u.not_held or u.about or u.excluded or u.group or u.only_kind:
        return None
    # "wow 58 juta KK dapet bansos kepri": a count said in millions is checked, asked or not
    if not (millions or words & _CONFIRM_WORDS or words & HEARSAY_WORDS or u.text.rstrip().endswith("?")):
        return None  # asked to confirm, or a figure heard ("katanya batam dapat 30 ribu KK") to be checked
    if any(r.sub_code for r in u.regions) or a._missing_year(u.year) is not None:
        return None
    claims = [m for m in _CLAIMED.finditer(u.text) if not _YEAR_ONLY.fullmatch(m.group(0).strip())]
    if not claims:
        return None
    f = a.facts
    year = a._year(u.year)
    # What each number is said of: one place and/or one program for one number; several of one kind, in order.
    subjects: list[tuple[str | None, list[str] | None]]
    regions = [r.code for r in sorted(u.regions, key=lambda r: r.start)]
    if len(claims) == 1 and len(regions) <= 1 and len(u.programs) <= 1:
        if not (regions or u.programs or u.named_province or u.province):
            return None
        whole = _said_whole(u, u.text[claims[0].end() :])
        subjects = [(regions[0] if regions else None, None if whole else list(u.programs) or None)]
    elif len(regions) == len(claims) and len(u.programs) <= 1:
        # "batam 23.945, bintan 8.000 kan?", "pmks batam 22.465, pmks lingga 5.000 betul?": each place's figure
        subjects = [(code, list(u.programs) or None) for code in regions]
    elif len(u.programs) == len(claims) and len(regions) <= 1:
        subjects = [(regions[0] if regions else None, [p]) for p in u.programs]
    elif not u.programs and (told := _each_told(u, claims)) is not None:
        subjects = told  # "totalnya 60 ribu kk ya, lingga 7.480": the province's total, then Lingga's
    else:
        return None
    approximate_said = bool(words & _APPROXIMATE_WORDS)
    lines: list[str] = []
    notes = False
    for m, (code, programs) in zip(claims, subjects, strict=True):
        typed = int(m.group(1).replace(".", "").replace(",", ""))
        unit = 1
        if m.group(2) and m.group(2).lower() in ("juta", "jt"):
            typed, unit = typed * 1_000_000, 1_000_000  # "58 juta KK": a thousand times the figure, said plainly
        elif m.group(2):
            typed, unit = typed * 1000, 1000
        elif m.group(3):  # "3000an": three thousand and something
            unit = 10 ** max(len(str(typed)) - 1, 0)
        if code is not None:
            value = f.region_total(year, code, programs)
            where = f.regions[code].name
        else:
            totals = [f.program_total(year, p) for p in programs] if programs else [f.province_total(year)]
            value = None if None in totals else sum(t or 0 for t in totals)
            where = a.provinces_name()
        if value is None and code is not None and programs and len(programs) == 1 and unit == 1:
            unheld = _unheld_claim(a, u, m, year, code, programs[0], typed)
            if unheld is None:
                return None
            lines += unheld
            continue
        thousandfold = False
        if value is not None and unit == 1_000_000 and abs(typed / 1000 - value) <= CLOSE * value:
            unit, thousandfold = 1, True  # "58 juta KK" for 58.849: a thousand times too many, said to be wrong
        elif value is None or typed <= 0:
            return None
        elif not value / 10 <= typed <= value * 10 and not (
            unit == 1 and typed > value and figure_named(a, year, typed)
        ):
            # "masuk 3 besar", "UEP 5 juta": a rank or an amount, not this figure quoted back; but a bigger figure
            # said of this one ("bskk batam kan 22.465 ya": Batam's PMKS) is checked however far apart they are (a
            # part said as the whole, "batam cuma 1.288 KK", is told so after)
            return None
        subject = a.pfull(f.programs[programs[0]]) if programs and len(programs) == 1 else _("semua program")
        figure = _("{where}, {subject}, tahun {year}: {value}").format(
            subject=esc(subject), where=esc(where), year=year, value=bold(a.kk(value))
        )
        if value == typed:
            verdict = _("Ya, benar.")
        elif unit > 1 and typed <= value < typed + unit:
            verdict = _("Ya, kira-kira.")
        elif (unit > 1 or approximate_said or typed % 1000 == 0) and abs(value - typed) <= CLOSE * typed:
            verdict = _("Mendekati, tapi tidak persis.")
        else:
            verdict = _("Tidak.")
        if verdict == _("Tidak."):  # "85.849 KK?" for 58.849: the number typed is said plainly to be wrong
            figure += " " + _("(bukan {number})").format(number=fmt_int(typed))
        lines.append(f"{verdict} {figure}")
        if thousandfold:  # "58 juta KK": some 58 thousand, the millions said plainly wrong
            lines.append(
                _("Itu {thousands} ribuan KK, bukan {millions} juta.").format(
                    thousands=fmt_int(value // 1000), millions=fmt_int(typed // 1_000_000)
                )
            )
        elif value != typed:
            text = (
                _("Itu {diff} lebih banyak dari {number}.")
                if value > typed
                else _("Itu {diff} lebih sedikit dari {number}.")
            )
            lines.append(text.format(diff=bold(a.kk(abs(value - typed))), number=fmt_int(typed)))
            other = figure_named(a, year, typed) if unit == 1 and typed >= 10 else ""
            if other:  # "Lingga dapat 2.800 KK total ya": 2.800 is Lingga's BSKK, said so
                lines.append(other)
        notes = notes or (code is not None and not programs)
    note = a.unallocated_note(year) if notes else ""
    if note:  # a kab/kota's total leaves out what is reported for the province only (KUBE)
        lines.append(note)
    programs_all = [p for _c, ps in subjects for p in (ps or [])] or None
    lines.append(a.source_line(year, programs_all))
    return Reply("\n".join(lines), intent=Intent.FIGURES)


def _unheld_claim(
    a: Answerer, u: Understanding, m: re.Match[str], year: int, code: str, program: str, typed: int
) -> list[str] | None:
    """ "UEP anambas 10 KK kan?": a number said of a program in a kab/kota the source gives no figure for. No: there
    is no such figure (never a 0), and whose figure the number is when it is one ("10 KK adalah angka UEP di Kabupaten
    Natuna"). None when the number is no count of KK quoted (no "KK" after it and no figure of the data equals it)."""
    f = a.facts
    other = figure_named(a, year, typed) if typed > 0 else ""
    in_kk = bool(re.match(r"\s*kk\b", u.text[m.end() :], re.I))
    if not (other or in_kk) or f.region_total(year, code) is None:
        return None
    listed = any(f.cell(year, program, k.code) is not None for k in f.kabkota)
    if typed == f.province_total(year) or (typed == f.program_total(year, program) and not listed):
        return None  # "KUBE batam 60 KK kan": reported for the province only, which its own reply says
    if typed == f.program_total(year, program):
        # "BSKK natuna 11.638 KK kan?", "BSKK 11.638 itu termasuk natuna kan": the program's whole said of the kab/kota
        # (or said to hold it): that number is the province's total, and what the kab/kota the source lists add up to
        return [
            _(
                "Tidak. {number} adalah total {program} se-{province}, tahun {year}, bukan angka {where}: sumber "
                "tidak menyebut angka {program} untuk {where}."
            ).format(
                number=esc(a.kk(typed)),
                program=esc(a.pname(f.programs[program], short=True)),
                province=esc(a.provinces_name()),
                year=year,
                where=esc(f.regions[code].name),
            ),
            a.program_gaps(year, [program], [f.regions[code]]),
        ]
    lines = [
        _(
            "Tidak. Sumber tidak menyebut angka {program} untuk {where}, tahun {year}, jadi {number} bukan angkanya."
        ).format(
            program=esc(a.pname(f.programs[program], short=True)),
            where=esc(f.regions[code].name),
            year=year,
            number=esc(a.kk(typed)),
        )
    ]
    if other:
        lines.append(other)
    return lines


_QUOTED_INTENTS = frozenset(
    {Intent.FIGURES, Intent.INFO, Intent.UNSURE, Intent.UNKNOWN, Intent.ABOUT_DATA, Intent.RANKING, Intent.COMPARE}
)
"""Questions in which a number typed may be a figure quoted back ("batam gak mungkin cuma 1288", "knp batam cuma
dapet 1.288 kk padahal penduduknya paling banyak")."""


def quoted_part(a: Answerer, u: Understanding) -> Reply | None:
    """ "knp batam cuma dapet 1.288 kk", "angka kalian ngawur, batam gak mungkin cuma 1288": a number typed that is not
    the figure of what is named but exactly one program's figure in it (Batam's BSKK, not Batam's total) is said to be
    that part, with the whole it belongs to, so the reader does not take one program for all of them. Nothing named:
    the one figure of the data that equals it, when only one does."""
    if u.intent not in _QUOTED_INTENTS or u.unit_claim or u.comma_number or u.outside or u.national or u.topic:
        return None
    words = _said(u.words)
    if words & _NOT_A_CLAIM or u.not_held or u.excluded or u.group or u.only_kind or u.excluded_programs:
        return None
    if len(u.regions) > 1 or len(u.programs) > 1 or (u.regions and u.programs):
        return None  # a figure of one program in one place quoted back is confirmed or denied (confirm_claims)
    if any(r.sub_code for r in u.regions) or a._missing_year(u.year) is not None:
        return None
    numbers = [m for m in _CLAIMED.finditer(u.text) if not _YEAR_ONLY.fullmatch(m.group(0).strip())]
    if len(numbers) != 1 or numbers[0].group(2) or numbers[0].group(3):
        return None  # "46 ribu", "3000an": a rounded number is no one figure quoted
    typed = int(numbers[0].group(1).replace(".", "").replace(",", ""))
    f = a.facts
    year = a._year(u.year)
    code = u.regions[0].code if u.regions else None
    program = u.programs[0] if u.programs else None
    if typed < (10 if code or program else 100) or (code is not None and code not in f.regions):
        return None  # a small number with nothing named is too often something else
    totals = {("region", k.code): f.region_total(year, k.code) for k in f.kabkota}
    totals |= {("program", p): f.program_total(year, p) for p in f.programs}
    totals[("province", "")] = f.province_total(year)
    if typed in totals.values():
        return None  # a whole quoted (right or said of the wrong place) is confirmed or compared elsewhere
    places = [code] if code else [k.code for k in f.kabkota]
    programs = [program] if program else list(f.programs)
    parts = [(r, p) for r in places for p in programs if f.cell(year, p, r) == typed]
    if len(parts) != 1:
        return None
    region, part = parts[0]
    place = f.regions[region].name
    short = a.pname(f.programs[part], short=True)
    name = short if part.lower() in short.lower() else f"{short} ({part})"  # "Kesejahteraan Keluarga (BSKK)"
    lines = [
        "ℹ️ "
        + (
            _("{number} adalah angka {program} di {place} saja (tahun {year}), bukan total semua program.")
            if program is None
            else _("{number} adalah angka {program} di {place} saja (tahun {year}), bukan total {program}.")
        ).format(number=bold(a.kk(typed)), program=esc(name), place=esc(place), year=year)
    ]
    if program is not None:  # "PMKS cuma 22.465?": the program's whole, and where that part is
        lines.append(
            _("Total {program} se-{province}, tahun {year}: {value}").format(
                program=esc(name),
                province=esc(a.provinces_name()),
                year=year,
                value=bold(a.kk(f.program_total(year, part))),
            )
        )
    ranked = [k.code for k, _v in a.ranked(year, None)]
    rank = (
        _(" (urutan ke-{rank} dari {n} kab/kota)").format(rank=ranked.index(region) + 1, n=len(ranked))
        if (region in ranked)
        else ""
    )
    lines.append(
        _("Total semua program {place}, tahun {year}: {value}").format(
            place=esc(place), year=year, value=bold(a.kk(f.region_total(year, region)))
        )
        + rank
    )
    for p in f.programs:
        value = f.cell(year, p, region)
        if value is not None:
            lines.append(f"• {esc(a.pname(f.programs[p], short=True))}: {a.kk(value)}" + (" ←" if p == part else ""))
    note = a.unallocated_note(year)
    if note:
        lines.append(note)
    if u.asks_why:  # "kenapa Batam cuma …": the figures hold no reason
        lines.append(
            _(
                "Data ini hanya mencatat jumlah penerima; sumbernya tidak menyebut alasan di balik angka itu. Untuk "
                "penjelasannya, tanyakan ke Dinas Sosial Provinsi {province}."
            ).format(province=esc(a.provinces_name()))
        )
    lines.append(a.source_line(year, None))
    return Reply("\n".join(lines), intent=Intent.FIGURES)


def kind_reading(reply: Reply, u: Understanding, handler: Callable[[Understanding], Reply]) -> None:
    """ "kabupaten mana paling banyak", "rata2 UEP per kabupaten": "kabupaten" (and "kota") is said of every kab/kota
    as often as of the kabupaten alone. The reply over every kab/kota stays; the same question over that kind only
    is added after its first line, labelled, so that neither reading is left with a figure it did not ask for."""
    kind = u.kind_also
    if kind is None or reply.intent not in (Intent.RANKING, Intent.ARITHMETIC):
        return
    alone = handler(replace(u, only_kind=kind, kind_also=None))
    if alone.intent != reply.intent:
        return
    theirs = alone.html.split("\n")
    if theirs[0] == reply.html.split("\n")[0]:
        return  # both readings give the same answer ("paling sedikit kab mana": Anambas either way)
    head = theirs[:2] if theirs[1:2] and theirs[1].startswith("=") else theirs[:1]
    label = (
        _("Kalau hanya kabupaten yang dihitung (tanpa kota):")
        if kind == "kabupaten"
        else _("Kalau hanya kota yang dihitung (tanpa kabupaten):")
    )
    lines = reply.html.split("\n")
    at = 2 if lines[1:2] and lines[1].startswith("=") else 1  # after the headline and its working
    reply.html = "\n".join([*lines[:at], label, *(f"   {line}" for line in head), *lines[at:]])


_ABOVE = re.compile(
    r"(?:di\s*atas|lebih\s+(?:banyak\s+)?dari|lebih|melebihi|melewati|>|above|over|more\s+than|exceeding)\s*$"
)
_BELOW = re.compile(r"(?:di\s*bawah|kurang\s+dari|<|below|under|less\s+than|fewer\s+than)\s*$")
_AT_LEAST = re.compile(r"(?:minimal|sedikitnya|paling\s+sedikit|at\s+least|>=|≥)\s*$")
_PLACE_GROUP = frozenset(
    {"kabupaten", "kota", "daerah", "wilayah", "regency", "regencies", "city", "cities", "district", "region"}
    | {"districts", "regions", "mana", "which"}
)
_NOT_A_FILTER = frozenset(
    {"kalau", "kalo", "klo", "andai", "seandainya", "misal", "misalnya", "jika", "if", "juta", "jt", "rupiah", "rp"}
    | {"persen", "percent", "gaji", "penghasilan", "pendapatan", "umur", "usia", "tahun", "years", "income", "naik"}
    | {"turun", "tambah", "kurangi", "dikurangi", "jadi", "menjadi"}
)


def filtered_places(a: Answerer, u: Understanding) -> Reply | None:
    """ "daerah dengan penerima di atas 7.000", "berapa kab/kota yang di bawah 5 ribu", "which regencies have more
    than 5,000 households": the kab/kota whose figure passes a number typed after "di atas/lebih dari/di bawah/kurang
    dari/minimal", listed with their figures and counted."""
    if u.regions or len(u.programs) > 1 or u.group or u.not_held or u.about or u.unit_claim:
        return None
    words = set(u.words)
    if not (words & _PLACE_GROUP) or words & _NOT_A_FILTER:
        return None
    numbers = [m for m in _CLAIMED.finditer(u.text) if not _YEAR_ONLY.fullmatch(m.group(0).strip())]
    if len(numbers) != 1 or numbers[0].group(3):
        return None
    m = numbers[0]
    before = u.text[: m.start()].lower()
    if _AT_LEAST.search(before):
        test, how = (lambda v, n: v >= n), _("paling sedikit {number}")
    elif _ABOVE.search(before):
        test, how = (lambda v, n: v > n), _("lebih dari {number}")
    elif _BELOW.search(before):
        test, how = (lambda v, n: v < n), _("kurang dari {number}")
    else:
        return None
    typed = int(m.group(1).replace(".", "").replace(",", "")) * (1000 if m.group(2) else 1)
    if typed < 10 or a._missing_year(u.year) is not None:
        return None
    year = a._year(u.year)
    programs, subject = a.subject_of(u)
    ranked = [(k, v) for k, v in a.ranked(year, programs) if u.only_kind in (None, k.kind.lower())]
    if not ranked:
        return None
    kept = [(k, v) for k, v in ranked if test(v, typed)]
    condition = how.format(number=a.kk(typed))
    lines = [
        _("Kab/kota dengan {subject} {condition}, tahun {year}: {n} dari {total} kab/kota").format(
            subject=esc(subject), condition=esc(condition), year=year, n=bold(fmt_int(len(kept))), total=len(ranked)
        )
    ]
    lines += [f"• {esc(k.name)}: {a.kk(v)}" for k, v in kept]
    rest = [k.short for k, v in ranked if not test(v, typed)]
    if rest:
        lines.append(_("Yang lain: {regions}.").format(regions=esc(a.some_names(rest))))
    return Reply("\n".join([*lines, *a.closing_lines(year, programs)]), intent=Intent.RANKING)


_AGAINST_WORDS = frozenset(
    {"lebih", "kalah", "menang", "dibanding", "dibandingkan", "banding", "vs", "versus", "than", "ketimbang"}
    | {"melebihi", "mengalahkan", "beat", "beats"}
)
_LEAVE_OUT = frozenset({"kecuali", "selain", "tanpa", "luar", "except", "excluding", "besides", "without"})


def rest_against_left_out(a: Answerer, u: Understanding) -> Reply | None:
    """ "kalau semua kab/kota kecuali Batam dijumlah, masih kalah dr Batam ga?", "gabungan selain Batam lebih banyak
    dari Batam?": the sum that leaves one kab/kota out, set against that kab/kota (not the sum alone)."""
    if u.intent != Intent.ARITHMETIC or len(u.excluded) != 1 or u.regions or len(u.programs) > 1:
        return None
    words = u.words
    compare_at = next((i for i, w in enumerate(words) if w in _AGAINST_WORDS), None)
    leave_at = next((i for i, w in enumerate(words) if w in _LEAVE_OUT), None)
    if compare_at is None or leave_at is None or a._missing_year(u.year) is not None:
        return None
    year = a._year(u.year)
    programs, subject = a.subject_of(u)
    here = a.facts.regions[u.excluded[0]]
    return a._against_rest(here, programs, subject, year, u, None, leave_at < compare_at)


_TYPED_SUM = re.compile(r"(?<![\w.,])\d[\d.,]*(?:\s*\+\s*\d[\d.,]*)+(?![\w.,]?\d)")
"""Numbers typed joined by "+" ("11.638 + 46.686 + 465 + 60")."""
_WHOLE = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d+")


def _whole(typed: str) -> int | None:
    """A whole number as typed ("46.686", "46,686", "465"); None for a decimal ("2,5")."""
    typed = typed.strip().rstrip(".,")
    return int(re.sub(r"[.,]", "", typed)) if _WHOLE.fullmatch(typed) else None


def typed_sum(a: Answerer, u: Understanding) -> Reply | None:
    """ "coba jumlahin 11.638 + 46.686 + 465 + 60, pas gak sama 58.849?": the numbers typed added up (a calculation,
    not data), set against a number typed after them, each number that is one figure of the data named."""
    if u.intent in (Intent.SCENARIO, Intent.NATIONAL, Intent.OUTSIDE, Intent.OUT_OF_SCOPE) or u.topic:
        return None
    m = _TYPED_SUM.search(u.text)
    if m is None:
        return None
    parts = [_whole(p) for p in m.group(0).split("+")]
    if any(p is None for p in parts) or len(parts) < 2:
        return None
    values = [p for p in parts if p is not None]
    total = sum(values)
    year = a._year(u.year)
    lines = [
        _("{parts} = {total} (hitungan dari angka yang Anda ketik).").format(
            parts=" + ".join(fmt_int(v) for v in values), total=bold(fmt_int(total))
        )
    ]
    after = [n for n in (_whole(t) for t in _WHOLE.findall(u.text[m.end() :])) if n is not None]
    after = [n for n in after if not _YEAR_ONLY.fullmatch(str(n))]
    if after:
        target = after[0]
        if target == total:
            lines.append(_("Cocok: sama dengan {target}.").format(target=fmt_int(target)))
        else:
            lines.append(
                _("Tidak cocok: {target} berbeda {diff} dari hasil itu.").format(
                    target=fmt_int(target), diff=fmt_int(abs(target - total))
                )
            )
    named = [(v, what_equals(a, year, v)) for v in dict.fromkeys([*values, *after[:1], total])]
    known = [(v, what) for v, what in named if what]
    if known:
        lines.append(_("Dalam data tahun {year}:").format(year=year))
        lines += [f"• {fmt_int(v)}: {esc(what)}" for v, what in known]
        lines.append(a.source_line(year))
    return Reply("\n".join(lines), intent=Intent.ARITHMETIC)


_ROUNDED = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:(ribu|rb|k|ratus)\s*-?\s*(an)?|-?\s*(an))?(?![\w.,]?\d)(?!\w)",
    re.IGNORECASE,
)
"""A number asked about: "4 ribuan", "7rb-an", "4 ratusan", "4000an", "4.000-an", or exact ("4.470")."""


def _trailing_zeros(n: int) -> int:
    return len(str(n)) - len(str(n).rstrip("0")) if n else 0


def figures_near(a: Answerer, u: Understanding) -> Reply | None:
    """ "angka yg 4 ribuan itu punya daerah mana", "yg 7 ribuan itu kab mana aja", "angka 4.470 itu apa": what the
    figures of that size are — every program figure of a kab/kota, kab/kota total, program total and the province
    total within the range the number says ("4 ribuan": 4.000 to 4.999), largest first; none there: the nearest two,
    so that a figure misremembered is still found. A program named keeps only its figures."""
    if u.regions or u.group or len(u.programs) > 1 or u.not_held or u.about or u.unit_claim or u.comma_number:
        return None
    asked = u.intent in (Intent.UNKNOWN, Intent.UNSURE, Intent.RANKING) or (u.intent == Intent.FIGURES and u.programs)
    if not asked or u.outside or u.national or u.topic:
        return None  # "apakah sy termasuk 58.849 itu": the asker's status; "total 85.849 itu dr mana": the total
    if u.scenario is not None or not MEMBERSHIP_WORDS.isdisjoint(u.words):
        return None
    lookup = a.understander.lexicon.figure_lookup
    words = set(u.words)
    if words.isdisjoint(lookup.get("which", ())) or not words.isdisjoint(lookup.get("not_with", ())):
        return None
    found = [m for m in _ROUNDED.finditer(u.text) if not _YEAR_ONLY.fullmatch(m.group(0).strip())]
    if len(found) != 1 or a._missing_year(u.year) is not None:
        return None
    m = found[0]
    n = int(m.group(1).replace(".", "").replace(",", ""))
    if m.group(2):  # "4 ribuan", "4 ratusan", "7 rb": that many thousands (hundreds) and some
        scale = 100 if m.group(2).lower() == "ratus" else 1000
        low, high = n * scale, (n + 1) * scale
    elif m.group(4):  # "4000an", "4.500-an": its last non-zero digit and some
        low, high = n, n + 10 ** _trailing_zeros(n)
    else:
        low, high = n, n + 1
    if low < 10:
        return None
    f = a.facts
    year = a._year(u.year)
    province = a.provinces_name()
    programs = list(u.programs) or list(f.programs)
    figures: list[tuple[int, str]] = []
    place_totals: set[str] = set()  # a kab/kota's total holds no KUBE (the province's does)
    for k in f.kabkota:
        cells = [(p, f.cell(year, p, k.code)) for p in f.programs]
        held = [(p, v) for p, v in cells if v is not None]
        for p, v in held:
            if p in programs:
                whole = _(" (= total semua program {place})").format(place=k.name) if len(held) == 1 else ""
                figures.append((v, f"{k.name} — {a.pname(f.programs[p], short=True)}{whole}"))
        total = f.region_total(year, k.code)
        if not u.programs and total is not None and len(held) > 1:
            figures.append((total, _("{place} — total semua program").format(place=k.name)))
            place_totals.add(figures[-1][1])
    for p in programs:
        value = f.program_total(year, p)
        if value is not None:
            figures.append(
                (
                    value,
                    _("{program} se-{province}").format(program=a.pname(f.programs[p], short=True), province=province),
                )
            )
    value = f.province_total(year)
    if not u.programs and value is not None:
        figures.append((value, _("total semua program se-{province}").format(province=province)))
    inside = sorted((x for x in figures if low <= x[0] < high), key=lambda x: -x[0])
    exact = high == low + 1
    wanted = fmt_int(low) if exact else _("antara {low} dan {high}").format(low=fmt_int(low), high=fmt_int(high - 1))
    if inside:
        lines = [_("Angka {wanted} dalam data tahun {year}:").format(wanted=esc(wanted), year=year)]
        lines += [f"• {esc(what)}: {bold(a.kk(v))}" for v, what in inside]
        if len(inside) > 1:  # "bantuan yg 2 ribuan itu yg mana": several fit, the asker picks one
            lines.append(_("Maksud Anda angka yang mana? Sebutkan kab/kota atau programnya."))
    else:
        nearest = sorted(figures, key=lambda x: min(abs(x[0] - low), abs(x[0] - (high - 1))))[:2]
        lines = [
            _("Tidak ada angka {wanted} dalam data tahun {year}. Yang paling dekat:").format(
                wanted=esc(wanted), year=year
            )
        ]
        lines += [f"• {esc(what)}: {bold(a.kk(v))}" for v, what in sorted(nearest, key=lambda x: -x[0])]
        lines.append(_("Maksud Anda angka yang mana? Sebutkan kab/kota atau programnya."))
    note = a.unallocated_note(year) if any(what in place_totals for _v, what in inside) else ""
    if note:
        lines.append(note)
    lines.append(a.source_line(year, list(u.programs) or None))
    return Reply("\n".join(lines), intent=Intent.FIGURES)


_THOUSANDS_TYPED = re.compile(r"(?<![\w.,])(\d{1,3})\s*(?:ribu|rb|rebu|k)\b(?!\s*-?an\b)", re.IGNORECASE)
"""A number said in thousands ("58 ribu", "58rb", "46k"), not "58 ribuan"."""


_ADDING = frozenset(
    {"digabung", "jumlah", "total", "tambah", "jumlahkan", "gabungan", "gabung", "ditotal", "sum", "added", "add"}
)
"""Words of adding figures up ("dijumlah" is read "digabung")."""
_EVERY = frozenset({"semua", "seluruh", "tiap", "setiap", "per", "masing", "all", "every", "each"})
_PLACE_WORDS = frozenset({"kabupaten", "kota", "daerah", "wilayah", "regency", "regencies", "cities", "regions"})


def _adds_up_places(words: list[str]) -> bool:
    """ "klo dijumlah semua kab/kota", "bskk 5 daerah itu kalo dijumlah", "total per daerah": the kab/kota figures
    added up (a word of places after a word of every or a count, and a word of adding)."""
    every = any(
        w in _PLACE_WORDS and i and (words[i - 1] in _EVERY or words[i - 1].isdigit()) for i, w in enumerate(words)
    )
    return every and not _ADDING.isdisjoint(words)


def kabkota_sum_check(a: Answerer, u: Understanding) -> Reply | None:
    """ "klo dijumlah semua kab/kota hasilnya 58.849 gak?", "bskk 5 daerah itu kalo dijumlah udah 11.638 kan, brarti
    natuna sama anambas 0 dong?": the kab/kota figures added up, set against the one number typed, then against the
    total reported (the part reported without a kab/kota breakdown, such as KUBE, named). Kab/kota the source gives
    no figure are said to have none, never a reported 0; they may be the only places named."""
    if u.intent in (Intent.SCENARIO, Intent.NATIONAL, Intent.OUTSIDE, Intent.OUT_OF_SCOPE) or u.topic or u.scenario:
        return None
    if u.excluded or u.only_kind or u.about or u.not_held or u.arith == Arith.AVERAGE or not _adds_up_places(u.words):
        return None
    if u.rare:
        return None  # a word nothing accounts for, that may change what is asked: asked back
    vocab = a.understander.scenario_vocab
    if any(contains(u.words, p) for p in vocab.conditional) and any(contains(u.words, p) for p in vocab.result):
        return None  # "kalo semua kab/kota dapat BSKK 100 lagi, total jadi brp": a what-if, no sum checked
    typed = [(n, False) for n in typed_figures(u.text)]
    typed += [(int(m.group(1)) * 1000, True) for m in _THOUSANDS_TYPED.finditer(u.text)]  # "60 ribu"
    if len(typed) != 1 or a._missing_year(u.year) is not None:
        return None
    f = a.facts
    year = a._year(u.year)
    programs, subject = a.subject_of(u)
    rows = [(k, f.region_total(year, k.code, programs)) for k in f.kabkota]
    present = [(k, v) for k, v in rows if v is not None]
    missing = [k for k, v in rows if v is None]
    if not present or not {r.code for r in u.regions} <= {k.code for k in missing}:
        return None  # a place named that has a figure: a sum of the places named, not of every kab/kota
    added = sum(v for _k, v in present)
    if not added / 10 <= typed[0][0] <= added * 10:
        return None  # "… dapat 100 lagi": an amount of a change, not the sum quoted back
    totals = [f.program_total(year, p) for p in programs] if programs else [f.province_total(year)]
    reported = None if None in totals else sum(t or 0 for t in totals)
    number, rounded = typed[0]
    about = rounded and number <= added < number + 1000  # "58 ribu" for 58.789
    head = _("Jumlah angka {n} kab/kota ({subject}), tahun {year}: {parts} = {sum}").format(
        subject=esc(subject),
        n=len(present),
        year=year,
        parts=" + ".join(f"{esc(k.short)} {fmt_int(v)}" for k, v in present),
        sum=bold(a.kk(added)),
    )
    if not u.asks_why:  # "knp kalo dijumlah per kab kota ga sampe 58.849": the reason, not a yes or no
        verdict = _("Ya.") if number == added else _("Ya, kira-kira.") if about else _("Tidak.")
        head = bold(verdict) + " " + head
        head += "" if number == added or about else " " + _("(bukan {number})").format(number=fmt_int(number))
    lines = [head]
    lines += _against_reported(a, year, programs, subject, added, reported, number)
    if missing:
        lines.append(
            _(
                "Sumber tidak menyebut angka {subject} untuk {places}: tidak ada angkanya dalam data ini (bukan angka "
                "0 yang dilaporkan), jadi tidak ikut dijumlahkan."
            ).format(subject=esc(subject), places=esc(a._and_list([k.name for k in missing])))
        )
    lines.append(a.source_line(year, programs))
    return Reply("\n".join(lines), intent=Intent.ARITHMETIC)


def _against_reported(
    a: Answerer, year: int, programs: list[str] | None, subject: str, added: int, reported: int | None, number: int
) -> list[str]:
    """The kab/kota sum against the total reported: the same, or less by the part reported without a breakdown; and
    what the number typed is when it is neither."""
    f = a.facts
    province = a.provinces_name()
    if reported is None:
        return []
    if reported == added:
        lines = [
            _("Sama dengan total {subject} se-{province} yang dilaporkan: {total}.").format(
                subject=esc(subject), province=esc(province), total=a.kk(reported)
            )
        ]
    else:
        unallocated = {
            p: v for p, v in f.unallocated_in(year).items() if p in f.programs and p in (programs or f.programs)
        }
        parts = ", ".join(f"{a.pname(f.programs[p], short=True)} {a.kk(v)}" for p, v in sorted(unallocated.items()))
        text = (
            _(
                "Total {subject} se-{province} yang dilaporkan {total}: selisih {diff} dilaporkan tanpa rincian per "
                "kab/kota ({parts})."
            )
            if parts
            else _("Total {subject} se-{province} yang dilaporkan {total}: selisih {diff} tanpa rincian per kab/kota.")
        )
        lines = [
            text.format(
                subject=esc(subject),
                province=esc(province),
                total=bold(a.kk(reported)),
                diff=a.kk(reported - added),
                parts=esc(parts),
            )
        ]
    other = figure_named(a, year, number) if number not in (added, reported) else ""
    return [*lines, other] if other else lines


def rounded_and_exact(a: Answerer, u: Understanding) -> Reply | None:
    """ "knp judul beritanya 58 ribu tp angkanya 58.849", "berita bilang 46 ribu, di sini 46.686, mana yg bener?": a
    number in thousands and the exact figure of the data it rounds are the same figure, written short (as a headline
    does); said so, with what the figure is."""
    if u.intent in (Intent.SCENARIO, Intent.NATIONAL, Intent.OUTSIDE) or u.topic or u.scenario or u.arith:
        return None
    if u.unit_claim or u.comma_number or u.not_held or u.rare:
        return None  # "58 ribu KK itu 58.849 orang?": the unit, answered as such
    rounded = [int(m.group(1)) * 1000 for m in _THOUSANDS_TYPED.finditer(u.text)]
    exact = typed_figures(u.text)
    if len(rounded) != 1 or len(exact) != 1 or a._missing_year(u.year) is not None:
        return None
    short, figure = rounded[0], exact[0]
    if figure // 1000 * 1000 != short and round(figure / 1000) * 1000 != short:
        return None
    year = a._year(u.year)
    what = what_equals(a, year, figure)
    if not what:
        return None  # not a figure of the data: nothing to say it is
    how = _("dibulatkan ke bawah") if short < figure else _("dibulatkan ke atas")
    lines = [
        _(
            "Angkanya sama: “{short}” adalah {figure} yang {how} ke ribuan (judul berita biasa menyingkat angka)."
        ).format(short=esc(_("{n} ribu").format(n=fmt_int(short // 1000))), figure=bold(fmt_int(figure)), how=how),
        _("{figure} adalah angka {what}, tahun {year}.").format(figure=a.kk(figure), what=esc(what), year=year),
        a.source_line(year),
    ]
    return Reply("\n".join(lines), intent=Intent.ABOUT_DATA)
