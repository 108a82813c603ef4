"""The workshop's JSON API, under ``/api/t/{tenant}/workshop``: the same drafts and the
same answers as the pages (described in ``/api/openapi.json``)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Response
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field
from starlette.requests import Request

from levelset.report.scenario import render_scenario_file
from levelset.web.access import Access
from levelset.web.deps import editor_access, hub, organization_access
from levelset.web.workshop import applying, workbench
from levelset.web.workshop.drafts import Changed, Draft, Refused
from levelset.web.workshop.operations import OperationIn
from levelset.web.workshop.views import DraftOut, DraftSummary, summary

router = APIRouter(prefix="/api/t/{tenant}/workshop", tags=["workshop"])

Reader = Annotated[Access, Depends(organization_access)]
Editor = Annotated[Access, Depends(editor_access)]


class StartIn(BaseModel):
    """How to start a draft: empty, from the verified plan, or from a scenario file of
    the workspace's ``scenarios`` folder (``file``: its name)."""

    start: Literal["empty", "plan", "file"] = "empty"
    file: str | None = Field(default=None, max_length=255)
    name: str | None = Field(default=None, max_length=200)


def _view(request: Request, draft: Draft) -> DraftOut:
    return workbench.draft_view(request, draft)[0]


@router.get("/drafts", response_model=list[DraftSummary])
def list_drafts(request: Request, access: Reader) -> list[DraftSummary]:
    """The caller's drafts in this organization."""
    store = workbench.draft_store(request)
    return [summary(d) for d in store.mine(access.tenant, access.user)]


@router.post("/drafts", response_model=DraftOut, status_code=201)
def start_draft(request: Request, access: Reader, start: StartIn) -> DraftOut:
    """Start a draft."""
    draft = workbench.start_draft(request, hub(request), access, start.start, start.file)
    if start.name:
        draft = workbench.rename(request, draft, start.name)
    return _view(request, draft)


@router.get("/drafts/{draft_id}", response_model=DraftOut)
def get_draft(request: Request, access: Reader, draft_id: str) -> DraftOut:
    """A draft, with what it closes, opens, frees and costs."""
    return _view(request, workbench.find_draft(request, access, draft_id))


@router.post("/drafts/{draft_id}/operations", response_model=DraftOut)
def add_operation(
    request: Request, access: Reader, draft_id: str, change: Annotated[OperationIn, Body()]
) -> DraftOut:
    """Add a change at the end of the draft."""
    draft = workbench.find_draft(request, access, draft_id)
    return _view(request, workbench.add_operation(request, draft, change.operation()))


@router.delete("/drafts/{draft_id}/operations/{index}", response_model=DraftOut)
def remove_operation(request: Request, access: Reader, draft_id: str, index: int) -> DraftOut:
    """Remove the draft's change at ``index`` (from 0)."""
    draft = workbench.find_draft(request, access, draft_id)
    return _view(request, workbench.remove_operation(request, draft, index))


@router.get("/drafts/{draft_id}/scenario.yaml", response_class=PlainTextResponse)
def scenario_file(request: Request, access: Reader, draft_id: str) -> PlainTextResponse:
    """The draft as a scenario file (``levelset scenario`` reads it)."""
    draft = workbench.find_draft(request, access, draft_id)
    return PlainTextResponse(
        render_scenario_file(draft.scenario),
        media_type="application/yaml",
        headers={"content-disposition": f'attachment; filename="{workbench.file_name(draft)}"'},
    )


@router.post("/drafts/{draft_id}/save", response_model=DraftOut)
def save(request: Request, access: Editor, draft_id: str) -> DraftOut:
    """Save the draft into the workspace's ``scenarios`` folder (editors only)."""
    draft = workbench.find_draft(request, access, draft_id)
    return _view(request, workbench.save_draft(request, hub(request), draft))


@router.post(
    "/drafts/{draft_id}/apply",
    response_model=DraftOut,
    responses={409: {"model": DraftOut}, 422: {"model": DraftOut}},
)
def apply(request: Request, response: Response, access: Editor, draft_id: str) -> DraftOut:
    """Write the draft into the workspace, all or nothing (editors only). 409 when the
    workspace changed since the draft was made (``outcome`` shows the difference; rebase
    first); 422 when a change cannot apply. Nothing is written then."""
    draft = workbench.find_draft(request, access, draft_id)
    done = applying.apply_draft(request, hub(request), access, draft)
    if isinstance(done.outcome, Changed):
        response.status_code = 409
    elif isinstance(done.outcome, Refused):
        response.status_code = 422
    return _view(request, done)


@router.post("/drafts/{draft_id}/rebase", response_model=DraftOut)
def rebase(request: Request, access: Reader, draft_id: str) -> DraftOut:
    """Make the draft anew on the workspace as it is now, keeping its changes."""
    draft = workbench.find_draft(request, access, draft_id)
    return _view(request, applying.rebase(request, hub(request), draft))
