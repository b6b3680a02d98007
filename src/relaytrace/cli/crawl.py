"""Commands that read the web: ``crawl`` (feeds, sitemaps, URL lists, once) and ``watch``.

Thin over ``relaytrace.ingest.watch``: the commands build options, draw
progress bars and summary tables, and turn SIGINT/SIGTERM into a clean stop.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from relaytrace.cli.app import DbOption, Format, FormatOption, app
from relaytrace.cli.output import render_record, render_rows
from relaytrace.errors import InputError
from relaytrace.ingest import watch as watching
from relaytrace.ingest.crawl import CrawlLimits, CrawlProgress, CrawlSources
from relaytrace.ingest.fetch import CrawlOptions
from relaytrace.ingest.pipeline import DEFAULT_BATCH_SIZE
from relaytrace.ingest.watch import (
    CrawlSummary,
    ValidatorCache,
    crawl_into,
    parse_every,
    read_feed_list,
)
from relaytrace.store import DEFAULT_DB, open_store

__all__ = ["crawl", "summary_rows", "watch"]

stderr = Console(stderr=True)
_OPTIONS = CrawlOptions()
_LIMITS = CrawlLimits()

ContactOption = Annotated[
    str | None,
    typer.Option("--contact", help="E-mail or URL for site owners, sent in the User-Agent."),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Allow loopback and private addresses (tests, intranets)."
    ),
]
DelayOption = Annotated[
    float, typer.Option("--min-delay", help="Seconds between two requests to one host.")
]


@app.command()
def crawl(
    urls: Annotated[list[str] | None, typer.Argument(help="Page URLs to fetch.")] = None,
    feed: Annotated[
        list[str] | None, typer.Option("--feed", help="RSS or Atom feed URL (repeatable).")
    ] = None,
    sitemap: Annotated[
        list[str] | None,
        typer.Option("--sitemap", help="Sitemap, sitemap index or news sitemap URL (repeatable)."),
    ] = None,
    url_file: Annotated[
        str | None, typer.Option("--urls", help="File of page URLs, one a line.")
    ] = None,
    db: DbOption = None,
    contact: ContactOption = None,
    allow_private: AllowPrivateOption = False,
    min_delay: DelayOption = _OPTIONS.min_delay,
    concurrency: Annotated[
        int, typer.Option("--concurrency", help="Fetches in flight across hosts.")
    ] = _OPTIONS.concurrency,
    max_pages: Annotated[
        int, typer.Option("--max-pages", help="Most pages to fetch in this run.")
    ] = _LIMITS.max_pages,
    since: Annotated[
        str | None, typer.Option("--since", help="Skip entries dated before (YYYY-MM-DD).")
    ] = None,
    refetch: Annotated[
        bool, typer.Option("--refetch", help="Fetch stored pages again (conditional GET).")
    ] = False,
    match: Annotated[
        bool, typer.Option("--match/--no-match", help="Match new articles against the store.")
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Extraction processes (0: one per core).")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Articles per transaction.")
    ] = DEFAULT_BATCH_SIZE,
    fmt: FormatOption = Format.table,
) -> None:
    """Fetch pages listed by feeds, sitemaps and URL lists, politely, into the store."""
    page_urls = list(urls or []) + (read_feed_list(url_file) if url_file else [])
    sources = CrawlSources(
        feeds=tuple(feed or ()), sitemaps=tuple(sitemap or ()), urls=tuple(page_urls)
    )
    if not (sources.feeds or sources.sitemaps or sources.urls):
        message = "nothing to crawl: give URLs, --feed, --sitemap or --urls"
        raise InputError(message, code="no_input")
    options = CrawlOptions(
        contact=contact, allow_private=allow_private, min_delay=min_delay, concurrency=concurrency
    )
    limits = CrawlLimits(max_pages=max_pages, since=_date(since), refetch=refetch)
    with stop_on_signals() as stop, open_store(db) as store, _bars() as progress:
        summary = crawl_into(
            store,
            sources,
            options,
            limits=limits,
            validators=_validators(db),
            workers=workers or os.cpu_count() or 1,
            batch_size=batch_size,
            match=match,
            progress=progress,
            stop=stop,
        )
    print_summary(summary, fmt)


@app.command()
def watch(
    feeds_file: Annotated[str, typer.Argument(help="File of feed URLs, one a line.")],
    every: Annotated[str, typer.Option("--every", help="Poll interval: 90s, 10m, 1h.")] = "10m",
    db: DbOption = None,
    contact: ContactOption = None,
    allow_private: AllowPrivateOption = False,
    min_delay: DelayOption = _OPTIONS.min_delay,
    match: Annotated[
        bool, typer.Option("--match/--no-match", help="Match new articles against the store.")
    ] = True,
    max_polls: Annotated[
        int | None, typer.Option("--max-polls", help="Stop after this many polls.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Poll feeds, ingest and match new items, until SIGINT or SIGTERM."""
    feeds = read_feed_list(feeds_file)
    interval = parse_every(every)
    options = CrawlOptions(contact=contact, allow_private=allow_private, min_delay=min_delay)
    out = Console()

    def on_poll(n: int, summary: CrawlSummary) -> None:
        if fmt in (Format.json, Format.jsonl):
            render_record({"poll": n, **summary.to_dict()}, Format.jsonl)
        else:
            out.print(Text(_poll_line(n, summary)), soft_wrap=True)  # one line per poll
        sys.stdout.flush()

    if fmt is Format.table:
        stderr.print(f"watching {len(feeds)} feed(s) every {every}; Ctrl-C to stop")
    with stop_on_signals() as stop, open_store(db) as store:
        report = watching.watch(
            store,
            feeds,
            options,
            every=interval,
            validators=_validators(db),
            match=match,
            stop=stop,
            on_poll=on_poll,
            max_polls=max_polls,
        )
    if fmt is Format.table:
        out.print(
            f"stopped ({report.stopped_by}) after {len(report.polls)} poll(s): "
            f"{report.added} new or updated article(s)"
        )


