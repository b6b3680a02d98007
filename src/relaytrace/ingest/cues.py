"""Source cues: the lines and marks that say where a text came from.

Relay sites leave their source in a few recurring shapes, whatever the
language: a source line at the end ("Lien source", "Quelle: dpa", "Read Full
Article at X"), a title suffix naming the origin ("… — RT World News"), a banner
line with the relay's own name, "read more" teasers pointing at other stories
(sometimes reduced to a bare headline between paragraphs), and agency credits
("(AFP)", "MOSCOW, March 4 /TASS/."). This module finds them in titles and
paragraphs, takes them out of the body and returns them as ``SourceCue``s.

The word lists live in ``relaytrace/data/cues/<lang>.toml`` and are merged: the
language of a page is not known yet when its cues are read.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from relaytrace.model import SourceCue

__all__ = [
    "CJK",
    "CueLexicon",
    "TitleParts",
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
TITLE_SEPARATORS = (" — ", " ― ", " – ", " - ", " | ", " :: ", " // ", " » ", " · ")
_STRONG_SEPARATORS = (" — ", " ― ", " | ", " :: ", " // ")
_TERMINAL = tuple('.!?…。！？:;»"”’)）」')
_LEAD_SEP = r"\s*(?:[:：\-–—|»>›]+\s*|\s+(?=[\"«“„'‘\w]))"
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe- and space-normalised form used for matching."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").casefold()
    return " ".join(_COMBINING.sub("", unicodedata.normalize("NFD", text)).split())


def _fold_chars(text: str) -> str:
    """Like :func:`fold` but one character for one, so match offsets point into ``text``."""
    out = []
    for c in text:
        low = c.lower()
        if len(low) != 1:
            low = c
        base = unicodedata.normalize("NFD", low)[0]
        out.append({"’": "'", "\u00a0": " "}.get(base, base))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The merged word lists of every language, compiled once."""

    source: re.Pattern[str]
    source_at: re.Pattern[str]
    teaser: re.Pattern[str]
    credit_end: re.Pattern[str]
    credit_start: re.Pattern[str]
    credit_line: re.Pattern[str]
    with_line: re.Pattern[str]
    agencies: frozenset[str]
    outlets: frozenset[str]
    outlet_words: frozenset[str]


