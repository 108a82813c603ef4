"""Each invoice settled at ``as_of``: what was paid, credited and is still open, and when.

The per-customer figures (``profit``) and the receivables (``receivables``) both read
this one table, so an invoice is joined to its payments and credits once per run. It is
computed by the engine (millions of invoices never reach Python) and kept as a temporary
table, since several queries scan it.

Money counts from the day an invoice is issued: a payment, credit note or write-off
against it stops the clock for its amount on its date, and what is still open at
``as_of`` has been outstanding ``as_of − issued`` days. A payment dated before the
invoice counts as zero days (a prepayment costs the company nothing).

An invoice read from an accounting export may come with its open balance (QuickBooks
``Open balance``, Xero ``InvoiceAmountDue``): what was still owed on it when the export
was made. That balance is what is open, even without a payments file, and the rest was
settled on a day not known. With payments or credits against the invoice from other
files as well, the one rule is: **what is open is the lesser of the balance and what
the payments and credits leave** (``amount − paid − credited``), so nothing is counted
twice:

- payments the balance already reflects leave exactly the balance open;
- the part of ``amount − balance`` that no dated payment or credit explains is
  ``paid_undated``: settled, on a day not known. It counts in no days-to-pay or
  days-late average (those weigh dated payments only) and adds no carrying cost (what
  it cost while owed cannot be dated); its days are not guessed;
- payments and credits beyond ``amount − balance`` (made after the export) are dated,
  so they count, and leave less open than the balance.

So ``amount = paid + paid_undated + credited + open`` whenever the invoice is not
overpaid. The balance is taken as the balance at ``as_of``, whatever that day (levelset
reads no date from an export).

A credit note or write-off that names no invoice (a credits file row without one, a
credit memo read from an invoice export) is in no row of this table: ``unapplied``
lists them, dated up to ``as_of``. Each lowers what its customer owes by what is still
open on it (the credit memo's open balance in an export, else its amount), aged from its
own date (as QuickBooks' A/R aging shows an open credit memo: a negative amount in the
bucket of its age), and costs nothing to carry. A credit memo already applied to an
invoice has an open balance of 0: the invoice's own balance shows it, so it lowers what
the customer owes once, not twice.
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir

from levelset.engine.backends import Engine

#: The columns of the settled table, for readers that need to know them.
LEDGER_COLUMNS = (
    "invoice",
    "customer",
    "issued",
    "due",
    "amount",
    "cogs",
    "paid",  # payments dated ≤ as_of
    "paid_days",  # Σ payment × days from issue to payment (at least 0)
    "late_days",  # Σ payment × days from due date to payment (at least 0)
    "credited",  # credit notes and write-offs against the invoice, dated ≤ as_of
    "credit_days",  # Σ credit × days from issue to the credit
    "paid_undated",  # settled on a day not known: amount − balance − paid − credited, ≥ 0
    "open",  # amount − paid − credited, at most the balance given; 0 below half a cent
    "age",  # as_of − issued, days
    "past_due",  # as_of − due, days (≤ 0: not yet due)
)


def settle(
    engine: Engine,
    invoices: ir.Table,
    payments: ir.Table | None,
    credits: ir.Table | None,
    as_of: date,
    *,
    gross_margin: float | None = None,
) -> ir.Table:
    """The invoices issued up to ``as_of``, each with its payments and credits up to then
    and what is open on it (the lesser of its ``balance``, when the invoices table has
    one and it is given, and what its payments and credits leave: see above). An
    invoice that gives no cost of goods has ``amount × (1 − gross_margin)`` when a
    margin is set, else 0 (``without_cogs`` says how much was invoiced so)."""
    day = ibis.date(as_of)
    issued = invoices.filter(invoices.issued <= day)
    base = issued.select(
        "invoice",
        "customer",
        "issued",
        "due",
        amount=issued.amount,
        cogs=issued.cogs.fill_null(
            issued.amount * (1.0 - gross_margin) if gross_margin is not None else 0.0
        ),
        balance=issued.balance if "balance" in issued.columns else ibis.null("float64"),
    )
    paid = _payments(base, payments, day)
    credited = _credits(base, invoices, credits, day)
    joined = base.left_join(paid, base.invoice == paid.p_invoice).left_join(
        credited, base.invoice == credited.c_invoice
    )
    paid_sum = joined.p_paid.fill_null(0.0)
    credit_sum = joined.c_credited.fill_null(0.0)
    remainder = joined.amount - paid_sum - credit_sum
    balance = joined.balance
    known = balance.notnull()
    left = ibis.ifelse(known & (balance < remainder), balance, remainder)
    undated = ibis.ifelse(known, remainder - balance, 0.0)
    settled = joined.select(
        "invoice",
        "customer",
        "issued",
        "due",
        "amount",
        "cogs",
        paid=paid_sum,
        paid_days=joined.p_paid_days.fill_null(0.0),
        late_days=joined.p_late_days.fill_null(0.0),
        credited=credit_sum,
        credit_days=joined.c_credit_days.fill_null(0.0),
        # Less than half a cent is what float sums leave of a settled invoice: nothing.
        paid_undated=ibis.ifelse(undated < 0.005, 0.0, undated),
        open=ibis.ifelse(left < 0.005, 0.0, left),
        age=day.delta(joined.issued, unit="day"),
        past_due=day.delta(joined.due, unit="day"),
    )
    return engine.materialize("ledger", settled)


def without_cogs(engine: Engine, invoices: ir.Table, as_of: date) -> float:
    """What was invoiced up to ``as_of`` on invoices that give no cost of goods."""
    bare = invoices.filter(invoices.cogs.isnull() & (invoices.issued <= ibis.date(as_of)))
    (row,) = engine.rows(bare.aggregate(total=bare.amount.sum()))
    return float(row["total"] or 0.0)


def unapplied(credits: ir.Table | None, as_of: date) -> ir.Table | None:
    """The credit notes and write-offs dated up to ``as_of`` that name no invoice (see
    above) and are still open: ``customer``, ``amount`` (> 0, what it takes off what the
    customer owes: its open balance when an export gives one) and ``past_due``
    (``as_of − dated``, days: a credit is aged from its date); ``None`` without
    credits. A few rows: not materialized."""
    if credits is None:
        return None
    day = ibis.date(as_of)
    loose = credits.filter(credits.invoice.isnull() & (credits.dated <= day))
    # A table registered before credits had a balance has none: each is open in full.
    has_balance = "balance" in loose.columns
    still = loose.balance.fill_null(loose.amount) if has_balance else loose.amount
    loose = loose.mutate(still=still).filter(lambda t: t.still >= 0.005)
    return loose.select("customer", amount=loose.still, past_due=day.delta(loose.dated, unit="day"))


def _payments(base: ir.Table, payments: ir.Table | None, day: ir.DateScalar) -> ir.Table:
    if payments is None:
        return _empty(base, "p", ("paid", "paid_days", "late_days"))
    # Each payment carries its invoice's dates (see ``billing``); the payments of
    # invoices issued after ``as_of`` are grouped too, and left out by the join to them.
    dated = payments.filter(payments.paid <= day)
    waited = ibis.greatest(dated.paid.delta(dated.issued, unit="day"), 0)
    late = ibis.greatest(dated.paid.delta(dated.due, unit="day"), 0)
    return dated.group_by(p_invoice=dated.invoice).aggregate(
        p_paid=dated.amount.sum(),
        p_paid_days=(dated.amount * waited).sum(),
        p_late_days=(dated.amount * late).sum(),
    )


def _credits(
    base: ir.Table, invoices: ir.Table, credits: ir.Table | None, day: ir.DateScalar
) -> ir.Table:
    if credits is None:
        return _empty(base, "c", ("credited", "credit_days"))
    dated = credits.filter((credits.dated <= day) & credits.invoice.notnull())
    # Joined to the invoices, not to ``base``: a query reading ``base`` twice would have
    # DuckDB copy it into a table first (a common table expression read twice). The
    # credits of invoices issued after ``as_of`` are left out by the join to ``base``.
    issued = invoices.select("invoice", "issued")
    joined = dated.join(issued, dated.invoice == issued.invoice)
    waited = ibis.greatest(joined.dated.delta(joined.issued, unit="day"), 0)
    return joined.group_by(c_invoice=joined.invoice).aggregate(
        c_credited=joined.amount.sum(),
        c_credit_days=(joined.amount * waited).sum(),
    )


def _empty(base: ir.Table, prefix: str, names: tuple[str, ...]) -> ir.Table:
    """No payments (or credits) at all: a grouped table with no rows and the same columns."""
    nothing = base.filter(ibis.literal(False))
    return nothing.group_by(**{f"{prefix}_invoice": nothing.invoice}).aggregate(
        **{f"{prefix}_{name}": nothing.amount.sum() for name in names}
    )
