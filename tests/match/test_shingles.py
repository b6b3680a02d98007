"""Words, token sets and shingles: folded, order-aware, the same however they are reached."""

from __future__ import annotations

import numpy as np

from relaytrace.match import shingles
from relaytrace.match.shingles import (
    hash_columns,
    shingle_hashes,
    sorted_unique,
    token_hashes,
    word_set_arrays,
    word_set_hashes,
    words,
)


def test_words_are_folded_and_each_cjk_character_is_a_word() -> None:
    assert words("L'Été à Tarrow, 北约") == ["l", "ete", "a", "tarrow", "北", "约"]


def test_short_latin_words_do_not_count_as_tokens() -> None:
    assert token_hashes("It is a pier") == token_hashes("pier")
    assert token_hashes("北") != frozenset()


def test_token_sets_from_split_words_equal_those_from_text() -> None:
    text = "The mayor of Tarrow, Ilse Vosk, opened the new pier on Tuesday."
    assert word_set_hashes(words(text)) == token_hashes(text)


def test_the_sets_of_a_whole_article_at_once_equal_those_of_each_sentence() -> None:
    texts = [
        "The mayor of Tarrow opened the new pier; the pier is long.",
        "",
        "It is so.",  # only words too short to count
        "L'Été à Tarrow, 北约",
        "The pier opened.",
    ]
    split = [words(t) for t in texts]
    distinct, index, counts = word_set_arrays(split)
    assert counts.tolist() == [len(token_hashes(t)) for t in texts]
    assert distinct.tolist() == sorted(frozenset().union(*map(token_hashes, texts)))
    bounds = [0, *counts.cumsum().tolist()]
    for k, text in enumerate(texts):
        assert set(distinct[index[bounds[k] : bounds[k + 1]]].tolist()) == token_hashes(text)
    assert [a.size for a in word_set_arrays([[], ["it"]])] == [0, 0, 2]


def test_shingles_keep_word_order() -> None:
    a = shingle_hashes(["the", "pier", "opened", "today"], 3)
    b = shingle_hashes(["pier", "the", "opened", "today"], 3)
    assert len(a) == 2
    assert set(a.tolist()).isdisjoint(b.tolist())


def test_a_text_shorter_than_a_shingle_still_has_one() -> None:
    assert len(shingle_hashes(["pier"], 3)) == 1
    assert len(shingle_hashes([], 3)) == 0


def test_hash_columns_give_each_words_hashes_in_order() -> None:
    h32, h64 = hash_columns(["pier", "it", "pier", "北"])
    assert h32[0] == h32[2] != 0 and h32[1] == 0  # "it" is too short to count
    assert h64[0] == h64[2] and h64.dtype == np.uint64
    tokens = ["the", "pier", "opened", "today"]
    assert shingle_hashes(tokens, 3, hash_columns(tokens)[1]).tolist() == (
        shingle_hashes(tokens, 3).tolist()
    )


def test_a_full_word_table_starts_afresh_and_gives_the_same_hashes() -> None:
    before = hash_columns(["mayor", "pier"])
    table = shingles._WORDS
    limit, table.limit = table.limit, len(table)
    try:
        again = hash_columns(["pier", "mayor"])
        assert len(table) == 2
    finally:
        table.limit = limit
    assert again[0].tolist() == before[0].tolist()[::-1]
    assert again[1].tolist() == before[1].tolist()[::-1]


def test_sorted_unique_is_numpys_unique() -> None:
    rng = np.random.default_rng(3)
    for size in (0, 1, 2, 50, 700):
        values = rng.integers(0, 40, size=size).astype(np.int64)
        assert sorted_unique(values).tolist() == np.unique(values).tolist()


def test_threads_that_meet_new_words_together_get_each_words_own_hashes() -> None:
    import sys
    import threading
    from concurrent.futures import ThreadPoolExecutor

    start = threading.Barrier(4)

    def hashed(t: int) -> list[tuple[str, int]]:
        start.wait()
        out = []
        for k in range(100):
            batch = [f"thread{t}word{k}x{i}" for i in range(200)]
            out += zip(batch, hash_columns(batch)[0].tolist(), strict=True)
        return out

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, inside lookups too
    try:
        with ThreadPoolExecutor(4) as pool:
            results = [pair for part in pool.map(hashed, range(4)) for pair in part]
    finally:
        sys.setswitchinterval(interval)
    assert all(h == shingles._hash32(word) for word, h in results)
