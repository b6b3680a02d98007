"""Where a speaker phrase ends, and whether it can speak at all.

A speaker is a noun phrase that can speak: a name, a role, a body, a pronoun.
Fragments of the sentence around a speech verb are not ("Further steps are
not", "the measures as", "dass der Regen … nachlässt"); an addressee before
the subject ("a déclaré à Agence Méridien le président …") is the venue; the
source of "according to the union's calculations" is the union.
"""

from __future__ import annotations

from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.names import script
from relaytrace.trace.statements.tokens import is_capitalised, tokenize

__all__ = [
    "addressee",
    "fronted",
    "governed",
    "non_agent",
    "possessive",
    "possessor",
    "trim_phrase",
    "venue_prefix",
]

_QUOTES = '"“”«»„‚‘’'
_PUNCT = ",;:.!?()"


def _low(word: str) -> str:
    return word.lower().strip(_PUNCT + _QUOTES)


def _function_word(word: str, lex: Lexicon) -> bool:
    w = _low(word)
    return (
        w in lex.prepositions
        or w in lex.determiners
        or w in lex.openers
        or w in lex.complementisers
        or w in lex.auxiliaries
    )


def non_agent(phrase: str, lex: Lexicon) -> bool:
    """A subject phrase that is a fragment of the clause, not someone who speaks:
    it holds a finite auxiliary ("Further steps are not", "No deaths had been"),
    opens with a complementiser ("dass der Regen …"), or ends on a preposition,
    determiner or auxiliary, so it is a verb's object before its complement ("the
    measures as", "las medidas de"). A phrase opening with a preposition can speak
    ("Bei Nordhafen hieß es", "В администрации области сообщили")."""
    words = phrase.split()
    while len(words) > 1 and _low(words[-1]) in lex.particles:
        words.pop()  # "teilten die Behörden mit": the verb's particle
    if not words:
        return True
    if any(_low(w) in lex.auxiliaries for w in words[1:]) and not lex.no_spaces:
        return True
    if _low(words[0]) in lex.complementisers:
        return True
    return len(words) > 1 and _function_word(words[-1], lex)


def trim_phrase(phrase: str, lex: Lexicon) -> str:
    """``phrase`` without what follows the noun phrase: a trailing time word or adverb
    ("l'institut mardi") and a prepositional phrase that is no complement of the
    noun ("la banque centrale après sa réunion", "des Ministeriums bis zu 40
    Soldaten"; complements with ``genitive_prepositions`` stay: "ministère de la
    Défense")."""
    words = phrase.split()
    while len(words) > 1 and (_low(words[0]) in lex.conjunctions or _low(words[0]) in lex.adverbs):
        words = words[1:]  # "But industry groups"
    if lex.genitive_prepositions:
        for k in range(1, len(words)):
            w = _low(words[k])
            if w in lex.prepositions and w not in lex.genitive_prepositions:
                words = words[:k]
                break
    while len(words) > 1 and _low(words[-1]) in lex.determiners:
        words = words[:-1]
    while len(words) > 1:
        tail = _low(words[-1])
        two = " ".join(_low(w) for w in words[-2:])
        if two in lex.time_words:
            words = words[:-2]
        elif tail in lex.time_words or tail in lex.adverbs or tail in lex.particles:
            words = words[:-1]
        else:
            break
    return " ".join(words)


def possessor(source: str, lex: Lexicon) -> str | None:
    """Whose figures an "according to" source cites: "the union's calculations" →
    "the union", "les calculs du syndicat" → "syndicat", "figures published by the
    bloc" → "the bloc"; None when the head is no ``source_nouns`` word."""
    if not lex.source_nouns:
        return None
    words = source.split()
    for k, word in enumerate(words):
        if _low(word) not in lex.source_nouns:
            continue
        # "the union's (latest) calculations": the possessive before the noun
        for j in range(k - 1, max(-1, k - 3), -1):
            w = words[j].rstrip(",")
            if w.endswith(("'s", "’s")):
                return " ".join([*words[:j], w[:-2]]).strip() or None
        # "les calculs du syndicat": the complement after a genitive preposition;
        # "figures published by the bloc": the agent of a participle
        rest = words[k + 1 :]
        if rest and _low(rest[0]) in lex.genitive_prepositions and len(rest) > 1:
            return " ".join(rest[1:])
        if len(rest) > 2 and _low(rest[1]) in lex.agent_prepositions:
            return " ".join(rest[2:])
        return None
    return None


