"""The session's engine and what it computed there: the allocation cube and the finance
figures, kept while what they were computed from is unchanged.

The engine (in-process DuckDB unless ``--engine`` or ``[data] engine`` names another) is
opened on first need and kept open for the session's life, so a long-lived process (the
web app, a notebook) does not pay for it on every question. Each result is kept under a
key of what it depends on; a question whose key is unchanged is answered from what is
kept. Nothing here raises on user data: unreadable rows, files and an engine that cannot
be opened are problems of the result.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from levelset.load.events import has_event_data, read_event_files
from levelset.load.finance import has_finance_data, read_finance_files
from levelset.model import Location, Problem, Workspace
from levelset.model.allocation import Allocation
from levelset.model.events import EventFiles
from levelset.model.finance import Finance, FinanceFiles
from levelset.model.storage import is_url

if TYPE_CHECKING:  # the engine (Ibis, DuckDB) is imported only when there is data
    from levelset.engine import Engine
    from levelset.engine.events import EventScans
    from levelset.engine.finance import FinanceTables

Progress = Callable[[str], None]
#: The finance files' key, the sources found, the problems finding them, and the tables
#: registered from them (once registered).
_Books = tuple[Hashable, FinanceFiles, list[Problem], "FinanceTables | None"]


@dataclass
class EventData:
    """A workspace's events in the engine: the cube table and its summary.

    ``workspace`` carries the event files read; ``cube`` (an Ibis table) and
    ``allocation`` are ``None`` when there is no usable time or calendar data, and
    ``problems`` says why.
    """

    workspace: Workspace
    cube: Any = None
    allocation: Allocation | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class FinanceData:
    """A workspace's finance figures (``None`` without ``data/finance`` or when they could
    not be computed) and the problems met on the way."""

    workspace: Workspace
    finance: Finance | None = None
    problems: list[Problem] = field(default_factory=list)


class DataStore:
    """One engine, kept open, and the results computed in it, each under its key."""

    def __init__(
        self, engine_url: str | None = None, progress: Progress | None = None, *, reuse: bool = True
    ) -> None:
        self._url = engine_url
        # Whether to keep what lets a later question skip reading the data files again.
        self._reuse = reuse
        self._progress = progress
        self._engine: Engine | None = None
        self._engine_key: tuple[str | None, str | None] | None = None
        self._events: tuple[Hashable, EventData] | None = None
        self._finance: tuple[Hashable, FinanceData] | None = None
        # The finance files as recognised and registered in the engine: they depend on
        # the files alone, so a YAML change computes the figures again from them.
        self._books: _Books | None = None
        # The event files as read (time sources, calendars parsed) and scanned in the
        # engine: a YAML change resolves the kept scans against the workspace again.
        self._files: tuple[Hashable, EventFiles, list[Problem]] | None = None
        self._scans: EventScans | None = None
        # The names of the engine's tables made for the scans, the cube and the
        # registered finance files (with the ledger kept with them): forgotten when what
        # they were made for is replaced, so an engine kept open for a day of edits
        # holds one copy of each.
        self._made: dict[str, list[str]] = {"scans": [], "cube": [], "books": []}
        #: How many times each part was read and computed (not answered from what was
        #: kept); a workspace without that data counts nothing.
        self.computed = {"events": 0, "event files": 0, "finance": 0, "finance files": 0}

    @property
    def engine(self) -> Engine | None:
        """The open engine, if one was opened."""
        return self._engine

    def events(
        self, workspace: Workspace, key: Hashable | None, files_key: Hashable | None, today: date
    ) -> EventData:
        """The events of ``workspace``; computed again only when ``key`` changed (a
        ``None`` key is never kept). ``files_key`` is what the time and calendar files
        are: while it is unchanged they are not read again, only resolved against the
        workspace as it is now."""
        if key is not None and self._events is not None and self._events[0] == key:
            return self._events[1]
        found = self._compute_events(workspace, files_key, today)
        self._events = (key, found) if key is not None else None
        self._finance = None  # the figures read the cube: they go with it
        return found

    def finance(
        self, events: EventData, key: Hashable | None, files_key: Hashable | None, today: date
    ) -> FinanceData:
        """The finance figures, computed in the session's engine from ``events`` (whose
        cube gives the hours logged against each customer). ``key`` is what the figures
        depend on, ``files_key`` what the finance files are: while it is unchanged they
        are not read again."""
        if key is not None and self._finance is not None and self._finance[0] == key:
            return self._finance[1]
        if files_key is None or (self._books is not None and self._books[0] != files_key):
            self._release_books()
        found = self._compute_finance(events, files_key, today)
        self._finance = (key, found) if key is not None else None
        return found

    def _release_books(self) -> None:
        """Forget the registered finance tables, letting them go from the engine (an
        engine kept open would hold every registration of files that changed)."""
        tables = self._books[3] if self._books is not None else None
        self._books = None
        if tables is not None and self._engine is not None:
            from levelset.engine.finance import release  # noqa: PLC0415 - slow to import

            release(self._engine, tables)
        self._forget("books")

    def _forget(self, part: str) -> None:
        """Let go the engine's tables made for ``part`` (``scans``, ``cube``, ``books``)."""
        made, self._made[part] = self._made[part], []
        if made and self._engine is not None:
            try:
                self._engine.forget(made)
            except Exception:  # letting go is no answer: what stays goes with the engine
                return

    def close(self) -> None:
        """Close the engine; everything computed in it goes with it."""
        if self._engine is not None:
            self._engine.close()
        self._engine = None
        self._engine_key = None
        self._events = None
        self._finance = None
        self._books = None
        self._scans = None
        self._made = {part: [] for part in self._made}  # gone with the engine

    # -- computing -------------------------------------------------------------------

    def _say(self, message: str) -> None:
        if self._progress is not None:
            self._progress(message)

    def _compute_events(
        self, workspace: Workspace, files_key: Hashable | None, today: date
    ) -> EventData:
        refused = self._refused(workspace)
        if refused:
            return EventData(workspace, problems=refused)
        if not has_event_data(workspace):
            return EventData(workspace)
        self.computed["events"] += 1
        workspace, problems = self._event_files(workspace, files_key)
        if workspace.events.is_empty():
            return EventData(workspace, problems=problems)
        from levelset.engine.events import (  # noqa: PLC0415 - slow to import
            build_cube,
            events_key,
            scan_events,
        )

        engine, failed = self._open(workspace)
        if engine is None:
            return EventData(workspace, problems=[*problems, *failed])
        self._forget("cube")  # the cube kept before is replaced
        made: list[str] = []
        try:
            if self._scans is None or self._scans.key != events_key(workspace):
                self.computed["event files"] += 1
                self._forget("scans")
                with engine.recording() as made:
                    self._scans = scan_events(engine, workspace, self._progress)
                self._made["scans"] = made
            with engine.recording() as made:
                cube = build_cube(engine, workspace, self._progress, today=today, scans=self._scans)
            # what the scans keep of this build (the calendars' expansion, files read
            # with their row numbers) goes with the scans, the rest with this cube
            kept = table_names(self._scans)
            self._made["scans"] += [name for name in made if name in kept]
            self._made["cube"] = [name for name in made if name not in kept]
            if not self._reuse:  # one question: let the scans and the expansion go now
                self._scans = None
        except Exception as error:  # the engine failed on something no importer foresaw
            self._scans = None
            self._forget("scans")
            self._made["cube"] = made  # what the failed step had made
            self._forget("cube")
            return EventData(workspace, problems=[*problems, _engine_failure(engine.name, error)])
        return EventData(workspace, cube.table, cube.allocation, [*problems, *cube.problems])

    def _event_files(
        self, workspace: Workspace, files_key: Hashable | None
    ) -> tuple[Workspace, list[Problem]]:
        """``workspace`` with its time sources and parsed calendars: read again only when
        the files changed or the people the calendars' attendees resolve to did."""
        people = tuple((p.id, p.name, p.email) for p in workspace.people.values())
        key = (files_key, people)
        if files_key is None or self._files is None or self._files[0] != key:
            self._say("Reading data/time and data/calendar")
            read, problems = read_event_files(workspace)
            self._files = (key, read.events, problems)
        _key, found, problems = self._files
        return replace(workspace, events=found), list(problems)

    def _compute_finance(
        self, events: EventData, files_key: Hashable | None, today: date
    ) -> FinanceData:
        refused = self._refused(events.workspace)
        if refused:  # told by the events too: the session tells it once
            return FinanceData(events.workspace, problems=refused)
        if not has_finance_data(events.workspace):
            return FinanceData(events.workspace)
        if self._books is None:
            self._say("Reading data/finance")
            read, problems = read_finance_files(events.workspace)
            self._books = (files_key, read.finance, problems, None)
        _key, books, problems, tables = self._books
        workspace = replace(events.workspace, finance=books)
        if books.is_empty():
            return FinanceData(workspace, problems=problems)
        from levelset.engine.finance import (  # noqa: PLC0415 - slow to import
            build_finance,
            register_finance,
        )

        engine, failed = self._open(workspace)
        if engine is None:
            # An engine the events could not open, finance cannot either: told once.
            told = [p for p in failed if p not in events.problems]
            return FinanceData(workspace, problems=[*problems, *told])
        self.computed["finance"] += 1
        kept = tables is not None or (files_key is not None and self._reuse)
        try:
            with engine.recording() as made:
                if tables is None:
                    self.computed["finance files"] += 1
                    tables = register_finance(engine, workspace, self._progress)
                    if kept:
                        self._books = (files_key, books, problems, tables)
                built = build_finance(
                    engine,
                    workspace,
                    events.cube,
                    self._progress,
                    today=today,
                    tables=tables,
                    keep=self._reuse,  # the settled ledger, kept with the tables
                )
        except Exception as error:  # the engine failed on something no importer foresaw
            self._books = None
            self._made["books"] += made
            self._forget("books")
            return FinanceData(workspace, problems=[*problems, _engine_failure(engine.name, error)])
        # the registration and the ledger kept with it go when the files change; what
        # was made for figures not kept can go now (they are fetched)
        self._made["books"] += made
        if not kept and self._reuse:
            self._forget("books")
        return FinanceData(workspace, built.finance, [*problems, *built.problems])

    def _refused(self, workspace: Workspace) -> list[Problem]:
        """Why the data files cannot be read, before any is listed: a storage URL in
        ``[data] files`` and an engine that reads local files only (or none opened)."""
        files = workspace.settings.data.files
        if files is None or not is_url(files):
            return []
        engine, failed = self._open(workspace)
        if engine is None or engine.reads_urls:
            return failed
        return [
            Problem(
                workspace.settings.data.files_location,
                f"[data] files is a storage URL, and the {engine.name} "
                "engine reads local files only: no time, calendar or finance file was read",
                'reading from a storage URL needs engine = "spark" (or a Spark Connect '
                'server, "sc://host:15002"); to keep this engine, mount the storage on '
                "this machine (s3fs, gcsfuse, blobfuse2…) and give its path: files = "
                '"/mnt/acme/data"',
            )
        ]

    def _open(self, workspace: Workspace) -> tuple[Engine | None, list[Problem]]:
        """The session's engine: the one ``engine_url`` names, else ``[data] engine`` (held
        to ``[data] memory_limit``); opened once and kept while those stay the same.
        ``None`` and the problem, placed at the setting when it named the engine, when it
        cannot be opened."""
        from levelset.engine import EngineError, open_engine  # noqa: PLC0415 - slow to import

        data = workspace.settings.data
        key = (self._url or data.engine, data.memory_limit)
        if self._engine is not None and self._engine_key == key:
            return self._engine, []
        self.close()
        try:
            self._engine = open_engine(key[0], memory_limit=key[1])
        except EngineError as error:
            where = data.location if data.engine and not self._url else Location("")
            return None, [Problem(where, error.message, error.hint)]
        self._engine_key = key
        return self._engine, []


def table_names(found: object) -> set[str]:
    """The names of the engine's tables ``found`` holds: an Ibis table's own and those it
    reads, in its fields, lists and mappings, however deep."""
    import ibis.expr.operations as ops  # noqa: PLC0415 - with the engine only
    import ibis.expr.types as ir  # noqa: PLC0415

    names: set[str] = set()
    seen: set[int] = set()
    waiting: list[object] = [found]
    while waiting:
        item = waiting.pop()
        if id(item) in seen or item is None or isinstance(item, (str, int, float, date)):
            continue
        seen.add(id(item))
        if isinstance(item, ir.Table):
            names.update(node.name for node in item.op().find(ops.PhysicalTable))
        elif isinstance(item, dict):
            waiting += item.values()
        elif isinstance(item, (list, tuple, set, frozenset)):
            waiting += item
        elif hasattr(item, "__dataclass_fields__"):
            waiting += (getattr(item, name) for name in item.__dataclass_fields__)
    return names


def _engine_failure(name: str, error: Exception) -> Problem:
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return Problem(
        Location("data"),
        f"the {name} engine could not compute the allocation: {first}",
        "check the files under data/ (a damaged or truncated file?); if they are sound, "
        "this is a bug: please report it with this message",
    )
