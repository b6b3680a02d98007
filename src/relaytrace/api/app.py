"""The FastAPI application: REST API under ``/api/v1`` and the server-rendered pages.

``create_app(store_location)`` is read-only unless ``allow_write`` is set; then
``POST /api/v1/ingest`` and URL fetching through ``/trace`` also need the bearer
``token``.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from relaytrace.api.context import AppContext, Limits
from relaytrace.api.errors import error_body, status_of
from relaytrace.api.routes_api import router as api_router
from relaytrace.api.routes_web import render_error
from relaytrace.api.routes_web import router as web_router
from relaytrace.api.security import BodyLimit, SecurityHeaders
from relaytrace.errors import RelaytraceError, StoreError

__all__ = ["create_app"]

log = logging.getLogger("relaytrace.api")
_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large", 401: "unauthorized"}


def _static_dir() -> Path:
    return Path(str(resources.files("relaytrace") / "api" / "web" / "static"))


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(
    request: Request, status: int, code: str, message: str, headers: dict | None = None
) -> Response:
    headers = dict(headers or {})
    if status == 401:
        headers.setdefault("WWW-Authenticate", "Bearer")
    if _wants_json(request):
        return JSONResponse(error_body(code, message), status_code=status, headers=headers)
    response = render_error(request, status, code, message)
    response.headers.update(headers)
    return response


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(RelaytraceError)
    async def relaytrace_error(request: Request, exc: RelaytraceError) -> Response:
        status = status_of(exc)
        if status >= 500:
            log.warning("%s %s: %s [%s]", request.method, request.url.path, exc, exc.code)
        return _error(request, status, exc.code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()))
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return _error(request, 422, "invalid_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return _error(request, exc.status_code, code, str(exc.detail), exc.headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(request, 500, "internal_error", "internal error (logged on the server)")


def create_app(
    store_location: str | os.PathLike[str],
    *,
    allow_write: bool = False,
    token: str | None = None,
    limits: Limits | None = None,
    warm: bool = False,
) -> FastAPI:
    """The relaytrace web app over one store (a SQLite path or a ``postgresql://`` URL).

    A SQLite file must exist unless writes are allowed, so that a typo does not
    silently serve a new empty database. ``warm`` computes the corpus-wide views
    (origins, stories, network) in the background at start-up.
    """
    location = str(store_location)
    if (
        not allow_write
        and not location.startswith(("postgresql://", "postgres://"))
        and not Path(location).is_file()
    ):
        raise StoreError(f"no database at {location}", code="store_missing")
    ctx = AppContext(location, allow_write=allow_write, token=token, limits=limits or Limits())

    @asynccontextmanager
    async def lifespan(_: FastAPI):  # type: ignore[no-untyped-def]
        if warm:
            threading.Thread(target=ctx.warm, name="relaytrace-warm", daemon=True).start()
        yield
        ctx.close()

    app = FastAPI(
        title="relaytrace",
        version="1",
        description="News provenance: origins, relays, translations and the outlet network.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    _install_handlers(app)
    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")
    app.add_middleware(BodyLimit, max_bytes=ctx.limits.max_body)
    app.add_middleware(SecurityHeaders)
    return app
