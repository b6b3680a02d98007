"""Plain-text articles: the seed relay copy, pasted articles, and bad input."""

from __future__ import annotations

import pytest

from relaytrace.errors import ExtractionError, InputError
from relaytrace.ingest.textfile import parse_text, text_blocks
from shared_paths import SEED

TEASER = (
    "Moscou lance un avertissement sévère concernant le projet de loi "
    "sur l'aide américano-ukrainienne"
)


@pytest.mark.skipif(not SEED.exists(), reason="seed file not available")
def test_seed_relay_copy_yields_banner_title_suffix_teaser_and_source_line() -> None:
    article = parse_text(SEED.read_text(encoding="utf-8"), SEED.as_uri())

    assert article.site_name == "News 24"  # the banner's name, not its tagline
    assert article.title == "Les membres de l’OTAN ont du personnel militaire à Kiev – Stoltenberg"
    assert article.subtitle and article.subtitle.startswith("Des conseillers occidentaux")
    suffix = article.cues_of("title_suffix")
    assert [c.outlet for c in suffix] == ["RT World News"]
    assert [c.headline for c in article.cues_of("teaser")] == [TEASER]
    assert [c.text for c in article.cues_of("source_line")] == ["Lien source"]
    assert [c.text for c in article.cues_of("banner")] == ["Dernières Nouvelles | News 24"]
    body = article.body
    for line in ("Lien source", TEASER, "RT World News", "Dernières Nouvelles"):
        assert line not in body
    assert article.paragraphs[0].startswith("Les États membres de l’OTAN")
    assert article.paragraphs[-1].startswith("Moscou a prévenu")
    assert len(article.paragraphs) == 8
    assert article.lang is None and article.sentences == ()


def test_pasted_article_is_title_and_paragraphs() -> None:
    text = (
        "Harbour pilots in Norland end three-day strike\n\n"
        "Pilots at the port of Veldhaven returned to work on Friday after a night-shift deal.\n\n"
        "The agreement, signed late on Thursday, adds a second pilot to every night crossing.\n"
    )
    article = parse_text(text, "https://portnews.example/2026/03/06/pilots-end-strike/")

    assert article.title == "Harbour pilots in Norland end three-day strike"
    assert article.site == "portnews.example"
    assert len(article.paragraphs) == 2
    assert article.cues == ()
    assert article.published is not None and article.published.isoformat() == (
        "2026-03-06T00:00:00+00:00"
    )
    assert (article.published_source, article.published_precision) == ("url", "day")


def test_short_real_paragraph_between_normal_gaps_is_kept() -> None:
    text = (
        "Council approves new tram line for Ostrava Nova\n\n"
        "The city council voted 31 to 12 on Tuesday to build a tram line to the east.\n\n"
        "Work starts in spring\n\n"
        "Construction is to begin in April and last two years, the mayor's office said.\n"
    )
    article = parse_text(text, "https://citydesk.example/tram")

    assert "Work starts in spring" in article.paragraphs
    assert article.cues_of("teaser") == ()


def test_headline_left_between_wide_gaps_is_a_teaser() -> None:
    text = (
        "Council approves new tram line for Ostrava Nova\n\n"
        "The city council voted 31 to 12 on Tuesday to build a tram line to the eastern suburbs.\n"
        "\n\n\n"
        "Regional trains to run every half hour from June\n\n"
        "Construction is to begin in April and last two years, the mayor's office said.\n"
    )
    article = parse_text(text, "https://citydesk.example/tram")

    assert [c.headline for c in article.cues_of("teaser")] == [
        "Regional trains to run every half hour from June"
    ]
    assert len(article.paragraphs) == 2


def test_lines_without_blank_lines_are_paragraphs() -> None:
    text = "A title for the piece\nFirst paragraph here.\nSecond paragraph here.\nQuelle: dpa\n"
    article = parse_text(text, "file:///tmp/piece.txt")

    assert article.paragraphs == ("First paragraph here.", "Second paragraph here.")
    assert [c.outlet for c in article.cues_of("source_line")] == ["dpa"]
    assert article.site == ""


def test_hints_override_what_the_text_says() -> None:
    text = "Brief title\n\nOne paragraph of news text that is long enough to keep.\n"
    article = parse_text(
        text,
        "file:///tmp/brief.txt",
        site_name="Norland Courier",
        lang="en",
        published="2026-02-01T10:20:00+01:00",
    )

    assert article.site_name == "Norland Courier"
    assert article.lang == "en"
    assert article.published_source == "given"
    assert article.published is not None and article.published.utcoffset() is not None


def test_text_blocks_count_the_blank_lines_before_each_block() -> None:
    assert text_blocks("a\n\nb\n\n\n\nc\nd") == [("a", 0), ("b", 1), ("c d", 3)]


@pytest.mark.parametrize(
    ("text", "url", "code"),
    [
        ("Some title\n\nSome body.", None, "missing_url"),
        ("", "file:///tmp/empty.txt", "empty"),
        ("   \n\n  \n", "file:///tmp/blank.txt", "empty"),
        ("PK\x03\x04\x00\x00binary", "file:///tmp/zip.txt", "not_text"),
    ],
)
def test_bad_text_is_rejected_with_a_code(text: str, url: str | None, code: str) -> None:
    with pytest.raises(InputError) as err:
        parse_text(text, url)
    assert err.value.code == code


