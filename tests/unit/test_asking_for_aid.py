"""Asking to get aid, inside a story or beside another question: a wish for aid is no status check, a modal before or
closing a word of getting asks how to join, the asker's own living does not pick the economic programs, a national
program named as one form of aid beside another names the form, and a document "sent" to the bot is told the bot
receives no applications. Cases are built from the lexicon's 'wanting' words where they can be."""

from __future__ import annotations

import json

import pytest

from bot.config import PROJECT_DIR
from bot.understanding.intents import FIGURE_INTENTS, Intent

WANTING = json.loads((PROJECT_DIR / "data" / "lexicon.json").read_text(encoding="utf-8"))["wanting"]


@pytest.fixture(scope="module")
def understand(answerer):
    return answerer.understander.understand


@pytest.mark.parametrize("desire", WANTING["desire"][:8])
def test_a_wish_for_a_program_is_no_status_check(understand, desire) -> None:
    u = understand(f"kawan2 saya {desire} dapat bantuan KUBE. KUBE itu apa")
    assert u.intent == Intent.INFO, desire
    assert {"what", "apply"} <= set(u.info_aspects), desire


@pytest.mark.parametrize(
    "question",
    [
        "ape tu KUBE, boleh ke kite ikut",
        "KUBE itu apa, bisa gak kami ikut?",
        "can we join KUBE?",
        "bisa tidak saya daftar UEP",
        "mau ikut UEP, bisa?",
        "saya mau dapat modal dari dinsos kepri bisa?",
    ],
)
def test_a_modal_around_getting_asks_how_to_join(understand, question) -> None:
    u = understand(question)
    assert u.intent == Intent.INFO, question
    assert "apply" in u.info_aspects, question


@pytest.mark.parametrize(
    "question",
    ["Natuna gak dapat bantuan kesejahteraan keluarga ya? kenapa bisa gitu?", "berapa yang bisa ikut KUBE di Batam"],
)
def test_a_modal_that_does_not_ask_whether_one_can_changes_nothing(understand, question) -> None:
    assert "apply" not in understand(question).info_aspects, question


def test_the_askers_own_living_does_not_pick_the_economic_programs(understand) -> None:
    u = understand(
        "Saya janda nelayan di Natuna, penghasilan tidak menentu. Apakah saya bisa dapat dan bagaimana caranya"
    )
    assert u.intent == Intent.INFO and not u.group and not u.programs
    assert "eligibility" in u.aid_notes
    assert understand("sy jualan gorengan, mau dapet modal usaha bisa ga?").group  # capital asked: the programs


@pytest.mark.parametrize(
    "question",
    ["BSKK bentuknya apa uang atau sembako", "PMKS dapat sembako atau uang tunai?", "bskk duit atau sembako"],
)
def test_a_national_program_named_as_a_form_of_aid_is_the_form(understand, question) -> None:
    u = understand(question)
    assert not u.national and u.intent not in FIGURE_INTENTS, question


def test_sembako_alone_is_still_the_national_program(understand) -> None:
    assert understand("sembako kapan cair").national


@pytest.mark.parametrize(
    "question",
    [
        "[dokumen: surat_permohonan_UEP.pdf] udah saya kirim, diterima?",
        "[foto] ini formulir pendaftaran saya, sudah masuk belum?",
        "[dokumen: berkas.pdf] tolong diproses ya",
    ],
)
def test_a_document_sent_as_an_application_is_not_received(answerer, question) -> None:
    text = answerer.answer(question).plain()
    assert "tidak bisa menerima atau memproses pengajuan" in text
    assert " KK" not in text, text  # never a figure


def test_whether_a_program_is_in_a_place_says_what_the_data_holds(answerer) -> None:
    f = answerer.facts
    year = f.current_year
    for kab in f.kabkota:
        for p in f.program_list:
            text = answerer.answer(f"di {kab.short} ada {p.code} gak? kalau mau ikut gimana").plain()
            n = f.cell(year, p.code, kab.code)
            if n is not None:
                assert f"{n:,}".replace(",", ".") in text and "Cara mendaftar" in text, (kab.short, p.code, text)
            else:
                assert "tidak ada data" in text or "tidak menyebut" in text or "tanpa rincian" in text, (
                    kab.short,
                    p.code,
                    text,
                )
