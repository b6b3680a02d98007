"""The OpenAPI schema checked against the running app by schemathesis (property-based).

Every operation is called with generated requests on a small real database; the
responses must be no server error and must match the schema (status codes,
content types, bodies); schema-violating requests must be refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("schemathesis")
import schemathesis
from hypothesis import HealthCheck, settings

from relaytrace.api import create_app

from .conftest import build_small


def _app():
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="relaytrace-schema-"))
    db = folder / "small.db"
    build_small(db)
    return create_app(db)


schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", _app())


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_matches_its_schema(case) -> None:
    excluded = []
    if case.path.startswith("/api/v1/trace"):
        # A schema-valid text may hold no article (400/422 with a reason code):
        # whether a text is an article is not something a schema can say.
        excluded.append(schemathesis.checks.positive_data_acceptance)
    case.call_and_validate(excluded_checks=excluded)
