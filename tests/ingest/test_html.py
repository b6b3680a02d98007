"""Web pages to articles: metadata, body, links, cues, encodings and broken input.

The pages are written here: fictional outlets on ``.example`` domains.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime

import pytest

from relaytrace.errors import ExtractionError, InputError
from relaytrace.ingest.html import MAX_HTML_BYTES, decode_html, extract_html

BODY_EN = [
    "Harbour pilots in Veldhaven returned to work on Friday after the port authority agreed "
    "to add a second pilot to every night crossing, ending a three-day strike.",
    "The walkout had left more than forty cargo ships waiting at anchor outside the breakwater, "
    "and two ferry lines had cancelled their evening sailings.",
    '"We asked for one thing, and it was safety," said Ilse Brandvik, who chairs the pilots\' '
    'association. "Night crossings in winter are no place for a single pilot."',
    "The port authority said the extra crews would cost about 1.8 million crowns a year and "
    "would be paid for by a small rise in harbour dues from April.",
]


def relay_page(*, charset_meta: bool = True, canonical: str | None = None) -> str:
    """A WordPress-style relay: banner, nav, cookie box, teaser, source link, comments."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in BODY_EN[:2])
    paragraphs += (
        '\n<p class="read-more"><a href="https://relaynow.example/related/77/fares">'
        "Read more: Ferry fares rise again in Norland</a></p>\n"
    )
    paragraphs += "\n".join(f"<p>{p}</p>" for p in BODY_EN[2:])
    paragraphs += (
        '\n<p><a href="https://norlandwire.example/2026/03/06/pilots-end-strike/" '
        'rel="nofollow">Source link</a></p>'
    )
    canonical = canonical or "https://relaynow.example/2026/03/06/pilots-end-strike/"
    meta = '<meta charset="UTF-8">' if charset_meta else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head>{meta}
