"""Pronouns and missing subjects: which person of the article is meant (fictional people)."""

from __future__ import annotations

from relaytrace.trace.statements import extract_from_text


def test_a_pronoun_takes_the_person_introduced_after_the_last_speaker() -> None:
    paragraphs = [
        "Harbour master Tessa Lindqvist said that the quay would reopen on Monday.",
        "The union delegate Oren Maddox, who represents the dockers, was less sure. "
        '"Nobody has shown us the repair plan," he said.',
    ]
    first, second = extract_from_text(paragraphs, "en")
    assert first.speaker == "Tessa Lindqvist"
    assert second.speaker == "Oren Maddox"
