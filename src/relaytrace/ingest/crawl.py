"""Crawl orchestration: feeds, sitemaps and URL lists → fetched pages → ``RawDocument``.

``crawl(sources, ...)`` discovers page URLs (feed items, sitemap entries, given
URLs), fetches them politely with ``Fetcher`` and yields a ``RawDocument`` per
page or a ``Rejection`` per failure, so ``pipeline.ingest`` takes crawled pages
exactly as it takes files. What happened is counted in a ``CrawlStats`` the
caller passes in and read back as a frozen ``CrawlReport``.

Feeds and sitemaps are fetched with conditional GETs (ETag / Last-Modified
remembered between runs in a JSON side file next to the store, see
``watch.ValidatorCache``); a 304 counts as "not modified". Pages already in the store
are not fetched again unless ``CrawlLimits.refetch`` is set, in which case they
get conditional GETs too. A page's ``key`` is its final URL plus a digest of
its bytes: the pipeline skips a page it already ingested, and a changed page
comes in as a new version.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from relaytrace.errors import FetchError, InputError
from relaytrace.ingest.feeds import DEFAULT_MAX_ITEMS, feed_links, parse_feed
from relaytrace.ingest.fetch import CrawlOptions, Fetcher, FetchResult
from relaytrace.ingest.sitemaps import parse_sitemap
from relaytrace.model import RawDocument, Rejection

log = logging.getLogger(__name__)

__all__ = [
    "CrawlLimits",
    "CrawlProgress",
    "CrawlReport",
    "CrawlSources",
    "CrawlStats",
    "PageRef",
    "Validators",
    "crawl",
    "discover",
]


class Validators(Protocol):
    """Where conditional-GET validators are kept between runs (``watch.ValidatorCache``)."""

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


class CrawlProgress:
    """Progress callbacks; the CLI subclasses this to draw bars. The defaults do nothing."""

    def discovered(self, source: str, count: int) -> None: ...

    def done(self, source: str, nbytes: int) -> None: ...


@dataclass(frozen=True, slots=True)
class CrawlReport:
    """What a crawl did. ``rejected`` counts failures by reason code, ``errors_by_host`` by host."""

    sources: int = 0
    discovered: int = 0
    known: int = 0
    fetched: int = 0
    not_modified: int = 0
    bytes: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    errors_by_host: dict[str, int] = field(default_factory=dict)


_NOT_HOST_ERRORS = frozenset({"page_limit", "sitemap_too_deep", "sitemap_limit"})


class CrawlStats:
    """Thread-safe counters filled while a crawl runs; ``report()`` freezes them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.rejected: Counter[str] = Counter()
        self.hosts: Counter[str] = Counter()

    def add(self, name: str, n: int = 1) -> None:
        with self._lock:
            self.counts[name] += n

    def reject(self, url: str, code: str) -> None:
        with self._lock:
            self.rejected[code] += 1
            if code not in _NOT_HOST_ERRORS:
                self.hosts[urlsplit(url).hostname or url] += 1

    def report(self) -> CrawlReport:
        with self._lock:
            c = self.counts
            return CrawlReport(
                sources=c["sources"],
                discovered=c["discovered"],
                known=c["known"],
                fetched=c["fetched"],
                not_modified=c["not_modified"],
                bytes=c["bytes"],
                rejected=dict(self.rejected),
                errors_by_host=dict(self.hosts),
            )


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


def crawl(
    sources: CrawlSources,
    options: CrawlOptions | None = None,
    *,
    limits: CrawlLimits = CrawlLimits(),
    fetcher: Fetcher | None = None,
    validators: Validators | None = None,
    is_known: Callable[[str], bool] | None = None,
    stats: CrawlStats | None = None,
    progress: CrawlProgress | None = None,
    stop: threading.Event | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Fetch every page the sources list; yield documents and rejections as fetches finish.

    ``is_known(url)`` says whether a page was stored or fetched before (skipped unless
    ``limits.refetch``). Setting ``stop`` ends the crawl after the fetches in
    flight: nothing is yielded half-made.
    """
    stats = stats or CrawlStats()
    progress = progress or CrawlProgress()
    own = fetcher is None
    fetcher = fetcher or Fetcher(options)
    stop = stop or threading.Event()
    try:
        refs = discover(
            sources,
            fetcher,
            limits=limits,
            validators=validators,
            stats=stats,
            progress=progress,
        )
        with ThreadPoolExecutor(max_workers=max(1, fetcher.options.concurrency)) as pool:
            pending: set[Future[RawDocument | Rejection | None]] = set()
            budget = limits.max_pages
            for ref in refs:
                if stop.is_set():
                    break
                if isinstance(ref, Rejection):
                    yield ref
                    continue
                if is_known is not None and not limits.refetch and is_known(ref.url):
                    stats.add("known")
                    progress.done(ref.source, 0)
                    continue
                if budget <= 0:
                    stats.reject(ref.url, "page_limit")
                    continue
                budget -= 1
                pending.add(pool.submit(_fetch_page, fetcher, ref, validators, stats, progress))
                if len(pending) >= 2 * fetcher.options.concurrency:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from _results(finished)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from _results(finished)
    finally:
        if own:
            fetcher.close()


def _results(
    futures: Iterable[Future[RawDocument | Rejection | None]],
) -> Iterator[RawDocument | Rejection]:
    for future in futures:
        item = future.result()
        if item is not None:
            yield item


def _fetch_page(
    fetcher: Fetcher,
    ref: PageRef,
    validators: Validators | None,
    stats: CrawlStats,
    progress: CrawlProgress,
) -> RawDocument | Rejection | None:
    etag, modified = validators.get(ref.url) if validators is not None else (None, None)
    try:
        result = fetcher.fetch(ref.url, accept="html", etag=etag, last_modified=modified)
    except FetchError as exc:
        if validators is not None and getattr(exc, "status", None) in (404, 410):
            validators.put(ref.url, None, None)  # gone for good: not asked again each poll
        stats.reject(ref.url, exc.code)
        progress.done(ref.source, 0)
        return Rejection(ref.url, exc.code, exc.message)
    except Exception as exc:  # a bug or an odd URL must not end the crawl: count it, go on
        log.exception("fetching %s failed", ref.url)
        stats.reject(ref.url, "fetch_failed")
        progress.done(ref.source, 0)
        return Rejection(ref.url, "fetch_failed", f"{type(exc).__name__}: {exc}")
    if validators is not None:  # remembered even without validators: the page is "seen"
        validators.put(ref.url, result.etag, result.last_modified)
    progress.done(ref.source, len(result.content))
    if result.status == "not_modified":
        stats.add("not_modified")
        return None
    stats.add("fetched")
    stats.add("bytes", len(result.content))
    meta: dict[str, object] = dict(ref.hints)
    meta.update(source="crawl", listed_by=ref.source, requested_url=ref.url)
    if result.content_type:
        meta["content_type"] = result.content_type
    if result.charset:
        meta["charset"] = result.charset
    if result.redirects:
        meta["redirects"] = result.redirects
    digest = hashlib.blake2b(result.content, digest_size=12).hexdigest()
    return RawDocument(
        origin=ref.url,
        kind="html",
        content=result.content,
        url=result.final_url,
        fetched=result.fetched,
        key=f"{result.final_url}#{digest}",
        meta=meta,
    )


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
