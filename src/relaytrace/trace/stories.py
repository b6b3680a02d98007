"""Story clusters: relay clusters and independent articles about one event.

A story starts as one group per relay cluster and one per article outside any
relay cluster. Same-story relations between groups are then merged by average
linkage: two groups join when the share of their article pairs that are
related reaches ``StoryOptions.min_density`` and those links are not weak on
average (``min_mean_score``). Plain connected components would chain
different events through the people they share (the same spokesman weeks apart);
average linkage asks for support across the group, not one bridge.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from relaytrace.model import Relation
from relaytrace.trace.clusters import ArticleInfo, RelayCluster, UnionFind

__all__ = ["StoryCluster", "StoryOptions", "story_clusters", "story_label"]


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """Merging thresholds (documented defaults)."""

    # Share of article pairs across two groups that must be related.
    min_density: float = 0.5
    # Minimum same-story score for a lone pair of articles to make a story.
    min_pair_score: float = 0.0
    # Mean score of the links two groups need: a hard negative (same speaker,
    # another event) links to every member of a story, but weakly.
    min_mean_score: float = 0.35
    label_terms: int = 4


@dataclass(frozen=True, slots=True)
class StoryCluster:
    """Articles on one event: relay clusters plus independent coverage.

    ``id`` is the smallest member id; ``relay_clusters`` the ids of the relay
    clusters it holds; ``start``/``end`` the publication span.
    """

    id: int
    members: tuple[int, ...]
    relay_clusters: tuple[int, ...]
    label: str
    start: datetime | None
    end: datetime | None


def _groups(
    relay: Sequence[RelayCluster], relations: Iterable[Relation]
) -> tuple[dict[int, int], dict[int, list[int]], dict[tuple[int, int], list[float]]]:
    """Initial groups (relay clusters and loose articles) and their cross links."""
    group_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    for c in relay:
        for m in c.members:
            group_of[m] = c.id
        members[c.id] = list(c.members)
    links: dict[tuple[int, int], list[float]] = defaultdict(list)
    for r in relations:
        if r.kind != "same_story":
            continue
        for x in (r.a, r.b):
            if x not in group_of:
                group_of[x] = x
                members[x] = [x]
        ga, gb = group_of[r.a], group_of[r.b]
        if ga != gb:
            links[(min(ga, gb), max(ga, gb))].append(r.score)
    return group_of, members, links


def story_clusters(
    relay: Sequence[RelayCluster],
    relations: Iterable[Relation],
    infos: Mapping[int, ArticleInfo] | None = None,
    options: StoryOptions | None = None,
) -> list[StoryCluster]:
    """Group relay clusters and same-story articles into stories, largest first.

    ``relations`` may hold every kind; only same_story ones join groups (relay
    relations are already inside the relay clusters). ``infos`` (optional)
    gives labels and time spans.
    """
    opt = options or StoryOptions()
    _, members, links = _groups(relay, relations)
    size = {g: len(ms) for g, ms in members.items()}
    # Cross links between current groups: count and score sum.
    count: dict[int, dict[int, int]] = defaultdict(dict)
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), ss in links.items():
        count[a][b] = count[b][a] = len(ss)
        scores[a][b] = scores[b][a] = sum(ss)

    def density(a: int, b: int) -> float:
        return count[a][b] / (size[a] * size[b])

    heap = [(-density(a, b), a, b) for (a, b) in links]
    heapq.heapify(heap)
    uf = UnionFind()
    for g in members:
        uf.find(g)
    alive = set(members)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive or b not in count[a]:
            continue
        d = density(a, b)
        if abs(d + neg) > 1e-12:
            continue  # stale entry
        pair_ok = size[a] == size[b] == 1 and scores[a][b] >= opt.min_pair_score
        if d < opt.min_density and not pair_ok:
            break
        if scores[a][b] / count[a][b] < opt.min_mean_score:
            continue  # many weak links: the same people, another event
        # Merge b into a.
        uf.union(a, b)
        root = uf.find(a)
        keep, gone = (a, b) if root == a else (b, a)
        size[keep] += size[gone]
        alive.discard(gone)
        for other, n in list(count[gone].items()):
            if other == keep:
                continue
            count[keep][other] = count[keep].get(other, 0) + n
            count[other][keep] = count[keep][other]
            scores[keep][other] = scores[keep].get(other, 0.0) + scores[gone][other]
            scores[other][keep] = scores[keep][other]
            del count[other][gone]
            del scores[other][gone]
        count.pop(gone, None)
        scores.pop(gone, None)
        count[keep].pop(gone, None)
        scores[keep].pop(gone, None)
        for other in count[keep]:
            heapq.heappush(heap, (-density(keep, other), min(keep, other), max(keep, other)))

    relay_ids = {c.id for c in relay}
    out = []
    for _root, groups in uf.groups().items():
        ids = sorted(m for g in groups for m in members[g])
        clusters = tuple(sorted(g for g in groups if g in relay_ids))
        label, start, end = "", None, None
        if infos:
            known = [infos[m] for m in ids if m in infos]
            label = story_label(known, opt.label_terms)
            times = [i.published for i in known if i.published is not None]
            start, end = (min(times), max(times)) if times else (None, None)
        out.append(StoryCluster(ids[0], tuple(ids), clusters, label, start, end))
    out.sort(key=lambda s: (-len(s.members), s.id))
    return out


def story_label(infos: Sequence[ArticleInfo], terms: int = 4) -> str:
    """A short label: the names and figures most members share, else the first title.

    Uses each member's marks (names and numbers as written, outlet names and
    years left out); a mark counts once per member, the most widely shared first.
    """
    if not infos:
        return ""
    outlet_words = set()
    for info in infos:
        for name in [info.site_name or ""] + [c.outlet or "" for c in info.cues]:
            outlet_words.update(w.casefold() for w in name.split())
    df: Counter[str] = Counter()
    for info in infos:
        df.update(
            m
            for m in info.marks
            if len(m) >= 3 and m not in outlet_words and not (m.isdigit() and len(m) == 4)
        )
    need = max(2, len(infos) // 2) if len(infos) > 1 else 1
    common = [m for m, n in df.most_common() if n >= need]
    common.sort(key=lambda m: (-df[m], m.isdigit(), m))
    picked = [m.upper() if len(m) <= 3 and not m.isdigit() else m.title() for m in common[:terms]]
    if picked:
        return " · ".join(picked)
    first = min(infos, key=lambda i: (i.published is None, i.published or datetime.max, i.id))
    return first.title[:80]
