"""The realism pages through the command line, as a user runs it: ``ingest`` a folder of
saved pages, then ``relations`` and ``origins --format jsonl``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from harness import FIXTURES, load_labels

ROOT = Path(__file__).resolve().parents[2]
URL = {x["file"].rsplit(".", 1)[0]: x["url"] for x in load_labels()}


def relaytrace(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "RELAYTRACE_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "relaytrace", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ingest(tmp_path: Path, names: list[str]) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in names:
        shutil.copy(FIXTURES / f"{name}.html", pages)
    db = tmp_path / "cli.db"
    done = relaytrace(db, "ingest", str(pages))
    assert done.returncode == 0, done.stderr
    matched = relaytrace(db, "match")
    assert matched.returncode == 0, matched.stderr
    return db


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_drone_depot_chain_through_the_cli(tmp_path: Path) -> None:
    """Origin, an English copy, French and German translations, an Italian translation of the
    French relay, and one independent report: relays found, origin and parents named."""
    names = ["c1_origin_en", "c1_copy_en", "c1_tr_fr", "c1_tr_de", "c1_tr_it", "c1_same_en"]
    db = ingest(tmp_path, names)
    rels = jsonl(relaytrace(db, "relations", "--format", "jsonl").stdout)
    kinds = {frozenset((r["a"], r["b"])): r["kind"] for r in rels}
    assert kinds[frozenset((URL["c1_origin_en"], URL["c1_copy_en"]))] == "copy"
    assert kinds[frozenset((URL["c1_origin_en"], URL["c1_tr_fr"]))] == "translation"
    assert kinds[frozenset((URL["c1_tr_fr"], URL["c1_tr_it"]))] == "translation"
    assert kinds.get(frozenset((URL["c1_origin_en"], URL["c1_same_en"]))) in (None, "same_story")
    done = relaytrace(db, "origins", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = {r["article"]: r for r in jsonl(done.stdout)}
    for name in ("c1_copy_en", "c1_tr_fr", "c1_tr_de", "c1_tr_it"):
        assert rows[URL[name]]["origin"] == URL["c1_origin_en"], name
    assert rows[URL["c1_tr_it"]]["parent"] == URL["c1_tr_fr"]
    assert rows[URL["c1_tr_de"]]["parent"] == URL["c1_origin_en"]


CHINESE_CHAINS = [
    "c3_origin_en",
    "c3_copy_en_amp",
    "c3_tr_ar",
    "c3_tr_zh",
    "c3_tr_es",
    "c3_tr_pt",
    "c6_origin_zh",
    "c6_tr_en",
    "c6_tr_es",
]


@pytest.fixture(scope="module")
def chinese_chains(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """Two chains through Chinese (en→zh among five translations; zh→en→es) in one small store."""
    db = ingest(tmp_path_factory.mktemp("cli-zh"), CHINESE_CHAINS)
    rels = relaytrace(db, "relations", "--format", "jsonl")
    origins = relaytrace(db, "origins", "--format", "jsonl")
    assert origins.returncode == 0, origins.stderr[-800:]
    return {"relations": jsonl(rels.stdout), "origins": jsonl(origins.stdout)}


@pytest.mark.parametrize(("a", "b"), [("c3_origin_en", "c3_tr_zh"), ("c6_origin_zh", "c6_tr_en")])
def test_chinese_translation_found_in_a_small_store(
    chinese_chains: dict[str, list[dict]], a: str, b: str
) -> None:
    pairs = {frozenset((r["a"], r["b"])): r["kind"] for r in chinese_chains["relations"]}
    assert pairs.get(frozenset((URL[a], URL[b]))) == "translation"


def test_no_negative_lag_stated_as_exact(chinese_chains: dict[str, list[dict]]) -> None:
    """A relay published 'before' its parent only because its date is day-only is approximate."""
    for row in chinese_chains["origins"]:
        if row["lag_minutes"] is not None and row["lag_minutes"] < 0:
            assert row["approximate"], row["article"]


def test_origin_outside_the_store_is_named_by_the_credits(
    chinese_chains: dict[str, list[dict]],
) -> None:
    """Whatever the cluster, the Spanish relay's origin is the Chinese daily (by URL or outlet)."""
    row = next(r for r in chinese_chains["origins"] if r["article"] == URL["c6_tr_es"])
    assert row["origin"] == URL["c6_origin_zh"] or row["origin_outlet"] == "huaxia-daily.example"
