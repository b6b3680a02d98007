"""The relations and match-index tables of the SQLite store."""

from __future__ import annotations

from factories import make_article
from relaytrace.model import Relation
from relaytrace.store.base import MatchEntry


def two_articles(store) -> tuple[int, int]:
    a, b = store.add_articles([make_article(1), make_article(2)])
    return a.id, b.id


def test_one_relation_per_unordered_pair(store) -> None:
    a, b = two_articles(store)
    store.put_relations([Relation(a, b, "copy", 0.9, 1.0, 0.8, ((0, 0, 0.95), (1, 1, 0.5)))])
    store.put_relations([Relation(b, a, "translation", 0.7, 0.6, 0.6)])
    got = list(store.relations())
    assert len(got) == 1
    assert (got[0].a, got[0].b, got[0].kind) == (b, a, "translation")


def test_relations_round_trip_and_filter(store) -> None:
    a, b = two_articles(store)
    rel = Relation(a, b, "copy", 0.9, 1.0, 0.8, ((0, 0, 0.95), (1, 2, 0.5)))
    store.put_relations([rel])
    assert list(store.relations(kind="copy")) == [rel]
    assert list(store.relations(kind="same_story")) == []
    assert list(store.relations(article=b)) == [rel]
    site = store.get_article(a).site
    assert list(store.relations(site=site)) == [rel]
    assert list(store.relations(site="elsewhere.example")) == []
    store.delete_relations_of([a])
    assert list(store.relations()) == []


def test_document_frequencies_follow_indexing_and_reindexing(store) -> None:
    a, b = two_articles(store)
    store.put_match_entries(
        [
            MatchEntry(a, "en", (11, 12), ("e:renn", "n:1957"), b"pa"),
            MatchEntry(b, "fr", (12, 13), ("e:renn",), b"pb"),
        ]
    )
    assert store.anchor_df(["e:renn", "n:1957", "e:none"]) == {"e:renn": 2, "n:1957": 1}
    assert store.band_candidates([12, 13]) == {b: 2, a: 1}
    assert store.anchor_postings(["e:renn", "n:1957", "e:none"]) == {
        "e:renn": [a, b],
        "n:1957": [a],
    }
    assert store.match_profiles([a, b]) == {a: b"pa", b: b"pb"}
    assert store.match_indexed_count() == 2
    # indexing a again replaces its entries; df drops for what it no longer holds
    store.put_match_entries([MatchEntry(a, "en", (14,), ("e:oda",), b"pa2")])
    assert store.anchor_df(["e:renn", "n:1957", "e:oda"]) == {"e:renn": 1, "e:oda": 1}
    assert store.band_candidates([11, 12]) == {b: 1}
    assert store.match_indexed_count() == 2
    store.clear_match_index()
    assert store.match_indexed_count() == 0


def test_stats_report_relations(store) -> None:
    a, b = two_articles(store)
    store.put_relations([Relation(a, b, "same_story", 0.3, 0.2, 0.2)])
    assert store.stats()["relations"] == {"same_story": 1}


def test_indexed_count_is_taken_when_an_older_database_is_migrated(tmp_path) -> None:
    from relaytrace.store.sqlite import SQLiteStore

    path = tmp_path / "count.db"
    first = SQLiteStore(path)
    a, b = two_articles(first)
    first.put_match_entries(
        [MatchEntry(a, "en", (1,), (), b"x"), MatchEntry(b, "en", (2,), (), b"y")]
    )
    # as a database written before version 4 kept the count
    with first.transaction() as conn:
        for trigger in ("match_count_insert", "match_count_delete"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DROP TABLE match_count")
        conn.execute("DELETE FROM schema_version WHERE version = 4")
    first.close()
    again = SQLiteStore(path)
    assert again.match_indexed_count() == 2
    again.put_match_entries([MatchEntry(a, "en", (3,), (), b"x2")])
    assert again.match_indexed_count() == 2
    again.close()


def test_band_rows_wait_in_a_small_table_and_are_merged_in_bulk(store) -> None:
    a, b = two_articles(store)
    (c,) = store.add_articles([make_article(3)])
    store.recent_bands_min = 4  # merge once four rows wait (and the store holds fewer articles)
    waiting = "SELECT count(*) FROM match_bands_recent"
    merged = "SELECT count(*) FROM match_bands"
    store.put_match_entries([MatchEntry(a, "en", (21, 22), (), b"pa")])
    assert store.conn.execute(waiting).fetchone()[0] == 2
    assert store.band_candidates([22, 99]) == {a: 1}  # found while waiting
    store.put_match_entries([MatchEntry(b, "en", (22, 23), (), b"pb")])
    assert store.conn.execute(waiting).fetchone()[0] == 0
    assert store.conn.execute(merged).fetchone()[0] == 4
    store.put_match_entries([MatchEntry(c.id, "en", (23,), (), b"pc")])
    # one band of c waits, the others are merged: lookups count both
    assert store.band_candidates([21, 22, 23]) == {a: 2, b: 2, c.id: 1}
    # reindexing drops an article's old bands wherever they are, anchors or not
    store.put_match_entries([MatchEntry(b, "en", (24,), (), b"pb2")])
    store.put_match_entries([MatchEntry(c.id, "en", (25,), (), b"pc2")])
    assert store.band_candidates([22, 23]) == {a: 1}
    assert store.band_candidates([24, 25]) == {b: 1, c.id: 1}
    store.clear_match_index()
    assert store.conn.execute(waiting).fetchone()[0] == 0
