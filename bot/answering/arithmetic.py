"""Arithmetic over the figures, always shown with its inputs, year and source: sums of regions or programs, ratios,
averages per kab/kota, sums that leave regions out, and which program is largest or smallest."""

from __future__ import annotations

import re
from dataclasses import replace

from babel.numbers import format_decimal

from bot.answering.actions import Action, Kind
from bot.answering.base import typed_figures
from bot.answering.claims import CLOSE, what_equals
from bot.answering.figures import FigureAnswers
from bot.answering.reply import Choice, Reply, bold, esc
from bot.figures.facts import RegionInfo
from bot.text.i18n import _, current_language, fmt_int, fmt_pct
from bot.understanding.intents import Arith, Intent, Order, Per, Rank, Understanding
from bot.understanding.lexicon import find
from bot.understanding.scenarios import numbers

DIFFERENCE_WORDS = frozenset({"selisih", "beda", "bedanya", "perbedaan", "difference", "gap"})
"""A difference asked: "total" before the places is each one's total ("selisih total batam dgn bintan"); without it,
"jumlah natuna dan lingga, mana lebih sedikit" asks their sum too."""


def fmt_ratio(value: float) -> str:
    """A ratio with one or two decimals, through Babel in the current language ("2,76")."""
    return format_decimal(value, format="#,##0.##", locale=current_language())


_DIVIDED_BY = re.compile(r"\b(?:di\s*)?bagi\s+(\d{1,3})\b")
"""A division by a number typed ("di bagi 2", "dibagi 3")."""
_SPREAD_OVER = re.compile(r"\b(?:ke|untuk|for|to|among|across)\s+(\d{1,2})\s*(?:kab|kabupaten|daerah|wilayah|regenc)")
"""The number of kab/kota an amount is spread over ("dibagi rata ke 7 kab/kota")."""
_ZERO = re.compile(r"\b(?:dihitung|dianggap|diitung|anggap|hitung|counted as|as)\s+(?:0|nol|zero)\b")
"""A kab/kota without a figure that the asker wants counted as 0 ("Anambas dihitung 0")."""
EVERY_WORDS = frozenset({"semua", "setiap", "tiap", "masing", "all", "every", "each"})
"""A kab/kota said to lead in every program ("batam kan terbanyak di semua program ya?"): each program's leader."""
RATIO_WORDS = frozenset({"kali", "lipat", "rasio", "ratio", "times"})
"""Words asking how many times one figure is another, beside a comparison ("selisih dan berapa kali lipat"; "natuna
vs anambas beda brp dan brp kali": after two places compared, "brp kali" is their ratio, not how often)."""
SHARE_WORDS = frozenset({"persen", "persentase", "porsi", "percent"})
"""Words asking a share: with a sum of kab/kota, each one's share of the whole is given beside its figure too."""
_PLACE_ASKED = frozenset({"mana", "dimana", "daerah", "wilayah", "kab", "kabupaten", "kota", "where", "which"})
"""Words asking which place ("program UEP paling banyak di mana"): an order of kab/kota, not of programs."""
_PLACE_COUNT_WORDS = frozenset({"kab/kota", "kabupaten", "kota", "daerah", "wilayah", "kab", "kabkota", "regencies"})


_MULTIPLE_SAID = re.compile(
    r"(?<![\w.,])(\d{1,2}(?:[.,]\d)?|dua|tiga|empat|lima|two|three|four|five)\s*(?:x|kali|times)(?!\w)"
)
"""A multiple said of two figures ("2x lipat", "3 kali", "1,5 kali", "dua kali lipat"): checked against their ratio."""
_MULTIPLE_NUMBERS = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "two": 2, "three": 3, "four": 4, "five": 5}


def multiple_said(text: str) -> float | None:
    """The multiple a question says one figure is of another ("natuna 2x lipat anambas kan?": 2), or None."""
    m = _MULTIPLE_SAID.search(text.lower())
    if m is None:
        return None
    said = m.group(1)
    return float(_MULTIPLE_NUMBERS.get(said) or said.replace(",", "."))


def not_the_multiple(said: float | None, ratio: float) -> str:
    """ "Bukan 2 kali: " before a ratio that is not near the multiple the question said (5 % apart or more)."""
    if not said or abs(ratio - said) < 0.05 * said:
        return ""
    return _("Bukan {said} kali:").format(said=fmt_ratio(said)) + " "


