"""Anchors: the same figure, name or place gives the same anchor in every language."""

from __future__ import annotations

import pytest

from relaytrace.text.anchors import anchors_of, name_key, number_value, skeleton_key


def numbers(text: str, lang: str) -> set[str]:
    return {a for a in anchors_of(text, lang) if a.startswith("n:")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The parliament approved $61 billion for the dam.", "en"),
        ("Le parlement a approuvé 61 milliards de dollars pour le barrage.", "fr"),
        ("Der Landtag bewilligte 61 Mrd. Dollar für den Damm.", "de"),
        ("Парламент одобрил 61 млрд долларов на плотину.", "ru"),
        ("Парламент схвалив 61 млрд доларів на греблю.", "uk"),
        ("Sejm zatwierdził 61 miliardów dolarów na tamę.", "pl"),
        ("El parlamento aprobó 61.000 millones de dólares para la presa.", "es"),
        ("Il parlamento ha approvato 61 miliardi di dollari per la diga.", "it"),
        ("O parlamento aprovou 61 bilhões de dólares para a barragem.", "pt"),
        ("Le parlement a approuvé soixante et un milliards de dollars.", "fr"),
        ("أقر البرلمان 61 مليار دولار للسد", "ar"),
        ("议会批准了610亿美元用于大坝。", "zh"),
    ],
)
def test_sixty_one_billion_is_one_anchor_in_every_language(text: str, lang: str) -> None:
    assert "n:6.1e+10" in numbers(text, lang)


def test_the_bare_figure_is_kept_beside_the_scaled_value() -> None:
    assert {"n:6.2", "n:6.2e+09"} <= numbers("ein Paket von 6,2 Mrd. Euro", "de")


@pytest.mark.parametrize(
    ("figure", "lang", "value"),
    [
        ("1,100", "en", 1100.0),
        ("1.100", "de", 1100.0),
        ("6.2", "en", 6.2),
        ("6,2", "fr", 6.2),
        ("12\u202f000", "fr", 12000.0),
        ("12 000", "pl", 12000.0),
        ("1'234'567", "de", 1234567.0),
        ("1,234.5", "en", 1234.5),
        ("1.234,5", "it", 1234.5),
        ("٤٢", "ar", 42.0),
    ],
)
def test_thousands_separators_and_decimal_marks(figure: str, lang: str, value: float) -> None:
    assert number_value(figure, lang) == value


def test_chinese_wan_multiplies_by_ten_thousand() -> None:
    assert "n:40000" in numbers("4万名士兵", "zh")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("six officers were sent", "en"),
        ("sechs Offiziere wurden entsandt", "de"),
        ("six officiers ont été envoyés", "fr"),
        ("шесть офицеров были направлены", "ru"),
        ("шість офіцерів було направлено", "uk"),
        ("sześciu oficerów wysłano", "pl"),
    ],
)
def test_number_words_become_values(text: str, lang: str) -> None:
    assert "n:6" in numbers(text, lang)


def test_words_that_merely_start_like_numbers_are_not_numbers() -> None:
    assert numbers("Мы готовы сесть за стол, сказала семья.", "ru") == set()


def test_percentages_and_years_are_figures() -> None:
    assert {"n:12.5", "n:2024"} <= numbers("Inflation reached 12.5% in 2024.", "en")


def test_names_are_transliterated_folded_and_cut_to_a_cognate_prefix() -> None:
    en = anchors_of("The envoy Jonas Wetterholm met the press.", "en")
    ru = anchors_of("Посланник Йонас Веттерхольм встретился с прессой.", "ru")
    el = anchors_of("Ο απεσταλμένος Γιόνας Βέτερχολμ συναντήθηκε με τον Τύπο.", "el")
    assert "e:vett" in en & ru
    assert "s:ftrl" in en & ru & el  # Greek writes one t: the consonant skeleton still meets


def test_cognate_spellings_meet() -> None:
    assert name_key("Moscow") == name_key("Moskau") == name_key("Москва")
    assert name_key("Kyiv") == name_key("Kiiv")


