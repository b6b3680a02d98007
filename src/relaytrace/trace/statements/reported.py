"""Reported speech: "X said that …", "…, a déclaré X", "according to X, …", "Er sagte, man habe …".

Works sentence by sentence on one paragraph. Verbs already used as the
attribution of a direct quote are skipped; a German sentence in the
subjunctive right after a statement continues it ("Man werde …").
"""

from __future__ import annotations

import regex

from relaytrace.trace.statements.direct import Found
from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.phrases import fronted, possessor
from relaytrace.trace.statements.speakers import Speaker, speaker_after, speaker_before
from relaytrace.trace.statements.tokens import tokenize
from relaytrace.trace.statements.venues import find_venue, find_venue_anywhere, skip_time
from relaytrace.trace.statements.verbs import VerbHit, according_hits, find_verbs

__all__ = ["reported_speech"]

_MIN_CLAUSE_WORDS = 3
_MAX_SOURCE_WORDS = 12
_END = ' ,.!?;:"“”«»„‚‘’)(—–-\u00a0\n。！？；：'


# "VELMORA, 19 janvier (Agence) – ": a dateline opening the first paragraph
_DATELINE = regex.compile(r"\p{Lu}[\p{Lu}\s.'-]{2,40},[^–—\n]{1,60}?\s[–—-]\s")


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    m = _DATELINE.match(text, a, b)
    if m:
        a = m.end()
    while a < b and text[a] in " ,:;—–-\u00a0\n，：":
        a += 1
    while b > a and text[b - 1] in _END:
        b -= 1
    return a, b


def _words(text: str) -> int:
    return len(text.split())


def _size(text: str, lex: Lexicon) -> int:
    """Words of a clause (characters / 2 where words are not spaced)."""
    return len(text) // 2 if lex.no_spaces else len(text.split())


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _complementiser(text: str, lex: Lexicon) -> int | None:
    """Length up to and including a leading complementiser ("that", "что", ", dass")."""
    stripped = text.lstrip(" ,،")
    lead = len(text) - len(stripped)
    low = stripped.lower()
    for c in lex.complementisers:
        if low.startswith(c) and (len(low) == len(c) or not low[len(c)].isalnum() or c[-1] in "'’"):
            return lead + len(c)
    return None


def _according(text: str, a: int, b: int, hit: tuple[int, int], lex: Lexicon) -> Found | None:
    """An "according to X" statement in sentence text[a:b]."""
    m_start, m_end = hit
    marker = text[m_start:m_end]
    pre = text[a:m_start]
    if _words(pre) <= 3 and marker.lower() != "zufolge":
        rest = text[m_end:b]
        comma = rest.find(",")
        if comma >= 0 and _words(rest[:comma]) <= _MAX_SOURCE_WORDS:
            src_a, src_b = m_end, m_end + comma
            ca, cb = _trim(text, m_end + comma + 1, b)
        else:
            used = _source_phrase(rest, lex)
            src_a, src_b = m_end, m_end + used
            ca, cb = _trim(text, m_end + used, b)
        source = _verb_final(text[src_a:src_b], lex).strip(" ,")
        speaker = _source_speaker(source, marker, lex, src_a)
        if not source and speaker is None:
            speaker = Speaker("", "pronoun")  # "Nach Angaben …": the source named before
        if speaker is None or _size(text[ca:cb], lex) < _MIN_CLAUSE_WORDS:
            return None
        return Found("reported", ((ca, cb),), speaker, marker, None, ((m_start, m_end),))
    if marker.lower() == "zufolge":
        source = text[a:m_start]
        speaker = _source_speaker(source, marker, lex, a)
        ca, cb = _trim(text, m_end, b)
    else:
        ca, cb = _trim(text, a, m_start)
        tail = text[m_end:b]
        cut = min([k for k in (tail.find(","), tail.find(".")) if k >= 0] or [len(tail)])
        if _words(tail[:cut]) > _MAX_SOURCE_WORDS // 2 and not lex.no_spaces:
            # "X erhielt laut der Kommission 29 Sitze": the source sits inside the clause
            cut = _source_phrase(tail, lex)
            ca, cb = _trim(text, a, b)
        speaker = _source_speaker(_verb_final(tail[:cut], lex), marker, lex, m_end)
    if speaker is None or _size(text[ca:cb], lex) < _MIN_CLAUSE_WORDS:
        return None
    return Found("reported", ((ca, cb),), speaker, marker, None, ((m_start, m_end),))


