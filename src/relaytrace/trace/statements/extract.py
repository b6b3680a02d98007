"""Statements of an article: direct quotes and reported speech, with resolved speakers.

``extract_statements(article)`` is the entry point; ``extract_from_text`` does
the same for bare paragraphs. Offsets point into the paragraphs joined by a
blank line (``Article.body``).
"""

from __future__ import annotations

from collections.abc import Sequence

from relaytrace.model import Article, Statement
from relaytrace.text.sentences import split_sentences
from relaytrace.trace.statements.agreement import verb_gender, word_gender
from relaytrace.trace.statements.antecedents import typed_organisations
from relaytrace.trace.statements.direct import Found, direct_quotes
from relaytrace.trace.statements.lexicon import Lexicon, lexicon
from relaytrace.trace.statements.quotes import find_quotes
from relaytrace.trace.statements.reported import reported_speech
from relaytrace.trace.statements.resolve import Speakers
from relaytrace.trace.statements.speakers import Speaker, name_runs, role_phrase
from relaytrace.trace.statements.tokens import is_capitalised, is_common, tokenize

__all__ = ["extract_from_text", "extract_statements"]

_JOIN = " … "
# A direct quote inside a reported clause is part of it, not a statement of its own.
_CONTAINED = 0.9
# A person's names may be words of the language ("Konrad", "Renner"), rarely frequent ones;
# German's low ``common_zipf`` is for telling its capitalised nouns from names.
_PERSON_ZIPF = 4.3
_OPENERS = frozenset('«„“"‚‘»')


def _overlap(a: Found, b: Found) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _paragraph_statements(text: str, lang: str | None, lex: Lexicon) -> list[Found]:
    sentences = split_sentences(text, lang)
    direct = direct_quotes(text, sentences, lex)
    used = [u for f in direct for u in f.used]
    quoted = [p for f in direct for p in f.parts]
    reported = reported_speech(text, sentences, lex, used, quoted, direct)
    kept = []
    for d in direct:
        length = max(1, d.end - d.start)
        if any(
            _overlap(d, r) >= _CONTAINED * length and r.end - r.start > length for r in reported
        ):
            continue
        kept.append(d)
    reported = [
        r for r in reported if not any(_overlap(r, d) >= 0.5 * (r.end - r.start) for d in kept)
    ]
    return sorted([*kept, *reported], key=lambda f: f.start)


def _name_zipf(lex: Lexicon) -> float:
    """The common-word bar for a person's name: never below the default, so German's low
    bar (for capitalised nouns) does not turn "Konrad" or "Esslinger" into nouns."""
    return max(lex.common_zipf, _PERSON_ZIPF)


def _person_like(run, lex: Lexicon) -> bool:
    """Two to four words, at most one of them common, none a role or institution word."""
    words = [t.text for t in run.tokens if t.text.lower() not in lex.name_particles]
    if not 2 <= len(words) <= 4 or any(lex.is_role(w) or w.isupper() for w in words):
        return False
    return sum(is_common(w, lex, _name_zipf(lex)) for w in words) <= 1


def _uncased(word: str) -> bool:
    return word[:1].isalpha() and word[:1].lower() == word[:1].upper()


def _person_name(name: str, lex: Lexicon) -> bool:
    """A written name that looks like a person's: "Maren Holtvik", not "Tarvon First"."""
    words = [w for w in name.split() if w.lower() not in lex.name_particles]
    if lex.no_spaces:
        return 2 <= len(name) <= 4
    # capitals where the script has them (Arabic has none)
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() or _uncased(w) for w in words):
        return False
    if any(lex.is_role(w) or w.isupper() for w in words):
        return False
    return sum(is_common(w, lex, _name_zipf(lex)) for w in words) <= 1


def _note_names(speakers: Speakers, paragraphs: Sequence[str], lex: Lexicon) -> None:
    """Register every multi-word name of the article with the role written before it."""
    offset = 0
    for text in paragraphs:
        quotes = [(q.inner_start, q.inner_end) for q in find_quotes(text)]
        for run in name_runs(text, lex):
            before = text[max(0, run.start - 60) : run.start].split()
            if not _person_like(run, lex):
                quoted = _quoted(run.start, quotes)
                _note_surname(speakers, run, before, offset, lex, quoted)
                continue
            if before and before[-1].lower() in lex.determiners:
                continue  # "Der Berliner Abendpost", "la société Vectral Logistique"
            if before and not before[-1][:1].isupper():
                word = before[-1].lower()
                if word in lex.prepositions or word.endswith(("'", "’")):
                    continue  # "de Tarvon First"
            role = " ".join(t.text for t in run.roles) or None
            if role is None and before:
                role = role_phrase(" ".join(before[-5:]), lex)
            oblique = (not run.roles and _oblique(before, lex)) or _quoted(run.start, quotes)
            speakers.note(text[run.start : run.end], role, offset + run.start, not oblique)
        for a, b in _bodies(text, lex):
            speakers.note_body(text[a:b], offset + a)
        for a, b, _ in typed_organisations(text, lex):
            speakers.note_firm(text[a:b], offset + a)
        offset += len(text) + 2


