"""Optional embeddings: clear errors, and the real library path on a tiny model built
here (see ``tests/tiny_embedding_model.py``)."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import numpy as np
import pytest
from relay_stories import (
    ORIGIN_EN,
    ORIGIN_FR,
    corpus,
)

from relaytrace.errors import InputError
from relaytrace.match.embeddings import SentenceEmbedder, embedder, similarity
from relaytrace.match.matcher import match_articles
from relaytrace.match.options import MatchOptions
from tiny_embedding_model import HIDDEN, OWN


def test_a_missing_model_path_is_a_clear_error_and_nothing_is_downloaded(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        SentenceEmbedder(str(tmp_path / "no-such-model"))
    assert err.value.code == "model_not_found"


def test_without_the_extra_a_model_path_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    with pytest.raises(InputError) as err:
        SentenceEmbedder(str(tmp_path))
    assert err.value.code == "embeddings_unavailable"


def test_the_saved_model_loads_offline_and_embeds_to_unit_length(
    tiny_model: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object) -> None:
        raise AssertionError(f"the model tried to reach the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    model = SentenceEmbedder(tiny_model)
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    vectors = model.encode(OWN)
    assert vectors.shape == (len(OWN), HIDDEN) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert model.encode([]).shape[0] == 0


def test_identical_sentences_score_one_and_sentences_without_common_words_less(
    tiny_model: str,
) -> None:
    model = SentenceEmbedder(tiny_model)
    same, other, translated = similarity(model, [OWN[0]], list(OWN))[0]
    assert same == pytest.approx(1.0, abs=1e-4)
    assert other < 0.5
    assert translated > 0.9  # tunnel, port, approuvé, mardi: the dictionary's words
    assert similarity(model, [], list(OWN)).shape == (0, len(OWN))


def test_a_sentence_is_closer_to_its_translation_than_to_other_sentences(tiny_model: str) -> None:
    sims = similarity(SentenceEmbedder(tiny_model), list(ORIGIN_EN), list(ORIGIN_FR))
    assert sims.shape == (len(ORIGIN_EN), len(ORIGIN_FR))
    assert ((sims >= 0) & (sims <= 1)).all()
    assert (sims.argmax(axis=1) == np.arange(len(ORIGIN_EN))).all()
    off = sims[~np.eye(len(ORIGIN_EN), dtype=bool)]
    assert np.diag(sims).min() > off.max() + 0.3


def _relations(store, options: MatchOptions | None) -> tuple[dict, dict]:
    arts = corpus()
    added = store.add_articles(list(arts.values()))
    role = {r.id: name for name, r in zip(arts, added, strict=True)}
    match_articles(store, list(role), options)
    found = {frozenset((role[r.a], role[r.b])): r for r in store.relations()}
    return {pair: r.kind for pair, r in found.items()}, found


def test_matching_with_the_model_keeps_the_relations_and_changes_the_scores(
    tiny_model: str, tmp_path: Path
) -> None:
    from relaytrace.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "plain.db") as plain, SQLiteStore(tmp_path / "emb.db") as emb:
        kinds, without = _relations(plain, None)
        kinds_emb, with_model = _relations(emb, MatchOptions(embedding_model=tiny_model))
    assert kinds_emb == kinds  # a term in the pair scores, not a switch
    pair = frozenset(("origin", "fr"))
    assert kinds[pair] == "translation"
    scores = {(i, j): s for i, j, s in without[pair].aligned}
    scores_emb = {(i, j): s for i, j, s in with_model[pair].aligned}
    assert scores_emb.keys() == scores.keys()
    # the model scores each sentence and its translation near 1: mixed in, every pair rises
    assert all(scores_emb[ij] > scores[ij] + 0.01 for ij in scores)
    assert embedder.cache_info().currsize >= 1  # the matcher loaded it once, through the cache


def test_a_users_own_model_pairs_a_sentence_with_its_translation() -> None:
    """An extra check on a real multilingual model (e.g. LaBSE) the user has on disk."""
    pytest.importorskip("sentence_transformers")
    path = os.environ.get("RELAYTRACE_TEST_EMBEDDING_MODEL")
    if not path:
        pytest.skip("set RELAYTRACE_TEST_EMBEDDING_MODEL to a local sentence-transformers model")
    sims = similarity(
        SentenceEmbedder(path),
        [OWN[0]],
        [OWN[2], OWN[1]],
    )
    assert sims[0, 0] > sims[0, 1]
