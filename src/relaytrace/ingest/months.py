"""Dates written with month names: "12 mars 2024 à 14:05", "March 3, 2024, 2:05 pm".

Month names, with their genitive and abbreviated forms, come from CLDR (the
``babel`` package) for the languages relay sites write in; no list is kept by
hand. Croatian is left out: its "listopad" is October where Polish and Czech
mean November.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from functools import lru_cache

from babel import Locale

__all__ = ["month_number", "parse_month_date"]

_LOCALES = (
    "en", "fr", "de", "es", "it", "pt", "pl", "ru", "uk", "nl", "ro", "cs", "tr", "sv", "da",
    "nb", "hu", "bg", "sr", "el",
)  # fmt: skip
_TIME = r"(?:[^\d\n]{1,12}?(?P<H>\d{1,2})[:h.](?P<M>\d{2})(?:\s*(?P<ampm>[ap]\.?m\.?))?)?"
_DAY_FIRST = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})(?:\.|er|º|°)?\s+(?:de\s+)?(?P<mon>[^\W\d_]{3,12}\.?),?\s+"
    r"(?:de\s+)?(?P<y>\d{4})(?!\d)" + _TIME,
    re.I,
)
_MONTH_FIRST = re.compile(
    r"(?P<mon>[^\W\d_]{3,12}\.?)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)" + _TIME,
    re.I,
)


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKC", word).casefold().rstrip(".")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for code in _LOCALES:
        months = Locale.parse(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    key = _fold(name)
                    if len(key) >= 3:
                        names.setdefault(key, number)
    return names


def month_number(word: str) -> int | None:
    """The month a name stands for in any of the supported languages ("mars" → 3)."""
    return _months().get(_fold(word))


def parse_month_date(text: str) -> tuple[datetime, str] | None:
    """The first date with a month name in ``text``, as (UTC datetime, "minute" | "day")."""
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        for m in pattern.finditer(text):
            month = month_number(m.group("mon"))
            if month is None:
                continue
            try:
                year, day = int(m.group("y")), int(m.group("d"))
                if m.group("H") is None:
                    return datetime(year, month, day, tzinfo=UTC), "day"
                hour = int(m.group("H"))
                ampm = (m.group("ampm") or "").lower().replace(".", "")
                hour = hour % 12 + (12 if ampm == "pm" else 0) if ampm else hour
                return datetime(year, month, day, hour, int(m.group("M")), tzinfo=UTC), "minute"
            except ValueError:
                continue
    return None
