"""The fetcher against real localhost sites: politeness, retries, caps, redirects, charsets."""

from __future__ import annotations

import gzip
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sites import Reply, Site, local_resolver, page, serve

from relaytrace.errors import FetchError, InputError
from relaytrace.ingest.fetch import CrawlOptions, Fetcher, parse_retry_after
from relaytrace.ingest.watch import ValidatorCache

FAST = CrawlOptions(
    allow_private=True,
    min_delay=0.0,
    retries=2,
    backoff=0.0,
    read_timeout=2.0,
    total_timeout=10.0,
    contact="desk@tester.example",
)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as s:
        yield s


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def fetcher(sleeps: list[float]) -> Iterator[Fetcher]:
    with Fetcher(FAST, resolver=local_resolver, sleep=sleeps.append) as f:
        yield f


def test_fetches_a_page_with_our_user_agent_and_the_host_name(site: Site, fetcher: Fetcher):
    site.add("news.example", "/a", page("Harbour reopens", ["The harbour of Lomvik reopened."]))

    result = fetcher.fetch(site.url("news.example", "/a"))

    assert result.status == "ok"
    assert b"Lomvik" in result.content
    assert result.charset == "utf-8"
    request = site.requests_for("/a")[0]
    assert request.host == "news.example"
    assert request.headers["User-Agent"].startswith("relaytrace/")
    assert "desk@tester.example" in request.headers["User-Agent"]


@pytest.mark.parametrize(
    ("charset", "declared", "text"),
    [
        ("cp1251", "windows-1251", "Мэр Ломвика открыл мост."),
        ("latin-1", "iso-8859-1", "Le maire de Lomvik a inauguré le pont."),
        ("utf-8", "iso-8859-1", "Der Bürgermeister von Lomvik eröffnete die Brücke."),  # lies
    ],
)
def test_passes_bytes_on_and_records_the_header_charset(
    site: Site, fetcher: Fetcher, charset: str, declared: str, text: str
):
    body = f"<html><body><p>{text}</p></body></html>".encode(charset)
    site.add("news.example", "/c", body, content_type=f"text/html; charset={declared}")

    result = fetcher.fetch(site.url("news.example", "/c"))

    assert result.content == body  # untouched: extraction detects the real encoding
    assert result.charset == declared


def test_robots_txt_forbids_a_path_which_is_never_requested(site: Site, fetcher: Fetcher):
    site.add(
        "news.example",
        "/robots.txt",
        "User-agent: *\nDisallow: /private/\n",
        content_type="text/plain",
    )
    site.add("news.example", "/private/x", page("Secret", ["Nobody should read this."]))
    site.add("news.example", "/open", page("Open", ["Anyone may read this page."]))

    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("news.example", "/private/x"))
    assert err.value.code == "robots_disallowed"
    assert fetcher.fetch(site.url("news.example", "/open")).status == "ok"
    assert site.requests_for("/private/x") == []
    assert len(site.requests_for("/robots.txt")) == 1  # cached per host


def test_unreachable_robots_txt_means_disallow_all(site: Site, fetcher: Fetcher):
    site.add("down.example", "/robots.txt", "oops", status=503, content_type="text/plain")
    site.add("down.example", "/a", page("A", ["Some text here."]))

    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("down.example", "/a"))
    assert err.value.code == "robots_disallowed"
    assert site.requests_for("/a") == []


def test_429_with_retry_after_is_retried_after_the_wait(
    site: Site, fetcher: Fetcher, sleeps: list[float]
):
    calls = itertools.count()

    def busy_then_ok(_request) -> Reply:
        if next(calls) == 0:
            return Reply(b"slow down", 429, {"Retry-After": "3", "Content-Type": "text/plain"})
        return Reply(
            page("Calm", ["The storm passed."]).encode(), 200, {"Content-Type": "text/html"}
        )

    site.handle("busy.example", "/a", busy_then_ok)

    result = fetcher.fetch(site.url("busy.example", "/a"))

    assert result.status == "ok"
    assert len(site.requests_for("/a")) == 2
    assert max(sleeps) > 2.5  # waited for Retry-After before asking again


def test_a_retry_after_longer_than_the_cap_gives_up(site: Site, sleeps: list[float]):
    site.add(
        "busy.example",
        "/a",
        "later",
        status=503,
        content_type="text/plain",
        headers={"Retry-After": "86400"},
    )
    options = CrawlOptions(allow_private=True, min_delay=0, max_retry_after=60)
    with (
        Fetcher(options, resolver=local_resolver, sleep=sleeps.append) as fetcher,
        pytest.raises(FetchError) as err,
    ):
        fetcher.fetch(site.url("busy.example", "/a"))
    assert err.value.code == "http_error"
    assert len(site.requests_for("/a")) == 1


