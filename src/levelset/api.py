"""The Python API: load a workspace, check it, decide the exit status, look up rules.

Everything the ``levelset`` command does goes through these functions, so a script or a
notebook gets the same results as the command line::

    import levelset
    report = levelset.check("examples/acme", select=["LEV"])
    print(levelset.exit_status(report, levelset.Severity.WARNING))
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from levelset import scaffold
from levelset.load import LoadResult, load_files, load_workspace
from levelset.load.events import has_event_data, read_event_files
from levelset.load.finance import has_finance_data, read_finance_files
from levelset.model import Location, Problem, Report, Severity, Workspace
from levelset.model.allocation import Allocation
from levelset.model.finance import Finance
from levelset.model.index import OrgIndex
from levelset.plan import build_plan
from levelset.rules import builtin_registry, run_rules
from levelset.rules.docs import render_markdown as _render_rules_markdown
from levelset.rules.registry import FAMILIES, Registry, Rule

__all__ = [
    "FAMILIES",
    "EventRun",
    "FinanceResult",
    "LoadResult",
    "Registry",
    "Rule",
    "UsageError",
    "check",
    "default_registry",
    "events",
    "exit_status",
    "fail_on_setting",
    "finance",
    "find_rule",
    "init",
    "load",
    "load_files",
    "load_workspace",
    "rules_markdown",
]

if TYPE_CHECKING:  # the engine (Ibis, DuckDB) is imported only when there are events
    from levelset.engine import Engine

PathLike = str | os.PathLike[str]
Progress = Callable[[str], None]

_TOML_FILE = "levelset.toml"
_TOML_HEADER = re.compile(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$")
_TOML_KEY = re.compile(r"^\s*[\"']?([A-Za-z0-9_-]+)[\"']?\s*=")


class UsageError(ValueError):
    """The caller asked for something that cannot be done (an unknown rule, say).

    Not a problem in the workspace: the command line reports it as wrong usage (exit 2).
    """


@cache
def default_registry() -> Registry:
    """The built-in rule registry (built once)."""
    return builtin_registry()


def load(path: PathLike) -> LoadResult:
    """Read the workspace folder at ``path``; problems are returned, never raised."""
    return load_workspace(Path(path))


def check(
    target: PathLike | Workspace | LoadResult,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    registry: Registry | None = None,
    engine: str | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check a workspace (a folder, an already loaded ``LoadResult`` or a ``Workspace``).

    A workspace that could not be read is not diagnosed: the report then holds the
    loader's problems and no findings. ``select``/``ignore`` take codes, families, code
    prefixes or rule names; when the caller passes none, ``select``/``ignore`` of
    ``levelset.toml`` apply. Raises ``UsageError`` for a selector that matches no rule.

    When the workspace has time or calendar data (``data/time``, ``data/calendar``), the
    allocation cube is built on ``engine`` (a connection URL; by default ``[data] engine``
    of ``levelset.toml``, else in-process DuckDB) and the event rules run too. Problems
    in event data are reported beside the findings; they do not stop the diagnosis.
    ``progress`` is told, in words, what is being done.
    """
    rules_registry = registry if registry is not None else default_registry()
    _require_known(rules_registry, select, "--select")
    _require_known(rules_registry, ignore, "--ignore")
    if isinstance(target, Workspace):
        workspace = target
        shown = target.root
    else:
        loaded = target if isinstance(target, LoadResult) else load(target)
        shown = Path(target) if not isinstance(target, LoadResult) else loaded.workspace.root
        if loaded.problems:
            return Report(workspace=shown, problems=tuple(loaded.problems))
        workspace = loaded.workspace
    settings = workspace.settings
    problems = list(_settings_problems(rules_registry, workspace))
    chosen = rules_registry.select(
        tuple(select) or settings.select, tuple(ignore) or settings.ignore
    )
    index = OrgIndex(workspace)  # built once, read by every rule and by the plan
    data = _read_data(workspace, engine, progress)
    problems += data.problems
    workspace, allocation, figures = data.workspace, data.allocation, data.finance
    if progress is not None:
        progress("Running the rules")
    findings, rule_problems = run_rules(
        workspace,
        chosen,
        registry=rules_registry,
        index=index,
        allocation=allocation,
        finance=figures,
    )
    problems += rule_problems
    plan = build_plan(workspace, findings, index)
    return Report(
        workspace=shown,
        problems=tuple(problems),
        findings=tuple(findings),
        plan=plan,
        allocation=allocation,
        finance=figures,
    )


