"""Word tokens and shingles for same-language matching, hashed with xxhash."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex
import xxhash

from relaytrace.text.anchors import fold

__all__ = ["shingle_hashes", "token_hashes", "words"]

_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[\p{L}\p{M}\p{Nd}]+")


def words(text: str) -> list[str]:
    """Folded words; each CJK character counts as a word."""
    return [fold(w) for w in _WORD.findall(text)]


def token_hashes(text: str) -> frozenset[int]:
    """32-bit hashes of a sentence's folded words longer than two letters (CJK: all)."""
    return frozenset(
        xxhash.xxh32_intdigest(w.encode()) for w in words(text) if len(w) > 2 or not w.isascii()
    )


class _HashCache(dict[str, int]):
    """Word → xxh64, filled on first lookup (``__missing__``), at most a million words."""

    def __missing__(self, token: str) -> int:
        h = xxhash.xxh64_intdigest(token.encode())
        if len(self) < 1_000_000:
            self[token] = h
        return h


_TOKEN_HASHES = _HashCache()
_ROT = (0, 23, 46, 13, 36, 59, 19, 42)


def shingle_hashes(tokens: Sequence[str], k: int = 3) -> np.ndarray:
    """64-bit hashes of the k-word shingles of a token sequence.

    Each word is hashed once (xxh64, cached); a shingle's hash combines its
    words' hashes rotated by position (so order counts) and is then mixed by
    the MinHash permutations, all in numpy.
    """
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    h = np.fromiter(map(_TOKEN_HASHES.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    k = max(1, min(k, len(tokens), len(_ROT)))
    n = len(tokens) - k + 1
    out = h[:n].copy()
    for p in range(1, k):
        r = np.uint64(_ROT[p])
        part = h[p : p + n]
        out ^= (part << r) | (part >> (np.uint64(64) - r))
    return out
