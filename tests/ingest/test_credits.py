"""Agency credits in datelines and at paragraph ends, listed agencies or not."""

from __future__ import annotations

import pytest

from relaytrace.ingest.credits import agency_like, credit_line, strip_credit


@pytest.mark.parametrize(
    ("paragraph", "rest", "outlet"),
    [
        # agencies not in any list: a place, an optional date, a name that reads as an agency
        ("Kaltenhafen (Nordpress) – Die Fähre lief auf Grund.",
         "Kaltenhafen – Die Fähre lief auf Grund.", "Nordpress"),
        ("Villafranca del Arcén, 20 mar (Meseta Press). – Llovió toda la noche.",
         "Villafranca del Arcén, 20 mar – Llovió toda la noche.", "Meseta Press"),
        ("Tarnhavn (Vessland Wire) - The ferry is back in service.",
         "Tarnhavn - The ferry is back in service.", "Vessland Wire"),
        ("Ostrovo (KZNA) – Minister Pavel Dorn resigned.",
         "Ostrovo – Minister Pavel Dorn resigned.", "KZNA"),
        # the shapes real agencies use, in several languages
        ("PARIS (AFP) – Le ministre a démissionné.", "PARIS – Le ministre a démissionné.", "AFP"),
        ("MOSCOW, March 3 (Reuters) - The minister resigned.",
         "MOSCOW, March 3 - The minister resigned.", "Reuters"),
        ("Berlin (dpa) - Der Minister trat zurück.", "Berlin - Der Minister trat zurück.", "dpa"),
        ("Madrid, 3 mar (EFE).-El ministro dimitió.", "Madrid, 3 mar - El ministro dimitió.",
         "EFE"),
        ("Roma, 3 mar. (ANSA) - Il ministro si è dimesso.",
         "Roma, 3 mar. - Il ministro si è dimesso.", "ANSA"),
        ("Warszawa (PAP) - Minister podał się do dymisji.",
         "Warszawa - Minister podał się do dymisji.", "PAP"),
        ("МОСКВА, 3 мар — РИА Новости. Министр ушёл в отставку.",
         "МОСКВА, 3 мар — Министр ушёл в отставку.", "РИА Новости"),
        ("КИЇВ. 3 березня. УКРІНФОРМ – Міністр пішов у відставку.",
         "КИЇВ. 3 березня — Міністр пішов у відставку.", "УКРІНФОРМ"),
        ("新华社北京3月3日电（记者 王明）部长当天辞职。", "北京3月3日电部长当天辞职。", "新华社"),
        ("(KUNA) -- The minister resigned.", "The minister resigned.", "KUNA"),
        ("دبي، 8 فبراير (GWA) - استقال الوزير.", "دبي، 8 فبراير - استقال الوزير.", "GWA"),
        ("(Nordpress) – Die Fähre lief auf Grund.", "Die Fähre lief auf Grund.", "Nordpress"),
    ],
)  # fmt: skip
def test_dateline_credits(paragraph: str, rest: str, outlet: str) -> None:
    text, cue = strip_credit(paragraph, first=True)
    assert text == rest
    assert cue is not None and cue.kind == "credit" and cue.outlet == outlet


def test_a_chinese_dateline_without_an_agency_is_still_a_credit() -> None:
    text, cue = strip_credit("本报厦门10月6日电（记者 郑晓岚）工厂6日正式投产。", first=True)
    assert text == "厦门10月6日电工厂6日正式投产。"
    assert cue is not None and cue.outlet is None and cue.text.startswith("本报厦门")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Motril (Granada) – El ayuntamiento abrió dos albergues.",  # a province, not an agency
        "MOTRIL (GRANADA) – El ayuntamiento abrió dos albergues.",
        "Jan Kowalski (PiS) – powiedział w piątek, że nie poprze ustawy.",  # a party
        "The minister (Labour) - who resigned - spoke on Friday.",
        "Lyon (Rhône) – Le maire a ouvert deux gymnases.",
    ],
)
def test_places_parties_and_asides_in_parentheses_are_not_credits(paragraph: str) -> None:
    assert strip_credit(paragraph, first=True) == (paragraph, None)


def test_a_dateline_credit_is_read_in_the_first_paragraph_only() -> None:
    paragraph = "Kaltenhafen (Nordpress) – Die Fähre lief auf Grund."
    assert strip_credit(paragraph) == (paragraph, None)


@pytest.mark.parametrize(
    ("paragraph", "rest", "outlet"),
    [
        ("The next sitting is on 6 March. — Baltic Wire", "The next sitting is on 6 March.",
         "Baltic Wire"),
        ("Die Fähre liegt noch fest. (Nordpress)", "Die Fähre liegt noch fest.", "Nordpress"),
        ("The next sitting is on 6 March. — Reuters", "The next sitting is on 6 March.",
         "Reuters"),
    ],
)  # fmt: skip
def test_closing_credits(paragraph: str, rest: str, outlet: str) -> None:
    text, cue = strip_credit(paragraph)
    assert text == rest and cue is not None and cue.outlet == outlet


def test_a_speaker_after_a_dash_is_not_a_closing_credit() -> None:
    for paragraph in (
        "We will not give up the harbour. — Jan Novak",
        "The bill passed on Friday – Speaker Britt Ellingsen",
    ):
        assert strip_credit(paragraph) == (paragraph, None)


def test_a_dashed_agency_line() -> None:
    cue = credit_line("— Baltic Wire")
    assert cue is not None and cue.kind == "credit" and cue.outlet == "Baltic Wire"
    assert credit_line("— Jan Novak") is None
    assert credit_line("— and then the vote was held.") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Nordpress", True), ("Meseta Press", True), ("Baltic Wire", True), ("KUNA", True),
     ("Reuters", True), ("GRANADA", False), ("PiS", False), ("Granada", False),
     ("Jan Novak", False), ("the press", False)],
)  # fmt: skip
def test_agency_like_names(name: str, expected: bool) -> None:
    assert agency_like(name) is expected
