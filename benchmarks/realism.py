"""Scorecard on the realism corpus (``tests/realism/fixtures``): real-web-shaped relays.

    PYTHONPATH=src python benchmarks/realism.py [--json OUT]

Ingests the 47 fixture pages into a fresh SQLite store (matching as it goes),
then prints: extraction accuracy (title, site name, date, body token F1,
boilerplate leaks, language), cue recall by kind and language, relation
precision/recall/F1 by language pair, the same-story-called-relay rate, hard
negatives called related, and origin and parent accuracy. Every miss is listed
so that it can be turned into a defect report.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "realism")]

from harness import (  # noqa: E402
    RELAY_ROLES,
    Run,
    gold_pairs,
    load_labels,
    run_corpus,
    story_origin,
    token_f1,
)


def _norm(s: str | None) -> str:
    return " ".join((s or "").split()).casefold()


def extraction(run: Run, labels: list[dict], misses: list[str]) -> dict[str, object]:
    n = 0
    hits = defaultdict(int)
    f1s: list[float] = []
    leaks = 0
    for lab in labels:
        if lab["role"] == "homepage":
            continue
        art = run.articles.get(lab["url"])
        n += 1
        if art is None:
            misses.append(f"missing article {lab['file']}")
            continue
        if _norm(art.title) == _norm(lab["title"]):
            hits["title"] += 1
        else:
            misses.append(f"title {lab['file']}: got {art.title!r}")
        if _norm(art.site_name) == _norm(lab["site_name"]):
            hits["site_name"] += 1
        else:
            misses.append(f"site_name {lab['file']}: got {art.site_name!r}")
        if art.lang == lab["lang"]:
            hits["lang"] += 1
        else:
            misses.append(f"lang {lab['file']}: got {art.lang!r}")
        verdict = date_verdict(art, lab)
        hits[f"date_{verdict}"] += 1
        if verdict not in ("ok", "undated_ok"):
            misses.append(
                f"date {lab['file']}: {verdict}; got {art.published} ({art.published_source},"
                f" {art.published_precision}), want {lab['published']}"
                + (f" (page shows local {lab['local']})" if lab["local"] else "")
            )
        f1 = token_f1(art.body, "\n\n".join(lab["paragraphs"]))
        f1s.append(f1)
        if f1 < 0.95:
            misses.append(f"body {lab['file']}: token F1 {f1:.2f}")
        body = _norm(art.body)
        leaked = [
            b for b in [*lab["boilerplate"], lab["cues"]["teaser"] or ""] if b and _norm(b) in body
        ]
        if leaked:
            leaks += 1
            misses.append(f"boilerplate in body {lab['file']}: {leaked}")
    out: dict[str, object] = {k: f"{hits[k]}/{n}" for k in ("title", "site_name", "lang")}
    dated = n - hits["date_undated_ok"]
    out["date_right"] = f"{hits['date_ok']}/{dated}"
    out["date_right_day_only"] = hits["date_day_only"]
    out["date_zone_guess_wrong"] = hits["date_zone"]
    out["date_wrong"] = hits["date_wrong"] + hits["date_missing"]
    out["body_token_f1_mean"] = round(sum(f1s) / max(1, len(f1s)), 3)
    out["body_f1_below_0.95"] = sum(f < 0.95 for f in f1s)
    out["pages_with_boilerplate_in_body"] = leaks
    return out


def date_verdict(art: object, lab: dict) -> str:
    """ok | day_only (right day, time lost) | zone (wall clock right, zone invented) | wrong.

    A page that prints a time without a zone is right when its wall-clock time is
    kept; a day-precision label is right on the day.
    """
    if lab["published"] is None:
        return "undated_ok" if art.published is None else "wrong"
    got = art.published
    if got is None:
        return "missing"
    want = datetime.fromisoformat(lab["published"]).astimezone(UTC)
    if lab["precision"] == "day":
        return "ok" if got.date() == want.date() else "wrong"
    if got.astimezone(UTC) == want:
        return "ok"
    if lab["local"] and got.replace(tzinfo=None).isoformat()[:16] == lab["local"]:
        return "ok" if art.published_precision == "minute" else "zone"
    if got.astimezone(UTC).date() == want.date() or (
        lab["local"] and got.date().isoformat() == lab["local"][:10]
    ):
        return "day_only"
    return "wrong"


def cues(run: Run, labels: list[dict], misses: list[str]) -> dict[str, str]:
    found: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for lab in labels:
        art = run.articles.get(lab["url"])
        for kind, want in lab["cues"].items():
            if not want:
                continue
            cell = found[(kind, lab["lang"])]
            cell[1] += 1
            got = art.cues_of(kind) if art else ()
            if kind == "source_line":
                ok = any(c.url == want for c in got)
            elif kind == "teaser":
                ok = any(_norm(want) in _norm(c.headline or c.text) for c in got)
            elif kind == "banner":
                ok = any(_norm(want) == _norm(c.text) for c in got)
            else:
                ok = any(_norm(want) in _norm(c.outlet or c.text) for c in got)
            cell[0] += ok
            if not ok:
                misses.append(f"cue {kind} {lab['file']}: want {want!r}, got {got}")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (kind, _), (h, t) in found.items():
        by_kind[kind][0] += h
        by_kind[kind][1] += t
    out = {f"{k}": f"{h}/{t}" for k, (h, t) in sorted(by_kind.items())}
    out.update({f"{k}[{lang}]": f"{h}/{t}" for (k, lang), (h, t) in sorted(found.items())})
    return out


def relations(run: Run, labels: list[dict], misses: list[str]) -> dict[str, object]:
    gold = gold_pairs(labels)
    lang = {x["url"]: x["lang"] for x in labels}
    role = {x["url"]: x["role"] for x in labels}
    name = {x["url"]: x["file"] for x in labels}
    pred = {frozenset((r["a"], r["b"])): r["kind"] for r in run.relations}
    relay = {"copy", "translation"}
    tp = sum(1 for k, v in pred.items() if v in relay and gold.get(k) in relay)
    fp = sum(1 for k, v in pred.items() if v in relay and gold.get(k) not in relay)
    fn = sum(1 for k, v in gold.items() if v in relay and pred.get(k) not in relay)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    by_pair: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for k, v in gold.items():
        if v not in relay:
            continue
        a, b = sorted(k)
        pair = "→".join(sorted((lang[a], lang[b])))
        by_pair[pair][1] += 1
        if pred.get(k) in relay:
            by_pair[pair][0] += 1
            if pred[k] != v:
                misses.append(f"relation kind {name[a]} ~ {name[b]}: {pred[k]} (want {v})")
        else:
            misses.append(f"relay missed {name[a]} ~ {name[b]}: got {pred.get(k)}")
    same = [k for k, v in gold.items() if v == "same_story"]
    same_as_relay = [k for k in same if pred.get(k) in relay]
    same_found = [k for k in same if pred.get(k) == "same_story"]
    for k in same_as_relay:
        a, b = sorted(k)
        misses.append(f"same_story called {pred[k]}: {name[a]} ~ {name[b]}")
    negatives = []
    for k, v in pred.items():
        if gold.get(k) is None:
            a, b = sorted(k)
            negatives.append(k)
            misses.append(
                f"unrelated pair called {v}: {name.get(a, a)} ~ {name.get(b, b)}"
                f" ({role.get(a)}/{role.get(b)})"
            )
    return {
        "relay_precision": round(p, 3),
        "relay_recall": round(r, 3),
        "relay_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "relay_tp_fp_fn": f"{tp}/{fp}/{fn}",
        "recall_by_lang_pair": {k: f"{h}/{t}" for k, (h, t) in sorted(by_pair.items())},
        "same_story_pairs": len(same),
        "same_story_found": len(same_found),
        "same_story_called_relay_rate": round(len(same_as_relay) / max(1, len(same)), 3),
        "unrelated_pairs_called_related": len(negatives),
    }


def origins(run: Run, labels: list[dict], misses: list[str]) -> dict[str, object]:
    want_origin = story_origin(labels)
    ok_o = ok_p = n = 0
    for lab in labels:
        if lab["role"] not in ("copy", "translation"):
            continue
        n += 1
        row = run.origins.get(lab["url"])
        if row is None:
            misses.append(f"origin: {lab['file']} in no relay cluster")
            continue
        if row["origin"] == want_origin[lab["story"]]:
            ok_o += 1
        else:
            misses.append(f"origin {lab['file']}: got {row['origin']} / {row['origin_outlet']}")
        if row["parent"] == lab["relay_of"]:
            ok_p += 1
        else:
            misses.append(f"parent {lab['file']}: got {row['parent']}, want {lab['relay_of']}")
    return {
        "origin_accuracy": f"{ok_o}/{n}",
        "parent_accuracy": f"{ok_p}/{n}",
        "trace_errors": run.errors or None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="Also write the scorecard and misses here.")
    args = ap.parse_args()
    labels = load_labels()
    with tempfile.TemporaryDirectory() as tmp:
        run = run_corpus(Path(tmp) / "realism.db")
    misses: list[str] = []
    card = {
        "pages": len(labels),
        "stored": len(run.articles),
        "rejections": run.rejections,
        "extraction": extraction(run, labels, misses),
        "cues": cues(run, labels, misses),
        "relations": relations(run, labels, misses),
        "provenance": origins(run, labels, misses),
    }
    relay_members = [x for x in labels if x["role"] in RELAY_ROLES]
    card["corpus"] = {
        "relay_members": len(relay_members),
        "languages": sorted({x["lang"] for x in labels}),
    }
    for section, figures in card.items():
        if isinstance(figures, dict):
            print(f"\n== {section}")
            for k, v in figures.items():
                print(f"  {k:34} {v}")
        else:
            print(f"{section}: {figures}")
    print(f"\n== misses ({len(misses)})")
    for m in misses:
        print("  " + m)
    if args.json:
        args.json.write_text(json.dumps({"card": card, "misses": misses}, indent=1, default=str))


if __name__ == "__main__":
    main()
