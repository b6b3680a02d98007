"""Anchors: what a translator cannot change — numbers, names, quoted titles, URLs.

A sentence's anchors are short strings that compare equal across languages and
scripts, so that a French sentence and its English original share them:

    n:<value>   a number, normalised ("61 milliards", "$61 billion", "61 млрд",
                "6,2 Mrd.", "4万", "soixante et un milliards"); the bare figure too
    a:<id>      an alias: a country (babel/CLDR names in many locales) or an
                organisation (``data/anchors/organisations.json``): NATO = OTAN = НАТО
    e:<prefix>  a proper name, transliterated to Latin, folded, cut to a cognate
                prefix (Столтенберг → "stol", Moscou/Moscow → "mosc"); acronyms whole
    q:<title>   a short quoted title in capitals
    u:<host>    a URL, domain or handle

Capitalised common words are not names: a capitalised word whose wordfreq Zipf
frequency in the article's language reaches a per-language bar is dropped
("Sunday", "Secretary", German nouns). Language-specific lists live in
``relaytrace/data/anchors/*.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources

import regex
from anyascii import anyascii

from relaytrace.text import frequency

__all__ = [
    "PREFIX_LEN",
    "anchors_of",
    "fold",
    "name_key",
    "number_value",
    "sentence_anchors",
]

PREFIX_LEN = 4
"""Cognate prefix length of name anchors (Simard et al. used 4)."""

_NEEDS_SEGMENTER = frozenset({"zh", "ja", "ko"})
_TEXT2NUM_LANGS = frozenset({"en", "fr", "es", "pt", "de", "it", "nl"})
_APOSTROPHES = "'’ʼ`"
_TOKEN = regex.compile(r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}][\p{L}\p{M}'’ʼ`\-]*")
_ASCII_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'`\-]*")
"""``_TOKEN`` on ASCII text, where the stdlib engine is faster."""
_NUMBER = regex.compile(
    r"(?<![\d.,])(?:\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+(?![\d])|\d+)(?:[.,]\d+)*"
)
_URL = regex.compile(r"https?://[^\s<>\"'()\[\]«»]+|\bwww\.[^\s<>\"'()\[\]«»]+", regex.I)
_DOMAIN = regex.compile(r"\b(?:[a-z0-9-]+\.)+(?:com|org|net|info|news|tv|ru|ua|fr|de|example)\b")
_GROUPING = regex.compile(r"[ \u00a0\u202f'’]")
_WORD_DOT = regex.compile(r"[\p{L}\p{M}]+\.?")
_SCALE_WORD = regex.compile(r"[ \u00a0\u202f]*(?:[\p{L}\p{M}]+\.?|.)")
_APOSTROPHE = regex.compile(r"['’ʼ`]")
_SCHEME = regex.compile(r"^(https?://)?(www\.)?")
_MAYBE_URL = regex.compile(r"\w\.\w")
_HANDLE = regex.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,30}")
_QUOTED = regex.compile(r"[«\"“„‘']\s*([^«»\"“”„‘’]{3,80}?)\s*[»\"”“’']")
_QUOTE_MARK = re.compile(r"[«\"“„‘']")
_APOSTROPHE_MARK = re.compile(r"['’ʼ`]")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")


# -- data --------------------------------------------------------------------


@cache
def _data(name: str) -> dict:
    text = resources.files("relaytrace.data.anchors").joinpath(name).read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@lru_cache(maxsize=4096)
def _lang_setting(lang: str | None, key: str) -> object:
    table = _data("languages.json")
    return table.get(lang or "", table["default"]).get(key, table["default"][key])


@lru_cache(maxsize=500_000)
def fold(text: str) -> str:
    """Case- and accent-fold without changing script ("États-Unis" → "etats-unis")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().replace("’", "'").replace("ʼ", "'")


def _tokens(text: str) -> list[str]:
    return _ASCII_TOKEN.findall(text) if text.isascii() else _TOKEN.findall(text)


_CLDR_LOCALES = (
    *("en", "fr", "de", "es", "it", "pt", "pl", "ru", "uk", "zh", "ar", "nl", "ja", "ko"),
    *("tr", "el", "he", "cs", "ro", "hu", "sv", "fa", "hi", "bg", "sr", "hr", "sk", "fi", "da"),
)


