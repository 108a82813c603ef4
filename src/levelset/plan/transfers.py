"""Transfers: work to move from whoever does it to the seat that should, with the hours
a week it frees and what the move does to its cost.

They come from the findings whose evidence measures hours on the wrong desk: others'
work (``OthersWorkEvidence``), work below a person's band (``BelowBandWorkEvidence``), a
vacant seat's work done above it (``VacantSeatWorkEvidence``) and a partner's work
outside its scope (``WorkOutsideScopeEvidence``, unless a seat the partner holds is named
on that work: then its scope is what should change). The same work from the same giver
is moved once, by the first of those kinds of evidence that asks for it, in that order;
the finding's code is copied into the reason. The cost difference
is a week of the work at the receiving seat's holders' rate minus the same hours at the
giver's rate: negative saves money. It is unknown (``None``) when the receiving seat is
vacant or a rate is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from statistics import fmean

from levelset.model import Finding, Transfer, Workspace
from levelset.model.evidence import (
    BelowBandWorkEvidence,
    Evidence,
    OthersWorkEvidence,
    VacantSeatWorkEvidence,
    WorkOutsideScopeEvidence,
)
from levelset.model.index import OrgIndex

#: The evidence that yields transfers, in the order its transfers win.
TRANSFER_EVIDENCE: tuple[type[Evidence], ...] = (
    OthersWorkEvidence,
    BelowBandWorkEvidence,
    VacantSeatWorkEvidence,
    WorkOutsideScopeEvidence,
)

#: One piece of work to move: ``(responsibility, giver, seat, hours a week, reason)``.
Move = tuple[str, str, str, float, str]

#: Placing work no existing seat can take: ``(finding, person, responsibility, hours)``
#: gives the id of the seat proposed for it, or ``None``.
SeatForWork = Callable[[Finding, str, str, float], str | None]


class TransferBuilder:
    """Turns the hours findings into transfers, one per piece of work and giver."""

    def __init__(
        self, workspace: Workspace, index: OrgIndex, seat_for: SeatForWork | None = None
    ) -> None:
        self.workspace = workspace
        self.index = index
        self.seat_for = seat_for
        self.transfers: dict[tuple[str, str], Transfer] = {}

    def build(self, findings: Iterable[Finding]) -> tuple[Transfer, ...]:
        """The transfers the findings call for, the most hours first."""
        found = list(findings)
        for kind in TRANSFER_EVIDENCE:
            for finding in (f for f in found if isinstance(f.evidence, kind)):
                for resp_id, giver, seat_id, hours, reason in self._moves(finding):
                    self._add(resp_id, giver, seat_id, hours, f"{reason} ({finding.code})")
        return tuple(sorted(self.transfers.values(), key=lambda t: -t.hours_per_week))

    def _moves(self, finding: Finding) -> Iterator[Move]:
        evidence, subject = finding.evidence, finding.subject.id
        if isinstance(evidence, VacantSeatWorkEvidence):
            yield from self._to_vacant_seat(evidence, subject)
        elif isinstance(evidence, BelowBandWorkEvidence):
            yield from self._below_band(finding, evidence, subject)
        elif isinstance(evidence, OthersWorkEvidence):
            yield from self._to_owners(evidence, subject, "{title} is accountable for it.")
        elif isinstance(evidence, WorkOutsideScopeEvidence):
            yield from self._to_owners(
                evidence,
                subject,
                "It is outside the partner's scope; {title} is accountable for it.",
                partner=subject,
            )

    def _to_vacant_seat(self, evidence: VacantSeatWorkEvidence, subject: str) -> Iterator[Move]:
        """The vacant seat's work, from each person doing it to the seat."""
        seat = self.workspace.seats.get(subject)
        why = f"{seat.title if seat else subject} is vacant and its work is done above it."
        moves = zip(
            evidence.transfer_people,
            evidence.transfer_responsibilities,
            evidence.transfer_hours_per_week,
            strict=False,
        )
        for person, resp_id, amount in moves:
            yield resp_id, person, subject, amount, why

    def _below_band(
        self, finding: Finding, evidence: BelowBandWorkEvidence, subject: str
    ) -> Iterator[Move]:
        """Below-band work, to the seat named for it or to a seat proposed at its level."""
        own = self.workspace.seats.get(evidence.seat)
        band = f"{own.title}'s {evidence.band}" if own else f"the {evidence.band}"
        pieces = zip(
            evidence.responsibilities,
            evidence.hours_per_week_by_responsibility,
            evidence.transfer_to,
            strict=False,
        )
        for resp_id, amount, target in pieces:
            seat_id = target or self._new_seat(finding, subject, resp_id, amount)
            if seat_id:
                yield resp_id, subject, seat_id, amount, f"Its horizon is below {band} band."

    def _to_owners(
        self,
        evidence: OthersWorkEvidence | WorkOutsideScopeEvidence,
        subject: str,
        why: str,
        partner: str | None = None,
    ) -> Iterator[Move]:
        """Work done by ``subject``, to the seat accountable for each piece; a partner's
        work stays when a seat it holds is named on it (its scope should change)."""
        pieces = zip(
            evidence.responsibilities,
            evidence.hours_per_week_by_responsibility,
            evidence.accountable,
            strict=False,
        )
        for resp_id, amount, owner in pieces:
            if not owner or (partner is not None and self._partner_seat_on(partner, resp_id)):
                continue
            seat = self.workspace.seats.get(owner)
            yield resp_id, subject, owner, amount, why.format(title=seat.title if seat else owner)

    def _partner_seat_on(self, partner: str, resp_id: str) -> bool:
        """True when a seat the partner holds is named on the work: then the fix is to
        widen its scope (a partner action), not to take the work away."""
        resp = self.workspace.responsibilities.get(resp_id)
        held = {s.id for s in self.index.partner_seats.get(partner, [])}
        return resp is not None and bool(held.intersection(resp.accountable + resp.responsible))

    def _new_seat(self, finding: Finding, person: str, resp_id: str, hours: float) -> str | None:
        return self.seat_for(finding, person, resp_id, hours) if self.seat_for else None

    def _add(self, resp_id: str, giver: str, seat_id: str, hours: float, reason: str) -> None:
        if (resp_id, giver) in self.transfers or hours <= 0:
            return
        resp = self.workspace.responsibilities.get(resp_id)
        self.transfers[resp_id, giver] = Transfer(
            work=resp.name if resp else resp_id,
            from_=giver,
            to=seat_id,
            hours_per_week=round(hours, 2),
            cost_difference=self._cost_difference(giver, seat_id, hours),
            reason=reason,
        )

    def _cost_difference(self, giver: str, seat_id: str, hours: float) -> float | None:
        before = self._giver_rate(giver)
        after = self.seat_rate(seat_id)
        if before is None or after is None:
            return None
        return round((after - before) * hours, 2)

    def _giver_rate(self, giver: str) -> float | None:
        person = self.workspace.people.get(giver)
        if person is not None:
            return person.cost_rate
        return self._firm_rate(giver)

    def seat_rate(self, seat_id: str) -> float | None:
        """The mean cost rate of the people holding ``seat_id``; ``None`` when it is
        vacant, unknown or none of its holders has a rate."""
        seat = self.workspace.seats.get(seat_id)
        if seat is None:
            return None
        rates: list[float] = []
        for holder in seat.holders:
            if holder.person is not None:
                person = self.workspace.people.get(holder.person)
                if person is not None and person.cost_rate is not None:
                    rates.append(person.cost_rate)
            else:
                firm = self._firm_rate(holder.partner or "")
                if firm is not None:
                    rates.append(firm)
        return fmean(rates) if rates else None

    def _firm_rate(self, partner_id: str) -> float | None:
        rates = [
            p.cost_rate
            for p in self.workspace.people.values()
            if p.partner == partner_id and p.cost_rate is not None
        ]
        return fmean(rates) if rates else None
