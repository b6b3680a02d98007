"""Known product defects the realism tests expose, keyed by (check, fixture name).

Each test looks its case up here and is marked ``xfail(strict=False)`` with the
reason, so the suite stays green while the defect list stays precise.
"""

from __future__ import annotations

import pytest

_EXCERPT = (
    "match: no relation between a two-paragraph English excerpt (a relay that kept only "
    "the lead) and a translation of its source in another script, though both paragraphs "
    "have a counterpart there (90, 23 shared); a short excerpt is linked only to same-language "
    "members"
)
_SAME_SPEAKER = (
    "match/classify.py classify: relay test (relay_min_mean 0.35, no lag limit) accepts "
    "two different events with the same speaker, verb and venue weeks apart; lag_days is "
    "only used for same_story, and no number conflicts (4 vs 4 missiles but 120 vs 40 "
    "items, 35 vs 30 people) count against a relay"
)
_TEMPLATED = (
    "match/classify.py classify: recurring templated notes (exchange rates, weather "
    "warnings, match reports) align sentence by sentence and are called copies although "
    "their numbers and dates differ and they were published days to months apart"
)
_PL_RU = (
    "text/anchors.py: the Polish transliteration of Cyrillic names ('Biełgorodem', "
    "'Wiktor Ładygin') does not meet the Russian anchors ('Белгородом', 'Виктор Ладыгин') "
    "after Any-Latin folding (ł vs l, w vs v), so a two-sentence ru→pl relay finds no pairs"
)

_SHORT_LEAD = (
    "match/classify.py classify: a one-paragraph lead (a paywalled page's free part) shares "
    "names and numbers with independent coverage of the same story and is called a "
    "translation (score 0.91): a short text aligned in full needs more than anchor overlap"
)

KNOWN: dict[tuple[str, str], str] = {
    ("independent", "c3_same_es_paywall~c3_same_fr"): _SHORT_LEAD,
    ("independent", "c3_same_es_paywall~c3_tr_pt"): _SHORT_LEAD,
    ("site_name", "c6_tr_fr_paste"): (
        "ingest/textfile.py parse_text: the banner 'Dernières Nouvelles | News 24' becomes "
        "the whole site_name (and the banner cue's outlet is 'Dernières Nouvelles', a generic "
        "phrase, instead of 'News 24')"
    ),
    ("not_related", "n1_tr_fr"): _SAME_SPEAKER,
    ("not_related", "n5_briefing_ru"): _SAME_SPEAKER,
    ("not_related", "n2_belgorod_ru"): _SAME_SPEAKER,
    ("not_related", "n4_rates_ru_a"): _TEMPLATED,
    ("not_related", "n4_rates_ru_b"): _TEMPLATED,
    ("not_related", "n6_weather_de_b"): _TEMPLATED,
    ("not_related", "n7_football_es_b"): _TEMPLATED,
    ("not_related", "n6_weather_de_a"): _TEMPLATED,
    ("not_related", "n7_football_es_a"): _TEMPLATED,
    ("relay", "c2_origin_ru~c2_tr_pl"): _PL_RU,
    ("relay", "c2_copy_ru~c2_tr_pl"): _PL_RU,
    ("relay", "c6_origin_zh~c6_tr_es"): (
        "match: no relation between the Chinese origin and the Spanish translation of its "
        "English relay (3 of 4 sentences, numbers 18/35/60 and 'Vanuatu' shared); the two are "
        "joined only through the English member"
    ),
    ("relay", "c3_copy_en_relative~c3_tr_zh"): _EXCERPT,
    ("relay", "c3_copy_en_relative~c3_tr_ar"): _EXCERPT,
    ("two_events", "c1_tr_fr~n1_tr_fr"): _SAME_SPEAKER,
    ("cross_story", "drone-depot"): _SAME_SPEAKER,
    ("cross_story", "fuel-depot"): _SAME_SPEAKER,
    ("cross_story", "velecka-sanctions"): _SAME_SPEAKER,
    ("cross_story", "belgorod-drones"): _SAME_SPEAKER,
    ("origin", "n1_origin_en"): _SAME_SPEAKER
    + "; the fuel-depot origin is put under the drone-depot one",
    ("origin", "n1_tr_fr"): _SAME_SPEAKER + "; the merged cluster takes the older story's origin",
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