def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(_fold_chars(p)) for p in sorted(set(phrases), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> CueLexicon:
    """Load and compile the cue word lists (once per process)."""
    lists: dict[str, list[str]] = {}
    agencies_data: dict[str, list[str]] = {}
    for entry in resources.files("relaytrace").joinpath("data", "cues").iterdir():
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        target = agencies_data if entry.name == "agencies.toml" else lists
        for key, values in data.items():
            target.setdefault(key, []).extend(values)
    agencies = [a for a in agencies_data.get("names", []) if a]
    agency_alt = "|".join(re.escape(a) for a in sorted(set(agencies), key=len, reverse=True))
    with_alt = "|".join(re.escape(w) for w in sorted(set(lists.get("with", [])), key=len))
    agency_group = rf"(?:{agency_alt})(?:\s*(?:,|/|and|et|und|y|e|i|и)\s*(?:{agency_alt}))*"
    return CueLexicon(
        source=re.compile(
            rf"^(?:{_alternation(lists['source'])})(?:\s*[:：\-–—]\s*(?P<rest>.*))?$"
        ),
        source_at=re.compile(rf"^(?:{_alternation(lists['source_at'])})\s*[:：]?\s*(?P<rest>.+)$"),
        teaser=re.compile(rf"^(?:{_alternation(lists['teaser'])}){_LEAD_SEP}(?P<rest>.+)$"),
        credit_end=re.compile(
            rf"\s*[(（](?:(?:{with_alt})\s+)?(?P<outlet>{agency_group})[)）]\s*$"
            rf"|\s+[-–—]\s*(?P<outlet2>{agency_group})\.?\s*$"
        ),
        credit_start=re.compile(rf"^[(（]?(?P<outlet>{agency_group})[)）]?\s*[-–—:]\s+"),
        credit_line=re.compile(
            rf"[(（]?(?:(?:{with_alt})\s+)?(?P<outlet>{agency_group})[)）]?\.?", re.I
        ),
        with_line=re.compile(rf"[(（](?:{with_alt})\s+(?P<outlet>[^()（）]{{2,40}})[)）]\.?", re.I),
        agencies=frozenset(fold(a) for a in agencies),
        outlets=frozenset(fold(o) for o in agencies_data.get("outlets", []) + agencies),
        outlet_words=frozenset(fold(w) for w in lists.get("outlet_words", [])),
    )


def _rest(line: str, m: re.Match[str]) -> str | None:
    """The text after a matched cue phrase, taken from the original line."""
    if m.group("rest") is None:
        return None
    return line[m.start("rest") :].strip(" :：-–—|»>›") or None


def _outlet_or_url(rest: str | None) -> tuple[str | None, str | None]:
    if not rest:
        return None, None
    rest = rest.strip().rstrip(".")
    url = _URL.fullmatch(rest)
    if url:
        found = url.group(0)
        return None, found if "://" in found else f"https://{found}"
    if len(rest.split()) > MAX_OUTLET_WORDS or rest.endswith(_TERMINAL):
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
    folded = _fold_chars(text)
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
    if m and (m.re is lex.credit_line or _outlet_name(m.group("outlet"))):
        return SourceCue("credit", text, outlet=m.group("outlet"))
    return None


def _words(text: str) -> list[str]:
    return text.split()


CJK = re.compile(r"[\u3040-\u9fff]")  # kana and CJK ideographs: text written without spaces


def _is_cjk(text: str) -> bool:
    return CJK.search(text) is not None


def headline_shaped(text: str) -> bool:
    """Short, one line, no closing punctuation: the shape of a headline, not of prose."""
    if "\n" in text or text.endswith(_TERMINAL) or text.endswith(","):
        return False
    if _is_cjk(text):
        return 6 <= len(text) <= 60
    n = len(_words(text))
    return 4 <= n <= 25 and len(text) <= 200 and (text[0].isupper() or text[0] in "«\"“„'‘")


def is_banner(line: str, site_name: str | None = None) -> bool:
    """A relay's banner line: the site's name, or a short "Name | Tagline" without punctuation."""
    text = " ".join(line.split())
    if not text or len(text) > 70 or len(_words(text)) > 9 or text.endswith(tuple(".!?:;")):
        return False
    if site_name and (same_outlet(text, site_name) or fold(text).startswith(fold(site_name))):
        return True
    return " | " in text


def same_outlet(a: str, b: str) -> bool:
    """Whether two spellings name the same outlet ("Notizie Flash", "notizieflash.example")."""

    def key(s: str) -> str:
        s = fold(s)
        s = re.sub(r"^(?:https?://)?(?:www\.)?", "", s)
        s = re.sub(r"\.[a-z]{2,}(?:/.*)?$", "", s) if " " not in s else s
        return re.sub(r"[\W_]+", "", s)

    ka, kb = key(a), key(b)
    return bool(ka) and ka == kb


def _looks_like_outlet(segment: str, separator: str) -> bool:
    """Whether a title's last segment names an outlet rather than ending the headline.

    Known outlets and agencies and domains always do, acronyms after an em dash or a
    bar too; other single words never ("| World", "– Stoltenberg"); two
    to six words do when they hold a news word ("… World News") or, after an em dash
    or a bar, are all capitalised ("— Vostok Segodnya").
    """
    words = _words(segment)
    if not words or len(words) > 6 or len(segment) > 50 or segment.endswith(tuple(".!?…:;,")):
        return False
    lex = lexicon()
    if fold(segment) in lex.outlets or _URL.fullmatch(segment):
        return True
    if _is_cjk(segment):
        return len(segment) >= 3 and any(segment.endswith(w) for w in lex.outlet_words)
    if len(words) == 1:  # an acronym after an em dash or bar; "– UN" is a speaker
        letters = [c for c in segment if c.isalpha()]
        acronym = 2 <= len(letters) <= 5 and all(c.isupper() for c in letters)
        return acronym and separator in _STRONG_SEPARATORS
    if any(fold(w).strip("'’") in lex.outlet_words for w in words):
        return True
    if separator in _STRONG_SEPARATORS:
        return all(w[0].isupper() or w[0].isdigit() for w in words if len(w) > 3)
    return False


@dataclass(frozen=True, slots=True)
class TitleParts:
    """A displayed title split into the headline, a foreign-outlet suffix and the own name."""

    title: str
    suffix: SourceCue | None = None
    own_name: str | None = None


def _cut(title: str, separators: Sequence[str], *, last: bool) -> tuple[str, str, str] | None:
    best: tuple[int, str] | None = None
    for sep in separators:
        i = title.rfind(sep) if last else title.find(sep)
        if i > 0 and (best is None or (i > best[0] if last else i < best[0])):
            best = (i, sep)
    if best is None:
        return None
    i, sep = best
    return title[:i].strip(), sep, title[i + len(sep) :].strip()


def split_title(title: str, site_name: str | None = None, site: str | None = None) -> TitleParts:
    """Split "Headline — Origin Outlet – Own Site" into its parts.

    The own site's name (given, or the site's domain label) is removed from
    either end; one remaining suffix that looks like an outlet's name becomes a
    ``title_suffix`` cue. Only the last segment is considered, so a speaker
    credit inside the headline ("… in Kiev – Stoltenberg") stays in the title.
    """
    text = " ".join((title or "").split())
    own_names = [n for n in (site_name, site) if n]
    own: str | None = None
    for last in (True, False):
        cut = _cut(text, TITLE_SEPARATORS, last=last)
        if cut and own_names:
            head, _sep, tail = cut
            kept, name = (head, tail) if last else (tail, head)
            if any(same_outlet(name, n) for n in own_names) and len(kept) >= 8:
                text, own = kept, name
    suffix = None
    cut = _cut(text, TITLE_SEPARATORS, last=True)
    if cut:
        head, sep, tail = cut
        long_enough = (len(head) >= 15 and len(_words(head)) >= 3) or (
            _is_cjk(head) and len(head) >= 6
        )
        if long_enough and _looks_like_outlet(tail, sep):
            suffix = SourceCue("title_suffix", f"{sep.strip()} {tail}", outlet=tail)
            text = head
    return TitleParts(text, suffix, own)


_DATELINE_PAREN = re.compile(
    r"^(?P<lead>[^\n()（）]{2,70}?)\s*[(（](?P<outlet>[^()（）]{2,40})[)）]\s*(?P<dash>[-–—:])\s*"
)
_DATELINE_SLASH = re.compile(r"^(?P<lead>[^\n/]{2,70}?[.,]?)\s*/(?P<outlet>[^/\n]{2,40})/\.?\s+")
_DATELINE_DASH = re.compile(
    r"^(?P<lead>[^\n]{2,70}?\d[^\n]{0,20}?)\s+[-–—]\s+(?P<outlet>[^.\n]{2,40})\.\s+"
)


def _outlet_name(name: str) -> bool:
    words = _words(name)
    lex = lexicon()
    if fold(name) in lex.agencies or fold(name) in lex.outlets:
        return True
    if name.isupper():  # "(GRANADA)": a place in a dateline, not an outlet
        return False
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words)


