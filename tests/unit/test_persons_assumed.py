"""The persons per KK an asker assumes ("andai 1 KK rata2 4 orang") are read, to estimate persons from the KK."""

from __future__ import annotations

import pytest

from bot.understanding.understander import persons_per_kk


@pytest.mark.parametrize(
    ("words", "n"),
    [
        ("andai 1 kk rata rata 4 orang berapa jiwa", 4),
        ("kalau 1 kk 5 orang pmks batam berapa orang", 5),
        ("anggap 4 jiwa per kk berapa orang", 4),
        ("misal satu keluarga isi tiga orang", 3),
        ("if each household has 4 people", 4),
    ],
)
def test_the_persons_per_kk_assumed_are_read(words: str, n: int) -> None:
    assert persons_per_kk(words.split()) == n


@pytest.mark.parametrize(
    "words", ["1 kk berapa orang", "berapa orang penerima di batam", "58 ribu orang", "1 kk 500 orang", "4 orang"]
)
def test_no_assumption_without_a_small_number_of_persons_per_kk(words: str) -> None:
    assert persons_per_kk(words.split()) is None
