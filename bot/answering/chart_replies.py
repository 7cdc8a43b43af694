"""What a chart says around itself, and when no chart can be drawn: /grafik, its buttons and charts over the
years. A chart that would be empty (KUBE has no figure per kab/kota), a program or place that is not known, a year
without data and a single year "over the years" each get a sentence that says why, never a silent fallback."""

from __future__ import annotations

from bot.answering.actions import Action, Kind
from bot.answering.base import CHART_BARS, AnswerBase
from bot.answering.reply import ChartRequest, Choice, Reply, esc
from bot.figures.facts import Facts
from bot.text.i18n import _
from bot.understanding.intents import Intent


def chart_reply(answers: AnswerBase, request: ChartRequest) -> Reply:
    """The chart's caption, note and source, or the reason it cannot be drawn."""
    f = answers.facts
    missing = answers._missing_year(request.year)
    if missing is not None:
        return missing
    program = request.program if request.program in f.programs else None
    programs = [program] if program else None
    subject = answers.pname(f.programs[program], short=True) if program else _("semua program")
    if request.over_years:
        return _over_years(answers, request, program, subject)
    year = request.year
    if program and not any((year, program, k.code) in f.cells for k in f.kabkota):
        total = f.program_total(year, program)
        text = _(
            "Grafik per kab/kota tidak bisa dibuat untuk {subject} tahun {year}: angkanya ({total}) dilaporkan "
            "untuk seluruh {province} tanpa rincian per kab/kota."
        ).format(subject=esc(subject), year=year, total=answers.kk(total), province=esc(f.province.name))
        return Reply(
            "\n".join((text, answers.source_line(year, programs))),
            choices=[Choice(_("📊 Grafik semua program"), Action(Kind.CHART, year=year).encode())],
            intent=Intent.CHART_REFUSED,
        )
    caption = _("Penerima {subject} per kab/kota, tahun {year}.").format(subject=esc(subject), year=year)
    drawn = sum(f.region_total(year, k.code, programs) is not None for k in f.kabkota)
    if drawn > CHART_BARS:
        caption += " " + _("Grafik menampilkan {n} kab/kota terbanyak dari {total}.").format(n=CHART_BARS, total=drawn)
    note = answers.unallocated_note(year) if not program or (year, program) in f.unallocated else ""
    text = "\n".join(x for x in (caption, note, answers.source_line(year, programs)) if x)
    return Reply(text, chart=request, intent=Intent.CHART)


def _over_years(answers: AnswerBase, request: ChartRequest, program: str | None, subject: str) -> Reply:
    f = answers.facts
    region = f.regions.get(request.region or "")
    where = region.name if region is not None else f.province.name
    programs = [program] if program else None
    years = [y for y, _v in year_values(f, ChartRequest(request.year, program, request.region, True))]
    if len(years) < 2:
        text = _(
            "Grafik dari tahun ke tahun belum bisa dibuat: data {subject} di {where} baru ada untuk tahun {years}."
        ).format(subject=esc(subject), where=esc(where), years=", ".join(str(y) for y in years) or "-")
        choices = [Choice(_("📊 Grafik per kab/kota"), Action(Kind.CHART, program=program, year=request.year).encode())]
        return Reply(text, choices=choices, intent=Intent.CHART_REFUSED)
    caption = _("Penerima {subject} di {where}, tahun {first}–{last}.").format(
        subject=esc(subject), where=esc(where), first=years[0], last=years[-1]
    )
    sources: list[str] = []
    for y in years:
        line = answers.source_line(y, programs)
        if line not in sources:
            sources.append(line)
    return Reply("\n".join([caption, *sources]), chart=request, intent=Intent.CHART)


def _value(f: Facts, year: int, region: str | None, programs: list[str] | None) -> int | None:
    if region is not None:
        return f.region_total(year, region, programs)
    if programs:
        return f.program_total(year, programs[0])
    return f.province_total(year)


def year_values(f: Facts, request: ChartRequest) -> list[tuple[int, int]]:
    """(year, households) for every year that has the figure, oldest first (what a chart over the years draws)."""
    programs = [request.program] if request.program else None
    out = []
    for y in f.years:
        v = _value(f, y, request.region, programs)
        if v is not None:
            out.append((y, v))
    return out


def not_a_chart_subject(answers: AnswerBase, text: str, year: int) -> Reply:
    """ "/grafik xyz": say what was not understood and offer the charts there are."""
    f = answers.facts
    head = _("Maaf, “{text}” tidak saya kenali sebagai program atau kab/kota.").format(text=esc(text.strip()[:60]))
    hint = _("Contoh: /grafik pmks (per kab/kota) atau /grafik batam (dari tahun ke tahun).")
    choices = [Choice(_("📊 Grafik semua program"), Action(Kind.CHART, year=year).encode())]
    choices += [
        Choice(answers.pname(p, short=True), Action(Kind.CHART, program=p.code, year=year).encode())
        for p in f.program_list
    ]
    return Reply("\n".join((head, hint)), choices=choices, understood=False, intent=Intent.CHART_REFUSED)
