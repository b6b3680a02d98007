"""SQLite tables for statements (a mixin of ``SQLiteStore``).

Statements of an article are replaced as a whole; the speaker is stored folded
beside its written form so that a speaker search ignores case, accents and
script, and matches on the surname alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from anyascii import anyascii

from relaytrace.errors import InputError, StoreError
from relaytrace.model import Statement

__all__ = ["StatementTables", "speaker_keys"]

_COLUMNS = 'article, n, kind, quote, start, "end", speaker, speaker_role, verb, venue, key'


def speaker_keys(name: str | None) -> tuple[str | None, str | None]:
    """The folded full name and folded last word of a speaker ("Станкевича" → "stankevicha")."""
    if not name:
        return None, None
    folded = " ".join(anyascii(name).casefold().replace("-", " ").split())
    words = [w.strip(".,'’") for w in folded.split()]
    words = [w for w in words if w]
    return (folded or None), (words[-1] if words else None)


def _row_to_statement(row: sqlite3.Row | tuple) -> Statement:
    article, _, kind, quote, start, end, speaker, role, verb, venue, key = row
    return Statement(
        kind=kind,
        quote=quote,
        start=start,
        end=end,
        speaker=speaker,
        speaker_role=role,
        verb=verb,
        venue=venue,
        article=article,
        key=key,
    )


class StatementTables:
    """Statement tables; uses ``self.conn`` and ``self.transaction()``."""

    conn: sqlite3.Connection  # and transaction(), both provided by SQLiteStore

    def put_statements(self, article: int, statements: Sequence[Statement]) -> None:
        """Replace the statements of one article (all or nothing)."""
        rows = []
        for n, s in enumerate(statements, 1):
            if s.kind not in ("direct", "reported") or not 0 <= s.start <= s.end:
                raise InputError(
                    f"statement {n} of article {article} is malformed "
                    f"(kind={s.kind!r}, start={s.start}, end={s.end})",
                    code="bad_statement",
                )
            full, last = speaker_keys(s.speaker)
            rows.append(
                (
                    article,
                    n,
                    s.kind,
                    s.quote,
                    s.start,
                    s.end,
                    s.speaker,
                    s.speaker_role,
                    s.verb,
                    s.venue,
                    s.key,
                    full,
                    last,
                )
            )
        try:
            with self.transaction() as conn:
                conn.execute("DELETE FROM statements WHERE article = ?", (article,))
                conn.executemany(
                    f"INSERT INTO statements ({_COLUMNS}, speaker_key, speaker_last) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot store statements of article {article}: {exc}") from exc

    def statements(
        self, *, article: int | None = None, speaker: str | None = None
    ) -> Iterator[Statement]:
        """Statements of one article, or by a speaker across the corpus (surname suffices)."""
        where, args = [], []
        if article is not None:
            where.append("article = ?")
            args.append(article)
        if speaker:
            full, last = speaker_keys(speaker)
            if full and " " in full:
                where.append("(speaker_key = ? OR (speaker_last = ? AND speaker_key LIKE ?))")
                first = full.split()[0]
                args.extend([full, last, f"{first[:1]}%"])
            else:
                where.append("(speaker_key = ? OR speaker_last = ?)")
                args.extend([full, last])
        sql = f"SELECT {_COLUMNS} FROM statements"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY article, n"
        try:
            rows = self.conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read statements: {exc}") from exc
        for row in rows:
            yield _row_to_statement(row)

    def set_statement_keys(self, keys: Sequence[tuple[int, int, str]]) -> None:
        """Set the linking key of statements given as (article, n, key), n counting from 1."""
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE statements SET key = ? WHERE article = ? AND n = ?",
                [(key, article, n) for article, n, key in keys],
            )
