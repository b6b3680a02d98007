"""Name anchors: proper names and aliases that meet across languages and scripts.

A capitalised word (or a word of an uncased script) becomes ``e:<prefix>``:
transliterated to Latin, folded and cut to a cognate prefix (Столтенберг →
"stol", Moscou/Moscow → "mosc"), acronyms whole; Arabic names also give a
consonant skeleton ``s:<key>``. Countries and organisations become ``a:<id>``
through an alias table (babel/CLDR country names in many locales and
``data/anchors/organisations.json``): NATO = OTAN = НАТО.

Capitalised common words are not names: a capitalised word whose wordfreq Zipf
frequency in the article's language reaches a per-language bar is dropped
("Sunday", "Secretary", German nouns).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

import regex
from anyascii import anyascii

from relaytrace.text import frequency
from relaytrace.text.anchor_tables import CJK, anchor_data, fold, lang_setting, tokens

__all__ = ["PREFIX_LEN", "name_anchors", "name_key", "skeleton_key"]

PREFIX_LEN = 4
"""Cognate prefix length of name anchors (Simard et al. used 4)."""

_NEEDS_SEGMENTER = frozenset({"zh", "ja", "ko"})
_APOSTROPHE = re.compile(r"['’ʼ`]")
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")


_CLDR_LOCALES = (
    *("en", "fr", "de", "es", "it", "pt", "pl", "ru", "uk", "zh", "ar", "nl", "ja", "ko"),
    *("tr", "el", "he", "cs", "ro", "hu", "sv", "fa", "hi", "bg", "sr", "hr", "sk", "fi", "da"),
)


@cache
def _aliases() -> tuple[dict[tuple[str, ...], str], frozenset[tuple[str, ...]], tuple[str, ...]]:
    """(folded token phrase → alias id, phrases that must be all-caps, CJK phrases)."""
    from babel import Locale

    table: dict[tuple[str, ...], str] = {}
    caps: set[tuple[str, ...]] = set()
    for code in _CLDR_LOCALES:
        for territory, name in Locale.parse(code).territories.items():
            if len(territory) == 2 and territory.isalpha():
                key = tuple(fold(t) for t in tokens(name))
                if key:
                    table.setdefault(key, territory)
    for ident, names in anchor_data("organisations.json").items():
        for name in names:
            key = tuple(fold(t) for t in tokens(name))
            if not key:
                continue
            table[key] = ident
            if len(name.replace(".", "")) <= 5 and name.replace(".", "").isupper():
                caps.add(key)
    cjk = tuple(
        sorted(("".join(k) for k in table if CJK.search("".join(k))), key=len, reverse=True)
    )
    for key, ident in list(table.items()):
        if len(key) >= 2:  # inflected phrases: "Сполучених Штатів" ~ "Сполучені Штати"
            table.setdefault(_stem_phrase(key), ident)
        elif len(key[0]) >= 5 and key not in caps:  # inflected words: "России" ~ "Россия"
            table.setdefault(("~1", key[0][:-1]), ident)
    return table, frozenset(caps), cjk


def _stem_phrase(key: tuple[str, ...]) -> tuple[str, ...]:
    return ("~", *tuple(w[:4] for w in key))


def _zipf(word: str, lang: str) -> float:
    if lang in _NEEDS_SEGMENTER:  # capitalised words there are Latin-script: ask English
        lang = "en"
    return frequency.zipf(word, lang)


_SPELLING = (("tsch", "ch"), ("sch", "sh"), ("sz", "sh"), ("cz", "ch"), ("ie", "e"))
_SPELLING += (("ph", "f"), ("th", "t"), ("ck", "k"), ("c", "k"), ("q", "k"), ("j", "i"))
_SPELLING += (("y", "i"), ("w", "v"), ("x", "ks"), ("z", "s"))


@lru_cache(maxsize=200_000)
def name_key(word: str) -> str:
    """Transliterate, fold and cut a name to its cognate prefix ("Столтенберг" → "stol").

    Spellings that transliteration systems and languages swap (c/k, j/y/i, w/v,
    ph/f, z/s; German tsch/sch, Polish cz/sz and ie for Cyrillic е) are merged
    first, so that Kyiv/Kiiv, Jens/Йенс, Macron/Макрон, Zelensky/Selenskyj,
    Charkiw/Kharkiv and Biełgorod/Белгород meet. Acronyms are kept whole.
    """
    latin = fold(anyascii(word))
    latin = "".join(c for c in latin if c.isalnum())
    if word.isupper() and len(latin) <= 6:
        return latin
    for a, b in _SPELLING:
        latin = latin.replace(a, b)
    return latin[:PREFIX_LEN]


_SKELETON_MAP = str.maketrans({"c": "k", "q": "k", "v": "f", "p": "b", "x": "k"})
_ARABIC_LETTERS = regex.compile(r"^\p{Arabic}+$")


@lru_cache(maxsize=200_000)
def skeleton_key(word: str) -> str:
    """Consonant skeleton of a name, for scripts that omit short vowels (Arabic).

    "Stoltenberg" and "ستولتنبرغ" both give "stlt"; vowels, w, y and h are
    dropped, c/q/x→k, v→f, p→b, doubled letters collapsed.
    """
    for prefix in _ARABIC_PREFIXES:  # clitics: "and", "with", "the" (القادري ~ Qadiri)
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    lowered = word.lower()
    if lowered.startswith(("al-", "el-")):  # Al-Qadiri ~ القادري
        word = word[3:]
    latin = "".join(c for c in fold(anyascii(word)) if c.isalpha())
    latin = latin.replace("kh", "h").replace("ch", "h")
    latin = latin.translate(_SKELETON_MAP)
    if latin.startswith("w"):  # an initial w is a consonant (Wetterholm ~ Веттерхольм)
        latin = "f" + latin[1:]
    out: list[str] = []
    for c in latin:
        if c in "aeiouwyh" or (out and out[-1] == c):
            continue
        out.append(c)
    return "".join(out[:PREFIX_LEN])


def _split_elision(token: str) -> list[str]:
    """ "l'OTAN" → ["OTAN"], "dell'UE" → ["UE"], "Russia's" → ["Russia"]."""
    if not _APOSTROPHE.search(token):
        return [token]
    parts = _APOSTROPHE.split(token)
    kept = [p for p in parts if len(p) >= 2 and p[0].isupper()]
    return kept or [max(parts, key=len)]


@lru_cache(maxsize=200_000)
def _is_common(word: str, lang: str | None, at_start: bool) -> bool:
    bar = float(lang_setting(lang, "name_max_zipf"))  # type: ignore[arg-type]
    if at_start:
        bar = min(bar, 3.0)
    here = _zipf(word.lower(), lang or "en")
    if here >= bar:
        return True
    if lang_setting(lang, "noun_capitals") and here >= 2.0:
        return _zipf(word.lower(), "en") < 1.0
    return False


@cache
def _phrase_starts() -> frozenset[str]:
    """First words of alias phrases (plain and stemmed), to skip hopeless lookups."""
    table = _aliases()[0]
    return frozenset(k[1] if k[0] == "~" else k[0] for k in table if len(k) >= 2)


def _alias_lookup(words: Sequence[str], lang: str | None) -> str | None:
    table, caps, _ = _aliases()
    key = tuple(fold(w) for w in words)
    if len(key) >= 2 and key[0] not in _phrase_starts() and key[0][:4] not in _phrase_starts():
        return None
    hit = table.get(key)
    if hit is not None:
        if key in caps and not all(w.replace(".", "").isupper() for w in words):
            return None
        return hit
    if len(words) >= 2:
        return table.get(_stem_phrase(key))
    if len(words) == 1:
        w = key[0]
        if lang == "ar":
            for p in _ARABIC_PREFIXES:
                if w.startswith(p) and (w[len(p) :],) in table:
                    return table[(w[len(p) :],)]
        for cut in (1, 2):
            if len(w) - cut >= 4:
                hit = table.get((w[:-cut],)) or table.get(("~1", w[:-cut]))
                if hit is not None and (w[:-cut],) not in caps:
                    return hit
    return None


_ARABIC_NAME_MAX_ZIPF = 3.0


def _add_skeleton(word: str, out: set[str]) -> None:
    key = skeleton_key(word)
    if len(key) >= 3:
        out.add(f"s:{key}")


def _phrase_at(tokens: Sequence[str], i: int, lang: str | None, out: set[str]) -> int:
    """Add the alias of the longest phrase (2–6 words) starting at token i; its length or 0."""
    for n in range(min(6, len(tokens) - i), 1, -1):
        alias = _alias_lookup(tokens[i : i + n], lang)
        if alias is not None:
            out.add(f"a:{alias}")
            return n
    return 0


@lru_cache(maxsize=200_000)
def _word_anchors(word: str, lang: str | None, at_start: bool) -> tuple[str, ...]:
    """Anchors of one capitalised (or uncased-script) word: an alias, an acronym or a name.

    Cached: names and capitalised words recur within and across articles.
    """
    alias = _alias_lookup([word], lang)
    if alias is not None:
        return (f"a:{alias}",)
    out: set[str] = set()
    if word[0].isupper() and len(word) >= 2:
        bare = word.strip("-.")
        if bare.isupper() and 2 <= len(bare.replace(".", "")) <= 6:
            out.add(f"e:{name_key(bare.replace('.', ''))}")
        elif not _is_common(bare, lang, at_start):
            key = name_key(bare)
            if len(key) >= 3:
                out.add(f"e:{key}")
                _add_skeleton(bare, out)
    elif (
        not word[0].isupper()
        and lang == "ar"
        and _ARABIC_LETTERS.match(word)
        and len(word) >= 4
        and _zipf(word, "ar") < _ARABIC_NAME_MAX_ZIPF
    ):
        _add_skeleton(word, out)
    return tuple(sorted(out))


def name_anchors(text: str, lang: str | None, out: set[str]) -> None:
    """Add the alias and name anchors of a text to ``out``."""
    words = tokens(text)
    if _APOSTROPHE.search(text):
        words = [part for token in words for part in _split_elision(token)]
    starts = _phrase_starts()
    after_phrase = 0
    # a lower-case word is neither alias nor name, though it may continue a phrase
    for i in [i for i, word in enumerate(words) if not word[0].islower()]:
        if i < after_phrase:
            continue
        word = words[i]
        first = fold(word)
        if first in starts or first[:4] in starts:
            taken = _phrase_at(words, i, lang, out)
            if taken:
                after_phrase = i + taken
                continue
        out.update(_word_anchors(word, lang, i == 0))
    _, _, cjk = _aliases()
    if cjk and not text.isascii() and CJK.search(text):
        table = _aliases()[0]
        for phrase in cjk:
            if phrase in text:
                out.add(f"a:{table[(phrase,)]}")
