"""Optional embeddings: clear errors without the extra or the model; a real model when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relaytrace.errors import InputError
from relaytrace.match.embeddings import SentenceEmbedder


def test_a_missing_model_path_is_a_clear_error_and_nothing_is_downloaded(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        SentenceEmbedder(str(tmp_path / "no-such-model"))
    assert err.value.code == "model_not_found"


def test_similar_sentences_score_higher_with_a_real_model() -> None:
    pytest.importorskip("sentence_transformers")
    path = os.environ.get("RELAYTRACE_TEST_EMBEDDING_MODEL")
    if not path:
        pytest.skip("set RELAYTRACE_TEST_EMBEDDING_MODEL to a local sentence-transformers model")
    from relaytrace.match.embeddings import similarity

    model = SentenceEmbedder(path)
    sims = similarity(
        model,
        ["The harbour tunnel was approved on Tuesday."],
        ["Le tunnel du port a été approuvé mardi.", "Ferries will run every hour."],
    )
    assert sims[0, 0] > sims[0, 1]
