"""Provenance service functions: one article's report, and the whole corpus at once.

``provenance_for(store, ref)`` walks the store's relations outward from one
article (its relay cluster, then the same-story neighbours and their relay
clusters) and answers for that article only: origin with evidence, relay tree
with lags, story cluster, watchlist flag. ``corpus_provenance(store)`` does the
same for every cluster of the corpus in one pass (the ``origins``, ``stories``,
``outlets`` and ``network`` commands). Both are thin over the pure functions of
``clusters``, ``origin``, ``tree``, ``stories`` and ``network``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from relaytrace.errors import NotFoundError
from relaytrace.model import Relation
from relaytrace.store.base import Store
from relaytrace.trace.clusters import (
    RELAY_KINDS,
    ArticleInfo,
    RelayCluster,
    article_info,
    relay_clusters,
    site_of,
)
from relaytrace.trace.network import Network, build_network
from relaytrace.trace.origin import Origin, OriginOptions, find_origin
from relaytrace.trace.outlets import Credit, Outlet, build_outlets, points_to, registered_domain
from relaytrace.trace.stories import StoryCluster, StoryOptions, story_clusters
from relaytrace.trace.tree import RelayEdge, RelayTree, TreeOptions, build_tree
from relaytrace.trace.watchlist import WatchEntry, Watchlist

__all__ = [
    "CorpusProvenance",
    "ProvenanceReport",
    "corpus_provenance",
    "origin_rows",
    "outlet_names",
    "provenance_for",
    "provenance_of",
    "story_rows",
    "watch_hit",
]

MAX_NEIGHBOURHOOD = 5000


@dataclass(frozen=True, slots=True)
class ProvenanceReport:
    """Everything relaytrace can say about where one article's text came from.

    ``cluster``/``origin``/``tree`` are None when the article relays nothing and
    nothing relays it. ``story`` is its story cluster (None when alone).
    ``infos`` covers every article the report mentions.
    """

    article: ArticleInfo
    cluster: RelayCluster | None
    origin: Origin | None
    tree: RelayTree | None
    story: StoryCluster | None
    infos: Mapping[int, ArticleInfo]
    watch: WatchEntry | None = None

    @property
    def edge(self) -> RelayEdge | None:
        """This article's place in its relay tree."""
        return self.tree.edge(self.article.id) if self.tree else None

    @property
    def is_origin(self) -> bool:
        return self.origin is not None and self.origin.article == self.article.id


@dataclass(frozen=True, slots=True)
class CorpusProvenance:
    """Origins, trees and stories of a whole corpus, with the article views they use."""

    infos: Mapping[int, ArticleInfo]
    clusters: tuple[RelayCluster, ...]
    origins: Mapping[int, Origin]
    trees: Mapping[int, RelayTree]
    stories: tuple[StoryCluster, ...]
    site_articles: Mapping[str, int] = field(default_factory=dict)
    site_langs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    outlets: Mapping[str, Outlet] = field(default_factory=dict)

    def network(self) -> Network:
        results = [(self.origins[c.id], self.trees[c.id]) for c in self.clusters]
        names = {domain: o.name for domain, o in self.outlets.items()}
        return build_network(
            results, self.infos, self.site_articles, names, site_langs=self.site_langs
        )


def watch_hit(origin: Origin | None, watchlist: Watchlist | None) -> WatchEntry | None:
    """The watchlist entry for a cluster's origin outlet, if it is on the list."""
    if origin is None or watchlist is None:
        return None
    return watchlist.match(domain=origin.domain, name=origin.outlet)


def provenance_of(
    infos: Mapping[int, ArticleInfo],
    relations: Iterable[Relation],
    *,
    origin_options: OriginOptions | None = None,
    tree_options: TreeOptions | None = None,
    story_options: StoryOptions | None = None,
    site_articles: Mapping[str, int] | None = None,
    site_langs: Mapping[str, tuple[str, ...]] | None = None,
    site_names: Iterable[tuple[str, str | None]] | None = None,
) -> CorpusProvenance:
    """Clusters, origins, trees and stories from article views and relations (no store)."""
    rels = [r for r in relations if r.a in infos and r.b in infos]
    clusters = relay_clusters(rels)
    origins: dict[int, Origin] = {}
    trees: dict[int, RelayTree] = {}
    for c in clusters:
        o = find_origin(c, infos, origin_options)
        origins[c.id] = o
        trees[c.id] = build_tree(c, infos, o, tree_options)
    stories = story_clusters(clusters, rels, infos, story_options)
    return CorpusProvenance(
        infos, tuple(clusters), origins, trees, tuple(stories),
        dict(site_articles or {}), dict(site_langs or {}),
        outlet_names(infos.values(), origins.values(), clusters, site_names),
    )  # fmt: skip


def outlet_names(
    infos: Iterable[ArticleInfo],
    origins: Iterable[Origin],
    clusters: Iterable[RelayCluster],
    site_names: Iterable[tuple[str, str | None]] | None = None,
) -> dict[str, Outlet]:
    """Outlets merged per registered domain, named by their site names, else by
    their banners, else by the names relays credit them under."""
    infos = list(infos)
    by_id = {i.id: i for i in infos}
    records = list(site_names) if site_names is not None else [(i.site, i.site_name) for i in infos]
    fallback = [
        (i.site, c.outlet or c.text.split("|")[0])
        for i in infos
        for c in i.cues
        if c.kind == "banner"
    ]
    members = {c.id: c.members for c in clusters}
    for o in origins:
        if o.article is None:
            continue
        target = by_id[o.article]
        for m in members.get(o.cluster, ()):
            for c in by_id[m].cues:
                naming = c.kind in ("title_suffix", "source_line", "credit")
                if c.outlet and naming and points_to(Credit(m, c.kind, c.outlet), target) > 0:
                    fallback.append((target.site, c.outlet))
    return build_outlets(records, fallback)


