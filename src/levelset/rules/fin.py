"""FIN, finance in the front office: which customers make money after the cost of
serving them and of waiting for their cash, how they pay, whether the forecast rests on
the pipeline, and who on the payables list could be sold to.

The rules read only the finance figures (``RuleContext.finance``, computed once per run
by the engine): they never touch invoices or payments themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from levelset.model import Finding, Location, Severity
from levelset.model.evidence import (
    ForecastGapEvidence,
    LosingCustomerEvidence,
    OverdueReceivablesEvidence,
    ProspectsEvidence,
    SlowCollectionsEvidence,
    SlowPayerEvidence,
    SlowPaymentEvidence,
    WhaleEvidence,
)
from levelset.model.finance import CustomerFigures, Finance, FinanceKind
from levelset.model.text import join_names, percent
from levelset.rules.context import RuleContext
from levelset.rules.registry import Family, rule

FAMILY = Family("FIN", "Finance in the front office: which customers really make money")

K = FinanceKind
# The kinds of finance file each rule's figures rest on: with one of them unread the
# rule is not run, rather than fire on what is left (a customer "losing" its cost to
# serve on no revenue when its invoices could not be read).
_BILLING = (K.CUSTOMERS, K.INVOICES, K.CREDITS, K.PAYMENTS)
_PROFIT = (*_BILLING, K.DRIVERS, K.DRIVER_COUNTS)
_RECEIVABLES = _BILLING
_SALES = (K.PIPELINE, K.FORECAST)
_PAYABLES = (K.CUSTOMERS, K.VENDORS)


def money(amount: float, currency: str) -> str:
    """An amount as a leader reads it: ``USD 42,000`` (``-USD 1,200`` when negative)."""
    sign = "-" if round(amount) < 0 else ""
    return f"{sign}{currency} {abs(amount):,.0f}"


def days(value: float) -> str:
    """Days, whole: ``47 days``."""
    return f"{value:.0f} days"


def _where(ctx: RuleContext, location: Location) -> Location:
    """A figure's row in the finance data, or the organization's settings when the
    figure was derived with no row of its own."""
    return location if location.file else ctx.workspace.settings.location


def _organization(ctx: RuleContext) -> Location:
    finance = ctx.workspace.settings.finance.location
    return finance if finance.file else ctx.workspace.settings.location


# The costs beyond the goods sold, each with its words and the fix that fits it: a
# write-off is a credit and collections matter, carrying cost one of collections, not
# of delivery sizes.
_SERVE_FIX = (
    "minimum order sizes, fees for rush orders and returns, fewer deliveries, tighter payment terms"
)
_COSTS: dict[str, tuple[str, str]] = {
    "activity_cost": ("of orders, deliveries, returns and other activities", _SERVE_FIX),
    "people_cost": (
        "of people's hours",
        "fewer hours of service, or hours billed; fees for the work it asks for",
    ),
    "carrying_cost": (
        "of carrying cost while its invoices were unpaid",
        "tighter payment terms, follow-up before invoices fall due, an early-payment "
        "discount, and collections with an owner",
    ),
    "write_offs": (
        "written off",
        "a credit limit and a credit check, deposits or payment up front, and "
        "collections with an owner before more is written off",
    ),
}


def _biggest(customer: CustomerFigures) -> tuple[str, float]:
    """The field of the customer's biggest cost beyond the goods sold, and its amount."""
    return max(((name, getattr(customer, name)) for name in _COSTS), key=lambda i: i[1])


def _biggest_cost(customer: CustomerFigures, currency: str) -> str:
    """The customer's biggest cost beyond the goods sold, in words, or ``""``."""
    name, amount = _biggest(customer)
    return f"{money(amount, currency)} {_COSTS[name][0]}" if amount > 0 else ""


def _fix(customer: CustomerFigures) -> str:
    """What fits the customer's biggest cost: collections for write-offs, not deliveries."""
    name, amount = _biggest(customer)
    return _COSTS[name][1] if amount > 0 else _SERVE_FIX


