"""Colloquial (Jakarta) verb forms are read as the standard word the lexicon knows: "-in" for "-kan"/"-i", "ng-",
"nge-", "ny-" for "meN-". Only forms the lexicon knows are taken, so ordinary words are left alone."""

from __future__ import annotations

import pytest

from bot.understanding.lexicon import canonical_words


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("urutin", "urutkan"),
        ("ngitung", "hitung"),
        ("bandingin", "bandingkan"),
        ("pisahin", "pisahkan"),
        ("ngecek", "cek"),
    ],
)
def test_a_colloquial_verb_is_read_as_its_standard_form(answerer, typed: str, read: str) -> None:
    assert canonical_words(typed, answerer.understander.lexicon) == [read]


@pytest.mark.parametrize("word", ["ingin", "main", "lain", "ngaku", "kain", "angin"])
def test_ordinary_words_ending_or_starting_alike_are_left_alone(answerer, word: str) -> None:
    assert canonical_words(word, answerer.understander.lexicon) != [], word
    assert canonical_words(word, answerer.understander.lexicon)[0] not in ("saya", "ingkan", "mai", "la")


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("urutin kab/kota dr yg terbanyak PMKS", "22.465"),
        ("kalo gak ngitung KUBE total jadi brp", "58.789"),
        ("tolong jumlahin UEP Batam sama Bintan", "327"),
    ],
)
def test_questions_in_colloquial_verbs_get_their_figures(ask, question: str, figure: str) -> None:
    reply = ask(question)
    assert figure in reply and "tidak saya kenali" not in reply, reply


@pytest.mark.parametrize(
    ("typed", "read"),
    [("slain", "selain"), ("slaen", "selain"), ("kcli", "kecuali"), ("slin", "selain"), ("tnpa", "tanpa")],
)
def test_an_exclusion_word_with_vowels_dropped_is_read_as_that_word(answerer, typed: str, read: str) -> None:
    assert canonical_words(typed, answerer.understander.lexicon) == [read]


@pytest.mark.parametrize("word", ["salin", "sln", "slang", "tapa", "lain", "sela"])
def test_other_words_are_not_read_as_exclusion_words(answerer, word: str) -> None:
    assert canonical_words(word, answerer.understander.lexicon)[0] not in ("selain", "kecuali", "tanpa"), word
