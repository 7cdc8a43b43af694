"""Issue 8, round 5: clear figures questions are not asked back over a word that only resembles what they name, the
bot answers questions about itself, how-to questions get the step asked, several look-ups are each answered, and a
town is never silently answered with its kab/kota's figures. Cases are built from the data files where they can be
(the kinds of PMKS, the town aliases, the general texts), so a row added there is checked here too."""

from __future__ import annotations

import csv
import dataclasses
import json

import pytest

from bot.config import PROJECT_DIR
from bot.understanding.gazetteer import Gazetteer
from bot.understanding.intents import FIGURE_INTENTS, Intent

DATA = PROJECT_DIR / "data"
BATAM_PMKS = "22.465 KK"


@pytest.fixture(scope="module")
def understand(answerer):
    return answerer.understander.understand


# ---- one word that only resembles what it names --------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "program", "typed"),
    [("pmsk batam brp", "PMKS", "pmsk"), ("ueb bintan berapa kk", "UEP", "ueb"), ("bksk lingga", "BSKK", "bksk")],
)
def test_a_misspelt_program_code_is_read_as_that_program_and_the_reply_says_so(
    understand, ask, question, program, typed
) -> None:
    u = understand(question)
    assert u.programs == [program] and u.intent in FIGURE_INTENTS
    assert (typed, program) in u.readings
    assert f"“{typed}” saya baca sebagai" in ask(question)


@pytest.mark.parametrize("question", ["pkhh batam berapa", "bpn batam berapa", "ukm batam berapa"])
def test_a_word_near_a_national_program_or_an_everyday_acronym_is_never_read_as_a_dinsos_program(
    understand, question
) -> None:
    u = understand(question)
    assert not u.programs and not u.readings


def test_an_ordinary_word_is_read_as_a_kabupaten_only_when_it_is_the_name_with_a_letter_more(understand, ask) -> None:
    assert [r.code for r in understand("bskk bintang brp kk").regions] == ["21.01"]
    assert "“bintang” saya baca sebagai Kabupaten Bintan" in ask("bskk bintang brp kk")
    batal = understand("bansos batal berapa")  # one letter changed: not Batam
    assert not batal.regions and batal.intent == Intent.UNSURE


def test_a_word_of_address_before_a_comma_and_a_number_as_typed_are_not_asked_back(understand) -> None:
    assert understand("ngab, karimun uep dpt brp").intent in FIGURE_INTENTS
    assert understand("btw batam bskk cuma 1rb an doang ya?").intent in FIGURE_INTENTS
    assert understand("suhu, uep batam brp").topic is None  # "suhu" (master), not the weather


def test_a_common_word_that_only_looks_like_a_town_is_that_word_once_a_place_is_named(understand) -> None:
    u = understand("Berape ramai KK kat Lingga yang dapat bantuan PMKS?")  # "ramai" (many) is not Ranai
    assert u.intent in FIGURE_INTENTS and [r.code for r in u.regions] == ["21.04"]


def _group_words() -> list[str]:
    lexicon = json.loads((DATA / "lexicon.json").read_text(encoding="utf-8"))
    return lexicon["not_held"]["group"]


@pytest.mark.parametrize("kind", _group_words())
def test_every_kind_of_recipient_the_figures_do_not_break_down_gets_no_figure(ask, kind) -> None:
    reply = ask(f"PMKS {kind} di Batam berapa?")
    assert BATAM_PMKS not in reply, reply


# ---- about the bot --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("Bot, kamu sendiri dapat bansos juga ga?", "self_aid"),
        ("kamu robot atau manusia sih", "identity"),
        ("kemana saya bisa menyampaikan keluhan soal bansos?", "complaint"),
        ("boleh saya kutip angkanya untuk skripsi?", "quote"),
        ("tolong kirim dalam bentuk excel", "export"),
        ("Are you a bot?", "identity"),
    ],
)
def test_questions_about_the_bot_itself_are_answered_without_figures(understand, answerer, question, aspect) -> None:
    u = understand(question)
    assert u.intent == Intent.ABOUT_BOT and u.about_bot == [aspect]
    reply = answerer.answer(question)
    assert reply.intent == Intent.ABOUT_BOT and "58.849" not in reply.plain() and "58,849" not in reply.plain()


