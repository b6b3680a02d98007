"""Optional embeddings: clear errors, and the real library path on a tiny model built here.

The model is a two-layer BERT of hidden size 32 with a WordPiece vocabulary
written from the matcher's fixture stories, wrapped as a sentence-transformers
model (Transformer + mean Pooling) and saved with ``save()`` into a temporary
folder: nothing is downloaded, and it builds in a couple of seconds. Its weights are
set by hand, not trained: names, figures and a small bilingual dictionary
(harbour/port/Hafen, Tuesday/mardi/Dienstag, …) get random word vectors shared
across languages, every other word a zero vector, positions none, and the two
layers add nothing to the residual stream. A sentence embedding is then, in
effect, the normalised sum of its names, figures and dictionary words: a
sentence and its translation come out close, and sentences without such words
in common far apart.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import numpy as np
import pytest
from relay_stories import (
    INTRO,
    ORIGIN_DE,
    ORIGIN_EN,
    ORIGIN_FR,
    SAME_STORY_EN,
    UNRELATED_EN,
    corpus,
)

from relaytrace.errors import InputError
from relaytrace.match.embeddings import SentenceEmbedder, embedder, similarity
from relaytrace.match.matcher import match_articles
from relaytrace.match.options import MatchOptions

HIDDEN = 32
SPECIAL = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
# Words that share one embedding vector: a tiny bilingual dictionary (lower case, no accents).
SAME_MEANING = (
    ("tunnel",),
    ("harbour", "port", "hafen"),
    ("approved", "approuve", "genehmigt"),
    ("tuesday", "mardi", "dienstag"),
    ("authority", "autorite", "behorde"),
    ("vote", "abstimmung"),
    ("lorries", "camions", "lastwagen"),
    ("wetlands", "humides", "feuchtgebieten"),
)
NAMES = frozenset(
    {
        *("tarrow", "imelda", "voskuijl", "marrowick", "quellhaven", "bau"),
        *("brightwater", "alliance", "gazette", "calloway", "ferries", "hour"),
    }
)
OWN = (
    "The harbour tunnel was approved on Tuesday.",
    "Ferries will run every hour.",
    "Le tunnel du port a été approuvé mardi.",
)
TEXTS = (*ORIGIN_EN, *ORIGIN_FR, *ORIGIN_DE, *INTRO, *SAME_STORY_EN, *UNRELATED_EN, *OWN)


def _build_tiny_model(folder: Path) -> Path:
    """Write a WordPiece vocabulary, a tiny BERT and its sentence-transformers wrapping."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from sentence_transformers import SentenceTransformer
    from tokenizers.normalizers import BertNormalizer
    from tokenizers.pre_tokenizers import BertPreTokenizer

    try:
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:  # older sentence-transformers
        from sentence_transformers.models import Pooling, Transformer

    normalizer, pre = BertNormalizer(lowercase=True), BertPreTokenizer()
    words = sorted({w for t in TEXTS for w, _ in pre.pre_tokenize_str(normalizer.normalize_str(t))})
    vocab = [*SPECIAL, *words]
    hf = folder / "hf"
    hf.mkdir(parents=True)
    (hf / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(str(hf / "vocab.txt"))

    torch.manual_seed(0)
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=HIDDEN,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=2 * HIDDEN,
        max_position_embeddings=128,
    )
    bert = transformers.BertModel(config)
    meaning = {w: group[0] for group in SAME_MEANING for w in group}
    vectors: dict[str, object] = {}
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        table = bert.embeddings.word_embeddings.weight
        table.zero_()
        for index, word in enumerate(vocab):
            if word not in meaning and word not in NAMES and not word.isdigit():
                continue  # no meaning in this model: a zero vector
            key = meaning.get(word, word)
            if key not in vectors:
                vectors[key] = torch.randn(HIDDEN, generator=generator)
            table[index] = vectors[key]
        bert.embeddings.position_embeddings.weight.zero_()
        bert.embeddings.token_type_embeddings.weight.zero_()
        for layer in bert.encoder.layer:  # each layer passes its input through unchanged
            for dense in (layer.attention.output.dense, layer.output.dense):
                dense.weight.zero_()
                dense.bias.zero_()
    bert.save_pretrained(hf)
    tokenizer.save_pretrained(hf)

    transformer = Transformer(str(hf), max_seq_length=128)
    model = SentenceTransformer(modules=[transformer, Pooling(HIDDEN, "mean")], device="cpu")
    out = folder / "tiny-bert"
    model.save(str(out))
    return out


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    pytest.importorskip("sentence_transformers")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        return str(_build_tiny_model(tmp_path_factory.mktemp("embeddings")))


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
