"""Figures over the years: a region, a program or the province year by year with the change from year to year."""

from __future__ import annotations

from bot.answering.trends import TrendAnswers
from bot.imports import apply_plan, plan_import
from bot.services import Service

KABKOTA = ["21.01", "21.02", "21.03", "21.04", "21.05", "21.71", "21.72"]
BATAM = "21.71"


def add_2023(service: Service, rows: list[str]) -> None:
    data = "\n".join(["tahun,wilayah,program,jumlah_kk", *rows]).encode()
    plan = plan_import(service.engine, data, "2023.csv", service.row_parser())
    assert plan.ok
    apply_plan(service.engine, plan, "cli:test")
    service.invalidate()


def trends(service: Service) -> TrendAnswers:
    answerer = service.answerer()
    assert isinstance(answerer, TrendAnswers)
    return answerer


def test_a_region_over_two_years_shows_each_year_and_the_change_in_kk_and_percent(service: Service) -> None:
    add_2023(service, [f"2023,{BATAM},PMKS,24000", f"2023,{BATAM},BSKK,1288", f"2023,{BATAM},UEP,192"])
    answerer = trends(service)
    text = answerer.trend(service.facts.regions[BATAM], None).plain()
    # 2022: 22.465 + 1.288 + 192 = 23.945; 2023: 24.000 + 1.288 + 192 = 25.480 (+1.535, +6,4%)
    assert "2022: 23.945 KK" in text, text
    assert "2023: 25.480 KK" in text and "naik 1.535 KK" in text and "6,4%" in text, text
    assert "Data tahun 2022" in text and "Data tahun 2023" in text, text


def test_a_program_that_fell_says_turun(service: Service) -> None:
    add_2023(service, [f"2023,{code},UEP,10" for code in KABKOTA])
    text = trends(service).trend(None, ["UEP"]).plain()
    assert "2022: 465 KK" in text and "2023: 70 KK" in text and "turun 395 KK" in text, text


def test_with_one_year_of_data_the_bot_says_a_trend_needs_more_than_one(service: Service) -> None:
    text = trends(service).trend(service.facts.regions[BATAM], None).plain()
    assert "2022: 23.945 KK" in text
    assert "Tren belum bisa dihitung" in text and "naik" not in text and "turun" not in text, text


def test_a_year_without_the_figure_says_no_data_instead_of_zero(service: Service) -> None:
    add_2023(service, ["2023,21.72,PMKS,5200"])  # Tanjungpinang only
    text = trends(service).trend(service.facts.regions["21.03"], ["BSKK"], [2022, 2023]).plain()
    assert "2022: tidak ada data" in text and "2023: tidak ada data" in text, text
    assert " 0 KK" not in text


# ---- /grafik ----------------------------------------------------------------------------------------------------
def grafik(service: Service, args: str):
    from bot.answering.runtime import Runtime

    return Runtime(service.settings, service).chart_for(args)


def test_grafik_kube_says_there_is_no_figure_per_kab_kota_instead_of_an_empty_chart(service: Service) -> None:
    reply = grafik(service, "kube")
    assert reply.chart is None and "tanpa rincian per kab/kota" in reply.plain() and "60 KK" in reply.plain()
    pressed = service.answerer().answer_action("g:KUBE:2022")
    assert pressed.chart is None and "tanpa rincian per kab/kota" in pressed.plain(), pressed.plain()


def test_grafik_with_an_unknown_word_or_a_year_without_data_says_why(service: Service) -> None:
    unknown = grafik(service, "xyz")
    assert unknown.chart is None and "xyz" in unknown.plain() and "tidak saya kenali" in unknown.plain()
    assert any(c.action.startswith("g") for c in unknown.choices)
    old = grafik(service, "2021")
    assert old.chart is None and "2021" in old.plain() and "2022" in old.plain(), old.plain()


def test_grafik_for_a_program_draws_it_per_kab_kota(service: Service) -> None:
    reply = grafik(service, "pmks")
    assert reply.chart is not None and reply.chart.program == "PMKS" and not reply.chart.over_years


def test_grafik_for_a_region_draws_it_over_the_years_once_there_are_two(service: Service) -> None:
    from bot.answering.charts import render_chart

    single = grafik(service, "batam")
    assert single.chart is None and "baru ada untuk tahun 2022" in single.plain(), single.plain()
    add_2023(service, [f"2023,{BATAM},PMKS,24000", f"2023,{BATAM},BSKK,1288", f"2023,{BATAM},UEP,192"])
    reply = grafik(service, "batam")
    assert reply.chart is not None and reply.chart.over_years and reply.chart.region == BATAM, reply.plain()
    assert "2022–2023" in reply.plain()
    png = render_chart(service.facts, reply.chart)
    assert png.startswith(b"\x89PNG")


def test_grafik_tren_alone_draws_the_province_over_the_years(service: Service) -> None:
    single = grafik(service, "tren")
    assert single.chart is None and "dari tahun ke tahun belum bisa dibuat" in single.plain(), single.plain()
    add_2023(service, [f"2023,{code},PMKS,5000" for code in KABKOTA])
    reply = grafik(service, "tren pmks")
    assert reply.chart is not None and reply.chart.over_years and reply.chart.program == "PMKS", reply.plain()
