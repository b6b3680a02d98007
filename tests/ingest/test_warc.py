"""Reading WARC archives: HTML pages become documents, everything else a counted rejection."""

from __future__ import annotations

import gzip
from collections import Counter
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from sites import page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from relaytrace.ingest.pipeline import ingest
from relaytrace.ingest.warc import is_html, iter_warc
from relaytrace.model import RawDocument, Rejection

PARAGRAPHS = [
    "The ferry between Lomvik and Sandholm resumed service on Friday after a week of ice.",
    "Captain Ivo Brandt told the Sandholm Post that 212 passengers crossed on the first day.",
    "The operator said a second vessel would join the route by the end of the month.",
]


def article(n: int) -> bytes:
    title = f"Ferry service {n} resumes between Lomvik and Sandholm"
    paragraphs = [f"{p} (report {n})" for p in PARAGRAPHS]
    return page(title, paragraphs, published=f"2026-02-{n + 10:02d}T08:00:00+00:00").encode()


def response(writer: WARCWriter, url: str, body: bytes, ctype: str | None, date: str) -> None:
    headers = [("Content-Type", ctype)] if ctype else []
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def write_warc(path: Path) -> list[bytes]:
    """Three pages, a PDF, an exact duplicate, a revisit, a corrupt member, a cut-off end."""
    members: list[bytes] = []

    def member(write) -> None:
        buffer = BytesIO()
        write(WARCWriter(buffer, gzip=True))
        members.append(buffer.getvalue())

    base = "http://sandholm-post.example/news"
    member(
        lambda w: response(
            w, f"{base}/1", article(1), "text/html; charset=utf-8", "2026-02-11T09:00:00Z"
        )
    )
    member(
        lambda w: response(
            w, f"{base}/report.pdf", b"%PDF-1.7 ...", "application/pdf", "2026-02-11T09:01:00Z"
        )
    )
    member(lambda w: response(w, f"{base}/2", article(2), None, "2026-02-12T09:00:00Z"))
    member(
        lambda w: response(w, f"{base}/2-again", article(2), "text/html", "2026-02-12T09:05:00Z")
    )
    member(
        lambda w: w.write_record(
            w.create_revisit_record(f"{base}/1", "sha1:AAAA", f"{base}/1", "2026-02-11T09:00:00Z")
        )
    )
    corrupt = bytearray(members[0])
    corrupt[40:80] = b"\xff" * 40
    members.append(bytes(corrupt))
    member(lambda w: response(w, f"{base}/3", article(3), "text/html", "2026-02-13T10:00:00Z"))
    member(lambda w: response(w, f"{base}/4", article(4), "text/html", "2026-02-14T10:00:00Z"))
    data = b"".join(members)
    path.write_bytes(data[:-40])  # the last member is cut off mid-way
    return members


def test_iter_warc_yields_pages_and_counts_the_rest(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)

    items = list(iter_warc(path))

    docs = [i for i in items if isinstance(i, RawDocument)]
    reasons = Counter(i.reason for i in items if isinstance(i, Rejection))
    assert [d.url for d in docs] == [
        "http://sandholm-post.example/news/1",
        "http://sandholm-post.example/news/2",  # no Content-Type: sniffed as HTML
        "http://sandholm-post.example/news/3",
    ]
    assert reasons == {"not_html": 1, "duplicate": 2, "corrupt_record": 2}
    first = docs[0]
    assert first.fetched == datetime(2026, 2, 11, 9, 0, tzinfo=UTC)
    assert first.key and first.key.startswith("<urn:uuid:")
    assert first.meta["charset"] == "utf-8"
    assert first.kind == "html" and b"Ferry service 1" in first.content


def test_a_warc_ingests_into_the_store_and_a_rerun_skips_it(tmp_path: Path, store):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)

    report = ingest(store, iter_warc(path))

    assert report.added == 3
    assert report.rejected == {"duplicate": 2, "corrupt_record": 2, "not_html": 1}
    stored = store.get_article("http://sandholm-post.example/news/2")
    assert stored.fetched == datetime(2026, 2, 12, 9, 0, tzinfo=UTC)  # WARC-Date
    assert stored.published == datetime(2026, 2, 12, 8, 0, tzinfo=UTC)  # the page's own date
    assert stored.title == "Ferry service 2 resumes between Lomvik and Sandholm"

    again = ingest(store, iter_warc(path))
    assert (again.added, again.skipped) == (0, 3)


def test_an_uncompressed_warc_with_garbage_in_the_middle_reads_on(tmp_path: Path):
    members = write_warc(tmp_path / "crawl.warc.gz")
    plain = (
        gzip.decompress(members[0])
        + b"this line is no WARC record\r\n"
        + gzip.decompress(members[-1])
    )
    path = tmp_path / "plain.warc"
    path.write_bytes(plain)

    items = list(iter_warc(path))

    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejection", "RawDocument"]
    assert items[1].reason == "corrupt_record"
    assert items[2].url == "http://sandholm-post.example/news/4"


def test_an_oversized_payload_is_rejected(tmp_path: Path):
    path = tmp_path / "big.warc.gz"
    with path.open("wb") as fh:
        response(
            WARCWriter(fh, gzip=True),
            "http://big.example/",
            b"<html>" + b"x" * 5000,
            "text/html",
            "2026-02-11T09:00:00Z",
        )

    assert [i.reason for i in iter_warc(path, max_bytes=1000)] == ["too_large"]


def test_an_empty_or_missing_file(tmp_path: Path):
    (tmp_path / "empty.warc").write_bytes(b"")
    assert list(iter_warc(tmp_path / "empty.warc")) == []
    assert [i.reason for i in iter_warc(tmp_path / "missing.warc.gz")] == ["unreadable"]


def test_html_is_told_by_type_or_sniffed():
    assert is_html("text/html; charset=utf-8", b"")
    assert is_html("application/xhtml+xml", b"")
    assert is_html(None, b"\n  <!DOCTYPE html><html>")
    assert is_html("application/octet-stream", b"<html><body>")
    assert not is_html("application/pdf", b"<html>")
    assert not is_html(None, b"%PDF-1.7")


def test_redirects_errors_and_non_web_records(tmp_path: Path):
    path = tmp_path / "mixed.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for status, url in (
            ("301 Moved", "http://a.example/old"),
            ("404 Not Found", "http://a.example/x"),
        ):
            http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=BytesIO(b"<html></html>"), http_headers=http
                )
            )
        dns = writer.create_warc_record(
            "dns:a.example",
            "resource",
            payload=BytesIO(b"a.example. 300 IN A 192.0.2.1"),
            warc_content_type="text/dns",
        )
        writer.write_record(dns)

    assert [i.reason for i in iter_warc(path)] == ["redirect", "http_error"]
