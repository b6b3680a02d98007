"""The statements and quotes commands over a real SQLite file, and render_statements."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from relaytrace.cli import app
from relaytrace.cli.statements import render_statements
from relaytrace.errors import NotFoundError
from relaytrace.model import Article, Relation
from relaytrace.store import open_store
from relaytrace.trace.statements import extract_statements, link_statements

T0 = datetime(2026, 5, 11, 7, 0, tzinfo=UTC)
ORIGIN = (
    "Water board chair Mira Solt said that 300 homes near Lake Orvel were evacuated.",
    '"The dykes held, but the lake is still rising," Solt told Radio Kessling.',
)
COPY = (
    "Water board chair Mira Solt said that 320 homes near Lake Orvel were evacuated.",
    '"The dykes held, but the lake is still rising," Solt told Radio Kessling.',
)
runner = CliRunner()


def art(key: str, site: str, paragraphs: tuple[str, ...], minutes: int) -> Article:
    return Article(
        url=f"https://{site}/{key}",
        site=site,
        title="Lake Orvel evacuations",
        paragraphs=paragraphs,
        lang="en",
        published=T0 + timedelta(minutes=minutes),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "rt.db"
    with open_store(path) as store:
        a, b = store.add_articles(
            [
                art("orvel", "kesslingwire.example", ORIGIN, 0),
                art("orvel-copy", "briefnow.example", COPY, 15),
            ]
        )
        store.put_relations(
            [Relation(a.id, b.id, "copy", 0.95, 1.0, 1.0, ((0, 0, 0.7), (1, 1, 1.0)))]
        )
    return path


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_statements_json_by_id(db: Path) -> None:
    rows = json.loads(run("statements", "1", "--db", str(db), "--format", "json"))
    assert [(r["kind"], r["speaker"], r["verb"]) for r in rows] == [
        ("reported", "Mira Solt", "said"),
        ("direct", "Mira Solt", "told"),
    ]
    assert rows[1]["venue"] == "Radio Kessling"
    assert rows[0]["copies"] == 2 and rows[0]["first_article"] == 1


def test_statements_by_url_show_the_changed_number_in_the_copy(db: Path) -> None:
    out = run("statements", "https://briefnow.example/orvel-copy", "--db", str(db), "-f", "jsonl")
    first = json.loads(out.splitlines()[0])
    assert first["first_article"] == 1
    assert first["changes"] == ["number changed: 300 → 320"]


def test_statements_are_stored_once_extracted(db: Path) -> None:
    run("statements", "1", "--db", str(db), "--format", "json")
    with open_store(db) as store:
        assert len(list(store.statements(article=1))) == 2


def test_quotes_by_surname_across_the_corpus_in_csv(db: Path) -> None:
    run("statements", "--all", "--db", str(db), "--format", "json")
    rows = list(
        csv.DictReader(
            io.StringIO(run("quotes", "--speaker", "SOLT", "--db", str(db), "-f", "csv"))
        )
    )
    assert len(rows) == 4
    assert {r["url"] for r in rows} == {
        "https://kesslingwire.example/orvel",
        "https://briefnow.example/orvel-copy",
    }


def test_statements_table_names_the_speaker(db: Path) -> None:
    out = run("statements", "2", "--db", str(db))
    assert "Mira Solt" in out and "first in article 1" in out


def test_unknown_article_is_a_clear_error(db: Path) -> None:
    result = runner.invoke(app, ["statements", "99", "--db", str(db)])
    assert isinstance(result.exception, NotFoundError)
    assert result.exception.code == "not_found"


def test_render_statements_lists_changes_along_the_chain() -> None:
    origin = Article(url="https://a.example/1", site="a.example", title="t", paragraphs=ORIGIN,
                     lang="en", published=T0, id=1)  # fmt: skip
    copy = Article(url="https://b.example/1", site="b.example", title="t", paragraphs=COPY,
                   lang="en", published=T0 + timedelta(minutes=5), id=2)  # fmt: skip
    chains = link_statements(
        [origin, copy], {1: extract_statements(origin), 2: extract_statements(copy)}
    )
    mine = [s for c in chains for s in c.statements if s.article == 2]
    buffer = io.StringIO()
    render_statements(Console(file=buffer, width=160), copy, mine, chains)
    text = buffer.getvalue()
    assert "number changed: 300 → 320" in text
    assert "Radio Kessling" in text
