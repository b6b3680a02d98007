"""Alignment of sentence sequences: drops, splits, merges, reorders, excerpts, introductions."""

from __future__ import annotations

from relay_stories import INTRO, ORIGIN_DE, ORIGIN_EN, ORIGIN_FR, article

from relaytrace.match.align import align
from relaytrace.match.anchor_index import Idf
from relaytrace.match.profile import profile_of

IDF = Idf(n_docs=1000, df={})


def prof(paragraphs: tuple[str, ...], lang: str, n: int = 0):
    return profile_of(article(f"https://t{n}.example/a", paragraphs, lang=lang))


def one_to_one(al) -> list[tuple[int, int]]:
    return [(a[0], b[0]) for a, b, _ in al.blocks if len(a) == len(b) == 1]


def test_a_translation_aligns_sentence_by_sentence() -> None:
    al = align(prof(ORIGIN_EN, "en"), prof(ORIGIN_FR, "fr", 1), IDF)
    assert [(i, j) for i, j, _ in al.pairs] == [(k, k) for k in range(len(ORIGIN_EN))]


def test_dropped_sentences_are_skipped_and_order_kept() -> None:
    fr = ORIGIN_FR[:2] + ORIGIN_FR[4:]  # the translator dropped two sentences
    al = align(prof(ORIGIN_EN, "en"), prof(fr, "fr", 1), IDF)
    assert (5, 3) in one_to_one(al) and (0, 0) in one_to_one(al)
    assert not ({2, 3} & al.rows_a)


def test_a_split_sentence_is_a_one_to_two_block() -> None:
    de = list(ORIGIN_DE)
    de[3:4] = ["Der Bau soll 2027 beginnen.", "Der Tunnel soll 2031 für den Verkehr öffnen."]
    al = align(prof(ORIGIN_EN, "en"), prof(tuple(de), "de", 1), IDF)
    assert ((3,), (3, 4)) in [(a, b) for a, b, _ in al.blocks]
    assert (4, 5) in [(i, j) for i, j, _ in al.pairs]


def test_merged_sentences_are_a_two_to_one_block() -> None:
    fr = list(ORIGIN_FR)
    fr[3:5] = [
        "Les travaux doivent commencer en 2027 et le tunnel ouvrir en 2031, mais selon les "
        "critiques le projet ignore les zones humides de Marrowick."
    ]
    al = align(prof(ORIGIN_EN, "en"), prof(tuple(fr), "fr", 1), IDF)
    assert ((3, 4), (3,)) in [(a, b) for a, b, _ in al.blocks]


def test_reordered_sentences_keep_the_longest_ordered_chain() -> None:
    fr = (ORIGIN_FR[5], *ORIGIN_FR[:5], *ORIGIN_FR[6:])  # one sentence moved to the top
    al = align(prof(ORIGIN_EN, "en"), prof(fr, "fr", 1), IDF)
    assert len(al.blocks) == len(ORIGIN_EN) - 1
    assert al.weight < al.free_weight  # the moved sentence matched, but out of order


def test_an_excerpt_covers_itself_and_half_the_original() -> None:
    al = align(prof(ORIGIN_EN[:4], "en"), prof(ORIGIN_EN, "en", 1), IDF)
    assert al.rows_a == frozenset(range(4))
    assert al.rows_b == frozenset(range(4))


def test_a_relay_with_its_own_introduction_aligns_after_it() -> None:
    al = align(prof(INTRO + ORIGIN_EN, "en"), prof(ORIGIN_FR, "fr", 1), IDF)
    assert min(al.rows_a) >= len(INTRO)
    assert [(i - len(INTRO), j) for i, j, _ in al.pairs][:3] == [(0, 0), (1, 1), (2, 2)]


def test_a_translated_excerpt_is_scored_against_its_own_length_ratio() -> None:
    """Two French sentences of an eight-sentence English report: the length prior
    expects the ratio of the aligned sentences, not of the whole articles."""
    from relaytrace.match.options import MatchOptions

    a, b = prof(ORIGIN_EN, "en"), prof(ORIGIN_FR[:2], "fr", 1)
    once = align(a, b, IDF, MatchOptions(length_reestimate=float("inf")))
    again = align(a, b, IDF)
    assert [(i, j) for i, j, _ in again.pairs] == [(0, 0), (1, 1)]
    assert again.weight > once.weight + 0.3
