"""What the crawler's HTTP client is told and what it hands back.

``CrawlOptions`` (timeouts, caps, politeness, the SSRF switches), the
``FetchResult`` of one URL, and ``HTTPStatusError`` for an error answer. Kept
apart from ``fetch`` so callers that only build options or read results do not
pull the client in.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import certifi

from relaytrace import __version__
from relaytrace.errors import FetchError, InputError

__all__ = [
    "ACCEPT_HEADERS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_USER_AGENT",
    "Accept",
    "CrawlOptions",
    "FetchResult",
    "HTTPStatusError",
    "tls_context",
]

DEFAULT_USER_AGENT = f"relaytrace/{__version__} news-provenance-crawler"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

Accept = Literal["html", "xml", "any"]

ACCEPT_HEADERS: dict[str, str] = {
    "html": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "xml": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,"
    "*/*;q=0.5",
    "any": "*/*",
}


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """How the crawler behaves on the web. Defaults are polite for a single researcher."""

    contact: str | None = None
    """An e-mail or URL put into the User-Agent so site owners can reach you."""
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    """Whole-fetch deadline, so a server trickling bytes cannot hold a worker for ever."""
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    concurrency: int = 8
    """Fetches in flight across all hosts."""
    per_host: int = 1
    """Fetches in flight to one host."""
    min_delay: float = 1.0
    """Seconds between two requests to one host."""
    max_crawl_delay: float = 30.0
    """Cap on a robots.txt Crawl-delay."""
    retries: int = 2
    """Extra attempts after a timeout, a network error, a 429 or a 5xx."""
    backoff: float = 1.0
    """First retry waits this many seconds, then doubles (with jitter)."""
    max_retry_after: float = 120.0
    """Cap on a server's Retry-After; a longer wait gives up instead."""
    respect_robots: bool = True
    robots_ttl: float = 24 * 3600.0
    """Seconds a host's robots.txt answer is kept before it is asked again (RFC 9309: 24 h)."""
    allow_private: bool = False
    """Allow loopback and private addresses (tests, intranets). Cloud metadata stays refused."""
    allow_hosts: frozenset[str] = frozenset()
    """Host names exempt from the private-address rule; their redirects are still checked."""
    http2: bool = True
    ca_file: str | None = None
    """An extra CA certificate file to trust (an intranet CA), besides the usual roots."""

    def __post_init__(self) -> None:
        at_least = {"max_bytes": 1, "concurrency": 1, "per_host": 1, "max_redirects": 0}
        at_least |= {"retries": 0, "min_delay": 0, "backoff": 0, "read_timeout": 0.001}
        at_least |= {"robots_ttl": 0}
        for name, low in at_least.items():
            if getattr(self, name) < low:
                raise InputError(f"{name} must be at least {low}", code="bad_option")

    @property
    def agent(self) -> str:
        """The User-Agent sent: ``user_agent`` with the contact added when given."""
        return f"{self.user_agent} (+{self.contact})" if self.contact else self.user_agent


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One fetched URL. ``status`` is "ok" or "not_modified" (a 304 to a conditional GET)."""

    url: str
    final_url: str
    status: Literal["ok", "not_modified"]
    content: bytes = b""
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched: datetime = field(default_factory=lambda: datetime.now(UTC))
    redirects: int = 0


class HTTPStatusError(FetchError):
    """An HTTP error answer (code ``http_error``), with its status."""

    code = "http_error"

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def tls_context(ca_file: str | None) -> ssl.SSLContext | bool:
    """httpx's ``verify``: the usual roots, plus ``ca_file`` when given."""
    if ca_file is None:
        return True
    context = ssl.create_default_context(cafile=certifi.where())
    context.load_verify_locations(cafile=ca_file)
    return context
