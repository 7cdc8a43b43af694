"""Scope by configuration: ``PROVINCE_CODE`` names one province (as always), several (``21,14``) or ``all``.

Several provinces get a root region above them, their kab/kota and the provinces themselves are answerable, names
outside the scope are still known (the bot says "not covered"); at national scope replies stay bounded and a name
shared by many regions is asked back with where each one lies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlmodel import Session, select

from benchmarks.scope_startup import add_synthetic_figures
from bot.answering.actions import Kind, parse_action
from bot.answering.base import PAGE_SIZE
from bot.config import ProvinceScope, Settings
from bot.figures.facts import ROOT_CODE, load_facts
from bot.services import Service
from models.db import dispose_engine, get_engine
from models.tables import ALL_PROGRAMS, Region
from tests.conftest import copy_store, make_settings, run_cli_in_process

pytestmark = pytest.mark.xdist_group("scope")  # the stores of two provinces and of all Indonesia are made once

KEPRI, RIAU = "21", "14"
KEPRI_TOTAL = "58.849 KK"
MAX_REPLY_CHARS = 4096  # one Telegram message
MAX_BUTTONS = PAGE_SIZE + 3  # one page of regions, "Lainnya", and at most two more (about the program, the chart)


# ---- the setting --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "codes", "everywhere"),
    [
        ("21", ("21",), False),
        ("21,14", ("21", "14"), False),
        (" 21 ; 14 ", ("21", "14"), False),
        ("21,21", ("21",), False),
        ("all", (), True),
        ("ALL", (), True),
        (("21", "14"), ("21", "14"), False),
    ],
)
def test_province_code_takes_one_several_or_all(value: object, codes: tuple[str, ...], everywhere: bool) -> None:
    scope = Settings(_env_file=None, province_code=value).province_code  # type: ignore[call-arg]
    assert (scope.codes, scope.everywhere) == (codes, everywhere)
    assert ProvinceScope.parse(scope.spec) == scope


def test_province_code_defaults_to_kepri_and_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).province_code.single == KEPRI  # type: ignore[call-arg]
    monkeypatch.setenv("PROVINCE_CODE", "21,14")
    assert Settings(_env_file=None).province_code.codes == (KEPRI, RIAU)  # type: ignore[call-arg]


@pytest.mark.parametrize("value", ["", "kepri", "2", "211", "21,x", "all,21"])
def test_a_province_code_that_is_no_code_is_refused_with_an_example(value: str) -> None:
    with pytest.raises(ValidationError, match=r"two-digit Kemendagri province code: use one code \(21\)"):
        Settings(_env_file=None, province_code=value)  # type: ignore[call-arg]


# ---- two provinces ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """Kepri and Riau on a new SQLite store (set up as `tanyabansos` does on first use)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('two') / 'store.sqlite3'}"
    yield Service(make_settings(url, province_code="21,14"))
    dispose_engine(url)


def test_every_level_of_every_scoped_province_is_seeded_and_other_provinces_by_name(two: Service) -> None:
    with Session(two.engine) as session:
        regions = session.exec(select(Region)).all()
    levels = {code: Counter(r.level for r in regions if r.province_code == code) for code in (KEPRI, RIAU, "32")}
    assert levels[KEPRI][2] == 7 and levels[KEPRI][4] > 400
    assert levels[RIAU][2] == 12 and levels[RIAU][3] > 150 and levels[RIAU][4] > 1800
    assert set(levels["32"]) == {1, 2}  # West Java: names only, for "not covered"


def test_the_snapshot_has_a_root_above_the_provinces(two: Service) -> None:
    f = two.facts
    assert f.several and not f.everywhere
    assert (f.province.code, f.province.level) == (ROOT_CODE, 0)
    assert [p.code for p in f.provinces] == [RIAU, KEPRI]
    assert {p.parent_code for p in f.provinces} == {ROOT_CODE}
    assert len(f.kabkota) == 19
    assert f.answerable("14.71.01") == f.regions["14.71"]  # a kecamatan of Pekanbaru: Pekanbaru
    assert f.answerable(RIAU) == f.regions[RIAU]  # a province is answered as itself
    assert f.province_total(2022) == 58_849  # only Kepri has figures
    assert f.region_total(2022, KEPRI) == 58_849  # its kab/kota and the 60 KK KUBE without a breakdown
    assert f.region_total(2022, RIAU) is None


def test_one_province_keeps_the_snapshot_exactly_as_before(sqlite_settings: Settings) -> None:
    f = load_facts(get_engine(sqlite_settings.database_url), KEPRI, sqlite_settings.data_dir)
    assert not f.several and f.province.code == KEPRI and f.province.parent_code is None
    assert ROOT_CODE not in f.regions
    assert f.answerable(KEPRI) is None  # the province question stays the province summary


