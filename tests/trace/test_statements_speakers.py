"""Speaker resolution: roles, pronouns and missing subjects (fictional people)."""

from __future__ import annotations

import pytest

from relaytrace.trace.statements import extract_from_text
from relaytrace.trace.statements.lexicon import lexicon
from relaytrace.trace.statements.speakers import name_runs


def test_role_naming_its_body_resolves_to_the_person_named_later() -> None:
    paragraphs = [
        "The spokeswoman of the Harbour Trust said that the barge had left on Sunday.",
        "Later the Harbour Trust spokeswoman Nadia Korvel said the crew was safe.",
    ]
    first, second = extract_from_text(paragraphs, "en")
    assert second.speaker == "Nadia Korvel"
    assert first.speaker == "Nadia Korvel"


def test_role_of_a_company_resolves_in_spanish() -> None:
    paragraphs = [
        "El presidente de Qilan Motors afirmó que la planta abrirá en mayo.",
        "El presidente de Qilan Motors, Tomás Verdal, dijo que habrá 300 empleos.",
    ]
    assert [s.speaker for s in extract_from_text(paragraphs, "es")] == ["Tomás Verdal"] * 2


def test_bare_role_is_not_given_to_a_person_named_later() -> None:
    paragraphs = [
        "The ministry said that the bridge would close on Monday.",
        "Minister Paul Ferrandel said the repairs would take a month.",
    ]
    first, second = extract_from_text(paragraphs, "en")
    assert second.speaker == "Paul Ferrandel"
    assert first.speaker != "Paul Ferrandel"


def test_clause_opener_is_not_part_of_the_speaker() -> None:
    text = "On board were 318 passengers, as the coast guard in Kaltenhafen announced."
    (s,) = extract_from_text([text], "en")
    assert s.speaker == "the coast guard"  # the opener is dropped, and the place is no speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "en",
            '"We cannot wait," said the spokeswoman of the Harbour Trust, Nadia Korvel.',
            "Nadia Korvel",
        ),
        (
            "fr",
            "« Nous ne pouvons pas attendre », a déclaré la porte-parole de la Fondation "
            "Mer Claire, Élise Brunal.",
            "Élise Brunal",
        ),
        (
            "it",
            "Il barco era partito domenica, ha detto la portavoce della Fondazione Mare "
            "Chiaro, Elena Brisali.",
            "Elena Brisali",
        ),
        (
            "es",
            "El barco zarpó el domingo, dijo la portavoz de la Fundación Mar Claro, Elena Brisal.",
            "Elena Brisal",
        ),
    ],
)
def test_name_in_apposition_after_a_role_of_a_body_is_the_speaker(
    lang: str, text: str, speaker: str
) -> None:
    (s,) = extract_from_text([text], lang)
    assert s.speaker == speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "role"),
    [
        (
            "es",
            "La portavoz de la Fundación Mar Claro, Elena Brisal, explicó que el barco zarpó.",
            "Elena Brisal",
            "La portavoz de la Fundación Mar Claro",
        ),
        (
            "de",
            "Der Sprecher der Hafenbehörde, Konrad Esslinger, sagte, das Schiff sei ausgelaufen.",
            "Konrad Esslinger",
            "Der Sprecher der Hafenbehörde",
        ),
    ],
)
def test_role_then_name_in_apposition_before_the_verb(
    lang: str, text: str, speaker: str, role: str
) -> None:
    (s,) = extract_from_text([text], lang)
    assert (s.speaker, s.speaker_role) == (speaker, role)


def test_german_verb_final_as_clause_leaves_verb_and_time_out_of_the_speaker() -> None:
    text = (
        "Der Umsatz sank im ersten Quartal um elf Prozent, wie das Unternehmen am Montag mitteilte."
    )
    (found,) = extract_from_text([text], "de")
    assert found.speaker == "das Unternehmen"
    assert found.quote == "Der Umsatz sank im ersten Quartal um elf Prozent"


