"""Whatever a user types, the bot replies: never an exception, never empty, always HTML that Telegram accepts.

Telegram's ``parse_mode=HTML`` knows only a few tags (b, i, u, s, code, pre, a) and the entities ``&lt; &gt; &amp;
&quot;`` and numeric ones; one stray ``<`` or ``&`` from a user's message and the whole reply is refused.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from bot.answering.actions import parse_action
from bot.answering.reply import Reply
from bot.text.i18n import use_language

ALLOWED_TAGS = frozenset({"b", "i", "u", "s", "code", "pre", "a"})
KNOWN_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})
_BAD_AMPERSAND = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});)")
_ANY_TAG = re.compile(r"<[^>]*>")
_GOOD_TAG = re.compile(r"</?(?:b|i|u|s|code|pre)>|<a href=\"[^\"<>]+\">|</a>")
SQL = "'; DROP TABLE coverage; --"
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

QUESTION_WORDS = [
    "berapa",
    "brp",
    "kk",
    "KK",
    "di",
    "penerima",
    "bansos",
    "Batam",
    "lingga",
    "Kab.",
    "Kota",
    "Tanjung",
    "Pinang",
    "Tg.",
    "TPI",
    "KKA",
    "Sekupang",
    "UEP",
    "KUBE",
    "PMKS",
    "BSKK",
    "tahun",
    "2022",
    "2019",
    "paling",
    "banyak",
    "sedikit",
    "bandingkan",
    "dan",
    "persen",
    "%",
    "apa",
    "itu",
    "syarat",
    "daftar",
    "cek",
    "nik",
    "saya",
    "halo",
    "terima kasih",
    "Surabaya",
    "kecamatan",
    "desa",
    "program",
    "wilayah",
    "kedua",
    "vs",
]
NOISE = [
    "<b>",
    "</b>",
    "<i>",
    "<script>",
    "</script>",
    "<a href='x'>",
    "&",
    "&amp;",
    "&lt;",
    "&#0;",
    "_",
    "*",
    "`",
    "~",
    SQL,
    "\u200b",
    "\u200f",
    "\u202e",
    "\u2066",
    "\ufeff",
    "😀",
    "👍🏽",
    "🇮🇩",
    "\x00",
    "\n",
    "\t",
    "<",
    ">",
    '"',
    "'",
    "<!--",
    "-->",
    "<![CDATA[",
    "\\",
    "{}",
    "{year}",
    "%s",
    "null",
]


class TelegramHTMLChecker(HTMLParser):
    """Collects what Telegram would refuse in a reply's HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> is not Telegram HTML")
        if tag == "a" and not dict(attrs).get("href"):
            self.problems.append("<a> without href")
        if tag != "a" and attrs:
            self.problems.append(f"<{tag}> with attributes {attrs}")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> does not close {self.stack[-1:] or 'anything'}")
        else:
            self.stack.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in KNOWN_ENTITIES:
            self.problems.append(f"unknown entity &{name};")

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"comment <!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"declaration <!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction <?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"unknown declaration {data}")


def html_problems(markup: str) -> list[str]:
    checker = TelegramHTMLChecker()
    checker.feed(markup)
    checker.close()
    problems = list(checker.problems)
    if checker.stack:
        problems.append(f"unclosed {checker.stack}")
    problems += [f"unescaped & at {m.start()}" for m in _BAD_AMPERSAND.finditer(markup)]
    problems += [
        f"not a Telegram tag: {m.group()!r}" for m in _ANY_TAG.finditer(markup) if not _GOOD_TAG.fullmatch(m.group())
    ]
    problems += [f"stray < at {i}" for i, ch in enumerate(_ANY_TAG.sub("", markup)) if ch == "<"]
    return problems


def assert_good_reply(reply: Reply, question: str) -> None:
    assert isinstance(reply, Reply)
    assert reply.html.strip(), f"empty reply to {question!r}"
    assert reply.plain().strip(), f"empty plain reply to {question!r}"
    problems = html_problems(reply.html)
    assert not problems, f"{question!r} → {problems}\n{reply.html}"
    assert "<script" not in reply.html.lower()
    for choice in reply.choices:
        assert choice.label.strip()
        assert len(choice.action.encode()) <= 64 and parse_action(choice.action) is not None, choice


