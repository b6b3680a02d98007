"""Resolving a speaker phrase to the person the article means.

``Speakers`` remembers who was named where, so that a pronoun (or a verb with
no written subject) resolves to the nearest fitting person before it, a role
("the spokesman") to the person named earlier with that role, and a bare or
inflected surname ("Stankevich's", "Станкевича") to the full name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relaytrace.trace.statements.agreement import name_gender, role_gender, verb_gender, word_gender
from relaytrace.trace.statements.antecedents import age_epithet, head_word, lexicon_word
from relaytrace.trace.statements.lexicon import Lexicon, fold
from relaytrace.trace.statements.speakers import Speaker
from relaytrace.trace.statements.tokens import is_common

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
    firms: list[tuple[int, str]] = field(default_factory=list)

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
        """An institution written in full ("Ministry of Health", "Gesundheitsministerium").

        A capitalised run whose body word only follows a preposition or article is the
        body's complement ("Eine Studie des Nationalen Instituts"): the body starts after
        the last such link before its body word."""
        words = name.split()
        first = next((i for i, w in enumerate(words) if self._role_entry(w)), 0)
        links = [i for i, w in enumerate(words[:first]) if self._link(w) or w.endswith(".")]
        if links:  # also a sentence end the run went over ("Herald TV. L'entreprise")
            cut = len(" ".join(words[: links[-1] + 1])) + 1
            name, position = name[cut:], position + cut
            words = words[links[-1] + 1 :]
        # an article right after the body word opens the next phrase ("Ministerium den
        # Schritt"), unless it follows a preposition ("Ministry of the Interior")
        for i in range(1, len(words)):
            low, prev = words[i].lower(), words[i - 1].lower()
            determiner = low in self.lex.determiners and low not in self.lex.prepositions
            if determiner and prev not in self.lex.prepositions:
                name = " ".join(words[:i])
                break
        name = self._without_time(name)  # "Verteidigungsministerium der Republik am Freitag"
        self.bodies.append((position, name))

    def note_firm(self, name: str, position: int) -> None:
        """A name typed as a firm ("the carmaker Vallmark", "Orvena Labs, a drug maker")."""
        self.firms.append((position, name))

    def _role_entry(self, word: str) -> str | None:
        return lexicon_word(word, self.lex.roles, self.lex)

    def _link(self, word: str) -> bool:
        w = word.lower()
        return w in self.lex.prepositions or w in self.lex.determiners

    def firm(self, phrase: str, position: int) -> str | None:
        """The firm a bare company noun ("the company", "das Unternehmen", "l'entreprise",
        "the operator's data") stands for: the latest name typed by a company noun before
        it, else the first after it. Not for a person's role of a firm ("the spokesman
        of the company")."""
        lex = self.lex
        if not self.firms or len(phrase.split()) > 5:
            return None
        head = head_word(phrase, lex)
        if head is not None and lexicon_word(head, lex.company_nouns, lex) is None:
            return None
        if not any(lexicon_word(w, lex.company_nouns, lex) for w in phrase.split()):
            return None
        before = [f for f in self.firms if f[0] < position]
        if before:
            return before[-1][1]
        return self.firms[0][1]

    def body_by_head(self, phrase: str, position: int) -> str | None:
        """The institution named in full before ``position`` holding the phrase's body
        word, compared as lexicon words so inflection and compounds meet ("des
        Ministeriums" = "Verteidigungsministerium der Republik", "die Notenbank" =
        "Valdorische Nationalbank", "l'institut" = "Institut national de …") while
        "minister" never meets "Ministry"."""
        words = phrase.split()
        if not words or len(words) > 6:
            return None
        heads = {e for w in words if (e := self._role_entry(w)) is not None}
        if not heads:
            return None
        for _, name in reversed([b for b in self.bodies if b[0] < position]):
            if fold(name) in fold(phrase):
                continue  # the phrase itself ("el presidente de Qilan Motors")
            if heads & {self._role_entry(w) for w in name.split()}:
                return name
        return None

    def generic_body(self, phrase: str, position: int) -> str | None:
        """A generic word for an institution ("ведомства", "die Behörde"): the latest
        institution named in full or that spoke (a speaker headed by a body word)."""
        lex = self.lex
        if not lex.generic_bodies or len(phrase.split()) > 4:
            return None
        if not any(lexicon_word(w, lex.generic_bodies, lex) for w in phrase.split()):
            return None
        found = [b for b in self.bodies if b[0] < position]
        for pos, said, _ in self.said:
            first = said.split()[0] if said.split() else ""
            if pos < position and said != phrase and self._role_entry(first):
                found.append((pos, said))
        return max(found)[1] if found else None

    def head_of(self, phrase: str, position: int) -> tuple[str, str | None] | None:
        """ "The head of the region", "le chef de la région", "des Regionalchefs": the
        person named before whose role names the same thing ("the governor of the
        Staroborsk region"), the latest speaker first."""
        lex = self.lex
        words = phrase.split()
        head = head_word(phrase, lex)
        if head is None or head not in lex.head_roles or len(words) > 6:
            return None
        things: set[str] = set()
        for w in words:
            low = w.lower().strip(",.")
            if low in lex.determiners or low in lex.prepositions:
                continue
            if lexicon_word(w, lex.head_roles, lex) is None:
                things.add(_stem(w))
            elif lex.compound_roles and len(low) > len(head) + 4:
                things.add(_stem(low[: -len(head) - 1]))  # "Regionalchefs" → "regio"
        things.discard("")
        if not things:
            return None
        said = [(p, n, r) for p, n, r in self.said if p < position and r]
        people = [(p, n, r) for p, n, r in self.people if p < position and r]
        for _, name, role in [*reversed(said), *sorted(people, reverse=True)]:
            if name != phrase and things <= {_stem(w) for w in (role or "").split()}:
                return name, role
        return None

    def _person_before(self, position: int) -> tuple[str, str | None] | None:
        """The person last named before ``position`` (for an age epithet, "der 29-Jährige")."""
        before = [
            p
            for p in self.people
            if p[0] < position
            and len(p[1].split()) >= 2
            and not any(is_common(w, self.lex, 4.5) for w in p[1].split())
        ]
        if not before:
            return None
        person = max(before, key=lambda p: p[0])
        return person[1], person[2]

    def _named_after(self, phrase: str, position: int) -> tuple[str, str | None] | None:
        """A role whose holder is named only later ("the regional governor said …" in the
        lead, "Governor Gennady Orlov said …" below it; "declarou o diretor do instituto,
        o Dr. X"): the first person after it whose role has the same head word."""
        head = head_word(phrase, self.lex)
        if head is None or lexicon_word(head, self.lex.company_nouns, self.lex) is not None:
            return None
        for _, full, role in sorted(p for p in self.people if p[0] >= position):
            if role and head in {
                lexicon_word(w, self.lex.roles, self.lex) for w in self._role_head(role)
            }:
                return full, role
        return None

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
        heads = {e for w in words[1:] if (e := self._role_entry(w)) is not None}
        for _, name in reversed([b for b in self.bodies if b[0] < position]):
            folded = fold(name)
            if all(st in folded for st in stems) and fold(phrase) not in folded:
                # "the minister" shares a stem with "Ministry of Transport", not a word
                named = {e for w in name.split() if (e := self._role_entry(w)) is not None}
                if heads and named and not heads & named:
                    continue
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
        if age_epithet(self._without_time(found.text), self.lex):
            # "der 31-Jährige", "the 41-year-old": the person last named, object or not
            return self._person_before(position) or (found.text, found.role)
        if found.kind == "pronoun":
            return self._antecedent(found, position, verb, singular)
        if found.kind in ("role", "description"):
            text = self._without_time(found.text)
            firm = self.firm(text, position)
            if firm is not None:
                return firm, found.role
            # "the spokesman", "главы региона", "в министерстве": the person or body named
            # before with that role word (compared on a 5-letter stem, for inflection)
            key = {_stem(w) for w in found.text.split() if self.lex.is_role(w)}
            roles = [w for w in found.text.split() if self.lex.is_role(w)]
            words = found.text.split()
            written = bool(words) and words[0].lower() in self.lex.determiners
            if found.kind == "description" and (not key or written):
                # "die Notenbank": a compound of a body word is still that body
                body = self.body_by_head(text, position) if written else None
                if body:
                    return body, found.role
                return self.head_of(text, position) or (found.text, found.role)
            # "declarou o diretor do instituto, o Dr. X": the name in apposition
            end = position + len(found.text)
            for pos, full, role in self.people:
                apposed = end < pos <= end + 12 and role is not None and "," in role
                if apposed and self._shares_role(roles, (role or "").split()):
                    return full, role
            for _, full, role in reversed([p for p in self.people if p[0] < position]):
                if role and self._shares_role(roles, self._role_head(role)):
                    return full, role
            body = self.body(found.text, position) or self.body_by_head(text, position)
            if body is not None:
                return body, found.role
            body = self.generic_body(text, position)
            if body is not None:
                return body, found.role
            for _, said, role in reversed([p for p in self.said if p[0] < position]):
                said_words = [*said.split(), *self._role_head(role or "")]
                if said != found.text and self._shares_role(roles, said_words):
                    return said, role
            # "the spokeswoman of the Harbour Trust …" (a role naming its body): the
            # person given that role of that body later in the article
            named = [_stem(w) for w in words[1:] if w[:1].isupper()]
            # "El Ministerio de Asuntos Exteriores", "la Commission électorale": a body
            # written as a name (its body word capitalised), which no person named later
            # stands for
            full_body = bool(key & set(named))
            if full_body:
                named = []
            for _, full, role in sorted(p for p in self.people if p[0] >= position):
                stems = {_stem(w) for w in (role or "").split()}
                shared = named and self._shares_role(roles, (role or "").split())
                if shared and set(named) <= stems:
                    return full, role
            leader = self.head_of(text, position)
            if leader is not None:
                return leader
            later = None if full_body else self._named_after(text, position)
            if later is not None:
                return later
        return found.text, found.role

    def _shares_role(self, roles: list[str], words: list[str]) -> bool:
        """One of ``roles`` is written among ``words``: the same 5-letter stem, so
        inflected forms meet ("главы", "глава"), but not two lexicon words neither of
        holds the other ("ministry" is no "minister", "министерства" no
        "министр"; "Sprecher" and "Sprecherin" meet)."""
        for a in roles:
            for b in words:
                if _stem(a) == _stem(b) and self._same_entry(a, b):
                    return True
        return False

    def _role_head(self, role: str) -> list[str]:
        """The head of a person's role, which a bare role must name ("the spokesman" is
        the "Foreign Ministry spokesman", not "the ministry"): the last role word before
        a preposition, or the first role word where genitives follow their head without
        one ("заместитель начальника администрации порта")."""
        words = [w for w in role.split() if self.lex.is_role(w)]
        if not words:
            return []
        if not self.lex.determiners:
            # and a title right before the name ("представитель … генерал-майор")
            last = role.split()[-1]
            return words[:1] + ([last] if self.lex.is_role(last) else [])
        head = head_word(role, self.lex)
        return [w for w in words if lexicon_word(w, self.lex.roles, self.lex) == head] or words

    def _same_entry(self, a: str, b: str) -> bool:
        ea = lexicon_word(a, self.lex.roles, self.lex)
        eb = lexicon_word(b, self.lex.roles, self.lex)
        return ea is None or eb is None or ea in eb or eb in ea

    def _without_time(self, phrase: str) -> str:
        """The phrase without a trailing time word ("l'institut mardi")."""
        words = phrase.split()
        while len(words) > 1 and words[-1].lower().strip(",.") in self.lex.time_words:
            words.pop()
        if len(words) > 2 and " ".join(words[-2:]).lower().strip(",.") in self.lex.time_words:
            words = words[:-2]  # "am Freitag", "on Monday"
        return " ".join(words)

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
