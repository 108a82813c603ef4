"""The JSON API of the whole organization: each page's data, from the same answers.

Every route takes the caller's access from ``organization_access`` (404 for a partner
role or an organization the caller may not see); errors have one shape
(``ErrorAnswer``), with the status the service's ``LevelsetError`` carries.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response, StreamingResponse
from pydantic import TypeAdapter
from starlette.requests import Request

from levelset.service.findings import FindingFilter, FindingsPage
from levelset.service.overview import HistoryPage, Overview, PlanPage
from levelset.service.partners import PartnerPage
from levelset.service.people import PersonPage
from levelset.service.window import Window
from levelset.web import answers
from levelset.web.access import Access
from levelset.web.api.models import (
    ErrorAnswer,
    FinanceAnswer,
    GoalsAnswer,
    OrgAnswer,
    PartnersAnswer,
    PeopleAnswer,
    TenantAnswer,
)
from levelset.web.deps import hub, organization_access, tenant_access
from levelset.web.source import SourceFile, tenant_source

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorAnswer, "description": "No such organization, or not yours to see"},
    422: {"model": ErrorAnswer, "description": "The workspace or the request has problems"},
}
router = APIRouter(prefix="/api", responses=_ERRORS)
Org = Annotated[Access, Depends(organization_access)]
Windowed = Annotated[Window, Depends(answers.window)]


def json_answer(
    request: Request, tenant: str, model: Any, make: Callable[[], Any], kept: str | None
) -> Response:
    """The JSON of ``make()``, an answer of type ``model``. With ``kept`` (the answer's
    name: the route and its query), it is written once per content of the workspace and
    kept with the answers: the answers of a large organization run to megabytes, and
    writing them again for every request was most of a request's time."""
    adapter = _adapter(model)

    def write() -> bytes:
        return adapter.dump_json(adapter.validate_python(make()))

    body = write() if kept is None else hub(request).view(tenant, f"json:{kept}", write)
    return Response(body, media_type="application/json")


@cache
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


@router.get("/tenants", response_model=list[TenantAnswer])
def tenants(request: Request) -> list[TenantAnswer]:
    """The organizations the caller may see."""
    return [TenantAnswer(name=t.name, title=t.label) for t in answers.visible_tenants(request)]


@router.get("/t/{tenant}/overview", response_model=Overview)
def overview(request: Request, tenant: str, access: Org) -> Response:
    """Counts, findings by family, the headline figures."""
    found = hub(request)
    return json_answer(
        request, tenant, Overview, lambda: answers.overview_of(found, tenant), "overview"
    )


@router.get("/t/{tenant}/findings", response_model=FindingsPage)
def findings(
    request: Request,
    tenant: str,
    access: Org,
    wanted: Annotated[FindingFilter, Depends(answers.finding_filter)],
    window: Windowed,
) -> Response:
    """The findings, filtered by family, severity and subject kind, searched by text; the
    ``limit`` of them from ``offset`` (``matched`` counts those that pass the filter)."""
    found = hub(request)
    # kept per filter and window, not per free text (which would keep one per search)
    kept = None if wanted.search else f"findings:{wanted!r}:{window.key}"

    def make() -> FindingsPage:
        return answers.findings_of(found, tenant, wanted, window)

    return json_answer(request, tenant, FindingsPage, make, kept)


@router.get("/t/{tenant}/plan", response_model=PlanPage)
def plan(request: Request, tenant: str, access: Org, window: Windowed) -> Response:
    """The plan, verified by applying it: what it closes, opens, frees and costs; the
    ``limit`` items from ``offset`` of each of its lists (each list's total beside it)."""
    found = hub(request)

    def make() -> PlanPage:
        return answers.plan_of(found, tenant, window)

    return json_answer(request, tenant, PlanPage, make, f"plan:{window.key}")


@router.get("/t/{tenant}/org", response_model=OrgAnswer)
def org(request: Request, tenant: str, access: Org) -> Response:
    """The seat tree and the seats by level."""
    found = hub(request)
    return json_answer(request, tenant, OrgAnswer, lambda: answers.org_of(found, tenant), "org")


@router.get("/t/{tenant}/goals", response_model=GoalsAnswer)
def goals(request: Request, tenant: str, access: Org) -> Response:
    """The goal tree with rolled-up progress."""
    found = hub(request)
    return json_answer(
        request, tenant, GoalsAnswer, lambda: answers.goals_of(found, tenant), "goals"
    )


@router.get("/t/{tenant}/people", response_model=PeopleAnswer)
def people(request: Request, tenant: str, access: Org) -> Response:
    """Everyone, and the leadership's hours by band and week."""
    found = hub(request)

    def make() -> PeopleAnswer:
        return PeopleAnswer(
            people=answers.people_of(found, tenant),
            leadership=answers.leadership_of(found, tenant),
            missing=answers.people_missing(found, tenant),
        )

    return json_answer(request, tenant, PeopleAnswer, make, "people")


@router.get("/t/{tenant}/people/{person}", response_model=PersonPage)
def person(request: Request, tenant: str, person: str, access: Org) -> Response:
    """One person: seats, hours by band, the weekly trend, the line of sight."""
    found = hub(request)
    return json_answer(
        request, tenant, PersonPage, lambda: answers.person_of(found, tenant, person), None
    )


@router.get("/t/{tenant}/partners", response_model=PartnersAnswer)
def partners(request: Request, tenant: str, access: Org) -> Response:
    """Every partner."""
    found = hub(request)

    def make() -> PartnersAnswer:
        return PartnersAnswer(partners=answers.partners_of(found, tenant))

    return json_answer(request, tenant, PartnersAnswer, make, "partners")


@router.get("/t/{tenant}/partners/{partner}", response_model=PartnerPage)
def partner(request: Request, tenant: str, partner: str, access: Org) -> Response:
    """One partner as the organization sees it."""
    found = hub(request)
    return json_answer(
        request, tenant, PartnerPage, lambda: answers.partner_of(found, tenant, partner), None
    )


@router.get("/t/{tenant}/finance", response_model=FinanceAnswer)
def finance(request: Request, tenant: str, access: Org) -> Response:
    """The finance figures."""
    found = hub(request)
    return json_answer(
        request, tenant, FinanceAnswer, lambda: answers.finance_of(found, tenant), "finance"
    )


@router.get("/t/{tenant}/history", response_model=HistoryPage)
def history(request: Request, tenant: str, access: Org) -> Response:
    """The saved snapshots and the diff of the last two."""
    found = hub(request)
    return json_answer(
        request, tenant, HistoryPage, lambda: answers.history_of(found, tenant), "history"
    )


@router.get("/t/{tenant}/source/{path:path}", response_model=SourceFile)
def source(
    request: Request,
    tenant: str,
    path: str,
    access: Org,
    line: Annotated[int | None, Query(ge=1)] = None,
) -> SourceFile:
    """A workspace file's lines (404 for anything outside the workspace)."""
    return tenant_source(request, tenant, path, line)


@router.get("/t/{tenant}/events", include_in_schema=False)
def events(
    request: Request, tenant: str, access: Annotated[Access, Depends(tenant_access)]
) -> StreamingResponse:
    """Server-sent events: the workspace's content hash now and after each change."""
    return StreamingResponse(
        request.app.state.live.stream(tenant),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
