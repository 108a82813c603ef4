"""The rows of the invoice files told apart: invoices, and credit notes read as credits.

An accounting export lists both in one file: a credit note lowers what its customer
owes, so it joins the credits files' rows (with its amount made positive); the rest of
the export's structure is passed over.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import ibis
import ibis.expr.types as ir

from levelset.engine.backends import Engine
from levelset.engine.finance.tables import raw_columns
from levelset.engine.finance.values import engine_amount
from levelset.model.finance import FinanceFormat, FinanceKind, FinanceSource

_SKIPPED_STATUS = ("draft", "deleted", "voided", "void", "submitted", "awaiting approval")


class Documents(NamedTuple):
    """The rows of the invoice files split by what they are (see ``split_documents``)."""

    invoices: ir.Table | None  # the invoices of the invoice files
    credits: ir.Table | None  # the credits files' rows and the invoice files' credit notes
    notes: ir.Table | None  # the invoice files' credit notes alone


def split_documents(
    engine: Engine,
    sources: Sequence[FinanceSource],
    invoices: ir.Table | None,
    credits: ir.Table | None,
) -> Documents:
    """The raw ``invoices`` split into invoices and credit notes, and the raw ``credits``
    with those credit notes among them."""
    found, notes = _invoices_and_notes(engine, sources, invoices)
    if notes is None:
        return Documents(found, credits, notes)
    return Documents(found, notes if credits is None else credits.union(notes), notes)


def _invoices_and_notes(
    engine: Engine, sources: Sequence[FinanceSource], raw: ir.Table | None
) -> tuple[ir.Table | None, ir.Table | None]:
    """An invoice export's invoices, and its credit notes as credits.

    Report structure (QuickBooks group headings, totals, the footer) has neither a
    date nor a number and is passed over, as are drafts and voided documents and
    transactions other than invoices and credit notes (payments, journal entries).
    A Xero export repeats an invoice on each of its lines: the first is kept.
    """
    if raw is None:
        return None, None
    kind = raw.type.lower()
    status = raw.status.lower()
    live = ((raw.issued != "") | (raw.invoice != "")) & ~status.isin(_SKIPPED_STATUS)
    credit = live & kind.contains("credit")
    invoice = (
        live
        & ~kind.contains("credit")
        & ((kind == "") | kind.contains("invoice") | (kind == "accrec"))
    )
    invoice_files = [s for s in sources if s.kind is FinanceKind.INVOICES]
    if any(s.format is FinanceFormat.XERO for s in invoice_files):
        # The window is computed in a step of its own: PostgreSQL takes no window in
        # WHERE. Only a Xero export needs it (and its cost: a sort of every row).
        line = ibis.row_number().over(group_by=["src", "invoice"], order_by="row")
        marked = raw.mutate(is_invoice=invoice, is_credit=credit, first=line == 0)
        marked = engine.materialize("fin_marked", marked)
        once = marked.first | ~marked.xero
    else:
        marked = raw.mutate(is_invoice=invoice, is_credit=credit)
        once = ibis.literal(True)
    invoices = marked.filter(marked.is_invoice & (once | (marked.invoice == ""))).select(
        *raw.columns
    )
    if not any("type" in s.columns for s in invoice_files):
        return invoices, None  # without a type column, no row is a credit note
    credits = marked.filter(marked.is_credit & once)
    amount = credits.amount.re_replace("^-", "")
    # What is still open on the credit note: 0 once applied to an invoice (whose own
    # balance then shows it), so it lowers what the customer owes once only.
    balance = credits.balance.re_replace("^-", "")
    made = {
        "src": credits.src,
        "row": credits.row,
        "customer": credits.customer,
        "invoice": ibis.literal("", type="string"),
        "date": credits.issued,
        "amount": amount,
        "kind": ibis.literal("credit", type="string"),
        "xero": credits.xero,
        "date_e": credits.issued_e,
        "amount_e": engine_amount(amount),
        "balance": balance,
        "balance_e": engine_amount(balance),
    }
    # In the columns' order of a credits file's raw table, to be united with it.
    return invoices, credits.select(
        **{name: made[name] for name in raw_columns(FinanceKind.CREDITS)}
    )