@cache
def _aliases() -> tuple[dict[tuple[str, ...], str], frozenset[tuple[str, ...]], tuple[str, ...]]:
    """(folded token phrase → alias id, phrases that must be all-caps, CJK phrases)."""
    from babel import Locale

    table: dict[tuple[str, ...], str] = {}
    caps: set[tuple[str, ...]] = set()
    for code in _CLDR_LOCALES:
        for territory, name in Locale.parse(code).territories.items():
            if len(territory) == 2 and territory.isalpha():
                key = tuple(fold(t) for t in _tokens(name))
                if key:
                    table.setdefault(key, territory)
    for ident, names in _data("organisations.json").items():
        for name in names:
            key = tuple(fold(t) for t in _tokens(name))
            if not key:
                continue
            table[key] = ident
            if len(name.replace(".", "")) <= 5 and name.replace(".", "").isupper():
                caps.add(key)
    cjk = tuple(
        sorted(("".join(k) for k in table if _CJK.search("".join(k))), key=len, reverse=True)
    )
    for key, ident in list(table.items()):
        if len(key) >= 2:  # inflected phrases: "Сполучених Штатів" ~ "Сполучені Штати"
            table.setdefault(_stem_phrase(key), ident)
        elif len(key[0]) >= 5 and key not in caps:  # inflected words: "России" ~ "Россия"
            table.setdefault(("~1", key[0][:-1]), ident)
    return table, frozenset(caps), cjk


def _stem_phrase(key: tuple[str, ...]) -> tuple[str, ...]:
    return ("~", *tuple(w[:4] for w in key))


@lru_cache(maxsize=200_000)
def _zipf(word: str, lang: str) -> float:
    if lang in _NEEDS_SEGMENTER:  # capitalised words there are Latin-script: ask English
        lang = "en"
    return frequency.zipf(word, lang)


# -- numbers -----------------------------------------------------------------


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
    decimal = str(_lang_setting(lang, "decimal"))
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
    scales = _data("scales.json")
    if stripped[:2] in scales["exact"]:
        return float(scales["exact"][stripped[:2]])
    if _CJK.match(stripped[:1]):
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
    return {fold(k): float(v) for k, v in _data("scales.json")["exact"].items()}


@cache
def _scale_stems() -> tuple[tuple[str, float], ...]:
    return tuple((fold(k), float(v)) for k, v in _data("scales.json")["prefix"].items())


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
    words = _data("number_words.json").get(lang or "")
    if not words:
        return text
    if lang == "zh":
        return "".join(str(words[c]) if c in words else c for c in text)

    table = _folded_number_words(lang or "")

    def repl(m: regex.Match[str]) -> str:
        value = table.get(fold(m.group()))
        return m.group() if value is None else f"{m.group()} {value}"

    return _TOKEN.sub(repl, text)


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
    return {fold(k): v for k, v in _data("number_words.json").get(lang, {}).items()}


def _numbers(text: str, lang: str | None, out: set[str]) -> None:
    rest = _figures(text if text.isascii() else text.translate(_DIGITS), lang, out)
    spelled = _number_words(rest, lang)
    if spelled != rest:
        _figures(spelled, lang, out)


# -- names -------------------------------------------------------------------


_SPELLING = (("tsch", "ch"), ("sch", "sh"), ("sz", "sh"), ("cz", "ch"), ("ie", "e"))
_SPELLING += (("ph", "f"), ("th", "t"), ("ck", "k"), ("c", "k"), ("q", "k"), ("j", "i"))
_SPELLING += (("y", "i"), ("w", "v"), ("x", "ks"), ("z", "s"))


@lru_cache(maxsize=200_000)
def name_key(word: str) -> str:
    """Transliterate, fold and cut a name to its cognate prefix ("Столтенберг" → "stol").

    Spellings that transliteration systems and languages swap (c/k, j/y/i, w/v,
    ph/f, z/s; German tsch/sch, Polish cz/sz and ie for Cyrillic е) are merged
    first, so that Kyiv/Kiiv, Jens/Йенс, Macron/Макрон, Zelensky/Selenskyj,
    Charkiw/Kharkiv and Biełgorod/Белгород meet. Acronyms are kept whole.
    """
    latin = fold(anyascii(word))
    latin = "".join(c for c in latin if c.isalnum())
    if word.isupper() and len(latin) <= 6:
        return latin
    for a, b in _SPELLING:
        latin = latin.replace(a, b)
    return latin[:PREFIX_LEN]


