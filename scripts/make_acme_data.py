"""Write examples/acme/data/: Acme's time entries, calendars and finance data.

The window is Monday 2026-07-06 to Sunday 2026-10-25 (ISO weeks 28 to 43). The data
makes the stories of the source articles visible in the figures:

- leveling: the CEO logs about a third of her hours on 1-day-to-1-month finance work
  (payables approvals, bank reconciliation, the month-end close) that a controller
  should own, while the controller seat stays vacant;
- not your job: the CRO holds 15-minute deal reviews with 80 sellers every two weeks,
  about a day a week, for eight weeks; then her regional VPs take them over and she
  keeps a weekly forecast review with them, about a third of a day;
- outsourced functions: Stride's bookkeepers log hours in Harvest, some of them outside
  Stride's scope (payroll queries, the cash forecast, collections calls); Brightline's
  people log hours in Toggl and are never invited to the monthly strategy session,
  which Stride's lead attends;
- falls through the cracks: returns and credit memos, commission calculations and
  tariff-clause redlines are logged under labels that match no responsibility; a weekly
  "Ops status sync" is tied to no responsibility and no goal (a stop-doing candidate);
- cost to serve: the biggest customer, cust-northwind, takes a large share of the rush
  orders and returns handled by customer service and the warehouses.

The finance files (``data/finance/``: twelve months of customers, invoices, payments,
credits, cost drivers, payables, pipeline and forecast up to 2026-10-31) come from
``acme_finance.py`` beside this script; its docstring tells their stories.

Employees log time in levelset's own CSV (``data/time/acme-timesheet.csv``); calendars
are Google Calendar exports, one file per organizer, so that each event is written once.

Deterministic: seeded random numbers, no date from the clock, a fixed order, so
``uv run python scripts/make_acme_data.py`` rewrites the files byte for byte; ``--out
DIR`` writes them elsewhere (tests/test_acme_data.py compares the two). The people
come from the YAML of examples/acme (holders in org.yaml, people.yaml, partners.yaml).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from acme_finance import finance_files  # a module beside this script

ACME = Path(__file__).resolve().parent.parent / "examples" / "acme"
START = date(2026, 7, 6)  # a Monday
WEEKS = 16
TRANSFER_WEEK = 9  # from this week on the RVPs hold the seller reviews
HOLIDAYS = (date(2026, 9, 7),)  # Labor Day
TZID = "America/New_York"
STAMP = "20261026T120000Z"  # when the calendars were exported: just after the window

# (customer id, weight among sellers' accounts, weight in rush orders and returns)
CUSTOMERS = (
    ("cust-northwind", 14, 40),
    ("cust-ridgeline", 11, 8),
    ("cust-harbor-marine", 10, 7),
    ("cust-summit-mechanical", 10, 8),
    ("cust-prairie-fab", 9, 6),
    ("cust-bluewater-hvac", 9, 7),
    ("cust-ironclad-builders", 8, 6),
    ("cust-lakeshore-plumbing", 8, 6),
    ("cust-redrock-mining", 7, 6),
    ("cust-copperline-electric", 6, 6),
)


# --- the organization, read from the YAML ----------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone who logs time or is invited to meetings."""

    id: str
    name: str
    email: str
    cost_rate: float

    @property
    def first(self) -> str:
        """The first name (the name's first word)."""
        return self.name.split()[0]

    @property
    def last(self) -> str:
        """The last name (the rest of the name)."""
        return " ".join(self.name.split()[1:])


@dataclass(frozen=True)
class Org:
    """The people of each seat and of each partner, in file order."""

    holders: dict[str, list[Person]]
    partners: dict[str, list[Person]]

    def one(self, seat: str) -> Person:
        """The holder of a seat held by one person."""
        return self.holders[seat][0]


