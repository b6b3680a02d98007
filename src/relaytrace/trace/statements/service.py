"""Statements of stored articles: read them, extract and store them when missing, and
follow them through the article's cluster (the articles its relations reach)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from relaytrace.errors import InputError
from relaytrace.model import Article, Relation, Statement
from relaytrace.store.base import Store
from relaytrace.trace.statements.extract import extract_statements
from relaytrace.trace.statements.linking import StatementChain, link_statements

__all__ = [
    "ArticleStatements",
    "IndexReport",
    "article_statements",
    "by_speaker",
    "cluster_of",
    "index_statements",
    "stored_statements",
]

# A cluster larger than this is cut (a hub site linking everything is not one story).
MAX_CLUSTER = 200


@dataclass(frozen=True, slots=True)
class ArticleStatements:
    """An article's statements and the chains they belong to in its cluster."""

    article: Article
    statements: tuple[Statement, ...]
    chains: tuple[StatementChain, ...]


def stored_statements(store: Store, article: Article, *, write: bool = True) -> list[Statement]:
    """The article's statements from the store; when none are stored, extracted now
    and, with ``write``, stored first (a read-only server passes ``write=False``)."""
    if article.id is None:
        raise InputError("statements are kept for stored articles only", code="not_stored")
    found = list(store.statements(article=article.id))
    if not found:
        found = extract_statements(article)
        if found and write:
            store.put_statements(article.id, found)
            found = list(store.statements(article=article.id))
    return found


def cluster_of(store: Store, article_id: int) -> tuple[list[int], list[Relation]]:
    """Articles reachable from ``article_id`` through relations, and those relations."""
    seen = {article_id}
    todo = [article_id]
    relations: dict[tuple[int, int], Relation] = {}
    while todo and len(seen) < MAX_CLUSTER:
        current = todo.pop()
        for r in store.relations(article=current):
            relations[(min(r.a, r.b), max(r.a, r.b))] = r
            for other in (r.a, r.b):
                if other not in seen and len(seen) < MAX_CLUSTER:
                    seen.add(other)
                    todo.append(other)
    members = sorted(seen)
    kept = [r for r in relations.values() if r.a in seen and r.b in seen]
    return members, kept


def article_statements(store: Store, article: Article) -> ArticleStatements:
    """Statements of one stored article, linked across its cluster."""
    if article.id is None:
        raise InputError("statements are kept for stored articles only", code="not_stored")
    own = stored_statements(store, article)
    members, relations = cluster_of(store, article.id)
    chains: list[StatementChain] = []
    if len(members) > 1:
        articles = [a for a in (store.get_article(m) for m in members) if a is not None]
        by_id = {a.id: stored_statements(store, a) for a in articles if a.id is not None}
        chains = link_statements(articles, by_id, relations)
        keys = {(s.article, s.start): c.key for c in chains for s in c.statements}
        own = [_keyed(s, keys.get((s.article, s.start))) for s in own]
    return ArticleStatements(article, tuple(own), tuple(chains))


def _keyed(s: Statement, key: str | None) -> Statement:
    if key is None:
        return s
    return Statement(
        kind=s.kind,
        quote=s.quote,
        start=s.start,
        end=s.end,
        speaker=s.speaker,
        speaker_role=s.speaker_role,
        verb=s.verb,
        venue=s.venue,
        article=s.article,
        key=key,
    )


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What ``index_statements`` did: articles read, statements stored, articles skipped."""

    articles: int
    statements: int
    failed: tuple[tuple[int, str], ...] = ()


def index_statements(store: Store) -> IndexReport:
    """Extract and store the statements of every stored article (latest versions).

    An article whose text trips the extractor is reported in ``failed`` (id and
    reason) and skipped; the statements already stored for it stay.
    """
    articles = statements = 0
    failed: list[tuple[int, str]] = []
    for article in store.iter_articles():
        articles += 1
        if article.id is None:
            continue
        try:
            found = extract_statements(article)
        except (ValueError, IndexError, KeyError, TypeError) as exc:  # a bug, not the corpus
            failed.append((article.id, f"{type(exc).__name__}: {exc}"))
            continue
        store.put_statements(article.id, found)
        statements += len(found)
    return IndexReport(articles, statements, tuple(failed))


def by_speaker(store: Store, name: str) -> Iterator[tuple[Statement, Article | None]]:
    """Statements of a speaker across the corpus, with their articles."""
    cache: dict[int, Article | None] = {}
    for s in store.statements(speaker=name):
        if s.article is not None and s.article not in cache:
            cache[s.article] = store.get_article(s.article)
        yield s, cache.get(s.article) if s.article is not None else None
