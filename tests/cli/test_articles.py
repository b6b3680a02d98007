"""The article commands, run as a user runs them: ingest, show, search, stats, in every format."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import relaytrace
from relaytrace.cli import app
from relaytrace.cli.app import Format
from relaytrace.cli.output import render_rows

runner = CliRunner()

RECORDS = [
    {
        "url": f"https://saltmarsh-herald.example/2026/06/{slug}",
        "site": "saltmarsh-herald.example",
        "site_name": "Saltmarsh Herald",
        "title": title,
        "published": "2026-06-12T14:30:00+02:00",
        "text": text,
    }
    for slug, title, text in [
        (
            "lighthouse",
            "Saltmarsh lighthouse relit after forty years",
            "The lighthouse on Gull Point was relit on Friday, forty years after it went dark.\n\n"
            '"Sailors asked for it," keeper Tomas Arlen told the Saltmarsh Herald.',
        ),
        (
            "regatta",
            "Regatta moved to September",
            "The Saltmarsh regatta moves to September because of low tides in August, "
            "organiser Lise Brandt said on Thursday.",
        ),
    ]
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


@pytest.fixture
def loaded(db: Path, tmp_path: Path) -> Path:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return db


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_reports_counts_as_json_then_skips_on_rerun(db: Path, tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n{oops\n", encoding="utf-8")
    first = json.loads(invoke("ingest", str(feed), "--db", str(db), "--format", "json"))
    assert (first["added"], first["rejected"]) == (2, {"bad_json": 1})
    assert first["examples"]["bad_json"][0]["origin"].endswith("feed.jsonl:3")
    again = json.loads(invoke("ingest", str(feed), "--db", str(db), "--format", "json"))
    assert (again["added"], again["skipped"]) == (0, 2)


def test_ingest_summary_table_names_outcomes_and_reasons(db: Path, tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.html").write_bytes(b"")
    (tmp_path / "in" / "feed.jsonl").write_text(json.dumps(RECORDS[0]) + "\n")
    out = invoke("ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "1")
    for word in ("added", "unchanged", "updated", "skipped", "rejected", "empty"):
        assert word in out


def test_ingest_of_nothing_readable_exits_non_zero(db: Path, tmp_path: Path):
    (tmp_path / "empty.html").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.html"), "--db", str(db)])
    assert result.exit_code == 1


def test_ingest_text_from_stdin_with_url(db: Path):
    text = "Ferry notice\n\nThe Gull Point ferry runs twice a day from Monday, the operator said."
    result = runner.invoke(
        app,
        ["ingest", "-", "--url", "https://saltmarsh-herald.example/ferry", "--db", str(db),
         "--format", "json"],
        input=text,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 1


def test_show_by_id_and_url_in_table_and_json(loaded: Path):
    out = invoke("show", "1", "--db", str(loaded))
    assert "Saltmarsh lighthouse relit" in out and "Gull Point" in out
    record = json.loads(invoke("show", RECORDS[1]["url"], "--db", str(loaded), "--format", "json"))
    assert record["title"] == "Regatta moved to September"
    assert datetime.fromisoformat(record["published"]) == datetime(2026, 6, 12, 12, 30, tzinfo=UTC)
    assert record["paragraphs"] and isinstance(record["cues"], list)


def test_search_in_every_format(loaded: Path):
    hits = json.loads(invoke("search", "lighthouse", "--db", str(loaded), "--format", "json"))
    assert [h["url"] for h in hits] == [RECORDS[0]["url"]]
    assert "[" in hits[0]["snippet"]
    lines = invoke("search", "Saltmarsh", "--db", str(loaded), "-f", "jsonl").splitlines()
    assert len(lines) == 2 and all(json.loads(line)["id"] for line in lines)
    rows = list(csv.DictReader(io.StringIO(invoke("search", "regatta", "--db", str(loaded),
                                                   "-f", "csv"))))  # fmt: skip
    assert rows[0]["title"] == "Regatta moved to September"
    assert "Regatta" in invoke("search", '"regatta (', "--db", str(loaded))


def test_stats_as_json_and_table(loaded: Path):
    stats = json.loads(invoke("stats", "--db", str(loaded), "--format", "json"))
    assert stats["articles"] == 2 and stats["sites"] == 1
    assert "saltmarsh-herald.example" in invoke("stats", "--db", str(loaded))


def test_errors_are_one_line_with_exit_code_2(loaded: Path):
    env = dict(os.environ)
    src = str(Path(relaytrace.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-m", "relaytrace", "show", "999", "--db", str(loaded)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "relaytrace: error: no article '999' in the store [not_found]"
    ]


def test_render_rows_formats_are_valid():
    rows = [{"id": 1, "when": datetime(2026, 6, 12, 12, 30, tzinfo=UTC), "tags": ["a", "b"]}]
    for fmt, parse in (
        (Format.json, json.loads),
        (Format.jsonl, lambda s: [json.loads(line) for line in s.splitlines()]),
        (Format.csv, lambda s: list(csv.DictReader(io.StringIO(s)))),
    ):
        out = io.StringIO()
        render_rows(rows, fmt, out=out)
        [row] = parse(out.getvalue())
        assert row["when"] == "2026-06-12T12:30:00+00:00"
    out = io.StringIO()
    render_rows(rows, Format.table, out=out)
    assert "2026-06-12T12:30:00+00:00" in out.getvalue()


ORIGIN_TEXT = (
    "The harbour authority of Saltmarsh will close the old ferry pier on 3 July for "
    "repairs costing 4.2 million euros, its director Mirela Vost said on Tuesday.\n\n"
    '"The pier has carried ferries since 1961 and the piles are tired," Vost told the '
    "Saltmarsh Herald. Ferries to Gull Point will use the north quay for 14 weeks.\n\n"
    "Fishermen's union leader Anton Brisk said the closure would cost his members about "
    "300 landings, and asked the town council for a temporary berth."
)


def test_ingest_matches_and_extracts_statements_as_it_goes(tmp_path: Path):
    origin = {
        "url": "https://saltmarsh-herald.example/2026/06/pier",
        "site_name": "Saltmarsh Herald",
        "title": "Saltmarsh to close old ferry pier for repairs",
        "published": "2026-06-16T09:00:00Z",
        "text": ORIGIN_TEXT,
    }
    relay = {
        "url": "https://quickwire-relay.example/saltmarsh-pier",
        "site_name": "Quick Wire | News",
        "title": "Saltmarsh to close old ferry pier for repairs — Saltmarsh Herald",
        "published": "2026-06-16T10:12:00Z",
        "text": ORIGIN_TEXT + "\n\nSource link",
    }
    feed = tmp_path / "pier.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in (origin, relay)) + "\n", encoding="utf-8")
    db = tmp_path / "pier.db"

    done = runner.invoke(app, ["ingest", str(feed), "--db", str(db)])
    assert done.exit_code == 0, done.output

    listed = runner.invoke(app, ["relations", "--db", str(db), "--format", "jsonl"])
    relations = [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]
    assert [(r["a"], r["b"], r["kind"]) for r in relations] == [
        (origin["url"], relay["url"], "copy")
    ]
    quotes = runner.invoke(app, ["quotes", "--speaker", "Vost", "--db", str(db), "-f", "json"])
    assert quotes.exit_code == 0, quotes.output
    assert len(json.loads(quotes.stdout)) == 4, "two direct or reported statements per article"


def test_ingest_without_matching_leaves_relations_to_match(tmp_path: Path):
    feed = tmp_path / "one.jsonl"
    feed.write_text(json.dumps(RECORDS[0]) + "\n", encoding="utf-8")
    db = tmp_path / "one.db"
    done = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "--no-match"])
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["quotes", "--speaker", "Arlen", "--db", str(db), "-f", "json"])
    assert json.loads(listed.stdout) == []
