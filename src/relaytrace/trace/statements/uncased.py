"""The subject after the verb in a verb-first language without capitals (Arabic).

With no capital letters to find a name by, the subject is read word by word after
the verb up to a complementiser, a venue phrase or punctuation, and its comma parts
tell role from name ("وقال وزير الطاقة، فيصل القديري، إن …").
"""

from __future__ import annotations

from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.speaker import Speaker
from relaytrace.trace.statements.tokens import is_common

__all__ = ["is_uncased", "uncased_after"]


def is_uncased(text: str) -> bool:
    """Text in a spaced script without capital letters (Arabic, Hebrew, Persian)."""
    ch = next((c for c in text if c.isalpha()), "")
    latin_or_cyrillic = ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u0400" <= ch <= "\u04ff"
    return bool(ch) and ch.lower() == ch.upper() and not latin_or_cyrillic


_UNCASED_STOPS = frozenset('،,:;.!?؛؟"“”«»(')


def uncased_after(text: str, lex: Lexicon, offset: int, lead: int) -> tuple[Speaker | None, int]:
    """The subject after a verb in a verb-first language without capitals (Arabic):
    "وقال وزير الطاقة، فيصل القديري، …" → name فيصل القديري, role وزير الطاقة.

    Words are taken up to a complementiser, a venue phrase or punctuation; a part
    holding a role word followed by a short comma part gives the role then the name,
    a first part without a role word is the name and a role part after it its role.
    """
    parts: list[tuple[int, int]] = []  # word spans of up to two comma-separated parts
    words: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    low = text.lower()
    while i < n and len(parts) < 2:
        if text[i].isspace():
            i += 1
            continue
        if text[i] in _UNCASED_STOPS:
            if words:
                parts.append((words[0][0], words[-1][1]))
                words = []
            if text[i] not in "،,":
                break
            i += 1
            continue
        if any(
            low.startswith(s, i) and (i + len(s) == n or not low[i + len(s)].isalpha())
            for s in (*lex.complementisers, *lex.venue_starts, *lex.time_words)
        ):
            break
        j = i
        while j < n and not text[j].isspace() and text[j] not in _UNCASED_STOPS:
            j += 1
        if not words and not parts and low[i:j] in lex.prepositions:
            i = j  # "مشيراً إلى أن": the verb's preposition, no subject
            continue
        words.append((i, j))
        if len(words) > 8:
            return None, 0
        i = j
    if words and len(parts) < 2:
        parts.append((words[0][0], words[-1][1]))
    if not parts:
        return None, 0
    first = text[parts[0][0] : parts[0][1]]
    fw = first.split()
    if fw[0].lower() in lex.pronouns and len(fw) == 1:
        return Speaker(
            fw[0],
            "pronoun",
            start=offset + parts[0][0],
            end=offset + parts[0][1],
            plural=fw[0].lower() in lex.plural_pronouns,
        ), lead + parts[0][1]
    has_role = any(lex.is_role(w) for w in fw)
    if len(parts) == 2:
        second = text[parts[1][0] : parts[1][1]]
        sw = second.split()
        k = 0
        while k < len(sw) and lex.is_role(sw[k]):
            k += 1
        if has_role and 0 < len(sw) - k <= 4 and not any(lex.is_role(w) for w in sw[k:]):
            name = " ".join(sw[k:])
            start = offset + parts[1][0] + second.find(name)
            role = " ".join([first, *sw[:k]])
            return Speaker(name, "name", role=role, start=start, end=start + len(name)), (
                lead + parts[1][1]
            )
        if not has_role and len(fw) <= 4 and any(lex.is_role(w) for w in sw):
            return Speaker(
                first, "name", role=second, start=offset + parts[0][0], end=offset + parts[0][1]
            ), lead + parts[1][1]
    if len(fw) > 6:
        return None, 0
    k = 0
    while k < len(fw) and lex.is_role(fw[k]):
        k += 1
    if k:  # the role's complement: common words, and a preposition with its object
        while k < len(fw) - 1 and (is_common(fw[k], lex) or fw[k].lower() in lex.prepositions):
            k += 2 if fw[k].lower() in lex.prepositions else 1
    if k >= len(fw) or (has_role and k == 0):
        return Speaker(first, "role", start=offset + parts[0][0], end=offset + parts[0][1]), (
            lead + parts[0][1]
        )
    name = " ".join(fw[k:])
    start = offset + parts[0][0] + first.find(name)
    role = " ".join(fw[:k]) or None
    return Speaker(name, "name", role=role, start=start, end=start + len(name)), lead + parts[0][1]
