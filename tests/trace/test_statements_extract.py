"""Statement extraction, one language and one construction at a time (fictional people)."""

from __future__ import annotations

import pytest

from relaytrace.model import Article, Statement
from relaytrace.trace.statements import extract_from_text, extract_statements


def only(paragraphs: list[str], lang: str) -> list[Statement]:
    return extract_from_text(paragraphs, lang)


def test_offsets_point_into_the_body() -> None:
    paragraphs = [
        "Harbour master Ilse Varnholm said on Tuesday that the canal would reopen in 12 days.",
        '"We have cleared most of the wreck," Varnholm told the Coastline Gazette.',
    ]
    body = "\n\n".join(paragraphs)
    found = only(paragraphs, "en")
    assert [s.kind for s in found] == ["reported", "direct"]
    for s in found:
        assert body[s.start : s.end] == s.quote


def test_reported_speech_with_that_clause() -> None:
    (s,) = only(["Harbour master Ilse Varnholm said that the canal would reopen in 12 days."], "en")
    assert (s.kind, s.speaker, s.verb) == ("reported", "Ilse Varnholm", "said")
    assert s.quote == "the canal would reopen in 12 days"


def test_split_quote_is_one_statement_joined_by_an_ellipsis() -> None:
    text = '"We have cleared the wreck," Ilse Varnholm said. "The last barge leaves on Friday."'
    (s,) = only([text], "en")
    assert s.kind == "direct"
    assert s.quote == "We have cleared the wreck … The last barge leaves on Friday."
    assert s.speaker == "Ilse Varnholm"


def test_pronoun_resolves_to_the_person_named_before() -> None:
    paragraphs = [
        "Port director Halvard Brekke met the crews on Monday.",
        '"Nobody will lose a day\'s pay," he said.',
    ]
    (s,) = only(paragraphs, "en")
    assert s.speaker == "Halvard Brekke"


def test_surname_resolves_to_the_full_name_and_keeps_the_role() -> None:
    paragraphs = [
        "Spokesman Arno Tidwell of the Harbour Board said the dredging would cost $4 million.",
        '"The money is there," Tidwell told the Coastline Gazette.',
    ]
    first, second = only(paragraphs, "en")
    assert first.speaker == second.speaker == "Arno Tidwell"
    assert first.speaker_role == "Spokesman"


def test_the_spokesman_is_the_spokesman_named_earlier() -> None:
    paragraphs = [
        "Spokesman Arno Tidwell said the dredging would cost $4 million.",
        "The spokesman said that work would start in June.",
    ]
    assert [s.speaker for s in only(paragraphs, "en")] == ["Arno Tidwell", "Arno Tidwell"]


def test_verb_after_the_clause() -> None:
    text = "The ferry company has cancelled 40 crossings this week, its spokeswoman Dana Kell said."
    (s,) = only([text], "en")
    assert s.quote == "The ferry company has cancelled 40 crossings this week"
    assert s.speaker == "Dana Kell"


def test_according_to_before_and_after_the_clause() -> None:
    found = only(
        [
            "According to the port authority, 3,000 passengers were stranded overnight.",
            "Forty lorries waited at the gate, according to the hauliers' union.",
        ],
        "en",
    )
    assert [(s.kind, s.speaker, s.verb) for s in found] == [
        ("reported", "the port authority", "According to"),
        ("reported", "the hauliers' union", "according to"),
    ]
    assert found[0].quote == "3,000 passengers were stranded overnight"


def test_venue_after_told() -> None:
    (s,) = only(['"The lock is safe," Ilse Varnholm told the Coastline Gazette.'], "en")
    assert s.venue == "the Coastline Gazette"


def test_venue_in_an_interview() -> None:
    text = '"We are ready," Ilse Varnholm said in an interview with Radio Tidewater.'
    (s,) = only([text], "en")
    assert s.venue == "in an interview with Radio Tidewater"


def test_quoted_fragment_inside_reported_speech_is_one_reported_statement() -> None:
    text = 'Ilse Varnholm said the board was "actively considering" a second lock.'
    (s,) = only([text], "en")
    assert s.kind == "reported"
    assert '"actively considering"' in s.quote


def test_scare_quotes_are_not_statements() -> None:
    assert only(['The plan was sold as a "fresh start" for the quays.'], "en") == []


def test_french_inverted_verb_and_venue() -> None:
    paragraphs = [
        "Le ministre des Transports Paul Ferrandier a déclaré à Radio Lumière que le pont "
        "serait rouvert lundi.",
        "« Nous avons vérifié chaque pilier », a-t-il ajouté.",
        "Selon la préfecture, 800 véhicules ont été déviés.",
    ]
    first, second, third = only(paragraphs, "fr")
    assert (first.speaker, first.verb, first.venue) == (
        "Paul Ferrandier",
        "a déclaré",
        "à Radio Lumière",
    )
    assert first.quote == "le pont serait rouvert lundi"
    assert (second.kind, second.speaker, second.verb) == (
        "direct",
        "Paul Ferrandier",
        "a-t-il ajouté",
    )
    assert (third.speaker, third.verb) == ("la préfecture", "Selon")


def test_french_clause_then_verb_then_speaker() -> None:
    text = "Le pont sera rouvert lundi, a indiqué la préfecture."
    (s,) = only([text], "fr")
    assert (s.quote, s.speaker) == ("Le pont sera rouvert lundi", "la préfecture")


