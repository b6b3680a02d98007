"""Titles as pages display them: "Headline — Origin Outlet – Own Site".

The own site's name comes off either end; a remaining last segment that looks
like an outlet's name (a known outlet or agency, a domain, a name holding a news
word, a capitalised name after an em dash or a bar) becomes a ``title_suffix``
cue. A speaker credit at the end of a headline ("… – Stoltenberg") stays.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from relaytrace.ingest.lexicon import URL, fold, is_cjk, lexicon, same_outlet
from relaytrace.model import SourceCue

__all__ = ["TITLE_SEPARATORS", "TitleParts", "split_title", "strip_section"]

TITLE_SEPARATORS = (" — ", " ― ", " – ", " - ", " | ", " :: ", " // ", " » ", " · ")
_STRONG_SEPARATORS = (" — ", " ― ", " | ", " :: ", " // ")


def _looks_like_outlet(segment: str, separator: str) -> bool:
    """Whether a title's last segment names an outlet rather than ending the headline.

    Known outlets and agencies and domains always do, acronyms after an em dash or a
    bar too; other single words never ("| World", "– Stoltenberg"); two
    to six words do when they hold a news word ("… World News") or, after an em dash
    or a bar, are all capitalised ("— Vostok Segodnya").
    """
    words = segment.split()
    if not words or len(words) > 6 or len(segment) > 50 or segment.endswith(tuple(".!?…:;,")):
        return False
    lex = lexicon()
    if fold(segment) in lex.outlets or URL.fullmatch(segment):
        return True
    if is_cjk(segment):
        return len(segment) >= 3 and any(segment.endswith(w) for w in lex.outlet_words)
    if len(words) == 1:  # an acronym after an em dash or bar; "– UN" is a speaker
        letters = [c for c in segment if c.isalpha()]
        acronym = 2 <= len(letters) <= 5 and all(c.isupper() for c in letters)
        return acronym and separator in _STRONG_SEPARATORS
    if any(fold(w).strip("'’") in lex.outlet_words for w in words):
        return True
    if separator in _STRONG_SEPARATORS:
        return all(w[0].isupper() or w[0].isdigit() for w in words if len(w) > 3)
    return False


@dataclass(frozen=True, slots=True)
class TitleParts:
    """A displayed title split into the headline, a foreign-outlet suffix and the own name."""

    title: str
    suffix: SourceCue | None = None
    own_name: str | None = None


def _cut(title: str, separators: Sequence[str], *, last: bool) -> tuple[str, str, str] | None:
    best: tuple[int, str] | None = None
    for sep in separators:
        i = title.rfind(sep) if last else title.find(sep)
        if i > 0 and (best is None or (i > best[0] if last else i < best[0])):
            best = (i, sep)
    if best is None:
        return None
    i, sep = best
    return title[:i].strip(), sep, title[i + len(sep) :].strip()


def _long_enough(head: str) -> bool:
    return (len(head) >= 15 and len(head.split()) >= 3) or (is_cjk(head) and len(head) >= 6)


def strip_section(title: str, sections: Collection[str] = ()) -> str:
    """Remove a trailing section name ("… | Politics", "… - Ausland").

    A section is one of the page's own (``article:section``, breadcrumbs) or a
    common section word of the cue data (``sections`` in the language files).
    """
    cut = _cut(title, TITLE_SEPARATORS, last=True)
    if cut is None:
        return title
    head, _sep, tail = cut
    name = fold(tail)
    known = name in lexicon().sections or name in {fold(s) for s in sections}
    return head if known and _long_enough(head) else title


def split_title(
    title: str,
    site_name: str | None = None,
    site: str | None = None,
    *,
    sections: Collection[str] = (),
) -> TitleParts:
    """Split "Headline — Origin Outlet – Own Site" into its parts.

    The own site's name (given, or the site's domain label) is removed from
    either end, and a section name ("… | Politics") from the end (see
    :func:`strip_section`); one remaining suffix that looks like an outlet's
    name becomes a ``title_suffix`` cue. Only the last segment is considered, so
    a speaker credit inside the headline ("… in Kiev – Stoltenberg") stays.
    """
    text = strip_section(" ".join((title or "").split()), sections)
    own_names = [n for n in (site_name, site) if n]
    own: str | None = None
    for last in (True, False):
        cut = _cut(text, TITLE_SEPARATORS, last=last)
        if cut and own_names:
            head, _sep, tail = cut
            kept, name = (head, tail) if last else (tail, head)
            if any(same_outlet(name, n) for n in own_names) and len(kept) >= 8:
                text, own = kept, name
    text = strip_section(text, sections)
    suffix = None
    cut = _cut(text, TITLE_SEPARATORS, last=True)
    if cut:
        head, sep, tail = cut
        if _long_enough(head) and _looks_like_outlet(tail, sep):
            suffix = SourceCue("title_suffix", f"{sep.strip()} {tail}", outlet=tail)
            text = strip_section(head, sections)
    return TitleParts(text, suffix, own)
