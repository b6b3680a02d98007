"""Following a statement through copies and translations, and what changed on the way."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from relaytrace.model import Article, Relation, Statement
from relaytrace.text.sentences import sentences_of
from relaytrace.trace.statements import extract_statements, link_statements
from relaytrace.trace.statements.changes import compare, same_speaker

T0 = datetime(2026, 4, 7, 8, 0, tzinfo=UTC)

ORIGIN = (
    "Defence minister Rasmus Eklind said on Monday that his government was considering "
    "sending 12 more engineers to the border post at Kvarn.",
    '"Our engineers keep the bridges standing, nothing more," Eklind told the Fjordline Post.',
    "According to the ministry, 40 engineers are already deployed.",
)
# a copy that drops the last sentence and the hedge, and changes the number
EDITED = (
    "Defence minister Rasmus Eklind said on Monday that his government will send 15 more "
    "engineers to the border post at Kvarn.",
    '"Our engineers keep the bridges standing, nothing more," Eklind told the Fjordline Post.',
)
FRENCH = (
    "Le ministre de la Défense Rasmus Eklind a déclaré lundi que son gouvernement envisageait "
    "d'envoyer 12 ingénieurs de plus au poste frontière de Kvarn.",
    "« Nos ingénieurs maintiennent les ponts debout, rien de plus », a déclaré Eklind au "
    "Fjordline Post.",
    "Selon le ministère, 40 ingénieurs sont déjà déployés.",
)
UNRELATED = ("The Kvarn football club said that its stadium would close for repairs in May.",)


def article(n: int, paragraphs: tuple[str, ...], lang: str, minutes: int) -> Article:
    return Article(
        url=f"https://site{n}.example/kvarn",
        site=f"site{n}.example",
        title="Engineers for Kvarn",
        paragraphs=paragraphs,
        lang=lang,
        published=T0 + timedelta(minutes=minutes),
        id=n,
    )


def chains_of(*articles: Article, relations: tuple[Relation, ...] = ()):
    statements = {a.id: extract_statements(a) for a in articles}
    return link_statements(list(articles), statements, relations)


def test_the_same_statement_is_linked_across_a_translation() -> None:
    origin, french = article(1, ORIGIN, "en", 0), article(2, FRENCH, "fr", 90)
    chains = chains_of(origin, french)
    linked = [c for c in chains if len(c.statements) == 2]
    assert len(linked) == 3
    for chain in linked:
        assert [s.article for s in chain.statements] == [1, 2]
        assert chain.first.article == 1
        assert all(s.key == chain.key for s in chain.statements)


def test_keys_are_stable_across_runs() -> None:
    origin, french = article(1, ORIGIN, "en", 0), article(2, FRENCH, "fr", 90)
    first = [c.key for c in chains_of(origin, french)]
    again = [c.key for c in chains_of(french, origin)]
    assert sorted(first) == sorted(again)


def test_a_number_changed_and_a_hedge_dropped_in_an_edited_copy() -> None:
    origin, edited = article(1, ORIGIN, "en", 0), article(3, EDITED, "en", 30)
    relation = Relation(1, 3, "copy", 0.9, 1.0, 0.66, ((0, 0, 0.8), (1, 1, 1.0)))
    chains = chains_of(origin, edited, relations=(relation,))
    first = next(c for c in chains if c.first.verb == "said")
    kinds = {c.kind for c in first.changes}
    assert {"number", "hedge_dropped"} <= kinds
    number = next(c for c in first.changes if c.kind == "number")
    assert (number.before, number.after) == ("12", "15")
    assert number.article == 3 and number.parent == 1


def test_a_statement_missing_from_a_relaying_copy_is_reported_dropped() -> None:
    origin, edited = article(1, ORIGIN, "en", 0), article(3, EDITED, "en", 30)
    relation = Relation(1, 3, "copy", 0.9, 1.0, 0.66, ())
    chains = chains_of(origin, edited, relations=(relation,))
    according = next(c for c in chains if c.first.verb == "According to")
    assert len(according.statements) == 1
    assert [(c.kind, c.article) for c in according.changes] == [("dropped", 3)]


def test_statements_of_an_unrelated_story_stay_apart() -> None:
    origin, other = article(1, ORIGIN, "en", 0), article(4, UNRELATED, "en", 10)
    chains = chains_of(origin, other)
    assert all(len(c.statements) == 1 for c in chains)


def test_compare_reports_a_renamed_speaker_and_reported_turned_direct() -> None:
    parent, child = (
        extract_statements(article(1, ("Rasmus Eklind said that the bridge was safe.",), "en", 0))[
            0
        ],
        extract_statements(article(2, ('"The bridge is safe," said Mats Oberg.',), "en", 5))[0],
    )
    kinds = {c.kind for c in compare(parent, child, "en", "en")}
    assert {"speaker", "form"} <= kinds


def test_compare_reports_a_quote_cut_short() -> None:
    long_ = article(
        1,
        (
            '"We will rebuild the bridge, the school and the clinic before winter '
            'comes to Kvarn," said Rasmus Eklind.',
        ),
        "en",
        0,
    )
    short = article(2, ('"We will rebuild the bridge," said Rasmus Eklind.',), "en", 5)
    (parent,), (child,) = extract_statements(long_), extract_statements(short)
    assert [c.kind for c in compare(parent, child, "en", "en")] == ["cut"]


def test_a_number_changed_in_a_translation() -> None:
    changed = (FRENCH[0].replace("12 ingénieurs", "20 ingénieurs"), *FRENCH[1:])
    origin, french = article(1, ORIGIN, "en", 0), article(2, changed, "fr", 90)
    relation = Relation(1, 2, "translation", 0.8, 1.0, 1.0, ((0, 0, 0.6), (1, 1, 0.7)))
    chains = chains_of(origin, french, relations=(relation,))
    first = next(c for c in chains if c.first.verb == "said")
    assert [s.article for s in first.statements] == [1, 2]
    number = next(c for c in first.changes if c.kind == "number")
    assert (number.before, number.after, number.article) == ("12", "20", 2)


def test_a_dropped_statement_is_reported_once_per_article_that_lacks_it() -> None:
    origin = article(1, ORIGIN, "en", 0)
    copies = [article(n, ORIGIN, "en", 10 * n) for n in (2, 3)]
    edited = article(4, EDITED, "en", 60)  # no "According to the ministry" sentence
    relations = (
        Relation(1, 2, "copy", 0.99, 1.0, 1.0, ()),
        Relation(1, 3, "copy", 0.99, 1.0, 1.0, ()),
        Relation(2, 3, "copy", 0.99, 1.0, 1.0, ()),
        Relation(1, 4, "copy", 0.9, 1.0, 0.66, ()),
        Relation(2, 4, "copy", 0.95, 1.0, 0.66, ()),
        Relation(3, 4, "copy", 0.9, 1.0, 0.66, ()),
    )
    chains = chains_of(origin, *copies, edited, relations=relations)
    according = next(c for c in chains if c.first.verb == "According to")
    assert according.articles == (1, 2, 3)
    dropped = [c for c in according.changes if c.kind == "dropped"]
    assert [(c.article, c.parent) for c in dropped] == [(4, 2)]  # the closest relation
    carried = next(c for c in chains if c.first.verb == "said")
    assert not [c for c in carried.changes if c.kind == "dropped"]


def test_a_statement_whose_sentence_is_aligned_in_the_copy_is_not_dropped() -> None:
    origin = article(1, ORIGIN, "en", 0)
    # the copy keeps the sentence but words it so that no attribution is found
    reworded = (*EDITED, "The ministry's figures put 40 engineers already deployed.")
    origin = replace(origin, sentences=sentences_of(ORIGIN, "en"))
    copy = replace(article(3, reworded, "en", 30), sentences=sentences_of(reworded, "en"))
    relation = Relation(1, 3, "copy", 0.9, 1.0, 0.9, ((0, 0, 0.8), (1, 1, 1.0), (2, 2, 0.7)))
    chains = chains_of(origin, copy, relations=(relation,))
    according = next(c for c in chains if c.first.verb == "According to")
    assert according.articles == (1,)
    assert not [c for c in according.changes if c.kind == "dropped"]


def _said(speaker: str) -> Statement:
    return Statement(kind="reported", quote="the bridge is safe", start=0, end=18, speaker=speaker)


def test_a_transliterated_or_translated_speaker_is_not_renamed() -> None:
    latin, cyrillic = _said("Liv Haraldsen"), _said("Лив Харальдсен")
    assert same_speaker("Liv Haraldsen", "Лив Харальдсен")
    assert same_speaker("Runa Eskeland", "Руна Эскеланд")
    assert same_speaker("Alina Sorokina", "Alina Sorokhina")
    assert not [c for c in compare(latin, cyrillic, "en", "ru") if c.kind == "speaker"]
    body, translated = _said("the coast guard"), _said("береговая охрана")
    assert not [c for c in compare(body, translated, "en", "ru") if c.kind == "speaker"]


def test_another_person_across_languages_is_renamed() -> None:
    latin, other = _said("Liv Haraldsen"), _said("Мартин Оберг")
    assert same_speaker("Liv Haraldsen", "Мартин Оберг") is False
    renamed = [c for c in compare(latin, other, "en", "ru") if c.kind == "speaker"]
    assert [(c.before, c.after) for c in renamed] == [("Liv Haraldsen", "Мартин Оберг")]
