"""Relay clusters: connected components of copy and translation relations.

Provenance works on ``ArticleInfo``: the few fields of an ``Article`` that
origin and parent choice need (times, outlet names, cues, links and the marks
described below), so that a corpus of hundreds of thousands of articles fits in
memory without their bodies.

Marks are the tokens a translator copies as they are: names in their source
spelling ("Stankevitch" in a French relay, "Stankewitsch" in a German one) and
numbers as written ("4.600", "51,7"). A relay translated from another relay
shares more marks with its parent than with the origin.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import regex

from relaytrace.ingest.sites import norm_url
from relaytrace.model import Article, Link, Relation, SourceCue
from relaytrace.text import frequency

__all__ = [
    "RELAY_KINDS",
    "ArticleInfo",
    "RelayCluster",
    "UnionFind",
    "article_info",
    "marks_of",
    "relay_clusters",
    "script_of",
    "site_of",
    "teaser_marks",
    "time_window",
]

RELAY_KINDS = frozenset({"copy", "translation"})

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*|\d[\d.,'’\u202f\u00a0]*\d|\d")
_SENTENCE_ENDS = frozenset('.!?。！？؟…:"«»“”„')
_QUOTES = '«»“”„「」『』"'
COMMON_ZIPF = 3.0  # wordfreq Zipf frequency from which a word counts as common
_NON_DIGIT = regex.compile(r"\D+")
_MAX_MARKS = 400


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What provenance needs to know about one stored article."""

    id: int
    url: str
    site: str
    title: str = ""
    site_name: str | None = None
    canonical_url: str | None = None
    lang: str | None = None
    published: datetime | None = None
    precision: str | None = None
    cues: tuple[SourceCue, ...] = ()
    links: tuple[Link, ...] = ()
    n_sentences: int = 0
    marks: frozenset[str] = frozenset()
    script: str | None = None
    # Capitalised words this text writes but its language deems common (not
    # marks): a relay sharing them with another member still writes them as here.
    plain: frozenset[str] = frozenset()

    @property
    def urls(self) -> frozenset[str]:
        """Every URL the article answers to, normalised."""
        return frozenset(norm_url(u) for u in (self.url, self.canonical_url) if u)


@lru_cache(maxsize=262144)
def _common(word: str, lang: str | None) -> bool:
    """A frequent word of the language (capitalised as a noun or a title), not a name."""
    if not lang:
        return False
    # The "small" lists hold the words from Zipf 3 up: enough, and fast to load.
    return frequency.zipf(word, lang, wordlist="small") >= COMMON_ZIPF


def marks_of(paragraphs: Sequence[str], lang: str | None = None) -> frozenset[str]:
    """Names and numbers as written: capitalised words not opening a sentence, and figures.

    Kept case-folded but with their accents and script, because spelling is the
    point; figures without separators (their style follows the language);
    quotation-mark styles as ``q:«``. With ``lang``, capitalised words that are
    common in that language (German nouns, "Estados", "Ministry") are left
    out: related languages share them whoever translated from whom.
    """
    return _scan(paragraphs, lang)[0]


def _scan(
    paragraphs: Sequence[str], lang: str | None = None
) -> tuple[frozenset[str], frozenset[str]]:
    """Marks (see ``marks_of``) and the capitalised words left out as common."""
    marks: set[str] = set()
    plain: set[str] = set()
    # Quotation marks a translation keeps from its source ("« »" in a Spanish
    # text made from a French one) count as marks too.
    text = "".join(paragraphs)
    marks.update("q:" + ch for ch in _QUOTES if ch in text)
    for para in paragraphs:
        for m in _WORD.finditer(para):
            tok = m.group()
            if tok[0].isdigit():
                # Separators follow the language's conventions, not the source's.
                marks.add(_NON_DIGIT.sub("", tok))
            elif tok[0].isupper() and len(tok) > 1:
                before = para[: m.start()].rstrip()
                folded = tok.casefold()
                if before and before[-1] not in _SENTENCE_ENDS:
                    (plain if _common(folded, lang) else marks).add(folded)
            if len(marks) >= _MAX_MARKS:
                return frozenset(marks), frozenset(plain)
    return frozenset(marks), frozenset(plain)


