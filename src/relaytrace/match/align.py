"""Monotone alignment of two sentence sequences (1-1, 1-2, 2-1 and skips).

A pair of sentences scores by the IDF-weighted overlap of their anchors (a
smoothed Dice, so that one shared common figure is not a match), within one
language mixed with word overlap, times a length-ratio prior in the manner of
Gale & Church (the expected ratio is the two articles' own length ratio, so any
language pair is tolerated). Skips cost nothing, so the best alignment is the
heaviest chain of blocks increasing on both sides: found exactly by dynamic
programming over the candidate blocks with a Fenwick tree of prefix maxima,
in O(K log m) for K blocks above the pair threshold. Dropped, split, merged and
added sentences, excerpts and a relay's own introduction simply fall outside
the chain.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from relaytrace.match.options import DEFAULT_OPTIONS, MatchOptions
from relaytrace.match.profile import Profile
from relaytrace.match.sentence_sets import TokenSets

__all__ = [
    "Alignment",
    "FlatTokens",
    "align",
    "flat_tokens",
    "in_sorted",
    "overlaps",
    "pair_scores",
    "token_blocks",
]

_SMOOTH = 2.0  # IDF mass added to the Dice denominator: small overlaps stay small


@dataclass(frozen=True, slots=True)
class Alignment:
    """The chain found: blocks of (a sentences, b sentences, score).

    ``pairs`` expands blocks to (i, j, score) sentence pairs; ``weight`` is the
    chain's total score and ``free_weight`` the best weight without the order
    constraint (each sentence matched to its best partner), so
    ``weight / free_weight`` tells kept order from scattered overlap.
    """

    blocks: tuple[tuple[tuple[int, ...], tuple[int, ...], float], ...]
    weight: float
    free_weight: float
    filled: tuple[tuple[int, int], ...] = ()

    @property
    def steps(self) -> tuple[tuple[int, int], ...]:
        """Moves between consecutive aligned units, gap fills included."""
        units = sorted(
            [(a[0], a[-1], b[0], b[-1]) for a, b, _ in self.blocks]
            + [(i, i, j, j) for i, j in self.filled]
        )
        return tuple((n[0] - p[1], n[2] - p[3]) for p, n in itertools.pairwise(units))

    @property
    def pairs(self) -> tuple[tuple[int, int, float], ...]:
        return tuple((i, j, s) for a, b, s in self.blocks for i in a for j in b)

    @property
    def rows_a(self) -> frozenset[int]:
        return frozenset(i for a, _, _ in self.blocks for i in a) | {i for i, _ in self.filled}

    @property
    def rows_b(self) -> frozenset[int]:
        return frozenset(j for _, b, _ in self.blocks for j in b) | {j for _, j in self.filled}


Overlaps = tuple[np.ndarray, np.ndarray, np.ndarray]
"""Overlap scores of 1-1, 2-1 (rows i,i+1 of a vs j) and 1-2 (i vs j,j+1 of b) blocks."""


def _unions(sets: Sequence[frozenset]) -> list[frozenset]:
    """Sentence i united with sentence i+1 (the a side of a 2-1 block)."""
    return [x | y for x, y in itertools.pairwise(sets)]


def _blocks(
    xa: np.ndarray,
    xb: np.ndarray,
    w: np.ndarray | None,
    masses: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    smooth: float,
) -> Overlaps:
    """Dice of 1-1, 2-1 and 1-2 blocks from incidence matrices over the shared items.

    ``masses``: each sentence's (and each united neighbour pair's) whole weight, for
    a, b, a's pairs and b's pairs; items not shared count there only.
    """
    ma, mb, ma2, mb2 = masses
    xa2, xb2 = np.maximum(xa[:-1], xa[1:]), np.maximum(xb[:-1], xb[1:])
    xbw, xb2w = (xb, xb2) if w is None else (xb * w, xb2 * w)

    def dice(x: np.ndarray, y: np.ndarray, mx: np.ndarray, my: np.ndarray) -> np.ndarray:
        # a zero mass means nothing shared either: the floor only avoids 0/0
        return 2.0 * (x @ y.T) / np.maximum(mx[:, None] + my[None, :] + smooth, 1e-9)

    return dice(xa, xbw, ma, mb), dice(xa2, xbw, ma2, mb), dice(xa, xb2w, ma, mb2)


def _zeros(na: int, nb: int) -> Overlaps:
    return np.zeros((na, nb)), np.zeros((max(na - 1, 0), nb)), np.zeros((na, max(nb - 1, 0)))


def _anchor_blocks(
    a: Sequence[frozenset], b: Sequence[frozenset], idf: Callable[[str], float]
) -> Overlaps:
    """IDF-weighted, smoothed Dice of the anchor sets of every block."""
    in_a, in_b = frozenset().union(*a), frozenset().union(*b)
    shared = in_a & in_b
    if not shared:
        return _zeros(len(a), len(b))
    weight = {x: idf(x) for x in in_a | in_b}
    get = weight.__getitem__
    masses = tuple(
        np.array([sum(map(get, x)) for x in side], dtype=np.float32)
        for side in (a, b, _unions(a), _unions(b))
    )
    index = {x: k for k, x in enumerate(shared)}

    def incidence(sets: Sequence[frozenset]) -> np.ndarray:
        rows, cols = [], []
        for r, items in enumerate(sets):
            hit = items & shared
            rows += [r] * len(hit)
            cols += map(index.__getitem__, hit)
        m = np.zeros((len(sets), len(shared)), dtype=np.float32)
        m[rows, cols] = 1.0
        return m

    w = np.array([weight[x] for x in shared], dtype=np.float32)
    return _blocks(incidence(a), incidence(b), w, masses, _SMOOTH)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class FlatTokens:
    """One article's sentence word hashes flattened: the hashes, the sentence of each,
    the set sizes of each sentence and of each united neighbour pair, the distinct
    hashes (sorted) and each hash's position in them."""

    items: np.ndarray
    rows: np.ndarray
    sizes: np.ndarray
    sizes2: np.ndarray
    distinct: np.ndarray
    index: np.ndarray


