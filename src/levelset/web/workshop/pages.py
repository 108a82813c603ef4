"""The workshop's pages, under ``/t/{tenant}/workshop``: plain forms that work without
JavaScript (each POST answers with a redirect to the draft's page, which shows what the
change did); ``static/workshop.js`` only makes them nicer to use."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.requests import Request

from levelset.service import LevelsetError
from levelset.service.people import NO_HOURS
from levelset.web import answers
from levelset.web.access import Access
from levelset.web.deps import editor_access, hub, organization_access
from levelset.web.pages.render import nav, render
from levelset.web.workshop import applying, workbench
from levelset.web.workshop.choices import LONGEST_SELECT
from levelset.web.workshop.drafts import Draft, Invalid
from levelset.web.workshop.operations import from_form, validation_message
from levelset.web.workshop.views import summary

router = APIRouter(prefix="/t/{tenant}/workshop", include_in_schema=False)

Reader = Annotated[Access, Depends(organization_access)]
Editor = Annotated[Access, Depends(editor_access)]


def _page(
    request: Request, name: str, status: int = 200, *, tenant: str, **context: object
) -> Response:
    """A workshop page, in the app's frame: the tenant's navigation, Workshop current."""
    base = {
        "tenant": hub(request).tenant(tenant),
        "nav": nav(request, tenant),
        "current": "workshop",
    }
    return render(request, f"workshop/{name}", {**context, **base}, status=status)


def _problems(request: Request, tenant: str, error: LevelsetError) -> Response:
    """A question the service could not answer, with the problems behind it."""
    return _page(
        request,
        "problems.html",
        error.http_status,
        tenant=tenant,
        error=error,
        problems=[str(p) for p in error.problems],
    )


def _to(draft: Draft, anchor: str = "") -> RedirectResponse:
    where = f"/t/{draft.tenant}/workshop/{draft.id}" + (f"#{anchor}" if anchor else "")
    return RedirectResponse(where, status_code=303)


@router.get("", response_class=HTMLResponse)
def start_page(request: Request, access: Reader, tenant: str) -> Response:
    """The caller's drafts, and how to start one."""
    store = workbench.draft_store(request)
    return _page(
        request,
        "start.html",
        tenant=tenant,
        drafts=[summary(d) for d in store.mine(tenant, access.user)],
        files=workbench.scenario_files(hub(request), tenant),
    )


@router.post("")
def start(
    request: Request,
    access: Reader,
    tenant: str,
    start: Annotated[str, Form()] = "empty",
    file: Annotated[str, Form()] = "",
) -> Response:
    """Start a draft, then show it."""
    try:
        draft = workbench.start_draft(request, hub(request), access, start, file or None)
    except LevelsetError as error:
        return _problems(request, tenant, error)
    return _to(draft)


@router.get("/{draft_id}", response_class=HTMLResponse)
def draft_page(request: Request, access: Reader, tenant: str, draft_id: str) -> Response:
    """The draft: its changes, the forms to make more, and what they do."""
    draft = workbench.find_draft(request, access, draft_id)
    try:
        view, options = workbench.draft_view(request, draft)
        # without event data no hours are freed or added: unknown, not 0
        no_hours = NO_HOURS if answers.check_of(hub(request), tenant).allocation is None else None
    except LevelsetError as error:
        return _problems(request, tenant, error)
    return _page(
        request,
        "draft.html",
        tenant=tenant,
        draft=view,
        choices=options,
        longest=LONGEST_SELECT,
        may_apply=access.role.may_apply,
        no_hours=no_hours,
    )


@router.post("/{draft_id}/operations")
async def add_operation(request: Request, access: Reader, tenant: str, draft_id: str) -> Response:
    """Add the change the form describes; an invalid one is said on the draft's page."""
    draft = workbench.find_draft(request, access, draft_id)
    form = await request.form()
    fields = {key: [str(v) for v in form.getlist(key)] for key in form}
    try:
        change = from_form(fields)
    except ValidationError as error:
        workbench.draft_store(request).put(draft, outcome=Invalid(validation_message(error)))
        return _to(draft, "outcome")
    return _to(workbench.add_operation(request, draft, change.operation()), "results")


@router.post("/{draft_id}/operations/{index}/remove")
def remove_operation(
    request: Request, access: Reader, tenant: str, draft_id: str, index: int
) -> Response:
    """Remove one change of the draft."""
    draft = workbench.find_draft(request, access, draft_id)
    return _to(workbench.remove_operation(request, draft, index), "results")


@router.post("/{draft_id}/name")
def rename(
    request: Request, access: Reader, tenant: str, draft_id: str, name: Annotated[str, Form()]
) -> Response:
    """Give the draft a name (its scenario file is named after it)."""
    draft = workbench.find_draft(request, access, draft_id)
    return _to(workbench.rename(request, draft, name[:200]))


@router.post("/{draft_id}/save")
def save(request: Request, access: Editor, tenant: str, draft_id: str) -> Response:
    """Save the draft as a scenario file of the workspace."""
    draft = workbench.find_draft(request, access, draft_id)
    try:
        return _to(workbench.save_draft(request, hub(request), draft), "outcome")
    except LevelsetError as error:
        return _problems(request, tenant, error)


@router.post("/{draft_id}/apply")
def apply(request: Request, access: Editor, tenant: str, draft_id: str) -> Response:
    """Write the draft into the workspace (or say why not: the page shows it)."""
    draft = workbench.find_draft(request, access, draft_id)
    try:
        return _to(applying.apply_draft(request, hub(request), access, draft), "outcome")
    except LevelsetError as error:
        return _problems(request, tenant, error)


@router.post("/{draft_id}/rebase")
def rebase(request: Request, access: Reader, tenant: str, draft_id: str) -> Response:
    """Make the draft anew on the workspace as it is now."""
    draft = workbench.find_draft(request, access, draft_id)
    return _to(applying.rebase(request, hub(request), draft), "results")
