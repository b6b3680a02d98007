"""Per-sentence sets read back from a stored profile, built only when asked for.

Most stored profiles loaded as candidates are dismissed by the prefilter from
their flat contents (all the article's anchors, all its word hashes); making a
frozenset for every sentence of each would cost more than the test itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from typing import Generic, TypeVar, overload

import numpy as np

from relaytrace.match.shingles import sorted_unique

__all__ = ["AnchorSets", "TokenSets"]

T = TypeVar("T", bound=Hashable)


class _LazySets(Sequence[frozenset[T]], Generic[T]):
    """A tuple-like sequence of frozensets, each made on first access."""

    __slots__ = ("_sets",)

    def __init__(self, n: int) -> None:
        self._sets: list[frozenset[T] | None] = [None] * n

    def _build(self, k: int) -> frozenset[T]:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._sets)

    @overload
    def __getitem__(self, i: int) -> frozenset[T]: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[frozenset[T], ...]: ...
    def __getitem__(self, i: int | slice) -> frozenset[T] | tuple[frozenset[T], ...]:
        if isinstance(i, slice):
            return tuple(self[k] for k in range(*i.indices(len(self))))
        found = self._sets[i]
        if found is None:
            k = range(len(self))[i]
            found = self._sets[k] = self._build(k)
        return found

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))


class AnchorSets(_LazySets[str]):
    """Sentence anchor sets from the lists a profile blob holds."""

    __slots__ = ("lists",)

    def __init__(self, lists: list[list[str]]) -> None:
        super().__init__(len(lists))
        self.lists = lists

    def _build(self, k: int) -> frozenset[str]:
        return frozenset(self.lists[k])

    def union(self) -> frozenset[str]:
        return frozenset(itertools.chain.from_iterable(self.lists))


class TokenSets(_LazySets[int]):
    """Sentence word-hash sets from an article's distinct hashes (sorted), each
    sentence's positions in them, and the count of each sentence."""

    __slots__ = ("_bounds", "counts", "distinct", "hashes", "index")

    def __init__(self, distinct: np.ndarray, index: np.ndarray, counts: np.ndarray) -> None:
        super().__init__(len(counts))
        self.distinct = distinct.astype(np.int64)
        self.index = index
        self.hashes = self.distinct[index]
        self.counts = counts.astype(np.intp)
        self._bounds = [0, *itertools.accumulate(self.counts.tolist())]

    @classmethod
    def of(cls, sets: Sequence[frozenset[int]]) -> TokenSets:
        """The arrays of sentence sets built by hand or read from an old JSON blob."""
        counts = np.fromiter(map(len, sets), dtype=np.intp, count=len(sets))
        hashes = np.fromiter(
            itertools.chain.from_iterable(sets), dtype=np.int64, count=int(counts.sum())
        )
        distinct = sorted_unique(hashes)
        return cls(distinct, np.searchsorted(distinct, hashes), counts)

    def _build(self, k: int) -> frozenset[int]:
        return frozenset(self.hashes[self._bounds[k] : self._bounds[k + 1]].tolist())
