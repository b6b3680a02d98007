"""The store interface: every backend (SQLite by default, PostgreSQL for teams) implements it.

Nothing outside ``relaytrace.store`` knows SQL. Callers hand records in and get
records back; batching, transactions and indexes are the backend's business.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from relaytrace.model import Article, Relation, Statement

__all__ = ["AddResult", "ArticleFilter", "MatchEntry", "SearchHit", "Store"]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What became of one article handed to ``Store.add_articles``."""

    status: Literal["added", "unchanged", "updated"]
    id: int
    url: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: int
    url: str
    title: str
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Filters shared by listings (CLI, API)."""

    site: str | None = None
    lang: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    query: str | None = None


@dataclass(frozen=True, slots=True)
class MatchEntry:
    """What the matcher indexes for one article (see ``relaytrace.match``).

    ``bands``: MinHash LSH band keys (signed 64-bit); ``anchors``: the article's
    distinct anchors for the inverted index; ``profile``: an opaque blob the
    matcher reads back to align the article without re-analysing it.
    """

    article: int
    lang: str | None
    bands: tuple[int, ...]
    anchors: tuple[str, ...]
    profile: bytes


class Store(ABC):
    """A relaytrace corpus on disk or on a server."""

    # -- lifecycle -------------------------------------------------------

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """The writes made inside are committed together, or none of them is.

        A store without transactions across calls commits each write on its own.
        """
        yield

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles --------------------------------------------------------

    @abstractmethod
    def add_articles(
        self,
        articles: Sequence[Article],
        *,
        keys: Sequence[str | None] | None = None,
        rejected: Sequence[tuple[str, str]] = (),
    ) -> list[AddResult]:
        """Store a batch in one transaction, with the source keys it came from.

        Same URL and same content → "unchanged"; same URL, new content → a new
        version beside the old one ("updated"); otherwise "added". ``keys``
        (one per article) and ``rejected`` ((key, reason) pairs) go to the
        ingest log in the same transaction, so a rerun after a crash resumes
        exactly where the last committed batch ended.
        """

    @abstractmethod
    def known_keys(self, keys: Iterable[str]) -> set[str]:
        """The subset of source keys already in the ingest log."""

    @abstractmethod
    def get_article(self, ref: int | str) -> Article | None:
        """An article by id, or the latest version stored under a URL (or canonical URL)."""

    @abstractmethod
    def get_articles(self, ids: Sequence[int]) -> list[Article]:
        """The articles with these ids, in the order asked (missing ones left out)."""

    @abstractmethod
    def iter_articles(
        self, where: ArticleFilter | None = None, *, latest_only: bool = True
    ) -> Iterator[Article]: ...

    @abstractmethod
    def count_articles(self, where: ArticleFilter | None = None) -> int: ...

    @abstractmethod
    def list_articles(
        self, where: ArticleFilter | None = None, *, offset: int = 0, limit: int = 50
    ) -> list[Article]: ...

    @abstractmethod
    def article_versions(self, url: str) -> list[Article]: ...

    @abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over title and body."""

    @abstractmethod
    def stats(self) -> dict[str, object]:
        """Corpus figures: articles, versions, sites, languages, relations…"""

    # -- relations -------------------------------------------------------

    @abstractmethod
    def put_relations(self, relations: Iterable[Relation]) -> int:
        """Insert or replace relations (one per unordered pair of articles)."""

    @abstractmethod
    def relations(
        self,
        *,
        kind: str | None = None,
        site: str | None = None,
        article: int | None = None,
    ) -> Iterator[Relation]: ...

    @abstractmethod
    def clear_relations(self) -> None: ...

    @abstractmethod
    def delete_relations_of(self, articles: Sequence[int]) -> None:
        """Forget every relation of these articles (before they are matched again)."""

    @abstractmethod
    def put_match_entries(self, entries: Sequence[MatchEntry]) -> None:
        """Index articles for matching, replacing what was indexed for them before."""

    @abstractmethod
    def band_candidates(self, bands: Sequence[int], *, limit: int = 100) -> dict[int, int]:
        """Articles sharing LSH bands with ``bands``: article id → bands shared."""

    @abstractmethod
    def anchor_postings(self, anchors: Sequence[str]) -> dict[str, list[int]]:
        """The articles holding each anchor, in id order (anchors none holds are left out)."""

    @abstractmethod
    def anchor_df(self, anchors: Sequence[str]) -> dict[str, int]:
        """Document frequency of each anchor (absent anchors are left out)."""

    @abstractmethod
    def match_profiles(self, ids: Sequence[int]) -> dict[int, bytes]:
        """The stored matcher profiles of these articles (missing ones left out)."""

    @abstractmethod
    def match_indexed_count(self) -> int:
        """How many articles are indexed for matching (the N of IDF)."""

    @abstractmethod
    def clear_match_index(self) -> None:
        """Drop every match index entry (before a rebuild)."""

    # -- statements ------------------------------------------------------

    @abstractmethod
    def put_statements(self, article: int, statements: Sequence[Statement]) -> None:
        """Replace the statements of one article."""

    @abstractmethod
    def statements(
        self, *, article: int | None = None, speaker: str | None = None
    ) -> Iterator[Statement]: ...