def test_questions_across_two_provinces(two: Service) -> None:
    a = two.answerer()
    pekanbaru = a.answer("berapa KK di Pekanbaru?")
    assert pekanbaru.intent == "region" and "Kota Pekanbaru" in pekanbaru.plain()
    assert "tidak ada data" in pekanbaru.plain() and " KK" not in pekanbaru.plain().split("\n")[0]
    kepri = a.answer("berapa KK di Kepri?").plain()
    assert KEPRI_TOTAL in kepri and "Belum termasuk" not in kepri  # the KUBE without a breakdown is Kepri's own
    batam = a.answer("berapa KK di Batam?").plain()
    assert "seluruh Kepulauan Riau" in batam  # the note names Batam's province, not the root
    root = a.answer("berapa total penerima bansos?")
    assert root.intent == "province" and KEPRI_TOTAL in root.plain()
    unsure = a.answer("xyzqw brp kk").plain()
    assert "Dinas Sosial Provinsi Riau dan Kepulauan Riau" in unsure
    jambi = a.answer("berapa KK di Kota Jambi?")
    assert jambi.intent == "outside"
    assert "Provinsi Riau dan Kepulauan Riau" in jambi.plain() and "Kota Jambi (Jambi)" in jambi.plain()


def test_a_province_button_answers_that_province(two: Service) -> None:
    reply = two.answerer().answer_action(f"r:{KEPRI}:2022")
    assert reply.intent == "region" and KEPRI_TOTAL in reply.plain()


def test_widening_the_scope_of_an_existing_store_adds_the_new_province(seeded_template: Path, tmp_path: Path) -> None:
    url = copy_store(seeded_template, tmp_path)
    try:
        service = Service(make_settings(url, province_code="21,14"))
        assert len(service.facts.kabkota) == 19
        assert service.facts.province_total(2022) == 58_849  # Kepri's figures untouched
    finally:
        dispose_engine(url)


