"""Test helpers shared across the suite: small fictional articles."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from relaytrace.model import Article, Link, Sentence, SourceCue


def make_article(
    n: int = 1,
    *,
    url: str | None = None,
    lang: str = "en",
    body: tuple[str, ...] | None = None,
    title: str | None = None,
) -> Article:
    """A small fictional article with sentences, cues, links and a zoned date."""
    paragraphs = body or (
        f"The mayor of Quillby, Oda Renn, opened bridge number {n} on Monday.",
        f'"It took {n + 3} years," Renn told the Quillby Courier. Traffic resumes today.',
    )
    text = "\n\n".join(paragraphs)
    sentences = []
    offset = 0
    for p_index, para in enumerate(paragraphs):
        for m in re.finditer(r'\S[^.!?]*[.!?]+"?|\S.*$', para):
            start, end = offset + m.start(), offset + m.end()
            sentences.append(Sentence(len(sentences), p_index, start, end, text[start:end]))
        offset += len(para) + 2
    return Article(
        url=url or f"https://quillby-courier.example/news/{n}",
        site="quillby-courier.example",
        site_name="Quillby Courier",
        title=title or f"Bridge {n} opens in Quillby",
        subtitle="The town's river crossing reopens",
        paragraphs=paragraphs,
        lang=lang,
        canonical_url=f"https://quillby-courier.example/c/{n}",
        published=datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        published_source="meta",
        published_precision="minute",
        links=(Link("https://river-wire.example/story/7", "River Wire"),),
        cues=(
            SourceCue("title_suffix", "— River Wire", outlet="River Wire"),
            SourceCue("source_line", "Source link", url="https://river-wire.example/story/7"),
        ),
        sentences=tuple(sentences),
        fetched=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    )
