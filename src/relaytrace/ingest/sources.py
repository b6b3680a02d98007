"""Turn paths and stdin into raw documents: files, directories, JSONL, WARC, ``-``.

Every item comes out as a ``RawDocument`` (with a ``key`` naming the input item
itself, so a rerun can skip it) or as a ``Rejection`` with a stable reason code;
nothing here raises on bad input. Extraction happens later, in the pipeline.

Reasons: ``unreadable`` (missing, dangling link, permission, not a regular file),
``empty``, ``too_large``, ``not_html`` (binary bytes under an HTML name),
``bad_encoding`` (text that no fallback decodes sensibly), ``bad_json``,
``missing_url``.

Keys: a file's resolved path with its size, mtime and content digest; a JSONL
line's path and line number with the line's digest; stdin's digest. A saved page
carries no URL of its own here (``url`` is None): its canonical link names it,
and ``meta["fallback_url"]`` holds the file's ``file://`` URL for pages without one.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import xxhash

from relaytrace.model import RawDocument, Rejection

__all__ = [
    "DEFAULT_MAX_BYTES",
    "KNOWN_SUFFIXES",
    "decode_text",
    "estimate_items",
    "iter_sources",
    "looks_binary",
    "looks_like_html",
]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""A single page or text file above this size is rejected as ``too_large``; no news page is."""

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".warc.zst", ".warc.lz4")
KNOWN_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES
_KNOWN = KNOWN_SUFFIXES

_Item = RawDocument | Rejection


