"""What every kind of answer shares: the facts snapshot, wording, the year asked (or the latest), and the
reply for a year without data."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.answering.actions import Action, Kind
from bot.answering.reply import Choice, Reply, esc
from bot.figures.facts import RegionInfo
from bot.figures.levels import LevelReader
from bot.figures.wording import Wording
from bot.text.i18n import _, to_local
from bot.understanding.intents import Intent, Understanding
from bot.understanding.understander import Understander

PAGE_SIZE = 10
"""Most rows (and buttons) a ranking or list shows at once; the rest is one "lainnya" button away."""
CHART_BARS = 20
"""Most bars a chart per kab/kota draws (the largest): the 514 kab/kota of all Indonesia make no chart."""
NAMES_SHOWN = 10
"""Most names a sentence lists ("Tidak ada data untuk: …"); the rest are counted."""

CEK_BANSOS = "cekbansos.kemensos.go.id"
CALL_CENTRE = "171"


_SEPARATED = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{3})+(?![\d.,]?\d)")


def separated_figures(text: str) -> set[int]:
    """Figures typed with thousands separators ("58.849", "11,638"), as numbers."""
    return {int(n.replace(".", "").replace(",", "")) for n in _SEPARATED.findall(text)}


_TYPED = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+|\d{3,})(?![\w.,]?\d)(?!\s*(?:%|-?an\b|[a-z]*(?:ribu|rb|juta|jt|persen)))",
    re.IGNORECASE,
)
_YEAR_TYPED = re.compile(r"(19[5-9]\d|20\d\d)")


def typed_figures(text: str) -> list[int]:
    """Whole figures typed ("58.849", "58849"), in order: not a year, a rounded amount ("60 ribu") or a percentage."""
    return [int(n.replace(".", "").replace(",", "")) for n in _TYPED.findall(text) if not _YEAR_TYPED.fullmatch(n)]


class AnswerBase(Wording):
    """The facts snapshot and its wording, plus the year rules every answer follows."""

    understander: Understander
    general: dict
    reader: LevelReader | None = None
    """Reads a kecamatan's or desa's own figures from the store (None: they are answered with their kab/kota's)."""

    # ---- helpers --------------------------------------------------------------------------------------------
    @staticmethod
    def _and_list(names: list[str]) -> str:
        """ "Batam, Bintan dan Lingga"."""
        if len(names) == 1:
            return names[0]
        return _("{first} dan {last}").format(first=", ".join(names[:-1]), last=names[-1])

    def _year(self, year: int | None) -> int:
        current = self.facts.current_year  # the latest complete year, never a partial one added up as a total
        return year if year is not None else (current if current is not None else 0)

    def _missing_year(self, year: int | None) -> Reply | None:
        f = self.facts
        if not f.years:
            return Reply(
                _("Maaf, belum ada data penerima bantuan yang dimuat."), understood=True, intent=Intent.NO_DATA
            )
        if year is None or f.has_year(year):
            return None
        years = ", ".join(str(y) for y in f.years)
        text = _("Maaf, belum ada data untuk tahun {year}. Data yang tersedia: tahun {years}.").format(
            year=esc(year), years=esc(years)
        )
        if year > to_local(datetime.now(UTC)).year:  # "tahun depan ada UEP lagi gak": a plan, which no data holds
            text += "\n" + _(
                "Rencana program untuk tahun {year} (apakah program berlanjut, kuotanya, jadwalnya) tidak ada dalam "
                "data ini; tanyakan ke Dinas Sosial Provinsi {province} atau Dinas Sosial kab/kota."
            ).format(year=esc(year), province=esc(self.provinces_name()))
        return Reply(
            text,
            choices=[
                Choice(_("Ringkasan {year}").format(year=y), Action(Kind.SUMMARY, year=y).encode())
                for y in f.years[-3:]
            ],
            intent=Intent.YEAR_MISSING,
        )

    def ranked(self, year: int, programs: list[str] | None) -> list[tuple[RegionInfo, int]]:
        """Kab/kota with a figure, largest first (ties by code). Kept per year and programs for this snapshot: at
        national scope (514 kab/kota) working it out is most of an answer's time, and many answers ask for it."""
        key = (year, tuple(programs) if programs is not None else None)
        cache: dict[tuple[int, tuple[str, ...] | None], list[tuple[RegionInfo, int]]] = self.__dict__.setdefault(
            "_ranked", {}
        )
        found = cache.get(key)
        if found is None:
            f = self.facts
            rows = [(k, f.region_total(year, k.code, programs)) for k in f.kabkota]
            found = sorted([(k, v) for k, v in rows if v is not None], key=lambda kv: (-kv[1], kv[0].code))
            if len(cache) > 256:
                cache.clear()
            cache[key] = found
        return list(found)

    def some_names(self, names: list[str]) -> str:
        """ "A, B, C" — or the first :data:`NAMES_SHOWN` and how many more (a scope of many provinces)."""
        if len(names) <= NAMES_SHOWN:
            return ", ".join(names)
        return _("{names} dan {n} lainnya").format(names=", ".join(names[:NAMES_SHOWN]), n=len(names) - NAMES_SHOWN)

    def _figures_choice(self, u: Understanding) -> list[Choice]:
        """The one button that offers the figures a question may have meant (never the figures themselves)."""
        f = self.facts
        year = u.year if u.year is not None and f.has_year(u.year) else None
        if u.regions:
            kab = f.regions[u.regions[0].code]
            if u.programs:
                action = Action(Kind.PROGRAM_REGION, program=u.programs[0], region=kab.code, year=year)
            else:
                action = Action(Kind.REGION, region=kab.code, year=year)
            return [Choice(_("Angka bansos {region}").format(region=kab.short), action.encode())]
        if u.programs or u.group:
            code = u.programs[0] if u.programs else u.group or ""
            label = self.pname(f.programs[code], short=True) if code in f.programs else self.gname(code)
            return [
                Choice(
                    _("Angka {program}").format(program=label), Action(Kind.PROGRAM, program=code, year=year).encode()
                )
            ]
        return []
