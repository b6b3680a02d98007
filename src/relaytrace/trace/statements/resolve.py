"""Resolving a speaker phrase to the person the article means.

``Speakers`` remembers who was named where, so that a pronoun (or a verb with
no written subject) resolves to the nearest fitting person before it, a role
("the spokesman") to the person named earlier with that role, and a bare or
inflected surname ("Stankevich's", "Станкевича") to the full name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relaytrace.trace.statements.agreement import name_gender, role_gender, verb_gender, word_gender
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
    genders: dict[str, str] = field(default_factory=dict)  # surname key -> "m", "f" or "" (both)
    objects: set[int] = field(default_factory=set)  # positions of names not in subject position

    def note(self, name: str, role: str | None, position: int, subject: bool = True) -> None:
        """A person named at ``position``; ``subject`` False for an object or a name inside
        a quote, which a later pronoun does not take up."""
        self.people.append((position, name, role))
        if not subject:
            self.objects.add(position)
        self.learn(name, role_gender(role, self.lex) or name_gender(name, self.lex))

    def named_between(self, start: int, end: int) -> list[tuple[int, str, str | None]]:
        """Persons named in [start, end), in order of position."""
        return sorted(p for p in self.people if start <= p[0] < end)

    def learn(self, name: str, gender: str | None) -> None:
        """Record evidence that ``name`` is a man or a woman; contrary evidence cancels it."""
        if not gender or not name.split():
            return
        key = fold(name.split()[-1])
        known = self.genders.get(key)
        self.genders[key] = gender if known in (None, gender) else ""

    def gender(self, name: str) -> str | None:
        """What the article told of this person's gender, if anything."""
        words = name.split()
        return (self.genders.get(fold(words[-1])) or None) if words else None

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

    def resolve(
        self, found: Speaker, position: int, verb: str | None = None, singular: bool = False
    ) -> tuple[str, str | None]:
        """Name and role for a speaker phrase, using what the article said before; a
        pronoun or a gendered verb (``verb``) skips persons of the other gender."""
        if found.kind == "name":
            name, role = self.full_name(found.text, position)
            return name, found.role or role
        if found.kind == "pronoun":
            return self._antecedent(found, position, verb, singular)
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

    def _antecedent(
        self, found: Speaker, position: int, verb: str | None, singular: bool = False
    ) -> tuple[str, str | None]:
        """What a pronoun or a missing subject stands for: the last speaker, unless a
        person was named in subject position since; persons of the other gender are
        skipped, and a personal pronoun ("he", "she") skips a body."""
        gender = word_gender(found.text, self.lex) if found.text else None
        gender = gender or verb_gender(verb, self.lex)
        before = [p for p in self.people if p[0] < position and p[0] not in self.objects]
        if gender and any(self._fits(p[1], gender) for p in before):
            before = [p for p in before if self._fits(p[1], gender)]
        person = max(before, key=lambda p: p[0]) if before and not found.plural else None
        last = self.last
        # "he", "she"; or a quote that says "I": a body cannot be the speaker
        personal = singular or found.text.lower() in self.lex.person_pronouns
        if person is not None and gender and self.gender(person[1]) == gender:
            # "sie", "она": a person known to be a woman beats a description that spoke
            # last ("Am Dienstag befragt" taken for a subject)
            personal = personal or (last is not None and last.kind == "description")
        if (
            last is not None
            and last.plural == found.plural
            and (person is None or self.last_pos >= person[0] or not self._fits(person[1], gender))
            and (self._fits(last.text, gender) or person is None)
            and not (personal and person is not None and self._is_body(last))
        ):
            return last.text, last.role
        if person is not None:
            return person[1], person[2]
        return found.text, None

    def _is_body(self, last: Speaker) -> bool:
        """A last speaker that is an institution, not a person: a role or description
        not resolved to a named person ("the Ministry of the Interior"), or an acronym."""
        if self.gender(last.text):
            return False
        if last.text.isupper():
            return True
        named = any(p[1] == last.text for p in self.people)
        return last.kind in ("role", "description") and not named

    def _fits(self, name: str, gender: str | None) -> bool:
        known = self.gender(name)
        return gender is None or known is None or known == gender


# The Arabic definite article is written onto its noun: "الوزير" is "the minister".
_ARABIC_ARTICLE = "ال"


def _stem(word: str) -> str:
    w = fold(word.strip('.,«»"')).split("'")[-1]
    if w.startswith(_ARABIC_ARTICLE) and len(w) > 4:
        w = w[len(_ARABIC_ARTICLE) :]
    return w[:5]