def iter_sources(
    paths: Sequence[str],
    *,
    stdin_url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[_Item]:
    """Every raw document (or rejection) under ``paths``, in order; ``-`` reads stdin."""
    for path in paths:
        if path == "-":
            yield from _from_stdin(stdin or sys.stdin.buffer, stdin_url)
        else:
            yield from _from_path(Path(path), max_bytes=max_bytes, explicit=True)


def estimate_items(paths: Sequence[str]) -> int | None:
    """A cheap count of the items ``iter_sources`` will yield, for progress bars.

    Files count one each, JSONL files their lines; None when unknowable (stdin, WARC).
    """
    total = 0
    for path in paths:
        if path == "-":
            return None
        p = Path(path)
        files = [f for f in _walk(p) if f.name.lower().endswith(_KNOWN)] if p.is_dir() else [p]
        for f in files:
            name = f.name.lower()
            if name.endswith(WARC_SUFFIXES):
                return None
            if name.endswith(JSONL_SUFFIXES):
                try:
                    with _open_lines(f) as fh:
                        total += sum(
                            chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")
                        )
                except (OSError, EOFError, zlib.error):
                    total += 1
            else:
                total += 1
    return total


# -- paths -----------------------------------------------------------------


def _from_path(path: Path, *, max_bytes: int, explicit: bool) -> Iterator[_Item]:
    origin = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        what = "dangling link" if path.is_symlink() else exc.strerror or type(exc).__name__
        yield Rejection(origin, "unreadable", f"cannot open: {what}")
        return
    if stat.S_ISDIR(info.st_mode):
        if explicit:  # a linked directory met while walking is not followed (no loops)
            yield from _from_dir(path, max_bytes=max_bytes)
        return
    if not stat.S_ISREG(info.st_mode):
        yield Rejection(origin, "unreadable", "not a regular file (pipe, socket or device)")
        return
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        from relaytrace.ingest.warc import iter_warc  # imported only when a WARC is given

        yield from iter_warc(path, max_bytes=max_bytes)
        return
    if name.endswith(JSONL_SUFFIXES):
        yield from _from_jsonl(path)
        return
    if not explicit and not name.endswith(_KNOWN):
        return
    yield _from_file(path, info, max_bytes=max_bytes)


def _walk(root: Path) -> Iterator[Path]:
    """Entries under ``root``, recursively, sorted by name, hidden ones left out."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        yield root
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(child)
        else:
            yield child


def _from_dir(root: Path, *, max_bytes: int) -> Iterator[_Item]:
    for child in _walk(root):
        if child == root:
            yield Rejection(str(root), "unreadable", "cannot list directory")
            continue
        yield from _from_path(child, max_bytes=max_bytes, explicit=False)


def _from_file(path: Path, info: os.stat_result, *, max_bytes: int) -> _Item:
    origin = str(path)
    if info.st_size > max_bytes:
        return Rejection(
            origin, "too_large", f"{info.st_size:,} bytes, over the {max_bytes:,}-byte limit"
        )
    if info.st_size == 0:
        return Rejection(origin, "empty", "empty file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Rejection(origin, "unreadable", f"cannot read: {exc.strerror or exc}")
    if not data.strip():
        return Rejection(origin, "empty", "only whitespace")
    url = path.resolve().as_uri()
    key = f"{path.resolve()}#{info.st_size}:{info.st_mtime_ns}:{xxhash.xxh3_64_hexdigest(data)}"
    name = path.name.lower()
    is_html = name.endswith(HTML_SUFFIXES) or (
        not name.endswith(TEXT_SUFFIXES) and looks_like_html(data)
    )
    if is_html:  # the page's own canonical URL wins; the file's URL is only a fallback
        return _html_document(origin, data, url=None, key=key, fallback_url=url)
    return _text_document(origin, data, url=url, key=key)


def _html_document(
    origin: str, data: bytes, *, url: str | None, key: str, fallback_url: str | None = None
) -> _Item:
    """A page: bytes as read, or text when it is neither UTF-8 nor declares its charset.

    ``fallback_url`` (in ``meta``) is the URL to use when the page names none itself.
    """
    if looks_binary(data):
        return Rejection(origin, "not_html", "binary content, not a web page")
    content: bytes | str = data
    if not _declares_charset(data[:4096]):
        decoded = decode_text(data)
        if decoded is None:
            return Rejection(origin, "bad_encoding", "no text encoding fits these bytes")
        content = decoded[0] if decoded[1] != "utf-8" else data
    meta = {"fallback_url": fallback_url} if fallback_url else {}
    return RawDocument(origin, "html", content, url=url, key=key, meta=meta)


def _text_document(origin: str, data: bytes, *, url: str | None, key: str) -> _Item:
    decoded = None if looks_binary(data) else decode_text(data)
    if decoded is None:
        return Rejection(origin, "bad_encoding", "binary or undecodable bytes, not text")
    text, encoding = decoded
    return RawDocument(origin, "text", text, url=url, key=key, meta={"encoding": encoding})


def _open_lines(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")  # type: ignore[return-value]


def _from_jsonl(path: Path) -> Iterator[_Item]:
    """One record per line; a gzip file that breaks off keeps the lines read before."""
    prefix = str(path.resolve())
    number = 0
    try:
        with _open_lines(path) as fh:
            for number, line in enumerate(fh, start=1):
                item = _record(f"{path}:{number}", line, key=f"{prefix}:{number}")
                if item is not None:
                    yield item
    except (OSError, EOFError, zlib.error) as exc:
        where = f"{path}:{number + 1}" if number else str(path)
        yield Rejection(
            where, "unreadable", f"cannot read: {getattr(exc, 'strerror', None) or exc}"
        )


def _record(origin: str, line: bytes, *, key: str, url: str | None = None) -> _Item | None:
    """One JSONL line as a record document; None for a blank line."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Rejection(origin, "bad_json", f"not valid JSON: {exc}")
    if not isinstance(obj, dict):
        return Rejection(origin, "bad_json", f"a JSON {type(obj).__name__}, not an object")
    record_url = obj.get("url") or url
    if not isinstance(record_url, str) or not record_url.strip():
        return Rejection(origin, "missing_url", "record has no url")
    digest = xxhash.xxh3_64_hexdigest(line.strip())
    return RawDocument(origin, "record", obj, url=record_url.strip(), key=f"{key}#{digest}")


# -- stdin -----------------------------------------------------------------


def _from_stdin(stream: BinaryIO, url: str | None) -> Iterator[_Item]:
    data = stream.read()
    if not data.strip():
        yield Rejection("stdin", "empty", "nothing on stdin")
        return
    digest = xxhash.xxh3_64_hexdigest(data)
    lines = [ln for ln in data.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith(b"{") for ln in lines[:50]):
        for number, line in enumerate(data.splitlines(), start=1):
            item = _record(f"stdin:{number}", line, key=f"stdin:{digest}:{number}", url=url)
            if item is not None:
                yield item
        return
    if looks_like_html(data):
        yield _html_document("stdin", data, url=url, key=f"stdin#{digest}")
        return
    if url is None:
        yield Rejection("stdin", "missing_url", "plain text on stdin needs --url")
        return
    yield _text_document("stdin", data, url=url, key=f"stdin#{digest}")


# -- bytes -----------------------------------------------------------------

_HTML_MARKERS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<article[\s>]|<p>",
    re.IGNORECASE,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?[\w-]+|<\?xml[^>]+encoding=""", re.I)


def looks_like_html(data: bytes) -> bool:
    """True when markup appears near the start of ``data``."""
    return bool(_HTML_MARKERS.search(data[:2048]))


def looks_binary(data: bytes) -> bool:
    """True for bytes that are no text in any encoding: NULs or many control bytes."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs by design
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 or b == 127)
    return controls > len(head) * 0.02


def _declares_charset(head: bytes) -> bool:
    return head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or bool(
        _CHARSET.search(head)
    )


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")


def decode_text(data: bytes) -> tuple[str, str] | None:
    """Decode bytes of unknown encoding: BOM, UTF-8, then Windows-1251 or Windows-1252/Latin-1.

    Russian or Ukrainian in cp1251 and Western text in cp1252 both decode without
    error either way; they are told apart by the words they make: cp1251 read
    right gives words wholly in Cyrillic, Latin-1 text misread as cp1251 gives
    words mixing Latin and Cyrillic letters ("d" + "й" + "cid" + "й"). Returns
    (text, encoding), or None for bytes that are not text.
    """
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    as_cyrillic = data.decode("cp1251", errors="replace")
    mixed = pure = 0
    for word in _WORD.findall(as_cyrillic):
        n_cyr = len(_CYRILLIC.findall(word))
        if n_cyr == len(word) > 1:
            pure += 1
        elif n_cyr:
            mixed += 1
    if pure > 3 * mixed and "\ufffd" not in as_cyrillic:
        return as_cyrillic, "cp1251"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
