"""The plan as a scenario: every plan action as an operation, so it can be applied.

- A seat to fill is a ``fill-seat`` by a hire not yet named (and a ``report-to`` for
  each seat it should manage and does not yet); a seat to create is a ``create-seat``
  (over the seats it manages) and the hire that fills it.
- Work owned far above its horizon (LEV001's evidence) gets a ``move-accountability``
  to the seat that does it at its level, or, when that seat is a partner's, to the
  internal seat it reports to: accountability stays inside.
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
- Work whose hours reach no objective (DOT007's evidence) is tied, with ``tie-goals``,
  to the goal its owner's other work serves most: a proposal for the team to confirm.
- The rest (check references, invite to the strategy sessions, the finance actions) are
  notes: advice the scenario shows and never applies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from levelset.model import Finding, Partner, Plan, SeatAction, Workspace
from levelset.model.evidence import (
    HorizonOutsideBandEvidence,
    HoursOutOfSightEvidence,
    NoLineOfSightEvidence,
    PartnerAccountableEvidence,
    PartnerWithoutScopeEvidence,
    PartnerWithoutSharedGoalEvidence,
    WorkOutsideScopeEvidence,
)
from levelset.model.holdings import SeatHoldings
from levelset.model.index import OrgIndex
from levelset.model.org import Responsibility
from levelset.model.scenario import (
    AddRole,
    ChangeGoals,
    ChangeScope,
    CreateSeat,
    FillSeat,
    HandWork,
    MoveAccountability,
    Operation,
    ReportTo,
    Scenario,
    StopMeeting,
    TieGoals,
)
from levelset.model.scenario_apply import apply_scenario
from levelset.plan.owners import chain, owner_for


def plan_scenario(workspace: Workspace, plan: Plan, findings: Iterable[Finding] = ()) -> Scenario:
    """``plan`` (made for ``workspace`` from ``findings``) as a scenario."""
    builder = _Builder(workspace)
    for seat in plan.seats:
        if seat.action == "create":
            above = chain(workspace, seat.reports_to)
            manages = tuple(m for m in seat.manages if m not in above)
            builder.add(
                CreateSeat(
                    seat.seat, seat.title, seat.level, seat.function, seat.reports_to, manages
                )
            )
        else:  # a seat filled to bridge a gap takes the seats it should manage
            for managed in seat.manages:
                if builder.may_manage(seat.seat, managed):
                    builder.add(ReportTo(managed, seat.seat))
        builder.add(FillSeat(seat.seat))
    for transfer in plan.transfers:
        builder.transfer(transfer.work, transfer.from_, transfer.to, transfer.hours_per_week)
    for item in plan.stop_doing:
        builder.add(StopMeeting(item.work))
    found = list(findings)
    for finding in found:
        builder.partner(finding)
    builder.accountability(found)
    builder.new_owners(plan.seats)
    builder.goals(found)
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
        # Kept beside the list so that adding an operation reads none of the others.
        self._added: set[Operation] = set()
        #: Each responsibility's move, with its place in ``operations``.
        self._moves: dict[str, tuple[int, MoveAccountability]] = {}
        self._owned_change: dict[str, int] = {}  # what the planned moves do to each seat
        #: The partner actions (partner, action) that became operations.
        self.covered: set[tuple[str, str]] = set()
        self.holdings = SeatHoldings(workspace)
        self.by_name: dict[str, str] = {}
        #: The responsibilities each seat is accountable for now (before the plan).
        self.owned: dict[str, list[str]] = {}
        for resp in workspace.responsibilities.values():
            self.by_name.setdefault(resp.name, resp.id)
            for seat_id in dict.fromkeys(resp.accountable):
                self.owned.setdefault(seat_id, []).append(resp.id)

    def may_manage(self, seat_id: str, managed: str) -> bool:
        """True when ``managed`` should report to ``seat_id`` and does not yet, and the
        line skips no more than two levels (LEV002's default)."""
        index = OrgIndex(self.workspace)
        seat, below = self.workspace.seats.get(seat_id), self.workspace.seats.get(managed)
        if seat is None or below is None or below.reports_to == seat_id:
            return False
        if below in index.managers(seat):
            return False  # it would report to a seat under itself
        return 0 < (index.rank(seat) or 0) - (index.rank(below) or 0) <= 2

    def _room(self, seat_id: str) -> bool:
        """True when ``seat_id`` can be accountable for one more responsibility without
        owning more than JOB004 allows (its ``max_accountabilities``, 7 by default)."""
        options = self.workspace.settings.rules
        table = options.get("JOB004") or options.get("too-many-accountabilities") or {}
        limit = table.get("max_accountabilities", 7)
        # What the seat owns once the moves planned so far are made (a move is the only
        # operation that changes who is accountable): counted, not applied.
        owned = len(self.owned.get(seat_id, ())) + self._owned_change.get(seat_id, 0)
        return isinstance(limit, int | float) and owned < limit

    def _count_move(self, move: MoveAccountability, sign: int) -> None:
        """Count ``move`` (``sign`` 1) or take it back (-1) in what each seat owns."""
        resp = self.workspace.responsibilities.get(move.responsibility)
        if resp is None:
            return
        change = self._owned_change
        for seat_id in set(resp.accountable):
            change[seat_id] = change.get(seat_id, 0) - sign
        change[move.to] = change.get(move.to, 0) + sign

    def add(self, operation: Operation) -> None:
        """Add ``operation`` once; two moves of one accountability become one (the
        later, better informed, in the place of the first)."""
        if operation in self._added:
            return
        if isinstance(operation, MoveAccountability):
            if not self._room(operation.to):
                return  # the seat would own too much (JOB004): the work stays
            self._count_move(operation, 1)
            n, known = self._moves.get(operation.responsibility, (len(self.operations), None))
            self._moves[operation.responsibility] = (n, operation)
            if known is not None:
                self._count_move(known, -1)
                self._added.discard(known)
                self._added.add(operation)
                self.operations[n] = operation
                return
        self._added.add(operation)
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

    def accountability(self, findings: list[Finding]) -> None:
        """Work owned far above its horizon (``HorizonOutsideBandEvidence``) moves to
        the seat that should own it (``owner_for``), as the organization stands once the
        plan's seats and reporting lines are in place."""
        planned = apply_scenario(self.workspace, Scenario(operations=tuple(self.operations)))
        index = OrgIndex(planned.workspace)
        for finding in findings:
            resp = planned.workspace.responsibilities.get(finding.subject.id)
            if not isinstance(finding.evidence, HorizonOutsideBandEvidence) or resp is None:
                continue
            target = self.owner_for(index, resp)
            if target is not None and target not in resp.accountable:
                self.add(MoveAccountability(resp.id, target))

    def owner_for(self, index: OrgIndex, resp: Responsibility) -> str | None:
        """The internal seat to make accountable for ``resp`` (``owners.owner_for``),
        counting the seats the plan hands the work to as doing it."""
        takers = [
            op.to
            for op in self.operations
            if isinstance(op, HandWork) and op.responsibility == resp.id
        ]
        return owner_for(index, resp, takers)

    def _inside(self, resp: Responsibility, held: list[str], owner: str | None) -> str | None:
        """The internal seat to make accountable for work a partner's seat owns: the
        one ``owner_for`` finds, counting the partner's seats as responsible; else the
        partner's owner."""
        after = apply_scenario(self.workspace, Scenario(operations=tuple(self.operations)))
        index = OrgIndex(after.workspace)
        doing = replace(resp, responsible=tuple(dict.fromkeys((*held, *resp.responsible))))
        found = self.owner_for(index, doing)
        if found is not None and found not in held:
            return found
        seat = after.workspace.seats.get(owner or "")
        if seat is None or resp.horizon is None:
            return None
        fit = index.fit(resp.horizon.low.days, resp.horizon.high.days)
        # the owner only when LEV001 agrees: better the partner stays accountable (a
        # finding kept) than the plan opens another
        return seat.id if fit.misfit(index.rank(seat) or 0, 1) is None else None

    def new_owners(self, seats: Iterable[SeatAction]) -> None:
        """A seat the plan fills or creates owns outcomes: the work of its function
        owned above it whose horizon it is nearer to (and not too short for) moves to
        it, so the new seat has its line of sight and the seats above their horizon."""
        after = apply_scenario(self.workspace, Scenario(operations=tuple(self.operations)))
        index = OrgIndex(after.workspace)
        for action in seats:
            seat = after.workspace.seats.get(action.seat)
            rank = index.rank(seat) if seat is not None else None
            if seat is None or rank is None:
                continue
            above = {s.id for s in index.managers(seat)}
            for resp in after.workspace.responsibilities.values():
                if resp.function != seat.function or resp.horizon is None:
                    continue
                owners = [after.workspace.seats.get(a) for a in resp.accountable]
                if len(owners) != 1 or owners[0] is None or owners[0].id not in above:
                    continue
                fit = index.fit(resp.horizon.low.days, resp.horizon.high.days)
                if fit.misfit(rank, 1) is None:  # its level, as LEV001 judges by default
                    self.add(MoveAccountability(resp.id, seat.id))

    def goals(self, findings: list[Finding]) -> None:
        """Work whose hours reach no objective (``HoursOutOfSightEvidence``), and the work
        of a seat with no line of sight (``NoLineOfSightEvidence``), is tied to the goal
        its owner's other work serves most (or a goal its owner owns), as the
        organization stands after the plan: a proposal for the team to confirm. A seat's
        work with neither may take the goal of the nearest manager of its function
        (the key result a controller owns for the close the accountant does): without
        it, a seat the plan puts over that seat would have no line of sight either."""
        after = apply_scenario(self.workspace, Scenario(operations=tuple(self.operations)))
        index = OrgIndex(after.workspace)
        goals = after.workspace.goals
        resps = after.workspace.responsibilities

        def sighted(goal_ids: Iterable[str]) -> list[str]:
            return [g for g in goal_ids if g in goals and index.connected(goals[g])]

        # by owner, once: a scan of every responsibility per work item is quadratic
        owns: dict[str, list[Responsibility]] = {}
        for other in resps.values():
            for seat_id in dict.fromkeys(other.accountable):
                owns.setdefault(seat_id, []).append(other)
        goals_of: dict[str, list[str]] = {}
        for goal in goals.values():
            if goal.owner is not None:
                goals_of.setdefault(goal.owner, []).append(goal.id)

        for finding in findings:
            evidence = finding.evidence
            if isinstance(evidence, HoursOutOfSightEvidence):
                work = [self.by_name.get(name, "") for name in evidence.work]
            elif isinstance(evidence, NoLineOfSightEvidence):
                work = list(evidence.responsibilities)
            else:
                continue
            for resp_id in work:
                resp = resps.get(resp_id)
                if resp is None or sighted(resp.goals) or len(resp.accountable) != 1:
                    continue
                owner = resp.accountable[0]
                served = Counter(
                    g
                    for other in owns.get(owner, [])
                    if other.id != resp.id
                    for g in sighted(other.goals)
                )
                owned = sighted(goals_of.get(owner, []))
                # the most served, a key result (a goal under another) before an objective
                ranked = sorted(served, key=lambda g: (-served[g], goals[g].parent is None))
                choice = ranked[0] if ranked else owned[0] if owned else None
                if choice is None and isinstance(evidence, NoLineOfSightEvidence):
                    choice = self._managers_goal(index, resp, owner, sighted, goals_of)
                if choice is not None:
                    self.add(TieGoals(resp.id, add=(choice,)))

    def _managers_goal(
        self,
        index: OrgIndex,
        resp: Responsibility,
        owner: str,
        sighted: Callable[[Iterable[str]], list[str]],
        goals_of: Mapping[str, list[str]],
    ) -> str | None:
        """A goal owned by the nearest seat above ``owner`` in ``resp``'s function (a key
        result before an objective), or ``None``: another function's goal is not the
        work's to serve."""
        seat = index.workspace.seats.get(owner)
        if seat is None or not resp.function:
            return None
        for manager in index.managers(seat):
            if manager.function != resp.function:
                continue
            owned = sighted(goals_of.get(manager.id, []))
            if owned:
                goals = index.workspace.goals
                return sorted(owned, key=lambda g: goals[g].parent is None)[0]
        return None

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
            for resp_id in evidence.responsibilities:
                resp = self.workspace.responsibilities.get(resp_id)
                held = [s for s in evidence.seats if resp is not None and s in resp.accountable]
                if resp is None or not held:
                    continue
                owner = self._inside(resp, held, partner.owner)
                if owner is None:
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
