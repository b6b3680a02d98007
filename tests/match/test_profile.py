"""Profiles: what the matcher keeps of an article survives storage unchanged."""

from __future__ import annotations

from relay_stories import corpus

from relaytrace.match.profile import dumps, loads, profile_of


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
