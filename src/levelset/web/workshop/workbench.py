"""What the workshop does with a draft, for the pages and the JSON API alike.

Every answer comes from the service: the check drafts are compared against is kept by
the tenant's session (``WorkspaceHub.answer``) under the content it was computed for,
and each draft keeps its own last comparison, so a draft shown again costs one look at
the files. Applying is ``applying``'s.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from starlette.requests import Request

from levelset.load.yamledit import write_atomically
from levelset.model import Location, Problem, Report, Workspace
from levelset.model.comparison import ScenarioComparison
from levelset.model.scenario import Operation, Scenario
from levelset.report.scenario import render_scenario_file
from levelset.service import LevelsetError, Session, UsageError, WorkspaceError
from levelset.service.files import Part, WorkspaceFiles, scan_files
from levelset.service.scenarios import compare_with
from levelset.web.access import Access, Denied
from levelset.web.deps import hub
from levelset.web.hub import WorkspaceHub
from levelset.web.workshop.choices import Choices, choices
from levelset.web.workshop.drafts import (
    Draft,
    DraftStore,
    Saved,
)
from levelset.web.workshop.views import DraftOut, draft_out

#: Where a workspace keeps its scenario files (docs/guide.md: the workspace itself reads
#: every YAML file directly in its folder, so scenarios live one folder down).
SCENARIOS = "scenarios"

_STORE_LOCK = threading.Lock()


def draft_store(request: Request) -> DraftStore:
    """The server's drafts (made on first use)."""
    state = request.app.state
    with _STORE_LOCK:
        if not hasattr(state, "workshop_drafts"):
            state.workshop_drafts = DraftStore()
    store: DraftStore = state.workshop_drafts
    return store


def find_draft(request: Request, access: Access, draft_id: str) -> Draft:
    """The caller's draft of that id; ``Denied`` (404) otherwise: another user's id is
    answered as one that never existed."""
    draft = draft_store(request).get(access.tenant, access.user, draft_id)
    if draft is None:
        raise Denied("no such draft")
    return draft


@dataclass(frozen=True)
class Base:
    """What every draft of a tenant is compared against, for one content of the
    workspace: that content's hash, the check, the workspace it read, the forms' options,
    and the session (whose rule registry a comparison reads)."""

    content: str
    report: Report
    workspace: Workspace
    choices: Choices
    session: Session


def base(hub: WorkspaceHub, tenant: str) -> Base:
    """The tenant's ``Base``, computed once per workspace content. ``WorkspaceError``
    when the workspace cannot be read (no scenario can be tried on it)."""

    def compute(session: Session) -> Base:
        loaded = session.loaded
        report = session.check()
        if not loaded.ok:
            raise WorkspaceError(loaded.problems)
        workspace = loaded.workspace
        options = choices(workspace, report)
        return Base(session.content_hash, report, workspace, options, session)

    return hub.answer(tenant, "workshop:base", compute)


def base_check(hub: WorkspaceHub, tenant: str) -> Report:
    """The check drafts are compared against (``base``)."""
    return base(hub, tenant).report


@dataclass(frozen=True)
class Answer:
    """What a draft's page shows for one content of the workspace and one version of the
    draft (``digest``): the draft's comparison (``Session.scenario``'s answer) and the
    forms' options."""

    content: str
    digest: str
    comparison: ScenarioComparison
    choices: Choices


def answer(request: Request, draft: Draft) -> Answer:
    """The draft against the workspace as it is now. The draft's last answer is kept
    with it (one per draft, so a long workshop does not pile up comparisons): a page
    shown again looks at the files once and computes nothing. An operation that cannot
    apply is placed at its line of the draft's scenario file."""
    now = base(hub(request), draft.tenant)
    text = render_scenario_file(draft.scenario)
    digest = hashlib.blake2b(f"{file_name(draft)}\n{text}".encode(), digest_size=16).hexdigest()
    store = draft_store(request)
    kept = store.memo(draft)
    if isinstance(kept, Answer) and (kept.content, kept.digest) == (now.content, digest):
        return kept
    scenario = located(draft.scenario, text, file_name(draft))
    # compare_with reads the session's rule registry only (no engine, no file), so it
    # runs outside the tenant's lock: a long comparison holds up no other page.
    compared = compare_with(now.session, now.report, now.workspace, scenario)
    found = Answer(now.content, digest, compared, now.choices)
    store.remember(draft, found)
    return found


def located(scenario: Scenario, text: str, file: str) -> Scenario:
    """``scenario`` with each operation at its line of ``text`` (the scenario as a file,
    one operation a line under ``operations:``)."""
    lines = text.splitlines()
    first = lines.index("operations:") + 2 if "operations:" in lines else 0
    operations = tuple(
        replace(op, location=Location(file, first + n)) for n, op in enumerate(scenario.operations)
    )
    return replace(scenario, operations=operations)


def draft_view(request: Request, draft: Draft) -> tuple[DraftOut, Choices]:
    """The draft with its comparison against the workspace as it is now and the files
    changed since it was made; and the forms' options."""
    now = answer(request, draft)
    changed: tuple[str, ...] = ()
    if now.content != draft.content:  # only then are the files looked at one by one
        root = workspace_root(hub(request), draft.tenant)
        changed = draft.changed_files(organization_files(root))
    return draft_out(draft, now.comparison, changed, file_name(draft)), now.choices


