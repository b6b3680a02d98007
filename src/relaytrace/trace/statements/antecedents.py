"""What a bare role or body phrase stands for: the words that decide its antecedent.

A definite role ("the regional governor", "der 29-Jährige") or body ("the company",
"das Institut", "ведомства") names no one; ``resolve.Speakers`` looks for the person or
organisation the article named with the same head word. This module holds the word
tests it needs: the lexicon word a written form is (inflected or as the tail of a
compound), the head of a role phrase, organisations typed by a company noun
("the carmaker Vallmark", "Orvena Labs, a drug maker"), and age epithets.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from relaytrace.trace.statements.lexicon import Lexicon, fold, lexicon
from relaytrace.trace.statements.tokens import is_capitalised, tokenize

__all__ = ["age_epithet", "head_word", "lexicon_word", "typed_organisations"]

_ELIDED = ("l'", "l’", "d'", "d’", "dell'", "dell’", "all'", "all’")


@lru_cache(maxsize=100_000)
def _bare(word: str) -> str:
    w = fold(word.strip('.,;:«»"“”„()'))
    if w.endswith(("'s", "’s")):  # "the operator's data": the operator
        w = w[:-2]
    for elided in _ELIDED:
        if w.startswith(elided):
            return w[len(elided) :]
    return w


def lexicon_word(word: str, entries: frozenset[str], lex: Lexicon) -> str | None:
    """The entry of ``entries`` that ``word`` is: itself, its plural, inflected in its
    last two letters in languages without articles, whose nouns take case endings
    ("министерства"), or the tail of a compound where the language builds them
    ("Verteidigungsministerium", "Notenbank", "Instituts")."""
    return _lexicon_word(_bare(word), entries, not lex.determiners, lex.compound_roles)


@lru_cache(maxsize=256)
def _folded(entries: frozenset[str]) -> dict[str, str]:
    """Folded one-word entries of a lexicon set → the entry."""
    return {fold(e): e for e in entries if " " not in e}


@lru_cache(maxsize=50_000)
def _lexicon_word(w: str, entries: frozenset[str], cases: bool, compounds: bool) -> str | None:
    if len(w) < 2:
        return None
    folded = _folded(entries)
    for form in (w, w[:-1] if w.endswith("s") else "", w[:-2] if w.endswith("es") else ""):
        if form in folded:
            return folded[form]
    if cases and len(w) >= 7:  # the same word but for its ending, as ``Lexicon.is_role``
        for f, e in folded.items():
            if abs(len(f) - len(w)) <= 1 and f[: len(w) - 2] == w[:-2]:
                return e
    if compounds:
        best = None
        for f, e in folded.items():
            for tail in (w, w[:-1], w[:-2]):  # "Instituts", "Ministeriums"
                if len(f) >= 4 and tail.endswith(f) and (best is None or len(f) > len(best)):
                    best = e
        return best
    return None


def head_word(phrase: str, lex: Lexicon) -> str | None:
    """The role word a role phrase is headed by: the last role word before its first
    preposition or inner determiner ("the ministry spokesman" → spokesman, "le chef de
    la région" → chef, "der Sprecher des Ministeriums" → sprecher)."""
    head = None
    for i, word in enumerate(phrase.split()):
        low = word.lower().strip(",")
        if i and (low in lex.prepositions or low in lex.determiners):
            break
        entry = lexicon_word(word, lex.roles, lex)
        if entry is not None:
            head = entry
    return head


def age_epithet(phrase: str, lex: Lexicon) -> bool:
    """A person named by age ("der 29-Jährige", "the 31-year-old", "34-летний")."""
    words = phrase.lower().split()
    if not words or len(words) > 3 or not lex.age_suffixes:
        return False
    last = words[-1].strip(",.")
    return last[:1].isdigit() and last.lstrip("0123456789").startswith(lex.age_suffixes)


@lru_cache(maxsize=64)
def _company_re(lang: str) -> regex.Pattern[str]:
    """A quick test that a text holds a company noun (a stem, so inflected and
    compound forms pass; ``lexicon_word`` decides)."""
    nouns = lexicon(lang).company_nouns
    stems = sorted({n[: max(4, len(n) - 2)] for n in nouns}, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(st) for st in stems), regex.IGNORECASE)


def typed_organisations(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Names typed as firms by a company noun: "the carmaker Vallmark", "la société
    pharmaceutique Orvena Labs", "der Autobauer Vallmark" (noun, up to two lower-case
    modifiers in ``lowercase_bodies`` languages, then the capitalised name) and
    "Orvena Labs, a drug maker," (name, comma, determiner, noun). Returns (start, end,
    company noun) per name."""
    if not lex.company_nouns or lex.no_spaces or not _company_re(lex.lang).search(text):
        return []
    toks = tokenize(text)
    out: list[tuple[int, int, str]] = []
    function_words = (
        lex.verbs
        | lex.auxiliaries
        | lex.prepositions
        | lex.determiners
        | lex.conjunctions
        | lex.pronouns
        | frozenset(lex.complementisers)
    )

    def name_from(k: int) -> int:
        j = k
        while j < len(toks) and j - k < 4 and is_capitalised(toks[j].text):
            if j > k and text[toks[j - 1].end : toks[j].start].strip():
                break
            if lexicon_word(toks[j].text, lex.roles, lex) is not None:
                break
            j += 1
        return j

    for i, tok in enumerate(toks):
        noun = lexicon_word(tok.text, lex.company_nouns, lex)
        if noun is None:
            continue
        if tok.text.endswith(("'s", "’s")):
            continue  # "the company's Yuanhang platform": a thing the firm owns
        # noun, then the name ("the carmaker Vallmark", "la société pharmaceutique X")
        k = i + 1
        while (  # modifiers after the noun, in languages that put them there
            lex.lowercase_bodies
            and k < len(toks)
            and k - i <= 2
            and not is_capitalised(toks[k].text)
            and toks[k].text.lower() not in function_words
        ):
            k += 1
        gap = text[toks[i].end : toks[k].start] if k < len(toks) else ","
        plain = all(c.isalpha() or c in " -" for c in gap)
        j = name_from(k) if k < len(toks) and plain else k
        if j > k:
            out.append((toks[k].start, toks[j - 1].end, noun))
            continue
        # the name, then the noun in apposition ("Orvena Labs, a drug maker,")
        k = i - 1
        while k >= 0 and i - k <= 3 and toks[k].text.lower() not in lex.determiners:
            k -= 1
        if k < 1 or toks[k].text.lower() not in lex.determiners:
            continue
        if text[toks[k - 1].end : toks[k].start].strip() != ",":
            continue
        j = k - 1
        while j > 0 and k - j < 4 and is_capitalised(toks[j - 1].text):
            if text[toks[j - 1].end : toks[j].start].strip():
                break
            j -= 1
        if is_capitalised(toks[j].text):
            out.append((toks[j].start, toks[k - 1].end, noun))
    return out
