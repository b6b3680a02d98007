"""The REST API and web UI (``relaytrace serve``): ``create_app(store_location)``.

Needs the ``web`` extra (FastAPI, uvicorn, Jinja2, python-multipart).
"""

from __future__ import annotations

from relaytrace.api.app import create_app

__all__ = ["create_app"]
