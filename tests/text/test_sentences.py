"""Sentence splitting: one example per hazard, in the languages relays publish in."""

from __future__ import annotations

import json

import pytest

from relaytrace.model import Article
from relaytrace.text.sentences import sentences_of, split_sentences

NNBSP = "\u202f"  # narrow no-break space, as French typography puts before ? ! ; » and after «


def texts(text: str, lang: str | None) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Mr. Varga met Gen. Tobias Rehnholm on Monday. The talks lasted three hours.",
            ["Mr. Varga met Gen. Tobias Rehnholm on Monday.", "The talks lasted three hours."],
        ),
        (
            "en",
            "U.S. officials said the deal was worth $3.5 billion. It was signed in Vessholm.",
            ["U.S. officials said the deal was worth $3.5 billion.", "It was signed in Vessholm."],
        ),
        (
            "en",
            "The envoy flew back to the U.S. The next morning she resigned.",
            ["The envoy flew back to the U.S.", "The next morning she resigned."],
        ),
        (
            "en",
            "Spokesman M. Holtvik declined to comment. He left at 9 p.m. on Friday.",
            ["Spokesman M. Holtvik declined to comment.", "He left at 9 p.m. on Friday."],
        ),
        (
            "en",
            "The vote was delayed again... Nobody in Vessholm was surprised.",
            ["The vote was delayed again...", "Nobody in Vessholm was surprised."],
        ),
        (
            "en",
            '"We will not send troops." The minister repeated it twice on Friday evening.',
            ['"We will not send troops."', "The minister repeated it twice on Friday evening."],
        ),
        (
            "en",
            "“Is the offer final?” Holtvik asked. Nobody answered her.",
            ["“Is the offer final?” Holtvik asked.", "Nobody answered her."],
        ),
        (
            "en",
            "Prices rose sharply in 2025. 14 ports closed in March.",
            ["Prices rose sharply in 2025.", "14 ports closed in March."],
        ),
        (
            "fr",
            "M. Dupré et Mme Lavoie sont arrivés. Le ministre les attendait.",
            ["M. Dupré et Mme Lavoie sont arrivés.", "Le ministre les attendait."],
        ),
        (
            "fr",
            f"Faut-il envoyer des conseillers{NNBSP}? Le bloc hésite encore.",
            [f"Faut-il envoyer des conseillers{NNBSP}?", "Le bloc hésite encore."],
        ),
        (
            "fr",
            f"«{NNBSP}Il n’est pas prévu d’envoyer des troupes. Mais nous conseillons.{NNBSP}»"
            " il a dit. La réunion a duré une heure.",
            [
                f"«{NNBSP}Il n’est pas prévu d’envoyer des troupes.",
                f"Mais nous conseillons.{NNBSP}» il a dit.",
                "La réunion a duré une heure.",
            ],
        ),
        (
            "fr",
            "« Nous resterons ! » a lancé la porte-parole. Elle est partie.",
            ["« Nous resterons ! » a lancé la porte-parole.", "Elle est partie."],
        ),
        (
            "fr",
            "« Le retard a eu des conséquences. » Le ministre de Vessland a quitté la salle.",
            [
                "« Le retard a eu des conséquences. »",
                "Le ministre de Vessland a quitté la salle.",
            ],
        ),
        (
            "de",
            "Am 3. März traf Dr. Weber z. B. Vertreter aus Gera. Die Gespräche dauerten an.",
            ["Am 3. März traf Dr. Weber z. B. Vertreter aus Gera.", "Die Gespräche dauerten an."],
        ),
        (
            "de",
            "Der 2. Weltkrieg wurde erwähnt. Im Jahr 2024. Die Lage bleibt ernst.",
            ["Der 2. Weltkrieg wurde erwähnt.", "Im Jahr 2024.", "Die Lage bleibt ernst."],
        ),
        (
            "de",
            "„Wir bleiben hier.“ Das sagte die Sprecherin am Abend in Vessholm.",
            ["„Wir bleiben hier.“", "Das sagte die Sprecherin am Abend in Vessholm."],
        ),
        (
            "es",
            "¿Habrá tropas en Velmora? —preguntó la Sra. López. ¡No! La respuesta fue clara.",
            [
                "¿Habrá tropas en Velmora? —preguntó la Sra. López.",
                "¡No!",
                "La respuesta fue clara.",
            ],
        ),
        (
            "es",
            "La ayuda de EE. UU. llegó tarde. El Dr. Ruiz lo confirmó.",
            ["La ayuda de EE. UU. llegó tarde.", "El Dr. Ruiz lo confirmó."],
        ),
        (
            "it",
            "Il Sig. Ferretti e il Dott. Lanza erano presenti. La seduta è stata sospesa.",
            ["Il Sig. Ferretti e il Dott. Lanza erano presenti.", "La seduta è stata sospesa."],
        ),
        (
            "pt",
            "O Sr. Tavares e a Dra. Neves chegaram às 10h30. A reunião começou logo.",
            ["O Sr. Tavares e a Dra. Neves chegaram às 10h30.", "A reunião começou logo."],
        ),
        (
            "pl",
            "Spotkanie odbyło się przy ul. Długiej, np. z prof. Nowakiem. Potem wszyscy wyszli.",
            [
                "Spotkanie odbyło się przy ul. Długiej, np. z prof. Nowakiem.",
                "Potem wszyscy wyszli.",
            ],
        ),
        (
            "pl",
            "Umowę podpisano 3. maja w Gdyni. Rząd ją zatwierdził.",
            ["Umowę podpisano 3. maja w Gdyni.", "Rząd ją zatwierdził."],
        ),
        (
            "ru",
            "В 2025 г. посол В. Петров, т. е. глава миссии, уехал. Переговоры сорвались.",
            ["В 2025 г. посол В. Петров, т. е. глава миссии, уехал.", "Переговоры сорвались."],
        ),
        (
            "ru",
            "«Мы не отправим войска». Об этом заявил генерал Орлов в воскресенье вечером.",
            ["«Мы не отправим войска».", "Об этом заявил генерал Орлов в воскресенье вечером."],
        ),
        (
            "ru",
            "«Войск не будет!» — сказал он. Зал молчал.",
            ["«Войск не будет!» — сказал он.", "Зал молчал."],
        ),
        (
            "uk",
            "Офіс на вул. Садовій закрили у 2024 р. Але працівників перевели до Львова.",
            ["Офіс на вул. Садовій закрили у 2024 р.", "Але працівників перевели до Львова."],
        ),
        (
            "uk",
            "Посол О. Коваль привіз зерно, олію тощо. Це підтвердив міністр.",
            ["Посол О. Коваль привіз зерно, олію тощо.", "Це підтвердив міністр."],
        ),
        (
            "uk",
            "У 2024 р. Коваленко очолив місію.",
            ["У 2024 р. Коваленко очолив місію."],
        ),
        (
            "ar",
            "هل سترسل الدول قوات؟ قال المتحدث إن المحادثات مستمرة. وأضاف أن الوضع هادئ.",
            ["هل سترسل الدول قوات؟", "قال المتحدث إن المحادثات مستمرة.", "وأضاف أن الوضع هادئ."],
        ),
        (
            "zh",
            "发言人说：“我们不会派兵。”会议结束了！下周再谈吗？双方同意。",
            ["发言人说：“我们不会派兵。”", "会议结束了！", "下周再谈吗？", "双方同意。"],
        ),
    ],
)
def test_splits_like_a_reader(lang: str, text: str, expected: list[str]) -> None:
    assert texts(text, lang) == expected


