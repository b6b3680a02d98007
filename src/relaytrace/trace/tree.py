"""The relay tree: which member each relay was made from, and how long after.

Members are placed in publication order; each picks its parent among the
members that may have been published before it. A translation can be made from
a copy and a Spanish relay from a French one, so the origin is only the default
parent. What moves a relay under another member:

- a source line or link to that member's URL (decisive when present);
- a copy of a translation: same language as the member, while the origin is in
  another language (copying is cheaper than translating again);
- the relay's marks (names and numbers as written) match that member's spelling
  better than the origin's ("Stankevitch" like the French relay);
- it lacks the same origin sentences as that member (an edited or truncated
  copy passes its cuts on), and never has origin sentences that member lacks;
- the pair score of their direct relation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from relaytrace.ingest.sites import norm_url
from relaytrace.model import Relation
from relaytrace.trace.clusters import ArticleInfo, RelayCluster, time_window
from relaytrace.trace.origin import Origin, member_url_index
from relaytrace.trace.outlets import Credit, credits_of, points_to

__all__ = ["RelayEdge", "RelayTree", "TreeOptions", "build_tree", "lag_minutes"]


@dataclass(frozen=True, slots=True)
class TreeOptions:
    """Weights of the parent evidence (documented defaults)."""

    link_weight: float = 5.0
    origin_prior: float = 1.0
    same_language_weight: float = 1.5
    marks_weight: float = 2.0
    marks_scale: float = 4.0
    # The same, when the origin is in another script (shared transliterations).
    cross_script_weight: float = 2.0
    # Off by default: on real relays the pair score mostly says how well a
    # language pair aligns, not which member a relay was made from.
    score_weight: float = 0.0
    structure_weight: float = 0.75
    completeness_weight: float = 5.0
    # Share of it kept when the candidate and the origin differ in script: there
    # the aligned share says partly how well the scripts' anchors align.
    cross_script_share: float = 0.5
    dropout_weight: float = 1.5
    missing_penalty: float = 2.0
    no_relation_penalty: float = 1.0
    # Origin sentences a relay may have beyond its candidate parent before the
    # parent is ruled out (alignment noise).
    missing_tolerance: int = 1


@dataclass(frozen=True, slots=True)
class RelayEdge:
    """One member's place in the tree.

    ``parent`` is None for the origin and for relays made from an origin that is
    not in the corpus. Lags are in whole minutes; ``approximate`` says one of the
    two dates is known to the day only.
    """

    member: int
    parent: int | None
    lag_parent: int | None
    lag_origin: int | None
    confidence: float
    reasons: tuple[str, ...] = ()
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class RelayTree:
    """The tree of one relay cluster: an edge per member, in publication order."""

    cluster: int
    origin: int | None
    edges: tuple[RelayEdge, ...]

    def edge(self, member: int) -> RelayEdge | None:
        for e in self.edges:
            if e.member == member:
                return e
        return None

    def children(self, member: int | None) -> list[RelayEdge]:
        return [e for e in self.edges if e.parent == member and e.member != self.origin]


def lag_minutes(child: ArticleInfo, parent: ArticleInfo) -> tuple[int | None, bool]:
    """Minutes from the parent's publication to the child's, and whether it is approximate.

    With a bare date on either side the lag is approximate: taken between the
    middles of the two windows, and unknown (None) when the windows overlap so
    that even the order is uncertain — never a confident negative lag.
    """
    wc, wp = time_window(child), time_window(parent)
    if wc is None or wp is None:
        return None, True
    if "day" not in (child.precision, parent.precision):
        return round((wc[0] - wp[0]).total_seconds() / 60), False
    low = (wc[0] - wp[1]).total_seconds() / 60
    high = (wc[1] - wp[0]).total_seconds() / 60
    if low < 0 < high:
        return None, True
    return round((low + high) / 2), True


def _order_key(info: ArticleInfo) -> tuple[float, int]:
    """Middle of the publication window: a bare date sorts at noon, not at midnight."""
    w = time_window(info)
    return ((w[0].timestamp() + w[1].timestamp()) / 2 if w else float("inf"), info.id)


def _placement(
    members: list[ArticleInfo], root: int | None, credits: Mapping[int, list[Credit]]
) -> list[ArticleInfo]:
    """Members in the order parents are chosen: the origin, then by time, and a relay
    whose source link points at a member always after that member."""
    ordered = sorted(members, key=_order_key)
    if root is not None:
        ordered.sort(key=lambda i: i.id != root)
    by_url = {u: i.id for i in members for u in i.urls}
    for _ in range(len(ordered)):
        moved = False
        pos = {i.id: k for k, i in enumerate(ordered)}
        for k, m in enumerate(ordered):
            targets = [by_url.get(norm_url(c.url)) for c in credits[m.id] if c.url]
            later = [pos[t] for t in targets if t is not None and t != root and pos[t] > k]
            if later and m.id != root:
                ordered.insert(max(later), ordered.pop(k))
                moved = True
                break
        if not moved:
            break
    return ordered


def _may_precede(p: ArticleInfo, m: ArticleInfo) -> bool:
    wp, wm = time_window(p), time_window(m)
    if wp is None or wm is None:
        return True
    return wp[0] <= wm[1]


def _origin_coverage(origin: int | None, cluster: RelayCluster) -> dict[int, frozenset[int]]:
    """For each member related to the origin: the origin sentences its alignment covers."""
    out: dict[int, frozenset[int]] = {}
    if origin is None:
        return out
    for r in cluster.relations:
        if not r.aligned:
            continue
        if r.a == origin:
            out[r.b] = frozenset(i for i, _, _ in r.aligned)
        elif r.b == origin:
            out[r.a] = frozenset(j for _, j, _ in r.aligned)
    return out


def _pair_index(relations: tuple[Relation, ...]) -> dict[tuple[int, int], Relation]:
    idx = {}
    for r in relations:
        idx[(r.a, r.b)] = r
        idx[(r.b, r.a)] = r
    return idx


def _weights(sets: list[frozenset]) -> dict:
    """Inverse-document-frequency of each item over a cluster's members (0 when all share it)."""
    df: dict = {}
    for s in sets:
        for x in s:
            df[x] = df.get(x, 0) + 1
    n = len(sets)
    return {x: math.log(n / k) for x, k in df.items()}