@dataclass
class EventRun:
    """The events of a workspace in an engine: the cube table and its summary.

    Use it as a context manager so that the engine's connection is closed::

        with levelset.events("examples/acme") as run:
            print(run.allocation.weeks, run.engine.rows(run.cube.limit(5)))

    ``cube`` and ``engine`` are ``None`` when the workspace could not be read or has no
    time or calendar data; ``problems`` says why.
    """

    workspace: Workspace
    engine: Engine | None = None
    cube: Any = None  # an ibis table with the columns of engine.cube.CUBE_COLUMNS
    allocation: Allocation | None = None
    problems: list[Problem] = field(default_factory=list)

    def close(self) -> None:
        """Close the engine's connection."""
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    def __enter__(self) -> EventRun:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def events(
    target: PathLike | Workspace | LoadResult,
    *,
    engine: str | None = None,
    progress: Progress | None = None,
) -> EventRun:
    """Read the workspace's time and calendar data into an engine and build the cube.

    ``engine`` is a connection URL (``duckdb://``, ``postgres://...``); by default
    ``[data] engine`` of ``levelset.toml``, else in-process DuckDB. Never raises on user
    data: unreadable rows, files and an unreachable engine are problems of the run.
    """
    workspace, unread = _workspace_of(target)
    if unread:
        return EventRun(workspace, problems=unread)
    if not has_event_data(workspace):
        return EventRun(workspace)
    if progress is not None:
        progress("Reading data/time and data/calendar")
    workspace, problems = read_event_files(workspace)
    if workspace.events.is_empty():
        return EventRun(workspace, problems=problems)
    from levelset.engine.events import build_cube  # noqa: PLC0415 - slow to import

    connection, failed = _open_engine(workspace, engine)
    if connection is None:
        return EventRun(workspace, problems=[*problems, *failed])
    try:
        cube = build_cube(connection, workspace, progress, today=date.today())
    except Exception as error:  # the engine failed on something no importer foresaw
        connection.close()
        problems.append(_engine_failure(connection.name, error))
        return EventRun(workspace, problems=problems)
    problems += cube.problems
    return EventRun(workspace, connection, cube.table, cube.allocation, problems)


@dataclass
class FinanceResult:
    """The finance figures of a workspace (``None`` when it has no ``data/finance`` or
    they could not be computed) and the problems met on the way."""

    workspace: Workspace
    finance: Finance | None = None
    allocation: Allocation | None = None
    problems: list[Problem] = field(default_factory=list)


def finance(
    target: PathLike | Workspace | LoadResult,
    *,
    engine: str | None = None,
    progress: Progress | None = None,
) -> FinanceResult:
    """Compute the finance figures of a workspace: customer profitability (with the hours
    logged against each customer when there are time entries), receivables, forecast
    coverage and prospects. Never raises on user data: problems are returned."""
    workspace, unread = _workspace_of(target)
    if unread:
        return FinanceResult(workspace, problems=unread)
    data = _read_data(workspace, engine, progress)
    return FinanceResult(data.workspace, data.finance, data.allocation, data.problems)


@dataclass
class _Data:
    workspace: Workspace
    allocation: Allocation | None = None
    finance: Finance | None = None
    problems: list[Problem] = field(default_factory=list)


def _read_data(
    workspace: Workspace,
    engine: str | None,
    progress: Progress | None,
) -> _Data:
    """The events (allocation cube) and finance figures of ``workspace``, in one engine:
    the finance figures read the cube for the hours logged against each customer."""
    result = _Data(workspace)
    wants_events = has_event_data(workspace)
    wants_finance = has_finance_data(workspace)
    if not (wants_events or wants_finance):
        return result
    run = (
        events(workspace, engine=engine, progress=progress) if wants_events else EventRun(workspace)
    )
    with run:
        result.problems += run.problems
        result.allocation = run.allocation
        result.workspace = run.workspace
        if wants_finance:
            figures, problems = _finance_in(run, engine, progress)
            result.finance = figures
            # An engine the events could not open, finance cannot either: told once.
            result.problems += [p for p in problems if p not in result.problems]
    return result


def _finance_in(
    run: EventRun, engine: str | None, progress: Progress | None
) -> tuple[Finance | None, list[Problem]]:
    """The finance figures, computed in the run's engine (or a new one)."""
    if progress is not None:
        progress("Reading data/finance")
    workspace, problems = read_finance_files(run.workspace)
    if workspace.finance.is_empty():
        return None, problems
    from levelset.engine.finrun import build_finance  # noqa: PLC0415 - slow to import

    connection = run.engine
    owned = connection is None
    if connection is None:
        connection, failed = _open_engine(workspace, engine)
        if connection is None:
            return None, [*problems, *failed]
    try:
        built = build_finance(connection, workspace, run.cube, progress)
    except Exception as error:  # the engine failed on something no importer foresaw
        return None, [*problems, _engine_failure(connection.name, error)]
    finally:
        if owned:
            connection.close()
    return built.finance, [*problems, *built.problems]


def _workspace_of(target: PathLike | Workspace | LoadResult) -> tuple[Workspace, list[Problem]]:
    """The workspace ``target`` is, names or was loaded into, and the problems that kept
    it from being read (then nothing more should be done with it)."""
    if isinstance(target, Workspace):
        return target, []
    loaded = target if isinstance(target, LoadResult) else load(target)
    return loaded.workspace, list(loaded.problems)