def _lead(customer: CustomerFigures) -> str:
    """How the recommendation starts, by the customer's biggest cost."""
    name, amount = _biggest(customer)
    if amount > 0 and name == "write_offs":
        return f"Treat {customer.name} as a credit risk"
    if amount > 0 and name == "carrying_cost":
        return f"Collect from {customer.name} sooner"
    return f"Reprice {customer.name} or change how it is served"


def _costs(customer: CustomerFigures, currency: str) -> str:
    """Every cost that made the loss, in words: ``cost of goods (USD 1,000), cost to
    serve (USD 200) and write-offs (USD 50)``; cost to serve and carrying cost always."""
    named = [
        ("cost of goods", customer.cogs, False),
        ("cost to serve", customer.cost_to_serve, True),
        ("carrying cost", customer.carrying_cost, True),
        ("write-offs", customer.write_offs, False),
    ]
    return join_names(
        [f"{words} ({money(amount, currency)})" for words, amount, always in named
         if always or round(amount) > 0]
    )  # fmt: skip


def _cogs_caveat(finance: Finance) -> str:
    """A sentence when profit leaves out the cost of goods invoices do not give."""
    if round(finance.without_cogs) <= 0 or finance.gross_margin is not None:
        return ""
    return (
        " Profit leaves out the cost of goods its invoices do not give (an accounting "
        "export has none): the loss is larger."
    )


def _profit_figures(customer: CustomerFigures) -> dict[str, Any]:
    """The fields of ``CustomerProfitEvidence`` for ``customer``, to the cent."""
    return {
        "name": customer.name,
        "revenue": round(customer.revenue, 2),
        "cogs": round(customer.cogs, 2),
        "activity_cost": round(customer.activity_cost, 2),
        "people_cost": round(customer.people_cost, 2),
        "people_hours": round(customer.people_hours, 2),
        "carrying_cost": round(customer.carrying_cost, 2),
        "write_offs": round(customer.write_offs, 2),
        "profit": round(customer.profit, 2),
        "revenue_rank": customer.revenue_rank,
        "profit_rank": customer.profit_rank,
    }


@rule(
    "FIN001",
    "unprofitable-customer",
    Severity.WARNING,
    options={"min_loss": 0.0},
    needs_finance=True,
    finance_data=_PROFIT,
    evidence=LosingCustomerEvidence,
)
def unprofitable_customer(ctx: RuleContext) -> Iterator[Finding]:
    """A customer loses money once cost to serve and carrying cost are counted.

    What it finds:
        A customer whose profit is below zero by more than `min_loss` (any loss by
        default). Profit is revenue (invoiced less credit notes) less the cost of goods,
        the cost to serve (driver counts × cost per unit: orders, deliveries, returns,
        rush orders, tickets; plus the hours people logged against the customer at their
        cost rates), the carrying cost of its receivables (amount × `cost_of_capital` ×
        days outstanding ÷ 365) and write-offs. A customer whose only loss is credit
        notes beyond the invoices in the data (an export of open invoices lists no paid
        ones) is left out: serving it cost nothing.

    Why it matters:
        Gross margin by customer hides what serving them costs. The finance article's
        distributor found customers with healthy margins who ordered in small lots,
        demanded rush deliveries, returned goods and paid late: every sale to them lost
        money, and the sales team, paid on revenue, kept chasing more of it.

    Example:
        ```yaml
        # data/finance/customers.csv      customer,name,terms_days
        #                                 bayside,Bayside Grocers,30
        # data/finance/invoices.csv       120,000 invoiced to bayside, cogs 96,000
        # data/finance/driver_counts.csv  bayside,rush order,140  (cost per unit 95)
        #                                 bayside,return,220      (cost per unit 40)
        # → 120,000 − 96,000 − 13,300 − 8,800 − 3,100 carrying cost = −1,200
        ```

    How to fix:
        Reprice the customer or change how it is served: minimum order sizes, a fee for
        rush orders, fewer deliveries, a returns policy, tighter payment terms. The
        finding names the biggest cost to start with.
    """
    finance = ctx.figures
    currency = ctx.workspace.settings.currency
    min_loss = ctx.float_option("min_loss")
    for customer in finance.customers:
        if round(customer.profit, 2) >= 0 or -customer.profit <= min_loss:
            continue
        # Credit notes beyond the invoices in the data (an export of open items lists no
        # paid invoice) and nothing else: not a loss that serving the customer made.
        if customer.revenue < 0 and customer.profit >= customer.revenue:
            continue
        biggest = _biggest_cost(customer, currency)
        yield ctx.finding(
            "customer",
            customer.customer,
            f"{customer.name} lost {money(-customer.profit, currency)} on "
            f"{money(customer.revenue, currency)} of revenue after "
            f"{_costs(customer, currency)}; it is "
            f"#{customer.revenue_rank} by revenue and #{customer.profit_rank} by profit."
            + _cogs_caveat(finance),
            evidence=LosingCustomerEvidence(**_profit_figures(customer), min_loss=min_loss),
            recommendation=(
                _lead(customer)
                + (f", starting with its biggest cost, {biggest}" if biggest else "")
                + f": {_fix(customer)}."
            ),
            location=_where(ctx, customer.location),
        )


