"""Acme's finance data (examples/acme/data/finance/), for scripts/make_acme_data.py.

Twelve months of a $50M industrial distributor's books up to 2026-10-31, in levelset's own
columns: 60 customers, their invoices, payments, credit notes and write-offs, the cost
drivers of serving them, the payables list, the sales pipeline and the new-business
forecast. The figures tell the finance article's stories:

- the whale: cust-northwind (Northwind Facilities Group, a national facilities firm) is
  the biggest customer by revenue, bought at contract prices, orders small and often to
  many sites, rushes and returns a great deal, and pays in about 90 days on Net 30 terms:
  once cost to serve and the carrying cost of its receivables are counted it loses money;
- a few small accounts lose money too: tiny rush orders, returns, a customer who stopped
  paying (written off in part);
- receivables over 90 days past due: Red Rock Mining's disputed invoices and Delta Site
  Services' unpaid ones;
- the December forecast (the year-end push) is not backed by the weighted pipeline;
- the payables list: Acme already sells to most of its biggest suppliers, but not to its
  freight carrier, its packaging supplier and a few fastener makers.

Deterministic: seeded random numbers, amounts kept in cents, a fixed order.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

AS_OF = date(2026, 10, 31)
FIRST = date(2025, 11, 1)  # twelve months of invoices up to AS_OF
HOLIDAYS = {
    date(2025, 11, 27), date(2025, 12, 25), date(2026, 1, 1), date(2026, 5, 25),
    date(2026, 7, 3), date(2026, 9, 7),
}  # fmt: skip
# The year's rhythm: building and maintenance work peaks in spring and summer.
SEASON = {11: 0.92, 12: 0.72, 1: 0.78, 2: 0.84, 3: 1.0, 4: 1.08, 5: 1.14, 6: 1.15, 7: 1.06,
          8: 1.1, 9: 1.06, 10: 1.02}  # fmt: skip

# What each cost driver costs Acme out of pocket (people's hours are counted separately,
# from the timesheets): packing materials, the delivery route, expedited freight and
# overtime, reverse freight, restocking and scrap, the outsourced support line.
DRIVERS = (
    ("order", 14.50),
    ("delivery", 38.00),
    ("rush order", 165.00),
    ("return", 85.00),
    ("support ticket", 32.00),
)


@dataclass(frozen=True)
class Account:
    """A customer and how it buys and pays.

    ``revenue`` is what it is invoiced in the year; ``margin`` its gross margin;
    ``late`` the range of days after the due date it pays (negative: early); ``serve``
    its orders per invoice (invoices gather a week's or a month's orders), deliveries per
    order, and rush orders, returns and support tickets per order; ``credits`` the share
    of invoices with a credit note for returns.
    """

    id: str
    name: str
    segment: str
    terms: int
    revenue: float
    margin: float
    late: tuple[int, int] = (-6, 4)
    serve: tuple[float, float, float, float, float] = (4.0, 1.0, 0.05, 0.025, 0.15)
    credits: float = 0.04
    invoices: int = 0  # 0: from the revenue
    until: date = AS_OF  # the last day it is invoiced (a credit hold stops the shipments)


# The ten accounts the sellers and customer service log hours against (timesheet ids).
NAMED = (
    Account(
        "cust-northwind", "Northwind Facilities Group", "Facilities management", 30,
        6_750_000, 0.115, late=(58, 76), serve=(4.2, 2.2, 0.7, 0.3, 1.2),
        credits=0.38, invoices=430,
    ),
    Account("cust-ridgeline", "Ridgeline Construction", "General contractor", 45, 5_100_000,
            0.248, late=(-4, 8)),
    Account("cust-harbor-marine", "Harbor Marine Works", "Marine", 30, 4_400_000, 0.252),
    Account("cust-bluewater-hvac", "Bluewater HVAC", "Mechanical contractor", 30, 3_600_000,
            0.243),
    Account("cust-summit-mechanical", "Summit Mechanical", "Mechanical contractor", 45,
            3_300_000, 0.246, late=(-2, 9)),
    Account("cust-prairie-fab", "Prairie Fabrication", "Manufacturing", 30, 3_100_000, 0.238),
    Account("cust-ironclad-builders", "Ironclad Builders", "General contractor", 45,
            3_000_000, 0.247),
    Account("cust-lakeshore-plumbing", "Lakeshore Plumbing", "Plumbing contractor", 45,
            2_900_000, 0.251),
    Account("cust-redrock-mining", "Red Rock Mining", "Mining", 60, 2_600_000, 0.262,
            late=(14, 34)),
    Account("cust-copperline-electric", "Copperline Electric", "Electrical contractor", 30,
            2_200_000, 0.249),
)  # fmt: skip

# Small accounts that lose money: tiny rush orders, returns, a customer who stopped paying.
LOSERS = (
    Account("cust-metro-facility", "Metro Facility Services", "Facilities management", 30,
            210_000, 0.22, late=(0, 12), serve=(18, 1.05, 0.2, 0.08, 0.55), credits=0.15,
            invoices=36),
    Account("cust-cedar-point", "Cedar Point Property Management", "Property management", 30,
            150_000, 0.235, late=(2, 15), serve=(14, 1.3, 0.2, 0.4, 0.9), credits=0.35,
            invoices=30),
    Account("cust-quickserve", "QuickServe Maintenance", "Facilities management", 15,
            118_000, 0.21, late=(0, 10), serve=(12, 1.0, 0.3, 0.08, 0.5), credits=0.1,
            invoices=40),
    Account("cust-delta-site", "Delta Site Services", "Site work contractor", 30, 190_000,
            0.2, late=(5, 20), serve=(5, 1.1, 0.08, 0.04, 0.3), until=date(2026, 5, 15)),
)  # fmt: skip

# Suppliers Acme also sells to (reciprocal accounts: their plants buy MRO and safety gear).
RECIPROCAL = (
    ("cust-allied-fastener", "Allied Fastener Manufacturing", "Manufacturing"),
    ("cust-keller-safety", "Keller Safety Products", "Manufacturing"),
    ("cust-midstate-abrasives", "Midstate Abrasives", "Manufacturing"),
    ("cust-hartwell-tools", "Hartwell Industrial Tools", "Manufacturing"),
    ("cust-granite-workwear", "Granite Workwear", "Manufacturing"),
)

# The rest of the book, largest first.
OTHERS = (
    ("Crown Point Foundry", "Manufacturing"), ("Sterling Boiler Works", "Manufacturing"),
    ("Garrison Rail Services", "Transportation"), ("Hillcrest Health Facilities", "Healthcare"),
    ("Jackson Pipe & Valve", "Mechanical contractor"), ("Quarry Hill Aggregates", "Mining"),
    ("Franklin County Facilities", "Public sector"), ("Dayton Tool & Die", "Manufacturing"),
    ("Oakridge Water Treatment", "Public sector"), ("Beacon Cold Storage", "Warehousing"),
    ("Wildcat Oilfield Services", "Energy"), ("Valley Forge Welding", "Manufacturing"),
    ("Badger State Conveyor", "Manufacturing"), ("Mesa Concrete", "Site work contractor"),
    ("Columbus Metro Schools", "Public sector"), ("Kingsbury Elevator", "Mechanical contractor"),
    ("Maple Leaf Plastics", "Manufacturing"), ("Sabine Chemical", "Manufacturing"),
    ("Trinity Ag Equipment", "Agriculture"), ("Westfield Cold Rolling", "Manufacturing"),
    ("Union Tank Cleaning", "Industrial services"), ("Whitehall Aviation Services",
                                                     "Transportation"),
    ("Cardinal Paving", "Site work contractor"), ("Apex Millwright", "Industrial services"),
    ("Lone Star Millwork", "Manufacturing"), ("Horizon Solar Installers",
                                              "Electrical contractor"),
    ("Glenwood Dairy", "Food processing"), ("Foxridge Poultry", "Food processing"),
    ("Riverside Printing", "Manufacturing"), ("Pinecrest Senior Living", "Healthcare"),
    ("Sandstone Homes", "General contractor"), ("Southfork Irrigation", "Agriculture"),
    ("Canal Street Brewing", "Food processing"), ("Eastgate Auto Body", "Automotive"),
    ("Mohawk Signs", "Manufacturing"), ("Evergreen Landscaping", "Site work contractor"),
    ("Birchwood Cabinets", "Manufacturing"), ("Silver Creek Winery", "Food processing"),
    ("Yellowstone Ready Mix", "Site work contractor"), ("Clearwater Marina", "Marine"),
    ("Fairview Auto Glass", "Automotive"),
)  # fmt: skip

# Red Rock Mining disputes three summer invoices (a tariff surcharge it never agreed to);
# Delta Site Services stopped paying in the spring, was put on credit hold, and all but
# its last three unpaid invoices were written off.
DISPUTED = {"cust-redrock-mining": (date(2026, 4, 15), date(2026, 6, 1), 3)}
STOPPED = {"cust-delta-site": date(2026, 3, 15)}
WRITTEN_OFF = {"cust-delta-site": (3, date(2026, 9, 30))}  # all but the last three
# Cedar Point short-paid an invoice over a return it never sent back; the rest was written off.
SHORT_PAID = {"cust-cedar-point": date(2026, 6, 1)}


def slug(name: str) -> str:
    """``cust-crown-point-foundry`` from ``Crown Point Foundry``."""
    words = "".join(c if c.isalnum() else " " for c in name.lower()).split()
    return "cust-" + "-".join(words)


def accounts(rng: random.Random) -> list[Account]:
    """Every customer: the named ones, the small losers, the reciprocal suppliers, the rest."""
    book = list(NAMED)
    for rank, (name, segment) in enumerate(OTHERS, start=1):
        revenue = round(1_650_000 * rank**-0.72 * rng.uniform(0.9, 1.1), -3)
        terms = rng.choice((30, 30, 30, 30, 45, 15)) if segment != "Public sector" else 45
        late = rng.choice(((-6, 4), (-6, 4), (-3, 7), (-8, 2), (0, 14)))
        serve = (
            rng.uniform(2.0, 4.0),
            rng.uniform(0.85, 1.15),
            rng.uniform(0.02, 0.06),
            rng.uniform(0.01, 0.03),
            rng.uniform(0.06, 0.2),
        )
        margin = round(rng.uniform(0.24, 0.3), 3)
        book.append(Account(slug(name), name, segment, terms, revenue, margin, late, serve))
    for key, name, segment in RECIPROCAL:
        revenue = round(rng.uniform(180_000, 520_000), -3)
        margin = round(rng.uniform(0.25, 0.29), 3)
        serve = (2.5, 1.0, 0.04, 0.02, 0.1)
        book.append(Account(key, name, segment, 30, revenue, margin, serve=serve))
    return book + list(LOSERS)


def business_days() -> list[date]:
    """The working days invoices are issued on, FIRST to AS_OF."""
    days, day = [], FIRST
    while day <= AS_OF:
        if day.weekday() < 5 and day not in HOLIDAYS:
            days.append(day)
        day += timedelta(days=1)
    return days


@dataclass
class Books:
    """The rows of the finance files, built account by account."""

    invoices: list[tuple[str, str, date, date, int, int]]  # id, customer, issued, due, ¢
    payments: list[tuple[str, date, int]]
    credits: list[tuple[str, str, date, int, str]]
    counts: list[tuple[str, str, int]]


def invoice_count(account: Account) -> int:
    """How many invoices a year: more, and larger, for bigger accounts."""
    return account.invoices or max(8, round(13 * (account.revenue / 100_000) ** 0.62))


def issue(account: Account, days: list[date], rng: random.Random) -> list[tuple[date, int]]:
    """The account's invoices of the year: (issued, amount in cents), in date order."""
    days = [d for d in days if d <= account.until]
    weights = [SEASON[d.month] for d in days]
    issued = sorted(rng.choices(days, weights, k=invoice_count(account)))
    raw = [rng.lognormvariate(0, 0.55) for _ in issued]
    scale = account.revenue * 100 / sum(raw)
    return [(d, round(scale * r)) for d, r in zip(issued, raw, strict=True)]


