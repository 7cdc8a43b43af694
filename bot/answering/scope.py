"""Answers that keep the bot honest about what it holds: national programs it does not hold, topics it does not
cover, breakdowns it does not have, questions about the data itself, and asking back when unsure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.answering.actions import MAX_BYTES, Action, Kind
from bot.answering.arithmetic import fmt_ratio
from bot.answering.base import CALL_CENTRE, CEK_BANSOS, AnswerBase
from bot.answering.reply import Choice, Reply, bold, esc
from bot.figures.facts import RegionInfo
from bot.text.i18n import _, current_language, fmt_date
from bot.text.normalise import clean, tokens
from bot.understanding.intents import APPLY_WORDS, NUMBER_WORDS, SHARE_WORDS, Intent, Understanding
from bot.understanding.lexicon import canonical_words
from bot.understanding.understander import ATTACHMENT_NOTE

_EXACT = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?![\d.,]?\d)|(?<![\d.,])\d{4,}(?![\d.,]?\d)")
"""A figure as written in full ("46.686", "46,686", "46686")."""
_QUOTED = re.compile(r"(\d[\d.,]*)\s*(ribu|rb|rbu|k)?\b")


HOW_WORDS = frozenset({"cara", "bagaimana", "gimana", "how", "caranya"})
"""Words asking how something is done ("bagaimana cara saya mengusulkan")."""


def quotes_total(text: str, total: int) -> bool:
    """ "apakah 58 ribu itu dari Kemensos?", "PKH termasuk di 58.849 KK?": the message quotes the province's total."""
    for digits, thousand in _QUOTED.findall(text.lower()):
        plain = digits.replace(".", "").replace(",", "")
        if not plain.isdigit():
            continue
        value = int(plain) * (1000 if thousand else 1)
        if value == total or (thousand and value == total // 1000 * 1000):
            return True
    return False


def _role(person: str, province: str) -> str:
    """The role in "Name, Role of Place (what the source shows)", without the province's name: "Gubernur"."""
    role = person.split(",", 1)[-1].split("(", 1)[0]
    return role.replace(province, "").replace("Provinsi", "")


OFFICE_SAID = frozenset({"dinsos", "dinas"})
"""The data's own office named beside another body ("dari dinsos atau bps?")."""
DIRECT_WORDS = frozenset({"dari", "langsung", "from", "directly"})
DATA_NOUNS = frozenset({"data", "angka", "figures", "numbers"})
"""The data said to come from the office itself ("datanya dari dinsos langsung?"): its figures, but quoted from a
published source, not taken from the office's own system."""


class ScopeAnswers(AnswerBase):
    """What the bot does not hold, and what it is not sure of."""

    def _dinsos_programs(self) -> str:
        return ", ".join(self.pname(p, short=True) for p in self.facts.program_list)

    def _quoted_parts(self, text: str, year: int) -> list[tuple[int, str]]:
        """A program's or a kab/kota's figure quoted exactly as written ("46.686", "22465"): (the figure, what it
        counts). Only figures of four digits or more, each at most once."""
        f = self.facts
        quoted = {int(n.replace(".", "").replace(",", "")) for n in _EXACT.findall(text)}
        if not quoted:
            return []
        parts = [(f.program_total(year, p.code), self.pname(p)) for p in f.program_list]
        parts += [(f.region_total(year, k.code), _("semua program di {kab}").format(kab=k.name)) for k in f.kabkota]
        found = [(v, what) for v, what in parts if v is not None and v in quoted]
        return found if len({v for v, _w in found}) == len(found) else []

    def national(self, u: Understanding) -> Reply:
        lex = self.understander.lexicon
        by_code = {n.code: n for n in lex.national}
        lines = []
        for code in u.national[:3]:
            n = by_code[code]
            texts = n.texts.get(current_language()) or n.texts.get("id", {})
            lines.append(
                _("{name} adalah {what}; dijalankan oleh {who}.").format(
                    name=bold(n.name), what=esc(texts.get("what", "")), who=esc(texts.get("who", ""))
                )
            )
        names = ", ".join(by_code[c].name for c in u.national[:3])
        ours = [self.pname(self.facts.programs[c], short=True) for c in u.programs if c in self.facts.programs]
        ours += [self.gname(u.group)] if u.group else []
        if u.asks_same and ours:
            # "bansos sembako sama bskk sama gak": not the same program — theirs national, ours the province's
            lines.insert(
                0,
                _(
                    "Bukan program yang sama: {names} adalah program nasional, sedangkan {ours} adalah program Dinas "
                    "Sosial Provinsi {province}."
                ).format(names=bold(names), ours=bold(", ".join(ours)), province=esc(self.provinces_name())),
            )
        year = self._year(u.year)
        total = self.facts.province_total(year)
        quoted = total is not None and quotes_total(u.text, total)
        if quoted:  # "58 ribu itu dari Kemensos?": what our own figure is comes first, the national program apart
            lines.insert(
                0,
                _(
                    "{total} (tahun {year}) adalah penerima program Dinas Sosial Provinsi {province} ({programs}). "
                    "{names} tidak termasuk di dalam angka itu: program itu terpisah dan tidak dicatat di sini."
                ).format(
                    total=bold(self.kk(total)),
                    year=year,
                    province=esc(self.provinces_name()),
                    programs=esc(self._dinsos_programs()),
                    names=esc(names),
                ),
            )
        for value, what in [] if quoted else self._quoted_parts(u.text, year):
            # "Apakah 46.686 itu termasuk penerima PKH?", "BLT 46.686 KK itu kapan cair?": our PMKS figure, not theirs
            lines.insert(
                0,
                _(
                    "{value} (tahun {year}) adalah penerima {what} dari Dinas Sosial Provinsi {province}. {names} "
                    "tidak termasuk di dalam angka itu: program itu terpisah dan tidak dicatat di sini."
                ).format(
                    value=bold(self.kk(value)),
                    year=year,
                    what=esc(what),
                    province=esc(self.provinces_name()),
                    names=esc(names),
                ),
            )
        lines.append(
            _(
                "Tanya Bansos tidak memegang angka {names}. Bot ini hanya memegang angka program Dinas Sosial "
                "Provinsi {province}: {programs}."
            ).format(names=esc(names), province=esc(self.provinces_name()), programs=esc(self._dinsos_programs()))
        )
        if _asks_ours_too(u):
            # "[foto] kartu KKS sy, bisa dpt bantuan dinsos": the national program's card is no entry to the
            # province's programs, which are applied for where the asker lives
            lines.append(
                _(
                    "Terdaftar di {names} tidak otomatis berarti menerima program Dinas Sosial Provinsi {province}. "
                    "Program Dinsos Provinsi ({programs}) diajukan lewat kantor desa/kelurahan, lalu diverifikasi "
                    "dan diusulkan Dinas Sosial kab/kota Anda."
                ).format(names=esc(names), province=esc(self.provinces_name()), programs=esc(self._dinsos_programs()))
            )
        lines.append(
            _(
                "Untuk mengecek penerima program nasional: {site}, Call Center Kemensos {phone}, atau kantor "
                "desa/kelurahan dan Dinas Sosial kab/kota Anda."
            ).format(site=bold(CEK_BANSOS), phone=bold(CALL_CENTRE))
        )
        if quoted:
            lines.append(self.source_line(year))
        return Reply(
            "\n\n".join(lines),
            choices=[
                Choice(
                    _("Program Dinsos {province}").format(province=self.provinces_name()),
                    Action(Kind.LIST_PROGRAMS).encode(),
                )
            ],
            understood=False,  # asked, but not held here: staff see it among the unanswered questions
            intent=Intent.NATIONAL,
        )

    def out_of_scope(self, u: Understanding) -> Reply:
        topic = next((t for t in self.understander.lexicon.topics if t.code == u.topic), None)
        where = (topic.where.get(current_language()) or topic.where.get("id", "")) if topic else ""
        # a scam warning, how to report, the disbursement schedule: the text is the answer; so is a local aside asked on
        # its own ("kata RT kuota penuh, benar?"), said beside the answer in a story asking for aid
        if topic and (topic.answered or (topic.aside and topic.local)):
            office = self._local_office(u) if topic.local or topic.of_named else ""
            notes = [self._year_not_held(u)] if topic.of_named else []  # "uep 2024 tanjungpinang udah cair belum"
            text = "\n\n".join([esc(where), *(n for n in notes if n), *([office] if office else [])])
            return Reply(text, intent=Intent.INFO)
        text = _(
            "Maaf, Tanya Bansos hanya memegang angka penerima bantuan Dinas Sosial Provinsi {province}, jadi tidak "
            "bisa menjawab soal itu."
        ).format(province=esc(self.provinces_name()))
        officials = {o.name: o for o in self.understander.lexicon.officials}
        unsourced = [n for n in u.roles_said if officials[n].source not in self.facts.sources]
        if topic and topic.named and unsourced:  # "siapa wagub kepri": an office no source names, data/officials.json
            text = (
                "\n".join(self.official_lines(unsourced))
                + "\n"
                + _(
                    "Tanya Bansos tidak memegang daftar pejabat lain, dan jabatan bisa sudah berganti sejak sumber itu "
                    "terbit."
                )
            )
        elif topic and topic.named and (named := self._named_in_sources(u.words)):
            text = (
                "\n".join(named)
                + "\n"
                + _(
                    "Tanya Bansos tidak memegang daftar pejabat lain, dan jabatan bisa sudah berganti sejak sumber itu "
                    "terbit."
                )
            )
        if where:
            text += "\n" + esc(where)
        return Reply(text, choices=self._figures_choice(u), understood=False, intent=Intent.OUT_OF_SCOPE)

    def _year_not_held(self, u: Understanding) -> str:
        """ "uep 2024 … udah cair belum": the year asked is not in the data (its latest year is named), or ""."""
        latest = self.facts.latest_year
        if u.year is None or latest is None or u.year in self.facts.years:
            return ""
        return "ℹ️ " + _(
            "Data tahun {asked} tidak ada; data terbaru yang dipegang Tanya Bansos adalah tahun {year}."
        ).format(asked=u.year, year=latest)

    def _local_office(self, u: Understanding) -> str:
        """ "[lokasi: Batu Aji, Batam] dinsos terdekat dmn", "surat dari dinsos bintan, asli gak": the Dinas Sosial of
        the kab/kota of the one place named or shared, and the desa/kelurahan there (no address is held)."""
        f = self.facts
        kabs = {r.code for r in u.regions}
        if not kabs and u.outside:  # "[lokasi: Pekanbaru, Riau] dinsos terdekat": the first place named is outside
            return "📍 " + _(
                "{place} berada di luar {coverage}: hubungi Dinas Sosial kab/kota setempat atau kantor desa/kelurahan "
                "di sana."
            ).format(place=esc(u.outside[0]), coverage=esc(self.coverage()))
        if len(kabs) != 1 or u.regions[0].code not in f.regions or f.regions[u.regions[0].code].level != 2:
            return ""
        kab = f.regions[u.regions[0].code]
        sub = next((r.sub_code for r in u.regions if r.sub_code in f.regions), None)
        if sub is not None:
            return "📍 " + _(
                "{place} termasuk {kab}: hubungi Dinas Sosial {kab} atau kantor desa/kelurahan setempat."
            ).format(place=esc(f.regions[sub].name), kab=esc(kab.name))
        return "📍 " + _("Untuk {kab}: hubungi Dinas Sosial {kab} atau kantor desa/kelurahan setempat.").format(
            kab=esc(kab.name)
        )

    def official_lines(self, names: Sequence[str]) -> list[str]:
        """Each official named (data/officials.json) with their office, the year it is known held and where from."""
        officials = {o.name: o for o in self.understander.lexicon.officials}
        english = current_language() == "en"
        lines = []
        for name in names:
            o = officials[name]
            source = self.facts.sources.get(o.source)
            lines.append(
                _("{name}: {role} (tahun {period}; sumber: {where}).").format(
                    name=bold(name),
                    role=esc(o.role_en if english else o.role),
                    period=esc(o.period),
                    where=esc(source.publisher if source else o.source_text),
                )
            )
        return lines

    def _named_in_sources(self, words: Sequence[str]) -> list[str]:
        """The people the sources name with their role ("siapa gubernur Kepri?"), each with the source and year: the
        ones whose role has a word of the question, or all of them (saying the source names only these) when none
        has."""
        asked = {w for w in words if len(w) >= 4}
        lines = []
        for s in self.facts.sources.values():
            people = ([s.official] if s.official else []) + list(s.named)
            matched = [p for p in people if asked & set(_role(p, self.facts.province.name).lower().split())]
            if not people:
                continue
            if matched:
                heading = _("Sumber data Tanya Bansos ({publisher}, laporan tahun {period}) menyebut:")
            else:
                heading = _("Sumber data Tanya Bansos ({publisher}, laporan tahun {period}) hanya menyebut:")
            lines.append(heading.format(publisher=esc(s.publisher), period=esc(s.period or "?")))
            lines += ["• " + esc(p) for p in matched or people]
        return lines

    def program_gaps(self, year: int, named: list[str], places: list[RegionInfo]) -> str:
        """For each program named (every program broken down by kab/kota when none is), with no figure for one of
        ``places``: the kab/kota the source lists it for, whether their figures add up to its total (then nothing of
        the total is missing; else the rest is reported for the province only) and the kab/kota not listed; a program
        reported for the province only is said so. The source says not why: said last. "" when none is missing."""
        f = self.facts
        lines = []
        some_unlisted = False
        for code in named or list(f.programs):
            cells = {k.code: f.cell(year, code, k.code) for k in f.kabkota}
            listed = [k for k in f.kabkota if cells[k.code] is not None]
            unlisted = [k for k in places if cells[k.code] is None]
            total = f.program_total(year, code)
            if not unlisted or total is None or (not listed and not named):
                continue
            name = self.pname(f.programs[code], short=True)
            if not listed:  # KUBE: the province only
                lines.append(
                    _(
                        "Sumber melaporkan {program} tahun {year} hanya untuk seluruh provinsi ({total}), tanpa "
                        "rincian per kab/kota."
                    ).format(program=esc(name), year=year, total=bold(self.kk(total)))
                )
                continue
            some_unlisted = True
            added = sum(cells[k.code] or 0 for k in listed)
            line = _(
                "Sumber mencantumkan {program} tahun {year} untuk {n} kab/kota ({places}): jumlahnya {sum}."
            ).format(
                program=esc(name),
                year=year,
                n=len(listed),
                places=esc(", ".join(k.short for k in listed)),
                sum=bold(self.kk(added)),
            )
            if added == total:
                line += " " + _(
                    "Itu sama dengan total {program} {total}, jadi tidak ada yang hilang dari total: sisanya 0 KK, "
                    "tidak ada bagian total yang tercatat untuk kab/kota lain."
                ).format(program=esc(name), total=self.kk(total))
            else:
                line += " " + _(
                    "Total {program} {total}; selisih {diff} dilaporkan untuk seluruh provinsi tanpa rincian per "
                    "kab/kota."
                ).format(program=esc(name), total=self.kk(total), diff=self.kk(total - added))
            line += " " + _("{places} tidak tercantum untuk {program}.").format(
                places=esc(self._and_list([k.name for k in unlisted])), program=esc(name)
            )
            lines.append(line)
        if not lines:
            return ""
        why = (
            _(
                "Sumbernya tidak menyebut alasannya, termasuk apakah di sana memang tidak ada penerima. Untuk "
                "penjelasannya, tanyakan ke Dinas Sosial Provinsi {province}."
            )
            if some_unlisted
            else _(
                "Sumbernya tidak menyebut alasannya. Untuk penjelasannya, tanyakan ke Dinas Sosial Provinsi {province}."
            )
        )
        lines.append(why.format(province=esc(self.provinces_name())))
        return "ℹ️ " + "\n".join(lines)

    def not_held(self, u: Understanding) -> Reply:
        if u.not_held == ["umbrella"]:
            return self._umbrella(u)
        labels = {
            "money": _("nilai rupiah atau anggaran"),
            "age": _("usia"),
            "sex": _("jenis kelamin"),
            "below_kabkota": _("per kecamatan atau desa/kelurahan"),
            "month": _("per bulan"),
            "names": _("nama penerima"),
            "frequency": _("frekuensi atau jadwal penyaluran"),
            "group": _("kelompok penerima (disabilitas, yatim, nelayan, dan lainnya)"),
            "group_size": _("jumlah anggota per kelompok usaha"),
            "forecast": _("proyeksi atau rencana tahun-tahun berikutnya"),
            "persons": _("jumlah jiwa atau orang (data hanya dalam KK)"),
            "non_recipients": _("keluarga yang belum atau tidak lagi menerima (dicoret, ditolak)"),
            "overlap": _("penerima yang mendapat lebih dari satu program"),
            "goods": _("jumlah atau jenis barang yang diberikan"),
        }
        asked = ", ".join(labels.get(a, a) for a in u.not_held)
        years = ", ".join(str(y) for y in self.facts.years)
        text = _(
            "Data Tanya Bansos hanya berisi jumlah KK penerima per program dan per kab/kota (tahun {years}); rincian "
            "{asked} tidak ada dalam data ini, jadi saya tidak bisa menjawabnya. Untuk rincian itu, hubungi Dinas "
            "Sosial Provinsi {province} atau Dinas Sosial kab/kota."
        ).format(years=esc(years), asked=esc(asked), province=esc(self.provinces_name()))
        if "overlap" in u.not_held:
            year = self._year(u.year)
            text += "\n" + _(
                "Sumbernya tidak menyebut apakah satu KK bisa menerima lebih dari satu program. Total {total} (tahun "
                "{year}) adalah jumlah penerima keempat program yang dijumlahkan; berapa KK yang berbeda tidak "
                "diketahui. Angkanya dihitung dalam KK (keluarga), bukan orang."
            ).format(total=esc(self.kk(self.facts.province_total(year))), year=year)
        if "names" in u.not_held:
            kab = self.facts.regions.get(u.regions[0].code) if len(u.regions) == 1 else None
            office = kab.name if kab is not None and kab.level == 2 else _("kab/kota yang bersangkutan")
            text += "\n" + _(
                "Data pribadi penerima (nama, alamat, NIK) tidak dibagikan lewat bot ini. Untuk keperluan resmi "
                "seperti survei atau penelitian, ajukan permohonan data secara tertulis ke Dinas Sosial {office}."
            ).format(office=esc(office))
            unbroken = self._no_breakdown(u.programs, kab) if kab is not None and kab.level == 2 else ""
            if unbroken:  # "siapa aja yg dapat kube di bintan": nor is KUBE counted per kab/kota
                text += "\n" + unbroken
            text += "\n" + self._status_line()
        proposing = self._how_to_propose(u)
        if proposing:
            text += "\n\n" + proposing
        division = self._yearly_divided(u) if u.not_held == ["month"] and "rata" in u.words else ""
        if division:
            text += "\n\n" + division
        return Reply(text, choices=self._figures_choice(u), understood=False, intent=Intent.NOT_HELD)

    def _no_breakdown(self, programs: list[str], kab: RegionInfo) -> str:
        """Of the program(s) asked, those the data holds for the whole province only (no count for the kab/kota)."""
        f = self.facts
        year = self._year(None)
        parts = [
            _(
                "{program} tahun {year} hanya dilaporkan untuk seluruh provinsi ({value}), tanpa rincian per "
                "kab/kota, jadi berapa KK di {place} tidak diketahui."
            ).format(
                program=esc(self.pname(f.programs[code], short=True)),
                year=year,
                value=esc(self.kk(f.program_total(year, code) or 0)),
                place=esc(kab.name),
            )
            for code in programs
            if not any(f.cell(year, code, k.code) for k in f.kabkota)
        ]
        return "\n".join(parts)

    def _how_to_propose(self, u: Understanding) -> str:
        """ "… berapa warga desa kami yang sudah dapat …, dan bagaimana cara saya mengusulkan warga yang belum dapat":
        besides the breakdown not held, what the data holds for the one kab/kota named (its total, with year and
        source) and how to propose families, through the desa/kelurahan and that kab/kota's Dinsos."""
        if APPLY_WORDS.isdisjoint(u.words) or HOW_WORDS.isdisjoint(u.words):
            return ""
        general = self.general.get(current_language()) or self.general.get("id", {})
        lines = []
        f = self.facts
        kab = f.regions.get(u.regions[0].code) if len(u.regions) == 1 else None
        year = self._year(None)
        total = f.region_total(year, kab.code) if kab is not None and kab.level == 2 else None
        if kab is not None and total is not None:
            lines.append(
                _(
                    "Yang ada: {kab} tahun {year} mencatat {total} penerima bantuan Dinsos (tanpa rincian per desa)."
                ).format(kab=esc(kab.name), year=year, total=esc(self.kk(total)))
                + "\n"
                + self.source_line(year)
            )
        if general.get("apply"):
            lines.append(bold(_("Cara mengusulkan")) + "\n" + esc(general["apply"]))
        if kab is not None and kab.level == 2:
            lines.append(
                "📍 "
                + _("Usulan warga {kab} lewat musyawarah desa/kelurahan, lalu Dinas Sosial {kab}.").format(
                    kab=esc(kab.name)
                )
            )
        return "\n\n".join(lines)

    def _umbrella(self, u: Understanding) -> Reply:
        """ "Program Rehabilitasi Sosial berapa KK?": the report names the programs the activities come under, but
        gives them no figure and does not say which activity is under which: said, with the figures there are."""
        years = ", ".join(str(y) for y in self.facts.years)
        parents = self.understander.lexicon.umbrella_parents
        year = self._year(u.year)
        total = self.facts.province_total(year) if self.facts.has_year(year) else None
        every = bool(parents) and set(parents) <= set(u.umbrellas)
        if every and total is not None and not NUMBER_WORDS.isdisjoint(u.words):
            # "Total KK yg dibantu lewat Program Perlindungan dan Jaminan Sosial + Program Rehabilitasi Sosial brp?":
            # together they are over every activity, so the province's total; each one's part is not given
            text = _(
                "{parents} bersama-sama membawahi semua kegiatan Dinas Sosial Provinsi {province} yang tercatat "
                "({programs}), jadi jumlahnya sama dengan total penerima: {total}, tahun {year}. Sumber tidak "
                "memberi angka untuk masing-masing program induk itu dan tidak merinci kegiatan mana masuk program "
                "mana."
            ).format(
                parents=esc(self._and_list(list(parents))),
                province=esc(self.provinces_name()),
                programs=esc(self._dinsos_programs()),
                total=bold(self.kk(total)),
                year=year,
            )
            return Reply(text + "\n" + self.source_line(year), choices=self._figures_choice(u), intent=Intent.PROVINCE)
        text = _(
            "Laporan sumber menyebut Program Perlindungan dan Jaminan Sosial dan Program Rehabilitasi Sosial sebagai "
            "program induk kegiatan Dinas Sosial Provinsi {province}, tetapi tidak memberi angka untuk masing-masing "
            "program induk itu dan tidak merinci kegiatan mana masuk program mana. Angka yang ada hanya per kegiatan "
            "(tahun {years}): {programs}."
        ).format(province=esc(self.provinces_name()), years=esc(years), programs=esc(self._dinsos_programs()))
        return Reply(text, choices=self._figures_choice(u), understood=False, intent=Intent.NOT_HELD)

    def _yearly_divided(self, u: Understanding) -> str:
        """ "rata2 per bulan se kepri di 2022": no monthly figures; the year's count divided by 12, said to be only a
        division (the KK count is of a year, not of each month)."""
        f = self.facts
        year = self._year(u.year)
        if not f.has_year(year) or len(u.regions) > 1:
            return ""
        programs = list(f.groups[u.group].members) if u.group else (u.programs or None)
        if u.regions:
            total = f.region_total(year, u.regions[0].code, programs)
        elif programs:
            values = [f.program_total(year, p) for p in programs]
            total = sum(v for v in values if v is not None) if all(v is not None for v in values) else None
        else:
            total = f.province_total(year)
        if not total:
            return ""
        return _(
            "Hitungan saja, bukan angka bulanan: {total} (penerima tahun {year}) dibagi 12 = {mean} KK. Data tidak "
            "mencatat berapa penerima tiap bulan."
        ).format(total=self.kk(total), year=year, mean=bold(fmt_ratio(round(total / 12))))

    def _status_line(self) -> str:
        return _("Cek status penerima pribadi di {site} atau hubungi Call Center Kemensos {phone}.").format(
            site=CEK_BANSOS, phone=CALL_CENTRE
        )

    def about_data(self, u: Understanding) -> Reply:
        f = self.facts
        lines: list[str] = []
        named = [y for y in (u.years or ([u.year] if u.year is not None else [])) if not f.has_year(y)]
        if named and f.years:
            # "data ini tahun 2023 kan": a year the data does not hold is corrected first, never echoed as the data's
            lines.append(
                _("Data ini bukan data tahun {named}; yang tersedia hanya data tahun {years}.").format(
                    named=esc(", ".join(str(y) for y in named)), years=esc(", ".join(str(y) for y in f.years))
                )
            )
        year = self._year(None if named else u.year)
        aspects = set(u.about) or {"source"}
        registries = [s for s in u.source_said if s in self.understander.lexicon.registry_sources]
        bodies = [s for s in u.source_said if s not in registries]
        if bodies:  # "data ini dari BPS kan?": the premise denied first, plainly
            text = (
                _("Angka di bot ini keterangan Dinas Sosial Provinsi {province}, bukan dari {bodies}.")
                if OFFICE_SAID.intersection(u.words)  # "dari dinsos atau bps?": which of the two
                else _(
                    "Bukan, angka di bot ini bukan dari {bodies}: angka ini keterangan Dinas Sosial Provinsi "
                    "{province}."
                )
            )
            lines.append(text.format(bodies=esc(_(" atau ").join(bodies)), province=esc(self.provinces_name())))
        if registries:  # "angka ini dari DTKS bukan?": whether recipients were drawn from it, the source never says
            lines.append(
                _(
                    "Sumber angka ini tidak menyebut {registries}: angka ini keterangan Dinas Sosial Provinsi "
                    "{province} yang dikutip dalam berita di bawah ini, dan berita itu tidak menyebut apakah "
                    "penerimanya diambil dari {registries}."
                ).format(registries=esc(_(" atau ").join(registries)), province=esc(self.provinces_name()))
            )
        if "complete" in aspects:  # "datanya lengkap gak sih": what the data holds, and where the source lists less
            lines.append(
                _(
                    "Data Tanya Bansos berisi jumlah KK penerima per program untuk {n} kab/kota Provinsi {province}, "
                    "tahun {years}, sesuai yang disebut sumbernya; tidak ada rincian per kecamatan/desa, per jiwa atau "
                    "per kelompok penerima."
                ).format(
                    n=len(f.kabkota),
                    province=esc(self.provinces_name()),
                    years=esc(", ".join(str(y) for y in f.years)),
                )
            )
            gaps = self.program_gaps(year, list(f.programs), list(f.kabkota))
            if gaps:
                lines.append(gaps)
        if "live" in aspects:  # "bot ini datanya real time gak?": a recap from one published source, never live
            lines.append(
                _(
                    "Bukan: angka Tanya Bansos bukan data real time dan tidak diperbarui langsung dari sistem Dinas "
                    "Sosial. Isinya rekap tahun {years} dari satu sumber yang sudah dipublikasikan (di bawah ini)."
                ).format(years=esc(", ".join(str(y) for y in f.years)))
            )
        direct = OFFICE_SAID.intersection(u.words) and DIRECT_WORDS.intersection(u.words)
        if "official" in aspects and direct and DATA_NOUNS.intersection(u.words) and not u.source_said:
            # "datanya dari dinsos langsung?": the office's figures, quoted from what it said, not taken from its system
            lines.append(
                _(
                    "Angka ini memang angka Dinas Sosial Provinsi {province} (data tahun {year}), tetapi bot ini "
                    "tidak mengambilnya langsung dari sistem Dinas Sosial: angka itu dikutip dari berita di bawah ini, "
                    "yang memuat keterangan pejabat Dinas Sosial."
                ).format(province=esc(self.provinces_name()), year=year)
            )
        if aspects & {
            "source",
            "official",
            "year",
            "update",
            "realised",
            "disputed",
            "live",
            "published",
            "date",
            "method",
            "funding",
        }:
            for s in f.sources_for(year) or list(f.sources.values()):
                line = _("Sumber angka: {publisher}, “{title}”").format(publisher=esc(s.publisher), title=esc(s.title))
                if s.official:
                    line += ", " + _("keterangan {official}").format(official=esc(s.official))
                if s.url:
                    line += f" ({esc(s.url)})"
                lines.append(line + ".")
        if "date" in aspects:  # "data per tanggal brp?": a year's recap, no cut-off date held; the report's date next
            lines.append(
                _(
                    "Tanya Bansos tidak memegang tanggal pasti (per tanggal berapa) angka itu dihitung: angkanya "
                    "adalah rekap seluruh tahun {year}."
                ).format(year=year)
            )
        if aspects & {"published", "date"}:  # "terbit tgl brp?": the date when held, else said plainly that it is not
            for s in f.sources_for(year) or list(f.sources.values()):
                lines.append(
                    _("Tanggal terbit berita itu: {date}.").format(date=esc(fmt_date(date.fromisoformat(s.published))))
                    if s.published
                    else _(
                        "Tanggal terbit berita itu tidak tercantum pada salinan yang dipegang Tanya Bansos, jadi "
                        "tidak bisa saya sebutkan; yang pasti, angkanya adalah laporan atas seluruh tahun {period}."
                    ).format(period=esc(s.period or str(year)))
                )
        if aspects & {"year", "update", "source", "live", "published"}:
            lines.append(
                _("Tahun data: {years}. Angka tahun {year} adalah rekap seluruh tahun itu.").format(
                    years=esc(", ".join(str(y) for y in f.years)), year=year
                )
            )
        if aspects & {"update", "live"}:
            lines.append(
                _("Belum ada data tahun yang lebih baru di bot ini; bot diperbarui saat Dinsos merilis angka baru.")
            )
        if "official" in aspects:
            lines.append(
                _(
                    "Angka ini dikutip dari keterangan Dinas Sosial Provinsi {province} di sumber di atas. Untuk "
                    "keperluan resmi, mintalah data tertulis ke Dinas Sosial Provinsi {province}."
                ).format(province=esc(self.provinces_name()))
            )
        if "method" in aspects:  # "bagaimana metode pengumpulannya?": not held; whom to ask
            lines.append(
                _(
                    "Metode pengumpulan data tidak ada dalam data Tanya Bansos: angkanya dikutip dari berita di atas, "
                    "yang memuat keterangan pejabat Dinas Sosial, tanpa penjelasan cara pendataannya. Untuk metodenya, "
                    "tanyakan ke Dinas Sosial Provinsi {province} atau ajukan permohonan informasi publik ke PPID-nya."
                ).format(province=esc(self.provinces_name()))
            )
        if "funding" in aspects:  # "dananya dr APBN pusat kan?": the source of the money is not held; whom to ask
            lines.append(
                _(
                    "Sumber dana bantuan (APBN, APBD provinsi atau APBD kab/kota) tidak ada dalam data Tanya Bansos. "
                    "Angkanya adalah program Dinas Sosial Provinsi {province} sebagaimana dilaporkan di berita di "
                    "atas, tanpa rincian anggaran atau asal dananya. Untuk sumber dananya, tanyakan ke Dinas Sosial "
                    "Provinsi {province} atau ajukan permohonan informasi publik ke PPID-nya."
                ).format(province=esc(self.provinces_name()))
            )
        if "request" in aspects:  # "kalau tidak ada, minta data ke mana?": a public information request
            lines.append(
                _(
                    "Data yang tidak ada di sini (tahun lain, rincian lebih dalam) bisa diminta ke Dinas Sosial "
                    "Provinsi {province} sebagai permohonan informasi publik lewat PPID-nya; data yang dipegang Tanya "
                    "Bansos hanya tahun {years}, per kab/kota dan per program."
                ).format(province=esc(self.provinces_name()), years=esc(", ".join(str(y) for y in f.years)))
            )
        if "unit" in aspects:
            lines.append(
                _(
                    "Angka dihitung dalam KK (kepala keluarga): tiap keluarga penerima dihitung sebagai satu KK, "
                    "bukan jumlah orang. Sumbernya tidak menyebut apakah satu KK bisa menerima lebih dari satu "
                    "program, jadi total semua program belum tentu jumlah keluarga yang berbeda."
                )
            )
        if "realised" in aspects:  # "58.849 itu realisasi atau rencana?": what the source reports, nothing more
            lines.append(
                _(
                    "Menurut sumber itu, angka tahun {year} adalah bantuan yang telah dibagikan kepada penerima "
                    "sepanjang tahun {year}, bukan rencana atau target. Rincian pagu, target atau jadwal penyaluran "
                    "tidak ada dalam data ini; tanyakan ke Dinas Sosial Provinsi {province}."
                ).format(year=year, province=esc(self.provinces_name()))
            )
        if "disputed" in aspects:  # "data lu salah semua": the source, calmly, and which figure looks wrong
            lines.append(
                _(
                    "Angka di bot ini dikutip apa adanya dari sumber di atas (data tahun {year}), bukan hitungan "
                    "bot sendiri. Angka mana yang menurut Anda keliru? Sebutkan kab/kota atau programnya, nanti saya "
                    "tunjukkan angka dan sumbernya. Untuk koreksi resmi, hubungi Dinas Sosial Provinsi {province}."
                ).format(year=year, province=esc(self.provinces_name()))
            )
        if "mismatch" in aspects:
            lines.append(self._mismatch(year))
        if "person" in aspects:
            lines += self._persons(u)
        if "contact" in aspects:
            lines.append(
                _(
                    "Tanya Bansos tidak memegang nomor telepon, alamat, email atau jam layanan kantor Dinas Sosial. "
                    "Untuk pertanyaan tentang data dan program, hubungi Dinas Sosial Provinsi {province} atau Dinas "
                    "Sosial kab/kota Anda (lewat situs resmi pemerintah daerah atau kantor desa/kelurahan)."
                ).format(province=esc(self.provinces_name()))
            )
            lines.append(self._status_line())
        return Reply(
            "\n".join(lines),
            choices=[Choice(_("Ringkasan {year}").format(year=year), Action(Kind.SUMMARY).encode())],
            intent=Intent.ABOUT_DATA,
        )

    def _persons(self, u: Understanding) -> list[str]:
        """ "siapa Kadis Sosial Kepri?": the officials the sources name, and that no one else is known here."""
        f = self.facts
        lines = []
        for s in f.sources.values():
            if s.official:
                lines.append(
                    _("Sumber data Tanya Bansos menyebut: {official} (dikutip {publisher}).").format(
                        publisher=esc(s.publisher), official=bold(s.official)
                    )
                )
        lines.append(
            _(
                "Selain itu Tanya Bansos tidak memegang nama pejabat atau petugas (kepala Dinas Sosial kab/kota, "
                "penanggung jawab program, pendamping), dan jabatan bisa sudah berganti sejak sumber itu terbit. "
                "Tanyakan ke Dinas Sosial {coverage} atau Dinas Sosial kab/kota."
            ).format(coverage=esc(self.coverage()))
        )
        return lines

    def not_person(self, u: Understanding) -> Reply:
        """ "kucing saya dapat PMKS?": aid goes to families and people in need; no figure answers a joke."""
        kinds = {
            "animals": _("hewan"),
            "beings": _("makhluk khayalan"),
            "plants": _("tanaman"),
            "objects": _("benda"),
        }
        lex = self.understander.lexicon
        kind = lex.not_persons.get(u.non_person[0], "objects")
        text = _(
            "Bantuan sosial Dinas Sosial {coverage} diberikan kepada keluarga (KK) dan orang yang "
            "membutuhkan, bukan kepada {kind} — jadi “{word}” tidak bisa menjadi penerima. Kalau Anda bertanya untuk "
            "keluarga Anda sendiri, tanyakan misalnya “siapa yang berhak {program}?” atau “syarat {program}”."
        ).format(
            coverage=esc(self.coverage()),
            kind=esc(kinds.get(kind, kinds["objects"])),
            word=esc(u.non_person[0]),
            program=esc(self._named_program(u)),
        )
        programs = [self.facts.programs[c] for c in u.programs if c in self.facts.programs] or self.facts.program_list
        choices = [Choice(self.pname(p, short=True), Action(Kind.INFO, program=p.code).encode()) for p in programs]
        return Reply(text, choices=choices, intent=Intent.NOT_PERSON)

    def _named_program(self, u: Understanding) -> str:
        f = self.facts
        if u.programs and u.programs[0] in f.programs:
            return self.pname(f.programs[u.programs[0]], short=True)
        if u.group and u.group in f.groups:
            return self.gname(u.group)
        return f.program_list[0].short if f.program_list else ""

    def _mismatch(self, year: int) -> str:
        """Why the kab/kota figures do not add up to the province total: the part reported without a breakdown."""
        f = self.facts
        allocated = sum(v for v in (f.region_total(year, k.code) for k in f.kabkota) if v is not None)
        unallocated = f.unallocated_in(year)
        total = f.province_total(year)
        if not unallocated:
            return _("Untuk tahun {year}, jumlah per kab/kota sama dengan total provinsi.").format(year=year)
        parts = ", ".join(
            f"{self.pname(f.programs[code], short=True)} {self.kk(v)}"
            for code, v in unallocated.items()
            if code in f.programs
        )
        return _(
            "Jumlah per kab/kota tahun {year} adalah {allocated}. Sumber melaporkan sebagian penerima hanya untuk "
            "seluruh provinsi, tanpa rincian per kab/kota ({parts}), sehingga total se-{province} menjadi {total}."
        ).format(
            year=year,
            allocated=self.kk(allocated),
            parts=esc(parts),
            province=esc(self.provinces_name()),
            total=self.kk(total),
        )

    def same_name(self, u: Understanding) -> Reply:
        """ "Berapa KK di Batu Ampar?": a name that also exists in other provinces is asked back, never assumed."""
        f = self.facts
        code, elsewhere = u.same_name or ("", "")
        place = f.regions[code]
        kab = f.kabkota_of(code)
        home = f.province_of(code) if f.several else f.province
        kab_name = kab.name if kab else (home or f.province).name
        text = _(
            "Maksud Anda {place} di {kab}, Provinsi {province}, atau {place} di provinsi lain ({elsewhere})? "
            "Tanya Bansos hanya memegang angka Provinsi {province}, per kab/kota."
        ).format(
            place=esc(place.name), kab=esc(kab_name), province=esc((home or f.province).name), elsewhere=esc(elsewhere)
        )
        return Reply(text, choices=self._figures_choice(u), understood=False, intent=Intent.SAME_NAME)

    def _as_typed(self, word: str, text: str) -> str:
        """An unexplained word as the asker typed it: "siapin", read as "siapkan" (an informal form brought back to a
        standard word, see :func:`bot.understanding.lexicon.canonical_words`), is quoted as "siapin"."""
        typed = tokens(clean(text))
        if word in typed:
            return word
        lex = self.understander.lexicon
        return next((t for t in typed if canonical_words(t, lex) == [word]), word)

    def unsure(self, u: Understanding) -> Reply:
        f = self.facts
        if u.rank is not None and not u.regions and not u.programs:
            text = _("Maksud Anda program dengan penerima {most}, atau kab/kota dengan penerima {most}?").format(
                most=_("paling sedikit") if u.rank == "least" else _("terbanyak")
            )
            word = "paling sedikit" if u.rank == "least" else "paling banyak"
            return Reply(
                text,
                choices=[
                    Choice(_("Program"), Action.ask(f"program apa {word}").encode()),
                    Choice(_("Kab/kota"), Action.ask(f"daerah mana {word}").encode()),
                ],
                understood=False,
                intent=Intent.UNSURE,
            )
        if u.vague and _only_share_asked(u.words):  # "berapa persen", "58.849 itu brp persen": of what, of which whole
            text = _(
                "Persen dari apa? Sebutkan bagian dan keseluruhannya, misalnya “berapa persen penerima di Batam dari "
                "total {province}” atau “PMKS berapa persen dari semua program”."
            ).format(province=esc(f.province.short))
            choices = [
                Choice(_("Porsi tiap kab/kota"), Action.ask("berapa persen tiap kab/kota").encode()),
                Choice(_("Porsi tiap program"), Action.ask("persentase tiap program").encode()),
            ]
            return Reply(text, choices=choices, understood=False, intent=Intent.UNSURE)
        if u.vague and u.vague_place and not u.regions:
            return self._which_place(u)
        if u.vague:
            text = _(
                "Program dan kab/kota mana yang Anda maksud? Sebutkan namanya, misalnya “PMKS di Bintan”. Angka "
                "Tanya Bansos tersedia per program dan per kab/kota Provinsi {province}, tidak per kecamatan atau desa."
            ).format(province=esc(self.provinces_name()))
            return Reply(text, choices=self._figures_choice(u), understood=False, intent=Intent.UNSURE)
        lines = []
        if u.unexplained:
            lines.append(
                _("Maaf, saya belum yakin maksud Anda: kata “{words}” tidak saya kenali.").format(
                    words=esc(", ".join(self._as_typed(w, u.text) for w in u.unexplained[:4]))
                )
            )
        if u.near_places:
            return self._near_place_asked(u, lines)
        lines.append(
            _("Tanya Bansos hanya memegang angka penerima bantuan Dinas Sosial Provinsi {province}.").format(
                province=esc(self.provinces_name())
            )
        )
        choices = self._figures_choice(u)
        if choices:
            lines.append(_("Maksud Anda: {choice}?").format(choice=esc(choices[0].label)))
        else:
            year = u.year if u.year is not None and f.has_year(u.year) else None
            choices = [
                Choice(
                    _("Ringkasan se-{province}").format(
                        province=self.provinces_name() if f.several else f.province.short
                    ),
                    Action(Kind.SUMMARY, year=year).encode(),
                )
            ]
            lines.append(_("Maksud Anda ringkasan angka se-{province}?").format(province=esc(self.provinces_name())))
        return Reply("\n".join(lines), choices=choices, understood=False, intent=Intent.UNSURE)

    def _near_place_asked(self, u: Understanding, lines: list[str]) -> Reply:
        """ "bintang total brp": an unexplained word one edit from a kab/kota's name is asked back as that kab/kota,
        with a button asking the question again with the name in its place; never answered as it."""
        f = self.facts
        typed = tokens(clean(u.text))
        text = u.text
        names = []
        for word, code in u.near_places:
            region = f.regions[code]
            names.append(region.short)
            shown = self._as_typed(word, u.text)
            text = re.sub(rf"(?i)\b{re.escape(shown)}\b", region.short, text) if shown in typed else text
        lines.append(_("Maksud Anda {places}?").format(places=esc(self._and_list(names))))
        if len(f"{Kind.ASK}:{text}".encode()) <= MAX_BYTES:
            choice = Choice(text, Action.ask(text).encode())
        else:
            year = u.year if u.year is not None and f.has_year(u.year) else None
            code = u.near_places[0][1]
            program = u.programs[0] if u.programs else None
            action = (
                Action(Kind.PROGRAM_REGION, program=program, region=code, year=year)
                if program
                else Action(Kind.REGION, region=code, year=year)
            )
            choice = Choice(_("Angka bansos {region}").format(region=f.regions[code].short), action.encode())
        return Reply("\n".join(lines), choices=[choice], understood=False, intent=Intent.UNSURE)

    def _which_place(self, u: Understanding) -> Reply:
        """ "[foto] brp KK yg dapat di daerah ini", "di sini brp yg dapat?": a place pointed at, never named (a photo
        shows none the bot can read): which kab/kota, with a button for each (with the program named, if one is),
        never the province's figures as if they were that place's."""
        f = self.facts
        year = u.year if u.year is not None and f.has_year(u.year) else None
        program = u.programs[0] if len(u.programs) == 1 else None
        text = _(
            "Kab/kota mana yang Anda maksud? Sebutkan namanya atau pilih di bawah. Angka Tanya Bansos tersedia per "
            "kab/kota Provinsi {province}, tidak per kecamatan atau desa."
        ).format(province=esc(self.provinces_name()))
        if ATTACHMENT_NOTE.match(u.text):
            text = _("Tempat di foto atau lampiran tidak bisa saya ketahui: isinya tidak bisa saya baca.") + "\n" + text
        kabs = [k for k, _v in self.ranked(self._year(year), None)][:PAGE_SIZE]
        choices = [
            Choice(
                k.short,
                (
                    Action(Kind.PROGRAM_REGION, program=program, region=k.code, year=year)
                    if program
                    else Action(Kind.REGION, region=k.code, year=year)
                ).encode(),
            )
            for k in kabs
        ]
        return Reply(text, choices=choices, understood=False, intent=Intent.UNSURE)


PAGE_SIZE = 10
"""Kab/kota buttons offered at most (as in the province's summary)."""

_SHARE_ASKED = (
    SHARE_WORDS | NUMBER_WORDS | {"itu", "ini", "tersebut", "yang", "dari", "ya", "dong", "sih", "nih", "kah"}
)


def _only_share_asked(words: list[str]) -> bool:
    """ "berapa persen", "yg 46.686 itu brp persen dari total": a share asked, of nothing named but a number typed."""
    return not SHARE_WORDS.isdisjoint(words) and all(w in _SHARE_ASKED or w.isdigit() for w in words)


_GETTING_WORDS = frozenset({"bisa", "boleh", "dapat", "mendapat", "daftar", "mendaftar", "ikut", "terima", "menerima"})


def _asks_ours_too(u: Understanding) -> bool:
    """ "punya KKS, bisa dapat bantuan dinsos?": beside a national program, whether the province's own aid can be had;
    no number asked."""
    words = set(u.words)
    return "dinsos" in words and bool(_GETTING_WORDS & words) and not NUMBER_WORDS & words and not u.programs
