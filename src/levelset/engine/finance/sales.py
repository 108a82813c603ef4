"""The sales to come: the open pipeline and the sales forecast by period."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.finance.checks import Check, date_checks, empty, number_checks
from levelset.engine.finance.context import Registration
from levelset.engine.finance.customers import with_customer
from levelset.engine.finance.values import dictionary, plain_number, read_period
from levelset.model.finance import FinanceKind


def pipeline(reg: Registration, raw: ir.Table | None, names: ir.Table | None) -> ir.Table | None:
    """Open opportunities with their stage-weighted chance and expected close."""
    if raw is None:
        return None
    table = reg.read(raw, FinanceKind.PIPELINE)
    if names is not None:
        table = with_customer(table, names)
    else:
        table = table.mutate(
            customer_id=ibis.null("string"), customer_flaw=ibis.literal("unknown customer")
        )
    text = table.probability.re_replace(r"[%\s]", "")
    share = ibis.ifelse(plain_number(text), text, ibis.null("string")).cast("float64")
    percent = table.probability.contains("%") | (share > 1)
    table = table.mutate(probability_v=ibis.ifelse(percent, share / 100, share))
    checks: list[Check] = [
        empty("opportunity"),
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
        *number_checks("amount", required=True),
        (
            "bad probability",
            "probability",
            lambda t: t.probability_v.isnull() | (t.probability_v < 0) | (t.probability_v > 1),
            lambda t: t.probability,
        ),
        *date_checks(("expected_close",)),
    ]
    return reg.judge.keep(
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


def forecast(reg: Registration, raw: ir.Table | None) -> ir.Table | None:
    """The sales forecast by period, with each period's first and last day."""
    if raw is None:
        return None
    keys = [r["period"] for r in reg.engine.rows(raw.select("period").distinct())]
    read = [read_period(key) for key in keys]
    periods = dictionary(
        reg.engine,
        "fin_periods",
        {"key": keys},
        {
            "start": (pa.date32(), [r[0] for r in read]),
            "end": (pa.date32(), [r[1] for r in read]),
            "flaw": (pa.string(), [r[2] for r in read]),
        },
    )
    table = reg.read(raw, FinanceKind.FORECAST)
    table = table.left_join(periods, table.period == periods.key).drop("key")
    checks: list[Check] = [
        ("no period", "period", lambda t: t.flaw == "no period", lambda t: t.period),
        ("bad period", "period", lambda t: t.flaw == "bad period", lambda t: t.period),
        *number_checks("amount", required=True, negative_ok=True),
    ]
    columns = ["period", "start", "end", "amount"]
    return reg.judge.keep(
        table,
        checks,
        lambda valid: reg.with_file(valid.mutate(amount=valid.amount_v), columns),
        "fin_forecast",
        rows=raw,
    )
