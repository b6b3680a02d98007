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
  enough alone;
- word overlap (``verbatim``, same language only): the Dice of the word sets of
  the aligned units. Real negatives share a sentence skeleton (one spokesman's
  weekly briefing, daily exchange rates, weather warnings, match reports), so
  anchors and order are not enough within one language: a copy is near-verbatim;
- figures: a unit *conflicts* when both sides carry figures and each has one the
  other lacks (11 vs 12 drones, 91,23 vs 91,35). Figures compare by their digits,
  so scale words and units never conflict. ``figure_agreement`` is the Dice of
  the units' figure sets;
- publication gap: relays follow within hours to a couple of days.

A pair is a relay (``copy`` in one language, ``translation`` across two) when
it has enough aligned blocks, the better-covered side reaches
``relay_min_coverage``, the shorter article is covered to
``relay_min_short_coverage``, order and relay index pass their bars, and

- copy: word overlap ≥ ``copy_min_token_overlap`` + conflict penalty +
  ``copy_lag_share`` × lag penalty;
- translation: mean pair score ≥ ``relay_min_mean`` + conflict penalty + lag
  penalty; when the shorter side has ≤ ``relay_short_sentences`` sentences (a
  lead, a two-paragraph excerpt) also mean ≥ ``relay_short_min_mean`` (+ the
  same penalties), ≥ ``relay_short_min_shared`` anchors shared over the aligned
  pairs and figure agreement ≥ ``relay_short_min_figures``.

The conflict penalty is ``relay_conflict_penalty`` × the share of aligned units
with figures on both sides that conflict; the lag penalty (``lag_penalty``) is
``relay_lag_slope`` × log2(1 + days past ``relay_lag_grace_days``), capped at
``relay_lag_max_penalty`` and 0 when a cue links the pair or a date is missing.
Both are soft: strong text evidence still makes a relay (a verbatim repost a
month later, a date misread by the extractor). Every bar is in ``MatchOptions``.

Otherwise the pair is ``same_story`` when published within
``max_story_lag_days`` with story overlap ≥ ``story_min_weight`` +
``story_doubt_weight`` × (conflict penalty + lag penalty) and at least
``story_min_shared`` rare anchors in common; else unrelated (no relation). The
same speaker's briefing a week later, with other figures, is another event.

Score calibration (``Relation.score`` in [0, 1]):

- copy / translation: 0.5 + 0.5 × relay strength × (1 − conflict penalty − lag
  penalty), relay strength = sqrt(best coverage × min(1, mean pair score / 0.8));
  near 1 a full sentence-by-sentence relay published close in time with its
  figures intact, near 0.5 an excerpt, a loose translation, or a relay accepted
  despite a gap or a disagreeing figure.
- same_story: 0.1 + 0.4 × min(1, story overlap / 0.5); always below 0.5.

So 0.5 separates "this text was copied or translated" from "same event". On the
devset (``benchmarks/relations_devset.py``) true copies score 1.0 and true
translations 0.91–1.0 (5th–95th percentile); the few same-story pairs still
called translations score 0.87–0.93, so the score does not separate them: it
measures how much of the text corresponds, not how sure the relay call is.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from dataclasses import dataclass

from relaytrace.match.align import Alignment
from relaytrace.match.options import DEFAULT_OPTIONS, MatchOptions
from relaytrace.match.profile import Profile
from relaytrace.model import Relation, RelationKind

__all__ = [
    "Evidence",
    "classify",
    "cue_links",
    "evidence",
    "gap_penalty",
    "is_relay",
    "lag_days",
    "lag_penalty",
    "relay_index",
    "story_overlap",
]


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
    verbatim: float = 0.0
    number_pairs: int = 0
    conflicts: int = 0
    shared: int = 0
    short_is_a: bool = True
    figure_agreement: float = 1.0

    @property
    def conflict_share(self) -> float:
        """Share of aligned pairs with figures on both sides whose figures disagree."""
        return self.conflicts / self.number_pairs if self.number_pairs else 0.0


