"""Word tokens and shingles for same-language matching, hashed with xxhash."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from operator import itemgetter

import numpy as np
import regex
import xxhash

from relaytrace.text.anchors import fold

__all__ = ["shingle_hashes", "token_hashes", "word_set_arrays", "word_set_hashes", "words"]

_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[\p{L}\p{M}\p{Nd}]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
"""``_WORD`` on lower-cased ASCII text, where the stdlib engine is faster."""


def words(text: str) -> list[str]:
    """Folded words; each CJK character counts as a word."""
    if text.isascii():  # folding ASCII is lowering, which keeps the word boundaries
        return _ASCII_WORD.findall(text.lower())
    return [fold(w) for w in _WORD.findall(text)]


def token_hashes(text: str) -> frozenset[int]:
    """32-bit hashes of a sentence's folded words longer than two letters (CJK: all)."""
    return word_set_hashes(words(text))


class _HashCache(dict[str, int]):
    """Word → ``hash_of(word)``, filled on first lookup (``__missing__``), at most a
    million words."""

    def __init__(self, hash_of: Callable[[str], int]) -> None:
        super().__init__()
        self.hash_of = hash_of

    def __missing__(self, word: str) -> int:
        h = self.hash_of(word)
        if len(self) < 1_000_000:
            self[word] = h
        return h


def _hash32(word: str) -> int:
    """A word's token hash; 0 for words too short to count."""
    return xxhash.xxh32_intdigest(word.encode()) if len(word) > 2 or not word.isascii() else 0


def _hash64(word: str) -> int:
    """xxh64 as a signed int64: numpy converts those from Python ints several times
    faster than integers past 2**63."""
    h = xxhash.xxh64_intdigest(word.encode())
    return h - (1 << 64) if h >= 1 << 63 else h


_WORD_HASHES32 = _HashCache(_hash32)


def word_set_hashes(folded: Sequence[str]) -> frozenset[int]:
    """``token_hashes`` of a sentence already split by ``words``."""
    out = set(map(_WORD_HASHES32.__getitem__, folded))
    out.discard(0)
    return frozenset(out)


def word_set_arrays(
    sentence_words: Sequence[Sequence[str]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``word_set_hashes`` of every sentence of an article at once, as arrays: the
    article's distinct hashes (sorted), each sentence's hashes as positions in
    them (sentence after sentence, ascending within one), and each set's size."""
    n = len(sentence_words)
    flat = list(itertools.chain.from_iterable(sentence_words))
    if not flat:
        return np.empty(0, np.int64), np.empty(0, np.intp), np.zeros(n, np.intp)
    found = itemgetter(*flat)(_WORD_HASHES32) if len(flat) > 1 else (_WORD_HASHES32[flat[0]],)
    sizes = np.fromiter(map(len, sentence_words), dtype=np.intp, count=n)
    rows = np.repeat(np.arange(n, dtype=np.int64), sizes)
    keys = np.unique((rows << 32) | np.array(found, dtype=np.int64))  # hashes are 32-bit
    hashes = keys & 0xFFFFFFFF
    keys, hashes = keys[hashes != 0], hashes[hashes != 0]  # words too short to count
    distinct = np.unique(hashes)
    counts = np.bincount(keys >> 32, minlength=n).astype(np.intp)
    return distinct, np.searchsorted(distinct, hashes), counts


_TOKEN_HASHES = _HashCache(_hash64)
_ROT = (0, 23, 46, 13, 36, 59, 19, 42)


def shingle_hashes(tokens: Sequence[str], k: int = 3) -> np.ndarray:
    """64-bit hashes of the k-word shingles of a token sequence.

    Each word is hashed once (xxh64, cached); a shingle's hash combines its
    words' hashes rotated by position (so order counts) and is then mixed by
    the MinHash permutations, all in numpy.
    """
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    found = itemgetter(*tokens)(_TOKEN_HASHES) if len(tokens) > 1 else (_TOKEN_HASHES[tokens[0]],)
    h = np.array(found, dtype=np.int64).view(np.uint64)
    k = max(1, min(k, len(tokens), len(_ROT)))
    n = len(tokens) - k + 1
    out = h[:n].copy()
    for p in range(1, k):
        r = np.uint64(_ROT[p])
        part = h[p : p + n]
        out ^= (part << r) | (part >> (np.uint64(64) - r))
    return out
