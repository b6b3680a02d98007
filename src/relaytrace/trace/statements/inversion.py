"""The subject after a speech verb: where its phrase ends, and which name run it is.

Inverted attributions ("…, sagte Dr. Ines Varga", "— заявил генеральный директор
«Норд Лайн» Пётр Соколов", "– powiedział „Gazecie Porannej” Jan Wolny") put more
than the subject after the verb: an abbreviated title, a role's complement
naming a body, or the outlet spoken to (a dative with no preposition). These
rules pick the person among the name runs found there.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from typing import Protocol

import regex

from relaytrace.trace.statements.lexicon import Lexicon

__all__ = [
    "addressee_before_subject",
    "after_window",
    "bare_name_after",
    "fronted_adverbial",
    "quoted_name",
    "subject_after",
]

# A stop for the subject window: clause punctuation, a quotation mark, or a full stop
# that does not end an abbreviated title or initial ("Dr.", "Prof.", "J.").
_STOP = regex.compile(r"[;:\"“”«»„]|(?<!(?<![\p{L}])\p{Lu}\p{Ll}{0,3})\.")
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
# A short quoted name ("«Норд Лайн»", "„Gazecie Porannej”"): a title, not a quotation.
_QUOTED_NAME = regex.compile(r"[«„“\"]\p{Lu}[^«»„“”\"\n.,;:!?]{0,40}[»“”\"]")
_QUOTES = ' «»„“”"'
# At most this many lower-case words between a role's complement and the name.
_MAX_BETWEEN = 4


class _Run(Protocol):
    tokens: Sequence[object]

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def after_window(text: str) -> int:
    """Where the subject phrase after a verb must end: short quoted names are kept."""
    pos = 0
    while True:
        m = _STOP.search(text, pos)
        if m is None:
            return len(text)
        quoted = _QUOTED_NAME.match(text, m.start()) if m.group() in '«„“"' else None
        if quoted is None:
            return m.start()
        pos = quoted.end()


def quoted_name(text: str, start: int) -> bool:
    """A short quoted name starts at ``start`` ("«Норд Лайн»"), not a quotation."""
    return _QUOTED_NAME.match(text, start) is not None


def addressee_before_subject(text: str, lex: Lexicon) -> int:
    """Length of an outlet named before the subject ("розповів виданню «Зоря» заступник
    директора Іван Мороз": "виданню «Зоря»"), 0 when the subject does not follow one.

    The outlet is a one-word venue noun (a dative, no preposition) and a quoted name; a
    role word must open what follows, so that the subject is there."""
    stripped = text.lstrip(" ,")
    low = stripped.lower()
    pos = len(text) - len(stripped)
    for start in lex.venue_starts:
        if " " not in start and start not in lex.prepositions and low.startswith(start + " "):
            pos += len(start) + 1
            break
    m = _QUOTED_NAME.match(text, pos)
    if m is None:
        return 0
    rest = text[m.end() :].split(maxsplit=1)
    return m.end() if rest and lex.is_role(rest[0]) else 0


def bare_name_after(window: str, lex: Lexicon) -> tuple[int, int] | None:
    """Span of a lone capitalised word opening ``window`` that must be a name where every
    noun is capitalised: a noun would need its article ("sagte Kerner im Gespräch", not
    "sagte der Kerner"). None when the next word is capitalised too (a longer run)."""
    if not lex.capitalised_nouns:
        return None
    words = list(islice(_WORD.finditer(window), 2))
    if not words or window[: words[0].start()].strip() or not words[0].group()[:1].isupper():
        return None
    m = words[0]
    word = m.group().lower()
    if word in lex.determiners or word in lex.pronouns or word in lex.prepositions:
        return None
    if lex.is_role(word) or any(t.split()[-1] == word for t in lex.time_words):
        return None
    if window[m.end() : m.end() + 1] == ".":
        return None  # an abbreviated title ("Dr. Ina Roth")
    if (
        len(words) > 1
        and not window[m.end() : words[1].start()].strip()
        and words[1].group()[:1].isupper()
    ):
        return None
    return m.start(), m.end()


def fronted_adverbial(phrase: str, lex: Lexicon) -> str | None:
    """What a phrase before the verb names when it is an adverbial, not the subject.

    "In Velden", "Am Dienstagabend", "В министерстве", "Bei Nordhafen Energie": the
    subject then follows the verb (verb-second order, "In Velden sagte Ina Roth");
    with no subject after the verb the place is the source ("В министерстве заявили",
    "Bei Nordhafen Energie hieß es"). Returns the preposition's object ("" for a time
    word), or None when the phrase does not open with a preposition or time word.
    """
    words = phrase.split()
    if not words:
        return None
    first = words[0].lower()
    if " ".join(words).lower() in lex.time_words:
        return ""
    if first in lex.prepositions and first not in lex.determiners:
        rest = words[1:]
        if " ".join(rest).lower() in lex.time_words or any(
            t.split()[-1] == " ".join(rest).lower() for t in lex.time_words
        ):
            return ""
        return " ".join(rest)
    return None


def subject_after(runs: Sequence[_Run], segment: str, offset: int, lex: Lexicon) -> _Run:
    """The run that is the subject among name runs after a verb (no comma between them).

    A run is passed over for the next one, a person's name of two words or more, when
    it is a quoted title ("«Норд Лайн» Пётр Соколов"), the complement of the role
    before it ("губернатор Заречной области Иван Петров"), or the outlet spoken to,
    with the role of the speaker between them ("сказала Kyiv Post аналітикиня Ірина
    Бойко"). Only lower-case words may stand between, none of them a preposition.
    """
    run = runs[0]
    for nxt in runs[1:]:
        title = _QUOTED_NAME.match(segment, max(0, run.start - offset - 1))
        quoted = title is not None and title.start() == run.start - offset - 1
        end = title.end() if quoted and title.end() <= nxt.start - offset else run.end - offset
        between = segment[end : nxt.start - offset]
        words = between.strip(_QUOTES).split()
        if (
            len(nxt.tokens) < 2
            or any(c in between for c in ",;:()—–")
            or len(words) > _MAX_BETWEEN
            or any(w[:1].isupper() or w.lower() in lex.prepositions for w in words)
            or any(w.lower() in lex.venue_starts for w in words[:1])
        ):
            break
        before = segment[: run.start - offset].strip(_QUOTES).split()[-_MAX_BETWEEN:]
        governed = any(lex.is_role(w) for w in before) and all(not w[:1].isupper() for w in before)
        addressee = any(lex.is_role(w) for w in words)
        if not (quoted or governed or addressee):
            break
        run = nxt
    return run
