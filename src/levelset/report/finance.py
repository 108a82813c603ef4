"""``levelset finance``: which customers make money, how they pay, whether the forecast
rests on the pipeline, and who on the payables list to sell to — in the terminal (JSON and
Markdown: ``report.finance_formats``).

The text view is made for an 80-column terminal: amounts are short (``2.40M``,
``420k``), the customer table puts revenue rank beside profit rank, and the whale curve
is drawn with block characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from levelset.model.finance import Finance, Receivables
from levelset.report._common import workspace_label
from levelset.report.finance_chart import CHART_WIDTH, whale_chart
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

if TYPE_CHECKING:
    from levelset.report.formats import Printer


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
    console.print(Text(headline(finance, view.currency)))
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
        console.print(Text(unmatched_note(finance), style="dim"))


def finance_text(view: FinanceView) -> Printer:
    """The finance view for the terminal."""
    return lambda console: render_finance_text(view, console)


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
            percent(margin(c)),
            days(c.days_to_pay),
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
        "receivables; days: average days to pay (what is open past due counted at its age)."
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
    names = customer_names(finance)
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
            percent(coverage),
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