<title>Harbour pilots end strike after deal on night crossings — Norland Wire &#8211;
Relay Now</title>
<link rel="canonical" href="{canonical}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Harbour pilots end strike after deal on night crossings — Norland Wire",
"datePublished": "2026-03-06T09:40:00+01:00",
"publisher": {{"@type": "Organization", "name": "Relay Now"}}}}</script>
</head><body>
<div class="cookie-notice">We use cookies to improve your experience. <button>Accept</button></div>
<header><p class="site-title"><a href="https://relaynow.example/">Relay Now</a></p>
<nav><ul><li><a href="/world/">World</a></li>
<li><a href="/sport/">Sport</a></li></ul></nav></header>
<article><h1 class="entry-title">
Harbour pilots end strike after deal on night crossings — Norland Wire</h1>
<span class="posted-on">2026-03-06</span>
<div class="entry-content">
{paragraphs}
</div></article>
<div id="comments"><h3>Leave a Reply</h3><form><textarea></textarea></form></div>
<aside><h2>Recent Posts</h2><ul><li><a href="/item/1">Some other story about trams</a></li>
<li><a href="/item/2">Yet another story about bridges</a></li></ul></aside>
<footer>Proudly powered by WordPress</footer></body></html>"""


def test_relay_page_gives_clean_title_suffix_dates_body_links_and_cues() -> None:
    article = extract_html(relay_page().encode("utf-8"), "https://relaynow.example/?p=42")

    assert article.site == "relaynow.example"
    assert article.canonical_url == "https://relaynow.example/2026/03/06/pilots-end-strike/"
    assert article.site_name == "Relay Now"
    assert article.title == "Harbour pilots end strike after deal on night crossings"
    assert [c.outlet for c in article.cues_of("title_suffix")] == ["Norland Wire"]
    assert article.published == datetime(2026, 3, 6, 8, 40, tzinfo=UTC)
    assert (article.published_source, article.published_precision) == ("jsonld", "minute")
    assert article.paragraphs == tuple(BODY_EN)
    for junk in ("cookies", "Leave a Reply", "Recent Posts", "World", "WordPress"):
        assert junk not in article.body
    [teaser] = article.cues_of("teaser")
    assert teaser.headline == "Ferry fares rise again in Norland"
    assert teaser.url == "https://relaynow.example/related/77/fares"
    [source] = article.cues_of("source_line")
    assert source.url == "https://norlandwire.example/2026/03/06/pilots-end-strike/"
    assert source.url in {link.url for link in article.links}
    assert article.lang == "en"
    assert article.sentences == ()


def test_cross_domain_canonical_is_kept_as_a_source_cue() -> None:
    page = relay_page(canonical="https://norlandwire.example/2026/03/06/pilots-end-strike/")
    article = extract_html(page, "https://relaynow.example/2026/03/06/pilots-end-strike/")

    assert article.site == "relaynow.example"
    assert any(
        c.kind == "source_line" and c.url and c.url.startswith("https://norlandwire.example/")
        for c in article.cues
    )


def test_without_a_url_the_canonical_url_is_used() -> None:
    article = extract_html(relay_page())
    assert article.url == "https://relaynow.example/2026/03/06/pilots-end-strike/"


def news_page(
    body: list[str], *, title: str, lang: str, extra_head: str = "", masthead: str = "Вести Заречья"
) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (
        f'<html lang="{lang}"><head>{extra_head}<title>{title}</title></head><body>'
        f'<table><tr><td class="masthead"><b>{masthead}</b></td>'
        '<td><a href="/a">Monde</a> <a href="/b">Sport</a></td></tr></table>'
        f'<div id="story"><h2>{title}</h2><p class="dateline">2026-05-08 09:32</p>'
        f'{paragraphs}</div><div id="sidebar"><h3>Latest</h3><ul>'
        '<li><a href="/x">Another story</a></li></ul></div></body></html>'
    )


BODY_RU = [
    "В порту Заречья в пятницу возобновилась работа после трёхдневной забастовки лоцманов, "
    "сообщила администрация порта.",
    "По словам представителя профсоюза, стороны договорились о втором лоцмане на ночных "
    "проводках судов, что обойдётся порту примерно в два миллиона рублей в год.",
    "У входа в гавань всё ещё ожидают разгрузки около тридцати судов.",
]
TITLE_RU = "В порту Заречья закончилась забастовка лоцманов"


def test_cp1251_page_without_charset_declaration_decodes() -> None:
    page = news_page(BODY_RU, title=TITLE_RU, lang="ru").encode("cp1251")
    article = extract_html(page, "https://vesti-zarechya.example/2026/05/08/lotsmany/")

    assert article.title == TITLE_RU
    assert article.paragraphs == tuple(BODY_RU)
    assert article.site_name == "Вести Заречья"
    assert article.published == datetime(2026, 5, 8, 9, 32, tzinfo=UTC)
    assert article.published_source == "text"


BODY_FR = [
    "Les pêcheurs de Port-Avel ont bloqué l'entrée du port dès l'aube, mécontents du nouveau "
    "quota de sole décidé à Bruxelles, a-t-on appris auprès de la préfecture maritime.",
    "« On nous demande de réduire nos prises de moitié, c'est la fin de nos bateaux », a déclaré "
    "Anaïs Le Goff, patronne d'un chalutier de douze mètres.",
    "La préfecture a indiqué qu'une réunion était prévue lundi à Vannes avec les représentants "
    "de la filière et les élus de la côte.",
]


def test_latin1_page_without_charset_declaration_decodes() -> None:
    page = news_page(
        BODY_FR,
        title="Les pêcheurs de Port-Avel bloquent le port",
        lang="fr",
        masthead="Le Courrier d'Avel",
    )
    article = extract_html(page.encode("latin-1"), "https://courrier-avel.example/peche")

    assert article.title == "Les pêcheurs de Port-Avel bloquent le port"
    assert article.paragraphs == tuple(BODY_FR)
    assert article.site_name == "Le Courrier d'Avel"


def test_a_false_utf8_declaration_falls_back_to_detection() -> None:
    head = '<meta charset="utf-8">'
    page = news_page(BODY_RU, title=TITLE_RU, lang="ru", extra_head=head).encode("cp1251")
    assert extract_html(page, "https://vesti-zarechya.example/x").title == TITLE_RU


def test_malformed_and_truncated_html_still_extracts() -> None:
    page = relay_page()
    broken = page.replace("</p>", "").replace("</div>", "")
    cut = broken[: broken.index("Proudly")]
    article = extract_html(cut, "https://relaynow.example/2026/03/06/pilots-end-strike/")

    assert article.title == "Harbour pilots end strike after deal on night crossings"
    assert BODY_EN[0] in article.body and BODY_EN[3] in article.body


def test_binary_junk_is_not_html() -> None:
    junk = bytes(range(256)) * 64
    with pytest.raises(InputError) as err:
        extract_html(junk, "https://x.example/junk")
    assert err.value.code == "not_html"


@pytest.mark.parametrize("content", [b"", "   ", "just some words, no markup at all"])
def test_empty_or_markupless_input_is_not_html(content: bytes | str) -> None:
    with pytest.raises(InputError) as err:
        extract_html(content, "https://x.example/empty")
    assert err.value.code == "not_html"


def test_page_without_article_is_rejected() -> None:
    page = (
        "<html><head><title>Relay Now — Home</title></head><body><nav><ul>"
        '<li><a href="/world/">World</a></li><li><a href="/sport/">Sport</a></li></ul></nav>'
        '<div class="cookie-notice">We use cookies. <button>Accept</button></div>'
        "<footer>© 2026 Relay Now</footer></body></html>"
    )
    with pytest.raises(ExtractionError) as err:
        extract_html(page, "https://relaynow.example/")
    assert err.value.code == "no_article"


def test_huge_page_fails_cleanly_with_too_large() -> None:
    assert MAX_HTML_BYTES == 20 * 1024 * 1024
    huge = b"<html><body><p>" + b"a" * (50 * 1024 * 1024) + b"</p></body></html>"
    with pytest.raises(InputError) as err:
        extract_html(huge, "https://x.example/huge")
    assert err.value.code == "too_large"
    with pytest.raises(InputError):
        extract_html(huge.decode("ascii"), "https://x.example/huge")


def test_large_page_below_the_limit_is_extracted() -> None:
    filler = "".join(
        f'<li><a href="/item/{i}">Other story number {i}</a></li>' for i in range(40000)
    )
    page = relay_page().replace("<aside>", f"<aside><ul>{filler}</ul>")
    assert len(page) > 1_000_000
    article = extract_html(page, "https://relaynow.example/big")
    assert article.paragraphs == tuple(BODY_EN)


def test_page_without_url_or_canonical_needs_a_url() -> None:
    page = news_page(BODY_FR, title="Les pêcheurs de Port-Avel bloquent le port", lang="fr")
    with pytest.raises(InputError) as err:
        extract_html(page)
    assert err.value.code == "missing_url"


def test_decode_html_prefers_a_declared_charset_that_works() -> None:
    text = "<p>Zürich, Genève</p>"
    assert decode_html(text.encode("utf-8")) == text
    assert decode_html(text.encode("cp1252"), "windows-1252") == text
    assert decode_html(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


def test_random_bytes_never_crash_with_anything_but_input_errors() -> None:
    rng = os.urandom
    for _ in range(20):
        blob = b"<html><body><p>" + rng(2000) + b"</p></body></html>"
        with contextlib.suppress(InputError):
            extract_html(blob, "https://x.example/r")


NEWS_SITE_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Rheintal Kurier | Brücke in Altenau bleibt bis Mai gesperrt</title>
<meta property="og:title" content="Brücke in Altenau bleibt bis Mai gesperrt">
</head><body>

<header><div class="brand">Rheintal Kurier</div><nav><a href="/politik">Politik</a>
<a href="/sport">Sport</a></nav>
</header>
<section class="teasers"><article class="card"><h3><a href="/a/1">Neue Radwege für Altenau</a></h3>
<p>Die Stadt plant zwölf Kilometer neue Wege.</p></article>
<article class="card">
<h3><a href="/a/2">Hafenbahn fährt wieder</a></h3><p>Nach dem Streik rollen die Züge.</p>
</article></section>
<main><article class="story">
<h1>Brücke in Altenau bleibt bis Mai gesperrt</h1>
<div class="byline">Von Jana Roth · <time datetime="2026-02-10T06:05:00+01:00">10. Februar
2026, 6:05 Uhr</time></div>
<figure><img src="/b.jpg"><figcaption>Die gesperrte Brücke am Montag. Foto: Archiv</figcaption>
</figure>
<p>Die Sanierung der Rheinbrücke in Altenau dauert länger als geplant. Die Stadt
rechnet nun damit, dass die Brücke erst Ende Mai wieder für den Verkehr freigegeben wird, wie
ein Sprecher am Montag mitteilte.</p>
<p>Grund seien Schäden an den Lagern, die erst nach dem Abtragen des Belags sichtbar geworden seien.
Die Kosten steigen nach Angaben der Stadt um rund 400.000 Euro.</p>
<h2>Umleitung über Neudorf</h2>
<p>Autofahrer müssen weiterhin über Neudorf ausweichen.
Für Fußgänger und Radfahrer bleibt ein schmaler Steg geöffnet, der allerdings nachts beleuchtet
werden soll.</p>
<div class="share">Teilen: <a href="#">Facebook</a> <a href="#">X</a></div>
<p>Quelle: <a href="https://agentur-west.example/meldung/123">Agentur West</a></p>
</article></main>
<aside><h2>Meistgelesen</h2>
<ol><li><a href="/x">Lesen Sie auch: Ein ganz anderer Artikel</a></li></ol></aside>
<footer>© Rheintal Kurier</footer></body></html>
"""


