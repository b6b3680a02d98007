"""Per-language word lists for statement extraction, loaded once from TOML data files.

Adding a language is adding ``data/statements/<lang>.toml``; a language without
a file gets the quotation-mark rules only (an empty lexicon).
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

__all__ = ["Lexicon", "available_languages", "fold", "lexicon"]

_DATA = "relaytrace.data.statements"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The words one language uses to attribute speech, with compiled patterns."""

    lang: str
    verbs: frozenset[str]
    verb_re: regex.Pattern[str] | None
    auxiliaries: frozenset[str]
    adverbs: frozenset[str]
    complementisers: tuple[str, ...]
    according_re: regex.Pattern[str] | None
    pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    inverted_pronouns: tuple[str, ...]
    roles: frozenset[str]
    role_re: regex.Pattern[str] | None
    venue_starts: tuple[str, ...]
    venue_object_verbs: frozenset[str]
    time_words: tuple[str, ...]
    name_particles: frozenset[str]
    determiners: frozenset[str]
    subjunctive: frozenset[str]
    no_spaces: bool
    comma_clause: bool
    prepositions: frozenset[str]
    verb_blockers: frozenset[str]
    conjunctions: frozenset[str]
    particles: frozenset[str]
    hedge_re: regex.Pattern[str] | None
    common_zipf: float
    possessives: dict[str, str]
    compound_roles: bool
    openers: frozenset[str] = frozenset()
    lowercase_bodies: bool = False
    noun_suffixes: tuple[str, ...] = ()
    person_pronouns: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    oblique_determiners: frozenset[str] = frozenset()
    masculine_words: frozenset[str] = frozenset()
    feminine_words: frozenset[str] = frozenset()
    feminine_role_endings: tuple[str, ...] = ()
    masculine_verb_endings: tuple[str, ...] = ()
    feminine_verb_endings: tuple[str, ...] = ()
    masculine_name_endings: tuple[str, ...] = ()
    feminine_name_endings: tuple[str, ...] = ()
    capitalised_nouns: bool = False
    converbs: frozenset[str] = frozenset()
    genitive_prepositions: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()
    agent_prepositions: frozenset[str] = frozenset()
    gerund_endings: tuple[str, ...] = ()
    company_nouns: frozenset[str] = frozenset()
    generic_bodies: frozenset[str] = frozenset()
    age_suffixes: tuple[str, ...] = ()
    head_roles: frozenset[str] = frozenset()

    def is_gerund(self, verb: str) -> bool:
        """An adverbial participle ("saying", "ajoutant", "добавив"): its subject is the
        subject of the clause it hangs on."""
        w = verb.lower().split()[-1] if verb.split() else ""
        return any(w.endswith(e) and len(w) >= len(e) + 3 for e in self.gerund_endings)

    def is_noun_form(self, word: str) -> bool:
        """A common-noun ending ("Werkstor", "Lieferstaaten"), so a capital is no name."""
        w = word.lower().strip(".,")
        return any(w.endswith(s) and len(w) >= len(s) + 3 for s in self.noun_suffixes)

    def roles_by_start(self, start: str) -> tuple[str, ...]:
        """Role words beginning with ``start`` (for inflected look-ups)."""
        return _roles_by_start(self.lang).get(start, ())

    def is_role(self, word: str) -> bool:
        """A role or title word, also as the tail of a compound ("Unternehmenssprecherin")."""
        return _is_role(self.lang, word.lower().strip(".,"))


@lru_cache(maxsize=64)
def _roles_by_start(lang: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for r in lexicon(lang).roles:
        if " " not in r and len(r) >= 6:
            out.setdefault(r[:4], []).append(r)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=100_000)
def _is_role(lang: str, w: str) -> bool:
    lex = lexicon(lang)
    for elided in ("l'", "l’", "d'", "d’", "dell'", "all'"):
        if w.startswith(elided):
            w = w[len(elided) :]
    if w in lex.roles:
        return True
    # an inflected role ("министерства", "ведомству" for "министерство", "ведомство"):
    # same word but for the last two letters
    if len(w) >= 7 and any(
        abs(len(r) - len(w)) <= 1 and r[: len(w) - 2] == w[:-2] for r in lex.roles_by_start(w[:4])
    ):
        return True
    if not lex.compound_roles:
        return False
    for suffix in ("innen", "in", "s", ""):  # "-s": the genitive ("des Regionalchefs")
        if suffix and not w.endswith(suffix):
            continue
        stem = w[: len(w) - len(suffix)] if suffix else w
        if any(stem.endswith(r) and len(r) >= 4 for r in lex.roles):
            return True
    return False


