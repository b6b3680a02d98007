"""What a crawl counts while it runs, and the frozen report it ends with.

``CrawlStats`` is shared by the discovery and fetch threads (thread-safe
counters); ``report()`` freezes it into a ``CrawlReport``. ``CrawlProgress``
is the callback interface the CLI draws its bars from.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

__all__ = ["CrawlProgress", "CrawlReport", "CrawlStats"]


class CrawlProgress:
    """Progress callbacks; the CLI subclasses this to draw bars. The defaults do nothing."""

    def discovered(self, source: str, count: int) -> None: ...

    def done(self, source: str, nbytes: int) -> None: ...


@dataclass(frozen=True, slots=True)
class CrawlReport:
    """What a crawl did. ``rejected`` counts failures by reason code, ``errors_by_host`` by host."""

    sources: int = 0
    discovered: int = 0
    known: int = 0
    fetched: int = 0
    not_modified: int = 0
    bytes: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    errors_by_host: dict[str, int] = field(default_factory=dict)


_NOT_HOST_ERRORS = frozenset({"page_limit", "sitemap_too_deep", "sitemap_limit"})


class CrawlStats:
    """Thread-safe counters filled while a crawl runs; ``report()`` freezes them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.rejected: Counter[str] = Counter()
        self.hosts: Counter[str] = Counter()

    def add(self, name: str, n: int = 1) -> None:
        with self._lock:
            self.counts[name] += n

    def reject(self, url: str, code: str) -> None:
        with self._lock:
            self.rejected[code] += 1
            if code not in _NOT_HOST_ERRORS:
                self.hosts[urlsplit(url).hostname or url] += 1

    def report(self) -> CrawlReport:
        with self._lock:
            c = self.counts
            return CrawlReport(
                sources=c["sources"],
                discovered=c["discovered"],
                known=c["known"],
                fetched=c["fetched"],
                not_modified=c["not_modified"],
                bytes=c["bytes"],
                rejected=dict(self.rejected),
                errors_by_host=dict(self.hosts),
            )
