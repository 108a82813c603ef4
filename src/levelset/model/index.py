"""Derived views of a workspace that many rules share: who reports to whom, who holds
what, which seat is accountable for what, and where a horizon fits in the level scheme.

Built once per check and read by every rule, so no rule re-scans the workspace to answer
the same question. Pure: it reads the model and imports nothing else of levelset.
"""

from __future__ import annotations

from dataclasses import dataclass

from levelset.model.goals import GoalTree
from levelset.model.holdings import SeatHoldings
from levelset.model.levels import MANAGER_RANK, Level
from levelset.model.org import Goal, Holder, Responsibility, Seat
from levelset.model.workspace import Workspace

#: Calendar periods are ragged (a quarter is 90 to 92 days, a year 365 or 366) while level
#: bands meet at exact lengths (3 months = 91.3 days), so lengths read from periods are
#: widened by this share on each side before they are placed in the scheme.
PERIOD_SLACK = 0.05


@dataclass(frozen=True, slots=True)
class Fit:
    """Where a horizon sits in a level scheme: the lowest and highest rank whose band
    holds it (equal unless the horizon is a range or lies on a shared edge)."""

    low: int
    high: int

    def misfit(self, rank: int, tolerance: int) -> str | None:
        """``"above"`` when the work is longer than a seat at ``rank`` owns, ``"below"``
        when it is shorter by more than ``tolerance`` levels, else ``None``."""
        if rank < self.low:
            return "above"
        if rank > self.high + tolerance:
            return "below"
        return None


