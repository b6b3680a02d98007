"""Deciding what an alignment means: copy, translation, same_story or nothing.

Evidence, from the alignment of A and B:

- coverage: the share of each side's text (in characters) inside aligned
  sentences (gap fills included). A full relay covers both sides; an excerpt
  or abridged translation covers itself almost whole and the original partly; a
  relay with its own introduction covers the original.
- relay index (``relay_index``): 0.35 × contiguity (consecutive aligned units
  that advance by exactly one sentence on both sides) + 0.35 × aligned units per
  sentence of the shorter article + 0.3 × mean pair score. Copies and
  translations walk both texts in step; independent reports of one event share
  the same facts, often in a similar order, but not sentence by sentence.
- order: the chain's weight over the best unordered matching weight;
- story overlap: the IDF-weighted Dice of the two articles' anchor sets, and
  how many rare anchors they share;
- cues: a source line linking to the other article's URL, or a cue naming the
  other's outlet. A cue lowers every relay bar by ``cue_bonus`` but is never
  enough alone.

A pair is a relay (``copy`` in one language, ``translation`` across two) when
it has enough aligned blocks, the better-covered side reaches
``relay_min_coverage``, the shorter article is covered to
``relay_min_short_coverage``, and mean score, order and relay index pass their
bars. Otherwise it is ``same_story`` when published within
``max_story_lag_days`` with story overlap ≥ ``story_min_weight`` and at least
``story_min_shared`` rare anchors in common; else unrelated (no relation).

Score calibration (``Relation.score`` in [0, 1]):

- copy / translation: 0.5 + 0.5 × relay strength, relay strength =
  sqrt(best coverage × min(1, mean pair score / 0.8)); near 1 a full
  sentence-by-sentence relay, near 0.5 an excerpt or loose translation.
- same_story: 0.1 + 0.4 × min(1, story overlap / 0.5); always below 0.5.

So 0.5 separates "this text was copied or translated" from "same event".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from relaytrace.match.align import Alignment
from relaytrace.match.options import DEFAULT_OPTIONS, MatchOptions
from relaytrace.match.profile import Profile
from relaytrace.model import Relation, RelationKind

__all__ = ["Evidence", "classify", "evidence"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Figures the decision rests on (kept for reports and tuning)."""

    blocks: int
    coverage_a: float
    coverage_b: float
    mean: float
    order: float
    story: float
    shared_rare: int
    cue: bool
    lag_days: float | None
    contiguity: float = 0.0


def _coverage(rows: frozenset[int], lengths: tuple[int, ...]) -> float:
    total = sum(lengths)
    return sum(lengths[i] for i in rows) / total if total else 0.0


def _cue_links(a: Profile, b: Profile) -> bool:
    """Does either article's cues point at the other (URL or outlet name)?"""
    if a.url in b.cue_urls or b.url in a.cue_urls:
        return True
    from relaytrace.text.anchors import fold

    for x, y in ((a, b), (b, a)):
        names = {fold(n) for n in (y.site_name, y.site) if n}
        if names & x.cue_outlets:
            return True
    return False


def evidence(
    a: Profile,
    b: Profile,
    alignment: Alignment,
    idf: Callable[[str], float],
    rare: Callable[[str], bool],
) -> Evidence:
    """The figures classification needs, from two profiles and their alignment."""
    ca, cb = _coverage(alignment.rows_a, a.lengths), _coverage(alignment.rows_b, b.lengths)
    n = len(alignment.blocks)
    mean = alignment.weight / n if n else 0.0
    order = min(1.0, alignment.weight / alignment.free_weight) if alignment.free_weight else 0.0
    xa, xb = a.all_anchors, b.all_anchors
    shared = xa & xb
    wa, wb, ws = (sum(idf(x) for x in s) for s in (xa, xb, shared))
    story = 2 * ws / (wa + wb) if wa + wb else 0.0
    lag = None
    if a.published and b.published:
        try:
            lag = abs((a.published - b.published).total_seconds()) / 86400
        except TypeError:  # naive vs aware
            lag = None
    steps = alignment.steps
    contiguity = sum(1 for di, dj in steps if di == 1 and dj == 1) / len(steps) if steps else 0.0
    return Evidence(
        contiguity=contiguity,
        blocks=n + len(alignment.filled),
        coverage_a=ca,
        coverage_b=cb,
        mean=mean,
        order=order,
        story=story,
        shared_rare=sum(1 for x in shared if rare(x)),
        cue=_cue_links(a, b),
        lag_days=lag,
    )