#: The last look at each workspace's files: a file whose size and modification time did
#: not change is not hashed again (``scan_files``), so a page shown again reads no file.
_LOOKS: dict[Path, WorkspaceFiles] = {}
_LOOK_LOCK = threading.Lock()


def organization_files(root: Path) -> dict[str, str]:
    """The content hash of each organization file of the workspace (``levelset.toml`` and
    its YAML files), as the session tells them apart."""
    with _LOOK_LOCK:
        look = scan_files(root, _LOOKS.get(root))
        _LOOKS[root] = look
    return {name: s.version for name, s in look.files.items() if s.part is Part.ORGANIZATION}


def workspace_root(hub: WorkspaceHub, tenant: str) -> Path:
    """The tenant's workspace folder."""
    found = hub.tenant(tenant)
    assert found is not None  # the route's access check answered 404 before
    return found.workspace


def start_draft(
    request: Request, hub: WorkspaceHub, access: Access, start: str, file: str | None
) -> Draft:
    """A new draft for the caller: ``start`` is ``empty``, ``plan`` (the verified plan)
    or ``file`` (a scenario file of the workspace's ``scenarios`` folder)."""
    tenant = access.tenant
    base = organization_files(workspace_root(hub, tenant))
    report = base_check(hub, tenant)
    if start == "plan":
        plan = hub.answer(tenant, "workshop:plan", lambda s: s.verified_plan().scenario)
        scenario, origin = plan, "the verified plan"
    elif start == "file":
        path = scenario_file(hub, tenant, file or "")
        # The file is no file of the workspace's own: its content is part of the question.
        try:
            version = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
        except OSError as error:
            raise UsageError(f"cannot read {SCENARIOS}/{path.name}: {error.strerror}") from None
        try:
            scenario = hub.answer(
                tenant, f"workshop:file:{path.name}:{version}", lambda s: s.scenario(path).scenario
            )
        except WorkspaceError as error:  # placed in the workspace, not on the server's disk
            raise WorkspaceError([_within(p, path) for p in error.problems]) from None
        origin = f"{SCENARIOS}/{path.name}"
    elif start == "empty":
        scenario, origin = Scenario(), "an empty scenario"
    else:
        raise UsageError(f"cannot start a scenario from {start!r}: empty, plan or file")
    return draft_store(request).create(
        tenant,
        access.user,
        name=scenario.name or "Workshop scenario",
        origin=origin,
        operations=scenario.operations,
        notes=scenario.notes,
        base=base,
        base_findings=report.findings,
        content=hub.content_hash(tenant),
    )


def scenario_files(hub: WorkspaceHub, tenant: str) -> tuple[str, ...]:
    """The scenario files in the workspace's ``scenarios`` folder, by name."""
    folder = workspace_root(hub, tenant) / SCENARIOS
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name for p in folder.iterdir() if p.suffix in (".yaml", ".yml")))


def scenario_file(hub: WorkspaceHub, tenant: str, name: str) -> Path:
    """The scenario file ``name`` of the workspace: only a name listed in its folder, so
    a request names no other path."""
    if name not in scenario_files(hub, tenant):
        raise UsageError(f"no scenario file {name!r} in {SCENARIOS}/")
    return workspace_root(hub, tenant) / SCENARIOS / name


def add_operation(request: Request, draft: Draft, operation: Operation) -> Draft:
    """The draft with ``operation`` added at the end."""
    return draft_store(request).put(draft, operations=(*draft.operations, operation), outcome=None)


def remove_operation(request: Request, draft: Draft, index: int) -> Draft:
    """The draft without its operation at ``index`` (counted from 0)."""
    if not 0 <= index < len(draft.operations):
        raise Denied(f"the draft has no change number {index + 1}")
    kept = draft.operations[:index] + draft.operations[index + 1 :]
    return draft_store(request).put(draft, operations=kept, outcome=None)


def rename(request: Request, draft: Draft, name: str) -> Draft:
    """The draft under a new name."""
    return draft_store(request).put(draft, name=name.strip() or draft.name, outcome=None)


def file_name(draft: Draft) -> str:
    """The file a draft is saved as: its name in lower case, dashes between words."""
    slug = re.sub(r"[^a-z0-9]+", "-", draft.name.lower()).strip("-")[:60]
    return f"{slug or 'scenario'}.yaml"


def save_draft(request: Request, hub: WorkspaceHub, draft: Draft) -> Draft:
    """Write the draft as a scenario file into the workspace's ``scenarios`` folder
    (replacing a file of the same name), atomically."""
    folder = workspace_root(hub, draft.tenant) / SCENARIOS
    try:
        folder.mkdir(exist_ok=True)
        write_atomically(folder / file_name(draft), render_scenario_file(draft.scenario))
    except OSError as error:
        raise LevelsetError(f"cannot save the scenario in {SCENARIOS}/: {error}") from None
    return draft_store(request).put(draft, outcome=Saved(f"{SCENARIOS}/{file_name(draft)}"))


def _within(problem: Problem, path: Path) -> Problem:
    """``problem`` placed at ``scenarios/NAME`` when it was placed at ``path``."""
    if problem.location.file != str(path):
        return problem
    return replace(problem, location=replace(problem.location, file=f"{SCENARIOS}/{path.name}"))
