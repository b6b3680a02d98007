"""Run relaytrace over the demo corpus and compare what it finds with the labels.

    PYTHONPATH=src python src/relaytrace/demo/corpus/_source/score.py

Ingests ``articles.jsonl`` and ``html/`` (as the demo does) into a temporary
SQLite store, matches every article, traces the relay clusters, then prints each
member's parent and lag against ``demo_labels.json``, every pair whose relation
differs from the labels, and the relay-pair counts. A corpus check, not a test:
it prints figures and asserts nothing.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
LABELS = HERE.parents[4] / "tests" / "fixtures" / "demo_labels.json"
RELAY = {"origin", "copy", "translation"}


def fresh_store(path: Path):
    """A SQLite store; methods still abstract on this branch answer nothing."""
    from relaytrace.store.sqlite import SQLiteStore

    cls = SQLiteStore
    if getattr(cls, "__abstractmethods__", None):
        stub = {name: (lambda self, *a, **k: iter(())) for name in cls.__abstractmethods__}
        cls = type("DemoStore", (cls,), stub)
    return cls(path)


def truth(a: dict, b: dict) -> str | None:
    """The labelled relation of two articles (None: unrelated)."""
    if a["story"] != b["story"] or "unrelated" in (a["role"], b["role"]):
        return None
    if a["role"] in RELAY and b["role"] in RELAY:
        return "copy" if a["lang"] == b["lang"] else "translation"
    return "same_story"


def main() -> None:
    from relaytrace.ingest.pipeline import extract_article
    from relaytrace.ingest.sources import iter_sources
    from relaytrace.match.matcher import match_articles
    from relaytrace.model import Rejection
    from relaytrace.trace.report import corpus_provenance

    labels = {a["url"]: a for a in json.loads(LABELS.read_text("utf-8"))["articles"]}
    items = iter_sources([str(CORPUS / "articles.jsonl"), str(CORPUS / "html")])
    articles = [extract_article(i) for i in items if not isinstance(i, Rejection)]
    with tempfile.TemporaryDirectory() as tmp:
        store = fresh_store(Path(tmp) / "demo.db")
        match_articles(store, [r.id for r in store.add_articles(articles)])
        urls = {a.id: a.url for a in store.iter_articles()}
        found = {frozenset((urls[r.a], urls[r.b])): r for r in store.relations()}
        prov = corpus_provenance(store)
        store.close()
    ok = total = 0
    for c in prov.clusters:
        origin, tree = prov.origins[c.id], prov.trees[c.id]
        name = labels[urls[origin.article]]["id"] if origin.article else "not in corpus"
        print(f"cluster: origin {name} ({origin.outlet}, {origin.domain})")
        for e in tree.edges:
            lab = labels[urls[e.member]]
            got = labels[urls[e.parent]]["id"] if e.parent else None
            want = labels[lab["relay_of"]]["id"] if lab["relay_of"] else None
            right = got == want and e.lag_parent == lab["lag_minutes_from_parent"]
            ok, total = ok + right, total + 1
            print(
                f"  {lab['id']:<4} parent {got} (label {want}), lag {e.lag_parent} min "
                f"(label {lab['lag_minutes_from_parent']}) {'ok' if right else 'WRONG'}"
            )
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(labels), 2):
        want, rel = truth(labels[a], labels[b]), found.get(frozenset((a, b)))
        got = rel.kind if rel else None
        tp += want in ("copy", "translation") and got in ("copy", "translation")
        fp += want not in ("copy", "translation") and got in ("copy", "translation")
        fn += want in ("copy", "translation") and got not in ("copy", "translation")
        if want != got:
            print(f"{labels[a]['id']}-{labels[b]['id']}: label {want}, found {got}")
    print(f"relay pairs: {tp} found, {fp} false, {fn} missed; parent and lag right {ok}/{total}")


if __name__ == "__main__":
    main()
