"""Cue detection: source lines, title suffixes, banners, teasers and credits in many languages."""

from __future__ import annotations

import pytest

from relaytrace.ingest.cues import (
    banner_cue,
    classify_line,
    is_banner,
    same_outlet,
    separate_cues,
    split_title,
    strip_credit,
)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Source link", None),
        ("Read Full Article at Norland Wire", "Norland Wire"),
        ("Originally published at Baltic Morning Post", "Baltic Morning Post"),
        ("Lien source", None),
        ("Source : Agence Lumière", "Agence Lumière"),
        ("Quelle: dpa", "dpa"),
        ("Zuerst erschienen bei Rheintal Kurier", "Rheintal Kurier"),
        ("Fuente: Diario del Sur", "Diario del Sur"),
        ("Fonte: Gazzetta di Valmora", "Gazzetta di Valmora"),
        ("Fonte", None),
        ("Źródło: Kurier Nadwiślański", "Kurier Nadwiślański"),
        ("Источник", None),
        ("Источник: Вести Заречья", "Вести Заречья"),
        ("Джерело", None),
        ("المصدر: صحيفة الوادي", "صحيفة الوادي"),
        ("来源：江北日报", "江北日报"),
    ],
)
def test_source_lines_in_eleven_languages(line: str, outlet: str | None) -> None:
    cue = classify_line(line)
    assert cue is not None and cue.kind == "source_line"
    assert cue.outlet == outlet


def test_source_line_keeps_its_link_and_reads_a_bare_url() -> None:
    linked = classify_line("Lien source", href="https://origin.example/a/1")
    assert linked is not None and linked.url == "https://origin.example/a/1"
    bare = classify_line("Originally published at https://origin.example/story/7")
    assert bare is not None and bare.url == "https://origin.example/story/7"


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Read more: Ferry fares rise again in Norland", "Ferry fares rise again in Norland"),
        (
            "Lire aussi : Les pêcheurs de Port-Avel manifestent",
            "Les pêcheurs de Port-Avel manifestent",
        ),
        ("Mehr dazu: Streik bei der Hafenbahn geht weiter", "Streik bei der Hafenbahn geht weiter"),
        ("Lesen Sie auch: Neue Brücke für Altenau", "Neue Brücke für Altenau"),
        (
            "Leer más: El puerto de Calvera amplía su muelle",
            "El puerto de Calvera amplía su muelle",
        ),
        ("Leia também: Greve nos portos de Alvor", "Greve nos portos de Alvor"),
        ("Czytaj także: Nowy most w Borowie", "Nowy most w Borowie"),
        ("Leggi anche: Sciopero al porto di Valmora", "Sciopero al porto di Valmora"),
        ("Читайте также: Забастовка в порту продолжается", "Забастовка в порту продолжается"),
        ("Читайте також: Новий міст у Заріччі", "Новий міст у Заріччі"),
        ("اقرأ أيضا: إضراب في ميناء الوادي", "إضراب في ميناء الوادي"),
        ("相关阅读：江北港口罢工继续", "江北港口罢工继续"),
    ],
)
def test_teasers_in_eleven_languages(line: str, headline: str) -> None:
    cue = classify_line(line)
    assert cue is not None and cue.kind == "teaser"
    assert cue.headline == headline


@pytest.mark.parametrize(
    "line",
    [
        "Sources said the talks would resume on Monday.",
        "Source of the leak remains unknown, the ministry said on Tuesday evening.",
        "Read more about the plan in the council's report, published on Friday.",
        "Ранее сообщалось, что в регионе прошли учения.",
        "Fuentes del ministerio confirmaron la noticia.",
        "Quellen zufolge wird die Brücke im Mai eröffnet.",
        "Zum Thema Migration äußerte sich der Minister am Montag nicht.",
        "Подробнее о плане рассказал министр.",
    ],
)
def test_prose_is_not_a_cue(line: str) -> None:
    assert classify_line(line) is None


@pytest.mark.parametrize(
    ("title", "clean", "outlet"),
    [
        (
            "Ferry fares rise again in Norland — Norland Wire",
            "Ferry fares rise again in Norland",
            "Norland Wire",
        ),
        (
            "Oil output falls for a third month - Reuters",
            "Oil output falls for a third month",
            "Reuters",
        ),
        ("Port strike enters its second week | TASS", "Port strike enters its second week", "TASS"),
        (
            "Забастовка в порту продолжается вторую неделю — Вести Заречья",
            "Забастовка в порту продолжается вторую неделю",
            "Вести Заречья",
        ),
        ("Les pêcheurs de Port-Avel bloquent le port – Stoltenberg", None, None),
        ("Aid convoy stuck at the border for a second day – UN", None, None),
    ],
)
def test_title_suffix_names_a_foreign_outlet(title: str, clean: str | None, outlet: str | None):
    parts = split_title(title)
    if outlet is None:
        assert parts.title == title and parts.suffix is None
    else:
        assert parts.title == clean
        assert parts.suffix is not None and parts.suffix.outlet == outlet


