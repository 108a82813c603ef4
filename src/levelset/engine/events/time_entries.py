"""Time entries: every time file scanned once, then resolved against the workspace and
summed by person and ISO week.

Two steps, so that a caller holding a workspace open redoes only the second when only
the YAML changed:

- ``scan_time`` reads each file once (``time_scan``) into a table grouped by the raw
  text of the columns that matter, fetches the distinct texts of each key once, and
  reads the dates, hours and customers those texts stand for (``time_values``). What it makes
  depends only on the files, the window and ``[data] max_entry_hours``; ``TimeScans.key``
  holds all of that, with each file's size and modification time.
- ``resolve_time`` says who each person key is and what each piece of work matches in a
  workspace (``time_resolution``), counts every row that cannot be used into a problem
  that names its file and first line (nothing is dropped unsaid), and sums the usable
  rows by person and week.

Everything after the scan works on the *distinct* raw values (the "distinct dictionary"
trick): a file of millions of entries names a few hundred days, people and hour amounts,
so these are read in Python, loaded back as small mapping tables and joined.
``weekly_time`` does both steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.backends import Engine
from levelset.engine.events.cube import WEEKLY_SCHEMA
from levelset.engine.events.time_problems import problems_from_counts
from levelset.engine.events.time_resolution import Keys, resolve_keys
from levelset.engine.events.time_scan import FileScan, is_small, scan_file
from levelset.engine.events.time_values import FileValues, KeyTexts, read_file_values, read_texts
from levelset.engine.reading import file_stamp
from levelset.model import Problem, Workspace
from levelset.model.events import TimeSource

__all__ = ["TimeScans", "TimeWeekly", "resolve_time", "scan_key", "scan_time", "weekly_time"]


@dataclass(frozen=True)
class TimeWeekly:
    """The time entries summed by person, ISO week and work, and what could not be used.

    ``table`` has the columns of the allocation cube but ``cost``: person, week (the
    Monday), responsibility (``None`` when the work matched none), label (what the
    entries called the work), customer, source (``time``), recurring (false), hours
    and entries. ``entries`` counts the rows used (zero-hour rows add nothing and are
    not counted); ``first``/``last`` are the span of their dates, found only when no
    window is given (the window is then that span), else ``None``. ``rows`` is how many
    rows ``table`` has.
    """

    table: ir.Table
    problems: list[Problem]
    entries: int
    first: date | None
    last: date | None
    rows: int = 0


@dataclass(frozen=True, eq=False)
class TimeScans:
    """The time files of a workspace, each scanned once, kept in the engine.

    ``raw`` is every readable file's groups, ``texts`` the distinct texts of their keys
    (fetched: Python rows) and ``values`` what their dates, hours and customers are
    (``None`` all three when no file could be read); ``problems`` the files the engine
    could not read. ``hashed``:
    the keys are 64-bit hashes of their texts. ``key`` is what the scans depend on
    (``scan_key``): scans whose key is that of the files now are still good. ``small``:
    every file is small (``time_scan.is_small``), and so is what is made of them.
    """

    key: tuple[Any, ...]
    sources: tuple[TimeSource, ...]
    window: tuple[date, date] | None
    max_hours: float
    hashed: bool
    raw: ir.Table | None
    texts: KeyTexts | None
    values: FileValues | None
    problems: tuple[Problem, ...]
    small: bool = False
    _numbered: dict[str, ir.Table | None] = field(default_factory=dict, repr=False)

    def numbered(self, engine: Engine, file: str) -> ir.Table | None:
        """The groups of ``file`` with their first rows (``first_row``), scanned again
        the first time they are asked for (a file with problems only: numbering costs
        an engine that reads files in place a read in order); ``None`` when the file
        can no longer be read."""
        if file not in self._numbered:
            source = next(s for s in self.sources if s.file == file)
            scan = scan_file(
                engine, source, self.window, self.max_hours, [], hashed=self.hashed, numbered=True
            )
            self._numbered[file] = None if scan is None else scan.groups
        return self._numbered[file]


def scan_key(
    sources: Sequence[TimeSource], window: tuple[date, date] | None, max_hours: float
) -> tuple[Any, ...]:
    """What scans of ``sources`` depend on: the window, the limit of an entry, and each
    file's place, layout, size and modification time (``None`` for a file not there)."""
    return (window, max_hours, tuple(_file_key(source) for source in sources))


def _file_key(source: TimeSource) -> tuple[Any, ...]:
    try:
        stamp: tuple[int, int] | None = file_stamp(source.path)
    except OSError:
        stamp = None
    columns = tuple(sorted(source.columns.items()))
    layout = (source.format.value, source.container, columns, source.date_order)
    return (source.file, str(source.path), layout, stamp)


