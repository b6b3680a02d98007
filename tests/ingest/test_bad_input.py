"""Bad input in one batch beside good articles: each gets its reason, nothing stored is lost."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from relaytrace.ingest.report import IngestReport
from relaytrace.service import ingest_paths

STORED_URL = "https://kestrel-gazette.example/2026/04/harbour-pilots-strike"


def page(title: str, paragraphs: list[str], *, url: str, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head>{meta}<title>{title}</title>"
        f'<link rel="canonical" href="{url}"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>© Kestrel Gazette</footer></body></html>"
    )


GOOD = page(
    "Harbour pilots in Kestrel Bay go on strike",
    [
        "Harbour pilots in Kestrel Bay stopped work on Tuesday, leaving eleven cargo ships "
        "waiting outside the breakwater, the port authority said.",
        "The pilots' union, led by Maren Ostby, is asking for a second pilot on night "
        "crossings after two near-collisions in March.",
        "Port director Henrik Vale told the Kestrel Gazette that talks would resume on Thursday "
        "and that ferries to Lanholm would keep their timetable.",
    ],
    url=STORED_URL,
)

RU_TEXT = [
    "Лоцманы порта Кестрел-Бей прекратили работу во вторник, и одиннадцать грузовых судов "
    "ждут у волнолома, сообщила администрация порта.",
    "Профсоюз лоцманов во главе с Марен Остбю требует второго лоцмана на ночных переходах "
    "после двух опасных сближений в марте.",
    "Директор порта Хенрик Вале заявил, что переговоры возобновятся в четверг.",
]
FR_TEXT = [
    "Les pilotes du port de Kestrel Bay ont cessé le travail mardi : onze cargos attendent "
    "derrière la digue, a indiqué l'autorité portuaire.",
    "Le syndicat des pilotes, mené par Maren Østby, réclame un second pilote pour les "
    "traversées de nuit après deux quasi-collisions en mars.",
    "Le directeur du port, Henrik Vale, a déclaré que les négociations reprendront jeudi "
    "et que les ferries vers Lanholm garderont leurs horaires.",
]


def build_inputs(root: Path) -> list[str]:
    """Every kind of bad input this project promises to survive, beside good articles."""
    pages = root / "pages"
    pages.mkdir(parents=True)
    (pages / "good.html").write_text(
        GOOD.replace(STORED_URL, STORED_URL + "-day-two").replace("Tuesday", "Wednesday")
    )
    (pages / "malformed.html").write_text(
        GOOD.replace("</p>", "").replace("</article>", "<div><span>").replace(STORED_URL, "")
    )
    cut = GOOD.replace(STORED_URL, STORED_URL + "-cut")
    (pages / "truncated.html").write_text(cut[: len(cut) // 3])
    (pages / "junk.html").write_bytes(bytes(range(256)) * 64)
    ru = page("Лоцманы Кестрел-Бей бастуют", RU_TEXT, url=STORED_URL + "-ru", charset=None)
    (pages / "ru-cp1251.html").write_bytes(ru.encode("cp1251"))
    fr = page("Grève des pilotes à Kestrel Bay", FR_TEXT, url=STORED_URL + "-fr", charset=None)
    (pages / "fr-latin1.html").write_bytes(fr.encode("latin-1"))
    (pages / "empty.html").write_bytes(b"")
    with (pages / "huge.html").open("wb") as fh:
        fh.write(b"<html><body><p>")
        fh.truncate(50 * 1024 * 1024)
    (pages / "no-article.html").write_text(
        '<html><head><title>Kestrel Gazette</title><link rel="canonical" '
        'href="https://kestrel-gazette.example/"></head>'
        '<body><nav><a href="/a">A</a> <a href="/b">B</a></nav></body></html>'
    )

    feed = root / "feed.jsonl"
    good_record = {
        "url": "https://kestrel-gazette.example/2026/04/ferry-timetable",
        "title": "Ferries to Lanholm keep their timetable",
        "text": "Ferries to Lanholm sail as usual during the pilots' strike, the operator said.",
        "published": "2026-04-08T09:00:00Z",
    }
    feed.write_text(
        "\n".join(
            [
                json.dumps(good_record),
                '{"url": "https://kestrel-gazette.example/x", "title": "cut here',
                json.dumps({"title": "No URL at all", "text": "Some words."}),
                json.dumps({"url": STORED_URL, "title": "The stored page, without text"}),
                "[1, 2, 3]",
            ]
        )
        + "\n"
    )

    locked = root / "locked"
    locked.mkdir()
    (locked / "dangling.html").symlink_to(locked / "gone.html")
    os.mkfifo(locked / "pipe.html")
    if os.geteuid() != 0:  # as root, chmod 000 does not block reading: the cases above stand in
        secret = locked / "secret.html"
        secret.write_text(GOOD)
        secret.chmod(0)
    return [str(pages), str(feed), str(locked), "-"]


@pytest.fixture
def outcome(store, tmp_path) -> tuple[IngestReport, tuple, tuple]:
    first = tmp_path / "first.html"
    first.write_text(GOOD)
    assert ingest_paths(store, [str(first)]).added == 1
    row = "SELECT * FROM articles WHERE url = ?"
    before = store.conn.execute(row, (STORED_URL,)).fetchall()
    paths = build_inputs(tmp_path / "inputs")
    stdin = io.BytesIO(b"Lanholm ferries sail as usual, said the operator.")
    report = ingest_paths(store, paths, stdin=stdin, batch_size=500)
    after = store.conn.execute(row, (STORED_URL,)).fetchall()
    return report, before, after


def origins(report: IngestReport, reason: str) -> set[str]:
    return {Path(r.origin.split(":")[0]).name for r in report.examples.get(reason, ())}


def test_every_bad_item_has_its_reason(outcome):
    report, _, _ = outcome
    assert origins(report, "not_html") == {"junk.html"}
    assert origins(report, "empty") == {"empty.html"}
    assert origins(report, "too_large") == {"huge.html"}
    assert origins(report, "no_article") >= {"no-article.html"}
    assert origins(report, "bad_json") == {"feed.jsonl"} and report.rejected["bad_json"] == 2
    assert origins(report, "missing_text") == {"feed.jsonl"}
    assert "stdin" in origins(report, "missing_url")
    assert "feed.jsonl" in origins(report, "missing_url")
    unreadable = {"dangling.html", "pipe.html"} | ({"secret.html"} if os.geteuid() else set())
    assert origins(report, "unreadable") == unreadable
    assert "extraction_failed" not in report.rejected


def test_good_articles_in_the_same_batch_are_stored(outcome, store):
    report, _, _ = outcome
    assert report.added >= 4  # good page, cp1251 page, latin-1 page, good record
    assert store.get_article(STORED_URL + "-day-two") is not None
    assert store.get_article("https://kestrel-gazette.example/2026/04/ferry-timetable")


def test_legacy_encodings_without_charset_come_out_right(outcome, store):
    ru = store.get_article(STORED_URL + "-ru")
    fr = store.get_article(STORED_URL + "-fr")
    assert ru.title == "Лоцманы Кестрел-Бей бастуют"
    assert "одиннадцать грузовых судов" in ru.body
    assert fr.title == "Grève des pilotes à Kestrel Bay"
    assert "Maren Østby, réclame" in fr.body


def test_malformed_page_still_yields_its_article(outcome, store):
    [malformed] = [a for a in store.iter_articles() if a.url.endswith("malformed.html")]
    assert "eleven cargo ships" in malformed.body


def test_truncated_page_is_stored_as_far_as_it_goes_or_explained(outcome, store):
    report, _, _ = outcome
    cut = store.get_article(STORED_URL + "-cut")
    assert "truncated.html" in origins(report, "no_article") or "Kestrel Bay" in cut.body


def test_the_stored_article_is_byte_for_byte_unchanged(outcome):
    _, before, after = outcome
    assert before and after == before
