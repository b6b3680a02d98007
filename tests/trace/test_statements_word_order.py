"""Word order around the speech verb in German, Polish, Russian, Ukrainian and Arabic:
inverted subjects behind titles, role complements and outlets, verb-second order,
converbs and the pronoun forms of these languages (fictional people and outlets)."""

from __future__ import annotations

import pytest

from relaytrace.trace.statements import extract_from_text


def _speakers(paragraphs: list[str], lang: str) -> list[str | None]:
    return [s.speaker for s in extract_from_text(paragraphs, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        # the company in quotes is the role's complement, the person follows it
        (
            "ru",
            "«Мы не можем гарантировать безопасную работу станции», — заявил генеральный "
            "директор «Северной Трубы» Аркадий Лебедев в интервью.",
            "Аркадий Лебедев",
        ),
        # the region in the genitive belongs to the role
        (
            "ru",
            "Пожар полностью потушен спустя шесть часов, сообщил в субботу губернатор "
            "Заречной области Геннадий Кружнов.",
            "Геннадий Кружнов",
        ),
        # the outlet spoken to comes first, then the role and the name
        (
            "uk",
            "«Ми вже бачили такий сценарій», — сказала Kyiv Evening Post енергетична "
            "експертка Олена Гаврилюк з київського центру.",
            "Олена Гаврилюк",
        ),
        (
            "uk",
            "«Зниження має сезонний характер», – розповів виданню «Зоря Півдня» заступник "
            "керівника адміністрації порту Віктор Трошенко.",
            "Віктор Трошенко",
        ),
        (
            "pl",
            "„Dla naszych członków to 30 procent obrotów” – powiedział „Gazecie Porannej” "
            "Tomasz Wierzbiński, dyrektor izby.",
            "Tomasz Wierzbiński",
        ),
        # German "der" after the verb opens the subject, not a genitive
        (
            "de",
            "„Wir haben mehrfach um einen Zeitplan gebeten“, erklärte der Generaldirektor "
            "von Nordhafen Transit, Arkadi Lebedinski, in einer Mitteilung.",
            "Arkadi Lebedinski",
        ),
        (
            "de",
            "Der Brand wurde nach sechs Stunden vollständig gelöscht, sagte der Gouverneur "
            "der Region Talborsk, Gennadi Kruschnow, am Samstag.",
            "Gennadi Kruschnow",
        ),
        # an abbreviated title does not end the subject
        (
            "de",
            "„Wir rationieren“, sagte Dr. Tamar Ilvenko, die eine Feldklinik leitet.",
            "Tamar Ilvenko",
        ),
    ],
)
def test_subject_after_the_verb(lang: str, text: str, speaker: str) -> None:
    assert _speakers([text], lang) == [speaker]


def test_quoted_outlet_in_the_attribution_is_no_statement() -> None:
    text = (
        "«Снижение в мае носит сезонный характер», – рассказал «Востоку Сегодня» "
        "заместитель руководителя администрации порта Виктор Трошкин."
    )
    (found,) = extract_from_text([text], "ru")
    assert found.speaker == "Виктор Трошкин"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a fronted adverbial: the subject follows the verb
        (
            "In Velden erklärte die Sprecherin Ina Rothmayr, die Gespräche seien gescheitert.",
            "Ina Rothmayr",
        ),
        (
            "Am Dienstagmorgen auf Radio Nordwelle befragt, rief Agrarministerin Claire "
            "Demaris die Landwirte auf, „die Straßen freizugeben“.",
            "Claire Demaris",
        ),
        # every noun is capitalised: a bare capitalised word after the verb is a name,
        # though "Keller" is also a common noun
        ("„Das Werk ist zu klein“, sagte Keller im Gespräch mit dem Sender.", "Keller"),
        # with no subject after the verb, the place is the source
        (
            "Bei Nordwerk Energie hieß es, man prüfe die Mitteilung des Betreibers.",
            "Nordwerk Energie",
        ),
    ],
)
def test_german_verb_second_order(text: str, speaker: str) -> None:
    assert _speakers([text], "de") == [speaker]


def test_pronoun_right_after_the_verb_is_the_subject_not_the_fronted_dative() -> None:
    paragraphs = [
        "Betriebsratschef Jürgen Alvermann kündigte Widerstand an.",
        "Der Nordhafener Rundschau sagte er am Abend: „Über Kündigungen reden wir nicht.“",
    ]
    assert _speakers(paragraphs, "de") == ["Jürgen Alvermann"]


