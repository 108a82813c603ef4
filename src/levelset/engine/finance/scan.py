"""The raw text of each kind's sources, read once and kept until its table is made.

A file the engine reads in place is first read without row numbers (numbering makes
DuckDB read it whole, in order, on one thread): a row's line is needed only for a
problem, and to choose the first of rows repeating a key, which is a problem too.
``Scan.renumber`` has the files read again, numbered, when their rows turn out to have
faults. Files whose rows must be numbered anyway are numbered from the start: the kinds
whose tables carry rows, a Xero export (whose first line of each invoice is kept) and
the invoices when the customers are derived from them.
"""

from __future__ import annotations

import csv
import zipfile
from typing import NamedTuple

import duckdb
import ibis
import ibis.expr.operations as ops
import ibis.expr.types as ir

from levelset.engine.backends import Engine
from levelset.engine.finance.documents import Documents, split_documents
from levelset.engine.finance.files import in_place, read_source
from levelset.engine.finance.problems import unreadable
from levelset.engine.finance.tables import DATE_ROLES, NUMBER_ROLES, ROLES, raw_columns
from levelset.engine.finance.typed import typed_eligible, typed_source
from levelset.engine.finance.values import engine_amount, engine_date
from levelset.model import Problem
from levelset.model.finance import FinanceFormat, FinanceKind, FinanceSource

K = FinanceKind
# What a file the engine cannot read raises: DuckDB's reader, the OS, the CSV and workbook
# readers in Python; and PostgreSQL's COPY (``Engine.data_errors``).
_UNREADABLE: tuple[type[Exception], ...] = (
    duckdb.Error,
    OSError,
    UnicodeError,
    csv.Error,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
)
# The kinds whose tables carry the row each came from (small files): always numbered.
_NUMBERED_KINDS = (K.CUSTOMERS, K.VENDORS, K.FORECAST)


class Scanned(NamedTuple):
    """One source read: what of it is kept in a table, and its raw table made of that."""

    stored: ir.Table
    raw: ir.Table


class Scan:
    """The raw text of one registration's sources, each read when first asked for.

    ``problems`` holds the sources that could not be read at all, ``unread`` those
    sources themselves.
    """

    def __init__(self, engine: Engine, sources: list[FinanceSource]) -> None:
        self.engine = engine
        self.sources = sources
        self.problems: list[Problem] = []
        self.unread: list[FinanceSource] = []
        self.unreadable = (*_UNREADABLE, *engine.data_errors())
        derived = not any(s.kind is K.CUSTOMERS for s in sources)
        self.numbered = {
            index
            for index, s in enumerate(sources)
            if s.kind in _NUMBERED_KINDS
            or (s.kind is K.INVOICES and (derived or s.format is FinanceFormat.XERO))
        }
        self._parts: dict[int, ir.Table | None] = {}  # each source's raw text, once read
        self._stored: dict[int, ir.Table] = {}  # what of it is kept in a table
        self._typed: set[int] = set()  # the sources of _stored read typed (``typed``)
        #: Kept tables a kind's usable rows are a view of (``hold``): never let go here.
        self.held: list[ir.Table] = []
        self._documents: Documents | None = None

    def raw(self, kind: FinanceKind) -> ir.Table | None:
        """Every source of ``kind`` as text, blank rows left out; ``None`` without any."""
        parts: list[ir.Table] = []
        for index, source in enumerate(self.sources):
            if source.kind is not kind:
                continue
            if index not in self._parts:
                self._parts[index] = self._read(index, source)
            part = self._parts[index]
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return ibis.union(*parts)

    def documents(self) -> Documents:
        """The invoice files' rows split into invoices and credit notes (``documents``)."""
        if self._documents is None:
            invoices = self.raw(K.INVOICES)
            credits = self.raw(K.CREDITS)
            self._documents = split_documents(self.engine, self.sources, invoices, credits)
        return self._documents

    def typed_only(self, kind: FinanceKind) -> bool:
        """Whether every source of ``kind``'s rows was read typed (an invoice export's
        credit notes, among the credits, never are)."""
        if kind is K.CREDITS and any(
            s.kind is K.INVOICES and "type" in s.columns for s in self.sources
        ):
            return False
        read = [
            i
            for i, s in enumerate(self.sources)
            if s.kind is kind and self._parts.get(i) is not None
        ]
        return bool(read) and all(i in self._typed for i in read)

    def renumber(self, flaws: ir.Table) -> bool:
        """Have the sources of ``flaws``' rows read without numbers read again, numbered
        (their problems need their lines); whether there were any."""
        unnumbered = flaws.filter(flaws.row.isnull()).select("src").distinct()
        again = {int(r["src"]) for r in self.engine.rows(unnumbered)}
        if not again:
            return False
        self.numbered |= again
        for index in again:
            self._forget(index)
        if any(self.sources[i].kind in (K.INVOICES, K.CREDITS) for i in again):
            self._documents = None  # made of the files read again
        return True

    def hold(self, table: ir.Table) -> None:
        """Keep the sources' tables ``table`` reads (a kind's usable rows as a view of
        them: ``checks.Plain``) past ``release``, in ``held``."""
        read = set(table.op().find(ops.DatabaseTable))
        for index, stored in list(self._stored.items()):
            if stored.op() in read:
                self.held.append(self._stored.pop(index))

    def release(self, *kinds: FinanceKind) -> None:
        """Let the text of the sources of ``kinds`` go: their tables are made."""
        for index, source in enumerate(self.sources):
            if source.kind in kinds:
                self._forget(index)
        self._documents = None

    def _forget(self, index: int) -> None:
        self._parts.pop(index, None)
        self._typed.discard(index)
        stored = self._stored.pop(index, None)
        if stored is not None:
            self.engine.drop(stored)

    def _read(self, index: int, source: FinanceSource) -> ir.Table | None:
        """One source's raw table, typed when it can be (``_read_typed``); ``None`` (and a
        problem) when it cannot be read."""
        # Rows read in Python, and by an engine that copies files in, are numbered at no cost.
        numbered = index in self.numbered or not self.engine.reads_in_place or not in_place(source)
        if not numbered:
            fast = self._read_typed(index, source)
            if fast is not None:
                return fast
        try:
            scanned = scan_text(self.engine, index, source, numbered=numbered)
        except self.unreadable as error:
            self.engine.recover()
            self.problems.append(unreadable(source, error))
            self.unread.append(source)
            return None
        self._stored[index] = scanned.stored
        return scanned.raw

    def _read_typed(self, index: int, source: FinanceSource) -> ir.Table | None:
        """The source read typed (``scan_typed``); ``None`` when it cannot be."""
        try:
            scanned = scan_typed(self.engine, index, source)
        except self.unreadable:
            return None  # read the usual way, which tells what is wrong
        if scanned is None:
            return None
        self._stored[index] = scanned.stored
        self._typed.add(index)
        return scanned.raw