def _verb_final(source: str, lex: Lexicon) -> str:
    """The source of an "as X said" clause without its verb and time words: German puts
    the verb last ("wie das Unternehmen am Montag mitteilte" → "das Unternehmen")."""
    words = source.split()
    for k, word in enumerate(words[1:], 1):
        if word.lower().strip(",.;:") in lex.verbs:
            words = words[:k]
            break
    else:
        return source
    kept = " ".join(words)
    low = kept.lower()
    for time in lex.time_words:
        k = low.find(" " + time)
        if k > 0 and (k + 1 + len(time) == len(low) or low[k + 1 + len(time)] == " "):
            kept, low = kept[:k] + kept[k + 1 + len(time) :], low[:k] + low[k + 1 + len(time) :]
    return kept


def _source_phrase(rest: str, lex: Lexicon) -> int:
    """Length of the source named right after "laut"/"according to" when no comma ends it:
    determiners, capitalised words and the particles between them ("dem Ministerium")."""
    end = 0
    names = 0
    for tok in tokenize(rest):
        word = tok.text
        if word[:1].isupper():
            names += 1
        elif not (word.lower() in lex.determiners or word.lower() in lex.name_particles):
            break
        end = tok.end
        if names >= 4:
            break
    return end if names else 0


def _source_speaker(source: str, marker: str, lex: Lexicon, offset: int) -> Speaker | None:
    for w in marker.lower().split()[1:]:
        pronoun = lex.possessives.get(w, w if w in lex.pronouns else None)
        if pronoun is not None:
            return Speaker(pronoun, "pronoun", plural=pronoun in lex.plural_pronouns)
    source = source.strip(" ,")
    if not source or _words(source) > _MAX_SOURCE_WORDS:
        return None
    low = source.lower()
    if low in lex.pronouns or low in lex.possessives:
        pronoun = lex.possessives.get(low, low)
        return Speaker(source, "pronoun", plural=pronoun in lex.plural_pronouns)
    owner = possessor(source, lex)
    if owner is not None:
        # "according to the union's calculations": the union speaks
        offset += max(0, source.find(owner))
        source = owner
    found = speaker_before(source, lex, offset)
    if found is None and _words(source) <= 6:
        found = Speaker(source, "description", start=offset, end=offset + len(source))
    return found


