"""Round 13 (h4): words like a kab/kota's name, several kecamatan of one kab/kota, a ranking counted after a place,
and what-ifs on figures a kab/kota does not hold (``near_places``, ``PlaceMatch.also``, ``after_place``, the deduction
topic's ``counted_cut``, the scenario vocabulary's ``with_figure``)."""

from __future__ import annotations

import pytest

from bot.understanding.intents import Intent

BINTAN, BATAM = "21.01", "21.71"


@pytest.fixture(scope="module")
def understand(answerer):
    return answerer.understander.understand


@pytest.mark.parametrize("text", ["bintang total brp", "jumlah di bintang brp ya", "lingga sama bintang total brp"])
def test_an_everyday_word_a_letter_from_a_kab_kota_is_offered_never_answered(understand, text: str) -> None:
    u = understand(text)
    assert u.intent == Intent.UNSURE
    assert u.near_places == [("bintang", BINTAN)]


@pytest.mark.parametrize(
    "text",
    [
        "bansos batal berapa",  # a letter changed: another word
        "berapa jumlah bintang di langit",  # other words nothing explains: no place meant
        "saya tinggal di perumahan bintang indah, berapa PMKS di Batam",  # beside a place named, not listed with it
    ],
)
def test_no_near_place(understand, text: str) -> None:
    assert understand(text).near_places == []


def test_two_kecamatan_of_one_kab_kota_are_both_kept(understand) -> None:
    u = understand("batu aji sm sekupang brp penerima")
    assert [r.code for r in u.regions] == [BATAM]
    assert len(u.regions[0].also) == 1


def test_a_number_of_kk_cut_from_a_figure_is_no_deduction(understand) -> None:
    assert understand("kalo PMKS batam dipotong 2.465 KK, sisanya berapa").topic is None
    assert understand("bantuan saya dipotong 200 ribu, sisanya berapa").topic == "deduction"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("sebutkan nomor 2 setelah batam", "Kabupaten Bintan"),
        ("nomor 3 setelah batam", "Kota Tanjung Pinang"),
        ("setelah batam siapa", "Kabupaten Bintan"),
        ("yg ke-2 sesudah batam", "Kabupaten Bintan"),
    ],
)
def test_a_place_in_the_order_counted_after_a_kab_kota(answerer, text: str, first: str) -> None:
    reply = answerer.answer(text).plain()
    assert f"{first} dengan" in reply.splitlines()[0]
    assert "masuk 2 besar" not in reply


def test_kube_of_a_kab_kota_is_never_counted_zero(ask) -> None:
    reply = ask("kalau KUBE natuna 20 KK, berapa total KUBE")
    assert "tidak bisa dihitung" in reply and "80 KK" not in reply and "dihitung sebagai 0" not in reply
    assert "60 + 20 = 80" in ask("kalau KUBE natuna ditambah 20 KK, total KUBE jadi berapa")


def test_every_kab_kota_with_a_figure(ask) -> None:
    reply = ask("andai UEP tiap daerah yg tercatat dpt UEP ditambah 10 KK, total UEP jd brp")
    assert "465 + 6 × 10 = 525" in reply
    assert "Anambas: tidak ada angka" not in reply
