"""Response and request models of the REST API (pydantic), the contract the OpenAPI schema shows.

They describe; ``relaytrace.api.records`` fills them from library records.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = [
    "AlignedPair",
    "ArticleDetail",
    "ArticlePage",
    "ArticleSummary",
    "ChainMember",
    "ChainOut",
    "CueOut",
    "EdgeOut",
    "ErrorBody",
    "ErrorResponse",
    "IngestRecord",
    "IngestRequest",
    "IngestResponse",
    "LinkOut",
    "NetworkOut",
    "OriginOut",
    "OriginPage",
    "OriginRow",
    "OutletDetail",
    "OutletPage",
    "RelationDetail",
    "RelationOut",
    "RelationPage",
    "SiteOut",
    "StatementOut",
    "StatsOut",
    "StoryOut",
    "StoryPage",
    "StoryRow",
    "TraceRequest",
    "TraceResponse",
    "TreeEdgeOut",
]


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. not_found, bad_input.")
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class CueOut(BaseModel):
    kind: str
    text: str
    outlet: str | None = None
    url: str | None = None
    headline: str | None = None


class LinkOut(BaseModel):
    url: str
    text: str = ""


class ArticleSummary(BaseModel):
    id: int
    url: str
    site: str
    site_name: str | None = None
    title: str
    lang: str | None = None
    published: datetime | None = None


class ArticlePage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[ArticleSummary]


class RelationOut(BaseModel):
    a: int
    b: int
    kind: Literal["copy", "translation", "same_story"]
    score: float
    coverage_a: float
    coverage_b: float
    aligned: int = Field(description="Number of aligned sentence pairs.")


class RelationPage(BaseModel):
    offset: int
    limit: int
    items: list[RelationOut]


class ArticleDetail(ArticleSummary):
    canonical_url: str | None = None
    subtitle: str | None = None
    published_source: str | None = None
    published_precision: str | None = None
    version: int = 1
    paragraphs: list[str]
    cues: list[CueOut]
    links: list[LinkOut]
    relations: list[RelationOut]


class AlignedPair(BaseModel):
    a_index: int
    b_index: int
    score: float
    a_text: str
    b_text: str


class RelationDetail(RelationOut):
    other: ArticleSummary | None = None
    pairs: list[AlignedPair]


class OriginOut(BaseModel):
    in_corpus: bool
    article: int | None = None
    url: str | None = None
    outlet: str | None = None
    domain: str | None = None
    confidence: float
    evidence: list[str]


class TreeEdgeOut(BaseModel):
    member: int
    url: str
    site: str
    lang: str | None = None
    published: datetime | None = None
    parent: int | None = None
    lag_parent: int | None = Field(None, description="Minutes after the parent.")
    lag_origin: int | None = Field(None, description="Minutes after the origin.")
    confidence: float
    approximate: bool
    evidence: list[str]


class StoryOut(BaseModel):
    id: int
    label: str
    members: list[int]
    start: datetime | None = None
    end: datetime | None = None


class StatementOut(BaseModel):
    kind: Literal["direct", "reported"]
    quote: str
    speaker: str | None = None
    speaker_role: str | None = None
    verb: str | None = None
    venue: str | None = None


class ChainMember(BaseModel):
    article: int | None = None
    quote: str
    speaker: str | None = None


class ChainOut(BaseModel):
    key: str
    statements: list[ChainMember]
    changes: list[str]


class TraceResponse(BaseModel):
    article: ArticleSummary
    stored: bool = Field(description="False for a pasted or uploaded text traced in memory.")
    is_origin: bool
    origin: OriginOut | None = None
    tree: list[TreeEdgeOut]
    relations: list[RelationDetail]
    story: StoryOut | None = None
    statements: list[StatementOut]
    chains: list[ChainOut]


class TraceRequest(BaseModel):
    """Exactly one of ``url`` (stored, or fetched when writes are allowed), ``text``, ``html``."""

    url: str | None = Field(None, max_length=4096)
    text: str | None = Field(None, max_length=2_000_000)
    html: str | None = Field(None, max_length=5_000_000)
    source_url: str | None = Field(
        None, max_length=4096, description="Where a pasted text or page was found."
    )


class OriginRow(BaseModel):
    article: str
    origin: str | None = None
    origin_outlet: str | None = None
    parent: str | None = None
    lag_minutes: int | None = None
    origin_lag_minutes: int | None = None
    confidence: float
    parent_confidence: float | None = None
    approximate: bool
    cluster: int
    watchlist: str | None = None
    evidence: list[str]


class OriginPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[OriginRow]


class StoryRow(BaseModel):
    article: str
    story: int
    label: str
    size: int
    start: str | None = None
    end: str | None = None


class StoryPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[StoryRow]


class SiteOut(BaseModel):
    site: str
    name: str
    articles: int
    relays: int
    relay_share: float
    originals_relayed: int
    median_lag: float | None = None
    origins: list[dict[str, Any]]
    languages: list[str]
    translates_into: list[str]
    community: int


class OutletPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[SiteOut]


class EdgeOut(BaseModel):
    relay: str
    relay_name: str
    origin: str
    origin_name: str
    count: int
    median_lag: float | None = None
    p90_lag: float | None = None
    languages: list[str]
    first_seen: str | None = None
    last_seen: str | None = None


class OutletDetail(BaseModel):
    site: SiteOut
    edges: list[EdgeOut]


class NetworkOut(BaseModel):
    nodes: list[SiteOut]
    edges: list[EdgeOut]


class StatsOut(BaseModel):
    articles: int
    sites: int
    relations: dict[str, int]
    languages: dict[str, int]


class IngestRecord(BaseModel):
    """One article as the JSONL ingest format has it."""

    url: str = Field(max_length=4096)
    title: str = Field("", max_length=2000)
    text: str = Field(max_length=2_000_000)
    site_name: str | None = Field(None, max_length=500)
    published: str | None = Field(None, max_length=64)
    lang: str | None = Field(None, max_length=16)


class IngestRequest(BaseModel):
    records: list[IngestRecord] = Field(default_factory=list, max_length=1000)
    urls: list[str] = Field(default_factory=list, max_length=50)


class IngestResponse(BaseModel):
    added: int
    unchanged: int
    updated: int
    skipped: int
    rejected: dict[str, int]
    ids: list[int]
