"""Who speaks: the speaker phrase next to a speech verb.

A speaker phrase is a name ("Commander Tobias Rehnholm", "Станкевич"), a
pronoun ("he", "il", "sagte er"), a role ("the spokesman") or a description
("Russian analysts"). Resolving it to a person is ``resolve.Speakers``' job.
"""

from __future__ import annotations

from dataclasses import replace

from relaytrace.trace.statements.antecedents import age_epithet
from relaytrace.trace.statements.inversion import (
    addressee_before_subject,
    after_window,
    bare_name_after,
    quoted_name,
    subject_after,
)
from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.names import Run as _Run
from relaytrace.trace.statements.names import name_runs, role_phrase
from relaytrace.trace.statements.phrases import (
    addressee,
    governed,
    non_agent,
    possessive,
    trim_phrase,
    venue_prefix,
)
from relaytrace.trace.statements.speaker import Speaker
from relaytrace.trace.statements.tokens import is_capitalised, tokenize
from relaytrace.trace.statements.uncased import is_uncased, uncased_after

__all__ = [
    "Speaker",
    "inverted_pronoun",
    "name_runs",
    "role_phrase",
    "speaker_after",
    "speaker_before",
]


def _clean(text: str) -> str:
    return text.strip(' ,;:—–-\u00a0«»“”"„')


# At most this many lower-case words between two runs of one prepositional phrase.
_MAX_CHAIN = 3


def _governed(before: list[str], lex: Lexicon) -> bool:
    """The words before a name run end with a preposition governing it, past determiners,
    roles and capitalised words ("von der Harbour Trust", "Sprecher der Regierung");
    an article that is also a preposition governs after a noun (German genitive "der")."""
    words = list(before)
    while words:
        w = words[-1].lower().strip(",")
        if w in lex.prepositions and (
            w not in lex.determiners
            or (len(words) > 1 and (lex.is_role(words[-2]) or is_capitalised(words[-2])))
        ):
            return True
        if not (w in lex.determiners or lex.is_role(w) or is_capitalised(words[-1])):
            return False
        words.pop()
    return False


def _subject_run(runs: list[_Run], text: str, offset: int, lex: Lexicon) -> _Run | None:
    """The last run not governed by a preposition ("Varenikova of the Port Verin Institute").

    A one-word run is governed too when a preposition stands a few words before it
    with no punctuation between ("из Института прикладной экономики Порт-Верина")."""
    for run in reversed(runs):
        if possessive(text, run.end - offset):
            continue  # "Drovnia's foreign ministry": the name determines the subject
        before = text[: run.start - offset]
        if governed(before, lex) or not is_capitalised(run.tokens[0].text):
            continue  # "de Sarvenia" left of "Asuntos Exteriores de Sarvenia": a complement
        tail = before.split()[-_MAX_CHAIN - 1 : -1]
        if (
            len(run.tokens) == 1
            and not lex.determiners
            and any(w.lower() in lex.prepositions for w in tail)
            and not any(c in w for w in tail for c in ",;:()—–")
        ):
            continue  # one word, not a person's full name in apposition
        return run
    return None


def _speaker_unspaced(segment: str, lex: Lexicon, offset: int) -> Speaker | None:
    """Chinese-style subject: "港口局局长林海明（在…）表示" → 林海明, role 港口局局长."""
    head = segment
    for mark in "，。；：！？、,":
        head = head.rsplit(mark, 1)[-1]
    start = len(segment) - len(head)
    for venue in lex.venue_starts:
        k = head.find(venue)
        if k > 0:
            head = head[:k]
    head = head.strip(' “”"「」')
    if not head or len(head) > 24:
        return None
    role = None
    if lex.role_re is not None:
        last = None
        for m in lex.role_re.finditer(head):
            last = m
        if last is not None and last.end() < len(head):
            role, head = head[: last.end()], head[last.end() :]
        elif last is not None:
            return Speaker(head, "role", start=offset + start, end=offset + start + len(head))
    if head in lex.pronouns:
        return Speaker(head, "pronoun", plural=head in lex.plural_pronouns)
    return Speaker(head, "name", role=role, start=offset + start, end=offset + start + len(head))


