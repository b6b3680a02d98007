"""Per-host politeness state and retry timing for the fetcher.

``HostState`` spaces requests to one host and bounds how many run at once;
``retry_wait`` says how long to wait before another attempt (a server's
Retry-After, else exponential backoff with jitter); ``parse_retry_after``
reads that header in both of its forms.
"""

from __future__ import annotations

import email.utils
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from relaytrace.errors import FetchError
from relaytrace.ingest.http_options import HTTPStatusError

__all__ = ["MAX_OPEN_CLIENTS", "HostState", "Retry", "parse_retry_after", "retry_wait"]

MAX_OPEN_CLIENTS = 64
"""Idle per-host clients beyond this many are closed (least recently used first)."""


class HostState:
    """One host: its slots, when the next request may start, and its HTTP client."""

    def __init__(self, per_host: int) -> None:
        self.slots = threading.Semaphore(per_host)
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.client: httpx.Client | None = None
        self.active = 0
        self.last_used = 0.0

    @contextmanager
    def in_use(self) -> Iterator[None]:
        """Mark the host busy so its client is not closed under a request."""
        with self.lock:
            self.active += 1
        try:
            yield
        finally:
            with self.lock:
                self.active -= 1
                self.last_used = time.monotonic()

    def claim_turn(self, delay: float) -> float:
        """Book the next start ``delay`` after the previous one; seconds to wait before it."""
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_at)
            self.next_at = start + delay
        return start - now

    def hold(self, seconds: float) -> None:
        """Make the whole host wait (after a 429 or 5xx), not just one request."""
        with self.lock:
            self.next_at = max(self.next_at, time.monotonic() + seconds)


@dataclass(frozen=True, slots=True)
class Retry:
    """A failed attempt worth another try: what to raise if none is left, and any Retry-After."""

    code: str
    message: str
    after: float | None
    status: int = 0

    def error(self, message: str | None = None) -> FetchError:
        if self.status:
            return HTTPStatusError(message or self.message, self.status)
        return FetchError(message or self.message, code=self.code)


def retry_wait(retry: Retry, attempt: int, backoff: float) -> float:
    """Seconds before the next attempt: the server's Retry-After, else backoff·2ⁿ with jitter."""
    if retry.after is not None:
        return retry.after
    return backoff * 2**attempt * (1 + random.random() / 4)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
