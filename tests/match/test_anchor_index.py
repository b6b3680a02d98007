"""Candidate search and IDF weights, including stores of two or three articles."""

from __future__ import annotations

import pytest
from relay_stories import corpus

from relaytrace.match.anchor_index import MIN_DOCS, Idf, lookup_anchors
from relaytrace.match.matcher import match_articles


def test_small_integers_never_look_candidates_up() -> None:
    assert lookup_anchors(["n:7", "n:2024", "n:61e+09", "e:vett"]) == [
        "e:vett",
        "n:2024",
        "n:61e+09",
    ]


def test_candidate_lookup_weighs_a_tiny_store_as_a_corpus_of_min_docs() -> None:
    tiny = Idf(3, {"e:vett": 2}, min_docs=MIN_DOCS)
    assert tiny("e:vett") == pytest.approx(Idf(MIN_DOCS, {"e:vett": 2})("e:vett"))
    assert tiny("e:vett") > 4.0  # two of three documents share it: still a rare name
    assert Idf(3, {"e:vett": 2})("e:vett") < 2.0  # alignment keeps the store's own counts


def test_rarer_anchors_weigh_more_in_a_large_store() -> None:
    idf = Idf(10_000, {"e:vett": 3, "a:US": 4_000})
    assert idf("e:vett") > idf("a:US") > 1.0


@pytest.mark.parametrize("other", ["fr", "de"])
def test_a_translation_is_found_in_a_store_of_two_articles(store, other: str) -> None:
    arts = corpus()
    ids = [a.id for a in store.add_articles([arts["origin"], arts[other]])]
    match_articles(store, ids)
    assert [r.kind for r in store.relations()] == ["translation"]


def test_extended_weights_read_only_the_anchors_not_read_before(store) -> None:
    from relaytrace.match.profile import profile_of

    arts = corpus()
    ids = [a.id for a in store.add_articles(list(arts.values()))]
    match_articles(store, ids)
    held = lookup_anchors(profile_of(arts["origin"]).all_anchors)  # the indexed ones
    probe = Idf.from_store(store, held[:1])
    wider = probe.extended(store, [*held, "e:nowhere"])
    fresh = Idf.from_store(store, [*held, "e:nowhere"])
    for anchor in [*held, "e:nowhere"]:
        assert wider(anchor) == pytest.approx(fresh(anchor))
    assert all(wider("e:nowhere") > wider(x) for x in held)  # no article holds it
