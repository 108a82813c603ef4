"""What serving a customer costs beyond the goods (cost drivers and each customer's
counts of them), and what the company spends with its vendors (the payables list)."""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.finance.checks import Check, empty, number_checks
from levelset.engine.finance.context import Registration
from levelset.engine.finance.customers import customer_checks, with_customer
from levelset.model.finance import FinanceKind


def drivers(reg: Registration, raw: ir.Table | None) -> ir.Table | None:
    """Cost drivers and their cost per unit."""
    if raw is None:
        return None
    table = reg.read(raw, FinanceKind.DRIVERS)
    checks: list[Check] = [
        empty("driver"),
        *number_checks("cost_per_unit", required=True),
    ]
    return reg.judge.keep(
        table,
        checks,
        lambda valid: valid.select("driver", cost_per_unit=valid.cost_per_unit_v),
        "fin_drivers",
        rows=raw,
        unique=(lambda t: t.driver.lower(), "driver"),
    )


def driver_counts(
    reg: Registration, raw: ir.Table | None, names: ir.Table | None, known: ir.Table | None
) -> ir.Table | None:
    """How many of each driver (of the ``known`` drivers) a customer caused."""
    if raw is None or names is None:
        return None
    table = with_customer(reg.read(raw, FinanceKind.DRIVER_COUNTS), names)
    if known is not None:
        listed = known.select(driver_name=known.driver, driver_key=known.driver.lower())
    else:
        none: tuple[pa.DataType, list[Any]] = (pa.string(), [])
        listed = reg.engine.small_table("fin_no_drivers", {"driver_name": none, "driver_key": none})
    table = table.left_join(listed, table.driver.lower() == listed.driver_key).drop("driver_key")
    checks: list[Check] = [
        *customer_checks(),
        empty("driver"),
        (
            "unknown driver",
            "driver",
            lambda t: (t.driver != "") & t.driver_name.isnull(),
            lambda t: t.driver,
        ),
        *number_checks("count", required=True),
    ]
    return reg.judge.keep(
        table,
        checks,
        lambda valid: valid.select(
            customer=valid.customer_id, driver=valid.driver_name, count=valid.count_v
        ),
        "fin_driver_counts",
        rows=raw,
    )


def vendors(reg: Registration, raw: ir.Table | None) -> ir.Table | None:
    """The payables list: vendor, name, spend, category."""
    if raw is None:
        return None
    table = reg.read(raw, FinanceKind.VENDORS)
    table = table.mutate(name=ibis.ifelse(table.name == "", table.vendor, table.name))
    checks: list[Check] = [
        empty("vendor"),
        *number_checks("spend", required=True),
    ]
    columns = ["vendor", "name", "spend", "category"]
    return reg.judge.keep(
        table,
        checks,
        lambda valid: reg.with_file(valid.mutate(spend=valid.spend_v), columns),
        "fin_vendors",
        rows=raw,
    )
