"""The invoices, the payments against them and the credits: what the ledger settles."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from levelset.engine.finance.checks import (
    UNKNOWN_INVOICE,
    Check,
    Plain,
    date_checks,
    empty,
    number_checks,
)
from levelset.engine.finance.context import Registration
from levelset.engine.finance.customers import customer_checks, with_customer
from levelset.model.finance import FinanceFormat, FinanceKind

_CREDIT_KINDS = ("credit", "credit note", "credit memo", "creditnote", "credit-note")
_WRITE_OFFS = ("write-off", "write off", "writeoff", "written off", "bad debt")


def invoices(reg: Registration, raw: ir.Table | None, names: ir.Table | None) -> ir.Table | None:
    """Invoices: number, customer, issued and due dates, amount, cost of goods."""
    if raw is None or names is None:
        return None
    read = reg.read(raw, FinanceKind.INVOICES)
    table = with_customer(read, names)
    # A QuickBooks report grouped by customer names it in the heading above the rows.
    headed = [i for i, s in enumerate(reg.sources) if s.format is FinanceFormat.QUICKBOOKS]
    table = table.mutate(headed=table.src.isin(headed) if headed else ibis.literal(False))
    checks: list[Check] = [
        empty("invoice"),
        *customer_checks(headed=True),
        *date_checks(("issued", "due")),
        *number_checks("amount", required=True),
        *number_checks("cogs", required=False),
        *number_checks("balance", required=False),
        (
            "due before issued",
            "due",
            lambda t: t.due_v < t.issued_v,
            lambda t: t.invoice,
        ),
    ]
    return reg.judge.keep(
        table,
        checks,
        lambda valid: valid.select(
            "invoice",
            customer=valid.customer_id,
            issued=valid.issued_v,
            due=valid.due_v,
            amount=valid.amount_v,
            cogs=valid.cogs_v,  # null: not given (see ``ledger.settle``)
            balance=valid.balance_v,
        ),
        "fin_invoices",
        rows=raw,
        unique=(lambda t: t.invoice, "invoice"),
        plain=_plain_invoices(reg),
    )


def _plain_invoices(reg: Registration) -> Plain | None:
    """The invoice files as read (before an export's rows are told apart), as good as
    the usable invoices when every file was read typed, no row is passed over or at
    fault and every customer is named by its id (``checks.Plain``)."""
    files = reg.scan.raw(FinanceKind.INVOICES)
    if files is None:
        return None
    read = reg.read(files, FinanceKind.INVOICES)
    return reg.plain(
        FinanceKind.INVOICES,
        read.mutate(customer_id=read.customer),
        lambda t: t.customer_id != t.customer,
    )


def payments(reg: Registration, raw: ir.Table | None, ids: ir.Table | None) -> ir.Table | None:
    """Payments against known invoices."""
    if raw is None:
        return None
    table = _invoice_ref(reg.read(raw, FinanceKind.PAYMENTS), ids, dates=True)
    checks: list[Check] = [
        empty("invoice"),
        UNKNOWN_INVOICE,
        *date_checks(("paid",)),
        *number_checks("amount", required=True),
    ]
    return reg.judge.keep(
        table,
        checks,
        lambda valid: valid.select(
            "invoice",
            paid=valid.paid_v,
            amount=valid.amount_v,
            issued=valid.invoice_issued,
            due=valid.invoice_due,
        ),
        "fin_payments",
        rows=raw,
    )


def credits(
    reg: Registration, raw: ir.Table | None, names: ir.Table | None, ids: ir.Table | None
) -> ir.Table | None:
    """Credit notes and write-offs, amounts (and an export's open balance) made positive."""
    if raw is None or names is None:
        return None
    table = _invoice_ref(with_customer(reg.read(raw, FinanceKind.CREDITS), names), ids)
    kind = table.kind.lower()
    table = table.mutate(
        kind_v=ibis.ifelse(
            kind.isin(_CREDIT_KINDS),
            "credit",
            ibis.ifelse(kind.isin(_WRITE_OFFS), "write-off", ibis.null("string")),
        )
    )
    checks: list[Check] = [
        *customer_checks(),
        UNKNOWN_INVOICE,
        *date_checks(("date",)),
        empty("amount"),
        (
            "not a number",
            "amount",
            lambda t: (t.amount != "") & t.amount_v.isnull(),
            lambda t: t.amount,
        ),
        ("bad kind", "kind", lambda t: t.kind_v.isnull(), lambda t: t.kind),
        *number_checks("balance", required=False, negative_ok=True),
    ]
    return reg.judge.keep(
        table,
        checks,
        lambda valid: valid.select(
            customer=valid.customer_id,
            invoice=valid.invoice.nullif(""),
            dated=valid.date_v,
            amount=valid.amount_v.abs(),
            kind=valid.kind_v,
            balance=valid.balance_v.abs(),
        ),
        "fin_credits",
        rows=raw,
    )


def _invoice_ref(table: ir.Table, ids: ir.Table | None, *, dates: bool = False) -> ir.Table:
    """``known``: whether the row's invoice is among the usable invoices; with
    ``dates``, ``invoice_issued`` and ``invoice_due``, its dates (NULL when unknown)."""
    if ids is None:
        known = table.mutate(known=ibis.literal(False))
        if not dates:
            return known
        nothing = ibis.null("date")
        return known.mutate(invoice_issued=nothing, invoice_due=nothing)
    carried = {"invoice_issued": ids.issued, "invoice_due": ids.due} if dates else {}
    found = ids.select(invoice_ref=ids.invoice, known=ibis.literal(True), **carried)
    joined = table.left_join(found, table.invoice == found.invoice_ref).drop("invoice_ref")
    return joined.mutate(known=joined.known.fill_null(False))
