"""The English catalog is complete and well-formed, and the bot really speaks it (numbers and dates included).

A new ``_()`` string added to the code without an English translation fails here: the template is extracted
fresh from ``bot/`` and ``handlers/`` and every msgid must be translated in ``locales/en``. To fix such a failure,
run ``make extract``, translate the new entries in ``locales/en/LC_MESSAGES/messages.po`` and run ``make catalogs``.
"""

from __future__ import annotations

import re
import string
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from bot.config import get_settings
from bot.text import i18n
from bot.text.i18n import fmt_date, fmt_pct, normalise_language, use_language

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
PO = LOCALES / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
PYBABEL = Path(sys.executable).parent / "pybabel"
# The same command as `make extract`.
EXTRACT = ["extract", "-F", "babel.cfg", "-k", "_", "-k", "N_", "-k", "ngettext:1,2", "--no-location", "--sort-output"]

# Words that occur in the Indonesian replies but never in an English one (the data itself, such as region names
# and an official's title, stays Indonesian, so words like "Kabupaten" or "Dinas" are no evidence).
INDONESIAN_ONLY = ("tahun", "penerima", "keterangan", "termasuk")


def _forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _label(message: Message) -> str:
    return repr(_forms(message.id)[0][:70])


# ---- fixtures -----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def catalog() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f, locale="en")


@pytest.fixture(scope="session")
def messages(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]


