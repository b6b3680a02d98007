"""The prefilter: candidates that cannot become a relation are dismissed before
alignment, and no pair it dismisses would have been a relation."""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import replace

import pytest

from relay_stories import corpus
from relaytrace import service
from relaytrace.match import profile as profiles
from relaytrace.match.anchor_index import Idf, lookup_anchors
from relaytrace.match.matcher import compare, index_articles
from relaytrace.match.options import DEFAULT_OPTIONS, MatchOptions
from relaytrace.match.prefilter import could_relate, dismissed_unread
from relaytrace.match.profile import Profile
from relaytrace.store.sqlite import SQLiteStore
from shared_paths import DEVSET


def _verdicts(store: SQLiteStore, p: Profile, o: Profile, options: MatchOptions) -> tuple:
    """(could_relate, the relation compare finds) for one pair of stored profiles."""
    probe = Idf.from_store(store, lookup_anchors(p.all_anchors))
    weights = probe.extended(store, p.all_anchors | o.all_anchors)
    kept = could_relate(p, o, probe, lambda: weights, options)
    return kept, compare(p, o, weights, options).relation


@pytest.fixture
def stored(store: SQLiteStore) -> tuple[SQLiteStore, dict[str, Profile]]:
    arts = corpus()
    added = store.add_articles(list(arts.values()))
    stored = [replace(a, id=r.id) for a, r in zip(arts.values(), added, strict=True)]
    return store, dict(zip(arts, index_articles(store, stored), strict=True))


@pytest.mark.parametrize("role", ["fr", "de", "intro", "excerpt", "same_story"])
def test_copies_translations_and_the_same_story_are_kept(stored, role: str) -> None:
    store, p = stored
    kept, relation = _verdicts(store, p["origin"], p[role], MatchOptions())
    assert kept and relation is not None


def test_an_unrelated_article_from_the_same_site_is_dismissed(stored) -> None:
    store, p = stored
    kept, relation = _verdicts(store, p["origin"], p["unrelated"], MatchOptions())
    assert not kept and relation is None


def _profile(article: int, lang: str, anchors: list[set[str]]) -> Profile:
    return Profile(
        article=article,
        lang=lang,
        url=f"https://site{article}.example/a",
        site=f"site{article}.example",
        site_name=None,
        published=None,
        lengths=tuple(100 for _ in anchors),
        anchors=tuple(frozenset(x) for x in anchors),
        tokens=tuple(frozenset({article * 1000 + k}) for k in range(len(anchors))),
    )


def test_a_translated_sentence_among_others_is_dismissed_on_coverage() -> None:
    shared = {"n:4800000000", "tarr", "vosk"}
    en = _profile(1, "en", [shared] + [{f"e{k}"} for k in range(9)])
    fr = _profile(2, "fr", [shared] + [{f"f{k}"} for k in range(9)])
    idf = Idf(1000, {})
    assert not could_relate(en, fr, idf, lambda: idf)
    assert compare(en, fr, idf).relation is None
    # the same three sentences in step on both sides are a short relay: kept
    fr_short = _profile(3, "fr", [shared, {"e0"}, {"e1"}])
    en_short = _profile(4, "en", [shared, {"e0"}, {"e1"}])
    assert could_relate(en_short, fr_short, idf, lambda: idf)


def test_gap_fills_count_towards_the_coverage_bound() -> None:
    """Two sentences without anchors between two shared ones may be paired in order."""
    x, y = {"n:4800000000", "tarr"}, {"n:42000", "vosk"}
    en = _profile(1, "en", [x, {"e1"}, {"e2"}, y])
    fr = _profile(2, "fr", [x, {"f1"}, {"f2"}, y])
    idf = Idf(1000, {})
    assert could_relate(en, fr, idf, lambda: idf)
    assert compare(en, fr, idf).relation is not None


def test_with_an_embedding_model_every_pair_is_aligned(stored) -> None:
    store, p = stored
    options = MatchOptions(embedding_model="/nowhere")
    probe = Idf.from_store(store, lookup_anchors(p["origin"].all_anchors))
    assert could_relate(p["origin"], p["unrelated"], probe, lambda: probe, options)


@pytest.mark.slow
@pytest.mark.skipif(not (DEVSET / "corpus.jsonl").exists(), reason="devset not available")
def test_on_the_devset_no_dismissed_pair_is_a_relation(tmp_path) -> None:
    """Every pair of one story (where the hard cases are) and a sample of others:
    what the prefilter dismisses, alignment and classification would not relate."""
    gold = [json.loads(line) for line in (DEVSET / "gold.jsonl").open()]
    story = {g["url"]: g["story"] for g in gold}
    with SQLiteStore(tmp_path / "dev.db") as store:
        service.ingest_paths(store, [str(DEVSET / "corpus.jsonl")])
        arts = list(store.iter_articles())
        index_articles(store, arts)
        loaded = {
            i: profiles.loads(b) for i, b in store.match_profiles([a.id for a in arts]).items()
        }
        by_url = {a.url: a.id for a in arts}
        pairs = list(itertools.combinations(sorted(loaded), 2))
        url_of = {v: k for k, v in by_url.items()}
        same = [(a, b) for a, b in pairs if story.get(url_of[a]) == story.get(url_of[b])]
        others = [(a, b) for a, b in pairs if story.get(url_of[a]) != story.get(url_of[b])]
        options = MatchOptions()
        related = dismissed = 0
        for a, b in same + random.Random(5).sample(others, 1200):
            kept, relation = _verdicts(store, loaded[a], loaded[b], options)
            assert kept or relation is None, (url_of[a], url_of[b], relation)
            related += relation is not None
            dismissed += not kept and story.get(url_of[a]) != story.get(url_of[b])
    assert related > 300  # the sample holds the devset's relations
    assert dismissed > 0.8 * 1200  # most chance pairs never reach alignment


def test_a_candidate_is_ruled_out_unread_only_without_story_or_copy_potential(stored) -> None:
    _, p = stored
    origin = p["origin"]

    roles = ["unrelated", "intro", "fr"]
    peeked = {i: profiles.peek(profiles.dumps(p[role])) for i, role in enumerate(roles)}

    def unread(shared_rare: int, options: MatchOptions = DEFAULT_OPTIONS) -> set[str]:
        ruled_out = dismissed_unread(origin, peeked, dict.fromkeys(peeked, shared_rare), options)  # type: ignore[arg-type]
        return {roles[i] for i in ruled_out}

    # same language and no sentence worded alike: ruled out; a copy holds the
    # words; another language can only be told by its anchors
    assert unread(0) == {"unrelated"}
    assert unread(4) == set()  # enough rare anchors for same_story: read them all
    assert unread(0, MatchOptions(embedding_model="/nowhere")) == set()
