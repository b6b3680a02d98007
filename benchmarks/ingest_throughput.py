"""Ingest throughput: articles/s and peak memory, JSONL and HTML paths, and raw store inserts.

Each stage runs in its own process (one core: ``--workers 1`` unless told) on a
fresh database, so its peak RSS is its own. Inputs are the devset's articles
repeated under varied URLs until there are enough. Rates are given per wall-clock
second and per CPU second (user + system, workers included): on a shared machine
the CPU rate is the steadier figure.

    PYTHONPATH=src python benchmarks/ingest_throughput.py [--jsonl 5000] [--html 2000]
        [--store 20000] [--workers 1] [--batch-size 200] [--only jsonl html store]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
if not DEVSET.exists():
    from _paths import DEVSET


def make_jsonl(folder: Path, n: int) -> Path:
    records = [json.loads(line) for line in (DEVSET / "corpus.jsonl").open(encoding="utf-8")]
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            record = dict(records[i % len(records)])
            record["url"] = f"{record['url'].rstrip('/')}/copy-{i}"
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def make_html(folder: Path, n: int) -> Path:
    pages = sorted((DEVSET / "html").glob("*.html"))
    out = folder / "html"
    out.mkdir()
    canonical = re.compile(rb'(<link rel="canonical" href=")([^"]+)(")')
    for i in range(n):
        data = pages[i % len(pages)].read_bytes()
        data = canonical.sub(lambda m, i=i: m[1] + m[2].rstrip(b"/") + b"/copy-%d" % i + m[3], data)
        (out / f"{i:06d}.html").write_bytes(data)
    return out


def stage_ingest(path: Path, db: Path, workers: int, batch_size: int) -> dict[str, float]:
    from relaytrace.ingest.pipeline import ingest
    from relaytrace.ingest.sources import iter_sources
    from relaytrace.store import open_store

    with open_store(db) as store:
        started, cpu = time.perf_counter(), cpu_seconds()
        report = ingest(store, iter_sources([str(path)]), workers=workers, batch_size=batch_size)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {
        "items": report.total,
        "stored": report.stored,
        "rejected": report.total_rejected,
        "seconds": seconds,
        "per_s": report.total / seconds,
        "per_cpu_s": report.total / max(cpu, 1e-9),
        "db_mb": db.stat().st_size / 1e6,
    }


def stage_store(db: Path, n: int, batch_size: int) -> dict[str, float]:
    """Raw ``add_articles`` speed (rows + FTS + ingest log), extraction excluded."""
    from relaytrace.ingest.pipeline import extract_article
    from relaytrace.model import RawDocument
    from relaytrace.store import open_store

    records = [json.loads(line) for line in (DEVSET / "corpus.jsonl").open(encoding="utf-8")]
    base = [extract_article(RawDocument(f"r{i}", "record", r, url=r["url"])) for i, r in
            enumerate(records)]  # fmt: skip
    with open_store(db) as store:
        started, cpu = time.perf_counter(), cpu_seconds()
        for start in range(0, n, batch_size):
            batch = [
                dataclasses.replace(base[i % len(base)], url=f"{base[i % len(base)].url}#{i}")
                for i in range(start, min(n, start + batch_size))
            ]
            store.add_articles(batch, keys=[a.url for a in batch])  # type: ignore[call-arg]
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {"items": n, "stored": n, "rejected": 0, "seconds": seconds, "per_s": n / seconds,
            "per_cpu_s": n / max(cpu, 1e-9), "db_mb": db.stat().st_size / 1e6}  # fmt: skip


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_stage(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="rt-bench-"))
    db = folder / "bench.db"
    if args.stage == "jsonl":
        result = stage_ingest(make_jsonl(folder, args.jsonl), db, args.workers, args.batch_size)
    elif args.stage == "html":
        result = stage_ingest(make_html(folder, args.html), db, args.workers, args.batch_size)
    else:
        result = stage_store(db, args.store, args.batch_size)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", type=int, default=5000, help="JSONL records to ingest")
    parser.add_argument("--html", type=int, default=2000, help="HTML pages to ingest")
    parser.add_argument("--store", type=int, default=20000, help="articles for the raw store run")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument(
        "--only", nargs="+", choices=["jsonl", "html", "store"], help="run only these stages"
    )
    parser.add_argument("--stage", choices=["jsonl", "html", "store"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        run_stage(args)
        return

    print(f"devset: {DEVSET}  workers: {args.workers}  batch size: {args.batch_size}")
    header = f"{'stage':<26}{'items':>8}{'stored':>8}{'rejected':>9}{'seconds':>9}"
    header += f"{'items/s':>9}{'/cpu-s':>8}{'peak MB':>9}{'db MB':>8}"
    print(header)
    labels = {
        "jsonl": "JSONL → extract+analyse",
        "html": "HTML → extract+analyse",
        "store": "store.add_articles only",
    }
    for stage in args.only or ("jsonl", "html", "store"):
        cmd = [sys.executable, __file__, "--stage", stage, "--jsonl", str(args.jsonl),
               "--html", str(args.html), "--store", str(args.store),
               "--workers", str(args.workers), "--batch-size", str(args.batch_size)]  # fmt: skip
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{labels[stage]:<26} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{labels[stage]:<26}{r['items']:>8}{r['stored']:>8}{r['rejected']:>9}"
            f"{r['seconds']:>9.1f}{r['per_s']:>9.0f}{r['per_cpu_s']:>8.0f}"
            f"{r['peak_rss_mb']:>9.0f}{r['db_mb']:>8.1f}"
        )


if __name__ == "__main__":
    main()
