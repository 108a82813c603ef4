"""Problems from the rows found at fault, and from files that cannot be read at all.

The checks (``checks``) gather each faulty row as a flaw (``src``, ``row``, ``flaw``,
``role``, ``value``); they become problems here, worded by ``WORDING``, at their file
and line, a flaw's rows alike counted in one problem.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from levelset.engine.backends import Engine
from levelset.engine.reading import error_line
from levelset.model import Location, Problem
from levelset.model.finance import FinanceKind, FinanceSource

_VALUES_SHOWN = 10

WORDING: dict[str, tuple[str, str]] = {
    "empty": ("no {role}", "fill in the {role}"),
    "not a number": ("{role} {value!r} is not a number", "write amounts as 1500 or 1,500.00"),
    "negative": ("negative {role} {value!r}", "a {role} cannot be below zero: correct it"),
    "no date": ("no {role} date", "fill in the {role} date as YYYY-MM-DD"),
    "not a date": (
        "{role} {value!r} is not a date",
        "write dates as YYYY-MM-DD; MM/DD/YYYY, DD/MM/YYYY and 15 Jul 2026 are read too",
    ),
    "impossible date": ("{role} {value!r} does not exist", "correct the date"),
    "due before issued": (
        "invoice {value!r} is due before it was issued",
        "correct the issued or due date",
    ),
    "duplicate": (
        "{role} {value!r} is listed more than once; the first row is used",
        "give each {role} one row (remove the repeat or correct its {role})",
    ),
    "no heading": (
        "invoice {value!r} names no customer, and no customer heading is above it",
        "export the report grouped by customer (each customer's invoices under its name), "
        "or fill in the {role} column",
    ),
    "unknown customer": (
        "unknown customer {value!r}",
        "add the customer to the customers file (by id or name), or correct the name",
    ),
    "ambiguous customer": (
        "{value!r} names more than one customer",
        "write the customer's id instead of the name",
    ),
    "unknown invoice": (
        "unknown invoice {value!r}",
        "the invoice must be in an invoices file: add it, or correct the number",
    ),
    "unknown driver": (
        "unknown cost driver {value!r}",
        "add it to the drivers file with its cost_per_unit, or correct the name",
    ),
    "bad terms": ("terms {value!r} are not a number of days", "write terms as 30 or Net 30"),
    "bad kind": ("kind {value!r} is not credit or write-off", "write kind as credit or write-off"),
    "bad probability": (
        "probability {value!r} is not between 0 and 1 (or 0% and 100%)",
        "write the probability as 0.4 or 40%",
    ),
    "no period": ("no period", "fill in the period as 2026-11, 2026-Q4 or 2026"),
    "bad period": ("period {value!r} is not a period", "write 2026-11, 2026-Q4 or 2026"),
    "no customer or prospect": (
        "opportunity {value!r} names neither a customer nor a prospect",
        "fill in customer (an existing customer) or prospect (a new name)",
    ),
}


def problems_from_flaws(
    engine: Engine, flaws: ir.Table, sources: Sequence[FinanceSource]
) -> list[Problem]:
    """One problem per (source, flaw, role, value), the first ten values of a flaw in a
    source one by one and the rest together; counted in the engine, only those fetched.

    ``flaws`` has ``src``, ``row``, ``flaw``, ``role`` and ``value``.
    """
    counts = flaws.group_by(["src", "flaw", "role", "value"]).aggregate(
        first_row=flaws.row.min(), rows=flaws.count()
    )
    rank = ibis.row_number().over(group_by=["src", "flaw", "role"], order_by=["first_row", "value"])
    ranked = engine.materialize("fin_flaws", counts.mutate(rank=rank))
    shown = engine.rows(ranked.filter(ranked["rank"] < _VALUES_SHOWN))
    rest = ranked.filter(ranked["rank"] >= _VALUES_SHOWN)
    others = engine.rows(
        rest.group_by(["src", "flaw", "role"]).aggregate(
            values=rest.count(), rows=rest.rows.sum(), first_row=rest.first_row.min()
        )
    )
    firsts = {
        (r["src"], r["flaw"], r["role"]): r["value"]
        for r in engine.rows(ranked.filter(ranked["rank"] == _VALUES_SHOWN))
    }
    problems: list[Problem] = []
    for row in shown:
        message, hint = WORDING[row["flaw"]]
        what = message.format(role=row["role"], value=row["value"])
        hint = hint.format(role=row["role"])
        source = sources[row["src"]]
        problems.append(_at(source, int(row["first_row"]), what, int(row["rows"]), hint=hint))
    for row in others:
        hint = WORDING[row["flaw"]][1].format(role=row["role"])
        value = firsts.get((row["src"], row["flaw"], row["role"]), "")
        what = f"{row['role']}: {row['values']} other values like {value!r} ({row['flaw']})"
        source = sources[row["src"]]
        problems.append(_at(source, int(row["first_row"]), what, int(row["rows"]), hint=hint))
    problems.sort(key=lambda p: (p.location.file, p.location.line or 0, p.message))
    return problems


def _at(source: FinanceSource, row: int, what: str, rows: int, *, hint: str) -> Problem:
    more = rows - 1
    if more:
        what += f" (and {more} more {'row' if more == 1 else 'rows'} like it)"
    if source.container == "parquet":
        what = f"row {row}: {what}"
    elif source.container == "xlsx":
        what = f"sheet {source.sheet!r}: {what}"
    return Problem(Location(source.file, row), what, hint)


def unreadable(source: FinanceSource, error: Exception) -> Problem:
    """A source the engine (or the CSV or workbook reader) could not read at all."""
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if len(reason) > 120:
        reason = reason[:117] + "..."
    where = f"sheet {source.sheet!r} of {source.file}" if source.sheet else source.file
    # The engine names the line only inside its message: put it where editors look.
    line = error_line(source.path, str(error)) if source.container == "csv" else None
    return Problem(
        Location(source.file, line),
        f"{where} cannot be read: {reason}; none of its rows were used",
        "look for a quote left open or a row with too many or too few columns, "
        "or export the file again",
    )


def left_out_for_invoices(
    sources: Sequence[FinanceSource], lost: Sequence[str], kinds: Sequence[FinanceKind]
) -> list[Problem]:
    """One problem for each source of ``kinds`` (payments, credits) left out whole
    because the invoices files ``lost`` could not be read: its rows would each be an
    unknown invoice, and the figures they make would be wrong."""
    files = ", ".join(dict.fromkeys(lost))
    return [
        Problem(
            Location(source.file, source.header_line),
            f"the {source.kind.value} of {source.file} were left out: the invoices they "
            f"settle could not be read ({files})",
            "make the invoices readable (their own problem says what is wrong), then run again",
        )
        for source in sources
        if source.kind in kinds
    ]