@rule(
    "FIN002",
    "whale-in-losing-tail",
    Severity.ERROR,
    options={"top": 5},
    needs_finance=True,
    finance_data=_PROFIT,
    evidence=WhaleEvidence,
)
def whale_in_losing_tail(ctx: RuleContext) -> Iterator[Finding]:
    """One of the biggest customers by revenue is in the losing tail of the whale curve.

    What it finds:
        A customer among the `top` (5 by default) by revenue whose profit, after cost to
        serve and carrying cost, is negative. The evidence puts its revenue rank beside
        its profit rank and gives the gap between them.

    Why it matters:
        Sorting customers from most to least profitable and adding up their profit
        draws the whale curve: it climbs above total profit, then the losing tail drags
        it back down. A top-revenue customer in that tail is the one the sales team is
        proudest of and the one quietly eating the profit the others make; every
        additional sale to it makes things worse.

    Example:
        ```yaml
        # data/finance: Northwind Traders is #1 by revenue (USD 2.4 million) and #40 of
        # 40 by profit: small lots, rush orders, returns and 75 days to pay.
        ```

    How to fix:
        Do not let sales chase more volume from it until it makes money: reprice, change
        the service model (order minimums, delivery schedule, returns, terms) and review
        its profit each quarter with the account owner.
    """
    finance = ctx.figures
    currency = ctx.workspace.settings.currency
    top = ctx.int_option("top")
    count = len(finance.customers)
    for customer in finance.customers:
        if customer.revenue_rank > top or round(customer.profit, 2) >= 0 or customer.revenue <= 0:
            continue
        gap = customer.profit_rank - customer.revenue_rank
        yield ctx.finding(
            "customer",
            customer.customer,
            f"{customer.name} is #{customer.revenue_rank} of {count} customers by revenue "
            f"({money(customer.revenue, currency)}) but #{customer.profit_rank} by profit, "
            f"a whale in the losing tail: it lost {money(-customer.profit, currency)} after "
            f"{_costs(customer, currency)}." + _cogs_caveat(finance),
            evidence=WhaleEvidence(
                **_profit_figures(customer),
                gap=gap,
                customers=count,
                top=top,
                total_profit=round(finance.profit, 2),
            ),
            recommendation=(
                f"Stop chasing volume from {customer.name} until it makes money: reprice it "
                "or change its service model"
                + (f" ({_fix(customer)})" if _biggest(customer)[1] > 0 else "")
                + ", and review its profit with the account owner every quarter."
            ),
            location=_where(ctx, customer.location),
        )


