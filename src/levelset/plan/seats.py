"""Seats to fill or create, from the findings whose evidence calls for them.

Evidence that is ``SeatsToFill`` names vacant seats to fill (a vacant seat accountable
for work, work whose accountable seat is vacant); when people above a seat do its work,
the hours a week they spend on it are the work waiting for whoever fills it. Below-band
work that no existing seat can take (``BelowBandWorkEvidence``) calls for a seat at the
work's level, carrying those hours too. A reporting line that skips levels
(``LevelGapEvidence``) or a function with no manager (``FunctionWithoutManagerEvidence``)
calls for a seat at the missing level; when the function already has a vacant seat
there, filling it is proposed instead of creating another, and proposals for the same
function and level are merged into one. The findings' codes are copied into the
actions, never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from levelset.model import Finding, Level, SeatAction, Workspace
from levelset.model.evidence import (
    BelowBandWorkEvidence,
    FunctionWithoutManagerEvidence,
    LevelGapEvidence,
    SeatsToFill,
)
from levelset.model.index import OrgIndex
from levelset.model.org import Seat
from levelset.model.text import per_week, slug


@dataclass
class _Proposal:
    """A seat action being assembled from several findings."""

    action: str
    seat: str
    title: str
    level: str
    function: str
    reports_to: str | None
    manages: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    hours_per_week: float = 0.0
    # What the lists already hold: a seat with thousands of findings must not make
    # merging each one a scan of the others.
    _seen: set[str] = field(default_factory=set)

    def add(self, reason: str, code: str, manages: Iterable[str] = ()) -> None:
        """Merge one more finding's reason, code and seats to manage into this proposal."""
        for item, bucket, kind in ((reason, self.reasons, "r"), (code, self.codes, "c")):
            if item and f"{kind}:{item}" not in self._seen:
                self._seen.add(f"{kind}:{item}")
                bucket.append(item)
        for seat_id in manages:
            if f"m:{seat_id}" not in self._seen:
                self._seen.add(f"m:{seat_id}")
                self.manages.append(seat_id)

    def freeze(self, order: Mapping[str, int]) -> SeatAction:
        """The finished, immutable action; the seats it manages in file order."""
        self.manages.sort(key=lambda seat_id: order.get(seat_id, len(order)))
        return SeatAction(
            action=self.action,
            seat=self.seat,
            title=self.title,
            level=self.level,
            function=self.function,
            reports_to=self.reports_to,
            manages=tuple(self.manages),
            reason=" ".join(self.reasons),
            codes=tuple(self.codes),
            hours_per_week=round(self.hours_per_week, 2),
        )