def test_age_noun_refers_back_like_a_pronoun() -> None:
    text = (
        "Bester Läufer war Jonas Vorlind aus Köln. "
        "„Bei dem Tempo vorne kann man nur staunen“, sagte der 29-Jährige."
    )
    assert _speakers([text], "de") == ["Jonas Vorlind"]


def test_russian_place_of_an_impersonal_plural_is_the_source() -> None:
    text = "В министерстве отметили, что делегация страны готова прибыть в Женеву."
    assert _speakers([text], "ru") == ["министерстве"]


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "venue"),
    [
        (
            "ru",
            "Экономист Лидия Варенская заявила Nordline TV, что импортёры уже сократили "
            "зависимость от поставок.",
            "Лидия Варенская",
            "Nordline TV",
        ),
        (
            "de",
            "Der Militäranalyst Pavel Doronin sagte Nordblick TV, die Worte bestätigten, "
            "was man seit Langem vermutet habe.",
            "Pavel Doronin",
            "Nordblick TV",
        ),
    ],
)
def test_outlet_after_the_verb_before_the_clause_is_the_venue(
    lang: str, text: str, speaker: str, venue: str
) -> None:
    first = extract_from_text([text], lang)[0]
    assert (first.speaker, first.venue) == (speaker, venue)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "ru",
            "«Европейские покупатели свой рынок обратно не получат», — сказал Руслан "
            "Терехов, добавив, что поставки будут перенаправлены в Южную Азию.",
        ),
        (
            "pl",
            "„Nasi eksporterzy znajdą nowych nabywców” – powiedział Jan Wolnicki, dodając, "
            "że dostawy trafią do Azji Południowej.",
        ),
    ],
)
def test_converb_shares_the_subject_of_the_finite_verb(lang: str, text: str) -> None:
    speakers = _speakers([text], lang)
    assert len(speakers) == 2 and speakers[0] == speakers[1] is not None


def test_polish_possessive_before_the_according_to_marker() -> None:
    paragraphs = [
        "„Scenariusz jest znany” – ocenia Tomasz Wierzbiński z Instytutu Rynku Gazu. "
        "Jego zdaniem dziesięciodniowa przerwa w połowie marca, gdy magazyny są pełne, "
        "ma przede wszystkim wywołać nerwowość na giełdach.",
    ]
    assert _speakers(paragraphs, "pl") == ["Tomasz Wierzbiński"] * 2


def test_arabic_role_with_the_article_resolves_to_the_minister() -> None:
    paragraphs = [
        "وقال وزير النقل، الدكتور نادر الصافي، إن الميناء سيعيد فتح أبوابه يوم الاثنين.",
        "وأوضح الوزير أن السفن الأولى ستصل إلى الرصيف مساء الأحد.",
    ]
    assert _speakers(paragraphs, "ar") == ["نادر الصافي"] * 2


def test_arabic_but_he_warned_that_continues_with_the_same_speaker() -> None:
    text = (
        "ورأى سامر الحلبي، المحلل في مركز الدراسات البحرية، أن القرار جاء متأخراً بعض الشيء، "
        "لكنه حذر من أن الالتزام الفعلي هو الاختبار الحقيقي للجميع."
    )
    first, second = extract_from_text([text], "ar")
    assert first.quote == "القرار جاء متأخراً بعض الشيء"
    assert (second.verb, second.speaker) == ("حذر", "سامر الحلبي")


def test_name_inside_a_genitive_chain_after_a_preposition_is_not_the_subject() -> None:
    text = (
        "Экономист Лидия Варенская из Института прикладной экономики Порт-Верина заявила, "
        "что импортёры уже сократили зависимость от поставок."
    )
    assert _speakers([text], "ru") == ["Лидия Варенская"]


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "pl",
            "Ministerstwo Spraw Zagranicznych w Selvarze wezwało we wtorek rano ambasadora "
            "Lavranii i oświadczyło, że złoży wniosek o konsultacje.",
            "Ministerstwo Spraw Zagranicznych w Selvarze",
        ),
        (
            "ru",
            "Министр Павел Сидоренко посетил порт и заявил, что краны заменят в мае.",
            "Павел Сидоренко",
        ),
    ],
)
def test_verb_after_and_shares_the_subject_at_the_sentence_start(
    lang: str, text: str, speaker: str
) -> None:
    assert _speakers([text], lang) == [speaker]


def test_quoted_outlet_alone_after_the_verb_is_no_subject() -> None:
    text = (
        "Burmistrz Agnieszka Wilkowska przyznaje, że miasto tego nie widziało. "
        "„Teraz najważniejsze jest bezpieczeństwo mieszkańców” – powiedziała „Gazecie Porannej”."
    )
    assert _speakers([text], "pl") == ["Agnieszka Wilkowska"] * 2


