"""Service compositions the web layer needs that the library does not offer as one call.

Each function only composes library calls (store, matcher, provenance,
statements, network); the API and the pages render what they return.

``trace_stored`` is a stored article's provenance with its stored relations;
``trace_unstored`` traces an article that is *not* stored (pasted text, an
uploaded page, a fetched URL) against the store without writing to it: the
article gets the temporary id ``TRANSIENT_ID``, is profiled and aligned with
its candidates in memory, and provenance is worked out over the neighbourhood.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from relaytrace.errors import InputError
from relaytrace.ingest.html import extract_html
from relaytrace.ingest.textfile import parse_text
from relaytrace.match.matcher import match_profile
from relaytrace.match.options import DEFAULT_OPTIONS
from relaytrace.match.profile import profile_of
from relaytrace.model import Article, Relation, Statement
from relaytrace.store.base import Store
from relaytrace.text.analyse import analyse
from relaytrace.trace.clusters import article_info
from relaytrace.trace.network import Network
from relaytrace.trace.report import (
    CorpusProvenance,
    ProvenanceReport,
    provenance_for,
    provenance_of,
)
from relaytrace.trace.statements.linking import StatementChain, link_statements
from relaytrace.trace.statements.service import stored_statements

__all__ = [
    "PASTE_URL",
    "TRANSIENT_ID",
    "TraceResult",
    "article_from_html",
    "article_from_text",
    "busiest",
    "filter_network",
    "recent_clusters",
    "site_lags",
    "trace_stored",
    "trace_unstored",
]

TRANSIENT_ID = -1
PASTE_URL = "https://pasted.invalid/article"
MAX_RELATED = 60


@dataclass(frozen=True, slots=True)
class TraceResult:
    """One article's provenance with what the pages show beside it.

    ``relations`` are the article's own (strongest first); ``articles`` holds
    every article they name (bodies included, for side-by-side passages);
    ``stored`` is False for a pasted or uploaded text traced in memory.
    """

    article: Article
    report: ProvenanceReport
    relations: tuple[Relation, ...]
    articles: Mapping[int, Article]
    statements: tuple[Statement, ...]
    chains: tuple[StatementChain, ...]
    stored: bool = True


def article_from_text(text: str, url: str | None = None) -> Article:
    """A pasted text as an analysed Article (language and sentences decided now)."""
    return analyse(parse_text(text, url or PASTE_URL))


def article_from_html(html: bytes | str, url: str | None = None) -> Article:
    """An uploaded or fetched page as an analysed Article."""
    if not url:
        url = None
    return analyse(extract_html(html, url))


def _statements_and_chains(
    store: Store,
    article: Article,
    relations: Iterable[Relation],
    articles: Mapping[int, Article],
) -> tuple[tuple[Statement, ...], tuple[StatementChain, ...]]:
    """The article's statements, and their chains through the articles it relays or feeds."""
    own = stored_statements(store, article, write=False)  # the server may be read-only
    relay = [r for r in relations if r.kind in ("copy", "translation")]
    if not own or not relay or article.id is None:
        return tuple(own), ()
    members = [article] + [
        articles[i]
        for i in sorted({x for r in relay for x in (r.a, r.b)} - {article.id})
        if i in articles
    ]
    found = {
        a.id: own if a is article else stored_statements(store, a, write=False)
        for a in members
        if a.id is not None
    }
    chains = link_statements(members, found, relay)
    mine = [c for c in chains if article.id in c.articles and len(c.statements) > 1]
    return tuple(own), tuple(mine)


def _related(store: Store, article: Article, relations: Iterable[Relation]) -> dict[int, Article]:
    out: dict[int, Article] = {}
    if article.id is not None:
        out[article.id] = article
    for r in relations:
        for i in (r.a, r.b):
            if i not in out and len(out) < MAX_RELATED:
                other = store.get_article(i)
                if other is not None:
                    out[i] = other
    return out


def trace_stored(store: Store, ref: int | str, *, with_statements: bool = True) -> TraceResult:
    """Provenance of a stored article (id or URL), its relations and statements."""
    report = provenance_for(store, ref)
    article = store.get_article(report.article.id)
    assert article is not None  # provenance_for found it a moment ago
    rels = tuple(sorted(store.relations(article=report.article.id), key=lambda r: -r.score))
    arts = _related(store, article, rels)
    stmts, chains = (
        _statements_and_chains(store, article, rels, arts) if with_statements else ((), ())
    )
    return TraceResult(article, report, rels, arts, stmts, chains, stored=True)


def _match_unstored(store: Store, article: Article) -> list[Relation]:
    """Relations of an unstored article (id ``TRANSIENT_ID``) to stored ones."""
    found = match_profile(store, profile_of(article, DEFAULT_OPTIONS), DEFAULT_OPTIONS)
    return sorted((m.relation for m in found if m.relation), key=lambda r: -r.score)


