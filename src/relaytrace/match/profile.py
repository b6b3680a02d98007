"""A ``Profile``: what the matcher keeps of an article to align it again quickly.

Per sentence: its length, anchors and word hashes; per article: its URL, site,
outlet name, publication time, the URLs and outlet names its source cues point
to, its MinHash band keys and its distinct anchors. Profiles are stored as
compact blobs (``dumps``/``loads``) so that matching a new article never
re-analyses the stored ones.
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from relaytrace.ingest.sites import norm_url
from relaytrace.match.minhash import MinHasher, band_keys
from relaytrace.match.options import DEFAULT_OPTIONS, MatchOptions
from relaytrace.match.sentence_sets import AnchorSets, TokenSets
from relaytrace.match.shingles import (
    hash_columns,
    shingle_hashes,
    word_set_arrays,
    words,
)
from relaytrace.model import Article, Sentence
from relaytrace.text.anchors import anchors_of, fold

__all__ = ["Profile", "article_sentences", "dumps", "loads", "peek", "profile_of"]


@dataclass(frozen=True, slots=True)
class Profile:
    """The matcher's view of one article."""

    article: int | None
    lang: str | None
    url: str
    site: str
    site_name: str | None
    published: datetime | None
    lengths: tuple[int, ...]
    anchors: Sequence[frozenset[str]]
    tokens: Sequence[frozenset[int]]
    cue_urls: frozenset[str] = frozenset()
    cue_outlets: frozenset[str] = frozenset()
    bands: tuple[int, ...] = ()
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """Derived arrays the aligner computes once per profile (not stored)."""

    @property
    def all_anchors(self) -> frozenset[str]:
        found = self.memo.get("all_anchors")
        if found is None:
            anchors = self.anchors
            found = self.memo["all_anchors"] = (
                anchors.union() if isinstance(anchors, AnchorSets) else frozenset().union(*anchors)
            )
        return found  # type: ignore[return-value]


def article_sentences(article: Article) -> tuple[Sentence, ...]:
    """The article's sentences: stored ones, else split now."""
    if article.sentences:
        return article.sentences
    from relaytrace.text.sentences import sentences_of

    return tuple(sentences_of(article.paragraphs, article.lang))


_HASHERS: dict[tuple[int, int], MinHasher] = {}


def _hasher(options: MatchOptions) -> MinHasher:
    key = (options.num_perm, options.seed)
    if key not in _HASHERS:
        _HASHERS[key] = MinHasher(options.num_perm, options.seed)
    return _HASHERS[key]


def profile_of(article: Article, options: MatchOptions = DEFAULT_OPTIONS) -> Profile:
    """Analyse an article for matching: sentence anchors, word hashes, LSH band keys."""
    sentences = article_sentences(article)
    texts = [s.text for s in sentences]
    lang = article.lang
    cue_urls = {norm_url(c.url) for c in article.cues if c.url}
    cue_outlets = {fold(c.outlet) for c in article.cues if c.outlet}
    sentence_words = [words(t) for t in texts]
    all_words = list(itertools.chain.from_iterable(sentence_words))
    h32, h64 = hash_columns(all_words)
    signature = _hasher(options).signature(shingle_hashes(all_words, options.shingle, h64))
    return Profile(
        article=article.id,
        lang=lang,
        url=norm_url(article.canonical_url or article.url),
        site=article.site,
        site_name=article.site_name,
        published=article.published,
        lengths=tuple(len(t) for t in texts),
        anchors=tuple(anchors_of(t, lang) for t in texts),
        tokens=TokenSets(*word_set_arrays(sentence_words, h32)),
        cue_urls=frozenset(cue_urls),
        cue_outlets=frozenset(cue_outlets),
        bands=band_keys(signature, options.bands, options.rows) if all_words else (),
    )


_FORMAT = b"\x01"
"""First byte of a binary profile blob (older blobs are zlib-compressed JSON, 0x78)."""


