"""Relay detection at scale, measured beside datasketch in the same run; prints a table.

    PYTHONPATH=src python benchmarks/relations_scale.py [--sizes 10000 50000] [--full]

A generated corpus: articles of 2–5 KB built from common English words with
invented names and figures; 5 % near copies (2–10 % of words edited) and 2 %
"translated" copies (word-for-word substitution from a small bilingual list,
names and figures kept, marked French). Figures:

- fingerprint throughput: our densified one-permutation MinHash (xxhash
  shingles, numpy) vs datasketch MinHash (128 permutations, ``update_batch``),
  documents per CPU-second, best of three alternating runs;
- near-copy recall and candidate precision: our 32×4 bands vs datasketch
  MinHashLSH(threshold=0.5), over the same documents;
- ingest-and-match throughput through the store (``add_articles`` +
  ``match_articles`` in batches of 500, one process);
- trace latency of a new article against the store (store it, index it, find
  candidates, align, classify, store relations), p50 / p99;
- index bytes per article (database growth from matching) and peak memory.

Rates and latencies are given in wall time and in CPU time of this process (``_cpu``):
on a machine shared with other work the CPU figures are the steadier ones. The
generated corpus is held in memory but frozen out of the garbage collector's
view (``gc.freeze``), as a corpus read from disk would be.

``--full`` adds 200k articles (long on a shared 2-core machine).
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from relaytrace.match.minhash import MinHasher, band_keys
from relaytrace.match.shingles import shingle_hashes, words
from relaytrace.model import Article, Sentence
from relaytrace.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from datasketch import MinHash

BILINGUAL = {
    "the": "le",
    "of": "de",
    "and": "et",
    "to": "à",
    "in": "dans",
    "a": "un",
    "is": "est",
    "that": "que",
    "for": "pour",
    "it": "il",
    "was": "était",
    "on": "sur",
    "with": "avec",
    "he": "il",
    "as": "comme",
    "his": "son",
    "they": "ils",
    "at": "à",
    "be": "être",
    "this": "ce",
    "from": "de",
    "have": "avoir",
    "or": "ou",
    "by": "par",
    "one": "un",
    "had": "avait",
    "not": "pas",
    "but": "mais",
    "what": "quoi",
    "all": "tout",
    "were": "étaient",
    "when": "quand",
    "we": "nous",
    "there": "là",
    "can": "peut",
    "an": "un",
    "your": "votre",
    "which": "qui",
    "their": "leur",
    "said": "dit",
    "if": "si",
    "do": "faire",
    "will": "va",
    "each": "chaque",
    "about": "sur",
    "how": "comment",
    "up": "haut",
    "out": "dehors",
    "them": "eux",
    "then": "puis",
    "she": "elle",
    "many": "beaucoup",
    "some": "certains",
    "so": "donc",
    "these": "ces",
    "would": "serait",
    "other": "autre",
    "into": "dans",
    "has": "a",
    "more": "plus",
    "her": "sa",
    "two": "deux",
    "like": "comme",
    "him": "lui",
    "see": "voir",
    "time": "temps",
    "could": "pourrait",
    "no": "non",
    "make": "faire",
    "than": "que",
    "first": "premier",
    "been": "été",
    "its": "son",
    "who": "qui",
    "now": "maintenant",
    "people": "gens",
    "my": "mon",
    "made": "fait",
    "over": "sur",
    "did": "fit",
    "down": "bas",
    "only": "seulement",
    "way": "chemin",
    "find": "trouver",
    "use": "utiliser",
    "may": "peut",
    "water": "eau",
    "long": "long",
    "little": "petit",
    "very": "très",
    "after": "après",
    "words": "mots",
    "called": "appelé",
    "just": "juste",
    "where": "où",
    "most": "plupart",
    "know": "savoir",
    "government": "gouvernement",
    "year": "année",
    "years": "années",
    "new": "nouveau",
    "state": "état",
    "city": "ville",
    "country": "pays",
    "war": "guerre",
    "minister": "ministre",
    "president": "président",
    "week": "semaine",
    "day": "jour",
}
SYLLABLES = [
    "ka",
    "lo",
    "ven",
    "dra",
    "mir",
    "tos",
    "bel",
    "gar",
    "nu",
    "shi",
    "rak",
    "vol",
    "den",
    "pri",
    "sa",
    "tor",
    "lem",
    "quin",
    "hal",
    "zor",
]


@dataclass(frozen=True)
class Generated:
    articles: list[Article]
    near: dict[int, int]  # index of a near copy -> index of its base
    translated: dict[int, int]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random, vocab: list[str], names: list[str]) -> str:
    n = rng.randint(12, 24)
    ws = [rng.choice(vocab) for _ in range(n)]
    ws[rng.randrange(1, n)] = rng.choice(names)
    if rng.random() < 0.6:
        ws[rng.randrange(1, n)] = str(rng.choice([rng.randint(2, 99), rng.randint(100, 99999)]))
    return " ".join(ws).capitalize() + "."


def _article(idx: int, sentences: list[str], lang: str, t0: datetime) -> Article:
    paragraphs: list[str] = []
    for k in range(0, len(sentences), 3):
        paragraphs.append(" ".join(sentences[k : k + 3]))
    sents = []
    offset = 0
    for p_index, para in enumerate(paragraphs):
        start = 0
        for s in sentences[p_index * 3 : p_index * 3 + 3]:
            pos = para.index(s, start)
            sents.append(Sentence(len(sents), p_index, offset + pos, offset + pos + len(s), s))
            start = pos + len(s)
        offset += len(para) + 2
    return Article(
        url=f"https://site{idx % 500}.example/a/{idx}",
        site=f"site{idx % 500}.example",
        title=sentences[0][:60],
        paragraphs=tuple(paragraphs),
        lang=lang,
        published=t0 + timedelta(minutes=idx),
        sentences=tuple(sents),
    )


def generate(n: int, seed: int = 7) -> Generated:
    from wordfreq import top_n_list

    rng = random.Random(seed)
    vocab = [w for w in top_n_list("en", 3000) if w.isalpha()]
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    texts: list[list[str]] = []
    langs: list[str] = []
    near: dict[int, int] = {}
    translated: dict[int, int] = {}
    for i in range(n):
        roll = rng.random()
        if i > 10 and roll < 0.05:
            base = rng.randrange(i)
            while base in near or base in translated:
                base = rng.randrange(i)
            edited = []
            rate = rng.uniform(0.02, 0.10)
            for s in texts[base]:
                ws = s.split()
                ws = [rng.choice(vocab) if rng.random() < rate else w for w in ws]
                edited.append(" ".join(ws))
            texts.append(edited)
            langs.append(langs[base])
            near[i] = base
        elif i > 10 and roll < 0.07:
            base = rng.randrange(i)
            while base in near or base in translated or langs[base] != "en":
                base = rng.randrange(i)
            texts.append(
                [" ".join(BILINGUAL.get(w.lower(), w) for w in s.split()) for s in texts[base]]
            )
            langs.append("fr")
            translated[i] = base
        else:
            names = [_name(rng) for _ in range(4)]
            texts.append([_sentence(rng, vocab, names) for _ in range(rng.randint(18, 35))])
            langs.append("en")
    arts = [_article(i, t, lang, t0) for i, (t, lang) in enumerate(zip(texts, langs, strict=True))]
    return Generated(arts, near, translated)


def _tokens(a: Article) -> list[str]:
    return [w for s in a.sentences for w in words(s.text)]


def datasketch_minhash(tokens: list[str]) -> MinHash:
    """datasketch's MinHash (128 permutations) of the same 3-word shingles as ours."""
    from datasketch import MinHash

    m = MinHash(num_perm=128)
    m.update_batch([" ".join(tokens[i : i + 3]).encode() for i in range(max(1, len(tokens) - 2))])
    return m


