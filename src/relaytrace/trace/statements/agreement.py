"""Grammatical gender of pronouns, speech verbs and persons, so a pronoun finds its person.

"she said" cannot mean Konrad, and "заявила" / "powiedziała" (feminine past
tense) cannot mean Igor. The gender of a pronoun or verb form comes from the
lexicon (``masculine_words`` / ``feminine_words``, ``*_verb_endings``); the
gender of a person is learnt from the article itself: an honorific or a
gendered role word written with the name ("Ms", "Frau", "pani", "la ministre",
"die Sprecherin", "речниця"), the ending of a Slavic surname ("-ova", "-ska",
"-ський"), or the gendered speech verb the person is the subject of.
A gender is "m", "f" or None (unknown or both).
"""

from __future__ import annotations

from relaytrace.trace.statements.lexicon import Lexicon

__all__ = ["name_gender", "role_gender", "verb_gender", "word_gender"]


def word_gender(word: str, lex: Lexicon) -> str | None:
    """Gender of a pronoun, honorific or role word ("she", "Frau", "Sprecherin")."""
    w = word.lower().strip('.,;:«»"“”')
    if w in lex.feminine_words:
        return "f"
    if w in lex.masculine_words:
        return "m"
    # "Sprecherin", "Unternehmenssprecherin": a feminine suffix on a role word
    for ending in lex.feminine_role_endings:
        if w.endswith(ending) and lex.is_role(w[: -len(ending)]) and lex.is_role(w):
            return "f"
    return None


def role_gender(role: str | None, lex: Lexicon) -> str | None:
    """Gender a role phrase gives its person: the first gendered word in it, a determiner
    counting only right before a role word ("la ministre" f, "le président de la FNER" m)."""
    if not role:
        return None
    words = role.replace("’", "'").split()
    for k, word in enumerate(words):
        low = word.lower().strip(".,")
        if low in lex.determiners:
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if not lex.is_role(nxt):
                continue
        gender = word_gender(word, lex)
        if gender is not None:
            return gender
    return None


def name_gender(name: str, lex: Lexicon) -> str | None:
    """Gender told by a surname ending ("Varenikova", "Kowalska" f; "Wierzbicki" m)."""
    parts = name.split()
    if len(parts) < 2:
        return None
    last = parts[-1].lower()
    for ending in lex.feminine_name_endings:
        if last.endswith(ending) and len(last) > len(ending) + 2:
            return "f"
    for ending in lex.masculine_name_endings:
        if last.endswith(ending) and len(last) > len(ending) + 2:
            return "m"
    return None


def verb_gender(verb: str | None, lex: Lexicon) -> str | None:
    """Gender a past-tense speech verb agrees with ("заявила", "powiedział", "заявив")."""
    if not verb:
        return None
    for word in verb.lower().split():
        w = word.strip(".,;:")
        if w not in lex.verbs:
            continue
        if any(w.endswith(e) for e in lex.feminine_verb_endings):
            return "f"
        if any(w.endswith(e) for e in lex.masculine_verb_endings):
            return "m"
    return None
