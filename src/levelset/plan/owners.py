"""Who should own a piece of work, as the plan places accountability: inside, at the
work's level, and where LEV001 agrees (a partner's seat may do the work when the
internal seat it reports to, at most two levels up, is accountable)."""

from __future__ import annotations

from collections.abc import Sequence

from levelset.model import Workspace
from levelset.model.index import OrgIndex
from levelset.model.org import Responsibility, Seat


def owner_for(index: OrgIndex, resp: Responsibility, takers: Sequence[str] = ()) -> str | None:
    """The internal seat to make accountable for ``resp``, one LEV001 agrees with:

    1. a seat held inside, named responsible (or in ``takers``: handed the work), at
       the work's level;
    2. for a partner's seat doing it at its level, the internal seat it reports to
       at most two levels up (accountability inside, the partner responsible);
    3. a seat held inside, of the work's function, at its level (one under the seat
       accountable now first).

    ``None`` when there is none (the work stays where it is)."""
    workspace = index.workspace
    if resp.horizon is None:
        return None
    fit = index.fit(resp.horizon.low.days, resp.horizon.high.days)

    def fits(seat: Seat) -> bool:
        rank = index.rank(seat)
        return rank is not None and fit.misfit(rank, 1) is None

    def inside(seat: Seat) -> bool:
        return bool(seat.holders) and bool(index.internal_holders(seat))

    named = [
        workspace.seats[s]
        for s in dict.fromkeys((*resp.responsible, *takers))
        if s in workspace.seats
    ]
    for seat in named:
        if inside(seat) and fits(seat):
            return seat.id
    levels = set(index.level_ids(fit))
    for seat in named:  # LEV001 takes the partner's seat at the work's own level
        if seat.holders and not inside(seat) and seat.level in levels:
            boss = manager_inside(index, seat)
            if boss is not None:
                return boss
    owners = [workspace.seats[a] for a in resp.accountable if a in workspace.seats]
    by_rank = index.held_inside_by_rank(resp.function)
    placed = [
        seat for rank, seats in by_rank.items() if fit.misfit(rank, 1) is None for seat in seats
    ]
    candidates = [seat for _place, seat in sorted(placed, key=lambda item: item[0])]
    # the nearest under the seat accountable now first
    candidates.sort(key=lambda seat: not any(o in index.managers(seat) for o in owners))
    return candidates[0].id if candidates else None


def chain(workspace: Workspace, seat_id: str | None) -> set[str]:
    """``seat_id`` and every seat above it."""
    chain: set[str] = set()
    while seat_id is not None and seat_id not in chain:
        chain.add(seat_id)
        above = workspace.seats.get(seat_id)
        seat_id = above.reports_to if above is not None else None
    return chain


def manager_inside(index: OrgIndex, seat: Seat) -> str | None:
    """The nearest seat above ``seat`` held inside and at most two levels up (the reach
    LEV001 accepts for the manager of a partner's seat), or ``None``."""
    rank = index.rank(seat) or 0
    for boss in index.managers(seat):
        gap = (index.rank(boss) or 0) - rank
        if gap > 2:
            return None
        if gap > 0 and boss.holders and index.internal_holders(boss):
            return boss.id
    return None


__all__ = ["chain", "manager_inside", "owner_for"]