def _alternation(words: list[str], no_spaces: bool) -> regex.Pattern[str] | None:
    if not words:
        return None
    parts = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in parts)
    if no_spaces:
        return regex.compile(f"(?:{body})", regex.IGNORECASE)
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}'’-])(?:{body})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE
    )


def available_languages() -> list[str]:
    """Languages that ship a lexicon file."""
    files = resources.files(_DATA).iterdir()
    return sorted(f.name[:-5] for f in files if f.name.endswith(".toml"))


@lru_cache(maxsize=64)
def lexicon(lang: str | None) -> Lexicon:
    """The lexicon of ``lang`` (``"fr"``, ``"pt-BR"`` → ``"pt"``); empty when none ships."""
    code = (lang or "").lower().split("-")[0].split("_")[0]
    data: dict = {}
    path = resources.files(_DATA).joinpath(f"{code}.toml")
    if code and path.is_file():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    no_spaces = bool(data.get("no_spaces", False))
    get = lambda key: [str(x).lower() for x in data.get(key, [])]  # noqa: E731
    # clitics written onto the verb ("و" + "قال" = "وقال", "and said")
    verbs = get("verbs") + get("converbs")
    verbs += [p + v for p in get("verb_prefixes") for v in verbs]
    return Lexicon(
        lang=code,
        verbs=frozenset(verbs),
        verb_re=_alternation(verbs, no_spaces),
        auxiliaries=frozenset(get("auxiliaries")),
        adverbs=frozenset(get("adverbs")),
        complementisers=tuple(get("complementisers")),
        according_re=_alternation(get("according_to"), no_spaces),
        pronouns=frozenset(get("pronouns")),
        plural_pronouns=frozenset(get("plural_pronouns")),
        inverted_pronouns=tuple(get("inverted_pronouns")),
        roles=frozenset(get("roles")),
        role_re=_alternation(get("roles"), no_spaces),
        venue_starts=tuple(sorted(get("venue_starts"), key=len, reverse=True)),
        venue_object_verbs=frozenset(get("venue_object_verbs")),
        time_words=tuple(get("time_words")),
        name_particles=frozenset(get("name_particles")),
        determiners=frozenset(get("determiners")),
        subjunctive=frozenset(get("subjunctive")),
        no_spaces=no_spaces,
        comma_clause=bool(data.get("comma_clause", False)),
        prepositions=frozenset(get("prepositions")),
        verb_blockers=frozenset(get("verb_blockers")),
        conjunctions=frozenset(get("conjunctions")),
        particles=frozenset(get("particles")),
        hedge_re=_alternation(get("hedges"), no_spaces),
        common_zipf=float(data.get("common_zipf", 4.3)),
        compound_roles=bool(data.get("compound_roles", False)),
        openers=frozenset(get("openers")),
        lowercase_bodies=bool(data.get("lowercase_bodies", False)),
        noun_suffixes=tuple(get("noun_suffixes")),
        person_pronouns=frozenset(get("person_pronouns")),
        first_person=frozenset(get("first_person")),
        relatives=frozenset(get("relatives")),
        oblique_determiners=frozenset(get("oblique_determiners")),
        masculine_words=frozenset(get("masculine_words")),
        feminine_words=frozenset(get("feminine_words")),
        feminine_role_endings=tuple(get("feminine_role_endings")),
        masculine_verb_endings=tuple(get("masculine_verb_endings")),
        feminine_verb_endings=tuple(get("feminine_verb_endings")),
        masculine_name_endings=tuple(get("masculine_name_endings")),
        feminine_name_endings=tuple(get("feminine_name_endings")),
        capitalised_nouns=bool(data.get("capitalised_nouns", False)),
        converbs=frozenset(get("converbs")),
        genitive_prepositions=frozenset(get("genitive_prepositions")),
        source_nouns=frozenset(get("source_nouns")),
        agent_prepositions=frozenset(get("agent_prepositions")),
        gerund_endings=tuple(get("gerund_endings")),
        company_nouns=frozenset(get("company_nouns")),
        generic_bodies=frozenset(get("generic_bodies")),
        age_suffixes=tuple(get("age_suffixes")),
        head_roles=frozenset(get("head_roles")),
        possessives={str(k).lower(): str(v) for k, v in data.get("possessives", {}).items()},
    )


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case- and accent-folded text, for comparing names ("Müller" == "muller")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ё", "е")