def _caps_lead(lead: str) -> bool:
    first = _words(lead)[0] if _words(lead) else ""
    letters = [c for c in first if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def strip_credit(paragraph: str, *, first: bool = False) -> tuple[str, SourceCue | None]:
    """Remove an agency credit from the start or end of a paragraph; keep the paragraph.

    At the start: "(AFP) – ", and, in the first paragraph, a dateline's credit
    ("LIMA, 22 de abril (Wire) – ", "MOSCOW, 9 June. /TASS/. ", "KYIV, 3 May — RIA
    Novosti. "). At the end: "(AFP)", "(avec AFP)", "— Reuters" with a known agency.
    """
    lex = lexicon()
    text = paragraph.strip()
    m = lex.credit_start.match(text)
    if m:
        return text[m.end() :], SourceCue("credit", m.group(0).strip(), outlet=m.group("outlet"))
    if first:
        m = _DATELINE_PAREN.match(text)
        if (
            m
            and _outlet_name(m.group("outlet"))
            and (_caps_lead(m.group("lead")) or fold(m.group("outlet")) in lex.agencies)
        ):
            rest = f"{m.group('lead')} {m.group('dash')} {text[m.end() :]}"
            return rest, SourceCue("credit", f"({m.group('outlet')})", outlet=m.group("outlet"))
        for pattern in (_DATELINE_SLASH, _DATELINE_DASH):
            m = pattern.match(text)
            if m and _caps_lead(m.group("lead")) and _outlet_name(m.group("outlet").strip()):
                outlet = m.group("outlet").strip()
                rest = f"{m.group('lead').rstrip()} — {text[m.end() :]}"
                return rest, SourceCue(
                    "credit", text[len(m.group("lead")) : m.end()].strip(), outlet
                )
    m = lex.credit_end.search(text)
    if m and m.start() > 0:
        outlet = m.group("outlet") or m.group("outlet2")
        return text[: m.start()].rstrip(), SourceCue("credit", m.group(0).strip(), outlet=outlet)
    return text, None


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
    widget's leftover. ``links`` maps a paragraph's text to the target of the
    one link it holds (HTML); a paragraph in ``link_only`` is that link's whole
    text, which is how such a headline looks in a page.
    """
    links = links or {}
    body: list[str] = []
    cues: list[SourceCue] = []
    n = len(paragraphs)
    for i, raw in enumerate(paragraphs):
        text = " ".join(raw.split()) if "\n" not in raw.strip() else raw.strip()
        if not text:
            continue
        href = links.get(text)
        whole_link = text in link_only
        edge = i <= 1 or i >= n - 2
        if edge and not body and is_banner(text, site_name):
            cues.append(SourceCue("banner", text, outlet=text.split(" | ")[0].strip()))
            continue
        cue = classify_line(text, href=href, link_only=whole_link)
        if cue is None and body and 0 < i < n - 1 and headline_shaped(text):
            widened = gaps is not None and gaps[i] >= 2
            if widened or whole_link:
                cue = SourceCue("teaser", text, url=href, headline=text)
        if cue is None and is_banner(text, site_name) and site_name and (edge or not body):
            cue = SourceCue("banner", text, outlet=text.split(" | ")[0].strip())
        if cue is not None:
            cues.append(cue)
            continue
        text, credit = strip_credit(text, first=not body)
        if credit is not None:
            cues.append(credit)
        if text.strip():
            body.append(text.strip())
    return tuple(body), tuple(cues)
