"""Statements of an article: direct quotes and reported speech, with resolved speakers.

``extract_statements(article)`` is the entry point; ``extract_from_text`` does
the same for bare paragraphs. Offsets point into the paragraphs joined by a
blank line (``Article.body``).
"""

from __future__ import annotations

from collections.abc import Sequence

from relaytrace.model import Article, Statement
from relaytrace.text.sentences import split_sentences
from relaytrace.trace.statements.antecedents import typed_organisations
from relaytrace.trace.statements.direct import Found, direct_quotes
from relaytrace.trace.statements.lexicon import Lexicon, lexicon
from relaytrace.trace.statements.reported import reported_speech
from relaytrace.trace.statements.resolve import Speakers
from relaytrace.trace.statements.speakers import Speaker, name_runs, role_phrase
from relaytrace.trace.statements.tokens import is_capitalised, is_common, tokenize

__all__ = ["extract_from_text", "extract_statements"]

_JOIN = " … "
# A direct quote inside a reported clause is part of it, not a statement of its own.
_CONTAINED = 0.9


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


def _person_like(run, lex: Lexicon) -> bool:
    """Two to four words, at most one of them common, none a role or institution word."""
    words = [t.text for t in run.tokens if t.text.lower() not in lex.name_particles]
    if not 2 <= len(words) <= 4 or any(lex.is_role(w) or w.isupper() for w in words):
        return False
    return sum(is_common(w, lex) for w in words) <= 1


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
    return sum(is_common(w, lex) for w in words) <= 1


def _note_names(speakers: Speakers, paragraphs: Sequence[str], lex: Lexicon) -> None:
    """Register every multi-word name of the article with the role written before it."""
    offset = 0
    for text in paragraphs:
        for run in name_runs(text, lex):
            if not _person_like(run, lex):
                continue
            before = text[max(0, run.start - 60) : run.start].split()
            if before and not before[-1][:1].isupper():
                word = before[-1].lower()
                if word in lex.determiners or word in lex.prepositions or word.endswith(("'", "’")):
                    continue  # "la société Vectral Logistique", "de Tarvon First"
            role = " ".join(t.text for t in run.roles) or None
            if role is None and before:
                role = role_phrase(" ".join(before[-5:]), lex)
            speakers.note(text[run.start : run.end], role, offset + run.start)
        for a, b in _bodies(text, lex):
            speakers.note_body(text[a:b], offset + a)
        for a, b, _ in typed_organisations(text, lex):
            speakers.note_firm(text[a:b], offset + a)
        offset += len(text) + 2


def _bodies(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of institutions written in full: capitalised runs holding a body word, with
    particles and prepositions between capitalised words ("Ministry of Health",
    "National Institute of Biomedical Safety", "Gesundheitsministerium")."""
    toks = tokenize(text)
    out: list[tuple[int, int]] = []
    i = 0
    links = lex.prepositions | lex.name_particles | lex.determiners
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
            if k - j > 1 and k < len(toks) and is_capitalised(toks[k].text):
                j = k
            else:
                break
        if j == i and not is_capitalised(toks[i].text):
            i += 1
            continue
        run = toks[i : j + 1]
        while run and run[0].text.lower() in lex.determiners:
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
                if found is None and f.verb:
                    # no subject written ("«…», resumió"): the last speaker or person
                    found = Speaker("", "pronoun")
                if found is None:
                    name, role = None, None
                else:
                    name, role = speakers.resolve(
                        found, offset + found.start if found.start else start
                    )
                    name = name or None
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
