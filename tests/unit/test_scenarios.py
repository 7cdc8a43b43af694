"""What-ifs and numbers the user typed (bot/understanding/scenarios.py, bot/answering/scenarios.py): the change read
from the words whatever the sentence around it, computed on the 2022 figures and labelled a calculation; what cannot
be computed safely declined, never answered with another computation."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understanding import scenarios
from bot.understanding.intents import Intent
from bot.understanding.lexicon import canonical_words, load_lexicon

DATA = Path(__file__).resolve().parents[2] / "data"
BATAM, ANAMBAS, NATUNA = "21.71", "21.05", "21.03"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(DATA)


@pytest.fixture(scope="module")
def vocab(lexicon):
    return scenarios.load_vocabulary(DATA, lexicon)


@pytest.fixture(scope="module")
def understand(answerer):
    return answerer.understander.understand


@pytest.mark.parametrize(
    ("text", "value", "percent", "money"),
    [
        ("naik 10%", 10, True, False),
        ("turun 2,5 persen", 2.5, True, False),
        ("target 60 ribu KK", 60000, False, False),
        ("tiap KK 5 juta", 5_000_000, False, True),
        ("dapat Rp5.000.000", 5_000_000, False, True),
        ("ditambah 1.000 KK", 1000, False, False),
        ("lebih dari 12rb", 12000, False, False),
        ("per KK 1,5 jt", 1_500_000, False, True),
    ],
)
def test_a_number_typed_is_read_with_its_unit(vocab, text, value, percent, money) -> None:
    [n] = scenarios.numbers(text, vocab)
    assert n.value == pytest.approx(value)
    assert (n.percent, n.money) == (percent, money)


def test_a_year_named_is_no_amount(vocab) -> None:
    assert [n.value for n in scenarios.numbers("target 60 ribu, kurang berapa dari 2022?", vocab, [2022])] == [60000]
    assert scenarios.numbers("UEP Batam lebih dari 200 belum?", vocab)[0].value == 200


@pytest.mark.parametrize(
    ("question", "change", "amount", "target", "ask"),
    [
        ("kalau PMKS batam naik 10%, jadi brp?", "percent", 10, BATAM, "value"),
        ("misal PMKS Batam turun 5 persen jadi berapa", "percent", -5, BATAM, "value"),
        ("if PMKS in Batam rises 10%, what would it be?", "percent", 10, BATAM, "value"),
        ("Misal PMKS Anambas dua kali lipat, masih terendah gak?", "factor", 2, ANAMBAS, "least"),
        ("seandainya PMKS Anambas digandakan, masih paling sedikit?", "factor", 2, ANAMBAS, "least"),
        ("kalau PMKS Batam turun setengahnya, masih terbanyak?", "factor", 0.5, BATAM, "most"),
        ("misal bskk ditambah 1000 KK untuk natuna, total bskk jadi brp", "add", 1000, NATUNA, "total"),
        ("andaikan anambas dapat UEP 10 KK juga, total UEP jadi brp", "set", 10, ANAMBAS, "total"),
        ("andai Anambas dapat sama dengan Natuna, total kepri jadi brp?", "equal", 0, ANAMBAS, "total"),
        ("what if Anambas got as many as Natuna, what would the total be?", "equal", 0, ANAMBAS, "total"),
        ("berapa KK lagi biar anambas nyamain natuna", "equal", 0, ANAMBAS, "gap"),
        ("andai natuna dapat uep 40 kk lagi", "add", 40, NATUNA, "value"),
        ("kalau batam dapat 500 lagi, total kepri jadi brp", "add", 500, BATAM, "total"),
    ],
)
def test_one_change_to_one_figure_is_read_whatever_the_words_around_it(
    understand, question, change, amount, target, ask
) -> None:
    u = understand(question)
    assert u.intent == Intent.SCENARIO
    s = u.scenario
    assert s is not None
    assert (s.change, s.target, s.ask, s.declined) == (change, target, ask, "")
    assert s.amount == pytest.approx(amount)


@pytest.mark.parametrize(
    ("question", "typed", "ask", "money"),
    [
        ("kalau target tahun depan 60 ribu KK, kurang berapa dari 2022?", 60000, "gap", None),
        ("bskk kurang brp dari 12 ribu?", 12000, "gap", None),
        ("UEP Batam udah lebih dari 200 belum?", 200, "above", None),
        ("total bansos Kepri kurang dari 60 ribu ya?", 60000, "below", None),
        ("kalo tiap KK UEP dapat 5 juta, total anggarannya brp", None, "money", 5_000_000),
        ("misal per KK 1 juta, total duit PMKS brp", None, "money", 1_000_000),
    ],
)
def test_a_number_to_compare_or_an_amount_per_kk_is_read(understand, question, typed, ask, money) -> None:
    u = understand(question)
    assert u.intent == Intent.SCENARIO
    s = u.scenario
    assert s is not None
    assert (s.change, s.typed, s.ask, s.money) == (None, typed, ask, money)
    assert u.year is None  # "tahun depan" is the what-if's year, not one asked of the data


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("kalau Batam naik 10% dan Bintan turun 5%, total jadi brp?", "two_changes"),
        ("kalau PMKS batam naik, jadi berapa?", "unreadable"),
        ("Kalau saya daftar sekarang, pasti dapat tahun depan kan?", "personal"),
    ],
)
def test_what_cannot_be_computed_safely_is_declined(understand, ask, question, why) -> None:
    u = understand(question)
    assert u.intent == Intent.SCENARIO
    assert u.scenario is not None
    assert u.scenario.declined == why
    reply = ask(question)
    assert "22.465" not in reply
    assert "23.945" not in reply


@pytest.mark.parametrize(
    "question",
    [
        "kalau Batam berapa?",
        "UEP + KUBE kalau dijumlah jadi berapa",
        "kalau Batam sama Bintan digabung berapa?",
        "kab/kota mana yang lebih dari 5000 KK?",
        "Batam berapa kali lipat Bintan",
        "PMKS Karimun 2022 berapa",
        "seandainya KUBE dibagi rata ke 7 kab/kota, masing2 brp?",
    ],
)
def test_other_questions_are_no_scenario(understand, question) -> None:
    assert understand(question).intent != Intent.SCENARIO


@pytest.mark.parametrize(
    ("question", "must", "must_not"),
    [
        ("kalau PMKS batam naik 10%, jadi brp?", ["22.465", "24.711,5", "24.712", "2022", "Sumber", "bukan data"], []),
        ("Misal PMKS Anambas dua kali lipat, masih terendah gak?", ["2.394", "Tidak", "Natuna", "2.159"], []),
        ("andai Anambas dapat sama dengan Natuna, total kepri jadi brp?", ["58.849", "59.821"], ["3.366"]),
        ("Andaikan Natuna dapat BSKK sama kayak Lingga, total BSKK jadi brp?", ["14.438", "0"], []),
        ("kalo tiap KK UEP dapat 5 juta, total anggarannya brp", ["465", "Rp2.325.000.000", "2,3 miliar"], []),
        ("kalau target tahun depan 60 ribu KK, kurang berapa dari 2022?", ["1.151"], ["2027"]),
        ("UEP Batam udah lebih dari 200 belum?", ["Tidak", "192"], []),
    ],
)
def test_the_reply_shows_base_computation_and_that_it_is_no_data(ask, question, must, must_not) -> None:
    reply = ask(question)
    assert all(m in reply for m in must), reply
    assert not any(m in reply for m in must_not), reply


words = st.sampled_from(
    [
        "kalau",
        "misal",
        "andai",
        "seandainya",
        "naik",
        "turun",
        "tambah",
        "kurang",
        "lipat",
        "dua",
        "kali",
        "sama",
        "dengan",
        "tiap",
        "kk",
        "per",
        "juta",
        "ribu",
        "rp",
        "%",
        "persen",
        "target",
        "lebih",
        "dari",
        "berapa",
        "jadi",
        "total",
        "terendah",
        "terbanyak",
        "batam",
        "natuna",
        "anambas",
        "pmks",
        "uep",
        "10",
        "5",
        "1.000",
        "2022",
        "x",
        ",",
        "?",
        "lagi",
        "biar",
        "tambahan",
        "cuma",
        "masing2",
        "each",
        "keseluruhan",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(words, max_size=14), st.text(max_size=40))
def test_the_reader_never_raises(vocab, lexicon, chosen, noise) -> None:
    text = " ".join(chosen) + " " + noise
    found = scenarios.read(canonical_words(text, lexicon), text, [], vocab, hypothetical=True)
    assert found is None or isinstance(found, scenarios.Scenario)
    scenarios.numbers(text, vocab)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=12))
def test_any_what_if_sentence_gets_a_reply(answerer, chosen) -> None:
    reply = answerer.answer(" ".join(chosen))
    assert reply.html


class _Place:
    def __init__(self, code: str, start: int) -> None:
        self.code, self.start = code, start


@settings(max_examples=300, deadline=None)
@given(st.lists(words, max_size=14), st.lists(st.integers(0, 13), max_size=3), st.booleans())
def test_the_reading_itself_raises_nothing_whatever_places_are_found(vocab, lexicon, chosen, starts, hypothetical):
    """The safety net of :func:`scenarios.read` is never what keeps it from raising: the reading below it is sound."""
    text = " ".join(chosen)
    places = [_Place(code, at) for code, at in zip((BATAM, ANAMBAS, NATUNA), sorted(set(starts)), strict=False)]
    found = scenarios._read(canonical_words(text, lexicon), text, places, vocab, hypothetical, [2022], True, False)
    assert found is None or found.change in (None, *scenarios.CHANGE_KINDS)
    assert found is None or found.ask in scenarios.ASKS


LINGGA = "21.04"


@pytest.mark.parametrize(
    ("text", "change", "amount", "target"),
    [
        ("misal lingga dpt tambahan 1000 kk pmks, total lingga jadi?", "add", 1000, LINGGA),
        ("kalau PMKS Lingga dapat extra 500, jadi berapa", "add", 500, LINGGA),
        ("andai Natuna dapat lagi 40 KK UEP", "add", 40, NATUNA),
        ("what if Lingga gets an extra 1000 PMKS households", "add", 1000, LINGGA),
        ("andai PMKS Batam cuma 20.000, total keseluruhan jadi brp", "set", 20000, BATAM),
        ("kalo pmks batam hanya 20rb jadi brp", "set", 20000, BATAM),
        ("what if Batam PMKS were only 20,000", "set", 20000, BATAM),
    ],
)
def test_more_given_is_added_and_only_so_many_is_set(understand, text, change, amount, target) -> None:
    """ "dapat tambahan 1000" adds 1000 (never sets the figure to 1000); "cuma 20.000" sets it."""
    s = understand(text).scenario
    assert s is not None and not s.declined
    assert (s.change, s.amount, s.target) == (change, amount, target)


@pytest.mark.parametrize(
    ("text", "ask", "whole"),
    [
        ("andai PMKS Batam cuma 20.000, total keseluruhan jadi brp", "total", True),
        ("kalo pmks batam hanya 20rb, total semua program jadi berapa", "total", True),
        ("kalau PMKS Batam naik 10%, total jadi brp", "total", False),
    ],
)
def test_a_total_of_every_program_is_told_from_the_programs_total(understand, text, ask, whole) -> None:
    s = understand(text).scenario
    assert s is not None and (s.ask, s.whole) == (ask, whole)


@pytest.mark.parametrize(
    ("text", "change", "amount"),
    [
        ("andai bskk natuna dan anambas masing2 dapat 500, total bskk jadi brp", "set", 500),
        ("kalau natuna sama anambas masing-masing dapat 500 kk bskk, total bskk berapa", "set", 500),
        ("if natuna and anambas each get 500 bskk households, what's the bskk total", "set", 500),
        ("andai pmks natuna dan anambas masing-masing naik 10%, total pmks jadi?", "percent", 10),
        ("misal uep natuna dan anambas masing2 ditambah 100, total uep jadi brp", "add", 100),
    ],
)
def test_one_change_to_each_of_several_places(understand, text, change, amount) -> None:
    s = understand(text).scenario
    assert s is not None and not s.declined
    assert (s.change, s.amount, s.targets) == (change, amount, (NATUNA, ANAMBAS))


@pytest.mark.parametrize(
    "text",
    [
        "andai bskk natuna dan anambas dapat 500, total bskk jadi brp",  # 500 each, or together?
        "andai natuna dan anambas masing2 dapat 500, masih terendah?",  # a rank of several changed places
        "andai natuna dan anambas masing2 dapat 5 juta, total anggarannya",  # rupiah, not KK
    ],
)
def test_several_places_changed_is_computed_only_when_each_is_said(understand, ask, text) -> None:
    s = understand(text).scenario
    assert s is None or s.declined or not s.targets
    assert "masing-masing mendapat" not in ask(text)


def test_each_place_changed_is_shown_and_the_total_after(ask) -> None:
    reply = ask("andai bskk natuna dan anambas masing2 dapat 500, total bskk jadi brp")
    assert "Kabupaten Natuna: tidak ada angka" in reply and "11.638 − 0 + 1.000 = 12.638 KK" in reply
    assert "bukan data" in reply


def test_figures_typed_with_or_without_separators() -> None:
    from bot.answering.base import typed_figures

    assert typed_figures("58849 dibagi 7 kab kota") == [58849]
    assert typed_figures("total 58.849 dibagi 7") == [58849]
    assert typed_figures("tahun 2022 ada 1,288 KK") == [1288]
    assert typed_figures("500 ribu per kk, 10%, 3000an") == []


@pytest.mark.parametrize(
    ("text", "every"),
    [
        ("misal tiap kab/kota dapat tambahan 100 kk, total jadi?", "all"),
        ("kalau masing-masing daerah ditambah 50 kk uep, total uep berapa", "all"),
        ("andai setiap kabupaten dapat 100 kk pmks, total pmks jadi?", "kabupaten"),
        ("misal setiap kota dapat tambahan 1000 kk, total jadi berapa", "kota"),
    ],
)
def test_a_change_to_each_kab_kota_is_no_change_to_the_total(understand, text, every) -> None:
    """ "tiap kab/kota dapat tambahan 100" is 100 for each kab/kota, never 100 added to (or set as) the total."""
    s = understand(text).scenario
    assert s is not None and not s.declined and s.every == every and s.ask == "total"


LINGGA, BINTAN, TANJUNGPINANG = "21.04", "21.01", "21.72"


@pytest.mark.parametrize(
    ("text", "size", "members"),
    [
        ("kalo KUBE 1 kelompok isinya 10 KK, berarti ada brp kelompok", 10, False),
        ("misal per kelompok 5 KK, KUBE ada berapa kelompok", 5, False),
        ("kalau 1 KUBE = 12 KK jadi brp kelompok", 12, False),
        ("klo tiap kelompok kube 10 orang, ada brp kelompok", 10, True),
        ("if one group has 15 households, how many KUBE groups are there", 15, False),
    ],
)
def test_a_group_size_said_divides_the_figure(understand, text, size, members) -> None:
    """A count of groups asked with the size of one group said: the figure divided by it, never the figure set to
    the size ("Kalau jadi 10 KK: 60 → 10 KK")."""
    s = understand(text).scenario
    assert s is not None and not s.declined
    assert (s.ask, s.typed, s.members, s.change) == ("groups", size, members, None)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("kalau KUBE ada 6 kelompok, 1 kelompok isinya berapa KK", 6),
        ("misal KUBE dibagi jadi 5 kelompok, per kelompok brp KK", 5),
    ],
)
def test_a_number_of_groups_said_gives_the_kk_of_one(understand, ask, text, groups) -> None:
    s = understand(text).scenario
    assert s is not None and (s.ask, s.typed) == ("per_group", groups)
    assert f"60 ÷ {groups} = {60 // groups} KK per kelompok" in ask(text)


def test_the_figure_quoted_next_to_the_size_is_no_second_size(ask) -> None:
    assert "60 ÷ 10 = 6 kelompok" in ask("kalo 1 kelompok 10 kk, kube 60 kk jadi berapa kelompok")
    assert "60 ÷ 10 = 6 kelompok" in ask("kalau per kelompok 10 KK, 60 KK KUBE itu brp kelompok")


def test_groups_counted_is_a_calculation_under_the_assumption(ask) -> None:
    reply = ask("kalo KUBE 1 kelompok isinya 10 KK, berarti ada brp kelompok")
    assert "60 ÷ 10 = 6 kelompok" in reply and "anggapan Anda" in reply and "→ 10 KK" not in reply
    assert "8 kelompok berisi 7 KK dan sisa 4 KK" in ask("kalau 1 kelompok isinya 7 KK, KUBE ada berapa kelompok")


@pytest.mark.parametrize(
    "text",
    [
        "KUBE ada berapa kelompok",  # no size said: the count of groups is not held
        "KUBE 60 kelompok ya?",
        "KUBE 1 kelompok berapa KK?",  # the size asked, not given
    ],
)
def test_no_group_size_no_division(understand, text) -> None:
    s = understand(text).scenario
    assert s is None or s.ask != "groups"


@pytest.mark.parametrize(
    ("text", "giver", "receiver", "typed", "ask"),
    [
        ("kalau BSKK lingga dipindah semua ke natuna, natuna total jd brp", LINGGA, NATUNA, None, "total"),
        ("andai UEP batam dialihkan ke bintan, bintan jadi brp", BATAM, BINTAN, None, "value"),
        ("seandainya PMKS anambas dipindah ke natuna", ANAMBAS, NATUNA, None, "value"),
        ("misal 500 KK PMKS dipindahkan dari batam ke anambas, anambas jadi brp", BATAM, ANAMBAS, 500, "value"),
        ("misal ke natuna dialihkan UEP batam, jadi berapa", BATAM, NATUNA, None, "value"),
    ],
)
def test_a_figure_moved_from_one_place_to_another(understand, text, giver, receiver, typed, ask) -> None:
    s = understand(text).scenario
    assert s is not None and not s.declined
    assert (s.change, s.other, s.target, s.typed, s.ask) == ("move", giver, receiver, typed, ask)


def test_a_move_changes_both_places_and_keeps_the_province(ask) -> None:
    reply = ask("kalau BSKK lingga dipindah semua ke natuna, natuna total jd brp")
    assert "2.169 + 2.800 = 4.969 KK" in reply and "7.408 − 2.800 = 4.608 KK" in reply
    assert "tetap 11.638 KK" in reply and "bukan data" in reply
    assert "Tidak bisa dihitung" in ask("misal 5000 KK UEP batam dipindah ke bintan, bintan jadi brp")


@pytest.mark.parametrize(
    "text",
    [
        "kalau saya pindah dari lingga ke batam, bantuan saya gimana",  # the asker moves house
        "kalau penerima PMKS dipindah dari batam ke bintan, bantuannya ikut pindah?",  # what becomes of the aid
        "kalau warga lingga pindah ke batam masih dapat bansos?",
    ],
)
def test_people_moving_is_no_figure_moved(understand, text) -> None:
    s = understand(text).scenario
    assert s is None or s.change != "move"


@pytest.mark.parametrize(
    ("text", "other", "every"),
    [
        ("andai semua 7 kab/kota dpt uep sama kyk tpi, totalnya brp", TANJUNGPINANG, "all"),
        ("kalau tiap daerah dapat PMKS sebanyak lingga, total jadi brp", LINGGA, "all"),
        ("misal semua kab/kota dpt BSKK sama dengan batam", BATAM, "all"),
        ("kalau semua kabupaten dapat PMKS sama kayak natuna, total jadi brp", NATUNA, "kabupaten"),
        ("seandainya seluruh daerah dapat UEP sama spt bintan, total berapa", BINTAN, "all"),
    ],
)
def test_every_place_set_to_one_place(understand, text, other, every) -> None:
    s = understand(text).scenario
    assert s is not None and not s.declined
    assert (s.change, s.other, s.every, s.ask) == ("equal", other, every, "total")


def test_every_place_set_to_one_is_counted_times_its_figure(ask) -> None:
    reply = ask("andai semua 7 kab/kota dpt uep sama kyk tpi, totalnya brp")
    assert "7 × 70 = 490 KK" in reply and "465 KK" in reply and "bukan data" in reply
    assert "pengandaian ini tidak bisa" not in reply
    reply = ask("kalau semua kabupaten dapat PMKS sama kayak natuna, total jadi brp")
    assert "5 × 2.159 = 10.795 KK" in reply and "total 38.411 KK" in reply
