"""Eval gate for provenance: origins, parents, stories and the outlet network on the devset.

Runs the real path for both forms of the devset (``corpus.jsonl`` and the HTML
pages, which carry source links): ingest with matching after each batch, then
``corpus_provenance`` as the ``origins``/``stories``/``outlets`` commands use it,
scored by the devset's own scorer. ``benchmarks/provenance_devset.py`` prints
the full figures through the command line.

Minimums: origin accuracy ≥ 0.95 on both paths; parent accuracy ≥ 0.85 on both
(measured 0.958 on HTML, 0.866 on plain text, which has no source links to
follow: there a translation of a translation is told only by spelling,
structure and cuts);
story pairwise F1 ≥ 0.95 (0.94 for HTML, where extraction drops a few pages).
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from relaytrace import service
from relaytrace.match.matcher import match_articles
from relaytrace.trace.report import corpus_provenance, origin_rows, story_rows
from shared_paths import DEVSET

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (DEVSET / "gold.jsonl").exists(), reason="devset not available"),
]

MINIMUMS = {
    "jsonl": {"origin": 0.95, "parent": 0.85, "story": 0.95},
    "html": {"origin": 0.95, "parent": 0.85, "story": 0.94},
}


def _scorer():
    spec = importlib.util.spec_from_file_location("devset_score", DEVSET / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module", params=["jsonl", "html"])
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    from relaytrace.store.sqlite import SQLiteStore

    source = DEVSET / ("corpus.jsonl" if request.param == "jsonl" else "html")
    tmp = tmp_path_factory.mktemp(f"prov-{request.param}")
    with SQLiteStore(tmp / "dev.db") as store:
        service.ingest_paths(store, [str(source)], after_batch=match_articles, batch_size=50)
        urls = {a.id: a.url for a in store.iter_articles()}
        relations = [{"a": urls[r.a], "b": urls[r.b], "kind": r.kind} for r in store.relations()]
        prov = corpus_provenance(store)
    scorer = _scorer()
    gold = scorer.load_jsonl(DEVSET / "gold.jsonl")
    report = scorer.score(gold, relations, origin_rows(prov), story_rows(prov))
    print(request.param, {k: report[k] for k in ("origin_accuracy", "parent_accuracy")})
    return {"path": request.param, "report": report, "network": prov.network(), "gold": gold}


def test_origin_accuracy(run: dict) -> None:
    assert run["report"]["origin_accuracy"] >= MINIMUMS[run["path"]]["origin"]


def test_parent_accuracy(run: dict) -> None:
    assert run["report"]["parent_accuracy"] >= MINIMUMS[run["path"]]["parent"]


def test_story_clustering_f1(run: dict) -> None:
    assert run["report"]["story_clustering"]["f1"] >= MINIMUMS[run["path"]]["story"]


def _truth(gold: list[dict]) -> tuple[dict[str, Counter[str]], set[str]]:
    """Per relay site, how many relays of each origin site; and the independent outlets."""
    origin_site = {g["story"]: g["site"] for g in gold if g["role"] == "origin"}
    relays: dict[str, Counter[str]] = defaultdict(Counter)
    for g in gold:
        if g["role"] in ("copy", "translation"):
            relays[g["site"]][origin_site[g["story"]]] += 1
    taken = set(relays) | set(origin_site.values())
    independent = {g["site"] for g in gold if g["site"] not in taken}
    return relays, independent


def test_each_relay_site_depends_most_on_the_origin_it_really_relays(run: dict) -> None:
    net = run["network"]
    relays, _ = _truth(run["gold"])
    for site, counts in relays.items():
        if sum(counts.values()) < 2:
            continue  # a single relay says nothing about dependence
        top = net.top_origin(site)
        assert counts.get(top, 0) == max(counts.values()), (site, top, counts)


def test_communities_separate_relay_sites_from_independent_outlets(run: dict) -> None:
    net = run["network"]
    relays, independent = _truth(run["gold"])
    relay_communities = {net.sites[s].community for s in relays if s in net.sites} - {-1}
    assert relay_communities, "relay sites fall in no community"
    for site in independent:
        if site in net.sites:
            assert net.sites[site].community not in relay_communities, site


# -- the demo corpus's seed-shaped chain --------------------------------------

DEMO_LABELS = Path(__file__).parent / "fixtures" / "demo_labels.json"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from relaytrace.cli.demo import bundled_corpus, corpus_paths
    from relaytrace.store.sqlite import SQLiteStore

    labels = json.loads(DEMO_LABELS.read_text(encoding="utf-8"))
    with SQLiteStore(tmp_path_factory.mktemp("demo") / "demo.db") as store:
        paths = corpus_paths(bundled_corpus())
        service.ingest_paths(store, paths, after_batch=match_articles, batch_size=50)
        prov = corpus_provenance(store)
    rows = {r["article"]: r for r in origin_rows(prov)}
    main = [a for a in labels["articles"] if a["story"] == labels["main_story"]]
    return {"rows": rows, "main": main, "seed": labels["seed_shaped"]["url"]}


def test_demo_chain_origin_parents_and_lags_to_the_minute(demo: dict) -> None:
    relays = [a for a in demo["main"] if a["role"] in ("copy", "translation")]
    assert demo["seed"] in {a["url"] for a in relays}
    for a in relays:
        row = demo["rows"].get(a["url"])
        assert row is not None, f"{a['id']} is in no relay cluster"
        assert row["origin"] == a["origin"], a["id"]
        assert row["parent"] == a["relay_of"], a["id"]
        assert row["lag_minutes"] == a["lag_minutes_from_parent"], a["id"]
        assert row["origin_lag_minutes"] == a["lag_minutes_from_origin"], a["id"]
