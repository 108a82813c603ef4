"""Customer profitability: revenue less every cost of serving and carrying the customer.

Per customer, up to ``as_of``: revenue is what was invoiced less credit notes;
write-offs are a cost of their own; cost of goods comes from the invoices; activity cost
is each cost driver's count times its cost per unit (activity-based costing: orders,
deliveries, returns, rush orders, tickets); people cost is what the hours logged against
the customer in the allocation cube cost at each person's rate; carrying cost is what the
money owed cost while it was outstanding (amount × cost of capital × days ÷ 365, see
``ledger``). What a customer owes (``open``, ``over_90``) is what their invoices leave
open less the credits that name no invoice (``ledger.unapplied``), each aged from its
date; those credits add no carrying cost. Every sum is an Ibis aggregate; the
per-customer rows are ranked after fetching, with Arrow (ranking there keeps ties in the
same order on every backend, whose collations differ).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from levelset.engine.backends import Engine
from levelset.model.bulk import from_columns, locations
from levelset.model.collector import collector_paused
from levelset.model.finance import CustomerFigures, UnmatchedCustomer

OVER = 90  # days past due that make receivables "over 90"


@dataclass(frozen=True)
class People:
    """Hours and cost from the cube, per customer id, and the labels no customer matched."""

    matched: ir.Table  # pc_customer, pc_hours, pc_cost
    unmatched: tuple[UnmatchedCustomer, ...]
    labels: ir.Table  # the table ``matched`` is computed from (each label and its customer)


def figures_table(
    engine: Engine,
    customers: ir.Table,
    ledger: ir.Table | None,
    *,
    rate: float,
    credits: ir.Table | None,
    drivers: ir.Table | None,
    driver_counts: ir.Table | None,
    people: People | None,
    as_of_day: ir.DateScalar,
    unapplied: ir.Table | None,
) -> pa.Table:
    """Every customer's figures as the engine computes them, one row per customer, to be
    ordered by revenue rank (``rank``); ``unapplied``: the credits that name no invoice
    (``ledger.unapplied``), which lower what the customer owes."""
    table = customers.select("customer", "name", "segment", "terms_days", "file", "row")
    parts = [
        _invoiced(ledger, rate),
        _credited(credits, as_of_day),
        _unapplied(unapplied),
        _activity(drivers, driver_counts),
        people.matched if people is not None else None,
    ]
    for part in parts:
        if part is not None:
            key = part.columns[0]
            table = table.left_join(part, table.customer == part[key]).drop(key)
    # A zero typed in the SQL: Ibis writes a float literal as 0.0, a DECIMAL to DuckDB
    # and a NUMERIC to PostgreSQL (a figure without drivers or people would be one).
    zero = ibis.literal("0").cast("float64")

    def money(name: str) -> ir.FloatingValue:
        return table[name].fill_null(zero) if name in table.columns else zero

    revenue = money("gross") - money("credit_notes")
    carrying = money("carrying")
    people_cost = money("pc_cost")
    profit = (
        revenue - money("cogs") - money("activity") - people_cost - carrying - money("write_offs")
    )
    waited = money("paid") + money("overdue")  # paid, or still owed past due
    no_days = ibis.null("float64")
    figures = table.select(
        "customer",
        "name",
        "segment",
        "file",
        "row",
        terms_days=table.terms_days.cast("int64"),
        invoices=(
            table["invoices"].fill_null(0) if "invoices" in table.columns else ibis.literal(0)
        ).cast("int64"),
        revenue=revenue,
        cogs=money("cogs"),
        activity_cost=money("activity"),
        people_hours=money("pc_hours"),
        people_cost=people_cost,
        carrying_cost=carrying,
        write_offs=money("write_offs"),
        profit=profit,
        open=money("open") - money("u_open"),
        over_90=money("over_90") - money("u_over_90"),
        overdue=money("overdue"),
        days_to_pay=ibis.ifelse(
            waited > 0, (money("paid_days") + money("overdue_days")) / waited, no_days
        ),
        days_late=ibis.ifelse(
            waited > 0, (money("late_days") + money("overdue_late")) / waited, no_days
        ),
    )
    return engine.to_arrow(figures)


def rank(data: pa.Table) -> tuple[CustomerFigures, ...]:
    """Customer figures with ranks: 1 = highest revenue (profit), ties by customer id.

    ``data`` is the figures' table, one row per customer (``figures_table``). Arrow
    orders text by its UTF-8 bytes, which is the order of Python's ``<`` on the ids (code
    points), whichever engine computed the figures: ranking in the engine would follow
    its collation.
    """
    with collector_paused():
        return _ranked(data)


def _ranked(data: pa.Table) -> tuple[CustomerFigures, ...]:
    by_revenue = _order(data, "revenue")
    # The inverse of the order by profit is each customer's place in it. (Arithmetic on
    # the lists rather than in Arrow, whose scalars import pandas: most of a second.)
    profit_place = pc.take(pc.sort_indices(_order(data, "profit")), by_revenue)
    ranked = data.take(by_revenue)
    count = ranked.num_rows
    columns: dict[str, Sequence[Any]] = {
        name: ranked.column(name).to_pylist() for name in ranked.column_names
    }
    ids, files, rows = columns.pop("customer"), columns.pop("file"), columns.pop("row")
    columns["name"] = [name or id_ for name, id_ in zip(columns["name"], ids, strict=True)]
    columns["segment"] = [segment or "" for segment in columns["segment"]]
    columns["customer"] = ids
    columns["revenue_rank"] = range(1, count + 1)
    columns["profit_rank"] = [place + 1 for place in profit_place.to_pylist()]
    columns["location"] = locations(files, rows)
    return tuple(from_columns(CustomerFigures, columns, count))


def _order(data: pa.Table, figure: str) -> pa.Array:
    """The rows' indices in the order of (-figure, customer id)."""
    return pc.sort_indices(data, sort_keys=[(figure, "descending"), ("customer", "ascending")])