def trace_unstored(store: Store, article: Article) -> TraceResult:
    """Trace an article that is not in the store, without storing it."""
    if not article.paragraphs:
        raise InputError("the text holds no article body", code="no_article")
    article = dataclasses.replace(article, id=TRANSIENT_ID)
    own = _match_unstored(store, article)
    arts: dict[int, Article] = {TRANSIENT_ID: article}
    relations: dict[tuple[int, int], Relation] = {(min(r.a, r.b), max(r.a, r.b)): r for r in own}
    # The neighbourhood: each related article's own relations, so that the
    # cluster, its origin and its tree are the ones the store knows.
    for r in own:
        other = r.b if r.a == TRANSIENT_ID else r.a
        for r2 in store.relations(article=other):
            relations.setdefault((min(r2.a, r2.b), max(r2.a, r2.b)), r2)
    arts.update(_related(store, article, relations.values()))
    infos = {i: article_info(a) for i, a in arts.items()}
    prov = provenance_of(infos, relations.values())
    cluster = next((c for c in prov.clusters if TRANSIENT_ID in c.members), None)
    origin = prov.origins.get(cluster.id) if cluster else None
    tree = prov.trees.get(cluster.id) if cluster else None
    story = next((s for s in prov.stories if TRANSIENT_ID in s.members), None)
    report = ProvenanceReport(infos[TRANSIENT_ID], cluster, origin, tree, story, infos)
    stmts, chains = _statements_and_chains(store, article, own, arts)
    return TraceResult(article, report, tuple(own), arts, stmts, chains, stored=False)


def filter_network(
    net: Network,
    *,
    origin: str | None = None,
    lang: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Network:
    """The part of the outlet network matching the filters (edges, then the sites they touch)."""
    if not any((origin, lang, since, until)):
        return net
    edges = []
    for e in net.edges:
        if origin and e.origin != origin.strip().lower():
            continue
        if lang and lang not in e.languages:
            continue
        if since and e.last_seen and _naive(e.last_seen) < _naive(since):
            continue
        if until and e.first_seen and _naive(e.first_seen) > _naive(until):
            continue
        edges.append(e)
    keep = {s for e in edges for s in (e.relay, e.origin)}
    sites = {k: v for k, v in net.sites.items() if k in keep}
    return Network(sites, tuple(edges), {k: v for k, v in net.names.items() if k in keep})


def busiest(net: Network, top: int) -> Network:
    """The ``top`` relay ties with most relays, and the sites they join."""
    if len(net.edges) <= top:
        return net
    edges = sorted(net.edges, key=lambda e: (-e.count, e.relay, e.origin))[:top]
    keep = {s for e in edges for s in (e.relay, e.origin)}
    sites = {k: v for k, v in net.sites.items() if k in keep}
    return Network(sites, tuple(edges), {k: v for k, v in net.names.items() if k in keep})


def _naive(t: datetime) -> datetime:
    """Compare aware and naive times alike (naive ones are taken as UTC)."""
    return t.replace(tzinfo=None) if t.tzinfo is None else t.astimezone(UTC).replace(tzinfo=None)


def site_lags(prov: CorpusProvenance, site: str) -> tuple[list[int], list[int]]:
    """Lags in minutes for the outlet charts: its relays after their parents, and
    other sites' relays after its own originals."""
    as_relay: list[int] = []
    as_origin: list[int] = []
    for c in prov.clusters:
        tree = prov.trees[c.id]
        root = prov.infos.get(tree.origin) if tree.origin is not None else None
        for e in tree.edges:
            info = prov.infos.get(e.member)
            if info is None or e.member == tree.origin:
                continue
            if info.site == site and e.lag_parent is not None:
                as_relay.append(e.lag_parent)
            if root is not None and root.site == site and e.lag_origin is not None:
                as_origin.append(e.lag_origin)
    return as_relay, as_origin


def recent_clusters(prov: CorpusProvenance, limit: int = 8) -> list[dict]:
    """The latest relay clusters: origin, size, languages, last publication."""
    rows = []
    for c in prov.clusters:
        o = prov.origins[c.id]
        members = [prov.infos[m] for m in c.members if m in prov.infos]
        times = [m.published for m in members if m.published]
        head = prov.infos.get(o.article) if o.article is not None else None
        rows.append(
            {
                "cluster": c.id,
                "origin": head,
                "outlet": o.outlet,
                "size": len(members),
                "languages": sorted({m.lang for m in members if m.lang}),
                "last": max(times, key=lambda t: t.timestamp()) if times else None,
                "first_member": members[0] if members else None,
            }
        )
    rows.sort(key=lambda r: r["last"].timestamp() if r["last"] else 0.0, reverse=True)
    return rows[:limit]
