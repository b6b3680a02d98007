"""Outlet names: who a site is, and whether a cue names it.

A relay names its source in many ways: a title suffix ("… — Eastern Daily"), a
source line ("Read Full Article at Eastern Daily", a link to the page), an
agency credit ("(Nordpress)"). This module folds those names and the sites'
own names so that they can be compared, and merges every name seen for a site
per registered domain (``www.x.example`` and ``x.example`` are one outlet).

Credits are what each relay says about where its text came from: a source line
or a link whose URL is another page, a title suffix, source line or agency
credit naming an outlet. Pointers to the article's own site (its banner, its
own name in a suffix) are not credits.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import regex
from anyascii import anyascii

from relaytrace.ingest.sites import norm_url
from relaytrace.trace.clusters import ArticleInfo

__all__ = [
    "Credit",
    "Outlet",
    "build_outlets",
    "credited_member",
    "credits_of",
    "is_relay_shaped",
    "name_matches_site",
    "normalise_name",
    "points_to",
    "registered_domain",
    "site_label",
]

_SEPARATORS = regex.compile(r"\s+[|\-–—:·•]\s+")
_NON_ALNUM = regex.compile(r"[^a-z0-9]+")
# Generic words that name no outlet on their own ("News", "TV" …) are only dropped
# when comparing name parts, never from the whole name.
_MIN_PART = 4


@lru_cache(maxsize=1)
def _extractor():  # pragma: no cover - trivial
    import tldextract

    # Offline: the bundled public-suffix snapshot, no cache writes.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=65536)
def registered_domain(url_or_host: str) -> str:
    """The registered domain of a URL or host name ("https://www.a.b.co.uk/x" → "b.co.uk").

    Hosts under a suffix the public list does not know (``.example``, ``.test``,
    intranet names) keep their last two labels.
    """
    text = url_or_host.strip().lower()
    host = urlsplit(text).hostname if "//" in text else text.split("/")[0]
    host = (host or "").strip(".")
    if not host:
        return ""
    ext = _extractor()(host)
    if ext.suffix and ext.domain:
        return f"{ext.domain}.{ext.suffix}"
    labels = host.split(".")
    return ".".join(labels[-2:])


@lru_cache(maxsize=65536)
def site_label(site: str) -> str:
    """A domain's distinctive part, folded ("eastern-daily.example" → "easterndaily")."""
    domain = registered_domain(site) or site
    first = domain.split(".")[0]
    return _NON_ALNUM.sub("", first.lower())


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Fold an outlet name for comparison: transliterate, drop accents, case and punctuation."""
    text = unicodedata.normalize("NFKC", name)
    return _NON_ALNUM.sub("", anyascii(text).lower())


def _name_parts(name: str) -> list[str]:
    """The folded name and, for "A | B" names, each part long enough to mean something."""
    whole = normalise_name(name)
    parts = [whole] if whole else []
    for part in _SEPARATORS.split(name):
        folded = normalise_name(part)
        if len(folded) >= _MIN_PART and folded not in parts:
            parts.append(folded)
    return parts


def name_matches_site(name: str, site: str, site_names: Iterable[str] = ()) -> bool:
    """Does an outlet name (from a cue) designate this site?

    True when the folded name equals one of the site's own names (or one of its
    "A | B" parts), when one starts with the other (a name with or without
    "TV", "News", "Agency"), or when it equals or starts with the domain label
    ("Eastern Daily" and ``eastern-daily.example``). A name that is itself a
    domain ("rt.com") is compared by registered domain.
    """
    return _name_matches(name, site, tuple(site_names))


@lru_cache(maxsize=262144)
def _name_matches(name: str, site: str, site_names: tuple[str, ...]) -> bool:
    folded = normalise_name(name)
    if not folded:
        return False
    if "." in name and " " not in name.strip():
        return registered_domain(name) == registered_domain(site)
    label = site_label(site)
    if label and len(label) >= 3 and (folded == label or folded.startswith(label)):
        return True
    for own in site_names:
        for part in _name_parts(own):
            if folded == part:
                return True
            shorter, longer = sorted((folded, part), key=len)
            if len(shorter) >= 6 and longer.startswith(shorter):
                return True
    return False


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet, merged per registered domain: its display name and every name seen."""

    domain: str
    name: str
    names: tuple[str, ...] = ()
    articles: int = 0