@pytest.fixture(scope="session")
def fresh_template(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The template as the code is now, extracted like `make extract` does (not the checked-in .pot)."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    result = subprocess.run(
        [str(PYBABEL), *EXTRACT, "-o", str(pot), "bot", "handlers"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with pot.open("rb") as f:
        return read_po(f)


@pytest.fixture(scope="session", autouse=True)
def compiled_catalog() -> Path:
    """The .mo the bot loads; `make` normally compiles it, here it is compiled when missing or older than the .po."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        result = subprocess.run(
            [str(PYBABEL), "compile", "-d", str(LOCALES), "-D", i18n.DOMAIN],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        i18n.translations.cache_clear()  # another test may have loaded the catalog before it existed
    return MO


# ---- the catalog is complete --------------------------------------------------------------------------------------
def test_the_catalog_has_messages(messages: list[Message]) -> None:
    assert len(messages) > 50


def test_every_message_is_translated_and_none_is_fuzzy(catalog: Catalog, messages: list[Message]) -> None:
    untranslated = [_label(m) for m in messages if not all(s.strip() for s in _forms(m.string) or [""])]
    fuzzy = [_label(m) for m in messages if m.fuzzy]
    assert not untranslated, f"{len(untranslated)} message(s) without English: " + ", ".join(untranslated)
    assert not fuzzy, "fuzzy (unchecked) translations: " + ", ".join(fuzzy)
    assert not catalog.fuzzy, "the catalog header is marked fuzzy"


def test_every_string_in_the_code_is_in_the_catalog(catalog: Catalog, fresh_template: Catalog) -> None:
    missing = [_label(m) for m in fresh_template if m.id and m.id not in catalog]
    assert not missing, (
        f"{len(missing)} string(s) in bot/ or handlers/ are not in {PO.relative_to(ROOT)}; run `make extract`, "
        "translate them and run `make catalogs`: " + ", ".join(missing)
    )


# ---- every translation is well-formed -----------------------------------------------------------------------------
def _placeholders(text: str) -> Counter[tuple[str, str | None, str | None]]:
    return Counter(
        (field, conversion, spec)
        for _literal, field, spec, conversion in string.Formatter().parse(text)
        if field is not None
    )


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")


def _html_problems(text: str) -> list[str]:
    problems, open_tags = [], []
    for closing, name in _TAG.findall(text):
        if not closing:
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            problems.append(f"unexpected </{name}>")
    problems += [f"<{name}> not closed" for name in open_tags]
    stray = _TAG.sub("", text)
    if "<" in stray or ">" in stray:
        problems.append("a bare < or > (Telegram HTML refuses it)")
    if re.search(r"&(?![a-zA-Z]+;|#\d+;)", stray):
        problems.append("a bare & (Telegram HTML refuses it)")
    return problems


def _pairs(messages: list[Message]) -> Iterator[tuple[Message, str, str]]:
    """(message, source, translation): each plural form is checked against the plural msgid."""
    for m in messages:
        ids = _forms(m.id)
        for i, text in enumerate(_forms(m.string)):
            if text:
                yield m, ids[min(i, len(ids) - 1)], text


def test_placeholders_are_the_same_as_in_the_source(messages: list[Message]) -> None:
    wrong = [
        f"{_label(m)}: {sorted(_placeholders(source))} ≠ {sorted(_placeholders(text))}"
        for m, source, text in _pairs(messages)
        if _placeholders(source) != _placeholders(text)
    ]
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_html_is_balanced_and_keeps_the_source_tags(messages: list[Message]) -> None:
    wrong = []
    for m, source, text in _pairs(messages):
        problems = _html_problems(text)
        if sorted(_TAG.findall(source)) != sorted(_TAG.findall(text)):
            problems.append(f"tags {sorted(_TAG.findall(source))} became {sorted(_TAG.findall(text))}")
        if problems:
            wrong.append(f"{_label(m)}: {'; '.join(problems)}")
    assert not wrong, "\n".join(wrong)


def test_the_html_check_catches_broken_markup() -> None:
    assert _html_problems("<b>x</i>")
    assert _html_problems("<b>x")
    assert _html_problems("a < b")
    assert _html_problems("R&D")
    assert not _html_problems("<b>Tanya Bansos</b> <i>{year}</i> &amp;")


# ---- the bot speaks it --------------------------------------------------------------------------------------------
def test_an_answer_in_english(answerer) -> None:
    with use_language("en"):
        text = answerer.answer("berapa KK di Lingga?").plain()

    assert "7,408" in text, text
    leftovers = [w for w in INDONESIAN_ONLY if re.search(rf"\b{w}\b", text, re.IGNORECASE)]
    assert not leftovers, f"Indonesian words {leftovers} in the English reply:\n{text}"


def test_the_same_answer_in_indonesian(answerer) -> None:
    with use_language("id"):
        text = answerer.answer("berapa KK di Lingga?").plain()

    assert "7.408" in text, text
    assert "7,408" not in text
    assert re.search(r"\btahun\b", text), text


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_example_questions_offered_are_understood(answerer, language: str) -> None:
    """Examples become buttons that ask them; the understander must get the translated ones too."""
    with use_language(language):
        examples = answerer.examples()
        replies = {q: answerer.answer(q) for q in examples}

    assert examples
    not_understood = [q for q, reply in replies.items() if not reply.understood or reply.intent == "unknown"]
    assert not not_understood, f"example questions the bot does not understand in {language!r}: {not_understood}"


@pytest.mark.parametrize(("language", "expected"), [("id", "40,7%"), ("en", "40.7%")])
def test_percentages_follow_the_language(language: str, expected: str) -> None:
    with use_language(language):
        assert fmt_pct(0.4069) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("id", "Senin, 30 November 2026"), ("en", "Monday, 30 November 2026")]
)
def test_dates_follow_the_language(language: str, expected: str) -> None:
    with use_language(language):
        assert fmt_date(date(2026, 11, 30)) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en-US", "en"), ("en", "en"), ("EN_gb", "en"), ("id", "id"), ("in", "id"), ("", "id"), (None, "id")],
)
def test_telegram_language_codes_are_normalised(code: str | None, expected: str) -> None:
    assert normalise_language(code) == expected


def test_a_reader_without_a_language_gets_the_default_the_caller_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    """i18n reads no settings behind the caller's back: DEFAULT_LANGUAGE only counts where it is passed in."""
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    get_settings.cache_clear()
    try:
        assert normalise_language(None) == "id"
        assert normalise_language(None, get_settings().default_language) == "en"
        assert normalise_language("id", "en") == "id"
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_the_i18n_module_does_not_import_the_settings() -> None:
    assert "bot.config" not in Path(i18n.__file__).read_text(encoding="utf-8")


def test_english_replies_explain_kk_once() -> None:
    from bot.answering.reply import Reply
    from bot.answering.ui import explain_terms

    with use_language("en"):
        reply = explain_terms(explain_terms(Reply("Lingga: 7,408 KK; Batam: 23,945 KK")))
        assert reply.html.count("households") == 1, reply.html
        assert "households" not in explain_terms(Reply("No figures here.")).html
    with use_language("id"):
        assert explain_terms(Reply("7.408 KK")).html == "7.408 KK"


@pytest.mark.parametrize("language", ["id", "en"])
def test_chart_captions_name_programs_as_the_answers_do(answerer, language: str) -> None:
    from bot.answering.charts import chart_caption
    from bot.answering.reply import ChartRequest
    from bot.figures.wording import Wording

    facts = answerer.facts
    program = next(p for p in facts.program_list if p.short_en and p.short_en != p.short)
    with use_language(language):
        caption = chart_caption(facts, ChartRequest(facts.latest_year, program.code))
        assert Wording(facts).pname(program, short=True) in caption, caption


def test_programs_json_is_read_once(service, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.figures import reference

    reads: list[Path] = []
    original = Path.read_text

    def counting(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "programs.json":
            reads.append(self)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counting)
    data_dir = service.settings.data_dir
    first = reference.program_texts(data_dir)
    for _ in range(3):
        assert reference.program_texts(data_dir) is first
        service.invalidate()
        service.answerer()  # rebuilding the facts snapshot does not read the file again
    assert reads == [], reads
