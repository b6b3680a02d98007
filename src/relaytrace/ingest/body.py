"""The body of a page: paragraphs and their links, and the cue lines beside them.

trafilatura finds the body paragraphs (its XML output keeps links and line
breaks); a fallback takes the largest run of prose ``<p>`` siblings when it
finds nothing. The page's leaf text blocks are walked once more for the lines
trafilatura drops as boilerplate but that matter here: source lines with their
link, "read more" teasers, credits.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from configparser import ConfigParser
from dataclasses import dataclass
from functools import lru_cache

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import use_config
from trafilatura.utils import sanitize_tree
from trafilatura.xml import remove_empty_elements, strip_double_tags

from relaytrace.ingest.cues import CJK, classify_line, fold, headline_shaped, lexicon
from relaytrace.ingest.dates import date_from_text
from relaytrace.ingest.decode import MAX_HTML_BYTES
from relaytrace.ingest.metadata import http_url, text_of
from relaytrace.model import Link, SourceCue

__all__ = [
    "Block",
    "Line",
    "article_lines",
    "body_blocks",
    "cues_beside_body",
    "drop_page_furniture",
    "drop_widgets",
    "is_story_list",
    "leaf_lines",
    "prune_minor_articles",
    "raw_leaf_lines",
    "resolve_links",
]

MIN_BODY_CHARS = 40
MIN_TRAFILATURA_CHARS = 100
_BLOCKS = ("p", "li", "h2", "h3", "h4", "blockquote", "div", "span")


@dataclass(frozen=True, slots=True)
class Block:
    """One body paragraph from trafilatura, with its links."""

    text: str
    links: tuple[Link, ...]
    whole_link: bool


_ENDS_SENTENCE = tuple('.!?…:;»"”。！？')


def _segments(el: etree._Element, base: str | None) -> list[Block]:
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
                target = http_url(ref.get("target"), base)
                if target:
                    runs[-1][1].append(Link(target, text_of(ref)))
        if child.tail:
            runs[-1][0].append(child.tail)
    blocks: list[Block] = []
    for parts, links in runs:
        text = " ".join("".join(parts).split())
        if not text:
            continue
        if blocks and text[0].islower() and not blocks[-1].text.endswith(_ENDS_SENTENCE):
            last = blocks.pop()
            blocks.append(Block(f"{last.text} {text}", last.links + tuple(links), False))
            continue
        whole = len(links) == 1 and links[0].text == text
        blocks.append(Block(text, tuple(links), whole))
    return blocks


@lru_cache(maxsize=1)
def _trafilatura_config() -> ConfigParser:
    """trafilatura's defaults, but a short news brief (100+ characters) is still read
    paragraph by paragraph instead of falling back to one run of the whole page text."""
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_TRAFILATURA_CHARS))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_HTML_BYTES * 4))  # our own cap applies
    return config


def _run_trafilatura(page: str, url: str | None) -> etree._Element | None:
    """trafilatura's body element, cleaned as its XML output would be, without building
    that output: ``extract`` also fingerprints the text (a tenth of the ingest time)."""
    document = trafilatura.bare_extraction(
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
        as_dict=False,
    )
    body = getattr(document, "body", None)
    if body is None:
        return None
    return sanitize_tree(remove_empty_elements(strip_double_tags(body)))


def _body_from_trafilatura(page: str, url: str | None) -> list[Block]:
    try:
        main = _run_trafilatura(page, url)
    except (etree.LxmlError, ValueError, RecursionError):
        return []  # the paragraph fallback takes over
    if main is None:
        return []
    blocks: list[Block] = []
    for el in main.iter("p", "head", "item", "quote"):
        if any(x.tag in ("quote", "item") for x in el.iterancestors()):
            continue
        blocks.extend(_segments(el, url))
    return blocks


def _body_from_paragraphs(tree: lxml_html.HtmlElement, base: str | None) -> list[Block]:
    """Fallback when trafilatura finds nothing (very deep or odd markup): the largest
    run of prose-length ``<p>`` siblings (teaser cards on a home page have one each)."""
    groups: dict[etree._Element, list[Block]] = {}
    for el in tree.iter("p"):
        text = text_of(el)
        if len(text) >= (15 if CJK.search(text) else MIN_BODY_CHARS):
            links = tuple(
                Link(url, text_of(a))
                for a in el.iter("a")
                if (url := http_url(a.get("href"), base)) is not None
            )
            groups.setdefault(el.getparent(), []).append(Block(text, links, False))
    runs = [run for run in groups.values() if len(run) >= 2]
    return max(runs, key=lambda run: sum(len(b.text) for b in run), default=[])


@dataclass(frozen=True, slots=True)
class Line:
    """A leaf text block of the page, with the target of its single link, if any."""

    element: etree._Element
    text: str
    href: str | None
    whole_link: bool


def leaf_lines(tree: lxml_html.HtmlElement, base: str | None) -> list[Line]:
    """Leaf text blocks of the whole page, in document order, links resolved."""
    return resolve_links(raw_leaf_lines(tree), base)


def raw_leaf_lines(tree: lxml_html.HtmlElement) -> list[Line]:
    """Leaf text blocks of the whole page with their single link's ``href`` as written:
    a page has hundreds of links, so only the lines kept are resolved (``resolve_links``)."""
    lines: list[Line] = []
    for el in tree.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS and child.tag != "span" for child in el):
            continue
        text = text_of(el)
        if not text or len(text) > 2000:
            continue
        anchors = el.xpath(".//a[@href]")
        href = ((anchors[0].get("href") or "").strip() or None) if len(anchors) == 1 else None
        whole = href is not None and text_of(anchors[0]) == text
        lines.append(Line(el, text, href, whole))
    return lines


def resolve_links(lines: list[Line], base: str | None) -> list[Line]:
    """The lines with their links resolved against ``base``; a link that is not http(s)
    (``mailto:``, ``javascript:``) is dropped, and the line is then no whole link."""
    out: list[Line] = []
    for line in lines:
        href = http_url(line.href, base) if line.href else None
        out.append(Line(line.element, line.text, href, line.whole_link and href is not None))
    return out


def article_lines(lines: list[Line], paragraphs: list[str]) -> list[Line]:
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


def _outer_articles(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    return [
        a for a in tree.iter("article") if not any(x.tag == "article" for x in a.iterancestors())
    ]


def _headline_links(article: lxml_html.HtmlElement) -> bool:
    """A teaser card: its headline is a link (to the story it lists)."""
    return any(
        a.get("href") for h in article.iter("h1", "h2", "h3", "h4", "h5") for a in h.iter("a")
    )


def is_story_list(tree: lxml_html.HtmlElement) -> bool:
    """A homepage, section or tag page: two or more ``<article>`` teaser cards whose
    headlines link away, none of them the page's story (no card three times the size of
    the next) and less prose outside the cards than in the largest one."""
    outer = _outer_articles(tree)
    if len(outer) < 2:
        return False
    cards = [a for a in outer if _headline_links(a)]
    if len(cards) < 2 or len(cards) * 2 < len(outer):
        return False
    sizes = sorted((sum(len(text_of(p)) for p in a.iter("p")) for a in outer), reverse=True)
    if sizes[0] >= 3 * max(sizes[1], 1):
        return False
    inside = {p for a in outer for p in a.iter("p")}  # the set keeps lxml's proxies alive
    outside = sum(
        len(text_of(p))
        for p in tree.iter("p")
        if p not in inside
        and not any(x.tag in ("nav", "footer", "aside", "header") for x in p.iterancestors())
    )
    return outside < sizes[0]


_WIDGET_CLASS = re.compile(
    r"paywall|regwall|login[_-]?wall|subscri(?:be|ption)[_-]?(?:box|wall|prompt|cta)"
    r"|video[_-]?duration|message[_-]?author|owner[_-]?name|channel[_-]?join"
    r"|message[_-]?views|share[_-]?buttons?|social[_-]?share",
    re.I,
)
_DURATION = re.compile(r"^\d{1,2}(?::\d{2}){1,2}$")


def drop_widgets(tree: lxml_html.HtmlElement) -> bool:
    """Drop interface widgets inside the story that trafilatura keeps as text: paywall and
    login boxes, share bars, and a message preview's author line, view count, video
    duration ("0:24") and join button (Telegram-style web previews)."""
    doomed = [
        el
        for el in tree.iter("div", "section", "aside", "span", "a", "time", "p", "button")
        if _WIDGET_CLASS.search(el.get("class") or "")
        or el.tag == "button"
        or (el.tag == "time" and el.get("datetime") is None and _DURATION.match(text_of(el)))
    ]
    for el in doomed:
        if el.getparent() is not None and not any(x in doomed for x in el.iterancestors()):
            el.drop_tree()
    return bool(doomed)


def prune_minor_articles(tree: lxml_html.HtmlElement) -> bool:
    """Drop teaser cards marked up as ``<article>`` beside the story (many news sites do);
    trafilatura would otherwise take the first ``<article>`` for the body."""
    outer = _outer_articles(tree)
    if len(outer) < 2:
        return False
    sizes = [sum(len(text_of(p)) for p in a.iter("p")) for a in outer]
    best = max(sizes)
    minor = [a for a, size in zip(outer, sizes, strict=True) if size * 3 < best]
    for article in minor:
        article.drop_tree()
    return bool(minor)


def cues_beside_body(
    dom: list[Line], paragraphs: list[str], cues: tuple[SourceCue, ...]
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


def drop_page_furniture(
    paragraphs: list[str], title_forms: set[str], sections: Collection[str] = ()
) -> list[str]:
    """Remove what trafilatura may keep at the top of the body: the title, a bare
    dateline, and a kicker naming the section ("Politics") above the headline."""
    section_names = {fold(s) for s in sections} | lexicon().sections
    kept = []
    for i, p in enumerate(paragraphs):
        if fold(p) in title_forms:
            continue
        if i < 3 and len(p) <= 40 and date_from_text(p) is not None and len(p.split()) <= 5:
            continue
        if i < 3 and len(p.split()) <= 4 and fold(p) in section_names:
            continue
        kept.append(p)
    return kept


def body_blocks(page: str, tree: lxml_html.HtmlElement, url: str | None) -> list[Block]:
    """The body paragraphs of a page: trafilatura's, else the paragraph fallback's."""
    return _body_from_trafilatura(page, url) or _body_from_paragraphs(tree, url)
