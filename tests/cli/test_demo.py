"""The demo: the bundled corpus goes into a fresh database and the command shows what it holds."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from relaytrace.cli import app
from relaytrace.cli.demo import bundled_corpus, corpus_paths
from relaytrace.ingest.sources import iter_sources
from relaytrace.model import RawDocument
from relaytrace.store import open_store

runner = CliRunner()


def test_bundled_corpus_is_found_and_build_sources_and_pastes_are_left_out():
    paths = corpus_paths(bundled_corpus())
    assert paths and not any(Path(p).name.startswith("_") for p in paths)
    assert not any(Path(p).name == "paste" for p in paths)
    assert any(isinstance(item, RawDocument) for item in iter_sources(paths))


def test_demo_ingests_every_corpus_item_and_shows_holdings(tmp_path: Path):
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    items = [i for i in iter_sources(corpus_paths(bundled_corpus()))]
    with open_store(db) as store:
        stats = store.stats()
    assert stats["articles"] == len(items), "every bundled item becomes an article"
    labels = json.loads((Path(__file__).parents[1] / "fixtures" / "demo_labels.json").read_text())
    assert stats["articles"] == len(labels["articles"]), "one article per labelled demo article"
    assert len(stats["languages"]) > 1
    assert "articles by language" in result.stdout
    assert "rejected" in result.stdout


def test_demo_without_db_uses_a_new_temporary_file(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    match = re.search(r"database: (\S+)", result.stdout)
    assert match and Path(match.group(1)).exists()
    assert Path(match.group(1)).is_relative_to(tmp_path)


def test_demo_ends_with_the_trace_of_the_seed_shaped_relay(tmp_path: Path):
    labels = json.loads((Path(__file__).parents[1] / "fixtures" / "demo_labels.json").read_text())
    seed = next(a for a in labels["articles"] if a["url"] == labels["seed_shaped"]["url"])
    origin = next(a for a in labels["articles"] if a["url"] == seed["origin"])
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.output
    trace = result.stdout.split("Trace of the seed-shaped relay", 1)[1].split("Explore it:")[0]
    assert origin["outlet"] in trace, "the tree names the origin outlet"
    hours = seed["lag_minutes_from_origin"] / 60
    assert f"+{hours:.1f} h" in trace, "the lag from the origin is shown"
    assert "Aligned passages of the nearest relation" in trace
    assert max(len(line) for line in trace.splitlines()) <= 100
