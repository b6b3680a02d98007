"""The speaker phrase itself: non-agents, places, outlets and possessors are no speakers."""

from __future__ import annotations

import pytest

from relaytrace.trace.statements import extract_from_text
from relaytrace.trace.statements.lexicon import lexicon
from relaytrace.trace.statements.phrases import non_agent, possessor, trim_phrase, venue_prefix


def _speakers(text: str, lang: str) -> list[str | None]:
    return [s.speaker for s in extract_from_text([text], lang)]


def test_passive_participle_is_no_speech_act_of_its_subject() -> None:
    text = (
        "No injuries had been reported by noon, but two roads were closed, the county police said."
    )
    assert _speakers(text, "en") == ["the county police"]


@pytest.mark.parametrize(
    ("lang", "paragraphs", "speaker"),
    [
        (
            "en",
            [
                "Trade Minister Orla Venn criticised the tariffs on Monday, dismissing the plan "
                'as "a gift to smugglers and nobody else".'
            ],
            "Orla Venn",
        ),
        (
            "es",
            [
                "La ministra de Comercio Irene Casal criticó el lunes los aranceles y calificó "
                "las medidas de «un regalo para los contrabandistas y nadie más»."
            ],
            "Irene Casal",
        ),
    ],
)
def test_object_before_its_complement_is_not_the_speaker(
    lang: str, paragraphs: list[str], speaker: str
) -> None:
    """ "dismissing the measures as …": the phrase ends on a preposition, so it is the
    verb's object; the quote goes to the person who spoke before."""
    assert extract_from_text(paragraphs, lang)[-1].speaker == speaker


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "venue"),
    [
        (
            "fr",
            "« Nous tiendrons bon jusqu'au bout », a déclaré à Radio Lumen le président du "
            "syndicat, Marc Tavernier.",
            "Marc Tavernier",
            "Radio Lumen",
        ),
        (
            "it",
            "«Controlleremo ogni singolo contratto firmato», ha detto a questo giornale "
            "Paolo Verzi, direttore della lega.",
            "Paolo Verzi",
            "questo giornale",
        ),
        (
            "uk",
            "«Ми працюємо далі без перерви», — сказала Lumen Daily речниця фонду Олена Ковальчук.",
            "Олена Ковальчук",
            "Lumen Daily",
        ),
    ],
)
def test_addressee_before_the_subject_is_the_venue(
    lang: str, text: str, speaker: str, venue: str
) -> None:
    (s,) = extract_from_text([text], lang)
    assert s.speaker == speaker
    assert s.venue is not None and venue in s.venue


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "fr",
            "Les premiers radars sont arrivés dans le port, a annoncé vendredi le ministère "
            "de la Défense à Lorvik.",
            "le ministère de la Défense",
        ),
        ("fr", "Le rapport couvre 1 200 signalements, a annoncé l'institut mardi.", "l'institut"),
        (
            "fr",
            "Le conseil a relevé son taux à 3 %, comme l'a annoncé la banque centrale après "
            "sa réunion à Lorvik.",
            "la banque centrale",
        ),
        (
            "es",
            "«No pedimos nada especial a las liebres», dijo el entrenador neerlandés a "
            "Radio Costa.",
            "el entrenador neerlandés",
        ),
        (
            "en",
            "In Lorvik, Drovaria's foreign ministry said in a statement that the talks would "
            "resume next week.",
            "Drovaria's foreign ministry",
        ),
        (
            "ru",
            "Пожар полностью потушен, сообщил в субботу губернатор Заречинской области Иван "
            "Ветров.",
            "Иван Ветров",
        ),
        (
            "de",
            "Der Verkauf wurde erst nach 31 Stunden wieder aufgenommen, teilten die "
            "regionalen Behörden mit.",
            "die regionalen Behörden",
        ),
    ],
)
def test_places_times_and_particles_are_cut_from_the_speaker(
    lang: str, text: str, speaker: str
) -> None:
    assert _speakers(text, lang) == [speaker]


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "en",
            "For an average farm the extra cost would reach 700 euros, according to the "
            "union's calculations.",
            "the union",
        ),
        (
            "en",
            "Member states have committed 38 billion euros so far, according to figures "
            "published by the bloc.",
            "the bloc",
        ),
        (
            "fr",
            "Pour une exploitation moyenne, le surcoût atteindrait 700 euros, selon les calculs "
            "du syndicat.",
            "syndicat",
        ),
    ],
)
def test_according_to_figures_gives_whose_figures(lang: str, text: str, speaker: str) -> None:
    assert _speakers(text, lang) == [speaker]


