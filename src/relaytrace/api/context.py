"""What every request handler shares: the store location, limits, and a short-lived cache.

SQLite connections belong to the thread that opened them, so each worker
thread keeps its own store (opened on first use). Corpus-wide provenance
(origins, stories, outlets, network) is computed once and reused for
``cache_seconds``, then recomputed (warmed in the background at start-up);
an ingest through the API drops it at once.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from relaytrace.api.errors import ApiError
from relaytrace.store import open_store
from relaytrace.store.base import Store
from relaytrace.trace.network import Network
from relaytrace.trace.report import CorpusProvenance, corpus_provenance

__all__ = ["DEFAULT_TRACE_TIMEOUT", "AppContext", "Limits"]

T = TypeVar("T")
DEFAULT_TRACE_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps on what one request may ask for."""

    max_body: int = 8 * 1024 * 1024
    max_page: int = 200
    default_page: int = 50
    trace_timeout: float = DEFAULT_TRACE_TIMEOUT
    cache_seconds: float = 300.0


@dataclass
class AppContext:
    location: str
    allow_write: bool = False
    token: str | None = None
    limits: Limits = field(default_factory=Limits)
    _local: threading.local = field(default_factory=threading.local, repr=False)
    _stores: list[Store] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _compute_lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    _cache: dict[str, tuple[float, Any]] = field(default_factory=dict, repr=False)
    _pool: concurrent.futures.ThreadPoolExecutor | None = field(default=None, repr=False)

    def store(self) -> Store:
        """This thread's store, opened on first use."""
        st = getattr(self._local, "store", None)
        if st is None:
            st = open_store(self.location)
            self._local.store = st
            with self._lock:
                self._stores.append(st)
        return st

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per ``limits.cache_seconds`` (one computation at a time)."""
        with self._lock:
            hit = self._cache.get(key)
        if hit and time.monotonic() - hit[0] < self.limits.cache_seconds:
            return hit[1]
        with self._compute_lock:
            with self._lock:
                hit = self._cache.get(key)
            if hit and time.monotonic() - hit[0] < self.limits.cache_seconds:
                return hit[1]  # computed by another request while this one waited
            value = compute()
            with self._lock:
                self._cache[key] = (time.monotonic(), value)
            return value

    def corpus(self) -> CorpusProvenance:
        """Corpus-wide provenance (origins, trees, stories), cached."""
        return self.cached("corpus", lambda: corpus_provenance(self.store()))

    def network(self) -> Network:
        """The outlet network with its communities, cached with the corpus."""
        return self.cached("network", lambda: self.corpus().network())

    def stats(self) -> dict[str, object]:
        return self.cached("stats", lambda: self.store().stats())

    def warm(self) -> None:
        """Compute the cached corpus views now (at start-up, in a background thread)."""
        with contextlib.suppress(Exception):  # a failure shows on the first request instead
            self.stats()
            self.network()

    def forget_corpus(self) -> None:
        with self._lock:
            self._cache.clear()

    def run_limited(self, fn: Callable[[Store], T]) -> T:
        """Run ``fn(store)`` in a worker thread; 504 ``timeout`` past ``limits.trace_timeout``.

        The worker cannot be interrupted: it finishes in the background and its
        result is dropped.
        """
        with self._lock:
            if self._pool is None:
                self._pool = concurrent.futures.ThreadPoolExecutor(
                    4, thread_name_prefix="relaytrace-trace"
                )
            pool = self._pool
        future = pool.submit(lambda: fn(self.store()))
        try:
            return future.result(timeout=self.limits.trace_timeout)
        except concurrent.futures.TimeoutError:
            raise ApiError(
                f"the trace took longer than {self.limits.trace_timeout:g} s",
                code="timeout",
                status=504,
            ) from None

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            stores, self._stores = self._stores, []
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        for st in stores:
            with contextlib.suppress(Exception):
                st.close()
