"""The seat tree and the goal tree of a workspace, built as views (``OrgView``,
``GoalTreeView``): who holds each seat, and each goal's owner and rolled-up progress."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from levelset.model import Goal, GoalTree, Holder, Seat, Workspace
from levelset.report.views import GoalNode, GoalTreeView, HolderLabel, OrgView, SeatNode

VACANT = "VACANT"
#: The levels a tree view shows. A real organization has a dozen; a chain of hundreds
#: (a generated or mistaken workspace) is cut here, with how many were left out, so
#: that no renderer recurses without bound.
MAX_TREE_DEPTH = 100
PARTNER_MARK = "[partner]"


def holder_label(workspace: Workspace, holder: Holder) -> HolderLabel:
    """A holder's name for people to read, and whether it is a partner (or partner's person)."""
    fte = f" {holder.fte:g} fte" if holder.fte != 1 else ""
    if holder.partner is not None:
        partner = workspace.partners.get(holder.partner)
        name = partner.name if partner else holder.partner
        return HolderLabel(f"{name} ({holder.partner}){fte}", partner=True)
    person = workspace.people.get(holder.person or "")
    if person is None:
        return HolderLabel(f"{holder.ref}{fte}", partner=False)
    if person.partner is not None:
        firm = workspace.partners.get(person.partner)
        firm_name = firm.name if firm else person.partner
        return HolderLabel(f"{person.name} of {firm_name}{fte}", partner=True)
    return HolderLabel(f"{person.name}{fte}", partner=False)


def hidden_text(count: int, one: str, many: str) -> str:
    """``… and 900 more seats below, deeper than the 100 levels shown``."""
    noun = one if count == 1 else many
    return f"… and {count} more {noun} below, deeper than the {MAX_TREE_DEPTH} levels shown"


def holder_names(holders: tuple[HolderLabel, ...]) -> str:
    """Holders of a seat, comma-separated, partners marked; ``VACANT`` when none."""
    if not holders:
        return VACANT
    return ", ".join(f"{PARTNER_MARK} {h.text}" if h.partner else h.text for h in holders)


def _holders(workspace: Workspace, seat: Seat) -> tuple[HolderLabel, ...]:
    return tuple(holder_label(workspace, holder) for holder in seat.holders)


def org_view(workspace: Workspace, path: Path | None = None) -> OrgView:
    """The seat tree through ``reports_to``; seats reporting to nobody are roots.
    ``path`` is the workspace as the user named it (its root by default)."""
    children: dict[str, list[Seat]] = {}
    roots: list[Seat] = []
    for seat in workspace.seats.values():
        if seat.reports_to is not None and seat.reports_to in workspace.seats:
            children.setdefault(seat.reports_to, []).append(seat)
        else:
            roots.append(seat)
    seen: set[str] = set()

    def node(seat: Seat, depth: int = 1) -> SeatNode | None:
        if seat.id in seen:  # a cycle the loader reports; never loop
            return None
        seen.add(seat.id)
        level = workspace.scheme.get(seat.level)
        cut = depth >= MAX_TREE_DEPTH
        below = () if cut else (node(child, depth + 1) for child in children.get(seat.id, []))
        return SeatNode(
            id=seat.id,
            title=seat.title,
            level=seat.level,
            level_name=level.name if level else "",
            function=seat.function,
            holders=_holders(workspace, seat),
            children=tuple(child for child in below if child is not None),
            hidden=_count_below(seat.id, children, seen) if cut else 0,
        )

    nodes = (node(root) for root in roots)
    return OrgView(
        workspace=workspace.root if path is None else path,
        name=workspace.name,
        seat_count=len(workspace.seats),
        roots=tuple(n for n in nodes if n is not None),
    )


def goal_tree_view(workspace: Workspace, path: Path | None = None) -> GoalTreeView:
    """The goal tree through ``parent``, each goal with its rolled-up progress.
    ``path`` is the workspace as the user named it (its root by default)."""
    goals = GoalTree(workspace.goals)
    seen: set[str] = set()

    def node(goal: Goal, depth: int = 1) -> GoalNode | None:
        if goal.id in seen:  # a cycle the loader reports; never loop
            return None
        seen.add(goal.id)
        seat = workspace.seats.get(goal.owner) if goal.owner is not None else None
        cut = depth >= MAX_TREE_DEPTH
        below = () if cut else (node(child, depth + 1) for child in goals.children.get(goal.id, []))
        return GoalNode(
            id=goal.id,
            title=goal.title,
            kind=goals.kind(goal),
            progress=goals.progress(goal),
            owner=goal.owner,
            owner_holders=None if seat is None else holder_names(_holders(workspace, seat)),
            period=None if goal.period is None else str(goal.period),
            metric=goal.metric,
            weight=goal.weight,
            children=tuple(child for child in below if child is not None),
            hidden=_count_below(goal.id, goals.children, seen) if cut else 0,
        )

    nodes = (node(root) for root in goals.roots)
    return GoalTreeView(
        workspace=workspace.root if path is None else path,
        name=workspace.name,
        goal_count=len(workspace.goals),
        roots=tuple(n for n in nodes if n is not None),
    )


def _count_below(top: str, children: Mapping[str, Sequence[Seat | Goal]], seen: set[str]) -> int:
    """How many items lie below ``top`` (walked with a stack: the chain may be long);
    they are marked seen, so that none is shown elsewhere either."""
    count = 0
    stack = [top]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child.id not in seen:
                seen.add(child.id)
                count += 1
                stack.append(child.id)
    return count
