"""Anchors: what a translator cannot change — numbers, names, quoted titles, URLs.

A sentence's anchors are short strings that compare equal across languages and
scripts, so that a French sentence and its English original share them:

    n:<value>   a number, normalised ("61 milliards", "$61 billion", "61 млрд",
                "6,2 Mrd.", "4万", "soixante et un milliards"); the bare figure too
                (``number_anchors``)
    a:<id>      an alias: a country (babel/CLDR names in many locales) or an
                organisation (``data/anchors/organisations.json``): NATO = OTAN = НАТО
    e:<prefix>  a proper name, transliterated to Latin, folded, cut to a cognate
                prefix (Столтенберг → "stol", Moscou/Moscow → "mosc"); acronyms whole
                (``name_anchors``, with aliases and Arabic skeletons ``s:<key>``)
    q:<title>   a short quoted title in capitals
    u:<host>    a URL, domain or handle

Language-specific lists live in ``relaytrace/data/anchors/*.json``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import regex
from anyascii import anyascii

from relaytrace.text.anchor_tables import fold
from relaytrace.text.name_anchors import PREFIX_LEN, name_anchors, name_key, skeleton_key
from relaytrace.text.number_anchors import number_anchors, number_value

__all__ = [
    "PREFIX_LEN",
    "anchors_of",
    "fold",
    "name_key",
    "number_value",
    "sentence_anchors",
    "skeleton_key",
]

_URL = regex.compile(r"https?://[^\s<>\"'()\[\]«»]+|\bwww\.[^\s<>\"'()\[\]«»]+", regex.I)
_DOMAIN = regex.compile(r"\b(?:[a-z0-9-]+\.)+(?:com|org|net|info|news|tv|ru|ua|fr|de|example)\b")
_SCHEME = regex.compile(r"^(https?://)?(www\.)?")
_MAYBE_URL = regex.compile(r"\w\.\w")
_HANDLE = regex.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,30}")
_QUOTED = regex.compile(r"[«\"“„‘']\s*([^«»\"“”„‘’]{3,80}?)\s*[»\"”“’']")
_QUOTE_MARK = re.compile(r"[«\"“„‘']")


def _titles(text: str, out: set[str]) -> None:
    if not _QUOTE_MARK.search(text):
        return
    for m in _QUOTED.finditer(text):
        words = m.group(1).split()
        if 2 <= len(words) <= 8 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            out.add("q:" + "".join(c for c in fold(anyascii(m.group(1))) if c.isalnum())[:40])


def _urls(text: str, out: set[str]) -> None:
    if "@" in text:
        for m in _HANDLE.finditer(text):
            out.add("u:" + m.group().lower())
    if not _MAYBE_URL.search(text):
        return
    for m in _URL.finditer(text):
        url = _SCHEME.sub("", m.group().lower()).rstrip("/.,;")
        out.add("u:" + url.split("/")[0])
        if "/" in url:
            out.add("u:" + url)
    for m in _DOMAIN.finditer(text.lower()):
        out.add("u:" + m.group().removeprefix("www."))


def _may_hold_url(text: str) -> bool:
    """Whether ``_URL`` could match: a scheme's "://" or a "www." in any case."""
    return "://" in text or "ww." in text.lower()


@lru_cache(maxsize=65_536)
def anchors_of(text: str, lang: str | None = None) -> frozenset[str]:
    """The anchors of one sentence (or any short text) written in ``lang``.

    Cached: copies and relays repeat their sources' sentences word for word.
    """
    out: set[str] = set()
    text = unicodedata.normalize("NFC", text)
    _urls(text, out)
    number_anchors(_URL.sub(" ", text) if _may_hold_url(text) else text, lang, out)
    name_anchors(text, lang, out)
    _titles(text, out)
    return frozenset(out)


def sentence_anchors(
    sentences: Iterable[str], lang: str | None = None
) -> tuple[frozenset[str], ...]:
    """Anchors of each sentence, in order."""
    return tuple(anchors_of(s, lang) for s in sentences)
