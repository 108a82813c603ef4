"""The Python API: load a workspace, check it, decide the exit status, look up rules.

Each function is a thin call on the service layer (``levelset.service``), the one door
every face goes through, so a script or a notebook gets the same results as the command
line::

    import levelset
    report = levelset.check("examples/acme", select=["LEV"])
    print(levelset.exit_status(report, levelset.Severity.WARNING))

For several questions about one workspace, keep a ``levelset.Session`` open: it reads the
workspace once and keeps its engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from levelset import scaffold
from levelset.load import LoadResult, load_files, load_workspace
from levelset.model import Problem, Report, Workspace
from levelset.model.allocation import Allocation
from levelset.model.finance import Finance
from levelset.rules import FAMILIES
from levelset.rules.docs import render_markdown as _render_rules_markdown
from levelset.rules.registry import Registry, Rule
from levelset.service import LevelsetError, Session, UsageError, default_registry
from levelset.service import find_rule as _find_rule
from levelset.service.status import exit_status, fail_on_setting

__all__ = [
    "FAMILIES",
    "EventRun",
    "FinanceResult",
    "LevelsetError",
    "LoadResult",
    "Registry",
    "Rule",
    "Session",
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

    When the chosen rules read hours or books and the workspace has them (``data/time``,
    ``data/calendar``, ``data/finance``), they are computed on ``engine`` (a connection
    URL; by default ``[data] engine`` of ``levelset.toml``, else in-process DuckDB).
    Problems in that data are reported beside the findings; they do not stop the
    diagnosis. ``progress`` is told, in words, what is being done.
    """
    with Session(
        target, engine=engine, registry=registry, progress=progress, reuse=False
    ) as session:
        return session.check(select, ignore)


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
    session: Session | None = None

    def close(self) -> None:
        """Close the engine's connection."""
        if self.session is not None:
            self.session.close()
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
    session = Session(target, engine=engine, progress=progress, reuse=False)
    loaded = session.loaded
    if loaded.problems:
        session.close()
        return EventRun(loaded.workspace, problems=list(loaded.problems))
    found = session.events()
    if found.cube is None:
        session.close()
        return EventRun(found.workspace, problems=found.problems)
    return EventRun(
        found.workspace,
        session.engine,
        found.cube,
        found.allocation,
        found.problems,
        session,
    )


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
    with Session(target, engine=engine, progress=progress, reuse=False) as session:
        loaded = session.loaded
        if loaded.problems:
            return FinanceResult(loaded.workspace, problems=list(loaded.problems))
        events = session.events()
        figures = session.finance()
    problems = [*events.problems, *(p for p in figures.problems if p not in events.problems)]
    return FinanceResult(figures.workspace, figures.finance, events.allocation, problems)


def find_rule(key: str, registry: Registry | None = None) -> Rule:
    """A rule by code (``LEV002``) or name (``level-gap``).

    Raises ``UsageError`` with a did-you-mean suggestion when there is none.
    """
    return _find_rule(registry if registry is not None else default_registry(), key)


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
