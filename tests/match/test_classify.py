"""Relay or not: different events told with one skeleton, templated notes, publication gaps."""

from __future__ import annotations

from dataclasses import replace

from relay_stories import ORIGIN_EN, ORIGIN_FR, article

from relaytrace.match.align import align
from relaytrace.match.anchor_index import Idf
from relaytrace.match.classify import Evidence, _digits, classify, evidence, lag_penalty
from relaytrace.match.options import MatchOptions
from relaytrace.match.profile import profile_of
from relaytrace.model import Relation

IDF = Idf(n_docs=1000, df={})
DAY = 24 * 60

BRIEFING_MAY = (
    "Fleet spokesman Oskar Tarnwell told reporters on Monday that the navy had seized "
    "three smuggling boats off Calloway.",
    "According to Tarnwell, 14 crew members were detained and 220 crates of cigarettes "
    "were found on board.",
    "The boats were towed to the port of Tarrow, the spokesman said.",
    "Calloway officials have not commented on the seizure.",
)
BRIEFING_JUNE = (
    "Fleet spokesman Oskar Tarnwell told reporters on Monday that the navy had seized "
    "two smuggling boats off Calloway.",
    "According to Tarnwell, 9 crew members were detained and 180 crates of cigarettes "
    "were found on board.",
    "The boats were towed to the port of Tarrow, the spokesman said.",
    "Calloway officials have not commented on the seizure.",
)
RATES_MONDAY = (
    "The Bank of Tarrow set the official rate of the florin for Tuesday at 41.27 crowns, "
    "up 8 hundredths on the previous day.",
    "The official rate of the euro was 44.81 crowns.",
    "The rates apply from Tuesday.",
)
RATES_TUESDAY = (
    "The Bank of Tarrow set the official rate of the florin for Wednesday at 41.35 crowns, "
    "up 8 hundredths on the previous day.",
    "The official rate of the euro was 44.62 crowns.",
    "The rates apply from Wednesday.",
)
LEAD_FR = (
    "Le tunnel sous le port de Tarrow a reçu mardi le feu vert des élus portuaires.",
    "Imelda Voskuijl se félicite d'un vote sans appel, 17 voix contre 6.",
)


def relation(
    first: tuple[str, ...],
    second: tuple[str, ...],
    *,
    langs: tuple[str, str] = ("en", "en"),
    minutes: int = 60,
    options: MatchOptions | None = None,
) -> tuple[Relation | None, Evidence]:
    a = replace(article("https://one.example/a", first, lang=langs[0]), id=1)
    b = replace(article("https://two.example/b", second, lang=langs[1], minutes=minutes), id=2)
    pa, pb = profile_of(a), profile_of(b)
    al = align(pa, pb, IDF)
    e = evidence(pa, pb, al, IDF, lambda x: True)
    return classify(pa, pb, al, e, options or MatchOptions()), e


def kind(rel: Relation | None) -> str | None:
    return rel.kind if rel else None


def test_a_verbatim_copy_is_a_copy() -> None:
    rel, e = relation(ORIGIN_EN, ORIGIN_EN)
    assert kind(rel) == "copy"
    assert e.verbatim == 1.0 and e.conflicts == 0


def test_two_briefings_of_one_spokesman_are_not_copies() -> None:
    """Same speaker, verb, venue and skeleton; other figures, four weeks later."""
    rel, e = relation(BRIEFING_MAY, BRIEFING_JUNE, minutes=28 * DAY)
    assert kind(rel) not in ("copy", "translation")
    assert e.conflicts >= 1


def test_daily_rate_notes_a_day_apart_are_not_copies() -> None:
    """A template filled with new figures each day: near-verbatim words, conflicting numbers."""
    rel, e = relation(RATES_MONDAY, RATES_TUESDAY, minutes=DAY)
    assert e.verbatim > 0.75
    assert e.conflicts == e.number_pairs >= 2
    assert kind(rel) not in ("copy", "translation")


def test_conflicting_figures_cost_nothing_when_the_penalty_is_off() -> None:
    rel, _ = relation(RATES_MONDAY, RATES_TUESDAY, minutes=DAY)
    off = MatchOptions(relay_conflict_penalty=0.0)
    assert kind(rel) != "copy"
    assert kind(relation(RATES_MONDAY, RATES_TUESDAY, minutes=DAY, options=off)[0]) == "copy"


def test_a_translation_weeks_later_needs_stronger_text_evidence() -> None:
    """Within hours the French translation is one; the gap alone never decides when the
    text evidence is strong, but the relay bar rises with it."""
    near, e = relation(ORIGIN_EN, ORIGIN_FR, langs=("en", "fr"), minutes=90)
    assert kind(near) == "translation"
    strict = MatchOptions(relay_min_mean=e.mean - 0.05)
    far, _ = relation(ORIGIN_EN, ORIGIN_FR, langs=("en", "fr"), minutes=40 * DAY, options=strict)
    assert kind(far) != "translation"


def test_a_verbatim_repost_a_month_later_is_still_a_copy() -> None:
    """Dates can be wrong and relays repost old stories: the gap is soft evidence."""
    rel, _ = relation(ORIGIN_EN, ORIGIN_EN, minutes=30 * DAY)
    assert kind(rel) == "copy"


def test_a_two_sentence_lead_of_independent_coverage_is_no_translation() -> None:
    rel, _ = relation(ORIGIN_EN, LEAD_FR, langs=("en", "fr"))
    assert kind(rel) not in ("copy", "translation")


def test_lag_penalty_is_soft_capped_and_cancelled_by_a_cue() -> None:
    options = MatchOptions()

    def ev(lag: float | None, cue: bool = False) -> Evidence:
        return Evidence(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, cue, lag)

    assert lag_penalty(ev(None), options) == 0.0
    assert lag_penalty(ev(1.5), options) == 0.0
    assert 0.0 < lag_penalty(ev(7), options) < lag_penalty(ev(21), options)
    assert lag_penalty(ev(400), options) == options.relay_lag_max_penalty
    assert lag_penalty(ev(400, cue=True), options) == 0.0


def test_figures_compare_by_their_digits_across_scales() -> None:
    assert _digits("n:6.1e+10") == _digits("n:61000") == _digits("n:61") == "61"
    assert _digits("n:91.23") != _digits("n:91.35")


def test_a_two_sentence_excerpt_of_a_translation_is_a_translation() -> None:
    """The length prior expects the excerpt's own ratio, not the whole articles'."""
    rel, e = relation(ORIGIN_EN, ORIGIN_FR[:2], langs=("en", "fr"))
    assert kind(rel) == "translation"
    assert e.mean >= MatchOptions().relay_short_min_mean


def test_conflicting_figures_a_week_apart_raise_the_same_story_bar() -> None:
    """The spokesman's next briefing is another event: its doubt (figures, gap) is added
    to the story bar, so overlap that would pass alone does not."""
    lenient = MatchOptions(story_min_weight=0.5, story_doubt_weight=0.0)
    rel, e = relation(BRIEFING_MAY, BRIEFING_JUNE, minutes=7 * DAY, options=lenient)
    assert kind(rel) == "same_story" and e.conflicts >= 1
    doubtful = MatchOptions(story_min_weight=0.5)
    assert relation(BRIEFING_MAY, BRIEFING_JUNE, minutes=7 * DAY, options=doubtful)[0] is None
