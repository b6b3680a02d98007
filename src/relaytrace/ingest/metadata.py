"""Page metadata read with lxml: canonical URL, site name, title and publication date.

What trafilatura does not give us, or gives less carefully: the ``<link
rel=canonical>``, og:/twitter: meta tags, JSON-LD nodes (``@graph`` included),
a site-name element in the header, and dates from meta tags, JSON-LD,
date-like elements, the URL and, last, htmldate's search of the text.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import htmldate
from lxml import etree
from lxml import html as lxml_html

from relaytrace.ingest.cues import is_banner, same_outlet
from relaytrace.ingest.dates import (
    PublishedDate,
    choose_published,
    date_from_jsonld,
    date_from_meta,
    date_from_text,
    date_from_url,
    parse_date,
    parse_date_zoned,
    settle_zone,
)

__all__ = [
    "SITE_NAME_XPATH",
    "canonical_url",
    "http_url",
    "jsonld_nodes",
    "meta",
    "page_sections",
    "published",
    "raw_title",
    "site_banner",
    "site_name",
    "site_prefix",
    "text_of",
]

SITE_NAME_XPATH = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' site-title ')"
    " or contains(@class, 'site-name') or contains(@class, 'masthead')"
    " or contains(@class, 'logo') or contains(@class, 'brand')]"
)
_POST_TITLE_XPATH = (
    "//*[self::h1 or self::h2 or self::h3][contains(concat(' ', normalize-space(@class), ' '),"
    " ' entry-title ') or contains(concat(' ', normalize-space(@class), ' '), ' post-title ')]"
    "[not(ancestor::aside) and not(ancestor::footer) and not(ancestor::nav)]"
)
_DATE_XPATH = (
    "//*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'posted')"
    " or contains(@class, 'published') or contains(@class, 'dateline')]"
    # unclassed: <time>, and a <small> under the headline ("20.06.2024 16:10")
    " | //time | //article//small | //main//small"
    " | //*[self::h1 or self::h2]/following-sibling::*[1][self::small]"
)


def text_of(el: etree._Element) -> str:
    """An element's text with whitespace collapsed."""
    return " ".join("".join(el.itertext()).split())


def _jsonld(tree: lxml_html.HtmlElement) -> list[object]:
    out: list[object] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            out.append(json.loads(script.text or ""))
        except (ValueError, TypeError):
            continue
    return out


def _nodes_of(objects: list[object]) -> list[dict]:
    nodes: list[dict] = []
    stack = list(objects)
    while stack:
        obj = stack.pop(0)
        if isinstance(obj, list):
            stack.extend(obj)
        elif isinstance(obj, dict):
            nodes.append(obj)
            stack.extend(v for k, v in obj.items() if k == "@graph")
    return nodes


def jsonld_nodes(tree: lxml_html.HtmlElement) -> list[dict]:
    """Every JSON-LD object of the page, ``@graph`` members included; broken scripts skipped."""
    return _nodes_of(_jsonld(tree))


def meta(tree: lxml_html.HtmlElement, *keys: str) -> str | None:
    """The first non-empty ``<meta>`` content among ``keys`` (property or name)."""
    for key in keys:
        for el in tree.xpath(f"//meta[@property='{key}' or @name='{key}']"):
            value = " ".join((el.get("content") or "").split())
            if value:
                return value
    return None


