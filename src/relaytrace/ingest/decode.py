"""Page bytes to text: byte-order marks, UTF-8, declared charsets and detection.

Pages lie about their encoding: a declaration that does not decode cleanly is
ignored, UTF-8 bytes labelled "iso-8859-1" are read as UTF-8, and undeclared
cp1251 or latin-1 pages are settled by charset_normalizer. Pages above
``MAX_HTML_BYTES`` are refused ("too_large"), bytes that are not text
("not_html").
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from relaytrace.errors import InputError

__all__ = ["MAX_HTML_BYTES", "decode_html"]

MAX_HTML_BYTES = 20 * 1024 * 1024  # larger pages are refused, not parsed
_SNIFF = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        return "cp1252"  # as browsers do (WHATWG encoding standard)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_CONTROL_BYTES = bytes(range(9)) + bytes(range(14, 32))  # not tab, newlines, form feed


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > 0.02


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes: BOM, valid UTF-8, declared charset, ``<meta charset>``, detection.

    A declaration that does not decode cleanly is ignored (pages lie about it),
    and so is a single-byte label on bytes that are valid UTF-8; detection
    (charset_normalizer) settles undeclared cp1251 or latin-1 pages.
    """
    if len(data) > MAX_HTML_BYTES:
        raise InputError(
            f"page of {len(data):,} bytes exceeds the {MAX_HTML_BYTES:,}-byte limit",
            code="too_large",
        )
    if _looks_binary(data[:_SNIFF]):
        raise InputError("binary data, not an HTML page", code="not_html")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    # Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the label says: legacy
    # single-byte text almost never forms valid multi-byte sequences, while servers
    # often label UTF-8 pages "iso-8859-1" by default.
    candidates = ["utf-8"]
    if declared:
        candidates.append(declared)
    m = _META_CHARSET.search(data[:_SNIFF])
    if m:
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for name in candidates:
        codec = _codec(name)
        if codec:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if codec != "cp1252" or not _has_cyrillic_mojibake(text):
                return text
    best = charset_normalizer.from_bytes(data[: 512 * 1024]).best()
    codec = best.encoding if best is not None else "cp1252"
    return data.decode(codec, errors="replace")


def _has_cyrillic_mojibake(text: str) -> bool:
    """cp1251 text read as cp1252 is full of accented capitals such as "Ð" and "Ñ"."""
    sample = text[:20000]
    odd = sum(1 for c in sample if "\u00c0" <= c <= "\u00ff")
    return odd > 50 and odd > 0.2 * sum(1 for c in sample if c.isalpha())
