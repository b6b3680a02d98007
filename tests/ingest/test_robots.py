"""robots.txt rules as RFC 9309 wants them, with a recorded fetch function."""

from __future__ import annotations

from relaytrace.errors import FetchError
from relaytrace.ingest.robots import RobotsCache, parse_robots, robots_url

AGENT = "relaytrace/0.1.0 news-provenance-crawler"

RULES = b"""
User-agent: badbot
Disallow: /

User-agent: relaytrace
Disallow: /drafts/
Allow: /drafts/published/
Crawl-delay: 4

User-agent: *
Disallow: /search
"""


def fetcher(answers: dict[str, tuple[int, bytes]], calls: list[str]):
    def fetch(url: str) -> tuple[int, bytes]:
        calls.append(url)
        status, body = answers.get(url, (404, b""))
        if status == 0:
            raise FetchError(f"cannot connect to {url}", code="network_error")
        return status, body

    return fetch


def test_rules_for_our_agent_apply_and_are_fetched_once_per_host():
    calls: list[str] = []
    cache = RobotsCache(fetcher({"https://gazette.example/robots.txt": (200, RULES)}, calls), AGENT)

    assert not cache.allowed("https://gazette.example/drafts/x")
    assert cache.allowed("https://gazette.example/drafts/published/y")
    assert cache.allowed("https://gazette.example/news/1")
    assert cache.crawl_delay("https://gazette.example/news/1") == 4.0
    assert calls == ["https://gazette.example/robots.txt"]


def test_a_missing_robots_txt_allows_everything():
    cache = RobotsCache(fetcher({}, []), AGENT)
    assert cache.allowed("https://gazette.example/anything")
    assert cache.crawl_delay("https://gazette.example/anything") is None


def test_a_server_error_or_no_answer_disallows_everything():
    answers = {
        "https://down.example/robots.txt": (503, b""),
        "https://gone.example/robots.txt": (0, b""),
    }
    cache = RobotsCache(fetcher(answers, []), AGENT)
    assert not cache.allowed("https://down.example/news/1")
    assert not cache.allowed("https://gone.example/news/1")
    assert cache.rules("https://gone.example/news/1").error.code == "network_error"


def test_entries_expire_after_their_ttl():
    calls: list[str] = []
    cache = RobotsCache(fetcher({}, calls), AGENT, ttl=-1)
    cache.allowed("https://gazette.example/a")
    cache.allowed("https://gazette.example/b")
    assert len(calls) == 2


def test_robots_url_keeps_scheme_host_and_port():
    assert (
        robots_url("http://gazette.example:8080/a/b?c=1")
        == "http://gazette.example:8080/robots.txt"
    )


def test_wildcards_and_end_anchors():
    rules = parse_robots("User-agent: *\nDisallow: /*.pdf$\nDisallow: /tag/*/feed\n", AGENT)

    assert not rules.allowed("https://gazette.example/files/report.pdf")
    assert rules.allowed("https://gazette.example/files/report.pdf.html")
    assert not rules.allowed("https://gazette.example/tag/ports/feed")
    assert rules.allowed("https://gazette.example/tag/ports")


def test_an_agent_group_replaces_the_star_group():
    text = "User-agent: *\nDisallow: /\n\nUser-agent: RelayTrace\nDisallow: /private\n"
    rules = parse_robots(text, AGENT)

    assert rules.allowed("https://gazette.example/news")
    assert not rules.allowed("https://gazette.example/private/1")


def test_a_failed_fetch_closes_the_host_only_until_its_shorter_ttl():
    calls: list[str] = []
    answers = {
        "https://down.example/robots.txt": (503, b""),
        "https://up.example/robots.txt": (200, RULES),
    }
    cache = RobotsCache(fetcher(answers, calls), AGENT, ttl=24 * 3600, error_ttl=-1)

    for _ in range(2):
        cache.allowed("https://down.example/news/1")
        cache.allowed("https://up.example/news/1")

    assert calls.count("https://down.example/robots.txt") == 2  # asked again: it failed
    assert calls.count("https://up.example/robots.txt") == 1  # a good answer is kept
