"""The outlet network: which sites relay which outlets, how much and how fast.

Built from the relay trees: every relay counts once for the ordered pair
(its site ← its cluster's origin site), with its lag after the origin. An
origin that is not in the corpus is keyed by the domain its credits name (or
``outlet:<folded name>``). Per site: its share of articles that are relays, the
origins it depends on, the languages it translates into and its median lag.

Communities of sites are found on the undirected graph whose edge weights are
relay counts, with networkx's Louvain method (seeded, so reproducible). Only
sites whose output is mostly relays tie in as relayers; sites with no such tie
stay out of every community (``community = -1``).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from relaytrace.trace.clusters import ArticleInfo
from relaytrace.trace.origin import Origin
from relaytrace.trace.outlets import normalise_name, registered_domain
from relaytrace.trace.tree import RelayTree

if TYPE_CHECKING:  # networkx is imported where communities are found: it is slow to load
    import networkx as nx

__all__ = [
    "MIN_RELAYS",
    "MIN_RELAY_SHARE",
    "Network",
    "SiteEdge",
    "SiteProfile",
    "build_network",
    "communities",
    "origin_key",
    "percentile",
]


MIN_RELAY_SHARE = 0.5
MIN_RELAYS = 2


@dataclass(frozen=True, slots=True)
class SiteEdge:
    """Relays by one site of one origin outlet (relay ← origin)."""

    relay: str
    origin: str
    count: int
    median_lag: float | None
    p90_lag: float | None
    languages: tuple[str, ...]
    first_seen: datetime | None
    last_seen: datetime | None


@dataclass(frozen=True, slots=True)
class SiteProfile:
    """One site: what it publishes, what it relays, from whom and how fast."""

    site: str
    name: str
    articles: int
    relays: int
    originals_relayed: int
    relay_share: float
    origins: tuple[tuple[str, int], ...]
    languages: tuple[str, ...]
    translates_into: tuple[str, ...]
    median_lag: float | None
    community: int = -1


@dataclass(frozen=True, slots=True)
class Network:
    """Sites (profiles) and the relay edges between them."""

    sites: Mapping[str, SiteProfile]
    edges: tuple[SiteEdge, ...]
    names: Mapping[str, str] = field(default_factory=dict)

    def top_origin(self, site: str) -> str | None:
        prof = self.sites.get(site)
        return prof.origins[0][0] if prof and prof.origins else None

    def edges_of(self, site: str) -> list[SiteEdge]:
        return [e for e in self.edges if site in (e.relay, e.origin)]


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-quantile (0..1) by linear interpolation; None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def origin_key(origin: Origin, infos: Mapping[int, ArticleInfo]) -> str | None:
    """The node that stands for a cluster's origin: its site, or the credited outlet."""
    if origin.article is not None:
        return registered_domain(infos[origin.article].site) or infos[origin.article].site
    if origin.domain:
        return origin.domain
    if origin.outlet:
        return "outlet:" + normalise_name(origin.outlet)
    return None