def test_a_slow_host_times_out(site: Site):
    site.handle("slow.example", "/a", lambda _r: Reply(b"<html>late</html>", delay=2.0))
    options = CrawlOptions(allow_private=True, min_delay=0, read_timeout=0.3, retries=0)
    with Fetcher(options, resolver=local_resolver) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("slow.example", "/a"))
    assert err.value.code == "timeout"


def test_a_30_mb_page_is_cut_off_while_streaming(site: Site, fetcher: Fetcher):
    chunk = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"

    def huge(_request) -> Reply:
        return Reply((chunk for _ in range(30)), 200, {"Content-Type": "text/html"})

    site.handle("big.example", "/huge", huge)

    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("big.example", "/huge"))
    assert err.value.code == "too_large"
    assert site.sent_bytes.get("/huge", 0) < 20 * 1024 * 1024  # the client stopped reading


def test_a_declared_length_over_the_cap_is_refused_before_reading(site: Site):
    site.add("big.example", "/declared", b"<html>" + b"x" * 5000 + b"</html>")
    options = CrawlOptions(allow_private=True, min_delay=0, max_bytes=1000)
    with Fetcher(options, resolver=local_resolver) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("big.example", "/declared"))
    assert err.value.code == "too_large"


def test_redirects_are_followed_and_the_final_url_recorded(site: Site, fetcher: Fetcher):
    site.add("news.example", "/old", b"", status=301, headers={"Location": "/new"})
    site.add("news.example", "/new", page("Moved", ["This story moved to a new address."]))

    result = fetcher.fetch(site.url("news.example", "/old"))

    assert result.final_url == site.url("news.example", "/new")
    assert result.url == site.url("news.example", "/old")
    assert result.redirects == 1


def test_a_redirect_loop_ends_with_a_clear_error(site: Site, fetcher: Fetcher):
    site.add("loop.example", "/a", b"", status=302, headers={"Location": "/b"})
    site.add("loop.example", "/b", b"", status=302, headers={"Location": "/a"})

    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("loop.example", "/a"))
    assert err.value.code == "redirect_loop"


def test_too_many_redirects(site: Site):
    for n in range(10):
        site.add("hops.example", f"/{n}", b"", status=302, headers={"Location": f"/{n + 1}"})
    options = CrawlOptions(allow_private=True, min_delay=0, max_redirects=3)
    with Fetcher(options, resolver=local_resolver) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("hops.example", "/0"))
    assert err.value.code == "too_many_redirects"
    assert site.requests_for("/5") == []


def test_a_redirect_to_loopback_is_refused_without_allow_private(site: Site):
    # relay.example is exempt (an intranet mirror), so the first hop connects;
    # its redirect to 127.0.0.1 must be checked again and refused.
    site.add(
        "relay.example",
        "/go",
        b"",
        status=302,
        headers={"Location": f"http://127.0.0.1:{site.port}/admin"},
    )
    site.add("127.0.0.1", "/admin", page("Admin", ["Internal page."]))
    options = CrawlOptions(min_delay=0, allow_hosts=frozenset({"relay.example"}))
    with Fetcher(options, resolver=local_resolver) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("relay.example", "/go"))
    assert err.value.code == "blocked_address"
    assert site.requests_for("/admin") == []


def test_non_html_is_refused_for_pages(site: Site, fetcher: Fetcher):
    site.add("news.example", "/report.pdf", b"%PDF-1.7 ...", content_type="application/pdf")

    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("news.example", "/report.pdf"))
    assert err.value.code == "not_html"


def test_conditional_get_gives_not_modified(site: Site, fetcher: Fetcher):
    def validated(request) -> Reply:
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(b"", 304, {"ETag": '"v1"'})
        return Reply(
            page("Same", ["Nothing changed."]).encode(),
            200,
            {"Content-Type": "text/html", "ETag": '"v1"'},
        )

    site.handle("news.example", "/same", validated)
    first = fetcher.fetch(site.url("news.example", "/same"))
    second = fetcher.fetch(site.url("news.example", "/same"), etag=first.etag)

    assert (first.status, second.status) == ("ok", "not_modified")


def test_validator_cache_survives_a_restart(tmp_path):
    cache = ValidatorCache.beside(tmp_path / "corpus.db")
    cache.put("http://news.example/a", '"v1"', "Sun, 01 Mar 2026 10:00:00 GMT")
    cache.save()

    again = ValidatorCache.beside(tmp_path / "corpus.db")
    assert again.get("http://news.example/a") == ('"v1"', "Sun, 01 Mar 2026 10:00:00 GMT")
    assert again.get("http://news.example/b") == (None, None)


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Sun, 01 Mar 2026 10:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Sun, 01 Mar 2026 09:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon") is None


