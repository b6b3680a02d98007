"""One folding and one tokeniser for the whole project.

Matching, anchors and statements compare words across copies, so they must cut
and fold text the same way: ``fold`` applies NFKC, case folding and accent
stripping; ``tokens`` yields words (letters and digits, with inner apostrophes,
hyphens and decimal points kept) and every CJK character as a token of its own,
since Chinese and Japanese do not separate words by spaces.
"""

from __future__ import annotations

import unicodedata

import regex

__all__ = ["fold", "token_spans", "tokens"]

_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}"
_TOKEN = regex.compile(
    rf"[{_CJK}]"  # one CJK character
    rf"|(?:[^\W_{_CJK}]|\p{{M}})+"  # a run of letters, digits and combining marks
    rf"(?:['’\-.,](?:[^\W_{_CJK}]|\p{{M}})+)*",  # l'OTAN stays whole, 3.5 and 61,000 too
    regex.UNICODE,
)


def fold(text: str) -> str:
    """NFKC, case-fold and strip accents: "Élysée" -> "elysee", "Straße" -> "strasse".

    Accents go from Latin and Greek letters, stress marks and the diaeresis of
    "ё" from Cyrillic (but "й" and "ї" are letters of their own and stay), and
    the optional short-vowel marks from Arabic and Hebrew. Marks that are vowels
    (Devanagari, Thai) stay.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    out: list[str] = []
    base = ""
    for ch in unicodedata.normalize("NFD", folded):
        if unicodedata.combining(ch) and _strippable(base, ch):
            continue
        if not unicodedata.combining(ch):
            base = ch
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _strippable(base: str, mark: str) -> bool:
    if base < "\u0370" or "\u1e00" <= base <= "\u1fff":  # Latin, Greek extended
        return True
    if "\u0370" <= base < "\u0400":  # Greek
        return True
    if "\u0400" <= base < "\u0530":  # Cyrillic: keep й, ў, ї
        return mark not in "\u0306\u0308" or (mark == "\u0308" and base == "е")
    return "\u0590" <= base < "\u0700"  # Hebrew and Arabic vowel marks


def tokens(text: str) -> list[str]:
    """Words of ``text`` as written (not folded), CJK characters one by one.

    Inner apostrophes, hyphens, dots and commas between letters or digits stay
    inside the token ("l'OTAN", "Jean-Pierre", "3.5", "61,000"); splitting
    elisions apart is the caller's concern.
    """
    return _TOKEN.findall(text)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of the tokens ``tokens`` returns, in order."""
    return [m.span() for m in _TOKEN.finditer(text)]
