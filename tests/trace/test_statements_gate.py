"""Eval gate for statements: minimum scores on the frozen labelled devset.

Extraction from the corpus texts, matched to the gold statements by span
overlap (half of the shorter span), linking within the gold story groups.
``benchmarks/statements_devset.py`` prints the full report (and the
pipeline figures through a store with matcher relations).
"""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from relaytrace.trace.statements import extract_from_text
from shared_paths import DEVSET

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "statements_devset.py"
CORE_LANGS = ("en", "fr", "de", "es", "it", "pt", "pl", "ru", "uk")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (DEVSET / "quotes.jsonl").exists(), reason="devset not available"),
]


@pytest.fixture(scope="module")
def bench():
    if str(BENCH.parent) not in sys.path:  # the benchmark imports its sibling _paths
        sys.path.insert(0, str(BENCH.parent))
    spec = importlib.util.spec_from_file_location("statements_devset", BENCH)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["statements_devset"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def scored(bench) -> dict:
    corpus = {r["url"]: r for r in bench._load(DEVSET / "corpus.jsonl")}
    meta = {r["url"]: r for r in bench._load(DEVSET / "gold.jsonl")}
    quotes = defaultdict(list)
    for q in bench._load(DEVSET / "quotes.jsonl"):
        quotes[q["url"]].append(q)
    counts = defaultdict(lambda: [0, 0, 0])
    speakers = [0, 0]
    predicted, matched = {}, {}
    for url, rec in corpus.items():
        paragraphs = rec["text"].split("\n\n")
        pred = extract_from_text(paragraphs, meta[url]["lang"])
        text = "\n\n".join(paragraphs)
        gold = [(s, q) for q in quotes[url] if (s := bench.gold_span(text, q["quote"]))]
        pairs = bench.match(pred, gold)
        c = counts[meta[url]["lang"]]
        c[0], c[1], c[2] = c[0] + len(pairs), c[1] + len(pred), c[2] + len(gold)
        for i, j in pairs:
            speakers[1] += 1
            speakers[0] += bench.same_speaker(pred[i].speaker, gold[j][1]["speaker"])
        predicted[url] = pred
        matched[url] = [(pred[i], gold[j][1]) for i, j in pairs]
    return {"counts": counts, "speakers": speakers, "predicted": predicted,
            "matched": matched, "corpus": corpus, "meta": meta}  # fmt: skip


def f1(tp: int, npred: int, ngold: int) -> float:
    p, r = tp / max(1, npred), tp / max(1, ngold)
    return 2 * p * r / (p + r) if p + r else 0.0


def test_detection_f1_overall(scored) -> None:
    tp, npred, ngold = (sum(c[k] for c in scored["counts"].values()) for k in range(3))
    assert f1(tp, npred, ngold) >= 0.85


@pytest.mark.parametrize("lang", CORE_LANGS)
def test_detection_f1_per_language(scored, lang: str) -> None:
    assert f1(*scored["counts"][lang]) >= 0.78


def test_speaker_accuracy(scored) -> None:
    ok, total = scored["speakers"]
    assert ok / total >= 0.90


def test_linking_f1(bench, scored) -> None:
    urls = list(scored["corpus"])
    articles = {
        u: bench.Article(url=u, site="s.example", title="t",
                         paragraphs=tuple(scored["corpus"][u]["text"].split("\n\n")),
                         lang=scored["meta"][u]["lang"],
                         published=bench._date(scored["corpus"][u]["published"]), id=k)
        for k, u in enumerate(urls, 1)
    }  # fmt: skip
    groups = bench._story_groups(scored["meta"], urls)
    _, _, f, *_ = bench.linking_score(
        groups, articles, scored["predicted"], scored["matched"], scored["meta"]
    )
    assert f >= 0.85