class ArithmeticAnswers(FigureAnswers):
    """Sums, ratios, averages and program rankings."""

    def arithmetic(self, u: Understanding) -> Reply:
        if u.arith == Arith.UNSUPPORTED:
            return self.unsupported(u)
        if u.signs and len(u.signs) == len(u.regions):
            return self.signed_sum(u)
        if u.arith == Arith.RATIO:
            return self.ratio(u)
        if u.arith == Arith.AVERAGE:
            return self.average(u)
        if u.arith == Arith.EXCLUDE:
            return self.region_sum(u, self._kept(u))
        if len(u.programs) >= 2 and (len(u.regions) == 1 or (not u.regions and u.excluded_programs)):
            return self.program_sum(u)
        return self.region_sum(u, [self.facts.regions[r.code] for r in u.regions])

    def cells(self, u: Understanding) -> Reply:
        """ "BSKK Bintan & PMKS Karimun, mana lebih banyak, selisihnya?", "UEP Batam + PMKS Anambas": each program's
        figure in its own kab/kota, then what is asked of them — their sum, which is larger and by how much, or how
        many times — never each program summed in each place."""
        f = self.facts
        year = self._year(u.year)
        named = [
            (
                _("{program} di {place}").format(
                    program=self.pname(f.programs[p], short=True), place=f.regions[k].name
                ),
                v,
            )
            for p, k in u.cells
            for v in [f.cell(year, p, k)]
        ]
        lines = [_("Angka yang Anda sebut, tahun {year}:").format(year=year)]
        lines += [f"• {esc(name)}: {self.kk(v)}" for name, v in named]
        held = [(name, v) for name, v in named if v]
        missing = [name for name, v in named if not v]
        if missing:
            lines.append(
                _(
                    "Sumber tidak menyebut angka untuk {names}, jadi tidak ada yang bisa dijumlahkan atau dibandingkan."
                ).format(names=esc(self._and_list(missing)))
            )
            held = []
        words = set(u.words)
        if held and (u.arith == Arith.SUM or (u.intent == Intent.ARITHMETIC and u.arith is None)):
            lines.append(_("Jumlahnya: {total}.").format(total=bold(self.kk(sum(v for _n, v in held)))))
            whole = self.facts.province_total(year)
            if whole is not None and any(find(u.words, p) >= 0 for p in self.understander.scenario_vocab.whole):
                # "UEP Batam brp, trs BSKK Lingga brp, total semuanya brp": the sum of those named, and the total of
                # every program, each labelled: "semuanya" may mean either
                lines.append(
                    _("Total semua program se-{province}: {total}").format(
                        province=esc(self.provinces_name()), total=bold(self.kk(whole))
                    )
                )
        if held and len(held) == 2 and (u.intent == Intent.COMPARE or u.arith == Arith.RATIO):
            (na, va), (nb, vb) = sorted(held, key=lambda c: -c[1])
            if va == vb:
                lines.append(_("Keduanya sama: {value}.").format(value=self.kk(va)))
            else:
                lines.append(
                    _("{a} lebih banyak {diff} dari {b}.").format(a=esc(na), b=esc(nb), diff=bold(self.kk(va - vb)))
                )
            if u.arith == Arith.RATIO or not RATIO_WORDS.isdisjoint(words):
                lines.append(
                    _("{big} = {ratio} kali {small}.").format(
                        big=esc(na), ratio=bold(fmt_ratio(va / vb)), small=esc(nb)
                    )
                )
        elif held and len(held) > 2 and u.intent == Intent.COMPARE:
            ordered = sorted(held, key=lambda c: -c[1])
            lines.append(
                _("Terbanyak: {name}; paling sedikit: {least}.").format(
                    name=esc(ordered[0][0]), least=esc(ordered[-1][0])
                )
            )
        lines.append(self.source_line(year, [p for p, _k in u.cells]))
        return Reply("\n".join(lines), intent=u.intent)

    def _kept(self, u: Understanding) -> list[RegionInfo]:
        kabs = [k for k in self.facts.kabkota if k.code not in u.excluded]
        if u.only_kind:
            kabs = [k for k in kabs if k.kind.lower() == u.only_kind]
        return kabs

    def region_sum(self, u: Understanding, regions: list[RegionInfo]) -> Reply:
        f = self.facts
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        values = [(k, f.region_total(year, k.code, programs)) for k in regions]
        present = [v for _k, v in values if v is not None]
        total = sum(present) if present else None
        names = " + ".join(k.short for k in regions)
        lines = [
            _("Jumlah {subject} untuk {names}, tahun {year}: {total}").format(
                subject=esc(subject), names=esc(names), year=year, total=bold(self.kk(total))
            )
        ]
        taken_away = self._whole_minus(u, year, programs, subject)
        if taken_away:
            lines.insert(0, taken_away)
        if u.excluded or u.only_kind:
            lines.append(self.left_out_line(u))
        all_total = f.province_total(year) if programs is None else None
        program_totals = [f.program_total(year, p) for p in programs or []]
        share_asked = bool(SHARE_WORDS & set(u.words))
        if programs and share_asked and None not in program_totals:
            all_total = sum(t or 0 for t in program_totals)  # "UEP Karimun + Lingga berapa persen dari UEP Kepri"
        # "total Batam dan Bintan serta persentase masing-masing terhadap provinsi": each one's share beside it
        for k, v in values:
            pct = f" ({fmt_pct(v / all_total)})" if share_asked and all_total and v is not None else ""
            lines.append(f"• {esc(k.name)}: {self.kk(v)}{pct}")
        if total is not None and all_total and programs:
            lines.append(
                _("Itu {pct} dari {total} {subject} se-{province}.").format(
                    pct=fmt_pct(total / all_total),
                    total=self.kk(all_total),
                    subject=esc(subject),
                    province=esc(self.provinces_name()),
                )
            )
        elif total is not None and all_total:
            lines.append(
                _("Itu {pct} dari {total} se-{province}.").format(
                    pct=fmt_pct(total / all_total), total=self.kk(all_total), province=esc(self.provinces_name())
                )
            )
        note = self.unallocated_note(year) if not programs or any((year, p) in f.unallocated for p in programs) else ""
        if note:
            lines.append(note)
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def _whole_minus(self, u: Understanding, year: int, programs: list[str] | None, subject: str) -> str:
        """ "58.849 dikurangi yg Batam", "total kepri minus Batam dan Bintan": the whole reported (the province's total,
        or the one program's) minus the kab/kota taken away, worked out; "" when the question took none away from a
        whole or a figure is missing. It counts what has no kab/kota breakdown too (KUBE), as the whole does."""
        f = self.facts
        if not u.minus_whole or not u.excluded or (programs is not None and len(programs) != 1):
            return ""
        whole = f.province_total(year) if programs is None else f.program_total(year, programs[0])
        taken = [(f.regions[c], f.region_total(year, c, programs)) for c in u.excluded if c in f.regions]
        if whole is None or not taken or any(v is None for _k, v in taken):
            return ""
        rest = whole - sum(v or 0 for _k, v in taken)
        head = _("Total penerima") if programs is None else subject
        return _("{subject} se-{province} dikurangi {names}, tahun {year}: {whole} − {taken} = {rest}").format(
            subject=esc(head),
            province=esc(self.provinces_name()),
            names=esc(self._and_list([k.short for k, _v in taken])),
            year=year,
            whole=fmt_int(whole),
            taken=" − ".join(fmt_int(v or 0) for _k, v in taken),
            rest=bold(self.kk(rest)),
        )

    def persons_estimate(self, u: Understanding, per_kk: int) -> Reply:
        """ "andai 1 KK rata2 4 orang, kira2 brp jiwa yg terbantu", "kalau 1 kk 5 org, PMKS batam brp orang": the KK
        the data counts for what is asked (each kab/kota and program named, else the province's total) times the
        persons per KK the asker assumes, labelled an estimate from that assumption: the data counts no persons."""
        f = self.facts
        year = self._year(u.year)
        kabs = [f.regions[r.code] for r in u.regions if r.code in f.regions]
        programs = [f.programs[c] for c in u.programs if c in f.programs]
        province = self.provinces_name()
        rows: list[tuple[str, int | None]] = []
        if kabs and programs:
            for k in kabs:
                for p in programs:
                    name = _("{program} di {place}").format(program=self.pname(p, short=True), place=k.name)
                    rows.append((name, f.cell(year, p.code, k.code)))
        elif kabs:
            rows = [(k.name, f.region_total(year, k.code, None)) for k in kabs]
        elif programs:
            for p in programs:
                name = _("{program} se-{province}").format(program=self.pname(p, short=True), province=province)
                rows.append((name, f.program_total(year, p.code)))
        else:
            rows = [(_("Total se-{province}").format(province=province), f.province_total(year))]
        lines = [
            _(
                "Data Tanya Bansos menghitung KK (keluarga), bukan jiwa. Dengan anggapan Anda, 1 KK = {n} orang, "
                "perkiraannya (tahun {year}):"
            ).format(n=per_kk, year=year)
        ]
        for name, value in rows:
            if value is None:
                lines.append("• " + _("{name}: tidak ada data").format(name=esc(name)))
                continue
            lines.append(
                "• "
                + _("{name}: {kk} × {n} = ±{persons} orang").format(
                    name=esc(name), kk=self.kk(value), n=per_kk, persons=bold(fmt_int(value * per_kk))
                )
            )
        known = [v for _n, v in rows if v is not None]
        if len(known) >= 2:
            lines.append(
                _("Jumlah: {kk} × {n} = ±{persons} orang").format(
                    kk=self.kk(sum(known)), n=per_kk, persons=bold(fmt_int(sum(known) * per_kk))
                )
            )
        lines.append(
            "ℹ️ "
            + _("Ini hitungan dari anggapan {n} orang per KK, bukan angka resmi jumlah jiwa penerima.").format(n=per_kk)
        )
        lines.append(self.source_line(year, [p.code for p in programs] or None))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def program_sum(self, u: Understanding) -> Reply:
        """Programs added up in one kab/kota ("BSKK+PMKS khusus Batam") or, with some left out, in the province."""
        f = self.facts
        year = self._year(u.year)
        kab = f.regions[u.regions[0].code] if u.regions else None
        values = [(f.programs[c], f.cell(year, c, kab.code) if kab else f.program_total(year, c)) for c in u.programs]
        present = [v for _p, v in values if v is not None]
        total = sum(present) if present else None
        where = kab.name if kab else _("se-{province}").format(province=self.provinces_name())
        lines = [
            _("{programs} di {region}, tahun {year}: {total}").format(
                programs=esc(" + ".join(self.pname(p, short=True) for p, _v in values)),
                region=esc(where),
                year=year,
                total=bold(self.kk(total)),
            )
            if kab
            else _("{programs} {region}, tahun {year}: {total}").format(
                programs=esc(" + ".join(self.pname(p, short=True) for p, _v in values)),
                region=esc(where),
                year=year,
                total=bold(self.kk(total)),
            )
        ]
        if u.excluded_programs:
            lines.append(
                _("Tidak termasuk: {programs}.").format(
                    programs=esc(", ".join(self.pname(f.programs[c], short=True) for c in u.excluded_programs))
                )
            )
        lines += [f"• {esc(self.pfull(p))}: {self.kk(v)}" for p, v in values]
        if any(v is None for _p, v in values):
            lines.append(_("Program tanpa angka untuk wilayah ini tidak ikut dijumlahkan."))
        lines.append(self.source_line(year, u.programs))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def _pair(self, u: Understanding) -> tuple[str, str, int | None, int | None, list[str] | None, str, int]:
        """The two figures a ratio or a relative difference is of: two kab/kota named (of the programs asked), else
        two programs (in the kab/kota named, or the province): their names, values, programs, subject and year."""
        f = self.facts
        year = self._year(u.year)
        programs: list[str] | None
        if len(u.regions) >= 2:
            programs, subject = self.subject_of(u)
            a, b = (f.regions[r.code] for r in u.regions[:2])
            va, vb = f.region_total(year, a.code, programs), f.region_total(year, b.code, programs)
            na, nb = a.name, b.name
        else:
            programs = u.programs[:2]
            pa, pb = (f.programs[c] for c in programs)
            if u.regions:  # "PMKS berapa kali UEP di Batam": the two programs in that kab/kota
                kab = f.regions[u.regions[0].code]
                subject = _("penerima di {region}").format(region=kab.name)
                va, vb = f.cell(year, pa.code, kab.code), f.cell(year, pb.code, kab.code)
            else:
                subject = _("penerima")
                va, vb = f.program_total(year, pa.code), f.program_total(year, pb.code)
            na, nb = self.pname(pa, short=True), self.pname(pb, short=True)
        return na, nb, va, vb, programs, subject, year

    def percent_more(self, u: Understanding) -> Reply:
        """ "bintan lebih banyak berapa persen dari tanjungpinang", "natuna lebih sedikit berapa persen dari lingga":
        the difference as a percentage of the figure named second, the one compared with ((8.686 − 7.721) / 7.721 =
        12,5 % more), never each place's share of the province."""
        na, nb, va, vb, programs, subject, year = self._pair(u)
        lines = [f"• {esc(na)}: {self.kk(va)}", f"• {esc(nb)}: {self.kk(vb)}"]
        if va is None or vb is None or not vb:
            head = _("Tidak bisa dihitung: salah satu angka tidak ada.")
        else:
            pct = bold(fmt_pct(abs(va - vb) / vb))
            said = {"a": bold(na), "b": esc(nb), "diff": self.kk(abs(va - vb)), "pct": pct}
            said |= {"subject": esc(subject), "year": str(year)}
            more = _("{a} lebih banyak {diff} dari {b}: {pct} lebih banyak ({subject}, tahun {year}).")
            less = _("{a} lebih sedikit {diff} dari {b}: {pct} lebih sedikit ({subject}, tahun {year}).")
            head = (more if va >= vb else less).format(**said)
            lines.append(
                _("Dihitung dari angka {b}: {gap} ÷ {b_value}.").format(
                    b=esc(nb), gap=fmt_int(abs(va - vb)), b_value=fmt_int(vb)
                )
            )
        return Reply("\n".join([head, *lines, self.source_line(year, programs)]), intent=Intent.ARITHMETIC)

    def ratio(self, u: Understanding) -> Reply:
        na, nb, va, vb, programs, subject, year = self._pair(u)
        lines = [f"• {esc(na)}: {self.kk(va)}", f"• {esc(nb)}: {self.kk(vb)}"]
        if va is None or vb is None or not va or not vb:
            head = _("Tidak bisa dihitung: salah satu angka tidak ada.")
        else:
            big, small = (na, nb) if va >= vb else (nb, na)
            head = not_the_multiple(multiple_said(u.text), max(va, vb) / min(va, vb)) + _(
                "{big} = {ratio} kali {small} ({subject}, tahun {year})."
            ).format(
                big=bold(big),
                ratio=bold(fmt_ratio(max(va, vb) / min(va, vb))),
                small=esc(small),
                subject=esc(subject),
                year=year,
            )
            if not DIFFERENCE_WORDS.isdisjoint(u.words):  # "batam dibanding tanjungpinang beda brp, rasionya brp"
                lines.append(
                    _("{a} lebih banyak {diff} dari {b}.").format(a=esc(big), b=esc(small), diff=self.kk(abs(va - vb)))
                )
        return Reply("\n".join([head, *lines, self.source_line(year, programs)]), intent=Intent.ARITHMETIC)

    def average(self, u: Understanding) -> Reply:
        if u.asks_if_even and not u.regions:
            return self.split_evenly(u)
        divided = self._divided_by_typed(u)
        if divided is not None:
            return divided
        if u.per == Per.PROGRAM:
            return self.average_per_program(u)
        if u.per == Per.EACH and not (u.programs or u.group or u.regions):
            return self.average_each_program(u)
        f = self.facts
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        # "rata-rata Batam dan Bintan": the average of the kab/kota named; else of all (but those left out)
        regions = [f.regions[r.code] for r in u.regions if r.code in f.regions] if u.regions else self._kept(u)
        zero: list[RegionInfo] = []
        if (
            len(regions) == 1
            and f.region_total(year, regions[0].code, programs) is None
            and self.ranked(year, programs)
            and _ZERO.search(u.text.lower())
        ):
            # "rata2 uep kalo dibagi 7 kab/kota (anambas dihitung 0)": every kab/kota, the one named counted as 0
            zero, regions = regions, self._kept(u)
        first = None
        if u.top_n and u.rank and not u.regions:  # "rata2 di 3 kab kota terbesar": the first n of the order
            order = [k for k, _v in self.ranked(year, programs) if k in regions]
            first = order[: u.top_n] if u.rank == Rank.MOST else order[::-1][: u.top_n]
            regions = first if len(first) == u.top_n else regions
        values = [v for v in (f.region_total(year, k.code, programs) for k in regions) if v is not None]
        values += [0] * len(zero)
        whole = [f.program_total(year, p) for p in programs] if programs else []
        spread = self._kept(u) if len(u.regions) == 1 else regions  # "bagi rata KUBE ke 7 daerah, Lingga dpt brp"
        breakdown = bool(self.ranked(year, programs))  # UEP has one (Anambas aside), KUBE none
        if (
            not values
            and whole
            and all(v is not None for v in whole)
            and len(u.regions) <= 1
            and spread
            and (not breakdown or "bagi" in u.words)  # "bagi rata UEP ke 7 daerah, anambas dpt brp": a division
        ):
            # "kalau KUBE dibagi rata ke 7 kab/kota": no breakdown, so only a division, said to be one
            total = sum(v or 0 for v in whole)
            mean = round(total / len(spread), 2)
            lines = [
                (
                    _("{subject} tidak punya rincian per kab/kota; angka sebenarnya per kab/kota tidak ada.")
                    if not breakdown
                    else _("Tidak ada angka {subject} untuk {regions}, tahun {year}.")
                ).format(subject=esc(subject), regions=esc(", ".join(k.name for k in regions)), year=year),
                _("Hitungan saja: {total} dibagi {n} kab/kota = {mean} KK per kab/kota.").format(
                    total=self.kk(total), n=len(spread), mean=bold(fmt_ratio(mean))
                ),
            ]
            said = [n for n in typed_figures(u.text) if n != len(spread)]
            if len(said) == 1 and said[0] != total:  # "kube 600 kk dibagi 7 daerah": the figure typed is not it
                lines.insert(
                    0,
                    _("{number} bukan angka {subject} tahun {year}; angkanya {total}.").format(
                        number=fmt_int(said[0]), subject=esc(subject), year=year, total=self.kk(total)
                    ),
                )
            if u.regions:
                lines.append(
                    _("Jadi kalau dibagi rata, {place} mendapat sekitar {mean} KK (hitungan, bukan data).").format(
                        place=esc(regions[0].name), mean=fmt_ratio(mean)
                    )
                )
            lines.append(self.source_line(year, programs))
            return Reply("\n".join(lines), intent=Intent.ARITHMETIC)
        if not values and u.regions and breakdown:  # "rata rata uep anambas": that place has no figure
            return Reply(
                _("Tidak bisa dihitung: tidak ada angka {subject} untuk {regions}, tahun {year}.").format(
                    subject=esc(subject), regions=esc(", ".join(k.name for k in regions)), year=year
                )
                + "\n"
                + self.source_line(year, programs),
                intent=Intent.ARITHMETIC,
            )
        if not values:
            return Reply(
                _("Tidak ada data per kab/kota untuk {subject} tahun {year}.").format(subject=esc(subject), year=year)
                + "\n"
                + self.source_line(year, programs),
                intent=Intent.ARITHMETIC,
            )
        mean = sum(values) / len(values)
        lines = [
            _("Rata-rata {subject} per kab/kota, tahun {year}: {mean} KK").format(
                subject=esc(subject), year=year, mean=bold(fmt_ratio(round(mean, 1)))
            ),
            (
                _("= {total} dibagi {n} kab/kota.") if zero else _("= {total} dibagi {n} kab/kota yang punya angka.")
            ).format(total=self.kk(sum(values)), n=len(values)),
        ]
        province = f.province_total(year)
        divisor = _DIVIDED_BY.search(u.text.lower())
        quoted = [n for n in typed_figures(u.text) if divisor is None or n != int(divisor.group(1))]
        if not quoted and "total" in u.words:  # "total 58 rb itu kalo dibagi rata ke 7": the total, said rounded
            vocab = self.understander.scenario_vocab
            rounded = [n.value for n in numbers(u.text, vocab) if not (n.percent or n.money)]
            if province and len(rounded) == 1 and abs(rounded[0] - province) <= CLOSE * province:
                quoted = [province]
        if len(quoted) == 1 and regions and not (programs or u.regions or u.excluded or u.only_kind):
            # "total 58.849 kalau dibagi rata ke 7 kab/kota", "58849 dibagi 7 kab kota": the number typed, divided as
            # asked, comes first; never another figure in its place
            typed, n = quoted[0], int(divisor.group(1)) if divisor and int(divisor.group(1)) else len(regions)
            head = _("{total} dibagi {n} kab/kota = {mean} KK per kab/kota (hitungan saja, tahun {year}).").format(
                total=self.kk(typed), n=n, mean=bold(fmt_ratio(round(typed / n, 1))), year=year
            )
            if typed == province:
                lines[:0] = [
                    head,
                    _("Angka per kab/kota tidak memuat KUBE (tanpa rincian), jadi rata-rata dari angka per kab/kota:"),
                ]
            else:  # a number that is not the total: divided as typed, what it is (or the real total) said beside it
                what = what_equals(self, year, typed)
                lines[:0] = [
                    head,
                    "ℹ️ "
                    + _("{number} adalah angka {what}, tahun {year}.").format(
                        number=self.kk(typed), what=esc(what), year=year
                    )
                    if what
                    else _("{number} bukan total data tahun {year}; totalnya {total}.").format(
                        number=fmt_int(typed), year=year, total=self.kk(province)
                    ),
                ]
        spread_over = _SPREAD_OVER.search(u.text.lower())
        over = int(spread_over.group(1)) if spread_over else 0
        if not quoted and over and over != len(values) and over == len(regions) and not u.regions:
            # "UEP dibagi rata ke 7 kab/kota, masing-masing dapat brp": the total over the 7 typed, a calculation;
            # the kab/kota without a figure are said
            lines[:0] = [
                _("Hitungan saja: {total} dibagi rata ke {n} kab/kota = {mean} KK per kab/kota.").format(
                    total=self.kk(sum(values)), n=over, mean=bold(fmt_ratio(round(sum(values) / over, 1)))
                ),
                _("Angka sebenarnya hanya tercatat untuk {k} kab/kota; rata-rata dari angka itu:").format(
                    k=len(values)
                ),
            ]
        split = over or not {"bagi", "merata"}.isdisjoint(u.words)
        if not quoted and split and province and programs is None and not (u.regions or u.excluded or u.only_kind):
            # "andai semua bantuan dibagi rata ke 7 kab kota": all the aid is split, KUBE (no breakdown) with it
            n = over or len(regions)
            lines[:0] = [
                _("Hitungan saja: {total} dibagi rata ke {n} kab/kota = {mean} KK per kab/kota.").format(
                    total=self.kk(province), n=n, mean=bold(fmt_ratio(round(province / n, 1)))
                ),
                _("Angka per kab/kota tidak memuat KUBE (tanpa rincian), jadi rata-rata dari angka per kab/kota:"),
            ]
        if zero:
            lines.append(
                _("{place}: tidak ada angka {subject} dalam data ini, dihitung 0 seperti yang Anda minta.").format(
                    place=esc(zero[0].name), subject=esc(subject)
                )
            )
        elif u.regions or first == regions:
            lines.append(_("Kab/kota: {regions}.").format(regions=esc(", ".join(k.name for k in regions))))
        elif u.excluded or u.only_kind:
            lines.append(self.left_out_line(u))
        note = self.unallocated_note(year) if not programs or any((year, p) in f.unallocated for p in programs) else ""
        if note:
            lines.append(note)
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def split_evenly(self, u: Understanding) -> Reply:
        """ "kube tiap kab kota brp? dibagi rata ya?", "apakah UEP dibagi rata ke semua kab kota?": whether the figure
        IS split equally. Without a figure per kab/kota that cannot be said, nor assumed (the even share is a
        calculation only, labelled so); with them, they are compared: equal or not, smallest and largest."""
        f = self.facts
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        kept = self._kept(u)
        values = [(k, v) for k in kept if (v := f.region_total(year, k.code, programs)) is not None]
        whole = [f.program_total(year, p) for p in programs] if programs else [f.province_total(year)]
        lines: list[str] = []
        if not values and all(v is not None for v in whole) and kept:
            total = sum(v or 0 for v in whole)
            lines += [
                _(
                    "Tidak bisa dipastikan dibagi rata: sumber data hanya menyebut {subject} {total} untuk seluruh "
                    "{province}, tanpa rincian per kab/kota, jadi pembagiannya tidak boleh dianggap sama rata."
                ).format(subject=esc(subject), total=bold(self.kk(total)), province=esc(self.provinces_name())),
                _("Hitungan saja: {total} dibagi {n} kab/kota = {mean} KK per kab/kota.").format(
                    total=self.kk(total), n=len(kept), mean=fmt_ratio(round(total / len(kept), 2))
                )
                + " "
                + _("Itu bukan data pembagian sebenarnya."),
                _("Untuk pembagian per kab/kota, tanyakan ke Dinas Sosial Provinsi {province}.").format(
                    province=esc(self.provinces_name())
                ),
            ]
        elif values:
            low, high = min(values, key=lambda kv: kv[1]), max(values, key=lambda kv: kv[1])
            if low[1] == high[1] and len(values) == len(kept):
                lines.append(
                    _("Ya: tiap kab/kota mendapat {value} {subject} (tahun {year}).").format(
                        value=bold(self.kk(low[1])), subject=esc(subject), year=year
                    )
                )
            else:
                lines.append(
                    _(
                        "Tidak dibagi rata: angka {subject} per kab/kota berbeda-beda (tahun {year}), paling sedikit "
                        "{low_place} {low}, paling banyak {high_place} {high}."
                    ).format(
                        subject=esc(subject),
                        year=year,
                        low_place=esc(low[0].name),
                        low=bold(self.kk(low[1])),
                        high_place=esc(high[0].name),
                        high=bold(self.kk(high[1])),
                    )
                )
                lines += [f"• {esc(k.name)}: {self.kk(v)}" for k, v in sorted(values, key=lambda kv: -kv[1])]
                missing = [k.name for k in kept if all(k is not kv[0] for kv in values)]
                if missing:
                    lines.append(_("Tanpa angka dalam sumber: {regions}.").format(regions=esc(", ".join(missing))))
        else:
            lines.append(
                _("Tidak ada data per kab/kota untuk {subject} tahun {year}.").format(subject=esc(subject), year=year)
            )
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def _divided_by_typed(self, u: Understanding) -> Reply | None:
        """ "total KUBE sm UEP di bagi 2 jadi brp": the figure asked divided by the number typed, said to be a plain
        division; not "dibagi rata ke 7 kab/kota" (an average over the kab/kota, answered as one)."""
        m = _DIVIDED_BY.search(u.text.lower())
        if m is None or u.regions or u.excluded:
            return None
        after = u.text.lower()[m.end() :].split()[:1]
        if after and after[0].strip(".,?") in _PLACE_COUNT_WORDS:
            return None  # "dibagi 7 kab/kota": the average per kab/kota
        n = int(m.group(1))
        if n <= 0:
            return None
        f = self.facts
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        totals = [f.program_total(year, p) for p in programs] if programs else [f.province_total(year)]
        if any(t is None for t in totals):
            return None
        total = sum(t or 0 for t in totals)
        lines = [
            _("{subject}, tahun {year}: {total}").format(subject=esc(subject), year=year, total=bold(self.kk(total))),
            _("Hitungan saja: {total} dibagi {n} = {result} KK.").format(
                total=self.kk(total), n=n, result=bold(fmt_ratio(round(total / n, 2)))
            ),
            self.source_line(year, programs),
        ]
        typed = [x for x in typed_figures(u.text) if x != n]
        if len(typed) == 1 and typed[0] != total:  # "60000 dibagi 2": the number typed is divided, not the total
            lines[:2] = [
                _("Hitungan saja: {total} dibagi {n} = {result} KK.").format(
                    total=self.kk(typed[0]), n=n, result=bold(fmt_ratio(round(typed[0] / n, 2)))
                ),
                _("{number} bukan angka {subject} tahun {year}; angkanya {total}.").format(
                    number=fmt_int(typed[0]), subject=esc(subject), year=year, total=self.kk(total)
                ),
            ]
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def average_each_program(self, u: Understanding) -> Reply:
        """ "rata-rata per program per kab/kota": for each program, its kab/kota figures added up and divided by how
        many kab/kota have one (those left out left out)."""
        f = self.facts
        year = self._year(u.year)
        regions = self._kept(u)
        lines = [_("Rata-rata per kab/kota untuk tiap program, tahun {year}:").format(year=year)]
        for p in f.program_list:
            if p.code in u.excluded_programs:
                continue
            values = [v for v in (f.cell(year, p.code, k.code) for k in regions) if v is not None]
            if values:
                lines.append(
                    _("• {program}: {mean} KK ({total} dibagi {n} kab/kota)").format(
                        program=esc(self.pname(p, short=True)),
                        mean=bold(fmt_ratio(round(sum(values) / len(values), 1))),
                        total=self.kk(sum(values)),
                        n=len(values),
                    )
                )
            else:
                lines.append(
                    _("• {program}: tidak ada rincian per kab/kota").format(program=esc(self.pname(p, short=True)))
                )
        if u.excluded or u.only_kind or u.excluded_programs:
            lines.append(self.left_out_line(u))
        lines.append(self.source_line(year))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def average_per_program(self, u: Understanding) -> Reply:
        """ "Rata-rata KK per program": the total of the programs (of the kab/kota named, else the province) divided
        by the number of programs that have a figure, each shown."""
        f = self.facts
        year = self._year(u.year)
        if u.excluded or u.only_kind or len(u.regions) > 1:
            return self.cannot(
                _("rata-rata per program untuk sebagian kab/kota"),
                _("rata-rata per program se-{province} atau untuk satu kab/kota").format(
                    province=self.provinces_name()
                ),
            )
        kab = f.regions[u.regions[0].code] if u.regions else None
        every = [p.code for p in f.program_list if p.code not in u.excluded_programs]
        codes = list(f.groups[u.group].members) if u.group else (u.programs or every)
        rows = [(f.programs[c], f.cell(year, c, kab.code) if kab else f.program_total(year, c)) for c in codes]
        present = [(p, v) for p, v in rows if v is not None]
        where = (
            (_("di {region}").format(region=esc(kab.name)))
            if kab
            else _("se-{province}").format(province=esc(self.provinces_name()))
        )
        if not present:
            return Reply(
                _("Tidak ada angka program untuk {where}, tahun {year}.").format(where=where, year=year)
                + "\n"
                + self.source_line(year),
                intent=Intent.ARITHMETIC,
            )
        total = sum(v for _p, v in present)
        lines = [
            _("Rata-rata penerima per program {where}, tahun {year}: {mean} KK").format(
                where=where, year=year, mean=bold(fmt_ratio(round(total / len(present), 1)))
            ),
            _("= {total} dibagi {n} program yang punya angka.").format(total=self.kk(total), n=len(present)),
        ]
        lines += [f"• {esc(self.pname(p, short=True))}: {self.kk(v)}" for p, v in present]
        if u.excluded_programs:
            lines.append(self.left_out_line(u))
        missing = [self.pname(p, short=True) for p, v in rows if v is None]
        if missing:
            lines.append(_("Tidak ada data untuk: {programs}.").format(programs=esc(", ".join(missing))))
        if len(present) >= 2 and max(v for _p, v in present) > 2 * total / len(present):
            lines.append(_("Sebarannya sangat tidak merata, jadi rata-rata ini kurang menggambarkan tiap program."))
        lines.append(self.source_line(year, [p.code for p, _v in present]))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def unsupported(self, u: Understanding) -> Reply:
        """ "median per kab/kota": a statistic the bot does not compute, named, with what it does compute."""
        if any(find(u.words, p) >= 0 for p in self.understander_phrases("arith.hypothetical")):
            return self.cannot(
                _("pengandaian (“seandainya …”)"),
                self.can_compute() + _(", semuanya dari angka sebenarnya, bukan angka pengandaian"),
            )
        if not u.regions and any(find(u.words, p) >= 0 for p in self.understander_phrases("arith.median")):
            return self.median(u)  # "median pmks per kab/kota": the middle of the figures, which the data gives
        phrases = self.understander_phrases("arith.unsupported")
        asked = next((" ".join(p) for p in phrases if find(u.words, p) >= 0), "")
        return self.cannot(asked or _("statistik itu"), self.can_compute())

    def median(self, u: Understanding) -> Reply:
        """The median of the kab/kota figures (of the programs asked; those left out left out), or of the programs'
        totals when asked per program: the figures sorted, the middle one (or the mean of the two middle ones)."""
        f = self.facts
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        per_program = u.per == Per.PROGRAM and not (u.programs or u.group)
        if per_program:
            rows = [(self.pname(p, short=True), f.program_total(year, p.code)) for p in f.program_list]
            rows = [(name, v) for name, v in rows if v is not None and name]
            unit = _("program")
        else:
            rows = [(k.name, f.region_total(year, k.code, programs)) for k in self._kept(u)]
            unit = _("kab/kota")
        present = sorted(((name, v) for name, v in rows if v is not None), key=lambda r: -r[1])
        if not present:
            return Reply(
                _("Tidak ada data per kab/kota untuk {subject} tahun {year}.").format(subject=esc(subject), year=year)
                + "\n"
                + self.source_line(year, programs),
                intent=Intent.ARITHMETIC,
            )
        n = len(present)
        if n % 2:
            name, value = present[n // 2]
            head = _(
                "Median {subject} per {unit}, tahun {year}: {value} ({name}), nilai tengah dari {n} {unit} yang punya "
                "angka."
            ).format(subject=esc(subject), unit=unit, year=year, value=bold(self.kk(value)), name=esc(name), n=n)
        else:
            (a, va), (b, vb) = present[n // 2 - 1], present[n // 2]
            head = _(
                "Median {subject} per {unit}, tahun {year}: {value} KK, rata-rata dua nilai tengah ({a} dan {b}) dari "
                "{n} {unit}."
            ).format(
                subject=esc(subject),
                unit=unit,
                year=year,
                value=bold(fmt_ratio(round((va + vb) / 2, 1))),
                a=esc(a),
                b=esc(b),
                n=n,
            )
        lines = [head, _("Urutan:")]
        lines += [f"{i}. {esc(name)}: {self.kk(v)}" for i, (name, v) in enumerate(present, 1)]
        if u.excluded or u.only_kind:
            lines.append(self.left_out_line(u))
        unallocated = not programs or any((year, p) in f.unallocated for p in programs)
        note = self.unallocated_note(year) if unallocated and not per_program else ""
        if note:
            lines.append(note)
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def can_compute(self) -> str:
        return _(
            "jumlah, selisih, berapa kali lipat, persentase, rata-rata per kab/kota atau per program, dan urutan "
            "(terbanyak/tersedikit), juga tanpa kab/kota atau program tertentu"
        )

    def understander_phrases(self, name: str) -> tuple[tuple[str, ...], ...]:
        understander = getattr(self, "understander", None)
        return tuple(understander.phrase_sets.get(name, ())) if understander is not None else ()

    def signed_sum(self, u: Understanding) -> Reply:
        """ "Bintan tambah Lingga dikurangi Natuna": each kab/kota added or subtracted as asked, shown step by step."""
        f = self.facts
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        regions = [f.regions[r.code] for r in u.regions]
        values = [f.region_total(year, k.code, programs) for k in regions]
        if any(v is None for v in values):
            missing = [k.name for k, v in zip(regions, values, strict=True) if v is None]
            return Reply(
                _("Tidak bisa dihitung: tidak ada angka {subject} untuk {regions}, tahun {year}.").format(
                    subject=esc(subject), regions=esc(", ".join(missing)), year=year
                )
                + "\n"
                + self.source_line(year, programs),
                intent=Intent.ARITHMETIC,
            )
        present = [v or 0 for v in values]
        result = sum(sign * v for sign, v in zip(u.signs, present, strict=True))
        terms = " ".join(
            ("" if i == 0 else ("+ " if sign > 0 else "− ")) + esc(k.short)
            for i, (sign, k) in enumerate(zip(u.signs, regions, strict=True))
        )
        lines = [
            _("{terms} ({subject}, tahun {year}) = {total}").format(
                terms=terms, subject=esc(subject), year=year, total=bold(self.kk(result))
            )
        ]
        lines += [f"• {esc(k.name)}: {self.kk(v)}" for k, v in zip(regions, present, strict=True)]
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.ARITHMETIC)

    def cannot(self, asked: str, can: str) -> Reply:
        """A computation the figures cannot give as asked: said plainly, with what can be computed instead."""
        return Reply(
            _("Maaf, {asked} tidak bisa saya hitung dari data ini. Yang bisa: {can}.").format(
                asked=esc(asked), can=esc(can)
            ),
            intent=Intent.ARITHMETIC,
            understood=False,
        )

    def _top_in_every_program(self, kab: RegionInfo, year: int, least: bool) -> Reply:
        """ "batam kan terbanyak di semua program ya?": for each program, which kab/kota has the most (or fewest),
        where the one named stands, and a plain yes or no for the premise."""
        f = self.facts
        lines: list[str] = []
        firsts: list[str] = []
        others: list[str] = []
        for p in f.program_list:
            ranked = self.ranked(year, [p.code])
            if least:
                ranked = list(reversed(ranked))
            name = esc(self.pname(p, short=True))
            if not ranked:  # KUBE: reported for the province only
                lines.append("• " + _("{program}: tanpa rincian per kab/kota").format(program=name))
                continue
            top, top_value = ranked[0]
            codes = [k.code for k, _v in ranked]
            mine = f.cell(year, p.code, kab.code)
            if kab.code in codes:
                place = _("{region} {value} (urutan ke-{n} dari {m})").format(
                    region=esc(kab.short), value=self.kk(mine), n=codes.index(kab.code) + 1, m=len(codes)
                )
            else:
                place = _("{region}: tidak ada data").format(region=esc(kab.short))
            lines.append(
                "• "
                + _("{program}: {which} {top} ({value}); {place}").format(
                    program=name,
                    which=_("paling sedikit") if least else _("terbanyak"),
                    top=esc(top.name),
                    value=self.kk(top_value),
                    place=place,
                )
            )
            (firsts if top.code == kab.code else others).append(name)
        if not others:
            verdict = _("Ya. {region} {which} di setiap program yang punya rincian per kab/kota.")
        elif firsts:
            verdict = _("Tidak semua. {region} {which} di {yes}, tetapi tidak di {no}.")
        else:
            verdict = _("Tidak. {region} tidak {which} di program mana pun.")
        head = bold(
            verdict.format(
                region=esc(kab.name),
                which=_("paling sedikit") if least else _("terbanyak"),
                yes=esc(", ".join(firsts)),
                no=esc(", ".join(others)),
            )
        )
        intro = _("Per program, tahun {year}:").format(year=year)
        return Reply("\n".join([head, intro, *lines, self.source_line(year)]), intent=Intent.RANK_PROGRAMS)

    def program_said_ranked(self, u: Understanding) -> Reply | None:
        """ "Program KUBE kan paling banyak penerimanya, brp tuh": one program said to have the most (or fewest)
        recipients, where no order of kab/kota is meant (the program has no figures per kab/kota, or the question
        calls it a program and asks of no place): the programs in order, and the premise checked against it (KUBE is
        the smallest). None for any other question."""
        if u.intent != Intent.RANKING or u.rank not in (Rank.MOST, Rank.LEAST) or u.rank_position != 1:
            return None
        if len(u.programs) != 1 or u.regions or u.group or u.excluded or u.only_kind or u.per is not None:
            return None
        f = self.facts
        year = self._year(u.year)
        code = u.programs[0]
        value = f.program_total(year, code)
        by_place = bool(self.ranked(year, u.programs))
        called_program = not {"program", "programs"}.isdisjoint(u.words) and _PLACE_ASKED.isdisjoint(u.words)
        if value is None or (by_place and not called_program) or self._missing_year(u.year) is not None:
            return None
        if not by_place and not called_program and not _PLACE_ASKED.isdisjoint(u.words):
            return None  # "kube terbanyak di mana": which kab/kota, of a program held without them (said so)
        totals = [(p.code, v) for p in f.program_list if (v := f.program_total(year, p.code)) is not None]
        order = sorted(totals, key=lambda pv: -pv[1] if u.rank == Rank.MOST else pv[1])
        name = bold(self.pname(f.programs[code], short=True))
        if order[0][0] == code:
            verdict = _("Ya.")
        elif order[-1][0] == code:
            verdict = (
                _("Tidak. {program} justru paling sedikit: {value}.")
                if u.rank == Rank.MOST
                else _("Tidak. {program} justru terbanyak: {value}.")
            ).format(program=name, value=bold(self.kk(value)))
        else:
            pos = [c for c, _v in order].index(code) + 1
            verdict = _("Tidak. {program}: {value}, urutan ke-{pos} dari {n} program.").format(
                program=name, value=bold(self.kk(value)), pos=pos, n=len(order)
            )
        reply = self.rank_programs(replace(u, programs=[], intent=Intent.RANK_PROGRAMS))
        reply.html = verdict + "\n" + reply.html
        return reply

    def rank_programs(self, u: Understanding) -> Reply:
        f = self.facts
        year = self._year(u.year)
        kab = f.regions[u.regions[0].code] if u.regions else None
        if kab is not None and len(u.regions) == 1 and not EVERY_WORDS.isdisjoint(u.words) and u.order != Order.ALPHA:
            return self._top_in_every_program(kab, year, least=u.rank == Rank.LEAST)
        shown = [p for p in f.program_list if p.code not in u.excluded_programs]  # "program selain PMKS"
        rows = [(p, f.cell(year, p.code, kab.code) if kab else f.program_total(year, p.code)) for p in shown]
        present = sorted([(p, v) for p, v in rows if v is not None], key=lambda pv: -pv[1])
        if u.rank == Rank.LEAST:
            present.reverse()
        if u.order == Order.ALPHA:  # "daftar program urut abjad": by name, no "largest" picked
            rows.sort(key=lambda pv: self.pname(pv[0], short=True).lower())
            lines = [_("Program menurut abjad, tahun {year}:").format(year=year)]
            lines += [f"{i}. {esc(self.pname(p, short=True))}: {self.kk(v)}" for i, (p, v) in enumerate(rows, 1)]
            lines.append(self.source_line(year))
            return Reply("\n".join(lines), intent=Intent.RANK_PROGRAMS)
        where = (
            (_("di {region}").format(region=esc(kab.name)))
            if kab
            else _("se-{province}").format(province=esc(self.provinces_name()))
        )
        if not present:
            return Reply(_("Tidak ada data program untuk tahun {year}.").format(year=year), intent=Intent.RANK_PROGRAMS)
        pos = min(max(u.rank_position, 1), len(present))  # "program terbesar kedua di Karimun"
        pick, value = present[pos - 1]
        if pos > 1:
            head = (
                _("Program dengan penerima paling sedikit ke-{n}")
                if u.rank == Rank.LEAST
                else _("Program dengan penerima terbanyak ke-{n}")
            ).format(n=pos)
        else:
            head = (
                _("Program dengan penerima paling sedikit")
                if u.rank == Rank.LEAST
                else _("Program dengan penerima terbanyak")
            )
        lines = [
            _("{head} {where}, tahun {year}: {program} dengan {value}.").format(
                head=head, where=where, year=year, program=bold(self.pfull(pick)), value=bold(self.kk(value))
            ),
            _("Urutan program dari yang paling sedikit:")
            if u.rank == Rank.LEAST
            else _("Urutan program dari yang terbanyak:"),
        ]
        lines += [f"{i}. {esc(self.pname(p, short=True))}: {self.kk(v)}" for i, (p, v) in enumerate(present, 1)]
        if u.excluded_programs:
            lines.append(
                _("Tidak termasuk: {programs}.").format(
                    programs=esc(", ".join(self.pname(f.programs[c], short=True) for c in u.excluded_programs))
                )
            )
        missing = [self.pname(p, short=True) for p, v in rows if v is None]
        if missing:
            lines.append(_("Tidak ada data untuk: {programs}.").format(programs=esc(", ".join(missing))))
        if kab and len(present) >= 2:
            lines.append(
                _("Jumlah {region}: {total}").format(
                    region=esc(kab.name), total=bold(self.kk(sum(v for _p, v in present)))
                )
            )
        lines.append(self.source_line(year))
        choices = [
            Choice(self.pname(p, short=True), Action(Kind.PROGRAM, program=p.code, year=year).encode())
            for p, _v in present
        ]
        return Reply("\n".join(lines), choices=choices, intent=Intent.RANK_PROGRAMS)
