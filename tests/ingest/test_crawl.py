"""Crawling a fixture web of fictional sites into a real SQLite store, end to end."""

from __future__ import annotations

import gzip
import itertools
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sites import Reply, Site, local_resolver, page, serve

from relaytrace.ingest.crawl import CrawlLimits, CrawlProgress, CrawlSources
from relaytrace.ingest.fetch import CrawlOptions
from relaytrace.ingest.watch import ValidatorCache, crawl_into

OPTIONS = CrawlOptions(
    allow_private=True,
    min_delay=0.0,
    read_timeout=0.5,
    retries=1,
    backoff=0.0,
    max_bytes=5 * 1024 * 1024,
)

STORY = [
    "The harbour of Lomvik reopened on Tuesday after a storm closed it for nine days.",
    "Harbour master Edda Fjell told the Lomvik Gazette that 14 boats were back by noon.",
    "Repairs to the northern pier will cost 2.3 million crowns, the town council said.",
]


def story(title: str, *, lang: str = "en", paragraphs: list[str] | None = None) -> str:
    return page(title, paragraphs or STORY, lang=lang, published="2026-03-01T09:30:00+01:00")


def build_world(site: Site) -> None:
    """Two feeds, a sitemap index with a news sitemap, and pages that go wrong in every way."""
    u = site.url
    host = "news.example"
    site.add(host, "/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Lomvik Gazette</title>
<item><title>Harbour</title><link>{u(host, "/a")}</link>
<pubDate>Sun, 01 Mar 2026 08:30:00 GMT</pubDate></item>
<item><title>Мост</title><link>{u(host, "/b")}</link></item>
<item><title>Private</title><link>{u(host, "/private/c")}</link></item>
<item><title>Slow</title><link>{u(host, "/slow")}</link></item>
<item><title>Big</title><link>{u(host, "/big")}</link></item>
</channel></rss>"""
    site.add(host, "/rss.xml", rss, content_type="application/rss+xml", etag='"rss-1"')
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lomvik Gazette</title>
<entry><title>Port</title><link href="{u(host, "/d")}"/><id>d</id>
<updated>2026-03-01T10:00:00Z</updated></entry>
<entry><title>Brücke</title><link href="{u(host, "/lie")}"/><id>lie</id></entry>
<entry><title>Busy</title><link href="{u("busy.example", "/busy")}"/><id>busy</id></entry>
<entry><title>Loop</title><link href="{u(host, "/loop")}"/><id>loop</id></entry>
</feed>"""
    site.add(host, "/atom.xml", atom, content_type="application/atom+xml", etag='"atom-1"')
    index = f"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{u(host, "/sitemap-news.xml")}</loc></sitemap>
<sitemap><loc>{u(host, "/sitemap-pages.xml.gz")}</loc></sitemap>
</sitemapindex>"""
    site.add(host, "/sitemap.xml", index, content_type="application/xml")
    news = f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{u(host, "/e")}</loc><news:news><news:publication><news:name>Lomvik Gazette</news:name>
<news:language>en</news:language></news:publication>
<news:publication_date>2026-03-01T11:00:00+01:00</news:publication_date>
<news:title>Fishing fleet returns</news:title></news:news></url>
<url><loc>{u(host, "/a")}</loc></url>
</urlset>"""
    site.add(host, "/sitemap-news.xml", news, content_type="application/xml")
    pages = f"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{u(host, "/g")}</loc><lastmod>2026-03-01</lastmod></url></urlset>"""
    site.add(
        host,
        "/sitemap-pages.xml.gz",
        gzip.compress(pages.encode()),
        content_type="application/gzip",
    )

    site.add(host, "/a", story("Harbour of Lomvik reopens"), etag='"a-1"')
    ru = [
        "Гавань Ломвика вновь открылась во вторник после шторма, длившегося девять дней.",
        "Начальник порта Эдда Фьелль сообщила, что к полудню вернулись 14 судов.",
        "Ремонт северного пирса обойдётся в 2,3 миллиона крон, заявили в совете.",
    ]
    site.add(
        host,
        "/b",
        story("Гавань Ломвика открыта", lang="ru", paragraphs=ru).encode("cp1251"),
        content_type="text/html; charset=windows-1251",
    )
    site.add(host, "/private/c", story("Not for crawlers"))
    site.handle(host, "/slow", lambda _r: Reply(story("Slow").encode(), delay=2.0))
    chunk = b"<p>" + b"x" * (1024 * 1024) + b"</p>"
    site.handle(
        host,
        "/big",
        lambda _r: Reply((chunk for _ in range(30)), 200, {"Content-Type": "text/html"}),
    )
    fr = [
        "Le port de Lomvik a rouvert mardi après une tempête de neuf jours.",
        "La capitaine de port Edda Fjell a déclaré que 14 bateaux étaient rentrés à midi.",
        "La réparation de la jetée nord coûtera 2,3 millions de couronnes.",
    ]
    site.add(
        host,
        "/d",
        story("Le port de Lomvik rouvre", lang="fr", paragraphs=fr)
        .encode("latin-1")
        .replace(b'charset="utf-8"', b'charset="latin-1"'),
        content_type="text/html; charset=iso-8859-1",
    )
    de = [
        "Der Hafen von Lomvik wurde am Dienstag nach einem Sturm wieder geöffnet.",
        "Hafenmeisterin Edda Fjell sagte, bis Mittag seien 14 Boote zurückgekehrt.",
        "Die Reparatur des Nordpiers kostet 2,3 Millionen Kronen.",
    ]
    latin = story("Hafen von Lomvik wieder offen", lang="de", paragraphs=de)
    site.add(
        host,
        "/lie",
        latin.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("latin-1"),
        content_type="text/html; charset=utf-8",
    )  # the server's default header lies; the page's own meta tells the truth
    calls = itertools.count()
    site.handle(
        "busy.example",
        "/busy",
        lambda _r: (
            Reply(b"busy", 429, {"Retry-After": "1", "Content-Type": "text/plain"})
            if next(calls) == 0
            else Reply(story("Busy port").encode(), 200, {"Content-Type": "text/html"})
        ),
    )
    site.add(host, "/loop", b"", status=302, headers={"Location": "/loop2"})
    site.add(host, "/loop2", b"", status=302, headers={"Location": "/loop"})
    site.add(host, "/e", story("Fishing fleet returns to Lomvik"))
    site.add(host, "/g", story("Lomvik pier repairs planned"))


@pytest.fixture
def world() -> Iterator[Site]:
    with serve() as site:
        build_world(site)
        yield site


def sources(site: Site) -> CrawlSources:
    return CrawlSources(
        feeds=(site.url("news.example", "/rss.xml"), site.url("news.example", "/atom.xml")),
        sitemaps=(site.url("news.example", "/sitemap.xml"),),
    )


def test_a_crawl_ends_as_its_summary_says(world: Site, store, tmp_path):
    validators = ValidatorCache(tmp_path / "http.json")

    summary = crawl_into(
        store, sources(world), OPTIONS, validators=validators, resolver=local_resolver
    )

    c = summary.crawl
    assert c.sources == 3
    assert c.discovered == 11  # /a is listed twice, counted once
    assert c.fetched == 7  # a b d lie busy e g
    assert c.rejected == {
        "robots_disallowed": 1,
        "timeout": 1,
        "too_large": 1,
        "redirect_loop": 1,
    }
    assert summary.ingest.added == 7
    assert summary.ingest.rejected == c.rejected  # fetch failures only: every page extracted
    assert world.requests_for("/private/c") == []
    assert len(world.requests_for("/busy")) == 2

    fr = store.get_article(world.url("news.example", "/d"))
    assert "tempête" in fr.body
    ru = store.get_article(world.url("news.example", "/b"))
    assert "Гавань" in ru.body
    de = store.get_article(world.url("news.example", "/lie"))
    assert "geöffnet" in de.body  # decoded right although the header says utf-8
    assert de.published is not None and de.fetched is not None


def test_a_second_run_gets_not_modified_and_skips_what_is_stored(world: Site, store, tmp_path):
    validators = ValidatorCache(tmp_path / "http.json")
    crawl_into(store, sources(world), OPTIONS, validators=validators, resolver=local_resolver)
    before = store.get_article(world.url("news.example", "/a"))

    again = crawl_into(
        store,
        sources(world),
        OPTIONS,
        validators=ValidatorCache(tmp_path / "http.json"),
        resolver=local_resolver,
    )

    assert again.crawl.not_modified == 2  # both feeds answered 304
    assert again.crawl.known == 3  # e, g and a from the sitemaps: stored already
    assert again.crawl.fetched == 0
    assert again.ingest.added == 0
    after = store.get_article(world.url("news.example", "/a"))
    assert (after.id, after.version, after.content_hash) == (before.id, 1, before.content_hash)


def test_refetch_sends_conditional_gets_for_stored_pages(world: Site, store, tmp_path):
    validators = ValidatorCache(tmp_path / "http.json")
    only_a = CrawlSources(urls=(world.url("news.example", "/a"),))
    crawl_into(store, only_a, OPTIONS, validators=validators, resolver=local_resolver)

    again = crawl_into(
        store,
        only_a,
        OPTIONS,
        validators=validators,
        limits=CrawlLimits(refetch=True),
        resolver=local_resolver,
    )

    assert again.crawl.not_modified == 1
    assert world.requests_for("/a")[-1].headers.get("If-None-Match") == '"a-1"'
    assert store.get_article(world.url("news.example", "/a")).version == 1


def test_a_failed_fetch_leaves_the_stored_article_unchanged(world: Site, store, article_factory):
    slow = world.url("news.example", "/slow")
    kept = store.add_articles([article_factory(5, url=slow)])[0]
    before = store.get_article(kept.id)

    summary = crawl_into(
        store,
        CrawlSources(urls=(slow,)),
        OPTIONS,
        limits=CrawlLimits(refetch=True),
        resolver=local_resolver,
    )

    assert summary.crawl.rejected == {"timeout": 1}
    assert summary.crawl.errors_by_host == {"news.example": 1}
    after = store.get_article(slow)
    assert (after.id, after.version, after.content_hash) == (kept.id, 1, before.content_hash)


def test_a_redirect_into_loopback_is_refused_in_a_crawl(store):
    with serve() as site:
        site.add(
            "relay.example",
            "/story",
            b"",
            status=302,
            headers={"Location": f"http://127.0.0.1:{site.port}/admin"},
        )
        site.add("127.0.0.1", "/admin", story("Admin"))
        options = CrawlOptions(min_delay=0, allow_hosts=frozenset({"relay.example"}))

        summary = crawl_into(
            store,
            CrawlSources(urls=(site.url("relay.example", "/story"),)),
            options,
            resolver=local_resolver,
        )

        assert summary.crawl.rejected == {"blocked_address": 1}
        assert site.requests_for("/admin") == []
        assert store.count_articles() == 0


def test_limits_bound_the_number_of_pages(world: Site, store):
    summary = crawl_into(
        store, sources(world), OPTIONS, limits=CrawlLimits(max_pages=2), resolver=local_resolver
    )

    assert summary.crawl.fetched == 2
    assert summary.crawl.rejected == {"page_limit": 9}
    assert store.count_articles() == 2


def test_a_utf8_page_labelled_latin1_by_its_server_decodes_as_utf8(store):
    with serve() as site:
        body = story(
            "Hafen von Lomvik wieder offen",
            lang="de",
            paragraphs=[
                "Der Hafen von Lomvik wurde am Dienstag nach einem Sturm wieder geöffnet.",
                "Hafenmeisterin Edda Fjell sagte, bis Mittag seien 14 Boote zurückgekehrt.",
            ],
        ).replace('<meta charset="utf-8">', "")
        site.add("news.example", "/de", body, content_type="text/html; charset=iso-8859-1")
        url = site.url("news.example", "/de")

        crawl_into(store, CrawlSources(urls=(url,)), OPTIONS, resolver=local_resolver)

    assert "geöffnet" in store.get_article(url).body


def test_the_crawl_command_prints_its_summary_as_json(tmp_path):
    from typer.testing import CliRunner

    from relaytrace.cli import app

    with serve() as site:
        site.add("127.0.0.1", "/a", story("Harbour of Lomvik reopens"))
        listing = tmp_path / "urls.txt"
        listing.write_text(f"{site.url('127.0.0.1', '/a')}\n{site.url('127.0.0.1', '/gone')}\n")
        db = tmp_path / "cli.db"
        args = ["crawl", "--urls", str(listing), "--allow-private", "--min-delay", "0"]
        result = CliRunner().invoke(app, [*args, "--db", str(db), "--format", "json"])

    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["fetched"], summary["ingest"]["added"]) == (1, 1)
    assert summary["fetch_rejected"] == {"http_error": 1}
    assert (tmp_path / "cli.db.http.json").exists()


