"""The SQLite store: round trips, versions, filters, search, migrations."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from factories import make_article
from relaytrace.errors import StoreError
from relaytrace.model import Sentence
from relaytrace.store.base import ArticleFilter
from relaytrace.store.migrate import known_migrations
from relaytrace.store.sqlite import SQLiteStore, fts_query


def test_article_round_trips_exactly(store):
    article = make_article(1)
    [result] = store.add_articles([article])
    assert result.status == "added"
    back = store.get_article(result.id)
    assert back == dataclasses.replace(article, id=result.id, version=1)
    assert back.published.utcoffset() is not None
    assert back.published == datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


def test_round_trip_keeps_sentence_text_that_is_not_a_body_slice(store):
    article = make_article(2)
    odd = dataclasses.replace(article.sentences[0], text="normalised sentence text")
    article = dataclasses.replace(article, sentences=(odd, *article.sentences[1:]))
    [result] = store.add_articles([article])
    assert store.get_article(result.id).sentences == article.sentences


def test_round_trip_of_sparse_article(store):
    bare = make_article(3)
    bare = dataclasses.replace(
        bare,
        lang=None,
        canonical_url=None,
        site_name=None,
        subtitle=None,
        published=None,
        published_source=None,
        published_precision=None,
        links=(),
        cues=(),
        sentences=(),
        fetched=None,
        paragraphs=("One paragraph\nwith a line break.", "", "Another."),
    )
    [result] = store.add_articles([bare])
    assert store.get_article(result.id) == dataclasses.replace(bare, id=result.id)


def test_same_url_same_content_is_unchanged_new_content_is_a_new_version(store):
    first = make_article(4)
    [added] = store.add_articles([first])
    [same] = store.add_articles([first])
    assert (same.status, same.id) == ("unchanged", added.id)

    edited = dataclasses.replace(first, paragraphs=(*first.paragraphs, "A correction was added."))
    [updated] = store.add_articles([edited])
    assert updated.status == "updated" and updated.id != added.id

    latest = store.get_article(first.url)
    assert (latest.id, latest.version) == (updated.id, 2)
    assert [a.version for a in store.article_versions(first.url)] == [1, 2]
    assert store.count_articles() == 1
    assert len(list(store.iter_articles(latest_only=False))) == 2


def test_duplicates_within_one_batch_are_resolved_in_order(store):
    a = make_article(5)
    b = dataclasses.replace(a, title="Bridge 5 opens in Quillby, officials say")
    results = store.add_articles([a, a, b])
    assert [r.status for r in results] == ["added", "unchanged", "updated"]


def test_get_article_by_canonical_url_and_missing(store):
    article = make_article(6)
    [result] = store.add_articles([article])
    assert store.get_article(article.canonical_url).id == result.id
    assert store.get_article("https://nowhere.example/") is None
    assert store.get_article(999_999) is None


def test_get_articles_keeps_the_order_asked_and_leaves_out_missing_ids(store):
    ids = [r.id for r in store.add_articles([make_article(n) for n in range(20, 25)])]
    asked = [ids[3], 999_999, ids[0], ids[3], -1, 2**70]
    assert [a.id for a in store.get_articles(asked)] == [ids[3], ids[0], ids[3]]
    assert store.get_articles(ids)[2] == store.get_article(ids[2])
    assert store.get_articles([]) == []


def test_filters_and_listing(store):
    store.add_articles([make_article(n, lang="en" if n % 2 else "fr") for n in range(1, 11)])
    assert store.count_articles(ArticleFilter(lang="fr")) == 5
    assert store.count_articles(ArticleFilter(site="other.example")) == 0
    assert store.count_articles(ArticleFilter(since=datetime(2026, 3, 2, 7, 0, tzinfo=UTC))) == 10
    assert store.count_articles(ArticleFilter(until=datetime(2026, 3, 2, 7, 0, tzinfo=UTC))) == 0
    page = store.list_articles(ArticleFilter(lang="en"), offset=1, limit=2)
    assert [a.url.rsplit("/", 1)[1] for a in page] == ["3", "5"]
    assert store.count_articles(ArticleFilter(query='"bridge number 7"')) == 1
    assert store.count_articles(ArticleFilter(query="( -- )")) == 0


def test_iter_articles_streams_everything_past_one_fetch_chunk(store):
    store.add_articles([make_article(n) for n in range(1, 1203)])
    ids = [a.id for a in store.iter_articles()]
    assert len(ids) == 1202 and ids == sorted(ids)


def test_search_ranks_and_highlights(store):
    store.add_articles([make_article(n) for n in range(1, 4)])
    store.add_articles(
        [make_article(9, body=("The harbour of Quillby flooded after the storm on Tuesday.",))]
    )
    hits = store.search("harbour flooded")
    assert [h.url for h in hits] == ["https://quillby-courier.example/news/9"]
    assert "[harbour]" in hits[0].snippet
    assert len(store.search("Quillby", limit=2)) == 2


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND OR NOT", "NEAR(", "title:bridge", "*", "a -b (c", "'; DROP"]
)
def test_search_survives_fts_syntax_in_user_input(store, query):
    store.add_articles([make_article(1)])
    assert isinstance(store.search(query), list)


def test_fts_query_quotes_terms():
    assert fts_query('bridge "Oda Renn" quil*') == '"bridge" "Oda Renn" "quil"*'
    assert fts_query("--- ()") == ""


def test_search_sees_only_latest_versions(store):
    first = make_article(1, body=("Old wording about the ferry.",))
    store.add_articles([first])
    store.add_articles([dataclasses.replace(first, paragraphs=("New wording about the ferry.",))])
    hits = store.search("ferry")
    assert len(hits) == 1 and "New" in hits[0].snippet


def test_stats(store):
    store.add_articles([make_article(n, lang="en" if n < 3 else "de") for n in range(1, 5)])
    stats = store.stats()
    assert stats["articles"] == 4
    assert stats["languages"] == {"de": 2, "en": 2}
    assert stats["top_sites"] == {"quillby-courier.example": 4}


def test_ingest_log_is_written_with_the_batch(store):
    store.add_articles(
        [make_article(1), make_article(2)],
        keys=["k1", None],
        rejected=[("k3", "no_article")],
    )
    assert store.known_keys(["k1", "k2", "k3", "k4"]) == {"k1", "k3"}


def test_failed_batch_leaves_nothing_behind(store):
    good = make_article(1)
    broken = dataclasses.replace(make_article(2), site=None)  # NOT NULL violated
    with pytest.raises(StoreError):
        store.add_articles([good, broken], keys=["k1", "k2"])
    assert store.count_articles() == 0
    assert store.known_keys(["k1"]) == set()


def test_wal_mode_and_pragmas(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_are_recorded_and_reopening_is_idempotent(tmp_path: Path):
    path = tmp_path / "m.db"
    with SQLiteStore(path) as s:
        s.add_articles([make_article(1)])
    with SQLiteStore(path) as s:
        versions = [r[0] for r in s.conn.execute("SELECT version FROM schema_version")]
        assert versions == [m.version for m in known_migrations()]
        assert s.count_articles() == 1


def test_newer_database_is_refused(tmp_path: Path):
    path = tmp_path / "future.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (9999, 'future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        SQLiteStore(path)
    assert info.value.code == "schema_too_new"


def test_readonly_store_reads_while_writer_is_open(store):
    store.add_articles([make_article(1)])
    reader = SQLiteStore(store.path, readonly=True)
    try:
        assert reader.count_articles() == 1
    finally:
        reader.close()


def test_sentence_offsets_point_into_body(store):
    [result] = store.add_articles([make_article(1)])
    back = store.get_article(result.id)
    assert all(isinstance(s, Sentence) for s in back.sentences)
    assert all(back.body[s.start : s.end] == s.text for s in back.sentences)


def test_open_store_refuses_server_urls_with_a_clear_error(tmp_path):
    from relaytrace.errors import StoreError
    from relaytrace.store import open_store

    with pytest.raises(StoreError, match="SQLite file"):
        open_store("postgresql://analyst@db.example/relays")
    with open_store(tmp_path / "postgres.db") as store:
        assert store.count_articles() == 0


def test_ids_beyond_sqlites_integer_range_are_simply_not_found(store):
    assert store.get_article(2**64) is None
    assert store.get_article(-1) is None
