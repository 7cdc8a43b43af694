"""Questions about the bot and its data: whether the aid exists at all, whether the figures are live, when the report
appeared, whether users can add data. None of them may be answered with a figure that is not the question's."""

from __future__ import annotations

import pytest

from bot.understanding.intents import Intent


@pytest.mark.parametrize(
    "question",
    [
        "kite ni orang susah, bantuan ni betol ke ade?",
        "beneran ada bansos dari dinsos?",
        "ade ke bantuan utk kami?",
    ],
)
def test_whether_the_aid_exists_is_asked_with_a_really_word_or_a_malay_particle(answerer, question: str) -> None:
    u = answerer.understander.understand(question)
    assert u.intent == Intent.INFO
    assert u.info_aspects[0] == "exists"


@pytest.mark.parametrize(
    "question",
    [
        "tidak ada bantuan betul",  # negated: a story, not the question
        "betul ada bantuan UEP di batam?",  # a program and a place: their figures
        "ada bantuan buat lansia?",  # no really word, no particle: who it is for
    ],
)
def test_other_questions_with_ada_and_bantuan_are_no_question_of_existence(answerer, question: str) -> None:
    u = answerer.understander.understand(question)
    assert "exists" not in u.info_aspects


def test_the_publication_date_is_never_made_up(ask) -> None:
    reply = ask("artikel beritanya terbit tanggal berapa?")
    assert "tidak tercantum" in reply
    assert "Harian Kepri" in reply


def test_users_cannot_add_data_through_the_chat(ask) -> None:
    reply = ask("saya mau input data desa ke bot ini")
    assert "tidak bisa ditambah atau diubah" in reply
    assert "58.849" not in reply
