"""Articles from web pages: trafilatura for the body, lxml for what it drops.

trafilatura finds the body paragraphs and their links. lxml reads the page's
own metadata (canonical URL, site name, title, dates) and walks the article
container once more for the lines trafilatura discards as boilerplate but that
matter here: source lines with their link, "read more" teasers, banners.

Limits: pages above ``MAX_HTML_BYTES`` are refused ("too_large") rather than
parsed; bytes that are not text are refused ("not_html").
"""

from __future__ import annotations

import json
import re
from configparser import ConfigParser
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import htmldate
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config

from relaytrace.errors import ExtractionError, InputError
from relaytrace.ingest.cues import (
    CJK,
    classify_line,
    fold,
    headline_shaped,
    same_outlet,
    separate_cues,
    split_title,
)
from relaytrace.ingest.dates import (
    choose_published,
    date_from_jsonld,
    date_from_meta,
    date_from_text,
    date_from_url,
    parse_date,
)
from relaytrace.ingest.sites import site_of
from relaytrace.model import Article, Link, SourceCue

__all__ = ["MAX_HTML_BYTES", "decode_html", "extract_html"]

MAX_HTML_BYTES = 20 * 1024 * 1024  # larger pages are refused, not parsed
MIN_BODY_CHARS = 40
MIN_TRAFILATURA_CHARS = 100
_SNIFF = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_HTML_MARK = re.compile(r"<\s*(?:!doctype|html|head|body|p|div|article|title|meta)\b", re.I)
_SITE_NAME_XPATH = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' site-title ')"
    " or contains(@class, 'site-name') or contains(@class, 'masthead')"
    " or contains(@class, 'logo') or contains(@class, 'brand')]"
)
_DATE_XPATH = (
    "//*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'posted')"
    " or contains(@class, 'published') or contains(@class, 'dateline')]"
)
_BLOCKS = ("p", "li", "h2", "h3", "h4", "blockquote", "div", "span")


@lru_cache(maxsize=1)
def _parser() -> lxml_html.HTMLParser:
    """libxml2 drops everything nested deeper than 256 elements unless told otherwise;
    the size cap above bounds what this lets through."""
    return lxml_html.HTMLParser(huge_tree=True)


def _codec(name: str) -> str | None:
    name = name.strip().lower()
    if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        return "cp1252"  # as browsers do (WHATWG encoding standard)
    try:
        import codecs

        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
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


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _jsonld(tree: lxml_html.HtmlElement) -> list[object]:
    out: list[object] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            out.append(json.loads(script.text or ""))
        except (ValueError, TypeError):
            continue
    return out


def _jsonld_nodes(objects: list[object]) -> list[dict]:
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


def _meta(tree: lxml_html.HtmlElement, *keys: str) -> str | None:
    for key in keys:
        for el in tree.xpath(f"//meta[@property='{key}' or @name='{key}']"):
            value = " ".join((el.get("content") or "").split())
            if value:
                return value
    return None


