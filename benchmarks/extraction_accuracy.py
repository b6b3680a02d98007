"""Extraction accuracy on the devset: every page of ``html/`` against ``corpus.jsonl``.

Prints title accuracy (as displayed with its outlet suffix, and clean),
published-date accuracy, body token F1 (against the corpus text with cue lines
removed by the same detector, and against the raw corpus text), agreement of
the cues found by the HTML and JSONL paths, throughput on one core and peak
memory. Run:

    PYTHONPATH=src python benchmarks/extraction_accuracy.py [--devset DIR] [--show N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import resource
import time
from collections import Counter
from pathlib import Path

from _paths import DEVSET
from relaytrace.errors import RelaytraceError
from relaytrace.ingest.cues import fold, split_title
from relaytrace.ingest.dates import parse_date
from relaytrace.ingest.html import extract_html
from relaytrace.ingest.records import article_from_record
from relaytrace.model import Article

_TOKEN = re.compile(r"[\u3040-\u9fff]|\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(t.casefold() for t in _TOKEN.findall(text))


def f1(pred: str, gold: str) -> float:
    p, g = tokens(pred), tokens(gold)
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def cue_keys(article: Article) -> set[tuple[str, str]]:
    keys = set()
    for cue in article.cues:
        if cue.text == "canonical link":
            continue
        keys.add((cue.kind, fold(cue.outlet or cue.headline or cue.text)))
    return keys


def displayed(article: Article) -> str:
    suffix = next((c for c in article.cues if c.kind == "title_suffix"), None)
    return f"{article.title} {suffix.text}" if suffix else article.title


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--show", type=int, default=5, help="print this many worst cases")
    args = parser.parse_args()
    records = [json.loads(line) for line in (args.devset / "corpus.jsonl").open(encoding="utf-8")]
    by_hash = {hashlib.sha256(r["url"].encode()).hexdigest()[:16]: r for r in records}
    pages = sorted((args.devset / "html").glob("*.html"))
    blobs = [(p, p.read_bytes()) for p in pages]

    started, cpu_started = time.perf_counter(), time.process_time()
    extracted: list[tuple[dict, Article | Exception]] = []
    for path, blob in blobs:
        rec = by_hash[path.stem]
        try:
            extracted.append((rec, extract_html(blob, rec["url"])))
        except RelaytraceError as exc:
            extracted.append((rec, exc))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started

    n = len(extracted)
    failures = [(r["url"], e) for r, e in extracted if isinstance(e, Exception)]
    ok = [(r, a) for r, a in extracted if isinstance(a, Article)]
    canonical_ok = sum(1 for r, a in ok if a.canonical_url in (None, r["url"]))
    with_canonical = sum(1 for _, a in ok if a.canonical_url)
    title_disp = title_clean = date_ok = date_minute = 0
    body_f1, raw_f1, cue_jaccard, cue_exact = [], [], [], 0
    per_kind: Counter[str] = Counter()
    per_kind_agree: Counter[str] = Counter()
    worst: list[tuple[float, str, str]] = []
    for rec, art in ok:
        title_disp += " ".join(displayed(art).split()) == " ".join(rec["title"].split())
        clean = split_title(rec["title"], rec["site_name"], rec["site"]).title
        title_clean += art.title == clean
        gold = parse_date(rec["published"])
        if gold and art.published:
            if art.published_precision == "minute":
                date_minute += 1
                date_ok += art.published == gold[0]
            else:
                date_ok += art.published.date() == gold[0].date()
        via_record = article_from_record(rec)
        score = f1(art.body, via_record.body)
        body_f1.append(score)
        raw_f1.append(f1(art.body, rec["text"]))
        worst.append((score, rec["url"], "body"))
        a, b = cue_keys(art), cue_keys(via_record)
        cue_jaccard.append(len(a & b) / len(a | b) if a | b else 1.0)
        cue_exact += a == b
        for kind, _ in a | b:
            per_kind[kind] += 1
        for kind, _ in a & b:
            per_kind_agree[kind] += 1
        if a != b:
            diff = f"cues html-only={a - b} jsonl-only={b - a}"
            worst.append((cue_jaccard[-1], rec["url"], diff))

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = len(ok) or 1
    print(f"pages                         {n}  (failed {len(failures)})")
    print(
        f"canonical URL = corpus URL    {canonical_ok}/{len(ok)}  ({with_canonical} with canonical)"
    )
    print(f"title as displayed (+suffix)  {title_disp / total:.3f}")
    print(f"title clean (suffix split)    {title_clean / total:.3f}")
    print(f"published date                {date_ok / total:.3f}  ({date_minute} to the minute)")
    print(f"body F1 vs text minus cues    {sum(body_f1) / total:.4f}  (min {min(body_f1):.3f})")
    print(f"body F1 vs raw corpus text    {sum(raw_f1) / total:.4f}")
    print(
        f"cue agreement html/jsonl      jaccard {sum(cue_jaccard) / total:.3f}, "
        f"identical {cue_exact / total:.3f}"
    )
    for kind in sorted(per_kind):
        print(f"    {kind:<12} {per_kind_agree[kind]}/{per_kind[kind]} agree")
    print(
        f"throughput (one core)         {n / cpu:.1f} articles per CPU second, "
        f"{n / elapsed:.1f} per wall second"
    )
    print(f"peak memory (max RSS)         {peak_mb:.0f} MB")
    for url, exc in failures[: args.show]:
        print(f"FAILED {url}: {exc}")
    for score, url, what in sorted(worst)[: args.show]:
        print(f"worst {score:.3f} {url} {what}")


if __name__ == "__main__":
    main()
