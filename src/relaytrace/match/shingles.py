"""Word tokens and shingles for same-language matching, hashed with xxhash."""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Sequence
from operator import itemgetter

import numpy as np
import regex
import xxhash

from relaytrace.text.anchors import fold

__all__ = [
    "hash_columns",
    "shingle_hashes",
    "sorted_unique",
    "token_hashes",
    "word_set_arrays",
    "word_set_hashes",
    "words",
]

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


class _WordTable(dict[str, int]):
    """Word → its row in two hash columns, filled on first lookup (``__missing__``):
    the token hash (xxh32; 0 for words too short to count) and the word's part of
    shingle hashes (xxh64). One dict lookup per word gives both. The table starts
    afresh, between two lookups, once it holds ``limit`` words. Lookups hold a lock:
    rows are handed out, and the columns grown, by whichever thread sees a word first.
    """

    def __init__(self, limit: int = 1_000_000) -> None:
        super().__init__()
        self.limit = limit
        self.h32 = np.zeros(4096, np.int64)
        self.h64 = np.zeros(4096, np.int64)
        self._lock = threading.Lock()

    def __missing__(self, word: str) -> int:
        row = self[word] = len(self)
        if row == self.h32.size:
            self.h32 = np.concatenate([self.h32, np.zeros_like(self.h32)])
            self.h64 = np.concatenate([self.h64, np.zeros_like(self.h64)])
        self.h32[row] = _hash32(word)
        self.h64[row] = _hash64(word)
        return row

    def columns(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The tokens' token hashes and shingle parts (``tokens`` not empty)."""
        with self._lock:
            if len(self) >= self.limit:
                self.clear()
            found = itemgetter(*tokens)(self) if len(tokens) > 1 else (self[tokens[0]],)
            rows = np.array(found, dtype=np.intp)
            return self.h32[rows], self.h64[rows].view(np.uint64)


def _hash32(word: str) -> int:
    """A word's token hash; 0 for words too short to count."""
    return xxhash.xxh32_intdigest(word.encode()) if len(word) > 2 or not word.isascii() else 0


def _hash64(word: str) -> int:
    """xxh64 as a signed int64, the type of the column it goes to."""
    h = xxhash.xxh64_intdigest(word.encode())
    return h - (1 << 64) if h >= 1 << 63 else h


_WORDS = _WordTable()


def hash_columns(tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each token's token hash (int64, 0 for short words) and shingle part (uint64)."""
    if not tokens:
        return np.empty(0, np.int64), np.empty(0, np.uint64)
    return _WORDS.columns(tokens)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a small array: sorting beats its hash table below ~10^4 items."""
    values = np.sort(values)
    if values.size < 2:
        return values
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def word_set_hashes(folded: Sequence[str]) -> frozenset[int]:
    """``token_hashes`` of a sentence already split by ``words``."""
    out = set(hash_columns(folded)[0].tolist())
    out.discard(0)
    return frozenset(out)


def word_set_arrays(
    sentence_words: Sequence[Sequence[str]], h32: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``word_set_hashes`` of every sentence of an article at once, as arrays: the
    article's distinct hashes (sorted), each sentence's hashes as positions in
    them (sentence after sentence, ascending within one), and each set's size.

    ``h32`` is the words' token hashes in order, when ``hash_columns`` gave them.
    """
    n = len(sentence_words)
    if h32 is None:
        h32 = hash_columns(list(itertools.chain.from_iterable(sentence_words)))[0]
    if not h32.size:
        return np.empty(0, np.int64), np.empty(0, np.intp), np.zeros(n, np.intp)
    sizes = np.fromiter(map(len, sentence_words), dtype=np.intp, count=n)
    rows = np.repeat(np.arange(n, dtype=np.int64), sizes)
    keys = sorted_unique((rows << 32) | h32)  # hashes are 32-bit
    hashes = keys & 0xFFFFFFFF
    keys, hashes = keys[hashes != 0], hashes[hashes != 0]  # words too short to count
    distinct = sorted_unique(hashes)
    counts = np.bincount(keys >> 32, minlength=n).astype(np.intp)
    return distinct, np.searchsorted(distinct, hashes), counts


_ROT = (0, 23, 46, 13, 36, 59, 19, 42)


def shingle_hashes(tokens: Sequence[str], k: int = 3, h64: np.ndarray | None = None) -> np.ndarray:
    """64-bit hashes of the k-word shingles of a token sequence.

    Each word is hashed once (xxh64, kept in the word table; ``h64`` when
    ``hash_columns`` gave them already); a shingle's hash combines its words'
    hashes rotated by position (so order counts) and is then mixed by the
    MinHash permutations, all in numpy.
    """
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    h = hash_columns(tokens)[1] if h64 is None else h64
    k = max(1, min(k, len(tokens), len(_ROT)))
    n = len(tokens) - k + 1
    out = h[:n].copy()
    for p in range(1, k):
        r = np.uint64(_ROT[p])
        part = h[p : p + n]
        out ^= (part << r) | (part >> (np.uint64(64) - r))
    return out
