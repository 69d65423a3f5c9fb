"""Property-based: schemathesis generates valid and invalid requests from the OpenAPI description; none
gets a 5xx, and every 4xx carries the one error shape."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from allied.web import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(":memory:", hosts=("testserver",)))
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], database="none")


@schema.parametrize()
@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}
        assert set(body["error"]) in ({"type", "message"}, {"type", "message", "field"})
