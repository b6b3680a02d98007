"""A polite, capped HTTP client for crawling news pages, feeds and sitemaps.

``Fetcher.fetch(url)`` returns a ``FetchResult`` or raises ``FetchError`` with
a stable ``code`` (the crawl summary counts them):

    robots_disallowed  robots.txt forbids the URL for our user agent
    blocked_address    the SSRF guard refused a hop (also bad_scheme, bad_url,
                       credentials_in_url, dns_failed)
    too_many_redirects more than ``max_redirects`` hops
    redirect_loop      a hop came back to a URL already visited
    too_large          the body passes ``max_bytes`` (cut off while streaming)
    not_html           the content type is not what the caller accepts
    timeout            connect, read or the whole-fetch deadline ran out
    http_error         a 4xx/5xx answer, after retries for 429 and 5xx
    network_error      the connection failed

Politeness: robots.txt is honoured and cached per host; requests to one host
are spaced by ``min_delay`` (or the host's Crawl-delay, capped) and at most
``per_host`` run at once; 429 and 5xx are retried with exponential backoff,
honouring Retry-After (seconds or an HTTP date, capped). One HTTP client is
kept per host, connected to the address the guard checked (see ``guard``).
"""

from __future__ import annotations

import email.utils
import random
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urljoin

import certifi
import httpx

from relaytrace import __version__
from relaytrace.errors import FetchError, InputError
from relaytrace.ingest.guard import Resolver, Target, check_url, system_resolver
from relaytrace.ingest.robots import MAX_ROBOTS_BYTES, RobotsCache
from relaytrace.ingest.warc import is_html

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_USER_AGENT",
    "Accept",
    "CrawlOptions",
    "FetchResult",
    "Fetcher",
    "HTTPStatusError",
    "parse_retry_after",
]

DEFAULT_USER_AGENT = f"relaytrace/{__version__} news-provenance-crawler"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

Accept = Literal["html", "xml", "any"]
_REDIRECTS = (301, 302, 303, 307, 308)
_RETRY_STATUSES = (429, 500, 502, 503, 504)


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
    backoff: float = 1.0
    """First retry waits this many seconds, then doubles (with jitter)."""
    max_retry_after: float = 120.0
    """Cap on a server's Retry-After; a longer wait gives up instead."""
    respect_robots: bool = True
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


MAX_OPEN_CLIENTS = 64
"""Idle per-host clients beyond this many are closed (least recently used first)."""


class _HostState:
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


