"""Agency credits: "(AFP) –", "MOSCOW, March 3 (Reuters) -", "— Reuters", "(avec AFP)".

A credit names the agency a text came from. It stands at the start of a
paragraph, in the dateline of the first paragraph, or at the end of a
paragraph; the credit is taken out and the paragraph kept (a dateline keeps its
place and date).

Datelines take many shapes across languages: "PARIS (AFP) –", "Berlin (dpa) -",
"Madrid, 3 mar (EFE).-", "Roma, 3 mar. (ANSA) -", "МОСКВА, 3 мар — РИА
Новости.", "КИЇВ. 3 березня. УКРІНФОРМ –", "MOSCOW, 9 June. /TASS/.",
"新华社北京3月3日电（记者 …）". The agency need not be a listed one: a name in
parentheses after a place that reads as an agency (an acronym, a name holding a
news word such as "Press" or "Wire", or a known agency) counts.
"""

from __future__ import annotations

import re

from relaytrace.ingest.lexicon import TERMINAL, fold, lexicon
from relaytrace.model import SourceCue

__all__ = ["agency_like", "credit_line", "outlet_name", "strip_credit"]

_DATELINE_PAREN = re.compile(
    r"^(?P<lead>[^\n()（）]{2,70}?)\s*[(（](?P<outlet>[^()（）]{2,40})[)）]\.?\s*"
    r"(?P<dash>[-–—:]{1,2})\s*"
)
_DATELINE_SLASH = re.compile(r"^(?P<lead>[^\n/]{2,70}?[.,]?)\s*/(?P<outlet>[^/\n]{2,40})/\.?\s+")
_DATELINE_DASH = re.compile(
    r"^(?P<lead>[^\n]{2,70}?\d[^\n]{0,20}?)\s+[-–—]\s+(?P<outlet>[^.\n]{2,40})\.\s+"
)
# "КИЇВ. 3 березня. УКРІНФОРМ –": place and date, then the agency in capitals and a dash
_DATELINE_CAPS = re.compile(
    r"^(?P<lead>[^\n]{2,50}?\d[^\n]{0,20}?[.,])\s+(?P<outlet>[^\W\d_][^\s.,()]{1,29})\s*[-–—]{1,2}\s+"
)
# "新华社北京3月3日电（记者 …）": Chinese dateline; the agency or paper before the place is
# optional, and "本报" ("this paper") names the page's own outlet
_DATELINE_CJK = re.compile(
    r"^(?:本报|(?P<outlet>[\u4e00-\u9fff]{1,6}?(?:社|网|日报|时报|晚报|报|电视台)))?\s*"
    r"(?P<lead>[\u4e00-\u9fff]{2,8}\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*电)\s*"
    r"(?:[（(](?P<by>[^（）()]{0,40})[）)])?\s*"
)
_START_PAREN = re.compile(r"^[(（](?P<outlet>[^()（）]{2,40})[)）]\.?\s*[-–—]{1,2}\s*")
_END_DASH = re.compile(r"\s+[-–—]\s*(?P<outlet>[^\W\d_][^.!?\n]{1,40}?)\.?\s*$")
_LINE_DASH = re.compile(r"^[-–—]{1,2}\s*(?P<outlet>[^\W\d_][^.!?\n]{1,40}?)\.?$")
_END_PAREN = re.compile(r"\s*[(（](?P<outlet>[^()（）]{2,40})[)）]\.?\s*$")
# lower-case words inside place names ("Villafranca del Arcén", "Frankfurt am Main")
_PARTICLES = frozenset(
    ["de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "les", "el",
     "al", "am", "an", "der", "den", "im", "on", "upon", "sur", "sul", "y", "i", "e", "et",
     "und", "na", "nad", "pod", "w", "we"]
)  # fmt: skip


def outlet_name(name: str) -> bool:
    """Whether a short name reads as an outlet's: known, or one to five capitalised words."""
    words = name.split()
    lex = lexicon()
    if fold(name) in lex.agencies or fold(name) in lex.outlets:
        return True
    if name.isupper():  # "(GRANADA)": a place in a dateline, not an outlet
        return False
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words)


def agency_like(name: str) -> bool:
    """Whether a name reads as a news agency's, listed or not.

    Known agencies and outlets; acronyms of two to six capitals ("KUNA", "BTA");
    one to five capitalised words of which one is, or ends in, a news word
    ("Meseta Press", "Baltic Wire", "Nordpress"). A place in capitals
    ("GRANADA") or a party ("PiS") is not one.
    """
    name = name.strip()
    words = name.split()
    lex = lexicon()
    if not words or len(words) > 5 or len(name) > 40:
        return False
    if fold(name) in lex.agencies or fold(name) in lex.outlets:
        return True
    letters = [c for c in name if c.isalpha()]
    if len(words) == 1 and 2 <= len(letters) <= 6 and all(c.isupper() for c in letters):
        return True
    if not all(w[0].isupper() or w[0].isdigit() for w in words):
        return False
    for word in words:
        folded = fold(word).strip("'’.,")
        if folded in lex.outlet_words:
            return True
        if any(len(w) >= 4 and folded.endswith(w) and folded != w for w in lex.outlet_words):
            return True
    return False


