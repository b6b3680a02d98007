"""Relay commands: ``relations``, ``match``, ``trace`` (thin over ``relaytrace.match.matcher``).

``render_matches(console, store, article, matches)`` draws the aligned passages
side by side; the provenance view prints its origin and relay tree above it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from relaytrace.cli.app import DbOption, Format, FormatOption, app
from relaytrace.cli.output import render_rows
from relaytrace.cli.provenance import WatchlistOption, show_provenance
from relaytrace.cli.statements import render_statements
from relaytrace.errors import NotFoundError
from relaytrace.match.matcher import Match, rebuild, trace_article
from relaytrace.match.options import DEFAULT_OPTIONS, MatchOptions
from relaytrace.match.profile import article_sentences
from relaytrace.model import Article, Relation
from relaytrace.store import open_store
from relaytrace.store.base import Store
from relaytrace.text.anchors import anchors_of
from relaytrace.trace.statements.service import article_statements

__all__ = ["match", "match_options", "relation_row", "relations", "render_matches", "trace"]

stderr = Console(stderr=True)


def relation_row(rel: Relation, urls: dict[int, str]) -> dict[str, object]:
    """One relation as the CLI prints it (URLs, not ids)."""
    return {
        "a": urls.get(rel.a, rel.a),
        "b": urls.get(rel.b, rel.b),
        "kind": rel.kind,
        "score": rel.score,
        "coverage_a": rel.coverage_a,
        "coverage_b": rel.coverage_b,
        "aligned": [[i, j, s] for i, j, s in rel.aligned],
    }


def _urls(store: Store, ids: set[int]) -> dict[int, str]:
    out = {}
    for i in ids:
        a = store.get_article(i)
        if a is not None:
            out[i] = a.url
    return out


@app.command()
def relations(
    db: DbOption = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="copy, translation or same_story.")
    ] = None,
    site: Annotated[
        str | None, typer.Option("--site", help="Only relations touching a site.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List stored relations, one line per pair of articles."""
    with open_store(db) as store:  # type: ignore[arg-type]
        rels = list(store.relations(kind=kind, site=site))
        urls = _urls(store, {r.a for r in rels} | {r.b for r in rels})
    rows = [relation_row(r, urls) for r in rels]
    columns = list(relation_row(Relation(0, 0, "copy", 0, 0, 0), {}))
    if fmt is Format.table:  # for people: the pair, kind and strength; alignments via trace
        columns = ["kind", "score", "coverage_a", "coverage_b", "a", "b"]
    render_rows(rows, fmt, columns=columns)


EmbeddingOption = Annotated[
    Path | None,
    typer.Option(
        "--embedding-model",
        envvar="RELAYTRACE_EMBEDDING_MODEL",
        help="A local sentence-transformers model folder: adds a sentence-embedding term to "
        "the alignment (the [embeddings] extra; nothing is downloaded).",
    ),
]


def match_options(embedding_model: Path | None) -> MatchOptions:
    """The default options, with the embedding term when a model folder is given."""
    if embedding_model is None:
        return DEFAULT_OPTIONS
    return replace(DEFAULT_OPTIONS, embedding_model=str(embedding_model))