def test_german_genitive_body_after_according_to_resolves_to_the_body() -> None:
    text = (
        "Das Gesundheitsministerium startete die Kampagne im Mai. Bis Jahresende sollen "
        "nach Angaben des Ministeriums 40 Prozent der Erwachsenen geimpft sein."
    )
    assert _speakers([text], "de")[-1] == "Gesundheitsministerium"


def test_role_and_name_after_a_venue_phrase_are_the_subject() -> None:
    text = (
        "«Теперь мы сможем быстрее формировать судовые партии», – заявил на церемонии "
        "запуска заместитель руководителя администрации порта Виктор Трошкин."
    )
    assert _speakers([text], "ru") == ["Виктор Трошкин"]


def test_lower_case_source_after_according_to_in_a_language_without_articles() -> None:
    text = (
        "Według hydrologów od soboty w Kotlinie Nadbrzeżnej spadło 180 mm deszczu – "
        "trzy razy więcej, niż zwykle pada przez cały październik."
    )
    assert _speakers([text], "pl") == ["hydrologów"]


def test_german_wie_opens_a_source_only_with_a_speech_verb() -> None:
    text = (
        "Der Betrieb wurde laut Gouverneur teilweise eingestellt; wie groß der Schaden ist, "
        "blieb zunächst offen."
    )
    (found,) = extract_from_text([text], "de")
    assert (found.verb, found.speaker) == ("laut", "Gouverneur")
    assert found.quote == "Der Betrieb wurde laut Gouverneur teilweise eingestellt"


def test_role_inside_a_run_after_a_body_name_is_split_off() -> None:
    paragraphs = [
        "Die regierende Soziale Allianz von Gouverneurin Marta Dovenko verlor sieben Sitze.",
        "Ein Bündnis hätte 41 Sitze – knapp, aber ausreichend, wie die Gouverneurin in "
        "Nordheim betonte.",
    ]
    assert _speakers(paragraphs, "de") == ["Marta Dovenko"]


def test_pronoun_takes_the_person_named_last_not_the_speaker_noted_last() -> None:
    paragraphs = [
        "„Wir prüfen das“, erklärte Fregattenkapitän Tobias Rehnberg.",
        "Die Oppositionsabgeordnete Astrid Mølvang, die gegen das Gesetz gestimmt hatte, "
        "verlangt Transparenz. Die Regierung müsse offenlegen, wie viele Soldaten im Land "
        "seien, erklärte sie.",
    ]
    assert _speakers(paragraphs, "de")[-1] == "Astrid Mølvang"


def test_common_word_opening_a_sentence_after_a_full_stop_is_no_first_name() -> None:
    from relaytrace.trace.statements.lexicon import lexicon
    from relaytrace.trace.statements.speakers import name_runs

    text = "«Ми готові пропустити допомогу. Саме Ардавія вирішила відправити вантажівки.»"
    runs = [" ".join(t.text for t in r.tokens) for r in name_runs(text, lexicon("uk"))]
    assert "Саме Ардавія" not in runs


def test_full_name_after_a_role_and_its_prepositional_phrase_is_the_subject() -> None:
    text = (
        "Начальник управления МЧС по Заречной области Олег Дубинский сообщил агентству, "
        "что к тушению привлекались 143 человека."
    )
    (found,) = extract_from_text([text], "ru")
    assert (found.speaker, found.venue) == ("Олег Дубинский", "агентству")


def test_plural_body_after_according_to_is_kept_as_written() -> None:
    paragraphs = [
        "Innenminister Anton Hravek besuchte am Montag die Grenze.",
        "Nach Angaben der örtlichen Behörden befinden sich noch 40.000 Menschen in Zelten.",
    ]
    assert _speakers(paragraphs, "de")[-1] == "der örtlichen Behörden"


def test_verb_after_the_clause_said_in_a_body_takes_the_body() -> None:
    paragraphs = [
        "Das Verteidigungsministerium veröffentlichte am Freitag neue Zahlen.",
        "In der Woche seien 40 Drohnen abgeschossen worden, hieß es im Ministerium.",
    ]
    (s,) = extract_from_text(paragraphs, "de")
    assert s.speaker == "Verteidigungsministerium"
    text = "За неделю были сбиты 40 беспилотников и две ракеты, сообщили в министерстве."
    (r,) = extract_from_text([text], "ru")
    assert r.speaker == "министерстве" and r.venue is None
