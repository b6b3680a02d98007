"""Provenance commands: ``origins``, ``stories``, ``outlets``, ``network``; ``render_provenance``.

Thin over ``relaytrace.trace.report`` (the service functions) and
``relaytrace.trace.export``; ``render_provenance(console, report)`` is what the
``trace`` command shows above the aligned passages.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from relaytrace.cli.app import DbOption, Format, FormatOption, app
from relaytrace.cli.output import render_rows
from relaytrace.errors import NotFoundError
from relaytrace.store import open_store
from relaytrace.store.base import Store
from relaytrace.trace.clusters import ArticleInfo
from relaytrace.trace.export import edge_row, export_network, site_row
from relaytrace.trace.origin import Origin, fmt_time
from relaytrace.trace.outlets import credits_of, is_relay_shaped
from relaytrace.trace.report import (
    ProvenanceReport,
    corpus_provenance,
    origin_rows,
    provenance_for,
    story_rows,
)
from relaytrace.trace.tree import RelayTree
from relaytrace.trace.watchlist import Watchlist, load_watchlist

__all__ = [
    "WatchlistOption",
    "confidence_words",
    "network",
    "origins",
    "outlets",
    "render_provenance",
    "show_provenance",
    "stories",
]

WatchlistOption = Annotated[
    Path | None,
    typer.Option(
        "--watchlist",
        help="TOML (or YAML) file of outlets of interest; relays of them are flagged.",
        show_default=False,
    ),
]


class NetworkFormat(StrEnum):
    gexf = "gexf"
    graphml = "graphml"
    csv = "csv"
    json = "json"


def _watchlist(path: Path | None) -> Watchlist | None:
    return load_watchlist(path) if path else None


@app.command()
def origins(
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    watchlist: WatchlistOption = None,
) -> None:
    """Origin, parent and lag of every article in a relay cluster."""
    wl = _watchlist(watchlist)
    with open_store(db) as store:
        rows = origin_rows(corpus_provenance(store), wl)
    if fmt is Format.table:
        cols = ["article", "origin_outlet", "parent", "lag_minutes", "confidence", "watchlist"]
        render_rows(rows, fmt, columns=cols, title="Relay origins")
    else:
        render_rows(rows, fmt)


@app.command()
def stories(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Story clusters: relay clusters and independent coverage of one event."""
    with open_store(db) as store:
        rows = story_rows(corpus_provenance(store))
    cols = ["article", "story", "label"] if fmt is Format.table else None
    render_rows(rows, fmt, columns=cols, title="Stories")


@app.command()
def outlets(
    site: Annotated[str | None, typer.Argument(help="One site (domain) to show in detail.")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
    watchlist: WatchlistOption = None,
) -> None:
    """Sites: share of relays, the origins they depend on, languages, lags, communities."""
    wl = _watchlist(watchlist)
    with open_store(db) as store:
        net = corpus_provenance(store).network()
    if site is not None:
        key = site.strip().lower()
        if key not in net.sites:
            raise NotFoundError(f"no site {site!r} in the network")
        rows = [edge_row(e, net) for e in net.edges_of(key)]
        for r in rows:
            entry = wl.match(domain=r["origin"], name=r["origin_name"]) if wl else None
            r["watchlist"] = entry.name if entry else None
        prof = site_row(net.sites[key])
        if fmt is Format.table:
            Console().print(
                f"[bold]{prof['name']}[/] ({key}): {prof['articles']} articles, "
                f"{prof['relays']} relays ({prof['relay_share']:.0%}), "
                f"median lag {prof['median_lag']} min, community {prof['community']}"
            )
        cols = None
        if fmt is Format.table:
            cols = ["origin", "origin_name", "count", "median_lag", "p90_lag", "languages"]
            cols += ["last_seen", "watchlist"] if wl else ["last_seen"]
        render_rows(rows, fmt, columns=cols, title=f"Relay ties of {key}")
        return
    rows = []
    for p in sorted(net.sites.values(), key=lambda p: (-p.relays, -p.articles, p.site)):
        row = site_row(p)
        row["top_origin"] = p.origins[0][0] if p.origins else None
        flagged = [o for o, _ in p.origins if wl and wl.match(domain=o, name=net.names.get(o))]
        row["watchlist_origins"] = flagged
        rows.append(row)
    if fmt is Format.table:
        cols = ["site", "name", "articles", "relays", "relay_share", "top_origin"]
        cols += ["median_lag", "translates_into", "community"]
        if wl:
            cols.append("watchlist_origins")
        render_rows(rows, fmt, columns=cols, title="Outlets")
    else:
        render_rows(rows, fmt)


@app.command()
def network(
    db: DbOption = None,
    fmt: Annotated[
        NetworkFormat, typer.Option("--format", "-f", help="Export format.")
    ] = NetworkFormat.json,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file (default: stdout).")
    ] = None,
) -> None:
    """Export the outlet relay network (relay site → origin) as GEXF, GraphML, CSV or JSON."""
    with open_store(db) as store:
        net = corpus_provenance(store).network()
    text = export_network(net, fmt.value, out)
    if text is not None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        Console(stderr=True).print(
            f"wrote {len(net.sites)} sites and {len(net.edges)} relay ties to {out}"
        )


# -- rendering one report -----------------------------------------------------


