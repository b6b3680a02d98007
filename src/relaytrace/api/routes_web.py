"""The server-rendered pages: home, articles, article and trace, outlets, network.

Handlers gather records through the same service functions as the API and
hand them to Jinja2 templates (autoescaped; no ``|safe`` on content).
"""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from typing import Annotated

import jinja2
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from relaytrace import service
from relaytrace.api import views
from relaytrace.api.context import AppContext
from relaytrace.api.routes_api import ArticleId, filtered_network
from relaytrace.api.services import (
    TraceResult,
    article_from_text,
    recent_clusters,
    site_lags,
    trace_stored,
    trace_unstored,
)
from relaytrace.errors import InputError, NotFoundError
from relaytrace.model import Relation
from relaytrace.store.base import ArticleFilter
from relaytrace.trace.export import edge_row, site_row

__all__ = ["render_error", "router", "templates"]

router = APIRouter(include_in_schema=False)
MAX_PASSAGES = 12  # side-by-side tables on one page: parent and origin first
MAX_TIES = 300  # relay ties drawn and listed on the network page (exports carry all)


def _environment() -> jinja2.Environment:
    folder = str(resources.files("relaytrace") / "api" / "web" / "templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        clean=views.clean,
        href=views.safe_href,
        when=views.fmt_time,
        lag=views.fmt_lag,
        pct=lambda x: f"{float(x or 0):.0%}",
    )
    return env


templates = Jinja2Templates(env=_environment())


def _ctx(request: Request) -> AppContext:
    return request.app.state.ctx


def _page(request: Request, name: str, http_status: int = 200, **values: object) -> HTMLResponse:
    return templates.TemplateResponse(request, name, values, status_code=http_status)


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    return _page(request, "error.html", status, status=status, code=code, message=message)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    ctx = _ctx(request)
    stats = ctx.stats()
    clusters = ctx.cached("recent", lambda: recent_clusters(ctx.corpus()))
    return _page(request, "home.html", stats=stats, clusters=clusters)


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    q: Annotated[str | None, Query(max_length=500)] = None,
    site: Annotated[str | None, Query(max_length=500)] = None,
    lang: Annotated[str | None, Query(max_length=16)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    store = _ctx(request).store()
    limit = _ctx(request).limits.default_page
    where = ArticleFilter(site=site or None, lang=lang or None, query=(q or "").strip() or None)
    items = service.list_articles(store, where, offset=offset, limit=limit)
    total = store.count_articles(where)
    return _page(
        request,
        "articles.html",
        items=items,
        total=total,
        offset=offset,
        limit=limit,
        q=q or "",
        site=site or "",
        lang=lang or "",
    )


def _trace_page(request: Request, result: TraceResult) -> HTMLResponse:
    rep = result.report
    aid = result.article.id or 0
    edge = rep.edge
    first = {edge.parent if edge else None: 0, rep.origin.article if rep.origin else None: 1}

    def rank(r: Relation) -> int:
        return first.get(r.b if r.a == aid else r.a, 2)

    relays = sorted((r for r in result.relations if r.kind != "same_story"), key=rank)
    passages = []
    for r in relays[:MAX_PASSAGES]:
        sides = views.original_side(r, aid, rep, result.articles)
        if sides is None:
            continue
        original, relay = sides
        passages.append(
            {
                "relation": r,
                "original": original,
                "relay": relay,
                "rows": views.side_by_side(r, original, relay),
            }
        )
    timeline = []
    if rep.story is not None:
        members = [rep.infos[m] for m in rep.story.members if m in rep.infos]
        relay_ids = set(rep.cluster.members) if rep.cluster else set()
        timeline = sorted(
            ({"info": m, "relay": m.id in relay_ids} for m in members),
            key=lambda x: x["info"].published.timestamp() if x["info"].published else 0.0,
        )
    same_story = [r for r in result.relations if r.kind == "same_story"]
    hidden = max(0, len(relays) - MAX_PASSAGES)
    return _page(
        request,
        "article.html",
        result=result,
        article=result.article,
        report=rep,
        tree=views.relay_tree(rep),
        tree_data=views.tree_data(rep),
        passages=passages,
        timeline=timeline,
        same_story=same_story,
        hidden_passages=hidden,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: ArticleId) -> HTMLResponse:
    ctx = _ctx(request)
    return _trace_page(request, ctx.run_limited(lambda st: trace_stored(st, article_id)))


@router.post("/trace", response_class=HTMLResponse)
def trace_form(
    request: Request,
    text: Annotated[str, Form(max_length=2_000_000)] = "",
    url: Annotated[str, Form(max_length=4096)] = "",
) -> HTMLResponse:
    """The paste form: a text traced in memory, or a stored URL (pages never fetch)."""
    ctx = _ctx(request)
    if text.strip():
        article = article_from_text(text, url.strip() or None)
        return _trace_page(request, ctx.run_limited(lambda st: trace_unstored(st, article)))
    if url.strip():
        ref = url.strip()
        if ctx.store().get_article(ref) is None:
            raise NotFoundError(f"{ref!r} is not stored; paste its text instead", code="not_stored")
        return _trace_page(request, ctx.run_limited(lambda st: trace_stored(st, ref)))
    raise InputError("paste an article's text or give a stored URL", code="empty")


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request) -> HTMLResponse:
    net = _ctx(request).network()
    rows = sorted(net.sites.values(), key=lambda p: (-p.relays, -p.articles, p.site))
    return _page(request, "outlets.html", sites=rows)


@router.get("/outlets/{site}", response_class=HTMLResponse)
def outlet_page(request: Request, site: str) -> HTMLResponse:
    ctx = _ctx(request)
    prov = ctx.corpus()
    net = ctx.network()
    key = site.strip().lower()
    if key not in net.sites:
        raise NotFoundError(f"no site {site!r} in the network")
    lags, relayed_after = site_lags(prov, key)
    recent = service.list_articles(ctx.store(), ArticleFilter(site=key), limit=20)
    return _page(
        request,
        "outlet.html",
        profile=site_row(net.sites[key]),
        edges=[edge_row(e, net) for e in net.edges_of(key)],
        charts=[
            {
                "title": "Its relays: lag after their source",
                "lags": lags,
                "bars": views.lag_bars([float(x) for x in lags]),
            },
            {
                "title": "Its originals: how fast others relay them",
                "lags": relayed_after,
                "bars": views.lag_bars([float(x) for x in relayed_after]),
            },
        ],
        recent=recent,
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    origin: Annotated[str | None, Query(max_length=500)] = None,
    lang: Annotated[str | None, Query(max_length=16)] = None,
    since: Annotated[str | None, Query(max_length=32)] = None,
    until: Annotated[str | None, Query(max_length=32)] = None,
) -> HTMLResponse:
    ctx = _ctx(request)
    t0, t1 = _date(since, "since"), _date(until, "until")
    net = filtered_network(ctx, origin or None, lang or None, t0, t1, MAX_TIES)
    full = ctx.network()
    filters = {
        k: v
        for k, v in (("origin", origin), ("lang", lang), ("since", since), ("until", until))
        if v
    }
    return _page(
        request,
        "network.html",
        net=net,
        edges=[edge_row(e, net) for e in net.edges],
        origins=sorted({e.origin for e in full.edges}),
        languages=sorted({lang for p in full.sites.values() for lang in p.languages}),
        filters=filters,
        top=MAX_TIES,
        total_ties=len(filtered_network(ctx, origin or None, lang or None, t0, t1).edges),
    )


def _date(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{name}: not a date (YYYY-MM-DD): {value!r}", code="bad_date") from exc
