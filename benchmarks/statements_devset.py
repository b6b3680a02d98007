"""Statement extraction and linking on the devset: detection P/R/F1 per language, speaker
and venue accuracy, linking pairwise F1, throughput.

    PYTHONPATH=src python benchmarks/statements_devset.py [--devset DIR] [--errors LANG]

Gold spans are found by locating each gold quote (parts joined by " … ") in the
article text; a prediction matches a gold statement when their spans overlap by
at least half of the shorter one (one-to-one, best overlap first). Speakers
match case- and accent-insensitively, or on the surname; venues when one
contains the other or they share most words. The article language is the
gold label (language detection is measured elsewhere). Linking uses the gold
story groups as clusters, with no relations (alignments) given.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from _paths import DEVSET as DEFAULT_DEVSET
from relaytrace.model import Article, Relation
from relaytrace.trace.statements import extract_from_text, extract_statements
from relaytrace.trace.statements.lexicon import fold
from relaytrace.trace.statements.linking import link_statements

LANGS = ["en", "fr", "de", "es", "it", "pt", "pl", "ru", "uk", "zh", "ar"]


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def gold_span(text: str, quote: str) -> tuple[int, int] | None:
    parts = quote.split(" … ")
    start = text.find(parts[0])
    if start < 0:
        return None
    end = start + len(parts[0])
    for part in parts[1:]:
        k = text.find(part, end)
        if k >= 0:
            end = k + len(part)
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(pred: list, gold: list[tuple[tuple[int, int], dict]]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index) overlapping by half the shorter span."""
    pairs = []
    for i, p in enumerate(pred):
        for j, (span, _) in enumerate(gold):
            ov = _overlap((p.start, p.end), span)
            shorter = min(p.end - p.start, span[1] - span[0])
            if shorter > 0 and ov >= 0.5 * shorter:
                pairs.append((ov / max(p.end - p.start, span[1] - span[0]), i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def same_speaker(pred: str | None, gold: str | None) -> bool:
    if not pred or not gold:
        return pred == gold
    p, g = fold(pred).strip(), fold(gold).strip()
    if p == g or p in g or g in p:
        return True
    pw, gw = p.split(), g.split()
    return bool(pw and gw) and (pw[-1] == gw[-1] or (pw[-1][:5] == gw[-1][:5] and len(gw[-1]) > 4))


def same_venue(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    p, g = fold(pred), fold(gold)
    if p in g or g in p:
        return True
    pw, gw = set(p.split()), set(g.split())
    return len(pw & gw) >= 0.5 * min(len(pw), len(gw))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    ap.add_argument("--errors", help="print misses and false alarms of this language")
    ap.add_argument(
        "--pipeline", action="store_true", help="also ingest, match and link through a store"
    )
    ap.add_argument("--repeat", type=int, default=3, help="passes for the throughput figure")
    args = ap.parse_args()
    corpus = {r["url"]: r for r in _load(args.devset / "corpus.jsonl")}
    gold_meta = {r["url"]: r for r in _load(args.devset / "gold.jsonl")}
    quotes: dict[str, list[dict]] = defaultdict(list)
    for q in _load(args.devset / "quotes.jsonl"):
        quotes[q["url"]].append(q)

    counts = defaultdict(lambda: [0, 0, 0])  # lang -> tp, pred, gold
    spk = defaultdict(lambda: [0, 0])
    ven = [0, 0, 0, 0]  # right, gold venues, invented, statements without a venue
    predicted: dict[str, list] = {}
    matched: dict[str, list] = {}
    unlocated = 0
    for url, rec in corpus.items():
        lang = gold_meta[url]["lang"]
        paragraphs = rec["text"].split("\n\n")
        pred = extract_from_text(paragraphs, lang)
        predicted[url] = pred
        text = "\n\n".join(paragraphs)
        gold = []
        for q in quotes.get(url, []):
            span = gold_span(text, q["quote"])
            if span is None:
                unlocated += 1
                continue
            gold.append((span, q))
        pairs = match(pred, gold)
        matched[url] = [(pred[i], gold[j][1]) for i, j in pairs]
        c = counts[lang]
        c[0] += len(pairs)
        c[1] += len(pred)
        c[2] += len(gold)
        for i, j in pairs:
            g = gold[j][1]
            spk[lang][1] += 1
            spk[lang][0] += same_speaker(pred[i].speaker, g["speaker"])
            if g["venue"]:
                ven[1] += 1
                ven[0] += same_venue(pred[i].venue, g["venue"])
            else:
                ven[3] += 1
                ven[2] += pred[i].venue is not None
        if args.errors == lang:
            matched_p = {i for i, _ in pairs}
            matched_g = {j for _, j in pairs}
            for j, (_, g) in enumerate(gold):
                if j not in matched_g:
                    print(f"MISS  {g['kind']:8} {g['verb']!s:14} | {g['quote'][:110]}")
            for i, p in enumerate(pred):
                if i not in matched_p:
                    print(f"FALSE {p.kind:8} {p.verb!s:14} | {p.quote[:110]} | {p.speaker}")
            for i, j in pairs:
                g = gold[j][1]
                if g["venue"] and not same_venue(pred[i].venue, g["venue"]):
                    print(f"VENUE {pred[i].venue!s:40} gold {g['venue']}")
                if not same_speaker(pred[i].speaker, g["speaker"]):
                    print(
                        f"SPKR  {pred[i].speaker!s:30} gold {g['speaker']!s:30} | {g['quote'][:60]}"
                    )

    print(f"{'lang':5} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8}")
    tot = [0, 0, 0]
    stot = [0, 0]
    for lang in LANGS:
        tp, npred, ngold = counts[lang]
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        s_ok, s_all = spk[lang]
        print(
            f"{lang:5} {ngold:5d} {npred:5d} {p:6.3f} {r:6.3f} {_f1(p, r):6.3f} "
            f"{(s_ok / s_all if s_all else 0):8.3f}"
        )
        for k in range(3):
            tot[k] += counts[lang][k]
        stot[0] += s_ok
        stot[1] += s_all
    p, r = tot[0] / max(1, tot[1]), tot[0] / max(1, tot[2])
    print(
        f"{'all':5} {tot[2]:5d} {tot[1]:5d} {p:6.3f} {r:6.3f} {_f1(p, r):6.3f} "
        f"{stot[0] / max(1, stot[1]):8.3f}"
    )
    print(
        f"venue accuracy (gold has a venue, matched): {ven[0] / max(1, ven[1]):.3f} of {ven[1]}; "
        f"venue given where gold has none: {ven[2] / max(1, ven[3]):.3f} of {ven[3]}"
    )
    if unlocated:
        print(f"gold quotes not found in their text: {unlocated}")

    linking_report(corpus, gold_meta, predicted, matched)
    if args.pipeline:
        pipeline_report(args.devset, gold_meta, quotes)

    docs = [(r["text"].split("\n\n"), gold_meta[u]["lang"]) for u, r in corpus.items()]
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for paragraphs, lang in docs:
            extract_from_text(paragraphs, lang)
    dt = time.perf_counter() - t0
    if not args.repeat:
        return
    rate = len(docs) * args.repeat / dt
    print(
        f"throughput: {rate:.0f} articles/s on one core "
        f"(10k articles in {10_000 / rate / 60:.1f} min)"
    )


def _story_groups(gold_meta: dict, urls: list[str]) -> list[list[str]]:
    """Gold story groups, unrelated articles left out (they are not in the story cluster)."""
    stories: dict[str, list[str]] = defaultdict(list)
    for u in urls:
        if gold_meta[u]["role"] != "unrelated":
            stories[gold_meta[u]["story"]].append(u)
    return list(stories.values())


def linking_score(
    clusters: list[list[str]],
    articles: dict[str, Article],
    predicted: dict[str, list],
    matched: dict[str, list],
    gold_meta: dict,
    relations: list[Relation] = (),
) -> tuple[float, float, float, int, int, int, float]:
    """Pairwise "same statement" P/R/F1 over detected statements, within each gold story."""
    link_of: dict[tuple[str, int], str] = {}
    t0 = time.perf_counter()
    for members in clusters:
        arts = [articles[u] for u in members]
        ids = {a.id for a in arts}
        rels = [r for r in relations if r.a in ids and r.b in ids]
        chains = link_statements(arts, {articles[u].id: predicted[u] for u in members}, rels)
        url_of = {a.id: a.url for a in arts}
        for chain in chains:
            for st in chain.statements:
                link_of[(url_of[st.article], st.start)] = chain.key
    dt = time.perf_counter() - t0
    by_story: dict[str, list] = defaultdict(list)
    for u, pairs in matched.items():
        if gold_meta[u]["role"] == "unrelated":
            continue
        for pred, gold in pairs:
            by_story[gold_meta[u]["story"]].append(
                (u, link_of.get((u, pred.start)), gold["statement"])
            )
    tp = fp = fn = 0
    for group in by_story.values():
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = group[i], group[j]
                if a[0] == b[0]:
                    continue
                same_pred = a[1] is not None and a[1] == b[1]
                same_gold = a[2] == b[2]
                tp += same_pred and same_gold
                fp += same_pred and not same_gold
                fn += same_gold and not same_pred
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return p, r, _f1(p, r), tp, fp, fn, dt


def linking_report(corpus, gold_meta, predicted, matched) -> None:
    """Linking on the corpus texts, gold story groups as clusters, no relations."""
    urls = list(corpus)
    articles = {
        u: Article(
            url=u,
            site=corpus[u]["site"],
            title=corpus[u]["title"],
            paragraphs=tuple(corpus[u]["text"].split("\n\n")),
            lang=gold_meta[u]["lang"],
            published=_date(corpus[u]["published"]),
            id=k,
        )
        for k, u in enumerate(urls, 1)
    }
    p, r, f, tp, fp, fn, dt = linking_score(
        _story_groups(gold_meta, urls), articles, predicted, matched, gold_meta
    )
    print(
        f"linking (gold story groups as clusters, no relations; detected statements): "
        f"P {p:.3f} R {r:.3f} F1 {f:.3f}  ({tp} true pairs, {fp} false, {fn} missed; {dt:.1f} s)"
    )


def pipeline_report(devset: Path, gold_meta: dict, quotes: dict) -> None:
    """The product path: ingest the corpus into a SQLite store, match it (relations with
    sentence alignments), extract statements from the stored bodies, link them within
    gold story groups using the relations, and within relation clusters."""
    from relaytrace import service
    from relaytrace.match.matcher import rebuild
    from relaytrace.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        service.ingest_paths(store, [str(devset / "corpus.jsonl")])
        rebuild(store)
        articles = {a.url: a for a in store.iter_articles()}
        relations = list(store.relations())
        print(
            f"pipeline: ingested and matched {len(articles)} articles, "
            f"{len(relations)} relations in {time.perf_counter() - t0:.1f} s"
        )
    predicted, matched, tp_all, n_pred, n_gold = {}, {}, 0, 0, 0
    for u, a in articles.items():
        pred = extract_statements(a)
        gold = []
        for q in quotes.get(u, []):
            span = gold_span(a.body, q["quote"])
            if span is not None:
                gold.append((span, q))
        pairs = match(pred, gold)
        predicted[u] = pred
        matched[u] = [(pred[i], gold[j][1]) for i, j in pairs]
        tp_all, n_pred, n_gold = tp_all + len(pairs), n_pred + len(pred), n_gold + len(gold)
    p, r = tp_all / max(1, n_pred), tp_all / max(1, n_gold)
    print(f"pipeline detection on stored bodies: P {p:.3f} R {r:.3f} F1 {_f1(p, r):.3f}")
    urls = [u for u in articles if u in gold_meta]
    p, r, f, tp, fp, fn, dt = linking_score(
        _story_groups(gold_meta, urls), articles, predicted, matched, gold_meta, relations
    )
    print(
        f"pipeline linking (gold story groups, matcher relations): "
        f"P {p:.3f} R {r:.3f} F1 {f:.3f}  ({tp} true, {fp} false, {fn} missed; {dt:.1f} s)"
    )
    by_id = {a.id: u for u, a in articles.items()}
    parent = {u: u for u in urls}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rel in relations:
        ua, ub = by_id.get(rel.a), by_id.get(rel.b)
        if ua in parent and ub in parent:
            parent[find(ua)] = find(ub)
    groups: dict[str, list[str]] = defaultdict(list)
    for u in urls:
        groups[find(u)].append(u)
    p, r, f, tp, fp, fn, dt = linking_score(
        list(groups.values()), articles, predicted, matched, gold_meta, relations
    )
    print(
        f"pipeline linking (clusters = connected relations): "
        f"P {p:.3f} R {r:.3f} F1 {f:.3f}  ({tp} true, {fp} false, {fn} missed; {dt:.1f} s)"
    )


def _date(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


if __name__ == "__main__":
    main()
