"""Following a statement through a cluster: the same quote in copies and translations.

Statements of two articles are paired one to one by a score that mixes what a
translation keeps (numbers and names, i.e. anchors; words when the language is
the same), the speaker (surname, transliterated), and position (the sentence
alignment of a relation when there is one, else the place in the article).
Pairs join into chains; each chain gets a stable key and the changes along it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import regex
import xxhash
from anyascii import anyascii

from relaytrace.model import Article, Relation, Statement
from relaytrace.text.anchors import anchors_of
from relaytrace.trace.statements.changes import StatementChange, compare, speaker_keys
from relaytrace.trace.statements.lexicon import fold, lexicon

__all__ = ["LinkOptions", "StatementChain", "link_statements"]

_RELAY_KINDS = ("copy", "translation")


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """Weights of the pair score and the score a pair needs to be linked."""

    content: float = 0.45
    speaker: float = 0.2
    position: float = 0.35
    threshold: float = 0.45
    cognate: float = 2.0
    strong: float = 0.7


DEFAULT_LINK_OPTIONS = LinkOptions()


@dataclass(frozen=True, slots=True)
class StatementChain:
    """One statement followed through a cluster: its members in order of publication.

    ``first`` is where it first appears; ``changes`` compare each member with
    the member it was most likely taken from.
    """

    key: str
    statements: tuple[Statement, ...]
    changes: tuple[StatementChange, ...] = ()

    @property
    def first(self) -> Statement:
        return self.statements[0]

    @property
    def articles(self) -> tuple[int | None, ...]:
        return tuple(s.article for s in self.statements)


@dataclass(frozen=True, slots=True)
class _Feat:
    anchors: frozenset[str]
    words: frozenset[str]
    cognates: frozenset[str]
    length: int
    speaker: frozenset[str]
    position: float
    sentence: int | None


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in fold(text).split() if len(w) > 3)


def _cognates(text: str) -> frozenset[str]:
    """5-letter prefixes of long words in Latin letters: "militaire"/"military" meet."""
    words = regex.findall(r"\p{L}{6,}", anyascii(text).casefold())
    return frozenset(w[:5] for w in words)


def _key_word(name: str | None, lang: str | None) -> str | None:
    """The word a speaker is compared by across copies: the surname, but for a body its
    body word ("National Institute of Biomedical Safety" → "Institute", "Institut
    national de …" → "Institut", "l'institut"), which translations keep as a cognate
    while the rest of the name is translated."""
    if not name:
        return name
    lex = lexicon(lang)
    return next((w for w in name.split() if lex.is_role(w)), name)


def _features(article: Article, statements: Sequence[Statement]) -> list[_Feat]:
    body_len = max(1, len(article.body))
    starts = [s.start for s in article.sentences]
    out = []
    n = max(1, len(statements) - 1)
    for rank, s in enumerate(statements):
        sentence = None
        if starts:
            k = bisect.bisect_right(starts, s.start) - 1
            sentence = article.sentences[max(0, k)].index
        position = 0.5 * (s.start / body_len) + 0.5 * (rank / n)
        anchors = frozenset(
            a for a in anchors_of(s.quote, article.lang) if a[:2] in ("n:", "e:", "a:")
        )
        out.append(
            _Feat(
                anchors,
                _words(s.quote),
                _cognates(s.quote),
                len(s.quote),
                speaker_keys(_key_word(s.speaker, article.lang)),
                position,
                sentence,
            )
        )
    return out


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _pair_score(
    fa: _Feat, fb: _Feat, same_lang: bool, aligned: dict[int, set[int]] | None, opt: LinkOptions
) -> float:
    content = _overlap(fa.anchors, fb.anchors)
    if same_lang:
        content = max(content, min(1.0, 1.5 * _jaccard(fa.words, fb.words)))
    else:
        content = max(content, min(1.0, opt.cognate * _jaccard(fa.cognates, fb.cognates)))
    ratio = min(fa.length, fb.length) / max(1, fa.length, fb.length)
    content *= 0.7 + 0.3 * ratio
    speaker = 0.5  # unknown on one side
    if fa.speaker and fb.speaker:
        speaker = 1.0 if fa.speaker & fb.speaker else 0.2
    position = max(0.0, 1.0 - 2.5 * abs(fa.position - fb.position))
    if aligned and fa.sentence is not None and fb.sentence is not None:
        partners = aligned.get(fa.sentence)
        if partners:
            near = min(abs(fb.sentence - j) for j in partners)
            position = 1.0 if near == 0 else 0.7 if near == 1 else min(position, 0.3)
    return opt.content * content + opt.speaker * speaker + opt.position * position


def _pairs(grid: list[list[float]], opt: LinkOptions) -> list[tuple[float, int, int]]:
    """One-to-one pairs: the best order-keeping alignment (copies and translations keep
    the order of statements), then any strong pair left over (independent coverage
    may reorder)."""
    n, m = len(grid), len(grid[0]) if grid else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = grid[i][j] - opt.threshold
            best[i][j] = max(
                best[i + 1][j],
                best[i][j + 1],
                best[i + 1][j + 1] + take if take > 0 else 0.0,
            )
    out = []
    i = j = 0
    while i < n and j < m:
        take = grid[i][j] - opt.threshold
        if take > 0 and best[i][j] == best[i + 1][j + 1] + take:
            out.append((grid[i][j], i, j))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    used_i = {i for _, i, _ in out}
    used_j = {j for _, _, j in out}
    extra = sorted(
        ((grid[i][j], i, j) for i in range(n) for j in range(m) if grid[i][j] >= opt.strong),
        reverse=True,
    )
    for score, i, j in extra:
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            out.append((score, i, j))
    return out


def _published(article: Article) -> datetime:
    return article.published or datetime.max.replace(tzinfo=UTC)


def _chain_key(first: Statement, article: Article) -> str:
    digest = xxhash.xxh64(f"{article.url}#{first.start}:{first.end}".encode()).hexdigest()
    return f"st-{digest[:12]}"


class _Groups:
    """Union-find over (article position, statement index) that never joins two
    statements of the same article."""

    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}
        self.members: dict[tuple[int, int], set[int]] = {}

    def find(self, x: tuple[int, int]) -> tuple[int, int]:
        self.parent.setdefault(x, x)
        self.members.setdefault(x, {x[0]})
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or self.members[ra] & self.members[rb]:
            return
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)


def link_statements(
    articles: Sequence[Article],
    statements: Mapping[int, Sequence[Statement]],
    relations: Iterable[Relation] = (),
    options: LinkOptions = DEFAULT_LINK_OPTIONS,
) -> list[StatementChain]:
    """Chains of the same statement across the articles of one cluster.

    ``statements`` maps an article id to its statements (in text order);
    ``relations`` among the articles, when given, lend their sentence alignments
    and tell which article a member was taken from.
    """
    arts = sorted(articles, key=lambda a: (_published(a), a.id or 0))
    ids = [a.id for a in arts]
    index = {aid: k for k, aid in enumerate(ids)}
    stmts = [list(statements.get(a.id, ())) if a.id is not None else [] for a in arts]
    feats = [_features(a, s) for a, s in zip(arts, stmts, strict=True)]
    rel: dict[tuple[int, int], Relation] = {}
    for r in relations:
        if r.a in index and r.b in index:
            rel[(index[r.a], index[r.b])] = r
    scored: list[tuple[float, tuple[int, int], tuple[int, int]]] = []
    for x in range(len(arts)):
        for y in range(x + 1, len(arts)):
            if not feats[x] or not feats[y]:
                continue
            aligned: dict[int, set[int]] | None = None
            r = rel.get((x, y)) or rel.get((y, x))
            if r is not None and r.kind in _RELAY_KINDS and r.aligned:
                aligned = {}
                for i, j, _ in r.aligned:
                    a_i, b_j = (i, j) if (x, y) in rel else (j, i)
                    aligned.setdefault(a_i, set()).add(b_j)
            same = (arts[x].lang or "") == (arts[y].lang or "")
            grid = [
                [_pair_score(fa, fb, same, aligned, options) for fb in feats[y]] for fa in feats[x]
            ]
            for score, i, j in _pairs(grid, options):
                scored.append((score, (x, i), (y, j)))
    groups = _Groups()
    for x, ss in enumerate(stmts):
        for i in range(len(ss)):
            groups.find((x, i))
    partners: dict[tuple[int, int], set[int]] = {}
    for _, a, b in sorted(scored, reverse=True):
        groups.union(a, b)
        partners.setdefault(a, set()).add(b[0])
        partners.setdefault(b, set()).add(a[0])
    sentences = {(x, i): f.sentence for x, fs in enumerate(feats) for i, f in enumerate(fs)}
    chains: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for node in list(groups.parent):
        chains.setdefault(groups.find(node), []).append(node)
    out = []
    for nodes in chains.values():
        nodes.sort()
        members = [stmts[x][i] for x, i in nodes]
        first_art = arts[nodes[0][0]]
        key = _chain_key(members[0], first_art)
        members = [_with(s, key, arts[x].id) for s, (x, _) in zip(members, nodes, strict=True)]
        changes = _changes(nodes, members, arts, rel, sentences, partners)
        out.append(StatementChain(key, tuple(members), tuple(changes)))
    out.sort(key=lambda c: (index.get(c.first.article, 0), c.first.start))
    return out


def _with(s: Statement, key: str, article: int | None) -> Statement:
    return Statement(
        kind=s.kind,
        quote=s.quote,
        start=s.start,
        end=s.end,
        speaker=s.speaker,
        speaker_role=s.speaker_role,
        verb=s.verb,
        venue=s.venue,
        article=s.article if s.article is not None else article,
        key=key,
    )


def _changes(
    nodes: list[tuple[int, int]],
    members: list[Statement],
    arts: list[Article],
    rel: dict[tuple[int, int], Relation],
    sentences: Mapping[tuple[int, int], int | None],
    partners: Mapping[tuple[int, int], set[int]],
) -> list[StatementChange]:
    """Compare each member with its likely source: an earlier related member, else the first."""
    out: list[StatementChange] = []
    for k in range(1, len(nodes)):
        x = nodes[k][0]
        parent = 0
        best = -1.0
        for p in range(k):
            px = nodes[p][0]
            r = rel.get((px, x)) or rel.get((x, px))
            if r is not None and r.kind in _RELAY_KINDS and r.score > best:
                parent, best = p, r.score
        out.extend(compare(members[parent], members[k], arts[nodes[parent][0]].lang, arts[x].lang))
    out.extend(_dropped(nodes, members, arts, rel, sentences, partners))
    return out


def _dropped(
    nodes: list[tuple[int, int]],
    members: list[Statement],
    arts: list[Article],
    rel: dict[tuple[int, int], Relation],
    sentences: Mapping[tuple[int, int], int | None],
    partners: Mapping[tuple[int, int], set[int]],
) -> list[StatementChange]:
    """One "dropped" per article that relays a member's article yet lacks the statement.

    An article is not said to drop a statement when it carries it after all: a
    statement of it paired with a member (linked into another chain), or the
    relation aligns the member's sentence with one of its sentences (the text is
    there, only its attribution was not found).
    """
    have = {x for x, _ in nodes}
    carried = set(have)
    for node in nodes:
        carried |= partners.get(node, set())
    best: dict[int, tuple[float, int]] = {}  # dst -> (relation score, member index)
    for k, (src, i) in enumerate(nodes):
        for (x, y), r in rel.items():
            if r.kind not in _RELAY_KINDS or src not in (x, y):
                continue
            dst = y if x == src else x
            if dst in carried or _published(arts[src]) > _published(arts[dst]):
                continue
            sentence = sentences.get((src, i))
            if r.aligned and sentence is not None:
                mine = 0 if x == src else 1
                if any((pair[0], pair[1])[mine] == sentence for pair in r.aligned):
                    carried.add(dst)
                    continue
            if dst not in best or r.score > best[dst][0]:
                best[dst] = (r.score, k)
    out = []
    for dst in sorted(d for d in best if d not in carried):
        k = best[dst][1]
        source = members[k]
        out.append(StatementChange("dropped", arts[dst].id, source.article, source.quote[:80], "—"))
    return out
