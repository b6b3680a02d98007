"""robots.txt: fetched once per host, cached, and asked before every request.

Follows RFC 9309: a 2xx answer is parsed (up to 512 KiB); a 4xx answer means
no rules (everything allowed); a 5xx answer or an unreachable host means the
crawler must assume everything is disallowed, until the entry expires.
``Crawl-delay`` is honoured as the host's minimum delay (capped by the caller).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

__all__ = ["MAX_ROBOTS_BYTES", "RobotsCache", "RobotsRules", "robots_url"]

MAX_ROBOTS_BYTES = 512 * 1024

RobotsFetch = Callable[[str], tuple[int, bytes]]
"""Fetch a robots.txt URL: (HTTP status, body); status 0 when the host cannot be reached."""


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules of one host for our user agent."""

    parser: RobotFileParser | None
    allow_all: bool = False
    disallow_all: bool = False
    fetched_at: float = 0.0

    def allowed(self, url: str, agent: str) -> bool:
        if self.disallow_all:
            return False
        if self.allow_all or self.parser is None:
            return True
        return self.parser.can_fetch(agent, url)

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


def robots_url(url: str) -> str:
    """The robots.txt URL governing ``url`` (same scheme, host and port)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}/robots.txt"


class RobotsCache:
    """Per-host robots.txt rules, fetched on first use and kept for ``ttl`` seconds."""

    def __init__(self, fetch: RobotsFetch, agent: str, *, ttl: float = 24 * 3600) -> None:
        self._fetch = fetch
        self._agent = agent
        self._ttl = ttl
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> RobotsRules:
        key = robots_url(url)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one fetch per host even when many threads ask at once
            rules = self._rules.get(key)
            if rules is None or time.monotonic() - rules.fetched_at > self._ttl:
                rules = self._load(key)
                self._rules[key] = rules
            return rules

    def allowed(self, url: str) -> bool:
        return self.rules(url).allowed(url, self._agent)

    def crawl_delay(self, url: str) -> float | None:
        return self.rules(url).crawl_delay(self._agent)

    def _load(self, url: str) -> RobotsRules:
        now = time.monotonic()
        status, body = self._fetch(url)
        if 200 <= status < 300:
            parser = RobotFileParser(url)
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            return RobotsRules(parser, fetched_at=now)
        if 400 <= status < 500:
            return RobotsRules(None, allow_all=True, fetched_at=now)
        return RobotsRules(None, disallow_all=True, fetched_at=now)
