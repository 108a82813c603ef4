"""The checks of finance rows, and the judge that keeps the rows none finds fault with.

A check is a named test of a row, in a plain list per kind: ``(flaw, role, test, value)``
where ``flaw`` names what is wrong (worded in ``problems.WORDING``), ``role`` the column
it is about, ``test`` is true of a faulty row and ``value`` is what the problem shows.
The checks every kind shares are made here; each kind's module lists its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import ibis
import ibis.expr.types as ir

from levelset.engine.backends import Engine

Check = tuple[str, str, Callable[[ir.Table], ir.BooleanValue], Callable[[ir.Table], ir.Value]]
#: A key each kept row must hold once (a function of the kept table), and its role.
Unique = tuple[Callable[[ir.Table], ir.Value], str]


class Plain(NamedTuple):
    """The usable rows of a kind whose files were all read typed, when no row has a
    fault: ``keep`` of ``rows`` (a view of what was read: no table of its own). It
    holds the same usable rows as ``keep`` of the judged table when it has as many rows
    and ``differs`` (a test of the judged table's rows, ``None``: never) is false of
    every one (a customer named by its id, say, needs no lookup)."""

    rows: ir.Table
    differs: Callable[[ir.Table], ir.BooleanValue] | None = None


class Tally(NamedTuple):
    """A kind kept whole whose rows wait to be counted (``Judge.tally``): its ``kept``
    rows, the ``rows`` read, the rows ``marked`` by its ``checks``."""

    kept: ir.Table
    rows: ir.Table
    marked: ir.Table
    checks: list[Check]


# A payment's or a credit's invoice named but not among the usable invoices (``known``).
UNKNOWN_INVOICE: Check = (
    "unknown invoice",
    "invoice",
    lambda t: (t.invoice != "") & ~t.known,
    lambda t: t.invoice,
)


def empty(role: str) -> Check:
    """The ``role`` left blank."""
    return ("empty", role, lambda t: t[role] == "", lambda t: t[role])


def number_checks(role: str, *, required: bool, negative_ok: bool = False) -> list[Check]:
    """A number role's text not a number; with ``required``, blank; unless
    ``negative_ok``, below zero."""
    value = f"{role}_v"
    checks: list[Check] = [
        (
            "not a number",
            role,
            lambda t: (t[role] != "") & t[value].isnull(),
            lambda t: t[role],
        ),
    ]
    if required:
        checks.append(empty(role))
    if not negative_ok:
        checks.append(("negative", role, lambda t: t[value] < 0, lambda t: t[role]))
    return checks


def date_checks(roles: Sequence[str]) -> list[Check]:
    """Each date role blank, not a date, or a day that does not exist (``<role>_flaw``)."""
    return [
        _date_check(flaw, role)
        for role in roles
        for flaw in ("no date", "not a date", "impossible date")
    ]


def _date_check(flaw: str, role: str) -> Check:
    def test(t: ir.Table) -> ir.BooleanValue:
        found: ir.BooleanValue = t[f"{role}_flaw"] == flaw
        return found

    def value(t: ir.Table) -> ir.Value:
        text: ir.Value = t[role]
        return text

    return flaw, role, test, value


class Judge:
    """The rows of one registration found at fault, gathered as flaws (``src``, ``row``,
    ``flaw``, ``role``, ``value``), one for each fault of each row."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.flaws: list[ir.Table] = []
        #: What the views made of rows as read (``Plain``) read, in the order made.
        self.viewed: list[ir.Table] = []
        #: When a list, the kinds kept whole wait there to be counted (``tally``).
        self.later: list[Tally] | None = None

    def keep(
        self,
        table: ir.Table,
        checks: list[Check],
        keep: Callable[[ir.Table], ir.Table],
        stem: str,
        *,
        rows: ir.Table,
        unique: Unique | None = None,
        lenient: Sequence[Check] = (),
        plain: Plain | None = None,
    ) -> ir.Table:
        """``keep`` of the rows no check finds fault with (the first of each ``unique``
        key, a function of the table and of what ``keep`` makes of it, and its role),
        kept as a table; every other row goes to the flaws, once for each fault.
        ``lenient`` checks are reported without leaving the row out. ``rows`` has a row
        for each of ``table``'s (the raw text it was read from).

        With ``plain``, the rows at fault are counted first, in one query with the keys
        (``_clean``); when there are none, no key repeats and no row ``differs``, the
        usable rows are a view of ``keep`` of ``plain.rows`` (``viewed``), kept in no
        table of their own.
        Otherwise (and without ``plain``) the careful path: the usable rows are kept
        straight away; counting them against ``rows`` (and their keys) tells whether
        any row has a fault or repeats a key. Only then are the faulty rows copied, to
        be judged one check at a time, and the usable rows ranked by key and kept again.
        While ``later`` is a list, a kind without ``unique`` key or ``lenient`` checks
        (its kept rows are the same whatever the count) is not counted here: it waits in
        ``later`` for ``tally``.
        """
        tests = [test(table).fill_null(False) for _, _, test, _ in checks]
        loose = [test(table).fill_null(False) for _, _, test, _ in lenient]
        bad = ibis.or_(*tests) if tests else ibis.literal(False)
        # ``_flawed``: a fault of any check; ``_bad``: one that leaves the row out, the
        # same test without lenient checks (compiled once then: the SQL is shorter).
        flags = {"_bad": bad, "_flawed": ibis.or_(*tests, *loose)} if loose else {"_flawed": bad}
        marked = table.mutate(**flags)
        left_out = marked._bad if loose else marked._flawed
        if plain is not None and self._clean(marked, unique, plain):
            usable = keep(plain.rows)
            self.viewed.append(usable)
            return self.engine.view(stem, usable)
        valid = marked.filter(~left_out).drop(*flags)
        kept = self.engine.materialize(stem, keep(valid))
        if self.later is not None and unique is None and not lenient:
            # Kept whole whatever the count says: counted later, with other kinds.
            self.later.append(Tally(kept, rows, marked, checks))
            return kept
        counts = {"valid": kept.count(), "total": rows.count().as_scalar()}
        if unique is not None:
            # Keys are never NULL (blank text is ''): fewer keys than rows is a repeat.
            counts["keys"] = unique[0](kept).nunique()
        if lenient:  # faults that leave the row in
            counts["flawed"] = marked.filter(marked._flawed).count().as_scalar()
        found = self.engine.rows(kept.aggregate(**counts))[0]
        if found["valid"] != found["total"] or (lenient and found["flawed"]):
            self._gather(marked, [*checks, *lenient])
        if unique is None or found["keys"] == found["valid"]:
            return kept
        return self._first_of_each(valid, keep, stem, unique)

    def _clean(self, marked: ir.Table, unique: Unique | None, plain: Plain) -> bool:
        """Whether no row of ``marked`` is at fault (``_flawed``), no ``unique`` key
        repeats, no row ``differs`` from ``plain``'s (counted in one query) and
        ``plain.rows`` has as many rows.

        One count of the rows at fault, not one per check: a count per check cost
        about a quarter more on two million invoices, and a file with a fault takes the
        careful path, which judges each check anyway."""
        counts = {"flawed": marked._flawed.sum(), "total": marked.count()}
        if unique is not None:
            counts["keys"] = unique[0](marked).nunique()
        if plain.differs is not None:
            counts["differs"] = plain.differs(marked).fill_null(False).sum()
        found = self.engine.rows(marked.aggregate(**counts))[0]
        repeats = unique is not None and found["keys"] != found["total"]
        if found["flawed"] or found.get("differs") or repeats:
            return False
        # Rows passed over (``documents``)? Counted apart: in one query with the judged
        # rows, what both read would be a common table expression, which DuckDB copies
        # into a table of its own first.
        (read,) = self.engine.rows(plain.rows.aggregate(n=plain.rows.count()))
        return bool(read["n"] == found["total"])

    def tally(self, waiting: Sequence[Tally]) -> list[list[ir.Table]]:
        """The kinds ``waiting`` counted in one query (each one's kept rows against the
        rows read); the rows of those with faults judged one check at a time. The flaws
        of each (none for a clean one), not yet among ``flaws``."""
        if not waiting:
            return []
        counts: dict[str, ir.Value] = {}
        for n, waits in enumerate(waiting):
            counts[f"valid{n}"] = waits.kept.count() if n == 0 else waits.kept.count().as_scalar()
            counts[f"total{n}"] = waits.rows.count().as_scalar()
        (found,) = self.engine.rows(waiting[0].kept.aggregate(**counts))
        judged: list[list[ir.Table]] = []
        for n, waits in enumerate(waiting):
            faulty = found[f"valid{n}"] != found[f"total{n}"]
            judged.append(self._judged(waits.marked, waits.checks) if faulty else [])
        return judged

    def _gather(self, marked: ir.Table, checks: list[Check]) -> None:
        """The flawed rows of ``marked``, judged one check at a time, among ``flaws``."""
        self.flaws.extend(self._judged(marked, checks))

    def _judged(self, marked: ir.Table, checks: list[Check]) -> list[ir.Table]:
        """The flawed rows of ``marked`` as flaws, one check at a time."""
        flawed = self.engine.materialize("fin_flawed", marked.filter(marked._flawed))
        if not self.engine.rows(flawed.aggregate(n=flawed.count()))[0]["n"]:
            return []
        return [
            flawed.filter(test(flawed).fill_null(False)).select(
                "src",
                "row",
                flaw=ibis.literal(flaw, type="string"),
                role=ibis.literal(role, type="string"),
                value=value(flawed).cast("string"),
            )
            for flaw, role, test, value in checks
        ]

    def _first_of_each(
        self, valid: ir.Table, keep: Callable[[ir.Table], ir.Table], stem: str, unique: Unique
    ) -> ir.Table:
        """``keep`` of the first valid row of each key (in the files' order); the others
        are flawed as duplicates."""
        key, role = unique
        rank = ibis.row_number().over(group_by="_key", order_by=["src", "row"])
        keyed = valid.mutate(_key=key(valid))
        ranked = self.engine.materialize("fin_ranked", keyed.mutate(_rank=rank))
        self.flaws.append(
            ranked.filter(ranked._rank > 0).select(
                "src",
                "row",
                flaw=ibis.literal("duplicate", type="string"),
                role=ibis.literal(role, type="string"),
                value=ranked[role],
            )
        )
        first = ranked.filter(ranked._rank == 0).drop("_key", "_rank")
        return self.engine.materialize(stem, keep(first))
