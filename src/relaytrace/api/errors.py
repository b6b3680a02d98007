"""Errors as HTTP answers: the ``RelaytraceError`` family mapped to status codes.

Every API error is JSON ``{"error": {"code": ..., "message": ...}}`` with a
stable code; pages get the same code and message in an HTML page.

    InputError 400 (ExtractionError 422, code too_large 413)
    NotFoundError 404
    FetchError 502 (a URL refused before connecting: 400)
    StoreError 500
    ApiError: unauthorized 401, read_only 403, too_large 413, timeout 504
"""

from __future__ import annotations

from relaytrace.errors import (
    ExtractionError,
    FetchError,
    InputError,
    NotFoundError,
    RelaytraceError,
    StoreError,
)

__all__ = ["ApiError", "error_body", "status_of"]

# FetchError codes raised by the SSRF guard before any connection: the caller's fault.
_REFUSED_URL = frozenset({"bad_url", "bad_scheme", "credentials_in_url", "blocked_address"})
_BY_CODE = {"too_large": 413, "timeout": 504, "unauthorized": 401, "read_only": 403}


class ApiError(RelaytraceError):
    """An error of the web layer itself (auth, limits, timeouts) with its HTTP status."""

    def __init__(self, message: str, *, code: str, status: int) -> None:
        super().__init__(message, code=code)
        self.status = status


def status_of(exc: RelaytraceError) -> int:
    """The HTTP status for a relaytrace error."""
    if isinstance(exc, ApiError):
        return exc.status
    if exc.code in _BY_CODE:
        return _BY_CODE[exc.code]
    if isinstance(exc, ExtractionError):
        return 422
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, FetchError):
        return 400 if exc.code in _REFUSED_URL else 502
    if isinstance(exc, StoreError):
        return 500
    return 500


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}
