"""What `tanyabansos ask` keeps between starts (bot/understanding/lexicon.py): the parsed word-frequency lists, in
var/cache under the SHA-256 of the files' content — read back equal to a fresh parse, parsed again when a file
changes, and a cache that is damaged or cannot be written is skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.config
from bot.understanding import lexicon

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder of its own (var/cache under it) and a data folder with small frequency lists."""
    monkeypatch.setattr(bot.config, "PROJECT_DIR", tmp_path / "project")
    data = tmp_path / "data"
    data.mkdir()
    (data / "word_frequencies_id.tsv").write_text("# comment\nberapa\t5.5\nbatam\t3.2\nberapa\t5.9\n", "utf-8")
    (data / "word_frequencies_en.tsv").write_text("how\t6.1\nbatam\t2.0\n", "utf-8")
    return data  # no Malay list: read as empty


def caches() -> list[Path]:
    folder = bot.config.PROJECT_DIR / "var" / "cache"
    return sorted(folder.glob("frequencies-*.pickle")) if folder.exists() else []


def test_frequencies_are_parsed_once_then_read_back_equal(project) -> None:
    first = lexicon._frequencies(project)
    assert first == {"id": {"berapa": 5.9, "batam": 3.2}, "ms": {}, "en": {"how": 6.1, "batam": 2.0}}
    assert len(caches()) == 1
    assert lexicon._frequencies(project) == first
    assert len(caches()) == 1


def test_a_changed_list_is_parsed_again(project) -> None:
    lexicon._frequencies(project)
    (project / "word_frequencies_ms.tsv").write_text("berapa\t5.0\n", "utf-8")
    assert lexicon._frequencies(project)["ms"] == {"berapa": 5.0}
    assert len(caches()) == 2


def test_a_damaged_cache_is_skipped(project) -> None:
    fresh = lexicon._frequencies(project)
    for path in caches():
        path.write_bytes(b"\x80\x05 not a pickle")
    assert lexicon._frequencies(project) == fresh


def test_a_cache_that_cannot_be_written_is_skipped(project, tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    monkeypatch.setattr(bot.config, "PROJECT_DIR", blocker)  # var/cache cannot be made under a file
    assert lexicon._frequencies(project)["id"] == {"berapa": 5.9, "batam": 3.2}


def test_the_shipped_lists_read_back_as_parsed() -> None:
    """The cached lists are exactly what parsing the shipped files gives (values and order)."""
    cached = lexicon._frequencies(DATA)
    for lang in lexicon.FREQUENCY_LANGUAGES:
        parsed = lexicon._read_frequencies((DATA / f"word_frequencies_{lang}.tsv").read_bytes())
        assert cached[lang] == parsed
        assert list(cached[lang]) == list(parsed)
