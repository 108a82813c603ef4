"""The JSON API fuzzed from its own OpenAPI document (schemathesis): whatever a caller
sends to any operation (guessed tenants, people, partners, paths, filters), the answer
is never a server error. Bounded and derandomized, so every run tries the same cases."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from web_kit import ACME

from levelset.service.window import Window
from levelset.web import ServeConfig, answers, create_app

# examples/acme itself: the app only reads it (no watcher, nothing applied).
APP: FastAPI = create_app(ServeConfig.local(ACME, watch=False))
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _computed_once() -> None:
    """The analysis computed before the first case (it takes seconds; later answers come
    from the hub's memory, as in a running server)."""
    hub = APP.state.hub
    answers.report_of(hub, "acme")
    answers.plan_of(hub, "acme", Window())


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_answer_is_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
    if case.path_parameters and "tenant" in case.path_parameters:
        # and the same request to the organization the server does serve
        case.path_parameters = {**case.path_parameters, "tenant": "acme"}
        case.call_and_validate(checks=[not_a_server_error])