def test_news_site_page_with_teaser_cards_crosshead_and_partly_linked_source() -> None:
    url = "https://www.rheintal-kurier.example/lokales/bruecke-altenau-gesperrt"
    article = extract_html(NEWS_SITE_PAGE, url)

    assert article.title == "Brücke in Altenau bleibt bis Mai gesperrt"
    assert article.site == "rheintal-kurier.example" and article.site_name == "Rheintal Kurier"
    assert article.published is not None and article.published.isoformat() == (
        "2026-02-10T06:05:00+01:00"
    )
    assert article.paragraphs[0].startswith("Die Sanierung der Rheinbrücke")
    assert article.paragraphs[-1].startswith("Autofahrer müssen")
    for junk in ("Radwege", "Hafenbahn", "Teilen", "Foto: Archiv", "Meistgelesen"):
        assert junk not in article.body
    [source] = article.cues
    assert (source.kind, source.outlet) == ("source_line", "Agentur West")
    assert source.url == "https://agentur-west.example/meldung/123"
    assert [link.url for link in article.links] == [source.url]


AUTOBLOG_BODY = (
    "Les pilotes du port de Veldhaven ont repris le travail vendredi après un accord sur "
    "les équipages de nuit, a annoncé l'autorité portuaire.<br><br>"
    "La grève avait laissé une quarantaine de navires au mouillage devant la digue "
    "pendant trois jours.<br><br>"
    '<a href="https://relais.example/x/1">Les tarifs des ferries augmentent encore en Norlande</a>'
    "<br><br>Les équipages supplémentaires coûteront environ 1,8 million de couronnes par an, "
    'selon le port.<br><br><a href="https://norlandwire.example/a/9">Lien source</a>'
)


