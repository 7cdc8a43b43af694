"""Rankings (which kab/kota has the most), comparisons between regions or programs, and shares of a total."""

from __future__ import annotations

from itertools import pairwise

from bot.answering.actions import EVERY_PROGRAM, Action, Kind
from bot.answering.arithmetic import DIFFERENCE_WORDS, fmt_ratio, multiple_said, not_the_multiple
from bot.answering.base import PAGE_SIZE
from bot.answering.figures import FigureAnswers
from bot.answering.reply import ChartRequest, Choice, Reply, bold, esc
from bot.figures.facts import RegionInfo
from bot.text.i18n import _, fmt_int, fmt_pct
from bot.understanding.intents import Intent, Order, Per, Understanding

SUM_WORDS = frozenset(
    {"tambah", "ditambah", "plus", "jumlahkan", "digabung", "gabungan", "dijumlah", "combined", "together"}
)
"""Words that ask two figures added up ("UEP + KUBE", "digabung"), besides the comparison."""


def sum_asked(u: Understanding) -> bool:
    """ "jumlah UEP + KUBE, dan bedanya": the sum is a part of the question too."""
    return not SUM_WORDS.isdisjoint(u.words)


REST_WORDS = frozenset({"lain", "lainnya", "sisanya", "sisa", "other", "others", "rest", "selain"})
COMBINED_WORDS = frozenset({"digabung", "gabungan", "gabung", "total", "jumlah", "semua", "seluruh", "combined"})
"""With words of the others ("lain", "sisanya"): every other kab/kota added up; with three or more named: those."""
SHARE_WORDS = frozenset({"persen", "persentase", "porsi", "proporsi", "percent", "percentage", "share"})
COMPARING_WORDS = frozenset(
    {"lebih", "than", "dibanding", "dibandingkan", "banding", "vs", "versus", "ketimbang", "kalah", "menang"}
)
LOSING_WORDS = frozenset({"kalah"})
"""A comparison asked as losing ("Natuna dan Anambas digabung masih kalah dari Lingga?"): is the first fewer."""
WINNING_WORDS = frozenset({"menang", "ngalahin", "mengalahkan", "unggul"})
"""A comparison asked as winning ("Bintan dan Lingga digabung menang dari Batam?"): is the first more."""
TOGETHER_WORDS = frozenset({"berdua", "bertiga", "digabung", "gabungan", "together"})
"""With two or more kab/kota compared, ask their sum too ("Anambas sama Natuna total berdua brp, mana lebih kecil");
"total" alone is each place's total ("selisih total batam dgn bintan")."""
SUM_AFTER = frozenset({"total", "totalnya", "jumlah", "jumlahnya"})
SUM_JOINED = frozenset({"trus", "terus", "lalu", "kemudian", "juga", "keduanya", "berdua", "then", "also"})
"""Said after the kab/kota compared with a word that adds a question ("…, trus totalnya", "total keduanya",
"jumlahnya juga"), these ask their sum; "selisih batam sama bintan total" compares each one's total."""
MORE_WORDS = frozenset({"banyak", "besar", "tinggi", "more", "bigger", "larger", "greater", "higher"})
LESS_WORDS = frozenset({"sedikit", "kecil", "rendah", "less", "fewer", "smaller", "lower"})
HALF_WORDS = frozenset({"separuh", "setengah", "half"})
_MULTIPLE_WORDS = frozenset({"lipat", "rasio", "ratio", "times"})
"""Words asking how many times one figure of two compared is the other."""
_EXCEEDING = WINNING_WORDS | {"melebihi", "melampaui", "exceed", "exceeds", "outnumber", "outnumbers"}
"""Words saying the first is more without "lebih" ("di kab mana bskk melebihi pmks")."""
_WHICH = frozenset({"mana", "which", "where", "apa", "saja"})
"""Words asking which kab/kota ("daerah mana yg …", "which regencies …")."""
OPEN_WORDS = frozenset(
    {"mana", "siapa", "which", "who", "berapa", "how", "bagaimana", "atau", "or", "kok", "kenapa", "mengapa", "why"}
)
"""Words of an open question ("mana lebih banyak", "lebih banyak berapa"): no yes or no to give."""


def asked_verdict(u: Understanding, first: int, second: int) -> str:
    """ "benarkah PMKS lebih sedikit dari BSKK?", "apa betul Bintan lebih banyak dari Batam": "Ya. " or "Tidak. " for
    the first named against the second; "" when the question asks no yes or no."""
    than = not {"lebih", "than"}.isdisjoint(u.words)
    more = than and not MORE_WORDS.isdisjoint(u.words)
    less = than and not LESS_WORDS.isdisjoint(u.words)
    if more == less or first == second or not OPEN_WORDS.isdisjoint(u.words):
        return ""
    return (_("Ya.") if (first > second) == more else _("Tidak.")) + " "


def rest_asked(u: Understanding) -> bool:
    """ "Batam vs gabungan kab/kota lainnya": one place against every other one added up."""
    return not REST_WORDS.isdisjoint(u.words) and not COMBINED_WORDS.isdisjoint(u.words)


