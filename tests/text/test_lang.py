"""Language identification on short, mixed, empty and unknown-language texts."""

from __future__ import annotations

import json

import pytest

from relaytrace.text.lang import detect_language, detect_language_scored


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister of Vessland said the advisers would stay at the embassy.", "en"),
        ("Le ministre a déclaré que les conseillers resteraient à l’ambassade.", "fr"),
        ("Der Minister sagte, die Berater würden in der Botschaft bleiben.", "de"),
        ("El ministro dijo que los asesores se quedarían en la embajada.", "es"),
        ("Il ministro ha detto che i consiglieri resteranno all'ambasciata.", "it"),
        ("O ministro disse que os conselheiros ficariam na embaixada.", "pt"),
        ("Minister powiedział, że doradcy pozostaną w ambasadzie.", "pl"),
        ("Министр заявил, что советники останутся в посольстве.", "ru"),
        ("Міністр заявив, що радники залишаться в посольстві.", "uk"),
        ("قال الوزير إن المستشارين سيبقون في السفارة.", "ar"),
        ("部长表示，顾问们将留在大使馆。", "zh"),
        ("大臣は、顧問団が大使館に残ると述べた。", "ja"),
    ],
)
def test_one_sentence_is_enough(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("장관은 고문단이 대사관에 남을 것이라고 말했다.", "ko"),
        ("השר אמר כי היועצים יישארו בשגרירות.", "he"),
        ("Ο υπουργός είπε ότι οι σύμβουλοι θα παραμείνουν στην πρεσβεία.", "el"),
        ("وزیر گفت که مشاوران در سفارت خواهند ماند.", "fa"),
        ("Bakan, danışmanların büyükelçilikte kalacağını söyledi.", "tr"),
        ("De minister zei dat de adviseurs op de ambassade blijven.", "nl"),
        ("A miniszter azt mondta, hogy a tanácsadók a nagykövetségen maradnak.", "hu"),
        ("Ministrul a spus că consilierii vor rămâne la ambasadă.", "ro"),
        ("Министърът каза, че съветниците ще останат в посолството.", "bg"),
        ("Ministr řekl, že poradci zůstanou na velvyslanectví.", "cs"),
        ("Ministri sanoi, että neuvonantajat jäävät suurlähetystöön.", "fi"),
        ("Bộ trưởng nói rằng các cố vấn sẽ ở lại đại sứ quán.", "vi"),
        ("मंत्री ने कहा कि सलाहकार दूतावास में रहेंगे।", "hi"),
        ("Міністр сказаў, што дарадцы застануцца ў амбасадзе.", "be"),
    ],
)
def test_languages_beyond_the_devset(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vessland parliament approves aid package for the capital", "en"),
        ("Le parlement de Vessland adopte le plan d’aide", "fr"),
        ("Парламент одобрил пакет помощи столице", "ru"),
    ],
)
def test_headlines(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_russian_letters_rule_out_bulgarian() -> None:
    # Short Russian text with "ы" and "э": the alphabet decides between close languages.
    assert detect_language("Мы вышли из этого здания рано утром.") == "ru"


def test_a_foreign_name_does_not_rule_a_language_out() -> None:
    text = "O clube vendeu o avançado Iker Saldaña ao Northgate por 48 milhões de euros."
    assert detect_language(text) == "pt"


@pytest.mark.parametrize("text", ["", "   ", "1234 5678 !!!", "— | —", "https://a.example/1"])
def test_no_letters_no_language(text: str) -> None:
    assert detect_language_scored(text) == (None, 0.0)


@pytest.mark.parametrize("text", ["Holtvik", "OK, Vessland", "Gera"])
def test_too_short_to_tell(text: str) -> None:
    assert detect_language(text) is None


def test_mixed_text_goes_to_the_language_of_most_of_it() -> None:
    text = (
        "Breaking News | World Brief Now\n\n"
        "Les membres du bloc ont des conseillers militaires dans leurs ambassades, "
        "a déclaré la secrétaire générale dans une interview diffusée dimanche soir. "
        "Elle a refusé de dire combien de personnes étaient concernées."
    )
    lang, score = detect_language_scored(text)
    assert lang == "fr"
    assert 0.5 <= score <= 1.0


def test_score_is_a_probability_and_none_comes_with_a_low_one() -> None:
    for text in ("Gera Vessholm Velmora Holtvik Rehnholm", "The talks ended late on Friday."):
        lang, score = detect_language_scored(text)
        assert 0.0 <= score <= 1.0
        assert lang is not None or score < 0.5


def test_only_iso_639_1_codes_come_out() -> None:
    # Cantonese-leaning and Wu-leaning Chinese are reported as "zh", never "yue" or "wuu".
    for text in ("佢哋今日喺大使館開會，講咗好耐。", "星穹航天复用火箭一箭十八星发射成功"):
        lang = detect_language(text)
        assert lang == "zh"


def test_very_long_text_is_fine() -> None:
    text = "Die Regierung hat am Freitag das Gesetz beschlossen. " * 2000
    assert detect_language(text) == "de"


# Eval gate on the labelled devset (benchmarks/langid.py prints the full figures).
from shared_paths import DEVSET  # noqa: E402


@pytest.mark.skipif(not (DEVSET / "gold.jsonl").exists(), reason="devset not available")
def test_devset_languages_are_identified() -> None:
    gold = {}
    for line in (DEVSET / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["url"]] = row["lang"]
    right = total = 0
    for line in (DEVSET / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        right += detect_language(doc["title"] + "\n\n" + doc["text"]) == gold[doc["url"]]
        total += 1
    assert total > 200
    assert right / total >= 0.99