def test_newspaper_quoting_a_speaker_is_not_the_speaker() -> None:
    paragraphs = [
        "Chairwoman Ilse Marr opened the plant on Friday.",
        '"This plant is our largest single investment so far," Marr said at the opening, '
        "according to the local newspaper Kestrel Daily.",
    ]
    (s,) = extract_from_text(paragraphs, "en")
    assert (s.speaker, s.verb) == ("Ilse Marr", "said")


def test_pronoun_after_the_verb_is_the_subject_in_german() -> None:
    paragraphs = [
        "Betriebsratschef Jörn Kessbauer kündigte Widerstand an.",
        "Der Nordpost sagte er am Abend: „Über Kündigungen reden wir nicht.“",
    ]
    assert extract_from_text(paragraphs, "de")[-1].speaker == "Jörn Kessbauer"


def test_phrase_helpers() -> None:
    en, fr, es = lexicon("en"), lexicon("fr"), lexicon("es")
    assert non_agent("Further steps are not", en)
    assert non_agent("the measures as", en)
    assert not non_agent("the regional authorities", en)
    assert trim_phrase("But industry groups in several countries", en) == "industry groups"
    assert trim_phrase("le ministère de la Défense à Lorvik", fr) == "le ministère de la Défense"
    assert possessor("the operator's data", en) == "the operator"
    assert possessor("the regional operator", en) is None
    assert venue_prefix("a este periódico Óscar Benavente", es) == len("a este periódico")
    assert venue_prefix("a la agencia estatal que", es) == 0
    pl = lexicon("pl")
    assert venue_prefix("„Kurierowi Nadmorskiemu” Jan Wrzos", pl) == len("„Kurierowi Nadmorskiemu”")


@pytest.mark.parametrize(
    ("lang", "paragraphs", "speaker"),
    [
        (
            "en",
            [
                '"Prices will rise for everyone," Trade Minister Orla Venn said, adding that the '
                "government would publish a support plan in May."
            ],
            "Orla Venn",
        ),
        (
            "ru",
            [
                "«Наши экспортёры найдут новых покупателей», — сказал министр Пётр Зорин, "
                "добавив, что поставки будут перенаправлены в Азию."
            ],
            "Пётр Зорин",
        ),
    ],
)
def test_participle_after_an_attribution_shares_its_speaker(
    lang: str, paragraphs: list[str], speaker: str
) -> None:
    assert [s.speaker for s in extract_from_text(paragraphs, lang)] == [speaker, speaker]


def test_german_sentence_opened_by_a_place_takes_the_subject_after_the_verb() -> None:
    text = (
        "In Lorvik erklärte Außenministerin Dana Korvel in einer Mitteilung, man sei "
        "„jederzeit zu Gesprächen bereit“ und werde die Delegation schicken."
    )
    assert _speakers(text, "de") == ["Dana Korvel"]


def test_relative_clause_after_the_subject_is_not_the_speaker() -> None:
    text = "Hilfsorganisationen, die in Lorvik tätig sind, sagten, die Vorräte gingen zur Neige."
    assert _speakers(text, "de") == ["Hilfsorganisationen"]


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "pt",
            "O diretor do instituto, Rui Calvo, falou em entrevista à televisão estatal Canal "
            "Norte e disse que a vacina deve ser suspensa.",
            "Rui Calvo",
        ),
        (
            "fr",
            "« Les systèmes sont opérationnels », a indiqué son porte-parole, le capitaine de "
            "frégate Aurel Vasseur, lors d'un point de presse.",
            "Aurel Vasseur",
        ),
    ],
)
def test_name_inside_a_prepositional_phrase_is_no_subject(
    lang: str, text: str, speaker: str
) -> None:
    """ "à televisão estatal Canal Norte" is governed by its preposition; a title's bare
    complement ("capitaine de frégate") is not, the name after it is the speaker."""
    assert _speakers(text, lang)[-1] == speaker


@pytest.mark.parametrize(
    ("lang", "paragraphs", "speaker"),
    [
        (
            "it",
            [
                "Secondo il Ministero dell'Interno, 2.300 trattori bloccavano all'alba 14 incroci.",
            ],
            "il Ministero dell'Interno",
        ),
        (
            "fr",
            [
                "Lorvik – La Caisse centrale a relevé son taux. Le conseil a décidé une hausse de "
                "0,25 point, a annoncé l'institution."
            ],
            "l'institution",
        ),
    ],
)
def test_body_names_do_not_take_a_preposition_or_a_dateline(
    lang: str, paragraphs: list[str], speaker: str
) -> None:
    assert extract_from_text(paragraphs, lang)[-1].speaker == speaker