class Fetcher:
    """Fetch URLs politely and safely. Thread-safe; close it (or use ``with``) when done."""

    def __init__(
        self,
        options: CrawlOptions | None = None,
        *,
        resolver: Resolver = system_resolver,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options or CrawlOptions()
        self._resolver = resolver
        self._sleep = sleep
        self._hosts: dict[str, _HostState] = {}
        self._hosts_lock = threading.Lock()
        self.robots = RobotsCache(self._fetch_robots, self.options.agent)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._hosts_lock:
            for state in self._hosts.values():
                if state.client is not None:
                    state.client.close()
            self._hosts.clear()

    # -- public ----------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        accept: Accept = "html",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET ``url`` following redirects hop by hop; conditional when validators are given."""
        return self._get(url, accept, etag, last_modified, check_robots=self.options.respect_robots)

    # -- internals -------------------------------------------------------

    def _get(
        self,
        url: str,
        accept: Accept,
        etag: str | None,
        last_modified: str | None,
        *,
        check_robots: bool,
    ) -> FetchResult:
        opts = self.options
        current = url
        seen = {url}
        for hop in range(opts.max_redirects + 1):
            target = self._check(current)
            if check_robots:
                self._check_robots(current)
            headers = {"Accept": _ACCEPT_HEADERS[accept]}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            result = self._request(target, headers, accept, original=url, hops=hop)
            if isinstance(result, FetchResult):
                return result
            nxt = urljoin(current, result)
            if nxt in seen:
                raise FetchError(f"redirect loop at {nxt}", code="redirect_loop")
            seen.add(nxt)
            current = nxt
        raise FetchError(
            f"more than {opts.max_redirects} redirects from {url}", code="too_many_redirects"
        )

    def _check(self, url: str) -> Target:
        return check_url(
            url,
            allow_private=self.options.allow_private,
            allow_hosts=self.options.allow_hosts,
            resolver=self._resolver,
        )

    def _host(self, target: Target) -> _HostState:
        key = f"{target.scheme}://{target.host}:{target.port}"
        with self._hosts_lock:
            state = self._hosts.get(key)
            if state is None:
                state = self._hosts[key] = _HostState(self.options.per_host)
            return state

    def _client(self, state: _HostState) -> httpx.Client:
        with state.lock:
            created = state.client is None
            if created:
                opts = self.options
                state.client = httpx.Client(
                    http2=opts.http2,
                    follow_redirects=False,
                    trust_env=False,
                    timeout=httpx.Timeout(
                        opts.read_timeout, connect=opts.connect_timeout, pool=opts.total_timeout
                    ),
                    headers={"User-Agent": opts.agent},
                    verify=_tls_context(opts.ca_file),
                    limits=httpx.Limits(
                        max_connections=opts.per_host, max_keepalive_connections=opts.per_host
                    ),
                )
            client = state.client
        if created:
            self._close_idle(keep=state)
        return client

    def _close_idle(self, keep: _HostState) -> None:
        """Close the least recently used idle clients past MAX_OPEN_CLIENTS (no socket pile-up)."""
        with self._hosts_lock:
            open_states = [
                s for s in self._hosts.values() if s.client is not None and s is not keep
            ]
        excess = len(open_states) + 1 - MAX_OPEN_CLIENTS
        for other in sorted(open_states, key=lambda s: s.last_used)[: max(0, excess)]:
            if other.lock.acquire(blocking=False):  # never wait here: no lock-order deadlock
                try:
                    if other.active == 0 and other.client is not None:
                        other.client.close()
                        other.client = None
                finally:
                    other.lock.release()

    def _wait_turn(self, state: _HostState, url: str) -> None:
        """Space requests to one host by min_delay (or its Crawl-delay)."""
        delay = self.options.min_delay
        if self.options.respect_robots and not url.endswith("/robots.txt"):
            crawl_delay = self.robots.crawl_delay(url)
            if crawl_delay is not None:
                delay = max(delay, min(crawl_delay, self.options.max_crawl_delay))
        with state.lock:
            now = time.monotonic()
            start = max(now, state.next_at)
            state.next_at = start + delay
        if start > now:
            self._sleep(start - now)

    def _request(
        self, target: Target, headers: dict[str, str], accept: Accept, *, original: str, hops: int
    ) -> FetchResult | str:
        """One hop with retries: a result, or the Location to follow."""
        opts = self.options
        state = self._host(target)
        attempt = 0
        while True:
            with state.slots:
                self._wait_turn(state, target.url)
                with state.in_use():
                    outcome = self._once(state, target, headers, accept, original, hops)
            if isinstance(outcome, _Retry):
                if attempt >= opts.retries:
                    raise outcome.error()
                wait = outcome.after
                if wait is None:
                    wait = opts.backoff * 2**attempt * (1 + random.random() / 4)
                if wait > opts.max_retry_after:
                    raise outcome.error(f"{outcome.message}; server asks to wait {wait:.0f}s")
                with state.lock:  # the whole host waits, not just this request
                    state.next_at = max(state.next_at, time.monotonic() + wait)
                attempt += 1
                continue
            return outcome

    def _once(
        self,
        state: _HostState,
        target: Target,
        headers: dict[str, str],
        accept: Accept,
        original: str,
        hops: int,
    ) -> FetchResult | str | _Retry:
        opts = self.options
        client = self._client(state)
        pinned, host_header = target.pinned()
        try:
            request = client.build_request(
                "GET",
                pinned,
                headers={**headers, "Host": host_header},
                extensions={"sni_hostname": target.host},
            )
        except (httpx.InvalidURL, UnicodeError) as exc:
            raise FetchError(f"cannot request {target.url!r}: {exc}", code="bad_url") from exc
        started = time.monotonic()
        try:
            response = client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timeout fetching {target.url}: {exc!r}", code="timeout") from exc
        except httpx.HTTPError as exc:
            return _Retry("network_error", f"cannot fetch {target.url}: {exc!r}", None)
        try:
            status = response.status_code
            if status in _REDIRECTS and response.headers.get("Location"):
                return response.headers["Location"]
            if status == 304:
                return FetchResult(
                    url=original,
                    final_url=target.url,
                    status="not_modified",
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    redirects=hops,
                )
            if status in _RETRY_STATUSES:
                after = parse_retry_after(response.headers.get("Retry-After"))
                return _Retry("http_error", f"HTTP {status} from {target.url}", after, status)
            if status >= 400 or status < 200:
                raise HTTPStatusError(f"HTTP {status} from {target.url}", status)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > opts.max_bytes:
                raise FetchError(
                    f"{target.url} is {declared} bytes (cap {opts.max_bytes})", code="too_large"
                )
            content_type = response.headers.get("Content-Type")
            body = self._read_capped(response, target.url, started)
            if accept == "html" and not is_html(content_type, body):
                raise FetchError(f"{content_type or 'no type'} at {target.url}", code="not_html")
            return FetchResult(
                url=original,
                final_url=target.url,
                status="ok",
                content=body,
                content_type=content_type,
                charset=response.charset_encoding,
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                redirects=hops,
            )
        finally:
            response.close()

    def _read_capped(self, response: httpx.Response, url: str, started: float) -> bytes:
        opts = self.options
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes(65536):
                size += len(chunk)
                if size > opts.max_bytes:
                    raise FetchError(f"{url} passes {opts.max_bytes} bytes", code="too_large")
                if time.monotonic() - started > opts.total_timeout:
                    raise FetchError(f"{url} took over {opts.total_timeout:.0f}s", code="timeout")
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timeout reading {url}: {exc!r}", code="timeout") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot read {url}: {exc!r}", code="network_error") from exc
        return b"".join(chunks)

    def _check_robots(self, url: str) -> None:
        rules = self.robots.rules(url)
        if rules.error is not None:  # the host is unreachable: say why, not just "disallowed"
            message = f"robots.txt unreachable, so {url} is not fetched: {rules.error}"
            raise FetchError(message, code=rules.error.code)
        if not rules.allowed(url):
            raise FetchError(f"robots.txt disallows {url}", code="robots_disallowed")

    def _fetch_robots(self, url: str) -> tuple[int, bytes]:
        """Fetch a robots.txt for the cache: (status, body); raises FetchError when unreachable."""
        try:
            result = self._get(url, "any", None, None, check_robots=False)
        except HTTPStatusError as exc:
            return exc.status, b""
        return 200, result.content[:MAX_ROBOTS_BYTES]


@dataclass(frozen=True, slots=True)
class _Retry:
    code: str
    message: str
    after: float | None
    status: int = 0

    def error(self, message: str | None = None) -> FetchError:
        if self.status:
            return HTTPStatusError(message or self.message, self.status)
        return FetchError(message or self.message, code=self.code)


class HTTPStatusError(FetchError):
    """An HTTP error answer (code ``http_error``), with its status."""

    code = "http_error"

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


_ACCEPT_HEADERS: dict[str, str] = {
    "html": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "xml": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,"
    "*/*;q=0.5",
    "any": "*/*",
}


def _tls_context(ca_file: str | None) -> ssl.SSLContext | bool:
    if ca_file is None:
        return True
    context = ssl.create_default_context(cafile=certifi.where())
    context.load_verify_locations(cafile=ca_file)
    return context


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