def _rare_weights(sets: list[frozenset]) -> dict:
    """Like ``_weights`` but items shared by half of the sets or more weigh nothing."""
    return {x: max(0.0, w - math.log(2)) for x, w in _weights(sets).items()}


def _weight_of(items: frozenset, weights: Mapping) -> float:
    return sum(weights.get(x, 0.0) for x in items)


def _weighted_share(items: frozenset, within: frozenset, weights: Mapping) -> float:
    """Weighted share of ``items`` that also appear in ``within``."""
    total = sum(weights.get(x, 0.0) for x in items)
    if total <= 0:
        return 0.0
    return sum(weights.get(x, 0.0) for x in items & within) / total


@dataclass(frozen=True, slots=True)
class _Context:
    """What parent choice needs about the whole cluster, computed once."""

    pairs: Mapping[tuple[int, int], Relation]
    covered: Mapping[int, frozenset[int]]
    missing: Mapping[int, frozenset[int]]
    missing_w: Mapping[int, float]
    marks_w: Mapping[str, float]
    urls: Mapping[str, int]
    credits: Mapping[int, list[Credit]]


def build_tree(
    cluster: RelayCluster,
    infos: Mapping[int, ArticleInfo],
    origin: Origin,
    options: TreeOptions | None = None,
) -> RelayTree:
    """Choose every member's parent and lags; the origin (if in the corpus) is the root."""
    opt = options or TreeOptions()
    root = origin.article
    pairs = _pair_index(cluster.relations)
    covered = _origin_coverage(root, cluster)
    full: frozenset[int] = frozenset().union(*covered.values()) if covered else frozenset()
    missing = {m: full - c for m, c in covered.items()}
    urls = member_url_index(infos, cluster.members)
    ctx = _Context(
        pairs=pairs,
        covered=covered,
        missing=missing,
        missing_w=_rare_weights(list(missing.values())),
        marks_w=_weights([infos[m].marks for m in cluster.members]),
        urls=urls,
        credits={m: credits_of(infos[m], urls) for m in cluster.members},
    )
    ordered = _placement([infos[m] for m in cluster.members], root, ctx.credits)
    placed: list[ArticleInfo] = []
    edges: list[RelayEdge] = []
    root_info = infos[root] if root is not None else None

    for m in ordered:
        if m.id == root:
            edges.append(RelayEdge(m.id, None, None, 0, origin.confidence, ("origin",)))
            placed.append(m)
            continue
        candidates = [p for p in placed if _may_precede(p, m)] or list(placed)
        parent, conf, reasons = _choose_parent(m, candidates, root_info, ctx, opt)
        lag_p, approx_p = lag_minutes(m, infos[parent]) if parent is not None else (None, False)
        lag_o, approx_o = lag_minutes(m, root_info) if root_info is not None else (None, False)
        edges.append(
            RelayEdge(m.id, parent, lag_p, lag_o, conf, tuple(reasons), approx_p or approx_o)
        )
        placed.append(m)
    return RelayTree(cluster.id, root, tuple(edges))


