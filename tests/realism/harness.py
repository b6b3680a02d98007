"""Ingest the realism corpus into a fresh SQLite store and read back what a user sees.

Shared by the realism tests and ``benchmarks/realism.py``: the fixtures go
through the public path (``service.ingest_paths`` with matching after each
batch, as ``relaytrace ingest`` does), then relations and origins are read as
``relaytrace relations/origins --format jsonl`` print them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from relaytrace.model import Article

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"


def load_labels() -> list[dict]:
    """The labels; a pasted text's URL is its file's ``file://`` URL, as ingest gives it."""
    labels = json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8"))
    for x in labels:
        if x["url"] == "file":
            x["url"] = (FIXTURES / x["file"]).resolve().as_uri()
    return labels


@dataclass
class Run:
    """What relaytrace made of the corpus: articles by URL, relations, origin rows."""

    articles: dict[str, Article] = field(default_factory=dict)
    relations: list[dict] = field(default_factory=list)
    origins: dict[str, dict] = field(default_factory=dict)
    rejections: list[tuple[str, str]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    def relation(self, a: str, b: str) -> dict | None:
        for r in self.relations:
            if {r["a"], r["b"]} == {a, b}:
                return r
        return None


def run_corpus(db: Path) -> Run:
    """Ingest every fixture page into ``db`` (matching as it goes) and read the results back."""
    from relaytrace import service
    from relaytrace.match.matcher import match_articles
    from relaytrace.store.sqlite import SQLiteStore

    run = Run()
    with SQLiteStore(db) as store:
        report = service.ingest_paths(
            store, [str(FIXTURES)], after_batch=lambda s, ids: match_articles(s, ids)
        )
        run.rejections = [(r.origin, r.reason) for ex in report.examples.values() for r in ex]
        for article in store.iter_articles():
            run.articles[article.url] = article
        urls = {a.id: a.url for a in run.articles.values()}
        for rel in store.relations():
            run.relations.append(
                {"a": urls[rel.a], "b": urls[rel.b], "kind": rel.kind, "score": rel.score}
            )
        _read_origins(store, run)
    return run


def _read_origins(store: object, run: Run) -> None:
    """Origin rows; when the trace crashes, record why and retry with the known crash
    (wordfreq needing ``jieba`` for Chinese) worked around, so the other figures still show."""
    from relaytrace.trace import clusters
    from relaytrace.trace.report import corpus_provenance, origin_rows

    try:
        rows = origin_rows(corpus_provenance(store))
    except Exception as exc:
        run.errors["origins"] = f"{type(exc).__name__}: {exc}"
        original = clusters._common

        def tolerant(word: str, lang: str | None) -> bool:
            try:
                return original(word, lang)
            except ImportError:
                return False

        clusters._common = tolerant
        try:
            rows = origin_rows(corpus_provenance(store))
        except Exception as exc2:
            run.errors["origins_retry"] = f"{type(exc2).__name__}: {exc2}"
            rows = []
        finally:
            clusters._common = original
    for row in rows:
        run.origins[row["article"]] = row


# -- scoring -----------------------------------------------------------------------

RELAY_ROLES = ("origin", "copy", "translation")


def tokens(text: str) -> list[str]:
    """Word tokens, or single characters for scripts written without spaces."""
    import regex

    out: list[str] = []
    for word in regex.findall(r"\w+", text.casefold()):
        if regex.search(r"\p{Han}", word):
            out.extend(word)
        else:
            out.append(word)
    return out


def token_f1(got: str, want: str) -> float:
    from collections import Counter

    g, w = Counter(tokens(got)), Counter(tokens(want))
    common = sum((g & w).values())
    if not common:
        return 0.0
    p, r = common / sum(g.values()), common / sum(w.values())
    return 2 * p * r / (p + r)


def gold_pairs(labels: list[dict]) -> dict[frozenset[str], str]:
    """Expected kind of every labelled pair: copy, translation, same_story (others unrelated)."""
    pairs: dict[frozenset[str], str] = {}
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if a["story"] != b["story"]:
                continue
            key = frozenset((a["url"], b["url"]))
            if a["role"] in RELAY_ROLES and b["role"] in RELAY_ROLES:
                pairs[key] = "copy" if a["lang"] == b["lang"] else "translation"
            elif "same_story" in (a["role"], b["role"]):
                pairs[key] = "same_story"
    return pairs


def story_origin(labels: list[dict]) -> dict[str, str]:
    return {x["story"]: x["url"] for x in labels if x["role"] == "origin"}