@rule(
    "FIN003",
    "receivables-over-90",
    Severity.WARNING,
    options={"min_share": 0.10, "min_amount": 0.0},
    needs_finance=True,
    finance_data=_RECEIVABLES,
    evidence=OverdueReceivablesEvidence,
)
def receivables_over_90(ctx: RuleContext) -> Iterator[Finding]:
    """A customer owes money more than 90 days past due.

    What it finds:
        A customer whose receivables more than 90 days past due (at the finance
        `as_of` date) are more than `min_share` (10% by default) of everything it owes
        and more than `min_amount` (0 by default).

    Why it matters:
        Money 90 days late is money the company lends its customer for free: it costs
        the cost of capital every day, and the older an invoice, the less likely it is
        ever paid. The finance article asks for collections with a customer's touch: a
        call that finds out what is in the way keeps the customer and the cash.

    Example:
        ```yaml
        # data/finance/invoices.csv   INV-1042,northwind,2026-05-02,2026-06-01,31000
        # data/finance/payments.csv   (nothing for INV-1042)
        # [finance] as_of = 2026-10-31 → 152 days past due, 37% of what northwind owes
        ```

    How to fix:
        Put the customer on the collections call list: call its accounts-payable
        contact with the account owner, find out what holds the invoices up (a
        dispute, a missing purchase order), agree a date, and hold new credit until the
        old invoices are paid.
    """
    finance = ctx.figures
    currency = ctx.workspace.settings.currency
    min_share = ctx.float_option("min_share")
    min_amount = ctx.float_option("min_amount")
    aging = _aging(finance)
    buckets = list(finance.receivables.buckets) if finance.receivables else []
    for customer in finance.customers:
        # to the cent: sums of payments leave float dust (1e-12) on settled invoices
        if round(customer.open, 2) <= 0 or round(customer.over_90, 2) <= min_amount:
            continue
        # Credits against no invoice lower what is owed: more than it all can be late.
        share = min(customer.over_90 / customer.open, 1.0)
        if share <= min_share:
            continue
        late = (
            f"of which {money(customer.over_90, currency)} ({percent(share)}) is"
            if customer.over_90 <= customer.open
            else f"net of credits against no invoice; {money(customer.over_90, currency)} of "
            "its invoices are"
        )
        yield ctx.finding(
            "customer",
            customer.customer,
            f"{customer.name} owes {money(customer.open, currency)}, {late} more than 90 "
            "days past due.",
            evidence=OverdueReceivablesEvidence(
                name=customer.name,
                open=round(customer.open, 2),
                over_90=round(customer.over_90, 2),
                share=round(share, 3),
                min_share=min_share,
                min_amount=min_amount,
                buckets=buckets,
                aging=aging.get(customer.customer, []),
                terms_days=customer.terms_days,
                days_late=_rounded(customer.days_late),
                as_of=finance.as_of.isoformat(),
            ),
            recommendation=(
                f"Call {customer.name} about the {money(customer.over_90, currency)} over 90 "
                "days, with the account owner: find out what holds it up, agree a payment "
                "date, and hold new credit until it is paid."
            ),
            location=_where(ctx, customer.location),
        )


