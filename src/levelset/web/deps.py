"""Route dependencies: every page and API route gets the caller's ``Access`` from here.

``tenant_access`` answers 404 for a tenant the server does not serve *or* the caller may
not see (a guessed name learns nothing); ``organization_access`` further refuses the
partner role, whose routes are its own slice only; ``editor_access`` requires a role that
may apply scenarios.
"""

from __future__ import annotations

from starlette.requests import Request

from levelset.web.access import Access, Denied
from levelset.web.hub import WorkspaceHub


def hub(request: Request) -> WorkspaceHub:
    """The server's sessions, one per tenant."""
    found: WorkspaceHub = request.app.state.hub
    return found


def tenant_access(request: Request, tenant: str) -> Access:
    """The caller's access to ``tenant`` (any role)."""
    if hub(request).tenant(tenant) is None:
        raise Denied("no such organization")
    access: Access = request.app.state.authority.access(request, tenant)
    request.state.access = access  # the page's header shows who is signed in
    return access


def organization_access(request: Request, tenant: str) -> Access:
    """Access to the whole organization: any role but partner (a partner sees its slice)."""
    access = tenant_access(request, tenant)
    if not access.role.sees_everything:
        raise Denied("not part of your view")
    return access


def editor_access(request: Request, tenant: str) -> Access:
    """Access that may change the workspace (apply a scenario): admin or editor."""
    access = organization_access(request, tenant)
    if not access.role.may_apply:
        raise Denied("only an editor may change the workspace")
    return access
