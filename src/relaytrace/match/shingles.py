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


def shingle_hashes(tokens: Sequence[str], k: int = 3) -> np.ndarray:
    """Distinct 64-bit hashes of the k-word shingles of a token sequence."""
    if len(tokens) < k:
        grams = [" ".join(tokens)] if tokens else []
    else:
        grams = [" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]
    return np.unique(np.fromiter((xxhash.xxh64_intdigest(g.encode()) for g in grams), np.uint64))