# -- helpers -----------------------------------------------------------------


@contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """An event set by SIGINT or SIGTERM (the work in hand finishes); handlers restored after."""
    stop = threading.Event()

    def handler(signum: int, _frame: object) -> None:
        if stop.is_set():  # a second signal: give up at once
            raise KeyboardInterrupt
        stop.set()
        stderr.print(f"{signal.Signals(signum).name}: finishing the current batch, then stopping")

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _validators(db: object) -> ValidatorCache:
    location = str(db or os.environ.get("RELAYTRACE_DB") or DEFAULT_DB)
    if "://" in location:  # a server store: validators for this run only
        return ValidatorCache(None)
    return ValidatorCache.beside(location)


def _date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"--since wants a date like 2026-03-01, not {text!r}") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class _BytesColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.fields.get('nbytes', 0) / 1e6:,.1f} MB", style="green")


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} pages/s" if speed else "– pages/s", style="cyan")


class _Bars(CrawlProgress):
    """Rich progress bars, one per source: items, bytes, rate, ETA."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[str, int] = {}
        self.lock = threading.Lock()

    def _task(self, source: str) -> int:
        with self.lock:
            if source not in self.tasks:
                label = source if len(source) <= 40 else "…" + source[-39:]
                self.tasks[source] = self.progress.add_task(label, total=0, nbytes=0)
            return self.tasks[source]

    def discovered(self, source: str, count: int) -> None:
        task = self._task(source)
        total = self.progress.tasks[task].total or 0
        self.progress.update(task, total=total + count)

    def done(self, source: str, nbytes: int) -> None:
        task = self._task(source)
        seen = self.progress.tasks[task].fields.get("nbytes", 0)
        self.progress.update(task, advance=1, nbytes=seen + nbytes)


@contextmanager
def _bars() -> Iterator[CrawlProgress]:
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _BytesColumn(),
        _RateColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=stderr,
        disable=not sys.stderr.isatty(),
    )
    with progress:
        yield _Bars(progress)


def summary_rows(summary: CrawlSummary) -> list[dict[str, object]]:
    """The crawl summary as rows: fetching, extraction, rejections by reason, errors by host."""
    c, i = summary.crawl, summary.ingest
    rows: list[dict[str, object]] = [
        {"outcome": "sources", "count": c.sources, "detail": "feeds, sitemaps, URL lists"},
        {"outcome": "discovered", "count": c.discovered, "detail": "page URLs listed"},
        {"outcome": "already seen", "count": c.known, "detail": "stored or fetched before"},
        {"outcome": "fetched", "count": c.fetched, "detail": f"{c.bytes / 1e6:,.1f} MB"},
        {"outcome": "not modified", "count": c.not_modified, "detail": "HTTP 304"},
        {"outcome": "extracted", "count": i.added + i.updated, "detail": "new or new version"},
        {"outcome": "duplicates", "count": i.unchanged + i.skipped, "detail": "already stored"},
        {"outcome": "rejected", "count": i.total_rejected, "detail": ""},
    ]
    reasons = dict(i.rejected)
    if "page_limit" in c.rejected:
        reasons["page_limit"] = c.rejected["page_limit"]
        rows[-1]["count"] = i.total_rejected + c.rejected["page_limit"]
    for reason, count in reasons.items():
        examples = "; ".join(f"{r.origin}: {r.message}" for r in i.examples.get(reason, ())[:2])
        rows.append({"outcome": f"  {reason}", "count": count, "detail": examples})
    for host, count in sorted(c.errors_by_host.items(), key=lambda kv: -kv[1]):
        rows.append({"outcome": f"errors at {host}", "count": count, "detail": ""})
    if summary.matched:
        rows.append({"outcome": "relations", "count": summary.matched, "detail": "matched"})
    return rows


def print_summary(summary: CrawlSummary, fmt: Format) -> None:
    if fmt in (Format.json, Format.jsonl):
        render_record(summary.to_dict(), fmt)
        return
    seconds = summary.ingest.seconds
    title = f"crawl: {summary.crawl.fetched:,} pages fetched in {seconds:.1f} s"
    render_rows(summary_rows(summary), fmt, columns=["outcome", "count", "detail"], title=title)


def _poll_line(n: int, summary: CrawlSummary) -> str:
    c, i = summary.crawl, summary.ingest
    now = datetime.now(UTC).strftime("%H:%M:%S")
    return (
        f"poll {n} at {now}Z: {i.added} new, {i.updated} updated, {c.not_modified} not modified, "
        f"{c.known} known, {i.total_rejected} rejected, {summary.matched} relations"
    )
