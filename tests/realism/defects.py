"""Known product defects the realism tests expose, keyed by (check, fixture name).

Each test looks its case up here and is marked ``xfail(strict=False)`` with the
reason, so the suite stays green while the defect list stays precise.
"""

from __future__ import annotations

import pytest

_EXCERPT = (
    "match: no relation between a two-paragraph English excerpt (a relay that kept only "
    "the lead) and the Chinese translation of its source: only one anchor ('90') is shared "
    "over the aligned pairs (names are not transliterated into Han characters), below "
    "relay_short_min_shared; the ar, es and pt translations are linked"
)
_PL_RU = (
    "text/anchors.py: the Polish transliteration of Cyrillic names ('Biełgorodem', "
    "'Wiktor Ładygin') does not meet the Russian anchors ('Белгородом', 'Виктор Ладыгин') "
    "after Any-Latin folding (ł vs l, w vs v), so a two-sentence ru→pl relay finds no pairs"
)

KNOWN: dict[tuple[str, str], str] = {
    ("site_name", "c6_tr_fr_paste"): (
        "ingest/textfile.py parse_text: the banner 'Dernières Nouvelles | News 24' becomes "
        "the whole site_name (and the banner cue's outlet is 'Dernières Nouvelles', a generic "
        "phrase, instead of 'News 24')"
    ),
    ("relay", "c2_origin_ru~c2_tr_pl"): _PL_RU,
    ("relay", "c2_copy_ru~c2_tr_pl"): _PL_RU,
    ("relay", "c6_origin_zh~c6_tr_es"): (
        "match: no relation between the Chinese origin and the Spanish translation of its "
        "English relay (3 of 4 sentences, numbers 18/35/60 and 'Vanuatu' shared); the two are "
        "joined only through the English member"
    ),
    ("relay", "c3_copy_en_relative~c3_tr_zh"): _EXCERPT,
    ("small_corpus", "zh"): (
        "match: in a 9-page store the en→zh translation (c3) and the zh→en translation (c6) "
        "get no relation at all (ar, es, pt translations of the same origin do); in the full "
        "49-page corpus en→zh is found: cross-script recall depends on corpus size"
    ),
}


def case(check: str, name: str, *values: object) -> object:
    """``pytest.param`` for one case, xfail-marked when it is a known defect."""
    reason = KNOWN.get((check, name))
    marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
    return pytest.param(name, *values, id=name, marks=marks)