def fingerprint_race(gen: Generated, sample: int = 2000, rounds: int = 7) -> dict[str, float]:
    """Documents per CPU-second, ours and datasketch's, best of ``rounds`` alternating
    runs (CPU time of this process; on a shared machine single runs of either vary by
    a third, so the best of several is the figure that repeats)."""
    docs = [_tokens(a) for a in gen.articles[:sample]]
    hasher = MinHasher(128)

    def ours() -> None:
        for toks in docs:
            band_keys(hasher.signature(shingle_hashes(toks, 3)), 32, 4)

    def theirs() -> None:
        for toks in docs:
            datasketch_minhash(toks)

    best = {"ours": float("inf"), "theirs": float("inf")}
    for _ in range(rounds):
        for name, run in (("ours", ours), ("theirs", theirs)):
            t = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - t)
    rate_ours, rate_theirs = len(docs) / best["ours"], len(docs) / best["theirs"]
    return {
        "ours_docs_s": rate_ours,
        "datasketch_docs_s": rate_theirs,
        "ratio": rate_ours / rate_theirs,
    }


def lsh_race(gen: Generated) -> dict[str, float]:
    """Near-copy recall and candidate-pair precision of both LSH indexes."""
    from datasketch import MinHashLSH

    hasher = MinHasher(128)
    ours: dict[int, list[int]] = {}
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    # every article derived from one base is a copy of every other (a near copy and a
    # "translation" of one base keep most shingles of each other): all such pairs are
    # relays; recall is measured on the same-language near copies among them
    families: dict[int, set[int]] = {}
    for i, b in [*gen.near.items(), *gen.translated.items()]:
        families.setdefault(b, {b}).add(i)
    relays = {frozenset((x, y)) for g in families.values() for x in g for y in g if x != y}
    truth = {p for p in relays if not (p & gen.translated.keys())}
    ours_pairs: set[frozenset[int]] = set()
    theirs_pairs: set[frozenset[int]] = set()
    for i, a in enumerate(gen.articles):
        toks = _tokens(a)
        hashes = shingle_hashes(toks, 3)
        for key in band_keys(hasher.signature(hashes), 32, 4):
            for j in ours.setdefault(key, []):
                ours_pairs.add(frozenset((i, j)))
            ours[key].append(i)
        m = datasketch_minhash(toks)
        for j in lsh.query(m):
            theirs_pairs.add(frozenset((i, j)))
        lsh.insert(i, m)
    out = {}
    for name, pairs in (("ours", ours_pairs), ("datasketch", theirs_pairs)):
        out[f"{name}_recall"] = len(pairs & truth) / len(truth) if truth else 1.0
        out[f"{name}_precision"] = len(pairs & relays) / len(pairs) if pairs else 1.0
    return out