def make_certificates(tmp_path: Path, name: str) -> tuple[str, str, str]:
    """A throwaway CA and a certificate for ``name`` signed by it: (ca, cert, key) files."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def subject(cn: str):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(subject("relaytrace test CA"))
        .issuer_name(subject("relaytrace test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject(name))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    files = (tmp_path / "ca.pem", tmp_path / "cert.pem", tmp_path / "key.pem")
    files[0].write_bytes(ca.public_bytes(pem))
    files[1].write_bytes(cert.public_bytes(pem))
    files[2].write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(files[0]), str(files[1]), str(files[2])


def test_https_connects_to_the_pinned_address_and_verifies_the_name(tmp_path: Path):
    ca, cert, key = make_certificates(tmp_path, "secure.example")
    options = CrawlOptions(allow_private=True, min_delay=0, retries=0, ca_file=ca)
    with serve(tls=(cert, key)) as site, Fetcher(options, resolver=local_resolver) as fetcher:
        site.add("secure.example", "/a", page("Sealed", ["A page served over TLS."]))
        url = f"https://secure.example:{site.port}/a"

        assert b"Sealed" in fetcher.fetch(url).content
        assert site.requests_for("/a")[0].host == "secure.example"  # SNI and Host kept the name
        with pytest.raises(FetchError) as err:  # same address, a name the certificate lacks
            fetcher.fetch(f"https://impostor.example:{site.port}/a")
        assert err.value.code == "network_error"


def test_crawl_delay_spaces_requests_to_one_host(site: Site, fetcher: Fetcher, sleeps: list[float]):
    site.add(
        "calm.example", "/robots.txt", "User-agent: *\nCrawl-delay: 3\n", content_type="text/plain"
    )
    site.add("calm.example", "/1", page("One", ["First page."]))
    site.add("calm.example", "/2", page("Two", ["Second page."]))

    fetcher.fetch(site.url("calm.example", "/1"))
    fetcher.fetch(site.url("calm.example", "/2"))

    assert max(sleeps) > 2.5  # the second page waited for the host's Crawl-delay


def test_a_compressed_bomb_is_capped_on_the_decoded_size(site: Site, fetcher: Fetcher):
    bomb = gzip.compress(b"<html><body>" + b" " * (30 * 1024 * 1024), compresslevel=9)
    site.add("bomb.example", "/b", bomb, headers={"Content-Encoding": "gzip"})

    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("bomb.example", "/b"))

    assert len(bomb) < 100_000 and err.value.code == "too_large"


def test_idle_clients_beyond_the_cap_are_closed(site: Site, fetcher: Fetcher, monkeypatch):
    monkeypatch.setattr("relaytrace.ingest.fetch.MAX_OPEN_CLIENTS", 2)
    for n in range(5):
        site.add(f"host{n}.example", "/a", page(f"Host {n}", ["A page on its own host."]))
        fetcher.fetch(site.url(f"host{n}.example", "/a"))

    open_clients = [s for s in fetcher._hosts.values() if s.client is not None]
    assert len(open_clients) == 2


def test_validator_cache_keeps_the_most_recent_entries(tmp_path):
    cache = ValidatorCache(tmp_path / "v.json", max_entries=2)
    for n in range(3):
        cache.put(f"http://news.example/{n}", f'"v{n}"', None)

    assert "http://news.example/0" not in cache
    assert "http://news.example/2" in cache


@pytest.mark.parametrize("bad", [{"max_bytes": 0}, {"concurrency": 0}, {"min_delay": -1}])
def test_nonsense_options_are_refused(bad: dict):
    with pytest.raises(InputError) as err:
        CrawlOptions(**bad)
    assert err.value.code == "bad_option"


def test_a_timeout_is_retried_like_a_503(site: Site, sleeps: list[float]):
    calls = itertools.count()

    def slow_then_quick(_request) -> Reply:
        late = next(calls) == 0
        body = page("Tide tables", ["The Lomvik tide tables were printed again."]).encode()
        return Reply(body, 200, {"Content-Type": "text/html"}, delay=1.5 if late else 0.0)

    site.handle("tides.example", "/a", slow_then_quick)
    options = CrawlOptions(allow_private=True, min_delay=0, read_timeout=0.3, backoff=0.5)
    with Fetcher(options, resolver=local_resolver, sleep=sleeps.append) as fetcher:
        result = fetcher.fetch(site.url("tides.example", "/a"))

    assert result.status == "ok"
    assert len(site.requests_for("/a")) == 2
    assert max(sleeps) >= 0.5  # the host waited the backoff before asking again


def test_a_host_that_always_times_out_gives_up_after_the_retries(site: Site):
    site.handle("slow.example", "/a", lambda _r: Reply(b"<html>late</html>", delay=1.0))
    options = CrawlOptions(allow_private=True, min_delay=0, read_timeout=0.2, retries=1, backoff=0)
    with Fetcher(options, resolver=local_resolver) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("slow.example", "/a"))
    assert err.value.code == "timeout"
    assert len(site.requests_for("/a")) == 2
