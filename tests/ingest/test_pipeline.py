"""The ingest pipeline: batches, resumability, rejections, workers, the after-batch hook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from relaytrace.errors import ExtractionError
from relaytrace.ingest.pipeline import ingest
from relaytrace.ingest.sources import iter_sources
from relaytrace.model import Article, RawDocument, Rejection


def record_extractor(raw: RawDocument) -> Article:
    """A plain extractor for JSON records: enough to exercise the pipeline's own logic."""
    record = raw.content
    assert isinstance(record, dict)
    if record.get("explode"):
        raise ZeroDivisionError("the extractor tripped")
    text = record.get("text") or ""
    if not text.strip():
        raise ExtractionError("record has no text")
    return Article(
        url=raw.url or "",
        site=raw.url.split("/")[2],
        title=record.get("title", ""),
        paragraphs=tuple(p for p in text.split("\n\n") if p.strip()),
        lang="en",
    )


def write_feed(path: Path, n: int, *, start: int = 0, word: str = "harbour") -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(
                json.dumps(
                    {
                        "url": f"https://brindle-post.example/{i}",
                        "title": f"Item {i}",
                        "text": f"The {word} of Brindle reopened, said pilot Ana Vey ({i}).",
                    }
                )
                + "\n"
            )
    return path


def run(store, paths, **kwargs):
    return ingest(
        store, iter_sources([str(p) for p in paths]), extractor=record_extractor, **kwargs
    )


def test_batches_store_everything_and_call_the_hook(store, tmp_path):
    feed = write_feed(tmp_path / "feed.jsonl", 45)
    seen: list[list[int]] = []
    done: list[int] = []
    report = run(
        store,
        [feed],
        batch_size=10,
        after_batch=lambda s, ids: seen.append(ids),
        progress=done.append,
    )
    assert (report.added, report.total_rejected, report.skipped) == (45, 0, 0)
    assert [len(ids) for ids in seen] == [10, 10, 10, 10, 5]
    assert sum(done) == 45
    assert store.count_articles() == 45


def test_rerun_skips_items_already_ingested(store, tmp_path):
    feed = write_feed(tmp_path / "feed.jsonl", 30)
    run(store, [feed], batch_size=7)
    again = run(store, [feed], batch_size=7)
    assert (again.added, again.skipped) == (0, 30)
    assert store.count_articles() == 30


def test_changed_item_under_a_known_url_becomes_a_new_version(store, tmp_path):
    run(store, [write_feed(tmp_path / "a.jsonl", 5)])
    report = run(store, [write_feed(tmp_path / "b.jsonl", 5, word="ferry")])
    assert (report.added, report.updated) == (0, 5)
    assert store.stats()["versions"] == 10


def test_same_content_from_another_file_is_unchanged(store, tmp_path):
    run(store, [write_feed(tmp_path / "a.jsonl", 5)])
    report = run(store, [write_feed(tmp_path / "copy.jsonl", 5)])
    assert (report.unchanged, report.added) == (5, 0)


def test_bad_items_are_counted_and_the_batch_goes_on(store, tmp_path):
    feed = tmp_path / "mixed.jsonl"
    feed.write_text(
        "\n".join(
            [
                json.dumps({"url": "https://brindle-post.example/1", "text": "Good one."}),
                json.dumps({"url": "https://brindle-post.example/2", "text": ""}),
                "{broken",
                json.dumps({"url": "https://brindle-post.example/3", "explode": True}),
                json.dumps({"url": "https://brindle-post.example/4", "text": "Good two."}),
            ]
        )
    )
    report = run(store, [feed], batch_size=100)
    assert report.added == 2
    assert report.rejected == {"no_article": 1, "bad_json": 1, "extraction_failed": 1}
    [boom] = report.examples["extraction_failed"]
    assert "ZeroDivisionError" in boom.message and boom.origin.endswith("mixed.jsonl:4")

    # Rejected input is logged and skipped next time, except unexpected failures.
    again = run(store, [feed], batch_size=100)
    assert again.skipped == 3
    assert again.rejected == {"bad_json": 1, "extraction_failed": 1}


def test_source_rejections_pass_through(store):
    report = ingest(store, [Rejection("x.html", "too_large", "big")], extractor=record_extractor)
    assert report.rejected == {"too_large": 1}
    assert report.nothing_read


@pytest.mark.parametrize("workers", [2])
def test_worker_processes_give_the_same_result(store, tmp_path, workers):
    feed = write_feed(tmp_path / "feed.jsonl", 60)
    report = run(store, [feed], workers=workers, batch_size=16)
    assert report.added == 60
    urls = sorted(a.url for a in store.iter_articles())
    assert urls == sorted(f"https://brindle-post.example/{i}" for i in range(60))


def test_workers_fork_while_a_progress_thread_runs(store, tmp_path):
    """A live thread (as the CLI's progress display) no longer forces the slow spawn start."""
    import threading

    from relaytrace.ingest import pipeline

    stop = threading.Event()
    ticker = threading.Thread(target=stop.wait, daemon=True)
    ticker.start()
    try:
        assert pipeline._start_method() == ("fork" if sys.platform == "linux" else "spawn")
        feed = write_feed(tmp_path / "feed.jsonl", 30)
        done: list[int] = []
        report = run(store, [feed], workers=2, batch_size=8, progress=done.append)
    finally:
        stop.set()
    assert report.added == 30
    assert sum(done) == 30


def test_warm_up_runs_the_default_extractor_on_its_own_sample_page():
    from relaytrace.ingest import pipeline

    outcome = pipeline.extract_article(pipeline._WARM_PAGE)
    assert isinstance(outcome, Article)
    assert outcome.lang == "en"
    assert len(outcome.sentences) >= 3
    pipeline.warm_up()  # and warming twice is harmless


def test_default_extractor_in_forked_workers_matches_one_process(tmp_path):
    """Real pages through the warmed parent and two forked workers: the same articles."""
    from relaytrace.store import open_store

    pages = [
        RawDocument(
            origin=f"page-{i}.html",
            kind="html",
            content=(
                f"<html><head><title>Harbour works {i}</title></head><body><article>"
                f"<h1>Harbour works {i}</h1><p>Pilot Ana Vey said on Tuesday that berth {i} "
                "of the Brindle harbour will reopen next spring. The council agreed.</p>"
                f"<p>Repairs cost {i + 3} million crowns, the port office of Brindle said.</p>"
                "</article></body></html>"
            ),
            url=f"https://brindle-post.example/works/{i}",
        )
        for i in range(12)
    ]
    results = {}
    for workers in (1, 2):
        with open_store(str(tmp_path / f"w{workers}.db")) as db:
            report = ingest(db, pages, workers=workers, batch_size=5)
            assert report.added == 12
            results[workers] = sorted((a.url, a.lang, len(a.sentences)) for a in db.iter_articles())
    assert results[1] == results[2]
