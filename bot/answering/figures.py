"""Figures for a region, a program, a program group, a program in a region, and the province summary."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from bot.answering.actions import Action, Kind
from bot.answering.base import PAGE_SIZE, AnswerBase
from bot.answering.reply import ChartRequest, Choice, Reply, bold, esc
from bot.figures.facts import ProgramInfo, RegionInfo
from bot.text.i18n import _, fmt_int, fmt_pct
from bot.text.normalise import compress
from bot.understanding.intents import ONLY_SAID, Intent, Understanding, only_places_claimed
from bot.understanding.lexicon import canonical_words

LEVEL_WORDS = frozenset({"kecamatan", "desa", "kelurahan", "dusun", "kampung", "rt", "rw", "district", "village"})
"""Words naming a level below the kab/kota: said with a place not found there, the kab/kota's figures get a note."""


ONLY_WORDS = ONLY_SAID
"""Words asking whether a kab/kota got one program alone ("Anambas cuma dapat PMKS aja?")."""


_AID_WORDS = frozenset({"bantuan", "bansos", "bantuannya", "aid", "dinsos", "program", "penerima"})


def _aid_said(words: list[str]) -> bool:
    """The claim is of the aid itself ("bantuan dinsos cuma buat Batam"), not of something else of the place."""
    return not _AID_WORDS.isdisjoint(words)


def _only_of_program(words: list[str]) -> bool:
    """An 'only' word said of the program ("Anambas cuma dapat PMKS aja?"), not of a number that follows it ("BSKK
    Batam cuma 1288 kk?", "cuma brp?": only that many, a figure to confirm or asked)."""
    return any(
        w in ONLY_WORDS and not (i + 1 < len(words) and (words[i + 1][:1].isdigit() or words[i + 1] == "berapa"))
        for i, w in enumerate(words)
    )


OFFICE_ROLES = frozenset(
    {"operator", "kepala", "perangkat", "aparat", "aparatur", "pendamping", "staf", "petugas", "sekretaris", "pegawai"}
)
"""Words before "desa" that say who asks ("operator desa di Lingga"), not which desa is asked about."""


def _level_asked(words: list[str]) -> str:
    """The level below the kab/kota the question names a place of ("desa kampung tengah di Bintan"), "" if none."""
    for i, w in enumerate(words):
        if w in LEVEL_WORDS and (i == 0 or words[i - 1] not in OFFICE_ROLES):
            return w
    return ""


def _level_name(word: str) -> str:
    names = {
        "kecamatan": _("kecamatan"),
        "district": _("kecamatan"),
        "desa": _("desa/kelurahan"),
        "village": _("desa/kelurahan"),
        "kelurahan": _("desa/kelurahan"),
        "dusun": _("dusun"),
        "kampung": _("kampung/desa"),
        "rt": _("RT/RW"),
        "rw": _("RT/RW"),
    }
    return names.get(word, word)


SAME_NAME_RATIO = 80.0
"""A place typed this close to its own name ("Sekupangg") is that name misspelt, not another name for it."""