def read_org(root: Path) -> Org:
    """The seats' holders and the partners' people of the workspace at ``root``."""

    def load(name: str) -> dict[str, list[dict[str, object]]]:
        return yaml.safe_load((root / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    def person(item: dict[str, object]) -> Person:
        rate = item.get("cost_rate", 0)
        assert isinstance(rate, int | float)
        return Person(str(item["id"]), str(item["name"]), str(item["email"]), float(rate))

    people = {str(p["id"]): person(p) for p in load("people.yaml")["people"]}
    holders = {
        str(seat["id"]): [people[h] for h in seat.get("holders", []) if isinstance(h, str)]  # type: ignore[attr-defined]
        for seat in load("org.yaml")["seats"]
    }
    partners = {
        str(p["id"]): [person(q) for q in p.get("people", [])]  # type: ignore[attr-defined]
        for p in load("partners.yaml")["partners"]
    }
    return Org(holders, partners)


# --- the calendar of the window ----------------------------------------------------------


def week_start(week: int) -> date:
    """The Monday of week ``week`` (1-based) of the window."""
    return START + timedelta(weeks=week - 1)


def working_days() -> Iterator[tuple[int, date]]:
    """(week, day) for every working day of the window, in order."""
    for week in range(1, WEEKS + 1):
        for offset in range(5):
            day = week_start(week) + timedelta(days=offset)
            if day not in HOLIDAYS:
                yield week, day


def close_days() -> set[date]:
    """The first five working days of each month: the month-end close."""
    days: set[date] = set()
    day = date(2026, 7, 1)
    while day <= START + timedelta(weeks=WEEKS):
        taken, cursor = 0, day
        while taken < 5:
            if cursor.weekday() < 5 and cursor not in HOLIDAYS:
                days.add(cursor)
                taken += 1
            cursor += timedelta(days=1)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return days


def first_weekday(year: int, month: int, weekday: int, nth: int = 1) -> date:
    """The ``nth`` ``weekday`` (0 = Monday) of a month."""
    day = date(year, month, 1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return day + timedelta(weeks=nth - 1)


STRATEGY_DAYS = {first_weekday(2026, m, 1): first_weekday(2026, m, 1) for m in (7, 8, 10)} | {
    first_weekday(2026, 9, 1): date(2026, 9, 3)
}  # September's session moved to Thursday


# --- time entries -----------------------------------------------------------------------


class Timesheet:
    """Rows of levelset's own time CSV: person,date,hours,activity,customer,description."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, date, float, str, str, str]] = []

    def log(  # noqa: PLR0917 - the columns of the file, in its order
        self, who: str, day: date, hours: float, activity: str, customer: str = "", note: str = ""
    ) -> None:
        """One entry, rounded to a quarter hour; nothing under a quarter hour is logged."""
        hours = round(hours * 4) / 4
        if hours >= 0.25:
            self.rows.append((who, day, hours, activity, customer, note))

    def text(self) -> str:
        """The CSV, in date order, then in the order logged."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("person", "date", "hours", "activity", "customer", "description"))
        for who, day, hours, activity, customer, note in sorted(self.rows, key=lambda r: r[1]):
            writer.writerow((who, day.isoformat(), f"{hours:g}", activity, customer, note))
        return out.getvalue()


def jitter(rng: random.Random, hours: float) -> float:
    """``hours`` give or take a quarter or half hour, as people really log."""
    return max(0.0, hours + rng.choice((-0.5, -0.25, 0.0, 0.0, 0.0, 0.25, 0.5)))


def pick_customer(rng: random.Random, *, rush: bool = False) -> str:
    """A customer, weighted by the share of accounts (or of rush orders and returns)."""
    weights = [c[2] if rush else c[1] for c in CUSTOMERS]
    return rng.choices([c[0] for c in CUSTOMERS], weights)[0]


# The CEO's week: what she logs on each weekday (activity, hours). The finance work
# (payables, payroll, collections, reconciliation, close) is about a third of it.
CEO_DAYS: tuple[tuple[tuple[str, float], ...], ...] = (
    (
        ("ap-processing", 2.0),
        ("cash-forecast", 1.0),
        ("annual-plan", 3.5),
        ("banking-insurance", 1.5),
    ),
    (
        ("bank-reconciliation", 1.5),
        ("credit-limits", 0.75),
        ("annual-plan", 4.0),
        ("strategy-session", 1.0),
    ),
    (
        ("collections", 1.5),
        ("annual-plan", 3.5),
        ("banking-insurance", 1.5),
        ("strategy-session", 1.0),
    ),
    (("ap-processing", 1.5), ("payroll", 1.0), ("annual-plan", 4.0), ("banking-insurance", 1.0)),
    (
        ("bank-reconciliation", 1.0),
        ("collections", 1.0),
        ("annual-plan", 3.0),
        ("credit-limits", 0.5),
    ),
)


def ceo_entries(sheet: Timesheet, org: Org, rng: random.Random) -> None:
    """Dana: strategy and planning, pulled down into the books while the controller seat
    is vacant (the close takes hours a day in its first week of the month)."""
    ceo = org.one("ceo").id
    closing = close_days()
    for _, day in working_days():
        for activity, hours in CEO_DAYS[day.weekday()]:
            sheet.log(ceo, day, jitter(rng, hours), activity)
        if day in closing:
            sheet.log(ceo, day, jitter(rng, 3.0), "monthly-close", note="Chasing close items")
        if day in STRATEGY_DAYS.values():
            sheet.log(ceo, day, 3.0, "strategy-session", note="Monthly strategy session")


def seller_entries(sheet: Timesheet, org: Org, rng: random.Random) -> None:
    """The 96 account executives: their own team's accounts, a few price exceptions,
    and tariff-clause redlines that nobody owns."""
    for seat, people in org.holders.items():
        if not seat.startswith("ae-"):
            continue
        coverage = "coverage-" + seat.removeprefix("ae-")
        for seller in people:
            book = sorted({pick_customer(rng) for _ in range(4)})
            for _, day in working_days():
                left = jitter(rng, 8.0)
                if rng.random() < 0.12:
                    redline = rng.choice((0.5, 1.0, 1.5))
                    sheet.log(
                        seller.id,
                        day,
                        redline,
                        "Tariff clause redlines",
                        rng.choice(book),
                        "Tariff pass-through clause",
                    )
                    left -= redline
                if rng.random() < 0.1:
                    sheet.log(seller.id, day, 0.5, "price-exceptions", rng.choice(book))
                    left -= 0.5
                if rng.random() < 0.25:
                    second = rng.choice((1.5, 2.0, 3.0))
                    sheet.log(seller.id, day, second, coverage, rng.choice(book))
                    left -= second
                sheet.log(seller.id, day, left, coverage, rng.choice(book))


# Operations and sales operations: (seat, [(activity, hours a day, with a customer)]).
# Customers on rush work and returns are weighted toward cust-northwind.
OPS_DAYS: tuple[tuple[str, tuple[tuple[str, float, bool], ...]], ...] = (
    ("sales-ops-manager", (("crm-reporting", 5.5, False), ("price-exceptions", 2.5, True))),
    (
        "sales-ops-analyst",
        (
            ("crm-reporting", 5.0, False),
            ("price-exceptions", 1.5, True),
            ("Commission calculations", 1.5, False),
        ),
    ),
    ("wh-manager-columbus", (("warehouse-columbus", 8.0, False),)),
    (
        "wh-supervisor-columbus",
        (("fulfilment-columbus", 6.5, False), ("fulfilment-columbus", 1.5, True)),
    ),
    (
        "wh-associate-columbus",
        (("fulfilment-columbus", 6.0, False), ("fulfilment-columbus", 2.0, True)),
    ),
    # Dallas's manager works the floor two hours a day: the supervisor's work.
    ("wh-manager-dallas", (("warehouse-dallas", 6.0, False), ("fulfilment-dallas", 2.0, True))),
    ("wh-supervisor-dallas", (("fulfilment-dallas", 6.5, False), ("fulfilment-dallas", 1.5, True))),
    ("wh-associate-dallas", (("fulfilment-dallas", 6.0, False), ("fulfilment-dallas", 2.0, True))),
    (
        "purchasing-manager",
        (
            ("inventory-planning", 4.0, False),
            ("purchasing", 2.5, False),
            ("Supplier consolidation RFQs", 1.5, False),
        ),
    ),
    ("buyer", (("purchasing", 6.0, False), ("inventory-planning", 2.0, False))),
    (
        "cs-manager",
        (
            ("order-entry", 4.0, True),
            ("price-exceptions", 1.5, True),
            ("Returns and credits", 2.5, True),
        ),
    ),
    (
        "cs-rep",
        (
            ("order-entry", 5.0, True),
            ("Returns and credits", 2.0, True),
            ("collections", 0.75, True),
        ),
    ),
)
NOTES = {
    "fulfilment-columbus": "Rush order",
    "fulfilment-dallas": "Rush order",
    "Returns and credits": "RMA and credit memo",
    "price-exceptions": "Tariff surcharge exception",
}
BY_EMAIL = ("wh-", "purchasing", "buyer", "cs-")  # these teams' tool exports e-mails


def ops_entries(sheet: Timesheet, org: Org, rng: random.Random) -> None:
    """Sales operations, the warehouses, purchasing and customer service."""
    for seat, plan in OPS_DAYS:
        for person in org.holders[seat]:
            who = person.email if seat.startswith(BY_EMAIL) else person.id
            for _, day in working_days():
                for activity, hours, with_customer in plan:
                    customer = pick_customer(rng, rush=True) if with_customer else ""
                    note = NOTES.get(activity, "") if with_customer and rng.random() < 0.3 else ""
                    sheet.log(who, day, jitter(rng, hours), activity, customer, note)


# Stride in Harvest: (weekday, task, hours, notes); the first three tasks are its scope.
STRIDE_WEEK = (
    (0, "AP processing", 2.5, "Vendor invoices and payment run"),
    (1, "Bank reconciliation", 2.0, "Operating and card accounts"),
    (2, "Payroll queries", 1.5, "Answering payroll questions from managers"),
    (2, "Collections calls", 1.0, "Calls on invoices past 60 days"),
    (3, "AP processing", 2.0, "Vendor invoices and payment run"),
    (4, "Cash forecast", 1.5, "Updating the 13-week cash forecast"),
)
HARVEST_COLUMNS = (
    "Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours", "Hours Rounded",
    "Billable?", "Invoiced?", "Approved?", "First Name", "Last Name", "Roles", "Employee?",
    "Billable Rate", "Billable Amount", "Cost Rate", "Cost Amount", "Currency",
    "External Reference URL",
)  # fmt: skip


def stride_harvest(org: Org, rng: random.Random) -> str:
    """Stride's Harvest detailed time report: in scope mostly, a clear share outside it."""
    lead, staff = org.partners["stride"][:2]
    closing = close_days()
    rows: list[tuple[date, Person, str, float, str]] = []
    for _, day in working_days():
        for weekday, task, hours, notes in STRIDE_WEEK:
            if weekday == day.weekday():
                rows.append((day, lead, task, jitter(rng, hours), notes))
        if day in closing:
            rows.append(
                (day, lead, "Close: month-end", jitter(rng, 3.0), "Accruals and close checklist")
            )
            rows.append(
                (day, staff, "Close: month-end", jitter(rng, 2.0), "Reconciling subledgers")
            )
        if day.weekday() in (1, 3):
            rows.append(
                (day, staff, "AP processing", jitter(rng, 3.0), "Invoice entry and matching")
            )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HARVEST_COLUMNS)
    for day, who, task, logged, notes in rows:
        hours = round(logged * 4) / 4
        if hours < 0.25:
            continue
        rate, bill = who.cost_rate, 95.0
        writer.writerow((
            day.isoformat(), "Acme Distribution", "Finance", "ACME-FIN", task, notes,
            f"{hours:.2f}", f"{hours:.2f}", "Yes", "No" if day.month >= 10 else "Yes", "Yes",
            who.first, who.last, "Bookkeeper", "Yes", f"{bill:.2f}", f"{hours * bill:.2f}",
            f"{rate:.2f}", f"{hours * rate:.2f}", "United States Dollar - USD", "",
        ))  # fmt: skip
    return out.getvalue()


# Brightline in Toggl: (project, tags, description, hours) per person, one entry a day
# on three days a week; demand generation matches a responsibility, the rest nothing.
BRIGHTLINE_WORK = (
    ("Acme: Demand generation", "campaign", "Contractor email campaign", 3.0),
    ("Acme: Demand generation", "trade-show", "Midwest MRO expo booth and leads", 2.5),
    ("Acme: Brand refresh", "brand", "Catalog cover and brand guide", 2.0),
    ("Acme: Web store research", "research", "Interviews with small contractors", 2.0),
)
TOGGL_COLUMNS = (
    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
    "Start time", "End date", "End time", "Duration", "Tags", "Amount (USD)",
)  # fmt: skip


def brightline_toggl(org: Org, rng: random.Random) -> str:
    """Brightline's Toggl Track detailed export."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TOGGL_COLUMNS)
    people = org.partners["brightline"]
    for _, day in working_days():
        for n, person in enumerate(people):
            if day.weekday() not in ((0, 2, 3), (1, 3, 4))[n % 2]:
                continue
            start = datetime.combine(day, time(9, 0))
            for project, tags, description, hours in rng.sample(BRIGHTLINE_WORK, 2):
                length = timedelta(hours=jitter(rng, hours))
                if not length:
                    continue
                end = start + length
                seconds = int(length.total_seconds())
                writer.writerow((
                    person.name, person.email, "Acme Distribution", project, "", description,
                    "Yes", day.isoformat(), start.strftime("%H:%M:%S"), end.date().isoformat(),
                    end.strftime("%H:%M:%S"),
                    f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}",
                    tags, f"{seconds / 3600 * 150:.2f}",
                ))  # fmt: skip
                start = end + timedelta(minutes=30)
    return out.getvalue()


def time_files(org: Org, rng: random.Random) -> dict[str, str]:
    """The three time files, by path under data/."""
    sheet = Timesheet()
    ceo_entries(sheet, org, rng)
    seller_entries(sheet, org, rng)
    ops_entries(sheet, org, rng)
    return {
        "time/acme-timesheet.csv": sheet.text(),
        "time/stride-harvest.csv": stride_harvest(org, rng),
        "time/brightline-toggl.csv": brightline_toggl(org, rng),
    }


# --- calendars (RFC 5545, as Google Calendar exports them) -------------------------------

VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{TZID}", f"X-LIC-LOCATION:{TZID}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT",
    "DTSTART:19700308T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST",
    "DTSTART:19701101T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD",
    "END:VTIMEZONE",
)  # fmt: skip


def fold(line: str) -> str:
    """An RFC 5545 content line folded at 75 octets, ending in CRLF."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = 74  # continuation lines start with a space
    parts.append(data)
    return "\r\n ".join(p.decode("utf-8") for p in parts) + "\r\n"


def stamp(moment: datetime) -> str:
    """A local date-time as written after ``;TZID=...:``."""
    return moment.strftime("%Y%m%dT%H%M%S")


@dataclass(frozen=True)
class Invite:
    """An attendee and their answer."""

    person: Person
    status: str = "ACCEPTED"
    optional: bool = False


class Calendar:
    """One person's exported calendar: the events they organize."""

    def __init__(self, owner: Person, rng: random.Random) -> None:
        self.owner = owner
        self.rng = rng
        self.lines: list[str] = []

    def uid(self) -> str:
        """A Google-style event id."""
        alphabet = "abcdefghijklmnopqrstuv0123456789"
        return "".join(self.rng.choice(alphabet) for _ in range(26)) + "@google.com"

    def event(
        self,
        title: str,
        start: datetime | date,
        end: datetime | date,
        guests: list[Invite],
        *,
        rrule: str | None = None,
        exdates: tuple[datetime, ...] = (),
        uid: str | None = None,
        recurrence_id: datetime | None = None,
        cancelled: bool = False,
        description: str = "",
    ) -> str:
        """Add a VEVENT; return its UID (an override passes the series' UID back in)."""
        uid = uid or self.uid()
        lines = ["BEGIN:VEVENT"]
        if isinstance(start, datetime):
            lines += [f"DTSTART;TZID={TZID}:{stamp(start)}", f"DTEND;TZID={TZID}:{stamp(end)}"]  # type: ignore[arg-type]
        else:
            lines += [f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
        if rrule:
            lines.append(f"RRULE:{rrule}")
        lines += [f"EXDATE;TZID={TZID}:{stamp(x)}" for x in exdates]
        lines.append(f"DTSTAMP:{STAMP}")
        owner = self.owner
        lines.append(f"ORGANIZER;CN={owner.name}:mailto:{owner.email}")
        lines.append(f"UID:{uid}")
        if recurrence_id:
            lines.append(f"RECURRENCE-ID;TZID={TZID}:{stamp(recurrence_id)}")
        for invite in [Invite(owner), *guests]:
            role = "OPT-PARTICIPANT" if invite.optional else "REQ-PARTICIPANT"
            lines.append(
                f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE={role};PARTSTAT={invite.status};"
                f"CN={invite.person.name};X-NUM-GUESTS=0:mailto:{invite.person.email}"
            )
        lines += [
            "CREATED:20260615T140000Z",
            f"DESCRIPTION:{description}",
            "LAST-MODIFIED:20260820T160000Z",
            "LOCATION:",
            f"SEQUENCE:{1 if recurrence_id else 0}",
            f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
            f"SUMMARY:{title}",
            f"TRANSP:{'OPAQUE' if isinstance(start, datetime) else 'TRANSPARENT'}",
            "END:VEVENT",
        ]
        self.lines += lines
        return uid

    def text(self) -> str:
        """The whole VCALENDAR, folded, with CRLF line ends."""
        head = (
            "BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
            "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            f"X-WR-CALNAME:{self.owner.email}", f"X-WR-TIMEZONE:{TZID}",
        )  # fmt: skip
        return "".join(fold(x) for x in (*head, *VTIMEZONE, *self.lines, "END:VCALENDAR"))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time on ``day``."""
    return datetime.combine(day, time(hour, minute))


UNTIL_TRANSFER = "20260831T035959Z"  # Sunday 2026-08-30 23:59:59 in New York
REGIONS = ("east", "central", "south", "west")
REVIEWED = 10  # of each team of 12 sellers, those with deals in the final stages


def reviewed_sellers(org: Org, region: str) -> list[tuple[Person, str]]:
    """(seller, team label) for the sellers of a region whose deals are reviewed."""
    sellers = []
    for team in (1, 2):
        for seller in org.holders[f"ae-{region}-{team}"][:REVIEWED]:
            sellers.append((seller, f"{region.title()} {team}"))
    return sellers


def ceo_calendar(org: Org, rng: random.Random) -> Calendar:
    """Dana's: the strategy session (Stride's lead in, Brightline never), the close
    review, an all-day offsite."""
    cal = Calendar(org.one("ceo"), rng)
    execs = [Invite(org.one("cro")), Invite(org.one("coo"))]
    sam = org.partners["stride"][0]
    raj = org.partners["keystone"][0]
    guests = [*execs, Invite(sam), Invite(raj, optional=True)]
    first = first_weekday(2026, 7, 1)
    series = cal.event(
        "Strategy session", at(first, 9), at(first, 12), guests,
        rrule="FREQ=MONTHLY;BYDAY=1TU", description="Monthly strategy session: goals, plan, risks",
    )  # fmt: skip
    moved = first_weekday(2026, 9, 1)
    cal.event(
        "Strategy session", at(STRATEGY_DAYS[moved], 13), at(STRATEGY_DAYS[moved], 16), guests,
        uid=series, recurrence_id=at(moved, 9), description="Moved: the bank visit is Tuesday",
    )  # fmt: skip
    close = first_weekday(2026, 7, 2, 2)
    cal.event(
        "Month-end close review", at(close, 15), at(close, 16), [Invite(sam)],
        rrule="FREQ=MONTHLY;BYDAY=2WE", description="Open close items with Stride",
    )  # fmt: skip
    cal.event(
        "Q4 planning offsite", date(2026, 10, 15), date(2026, 10, 16), execs,
        description="All day at the Columbus warehouse training room",
    )  # fmt: skip
    return cal


def cro_calendar(org: Org, rng: random.Random) -> Calendar:
    """Maria's: a 15-minute review with 80 sellers every two weeks until the transfer,
    then a weekly forecast review with her four RVPs; sales leadership; the agency."""
    cal = Calendar(org.one("cro"), rng)
    sellers = [s for region in REGIONS for s in reviewed_sellers(org, region)]
    for n, (seller, team) in enumerate(sellers):
        day = week_start(1 + n % 2) + timedelta(days=(1, 3)[n // 2 % 2])  # Tuesday or Thursday
        slot = n // 4  # 20 slots a morning and afternoon: 9:00-11:30, 13:00-15:30
        start = at(day, 9) + timedelta(minutes=15 * slot + (90 if slot >= 10 else 0))
        answer = "DECLINED" if n == 17 else "ACCEPTED"  # one seller never takes the slot
        cal.event(
            f"Deal review: {seller.name} ({team})", start, start + timedelta(minutes=15),
            [Invite(seller, answer)], rrule=f"FREQ=WEEKLY;INTERVAL=2;UNTIL={UNTIL_TRANSFER}",
            description="Pricing under tariffs, contract terms, late-stage deals",
        )  # fmt: skip
    rvps = [Invite(org.one(f"rvp-{r}")) for r in REGIONS]
    transfer = week_start(TRANSFER_WEEK)
    cal.event(
        "Deal review: forecast and escalations with RVPs", at(transfer, 13),
        at(transfer, 15, 30), rvps, rrule="FREQ=WEEKLY;BYDAY=MO",
        exdates=(at(HOLIDAYS[0], 13),), description="Late-stage deals the RVPs escalate",
    )  # fmt: skip
    monday = week_start(1)
    cal.event(
        "Sales leadership meeting", at(monday, 10), at(monday, 11),
        [*rvps, Invite(org.one("sales-ops-manager"))], rrule="FREQ=WEEKLY;BYDAY=MO",
        exdates=(at(HOLIDAYS[0], 10),),
    )  # fmt: skip
    agency = [Invite(p) for p in org.partners["brightline"]]
    cal.event(
        "Marketing sync with Brightline", at(monday + timedelta(days=2), 16),
        at(monday + timedelta(days=2), 17), agency, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
    )  # fmt: skip
    committee = date(2026, 8, 12)
    cal.event(
        "Pricing committee", at(committee, 14), at(committee, 15), rvps, cancelled=True,
        description="Cancelled: tariff schedule not published yet",
    )  # fmt: skip
    return cal


def rvp_calendar(org: Org, region: str, rng: random.Random) -> Calendar:
    """An RVP's: the weekly territory plan with the region's sales managers and, from the
    transfer on, the 15-minute reviews with the region's sellers."""
    cal = Calendar(org.one(f"rvp-{region}"), rng)
    managers = [Invite(org.one(f"sm-{region}-{team}")) for team in (1, 2)]
    tuesday = week_start(1) + timedelta(days=1)
    cal.event(
        f"Sales leadership: {region.title()} territory and quota plan", at(tuesday, 9),
        at(tuesday, 11), managers, rrule="FREQ=WEEKLY;BYDAY=TU",
    )  # fmt: skip
    for n, (seller, team) in enumerate(reviewed_sellers(org, region)):
        day = week_start(TRANSFER_WEEK + n % 2) + timedelta(days=(2, 4)[n // 2 % 2])
        start = at(day, 14) + timedelta(minutes=15 * (n // 4))
        cal.event(
            f"Deal review: {seller.name} ({team})", start, start + timedelta(minutes=15),
            [Invite(seller)], rrule="FREQ=WEEKLY;INTERVAL=2",
            description="Pricing under tariffs, contract terms, late-stage deals",
        )  # fmt: skip
    return cal


def coo_calendar(org: Org, rng: random.Random) -> Calendar:
    """Tom's: the operations plan review and IT steering with Keystone."""
    cal = Calendar(org.one("coo"), rng)
    managers = [
        Invite(org.one(s))
        for s in ("wh-manager-columbus", "wh-manager-dallas", "purchasing-manager", "cs-manager")
    ]
    review = first_weekday(2026, 7, 3, 3)
    cal.event(
        "Operations plan review", at(review, 10), at(review, 12), managers,
        rrule="FREQ=MONTHLY;BYDAY=3TH",
    )  # fmt: skip
    steering = first_weekday(2026, 7, 4, 2)
    cal.event(
        "IT steering with Keystone", at(steering, 11), at(steering, 12),
        [Invite(org.partners["keystone"][0])], rrule="FREQ=MONTHLY;BYDAY=2FR",
    )  # fmt: skip
    return cal


def ops_sync_calendar(org: Org, rng: random.Random) -> Calendar:
    """Paula's weekly "Ops status sync": every manager for an hour, tied to nothing; the
    COO declined it long ago."""
    cal = Calendar(org.one("cs-manager"), rng)
    seats = (
        "wh-manager-columbus", "wh-manager-dallas", "wh-supervisor-columbus",
        "wh-supervisor-dallas", "purchasing-manager",
    )  # fmt: skip
    guests = [Invite(org.one(s)) for s in seats] + [Invite(org.one("coo"), "DECLINED")]
    monday = week_start(1)
    cal.event(
        "Ops status sync", at(monday, 8, 30), at(monday, 9, 30), guests,
        rrule="FREQ=WEEKLY;BYDAY=MO", exdates=(at(HOLIDAYS[0], 8, 30),),
        description="Round the table: open orders, staffing, anything else",
    )  # fmt: skip
    return cal


def calendar_files(org: Org, rng: random.Random) -> dict[str, str]:
    """Every calendar, by path under data/, named after its owner."""
    calendars = [ceo_calendar(org, rng), cro_calendar(org, rng)]
    calendars += [rvp_calendar(org, region, rng) for region in REGIONS]
    calendars += [coo_calendar(org, rng), ops_sync_calendar(org, rng)]
    return {f"calendar/{c.owner.id}.ics": c.text() for c in calendars}


# --- the command ---------------------------------------------------------------------------


def build(root: Path = ACME) -> dict[str, str]:
    """Every data file's text, by path under data/."""
    org = read_org(root)
    files = time_files(org, random.Random(20260706)) | calendar_files(org, random.Random(2026))
    return files | finance_files(random.Random(20261031))


def write(out: Path, root: Path = ACME) -> list[Path]:
    """Write every data file under ``out``; return the paths written."""
    written = []
    for name, text in sorted(build(root).items()):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    """Write the files (into examples/acme/data unless ``--out`` says where)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ACME / "data", help="where to write [examples/acme/data]"
    )
    args = parser.parse_args(argv)
    written = write(args.out)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files, {size / 1024:.0f} KiB, under {args.out}")


if __name__ == "__main__":
    main()
