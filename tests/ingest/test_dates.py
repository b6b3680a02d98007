"""Publication dates: every value aware, with its source and precision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import html

from relaytrace.ingest.dates import (
    PublishedDate,
    choose_published,
    date_from_jsonld,
    date_from_meta,
    date_from_text,
    date_from_url,
    parse_date,
    settle_zone,
)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2026-05-08T07:15:00Z", datetime(2026, 5, 8, 7, 15, tzinfo=UTC), "minute"),
        ("2026-05-08T09:15:00+02:00", datetime(2026, 5, 8, 7, 15, tzinfo=UTC), "minute"),
        ("2026-05-08 07:15", datetime(2026, 5, 8, 7, 15, tzinfo=UTC), "minute"),
        ("2026-05-08", datetime(2026, 5, 8, tzinfo=UTC), "day"),
        ("Fri, 08 May 2026 07:15:00 GMT", datetime(2026, 5, 8, 7, 15, tzinfo=UTC), "minute"),
        ("08.05.2026 07:15", datetime(2026, 5, 8, 7, 15, tzinfo=UTC), "minute"),
        ("08.05.2026", datetime(2026, 5, 8, tzinfo=UTC), "day"),
        ("2026年5月8日 7:15", datetime(2026, 5, 8, 7, 15, tzinfo=UTC), "minute"),
    ],
)
def test_parse_date_is_aware_and_knows_its_precision(text, expected, precision) -> None:
    value, found_precision = parse_date(text)
    assert value == expected and value.tzinfo is not None
    assert found_precision == precision


def test_offsets_are_kept() -> None:
    value, _ = parse_date("2026-05-08T09:15:00+02:00")
    assert value.utcoffset() == timedelta(hours=2)
    assert value.tzinfo == timezone(timedelta(hours=2))


@pytest.mark.parametrize("text", ["", "yesterday", "1850-01-01", "2026-13-45", "99.99.2026"])
def test_unreadable_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://a.example/world/2026/01/19/story/", datetime(2026, 1, 19, tzinfo=UTC)),
        ("https://a.example/depeches/2026-08-11/story", datetime(2026, 8, 11, tzinfo=UTC)),
        ("https://a.example/article/20260121/kj-88.html", datetime(2026, 1, 21, tzinfo=UTC)),
        ("https://a.example/politik/story-id55309127.html", None),
        ("https://a.example/2026/99/99/nope", None),
    ],
)
def test_dates_from_url_paths(url: str, day: datetime | None) -> None:
    found = date_from_url(url)
    if day is None:
        assert found is None
    else:
        assert found == PublishedDate(day, "url", "day")


def test_date_from_meta_reads_article_published_time_and_time_elements() -> None:
    tree = html.fromstring(
        '<html><head><meta property="article:published_time" content="2026-02-24T09:30:00Z">'
        "</head><body><p>x</p></body></html>"
    )
    assert date_from_meta(tree) == PublishedDate(
        datetime(2026, 2, 24, 9, 30, tzinfo=UTC), "meta", "minute"
    )
    tree = html.fromstring('<html><body><time datetime="2026-02-24">24 Feb</time></body></html>')
    found = date_from_meta(tree)
    assert found is not None and found.precision == "day"


def test_date_from_jsonld_walks_graphs() -> None:
    data = [{"@graph": [{"@type": "WebPage"}, {"datePublished": "2026-07-01T16:45:00Z"}]}]
    found = date_from_jsonld(data)
    assert found is not None and found.source == "jsonld"
    assert found.value == datetime(2026, 7, 1, 16, 45, tzinfo=UTC)


def test_date_from_text_reads_a_dateline() -> None:
    found = date_from_text("2026-10-06 03:30")
    assert found is not None and (found.source, found.precision) == ("text", "minute")


def test_choose_published_prefers_a_minute_of_the_same_day() -> None:
    day = PublishedDate(datetime(2026, 1, 19, tzinfo=UTC), "url", "day")
    minute = PublishedDate(datetime(2026, 1, 19, 8, 30, tzinfo=UTC), "text", "minute")
    other_day = PublishedDate(datetime(2026, 3, 1, 8, 30, tzinfo=UTC), "text", "minute")

    assert choose_published([day, minute]) == minute
    assert choose_published([day, other_day]) == day
    assert choose_published([None, minute, day]) == minute
    assert choose_published([None, None]) is None


def test_a_time_without_offset_is_marked_unzoned() -> None:
    found = date_from_text("2024年02月08日 19:05")
    assert found is not None and found.precision == "minute" and not found.zoned
    assert date_from_text("2024-02-08T19:05:00+08:00").zoned


def test_an_unzoned_time_takes_the_offset_the_page_declares_elsewhere() -> None:
    local = date_from_text("2024年02月08日 19:05")
    modified = date_from_text("2024-02-08T20:00:00+08:00")
    assert local is not None
    settled = settle_zone(local, [None, modified])
    assert settled.value.astimezone(UTC) == datetime(2024, 2, 8, 11, 5, tzinfo=UTC)
    assert settled.zoned


def test_an_unzoned_time_with_no_declared_offset_keeps_its_wall_clock_minute() -> None:
    local = date_from_text("12.03.2024 14:05")
    assert local is not None
    settled = settle_zone(local, [local, date_from_url("https://a.example/2024/03/12/x")])
    assert settled.value == datetime(2024, 3, 12, 14, 5, tzinfo=UTC)
    assert settled.precision == "minute" and not settled.zoned