def speaker_before(segment: str, lex: Lexicon, offset: int) -> Speaker | None:
    """The subject phrase that ends right before a verb ("X, a spokesman, said")."""
    if lex.no_spaces:
        return _speaker_unspaced(segment, lex, offset)
    seg = segment.rstrip()
    if not seg.strip(" ,—–-"):
        return None
    words = seg.split()
    if words and words[-1].lower().strip(",") in lex.pronouns:
        w = words[-1].strip(",")
        pos = offset + seg.rfind(w)
        return Speaker(
            w, "pronoun", start=pos, end=pos + len(w), plural=w.lower() in lex.plural_pronouns
        )
    appositive: str | None = None
    if seg.endswith(","):
        inner = seg[:-1]
        cut = inner.rfind(",")
        tail = inner[cut + 1 :]
        if cut > 0 and tail.split()[:1] and tail.split()[0].lower() in lex.relatives:
            # "Anton Keller, dont le parti Tarvon First …, a dénoncé": a relative clause
            # between subject and verb; its names are not the subject
            return speaker_before(inner[:cut] + ",", lex, offset)
        runs = name_runs(tail, lex, offset + cut + 1) if cut > 0 else []
        lead = inner[:cut]
        if (
            len(runs) == 1
            and _clean(tail) == segment[runs[0].start - offset : runs[0].end - offset]
            and len(lead.split()) <= 10
            and lex.role_re is not None
            and (
                lex.role_re.match(_clean(lead).split(" ", 1)[-1].lower())
                or lex.is_role(_clean(lead).split()[-1] if _clean(lead) else "")
            )
        ):
            # "The spokeswoman of the Harbour Trust, Nadia Korvel, said", "The Harbour
            # Trust spokeswoman, Nadia Korvel, said": role, then name
            run = runs[0]
            name = segment[run.start - offset : run.end - offset]
            return Speaker(name, "name", role=_clean(lead), start=run.start, end=run.end)
        if cut > 0 and len(inner[cut + 1 :].split()) <= 14 and name_runs(inner[:cut], lex):
            appositive = _clean(inner[cut + 1 :])
            seg = inner[:cut]
        else:
            seg = inner
    cut = max(seg.rfind(","), seg.rfind(";"), seg.rfind(":"), seg.rfind(" — "), seg.rfind(" – "))
    head_start = cut + 1 if cut >= 0 else 0
    head = seg[head_start:]
    run = _subject_run(name_runs(head, lex, offset + head_start), segment, offset, lex)
    # "Questioned on Radio X, the minister said": a role after the comma is the subject
    opening = _clean(head).split(" ", 1)[0].lower()
    if (
        run is None
        and head_start > 0
        and seg[cut] == ","
        and len(seg[:head_start].split()) <= 8
        and not (
            (opening in lex.determiners or opening.endswith(("'s", "’s")))
            and role_phrase(_clean(head), lex)
        )
    ):
        run = _subject_run(name_runs(seg, lex, offset), segment, offset, lex)
        head_start = 0
    if run is not None and _opening_participle(segment, run, lex, offset):
        return Speaker("", "pronoun")  # "Preguntado por …, aseguró": no subject written
    if run is not None:
        name = segment[run.start - offset : run.end - offset]
        role = appositive or role_phrase(segment[head_start : run.start - offset], lex)
        return Speaker(name, "name", role=role, start=run.start, end=run.end)
    sw = seg.split()
    if sw and sw[0].lower() in lex.pronouns and len(sw) <= 25:
        return Speaker(sw[0], "pronoun", plural=sw[0].lower() in lex.plural_pronouns)
    phrase = _clean(head)
    hw = phrase.split()
    if len(hw) > 1 and hw[0].lower() in lex.openers:
        # "as the coast guard announced": the subject follows the clause opener
        phrase = phrase[len(hw[0]) :].lstrip()
        hw = phrase.split()
    if hw and hw[0].lower() in lex.pronouns:
        return Speaker(hw[0], "pronoun", plural=hw[0].lower() in lex.plural_pronouns)
    if not phrase or len(hw) > 7:
        return None
    if hw[-1].lower() in lex.pronouns:
        return Speaker(hw[-1], "pronoun", plural=hw[-1].lower() in lex.plural_pronouns)
    if age_epithet(phrase, lex):
        return Speaker(phrase, "pronoun")  # "Der 29-Jährige sagte": the person named before
    trimmed = trim_phrase(phrase, lex)
    if non_agent(phrase, lex) or all(w.lower() in lex.determiners for w in trimmed.split()):
        # "Hilfsorganisationen, die in Sarvan tätig sind, sagten": a relative clause
        # or fragment after the comma; the subject stands before it
        return speaker_before(seg[:cut], lex, offset) if cut > 0 and seg[cut] == "," else None
    phrase = trimmed
    if role_phrase(phrase, lex):
        kind = "role"
    elif any(is_capitalised(w) for w in hw) or (hw[0].lower() in lex.determiners):
        kind = "description"
    else:
        return None
    start = offset + head_start + head.find(phrase)
    return Speaker(phrase, kind, role=appositive, start=start, end=start + len(phrase))


