"""Language identification on the devset: accuracy per language, speed, cold start, memory.

Compares py3langid with lingua-language-detector (all languages or a news set,
high or low accuracy mode) and relaytrace's own ``detect_language``. Each
identifier runs in a fresh subprocess so that cold start and peak memory are
its own. Texts are title + body from ``corpus.jsonl``; "short" scores the title
alone and "sent" the first sentence of the body, which is where identifiers
fail. Also prints how many sentences ``split_sentences`` finds per article in
each language of every story, so that origins and translations can be compared.

    PYTHONPATH=src python benchmarks/langid.py [--devset DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from _paths import DEVSET

# A restricted lingua detector: languages of the news web (EU and neighbours,
# Russian-language media, Middle East, Asia).
NEWS_LANGUAGES = (
    "af", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo",
    "es", "et", "eu", "fa", "fi", "fr", "ga", "gu", "he", "hi", "hr", "hu", "hy", "id", "is",
    "it", "ja", "ka", "kk", "ko", "lt", "lv", "mk", "mn", "mr", "ms", "nb", "nl", "nn", "pa",
    "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sr", "sv", "sw", "ta", "te", "th", "tl",
    "tr", "uk", "ur", "vi", "yo", "zh",
)  # fmt: skip
IDENTIFIERS = [
    "py3langid",
    "lingua-all",
    "lingua-all-low",
    "lingua-news",
    "lingua-news-low",
    "relaytrace",
]


def load(devset: Path) -> list[dict]:
    gold = {}
    for line in (devset / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["url"]] = row
    items = []
    for line in (devset / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        g = gold[doc["url"]]
        first = doc["text"].split("\n\n")[0]
        items.append(
            {
                "lang": g["lang"],
                "story": g["story"],
                "role": g["role"],
                "full": doc["title"] + "\n\n" + doc["text"],
                "short": doc["title"],
                "sent": first[: max(first.find(". ") + 1, 60)] if ". " in first else first,
            }
        )
    return items


def make(name: str) -> Callable[[str], str | None]:
    if name == "py3langid":
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE)
        return lambda text: ident.classify(text)[0]
    if name.startswith("lingua"):
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        if "news" in name:
            codes = [getattr(IsoCode639_1, c.upper()) for c in NEWS_LANGUAGES]
            builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        else:
            builder = LanguageDetectorBuilder.from_all_languages()
        if name.endswith("-low"):
            builder = builder.with_low_accuracy_mode()
        detector = builder.build()

        def detect(text: str) -> str | None:
            lang = detector.detect_language_of(text)
            return lang.iso_code_639_1.name.lower() if lang else None

        return detect
    if name == "relaytrace":
        from relaytrace.text.lang import detect_language

        return detect_language
    raise SystemExit(f"unknown identifier {name}")


def run_one(name: str, devset: Path) -> dict:
    items = load(devset)
    t0 = time.perf_counter()
    detect = make(name)
    detect("warm up the model with a first short sentence")
    cold = time.perf_counter() - t0
    out: dict = {"name": name, "cold_s": cold}
    for field in ("full", "short", "sent"):
        t = time.perf_counter()
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        abstained = 0
        for item in items:
            guess = detect(item[field])
            abstained += guess is None
            per[item["lang"]][0] += guess == item["lang"]
            per[item["lang"]][1] += 1
        elapsed = time.perf_counter() - t
        correct = sum(v[0] for v in per.values())
        out[field] = {
            "acc": correct / len(items),
            "wrong": len(items) - correct - abstained,
            "none": abstained,
            "per_lang": {k: v[0] / v[1] for k, v in sorted(per.items())},
            "per_s": len(items) / elapsed,
        }
    out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _without_source_lines(body: str) -> str:
    """The body without trailing credit lines ("Lien source", "Fonte: Northwind Wire"):
    short last paragraphs with no full stop, which extraction files as cues."""
    paragraphs = body.split("\n\n")
    while paragraphs and len(paragraphs[-1].split()) <= 8 and paragraphs[-1][-1:] not in ".!?。":
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def sentence_counts(devset: Path) -> None:
    from relaytrace.text.sentences import split_sentences

    items = load(devset)
    by_story: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    for item in items:
        body = item["full"].split("\n\n", 1)[1]
        raw = len(split_sentences(body, item["lang"]))
        bare = len(split_sentences(_without_source_lines(body), item["lang"]))
        by_story[item["story"]].append((item["role"], item["lang"], raw, bare))
    print("\nSentences per article (relay members only), origin vs translations")
    print("  (n = as in corpus.jsonl; [n] = without trailing source lines)")
    ratios: dict[str, list[float]] = defaultdict(list)
    diffs: dict[str, list[int]] = defaultdict(list)
    for story, members in sorted(by_story.items()):
        origin = next((m for m in members if m[0] == "origin"), None)
        if origin is None:
            continue
        row = [f"{origin[1]}:{origin[2]}[{origin[3]}]"]
        for role, lang, raw, bare in members:
            if role == "translation":
                row.append(f"{lang}:{raw}[{bare}]")
                ratios[f"{origin[1]}->{lang}"].append(raw / origin[2])
                diffs[f"{origin[1]}->{lang}"].append(bare - origin[3])
        print(f"  {story}  origin {row[0]:12} translations {' '.join(row[1:])}")
    every = [d for values in diffs.values() for d in values]
    print(
        f"\n  without source lines: {sum(d == 0 for d in every)}/{len(every)} translations have"
        f" exactly their origin's sentence count, {sum(abs(d) <= 1 for d in every)} within one"
    )
    bodies = [(item["full"].split("\n\n", 1)[1], item["lang"]) for item in items]
    for label, with_lang in (("given language", True), ("lang=None", False)):
        for _ in range(2):  # the first pass loads rules and word frequencies; report the second
            t = time.perf_counter()
            count = sum(
                len(split_sentences(body, lang if with_lang else None)) for body, lang in bodies
            )
            elapsed = time.perf_counter() - t
        print(
            f"\n  split_sentences, {label}: {count} sentences in {len(bodies)} articles,"
            f" {len(bodies) / elapsed:.0f} articles/s, {count / elapsed:.0f} sentences/s (warm)"
        )
    print(
        "\n  pair      n  translation/origin ratio: median (min-max)   count diff w/o source lines"
    )
    for pair, values in sorted(ratios.items()):
        print(
            f"  {pair:8} {len(values):2}  {statistics.median(values):.2f}"
            f" ({min(values):.2f}-{max(values):.2f})"
            f"                         {' '.join(f'{d:+d}' for d in diffs[pair])}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--only", nargs="*", default=IDENTIFIERS)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.devset)))
        return
    results = []
    for name in args.only:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", name, "--devset", str(args.devset)],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:  # e.g. lingua-language-detector not installed
            last = (proc.stderr.strip().splitlines() or ["?"])[-1]
            print(f"{name}: skipped ({last})")
            continue
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print("Accuracy = right / all; 'wr' = a wrong language, 'none' = no answer (None).")
    print(
        f"{'identifier':16} {'cold s':>7} {'RSS MB':>7} {'art/s':>7}"
        f" {'full':>6} {'wr':>3} {'none':>4} {'title':>6} {'wr':>3} {'none':>4}"
        f" {'1st s.':>6} {'wr':>3} {'none':>4}"
    )
    for r in results:
        cells = " ".join(
            f"{r[f]['acc']:6.3f} {r[f]['wrong']:3d} {r[f]['none']:4d}"
            for f in ("full", "short", "sent")
        )
        print(
            f"{r['name']:16} {r['cold_s']:7.1f} {r['max_rss_mb']:7.0f}"
            f" {r['full']['per_s']:7.0f} {cells}"
        )
    langs = sorted(results[0]["full"]["per_lang"])
    for field, label in (("full", "title + body"), ("short", "title only"), ("sent", "1st sent.")):
        print(f"\nAccuracy per language, {label}")
        print(f"{'identifier':16} " + " ".join(f"{lang:>5}" for lang in langs))
        for r in results:
            per = r[field]["per_lang"]
            print(f"{r['name']:16} " + " ".join(f"{per[lang]:5.2f}" for lang in langs))
    sentence_counts(args.devset)


if __name__ == "__main__":
    main()
