"""What happened to a statement between two of its copies: a number changed, the quote
was cut, the speaker renamed, a hedge dropped, reported speech turned into a quote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from anyascii import anyascii

from relaytrace.model import Statement
from relaytrace.text.anchors import anchors_of
from relaytrace.trace.statements.lexicon import lexicon

__all__ = ["ChangeKind", "StatementChange", "compare"]

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
    pk, ck = surname_key(parent.speaker), surname_key(child.speaker)
    if pk and ck and pk != ck:
        add("speaker", parent.speaker or "", child.speaker or "")
    ph, ch = hedges(parent.quote, parent_lang), hedges(child.quote, child_lang)
    if ph and not ch:
        add("hedge_dropped", ph[0], "—")
    elif ch and not ph:
        add("hedge_added", "—", ch[0])
    if parent.kind != child.kind:
        add("form", parent.kind, child.kind)
    return out
