"""What the anchor extractors share: their data files, per-language settings,
folding and word tokens.

Language-specific lists live in ``relaytrace/data/anchors/*.json``; keys that
start with "_" are comments.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import regex

__all__ = ["ASCII_TOKEN", "CJK", "TOKEN", "anchor_data", "fold", "lang_setting", "tokens"]

TOKEN = regex.compile(r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}][\p{L}\p{M}'’ʼ`\-]*")
"""A word, an initialism ("U.S.") or a hyphenated or elided word ("l'OTAN")."""
ASCII_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'`\-]*")
"""``TOKEN`` on ASCII text, where the stdlib engine is faster."""
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


@cache
def anchor_data(name: str) -> dict:
    """One JSON file of ``relaytrace/data/anchors``, comments left out."""
    text = resources.files("relaytrace.data.anchors").joinpath(name).read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@lru_cache(maxsize=4096)
def lang_setting(lang: str | None, key: str) -> object:
    """A language's setting in ``languages.json``, else the default's."""
    settings = anchor_data("languages.json")
    return settings.get(lang or "", settings["default"]).get(key, settings["default"][key])


@lru_cache(maxsize=500_000)
def fold(text: str) -> str:
    """Case- and accent-fold without changing script ("États-Unis" → "etats-unis")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().replace("’", "'").replace("ʼ", "'")


def tokens(text: str) -> list[str]:
    """The words of a text (``TOKEN``)."""
    return ASCII_TOKEN.findall(text) if text.isascii() else TOKEN.findall(text)
