"""Discovery: feeds, sitemaps and URL lists → the page URLs to fetch (``PageRef``).

Feeds and sitemaps are fetched with conditional GETs; their validators are
remembered only once the content parsed as a feed or sitemap. A web page given
as a feed is followed to the feeds it announces; sitemap indexes are walked
breadth-first within ``CrawlLimits``. Entries dated before ``limits.since``
are skipped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from relaytrace.errors import FetchError, InputError
from relaytrace.ingest.crawl_stats import CrawlProgress, CrawlStats
from relaytrace.ingest.feeds import DEFAULT_MAX_ITEMS, feed_links, parse_feed
from relaytrace.ingest.fetch import Fetcher, FetchResult
from relaytrace.ingest.sitemaps import parse_sitemap
from relaytrace.model import Rejection

__all__ = ["CrawlLimits", "CrawlSources", "PageRef", "Validators", "discover"]


class Validators(Protocol):
    """Where conditional-GET validators are kept between runs (``validators.ValidatorCache``)."""

    def get(self, url: str) -> tuple[str | None, str | None]: ...

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None: ...


@dataclass(frozen=True, slots=True)
class CrawlSources:
    """Where to find pages: feed URLs, sitemap (or sitemap index) URLs, page URLs."""

    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CrawlLimits:
    """Bounds on one crawl run."""

    max_pages: int = 10_000
    max_per_feed: int = DEFAULT_MAX_ITEMS
    max_per_sitemap: int = 50_000
    sitemap_depth: int = 3
    """Levels of sitemap indexes followed below the given sitemap."""
    max_sitemaps: int = 200
    """Sitemap files fetched per given sitemap, the index included."""
    since: datetime | None = None
    """Skip feed and sitemap entries dated before this (entries without a date are kept)."""
    refetch: bool = False
    """Fetch pages already in the store again (conditionally) instead of skipping them."""


@dataclass(frozen=True, slots=True)
class PageRef:
    """A page URL to fetch, the source that listed it, and the hints that source gave."""

    url: str
    source: str
    hints: tuple[tuple[str, str], ...] = ()


def discover(
    sources: CrawlSources,
    fetcher: Fetcher,
    *,
    limits: CrawlLimits = CrawlLimits(),
    validators: Validators | None = None,
    stats: CrawlStats | None = None,
    progress: CrawlProgress | None = None,
) -> Iterator[PageRef | Rejection]:
    """Page URLs listed by the sources, deduplicated, in source order."""
    stats = stats or CrawlStats()
    progress = progress or CrawlProgress()
    seen: set[str] = set()

    def fresh(refs: Iterable[PageRef], source: str) -> Iterator[PageRef]:
        count = 0
        for ref in refs:
            if ref.url not in seen:
                seen.add(ref.url)
                count += 1
                yield ref
        stats.add("discovered", count)
        progress.discovered(source, count)

    given = tuple(PageRef(u, "urls") for u in sources.urls)
    if given:
        stats.add("sources")
        yield from fresh(given, "urls")
    for url in sources.feeds:
        stats.add("sources")
        yield from _walk_feed(url, fetcher, limits, validators, stats, fresh)
    for url in sources.sitemaps:
        stats.add("sources")
        yield from _walk_sitemap(url, fetcher, limits, validators, stats, fresh)


def _walk_feed(
    url: str,
    fetcher: Fetcher,
    limits: CrawlLimits,
    validators: Validators | None,
    stats: CrawlStats,
    fresh: Callable[[Iterable[PageRef], str], Iterator[PageRef]],
) -> Iterator[PageRef | Rejection]:
    """Read one feed; a web page given as a feed is searched for the feeds it announces."""
    queue, derived = [url], False
    while queue:
        current = queue.pop(0)
        listed = _fetch_listing(fetcher, current, validators, stats)
        if isinstance(listed, Rejection):
            yield listed
            continue
        if listed is None:
            continue
        try:
            feed = parse_feed(listed.content, listed.final_url, max_items=limits.max_per_feed)
        except InputError as exc:
            announced = [] if derived else feed_links(listed.content, listed.final_url)
            if announced:
                queue, derived = announced, True
                continue
            stats.reject(current, exc.code)
            yield Rejection(current, exc.code, exc.message)
            continue
        _remember(validators, current, listed)  # only once it proved to be a feed
        refs = [
            PageRef(item.url, url, _hints(feed_published=item.published, feed_title=item.title))
            for item in feed.items
            if not _too_old(item.published, limits)
        ]
        yield from fresh(refs, url)


def _walk_sitemap(
    url: str,
    fetcher: Fetcher,
    limits: CrawlLimits,
    validators: Validators | None,
    stats: CrawlStats,
    fresh: Callable[[Iterable[PageRef], str], Iterator[PageRef]],
) -> Iterator[PageRef | Rejection]:
    """Walk a sitemap and its indexed children breadth-first, to ``limits.sitemap_depth``."""
    queue: deque[tuple[str, int]] = deque([(url, 0)])
    visited: set[str] = set()
    while queue:
        current, depth = queue.popleft()
        if current in visited:
            continue
        if len(visited) >= limits.max_sitemaps:
            stats.reject(url, "sitemap_limit")
            yield Rejection(url, "sitemap_limit", f"more than {limits.max_sitemaps} sitemaps")
            return
        visited.add(current)
        listed = _fetch_listing(fetcher, current, validators, stats)
        if isinstance(listed, Rejection):
            yield listed
            continue
        if listed is None:
            continue
        try:
            sitemap = parse_sitemap(
                listed.content, listed.final_url, max_entries=limits.max_per_sitemap
            )
        except InputError as exc:
            stats.reject(current, exc.code)
            yield Rejection(current, exc.code, exc.message)
            continue
        _remember(validators, current, listed)
        if sitemap.kind == "index":
            if depth >= limits.sitemap_depth:
                stats.reject(current, "sitemap_too_deep")
                yield Rejection(current, "sitemap_too_deep", f"index below depth {depth}")
                continue
            queue.extend(
                (child.url, depth + 1)
                for child in sitemap.sitemaps
                if not _too_old(child.lastmod, limits)  # an archive untouched since: skip it
            )
            continue
        refs = [
            PageRef(
                e.url,
                url,
                _hints(
                    sitemap_published=e.news_published or e.lastmod,
                    news_title=e.news_title,
                    news_lang=e.news_lang,
                ),
            )
            for e in sitemap.entries
            if not _too_old(e.news_published or e.lastmod, limits)
        ]
        yield from fresh(refs, url)


def _fetch_listing(
    fetcher: Fetcher, url: str, validators: Validators | None, stats: CrawlStats
) -> FetchResult | Rejection | None:
    """Fetch a feed or sitemap: the result, a Rejection, or None when not modified.

    Its validators are remembered by the caller, once the content parsed.
    """
    etag, modified = validators.get(url) if validators is not None else (None, None)
    try:
        result = fetcher.fetch(url, accept="xml", etag=etag, last_modified=modified)
    except FetchError as exc:
        stats.reject(url, exc.code)
        return Rejection(url, exc.code, exc.message)
    if result.status == "not_modified":
        stats.add("not_modified")
        return None
    stats.add("bytes", len(result.content))
    return result


def _remember(validators: Validators | None, url: str, result: FetchResult) -> None:
    if validators is not None and (result.etag or result.last_modified):
        validators.put(url, result.etag, result.last_modified)


def _too_old(when: datetime | None, limits: CrawlLimits) -> bool:
    return limits.since is not None and when is not None and when < limits.since


def _hints(**values: object) -> tuple[tuple[str, str], ...]:
    out = []
    for name, value in values.items():
        if value is None:
            continue
        out.append((name, value.isoformat() if isinstance(value, datetime) else str(value)))
    return tuple(out)