def test_the_crawl_command_refuses_loopback_without_allow_private(tmp_path):
    from typer.testing import CliRunner

    from relaytrace.cli import app

    with serve() as site:
        site.add("127.0.0.1", "/a", story("Harbour of Lomvik reopens"))
        url = site.url("127.0.0.1", "/a")
        db = tmp_path / "cli.db"
        result = CliRunner().invoke(app, ["crawl", url, "--db", str(db), "--format", "json"])
        assert site.requests_for("/a") == [] and site.requests_for("/robots.txt") == []

    assert json.loads(result.stdout)["fetch_rejected"] == {"blocked_address": 1}


def test_sitemap_limits_depth_count_and_age(store):
    def index(site: Site, name: str, children: list[tuple[str, str]]) -> None:
        entries = "".join(
            f"<sitemap><loc>{site.url('maps.example', c)}</loc><lastmod>{d}</lastmod></sitemap>"
            for c, d in children
        )
        body = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        site.add("maps.example", name, body + "</sitemapindex>", content_type="application/xml")

    with serve() as site:
        index(site, "/deep.xml", [("/deeper.xml", "2026-03-01")])
        index(site, "/deeper.xml", [("/deep.xml", "2026-03-01"), ("/x.xml", "2026-03-01")])
        months = [(f"/2025-{m:02d}.xml", f"2025-{m:02d}-28") for m in range(1, 13)]
        index(site, "/archive.xml", [*months, ("/2026-03.xml", "2026-03-01")])
        for path, _ in months:
            site.add("maps.example", path, b"<urlset/>", content_type="application/xml")
        site.add("maps.example", "/2026-03.xml", b"<urlset/>", content_type="application/xml")
        site.add("maps.example", "/x.xml", b"<urlset/>", content_type="application/xml")
        roots = ("/deep.xml", "/archive.xml")
        sources = CrawlSources(sitemaps=tuple(site.url("maps.example", r) for r in roots))
        limits = CrawlLimits(sitemap_depth=1, max_sitemaps=5)
        since = CrawlLimits(since=datetime(2026, 1, 1, tzinfo=UTC))

        capped = crawl_into(store, sources, OPTIONS, limits=limits, resolver=local_resolver)
        recent = crawl_into(store, sources, OPTIONS, limits=since, resolver=local_resolver)

    assert capped.crawl.rejected == {"sitemap_too_deep": 1, "sitemap_limit": 1}
    assert recent.crawl.rejected == {}
    assert len(site.requests_for("/2026-03.xml")) == 1  # only the second run reached it
    assert len(site.requests_for("/2025-01.xml")) == 1  # the first run; the second skipped it


