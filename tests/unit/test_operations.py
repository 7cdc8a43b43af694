"""The operation a figures question asks for (issue 8): the sort order, what the figures are taken over (programs or
kab/kota) and what is left out — read from the words, whatever the sentence around them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understanding.intents import Arith, Intent, Order, Per, Rank

BATAM, BINTAN, TANJUNGPINANG = "21.71", "21.01", "21.72"


@pytest.fixture(scope="module")
def understand(answerer):
    return answerer.understander.understand


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("urutkan kab/kota dari yg terbanyak sampe paling dikit", Order.DESC),
        ("urutkan dari yang paling sedikit ke yang paling banyak", Order.ASC),
        ("susun kab/kota dari besar ke kecil", Order.DESC),
        ("urut dari kecil ke besar dong", Order.ASC),
        ("sort the regencies from lowest to highest", Order.ASC),
        ("list the regencies in descending order", Order.DESC),
        ("PMKS ascending", Order.ASC),
    ],
)
def test_the_order_asked_is_the_extreme_named_first_or_the_one_said(understand, question, order) -> None:
    u = understand(question)
    assert u.order == order
    assert u.intent in (Intent.RANKING, Intent.RANK_PROGRAMS)
    assert u.rank == (Rank.MOST if order == Order.DESC else Rank.LEAST)


@given(
    st.sampled_from(["kalau {p} gak dihitung", "{p} tidak usah dihitung", "tanpa {p}", "kecuali {p}", "di luar {p}"]),
    st.sampled_from(["rata-rata per kab/kota berapa", "totalnya berapa", "jumlahnya berapa"]),
    st.sampled_from([("Batam", [BATAM]), ("Batam dan Bintan", [BATAM, BINTAN]), ("Tanjungpinang", [TANJUNGPINANG])]),
)
@settings(max_examples=40, deadline=None)
def test_kab_kota_left_out_before_or_after_the_words_that_say_so(understand, exclusion, ask, places) -> None:
    name, codes = places
    u = understand(f"{exclusion.format(p=name)}, {ask}")
    assert sorted(u.excluded) == sorted(codes) and not u.regions
    assert u.intent == Intent.ARITHMETIC and u.arith in (Arith.AVERAGE, Arith.EXCLUDE)


def test_a_place_said_not_to_count_without_anything_to_compute_is_not_left_out(understand) -> None:
    assert understand("Bintan tidak termasuk ya?").excluded == []


@pytest.mark.parametrize(
    ("question", "intent", "per"),
    [
        ("rata rata KK per program", Intent.ARITHMETIC, Per.PROGRAM),
        ("rata-rata per kab/kota", Intent.ARITHMETIC, Per.REGION),
        ("program di Karimun urut dari terbanyak", Intent.RANK_PROGRAMS, Per.PROGRAM),
        ("tolong susun dr yg terbanyak ke paling kecil per program utk kab karimun", Intent.RANK_PROGRAMS, Per.PROGRAM),
        ("kab/kota mana yang paling banyak", Intent.RANKING, Per.REGION),
    ],
)
def test_the_dimension_asked_programs_of_one_place_or_places(understand, question, intent, per) -> None:
    u = understand(question)
    assert (u.intent, u.per) == (intent, per)


def test_programs_left_out_leave_the_others(understand) -> None:
    u = understand("total semua program kecuali PMKS")
    assert u.excluded_programs == ["PMKS"] and "PMKS" not in u.programs and u.programs


def test_subtracted_places_get_their_signs(understand) -> None:
    u = understand("Bintan tambah Lingga dikurangi Natuna")
    assert u.intent == Intent.ARITHMETIC and u.signs == [1, 1, -1]


def test_a_statistic_not_computed_is_named_and_nothing_else_is_answered(ask) -> None:
    reply = ask("standar deviasi penerima per kab/kota berapa")
    assert "standar deviasi tidak bisa saya hitung" in reply and "KK" not in reply


def test_the_median_is_the_middle_kabkota_figure(ask) -> None:
    """ "median pmks per kab/kota": the figures sorted and the middle one named (Lingga's 4.588 of 7), never declined
    nor replaced by the average."""
    reply = ask("median pmks per kab/kota brp")
    assert "4.588" in reply and "Lingga" in reply and "tidak bisa" not in reply and "6.669" not in reply


@pytest.mark.parametrize(
    "question",
    [
        "jumlah keseluruhan penerima dr 4 kegiatan itu brp",
        "kalau semua program tadi digabung jadi berapa KK",
        "total penerima dari keempat program tersebut berapa",
    ],
)
def test_every_program_pointed_at_is_no_vague_reference(understand, question) -> None:
    u = understand(question)
    assert not u.vague
    assert u.intent == Intent.FIGURES


def test_one_program_pointed_at_is_still_asked_back(understand) -> None:
    assert understand("program itu berapa").vague


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("total kepri berapa, sumbernya apa, tahun berapa", ["source", "year"]),
        ("mohon jumlah penerima UEP se-Kepri lengkap dengan sumbernya", ["source"]),
    ],
)
def test_a_figure_asked_with_its_source_is_the_figure_citing_it(understand, question, cited) -> None:
    u = understand(question)
    assert u.intent in (Intent.FIGURES, Intent.LIST_REGIONS)
    assert sorted(u.cited) == cited
    assert not u.about


def test_the_year_of_the_data_alone_is_no_figure(understand) -> None:
    u = understand("data kepri tahun berapa")
    assert u.intent == Intent.ABOUT_DATA
    assert not u.cited


@pytest.mark.parametrize(
    "question",
    [
        "total semua bantuan jgn diitung yg {p}",
        "total semua bantuan kecuali yg {p}",
        "jumlah penerima, yang {p} tidak usah dihitung",
    ],
)
@pytest.mark.parametrize("program", ["PMKS", "UEP", "KUBE"])
def test_yang_before_a_program_left_out_still_leaves_it_out(understand, question, program) -> None:
    u = understand(question.format(p=program))
    assert u.intent == Intent.ARITHMETIC
    assert program not in u.programs and u.programs


@pytest.mark.parametrize(
    "question", ["total bantuan tidak termasuk yang batam brp", "jumlah penerima, batam yg gak dihitung"]
)
def test_yang_before_a_kab_kota_left_out_still_leaves_it_out(understand, question) -> None:
    u = understand(question)
    assert u.excluded == [BATAM]
    assert BATAM not in [r.code for r in u.regions]


@pytest.mark.parametrize(
    "question",
    [
        "total 7 kab/kota brp",
        "ketujuh kab/kota totalnya brp",
        "tujuh kabupaten kota ditotal",
        "semua kab/kota digabung",
    ],
)
def test_every_kab_kota_named_as_what_is_added_is_their_sum(answerer, understand, question) -> None:
    u = understand(question)
    assert (u.intent, u.arith) == (Intent.ARITHMETIC, Arith.SUM)
    assert {r.code for r in u.regions} == {k.code for k in answerer.facts.kabkota}


@pytest.mark.parametrize(
    "question",
    [
        "total per kab/kota",
        "7 kab/kota apa aja",
        "total semua kab/kota berapa saja",
        "klo dijumlah semua kab/kota hasilnya 58.849 gak?",
        "kalo digabung semua program & semua kab/kota jd brp",
    ],
)
def test_a_list_a_check_or_every_program_is_no_sum_of_the_kab_kota(understand, question) -> None:
    assert understand(question).intent != Intent.ARITHMETIC
