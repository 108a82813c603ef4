"""The answers pages and the JSON API share, each computed once per workspace content.

Every function asks ``WorkspaceHub.answer`` under a question's name, so the page and the
API answer of the same question about the same files are one computation. The
workspace is shown under the tenant's name (never the server's folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Query
from starlette.requests import Request

from levelset.model import Report
from levelset.report.finance_data import finance_to_dict
from levelset.report.report_data import people_to_dict, seats_by_level, summary_to_dict
from levelset.report.tree_data import goal_tree_to_dict, org_to_dict
from levelset.report.views import PartnerSummary, ReportView
from levelset.service import Session
from levelset.service.findings import FindingFilter, FindingsPage, all_findings, narrowed
from levelset.service.overview import (
    HistoryPage,
    Overview,
    PlanPage,
    history_page,
    overview,
    plan_page,
    plan_window,
)
from levelset.service.partners import PartnerPage, partner_page, partners_list
from levelset.service.people import PersonPage, PersonRow, people_list, person_page
from levelset.service.report import report_view
from levelset.service.window import LARGEST, PAGE, Window
from levelset.web.access import Denied
from levelset.web.config import Tenant
from levelset.web.hub import WorkspaceHub

JSONObject = dict[str, Any]


def report_of(hub: WorkspaceHub, tenant: str) -> ReportView:
    """Everything ``levelset report`` shows (``WorkspaceError`` when unreadable)."""
    return hub.answer(tenant, "report", lambda s: report_view(s, Path(tenant)))


def check_of(hub: WorkspaceHub, tenant: str) -> Report:
    """The check: findings, problems and plan (a workspace that could not be read gives
    its problems and no findings)."""
    return hub.answer(tenant, "check", lambda s: s.check())


def overview_of(hub: WorkspaceHub, tenant: str) -> Overview:
    """The overview page's data."""
    return hub.answer(tenant, "overview", lambda s: overview(report_of(hub, tenant), s.workspace))


def summary_of(hub: WorkspaceHub, tenant: str) -> JSONObject:
    """The headline figures with what each is a share of, as the HTML report's summary
    holds them (``summary`` of ``levelset report --format json``)."""
    return hub.answer(tenant, "summary", lambda s: summary_to_dict(report_of(hub, tenant)))


def findings_of(
    hub: WorkspaceHub, tenant: str, wanted: FindingFilter, window: Window
) -> FindingsPage:
    """The findings cut down to ``wanted``, the ``window`` of them."""
    every = hub.answer(
        tenant, "findings", lambda s: all_findings(check_of(hub, tenant), s.registry.families)
    )
    # not kept per filter: a search text is anything, and narrowing is cheap
    return narrowed(every, wanted, window)


def plan_of(hub: WorkspaceHub, tenant: str, window: Window) -> PlanPage:
    """The ``window`` of the verified plan."""

    def compute(session: Session) -> PlanPage:
        session.workspace  # noqa: B018 - a workspace that cannot be read is its problems
        return plan_page(session.verified_plan(), session.registry.families)

    return plan_window(hub.answer(tenant, "plan", compute), window)


def org_of(hub: WorkspaceHub, tenant: str) -> JSONObject:
    """The seat tree (``levelset org --format json``) and the seats by level."""

    def compute(session: Session) -> JSONObject:
        view = report_of(hub, tenant)
        return {**org_to_dict(view.org), "by_level": seats_by_level(view.org)}

    return hub.answer(tenant, "org", compute)


def goals_of(hub: WorkspaceHub, tenant: str) -> JSONObject:
    """The goal tree (``levelset tree --format json``)."""
    return hub.answer(tenant, "goals", lambda s: goal_tree_to_dict(report_of(hub, tenant).goals))


def people_of(hub: WorkspaceHub, tenant: str) -> tuple[PersonRow, ...]:
    """Everyone, by name."""
    return hub.answer(tenant, "people", lambda s: people_list(s.workspace))


def leadership_of(hub: WorkspaceHub, tenant: str) -> JSONObject | None:
    """The leadership's hours by band and the weekly series (``None`` without events)."""
    people = report_of(hub, tenant).people
    return None if people is None else people_to_dict(people)


def people_missing(hub: WorkspaceHub, tenant: str) -> str | None:
    """Why there are no hours to show (no event data) and how to add them; ``None``
    when there are."""
    return report_of(hub, tenant).missing.get("people")


def person_of(hub: WorkspaceHub, tenant: str, person: str) -> PersonPage:
    """One person's page (``NotFound`` for an unknown id)."""
    return hub.answer(
        tenant, f"person:{person}", lambda s: person_page(s, check_of(hub, tenant), person)
    )


def partners_of(hub: WorkspaceHub, tenant: str) -> tuple[PartnerSummary, ...]:
    """Every partner as the report shows it."""
    return hub.answer(tenant, "partners", lambda s: partners_list(s, check_of(hub, tenant)))


def partner_of(hub: WorkspaceHub, tenant: str, partner: str) -> PartnerPage:
    """One partner's page (``NotFound`` for an unknown id)."""
    return hub.answer(
        tenant, f"partner:{partner}", lambda s: partner_page(s, check_of(hub, tenant), partner)
    )


def finance_of(hub: WorkspaceHub, tenant: str) -> JSONObject:
    """The finance figures (``finance`` is ``None`` without finance data; ``missing``
    says why)."""

    def compute(session: Session) -> JSONObject:
        view = report_of(hub, tenant)
        found = view.finance
        return {
            "currency": found.currency if found is not None else None,
            "finance": finance_to_dict(found.finance) if found and found.finance else None,
            "missing": view.missing.get("finance"),
        }

    return hub.answer(tenant, "finance", compute)


def history_of(hub: WorkspaceHub, tenant: str) -> HistoryPage:
    """The snapshots and the diff of the last two."""
    return hub.answer(tenant, "history", history_page)


def visible_tenants(request: Request) -> list[Tenant]:
    """The tenants the caller may see, in the configuration's order; ``Denied`` (login)
    when nobody is logged in (a list of none would not say how to see one)."""
    seen = []
    for tenant in request.app.state.config.tenants:
        try:
            request.app.state.authority.access(request, tenant.name)
        except Denied as denied:
            if denied.login:
                raise
            continue
        seen.append(tenant)
    return seen


def tenant_home(request: Request, tenant: Tenant) -> str:
    """Where a tenant starts for the caller: a partner's slice (every other page of the
    tenant is not theirs), or the overview."""
    access = request.app.state.authority.access(request, tenant.name)
    return f"/t/{tenant.name}/partner" if access.partner else f"/t/{tenant.name}/"


def finding_filter(
    family: str = "", severity: str = "", subject: str = "", q: str = ""
) -> FindingFilter:
    """The findings filter from the query string: ``family`` (``LEV``...), ``severity``,
    ``subject`` (a subject kind) and ``q`` (a text to search for)."""
    return FindingFilter(family=family, severity=severity, subject=subject, search=q)


def window(
    offset: Annotated[int, Query(ge=0, description="the first item to show, from 0")] = 0,
    limit: Annotated[
        int, Query(ge=1, le=LARGEST, description=f"how many items to show (at most {LARGEST})")
    ] = PAGE,
) -> Window:
    """The window of a long list from the query string: ``offset`` and ``limit``."""
    return Window(offset, limit)
