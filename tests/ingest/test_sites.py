"""Sites: registered domains, offline."""

from __future__ import annotations

import pytest

from relaytrace.ingest.sites import host_of, norm_url, registered_domain, site_of


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.courier.co.uk/news/1", "courier.co.uk"),
        ("https://news.courier.com.au/x", "courier.com.au"),
        ("http://relaynow.example/2026/03/06/x/", "relaynow.example"),
        ("https://sub.relaynow.example/x", "relaynow.example"),
        ("http://norland-news.blogspot.com/2026/03/x.html", "norland-news.blogspot.com"),
        ("https://WWW.Courier.COM:8443/x", "courier.com"),
        ("http://127.0.0.1:8000/page", "127.0.0.1"),
        ("http://localhost:8000/page", "localhost"),
        ("courier.fr/politique/x", "courier.fr"),
    ],
)
def test_registered_domain(url: str, site: str) -> None:
    assert registered_domain(url) == site


@pytest.mark.parametrize("url", [None, "", "file:///tmp/a.txt", "not a url at all"])
def test_site_of_without_a_host_is_empty(url: str | None) -> None:
    assert site_of(url) == ""


def test_host_of_strips_www_and_port() -> None:
    assert host_of("https://www.relaynow.example:8080/a") == "relaynow.example"
    assert host_of("https://www.example/") == "www.example"


def test_urls_compare_without_scheme_www_trailing_slash_and_fragment() -> None:
    assert norm_url("https://www.Example.org/a/#top") == norm_url("http://example.org/a")
    assert norm_url(" relaynow.example/x ") == "relaynow.example/x"