def scan_time(
    engine: Engine,
    sources: Sequence[TimeSource],
    window: tuple[date, date] | None,
    max_hours: float,
) -> TimeScans:
    """Scan every time source once: its groups, the texts of their keys and what the
    dates, hours and customers among them are.

    ``window`` keeps the entries dated inside it (both ends included) when given;
    ``max_hours`` is the most one entry may hold. Where the engine groups by hashes and
    two texts of a file share one, every file is scanned again, by text.
    """
    sources = tuple(sources)
    key = scan_key(sources, window, max_hours)
    hashed = engine.hashes_keys
    found, texts, problems = _scan_files(engine, sources, window, max_hours, hashed=hashed)
    if hashed and texts is not None and hashes_collide(texts):
        # Two texts of a file share a hash: every file is scanned again, by text.
        hashed = False
        found, texts, problems = _scan_files(engine, sources, window, max_hours, hashed=False)
    if texts is None:
        return TimeScans(key, sources, window, max_hours, hashed, None, None, None, tuple(problems))
    raw = ibis.union(*(s.groups for s in found))
    raw = engine.materialize("time_raw", raw) if len(found) > 1 else raw
    key_type = pa.uint64() if hashed else pa.string()
    values = read_file_values(engine, texts, sources, max_hours, key_type)
    small = all(is_small(source) for source in sources)
    return TimeScans(
        key, sources, window, max_hours, hashed, raw, texts, values, tuple(problems), small
    )


def hashes_collide(texts: KeyTexts) -> bool:
    """Whether two texts of one key share a hash (in one file)."""
    return texts.collide()


def _scan_files(
    engine: Engine,
    sources: Sequence[TimeSource],
    window: tuple[date, date] | None,
    max_hours: float,
    *,
    hashed: bool,
) -> tuple[list[FileScan], KeyTexts | None, list[Problem]]:
    """Every file scanned (``scan_file``), the texts of their keys fetched in one query
    (``None`` when no file could be read), and the problems of the files not read."""
    problems: list[Problem] = []
    scanned = [scan_file(engine, s, window, max_hours, problems, hashed=hashed) for s in sources]
    found = [scan for scan in scanned if scan is not None]
    if not found:
        return found, None, problems
    return found, read_texts(engine, ibis.union(*(s.texts for s in found))), problems


def resolve_time(engine: Engine, workspace: Workspace, scans: TimeScans) -> TimeWeekly:
    """The weekly table of ``scans`` in ``workspace``: each row checked, the usable
    ones summed by person-week. Problems are reported for every file whatever the
    window. Reads no file, unless rows turn out unusable in a file whose groups were
    not numbered yet (``TimeScans.numbered``)."""
    if scans.raw is None or scans.texts is None or scans.values is None:
        empty = engine.arrow_table("time_weekly", WEEKLY_SCHEMA.empty_table())
        return TimeWeekly(empty, list(scans.problems), 0, None, None, 0)
    key_type = pa.uint64() if scans.hashed else pa.string()
    keys = resolve_keys(
        engine, workspace, scans.sources, scans.texts, scans.values, key_type=key_type
    )
    resolved = keys.resolve(scans.raw)
    counts: list[dict[str, Any]] = []
    if keys.flawed:  # the dictionaries say whether to look
        counts = engine.rows(_flaw_counts(resolved))
    if any(row["first_row"] is None for row in counts):
        counts = _numbered_counts(engine, scans, keys, counts)
    containers = {source.file: source.container for source in scans.sources}
    problems = [*scans.problems, *problems_from_counts(counts, containers, scans.max_hours)]
    # The weekly sums keep their first and last day for the span, then drop them. When
    # each group of the scan is a weekly one already, it need not be summed again.
    weekly = _weekly(resolved, scans.window, regroup=not keys.one_to_one)
    # Summed again, the table is kept; otherwise it is the scan's table joined with the
    # small dictionaries, cheaper to join again where it is read than to store, unless
    # the files are small: then compiling the joins for each reader costs more.
    joined = keys.one_to_one and not scans.small
    summed = weekly if joined else engine.materialize("time_weekly", weekly)
    span = engine.rows(
        summed.aggregate(
            entries=summed.entries.sum(),
            first=summed.first.min(),
            last=summed.last.max(),
            rows=summed.count(),
        )
    )[0]
    table = summed.select(*WEEKLY_SCHEMA.names)
    problems.sort(key=lambda p: (p.location.file, p.location.line or 0))
    entries, rows = int(span["entries"] or 0), int(span["rows"] or 0)
    return TimeWeekly(table, problems, entries, span["first"], span["last"], rows)


