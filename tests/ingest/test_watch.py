"""Watch mode: new feed items are picked up while it runs; SIGTERM stops it cleanly."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sites import Reply, Site, local_resolver, page, serve

from relaytrace.errors import InputError
from relaytrace.ingest.fetch import CrawlOptions
from relaytrace.ingest.watch import ValidatorCache, parse_every, read_feed_list, watch
from relaytrace.store import open_store

SRC = Path(__file__).resolve().parents[2] / "src"

PARAGRAPHS = [
    "The Sandholm lighthouse was relit on Saturday after two years of repairs.",
    "Keeper Mara Olsen told the Sandholm Post that 300 people watched from the pier.",
    "The lamp now runs on solar power, the harbour office said in a statement.",
]


class Feed:
    """A feed whose items the test adds while the watcher runs."""

    def __init__(self, site: Site, host: str) -> None:
        self.site, self.host, self.items = site, host, []
        self.lock = threading.Lock()
        site.handle(host, "/feed.xml", self.reply)

    def add(self, n: int) -> str:
        path = f"/news/{n}"
        text = page(f"Lighthouse story {n}", [f"{p} (part {n})" for p in PARAGRAPHS])
        self.site.add(self.host, path, text)
        with self.lock:
            self.items.append(self.site.url(self.host, path))
        return self.site.url(self.host, path)

    def reply(self, _request) -> Reply:
        with self.lock:
            items = "".join(f"<item><title>x</title><link>{u}</link></item>" for u in self.items)
        body = f'<rss version="2.0"><channel><title>Post</title>{items}</channel></rss>'
        return Reply(body.encode(), 200, {"Content-Type": "application/rss+xml"})


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def wait_for(lines: queue.Queue, needle: str, seen: list[str]) -> str:
    while True:
        line = lines.get(timeout=120)  # a guard against a hung child, not a timing assertion
        assert line is not None, f"watch ended before printing {needle!r}: {seen}"
        seen.append(line)
        if needle in line:
            return line


def test_watch_picks_up_a_new_item_and_stops_cleanly_on_sigterm(tmp_path: Path):
    db = tmp_path / "watch.db"
    with serve() as site:
        feed = Feed(site, "127.0.0.1")
        first = feed.add(1)
        feeds_file = tmp_path / "feeds.txt"
        feeds_file.write_text(f"# lighthouse news\n{site.url('127.0.0.1', '/feed.xml')}\n")
        env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
        command = [
            sys.executable, "-c", "from relaytrace.cli import main; main()",
            "watch", str(feeds_file), "--every", "1s", "--allow-private",
            "--min-delay", "0", "--no-match", "--db", str(db),
        ]  # fmt: skip
        child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=read_lines, args=(child.stdout, lines), daemon=True).start()
        seen: list[str] = []
        try:
            assert "1 new" in wait_for(lines, "poll 1 ", seen)
            second = feed.add(2)
            wait_for(lines, ": 1 new", seen)
            child.send_signal(signal.SIGTERM)
            code = child.wait(timeout=120)
        finally:
            if child.poll() is None:
                child.kill()
        wait_for(lines, "stopped (stop)", seen)

    assert code == 0
    with open_store(db) as store:
        assert store.count_articles() == 2
        assert store.get_article(first).title == "Lighthouse story 1"
        assert store.get_article(second).title == "Lighthouse story 2"


def test_watch_as_a_library_call_polls_and_reports(tmp_path: Path, store):
    with serve() as site:
        feed = Feed(site, "post.example")
        feed.add(1)
        polls: list[int] = []
        options = CrawlOptions(allow_private=True, min_delay=0)

        def on_poll(n, summary):
            polls.append(summary.ingest.added)
            if n == 1:
                feed.add(2)

        report = watch(
            store, [site.url("post.example", "/feed.xml")], options, every=0.0,
            match=False, on_poll=on_poll, max_polls=3, resolver=local_resolver,
        )  # fmt: skip

    assert polls == [1, 1, 0]
    assert report.added == 2
    assert report.stopped_by == "max_polls"
    assert report.polls[2].crawl.known == 2


def test_a_stop_set_before_the_first_poll_does_nothing(store):
    stop = threading.Event()
    stop.set()
    report = watch(store, ["http://post.example/feed.xml"], stop=stop)
    assert report.polls == ()


def test_intervals_and_feed_lists(tmp_path: Path):
    assert parse_every("10m") == 600
    assert parse_every("90") == 90
    assert parse_every("1.5h") == 5400
    for bad in ("soon", "0s", "-5m"):
        with pytest.raises(InputError):
            parse_every(bad)
    listing = tmp_path / "feeds.txt"
    listing.write_text("# wires\nhttps://a.example/rss\n\n  https://b.example/atom  # Atom\n")
    assert read_feed_list(listing) == ["https://a.example/rss", "https://b.example/atom"]


def test_watch_matches_what_it_ingests(tmp_path: Path):
    with serve() as site, open_store(tmp_path / "m.db") as store:
        feed = Feed(site, "post.example")
        feed.add(1)
        feed.add(2)  # the same story with a different tag: a copy
        options = CrawlOptions(allow_private=True, min_delay=0)

        report = watch(
            store, [site.url("post.example", "/feed.xml")], options, every=0.0,
            match=True, max_polls=1, resolver=local_resolver,
        )  # fmt: skip

        assert report.polls[0].ingest.added == 2
        assert report.polls[0].matched == 1
        assert len(list(store.relations())) == 1


def test_a_vanished_item_is_not_asked_for_again_every_poll(store):
    with serve() as site:
        feed = Feed(site, "post.example")
        feed.add(1)
        gone = site.url("post.example", "/news/gone")
        with feed.lock:
            feed.items.append(gone)
        options = CrawlOptions(allow_private=True, min_delay=0)

        report = watch(
            store, [site.url("post.example", "/feed.xml")], options, every=0.0,
            match=False, max_polls=3, validators=ValidatorCache(None), resolver=local_resolver,
        )  # fmt: skip

        assert len(site.requests_for("/news/gone")) == 1
    assert report.polls[0].crawl.rejected == {"http_error": 1}
    assert report.polls[2].crawl.known == 2


def test_robots_txt_is_asked_once_for_all_polls_until_it_expires(store):
    with serve() as site:
        feed = Feed(site, "post.example")
        feed.add(1)
        site.add(
            "post.example", "/robots.txt", "User-agent: *\nDisallow:\n", content_type="text/plain"
        )
        feeds = [site.url("post.example", "/feed.xml")]

        day_long = CrawlOptions(allow_private=True, min_delay=0)
        watch(store, feeds, day_long, every=0.0, match=False, max_polls=3, resolver=local_resolver)
        asked_with_a_day_ttl = len(site.requests_for("/robots.txt"))

        expiring = CrawlOptions(allow_private=True, min_delay=0, robots_ttl=0)
        watch(store, feeds, expiring, every=0.0, match=False, max_polls=3, resolver=local_resolver)
        asked_with_no_ttl = len(site.requests_for("/robots.txt")) - asked_with_a_day_ttl

    assert asked_with_a_day_ttl == 1
    assert asked_with_no_ttl >= 3  # once a poll at least: nothing kept


def test_a_redirected_item_is_fetched_once_in_a_session_without_a_validator_file(store):
    with serve() as site:
        feed = Feed(site, "post.example")
        target = feed.add(1)
        short = site.url("post.example", "/go/1")
        site.add("post.example", "/go/1", status=301, headers={"Location": target})
        with feed.lock:
            feed.items[:] = [short]  # the feed links a redirector, as feed proxies do
        options = CrawlOptions(allow_private=True, min_delay=0)

        report = watch(
            store, [site.url("post.example", "/feed.xml")], options, every=0.0,
            match=False, max_polls=3, resolver=local_resolver,
        )  # fmt: skip

        assert len(site.requests_for("/go/1")) == 1
        assert len(site.requests_for("/news/1")) == 1
    assert report.polls[0].ingest.added == 1
    assert [p.crawl.known for p in report.polls[1:]] == [1, 1]
    assert store.get_article(target) is not None
