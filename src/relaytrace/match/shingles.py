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


_TOKEN_HASHES: dict[str, int] = {}
_ROT = (0, 23, 46, 13, 36, 59, 19, 42)


def _token_hash(token: str) -> int:
    h = _TOKEN_HASHES.get(token)
    if h is None:
        h = xxhash.xxh64_intdigest(token.encode())
        if len(_TOKEN_HASHES) < 1_000_000:
            _TOKEN_HASHES[token] = h
    return h


def shingle_hashes(tokens: Sequence[str], k: int = 3) -> np.ndarray:
    """64-bit hashes of the k-word shingles of a token sequence.

    Each word is hashed once (xxh64, cached); a shingle's hash combines its
    words' hashes rotated by position (so order counts) and is then mixed by
    the MinHash permutations, all in numpy.
    """
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    cache = _TOKEN_HASHES
    h = np.array([cache.get(t) or _token_hash(t) for t in tokens], dtype=np.uint64)
    k = max(1, min(k, len(tokens), len(_ROT)))
    n = len(tokens) - k + 1
    out = h[:n].copy()
    for p in range(1, k):
        r = np.uint64(_ROT[p])
        part = h[p : p + n]
        out ^= (part << r) | (part >> (np.uint64(64) - r))
    return out
