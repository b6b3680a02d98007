"""The relay commands as a user runs them: match, relations in every format, trace."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from relaytrace.cli import app

runner = CliRunner()

EN = (
    "The port authority of Tarrow approved a 4.8 billion euro tunnel under the harbour on "
    "Tuesday, ending a dispute that had lasted since 2019.\n\n"
    "Authority chair Imelda Voskuijl said the vote passed by 17 votes to 6 after a debate of "
    "almost nine hours.\n\n"
    '"This tunnel will take 42,000 lorries a day off the streets of Tarrow," Voskuijl told '
    "the Harbour Gazette.\n\n"
    "Construction is due to start in 2027 and the tunnel should open to traffic in 2031.\n\n"
    "The engineering firm Quellhaven Bau will build the 3.2 kilometre tube."
)
FR = (
    "L'autorité portuaire de Tarrow a approuvé mardi un tunnel de 4,8 milliards d'euros sous "
    "le port, mettant fin à un différend qui durait depuis 2019.\n\n"
    "La présidente de l'autorité, Imelda Voskuijl, a déclaré que le vote avait été acquis par "
    "17 voix contre 6 après un débat de près de neuf heures.\n\n"
    "« Ce tunnel retirera 42 000 camions par jour des rues de Tarrow », a déclaré Voskuijl à la "
    "Harbour Gazette.\n\n"
    "Les travaux doivent commencer en 2027 et le tunnel devrait ouvrir à la circulation en "
    "2031.\n\n"
    "La société d'ingénierie Quellhaven Bau construira le tube de 3,2 kilomètres."
)
OTHER = (
    "The Calloway ferry will run every hour from May, the island council said on Friday.\n\n"
    "Councillor Brannoc Ives said 8,000 passengers a day were expected in the summer."
)
URL_EN = "https://harbourwire.example/2026/03/tunnel"
URL_FR = "https://relais-infos.example/2026/03/tunnel"


def record(url: str, title: str, text: str, published: str) -> dict[str, str]:
    site = url.split("/")[2]
    return {
        "url": url,
        "site": site,
        "site_name": site,
        "title": title,
        "text": text,
        "published": published,
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    rows = [
        record(URL_EN, "Tarrow approves harbour tunnel", EN, "2026-03-02T08:00:00Z"),
        record(URL_FR, "Tarrow approuve le tunnel du port", FR, "2026-03-02T09:30:00Z"),
        record("https://islandnews.example/ferry", "Hourly ferry", OTHER, "2026-03-01T10:00:00Z"),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    database = tmp_path / "r.db"
    assert runner.invoke(app, ["ingest", str(path), "--db", str(database)]).exit_code == 0
    result = runner.invoke(app, ["match", "--db", str(database)])
    assert result.exit_code == 0, result.output
    return database


def test_relations_as_jsonl_name_urls_kind_and_alignment(db: Path) -> None:
    result = runner.invoke(app, ["relations", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert (row["a"], row["b"], row["kind"]) == (URL_EN, URL_FR, "translation")
    assert 0.5 <= row["score"] <= 1.0
    assert [p[:2] for p in row["aligned"]] == [[k, k] for k in range(5)]


def test_relations_filter_by_kind_and_site_and_render_csv_and_table(db: Path) -> None:
    none = runner.invoke(app, ["relations", "--db", str(db), "--kind", "copy", "-f", "jsonl"])
    assert none.stdout == ""
    other_site = runner.invoke(
        app, ["relations", "--db", str(db), "--site", "islandnews.example", "-f", "json"]
    )
    assert json.loads(other_site.stdout) == []
    as_csv = runner.invoke(app, ["relations", "--db", str(db), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows[0]["kind"] == "translation"
    table = runner.invoke(app, ["relations", "--db", str(db)], env={"COLUMNS": "240"})
    assert "translation" in table.stdout


def test_trace_shows_the_aligned_passages_side_by_side(db: Path) -> None:
    result = runner.invoke(app, ["trace", URL_FR, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "translation" in result.stdout
    assert "Voskuijl" in result.stdout and "Quellhaven" in result.stdout


def test_trace_ingests_a_new_file_first(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.jsonl"
    copy.write_text(
        json.dumps(record("https://copycat.example/tunnel", "Tunnel", EN, "2026-03-02T11:00:00Z"))
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["trace", str(copy), "--db", str(db), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines()}
    assert kinds == {"copy", "translation"}


def test_trace_of_an_unknown_article_is_a_clear_error(db: Path) -> None:
    result = runner.invoke(app, ["trace", "https://nowhere.example/x", "--db", str(db)])
    assert result.exit_code != 0
    assert "no stored article" in str(result.exception)


def test_match_and_trace_take_a_local_embedding_model(db: Path, tiny_model: str) -> None:
    result = runner.invoke(app, ["match", "--db", str(db), "--embedding-model", tiny_model])
    assert result.exit_code == 0, result.output
    rows = runner.invoke(app, ["relations", "--db", str(db), "-f", "jsonl"]).stdout.splitlines()
    assert [json.loads(r)["kind"] for r in rows] == ["translation"]
    traced = runner.invoke(
        app,
        ["trace", URL_FR, "--db", str(db), "-f", "jsonl"],
        env={"RELAYTRACE_EMBEDDING_MODEL": tiny_model},
    )
    assert traced.exit_code == 0, traced.output
    assert [json.loads(r)["kind"] for r in traced.stdout.splitlines()] == ["translation"]


def test_a_missing_embedding_model_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["trace", URL_FR, "--db", str(db), "--embedding-model", str(tmp_path / "none")]
    )
    assert result.exit_code != 0
    assert "never downloads" in result.output + str(result.exception)
