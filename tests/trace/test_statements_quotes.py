"""Quotation spans: every mark style news uses, nesting, apostrophes, open quotes."""

from __future__ import annotations

import pytest

from relaytrace.trace.statements.quotes import find_quotes


def inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“The dam held,” said Ona Pyle.", ["The dam held"]),
        ('"The dam held," said Ona Pyle.', ["The dam held"]),
        ("« Le barrage a tenu », a dit Ona Pyle.", ["Le barrage a tenu"]),
        ("«Le barrage a tenu», a dit Ona Pyle.", ["Le barrage a tenu"]),
        ("„Der Damm hat gehalten“, sagte Ona Pyle.", ["Der Damm hat gehalten"]),
        ("„Tama wytrzymała” – powiedziała Ona Pyle.", ["Tama wytrzymała"]),
        ("»Der Damm hat gehalten«, sagte Ona Pyle.", ["Der Damm hat gehalten"]),
        ("‚Der Damm hält‘, sagte sie.", ["Der Damm hält"]),
        ("‘The dam held,’ she said.", ["The dam held"]),
        ("「大坝守住了」，她说。", ["大坝守住了"]),
        ("『大坝守住了』，她说。", ["大坝守住了"]),
    ],
)
def test_every_quotation_style(text: str, expected: list[str]) -> None:
    assert inner(text) == expected


def test_nested_quotes_stay_inside_the_outer_one() -> None:
    text = "«Ракеты „Сполох-7“ поразили цель», — заявил Пётр Лавин."
    assert inner(text) == ["Ракеты „Сполох-7“ поразили цель"]


def test_apostrophes_do_not_close_a_single_quote() -> None:
    assert inner("‘We don’t leave,’ said Ada Quist.") == ["We don’t leave"]


def test_two_quotes_in_one_paragraph() -> None:
    text = '"First part," Ada Quist said. "Second part."'
    assert inner(text) == ["First part", "Second part."]


def test_a_quote_left_open_runs_to_the_end_of_the_paragraph() -> None:
    text = "“We will rebuild the pier and the market"
    assert inner(text) == ["We will rebuild the pier and the market"]


def test_no_quotes() -> None:
    assert find_quotes("The river rose by two metres overnight.") == []
