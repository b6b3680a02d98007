"""Source cues: the lines and marks that say where a text came from.

Relay sites leave their source in a few recurring shapes, whatever the
language: a source line at the end ("Lien source", "Quelle: dpa", "Read Full
Article at X"), a title suffix naming the origin ("… — RT World News"), a banner
line with the relay's own name, "read more" teasers pointing at other stories
(sometimes reduced to a bare headline between paragraphs), and agency credits
("(AFP)", "MOSCOW, March 4 /TASS/."). This module classifies lines and
separates the cues of a body from its paragraphs; titles are split in
``titles``, credits found in ``credits``, the word lists loaded in ``lexicon``
(all re-exported here).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from relaytrace.ingest.credits import credit_line, outlet_name, strip_credit
from relaytrace.ingest.lexicon import (
    CJK,
    TERMINAL,
    URL,
    CueLexicon,
    fold,
    fold_chars,
    is_cjk,
    lexicon,
    same_outlet,
)
from relaytrace.ingest.titles import TitleParts, split_title
from relaytrace.model import SourceCue

__all__ = [
    "CJK",
    "CueLexicon",
    "TitleParts",
    "banner_cue",
    "classify_line",
    "fold",
    "headline_shaped",
    "is_banner",
    "lexicon",
    "same_outlet",
    "separate_cues",
    "split_title",
    "strip_credit",
]

MAX_CUE_LINE = 220  # a cue line longer than this is prose, whatever it starts with
MAX_OUTLET_WORDS = 7
MAX_PROMO_LINE = 160
# brand names, the same in every language
_PLATFORMS = re.compile(
    r"telegram|facebook|twitter|instagram|youtube|tiktok|whatsapp|vk\b|vkontakte|"
    r"вконтакте|телеграм|rss|newsletter|微信|微博",
    re.I,
)
_CLOSING_QUOTES = '»"”’」』'


def _rest(line: str, m: re.Match[str]) -> str | None:
    """The text after a matched cue phrase, taken from the original line."""
    if m.group("rest") is None:
        return None
    return line[m.start("rest") :].strip(" :：-–—|»>›") or None


def _outlet_or_url(rest: str | None) -> tuple[str | None, str | None]:
    if not rest:
        return None, None
    rest = rest.strip().rstrip(".")
    url = URL.fullmatch(rest)
    if url:
        found = url.group(0)
        return None, found if "://" in found else f"https://{found}"
    if len(rest.split()) > MAX_OUTLET_WORDS or rest.endswith(TERMINAL):
        return None, None
    return rest, None


def classify_line(
    line: str, *, href: str | None = None, link_only: bool = False
) -> SourceCue | None:
    """The cue a whole line is (source line, teaser, standalone credit), or None for prose.

    ``href`` is the link the line carries in HTML; ``link_only`` says the whole
    line is one link's anchor text, which is what "read more" widgets produce.
    """
    text = " ".join(line.split())
    if not text or len(text) > MAX_CUE_LINE:
        return None
    lex = lexicon()
    folded = fold_chars(text)
    m = lex.source.match(folded)
    if m and len(text) <= 120:
        rest = _rest(text, m)
        outlet, url = _outlet_or_url(rest)
        if rest is None or outlet or url:
            return SourceCue("source_line", text, outlet=outlet, url=href or url)
    m = lex.source_at.match(folded)
    if m and len(text) <= 160:
        outlet, url = _outlet_or_url(_rest(text, m))
        if outlet or url:
            return SourceCue("source_line", text, outlet=outlet, url=href or url)
    m = lex.teaser.match(folded)
    if m:
        start = m.start("rest")
        separated = bool(re.search(r"[:：\-–—|»>›]", text[:start][-3:]))
        lead = text[start]
        capital = lead.isupper() or lead.isdigit() or lead in "«\"“„'‘"
        # without a separator, only a headline (no closing full stop) counts: German
        # "Zum Thema Migration sagte er nichts." is a sentence, not a teaser
        if separated or link_only or (capital and not text.endswith((".", "!", "?", "…"))):
            return SourceCue("teaser", text, url=href, headline=_rest(text, m))
    m = lex.credit_line.fullmatch(text) or lex.with_line.fullmatch(text)
    if m and (m.re is lex.credit_line or outlet_name(m.group("outlet"))):
        return SourceCue("credit", text, outlet=m.group("outlet"))
    return credit_line(text)


def headline_shaped(text: str) -> bool:
    """Short, one line, no closing punctuation: the shape of a headline, not of prose.

    A closing quotation mark may end a headline ('… vote d'aide « imprudent »'),
    unless a full stop or other sentence mark stands before it.
    """
    if "\n" in text:
        return False
    bare = text.rstrip(_CLOSING_QUOTES + " \u00a0\u202f")
    if not bare or bare.endswith(TERMINAL) or bare.endswith(","):
        return False
    if is_cjk(text):
        return 6 <= len(text) <= 60
    n = len(text.split())
    return 4 <= n <= 25 and len(text) <= 200 and (text[0].isupper() or text[0] in "«\"“„'‘")


def is_banner(line: str, site_name: str | None = None) -> bool:
    """A relay's banner line: the site's name, or a short "Name | Tagline" without punctuation."""
    text = " ".join(line.split())
    if not text or len(text) > 70 or len(text.split()) > 9 or text.endswith(tuple(".!?:;")):
        return False
    if site_name and (same_outlet(text, site_name) or fold(text).startswith(fold(site_name))):
        return True
    return " | " in text


def banner_cue(text: str) -> SourceCue:
    """A banner cue; its outlet is the banner's first segment that is a name rather than
    a generic phrase ("Dernières Nouvelles | News 24" names "News 24")."""
    segments = [seg.strip() for seg in text.split(" | ") if seg.strip()]
    generic = lexicon().sections
    outlet = next((seg for seg in segments if fold(seg) not in generic), segments[0])
    return SourceCue("banner", text, outlet=outlet)


def _promo(text: str, lex: CueLexicon) -> bool:
    """A short call to follow the site ("Follow us on Telegram for more news!"); a
    sentence that merely starts alike ("Follow us on the map: …") must name a platform."""
    if len(text) > MAX_PROMO_LINE or not lex.promo.match(fold_chars(text)):
        return False
    return not text.rstrip().endswith(".") or _PLATFORMS.search(text) is not None


def _paywall(text: str, lex: CueLexicon) -> bool:
    """A short subscription or login prompt ("Suscríbete para seguir leyendo.", "Already
    a subscriber? Log in"): the paywall box, not the article."""
    return len(text) <= MAX_PROMO_LINE and lex.paywall.match(fold_chars(text)) is not None


def _lone_headline(paragraphs: Sequence[str]) -> int | None:
    """The index of a "read more" headline left alone in plain text, or None.

    Pasted text loses the widget's markup and often its wider gaps; what stays is
    one headline-shaped line of six words or more standing between two finished
    prose paragraphs, well inside an article of five paragraphs or more. Articles
    with intertitles have several (and short ones: "Work starts in spring"), so a
    line only counts when it is the one headline-shaped line of the body.
    """
    n = len(paragraphs)
    if n < 5:
        return None
    texts = [" ".join(p.split()) for p in paragraphs]
    shaped = [
        i for i in range(1, n - 1) if headline_shaped(texts[i]) and classify_line(texts[i]) is None
    ]
    if len(shaped) != 1 or not 2 <= shaped[0] <= n - 2:
        return None
    i = shaped[0]
    text = texts[i]
    long_enough = len(text) >= 12 if is_cjk(text) else len(text.split()) >= 6
    prose = all(
        len(texts[j]) >= 60 and texts[j].endswith(TERMINAL) and not texts[j][0].islower()
        for j in (i - 1, i + 1)
    )
    return i if long_enough and prose else None


def separate_cues(
    paragraphs: Sequence[str],
    *,
    gaps: Sequence[int] | None = None,
    links: Mapping[str, str] | None = None,
    link_only: Collection[str] = (),
    site_name: str | None = None,
) -> tuple[tuple[str, ...], tuple[SourceCue, ...]]:
    """Split body paragraphs into the body proper and the cues found in it.

    ``gaps[i]`` is the number of blank lines before paragraph ``i`` in a text
    file: a bare headline standing between extra blank lines is a "read more"
    widget's leftover, and so is a lone long headline between prose paragraphs
    (see ``_lone_headline``). ``links`` maps a paragraph's text to the target of the
    one link it holds (HTML); a paragraph in ``link_only`` is that link's whole
    text, which is how such a headline looks in a page.
    """
    links = links or {}
    body: list[str] = []
    cues: list[SourceCue] = []
    n = len(paragraphs)
    lone = _lone_headline(paragraphs) if gaps is not None else None
    lex = lexicon()
    for i, raw in enumerate(paragraphs):
        text = " ".join(raw.split()) if "\n" not in raw.strip() else raw.strip()
        if not text:
            continue
        if _promo(text, lex) or _paywall(text, lex):
            continue  # "Follow us on Telegram!": the site's furniture, not the article
        href = links.get(text)
        whole_link = text in link_only
        edge = i <= 1 or i >= n - 2
        if edge and not body and is_banner(text, site_name):
            cues.append(banner_cue(text))
            continue
        cue = classify_line(text, href=href, link_only=whole_link)
        if cue is None and body and 0 < i < n - 1 and headline_shaped(text):
            widened = gaps is not None and gaps[i] >= 2
            if widened or whole_link or i == lone:
                cue = SourceCue("teaser", text, url=href, headline=text)
        if cue is None and is_banner(text, site_name) and site_name and (edge or not body):
            cue = banner_cue(text)
        if cue is not None:
            cues.append(cue)
            continue
        # the dateline opens the first paragraph, or the one after a standfirst
        opening = not body or (len(body) == 1 and not body[0].endswith(TERMINAL))
        text, credit = strip_credit(text, first=opening)
        if credit is not None:
            cues.append(credit)
        if text.strip():
            body.append(text.strip())
    return tuple(body), tuple(cues)