def test_autoblog_page_with_br_paragraphs_and_a_bare_linked_headline() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>Les pilotes de Veldhaven mettent fin à la '
        'grève — Norland Wire</title></head><body><div class="site-title">Relais Infos</div>'
        '<div class="post"><h1>Les pilotes de Veldhaven mettent fin à la grève — Norland Wire'
        f'</h1><div class="post-body">{AUTOBLOG_BODY}</div></div>'
        '<div class="sidebar"><a href="/a">Autre</a></div></body></html>'
    )
    article = extract_html(page, "https://relais.example/2026/03/06/pilotes/")

    assert article.site_name == "Relais Infos"
    assert article.title == "Les pilotes de Veldhaven mettent fin à la grève"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[1].startswith("La grève avait laissé")
    [teaser] = article.cues_of("teaser")
    assert teaser.headline == "Les tarifs des ferries augmentent encore en Norlande"
    assert teaser.url == "https://relais.example/x/1"
    [source] = article.cues_of("source_line")
    assert source.url == "https://norlandwire.example/a/9"


def test_short_brief_keeps_its_paragraphs_and_a_date_written_in_words() -> None:
    page = (
        "<html><head><title>Les pêcheurs bloquent le port</title></head><body><article>"
        "<h1>Les pêcheurs bloquent le port</h1><p class='meta'>Publié le 19 janvier 2026</p>"
        "<p>Les pêcheurs de Port-Avel ont bloqué l'entrée du port dès l'aube, mécontents du "
        "nouveau quota.</p><p>La préfecture a indiqué qu'une réunion était prévue lundi à "
        "Vannes.</p></article></body></html>"
    )
    article = extract_html(page, "https://courrier-avel.example/peche")

    assert len(article.paragraphs) == 2
    assert article.published == datetime(2026, 1, 19, tzinfo=UTC)
    assert (article.published_source, article.published_precision) == ("text", "day")


