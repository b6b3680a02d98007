"""Agency credits: "(AFP) –", "MOSCOW, March 3 (Reuters) -", "— Reuters", "(avec AFP)".

A credit names the agency a text came from. It stands at the start of a
paragraph, after a dateline in the first paragraph, or at the end of a
paragraph; the credit is taken out and the paragraph kept.
"""

from __future__ import annotations

import re

from relaytrace.ingest.lexicon import fold, lexicon
from relaytrace.model import SourceCue

__all__ = ["outlet_name", "strip_credit"]


_DATELINE_PAREN = re.compile(
    r"^(?P<lead>[^\n()（）]{2,70}?)\s*[(（](?P<outlet>[^()（）]{2,40})[)）]\s*(?P<dash>[-–—:])\s*"
)
_DATELINE_SLASH = re.compile(r"^(?P<lead>[^\n/]{2,70}?[.,]?)\s*/(?P<outlet>[^/\n]{2,40})/\.?\s+")
_DATELINE_DASH = re.compile(
    r"^(?P<lead>[^\n]{2,70}?\d[^\n]{0,20}?)\s+[-–—]\s+(?P<outlet>[^.\n]{2,40})\.\s+"
)


def outlet_name(name: str) -> bool:
    words = name.split()
    lex = lexicon()
    if fold(name) in lex.agencies or fold(name) in lex.outlets:
        return True
    if name.isupper():  # "(GRANADA)": a place in a dateline, not an outlet
        return False
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words)


def _caps_lead(lead: str) -> bool:
    first = lead.split()[0] if lead.split() else ""
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
            and outlet_name(m.group("outlet"))
            and (_caps_lead(m.group("lead")) or fold(m.group("outlet")) in lex.agencies)
        ):
            rest = f"{m.group('lead')} {m.group('dash')} {text[m.end() :]}"
            return rest, SourceCue("credit", f"({m.group('outlet')})", outlet=m.group("outlet"))
        for pattern in (_DATELINE_SLASH, _DATELINE_DASH):
            m = pattern.match(text)
            if m and _caps_lead(m.group("lead")) and outlet_name(m.group("outlet").strip()):
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
