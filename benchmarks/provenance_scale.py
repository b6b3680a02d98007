"""Provenance at scale: origins, trees, stories and the outlet network on synthetic data.

Generates N articles on generated sites: origin outlets, relay sites grouped in
planted relay networks (each relays a few outlets, in its own languages, with
lags), independent outlets, and the copy/translation/same_story relations a
matcher would store (with sentence alignments). Times each stage on one core
and prints peak memory; then compares community detection methods on the
resulting site network (networkx Louvain, networkx greedy modularity, and
igraph + leidenalg when installed) for time, modularity and agreement with the
planted networks (adjusted Rand index over relay sites).

    python benchmarks/provenance_scale.py [--n 200000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import networkx as nx

from relaytrace.model import Relation, SourceCue
from relaytrace.trace.clusters import ArticleInfo, relay_clusters
from relaytrace.trace.network import _undirected, build_network
from relaytrace.trace.origin import find_origin
from relaytrace.trace.stories import story_clusters
from relaytrace.trace.tree import build_tree

LANGS = ["en", "fr", "de", "es", "it", "pt", "pl", "ru", "uk", "ar", "zh"]
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(n: int, seed: int) -> tuple[dict[int, ArticleInfo], list[Relation], dict[str, int]]:
    """Synthetic articles and relations; returns also the planted network of each relay site."""
    rnd = random.Random(seed)
    n_outlets = max(10, n // 2000)
    n_networks = max(3, n // 10000)
    outlets = [f"outlet{i}.example" for i in range(n_outlets)]
    networks = []
    planted: dict[str, int] = {}
    for k in range(n_networks):
        sources = rnd.sample(outlets, min(len(outlets), 4))
        sites = [f"relay{k}-{j}.example" for j in range(rnd.randint(5, 15))]
        langs = {s: rnd.choice(LANGS) for s in sites}
        for s in sites:
            planted[s] = k
        networks.append((sources, sites, langs))
    all_relay_sites = sorted(planted)
    independents = [f"indep{i}.example" for i in range(max(20, n // 500))]
    vocab = [f"name{i}" for i in range(5000)]

    infos: dict[int, ArticleInfo] = {}
    relations: list[Relation] = []
    next_id = 1

    def add(site: str, lang: str, t: datetime, marks: frozenset[str], cues=()) -> int:
        nonlocal next_id
        i = next_id
        next_id += 1
        infos[i] = ArticleInfo(
            i, f"https://{site}/a/{i}", site, title=f"Story {i}", site_name=site.split(".")[0],
            lang=lang, published=t, precision="minute", cues=cues,
            n_sentences=rnd.randint(8, 20), marks=marks,
            script="CJK" if lang == "zh" else "CYRILLIC" if lang in ("ru", "uk") else "LATIN",
        )  # fmt: skip
        return i

    while next_id <= n:
        sources, sites, langs = rnd.choice(networks)
        outlet = rnd.choice(sources)
        t = T0 + timedelta(minutes=rnd.randint(0, 300 * 24 * 60))
        marks = frozenset(rnd.sample(vocab, 12))
        origin = add(outlet, "en", t, marks)
        n_sent = infos[origin].n_sentences
        full = tuple((s, s, 0.9) for s in range(n_sent))
        members = [origin]
        for _ in range(rnd.randint(1, 8)):
            site = rnd.choice(sites) if rnd.random() < 0.9 else rnd.choice(all_relay_sites)
            lag = timedelta(minutes=rnd.randint(4, 48 * 60))
            cue = (SourceCue("title_suffix", f" — {outlet}", outlet=outlet.split(".")[0]),)
            lang = langs.get(site, "en")
            member = add(site, lang, t + lag, marks, cue if rnd.random() < 0.7 else ())
            kind = "copy" if lang == "en" else "translation"
            relations.append(Relation(origin, member, kind, 0.95, 1.0, 1.0, full))
            for other in members[1:]:
                if rnd.random() < 0.5:
                    relations.append(Relation(other, member, "translation", 0.9, 0.95, 0.95))
            members.append(member)
        if rnd.random() < 0.3:
            for _ in range(rnd.randint(1, 2)):
                ind = add(rnd.choice(independents), rnd.choice(LANGS), t, frozenset(marks))
                for m in members:
                    relations.append(Relation(m, ind, "same_story", 0.5, 0.3, 0.3))
        while rnd.random() < 0.6 and next_id <= n:
            add(rnd.choice(independents), rnd.choice(LANGS), t, frozenset(rnd.sample(vocab, 8)))
    return infos, relations, planted


def timed(label: str, fn, *args):
    started = time.perf_counter()
    out = fn(*args)
    took = time.perf_counter() - started
    print(f"  {label:<28} {took:8.2f} s   peak RSS {peak_mb():7.0f} MB")
    return out, took


def ari(labels_a: list[int], labels_b: list[int]) -> float:
    """Adjusted Rand index of two labelings of the same items (no external dependency)."""
    from math import comb

    pairs = Counter(zip(labels_a, labels_b, strict=True))
    a = Counter(labels_a)
    b = Counter(labels_b)
    n = len(labels_a)
    index = sum(comb(v, 2) for v in pairs.values())
    sum_a = sum(comb(v, 2) for v in a.values())
    sum_b = sum(comb(v, 2) for v in b.values())
    expected = sum_a * sum_b / comb(n, 2) if n > 1 else 0.0
    top = (sum_a + sum_b) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def community_methods(g: nx.Graph) -> dict[str, object]:
    methods = {
        "networkx louvain": lambda: nx.community.louvain_communities(g, weight="weight", seed=0),
        "networkx greedy modularity": lambda: nx.community.greedy_modularity_communities(
            g, weight="weight"
        ),
    }
    try:
        import igraph as ig
        import leidenalg

        def leiden():
            h = ig.Graph.from_networkx(g)
            part = leidenalg.find_partition(
                h, leidenalg.ModularityVertexPartition, weights="weight", seed=0
            )
            names = h.vs["_nx_name"]
            return [{names[v] for v in block} for block in part]

        methods["igraph + leidenalg"] = leiden
    except ImportError:
        print("  (igraph/leidenalg not installed: Leiden not measured)")
    return methods


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    print(f"provenance at scale: {args.n:,} synthetic articles")
    (infos, relations, planted), _ = timed("generate", generate, args.n, args.seed)
    print(f"  {len(infos):,} articles, {len(relations):,} relations")
    total = 0.0
    clusters, t = timed("relay clusters", relay_clusters, relations)
    total += t
    print(f"  {len(clusters):,} relay clusters")

    def origins_and_trees():
        out = []
        for c in clusters:
            o = find_origin(c, infos)
            out.append((o, build_tree(c, infos, o)))
        return out

    results, t = timed("origins + relay trees", origins_and_trees)
    total += t
    stories, t = timed("story clusters", story_clusters, clusters, relations, infos)
    total += t
    counts = Counter(i.site for i in infos.values())
    net, t = timed("outlet network + louvain", build_network, results, infos, counts)
    total += t
    print(f"  {len(stories):,} stories, {len(net.sites):,} sites, {len(net.edges):,} site edges")
    print(f"  total provenance time      {total:8.2f} s   ({len(infos) / total:,.0f} articles/s)")

    print("community detection on the site network (relay sites tied to their origins):")
    g = _undirected(net, 0.5)
    relay_sites = sorted(s for s in g.nodes if s in planted)
    print(f"  graph: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges")
    print(f"  {'method':<28} {'time':>8} {'modularity':>11} {'ARI vs planted':>15}")
    for name, fn in community_methods(g).items():
        started = time.perf_counter()
        parts = fn()
        took = time.perf_counter() - started
        q = nx.community.modularity(g, parts, weight="weight")
        label = {s: k for k, part in enumerate(parts) for s in part}
        score = ari([planted[s] for s in relay_sites], [label[s] for s in relay_sites])
        print(f"  {name:<28} {took:7.3f}s {q:11.4f} {score:15.4f}")


if __name__ == "__main__":
    main()
