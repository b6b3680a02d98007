"""The origin of a relay cluster, chosen from all the evidence and kept with it.

Each member is scored as the possible origin from four kinds of evidence:

- credits: the other members name it (title suffix, source line, agency
  credit matching its site or name) or link to its URL;
- time: it may have been published before the others (a bare date is a whole
  day wide, so a dated-only member is never "certainly first");
- containment: copies truncate, so the origin is the superset in its
  relations (its coverage is the lower one);
- shape: an origin carries no source line and no title suffix naming someone
  else; and it is the hub the translations in other languages align to.

When the members credit an outlet that is none of them, and the best member
itself credits it, the origin is reported as not in the corpus, named by the
credits. Confidence is the margin of the best score over the runner-up, capped
when the evidence is thin (no credits, time uncertain, two members only).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from relaytrace.trace.clusters import ArticleInfo, RelayCluster, time_window
from relaytrace.trace.outlets import (
    Credit,
    credits_of,
    is_relay_shaped,
    name_matches_site,
    normalise_name,
    points_to,
    registered_domain,
)

__all__ = ["Origin", "OriginOptions", "find_origin", "fmt_time", "member_url_index"]


@dataclass(frozen=True, slots=True)
class OriginOptions:
    """Weights of the origin evidence (documented defaults; scores are sums of weighted terms)."""

    credit_weight: float = 3.0
    time_weight: float = 2.0
    first_bonus: float = 1.0
    containment_weight: float = 1.0
    hub_weight: float = 0.5
    relay_shape_penalty: float = 2.0
    # Members that must credit an outside outlet to call the origin "not in corpus".
    outside_min_share: float = 0.5


@dataclass(frozen=True, slots=True)
class Origin:
    """The answer for one relay cluster: its origin article (or outlet) with the evidence.

    ``article`` is None when the origin is not in the corpus; ``outlet`` and
    ``domain`` then name it from the members' credits when they do.
    """

    cluster: int
    article: int | None
    outlet: str | None
    domain: str | None
    confidence: float
    reasons: tuple[str, ...]
    scores: tuple[tuple[int, float], ...] = field(default=())

    @property
    def in_corpus(self) -> bool:
        return self.article is not None


def fmt_time(t: datetime | None, precision: str | None = None) -> str:
    if t is None:
        return "undated"
    if precision == "day":
        return t.strftime("%Y-%m-%d (day only)")
    return t.strftime("%Y-%m-%d %H:%M UTC") if t.utcoffset() is not None else t.isoformat()


def _member_urls(infos: Mapping[int, ArticleInfo], members: tuple[int, ...]) -> dict[str, int]:
    urls: dict[str, int] = {}
    for m in members:
        for u in infos[m].urls:
            urls[u] = m
    return urls


def _credit_support(
    cand: ArticleInfo, credits: Mapping[int, list[Credit]]
) -> tuple[float, list[Credit]]:
    """Sum over other members of how precisely their credits designate the candidate."""
    total = 0.0
    used: list[Credit] = []
    for member, cs in credits.items():
        if member == cand.id:
            continue
        best, best_c = 0.0, None
        for c in cs:
            s = points_to(c, cand)
            if s > best:
                best, best_c = s, c
        if best_c is not None:
            total += best
            used.append(best_c)
    return total, used


def _time_terms(
    cand: ArticleInfo, infos: Mapping[int, ArticleInfo], members: tuple[int, ...]
) -> tuple[float, bool, int]:
    """(share of dated others it may precede, certainly first?, dated others)."""
    w = time_window(cand)
    others = [time_window(infos[m]) for m in members if m != cand.id]
    dated = [o for o in others if o is not None]
    if w is None or not dated:
        return 0.5, False, len(dated)
    may_precede = sum(1 for o in dated if w[0] <= o[1])
    certainly_first = all(w[1] <= o[0] for o in dated)
    return may_precede / len(dated), certainly_first, len(dated)


def _containment(cand: int, cluster: RelayCluster) -> tuple[float, int]:
    """Mean signed evidence that the candidate is the superset in its relations."""
    terms = []
    for r in cluster.relations:
        if cand not in (r.a, r.b):
            continue
        own, other = (r.coverage_a, r.coverage_b) if r.a == cand else (r.coverage_b, r.coverage_a)
        diff = other - own
        if abs(diff) >= 0.05:
            terms.append(max(-1.0, min(1.0, diff / 0.3)))
    if not terms:
        return 0.0, 0
    return sum(terms) / len(terms), sum(1 for t in terms if t > 0)


def _hub(cand: ArticleInfo, cluster: RelayCluster, infos: Mapping[int, ArticleInfo]) -> float:
    neighbours = set()
    for r in cluster.relations:
        if r.a == cand.id:
            neighbours.add(r.b)
        elif r.b == cand.id:
            neighbours.add(r.a)
    n = len(cluster.members) - 1
    return len(neighbours) / n if n else 0.0


def _outside_outlet(
    infos: Mapping[int, ArticleInfo], credits: Mapping[int, list[Credit]], members: tuple[int, ...]
) -> tuple[str, str | None, int] | None:
    """The outlet most members credit that is none of the members: (name, domain, members)."""
    member_infos = [infos[m] for m in members]
    outside = [
        c
        for cs in credits.values()
        for c in cs
        if not any(points_to(c, t) > 0 for t in member_infos if t.id != c.member)
    ]
    names: dict[str, Counter[str]] = defaultdict(Counter)
    who: dict[str, set[int]] = defaultdict(set)
    for c in outside:
        if c.name and normalise_name(c.name):
            key = normalise_name(c.name)
            names[key][c.name.strip()] += 1
            who[key].add(c.member)
    domains: dict[str, Counter[str]] = defaultdict(Counter)
    for c in outside:
        if not c.url:
            continue
        domain = registered_domain(c.url)
        key = next(
            (k for k, ns in names.items() if any(name_matches_site(n, domain) for n in ns)),
            domain,
        )
        domains[key][domain] += 1
        who[key].add(c.member)
    if not who:
        return None
    key, credited = max(who.items(), key=lambda kv: (len(kv[1]), kv[0]))
    name = names[key].most_common(1)[0][0] if names.get(key) else key
    domain = domains[key].most_common(1)[0][0] if domains.get(key) else None
    if domain is None and "." in name and " " not in name:
        domain = registered_domain(name)
    return name, domain, len(credited)


def find_origin(
    cluster: RelayCluster,
    infos: Mapping[int, ArticleInfo],
    options: OriginOptions | None = None,
) -> Origin:
    """Choose the origin of a relay cluster and say why."""
    opt = options or OriginOptions()
    members = cluster.members
    n = len(members)
    urls = _member_urls(infos, members)
    credits = {m: credits_of(infos[m], urls) for m in members}

    scored: list[tuple[float, int, dict]] = []
    for m in members:
        info = infos[m]
        support, used = _credit_support(info, credits)
        share, first, dated = _time_terms(info, infos, members)
        contain, supersets = _containment(m, cluster)
        hub = _hub(info, cluster, infos)
        shape = is_relay_shaped(info)
        s = (
            opt.credit_weight * support / max(1, n - 1)
            + opt.time_weight * share
            + (opt.first_bonus if first else 0.0)
            + opt.containment_weight * contain
            + opt.hub_weight * hub
            - (opt.relay_shape_penalty if shape else 0.0)
        )
        terms = dict(
            support=support, used=used, share=share, first=first, dated=dated,
            contain=contain, supersets=supersets, hub=hub, shape=shape,
        )  # fmt: skip
        scored.append((s, m, terms))
    scored.sort(key=lambda x: (-x[0], _sort_time(infos[x[1]]), x[1]))
    best_s, best, t = scored[0]
    runner = scored[1][0] if len(scored) > 1 else best_s - 3.0
    scores = tuple((m, round(s, 3)) for s, m, _ in scored)

    outside = _outside_outlet(infos, credits, members)
    best_credits_outside = outside is not None and any(
        normalise_name(c.name or "") == normalise_name(outside[0])
        or (c.url and outside[1] and registered_domain(c.url) == outside[1])
        for c in credits[best]
    )
    if (
        outside is not None
        and best_credits_outside
        and outside[2] >= max(1, math.ceil(opt.outside_min_share * n))
        and (t["support"] < 0.5 * (n - 1) or t["shape"])
    ):
        name, domain, count = outside
        where = f" ({domain})" if domain else ""
        reasons = [
            f"origin not in corpus; {count} of {n} members credit {name}{where}",
            f"the earliest candidate here ({infos[best].url}) is itself a relay: "
            + "; ".join(t["shape"] or ["it credits the same outlet"]),
        ]
        conf = min(0.95, 0.5 + 0.45 * count / n)
        return Origin(cluster.id, None, name, domain, round(conf, 3), tuple(reasons), scores)

    info = infos[best]
    reasons = _reasons(info, t, n, infos, members)
    margin = best_s - runner
    conf = 0.5 + 0.5 * math.tanh(margin / 2.0)
    if t["support"] == 0:
        conf = min(conf, 0.7)
    if not t["first"]:
        conf = min(conf, 0.8)
    if t["shape"]:
        conf = min(conf, 0.6)
        reasons.append("warning: it looks like a relay itself (" + "; ".join(t["shape"]) + ")")
    if n == 2 and t["support"] == 0:
        conf = min(conf, 0.6)
    conflict = _conflicting_credits(best, infos, credits, members)
    if conflict:
        conf = min(conf, 0.75)
        reasons.append(f"conflicting cues: {conflict[1]} member(s) credit {conflict[0]} instead")
    agency = [c for c in credits[best] if c.kind == "credit" and c.name]
    if agency:
        reasons.append(f"it credits {agency[0].name} itself (an agency text it ran)")
    outlet = info.site_name or info.site
    return Origin(
        cluster.id,
        best,
        outlet,
        registered_domain(info.site) or info.site,
        round(max(0.0, min(0.99, conf)), 3),
        tuple(reasons),
        scores,
    )


def _conflicting_credits(
    best: int,
    infos: Mapping[int, ArticleInfo],
    credits: Mapping[int, list[Credit]],
    members: tuple[int, ...],
) -> tuple[str, int] | None:
    """The most credited other source among members whose credits miss the chosen origin.

    A member that credits the origin (or credits nothing) agrees; one whose
    credits all name another member or outlet disagrees. Returns (name, members).
    """
    cand = infos[best]
    # An agency the origin itself credits is no conflict when its copies credit it too.
    own = {normalise_name(c.name or registered_domain(c.url or "")) for c in credits.get(best, [])}
    against: Counter[str] = Counter()
    for m in members:
        cs = credits.get(m) or []
        if m == best or not cs or any(points_to(c, cand) > 0 for c in cs):
            continue
        named = next(
            (
                infos[o].site_name or infos[o].site
                for c in cs
                for o in members
                if o not in (m, best) and points_to(c, infos[o]) > 0
            ),
            None,
        )
        if named is None:
            named = next((c.name or registered_domain(c.url or "") for c in cs), None)
        if named and normalise_name(named) not in own and not name_matches_site(named, cand.site):
            against[named] += 1
    if not against:
        return None
    return against.most_common(1)[0]


def _sort_time(info: ArticleInfo) -> float:
    w = time_window(info)
    return w[0].timestamp() if w else math.inf


def _reasons(
    info: ArticleInfo, t: dict, n: int, infos: Mapping[int, ArticleInfo], members: tuple[int, ...]
) -> list[str]:
    reasons: list[str] = []
    used: list[Credit] = t["used"]
    if used:
        kinds = Counter(c.describe() for c in used)
        top = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in kinds.most_common(3))
        reasons.append(f"credited by {len(used)} of {n - 1} other members: {top}")
    else:
        reasons.append("no other member credits it by name or link")
    w = time_window(info)
    others = sorted(
        (time_window(infos[m])[0], m) for m in members if m != info.id and time_window(infos[m])
    )
    if w is not None and t["first"] and others:
        gap = (others[0][0] - w[1]).total_seconds() / 60
        reasons.append(
            f"published first: {fmt_time(info.published, info.precision)}, "
            f"{gap:.0f} min before the next member"
        )
    elif w is not None:
        reasons.append(
            f"published {fmt_time(info.published, info.precision)}; may precede "
            f"{t['share']:.0%} of the dated members (not certainly first)"
        )
    else:
        reasons.append("publication time unknown")
    if t["supersets"]:
        reasons.append(
            "contains the shorter versions: lower alignment coverage in "
            f"{t['supersets']} relation(s)"
        )
    elif t["contain"] < 0:
        reasons.append("warning: it is the shorter side of some relations (an excerpt?)")
    if not t["shape"]:
        reasons.append("carries no source line and no title suffix naming another outlet")
    return reasons


def member_url_index(infos: Mapping[int, ArticleInfo], members: tuple[int, ...]) -> dict[str, int]:
    """Normalised URL → member id (used by the tree to resolve source links)."""
    return _member_urls(infos, members)
