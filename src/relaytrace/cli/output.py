"""Render rows (lists of dicts) and single records as a table, JSON, JSON lines or CSV.

Tables are for people (rich, on the terminal); the other formats are for programs
and are always valid: dates become ISO 8601 text, nested values JSON.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sys
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from relaytrace.cli.app import Format

__all__ = ["dumps", "render_record", "render_rows", "to_jsonable"]


def to_jsonable(value: object) -> object:
    """A value JSON can hold: datetimes as ISO text, dataclasses and mappings as objects."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


def dumps(value: object, *, indent: int | None = None) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, indent=indent)


def render_rows(
    rows: Sequence[Mapping[str, object]],
    fmt: Format,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    out: TextIO | None = None,
) -> None:
    """Write a listing in ``fmt``; ``columns`` picks and orders the keys (default: all)."""
    out = out or sys.stdout
    cols = list(columns or _columns(rows))
    if fmt is Format.json:
        out.write(dumps([{c: row.get(c) for c in cols} for row in rows], indent=2) + "\n")
    elif fmt is Format.jsonl:
        for row in rows:
            out.write(dumps({c: row.get(c) for c in cols}) + "\n")
    elif fmt is Format.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in cols])
        out.write(buffer.getvalue())
    else:
        table = Table(title=title, show_lines=False, header_style="bold")
        for col in cols:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*(Text(_cell(row.get(c))) for c in cols))
        _console(out).print(table)


def render_record(record: Mapping[str, object], fmt: Format, *, out: TextIO | None = None) -> None:
    """Write one object: JSON/JSONL as one object, CSV and tables as field/value pairs."""
    out = out or sys.stdout
    if fmt is Format.json:
        out.write(dumps(record, indent=2) + "\n")
    elif fmt is Format.jsonl:
        out.write(dumps(record) + "\n")
    else:
        rows = [{"field": k, "value": v} for k, v in record.items()]
        render_rows(rows, fmt, columns=["field", "value"], out=out)


def _columns(rows: Sequence[Mapping[str, object]]) -> list[str]:
    cols: dict[str, None] = {}
    for row in rows:
        cols.update(dict.fromkeys(row))
    return list(cols)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, int | Enum):
        return str(to_jsonable(value))
    return dumps(value)


def _console(out: TextIO) -> Console:
    if out is sys.stdout:
        return Console()
    return Console(file=out, width=200, soft_wrap=False)
