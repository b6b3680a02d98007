"""The statements table of the SQLite store: replace per article, search by speaker."""

from __future__ import annotations

import pytest

from factories import make_article
from relaytrace.errors import InputError
from relaytrace.model import Statement
from relaytrace.store.sqlite import SQLiteStore


def stored(store) -> tuple[int, int]:
    a, b = store.add_articles([make_article(1), make_article(2)])
    return a.id, b.id


HOLTBY = Statement("direct", "The dyke held", 0, 13, speaker="Märta Holtby", verb="told",
                   venue="the Quillby Courier", speaker_role="mayor")  # fmt: skip
LAVIN = Statement(
    "reported", "the road opens on Friday", 20, 44, speaker="Пётр Лавин", verb="сказал"
)
UNNAMED = Statement("reported", "40 lorries waited", 50, 67, speaker="the hauliers' union")


def test_statements_round_trip_in_order_with_the_article_id(store) -> None:
    a, _ = stored(store)
    store.put_statements(a, [HOLTBY, LAVIN])
    got = list(store.statements(article=a))
    assert [s.quote for s in got] == ["The dyke held", "the road opens on Friday"]
    assert got[0].article == a
    assert (got[0].speaker_role, got[0].venue, got[0].verb) == (
        "mayor",
        "the Quillby Courier",
        "told",
    )


def test_put_replaces_the_statements_of_one_article_only(store) -> None:
    a, b = stored(store)
    store.put_statements(a, [HOLTBY, LAVIN])
    store.put_statements(b, [UNNAMED])
    store.put_statements(a, [LAVIN])
    assert [s.quote for s in store.statements(article=a)] == ["the road opens on Friday"]
    assert [s.quote for s in store.statements(article=b)] == ["40 lorries waited"]


@pytest.mark.parametrize("query", ["Märta Holtby", "marta holtby", "HOLTBY", "Holtby", "M. Holtby"])
def test_speaker_search_ignores_case_and_accents_and_takes_the_surname(store, query) -> None:
    a, _ = stored(store)
    store.put_statements(a, [HOLTBY, LAVIN, UNNAMED])
    assert [s.speaker for s in store.statements(speaker=query)] == ["Märta Holtby"]


def test_speaker_search_across_scripts(store) -> None:
    a, _ = stored(store)
    store.put_statements(a, [HOLTBY, LAVIN])
    assert [s.speaker for s in store.statements(speaker="Lavin")] == ["Пётр Лавин"]


def test_a_different_first_name_is_another_person(store) -> None:
    a, _ = stored(store)
    store.put_statements(a, [HOLTBY])
    assert list(store.statements(speaker="Jonas Holtby")) == []


def test_a_malformed_statement_is_refused_and_nothing_is_lost(store) -> None:
    a, _ = stored(store)
    store.put_statements(a, [HOLTBY])
    bad = Statement("rumour", "x", 5, 2)  # type: ignore[arg-type]
    with pytest.raises(InputError) as err:
        store.put_statements(a, [LAVIN, bad])
    assert err.value.code == "bad_statement"
    assert [s.quote for s in store.statements(article=a)] == ["The dyke held"]


def test_statements_survive_reopening(tmp_path) -> None:
    path = tmp_path / "corpus.db"
    with SQLiteStore(path) as store:
        (added,) = store.add_articles([make_article(1)])
        store.put_statements(added.id, [HOLTBY])
    with SQLiteStore(path) as store:
        assert [s.speaker for s in store.statements(article=added.id)] == ["Märta Holtby"]