def _coverage(rows: frozenset[int], lengths: tuple[int, ...]) -> float:
    total = sum(lengths)
    return sum(lengths[i] for i in rows) / total if total else 0.0


def _digits(anchor: str) -> str:
    """A number anchor's significant digits: "n:6.1e+10", "n:61", "n:61000" → "61".

    Scale words and units differ across languages (61 billion = 61 000 millions), so
    figures compare by their digits; 120 vs 12 then agree, which only errs towards
    no conflict.
    """
    text = anchor[2:]
    with contextlib.suppress(ValueError):
        text = f"{float(text):.6g}".split("e")[0]
    return "".join(c for c in text if c.isdigit()).strip("0") or "0"


@dataclass(frozen=True, slots=True)
class _PairFigures:
    verbatim: float
    number_pairs: int
    conflicts: int
    shared: int
    figure_agreement: float


def _pair_figures(a: Profile, b: Profile, alignment: Alignment) -> _PairFigures:
    """Word overlap, figure agreement and shared anchors over the aligned units.

    ``verbatim`` is the Dice of word-hash sets summed over aligned units (same
    language only; 0 otherwise). A unit *conflicts* when both sides carry figures
    and each has one the other lacks (115 vs 120 drones, 91,23 vs 91,35 roubles):
    one event retold keeps its figures, a different event told with the same
    skeleton changes them. ``figure_agreement`` is the Dice of the units' figure
    sets (1 when no unit has figures): a translation keeps them, a paraphrase in
    independent coverage drops some and adds others.
    """
    units = [(ia, jb) for ia, jb, _ in alignment.blocks]
    units += [((i,), (j,)) for i, j in alignment.filled]
    same = a.lang == b.lang
    words = both = number_pairs = conflicts = shared = same_figures = figures = 0
    for ia, jb in units:
        xa = frozenset().union(*(a.anchors[i] for i in ia))
        xb = frozenset().union(*(b.anchors[j] for j in jb))
        shared += len(xa & xb)
        na = {_digits(x) for x in xa if x.startswith("n:")}
        nb = {_digits(x) for x in xb if x.startswith("n:")}
        same_figures += 2 * len(na & nb)
        figures += len(na) + len(nb)
        if na and nb:
            number_pairs += 1
            conflicts += bool(na - nb and nb - na)
        if same:
            ta = frozenset().union(*(a.tokens[i] for i in ia))
            tb = frozenset().union(*(b.tokens[j] for j in jb))
            words += 2 * len(ta & tb)
            both += len(ta) + len(tb)
    return _PairFigures(
        verbatim=words / both if both else 0.0,
        number_pairs=number_pairs,
        conflicts=conflicts,
        shared=shared,
        figure_agreement=same_figures / figures if figures else 1.0,
    )


def story_overlap(a: Profile, b: Profile, idf: Callable[[str], float]) -> float:
    """The IDF-weighted Dice of the two articles' anchor sets."""
    xa, xb = a.all_anchors, b.all_anchors
    wa, wb, ws = (sum(idf(x) for x in s) for s in (xa, xb, xa & xb))
    return 2 * ws / (wa + wb) if wa + wb else 0.0


def lag_days(a: Profile, b: Profile) -> float | None:
    """Days between the two publications; None when a date is missing or incomparable."""
    if not (a.published and b.published):
        return None
    try:
        return abs((a.published - b.published).total_seconds()) / 86400
    except TypeError:  # naive vs aware
        return None


