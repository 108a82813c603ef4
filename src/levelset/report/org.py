"""The seat tree: who reports to whom, at which level, held by whom (or VACANT)."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from levelset.model import Holder, Seat, Workspace

VACANT = "VACANT"
PARTNER_MARK = "[partner]"


def holder_label(workspace: Workspace, holder: Holder) -> tuple[str, bool]:
    """A holder's name for people to read, and whether it is a partner (or partner's person)."""
    fte = f" {holder.fte:g} fte" if holder.fte != 1 else ""
    if holder.partner is not None:
        partner = workspace.partners.get(holder.partner)
        name = partner.name if partner else holder.partner
        return f"{name} ({holder.partner}){fte}", True
    person = workspace.people.get(holder.person or "")
    if person is None:
        return f"{holder.ref}{fte}", False
    if person.partner is not None:
        firm = workspace.partners.get(person.partner)
        firm_name = firm.name if firm else person.partner
        return f"{person.name} of {firm_name}{fte}", True
    return f"{person.name}{fte}", False


def holder_names(workspace: Workspace, seat: Seat) -> str:
    """Holders of a seat, comma-separated, partners marked; ``VACANT`` when none."""
    if seat.vacant:
        return VACANT
    parts = []
    for holder in seat.holders:
        label, is_partner = holder_label(workspace, holder)
        parts.append(f"{PARTNER_MARK} {label}" if is_partner else label)
    return ", ".join(parts)


def _seat_label(workspace: Workspace, seat: Seat) -> Text:
    level = workspace.scheme.get(seat.level)
    label = Text(seat.id, style="bold")
    label.append(f"  {seat.title}")
    level_text = f"{seat.level} {level.name}" if level else seat.level
    label.append(f"  {level_text}", style="cyan")
    if seat.function:
        label.append(f" · {seat.function}", style="dim")
    label.append("  ")
    if seat.vacant:
        label.append(VACANT, style="bold red")
        return label
    for index, holder in enumerate(seat.holders):
        if index:
            label.append(", ")
        text, is_partner = holder_label(workspace, holder)
        if is_partner:
            label.append(PARTNER_MARK + " ", style="bold yellow")
        label.append(text, style="yellow" if is_partner else "green")
    return label


def org_tree(workspace: Workspace) -> Tree:
    """A rich tree of seats through ``reports_to``; seats reporting to nobody are roots."""
    children: dict[str, list[Seat]] = {}
    roots: list[Seat] = []
    for seat in workspace.seats.values():
        if seat.reports_to is not None and seat.reports_to in workspace.seats:
            children.setdefault(seat.reports_to, []).append(seat)
        else:
            roots.append(seat)
    tree = Tree(Text(f"{workspace.name} — {len(workspace.seats)} seats", style="bold"))
    seen: set[str] = set()

    def add(branch: Tree, seat: Seat) -> None:
        if seat.id in seen:  # a cycle the loader reports; never loop
            return
        seen.add(seat.id)
        node = branch.add(_seat_label(workspace, seat))
        for child in children.get(seat.id, []):
            add(node, child)

    for root in roots:
        add(tree, root)
    return tree
