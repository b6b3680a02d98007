"""JSON-ready views of library records, shaped as ``relaytrace.api.schemas`` declares them.

Shared by the REST API and the pages (which render the same dicts), so both
always say the same thing.
"""

from __future__ import annotations

from relaytrace.api.services import TraceResult
from relaytrace.model import Article, Relation, Sentence, Statement
from relaytrace.trace.origin import Origin
from relaytrace.trace.report import ProvenanceReport
from relaytrace.trace.statements.linking import StatementChain
from relaytrace.trace.stories import StoryCluster

__all__ = [
    "aligned_pairs",
    "article_detail",
    "article_summary",
    "chain_out",
    "origin_out",
    "relation_out",
    "statement_out",
    "story_out",
    "trace_out",
    "tree_out",
]


def article_summary(a: Article) -> dict:
    return {
        "id": a.id,
        "url": a.url,
        "site": a.site,
        "site_name": a.site_name,
        "title": a.title,
        "lang": a.lang,
        "published": a.published,
    }


def relation_out(r: Relation) -> dict:
    return {
        "a": r.a,
        "b": r.b,
        "kind": r.kind,
        "score": round(r.score, 4),
        "coverage_a": round(r.coverage_a, 4),
        "coverage_b": round(r.coverage_b, 4),
        "aligned": len(r.aligned),
    }


def article_detail(a: Article, relations: list[Relation]) -> dict:
    out = article_summary(a)
    out.update(
        canonical_url=a.canonical_url,
        subtitle=a.subtitle,
        published_source=a.published_source,
        published_precision=a.published_precision,
        version=a.version,
        paragraphs=list(a.paragraphs),
        cues=[
            {
                "kind": c.kind,
                "text": c.text,
                "outlet": c.outlet,
                "url": c.url,
                "headline": c.headline,
            }
            for c in a.cues
        ],
        links=[{"url": link.url, "text": link.text} for link in a.links],
        relations=[relation_out(r) for r in relations],
    )
    return out


def _sentence_text(sentences: tuple[Sentence, ...], i: int) -> str:
    return sentences[i].text if 0 <= i < len(sentences) else ""


def aligned_pairs(r: Relation, a: Article | None, b: Article | None) -> list[dict]:
    """The relation's aligned sentence pairs with both texts."""
    sa = a.sentences if a else ()
    sb = b.sentences if b else ()
    return [
        {
            "a_index": i,
            "b_index": j,
            "score": round(s, 4),
            "a_text": _sentence_text(sa, i),
            "b_text": _sentence_text(sb, j),
        }
        for i, j, s in r.aligned
    ]


def origin_out(o: Origin, report: ProvenanceReport) -> dict:
    info = report.infos.get(o.article) if o.article is not None else None
    return {
        "in_corpus": o.in_corpus,
        "article": o.article,
        "url": info.url if info else None,
        "outlet": o.outlet,
        "domain": o.domain,
        "confidence": round(o.confidence, 4),
        "evidence": list(o.reasons),
    }


def tree_out(report: ProvenanceReport) -> list[dict]:
    if report.tree is None:
        return []
    rows = []
    for e in report.tree.edges:
        info = report.infos[e.member]
        rows.append(
            {
                "member": e.member,
                "url": info.url,
                "site": info.site,
                "lang": info.lang,
                "published": info.published,
                "parent": e.parent,
                "lag_parent": e.lag_parent,
                "lag_origin": e.lag_origin,
                "confidence": round(e.confidence, 4),
                "approximate": e.approximate,
                "evidence": list(e.reasons),
            }
        )
    return rows


def story_out(s: StoryCluster | None) -> dict | None:
    if s is None:
        return None
    return {
        "id": s.id,
        "label": s.label,
        "members": list(s.members),
        "start": s.start,
        "end": s.end,
    }


def statement_out(s: Statement) -> dict:
    return {
        "kind": s.kind,
        "quote": s.quote,
        "speaker": s.speaker,
        "speaker_role": s.speaker_role,
        "verb": s.verb,
        "venue": s.venue,
    }


def chain_out(c: StatementChain) -> dict:
    return {
        "key": c.key,
        "statements": [
            {"article": s.article, "quote": s.quote, "speaker": s.speaker} for s in c.statements
        ],
        "changes": [ch.describe() for ch in c.changes],
    }


def trace_out(t: TraceResult) -> dict:
    """The full provenance answer for ``POST /trace`` and ``GET /articles/{id}/trace``."""
    rep = t.report
    rels = []
    for r in t.relations:
        other_id = r.b if r.a == t.article.id else r.a
        other = t.articles.get(other_id)
        d = relation_out(r)
        d["other"] = article_summary(other) if other else None
        d["pairs"] = aligned_pairs(r, t.articles.get(r.a), t.articles.get(r.b))
        rels.append(d)
    return {
        "article": article_summary(t.article),
        "stored": t.stored,
        "is_origin": rep.is_origin,
        "origin": origin_out(rep.origin, rep) if rep.origin else None,
        "tree": tree_out(rep),
        "relations": rels,
        "story": story_out(rep.story),
        "statements": [statement_out(s) for s in t.statements],
        "chains": [chain_out(c) for c in t.chains],
    }
