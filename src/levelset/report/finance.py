"""``levelset finance``: which customers make money, how they pay, whether the forecast
rests on the pipeline, and who on the payables list to sell to — text, JSON, Markdown.

The text view is made for an 80-column terminal: amounts are short (``2.40M``,
``420k``), the customer table puts revenue rank beside profit rank, and the whale curve
is drawn with block characters. JSON and Markdown give the exact figures.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from levelset.model.finance import CustomerFigures, Finance, Receivables
from levelset.report._common import workspace_label
from levelset.report.data import problem_to_dict
from levelset.report.finance_chart import CHART_WIDTH, whale_chart
from levelset.report.finance_data import finance_line, finance_to_dict
from levelset.report.views import FinanceView

if TYPE_CHECKING:
    from levelset.report.formats import Printer

#: The text and Markdown customer tables show this many customers by revenue, then the
#: bottom of the profit ranking; JSON has them all.
TOP_CUSTOMERS = 20
BOTTOM_CUSTOMERS = 10
TOP_AGING = 15
TOP_PROSPECTS = 10
NO_FINANCE = (
    "No finance data: put customers, invoices, payments, vendors, pipeline or forecast "
    "files in data/finance/ (see docs/format.md)."
)


def short(amount: float) -> str:
    """An amount in at most 7 characters: ``950``, ``42.5k``, ``420k``, ``2.40M``."""
    size = abs(amount)
    sign = "-" if amount < 0 and round(size) > 0 else ""
    if size < 10_000:
        return f"{sign}{size:,.0f}"
    if size < 100_000:
        return f"{sign}{size / 1000:.1f}k"
    if size < 999_500:
        return f"{sign}{size / 1000:.0f}k"
    if size < 999_500_000:
        return f"{sign}{size / 1_000_000:.2f}M"
    return f"{sign}{size / 1_000_000_000:.2f}B"


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def shown_customers(finance: Finance) -> tuple[list[CustomerFigures], int]:
    """The customers a table shows (the biggest by revenue, then the bottom of the
    profit ranking) and how many it leaves out."""
    by_revenue = sorted(finance.customers, key=lambda c: (c.revenue_rank, c.customer))
    if len(by_revenue) <= TOP_CUSTOMERS + BOTTOM_CUSTOMERS:
        return by_revenue, 0
    chosen = by_revenue[:TOP_CUSTOMERS]
    known = {c.customer for c in chosen}
    by_profit = sorted(finance.customers, key=lambda c: (-c.profit_rank, c.customer))
    tail = [c for c in by_profit if c.customer not in known][:BOTTOM_CUSTOMERS]
    tail.sort(key=lambda c: (c.revenue_rank, c.customer))
    return chosen + tail, len(by_revenue) - len(chosen) - len(tail)


def _margin(customer: CustomerFigures) -> float | None:
    """Profit as a share of revenue; none without revenue (credit notes beyond what was
    invoiced leave it negative, and a share of it would read as a margin)."""
    return customer.profit / customer.revenue if customer.revenue > 0 else None


# -- text ----------------------------------------------------------------------------------


def render_finance_text(view: FinanceView, console: Console) -> None:
    """Headline, customers, whale curve, aging and DSO, forecast coverage, prospects."""
    console.print(Text(f"Finance for {workspace_label(view.workspace)}", style="bold underline"))
    finance = view.finance
    if finance is None:
        console.print(Text(NO_FINANCE, style="dim"))
        return
    console.print(
        Text(
            f"As of {finance.as_of}, {len(finance.customers)} customers, on {finance.engine}",
            style="dim",
        )
    )
    console.print(Text(_headline(finance, view.currency)))
    if finance.customers:
        _customers_text(console, finance)
        _whale_text(console, finance)
    if finance.receivables is not None:
        _aging_text(console, finance, finance.receivables)
    if finance.forecast:
        _forecast_text(console, finance)
    if finance.prospects:
        _prospects_text(console, finance)
    if finance.unmatched:
        console.print()
        console.print(Text(_unmatched(finance), style="dim"))


def finance_text(view: FinanceView) -> Printer:
    """The finance view for the terminal."""
    return lambda console: render_finance_text(view, console)


def _headline(finance: Finance, currency: str) -> str:
    losing = [c for c in finance.customers if c.profit < 0]
    text = (
        f"Revenue {currency} {finance.revenue:,.0f}, profit {currency} {finance.profit:,.0f} "
        f"after cost to serve and carrying cost (cost of capital "
        f"{finance.cost_of_capital:.0%})."
    )
    if losing:
        loss = -sum(c.profit for c in losing)
        text += (
            f" {len(losing)} of {len(finance.customers)} customers lose money: "
            f"{currency} {loss:,.0f} in all."
        )
    return text


def _section(console: Console, title: str) -> None:
    console.print()
    console.print(Text(title, style="bold"))


def _customers_text(console: Console, finance: Finance) -> None:
    _section(console, "Customers: revenue rank beside profit rank")
    rows, left_out = shown_customers(finance)
    cells = [
        [
            str(c.revenue_rank),
            str(c.profit_rank),
            short(c.revenue),
            short(c.cost_to_serve),
            short(c.carrying_cost),
            short(c.profit),
            _percent(_margin(c)),
            _days(c.days_to_pay),
        ]
        for c in rows
    ]
    headers = ["rev#", "prof#", "revenue", "serve", "carry", "profit", "margin", "days"]
    widths = [max([len(title), *(len(row[n]) for row in cells)]) for n, title in enumerate(headers)]
    table = _table()
    table.add_column(
        "customer",
        overflow="ellipsis",
        no_wrap=True,
        max_width=_name_width(console, widths),
    )
    for title, width in zip(headers, widths, strict=True):
        table.add_column(title, justify="right", no_wrap=True, min_width=width)
    for c, row in zip(rows, cells, strict=True):
        table.add_row(c.name or c.customer, *row, style="red" if c.profit < 0 else "")
    console.print(table)
    note = (
        "serve: cost to serve (activities and people's hours); carry: carrying cost of "
        "receivables; days: average days to pay."
    )
    if left_out:
        note = f"{left_out} more customers in --format json. " + note
    console.print(Text(note, style="dim"))


def _name_width(console: Console, widths: list[int]) -> int:
    """What the console leaves a name column beside columns of ``widths`` (at least 8):
    names are cut with an ellipsis so that the figures always fit."""
    gaps = 2 * len(widths)  # one space each side between columns, none at the edges
    return max(8, console.width - sum(widths) - gaps)


def _table() -> Table:
    """A borderless table whose only flexible column is the first (a name)."""
    return Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)


def _whale_text(console: Console, finance: Finance) -> None:
    _section(console, "Whale curve: cumulative profit, most to least profitable customer")
    width = min(CHART_WIDTH, max(console.width - 10, 20))
    for line in whale_chart(finance, width=width):
        console.print(line, no_wrap=True, overflow="crop")
    console.print(Text(whale_caption(finance), style="dim"))


def whale_caption(finance: Finance) -> str:
    """``Profit peaks at 162% of the total after 28 of 40 customers; the other 12 give
    back 62%.``"""
    curve = finance.whale_curve()
    peak = finance.whale_peak()
    if not curve:
        return ""
    if peak is None:
        return "Total profit is not positive, so the curve is drawn in money, not in shares."
    top = max(range(len(curve)), key=lambda n: (curve[n][1], -n))
    rest = len(curve) - top - 1
    text = f"Profit peaks at {peak:.0%} of the total after {top + 1} of {len(curve)} customers"
    if rest and peak - 1 >= 0.005:
        return text + f"; the other {rest} give back {peak - 1:.0%}."
    return text + "."


def _names(finance: Finance) -> dict[str, str]:
    return {c.customer: c.name or c.customer for c in finance.customers}


def _aging_text(console: Console, finance: Finance, receivables: Receivables) -> None:
    _section(console, f"Receivables at {receivables.as_of}: aging by days past due")
    widths = [max(len(bucket), 7) for bucket in receivables.buckets] + [7]
    table = _table()
    table.add_column(
        "customer", overflow="ellipsis", no_wrap=True, max_width=_name_width(console, widths)
    )
    for bucket, width in zip(receivables.buckets, widths, strict=False):
        table.add_column(bucket, justify="right", no_wrap=True, min_width=width)
    table.add_column("total", justify="right", no_wrap=True, min_width=7)
    rows = sorted(receivables.rows, key=lambda r: (-r.total, r.customer))
    names = _names(finance)
    for row in rows[:TOP_AGING]:
        name = names.get(row.customer, row.customer)
        table.add_row(name, *(_aged(a) for a in row.amounts), short(row.total))
    total = receivables.total
    table.add_row(
        Text("all customers", style="bold"),
        *(Text(_aged(a), style="bold") for a in total.amounts),
        Text(short(total.total), style="bold"),
    )
    console.print(table)
    if len(rows) > TOP_AGING:
        console.print(Text(f"{len(rows) - TOP_AGING} more customers owe less.", style="dim"))
    console.print(Text(dso_line(receivables)))


def _aged(amount: float) -> str:
    return short(amount) if round(amount) else "·"


def dso_line(receivables: Receivables) -> str:
    """``DSO 61 days (last 90 days' net sales), countback 52, best possible 24, average days
    delinquent 37; terms 30 days, weighted by sales.``"""
    parts = [
        f"DSO {_days(receivables.dso) or 'n/a'} days "
        f"(last {receivables.period_days} days' net sales)",
        f"countback {_days(receivables.dso_countback) or 'n/a'}",
        f"best possible {_days(receivables.best_dso) or 'n/a'}",
        f"average days delinquent {_days(receivables.add) or 'n/a'}",
    ]
    text = ", ".join(parts)
    if receivables.terms_days is not None:
        text += f"; terms {receivables.terms_days:.0f} days, weighted by sales"
    return text + "."


def _forecast_text(console: Console, finance: Finance) -> None:
    _section(console, "Forecast against the weighted pipeline")
    table = _table()
    table.add_column("period", no_wrap=True)
    for title in ("forecast", "weighted", "pipeline", "opps", "coverage"):
        table.add_column(title, justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for period in finance.forecast:
        coverage = period.coverage
        over = period.end < finance.as_of
        short_of = coverage is not None and coverage < 1 and not over
        table.add_row(
            period.period,
            short(period.forecast),
            short(period.weighted_pipeline),
            short(period.pipeline),
            str(period.opportunities),
            _percent(coverage),
            coverage_bar(coverage) + (" over" if over else ""),
            style="red" if short_of else ("dim" if over else ""),
        )
    console.print(table)


def coverage_bar(coverage: float | None, width: int = 10) -> str:
    """``████████▌ `` for 85%: ``width`` blocks are 100%, up to 150% shown."""
    if coverage is None:
        return ""
    eighths = round(min(max(coverage, 0.0), 1.5) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")


def _prospects_text(console: Console, finance: Finance) -> None:
    _section(console, "Prospects on the payables list: vendors who are not customers")
    table = _table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("vendor", overflow="ellipsis", no_wrap=True, max_width=30)
    table.add_column("category", overflow="ellipsis", no_wrap=True, max_width=20)
    table.add_column("spend", justify="right", no_wrap=True)
    ranked = sorted(finance.prospects, key=lambda p: (p.rank, p.vendor))
    for p in ranked[:TOP_PROSPECTS]:
        table.add_row(str(p.rank), p.name or p.vendor, p.category, short(p.spend))
    console.print(table)
    if len(ranked) > TOP_PROSPECTS:
        console.print(Text(f"{len(ranked) - TOP_PROSPECTS} more in --format json.", style="dim"))


def _unmatched(finance: Finance) -> str:
    listed = ", ".join(f"{u.label} ({u.hours:,.0f} h)" for u in finance.unmatched[:5])
    more = len(finance.unmatched) - 5
    return (
        "Hours logged against customers the finance data does not know (left out of cost "
        f"to serve): {listed}" + (f" and {more} more." if more > 0 else ".")
    )


# -- JSON ----------------------------------------------------------------------------------


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


# -- Markdown ------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _whole(amount: float) -> str:
    return f"{amount:,.0f}"


def render_finance_markdown(view: FinanceView) -> str:
    """The finance view as Markdown: tables with whole amounts, the curve in a block."""
    lines = [f"# Finance for `{workspace_label(view.workspace)}`", ""]
    finance = view.finance
    if finance is None:
        return "\n".join([*lines, NO_FINANCE, ""])
    lines += [f"{finance_line(finance, view.currency)}.", "", _headline(finance, view.currency)]
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
            _row(
                [
                    p.period,
                    _whole(p.forecast),
                    _whole(p.weighted_pipeline),
                    _whole(p.pipeline),
                    str(p.opportunities),
                    _percent(p.coverage),
                ]
            )
            for p in finance.forecast
        ]
    if finance.prospects:
        lines += ["", "## Prospects on the payables list", ""]
        lines += ["| # | vendor | category | spend |", "|---:|---|---|---:|"]
        ranked = sorted(finance.prospects, key=lambda p: (p.rank, p.vendor))
        lines += [
            _row([str(p.rank), p.name or p.vendor, p.category, _whole(p.spend)])
            for p in ranked[:TOP_PROSPECTS]
        ]
    if finance.unmatched:
        lines += ["", f"_{_unmatched(finance)}_"]
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
        _row(
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
                _percent(_margin(c)),
                _days(c.days_to_pay),
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
        _row(["customer", *receivables.buckets, "total"]),
        "|---|" + "---:|" * (len(receivables.buckets) + 1),
    ]
    rows = sorted(receivables.rows, key=lambda r: (-r.total, r.customer))
    names = _names(finance)
    for row in rows[:TOP_AGING]:
        lines.append(
            _row(
                [
                    names.get(row.customer, row.customer),
                    *(_whole(a) for a in row.amounts),
                    _whole(row.total),
                ]
            )
        )
    total = receivables.total
    lines.append(
        _row(
            [
                "**all customers**",
                *(f"**{_whole(a)}**" for a in total.amounts),
                f"**{_whole(total.total)}**",
            ]
        )
    )
    return [*lines, "", dso_line(receivables)]
