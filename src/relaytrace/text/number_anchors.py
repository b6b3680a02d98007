"""Number anchors: figures and spelled-out numbers, as values that compare
across languages and scripts.

"61 milliards", "$61 billion", "61 млрд", "6,2 Mrd.", "4万" and "soixante et un
milliards" give ``n:<value>`` with the value scaled, and the bare figure too.
Thousands separators and decimal marks follow the language; spelled-out numbers
go through text2num where it knows the language, else through small word lists.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

import regex

from relaytrace.text.anchor_tables import CJK, TOKEN, anchor_data, fold, lang_setting

__all__ = ["number_anchors", "number_value"]

_TEXT2NUM_LANGS = frozenset({"en", "fr", "es", "pt", "de", "it", "nl"})
_NUMBER = regex.compile(
    r"(?<![\d.,])(?:\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+(?![\d])|\d+)(?:[.,]\d+)*"
)
_GROUPING = regex.compile(r"[ \u00a0\u202f'’]")
_WORD_DOT = regex.compile(r"[\p{L}\p{M}]+\.?")
_SCALE_WORD = regex.compile(r"[ \u00a0\u202f]*(?:[\p{L}\p{M}]+\.?|.)")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def number_value(figure: str, lang: str | None) -> float | None:
    """The value of a written figure, with the language's decimal mark.

    Spaces, no-break spaces and apostrophes group thousands; when one mark
    appears once followed by exactly three digits and is not the language's
    decimal mark, it groups thousands too ("1,100" in English, "1.100" in German).
    """
    s = _GROUPING.sub("", figure.translate(_DIGITS))
    if not s or not s[0].isdigit():
        return None
    dots, commas = s.count("."), s.count(",")
    decimal = str(lang_setting(lang, "decimal"))
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        s = s.replace("," if dec == "." else ".", "").replace(dec, ".")
    elif dots + commas == 1:
        mark = "." if dots else ","
        tail = s.split(mark)[1]
        s = s.replace(mark, "") if (len(tail) == 3 and mark != decimal) else s.replace(mark, ".")
    elif dots + commas > 1:
        s = s.replace(".", "").replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def _num(value: float) -> str:
    return f"n:{value:.6g}"


@lru_cache(maxsize=65_536)
def _figure(figure: str, lang: str | None) -> tuple[float, str] | None:
    """A written figure's value and anchor (figures recur: years, days, small counts)."""
    value = number_value(figure, lang)
    return None if value is None else (value, _num(value))


def _scale_after(text: str, end: int) -> float | None:
    rest = text[end : end + 24]
    stripped = rest.lstrip(" \u00a0\u202f")
    if not stripped or stripped[0] in _NOT_SCALE_START:
        return None
    scales = anchor_data("scales.json")
    if stripped[:2] in scales["exact"]:
        return float(scales["exact"][stripped[:2]])
    if CJK.match(stripped[:1]):
        v = scales["exact"].get(stripped[:1])
        return float(v) if v else None
    m = _WORD_DOT.match(stripped)
    if not m:
        return None
    return _scale_word(m.group())


_NOT_SCALE_START = frozenset("0123456789 .,;:!?()[]{}%$€£¥\"'«»“”„‘’-–—/\n\t")
"""First characters after a figure that begin no scale word or sign, to skip the lookups."""


@lru_cache(maxsize=65_536)
def _scale_word(found: str) -> float | None:
    """The scale a word after a figure names ("milliards", "bn.", "млрд"), if any."""
    word = fold(found).rstrip(".")
    exact = _scale_exact()
    if word in exact:
        return exact[word]
    stems = _scale_stems()
    if not word.startswith(_scale_stem_prefixes()):  # most words after a figure
        return None
    for stem, value in stems:
        if word.startswith(stem):
            return value
    return None


@cache
def _scale_stem_prefixes() -> tuple[str, ...]:
    return tuple(stem for stem, _ in _scale_stems())


@cache
def _scale_exact() -> dict[str, float]:
    return {fold(k): float(v) for k, v in anchor_data("scales.json")["exact"].items()}


@cache
def _scale_stems() -> tuple[tuple[str, float], ...]:
    return tuple((fold(k), float(v)) for k, v in anchor_data("scales.json")["prefix"].items())


@cache
def _alpha2digit() -> Callable[[str, str], str]:
    from text_to_num import alpha2digit

    return alpha2digit  # type: ignore[no-any-return]


def _number_words(text: str, lang: str | None) -> str:
    """Spell-out numbers turned into digits where text2num or our small lists know them."""
    if lang in _TEXT2NUM_LANGS:
        try:
            return _alpha2digit()(text, lang)
        except Exception:  # text2num may fail on odd input; the figures are optional
            return text
    words = anchor_data("number_words.json").get(lang or "")
    if not words:
        return text
    if lang == "zh":
        return "".join(str(words[c]) if c in words else c for c in text)

    table = _folded_number_words(lang or "")

    def repl(m: regex.Match[str]) -> str:
        value = table.get(fold(m.group()))
        return m.group() if value is None else f"{m.group()} {value}"

    return TOKEN.sub(repl, text)


def _figures(text: str, lang: str | None, out: set[str]) -> str:
    """Add the figures written in digits; return the text with them blanked out."""
    pieces: list[str] = []
    last = 0
    for m in _NUMBER.finditer(text):
        found = _figure(m.group(), lang)
        if found is None:
            continue
        value, anchor = found
        out.add(anchor)
        scale = _scale_after(text, m.end())
        if scale:
            out.add(_num(value * scale))
        pieces.append(text[last : m.start()])
        last = m.end()
        if scale:  # blank the scale word too, so text2num does not read it alone
            word = _SCALE_WORD.match(text, last)
            last = word.end() if word else last
        pieces.append(" ; ")
    pieces.append(text[last:])
    return "".join(pieces)


@cache
def _folded_number_words(lang: str) -> dict[str, int]:
    return {fold(k): v for k, v in anchor_data("number_words.json").get(lang, {}).items()}


def number_anchors(text: str, lang: str | None, out: set[str]) -> None:
    """Add the number anchors of a text (URLs blanked out first) to ``out``."""
    rest = _figures(text if text.isascii() else text.translate(_DIGITS), lang, out)
    spelled = _number_words(rest, lang)
    if spelled != rest:
        _figures(spelled, lang, out)
