"""Commands ``statements`` (quotes and reported speech of one article, followed through its
cluster) and ``quotes`` (what a speaker said, across the corpus)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from relaytrace import service
from relaytrace.cli.app import DbOption, Format, FormatOption, app
from relaytrace.cli.output import render_rows
from relaytrace.errors import InputError
from relaytrace.model import Article, Statement
from relaytrace.store import open_store
from relaytrace.trace.statements.linking import StatementChain
from relaytrace.trace.statements.service import article_statements, by_speaker, index_statements

__all__ = ["quotes", "render_statements", "statement_rows", "statements"]

_COLUMNS = ["n", "kind", "speaker", "speaker_role", "verb", "venue", "quote", "start", "end", "key"]


def statement_rows(
    statements: Sequence[Statement], chains: Sequence[StatementChain] = ()
) -> list[dict[str, object]]:
    """One row per statement, with where its chain first appears and what changed."""
    by_key = {c.key: c for c in chains}
    rows = []
    for n, s in enumerate(statements, 1):
        chain = by_key.get(s.key) if s.key else None
        row: dict[str, object] = {
            "n": n,
            "kind": s.kind,
            "speaker": s.speaker,
            "speaker_role": s.speaker_role,
            "verb": s.verb,
            "venue": s.venue,
            "quote": s.quote,
            "start": s.start,
            "end": s.end,
            "key": s.key,
        }
        if chain is not None:
            row["first_article"] = chain.first.article
            row["copies"] = len(chain.statements)
            row["changes"] = [
                c.describe() for c in chain.changes if c.article == s.article or c.kind == "dropped"
            ]
        rows.append(row)
    return rows


def render_statements(
    console: Console,
    article: Article,
    statements: Sequence[Statement],
    chains: Sequence[StatementChain] = (),
) -> None:
    """Print each statement with its speaker, where it first appears in the cluster and
    the changes along its chain (used by ``statements`` and by ``trace``)."""
    by_key = {c.key: c for c in chains}
    table = Table(title=f"statements in article {article.id}", header_style="bold", show_lines=True)
    for col in ("#", "who", "verb / venue", "statement", "in the cluster"):
        table.add_column(col, overflow="fold")
    for n, s in enumerate(statements, 1):
        who = Text(s.speaker or "?", style="bold")
        if s.speaker_role:
            who.append(f"\n{s.speaker_role}", style="dim")
        how = Text(s.verb or "")
        if s.venue:
            how.append(f"\n{s.venue}", style="dim")
        mark = "“”" if s.kind == "direct" else "⟨⟩"
        quote = Text(f"{mark[0]}{s.quote}{mark[1]}")
        where = Text()
        chain = by_key.get(s.key) if s.key else None
        if chain is not None:
            first = chain.first
            if first.article == s.article:
                where.append(f"first here; in {len(chain.statements)} articles")
            else:
                where.append(f"first in article {first.article}; in {len(chain.statements)}")
            for change in chain.changes:
                if change.article == s.article:
                    where.append(f"\n{change.describe()}", style="yellow")
        table.add_row(str(n), who, how, quote, where)
    console.print(table)


@app.command("statements")
def statements(
    ref: Annotated[str | None, typer.Argument(help="Article id or URL (stored).")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    all_articles: Annotated[
        bool, typer.Option("--all", help="Extract and store the statements of every article.")
    ] = False,
) -> None:
    """Quotes and reported speech of one article, with speaker, verb and venue."""
    if all_articles:
        with open_store(db) as store:
            report = index_statements(store)
        row = {"articles": report.articles, "statements": report.statements,
               "failed": len(report.failed)}  # fmt: skip
        render_rows([row], fmt)
        for article_id, reason in report.failed:
            Console(stderr=True).print(f"article {article_id}: statements skipped ({reason})")
        return
    if ref is None:
        raise InputError("give an article id or URL, or --all", code="missing_argument")
    with open_store(db) as store:
        article = service.show_article(store, ref)
        found = article_statements(store, article)
    if fmt is Format.table:
        render_statements(Console(), article, found.statements, found.chains)
        return
    rows = statement_rows(found.statements, found.chains)
    columns = [*_COLUMNS, "first_article", "copies", "changes"] if found.chains else _COLUMNS
    render_rows(rows, fmt, columns=columns)


@app.command("quotes")
def quotes(
    speaker: Annotated[str, typer.Option("--speaker", "-s", help="Name or surname, any case.")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """What a speaker said across the corpus (case, accents and script ignored)."""
    rows = []
    with open_store(db) as store:
        for s, article in by_speaker(store, speaker):
            rows.append(
                {
                    "article": s.article,
                    "url": article.url if article else None,
                    "published": article.published if article else None,
                    "kind": s.kind,
                    "speaker": s.speaker,
                    "verb": s.verb,
                    "venue": s.venue,
                    "quote": s.quote,
                    "key": s.key,
                }
            )
    cols = ["article", "url", "published", "kind", "speaker", "verb", "venue", "quote", "key"]
    render_rows(rows, fmt, columns=cols, title=f"statements by {speaker}")
