"""The one callback-data grammar: every button the bot draws parses back to what it asked for, buttons on messages
sent by older versions still work, and anything else is refused (so the chat says "tombol tidak berlaku")."""

from __future__ import annotations

import pytest

from bot.answering.actions import ANSWER_KINDS, MAX_BYTES, Action, Kind, parse_action
from bot.answering.ui import language_prompt
from handlers.buttons import ROUTES

ROUND_TRIP = [
    Action(Kind.REGION, region="21.71", year=2022),
    Action(Kind.REGION, region="21.04"),
    Action(Kind.PROGRAM, program="UEP", year=2022),
    Action(Kind.PROGRAM_REGION, program="UEP", region="21.71", year=2022),
    Action(Kind.INFO, program="KUBE"),
    Action(Kind.LIST_PROGRAMS),
    Action(Kind.LIST_REGIONS),
    Action(Kind.LIST_REGIONS, page=3),
    Action(Kind.RANKING, program="SEMUA", year=2022, page=2),
    Action(Kind.RANKING_LEAST, program="PMKS", page=12),
    Action(Kind.SUMMARY, year=2022),
    Action(Kind.CHART),
    Action(Kind.CHART, program="PMKS", year=2022),
    Action(Kind.ASK, text="berapa KK di Lingga?"),
    Action(Kind.LANGUAGE, language="en"),
    Action(Kind.IMPORT_APPLY, token="AbC_dEf-123x"),
    Action(Kind.IMPORT_CANCEL, token="AbC_dEf-123x"),
]


@pytest.mark.parametrize("action", ROUND_TRIP, ids=lambda a: a.encode())
def test_every_kind_of_button_reads_back_as_what_it_asked_for(action: Action) -> None:
    data = action.encode()
    assert len(data.encode()) <= MAX_BYTES
    assert parse_action(data) == action


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("r:21.71:2022", Action(Kind.REGION, region="21.71", year=2022)),
        ("lang:en", Action(Kind.LANGUAGE, language="en")),
        ("imp:ok:AbC_dEf-123x", Action(Kind.IMPORT_APPLY, token="AbC_dEf-123x")),
        ("imp:no:AbC_dEf-123x", Action(Kind.IMPORT_CANCEL, token="AbC_dEf-123x")),
    ],
)
def test_buttons_on_messages_already_sent_still_work(data: str, expected: Action) -> None:
    assert parse_action(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "garbage",
        "lang:xx",
        "lang:",
        "imp:ok:",
        "imp:maybe:AbC_dEf-123x",
        "imp:ok:<b>",
        "ask:",
        "x:zz:9.9",
        "r:21.71:2022:1",
        "lr:0",
        "lr:abc",
        "rk:SEMUA",
        "rk:SEMUA:0",
        "rk:<b>:2",
        "s:abcd",
        "\ud800",
        "r:" + "1" * 80,
    ],
)
def test_forged_or_empty_button_data_is_no_action(data: str | None) -> None:
    assert parse_action(data) is None


def test_a_long_example_question_is_shortened_to_fit() -> None:
    action = Action.ask("berapa jumlah keluarga penerima bantuan sosial di Kabupaten Kepulauan Anambas tahun 2022?")
    assert len(action.encode().encode()) <= MAX_BYTES
    assert parse_action(action.encode()) == action


def test_the_language_picker_speaks_the_grammar() -> None:
    actions = [parse_action(choice.action) for choice in language_prompt().choices]
    assert [a.language for a in actions if a is not None] == ["id", "en"]


def test_every_kind_has_exactly_one_handler() -> None:
    assert set(ROUTES) == set(Kind)
    assert ANSWER_KINDS | {Kind.LANGUAGE, Kind.IMPORT_APPLY, Kind.IMPORT_CANCEL} == set(Kind)