def unpaid(account: Account, issued: list[date], rng: random.Random) -> set[int]:
    """Which of the account's invoices (by position) it never pays."""
    if account.id in DISPUTED:
        start, end, n = DISPUTED[account.id]
        return set(rng.sample([i for i, d in enumerate(issued) if start <= d <= end], n))
    if account.id in STOPPED:
        return {i for i, d in enumerate(issued) if d >= STOPPED[account.id]}
    return set()


def collect(
    account: Account,
    books: Books,
    invoice: tuple[str, date, date, int],
    rng: random.Random,
    *,
    short: bool,
) -> bool:
    """Credit notes and payments of one invoice; True when it was short-paid (``short``
    asks for it) and the rest written off."""
    number, day, due, amount = invoice
    paid = max(due + timedelta(days=rng.randint(*account.late)), day + timedelta(days=3))
    left = amount
    if rng.random() < account.credits:  # goods returned, credited before payment
        credit = round(amount * rng.uniform(0.03, 0.14))
        when = day + timedelta(days=rng.randint(3, max(3, min(25, (paid - day).days - 1))))
        if when <= AS_OF:
            books.credits.append((account.id, number, when, credit, "credit"))
            left -= credit
    if paid > AS_OF:
        return False
    shorted = short and paid + timedelta(days=30) <= AS_OF
    if shorted:
        written_off = round(left * 0.35)
        books.credits.append(
            (account.id, number, paid + timedelta(days=30), written_off, "write-off")
        )
        left -= written_off
    elif rng.random() < 0.04 and (paid - day).days > 25:  # paid in two instalments
        first = round(left * rng.choice((0.4, 0.5, 0.6)))
        books.payments.append((number, paid - timedelta(days=rng.randint(14, 21)), first))
        left -= first
    books.payments.append((number, paid, left))
    return shorted