def test_a_lone_title_is_no_article() -> None:
    with pytest.raises(ExtractionError) as err:
        parse_text("Only a title here", "file:///tmp/title.txt")
    assert err.value.code == "no_article"


def test_soft_wrapped_lines_join_and_sentence_lines_split() -> None:
    wrapped = "Title here\n\nThe council voted on Tuesday\nto build a tram line.\n\nSecond one."
    assert text_blocks(wrapped)[1] == ("The council voted on Tuesday to build a tram line.", 1)
    pasted = "Title here\n\nFirst paragraph ends here.\nSecond paragraph ends here.\nThird."
    assert [b for b, _ in text_blocks(pasted)] == [
        "Title here",
        "First paragraph ends here.",
        "Second paragraph ends here.",
        "Third.",
    ]


def test_a_dateline_under_the_title_is_the_publication_date() -> None:
    text = (
        "Harbour pilots end strike\n\n"
        "06.03.2026 09:40\n\n"
        "Pilots at the port of Veldhaven returned to work on Friday.\n\n"
        "The agreement adds a second pilot to every night crossing.\n"
    )
    article = parse_text(text, "file:///tmp/pilots.txt")

    assert article.published is not None and article.published.isoformat() == (
        "2026-03-06T09:40:00+00:00"
    )
    assert (article.published_source, article.published_precision) == ("text", "minute")
    assert article.subtitle is None and len(article.paragraphs) == 2


def test_a_banner_naming_the_given_site_is_recognised() -> None:
    text = "Relay Now\n\nPilots end strike\n\nPilots returned to work.\n\nThey got a deal."
    article = parse_text(text, "https://relaynow.example/p", site_name="Relay Now")

    assert article.title == "Pilots end strike"
    assert [c.kind for c in article.cues] == ["banner"]


PASTED_RELAY = [
    "Le maire de Valbrune a annoncé mardi la fermeture du pont suspendu pour au moins six "
    "mois, après qu'une inspection a relevé des fissures dans deux piles.",
    "Les ingénieurs de la ville ont mesuré des fissures de près de quatre centimètres, a "
    "précisé la mairie, qui a mis en place une navette fluviale gratuite.",
    "Les commerçants du quai Sud craignent une baisse de leur chiffre d'affaires pendant "
    "les travaux, estimés à 3,2 millions d'euros.",
    "Les syndicats de Valbrune dénoncent un plan de transport « improvisé »",
    "La préfecture a indiqué que les poids lourds seraient déviés par la rocade nord "
    "jusqu'à la fin des travaux, prévue en septembre.",
    "Le conseil municipal doit se réunir jeudi pour voter une aide aux commerçants.",
]


def test_a_lone_headline_in_pasted_text_is_a_teaser_even_without_wider_gaps() -> None:
    text = "Fermeture du pont de Valbrune\n\n" + "\n\n".join(PASTED_RELAY) + "\n\nLien source\n"
    article = parse_text(text, "https://relaisinfo.example/pont")

    assert [c.headline for c in article.cues_of("teaser")] == [PASTED_RELAY[3]]
    assert PASTED_RELAY[3] not in article.paragraphs
    assert len(article.paragraphs) == 5


def test_intertitles_of_an_article_are_kept() -> None:
    paragraphs = list(PASTED_RELAY)
    paragraphs[3] = "Les syndicats de Valbrune dénoncent un plan de transport improvisé"
    paragraphs.insert(1, "Une navette fluviale gratuite pour les piétons du quai Sud")
    text = "Fermeture du pont de Valbrune\n\n" + "\n\n".join(paragraphs) + "\n"
    article = parse_text(text, "https://citydesk.example/pont")

    assert article.cues_of("teaser") == ()  # two intertitles: the article's own structure
    assert paragraphs[1] in article.paragraphs and paragraphs[4] in article.paragraphs


def test_a_short_lone_line_is_kept() -> None:
    paragraphs = list(PASTED_RELAY)
    paragraphs[3] = "Travaux jusqu'en septembre"
    text = "Fermeture du pont de Valbrune\n\n" + "\n\n".join(paragraphs) + "\n"
    article = parse_text(text, "https://citydesk.example/pont")

    assert article.cues_of("teaser") == ()
    assert "Travaux jusqu'en septembre" in article.paragraphs


def test_a_banner_among_the_body_lines_names_the_site_by_its_outlet() -> None:
    from relaytrace.ingest.textfile import article_from_parts

    article = article_from_parts(
        "https://relaynow.example/2026/03/06/port/",
        "Le port de Lomvik rouvre après la tempête",
        [
            "Dernières Nouvelles | News 24",
            "Le port de Lomvik a rouvert mardi après neuf jours de fermeture.",
            "Le capitaine de port Edda Fjell a déclaré que 14 bateaux étaient revenus.",
        ],
    )
    assert article.site_name == "News 24"
    assert [c.text for c in article.cues_of("banner")] == ["Dernières Nouvelles | News 24"]
