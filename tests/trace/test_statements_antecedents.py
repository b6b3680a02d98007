"""Bare roles and bodies resolve to the person or organisation the article named
(fictional people, firms and institutions)."""

from __future__ import annotations

from relaytrace.trace.statements import extract_from_text
from relaytrace.trace.statements.antecedents import (
    age_epithet,
    head_word,
    lexicon_word,
    typed_organisations,
)
from relaytrace.trace.statements.lexicon import lexicon


def _speakers(paragraphs: list[str], lang: str) -> list[str | None]:
    return [s.speaker for s in extract_from_text(paragraphs, lang)]


def test_lexicon_word_meets_inflection_and_compounds_but_not_a_neighbour() -> None:
    de, en, ru = lexicon("de"), lexicon("en"), lexicon("ru")
    assert lexicon_word("Verteidigungsministeriums", de.roles, de) == "ministerium"
    assert lexicon_word("Instituts", de.roles, de) == "institut"
    assert lexicon_word("министерства", ru.roles, ru) == "министерство"
    assert lexicon_word("ministries", en.roles, en) is None  # no "ministrie" entry
    assert lexicon_word("minister", en.roles, en) == "minister"
    # a verb form one letter off a role noun is no role in a language with articles
    assert lexicon_word("operated", en.company_nouns, en) is None


def test_head_word_of_a_role_phrase() -> None:
    assert head_word("the ministry spokesman", lexicon("en")) == "spokesman"
    assert head_word("le chef de la région", lexicon("fr")) == "chef"
    assert head_word("the regional governor", lexicon("en")) == "governor"


def test_age_epithets() -> None:
    assert age_epithet("der 34-Jährige", lexicon("de"))
    assert age_epithet("the 41-year-old", lexicon("en"))
    assert not age_epithet("the 41 soldiers", lexicon("en"))


def test_firms_are_typed_by_a_company_noun_before_or_after_the_name() -> None:
    text = "The carmaker Brevik Motors cut its forecast, while Talmo Foods, a rival group, held it."
    found = [(text[a:b], noun) for a, b, noun in typed_organisations(text, lexicon("en"))]
    assert found == [("Brevik Motors", "carmaker"), ("Talmo Foods", "group")]
    fr = "La société pharmaceutique Orvena Labs a publié ses comptes."
    assert [fr[a:b] for a, b, _ in typed_organisations(fr, lexicon("fr"))] == ["Orvena Labs"]
    # a thing the firm owns, or a name after a clause, is not the firm
    owned = "The booster landed on the company's Sandvik platform and that Kelmar had left."
    assert typed_organisations(owned, lexicon("en")) == []


def test_the_company_is_the_firm_named_before() -> None:
    paragraphs = [
        "The carmaker Brevik Motors will close its plant in Aldsund, its chief executive said.",
        "According to the company, the 900 workers will be offered jobs in other plants.",
    ]
    assert _speakers(paragraphs, "en")[-1] == "Brevik Motors"


def test_das_unternehmen_is_the_firm_named_in_a_compound() -> None:
    paragraphs = [
        "Der Impfstoff stammt von dem Pharmaunternehmen Orvena Labs aus Talheim.",
        "Der Impfstoff sei sicher, teilte das Unternehmen am Montag mit.",
    ]
    assert _speakers(paragraphs, "de") == ["Orvena Labs"]


def test_the_spokesman_of_the_company_is_not_the_company() -> None:
    paragraphs = [
        "The carmaker Brevik Motors will close its plant in Aldsund.",
        "The spokesman of the company said that talks with the unions would start on Monday.",
    ]
    assert _speakers(paragraphs, "en")[-1] != "Brevik Motors"


def test_bare_institute_is_the_institute_named_in_full() -> None:
    paragraphs = [
        "A study by the Northern Institute of Coastal Research found that the dunes are"
        " shrinking by two metres a year, the institute said on Monday.",
    ]
    assert _speakers(paragraphs, "en") == ["Northern Institute of Coastal Research"]


