"""Articles from JSONL records: ready fields, with text or with a page.

A record holds ``url`` (required) and optionally ``site``, ``site_name``,
``title``, ``published`` (ISO 8601), ``lang``, and either ``text``
(paragraphs separated by blank lines, cue lines detected and removed as for
text files) or ``html`` (extracted as a page; the record's fields win).
"""

from __future__ import annotations

import dataclasses

from relaytrace.errors import InputError
from relaytrace.ingest.cues import classify_line, is_banner, split_title
from relaytrace.ingest.dates import parse_date
from relaytrace.ingest.html import extract_html
from relaytrace.ingest.textfile import article_from_parts, subtitle_shaped, text_blocks
from relaytrace.model import Article

__all__ = ["article_from_record"]

_FIELDS = ("site", "site_name", "title", "published", "lang")


def _string(rec: dict, key: str) -> str | None:
    value = rec.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"field {key!r} must be a string, not {type(value).__name__}")
    return value.strip() or None


def _with_html(rec: dict, url: str, page: str) -> Article:
    article = extract_html(page, url)
    changes: dict[str, object] = {"url": url}
    if _string(rec, "site"):
        changes["site"] = _string(rec, "site")
    if _string(rec, "site_name"):
        changes["site_name"] = _string(rec, "site_name")
    if _string(rec, "lang"):
        changes["lang"] = _string(rec, "lang")
    title = _string(rec, "title")
    if title:
        parts = split_title(title, _string(rec, "site_name") or article.site_name, article.site)
        cues = tuple(c for c in article.cues if c.kind != "title_suffix")
        changes["title"] = parts.title
        changes["cues"] = ((parts.suffix,) if parts.suffix else ()) + cues
    published = _string(rec, "published")
    if published:
        found = parse_date(published)
        if found is None:
            raise InputError(f"{url}: unreadable published date {published!r}", code="bad_date")
        changes.update(published=found[0], published_source="given", published_precision=found[1])
    return dataclasses.replace(article, **changes)


def article_from_record(rec: dict) -> Article:
    """Build an Article from one JSONL record (see the module docstring for its fields).

    Raises InputError "missing_url" without ``url``, "missing_text" without
    ``text`` or ``html``, and ExtractionError "no_article" when nothing is left.
    """
    if not isinstance(rec, dict):
        raise InputError("a record must be a JSON object", code="bad_record")
    url = _string(rec, "url")
    if not url:
        raise InputError("record has no 'url'", code="missing_url")
    text, page = _string(rec, "text"), _string(rec, "html")
    if page and not text:
        return _with_html(rec, url, page)
    if not text:
        raise InputError(f"{url}: record has neither 'text' nor 'html'", code="missing_text")
    hints = {k: _string(rec, k) for k in _FIELDS if _string(rec, k)}
    blocks = text_blocks(text)
    title = str(hints.pop("title", "") or "")
    if not title:
        title = blocks.pop(0)[0] if len(blocks) > 1 else ""
    site_name = hints.get("site_name")
    at = 1 if blocks and is_banner(blocks[0][0], site_name) else 0  # a standfirst under a banner
    lead = blocks[at][0] if len(blocks) > at else ""
    if (
        len(blocks) >= at + 3
        and subtitle_shaped(lead)
        and not is_banner(lead, site_name)
        and classify_line(lead) is None
    ):
        hints["subtitle"] = blocks.pop(at)[0]  # a standfirst, as under a text file's title
    return article_from_parts(
        url, title, [b for b, _ in blocks], gaps=[g for _, g in blocks], **hints
    )
