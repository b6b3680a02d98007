"""Pronouns and missing subjects: which person of the article is meant (fictional people)."""

from __future__ import annotations

import pytest

from relaytrace.trace.statements import extract_from_text


def test_a_pronoun_takes_the_person_introduced_after_the_last_speaker() -> None:
    paragraphs = [
        "Harbour master Tessa Lindqvist said that the quay would reopen on Monday.",
        "The union delegate Oren Maddox, who represents the dockers, was less sure. "
        '"Nobody has shown us the repair plan," he said.',
    ]
    first, second = extract_from_text(paragraphs, "en")
    assert first.speaker == "Tessa Lindqvist"
    assert second.speaker == "Oren Maddox"


def test_a_pronoun_skips_a_person_of_the_other_gender() -> None:
    paragraphs = [
        "Port director Arno Pell said that the quay would reopen on Monday.",
        "Spokeswoman Dana Whitlock confirmed the date. "
        '"We will be ready for the first ferries," he said.',
    ]
    assert extract_from_text(paragraphs, "en")[-1].speaker == "Arno Pell"


def test_a_russian_feminine_verb_without_subject_takes_the_woman() -> None:
    paragraphs = [
        "Экономист Лидия Зарецкая заявила, что рынок уже всё учёл.",
        "Глава банка Игорь Панфилов выступил в понедельник на форуме.",
        "«Спрос остаётся слабым до весны», — сказала она.",
    ]
    assert extract_from_text(paragraphs, "ru")[-1].speaker == "Лидия Зарецкая"


def test_a_polish_feminine_verb_without_subject_takes_the_woman() -> None:
    paragraphs = [
        "Analityczka Anna Wrzosek powiedziała, że ceny nawozów wzrosną.",
        "Prezes banku Jan Kalinowski przemawiał w poniedziałek na forum.",
        "„Popyt pozostaje słaby aż do wiosny” – powiedziała.",
    ]
    assert extract_from_text(paragraphs, "pl")[-1].speaker == "Anna Wrzosek"


def test_a_name_after_told_is_not_taken_up_by_a_pronoun() -> None:
    paragraphs = [
        '"The quay reopens on Monday," harbour chief Dana Whitlock told Nordvent Daily. '
        '"We are ready for the first ferries," she said.',
    ]
    assert [s.speaker for s in extract_from_text(paragraphs, "en")] == ["Dana Whitlock"] * 2


def test_a_name_inside_a_quote_is_not_taken_up_by_a_pronoun() -> None:
    paragraphs = [
        'Dana Whitlock said: "I trust Marek Olsen and his crew completely."',
        '"He has never missed a deadline," she added.',
    ]
    assert [s.speaker for s in extract_from_text(paragraphs, "en")] == ["Dana Whitlock"] * 2


def test_a_german_person_whose_names_are_words_is_a_candidate() -> None:
    paragraphs = [
        "Direktoriumsmitglied Wiebke Sander sagte, die Lage sei ernst.",
        "Bankpräsident Gerd Brenner verwies auf die jüngsten Tarifabschlüsse. "
        "Die Gefahr einer Spirale sei „real, aber beherrschbar“, sagte er.",
    ]
    assert extract_from_text(paragraphs, "de")[-1].speaker == "Gerd Brenner"


def test_he_or_she_skips_a_body_that_spoke_last() -> None:
    paragraphs = [
        "Harbour chief Dana Whitlock visited the quay on Monday.",
        "According to the port authority, 40 ships are waiting at anchor.",
        '"We will clear the queue within a week," she said.',
    ]
    body, person = extract_from_text(paragraphs, "en")
    assert body.speaker == "the port authority"
    assert person.speaker == "Dana Whitlock"


def test_it_may_still_be_the_body_that_spoke_last() -> None:
    paragraphs = [
        "Harbour chief Dana Whitlock visited the quay on Monday.",
        "According to the port authority, 40 ships are waiting at anchor.",
        "It said that the queue would be cleared within a week.",
    ]
    assert extract_from_text(paragraphs, "en")[-1].speaker == "the port authority"


@pytest.mark.parametrize(
    ("lang", "paragraphs", "speaker"),
    [
        (
            "es",
            [
                "El alcalde Tomás Verdal afirmó que el puerto reabrirá el lunes.",
                "«No hay barcos suficientes para esta ruta», dijo a Radio Levante su "
                "portavoz, Marta Quesada, tras la reunión.",
            ],
            "Marta Quesada",
        ),
        (
            "ru",
            [
                "Мэр города Тимур Галеев заявил, что порт откроется в понедельник.",
                "«Теперь мы сможем быстрее грузить суда», – заявил на церемонии запуска "
                "заместитель директора порта Олег Рябцев.",
            ],
            "Олег Рябцев",
        ),
        (
            "es",
            [
                "El alcalde Tomás Verdal afirmó que el puerto reabrirá el lunes.",
                "«Vamos a revisar cada euro de esta obra», declaró a este periódico "
                "Ramiro Oteiza, director de control de la Liga.",
            ],
            "Ramiro Oteiza",
        ),
        (
            "pl",
            [
                "Burmistrz Adam Rogalski powiedział, że port zostanie otwarty w poniedziałek.",
                "„Dla naszych członków to połowa obrotów, a nawet więcej” – powiedział "
                "„Gazecie Porannej” Marek Zajączkowski, dyrektor izby.",
            ],
            "Marek Zajączkowski",
        ),
    ],
)
def test_a_person_named_after_the_verb_and_a_venue_is_the_speaker(
    lang: str, paragraphs: list[str], speaker: str
) -> None:
    quotes = [s for s in extract_from_text(paragraphs, lang) if s.kind == "direct"]
    assert max(quotes, key=lambda s: len(s.quote)).speaker == speaker