def test_a_figures_question_addressed_to_the_bot_is_still_a_figures_question(understand) -> None:
    assert understand("bot, PMKS Batam berapa").intent in FIGURE_INTENTS
    assert understand("kamu dapat data dari mana").intent == Intent.ABOUT_DATA


# ---- how to apply: the step asked -----------------------------------------------------------------------------
def _general() -> dict[str, str]:
    return json.loads((DATA / "programs.json").read_text(encoding="utf-8"))["general"]["id"]


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("daftar bansos bayar ga?", "free"),
        ("bisa daftar bantuan secara online?", "online"),
        ("mau daftar bantuan, ke mana dulu?", "first"),
        ("berkas apa yang dibawa untuk daftar UEP?", "documents"),
    ],
)
def test_a_step_of_applying_is_answered_with_its_own_text_first(understand, ask, question, aspect) -> None:
    u = understand(question)
    assert u.intent == Intent.INFO and u.info_aspects[0] == aspect
    assert _general()[aspect] in ask(question)


@pytest.mark.parametrize(
    "question", ["cara bikin akun tiktok", "syarat jadi pacar admin apa", "cara daftar grab di batam"]
)
def test_joining_something_else_gets_no_registration_steps(understand, question) -> None:
    assert understand(question).intent == Intent.OUT_OF_SCOPE


# ---- several parts --------------------------------------------------------------------------------------------
def test_two_look_ups_joined_by_terus_are_each_answered(answerer) -> None:
    reply = answerer.answer("PMKS Batam berapa, terus UEP Natuna berapa?")
    assert reply.intent == Intent.MULTI
    text = reply.plain()
    assert BATAM_PMKS in text and "10 KK" in text and "Perbandingan" not in text


def test_a_place_outside_asked_beside_a_kepri_one_is_said_to_be_outside(answerer, understand) -> None:
    text = answerer.answer("PMKS Natuna dan Medan berapa?").plain()
    assert "2.159 KK" in text and "Medan" in text and "di luar cakupan" in text
    assert understand("berapa penerima bansos di lingga, Sumatera Utara?").intent == Intent.OUTSIDE


# ---- towns ----------------------------------------------------------------------------------------------------
def _town_aliases() -> list[tuple[str, str]]:
    with (DATA / "region_aliases.csv").open(encoding="utf-8", newline="") as fh:
        return [(r["alias"], r["wilayah"]) for r in csv.DictReader(fh) if r["wilayah"].count(".") >= 2]


@pytest.mark.parametrize(("alias", "code"), _town_aliases())
def test_a_town_or_island_is_answered_with_its_kab_kota_figure_and_a_note_that_says_so(
    understand, ask, alias, code
) -> None:
    u = understand(f"berapa KK penerima di {alias}?")
    assert u.regions and u.regions[0].sub_code == code
    reply = ask(f"berapa KK penerima di {alias}?")
    assert "Data tersedia per kab/kota" in reply


def test_an_alias_kept_for_both_a_kab_kota_and_a_place_inside_stands_for_the_place_inside(answerer) -> None:
    """A store seeded before the town aliases moved keeps the old row too (aliases are only ever added)."""
    facts = answerer.facts
    stale = dataclasses.replace(facts, aliases=[*facts.aliases, ("tanjung uban", "21.01")])
    gazetteer = Gazetteer(stale, answerer.understander.lexicon)
    assert {e.code for e in gazetteer.index["tanjunguban"]} == {"21.01.07"}


def test_region_aliases_csv_names_only_regions_of_the_store(answerer) -> None:
    assert all(code in answerer.facts.regions for _alias, code in _town_aliases())
