"""Fixture web sites for the crawler tests: one threaded HTTP server on 127.0.0.1.

The server serves several fictional ``.example`` hosts, told apart by the Host
header; ``local_resolver`` resolves every ``.example`` name to 127.0.0.1, so
tests crawl ``http://news.example:PORT/...`` while only loopback is touched.
Every request is logged (host, path, headers) so tests can assert what the
crawler asked for, and what it never asked for.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Reply", "Request", "Site", "local_resolver", "page", "serve"]


@dataclass(frozen=True)
class Request:
    host: str
    path: str
    headers: dict[str, str]


@dataclass
class Reply:
    """What a route answers: a status, headers, and a body (bytes, or chunks to stream)."""

    body: bytes | Iterator[bytes] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Handler = Callable[[Request], Reply]


def local_resolver(host: str, port: int) -> list[str]:
    """Resolve fictional ``.example`` hosts to loopback; anything else does not exist."""
    if host == "example" or host.endswith(".example"):
        return ["127.0.0.1"]
    raise OSError(f"unknown host {host}")


def page(title: str, paragraphs: list[str], *, lang: str = "en", published: str = "") -> str:
    """A small news page of our own, with a publication date in its metadata."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"{meta}</head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>"
        f"{body}</article><footer>Contact us</footer></body></html>"
    )


class Site:
    """Routes per (host, path), and the log of requests received."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.routes: dict[tuple[str, str], Handler] = {}
        self.log: list[Request] = []
        self.sent_bytes: dict[str, int] = {}
        self._lock = threading.Lock()

    def url(self, host: str, path: str) -> str:
        return f"http://{host}:{self.port}{path}"

    def add(
        self,
        host: str,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        etag: str | None = None,
    ) -> None:
        """Serve a fixed body; with ``etag``, answer a matching If-None-Match with 304."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if etag:
            all_headers["ETag"] = etag

        def reply(request: Request) -> Reply:
            if etag and request.headers.get("If-None-Match") == etag:
                return Reply(b"", 304, {"ETag": etag})
            return Reply(data, status, dict(all_headers))

        self.routes[(host, path)] = reply

    def handle(self, host: str, path: str, handler: Handler) -> None:
        self.routes[(host, path)] = handler

    def requests_for(self, path: str, host: str | None = None) -> list[Request]:
        with self._lock:
            return [r for r in self.log if r.path == path and (host is None or r.host == host)]

    def record(self, request: Request) -> None:
        with self._lock:
            self.log.append(request)

    def count_sent(self, path: str, n: int) -> None:
        with self._lock:
            self.sent_bytes[path] = self.sent_bytes.get(path, 0) + n


def _make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            request = Request(host, self.path, {k: v for k, v in self.headers.items()})
            site.record(request)
            handler = site.routes.get((host, self.path))
            if handler is None:
                reply = Reply(b"not here", 404, {"Content-Type": "text/plain"})
            else:
                reply = handler(request)
            if reply.delay:
                time.sleep(reply.delay)
            with suppress(BrokenPipeError, ConnectionResetError):
                self._send(reply)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if isinstance(reply.body, bytes):
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
                site.count_sent(self.path, len(reply.body))
                return
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            for chunk in reply.body:
                self.wfile.write(chunk)
                site.count_sent(self.path, len(chunk))

    return _Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that hang up early (caps, timeouts) are part of the tests


@contextmanager
def serve(tls: tuple[str, str] | None = None) -> Iterator[Site]:
    """Run a fixture server on a free loopback port; HTTPS with ``tls=(certfile, keyfile)``."""
    server = _QuietServer(("127.0.0.1", 0), _make_handler(Site(0)))
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    site = Site(server.server_address[1])
    server.RequestHandlerClass = _make_handler(site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