def build_network(
    results: Iterable[tuple[Origin, RelayTree]],
    infos: Mapping[int, ArticleInfo],
    site_articles: Mapping[str, int] | None = None,
    site_names: Mapping[str, str] | None = None,
    site_langs: Mapping[str, Iterable[str]] | None = None,
) -> Network:
    """Aggregate relay trees into site edges and profiles.

    ``site_articles`` counts every article per site (relays or not) so the relay
    share is over the site's whole output; without it, only cluster members count.
    """
    lags: dict[tuple[str, str], list[float]] = defaultdict(list)
    langs: dict[tuple[str, str], set[str]] = defaultdict(set)
    seen: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    relays: Counter[str] = Counter()
    originals: Counter[str] = Counter()
    counts: Counter[tuple[str, str]] = Counter()
    into: dict[str, set[str]] = defaultdict(set)
    site_lags: dict[str, list[float]] = defaultdict(list)
    members_per_site: Counter[str] = Counter()
    names: dict[str, str] = dict(site_names or {})
    for origin, tree in results:
        okey = origin_key(origin, infos)
        if not okey:
            continue
        if origin.article is None and origin.outlet:
            names.setdefault(okey, origin.outlet)
        olang = infos[origin.article].lang if origin.article is not None else None
        if origin.article is not None:
            originals[okey] += 1
        for e in tree.edges:
            info = infos[e.member]
            site = registered_domain(info.site) or info.site
            if not site:
                continue  # a pasted text or a local file: no site to place
            members_per_site[site] += 1
            if info.site_name:
                names.setdefault(site, info.site_name)
            if e.member == origin.article:
                continue
            pair = (site, okey)
            counts[pair] += 1
            relays[site] += 1
            if e.lag_origin is not None:
                lags[pair].append(e.lag_origin)
                site_lags[site].append(e.lag_origin)
            if info.lang:
                langs[pair].add(info.lang)
                if olang and info.lang != olang:
                    into[site].add(info.lang)
            if info.published is not None:
                seen[pair].append(info.published)

    edges = []
    for (relay, okey), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        ls = lags[(relay, okey)]
        ts = seen[(relay, okey)]
        edges.append(
            SiteEdge(
                relay,
                okey,
                n,
                statistics.median(ls) if ls else None,
                percentile(ls, 0.9),
                tuple(sorted(langs[(relay, okey)])),
                min(ts) if ts else None,
                max(ts) if ts else None,
            )
        )
    by_relay: dict[str, Counter[str]] = defaultdict(Counter)
    for e in edges:
        by_relay[e.relay][e.origin] += e.count
    totals = Counter(site_articles or {})
    all_sites = (set(totals) | set(members_per_site) | {e.origin for e in edges}) - {""}
    profiles = {}
    for site in sorted(all_sites):
        n_articles = max(totals.get(site, 0), members_per_site.get(site, 0))
        r = relays.get(site, 0)
        ls = site_lags.get(site, [])
        profiles[site] = SiteProfile(
            site=site,
            name=names.get(site, site),
            articles=n_articles,
            relays=r,
            originals_relayed=originals.get(site, 0),
            relay_share=round(r / n_articles, 4) if n_articles else 0.0,
            origins=tuple(sorted(by_relay[site].items(), key=lambda kv: (-kv[1], kv[0]))),
            languages=tuple(sorted((site_langs or {}).get(site, ()))),
            translates_into=tuple(sorted(into.get(site, ()))),
            median_lag=statistics.median(ls) if ls else None,
        )
    net = Network(profiles, tuple(edges), names)
    return with_communities(net)


def _undirected(net: Network, min_relay_share: float) -> nx.Graph:
    import networkx as nx

    g = nx.Graph()
    for e in net.edges:
        if e.relay == e.origin:
            continue
        prof = net.sites.get(e.relay)
        if prof is not None and (prof.relay_share < min_relay_share or prof.relays < MIN_RELAYS):
            continue
        w = g.get_edge_data(e.relay, e.origin, {"weight": 0})["weight"]
        g.add_edge(e.relay, e.origin, weight=w + e.count)
    return g


def communities(
    net: Network, method: str = "louvain", seed: int = 0, min_relay_share: float = MIN_RELAY_SHARE
) -> dict[str, int]:
    """Site → community number (0 = the largest), for sites with relay ties.

    ``method``: "louvain" (default) or "greedy" (networkx greedy modularity).
    Only sites whose output is mostly relays (``min_relay_share``, and at least
    ``MIN_RELAYS`` of them) tie into a community as relayers: an outlet with its
    own reporting and a few relays (or a mistaken one) is not part of a relay
    network.
    """
    import networkx as nx

    g = _undirected(net, min_relay_share)
    if g.number_of_edges() == 0:
        return {}
    if method == "greedy":
        parts = nx.community.greedy_modularity_communities(g, weight="weight")
    elif method == "louvain":
        parts = nx.community.louvain_communities(g, weight="weight", seed=seed)
    else:
        raise ValueError(f"unknown community method {method!r}")
    ordered = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return {site: i for i, part in enumerate(ordered) for site in part}


def with_communities(net: Network, method: str = "louvain") -> Network:
    """The same network with each profile's ``community`` filled in."""
    comm = communities(net, method)
    sites = {
        s: SiteProfile(**{**_asdict(p), "community": comm.get(s, -1)}) for s, p in net.sites.items()
    }
    return Network(sites, net.edges, net.names)


def _asdict(p: SiteProfile) -> dict:
    return {f: getattr(p, f) for f in p.__dataclass_fields__}
