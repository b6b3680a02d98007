"""Word tokens with offsets, and the capitalised-name test that speaker finding rests on."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from relaytrace.text import frequency
from relaytrace.trace.statements.lexicon import Lexicon

__all__ = ["Token", "is_capitalised", "is_common", "tokenize"]

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}'’\-]*[\p{L}\p{M}\p{N}])?\.?")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def bare(self) -> str:
        return self.text.rstrip(".")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of ``text``; offsets are shifted by ``offset``.

    Several finders read the same paragraph, so the tokens are cached (a fresh
    list is returned each time, for callers that change it)."""
    return list(_tokenize(text, offset))


@lru_cache(maxsize=256)  # the paragraphs of an article and their parts
def _tokenize(text: str, offset: int) -> tuple[Token, ...]:
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        # keep a final dot only for initials and abbreviations ("J.", "Mr.")
        if word.endswith(".") and len(word) > 3:
            out.append(Token(word[:-1], m.start() + offset, m.end() - 1 + offset))
        else:
            out.append(Token(word, m.start() + offset, m.end() + offset))
    return tuple(out)


def word_count(text: str, lex: Lexicon) -> int:
    """Words of a quote or clause (characters / 2 where words are not spaced)."""
    return len(text) // 2 if lex.no_spaces else len(text.split())


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _zipf(word: str, lang: str) -> float:
    return frequency.zipf(word, lang or "en")


def is_common(word: str, lex: Lexicon, zipf: float | None = None) -> bool:
    """A frequent word of the language (so a capital letter does not make it a name)."""
    w = word.lower().rstrip(".")
    tail = w.replace("’", "'").rsplit("'", 1)[-1]
    w = tail or w
    return _zipf(w, lex.lang) >= (lex.common_zipf if zipf is None else zipf)
