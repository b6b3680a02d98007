"""The default store: one SQLite file in WAL mode, with an FTS5 index over title and body.

Articles are stored one row per version; the full-text index covers every row and
is written in the same transaction as the rows it indexes, so a crash between
batches leaves rows and index consistent. ``ingest_log`` remembers which source
items (``RawDocument.key``) were processed, written together with the articles
they produced, so an interrupted ingest resumes without duplicates.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from relaytrace.errors import StoreError
from relaytrace.model import Article, Link, Sentence, SourceCue
from relaytrace.store.base import AddResult, ArticleFilter, SearchHit, Store
from relaytrace.store.migrate import migrate
from relaytrace.store.sqlite_relations import RelationTables
from relaytrace.store.sqlite_statements import StatementTables

__all__ = ["SQLiteStore", "fts_query"]

_COLUMNS = (
    "url, canonical_url, site, site_name, title, subtitle, published, published_source,"
    " published_precision, lang, body, paragraphs, sentences, links, cues, content_hash,"
    " version, latest, fetched, added_at"
)
_SELECT = f"SELECT id, {_COLUMNS} FROM articles"
_INSERT = f"INSERT INTO articles ({_COLUMNS}) VALUES ({', '.join('?' * 20)})"
_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -65536",
)
BUSY_TIMEOUT_S = 30.0
_FETCH_CHUNK = 500


class SQLiteStore(RelationTables, StatementTables, Store):
    """A relaytrace corpus in one SQLite file.

    Examples:
        >>> with SQLiteStore(Path("corpus.db")) as store:  # doctest: +SKIP
        ...     store.add_articles([article])
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._depth = 0
        try:
            if readonly:
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self.conn = sqlite3.connect(
                    uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S
                )
            else:
                if str(path) != ":memory:":
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
                for pragma in _PRAGMAS:
                    self.conn.execute(pragma)
                migrate(self.conn)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path}: {exc}", code="store_unavailable") from exc

    # -- lifecycle -------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        with self.transaction():
            yield

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls become savepoints."""
        depth = self._depth
        self.conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT sp{depth}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            if depth == 0:
                self.conn.execute("ROLLBACK")
            else:
                self.conn.execute(f"ROLLBACK TO sp{depth}")
                self.conn.execute(f"RELEASE sp{depth}")
            raise
        self._depth -= 1
        self.conn.execute("COMMIT" if depth == 0 else f"RELEASE sp{depth}")

    # -- articles: writing -----------------------------------------------

    def add_articles(
        self,
        articles: Sequence[Article],
        *,
        keys: Sequence[str | None] | None = None,
        rejected: Sequence[tuple[str, str]] = (),
    ) -> list[AddResult]:
        """Store a batch, and log its source keys, in one transaction.

        ``keys[i]`` is the source key of ``articles[i]`` (or None); ``rejected``
        holds (key, reason) for items of the batch that made no article, so a
        rerun skips them too.
        """
        if keys is not None and len(keys) != len(articles):
            raise StoreError("keys and articles differ in length", code="bad_call")
        now = _iso(datetime.now(UTC))
        results: list[AddResult] = []
        try:
            with self.transaction() as conn:
                latest = self._latest_by_url({a.url for a in articles})
                fts_rows: list[tuple[int, str, str]] = []
                for article in articles:
                    digest = article.content_hash
                    prior = latest.get(article.url)
                    if prior is not None and prior[2] == digest:
                        results.append(AddResult("unchanged", prior[0], article.url))
                        continue
                    version = 1 if prior is None else prior[1] + 1
                    if prior is not None:
                        conn.execute("UPDATE articles SET latest = 0 WHERE id = ?", (prior[0],))
                    row = _encode(article, digest=digest, version=version, added_at=now)
                    new_id = conn.execute(_INSERT, row).lastrowid
                    assert new_id is not None
                    fts_rows.append((new_id, article.title, article.body))
                    latest[article.url] = (new_id, version, digest)
                    status = "added" if prior is None else "updated"
                    results.append(AddResult(status, new_id, article.url))
                conn.executemany(
                    "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", fts_rows
                )
                log = [
                    (key, res.id, res.status, now)
                    for key, res in zip(keys or (), results, strict=False)
                    if key
                ]
                log += [(key, None, f"rejected:{reason}", now) for key, reason in rejected if key]
                conn.executemany(
                    "INSERT OR REPLACE INTO ingest_log (key, article_id, status, logged_at)"
                    " VALUES (?, ?, ?, ?)",
                    log,
                )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot store articles: {exc}", code="write_failed") from exc
        return results

    def _latest_by_url(self, urls: set[str]) -> dict[str, tuple[int, int, str]]:
        """url → (id, version, content_hash) of the latest stored version."""
        found: dict[str, tuple[int, int, str]] = {}
        ordered = sorted(urls)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            for url, id_, version, digest in self.conn.execute(
                "SELECT url, id, version, content_hash FROM articles"
                f" WHERE latest = 1 AND url IN ({marks})",
                chunk,
            ):
                found[url] = (id_, version, digest)
        return found

    # -- ingest log ------------------------------------------------------

    def known_keys(self, keys: Iterable[str]) -> set[str]:
        """The source keys among ``keys`` that an earlier ingest already processed."""
        ordered = sorted({k for k in keys if k})
        known: set[str] = set()
        for i in range(0, len(ordered), 500):
            chunk = ordered[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            known.update(
                row[0]
                for row in self.conn.execute(
                    f"SELECT key FROM ingest_log WHERE key IN ({marks})", chunk
                )
            )
        return known

    # -- articles: reading -----------------------------------------------

    def get_article(self, ref: int | str) -> Article | None:
        if isinstance(ref, int):
            if not 0 < ref < 2**63:  # beyond SQLite's integer range: no such row
                return None
            row = self.conn.execute(f"{_SELECT} WHERE id = ?", (ref,)).fetchone()
            return _decode(row) if row else None
        for column in ("url", "canonical_url"):
            row = self.conn.execute(
                f"{_SELECT} WHERE {column} = ? AND latest = 1 ORDER BY id DESC LIMIT 1", (ref,)
            ).fetchone()
            if row:
                return _decode(row)
        return None

    def get_articles(self, ids: Sequence[int]) -> list[Article]:
        found: dict[int, Article] = {}
        wanted = [i for i in dict.fromkeys(ids) if 0 < i < 2**63]
        for k in range(0, len(wanted), 500):
            chunk = wanted[k : k + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self.conn.execute(f"{_SELECT} WHERE id IN ({marks})", chunk):
                found[row[0]] = _decode(row)
        return [found[i] for i in ids if i in found]

    def iter_articles(
        self, where: ArticleFilter | None = None, *, latest_only: bool = True
    ) -> Iterator[Article]:
        clause, params = _where(where, latest_only=latest_only)
        last_id = 0
        while True:  # keyset pagination: no long-lived read cursor across batches
            rows = self.conn.execute(
                f"{_SELECT} {clause} {'AND' if clause else 'WHERE'} id > ?"
                f" ORDER BY id LIMIT {_FETCH_CHUNK}",
                [*params, last_id],
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _decode(row)
            last_id = rows[-1][0]

    def count_articles(self, where: ArticleFilter | None = None) -> int:
        clause, params = _where(where, latest_only=True)
        return self.conn.execute(f"SELECT count(*) FROM articles {clause}", params).fetchone()[0]

    def list_articles(
        self, where: ArticleFilter | None = None, *, offset: int = 0, limit: int = 50
    ) -> list[Article]:
        clause, params = _where(where, latest_only=True)
        rows = self.conn.execute(
            f"{_SELECT} {clause} ORDER BY id LIMIT ? OFFSET ?", [*params, limit, offset]
        ).fetchall()
        return [_decode(row) for row in rows]

    def article_versions(self, url: str) -> list[Article]:
        rows = self.conn.execute(f"{_SELECT} WHERE url = ? ORDER BY version", (url,)).fetchall()
        return [_decode(row) for row in rows]

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        match = fts_query(query)
        if not match:
            return []
        try:
            rows = self.conn.execute(
                "SELECT a.id, a.url, a.title,"
                " snippet(articles_fts, -1, '[', ']', '…', 16), bm25(articles_fts) AS rank"
                " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                " WHERE articles_fts MATCH ? AND a.latest = 1 ORDER BY rank LIMIT ?",
                (match, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed: {exc}", code="bad_query") from exc
        return [  # snippets on one line: they may span a paragraph break
            SearchHit(id_, url, title, " ".join(snip.split()), rank)
            for id_, url, title, snip, rank in rows
        ]

    def stats(self) -> dict[str, object]:
        one = self.conn.execute
        out: dict[str, object] = {
            "articles": one("SELECT count(*) FROM articles WHERE latest = 1").fetchone()[0],
            "versions": one("SELECT count(*) FROM articles").fetchone()[0],
            "sites": one("SELECT count(DISTINCT site) FROM articles WHERE latest = 1").fetchone()[
                0
            ],
            "ingested_items": one("SELECT count(*) FROM ingest_log").fetchone()[0],
        }
        first, last = one(
            "SELECT min(published), max(published) FROM articles WHERE latest = 1"
        ).fetchone()
        out["first_published"], out["last_published"] = first, last
        out["languages"] = dict(
            one(
                "SELECT coalesce(lang, '?'), count(*) FROM articles WHERE latest = 1"
                " GROUP BY 1 ORDER BY 2 DESC, 1"
            ).fetchall()
        )
        out["top_sites"] = dict(
            one(
                "SELECT site, count(*) FROM articles WHERE latest = 1"
                " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"
            ).fetchall()
        )
        for hook in ("relation_stats", "statement_stats"):  # provided by the mixins, if any
            extra = getattr(self, hook, None)
            if callable(extra):
                out.update(extra())
        return out


# -- helpers ---------------------------------------------------------------

_TERM = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word or "phrase" quoted.

    Terms are ANDed; a trailing ``*`` on a bare word keeps prefix search. FTS5
    operators and punctuation in user input lose their meaning instead of failing.
    """
    terms = []
    for phrase, word in _TERM.findall(text):
        raw = phrase if phrase else word
        prefix = bool(word) and word.endswith("*") and len(word.rstrip("*")) > 0
        raw = raw.rstrip("*") if prefix else raw
        if not re.search(r"\w", raw):
            continue
        terms.append('"' + raw.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms)