def cue_links(a: Profile, b: Profile) -> bool:
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
    shared = a.all_anchors & b.all_anchors
    steps = alignment.steps
    contiguity = sum(1 for di, dj in steps if di == 1 and dj == 1) / len(steps) if steps else 0.0
    figures = _pair_figures(a, b, alignment)
    return Evidence(
        verbatim=figures.verbatim,
        number_pairs=figures.number_pairs,
        conflicts=figures.conflicts,
        shared=figures.shared,
        figure_agreement=figures.figure_agreement,
        short_is_a=len(a.lengths) <= len(b.lengths),
        contiguity=contiguity,
        blocks=n + len(alignment.filled),
        coverage_a=ca,
        coverage_b=cb,
        mean=mean,
        order=order,
        story=story_overlap(a, b, idf),
        shared_rare=sum(1 for x in shared if rare(x)),
        cue=cue_links(a, b),
        lag_days=lag_days(a, b),
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


def lag_penalty(e: Evidence, options: MatchOptions = DEFAULT_OPTIONS) -> float:
    """How much a publication gap raises the relay bar (0 within the grace or with a cue).

    Relays come within hours to a couple of days; weeks apart with nothing linking
    the pair, the same speaker or template is the likelier explanation. Soft:
    ``relay_lag_slope`` per doubling of the days past ``relay_lag_grace_days``,
    capped at ``relay_lag_max_penalty``.
    """
    return gap_penalty(e.lag_days, e.cue, options)


def gap_penalty(days: float | None, cue: bool, options: MatchOptions = DEFAULT_OPTIONS) -> float:
    """``lag_penalty`` from the publication gap in days and whether a cue links the pair."""
    if days is None or cue:
        return 0.0
    late = max(0.0, days - options.relay_lag_grace_days)
    return min(options.relay_lag_max_penalty, options.relay_lag_slope * math.log2(1.0 + late))


def is_relay(
    e: Evidence,
    sentences: int,
    same_language: bool,
    options: MatchOptions = DEFAULT_OPTIONS,
) -> bool:
    """Is this alignment a copy or translation? ``sentences``: of the shorter side."""
    bonus = options.cue_bonus if e.cue else 0.0
    min_pairs = min(options.relay_min_pairs, max(1, sentences))
    short_cov = e.coverage_a if e.short_is_a else e.coverage_b
    conflict = options.relay_conflict_penalty * e.conflict_share
    lag = lag_penalty(e, options)
    if not (
        e.blocks >= min_pairs
        and max(e.coverage_a, e.coverage_b) >= options.relay_min_coverage - bonus
        and e.order >= options.relay_min_order - bonus
        and relay_index(e, sentences) >= options.relay_min_index - bonus
        and short_cov >= options.relay_min_short_coverage - bonus
    ):
        return False
    if same_language:
        bar = options.copy_min_token_overlap + conflict + options.copy_lag_share * lag
        return e.verbatim >= bar - bonus
    if e.mean < options.relay_min_mean + conflict + lag - bonus:
        return False
    if sentences <= options.relay_short_sentences:
        return (
            e.mean >= options.relay_short_min_mean + conflict + lag - bonus
            and e.shared >= options.relay_short_min_shared
            and e.figure_agreement >= options.relay_short_min_figures - bonus
        )
    return True


def classify(
    a: Profile,
    b: Profile,
    alignment: Alignment,
    e: Evidence,
    options: MatchOptions = DEFAULT_OPTIONS,
) -> Relation | None:
    """A Relation between a and b (a must carry ids), or None when unrelated."""
    assert a.article is not None and b.article is not None
    small = min(len(a.lengths), len(b.lengths))
    same = a.lang == b.lang
    relay = is_relay(e, small, same, options)
    first, second = a, b
    ca, cb = e.coverage_a, e.coverage_b
    pairs = alignment.pairs
    if a.published and b.published and _later(a, b):
        first, second, ca, cb = b, a, cb, ca
        pairs = tuple((j, i, s) for i, j, s in pairs)
    kind: RelationKind
    if relay:
        kind = "copy" if same else "translation"
        doubt = options.relay_conflict_penalty * e.conflict_share + lag_penalty(e, options)
        score = 0.5 + 0.5 * min(1.0, _relay_strength(e)) * max(0.0, 1.0 - doubt)
    else:
        in_time = e.lag_days is None or e.lag_days <= options.max_story_lag_days
        doubt = options.relay_conflict_penalty * e.conflict_share + lag_penalty(e, options)
        if not (
            in_time
            and e.story >= options.story_min_weight + options.story_doubt_weight * doubt
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
