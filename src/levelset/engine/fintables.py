"""Finance files registered on the engine as typed tables: one per kind.

Column contracts (only valid rows reach these tables; every unusable row is a problem):

- customers: customer str (id), name str, segment str, terms_days int64 (null), file str, row int64
- invoices: invoice str, customer str (a customers.customer id), issued date, due date,
  amount float64, cogs float64, balance float64 (what an export says is still open on
  it, null when not given: see ``ledger``)
- payments: invoice str, paid date, amount float64, issued date and due date (those of
  its invoice, so that settling needs no second join of the payments to the invoices)
- credits: customer str, invoice str (null), dated date, amount float64 (>0),
  kind str ('credit' | 'write-off')
- drivers: driver str, cost_per_unit float64
- driver_counts: customer str, driver str, count float64
- vendors: vendor str, name str, spend float64, category str, file str, row int64
- pipeline: opportunity str, customer str (null), prospect str (null), amount float64,
  stage str, probability float64 (0..1), expected_close date
- forecast: period str, start date, end date, amount float64, file str, row int64
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import duckdb
import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.connection import Columns, Engine
from levelset.engine.finread import (
    DATE_ORDER,
    PLAIN,
    date_reader,
    dictionary,
    engine_amount,
    engine_date,
    in_place,
    problems_from_flaws,
    read_amount,
    read_period,
    read_source,
    read_terms,
    unreadable,
)
from levelset.engine.fintyped import typed_eligible, typed_source
from levelset.model import Problem, Workspace
from levelset.model.finance import FinanceFormat, FinanceKind, FinanceSource


@dataclass(frozen=True)
class FinanceTables:
    """The finance data of one run as engine tables (``None`` for a kind not given)."""

    customers: ir.Table | None = None
    invoices: ir.Table | None = None
    payments: ir.Table | None = None
    credits: ir.Table | None = None
    drivers: ir.Table | None = None
    driver_counts: ir.Table | None = None
    vendors: ir.Table | None = None
    pipeline: ir.Table | None = None
    forecast: ir.Table | None = None


K = FinanceKind
# The raw text each kind carries (roles as in FinanceSource.columns).
ROLES: dict[FinanceKind, tuple[str, ...]] = {
    K.CUSTOMERS: ("customer", "name", "segment", "terms_days"),
    K.INVOICES: (
        "invoice",
        "customer",
        "issued",
        "due",
        "amount",
        "balance",
        "cogs",
        "type",
        "status",
    ),
    K.PAYMENTS: ("invoice", "paid", "amount"),
    K.CREDITS: ("customer", "invoice", "date", "amount", "kind"),
    K.DRIVERS: ("driver", "cost_per_unit"),
    K.DRIVER_COUNTS: ("customer", "driver", "count"),
    K.VENDORS: ("vendor", "name", "spend", "category"),
    K.PIPELINE: (
        "opportunity",
        "customer",
        "prospect",
        "amount",
        "stage",
        "probability",
        "expected_close",
    ),
    K.FORECAST: ("period", "amount"),
}
DATE_ROLES: dict[FinanceKind, tuple[str, ...]] = {
    K.INVOICES: ("issued", "due"),
    K.PAYMENTS: ("paid",),
    K.CREDITS: ("date",),
    K.PIPELINE: ("expected_close",),
}
# The number roles of each kind read in the engine as the raw text is copied.
NUMBER_ROLES: dict[FinanceKind, tuple[str, ...]] = {
    K.INVOICES: ("amount", "cogs", "balance"),
    K.PAYMENTS: ("amount",),
    K.CREDITS: ("amount",),
    K.DRIVERS: ("cost_per_unit",),
    K.DRIVER_COUNTS: ("count",),
    K.VENDORS: ("spend",),
    K.PIPELINE: ("amount",),
    K.FORECAST: ("amount",),
}
_CREDIT_KINDS = ("credit", "credit note", "credit memo", "creditnote", "credit-note")
_WRITE_OFFS = ("write-off", "write off", "writeoff", "written off", "bad debt")
_SKIPPED_STATUS = ("draft", "deleted", "voided", "void", "submitted", "awaiting approval")
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
Check = tuple[str, str, Callable[[ir.Table], ir.BooleanValue], Callable[[ir.Table], ir.Value]]
# A payment's or a credit's invoice named but not among the usable invoices (``known``).
_UNKNOWN_INVOICE: Check = (
    "unknown invoice",
    "invoice",
    lambda t: (t.invoice != "") & ~t.known,
    lambda t: t.invoice,
)


def register_finance(engine: Engine, workspace: Workspace) -> tuple[FinanceTables, list[Problem]]:
    """Read every finance source of ``workspace`` into typed tables, one per kind.

    Only usable rows reach the tables; every other row is a problem at its file and
    line, grouped by what is wrong and the value (``(and N more rows like it)``).
    Customer references are resolved to customer ids (by id or name, case-insensitive);
    without a customers file, the customers are those the invoices name.
    """
    sources = list(workspace.finance.sources)
    run = _Run(engine, sources)
    customers = run.settle(lambda: run.customers(run.raw(K.CUSTOMERS)))
    names = run.customer_names(
        customers,
        [run.invoice_rows(), run.credit_rows(), run.raw(K.DRIVER_COUNTS), run.raw(K.PIPELINE)],
    )
    invoices = run.settle(lambda: run.invoices(run.invoice_rows(), names))
    # Each invoice number is listed once: the repeats were left out as duplicates.
    ids = None if invoices is None else invoices.select("invoice", "issued", "due")
    # Each kind's text is let go once its table is made (the credit notes of an invoice
    # export are among the credits).
    credits = run.settle(lambda: run.credits(run.credit_rows(), names, ids))
    run.release(K.INVOICES, K.CREDITS)
    payments = run.settle(lambda: run.payments(run.raw(K.PAYMENTS), ids))
    run.release(K.PAYMENTS)
    drivers = run.settle(lambda: run.drivers(run.raw(K.DRIVERS)))
    driver_counts = run.settle(lambda: run.driver_counts(run.raw(K.DRIVER_COUNTS), names, drivers))
    run.release(K.DRIVERS, K.DRIVER_COUNTS)
    tables = FinanceTables(
        customers=customers,
        invoices=invoices,
        payments=payments,
        credits=credits,
        drivers=drivers,
        driver_counts=driver_counts,
        vendors=run.settle(lambda: run.vendors(run.raw(K.VENDORS))),
        pipeline=run.settle(lambda: run.pipeline(run.raw(K.PIPELINE), names)),
        forecast=run.settle(lambda: run.forecast(run.raw(K.FORECAST))),
    )
    problems = run.problems
    if run.flaws:
        flaws = ibis.union(*run.flaws)
        problems.extend(problems_from_flaws(engine, flaws, sources))
    return tables, problems


class _Documents(NamedTuple):
    """The rows of the invoice files split by what they are (see ``_Run.documents``)."""

    invoices: ir.Table | None  # the invoices of the invoice files
    credits: ir.Table | None  # the credits files' rows and the invoice files' credit notes
    notes: ir.Table | None  # the invoice files' credit notes alone


# The kinds whose tables carry the row each came from (small files): always numbered.
_NUMBERED_KINDS = (K.CUSTOMERS, K.VENDORS, K.FORECAST)


class _Run:
    """One registration: the sources, the problems so far and the flawed rows.

    A file the engine reads in place is first read without row numbers (numbering makes
    DuckDB read it whole, in order, on one thread): a row's line is needed only for a
    problem, and to choose the first of rows repeating a key, which is a problem too.
    ``settle`` reads the files again, numbered, when their rows turn out to have faults.
    Files whose rows must be numbered anyway are numbered from the start: the kinds whose
    tables carry rows, a Xero export (whose first line of each invoice is kept) and the
    invoices when the customers are derived from them.
    """

    def __init__(self, engine: Engine, sources: list[FinanceSource]) -> None:
        self.engine = engine
        self.sources = sources
        self.problems: list[Problem] = []
        self.flaws: list[ir.Table] = []
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
        self._typed: set[int] = set()  # the sources of _stored read typed (fintyped)
        self._documents: _Documents | None = None

    # -- reading ---------------------------------------------------------------

    def raw(self, kind: FinanceKind) -> ir.Table | None:
        """Every source of ``kind`` as text, blank rows left out; ``None`` without any."""
        parts: list[ir.Table] = []
        for index, source in enumerate(self.sources):
            if source.kind is not kind:
                continue
            if index not in self._parts:
                self._parts[index] = self._scan(index, source)
            part = self._parts[index]
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return ibis.union(*parts)

    def _scan(self, index: int, source: FinanceSource) -> ir.Table | None:
        """One source as text with what the scan reads of its dates and numbers, kept as
        a table; ``None`` (and a problem) when it cannot be read.

        Only what varies from row to row is kept: the roles the source has, what the
        scan read of them and the row numbers; the constants (the source, the roles it
        lacks, the rows not numbered) are added when the table is used.
        """
        kind = source.kind
        roles = ROLES[kind]
        present = [role for role in roles if role in source.columns]
        # Rows read in Python, and on PostgreSQL, are numbered at no cost.
        numbered = index in self.numbered or self.engine.name != "duckdb" or not in_place(source)
        if not numbered:
            fast = self._typed_scan(index, source)
            if fast is not None:
                return fast
        try:
            table = read_source(self.engine, index, source, roles, numbered=numbered)
            table = table.filter(ibis.or_(*(table[role] != "" for role in roles)))
            # Read in the same scan: ISO dates (on DuckDB) and plain numbers; the
            # other spellings are read per distinct value in Python later.
            read = {
                **{f"{r}_e": engine_date(self.engine, table[r]) for r in DATE_ROLES.get(kind, ())},
                **{f"{r}_e": engine_amount(table[r]) for r in NUMBER_ROLES.get(kind, ())},
            }
            kept = [name for name in ("row", *present) if name != "row" or numbered]
            kept += [f"{role}_e" for role in present if f"{role}_e" in read]
            stored = self.engine.materialize(
                "fin_raw", table.mutate(**read).select(*kept) if kept else table.select("src")
            )
        except self.unreadable as error:
            if self.engine.name == "postgres":
                self.engine.backend.con.rollback()
            self.problems.append(unreadable(source, error))
            return None
        self._stored[index] = stored
        blank = ibis.literal("", type="string")
        constant: dict[str, ir.Value] = {
            "src": ibis.literal(index, type="int64"),
            "row": ibis.null("int64"),
            "xero": ibis.literal(source.format is FinanceFormat.XERO),
            **dict.fromkeys(roles, blank),
            **{name: ibis.null(value.type()) for name, value in read.items()},
        }
        return stored.select(
            **{
                name: stored[name] if name in kept else constant[name]
                for name in _raw_columns(kind)
            }
        )

    def _typed_scan(self, index: int, source: FinanceSource) -> ir.Table | None:
        """The source read typed (``fintyped``), kept as a table; ``None`` when it has no
        dates or numbers to type, or a value the typed read does not take.

        The text of a typed role is not kept: it is ``""`` when blank, else ``"?"``. Only
        its being blank counts: a problem with a row of the file has it read again, the
        usual way, so no problem shows the ``"?"``.
        """
        kind = source.kind
        dates = [r for r in DATE_ROLES.get(kind, ()) if r in source.columns]
        numbers = [r for r in NUMBER_ROLES.get(kind, ()) if r in source.columns]
        typed = [*dates, *numbers]
        # An invoice export's credit notes are read from their amounts' text.
        notes = kind is K.INVOICES and "type" in source.columns
        roles = ROLES[kind]
        try:
            if not typed or notes or not typed_eligible(source, typed):
                return None
            read = typed_source(self.engine, index, source, roles, dates=dates, numbers=numbers)
            kept = [r for r in roles if r in source.columns and r not in typed]
            kept += [f"{role}_e" for role in typed]
            stored = self.engine.materialize("fin_raw", read.select(*kept))
        except self.unreadable:
            return None  # read the usual way, which tells what is wrong
        self._stored[index] = stored
        self._typed.add(index)
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
        return stored.select(**{name: columns[name] for name in _raw_columns(kind)})

    def settle(self, build: Callable[[], ir.Table | None]) -> ir.Table | None:
        """``build()``, built again from numbered files when rows of files read without
        numbers were found at fault (its problems need their lines).

        What a kind's table holds does not depend on the numbers: only the first of
        rows repeating a key does, and a repeat is a fault, so its file is numbered.
        """
        mark = len(self.flaws)
        table = build()
        if len(self.flaws) == mark:
            return table
        found = ibis.union(*self.flaws[mark:])
        unnumbered = found.filter(found.row.isnull()).select("src").distinct()
        again = {int(r["src"]) for r in self.engine.rows(unnumbered)}
        if not again:
            return table
        self.numbered |= again
        for index in again:
            self._forget(index)
        if any(self.sources[i].kind in (K.INVOICES, K.CREDITS) for i in again):
            self._documents = None  # made of the files read again
        del self.flaws[mark:]
        self._drop(table)
        return build()

    def release(self, *kinds: FinanceKind) -> None:
        """Let the text of the sources of ``kinds`` go: their tables are made."""
        for index, source in enumerate(self.sources):
            if source.kind in kinds:
                self._forget(index)
        self._documents = None

    def _forget(self, index: int) -> None:
        self._parts.pop(index, None)
        self._typed.discard(index)
        self._drop(self._stored.pop(index, None))

    def _drop(self, table: ir.Table | None) -> None:
        """Let a table built on the way go (its memory with it)."""
        if table is not None and self.engine.name == "duckdb":
            self.engine.backend.raw_sql(f"DROP TABLE IF EXISTS {table.get_name()}")

    def invoice_rows(self) -> ir.Table | None:
        """The invoices of the invoice files (see ``documents``)."""
        return self._split().invoices

    def credit_rows(self) -> ir.Table | None:
        """The credits files' rows and the credit notes of the invoice files."""
        return self._split().credits

    def _split(self) -> _Documents:
        if self._documents is None:
            invoices, notes = self.documents(self.raw(K.INVOICES))
            own = self.raw(K.CREDITS)
            credits = own if notes is None else notes if own is None else own.union(notes)
            self._documents = _Documents(invoices, credits, notes)
        return self._documents

    def documents(self, raw: ir.Table | None) -> tuple[ir.Table | None, ir.Table | None]:
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
        xero = any(s.kind is K.INVOICES and s.format is FinanceFormat.XERO for s in self.sources)
        if xero:
            # The window is computed in a step of its own: PostgreSQL takes no window in
            # WHERE. Only a Xero export needs it (and its cost: a sort of every row).
            line = ibis.row_number().over(group_by=["src", "invoice"], order_by="row")
            marked = raw.mutate(is_invoice=invoice, is_credit=credit, first=line == 0)
            marked = self.engine.materialize("fin_marked", marked)
            once = marked.first | ~marked.xero
        else:
            marked = raw.mutate(is_invoice=invoice, is_credit=credit)
            once = ibis.literal(True)
        invoices = marked.filter(marked.is_invoice & (once | (marked.invoice == ""))).select(
            *raw.columns
        )
        if not any(s.kind is K.INVOICES and "type" in s.columns for s in self.sources):
            return invoices, None  # without a type column, no row is a credit note
        credits = marked.filter(marked.is_credit & once)
        amount = credits.amount.re_replace("^-", "")
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
        }
        # In the columns' order of a credits file's raw table, to be united with it.
        credit_rows = credits.select(**{name: made[name] for name in _raw_columns(K.CREDITS)})
        return invoices, credit_rows

    # -- customers and references ------------------------------------------------

    def customers(self, raw: ir.Table | None) -> ir.Table | None:
        """The customers file checked, or the customers the invoice files name."""
        if raw is None:
            # On their invoices or credit notes: a customer of an export may have only a
            # credit memo left open.
            named = [
                t.select("customer", "src", "row")
                for t in (self.invoice_rows(), self._split().notes)
                if t is not None
            ]
            return self._derived_customers(ibis.union(*named)) if named else None
        terms = self._lookup(raw, "terms_days", read_terms, pa.int64())
        typed = raw.left_join(terms, raw.terms_days == terms.key).select(
            "src",
            "row",
            customer=raw.customer,
            name=ibis.ifelse(raw.name == "", raw.customer, raw.name),
            segment=raw.segment,
            terms_days=terms.value,
            terms_text=raw.terms_days,
            terms_flaw=terms.flaw,
        )
        checks: list[Check] = [
            ("empty", "customer", lambda t: t.customer == "", lambda t: t.customer),
        ]
        # Terms that cannot be read are reported, and the customer kept without them.
        lenient: list[Check] = [
            ("bad terms", "terms_days", lambda t: t.terms_flaw != "", lambda t: t.terms_text),
        ]
        columns = ["customer", "name", "segment", "terms_days"]
        return self._judge(
            typed,
            checks,
            lambda valid: self._with_file(valid, columns),
            "fin_customers",
            rows=raw,
            unique=(lambda t: t.customer, "customer"),
            lenient=lenient,
        )

    def _derived_customers(self, documents: ir.Table) -> ir.Table:
        named = documents.filter(documents.customer != "")
        rows = self.engine.rows(
            named.group_by("customer").aggregate(src=named.src.min(), row=named.row.min())
        )
        seen: dict[str, dict[str, Any]] = {}
        for row in sorted(rows, key=lambda r: (r["src"], r["row"], r["customer"])):
            seen.setdefault(row["customer"].casefold(), row)
        chosen = list(seen.values())
        text, number = pa.string(), pa.int64()
        columns: Columns = {
            "customer": (text, [r["customer"] for r in chosen]),
            "name": (text, [r["customer"] for r in chosen]),
            "segment": (text, [""] * len(chosen)),
            "terms_days": (number, [None] * len(chosen)),
            "file": (text, [self.sources[r["src"]].file for r in chosen]),
            "row": (number, [r["row"] for r in chosen]),
        }
        return self.engine.small_table("fin_customers", columns)

    def customer_names(
        self, customers: ir.Table | None, tables: list[ir.Table | None]
    ) -> ir.Table | None:
        """Customer text as written anywhere -> the customer's id, or what is wrong.

        A text that is a customer's id names that customer; most do, and they are matched
        in the engine. The others are read in Python: a customer's id in another case,
        else the name of one customer in any case (of several: ambiguous), else unknown.
        """
        named = [t.select(key=t.customer) for t in tables if t is not None]
        if not named:
            return None
        keys = self.engine.materialize("fin_keys", ibis.union(*named).distinct())
        if customers is None:
            exact = None
            others = keys
        else:
            listed = keys.key.isin(customers.customer)
            exact = keys.filter(listed).select(
                "key", value=keys.key, flaw=ibis.literal("", type="string")
            )
            others = keys.filter(~listed)
        texts = self.engine.to_arrow(others).column("key").to_pylist()
        found, flaws = self._resolve_names(customers, texts) if texts else ([], [])
        read = dictionary(
            self.engine,
            "fin_names",
            {"key": texts},
            {"value": (pa.string(), found), "flaw": (pa.string(), flaws)},
        )
        if exact is None:
            return read
        return self.engine.materialize("fin_names", exact.union(read))

    def _resolve_names(
        self, customers: ir.Table | None, texts: list[str]
    ) -> tuple[list[str | None], list[str]]:
        """Each text's customer id (``None`` unless exactly one customer) and its flaw."""
        ids: dict[str, str] = {}
        by_name: dict[str, list[str]] = {}
        if customers is not None:
            # In the order the files list them: the first of ids alike but for case wins.
            listed = self.engine.to_arrow(
                customers.select("customer", "name", "file", "row").order_by(["file", "row"])
            )
            ids_listed = listed.column("customer").to_pylist()
            for customer, name in zip(ids_listed, listed.column("name").to_pylist(), strict=True):
                ids.setdefault(customer.casefold(), customer)
                by_name.setdefault(name.casefold(), []).append(customer)
        found: list[str | None] = []
        flaws: list[str] = []
        for key in texts:
            folded = key.casefold()
            known = ids.get(folded)
            matches = [known] if known is not None else by_name.get(folded, [])
            single = len(set(matches)) == 1
            found.append(matches[0] if single else None)
            flaws.append(
                "" if single or not key else "ambiguous customer" if matches else "unknown customer"
            )
        return found, flaws

    # -- the kinds -----------------------------------------------------------------

    def invoices(self, raw: ir.Table | None, names: ir.Table | None) -> ir.Table | None:
        """Invoices: number, customer, issued and due dates, amount, cost of goods."""
        if raw is None or names is None:
            return None
        table = self._customer(self._read(raw, K.INVOICES), names)
        # A QuickBooks report grouped by customer names it in the heading above the rows.
        headed = [i for i, s in enumerate(self.sources) if s.format is FinanceFormat.QUICKBOOKS]
        table = table.mutate(headed=table.src.isin(headed) if headed else ibis.literal(False))
        checks: list[Check] = [
            ("empty", "invoice", lambda t: t.invoice == "", lambda t: t.invoice),
            *self._customer_checks(headed=True),
            *self._date_checks(("issued", "due")),
            *self._number_checks("amount", required=True),
            *self._number_checks("cogs", required=False),
            *self._number_checks("balance", required=False),
            (
                "due before issued",
                "due",
                lambda t: t.due_v < t.issued_v,
                lambda t: t.invoice,
            ),
        ]
        return self._judge(
            table,
            checks,
            lambda valid: valid.select(
                "invoice",
                customer=valid.customer_id,
                issued=valid.issued_v,
                due=valid.due_v,
                amount=valid.amount_v,
                cogs=valid.cogs_v.fill_null(0.0),
                balance=valid.balance_v,
            ),
            "fin_invoices",
            rows=raw,
            unique=(lambda t: t.invoice, "invoice"),
        )

    def payments(self, raw: ir.Table | None, ids: ir.Table | None) -> ir.Table | None:
        """Payments against known invoices."""
        if raw is None:
            return None
        table = self._invoice_ref(self._read(raw, K.PAYMENTS), ids, dates=True)
        checks: list[Check] = [
            ("empty", "invoice", lambda t: t.invoice == "", lambda t: t.invoice),
            _UNKNOWN_INVOICE,
            *self._date_checks(("paid",)),
            *self._number_checks("amount", required=True),
        ]
        return self._judge(
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
        self, raw: ir.Table | None, names: ir.Table | None, ids: ir.Table | None
    ) -> ir.Table | None:
        """Credit notes and write-offs, amounts made positive."""
        if raw is None or names is None:
            return None
        table = self._invoice_ref(self._customer(self._read(raw, K.CREDITS), names), ids)
        kind = table.kind.lower()
        table = table.mutate(
            kind_v=ibis.ifelse(
                kind.isin(_CREDIT_KINDS),
                "credit",
                ibis.ifelse(kind.isin(_WRITE_OFFS), "write-off", ibis.null("string")),
            )
        )
        checks: list[Check] = [
            *self._customer_checks(),
            _UNKNOWN_INVOICE,
            *self._date_checks(("date",)),
            ("empty", "amount", lambda t: t.amount == "", lambda t: t.amount),
            (
                "not a number",
                "amount",
                lambda t: (t.amount != "") & t.amount_v.isnull(),
                lambda t: t.amount,
            ),
            ("bad kind", "kind", lambda t: t.kind_v.isnull(), lambda t: t.kind),
        ]
        return self._judge(
            table,
            checks,
            lambda valid: valid.select(
                customer=valid.customer_id,
                invoice=valid.invoice.nullif(""),
                dated=valid.date_v,
                amount=valid.amount_v.abs(),
                kind=valid.kind_v,
            ),
            "fin_credits",
            rows=raw,
        )

    def drivers(self, raw: ir.Table | None) -> ir.Table | None:
        """Cost drivers and their cost per unit."""
        if raw is None:
            return None
        table = self._read(raw, K.DRIVERS)
        checks: list[Check] = [
            ("empty", "driver", lambda t: t.driver == "", lambda t: t.driver),
            *self._number_checks("cost_per_unit", required=True),
        ]
        return self._judge(
            table,
            checks,
            lambda valid: valid.select("driver", cost_per_unit=valid.cost_per_unit_v),
            "fin_drivers",
            rows=raw,
            unique=(lambda t: t.driver.lower(), "driver"),
        )

    def driver_counts(
        self, raw: ir.Table | None, names: ir.Table | None, drivers: ir.Table | None
    ) -> ir.Table | None:
        """How many of each driver a customer caused."""
        if raw is None or names is None:
            return None
        table = self._customer(self._read(raw, K.DRIVER_COUNTS), names)
        if drivers is not None:
            known = drivers.select(driver_name=drivers.driver, driver_key=drivers.driver.lower())
        else:
            empty: tuple[pa.DataType, list[Any]] = (pa.string(), [])
            known = self.engine.small_table(
                "fin_no_drivers", {"driver_name": empty, "driver_key": empty}
            )
        table = table.left_join(known, table.driver.lower() == known.driver_key).drop("driver_key")
        checks: list[Check] = [
            *self._customer_checks(),
            ("empty", "driver", lambda t: t.driver == "", lambda t: t.driver),
            (
                "unknown driver",
                "driver",
                lambda t: (t.driver != "") & t.driver_name.isnull(),
                lambda t: t.driver,
            ),
            *self._number_checks("count", required=True),
        ]
        return self._judge(
            table,
            checks,
            lambda valid: valid.select(
                customer=valid.customer_id, driver=valid.driver_name, count=valid.count_v
            ),
            "fin_driver_counts",
            rows=raw,
        )

    def vendors(self, raw: ir.Table | None) -> ir.Table | None:
        """The payables list: vendor, name, spend, category."""
        if raw is None:
            return None
        table = self._read(raw, K.VENDORS)
        table = table.mutate(name=ibis.ifelse(table.name == "", table.vendor, table.name))
        checks: list[Check] = [
            ("empty", "vendor", lambda t: t.vendor == "", lambda t: t.vendor),
            *self._number_checks("spend", required=True),
        ]
        columns = ["vendor", "name", "spend", "category"]
        return self._judge(
            table,
            checks,
            lambda valid: self._with_file(valid.mutate(spend=valid.spend_v), columns),
            "fin_vendors",
            rows=raw,
        )

    def pipeline(self, raw: ir.Table | None, names: ir.Table | None) -> ir.Table | None:
        """Open opportunities with their stage-weighted chance and expected close."""
        if raw is None:
            return None
        table = self._read(raw, K.PIPELINE)
        if names is not None:
            table = self._customer(table, names)
        else:
            table = table.mutate(
                customer_id=ibis.null("string"), customer_flaw=ibis.literal("unknown customer")
            )
        text = table.probability.re_replace(r"[%\s]", "")
        share = ibis.ifelse(text.re_search(PLAIN), text, ibis.null("string")).cast("float64")
        percent = table.probability.contains("%") | (share > 1)
        table = table.mutate(probability_v=ibis.ifelse(percent, share / 100, share))
        checks: list[Check] = [
            ("empty", "opportunity", lambda t: t.opportunity == "", lambda t: t.opportunity),
            (
                "no customer or prospect",
                "customer",
                lambda t: (t.customer == "") & (t.prospect == ""),
                lambda t: t.opportunity,
            ),
            (
                "unknown customer",
                "customer",
                lambda t: (t.customer != "") & (t.customer_flaw == "unknown customer"),
                lambda t: t.customer,
            ),
            (
                "ambiguous customer",
                "customer",
                lambda t: (t.customer != "") & (t.customer_flaw == "ambiguous customer"),
                lambda t: t.customer,
            ),
            *self._number_checks("amount", required=True),
            (
                "bad probability",
                "probability",
                lambda t: t.probability_v.isnull() | (t.probability_v < 0) | (t.probability_v > 1),
                lambda t: t.probability,
            ),
            *self._date_checks(("expected_close",)),
        ]
        return self._judge(
            table,
            checks,
            lambda valid: valid.select(
                "opportunity",
                customer=ibis.ifelse(valid.customer == "", ibis.null("string"), valid.customer_id),
                prospect=valid.prospect.nullif(""),
                amount=valid.amount_v,
                stage=valid.stage,
                probability=valid.probability_v,
                expected_close=valid.expected_close_v,
            ),
            "fin_pipeline",
            rows=raw,
        )

    def forecast(self, raw: ir.Table | None) -> ir.Table | None:
        """The sales forecast by period, with each period's first and last day."""
        if raw is None:
            return None
        keys = [r["period"] for r in self.engine.rows(raw.select("period").distinct())]
        read = [read_period(key) for key in keys]
        periods = dictionary(
            self.engine,
            "fin_periods",
            {"key": keys},
            {
                "start": (pa.date32(), [r[0] for r in read]),
                "end": (pa.date32(), [r[1] for r in read]),
                "flaw": (pa.string(), [r[2] for r in read]),
            },
        )
        table = self._read(raw, K.FORECAST)
        table = table.left_join(periods, table.period == periods.key).drop("key")
        checks: list[Check] = [
            ("no period", "period", lambda t: t.flaw == "no period", lambda t: t.period),
            ("bad period", "period", lambda t: t.flaw == "bad period", lambda t: t.period),
            *self._number_checks("amount", required=True, negative_ok=True),
        ]
        columns = ["period", "start", "end", "amount"]
        return self._judge(
            table,
            checks,
            lambda valid: self._with_file(valid.mutate(amount=valid.amount_v), columns),
            "fin_forecast",
            rows=raw,
        )

    # -- the shared steps ------------------------------------------------------------

    def _lookup(
        self,
        table: ir.Table,
        role: str,
        read: Callable[[str], tuple[Any, str]],
        kind: pa.DataType,
    ) -> ir.Table:
        """The distinct values of ``role`` read in Python: key -> value, flaw."""
        keys = [r[role] for r in self.engine.rows(table.select(role).distinct())]
        read_keys = [read(key) for key in keys]
        return dictionary(
            self.engine,
            f"fin_{role}",
            {"key": keys},
            {
                "value": (kind, [r[0] for r in read_keys]),
                "flaw": (pa.string(), [r[1] for r in read_keys]),
            },
        )

    def _read(self, table: ir.Table, kind: FinanceKind) -> ir.Table:
        """``<role>_v`` for each date and number role, and ``<role>_flaw`` for each date.

        What the scan read (``<role>_e``) is kept; the distinct texts it left (dates as
        (source, text) pairs, each source in its format's order; numbers written
        ``1.234,56``) are fetched in one query, read in Python and joined back.
        """
        dates, numbers = DATE_ROLES.get(kind, ()), NUMBER_ROLES.get(kind, ())
        if self._typed_only(kind):
            # A typed read leaves a date or number unread only when it is blank.
            return table.mutate(
                **{f"{role}_v": table[f"{role}_e"] for role in (*dates, *numbers)},
                **{
                    f"{role}_flaw": ibis.ifelse(table[f"{role}_e"].isnull(), "no date", "")
                    for role in dates
                },
            )
        parts = [
            table.filter(table[f"{role}_e"].isnull()).select(
                "src", text=table[role], number=ibis.literal(False)
            )
            for role in dates
        ] + [
            table.filter(table[f"{role}_e"].isnull() & (table[role] != "")).select(
                src=ibis.literal(-1, type="int64"), text=table[role], number=ibis.literal(True)
            )
            for role in numbers
        ]
        unread = self.engine.to_arrow(ibis.union(*parts).distinct()).to_pylist()
        pairs = [(r["src"], r["text"]) for r in unread if not r["number"]]
        keys = [r["text"] for r in unread if r["number"]]
        table = self._dates(table, dates, pairs)
        return self._numbers(table, numbers, keys)

    def _typed_only(self, kind: FinanceKind) -> bool:
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

    def _dates(
        self, table: ir.Table, roles: Sequence[str], pairs: list[tuple[int, str]]
    ) -> ir.Table:
        """``<role>_v`` and ``<role>_flaw``: read in the scan, or from ``pairs``, the
        distinct (source, text) the scan left, read in Python."""
        if not pairs:  # every date was read in the scan
            return table.mutate(
                **{f"{role}_v": table[f"{role}_e"] for role in roles},
                **{f"{role}_flaw": ibis.literal("", type="string") for role in roles},
            )
        by_source: dict[int, list[str]] = {}
        for src, text in pairs:
            by_source.setdefault(src, []).append(text)
        srcs: list[int] = []
        texts: list[str] = []
        values: list[Any] = []
        flaws: list[str] = []
        for src, found in by_source.items():
            order = DATE_ORDER[self.sources[src].format]
            read = date_reader([t for t in found if t], order)
            for text in found:
                value, flaw = read(text)
                srcs.append(src)
                texts.append(text)
                values.append(value)
                flaws.append(flaw)
        days = self.engine.small_table(
            "fin_days",
            {
                "d_src": (pa.int64(), srcs),
                "d_text": (pa.string(), texts),
                "d_value": (pa.date32(), values),
                "d_flaw": (pa.string(), flaws),
            },
        )
        for role in roles:
            named = days.rename({f"{role}_src": "d_src", f"{role}_text": "d_text"}).rename(
                {f"{role}_d": "d_value", f"{role}_df": "d_flaw"}
            )
            table = table.left_join(
                named,
                # A text in the dictionary is one the scan did not read, wherever it is.
                [table.src == named[f"{role}_src"], table[role] == named[f"{role}_text"]],
            ).drop(f"{role}_src", f"{role}_text")
        return table.mutate(
            **{
                f"{role}_v": ibis.coalesce(table[f"{role}_e"], table[f"{role}_d"]) for role in roles
            },
            **{f"{role}_flaw": table[f"{role}_df"].fill_null("") for role in roles},
        ).drop(*(f"{role}_{end}" for role in roles for end in ("d", "df")))

    def _customer(self, table: ir.Table, names: ir.Table) -> ir.Table:
        """``customer_id`` and ``customer_flaw`` from the customer text."""
        found = names.rename(customer_key="key", customer_id="value", customer_flaw="flaw")
        return table.left_join(found, table.customer == found.customer_key).drop("customer_key")

    @staticmethod
    def _customer_checks(*, headed: bool = False) -> list[Check]:
        """The customer named and known; with ``headed`` (the table has ``headed``: the
        row is from a report that names customers in group headings), a blank customer
        of such a row is a row with no customer heading above it."""
        if headed:
            blank: list[Check] = [
                (
                    "empty",
                    "customer",
                    lambda t: (t.customer == "") & ~t.headed,
                    lambda t: t.customer,
                ),
                (
                    "no heading",
                    "customer",
                    lambda t: (t.customer == "") & t.headed,
                    lambda t: t.invoice,
                ),
            ]
        else:
            blank = [("empty", "customer", lambda t: t.customer == "", lambda t: t.customer)]
        return [
            *blank,
            (
                "unknown customer",
                "customer",
                lambda t: t.customer_flaw == "unknown customer",
                lambda t: t.customer,
            ),
            (
                "ambiguous customer",
                "customer",
                lambda t: t.customer_flaw == "ambiguous customer",
                lambda t: t.customer,
            ),
        ]

    def _numbers(self, table: ir.Table, roles: Sequence[str], keys: list[str]) -> ir.Table:
        """``<role>_v``: read in the scan when plainly written, or from ``keys``, the few
        other spellings (``1.234,56``), read in Python."""
        if not keys:
            return table.mutate(**{f"{role}_v": table[f"{role}_e"] for role in roles})
        read = [read_amount(key) for key in keys]
        odd = dictionary(
            self.engine,
            "fin_amounts",
            {"key": keys},
            {"value": (pa.float64(), [r[0] for r in read])},
        )
        for role in roles:
            named = odd.rename({f"{role}_k": "key", f"{role}_o": "value"})
            table = table.left_join(named, table[role] == named[f"{role}_k"])
        return table.mutate(
            **{f"{role}_v": ibis.coalesce(table[f"{role}_e"], table[f"{role}_o"]) for role in roles}
        ).drop(*(f"{role}_{end}" for role in roles for end in ("k", "o")))

    @staticmethod
    def _number_checks(role: str, *, required: bool, negative_ok: bool = False) -> list[Check]:
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
            checks.append(("empty", role, lambda t: t[role] == "", lambda t: t[role]))
        if not negative_ok:
            checks.append(("negative", role, lambda t: t[value] < 0, lambda t: t[role]))
        return checks

    @staticmethod
    def _date_checks(roles: Sequence[str]) -> list[Check]:
        return [
            _date_check(flaw, role)
            for role in roles
            for flaw in ("no date", "not a date", "impossible date")
        ]

    @staticmethod
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

    def _judge(
        self,
        table: ir.Table,
        checks: list[Check],
        keep: Callable[[ir.Table], ir.Table],
        stem: str,
        *,
        rows: ir.Table,
        unique: tuple[Callable[[ir.Table], ir.Value], str] | None = None,
        lenient: Sequence[Check] = (),
    ) -> ir.Table:
        """``keep`` of the rows no check finds fault with (the first of each ``unique``
        key, a function of the table and of what ``keep`` makes of it, and its role),
        kept as a table; every other row goes to the flaws, once for each fault.
        ``lenient`` checks are reported without leaving the row out. ``rows`` has a row
        for each of ``table``'s (the raw text it was read from).

        The usable rows are kept straight away; counting them against ``rows`` (and
        their keys) tells whether any row has a fault or repeats a key. Only then are
        the faulty rows copied, to be judged one check at a time, and the usable rows
        ranked by key and kept again.
        """
        tests = [test(table).fill_null(False) for _, _, test, _ in checks]
        loose = [test(table).fill_null(False) for _, _, test, _ in lenient]
        false = ibis.literal(False)
        marked = table.mutate(
            _bad=ibis.or_(*tests) if tests else false,
            _flawed=ibis.or_(*tests, *loose) if tests or loose else false,
        )
        valid = marked.filter(~marked._bad).drop("_bad", "_flawed")
        kept = self.engine.materialize(stem, keep(valid))
        counts = {"valid": kept.count(), "total": rows.count().as_scalar()}
        if unique is not None:
            # Keys are never NULL (blank text is ''): fewer keys than rows is a repeat.
            counts["keys"] = unique[0](kept).nunique()
        if lenient:  # faults that leave the row in
            counts["flawed"] = marked.filter(marked._flawed).count().as_scalar()
        found = self.engine.rows(kept.aggregate(**counts))[0]
        if found["valid"] != found["total"] or (lenient and found["flawed"]):
            flawed = self.engine.materialize("fin_flawed", marked.filter(marked._flawed))
            if self.engine.rows(flawed.aggregate(n=flawed.count()))[0]["n"]:
                for flaw, role, test, value in [*checks, *lenient]:
                    self.flaws.append(
                        flawed.filter(test(flawed).fill_null(False)).select(
                            "src",
                            "row",
                            flaw=ibis.literal(flaw, type="string"),
                            role=ibis.literal(role, type="string"),
                            value=value(flawed).cast("string"),
                        )
                    )
        if unique is None or found["keys"] == found["valid"]:
            return kept
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

    def _with_file(self, valid: ir.Table, columns: list[str]) -> ir.Table:
        """``columns`` and the file and row each came from (for locations)."""
        files = [(valid.src == index, source.file) for index, source in enumerate(self.sources)]
        return valid.select(
            *columns,
            file=ibis.cases(*files, else_=ibis.null("string")),
            row=valid.row.cast("int64"),
        )


def _date_check(flaw: str, role: str) -> Check:
    def test(t: ir.Table) -> ir.BooleanValue:
        found: ir.BooleanValue = t[f"{role}_flaw"] == flaw
        return found

    def value(t: ir.Table) -> ir.Value:
        text: ir.Value = t[role]
        return text

    return flaw, role, test, value


def _raw_columns(kind: FinanceKind) -> list[str]:
    """The columns of a kind's raw table, in order (as ``_Run.raw`` makes them)."""
    return [
        "src",
        "row",
        *ROLES[kind],
        "xero",
        *(f"{role}_e" for role in DATE_ROLES.get(kind, ())),
        *(f"{role}_e" for role in NUMBER_ROLES.get(kind, ())),
    ]
