"""Story clusters: relay clusters joined by same-story support, not by one bridge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from relaytrace.model import Relation
from relaytrace.trace.clusters import ArticleInfo, relay_clusters
from relaytrace.trace.stories import StoryOptions, story_clusters, story_label

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def info(i: int, marks: set[str], hours: float = 0, title: str = "") -> ArticleInfo:
    return ArticleInfo(
        i, f"https://site{i}.example/a", f"site{i}.example", title=title or f"Story {i}",
        published=T0 + timedelta(hours=hours), precision="minute", marks=frozenset(marks),
    )  # fmt: skip


def rel(a: int, b: int, kind: str = "same_story", score: float = 0.6) -> Relation:
    return Relation(a, b, kind, score, 0.3, 0.3)  # type: ignore[arg-type]


def relay_chain() -> list[Relation]:
    return [rel(1, 2, "copy", 0.98), rel(1, 3, "translation", 0.9), rel(2, 3, "translation", 0.9)]


def test_independent_coverage_joins_the_relay_cluster_it_is_related_to():
    relations = [*relay_chain(), rel(4, 1), rel(4, 2), rel(4, 3)]
    [story] = story_clusters(relay_clusters(relations), relations)
    assert story.members == (1, 2, 3, 4)
    assert story.relay_clusters == (1,)


def test_one_weak_bridge_does_not_chain_two_events():
    # Article 5 shares a spokesman with member 1 of the relay cluster only.
    relations = [*relay_chain(), rel(4, 1), rel(4, 2), rel(4, 3), rel(5, 1, score=0.3)]
    stories = story_clusters(relay_clusters(relations), relations)
    assert [s.members for s in stories] == [(1, 2, 3, 4), (5,)]


def test_two_lone_articles_with_a_same_story_relation_make_a_story():
    stories = story_clusters([], [rel(7, 8)])
    assert [s.members for s in stories] == [(7, 8)]


def test_the_density_threshold_is_an_option():
    relations = [*relay_chain(), rel(5, 1)]
    strict = story_clusters(relay_clusters(relations), relations, options=StoryOptions(0.5))
    loose = story_clusters(relay_clusters(relations), relations, options=StoryOptions(0.3))
    assert len(strict) == 2 and len(loose) == 1


def test_labels_name_what_most_members_share_and_spans_cover_their_dates():
    common = {"holtvik", "velmora", "nsc", "6200"}
    infos = {
        1: info(1, common | {"karsk"}, 0),
        2: info(2, common, 2),
        3: info(3, common | {"2026"}, 5),
        4: info(4, {"holtvik", "velmora", "brussels"}, -1),
    }
    relations = [*relay_chain(), rel(4, 1), rel(4, 2), rel(4, 3)]
    [story] = story_clusters(relay_clusters(relations), relations, infos)
    assert story.label.split(" · ")[:2] == ["Holtvik", "Velmora"]
    assert "2026" not in story.label
    assert story.start == T0 - timedelta(hours=1) and story.end == T0 + timedelta(hours=5)


def test_a_label_falls_back_to_the_first_title():
    assert story_label([info(1, set(), title="Ferry strike ends")]) == "Ferry strike ends"


def test_many_weak_links_do_not_make_a_story():
    # Article 4 names the same spokesman as every member, weeks later: weak links only.
    relations = [*relay_chain(), rel(4, 1, score=0.25), rel(4, 2, score=0.3), rel(4, 3, score=0.2)]
    stories = story_clusters(relay_clusters(relations), relations)
    assert [s.members for s in stories] == [(1, 2, 3), (4,)]
