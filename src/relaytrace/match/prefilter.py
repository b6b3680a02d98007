"""A sound test run before alignment: can this pair become a relation at all?

Most candidates share a name or a figure by chance and end as no relation.
Their alignment, by far the costliest step of matching, is skipped when bounds
computed without it already rule out every kind:

- same_story needs the rare anchors in common, the story overlap and the
  publication gap that ``classify.evidence`` computes from the whole articles,
  so they are computed here exactly as there;
- a relay needs its aligned sentences to cover enough of each side. A sentence
  enters a block only if it shares an anchor (or, within one language, a word)
  with the other side, and gap fills sit in runs of at most ``max_gap_fill``
  sentences between two blocks: the text of those sentences bounds the coverage.
  The blocks are at most the possible sentences of the smaller side;
- a copy's word overlap is a weighted mean of its units' word Dice, so no unit
  reaching the copy bar rules out a copy. A unit's Dice is bounded first by
  how many of each side's words the other article has at all, then computed.

Every bound errs towards keeping the pair: a pair that fails could not have
been a relation, so skipping its alignment changes no result. The embedding
term adds similarity without shared items, so with a model every pair is aligned.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from relaytrace.match.align import flat_tokens, in_sorted, token_blocks
from relaytrace.match.anchor_index import Idf
from relaytrace.match.classify import cue_links, gap_penalty, lag_days, story_overlap
from relaytrace.match.options import DEFAULT_OPTIONS, MatchOptions
from relaytrace.match.profile import Profile
from relaytrace.match.sentence_sets import TokenSets

__all__ = ["could_relate", "dismissed_unread"]

_EPS = 1e-6  # float32 overlaps vs the exact ratios classify computes


def could_relate(
    a: Profile,
    b: Profile,
    rare: Idf,
    weights: Callable[[], Idf],
    options: MatchOptions = DEFAULT_OPTIONS,
) -> bool:
    """False only when aligning a and b could not give a copy, translation or same_story.

    ``rare`` must hold the document frequencies of a's anchors (the candidate
    probe's); ``weights`` gives the IDF the alignment would use, read only when
    the story overlap has to be computed.
    """
    if options.embedding_model:
        return True
    cue = cue_links(a, b)
    days = lag_days(a, b)
    lag = gap_penalty(days, cue, options)
    return _relay_possible(a, b, cue, lag, options) or _story_possible(
        a, b, rare, weights, days, lag, options
    )


def dismissed_unread(
    a: Profile,
    peeked: Mapping[int, tuple[str | None, np.ndarray]],
    shared_rare: Mapping[int, int],
    options: MatchOptions = DEFAULT_OPTIONS,
) -> set[int]:
    """The stored candidates that can be ruled out before their profiles are read.

    ``peeked`` maps each candidate to its language and distinct word hashes
    (``profile.peek``), ``shared_rare`` to the number of rare anchors it shares
    with a. A candidate is ruled out when it shares fewer rare anchors than
    same_story needs, and it is in a's language with no sentence of a holding
    enough of its words for a copy, even with a cue and no time gap. The
    candidates of one article are tested together (one matrix product).
    """
    if options.embedding_model or a.lang is None:
        return set()
    same = [
        art
        for art, (lang, _) in peeked.items()
        if lang == a.lang and shared_rare.get(art, 0) < options.story_min_shared
    ]
    if not same:
        return set()
    bar = options.copy_min_token_overlap - options.cue_bonus - _EPS
    reach = _may_reach(a, [peeked[art][1] for art in same], bar)
    return {art for art, ok in zip(same, reach.tolist(), strict=True) if not ok}


def _story_possible(
    a: Profile,
    b: Profile,
    rare: Idf,
    weights: Callable[[], Idf],
    days: float | None,
    lag: float,
    options: MatchOptions,
) -> bool:
    """The same_story test of ``classify`` with the conflict penalty at its least (0)."""
    if days is not None and days > options.max_story_lag_days:
        return False
    shared = a.all_anchors & b.all_anchors
    if sum(1 for x in shared if rare.is_rare(x, options)) < options.story_min_shared:
        return False
    story = story_overlap(a, b, weights())
    return story >= options.story_min_weight + options.story_doubt_weight * lag - _EPS


def _relay_possible(a: Profile, b: Profile, cue: bool, lag: float, options: MatchOptions) -> bool:
    """The coverage and size bars of ``classify.is_relay`` (and a copy's word bar) on bounds."""
    if not a.lengths or not b.lengths:
        return False
    bonus = options.cue_bonus if cue else 0.0
    words = None
    if a.lang is not None and a.lang == b.lang:
        bar = options.copy_min_token_overlap + options.copy_lag_share * lag - bonus - _EPS
        words = _word_rows(a, b, bar)
        if words is None:
            return False
    rows_a = _sharing_rows(a.anchors, b.all_anchors)
    rows_b = _sharing_rows(b.anchors, a.all_anchors)
    if words is not None:
        rows_a |= words[0]
        rows_b |= words[1]
    fill = options.max_gap_fill
    possible_a, possible_b = _with_fills(rows_a, fill), _with_fills(rows_b, fill)
    small = min(len(a.lengths), len(b.lengths))
    units = min(int(possible_a.sum()), int(possible_b.sum()))
    if units < min(options.relay_min_pairs, max(1, small)):
        return False
    cover_a, cover_b = _share(possible_a, a.lengths), _share(possible_b, b.lengths)
    short = cover_a if len(a.lengths) <= len(b.lengths) else cover_b
    return (
        max(cover_a, cover_b) >= options.relay_min_coverage - bonus - _EPS
        and short >= options.relay_min_short_coverage - bonus - _EPS
    )


def _word_rows(a: Profile, b: Profile, bar: float) -> tuple[np.ndarray, np.ndarray] | None:
    """The sentences of each side sharing a word with the other article, or None when
    no 1-1, 2-1 or 1-2 unit can reach the word Dice ``bar``."""
    if not _may_reach(a, [_distinct(b)], bar)[0]:
        return None
    fa, fb = flat_tokens(a), flat_tokens(b)
    shared = np.intersect1d(fa.distinct, fb.distinct, assume_unique=True)
    if not shared.size:
        return None if bar > 0 else (np.zeros(len(a.lengths), bool), np.zeros(len(b.lengths), bool))
    ca = np.bincount(fa.rows[in_sorted(fa.items, shared)[1]], minlength=len(a.lengths))
    cb = np.bincount(fb.rows[in_sorted(fb.items, shared)[1]], minlength=len(b.lengths))
    ca, cb = ca.astype(np.float32), cb.astype(np.float32)
    bound = max(
        _dice_bound(ca, cb, fa.sizes, fb.sizes),
        _dice_bound(ca[:-1] + ca[1:], cb, fa.sizes2, fb.sizes),
        _dice_bound(ca, cb[:-1] + cb[1:], fa.sizes, fb.sizes2),
    )
    if bound < bar:
        return None
    best = max((float(m.max()) for m in token_blocks(a, b) if m.size), default=0.0)
    return (ca > 0, cb > 0) if best >= bar else None


def _may_reach(a: Profile, others: Sequence[np.ndarray], bar: float) -> np.ndarray:
    """For each other article (its distinct word hashes, sorted): whether a sentence
    (or two neighbours) of a has enough of its words at all.

    A unit with word Dice ≥ bar shares at least bar / (2 − bar) of its a-side
    words with its b side, hence with b.
    """
    fa = flat_tokens(a)
    sizes = np.fromiter(map(len, others), dtype=np.intp, count=len(others))
    if not fa.items.size or not sizes.any():
        return np.full(len(others), bar <= 0)
    words = np.concatenate(others)
    owner = np.repeat(np.arange(len(others)), sizes)
    maybe = np.flatnonzero(_low_bits(fa.distinct)[words & _LOW_MASK])  # search only these
    at, hit = in_sorted(words[maybe], fa.distinct)
    held = np.zeros((len(others), fa.distinct.size), dtype=np.float32)
    held[owner[maybe][hit], at[hit]] = 1.0
    in_row = np.zeros((fa.distinct.size, fa.sizes.size), dtype=np.float32)
    in_row[fa.index, fa.rows] = 1.0  # which of a's distinct words each sentence holds
    counts = held @ in_row  # per other and sentence of a: its words the other holds
    need = bar / (2 - bar)  # an empty unit has Dice 0: its bar is out of reach
    one = (counts >= np.where(fa.sizes > 0, need * fa.sizes, np.inf)).any(axis=1)
    pair = np.where(fa.sizes2 > 0, need * fa.sizes2, np.inf)
    two = (counts[:, :-1] + counts[:, 1:] >= pair).any(axis=1)
    return np.where(sizes > 0, one | two, bar <= 0)


_LOW_MASK = (1 << 16) - 1


def _low_bits(distinct: np.ndarray) -> np.ndarray:
    """Which 16-bit endings these word hashes have: a cheap first membership test."""
    found = np.zeros(_LOW_MASK + 1, dtype=bool)
    found[distinct & _LOW_MASK] = True
    return found


def _distinct(p: Profile) -> np.ndarray:
    """The article's distinct word hashes, sorted (stored so in a blob)."""
    return p.tokens.distinct if isinstance(p.tokens, TokenSets) else flat_tokens(p).distinct


def _dice_bound(ca: np.ndarray, cb: np.ndarray, sa: np.ndarray, sb: np.ndarray) -> float:
    """Most word Dice of any unit, from each side's count of words the other has."""
    if not ca.size or not cb.size:
        return 0.0
    common = np.minimum(ca[:, None], cb[None, :])
    return float((2 * common / np.maximum(sa[:, None] + sb[None, :], 1e-9)).max())


def _sharing_rows(anchors: Sequence[frozenset[str]], other: frozenset[str]) -> np.ndarray:
    return np.fromiter((not x.isdisjoint(other) for x in anchors), dtype=bool, count=len(anchors))


def _with_fills(rows: np.ndarray, max_fill: int) -> np.ndarray:
    """Possible rows plus runs of at most ``max_fill`` others between two of them
    (where gap fills may go)."""
    possible = rows.copy()
    hits = np.flatnonzero(rows)
    for p, n in itertools.pairwise(hits.tolist()):
        if 1 < n - p <= max_fill + 1:
            possible[p + 1 : n] = True
    return possible


def _share(rows: np.ndarray, lengths: Sequence[int]) -> float:
    total = sum(lengths)
    return float(np.asarray(lengths, dtype=np.float64)[rows].sum()) / total if total else 0.0
