"""Quotation spans in a paragraph, for every quotation-mark style news uses.

“ ” (English), „ “ (German), „ ” (Polish), « » (French, with or without inner
spaces; Russian, Ukrainian), » « (Danish, German books), ‚ ‘ and ‘ ’ (inner),
「 」 and 『 』 (CJK), and straight " ". Only outermost quotes are returned;
nested ones stay inside their parent's text. A quote left open at the end of a
paragraph (the convention for a quote running on to the next paragraph) ends
there.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quotes"]

# opener -> the characters that may close it
_PAIRS: dict[str, str] = {
    "“": "”“",
    "„": "“”",
    "«": "»",
    "»": "«",
    "‚": "‘’",
    "‘": "’",
    "「": "」",
    "『": "』",
    "《": "》",
}
_SPACES = " \u00a0\u202f\u2009"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Offsets of a quotation: ``start``/``end`` include the marks, ``inner_*`` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_letter(before) and before not in ".,;:!?" and not after.isspace()


def _apostrophe(text: str, i: int) -> bool:
    """’ between letters is an apostrophe, not a closing quote."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return _is_letter(before) and _is_letter(after)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Inner span without spaces, nor the comma or colon English puts inside the marks."""
    while a < b and text[a] in _SPACES:
        a += 1
    while b > a and text[b - 1] in _SPACES + ",:;":
        b -= 1
    return a, b


def find_quotes(text: str) -> list[QuoteSpan]:
    """Outermost quotation spans of one paragraph, in order."""
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []  # (expected closers, opener index)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if stack:
            closers, at = stack[-1]
            if ch in closers and not (ch in "’" and _apostrophe(text, i)):
                # "»" both closes « and opens »…«: closing wins when expected.
                stack.pop()
                if not stack:
                    a, b = _trim(text, at + 1, i)
                    if b > a:
                        spans.append(QuoteSpan(at, i + 1, a, b))
                i += 1
                continue
            if ch == '"':
                if '"' in closers:
                    pass  # handled above
                elif _straight_opens(text, i):
                    stack.append(('"', i))
                i += 1
                continue
        if ch in _PAIRS:
            if ch == "‘" and _apostrophe(text, i):
                i += 1
                continue
            # a reversed »…« quote needs its closer later in the paragraph
            if ch == "»" and not stack and "«" not in text[i + 1 :]:
                i += 1
                continue
            if stack and len(stack) >= 3:
                i += 1
                continue
            stack.append((_PAIRS[ch], i))
        elif ch == '"' and (not stack) and _straight_opens(text, i):
            stack.append(('"', i))
        i += 1
    if stack:
        _, at = stack[0]
        a, b = _trim(text, at + 1, n)
        if b - a > 0:
            spans.append(QuoteSpan(at, n, a, b))
    return spans
