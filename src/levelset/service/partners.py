"""A partner as the whole organization sees it: what the report says of it (scope, owner,
references, shared goals, strategy sessions, hours outside scope), the seats it holds,
its people and the findings about it, its seats and its people.

This is the leadership's view of a partner; what a partner itself may see of the
organization is its slice, cut in ``service.audience``.
"""

from __future__ import annotations

from dataclasses import dataclass

from levelset.model import Report
from levelset.report.views import PartnerSummary
from levelset.service.findings import FindingRow, finding_rows, findings_about
from levelset.service.people import NotFound, PersonRow, SeatRef, people_list, seat_ref
from levelset.service.report import partner_summary
from levelset.service.session import Session


@dataclass(frozen=True)
class PartnerPage:
    """One partner in full."""

    summary: PartnerSummary
    seats: tuple[SeatRef, ...]
    people: tuple[PersonRow, ...]
    findings: tuple[FindingRow, ...]


def partners_list(session: Session, report: Report) -> tuple[PartnerSummary, ...]:
    """Every partner as the report shows it, by name."""
    workspace = session.workspace
    partners = sorted(workspace.partners.values(), key=lambda p: (p.name.casefold(), p.id))
    return tuple(partner_summary(workspace, p, report.allocation) for p in partners)


def partner_page(session: Session, report: Report, partner_id: str) -> PartnerPage:
    """The page of the partner ``partner_id``; ``NotFound`` for an unknown id."""
    workspace = session.workspace
    partner = workspace.partners.get(partner_id)
    if partner is None:
        raise NotFound(f"no partner {partner_id!r}")
    seats = [
        seat
        for seat in workspace.seats.values()
        if any(holder.partner == partner.id for holder in seat.holders)
    ]
    people = tuple(
        row
        for row in people_list(workspace)
        if row.partner == partner.id or row.id in partner.people
    )
    subjects = [
        ("partner", partner.id),
        *(("seat", seat.id) for seat in seats),
        *(("person", person.id) for person in people),
    ]
    rows = finding_rows(report.findings, session.registry.families)
    return PartnerPage(
        summary=partner_summary(workspace, partner, report.allocation),
        seats=tuple(seat_ref(seat) for seat in seats),
        people=people,
        findings=findings_about(rows, subjects),
    )
