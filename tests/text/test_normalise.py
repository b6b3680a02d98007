"""The shared folding and tokeniser (relaytrace.text.normalise) that anchors, matching
and statements use to compare words."""

from __future__ import annotations

import pytest

from relaytrace.text.normalise import fold, token_spans, tokens


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Élysée", "elysee"),
        ("STRAẞE", "strasse"),
        ("Moscou", "moscou"),
        ("Łódź", "łodz"),  # ł is a letter of its own, not an accented l
        ("Ёлка", "елка"),
        ("Йошкар-Ола", "йошкар-ола"),  # й and ї are letters, their marks stay
        ("Україна", "україна"),
        ("مُحَمَّد", "محمد"),  # optional Arabic vowel marks go
        ("ﬁnal １２", "final 12"),  # NFKC: ligatures and full-width digits
        ("नमस्ते", "नमस्ते"),  # Devanagari vowel signs stay
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_tokens_keep_elisions_compounds_and_numbers_whole() -> None:
    text = "Les membres de l’OTAN, Jean-Pierre Morel : 3,5 % et 61.000 $ (2026)."
    assert tokens(text) == [
        "Les", "membres", "de", "l’OTAN", "Jean-Pierre", "Morel", "3,5", "et", "61.000", "2026",
    ]  # fmt: skip


def test_tokens_cut_cjk_into_characters_and_keep_other_scripts_as_words() -> None:
    assert tokens("美国总统说，好。") == ["美", "国", "总", "统", "说", "好"]
    assert tokens("Столтенберг сказал: «Нет».") == ["Столтенберг", "сказал", "Нет"]
    assert tokens("قال المتحدث") == ["قال", "المتحدث"]


def test_token_spans_point_into_the_text() -> None:
    text = "« Nous resterons », a dit Holtvik à 20 h 30."
    spans = token_spans(text)
    assert [text[a:b] for a, b in spans] == tokens(text)


def test_tokens_of_nothing() -> None:
    assert tokens("") == [] and tokens(" — … ") == [] and fold("") == ""