def _opening_participle(segment: str, run: _Run, lex: Lexicon, offset: int) -> bool:
    """One capitalised word opening the segment, then a preposition, and the segment's
    only comma right before the verb: an opening participle or adverbial ("Preguntado
    por los dos fichajes, aseguró"), not a name."""
    words = segment.split()
    return (
        len(run.tokens) == 1
        and not segment[: run.start - offset].strip()
        and len(words) > 1
        and words[1].lower() in lex.prepositions
        and segment.rstrip().endswith(",")
        and segment.count(",") == 1
    )


def speaker_after(segment: str, lex: Lexicon, offset: int) -> tuple[Speaker | None, int]:
    """The subject phrase right after a verb ("…, said X, a trade economist").

    Returns the speaker and where it ends within ``segment`` (0 when none).
    """
    stripped = segment.lstrip(" ,")
    lead = len(segment) - len(stripped)
    if lex.comma_clause and segment.lstrip().startswith(","):
        return None, 0  # "sagte, man habe …": a clause, not a speaker, follows
    first = stripped.split(maxsplit=1)[0].strip(",.;:") if stripped.split() else ""
    if first.lower() in lex.pronouns:
        end = lead + len(first)
        return Speaker(
            first,
            "pronoun",
            start=offset + lead,
            end=offset + end,
            plural=first.lower() in lex.plural_pronouns,
        ), end
    skip = venue_prefix(stripped, lex)
    if skip:
        # "a déclaré à Agence Méridien le président …": the addressee, then the subject
        found, used = speaker_after(stripped[skip:], lex, offset + lead + skip)
        if found is None:
            return None, 0
        return replace(found, venue=found.venue or _clean(stripped[:skip])), lead + skip + used
    skip = addressee_before_subject(segment, lex)
    if skip:
        found, used = speaker_after(segment[skip:], lex, offset + skip)
        return found, (skip + used if found is not None else 0)
    for start in lex.venue_starts:
        if stripped.lower().startswith(start + " ") and start not in lex.determiners:
            return _named_past_venue(segment, lex, offset)
    window = stripped[: after_window(stripped)]
    if is_uncased(window):
        return uncased_after(stripped, lex, offset + lead, lead)
    head = window.split(",", 1)[0].split()[:2]
    if age_epithet(" ".join(head), lex):
        # "sagte der 29-Jährige": the person named before
        end = lead + stripped.find(head[-1]) + len(head[-1])
        return Speaker(" ".join(head), "pronoun", start=offset + lead, end=offset + end), end
    bare = bare_name_after(window, lex)
    if bare is not None:
        a, b = bare
        return Speaker(window[a:b], "name", start=offset + lead + a, end=offset + lead + b), (
            lead + b
        )
    # a name after a preposition is a place or an addressee ("à Vessholm", "a Northwind
    # Wire"), unless a name in apposition follows it (handled below)
    runs = [
        r
        for r in name_runs(window, lex, offset + lead)
        if not governed(segment[: r.start - offset], lex) and is_capitalised(r.tokens[0].text)
    ]
    if not runs:
        return _described_after(stripped, lex, offset + lead, lead)
    run = subject_after(runs, segment, offset, lex)
    if (
        run is runs[-1]
        and not window[: run.start - offset - lead].strip(' «„“"')
        and quoted_name(window, run.start - offset - lead - 1)
    ):
        return None, 0  # "powiedziała „Gazecie Porannej”": the outlet, no subject
    spans = [(r.start - offset, r.end - offset, len(r.tokens)) for r in runs[:2]]
    to = addressee(segment, spans, lex)
    if to is not None and run is runs[0]:
        # "сказала Kyiv Morning Post координаторка Мірела Васко": the first name is the
        # addressee; "губернатор Староборской области Геннадий Кружилин": a modifier
        run = runs[1]
    for nxt in runs[runs.index(run) + 1 :]:
        # "dijo la portavoz de la Fundación Mar Claro, Elena Brisal": the body after a
        # preposition belongs to the role; the name in apposition is the speaker
        words = segment[: run.start - offset].split()
        between = segment[run.end - offset : nxt.start - offset].strip()
        # the body's last words may have been cut from its run ("von Nordhafen Transit,")
        tail_ok = between.endswith(",") and all(is_capitalised(w) for w in between[:-1].split())
        if not (_governed(words, lex) and tail_ok):
            break
        run = nxt
    before = segment[: run.start - offset]
    bw = [w.lower() for w in before.split()]
    # "a autora principal, a doutora X": "a" is an article before a noun, no preposition
    if (
        len(bw) > 10
        or (bool(bw) and bw[0].strip(",") in lex.prepositions and bw[0] not in lex.determiners)
        or any(
            w.lower().startswith(lex.complementisers) for w in before.split() if lex.complementisers
        )
    ):
        return None, 0
    end = run.end - offset
    role = role_phrase(before, lex)
    rest = segment[end:]
    if rest.startswith(","):
        nxt = rest[1:].split(",", 1)
        apposition = _clean(nxt[0])
        if apposition and role_phrase(apposition, lex) and len(apposition.split()) <= 14:
            role = role or apposition
            end += 1 + len(nxt[0])
    name = segment[run.start - offset : run.end - offset]
    if to:
        role = role_phrase(segment[runs[0].end - offset : run.start - offset], lex) or role
    return Speaker(
        name,
        "name",
        role=_clean(role) if role else None,
        start=run.start,
        end=run.end,
        venue=to or None,
    ), end