def _invoiced(ledger: ir.Table | None, rate: float) -> ir.Table | None:
    if ledger is None:
        return None
    carrying = (ledger.paid_days + ledger.credit_days + ledger.open * ledger.age) * (rate / 365.0)
    over = ibis.ifelse(ledger.past_due > OVER, ledger.open, 0.0)
    # What is open past due will take at least its age to pay: counted in days to pay
    # (as days delinquent) so that a customer who stopped paying is not judged by the
    # few invoices it paid long ago, or not at all.
    late = ledger.past_due > 0
    overdue = ibis.ifelse(late, ledger.open, 0.0)
    return ledger.group_by(i_customer=ledger.customer).aggregate(
        invoices=ledger.count(),
        gross=ledger.amount.sum(),
        cogs=ledger.cogs.sum(),
        carrying=carrying.sum(),
        open=ledger.open.sum(),
        over_90=over.sum(),
        paid=ledger.paid.sum(),
        paid_days=ledger.paid_days.sum(),
        late_days=ledger.late_days.sum(),
        overdue=overdue.sum(),
        overdue_days=(overdue * ledger.age).sum(),
        overdue_late=(overdue * ledger.past_due).sum(),
    )


def _credited(credits: ir.Table | None, as_of_day: ir.DateScalar) -> ir.Table | None:
    if credits is None:
        return None
    dated = credits.filter(credits.dated <= as_of_day)
    notes = ibis.ifelse(dated.kind == "write-off", 0.0, dated.amount)
    offs = ibis.ifelse(dated.kind == "write-off", dated.amount, 0.0)
    return dated.group_by(c_customer=dated.customer).aggregate(
        credit_notes=notes.sum(), write_offs=offs.sum()
    )


def _unapplied(unapplied: ir.Table | None) -> ir.Table | None:
    if unapplied is None:
        return None
    over = ibis.ifelse(unapplied.past_due > OVER, unapplied.amount, 0.0)
    return unapplied.group_by(u_customer=unapplied.customer).aggregate(
        u_open=unapplied.amount.sum(), u_over_90=over.sum()
    )


def _activity(drivers: ir.Table | None, counts: ir.Table | None) -> ir.Table | None:
    if drivers is None or counts is None:
        return None
    joined = counts.join(drivers, counts.driver == drivers.driver)
    return joined.group_by(a_customer=joined.customer).aggregate(
        activity=(joined["count"] * joined.cost_per_unit).sum()
    )


def people_cost(engine: Engine, cube: ir.Table, customers: ir.Table, organization: str) -> People:
    """The cube's hours and cost per customer, matched by id or else by name (any case).

    Labels that match no customer come back as ``unmatched``, except the organization's
    own name (a partner's export naming the client it works for, which is us).
    """
    label = cube.customer.strip()
    named = cube.filter(label.notnull() & (label != "")).mutate(label=label)
    logged = named.group_by(key=named.label.lower()).aggregate(
        label=named.label.min(), hours=named.hours.sum(), cost=named.cost.sum()
    )
    ids = customers.select(id_key=customers.customer.strip().lower(), id_customer="customer")
    ids = ids.group_by("id_key").aggregate(id_customer=ids.id_customer.min())
    names = customers.select(name_key=customers.name.strip().lower(), name_customer="customer")
    names = names.group_by("name_key").aggregate(name_customer=names.name_customer.min())
    joined = logged.left_join(ids, logged.key == ids.id_key).left_join(
        names, logged.key == names.name_key
    )
    found = joined.select(
        "key",
        "label",
        "hours",
        "cost",
        customer=joined.id_customer.coalesce(joined.name_customer),
    )
    found = engine.materialize("people", found)
    matched = (
        found.filter(found.customer.notnull())
        .group_by(pc_customer=found.customer)
        .aggregate(pc_hours=found.hours.sum(), pc_cost=found.cost.sum())
    )
    lost = found.filter(found.customer.isnull() & (found.key != organization.strip().lower()))
    unmatched = sorted(
        (
            UnmatchedCustomer(r["label"], float(r["hours"] or 0.0), float(r["cost"] or 0.0))
            for r in engine.rows(lost.select("label", "hours", "cost"))
        ),
        key=lambda u: (-u.cost, -u.hours, u.label),
    )
    return People(matched=matched, unmatched=tuple(unmatched), labels=found)
