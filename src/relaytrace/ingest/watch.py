"""Crawl into a store once (``crawl_into``), or poll feeds until told to stop (``watch``).

Both run crawled pages through the same ``pipeline.ingest`` as files, so
extraction, deduplication by source key and batching are the pipeline's. The
validators (ETag / Last-Modified) are saved only after the pipeline committed,
so a run cut short fetches again what it had not stored.

Stopping: setting the ``stop`` event makes the crawl yield nothing new; the
fetches in flight finish, the pipeline commits the batch it holds, and the
call returns its report. Nothing is half-written.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from relaytrace.errors import InputError, RelaytraceError
from relaytrace.ingest.crawl import (
    CrawlLimits,
    CrawlProgress,
    CrawlReport,
    CrawlSources,
    CrawlStats,
    crawl,
)
from relaytrace.ingest.fetch import CrawlOptions, Fetcher
from relaytrace.ingest.guard import Resolver, system_resolver
from relaytrace.ingest.pipeline import DEFAULT_BATCH_SIZE, AfterBatch, ingest
from relaytrace.ingest.report import IngestReport
from relaytrace.ingest.validators import ValidatorCache
from relaytrace.store.base import Store

log = logging.getLogger(__name__)

__all__ = [
    "CrawlSummary",
    "ValidatorCache",
    "WatchReport",
    "crawl_into",
    "match_after_batch",
    "parse_every",
    "read_feed_list",
    "watch",
]


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """One crawl into a store: what the crawler did and what the pipeline made of it."""

    crawl: CrawlReport
    ingest: IngestReport
    matched: int = 0
    """Relations stored by matching the new articles (0 when matching is off)."""

    def to_dict(self) -> dict[str, object]:
        c = self.crawl
        return {
            "sources": c.sources,
            "discovered": c.discovered,
            "known": c.known,
            "fetched": c.fetched,
            "not_modified": c.not_modified,
            "bytes": c.bytes,
            "fetch_rejected": dict(c.rejected),
            "errors_by_host": dict(c.errors_by_host),
            "ingest": self.ingest.to_dict(),
            "relations": self.matched,
        }


@dataclass(frozen=True, slots=True)
class WatchReport:
    """Every poll of a watch run, in order."""

    polls: tuple[CrawlSummary, ...] = ()
    stopped_by: str = "stop"

    @property
    def added(self) -> int:
        return sum(p.ingest.added + p.ingest.updated for p in self.polls)


def match_after_batch(counter: list[int] | None = None) -> AfterBatch:
    """An ``after_batch`` hook matching each committed batch against the store."""
    from relaytrace.match.matcher import match_articles  # heavy: only when matching

    def hook(store: Store, ids: list[int]) -> None:
        try:
            found = match_articles(store, ids)
        except RelaytraceError as exc:  # stored articles stay; matching can be rerun later
            log.warning("matching %d new articles failed: %s", len(ids), exc)
            return
        if counter is not None:
            counter.append(found)

    return hook


def crawl_into(
    store: Store,
    sources: CrawlSources,
    options: CrawlOptions | None = None,
    *,
    limits: CrawlLimits | None = None,
    validators: ValidatorCache | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    match: bool = False,
    progress: CrawlProgress | None = None,
    stop: threading.Event | None = None,
    resolver: Resolver = system_resolver,
    fetcher: Fetcher | None = None,
) -> CrawlSummary:
    """Crawl ``sources`` and ingest the pages into ``store``; return both reports.

    A ``fetcher`` given is used as is (its options and resolver win) and left
    open, so a caller polling again keeps its robots.txt cache and connections.
    """
    stats = CrawlStats()
    limits = limits or CrawlLimits()
    matched: list[int] = []
    with _own_or_given(fetcher, options, resolver) as fetcher:
        items = crawl(
            sources,
            limits=limits,
            fetcher=fetcher,
            validators=validators,
            is_known=lambda url: (
                (validators is not None and url in validators) or store.get_article(url) is not None
            ),
            stats=stats,
            progress=progress,
            stop=stop,
        )
        report = ingest(
            store,
            items,
            workers=workers,
            batch_size=batch_size,
            after_batch=match_after_batch(matched) if match else None,
        )
    if validators is not None:
        validators.save()
    return CrawlSummary(crawl=stats.report(), ingest=report, matched=sum(matched))


def watch(
    store: Store,
    feeds: Sequence[str],
    options: CrawlOptions | None = None,
    *,
    every: float = 600.0,
    limits: CrawlLimits | None = None,
    validators: ValidatorCache | None = None,
    match: bool = True,
    stop: threading.Event | None = None,
    on_poll: Callable[[int, CrawlSummary], None] | None = None,
    max_polls: int | None = None,
    resolver: Resolver = system_resolver,
) -> WatchReport:
    """Poll ``feeds`` every ``every`` seconds, ingest and match new items, until ``stop`` is set.

    ``on_poll(n, summary)`` is told after each poll (the CLI prints it). One
    fetcher serves every poll, so robots.txt is asked once per host per
    ``options.robots_ttl`` (24 h), not once per poll. Without ``validators``,
    pages seen are remembered for this session only.
    """
    if not feeds:
        raise InputError("no feeds to watch", code="no_feeds")
    stop = stop or threading.Event()
    polls: list[CrawlSummary] = []
    sources = CrawlSources(feeds=tuple(feeds))
    seen = validators if validators is not None else ValidatorCache(None)  # for this session
    with Fetcher(options, resolver=resolver) as fetcher:  # one robots.txt cache for all polls
        while not stop.is_set():
            started = time.monotonic()
            summary = crawl_into(
                store,
                sources,
                limits=limits,
                validators=seen,
                match=match,
                stop=stop,
                fetcher=fetcher,
            )
            polls.append(summary)
            if on_poll is not None:
                on_poll(len(polls), summary)
            if max_polls is not None and len(polls) >= max_polls:
                return WatchReport(tuple(polls), stopped_by="max_polls")
            stop.wait(max(0.0, every - (time.monotonic() - started)))
    return WatchReport(tuple(polls), stopped_by="stop")


@contextmanager
def _own_or_given(
    fetcher: Fetcher | None, options: CrawlOptions | None, resolver: Resolver
) -> Iterator[Fetcher]:
    """The caller's fetcher, left open; or a new one, closed after use."""
    if fetcher is not None:
        yield fetcher
        return
    with Fetcher(options, resolver=resolver) as own:
        yield own


_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """Seconds in an interval such as "90", "30s", "10m", "1.5h"; at least one second."""
    match = _EVERY.match(text)
    if not match:
        raise InputError(f"not an interval: {text!r} (try 30s, 10m, 1h)", code="bad_interval")
    seconds = float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    if seconds < 1:
        raise InputError(f"interval {text!r} is under one second", code="bad_interval")
    return seconds


def read_feed_list(path: str | Path) -> list[str]:
    """URLs in a list file: one a line, blank lines and ``#`` comments ignored."""
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read URL list {path}: {exc}", code="unreadable") from exc
    urls = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            urls.append(line)
    return urls