def test_phrase_after_a_coordinated_verb_is_its_object() -> None:
    text = (
        'La presidenta de la asociación, Irene Casal, celebró "una decisión histórica", pero '
        'lamentó un importe de indemnización "simbólico".'
    )
    assert _speakers(text, "es") == ["Irene Casal"]  # one word is no quote of its own


def test_opening_participle_is_no_name() -> None:
    paragraphs = [
        "El presidente del club, Rafael Ortún, compareció el lunes.",
        "Preguntado por los dos fichajes, aseguró que ambos jugadores tienen mucho futuro.",
    ]
    assert extract_from_text(paragraphs, "es")[-1].speaker == "Rafael Ortún"


def test_article_before_a_role_after_the_verb_is_no_preposition() -> None:
    text = (
        '"O que nos surpreendeu foi a rapidez do efeito", disse a autora principal, a '
        "doutora Inês Valadares, à Rádio Costa."
    )
    assert _speakers(text, "pt") == ["Inês Valadares"]


def test_adverbial_participle_without_a_subject_takes_the_last_speaker() -> None:
    paragraphs = [
        "Transport Minister Hanna Vell spoke in parliament on Monday.",
        "The ministry on Tuesday blamed the outage on neighbouring Dravonia, saying the "
        "attack had been prepared for months.",
    ]
    (saying,) = [s for s in extract_from_text(paragraphs, "en") if s.verb == "saying"]
    assert saying.quote == "the attack had been prepared for months"
    # the subject of the clause it hangs on, not the place before the comma (nor the
    # minister: "ministry" and "minister" are two role words)
    assert saying.speaker == "The ministry"


def test_coordinated_verb_keeps_its_clause_without_taking_its_object() -> None:
    text = (
        "The ministry summoned the Dravonian ambassador on Tuesday and said it would "
        "request urgent consultations."
    )
    (s,) = extract_from_text([text], "en")
    assert (s.verb, s.quote) == ("said", "it would request urgent consultations")
    # not "it" of the clause nor "the Dravonian ambassador" (the object before "and"):
    # the subject written at the start of the sentence (coordination.conjoined_subject)
    assert s.speaker == "The ministry"


def test_coordinated_verb_takes_a_subject_with_modifiers_before_its_head() -> None:
    text = (
        "The foreign ministry in Tarvel summoned the ambassador on Tuesday and said it "
        "would request urgent consultations."
    )
    (s,) = extract_from_text([text], "en")
    assert s.speaker == "The foreign ministry"  # the place cut off (phrases.trim_phrase)


def test_outlet_after_a_preposition_at_the_end_is_the_venue_not_the_speaker() -> None:
    paragraphs = [
        "Ustępująca gubernator Ilona Barska przyznała, że jej partia przeżyła trudną noc.",
        "„Razem wciąż mamy większość dla stabilności, a nie dla przygód” – powiedziała "
        "w wywiadzie dla Harbor Ledger.",
    ]
    quote = extract_from_text(paragraphs, "pl")[-1]
    assert quote.speaker == "Ilona Barska"
    assert quote.venue is not None and "Harbor Ledger" in quote.venue


def test_a_name_after_the_outlet_is_still_the_speaker() -> None:
    text = "«Vamos a revisar cada contrato firmado», relató a Diario del Sur Andrés Quirell."
    (s,) = extract_from_text([text], "es")
    assert s.speaker == "Andrés Quirell"


def test_italian_ad_before_a_vowel_opens_the_addressee() -> None:
    text = (
        '"Non toglieremo i blocchi finché il governo non avrà ritirato questo aumento", '
        "ha detto ad Agence Lumière il presidente della federazione, Bruno Castellari."
    )
    (s,) = extract_from_text([text], "it")
    assert s.speaker == "Bruno Castellari"
    assert s.venue is not None and "Agence Lumière" in s.venue


def test_participle_after_a_comma_does_not_take_the_noun_before_the_comma() -> None:
    text = (
        "Deputy minister Olek Daventry insisted on Tuesday that the new tariffs would hurt "
        "Lorvania more than Tarvel, telling the state broadcaster that the measures would "
        "backfire on farmers."
    )
    speakers = [s.speaker for s in extract_from_text([text], "en")]
    assert speakers == ["Olek Daventry", "Olek Daventry"]
