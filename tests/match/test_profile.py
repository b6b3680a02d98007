"""Profiles: what the matcher keeps of an article survives storage unchanged."""

from __future__ import annotations

from relay_stories import corpus
from relaytrace.match.profile import dumps, loads, peek, profile_of


def test_a_profile_survives_dumps_and_loads() -> None:
    p = profile_of(corpus()["fr"])
    back = loads(dumps(p))
    assert back.anchors == p.anchors
    assert back.tokens == p.tokens
    assert back.lengths == p.lengths
    assert back.cue_urls == {"harbourwire.example/tunnel"}
    assert back.published == p.published


def test_one_token_set_and_anchor_set_per_sentence() -> None:
    p = profile_of(corpus()["origin"])
    assert len(p.tokens) == len(p.anchors) == len(p.lengths) > 3
    assert len(p.bands) == 32


def test_a_profile_stored_by_an_earlier_version_still_loads() -> None:
    """Stores written before the binary blobs hold zlib-compressed JSON profiles."""
    import json
    import zlib

    p = profile_of(corpus()["de"])
    blob = dumps(p)  # format, language, the zlib'd JSON head after its length, the hashes
    at = 2 + blob[1]
    old = json.loads(
        zlib.decompress(blob[at + 4 : at + 4 + int.from_bytes(blob[at : at + 4], "little")])
    )
    old |= {"id": 7, "tok": [sorted(t) for t in p.tokens]}  # the hashes were in the JSON
    back = loads(zlib.compress(json.dumps(old).encode()))
    assert back.article == 7
    assert back.anchors == p.anchors and back.tokens == p.tokens


def test_the_blob_keeps_word_hashes_flat_and_sentence_sets_come_on_demand() -> None:
    p = profile_of(corpus()["origin"])
    back = loads(dumps(p))
    assert back.tokens[2] == p.tokens[2]
    assert back.tokens[-1] == p.tokens[-1]
    assert back.tokens[1:3] == p.tokens[1:3]
    assert back.all_anchors == p.all_anchors


def test_peek_reads_the_language_and_the_distinct_word_hashes_alone() -> None:
    p = profile_of(corpus()["fr"])
    lang, words = peek(dumps(p))  # type: ignore[misc]
    assert lang == "fr"
    assert words.tolist() == sorted(frozenset().union(*p.tokens))
