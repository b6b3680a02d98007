"""Page metadata beside the body: banners in the header, sections, site names, times.

The pages are written here: fictional outlets on ``.example`` domains.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.ingest.test_html import BODY_EN, relay_page

from relaytrace.ingest.html import extract_html


def test_banner_in_the_site_header_is_a_banner_cue() -> None:
    page = relay_page().replace(
        '<a href="https://relaynow.example/">Relay Now</a>',
        '<a href="https://relaynow.example/">Relay Now | World 24</a>',
    )
    article = extract_html(page, "https://relaynow.example/?p=42")

    [banner] = article.cues_of("banner")
    assert (banner.text, banner.outlet) == ("Relay Now | World 24", "Relay Now")
    assert "World 24" not in article.body


def test_a_plain_site_title_is_not_a_banner_cue() -> None:
    article = extract_html(relay_page(), "https://relaynow.example/?p=42")
    assert article.cues_of("banner") == ()


def story_page(*, title: str, head: str = "", top: str = "") -> str:
    """A newspaper page: ``head`` goes into ``<head>``, ``top`` above the body paragraphs."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in BODY_EN)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title>{head}</head><body>
<header><a class="logo" href="https://tidewater.example/">Tidewater Courier</a></header>
<main><article>{top}<div class="story-body">{paragraphs}</div></article></main>
<footer>© Tidewater Courier</footer></body></html>"""


def test_section_of_the_page_leaves_the_title_and_the_kicker_leaves_the_body() -> None:
    page = story_page(
        title="Harbour pilots end strike after deal | Harbour desk | Tidewater Courier",
        head='<meta property="article:section" content="Harbour desk">',
        top='<p class="kicker">Politics</p>',
    )
    article = extract_html(page, "https://tidewater.example/harbour/pilots")

    assert article.title == "Harbour pilots end strike after deal"
    assert article.paragraphs == tuple(BODY_EN)


def test_banner_in_a_top_bar_naming_the_site_is_a_banner_cue() -> None:
    page = relay_page().replace(
        "<header>",
        '<meta property="og:site_name" content="Relay Now">'
        '<header><div class="topbar"><div>Latest News | Relay Now</div></div>',
    )
    article = extract_html(page, "https://relaynow.example/?p=42")

    [banner] = article.cues_of("banner")
    assert (banner.text, banner.outlet) == ("Latest News | Relay Now", "Relay Now")


def test_a_menu_in_the_header_is_not_a_banner() -> None:
    page = relay_page().replace(
        "<header>", '<header><div class="topbar"><div>Home | About us | Contact</div></div>'
    )
    assert extract_html(page, "https://relaynow.example/?p=42").cues_of("banner") == ()


def blog_page(title: str, header: str, post: str) -> str:
    """A Blogger-style page: no og: tags, the blog's name in an ``<h1>``."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in BODY_EN)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title></head><body>
<div class="header"><h1 class="title">{header}</h1></div>
<div class="post"><h3 class="post-title entry-title">{post}</h3>
<abbr class="published" title="2026-03-06T09:40:00+01:00">09:40</abbr>
<div class="post-body">{paragraphs}</div></div></body></html>"""


def test_blog_post_title_wins_over_the_blogs_name_and_the_time_attribute_is_read() -> None:
    headline = "Harbour pilots end strike after deal on night crossings"
    page = blog_page(f"{headline} – Harbour Notes", "Harbour Notes", headline)
    article = extract_html(page, "https://harbournotes.example/2026/03/pilots.html")

    assert article.title == headline
    assert article.site_name == "Harbour Notes"
    assert article.published == datetime(2026, 3, 6, 8, 40, tzinfo=UTC)
    assert article.published_precision == "minute"


def test_site_name_before_the_headline_in_the_page_title() -> None:
    headline = "Harbour pilots end strike after deal on night crossings"
    page = story_page(title=f"Harbour Notes | {headline}", top=f"<h1>{headline}</h1>")
    page = page.replace(
        '<a class="logo" href="https://tidewater.example/">Tidewater Courier</a>', ""
    )
    article = extract_html(page, "https://harbournotes.example/pilots")

    assert (article.title, article.site_name) == (headline, "Harbour Notes")


def test_site_name_prefix_of_a_legacy_title_with_the_headline_in_a_heading() -> None:
    headline = "Harbour pilots end strike after deal on night crossings"
    page = story_page(title=f"Harbour Notes - {headline}", top=f"<h2>{headline}</h2>")
    logo = '<a class="logo" href="https://tidewater.example/">Tidewater Courier</a>'
    article = extract_html(page.replace(logo, ""), "https://harbournotes.example/pilots")

    assert (article.title, article.site_name) == (headline, "Harbour Notes")


def test_time_in_an_unclassed_small_under_the_headline() -> None:
    headline = "Harbour pilots end strike after deal on night crossings"
    page = story_page(title=headline, top=f"<h2>{headline}</h2><small>06.03.2026 09:40</small>")
    article = extract_html(page, "https://tidewater.example/pilots")

    assert article.published == datetime(2026, 3, 6, 9, 40, tzinfo=UTC)
    assert article.published_precision == "minute"
