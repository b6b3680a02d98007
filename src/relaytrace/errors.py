"""The relaytrace exception family.

    RelaytraceError
    ├── InputError          bad or unreadable input (file, line, record, argument)
    │   └── ExtractionError no article could be extracted from a page
    ├── FetchError          a URL could not be fetched (network, robots, SSRF guard, size cap)
    ├── StoreError          the store failed or holds something unexpected
    └── NotFoundError       an article, relation or outlet asked for is not there

Every error carries a short machine-readable ``code`` (stable: the API and the
ingest summary report it) and a one-line human message.
"""

from __future__ import annotations

__all__ = [
    "ExtractionError",
    "FetchError",
    "InputError",
    "NotFoundError",
    "RelaytraceError",
    "StoreError",
]


class RelaytraceError(Exception):
    """Base of every error relaytrace raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self)


class InputError(RelaytraceError):
    code = "bad_input"


class ExtractionError(InputError):
    code = "no_article"


class FetchError(RelaytraceError):
    code = "fetch_failed"


class StoreError(RelaytraceError):
    code = "store_error"


class NotFoundError(RelaytraceError):
    code = "not_found"
