"""Crawl orchestration: feeds, sitemaps and URL lists → fetched pages → ``RawDocument``.

``crawl(sources, ...)`` discovers page URLs (feed items, sitemap entries, given
URLs, see ``discover``), fetches them politely with ``Fetcher`` and yields a
``RawDocument`` per page or a ``Rejection`` per failure, so ``pipeline.ingest``
takes crawled pages exactly as it takes files. What happened is counted in a
``CrawlStats`` the caller passes in and read back as a frozen ``CrawlReport``
(see ``crawl_stats``).

Feeds and sitemaps are fetched with conditional GETs (ETag / Last-Modified
remembered between runs in a JSON side file next to the store, see
``validators.ValidatorCache``); a 304 counts as "not modified". Pages already in
the store are not fetched again unless ``CrawlLimits.refetch`` is set, in which
case they get conditional GETs too. A page's ``key`` is its final URL plus a
digest of its bytes: the pipeline skips a page it already ingested, and a
changed page comes in as a new version.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from relaytrace.errors import FetchError
from relaytrace.ingest.crawl_stats import CrawlProgress, CrawlReport, CrawlStats
from relaytrace.ingest.discover import CrawlLimits, CrawlSources, PageRef, Validators, discover
from relaytrace.ingest.fetch import CrawlOptions, Fetcher
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


def crawl(
    sources: CrawlSources,
    options: CrawlOptions | None = None,
    *,
    limits: CrawlLimits | None = None,
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
    limits = limits or CrawlLimits()
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
        if result.final_url != ref.url:  # a source listing the final URL finds it seen too
            validators.put(result.final_url, result.etag, result.last_modified)
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