def _evidence(
    m: ArticleInfo,
    p: ArticleInfo,
    root: ArticleInfo | None,
    ctx: _Context,
    opt: TreeOptions,
    others: list[ArticleInfo] | None = None,
) -> tuple[float, list[str]]:
    """Evidence that ``m`` was made from ``p`` rather than from the origin (0: none).

    ``others``: the other candidates in the relay's script (used when the
    origin is written in another script).
    """
    s = 0.0
    why: list[str] = []
    credits = ctx.credits[m.id]
    link = max((points_to(c, p) for c in credits), default=0.0)
    if link >= 1.0:
        s += opt.link_weight
        why.append("its source link points to this page")
    elif link > 0 and root is not None and p.site != root.site:
        # A source line or suffix naming this relay's outlet (not the origin's).
        s += opt.link_weight * 0.6
        why.append(f"it credits {p.site_name or p.site}, this member's outlet")
    rel = ctx.pairs.get((m.id, p.id))
    if rel is None:
        s -= opt.no_relation_penalty
    if root is None or p.id == root.id:
        return s, why
    if m.lang and p.lang == m.lang and root.lang != m.lang:
        s += opt.same_language_weight
        why.append(f"same language ({m.lang}) while the origin is in {root.lang}")
    if m.script == p.script == root.script:
        # Spelling only tells where a name came from within one writing system.
        # A word the other side writes too, left out there as common in its
        # language ("Fundación" in Spanish), is spelled alike: no evidence.
        gain = _weight_of(m.marks & p.marks - root.marks - root.plain, ctx.marks_w)
        loss = _weight_of(m.marks & root.marks - p.marks - p.plain, ctx.marks_w)
        s += opt.marks_weight * math.tanh((gain - loss) / opt.marks_scale)
        if gain - loss >= opt.marks_scale / 2:
            why.append("names and numbers spelled as in this member, not as in the origin")
    elif m.script == p.script:
        # The origin is in another script: compare with the other candidates
        # written like the relay (a Latin transliteration shared with one of them).
        own = _weight_of(m.marks & p.marks, ctx.marks_w)
        best_other = max(
            (_weight_of(m.marks & q.marks, ctx.marks_w) for q in others or ()), default=0.0
        )
        s += opt.cross_script_weight * math.tanh((own - best_other) / opt.marks_scale)
        if own - best_other >= opt.marks_scale / 2 and opt.cross_script_weight > 0:
            why.append("names transliterated as in this member, not as in the other relays")
    rel_o = ctx.pairs.get((m.id, root.id))
    if m.n_sentences and p.n_sentences and root.n_sentences:
        # Literal translation keeps its source's sentence count and cuts.
        closer = abs(m.n_sentences - root.n_sentences) - abs(m.n_sentences - p.n_sentences)
        s += opt.structure_weight * max(0.0, min(1.0, closer / 2))
        if closer >= 1:
            why.append(
                f"same sentence structure ({p.n_sentences} vs the origin's {root.n_sentences})"
            )
    # Aligned shares compare fully only within one script: across scripts they
    # say partly how well the scripts' anchors align, not where the text came from.
    if rel is not None and rel_o is not None and rel.aligned and rel_o.aligned:
        full_p = len(rel.aligned) / max(m.n_sentences, p.n_sentences, 1)
        full_o = len(rel_o.aligned) / max(m.n_sentences, root.n_sentences, 1)
        w = opt.completeness_weight * (1.0 if p.script == root.script else opt.cross_script_share)
        s += w * max(-0.3, min(0.3, full_p - full_o))
    if rel is not None and rel_o is not None:
        delta = max(-0.1, min(0.1, rel.score - rel_o.score))
        s += opt.score_weight * delta
        if delta >= 0.02 and opt.score_weight > 0:
            why.append(f"aligns more closely with it ({rel.score:.2f}) than with the origin")
    m_cov, p_cov = ctx.covered.get(m.id), ctx.covered.get(p.id)
    if m_cov is not None and p_cov is not None:
        m_missing, p_missing = ctx.missing[m.id], ctx.missing[p.id]
        # Only cuts few members share tell a lineage; sentences most members miss
        # are hard to align, not cut.
        extra = _weight_of(p_missing & m_cov, ctx.missing_w)
        if len(p_missing & m_cov) > opt.missing_tolerance and extra > 0:
            s -= opt.missing_penalty * min(1.0, extra)
        shared = _weight_of(p_missing & m_missing, ctx.missing_w)
        if shared > 0:
            total = _weight_of(p_missing | m_missing, ctx.missing_w)
            s += opt.dropout_weight * shared / total
            if shared / total >= 0.5:
                n = len(p_missing & m_missing)
                why.append(f"lacks the same {n} origin sentence(s) as this member")
    return s, why


