"""Arabic: verb-first sentences, verbs with the "and" clitic, speakers without capitals."""

from __future__ import annotations

from relaytrace.trace.statements import extract_from_text

PORT = (
    "وقال وزير النقل، الدكتور نادر الصافي، إن الميناء سيعيد فتح أبوابه يوم الاثنين المقبل.",
    "وأضاف الصافي أن السفن الأولى ستصل إلى الرصيف مساء الأحد. "
    "وأوضح أن الرصيف الجديد أصبح جاهزاً بالكامل.",
    "ورأت ليلى الحداد، المحللة في مركز الدراسات البحرية، أن القرار جاء متأخراً بعض الشيء.",
)


def test_role_then_name_in_apposition_after_the_verb() -> None:
    first = extract_from_text(PORT, "ar")[0]
    assert (first.speaker, first.verb) == ("نادر الصافي", "وقال")
    assert first.speaker_role is not None and first.speaker_role.startswith("وزير النقل")
    assert first.quote == "الميناء سيعيد فتح أبوابه يوم الاثنين المقبل"


def test_surname_and_missing_subject_resolve_to_the_full_name() -> None:
    found = extract_from_text(PORT, "ar")
    assert [s.verb for s in found[1:3]] == ["وأضاف", "وأوضح"]
    assert [s.speaker for s in found[1:3]] == ["نادر الصافي", "نادر الصافي"]


def test_name_then_role_in_apposition() -> None:
    last = extract_from_text(PORT, "ar")[-1]
    assert last.speaker == "ليلى الحداد"
    assert last.speaker_role == "المحللة في مركز الدراسات البحرية"
    assert last.quote == "القرار جاء متأخراً بعض الشيء"


def test_a_preposition_after_the_verb_is_not_the_speaker() -> None:
    paras = (
        "وقال الصافي إن العمل سيستمر طوال الليل.",
        "وأشار إلى أن الفرق الهندسية تعمل بلا توقف منذ يومين.",
    )
    found = extract_from_text(paras, "ar")
    assert [s.speaker for s in found] == ["الصافي", "الصافي"]