# ---- the command line ---------------------------------------------------------------------------------------------
def test_tanyabansos_ask_with_two_provinces_on_a_new_store(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite3'}", "PROVINCE_CODE": "21,14"}

    def ask(question: str) -> str:
        result = run_cli_in_process(["ask", question], env, tmp_path)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        return result.stdout

    dumai = ask("berapa KK di Kota Dumai?")  # a Riau kab/kota: covered, no figures yet
    assert "Kota Dumai, tahun 2022: tidak ada data" in dumai
    assert KEPRI_TOTAL in ask("berapa total penerima se-wilayah layanan?")
    jambi = ask("berapa KK di Kabupaten Muaro Jambi?")  # Jambi is 15: outside this scope
    assert "hanya mencakup Provinsi Riau dan Kepulauan Riau" in jambi and "Muaro Jambi (Jambi)" in jambi
    aceh = ask("berapa penerima bansos di Aceh?")
    assert "di luar cakupan" in aceh and KEPRI_TOTAL not in aceh


# ---- every province -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """All of Indonesia with made-up figures for every kab/kota outside Kepri (three programs, 2022), so rankings
    and lists are as long as they can get."""
    url = f"sqlite:///{tmp_path_factory.mktemp('national') / 'store.sqlite3'}"
    service = Service(make_settings(url, province_code="all"))
    add_synthetic_figures(service.engine)  # the scope benchmark's own made-up figures
    service.invalidate()
    yield service
    dispose_engine(url)


def test_every_province_is_in_scope_and_nothing_is_outside(national: Service) -> None:
    f = national.facts
    assert f.everywhere and f.province.name == "Indonesia"
    assert len(f.provinces) == 38 and len(f.kabkota) == 514 and len(f.regions) > 90_000
    assert ALL_PROGRAMS not in f.programs


@pytest.mark.parametrize(
    "question",
    [
        "kab/kota mana paling banyak penerima?",
        "kab/kota mana paling sedikit penerima PMKS?",
        "berapa penerima PMKS?",
        "berapa total penerima se-Indonesia?",
        "persentase tiap kab/kota",
        "bandingkan semua kab/kota",
        "kota vs kabupaten mana lebih banyak?",
        "/wilayah",
        "sukamaju",
        "berapa KK di tanjung?",
    ],
)
def test_replies_at_national_scope_stay_bounded(national: Service, question: str) -> None:
    from bot.answering.ui import public_command

    a = national.answerer()
    reply = public_command(a, question) or a.answer(question)
    assert len(reply.html) <= MAX_REPLY_CHARS, (question, len(reply.html))
    assert len(reply.choices) <= MAX_BUTTONS, (question, len(reply.choices))


def test_the_lainnya_button_pages_through_a_long_ranking(national: Service) -> None:
    a = national.answerer()
    first = a.answer("kab/kota mana paling banyak penerima?")
    assert "1. " in first.plain() and "\n11. " not in first.plain() and "kab/kota lainnya" in first.plain()
    more = [c for c in first.choices if (act := parse_action(c.action)) and act.kind is Kind.RANKING]
    assert len(more) == 1
    second = a.answer_action(more[0].action)
    assert second.intent == "ranking" and "\n11. " in second.plain() and "\n21. " not in second.plain()
    assert any(parse_action(c.action).kind is Kind.RANKING for c in second.choices)  # type: ignore[union-attr]
    last = a.answer_action("rk:SEMUA:999:2022")  # past the end: the last page
    assert "halaman 52 dari 52" in last.plain() and "514. " in last.plain()


def test_a_name_shared_across_the_country_is_asked_back_with_where_each_lies(national: Service) -> None:
    a = national.answerer()
    reply = a.answer("berapa KK di Sukamaju?")
    assert reply.intent == "ambiguous" and len(reply.choices) == 5
    assert "Kabupaten Luwu Utara, Sulawesi Selatan" in reply.plain()
    assert "wilayah lain dengan nama itu" in reply.plain()
    for question in ("berapa KK di Sukamaju, Luwu Utara?", "sukamaju di luwu utara"):
        u = a.understander.understand(question)
        assert [r.code for r in u.regions] == ["73.22"] and not u.ambiguous, (question, u.as_dict())
    u = a.understander.understand("sukamaju, aceh tenggara")
    assert [r.code for r in u.regions] == ["11.02"] and u.regions[0].sub_code


def test_a_typo_prefers_a_kab_kota_name_over_a_kecamatan_elsewhere(national: Service) -> None:
    u = national.answerer().understander.understand("berapa KK di bandong")
    candidates = [c for amb in u.ambiguous for c in amb.candidates] + [r.code for r in u.regions]
    assert set(candidates) == {"32.04", "32.73"}, u.as_dict()  # Kabupaten and Kota Bandung; never Andong, Boyolali


def test_a_chart_at_national_scope_draws_the_largest_kab_kota_and_says_so(national: Service) -> None:
    from bot.answering.charts import render_chart

    reply = national.answerer().chart(None, 2022)
    assert reply.intent == "chart" and reply.chart is not None
    assert "Grafik menampilkan 20 kab/kota terbanyak dari 514." in reply.plain()
    assert render_chart(national.facts, reply.chart).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("kepri", "PROVINCE_CODE: 'kepri' is not a two-digit Kemendagri province code: use one code (21)"),
        ("99", "PROVINCE_CODE: '99' is not a Kemendagri province code"),
    ],
)
def test_a_wrong_province_code_is_one_line_naming_the_setting(tmp_path: Path, value: str, said: str) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite3'}", "PROVINCE_CODE": value}
    result = run_cli_in_process(["ask", "berapa KK di Batam?"], env, tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"tanyabansos: {said}"), result.stderr
    assert result.stderr.count("\n") == 1


# ---- digests of several provinces -----------------------------------------------------------------------------------
def digest_text(service: Service) -> str:
    from bot.digests.dispatcher import preview
    from bot.text.i18n import use_language

    with use_language("id"):
        return preview(service, service.settings, None).reply.plain()


def test_a_digest_of_two_provinces_names_them_and_totals_each(two: Service) -> None:
    text = digest_text(two)
    assert text.startswith("Ringkasan mingguan Tanya Bansos — Riau dan Kepulauan Riau\n")
    assert "wilayah layanan" not in text
    assert f"Total penerima Riau dan Kepulauan Riau tahun 2022: {KEPRI_TOTAL}" in text
    per_province = text.split("Per provinsi\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert per_province == [f"• Kepulauan Riau: {KEPRI_TOTAL}", "• Riau: tidak ada data"]
    kabkota = text.split("Per kab/kota\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert kabkota[0].startswith("• Kota Batam: ") and len([k for k in kabkota if k.startswith("• ")]) == 10
    assert "… dan 9 kab/kota lainnya." in kabkota  # 19 kab/kota: the 10 with most recipients


def test_a_digest_of_every_province_stays_one_message(national: Service) -> None:
    text = digest_text(national)
    assert text.startswith("Ringkasan mingguan Tanya Bansos — Indonesia\n")
    per_province = text.split("Per provinsi\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(per_province) == 38
    assert "… dan 504 kab/kota lainnya." in text
    assert len(text) <= MAX_REPLY_CHARS


def test_a_digest_of_one_province_is_as_before(sqlite_settings: Settings) -> None:
    text = digest_text(Service(sqlite_settings))
    assert text.startswith("Ringkasan mingguan Tanya Bansos — Kepulauan Riau\n")
    assert f"Total penerima Kepulauan Riau tahun 2022: {KEPRI_TOTAL}" in text
    assert "Per provinsi" not in text and "lainnya" not in text
    kabkota = text.split("Per kab/kota\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len([k for k in kabkota if k.startswith("• ")]) == 7


def test_every_province_greets_as_the_social_services_of_all_indonesia(national: Service) -> None:
    from bot.text.i18n import use_language

    with use_language("id"):
        text = national.answerer().answer("halo").plain()
    assert "Dinas Sosial seluruh Indonesia" in text and "Provinsi Indonesia" not in text