def _db_bytes(store: SQLiteStore, db: Path) -> int:
    """The database's size with everything checkpointed out of the WAL."""
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db.stat().st_size


def store_run(
    gen: Generated, tmp: Path, trace_sample: int = 200, match_last: int | None = None
) -> dict[str, float]:
    """Ingest and match through a SQLite store, then trace held-out articles.

    With ``match_last``, the articles before the last ``match_last`` are ingested
    and indexed without being matched (a bulk load, ``ingest --no-match``), and the
    ingest-and-match rate is measured on the last ones, into a store that already
    holds the rest: the rate at that store size, without hours of matching first.
    """
    from relaytrace.match.matcher import index_articles, match_articles

    n = len(gen.articles)
    held_out = set(range(n - trace_sample, n))
    db = tmp / f"scale{n}.db"
    store = SQLiteStore(db)
    body = [a for i, a in enumerate(gen.articles) if i not in held_out]
    bulk: list[Article] = []
    bulk_index = 0
    if match_last is not None and match_last < len(body):
        bulk, body = body[:-match_last], body[-match_last:]
        stored: list[Article] = []
        for k in range(0, len(bulk), 500):
            chunk = bulk[k : k + 500]
            added = store.add_articles(chunk)
            stored += [replace(a, id=r.id) for a, r in zip(chunk, added, strict=True)]
        before = _db_bytes(store, db)
        for k in range(0, len(stored), 500):
            index_articles(store, stored[k : k + 500])
        bulk_index = _db_bytes(store, db) - before
    t, c = time.perf_counter(), time.process_time()
    ids: list[int] = []
    for k in range(0, len(body), 500):
        ids += [r.id for r in store.add_articles(body[k : k + 500])]
    add_s, add_cpu = time.perf_counter() - t, time.process_time() - c
    size_articles = _db_bytes(store, db)
    t, c = time.perf_counter(), time.process_time()
    for k in range(0, len(ids), 500):
        match_articles(store, ids[k : k + 500])
    match_s, match_cpu = time.perf_counter() - t, time.process_time() - c
    size_all = _db_bytes(store, db)
    latencies, cpu = [], []
    for i in sorted(held_out):
        t, c = time.perf_counter(), time.process_time()
        (res,) = store.add_articles([gen.articles[i]])
        match_articles(store, [res.id])
        latencies.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    rels = list(store.relations())
    store.close()
    lat, lat_cpu = sorted(latencies), sorted(cpu)
    p99 = min(len(lat) - 1, int(0.99 * len(lat)))
    return {
        "ingest_match_art_s": len(body) / (add_s + match_s),
        "ingest_match_art_cpu_s": len(body) / (add_cpu + match_cpu),
        "match_art_s": len(body) / match_s,
        "trace_p50_ms": statistics.median(lat),
        "trace_p99_ms": lat[p99],
        "trace_cpu_p50_ms": statistics.median(lat_cpu),
        "trace_cpu_p99_ms": lat_cpu[p99],
        "index_bytes_per_article": max(0, bulk_index + size_all - size_articles)
        / (len(bulk) + len(body)),
        "relations": len(rels),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    ap.add_argument("--full", action="store_true", help="Also 200k articles.")
    ap.add_argument("--no-store", action="store_true", help="Skip the store run (LSH only).")
    ap.add_argument("--no-lsh", action="store_true", help="Skip the LSH race (store run only).")
    ap.add_argument(
        "--match-last",
        type=int,
        help="Bulk-load all but the last N articles unmatched; rate measured on the last N.",
    )
    args = ap.parse_args()
    sizes = [*args.sizes, *([200_000] if args.full else [])]
    rows = []
    for n in sizes:
        t = time.perf_counter()
        gen = generate(n)
        print(f"generated {n} articles in {time.perf_counter() - t:.1f} s", flush=True)
        # the generated corpus stands in for files on disk: keep the collector from
        # rescanning its objects at every collection, which a real ingest never pays
        gc.collect()
        gc.freeze()
        row: dict[str, float] = {"articles": n}
        row.update(fingerprint_race(gen))
        if not args.no_lsh:
            row.update(lsh_race(gen))
        if not args.no_store:
            with tempfile.TemporaryDirectory() as tmp:
                row.update(store_run(gen, Path(tmp), match_last=args.match_last))
        row["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(row)
        del gen
        gc.unfreeze()
        print(
            "  ".join(
                f"{k}={v:,.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in row.items()
            ),
            flush=True,
        )
    print()
    keys = list(rows[0])
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join(f"{row.get(k, float('nan')):,.2f}" for k in keys))
    print(
        "targets: ratio >= 5, recall >= datasketch at >= precision, trace p50 <= 20 ms, "
        "p99 <= 200 ms, ingest+match >= 300 articles/s"
    )


if __name__ == "__main__":
    np.seterr(over="ignore")
    main()