def test_a_stop_mid_crawl_stores_everything_fetched_and_nothing_else(store):
    stop = threading.Event()

    class StopAfterTwo(CrawlProgress):
        def __init__(self) -> None:
            self.count = 0

        def done(self, source: str, nbytes: int) -> None:
            self.count += 1
            if self.count == 2:
                stop.set()

    with serve() as site:
        urls = []
        for n in range(12):
            site.add("news.example", f"/s{n}", story(f"Harbour story number {n}"))
            urls.append(site.url("news.example", f"/s{n}"))
        options = CrawlOptions(allow_private=True, min_delay=0, concurrency=1)

        summary = crawl_into(
            store, CrawlSources(urls=tuple(urls)), options, progress=StopAfterTwo(),
            stop=stop, resolver=local_resolver,
        )  # fmt: skip

    assert 2 <= summary.crawl.fetched < 12
    assert summary.ingest.added == summary.crawl.fetched == store.count_articles()


def test_a_home_page_given_as_a_feed_is_followed_to_its_feed(store):
    with serve() as site:
        host = "autoblog.example"
        home = '<html><head><link rel="alternate" type="application/rss+xml" href="/feed/">'
        site.add(host, "/", home + "</head><body><p>Latest news</p></body></html>")
        item = site.url(host, "/2026/03/harbour")
        rss = f'<rss version="2.0"><channel><title>A</title><item><link>{item}</link></item>'
        site.add(host, "/feed/", rss + "</channel></rss>", content_type="application/rss+xml")
        site.add(host, "/2026/03/harbour", story("Harbour of Lomvik reopens"))

        summary = crawl_into(
            store, CrawlSources(feeds=(site.url(host, "/"),)), OPTIONS, resolver=local_resolver
        )

    assert (summary.crawl.discovered, summary.ingest.added) == (1, 1)
    assert summary.crawl.rejected == {}


def test_a_redirected_page_is_remembered_under_its_final_url_too(store, tmp_path):
    with serve() as site:
        final = site.url("news.example", "/2026/harbour")
        site.add("news.example", "/2026/harbour", story("Harbour reopens"))
        site.add("news.example", "/r/7", status=302, headers={"Location": final})
        cache = tmp_path / "http.json"
        first = CrawlSources(urls=(site.url("news.example", "/r/7"),))
        crawl_into(store, first, OPTIONS, validators=ValidatorCache(cache), resolver=local_resolver)

        again = crawl_into(
            store,
            CrawlSources(urls=(site.url("news.example", "/r/7"), final)),
            OPTIONS,
            validators=ValidatorCache(cache),
            resolver=local_resolver,
        )

        assert len(site.requests_for("/2026/harbour")) == 1
    assert again.crawl.known == 2
    assert final in ValidatorCache(cache)