class FigureAnswers(AnswerBase):
    """Answers that state the figures asked for."""

    def subject_of(self, u: Understanding) -> tuple[list[str] | None, str]:
        """The programs a ranking, share or sum is about, and how to name them."""
        f = self.facts
        if u.group:
            return list(f.groups[u.group].members), self.gname(u.group)
        if u.programs:
            return u.programs, ", ".join(self.pname(f.programs[p], short=True) for p in u.programs)
        return None, _("semua program")

    def left_out_line(self, u: Understanding) -> str:
        """ "Tidak termasuk: Kota Batam." — the kab/kota a sum, average or ranking leaves out, as asked."""
        f = self.facts
        names = [f.regions[c].name for c in u.excluded if c in f.regions]
        if u.only_kind:
            names += [k.name for k in f.kabkota if k.kind.lower() != u.only_kind and k.name not in names]
        names += [self.pname(f.programs[c], short=True) for c in u.excluded_programs if c in f.programs]
        return _("Tidak termasuk: {regions}.").format(regions=esc(self.some_names(names)))

    def figures(self, u: Understanding) -> Reply:
        # Per question, the latest year that has the asked figure; why that year (and what it lacks) comes first.
        if u.regions and u.regions[0].sub_code:
            own = self.sub_region_figures(u.regions[0].sub_code, u)
            if own is not None:
                return own
        region = u.regions[0].code if u.regions else None
        program = u.programs[0] if len(u.programs) == 1 and not u.group else None
        year = u.year if u.year is not None else (self.facts.year_for(region, program) or self._year(None))
        reply = self._figures(u, year)
        note = self.year_note(u.year, year, region, program) if self.facts.years else ""
        if note:
            reply.html = note + "\n\n" + reply.html
        return reply

    def _figures(self, u: Understanding, year: int) -> Reply:
        if u.regions:
            place = u.regions[0]
            kab = self.facts.regions[place.code]
            claimed = only_places_claimed(u)
            only_here = claimed[0] if claimed else ""
            # "sy di natuna, kata org bantuan cuma utk batam": the asker's own place, named beside the claim
            also = list(dict.fromkeys(r.code for r in u.regions if not r.sub_code and r.code not in claimed))
            if only_here and (u.group or len(u.programs) == 1):
                programs = u.programs or list(self.facts.groups[u.group or ""].members)
                return self.only_place(only_here, programs, year, claimed=claimed, also=also)
            if only_here and not (u.group or u.programs) and _aid_said(u.words):
                # "katanya bantuan dinsos 2022 cuma buat batam aja ya"
                return self.only_place_all(only_here, year, claimed=claimed, also=also)
            if u.group:
                reply = self.group_figures(u.group, year, kab)
            elif u.programs:
                reply = self.program_region(kab, u.programs, year)
                if len(u.programs) == 1 and _only_of_program(u.words):
                    reply.html = self._only_program(kab, u.programs[0], year) + "\n" + reply.html
            else:
                reply = self.region_figures(kab, year)
            if place.sub_code and place.also:
                said = u.text.lower()
                subs = sorted([(place.sub_code, place.text), *place.also], key=lambda s: said.find(s[1].split()[0]))
                reply.html = self.sub_regions_note(subs, kab) + "\n\n" + reply.html
            elif place.sub_code:
                reply.html = self.sub_region_note(place.sub_code, kab, place.text) + "\n\n" + reply.html
            elif level := _level_asked(u.words):
                # "desa kampung tengah di Bintan": a desa not found, the kab/kota's figures are not its own
                reply.html = (
                    _(
                        "📍 Data tersedia per kab/kota, tidak per {level}: berikut angka {kab} seluruhnya, bukan angka "
                        "{level} yang Anda sebut."
                    ).format(level=esc(_level_name(level)), kab=esc(kab.name))
                    + "\n\n"
                    + reply.html
                )
            return reply
        if u.group:
            return self.group_figures(u.group, year, None)
        if u.programs:
            if len(u.programs) == 1:
                return self.program_figures(self.facts.programs[u.programs[0]], year)
            return self.programs_compare(u.programs, year)
        return self.province_summary(year)

    def only_place(
        self,
        code: str,
        programs: list[str],
        year: int,
        *,
        claimed: Sequence[str] = (),
        also: Sequence[str] = (),
    ) -> Reply:
        """ "katanya UEP cuma untuk Batam?": whether the source lists that kab/kota alone (or the ones ``claimed``
        together) under the program(s) — the other kab/kota with a figure are named, then the figures of each program
        per kab/kota. ``also``: other kab/kota the message names (the asker's own), whose figure is said first."""
        f = self.facts
        codes = list(claimed) or [code]
        place = self._names_joined([f.regions[c].name for c in codes])
        lines = []
        for pcode in programs:
            p = f.programs[pcode]
            listed = [k for k in f.kabkota if f.cell(year, pcode, k.code)]
            others = sorted(
                (k for k in listed if k.code not in codes), key=lambda k: -(f.cell(year, pcode, k.code) or 0)
            )
            if not listed:  # KUBE: reported for the whole province only
                lines.append(
                    _(
                        "{program} hanya dilaporkan untuk seluruh provinsi tanpa rincian per kab/kota (tahun {year}), "
                        "jadi data ini tidak menunjukkan bahwa hanya {place} yang menerimanya."
                    ).format(program=bold(self.pname(p, short=True)), year=year, place=esc(place))
                )
            elif others:
                lines.append(
                    _("Tidak: {program} tidak hanya untuk {place}; tahun {year} juga tercatat di {others}.").format(
                        program=bold(self.pname(p, short=True)),
                        place=esc(place),
                        year=year,
                        others=esc(", ".join(f"{k.name} ({self.kk(f.cell(year, pcode, k.code))})" for k in others)),
                    )
                )
            else:
                lines.append(
                    _("Ya: untuk {program} tahun {year}, sumber hanya mencantumkan {place}.").format(
                        program=bold(self.pname(p, short=True)), year=year, place=esc(place)
                    )
                )
        lines += [line for c in also for line in self._also_line(c, programs, year)]
        figures = self.program_figures(f.programs[programs[0]], year) if len(programs) == 1 else None
        if figures is not None:
            figures.html = "\n".join(lines) + "\n\n" + figures.html
            return figures
        lines.append(self.source_line(year))
        return Reply("\n".join(lines), intent=Intent.FIGURES)

    def only_place_all(self, code: str, year: int, *, claimed: Sequence[str] = (), also: Sequence[str] = ()) -> Reply:
        """ "katanya bantuan dinsos kepri cuma buat Batam aja?": whether the aid of every program went to that kab/kota
        alone (or to the ones ``claimed`` together) — every kab/kota with a figure, largest first; ``also``: other
        kab/kota the message names (the asker's own: "sy di natuna, …"), whose figure is said first."""
        f = self.facts
        codes = list(claimed) or [code]
        place = self._names_joined([f.regions[c].name for c in codes])
        ranked = self.ranked(year, None)
        own = f.region_total(year, code) if len(codes) == 1 else None
        others = [(k, v) for k, v in ranked if k.code not in codes]
        if not others:
            head = _("Ya: tahun {year}, sumber hanya mencantumkan angka bantuan untuk {place}.").format(
                year=year, place=esc(place)
            )
        else:
            head = _(
                "Tidak: bantuan Dinas Sosial {province} tahun {year} tidak hanya untuk {place}; {n} kab/kota tercatat "
                "menerima bantuan."
            ).format(province=esc(self.provinces_name()), year=year, place=esc(place), n=len(ranked))
            if own is not None and ranked and ranked[0][0].code == code:
                head += " " + _("{place} memang yang terbanyak ({value}).").format(
                    place=esc(place), value=esc(self.kk(own))
                )
        lines = [head, *(line for c in also for line in self._also_line(c, None, year))]
        lines += ["• " + esc(k.name) + ": " + esc(self.kk(v)) for k, v in ranked]
        lines.append(self.source_line(year))
        return Reply("\n".join(lines), intent=Intent.FIGURES)

    @staticmethod
    def _names_joined(names: list[str]) -> str:
        """ "Kota Batam", "Kota Tanjung Pinang dan Kota Batam", "A, B dan C"."""
        if len(names) <= 1:
            return "".join(names)
        return _("{names} dan {last}").format(names=", ".join(names[:-1]), last=names[-1])

    def _also_line(self, code: str, programs: list[str] | None, year: int) -> list[str]:
        """ "Kabupaten Natuna, yang Anda sebut, tercatat menerima 2.169 KK (tahun 2022).": the figure of a kab/kota
        named beside a claim that aid went only elsewhere; nothing when the source gives it none."""
        value = self.facts.region_total(year, code, programs)
        if not value:
            return []
        return [
            _("{place}, yang Anda sebut, tercatat menerima {value} (tahun {year}).").format(
                place=esc(self.facts.regions[code].name), value=bold(self.kk(value)), year=year
            )
        ]

    def _only_program(self, kab: RegionInfo, code: str, year: int) -> str:
        """ "jadi Anambas cuma dapat PMKS aja?": whether the source lists the kab/kota under that program alone."""
        f = self.facts
        others = [p for p in f.program_list if p.code != code and f.cell(year, p.code, kab.code)]
        if not f.cell(year, code, kab.code):
            return ""
        if others:
            return _("Tidak: {place} juga tercatat menerima {others} (tahun {year}).").format(
                place=esc(kab.name),
                others=esc(", ".join(self.pname(p, short=True) for p in others)),
                year=year,
            )
        return _(
            "Ya: untuk {place}, sumber hanya mencantumkan angka {program} (tahun {year}); program lain tidak "
            "tercantum untuk wilayah ini (KUBE hanya dilaporkan untuk seluruh provinsi)."
        ).format(place=esc(kab.name), program=esc(self.pname(f.programs[code], short=True)), year=year)

    def sub_region_figures(self, code: str, u: Understanding) -> Reply | None:
        """A kecamatan's or desa's own figures (a kecamatan without its own: the sum of its desa), read from the
        store; None when the store has none for the asked year and programs (the kab/kota answers instead)."""
        f = self.facts
        sub = f.regions.get(code)
        kab = f.kabkota_of(code)
        if self.reader is None or sub is None or kab is None:
            return None
        stored = self.reader.region(code, u.year)
        year = stored.chosen
        if year is None or not stored.years:
            return None  # no figure of its own in any year: its kab/kota answers, with the note
        if year not in stored.years:  # the region has figures of its own, only not for the year asked
            text = _("{region} tidak punya angka tahun {year}. Angka {region} tersedia untuk tahun {years}.").format(
                region=self.sub_region_name(sub, kab),
                year=year,
                years=esc(", ".join(str(y) for y in stored.years)),
            )
            choices = [
                Choice(
                    _("Angka bansos {region}").format(region=kab.short),
                    Action(Kind.REGION, region=kab.code, year=year).encode(),
                )
            ]
            return Reply(text, choices=choices, intent=Intent.YEAR_MISSING, details={"region": code, "year": year})
        programs = list(f.groups[u.group].members) if u.group else (u.programs or [p.code for p in f.program_list])
        found = stored.figures
        asked = [p for p in programs if p in f.programs]
        if not any(p in found for p in asked):
            return None
        where = self.sub_region_name(sub, kab)
        values = [found[p].households for p in asked if p in found]
        lines = []
        if len(asked) == 1:
            p = f.programs[asked[0]]
            lines.append(
                _("{program} di {region}, tahun {year}: {value}{share}").format(
                    program=bold(self.pfull(p)), region=where, year=year, value=bold(self.kk(values[0])), share=""
                )
            )
        else:
            header = (
                _("{group} di {region}, tahun {year}: {total}").format(
                    group=bold(esc(self.gname(u.group))), region=where, year=year, total=bold(self.kk(sum(values)))
                )
                if u.group
                else _("{region}, tahun {year}: {total} penerima bantuan Dinsos.").format(
                    region=bold(where), year=year, total=bold(self.kk(sum(values)))
                )
            )
            lines.append(header)
            for c in asked:
                value = found[c].households if c in found else None
                lines.append(f"• {esc(self.pname(f.programs[c], short=True))}: {self.kk(value)}")
        summed = max((found[p].summed_from for p in asked if p in found), default=0)
        if summed:
            lines.append(
                _("ℹ️ Angka {region} adalah jumlah angka {n} desa/kelurahan di dalamnya.").format(
                    region=esc(sub.name), n=fmt_int(summed)
                )
            )
        keys = [k for p in asked if p in found for k in found[p].sources]
        lines.append(self.source_line(year, asked, keys))
        choices = [
            Choice(
                _("Angka bansos {region}").format(region=kab.short),
                Action(Kind.REGION, region=kab.code, year=year).encode(),
            )
        ]
        intent = Intent.PROGRAM_REGION if u.programs or u.group else Intent.REGION
        details = {"region": code, "year": year, "level": sub.level}
        return Reply("\n".join(lines), choices=choices, intent=intent, details=details)

    def sub_region_name(self, sub: RegionInfo, kab: RegionInfo) -> str:
        """ "Desa Air Putih (Kecamatan Midai, Kabupaten Natuna)" (HTML)."""
        kinds = {"kecamatan": _("Kecamatan"), "kelurahan": _("Kelurahan"), "desa": _("Desa")}
        parents = []
        parent = self.facts.regions.get(sub.parent_code or "")
        while parent is not None and parent.level >= 2:
            parents.append(
                f"{kinds.get(parent.kind, parent.kind.title())} {parent.name}" if parent.level > 2 else parent.name
            )
            parent = self.facts.regions.get(parent.parent_code or "")
        name = f"{kinds.get(sub.kind, sub.kind.title())} {sub.name}"
        return esc(f"{name} ({', '.join(parents)})")

    def _typed_as_named(self, sub: RegionInfo, asked: str) -> bool:
        """A kecamatan or desa typed by its own name, misspelt at most ("Sei Jang" is "sungai jang"), not a town in it
        named otherwise ("Tanjung Uban" of Bintan Utara)."""
        lexicon = self.understander.lexicon
        own = {compress(n.lower().split()) for n in (sub.name, sub.short)}
        own |= {compress(canonical_words(n, lexicon)) for n in (sub.name, sub.short)}
        typed = compress(asked.split())
        return typed in own or max(fuzz.ratio(typed, n) for n in own) >= SAME_NAME_RATIO

    def sub_region_note(self, sub_code: str, kab: RegionInfo, asked: str = "") -> str:
        """Whose figures answer a kecamatan or desa; a town asked by another name ("Tanjung Uban", in Kecamatan
        Bintan Utara) is named as typed, with the region it lies in."""
        sub = self.facts.regions[sub_code]
        kinds = {"kecamatan": _("kecamatan"), "kelurahan": _("kelurahan"), "desa": _("desa")}
        if asked and not self._typed_as_named(sub, asked):
            return _(
                "📍 {asked} ada di {place}, {kab}. Data tersedia per kab/kota, tidak per kota kecil atau kecamatan, "
                "jadi berikut angka {kab} (bukan angka {asked} saja)."
            ).format(asked=esc(asked.title()), place=self.sub_region_name(sub, kab).split(" (")[0], kab=esc(kab.name))
        return _("📍 {place} ({kind}) termasuk {kab}. Data tersedia per kab/kota, jadi berikut angka {kab}.").format(
            place=esc(sub.name), kind=esc(kinds.get(sub.kind, sub.kind)), kab=esc(kab.name)
        )

    def sub_regions_note(self, subs: list[tuple[str, str]], kab: RegionInfo) -> str:
        """ "Batu Aji sama Sekupang": several kecamatan or desa of one kab/kota, each named (a town typed by another
        name with the region it lies in: "Kijang (Kecamatan Bintan Timur)"), its figures given once."""
        kinds = {"kecamatan": _("Kecamatan"), "kelurahan": _("Kelurahan"), "desa": _("Desa")}
        names = []
        for code, typed in subs:
            sub = self.facts.regions[code]
            name = f"{kinds.get(sub.kind, sub.kind.title())} {sub.name}"
            names.append(name if self._typed_as_named(sub, typed) else f"{typed.title()} ({name})")
        return _(
            "📍 {places} termasuk {kab}. Data tersedia per kab/kota, tidak per kecamatan atau desa, jadi berikut angka "
            "{kab} seluruhnya, sekali untuk semuanya (bukan angka masing-masing)."
        ).format(places=esc(self._and_list(names)), kab=esc(kab.name))

    def summed_note(self, kab: RegionInfo, year: int, programs: list[str] | None = None) -> str:
        """Which of the kab/kota's figures are sums of its kecamatan and desa rows, not a figure of its own."""
        f = self.facts
        codes = [p.code for p in f.program_list if (programs is None or p.code in programs)]
        summed = [c for c in codes if (year, c, kab.code) in f.rolled]
        if len(summed) == len([c for c in codes if f.cell(year, c, kab.code) is not None]):
            return _(
                "ℹ️ Angka {region} di sini adalah jumlah angka per kecamatan/desa di dalamnya; sumber tidak menyebut "
                "angka kab/kota tersendiri."
            ).format(region=esc(kab.name))
        return _(
            "ℹ️ Angka {programs} untuk {region} adalah jumlah angka per kecamatan/desa di dalamnya; sumber tidak "
            "menyebut angka kab/kota tersendiri."
        ).format(programs=esc(", ".join(self.pname(f.programs[c], short=True) for c in summed)), region=esc(kab.name))

    def region_figures(self, kab: RegionInfo, year: int | None) -> Reply:
        f = self.facts
        year = self._year(year)
        total = f.region_total(year, kab.code)
        lines = [
            _("{region}, tahun {year}: {total} penerima bantuan Dinsos.").format(
                region=bold(kab.name), year=year, total=bold(self.kk(total))
            )
        ]
        # A province of a scope of several: every program it has a figure for (its kab/kota added up)
        programs = (
            self.region_programs(year)
            if kab.level != 1
            else [p for p in f.program_list if f.cell(year, p.code, kab.code) is not None]
        )
        for p in programs:
            lines.append(f"• {esc(self.pname(p, short=True))}: {self.kk(f.cell(year, p.code, kab.code))}")
        note = self.unallocated_note(year, kab.code)
        if note:
            lines.append(note)
        if f.summed(year, kab.code):
            lines.append(self.summed_note(kab, year))
        lines.append(self.source_line(year))
        choices = [
            Choice(
                self.pname(p, short=True),
                Action(Kind.PROGRAM_REGION, program=p.code, region=kab.code, year=year).encode(),
            )
            for p in programs
        ]
        return Reply("\n".join(lines), choices=choices, intent=Intent.REGION)

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
                if total and not f.gap(year, program=code):  # no share of a partial year's total
                    of_total = _("{pct} dari {total} se-{province}").format(
                        pct=fmt_pct(value / total), total=self.kk(total), province=esc(self.provinces_name())
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
                        province=esc(self.provinces_name()),
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
        if f.summed(year, kab.code, programs):
            lines.append(self.summed_note(kab, year, programs))
        lines.append(self.source_line(year, programs))
        choices = [
            Choice(
                _("Semua program di {region}").format(region=kab.short),
                Action(Kind.REGION, region=kab.code, year=year).encode(),
            )
        ]
        return Reply("\n".join(lines), choices=choices, intent=Intent.PROGRAM_REGION)

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
        for k, v in present[:PAGE_SIZE]:
            lines.append(f"• {esc(k.name)}: {self.kk(v)}")
        if len(present) > PAGE_SIZE:  # a scope of many provinces: the largest, and the rest one button away
            lines.append(_("… dan {n} kab/kota lainnya.").format(n=len(present) - PAGE_SIZE))
        missing = [k for k, v in rows if v is None]
        unalloc = f.unallocated.get((year, p.code))
        if unalloc is not None:
            lines.append(
                _("• Untuk seluruh {n} kab/kota se-{province}, tanpa rincian per kab/kota: {value}").format(
                    n=fmt_int(len(f.kabkota)), province=esc(self.provinces_name()), value=self.kk(unalloc)
                )
            )
        if missing and present:
            lines.append(
                _("Tidak ada data untuk: {regions}.").format(regions=esc(self.some_names([k.name for k in missing])))
            )
        if p.group_code and p.group_code in f.groups:
            lines.append(_("Bagian dari {group}.").format(group=esc(self.gname(p.group_code))))
        lines.append(self.source_line(year, [p.code]))
        choices = [
            Choice(
                f"{k.short}: {fmt_int(v)}",
                Action(Kind.PROGRAM_REGION, program=p.code, region=k.code, year=year).encode(),
            )
            for k, v in present[:PAGE_SIZE]
        ]
        if len(present) > PAGE_SIZE:
            more = Action(Kind.RANKING, program=p.code, year=year, page=2)
            choices.append(Choice(_("Lainnya ›"), more.encode()))
        choices.append(
            Choice(
                _("Tentang {program}").format(program=self.pname(p, short=True)),
                Action(Kind.INFO, program=p.code).encode(),
            )
        )
        return Reply(
            "\n".join(lines),
            choices=choices,
            chart=ChartRequest(year, p.code) if present else None,
            intent=Intent.PROGRAM,
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
            note = self.unallocated_note(year, kab.code)
            if note:
                lines.append(note)
        lines.append(self.source_line(year, [m.code for m in members]))
        choices = [
            Choice(self.pname(m, short=True), Action(Kind.PROGRAM, program=m.code, year=year).encode()) for m in members
        ]
        return Reply("\n".join(lines), choices=choices, intent=Intent.GROUP)

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
        return Reply("\n".join(lines), intent=Intent.COMPARE_PROGRAMS)

    def province_summary(self, year: int | None) -> Reply:
        f = self.facts
        year = self._year(year)
        total = f.province_total(year)
        lines = [
            _("Total penerima bantuan Dinsos {province} tahun {year}: {total}").format(
                province=esc(self.provinces_name()), year=year, total=bold(self.kk(total))
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
        ranked = self.ranked(year, None)
        if ranked:
            top, value = ranked[0]
            lines.append(_("Terbanyak: {region} ({value}).").format(region=esc(top.name), value=self.kk(value)))
        lines.append(self.source_line(year))
        choices = [
            Choice(k.short, Action(Kind.REGION, region=k.code, year=year).encode()) for k, _v in ranked[:PAGE_SIZE]
        ]
        if len(ranked) > PAGE_SIZE:
            choices.append(Choice(_("Lainnya ›"), Action(Kind.RANKING, year=year, page=2).encode()))
        return Reply(
            "\n".join(lines), choices=choices, chart=ChartRequest(year) if ranked else None, intent=Intent.PROVINCE
        )
