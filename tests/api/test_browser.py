"""The web UI in Debian's headless Chromium, driven by playwright, against the real server.

``relaytrace serve`` runs in a subprocess on a free loopback port over the
bundled demo corpus (ingested and matched for real). The test pastes the
demo's seed-shaped French relay, reads its origin and relay tree, opens the
side-by-side passages, then the outlet and network pages, and saves
screenshots to ``test-artifacts/``. A second server over the hostile fixture
checks that no payload runs. Skipped when /usr/bin/chromium is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright")
from playwright.sync_api import Browser, Page, sync_playwright

from relaytrace.cli.demo import bundled_corpus

from .conftest import HOSTILE_URL
from .server import ROOT, running_server

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]
ARTIFACTS = ROOT / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def demo_server(demo_db: Path) -> Iterator[str]:
    with running_server(demo_db) as base:
        yield base


@pytest.fixture(scope="module")
def hostile_server(small_db_master: Path) -> Iterator[str]:
    with running_server(small_db_master) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    pg.csp_errors = []  # type: ignore[attr-defined]
    pg.on(
        "console",
        lambda m: (
            pg.csp_errors.append(m.text)  # type: ignore[attr-defined]
            if m.type == "error"
            else None
        ),
    )
    yield pg
    context.close()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_paste_trace_passages_outlet_network(page: Page, demo_server: str) -> None:
    seed = (bundled_corpus() / "paste" / "seed_shaped_fr.txt").read_text(encoding="utf-8")
    page.goto(demo_server + "/")
    shot(page, "home")
    page.fill("#paste-text", seed)
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector("#origin")
    origin = page.inner_text("#origin")
    assert "Borealis Today" in origin and "confidence" in origin
    assert page.is_visible("ul.tree")
    page.wait_for_selector("#tree-graph canvas", state="attached")
    shot(page, "trace")

    passage = page.locator("details.passage").first
    assert passage.get_attribute("open") is not None
    assert passage.locator("table.sbs tr.aligned").count() > 5
    assert passage.locator("mark.anchor").count() > 3
    passage.screenshot(path=str(ARTIFACTS / "side-by-side.png"))

    page.click("#origin .verdict a")
    page.wait_for_selector("#passages")
    assert "This article is the origin" in page.inner_text("#origin")
    shot(page, "article")

    page.click(".subject .meta a[href^='/outlets/']")
    page.wait_for_selector("#lags")
    assert "Borealis Today" in page.inner_text("h1")
    shot(page, "outlet")

    page.click("header nav a[href='/network']")
    page.wait_for_selector("#network-graph canvas", state="attached")
    assert page.locator("#network-table tbody tr").count() > 3
    shot(page, "network")

    relays = httpx.get(
        demo_server + "/api/v1/articles", params={"site": "flashactu24.example", "q": "Norvask"}
    ).json()["items"]
    page.goto(f"{demo_server}/articles/{relays[0]['id']}")  # the stored French relay
    page.wait_for_selector("#passages")
    page.set_viewport_size({"width": 1280, "height": 2000})
    page.screenshot(path=str(ARTIFACTS / "article-top.png"))  # the README's picture
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]  # type: ignore[attr-defined]


def test_narrow_window_keeps_the_article_readable(browser: Browser, demo_server: str) -> None:
    context = browser.new_context(viewport={"width": 380, "height": 800})
    page = context.new_page()
    page.goto(demo_server + "/articles?q=Norvask")
    page.click("table.list tbody tr a[href^='/articles/']")
    page.wait_for_selector("#origin")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 2
    shot(page, "article-narrow")
    context.close()


def test_hostile_content_runs_no_script(page: Page, hostile_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    items = httpx.get(hostile_server + "/api/v1/articles", params={"limit": 50}).json()["items"]
    hostile = next(a["id"] for a in items if a["url"] == HOSTILE_URL)
    for path in (f"/articles/{hostile}", "/articles/1", "/articles", "/"):
        page.goto(hostile_server + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(hostile_server + f"/articles/{hostile}")
    assert "<script>window.__pwned=1</script>" in page.inner_text("#article-title")
    assert page.locator("a[href^='javascript:']").count() == 0
    shot(page, "hostile")
    assert dialogs == []
