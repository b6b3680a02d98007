"""The matcher over a real SQLite store: candidates, relations, kinds, incremental updates."""

from __future__ import annotations

import pytest

from relay_stories import corpus
from relaytrace.errors import InputError
from relaytrace.match.matcher import (
    match_articles,
    rebuild,
    relations_for,
    trace_article,
    trace_text,
)
from relaytrace.match.options import MatchOptions


@pytest.fixture
def loaded(store):
    arts = corpus()
    ids = {
        role: r.id for role, r in zip(arts, store.add_articles(list(arts.values())), strict=True)
    }
    match_articles(store, list(ids.values()))
    return store, ids


def kinds(store, ids) -> dict[frozenset[str], str]:
    role = {v: k for k, v in ids.items()}
    return {frozenset((role[r.a], role[r.b])): r.kind for r in store.relations()}


def test_copies_translations_and_same_story_are_told_apart(loaded) -> None:
    store, ids = loaded
    found = kinds(store, ids)
    assert found[frozenset(("origin", "fr"))] == "translation"
    assert found[frozenset(("origin", "de"))] == "translation"
    assert found[frozenset(("fr", "de"))] == "translation"
    assert found[frozenset(("origin", "intro"))] == "copy"
    assert found[frozenset(("origin", "excerpt"))] == "copy"
    assert found.get(frozenset(("origin", "same_story"))) == "same_story"
    assert not any("unrelated" in pair for pair in found)


def test_relations_point_from_the_earlier_article(loaded) -> None:
    store, ids = loaded
    rel = next(r for r in relations_for(store, ids["fr"]) if ids["origin"] in (r.a, r.b))
    assert (rel.a, rel.b) == (ids["origin"], ids["fr"])
    assert rel.score > 0.8 and rel.coverage_a > 0.9 and rel.coverage_b > 0.9
    assert rel.aligned[0][:2] == (0, 0)


def test_an_excerpt_covers_part_of_the_original(loaded) -> None:
    store, ids = loaded
    rel = next(r for r in relations_for(store, ids["excerpt"]) if ids["origin"] in (r.a, r.b))
    assert rel.coverage_a < 0.7 and rel.coverage_b == 1.0


def test_matching_again_replaces_instead_of_duplicating(loaded) -> None:
    store, ids = loaded
    before = sorted((r.a, r.b, r.kind) for r in store.relations())
    match_articles(store, [ids["fr"]])
    assert sorted((r.a, r.b, r.kind) for r in store.relations()) == before


def test_rebuild_gives_the_same_relations(loaded) -> None:
    store, ids = loaded
    before = kinds(store, ids)
    steps: list[tuple[int, int]] = []
    rebuild(store, progress=lambda done, total: steps.append((done, total)))
    assert kinds(store, ids) == before
    assert steps[-1][0] == steps[-1][1]


def test_trace_returns_alignments_for_display(loaded) -> None:
    store, ids = loaded
    article, matches = trace_article(store, ids["fr"])
    assert article.id == ids["fr"]
    best = {m.other: m for m in matches}[ids["origin"]]
    assert best.alignment.pairs[0][:2] == (0, 0)


def test_thresholds_come_from_options(loaded) -> None:
    store, ids = loaded
    strict = MatchOptions(relay_min_short_coverage=2.0, story_min_shared=99)
    match_articles(store, list(ids.values()), strict)
    assert all(r.kind != "translation" for r in store.relations())


def test_a_pasted_text_is_stored_and_traced(loaded) -> None:
    store, ids = loaded
    from relay_stories import ORIGIN_FR

    article, matches = trace_text(store, "\n\n".join(ORIGIN_FR[:5]))
    assert article.url.startswith("text:")
    assert {m.other for m in matches} >= {ids["origin"], ids["fr"]}
    with pytest.raises(InputError):
        trace_text(store, "  \n\n ")


def test_a_failure_while_matching_keeps_the_relations_stored_before(loaded, monkeypatch) -> None:
    store, ids = loaded
    before = sorted((r.a, r.b, r.kind) for r in store.relations())

    def disk_full(relations) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(store, "put_relations", disk_full)
    with pytest.raises(OSError):
        match_articles(store, [ids["fr"], ids["excerpt"]])
    assert sorted((r.a, r.b, r.kind) for r in store.relations()) == before
    assert store.match_indexed_count() == len(ids)
