"""Bar charts of households per kab/kota (matplotlib, Agg), labelled in the reader's language (program names from
``bot/figures/wording.py``, as in the answers) and cached."""

from __future__ import annotations

import io
from threading import Lock

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from bot.answering.base import CHART_BARS
from bot.answering.reply import ChartRequest
from bot.figures.facts import Facts
from bot.figures.wording import Wording
from bot.text.i18n import _, current_language, fmt_int

_lock = Lock()


_cache: dict[tuple[int, int, ChartRequest, str], bytes] = {}


def render_chart(facts: Facts, request: ChartRequest) -> bytes:
    """PNG bytes; the same chart for the same data version and language is drawn once."""
    key = (facts.version, id(facts), request, current_language())
    with _lock:
        png = _cache.get(key)
        if png is None:
            if len(_cache) > 64:
                _cache.clear()
            draw = _draw_years if request.over_years else _draw
            png = _cache[key] = draw(facts, request)
    return png


def chart_caption(facts: Facts, request: ChartRequest) -> str:
    subject = _program_label(facts, request.program)
    if request.over_years:
        region = facts.regions.get(request.region or "")
        where = region.name if region is not None else facts.province.name
        return _("Penerima {subject} di {where}, dari tahun ke tahun").format(subject=subject, where=where)
    return _("Penerima {subject} per kab/kota, tahun {year}").format(subject=subject, year=request.year)


def _program_label(facts: Facts, program: str | None) -> str:
    if program and program in facts.programs:
        return Wording(facts).pname(facts.programs[program], short=True)
    return _("semua program")


def _draw(facts: Facts, request: ChartRequest) -> bytes:
    """One bar per kab/kota for a year (one program, or all)."""
    year, program = request.year, request.program
    programs = [program] if program else None
    found = [(k.short, facts.region_total(year, k.code, programs)) for k in facts.kabkota]
    rows = sorted([(n, v) for n, v in found if v is not None], key=lambda r: r[1])[-CHART_BARS:]
    fig = Figure(figsize=(8, 4.8), dpi=100)
    ax = fig.add_subplot()
    names = [n for n, _v in rows]
    values = [v for _n, v in rows]
    bars = ax.barh(names, values, color="#2a7ab9")
    top = max(values) if values else 1
    for bar, value in zip(bars, values, strict=True):
        ax.text(
            bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, fmt_int(value), va="center", fontsize=9
        )
    ax.set_xlim(0, top * 1.15)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: fmt_int(int(x))))
    ax.set_xlabel(_("Kepala keluarga (KK)"))
    ax.set_title(chart_caption(facts, ChartRequest(year, program)))
    ax.spines[["top", "right"]].set_visible(False)
    sources = facts.sources_for(year, programs)
    if sources:
        fig.text(
            0.01,
            0.01,
            _("Sumber: {source}").format(source="; ".join(s.publisher for s in sources)),
            fontsize=7,
            color="#555555",
        )
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _draw_years(facts: Facts, request: ChartRequest) -> bytes:
    """One bar per year for a kab/kota or the province (one program, or all)."""
    from bot.answering.chart_replies import year_values

    points = year_values(facts, request)
    fig = Figure(figsize=(8, 4.8), dpi=100)
    ax = fig.add_subplot()
    labels = [str(y) for y, _v in points]
    values = [v for _y, v in points]
    bars = ax.bar(labels, values, color="#2a7ab9")
    top = max(values) if values else 1
    for bar, value in zip(bars, values, strict=True):
        ax.text(
            bar.get_x() + bar.get_width() / 2, bar.get_height() + top * 0.01, fmt_int(value), ha="center", fontsize=9
        )
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda x, _pos: fmt_int(int(x))))
    ax.set_ylabel(_("Kepala keluarga (KK)"))
    ax.set_title(chart_caption(facts, request))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