def credit_line(line: str) -> SourceCue | None:
    """A line that is only a dashed agency name, as some outlets close a story: "— Baltic Wire"."""
    m = _LINE_DASH.match(line.strip())
    if m and agency_like(m.group("outlet")):
        return _credit(line, m.group("outlet"))
    return None


def _caps_lead(lead: str) -> bool:
    first = lead.split()[0] if lead.split() else ""
    letters = [c for c in first if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _capital(word: str) -> bool:
    """Capitalised, or written in a script without case (Arabic, Hebrew, CJK)."""
    first = word[0]
    return first.isupper() or (first.isalpha() and first.lower() == first.upper())


def _place_lead(lead: str) -> bool:
    """A capitalised place (one to four words, particles allowed) and an optional
    short date after a comma or full stop: "Kaltenhafen", "Villafranca del Arcén, 20 mar"."""
    m = re.match(r"^(?P<place>[^,.،]+)(?:[,.،]\s*(?P<date>.*))?$", lead.strip())
    if m is None:
        return False
    words = m.group("place").split()
    if not 1 <= len(words) <= 4 or not _capital(words[0]):
        return False
    if not all(_capital(w) or w.lower() in _PARTICLES for w in words):
        return False
    date = (m.group("date") or "").strip(" .,")
    return not date or (len(date) <= 25 and any(c.isdigit() for c in date))


def _credit(text: str, outlet: str | None) -> SourceCue:
    return SourceCue("credit", text.strip(), outlet=outlet.strip() if outlet else None)


def _dateline(text: str) -> tuple[str, SourceCue] | None:
    """The credit of a first paragraph's dateline, and the paragraph without it."""
    lex = lexicon()
    m = _DATELINE_PAREN.match(text)
    if m:
        lead, outlet = m.group("lead"), m.group("outlet").strip()
        known = fold(outlet) in lex.agencies
        if (outlet_name(outlet) and (_caps_lead(lead) or known)) or (
            (_caps_lead(lead) or _place_lead(lead)) and agency_like(outlet)
        ):
            rest = f"{lead} {m.group('dash')} {text[m.end() :]}"
            return rest, _credit(f"({outlet})", outlet)
    for pattern in (_DATELINE_SLASH, _DATELINE_DASH):
        m = pattern.match(text)
        if m and _caps_lead(m.group("lead")) and outlet_name(m.group("outlet").strip()):
            rest = f"{m.group('lead').rstrip()} — {text[m.end() :]}"
            return rest, _credit(text[len(m.group("lead")) : m.end()], m.group("outlet"))
    m = _DATELINE_CAPS.match(text)
    if m and _caps_lead(m.group("lead")):
        outlet = m.group("outlet")
        if outlet.isupper() and (fold(outlet) in lex.agencies or agency_like(outlet)):
            rest = f"{m.group('lead').rstrip(' .,')} — {text[m.end() :]}"
            return rest, _credit(text[len(m.group("lead")) : m.end()].strip(" -–—"), outlet)
    m = _DATELINE_CJK.match(text)
    if m and m.end() < len(text):
        outlet = m.group("outlet")
        return m.group("lead") + text[m.end() :], _credit(m.group(0), outlet)
    return None


def strip_credit(paragraph: str, *, first: bool = False) -> tuple[str, SourceCue | None]:
    """Remove an agency credit from the start or end of a paragraph; keep the paragraph.

    At the start: "(AFP) – " (any paragraph, a listed agency), and in the first
    paragraph a dateline's credit (see the module docstring) or an agency-like
    "(Name) –". At the end: "(AFP)", "(avec AFP)", "— Reuters" with a listed
    agency, or "— Baltic Wire" / "(Nordpress)" with an agency-like name after a
    finished sentence.
    """
    lex = lexicon()
    text = paragraph.strip()
    m = lex.credit_start.match(text)
    if m:
        return text[m.end() :], _credit(m.group(0), m.group("outlet"))
    if first:
        m = _START_PAREN.match(text)
        if m and agency_like(m.group("outlet")) and m.end() < len(text):
            return text[m.end() :], _credit(m.group(0), m.group("outlet"))
        found = _dateline(text)
        if found is not None:
            return found
    m = lex.credit_end.search(text)
    if m and m.start() > 0:
        outlet = m.group("outlet") or m.group("outlet2")
        return text[: m.start()].rstrip(), _credit(m.group(0), outlet)
    for pattern in (_END_DASH, _END_PAREN):
        m = pattern.search(text)
        if m and text[: m.start()].rstrip().endswith(TERMINAL) and agency_like(m.group("outlet")):
            return text[: m.start()].rstrip(), _credit(m.group(0), m.group("outlet"))
    return text, None
