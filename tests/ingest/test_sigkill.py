"""Kill an ingest with SIGKILL mid-way: the database stays sound and a rerun finishes the job."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import relaytrace

ARTICLES = 4000
SRC = str(Path(relaytrace.__file__).resolve().parent.parent)


def write_feed(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(ARTICLES):
            record = {
                "url": f"https://tidewater-daily.example/2026/05/{i}",
                "site": "tidewater-daily.example",
                "title": f"Lock gate {i} repaired at Tidewater",
                "text": (
                    f"Engineers repaired lock gate number {i} on the Tidewater canal on Monday. "
                    f"Barges waited {i % 17 + 2} hours, said harbour master Ines Caldor.\n\n"
                    f"marker{i}x is the word only this article holds."
                ),
                "published": "2026-05-04T08:00:00Z",
            }
            fh.write(json.dumps(record) + "\n")


def command(feed: Path, db: Path) -> list[str]:
    return [
        sys.executable, "-m", "relaytrace", "ingest", str(feed),
        "--db", str(db), "--batch-size", "50", "--no-match", "--format", "json",
    ]  # fmt: skip


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [SRC, env.get("PYTHONPATH")]))
    env.pop("RELAYTRACE_DB", None)
    return env


def committed(db: Path) -> int:
    """Articles committed so far, read through a read-only connection."""
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def check_sound(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    indexed = {r[0] for r in conn.execute("SELECT id FROM articles_fts_docsize")}
    assert indexed == ids, "the full-text index must cover exactly the stored rows"
    logged = {r[0] for r in conn.execute("SELECT article_id FROM ingest_log")}
    assert logged == ids, "every stored article has its source key logged, and no other"
    return conn


@pytest.mark.slow
def test_sigkill_mid_ingest_loses_nothing_and_rerun_completes(tmp_path: Path):
    feed, db = tmp_path / "feed.jsonl", tmp_path / "corpus.db"
    write_feed(feed)

    proc = subprocess.Popen(
        command(feed, db), env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 300  # a guard against a hang, not a timing assertion
    while committed(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]

    at_kill = committed(db)
    assert 0 < at_kill < ARTICLES, "the kill must land after some batches and before the end"
    assert at_kill % 50 == 0, "only whole batches are committed"
    check_sound(db).close()

    rerun = subprocess.run(command(feed, db), env=environment(), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    report = json.loads(rerun.stdout)
    assert report["skipped"] == at_kill
    assert report["added"] == ARTICLES - at_kill
    assert report["rejected_total"] == 0

    conn = check_sound(db)
    urls = [r[0] for r in conn.execute("SELECT url FROM articles")]
    assert len(urls) == ARTICLES and len(set(urls)) == ARTICLES
    hits = conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'marker1234x'"
    ).fetchone()[0]
    assert hits == 1
    conn.close()
