"""Origin choice: time, credits, containment, relay shape; the outside origin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from relaytrace.model import Relation, SourceCue
from relaytrace.trace.clusters import ArticleInfo, relay_clusters
from relaytrace.trace.origin import find_origin

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def info(i: int, site: str, name: str, minutes: int = 0, lang: str = "en", **kw) -> ArticleInfo:
    return ArticleInfo(
        id=i, url=f"https://{site}/news/{i}", site=site, site_name=name, lang=lang,
        published=kw.pop("published", T0 + timedelta(minutes=minutes)),
        precision=kw.pop("precision", "minute"), **kw,
    )  # fmt: skip


def suffix(outlet: str) -> SourceCue:
    return SourceCue("title_suffix", f" — {outlet}", outlet=outlet)


def source(outlet: str | None = None, url: str | None = None) -> SourceCue:
    return SourceCue("source_line", "Source link", outlet=outlet, url=url)


def rel(a, b, kind="copy", ca=1.0, cb=1.0, score=0.95) -> Relation:
    return Relation(a, b, kind, score, ca, cb)


def origin_of(infos, relations):
    [cluster] = relay_clusters(relations)
    return find_origin(cluster, {i.id: i for i in infos})


def test_the_credited_earliest_superset_is_the_origin_with_its_evidence():
    infos = [
        info(1, "quillbypost.example", "Quillby Post"),
        info(2, "newsrelay.example", "News Relay", 25, cues=(suffix("Quillby Post"), source())),
        info(3, "infoflash.example", "Info Flash", 90, lang="fr",
             cues=(suffix("Quillby Post"), source())),
        info(4, "copyhub.example", "Copy Hub", 40, cues=(suffix("Quillby Post"),)),
    ]  # fmt: skip
    relations = [rel(1, 2), rel(1, 3, "translation"), rel(1, 4, ca=0.6, cb=1.0), rel(2, 4)]
    o = origin_of(infos, relations)
    assert o.article == 1
    assert o.outlet == "Quillby Post" and o.domain == "quillbypost.example"
    assert 0.8 <= o.confidence < 1.0
    text = " ".join(o.reasons)
    assert "credited by 3 of 3" in text
    assert "published first" in text and "25 min before" in text


def test_credits_outweigh_a_clock_that_puts_a_relay_first():
    # The relay's page claims an earlier time (a wrong time zone), but everyone,
    # the relay included, credits the origin's outlet and the relay carries a source line.
    infos = [
        info(1, "quillbypost.example", "Quillby Post", 60),
        info(2, "newsrelay.example", "News Relay", 0, cues=(suffix("Quillby Post"), source())),
        info(3, "infoflash.example", "Info Flash", 120, cues=(suffix("Quillby Post"), source())),
    ]
    o = origin_of(infos, [rel(1, 2), rel(1, 3), rel(2, 3)])
    assert o.article == 1
    assert o.confidence <= 0.8  # not first in time: never presented as certain


def test_a_bare_date_is_not_certainly_first():
    day = T0.replace(hour=0)
    infos = [
        info(1, "quillbypost.example", "Quillby Post", published=day, precision="day"),
        info(2, "newsrelay.example", "News Relay", 30),
    ]
    o = origin_of(infos, [rel(1, 2, ca=0.7, cb=1.0)])
    assert o.article == 1  # the superset, published that day
    assert o.confidence <= 0.8
    assert any("not certainly first" in r for r in o.reasons)


def test_a_link_to_a_members_url_designates_it():
    origin_url = "https://tidewater.example/news/1"
    infos = [
        info(1, "tidewater.example", "Tidewater Daily", 10),
        info(2, "newsrelay.example", "News Relay", 5, cues=(source(url=origin_url),)),
        info(3, "copyhub.example", "Copy Hub", 30, cues=(source(url=origin_url),)),
    ]
    o = origin_of(infos, [rel(1, 2), rel(1, 3), rel(2, 3)])
    assert o.article == 1
    assert any("source line" in r for r in o.reasons)


def test_origin_not_in_corpus_when_every_member_credits_an_outside_outlet():
    infos = [
        info(1, "newsrelay.example", "News Relay", 0,
             cues=(suffix("Karsk Today"), source(url="https://karsktoday.example/world/77"))),
        info(2, "infoflash.example", "Info Flash", 30, lang="fr", cues=(suffix("Karsk Today"),)),
        info(3, "copyhub.example", "Copy Hub", 45, cues=(suffix("Karsk Today"), source())),
    ]  # fmt: skip
    o = origin_of(infos, [rel(1, 2, "translation"), rel(1, 3), rel(2, 3, "translation")])
    assert o.article is None
    assert o.outlet == "Karsk Today" and o.domain == "karsktoday.example"
    assert o.reasons[0].startswith("origin not in corpus; 3 of 3 members credit Karsk Today")
    assert o.confidence < 0.99


def test_the_own_banner_and_own_name_are_not_credits():
    infos = [
        info(1, "quillbypost.example", "Quillby Post", 0,
             cues=(SourceCue("banner", "Quillby Post | News", outlet="Quillby Post"),)),
        info(2, "newsrelay.example", "News Relay", 15, cues=(suffix("News Relay"),)),
    ]  # fmt: skip
    o = origin_of(infos, [rel(1, 2)])
    assert o.article == 1
    assert not any("looks like a relay" in r for r in o.reasons)
