"""provenance_for and corpus_provenance over a real SQLite store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from relaytrace.errors import NotFoundError
from relaytrace.model import Article, Link, Relation, SourceCue
from relaytrace.trace.report import (
    corpus_provenance,
    origin_rows,
    provenance_for,
    story_rows,
)
from relaytrace.trace.watchlist import WatchEntry, Watchlist

T0 = datetime(2026, 5, 11, 6, 30, tzinfo=UTC)
BODY = (
    "The Karsk defence ministry said on Monday that 14 patrol boats left Port Verin.",
    "Spokesman Ilan Vosk told the Tidewater broadcaster that the exercise lasts 6 days.",
)


def article(key: str, site: str, name: str, minutes: int, lang: str = "en", **kw) -> Article:
    return Article(
        url=f"https://{site}/2026/05/11/{key}", site=site, site_name=name,
        title=kw.pop("title", "Karsk patrol boats leave Port Verin"), paragraphs=BODY,
        lang=lang, published=T0 + timedelta(minutes=minutes), published_precision="minute", **kw,
    )  # fmt: skip


def suffix() -> SourceCue:
    return SourceCue("title_suffix", " — Tidewater Today", outlet="Tidewater Today")


@pytest.fixture
def corpus(store):
    origin = article("boats", "tidewater.example", "Tidewater Today", 0)
    french = article(
        "bateaux",
        "infoflash.example",
        "Info Flash",
        45,
        "fr",
        cues=(suffix(), SourceCue("source_line", "Lien source", url=origin.url)),
    )
    spanish_url_source = "https://infoflash.example/2026/05/11/bateaux"
    spanish = article(
        "barcos",
        "noticias24.example",
        "Noticias 24",
        200,
        "es",
        cues=(suffix(), SourceCue("source_line", "Fuente", url=spanish_url_source)),
        links=(Link(spanish_url_source, "Fuente"),),
    )
    independent = article(
        "drill", "harbortimes.example", "Harbor Times", 120, title="Karsk navy begins six-day drill"
    )
    unrelated = article("ferry", "harbortimes.example", "Harbor Times", -5000,
                        title="Ferry fares rise in Port Verin")  # fmt: skip
    ids = {
        r.url: r.id for r in store.add_articles([origin, french, spanish, independent, unrelated])
    }
    o, f, s, i = (ids[a.url] for a in (origin, french, spanish, independent))
    store.put_relations([
        Relation(o, f, "translation", 0.95, 1.0, 1.0),
        Relation(o, s, "translation", 0.93, 1.0, 1.0),
        Relation(f, s, "translation", 0.96, 1.0, 1.0),
        Relation(o, i, "same_story", 0.5, 0.4, 0.4),
        Relation(f, i, "same_story", 0.5, 0.4, 0.4),
        Relation(s, i, "same_story", 0.5, 0.4, 0.4),
    ])  # fmt: skip
    return {"origin": o, "french": f, "spanish": s, "independent": i, "urls": ids}


def test_the_report_of_a_chained_relay(store, corpus):
    report = provenance_for(store, corpus["spanish"])
    assert report.origin.article == corpus["origin"]
    assert report.edge.parent == corpus["french"]
    assert report.edge.lag_parent == 155 and report.edge.lag_origin == 200
    assert set(report.cluster.members) == {corpus[k] for k in ("origin", "french", "spanish")}
    assert corpus["independent"] in report.story.members
    assert not report.is_origin and report.watch is None


def test_a_report_by_url_and_with_a_watchlist(store, corpus):
    url = next(u for u, i in corpus["urls"].items() if i == corpus["origin"])
    wl = Watchlist((WatchEntry("Tidewater Today", ("tidewater.example",)),))
    report = provenance_for(store, url, watchlist=wl)
    assert report.is_origin
    assert report.watch.name == "Tidewater Today"


def test_an_article_without_relays_has_no_tree(store, corpus):
    unrelated = next(i for u, i in corpus["urls"].items() if u.endswith("/ferry"))
    report = provenance_for(store, unrelated)
    assert report.cluster is None and report.origin is None and report.tree is None


def test_a_missing_article_is_not_found(store, corpus):
    with pytest.raises(NotFoundError):
        provenance_for(store, 99999)


def test_corpus_rows_for_origins_and_stories(store, corpus):
    prov = corpus_provenance(store)
    rows = {r["article"].rsplit("/", 1)[1]: r for r in origin_rows(prov)}
    assert set(rows) == {"boats", "bateaux", "barcos"}
    assert rows["boats"]["parent"] is None and rows["boats"]["lag_minutes"] == 0
    assert rows["barcos"]["parent"].endswith("/bateaux")
    assert rows["barcos"]["lag_minutes"] == 155 and rows["barcos"]["origin_lag_minutes"] == 200
    assert rows["barcos"]["origin_outlet"] == "Tidewater Today"
    assert 0 < rows["barcos"]["confidence"] <= 0.99
    assert any(e.startswith("parent: its source link") for e in rows["barcos"]["evidence"])
    stories = story_rows(prov)
    assert len({r["story"] for r in stories}) == 1 and len(stories) == 4
    assert prov.network().top_origin("infoflash.example") == "tidewater.example"
