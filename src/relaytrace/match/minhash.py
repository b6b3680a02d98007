"""MinHash signatures and LSH band keys: one-permutation hashing, densified, in numpy.

Classic MinHash applies ``num_perm`` hash functions to every shingle, O(n·k).
One-permutation hashing (Li, Owen & Zhang, NIPS 2012) hashes each shingle once,
splits the hash range into ``num_perm`` bins and keeps the minimum per bin,
O(n + k); the fraction of agreeing bins estimates the Jaccard similarity as
classic MinHash does. Bins a short text leaves empty are filled by optimal
densification (Shrivastava, ICML 2017): empty bin j probes bins h(j, 1),
h(j, 2), … (a fixed random sequence per seed) and copies the first that the
text filled; after ``_PROBES`` misses it takes the next filled bin to its right.
Every document goes through the same procedure, so any two signatures compare.

Each shingle hash is mixed by a seeded splitmix64 finaliser (a bijection with
full avalanche); its high 32 bits pick the bin (multiply-shift range reduction,
so any ``num_perm`` works), its low 32 bits are the value minimised.

Examples:
    >>> h = MinHasher(128)
    >>> a = h.signature(np.arange(1000, dtype=np.uint64))
    >>> b = h.signature(np.arange(100, 1100, dtype=np.uint64))
    >>> 0.7 < jaccard(a, b) < 0.95
    True
"""

from __future__ import annotations

import numpy as np
import xxhash

__all__ = ["MinHasher", "band_keys", "jaccard"]

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_LOW = np.uint64(0xFFFFFFFF)
_EMPTY = np.iinfo(np.uint64).max
_PROBES = 24


class MinHasher:
    """Densified one-permutation MinHash with ``num_perm`` bins, drawn from ``seed``."""

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.salt = rng.integers(0, 2**64 - 1, dtype=np.uint64, endpoint=True)
        self.probes = rng.integers(0, num_perm, size=(num_perm, _PROBES), dtype=np.intp)
        self._k = np.uint64(num_perm)

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The signature (one uint64 per bin) of 64-bit shingle hashes.

        Repeated hashes do not change minima, so the input need not be distinct.
        """
        sig = np.full(self.num_perm, _EMPTY, dtype=np.uint64)
        if hashes.size == 0:
            return sig
        with np.errstate(over="ignore"):
            x = hashes.astype(np.uint64, copy=True)
            x ^= self.salt
            x ^= x >> np.uint64(30)
            x *= _M1
            x ^= x >> np.uint64(27)
            x *= _M2
            x ^= x >> np.uint64(31)
            bins = ((x >> np.uint64(32)) * self._k) >> np.uint64(32)
        np.minimum.at(sig, bins.astype(np.intp), x & _LOW)
        return self._densify(sig)

    def _densify(self, sig: np.ndarray) -> np.ndarray:
        filled = sig != _EMPTY
        empty = np.flatnonzero(~filled)
        if empty.size == 0:
            return sig
        source = sig.copy()
        probes = self.probes[empty]
        hits = filled[probes]
        first = hits.argmax(axis=1)
        found = hits[np.arange(empty.size), first]
        sig[empty[found]] = source[probes[found, first[found]]]
        empty = empty[~found]
        if empty.size == 0:
            return sig
        # rare leftovers (a text of a few shingles): the next filled bin to the right
        have = np.flatnonzero(filled)
        nxt = np.searchsorted(have, empty) % have.size
        sig[empty] = source[have[nxt]]
        return sig


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


def band_keys(signature: np.ndarray, bands: int, rows: int) -> tuple[int, ...]:
    """One signed 64-bit key per band (band index mixed in, so bands never collide)."""
    raw = signature[: bands * rows].reshape(bands, rows)
    keys = []
    for i in range(bands):
        k = xxhash.xxh64_intdigest(raw[i].tobytes(), seed=i)
        keys.append(k - (1 << 64) if k >= 1 << 63 else k)
    return tuple(keys)