def test_related_post_widget_between_paragraphs_is_a_teaser_not_body() -> None:
    page = (
        "<html><head><title>Pilots end strike</title></head><body><article>"
        f'<h1>Pilots end strike</h1><div class="entry-content"><p>{BODY_EN[0]}</p>'
        f'<p>{BODY_EN[1]}</p><div class="related-post"><a href="https://relay.example/rel/9">'
        "Ferry fares rise again in Norland after fuel costs climb</a></div>"
        f"<p>{BODY_EN[3]}</p></div></article></body></html>"
    )
    article = extract_html(page, "https://relay.example/pilots")

    assert article.paragraphs == (BODY_EN[0], BODY_EN[1], BODY_EN[3])
    [teaser] = article.cues
    assert teaser.kind == "teaser" and teaser.url == "https://relay.example/rel/9"
    assert teaser.headline == "Ferry fares rise again in Norland after fuel costs climb"


def test_utf8_bytes_labelled_latin1_decode_as_utf8() -> None:
    text = "<p>Der Hafen wurde am Dienstag wieder geöffnet, sagte Edda Fjell.</p>"
    assert decode_html(text.encode("utf-8"), "iso-8859-1") == text
    assert decode_html(text.encode("cp1252"), "iso-8859-1") == text


def test_a_logo_in_h1_and_a_generic_og_title_are_not_the_title() -> None:
    page = (
        '<html><head><meta property="og:title" content="Relay Now">'
        '<meta property="og:site_name" content="Relay Now">'
        "<title>Pilots end strike after deal on night crossings – Relay Now</title></head>"
        '<body><header><h1 class="logo">Relay Now</h1></header><div class="post">'
        + "".join(f"<p>{p}</p>" for p in BODY_EN)
        + "</div></body></html>"
    )
    article = extract_html(page, "https://relaynow.example/p/7")

    assert article.title == "Pilots end strike after deal on night crossings"
    assert article.site_name == "Relay Now"


def test_deeply_nested_page_is_read_and_absurd_nesting_fails_cleanly() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY_EN)
    for depth, readable in ((300, True), (100_000, False)):
        page = (
            "<html><head><title>Pilots end strike</title></head><body>"
            + "<div>" * depth
            + paragraphs
            + "</div>" * depth
            + "</body></html>"
        )
        if readable:
            assert extract_html(page, "https://x.example/deep").paragraphs == tuple(BODY_EN)
        else:
            with pytest.raises(ExtractionError):
                extract_html(page, "https://x.example/deep")
