"""Versioned schema migrations for the SQLite store.

Every ``store/migrations/NNNN_name.sql`` file is one version. ``migrate`` applies
those not yet recorded in ``schema_version``, in order, each inside its own
transaction, so a crash mid-way leaves the database at the previous version.
A database recorded at a version newer than any file here was written by a newer
relaytrace: opening it is refused rather than risking its data.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from relaytrace.errors import StoreError

__all__ = ["Migration", "applied_versions", "known_migrations", "migrate"]

_NAME = re.compile(r"^(\d{4})_([\w-]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def known_migrations() -> list[Migration]:
    """The migrations shipped with this package, in version order."""
    folder = resources.files("relaytrace.store") / "migrations"
    found: dict[int, Migration] = {}
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise StoreError(
                f"two migrations share version {version}: {found[version].name}, {entry.name}",
                code="bad_migration",
            )
        found[version] = Migration(version, match.group(2), entry.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in conn.execute("SELECT version FROM schema_version")}


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> list[int]:
    """Bring the schema up to date; return the versions applied now.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each migration
    runs as one ``BEGIN IMMEDIATE … COMMIT`` script.
    """
    migrations = known_migrations() if migrations is None else migrations
    newest = max((m.version for m in migrations), default=0)
    applied = applied_versions(conn)
    if applied and max(applied) > newest:
        raise StoreError(
            f"database schema version {max(applied)} is newer than this relaytrace "
            f"knows ({newest}); upgrade relaytrace to open it",
            code="schema_too_new",
        )
    done: list[int] = []
    for migration in migrations:
        if migration.version in applied:
            continue
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        record = (
            "INSERT INTO schema_version (version, name, applied_at) VALUES "
            f"({migration.version}, '{migration.name}', '{stamp}');"
        )
        script = f"BEGIN IMMEDIATE;\n{migration.sql}\n;\n{record}\nCOMMIT;"
        try:
            conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            # Another process may have applied it between our check and our BEGIN.
            if migration.version in applied_versions(conn):
                continue
            raise StoreError(
                f"migration {migration.version:04d}_{migration.name} failed: {exc}",
                code="migration_failed",
            ) from exc
        done.append(migration.version)
    return done