def _http_url(value: str | None, base: str | None) -> str | None:
    if not value:
        return None
    url = urljoin(base or "", value.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


def _site_name(tree: lxml_html.HtmlElement, nodes: list[dict]) -> str | None:
    name = _meta(tree, "og:site_name", "application-name")
    if name:
        return name
    for node in nodes:
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return publisher["name"].strip()
    for el in tree.xpath(_SITE_NAME_XPATH):
        text = _text(el)
        if 2 <= len(text) <= 60:
            return text
    return None


def _raw_title(
    tree: lxml_html.HtmlElement, nodes: list[dict], site_name: str | None
) -> tuple[str, str]:
    """(the article's title, the ``<title>`` element's text).

    og:title, then the JSON-LD headline, then an ``<h1>`` (one inside ``<article>``
    first), then ``<title>``; a candidate that is only the site's name (a logo in an
    ``<h1>``, a generic og:title) is skipped.
    """
    title_el = tree.find(".//title")
    page_title = _text(title_el) if title_el is not None else ""
    candidates = [_meta(tree, "og:title", "twitter:title")]
    candidates += [n.get("headline") for n in nodes if isinstance(n.get("headline"), str)]
    candidates += [_text(h) for h in tree.xpath("//article//h1 | //main//h1 | //h1")]
    candidates.append(page_title)
    for value in candidates:
        value = " ".join((value or "").split())
        if value and not (site_name and same_outlet(value, site_name)):
            return value, page_title
    return page_title, page_title


def _published(
    tree: lxml_html.HtmlElement, nodes: list[dict], url: str, page: str
) -> tuple[datetime | None, str | None, str | None]:
    """Meta tags, JSON-LD, date-like elements and the URL; htmldate's text search last
    (it reads dates written out in words, "19 janvier 2026", in many languages)."""
    texts = []
    for el in tree.xpath(_DATE_XPATH)[:8]:
        value = _text(el)
        if 6 <= len(value) <= 60:
            texts.append(date_from_text(value))
    found = choose_published(
        [date_from_meta(tree), date_from_jsonld(nodes), *texts, date_from_url(url)]
    )
    if found is None:
        try:
            day = htmldate.find_date(page, extensive_search=True, url=url)
        except (ValueError, TypeError):
            day = None
        parsed = parse_date(day) if day else None
        return (parsed[0], "text", "day") if parsed else (None, None, None)
    return found.value, found.source, found.precision


@dataclass(frozen=True, slots=True)
class _Block:
    """One body paragraph from trafilatura, with its links."""

    text: str
    links: tuple[Link, ...]
    whole_link: bool


_ENDS_SENTENCE = tuple('.!?…:;»"”。！？')


def _segments(el: etree._Element, base: str | None) -> list[_Block]:
    """Split an element at its line breaks (``<lb/>``): autoblogs write paragraphs as
    ``<br><br>``-separated runs. A run that starts in lower case continues the last one."""
    runs: list[tuple[list[str], list[Link]]] = [([], [])]
    if el.text:
        runs[-1][0].append(el.text)
    for child in el:
        if child.tag == "lb":
            runs.append(([], []))
        else:
            runs[-1][0].append("".join(child.itertext()))
            for ref in [child] if child.tag == "ref" else list(child.iter("ref")):
                target = _http_url(ref.get("target"), base)
                if target:
                    runs[-1][1].append(Link(target, _text(ref)))
        if child.tail:
            runs[-1][0].append(child.tail)
    blocks: list[_Block] = []
    for parts, links in runs:
        text = " ".join("".join(parts).split())
        if not text:
            continue
        if blocks and text[0].islower() and not blocks[-1].text.endswith(_ENDS_SENTENCE):
            last = blocks.pop()
            blocks.append(_Block(f"{last.text} {text}", last.links + tuple(links), False))
            continue
        whole = len(links) == 1 and links[0].text == text
        blocks.append(_Block(text, tuple(links), whole))
    return blocks


@lru_cache(maxsize=1)
def _trafilatura_config() -> ConfigParser:
    """trafilatura's defaults, but a short news brief (100+ characters) is still read
    paragraph by paragraph instead of falling back to one run of the whole page text."""
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_TRAFILATURA_CHARS))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_HTML_BYTES * 4))  # our own cap applies
    return config


def _run_trafilatura(page: str, url: str | None) -> str | None:
    return trafilatura.extract(
        page,
        url=url,
        config=_trafilatura_config(),
        output_format="xml",
        include_links=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=False,
        deduplicate=False,
    )


def _body_from_trafilatura(page: str, url: str | None) -> list[_Block]:
    try:
        xml = _run_trafilatura(page, url)
    except (etree.LxmlError, ValueError, RecursionError):
        return []  # the paragraph fallback takes over
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True))
    main = root.find("main") if root is not None else None
    if main is None:
        return []
    blocks: list[_Block] = []
    for el in main.iter("p", "head", "item", "quote"):
        if any(x.tag in ("quote", "item") for x in el.iterancestors()):
            continue
        blocks.extend(_segments(el, url))
    return blocks


def _body_from_paragraphs(tree: lxml_html.HtmlElement, base: str | None) -> list[_Block]:
    """Fallback when trafilatura finds nothing (very deep or odd markup): the largest
    run of prose-length ``<p>`` siblings (teaser cards on a home page have one each)."""
    groups: dict[etree._Element, list[_Block]] = {}
    for el in tree.iter("p"):
        text = _text(el)
        if len(text) >= (15 if CJK.search(text) else MIN_BODY_CHARS):
            links = tuple(
                Link(url, _text(a))
                for a in el.iter("a")
                if (url := _http_url(a.get("href"), base)) is not None
            )
            groups.setdefault(el.getparent(), []).append(_Block(text, links, False))
    runs = [run for run in groups.values() if len(run) >= 2]
    return max(runs, key=lambda run: sum(len(b.text) for b in run), default=[])


