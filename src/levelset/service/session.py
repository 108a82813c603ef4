"""The session: one workspace, loaded once, its engine kept open, every question answered.

Every face (the command line, the Python API, the HTML report, the web app) asks its
questions here and only renders the answers::

    from levelset.service import Session
    with Session("examples/acme") as session:
        report = session.check(select=["LEV"])
        trend = session.trend("others-work", "maria-okafor")

A session takes its clock from its caller (``today``), knows the content hash of every
file it read (``content_hash``), and before each question looks at the files again:
only the parts that changed are read again (a YAML change re-reads the organization,
not the event data; see ``service.files``). Questions that cannot be answered raise
``LevelsetError``; problems in the workspace are values on the answers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from levelset.load import LoadResult, load_workspace
from levelset.load.events import has_event_data
from levelset.load.finance import has_finance_data
from levelset.model import Problem, Report, Workspace
from levelset.model.acceptance import split_accepted
from levelset.model.index import OrgIndex
from levelset.plan import build_plan
from levelset.plan.line_of_sight import LineOfSight
from levelset.plan.snapshots import (
    Snapshot,
    SnapshotDiff,
    diff_snapshots,
    read_snapshots,
    write_snapshot,
)
from levelset.report.data import report_to_dict
from levelset.rules import rules_run, run_rules
from levelset.rules.registry import Registry, RuleData
from levelset.service.data import DataStore, EventData, FinanceData, Progress
from levelset.service.errors import WorkspaceError
from levelset.service.files import Part, WorkspaceFiles, scan_files
from levelset.service.history import pick_snapshots
from levelset.service.hours import (
    OnProblem,
    metric_kinds,
    person_line_of_sight,
    require_events,
    weekly_trend,
)
from levelset.service.lookup import find_person, find_subject
from levelset.service.rules import (
    acceptance_problems,
    chosen_rules,
    default_registry,
    settings_problems,
)
from levelset.service.scenarios import (
    ScenarioComparison,
    ScenarioSource,
    VerifiedPlan,
    compare,
    verified_plan,
)

if TYPE_CHECKING:
    from levelset.engine import Engine
    from levelset.model.trend import Trend

PathLike = str | os.PathLike[str]
Clock = Callable[[], date]


class Session:
    """A workspace and everything computed from it, kept until its files change.

    ``engine`` is a connection URL (``duckdb://``, ``postgres://...``); by default
    ``[data] engine`` of ``levelset.toml``, else in-process DuckDB. ``today`` is the
    session's clock: a day, or a function giving it (by default the machine's date).
    ``reuse`` keeps what lets a later question skip reading the data files again (the
    scans of the time files, the calendars' expansion, the registered finance tables):
    worth its memory in a long-lived session, not for one question (``reuse=False``).
    Close the session (or use it as a context manager) to let the engine go.
    """

    def __init__(
        self,
        target: PathLike | LoadResult | Workspace,
        *,
        engine: str | None = None,
        today: date | Clock | None = None,
        registry: Registry | None = None,
        progress: Progress | None = None,
        reuse: bool = True,
    ) -> None:
        self._clock: Clock = _clock(today)
        self.registry = registry if registry is not None else default_registry()
        self._data = DataStore(engine, progress, reuse=reuse)
        self._reuse = reuse
        self._progress = progress
        self._root: Path | None = None
        self._files: WorkspaceFiles | None = None
        if isinstance(target, Workspace):
            self._loaded = LoadResult(target, ())
        elif isinstance(target, LoadResult):
            self._loaded = target
        else:  # a folder: read now, and again when its files change
            self._root = Path(target)
            self._files = scan_files(self._root)
            self._loaded = load_workspace(self._root)

    # -- what the session holds -----------------------------------------------------

    @property
    def loaded(self) -> LoadResult:
        """The workspace as read and the problems reading it (after a refresh)."""
        self.refresh()
        return self._loaded

    @property
    def workspace(self) -> Workspace:
        """The workspace; raises ``WorkspaceError`` when it could not be read."""
        loaded = self.loaded
        if loaded.problems:
            raise WorkspaceError(loaded.problems)
        return loaded.workspace

    @property
    def engine(self) -> Engine | None:
        """The session's engine, once a question needed it (kept open until ``close``)."""
        return self._data.engine

    @property
    def today(self) -> date:
        """The session's day: what "today" means for every figure."""
        return self._clock()

    @property
    def content_hash(self) -> str:
        """One hash of every file the session read (empty for a workspace given in memory)."""
        return self._files.content_hash() if self._files is not None else ""

    @property
    def computed(self) -> dict[str, int]:
        """How many times the events and the finance figures were computed (not answered
        from what the session kept): what a refresh after a change cost."""
        return dict(self._data.computed)

    def refresh(self) -> frozenset[Part]:
        """Look at the files again; read again only the parts that changed. Returns them.

        Every question refreshes first, so a long-lived session answers for the files as
        they are now."""
        if self._root is None or self._files is None:
            return frozenset()
        now = scan_files(self._root, self._files)
        changed = now.changed(self._files)
        self._files = now
        if Part.ORGANIZATION in changed:
            self._loaded = load_workspace(self._root)
        return changed

    # -- data ----------------------------------------------------------------------

    def events(self) -> EventData:
        """The workspace's time and calendar data in the engine: the cube and its summary.

        Raises ``WorkspaceError`` when the workspace could not be read.
        """
        workspace = self.workspace
        return self._events(workspace)

    def finance(self) -> FinanceData:
        """The finance figures, with the hours logged against each customer when there are
        time entries. Raises ``WorkspaceError`` when the workspace could not be read."""
        workspace = self.workspace
        return self._finance(self._events(workspace))

    def _events(self, workspace: Workspace) -> EventData:
        key = self._key(Part.ORGANIZATION, Part.TIME, Part.CALENDAR)
        files = self._files.key(Part.TIME, Part.CALENDAR) if self._files is not None else None
        return self._data.events(workspace, key, files, self.today)

    def _finance(self, events: EventData) -> FinanceData:
        files = self._files.key(Part.FINANCE) if self._files is not None else None
        return self._data.finance(events, self._key(*Part), files, self.today)

    def _key(self, *parts: Part) -> tuple[str, date] | None:
        """What a result computed from ``parts`` depends on: their files and the day."""
        if self._files is None:
            return None
        return self._files.key(*parts), self.today

    # -- questions -----------------------------------------------------------------

    def check(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Report:
        """Findings and a plan. A workspace that could not be read is not diagnosed: the
        report then holds the loader's problems and no findings.

        ``select``/``ignore`` take codes, families, code prefixes or rule names; when the
        caller passes none, those of ``levelset.toml`` apply (``UsageError`` for one that
        matches no rule). Only the data the chosen rules need is read: a check of rules
        that read no hours reads no time, calendar or finance file.
        """
        loaded = self.loaded
        shown = loaded.workspace.root
        rules = chosen_rules(self.registry, loaded.workspace, select, ignore)
        if loaded.problems:  # no rule ran
            return Report(workspace=shown, problems=loaded.problems, rules=())
        workspace = loaded.workspace
        problems = list(settings_problems(self.registry, workspace))
        events = EventData(workspace)
        figures = FinanceData(workspace)
        wanted = self.registry.needs(rules)
        if wanted and (has_event_data(workspace) or has_finance_data(workspace)):
            # The finance figures read the cube too (hours logged against customers).
            events = self._events(workspace)
            problems += events.problems
            if RuleData.FINANCE in wanted:
                figures = self._finance(events)
                # An engine the events could not open is told once.
                problems += [p for p in figures.problems if p not in problems]
        if not self._reuse:
            # One question: the engine's memory goes before the rules take theirs (the
            # rules read the allocation's summary and the figures, both in Python).
            self._data.close()
        self._say("Running the rules")
        index = OrgIndex(events.workspace)  # built once, read by every rule and by the plan
        findings, rule_problems = run_rules(
            events.workspace,
            rules,
            registry=self.registry,
            index=index,
            allocation=events.allocation,
            finance=figures.finance,
        )
        # An accepted finding is shown as accepted: it neither fails the check nor
        # asks for a fix in the plan, until its date passes or it changes.
        still, accepted = split_accepted(findings, workspace.accepted, self.today)
        problems += acceptance_problems(self.registry, workspace.accepted)
        return Report(
            workspace=shown,
            problems=(*problems, *rule_problems),
            findings=still,
            accepted=accepted,
            plan=build_plan(events.workspace, still, index),
            allocation=events.allocation,
            finance=figures.finance,
            rules=rules_run(rules, allocation=events.allocation, finance=figures.finance),
        )

    def plan(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Report:
        """The report whose ``plan`` is the point (``check``). The plan needs no event
        data: without it, transfers and the stop-doing list are empty and seats and
        partner actions still come from the static findings."""
        return self.check(select, ignore)

    def trend(
        self, metric: str, subject: str | None = None, on_problem: OnProblem | None = None
    ) -> Trend:
        """The weekly series of ``metric`` for ``subject`` over the analysis window.

        Metrics (``model.trend.METRICS``): ``others-work`` (a person's hours on
        responsibilities none of their seats owns), ``horizon`` (a seat's holders' hours
        below, in and above its band), ``unowned`` (hours matching no responsibility: all,
        a person's or a function's), ``hours`` (a person's or a responsibility's).
        ``on_problem`` hears of rows that could not be used (the figures leave them out).
        """
        kinds = metric_kinds(metric)
        found = find_subject(self.workspace, metric, kinds, subject)
        events = require_events(self.events(), "trend", on_problem)
        assert self._data.engine is not None  # a cube lives in an open engine
        return weekly_trend(self._data.engine, events, metric, found)

    def line_of_sight(self, person: str, on_problem: OnProblem | None = None) -> LineOfSight:
        """``person``'s hours by responsibility → goal → top objective, and what is tied to
        nothing, over the analysis window."""
        person_id = find_person(self.workspace, person)
        events = require_events(self.events(), "line-of-sight", on_problem)
        return person_line_of_sight(events, person_id)

    def scenario(
        self, source: ScenarioSource, select: Sequence[str] = (), ignore: Sequence[str] = ()
    ) -> ScenarioComparison:
        """A scenario (its operations, a scenario file, or ``"plan"``: the workspace's own
        plan) against the workspace as it is; see ``service.scenarios``."""
        return compare(self, source, select, ignore)

    def verified_plan(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> VerifiedPlan:
        """The plan, as operations too, verified by applying it: what it closes, opens
        and frees (``service.scenarios.verified_plan``)."""
        return verified_plan(self, select, ignore)

    def snapshots(self) -> tuple[list[Snapshot], list[Problem]]:
        """The saved snapshots of the workspace, oldest first, and the unreadable ones."""
        return read_snapshots(self._folder())

    def diff(self, old: str | None = None, new: str | None = None) -> SnapshotDiff:
        """Findings opened, closed and still open between two snapshots (by name or
        unique prefix; by default the last two). ``UsageError`` when there are fewer than
        two or a name picks none or several."""
        snapshots, _unreadable = self.snapshots()
        older, newer = pick_snapshots(snapshots, old, new, workspace=str(self._folder()))
        return diff_snapshots(older, newer)

    def save(self, report: Report, now: datetime | None = None) -> Path:
        """Store ``report`` as a dated snapshot of the workspace; the file written.
        Raises ``SnapshotError`` when the snapshot folder cannot be written."""
        return write_snapshot(self._folder(), report_to_dict(report), now or datetime.now(UTC))

    def _folder(self) -> Path:
        return self._root if self._root is not None else self._loaded.workspace.root

    def close(self) -> None:
        """Let the engine go (what was computed in it goes too)."""
        self._data.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _say(self, message: str) -> None:
        if self._progress is not None:
            self._progress(message)


def _clock(today: date | Clock | None) -> Clock:
    if today is None:
        return date.today
    if isinstance(today, date):
        return lambda: today
    return today