def flat_tokens(p: Profile) -> FlatTokens:
    flat = p.memo.get("tokens")
    if flat is None:
        tokens = p.tokens if isinstance(p.tokens, TokenSets) else TokenSets.of(p.tokens)
        items, sizes, distinct, index = tokens.hashes, tokens.counts, tokens.distinct, tokens.index
        rows = np.repeat(np.arange(len(sizes)), sizes)
        pairs = _pair_sizes(items, rows, sizes)
        flat = FlatTokens(items, rows, sizes.astype(np.float32), pairs, distinct, index)
        p.memo["tokens"] = flat
    return flat  # type: ignore[return-value]


def _pair_sizes(items: np.ndarray, rows: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Size of each sentence's word set united with the next one's."""
    if len(sizes) < 2 or not items.size:
        return (sizes[:-1] + sizes[1:]).astype(np.float32)
    keys = (items << 24) + rows  # hashes are 32-bit: a (hash, sentence) key
    _, in_next = in_sorted(keys + 1, np.sort(keys))  # the word is also in the next sentence
    common = np.bincount(rows[in_next], minlength=len(sizes))[:-1]
    return (sizes[:-1] + sizes[1:] - common).astype(np.float32)


def in_sorted(values: np.ndarray, ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each value's position in a sorted, non-empty array, and whether it is there."""
    at = np.minimum(np.searchsorted(ordered, values), ordered.size - 1)
    return at, ordered[at] == values


def token_blocks(a: Profile, b: Profile) -> Overlaps:
    """Word-set Dice of every block, vectorised over the profiles' flattened hashes."""
    fa, fb = flat_tokens(a), flat_tokens(b)
    shared = np.intersect1d(fa.distinct, fb.distinct, assume_unique=True)
    if not shared.size:
        return _zeros(len(a.tokens), len(b.tokens))

    def incidence(f: FlatTokens, n: int) -> np.ndarray:
        col, hit = in_sorted(f.items, shared)
        m = np.zeros((n, shared.size), dtype=np.float32)
        m[f.rows[hit], col[hit]] = 1.0
        return m

    xa, xb = incidence(fa, len(a.tokens)), incidence(fb, len(b.tokens))
    return _blocks(xa, xb, None, (fa.sizes, fb.sizes, fa.sizes2, fb.sizes2), 0.0)


def overlaps(
    a: Profile, b: Profile, idf: Callable[[str], float], options: MatchOptions = DEFAULT_OPTIONS
) -> Overlaps:
    """Block overlaps before the length prior: IDF-weighted anchor Dice, within one
    language mixed with word Dice (``token_weight``)."""
    anchors = _anchor_blocks(a.anchors, b.anchors, idf)
    if a.lang is None or a.lang != b.lang:
        return anchors
    tokens = token_blocks(a, b)
    t = options.token_weight
    return tuple(t * x + (1 - t) * y for x, y in zip(tokens, anchors, strict=True))  # type: ignore[return-value]


def pair_scores(
    a: Profile,
    b: Profile,
    idf: Callable[[str], float],
    options: MatchOptions = DEFAULT_OPTIONS,
    expected: float | None = None,
    overlap: Overlaps | None = None,
) -> Overlaps:
    """Scores of 1-1, 2-1 and 1-2 blocks: overlaps times the length-ratio prior.

    ``expected`` is the expected log length ratio of a's sentences to b's; by
    default the two articles' total length ratio.
    """
    one, two_one, one_two = overlap if overlap is not None else overlaps(a, b, idf, options)
    la = np.maximum(np.array(a.lengths, dtype=np.float32), 1.0)
    lb = np.maximum(np.array(b.lengths, dtype=np.float32), 1.0)
    if expected is None:
        expected = _total_ratio(a, b)

    def prior(lxa: np.ndarray, lxb: np.ndarray) -> np.ndarray:
        ratio = np.log(lxa[:, None] / lxb[None, :]) - expected
        return 0.3 + 0.7 * np.exp(-(ratio**2) / (2 * options.length_sigma**2))

    la2, lb2 = la[:-1] + la[1:], lb[:-1] + lb[1:]
    return one * prior(la, lb), two_one * prior(la2, lb), one_two * prior(la, lb2)


def _total_ratio(a: Profile, b: Profile) -> float:
    return math.log(max(sum(a.lengths), 1) / max(sum(b.lengths), 1))


def _aligned_ratio(chain: list[tuple[int, int, int, int, float]], a: Profile, b: Profile) -> float:
    la = sum(sum(a.lengths[i0 : i1 + 1]) for i0, i1, _, _, _ in chain)
    lb = sum(sum(b.lengths[j0 : j1 + 1]) for _, _, j0, j1, _ in chain)
    return math.log(max(la, 1) / max(lb, 1))


def align(
    a: Profile,
    b: Profile,
    idf: Callable[[str], float],
    options: MatchOptions = DEFAULT_OPTIONS,
    extra: np.ndarray | None = None,
) -> Alignment:
    """The heaviest monotone chain of 1-1, 2-1 and 1-2 blocks between a and b.

    ``extra``, when given, is a further n×m sentence similarity in [0, 1]
    (sentence embeddings) mixed into the 1-1 scores with ``embedding_weight``.

    The length prior first expects the articles' total length ratio. When the
    chain found covers the two sides unevenly (an excerpt, a relay with its own
    introduction, a lead), the ratio of the aligned sentences differs from it by
    more than ``length_reestimate``; the pairs are then scored again expecting
    that ratio (Gale & Church's ratio of the aligned text), and the heavier
    chain is kept.
    """
    overlap = overlaps(a, b, idf, options) if a.lengths and b.lengths else None
    first = _align(a, b, idf, options, extra, None, overlap)
    if not first[0]:
        return first[1]
    total = _total_ratio(a, b)
    ratio = _aligned_ratio(first[0], a, b)
    if abs(ratio - total) <= options.length_reestimate:
        return first[1]
    second = _align(a, b, idf, options, extra, ratio, overlap)
    return second[1] if second[1].weight > first[1].weight else first[1]


def _align(
    a: Profile,
    b: Profile,
    idf: Callable[[str], float],
    options: MatchOptions,
    extra: np.ndarray | None,
    expected: float | None,
    overlap: Overlaps | None = None,
) -> tuple[list[tuple[int, int, int, int, float]], Alignment]:
    """One alignment pass with the given expected length ratio: (chain, alignment)."""
    if not a.lengths or not b.lengths:
        return [], Alignment((), 0.0, 0.0)
    one, two_one, one_two = pair_scores(a, b, idf, options, expected, overlap)
    if extra is not None and extra.shape == one.shape:
        w = options.embedding_weight
        one = (1 - w) * one + w * extra
    floor = options.min_pair_score
    blocks: list[tuple[int, int, int, int, float]] = []  # i0, i1, j0, j1, score
    for i, j in zip(*np.nonzero(one > floor), strict=True):
        blocks.append((int(i), int(i), int(j), int(j), float(one[i, j])))
    for i, j in zip(*np.nonzero(two_one > floor), strict=True):
        s = float(two_one[i, j]) - options.merge_penalty
        # both halves must share something with j: an anchorless neighbour is not merged
        if min(one[i, j], one[i + 1, j]) > 0 and s > max(one[i, j], one[i + 1, j]) + 0.02:
            blocks.append((int(i), int(i) + 1, int(j), int(j), s))
    for i, j in zip(*np.nonzero(one_two > floor), strict=True):
        s = float(one_two[i, j]) - options.merge_penalty
        if min(one[i, j], one[i, j + 1]) > 0 and s > max(one[i, j], one[i, j + 1]) + 0.02:
            blocks.append((int(i), int(i), int(j), int(j) + 1, s))
    free = min(
        float(np.where(one > floor, one, 0).max(axis=1).sum()),
        float(np.where(one > floor, one, 0).max(axis=0).sum()),
    )
    if not blocks:
        return [], Alignment((), 0.0, free)
    chain, weight = _heaviest_chain(blocks, len(b.lengths))
    out = tuple(
        (tuple(range(i0, i1 + 1)), tuple(range(j0, j1 + 1)), s) for i0, i1, j0, j1, s in chain
    )
    filled = _fill_gaps(chain, a, b, options, expected)
    return chain, Alignment(out, weight, max(free, 1e-9), filled)


def _fill_gaps(
    chain: list[tuple[int, int, int, int, float]],
    a: Profile,
    b: Profile,
    options: MatchOptions,
    expected: float | None = None,
) -> tuple[tuple[int, int], ...]:
    """Sentences left between two aligned blocks, in equal numbers on both sides
    (at most two), paired in order when their lengths agree: in a translation
    they are the sentences without anchors (a quote, a comment)."""
    filled = []
    if expected is None:
        expected = _total_ratio(a, b)
    for p, n in itertools.pairwise(chain):
        gap_a, gap_b = n[0] - p[1] - 1, n[2] - p[3] - 1
        if gap_a != gap_b or not 1 <= gap_a <= options.max_gap_fill:
            continue
        pairs = [(p[1] + 1 + t, p[3] + 1 + t) for t in range(gap_a)]
        ratios = [
            abs(math.log(max(a.lengths[i], 1) / max(b.lengths[j], 1)) - expected) for i, j in pairs
        ]
        if max(ratios) <= 2 * options.length_sigma:
            filled += pairs
    return tuple(filled)


def _heaviest_chain(
    blocks: list[tuple[int, int, int, int, float]], m: int
) -> tuple[list[tuple[int, int, int, int, float]], float]:
    """Max-weight chain with i1 < next i0 and j1 < next j0 (Fenwick over j1)."""
    order = sorted(range(len(blocks)), key=lambda k: blocks[k][0])
    by_end = sorted(range(len(blocks)), key=lambda k: blocks[k][1])
    tree_val = [0.0] * (m + 1)
    tree_arg = [-1] * (m + 1)
    best = [0.0] * len(blocks)
    prev = [-1] * len(blocks)
    inserted = 0

    def update(pos: int, val: float, arg: int) -> None:
        pos += 1
        while pos <= m:
            if val > tree_val[pos]:
                tree_val[pos], tree_arg[pos] = val, arg
            pos += pos & -pos

    def query(pos: int) -> tuple[float, int]:  # max over j1 < pos
        v, arg = 0.0, -1
        while pos > 0:
            if tree_val[pos] > v:
                v, arg = tree_val[pos], tree_arg[pos]
            pos -= pos & -pos
        return v, arg

    for k in order:
        i0, _, j0, _, s = blocks[k]
        while inserted < len(by_end) and blocks[by_end[inserted]][1] < i0:
            e = by_end[inserted]
            update(blocks[e][3], best[e], e)
            inserted += 1
        v, arg = query(j0)
        best[k], prev[k] = v + s, arg
    end = max(range(len(blocks)), key=best.__getitem__)
    chain = []
    k = end
    while k != -1:
        chain.append(blocks[k])
        k = prev[k]
    return chain[::-1], best[end]
