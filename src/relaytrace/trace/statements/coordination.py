"""Subjects shared between verbs: a verb after "and", and a converb.

"Ministerstwo … wezwało ambasadora i oświadczyło, że …": the verb after "i" has the
subject written at the start of the sentence, not the object before "i". "— сказал
Терехов, добавив, что …": a converb (adverbial participle) has the subject of the
finite speech verb before it.
"""

from __future__ import annotations

from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.speakers import Speaker, speaker_before
from relaytrace.trace.statements.tokens import tokenize

__all__ = ["conjoined_subject", "converb_subject"]


def conjoined_subject(pre: str, lex: Lexicon, offset: int) -> Speaker | None:
    """The subject a verb after "and" shares with the verb before it, written at the start
    of the sentence: "Ministerstwo Spraw Zagranicznych w Selvarze wezwało ambasadora i
    oświadczyło, że …" (not "ambasadora", the object before "i"). The head runs up to
    the first lower-case word that is not a role, determiner or preposition; it counts
    when it names a body (a role word and capitals) or a person of two words or more."""
    toks = tokenize(pre)
    k = 0
    headed = False  # a role word seen: the head noun
    while k < len(toks):
        w = toks[k].text
        low = w.lower()
        if not (
            w[:1].isupper()
            or low in lex.determiners
            or low in lex.prepositions
            or low in lex.name_particles
            or lex.is_role(w)
        ):
            # "The foreign ministry in Selvara": up to two modifiers before the head
            ahead = next(
                (m for m in range(k, min(k + 3, len(toks))) if lex.is_role(toks[m].text)), None
            )
            if headed or ahead is None or any(t.text.lower() in lex.verbs for t in toks[k:ahead]):
                break
            k = ahead
        headed = headed or lex.is_role(w) or lex.is_role(toks[k].text)
        k += 1
    while k and toks[k - 1].text.lower() in lex.prepositions:
        k -= 1
    if k == 0 or k == len(toks):
        return None
    head = pre[: toks[k - 1].end]
    words = head.split()
    found = speaker_before(head, lex, offset)
    if found is not None and found.kind == "name" and len(found.text.split()) >= 2:
        return found
    if lex.is_role(words[0].strip(".,")) and any(w[:1].isupper() for w in words[1:]):
        return Speaker(head.strip(), "name", start=offset, end=offset + len(head))
    if found is not None and found.kind == "role":
        return found
    return None


def converb_subject(verbs: list[tuple[int, Speaker | None]], a: int, verb_at: int) -> Speaker:
    """The subject of a converb ("добавив", "dodając", "مضيفاً"): that of the last finite
    speech verb before it in the sentence (``verbs``: where each statement's verb stands
    and its speaker), else the speaker before (no subject written)."""
    prior = [(at, who) for at, who in verbs if who is not None and a <= at < verb_at]
    return max(prior, key=lambda p: p[0])[1] if prior else Speaker("", "pronoun")
