"""Where or to whom a statement was made: "told MSNBC", "à Politico", "в интервью CNN"."""

from __future__ import annotations

import regex

from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.speakers import Speaker
from relaytrace.trace.statements.tokens import is_common

__all__ = ["find_venue", "find_venue_anywhere", "skip_time", "split_venue_speaker"]

_STOP = regex.compile(r"[,;:!?\"“”«»„]|\.(?:\s|$)|\s[—–]\s")


def skip_time(text: str, lex: Lexicon) -> int:
    """Length of leading time words ("on Friday", "в пятницу") and adverbs to skip."""
    pos = 0
    while True:
        rest = text[pos:]
        lead = len(rest) - len(rest.lstrip(" ,"))
        low = rest[lead:].lower()
        for word in (*lex.time_words, *lex.adverbs, *lex.particles):
            if low.startswith(word) and (len(low) == len(word) or not low[len(word)].isalnum()):
                pos += lead + len(word)
                break
        else:
            return pos


def _cut(text: str, lex: Lexicon) -> str:
    m = _STOP.search(text)
    out = text[: m.start()] if m else text
    words = out.split()
    for i, w in enumerate(words):
        if i and (w.lower() in lex.complementisers or w.lower() in lex.conjunctions):
            out = " ".join(words[:i])
            break
    low = out.lower()
    for t in lex.time_words:
        if low.endswith(" " + t):
            out = out[: -len(t) - 1]
            break
    return out.strip()


def find_venue(after: str, lex: Lexicon, verb: str) -> tuple[str | None, int]:
    """The venue phrase at the start of ``after`` (text following the verb or speaker).

    Returns the phrase (or None) and how many characters of ``after`` it takes.
    """
    lead = skip_time(after, lex)
    rest = after[lead:]
    stripped = rest.lstrip(" ,،")
    lead += len(rest) - len(stripped)
    low = stripped.lower()
    if verb.lower().split()[-1] in lex.venue_object_verbs and stripped[:1].isalnum():
        phrase = _cut(stripped, lex)
        return (phrase or None), lead + len(phrase)
    for start in lex.venue_starts:
        if low.startswith(start) and (
            len(low) == len(start) or not low[len(start)].isalnum() or start.endswith(("'", "’"))
        ):
            phrase = _cut(stripped, lex)
            # one word is a venue only as an addressee noun ("сообщил агентству, что")
            alone = phrase.lower() == start and start not in lex.prepositions
            if len(phrase.split()) < 2 and not lex.no_spaces and not alone:
                return None, 0
            return phrase, lead + len(phrase)
    return None, 0


def split_venue_speaker(venue: str, lex: Lexicon) -> tuple[Speaker | None, str | None]:
    """ "relató a Diario del Estrecho Andrés Quiroga": the venue, then the speaker's name.

    When no speaker was found and the venue ends with two rare capitalised words,
    they are the speaker.
    """
    words = venue.split()
    if len(words) < 3 or lex.no_spaces:
        return None, venue
    tail = words[-2:]
    named = all(w[:1].isupper() for w in tail) and not is_common(tail[1], lex)
    if named and words[-3][:1].isupper():
        return Speaker(" ".join(tail), "name"), " ".join(words[:-2]) or None
    return None, venue


def find_venue_anywhere(text: str, lex: Lexicon) -> str | None:
    """A venue phrase anywhere in an attribution ("At a briefing in Vessholm, X said").

    Only phrases of two words or more count here ("in an interview", "на брифинге"):
    a lone preposition away from the verb says nothing about a venue.
    """
    low = text.lower()
    best: tuple[int, str] | None = None
    for start in lex.venue_starts:
        if " " not in start:
            continue
        k = low.find(start)
        while k >= 0:
            before_ok = k == 0 or not low[k - 1].isalnum()
            end = k + len(start)
            after_ok = end >= len(low) or not low[end].isalnum() or start[-1] in "'’"
            if before_ok and after_ok:
                if best is None or k < best[0]:
                    best = (k, start)
                break
            k = low.find(start, k + 1)
    if best is None:
        return None
    phrase = _cut(text[best[0] :], lex)
    return phrase if len(phrase.split()) >= 2 else None