def _open_engine(workspace: Workspace, engine: str | None) -> tuple[Engine | None, list[Problem]]:
    """The engine ``engine`` names, else ``[data] engine`` (held to ``[data]
    memory_limit``); ``None`` and the problem, placed at the setting when it named the
    engine, when it cannot be opened."""
    from levelset.engine import EngineError, open_engine  # noqa: PLC0415 - slow to import

    data = workspace.settings.data
    try:
        return open_engine(engine or data.engine, memory_limit=data.memory_limit), []
    except EngineError as error:
        where = data.location if data.engine and not engine else Location("")
        return None, [Problem(where, error.message, error.hint)]


def _engine_failure(name: str, error: Exception) -> Problem:
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return Problem(
        Location("data"),
        f"the {name} engine could not compute the allocation: {first}",
        "check the files under data/ (a damaged or truncated file?); if they are sound, "
        "this is a bug: please report it with this message",
    )


def exit_status(report: Report, fail_on: Severity | str = Severity.ERROR) -> int:
    """2 when the report has problems, 1 when a finding reaches ``fail_on``, else 0."""
    threshold = fail_on if isinstance(fail_on, Severity) else Severity.parse(fail_on)
    if report.problems:
        return 2
    if any(finding.severity.rank >= threshold.rank for finding in report.findings):
        return 1
    return 0


def fail_on_setting(workspace: Workspace) -> Severity:
    """The ``fail_on`` severity ``levelset.toml`` sets (``error`` when it sets none)."""
    try:
        return Severity.parse(workspace.settings.fail_on or "error")
    except ValueError:  # the loader reports a bad value; fall back to the documented default
        return Severity.ERROR


def find_rule(key: str, registry: Registry | None = None) -> Rule:
    """A rule by code (``LEV002``) or name (``level-gap``).

    Raises ``UsageError`` with a did-you-mean suggestion when there is none.
    """
    rules_registry = registry if registry is not None else default_registry()
    found = rules_registry.get(key)
    if found is None:
        raise UsageError(f"no rule {key!r}{_did_you_mean(rules_registry, key)}")
    return found


def rules_markdown(registry: Registry | None = None) -> str:
    """The rule catalogue as Markdown (the text of ``docs/rules.md``)."""
    return _render_rules_markdown(registry if registry is not None else default_registry())


def init(path: PathLike, name: str | None = None) -> list[Path]:
    """Write a small commented workspace into ``path`` (created if missing).

    Raises ``UsageError`` when ``path`` is a file or a folder that is not empty: nothing is
    overwritten. Returns the files written.
    """
    try:
        return scaffold.write_workspace(Path(path), name)
    except scaffold.ScaffoldError as error:
        raise UsageError(str(error)) from None


def _candidates(rules_registry: Registry) -> list[str]:
    names: list[str] = []
    for each in rules_registry:
        names += [each.code, each.name]
    return names + sorted({each.family for each in rules_registry})


def _did_you_mean(rules_registry: Registry, key: str) -> str:
    candidates = _candidates(rules_registry)
    upper = {c.upper(): c for c in candidates}
    close = difflib.get_close_matches(key.upper(), list(upper), n=3, cutoff=0.6)
    if not close:
        return "; `levelset rules` lists them all"
    return "; did you mean " + " or ".join(repr(upper[c]) for c in close) + "?"


def _unknown(rules_registry: Registry, selectors: Iterable[str]) -> list[str]:
    cleaned = [s.strip() for s in selectors if s.strip()]
    return rules_registry.unknown_selectors(cleaned)


def _require_known(rules_registry: Registry, selectors: Sequence[str], flag: str) -> None:
    unknown = _unknown(rules_registry, selectors)
    if unknown:
        first = unknown[0]
        raise UsageError(f"{flag}: {first!r} matches no rule{_did_you_mean(rules_registry, first)}")


def _settings_problems(rules_registry: Registry, workspace: Workspace) -> Iterable[Problem]:
    """Selectors in ``levelset.toml`` that match no rule are problems of the workspace."""
    settings = workspace.settings
    for key, selectors in (("select", settings.select), ("ignore", settings.ignore)):
        for unknown in _unknown(rules_registry, selectors):
            yield Problem(
                _check_key_location(workspace.root, key),
                f"[check] {key}: {unknown!r} matches no rule",
                _did_you_mean(rules_registry, unknown).removeprefix("; "),
            )


def _check_key_location(root: Path, key: str) -> Location:
    """Where ``key`` stands under ``[check]`` in ``levelset.toml`` (the file alone if unsure).

    ``select`` and ``ignore`` are only ever set there; the settings keep the location of
    the organization table, which may be in another file.
    """
    fallback = Location(_TOML_FILE)
    try:
        lines = (root / _TOML_FILE).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return fallback
    table = ""
    for number, line in enumerate(lines, start=1):
        header = _TOML_HEADER.match(line)
        found = _TOML_KEY.match(line)
        if header:
            table = header.group(1).strip()
        elif table == "check" and found is not None and found[1] == key:
            return Location(_TOML_FILE, number)
    return fallback
