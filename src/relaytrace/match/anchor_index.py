"""Candidate search: LSH bands (same language) and rare anchors (any language).

IDF weights come from document frequencies kept in the store:
idf(x) = ln((N + 1) / (df(x) + 1)) + 1, so an anchor no stored article holds
weighs most and one every article holds weighs about 1. Candidate lookup reads
N as at least ``MIN_DOCS``: a user checking one article against its source has
two or three documents, whose counts say nothing of how rare a name or a figure
is in the news (without the floor, anchors two of three documents share weigh
1.3 and a translation across scripts finds no candidate). Alignment keeps the
true N, so that what every stored article shares still weighs little there.
A candidate from the
anchor index must share enough IDF weight of rare anchors; small integers
(days, counts under 32) are never used to look candidates up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from relaytrace.match.options import DEFAULT_OPTIONS, MatchOptions
from relaytrace.match.profile import Profile
from relaytrace.store.base import Store

__all__ = [
    "MIN_DOCS",
    "Idf",
    "candidates",
    "lookup_anchors",
    "profile_lookup_anchors",
    "search",
]

MIN_DOCS = 200
"""Least corpus size assumed by IDF (a prior for stores of a few articles)."""


class Idf:
    """IDF weights for a known set of anchors: ``idf(anchor) -> float``."""

    def __init__(
        self,
        n_docs: int,
        df: Mapping[str, int],
        min_docs: int = 0,
        known: Iterable[str] = (),
    ) -> None:
        self.n_docs = n_docs
        self.df = dict(df)
        self.min_docs = min_docs
        self._n = max(n_docs, min_docs)
        self._known = set(self.df).union(known)  # anchors whose df was read (absent = 0)

    @classmethod
    def from_store(cls, store: Store, anchors: Iterable[str], min_docs: int = 0) -> Idf:
        """Weights of these anchors from the store's counts (``min_docs``: floor of N)."""
        wanted = sorted(set(anchors))
        return cls(store.match_indexed_count(), store.anchor_df(wanted), min_docs, wanted)

    def floored(self, min_docs: int) -> Idf:
        """The same counts, N read as at least ``min_docs``."""
        return Idf(self.n_docs, self.df, min_docs, self._known)

    def extended(self, store: Store, anchors: Iterable[str]) -> Idf:
        """These weights plus those of further anchors (only the new ones are read)."""
        new = sorted(set(anchors) - self._known)
        if not new:
            return self
        df = {**self.df, **store.anchor_df(new)}
        return Idf(self.n_docs, df, self.min_docs, self._known.union(new))

    def __call__(self, anchor: str) -> float:
        return math.log((self._n + 1) / (self.df.get(anchor, 0) + 1)) + 1.0

    def max_df(self, options: MatchOptions) -> int:
        return max(options.anchor_min_max_df, int(options.anchor_max_df_share * self.n_docs))

    def is_rare(self, anchor: str, options: MatchOptions = DEFAULT_OPTIONS) -> bool:
        return self.df.get(anchor, 0) <= self.max_df(options) and lookup_anchor(anchor)


def lookup_anchor(anchor: str) -> bool:
    """Whether an anchor may be used to look candidates up (not a small integer)."""
    if anchor.startswith("n:"):
        try:
            value = float(anchor[2:])
        except ValueError:
            return True
        return not (value < 32 and value == int(value))
    return True


def lookup_anchors(anchors: Iterable[str]) -> list[str]:
    return sorted(a for a in anchors if lookup_anchor(a))


def profile_lookup_anchors(p: Profile) -> list[str]:
    """``lookup_anchors`` of all a profile's anchors, worked out once per profile."""
    found = p.memo.get("lookup")
    if found is None:
        found = p.memo["lookup"] = lookup_anchors(p.all_anchors)
    return found  # type: ignore[return-value]


def candidates(
    store: Store, profile: Profile, idf: Idf, options: MatchOptions = DEFAULT_OPTIONS
) -> list[int]:
    """Stored articles worth aligning with ``profile``, best first (itself excluded)."""
    return search(store, profile, idf, options)[0]


def search(
    store: Store, profile: Profile, idf: Idf, options: MatchOptions = DEFAULT_OPTIONS
) -> tuple[list[int], dict[int, int]]:
    """``candidates``, and how many rare anchors each stored article shares with
    ``profile`` (articles sharing none are absent)."""
    found: dict[int, float] = {}
    if profile.bands:
        for art, n in store.band_candidates(
            profile.bands, limit=options.max_band_candidates
        ).items():
            found[art] = 1000.0 + n
    anchors = profile_lookup_anchors(profile)
    idf = idf.extended(store, anchors)  # a probe of the profile has every count already
    cap = idf.max_df(options)
    postings = store.anchor_postings([x for x in anchors if 0 < idf.df.get(x, 0) <= cap])
    weights: dict[int, float] = {}
    shared: dict[int, int] = {}
    for anchor, arts in postings.items():
        w = idf(anchor)
        for art in arts:
            weights[art] = weights.get(art, 0.0) + w
            shared[art] = shared.get(art, 0) + 1
    ranked = sorted(
        ((w, art) for art, w in weights.items() if w >= options.min_candidate_weight),
        reverse=True,
    )
    for w, art in ranked[: options.max_anchor_candidates]:
        found[art] = max(found.get(art, 0.0), w)
    found.pop(profile.article, None)  # type: ignore[arg-type]
    return sorted(found, key=found.__getitem__, reverse=True), shared