class SeatPlanner:
    """Collects seat proposals from findings, one per seat id."""

    def __init__(self, workspace: Workspace, index: OrgIndex | None = None) -> None:
        self.workspace = workspace
        self.index = index or OrgIndex(workspace)
        self.proposals: dict[str, _Proposal] = {}
        self._vacancies: dict[str, str] = {}

    def actions(self) -> tuple[SeatAction, ...]:
        """Every proposal, fills before creations, each in the order first found."""
        order = {seat_id: n for n, seat_id in enumerate(self.workspace.seats)}
        frozen = [p.freeze(order) for p in self.proposals.values()]
        return tuple(sorted(frozen, key=lambda a: a.action != "fill"))

    def add(self, finding: Finding) -> None:
        """Turn one finding into a seat proposal, when its evidence calls for one."""
        evidence, code = finding.evidence, finding.code
        if isinstance(evidence, SeatsToFill):
            hours = evidence.hours_waiting()
            for seat_id in evidence.seats_to_fill(finding.subject.id):
                if seat_id not in self.workspace.seats:
                    continue
                self._fill(self.workspace.seats[seat_id], code, finding.message)
                if hours > 0:
                    proposal = self.proposals[seat_id]
                    proposal.hours_per_week += hours
                    proposal.add(f"{per_week(hours)} of its work is done above it today.", code)
        elif isinstance(evidence, LevelGapEvidence):
            self._bridge_gap(finding, evidence)
        elif isinstance(evidence, FunctionWithoutManagerEvidence):
            self._function_manager(finding, evidence)

    def _fill(self, seat: Seat, code: str, message: str, manages: Sequence[str] = ()) -> None:
        proposal = self.proposals.get(seat.id)
        if proposal is None:
            proposal = _Proposal(
                "fill", seat.id, seat.title, seat.level, seat.function, seat.reports_to
            )
            proposal.add("", "", (s.id for s in self.index.reports.get(seat.id, [])))
            self.proposals[seat.id] = proposal
        proposal.add(self._vacancy_reason(seat) or message, code, manages)

    def _vacancy_reason(self, seat: Seat) -> str:
        # The same sentence for every finding on the seat: built once, not once each.
        if seat.id not in self._vacancies:
            work = [r.name for r in self.index.accountable_for.get(seat.id, [])]
            self._vacancies[seat.id] = (
                f"{seat.title} is vacant but accountable for {', '.join(work)}." if work else ""
            )
        return self._vacancies[seat.id]

    def seat_for_work(
        self, finding: Finding, person: str, resp_id: str, hours: float
    ) -> str | None:
        """A seat (vacant or proposed) at the level of below-band work that no existing
        seat can take, carrying its hours; its id, or ``None`` when the work has no
        horizon to place it by."""
        resp = self.workspace.responsibilities.get(resp_id)
        evidence = finding.evidence
        own = evidence.seat if isinstance(evidence, BelowBandWorkEvidence) else ""
        giver = self.workspace.seats.get(own)
        if resp is None or resp.horizon is None:
            return None
        fit = self.index.fit(resp.horizon.low.days, resp.horizon.high.days)
        level = self.workspace.scheme.by_rank(fit.high)
        if level is None:
            return None
        name = self.workspace.people.get(person)
        reason = (
            f"{resp.name} ({per_week(hours)}) has a {resp.horizon} horizon and is done by "
            f"{name.name if name else person}; no seat at {level.id} owns it."
        )
        above = giver is not None and (self.index.rank(giver) or 0) > level.rank
        seat_id = self._place(
            resp.function or (giver.function if giver else ""),
            level,
            reports_to=giver.id if giver is not None and above else None,
            manages=[],
            reason=reason,
            code=finding.code,
        )
        self.proposals[seat_id].hours_per_week += hours
        return seat_id

    def _bridge_gap(self, finding: Finding, evidence: LevelGapEvidence) -> None:
        seat = self.workspace.seats.get(finding.subject.id)
        manager = self.workspace.seats.get(evidence.manager)
        missing = [
            lv for lv in map(self.workspace.scheme.get, evidence.missing_levels) if lv is not None
        ]
        if seat is None or manager is None or not missing:
            return
        level = self._preferred(missing)
        reason = (
            f"{seat.title} ({seat.level}) reports straight to {manager.title} "
            f"({manager.level}); a seat at {level.id} between them owns the "
            f"{seat.function or 'function'} outcomes so {manager.title} is not pulled down."
        )
        below = self.index.rank(manager) or 0
        self._place(
            seat.function,
            level,
            reports_to=manager.id,
            manages=[seat.id],
            reason=reason,
            code=finding.code,
            below=below,
        )

    def _function_manager(self, finding: Finding, evidence: FunctionWithoutManagerEvidence) -> None:
        function = finding.subject.id
        level = self.workspace.scheme.get(evidence.manager_level)
        if level is None:
            return
        seats = [s for s in self.workspace.seats.values() if s.function == function]
        ids = {s.id for s in seats}
        outside = [s.reports_to for s in seats if s.reports_to and s.reports_to not in ids]
        if not outside:  # no seat in the function yet: under whoever owns its work now
            owners = [
                a
                for r in self.workspace.responsibilities.values()
                if r.function == function
                for a in r.accountable
                if a in self.workspace.seats
            ]
            outside = [self._above(o, level) for o in owners]
        reports_to = max(set(outside), key=outside.count) if outside else None
        manages = [
            s.id
            for s in seats
            if (s.reports_to == reports_to or s.reports_to is None)
            and (self.index.rank(s) or 0) < level.rank
        ]
        reason = f"Nobody at {level.id} or above owns the {function} outcomes."
        self._place(
            function,
            level,
            reports_to=reports_to,
            manages=manages,
            reason=reason,
            code=finding.code,
        )

    def _place(
        self,
        function: str,
        level: Level,
        *,
        reports_to: str | None,
        manages: list[str],
        reason: str,
        code: str,
        below: int = 0,
    ) -> str:
        """Fill a vacant seat of ``function`` at ``level`` or propose a new one; its id."""
        vacant = self._vacant_seat(function, level, below)
        if vacant is not None:
            self._fill(vacant, code, reason, manages)
            self.proposals[vacant.id].add(reason, code)
            return vacant.id
        seat_id = slug(f"{function or 'new'}-{level.id}")
        other = self.proposals.get(seat_id)
        if other is not None and reports_to is not None and other.reports_to != reports_to:
            # A new seat sits under the one manager whose people it takes: another
            # manager's gap is another seat.
            seat_id = f"{seat_id}-{reports_to}"
        seat_id = self._free_id(seat_id)
        proposal = self.proposals.get(seat_id)
        if proposal is None:
            title = f"{function.title()} {level.name.lower()}".strip()
            proposal = _Proposal("create", seat_id, title, level.id, function, reports_to)
            self.proposals[seat_id] = proposal
        proposal.add(reason, code, manages)
        return seat_id

    def _free_id(self, seat_id: str) -> str:
        """``seat_id``, or ``seat_id-2``, ``-3``... when a seat of the workspace has it
        already (one an earlier plan created, under another manager): a new seat is new."""
        found, n = seat_id, 2
        while found in self.workspace.seats:
            found, n = f"{seat_id}-{n}", n + 1
        return found

    def _vacant_seat(self, function: str, level: Level, below: int = 0) -> Seat | None:
        """The lowest vacant seat of ``function`` at ``level`` or above (and below rank
        ``below`` when given): filling it closes the gap without a new seat."""
        candidates = [
            s
            for s in self.workspace.seats.values()
            if s.vacant
            and s.function == function
            and level.rank <= (self.index.rank(s) or 0) < (below or 10**6)
        ]
        candidates.sort(key=lambda s: self.index.rank(s) or 0)
        return candidates[0] if candidates else None

    def _above(self, seat_id: str, level: Level) -> str:
        """``seat_id`` or the nearest seat above it ranked over ``level``: where a new
        seat at ``level`` can report."""
        seat = self.workspace.seats[seat_id]
        for candidate in (seat, *self.index.managers(seat)):
            if (self.index.rank(candidate) or 0) > level.rank:
                return candidate.id
        return seat_id

    def _preferred(self, missing: list[Level]) -> Level:
        """The manager level when it is among the missing ones, else the middle one."""
        threshold = self.index.manager_rank()
        for level in missing:
            if level.rank == threshold:
                return level
        return missing[len(missing) // 2]
