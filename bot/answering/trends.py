"""Figures over the years: a kab/kota, a program or the province year by year, with the change from one year to
the next (households and percent). A year without the asked figure says so; one year of data says a trend needs
more than one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.base import AnswerBase
from bot.answering.reply import ChartRequest, Reply, bold, esc
from bot.figures.facts import RegionInfo
from bot.text.i18n import _, fmt_int, fmt_pct


@dataclass(frozen=True, slots=True)
class YearValue:
    year: int
    value: int | None


class TrendAnswers(AnswerBase):
    """Answers that follow one figure over the years."""

    def series(self, region: RegionInfo | None, programs: list[str] | None, years: list[int] | None) -> list[YearValue]:
        """The asked figure for each year (every year with data when ``years`` is None), oldest first."""
        f = self.facts
        wanted = sorted(set(years)) if years else list(f.years)
        out = []
        for y in wanted:
            if region is not None:
                value = f.region_total(y, region.code, programs)
            elif programs:
                parts = [f.program_total(y, p) for p in programs]
                present = [v for v in parts if v is not None]
                value = sum(present) if present else None
            else:
                value = f.province_total(y)
            out.append(YearValue(y, value))
        return out

    def trend(self, region: RegionInfo | None, programs: list[str] | None, years: list[int] | None = None) -> Reply:
        """ "tren Batam", "bandingkan 2022 dan 2023 di Batam", "PMKS naik atau turun?"."""
        f = self.facts
        where = region.name if region is not None else f.province.name
        subject = (
            ", ".join(self.pname(f.programs[p], short=True) for p in programs if p in f.programs)
            if programs
            else _("semua program")
        )
        points = self.series(region, programs, years)
        known = [p for p in points if p.value is not None]
        head = _("{subject} di {where}, dari tahun ke tahun:").format(
            subject=esc(subject[:1].upper() + subject[1:]), where=bold(where)
        )
        lines = [head]
        previous: YearValue | None = None
        for p in points:
            if p.value is None:
                lines.append(_("• {year}: tidak ada data").format(year=p.year))
                continue
            line = f"• {p.year}: {self.kk(p.value)}"
            if previous is not None and previous.value is not None:
                line += " " + self.change_text(previous.value, p.value, previous.year)
            lines.append(line)
            previous = p
        if len(known) < 2:
            only = ", ".join(str(p.year) for p in known) or "-"
            lines.append(
                _("Tren belum bisa dihitung: data {subject} di {where} baru ada untuk tahun {years}.").format(
                    subject=esc(subject), where=esc(where), years=only
                )
            )
        elif known[0].value is not None and known[-1].value is not None:
            lines.append(
                _("Dari {first} ke {last}: {change}.").format(
                    first=known[0].year,
                    last=known[-1].year,
                    change=self.change_text(known[0].value, known[-1].value, None),
                )
            )
        # the sources of the years with figures (a year without any is said above, not given a "Data tahun …" line)
        years_shown = [p.year for p in points if p.value is not None] or [p.year for p in points]
        sources = []
        for y in years_shown:
            line = self.source_line(y, programs)
            if line not in sources:
                sources.append(line)
        lines.extend(sources)
        chart_program = programs[0] if programs and len(programs) == 1 else None
        latest = known[-1].year if known else (f.latest_year or 0)
        return Reply("\n".join(lines), chart=ChartRequest(latest, chart_program), intent="trend")

    def change_text(self, old: int, new: int, since: int | None) -> str:
        """ "(naik 1.200 KK, +5,3% dari 2022)"; "(tetap)"; a change from zero has no percent."""
        diff = new - old
        if diff == 0:
            return _("(tetap dari {year})").format(year=since) if since else _("tetap")
        pct = "" if old == 0 else fmt_pct(abs(diff) / old)
        up, down = _("naik {n} KK"), _("turun {n} KK")
        text = (up if diff > 0 else down).format(n=fmt_int(abs(diff)))
        if pct:
            text += f", {'+' if diff > 0 else '−'}{pct}"
        if since:
            return "(" + _("{change} dari {year}").format(change=text, year=since) + ")"
        return text
