"""Publication dates from meta tags, JSON-LD, URL paths and visible text.

Every date returned is timezone-aware: a value without an offset is taken as
UTC (pages that omit the offset are most often generated in UTC, and a fixed
rule keeps lags between relays comparable). ``precision`` is "minute" when the
source carries a time of day and "day" when it carries only the date.
``PublishedDate.zoned`` says whether a time of day came with its offset: a
wall-clock time with none ("2024年02月08日 19:05") may be hours off, and
``settle_zone`` gives it an offset the page declares elsewhere when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Literal

from lxml import html as lxml_html

from relaytrace.ingest.months import parse_month_date

__all__ = [
    "Precision",
    "PublishedDate",
    "choose_published",
    "date_from_jsonld",
    "date_from_meta",
    "date_from_text",
    "date_from_url",
    "parse_date",
]

Precision = Literal["minute", "day"]
Source = Literal["meta", "jsonld", "url", "text"]

MIN_YEAR, MAX_YEAR = 1990, 2100

# Meta tags naming a publication date, most specific first.
_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "article.published",
)

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?"
)
_DMY = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})"
    r"(?:,?\s+(?:à\s+|um\s+|в\s+|o\s+|alle\s+|a las\s+)?(?P<H>\d{1,2})[:h.](?P<M>\d{2}))?"
)
_CJK = re.compile(
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:\s*(?P<H>\d{1,2})[:时](?P<M>\d{2}))?"
)
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?=[/_.-]|$)"
    r"|/(?P<y2>(?:19|20)\d{2})(?P<m2>[01]\d)(?P<d2>[0-3]\d)(?=[/_.-]|$)"
)


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication date with where it was read and how precise it is."""

    value: datetime
    source: Source
    precision: Precision
    zoned: bool = True


def _tz(spec: str | None) -> timezone:
    if not spec or spec in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if spec[0] == "-" else 1
    digits = spec[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _build(groups: dict[str, str | None]) -> tuple[datetime, Precision] | None:
    try:
        year, month, day = int(groups["y"] or 0), int(groups["m"] or 0), int(groups["d"] or 0)
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        if groups.get("H") is not None:
            value = datetime(
                year,
                month,
                day,
                int(groups["H"] or 0),
                int(groups["M"] or 0),
                int(groups.get("S") or 0),
                tzinfo=_tz(groups.get("tz")),
            )
            return value, "minute"
        return datetime(year, month, day, tzinfo=UTC), "day"
    except (ValueError, TypeError):
        return None


def parse_date(text: str) -> tuple[datetime, Precision] | None:
    """Parse one date (ISO 8601, RFC 2822, ``DD.MM.YYYY``, CJK, or with a month name in
    one of twenty languages) as an aware datetime (UTC when it names no offset)."""
    found = parse_date_zoned(text)
    return (found[0], found[1]) if found else None


def _built(groups: dict[str, str | None]) -> tuple[datetime, Precision, bool] | None:
    built = _build(groups)
    return (*built, groups.get("tz") is not None or built[1] == "day") if built else None


def parse_date_zoned(text: str) -> tuple[datetime, Precision, bool] | None:
    """``parse_date`` plus whether the value's offset was written (True for a bare day)."""
    value = (text or "").strip()
    if not value:
        return None
    m = _ISO.search(value)
    if m:
        return _built(m.groupdict())
    if re.match(r"^\d{10}(\d{3})?$", value):  # Unix timestamp (seconds or milliseconds)
        seconds = int(value[:10])
        return datetime.fromtimestamp(seconds, tz=UTC), "minute", True
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None and MIN_YEAR <= parsed.year <= MAX_YEAR:
        zoned = parsed.tzinfo is not None
        return (parsed if zoned else parsed.replace(tzinfo=UTC)), "minute", zoned
    for pattern in (_DMY, _CJK):
        m = pattern.search(value)
        if m:
            return _built(m.groupdict())
    found = parse_month_date(value)  # "12 mars 2024 à 14:05", "March 3, 2024"
    if found is not None and MIN_YEAR <= found[0].year <= MAX_YEAR:
        return found[0], "minute" if found[1] == "minute" else "day", found[1] != "minute"
    return None


def settle_zone(found: PublishedDate, others: Iterable[PublishedDate | None]) -> PublishedDate:
    """A time of day written without an offset, in the offset another date on the page
    declares (its meta or JSON-LD ``…+08:00``, its modified time). With none declared the
    wall-clock minute stays, stamped UTC and marked ``zoned=False``: downgrading it to the
    day would lose the order of relays published within hours, which is what lags
    measure, and the model has no zone-unknown flag yet. Zoned dates and days pass."""
    if found.zoned or found.precision != "minute":
        return found
    for other in others:
        if other is not None and other.zoned and other.precision == "minute":
            local = found.value.replace(tzinfo=other.value.tzinfo)
            return PublishedDate(local, found.source, "minute", True)
    return found


def date_from_text(text: str) -> PublishedDate | None:
    """A date in visible text (a dateline such as ``2026-10-06 03:30`` or ``19.01.2026``)."""
    found = parse_date_zoned(text[:200]) if text else None
    return PublishedDate(found[0], "text", found[1], found[2]) if found else None


def date_from_url(url: str | None) -> PublishedDate | None:
    """A day read from the URL path: ``/2026/01/19/``, ``/2026-01-19/`` or ``/20260119/``."""
    if not url:
        return None
    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    for m in _URL_DATE.finditer(path):
        g = m.groupdict()
        groups = {"y": g["y"] or g["y2"], "m": g["m"] or g["m2"], "d": g["d"] or g["d2"]}
        built = _build(groups)
        if built:
            return PublishedDate(built[0], "url", "day")
    return None


def _jsonld_nodes(obj: object) -> Iterator[dict]:
    if isinstance(obj, list):
        for item in obj:
            yield from _jsonld_nodes(item)
    elif isinstance(obj, dict):
        yield obj
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in obj:
                yield from _jsonld_nodes(obj[key])


def date_from_jsonld(objects: Iterable[object]) -> PublishedDate | None:
    """``datePublished`` (else ``dateCreated``) of the first JSON-LD node that has one."""
    for key in ("datePublished", "dateCreated"):
        for node in _jsonld_nodes(list(objects)):
            value = node.get(key)
            if isinstance(value, str):
                found = parse_date_zoned(value)
                if found:
                    return PublishedDate(found[0], "jsonld", found[1], found[2])
    return None


def date_from_meta(tree: lxml_html.HtmlElement) -> PublishedDate | None:
    """A date from ``<meta>`` tags, ``itemprop=datePublished`` or a ``<time datetime>`` element."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = content
    for key in _META_KEYS:
        if key in metas:
            found = parse_date_zoned(metas[key])
            if found:
                return PublishedDate(found[0], "meta", found[1], found[2])
    for el in tree.xpath("//*[@itemprop='datePublished'] | //time[@datetime]"):
        found = parse_date_zoned(el.get("datetime") or el.get("content") or el.text_content())
        if found:
            return PublishedDate(found[0], "meta", found[1], found[2])
    return None


def choose_published(candidates: Iterable[PublishedDate | None]) -> PublishedDate | None:
    """The best of several dates, given most trusted first.

    The first candidate wins, unless it knows only the day and a later one
    knows the minute of that day (a day either side, for time zones).
    """
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    first = found[0]
    if first.precision == "minute":
        return first
    for c in found[1:]:
        if c.precision == "minute" and abs((c.value.date() - first.value.date()).days) <= 1:
            return c
    return first