def _note_surname(
    speakers: Speakers, run, before: list[str], offset: int, lex: Lexicon, quoted: bool
) -> None:
    """A lone surname: after a gendered title ("Mme Dovan", "Ms Whitlock", "pani Nowak") a
    person of that gender; written as in a full name named before ("Keller dagegen
    beansprucht …"), a mention of that person here, which a later pronoun may take up."""
    det = [t.text.lower() for t in run.roles[-1:]] or [w.lower() for w in before[-1:]]
    if len(run.tokens) != 1 or (det and det[0] in lex.determiners | lex.prepositions):
        return  # "el Almadraba", "La Almadraba", "de Tarvon": a club, a place or a body
    surname = run.tokens[0].text
    title = run.roles[-1].text if run.roles else (before[-1] if before else "")
    gender = word_gender(title, lex)
    if title.lower() in lex.pronouns | lex.determiners:
        gender = None
    known = [p for p in speakers.people if p[1].split()[-1] == surname and p[1] != surname]
    if gender is None and not known:
        return
    full, role = max(known)[1:] if known else (surname, None)
    speakers.learn(full, gender)
    oblique = quoted or _oblique(before[:-1] if gender and not run.roles else before, lex)
    speakers.note(full, role, offset + run.start, not oblique)


def _oblique(before: list[str], lex: Lexicon, reach: int = 4) -> bool:
    """A name governed by a preposition, "told" or a dative or genitive article, maybe over
    an adjective or noun or two ("told Radio Nordvent", "dem nordischen Sender Fjordkanalen",
    "according to the local newspaper Haiwan Daily", "a Calpe Sports Management"): an
    object, not the subject a later pronoun or missing subject takes up. ``reach`` counts
    the words looked at, capitalised ones of the same run not counted."""
    for word in reversed(before[-reach - 4 :]):
        low = word.lower()
        if (
            low in lex.venue_object_verbs
            or low in lex.prepositions
            or low in lex.oblique_determiners
        ):
            return True
        if lex.is_role(low) or low in lex.verbs or word[-1] in ',;:.!?»“”"':
            return False
        if word[:1].isupper() and not is_common(word, lex):
            continue  # "a Calpe Sports Management": the run's own word left out of the name
        reach -= 1
        if reach <= 0:
            return False
    return False


def _quoted(pos: int, quotes: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in quotes)


def _named_after(text: str, verb_end: int, offset: int, speakers: Speakers) -> Speaker | None:
    """The first person named in subject position after a verb whose subject was not
    found, up to the end of its sentence: the speaker behind a venue or a role phrase."""
    end = len(text)
    for mark in (". ", "! ", "? ", "; "):
        k = text.find(mark, verb_end)
        if 0 <= k < end:
            end = k
    for pos, name, role in speakers.named_between(offset + verb_end, offset + end):
        before = text[max(0, pos - offset - 60) : pos - offset]
        # not "told X", "a X", nor a title in quotation marks («Восток Сегодня», an outlet)
        if not _oblique(before.split(), speakers.lex, reach=1) and before[-1:] not in _OPENERS:
            return Speaker(name, "name", role=role)
    return None


def _first_person(quote: str, lex: Lexicon) -> bool:
    """A quote in the first person singular ("I", "je", "ich", "я"): a person speaks."""
    return bool(lex.first_person) and any(
        w.strip(".,;:!?«»\"“”„'’").lower() in lex.first_person for w in quote.split()
    )


