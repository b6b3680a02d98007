"""Stores: where relaytrace keeps articles, indexes and relations."""

from __future__ import annotations

import os
import re
from pathlib import Path

from relaytrace.errors import StoreError
from relaytrace.store.base import AddResult, ArticleFilter, SearchHit, Store

__all__ = ["DEFAULT_DB", "AddResult", "ArticleFilter", "SearchHit", "Store", "open_store"]

DEFAULT_DB = "relaytrace.db"


def open_store(location: str | os.PathLike[str] | None = None) -> Store:
    """Open a store by location: a SQLite file path.

    With no location: ``$RELAYTRACE_DB``, else ``./relaytrace.db``. Server URLs
    (``postgresql://``) are refused with a clear error until a server backend
    implements ``Store``.
    """
    location = str(location or os.environ.get("RELAYTRACE_DB") or DEFAULT_DB)
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", location):
        raise StoreError(
            f"unsupported store location {location!r}: this version keeps its corpus in a "
            "SQLite file (give a path)",
            code="unsupported_store",
        )
    from relaytrace.store.sqlite import SQLiteStore

    return SQLiteStore(Path(location))
