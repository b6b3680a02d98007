"""Reported speech: "X said that …", "…, a déclaré X", "according to X, …", "Er sagte, man habe …".

Works sentence by sentence on one paragraph. Verbs already used as the
attribution of a direct quote are skipped; a German sentence in the
subjunctive right after a statement continues it ("Man werde …").
"""

from __future__ import annotations

import regex

from relaytrace.trace.statements.coordination import conjoined_subject, converb_subject
from relaytrace.trace.statements.direct import Found
from relaytrace.trace.statements.fronted import past_adverbial
from relaytrace.trace.statements.lexicon import Lexicon
from relaytrace.trace.statements.phrases import fronted, possessor
from relaytrace.trace.statements.speakers import Speaker, speaker_after, speaker_before
from relaytrace.trace.statements.tokens import tokenize, word_count
from relaytrace.trace.statements.venues import find_venue, find_venue_anywhere, skip_time
from relaytrace.trace.statements.verbs import VerbHit, according_hits, find_verbs

__all__ = ["reported_speech"]

_MIN_CLAUSE_WORDS = 3
_MAX_SOURCE_WORDS = 12
_END = ' ,.!?;:"“”«»„‚‘’)(—–-\u00a0\n。！？；：'


# "VELMORA, 19 janvier (Agence) – ": a dateline opening the first paragraph
_DATELINE = regex.compile(r"\p{Lu}[\p{Lu}\s.'-]{2,40},[^–—\n]{1,60}?\s[–—-]\s")


# Capitalised words left after a name run ("TV" of "Nordblick TV").
_CAPITALISED_TAIL = regex.compile(r"(?:\s+\p{Lu}[\p{L}\p{N}.-]*)*")


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
    if marker.lower() in lex.openers and not _opener_has_verb(text[m_end:b], lex):
        return None  # "wie groß der Schaden ist": a question, not "wie X mitteilte"
    semicolon = text.find(";", m_end, b)
    b = semicolon if semicolon >= 0 else b  # "…; wie groß der Schaden ist, blieb offen"
    if _words(pre) <= 3 and marker.lower() != "zufolge":
        rest = text[m_end:b]
        comma = rest.find(",")
        if comma >= 0 and _words(rest[:comma]) <= _MAX_SOURCE_WORDS:
            src_a, src_b = m_end, m_end + comma
            ca, cb = _trim(text, m_end + comma + 1, b)
        else:
            used = _source_phrase(rest, lex)
            src_a, src_b = m_end, m_end + used
            # "Der Betrieb wurde laut Gouverneur eingestellt": the source inside the clause
            ca, cb = _trim(text, m_end + used if not pre.strip() else a, b)
        source = _verb_final(text[src_a:src_b], lex).strip(" ,")
        article = marker.split()[-1]
        if source and article.lower() in lex.determiners:
            # "nach Angaben des Ministeriums": the article belongs to the source
            source, src_a = f"{article} {source}", src_a - len(article) - 1
        speaker = _source_speaker(source, marker, lex, src_a)
        if not source and speaker is None:
            speaker = Speaker("", "pronoun")  # "Nach Angaben …": the source named before
        if speaker is None or word_count(text[ca:cb], lex) < _MIN_CLAUSE_WORDS:
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
    if speaker is None or word_count(text[ca:cb], lex) < _MIN_CLAUSE_WORDS:
        return None
    return Found("reported", ((ca, cb),), speaker, marker, None, ((m_start, m_end),))


def _opener_has_verb(clause: str, lex: Lexicon) -> bool:
    """An "as X said" clause ends its first comma part with a speech verb
    ("wie das Unternehmen am Montag mitteilte", "как сообщила береговая охрана")."""
    part = clause.split(",", 1)[0]
    return any(w.lower().strip(".;:!?") in lex.verbs for w in part.split())


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
    toks = tokenize(rest)
    for k, tok in enumerate(toks):
        word = tok.text
        if word[:1].isupper() or (k == 0 and not lex.determiners and not lex.no_spaces):
            names += 1  # without articles the head noun comes first ("według hydrologów")
        elif (
            lex.capitalised_nouns
            and word.isalpha()
            and (k == 0 or toks[k - 1].text.lower() in lex.determiners)
            and k + 1 < len(toks)
            and toks[k + 1].text[:1].isupper()
        ):
            pass  # an adjective between the article and its noun ("der örtlichen Behörden")
        elif not (word.lower() in lex.determiners or word.lower() in lex.name_particles):
            break
        end = tok.end
        if names >= 4:
            break
    return end if names else 0