def _choose_parent(
    m: ArticleInfo,
    candidates: list[ArticleInfo],
    root: ArticleInfo | None,
    ctx: _Context,
    opt: TreeOptions,
) -> tuple[int | None, float, list[str]]:
    """The member ``m`` was most likely made from: the origin unless evidence says otherwise."""
    if not candidates:
        if root is None:
            return None, 0.5, ["made from the outside origin (no earlier member)"]
        return root.id, 0.5, ["no earlier member: attached to the origin"]
    scored: list[tuple[float, int, list[str]]] = []
    for p in candidates:
        others = [
            q
            for q in candidates
            if q.id != p.id and q.script == m.script and (root is None or q.id != root.id)
        ]
        e, why = _evidence(m, p, root, ctx, opt, others)
        if root is not None and p.id == root.id:
            e += opt.origin_prior
        scored.append((e, p.id, why))
    if root is None:
        scored.append((opt.origin_prior, -1, ["made from the outside origin"]))
    # A tie goes to the origin (or the outside origin): the default parent.
    default = -1 if root is None else root.id
    scored.sort(key=lambda x: (-round(x[0], 9), x[1] != default))
    s1, pid, why = scored[0]
    s2 = scored[1][0] if len(scored) > 1 else s1 - 3.0
    conf = round(min(0.99, 0.5 + 0.5 * math.tanh(s1 - s2)), 3)
    parent = None if pid == -1 else pid
    if parent is not None and root is not None and parent == root.id and not why:
        why = ["made from the origin (no sign of an intermediate relay)"]
    return parent, conf, why