def site_of(article: Article) -> str:
    """The article's site; for one stored without, its URL's host without ``www.``."""
    if article.site:
        return article.site
    host = article.url.split("//", 1)[-1].split("/", 1)[0].split("@")[-1].split(":")[0]
    return host.lower().removeprefix("www.")


def script_of(text: str) -> str | None:
    """The main writing system of a text ("LATIN", "CYRILLIC", "CJK", "ARABIC" …)."""
    counts: dict[str, int] = defaultdict(int)
    seen = 0
    for ch in text:
        if ch.isalpha():
            counts[_script_of_char(ch)] += 1
            seen += 1
            if seen >= 400:
                break
    counts.pop("", None)
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: kv[1])[0]


@lru_cache(maxsize=8192)
def _script_of_char(ch: str) -> str:
    name = unicodedata.name(ch, "")
    script = name.split(" ", 1)[0] if name else ""
    return "CJK" if script in ("HIRAGANA", "KATAKANA") else script


def teaser_marks(cues: Sequence[SourceCue]) -> frozenset[str]:
    """ "Read more" headlines as marks: a copy keeps the teaser of the page it copied."""
    out = set()
    for cue in cues:
        if cue.kind == "teaser":
            text = cue.headline or cue.text
            folded = "".join(ch for ch in text.casefold() if ch.isalnum())
            if folded:
                out.add("t:" + folded[:80])
    return frozenset(out)


def article_info(article: Article) -> ArticleInfo:
    """The provenance view of a stored article (its ``id`` must be set)."""
    if article.id is None:
        raise ValueError("article_info needs a stored article (id is None)")
    n = len(article.sentences) or len(article.paragraphs)
    marks, plain = _scan(article.paragraphs, article.lang)
    return ArticleInfo(
        id=article.id,
        url=article.url,
        site=site_of(article),
        title=article.title,
        site_name=article.site_name,
        canonical_url=article.canonical_url,
        lang=article.lang,
        published=article.published,
        precision=article.published_precision,
        cues=article.cues,
        links=article.links,
        n_sentences=n,
        marks=marks | teaser_marks(article.cues),
        script=script_of(article.title + " " + " ".join(article.paragraphs[:3])),
        plain=plain,
    )


def time_window(info: ArticleInfo) -> tuple[datetime, datetime] | None:
    """When the article may have been published: a point, or a whole day for a bare date.

    Naive datetimes are taken as UTC. None when the date is unknown.
    """
    t = info.published
    if t is None:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    if info.precision == "day":
        start = t.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return start, start + timedelta(days=1)
    return t, t


class UnionFind:
    """Disjoint sets over hashable items, with path halving and union by size."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.size: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        if x not in parent:
            parent[x] = x
            self.size[x] = 1
            return x
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return out


@dataclass(frozen=True, slots=True)
class RelayCluster:
    """Articles that carry one text: copies and translations of each other.

    ``id`` is the smallest member id, so it is stable while the cluster does not change.
    """

    id: int
    members: tuple[int, ...]
    relations: tuple[Relation, ...]

    def __len__(self) -> int:
        return len(self.members)


def relay_clusters(relations: Iterable[Relation], *, min_size: int = 2) -> list[RelayCluster]:
    """Connected components of the copy/translation relations, largest first."""
    uf = UnionFind()
    relay: list[Relation] = []
    for rel in relations:
        if rel.kind in RELAY_KINDS and rel.a != rel.b:
            uf.union(rel.a, rel.b)
            relay.append(rel)
    by_root: dict[int, list[Relation]] = defaultdict(list)
    for rel in relay:
        by_root[uf.find(rel.a)].append(rel)
    clusters = []
    for root, members in uf.groups().items():
        if len(members) < min_size:
            continue
        members.sort()
        clusters.append(RelayCluster(members[0], tuple(members), tuple(by_root[root])))
    clusters.sort(key=lambda c: (-len(c.members), c.id))
    return clusters
