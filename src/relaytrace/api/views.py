"""Display helpers for the pages: safe text and links, the relay tree, side-by-side passages.

Everything an article says is untrusted. Templates are autoescaped; these
helpers add what escaping does not cover: links only over http(s), bidi
control characters (right-to-left override tricks) removed, and structures
(tree, aligned rows, chart bars) the templates render without any markup
coming from content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import regex

from relaytrace.model import Article, Relation
from relaytrace.trace.clusters import ArticleInfo
from relaytrace.trace.report import ProvenanceReport

__all__ = [
    "Bar",
    "Row",
    "TreeNode",
    "clean",
    "fmt_lag",
    "fmt_time",
    "lag_bars",
    "relay_tree",
    "safe_href",
    "segments",
    "side_by_side",
]

# Bidi embeddings, overrides, isolates and marks, plus other invisible format controls.
_BIDI = regex.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ANCHOR = regex.compile(r"\d[\d.,\u202f\u00a0]*\d|\d|\p{Lu}[\p{L}\p{M}'’\-]+")
_SENTENCE_START = regex.compile(r"^[\s\p{P}]*$")


def clean(text: object) -> str:
    """Text safe to display: bidi and control characters removed (autoescape does the rest)."""
    if text is None:
        return ""
    return _CONTROL.sub("", _BIDI.sub("", str(text)))


def safe_href(url: object) -> str | None:
    """The URL if it is an absolute http(s) URL without credentials, else None."""
    if not isinstance(url, str):
        return None
    u = clean(url).strip()
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return None
    if any(c in u for c in "<>\"' \t\n\\"):
        return None
    return u


def fmt_time(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M %Z").strip() if t else "date unknown"


def fmt_lag(minutes: int | float | None, approximate: bool = False) -> str:
    if minutes is None:
        return ""
    sign = "~" if approximate else ""
    if abs(minutes) >= 120:
        return f"+{sign}{minutes / 60:.1f} h"
    return f"+{sign}{int(minutes)} min"


def segments(text: str, other: str | None = None) -> list[tuple[str, str]]:
    """A sentence cut into (text, kind): kind "" plain, "anchor" a name or number both
    sides keep, "changed" a number the other side does not have."""
    text = clean(text)
    keep = {_digits(m.group()) for m in _ANCHOR.finditer(other)} if other else None
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _ANCHOR.finditer(text):
        tok = m.group()
        is_number = tok[0].isdigit()
        if not is_number and _SENTENCE_START.match(text[: m.start()]):
            continue  # a capital at the start of a sentence is not a name
        if m.start() > pos:
            out.append((text[pos : m.start()], ""))
        kind = "anchor"
        if is_number and keep is not None and _digits(tok) not in keep:
            kind = "changed"
        out.append((tok, kind))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], ""))
    return out


def _digits(tok: str) -> str:
    return "".join(c for c in tok if c.isdigit()) if tok[:1].isdigit() else tok


@dataclass
class TreeNode:
    info: ArticleInfo | None
    label: str
    lag: str = ""
    confidence: float | None = None
    current: bool = False
    children: list[TreeNode] = field(default_factory=list)


def _label(info: ArticleInfo) -> str:
    return f"{clean(info.site_name or info.site)} [{info.lang or '?'}]"


def relay_tree(report: ProvenanceReport) -> TreeNode | None:
    """The relay tree as nested nodes, root first (an outside origin as a named root)."""
    tree = report.tree
    if tree is None:
        return None
    infos = report.infos
    if tree.origin is not None and tree.origin in infos:
        root = TreeNode(
            infos[tree.origin], _label(infos[tree.origin]), current=tree.origin == report.article.id
        )
    else:
        outlet = report.origin.outlet if report.origin and report.origin.outlet else "unknown"
        root = TreeNode(None, f"origin not in corpus: {clean(outlet)}")
    nodes: dict[int | None, TreeNode] = {tree.origin: root}
    for e in tree.edges:
        if e.member == tree.origin or e.member not in infos:
            continue
        info = infos[e.member]
        node = TreeNode(
            info,
            _label(info),
            fmt_lag(e.lag_parent, e.approximate),
            e.confidence,
            e.member == report.article.id,
        )
        nodes[e.member] = node
    for e in tree.edges:
        if e.member in nodes and e.member != tree.origin:
            nodes.get(e.parent, root).children.append(nodes[e.member])
    return root


def tree_data(report: ProvenanceReport) -> dict:
    """Nodes and edges for the interactive tree (JSON embedded in the page, not executed)."""
    root = relay_tree(report)
    if root is None:
        return {"nodes": [], "edges": []}
    nodes, edges = [], []

    def walk(n: TreeNode, key: str) -> None:
        nodes.append(
            {
                "id": key,
                "label": n.label,
                "current": n.current,
                "href": f"/articles/{n.info.id}" if n.info and n.info.id > 0 else None,
            }
        )
        for c in n.children:
            ck = str(c.info.id) if c.info else "x"
            edges.append({"source": key, "target": ck, "label": c.lag})
            walk(c, ck)

    walk(root, str(root.info.id) if root.info else "outside")
    return {"nodes": nodes, "edges": edges}


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the side-by-side view: original sentence, relay sentence, status."""

    left: list[tuple[str, str]] | None
    right: list[tuple[str, str]] | None
    status: str  # aligned | dropped | added
    score: float | None = None


