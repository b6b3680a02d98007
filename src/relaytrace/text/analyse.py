"""Fill in what the text itself says about an article: its language and sentences.

The language given with an article (an HTML ``lang`` attribute, a feed's
language, a user's flag) is kept unless the text clearly says otherwise: relay
sites built on blog templates often declare the template's language
(``lang="en-US"``) over machine-translated French or German posts, and the
text is the better witness. "Clearly" means the detector is at least
``OVERRIDE_CONFIDENCE`` sure on at least ``OVERRIDE_MIN_LETTERS`` letters.
A given tag is reduced to its ISO 639-1 part ("fr-FR", "FR", "fr_CA" -> "fr").
"""

from __future__ import annotations

import dataclasses
import re

from relaytrace.model import Article
from relaytrace.text.lang import detect_language_scored
from relaytrace.text.sentences import sentences_of

__all__ = ["OVERRIDE_CONFIDENCE", "OVERRIDE_MIN_LETTERS", "analyse", "normalise_lang_tag"]

OVERRIDE_CONFIDENCE = 0.95
OVERRIDE_MIN_LETTERS = 200
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_].*)?")
# Legacy or three-letter tags seen in page metadata, folded to ISO 639-1.
_TAG_ALIASES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "no": "nb", "zho": "zh",
                "eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "spa": "es",
                "ita": "it", "por": "pt", "pol": "pl", "rus": "ru", "ukr": "uk", "ara": "ar",
                "chi": "zh"}  # fmt: skip


def normalise_lang_tag(tag: str | None) -> str | None:
    """ISO 639-1 code of a language tag, or None when it names no language ("und", "")."""
    if not tag:
        return None
    m = _TAG.fullmatch(tag.strip())
    if m is None:
        return None
    code = m.group(1).lower()
    code = _TAG_ALIASES.get(code, code)
    return code if len(code) == 2 else None


def _has_letters(text: str, least: int) -> bool:
    """At least ``least`` letters; a prefix settles it for nearly every article."""
    probe = text[: 4 * least]
    return sum(map(str.isalpha, probe)) >= least or (
        len(text) > len(probe) and sum(map(str.isalpha, text)) >= least
    )


def analyse(article: Article) -> Article:
    """The article with ``lang`` decided and ``sentences`` split (a new record)."""
    given = normalise_lang_tag(article.lang)
    text = f"{article.title}\n\n{article.body}" if article.title else article.body
    detected, confidence = detect_language_scored(text)
    lang = given
    if detected is not None and detected != given:
        sure = confidence >= OVERRIDE_CONFIDENCE and _has_letters(text, OVERRIDE_MIN_LETTERS)
        if given is None or sure:
            lang = detected
    return dataclasses.replace(article, lang=lang, sentences=sentences_of(article.paragraphs, lang))
