"""A tiny sentence-transformers model built on the spot, for the ``[embeddings]`` tests.

The model is a two-layer BERT of hidden size 32 with a WordPiece vocabulary
written from the matcher's fixture stories, wrapped as a sentence-transformers
model (Transformer + mean Pooling) and saved with ``save()`` into a folder:
nothing is downloaded, and it builds in a couple of seconds. Its weights are
set by hand, not trained: names, figures and a small bilingual dictionary
(harbour/port/Hafen, Tuesday/mardi/Dienstag, …) get random word vectors shared
across languages, every other word a zero vector, positions none, and the two
layers add nothing to the residual stream. A sentence embedding is then, in
effect, the normalised sum of its names, figures and dictionary words: a
sentence and its translation come out close, and sentences without such words
in common far apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from relay_stories import INTRO, ORIGIN_DE, ORIGIN_EN, ORIGIN_FR, SAME_STORY_EN, UNRELATED_EN

__all__ = ["build_tiny_model"]

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


def build_tiny_model(folder: Path) -> Path:
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