def test_own_site_name_is_removed_and_kept_apart_from_the_origin() -> None:
    parts = split_title(
        "Ferry fares rise again — Norland Wire – Notizie Lampo", "Notizie Lampo", "lampo.example"
    )
    assert parts.title == "Ferry fares rise again"
    assert parts.own_name == "Notizie Lampo"
    assert parts.suffix is not None and parts.suffix.outlet == "Norland Wire"

    own_only = split_title(
        "Ferry fares rise again in Norland | Harbour Times", None, "harbourtimes.example"
    )
    assert own_only.title == "Ferry fares rise again in Norland" and own_only.suffix is None


def test_speaker_credit_stays_in_the_title_when_an_outlet_suffix_follows() -> None:
    parts = split_title("Members keep advisers in Velmora – Holtvik — Eastern Courier TV")
    assert parts.title == "Members keep advisers in Velmora – Holtvik"
    assert parts.suffix is not None and parts.suffix.outlet == "Eastern Courier TV"


@pytest.mark.parametrize(
    ("paragraph", "rest", "outlet"),
    [
        ("(AFP) - Le port de Port-Avel est fermé.", "Le port de Port-Avel est fermé.", "AFP"),
        ("The ferry sank on Monday. (Reuters)", "The ferry sank on Monday.", "Reuters"),
        ("Die Brücke bleibt gesperrt (dpa)", "Die Brücke bleibt gesperrt", "dpa"),
        ("El puerto reabrió el martes (EFE)", "El puerto reabrió el martes", "EFE"),
        ("Il porto è stato riaperto. (ANSA)", "Il porto è stato riaperto.", "ANSA"),
        ("Most otwarto we wtorek (PAP)", "Most otwarto we wtorek", "PAP"),
        ("O porto reabriu na terça-feira (Lusa)", "O porto reabriu na terça-feira", "Lusa"),
        ("Порт открыли во вторник — РИА Новости", "Порт открыли во вторник", "РИА Новости"),
        ("The port reopened on Tuesday. (avec AFP)", "The port reopened on Tuesday.", "AFP"),
    ],
)
def test_agency_credits_are_cut_from_the_paragraph(paragraph: str, rest: str, outlet: str):
    text, cue = strip_credit(paragraph)
    assert text == rest
    assert cue is not None and cue.kind == "credit" and cue.outlet == outlet


def test_dateline_credits_of_the_first_paragraph() -> None:
    text, cue = strip_credit("VELDHAVEN, 3 March (Norland Wire) – The port reopened.", first=True)
    assert text == "VELDHAVEN, 3 March – The port reopened."
    assert cue is not None and cue.outlet == "Norland Wire"

    text, cue = strip_credit("ZARECHYE, 3 mars. /Vesti Zarechya/. Le port a rouvert.", first=True)
    assert text.startswith("ZARECHYE, 3 mars.") and "Vesti" not in text
    assert cue is not None and cue.outlet == "Vesti Zarechya"

    text, cue = strip_credit("MOTRIL (GRANADA) — Salvamento rescató a 40 personas.", first=True)
    assert cue is None and "GRANADA" in text


def test_an_acronym_in_parentheses_is_not_a_credit() -> None:
    text, cue = strip_credit("The bloc's members met in Velmora on Sunday (NSC).")
    assert cue is None and text.endswith("(NSC).")


@pytest.mark.parametrize(
    ("line", "site_name", "expected"),
    [
        ("World Courier Now | News", None, True),
        ("Notizie Lampo", "Notizie Lampo", True),
        ("The port reopened on Tuesday | officials said.", None, False),
        ("A long first paragraph that happens to be short", None, False),
    ],
)
def test_banner_lines(line: str, site_name: str | None, expected: bool) -> None:
    assert is_banner(line, site_name) is expected


def test_separate_cues_takes_cue_lines_out_and_keeps_the_body() -> None:
    paragraphs = [
        "World Courier Now | News",
        "VELDHAVEN, 3 March (Norland Wire) – The port reopened on Tuesday after a week.",
        "Dock workers returned at dawn, the harbour master said.",
        "Read more: Ferry fares rise again in Norland",
        "Talks on night shifts continue next week.",
        "Read Full Article at Norland Wire",
    ]
    body, cues = separate_cues(paragraphs)

    assert body == (
        "VELDHAVEN, 3 March – The port reopened on Tuesday after a week.",
        "Dock workers returned at dawn, the harbour master said.",
        "Talks on night shifts continue next week.",
    )
    assert [c.kind for c in cues] == ["banner", "credit", "teaser", "source_line"]


