"""Transfers: work to move from whoever does it to the seat that should, with the hours
a week it frees and what the move does to its cost.

They come from the findings that measure hours on the wrong desk: others' work (JOB005),
work below a person's band (LEV005), a vacant seat's work done above it (LEV006) and a
partner's work outside its scope (OUT007, unless a seat the partner holds is named on
that work: then its scope is what should change). The same work from the same giver is
moved once, by the first of those codes that asks for it, in that order. The cost difference
is a week of the work at the receiving seat's holders' rate minus the same hours at the
giver's rate: negative saves money. It is unknown (``None``) when the receiving seat is
vacant or a rate is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from statistics import fmean

from levelset.model import Finding, Transfer, Workspace
from levelset.model.index import OrgIndex

#: The codes that yield transfers, in the order their transfers win.
TRANSFER_CODES = ("JOB005", "LEV005", "LEV006", "OUT007")

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
        for code in TRANSFER_CODES:
            for finding in (f for f in found if f.code == code):
                for resp_id, giver, seat_id, hours, reason in self._moves(finding):
                    self._add(resp_id, giver, seat_id, hours, f"{reason} ({code})")
        return tuple(sorted(self.transfers.values(), key=lambda t: -t.hours_per_week))

    def _moves(self, finding: Finding) -> Iterator[tuple[str, str, str, float, str]]:
        evidence, subject = finding.evidence, finding.subject.id
        if finding.code == "LEV006":
            people = _strings(evidence.get("transfer_people"))
            work = _strings(evidence.get("transfer_responsibilities"))
            hours = _numbers(evidence.get("transfer_hours_per_week"))
            seat = self.workspace.seats.get(subject)
            why = f"{seat.title if seat else subject} is vacant and its work is done above it."
            for person, resp_id, amount in zip(people, work, hours, strict=False):
                yield resp_id, person, subject, amount, why
            return
        work = _strings(evidence.get("responsibilities"))
        hours = _numbers(evidence.get("hours_per_week_by_responsibility"))
        if finding.code == "LEV005":
            targets = _strings(evidence.get("transfer_to"))
            own = self.workspace.seats.get(str(evidence.get("seat") or ""))
            band = f"{own.title}'s {evidence.get('band')}" if own else f"the {evidence.get('band')}"
            for resp_id, amount, target in zip(work, hours, targets, strict=False):
                seat_id = target or self._new_seat(finding, subject, resp_id, amount)
                if seat_id:
                    yield (
                        resp_id,
                        subject,
                        seat_id,
                        amount,
                        f"Its horizon is below {band} band.",
                    )
            return
        owners = _strings(evidence.get("accountable"))
        for resp_id, amount, owner in zip(work, hours, owners, strict=False):
            if not owner or (finding.code == "OUT007" and self._partner_seat_on(subject, resp_id)):
                continue
            seat = self.workspace.seats.get(owner)
            title = seat.title if seat else owner
            why = (
                f"{title} is accountable for it."
                if finding.code == "JOB005"
                else f"It is outside the partner's scope; {title} is accountable for it."
            )
            yield resp_id, subject, owner, amount, why

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


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _numbers(value: object) -> list[float]:
    if not isinstance(value, list):
        return []
    return [float(v) for v in value if isinstance(v, int | float) and not isinstance(v, bool)]