def test_unknown_language_uses_every_rule_set() -> None:
    text = "Am 3. März sprach Dr. Weber mit Mr. Varga. Danach flog er nach Gera."
    assert texts(text, None) == [
        "Am 3. März sprach Dr. Weber mit Mr. Varga.",
        "Danach flog er nach Gera.",
    ]


def test_a_language_without_data_still_splits() -> None:
    text = "Kokous päättyi illalla. Seuraava pidetään maanantaina."
    assert texts(text, "fi") == ["Kokous päättyi illalla.", "Seuraava pidetään maanantaina."]


def test_paragraphs_are_never_merged() -> None:
    text = "Dernières Nouvelles | News 24\n\nLes membres du bloc ont des conseillers\n\nLien source"
    assert texts(text, "fr") == [
        "Dernières Nouvelles | News 24",
        "Les membres du bloc ont des conseillers",
        "Lien source",
    ]


def test_a_line_break_ends_a_sentence_unless_the_line_continues_in_lower_case() -> None:
    text = "Read more\nMinister resigns after vote\nthe vote was close."
    assert texts(text, "en") == ["Read more", "Minister resigns after vote\nthe vote was close."]


def test_offsets_are_trimmed_and_point_into_the_text() -> None:
    text = "  First one here.   Second one there.  \n\n  Third.  "
    spans = split_sentences(text, "en")
    assert [text[s:e] for s, e in spans] == ["First one here.", "Second one there.", "Third."]
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", " \u00a0 "])
def test_empty_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text, "en") == []


def test_text_without_punctuation_is_one_sentence() -> None:
    assert texts("Breaking news from Vessholm tonight", "en") == [
        "Breaking news from Vessholm tonight"
    ]


