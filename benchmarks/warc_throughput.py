"""WARC ingest throughput: pages/s and MB/s with 1 and 2 workers, against plain trafilatura.

Generates a WARC of fictional news pages (our own generated text, with the
navigation, sidebars and scripts real pages carry), then prints:

- reading only: ``iter_warc`` (FastWARC) next to warcio's ArchiveIterator;
- full ingest (read, extract, analyse, store in a fresh SQLite file) with 1 and 2 workers;
- ``trafilatura.extract`` of the same pages in one process, and the ratio.

Each line also gives CPU milliseconds per page (this process and its workers):
on a shared machine wall-clock rates swing with other load, CPU per page does not.

With ``--profile`` it instead profiles a one-worker ingest (cProfile) and prints
where the time goes, stage by stage and by function (cumulative seconds):

    PYTHONPATH=src python benchmarks/warc_throughput.py [--pages 2000]
    PYTHONPATH=src python benchmarks/warc_throughput.py --profile --pages 300
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import tempfile
import time
from io import BytesIO
from pathlib import Path

import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from relaytrace.ingest.pipeline import ingest
from relaytrace.ingest.warc import iter_warc
from relaytrace.model import RawDocument
from relaytrace.store import open_store

PLACES = ["Lomvik", "Sandholm", "Quillby", "Brennmark", "Ostravel", "Kaldera", "Vintry"]
PEOPLE = ["Edda Fjell", "Ivo Brandt", "Mara Olsen", "Tomas Reyk", "Lise Arnau", "Oda Renn"]
OUTLETS = ["Lomvik Gazette", "Sandholm Post", "Borealis Today", "River Wire"]
NOUNS = ["harbour", "bridge", "council", "ferry", "budget", "strike", "election", "pier"]
VERBS = ["reopened", "approved", "rejected", "delayed", "announced", "inspected", "funded"]


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(PEOPLE)} said the {rng.choice(NOUNS)} in {rng.choice(PLACES)} was "
        f"{rng.choice(VERBS)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} after "
        f"{rng.randint(2, 90)} days, at a cost of {rng.randint(1, 99)}.{rng.randint(0, 9)} million "
        f"crowns, according to the {rng.choice(OUTLETS)}."
    )


def make_page(n: int, rng: random.Random) -> bytes:
    title = f"{rng.choice(PLACES)} {rng.choice(NOUNS)} {rng.choice(VERBS)} ({n})"
    paragraphs = "".join(
        "<p>" + " ".join(sentence(rng) for _ in range(rng.randint(2, 4))) + "</p>"
        for _ in range(rng.randint(5, 12))
    )
    nav = "".join(f'<li><a href="/section/{s}">{s}</a></li>' for s in NOUNS)
    sidebar = "".join(f'<li><a href="/story/{n + k}">{sentence(rng)}</a></li>' for k in range(6))
    day = 1 + n % 28
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="2026-02-{day:02d}T08:00:00+00:00">'
        f"<script>var tracking = {{id: {n}}};</script></head><body>"
        f'<header><nav><ul>{nav}</ul></nav><div class="cookie">We use cookies.</div></header>'
        f"<main><article><h1>{title}</h1>{paragraphs}</article></main>"
        f"<aside><h3>Most read</h3><ul>{sidebar}</ul></aside>"
        f"<footer>© {rng.choice(OUTLETS)} · Contact · Privacy</footer></body></html>"
    ).encode()


def write_warc(path: Path, pages: int) -> list[bytes]:
    rng = random.Random(7)
    bodies = [make_page(n, rng) for n in range(pages)]
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, body in enumerate(bodies):
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://gazette-{n % 20}.example/news/{n}",
                "response",
                payload=BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2026-03-01T10:00:00Z"},
            )
            writer.write_record(record)
    return bodies


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (worker pools are joined)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(label: str, count: int, megabytes: float, fn) -> float:
    """Run ``fn``; print wall rate and CPU ms per page (the CPU figure ignores others' load)."""
    cpu = cpu_seconds()
    started = time.perf_counter()
    fn()
    seconds = time.perf_counter() - started
    cpu_ms = 1000 * (cpu_seconds() - cpu) / count
    print(
        f"{label:<38} {seconds:7.2f} s  {count / seconds:9.1f} pages/s  "
        f"{megabytes / seconds:7.2f} MB/s  {cpu_ms:6.1f} ms CPU/page"
    )
    return count / seconds


def read_fastwarc(path: Path) -> None:
    for item in iter_warc(path):
        assert isinstance(item, RawDocument)


def read_warcio(path: Path) -> None:
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                record.content_stream().read()


def ingest_run(path: Path, workers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(Path(tmp) / "bench.db") as store:
            report = ingest(store, iter_warc(path), workers=workers)
        assert report.added + report.unchanged + report.updated > 0, report


STAGES = [
    ("whole ingest", "pipeline.py", "ingest"),
    ("read: iter_warc", "warc.py", "iter_warc"),
    ("store: add_articles", "sqlite.py", "add_articles"),
    ("extract (ingest.extract)", "extract.py", "extract"),
    ("  html: extract_html", "html.py", "extract_html"),
    ("    body: body_blocks", "body.py", "body_blocks"),
    ("      trafilatura.extract", "trafilatura/core.py", "extract"),
    ("        its content_fingerprint", "deduplication.py", "content_fingerprint"),
    ("      body: leaf_lines", "body.py", "leaf_lines"),
    ("    cues: separate_cues", "cues.py", "separate_cues"),
    ("    metadata: http_url", "metadata.py", "http_url"),
    ("    decode: decode_html", "decode.py", "decode_html"),
    ("      decode: _looks_binary", "decode.py", "_looks_binary"),
    ("analyse (text.analyse)", "analyse.py", "analyse"),
    ("  lang: detect_language_scored", "lang.py", "detect_language_scored"),
    ("    py3langid rank", "py3langid/langid.py", "rank"),
    ("    lang: _letters", "lang.py", "_letters"),
    ("  sentences: sentences_of", "sentences.py", "sentences_of"),
]


def profile(path: Path, pages: int) -> None:
    """Profile a one-worker ingest and print cumulative seconds per stage."""
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "p.db") as store:
        profiler = cProfile.Profile()
        profiler.enable()
        ingest(store, iter_warc(path), workers=1)
        profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = max(v[3] for k, v in stats.items() if k[2] == "ingest")
    print(f"profile of a 1-worker ingest of {pages} pages (cProfile inflates Python-heavy code)")
    for label, file, func in STAGES:
        hits = [v[3] for k, v in stats.items() if k[0].endswith(file) and k[2] == func]
        seconds = max(hits, default=0.0)
        print(f"  {label:<34} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="profile a 1-worker ingest")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        bodies = write_warc(path, args.pages)
        html_mb = sum(len(b) for b in bodies) / 1e6
        print(
            f"{args.pages} pages, {html_mb:.1f} MB of HTML, "
            f"{path.stat().st_size / 1e6:.1f} MB gzipped WARC"
        )
        warm = Path(tmp) / "warm.warc.gz"
        write_warc(warm, 20)
        if not args.profile:  # worker start-up with nothing loaded yet, as a CLI run has it
            cold = timed("ingest, 2 workers, cold start (20)", 20, 0.0, lambda: ingest_run(warm, 2))
        ingest_run(warm, 1)  # load extraction and language models once, untimed
        if args.profile:
            profile(path, args.pages)
            return
        trafilatura.extract(bodies[0])
        timed("read: iter_warc (FastWARC)", args.pages, html_mb, lambda: read_fastwarc(path))
        timed("read: warcio ArchiveIterator", args.pages, html_mb, lambda: read_warcio(path))
        one = timed("ingest, 1 worker", args.pages, html_mb, lambda: ingest_run(path, 1))
        two = timed("ingest, 2 workers", args.pages, html_mb, lambda: ingest_run(path, 2))
        plain = timed(
            "trafilatura.extract, 1 process",
            args.pages,
            html_mb,
            lambda: [trafilatura.extract(b) for b in bodies],
        )
        ratio = f"1 worker {one / plain:.2f}x, 2 workers {two / plain:.2f}x"
        print(f"ingest pages/s over plain trafilatura pages/s: {ratio}")
        print(f"2 workers, cold: {cold:.1f} pages/s (each worker loads the models on its own)")


if __name__ == "__main__":
    main()
