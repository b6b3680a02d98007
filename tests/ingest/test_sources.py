"""Sources: files, directories, JSONL and stdin become raw documents or rejections."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from relaytrace.ingest.sources import decode_text, estimate_items, iter_sources, looks_binary
from relaytrace.model import RawDocument, Rejection

PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Ferry resumes</title></head>"
    "<body><article><p>The ferry to Brindle Isle resumes on Friday.</p></article></body></html>"
)


def docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def rejections(items):
    return {(Path(r.origin).name, r.reason) for r in items if isinstance(r, Rejection)}


def test_html_file_keeps_bytes_and_a_fallback_file_url(tmp_path: Path):
    page = tmp_path / "ferry.html"
    page.write_text(PAGE, encoding="utf-8")
    [doc] = list(iter_sources([str(page)]))
    assert doc.kind == "html"
    assert doc.content == PAGE.encode()
    assert doc.url is None  # the page names its own URL; the file URL is a fallback
    assert doc.meta["fallback_url"] == page.resolve().as_uri()
    assert doc.key.startswith(str(page.resolve()))


def test_key_changes_with_content_not_with_rereading(tmp_path: Path):
    page = tmp_path / "ferry.html"
    page.write_text(PAGE, encoding="utf-8")
    [first] = list(iter_sources([str(page)]))
    [again] = list(iter_sources([str(page)]))
    page.write_text(PAGE.replace("Friday", "Sunday"), encoding="utf-8")
    [changed] = list(iter_sources([str(page)]))
    assert first.key == again.key != changed.key


def test_text_file_in_utf8_cp1251_and_latin1(tmp_path: Path):
    ru = "Паром на остров Бриндл снова ходит с пятницы, сообщил капитан Олег Ветров."
    fr = "Le traversier reprend vendredi, a déclaré la capitaine Élise Marchand à Brindle."
    (tmp_path / "a.txt").write_text(ru, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(ru.encode("cp1251"))
    (tmp_path / "c.txt").write_bytes(fr.encode("latin-1"))
    a, b, c = docs(iter_sources([str(tmp_path)]))
    assert (a.content, a.meta["encoding"]) == (ru, "utf-8")
    assert (b.content, b.meta["encoding"]) == (ru, "cp1251")
    assert c.content == fr and c.meta["encoding"] in ("cp1252", "latin-1")
    assert a.kind == "text" and a.url.startswith("file://")


def test_html_without_charset_in_a_legacy_encoding_is_decoded(tmp_path: Path):
    body = "<html><body><p>Паром на остров Бриндл снова ходит, сообщил капитан.</p></body></html>"
    page = tmp_path / "ru.html"
    page.write_bytes(body.encode("cp1251"))
    [doc] = list(iter_sources([str(page)]))
    assert doc.content == body


def test_directory_is_walked_sorted_skipping_hidden_and_unknown(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(PAGE)
    (tmp_path / "a.txt").write_text("A short note about the ferry to Brindle Isle.")
    (tmp_path / ".hidden.html").write_text(PAGE)
    (tmp_path / "style.css").write_text("body { color: red }")
    items = list(iter_sources([str(tmp_path)]))
    assert [Path(d.origin).name for d in items] == ["a.txt", "b.html"]
    assert estimate_items([str(tmp_path)]) == 2


def test_jsonl_lines_become_records_or_rejections(tmp_path: Path):
    lines = [
        json.dumps({"url": "https://brindle-post.example/1", "title": "Ferry", "text": "Resumes."}),
        "",
        "{not json",
        json.dumps({"title": "No address"}),
        json.dumps(["a", "list"]),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n")
    items = list(iter_sources([str(feed)]))
    [record] = docs(items)
    assert record.kind == "record" and record.url == "https://brindle-post.example/1"
    assert record.origin.endswith("feed.jsonl:1")
    assert [(r.origin.rsplit(":", 1)[1], r.reason) for r in items[1:]] == [
        ("3", "bad_json"),
        ("4", "missing_url"),
        ("5", "bad_json"),
    ]
    assert estimate_items([str(feed)]) == 5


def test_bad_files_are_rejected_with_reasons(tmp_path: Path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "junk.html").write_bytes(os.urandom(900) + b"\x00")
    (tmp_path / "big.html").write_bytes(b"<html>" + b"x" * 2000)
    (tmp_path / "gone.html").symlink_to(tmp_path / "missing.html")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(iter_sources([str(tmp_path)], max_bytes=1000))
    assert rejections(items) == {
        ("big.html", "too_large"),
        ("empty.html", "empty"),
        ("gone.html", "unreadable"),
        ("junk.html", "not_html"),
        ("pipe.txt", "unreadable"),
    }


def test_missing_path_is_rejected(tmp_path: Path):
    [item] = list(iter_sources([str(tmp_path / "nope.html")]))
    assert item.reason == "unreadable"


@pytest.mark.parametrize(
    ("data", "url", "expected"),
    [
        (PAGE.encode(), None, "html"),
        (b'{"url": "https://brindle-post.example/2", "text": "x"}\n', None, "record"),
        (b"A pasted text about the ferry.", "https://brindle-post.example/3", "text"),
        (b"A pasted text about the ferry.", None, "missing_url"),
        (b"  \n", None, "empty"),
    ],
)
def test_stdin_is_sniffed(data: bytes, url: str | None, expected: str):
    [item] = list(iter_sources(["-"], stdin_url=url, stdin=io.BytesIO(data)))
    assert (item.kind if isinstance(item, RawDocument) else item.reason) == expected


def test_decode_text_gives_up_only_on_binary():
    assert looks_binary(b"\x00\x01\x02 binary")
    assert not looks_binary("Grüße aus Brindle".encode("utf-16"))
    assert decode_text("Grüße aus Brindle".encode("cp1252")) == ("Grüße aus Brindle", "cp1252")


def test_gzipped_jsonl_and_a_truncated_one(tmp_path: Path):
    lines = [
        json.dumps({"url": f"https://brindle-post.example/{i}", "text": "Ferry news."})
        for i in range(200)
    ]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    (tmp_path / "a.jsonl.gz").write_bytes(data)
    (tmp_path / "b.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(iter_sources([str(tmp_path)]))
    whole = [d for d in docs(items) if "a.jsonl.gz" in d.origin]
    partial = [d for d in docs(items) if "b.jsonl.gz" in d.origin]
    assert len(whole) == 200 and 0 < len(partial) < 200
    [broken] = [r for r in items if isinstance(r, Rejection)]
    assert broken.reason == "unreadable" and "b.jsonl.gz" in broken.origin
    assert estimate_items([str(tmp_path / "a.jsonl.gz")]) == 200


def test_warc_archives_are_read_through_the_warc_reader(tmp_path: Path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "crawl" / "pages.warc.gz"
    archive.parent.mkdir()
    with archive.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "https://brindle-post.example/ferry",
            "response",
            payload=io.BytesIO(PAGE.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    [doc] = list(iter_sources([str(tmp_path / "crawl")]))
    assert (doc.kind, doc.url) == ("html", "https://brindle-post.example/ferry")
    assert doc.key and estimate_items([str(archive)]) is None
