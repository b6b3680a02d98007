"""The server-rendered pages, read as a browser without JavaScript would get them."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from relaytrace.api import create_app
from relaytrace.api.views import clean, safe_href, segments

from .conftest import HOSTILE_URL, RECORDS, TRANSLATION_TEXT

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.fixture
def client(small_db: Path) -> TestClient:
    return TestClient(create_app(small_db))


def article_id(client: TestClient, url: str) -> int:
    items = client.get("/api/v1/articles", params={"limit": 200}).json()["items"]
    return next(a["id"] for a in items if a["url"] == url)


def test_home_shows_figures_clusters_and_the_paste_form(client: TestClient) -> None:
    html = client.get("/").text
    assert "articles" in html and 'action="/trace"' in html
    assert "Storm strands 412 containers in Quellmark port" in html  # the cluster's origin


def test_article_page_renders_origin_tree_and_passages(client: TestClient) -> None:
    aid = article_id(client, RECORDS[2]["url"])
    html = client.get(f"/articles/{aid}").text
    assert 'id="origin"' in html and "Quellmark Courier" in html
    assert 'class="tree"' in html and "<details" in html  # the no-JS relay tree
    assert 'id="tree-data"' in html
    assert 'class="sbs"' in html and '<mark class="anchor">412</mark>' in html
    assert 'id="timeline"' in html


def test_origin_page_says_it_is_the_origin(client: TestClient) -> None:
    aid = article_id(client, RECORDS[0]["url"])
    assert "This article is the origin" in client.get(f"/articles/{aid}").text


def test_paste_form_traces_without_storing(client: TestClient) -> None:
    r = client.post(
        "/trace", data={"text": "La tempête bloque 412 conteneurs\n\n" + TRANSLATION_TEXT}
    )
    assert r.status_code == 200
    assert "Pasted text, traced without storing it" in r.text
    assert RECORDS[0]["title"] in r.text
    assert client.get("/api/v1/stats").json()["articles"] == len(RECORDS)


def test_empty_paste_is_an_error_page(client: TestClient) -> None:
    r = client.post("/trace", data={"text": "  "})
    assert r.status_code == 400 and "Error 400" in r.text


def test_outlet_page_has_lag_chart_and_ties(client: TestClient) -> None:
    html = client.get("/outlets/actuflash.example").text
    assert "<svg" in html and "<rect" in html
    assert "quellmarkcourier.example" in html
    assert client.get("/outlets/unknown.example").status_code == 404


def test_network_page_has_filters_exports_and_table(client: TestClient) -> None:
    html = client.get("/network", params={"lang": "fr"}).text
    for fmt in ("network.gexf", "network.graphml", "network.csv"):
        assert fmt in html
    assert 'id="network-table"' in html and "Actu Flash" in html
    assert "Auto News Feed" not in html.split('id="network-table"')[1]
    assert client.get("/network", params={"since": "yesterday"}).status_code == 400


def test_articles_list_and_search(client: TestClient) -> None:
    html = client.get("/articles", params={"q": "glasshouse"}).text
    assert "Velden garden opens a desert glasshouse" in html
    assert "Storm strands" not in html


def test_hostile_content_is_inert(client: TestClient) -> None:
    aid = article_id(client, HOSTILE_URL)
    pages = [client.get(f"/articles/{aid}").text, client.get("/articles").text]
    origin_id = article_id(client, RECORDS[0]["url"])
    pages.append(client.get(f"/articles/{origin_id}").text)  # lists it in the story
    for html in pages:
        assert "<script>window" not in html and "<img src=x" not in html
        assert "<svg onload" not in html
        assert 'href="javascript:' not in html.lower()
        assert not any(ch in html for ch in BIDI)
        assert "{{ 7*7 }}" in html or "49" not in html  # no template evaluation of content
    page = pages[0]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "unsafe-url" in page or "javascript:" not in page


def test_pages_carry_no_inline_script(client: TestClient) -> None:
    aid = article_id(client, RECORDS[2]["url"])
    for path in ("/", f"/articles/{aid}", "/network", "/outlets/actuflash.example"):
        html = client.get(path).text
        scripts = html.count("<script")
        allowed = html.count('<script src="/static/') + html.count('type="application/json"')
        assert scripts == allowed, path
        assert " onclick=" not in html and " onload=" not in html


# -- view helpers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x",
     "//evil.example/x", "https://user:pw@evil.example/", "https://a.example/\u202e", ""],
)  # fmt: skip
def test_safe_href_drops_what_is_not_plain_http(url: str) -> None:
    out = safe_href(url)
    assert out is None or out == "https://a.example/"


def test_safe_href_keeps_http_links() -> None:
    assert safe_href("https://news.example/a?b=1") == "https://news.example/a?b=1"


def test_clean_removes_bidi_and_control_characters() -> None:
    assert clean("abc\u202edef\u202c\x07") == "abcdef"


def test_segments_mark_names_and_changed_numbers() -> None:
    parts = segments("Varnholm said 412 boxes and 60 boats.", "Varnholm a dit 412 boîtes et 61.")
    kinds = {text: kind for text, kind in parts if kind}
    # a capital opening the sentence is not taken for a name
    assert kinds == {"412": "anchor", "60": "changed"}


def test_origin_outlet_page_charts_how_fast_others_relay_it(client: TestClient) -> None:
    html = client.get("/outlets/quellmarkcourier.example").text
    assert "how fast others relay them" in html and "<rect" in html
