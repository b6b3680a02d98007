"""Resolving a speaker phrase to the person the article means.

``Speakers`` remembers who was named where, so that a pronoun (or a verb with
no written subject) resolves to the nearest fitting person before it, a role
("the spokesman") to the person named earlier with that role, and a bare or
inflected surname ("Stankevich's", "Станкевича") to the full name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relaytrace.trace.statements.lexicon import Lexicon, fold
from relaytrace.trace.statements.speakers import Speaker

__all__ = ["Speakers"]


def _surname_match(a: str, b: str) -> bool:
    """Same surname, allowing inflection ("Станкевича" ~ "Станкевич")."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(4, len(short) - 2) and len(long_) - common <= 4


@dataclass
class Speakers:
    """Names seen so far in an article, to resolve pronouns, roles and surnames."""

    lex: Lexicon
    people: list[tuple[int, str, str | None]] = field(default_factory=list)
    last: Speaker | None = None
    last_pos: int = -1
    said: list[tuple[int, str, str | None]] = field(default_factory=list)
    bodies: list[tuple[int, str]] = field(default_factory=list)

    def note(self, name: str, role: str | None, position: int) -> None:
        self.people.append((position, name, role))

    def note_body(self, name: str, position: int) -> None:
        """An institution written in full ("Ministry of Health", "Gesundheitsministerium")."""
        self.bodies.append((position, name))

    def body(self, phrase: str, position: int) -> str | None:
        """The institution named in full before ``position`` that a bare body ("the
        ministry", "das Ministerium", "le ministère") stands for: the latest whose
        words hold the body word's stem."""
        words = phrase.split()
        if not 2 <= len(words) <= 3 or words[0].lower() not in self.lex.determiners:
            return None
        stems = [_stem(w) for w in words[1:] if self.lex.is_role(w)]
        if not stems:
            return None
        for _, name in reversed([b for b in self.bodies if b[0] < position]):
            folded = fold(name)
            if all(st in folded for st in stems) and fold(phrase) not in folded:
                return name
        return None

    def full_name(self, name: str, position: int) -> tuple[str, str | None]:
        """The longest name mentioned in the article that ends with this surname."""
        parts = name.split()
        tail = parts[-1] if parts else name
        best: tuple[str, str | None] | None = None
        for _, full, role in self.people:
            fparts = full.split()
            if (
                len(fparts) >= len(parts)
                and _surname_match(fparts[-1], tail)
                and (best is None or len(full) > len(best[0]))
            ):
                best = (full, role)
        return best or (name, None)

    def resolve(self, found: Speaker, position: int) -> tuple[str, str | None]:
        """Name and role for a speaker phrase, using what the article said before."""
        if found.kind == "name":
            name, role = self.full_name(found.text, position)
            return name, found.role or role
        if found.kind == "pronoun":
            before = sorted((p for p in self.people if p[0] < position), key=lambda p: p[0])
            person = before[-1] if before and not found.plural else None
            last = self.last
            if (
                last is not None
                and last.plural == found.plural
                and (person is None or self.last_pos >= person[0])
            ):
                return last.text, last.role
            if person is not None:
                return person[1], person[2]
            return found.text, None
        if found.kind in ("role", "description"):
            # "the spokesman", "главы региона", "в министерстве": the person or body named
            # before with that role word (compared on a 5-letter stem, for inflection)
            key = {_stem(w) for w in found.text.split() if self.lex.is_role(w)}
            words = found.text.split()
            written = bool(words) and words[0].lower() in self.lex.determiners
            if found.kind == "description" and (not key or written):
                return found.text, found.role  # "the company" stays as written
            for _, full, role in reversed([p for p in self.people if p[0] < position]):
                if role and key & {_stem(w) for w in role.split()}:
                    return full, role
            body = self.body(found.text, position)
            if body is not None:
                return body, found.role
            for _, said, role in reversed([p for p in self.said if p[0] < position]):
                words = f"{said} {role or ''}".split()
                if said != found.text and key & {_stem(w) for w in words}:
                    return said, role
            # "the spokeswoman of the Harbour Trust …" (a role naming its body): the
            # person given that role of that body later in the article
            named = [_stem(w) for w in words[1:] if w[:1].isupper()]
            for _, full, role in sorted(p for p in self.people if p[0] >= position):
                stems = {_stem(w) for w in (role or "").split()}
                if named and key & stems and set(named) <= stems:
                    return full, role
        return found.text, found.role


def _stem(word: str) -> str:
    return fold(word.strip('.,«»"')).split("'")[-1][:5]