def test_a_link_only_headline_in_the_body_is_a_teaser() -> None:
    paragraphs = [
        "The port reopened on Tuesday after a week of strikes.",
        "Ferry fares rise again in Norland",
        "Talks on night shifts continue next week.",
    ]
    links = {"Ferry fares rise again in Norland": "https://courier.example/related/5"}
    body, cues = separate_cues(paragraphs, links=links, link_only=set(links))

    assert len(body) == 2
    assert cues[0].kind == "teaser" and cues[0].url == "https://courier.example/related/5"


def test_same_outlet_compares_names_and_domains() -> None:
    assert same_outlet("Notizie Lampo", "notizielampo.example")
    assert same_outlet("Harbour Times", "harbour times")
    assert not same_outlet("Harbour Times", "Harbour Post")


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("Ukraine aid vote delayed again | World", "Ukraine aid vote delayed again"),
        ("Заголовок о забастовке в порту — Новости", "Заголовок о забастовке в порту"),
        ("Port strike ends after three days – Holtvik",
         "Port strike ends after three days – Holtvik"),
    ],
)  # fmt: skip
def test_sections_and_speakers_are_not_outlet_suffixes(title: str, clean: str) -> None:
    parts = split_title(title)  # a section leaves the title, a speaker stays
    assert parts.suffix is None and parts.title == clean


def test_chinese_title_suffix() -> None:
    parts = split_title("江北港口罢工三天后结束 — 新华社")
    assert parts.title == "江北港口罢工三天后结束"
    assert parts.suffix is not None and parts.suffix.outlet == "新华社"


@pytest.mark.parametrize(
    ("title", "site_name", "clean"),
    [
        ("Aid bill stalls again as coalition splits | Politics | The Harbourline Post",
         "The Harbourline Post", "Aid bill stalls again as coalition splits"),
        ("Fähre vor Hallerö auf Grund gelaufen - Panorama", None,
         "Fähre vor Hallerö auf Grund gelaufen"),
        ("Las lluvias desbordan el río Arcén | Región", None, "Las lluvias desbordan el río Arcén"),
        ("Zatrzymany dziennikarz wraca do kraju – Świat", None,
         "Zatrzymany dziennikarz wraca do kraju"),
    ],
)  # fmt: skip
def test_a_trailing_section_word_leaves_the_title(title: str, site_name: str | None, clean: str):
    assert split_title(title, site_name).title == clean


def test_the_pages_own_sections_leave_the_title_too() -> None:
    title = "Aid bill stalls again as coalition splits | Veltria desk"
    assert split_title(title).title == title  # not a common section word
    assert split_title(title, sections=["Veltria desk"]).title == title.split(" | ")[0]


def test_a_section_word_alone_is_kept_as_the_title() -> None:
    assert split_title("Politics | Sport").title == "Politics | Sport"


def test_the_dateline_after_a_standfirst_still_gives_its_credit() -> None:
    body, cues = separate_cues(
        [
            "All passengers rescued, crossing suspended until Friday",
            "Tarnhavn (Vessland Wire) – The ferry Gullvik ran aground in fog.",
            "Kaltenhafen (Nordpress) – This second dateline is an ordinary paragraph.",
        ]
    )
    assert body[1] == "Tarnhavn – The ferry Gullvik ran aground in fog."
    assert [c.outlet for c in cues] == ["Vessland Wire"]


@pytest.mark.parametrize(
    ("banner", "outlet"),
    [
        ("Dernières Nouvelles | News 24", "News 24"),  # a generic phrase is not the name
        ("Flash Actu | Monde 24", "Flash Actu"),
        ("Последние новости | Вести Заречья", "Вести Заречья"),
        ("Relay Now | Latest Headlines", "Relay Now"),
    ],
)
def test_banner_outlet_is_the_name_not_the_generic_phrase(banner: str, outlet: str) -> None:
    assert banner_cue(banner).outlet == outlet


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Telegram for more breaking news!",
        "Подписывайтесь на наш канал в Telegram!",
        "Suivez-nous sur Facebook et X",
        "Síguenos en Telegram.",
    ],
)
def test_calls_to_follow_the_site_leave_the_body(line: str) -> None:
    body, cues = separate_cues(["The ferry ran aground in fog on Tuesday morning.", line])
    assert body == ("The ferry ran aground in fog on Tuesday morning.",) and cues == ()


def test_a_sentence_that_starts_like_a_call_to_follow_stays() -> None:
    line = "Follow us on the map: the route runs north along the coast, the mayor said."
    body, _ = separate_cues(["The ferry ran aground in fog on Tuesday morning.", line])
    assert body[-1] == line