@dataclass(frozen=True, slots=True)
class _Line:
    """A leaf text block of the page, with the target of its single link, if any."""

    element: etree._Element
    text: str
    href: str | None
    whole_link: bool


def _leaf_lines(tree: lxml_html.HtmlElement, base: str | None) -> list[_Line]:
    """Leaf text blocks of the whole page, in document order."""
    lines: list[_Line] = []
    for el in tree.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS and child.tag != "span" for child in el):
            continue
        text = _text(el)
        if not text or len(text) > 2000:
            continue
        anchors = el.xpath(".//a[@href]")
        href = _http_url(anchors[0].get("href"), base) if len(anchors) == 1 else None
        whole = href is not None and _text(anchors[0]) == text
        lines.append(_Line(el, text, href, whole))
    return lines


def _article_lines(lines: list[_Line], paragraphs: list[str]) -> list[_Line]:
    """The lines inside the article: under the nearest common ancestor of its first and
    last paragraph, widened to an enclosing ``<article>`` or ``<main>`` when there is one."""
    if not paragraphs:
        return lines
    first = next((ln.element for ln in lines if ln.text == paragraphs[0]), None)
    last = next((ln.element for ln in reversed(lines) if ln.text == paragraphs[-1]), None)
    if first is None:
        return lines
    common = first.getparent()
    if last is not None and last is not first:
        last_chain = set(last.iterancestors())
        common = next((x for x in first.iterancestors() if x in last_chain), None)
    if common is None:
        return lines
    for x in [common, *common.iterancestors()]:
        if x.tag in ("article", "main"):
            common = x
            break
    return [ln for ln in lines if ln.element is common or common in set(ln.element.iterancestors())]


def _prune_minor_articles(tree: lxml_html.HtmlElement) -> bool:
    """Drop teaser cards marked up as ``<article>`` beside the story (many news sites do);
    trafilatura would otherwise take the first ``<article>`` for the body."""
    outer = [
        a for a in tree.iter("article") if not any(x.tag == "article" for x in a.iterancestors())
    ]
    if len(outer) < 2:
        return False
    sizes = [sum(len(_text(p)) for p in a.iter("p")) for a in outer]
    best = max(sizes)
    minor = [a for a, size in zip(outer, sizes, strict=True) if size * 3 < best]
    for article in minor:
        article.drop_tree()
    return bool(minor)


def _cues_beside_body(
    dom: list[_Line], paragraphs: list[str], cues: tuple[SourceCue, ...]
) -> list[SourceCue]:
    """Cue lines of the article container that trafilatura left out of the body: source
    lines, prefixed teasers, standalone credits, and bare linked headlines that stand
    between two body paragraphs (a "read more" widget)."""
    found = {c.text for c in cues}
    kept = {fold(p) for p in paragraphs}
    inside = [i for i, line in enumerate(dom) if fold(line.text) in kept]
    first, last = (inside[0], inside[-1]) if inside else (0, -1)
    extra: list[SourceCue] = []
    for i, line in enumerate(dom):
        if line.text in found or fold(line.text) in kept:
            continue
        cue = classify_line(line.text, href=line.href, link_only=line.whole_link)
        if cue is None and line.whole_link and first < i < last and headline_shaped(line.text):
            cue = SourceCue("teaser", line.text, url=line.href, headline=line.text)
        if cue is not None and cue.kind in ("source_line", "teaser", "credit"):
            extra.append(cue)
            found.add(line.text)
    return extra


def _drop_page_furniture(paragraphs: list[str], title_forms: set[str]) -> list[str]:
    """Remove the title and a bare dateline that trafilatura may keep at the top of the body."""
    kept = []
    for i, p in enumerate(paragraphs):
        if fold(p) in title_forms:
            continue
        if i < 3 and len(p) <= 40 and date_from_text(p) is not None and len(p.split()) <= 5:
            continue
        kept.append(p)
    return kept