def _named_past_venue(segment: str, lex: Lexicon, offset: int) -> tuple[Speaker | None, int]:
    """A role and a name after a venue phrase: "заявил на церемонии запуска заместитель
    директора порта Виктор Трошин". Only a person's name counts, not a bare role."""
    stripped = segment.lstrip(" ,")
    window = stripped[: after_window(stripped)]
    at = len(segment) - len(stripped)
    for tok in tokenize(window)[1:]:
        if lex.is_role(tok.bare) and not tok.text[:1].isupper():
            k = at + tok.start
            found, used = speaker_after(segment[k:], lex, offset + k)
            if found is not None and found.kind == "name" and len(found.text.split()) >= 2:
                return found, k + used
            break
    return None, 0


def inverted_pronoun(after: str, lex: Lexicon, offset: int) -> Speaker | None:
    """A subject pronoun right after the verb where a comma opens the reported clause
    (``comma_clause``: "Der Zeitung sagte er am Abend: …"): the verb's inverted subject,
    whatever stands before the verb."""
    if not lex.comma_clause or after[:1].strip():
        return None
    words = after.split(maxsplit=1)
    word = words[0].strip(",.;:") if words else ""
    if word.lower() not in lex.pronouns:
        return None
    start = offset + after.find(word)
    return Speaker(
        word,
        "pronoun",
        start=start,
        end=start + len(word),
        plural=word.lower() in lex.plural_pronouns,
    )


def _described_after(text: str, lex: Lexicon, offset: int, lead: int) -> tuple[Speaker | None, int]:
    """An unnamed speaker after the verb ("…, a indiqué l'administration")."""
    words = text.split()
    if not words:
        return None, 0
    first = words[0].lower()
    elided = first.startswith(("l'", "l’"))
    if not (first in lex.determiners or elided or lex.is_role(first) or not lex.determiners):
        return None, 0
    stop = len(text)
    for mark in ',.;:!?"“”«»„(':
        k = text.find(mark)
        if 0 <= k < stop:
            stop = k
    phrase = text[:stop]
    if non_agent(phrase.strip(), lex):
        return None, 0  # "dismissing the measures as …": the verb's object
    low = phrase.lower()
    for start in (*lex.venue_starts, *lex.time_words):
        k = low.find(" " + start + " ")
        if 0 <= k < len(phrase) and len(start) > 1:
            phrase = phrase[:k]
            low = phrase.lower()
    phrase = phrase.strip()
    used = lead + len(phrase)
    if len(phrase.split()) <= 10:
        phrase = trim_phrase(phrase, lex)  # "l'institut mardi", "la banque après sa réunion"
    if not phrase or len(phrase.split()) > 6:
        return None, 0
    if not lex.determiners and not (lex.is_role(phrase.split()[0]) or is_capitalised(phrase)):
        return None, 0
    kind = "role" if any(lex.is_role(w) for w in phrase.split()) else "description"
    return Speaker(phrase, kind, start=offset, end=offset + len(phrase)), used