@app.command()
def match(db: DbOption = None, embedding_model: EmbeddingOption = None) -> None:
    """Re-index and re-match the whole store (relations are rebuilt from scratch)."""
    progress = Progress(
        TextColumn("matching"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        disable=not sys.stderr.isatty(),
    )
    with open_store(db) as store, progress:  # type: ignore[arg-type]
        task = progress.add_task("match", total=None)
        found = rebuild(
            store,
            match_options(embedding_model),
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    stderr.print(f"{found} relations stored")


def _resolve(store: Store, ref: str) -> int | str:
    """An id or URL of a stored article; a file or ``-`` is ingested (and matched) first."""
    if ref.isdigit():
        return int(ref)
    if ref != "-" and not Path(ref).exists():
        return ref
    from relaytrace import service

    added: list[int] = []

    def after(s: Store, ids: Sequence[int]) -> None:
        added.extend(ids)
        service.follow_up(s, ids)

    service.ingest_paths(store, [ref], after_batch=after)
    if added:
        return added[0]
    known = _stored_copy(store, ref) if ref != "-" else None
    if known is None:
        raise NotFoundError(f"no article could be read from {ref}")
    return known


def _stored_copy(store: Store, path: str) -> int | None:
    """The id of a file's article that an earlier ingest already stored unchanged."""
    from relaytrace.ingest.pipeline import extract_article
    from relaytrace.ingest.sources import iter_sources
    from relaytrace.model import RawDocument

    for item in iter_sources([path]):
        if isinstance(item, RawDocument):
            found = store.get_article(extract_article(item).url)
            if found is not None:
                return found.id
    return None


@app.command()
def trace(
    ref: Annotated[str, typer.Argument(help="Article id, URL, a file to ingest, or - (stdin).")],
    db: DbOption = None,
    watchlist: WatchlistOption = None,
    fmt: FormatOption = Format.table,
    embedding_model: EmbeddingOption = None,
) -> None:
    """Where an article came from, who else carries it, what it states: origin and relay
    tree, aligned passages side by side, and its statements along the chain."""
    with open_store(db) as store:  # type: ignore[arg-type]
        ref_id = _resolve(store, ref)
        article, matches = trace_article(store, ref_id, match_options(embedding_model))
        if fmt is not Format.table:
            urls = _urls(store, {article.id or 0} | {m.other for m in matches})
            render_rows([relation_row(m.relation, urls) for m in matches if m.relation], fmt)
            return
        console = Console()
        show_provenance(console, store, article.id or article.url, watchlist)
        render_matches(console, store, article, matches)
        found = article_statements(store, article)
        render_statements(console, article, found.statements, found.chains)


def _highlight(text: str, lang: str | None, shared: frozenset[str]) -> Text:
    out = Text()
    for piece in _split_keep(text):
        hit = piece.strip() and anchors_of(piece, lang) & shared
        out.append(piece, style="bold yellow" if hit else "")
    return out


def _split_keep(text: str) -> list[str]:
    import regex

    return regex.findall(r"\s+|[^\s]+", text)


def render_matches(
    console: Console, store: Store, article: Article, matches: Sequence[Match], *, limit: int = 10
) -> None:
    """Each relation of ``article``, then its aligned sentences side by side,
    shared anchors highlighted."""
    console.print(Text(f"{article.title}", style="bold") + Text(f"  {article.url}", style="dim"))
    if not matches:
        console.print("no related article found")
        return
    mine = article_sentences(article)
    mine_anchors = [anchors_of(s.text, article.lang) for s in mine]
    for m in matches[:limit]:
        rel = m.relation
        other = store.get_article(m.other)
        if rel is None or other is None:
            continue
        head = Text(f"{rel.kind} ", style="bold cyan") + Text(
            f"score {rel.score:.2f}  coverage {rel.coverage_a:.2f}/{rel.coverage_b:.2f}  "
        )
        console.print(head + Text(other.url, style="dim"))
        if not m.alignment.pairs or rel.kind == "same_story":
            continue
        theirs = article_sentences(other)
        table = Table(show_header=True, header_style="bold", expand=True)
        table.add_column("#", width=4)
        table.add_column(article.lang or "?", ratio=1, overflow="fold")
        table.add_column("#", width=4)
        table.add_column(other.lang or "?", ratio=1, overflow="fold")
        for i, j, _ in m.alignment.pairs:
            if i >= len(mine) or j >= len(theirs):
                continue
            shared = mine_anchors[i] & anchors_of(theirs[j].text, other.lang)
            table.add_row(
                str(i),
                _highlight(mine[i].text, article.lang, shared),
                str(j),
                _highlight(theirs[j].text, other.lang, shared),
            )
        console.print(table)
