"""Fixture databases for the API and browser tests, built with the real pipeline.

``small_db``: a handful of fictional articles of our own (an English origin, a
copy, a French translation, an unrelated piece and a hostile page whose title,
body, cues and links carry script, event-handler, ``javascript:`` and
right-to-left override payloads), ingested and matched for real.
``demo_db``: the bundled demo corpus, ingested and matched once per session.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from relaytrace import service
from relaytrace.cli.demo import bundled_corpus, corpus_paths
from relaytrace.ingest.pipeline import ingest
from relaytrace.match.matcher import match_articles
from relaytrace.model import RawDocument
from relaytrace.store import open_store

ORIGIN_TEXT = (
    "Harbour authorities in Quellmark said on Tuesday that 412 containers were stranded "
    "after the Ostwind storm closed the port for three days.\n\n"
    "Port director Ilsa Varnholm told the Quellmark Courier that cranes would restart "
    "on Friday, once inspectors from the Tessaly Maritime Board had checked 17 berths.\n\n"
    "The closure cost shippers an estimated 38 million crowns, according to the "
    "Quellmark Chamber of Commerce, which asked for a relief fund.\n\n"
    "Fishermen in nearby Brisk Harbour reported losing 60 boats, and the town council "
    "of Brisk opened two shelters for families whose homes were flooded."
)
TRANSLATION_TEXT = (
    "Les autorités portuaires de Quellmark ont déclaré mardi que 412 conteneurs étaient "
    "bloqués après que la tempête Ostwind a fermé le port pendant trois jours.\n\n"
    "La directrice du port, Ilsa Varnholm, a déclaré au Quellmark Courier que les grues "
    "redémarreraient vendredi, une fois que les inspecteurs du Tessaly Maritime Board "
    "auraient vérifié 17 postes d'amarrage.\n\n"
    "La fermeture a coûté aux expéditeurs environ 38 millions de couronnes, selon la "
    "Chambre de commerce de Quellmark, qui a demandé un fonds d'aide.\n\n"
    "Les pêcheurs de Brisk Harbour ont signalé la perte de 60 bateaux, et le conseil "
    "municipal de Brisk a ouvert deux abris pour les familles dont les maisons ont été "
    "inondées.\n\nLien source"
)
UNRELATED_TEXT = (
    "The Velden botanical garden opened a glasshouse for desert plants on Saturday.\n\n"
    "Curator Orin Maslow said the collection of 230 cacti came from private donors "
    "and would be free to visit until the end of the month."
)
HOSTILE_TITLE = (
    "Storm \u202egnp.exe\u202c <script>window.__pwned=1</script>"
    ' "><img src=x onerror="window.__pwned=2">'
)
HOSTILE_BODY = (
    "<script>window.__pwned = 3; alert('x')</script> Harbour authorities in Quellmark "
    "said on Tuesday that 412 containers were stranded after the Ostwind storm closed "
    "the port for three days.\n\n"
    '<img src=x onerror="window.__pwned=4"> Port director Ilsa Varnholm told the '
    "Quellmark Courier that cranes would restart on Friday \u202eyadsruht\u202c.\n\n"
    '<a href="javascript:window.__pwned=5">click</a> {{ 7*7 }} <svg onload="window.__pwned=6">'
    "\n\nRead Full Article at javascript:window.__pwned=7"
)

RECORDS = [
    {
        "url": "https://quellmarkcourier.example/2026/03/10/port-storm",
        "site_name": "Quellmark Courier",
        "title": "Storm strands 412 containers in Quellmark port",
        "published": "2026-03-10T08:00:00+00:00",
        "lang": "en",
        "text": ORIGIN_TEXT,
    },
    {
        "url": "https://autonewsfeed.example/port-storm-copy",
        "site_name": "Auto News Feed",
        "title": "Storm strands 412 containers in Quellmark port — Quellmark Courier",
        "published": "2026-03-10T09:30:00+00:00",
        "lang": "en",
        "text": ORIGIN_TEXT
        + "\n\nRead Full Article at https://quellmarkcourier.example/2026/03/10/port-storm",
    },
    {
        "url": "https://actuflash.example/tempete-port",
        "site_name": "Actu Flash",
        "title": "La tempête bloque 412 conteneurs dans le port de Quellmark — Quellmark Courier",
        "published": "2026-03-10T13:15:00+00:00",
        "lang": "fr",
        "text": TRANSLATION_TEXT,
    },
    {
        "url": "https://veldenpost.example/glasshouse",
        "site_name": "Velden Post",
        "title": "Velden garden opens a desert glasshouse",
        "published": "2026-03-12T10:00:00+00:00",
        "lang": "en",
        "text": UNRELATED_TEXT,
    },
    {
        "url": "https://hostile.example/x?<script>alert(1)</script>",
        "site_name": "Hostile \u202eNews<script>",
        "title": HOSTILE_TITLE,
        "published": "2026-03-10T15:00:00+00:00",
        "lang": "en",
        "text": HOSTILE_BODY,
    },
]

HOSTILE_URL = RECORDS[4]["url"]


def build_small(path: Path) -> None:
    items = [RawDocument(f"fixture:{i}", "record", dict(r)) for i, r in enumerate(RECORDS)]
    with open_store(path) as store:
        report = ingest(store, items, after_batch=match_articles)
        assert report.total_rejected == 0, report.examples


def build_demo(path: Path) -> None:
    with open_store(path) as store:
        paths = corpus_paths(bundled_corpus())
        service.ingest_paths(store, paths, after_batch=match_articles)


@pytest.fixture(scope="session")
def small_db_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("small") / "small.db"
    build_small(path)
    return path


@pytest.fixture
def small_db(small_db_master: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy, so a test that writes leaves the others alone."""
    copy = tmp_path / "small.db"
    shutil.copy(small_db_master, copy)
    yield copy


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path)
    return path
