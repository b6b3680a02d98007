"""A phrase before the verb that is an adverbial, not the subject (verb-second order).

"In Velden sagte Ina Roth, …", "Am Dienstag erklärte das Amt, …", "Der Zeitung
Nordblick sagte sie, …": the subject follows the verb. With no subject after the
verb, the place is the source: "В министерстве заявили, что …", "Bei Nordhafen
Energie hieß es, …" (people there said it); a bare time word leaves the subject
unwritten.
"""

from __future__ import annotations

from relaytrace.trace.statements.inversion import fronted_adverbial
from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.speakers import Speaker, speaker_after

__all__ = ["past_adverbial"]


def past_adverbial(
    before: Speaker | None, after_text: str, lex: Lexicon, offset: int
) -> tuple[Speaker | None, Speaker | None, int]:
    """Subject before the verb, subject after it, and the characters of ``after_text``
    the latter takes, when ``before`` may be a fronted adverbial."""
    if before is None or before.kind == "pronoun":
        return before, None, 0
    words = after_text.split(maxsplit=1)
    if lex.comma_clause and words and words[0].strip(",.;:").lower() in lex.pronouns:
        # "Der Zeitung X sagte er": a pronoun right after the verb is its subject where a
        # reported clause needs a comma (so the pronoun cannot open the clause)
        after, used = speaker_after(after_text, lex, offset)
        if after is not None:
            return None, after, used
    if before.kind not in ("description", "role"):
        return before, None, 0
    place = fronted_adverbial(before.text, lex)
    if place is None:
        return before, None, 0
    after, used = speaker_after(after_text, lex, offset)
    if after is not None:
        return None, after, used
    if not place:
        return Speaker("", "pronoun"), None, 0
    # the institution or place is kept as written: it is no person's role
    return Speaker(place, "name", start=before.end - len(place), end=before.end), None, 0
