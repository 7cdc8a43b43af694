"""Issue 12: answers name the provinces they cover — "Kepulauan Riau" alone (unchanged), "Riau dan Kepulauan Riau"
with two, "Riau" for a single province other than Kepri — never the placeholder "wilayah layanan" nor a hard-coded
"Kepri"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answering.reply import Reply
from bot.services import Service
from bot.text.i18n import use_language
from models.db import dispose_engine
from tests.conftest import copy_store, make_settings

QUESTIONS = ("halo", "apa itu UEP", "program apa saja", "PKH berapa", "total penerima berapa", "help")


def _store(tmp_path_factory: pytest.TempPathFactory, name: str, code: str) -> Iterator[Service]:
    url = f"sqlite:///{tmp_path_factory.mktemp(name) / 'store.sqlite3'}"
    yield Service(make_settings(url, province_code=code))
    dispose_engine(url)


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    yield from _store(tmp_path_factory, "wording-two", "21,14")


@pytest.fixture(scope="module")
def riau(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    yield from _store(tmp_path_factory, "wording-riau", "14")


@pytest.fixture(scope="module")
def kepri(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    url = copy_store(seeded_template, tmp_path_factory.mktemp("wording-kepri"))
    yield Service(make_settings(url))
    dispose_engine(url)


def replies(service: Service) -> dict[str, Reply]:
    with use_language("id"):
        return {q: service.answerer().answer(q) for q in QUESTIONS}


def everything(reply: Reply) -> str:
    return reply.plain() + "\n" + "\n".join(c.label for c in reply.choices)


def test_two_provinces_are_named_in_greeting_program_texts_and_buttons(two: Service) -> None:
    got = replies(two)
    for question, reply in got.items():
        assert "wilayah layanan" not in everything(reply), question
        assert "Dinsos Kepri" not in everything(reply), question  # ("Harian Kepri" is a source's name)
        assert not any("Kepri" in c.label for c in reply.choices), question
    assert "Dinas Sosial Provinsi Riau dan Kepulauan Riau" in got["halo"].plain()
    assert "Program Dinas Sosial Provinsi Riau dan Kepulauan Riau." in got["apa itu UEP"].plain()
    assert "Program bantuan Dinsos Riau dan Kepulauan Riau" in got["program apa saja"].plain()
    assert "Program Dinsos Riau dan Kepulauan Riau" in [c.label for c in got["PKH berapa"].choices]
    assert "Dinsos Riau dan Kepulauan Riau" in got["help"].plain()


def test_a_single_province_other_than_kepri_is_named_and_kepri_never_is(riau: Service) -> None:
    got = replies(riau)
    for question, reply in got.items():
        assert not any("Kepri" in c.label or "Kepulauan Riau" in c.label for c in reply.choices), question
        assert "Dinsos Kepri" not in everything(reply) and "Provinsi Kepulauan Riau" not in everything(reply), question
    assert "Dinas Sosial Provinsi Riau" in got["halo"].plain()
    assert "Program Dinsos Riau" in [c.label for c in got["PKH berapa"].choices]


def test_kepri_alone_keeps_its_wording(kepri: Service) -> None:
    got = replies(kepri)
    assert "asisten data bantuan sosial Dinas Sosial Provinsi Kepulauan Riau." in got["halo"].plain()
    assert "Program Dinas Sosial Provinsi Kepulauan Riau." in got["apa itu UEP"].plain()
    assert "Program bantuan Dinsos Kepulauan Riau (data tahun 2022):" in got["program apa saja"].plain()
    assert "Program Dinsos Kepulauan Riau" in [c.label for c in got["PKH berapa"].choices]
    assert "Total penerima bantuan Dinsos Kepulauan Riau tahun 2022: 58.849 KK" in got["total penerima berapa"].plain()
