"""Network exports: GEXF and GraphML round-trip through networkx; CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pytest

from relaytrace.trace.export import export_network
from relaytrace.trace.network import Network, SiteEdge, SiteProfile


def small_network() -> Network:
    t1, t2 = datetime(2026, 1, 3, 9, tzinfo=UTC), datetime(2026, 2, 9, 18, tzinfo=UTC)
    sites = {
        "infoflash.example": SiteProfile("infoflash.example", "Info Flash", 10, 8, 0, 0.8,
                                         (("quillbypost.example", 8),), ("fr",), ("fr",), 45.0, 0),
        "quillbypost.example": SiteProfile("quillbypost.example", "Quillby Post", 20, 0, 8, 0.0,
                                           (), ("en",), (), None, 0),
        "harbortimes.example": SiteProfile("harbortimes.example", "Harbor Times", 5, 0, 0, 0.0,
                                           (), ("en",), (), None, -1),
    }  # fmt: skip
    edges = (
        SiteEdge("infoflash.example", "quillbypost.example", 8, 45.0, 80.5, ("fr", "it"), t1, t2),
    )
    return Network(sites, edges, {s: p.name for s, p in sites.items()})


@pytest.mark.parametrize("fmt,reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_graph_formats_round_trip_with_attributes(tmp_path: Path, fmt, reader):
    path = tmp_path / f"net.{fmt}"
    assert export_network(small_network(), fmt, path) is None
    g = reader(path)
    assert g.is_directed()
    assert set(g.nodes) == {"infoflash.example", "quillbypost.example", "harbortimes.example"}
    node = g.nodes["infoflash.example"]
    assert node["name"] == "Info Flash"
    assert int(node["relays"]) == 8 and float(node["relay_share"]) == 0.8
    edge = g.edges["infoflash.example", "quillbypost.example"]
    assert int(edge["count"]) == 8
    assert float(edge["median_lag"]) == 45.0 and float(edge["p90_lag"]) == 80.5
    assert edge["languages"] == "fr,it"
    assert edge["first_seen"].startswith("2026-01-03")


def test_csv_has_one_row_per_edge():
    rows = list(csv.DictReader(io.StringIO(export_network(small_network(), "csv"))))
    assert len(rows) == 1
    assert rows[0]["relay_name"] == "Info Flash" and rows[0]["languages"] == "fr;it"


def test_json_holds_nodes_and_edges():
    data = json.loads(export_network(small_network(), "json"))
    assert {n["site"] for n in data["nodes"]} >= {"infoflash.example"}
    assert data["edges"][0]["origin"] == "quillbypost.example"
    assert data["edges"][0]["languages"] == ["fr", "it"]


def test_unknown_formats_are_refused():
    with pytest.raises(ValueError):
        export_network(small_network(), "dot")  # type: ignore[arg-type]