def extract_html(
    html: bytes | str, url: str | None = None, *, fetched: datetime | None = None
) -> Article:
    """Extract the article of a page; ``url`` is where it was found (else its canonical URL).

    Raises InputError ("not_html", "too_large", "missing_url") for unusable
    input and ExtractionError ("no_article") for a page without an article.
    """
    if isinstance(html, bytes):
        page = decode_html(html)
    else:
        if len(html) > MAX_HTML_BYTES:
            raise InputError(f"page exceeds the {MAX_HTML_BYTES:,}-byte limit", code="too_large")
        page = html
    if not page.strip() or not _HTML_MARK.search(page[:65536]):
        raise InputError(f"{url or 'page'}: not an HTML page", code="not_html")
    try:
        tree = lxml_html.document_fromstring(page.lstrip("\ufeff"), parser=_parser())
    except (etree.LxmlError, ValueError) as exc:
        raise InputError(f"{url or 'page'}: unparseable HTML ({exc})", code="not_html") from exc
    nodes = _jsonld_nodes(_jsonld(tree))
    canonical = None
    for el in tree.xpath("//link[@rel='canonical'][@href]"):
        canonical = _http_url(el.get("href"), url)
        break
    canonical = canonical or _http_url(_meta(tree, "og:url"), url)
    page_url = url or canonical
    if not page_url:
        raise InputError("a page needs a URL (none given, no canonical link)", code="missing_url")
    site = site_of(page_url) or site_of(canonical)
    site_name = _site_name(tree, nodes)
    raw_title, page_title = _raw_title(tree, nodes, site_name)
    if site_name is None and page_title != raw_title and page_title.startswith(raw_title):
        tail = page_title[len(raw_title) :].strip(" -–—|:·")
        site_name = tail or None
    parts = split_title(raw_title, site_name, site or None)
    if not parts.title:
        raise ExtractionError(f"{page_url}: page has no title", code="no_article")

    if _prune_minor_articles(tree):
        page = lxml_html.tostring(tree, encoding="unicode")
    blocks = _body_from_trafilatura(page, page_url) or _body_from_paragraphs(tree, page_url)
    title_forms = {fold(raw_title), fold(parts.title), fold(page_title)}
    paragraphs = _drop_page_furniture([b.text for b in blocks], title_forms)
    links = [link for b in blocks for link in b.links]
    dom = [
        ln for ln in _article_lines(_leaf_lines(tree, page_url), paragraphs) if len(ln.text) <= 400
    ]
    href_of = {line.text: line.href for line in dom if line.href}
    href_of.update({b.text: b.links[0].url for b in blocks if len(b.links) == 1})
    whole_links = {line.text for line in dom if line.whole_link}
    whole_links.update(b.text for b in blocks if b.whole_link)
    body, cues = separate_cues(
        paragraphs, links=href_of, link_only=whole_links, site_name=site_name
    )
    if sum(len(p) for p in body) < MIN_BODY_CHARS:
        raise ExtractionError(f"{page_url}: no article text found", code="no_article")

    extra = _cues_beside_body(dom, paragraphs, cues)
    all_cues = ([parts.suffix] if parts.suffix else []) + list(cues) + extra
    if canonical and site and site_of(canonical) not in ("", site):
        all_cues.append(SourceCue("source_line", "canonical link", url=canonical))
    teaser_urls = {c.url for c in all_cues if c.kind == "teaser" and c.url}
    links = [link for link in links if link.url not in teaser_urls]
    for cue in all_cues:
        if cue.url and cue.kind == "source_line" and all(link.url != cue.url for link in links):
            links.append(Link(cue.url, cue.text))
    published, source, precision = _published(tree, nodes, page_url, page)
    lang = (tree.get("lang") or "").split("-")[0].lower() or None
    return Article(
        url=page_url,
        site=site,
        title=parts.title,
        paragraphs=body,
        lang=lang if lang and lang.isalpha() and len(lang) in (2, 3) else None,
        canonical_url=canonical,
        site_name=site_name,
        published=published,
        published_source=source,  # type: ignore[arg-type]
        published_precision=precision,  # type: ignore[arg-type]
        links=tuple(dict.fromkeys(links)),
        cues=tuple(all_cues),
        fetched=fetched,
    )