def _label(info: ArticleInfo) -> str:
    who = info.site_name or info.site
    return f"{who} [{info.lang or '?'}] {fmt_time(info.published, info.precision)}"


def _lag(minutes: int | None, approximate: bool) -> str:
    if minutes is None:
        return ""
    sign = "~" if approximate else ""
    if abs(minutes) >= 120:
        return f"+{sign}{minutes / 60:.1f} h"
    return f"+{sign}{minutes} min"


def _tree(report: ProvenanceReport, tree: RelayTree) -> Tree:
    infos = report.infos
    origin = report.origin
    if tree.origin is not None:
        root = Tree(Text.assemble(("origin ", "bold"), _label(infos[tree.origin])))
    else:
        outlet = origin.outlet if origin and origin.outlet else "unknown"
        root = Tree(Text.assemble(("origin not in corpus: ", "bold yellow"), outlet))
    nodes = {tree.origin: root}
    for e in tree.edges:
        if e.member == tree.origin:
            continue
        parent = nodes.get(e.parent, root)
        style = "bold reverse" if e.member == report.article.id else ""
        text = Text(_label(infos[e.member]), style=style)
        text.append(f"  {_lag(e.lag_parent, e.approximate)}", style="cyan")
        if e.parent != tree.origin and e.lag_origin is not None:
            text.append(f" ({_lag(e.lag_origin, e.approximate)} after the origin)", style="dim")
        text.append(f"  p={e.confidence:.2f}", style="dim")
        nodes[e.member] = parent.add(text)
    return root


def _alone(art: ArticleInfo) -> Text:
    """An article with no copy or translation in the corpus: what its own cues say about
    where it came from (the origin is then not in the corpus), or that nothing does."""
    out = Text(f"{art.title}\n{art.url}\n\n")
    out.append("No copy or translation of this text is in the corpus.")
    credits = credits_of(art)
    lines = [c.describe() for c in credits]
    if not any(c.kind == "source_line" for c in credits):
        lines += [sign for sign in is_relay_shaped(art) if sign.startswith("source line")]
    if lines:
        out.append("\nIt looks like a relay whose origin is not in the corpus; it credits:", "bold")
        for line in lines:
            out.append(f"\n• {line}")
    return out


def confidence_words(origin: Origin) -> str:
    """What an origin's confidence means, in words: only strong evidence reads as settled."""
    c = origin.confidence
    if origin.article is None:
        return "named by the members' credits; the origin page itself is not in the corpus"
    if c >= 0.9:
        return "strong: the evidence agrees"
    if c >= 0.75:
        return "likely, not certain"
    if c >= 0.6:
        return "uncertain: the best supported member, not proven"
    return "a guess: the evidence is thin or conflicting"


def render_provenance(console: Console, report: ProvenanceReport) -> None:
    """Show the origin with its evidence, the relay tree with lags, and the story cluster."""
    art = report.article
    if report.origin is None or report.tree is None:
        console.print(Panel(_alone(art), title="Provenance"))
    else:
        o = report.origin
        if report.is_origin:
            head = Text("This article is the origin of its relay cluster.", style="bold green")
        elif o.article is None:
            where = f" ({o.domain})" if o.domain and o.domain != o.outlet else ""
            head = Text(
                f"Origin not in corpus: {o.outlet or 'unknown outlet'}{where}", style="bold"
            )
        else:
            head = Text.assemble(
                ("Origin: ", "bold"), (_label(report.infos[o.article]), "bold"), "\n",
                report.infos[o.article].url,
            )  # fmt: skip
        lines: list[Text | Tree] = [head]
        lines.append(Text(f"confidence {o.confidence:.2f}: {confidence_words(o)}", style="dim"))
        lines += [Text(f"• {r}") for r in o.reasons]
        edge = report.edge
        if edge is not None and not report.is_origin:
            lines.append(Text(""))
            parent = report.infos[edge.parent].url if edge.parent is not None else o.outlet
            lines.append(
                Text.assemble(
                    ("Made from: ", "bold"),
                    str(parent),
                    (f"  {_lag(edge.lag_parent, edge.approximate)}", "cyan"),
                )
            )
            lines += [Text(f"• {r}") for r in edge.reasons]
        if report.watch is not None:
            w = report.watch
            note = f" — {w.notes}" if w.notes else ""
            lines.append(Text(f"⚑ watchlist: {w.name}{note}", style="bold red"))
        lines.append(Text(""))
        lines.append(_tree(report, report.tree))
        console.print(Panel(Group(*lines), title=f"Provenance of {art.url}"))
    story = report.story
    if story is not None and len(story.members) > 1:
        relay = set(report.cluster.members) if report.cluster else set()
        others = [m for m in story.members if m not in relay and m in report.infos]
        span = ""
        if story.start and story.end:
            span = f", {fmt_time(story.start)} – {fmt_time(story.end)}"
        body = [Text(f"{story.label}: {len(story.members)} articles{span}")]
        for m in others:
            i = report.infos[m]
            body.append(Text(f"• independent: {_label(i)}  {i.url}"))
        console.print(Panel(Group(*body), title="Story"))


def show_provenance(
    console: Console, store: Store, article: int | str, watchlist: Path | None = None
) -> ProvenanceReport:
    """Build and render one article's provenance (what ``trace`` shows first); returns it."""
    report = provenance_for(store, article, _watchlist(watchlist))
    render_provenance(console, report)
    return report
