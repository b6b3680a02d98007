"""Interface widgets inside a story (paywall boxes, login prompts, message-preview
furniture) leave the body; the story's own sentences stay.

The pages are written here: fictional outlets on ``.example`` domains.
"""

from __future__ import annotations

import pytest

from relaytrace.ingest.cues import separate_cues
from relaytrace.ingest.html import extract_html

LEAD = (
    "The ferry council of Lindholm voted on Monday to keep the night crossing to Vestrand "
    "running through the winter, after islanders collected more than two thousand signatures."
)


def test_a_paywall_box_leaves_the_body() -> None:
    page = (
        "<html><head><title>Night ferry stays | Isles Daily</title></head><body><article>"
        f"<h1>Night ferry stays</h1><p>{LEAD}</p>"
        '<div class="paywall-box"><h3>This content is exclusive to subscribers</h3>'
        "<p>Subscribe to continue reading. First month for one crown.</p>"
        '<p>Already a subscriber? <a href="/login">Log in</a></p></div></article></body></html>'
    )
    article = extract_html(page, "https://isles.example/night-ferry/")
    assert article.paragraphs == (LEAD,)


def test_a_message_preview_keeps_the_message_only() -> None:
    page = (
        '<html lang="en"><head><title>Isles Channel</title></head><body>'
        '<div class="message_wrap"><div class="message_author"><a class="owner_name" '
        'href="/isles">Isles Channel</a></div><a class="video_player" href="#"><video '
        'src="/v/1.mp4"></video><time class="video_duration">0:24</time></a>'
        f'<div class="message_text">{LEAD}</div>'
        '<span class="message_views">12.5K</span>'
        '<time datetime="2026-03-02T08:15:00+01:00">08:15</time></div>'
        '<div class="channel_join"><a href="/isles">Join channel</a></div></body></html>'
    )
    article = extract_html(page, "https://preview.example/s/isles/12")
    assert article.paragraphs == (LEAD,)
    assert article.published is not None and article.published.hour == 8


@pytest.mark.parametrize(
    "line",
    [
        "Suscríbete para seguir leyendo. Primer mes por 1 euro.",
        "¿Ya eres suscriptor? Inicia sesión",
        "Cet article est réservé aux abonnés.",
        "Подписаться на канал",
        "Already a subscriber? Log in",
    ],
)
def test_subscription_prompts_leave_a_body(line: str) -> None:
    body, cues = separate_cues([LEAD, line])
    assert list(body) == [LEAD] and not cues


def test_a_sentence_that_only_mentions_subscribers_stays() -> None:
    line = "Subscribers to the ferry pass will pay the same fare as last year, the council said."
    body, _ = separate_cues([LEAD, line])
    assert list(body) == [LEAD, line]
