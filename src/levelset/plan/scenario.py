"""The plan as a scenario: every plan action as an operation, so it can be applied.

- A seat to fill is a ``fill-seat`` by a hire not yet named; a seat to create is a
  ``create-seat`` (over the seats it manages) and the hire that fills it.
- A transfer is a ``hand-work``: the hours move to the seat's holders. When the seat
  taking the work is held by a partner and the work is outside the partner's scope, the
  scope is extended and the seat named responsible: accountability stays inside, as the
  outsourcing article has it, so the plan does not hand a partner work the partner's
  own check then sends back.
- A stop-doing item is a ``stop-meeting``.
- Partner actions become operations where the evidence says which ids to change: an
  accountable partner gives the accountability to its owner and stays responsible
  (``PartnerAccountableEvidence``); a partner without scope gets the work its seats are
  named on (``PartnerWithoutScopeEvidence``); one that shares no goal shares the goals
  of its scope (``PartnerWithoutSharedGoalEvidence``); work outside its scope that a seat
  it holds is named on joins its scope (``WorkOutsideScopeEvidence``).
- The rest (check references, invite to the strategy sessions, the finance actions) are
  notes: advice the scenario shows and never applies.
"""

from __future__ import annotations

from collections.abc import Iterable

from levelset.model import Finding, Partner, Plan, Workspace
from levelset.model.evidence import (
    PartnerAccountableEvidence,
    PartnerWithoutScopeEvidence,
    PartnerWithoutSharedGoalEvidence,
    WorkOutsideScopeEvidence,
)
from levelset.model.holdings import SeatHoldings
from levelset.model.scenario import (
    AddRole,
    ChangeGoals,
    ChangeScope,
    CreateSeat,
    FillSeat,
    HandWork,
    MoveAccountability,
    Operation,
    Scenario,
    StopMeeting,
)


def plan_scenario(workspace: Workspace, plan: Plan, findings: Iterable[Finding] = ()) -> Scenario:
    """``plan`` (made for ``workspace`` from ``findings``) as a scenario."""
    builder = _Builder(workspace)
    for seat in plan.seats:
        if seat.action == "create":
            builder.add(
                CreateSeat(
                    seat.seat, seat.title, seat.level, seat.function, seat.reports_to, seat.manages
                )
            )
        builder.add(FillSeat(seat.seat))
    for transfer in plan.transfers:
        builder.transfer(transfer.work, transfer.from_, transfer.to, transfer.hours_per_week)
    for item in plan.stop_doing:
        builder.add(StopMeeting(item.work))
    for finding in findings:
        builder.partner(finding)
    notes = [
        f"{a.partner}: {a.action.replace('-', ' ')}: {a.reason}"
        for a in plan.partners
        if (a.partner, a.action) not in builder.covered
    ]
    notes += [
        f"{a.action.replace('-', ' ')} {a.name or a.subject}: {a.reason}" for a in plan.finance
    ]
    return Scenario(
        name=f"The plan for {workspace.name}",
        operations=tuple(builder.operations),
        notes=tuple(notes),
    )


class _Builder:
    """Operations in order, each once; scope additions merged per partner."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.operations: list[Operation] = []
        #: The partner actions (partner, action) that became operations.
        self.covered: set[tuple[str, str]] = set()
        self.holdings = SeatHoldings(workspace)
        self.by_name: dict[str, str] = {}
        for resp in workspace.responsibilities.values():
            self.by_name.setdefault(resp.name, resp.id)

    def add(self, operation: Operation) -> None:
        if operation not in self.operations:
            self.operations.append(operation)

    def transfer(self, work: str, giver: str, seat_id: str, hours: float) -> None:
        resp_id = self.by_name.get(work, work)
        self.add(HandWork(resp_id, giver, seat_id, hours))
        seat = self.workspace.seats.get(seat_id)
        for holder in seat.holders if seat is not None else ():
            firm = holder.partner or self._firm(holder.person)
            if firm is not None:
                self._partner_does(firm, resp_id, seat_id)

    def _firm(self, person: str | None) -> str | None:
        who = self.workspace.people.get(person or "")
        return who.partner if who is not None else None

    def _partner_does(self, firm: str, resp_id: str, seat_id: str) -> None:
        """A partner's seat takes work: it is responsible for it, in its scope."""
        partner = self.workspace.partners.get(firm)
        resp = self.workspace.responsibilities.get(resp_id)
        if partner is None or resp is None:
            return
        if resp_id not in partner.scope:
            self.add(ChangeScope(firm, add=(resp_id,)))
        if seat_id not in (*resp.accountable, *resp.responsible):
            self.add(AddRole(resp_id, "responsible", seat_id))

    def partner(self, finding: Finding) -> None:
        """The operations a partner finding's evidence calls for."""
        evidence, firm = finding.evidence, finding.subject.id
        partner = self.workspace.partners.get(firm)
        if partner is None or finding.subject.kind != "partner":
            return
        before = len(self.operations)
        self._partner_operations(finding, evidence, firm, partner)
        action = getattr(evidence, "partner_action", "")
        if len(self.operations) > before or (action == "settle-scope" and self._settled(firm)):
            self.covered.add((firm, action))

    def _settled(self, firm: str) -> bool:
        """True when the plan's transfers already extend the partner's scope."""
        return any(isinstance(op, ChangeScope) and op.partner == firm for op in self.operations)

    def _partner_operations(
        self, finding: Finding, evidence: object, firm: str, partner: Partner
    ) -> None:
        if isinstance(evidence, PartnerAccountableEvidence):
            owner = partner.owner if partner.owner in self.workspace.seats else None
            for resp_id in evidence.responsibilities:
                resp = self.workspace.responsibilities.get(resp_id)
                held = [s for s in evidence.seats if resp is not None and s in resp.accountable]
                if owner is None or resp is None or not held:
                    continue
                self.add(MoveAccountability(resp_id, owner))
                for seat_id in held:  # no longer accountable: responsible, in scope
                    if resp_id not in partner.scope:
                        self.add(ChangeScope(firm, add=(resp_id,)))
                    if seat_id not in resp.responsible:
                        self.add(AddRole(resp_id, "responsible", seat_id))
        elif isinstance(evidence, PartnerWithoutScopeEvidence):
            seats = {s.id for s in self.holdings.firm_seats().get(firm, [])}
            named = tuple(
                r.id
                for r in self.workspace.responsibilities.values()
                if seats.intersection((*r.accountable, *r.responsible))
            )
            if named:
                self.add(ChangeScope(firm, add=named))
        elif isinstance(evidence, PartnerWithoutSharedGoalEvidence):
            goals = [
                g
                for r in evidence.scope
                for g in getattr(self.workspace.responsibilities.get(r), "goals", ())
            ]
            if goals:
                self.add(ChangeGoals(firm, add=tuple(dict.fromkeys(goals))))
        elif isinstance(evidence, WorkOutsideScopeEvidence):
            seats = {s.id for s in self.holdings.firm_seats().get(firm, [])}
            for resp_id in evidence.responsibilities:
                resp = self.workspace.responsibilities.get(resp_id)
                if resp is not None and seats.intersection((*resp.accountable, *resp.responsible)):
                    self.add(ChangeScope(firm, add=(resp_id,)))


__all__ = ["plan_scenario"]