def build_outlets(
    records: Iterable[tuple[str, str | None]], fallback: Iterable[tuple[str, str]] = ()
) -> dict[str, Outlet]:
    """Merge (site, site_name) pairs into one ``Outlet`` per registered domain.

    The display name is the most frequent site name of the domain (ties: the
    shortest, then alphabetical). ``fallback`` (site, name) pairs — banners,
    names other outlets credit the site under — name a domain that has no site
    name of its own; a domain with no name at all shows the domain.
    """
    names: dict[str, Counter[str]] = defaultdict(Counter)
    spare: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    for site, site_name in records:
        domain = registered_domain(site) or site
        counts[domain] += 1
        if site_name and site_name.strip():
            names[domain][site_name.strip()] += 1
    for site, name in fallback:
        if name and name.strip():
            spare[registered_domain(site) or site][name.strip()] += 1
    outlets = {}
    for domain in set(counts) | set(spare):
        seen = names.get(domain) or spare.get(domain) or Counter()
        ranked = sorted(seen.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
        display = ranked[0][0] if ranked else domain
        outlets[domain] = Outlet(domain, display, tuple(k for k, _ in ranked), counts[domain])
    return outlets


# -- credits ------------------------------------------------------------------

_NAMING_KINDS = ("title_suffix", "source_line", "credit")


@dataclass(frozen=True, slots=True)
class Credit:
    """One pointer from an article to a source: by URL, by outlet name, or both."""

    member: int
    kind: str  # title_suffix | source_line | credit | link
    name: str | None = None
    url: str | None = None

    @property
    def key(self) -> str:
        """What the credit designates, folded: the registered domain, else the folded name."""
        if self.url:
            return registered_domain(self.url)
        return normalise_name(self.name or "")

    def describe(self) -> str:
        what = self.name or self.url or "?"
        label = {
            "title_suffix": "title suffix",
            "source_line": "source line",
            "credit": "agency credit",
            "link": "link",
        }.get(self.kind, self.kind)
        return f"{label} {what!r}"


def _names_self(info: ArticleInfo, name: str | None, url: str | None) -> bool:
    if url and registered_domain(url) == registered_domain(info.site):
        return True
    if name and not url:
        return name_matches_site(name, info.site, [info.site_name] if info.site_name else [])
    return False


def credits_of(info: ArticleInfo, member_urls: Mapping[str, int] | None = None) -> list[Credit]:
    """Every credit an article gives to another outlet or page.

    ``member_urls`` (normalised URL → member id) lets body links count as credits
    when they point exactly at another member of the cluster; other body links
    are ordinary links, not credits.
    """
    out: list[Credit] = []
    for cue in info.cues:
        if cue.kind not in _NAMING_KINDS:
            continue
        if not cue.outlet and not cue.url:
            continue
        if _names_self(info, cue.outlet, cue.url):
            continue
        out.append(Credit(info.id, cue.kind, cue.outlet, cue.url))
    if member_urls:
        cue_urls = {norm_url(c.url) for c in out if c.url}
        for link in info.links:
            u = norm_url(link.url)
            target = member_urls.get(u)
            if target is not None and target != info.id and u not in cue_urls:
                out.append(Credit(info.id, "link", link.text or None, link.url))
    return out


def is_relay_shaped(info: ArticleInfo) -> list[str]:
    """Signs that an article republishes someone else: a source line, a foreign title suffix.

    Returns the signs as short descriptions (empty: none seen).
    """
    signs = []
    for cue in info.cues:
        if cue.kind == "source_line":
            if cue.url and registered_domain(cue.url) == registered_domain(info.site):
                continue
            signs.append(f"source line {cue.text.strip()[:60]!r}")
        elif (
            cue.kind == "title_suffix" and cue.outlet and not _names_self(info, cue.outlet, cue.url)
        ):
            signs.append(f"title suffix naming {cue.outlet!r}")
    return signs


def points_to(credit: Credit, target: ArticleInfo) -> float:
    """How precisely a credit designates a target article: 1 by its URL, 0.7 its site, 0 not."""
    if credit.url:
        if norm_url(credit.url) in target.urls:
            return 1.0
        if registered_domain(credit.url) == registered_domain(target.site):
            return 0.7
        return 0.0
    if credit.name and name_matches_site(
        credit.name, target.site, [target.site_name] if target.site_name else []
    ):
        return 0.7
    return 0.0


def credited_member(
    credits: Sequence[Credit], candidates: Sequence[ArticleInfo]
) -> tuple[ArticleInfo, float, Credit] | None:
    """The candidate the credits designate best (URL beats site), with strength and credit."""
    best: tuple[ArticleInfo, float, Credit] | None = None
    for credit in credits:
        for cand in candidates:
            if cand.id == credit.member:
                continue
            s = points_to(credit, cand)
            if s > 0 and (best is None or s > best[1]):
                best = (cand, s, credit)
    return best
