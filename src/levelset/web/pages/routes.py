"""The pages of the whole organization, under ``/t/{tenant}/``: overview, findings,
plan, org chart, goals, people, partners, finance, history, and a workspace file.

Every route takes the caller's access from ``organization_access`` (a partner role is
answered 404 here: its pages are its own slice). Pages work without JavaScript: the
findings filters are a form sent with GET.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.requests import Request

from levelset.report.html import asset
from levelset.service.findings import FindingFilter
from levelset.service.window import Window
from levelset.web import answers
from levelset.web.access import Access
from levelset.web.deps import organization_access
from levelset.web.hub import WorkspaceHub
from levelset.web.pages.render import Context, render, show
from levelset.web.source import tenant_source

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Org = Annotated[Access, Depends(organization_access)]


@router.get("/")
def home(request: Request) -> Response:
    """Local mode: straight to the one workspace; else the organizations the caller sees."""
    config = request.app.state.config
    tenants = answers.visible_tenants(request)
    if len(config.tenants) == 1 and tenants and not config.team:
        return RedirectResponse(f"/t/{tenants[0].name}/", status_code=307)
    homes = [(t, answers.tenant_home(request, t)) for t in tenants]
    return render(request, "tenants.html", {"tenants": homes, "nav": [], "tenant": None})


@router.get("/assets/chart.js")
def chart_js() -> Response:
    """Chart.js, as the HTML report vendors it (``report/assets``), served from here so
    the pages load no script from elsewhere."""
    return Response(
        asset("chart.umd.min.js"),
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/t/{tenant}/")
def overview(request: Request, tenant: str, access: Org) -> Response:
    """Counts, findings by family, headline figures."""

    def build(h: WorkspaceHub) -> Context:
        return {"o": answers.overview_of(h, tenant), "summary": answers.summary_of(h, tenant)}

    return show(request, tenant, "overview.html", "", build)


@router.get("/t/{tenant}/findings")
def findings(
    request: Request,
    tenant: str,
    access: Org,
    wanted: Annotated[FindingFilter, Depends(answers.finding_filter)],
    window: Annotated[Window, Depends(answers.window)],
) -> Response:
    """The findings, filtered by family, severity and subject kind, searched by text; a
    window of them at a time."""
    return show(
        request,
        tenant,
        "findings.html",
        "findings",
        lambda h: {"page": answers.findings_of(h, tenant, wanted, window)},
        # kept per filter, not per free text (which would keep one page per search typed)
        kept=False if wanted.search else f"{wanted!r}:{window.key}",
    )


@router.get("/t/{tenant}/plan")
def plan(
    request: Request,
    tenant: str,
    access: Org,
    window: Annotated[Window, Depends(answers.window)],
) -> Response:
    """The plan, verified by applying it; a window of each of its lists at a time."""
    return show(
        request,
        tenant,
        "plan.html",
        "plan",
        lambda h: {"plan": answers.plan_of(h, tenant, window)},
        kept=window.key,
    )


@router.get("/t/{tenant}/org")
def org(request: Request, tenant: str, access: Org) -> Response:
    """The seat tree."""

    def build(h: WorkspaceHub) -> Context:
        return {"org": answers.org_of(h, tenant), "findings_on": _findings_on(h, tenant)}

    return show(request, tenant, "org.html", "org", build, kept=True)


def _findings_on(h: WorkspaceHub, tenant: str) -> dict[str, list[str]]:
    """The codes of the findings about each seat."""
    found: dict[str, list[str]] = {}
    for finding in answers.check_of(h, tenant).findings:
        if finding.subject.kind == "seat":
            found.setdefault(finding.subject.id, []).append(finding.code)
    return found


@router.get("/t/{tenant}/goals")
def goals(request: Request, tenant: str, access: Org) -> Response:
    """The goal tree."""
    return show(
        request,
        tenant,
        "goals.html",
        "goals",
        lambda h: {"goals": answers.goals_of(h, tenant)},
        kept=True,
    )


@router.get("/t/{tenant}/people")
def people(request: Request, tenant: str, access: Org) -> Response:
    """Everyone, and the leadership's hours by band."""

    def build(h: WorkspaceHub) -> Context:
        return {
            "people": answers.people_of(h, tenant),
            "leadership": answers.leadership_of(h, tenant),
            "missing": answers.people_missing(h, tenant),
        }

    return show(request, tenant, "people.html", "people", build, kept=True)


@router.get("/t/{tenant}/people/{person}")
def person(request: Request, tenant: str, person: str, access: Org) -> Response:
    """One person: hours by band, weekly trend, line of sight."""
    return show(
        request,
        tenant,
        "person.html",
        "people",
        lambda h: {"person": answers.person_of(h, tenant, person)},
    )


@router.get("/t/{tenant}/partners")
def partners(request: Request, tenant: str, access: Org) -> Response:
    """Every partner."""
    return show(
        request,
        tenant,
        "partners.html",
        "partners",
        lambda h: {"partners": answers.partners_of(h, tenant)},
    )


@router.get("/t/{tenant}/partners/{partner}")
def partner(request: Request, tenant: str, partner: str, access: Org) -> Response:
    """One partner as the organization sees it."""
    return show(
        request,
        tenant,
        "partner.html",
        "partners",
        lambda h: {"partner": answers.partner_of(h, tenant, partner)},
    )


@router.get("/t/{tenant}/finance")
def finance(request: Request, tenant: str, access: Org) -> Response:
    """The finance figures."""
    return show(
        request,
        tenant,
        "finance.html",
        "finance",
        lambda h: {"finance": answers.finance_of(h, tenant)},
    )


@router.get("/t/{tenant}/history")
def history(request: Request, tenant: str, access: Org) -> Response:
    """The snapshots and the diff of the last two."""
    return show(
        request,
        tenant,
        "history.html",
        "history",
        lambda h: {"history": answers.history_of(h, tenant)},
    )


@router.get("/t/{tenant}/source/{path:path}")
def source(
    request: Request,
    tenant: str,
    path: str,
    access: Org,
    line: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """A workspace file with ``line`` highlighted; anything outside the workspace: 404."""
    shown = tenant_source(request, tenant, path, line)
    return show(request, tenant, "source.html", "", lambda h: {"source": shown})
