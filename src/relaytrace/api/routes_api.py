"""The REST API under ``/api/v1``: thin handlers over service functions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from itertools import islice
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Header, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BeforeValidator

from relaytrace import service
from relaytrace.api import records
from relaytrace.api.context import AppContext
from relaytrace.api.schemas import (
    ArticleDetail,
    ArticlePage,
    ErrorResponse,
    IngestRequest,
    IngestResponse,
    NetworkOut,
    OriginPage,
    OutletDetail,
    OutletPage,
    RelationPage,
    StatsOut,
    StoryPage,
    TraceRequest,
    TraceResponse,
)
from relaytrace.api.security import check_token
from relaytrace.api.services import (
    TraceResult,
    article_from_html,
    article_from_text,
    busiest,
    filter_network,
    trace_stored,
    trace_unstored,
)
from relaytrace.errors import FetchError, InputError, NotFoundError
from relaytrace.ingest.fetch import Fetcher
from relaytrace.ingest.pipeline import ingest
from relaytrace.match.matcher import match_articles
from relaytrace.model import RawDocument, Rejection
from relaytrace.store.base import ArticleFilter, Store
from relaytrace.trace.export import edge_row, export_network, site_row, to_networkx
from relaytrace.trace.network import Network
from relaytrace.trace.report import origin_rows, story_rows

__all__ = ["router"]

ERRORS = {
    400: {"model": ErrorResponse, "description": "Bad input"},
    404: {"model": ErrorResponse, "description": "Not found"},
    422: {"model": ErrorResponse, "description": "Invalid request"},
}
WRITE_ERRORS = {
    **ERRORS,
    401: {"model": ErrorResponse, "description": "Missing or wrong bearer token"},
    403: {"model": ErrorResponse, "description": "Server is read-only"},
    413: {"model": ErrorResponse, "description": "Body too large"},
    502: {"model": ErrorResponse, "description": "A URL could not be fetched"},
    504: {"model": ErrorResponse, "description": "Took too long"},
}

router = APIRouter(prefix="/api/v1", responses=ERRORS)

Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page (at most 200).")]
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_only(value: object) -> object:
    """Dates as ISO 8601 text only: pydantic would read "0.5" as a Unix timestamp."""
    if isinstance(value, str) and not _ISO.match(value):
        raise ValueError("expected an ISO 8601 date, e.g. 2026-03-15 or 2026-03-15T07:48:00Z")
    return value


IsoDate = Annotated[datetime, BeforeValidator(_iso_only)]
Since = Annotated[IsoDate | None, Query(description="Published at or after (ISO 8601).")]
Until = Annotated[IsoDate | None, Query(description="Published at or before (ISO 8601).")]
Text = Annotated[str | None, Query(max_length=500)]
MAX_ID = 2**63 - 1  # SQLite's integer range
ArticleId = Annotated[int, Path(ge=0, le=MAX_ID, description="Article id.")]


def ctx_of(request: Request) -> AppContext:
    return request.app.state.ctx


def _page(rows: Sequence, offset: int, limit: int) -> dict:
    return {
        "total": len(rows),
        "offset": offset,
        "limit": limit,
        "items": list(rows[offset : offset + limit]),
    }


@router.get("/stats", response_model=StatsOut, summary="Corpus figures")
def stats(request: Request) -> dict:
    s = ctx_of(request).stats()
    return {
        "articles": s.get("articles", 0),
        "sites": s.get("sites", 0),
        "relations": s.get("relations", {}),
        "languages": s.get("languages", {}),
    }


@router.get("/articles", response_model=ArticlePage, summary="List and filter articles")
def list_articles(
    request: Request,
    site: Text = None,
    lang: Annotated[str | None, Query(max_length=16)] = None,
    since: Since = None,
    until: Until = None,
    q: Text = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> dict:
    store = ctx_of(request).store()
    where = ArticleFilter(
        site=site or None,
        lang=lang or None,
        since=since,
        until=until,
        query=(q or "").strip() or None,
    )
    items = service.list_articles(store, where, offset=offset, limit=limit)
    return {
        "total": store.count_articles(where),
        "offset": offset,
        "limit": limit,
        "items": [records.article_summary(a) for a in items],
    }


@router.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article")
def get_article(request: Request, article_id: ArticleId) -> dict:
    store = ctx_of(request).store()
    article = service.show_article(store, article_id)
    rels = sorted(store.relations(article=article_id), key=lambda r: -r.score)
    return records.article_detail(article, rels)


@router.get(
    "/articles/{article_id}/trace", response_model=TraceResponse, summary="Stored provenance"
)
def article_trace(request: Request, article_id: ArticleId) -> dict:
    ctx = ctx_of(request)
    return records.trace_out(ctx.run_limited(lambda st: trace_stored(st, article_id)))


def _fetch_page(url: str) -> tuple[bytes, str]:
    """Fetch one page through the crawler (SSRF guard, robots, size cap)."""
    with Fetcher() as fetcher:
        result = fetcher.fetch(url)
    return result.content, result.final_url


def trace_request(ctx: AppContext, body: TraceRequest, authorization: str | None) -> TraceResult:
    """Trace what a request holds: a stored URL, a URL to fetch, a text or a page."""
    given = [k for k in ("url", "text", "html") if getattr(body, k)]
    if len(given) != 1:
        raise InputError("give exactly one of url, text or html", code="bad_trace_request")
    if body.text:
        article = article_from_text(body.text, body.source_url)
        return ctx.run_limited(lambda st: trace_unstored(st, article))
    if body.html:
        page = article_from_html(body.html, body.source_url)
        return ctx.run_limited(lambda st: trace_unstored(st, page))
    url = (body.url or "").strip()
    if ctx.store().get_article(url) is not None:
        return ctx.run_limited(lambda st: trace_stored(st, url))
    if not ctx.allow_write:
        raise NotFoundError(
            f"{url!r} is not stored; fetching URLs needs a server started with --allow-write",
            code="not_stored",
        )
    check_token(authorization, allow_write=ctx.allow_write, token=ctx.token)
    content, final = _fetch_page(url)
    fetched = article_from_html(content, final)
    return ctx.run_limited(lambda st: trace_unstored(st, fetched))


@router.post("/trace", response_model=TraceResponse, responses=WRITE_ERRORS, summary="Trace a text")
def trace(
    request: Request,
    body: TraceRequest,
    authorization: Annotated[str | None, Header()] = None,
) -> dict:
    """Provenance of a stored URL, pasted text or page HTML (fetching a URL needs a token)."""
    return records.trace_out(trace_request(ctx_of(request), body, authorization))


@router.post(
    "/trace/upload",
    response_model=TraceResponse,
    responses=WRITE_ERRORS,
    summary="Trace an uploaded HTML or text file",
)
async def trace_upload(
    request: Request,
    file: Annotated[UploadFile, File(description="An .html page or a .txt article.")],
    source_url: Annotated[str | None, Form(max_length=4096)] = None,
) -> dict:
    data = await file.read()
    if not data.strip():
        raise InputError("the uploaded file is empty", code="empty")
    is_text = (file.content_type or "").startswith("text/plain") or (
        file.filename or ""
    ).lower().endswith(".txt")
    if is_text:
        try:
            body = TraceRequest(text=data.decode("utf-8"), source_url=source_url)
        except UnicodeDecodeError as exc:
            raise InputError("the text file is not UTF-8", code="bad_encoding") from exc
    else:
        body = TraceRequest(html=data.decode("utf-8", "replace"), source_url=source_url)
    from starlette.concurrency import run_in_threadpool

    result = await run_in_threadpool(trace_request, ctx_of(request), body, None)
    return records.trace_out(result)


@router.get("/relations", response_model=RelationPage, summary="Relations between articles")
def relations(
    request: Request,
    kind: Literal["copy", "translation", "same_story"] | None = None,
    site: Text = None,
    article: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> dict:
    store = ctx_of(request).store()
    it = store.relations(kind=kind, site=site or None, article=article)
    items = [records.relation_out(r) for r in islice(it, offset, offset + limit)]
    return {"offset": offset, "limit": limit, "items": items}


@router.get("/origins", response_model=OriginPage, summary="Origin and parent of relays")
def origins(request: Request, offset: Offset = 0, limit: Limit = 50) -> dict:
    return _page(origin_rows(ctx_of(request).corpus()), offset, limit)


@router.get("/stories", response_model=StoryPage, summary="Story clusters")
def stories(request: Request, offset: Offset = 0, limit: Limit = 50) -> dict:
    return _page(story_rows(ctx_of(request).corpus()), offset, limit)


def _network(ctx: AppContext) -> Network:
    return ctx.network()


@router.get("/outlets", response_model=OutletPage, summary="Sites and what they relay")
def outlets(request: Request, offset: Offset = 0, limit: Limit = 50) -> dict:
    net = _network(ctx_of(request))
    profiles = sorted(net.sites.values(), key=lambda p: (-p.relays, -p.articles, p.site))
    return _page([site_row(p) for p in profiles], offset, limit)


@router.get("/outlets/{site}", response_model=OutletDetail, summary="One site's relay ties")
def outlet(request: Request, site: str) -> dict:
    net = _network(ctx_of(request))
    key = site.strip().lower()
    if key not in net.sites:
        raise NotFoundError(f"no site {site!r} in the network")
    return {
        "site": site_row(net.sites[key]),
        "edges": [edge_row(e, net) for e in net.edges_of(key)],
    }


def filtered_network(
    ctx: AppContext,
    origin: str | None,
    lang: str | None,
    since: datetime | None,
    until: datetime | None,
    top: int | None = None,
) -> Network:
    net = filter_network(_network(ctx), origin=origin, lang=lang, since=since, until=until)
    return busiest(net, top) if top else net


@router.get("/network", response_model=NetworkOut, summary="Outlet relay network (JSON)")
def network(
    request: Request,
    origin: Text = None,
    lang: Annotated[str | None, Query(max_length=16)] = None,
    since: Since = None,
    until: Until = None,
    top: Annotated[
        int | None, Query(ge=1, le=100_000, description="Keep the N busiest ties.")
    ] = None,
) -> dict:
    net = filtered_network(ctx_of(request), origin, lang, since, until, top)
    return {
        "nodes": [site_row(p) for p in net.sites.values()],
        "edges": [edge_row(e, net) for e in net.edges],
    }


_MEDIA = {
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def _export(request: Request, fmt: str, **filters: object) -> Response:
    net = filtered_network(ctx_of(request), **filters)  # type: ignore[arg-type]
    if fmt in ("gexf", "graphml"):
        to_networkx(net)  # fails early on a broken network, before any bytes go out
    text = export_network(net, fmt) or ""  # type: ignore[arg-type]
    headers = {"Content-Disposition": f'attachment; filename="relaytrace-network.{fmt}"'}
    return Response(text, media_type=_MEDIA[fmt], headers=headers)


def _export_route(fmt: str) -> None:
    @router.get(
        f"/network.{fmt}",
        response_class=Response,
        summary=f"Outlet relay network as {fmt.upper()}",
        responses={200: {"content": {_MEDIA[fmt].split(";")[0]: {}}}},
        name=f"network_{fmt}",
    )
    def export(
        request: Request,
        origin: Text = None,
        lang: Annotated[str | None, Query(max_length=16)] = None,
        since: Since = None,
        until: Until = None,
    ) -> Response:
        return _export(request, fmt, origin=origin, lang=lang, since=since, until=until)


for _fmt in ("gexf", "graphml", "csv"):
    _export_route(_fmt)


def _fetch_documents(urls: Sequence[str]) -> list[RawDocument | Rejection]:
    out: list[RawDocument | Rejection] = []
    with Fetcher() as fetcher:
        for url in urls:
            try:
                res = fetcher.fetch(url)
            except FetchError as exc:
                out.append(Rejection(url, exc.code, str(exc)))
                continue
            out.append(
                RawDocument(url, "html", res.content, url=res.final_url, fetched=res.fetched)
            )
    return out


@router.post(
    "/ingest",
    response_model=IngestResponse,
    responses=WRITE_ERRORS,
    summary="Add articles (needs --allow-write and the bearer token)",
)
def ingest_endpoint(
    request: Request,
    body: IngestRequest,
    authorization: Annotated[str | None, Header()] = None,
) -> dict:
    ctx = ctx_of(request)
    check_token(authorization, allow_write=ctx.allow_write, token=ctx.token)
    if not body.records and not body.urls:
        raise InputError("nothing to ingest: give records or urls", code="no_input")
    items: list[RawDocument | Rejection] = [
        RawDocument(f"request:records[{i}]", "record", r.model_dump(exclude_none=True))
        for i, r in enumerate(body.records)
    ]
    items += _fetch_documents(body.urls)
    ids: list[int] = []

    def after(store: Store, changed: Sequence[int]) -> None:
        ids.extend(changed)
        match_articles(store, changed)

    report = ctx.run_limited(lambda st: ingest(st, items, after_batch=after))
    ctx.forget_corpus()
    return {
        "added": report.added,
        "unchanged": report.unchanged,
        "updated": report.updated,
        "skipped": report.skipped,
        "rejected": dict(report.rejected),
        "ids": ids,
    }
