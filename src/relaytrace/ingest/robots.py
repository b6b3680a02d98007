"""robots.txt: fetched once per host, cached, and asked before every request.

Follows RFC 9309 (urllib.robotparser does not: it takes the first matching
rule, not the longest, and knows no ``*``/``$`` patterns): the group for our
product token, else ``*``; the longest matching rule wins, Allow on a tie.
A 2xx answer is parsed (up to 512 KiB); a 4xx answer means
no rules (everything allowed); a 5xx answer or an unreachable host means the
crawler must assume everything is disallowed, until the entry expires (after
ten minutes, not the 24 hours a good answer is kept).
``Crawl-delay`` is honoured as the host's minimum delay (capped by the caller).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from relaytrace.errors import FetchError

__all__ = [
    "DEFAULT_ERROR_TTL",
    "MAX_ROBOTS_BYTES",
    "RobotsCache",
    "RobotsRules",
    "parse_robots",
    "robots_url",
]

MAX_ROBOTS_BYTES = 512 * 1024

RobotsFetch = Callable[[str], tuple[int, bytes]]
"""Fetch a robots.txt URL: (HTTP status, body); raise ``FetchError`` when it cannot be reached."""


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules of one host for our user agent: (allow, pattern) pairs and a Crawl-delay."""

    rules: tuple[tuple[bool, str], ...] = ()
    delay: float | None = None
    disallow_all: bool = False
    fetched_at: float = 0.0
    error: FetchError | None = None
    """Why robots.txt could not be fetched (then everything is disallowed)."""

    def allowed(self, url: str) -> bool:
        """The longest matching rule wins; on a tie, allow (RFC 9309 section 2.2.2)."""
        if self.disallow_all:
            return False
        parts = urlsplit(url)
        path = unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        best_len, verdict = -1, True
        for allow, pattern in self.rules:
            if _matches(pattern, path) and (
                len(pattern) > best_len or (len(pattern) == best_len and allow)
            ):
                best_len, verdict = len(pattern), allow
        return verdict


def parse_robots(text: str, agent: str, *, fetched_at: float = 0.0) -> RobotsRules:
    """The rules that apply to ``agent`` (its product token, else ``*``) in a robots.txt."""
    token = agent.split("/", 1)[0].strip().lower()
    groups: dict[str, list[tuple[bool, str]]] = {}
    delays: dict[str, float] = {}
    current: list[str] = []
    in_rules = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        field, value = (part.strip() for part in line.split(":", 1))
        field = field.lower()
        if field == "user-agent":
            if in_rules:
                current, in_rules = [], False
            current.append(value.lower())
            for name in current:
                groups.setdefault(name, [])
        elif field in ("allow", "disallow"):
            in_rules = True
            if value:  # an empty Disallow allows everything
                for name in current:
                    groups[name].append((field == "allow", unquote(value)))
        elif field == "crawl-delay":
            in_rules = True
            try:
                for name in current:
                    delays[name] = float(value)
            except ValueError:
                pass
    key = token if token in groups else "*"
    return RobotsRules(tuple(groups.get(key, ())), delays.get(key), fetched_at=fetched_at)


def _matches(pattern: str, path: str) -> bool:
    if "*" not in pattern and not pattern.endswith("$"):
        return path.startswith(pattern)
    regex = re.escape(pattern).replace(r"\*", ".*")
    if regex.endswith(r"\$"):
        regex = regex[:-2] + "$"
    return re.match(regex, path) is not None


def robots_url(url: str) -> str:
    """The robots.txt URL governing ``url`` (same scheme, host and port)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}/robots.txt"


DEFAULT_ERROR_TTL = 600.0
"""Seconds a failed robots.txt fetch (5xx, unreachable) keeps its host closed before a retry."""


class RobotsCache:
    """Per-host robots.txt rules, fetched on first use and kept for ``ttl`` seconds.

    A failure (5xx, unreachable) closes the host only for ``error_ttl`` seconds
    (at most ``ttl``): a long-lived crawler (``watch``) must not stay locked out
    for a day by one bad minute at the site.
    """

    def __init__(
        self,
        fetch: RobotsFetch,
        agent: str,
        *,
        ttl: float = 24 * 3600,
        error_ttl: float = DEFAULT_ERROR_TTL,
    ) -> None:
        self._fetch = fetch
        self._agent = agent
        self._ttl = ttl
        self._error_ttl = min(ttl, error_ttl)
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules(self, url: str) -> RobotsRules:
        key = robots_url(url)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # one fetch per host even when many threads ask at once
            rules = self._rules.get(key)
            if rules is None or time.monotonic() - rules.fetched_at > self._keep(rules):
                rules = self._load(key)
                self._rules[key] = rules
            return rules

    def allowed(self, url: str) -> bool:
        return self.rules(url).allowed(url)

    def _keep(self, rules: RobotsRules) -> float:
        return self._error_ttl if rules.disallow_all else self._ttl

    def crawl_delay(self, url: str) -> float | None:
        """The host's Crawl-delay if its robots.txt is already cached (never fetches)."""
        rules = self._rules.get(robots_url(url))
        return rules.delay if rules is not None else None

    def _load(self, url: str) -> RobotsRules:
        now = time.monotonic()
        try:
            status, body = self._fetch(url)
        except FetchError as exc:
            return RobotsRules(disallow_all=True, fetched_at=now, error=exc)
        if 200 <= status < 300:
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            return parse_robots(text, self._agent, fetched_at=now)
        if 400 <= status < 500:
            return RobotsRules(fetched_at=now)
        return RobotsRules(disallow_all=True, fetched_at=now)
