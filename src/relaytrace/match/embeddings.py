"""Optional sentence embeddings: a similarity term from a local model (the ``[embeddings]`` extra).

Off by default. With ``MatchOptions.embedding_model`` set to the path of a
sentence-transformers model on disk (multilingual ones such as LaBSE suit
cross-language relays), the alignment mixes the cosine similarity of sentence
embeddings into every 1-1 pair score (weight ``embedding_weight``). relaytrace
never downloads a model: the path must exist, the Hugging Face hub is put in
offline mode before the library loads, and the model is opened with
``local_files_only=True`` where the installed sentence-transformers takes it
(3.0 and later; older ones rely on offline mode alone), which holds even when
the hub library was imported, and so read its environment, before relaytrace
set offline mode. A model folder's own code is never run
(``trust_remote_code=False``).

Tested with sentence-transformers 6.2 (transformers 5.24, torch 2.13 CPU) on a
tiny BERT that ``tests/match/test_embeddings.py`` builds and saves itself.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from relaytrace.errors import InputError

__all__ = ["SentenceEmbedder", "embedder", "similarity"]


class SentenceEmbedder:
    """A sentence-transformers model loaded from a local path, on CPU."""

    def __init__(self, model_path: str) -> None:
        if not Path(model_path).exists():
            raise InputError(
                f"embedding model not found at {model_path}; relaytrace never downloads models",
                code="model_not_found",
            )
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise InputError(
                "sentence embeddings need the [embeddings] extra (sentence-transformers)",
                code="embeddings_unavailable",
            ) from exc
        offline = {"local_files_only": True} if _takes_local_files_only(SentenceTransformer) else {}
        self.model = SentenceTransformer(
            model_path, device="cpu", trust_remote_code=False, **offline
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text."""
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectors = self.model.encode(list(texts), normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)


def _takes_local_files_only(cls: type) -> bool:
    """Whether this sentence-transformers has ``local_files_only`` (3.0 and later)."""
    return "local_files_only" in inspect.signature(cls.__init__).parameters


@cache
def embedder(model_path: str) -> SentenceEmbedder:
    """The embedder for a model path, loaded once per process."""
    return SentenceEmbedder(model_path)


def similarity(model: SentenceEmbedder, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """Cosine similarity of each sentence of ``a`` with each of ``b``, clipped to [0, 1]."""
    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return np.clip(model.encode(a) @ model.encode(b).T, 0.0, 1.0)