_SKELETON_MAP = str.maketrans({"c": "k", "q": "k", "v": "f", "p": "b", "x": "k"})
_ARABIC_LETTERS = regex.compile(r"^\p{Arabic}+$")


@lru_cache(maxsize=200_000)
def skeleton_key(word: str) -> str:
    """Consonant skeleton of a name, for scripts that omit short vowels (Arabic).

    "Stoltenberg" and "ستولتنبرغ" both give "stlt"; vowels, w, y and h are
    dropped, c/q/x→k, v→f, p→b, doubled letters collapsed.
    """
    for prefix in _ARABIC_PREFIXES:  # clitics: "and", "with", "the" (القادري ~ Qadiri)
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    lowered = word.lower()
    if lowered.startswith(("al-", "el-")):  # Al-Qadiri ~ القادري
        word = word[3:]
    latin = "".join(c for c in fold(anyascii(word)) if c.isalpha())
    latin = latin.replace("kh", "h").replace("ch", "h")
    latin = latin.translate(_SKELETON_MAP)
    if latin.startswith("w"):  # an initial w is a consonant (Wetterholm ~ Веттерхольм)
        latin = "f" + latin[1:]
    out: list[str] = []
    for c in latin:
        if c in "aeiouwyh" or (out and out[-1] == c):
            continue
        out.append(c)
    return "".join(out[:PREFIX_LEN])


def _split_elision(token: str) -> list[str]:
    """ "l'OTAN" → ["OTAN"], "dell'UE" → ["UE"], "Russia's" → ["Russia"]."""
    if not any(a in token for a in _APOSTROPHES):
        return [token]
    parts = _APOSTROPHE.split(token)
    kept = [p for p in parts if len(p) >= 2 and p[0].isupper()]
    return kept or [max(parts, key=len)]


@lru_cache(maxsize=200_000)
def _is_common(word: str, lang: str | None, at_start: bool) -> bool:
    bar = float(_lang_setting(lang, "name_max_zipf"))  # type: ignore[arg-type]
    if at_start:
        bar = min(bar, 3.0)
    here = _zipf(word.lower(), lang or "en")
    if here >= bar:
        return True
    if _lang_setting(lang, "noun_capitals") and here >= 2.0:
        return _zipf(word.lower(), "en") < 1.0
    return False


@cache
def _phrase_starts() -> frozenset[str]:
    """First words of alias phrases (plain and stemmed), to skip hopeless lookups."""
    table = _aliases()[0]
    return frozenset(k[1] if k[0] == "~" else k[0] for k in table if len(k) >= 2)


def _alias_lookup(words: Sequence[str], lang: str | None) -> str | None:
    table, caps, _ = _aliases()
    key = tuple(fold(w) for w in words)
    if len(key) >= 2 and key[0] not in _phrase_starts() and key[0][:4] not in _phrase_starts():
        return None
    hit = table.get(key)
    if hit is not None:
        if key in caps and not all(w.replace(".", "").isupper() for w in words):
            return None
        return hit
    if len(words) >= 2:
        return table.get(_stem_phrase(key))
    if len(words) == 1:
        w = key[0]
        if lang == "ar":
            for p in _ARABIC_PREFIXES:
                if w.startswith(p) and (w[len(p) :],) in table:
                    return table[(w[len(p) :],)]
        for cut in (1, 2):
            if len(w) - cut >= 4:
                hit = table.get((w[:-cut],)) or table.get(("~1", w[:-cut]))
                if hit is not None and (w[:-cut],) not in caps:
                    return hit
    return None


_ARABIC_NAME_MAX_ZIPF = 3.0


def _add_skeleton(word: str, out: set[str]) -> None:
    key = skeleton_key(word)
    if len(key) >= 3:
        out.add(f"s:{key}")


def _phrase_at(tokens: Sequence[str], i: int, lang: str | None, out: set[str]) -> int:
    """Add the alias of the longest phrase (2–6 words) starting at token i; its length or 0."""
    for n in range(min(6, len(tokens) - i), 1, -1):
        alias = _alias_lookup(tokens[i : i + n], lang)
        if alias is not None:
            out.add(f"a:{alias}")
            return n
    return 0