def governed(before: str, lex: Lexicon) -> bool:
    """The words before a name end on a preposition (its determiners, role words,
    capitalised words and up to two other lower-case words set aside): the name is a
    place or an addressee ("à Vessholm", "a Northwind Wire", "de la Fundación Mar
    Claro", "à televisão estatal X"), not the subject."""
    words = before.split()
    skipped = 0
    complement = determined = False
    while words and words[-1][-1:] not in ",;:":
        word = words.pop()
        low = _low(word)
        if low in lex.determiners:
            determined = True
            continue
        if low in lex.prepositions:
            # "ministro de Asuntos Exteriores X", "capitaine de frégate X": a title's bare
            # complement, the name after it is in apposition ("presidente de Qilan Motors"
            # has no complement before the name: the name is the complement)
            title = words and lex.is_role(words[-1])
            return not (title and (complement or skipped) and not determined)
        if not skipped and (lex.is_role(word) or is_capitalised(word)):
            complement = True
            continue
        lower = word.islower() and not _function_word(word, lex) and low not in lex.verbs
        if skipped < 2 and lower:
            skipped += 1  # "prep (det) noun (adj) Name", nothing capitalised between
            continue
        return False
    return False


def venue_prefix(text: str, lex: Lexicon) -> int:
    """Length of an addressee or venue opening ``text`` right after a verb, when a
    subject follows it: "à Agence Méridien | le président …", "a este periódico |
    Óscar Benavente", "„Gazecie Niezależnej” | Tomasz Wierzbicki". 0 when none.

    The venue is the venue word and one noun phrase: determiners, then capitalised
    words or lower-case words; it ends where a new determiner opens the subject, or
    the case of the words changes (lower-case noun, then a name).
    """
    if lex.no_spaces:
        return 0
    low = text.lower()
    if text[:1] in _QUOTES:
        close = next((k for k in range(1, min(len(text), 60)) if text[k] in _QUOTES), -1)
        inner = text[1:close] if close > 0 else ""
        if inner and is_capitalised(inner) and len(inner.split()) <= 4:
            rest = text[close + 1 :]
            if is_capitalised(rest.lstrip()) and not rest[:1].strip(" "):
                return close + 1
        return 0
    opener = ""
    for start in lex.venue_starts:
        if (
            low.startswith(start)
            and start not in lex.determiners
            and (len(low) == len(start) or not low[len(start)].isalnum() or start[-1] in "'’")
        ):
            opener = start
            break
    if not opener:
        return 0
    end = 0
    content = False
    capital: bool | None = None
    for tok in tokenize(text[len(opener) :], len(opener)):
        gap = text[end or len(opener) : tok.start]
        if any(c in gap for c in _PUNCT):
            return 0  # the venue runs into a clause: no subject after it
        word = tok.text
        lw = word.lower()
        elided = "'" in lw[:4] or "’" in lw[:4]
        if lw in lex.determiners or (
            elided and lw.split("'")[0].split("’")[0] + "'" in lex.determiners
        ):
            if content:
                return end
            end = tok.end
            continue
        if is_capitalised(word):
            if capital is False:
                return end
            capital = True
        else:
            if capital is True or lw in lex.prepositions or lw in lex.complementisers:
                return end if capital else 0
            capital = False
        content = True
        end = tok.end
    return 0


def possessive(text: str, end: int) -> bool:
    """A name ending at ``end`` written as a possessive before a noun ("Drovnia's foreign
    ministry"): it determines the subject, it is not the subject."""
    return text[end : end + 2] in ("'s", "’s") and text[end + 2 : end + 4].strip() != ""


def addressee(segment: str, runs: list[tuple[int, int, int]], lex: Lexicon) -> str | None:
    """Of two names after a verb (spans and word counts in ``segment``), whether the
    second is the subject: when the first is followed, with no punctuation, by a few
    lower-case words and a full name. Returns the first as the addressee ("сказала
    Kyiv Morning Post координаторка … Мірела Васко") when a role word comes between,
    "" when the first is one capitalised modifier of that role ("губернатор
    Староборской области Геннадий Кружилин"), None when the first is the subject."""
    if len(runs) < 2 or runs[1][2] < 2:
        return None
    (a, b, size), (c, _, _) = runs[0], runs[1]
    between = segment[b:c]
    words = between.split()
    if not 1 <= len(words) <= 4 or any(ch in between for ch in _PUNCT + _QUOTES):
        return None
    if any(_function_word(w, lex) or _low(w) in lex.conjunctions for w in words):
        return None  # "sagte Holtvik dem Sender X": a new noun phrase, the addressee
    if any(not w.islower() for w in words):
        return None
    # the first name follows the verb directly (a capitalised word of it may have been
    # dropped as common: "Kyiv Morning Post")
    direct = not any(not is_capitalised(w) for w in segment[:a].split())
    if script(segment[a]) != script(segment[c]):
        # a Latin-script outlet in Cyrillic text: "сказала Kyiv Morning Post експертка …"
        return segment[:b].strip() if direct else None
    if any(lex.is_role(w) for w in words):
        return segment[:b].strip() if direct else None
    return "" if size == 1 else None


def fronted(pre: str, lex: Lexicon) -> bool:
    """A verb-second sentence opened by a prepositional phrase ("In Velna erklärte …",
    "Am Montag sagte …"): in ``comma_clause`` languages the subject follows the verb."""
    words = pre.split()
    return (
        lex.comma_clause
        and bool(words)
        and words[0].lower() in lex.prepositions
        and words[0].lower() not in lex.determiners  # "Der Analyst sagte": the subject
        and not any(c in pre for c in ",;:—–")
    )
