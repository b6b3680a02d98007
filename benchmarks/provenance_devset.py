"""Provenance on the labelled devset, through relaytrace's own command line.

For the JSONL path (``corpus.jsonl``) and the HTML path (``html/``, pages with
source links), in a fresh database each: ``relaytrace ingest``, ``match``, then
``relations``, ``origins`` and ``stories --format jsonl``; the three files are
scored by the devset's ``tools/score.py``. Also checks the outlet network
against the labels (each relay site's top origin, communities). Prints figures.

    python benchmarks/provenance_devset.py [--devset DIR] [--keep DIR] [--only jsonl|html]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from _paths import DEVSET

ROOT = Path(__file__).resolve().parents[1]


def relaytrace(*args: str, db: Path, out: Path | None = None) -> float:
    """Run one relaytrace command (this checkout's code); return its wall time in seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "RELAYTRACE_DB": str(db)}
    started = time.perf_counter()
    with open(out, "w", encoding="utf-8") if out else open(os.devnull, "w") as sink:
        subprocess.run(
            [sys.executable, "-m", "relaytrace", *args], env=env, stdout=sink, check=True
        )
    return time.perf_counter() - started


def run_path(source: Path, work: Path) -> dict[str, object]:
    """Ingest one devset form into a fresh DB and write R, O, S; return timings and paths."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / "devset.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    files = {k: work / f"{k}.jsonl" for k in ("relations", "origins", "stories", "outlets")}
    t = {
        "ingest": relaytrace("ingest", str(source), db=db),
        "match": relaytrace("match", db=db),
        "relations": relaytrace("relations", "--format", "jsonl", db=db, out=files["relations"]),
        "origins": relaytrace("origins", "--format", "jsonl", db=db, out=files["origins"]),
        "stories": relaytrace("stories", "--format", "jsonl", db=db, out=files["stories"]),
        "outlets": relaytrace("outlets", "--format", "jsonl", db=db, out=files["outlets"]),
    }
    return {"times": t, "files": files, "db": db}


def score(devset: Path, files: dict[str, Path]) -> dict:
    sys.path.insert(0, str(devset / "tools"))
    import score as scorer  # the devset's own scorer

    load = scorer.load_jsonl
    return scorer.score(
        load(devset / "gold.jsonl"),
        load(files["relations"]),
        load(files["origins"]),
        load(files["stories"]),
    )


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def network_check(devset: Path, outlets_file: Path) -> dict[str, object]:
    """Each relay site's top origin against the labels; relay vs independent communities."""
    gold = read_jsonl(devset / "gold.jsonl")
    origin_site = {g["story"]: g["site"] for g in gold if g["role"] == "origin"}
    truth: dict[str, Counter[str]] = defaultdict(Counter)
    relay_sites: set[str] = set()
    independent: set[str] = set()
    for g in gold:
        if g["role"] in ("copy", "translation"):
            truth[g["site"]][origin_site[g["story"]]] += 1
            relay_sites.add(g["site"])
    origins = set(origin_site.values())
    for g in gold:
        site = g["site"]
        if g["role"] in ("same_story", "unrelated") and site not in relay_sites | origins:
            independent.add(site)
    rows = {r["site"]: r for r in read_jsonl(outlets_file)}
    ok = 0
    wrong = []
    for site, counts in sorted(truth.items()):
        best = max(counts.values())
        top = rows.get(site, {}).get("top_origin")
        if counts.get(top, 0) == best:
            ok += 1
        else:
            wrong.append((site, top, counts.most_common(2)))
    relay_comms = {rows[s]["community"] for s in relay_sites if s in rows}
    indep_comms = {rows[s]["community"] for s in independent if s in rows}
    mixed = (relay_comms & indep_comms) - {-1}
    return {
        "relay_sites": len(truth),
        "top_origin_correct": ok,
        "top_origin_wrong": wrong,
        "communities_mixing_relay_and_independent": sorted(mixed),
        "independent_in_relay_communities": sorted(
            s for s in independent if s in rows and rows[s]["community"] in relay_comms - {-1}
        ),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", type=Path, default=DEVSET)
    ap.add_argument("--keep", type=Path, help="Keep databases and outputs in this directory.")
    ap.add_argument("--only", choices=("jsonl", "html"))
    args = ap.parse_args()
    paths = {"jsonl": args.devset / "corpus.jsonl", "html": args.devset / "html"}
    if args.only:
        paths = {args.only: paths[args.only]}
    with tempfile.TemporaryDirectory(prefix="rt-prov-") as tmp:
        base = args.keep or Path(tmp)
        for name, source in paths.items():
            run = run_path(source, base / name)
            report = score(args.devset, run["files"])
            net = network_check(args.devset, run["files"]["outlets"])
            relay, story = report["relay"], report["story_clustering"]
            print(f"== {name} path ({source})")
            print(f"  relay P/R/F1        {relay['precision']:.3f}/{relay['recall']:.3f}/"
                  f"{relay['f1']:.3f}")  # fmt: skip
            print(f"  origin accuracy     {report['origin_accuracy']}")
            print(f"  parent accuracy     {report['parent_accuracy']}")
            print(f"  story pairwise F1   {story['f1']:.4f} (P {story['precision']:.3f}, "
                  f"R {story['recall']:.3f})")  # fmt: skip
            print(f"  relay sites with the right top origin: "
                  f"{net['top_origin_correct']}/{net['relay_sites']}")  # fmt: skip
            for site, top, counts in net["top_origin_wrong"]:
                print(f"    {site}: top {top}, labels {counts}")
            print(f"  communities mixing relay and independent sites: "
                  f"{net['communities_mixing_relay_and_independent'] or 'none'}")  # fmt: skip
            times = ", ".join(f"{k} {v:.1f}s" for k, v in run["times"].items())
            print(f"  wall time: {times}")


if __name__ == "__main__":
    main()