def _verb_statement(
    text: str,
    a: int,
    b: int,
    v: VerbHit,
    lex: Lexicon,
    nxt: int | None = None,
    shared: Speaker | None = None,
    follows: Speaker | None = None,
) -> Found | None:
    """A reported statement around speech verb ``v`` in sentence text[a:b]."""
    pre = text[a : v.start]
    post = text[v.end : b]
    speaker: Speaker | None = None
    if v.pronoun:
        speaker = Speaker(v.pronoun, "pronoun", plural=v.pronoun.endswith("s"))
    pre_tail = pre.rstrip()
    pre_words = pre_tail.lower().split()
    if speaker is None and shared is not None and pre_words and pre_words[-1] in lex.conjunctions:
        speaker = shared
    if speaker is None and follows is not None and pre_tail.endswith(","):
        speaker = follows  # '"…," Tereshkov said, adding that …': the participle's subject
    used = 0
    skip = skip_time(post, lex)
    after_speaker: Speaker | None = None
    if speaker is None and pre_tail and pre_tail[-1] in ",—–-":
        # "…, said X" (inverted) or "X, a spokesman, said …" (apposition)
        before = speaker_before(pre, lex, a)
        after, after_used = speaker_after(post[skip:], lex, v.end + skip)
        told = v.text.lower().split()[-1] in lex.venue_object_verbs
        if before is not None and before.kind == "name" and (told or after is None):
            speaker = before
        elif after is not None:
            after_speaker, used = after, after_used + skip
    if speaker is None and after_speaker is None and fronted(pre_tail, lex):
        # "In Velna erklärte das Außenministerium …": a fronted phrase, the subject after
        after_speaker, used = speaker_after(post[skip:], lex, v.end + skip)
        used += skip if after_speaker is not None else 0
    # "…, pero lamentó un importe …": after a conjunction the verb shares its subject,
    # the phrase after it is its object
    coordinated = bool(pre_words) and pre_words[-1] in lex.conjunctions
    if speaker is None and after_speaker is None and pre_tail:
        speaker = speaker_before(pre, lex, a)
        if coordinated and speaker is not None and text[a : speaker.start].strip():
            speaker = None  # "summoned the Dravonian ambassador and said": an object
    if speaker is None and after_speaker is None and not coordinated:
        after_speaker, used = speaker_after(post[skip:], lex, v.end + skip)
        if after_speaker is not None:
            used += skip
    if (
        speaker is None
        and after_speaker is None
        and (coordinated or (pre_tail.endswith(",") and lex.is_gerund(v.text)))
    ):
        # "… on Lavrania, saying …", "… wezwało ambasadora i oświadczyło": the verb shares
        # the subject of the clause before it, which is not written here
        speaker = Speaker("", "pronoun")
    venue, vlen = find_venue(post[used:], lex, v.text)
    if after_speaker is not None and after_speaker.venue:
        venue = venue or after_speaker.venue
    rest_at = v.end + used + vlen
    rest_at += skip_time(text[rest_at:b], lex)
    rest = text[rest_at:b]
    comp = _complementiser(rest, lex)
    clause: tuple[int, int] | None = None
    if comp is not None:
        clause = _trim(text, rest_at + comp, b)
    elif rest.lstrip()[:1] in (",", "，") and lex.comma_clause:
        clause = _trim(text, rest_at + len(rest) - len(rest.lstrip()) + 1, b)
    elif (
        not rest.lstrip().startswith((",", ".", ":", ";"))
        and _words(rest) >= 4
        and (speaker is not None and speaker.kind in ("name", "pronoun", "role", "description"))
        and after_speaker is None
        and lex.lang == "en"
    ):
        clause = _trim(text, rest_at, b)
    if (
        clause is not None
        and nxt is not None
        and clause[0] < nxt < clause[1]
        and any(mark in text[clause[0] : nxt] for mark in ",;:—–،")
    ):
        # a later verb after a break starts its own attribution; one right inside the
        # clause is the clause's own verb ("told X that the words confirmed …")
        comma = text.rfind(",", clause[0], nxt)
        end = comma if comma > clause[0] and _words(text[clause[0] : comma]) >= 3 else nxt
        clause = _trim(text, clause[0], end)
    if clause is not None and _size(text[clause[0] : clause[1]], lex) >= _MIN_CLAUSE_WORDS:
        who = speaker or after_speaker
        if who is None and not pre_tail.strip(" ,"):
            who = Speaker("", "pronoun")  # "Ha detto che …": no subject written
        if who is None:
            return None
        venue = venue or find_venue_anywhere(text[a : clause[0]], lex)
        return Found("reported", (clause,), who, v.text, venue, ((v.start, v.end),))
    # verb after the clause: "…, said X" / "…, X said" / "…, a déclaré X"
    opens = rest.lstrip()[:1] in (",", "，", "—", "–")
    first = rest.split()[0].lower() if rest.split() else ""
    if _words(rest) > 4 and not opens and first not in lex.conjunctions:
        return None  # the verb has an object of its own ("a appelé les manifestants à …")
    cut = max(pre.rfind(","), pre.rfind(" — "), pre.rfind(" – "))
    if cut < 0:
        return None
    source = pre[cut + 1 :]
    if _words(source) > _MAX_SOURCE_WORDS:
        return None
    who = speaker_before(source, lex, a + cut + 1) if source.strip(" —–-") else None
    if who is None or v.pronoun:
        who = Speaker(v.pronoun, "pronoun") if v.pronoun else after_speaker
    if who is None:
        return None
    ca, cb = _trim(text, a, a + cut)
    if _size(text[ca:cb], lex) < _MIN_CLAUSE_WORDS:
        return None
    venue = venue or find_venue_anywhere(text[cb:b], lex)
    return Found("reported", ((ca, cb),), who, v.text, venue, ((v.start, v.end),))