class ComparisonAnswers(FigureAnswers):
    """Answers that set figures side by side."""

    def where_more(self, u: Understanding) -> Reply | None:
        """ "daerah mana yg BSKK nya lebih banyak dari PMKS nya", "kab mana yg uep lebih sedikit dari bskk": the
        kab/kota where the first program named has more (or fewer) KK than the second, computed from each one's two
        figures; a kab/kota without one of them is named apart. None when this is not what is asked."""
        words = u.words
        if u.regions or u.group or len(u.programs) != 2 or u.excluded or u.per != Per.REGION:
            return None
        if _WHICH.isdisjoint(words) or (COMPARING_WORDS | _EXCEEDING | LOSING_WORDS).isdisjoint(words):
            return None
        than = not COMPARING_WORDS.isdisjoint(words)
        more = (than and not MORE_WORDS.isdisjoint(words)) or not _EXCEEDING.isdisjoint(words)
        less = (than and not LESS_WORDS.isdisjoint(words)) or not LOSING_WORDS.isdisjoint(words)
        if more == less:
            return None
        f = self.facts
        year = self._year(u.year)
        first, second = (code for _i, _j, code in sorted(u.program_at)[:2]) if len(u.program_at) >= 2 else u.programs
        if first == second:
            return None
        a, b = (self.pname(f.programs[c], short=True) for c in (first, second))
        found, gaps = [], []
        for k in f.kabkota:
            va, vb = f.cell(year, first, k.code), f.cell(year, second, k.code)
            if va is None or vb is None:
                gaps.append(k.name)
            elif (va > vb) if more else (va < vb):
                found.append(f"• {bold(k.name)}: {esc(a)} {self.kk(va)}, {esc(b)} {self.kk(vb)}")
        said = (_("{a} lebih banyak dari {b}") if more else _("{a} lebih sedikit dari {b}")).format(a=esc(a), b=esc(b))
        if found:
            lines = [_("Kab/kota yang {said}, tahun {year}:").format(said=said, year=year), *found]
            lines.append(_("Di kab/kota lain yang punya kedua angka, tidak demikian."))
        else:
            lines = [_("Tidak ada kab/kota yang {said}, tahun {year}.").format(said=said, year=year)]
        if gaps:
            lines.append(
                _("Tidak bisa dibandingkan, karena salah satu angkanya tidak ada: {regions}.").format(
                    regions=esc(self.some_names(gaps))
                )
            )
        lines.append(self.source_line(year, [first, second]))
        return Reply("\n".join(lines), intent=Intent.COMPARE)

    def ranking(self, u: Understanding) -> Reply:
        where = self.where_more(u)
        if where is not None:
            return where
        f = self.facts
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        left_out = set(u.excluded)
        kept = [
            (k, v)
            for k, v in self.ranked(year, programs)
            if k.code not in left_out and (u.only_kind is None or k.kind.lower() == u.only_kind)
        ]
        ranked = kept
        if not ranked:
            asked = [f.program_total(year, p) for p in programs] if programs else []
            given = bool(asked) and all(t is not None for t in asked)
            province_line = (
                _("{subject} se-{province}, tahun {year}: {value}, tanpa rincian per kab/kota.").format(
                    subject=esc(subject),
                    province=esc(self.provinces_name()),
                    year=year,
                    value=bold(self.kk(sum(t or 0 for t in asked))),
                )
                + "\n"
                if given and not left_out and u.only_kind is None
                else ""
            )  # "kube brp kk, sebarannya di kab mana": what is held, the province's figure
            return Reply(
                _("Tidak ada data per kab/kota untuk {subject} tahun {year}.").format(subject=esc(subject), year=year)
                + "\n"
                + province_line
                + self.source_line(year, programs),
                intent=Intent.RANKING,
            )
        least = u.rank == "least"
        order = ranked if not least else list(reversed(ranked))
        if u.recap and u.order != Order.ALPHA and len(f.kabkota) <= PAGE_SIZE:
            return self._recap_table(u, ranked, programs, year)
        if u.order == Order.ALPHA:  # "urut abjad": by name
            return self._alphabetical(u, ranked, programs, subject, year)
        pos = min(max(u.rank_position, 1), len(order))
        after = self._counted_after(u, order)
        if after is not None and after[0] > len(order):
            return self._nothing_after(u, order, year, programs)
        if after is not None:
            pos = after[0]
        pick, value = order[pos - 1]
        if least:
            head = _("Paling sedikit") if pos == 1 else _("Paling sedikit ke-{n}").format(n=pos)
        else:
            head = _("Terbanyak") if pos == 1 else _("Terbanyak ke-{n}").format(n=pos)
        lines = []
        if u.full_order:  # "urutkan dari terbanyak sampai paling sedikit": the order asked, said first
            lines.append(
                (
                    _("Urutan kab/kota dari yang paling sedikit ke yang terbanyak ({subject}, tahun {year}).")
                    if least
                    else _("Urutan kab/kota dari yang terbanyak ke yang paling sedikit ({subject}, tahun {year}).")
                ).format(subject=esc(subject), year=year)
            )
        lines.append(
            _("{head} ({subject}, tahun {year}): {region} dengan {value}.").format(
                head=head, subject=esc(subject), year=year, region=bold(pick.name), value=bold(self.kk(value))
            )
        )
        if after is not None:
            lines.append(after[1])
        totals = [f.province_total(year)] if programs is None else [f.program_total(year, p) for p in programs]
        whole = sum(v for _k, v in ranked) if left_out or u.only_kind else sum(t or 0 for t in totals)
        if not SHARE_WORDS.isdisjoint(u.words) and not u.both_ends and whole and all(t is not None for t in totals):
            # "siapa terbanyak, dan brp persen porsinya?": the share of the one named, of the whole ranked
            lines.append(
                _("Porsi {region}: {pct} dari {total}.").format(
                    region=esc(pick.name), pct=bold(fmt_pct(value / whole)), total=self.kk(whole)
                )
            )
        if u.both_ends and len(order) >= 2:  # "terbanyak dan tersedikit"
            (top, vt), (low, vl) = ranked[0], ranked[-1]
            lines = [
                _("Terbanyak ({subject}, tahun {year}): {region} dengan {value}.").format(
                    subject=esc(subject), year=year, region=bold(top.name), value=bold(self.kk(vt))
                ),
                _("Paling sedikit ({subject}, tahun {year}): {region} dengan {value}.").format(
                    subject=esc(subject), year=year, region=bold(low.name), value=bold(self.kk(vl))
                ),
            ]
        if u.both_ends and len(order) >= 2 and not {"selisih", "beda", "bedanya"}.isdisjoint(u.words):
            lines.append(
                _("Selisih terbanyak dan paling sedikit: {diff}").format(
                    diff=bold(self.kk(ranked[0][1] - ranked[-1][1]))
                )
            )
        if len(u.regions) == 1:  # "Lingga peringkat berapa di BSKK": its own place in the order
            here = u.regions[0].code
            place = next((i for i, (k, _v) in enumerate(order, 1) if k.code == here), None)
            name = f.regions[here].name if here in f.regions else here
            own = next((v for k, v in order if k.code == here), None)
            if own is not None and pick.code != here and not u.both_ends and not DIFFERENCE_WORDS.isdisjoint(u.words):
                # "selisih total batam dgn daerah terbanyak kedua", "beda Natuna sama yg paling sedikit": the gap
                # between the place named and the one at that place of the order
                lines.append(
                    _("Selisih {region} dengan {other}: {diff}").format(
                        region=esc(name), other=esc(pick.name), diff=bold(self.kk(abs(own - value)))
                    )
                )
            if place and least:  # counted from the end: said so, with its place from the top
                lines.append(
                    _(
                        "{region}: urutan ke-{n} dari bawah (ke-{k} dari atas), dari {m} kab/kota yang punya angka."
                    ).format(region=bold(name), n=place, k=len(order) + 1 - place, m=len(order))
                )
            else:
                lines.append(
                    _("{region}: urutan ke-{n} dari {m} kab/kota yang punya angka.").format(
                        region=bold(name), n=place, m=len(order)
                    )
                    if place
                    else _("{region}: tidak ada data.").format(region=esc(name))
                )
            if place and u.top_n and after is None:  # "Tanjungpinang masuk 3 besar?": the yes or no asked
                inside = place <= u.top_n
                verdict = (
                    (
                        _("Ya, {region} masuk {n} terbawah.")
                        if inside
                        else _("Tidak, {region} tidak masuk {n} terbawah.")
                    )
                    if least
                    else (_("Ya, {region} masuk {n} besar.") if inside else _("Tidak, {region} tidak masuk {n} besar."))
                )
                lines.insert(0, verdict.format(region=esc(name), n=u.top_n))
        if left_out or u.only_kind or u.excluded_programs:
            lines.append(self.left_out_line(u))
        page = (pos - 1) // PAGE_SIZE + 1  # "terbanyak ke-15": the page that holds it
        subject_code = None if left_out or u.only_kind else self._subject_code(u)  # pages would bring them back
        rows, choices = self._ranking_rows(order, page, year, subject_code, least)
        if u.per == Per.EACH:  # "rekap tiap program per kab/kota": each row with its programs
            rows = [self._with_programs(row, order, year, programs) if row[:1].isdigit() else row for row in rows]
        lines += rows
        present = {r.code for r, _v in self.ranked(year, programs)}
        missing = [k.name for k in f.kabkota if k.code not in present and k.code not in left_out]
        if missing:
            lines.append(_("Tidak ada data untuk: {regions}.").format(regions=esc(self.some_names(missing))))
        note = self.unallocated_note(year) if not programs or any((year, p) in f.unallocated for p in programs) else ""
        if note:
            lines.append(note)
        if left_out or u.only_kind:
            lines.append(
                _("Jumlah kab/kota di atas, tahun {year}: {total}").format(
                    year=year, total=bold(self.kk(sum(v for _k, v in ranked)))
                )
            )
        elif all(t is not None for t in totals):  # the whole the ranking is a share of ("58 ribu, terbanyak Batam")
            lines.append(
                _("Total se-{province}, tahun {year}: {total}").format(
                    province=esc(self.provinces_name()), year=year, total=bold(self.kk(sum(t or 0 for t in totals)))
                )
            )
        first_n = _first_n(u.words, len(order))
        if first_n and not u.regions and not SUM_WORDS.union({"total", "jumlah"}).isdisjoint(u.words):
            # "3 kab/kota paling sedikit penerimanya dan totalnya": the first n of the order added up
            picked = order[:first_n]
            lines.append(
                _("Jumlah {n} kab/kota itu ({regions}): {total}").format(
                    n=first_n,
                    regions=esc(", ".join(k.short for k, _v in picked)),
                    total=bold(self.kk(sum(v for _k, v in picked))),
                )
            )
        lines.append(self.source_line(year, programs))
        if len(u.regions) == 1 and u.regions[0].sub_code:  # "Kecamatan Bintan Utara urutan berapa": its kab/kota's
            sub = u.regions[0]
            lines.insert(0, self.sub_region_note(sub.sub_code or "", f.regions[sub.code], sub.text) + "\n")
        chart_program = programs[0] if programs and len(programs) == 1 else None
        chart = None if left_out or u.only_kind else ChartRequest(year, chart_program)  # a chart would show them all
        return Reply("\n".join(lines), choices=choices, chart=chart, intent=Intent.RANKING)

    def _recap_table(
        self, u: Understanding, ranked: list[tuple[RegionInfo, int]], programs: list[str] | None, year: int
    ) -> Reply:
        """ "rekap per kab/kota semua program": every kab/kota (in the order of its code, or by size when an order is
        asked) with each program's figure ("–" where the source lists none) and its total; then each program's
        total, the part reported only for the whole province (KUBE), and the grand total."""
        f = self.facts
        asked = [p for p in f.program_list if programs is None or p.code in programs]
        columns = [p for p in self.region_programs(year) if p in asked]
        rows = ranked if u.order in (Order.DESC, Order.ASC) else sorted(ranked, key=lambda kv: kv[0].code)
        if u.order == Order.ASC:
            rows = list(reversed(rows))
        subject = _("semua program") if programs is None else ", ".join(self.pname(p, short=True) for p in asked)
        lines = [_("Rekap per kab/kota ({subject}), tahun {year}:").format(subject=esc(subject), year=year)]
        dash = False
        for k, total in rows:
            cells = []
            for p in columns:
                value = f.cell(year, p.code, k.code)
                dash = dash or value is None
                cells.append(f"{self.pname(p, short=True)} {fmt_int(value) if value is not None else '–'}")
            lines.append(f"• {bold(k.name)}: {esc(' · '.join(cells))} → {bold(self.kk(total))}")
        present = {k.code for k, _v in ranked}
        missing = [k.name for k in f.kabkota if k.code not in present and k.code not in u.excluded]
        if u.only_kind:
            missing = [n for n in missing if any(k.name == n and k.kind.lower() == u.only_kind for k in f.kabkota)]
        if missing:
            lines.append(_("Tidak ada data untuk: {regions}.").format(regions=esc(self.some_names(missing))))
        if dash:
            lines.append(_("– : sumber tidak mencantumkan angka program itu untuk kab/kota tersebut."))
        left_out = bool(u.excluded or u.only_kind)
        if left_out:
            lines.append(self.left_out_line(u))
            lines.append(
                _("Jumlah kab/kota di atas, tahun {year}: {total}").format(
                    year=year, total=bold(self.kk(sum(v for _k, v in ranked)))
                )
            )
            lines.append(self.source_line(year, programs))
            return Reply("\n".join(lines), chart=None, intent=Intent.RANKING)
        totals = [f"{self.pname(p, short=True)} {fmt_int(v)}" for p in columns if (v := f.program_total(year, p.code))]
        if len(totals) > 1:
            lines.append(_("Jumlah per program: {programs} KK").format(programs=esc(" · ".join(totals))))
        whole_only = []
        for p in f.program_list:  # reported for the whole province only (KUBE), or partly so
            whole = f.unallocated.get((year, p.code))
            if not whole:
                continue
            whole_only.append(
                (
                    _("{program}: {value}, dilaporkan untuk seluruh {province} tanpa rincian per kab/kota.")
                    if p not in columns
                    else _("{program}: {value} lagi dilaporkan untuk seluruh {province} tanpa rincian per kab/kota.")
                ).format(
                    program=esc(self.pname(p, short=True)), value=bold(self.kk(whole)), province=esc(f.province.name)
                )
            )
        values = [f.program_total(year, p.code) for p in asked]
        if programs is None:
            if whole_only:  # the kab/kota add up to less than the total: what they add up to, then the rest
                lines.append(
                    _("Jumlah kab/kota di atas, tahun {year}: {total}").format(
                        year=year, total=bold(self.kk(sum(v for _k, v in ranked)))
                    )
                )
            lines += whole_only
            lines.append(
                _("Total se-{province}, tahun {year}: {total}").format(
                    province=esc(self.provinces_name()), year=year, total=bold(self.kk(f.province_total(year)))
                )
            )
        else:
            lines.append(
                _("Jumlah {subject} se-{province}, tahun {year}: {total}").format(
                    subject=esc(subject),
                    province=esc(self.provinces_name()),
                    year=year,
                    total=bold(self.kk(sum(v or 0 for v in values))),
                )
            )
            if len(asked) < len(f.program_list):
                lines += whole_only
                lines.append(
                    _("Total semua program se-{province}: {total}").format(
                        province=esc(self.provinces_name()), total=self.kk(f.province_total(year))
                    )
                )
        lines.append(self.source_line(year, programs))
        return Reply(
            "\n".join(lines), chart=ChartRequest(year, None) if programs is None else None, intent=Intent.RANKING
        )

    def _alphabetical(
        self,
        u: Understanding,
        ranked: list[tuple[RegionInfo, int]],
        programs: list[str] | None,
        subject: str,
        year: int,
    ) -> Reply:
        """ "daftar kab/kota urut abjad": every kab/kota (but those left out) by name, with its figure."""
        f = self.facts
        values = dict(ranked)
        kept = [
            k for k in f.kabkota if k.code not in u.excluded and (u.only_kind is None or k.kind.lower() == u.only_kind)
        ]
        kept.sort(key=lambda k: k.short.lower())
        lines = [_("Kab/kota menurut abjad ({subject}, tahun {year}):").format(subject=esc(subject), year=year)]
        lines += [f"{i}. {esc(k.name)}: {self.kk(values.get(k))}" for i, k in enumerate(kept[:PAGE_SIZE], 1)]
        if len(kept) > PAGE_SIZE:
            lines.append(_("… dan {n} kab/kota lainnya.").format(n=len(kept) - PAGE_SIZE))
        if u.excluded or u.only_kind or u.excluded_programs:
            lines.append(self.left_out_line(u))
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.RANKING)

    def _counted_after(self, u: Understanding, order: list[tuple[RegionInfo, int]]) -> tuple[int, str] | None:
        """ "nomor 2 setelah Batam", "setelah Batam siapa": the place in the order asked, counted from the kab/kota
        named, and the reading said. A number said beyond that kab/kota's own place counts the whole order (Batam is
        first, so "nomor 3 setelah Batam" is third, with the third after Batam given too); a number at or before it
        counts after it ("nomor 2 setelah Karimun"); no number is the next one."""
        if u.after_place is None:
            return None
        at = next((i for i, (k, _v) in enumerate(order, 1) if k.code == u.after_place), None)
        if at is None:
            return None
        name = self.facts.regions[u.after_place].name
        n = u.rank_position if u.rank_position > 1 else u.top_n or 1  # "nomor 2 terbanyak setelah Batam": not top 2
        if n <= 1:
            return at + 1, _("(Urutan ke-{pos}, tepat sesudah {region} di urutan ke-{at}.)").format(
                pos=at + 1, region=esc(name), at=at
            )
        if n > at:
            note = _("(Dihitung dari urutan teratas, dengan {region} di urutan ke-{at}.)").format(
                region=esc(name), at=at
            )
            if n > at + 1 and at + n <= len(order):  # "nomor 2 setelah Batam" (first) is plainly the second
                other, value = order[at + n - 1]
                note += " " + _("Kalau maksudnya yang ke-{n} sesudah {region}: {other} dengan {value}.").format(
                    n=n, region=esc(name), other=esc(other.name), value=self.kk(value)
                )
            return n, note
        return at + n, _("(Yang ke-{n} sesudah {region}, yang ada di urutan ke-{at}.)").format(
            n=n, region=esc(name), at=at
        )

    def _nothing_after(
        self, u: Understanding, order: list[tuple[RegionInfo, int]], year: int, programs: list[str] | None
    ) -> Reply:
        """ "setelah Anambas siapa": the kab/kota named is at the end of the order, nothing comes after it."""
        name = self.facts.regions[u.after_place or ""].name
        text = _("{region} ada di urutan terakhir (ke-{n} dari {m} kab/kota yang punya angka): tidak ada sesudahnya.")
        return Reply(
            text.format(region=bold(name), n=len(order), m=len(order)) + "\n" + self.source_line(year, programs),
            intent=Intent.RANKING,
        )

    def ranking_page(self, subject_code: str | None, year: int | None, page: int, least: bool) -> Reply | None:
        """One page of a ranking (the "lainnya" button under a long one); None for an unknown subject."""
        f = self.facts
        year = self._year(year)
        if subject_code in (None, EVERY_PROGRAM):
            programs, subject = None, _("semua program")
        elif subject_code in f.groups:
            programs, subject = list(f.groups[subject_code].members), self.gname(subject_code)
        elif subject_code in f.programs:
            programs, subject = [subject_code], self.pname(f.programs[subject_code], short=True)
        else:
            return None
        ranked = self.ranked(year, programs)
        order = list(reversed(ranked)) if least else ranked
        last = max((len(order) - 1) // PAGE_SIZE + 1, 1)
        page = min(page, last)
        head = _("Paling sedikit") if least else _("Terbanyak")
        lines = [
            _("{head} ({subject}, tahun {year}), halaman {page} dari {pages}:").format(
                head=head, subject=esc(subject), year=year, page=page, pages=last
            )
        ]
        rows, choices = self._ranking_rows(order, page, year, subject_code or EVERY_PROGRAM, least)
        lines += rows[1:]  # the page says which it is; no "Urutan kab/kota:" title
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), choices=choices, intent=Intent.RANKING)

    def _with_programs(
        self, row: str, order: list[tuple[RegionInfo, int]], year: int, programs: list[str] | None
    ) -> str:
        """ "1. Kota Batam: 23.945 KK" with its programs after it ("Kesejahteraan Keluarga 1.288 · PMKS 22.465 …")."""
        f = self.facts
        number = int(row.split(".", 1)[0])
        k = order[number - 1][0]
        parts = [
            f"{self.pname(p, short=True)} {fmt_int(v)}"
            for p in self.region_programs(year)
            if (programs is None or p.code in programs) and (v := f.cell(year, p.code, k.code)) is not None
        ]
        return f"{row} ({esc(' · '.join(parts))})" if parts else row

    def _ranking_rows(
        self, order: list[tuple[RegionInfo, int]], page: int, year: int, subject_code: str | None, least: bool
    ) -> tuple[list[str], list[Choice]]:
        """The rows of one page of a ranking (numbered), and the buttons to the pages before and after it."""
        start = (page - 1) * PAGE_SIZE
        shown = order[start : start + PAGE_SIZE]
        lines = [_("Urutan kab/kota:")]
        lines += [f"{i}. {esc(k.name)}: {self.kk(v)}" for i, (k, v) in enumerate(shown, start + 1)]
        choices: list[Choice] = []
        rest = len(order) - start - len(shown)
        if rest > 0:
            lines.append(_("… dan {n} kab/kota lainnya.").format(n=rest))
        if subject_code is None:
            return lines, choices
        kind = Kind.RANKING_LEAST if least else Kind.RANKING
        if page > 1:
            action = Action(kind, program=subject_code, year=year, page=page - 1)
            choices.append(Choice(_("‹ Sebelumnya"), action.encode()))
        if rest > 0:
            action = Action(kind, program=subject_code, year=year, page=page + 1)
            choices.append(Choice(_("Lainnya ›"), action.encode()))
        return lines, choices

    def _subject_code(self, u: Understanding) -> str | None:
        """What a ranking button names: a group, one program, every program; None for a few programs together."""
        if u.group:
            return u.group
        if not u.programs:
            return EVERY_PROGRAM
        return u.programs[0] if len(u.programs) == 1 else None

    def compare(self, u: Understanding) -> Reply:
        where = self.where_more(u)
        if where is not None:
            return where
        f = self.facts
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        regions = [f.regions[r.code] for r in u.regions]
        words = u.words
        if u.kinds_compared or (
            not regions and "kota" in words and "kabupaten" in words and not _adjacent(words, "kabupaten", "kota")
        ):
            return self._kinds(programs, subject, year)  # "total kota vs kabupaten"
        if not regions:  # nothing named: the largest ones (every one, for one province)
            regions = [k for k, _v in self.ranked(year, programs)][:PAGE_SIZE]
        if not regions:  # nothing per kab/kota to compare (KUBE is reported for the province only)
            base = self.figures(u)
            base.html = (
                _("Tidak ada rincian per kab/kota untuk {subject}, jadi tidak ada yang bisa dibandingkan.").format(
                    subject=esc(subject)
                )
                + "\n\n"
                + base.html
            )
            return base
        if len(regions) == 1 and u.regions and programs and len(programs) >= 2:
            return self._programs_in(regions[0], programs, year, sum_asked(u), u)
        if not u.regions and u.programs and len(u.programs) >= 2:  # "selisih PMKS dan BSKK": the programs' totals
            return self._programs_in(None, u.programs, year, sum_asked(u), u)
        against = self._against_named(u, programs, subject, year) if len(regions) >= 3 else None
        if against is not None:
            return against
        if len(regions) == 1 and len(u.regions) == 1 and rest_asked(u):
            return self._against_rest(regions[0], programs, subject, year, u)
        if len(regions) == 1 and len(u.regions) == 1 and u.whole_kind:  # "Batam vs gabungan semua kabupaten"
            group = [k for k in f.kabkota if k.kind.lower() == u.whole_kind and k.code != regions[0].code]
            if group:
                return self._against_rest(regions[0], programs, subject, year, u, group)
        if len(regions) < 2:
            # One region named: show it, and offer comparisons with the others.
            here = regions[0]
            others = [k for k in f.kabkota if k.code != here.code]
            by_size = {k.code: v for k, v in self.ranked(year, programs)}
            others.sort(key=lambda k: -(by_size.get(k.code) or 0))
            base = self.figures(u)
            if u.outside:  # "Batam vs Singapura": the other place is said to be outside, below
                return base
            if u.regions[0].also:  # "Sekupang vs Batu Aji": both in one kab/kota, whose figures are all there is
                base.html = (
                    _(
                        "Tempat-tempat itu tidak bisa dibandingkan: datanya hanya per kab/kota, dan semuanya di {kab}."
                    ).format(kab=esc(here.name))
                    + "\n\n"
                    + base.html
                )
                return base
            base.html = (
                _("Sebutkan dua wilayah atau lebih untuk dibandingkan, misalnya “bandingkan {a} dan {b}”.").format(
                    a=esc(here.short), b=esc(others[0].short if others else here.short)
                )
                + "\n\n"
                + base.html
            )
            base.choices = [
                Choice(
                    _("{a} vs {b}").format(a=here.short, b=k.short), Action.ask(f"{here.short} vs {k.short}").encode()
                )
                for k in others[:4]
            ]
            return base
        total = f.province_total(year)
        lines = [_("Perbandingan {subject}, tahun {year}:").format(subject=esc(subject), year=year)]
        values = []
        for k in regions:
            v = f.region_total(year, k.code, programs)
            values.append(v)
            share = f" ({fmt_pct(v / total)})" if v is not None and total and not programs else ""
            lines.append(f"• {esc(k.name)}: {bold(self.kk(v))}{share}")
            if (programs and len(programs) > 1) or (programs is None):
                for p in self.region_programs(year) if programs is None else [f.programs[c] for c in programs]:
                    lines.append(f"   – {esc(self.pname(p, short=True))}: {self.kk(f.cell(year, p.code, k.code))}")
        present = [(k, v) for k, v in zip(regions, values, strict=True) if v is not None]
        if len(present) >= 2:
            (k1, v1), (k2, v2) = sorted(present, key=lambda kv: -kv[1])[:2]
            named = sorted((r.start, r.code) for r in u.regions)
            than = next((i for i, w in enumerate(u.words) if w in ("lebih", "than")), None)
            if than is not None and len(named) == 2 and named[0][0] < named[1][0] < than:
                named.reverse()  # "Tanjungpinang vs Batam, Batam lebih kecil?": the one right before "lebih"
            order = {code: v for k, v in present for code in (k.code,)}
            verdict = ""
            if len(present) == 2 and len(named) == 2 and all(c in order for _s, c in named):
                verdict = asked_verdict(u, order[named[0][1]], order[named[1][1]])
            fewer = len(present) == 2 and LESS_WORDS & set(u.words) and not MORE_WORDS & set(u.words)
            if v1 == v2:
                said = _("{a} dan {b} sama banyak.").format(a=esc(k1.name), b=esc(k2.name))
            elif fewer:  # "mana yg lebih kecil": the smaller one named first
                said = _("{b} lebih sedikit {diff} dari {a}.").format(
                    a=esc(k1.name), b=esc(k2.name), diff=self.kk(v1 - v2)
                )
            else:
                said = _("{a} lebih banyak {diff} dari {b}.").format(
                    a=esc(k1.name), b=esc(k2.name), diff=self.kk(v1 - v2)
                )
            lines.append(verdict + said)
            said_times = multiple_said(u.text)
            if len(present) == 2 and v2 and v1 != v2 and (said_times or not _MULTIPLE_WORDS.isdisjoint(u.words)):
                # "pmks natuna 2x lipat anambas kan?": how many times, and the multiple said checked against it
                ratio = _("{a} = {ratio} kali {b}.").format(a=esc(k1.name), b=esc(k2.name), ratio=fmt_ratio(v1 / v2))
                lines.append(not_the_multiple(said_times, v1 / v2) + ratio)
        first = min((r.start for r in u.regions), default=0)
        opened = not {"jumlah", "total"}.isdisjoint(u.words[:first]) and DIFFERENCE_WORDS.isdisjoint(u.words)
        last = max((r.start for r in u.regions), default=len(u.words))
        # "brp selisih UEP bintan sama karimun, trus totalnya": a total asked after the places named, beside their
        # difference, is their sum ("batam vs bintan, mana lebih banyak total" compares each one's total)
        after = u.words[last + 1 :]
        asked_apart = not (SUM_AFTER.isdisjoint(after) or SUM_JOINED.isdisjoint(after))
        closed = asked_apart and not DIFFERENCE_WORDS.isdisjoint(u.words)
        together = (opened or closed or not TOGETHER_WORDS.isdisjoint(u.words)) and len(present) == len(regions)
        together = together and {"atau", "or"}.isdisjoint(u.words)  # "Bintan atau Tpi yang total lebih besar": one
        if len(present) >= 2 and (u.named_only or together):  # "PMKS Natuna & Anambas": the figures, difference, sum
            lines.append(
                _("Jumlah {n} wilayah ini: {total}").format(n=len(present), total=self.kk(sum(v for _k, v in present)))
            )
        note = self.unallocated_note(year) if not programs else ""
        if note:
            lines.append(note)
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.COMPARE)

    def _against_rest(
        self,
        here: RegionInfo,
        programs: list[str] | None,
        subject: str,
        year: int,
        u: Understanding,
        named: list[RegionInfo] | None = None,
        group_first: bool | None = None,
    ) -> Reply:
        """ "Batam lebih banyak dari gabungan kab/kota lain gak?", "Batam lebih banyak dari Bintan dan Lingga
        digabung?": the kab/kota named against the others (every other one, or those named) added up, and whether it
        is more (the yes or no the question asks)."""
        f = self.facts
        mine = f.region_total(year, here.code, programs)
        group = named if named is not None else [k for k in f.kabkota if k.code != here.code]
        values = [(k, f.region_total(year, k.code, programs)) for k in group]
        present = [(k, v) for k, v in values if v is not None]
        missing = [k.name for k, v in values if v is None]
        if mine is None or not present:
            return self.figures(u)
        rest = sum(v for _k, v in present)
        if named is not None:
            others = " + ".join(k.short for k in group)
            listed = ""
        else:
            others = _("{n} kab/kota lainnya").format(n=len(values))
            listed = f" ({esc(self.some_names([k.short for k, _v in present]))})"
        combined = _("{others} digabung").format(others=others)
        lines = [
            _("{region} dibandingkan gabungan {others} ({subject}, tahun {year}):").format(
                region=esc(here.name), others=esc(others), subject=esc(subject), year=year
            ),
            f"• {esc(here.name)}: {bold(self.kk(mine))}",
            f"• {esc(combined)}{listed}: {bold(self.kk(rest))}",
        ]
        than = not {"lebih", "than"}.isdisjoint(u.words)  # "lebih banyak dari …?", "bigger than …?": a yes or no
        more = than and not MORE_WORDS.isdisjoint(u.words)
        less = than and not LESS_WORDS.isdisjoint(u.words)
        if not than and not LOSING_WORDS.isdisjoint(u.words):  # "masih kalah dari Lingga?": fewer, asked
            less = True
        elif not than and not WINNING_WORDS.isdisjoint(u.words):
            more = True
        if mine == rest:
            verdict = _("{region} sama banyak dengan gabungan {others}.").format(
                region=esc(here.name), others=esc(others)
            )
        elif mine > rest:
            verdict = _("{region} lebih banyak {diff} dari gabungan {others}.").format(
                region=esc(here.name), diff=self.kk(mine - rest), others=esc(others)
            )
        else:
            verdict = _("Gabungan {others} lebih banyak {diff} dari {region}.").format(
                region=esc(here.name), diff=self.kk(rest - mine), others=esc(others)
            )
        if more != less and mine != rest:
            at = next((i for i, w in enumerate(u.words) if w in {"lebih", "than"} | LOSING_WORDS | WINNING_WORDS), 0)
            if group_first is None:
                group_first = any(w in REST_WORDS | COMBINED_WORDS for w in u.words[:at]) and u.regions[0].start > at
            yes = (
                (mine > rest) != group_first
            ) == more  # "gabungan yang lain lebih banyak dari Batam?": the rest asked
            verdict = (_("Ya.") if yes else _("Tidak.")) + " " + verdict
        lines.append(verdict)
        return self._summed_sides(lines, missing, year, programs, Intent.COMPARE)

    def _against_named(self, u: Understanding, programs: list[str] | None, subject: str, year: int) -> Reply | None:
        """ "Batam lebih banyak dari Bintan dan Lingga digabung?": one kab/kota on one side of the comparing word,
        two or more added up on the other."""
        if COMBINED_WORDS.isdisjoint(u.words) or len(u.regions) < 3 or any(r.sub_code for r in u.regions):
            return None
        at = next((i for i, w in enumerate(u.words) if w in COMPARING_WORDS), None)
        if at is None:
            return None
        before = [r for r in u.regions if r.start < at]
        after = [r for r in u.regions if r.start > at]
        f = self.facts
        if len(before) == 1 and len(after) >= 2:
            here, group, group_first = before[0], after, False
        elif len(after) == 1 and len(before) >= 2:
            here, group, group_first = after[0], before, True
        else:
            return None
        named = [f.regions[r.code] for r in group]
        return self._against_rest(f.regions[here.code], programs, subject, year, u, named, group_first)

    def _summed_sides(
        self, lines: list[str], missing: list[str], year: int, programs: list[str] | None, intent: Intent
    ) -> Reply:
        """The end of a comparison of added-up kab/kota: the ones without a figure, the part without a breakdown
        (KUBE) when all programs are compared, and the source."""
        if missing:
            lines.append(_("Tidak ada data untuk: {regions}.").format(regions=esc(self.some_names(missing))))
        return Reply("\n".join([*lines, *self.closing_lines(year, programs)]), intent=intent)

    def _kinds(self, programs: list[str] | None, subject: str, year: int) -> Reply:
        """ "Kota vs kabupaten, mana lebih banyak?": the kota added up against the kabupaten added up."""
        f = self.facts
        lines = [_("Perbandingan {subject}, kota dan kabupaten, tahun {year}:").format(subject=esc(subject), year=year)]
        totals: list[tuple[str, int]] = []
        missing: list[str] = []
        for kind, label in (("kota", _("Kota")), ("kabupaten", _("Kabupaten"))):
            members = [k for k in f.kabkota if k.kind.lower() == kind]
            values = [(k, f.region_total(year, k.code, programs)) for k in members]
            missing += [k.name for k, v in values if v is None]
            total = sum(v for _k, v in values if v is not None)
            names = self.some_names([k.short for k, v in values if v is not None])
            lines.append(f"• {esc(label)} ({esc(names)}): {bold(self.kk(total))}")
            totals.append((label, total))
        (a, va), (b, vb) = sorted(totals, key=lambda lv: -lv[1])
        lines.append(
            _("{a} lebih banyak {diff} dari {b}.").format(a=esc(a), b=esc(b), diff=self.kk(va - vb))
            if va != vb
            else _("{a} dan {b} sama banyak.").format(a=esc(a), b=esc(b))
        )
        return self._summed_sides(lines, missing, year, programs, Intent.COMPARE)

    def _programs_in(
        self,
        region: RegionInfo | None,
        programs: list[str],
        year: int,
        with_sum: bool = False,
        u: Understanding | None = None,
    ) -> Reply:
        """ "Bintan: BSKK dikurangi PMKS": two programs in one kab/kota (or the province), side by side, with the
        difference (and their sum when it is asked too: "jumlah UEP + KUBE, dan bedanya")."""
        f = self.facts
        where = region.name if region else _("se-{province}").format(province=self.provinces_name())
        lines = [_("Perbandingan program di {region}, tahun {year}:").format(region=esc(where), year=year)]
        if region is None:
            lines = [_("Perbandingan program {region}, tahun {year}:").format(region=esc(where), year=year)]
        present = []
        for code in programs:
            value = f.cell(year, code, region.code) if region else f.program_total(year, code)
            lines.append(f"• {esc(self.pfull(f.programs[code]))}: {bold(self.kk(value))}")
            if value is not None:
                present.append((self.pname(f.programs[code], short=True), value))
        if len(present) >= 2:
            (p1, v1), (p2, v2) = sorted(present, key=lambda pv: -pv[1])[:2]
            verdict = asked_verdict(u, present[0][1], present[1][1]) if u and len(present) == 2 else ""
            lines.append(
                verdict + _("{a} lebih banyak {diff} dari {b}.").format(a=esc(p1), b=esc(p2), diff=self.kk(v1 - v2))
                if v1 != v2
                else _("{a} dan {b} sama banyak.").format(a=esc(p1), b=esc(p2))
            )
            if v2 and v1 != v2:
                lines.append(_("{a} = {ratio} kali {b}.").format(a=esc(p1), b=esc(p2), ratio=fmt_ratio(v1 / v2)))
            if with_sum:
                lines.append(_("Jumlah semuanya: {total}.").format(total=bold(self.kk(sum(v for _p, v in present)))))
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.COMPARE_PROGRAMS)

    def _programs_of_place_shares(self, k: RegionInfo, programs: list[str], part: int, year: int) -> list[str]:
        """ "bintan: bskk, pmks, uep masing2 brp dan persen dr total kepri": each program of the place with its share
        of that program's province total, and the place's figure against the province's total of every program when
        the programs asked leave some out (KUBE, reported without a breakdown)."""
        f = self.facts
        lines = []
        for code in programs:
            v, whole = f.cell(year, code, k.code), f.program_total(year, code)
            name = self.pname(f.programs[code], short=True)
            if v is None or not whole:
                lines.append(_("• {program}: tidak ada data untuk wilayah ini.").format(program=esc(name)))
                continue
            lines.append(
                _("• {program}: {part} dari {total} {program} se-{province} = {pct}").format(
                    program=esc(name),
                    part=self.kk(v),
                    total=self.kk(whole),
                    province=esc(self.provinces_name()),
                    pct=bold(fmt_pct(v / whole)),
                )
            )
        total = f.province_total(year)
        summed = sum(v for v in (f.program_total(year, c) for c in programs) if v is not None)
        if total and total != summed:
            lines.append(
                _("Dari total {province} {total} (semua program): {programs} di {region} {part} = {pct}").format(
                    province=esc(self.provinces_name()),
                    total=self.kk(total),
                    programs=esc(" + ".join(self.pname(f.programs[c], short=True) for c in programs)),
                    region=esc(k.name),
                    part=self.kk(part),
                    pct=bold(fmt_pct(part / total)),
                )
            )
        return lines

    def share(self, u: Understanding) -> Reply:
        f = self.facts
        year = self._year(u.year)
        total = f.province_total(year)
        lines: list[str] = []
        programs, subject = self.subject_of(u)
        if u.each_program:
            programs, subject = [p.code for p in f.program_list], _("semua program")
        words = u.words
        both = "kota" in words and "kabupaten" in words and not _adjacent(words, "kabupaten", "kota")
        if not u.regions and (u.only_kind or both) and total:
            return self._kind_shares(u.only_kind, programs, subject, year)
        if u.regions and u.per == Per.PROGRAM and not programs:  # "persentase tiap program di Lingga"
            k = f.regions[u.regions[0].code]
            whole = f.region_total(year, k.code) or 0
            lines.append(
                _("Porsi tiap program dari {total} di {region}, tahun {year}:").format(
                    total=self.kk(whole), region=esc(k.name), year=year
                )
            )
            for p in f.program_list:
                v = f.cell(year, p.code, k.code)
                share = f" ({fmt_pct(v / whole)})" if v is not None and whole else ""
                lines.append(f"• {esc(self.pname(p, short=True))}: {self.kk(v)}{share}")
        elif u.regions:
            for place in u.regions:
                k = f.regions[place.code]
                if programs and u.whole_is_region:  # "PMKS berapa persen dari total Karimun"
                    part, whole = f.region_total(year, k.code, programs), f.region_total(year, k.code) or 0
                    of = _("{total} (semua program) di {region}").format(total=self.kk(whole), region=esc(k.name))
                elif programs:
                    part = f.region_total(year, k.code, programs)
                    whole = sum(v for v in (f.program_total(year, p) for p in programs) if v is not None)
                    of = _("{total} {subject} se-{province}").format(
                        total=self.kk(whole), subject=esc(subject), province=esc(self.provinces_name())
                    )
                elif u.whole_kind and k.kind.lower() == u.whole_kind:  # "bagian Tanjungpinang dari total kota"
                    members = [m for m in f.kabkota if m.kind.lower() == u.whole_kind]
                    values = [(m, f.region_total(year, m.code)) for m in members]
                    part = f.region_total(year, k.code)
                    whole = sum(v for _m, v in values if v is not None)
                    of = _("{total}, jumlah {n} {kind} ({names})").format(
                        total=self.kk(whole),
                        n=len(members),
                        kind=esc(self._kind_label(u.whole_kind)),
                        names=esc(self.some_names([m.short for m, v in values if v is not None])),
                    )
                else:
                    part, whole = f.region_total(year, k.code), total or 0
                    of = _("{total} se-{province}").format(total=self.kk(whole), province=esc(self.provinces_name()))
                label = bold(k.name)
                if programs and u.whole_is_region:
                    label = _("{subject} di {region}").format(subject=bold(subject), region=bold(k.name))
                if part is None or not whole:
                    lines.append(_("{region}: tidak ada data.").format(region=esc(k.name)))
                else:
                    lines.append(
                        _("{region}: {part} dari {of}, tahun {year} = {pct}").format(
                            region=label, part=self.kk(part), of=of, year=year, pct=bold(fmt_pct(part / whole))
                        )
                    )
                    if len(u.regions) == 1 and not HALF_WORDS.isdisjoint(words):
                        # "Batam dapat lebih dari separuh total bantuan kan?": the half said against the share
                        more = not {"lebih", "more", "over", "above"}.isdisjoint(words)
                        less = not {"kurang", "less", "under", "below"}.isdisjoint(words)
                        verdict = ""
                        if more != less and 2 * part != whole:
                            verdict = (_("Ya.") if (2 * part > whole) == more else _("Tidak.")) + " "
                        lines.insert(
                            len(lines) - 1,
                            verdict
                            + (
                                _("{region} mendapat lebih dari separuh.")
                                if 2 * part > whole
                                else _("{region} mendapat kurang dari separuh.")
                            ).format(region=esc(k.name)),
                        )
                    if programs and len(u.regions) == 1 and len(programs) >= 2 and not u.whole_is_region:
                        lines += self._programs_of_place_shares(k, programs, part, year)
            if place_note := next((p for p in u.regions if p.sub_code), None):
                lines.insert(0, self.sub_region_note(place_note.sub_code or "", f.regions[place_note.code]))
        elif programs and total and (left_out := [c for c in u.excluded_programs if c not in programs]):
            # "porsi PMKS kalau KUBE tidak dihitung": the share of what is left, never of the full total
            rest = total - sum(f.program_total(year, c) or 0 for c in left_out)
            for code in programs:
                v = f.program_total(year, code)
                if v is not None and rest > 0:
                    lines.append(
                        _("{program}: {part} dari {total} se-{province} tanpa {others}, tahun {year} = {pct}").format(
                            program=bold(self.pfull(f.programs[code])),
                            part=self.kk(v),
                            total=self.kk(rest),
                            province=esc(self.provinces_name()),
                            others=esc(", ".join(self.pname(f.programs[c], short=True) for c in left_out)),
                            year=year,
                            pct=bold(fmt_pct(v / rest)),
                        )
                    )
        elif programs and total:
            for code in programs:
                v = f.program_total(year, code)
                if v is not None:
                    lines.append(
                        _("{program}: {part} dari {total} se-{province}, tahun {year} = {pct}").format(
                            program=bold(self.pfull(f.programs[code])),
                            part=self.kk(v),
                            total=self.kk(total),
                            province=esc(self.provinces_name()),
                            year=year,
                            pct=bold(fmt_pct(v / total)),
                        )
                    )
            counts = [f.program_total(year, code) for code in programs]
            if len(programs) >= 2 and sum_asked(u) and None not in counts:
                # "berapa persen UEP dan KUBE digabung dari total": the programs added up, as one share
                combined = sum(c or 0 for c in counts)
                lines.append(
                    _("{programs} digabung: {part} dari {total}, tahun {year} = {pct}").format(
                        programs=bold(" + ".join(self.pname(f.programs[c], short=True) for c in programs)),
                        part=self.kk(combined),
                        total=self.kk(total),
                        year=year,
                        pct=bold(fmt_pct(combined / total)),
                    )
                )
        elif total:
            lines.append(
                _("Porsi tiap kab/kota dari {total} se-{province}, tahun {year}:").format(
                    total=self.kk(total), province=esc(self.provinces_name()), year=year
                )
            )
            ranked = self.ranked(year, None)
            for k, v in ranked[:PAGE_SIZE]:
                lines.append(f"• {esc(k.name)}: {self.kk(v)} ({fmt_pct(v / total)})")
            if len(ranked) > PAGE_SIZE:
                lines.append(_("… dan {n} kab/kota lainnya.").format(n=len(ranked) - PAGE_SIZE))
            note = self.unallocated_note(year)
            if note:
                lines.append(note)
        if not lines:
            lines.append(_("Tidak ada data untuk tahun {year}.").format(year=year))
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.SHARE)

    @staticmethod
    def _kind_label(kind: str) -> str:
        return _("kota") if kind == "kota" else _("kabupaten")

    def _kind_shares(self, first: str | None, programs: list[str] | None, subject: str, year: int) -> Reply:
        """ "brp persen yg di kabupaten", "persen penerima kota dibanding kabupaten": the kota added up and the
        kabupaten added up, each as a share of the province's total (the kind asked first)."""
        f = self.facts
        whole = (
            sum(v for v in (f.program_total(year, c) for c in programs) if v is not None)
            if programs
            else f.province_total(year) or 0
        )
        lines = [
            _("Porsi kota dan kabupaten dari {total} se-{province} ({subject}, tahun {year}):").format(
                total=self.kk(whole), province=esc(self.provinces_name()), subject=esc(subject), year=year
            )
        ]
        kinds = ["kota", "kabupaten"] if first != "kabupaten" else ["kabupaten", "kota"]
        missing: list[str] = []
        for kind in kinds:
            members = [k for k in f.kabkota if k.kind.lower() == kind]
            values = [(k, f.region_total(year, k.code, programs)) for k in members]
            missing += [k.name for k, v in values if v is None]
            part = sum(v for _k, v in values if v is not None)
            names = self.some_names([k.short for k, v in values if v is not None])
            pct = f" = {bold(fmt_pct(part / whole))}" if whole else ""
            lines.append(
                _("• {n} {kind} ({names}): {part}").format(
                    n=len(members), kind=esc(self._kind_label(kind)), names=esc(names), part=bold(self.kk(part))
                )
                + pct
            )
        return self._summed_sides(lines, missing, year, programs, Intent.SHARE)


