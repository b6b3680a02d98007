"""SQLite tables for relations and the match indexes (a mixin of ``SQLiteStore``).

Schema in ``migrations/0002_relations.sql``. Relations are kept one per
unordered pair (keyed by the smaller and larger id); the LSH band table and the
anchor postings with their document frequencies are updated incrementally as
articles are indexed, so matching a new article never rescans the corpus. New
band rows wait in ``match_bands_recent`` and are merged into ``match_bands`` in
bulk (``migrations/0006_recent_bands.sql`` says why).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from relaytrace.model import Relation
from relaytrace.store.base import MatchEntry

__all__ = ["RelationTables"]

_CHUNK = 500
_BAND_TABLES = ("match_bands", "match_bands_recent")


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class RelationTables:
    """Relations and candidate-index tables; uses ``self.conn`` and ``self.transaction()``."""

    conn: sqlite3.Connection
    recent_bands_min: int = 1 << 16
    """Waiting band rows are merged once there are this many, or as many as indexed
    articles, whichever is more (up to ``recent_bands_max``)."""
    recent_bands_max: int = 1 << 20

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover
        raise NotImplementedError

    # -- relations -------------------------------------------------------

    def put_relations(self, relations: Iterable[Relation]) -> int:
        rows = [
            (
                r.a,
                r.b,
                r.kind,
                float(r.score),
                float(r.coverage_a),
                float(r.coverage_b),
                json.dumps([[i, j, round(float(s), 4)] for i, j, s in r.aligned]),
                min(r.a, r.b),
                max(r.a, r.b),
            )
            for r in relations
            if r.a != r.b
        ]
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO relations"
                " (a, b, kind, score, coverage_a, coverage_b, aligned, lo, hi)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def delete_relations_of(self, articles: Sequence[int]) -> None:
        """Forget every relation of these articles (before they are matched again)."""
        with self.transaction() as conn:
            for chunk in _chunks(list(articles)):
                marks = ",".join("?" * len(chunk))
                conn.execute(
                    f"DELETE FROM relations WHERE lo IN ({marks}) OR hi IN ({marks})",
                    [*chunk, *chunk],
                )

    def relations(
        self,
        *,
        kind: str | None = None,
        site: str | None = None,
        article: int | None = None,
    ) -> Iterator[Relation]:
        sql = (
            "SELECT r.a, r.b, r.kind, r.score, r.coverage_a, r.coverage_b, r.aligned"
            " FROM relations r"
        )
        where: list[str] = []
        args: list[object] = []
        if kind:
            where.append("r.kind = ?")
            args.append(kind)
        if article is not None:
            where.append("(r.lo = ? OR r.hi = ?)")
            args += [article, article]
        if site:
            where.append(
                "(r.a IN (SELECT id FROM articles WHERE site = ?)"
                " OR r.b IN (SELECT id FROM articles WHERE site = ?))"
            )
            args += [site, site]
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY r.lo, r.hi"
        for a, b, k, score, ca, cb, aligned in self.conn.execute(sql, args).fetchall():
            pairs = tuple((int(i), int(j), float(s)) for i, j, s in json.loads(aligned))
            yield Relation(a, b, k, score, ca, cb, pairs)

    def clear_relations(self) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM relations")

    def relation_stats(self) -> dict[str, object]:
        rows = self.conn.execute("SELECT kind, count(*) FROM relations GROUP BY kind").fetchall()
        return {"relations": dict(rows), "match_indexed": self.match_indexed_count()}

    # -- match indexes -----------------------------------------------------

    def put_match_entries(self, entries: Sequence[MatchEntry]) -> None:
        if not entries:
            return
        with self.transaction() as conn:
            ids = [e.article for e in entries]
            self._unindex(conn, ids)
            conn.executemany(
                "INSERT INTO match_profiles (article, lang, data) VALUES (?, ?, ?)",
                [(e.article, e.lang, e.profile) for e in entries],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO match_bands_recent (band, article) VALUES (?, ?)",
                [(band, e.article) for e in entries for band in e.bands],
            )
            self._merge_bands(conn)
            postings = [(anchor, e.article) for e in entries for anchor in set(e.anchors)]
            conn.executemany(
                "INSERT OR IGNORE INTO match_postings (anchor, article) VALUES (?, ?)", postings
            )
            counts: dict[str, int] = {}
            for anchor, _ in postings:
                counts[anchor] = counts.get(anchor, 0) + 1
            conn.executemany(
                "INSERT INTO match_df (anchor, df) VALUES (?, ?)"
                " ON CONFLICT(anchor) DO UPDATE SET df = df + excluded.df",
                list(counts.items()),
            )

    def _merge_bands(self, conn: sqlite3.Connection) -> None:
        """Move the waiting band rows into ``match_bands`` once there are enough."""
        (waiting,) = conn.execute("SELECT count(*) FROM match_bands_recent").fetchone()
        if waiting < max(self.recent_bands_min, min(self._indexed(conn), self.recent_bands_max)):
            return
        conn.execute(
            "INSERT OR IGNORE INTO match_bands (band, article)"
            " SELECT band, article FROM match_bands_recent ORDER BY band, article"
        )
        conn.execute("DELETE FROM match_bands_recent")

    @staticmethod
    def _indexed(conn: sqlite3.Connection) -> int:
        return int(conn.execute("SELECT n FROM match_count").fetchone()[0])

    def _unindex(self, conn: sqlite3.Connection, ids: Sequence[int]) -> None:
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            old = conn.execute(
                f"SELECT anchor, count(*) FROM match_postings WHERE article IN ({marks})"
                " GROUP BY anchor",
                list(chunk),
            ).fetchall()
            if old:
                conn.executemany(
                    "UPDATE match_df SET df = df - ? WHERE anchor = ?", [(n, a) for a, n in old]
                )
                conn.execute("DELETE FROM match_df WHERE df <= 0")
                conn.execute(f"DELETE FROM match_postings WHERE article IN ({marks})", list(chunk))
            for table in (*_BAND_TABLES, "match_profiles"):
                conn.execute(f"DELETE FROM {table} WHERE article IN ({marks})", list(chunk))

    def band_candidates(self, bands: Sequence[int], *, limit: int = 100) -> dict[int, int]:
        if not bands:
            return {}
        marks = ",".join("?" * len(bands))
        rows = self.conn.execute(
            "SELECT article, count(*) FROM ("
            f" SELECT article FROM match_bands WHERE band IN ({marks}) UNION ALL"
            f" SELECT article FROM match_bands_recent WHERE band IN ({marks})"
            ") GROUP BY article ORDER BY 2 DESC LIMIT ?",
            [*bands, *bands, limit],
        ).fetchall()
        return dict(rows)

    def anchor_postings(self, anchors: Sequence[str]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for chunk in _chunks(list(anchors)):
            marks = ",".join("?" * len(chunk))
            for anchor, article in self.conn.execute(
                f"SELECT anchor, article FROM match_postings WHERE anchor IN ({marks})", list(chunk)
            ):
                out.setdefault(anchor, []).append(article)
        return out

    def anchor_df(self, anchors: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk in _chunks(list(anchors)):
            marks = ",".join("?" * len(chunk))
            out.update(
                self.conn.execute(
                    f"SELECT anchor, df FROM match_df WHERE anchor IN ({marks})", list(chunk)
                ).fetchall()
            )
        return out

    def match_profiles(self, ids: Sequence[int]) -> dict[int, bytes]:
        out: dict[int, bytes] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            out.update(
                self.conn.execute(
                    f"SELECT article, data FROM match_profiles WHERE article IN ({marks})",
                    list(chunk),
                ).fetchall()
            )
        return out

    def match_indexed_count(self) -> int:
        return self._indexed(self.conn)

    def clear_match_index(self) -> None:
        with self.transaction() as conn:
            for table in ("match_postings", *_BAND_TABLES, "match_profiles", "match_df"):
                conn.execute(f"DELETE FROM {table}")
