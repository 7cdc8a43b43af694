"""The question corpus (tests/corpus/questions.tsv): realistic questions and what each reply must contain."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus" / "questions.tsv"
HELDOUT = Path(__file__).parent / "corpus" / "heldout.tsv"
"""Written by someone who never saw the code or the first corpus: a check that understanding generalises."""


def load_corpus(path: Path = CORPUS) -> list[tuple[str, str, list[str], list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    split = lambda s: [p.strip() for p in (s or "").split(" | ") if p.strip()]  # noqa: E731
    return [(r["category"], r["question"], split(r["must"]), split(r["must_not"])) for r in rows]


CASES = load_corpus()
HELDOUT_CASES = load_corpus(HELDOUT)


def test_corpus_is_large_and_covers_every_category() -> None:
    categories = {c for c, *_ in CASES}
    assert len(CASES) >= 150
    assert {
        "region",
        "program",
        "program_region",
        "group",
        "province",
        "ranking",
        "compare",
        "share",
        "year",
        "info",
        "list",
        "personal",
        "sub_region",
        "outside",
        "ambiguous",
        "greeting",
        "thanks",
        "help",
        "unknown",
    } <= categories


@pytest.mark.parametrize(
    ("category", "question", "must", "must_not"),
    CASES + HELDOUT_CASES,
    ids=[f"{c}:{q[:40]}" for c, q, *_ in CASES + HELDOUT_CASES],
)
def test_user_asks_and_the_reply_holds_the_figures(ask, category, question, must, must_not) -> None:
    reply = ask(question)
    missing = [m for m in must if m not in reply]
    present = [m for m in must_not if m in reply]
    assert not missing and not present, f"{question!r} → missing {missing}, unexpected {present}\n---\n{reply}"
