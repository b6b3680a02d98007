"""The Typer application and the options every command shares."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["DbOption", "Format", "FormatOption", "app"]

app = typer.Typer(
    name="relaytrace",
    help="News provenance: where a text came from, who relays it, on whose word.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="RELAYTRACE_DB",
        help="SQLite file (default ./relaytrace.db).",
        show_default=False,
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
