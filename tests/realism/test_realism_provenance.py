"""Provenance on real-web-shaped relay chains: the trace runs on a multilingual corpus,
and every copy or translation gets its story's origin and the page it was made from."""

from __future__ import annotations

import pytest
from defects import case
from harness import Run, load_labels, story_origin

LABELS = load_labels()
MEMBERS = [x for x in LABELS if x["role"] in ("copy", "translation")]
ORIGIN = story_origin(LABELS)


def _name(label: dict) -> str:
    return label["file"].rsplit(".", 1)[0]


@pytest.mark.parametrize("name", [case("trace", "corpus")])
def test_trace_runs_on_a_corpus_with_chinese_pages(run: Run, name: str) -> None:
    """Chinese articles quoting Latin names ("Keelhaul Risk") must not crash the trace."""
    assert "origins" not in run.errors


@pytest.mark.parametrize("name", [case("origin", _name(x)) for x in MEMBERS])
def test_origin_of_each_relay(run: Run, name: str) -> None:
    lab = next(x for x in MEMBERS if _name(x) == name)
    row = run.origins.get(lab["url"])
    assert row is not None, "not in any relay cluster"
    assert row["origin"] == ORIGIN[lab["story"]]


@pytest.mark.parametrize(
    "name", [case("parent", _name(x)) for x in MEMBERS if not x["url"].startswith("file:")]
)
def test_parent_is_the_page_it_was_made_from(run: Run, name: str) -> None:
    """A translation of a relay names that relay as parent (its source line links it)."""
    lab = next(x for x in MEMBERS if _name(x) == name)
    row = run.origins.get(lab["url"])
    assert row is not None, "not in any relay cluster"
    assert row["parent"] == lab["relay_of"]


@pytest.mark.parametrize(
    "name", [case("origin", _name(x)) for x in LABELS if x["role"] == "origin"]
)
def test_origin_page_is_its_own_origin(run: Run, name: str) -> None:
    lab = next(x for x in LABELS if _name(x) == name)
    row = run.origins.get(lab["url"])
    assert row is not None, "not in any relay cluster"
    assert row["origin"] == lab["url"]
    assert row["parent"] is None