def relay_index(e: Evidence, sentences: int) -> float:
    """How sentence-by-sentence the correspondence is, in [0, 1].

    0.35 × contiguity (aligned blocks that follow each other on both sides)
    + 0.35 × blocks per sentence of the shorter article + 0.3 × mean pair score.
    Translations and copies walk both texts in step; independent reports of
    one event share facts in similar order but not sentence by sentence.
    """
    per_sentence = min(1.0, e.blocks / sentences) if sentences else 0.0
    return 0.35 * e.contiguity + 0.35 * per_sentence + 0.3 * min(1.0, e.mean)


def aligned_units(alignment: Alignment) -> int:
    return len(alignment.blocks) + len(alignment.filled)


def _relay_strength(e: Evidence) -> float:
    return math.sqrt(max(e.coverage_a, e.coverage_b) * min(1.0, e.mean / 0.8))


def classify(
    a: Profile,
    b: Profile,
    alignment: Alignment,
    e: Evidence,
    options: MatchOptions = DEFAULT_OPTIONS,
) -> Relation | None:
    """A Relation between a and b (a must carry ids), or None when unrelated."""
    assert a.article is not None and b.article is not None
    bonus = options.cue_bonus if e.cue else 0.0
    small = min(len(a.lengths), len(b.lengths))
    min_pairs = min(options.relay_min_pairs, max(1, small))
    short_cov = e.coverage_a if len(a.lengths) <= len(b.lengths) else e.coverage_b
    is_relay = (
        e.blocks >= min_pairs
        and max(e.coverage_a, e.coverage_b) >= options.relay_min_coverage - bonus
        and e.mean >= options.relay_min_mean - bonus
        and e.order >= options.relay_min_order - bonus
        and relay_index(e, small) >= options.relay_min_index - bonus
        and short_cov >= options.relay_min_short_coverage - bonus
    )
    first, second = a, b
    ca, cb = e.coverage_a, e.coverage_b
    pairs = alignment.pairs
    if a.published and b.published and _later(a, b):
        first, second, ca, cb = b, a, cb, ca
        pairs = tuple((j, i, s) for i, j, s in pairs)
    kind: RelationKind
    if is_relay:
        same = a.lang is not None and a.lang == b.lang
        kind = "copy" if same or (a.lang is None and b.lang is None) else "translation"
        score = 0.5 + 0.5 * min(1.0, _relay_strength(e))
    else:
        in_time = e.lag_days is None or e.lag_days <= options.max_story_lag_days
        if not (
            in_time
            and e.story >= options.story_min_weight
            and e.shared_rare >= options.story_min_shared
        ):
            return None
        kind = "same_story"
        score = 0.1 + 0.4 * min(1.0, e.story / 0.5)
        pairs = ()
    return Relation(
        a=first.article,  # type: ignore[arg-type]
        b=second.article,  # type: ignore[arg-type]
        kind=kind,
        score=round(score, 4),
        coverage_a=round(ca, 4),
        coverage_b=round(cb, 4),
        aligned=tuple((i, j, round(s, 4)) for i, j, s in pairs),
    )


def _later(a: Profile, b: Profile) -> bool:
    try:
        return bool(a.published > b.published)  # type: ignore[operator]
    except TypeError:
        return False
