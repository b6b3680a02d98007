"""The cue word lists and the folding they are matched with.

The lists live in ``relaytrace/data/cues/<lang>.toml`` (and ``agencies.toml``)
and are merged: the language of a page is not known yet when its cues are
read. Phrases are matched on a folded form of the line (lower case, accents
off) that keeps one character for one, so offsets point into the original.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "CJK",
    "TERMINAL",
    "URL",
    "CueLexicon",
    "fold",
    "fold_chars",
    "is_cjk",
    "lexicon",
    "same_outlet",
]

TERMINAL = tuple('.!?…。！？:;»"”’)）」')
_LEAD_SEP = r"\s*(?:[:：\-–—|»>›]+\s*|\s+(?=[\"«“„'‘\w]))"
URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
CJK = re.compile(r"[\u3040-\u9fff]")  # kana and CJK ideographs: text written without spaces


def is_cjk(text: str) -> bool:
    """Whether the text holds kana or CJK ideographs (written without spaces)."""
    return CJK.search(text) is not None


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe- and space-normalised form used for matching."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").casefold()
    return " ".join(_COMBINING.sub("", unicodedata.normalize("NFD", text)).split())


class _CharFolds(dict[int, str]):
    """Code point → its folded character, worked out on first lookup (``__missing__``)."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        low = c.lower()
        if len(low) != 1:
            low = c
        base = unicodedata.normalize("NFD", low)[0]
        self[code] = folded = {"’": "'", "\u00a0": " "}.get(base, base)
        return folded


_CHAR_FOLDS = _CharFolds()


def fold_chars(text: str) -> str:
    """Like :func:`fold` but one character for one, so match offsets point into ``text``."""
    return text.translate(_CHAR_FOLDS)


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
    sections: frozenset[str]
    promo: re.Pattern[str]
    paywall: re.Pattern[str]


def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(fold_chars(p)) for p in sorted(set(phrases), key=len, reverse=True))


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
        credit_start=re.compile(rf"^[(（]?(?P<outlet>{agency_group})[)）]?\s*[-–—:]{{1,2}}\s+"),
        credit_line=re.compile(
            rf"[(（]?(?:(?:{with_alt})\s+)?(?P<outlet>{agency_group})[)）]?\.?", re.I
        ),
        with_line=re.compile(rf"[(（](?:{with_alt})\s+(?P<outlet>[^()（）]{{2,40}})[)）]\.?", re.I),
        agencies=frozenset(fold(a) for a in agencies),
        outlets=frozenset(fold(o) for o in agencies_data.get("outlets", []) + agencies),
        outlet_words=frozenset(fold(w) for w in lists.get("outlet_words", [])),
        sections=frozenset(fold(w) for w in lists.get("sections", [])),
        promo=re.compile(rf"^(?:{_alternation(lists.get('promo', []))})\b"),
        paywall=re.compile(rf"^(?:{_alternation(lists.get('paywall', []))})(?:\W|$)"),
    )


def same_outlet(a: str, b: str) -> bool:
    """Whether two spellings name the same outlet ("Notizie Flash", "notizieflash.example")."""

    def key(s: str) -> str:
        s = fold(s)
        s = re.sub(r"^(?:https?://)?(?:www\.)?", "", s)
        s = re.sub(r"\.[a-z]{2,}(?:/.*)?$", "", s) if " " not in s else s
        return re.sub(r"[\W_]+", "", s)

    ka, kb = key(a), key(b)
    return bool(ka) and ka == kb
