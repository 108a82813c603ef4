"""The JSON API of the whole organization: each page's data, from the same answers.

Every route takes the caller's access from ``organization_access`` (404 for a partner
role or an organization the caller may not see); errors have one shape
(``ErrorAnswer``), with the status the service's ``LevelsetError`` carries.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from starlette.requests import Request

from levelset.service.findings import FindingFilter, FindingsPage
from levelset.service.overview import HistoryPage, Overview, PlanPage
from levelset.service.partners import PartnerPage
from levelset.service.people import PersonPage
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


@router.get("/tenants", response_model=list[TenantAnswer])
def tenants(request: Request) -> list[TenantAnswer]:
    """The organizations the caller may see."""
    return [TenantAnswer(name=t.name, title=t.label) for t in answers.visible_tenants(request)]


@router.get("/t/{tenant}/overview", response_model=Overview)
def overview(request: Request, tenant: str, access: Org) -> Overview:
    """Counts, findings by family, the headline figures."""
    return answers.overview_of(hub(request), tenant)


@router.get("/t/{tenant}/findings", response_model=FindingsPage)
def findings(
    request: Request,
    tenant: str,
    access: Org,
    wanted: Annotated[FindingFilter, Depends(answers.finding_filter)],
) -> FindingsPage:
    """The findings, filtered by family, severity and subject kind, searched by text."""
    return answers.findings_of(hub(request), tenant, wanted)


@router.get("/t/{tenant}/plan", response_model=PlanPage)
def plan(request: Request, tenant: str, access: Org) -> PlanPage:
    """The plan, verified by applying it: what it closes, opens, frees and costs."""
    return answers.plan_of(hub(request), tenant)


@router.get("/t/{tenant}/org", response_model=OrgAnswer)
def org(request: Request, tenant: str, access: Org) -> dict[str, Any]:
    """The seat tree and the seats by level."""
    return answers.org_of(hub(request), tenant)


@router.get("/t/{tenant}/goals", response_model=GoalsAnswer)
def goals(request: Request, tenant: str, access: Org) -> dict[str, Any]:
    """The goal tree with rolled-up progress."""
    return answers.goals_of(hub(request), tenant)


@router.get("/t/{tenant}/people", response_model=PeopleAnswer)
def people(request: Request, tenant: str, access: Org) -> PeopleAnswer:
    """Everyone, and the leadership's hours by band and week."""
    found = hub(request)
    return PeopleAnswer(
        people=answers.people_of(found, tenant), leadership=answers.leadership_of(found, tenant)
    )


@router.get("/t/{tenant}/people/{person}", response_model=PersonPage)
def person(request: Request, tenant: str, person: str, access: Org) -> PersonPage:
    """One person: seats, hours by band, the weekly trend, the line of sight."""
    return answers.person_of(hub(request), tenant, person)


@router.get("/t/{tenant}/partners", response_model=PartnersAnswer)
def partners(request: Request, tenant: str, access: Org) -> PartnersAnswer:
    """Every partner."""
    return PartnersAnswer(partners=answers.partners_of(hub(request), tenant))


@router.get("/t/{tenant}/partners/{partner}", response_model=PartnerPage)
def partner(request: Request, tenant: str, partner: str, access: Org) -> PartnerPage:
    """One partner as the organization sees it."""
    return answers.partner_of(hub(request), tenant, partner)


@router.get("/t/{tenant}/finance", response_model=FinanceAnswer)
def finance(request: Request, tenant: str, access: Org) -> dict[str, Any]:
    """The finance figures."""
    return answers.finance_of(hub(request), tenant)


@router.get("/t/{tenant}/history", response_model=HistoryPage)
def history(request: Request, tenant: str, access: Org) -> HistoryPage:
    """The saved snapshots and the diff of the last two."""
    return answers.history_of(hub(request), tenant)


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