def side_by_side(r: Relation, original: Article, relay: Article) -> list[Row]:
    """Aligned passages, original left and relay right, with dropped and added sentences."""
    flip = r.a != original.id
    pairs = sorted((j, i, s) if flip else (i, j, s) for i, j, s in r.aligned)
    left, right = original.sentences, relay.sentences
    rows: list[Row] = []
    li = rj = 0
    for i, j, s in pairs:
        if i >= len(left) or j >= len(right):
            continue
        rows += [Row(segments(left[k].text), None, "dropped") for k in range(li, i)]
        rows += [Row(None, segments(right[k].text), "added") for k in range(rj, j)]
        lt, rt = left[i].text, right[j].text
        rows.append(
            Row(
                segments(lt, rt) if i >= li else None,
                segments(rt, lt) if j >= rj else None,
                "aligned",
                round(s, 2),
            )
        )
        li, rj = max(li, i + 1), max(rj, j + 1)
    rows += [Row(segments(left[k].text), None, "dropped") for k in range(li, len(left))]
    rows += [Row(None, segments(right[k].text), "added") for k in range(rj, len(right))]
    return rows


def original_side(
    r: Relation, article_id: int, report: ProvenanceReport, articles: Mapping[int, Article]
) -> tuple[Article, Article] | None:
    """(original, relay) of a relation: the tree parent when known, else the earlier one."""
    other = r.b if r.a == article_id else r.a
    me, them = articles.get(article_id), articles.get(other)
    if me is None or them is None:
        return None
    edge = report.tree.edge(article_id) if report.tree else None
    if edge is not None and edge.parent == other:
        return them, me
    other_edge = report.tree.edge(other) if report.tree else None
    if other_edge is not None and other_edge.parent == article_id:
        return me, them
    if report.origin is not None and report.origin.article == other:
        return them, me
    t_me, t_them = me.published, them.published
    if t_me and t_them and _utc(t_them) < _utc(t_me):
        return them, me
    return me, them


def _utc(t: datetime) -> float:
    return t.timestamp() if t.tzinfo else t.replace(tzinfo=None).timestamp()


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


LAG_BUCKETS = (
    (0, 30, "<30 min"),
    (30, 60, "30–60 min"),
    (60, 180, "1–3 h"),
    (180, 720, "3–12 h"),
    (720, 1440, "12–24 h"),
    (1440, None, ">1 day"),
)


def lag_bars(lags: list[float], width: int = 480, height: int = 160) -> list[Bar]:
    """A histogram of relay lags (minutes) as SVG bars, drawn server-side."""
    counts = [
        sum(1 for x in lags if x >= lo and (hi is None or x < hi)) for lo, hi, _ in LAG_BUCKETS
    ]
    top = max(counts) or 1
    slot = width / len(LAG_BUCKETS)
    plot = height - 30
    bars = []
    for k, ((_, _, label), n) in enumerate(zip(LAG_BUCKETS, counts, strict=True)):
        h = plot * n / top
        bars.append(Bar(k * slot + 6, plot - h + 4, slot - 12, h, label, n))
    return bars