def weekly_time(
    engine: Engine,
    workspace: Workspace,
    sources: Sequence[TimeSource],
    window: tuple[date, date] | None,
) -> TimeWeekly:
    """Read every time source, check each row and sum the usable ones by person-week
    (``scan_time`` then ``resolve_time``)."""
    max_hours = workspace.settings.data.max_entry_hours
    return resolve_time(engine, workspace, scan_time(engine, sources, window, max_hours))


def _numbered_counts(
    engine: Engine, scans: TimeScans, keys: Keys, counts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The flaw counts again, over the numbered groups of the files that have flaws,
    so that each problem has its first line. A file that can no longer be read keeps
    its counts without lines."""
    files = sorted({row["file"] for row in counts if row["first_row"] is None})
    numbered = {file: scans.numbered(engine, file) for file in files}
    tables = [table for table in numbered.values() if table is not None]
    kept = [row for row in counts if row["file"] not in numbered or numbered[row["file"]] is None]
    if not tables:
        return kept
    return kept + engine.rows(_flaw_counts(keys.resolve(ibis.union(*tables))))


def _flaw_counts(resolved: ir.Table) -> ir.Table:
    """Rows that cannot be used, by file, kind of flaw and value: first row and count."""
    kinds = (
        (resolved.flaw, resolved.hours_text.strip()),
        (resolved.date_flaw, resolved.day_text.strip()),
        (resolved.person_flaw, resolved.person_value),
    )
    parts = [
        resolved.filter(kind.notnull() & (kind != "")).select(
            "file", "first_row", "rows", kind=kind, value=value.cast("string")
        )
        for kind, value in kinds
    ]
    flawed = parts[0].union(*parts[1:])
    return flawed.group_by(["file", "kind", "value"]).aggregate(
        first_row=flawed.first_row.min(), rows=flawed.rows.sum()
    )


def _weekly(resolved: ir.Table, window: tuple[date, date] | None, regroup: bool) -> ir.Table:
    """The usable rows (positive hours) summed by person, week, work and customer;
    ``regroup=False`` when each row of ``resolved`` is a group of its own already.

    A group read in the scan carries its sums (``hours_in``, ``counted``, ``first``,
    ``last``); one whose hours or date were read in Python carries the value read, to
    be multiplied by its rows, and its date, to be held against the window.
    """
    good = resolved.filter(
        resolved.flaw.isnull() | (resolved.flaw == ""),
        resolved.date_flaw.isnull() | (resolved.date_flaw == ""),
        resolved.person_flaw == "",
    )
    slow_day = good.day.notnull()
    inside = ibis.literal(True) if window is None else good.dte.between(*window)
    good = good.filter(~slow_day | inside)
    slow_hours = good.raw_hours.notnull()
    hours = ibis.ifelse(slow_hours, good.value * good.counted, good.hours_in)
    entries = ibis.ifelse(slow_hours, ibis.ifelse(good.value > 0, good.counted, 0), good.counted)
    positive = ibis.ifelse(slow_hours, good.value > 0, good.counted > 0)
    # Without a window the scan kept each group's first and last day; with one, the
    # span is the window's and is not needed (on any backend).
    first: ir.DateValue = ibis.null("date")
    last: ir.DateValue = ibis.null("date")
    if window is None:
        first = ibis.ifelse(good.day.notnull(), good.dte, good.first)
        last = ibis.ifelse(good.day.notnull(), good.dte, good.last)
    used = good.select(
        "person",
        "responsibility",
        "label",
        week=ibis.coalesce(good.week, good.day_week),
        customer=good.customer_name,
        hours=hours,
        entries=entries,
        positive=positive,
        first=first,
        last=last,
    ).filter(lambda t: t.positive)
    weekly = used
    if regroup:
        weekly = used.group_by(["person", "week", "responsibility", "label", "customer"]).aggregate(
            hours=used.hours.sum(),
            entries=used.entries.sum(),
            first=used.first.min(),
            last=used.last.max(),
        )
    return weekly.select(
        weekly.person,
        weekly.week.cast("date"),
        weekly.responsibility,
        weekly.label,
        weekly.customer,
        source=ibis.literal("time", type="string"),
        recurring=ibis.literal(False, type="boolean"),
        hours=weekly.hours.cast("float64"),
        entries=weekly.entries.cast("int64"),
        first=weekly.first,
        last=weekly.last,
    )
