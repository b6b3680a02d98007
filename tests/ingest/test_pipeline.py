"""The ingest pipeline: batches, resumability, rejections, workers, the after-batch hook."""

from __future__ import annotations

import json
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