def _aging(finance: Finance) -> dict[str, list[float]]:
    if finance.receivables is None:
        return {}
    return {
        row.customer: [round(amount, 2) for amount in row.amounts]
        for row in finance.receivables.rows
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@rule(
    "FIN004",
    "dso-above-terms",
    Severity.WARNING,
    options={"days": 15},
    needs_finance=True,
    finance_data=_RECEIVABLES,
    evidence=SlowPaymentEvidence,
)
def dso_above_terms(ctx: RuleContext) -> Iterator[Finding]:
    """Customers take longer to pay than their terms allow.

    What it finds:
        A customer whose average days to pay (from invoice to payment, weighted by the
        amounts paid; what is still open past due counts at the days it has waited so
        far, as days delinquent, so a customer that stopped paying is judged by what it
        owes) exceeds its payment terms by more than `days` (15 by default);
        customers without terms are left out. And the whole organization, when its
        countback DSO (days sales outstanding, counting back month by month through
        sales until the receivables are used up) exceeds the customers' terms, weighted
        by their sales, by more than `days`.

    Why it matters:
        Every day beyond terms is cash the company finances for its customers, at its
        cost of capital, and a sign that credit and collections are nobody's job. DSO
        well above terms is the receivables half of the CFO's "which customers really
        make money" question.

    Example:
        ```yaml
        # data/finance/customers.csv  northwind,Northwind Traders,,Net 30
        # data/finance: northwind's payments came 58 days after invoice on average
        # → 28 days beyond terms
        ```

    How to fix:
        Agree with the customer what is in the way (invoice errors, approval chains),
        follow up before the due date rather than after, and consider shorter terms or
        an early-payment discount. For the whole organization, give collections an
        owner and a weekly call list.
    """
    finance = ctx.figures
    limit = ctx.int_option("days")
    currency = ctx.workspace.settings.currency
    for customer in finance.customers:
        if customer.days_to_pay is None or customer.terms_days is None:
            continue
        over = customer.days_to_pay - customer.terms_days
        if over <= limit:
            continue
        counted = ""
        if round(customer.overdue) > 0:  # what it owes past due weighs in, as days delinquent
            counted = (
                f" That counts the {money(customer.overdue, currency)} still open past due "
                "at the days it has waited so far."
            )
        yield ctx.finding(
            "customer",
            customer.customer,
            f"{customer.name} pays {days(customer.days_to_pay)} after invoice on average, "
            f"{days(over)} beyond its {customer.terms_days}-day terms.{counted}",
            evidence=SlowPayerEvidence(
                name=customer.name,
                days_to_pay=round(customer.days_to_pay, 1),
                terms_days=customer.terms_days,
                over_by=round(over, 1),
                days=limit,
                days_late=_rounded(customer.days_late),
                open=round(customer.open, 2),
                overdue=round(customer.overdue, 2),
            ),
            recommendation=(
                f"Ask {customer.name} what holds its payments up, follow its invoices up "
                "before they fall due, and consider shorter terms or an early-payment "
                "discount."
            ),
            location=_where(ctx, customer.location),
        )
    receivables = finance.receivables
    if receivables is None or receivables.dso_countback is None:
        return
    if receivables.terms_days is None:
        return
    over = receivables.dso_countback - receivables.terms_days
    if over <= limit:
        return
    yield ctx.finding(
        "organization",
        ctx.workspace.name,
        f"Countback DSO is {days(receivables.dso_countback)} at {receivables.as_of}, "
        f"{days(over)} beyond the customers' terms ({days(receivables.terms_days)}, "
        "weighted by sales).",
        evidence=SlowCollectionsEvidence(
            dso_countback=round(receivables.dso_countback, 1),
            dso=_rounded(receivables.dso),
            best_dso=_rounded(receivables.best_dso),
            add=_rounded(receivables.add),
            terms_days=round(receivables.terms_days, 1),
            over_by=round(over, 1),
            days=limit,
            as_of=receivables.as_of.isoformat(),
        ),
        recommendation=(
            "Give collections an owner and a weekly call list of the customers furthest "
            "beyond terms; track countback DSO and average days delinquent every month."
        ),
        location=_organization(ctx),
    )


@rule(
    "FIN005",
    "forecast-above-pipeline",
    Severity.WARNING,
    options={"min_coverage": 1.0},
    needs_finance=True,
    finance_data=_SALES,
    evidence=ForecastGapEvidence,
)
def forecast_above_pipeline(ctx: RuleContext) -> Iterator[Finding]:
    """The sales forecast for a period is not backed by the pipeline.

    What it finds:
        A forecast period (not yet over at the finance `as_of` date) whose weighted
        pipeline, the open opportunities expected to close in it, each at its amount
        × probability, covers less than `min_coverage` of the forecast (1.0, all of it,
        by default).

    Why it matters:
        A forecast is a promise the company plans spending on. The finance article asks
        finance to tie it to the pipeline: a forecast the pipeline cannot reach is
        found out when the quarter closes, too late to hire less or sell more.

    Example:
        ```yaml
        # data/finance/forecast.csv   2026-Q4,1200000
        # data/finance/pipeline.csv   opportunities closing in Q4: 1,050,000,
        #                             weighted by probability 640,000 → 53% coverage
        ```

    How to fix:
        Build pipeline for the period (the finding gives how much weighted pipeline is
        missing), or lower the forecast to what the pipeline supports, and review the
        two together with sales every week.
    """
    finance = ctx.figures
    currency = ctx.workspace.settings.currency
    min_coverage = ctx.float_option("min_coverage")
    for period in finance.forecast:
        coverage = period.coverage
        if coverage is None or period.end < finance.as_of or coverage >= min_coverage:
            continue
        gap = period.forecast * min_coverage - period.weighted_pipeline
        yield ctx.finding(
            "period",
            period.period,
            f"The forecast for {period.period} is {money(period.forecast, currency)} but the "
            f"pipeline expected to close in it, weighted by probability, is "
            f"{money(period.weighted_pipeline, currency)} "
            f"({percent(coverage)} coverage, {period.opportunities} opportunities).",
            evidence=ForecastGapEvidence(
                forecast=round(period.forecast, 2),
                weighted_pipeline=round(period.weighted_pipeline, 2),
                pipeline=round(period.pipeline, 2),
                opportunities=period.opportunities,
                coverage=round(coverage, 3),
                min_coverage=min_coverage,
                gap=round(gap, 2),
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            ),
            recommendation=(
                f"Build {money(gap, currency)} more weighted pipeline for {period.period}, "
                "or lower the forecast to what the pipeline supports; review both with "
                "sales every week."
            ),
            location=_where(ctx, period.location),
        )


@rule(
    "FIN006",
    "prospects-on-payables",
    Severity.INFO,
    options={"top": 5},
    needs_finance=True,
    finance_data=_PAYABLES,
    evidence=ProspectsEvidence,
)
def prospects_on_payables(ctx: RuleContext) -> Iterator[Finding]:
    """Companies the business pays are not yet its customers.

    What it finds:
        Vendors on the payables list whose id or name matches no customer
        (case-insensitive). One finding lists the `top` (5 by default) by what the
        company spends with them, and counts the rest.

    Why it matters:
        The finance article's last idea: the payables list is a prospect list. A
        supplier the company spends with already knows it, and a buyer who sells to
        you is often glad to buy from you; finance holds that list and sales never
        sees it.

    Example:
        ```yaml
        # data/finance/vendors.csv   vendor,name,spend,category
        #                            globex,Globex Logistics,184000,freight
        # no customer is called Globex → a prospect, ranked by spend
        ```

    How to fix:
        Give the list to sales; ask the person who manages each vendor for an
        introduction to whoever buys what the company sells.
    """
    finance = ctx.figures
    currency = ctx.workspace.settings.currency
    top = ctx.int_option("top")
    ranked = sorted(finance.prospects, key=lambda p: (p.rank, p.vendor))
    chosen = ranked[:top]
    if not chosen:
        return
    rest = len(ranked) - len(chosen)
    listed = join_names(
        (f"{p.name or p.vendor} ({money(p.spend, currency)})" for p in chosen), limit=top
    )
    yield ctx.finding(
        "organization",
        ctx.workspace.name,
        f"{len(ranked)} vendors on the payables list are not customers; the biggest by "
        f"spend: {listed}" + (f"; {rest} more are on the list." if rest else "."),
        evidence=ProspectsEvidence(
            vendors=[p.vendor for p in chosen],
            names=[p.name or p.vendor for p in chosen],
            spend=[round(p.spend, 2) for p in chosen],
            categories=[p.category for p in chosen],
            prospects=len(ranked),
            top=top,
        ),
        recommendation=(
            "Hand the prospect list to sales and ask whoever manages each vendor for an "
            f"introduction, starting with {chosen[0].name or chosen[0].vendor}."
        ),
        location=_where(ctx, chosen[0].location),
    )


RULES = (
    unprofitable_customer,
    whale_in_losing_tail,
    receivables_over_90,
    dso_above_terms,
    forecast_above_pipeline,
    prospects_on_payables,
)
