"""The realism corpus, ingested once per test session into a fresh SQLite file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Run, load_labels, run_corpus


@pytest.fixture(scope="session")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    yield run_corpus(tmp_path_factory.mktemp("realism") / "realism.db")


@pytest.fixture(scope="session")
def labels() -> dict[str, dict]:
    """Labels by fixture name (the file name without its extension)."""
    return {x["file"].rsplit(".", 1)[0]: x for x in load_labels()}