def _attribution_before(text: str, a: int, start: int, earlier: list[Found]) -> Speaker | None:
    """The speaker of a quote attribution that ends, with a comma, just before ``start``
    in the sentence ('"…," Tereshkov said, adding that …', "— сказал Терешков,
    добавив, что …"): a verb there is a participle sharing that subject."""
    for f in earlier:
        for u0, u1 in f.used:
            gap = text[u1:start]
            if a <= u0 and u1 <= start and gap.rstrip().endswith(",") and len(gap.split()) <= 5:
                return f.speaker
    return None


def _follows_on(text: str, a: int, b: int, lex: Lexicon) -> bool:
    """A sentence in the reporting subjunctive ("Man werde …", "Die Lage sei …")."""
    if not lex.subjunctive or text[a] in '"“„«»':
        return False
    return any(t.text.lower() in lex.subjunctive for t in tokenize(text[a:b])[:8])


def reported_speech(
    text: str,
    sentences: list[tuple[int, int]],
    lex: Lexicon,
    used: list[tuple[int, int]],
    quoted: list[tuple[int, int]],
    earlier: list[Found],
) -> list[Found]:
    """Reported statements of one paragraph (paragraph offsets)."""
    out: list[Found] = []
    previous: tuple[int, int] | None = None
    for a, b in sentences:
        taken: list[tuple[int, int]] = []
        found_here: list[Found] = []
        for hit in according_hits(text[a:b], lex):
            h = (hit[0] + a, hit[1] + a)
            if _inside(h[0], quoted):
                continue
            if any(a <= u[0] < h[0] for u in used):
                continue  # '"…," Lin said, according to the newspaper X': the report's source
            f = _according(text, a, b, h, lex)
            if f is not None:
                found_here.append(f)
                taken.append(f.parts[0])
        hits = find_verbs(text[a:b], lex)
        for k, v in enumerate(hits):
            v = VerbHit(v.start + a, v.end + a, v.text, v.pronoun)
            nxt = hits[k + 1].start + a if k + 1 < len(hits) else None
            if _inside(v.start, quoted) or any(u[0] <= v.start < u[1] for u in used):
                continue
            if any(t[0] <= v.start < t[1] for t in taken):
                continue
            shared = found_here[-1].speaker if found_here else None
            follows = _attribution_before(text, a, v.start, earlier)
            f = _verb_statement(text, a, b, v, lex, nxt, shared, follows)
            if f is None:
                continue
            ca, cb = f.parts[0]
            if any(min(cb, t[1]) - max(ca, t[0]) > 0 for t in taken):
                continue
            found_here.append(f)
            taken.append(f.parts[0])
        if not found_here and previous is not None and _follows_on(text, a, b, lex):
            pa, pb = previous
            prev = [
                f for f in [*earlier, *out] if f.start < pb and f.end > pa and f.speaker is not None
            ]
            if prev and not _inside(a, quoted):
                last = prev[-1]
                ca, cb = _trim(text, a, b)
                found_here.append(
                    Found("reported", ((ca, cb),), last.speaker, last.verb, None, (), True)
                )
        out.extend(found_here)
        previous = (a, b)
    return out