@lru_cache(maxsize=200_000)
def _word_anchors(word: str, lang: str | None, at_start: bool) -> tuple[str, ...]:
    """Anchors of one capitalised (or uncased-script) word: an alias, an acronym or a name.

    Cached: names and capitalised words recur within and across articles.
    """
    alias = _alias_lookup([word], lang)
    if alias is not None:
        return (f"a:{alias}",)
    out: set[str] = set()
    if word[0].isupper() and len(word) >= 2:
        bare = word.strip("-.")
        if bare.isupper() and 2 <= len(bare.replace(".", "")) <= 6:
            out.add(f"e:{name_key(bare.replace('.', ''))}")
        elif not _is_common(bare, lang, at_start):
            key = name_key(bare)
            if len(key) >= 3:
                out.add(f"e:{key}")
                _add_skeleton(bare, out)
    elif (
        not word[0].isupper()
        and lang == "ar"
        and _ARABIC_LETTERS.match(word)
        and len(word) >= 4
        and _zipf(word, "ar") < _ARABIC_NAME_MAX_ZIPF
    ):
        _add_skeleton(word, out)
    return tuple(sorted(out))


def _names(text: str, lang: str | None, out: set[str]) -> None:
    tokens = _tokens(text)
    if _APOSTROPHE_MARK.search(text):
        tokens = [part for token in tokens for part in _split_elision(token)]
    starts = _phrase_starts()
    after_phrase = 0
    # a lower-case word is neither alias nor name, though it may continue a phrase
    for i in [i for i, word in enumerate(tokens) if not word[0].islower()]:
        if i < after_phrase:
            continue
        word = tokens[i]
        first = fold(word)
        if first in starts or first[:4] in starts:
            taken = _phrase_at(tokens, i, lang, out)
            if taken:
                after_phrase = i + taken
                continue
        out.update(_word_anchors(word, lang, i == 0))
    _, _, cjk = _aliases()
    if cjk and not text.isascii() and _CJK.search(text):
        table = _aliases()[0]
        for phrase in cjk:
            if phrase in text:
                out.add(f"a:{table[(phrase,)]}")


# -- titles and URLs -----------------------------------------------------------


def _titles(text: str, out: set[str]) -> None:
    if not _QUOTE_MARK.search(text):
        return
    for m in _QUOTED.finditer(text):
        words = m.group(1).split()
        if 2 <= len(words) <= 8 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            out.add("q:" + "".join(c for c in fold(anyascii(m.group(1))) if c.isalnum())[:40])


def _urls(text: str, out: set[str]) -> None:
    if "@" in text:
        for m in _HANDLE.finditer(text):
            out.add("u:" + m.group().lower())
    if not _MAYBE_URL.search(text):
        return
    for m in _URL.finditer(text):
        url = _SCHEME.sub("", m.group().lower()).rstrip("/.,;")
        out.add("u:" + url.split("/")[0])
        if "/" in url:
            out.add("u:" + url)
    for m in _DOMAIN.finditer(text.lower()):
        out.add("u:" + m.group().removeprefix("www."))


def _may_hold_url(text: str) -> bool:
    """Whether ``_URL`` could match: a scheme's "://" or a "www." in any case."""
    return "://" in text or "ww." in text.lower()


# -- public --------------------------------------------------------------------


@lru_cache(maxsize=65_536)
def anchors_of(text: str, lang: str | None = None) -> frozenset[str]:
    """The anchors of one sentence (or any short text) written in ``lang``.

    Cached: copies and relays repeat their sources' sentences word for word.
    """
    out: set[str] = set()
    text = unicodedata.normalize("NFC", text)
    _urls(text, out)
    _numbers(_URL.sub(" ", text) if _may_hold_url(text) else text, lang, out)
    _names(text, lang, out)
    _titles(text, out)
    return frozenset(out)


def sentence_anchors(
    sentences: Iterable[str], lang: str | None = None
) -> tuple[frozenset[str], ...]:
    """Anchors of each sentence, in order."""
    return tuple(anchors_of(s, lang) for s in sentences)
