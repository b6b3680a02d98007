"""extract(): one entry point over the three kinds of raw documents."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime

import pytest

from relaytrace.errors import InputError
from relaytrace.ingest.extract import extract
from relaytrace.model import RawDocument

PAGE = (
    "<html><head><title>Pilots end strike</title></head><body><article><h1>Pilots end strike</h1>"
    "<p>Harbour pilots in Veldhaven returned to work on Friday after a deal on crews.</p>"
    "<p>The strike had left forty ships waiting at anchor outside the breakwater.</p>"
    "</article></body></html>"
)
FETCHED = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)


def test_html_document() -> None:
    raw = RawDocument("crawl:1", "html", PAGE.encode(), url="https://x.example/a", fetched=FETCHED)
    article = extract(raw)
    assert article.title == "Pilots end strike" and article.fetched == FETCHED
    assert article.sentences == ()


def test_text_document_as_bytes_with_meta_hints() -> None:
    text = "Pilots end strike\n\nHarbour pilots returned to work on Friday.\n\nSource: Norland Wire"
    raw = RawDocument(
        "notes/pilots.txt",
        "text",
        text.encode("utf-8"),
        url="file:///notes/pilots.txt",
        meta={"site_name": "Desk notes"},
    )
    article = extract(raw)
    assert article.site_name == "Desk notes"
    assert [c.outlet for c in article.cues_of("source_line")] == ["Norland Wire"]


def test_record_document_takes_the_url_of_the_raw_document() -> None:
    raw = RawDocument(
        "in.jsonl:3", "record", {"title": "T", "text": "A paragraph."}, url="https://x.example/r"
    )
    assert extract(raw).url == "https://x.example/r"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (RawDocument("a", "html", b"\x00\x01\x02" * 100, url="https://x.example/"), "not_html"),
        (RawDocument("b", "text", "Title\n\nBody."), "missing_url"),
        (RawDocument("c", "record", "not a dict"), "bad_record"),
        (RawDocument("d", "html", {"a": 1}, url="https://x.example/"), "not_html"),
    ],
)
def test_bad_documents_raise_coded_input_errors(raw: RawDocument, code: str) -> None:
    with pytest.raises(InputError) as err:
        extract(raw)
    assert err.value.code == code


def test_extract_pickles_for_worker_processes() -> None:
    assert pickle.loads(pickle.dumps(extract)) is extract


def test_charset_from_the_http_header_is_used_for_pages() -> None:
    page = PAGE.replace("Pilots end strike", "Lotsen beenden Streik in Güstrow")
    raw = RawDocument(
        "crawl:2",
        "html",
        page.encode("cp1252"),
        url="https://x.example/b",
        meta={"charset": "windows-1252"},
    )
    assert extract(raw).title == "Lotsen beenden Streik in Güstrow"
