"""The people of a workspace, and one person in full: their seats, their hours by where
they fall against their seat's band, week by week, and their line of sight to the top
objectives (the web app's people pages and their JSON answers).

The hours come from the session's cube and are placed against a band as the report's
leadership figures place them (``service.report``), so a leader's page and the report
agree; a workspace without time or calendar data has no hours (``missing`` says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from levelset.model import Report, Workspace
from levelset.model.holdings import SeatHoldings, seats_held_by
from levelset.model.index import OrgIndex
from levelset.model.org import Seat
from levelset.model.trend import ABOVE, BELOW, IN_BAND, NO_HORIZON, UNMATCHED
from levelset.plan.line_of_sight import LineOfSight
from levelset.service.errors import LevelsetError, UsageError
from levelset.service.findings import FindingRow, finding_rows, findings_about
from levelset.service.report import (  # the report's own placing of hours against a band
    HorizonClasses,
    hours_by_week_and_work,
)
from levelset.service.session import Session

#: Said on a person's page when the workspace has no event data.
NO_HOURS = "No event data: put time entries or calendars in data/."


class NotFound(UsageError):  # noqa: N818 - a refusal, not a bug
    """The page asks for someone or something the workspace does not have."""

    http_status = 404


@dataclass(frozen=True)
class SeatRef:
    """A seat by id, title and level."""

    id: str
    title: str
    level: str


@dataclass(frozen=True)
class PersonRow:
    """A person in the list: name, the partner firm they belong to, the seats they hold."""

    id: str
    name: str
    partner: str | None
    seats: tuple[SeatRef, ...]


@dataclass(frozen=True)
class WeekHours:
    """A week's hours: all of them, and those against the seat's band."""

    week: date
    hours: float
    below: float
    in_band: float
    above: float


@dataclass(frozen=True)
class BandHours:
    """Hours over the window by where they fall against ``seat``'s band."""

    seat: SeatRef
    below: float
    in_band: float
    above: float
    no_horizon: float
    unmatched: float


@dataclass(frozen=True)
class PersonPage:
    """One person: seats, hours by band (against the highest seat they hold), the weekly
    trend, the line of sight and the findings about them."""

    id: str
    name: str
    email: str
    partner: str | None
    seats: tuple[SeatRef, ...]
    bands: BandHours | None
    weeks: tuple[WeekHours, ...]
    sight: LineOfSight | None
    findings: tuple[FindingRow, ...]
    missing: str | None


def seat_ref(seat: Seat) -> SeatRef:
    """``seat`` by id, title and level."""
    return SeatRef(seat.id, seat.title, seat.level)


def people_list(workspace: Workspace) -> tuple[PersonRow, ...]:
    """Everyone, by name."""
    people = sorted(workspace.people.values(), key=lambda p: (p.name.casefold(), p.id))
    holdings = SeatHoldings(workspace)  # built once: a person at a time would be quadratic
    return tuple(
        PersonRow(p.id, p.name, p.partner, tuple(seat_ref(s) for s in holdings.seats_of(p.id)))
        for p in people
    )


def person_page(session: Session, report: Report, person_id: str) -> PersonPage:
    """The page of the person ``person_id``; ``NotFound`` for an unknown id."""
    workspace = session.workspace
    person = workspace.people.get(person_id)
    if person is None:
        raise NotFound(f"no person {person_id!r}")
    seats = seats_held_by(workspace, person.id)
    index = OrgIndex(workspace)
    top = max(seats, key=lambda s: index.rank(s) or 0, default=None)
    bands: BandHours | None = None
    weeks: tuple[WeekHours, ...] = ()
    sight: LineOfSight | None = None
    missing: str | None = None
    if report.allocation is None:
        missing = NO_HOURS
    else:
        try:
            bands, weeks = _hours(session, workspace, index, person.id, top)
            sight = session.line_of_sight(person.id, on_problem=_ignore)
        except LevelsetError as error:
            missing = error.message
    rows = finding_rows(report.findings, session.registry.families)
    return PersonPage(
        id=person.id,
        name=person.name,
        email=person.email,
        partner=person.partner,
        seats=tuple(seat_ref(s) for s in seats),
        bands=bands,
        weeks=weeks,
        sight=sight,
        findings=findings_about(rows, [("person", person.id), *(("seat", s.id) for s in seats)]),
        missing=missing,
    )


def _hours(
    session: Session, workspace: Workspace, index: OrgIndex, person: str, seat: Seat | None
) -> tuple[BandHours | None, tuple[WeekHours, ...]]:
    """The person's hours by band against ``seat`` and their weekly series."""
    trend = session.trend("hours", person, on_problem=_ignore)
    rows = hours_by_week_and_work(session, [person]).get(person, [])
    rank = index.rank(seat) if seat is not None else None
    classes = HorizonClasses(workspace, index)
    totals = dict.fromkeys((BELOW, IN_BAND, ABOVE, NO_HORIZON, UNMATCHED), 0.0)
    weekly: dict[date, dict[str, float]] = {}
    for week, work, hours in rows:
        place = classes.place(work, rank)
        totals[place] += hours
        by_place = weekly.setdefault(week, dict.fromkeys((BELOW, IN_BAND, ABOVE), 0.0))
        if place in by_place:
            by_place[place] += hours
    weeks = tuple(
        WeekHours(
            week,
            round(hours, 2),
            *(round(weekly.get(week, {}).get(place, 0.0), 2) for place in (BELOW, IN_BAND, ABOVE)),
        )
        for week, hours in zip(trend.weeks, trend.primary.values, strict=True)
    )
    if seat is None:
        return None, weeks
    bands = BandHours(seat_ref(seat), *(round(totals[p], 2) for p in totals))
    return bands, weeks


def _ignore(_problem: object) -> None:
    """Rows the figures leave out were already reported by the check."""