_PLACE_NOUNS = frozenset({"kabupaten", "kota", "daerah", "wilayah", "regencies", "cities", "regions", "districts"})


_ENDS = _PLACE_NOUNS | {"besar", "atas", "bawah", "kecil"}
"""Words after a number that name the first few of an order ("3 besar", "5 terbawah" start with "ter")."""
_POSITION_WORDS = frozenset(
    {"no", "nomor", "nomer", "ke", "urutan", "peringkat", "ranking", "rank", "number", "posisi"}
)
"""Words before a number that make it one position of the order ("nomor 2", "ke 3")."""


def _first_n(words: list[str], count: int) -> int | None:
    """ "3 kab/kota paling sedikit", "top 3 daerah", "3 besar", "3 terbanyak": how many of the order are asked (a
    number before a word of places or of an end of the order, or after "top"), when fewer than all."""
    for i, w in enumerate(words[:-1]):
        after, before = words[i + 1], words[i - 1] if i else ""
        if before in _POSITION_WORDS or not (w.isdigit() and 1 < int(w) < count):
            continue  # "yg no 2 terbanyak", "urutan ke 3": one place of the order, not the first few
        if after in _ENDS or after.startswith("ter") or before == "top":
            return int(w)
    return None


def _adjacent(words: list[str], first: str, second: str) -> bool:
    """ "kab/kota" (one phrase for every kab/kota), as opposed to "kota vs kabupaten"."""
    return any(a == first and b == second for a, b in pairwise(words))


_MORE_OR_LESS = frozenset({"lebih", "more", "less", "fewer"})
"""Words of one figure being more or less than another ("lebih banyak", "more than")."""


def relative_asked(u: Understanding) -> bool:
    """A share asked of two kab/kota, or two programs, one said to be more or less than the other ("bintan lebih banyak
    berapa persen dari tanjungpinang", "how many percent more does Bintan have than Tanjungpinang"): how much more, as
    a percentage of the other."""
    two = (
        len({r.code for r in u.regions}) == 2
        or (not u.regions and len(u.programs) == 2)
        or (len(u.regions) == 1 and len(u.programs) == 2)
    )
    return two and not _MORE_OR_LESS.isdisjoint(u.words) and not u.excluded and u.per is None