def test_sentences_of_points_into_the_article_body() -> None:
    paragraphs = (
        "Le ministre est arrivé. Il a parlé.",
        "« Nous resterons. » a-t-il dit.",
        "Lien source",
    )
    article = Article(
        url="https://relay.example/a", site="relay.example", title="T", paragraphs=paragraphs
    )
    sentences = sentences_of(paragraphs, "fr")
    assert [s.text for s in sentences] == [
        "Le ministre est arrivé.",
        "Il a parlé.",
        "« Nous resterons. » a-t-il dit.",
        "Lien source",
    ]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2]
    assert all(article.body[s.start : s.end] == s.text for s in sentences)


def test_sentences_of_keeps_offsets_after_empty_paragraphs() -> None:
    paragraphs = ("Erster Satz.", "", "Zweiter Satz. Dritter Satz.")
    body = "\n\n".join(paragraphs)
    sentences = sentences_of(paragraphs, "de")
    assert [s.paragraph for s in sentences] == [0, 2, 2]
    assert all(body[s.start : s.end] == s.text for s in sentences)


def test_a_short_sentence_after_a_quote_is_not_taken_for_an_attribution() -> None:
    text = '"We stay." The end came. "Why?" Holtvik asked.'
    assert texts(text, "en") == ['"We stay."', "The end came.", '"Why?" Holtvik asked.']


def test_straight_quotes_in_chinese_open_or_close_by_their_count() -> None:
    text = '林主任介绍了工厂。"设备国产化是供应链安全的需要。"他说。园区表示欢迎。'
    assert texts(text, "zh") == [
        "林主任介绍了工厂。",
        '"设备国产化是供应链安全的需要。"他说。',
        "园区表示欢迎。",
    ]


def test_a_chinese_opening_quote_glued_to_the_stop_starts_the_next_sentence() -> None:
    text = "发动机工作稳定。“团队将在两周内完成检测。”他说。“穹梭二号”是两级火箭。"
    assert texts(text, "zh") == [
        "发动机工作稳定。",
        "“团队将在两周内完成检测。”他说。",
        "“穹梭二号”是两级火箭。",
    ]


def test_an_agency_dateline_between_slashes_is_not_a_sentence_of_its_own() -> None:
    text = "STAROBOR, 14 марта. /Восток Сегодня/. Пожар на заводе потушен."
    assert texts(text, "ru") == [
        "STAROBOR, 14 марта. /Восток Сегодня/.",
        "Пожар на заводе потушен.",
    ]


def test_greek_question_mark_is_a_semicolon() -> None:
    text = "Θα στείλει η Συμμαχία στρατό; Ο κ. Παπαδάκης το αρνήθηκε."
    assert texts(text, "el") == ["Θα στείλει η Συμμαχία στρατό;", "Ο κ. Παπαδάκης το αρνήθηκε."]
    assert texts("Talks failed; Holtvik left.", "en") == ["Talks failed; Holtvik left."]


def test_an_omission_mark_in_brackets_does_not_end_the_sentence() -> None:
    text = "« Nous avons […] Des conseillers sur place. » Le ministre est parti."
    assert texts(text, "fr") == [
        "« Nous avons […] Des conseillers sur place. »",
        "Le ministre est parti.",
    ]


def test_a_japanese_quote_followed_by_a_particle_stays_in_its_sentence() -> None:
    text = "「部隊を送る予定はない。」と報道官は記者会見で述べた。会見は一時間続いた。"
    assert texts(text, "ja") == [
        "「部隊を送る予定はない。」と報道官は記者会見で述べた。",
        "会見は一時間続いた。",
    ]


def test_windows_line_endings_still_separate_paragraphs() -> None:
    text = "Read more\r\n\r\nthe talks ended late.\r\nMinister resigns"
    assert texts(text, "en") == ["Read more", "the talks ended late.", "Minister resigns"]


def test_a_regional_tag_uses_its_language_rules() -> None:
    assert texts("Mr. Varga left. The vote followed.", "en-GB") == [
        "Mr. Varga left.",
        "The vote followed.",
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ro", "Dl. Popescu a sosit la Cluj. Ministrul l-a primit.",
         ["Dl. Popescu a sosit la Cluj.", "Ministrul l-a primit."]),
        ("hu", "Dr. Kovács szerint pl. a kormány döntött. Ez fontos.",
         ["Dr. Kovács szerint pl. a kormány döntött.", "Ez fontos."]),
        ("bg", "Проф. Иванов пристигна през 2024 г. Той говори.",
         ["Проф. Иванов пристигна през 2024 г.", "Той говори."]),
        ("da", "Mødet sluttede kl. 14 i går. Ministeren tog f.eks. ordet.",
         ["Mødet sluttede kl. 14 i går.", "Ministeren tog f.eks. ordet."]),
        ("hr", "Prema dr. Horvatu, npr. Vlada je odlučila. To je važno.",
         ["Prema dr. Horvatu, npr. Vlada je odlučila.", "To je važno."]),
    ],
)  # fmt: skip
def test_more_languages_of_the_relay_web(lang: str, text: str, expected: list[str]) -> None:
    assert texts(text, lang) == expected


