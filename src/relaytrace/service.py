"""Service functions: what the CLI, the REST API and the web UI call. No I/O of their own
beyond the store they are given, no presentation beyond JSON-ready records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import BinaryIO

from relaytrace.errors import InputError, NotFoundError
from relaytrace.ingest.pipeline import DEFAULT_BATCH_SIZE, AfterBatch, ingest
from relaytrace.ingest.report import IngestReport
from relaytrace.ingest.sources import DEFAULT_MAX_BYTES, estimate_items, iter_sources
from relaytrace.model import Article
from relaytrace.store.base import ArticleFilter, SearchHit, Store

__all__ = [
    "article_record",
    "article_summary",
    "corpus_stats",
    "estimate_items",
    "follow_up",
    "ingest_paths",
    "list_articles",
    "parse_ref",
    "search",
    "search_record",
    "show_article",
]


def ingest_paths(
    store: Store,
    paths: Sequence[str],
    *,
    stdin_url: str | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    after_batch: AfterBatch | None = None,
    progress: Callable[[int], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Ingest files, directories, JSONL, WARC archives or stdin (``-``) into ``store``."""
    if not paths:
        raise InputError("nothing to ingest: give at least one path or '-'", code="no_input")
    items = iter_sources(paths, stdin_url=stdin_url, max_bytes=max_bytes, stdin=stdin)
    return ingest(
        store,
        items,
        workers=workers,
        batch_size=batch_size,
        after_batch=after_batch,
        progress=progress,
    )


def follow_up(store: Store, ids: Sequence[int]) -> None:
    """What ingest does after each stored batch: match the new articles against the
    corpus and extract their statements, so relations and quotes stay current."""
    from relaytrace.match.matcher import match_stored
    from relaytrace.trace.statements import extract_statements

    articles = store.get_articles(ids)
    match_stored(store, articles)
    with store.atomic():  # one commit for the batch's statements
        for article in articles:
            store.put_statements(article.id, extract_statements(article))  # type: ignore[arg-type]


def parse_ref(ref: int | str) -> int | str:
    """An article reference as typed: digits are an id, anything else a URL."""
    if isinstance(ref, int):
        return ref
    ref = ref.strip()
    return int(ref) if ref.isdigit() else ref


def show_article(store: Store, ref: int | str) -> Article:
    """The article with this id, or the latest version under this URL or canonical URL."""
    article = store.get_article(parse_ref(ref))
    if article is None:
        raise NotFoundError(f"no article {ref!r} in the store")
    return article


def list_articles(
    store: Store, where: ArticleFilter | None = None, *, offset: int = 0, limit: int = 50
) -> list[Article]:
    return store.list_articles(where, offset=offset, limit=limit)


def search(store: Store, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Full-text search; user input is quoted, so no query syntax can make it fail."""
    if not query.strip():
        raise InputError("empty search query", code="empty_query")
    return store.search(query, limit=max(1, limit))


def corpus_stats(store: Store) -> dict[str, object]:
    return store.stats()


# -- records: JSON-ready views of the records above ----------------------------


def article_summary(article: Article) -> dict[str, object]:
    """One line of a listing."""
    return {
        "id": article.id,
        "published": article.published,
        "lang": article.lang,
        "site": article.site,
        "title": article.title,
        "url": article.url,
    }


def article_record(article: Article) -> dict[str, object]:
    """Everything stored about one article."""
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "site": article.site,
        "site_name": article.site_name,
        "title": article.title,
        "subtitle": article.subtitle,
        "published": article.published,
        "published_source": article.published_source,
        "published_precision": article.published_precision,
        "lang": article.lang,
        "version": article.version,
        "fetched": article.fetched,
        "cues": [{k: v for k, v in _fields(cue).items() if v is not None} for cue in article.cues],
        "links": [{"url": link.url, "text": link.text} for link in article.links],
        "paragraphs": list(article.paragraphs),
        "sentences": [
            {"index": s.index, "paragraph": s.paragraph, "start": s.start, "end": s.end}
            for s in article.sentences
        ],
    }


def search_record(hit: SearchHit) -> dict[str, object]:
    return {
        "id": hit.id,
        "title": hit.title,
        "snippet": hit.snippet,
        "url": hit.url,
        "rank": round(hit.rank, 4),
    }


def _fields(obj: object) -> dict[str, object]:
    return {name: getattr(obj, name) for name in obj.__slots__}  # type: ignore[attr-defined]
