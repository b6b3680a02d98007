"""Dates written with month names, in many languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from relaytrace.ingest.dates import parse_date
from relaytrace.ingest.months import month_number


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("12 mars 2024 à 14:05", datetime(2024, 3, 12, 14, 5, tzinfo=UTC), "minute"),
        ("Publié le 2 avril 2024 à 16h30", datetime(2024, 4, 2, 16, 30, tzinfo=UTC), "minute"),
        ("jueves, 8 de febrero de 2024", datetime(2024, 2, 8, tzinfo=UTC), "day"),
        ("segunda-feira, 6 de maio de 2024", datetime(2024, 5, 6, tzinfo=UTC), "day"),
        ("3. März 2024, 14:05 Uhr", datetime(2024, 3, 3, 14, 5, tzinfo=UTC), "minute"),
        ("3 марта 2024 года, 14:05", datetime(2024, 3, 3, 14, 5, tzinfo=UTC), "minute"),
        ("3 березня 2024", datetime(2024, 3, 3, tzinfo=UTC), "day"),
        ("3 listopada 2024", datetime(2024, 11, 3, tzinfo=UTC), "day"),
        ("March 3, 2024 at 2:05 pm", datetime(2024, 3, 3, 14, 5, tzinfo=UTC), "minute"),
        ("17 gen 2026, 09:15", datetime(2026, 1, 17, 9, 15, tzinfo=UTC), "minute"),
    ],
)
def test_month_names(text: str, value: datetime, precision: str) -> None:
    assert parse_date(text) == (value, precision)


@pytest.mark.parametrize("text", ["Mars 2024 budget", "the 12 apostles 2024", "31 février 2024"])
def test_words_that_are_no_dates(text: str) -> None:
    assert parse_date(text) is None


def test_month_number_reads_abbreviations_and_genitives() -> None:
    assert [month_number(w) for w in ("févr.", "Sept", "марта", "березня", "Okt")] == [
        2, 9, 3, 3, 10,
    ]  # fmt: skip
    assert month_number("listopad") == 11  # Polish/Czech November, not Croatian October
    assert month_number("table") is None
