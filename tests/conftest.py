"""Shared fixtures: fictional articles and a fresh SQLite store per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factories import make_article
from relaytrace.store.sqlite import SQLiteStore


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
