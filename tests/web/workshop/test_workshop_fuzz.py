"""The workshop's JSON API, fuzzed from its OpenAPI description (schemathesis): no
request, however odd, gets a server error, and each answer fits its description. The
tenant and the draft are real ones, so the requests reach the workshop's code."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from workshop_kit import Served


def test_no_request_gets_a_server_error(served: Served) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", served.app)
    operations = [
        found.ok() for found in schema.include(path_regex="/workshop/").get_all_operations()
    ]
    assert len(operations) >= 8
    client = served.client()
    draft = client.post(f"/api/t/{served.tenant}/workshop/drafts", json={}).json()["id"]
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            case.path_parameters = {
                **(case.path_parameters or {}),
                "tenant": served.tenant,
                "draft_id": draft,
            }
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        call()
