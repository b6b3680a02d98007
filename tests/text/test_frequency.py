"""Word frequencies: wordfreq's, or 0 where it cannot answer."""

from __future__ import annotations

from relaytrace.text.frequency import zipf


def test_a_function_word_is_frequent() -> None:
    assert zipf("the", "en") > 6
    assert zipf("the", "en", wordlist="small") > 6


def test_a_language_wordfreq_does_not_know_has_no_frequencies() -> None:
    assert zipf("anything", "xx") == 0.0


def test_chinese_answers_even_without_its_optional_tokenizer() -> None:
    assert zipf("alxn", "zh") >= 0.0
