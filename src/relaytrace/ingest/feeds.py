"""RSS 0.9x/1.0/2.0 and Atom feeds: the article links they list, with date and title hints.

Parsing is feedparser's, on bytes the crawler fetched (feedparser never touches
the network here). Relative links resolve against the feed URL; items without
an http(s) link are dropped. A feed's dates are hints only: the page's own date,
found by extraction, wins.
"""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from relaytrace.errors import InputError

__all__ = ["DEFAULT_MAX_ITEMS", "Feed", "FeedItem", "feed_links", "parse_feed"]

DEFAULT_MAX_ITEMS = 500


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str
    title: str | None = None
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    url: str
    title: str | None
    version: str
    items: tuple[FeedItem, ...]


def parse_feed(content: bytes, url: str, *, max_items: int = DEFAULT_MAX_ITEMS) -> Feed:
    """Parse a fetched feed; raise ``InputError`` (code ``bad_feed``) when it is no feed at all."""
    import feedparser  # slow to load, and only feeds need it

    parsed = feedparser.parse(
        content,
        response_headers={"content-location": url},
        resolve_relative_uris=True,
        sanitize_html=False,
    )
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        raise InputError(f"{url} is not a feed: no RSS or Atom elements", code="bad_feed")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = _entry_link(entry, url)
        if link is None or link in seen:
            continue
        seen.add(link)
        title = (entry.get("title") or "").strip() or None
        items.append(FeedItem(link, title, _entry_date(entry)))
        if len(items) >= max_items:
            break
    title = (parsed.feed.get("title") or "").strip() or None
    return Feed(url=url, title=title, version=version or "unknown", items=tuple(items))


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def feed_links(page: bytes, url: str, *, limit: int = 3) -> list[str]:
    """Feeds a web page announces (``<link rel="alternate" type="application/rss+xml">``).

    Lets ``--feed`` take a site's home page: WordPress relays and most news
    sites announce their feeds this way.
    """
    try:
        root = lxml_html.fromstring(page[: 512 * 1024])
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";", 1)[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in _FEED_TYPES and href:
            absolute = urljoin(url, href)
            if urlsplit(absolute).scheme in ("http", "https") and absolute not in found:
                found.append(absolute)
    return found[:limit]


def _entry_link(entry: dict, base: str) -> str | None:
    candidates = [entry.get("link")]
    candidates += [
        link.get("href")
        for link in entry.get("links", ())
        if link.get("rel", "alternate") == "alternate"
    ]
    if entry.get("guidislink") or str(entry.get("id", "")).startswith("http"):
        candidates.append(entry.get("id"))
    for candidate in candidates:
        if not candidate:
            continue
        absolute = urljoin(base, candidate.strip())
        if urlsplit(absolute).scheme in ("http", "https"):
            return absolute
    return None


def _entry_date(entry: dict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None
