"""Statements read from the store, extracted when none are stored."""

from __future__ import annotations

from dataclasses import replace

from factories import make_article
from relaytrace.trace.statements.service import stored_statements


def test_missing_statements_are_extracted_and_stored_unless_told_not_to(store) -> None:
    (added,) = store.add_articles([make_article(1)])
    article = replace(make_article(1), id=added.id)
    read_only = stored_statements(store, article, write=False)
    assert [s.speaker for s in read_only] == ["Oda Renn"]
    assert list(store.statements(article=added.id)) == []  # nothing written
    assert stored_statements(store, article) == list(store.statements(article=added.id))
    assert [s.quote for s in store.statements(article=added.id)] == [s.quote for s in read_only]