@pytest.mark.parametrize(
    "sentence",
    [
        "Harbour master Edda Lindqvist told the Fjordline Post that the cracks confirmed "
        "what divers had long suspected.",
        "Harbour master Edda Lindqvist, of the Kvarn port authority, said the barge had "
        "left the quay before the storm.",
    ],
)
def test_a_speech_verb_inside_the_reported_clause_does_not_take_it_over(sentence: str) -> None:
    (found,) = extract_from_text([sentence], "en")
    assert found.speaker == "Edda Lindqvist"
    assert found.verb in ("told", "said")
    assert found.quote.startswith("the ") and found.quote.endswith(("suspected", "storm"))


@pytest.mark.parametrize(
    ("paragraphs", "lang", "speaker"),
    [
        (
            (
                "The Ministry of Fisheries in Kvarn published its quota report on Monday.",
                "The ministry said the northern grounds would stay closed until June.",
            ),
            "en",
            "Ministry of Fisheries",  # "in Kvarn" is where it sits, not its name
        ),
        (
            (
                "Das Fischereiministerium veröffentlichte am Montag seinen Bericht.",
                "Das Ministerium teilte mit, die nördlichen Fanggründe blieben bis Juni gesperrt.",
            ),
            "de",
            "Fischereiministerium",
        ),
        (
            (
                "Le ministère de la Pêche a publié lundi son rapport sur les quotas.",
                "Le ministère a indiqué que les zones du nord resteraient fermées jusqu'en juin.",
            ),
            "fr",
            "ministère de la Pêche",
        ),
    ],
)
def test_a_bare_body_resolves_to_the_institution_named_before(
    paragraphs: tuple[str, ...], lang: str, speaker: str
) -> None:
    found = extract_from_text(paragraphs, lang)
    assert [s.speaker for s in found] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "vor dem Werkstor",
        "nur die Lieferstaaten",
        "an den Blockadepunkten",
        "das Gasverdichteraggregat",
    ],
)
def test_a_german_noun_by_its_ending_is_not_a_name(text: str) -> None:
    assert name_runs(text, lexicon("de")) == []


@pytest.mark.parametrize("surname", ["Brennecke", "Esselborn", "Viktor Esselborn"])
def test_german_names_keep_their_capitals(surname: str) -> None:
    runs = name_runs(f"Danach sprach {surname} mit Reportern.", lexicon("de"))
    assert [" ".join(t.text for t in run.tokens) for run in runs] == [surname]


def test_an_inflected_bare_body_resolves_to_the_body_that_spoke_in_russian() -> None:
    paragraphs = [
        "Береговая служба нанесла удар по складу у Нижнеславска, заявило в среду"
        " Министерство обороны республики.",
        "По информации министерства, погибли до 30 военнослужащих.",
    ]
    first, second = extract_from_text(paragraphs, "ru")
    assert first.speaker == "Министерство обороны республики"
    assert second.speaker == first.speaker


def test_inflected_role_words_are_roles() -> None:
    ru = lexicon("ru")
    assert ru.is_role("министерства") and ru.is_role("ведомству")
    assert not ru.is_role("республики")


@pytest.mark.parametrize(
    ("lang", "paragraphs"),
    [
        (
            "en",
            [
                "Transport minister Clara Veldane spoke to farmers on Monday.",
                "Questioned on Radio Northwind, the minister said that the bridge would reopen.",
            ],
        ),
        (
            "fr",
            [
                "La ministre des Transports Clara Veldane a rencontré les agriculteurs lundi.",
                "Interrogée sur Radio Nordvent, la ministre a affirmé que le pont rouvrirait.",
            ],
        ),
    ],
)
def test_an_opening_participle_is_not_the_speaker(lang: str, paragraphs: list[str]) -> None:
    (found,) = extract_from_text(paragraphs, lang)
    assert found.speaker == "Clara Veldane"
