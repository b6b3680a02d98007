"""Direct quotes and their attribution: who said the quoted words, with which verb, where."""

from __future__ import annotations

from dataclasses import dataclass

from relaytrace.trace.statements.fronted import past_adverbial
from relaytrace.trace.statements.inversion import quoted_name
from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.phrases import fronted
from relaytrace.trace.statements.quotes import QuoteSpan, find_quotes
from relaytrace.trace.statements.speakers import (
    Speaker,
    inverted_pronoun,
    speaker_after,
    speaker_before,
)
from relaytrace.trace.statements.tokens import word_count
from relaytrace.trace.statements.venues import (
    find_venue,
    find_venue_anywhere,
    skip_time,
    split_venue_speaker,
)
from relaytrace.trace.statements.verbs import VerbHit, find_verbs

__all__ = ["Found", "direct_quotes"]

# An attribution is short: this many words at most between a quote and its verb.
_MAX_ATTRIBUTION_WORDS = 18
# Fewer words than this, with no attribution, is a scare quote or a title.
_MIN_UNATTRIBUTED_WORDS = 6
_SPLIT_GAP_WORDS = 30


@dataclass(frozen=True, slots=True)
class Found:
    """A statement found in one paragraph, before its speaker is resolved (paragraph offsets)."""

    kind: str
    parts: tuple[tuple[int, int], ...]
    speaker: Speaker | None
    verb: str | None
    venue: str | None
    used: tuple[tuple[int, int], ...] = ()  # verb spans this statement consumed
    continued: bool = False  # a quote with no attribution of its own: last speaker's

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _sentence_bounds(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in sentences:
        if a <= pos < b:
            return a, b
    return 0, 0


def _words(text: str) -> int:
    return len(text.split())


def _size(text: str, q: QuoteSpan, lex: Lexicon) -> int:
    """Words inside a quote's marks."""
    return word_count(text[q.inner_start : q.inner_end], lex)


def _attribution_after(
    text: str, q: QuoteSpan, limit: int, lex: Lexicon
) -> tuple[Speaker | None, VerbHit, str | None] | None:
    seg = text[q.end : limit]
    verbs = find_verbs(seg, lex)
    if not verbs:
        return None
    v = verbs[0]
    pre = seg[: v.start]
    if _words(pre) > _MAX_ATTRIBUTION_WORDS or (any(c in pre for c in ".!?") and _words(pre) > 0):
        return None
    # "„eine Nacht“ erlebt habe, sagte": the quote sits inside a longer clause
    if (
        any(
            w[:1].islower()
            and w.lower() not in lex.pronouns
            and w.lower() not in lex.adverbs
            and not lex.is_role(w)
            and w.lower() not in lex.determiners
            for w in pre.replace(",", " ").split()
        )
        and _words(text[q.inner_start : q.inner_end]) < 5
    ):
        return None
    # "…», mais a déclaré qu'elle …": the verb opens a statement of its own
    if any(w in lex.conjunctions for w in pre.lower().replace(",", " ").split()[:2]):
        return None
    post = seg[v.end :].lstrip(" ,").lower()
    if any(
        post.startswith(c + " ") or (c[-1] in "'’" and post.startswith(c))
        for c in lex.complementisers
    ):
        return None
    speaker: Speaker | None = None
    rest_from = v.end
    if v.pronoun:
        speaker = Speaker(v.pronoun, "pronoun", plural=v.pronoun.endswith("s"))
    elif _words(pre.strip(" ,—–-")) > 0:
        speaker = inverted_pronoun(seg[v.end :], lex, q.end + v.end) or speaker_before(
            pre, lex, q.end
        )
    if speaker is None:
        after = seg[v.end :]
        skip = skip_time(after, lex)
        speaker, used = speaker_after(after[skip:], lex, q.end + v.end + skip)
        if speaker is not None:
            rest_from = v.end + skip + used
    venue, _ = find_venue(seg[rest_from:], lex, v.text)
    if speaker is None and venue:
        speaker, venue = split_venue_speaker(venue, lex)
    if speaker is not None and speaker.venue:
        venue = speaker.venue
    venue = venue or find_venue_anywhere(seg, lex)
    return speaker, VerbHit(v.start + q.end, v.end + q.end, v.text, v.pronoun), venue


def _attribution_before(
    text: str, q: QuoteSpan, start: int, lex: Lexicon
) -> tuple[Speaker | None, VerbHit, str | None] | None:
    seg = text[start : q.start]
    if not seg.strip():
        return None
    verbs = find_verbs(seg, lex)
    if not verbs:
        return None
    v = verbs[-1]
    between = seg[v.end :]
    if _words(between) > _MAX_ATTRIBUTION_WORDS:
        return None
    # "said the board was "actively considering" …": a fragment inside a reported clause
    if (
        _words(between) >= 2
        and not between.rstrip().endswith((":", ","))
        and _size(text, q, lex) < 5
    ):
        return None
    # "said that his government was "actively considering" …": a fragment of reported speech
    low = f" {between.lower()} "
    for comp in lex.complementisers:
        k = low.find(f" {comp} " if comp[-1] not in "'’" else f" {comp}")
        if k >= 0 and _words(low[k + len(comp) + 1 :]) > 2:
            return None
    speaker: Speaker | None
    if v.pronoun:
        speaker = Speaker(v.pronoun, "pronoun", plural=v.pronoun.endswith("s"))
    else:
        speaker = inverted_pronoun(between, lex, start + v.end) or speaker_before(
            seg[: v.start], lex, start
        )
    rest = between
    speaker, inverted, used = past_adverbial(speaker, between, lex, start + v.end)
    if inverted is not None:
        speaker, rest = inverted, between[used:]
    pre_words = seg[: v.start].lower().replace(",", " ").split()
    # "celebró …, pero lamentó un importe …": the subject is shared, the phrase after
    # the verb is its object
    coordinated = bool(pre_words) and pre_words[-1] in lex.conjunctions
    if (
        inverted is None
        and not coordinated
        and (
            speaker is None
            or (speaker.kind == "description" and _words(speaker.text) > 6)
            or (speaker.kind != "pronoun" and fronted(seg[: v.start], lex))
        )
    ):
        found, used = speaker_after(between, lex, start + v.end)
        if found is not None:
            speaker, rest = found, between[used:]
    venue, _ = find_venue(rest, lex, v.text)
    if speaker is not None and speaker.venue:
        venue = speaker.venue
    venue = venue or find_venue_anywhere(seg, lex)
    return speaker, VerbHit(v.start + start, v.end + start, v.text, v.pronoun), venue


def direct_quotes(text: str, sentences: list[tuple[int, int]], lex: Lexicon) -> list[Found]:
    """Attributed quotes of one paragraph; a quote split by its attribution is one statement."""
    quotes = find_quotes(text)
    out: list[Found] = []
    i = 0
    covered = 0  # end of the last attribution read after a quote
    while i < len(quotes):
        q = quotes[i]
        if q.start < covered and quoted_name(text, q.start):
            i += 1  # a name quoted inside that attribution, not a statement
            continue
        # a quoted name in the attribution ("заявил директор «Норд Лайн» Пётр Соколов")
        j = i + 1
        while j < len(quotes) and quoted_name(text, quotes[j].start):
            j += 1
        nxt = quotes[j].start if j < len(quotes) else len(text)
        _, s_end = _sentence_bounds(sentences, max(q.end - 1, q.start))
        limit = min(nxt, max(s_end, q.end))
        if limit <= q.end + 1 and i + 1 < len(quotes):
            limit = nxt
        parts = [(q.inner_start, q.inner_end)]
        attribution = _attribution_after(text, q, limit, lex)
        if attribution is not None:
            covered = limit
        if attribution is None:
            a_start, _ = _sentence_bounds(sentences, q.start)
            if a_start == q.start and out is not None:
                # "X said:" may close the previous sentence
                prev = [s for s in sentences if s[1] <= q.start]
                if prev and text[prev[-1][0] : prev[-1][1]].rstrip().endswith(":"):
                    a_start = prev[-1][0]
            attribution = _attribution_before(text, q, a_start, lex)
        elif i + 1 < len(quotes):
            # "…," he said, "…": the next quote continues this one
            q2 = quotes[i + 1]
            gap = text[q.end : q2.start]
            q2_next = quotes[i + 2].start if i + 2 < len(quotes) else len(text)
            _, s2_end = _sentence_bounds(sentences, max(q2.end - 1, q2.start))
            own = _attribution_after(text, q2, min(q2_next, max(s2_end, q2.end)), lex)
            if _words(gap) <= _SPLIT_GAP_WORDS and own is None and _size(text, q2, lex) >= 3:
                parts.append((q2.inner_start, q2.inner_end))
                i += 1
        words = sum(_size(text, QuoteSpan(a, b, a, b), lex) for a, b in parts)
        if attribution is not None:
            speaker, verb, venue = attribution
            if words >= 2:
                out.append(
                    Found(
                        "direct", tuple(parts), speaker, verb.text, venue, ((verb.start, verb.end),)
                    )
                )
        elif words >= _MIN_UNATTRIBUTED_WORDS and text[q.inner_start].isupper():
            out.append(Found("direct", tuple(parts), None, None, None, (), continued=True))
        i += 1
    return out
