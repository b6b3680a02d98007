"""extract(): one entry point over the three kinds of raw documents."""

from __future__ import annotations

import hashlib
import json
import pickle
import re
from collections import Counter
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


def test_binary_text_file_is_not_text() -> None:
    raw = RawDocument("x.txt", "text", b"\x00\x01PK\x03\x04" * 50, url="file:///x.txt")
    with pytest.raises(InputError) as err:
        extract(raw)
    assert err.value.code == "not_text"


from shared_paths import DEVSET  # noqa: E402


def _tokens(text: str) -> Counter[str]:
    return Counter(t.casefold() for t in re.findall(r"[\u3040-\u9fff]|\w+", text))


def _f1(pred: str, gold: str) -> float:
    p, g = _tokens(pred), _tokens(gold)
    common = sum((p & g).values())
    return 0.0 if not common else 2 * common / (sum(p.values()) + sum(g.values()))


@pytest.mark.skipif(not (DEVSET / "corpus.jsonl").exists(), reason="devset not available")
def test_devset_gate_every_fifth_page_meets_the_minimum_scores() -> None:
    """An evaluation gate: pages of the labelled devset against their JSONL records."""
    records = [json.loads(line) for line in (DEVSET / "corpus.jsonl").open(encoding="utf-8")]
    sample = records[::5]
    titles = f1s = 0.0
    for rec in sample:
        name = hashlib.sha256(rec["url"].encode()).hexdigest()[:16]
        page = (DEVSET / "html" / f"{name}.html").read_bytes()
        html_article = extract(RawDocument(name, "html", page, url=rec["url"]))
        record_article = extract(RawDocument(name, "record", rec))
        titles += html_article.title == record_article.title
        f1s += _f1(html_article.body, record_article.body)
    assert titles / len(sample) >= 0.98
    assert f1s / len(sample) >= 0.95
