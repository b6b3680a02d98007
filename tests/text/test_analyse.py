"""analyse(): language decided from the text, sentences pointing into the body."""

from __future__ import annotations

import pytest

from relaytrace.model import Article
from relaytrace.text.analyse import analyse, normalise_lang_tag

FRENCH = (
    "Les États membres du Pacte de sécurité du Nord ont des conseillers militaires dans "
    "leurs ambassades à Velmora, a déclaré la secrétaire générale Maren Holtvik.",
    "« Certains alliés ont du personnel militaire dans leurs ambassades, comme toute "
    "ambassade au monde. » a-t-elle dit. Elle a refusé de préciser leur nombre.",
    "Les remarques interviennent trois jours après une déclaration du porte-parole "
    "du ministère de la Défense de Vessland, le commandant Tobias Rehnholm.",
)


def article(
    paragraphs: tuple[str, ...],
    lang: str | None = None,
    title: str = "Des conseillers en uniforme à Velmora",
) -> Article:
    return Article(
        url="https://relais.example/2026/01/19/conseillers/",
        site="relais.example",
        title=title,
        paragraphs=paragraphs,
        lang=lang,
    )


def test_fills_language_and_sentences() -> None:
    result = analyse(article(FRENCH))
    assert result.lang == "fr"
    assert [s.paragraph for s in result.sentences] == [0, 1, 1, 2]
    assert all(result.body[s.start : s.end] == s.text for s in result.sentences)
    assert result.sentences[1].text.endswith("a-t-elle dit.")


def test_returns_a_new_record_and_keeps_everything_else() -> None:
    original = article(FRENCH)
    result = analyse(original)
    assert original.sentences == () and original.lang is None
    assert (result.url, result.title, result.paragraphs) == (
        original.url,
        original.title,
        original.paragraphs,
    )


def test_a_template_language_is_overridden_by_the_text() -> None:
    # A blog template that declares en-US over a machine-translated French post.
    assert analyse(article(FRENCH, lang="en-US")).lang == "fr"


def test_a_given_language_stands_when_the_text_is_too_short_to_contradict_it() -> None:
    short = ("Lien source",)
    assert analyse(article(short, lang="fr", title="Velmora")).lang == "fr"


def test_a_given_language_is_normalised() -> None:
    assert analyse(article(FRENCH, lang="FR_fr")).lang == "fr"


def test_unknown_language_stays_unknown() -> None:
    result = analyse(article(("12 345 — 67 890",), title="2026"))
    assert result.lang is None
    assert [s.text for s in result.sentences] == ["12 345 — 67 890"]


def test_empty_article() -> None:
    result = analyse(article((), title=""))
    assert result.lang is None
    assert result.sentences == ()


@pytest.mark.parametrize(
    ("tag", "code"),
    [("en-US", "en"), ("FR", "fr"), ("pt_BR", "pt"), ("iw", "he"), ("deu", "de"),
     ("und", None), ("", None), (None, None), ("x-klingon!", None)],
)  # fmt: skip
def test_normalise_lang_tag(tag: str | None, code: str | None) -> None:
    assert normalise_lang_tag(tag) == code
