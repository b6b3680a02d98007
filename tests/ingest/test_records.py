"""JSONL records: ready fields with text, or with a page to extract."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from relaytrace.errors import ExtractionError, InputError
from relaytrace.ingest.records import article_from_record

TEXT = (
    "Relay Now | News\n\n"
    "VELDHAVEN, 6 March (Norland Wire) – Harbour pilots returned to work on Friday.\n\n"
    "The strike had left forty ships at anchor outside the breakwater.\n\n"
    "Read also: Ferry fares rise again in Norland\n\n"
    "The port authority will pay for the extra crews with higher dues.\n\n"
    "Source link"
)


def test_text_record_removes_cue_lines_like_the_text_path() -> None:
    article = article_from_record(
        {
            "url": "https://relaynow.example/2026/03/06/pilots/",
            "site_name": "Relay Now",
            "title": "Harbour pilots end strike — Norland Wire",
            "published": "2026-03-06T09:40:00Z",
            "lang": "en",
            "text": TEXT,
        }
    )

    assert article.title == "Harbour pilots end strike"
    assert article.site == "relaynow.example" and article.site_name == "Relay Now"
    assert article.published == datetime(2026, 3, 6, 9, 40, tzinfo=UTC)
    assert article.published_source == "given" and article.lang == "en"
    assert article.paragraphs == (
        "VELDHAVEN, 6 March – Harbour pilots returned to work on Friday.",
        "The strike had left forty ships at anchor outside the breakwater.",
        "The port authority will pay for the extra crews with higher dues.",
    )
    kinds = [c.kind for c in article.cues]
    assert kinds == ["title_suffix", "banner", "credit", "teaser", "source_line"]


def test_record_without_title_takes_the_first_block() -> None:
    article = article_from_record(
        {"url": "https://x.example/a", "text": "A title\n\nA paragraph of text.\n\nAnother one."}
    )
    assert article.title == "A title"
    assert article.paragraphs == ("A paragraph of text.", "Another one.")


def test_html_record_is_extracted_and_record_fields_win() -> None:
    page = (
        "<html><head><title>Pilots end strike | Relay Now</title>"
        '<meta property="article:published_time" content="2026-03-06T09:40:00Z"></head>'
        "<body><article><h1>Pilots end strike</h1>"
        "<p>Harbour pilots in Veldhaven returned to work on Friday after a deal on crews.</p>"
        "<p>The strike had left forty ships waiting at anchor outside the breakwater.</p>"
        "</article></body></html>"
    )
    article = article_from_record(
        {
            "url": "https://relaynow.example/p/1",
            "html": page,
            "title": "Pilots end three-day strike — Norland Wire",
            "site_name": "Relay Now Europe",
            "published": "2026-03-06",
        }
    )

    assert article.url == "https://relaynow.example/p/1"
    assert article.title == "Pilots end three-day strike"
    assert [c.outlet for c in article.cues_of("title_suffix")] == ["Norland Wire"]
    assert article.site_name == "Relay Now Europe"
    assert article.published_precision == "day" and article.published_source == "given"
    assert len(article.paragraphs) == 2


@pytest.mark.parametrize(
    ("record", "code"),
    [
        ({"text": "Title\n\nBody."}, "missing_url"),
        ({"url": "  ", "text": "Title\n\nBody."}, "missing_url"),
        ({"url": "https://x.example/a", "title": "T"}, "missing_text"),
        ({"url": "https://x.example/a", "text": "   "}, "missing_text"),
        ({"url": "https://x.example/a", "text": 42}, "bad_input"),
        ({"url": "https://x.example/a", "text": "T\n\nB.", "published": "soon"}, "bad_date"),
        (["not", "a", "dict"], "bad_record"),
    ],
)
def test_bad_records_raise_input_errors_with_codes(record: object, code: str) -> None:
    with pytest.raises(InputError) as err:
        article_from_record(record)  # type: ignore[arg-type]
    assert err.value.code == code


def test_record_with_only_cue_lines_is_no_article() -> None:
    with pytest.raises(ExtractionError) as err:
        article_from_record({"url": "https://x.example/a", "title": "T", "text": "Source link"})
    assert err.value.code == "no_article"


def test_a_banner_shaped_site_name_is_reported_as_the_banner() -> None:
    article = article_from_record(
        {
            "url": "https://relaynow.example/2026/03/06/pilots/",
            "site_name": "Relay Now | World 24",
            "title": "Harbour pilots end strike",
            "text": "Harbour pilots returned to work on Friday after a three-day strike.",
        }
    )

    [banner] = article.cues_of("banner")
    assert (banner.text, banner.outlet) == ("Relay Now | World 24", "Relay Now")
    assert article.site_name == "Relay Now | World 24"


def test_a_standfirst_under_the_banner_becomes_the_subtitle_and_the_dateline_is_read() -> None:
    article = article_from_record(
        {
            "url": "https://relaynow.example/2026/03/17/ferry/",
            "title": "Ferry runs aground off Tarnö",
            "text": (
                "Relay Now | World 24\n\n"
                "All passengers rescued, crossing suspended until Friday\n\n"
                "Tarnhavn (Vessland Wire) – The ferry Gullvik ran aground in fog.\n\n"
                "All 212 passengers were taken off by lifeboats within three hours.\n\n"
                "The crossing is suspended until Friday."
            ),
        }
    )

    assert article.subtitle == "All passengers rescued, crossing suspended until Friday"
    assert article.paragraphs[0] == "Tarnhavn – The ferry Gullvik ran aground in fog."
    assert [c.outlet for c in article.cues_of("credit")] == ["Vessland Wire"]
    assert [c.text for c in article.cues_of("banner")] == ["Relay Now | World 24"]