def test_german_reported_subjunctive_continues_in_the_next_sentence() -> None:
    text = (
        "Bürgermeisterin Greta Holmfeld sagte der Zeitung Nordblick, die Brücke werde im Mai "
        "geöffnet. Man habe alle Pfeiler geprüft."
    )
    first, second = only([text], "de")
    assert (first.speaker, first.speaker_role, first.venue) == (
        "Greta Holmfeld",
        "Bürgermeisterin",
        "der Zeitung Nordblick",
    )
    assert first.quote == "die Brücke werde im Mai geöffnet"
    assert (second.quote, second.speaker) == ("Man habe alle Pfeiler geprüft", "Greta Holmfeld")


def test_german_dass_clause_and_laut() -> None:
    found = only(
        [
            "Der Betreiber teilte mit, dass der Verkehr bis Freitag ruhen werde.",
            "Laut Polizei wurden 14 Fahrzeuge umgeleitet.",
        ],
        "de",
    )
    assert [s.verb for s in found] == ["teilte", "Laut"]
    assert found[0].quote == "der Verkehr bis Freitag ruhen werde"


def test_russian_quote_with_dash_attribution_and_po_slovam() -> None:
    paragraphs = [
        "«Мы завершим ремонт к маю», — заявил глава администрации Олег Варенцов "
        "в интервью телеканалу Север.",
        "По словам Варенцова, на работы выделено 12 миллионов рублей.",
    ]
    first, second = only(paragraphs, "ru")
    assert (first.kind, first.quote, first.speaker, first.verb) == (
        "direct",
        "Мы завершим ремонт к маю",
        "Олег Варенцов",
        "заявил",
    )
    assert first.venue is not None and first.venue.startswith("в интервью")
    # the inflected surname resolves to the full name
    assert (second.speaker, second.verb) == ("Олег Варенцов", "По словам")


def test_russian_reported_with_chto() -> None:
    (s,) = only(["Губернатор Анна Лесовая заявила, что дорогу откроют в среду."], "ru")
    assert (s.quote, s.speaker) == ("дорогу откроют в среду", "Анна Лесовая")


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "verb"),
    [
        (
            "es",
            '"La carretera estará lista en junio", dijo la alcaldesa Marta Quesada.',
            "Marta Quesada",
            "dijo",
        ),
        (
            "it",
            "Il sindaco Luca Berretti ha detto che il ponte sarà riaperto a maggio.",
            "Luca Berretti",
            "ha detto",
        ),
        (
            "pt",
            "A prefeita Ana Torres afirmou que a ponte será reaberta em maio.",
            "Ana Torres",
            "afirmou",
        ),
        (
            "pl",
            "„Most otworzymy w maju” – powiedział burmistrz Jan Wolny.",
            "Jan Wolny",
            "powiedział",
        ),
        ("uk", "«Міст відкриють у травні», — заявив мер Олег Гайовий.", "Олег Гайовий", "заявив"),
        ("zh", "港口局局长林海明表示，新码头将于五月投入使用。", "林海明", "表示"),
    ],
)
def test_other_languages(lang: str, text: str, speaker: str, verb: str) -> None:
    (s,) = only([text], lang)
    assert (s.speaker, s.verb) == (speaker, verb)


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("es", "Según el ayuntamiento, las obras costarán 4 millones de euros.", "el ayuntamiento"),
        ("it", "Secondo la prefettura, i lavori costeranno 4 milioni di euro.", "la prefettura"),
        ("pt", "Segundo a prefeitura, as obras custarão 3 milhões de euros.", "a prefeitura"),
        ("uk", "За словами Гайового, ремонт коштував 5 мільйонів гривень.", "Гайового"),
        ("pl", "Według urzędu miasta, remont kosztował 5 milionów złotych.", "urzędu miasta"),
    ],
)
def test_according_to_in_other_languages(lang: str, text: str, speaker: str) -> None:
    (s,) = only([text], lang)
    assert s.kind == "reported"
    assert s.speaker == speaker


def test_extract_statements_tags_the_article_id() -> None:
    article = Article(
        url="https://coastline-gazette.example/lock",
        site="coastline-gazette.example",
        title="Lock reopens",
        paragraphs=('"The lock is safe," Ilse Varnholm told the Coastline Gazette.',),
        lang="en",
        id=42,
    )
    (s,) = extract_statements(article)
    assert s.article == 42


def test_unknown_language_keeps_to_quotation_marks() -> None:
    assert extract_from_text(["Plain words with no quotes at all."], "xx") == []


def test_venue_opening_the_sentence() -> None:
    text = "At a briefing in Kessling, harbour master Ilse Varnholm said the lock was safe."
    (s,) = only([text], "en")
    assert (s.speaker, s.venue) == ("Ilse Varnholm", "At a briefing in Kessling")


def test_speaker_named_after_the_venue() -> None:
    text = "«Llegamos a tiempo», relató a Radio Sierra Norte Andrés Quirós, patrón del barco."
    (s,) = only([text], "es")
    assert (s.speaker, s.venue) == ("Andrés Quirós", "a Radio Sierra Norte")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "«",
        "“”",
        '"',
        "„ „ „ “",
        "said that",
        ", said",
        "According to",
        "« » a déclaré",
        "— заявил",
        "表示，",
        "\u200b\u00a0\n",
        "He said: " + "very " * 2000 + "long.",
    ],
)
def test_odd_text_never_breaks_extraction(text: str) -> None:
    for lang in ("en", "fr", "de", "ru", "zh", None):
        for s in extract_from_text([text, text], lang):
            assert 0 <= s.start <= s.end


def test_a_dateline_is_not_part_of_the_statement() -> None:
    text = "KESSLING, 4 May (River Wire) – The lock will reopen on Friday, the harbour board said."
    (s,) = only([text], "en")
    assert s.quote == "The lock will reopen on Friday"
