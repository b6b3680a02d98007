"""Relations on real-web-shaped relays: every relay pair found with its kind, and the hard
negatives real corpora are full of (same speaker weeks apart, templated daily notes,
a homepage listing the story) never called relays."""

from __future__ import annotations

import pytest
from defects import case
from harness import Run, gold_pairs, load_labels

LABELS = load_labels()
NAME = {x["url"]: x["file"].rsplit(".", 1)[0] for x in LABELS}
URL = {v: k for k, v in NAME.items()}
GOLD = gold_pairs(LABELS)
RELAY_PAIRS = sorted(
    "~".join(sorted(NAME[a] for a in pair))
    for pair, kind in GOLD.items()
    if kind in ("copy", "translation")
)
SAME_STORY_PAIRS = sorted(
    "~".join(sorted(NAME[a] for a in pair)) for pair, kind in GOLD.items() if kind == "same_story"
)
NEGATIVES = [x["file"].rsplit(".", 1)[0] for x in LABELS if x["role"] in ("unrelated", "homepage")]


def _pair(pair: str) -> tuple[str, str]:
    a, b = pair.split("~")
    return URL[a], URL[b]


@pytest.mark.parametrize("pair", [case("relay", p) for p in RELAY_PAIRS])
def test_relay_pair_found_with_its_kind(run: Run, pair: str) -> None:
    a, b = _pair(pair)
    rel = run.relation(a, b)
    assert rel is not None, "no relation"
    assert rel["kind"] == GOLD[frozenset((a, b))]
    assert rel["score"] >= 0.5


@pytest.mark.parametrize("pair", [case("independent", p) for p in SAME_STORY_PAIRS])
def test_independent_coverage_is_never_a_relay(run: Run, pair: str) -> None:
    rel = run.relation(*_pair(pair))
    assert rel is None or rel["kind"] == "same_story"


@pytest.mark.parametrize("name", [case("not_related", n) for n in NEGATIVES])
def test_hard_negative_is_no_relay_of_anything(run: Run, name: str) -> None:
    """A different event (same speaker, same template, other day) or a homepage: no copy or
    translation with any other page."""
    url = URL[name]
    relays = [
        (NAME.get(r["b"] if r["a"] == url else r["a"]), r["kind"], round(r["score"], 2))
        for r in run.relations
        if url in (r["a"], r["b"]) and r["kind"] in ("copy", "translation")
    ]
    assert relays == []


@pytest.mark.parametrize("pair", [case("two_events", "c1_tr_fr~n1_tr_fr")])
def test_relays_of_two_events_with_one_speaker_stay_apart(run: Run, pair: str) -> None:
    """The French relay of the April fuel-depot claim is no copy of the March drone-depot
    relay on the same site, though both quote spokesman Melnov and four missiles."""
    rel = run.relation(*_pair(pair))
    assert rel is None or rel["kind"] == "same_story"


STORIES = sorted({x["story"] for x in LABELS if x["role"] in ("origin", "copy", "translation")})
STORY_OF = {x["url"]: x["story"] for x in LABELS}


@pytest.mark.parametrize("story", [case("cross_story", s) for s in STORIES])
def test_no_relay_crosses_from_one_story_to_another(run: Run, story: str) -> None:
    """A relay chain never absorbs another event's pages (same speaker, same site, same city)."""
    crossing = [
        (NAME.get(r["a"]), NAME.get(r["b"]), r["kind"])
        for r in run.relations
        if r["kind"] in ("copy", "translation")
        and story in (STORY_OF.get(r["a"]), STORY_OF.get(r["b"]))
        and STORY_OF.get(r["a"]) != STORY_OF.get(r["b"])
    ]
    assert crossing == []


@pytest.mark.parametrize("name", [case("homepage", "n9_homepage_fr")])
def test_homepage_is_not_stored_as_an_article(run: Run, name: str) -> None:
    assert URL[name] not in run.articles
