"""``relaytrace serve``: the REST API and web UI over one store, with uvicorn."""

from __future__ import annotations

import secrets
from typing import Annotated

import typer

from relaytrace.cli.app import DbOption, app
from relaytrace.errors import InputError
from relaytrace.store import DEFAULT_DB

__all__ = ["serve"]


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_write: Annotated[
        bool,
        typer.Option(
            "--allow-write", help="Enable POST /api/v1/ingest and URL fetching (needs a token)."
        ),
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="RELAYTRACE_TOKEN",
            help="Bearer token for writes (default with --allow-write: a random one, printed).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the web UI and the REST API (read-only unless --allow-write)."""
    try:
        import uvicorn

        from relaytrace.api import create_app
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise InputError(
            "the web server needs the web extra: pip install 'relaytrace[web]'", code="no_web"
        ) from exc
    location = str(db) if db else DEFAULT_DB
    if allow_write and not token:
        token = secrets.token_urlsafe(24)
        typer.echo(f"write token: {token}", err=True)
    web_app = create_app(location, allow_write=allow_write, token=token, warm=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}; the UI has no login of its own", err=True)
    typer.echo(f"relaytrace: serving {location} on http://{host}:{port}/", err=True)
    uvicorn.run(web_app, host=host, port=port, log_level="warning", server_header=False)
