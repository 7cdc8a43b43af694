"""How the parts of one message are put together: each part answered in order, and what an earlier part already
showed word for word is not shown again."""

from __future__ import annotations

import pytest

from bot.answering.answerer import _without_repeats


@pytest.mark.parametrize(
    "question",
    [
        "Syarat daftar apa aja min? KTP sama KK perlu?",
        "cara daftar bansos gimana? bawa KTP gak?",
        "1. cara daftar bansos 2. dokumen apa aja yang dibawa",
    ],
)
def test_steps_of_applying_asked_twice_are_shown_once(ask, question: str) -> None:
    reply = ask(question)
    assert reply.count("Langkah umumnya") == 1, reply
    assert "KTP dan Kartu Keluarga (KK)" in reply, reply  # the documents part is still answered


def test_a_repeated_paragraph_goes_with_its_title_and_new_lines_stay() -> None:
    shown = {"Langkah umumnya: satu.", "Sumber: X."}
    html = "Langkah pendaftaran\nLangkah umumnya: satu.\n\nDokumen: KTP.\n\nSumber: X."
    assert _without_repeats(html, shown) == "Dokumen: KTP."


def test_a_reply_made_only_of_repeats_is_kept_whole() -> None:
    html = "Cara mendaftar\nLangkah umumnya: satu."
    assert _without_repeats(html, {"Langkah umumnya: satu."}) == html


@pytest.mark.parametrize(
    "question",
    [
        "Assalamualaikum, izin bertanya. Untuk keperluan rapat dengan DPRD besok, berapa selisih penerima antara Kota "
        "Batam dan Kota Tanjungpinang? Mohon dibantu, terima kasih.",
        "Assalamualaikum pak. Saya staf dinas. Mohon info jumlah KK penerima UEP di Karimun tahun 2022. Terima kasih.",
    ],
)
def test_a_salam_around_one_request_is_answered_once(ask, question: str) -> None:
    reply = ask(question)
    assert reply.count("Waalaikumsalam") == 1, reply
