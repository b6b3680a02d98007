"""Conditional-GET validators (ETag / Last-Modified) kept between crawl runs.

The store belongs to another layer, so the validators live beside it in a
small JSON file (``relaytrace.db.http.json``). An entry also marks a URL as
"seen": the crawler does not fetch a seen page again unless asked to refetch.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

__all__ = ["ValidatorCache"]


class ValidatorCache:
    """ETag / Last-Modified per URL, kept between runs in a small JSON file.

    The store belongs to another layer, so the validators live beside it
    (``relaytrace.db.http.json``); ``save`` writes atomically (temp file, rename).
    Save after the pages were stored, so an interrupted run fetches them again.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, max_entries: int = 200_000
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._data: dict[str, list[str | None]] = {}
        if self.path is not None and self.path.exists():
            try:
                loaded = json.loads(self.path.read_text("utf-8"))
            except (OSError, ValueError):
                loaded = {}
            if isinstance(loaded, dict):
                self._data = {
                    k: v for k, v in loaded.items() if isinstance(v, list) and len(v) == 2
                }

    @classmethod
    def beside(cls, db: str | os.PathLike[str]) -> ValidatorCache:
        """The cache file next to a SQLite store file."""
        return cls(f"{db}.http.json")

    def get(self, url: str) -> tuple[str | None, str | None]:
        with self._lock:
            etag, modified = self._data.get(url, (None, None))
            return etag, modified

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._lock:
            self._data.pop(url, None)  # most recent last, so trimming drops the oldest
            self._data[url] = [etag, last_modified]
            while len(self._data) > self.max_entries:
                del self._data[next(iter(self._data))]

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, url: object) -> bool:
        with self._lock:
            return url in self._data

    def save(self) -> None:
        if self.path is None:
            return
        with self._lock:
            text = json.dumps(self._data, ensure_ascii=False, sort_keys=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(text, "utf-8")
        os.replace(tmp, self.path)
