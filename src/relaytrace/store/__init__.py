"""Stores: where relaytrace keeps articles, indexes and relations."""

from __future__ import annotations

import os
from pathlib import Path

from relaytrace.store.base import AddResult, ArticleFilter, SearchHit, Store

__all__ = ["DEFAULT_DB", "AddResult", "ArticleFilter", "SearchHit", "Store", "open_store"]

DEFAULT_DB = "relaytrace.db"


def open_store(location: str | os.PathLike[str] | None = None) -> Store:
    """Open a store by location: a ``postgresql://`` URL or a SQLite file path.

    With no location: ``$RELAYTRACE_DB``, else ``./relaytrace.db``.
    """
    location = str(location or os.environ.get("RELAYTRACE_DB") or DEFAULT_DB)
    if location.startswith(("postgresql://", "postgres://")):
        from relaytrace.store.postgres import PostgresStore

        return PostgresStore(location)
    from relaytrace.store.sqlite import SQLiteStore

    return SQLiteStore(Path(location))
