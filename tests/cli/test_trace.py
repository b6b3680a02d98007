"""``relaytrace trace``: origin and relay tree, aligned passages, statements — for a pasted file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from relaytrace.cli import app

runner = CliRunner()
LABELS = json.loads((Path(__file__).parents[1] / "fixtures" / "demo_labels.json").read_text())
PASTE = (
    Path(__file__).parents[2]
    / "src"
    / "relaytrace"
    / "demo"
    / "corpus"
    / LABELS["seed_shaped"]["paste"]
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("trace") / "demo.db"
    assert runner.invoke(app, ["demo", "--db", str(db)]).exit_code == 0
    return db


def test_trace_of_a_pasted_relay_names_its_origin_tree_passages_and_statements(demo_db: Path):
    result = runner.invoke(app, ["trace", str(PASTE), "--db", str(demo_db)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Origin: Borealis Today [en]" in out
    assert "Made from:" in out and LABELS["seed_shaped"]["url"] in out.replace("\n", "")
    assert "copy score 1.00" in out, "the pasted text is a copy of the stored French relay"
    assert "Eskeland" in out and "a dit" in out, "statements with speaker and verb"


def test_tracing_the_same_file_again_finds_the_stored_copy(demo_db: Path):
    first = runner.invoke(app, ["trace", str(PASTE), "--db", str(demo_db), "-f", "jsonl"])
    again = runner.invoke(app, ["trace", str(PASTE), "--db", str(demo_db), "-f", "jsonl"])
    assert first.exit_code == 0 and again.exit_code == 0, again.output
    assert first.stdout == again.stdout
    kinds = {json.loads(line)["kind"] for line in again.stdout.splitlines()}
    assert {"copy", "translation"} <= kinds


def test_a_lone_relay_says_its_origin_is_not_in_the_corpus_and_what_it_credits(tmp_path: Path):
    relay = tmp_path / "relay.txt"
    relay.write_text(
        "Flash Monde | Infos 24\n\n"
        "Le port de Saltmarsh fermera son vieux quai — Saltmarsh Herald\n\n"
        "L'autorité portuaire de Saltmarsh fermera le vieux quai des ferries le 3 juillet "
        "pour des travaux de 4,2 millions d'euros, a déclaré mardi sa directrice Mirela Vost.\n\n"
        "Les ferries pour Gull Point utiliseront le quai nord pendant 14 semaines.\n\n"
        "Lien source\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["trace", str(relay), "--db", str(tmp_path / "alone.db")], env={"COLUMNS": "120"}
    )
    assert result.exit_code == 0, result.output
    assert "No copy or translation of this text is in the corpus." in result.stdout
    assert "origin is not in the corpus" in result.stdout
    assert "title suffix 'Saltmarsh Herald'" in result.stdout
    assert "source line 'Lien source'" in result.stdout
