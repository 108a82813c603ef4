"""The finance figures in words, shared by the terminal and Markdown: which customers a
table shows, the headline, the whale curve's caption, the DSO line, the unmatched hours."""

from __future__ import annotations

from levelset.model.finance import CustomerFigures, Finance, Receivables
from levelset.model.text import join_names

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


def days(value: float | None) -> str:
    """Whole days, or empty when unknown."""
    return "" if value is None else f"{value:.0f}"


def percent(value: float | None) -> str:
    """A whole percent, or empty when unknown."""
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


def margin(customer: CustomerFigures) -> float | None:
    """Profit as a share of revenue; none without revenue (credit notes beyond what was
    invoiced leave it negative, and a share of it would read as a margin)."""
    return customer.profit / customer.revenue if customer.revenue > 0 else None


def headline(finance: Finance, currency: str) -> str:
    """Revenue and profit after cost to serve, and how many customers lose money."""
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
    note = finance.cogs_note(currency)
    text = f"{text} {note}" if note else text
    if finance.unread:  # figures on what is left: never shown as if whole
        files = join_names(sorted({u.file for u in finance.unread}))
        text += f" These figures leave out {files}, which could not be read."
    return text


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


def customer_names(finance: Finance) -> dict[str, str]:
    """Each customer id → the name to show (its id when it has none)."""
    return {c.customer: c.name or c.customer for c in finance.customers}


def dso_line(receivables: Receivables) -> str:
    """``DSO 61 days (last 90 days' net sales), countback 52, best possible 24, average days
    delinquent 37; terms 30 days, weighted by sales.``"""
    parts = [
        f"DSO {days(receivables.dso) or 'n/a'} days "
        f"(last {receivables.period_days} days' net sales)",
        f"countback {days(receivables.dso_countback) or 'n/a'}",
        f"best possible {days(receivables.best_dso) or 'n/a'}",
        f"average days delinquent {days(receivables.add) or 'n/a'}",
    ]
    text = ", ".join(parts)
    if receivables.terms_days is not None:
        text += f"; terms {receivables.terms_days:.0f} days, weighted by sales"
    return text + "."


def unmatched_note(finance: Finance) -> str:
    """The note on hours logged against customers the finance data does not know."""
    listed = ", ".join(f"{u.label} ({u.hours:,.0f} h)" for u in finance.unmatched[:5])
    more = len(finance.unmatched) - 5
    return (
        "Hours logged against customers the finance data does not know (left out of cost "
        f"to serve): {listed}" + (f" and {more} more." if more > 0 else ".")
    )