def test_a_name_after_a_german_dative_article_is_an_object() -> None:
    paragraphs = [
        "„Die Kais sind wieder frei“, sagte Hafenchefin Wiebke Sander dem nordischen "
        "Sender Radvik Fjordstrom.",
        "„Wir sind bereit für die ersten Fähren“, sagte sie.",
    ]
    assert [s.speaker for s in extract_from_text(paragraphs, "de")] == ["Wiebke Sander"] * 2


def test_a_name_after_a_preposition_and_a_noun_is_not_a_subject() -> None:
    paragraphs = [
        "Chairman Dario Lenzmark opened the plant on Monday.",
        '"This plant is our largest investment so far," Lenzmark told reporters at the opening. '
        "The remarks were carried by the local newspaper Coral Harbour Daily. He said the "
        "first wafers had already been shipped to three customers.",
    ]
    assert [s.speaker for s in extract_from_text(paragraphs, "en")] == ["Dario Lenzmark"] * 2


def test_a_surname_after_a_title_is_a_mention_of_that_gender() -> None:
    paragraphs = [
        "Irina Valcourt a été réélue dimanche à la tête de la province.",
        "« Nous resterons vigilants sur chaque dépense », a déclaré Gaspard Ferrandel, qui "
        "dirige l'opposition.",
        "Mme Valcourt entame son quatrième mandat. Dans son discours, elle a promis de "
        "« gouverner aussi pour ceux qui n'ont pas voté pour nous ».",
    ]
    assert extract_from_text(paragraphs, "fr")[-1].speaker == "Irina Valcourt"


def test_a_lone_surname_is_a_new_mention_of_the_person() -> None:
    paragraphs = [
        "Port director Arno Pell said that the quay would reopen on Monday.",
        "Union delegate Oren Maddox disputed the date at a meeting with dockers.",
        'Pell later walked along the quay. "The first ferries will be on time," he said.',
    ]
    assert extract_from_text(paragraphs, "en")[-1].speaker == "Arno Pell"


def test_sie_takes_the_woman_over_a_description_that_spoke_last() -> None:
    paragraphs = [
        "Am Montagabend im Sender Nordwelle befragt, rief Verkehrsministerin Clara Veldane "
        "die Fahrer auf, „die Brücke zu meiden“. „Wir verhandeln nicht unter dem Druck von "
        "Blockaden“, sagte sie.",
    ]
    assert extract_from_text(paragraphs, "de")[-1].speaker == "Clara Veldane"


def test_a_german_name_set_off_by_commas_is_a_person_even_if_its_words_are_nouns() -> None:
    paragraphs = [
        "Vorstandschefin Katrin Wendler sagte, das Werk werde Ende des Jahres geschlossen.",
        "Der Vorsitzende des Betriebsrats, Jürgen Hollmann, reagierte mit scharfer Kritik. "
        "„Das ist ein Schlag ins Gesicht der ganzen Belegschaft“, sagte er.",
    ]
    assert extract_from_text(paragraphs, "de")[-1].speaker == "Jürgen Hollmann"


@pytest.mark.parametrize(
    ("lang", "paragraph", "speaker"),
    [
        (
            "fr",
            "Gaspard Ferrandel, dont le parti Vostra Kelmar était arrivé en tête du scrutin "
            "du 22 mars avec 29 sièges, "
            "a dénoncé « une coalition des perdants qui se partagent les postes ».",
            "Gaspard Ferrandel",
        ),
        (
            "en",
            "Mara Tellen, whose company Harbour Lines runs the ferries, said that the quay "
            "would reopen on Monday.",
            "Mara Tellen",
        ),
    ],
)
def test_a_name_inside_a_relative_clause_is_not_the_subject(
    lang: str, paragraph: str, speaker: str
) -> None:
    intro = {
        "fr": "Gaspard Ferrandel a pris la parole lundi.",
        "en": "Mara Tellen spoke on Monday.",
    }
    assert extract_from_text([intro[lang], paragraph], lang)[-1].speaker == speaker


def test_a_quote_that_says_i_is_a_person_not_a_body() -> None:
    paragraphs = [
        "La capitana Marta Quesada visitó el muelle el lunes por la mañana.",
        "Según la autoridad portuaria, 40 barcos esperan fondeados frente al puerto.",
        "«Yo nunca había visto una cola así en este puerto», dijo.",
    ]
    body, person = extract_from_text(paragraphs, "es")
    assert body.speaker == "la autoridad portuaria"
    assert person.speaker == "Marta Quesada"


def test_according_to_an_object_pronoun_takes_the_last_speaker() -> None:
    paragraphs = [
        '"The decline in May is largely seasonal in nature," Arvid Kolstad, head of the port, '
        "told Radio Vesta.",
        "According to him, the figures were also hit by the weather: storms closed the port "
        "for six days in May.",
    ]
    assert [s.speaker for s in extract_from_text(paragraphs, "en")] == ["Arvid Kolstad"] * 2