def _bodies(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of institutions written in full: capitalised runs holding a body word, with
    particles and prepositions between capitalised words ("Ministry of Health",
    "National Institute of Biomedical Safety", "Gesundheitsministerium")."""
    toks = tokenize(text)
    out: list[tuple[int, int]] = []
    i = 0
    # "Ministry of Health", not "ministère de la Défense à Vessholm"
    links = (lex.genitive_prepositions or lex.prepositions) | lex.name_particles | lex.determiners
    articles = lex.determiners - lex.prepositions - lex.name_particles
    while i < len(toks):
        # a body starts with a capital, or with its body word written in lower case
        # before a capitalised complement ("le ministère de la Santé")
        first = toks[i].text
        if first.lower() in lex.determiners or not (
            is_capitalised(first) or (lex.lowercase_bodies and lex.is_role(toks[i].bare))
        ):
            i += 1
            continue
        j = i
        while j + 1 < len(toks):
            # a name does not run across punctuation ("ROVENGRAD — Eine Studie", "Dr., in")
            if text[toks[j].end : toks[j + 1].start].strip(" -"):
                break
            if is_capitalised(toks[j + 1].text):
                j += 1
                continue
            k = j + 1
            while k < len(toks) and k - j <= 2 and toks[k].text.lower() in links:
                k += 1
            # a bare article is no link ("das Ministerium den Schritt"), "of the" is
            opens = k - j > 1 and toks[j + 1].text.lower() not in articles
            if opens and k < len(toks) and is_capitalised(toks[k].text):
                j = k
            else:
                break
        if j == i and not is_capitalised(toks[i].text):
            i += 1
            continue
        run = toks[i : j + 1]
        # "Secondo il Ministero …": a sentence-initial preposition is no part of the name
        while run and (
            run[0].text.lower() in lex.determiners
            or run[0].text.lower() in lex.prepositions
            or (lex.according_re is not None and lex.according_re.fullmatch(run[0].text))
        ):
            run = run[1:]
        held = [t for t in run if lex.is_role(t.bare) and (is_capitalised(t.text) or t is run[0])]
        linked = any(not is_capitalised(t.text) for t in run[1:])
        # "Spokesman Arno Tidwell" is a person with a title, not an institution
        whole = bool(run) and (lex.is_role(run[-1].bare) or linked)
        if held and whole and (len(run) >= 2 or len(run[0].text) > 12):
            out.append((run[0].start, run[-1].end))
        i = j + 1
    return out


def extract_from_text(paragraphs: Sequence[str], lang: str | None) -> list[Statement]:
    """Statements in ``paragraphs`` (offsets into the paragraphs joined by a blank line)."""
    lex = lexicon(lang)
    speakers = Speakers(lex)
    _note_names(speakers, paragraphs, lex)
    out: list[Statement] = []
    last: tuple[str | None, str | None, str | None] = (None, None, None)
    offset = 0
    for text in paragraphs:
        for f in _paragraph_statements(text, lang, lex):
            start = offset + f.start
            quote = _JOIN.join(text[a:b] for a, b in f.parts)
            if f.continued and f.speaker is None:
                name, role, verb = last
                if name is None:
                    continue
            else:
                found = f.speaker
                if found is None and f.verb and f.used:
                    # a person named later in the attribution ("«…», dijo a La Voz su
                    # portavoz, Lucía Benamar"), else no subject written ("«…», resumió"):
                    # the last speaker or person
                    found = _named_after(text, f.used[0][1], offset, speakers)
                if found is None and f.verb:
                    found = Speaker("", "pronoun")
                if found is None:
                    name, role = None, None
                else:
                    singular = (
                        found.kind == "pronoun" and f.kind == "direct" and _first_person(quote, lex)
                    )
                    name, role = speakers.resolve(
                        found, offset + found.start if found.start else start, f.verb, singular
                    )
                    name = name or None
                    if name and found.kind == "name":
                        # "Лидия Вареникова заявила": the verb's gender is the person's
                        speakers.learn(name, verb_gender(f.verb, lex))
                    speakers.last = Speaker(name or "", found.kind, role=role, plural=found.plural)
                    speakers.last_pos = start
                    if name:
                        speakers.said.append((start, name, role))
                    if name and _person_name(name, lex):
                        speakers.note(name, role, start)
                verb = f.verb
            out.append(
                Statement(
                    kind=f.kind,  # type: ignore[arg-type]
                    quote=quote,
                    start=start,
                    end=offset + f.end,
                    speaker=name,
                    speaker_role=role,
                    verb=verb,
                    venue=f.venue,
                )
            )
            last = (name, role, verb)
        offset += len(text) + 2
    return out


def extract_statements(article: Article) -> list[Statement]:
    """Statements of a stored or freshly extracted article, tagged with its id."""
    found = extract_from_text(article.paragraphs, article.lang)
    if article.id is None:
        return found
    return [
        Statement(
            kind=s.kind,
            quote=s.quote,
            start=s.start,
            end=s.end,
            speaker=s.speaker,
            speaker_role=s.speaker_role,
            verb=s.verb,
            venue=s.venue,
            article=article.id,
        )
        for s in found
    ]
