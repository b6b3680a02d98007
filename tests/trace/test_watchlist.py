"""Watchlists: the shipped example, matching by domain and name, and bad files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from relaytrace.errors import InputError
from relaytrace.trace.origin import Origin
from relaytrace.trace.report import watch_hit
from relaytrace.trace.watchlist import load_watchlist

EXAMPLE = Path(str(resources.files("relaytrace") / "data" / "watchlist.example.toml"))


def test_the_shipped_example_loads_and_documents_fictional_outlets():
    wl = load_watchlist(EXAMPLE)
    assert len(wl) >= 3
    assert all(d.endswith(".example") for e in wl.entries for d in e.domains)
    assert "[[outlet]]" in EXAMPLE.read_text(encoding="utf-8")


def test_matching_by_registered_domain_alias_and_name():
    wl = load_watchlist(EXAMPLE)
    assert wl.match(domain="https://world.easterndaily.example/x").name == "Eastern Daily Broadcast"
    assert wl.match(name="ED Broadcast").name == "Eastern Daily Broadcast"
    assert wl.match(name="восток экспресс").name == "Vostok Express"
    assert wl.match(domain="harbortimes.example", name="Harbor Times") is None


def test_a_cluster_whose_origin_is_listed_is_flagged():
    wl = load_watchlist(EXAMPLE)
    outside = Origin(1, None, "Vostok Express", None, 0.9, ())
    assert watch_hit(outside, wl).name == "Vostok Express"
    assert watch_hit(outside, None) is None


def test_yaml_watchlists(tmp_path: Path):
    pytest.importorskip("yaml")
    path = tmp_path / "list.yaml"
    path.write_text("outlet:\n  - name: Karsk Wire\n    domains: [karskwire.example]\n")
    assert load_watchlist(path).match(domain="karskwire.example").name == "Karsk Wire"


@pytest.mark.parametrize(
    "text",
    [
        "not toml = = =",
        "[[outlet]]\nnotes = 'no name'\n",
        "[[outlet]]\nname = 'Only a name'\n",
        "[[outlet]]\nname = 'X'\ndomains = [1, 2]\n",
        "title = 'no outlets'\n",
    ],
)
def test_bad_watchlists_raise_a_clear_input_error(tmp_path: Path, text: str):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(InputError) as err:
        load_watchlist(path)
    assert err.value.code == "bad_watchlist"


def test_a_missing_watchlist_file_is_unreadable(tmp_path: Path):
    with pytest.raises(InputError) as err:
        load_watchlist(tmp_path / "nope.toml")
    assert err.value.code == "unreadable"