def book_account(account: Account, books: Books, days: list[date], rng: random.Random) -> None:
    """Invoice, collect and credit one account over the year; count its cost drivers."""
    invoices = issue(account, days, rng)
    never = unpaid(account, [d for d, _ in invoices], rng)
    left_unpaid: list[tuple[str, int]] = []
    short_from = SHORT_PAID.get(account.id)
    for i, (day, amount) in enumerate(invoices):
        number = f"{account.id}:{i}"  # renumbered in issue order once all accounts are in
        due = day + timedelta(days=account.terms)
        cost = round(amount * (1 - account.margin) * rng.uniform(0.97, 1.03))
        books.invoices.append((number, account.id, day, due, amount, cost))
        if i in never:
            rng.randint(*account.late)  # the draw a paid invoice makes, to keep the sequence
            left_unpaid.append((number, amount))
            continue
        short = short_from is not None and day >= short_from
        if collect(account, books, (number, day, due, amount), rng, short=short):
            short_from = None
    if account.id in WRITTEN_OFF:
        keep, when = WRITTEN_OFF[account.id]
        for number, amount in left_unpaid[:-keep]:
            books.credits.append((account.id, number, when, amount, "write-off"))
    orders = round(len(invoices) * account.serve[0] * rng.uniform(0.95, 1.05))
    counts = [orders] + [
        round(orders * rate * rng.uniform(0.92, 1.08)) for rate in account.serve[1:]
    ]
    for (driver, _), n in zip(DRIVERS, counts, strict=True):
        books.counts.append((account.id, driver, n))


