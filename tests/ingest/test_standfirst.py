"""Standfirsts of web pages become the subtitle, without taking anything the body needs."""

from __future__ import annotations

from relaytrace.ingest.html import extract_html

BODY = [
    "The ferry Gullvik ran aground in fog off the island of Tarnö on Tuesday morning with "
    "212 passengers on board, the coastguard of Vessland said.",
    "All passengers were taken off by lifeboats within three hours; four were treated for "
    "light injuries, and the ship's fuel tanks were not damaged.",
    "The shipping company suspended the crossing until Friday and said it would run a "
    "supply boat for food and medicine in the meantime.",
]
URL = "https://tarnoposten.example/2026/03/17/gullvik-aground"


def page(*, head: str = "", top: str = "") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in BODY)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ferry runs aground off Tarnö | Tarnö Posten</title>{head}</head><body>
<header><a class="logo" href="https://tarnoposten.example/">Tarnö Posten</a></header>
<main><article><h1>Ferry runs aground off Tarnö</h1>{top}
<div class="story-body">{paragraphs}</div></article></main></body></html>"""


def description(text: str) -> str:
    return f'<meta name="description" content="{text}">'


def test_a_marked_standfirst_leaves_the_body_and_becomes_the_subtitle() -> None:
    standfirst = "All passengers rescued, crossing suspended until Friday"
    article = extract_html(page(top=f'<p class="standfirst">{standfirst}</p>'), URL)

    assert article.subtitle == standfirst
    assert article.paragraphs == tuple(BODY)


def test_a_meta_description_of_its_own_is_the_subtitle() -> None:
    text = "Coastguard takes 212 passengers off the Gullvik; four lightly injured"
    article = extract_html(page(head=description(text)), URL)

    assert article.subtitle == text
    assert article.paragraphs == tuple(BODY)


def test_a_meta_description_that_repeats_the_opening_is_not_a_subtitle() -> None:
    for text in (
        BODY[0].split(",")[0],  # the first clause
        BODY[0],  # the whole first paragraph
        BODY[0][:90] + "…",  # cut short
        BODY[0][:90],  # cut mid-word, without a mark
    ):
        article = extract_html(page(head=description(text)), URL)
        assert article.subtitle is None, text
        assert article.paragraphs == tuple(BODY)


def test_a_site_wide_description_is_not_a_subtitle() -> None:
    text = "Tarnö Posten: news from the islands, every day since 1921"
    article = extract_html(page(head=description(text)), URL)
    assert article.subtitle is None


def test_an_excerpt_in_the_sidebar_is_not_a_standfirst() -> None:
    excerpt = "A storm closed the harbour of Veldvik for two days"
    aside = f'<aside><p class="entry-summary">{excerpt}</p></aside>'
    article = extract_html(page().replace("</main>", f"</main>{aside}"), URL)
    assert article.subtitle is None