def test_inflected_bare_ministry_is_the_ministry_named_in_a_compound() -> None:
    paragraphs = [
        "Das Verkehrsministerium der Provinz hat die Brücke am Montag gesperrt.",
        "Nach Angaben des Ministeriums sollen die Arbeiten zwei Monate dauern.",
    ]
    assert _speakers(paragraphs, "de") == ["Verkehrsministerium der Provinz"]


def test_a_compound_body_description_is_the_bank_named_in_full() -> None:
    paragraphs = [
        "Die Maravische Zentralbank hat den Leitzins erhöht.",
        "Die Inflation bleibe zu hoch, teilte die Notenbank mit.",
    ]
    assert _speakers(paragraphs, "de") == ["Maravische Zentralbank"]


def test_minister_never_resolves_to_a_ministry() -> None:
    paragraphs = [
        "The Ministry of Transport closed the bridge on Monday.",
        "The minister said that repairs would take a month.",
    ]
    assert _speakers(paragraphs, "en") != ["Ministry of Transport"]


def test_generic_body_word_is_the_institution_that_spoke() -> None:
    paragraphs = [
        "Мост закрыт на ремонт, заявило в понедельник Министерство транспорта республики.",
        "По данным ведомства, ремонт займёт два месяца.",
    ]
    assert _speakers(paragraphs, "ru") == ["Министерство транспорта республики"] * 2


def test_role_in_the_lead_is_the_person_named_with_it_below() -> None:
    paragraphs = [
        "Two bridges were closed after the storm, the regional governor said.",
        "Governor Halvard Strenne said on Telegram that repairs would start on Monday.",
    ]
    assert _speakers(paragraphs, "en") == ["Halvard Strenne", "Halvard Strenne"]


def test_role_named_in_apposition_after_the_verb() -> None:
    paragraphs = [
        "«Não é um caso isolado», declarou o diretor adjunto do instituto, o Dr. Tiago"
        " Rebelo, à rádio local.",
    ]
    assert _speakers(paragraphs, "pt") == ["Tiago Rebelo"]


def test_dutch_coach_is_the_coach_named_before() -> None:
    paragraphs = [
        'His coach, Joris Veldkamp, said the plan was an even pace. "We asked for nothing'
        ' special," the Dutch coach told reporters.',
    ]
    assert _speakers(paragraphs, "en")[-1] == "Joris Veldkamp"


def test_age_epithet_is_the_person_named_before() -> None:
    paragraphs = [
        "Bester Läufer aus Österreich war Lukas Brandtner auf Platz neun.",
        "„Das Tempo war brutal“, sagte der 31-Jährige.",
    ]
    assert _speakers(paragraphs, "de") == ["Lukas Brandtner"]


def test_pronoun_takes_the_nearest_person_by_position() -> None:
    paragraphs = [
        "Minister Halvard Strenne said the bridge would reopen.",
        "The coast guard said in a statement that two boats were missing.",
        "Harbour official Mara Tellen was on the quay when the boats left at dawn.",
        '"We lost contact at six," she told reporters.',
    ]
    assert _speakers(paragraphs, "en")[-1] == "Mara Tellen"


def test_head_of_a_place_is_the_person_whose_role_names_it() -> None:
    paragraphs = [
        "The blaze was put out after six hours, the governor of the Orvik region"
        " Halvard Strenne said on Saturday.",
        "According to the head of the region, 11 drones were shot down overnight.",
    ]
    assert _speakers(paragraphs, "en") == ["Halvard Strenne", "Halvard Strenne"]
    french = [
        "L'incendie a été éteint, a annoncé le gouverneur de la région d'Orvik, Halvard Strenne.",
        "Selon le chef de la région, onze drones ont été abattus.",
    ]
    assert _speakers(french, "fr")[-1] == "Halvard Strenne"


