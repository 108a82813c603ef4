"""The partner role's routes, every one rendered from a ``PartnerSlice`` only.

A partner user reaches ``/t/{tenant}/partner`` and ``/api/t/{tenant}/partner`` and
nothing else of the tenant (every other route takes ``organization_access``, which
answers a partner 404). Whole-organization users may look at any partner's slice, to
see exactly what that partner sees.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response

from levelset.service import LevelsetError, WorkspaceError
from levelset.service.audience import Audience, PartnerSlice, partner_slice
from levelset.web.access import Access, Denied
from levelset.web.deps import hub, organization_access, tenant_access

router = APIRouter()


class UnreadableForPartnerError(LevelsetError):
    """The workspace cannot be read; the problems are not the partner's to read."""

    http_status = 422

    def __init__(self) -> None:
        super().__init__("the organization's files cannot be read now: its administrators see why")


PartnerId = Annotated[str, Path(max_length=200)]


def partner_access(request: Request, tenant: str) -> Access:
    """Access for the partner role only; anyone else is answered 404 here (their view of
    partners is ``/t/{tenant}/partners/{id}/slice``)."""
    access = tenant_access(request, tenant)
    if access.partner is None:
        raise Denied("not part of your view")
    return access


def slice_for(request: Request, access: Access, audience: Audience) -> PartnerSlice:
    """The slice ``audience`` may see, computed once per workspace content.

    When the workspace cannot be read, a partner is told so without the problems: their
    messages quote the organization's files, which are not the partner's to read."""
    partner = audience.partner
    if partner is None:
        raise Denied("the whole organization has no partner slice")
    try:
        return hub(request).answer(
            access.tenant, f"partner-slice:{partner}", lambda s: partner_slice(s, partner)
        )
    except WorkspaceError as error:
        if access.role.sees_everything:
            raise
        raise UnreadableForPartnerError from error


@router.get("/api/t/{tenant}/partner", response_model=PartnerSlice, tags=["partner"])
def my_slice(
    request: Request, tenant: str, access: Annotated[Access, Depends(partner_access)]
) -> PartnerSlice:
    """What the logged-in partner may see of the organization."""
    return slice_for(request, access, Audience(access.partner))


@router.get(
    "/api/t/{tenant}/partners/{partner}/slice", response_model=PartnerSlice, tags=["partner"]
)
def partner_view(
    request: Request,
    tenant: str,
    partner: PartnerId,
    access: Annotated[Access, Depends(organization_access)],
) -> PartnerSlice:
    """What partner ``partner`` sees (for whole-organization users)."""
    return slice_for(request, access, Audience(partner))


@router.get("/t/{tenant}/partner", response_class=HTMLResponse, include_in_schema=False)
def my_slice_page(
    request: Request, tenant: str, access: Annotated[Access, Depends(partner_access)]
) -> Response:
    """The partner's page."""
    return _page(request, access, slice_for(request, access, Audience(access.partner)))


@router.get(
    "/t/{tenant}/partners/{partner}/slice", response_class=HTMLResponse, include_in_schema=False
)
def partner_view_page(
    request: Request,
    tenant: str,
    partner: PartnerId,
    access: Annotated[Access, Depends(organization_access)],
) -> Response:
    """A partner's page as that partner sees it (for whole-organization users)."""
    return _page(request, access, slice_for(request, access, Audience(partner)))


@router.get("/t/{tenant}/partner/download.md", include_in_schema=False)
def my_slice_download(
    request: Request, tenant: str, access: Annotated[Access, Depends(partner_access)]
) -> Response:
    """The partner's page as a Markdown file (what ``levelset partner`` writes)."""
    return _download(slice_for(request, access, Audience(access.partner)))


@router.get("/t/{tenant}/partners/{partner}/slice.md", include_in_schema=False)
def partner_view_download(
    request: Request,
    tenant: str,
    partner: PartnerId,
    access: Annotated[Access, Depends(organization_access)],
) -> Response:
    """A partner's slice as a Markdown file, to send it (for whole-organization users)."""
    return _download(slice_for(request, access, Audience(partner)))


def _download(found: PartnerSlice) -> Response:
    from levelset.report.partner_slice import partner_markdown  # noqa: PLC0415
    from levelset.report.views import PartnerSliceView  # noqa: PLC0415

    return Response(
        partner_markdown(PartnerSliceView(found)),
        media_type="text/markdown; charset=utf-8",
        # the partner's id is a workspace name: quoted by Starlette's header encoding
        headers={"Content-Disposition": f'attachment; filename="{_file_name(found.partner)}.md"'},
    )


def _file_name(partner: str) -> str:
    """``partner`` as a file name: letters, digits, ``-`` and ``_`` only."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in partner)


def _page(request: Request, access: Access, found: PartnerSlice) -> Response:
    tenant = hub(request).tenant(access.tenant)
    download = (
        f"/t/{access.tenant}/partner/download.md"
        if access.partner is not None
        else f"/t/{access.tenant}/partners/{quote(found.partner, safe='')}/slice.md"
    )
    context = {
        "download": download,
        "slice": found,
        "access": access,
        "tenant": tenant,
        "team": request.app.state.config.team,
    }
    response: Response = request.app.state.templates.TemplateResponse(
        request, "partner/slice.html", context
    )
    return response
