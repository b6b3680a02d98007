"""API load: throughput and latency percentiles of the REST API under concurrent clients.

Builds (or reuses) a generated SQLite database of fictional articles (origins
with copies, relations stored, match index built), starts the server the way
the README shows it (``relaytrace serve --db DB --port N``, a subprocess), and
drives it from this process over loopback with ``--clients`` concurrent httpx
async clients for ``--seconds`` per endpoint:

    GET  /api/v1/articles/{id}   random stored ids
    POST /api/v1/trace           a pasted relay of a random stored origin

    PYTHONPATH=src python benchmarks/api_load.py --articles 50000 --clients 20 --seconds 30

Prints requests/s and p50/p90/p99/max latencies per endpoint (and errors).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from relaytrace.match.matcher import index_articles
from relaytrace.model import Article, Relation, Sentence, SourceCue
from relaytrace.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "re",
    "sa",
    "tu",
    "ve",
    "no",
    "da",
    "pi",
    "gro",
    "len",
    "mar",
    "tis",
    "hal",
    "vek",
    "dor",
    "sun",
    "bel",
    "ost",
]


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


@dataclass(frozen=True)
class Vocab:
    words: list[str]
    names: list[str]


def vocab(rng: random.Random) -> Vocab:
    words = sorted({_word(rng, rng.randint(1, 3)) for _ in range(3000)})
    names = sorted({_word(rng, rng.randint(2, 3)).capitalize() for _ in range(2000)})
    return Vocab(words, names)


def sentence(rng: random.Random, v: Vocab) -> str:
    parts = [rng.choice(v.words) for _ in range(rng.randint(8, 16))]
    parts.insert(rng.randint(1, len(parts) - 1), rng.choice(v.names))
    parts.insert(rng.randint(1, len(parts) - 1), str(rng.randint(2, 9999)))
    return parts[0].capitalize() + " " + " ".join(parts[1:]) + "."


def make_article(
    url: str, site: str, title: str, paras: list[list[str]], when: datetime, cues=()
) -> Article:
    paragraphs = tuple(" ".join(p) for p in paras)
    sentences, offset, k = [], 0, 0
    for pi, p in enumerate(paras):
        pos = offset
        for s in p:
            sentences.append(Sentence(k, pi, pos, pos + len(s), s))
            pos += len(s) + 1
            k += 1
        offset += len(paragraphs[pi]) + 2
    return Article(
        url=url, site=site, title=title, paragraphs=paragraphs, lang="en",
        site_name=site.split(".")[0].capitalize(), published=when, published_source="given",
        published_precision="minute", cues=tuple(cues), sentences=tuple(sentences),
    )  # fmt: skip


def generate(db: Path, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """Write ``n`` articles (origins and copies) and their relations; return pasteable relays."""
    rng = random.Random(seed)
    v = vocab(rng)
    sites = [f"{_word(rng, 2)}{i}.example" for i in range(400)]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    pastes: list[tuple[str, str]] = []
    done = 0
    with open_store(db) as store:
        while done < n:
            batch: list[Article] = []
            groups: list[tuple[int, int]] = []
            while len(batch) < 500 and done + len(batch) < n:
                paras = [[sentence(rng, v) for _ in range(2)] for _ in range(5)]
                title = " ".join(rng.choice(v.words) for _ in range(6)).capitalize()
                when = start + timedelta(minutes=7 * (done + len(batch)))
                site = rng.choice(sites)
                url = f"https://{site}/{done + len(batch)}"
                first = len(batch)
                batch.append(make_article(url, site, title, paras, when))
                for c in range(rng.choice((0, 0, 1, 2, 3))):
                    relay = rng.choice(sites)
                    kept = paras if c % 2 == 0 else paras[:-1]
                    cue = SourceCue("source_line", f"Source: {url}", url=url)
                    batch.append(
                        make_article(f"https://{relay}/r{done + len(batch)}", relay,
                                     f"{title} - {site}", kept,
                                     when + timedelta(minutes=rng.randint(20, 900)), [cue])
                    )  # fmt: skip
                groups.append((first, len(batch)))
            results = store.add_articles(batch)
            ids = [r.id for r in results]
            stored = [
                a.__class__(**{**_fields(a), "id": i}) for a, i in zip(batch, ids, strict=True)
            ]
            index_articles(store, stored)
            rels = []
            for lo, hi in groups:
                for k in range(lo + 1, hi):
                    a, b = stored[lo], stored[k]
                    m = len(b.sentences)
                    aligned = tuple((i, i, 0.9) for i in range(m))
                    rels.append(
                        Relation(a.id, b.id, "copy", 0.95, m / len(a.sentences), 1.0, aligned)
                    )
                if hi - lo > 1 and len(pastes) < 200:
                    o = stored[lo]
                    text = (
                        o.title + "\n\n" + "\n\n".join(o.paragraphs[:-1]) + "\n\nSource: " + o.url
                    )
                    pastes.append((o.url, text))
            store.put_relations(rels)
            done += len(batch)
            print(f"\r  generated {done}/{n}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return pastes


def _fields(a: Article) -> dict:
    return {name: getattr(a, name) for name in a.__slots__}


def pastes_from(db: Path, k: int = 200) -> list[tuple[str, str]]:
    with open_store(db) as store:
        out = []
        for r in store.relations(kind="copy"):
            a = store.get_article(r.a)
            if a is not None:
                out.append((a.url, a.title + "\n\n" + "\n\n".join(a.paragraphs[:-1])))
            if len(out) >= k:
                break
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "relaytrace", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/stats", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


async def load(base: str, clients: int, seconds: float, make_request) -> dict:
    latencies: list[float] = []
    errors: dict[int, int] = {}
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def worker(k: int) -> None:
            rng = random.Random(k)
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                r = await make_request(client, rng)
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors[r.status_code] = errors.get(r.status_code, 0) + 1

        t0 = time.monotonic()
        await asyncio.gather(*(worker(k) for k in range(clients)))
        elapsed = time.monotonic() - t0
    return {"n": len(latencies), "elapsed": elapsed, "lat": latencies, "errors": errors}


def report(name: str, res: dict) -> None:
    lat = sorted(res["lat"])
    if not lat:
        print(f"{name}: no requests completed")
        return
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else [lat[0]] * 99
    print(
        f"{name:<28} {res['n']:>7} req  {res['n'] / res['elapsed']:>8.1f} req/s  "
        f"p50 {q[49] * 1000:>7.1f} ms  p90 {q[89] * 1000:>7.1f} ms  "
        f"p99 {q[98] * 1000:>8.1f} ms  max {lat[-1] * 1000:>8.1f} ms  errors {res['errors'] or 0}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=50_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/relaytrace-api-load.db"))
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--trace-seconds", type=float, default=None, help="default: --seconds")
    args = ap.parse_args()

    if not args.db.exists():
        t0 = time.monotonic()
        print(f"generating {args.articles} articles into {args.db} …", file=sys.stderr)
        generate(args.db, args.articles)
        print(f"  built in {time.monotonic() - t0:.0f} s", file=sys.stderr)
    pastes = pastes_from(args.db)
    with open_store(args.db) as store:
        n = store.count_articles()
        rel = store.stats().get("relations")
    port = free_port()
    proc = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        httpx.post(base + "/api/v1/trace", json={"text": pastes[0][1]}, timeout=120)  # warm-up

        async def get_article(client: httpx.AsyncClient, rng: random.Random) -> httpx.Response:
            return await client.get(f"/api/v1/articles/{rng.randint(1, n)}")

        async def post_trace(client: httpx.AsyncClient, rng: random.Random) -> httpx.Response:
            return await client.post("/api/v1/trace", json={"text": rng.choice(pastes)[1]})

        print(f"database: {n} articles, relations {rel}; {args.clients} clients, loopback")
        report(
            "GET /api/v1/articles/{id}",
            asyncio.run(load(base, args.clients, args.seconds, get_article)),
        )
        secs = args.trace_seconds or args.seconds
        report("POST /api/v1/trace (text)", asyncio.run(load(base, args.clients, secs, post_trace)))
    finally:
        proc.terminate()
        proc.wait(timeout=15)


if __name__ == "__main__":
    main()
