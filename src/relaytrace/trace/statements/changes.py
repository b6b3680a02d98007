"""What happened to a statement between two of its copies: a number changed, the quote
was cut, the speaker renamed, a hedge dropped, reported speech turned into a quote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from anyascii import anyascii

from relaytrace.model import Statement
from relaytrace.text.anchors import anchors_of, name_key, skeleton_key
from relaytrace.trace.statements.lexicon import lexicon

__all__ = ["ChangeKind", "StatementChange", "compare", "same_speaker", "speaker_keys"]

ChangeKind = Literal["number", "cut", "speaker", "hedge_dropped", "hedge_added", "form", "dropped"]
# A copy keeping less than this share of its parent's quote "cut it short".
_CUT_SAME_LANG = 0.7
_CUT_CROSS_LANG = 0.55


@dataclass(frozen=True, slots=True)
class StatementChange:
    """One change of a statement from ``parent`` (article id) to ``article``."""

    kind: ChangeKind
    article: int | None
    parent: int | None
    before: str
    after: str

    def describe(self) -> str:
        labels = {
            "number": "number changed",
            "cut": "quote cut short",
            "speaker": "speaker renamed",
            "hedge_dropped": "hedge dropped",
            "hedge_added": "hedge added",
            "form": "form changed",
            "dropped": "statement dropped",
        }
        return f"{labels[self.kind]}: {self.before} → {self.after}"


def numbers(quote: str, lang: str | None) -> frozenset[str]:
    """Normalised number values in a quote ("six officers" → 6, "61 млрд" → 6.1e10)."""
    return frozenset(a[2:] for a in anchors_of(quote, lang) if a.startswith("n:"))


def hedges(quote: str, lang: str | None) -> list[str]:
    pattern = lexicon(lang).hedge_re
    return [m.group() for m in pattern.finditer(quote)] if pattern else []


def surname_key(name: str | None) -> str | None:
    """Last word of a name, transliterated and folded, cut to a cognate prefix."""
    if not name:
        return None
    words = anyascii(name).casefold().replace("-", " ").split()
    return words[-1][:5] if words else None


def speaker_keys(name: str | None) -> frozenset[str]:
    """Keys of a speaker's surname that survive translation and transliteration:
    the cognate prefix (``name_key``: Eskeland/Эскеланд) and the consonant skeleton
    (``skeleton_key``: Haraldsen/Харальдсен, whose "Kh" the prefix keeps)."""
    if not name:
        return frozenset()
    words = [w for w in name.replace("-", " ").split() if any(c.isalpha() for c in w)]
    if not words:
        return frozenset()
    last = words[-1].strip(".,;:'\"’")
    keys = {f"n:{name_key(last)}"}
    skeleton = skeleton_key(last)
    if len(skeleton) >= 3:
        keys.add(f"s:{skeleton}")
    return frozenset(k for k in keys if len(k) > 3)


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """Whether two speaker names are the same person across spellings; None if unknown."""
    ka, kb = speaker_keys(a), speaker_keys(b)
    if not ka or not kb:
        return None
    return bool(ka & kb)


def _person_like(name: str, lang: str | None) -> bool:
    """A written personal name: two to five capitalised words, none a role word.

    Across languages only such names can be compared by spelling; a body or a
    description ("the coast guard", "береговая охрана") is translated, not renamed.
    """
    lex = lexicon(lang)
    if lex.no_spaces:
        return False
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    for word in words:
        if word.lower() in lex.name_particles:
            continue
        if not word[:1].isupper() or lex.is_role(word):
            return False
    return True


def _renamed(
    parent: Statement, child: Statement, same_lang: bool, langs: tuple[str | None, str | None]
) -> bool:
    if same_speaker(parent.speaker, child.speaker) is not False:
        return False
    if same_lang:
        return True
    return _person_like(parent.speaker or "", langs[0]) and _person_like(
        child.speaker or "", langs[1]
    )


def _size(quote: str, lang: str | None) -> int:
    return len(quote) if lexicon(lang).no_spaces else len(quote.split())


def compare(
    parent: Statement,
    child: Statement,
    parent_lang: str | None,
    child_lang: str | None,
) -> list[StatementChange]:
    """The changes from ``parent`` to ``child`` (the same statement in two articles)."""
    out: list[StatementChange] = []

    def add(kind: ChangeKind, before: str, after: str) -> None:
        out.append(StatementChange(kind, child.article, parent.article, before, after))

    pn, cn = numbers(parent.quote, parent_lang), numbers(child.quote, child_lang)
    if pn and cn and pn != cn:
        add("number", ", ".join(sorted(pn - cn)) or "—", ", ".join(sorted(cn - pn)) or "—")
    same_lang = (parent_lang or "") == (child_lang or "")
    if same_lang:
        ratio = _size(child.quote, child_lang) / max(1, _size(parent.quote, parent_lang))
        limit = _CUT_SAME_LANG
    else:
        ratio = len(child.quote) / max(1, len(parent.quote))
        limit = _CUT_CROSS_LANG
    if ratio < limit:
        add("cut", f"{_size(parent.quote, parent_lang)} words", f"{ratio:.0%} of it")
    if _renamed(parent, child, same_lang, (parent_lang, child_lang)):
        add("speaker", parent.speaker or "", child.speaker or "")
    ph, ch = hedges(parent.quote, parent_lang), hedges(child.quote, child_lang)
    if ph and not ch:
        add("hedge_dropped", ph[0], "—")
    elif ch and not ph:
        add("hedge_added", "—", ch[0])
    if parent.kind != child.kind:
        add("form", parent.kind, child.kind)
    return out
