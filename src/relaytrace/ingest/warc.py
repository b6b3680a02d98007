"""Read HTML pages out of WARC archives (plain, gzip, zstd or lz4) with FastWARC.

One ``RawDocument`` per HTML response record: ``url`` is the WARC-Target-URI,
``fetched`` the WARC-Date (when the crawler saw the page; the page's own date
is found by extraction), ``key`` the WARC-Record-ID so a rerun skips records
already stored. Everything else that is a page-like record becomes a counted
``Rejection``:

- ``not_html``       the HTTP payload is not HTML (Content-Type, or sniffed when missing)
- ``redirect``, ``http_error``  a 3xx, or a 4xx/5xx, response
- ``duplicate``      a revisit record, or a payload digest already seen in this archive
- ``too_large``      the payload passes ``max_bytes``
- ``corrupt_record`` unreadable headers, a bad gzip member, a truncated payload

Requests, warcinfo and metadata records, and records of non-web URIs (dns:),
are not items and are passed over.
A corrupt region does not end the reading: the reader resynchronises on the
next gzip member (or ``WARC/1.x`` line in an uncompressed file) and goes on, so
a truncated member at the end never loses the records before it. (zstd and
lz4 archives are read too, but reading stops at their first corrupt frame.)

FastWARC was measured against warcio on the benchmark archive (see
``benchmarks/warc_throughput.py``): about 1.5× faster over gzipped records,
and reading is a small share of ingest time either way (extraction dominates).
"""

from __future__ import annotations

import gzip
import mmap
import os
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from relaytrace.model import RawDocument, Rejection

__all__ = ["DEFAULT_MAX_BYTES", "is_html", "iter_warc"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Payloads above this many bytes are rejected as ``too_large``; no news page is that big."""

_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")
_GENERIC_TYPES = (
    "",
    "application/octet-stream",
    "binary/octet-stream",
    "unknown/unknown",
    "text/plain",
)
_SNIFF_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<title",
    b"<div",
    b"<p>",
)
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGICS = (b"WARC/1.0\r\n", b"WARC/1.1\r\n")
_RECORD_TYPES = WarcRecordType.response | WarcRecordType.revisit | WarcRecordType.resource


def is_html(content_type: str | None, head: bytes) -> bool:
    """Whether a payload is HTML: by declared type, or sniffed when the type says nothing."""
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if ctype.startswith(_HTML_TYPES):
        return True
    if ctype not in _GENERIC_TYPES:
        return False
    sniff = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(marker in sniff for marker in _SNIFF_MARKERS)


def iter_warc(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Rejection]:
    """Yield a ``RawDocument`` per HTML response in a WARC file, a ``Rejection`` per bad record."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Rejection(str(path), "unreadable", f"cannot read {path}: {exc.strerror or exc}")
        return
    if size == 0:
        return
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        magics = (_GZIP_MAGIC,) if mm[:3] == _GZIP_MAGIC else _WARC_MAGICS
        yield from _read_from(fh, mm, path, magics, max_bytes)


def _read_from(
    fh, mm: mmap.mmap, path: Path, magics: tuple[bytes, ...], max_bytes: int
) -> Iterator[RawDocument | Rejection]:
    """Read records from offset 0, resynchronising after every corrupt region."""
    seen_digests: set[str] = set()
    start: int | None = 0
    in_corrupt_region = False
    while start is not None and start < len(mm):
        last = start
        fh.seek(start)
        iterator = ArchiveIterator(
            fh,
            record_types=_RECORD_TYPES,
            parse_http=True,
            auto_decode="all",
            fsspec_args=False,
        )
        try:
            for record in iterator:
                last = start + record.stream_pos
                item = _convert(record, f"{path}@{last}", seen_digests, max_bytes)
                if item is None:
                    continue
                in_corrupt_region = isinstance(item, Rejection) and item.reason == "corrupt_record"
                yield item
        except (OSError, ValueError) as exc:
            if not in_corrupt_region:  # one rejection per corrupt region
                in_corrupt_region = True
                message = f"unreadable WARC data after offset {last}: {exc}"
                yield Rejection(f"{path}@{last}", "corrupt_record", message)
            start = _next_magic(mm, magics, last + 1)
            continue
        return


def _next_magic(mm: mmap.mmap, magics: tuple[bytes, ...], offset: int) -> int | None:
    """The next offset where a record (gzip member or WARC header) may begin."""
    found = [pos for pos in (mm.find(m, offset) for m in magics) if pos >= 0]
    return min(found) if found else None


def _convert(record, origin: str, seen: set[str], max_bytes: int) -> RawDocument | Rejection | None:
    """The item a record makes, or None when it is not a web page at all (dns:, ftp: …)."""
    headers = record.headers
    record_id = headers.get("WARC-Record-ID")
    url = headers.get("WARC-Target-URI")
    if not record_id or not url or headers.get("Content-Length") is None:
        return Rejection(origin, "corrupt_record", "record header incomplete (id, target, length)")
    url = url.strip("<> ")
    if not url.lower().startswith(("http://", "https://")):
        return None
    if record.record_type == WarcRecordType.revisit:
        return Rejection(origin, "duplicate", f"revisit record for {url}")
    http = record.http_headers if record.is_http else None
    status = (http.status_code or 0) if http is not None else 200
    if not 200 <= status < 300:
        reason = "redirect" if 300 <= status < 400 else "http_error"
        return Rejection(origin, reason, f"HTTP status {status} for {url}")
    digest = headers.get("WARC-Payload-Digest")
    if digest:
        if digest in seen:
            return Rejection(origin, "duplicate", f"payload of {url} already seen in this archive")
        seen.add(digest)
    content_type = (http.get("Content-Type") if http is not None else None) or (
        headers.get("Content-Type") if record.record_type == WarcRecordType.resource else None
    )
    body = record.reader.read(max_bytes + 1)
    if len(body) > max_bytes:
        return Rejection(origin, "too_large", f"payload of {url} passes {max_bytes} bytes")
    expected = record.content_length
    cut_short = expected is not None and len(body) < expected
    encoded = http is not None and bool(http.get("Content-Encoding"))
    if cut_short and not encoded and not headers.get("WARC-Truncated"):
        message = f"payload of {url} truncated ({len(body)} of {expected} bytes)"
        return Rejection(origin, "corrupt_record", message)
    body = _decode_leftover(body)
    if not is_html(content_type, body):
        return Rejection(origin, "not_html", f"{content_type or 'no content type'} at {url}")
    meta: dict[str, object] = {"source": "warc", "record_type": str(record.record_type)}
    if content_type:
        meta["content_type"] = content_type
    charset = record.http_charset if http is not None else None
    if charset:
        meta["charset"] = charset
    if headers.get("WARC-Truncated"):
        meta["warc_truncated"] = headers.get("WARC-Truncated")
    return RawDocument(
        origin=origin,
        kind="html",
        content=body,
        url=url,
        fetched=_warc_date(record, headers.get("WARC-Date")),
        key=record_id,
        meta=meta,
    )


def _decode_leftover(body: bytes) -> bytes:
    """Undo a gzip body the crawler stored without its Content-Encoding header."""
    if body[:3] == _GZIP_MAGIC:
        try:
            return gzip.decompress(body)
        except (OSError, EOFError, zlib.error):
            return body
    return body


def _warc_date(record, raw: str | None) -> datetime | None:
    when = record.record_date
    if isinstance(when, datetime):
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    if raw:
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None
