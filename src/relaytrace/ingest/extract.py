"""One entry point from any raw input to an Article: dispatch on ``RawDocument.kind``.

Module-level and free of state, so worker processes can run it. Language and
sentences are left for ``relaytrace.text.analyse``.

Error codes raised (``InputError.code``; ``ExtractionError`` is "no_article",
or "multiple_articles" for a page listing several stories): not_html, not_text,
too_large, missing_url, missing_text, empty, bad_record, bad_date, bad_input,
no_article, multiple_articles.
"""

from __future__ import annotations

import dataclasses

from relaytrace.errors import InputError
from relaytrace.ingest.html import decode_html, extract_html
from relaytrace.ingest.records import article_from_record
from relaytrace.ingest.textfile import parse_text
from relaytrace.model import Article, RawDocument

__all__ = ["extract"]


def _as_text(content: object, origin: str) -> str:
    if isinstance(content, bytes):
        try:
            return decode_html(content)  # same guards and charset detection as pages
        except InputError as exc:
            code = "not_text" if exc.code == "not_html" else exc.code
            raise InputError(f"{origin}: {exc}", code=code) from exc
    if isinstance(content, str):
        return content
    raise InputError(f"{origin}: expected text, got {type(content).__name__}", code="bad_input")


def extract(raw: RawDocument) -> Article:
    """Extract the article of a raw document ("html", "text" or "record").

    ``raw.meta`` may carry ``charset`` (from an HTTP header) for pages, and
    ``site``, ``site_name``, ``title``, ``lang`` hints for text files.

    Raises InputError / ExtractionError with a stable ``code``; the caller
    turns them into Rejections.
    """
    if raw.kind == "html":
        content = raw.content
        if not isinstance(content, bytes | str):
            raise InputError(f"{raw.origin}: page content must be bytes or str", code="not_html")
        charset = raw.meta.get("charset")
        if isinstance(content, bytes) and isinstance(charset, str):
            content = decode_html(content, charset)  # the HTTP header's charset comes first
        return extract_html(content, raw.url, fetched=raw.fetched)
    if raw.kind == "text":
        hints = {k: v for k, v in raw.meta.items() if k in {"site", "site_name", "title", "lang"}}
        article = parse_text(_as_text(raw.content, raw.origin), raw.url, **hints)
    elif raw.kind == "record":
        if not isinstance(raw.content, dict):
            raise InputError(f"{raw.origin}: a record must be a JSON object", code="bad_record")
        record = dict(raw.content)
        if raw.url and not record.get("url"):
            record["url"] = raw.url
        article = article_from_record(record)
    else:
        raise InputError(f"{raw.origin}: unknown document kind {raw.kind!r}", code="bad_input")
    if raw.fetched and article.fetched is None:
        article = dataclasses.replace(article, fetched=raw.fetched)
    return article
