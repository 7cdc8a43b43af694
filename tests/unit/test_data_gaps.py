"""What the data does not hold, said from the data itself: a program with no figure for a kab/kota (the kab/kota the
source lists, whether their figures add up to the program's total, the ones not listed), a number quoted of such a
cell (no, and whose figure the number is), a count of persons (the KK, labelled), a file's name read in place of the
file. Cases are built from the figures, never from one sentence."""

from __future__ import annotations

import pytest

from bot.text.i18n import fmt_int


@pytest.fixture(scope="module")
def facts(answerer):
    return answerer.facts


def _gaps(facts):
    """(program code, kab/kota without a figure, kab/kota with one) for every program broken down by kab/kota."""
    year = facts.current_year
    out = []
    for code in facts.programs:
        cells = {k.code: facts.cell(year, code, k.code) for k in facts.kabkota}
        missing = [k for k in facts.kabkota if cells[k.code] is None]
        listed = [k for k in facts.kabkota if cells[k.code] is not None]
        if missing and listed:
            out.append((code, missing, listed))
    return out


def test_every_missing_cell_is_explained_with_what_the_source_lists(answerer, facts, ask) -> None:
    year = facts.current_year
    gaps = _gaps(facts)
    assert gaps, "the data has no program missing in a kab/kota: nothing to test"
    for code, missing, listed in gaps:
        place = missing[0]
        reply = ask(f"kenapa {code} {place.short} kosong?")
        added = sum(facts.cell(year, code, k.code) or 0 for k in listed)
        assert f"untuk {len(listed)} kab/kota" in reply, reply
        assert fmt_int(added) in reply, reply
        assert f"{place.name} tidak tercantum" in reply, reply
        if added == facts.program_total(year, code):
            assert "tidak ada yang hilang dari total" in reply, reply
        assert f"{place.short}: 0" not in reply


def test_a_number_quoted_of_a_missing_cell_is_denied_and_named(facts, ask) -> None:
    year = facts.current_year
    for code, missing, listed in _gaps(facts):
        other = listed[0]
        value = facts.cell(year, code, other.code)
        reply = ask(f"{code} {missing[0].short} {fmt_int(value)} KK kan?")
        assert reply.startswith("Tidak."), reply
        assert f"{fmt_int(value)} KK" in reply, reply
        assert "Ya, benar" not in reply


@pytest.mark.parametrize("text", ["rekap lengkap BSKK per kab kota", "BSKK natuna brp, klo gk ada PMKS nya aja"])
def test_no_gap_note_where_none_is_asked(ask, text) -> None:
    assert "Sumber mencantumkan" not in ask(text)


@pytest.mark.parametrize("text", ["yg dibantu itu brp jiwa", "penerimanya itu berapa orang, bukan KK"])
def test_persons_with_nothing_named_get_the_province_kk(facts, ask, text) -> None:
    reply = ask(text)
    assert "Tidak ada jumlah jiwa" in reply, reply
    assert fmt_int(facts.province_total(facts.current_year)) in reply, reply


def test_the_size_of_one_family_is_not_answered_with_a_total(facts, ask) -> None:
    reply = ask("berapa orang dalam satu KK penerima?")
    assert fmt_int(facts.province_total(facts.current_year)) not in reply, reply


def test_a_quoted_figure_beside_a_file_is_checked_against_the_file_name(facts, ask) -> None:
    year = facts.current_year
    kab = facts.kabkota[0]
    code = next(c for c in facts.programs if facts.cell(year, c, kab.code))
    value = facts.cell(year, code, kab.code)
    name = kab.short.lower().replace(" ", "_")
    reply = ask(f"[dokumen: SK_penerima_{code}_{name}.pdf] jumlahnya {fmt_int(value)} kan?")
    assert "tidak bisa saya baca" in reply, reply
    assert "Ya, benar" in reply, reply
    reply = ask(f"[dokumen: SK_penerima_{code}_{name}.pdf] jumlahnya {fmt_int(value + 7)} kan?")
    assert "Tidak." in reply and "Ya, benar" not in reply, reply