def _where(where: ArticleFilter | None, *, latest_only: bool) -> tuple[str, list[object]]:
    conds: list[str] = ["latest = 1"] if latest_only else []
    params: list[object] = []
    if where is not None:
        if where.site:
            conds.append("site = ?")
            params.append(where.site)
        if where.lang:
            conds.append("lang = ?")
            params.append(where.lang)
        if where.since:
            conds.append("published >= ?")
            params.append(_iso(where.since))
        if where.until:
            conds.append("published < ?")
            params.append(_iso(where.until))
        if where.query:
            match = fts_query(where.query)
            conds.append("id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match or '""')
    return ("WHERE " + " AND ".join(conds) if conds else ""), params


def _iso(dt: datetime | None) -> str | None:
    """ISO text; aware datetimes are turned to UTC so that text order is time order."""
    if dt is None:
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
    return dt.isoformat()


def _from_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _encode(article: Article, *, digest: str, version: int, added_at: str) -> tuple:
    body = article.body
    sentences = []
    for s in article.sentences:
        item: list[object] = [s.index, s.paragraph, s.start, s.end]
        if body[s.start : s.end] != s.text:
            item.append(s.text)
        sentences.append(item)
    cues = [
        {k: v for k, v in (("kind", c.kind), ("text", c.text), ("outlet", c.outlet),
                           ("url", c.url), ("headline", c.headline)) if v is not None}
        for c in article.cues
    ]  # fmt: skip
    return (
        article.url,
        article.canonical_url,
        article.site,
        article.site_name,
        article.title,
        article.subtitle,
        _iso(article.published),
        article.published_source,
        article.published_precision,
        article.lang,
        body,
        _json([len(p) for p in article.paragraphs]),
        _json(sentences),
        _json([[link.url, link.text] for link in article.links]),
        _json(cues),
        digest,
        version,
        1,
        _iso(article.fetched),
        added_at,
    )


def _decode(row: Sequence) -> Article:
    (id_, url, canonical_url, site, site_name, title, subtitle, published, published_source,
     published_precision, lang, body, paragraphs, sentences, links, cues, _digest, version,
     _latest, fetched, _added_at) = row  # fmt: skip
    parts: list[str] = []
    pos = 0
    for length in json.loads(paragraphs):
        parts.append(body[pos : pos + length])
        pos += length + 2
    return Article(
        id=id_,
        url=url,
        canonical_url=canonical_url,
        site=site,
        site_name=site_name,
        title=title,
        subtitle=subtitle,
        published=_from_iso(published),
        published_source=published_source,
        published_precision=published_precision,
        lang=lang,
        paragraphs=tuple(parts),
        sentences=tuple(
            Sentence(s[0], s[1], s[2], s[3], s[4] if len(s) > 4 else body[s[2] : s[3]])
            for s in json.loads(sentences)
        ),
        links=tuple(Link(u, t) for u, t in json.loads(links)),
        cues=tuple(SourceCue(**c) for c in json.loads(cues)),
        fetched=_from_iso(fetched),
        version=version,
    )


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
