"""Names and roles in a speaker phrase: capitalised runs that look like names, with
the role words before them split off ("ministre des Transports Paul Ferrandier"),
and the role part of a phrase ("the bloc's Secretary General")."""

from __future__ import annotations

from dataclasses import dataclass

from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.tokens import Token, is_capitalised, is_common, tokenize

__all__ = ["Run", "name_runs", "role_phrase", "script"]


@dataclass(frozen=True, slots=True)
class Run:
    """A capitalised run taken for a name, with the role words written just before it."""

    tokens: tuple[Token, ...]
    roles: tuple[Token, ...]  # role words just before the name inside the run

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def script(word: str) -> str:
    """Latin, Cyrillic or other: a name does not change script midway."""
    ch = word[:1]
    if "\u0400" <= ch <= "\u04ff":
        return "cyrl"
    return "latn" if ch.isascii() or "\u00c0" <= ch <= "\u024f" else "other"


def _is_role_token(tok: Token, lex: Lexicon) -> bool:
    return lex.is_role(tok.bare)


# A sentence may open after these, as at the start of the text.
_OPENERS = frozenset('.!?«„“"')


def _apposed(text: str, start: int, end: int) -> bool:
    """Set off by commas on both sides: an apposition ("der Vorsitzende, Anton Keller, …")."""
    return text[:start].rstrip().endswith(",") and text[end:].lstrip().startswith(",")


def name_runs(text: str, lex: Lexicon, offset: int = 0) -> list[Run]:
    """Capitalised runs that look like names, with leading role words split off."""
    toks = tokenize(text, offset)
    runs: list[Run] = []
    i = 0
    while i < len(toks):
        if not is_capitalised(toks[i].text):
            i += 1
            continue
        j = i
        while j + 1 < len(toks):
            nxt = toks[j + 1]
            gap = text[toks[j].end - offset : nxt.start - offset]
            if gap.strip() not in ("", "-") or script(nxt.text) != script(toks[j].text):
                break
            if is_capitalised(nxt.text):
                j += 1
            elif (
                nxt.text.lower() in lex.name_particles
                and j + 2 < len(toks)
                and is_capitalised(toks[j + 2].text)
                and text[nxt.end - offset : toks[j + 2].start - offset].strip() == ""
            ):
                j += 2
            else:
                break
        run = toks[i : j + 1]
        # a sentence may also open after a full stop or an opening quotation mark
        opens = i == 0 or any(
            c in _OPENERS for c in text[toks[i - 1].end - offset : toks[i].start - offset]
        )
        k = 0
        while k < len(run) and (
            _is_role_token(run[k], lex)
            or run[k].text.lower() in lex.determiners
            or (k == 0 and i == 0 and run[k].text.lower() in lex.prepositions)
        ):
            k += 1
        roles, name = tuple(run[:k]), run[k:]
        # "ministre des Transports Paul Ferrandier": an institution word before the name
        while len(name) >= 3 and is_common(name[0].text, lex, 3.0):
            name = name[1:]
        # "Union von Gouverneurin Mirela Dovan": a role word left at the head of the name
        m = 0
        while m < len(name) - 1 and _is_role_token(name[m], lex):
            m += 1
        roles, name = roles + tuple(name[:m]), name[m:]
        # German capitalises nouns: two capitalised words not after an article, the last
        # one rare enough, are a name ("Konrad Esslinger", not "der Berliner Abendpost");
        # so are two words set off by commas ("…, Jürgen Albers, reagierte")
        prev = toks[i - 1].text.lower() if i > 0 else ""
        if (
            len(name) >= 2
            and lex.lang == "de"
            and prev not in lex.determiners
            and not any(_is_role_token(t, lex) for t in name)
            and (
                (not is_common(name[-1].text, lex, 4.0) and not is_common(name[0].text, lex, 4.5))
                or (
                    len(name) == 2 and _apposed(text, name[0].start - offset, name[-1].end - offset)
                )
            )
        ):
            runs.append(Run(tuple(name), roles))
            i = j + 1
            continue
        # two capitalised words inside a sentence are a name even if each is a word
        # ("Jan Wolny"); not in German, which capitalises nouns
        if (
            len(name) >= 2
            and not opens
            and lex.lang != "de"
            and not lex.no_spaces
            and not any(_is_role_token(t, lex) for t in name)
        ):
            runs.append(Run(tuple(name), roles))
            i = j + 1
            continue
        # the name must hold a word that is not a common word nor a role
        while name and (is_common(name[-1].text, lex) or _is_role_token(name[-1], lex)):
            name = name[:-1]
        while name and (is_common(name[0].text, lex) and len(name) > 1 and opens and k == 0):
            name = name[1:]
        # German nouns a dictionary does not list, told by their endings ("Werkstor")
        if len(name) == 1 and lex.is_noun_form(name[0].text):
            name = ()
        if name and any(not is_common(t.text, lex) for t in name):
            runs.append(Run(tuple(name), roles))
        i = j + 1
    return runs


def role_phrase(text: str, lex: Lexicon) -> str | None:
    """The role part of a phrase, from its first role word, or None."""
    if lex.role_re is None:
        return None
    m = lex.role_re.search(text)
    if not m:
        return None
    # keep a preceding possessive or determiner ("the bloc's Secretary General")
    head = text[: m.start()].rstrip()
    words = head.split()
    keep = []
    for w in reversed(words[-3:]):
        if w.lower() in lex.determiners or w.endswith(("'s", "’s")) or is_capitalised(w):
            keep.insert(0, w)
        else:
            break
    role = " ".join([*keep, text[m.start() :].strip()]).strip(" ,;:—–-")
    return role or None