# ---- the checker itself ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "markup",
    [
        "<script>x</script>",
        "a < b",
        "a & b",
        "<b>x",
        "<b>x</i>",
        "<br>",
        "<b/>",
        "&nbsp;",
        "<!-- x -->",
        "<a>x</a>",
        "<b class='x'>y</b>",
    ],
)
def test_the_html_checker_catches_what_telegram_refuses(markup: str) -> None:
    assert html_problems(markup)


def test_the_html_checker_accepts_telegram_html() -> None:
    assert html_problems('<b>7.408 KK</b> &lt;&amp;&gt; &quot; &#128512; <i>x</i> <a href="https://t.me">t</a>') == []


# ---- known awkward messages -----------------------------------------------------------------------------------
AWKWARD = [
    "",
    " ",
    "   \n\t  ",
    "x" * 10_000,
    "berapa kk di batam " * 600,
    "😀",
    "😀👍🏽🇮🇩" * 50,
    "\u200b\u200c\u200d\ufeff",
    "\u200f\u202e\u2066\u2069",
    "\u202eanatnib\u202c",
    "\u200bberapa\u200b kk di\u200f batam",
    "مرحبا كم عدد",
    "שלום",
    SQL,
    f"berapa kk di batam{SQL}",
    "1; DELETE FROM region",
    "' OR '1'='1",
    "<b>",
    "&",
    "_",
    "<script>alert('x')</script>",
    "<b>batam</b>",
    "batam & bintan",
    "<i>lingga",
    "__init__",
    "*bold* _it_ `code`",
    "&lt;script&gt;",
    "&amp;",
    "<",
    ">",
    "\x00\x01\x02",
    "\ud800 batam",
    "ＢＡＴＡＭ",
    "b\u0301atam",
    "{year} {n} %s",
    "/start",
    "/start@TanyaBansosBot",
    "@admin",
    "#bansos",
]


@pytest.mark.parametrize("question", AWKWARD, ids=[repr(q[:24]) for q in AWKWARD])
def test_an_awkward_message_gets_a_proper_reply(answerer, question: str) -> None:
    assert_good_reply(answerer.answer(question), question)


@pytest.mark.parametrize(
    "question",
    [
        "<script>alert(1)</script> berapa kk di batam",
        "batam <b>",
        "batam & bintan",
        "KK di Lingga <i>&amp;",
        f"{SQL} lingga",
    ],
)
def test_a_question_with_markup_around_a_real_question_is_still_answered(answerer, question: str) -> None:
    reply = answerer.answer(question)
    assert_good_reply(reply, question)
    assert reply.understood and reply.details["regions"], reply.plain()


# ---- a crash the property tests found (fixed) -----------------------------------------------------------------
COMPARE_WITHOUT_REGIONAL_FIGURES = [
    "bandingkan KUBE",
    "KUBE bandingkan",
    "perbandingan KUBE semua kabupaten",
    "KUBE vs",
]


@pytest.mark.parametrize("question", COMPARE_WITHOUT_REGIONAL_FIGURES)
def test_asks_to_compare_a_program_that_has_no_regional_figures_and_gets_a_reply(answerer, question: str) -> None:
    reply = answerer.answer(question)
    assert_good_reply(reply, question)
    assert "KUBE" in reply.plain()


# ---- random input ---------------------------------------------------------------------------------------------
@FAST
@given(question=st.text(max_size=400))
def test_random_unicode_always_gets_a_proper_reply(answerer, question: str) -> None:
    assert_good_reply(answerer.answer(question), question)


