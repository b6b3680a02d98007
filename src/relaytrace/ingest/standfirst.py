"""The standfirst of a page: the line under the headline that sums the story up.

Pages mark it as a lead/standfirst/excerpt element, or give it only as the meta
description. Meta descriptions are often the body's first sentence (or the
first paragraph cut short with "…"): those are not a standfirst, and nothing
is taken from the body for them. A standfirst that trafilatura kept as the first
body paragraph leaves the body and becomes the subtitle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import html as lxml_html

from relaytrace.ingest.cues import fold
from relaytrace.ingest.lexicon import TERMINAL
from relaytrace.ingest.metadata import meta, text_of

__all__ = ["MAX_STANDFIRST_CHARS", "standfirst"]

MAX_STANDFIRST_CHARS = 500
MIN_STANDFIRST_CHARS = 20
# class-name parts that mark a standfirst ("standfirst", "article__lead", "entry-summary", "chapo")
_CLASS_PARTS = frozenset(
    ["standfirst", "dek", "subtitle", "subheadline", "subhead", "subheading", "lead", "lede",
     "excerpt", "summary", "intro", "chapo", "chapeau", "sapo", "entradilla", "sottotitolo",
     "occhiello", "teaser-text", "description", "deck"]
)  # fmt: skip
_OUTSIDE = ("nav", "aside", "footer", "form")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")


def _is_marked(el: lxml_html.HtmlElement) -> bool:
    classes = (el.get("class") or "").lower().split()
    return any(p in _CLASS_PARTS for token in classes for p in re.split(r"[-_]+", token))


def _marked(tree: lxml_html.HtmlElement, body_keys: set[str]) -> list[str]:
    """Texts of elements whose class marks a standfirst, above the body's prose and
    outside navigation, sidebars and figures."""
    found = []
    for el in tree.iter("p", "div", "h2", "span"):
        text = text_of(el)
        if not _is_marked(el):
            if el.tag == "p" and len(text) >= 60 and fold(text) in body_keys:
                break  # the body's prose has begun
            continue
        if any(a.tag in _OUTSIDE or a.tag == "figure" for a in el.iterancestors()):
            continue
        if el.xpath(".//img | .//figure") or (el.tag != "p" and el.xpath(".//p")):
            continue  # a picture, or a container of several paragraphs
        if MIN_STANDFIRST_CHARS <= len(text) <= MAX_STANDFIRST_CHARS:
            found.append(text)
    return found[:3]


def _described(tree: lxml_html.HtmlElement, nodes: Sequence[dict]) -> list[str]:
    values = [meta(tree, "og:description"), meta(tree, "description", "twitter:description")]
    for node in nodes:
        for key in ("description", "alternativeHeadline"):
            if isinstance(node.get(key), str):
                values.append(" ".join(node[key].split()))
    return [v for v in values if v and MIN_STANDFIRST_CHARS <= len(v) <= MAX_STANDFIRST_CHARS]


def standfirst(
    tree: lxml_html.HtmlElement,
    nodes: Sequence[dict],
    paragraphs: Sequence[str],
    *,
    title: str,
    site_name: str | None = None,
) -> tuple[str | None, list[str]]:
    """(the standfirst or None, the paragraphs without it).

    A marked element wins; a meta description counts when the body does not
    already hold it. A candidate equal to one of the first paragraphs leaves the
    body when it is marked, or when it reads as a standfirst rather than a lead
    paragraph (no closing full stop, more paragraphs after it).
    """
    body = list(paragraphs)
    whole = fold(" ".join(body))
    firsts = {fold(p): i for i, p in reversed(list(enumerate(body[:3])))}
    generic = {fold(title)} | ({fold(site_name)} if site_name else set())
    marked_texts = _marked(tree, {fold(p) for p in body})
    for marked, texts in ((True, marked_texts), (False, _described(tree, nodes))):
        for text in texts:
            key = fold(_ELLIPSIS.sub("", text))
            if not key or key in generic or (site_name and fold(site_name) in key):
                continue
            if key in firsts:
                i = firsts[key]
                lead_like = body[i].endswith(TERMINAL) or len(body) - i < 3
                if marked or not lead_like:
                    return body.pop(i), body
                return None, body
            if key in whole:
                return None, body  # the description repeats the body's opening
            if not _ELLIPSIS.search(text):  # a cut-off text is no standfirst of its own
                return text, body
    return None, body
