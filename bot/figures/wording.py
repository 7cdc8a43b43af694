"""Wording of figures in the reader's language: program and group names, "7.408 KK" / "tidak ada data", the source
line, and the note on figures reported without a breakdown per kab/kota."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answering.reply import esc
from bot.figures.facts import Facts, ProgramInfo
from bot.text.i18n import _, current_language, fmt_int


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
