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
from pathlib import Path

from _paths import (
    DEVSET,
    SEMEVAL,
)


def open_fresh_store(path: Path):
    from relaytrace.store.sqlite import SQLiteStore

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


def run_devset(devset: Path, out: Path, *, source: str = "jsonl") -> dict:
    """Ingest the devset (``corpus.jsonl`` or the ``html/`` pages) matching after each
    batch as the pipeline does, write relations, score them; return the scorer's report."""
    from relaytrace import service
    from relaytrace.match.matcher import match_articles

    paths = [str(devset / "corpus.jsonl")] if source == "jsonl" else [str(devset / "html")]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_fresh_store(Path(tmp) / "dev.db")
        t0 = time.perf_counter()
        timing = {"match": 0.0}

        def after(s, ids) -> None:
            t = time.perf_counter()
            match_articles(s, ids)
            timing["match"] += time.perf_counter() - t

        service.ingest_paths(store, paths, after_batch=after, batch_size=50)
        elapsed = time.perf_counter() - t0
        n = relations_jsonl(store, out)
        count = store.count_articles()
        store.close()
    print(
        f"[{source}] {count} articles ingested and matched in {elapsed:.1f} s "
        f"(matching {timing['match']:.1f} s); {n} relations -> {out}"
    )
    return score(devset, out)


def score(devset: Path, relations: Path) -> dict:
    proc = subprocess.run(
        [
            sys.executable,
            str(devset / "tools/score.py"),
            "--gold",
            str(devset / "gold.jsonl"),
            "--relations",
            str(relations),
            "--table",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(proc.stderr)
    report = json.loads(proc.stdout)
    pairs = report["relay_recall_by_language_pair"]
    print("relay recall by language pair:")
    print("  " + "  ".join(f"{k} {v:.2f}" for k, v in sorted(pairs.items())))
    return report


def _profile(text: str, lang: str, n: int):
    from relaytrace.match.profile import profile_of
    from relaytrace.model import Article
    from relaytrace.text.analyse import analyse

    paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip()) or ("",)
    art = analyse(
        Article(
            url=f"https://semeval.example/{n}",
            site="semeval.example",
            title="",
            paragraphs=paragraphs,
            lang=lang,
            id=n,
        )
    )
    return profile_of(art)


def _pearson(x: list[float], y: list[float]) -> float:
    import numpy as np

    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def semeval(path: Path, limit: int | None = None) -> None:
    """Pearson of our pair similarity against human -Overall, per language pair."""
    import csv

    from relaytrace.match.anchor_index import Idf
    from relaytrace.match.matcher import compare

    rows = list(csv.DictReader(path.open(encoding="utf-8")))[:limit]
    t0 = time.perf_counter()
    pairs = [
        (_profile(r["text1"], r["lang1"], 2 * k), _profile(r["text2"], r["lang2"], 2 * k + 1), r)
        for k, r in enumerate(rows)
    ]
    df: dict[str, int] = {}
    for a, b, _ in pairs:
        for p in (a, b):
            for x in p.all_anchors:
                df[x] = df.get(x, 0) + 1
    idf = Idf(2 * len(pairs), df)
    by_pair: dict[str, tuple[list[float], list[float], list[float]]] = {}
    for a, b, r in pairs:
        m = compare(a, b, idf)
        sim = m.relation.score if m.relation else 0.0
        key = f"{r['lang1']}-{r['lang2']}"
        for k in (key, "all"):
            xs, story, ys = by_pair.setdefault(k, ([], [], []))
            xs.append(sim)
            story.append(m.evidence.story)
            ys.append(-float(r["Overall"]))
    print(
        f"SemEval-2022 task 8 ({len(pairs)} pairs, {time.perf_counter() - t0:.0f} s): "
        "Pearson vs -Overall of relation score | of story overlap"
    )
    for key in sorted(by_pair, key=lambda k: (k != "all", k)):
        xs, story, ys = by_pair[key]
        print(
            f"  {key:6} n={len(ys):4}  score {_pearson(xs, ys):+.3f}  "
            f"story {_pearson(story, ys):+.3f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--devset", type=Path, default=DEVSET)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "relations.jsonl")
    ap.add_argument("--html", action="store_true", help="Also run from the html/ pages.")
    ap.add_argument("--no-semeval", action="store_true")
    ap.add_argument("--semeval-limit", type=int, default=None)
    args = ap.parse_args()
    run_devset(args.devset, args.out)
    if args.html:
        run_devset(args.devset, args.out.with_suffix(".html.jsonl"), source="html")
    if not args.no_semeval and SEMEVAL.exists():
        semeval(SEMEVAL, args.semeval_limit)


if __name__ == "__main__":
    main()
