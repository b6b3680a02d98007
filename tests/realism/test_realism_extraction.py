"""Extraction on real-web-shaped pages: title, site name, date, language, body, cues.

Each page of ``fixtures/`` is checked as a demanding user would: the headline without
the site's suffix, the outlet's name, the publication time to the minute (the page's
own wall-clock time when it prints no zone), the body without teasers, captions,
channel promotion or paywall boxes, and every source cue with its link target.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import regex
from defects import case
from harness import Run, load_labels, token_f1

LABELS = load_labels()
PAGES = [x for x in LABELS if x["role"] != "homepage"]


def _name(label: dict) -> str:
    return label["file"].rsplit(".", 1)[0]


def _norm(s: str | None) -> str:
    return " ".join((s or "").split()).casefold()


def _uncredited(s: str) -> str:
    """Text without an agency credit in a dateline ("DUBAI, Feb 8 (GWA) -"): a credit is a cue."""
    return _norm(regex.sub(r"\s?[(（]\p{Lu}{2,6}[)）]", "", s))


def _article(run: Run, labels: dict, name: str):
    art = run.articles.get(labels[name]["url"])
    assert art is not None, f"{name} was not stored (rejections: {run.rejections})"
    return art


@pytest.mark.parametrize("name", [case("title", _name(x)) for x in PAGES])
def test_title_is_the_headline_without_site_suffix(run: Run, labels: dict, name: str) -> None:
    assert _norm(_article(run, labels, name).title) == _norm(labels[name]["title"])


@pytest.mark.parametrize("name", [case("site_name", _name(x)) for x in PAGES])
def test_site_name_is_the_outlet(run: Run, labels: dict, name: str) -> None:
    assert _norm(_article(run, labels, name).site_name) == _norm(labels[name]["site_name"])


@pytest.mark.parametrize("name", [case("lang", _name(x)) for x in PAGES])
def test_language(run: Run, labels: dict, name: str) -> None:
    assert _article(run, labels, name).lang == labels[name]["lang"]


@pytest.mark.parametrize("name", [case("date", _name(x)) for x in PAGES if x["published"]])
def test_published_to_the_minute(run: Run, labels: dict, name: str) -> None:
    """UTC when the page says its zone; else the page's own wall-clock minute."""
    lab = labels[name]
    art = _article(run, labels, name)
    assert art.published is not None
    want = datetime.fromisoformat(lab["published"]).astimezone(UTC)
    if lab["precision"] == "day":
        assert art.published.date() == want.date()
        return
    assert art.published_precision == "minute"
    if lab["local"]:
        assert art.published.replace(tzinfo=None).isoformat()[:16] == lab["local"]
    else:
        assert art.published.astimezone(UTC) == want


@pytest.mark.parametrize("name", [case("body", _name(x)) for x in PAGES])
def test_body_is_the_article_text_only(run: Run, labels: dict, name: str) -> None:
    lab = labels[name]
    art = _article(run, labels, name)
    assert _uncredited(art.paragraphs[0]) == _uncredited(lab["paragraphs"][0])
    assert _uncredited(art.paragraphs[-1]) == _uncredited(lab["paragraphs"][-1])
    body = _norm(art.body)
    for furniture in [*lab["boilerplate"], lab["cues"]["teaser"], lab["cues"]["banner"]]:
        assert not furniture or _norm(furniture) not in body
    assert token_f1(art.body, "\n\n".join(lab["paragraphs"])) >= 0.97


@pytest.mark.parametrize("name", [case("credit", "c3_origin_en"), case("credit", "c3_tr_ar")])
def test_agency_credit_in_dateline_is_a_cue(run: Run, labels: dict, name: str) -> None:
    """'DUBAI, Feb 8 (GWA) -': the wire is credited, in any script."""
    cues = _article(run, labels, name).cues_of("credit")
    assert any("gwa" in _norm(c.outlet or c.text) for c in cues)


@pytest.mark.parametrize(
    "name", [case("source_line", _name(x)) for x in PAGES if x["cues"]["source_line"]]
)
def test_source_line_found_with_its_target(run: Run, labels: dict, name: str) -> None:
    art = _article(run, labels, name)
    targets = [c.url for c in art.cues_of("source_line")]
    assert labels[name]["cues"]["source_line"] in targets
    assert all(_norm(c.text) not in _norm(art.body) for c in art.cues_of("source_line"))


@pytest.mark.parametrize(
    "name", [case("title_suffix", _name(x)) for x in PAGES if x["cues"]["title_suffix"]]
)
def test_title_suffix_names_the_origin_outlet(run: Run, labels: dict, name: str) -> None:
    cues = _article(run, labels, name).cues_of("title_suffix")
    want = _norm(labels[name]["cues"]["title_suffix"])
    assert any(want in _norm(c.outlet or c.text) for c in cues)


@pytest.mark.parametrize("name", [case("banner", _name(x)) for x in PAGES if x["cues"]["banner"]])
def test_banner_cue_names_the_relay_outlet(run: Run, labels: dict, name: str) -> None:
    cues = _article(run, labels, name).cues_of("banner")
    assert any(_norm(c.text) == _norm(labels[name]["cues"]["banner"]) for c in cues)
    assert any(_norm(c.outlet) == _norm(labels[name]["site_name"]) for c in cues)


@pytest.mark.parametrize("name", [case("teaser", _name(x)) for x in PAGES if x["cues"]["teaser"]])
def test_read_more_teaser_is_a_cue_not_body(run: Run, labels: dict, name: str) -> None:
    art = _article(run, labels, name)
    headline = _norm(labels[name]["cues"]["teaser"])
    assert any(headline in _norm(c.headline or c.text) for c in art.cues_of("teaser"))
    assert headline not in _norm(art.body)


def test_single_byte_pages_without_declaration_decode(run: Run, labels: dict) -> None:
    """windows-1251 and ISO-8859-1 pages that declare no charset still read correctly."""
    assert "Велецкая" in _article(run, labels, "c5_copy_ru_cp1251").body
    assert "Orkanböen" in _article(run, labels, "n6_weather_de_a").title


def test_every_fixture_is_stored_or_rejected_with_a_reason(run: Run) -> None:
    stored = set(run.articles)
    for lab in LABELS:
        if lab["role"] != "homepage":
            assert lab["url"] in stored, lab["file"]