def dumps(p: Profile) -> bytes:
    """A compact blob of a profile (band keys are stored in their own table).

    A format byte; the language (a length byte, then ASCII); the zlib-compressed
    JSON of everything but the word hashes (after 4 bytes: its length); the
    number of distinct word hashes (4 bytes) and the width of a position (1
    byte); the distinct hashes, sorted (uint32); the number of words of each
    sentence (uint16); each word's position in the distinct hashes (uint16, or
    uint32 past 65,536 distinct words). ``peek`` reads the language and the
    distinct hashes alone.
    Random hashes do not compress, and numpy reads them back without parsing.
    """
    data = {
        "id": p.article,
        "lang": p.lang,
        "url": p.url,
        "site": p.site,
        "site_name": p.site_name,
        "published": p.published.isoformat() if p.published else None,
        "len": p.lengths,
        "anc": [sorted(a) for a in p.anchors],
        "cu": sorted(p.cue_urls),
        "co": sorted(p.cue_outlets),
    }
    head = zlib.compress(json.dumps(data, separators=(",", ":")).encode(), 3)
    tokens = p.tokens if isinstance(p.tokens, TokenSets) else TokenSets.of(p.tokens)
    distinct, index, counts = tokens.distinct, tokens.index, tokens.counts
    width = 2 if distinct.size <= 1 << 16 else 4
    counts, index = counts.astype("<u2"), index.astype(f"<u{width}")
    lang = (p.lang or "").encode()[:255]
    return b"".join(
        (
            _FORMAT,
            bytes((len(lang),)),
            lang,
            len(head).to_bytes(4, "little"),
            head,
            distinct.size.to_bytes(4, "little"),
            bytes((width,)),
            distinct.astype("<u4").tobytes(),
            counts.tobytes(),
            index.tobytes(),
        )
    )


def loads(blob: bytes) -> Profile:
    if blob[:1] != _FORMAT:
        return _loads_json(blob)
    head, words = _sections(blob)
    d = json.loads(zlib.decompress(blob[head:words]))
    counts, distinct, index = _word_arrays(blob, words, len(d["len"]))
    return _profile(d, TokenSets(distinct, index, counts))


def peek(blob: bytes) -> tuple[str | None, np.ndarray] | None:
    """A stored profile's language and distinct word hashes (sorted), read without
    the rest; None for a blob of an earlier version."""
    if blob[:1] != _FORMAT:
        return None
    head, words = _sections(blob)
    return blob[2 : head - 4].decode() or None, _distinct_at(blob, words).astype(np.int64)


def _sections(blob: bytes) -> tuple[int, int]:
    """Where a binary blob's compressed JSON head and its word part begin."""
    head = 2 + blob[1] + 4  # after the format byte, the language and the head's length
    return head, head + int.from_bytes(blob[head - 4 : head], "little")


def _distinct_at(blob: bytes, at: int) -> np.ndarray:
    """The distinct word hashes (uint32) of the word part that begins at ``at``."""
    m = int.from_bytes(blob[at : at + 4], "little")
    return np.frombuffer(blob, dtype="<u4", count=m, offset=at + 5)


def _word_arrays(blob: bytes, at: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(words per sentence, distinct hashes, each word's position in them)."""
    distinct, width = _distinct_at(blob, at), blob[at + 4]
    at += 5 + 4 * distinct.size
    counts = np.frombuffer(blob, dtype="<u2", count=n, offset=at)
    index = np.frombuffer(blob, dtype=f"<u{width}", offset=at + 2 * n)
    return counts, distinct, index


def _loads_json(blob: bytes) -> Profile:
    d = json.loads(zlib.decompress(blob))
    return _profile(d, tuple(frozenset(t) for t in d["tok"]))


def _profile(d: dict, tokens: Sequence[frozenset[int]]) -> Profile:
    return Profile(
        article=d["id"],
        lang=d["lang"],
        url=d["url"],
        site=d["site"],
        site_name=d["site_name"],
        published=datetime.fromisoformat(d["published"]) if d["published"] else None,
        lengths=tuple(d["len"]),
        anchors=AnchorSets(d["anc"]),
        tokens=tokens,
        cue_urls=frozenset(d["cu"]),
        cue_outlets=frozenset(d["co"]),
    )
