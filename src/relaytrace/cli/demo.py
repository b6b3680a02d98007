"""``relaytrace demo``: ingest the bundled corpus into a fresh store and show what it holds.

The demo is a list of small steps over one ``DemoRun``; later work appends its
own steps (matching, the trace) to ``STEPS`` rather than rewriting the command.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from relaytrace import service
from relaytrace.cli.app import Format, app
from relaytrace.cli.articles import print_report, progress_bar
from relaytrace.cli.output import render_rows
from relaytrace.errors import InputError
from relaytrace.ingest.report import IngestReport
from relaytrace.ingest.sources import KNOWN_SUFFIXES as KNOWN
from relaytrace.store import open_store
from relaytrace.store.base import Store

__all__ = ["STEPS", "DemoRun", "bundled_corpus", "corpus_paths", "demo", "run_demo"]


@dataclass
class DemoRun:
    """What the demo steps share: where the corpus and the store are, and what came of it."""

    corpus: Path
    db: Path
    store: Store
    console: Console
    report: IngestReport | None = None
    notes: dict[str, object] = field(default_factory=dict)


def bundled_corpus() -> Path:
    """The demo corpus shipped inside the package."""
    folder = resources.files("relaytrace") / "demo" / "corpus"
    if not isinstance(folder, Path) or not folder.is_dir():
        raise InputError("the bundled demo corpus is missing from this install", code="no_demo")
    return folder


#: Corpus folders that are not ingested: ``paste/`` holds a relay as plain text
#: for "paste an article" examples (its page is already in the corpus).
NOT_INGESTED = frozenset({"paste"})


def corpus_paths(corpus: Path) -> list[str]:
    """The corpus entries to ingest: folders and article files, not build sources or pastes."""
    return [
        str(p)
        for p in sorted(corpus.iterdir())
        if not p.name.startswith((".", "_"))
        and p.name not in NOT_INGESTED
        and (p.is_dir() or p.name.lower().endswith(KNOWN))
    ]


# -- steps -------------------------------------------------------------------


def step_intro(run: DemoRun) -> None:
    run.console.print(f"relaytrace demo: corpus {run.corpus}", markup=False, soft_wrap=True)
    run.console.print(f"database: {run.db}", markup=False, soft_wrap=True)


def step_ingest(run: DemoRun) -> None:
    paths = corpus_paths(run.corpus)
    with progress_bar(service.estimate_items(paths)) as advance:
        run.report = service.ingest_paths(run.store, paths, progress=advance)
    print_report(run.report, Format.table)


def step_holdings(run: DemoRun) -> None:
    stats = service.corpus_stats(run.store)
    run.console.print(
        f"\nThe store holds [bold]{stats['articles']}[/bold] articles"
        f" from [bold]{stats['sites']}[/bold] sites."
    )
    for key, label in (("languages", "language"), ("top_sites", "site")):
        figures = stats.get(key) or {}
        rows = [{label: name, "articles": n} for name, n in figures.items()]  # type: ignore[union-attr]
        render_rows(rows, Format.table, title=f"articles by {label}")


def step_articles(run: DemoRun, limit: int = 12) -> None:
    articles = service.list_articles(run.store, limit=limit)
    rows = [service.article_summary(a) for a in articles]
    render_rows(
        rows,
        Format.table,
        columns=["id", "published", "lang", "site", "title"],
        title=f"first {len(rows)} articles (relaytrace show ID for one)",
    )


def step_match(run: DemoRun) -> None:
    """Match the whole corpus (the demo's ingest stores articles without matching)."""
    from relaytrace.match.matcher import rebuild

    stored = rebuild(run.store)
    run.notes["relations"] = stored
    run.console.print(f"\nMatched the corpus: [bold]{stored}[/bold] relations found.")


#: The demo's seed-shaped article: a French relay of a translated wire story,
#: shaped like the project's seed (banner, title suffix naming the origin, source line).
SEED_SHAPED_URL = (
    "https://flashactu24.example/2026/03/15/"
    "les-etats-du-pacte-ont-des-techniciens-militaires-a-norvask-eskeland/"
)


def step_trace(run: DemoRun) -> None:
    """Trace the seed-shaped relay: its provenance card, then the nearest relation aligned."""
    from relaytrace.cli.provenance import show_provenance
    from relaytrace.cli.relations import render_matches
    from relaytrace.match.matcher import trace_article

    article = run.store.get_article(SEED_SHAPED_URL)
    if article is None or article.id is None:
        run.console.print("\n(the seed-shaped article is not in this corpus; no trace shown)")
        return
    run.console.rule("Trace of the seed-shaped relay")
    run.console.print(f"(relaytrace trace {article.id} --db DB shows it again)", markup=False)
    report = show_provenance(run.console, run.store, article.id)
    run.notes["trace"] = report
    _, matches = trace_article(run.store, article.id)
    # The relation to the member it was made from when that is known, else the strongest.
    parent = report.edge.parent if report.edge is not None else None
    matches = sorted(matches, key=lambda m: m.other != parent)
    run.console.rule("Aligned passages of the nearest relation")
    render_matches(run.console, run.store, article, matches, limit=1)


STEPS: list[Callable[[DemoRun], None]] = [
    step_intro,
    step_ingest,
    step_holdings,
    step_articles,
    step_match,
    step_trace,
]


def run_demo(db: Path | None = None, *, corpus: Path | None = None) -> Path:
    """Run every step of the demo; return the database path it used."""
    corpus = corpus or bundled_corpus()
    if db is None:
        db = Path(tempfile.mkdtemp(prefix="relaytrace-demo-")) / "demo.db"
    with open_store(db) as store:
        run = DemoRun(corpus=corpus, db=db, store=store, console=Console(width=100))
        for step in STEPS:
            step(run)
    run.console.print(
        f"\nExplore it: relaytrace search WORDS --db {db}", markup=False, soft_wrap=True
    )
    return db


@app.command()
def demo(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file to create (default: a new temp file)."),
    ] = None,
) -> None:
    """Ingest the bundled fictional corpus into a fresh database and show what it holds."""
    run_demo(db)