@pytest.mark.parametrize(
    ("latin", "other"),
    [
        ("Biełgorodem", "Белгородом"),  # Polish ie and ł for Russian е and л
        ("Wiktor", "Виктор"),
        ("Ładygin", "Ладыгин"),
        ("Selenskyj", "Zelensky"),  # German s for з
        ("Zelenskyy", "Зеленский"),
        ("Charkiw", "Kharkiv"),
        ("Czernihów", "Chernihiv"),  # Polish cz, German tsch
        ("Tschernihiw", "Чернигов"),
        ("Szojgu", "Shoigu"),
    ],
)
def test_latin_transliterations_of_cyrillic_names_meet(latin: str, other: str) -> None:
    assert name_key(latin) == name_key(other)


def test_polish_and_russian_sentences_share_their_names() -> None:
    pl = anchors_of("Nad Biełgorodem drony zestrzelił, jak podał Wiktor Ładygin.", "pl")
    ru = anchors_of("Над Белгородом сбиты дроны, сообщил Виктор Ладыгин.", "ru")
    assert {"e:belg", "e:ladi", "s:blgr"} <= pl & ru


def test_kyiv_is_one_alias_in_every_spelling() -> None:
    texts = [
        ("Delegacja przybyła do Kijowa we wtorek.", "pl"),
        ("Делегация прибыла в Киев во вторник.", "ru"),
        ("The delegation arrived in Kyiv on Tuesday.", "en"),
        ("Die Delegation traf am Dienstag in Kiew ein.", "de"),
    ]
    assert all("a:KYIV" in anchors_of(t, lang) for t, lang in texts)


def test_elisions_are_split_before_the_capital_test() -> None:
    fr = anchors_of("Le chef de l'OTAN a parlé d'Ukraine et de l’UE.", "fr")
    it = anchors_of("Il ministro ha parlato dell'UE e all'ONU.", "it")
    assert {"a:NATO", "a:UA", "a:EU"} <= fr
    assert {"a:EU", "a:UN"} <= it


def test_capitalised_common_words_are_not_names() -> None:
    en = anchors_of("On Sunday the Secretary General of the Fund spoke.", "en")
    de = anchors_of("Am Sonntag sprach die Regierung über die Botschaft.", "de")
    assert not {a for a in en if a.startswith("e:")}
    assert not {a for a in de if a.startswith("e:")}


def test_aliases_join_names_that_differ_outright() -> None:
    texts = {
        "en": "The United States and NATO answered the UN.",
        "fr": "Les États-Unis et l'OTAN ont répondu à l'ONU.",
        "de": "Die Vereinigten Staaten und die NATO antworteten der UNO.",
        "es": "EE.UU. y la OTAN respondieron a la ONU.",
        "ru": "США и НАТО ответили ООН.",
        "zh": "美国和北约回应了联合国。",
    }
    for lang, text in texts.items():
        assert {"a:US", "a:NATO", "a:UN"} <= anchors_of(text, lang), lang


def test_inflected_country_names_find_their_alias() -> None:
    assert "a:US" in anchors_of("Допомога від Сполучених Штатів прибула.", "uk")
    assert "a:RU" in anchors_of("Делегация России прибыла.", "ru")


def test_a_lower_case_pronoun_is_not_the_united_states() -> None:
    assert "a:US" not in anchors_of("Let us go.", "en")


def test_arabic_names_meet_latin_ones_by_consonant_skeleton() -> None:
    assert skeleton_key("Stoltenberg") == skeleton_key("ستولتنبرغ")
    assert "s:stlt" in anchors_of("قال ستولتنبرغ إن الحلف مستعد", "ar")


def test_arabic_clitics_and_al_prefixes_are_dropped_from_skeletons() -> None:
    assert skeleton_key("القادري") == skeleton_key("Al-Qadiri") == skeleton_key("Qadiri")
    assert "n:110000" in anchors_of("تبلغ 110 آلاف برميل يومياً", "ar")


def test_quoted_titles_urls_and_handles() -> None:
    got = anchors_of(
        'The report "Silent Harbour Files" is at https://www.tarrow-news.example/files and '
        "@TarrowPort posted it.",
        "en",
    )
    assert {"q:silentharbourfiles", "u:tarrow-news.example", "u:@tarrowport"} <= got


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Die Delegation zählte dreiundzwanzig Diplomaten.", "de", "n:23"),
        ("La commission a siégé pendant vingt-et-un jours.", "fr", "n:21"),
        ("The council met for the twentieth time on Tuesday.", "en", "n:20"),
        ("Il porto ha accolto quattordici navi.", "it", "n:14"),
    ],
)
def test_compound_and_ordinal_number_words_become_values(text: str, lang: str, value: str) -> None:
    assert value in anchors_of(text, lang)
