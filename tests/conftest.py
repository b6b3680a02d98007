"""Shared fixtures: fictional articles and a fresh SQLite store per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factories import make_article
from relaytrace.store.sqlite import SQLiteStore
from tiny_embedding_model import build_tiny_model


def concrete_store_class() -> type[SQLiteStore]:
    """The store class to instantiate in tests (all its mixins are in place now)."""
    return SQLiteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "corpus.db") as s:
        yield s


@pytest.fixture
def article_factory():
    return make_article


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A tiny sentence-transformers model on disk (skips without the [embeddings] extra)."""
    pytest.importorskip("sentence_transformers")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        return str(build_tiny_model(tmp_path_factory.mktemp("embeddings")))
