"""XML sitemaps: URL sets, sitemap indexes and Google News sitemaps, gzipped or not.

Parsed with lxml with entity resolution and network access off (no XXE, no
billion laughs), element names matched by local name so namespace variants
all read. Google News entries carry ``news:publication_date`` and
``news:title``, kept as hints. A plain-text sitemap (one URL a line) reads too.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit

from lxml import etree

from relaytrace.errors import InputError

__all__ = ["DEFAULT_MAX_ENTRIES", "Sitemap", "SitemapEntry", "parse_sitemap", "parse_w3c_date"]

DEFAULT_MAX_ENTRIES = 50_000
"""The sitemap protocol's own cap on URLs per file."""
_MAX_UNZIPPED = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str
    lastmod: datetime | None = None
    news_published: datetime | None = None
    news_title: str | None = None
    news_lang: str | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """An "index" lists child sitemaps in ``sitemaps``; a "urlset" lists pages in ``entries``."""

    url: str
    kind: Literal["index", "urlset"]
    entries: tuple[SitemapEntry, ...] = ()
    sitemaps: tuple[SitemapEntry, ...] = ()


def parse_sitemap(content: bytes, url: str, *, max_entries: int = DEFAULT_MAX_ENTRIES) -> Sitemap:
    """Parse a fetched sitemap; raise ``InputError`` (code ``bad_sitemap``) when it is none."""
    content = _gunzip(content, url)
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        return _parse_text(stripped, url, max_entries)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=True, load_dtd=False
    )
    try:
        root = etree.fromstring(stripped, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{url} is not a sitemap: {exc}", code="bad_sitemap") from exc
    if root is None:
        raise InputError(f"{url} is not a sitemap: empty document", code="bad_sitemap")
    kind = etree.QName(root).localname
    if kind == "sitemapindex":
        children = tuple(_entries(root, "sitemap", url, max_entries))
        return Sitemap(url=url, kind="index", sitemaps=children)
    if kind == "urlset":
        return Sitemap(
            url=url, kind="urlset", entries=tuple(_entries(root, "url", url, max_entries))
        )
    raise InputError(f"{url} is not a sitemap: root element <{kind}>", code="bad_sitemap")


def parse_w3c_date(text: str | None) -> datetime | None:
    """A W3C datetime ("2026-03-01", "2026-03-01T10:00:00+01:00", "…Z"), in UTC when zoneless."""
    if not text:
        return None
    text = text.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _entries(root: etree._Element, tag: str, base: str, limit: int):
    count = 0
    for element in root:
        if not isinstance(element.tag, str) or etree.QName(element).localname != tag:
            continue
        fields = _fields(element)
        loc = fields.get("loc")
        if not loc:
            continue
        absolute = urljoin(base, loc.strip())
        if urlsplit(absolute).scheme not in ("http", "https"):
            continue
        yield SitemapEntry(
            url=absolute,
            lastmod=parse_w3c_date(fields.get("lastmod")),
            news_published=parse_w3c_date(fields.get("publication_date")),
            news_title=(fields.get("title") or "").strip() or None,
            news_lang=(fields.get("language") or "").strip() or None,
        )
        count += 1
        if count >= limit:
            return


def _fields(element: etree._Element) -> dict[str, str]:
    """Text of the descendants by local name (news:news/news:publication_date etc. included)."""
    out: dict[str, str] = {}
    for child in element.iter():
        if child is element or not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name not in out and child.text and child.text.strip():
            out[name] = child.text
    return out


def _parse_text(content: bytes, url: str, limit: int) -> Sitemap:
    entries: list[SitemapEntry] = []
    for line in content.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line:
            continue
        if urlsplit(line).scheme not in ("http", "https"):
            raise InputError(f"{url} is not a sitemap: {line[:60]!r}", code="bad_sitemap")
        entries.append(SitemapEntry(line))
        if len(entries) >= limit:
            break
    return Sitemap(url=url, kind="urlset", entries=tuple(entries))


def _gunzip(content: bytes, url: str) -> bytes:
    if content[:2] != b"\x1f\x8b":
        return content
    try:
        unzipper = zlib.decompressobj(wbits=31)
        data = unzipper.decompress(content, _MAX_UNZIPPED)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise InputError(f"{url}: bad gzip data: {exc}", code="bad_sitemap") from exc
    if unzipper.unconsumed_tail:
        raise InputError(f"{url} unzips past {_MAX_UNZIPPED} bytes", code="too_large")
    return data
