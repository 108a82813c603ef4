"""The finance view as JSON (every figure, exact) and as Markdown (tables with whole
amounts, the whale curve in a code block)."""

from __future__ import annotations

import json
from typing import Any

from levelset.model.finance import Finance, Receivables
from levelset.report._common import markdown_row, workspace_label
from levelset.report.data import problem_to_dict
from levelset.report.finance_chart import whale_chart
from levelset.report.finance_data import finance_line, finance_to_dict
from levelset.report.finance_words import (
    NO_FINANCE,
    TOP_AGING,
    TOP_PROSPECTS,
    customer_names,
    days,
    dso_line,
    headline,
    margin,
    percent,
    shown_customers,
    unmatched_note,
    whale_caption,
)
from levelset.report.views import FinanceView


def finance_view_to_dict(view: FinanceView) -> dict[str, Any]:
    """``{"workspace", "currency", "problems", "finance"}``; ``finance`` is ``null`` when
    the workspace has no finance data."""
    return {
        "workspace": workspace_label(view.workspace),
        "currency": view.currency,
        "problems": [problem_to_dict(p) for p in view.problems],
        "finance": finance_to_dict(view.finance) if view.finance is not None else None,
    }


def render_finance_json(view: FinanceView) -> str:
    """The finance view as indented JSON, ending with a newline."""
    return json.dumps(finance_view_to_dict(view), indent=2, ensure_ascii=False) + "\n"


def _whole(amount: float) -> str:
    return f"{amount:,.0f}"


def render_finance_markdown(view: FinanceView) -> str:
    """The finance view as Markdown: tables with whole amounts, the curve in a block."""
    lines = [f"# Finance for `{workspace_label(view.workspace)}`", ""]
    finance = view.finance
    if finance is None:
        return "\n".join([*lines, NO_FINANCE, ""])
    lines += [f"{finance_line(finance, view.currency)}.", "", headline(finance, view.currency)]
    if finance.customers:
        lines += _customers_markdown(finance, view.currency)
        chart = [line.plain for line in whale_chart(finance)]
        lines += ["", "## Whale curve", "", "```text", *chart, "```", ""]
        lines.append(whale_caption(finance))
    if finance.receivables is not None:
        lines += _aging_markdown(finance, finance.receivables)
    if finance.forecast:
        lines += ["", "## Forecast against the weighted pipeline", ""]
        lines += [
            "| period | forecast | weighted pipeline | pipeline | opportunities | coverage |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        lines += [
            markdown_row(
                [
                    p.period,
                    _whole(p.forecast),
                    _whole(p.weighted_pipeline),
                    _whole(p.pipeline),
                    str(p.opportunities),
                    percent(p.coverage),
                ]
            )
            for p in finance.forecast
        ]
    if finance.prospects:
        lines += ["", "## Prospects on the payables list", ""]
        lines += ["| # | vendor | category | spend |", "|---:|---|---|---:|"]
        ranked = sorted(finance.prospects, key=lambda p: (p.rank, p.vendor))
        lines += [
            markdown_row([str(p.rank), p.name or p.vendor, p.category, _whole(p.spend)])
            for p in ranked[:TOP_PROSPECTS]
        ]
    if finance.unmatched:
        lines += ["", f"_{unmatched_note(finance)}_"]
    return "\n".join(lines) + "\n"


def _customers_markdown(finance: Finance, currency: str) -> list[str]:
    rows, left_out = shown_customers(finance)
    lines = [
        "",
        f"## Customers ({currency})",
        "",
        "| revenue rank | profit rank | customer | revenue | cost of goods | cost to serve "
        "| carrying cost | write-offs | profit | margin | days to pay |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        markdown_row(
            [
                str(c.revenue_rank),
                str(c.profit_rank),
                c.name or c.customer,
                _whole(c.revenue),
                _whole(c.cogs),
                _whole(c.cost_to_serve),
                _whole(c.carrying_cost),
                _whole(c.write_offs),
                _whole(c.profit),
                percent(margin(c)),
                days(c.days_to_pay),
            ]
        )
        for c in rows
    ]
    if left_out:
        lines += ["", f"_{left_out} more customers in `--format json`._"]
    return lines


def _aging_markdown(finance: Finance, receivables: Receivables) -> list[str]:
    lines = [
        "",
        f"## Receivables at {receivables.as_of}",
        "",
        markdown_row(["customer", *receivables.buckets, "total"]),
        "|---|" + "---:|" * (len(receivables.buckets) + 1),
    ]
    rows = sorted(receivables.rows, key=lambda r: (-r.total, r.customer))
    names = customer_names(finance)
    for row in rows[:TOP_AGING]:
        lines.append(
            markdown_row(
                [
                    names.get(row.customer, row.customer),
                    *(_whole(a) for a in row.amounts),
                    _whole(row.total),
                ]
            )
        )
    total = receivables.total
    lines.append(
        markdown_row(
            [
                "**all customers**",
                *(f"**{_whole(a)}**" for a in total.amounts),
                f"**{_whole(total.total)}**",
            ]
        )
    )
    return [*lines, "", dso_line(receivables)]
