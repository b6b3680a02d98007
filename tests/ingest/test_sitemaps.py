"""Sitemaps: URL sets, indexes, Google News entries, gzip, text, and hostile XML."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone

import pytest

from relaytrace.errors import InputError
from relaytrace.ingest.sitemaps import parse_sitemap, parse_w3c_date

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url>
  <loc>https://gazeta-lomvik.example/pl/prom</loc>
  <news:news>
   <news:publication><news:name>Gazeta Lomvik</news:name><news:language>pl</news:language>
   </news:publication>
   <news:publication_date>2026-03-01T10:15:00+01:00</news:publication_date>
   <news:title>Prom znowu kursuje</news:title>
  </news:news>
 </url>
 <url><loc>/pl/relative</loc><lastmod>2026-02-28</lastmod></url>
 <url><loc>javascript:alert(1)</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://gazeta-lomvik.example/news.xml</loc><lastmod>2026-03-01</lastmod></sitemap>
<sitemap><loc>https://gazeta-lomvik.example/archive.xml.gz</loc></sitemap>
</sitemapindex>"""


def test_a_news_sitemap_gives_dates_titles_and_languages():
    sitemap = parse_sitemap(NEWS, "https://gazeta-lomvik.example/news.xml")

    assert sitemap.kind == "urlset"
    first, second = sitemap.entries
    assert first.url == "https://gazeta-lomvik.example/pl/prom"
    assert first.news_published == datetime(2026, 3, 1, 10, 15, tzinfo=timezone(timedelta(hours=1)))
    assert (first.news_title, first.news_lang) == ("Prom znowu kursuje", "pl")
    assert second.url == "https://gazeta-lomvik.example/pl/relative"
    assert second.lastmod == datetime(2026, 2, 28, tzinfo=UTC)


def test_an_index_lists_its_children():
    sitemap = parse_sitemap(INDEX, "https://gazeta-lomvik.example/sitemap.xml")

    assert sitemap.kind == "index"
    assert [s.url for s in sitemap.sitemaps] == [
        "https://gazeta-lomvik.example/news.xml",
        "https://gazeta-lomvik.example/archive.xml.gz",
    ]


def test_gzip_and_plain_text_sitemaps():
    zipped = parse_sitemap(gzip.compress(NEWS), "https://gazeta-lomvik.example/news.xml.gz")
    text = parse_sitemap(b"https://a.example/1\n\nhttps://a.example/2\n", "https://a.example/s.txt")

    assert len(zipped.entries) == 2
    assert [e.url for e in text.entries] == ["https://a.example/1", "https://a.example/2"]


def test_max_entries_bounds_a_sitemap():
    urls = "".join(f"<url><loc>https://big.example/{n}</loc></url>" for n in range(100))
    data = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()

    assert len(parse_sitemap(data, "https://big.example/s.xml", max_entries=7).entries) == 7


def test_entities_are_not_expanded():
    hostile = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/hostname">
<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://evil.example/&secret;</loc></url>
<url><loc>https://evil.example/&b;</loc></url></urlset>"""

    sitemap = parse_sitemap(hostile, "https://evil.example/s.xml")

    assert all("aaaa" not in e.url for e in sitemap.entries)
    assert all(len(e.url) < 60 for e in sitemap.entries)


@pytest.mark.parametrize(
    "data",
    [b"<html><body>nope</body></html>", b"not a sitemap at all", b"\x1f\x8b\x08broken"],
)
def test_what_is_no_sitemap_is_refused(data: bytes):
    with pytest.raises(InputError) as err:
        parse_sitemap(data, "https://x.example/s.xml")
    assert err.value.code == "bad_sitemap"


def test_w3c_dates():
    assert parse_w3c_date("2026-03-01") == datetime(2026, 3, 1, tzinfo=UTC)
    assert parse_w3c_date("2026-03-01T10:00:00Z") == datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert parse_w3c_date("yesterday") is None
