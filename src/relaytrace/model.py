"""The records that flow through relaytrace: plain frozen dataclasses, no I/O.

An ``Article`` is what extraction makes of a page or a text; ``Sentence`` points
into its body; a ``Relation`` links two stored articles; a ``Statement`` is a
quote or reported speech found in one article.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

__all__ = [
    "Article",
    "CueKind",
    "Link",
    "RawDocument",
    "Rejection",
    "Relation",
    "RelationKind",
    "Sentence",
    "SourceCue",
    "Statement",
]

CueKind = Literal["source_line", "title_suffix", "banner", "teaser", "credit"]
RelationKind = Literal["copy", "translation", "same_story"]
PublishedSource = Literal["meta", "jsonld", "url", "text", "given", "fetch"]


@dataclass(frozen=True, slots=True)
class Link:
    """An outbound link of the article body, with its anchor text."""

    url: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class SourceCue:
    """A line or mark that names where a text came from, kept apart from the body.

    kind: source_line ("Lien source", "Read Full Article at X"), title_suffix
    ("… — RT World News"), banner ("Dernières Nouvelles | News 24"), teaser
    ("Read more: <headline>"), credit ("(AFP)", "— Reuters").
    """

    kind: CueKind
    text: str
    outlet: str | None = None
    url: str | None = None
    headline: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its place in the article and character offsets into ``Article.body``."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """A news article as relaytrace keeps it.

    ``paragraphs`` hold the body only (no cue lines); ``body`` joins them with a
    blank line, and every offset (sentences, statements) points into ``body``.
    ``published_source`` says where the date came from and
    ``published_precision`` whether it is known to the minute or only the day.
    """

    url: str
    site: str
    title: str
    paragraphs: tuple[str, ...]
    lang: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    subtitle: str | None = None
    published: datetime | None = None
    published_source: PublishedSource | None = None
    published_precision: Literal["minute", "day"] | None = None
    links: tuple[Link, ...] = ()
    cues: tuple[SourceCue, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    fetched: datetime | None = None
    id: int | None = None
    version: int = 1

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def content_hash(self) -> str:
        """Fingerprint of what the article says; equal hashes mean "unchanged"."""
        h = hashlib.blake2b(digest_size=16)
        for part in (self.title, self.subtitle or "", self.body):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    def cues_of(self, kind: CueKind) -> tuple[SourceCue, ...]:
        return tuple(c for c in self.cues if c.kind == kind)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Something to extract an article from, before extraction.

    ``kind`` is "html" (a page), "text" (seed-shaped plain text) or "record"
    (a JSON object with ready fields). ``origin`` names where it came from
    (a path, ``file.jsonl:12``, a WARC offset, a URL) for error reports.
    ``key`` identifies the input item itself (a WARC record id, a file's path
    and digest) so that a rerun can skip what is already stored.
    """

    origin: str
    kind: Literal["html", "text", "record"]
    content: bytes | str | dict
    url: str | None = None
    fetched: datetime | None = None
    key: str | None = None
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that could not become an article, and why.

    ``reason`` is a stable code ("not_html", "too_large", "no_article",
    "bad_json", "missing_url", "unreadable", "corrupt_record", "bad_encoding", …);
    ``message`` says it for people.
    """

    origin: str
    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A copy, translation or same-story link between two stored articles.

    ``aligned`` lists (sentence index in a, sentence index in b, pair score).
    ``score`` is calibrated to [0, 1]; coverage is the share of each side's
    sentences that take part in the alignment.
    """

    a: int
    b: int
    kind: RelationKind
    score: float
    coverage_a: float
    coverage_b: float
    aligned: tuple[tuple[int, int, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """A direct quote or reported statement in one article, with offsets into its body."""

    kind: Literal["direct", "reported"]
    quote: str
    start: int
    end: int
    speaker: str | None = None
    speaker_role: str | None = None
    verb: str | None = None
    venue: str | None = None
    article: int | None = None
    key: str | None = None