def cents(value: int) -> str:
    """An amount in cents as written in an export: ``1234.50``."""
    return f"{value // 100}.{value % 100:02d}" if value >= 0 else f"-{cents(-value)}"


def table(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> str:
    """A CSV file's text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def ledger_files(rng: random.Random) -> dict[str, str]:
    """customers, invoices, payments, credits, drivers and driver counts."""
    book = accounts(rng)
    books = Books([], [], [], [])
    days = business_days()
    for account in book:
        book_account(account, books, days, rng)
    # Invoice numbers in issue order, as the accounting system hands them out.
    ordered = sorted(books.invoices, key=lambda r: (r[2], r[1], r[0]))
    number = {row[0]: f"INV-{10_001 + n}" for n, row in enumerate(ordered)}
    customers = sorted(book, key=lambda a: a.id)
    return {
        "customers.csv": table(
            ("customer", "name", "segment", "terms_days"),
            [(a.id, a.name, a.segment, a.terms) for a in customers],
        ),
        "invoices.csv": table(
            ("invoice", "customer", "issued", "due", "amount", "cogs"),
            [(number[i], c, d, due, cents(a), cents(g)) for i, c, d, due, a, g in ordered],
        ),
        "payments.csv": table(
            ("invoice", "paid", "amount"),
            [
                (number[i], d, cents(a))
                for i, d, a in sorted(books.payments, key=lambda r: (r[1], number[r[0]]))
            ],
        ),
        "credits.csv": table(
            ("customer", "invoice", "date", "amount", "kind"),
            [
                (c, number[i], d, cents(a), k)
                for c, i, d, a, k in sorted(books.credits, key=lambda r: (r[2], number[r[1]]))
            ],
        ),
        "drivers.csv": table(("driver", "cost_per_unit"), [(d, f"{c:.2f}") for d, c in DRIVERS]),
        "driver_counts.csv": table(
            ("customer", "driver", "count"), sorted(books.counts, key=lambda r: r[0])
        ),
    }


# The payables list: what Acme paid each vendor in the twelve months (AP vendor ids).
# Names that are also customers' names are customers already; the rest are prospects.
VENDORS = (
    ("V-1004", "Allied Fastener Manufacturing", 6_420_000, "Fasteners"),
    ("V-1011", "Keller Safety Products", 4_880_000, "Safety"),
    ("V-1019", "Granite Workwear", 3_390_000, "Safety"),
    ("V-1007", "Midstate Abrasives", 3_150_000, "Abrasives"),
    ("V-1015", "Hartwell Industrial Tools", 2_760_000, "Tools"),
    ("V-2031", "Great Lakes Freight Logistics", 2_380_000, "Freight"),
    ("V-1002", "Buckeye Fastener Co", 1_960_000, "Fasteners"),
    ("V-2044", "Midwest Corrugated Packaging", 1_420_000, "Packaging"),
    ("V-1026", "Prairie Fabrication", 1_240_000, "Fabricated parts"),
    ("V-1003", "Great Plains Bolt & Nut", 980_000, "Fasteners"),
    ("V-1005", "Delmar Anchor Systems", 720_000, "Fasteners"),
    ("V-2052", "Summit Fleet Leasing", 640_000, "Fleet"),
    ("V-1006", "Northstar Rivet", 540_000, "Fasteners"),
    ("V-1008", "Coastal Threaded Products", 460_000, "Fasteners"),
    ("V-3007", "Crestline Insurance Brokers", 420_000, "Insurance"),
    ("V-2047", "Riverbend Pallet & Crate", 380_000, "Packaging"),
    ("V-1009", "Pioneer Washer & Stamping", 350_000, "Fasteners"),
    ("V-3002", "AEP Ohio", 310_000, "Utilities"),
    ("V-3015", "Columbus Industrial Properties", 288_000, "Rent"),
    ("V-3004", "Brightline Creative", 214_000, "Marketing"),
    ("V-4410", "Ironclad Builders", 212_000, "Facilities"),
    ("V-3011", "Ledgerline ERP", 178_000, "Software"),
    ("V-3019", "Keystone IT", 156_000, "IT services"),
    ("V-3020", "Stride Bookkeeping", 98_000, "Accounting"),
    ("V-4402", "BLUEWATER HVAC", 84_300, "Facilities"),
    ("V-3024", "Oncor Electric Delivery", 76_000, "Utilities"),
    ("V-4415", "Copperline Electric", 61_800, "Facilities"),
    ("V-3031", "Tri-State Uniform Service", 44_500, "Facilities"),
    ("V-3036", "Lakeside Office Supply", 18_200, "Office"),
)

# Open opportunities: (customer id or "", prospect, amount, stage, probability, close).
STAGES = {"Qualification": 0.2, "Proposal": 0.4, "Negotiation": 0.6, "Verbal commit": 0.85}
OPEN = (
    ("cust-ridgeline", "", 420_000, "Negotiation", date(2026, 11, 13)),
    ("cust-harbor-marine", "", 260_000, "Verbal commit", date(2026, 11, 6)),
    ("", "Scioto Valley Cold Chain", 380_000, "Proposal", date(2026, 11, 20)),
    ("cust-summit-mechanical", "", 310_000, "Verbal commit", date(2026, 11, 24)),
    ("", "Ohio River Terminals", 290_000, "Negotiation", date(2026, 11, 30)),
    ("cust-crown-point-foundry", "", 180_000, "Proposal", date(2026, 11, 18)),
    ("cust-lakeshore-plumbing", "", 150_000, "Verbal commit", date(2026, 11, 10)),
    ("", "Tri-County Hospital System", 620_000, "Qualification", date(2026, 12, 15)),
    ("cust-northwind", "", 900_000, "Proposal", date(2026, 12, 18)),
    ("", "Marietta Boat Works", 140_000, "Qualification", date(2026, 12, 11)),
    ("cust-bluewater-hvac", "", 210_000, "Negotiation", date(2026, 12, 4)),
    ("", "Lakeview School District", 260_000, "Proposal", date(2026, 12, 22)),
    ("cust-ironclad-builders", "", 190_000, "Qualification", date(2026, 12, 30)),
    ("cust-copperline-electric", "", 120_000, "Verbal commit", date(2026, 12, 9)),
    ("", "Licking County Landfill", 240_000, "Qualification", date(2027, 1, 29)),
    ("cust-prairie-fab", "", 520_000, "Negotiation", date(2027, 2, 12)),
    ("", "Cumberland Distribution Center", 1_100_000, "Proposal", date(2027, 3, 19)),
    ("cust-redrock-mining", "", 640_000, "Negotiation", date(2027, 1, 22)),
    ("", "Great Plains Wind Services", 450_000, "Qualification", date(2027, 3, 5)),
    ("cust-sterling-boiler-works", "", 330_000, "Verbal commit", date(2027, 1, 15)),
    ("cust-garrison-rail-services", "", 280_000, "Proposal", date(2027, 2, 26)),
    ("", "Heartland Poultry Processing", 360_000, "Proposal", date(2027, 3, 26)),
    ("cust-hillcrest-health-facilities", "", 240_000, "Negotiation", date(2027, 2, 5)),
    ("", "Cornerstone Logistics Park", 520_000, "Qualification", date(2027, 4, 16)),
    ("cust-quarry-hill-aggregates", "", 170_000, "Proposal", date(2026, 10, 16)),  # stale
)
CLOSED = ("Closed Won", "Closed Won", "Closed Lost")
# The new-business forecast the CRO gave the board: December is the year-end push.
FORECAST = (("2026-11", 1_150_000), ("2026-12", 1_480_000), ("2027-Q1", 1_850_000))


def pipeline_files(customers: list[str], rng: random.Random) -> dict[str, str]:
    """vendors, pipeline and forecast."""
    rows: list[tuple[object, ...]] = []
    for n in range(18):  # deals decided this year: already invoiced, or never will be
        stage = CLOSED[n % 3]
        closed = date(2026, 1, 9) + timedelta(days=rng.randint(0, 290))
        who = rng.choice(customers)
        amount = round(rng.uniform(60_000, 480_000), -3)
        rows.append((who, "", amount, stage, 1.0 if stage == "Closed Won" else 0.0, closed))
    for who, prospect, amount, stage, close in OPEN:
        rows.append((who, prospect, amount, stage, STAGES[stage], close))
    rows.sort(key=lambda r: (str(r[5]), str(r[0]), str(r[1])))
    pipeline = [
        (f"OPP-{2601 + n}", who, prospect, amount, stage, f"{p:g}", close)
        for n, (who, prospect, amount, stage, p, close) in enumerate(rows)
    ]
    return {
        "vendors.csv": table(("vendor", "name", "spend", "category"), list(VENDORS)),
        "pipeline.csv": table(
            (
                "opportunity",
                "customer",
                "prospect",
                "amount",
                "stage",
                "probability",
                "expected_close",
            ),
            pipeline,
        ),
        "forecast.csv": table(("period", "amount"), list(FORECAST)),
    }


def finance_files(rng: random.Random) -> dict[str, str]:
    """Every finance file's text, by path under data/."""
    files = ledger_files(rng)
    customers = [line.split(",")[0] for line in files["customers.csv"].splitlines()[1:]]
    files |= pipeline_files(customers, rng)
    return {f"finance/{name}": text for name, text in files.items()}
