"""Homepages and section pages list stories; they are refused, not stored as one article.

The pages are written here: fictional outlets on ``.example`` domains.
"""

from __future__ import annotations

import pytest

from relaytrace.errors import ExtractionError
from relaytrace.ingest.html import extract_html

STORY = (
    "The ferry council of Lindholm voted on Monday to keep the night crossing to Vestrand "
    "running through the winter, after islanders collected more than two thousand signatures "
    "against the planned cut. The council's chair, Marta Osk, said the crossing would cost "
    "about 400,000 crowns more a year and that the harbour fund would pay for it."
)


def teaser(n: int) -> str:
    return (
        f'<article class="post"><h3><a href="https://isles.example/story-{n}/">'
        f"Lindholm story number {n} about the harbour</a></h3>"
        f"<p>A short teaser for story {n}: the council met again on Monday and talked "
        "about the harbour, the ferries and the winter timetable.</p></article>"
    )


def page(main: str, teasers: int) -> str:
    cards = "".join(teaser(n) for n in range(teasers))
    return (
        '<html lang="en"><head><title>Isles Daily | Latest news</title>'
        '<meta property="og:site_name" content="Isles Daily"></head><body>'
        f"{main}<section>{cards}</section></body></html>"
    )


def test_a_homepage_of_teaser_cards_is_refused_as_multiple_articles() -> None:
    with pytest.raises(ExtractionError) as err:
        extract_html(page("", teasers=3), "https://isles.example/")
    assert err.value.code == "multiple_articles"


def test_a_story_with_related_teaser_cards_beside_it_is_kept() -> None:
    main = f'<div class="entry"><h1>Night ferry stays</h1><p>{STORY}</p><p>{STORY}</p></div>'
    article = extract_html(page(main, teasers=3), "https://isles.example/night-ferry/")
    assert article.title == "Night ferry stays"
    assert "Marta Osk" in article.paragraphs[0]


def test_a_story_in_its_own_article_element_beside_teaser_cards_is_kept() -> None:
    main = f"<article><h1>Night ferry stays</h1><p>{STORY}</p><p>{STORY}</p></article>"
    article = extract_html(page(main, teasers=2), "https://isles.example/night-ferry/")
    assert article.title == "Night ferry stays"
    assert all("teaser" not in p for p in article.paragraphs)
