"""Articles from web pages: trafilatura for the body, lxml for what it drops.

The stages live in their own modules: ``decode`` (bytes to text),
``metadata`` (canonical URL, site name, title, date), ``body`` (paragraphs,
links and the cue lines beside them); this module puts them together.

Limits: pages above ``MAX_HTML_BYTES`` are refused ("too_large") rather than
parsed; bytes that are not text are refused ("not_html").
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from lxml import etree
from lxml import html as lxml_html

from relaytrace.errors import ExtractionError, InputError
from relaytrace.ingest import metadata
from relaytrace.ingest.body import (
    MIN_BODY_CHARS,
    article_lines,
    body_blocks,
    cues_beside_body,
    drop_page_furniture,
    drop_widgets,
    is_story_list,
    prune_minor_articles,
    raw_leaf_lines,
    resolve_links,
)
from relaytrace.ingest.cues import banner_cue, fold, separate_cues, split_title
from relaytrace.ingest.decode import MAX_HTML_BYTES, decode_html
from relaytrace.ingest.sites import site_of
from relaytrace.ingest.standfirst import standfirst
from relaytrace.model import Article, Link, SourceCue

__all__ = ["MAX_HTML_BYTES", "decode_html", "extract_html"]

_HTML_MARK = re.compile(r"<\s*(?:!doctype|html|head|body|p|div|article|title|meta)\b", re.I)


@lru_cache(maxsize=1)
def _parser() -> lxml_html.HTMLParser:
    """libxml2 drops everything nested deeper than 256 elements unless told otherwise;
    the size cap bounds what this lets through."""
    return lxml_html.HTMLParser(huge_tree=True)


def extract_html(
    html: bytes | str, url: str | None = None, *, fetched: datetime | None = None
) -> Article:
    """Extract the article of a page; ``url`` is where it was found (else its canonical URL).

    Raises InputError ("not_html", "too_large", "missing_url") for unusable
    input and ExtractionError ("no_article") for a page without an article, or
    ("multiple_articles") for a page listing several stories (a homepage).
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
    nodes = metadata.jsonld_nodes(tree)
    canonical = metadata.canonical_url(tree, url)
    page_url = url or canonical
    if not page_url:
        raise InputError("a page needs a URL (none given, no canonical link)", code="missing_url")
    site = site_of(page_url) or site_of(canonical)
    site_name = metadata.site_name(tree, nodes)
    raw_title, page_title = metadata.raw_title(tree, nodes, site_name)
    prefixed = metadata.site_prefix(tree, page_title) if raw_title == page_title else None
    if site_name is None and prefixed is not None:
        site_name, raw_title = prefixed
    if site_name is None and page_title != raw_title and page_title.startswith(raw_title):
        tail = page_title[len(raw_title) :].strip(" -–—|:·")
        site_name = tail or None
    elif site_name is None and page_title != raw_title and page_title.endswith(raw_title):
        head = page_title[: -len(raw_title)]  # "Site Name | Headline"
        if head.rstrip().endswith(("|", "-", "–", "—", "·", "::")):
            site_name = head.strip(" -–—|:·") or None
    sections = metadata.page_sections(tree, nodes)
    parts = split_title(raw_title, site_name, site or None, sections=sections)
    if not parts.title:
        raise ExtractionError(f"{page_url}: page has no title", code="no_article")

    if is_story_list(tree):
        raise ExtractionError(
            f"{page_url}: a list of stories (homepage or section page), not one article",
            code="multiple_articles",
        )
    if drop_widgets(tree) | prune_minor_articles(tree):
        page = lxml_html.tostring(tree, encoding="unicode")
    blocks = body_blocks(page, tree, page_url)
    title_forms = {fold(raw_title), fold(parts.title), fold(page_title)}
    paragraphs = drop_page_furniture([b.text for b in blocks], title_forms, sections)
    subtitle, paragraphs = standfirst(
        tree, nodes, paragraphs, title=parts.title, site_name=site_name
    )
    links = [link for b in blocks for link in b.links]
    dom = resolve_links(
        [ln for ln in article_lines(raw_leaf_lines(tree), paragraphs) if len(ln.text) <= 400],
        page_url,
    )
    href_of = {line.text: line.href for line in dom if line.href}
    href_of.update({b.text: b.links[0].url for b in blocks if len(b.links) == 1})
    whole_links = {line.text for line in dom if line.whole_link}
    whole_links.update(b.text for b in blocks if b.whole_link)
    body, cues = separate_cues(
        paragraphs, links=href_of, link_only=whole_links, site_name=site_name
    )
    if sum(len(p) for p in body) < MIN_BODY_CHARS:
        raise ExtractionError(f"{page_url}: no article text found", code="no_article")

    extra = cues_beside_body(dom, paragraphs, cues)
    all_cues = ([parts.suffix] if parts.suffix else []) + list(cues) + extra
    banner = metadata.site_banner(tree, site_name)
    shown = [fold(c.text) for c in all_cues if c.kind == "banner"]
    if banner and not any(t.startswith(fold(banner)) for t in shown):
        all_cues.insert(0, banner_cue(banner))
    if canonical and site and site_of(canonical) not in ("", site):
        all_cues.append(SourceCue("source_line", "canonical link", url=canonical))
    teaser_urls = {c.url for c in all_cues if c.kind == "teaser" and c.url}
    links = [link for link in links if link.url not in teaser_urls]
    for cue in all_cues:
        if cue.url and cue.kind == "source_line" and all(link.url != cue.url for link in links):
            links.append(Link(cue.url, cue.text))
    published, source, precision = metadata.published(tree, nodes, page_url, page)
    lang = (tree.get("lang") or "").split("-")[0].lower() or None
    return Article(
        url=page_url,
        site=site,
        title=parts.title,
        paragraphs=body,
        lang=lang if lang and lang.isalpha() and len(lang) in (2, 3) else None,
        canonical_url=canonical,
        site_name=site_name,
        subtitle=subtitle,
        published=published,
        published_source=source,  # type: ignore[arg-type]
        published_precision=precision,  # type: ignore[arg-type]
        links=tuple(dict.fromkeys(links)),
        cues=tuple(all_cues),
        fetched=fetched,
    )
