"""``relaytrace serve``: the real server in a subprocess, over loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from .conftest import ORIGIN_TEXT
from .server import ROOT, running_server


def test_serve_answers_pages_and_api_read_only(small_db: Path) -> None:
    with running_server(small_db) as base:
        stats = httpx.get(base + "/api/v1/stats", timeout=120).json()
        assert stats["articles"] == 5
        home = httpx.get(base + "/", timeout=120)
        assert home.status_code == 200 and "Paste an article" in home.text
        assert "script-src 'self'" in home.headers["content-security-policy"]
        assert "server" not in home.headers  # no server banner
        r = httpx.post(base + "/api/v1/ingest", json={"records": []}, timeout=120)
        assert r.status_code == 403


def test_serve_with_writes_takes_the_token(small_db: Path) -> None:
    record = {"url": "https://wiredesk.example/a", "title": "Storm", "text": ORIGIN_TEXT}
    with running_server(small_db, "--allow-write", "--token", "t0k3n") as base:
        denied = httpx.post(base + "/api/v1/ingest", json={"records": [record]}, timeout=120)
        assert denied.status_code == 401
        ok = httpx.post(
            base + "/api/v1/ingest",
            json={"records": [record]},
            headers={"Authorization": "Bearer t0k3n"},
            timeout=120,
        )
        assert ok.status_code == 200 and ok.json()["added"] == 1


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    missing = tmp_path / "typo.db"
    cmd = [sys.executable, "-m", "relaytrace", "serve", "--db", str(missing), "--port", "9"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "store_missing" in proc.stderr
    assert not missing.exists()