def corpus_provenance(store: Store, **options: object) -> CorpusProvenance:
    """Provenance for every relay cluster and story of the store."""
    relations = list(store.relations())
    needed: set[int] = set()
    for r in relations:
        needed.add(r.a)
        needed.add(r.b)
    infos: dict[int, ArticleInfo] = {}
    site_articles: Counter[str] = Counter()
    langs: dict[str, set[str]] = defaultdict(set)
    names: list[tuple[str, str | None]] = []
    for art in store.iter_articles():
        site = registered_domain(site_of(art)) or site_of(art)
        site_articles[site] += 1
        names.append((site, art.site_name))
        if art.lang:
            langs[site].add(art.lang)
        if art.id in needed:
            infos[art.id] = article_info(art)
    return provenance_of(
        infos,
        relations,
        site_articles=site_articles,
        site_langs={s: tuple(sorted(ls)) for s, ls in langs.items()},
        site_names=names,
        **options,  # type: ignore[arg-type]
    )


def _neighbourhood(store: Store, start: int) -> tuple[set[int], list[Relation]]:
    """The article's relay cluster, its same-story neighbours and their relay clusters."""
    seen_rel: dict[tuple[int, int], Relation] = {}
    relay_done: set[int] = set()
    story_done: set[int] = set()

    def relay_walk(seed: int) -> set[int]:
        cluster = {seed}
        todo = [seed]
        while todo and len(relay_done) < MAX_NEIGHBOURHOOD:
            x = todo.pop()
            if x in relay_done:
                continue
            relay_done.add(x)
            for r in store.relations(article=x):
                seen_rel[(min(r.a, r.b), max(r.a, r.b))] = r
                if r.kind in RELAY_KINDS:
                    other = r.b if r.a == x else r.a
                    if other not in cluster:
                        cluster.add(other)
                        todo.append(other)
        return cluster

    own = relay_walk(start)
    for m in sorted(own):
        if m in story_done:
            continue
        story_done.add(m)
        for r in list(seen_rel.values()):
            if r.kind == "same_story" and m in (r.a, r.b):
                other = r.b if r.a == m else r.a
                if other not in relay_done:
                    relay_walk(other)
    ids = {x for key in seen_rel for x in key} | own
    return ids, list(seen_rel.values())


def provenance_for(
    store: Store, ref: int | str, watchlist: Watchlist | None = None
) -> ProvenanceReport:
    """The provenance report of one stored article (by id or URL); NotFoundError if absent."""
    art = store.get_article(ref)
    if art is None or art.id is None:
        raise NotFoundError(f"no article {ref!r} in the store")
    ids, relations = _neighbourhood(store, art.id)
    infos: dict[int, ArticleInfo] = {art.id: article_info(art)}
    for i in sorted(ids - {art.id}):
        other = store.get_article(i)
        if other is not None and other.id is not None:
            infos[other.id] = article_info(other)
    prov = provenance_of(infos, relations)
    cluster = next((c for c in prov.clusters if art.id in c.members), None)
    origin = prov.origins.get(cluster.id) if cluster else None
    tree = prov.trees.get(cluster.id) if cluster else None
    story = next((s for s in prov.stories if art.id in s.members), None)
    return ProvenanceReport(
        infos[art.id], cluster, origin, tree, story, infos, watch_hit(origin, watchlist)
    )


def _url(infos: Mapping[int, ArticleInfo], i: int | None) -> str | None:
    return infos[i].url if i is not None and i in infos else None


def origin_rows(prov: CorpusProvenance, watchlist: Watchlist | None = None) -> list[dict]:
    """One row per article in a relay cluster: origin, parent, lags, confidence, evidence.

    ``lag_minutes`` is after the parent (0 for the origin; None when the parent
    is an origin outside the corpus), ``origin_lag_minutes`` after the origin.
    """
    rows = []
    for c in prov.clusters:
        o = prov.origins[c.id]
        tree = prov.trees[c.id]
        watch = watch_hit(o, watchlist)
        for e in tree.edges:
            is_origin = e.member == o.article
            evidence = list(o.reasons)
            if not is_origin:
                evidence += [f"parent: {r}" for r in e.reasons]
            rows.append(
                {
                    "article": prov.infos[e.member].url,
                    "origin": _url(prov.infos, o.article),
                    "origin_outlet": o.outlet,
                    "parent": _url(prov.infos, e.parent),
                    "lag_minutes": 0 if is_origin else e.lag_parent,
                    "origin_lag_minutes": e.lag_origin,
                    "confidence": o.confidence,
                    "parent_confidence": None if is_origin else e.confidence,
                    "approximate": e.approximate,
                    "cluster": c.id,
                    "watchlist": watch.name if watch else None,
                    "evidence": evidence,
                }
            )
    return rows


def story_rows(prov: CorpusProvenance) -> list[dict]:
    """One row per article in a story of two or more articles."""
    rows = []
    for s in prov.stories:
        if len(s.members) < 2:
            continue
        for m in s.members:
            rows.append(
                {
                    "article": prov.infos[m].url if m in prov.infos else str(m),
                    "story": s.id,
                    "label": s.label,
                    "size": len(s.members),
                    "start": s.start.isoformat() if s.start else None,
                    "end": s.end.isoformat() if s.end else None,
                }
            )
    return rows
