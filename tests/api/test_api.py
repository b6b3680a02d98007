"""REST API examples with FastAPI's TestClient over a real SQLite fixture database."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from relaytrace.api import create_app
from relaytrace.api.context import Limits
from relaytrace.errors import StoreError

from .conftest import ORIGIN_TEXT, RECORDS, TRANSLATION_TEXT

TOKEN = "s3cret-test-token"


@pytest.fixture
def client(small_db: Path) -> TestClient:
    return TestClient(create_app(small_db))


@pytest.fixture
def writer(small_db: Path) -> TestClient:
    return TestClient(create_app(small_db, allow_write=True, token=TOKEN))


def error_code(response) -> str:
    return response.json()["error"]["code"]


# -- articles ---------------------------------------------------------------


def test_list_articles_pages_and_counts(client: TestClient) -> None:
    first = client.get("/api/v1/articles", params={"limit": 2}).json()
    second = client.get("/api/v1/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == len(RECORDS)
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert {a["id"] for a in first["items"]}.isdisjoint(a["id"] for a in second["items"])


def test_list_articles_filters(client: TestClient) -> None:
    fr = client.get("/api/v1/articles", params={"lang": "fr"}).json()
    assert [a["site"] for a in fr["items"]] == ["actuflash.example"]
    site = client.get("/api/v1/articles", params={"site": "veldenpost.example"}).json()
    assert site["total"] == 1
    q = client.get("/api/v1/articles", params={"q": "glasshouse"}).json()
    assert [a["site"] for a in q["items"]] == ["veldenpost.example"]
    later = client.get("/api/v1/articles", params={"since": "2026-03-11T00:00:00Z"}).json()
    assert [a["site"] for a in later["items"]] == ["veldenpost.example"]


def test_limit_is_capped(client: TestClient) -> None:
    r = client.get("/api/v1/articles", params={"limit": 5000})
    assert r.status_code == 422
    assert error_code(r) == "invalid_request"


def test_article_with_cues_and_relations(client: TestClient) -> None:
    r = client.get("/api/v1/articles/3").json()
    assert r["lang"] == "fr"
    assert {c["kind"] for c in r["cues"]} >= {"title_suffix"}
    kinds = {rel["kind"] for rel in r["relations"]}
    assert "translation" in kinds


def test_unknown_article_is_404_json(client: TestClient) -> None:
    r = client.get("/api/v1/articles/999")
    assert r.status_code == 404
    assert r.json() == {"error": {"code": "not_found", "message": "no article 999 in the store"}}


def test_unknown_route_is_json_under_api(client: TestClient) -> None:
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and error_code(r) == "not_found"


# -- provenance ----------------------------------------------------------------


def test_trace_stored_url_names_the_origin(client: TestClient) -> None:
    r = client.post("/api/v1/trace", json={"url": RECORDS[2]["url"]})
    assert r.status_code == 200
    body = r.json()
    assert body["stored"] is True
    assert body["origin"]["url"] == RECORDS[0]["url"]
    assert body["tree"] and any(e["lag_parent"] for e in body["tree"])
    pairs = next(rel for rel in body["relations"] if rel["kind"] == "translation")["pairs"]
    assert any("412" in p["a_text"] and "412" in p["b_text"] for p in pairs)


def test_trace_reads_the_statements_stored_at_ingest(small_db: Path) -> None:
    from relaytrace.model import Statement
    from relaytrace.store.sqlite import SQLiteStore

    store = SQLiteStore(small_db)
    stored = Statement("direct", "Nous rouvrirons le port", 0, 20, speaker="Edda Fjell")
    store.put_statements(3, [stored])
    store.close()
    body = TestClient(create_app(small_db)).post("/api/v1/trace", json={"url": RECORDS[2]["url"]})
    assert [(s["quote"], s["speaker"]) for s in body.json()["statements"]] == [
        ("Nous rouvrirons le port", "Edda Fjell")
    ]


def test_trace_pasted_text_is_not_stored(client: TestClient) -> None:
    pasted = "La tempête bloque 412 conteneurs\n\n" + TRANSLATION_TEXT
    r = client.post("/api/v1/trace", json={"text": pasted})
    assert r.status_code == 200
    body = r.json()
    assert body["stored"] is False and body["article"]["id"] == -1
    assert body["origin"]["url"] == RECORDS[0]["url"]
    assert client.get("/api/v1/articles").json()["total"] == len(RECORDS)


def test_trace_html_and_upload(client: TestClient) -> None:
    paras = "".join(f"<p>{p}</p>" for p in ORIGIN_TEXT.split("\n\n"))
    page = (
        "<html><head><title>Storm strands 412 containers</title></head><body><article>"
        f"<h1>Storm strands 412 containers</h1>{paras}</article></body></html>"
    )
    src = "https://elsewhere.example/storm"
    r = client.post("/api/v1/trace", json={"html": page, "source_url": src})
    assert r.status_code == 200, r.text
    assert any(rel["kind"] == "copy" for rel in r.json()["relations"])
    up = client.post(
        "/api/v1/trace/upload",
        files={"file": ("page.html", page.encode(), "text/html")},
        data={"source_url": src},
    )
    assert up.status_code == 200 and up.json()["relations"]


def test_trace_needs_exactly_one_input(client: TestClient) -> None:
    r = client.post("/api/v1/trace", json={})
    assert r.status_code == 400 and error_code(r) == "bad_trace_request"
    r = client.post("/api/v1/trace", json={"text": "a", "url": "https://x.example/"})
    assert r.status_code == 400


def test_trace_of_unstored_url_on_read_only_server(client: TestClient) -> None:
    r = client.post("/api/v1/trace", json={"url": "https://nowhere.example/a"})
    assert r.status_code == 404 and error_code(r) == "not_stored"


def test_trace_url_fetch_goes_through_the_ssrf_guard(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/v1/trace", json={"url": "http://127.0.0.1:9/admin"}, headers=auth)
    assert r.status_code == 400 and error_code(r) == "blocked_address"
    r = writer.post("/api/v1/trace", json={"url": "file:///etc/passwd"}, headers=auth)
    assert r.status_code == 400 and error_code(r) == "bad_scheme"


def test_trace_url_fetch_needs_the_token(writer: TestClient) -> None:
    r = writer.post("/api/v1/trace", json={"url": "https://nowhere.example/a"})
    assert r.status_code == 401 and error_code(r) == "unauthorized"
    assert r.headers["www-authenticate"] == "Bearer"


def test_empty_pasted_text_is_a_clear_error(client: TestClient) -> None:
    r = client.post("/api/v1/trace", json={"text": "   \n  "})
    assert r.status_code == 400 and error_code(r) == "empty"


def test_relations_filter_and_page(client: TestClient) -> None:
    all_ = client.get("/api/v1/relations", params={"limit": 200}).json()["items"]
    copies = client.get("/api/v1/relations", params={"kind": "copy"}).json()["items"]
    assert copies and all(r["kind"] == "copy" for r in copies)
    one = client.get("/api/v1/relations", params={"limit": 1, "offset": 1}).json()["items"]
    assert one == all_[1:2]
    mine = client.get("/api/v1/relations", params={"article": 4}).json()["items"]
    assert mine == []


def test_origins_and_stories(client: TestClient) -> None:
    origins = client.get("/api/v1/origins").json()
    by_article = {row["article"]: row for row in origins["items"]}
    assert by_article[RECORDS[1]["url"]]["origin"] == RECORDS[0]["url"]
    assert by_article[RECORDS[2]["url"]]["lag_minutes"] is not None
    stories = client.get("/api/v1/stories").json()
    assert stories["total"] >= 3


def test_outlets_and_one_outlet(client: TestClient) -> None:
    sites = {s["site"]: s for s in client.get("/api/v1/outlets").json()["items"]}
    assert sites["autonewsfeed.example"]["relays"] == 1
    one = client.get("/api/v1/outlets/actuflash.example").json()
    assert one["edges"][0]["origin"] == "quellmarkcourier.example"
    r = client.get("/api/v1/outlets/unknown.example")
    assert r.status_code == 404 and error_code(r) == "not_found"


def test_network_json_filters_and_exports(client: TestClient) -> None:
    net = client.get("/api/v1/network").json()
    assert {e["relay"] for e in net["edges"]} == {"autonewsfeed.example", "actuflash.example"}
    fr = client.get("/api/v1/network", params={"lang": "fr"}).json()
    assert [e["relay"] for e in fr["edges"]] == ["actuflash.example"]
    gexf = client.get("/api/v1/network.gexf")
    assert gexf.status_code == 200 and b"<gexf" in gexf.content
    assert "attachment" in gexf.headers["content-disposition"]
    graphml = client.get("/api/v1/network.graphml")
    assert b"<graphml" in graphml.content
    csv = client.get("/api/v1/network.csv")
    assert csv.text.splitlines()[0].startswith("relay")


def test_stats(client: TestClient) -> None:
    s = client.get("/api/v1/stats").json()
    assert s["articles"] == len(RECORDS) and s["relations"]["copy"] == 1


# -- writes ------------------------------------------------------------------------

NEW = {
    "url": "https://wiredesk.example/port-storm",
    "title": "Storm strands 412 containers in Quellmark",
    "text": ORIGIN_TEXT,
    "published": "2026-03-10T10:00:00+00:00",
}


def test_ingest_is_forbidden_on_a_read_only_server(client: TestClient) -> None:
    r = client.post("/api/v1/ingest", json={"records": [NEW]})
    assert r.status_code == 403 and error_code(r) == "read_only"


def test_ingest_needs_the_right_token(writer: TestClient) -> None:
    r = writer.post("/api/v1/ingest", json={"records": [NEW]})
    assert r.status_code == 401
    r = writer.post(
        "/api/v1/ingest", json={"records": [NEW]}, headers={"Authorization": "Bearer wrong"}
    )
    assert r.status_code == 401


def test_ingest_stores_matches_and_counts_rejections(writer: TestClient) -> None:
    bad = {"url": "https://wiredesk.example/empty", "text": "   "}
    r = writer.post(
        "/api/v1/ingest",
        json={"records": [NEW, bad]},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1 and sum(body["rejected"].values()) == 1
    new_id = body["ids"][0]
    rels = writer.get("/api/v1/relations", params={"article": new_id}).json()["items"]
    assert any(x["kind"] == "copy" for x in rels)
    assert writer.get("/api/v1/articles").json()["total"] == len(RECORDS) + 1


# -- limits ----------------------------------------------------------------------------


def test_body_over_the_cap_is_413(small_db: Path) -> None:
    c = TestClient(create_app(small_db, limits=Limits(max_body=1000)))
    r = c.post("/api/v1/trace", json={"text": "x" * 5000})
    assert r.status_code == 413 and error_code(r) == "too_large"


def test_streamed_body_over_the_cap_is_413(small_db: Path) -> None:
    c = TestClient(create_app(small_db, limits=Limits(max_body=1000)))

    def chunks():
        for _ in range(10):
            yield b'{"text": "' + b"x" * 200 + b'"}'

    r = c.post("/api/v1/trace", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_slow_trace_is_504(small_db: Path) -> None:
    c = TestClient(create_app(small_db, limits=Limits(trace_timeout=1e-6)))
    r = c.post("/api/v1/trace", json={"text": "Storm\n\n" + ORIGIN_TEXT})
    assert r.status_code == 504 and error_code(r) == "timeout"


def test_missing_database_is_refused_when_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        create_app(tmp_path / "typo.db")
    assert err.value.code == "store_missing"
    assert not (tmp_path / "typo.db").exists()


# -- headers and schema ---------------------------------------------------------------


def test_security_headers_on_api_and_pages(client: TestClient) -> None:
    for path in ("/api/v1/stats", "/", "/static/app.css"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"


def test_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for p in (
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/trace",
        "/api/v1/relations",
        "/api/v1/origins",
        "/api/v1/stories",
        "/api/v1/outlets",
        "/api/v1/outlets/{site}",
        "/api/v1/network",
        "/api/v1/network.gexf",
        "/api/v1/ingest",
    ):
        assert p in paths, p
    assert not any(p.startswith("/articles") for p in paths)  # pages stay out of the API


def test_network_top_keeps_the_busiest_ties(client: TestClient) -> None:
    net = client.get("/api/v1/network", params={"top": 1}).json()
    assert len(net["edges"]) == 1
    assert {n["site"] for n in net["nodes"]} <= {
        net["edges"][0]["relay"],
        net["edges"][0]["origin"],
    }
