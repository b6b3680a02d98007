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
    timeout            connect, read or the whole-fetch deadline ran out, after retries
    http_error         a 4xx/5xx answer, after retries for 429 and 5xx
    network_error      the connection failed, after retries

Politeness: robots.txt is honoured and cached per host; requests to one host
are spaced by ``min_delay`` (or the host's Crawl-delay, capped) and at most
``per_host`` run at once; timeouts, network errors, 429 and 5xx are retried
with exponential backoff, honouring Retry-After (seconds or an HTTP date,
capped). robots.txt answers are kept ``robots_ttl`` seconds (24 h), so a
long-lived fetcher (``watch``) asks each host for it once a day. One HTTP client is
kept per host, connected to the address the guard checked (see ``guard``).
Options and results live in ``http_options``, host state and retry timing in
``politeness``; both are re-exported here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urljoin

import httpx

from relaytrace.errors import FetchError
from relaytrace.ingest.guard import Resolver, Target, check_url, system_resolver
from relaytrace.ingest.http_options import (
    ACCEPT_HEADERS,
    DEFAULT_MAX_BYTES,
    DEFAULT_USER_AGENT,
    Accept,
    CrawlOptions,
    FetchResult,
    HTTPStatusError,
    tls_context,
)
from relaytrace.ingest.politeness import (
    MAX_OPEN_CLIENTS,
    HostState,
    Retry,
    parse_retry_after,
    retry_wait,
)
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

_REDIRECTS = (301, 302, 303, 307, 308)
_RETRY_STATUSES = (429, 500, 502, 503, 504)


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
        self._hosts: dict[str, HostState] = {}
        self._hosts_lock = threading.Lock()
        self.robots = RobotsCache(
            self._fetch_robots, self.options.agent, ttl=self.options.robots_ttl
        )

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
            headers = {"Accept": ACCEPT_HEADERS[accept]}
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

    def _host(self, target: Target) -> HostState:
        key = f"{target.scheme}://{target.host}:{target.port}"
        with self._hosts_lock:
            state = self._hosts.get(key)
            if state is None:
                state = self._hosts[key] = HostState(self.options.per_host)
            return state

    def _client(self, state: HostState) -> httpx.Client:
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
                    verify=tls_context(opts.ca_file),
                    limits=httpx.Limits(
                        max_connections=opts.per_host, max_keepalive_connections=opts.per_host
                    ),
                )
            client = state.client
        if created:
            self._close_idle(keep=state)
        return client

    def _close_idle(self, keep: HostState) -> None:
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

    def _wait_turn(self, state: HostState, url: str) -> None:
        """Space requests to one host by min_delay (or its Crawl-delay)."""
        delay = self.options.min_delay
        if self.options.respect_robots and not url.endswith("/robots.txt"):
            crawl_delay = self.robots.crawl_delay(url)
            if crawl_delay is not None:
                delay = max(delay, min(crawl_delay, self.options.max_crawl_delay))
        pause = state.claim_turn(delay)
        if pause > 0:
            self._sleep(pause)

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
            if isinstance(outcome, Retry):
                if attempt >= opts.retries:
                    raise outcome.error()
                wait = retry_wait(outcome, attempt, opts.backoff)
                if wait > opts.max_retry_after:
                    raise outcome.error(f"{outcome.message}; server asks to wait {wait:.0f}s")
                state.hold(wait)
                attempt += 1
                continue
            return outcome

    def _once(
        self,
        state: HostState,
        target: Target,
        headers: dict[str, str],
        accept: Accept,
        original: str,
        hops: int,
    ) -> FetchResult | str | Retry:
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
            return Retry("timeout", f"timeout fetching {target.url}: {exc!r}", None)
        except httpx.HTTPError as exc:
            return Retry("network_error", f"cannot fetch {target.url}: {exc!r}", None)
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
                return Retry("http_error", f"HTTP {status} from {target.url}", after, status)
            if status >= 400 or status < 200:
                raise HTTPStatusError(f"HTTP {status} from {target.url}", status)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > opts.max_bytes:
                raise FetchError(
                    f"{target.url} is {declared} bytes (cap {opts.max_bytes})", code="too_large"
                )
            content_type = response.headers.get("Content-Type")
            try:
                body = self._read_capped(response, target.url, started)
            except FetchError as exc:
                if exc.code == "timeout":  # a slow moment, like a 503: worth another try
                    return Retry("timeout", exc.message, None)
                raise
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
