"""Gender of pronouns, verbs, roles and names (agreement.py)."""

from __future__ import annotations

import pytest

from relaytrace.trace.statements.agreement import (
    name_gender,
    role_gender,
    verb_gender,
    word_gender,
)
from relaytrace.trace.statements.lexicon import lexicon


@pytest.mark.parametrize(
    ("lang", "word", "gender"),
    [
        ("en", "she", "f"),
        ("en", "Mr", "m"),
        ("fr", "elle", "f"),
        ("de", "er", "m"),
        ("de", "Generalsekretärin", "f"),
        ("de", "Unternehmenssprecherin", "f"),
        ("de", "Sprecher", None),
        ("de", "Berlin", None),
        ("uk", "речниця", "f"),
        ("en", "minister", None),
    ],
)
def test_word_gender(lang: str, word: str, gender: str | None) -> None:
    assert word_gender(word, lexicon(lang)) == gender


@pytest.mark.parametrize(
    ("lang", "role", "gender"),
    [
        ("fr", "la ministre de l'Agriculture", "f"),
        ("fr", "le président de la Fédération", "m"),
        ("fr", "ministre de la Défense", None),  # "la" governs Défense, not the role
        ("es", "la portavoz de la organización", "f"),
        ("en", "the spokeswoman of the Harbour Trust", "f"),
        ("de", "Die Vorsitzende", None),  # "die" is also plural: no evidence
    ],
)
def test_role_gender(lang: str, role: str, gender: str | None) -> None:
    assert role_gender(role, lexicon(lang)) == gender


@pytest.mark.parametrize(
    ("lang", "verb", "gender"),
    [
        ("ru", "заявила", "f"),
        ("ru", "заявил", "m"),
        ("ru", "заявили", None),
        ("uk", "заявив", "m"),
        ("pl", "powiedziała", "f"),
        ("pl", "powiedział", "m"),
        ("en", "said", None),
    ],
)
def test_verb_gender(lang: str, verb: str, gender: str | None) -> None:
    assert verb_gender(verb, lexicon(lang)) == gender


def test_name_gender_from_slavic_surnames() -> None:
    assert name_gender("Лидия Зарецкая", lexicon("ru")) == "f"
    assert name_gender("Игорь Панфилов", lexicon("ru")) == "m"
    assert name_gender("Anna Wrzosek", lexicon("pl")) is None
    assert name_gender("Jan Kalinowski", lexicon("pl")) == "m"
    assert name_gender("Panfilov", lexicon("en")) is None  # a lone surname: no first name seen