def scan_text(engine: Engine, index: int, source: FinanceSource, *, numbered: bool) -> Scanned:
    """One source as text with what the scan reads of its dates and numbers, kept as a
    table (raises what the readers raise on a file that cannot be read).

    Only what varies from row to row is kept: the roles the source has, what the scan
    read of them and the row numbers; the constants (the source, the roles it lacks, the
    rows not numbered) are added when the table is used.
    """
    kind = source.kind
    roles = ROLES[kind]
    present = [role for role in roles if role in source.columns]
    table = read_source(engine, index, source, roles, numbered=numbered)
    table = table.filter(ibis.or_(*(table[role] != "" for role in roles)))
    # Read in the same scan: ISO dates (where the engine casts safely) and plain numbers;
    # the other spellings are read per distinct value in Python later.
    read = {
        **{f"{r}_e": engine_date(engine, table[r]) for r in DATE_ROLES.get(kind, ())},
        **{f"{r}_e": engine_amount(table[r]) for r in NUMBER_ROLES.get(kind, ())},
    }
    kept = [name for name in ("row", *present) if name != "row" or numbered]
    kept += [f"{role}_e" for role in present if f"{role}_e" in read]
    stored = engine.materialize(
        "fin_raw", table.mutate(**read).select(*kept) if kept else table.select("src")
    )
    blank = ibis.literal("", type="string")
    constant: dict[str, ir.Value] = {
        "src": ibis.literal(index, type="int64"),
        "row": ibis.null("int64"),
        "xero": ibis.literal(source.format is FinanceFormat.XERO),
        **dict.fromkeys(roles, blank),
        **{name: ibis.null(value.type()) for name, value in read.items()},
    }
    raw = stored.select(
        **{name: stored[name] if name in kept else constant[name] for name in raw_columns(kind)}
    )
    return Scanned(stored, raw)


def scan_typed(engine: Engine, index: int, source: FinanceSource) -> Scanned | None:
    """The source read typed (``typed``), kept as a table; ``None`` when it has no dates
    or numbers to type (raises when it has a value the typed read does not take).

    The text of a typed role is not kept: it is ``""`` when blank, else ``"?"``. Only its
    being blank counts: a problem with a row of the file has it read again, the usual
    way, so no problem shows the ``"?"``.
    """
    kind = source.kind
    dates = [r for r in DATE_ROLES.get(kind, ()) if r in source.columns]
    numbers = [r for r in NUMBER_ROLES.get(kind, ()) if r in source.columns]
    typed = [*dates, *numbers]
    # An invoice export's credit notes are read from their amounts' text.
    notes = kind is K.INVOICES and "type" in source.columns
    roles = ROLES[kind]
    if not typed or notes or not typed_eligible(source, typed):
        return None
    read = typed_source(engine, index, source, roles, dates=dates, numbers=numbers)
    if read is None:  # the engine has no typed read
        return None
    kept = [r for r in roles if r in source.columns and r not in typed]
    kept += [f"{role}_e" for role in typed]
    stored = engine.materialize("fin_raw", read.select(*kept))
    blank = ibis.literal("", type="string")
    columns: dict[str, ir.Value] = {
        "src": ibis.literal(index, type="int64"),
        "row": ibis.null("int64"),
        "xero": ibis.literal(source.format is FinanceFormat.XERO),
    }
    for role in roles:
        if role in typed:
            value = stored[f"{role}_e"]
            columns[role] = ibis.ifelse(value.isnull(), blank, "?")
        else:
            columns[role] = stored[role] if role in kept else blank
    for role in (*DATE_ROLES.get(kind, ()), *NUMBER_ROLES.get(kind, ())):
        e = f"{role}_e"
        kind_of = "date" if role in DATE_ROLES.get(kind, ()) else "float64"
        columns[e] = stored[e] if role in typed else ibis.null(kind_of)
    return Scanned(stored, stored.select(**{name: columns[name] for name in raw_columns(kind)}))
