"""Known product defects the realism tests expose, keyed by (check, fixture name).

Each test looks its case up here and is marked ``xfail(strict=False)`` with the
reason, so the suite stays green while the defect list stays precise.
"""

from __future__ import annotations

import pytest

_DATE_MONTH_NAMES = (
    "ingest/dates.py parse_date reads numeric dates only: a visible date with a month name "
    "('{}') is not parsed, htmldate's day-only fallback wins and the time is lost"
)
_BLOGGER_TITLE = (
    "ingest/metadata.py raw_title: on a Blogger page without og: tags the header "
    "<h1 class='title'> (the blog's name) wins over <h3 class='post-title entry-title'>; "
    "site_name is None so the logo is not recognised as the site's name"
)
_BLOGGER_DATE = (
    "ingest/metadata.py published: Blogger's <abbr class='published' title='ISO time'> "
    "is read by its text ('12:20', too short) not its title attribute, and the date header "
    "'{}' has a month name (dates.py), so only htmldate's day survives"
)
_NO_SITE_NAME = (
    "ingest/metadata.py site_name: no og:site_name/JSON-LD publisher and no logo class; "
    "the <title> separator ('{}') is not used to find the site's name"
)
_TIME_IN_SMALL = (
    "ingest/metadata.py published: the dateline sits in an unclassed <small> "
    "('20.06.2024 16:10'), _DATE_XPATH only looks at date/time-classed elements, htmldate "
    "returns the day only"
)
_LEGACY_TITLE = (
    "ingest/html.py extract_html: '<title>РусИнфо Лента - Велецкая: …' keeps the site-name "
    "prefix: site_name is None and the prefix is only stripped when it is known; the <h2> "
    "headline equals the <title> minus the prefix and could tell"
)
_TELEGRAM_BODY = (
    "ingest/body.py: a Telegram web preview's body takes the channel name, the video "
    "duration ('0:24') and the 'Подписаться на канал' button with the message text"
)
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
_HOMEPAGE = (
    "ingest/html.py extract_html: a homepage listing several stories (several <article> "
    "teasers) is stored as one article titled with the site banner and related to the "
    "stories it lists; it should be rejected (no_article / multiple_articles)"
)
_PL_RU = (
    "text/anchors.py: the Polish transliteration of Cyrillic names ('Biełgorodem', "
    "'Wiktor Ładygin') does not meet the Russian anchors ('Белгородом', 'Виктор Ладыгин') "
    "after Any-Latin folding (ł vs l, w vs v), so a two-sentence ru→pl relay finds no pairs"
)

KNOWN: dict[tuple[str, str], str] = {
    ("date", "c1_tr_fr"): _DATE_MONTH_NAMES.format("12 mars 2024 à 14:05"),
    ("date", "n1_tr_fr"): _DATE_MONTH_NAMES.format("2 avril 2024 à 16:30"),
    ("date", "n8_sidebar_fr"): _DATE_MONTH_NAMES.format("12 mars 2024 à 17:20"),
    ("date", "c3_tr_es"): _BLOGGER_DATE.format("jueves, 8 de febrero de 2024"),
    ("date", "c6_tr_es"): _BLOGGER_DATE.format("jueves, 18 de abril de 2024"),
    ("date", "c3_tr_pt"): _BLOGGER_DATE.format("quinta-feira, 8 de fevereiro de 2024"),
    ("date", "c4_tr_pt"): _BLOGGER_DATE.format("segunda-feira, 6 de maio de 2024"),
    ("date", "c5_copy_ru_cp1251"): _TIME_IN_SMALL,
    ("title", "c3_tr_es"): _BLOGGER_TITLE,
    ("title", "c6_tr_es"): _BLOGGER_TITLE,
    ("title", "c3_tr_pt"): _BLOGGER_TITLE,
    ("title", "c4_tr_pt"): _BLOGGER_TITLE,
    ("title", "c5_copy_ru_cp1251"): _LEGACY_TITLE,
    ("site_name", "c3_tr_es"): _BLOGGER_TITLE,
    ("site_name", "c6_tr_es"): _BLOGGER_TITLE,
    ("site_name", "c3_tr_pt"): _BLOGGER_TITLE,
    ("site_name", "c4_tr_pt"): _BLOGGER_TITLE,
    ("site_name", "c1_tr_de"): _NO_SITE_NAME.format("Nachrichten Netz | …"),
    ("site_name", "c3_copy_en_relative"): _NO_SITE_NAME.format("Shipping Headlines | …"),
    ("site_name", "n6_weather_de_a"): _NO_SITE_NAME.format("Wetter Nord | …"),
    ("site_name", "n6_weather_de_b"): _NO_SITE_NAME.format("Wetter Nord | …"),
    ("site_name", "c5_copy_ru_cp1251"): _LEGACY_TITLE,
    ("site_name", "c6_tr_fr_paste"): (
        "ingest/textfile.py parse_text: the banner 'Dernières Nouvelles | News 24' becomes "
        "the whole site_name (and the banner cue's outlet is 'Dernières Nouvelles', a generic "
        "phrase, instead of 'News 24')"
    ),
    ("body", "c1_copy_en"): (
        "ingest/cues.py separate_cues: a closing 'Follow us on Telegram for more breaking "
        "news!' line stays in the body (no lexicon entry for channel promotion)"
    ),
    ("body", "c2_copy_ru"): (
        "ingest/cues.py separate_cues: 'Подписывайтесь на наш канал в Telegram!' stays in "
        "the body (ru lexicon has no channel-promotion phrases)"
    ),
    ("body", "c3_same_es_paywall"): (
        "ingest/body.py: the paywall box ('Este contenido es exclusivo para suscriptores', "
        "'Suscríbete para seguir leyendo…', 'Inicia sesión') is kept as body paragraphs"
    ),
    ("body", "n2_belgorod_ru"): _TELEGRAM_BODY,
    ("not_related", "n1_tr_fr"): _SAME_SPEAKER,
    ("not_related", "n5_briefing_ru"): _SAME_SPEAKER,
    ("not_related", "n2_belgorod_ru"): _SAME_SPEAKER,
    ("not_related", "n4_rates_ru_a"): _TEMPLATED,
    ("not_related", "n4_rates_ru_b"): _TEMPLATED,
    ("not_related", "n6_weather_de_b"): _TEMPLATED,
    ("not_related", "n7_football_es_b"): _TEMPLATED,
    ("not_related", "n6_weather_de_a"): _TEMPLATED,
    ("not_related", "n7_football_es_a"): _TEMPLATED,
    ("homepage", "n9_homepage_fr"): _HOMEPAGE,
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
