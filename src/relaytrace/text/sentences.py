"""Sentence splitting with character offsets, for news text in any language.

A rule-based splitter: a sentence ends at a cluster of terminal punctuation
(``. ! ? …`` and the CJK, Arabic, Devanagari, Armenian and Ethiopic stops),
optionally followed by closing quotes and brackets, when what follows starts a
new sentence (a capital letter, a digit, an opening quote, a letter of a
caseless script). A lower-case continuation never starts a sentence, which
keeps "« … » il a dit." and "“…?” she asked." whole. Dots after abbreviations
(per-language lists in ``relaytrace/data/sentences/*.json``), initials
("J. Stoltenberg"), ordinal numbers ("am 3. März") and inside decimals are not
boundaries. Paragraphs (blank lines) are never merged; a single line break is a
boundary unless the next line continues in lower case.

Offsets, not strings, are the output, so that every sentence points back into
the text it came from (``Article.body``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

from relaytrace.model import Sentence
from relaytrace.text.sentence_rules import NAME_ZIPF, Rules, is_frequent, zipf
from relaytrace.text.sentence_rules import key as abbreviation_key
from relaytrace.text.sentence_rules import rules as rules_of

__all__ = ["sentences_of", "split_sentences"]

# Terminal punctuation. CJK stops end a sentence without a following space.
_TERMINALS = ".!?…‼⁇⁈⁉。！？．؟۔।॥።։။។།"
_CJK_TERMINALS = frozenset("。！？．")
# Closing quotes and brackets that may follow the terminal directly.
_CLOSERS = "\"'”’»«“›‹)]}」』】〕）"
# What may precede the first letter of a sentence.
_OPENERS = frozenset("\"'“”„‚‘’«»‹›([{¿¡–—―-•·*「『【〔（")
_SPACES = " \t\u00a0\u202f\u2009\u2007\u200b"
_OPENER_CHARS = "".join(sorted(_OPENERS))
_GLUED_OPENERS = frozenset("“‘„«‹")
_FULL_STOPS = frozenset(".。．।۔")


@cache
def _cluster_pattern(extra_terminals: str) -> re.Pattern[str]:
    """Stops (with a language's extra ones, e.g. Greek ";"), then closing quotes.

    Closers follow the stop directly, or French "»" after a (no-break) space.
    """
    stops = re.escape(_TERMINALS + extra_terminals)
    closers = re.escape(_CLOSERS)
    return re.compile(f"[{stops}]+(?:[{closers}]|[\u00a0\u202f\u2009 ]»|[\u00a0\u202f]”)*")


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0\r]*\n\s*")
_STRAIGHT_QUOTE = re.compile('"')
_INITIAL_SEPARATORS = re.compile(r"[.\-]+")
_NON_CJK_WORD = re.compile(r"[^\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_MAX_ATTRIBUTION_WORDS = 4


def _next_start(text: str, i: int) -> int:
    """Index of the first letter or digit at or after ``i``, skipping spaces and openers."""
    n = len(text)
    while i < n and (text[i] in _SPACES or text[i] in _OPENERS):
        i += 1
    return i


def _starts_sentence(ch: str) -> bool:
    if ch.isalpha():
        return not ch.islower()  # upper case, title case or a caseless script
    return True  # digits, symbols


def _word_at(text: str, i: int) -> str:
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] in "-'’"):
        j += 1
    return text[i:j]


def _tokens_before(text: str, end: int, count: int) -> list[str]:
    """The last ``count`` whitespace-separated tokens of ``text[:end]``, stripped of openers."""
    window = text[max(0, end - 40 * count) : end]  # bounded: long paragraphs stay linear
    tokens = window.split()[-count:]
    return [t.lstrip(_OPENER_CHARS) for t in tokens]


def _dot_is_boundary(text: str, dot: int, start: int, rules: Rules) -> bool:
    """Decide a single "." at ``dot`` whose next sentence would begin at ``start``."""
    before = _tokens_before(text, dot, 3)
    if not before or not before[-1]:
        return True
    last = before[-1]
    two = "".join(before[-2:])
    if abbreviation_key(last) in rules.no_break or abbreviation_key(two) in rules.no_break:
        return False
    next_word = _word_at(text, start)
    window = text[start : start + 40].split(maxsplit=1)
    following = window[0] if window else ""
    joined = abbreviation_key(last + "." + following)
    if joined in rules.no_break or joined in rules.may_end:
        return False  # inside a spaced abbreviation: the "z." of "z. B."
    for key in (abbreviation_key(two), abbreviation_key(last)):
        langs = rules.may_end.get(key)
        if langs is not None:
            return bool(next_word) and next_word[0].isupper() and is_frequent(next_word, langs)
    # Initials and dotted initialisms: "J. Stoltenberg", "J.-P. Morel", "A.B.C."
    parts = [p for p in _INITIAL_SEPARATORS.split(last) if p]
    if parts and all(len(p) == 1 and p.isalpha() and p.isupper() for p in parts):
        return False
    if rules.ordinal_dot and last.isdigit() and len(last) <= 3:
        if next_word.casefold().rstrip(".") in rules.months:
            return False
        if len(before) >= 2 and before[-2] in rules.ordinal_before:
            return False
    return True


def _boundaries(text: str, rules: Rules) -> list[tuple[int, bool]]:
    """Sentence ends inside one paragraph: (index just after the end, ended in a quote)."""
    out: list[tuple[int, bool]] = []
    quotes = [m.start() for m in _STRAIGHT_QUOTE.finditer(text)] if '"' in text else []
    for m in _cluster_pattern(rules.terminals).finditer(text):
        end = _opening_quote_cut(text, m.start(), m.end(), quotes)
        cluster = text[m.start() : end]
        stops = cluster.rstrip(_CLOSERS + _SPACES)
        if stops in ("...", "…") and m.start() > 0 and text[m.start() - 1] in "[(":
            continue  # an omission mark "[…]" inside a quote
        if end >= len(text):
            continue
        after = text[end]
        cjk_next = after == '"' or after in _GLUED_OPENERS or (after.isalpha() and _is_cjk(after))
        if rules.no_start and text.startswith(rules.no_start, _next_start(text, end)):
            continue  # 「…。」と述べた: a particle carries the sentence on
        if stops[-1] in _CJK_TERMINALS or (cjk_next and stops != "."):
            out.append((end, stops != cluster))
            continue
        if after not in _SPACES and after != "\n" and after != '"' and after not in _GLUED_OPENERS:
            continue  # "3.5", "example.com", "e.g.,"
        start = _next_start(text, end)
        if start >= len(text) or not _starts_sentence(text[start]):
            continue
        if text[start] == "/":  # agency dateline: "MOSCOW, June 9. /TASS/. The ..."
            continue
        if stops == "." and cluster == "." and not _dot_is_boundary(text, m.start(), start, rules):
            continue
        out.append((end, stops != cluster))
    return out


def _opening_quote_cut(text: str, start: int, end: int, quotes: Sequence[int]) -> int:
    """End of a stop cluster, cut before a quote that opens the next sentence.

    A quote glued to a stop and to the next letter may open the next sentence
    (Chinese “。“回收…”, no space): "“", "„", "«" then always do. A straight '"'
    can close (“。"他说”) or open (“。"设备”): the count of '"' before it tells.
    """
    if end >= len(text) or not text[end].isalnum():
        return end
    for q in range(start, end):
        ch = text[q]
        if ch in _GLUED_OPENERS or (ch == '"' and bisect_left(quotes, q) % 2 == 0):
            return q
    return end


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF


def _line_breaks(text: str) -> list[int]:
    """Single line breaks that start a new sentence (the next line is not lower case).

    In hard-wrapped text (pasted mail or plain-text pages: most lines of similar
    width and ending mid-sentence), a line break is only a space.
    """
    if "\n" not in text or _hard_wrapped(text):
        return []
    out = []
    for m in re.finditer(r"\n", text):
        start = m.end()
        while start < len(text) and text[start] in _SPACES:
            start += 1
        if start >= len(text):
            continue
        ch = text[start]
        if not (ch.isalpha() and ch.islower()):  # bullets, capitals, digits, caseless scripts
            out.append(m.start())
    return out


def _hard_wrapped(text: str) -> bool:
    lines = [line.rstrip() for line in text.split("\n")][:-1]  # the last line may be short
    if len(lines) < 3:
        return False
    widths = sorted(len(line) for line in lines)
    median = widths[len(widths) // 2]
    open_ended = sum(1 for line in lines if line and line[-1] not in _TERMINALS + _CLOSERS)
    similar = sum(1 for w in widths if abs(w - median) <= 0.25 * median)
    # Prose runs on in lower case somewhere; a list of headlines never does.
    lower = sum(1 for line in text.split("\n")[1:] if line.lstrip()[:1].islower())
    return (
        40 <= median <= 120
        and open_ended >= 0.6 * len(lines)
        and similar >= 0.7 * len(lines)
        and lower >= 0.25 * len(lines)
    )


def _word_count(span: str) -> float:
    """Words of ``span``; a CJK character counts as half a word."""
    cjk = sum(1 for ch in span if _is_cjk(ch))
    latin = len(_NON_CJK_WORD.findall(span))
    return latin + cjk / 2


def _is_attribution(tail: str, rules: Rules) -> bool:
    """True for a short clause after a quote that names its speaker: "Holtvik said.", "他说。".

    It must be short, end in a full stop, and (in scripts with case) start with
    a word that is not a common word of the language, i.e. a name, not "The".
    """
    if not tail or tail[0] in _OPENERS or tail[-1] not in _FULL_STOPS:
        return False
    if _word_count(tail) > _MAX_ATTRIBUTION_WORDS:
        return False
    first = _word_at(tail, 0)
    if not first or not first[0].isupper():
        return True  # caseless scripts
    return zipf(first, rules.langs) < NAME_ZIPF


def _split_paragraph(text: str, offset: int, rules: Rules) -> list[tuple[int, int]]:
    ends = _boundaries(text, rules)
    # An attribution after a quote that ends the sentence: "“Never!” Holtvik said."
    kept: list[int] = []
    for k, (end, quoted) in enumerate(ends):
        nxt = ends[k + 1][0] if k + 1 < len(ends) else len(text)
        if quoted and _is_attribution(text[end:nxt].strip(), rules):
            continue
        kept.append(end)
    cuts = sorted(set(kept) | set(_line_breaks(text)))
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in [*cuts, len(text)]:
        s, e = begin, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s + offset, e + offset))
        begin = cut
    return spans


def split_sentences(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of the sentences of ``text``, trimmed of whitespace.

    ``lang`` (ISO 639-1; "en-US" is read as "en") selects the abbreviation rules;
    with None, the rules of every language with a data file apply. A sentence
    never spans a blank line.
    """
    rules = rules_of(lang.lower().replace("_", "-").split("-")[0] if lang else None)
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.extend(_split_paragraph(text[begin : m.start()], begin, rules))
        begin = m.end()
    spans.extend(_split_paragraph(text[begin:], begin, rules))
    return spans


def sentences_of(paragraphs: Sequence[str], lang: str | None) -> tuple[Sentence, ...]:
    """The sentences of an article body, with offsets into ``"\\n\\n".join(paragraphs)``."""
    out: list[Sentence] = []
    offset = 0
    for p, paragraph in enumerate(paragraphs):
        for start, end in split_sentences(paragraph, lang):
            s, e = start + offset, end + offset
            out.append(Sentence(len(out), p, s, e, paragraph[start:end]))
        offset += len(paragraph) + 2
    return tuple(out)
