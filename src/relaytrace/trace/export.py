"""Exports of the outlet network: GEXF and GraphML (Gephi, networkx), CSV and JSON.

The graph is directed relay site → origin outlet. Node attributes: name,
articles, relays, relay_share, originals_relayed, median_lag, community,
languages, translates_into. Edge attributes: count (also as ``weight``),
median_lag, p90_lag, languages, first_seen, last_seen. GEXF and GraphML
allow no lists or nulls: languages are comma-joined and unknown values left out.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from relaytrace.trace.network import Network, SiteEdge, SiteProfile

if TYPE_CHECKING:  # networkx is imported by the graph exports only: it is slow to load
    import networkx as nx

__all__ = [
    "EDGE_FIELDS",
    "NetworkFormat",
    "edge_row",
    "export_network",
    "network_csv",
    "network_json",
    "site_row",
    "to_networkx",
]

NetworkFormat = Literal["gexf", "graphml", "csv", "json"]

EDGE_FIELDS = (
    "relay",
    "relay_name",
    "origin",
    "origin_name",
    "count",
    "median_lag",
    "p90_lag",
    "languages",
    "first_seen",
    "last_seen",
)


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t else None


def _lag(x: float | None) -> float | None:
    return None if x is None else round(float(x), 1)


def site_row(p: SiteProfile) -> dict:
    """A site profile as a plain JSON-ready dict."""
    return {
        "site": p.site,
        "name": p.name,
        "articles": p.articles,
        "relays": p.relays,
        "relay_share": p.relay_share,
        "originals_relayed": p.originals_relayed,
        "median_lag": _lag(p.median_lag),
        "origins": [{"origin": o, "count": n} for o, n in p.origins],
        "languages": list(p.languages),
        "translates_into": list(p.translates_into),
        "community": p.community,
    }


def edge_row(e: SiteEdge, net: Network) -> dict:
    """A site edge as a plain JSON-ready dict (languages as a list)."""
    return {
        "relay": e.relay,
        "relay_name": net.names.get(e.relay, e.relay),
        "origin": e.origin,
        "origin_name": net.names.get(e.origin, e.origin),
        "count": e.count,
        "median_lag": _lag(e.median_lag),
        "p90_lag": _lag(e.p90_lag),
        "languages": list(e.languages),
        "first_seen": _iso(e.first_seen),
        "last_seen": _iso(e.last_seen),
    }


def _clean(d: dict) -> dict:
    """Attributes GEXF/GraphML accept: no None, lists joined by commas."""
    out = {}
    for k, v in d.items():
        if v is None:
            continue
        if isinstance(v, list | tuple):
            v = ",".join(str(x) for x in v)
        out[k] = v
    return out


def to_networkx(net: Network) -> nx.DiGraph:
    """The network as a directed networkx graph (relay site → origin outlet) with attributes."""
    import networkx as nx

    g = nx.DiGraph()
    for site, p in net.sites.items():
        row = site_row(p)
        row.pop("site")
        row["origins"] = [f"{o['origin']}:{o['count']}" for o in row["origins"]]
        g.add_node(site, **_clean(row))
    for e in net.edges:
        row = edge_row(e, net)
        for k in ("relay", "origin", "relay_name", "origin_name"):
            row.pop(k)
        row["weight"] = e.count
        if e.origin not in g:
            g.add_node(e.origin, name=net.names.get(e.origin, e.origin))
        g.add_edge(e.relay, e.origin, **_clean(row))
    return g


def network_json(net: Network) -> str:
    """``{"nodes": [...], "edges": [...]}`` as JSON text."""
    data = {
        "nodes": [site_row(p) for p in net.sites.values()],
        "edges": [edge_row(e, net) for e in net.edges],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def network_csv(net: Network) -> str:
    """One CSV row per edge (languages joined by ";")."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=EDGE_FIELDS, lineterminator="\n")
    w.writeheader()
    for e in net.edges:
        row = edge_row(e, net)
        row["languages"] = ";".join(row["languages"])
        w.writerow(row)
    return buf.getvalue()


def export_network(net: Network, fmt: NetworkFormat, out: str | Path | None = None) -> str | None:
    """Write the network in a format to a file, or return it as text when ``out`` is None."""
    if fmt in ("gexf", "graphml"):
        import networkx as nx

        g = to_networkx(net)
        buf = io.BytesIO()
        if fmt == "gexf":
            nx.write_gexf(g, buf)
        else:
            nx.write_graphml(g, buf)
        text = buf.getvalue().decode("utf-8")
    elif fmt == "csv":
        text = network_csv(net)
    elif fmt == "json":
        text = network_json(net)
    else:
        raise ValueError(f"unknown network format {fmt!r}")
    if out is None:
        return text
    Path(out).write_text(text, encoding="utf-8")
    return None