def _source_speaker(source: str, marker: str, lex: Lexicon, offset: int) -> Speaker | None:
    # the possessive may come first ("jego zdaniem") or inside ("по его словам")
    for w in marker.lower().split():
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
    if (
        found is not None
        and found.kind == "description"
        and any(lex.is_role(w) for w in found.text.split()[:2])
    ):
        # an inflected role or body as the head ("des Ministeriums", "главы региона",
        # "die Gouverneurin in Velden") resolves as one; "der örtlichen Behörden" is generic
        found = Speaker(found.text, "role", found.role, found.start, found.end, found.plural)
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
    if speaker is None and shared is None and pre_words and pre_words[-1] in lex.conjunctions:
        speaker = conjoined_subject(pre, lex, a)
    if speaker is None and shared is not None and v.text.lower() in lex.converbs:
        speaker = shared  # "…, сказал Петров, добавив, что …": the finite verb's subject
    if speaker is None and follows is not None and pre_tail.endswith(","):
        speaker = follows  # '"…," Tereshkov said, adding that …': the participle's subject
    if speaker is None and pre_tail.endswith(",") and lex.is_gerund(v.text):
        # "X insisted that … more than Karsk, telling …": the participle's subject is the
        # clause's, not the noun before the comma
        speaker = shared or Speaker("", "pronoun")
    used = 0
    skip = skip_time(post, lex)
    after_speaker: Speaker | None = None
    venue_first: str | None = None
    if speaker is None and pre_tail and pre_tail[-1] in ",—–-":
        # "…, said X" (inverted) or "X, a spokesman, said …" (apposition)
        before = speaker_before(pre, lex, a)
        after, after_used = speaker_after(post[skip:], lex, v.end + skip)
        told = v.text.lower().split()[-1] in lex.venue_object_verbs
        addressed = _addressee(post[skip:], lex, v.end + skip)
        if before is not None and before.kind == "name" and (told or after is None):
            speaker = before
        elif before is not None and before.kind == "name" and addressed is not None:
            speaker, (venue_first, used) = before, addressed
            used += skip
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
        speaker, after_speaker, used = past_adverbial(speaker, post[skip:], lex, v.end + skip)
        used += skip if after_speaker is not None else 0
        addressed = _addressee(post[skip:], lex, v.end + skip)
        if speaker is not None and speaker.kind != "description" and addressed is not None:
            venue_first, used = addressed[0], addressed[1] + skip
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
    venue = venue or venue_first
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
        comma = max(text.rfind(",", clause[0], nxt), text.rfind("،", clause[0], nxt))
        end = comma if comma > clause[0] and _words(text[clause[0] : comma]) >= 3 else nxt
        clause = _trim(text, clause[0], end)
    if clause is not None and word_count(text[clause[0] : clause[1]], lex) >= _MIN_CLAUSE_WORDS:
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
    if who is None and not source.strip(" —–-"):
        # "…, повідомили в адміністрації", "…, hieß es in der Verwaltung": with no
        # subject, the body the verb is said in is the source
        who = _body_in(venue, lex, v.end)
        venue = None if who is not None else venue
    if who is None:
        return None
    ca, cb = _trim(text, a, a + cut)
    if word_count(text[ca:cb], lex) < _MIN_CLAUSE_WORDS:
        return None
    venue = venue or find_venue_anywhere(text[cb:b], lex)
    return Found("reported", ((ca, cb),), who, v.text, venue, ((v.start, v.end),))


def _body_in(venue: str | None, lex: Lexicon, offset: int) -> Speaker | None:
    """A venue that is a preposition and a body ("в адміністрації порту", "in der
    Verwaltung"), as the source of a verb with no subject; None for other venues."""
    words = (venue or "").split()
    if len(words) < 2 or len(words) > 5 or words[0].lower() not in lex.prepositions:
        return None
    body = " ".join(words[1:])
    if not lex.is_role(words[1]) and not (
        len(words) > 2 and words[1].lower() in lex.determiners and lex.is_role(words[2])
    ):
        return None
    return Speaker(body, "role", start=offset, end=offset + len(body))


def _addressee(post: str, lex: Lexicon, offset: int) -> tuple[str, int] | None:
    """An outlet or person spoken to, named right after the verb and before the reported
    clause ("sagte Nordblick TV, man werde …", "заявила Eastern Herald TV, что …"): a
    dative with no preposition. Returns it and the characters of ``post`` it takes."""
    if not lex.comma_clause or not post.lstrip()[:1].isupper():
        return None  # only where the clause is set off by a comma ("said Monday that")
    found, used = speaker_after(post, lex, offset)
    if found is None or found.kind != "name":
        return None
    used += _CAPITALISED_TAIL.match(post, used).end() - used  # "Nordblick TV": common words
    rest = post[used:]
    if _complementiser(rest, lex) is None and not rest.lstrip().startswith(","):
        return None
    return post[found.start - offset : used].strip(), used


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
            if v.text.lower() in lex.converbs:
                shared = converb_subject(
                    [(u[0], f.speaker) for f in [*earlier, *found_here] for u in f.used], a, v.start
                )
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