class OrgIndex:
    """Read-only derived views of one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.goal_tree = GoalTree(workspace.goals)
        self.reports: dict[str, list[Seat]] = {}
        self.accountable_for: dict[str, list[Responsibility]] = {}
        self.responsible_for: dict[str, list[Responsibility]] = {}
        self.goals_owned: dict[str, list[Goal]] = {}
        #: Who holds which seat, people and partner firms alike.
        self.holdings = SeatHoldings(workspace)
        self.partner_seats: dict[str, list[Seat]] = self.holdings.firm_seats()
        self._fits: dict[tuple[float, float], Fit] = {}
        self._held_inside: dict[str, dict[int, list[tuple[int, Seat]]]] | None = None
        self._index_seats()
        self._index_work()

    def _index_seats(self) -> None:
        reports = self.reports
        for seat in self.workspace.seats.values():
            if seat.reports_to is not None:
                reports.setdefault(seat.reports_to, []).append(seat)

    def _index_work(self) -> None:
        accountable, responsible = self.accountable_for, self.responsible_for
        for resp in self.workspace.responsibilities.values():
            # A seat named twice counts once; one seat (the usual case) needs no check.
            seats = resp.accountable
            for seat_id in seats if len(seats) < 2 else dict.fromkeys(seats):
                accountable.setdefault(seat_id, []).append(resp)
            seats = resp.responsible
            for seat_id in seats if len(seats) < 2 else dict.fromkeys(seats):
                responsible.setdefault(seat_id, []).append(resp)
        for goal in self.workspace.goals.values():
            if goal.owner is not None:
                self.goals_owned.setdefault(goal.owner, []).append(goal)

    # -- levels -------------------------------------------------------------------------

    def level(self, seat: Seat) -> Level | None:
        """The level of ``seat`` in the workspace's scheme, or ``None`` when unknown."""
        return self.workspace.scheme.get(seat.level)

    def rank(self, seat: Seat) -> int | None:
        """The rank of ``seat``'s level (1 is the lowest), or ``None`` when unknown."""
        level = self.level(seat)
        return level.rank if level else None

    def manager_rank(self, level_id: str = "") -> int:
        """The rank from which a level counts as manager level or above.

        ``level_id`` (a rule option) wins when it names a level of the scheme; otherwise
        the built-in scheme's own manager rank, or the middle level of a custom scheme.
        """
        scheme = self.workspace.scheme
        chosen = scheme.get(level_id) if level_id else None
        if chosen is not None:
            return chosen.rank
        if scheme.name in MANAGER_RANK:
            return MANAGER_RANK[scheme.name]
        return max(1, (len(scheme.levels) + 1) // 2)

    def fit(self, low_days: float, high_days: float) -> Fit:
        """The ranks whose bands overlap ``low_days..high_days``.

        Work longer than the top band fits only the top level and work shorter than the
        bottom band only the bottom one: nobody above the top can own it either.
        """
        # Horizons repeat across thousands of responsibilities: place each once.
        found = self._fits.get((low_days, high_days))
        if found is None:
            found = self._fits[low_days, high_days] = self._fit(low_days, high_days)
        return found

    def _fit(self, low_days: float, high_days: float) -> Fit:
        levels = self.workspace.scheme.levels
        ranks = [
            lv.rank
            for lv in levels
            if lv.horizon.low.days <= high_days and low_days <= lv.horizon.high.days
        ]
        if ranks:
            return Fit(min(ranks), max(ranks))
        top = len(levels)
        if levels and low_days > levels[-1].horizon.high.days:
            return Fit(top, top)
        return Fit(1, 1)

    def period_fit(self, days: float) -> Fit:
        """Like ``fit`` for the length of a calendar period, allowing for ragged months."""
        return self.fit(days * (1 - PERIOD_SLACK), days * (1 + PERIOD_SLACK))

    def level_ids(self, fit: Fit) -> list[str]:
        """The ids of the levels from ``fit.low`` to ``fit.high``."""
        return [lv.id for lv in self.workspace.scheme.levels if fit.low <= lv.rank <= fit.high]

    # -- people and partners ------------------------------------------------------------

    def holder_partner(self, holder: Holder) -> str | None:
        """The partner firm behind a holder: the firm itself, or a partner's person."""
        if holder.partner is not None:
            return holder.partner
        person = self.workspace.people.get(holder.person or "")
        return person.partner if person else None

    def internal_holders(self, seat: Seat) -> list[Holder]:
        """The holders of ``seat`` who are employees, not partners."""
        return [h for h in seat.holders if self.holder_partner(h) is None]

    def holder_names(self, seat: Seat) -> list[str]:
        """Readable names of whoever holds ``seat``."""
        names = []
        for holder in seat.holders:
            if holder.person is not None:
                person = self.workspace.people.get(holder.person)
                names.append(person.name if person else holder.person)
            else:
                partner = self.workspace.partners.get(holder.partner or "")
                names.append(partner.name if partner else holder.ref)
        return names

    def describe(self, seat: Seat) -> str:
        """``Controller (vacant)`` or ``Chief Executive Officer (Dana Reyes)``."""
        names = self.holder_names(seat)
        return f"{seat.title} ({', '.join(names) if names else 'vacant'})"

    # -- structure ----------------------------------------------------------------------

    def managers(self, seat: Seat) -> list[Seat]:
        """The seats above ``seat``, nearest first; stops at a cycle or unknown id."""
        chain: list[Seat] = []
        seen = {seat.id}
        current = seat
        while current.reports_to is not None and current.reports_to not in seen:
            above = self.workspace.seats.get(current.reports_to)
            if above is None:
                break
            chain.append(above)
            seen.add(above.id)
            current = above
        return chain

    def held_inside_by_rank(self, function: str) -> dict[int, list[tuple[int, Seat]]]:
        """The seats of ``function`` held by people of the company (not only by a
        partner), by the rank of their level, each with its place in file order
        (indexed once, on first use)."""
        if self._held_inside is None:
            self._held_inside = {}
            for place, seat in enumerate(self.workspace.seats.values()):
                rank = self.rank(seat)
                if rank is None or not seat.holders or not self.internal_holders(seat):
                    continue
                ranks = self._held_inside.setdefault(seat.function, {})
                ranks.setdefault(rank, []).append((place, seat))
        return self._held_inside.get(function, {})

    def functions(self) -> dict[str, tuple[list[Seat], list[Responsibility]]]:
        """Each named function with its seats and its responsibilities, in file order."""
        found: dict[str, tuple[list[Seat], list[Responsibility]]] = {}
        for seat in self.workspace.seats.values():
            if seat.function:
                found.setdefault(seat.function, ([], []))[0].append(seat)
        for resp in self.workspace.responsibilities.values():
            if resp.function:
                found.setdefault(resp.function, ([], []))[1].append(resp)
        return found

    # -- goals --------------------------------------------------------------------------

    def connected(self, goal: Goal) -> bool:
        """True when ``goal`` has a path through its parents to a top objective."""
        tree = self.goal_tree
        return tree.kind(tree.top(goal)) == "objective"