def test_head_of_another_thing_stays_as_written() -> None:
    paragraphs = [
        "The blaze was put out, the governor of the Orvik region Halvard Strenne said.",
        "According to the head of the fire brigade, 40 firefighters were deployed.",
    ]
    assert _speakers(paragraphs, "en")[-1] == "the head of the fire brigade"


def test_german_firm_is_not_a_noun_after_a_preposition() -> None:
    text = "Es ist der dritte Angriff auf das Unternehmen seit Jahresbeginn."
    assert typed_organisations(text, lexicon("de")) == []


def test_a_body_is_compared_across_languages_by_its_body_word() -> None:
    from relaytrace.trace.statements.changes import speaker_keys
    from relaytrace.trace.statements.linking import _key_word

    en = speaker_keys(_key_word("Northern Institute of Coastal Research", "en"))
    fr = speaker_keys(_key_word("Institut national de recherche côtière", "fr"))
    assert en & fr
    assert _key_word("Halvard Strenne", "en") == "Halvard Strenne"


def test_a_bare_body_is_not_the_minister_named_before() -> None:
    paragraphs = [
        "Foreign Minister Olek Daventry said on Monday that talks would resume.",
        'In Tarvel, the foreign ministry said in a statement that the border "stays open".',
    ]
    assert _speakers(paragraphs, "en") == ["Olek Daventry", "the foreign ministry"]


def test_a_role_still_meets_its_feminine_compound() -> None:
    paragraphs = [
        "Die Sprecherin Ilka Brandvoss sagte am Montag, man prüfe den Antrag.",
        "Der Sprecher sagte später, es gebe noch keine Entscheidung.",
    ]
    assert _speakers(paragraphs, "de")[-1] == "Ilka Brandvoss"


def test_a_body_written_as_a_name_is_not_a_person_named_later() -> None:
    paragraphs = [
        "El Ministerio de Asuntos Exteriores en Tarvel convocó el martes al embajador de "
        "Lorvania y dijo que solicitaría consultas en el marco de la organización regional.",
        "Lorvania rechazó las acusaciones. La portavoz del Ministerio de Asuntos Exteriores, "
        "Nadia Korvel, dijo el martes que Tarvel buscaba un enemigo exterior.",
    ]
    first, second = _speakers(paragraphs, "es")
    assert first is not None and first.startswith("El Ministerio de Asuntos Exteriores")
    assert second == "Nadia Korvel"


def test_a_role_naming_its_body_is_still_the_person_named_later() -> None:
    paragraphs = [
        "The spokeswoman of the Harbour Trust said the quay would reopen on Monday after "
        "the storm.",
        "Spokeswoman of the Harbour Trust Nadia Korvel said repairs were on schedule.",
    ]
    assert _speakers(paragraphs, "en") == ["Nadia Korvel", "Nadia Korvel"]


def test_a_role_with_its_body_before_it_then_the_name_between_commas() -> None:
    text = "The Harbour Trust spokeswoman, Nadia Korvel, said repairs were on schedule."
    (s,) = extract_from_text([text], "en")
    assert (s.speaker, s.speaker_role) == ("Nadia Korvel", "The Harbour Trust spokeswoman")


def test_a_bare_body_is_not_a_person_whose_role_names_that_body() -> None:
    paragraphs = [
        "«Спад носит сезонный характер», – рассказал заместитель руководителя "
        "администрации порта Виктор Трошкин.",
        "На рейде порта во вторник в ожидании погрузки стояли 14 судов, сообщили в администрации.",
    ]
    speakers = _speakers(paragraphs, "ru")
    assert speakers[0] == "Виктор Трошкин"
    assert speakers[1] is not None and speakers[1].startswith("администраци")


def test_a_title_right_before_the_name_is_a_head_too() -> None:
    paragraphs = [
        "«Все цели поражены», – сказал официальный представитель ведомства генерал-майор "
        "Игорь Станкевский.",
        "Генерал-майор заявил, что атаки проводились с использованием беспилотников.",
    ]
    assert _speakers(paragraphs, "ru") == ["Игорь Станкевский"] * 2
