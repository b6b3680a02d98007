"""Relay clusters, article views and marks, on fictional records."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from relaytrace.model import Article, Relation
from relaytrace.trace.clusters import (
    ArticleInfo,
    article_info,
    marks_of,
    relay_clusters,
    script_of,
    time_window,
)


def rel(a: int, b: int, kind: str = "copy") -> Relation:
    return Relation(a, b, kind, 0.9, 1.0, 1.0)  # type: ignore[arg-type]


def test_clusters_are_components_of_copy_and_translation_relations_only():
    relations = [rel(1, 2), rel(2, 3, "translation"), rel(3, 4, "same_story"), rel(5, 6)]
    clusters = relay_clusters(relations)
    assert [c.members for c in clusters] == [(1, 2, 3), (5, 6)]
    assert clusters[0].id == 1
    assert {(r.a, r.b) for r in clusters[0].relations} == {(1, 2), (2, 3)}


def test_a_same_story_link_never_makes_a_relay_cluster():
    assert relay_clusters([rel(1, 2, "same_story")]) == []


def test_marks_keep_names_as_spelled_and_figures_without_separators():
    marks = marks_of(["Le ministre Igor Stankevitch a promis 4.600 millions à Velmora. Puis rien."])
    assert {"igor", "stankevitch", "velmora", "4600"} <= marks
    assert "le" not in marks and "puis" not in marks  # sentence openers are not names


def test_marks_record_the_quotation_mark_style():
    assert "q:«" in marks_of(["Il a dit : « Nous partirons demain. »"])
    assert "q:«" not in marks_of(["He said: “We leave tomorrow.”"])


def test_script_of_tells_writing_systems_apart():
    assert script_of("Министр обороны заявил") == "CYRILLIC"
    assert script_of("The minister said") == "LATIN"
    assert script_of("部长表示") == "CJK"
    assert script_of("123 456") is None


def test_a_bare_date_is_a_whole_day_wide():
    day = ArticleInfo(
        1,
        "https://a.example/x",
        "a.example",
        published=datetime(2026, 5, 4, 0, 0, tzinfo=UTC),
        precision="day",
    )
    start, end = time_window(day)
    assert (end - start).total_seconds() == 86400
    minute = ArticleInfo(
        2,
        "https://a.example/y",
        "a.example",
        published=datetime(2026, 5, 4, 9, 30, tzinfo=UTC),
        precision="minute",
    )
    assert time_window(minute)[0] == time_window(minute)[1]
    assert time_window(ArticleInfo(3, "https://a.example/z", "a.example")) is None


def test_article_info_needs_a_stored_article():
    art = Article(url="https://a.example/1", site="a.example", title="T", paragraphs=("Body.",))
    with pytest.raises(ValueError):
        article_info(art)
    info = article_info(Article(url=art.url, site=art.site, title="T", paragraphs=("A B.",), id=7))
    assert info.id == 7 and info.n_sentences == 1
