"""Articles from plain text: seed-shaped relay copies and pasted articles.

A relay copy saved as text reads: banner line ("Dernières Nouvelles | News
24"), title with the origin's suffix, an optional subtitle, body paragraphs
separated by blank lines, teasers, and a closing source line. Plain pasted
text is just a title and paragraphs. Blank lines matter: a "read more" widget
leaves its headline between wider gaps than the paragraphs have.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from relaytrace.errors import ExtractionError, InputError
from relaytrace.ingest.cues import banner_cue, fold, is_banner, separate_cues, split_title
from relaytrace.ingest.dates import PublishedDate, date_from_text, date_from_url, parse_date
from relaytrace.ingest.sites import site_of
from relaytrace.model import Article, SourceCue

__all__ = ["HINTS", "article_from_parts", "parse_text", "subtitle_shaped", "text_blocks"]

HINTS = frozenset(
    {"site", "site_name", "title", "subtitle", "published", "lang", "fetched", "canonical_url"}
)
MAX_TITLE_CHARS = 300
MAX_SUBTITLE_CHARS = 500
_TERMINAL = tuple('.!?…。！？»"”')


def text_blocks(text: str) -> list[tuple[str, int]]:
    """Blocks of text separated by blank lines, each with the number of blank lines before it.

    Lines inside a block are joined with a space (soft wrapping), unless each
    ends a sentence; a text without any blank line is read one paragraph per line.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(not ln.strip() for ln in lines[1:-1]) and len(lines) > 2:
        return [(ln.strip(), 0 if i == 0 else 1) for i, ln in enumerate(lines) if ln.strip()]
    blocks: list[tuple[str, int]] = []
    current: list[str] = []
    blank = 0
    gap = 0

    def close() -> None:
        # lines that each end a sentence are paragraphs; other lines are soft-wrapped
        if len(current) > 1 and all(ln.endswith(_TERMINAL) for ln in current[:-1]):
            blocks.append((current[0], gap))
            blocks.extend((ln, 1) for ln in current[1:])
        else:
            blocks.append((" ".join(current), gap))

    for line in lines:
        if line.strip():
            if not current:
                gap = blank
            current.append(line.strip())
            blank = 0
        else:
            if current:
                close()
                current = []
            blank += 1
    if current:
        close()
    return blocks


def _published(value: object, url: str | None) -> tuple[datetime | None, str | None, str | None]:
    if isinstance(value, PublishedDate):
        return value.value, value.source, value.precision
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware, "given", "minute"
    if isinstance(value, str) and value.strip():
        found = parse_date(value)
        if found is None:
            raise InputError(f"unreadable published date {value!r}", code="bad_date")
        return found[0], "given", found[1]
    from_url = date_from_url(url)
    if from_url:
        return from_url.value, from_url.source, from_url.precision
    return None, None, None


def article_from_parts(
    url: str,
    title: str,
    body_blocks: Sequence[str],
    *,
    gaps: Sequence[int] | None = None,
    cues: Sequence[SourceCue] = (),
    **hints: object,
) -> Article:
    """Assemble an Article from a raw title and body paragraphs, separating cues from both."""
    unknown = set(hints) - HINTS
    if unknown:
        raise TypeError(f"unknown hints: {', '.join(sorted(unknown))}")
    site_name = hints.get("site_name") or None
    site = str(hints.get("site") or site_of(url))
    paragraphs, body_cues = separate_cues(
        list(body_blocks), gaps=gaps, site_name=str(site_name) if site_name else None
    )
    if not paragraphs:
        raise ExtractionError(f"{url}: no article text left after removing cue lines")
    parts = split_title(title, str(site_name) if site_name else None, site or None)
    all_cues = list(cues)
    if parts.suffix:
        all_cues.append(parts.suffix)
    all_cues.extend(body_cues)
    if site_name is None:
        banner = next((c for c in all_cues if c.kind == "banner"), None)
        site_name = banner.outlet if banner else parts.own_name  # "News 24", not its tagline
    elif " | " in str(site_name) and is_banner(str(site_name)):
        # a site named "Dernières Nouvelles | News 24" shows that banner on every page
        shown = [fold(c.text) for c in all_cues if c.kind == "banner"]
        if not any(t.startswith(fold(str(site_name))) for t in shown):
            name = str(site_name)
            all_cues.insert(0, banner_cue(name))
    published, source, precision = _published(hints.get("published"), url)
    fetched = hints.get("fetched")
    return Article(
        url=url,
        site=site,
        title=parts.title,
        paragraphs=paragraphs,
        lang=str(hints["lang"]) if hints.get("lang") else None,
        canonical_url=str(hints["canonical_url"]) if hints.get("canonical_url") else None,
        site_name=str(site_name) if site_name else None,
        subtitle=str(hints["subtitle"]) if hints.get("subtitle") else None,
        published=published,
        published_source=source,  # type: ignore[arg-type]
        published_precision=precision,  # type: ignore[arg-type]
        cues=tuple(all_cues),
        fetched=fetched if isinstance(fetched, datetime) else None,
    )


def subtitle_shaped(text: str) -> bool:
    """A block under the title that reads as a standfirst: not too long, no closing stop."""
    return len(text) <= MAX_SUBTITLE_CHARS and not text.endswith(_TERMINAL)


def parse_text(text: str, url: str | None = None, **hints: object) -> Article:
    """Parse seed-shaped or pasted plain text into an Article (language and sentences left empty).

    Hints (``site_name``, ``title``, ``published``, ``lang`` …) override what the
    text says. Raises InputError "missing_url" without a URL, "empty" for blank
    text, and ExtractionError "no_article" when no body paragraph remains.
    """
    if not url:
        raise InputError("a text article needs a URL (files get a file:// URL)", code="missing_url")
    if not text or not text.strip():
        raise InputError(f"{url}: empty text", code="empty")
    if "\x00" in text:
        raise InputError(f"{url}: binary data, not text", code="not_text")
    blocks = text_blocks(text.lstrip("\ufeff"))
    cues: list[SourceCue] = []
    if hints.get("title"):
        title = str(hints.pop("title"))
    else:
        site_name = str(hints["site_name"]) if hints.get("site_name") else None
        first = blocks[0][0] if blocks else ""
        if (
            len(blocks) >= 3
            and is_banner(first, site_name)
            and len(blocks[1][0]) <= MAX_TITLE_CHARS
        ):
            banner = banner_cue(blocks.pop(0)[0])
            cues.append(banner)
            hints.setdefault("site_name", banner.outlet)
        if len(blocks) < 2 or len(blocks[0][0]) > MAX_TITLE_CHARS:
            raise ExtractionError(f"{url}: no title line followed by paragraphs")
        title = blocks.pop(0)[0]
        dateline = date_from_text(blocks[0][0]) if len(blocks[0][0]) <= 40 else None
        if len(blocks) >= 2 and dateline is not None:
            blocks.pop(0)
            hints.setdefault("published", dateline)
        if len(blocks) >= 3 and not hints.get("subtitle") and subtitle_shaped(blocks[0][0]):
            hints["subtitle"] = blocks.pop(0)[0]
    return article_from_parts(
        url, title, [b for b, _ in blocks], gaps=[g for _, g in blocks], cues=cues, **hints
    )