@FAST
@given(
    parts=st.lists(
        st.one_of(st.sampled_from(QUESTION_WORDS), st.sampled_from(NOISE), st.text(min_size=1, max_size=6)), max_size=16
    ),
    sep=st.sampled_from([" ", "", "  ", "\n", ",", "\u200b "]),
)
def test_real_question_words_mixed_with_noise_always_get_a_proper_reply(answerer, parts: list[str], sep: str) -> None:
    question = sep.join(parts)
    assert_good_reply(answerer.answer(question), question)


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(st.one_of(st.sampled_from(QUESTION_WORDS), st.sampled_from(NOISE)), max_size=12))
def test_random_questions_in_english_also_get_a_proper_reply(answerer, parts: list[str]) -> None:
    question = " ".join(parts)
    with use_language("en"):
        assert_good_reply(answerer.answer(question), question)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_button_of_a_random_reply_leads_to_a_proper_reply(answerer, data: st.DataObject) -> None:
    question = " ".join(data.draw(st.lists(st.sampled_from(QUESTION_WORDS), min_size=1, max_size=6)))
    reply = answerer.answer(question)
    if not reply.choices:
        return
    choice = data.draw(st.sampled_from(reply.choices))
    assert_good_reply(answerer.answer_action(choice.action), f"{question!r} → {choice}")


@FAST
@given(data=st.text(max_size=80))
def test_a_forged_button_gets_a_polite_reply(answerer, data: str) -> None:
    assert_good_reply(answerer.answer_action(data), data)


# ---- the store is not touched -----------------------------------------------------------------------------------
def _snapshot(engine: Engine) -> dict[str, list[str]]:
    with engine.connect() as conn:
        return {
            name: sorted(repr(tuple(r)) for r in conn.execute(text(f'SELECT * FROM "{name}"')))
            for name in sorted(inspect(engine).get_table_names())
        }


def test_an_sql_injection_looking_question_leaves_the_database_unchanged(service) -> None:
    before = _snapshot(service.engine)
    assert before.get("coverage") and before.get("region")
    for question in (
        SQL,
        "Batam'; DROP TABLE coverage; --",
        "1; DELETE FROM region; --",
        "' OR 1=1 --",
        "x'); UPDATE coverage SET households=0; --",
    ):
        assert_good_reply(service.answerer().answer(question), question)
    assert _snapshot(service.engine) == before
    assert "Kabupaten Lingga" in service.answerer().answer("berapa KK di Lingga?").plain()


# ---- lone surrogates and NUL bytes (issue 11 item 9) --------------------------------------------------------------
_ANY_CODE_POINT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=40)


@FAST
@given(data=_ANY_CODE_POINT)
def test_a_forged_button_with_lone_surrogates_gets_a_polite_reply(answerer, data: str) -> None:
    assert_good_reply(answerer.answer_action(data), ascii(data))
    assert_good_reply(answerer.answer_action("ask:" + data + "\ud83d"), ascii(data))


@pytest.mark.parametrize("question", ["apa \x00 ini", "bansos \ud800 lagi", "\x00\udfff"])
def test_an_unanswered_question_with_nul_bytes_or_surrogates_is_recorded_on_sqlite(tmp_path, question: str) -> None:
    from bot.answering.prefs import record_unanswered, top_unanswered
    from models.db import dispose_engine, get_engine, migrate

    url = f"sqlite:///{tmp_path / 'u.sqlite3'}"
    engine = get_engine(url)
    migrate(engine)
    record_unanswered(engine, question, "id")
    [(stored, count, _when)] = top_unanswered(engine)
    assert count == 1 and "\x00" not in stored
    stored.encode("utf-8")  # storable and printable everywhere
    dispose_engine(url)


@pytest.mark.postgres
def test_an_unanswered_question_with_nul_bytes_or_surrogates_is_recorded_on_postgresql(pg_url: str) -> None:
    from bot.answering.prefs import record_unanswered, top_unanswered
    from models.db import get_engine, migrate

    engine = get_engine(pg_url)
    migrate(engine)
    for question in ("apa \x00 ini", "bansos \ud800 lagi"):
        record_unanswered(engine, question, "id")
    assert sorted(text for text, _n, _w in top_unanswered(engine)) == ["apa  ini", "bansos ? lagi"]
