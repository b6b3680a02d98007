"""The provenance commands end to end over a real SQLite file, and render_provenance."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import networkx as nx
import pytest
from rich.console import Console
from typer.testing import CliRunner

from relaytrace.cli import app
from relaytrace.cli.provenance import render_provenance, show_provenance
from relaytrace.model import Article, Relation, SourceCue
from relaytrace.store import open_store
from relaytrace.trace.report import provenance_for

T0 = datetime(2026, 9, 3, 14, 0, tzinfo=UTC)
PARAS = ("Lake Orvel rose 2.4 metres overnight, the Orvel water board said.",
         "Board chair Mira Solt told Radio Kessling that 300 homes were evacuated.")  # fmt: skip
runner = CliRunner()


def art(key: str, site: str, name: str, minutes: int, lang: str, cues=()) -> Article:
    return Article(url=f"https://{site}/{key}", site=site, site_name=name,
                   title="Lake Orvel floods 300 homes", paragraphs=PARAS, lang=lang,
                   published=T0 + timedelta(minutes=minutes), published_precision="minute",
                   cues=tuple(cues))  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "rt.db"
    suffix = SourceCue("title_suffix", " — Kessling Wire", outlet="Kessling Wire")
    articles = [
        art("orvel", "kesslingwire.example", "Kessling Wire", 0, "en"),
        art("orvel-copy", "briefnow.example", "Brief Now", 12, "en", [suffix]),
        art("orvel-fr", "infoflash.example", "Info Flash", 70, "fr", [suffix]),
        art("orvel-indep", "harbortimes.example", "Harbor Times", 30, "en"),
    ]
    with open_store(path) as store:
        o, c, f, i = (r.id for r in store.add_articles(articles))
        store.put_relations([
            Relation(o, c, "copy", 0.99, 1.0, 1.0),
            Relation(o, f, "translation", 0.94, 1.0, 1.0),
            Relation(c, f, "translation", 0.93, 1.0, 1.0),
            Relation(o, i, "same_story", 0.5, 0.3, 0.3),
            Relation(c, i, "same_story", 0.5, 0.3, 0.3),
            Relation(f, i, "same_story", 0.5, 0.3, 0.3),
        ])  # fmt: skip
    return path


def lines(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(x) for x in result.stdout.splitlines() if x.strip()]


def test_origins_jsonl(db: Path):
    rows = {
        r["article"]: r
        for r in lines(runner.invoke(app, ["origins", "--db", str(db), "-f", "jsonl"]))
    }
    fr = rows["https://infoflash.example/orvel-fr"]
    assert fr["origin"] == "https://kesslingwire.example/orvel"
    assert fr["origin_outlet"] == "Kessling Wire"
    assert fr["parent"] == "https://kesslingwire.example/orvel" and fr["lag_minutes"] == 70
    assert 0 < fr["confidence"] <= 0.99 and fr["evidence"]
    assert set(rows) == {"https://kesslingwire.example/orvel", "https://briefnow.example/orvel-copy",
                         "https://infoflash.example/orvel-fr"}  # fmt: skip


def test_origins_flag_watchlisted_outlets(db: Path, tmp_path: Path):
    wl = tmp_path / "wl.toml"
    wl.write_text('[[outlet]]\nname = "Kessling Wire"\ndomains = ["kesslingwire.example"]\n')
    rows = lines(
        runner.invoke(app, ["origins", "--db", str(db), "-f", "jsonl", "--watchlist", str(wl)])
    )
    assert {r["watchlist"] for r in rows} == {"Kessling Wire"}


def test_a_bad_watchlist_is_a_clear_error(db: Path, tmp_path: Path):
    wl = tmp_path / "wl.toml"
    wl.write_text("[[outlet]]\n")
    result = runner.invoke(app, ["outlets", "--db", str(db), "--watchlist", str(wl)])
    assert result.exit_code != 0
    assert result.exception.code == "bad_watchlist"


def test_stories_jsonl(db: Path):
    rows = lines(runner.invoke(app, ["stories", "--db", str(db), "-f", "jsonl"]))
    assert len(rows) == 4 and len({r["story"] for r in rows}) == 1
    assert "Orvel" in rows[0]["label"] or "Solt" in rows[0]["label"]


def test_outlets_table_and_one_site(db: Path):
    result = runner.invoke(app, ["outlets", "--db", str(db)])
    assert result.exit_code == 0 and "Outlets" in result.stdout
    listing = {
        r["site"]: r for r in lines(runner.invoke(app, ["outlets", "--db", str(db), "-f", "jsonl"]))
    }
    assert listing["infoflash.example"]["top_origin"] == "kesslingwire.example"
    assert listing["infoflash.example"]["relay_share"] == 1.0
    assert listing["harbortimes.example"]["relays"] == 0
    rows = lines(
        runner.invoke(app, ["outlets", "infoflash.example", "--db", str(db), "-f", "jsonl"])
    )
    assert len(rows) == 1
    assert rows[0]["origin"] == "kesslingwire.example" and rows[0]["count"] == 1
    missing = runner.invoke(app, ["outlets", "nowhere.example", "--db", str(db)])
    assert missing.exit_code != 0


@pytest.mark.parametrize("fmt,reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_network_export_to_a_file(db: Path, tmp_path: Path, fmt, reader):
    out = tmp_path / f"net.{fmt}"
    result = runner.invoke(app, ["network", "--db", str(db), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    g = reader(out)
    assert g.has_edge("infoflash.example", "kesslingwire.example")


def test_network_json_to_stdout(db: Path):
    result = runner.invoke(app, ["network", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0
    assert {e["relay"] for e in json.loads(result.stdout)["edges"]} == {
        "briefnow.example", "infoflash.example"}  # fmt: skip


def test_render_provenance_shows_origin_tree_lags_and_story(db: Path):
    with open_store(db) as store:
        report = provenance_for(store, "https://infoflash.example/orvel-fr")
    buf = io.StringIO()
    render_provenance(Console(file=buf, width=140), report)
    text = buf.getvalue()
    assert "Origin: Kessling Wire [en]" in text
    assert "https://kesslingwire.example/orvel" in text
    assert "+70 min" in text and "+12 min" in text
    assert "Kessling Wire" in text
    assert "independent: Harbor Times" in text


def test_show_provenance_flags_a_watchlisted_origin(db: Path, tmp_path: Path):
    wl = tmp_path / "wl.toml"
    wl.write_text('[[outlet]]\nname = "Kessling Wire"\ndomains = ["kesslingwire.example"]\n'
                  'notes = "fictional wire"\n')  # fmt: skip
    buf = io.StringIO()
    with open_store(db) as store:
        report = show_provenance(
            Console(file=buf, width=140), store, "https://briefnow.example/orvel-copy", wl
        )
    assert report.watch is not None and report.watch.name == "Kessling Wire"
    assert "watchlist: Kessling Wire — fictional wire" in buf.getvalue()


# -- the origin card never presents a guess as certain ------------------------------------


def card(tmp_path: Path, articles: list[Article], pairs: list[tuple[int, int]], url: str) -> str:
    """Store the articles, relate the given pairs as copies, render the card of ``url``."""
    with open_store(tmp_path / "card.db") as store:
        ids = [a.id for a in store.add_articles(articles)]
        store.put_relations([Relation(ids[i], ids[j], "copy", 0.97, 1.0, 1.0) for i, j in pairs])
        report = provenance_for(store, url)
    buf = io.StringIO()
    render_provenance(Console(file=buf, width=140), report)
    return buf.getvalue()


def test_card_origin_in_corpus_with_strong_cues_reads_strong(db: Path):
    with open_store(db) as store:
        report = provenance_for(store, "https://briefnow.example/orvel-copy")
    buf = io.StringIO()
    render_provenance(Console(file=buf, width=140), report)
    assert report.origin is not None and report.origin.confidence >= 0.9
    assert "strong: the evidence agrees" in buf.getvalue()
    assert "credited by 2 of 2 other members" in buf.getvalue()


def test_card_origin_inferred_only_from_time_is_not_certain(tmp_path: Path):
    articles = [
        art("tide", "saltmere.example", "Saltmere Courier", 0, "en"),
        art("tide-a", "quickpost.example", "Quick Post", 40, "en"),
        art("tide-b", "newsroll.example", "News Roll", 95, "en"),
    ]
    text = card(tmp_path, articles, [(0, 1), (0, 2), (1, 2)], "https://quickpost.example/tide-a")
    assert "Origin: Saltmere Courier [en]" in text
    assert "no other member credits it by name or link" in text
    assert "published first" in text
    assert "strong" not in text
    assert "not certain" in text or "not proven" in text or "a guess" in text


def test_card_origin_not_in_corpus_names_the_credited_outlet(tmp_path: Path):
    credit = SourceCue("title_suffix", " — Velmora Press", outlet="Velmora Press")
    articles = [
        art(f"dam-{k}", f"relay{k}.example", f"Relay {k}", 10 * k, "en", [credit]) for k in range(5)
    ]
    pairs = [(i, j) for i in range(5) for j in range(i + 1, 5)]
    text = card(tmp_path, articles, pairs, "https://relay2.example/dam-2")
    assert "Origin not in corpus: Velmora Press" in text
    assert "origin not in corpus; 5 of 5 members credit Velmora Press" in text
    assert "the origin page itself is not in the corpus" in text
    assert "strong" not in text


def test_card_with_conflicting_cues_says_so_and_is_not_certain(tmp_path: Path):
    to_saltmere = SourceCue("title_suffix", " — Saltmere Courier", outlet="Saltmere Courier")
    to_other = SourceCue("title_suffix", " — Dunholt Agency", outlet="Dunholt Agency")
    articles = [
        art("gale", "saltmere.example", "Saltmere Courier", 0, "en"),
        art("gale-a", "quickpost.example", "Quick Post", 30, "en", [to_saltmere]),
        art("gale-b", "newsroll.example", "News Roll", 60, "en", [to_other]),
    ]
    text = card(tmp_path, articles, [(0, 1), (0, 2), (1, 2)], "https://newsroll.example/gale-b")
    assert "Origin: Saltmere Courier [en]" in text
    assert "conflicting cues: 1 member(s) credit Dunholt Agency instead" in text
    assert "strong" not in text
