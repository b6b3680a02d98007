"""Feeds of every common flavour give their item links, titles and dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from relaytrace.errors import InputError
from relaytrace.ingest.feeds import feed_links, parse_feed

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Sandholm Post</title>
<item><title>Ferry resumes</title><link>https://sandholm-post.example/news/ferry</link>
<pubDate>Sun, 01 Mar 2026 08:30:00 +0100</pubDate></item>
<item><title>Relative link</title><link>/news/relative</link></item>
<item><title>Permalink guid only</title>
<guid isPermaLink="true">https://sandholm-post.example/news/guid</guid></item>
<item><title>Duplicate</title><link>https://sandholm-post.example/news/ferry</link></item>
<item><title>Mail link</title><link>mailto:desk@sandholm-post.example</link></item>
</channel></rss>"""

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
<item><title>Old style</title><link>https://old.example/1</link></item></channel></rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF wire</title></channel>
<item rdf:about="https://rdf.example/a"><title>A</title><link>https://rdf.example/a</link>
<dc:date>2026-03-01T07:00:00Z</dc:date></item></rdf:RDF>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Вестник Ломвика</title>
<entry><title>Паром снова ходит</title>
<link rel="alternate" href="https://vestnik.example/ru/parom"/>
<link rel="enclosure" href="https://vestnik.example/photo.jpg"/>
<id>urn:uuid:1</id><published>2026-03-01T06:00:00Z</published>
<updated>2026-03-01T09:00:00Z</updated></entry></feed>""".encode()


def test_rss_2_items_with_dates_relative_links_and_guid_permalinks():
    feed = parse_feed(RSS2, "https://sandholm-post.example/rss.xml")

    assert feed.title == "Sandholm Post"
    assert [i.url for i in feed.items] == [
        "https://sandholm-post.example/news/ferry",
        "https://sandholm-post.example/news/relative",
        "https://sandholm-post.example/news/guid",
    ]
    assert feed.items[0].published == datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    assert feed.items[0].title == "Ferry resumes"


@pytest.mark.parametrize(
    ("data", "version", "url"),
    [
        (RSS091, "rss091u", "https://old.example/1"),
        (RSS1, "rss10", "https://rdf.example/a"),
        (ATOM, "atom10", "https://vestnik.example/ru/parom"),
    ],
)
def test_other_flavours(data: bytes, version: str, url: str):
    feed = parse_feed(data, "https://feeds.example/feed")

    assert feed.version.startswith(version[:5])
    assert feed.items[0].url == url


def test_atom_prefers_the_published_date_and_the_alternate_link():
    item = parse_feed(ATOM, "https://vestnik.example/atom").items[0]

    assert item.published == datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
    assert item.title == "Паром снова ходит"


def test_max_items_bounds_a_long_feed():
    items = "".join(f"<item><link>https://long.example/{n}</link></item>" for n in range(50))
    data = f'<rss version="2.0"><channel><title>L</title>{items}</channel></rss>'.encode()

    assert len(parse_feed(data, "https://long.example/rss", max_items=10).items) == 10


def test_a_page_that_is_no_feed_is_refused():
    with pytest.raises(InputError) as err:
        parse_feed(b"<html><body><p>Welcome</p></body></html>", "https://x.example/")
    assert err.value.code == "bad_feed"


def test_a_home_page_announces_its_feeds():
    home = b"""<!doctype html><html><head><title>Sandholm Post</title>
<link rel="alternate" type="application/rss+xml" title="News" href="/feed/">
<link rel="alternate" type="application/atom+xml" href="https://sandholm-post.example/atom.xml">
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="stylesheet" href="/style.css"></head><body><p>Welcome</p></body></html>"""

    assert feed_links(home, "https://sandholm-post.example/") == [
        "https://sandholm-post.example/feed/",
        "https://sandholm-post.example/atom.xml",
    ]
    assert feed_links(b"<html><body>no feeds</body></html>", "https://x.example/") == []
