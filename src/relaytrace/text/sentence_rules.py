"""Sentence-splitting rules per language, loaded once from ``relaytrace/data/sentences``.

Each language's JSON file lists abbreviations that never end a sentence
(``no_break``), abbreviations that may (``may_end``: then the next word decides,
by its wordfreq frequency), whether a dot after a number is an ordinal
("am 3. März"), its extra stops and its continuation particles. Month names
come from CLDR (babel). ``rules(None)`` is the union of every language, for
text whose language is unknown. Kept apart from the splitter so that the
splitter reads as the algorithm and this module as its data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from relaytrace.text import frequency

__all__ = ["NAME_ZIPF", "Rules", "is_frequent", "key", "rules", "zipf"]

_FREQUENT_ZIPF = 5.9
NAME_ZIPF = 5.0  # a capitalised word rarer than this may be a name ("Holtvik said.")
_FALLBACK_LANGS = ("en", "fr", "de", "es", "ru")
# wordfreq keeps Serbo-Croatian as one list ("sh"), Norwegian as "nb".
_WORDFREQ_ALIASES = {"sr": "sh", "hr": "sh", "bs": "sh", "no": "nb", "tl": "fil"}


@dataclass(frozen=True, slots=True)
class Rules:
    """Abbreviation rules of one language (or the union of all, for unknown text)."""

    no_break: frozenset[str]
    may_end: dict[str, tuple[str, ...]]  # abbreviation -> languages to ask wordfreq
    ordinal_dot: bool
    ordinal_before: frozenset[str]
    months: frozenset[str]
    langs: tuple[str, ...]  # whose word frequencies tell function words from names
    terminals: str  # stops of this language beyond the shared ones (Greek ";")
    no_start: tuple[str, ...]  # words that continue a sentence after a quote (Japanese "と")


@lru_cache(maxsize=65536)
def key(abbreviation: str) -> str:
    """Abbreviations are compared without spaces: "z. B" and "z.B" meet."""
    return "".join(abbreviation.split()).rstrip(".")


@cache
def _data_files() -> dict[str, dict]:
    root = resources.files("relaytrace") / "data" / "sentences"
    return {
        entry.name.removesuffix(".json"): json.loads(entry.read_text(encoding="utf-8"))
        for entry in root.iterdir()
        if entry.name.endswith(".json")
    }


@cache
def _month_names(lang: str) -> frozenset[str]:
    """Month names of a language from CLDR (babel), case-folded, wide and short forms."""
    try:
        from babel.dates import get_month_names

        names: set[str] = set()
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names.update(
                    n.casefold().rstrip(".")
                    for n in get_month_names(width, context, locale=lang).values()
                )
        return frozenset(names)
    except Exception:  # unknown locale: no month rule
        return frozenset()


@cache
def rules(lang: str | None) -> Rules:
    files = _data_files()
    common = files.get("common", {})
    if lang is not None and lang in files:
        chosen = {lang: files[lang]}
    elif lang is None:
        chosen = {k: v for k, v in files.items() if k != "common"}
    else:
        chosen = {}
    no_break = {key(a) for a in common.get("no_break", [])}
    may_end: dict[str, set[str]] = {}
    for abbreviation in common.get("may_end", []):
        may_end.setdefault(key(abbreviation), set()).add(lang or "en")
    ordinal_before: set[str] = set()
    months: set[str] = set()
    ordinal = False
    for code, data in chosen.items():
        no_break.update(key(a) for a in data.get("no_break", []))
        for abbreviation in data.get("may_end", []):
            may_end.setdefault(key(abbreviation), set()).add(code)
        if data.get("ordinal_dot"):
            ordinal = True
            ordinal_before.update(data.get("ordinal_before", []))
            months.update(_month_names(code))
    return Rules(
        no_break=frozenset(no_break - set(may_end)),
        may_end={k: tuple(sorted(v)) for k, v in may_end.items()},
        ordinal_dot=ordinal,
        ordinal_before=frozenset(ordinal_before),
        months=frozenset(months),
        langs=(lang,) if lang else _FALLBACK_LANGS,
        terminals="".join(chosen[lang].get("terminals", "")) if lang in chosen else "",
        no_start=tuple(w for data in chosen.values() for w in data.get("no_start", [])),
    )


@lru_cache(maxsize=65536)
def zipf(word: str, langs: tuple[str, ...]) -> float:
    """Highest wordfreq Zipf frequency of ``word`` (case-folded) among ``langs``."""
    best = 0.0
    for lang in langs:
        code = _WORDFREQ_ALIASES.get(lang, lang)
        if code in _wordfreq_languages():
            best = max(best, frequency.zipf(word.casefold(), code))
    return best


@cache
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


def is_frequent(word: str, langs: tuple[str, ...]) -> bool:
    """True when ``word`` is a very common word (a function word) of one of ``langs``."""
    return zipf(word, langs) >= _FREQUENT_ZIPF
