"""Watchlists: outlets of interest, and whether a relay's origin is one of them.

A watchlist is a TOML file (or YAML when PyYAML is installed) of ``[[outlet]]``
tables with ``name``, ``domains``, optional ``aliases``, ``notes`` and ``tags``;
``relaytrace/data/watchlist.example.toml`` documents the format. An origin
matches an entry by registered domain (subdomains included) or by name/alias.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from relaytrace.errors import InputError
from relaytrace.trace.outlets import name_matches_site, normalise_name, registered_domain

__all__ = ["WatchEntry", "Watchlist", "load_watchlist", "parse_watchlist"]


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """One outlet of interest."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    notes: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Watchlist:
    """Outlets of interest; ``match`` tells whether a domain or an outlet name is on the list."""

    entries: tuple[WatchEntry, ...]

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, domain: str | None = None, name: str | None = None) -> WatchEntry | None:
        """The entry for a site (by registered domain) or an outlet name (or alias), if any."""
        reg = registered_domain(domain) if domain else ""
        folded = normalise_name(name) if name else ""
        for e in self.entries:
            if reg and any(registered_domain(d) == reg for d in e.domains):
                return e
            if folded and folded in {normalise_name(n) for n in (e.name, *e.aliases)}:
                return e
            if name and any(name_matches_site(name, d, (e.name, *e.aliases)) for d in e.domains):
                return e
        return None


def _strings(value: object, field: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise InputError(
        f"{where}: {field!r} must be a string or a list of strings", code="bad_watchlist"
    )


def parse_watchlist(data: Mapping[str, object], where: str = "watchlist") -> Watchlist:
    """Build a watchlist from parsed TOML/YAML data (``{"outlet": [...]}``)."""
    raw = data.get("outlet", data.get("outlets"))
    if not isinstance(raw, list) or not raw:
        raise InputError(f"{where}: no [[outlet]] entries", code="bad_watchlist")
    entries = []
    for i, item in enumerate(raw, 1):
        here = f"{where}: outlet #{i}"
        if not isinstance(item, Mapping):
            raise InputError(f"{here} is not a table", code="bad_watchlist")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{here} has no name", code="bad_watchlist")
        domains = tuple(d.strip().lower() for d in _strings(item.get("domains"), "domains", here))
        aliases = _strings(item.get("aliases"), "aliases", here)
        if not domains and not aliases:
            raise InputError(f"{here} ({name}) needs domains or aliases", code="bad_watchlist")
        notes = item.get("notes", "")
        if not isinstance(notes, str):
            raise InputError(f"{here}: 'notes' must be a string", code="bad_watchlist")
        entries.append(
            WatchEntry(
                name.strip(), domains, aliases, notes, _strings(item.get("tags"), "tags", here)
            )
        )
    return Watchlist(tuple(entries))


def load_watchlist(path: str | Path) -> Watchlist:
    """Read a watchlist file (.toml, or .yaml/.yml with PyYAML); bad files raise InputError."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read watchlist {p}: {exc.strerror}", code="unreadable") from exc
    if p.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError as exc:
            raise InputError("YAML watchlists need PyYAML installed", code="bad_watchlist") from exc
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InputError(f"{p}: invalid YAML: {exc}", code="bad_watchlist") from exc
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{p}: invalid TOML: {exc}", code="bad_watchlist") from exc
    if not isinstance(data, Mapping):
        raise InputError(f"{p}: expected a table of outlets", code="bad_watchlist")
    return parse_watchlist(data, str(p))
