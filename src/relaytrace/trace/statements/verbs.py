"""Speech verbs in a text span, with their auxiliaries ("has said", "a-t-il déclaré")."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from relaytrace.trace.statements.lexicon import Lexicon

__all__ = ["VerbHit", "according_hits", "find_verbs"]

_WORD_BEFORE = regex.compile(r"([\p{L}'’\-]+)\s+$")
_AUX_LIMIT = 3


@dataclass(frozen=True, slots=True)
class VerbHit:
    """A speech verb: offsets of the whole verb group, and an inverted pronoun if any."""

    start: int
    end: int
    text: str
    pronoun: str | None = None


def find_verbs(text: str, lex: Lexicon) -> list[VerbHit]:
    """Speech-verb groups in ``text``, left to right."""
    if lex.verb_re is None:
        return []
    hits: list[VerbHit] = []
    for m in lex.verb_re.finditer(text):
        start, end = m.start(), m.end()
        before = _WORD_BEFORE.search(text[:start])
        if before and before.group(1).lower() in lex.verb_blockers:
            continue
        pronoun = None
        for _ in range(_AUX_LIMIT):
            w = _WORD_BEFORE.search(text[:start])
            if not w:
                break
            word = w.group(1).lower()
            if word in lex.auxiliaries or word in lex.adverbs:
                start = w.start(1)
                for inv in lex.inverted_pronouns:
                    if word.endswith(inv):
                        pronoun = inv.split("-")[-1]
            else:
                break
        tail = text[end:].lower()
        for inv in lex.inverted_pronouns:
            if tail.startswith(inv) and (len(tail) == len(inv) or not tail[len(inv)].isalpha()):
                end += len(inv)
                pronoun = inv.split("-")[-1]
                break
        if hits and start < hits[-1].end:
            continue
        hits.append(VerbHit(start, end, text[start:end], pronoun))
    return hits


def according_hits(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of "according to" forms ("selon", "по словам", "laut")."""
    if lex.according_re is None:
        return []
    hits = []
    for m in lex.according_re.finditer(text):
        before = _WORD_BEFORE.search(text[: m.start()])
        word = before.group(1).lower() if before else ""
        if word in lex.determiners or word in lex.verb_blockers:
            continue  # "il secondo posto": an ordinal, not a source
        hits.append((m.start(), m.end()))
    return hits
