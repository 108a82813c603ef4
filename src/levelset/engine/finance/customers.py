"""The customers: the customers file checked, or those the invoices name; and the
customer text of every other file resolved to a customer's id."""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.backends import Columns, Engine
from levelset.engine.finance.checks import Check, empty
from levelset.engine.finance.context import Registration
from levelset.engine.finance.decode import read_distinct
from levelset.engine.finance.values import dictionary, read_terms


def customers(reg: Registration, raw: ir.Table | None) -> ir.Table | None:
    """The customers file checked, or the customers the invoice files name."""
    if raw is None:
        # On their invoices or credit notes: a customer of an export may have only a
        # credit memo left open.
        documents = reg.scan.documents()
        named = [
            t.select("customer", "src", "row")
            for t in (documents.invoices, documents.notes)
            if t is not None
        ]
        return _derived(reg, ibis.union(*named)) if named else None
    terms = read_distinct(reg.engine, raw, "terms_days", read_terms, pa.int64())
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
    checks: list[Check] = [empty("customer")]
    # Terms that cannot be read are reported, and the customer kept without them.
    lenient: list[Check] = [
        ("bad terms", "terms_days", lambda t: t.terms_flaw != "", lambda t: t.terms_text),
    ]
    columns = ["customer", "name", "segment", "terms_days"]
    return reg.judge.keep(
        typed,
        checks,
        lambda valid: reg.with_file(valid, columns),
        "fin_customers",
        rows=raw,
        unique=(lambda t: t.customer, "customer"),
        lenient=lenient,
    )


def _derived(reg: Registration, documents: ir.Table) -> ir.Table:
    """Each customer the documents name, the first spelling of ids alike but for case."""
    named = documents.filter(documents.customer != "")
    rows = reg.engine.rows(
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
        "file": (text, [reg.sources[r["src"]].file for r in chosen]),
        "row": (number, [r["row"] for r in chosen]),
    }
    return reg.engine.small_table("fin_customers", columns)


def customer_names(
    engine: Engine, customers: ir.Table | None, tables: list[ir.Table | None]
) -> ir.Table | None:
    """Customer text as written anywhere -> the customer's id, or what is wrong.

    A text that is a customer's id names that customer; most do, and they are matched
    in the engine. The others are read in Python: a customer's id in another case,
    else the name of one customer in any case (of several: ambiguous), else unknown.
    """
    named = [t.select(key=t.customer) for t in tables if t is not None]
    if not named:
        return None
    keys = engine.materialize("fin_keys", ibis.union(*named).distinct())
    if customers is None:
        exact = None
        others = keys
    else:
        listed = keys.key.isin(customers.customer)
        exact = keys.filter(listed).select(
            "key", value=keys.key, flaw=ibis.literal("", type="string")
        )
        others = keys.filter(~listed)
    texts = engine.to_arrow(others).column("key").to_pylist()
    found, flaws = _resolve(engine, customers, texts)
    read = dictionary(
        engine,
        "fin_names",
        {"key": texts},
        {"value": (pa.string(), found), "flaw": (pa.string(), flaws)},
    )
    if exact is None:
        return read
    return engine.materialize("fin_names", exact.union(read))


def _resolve(
    engine: Engine, customers: ir.Table | None, texts: list[str]
) -> tuple[list[str | None], list[str]]:
    """Each text's customer id (``None`` unless exactly one customer) and its flaw.

    A blank text names no customer and is no flaw of its own (a blank customer is the
    ``empty`` check's): when every text is blank (a pipeline's opportunities for a
    prospect leave the customer blank), the customers are not fetched to look them up.
    """
    if not any(texts):
        return [None] * len(texts), [""] * len(texts)
    ids: dict[str, str] = {}
    by_name: dict[str, list[str]] = {}
    if customers is not None:
        # In the order the files list them: the first of ids alike but for case wins.
        listed = engine.to_arrow(
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


def with_customer(table: ir.Table, names: ir.Table) -> ir.Table:
    """``customer_id`` and ``customer_flaw`` from the customer text."""
    found = names.rename(customer_key="key", customer_id="value", customer_flaw="flaw")
    return table.left_join(found, table.customer == found.customer_key).drop("customer_key")


def customer_checks(*, headed: bool = False) -> list[Check]:
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
        blank = [empty("customer")]
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
