"""Applying a draft to the workspace, and what changed since it was made.

Applying opens a session of its own and writes through the service's all-or-nothing
writer with the content hashes the draft was made on: a file someone else changed in
between is never overwritten, and the draft is told which files and findings changed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from starlette.requests import Request

from levelset.model import Finding
from levelset.service import LevelsetError, Session
from levelset.service.scenarios import write_operations
from levelset.web.access import Access
from levelset.web.hub import WorkspaceHub
from levelset.web.workshop.drafts import Applied, Changed, Draft, Refused
from levelset.web.workshop.workbench import (
    base_check,
    draft_store,
    organization_files,
    workspace_root,
)

_APPLY_LOCK = threading.Lock()


@dataclass(frozen=True)
class Difference:
    """How the workspace now differs from the one a draft was made on."""

    files: tuple[str, ...]
    opened: tuple[Finding, ...]
    closed: tuple[Finding, ...]


def difference(hub: WorkspaceHub, draft: Draft) -> Difference:
    """The files changed since the draft was made, and the findings that change opened
    and closed (the check then against the check now)."""
    files = draft.changed_files(organization_files(workspace_root(hub, draft.tenant)))
    if not files:
        return Difference((), (), ())
    now = base_check(hub, draft.tenant).findings
    then_keys = {_key(f) for f in draft.base_findings}
    now_keys = {_key(f) for f in now}
    return Difference(
        files,
        tuple(f for f in now if _key(f) not in then_keys),
        tuple(f for f in draft.base_findings if _key(f) not in now_keys),
    )


def apply_draft(request: Request, hub: WorkspaceHub, access: Access, draft: Draft) -> Draft:
    """Write the draft into the workspace, all or nothing; refused (nothing written) when
    the workspace changed since the draft was made or an operation cannot apply. The
    outcome is on the draft returned."""
    store = draft_store(request)
    with _APPLY_LOCK:  # two applies in this server take turns; other writers: the hashes
        hub.changed(draft.tenant)  # look at the files now, not when the watcher says
        changed = difference(hub, draft)
        if changed.files:
            outcome = Changed(changed.files, changed.opened, changed.closed)
            return store.put(draft, outcome=outcome)
        session = Session(workspace_root(hub, draft.tenant), reuse=False)
        try:
            done = write_operations(session, draft.scenario, expected=draft.base)
        except LevelsetError as error:
            if error.problems:
                raise
            # A file changed between the look above and the write: nothing was written.
            later = difference(hub, draft)
            outcome = Changed(later.files, later.opened, later.closed, error.message)
            return store.put(draft, outcome=outcome)
        finally:
            session.close()
    hub.changed(draft.tenant)  # the app wrote the files: the next answer reads them
    if done.refused:
        return store.put(draft, outcome=Refused(done.refused))
    root = workspace_root(hub, draft.tenant)
    written = tuple(sorted(p.relative_to(root).as_posix() for p in done.written))
    request.app.state.auditor.record(
        access,
        "apply-scenario",
        f"{draft.name}: {len(draft.operations)} changes, wrote "
        + (", ".join(written) or "nothing"),
    )
    return store.put(
        draft,
        base=organization_files(root),
        base_findings=base_check(hub, draft.tenant).findings,
        content=hub.content_hash(draft.tenant),
        outcome=Applied(written, done.unwritten),
    )


def rebase(request: Request, hub: WorkspaceHub, draft: Draft) -> Draft:
    """The draft made anew on the workspace as it is now: its changes kept, the hashes
    and findings it remembers taken from the files as they are."""
    hub.changed(draft.tenant)
    return draft_store(request).put(
        draft,
        base=organization_files(workspace_root(hub, draft.tenant)),
        base_findings=base_check(hub, draft.tenant).findings,
        content=hub.content_hash(draft.tenant),
        outcome=None,
    )


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.code, finding.subject.kind, finding.subject.id