def http_url(value: str | None, base: str | None) -> str | None:
    """``value`` resolved against ``base``, or None unless it is an http(s) URL."""
    if not value:
        return None
    url = urljoin(base or "", value.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


def site_name(tree: lxml_html.HtmlElement, nodes: list[dict]) -> str | None:
    """og:site_name, the JSON-LD publisher, else a site-title/logo element of the page."""
    name = meta(tree, "og:site_name", "application-name")
    if name:
        return name
    for node in nodes:
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return publisher["name"].strip()
    for el in tree.xpath(SITE_NAME_XPATH):
        text = text_of(el)
        if 2 <= len(text) <= 60:
            return text
    return None


def raw_title(
    tree: lxml_html.HtmlElement, nodes: list[dict], site_name: str | None
) -> tuple[str, str]:
    """(the article's title, the ``<title>`` element's text).

    og:title, then the JSON-LD headline, then a post-title heading
    (``entry-title``), then an ``<h1>`` (one inside ``<article>`` first), then
    ``<title>``; a candidate that is only the site's name (a logo in an
    ``<h1>``, a generic og:title) is skipped.
    """
    title_el = tree.find(".//title")
    page_title = text_of(title_el) if title_el is not None else ""
    candidates = [meta(tree, "og:title", "twitter:title")]
    candidates += [n.get("headline") for n in nodes if isinstance(n.get("headline"), str)]
    # a post's own title element before any <h1>: Blogger puts the blog's name in <h1>
    candidates += [text_of(h) for h in tree.xpath(_POST_TITLE_XPATH)[:1]]
    candidates += [text_of(h) for h in tree.xpath("//article//h1 | //main//h1 | //h1")]
    candidates.append(page_title)
    for value in candidates:
        value = " ".join((value or "").split())
        if value and not (site_name and same_outlet(value, site_name)):
            return value, page_title
    return page_title, page_title


def _modified(tree: lxml_html.HtmlElement) -> PublishedDate | None:
    """The page's modified time, which often carries the offset its published time omits."""
    for key in ("article:modified_time", "og:updated_time", "dateModified"):
        value = meta(tree, key)
        found = parse_date_zoned(value) if value else None
        if found:
            return PublishedDate(found[0], "meta", found[1], found[2])
    return None


def published(
    tree: lxml_html.HtmlElement, nodes: list[dict], url: str, page: str
) -> tuple[datetime | None, str | None, str | None]:
    """Meta tags, JSON-LD, date-like elements and the URL; htmldate's text search last
    (it reads dates written out in words, "19 janvier 2026", in many languages)."""
    texts = []
    for el in tree.xpath(_DATE_XPATH)[:10]:
        # <abbr title="ISO time">12:20</abbr>, <time datetime="…">: the attribute is exact
        for value in (el.get("datetime"), el.get("title"), el.get("content"), text_of(el)):
            if value and 6 <= len(value) <= 60 and (found := date_from_text(value)):
                texts.append(found)
                break
    candidates = [date_from_meta(tree), date_from_jsonld(nodes), *texts, date_from_url(url)]
    found = choose_published(candidates)
    if found is not None:  # a time with no offset: the page's offset, else the day only
        found = settle_zone(found, [*candidates, _modified(tree)])
    if found is None:
        try:
            day = htmldate.find_date(page, extensive_search=True, url=url)
        except (ValueError, TypeError):
            day = None
        parsed = parse_date(day) if day else None
        return (parsed[0], "text", "day") if parsed else (None, None, None)
    return found.value, found.source, found.precision


def canonical_url(tree: lxml_html.HtmlElement, base: str | None) -> str | None:
    """The page's ``<link rel=canonical>``, else its og:url, as an absolute http(s) URL."""
    for el in tree.xpath("//link[@rel='canonical'][@href]"):
        return http_url(el.get("href"), base) or http_url(meta(tree, "og:url"), base)
    return http_url(meta(tree, "og:url"), base)


_HEADER_XPATH = (
    "//header | //*[contains(@class, 'topbar') or contains(@class, 'top-bar')"
    " or contains(@class, 'site-header') or contains(@class, 'masthead')]"
)


def site_banner(tree: lxml_html.HtmlElement, site_name: str | None = None) -> str | None:
    """The site's "Name | Tagline" banner: its branding element or og:site_name with that
    shape, or a line of the page header (a top bar) one of whose segments is the site's
    name (autoblogs put "Dernières Nouvelles | News 24" there)."""
    candidates = [text_of(el) for el in tree.xpath(SITE_NAME_XPATH)]
    candidates.append(meta(tree, "og:site_name") or "")
    for text in candidates:
        if " | " in text and is_banner(text):
            return text
    if not site_name:
        return None
    for header in tree.xpath(_HEADER_XPATH)[:6]:
        for el in header.iter("div", "p", "span", "a", "li", "strong"):
            text = text_of(el) if len(el) == 0 else ""
            segments = text.split(" | ")
            named = any(same_outlet(seg, site_name) for seg in segments)
            if 2 <= len(segments) <= 3 and named and is_banner(text):
                return text
    return None


def page_sections(tree: lxml_html.HtmlElement, nodes: list[dict]) -> tuple[str, ...]:
    """The page's own section names: ``article:section`` metas, JSON-LD ``articleSection``
    and breadcrumb items (markup or JSON-LD ``BreadcrumbList``), in that order."""
    found: list[str] = []
    for el in tree.xpath("//meta[@property='article:section' or @name='article:section']"):
        found.append(el.get("content") or "")
    for node in nodes:
        section = node.get("articleSection")
        values = section if isinstance(section, list) else [section]
        found.extend(v for v in values if isinstance(v, str))
        if node.get("@type") == "BreadcrumbList" and isinstance(node.get("itemListElement"), list):
            for item in node["itemListElement"]:
                name = item.get("name") if isinstance(item, dict) else None
                inner = item.get("item") if isinstance(item, dict) else None
                if not isinstance(name, str) and isinstance(inner, dict):
                    name = inner.get("name")
                found.extend([name] if isinstance(name, str) else [])
    crumbs = tree.xpath(
        "//*[contains(@class, 'breadcrumb')"
        " or translate(@aria-label, 'BREADCUM', 'breadcum') = 'breadcrumb']"
    )
    for el in crumbs[:2]:
        found.extend(text_of(a) for a in el.iter("a", "li", "span") if len(a) == 0)
    names = (" ".join(f.split()) for f in found)
    return tuple(dict.fromkeys(n for n in names if 2 <= len(n) <= 40))


def site_prefix(tree: lxml_html.HtmlElement, page_title: str) -> tuple[str, str] | None:
    """(site name, headline) when ``<title>`` reads "Site - Headline" and a heading of the
    page holds exactly the headline (legacy pages without og: tags)."""
    headings = {text_of(h) for h in tree.xpath("//h1 | //h2 | //h3")[:30]}
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
        head, found, tail = page_title.partition(sep)
        if found and tail.strip() in headings and 2 <= len(head.strip()) <= 60:
            return head.strip(), tail.strip()
    return None