# Eval gate: a translation has as many sentences as its origin (alignment relies on it).
from shared_paths import DEVSET  # noqa: E402


def _without_source_lines(text: str) -> str:
    """Drop trailing credit lines ("Lien source", "Fonte: Northwind Wire")."""
    paragraphs = text.split("\n\n")
    while paragraphs and len(paragraphs[-1].split()) <= 8 and paragraphs[-1][-1:] not in ".!?。":
        paragraphs.pop()
    return "\n\n".join(paragraphs)


@pytest.mark.skipif(not (DEVSET / "gold.jsonl").exists(), reason="devset not available")
def test_devset_translations_have_their_origins_sentence_count() -> None:
    gold = [json.loads(line) for line in (DEVSET / "gold.jsonl").open(encoding="utf-8")]
    texts_by_url = {
        doc["url"]: doc["text"]
        for doc in map(json.loads, (DEVSET / "corpus.jsonl").open(encoding="utf-8"))
    }
    counts = {
        g["id"]: len(split_sentences(_without_source_lines(texts_by_url[g["url"]]), g["lang"]))
        for g in gold
    }
    origins = {g["story"]: g["id"] for g in gold if g["role"] == "origin"}
    diffs = [
        counts[g["id"]] - counts[origins[g["story"]]] for g in gold if g["role"] == "translation"
    ]
    assert len(diffs) > 50
    assert sum(d == 0 for d in diffs) / len(diffs) >= 0.85
    assert sum(abs(d) <= 1 for d in diffs) / len(diffs) >= 0.9


def test_hard_wrapped_text_is_joined_across_line_breaks() -> None:
    text = (
        "The Secretary General of the Northern Security Compact, Maren\n"
        "Holtvik, said on Sunday that several member states keep uniformed\n"
        "advisers at their embassies in Velmora. Opposition politicians in\n"
        "Vessland called on the government to publish the exact number.\n"
    )
    assert [" ".join(s.split()) for s in texts(text, "en")] == [
        "The Secretary General of the Northern Security Compact, Maren Holtvik, said on Sunday"
        " that several member states keep uniformed advisers at their embassies in Velmora.",
        "Opposition politicians in Vessland called on the government to publish the exact number.",
    ]


def test_a_list_of_headlines_is_not_taken_for_hard_wrapped_prose() -> None:
    text = (
        "Minister resigns after the vote in parliament on Friday\n"
        "Parliament passes the aid bill for the capital Velmora\n"
        "Opposition calls for new elections in Vessland this year\n"
        "Read more"
    )
    assert len(texts(text, "en")) == 4


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "“We will stay.” The talks ended late on Friday evening.",
         ["“We will stay.”", "The talks ended late on Friday evening."]),
        ("ru", "«Мы не отправим войска.» Генерал Орлов повторил это дважды в эфире.",
         ["«Мы не отправим войска.»", "Генерал Орлов повторил это дважды в эфире."]),
        ("it", "«Resteremo qui!» Il ministro lo ha detto ai giornalisti di Vessholm.",
         ["«Resteremo qui!»", "Il ministro lo ha detto ai giornalisti di Vessholm."]),
        ("pl", "„Zostajemy.” Minister powtórzył to dziennikarzom w Gdyni.",
         ["„Zostajemy.”", "Minister powtórzył to dziennikarzom w Gdyni."]),
    ],
)  # fmt: skip
def test_a_quote_closes_after_the_full_stop(lang: str, text: str, expected: list[str]) -> None:
    assert texts(text, lang) == expected


def test_rules_come_from_the_language_data_files():
    from relaytrace.text.sentence_rules import key, rules

    german = rules("de")
    assert german.ordinal_dot and "märz" in german.months
    assert key("z. B.") == "z.B"
    assert rules("xx").langs == ("xx",)  # no data file: shared rules only
    assert set(german.no_break) <= set(rules(None).no_break) | set(rules(None).may_end)


def test_a_chinese_text_splits_without_the_optional_chinese_word_list() -> None:
    """wordfreq needs jieba for Chinese frequencies; without it the split must not fail."""
    text = "新华社报道，Vexta Ltd. Alxn 表示会议将于周五举行。"
    assert [text[a:b] for a, b in split_sentences(text, "zh")] == [text]
