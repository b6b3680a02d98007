"""Commands over articles: ``ingest``, ``show``, ``search``, ``stats`` (thin over ``service``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from relaytrace import service
from relaytrace.cli.app import DbOption, Format, FormatOption, app
from relaytrace.cli.output import render_record, render_rows
from relaytrace.ingest.pipeline import DEFAULT_BATCH_SIZE
from relaytrace.ingest.report import IngestReport
from relaytrace.store import open_store
from relaytrace.store.base import Store

__all__ = ["ingest", "print_report", "progress_bar", "search", "show", "stats"]

stderr = Console(stderr=True)


@contextmanager
def opened(db: object) -> Iterator[Store]:
    with open_store(db) as store:  # type: ignore[arg-type]
        yield store


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories, .jsonl, .warc(.gz) or - for stdin.")
    ],
    db: DbOption = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Extraction processes (0: one per core).")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", help="Articles per transaction.")
    ] = DEFAULT_BATCH_SIZE,
    url: Annotated[
        str | None, typer.Option("--url", help="URL of a page or text read from stdin.")
    ] = None,
    match: Annotated[
        bool,
        typer.Option(
            "--match/--no-match",
            help="Match new articles and extract their statements as they come "
            "(--no-match for a fast bulk load; run 'relaytrace match' after).",
        ),
    ] = True,
    fmt: FormatOption = Format.table,
) -> None:
    """Read articles from files, archives or stdin into the store; report what became of them."""
    workers = workers or os.cpu_count() or 1
    total = service.estimate_items(paths)
    with opened(db) as store, progress_bar(total) as advance:
        report = service.ingest_paths(
            store,
            paths,
            stdin_url=url,
            workers=workers,
            batch_size=batch_size,
            after_batch=service.follow_up if match else None,
            progress=advance,
        )
    print_report(report, fmt)
    if report.nothing_read:
        stderr.print("relaytrace: nothing could be read from the given input")
        raise typer.Exit(1)


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="Article id, URL or canonical URL.")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Show one article: its fields, source cues and paragraphs."""
    with opened(db) as store:
        article = service.show_article(store, ref)
    record = service.article_record(article)
    if fmt is not Format.table:
        render_record(record, fmt)
        return
    console = Console()
    fields = Table(show_header=False, box=None)
    fields.add_column(style="bold")
    fields.add_column(overflow="fold")
    for key, value in record.items():
        if key not in ("cues", "links", "paragraphs", "sentences") and value is not None:
            fields.add_row(key, Text(str(value)))
    fields.add_row("sentences", str(len(article.sentences)))
    fields.add_row("links", str(len(article.links)))
    console.print(fields)
    if record["cues"]:
        render_rows(record["cues"], fmt, title="source cues")  # type: ignore[arg-type]
    console.print()
    for number, paragraph in enumerate(article.paragraphs, start=1):
        console.print(Text(f"[{number}] ", style="dim") + Text(paragraph))
        console.print()


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words or "a phrase"; word* for a prefix.')],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits to show.")] = 20,
    fmt: FormatOption = Format.table,
) -> None:
    """Full-text search over titles and bodies (latest versions)."""
    with opened(db) as store:
        hits = service.search(store, query, limit=limit)
    columns = ["id", "title", "snippet", "url"] if fmt is Format.table else None
    render_rows([service.search_record(h) for h in hits], fmt, columns=columns)


@app.command()
def stats(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Corpus figures: articles, versions, sites, languages, relations."""
    with opened(db) as store:
        figures = service.corpus_stats(store)
    if fmt is not Format.table:
        render_record(figures, fmt)
        return
    scalars = {k: v for k, v in figures.items() if not isinstance(v, Mapping)}
    render_record(scalars, fmt)
    for key, value in figures.items():
        if isinstance(value, Mapping) and value:
            rows = [{key: k, "count": v} for k, v in value.items()]
            render_rows(rows, fmt, title=key)


# -- ingest output -----------------------------------------------------------


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "–/s", style="cyan")


@contextmanager
def progress_bar(total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr with rate and ETA; yields the ``advance(n)`` callback."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=stderr,
        transient=False,
        disable=not sys.stderr.isatty(),
    )
    with progress:
        task = progress.add_task("ingest", total=total)
        yield lambda n: progress.advance(task, n)


def print_report(report: IngestReport, fmt: Format) -> None:
    """The ingest summary: counts by outcome, rejections by reason with example origins."""
    if fmt in (Format.json, Format.jsonl):
        render_record(report.to_dict(), fmt)
        return
    rows: list[dict[str, object]] = [
        {"outcome": "added", "count": report.added, "detail": ""},
        {"outcome": "unchanged", "count": report.unchanged, "detail": "same URL, same text"},
        {"outcome": "updated", "count": report.updated, "detail": "new version of a known URL"},
        {"outcome": "skipped", "count": report.skipped, "detail": "ingested by an earlier run"},
        {"outcome": "rejected", "count": report.total_rejected, "detail": ""},
    ]
    for reason, count in report.rejected.items():
        examples = "; ".join(f"{r.origin}: {r.message}" for r in report.examples.get(reason, ()))
        rows.append({"outcome": f"  {reason}", "count": count, "detail": examples})
    rate = report.total / report.seconds if report.seconds else 0.0
    title = f"ingest: {report.total:,} items in {report.seconds:.1f} s ({rate:,.0f}/s)"
    render_rows(rows, fmt, columns=["outcome", "count", "detail"], title=title)
