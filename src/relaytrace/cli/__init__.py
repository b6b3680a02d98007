"""Command-line interface: thin commands over the library's service functions.

Each submodule registers its commands on the shared ``app``.
"""

from __future__ import annotations

import sys

from relaytrace.cli.app import app
from relaytrace.errors import RelaytraceError

# Command modules register themselves on import.
from relaytrace.cli import articles  # noqa: F401  isort: skip
from relaytrace.cli import demo  # noqa: F401  isort: skip
from relaytrace.cli import crawl  # noqa: F401  isort: skip
from relaytrace.cli import provenance  # noqa: F401  isort: skip
from relaytrace.cli import serve  # noqa: F401  isort: skip
from relaytrace.cli import statements  # noqa: F401  isort: skip
from relaytrace.cli import relations  # noqa: F401  isort: skip

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point: run the app, turning relaytrace errors into one-line messages."""
    try:
        app()
    except RelaytraceError as exc:
        print(f"relaytrace: error: {exc} [{exc.code}]", file=sys.stderr)
        sys.exit(2)
