"""The seat tree for the terminal: who reports to whom, at which level, held by whom (or
VACANT), partners marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from rich.tree import Tree

from levelset.report.trees import PARTNER_MARK, VACANT, hidden_text, org_view
from levelset.report.views import OrgView, SeatNode

if TYPE_CHECKING:
    from levelset.model import Workspace
    from levelset.report.formats import Printer


def level_text(seat: SeatNode) -> str:
    """``L5 Executive``, or the level as written when the scheme does not know it."""
    return f"{seat.level} {seat.level_name}" if seat.level_name else seat.level


def _seat_label(seat: SeatNode) -> Text:
    label = Text(seat.id, style="bold")
    label.append(f"  {seat.title}")
    label.append(f"  {level_text(seat)}", style="cyan")
    if seat.function:
        label.append(f" · {seat.function}", style="dim")
    label.append("  ")
    if seat.vacant:
        label.append(VACANT, style="bold red")
        return label
    for index, holder in enumerate(seat.holders):
        if index:
            label.append(", ")
        if holder.partner:
            label.append(PARTNER_MARK + " ", style="bold yellow")
        label.append(holder.text, style="yellow" if holder.partner else "green")
    return label


def org_view_tree(view: OrgView) -> Tree:
    """The seat tree as a rich tree under a ``name — N seats`` heading."""
    tree = Tree(Text(f"{view.name} — {view.seat_count} seats", style="bold"))

    def add(branch: Tree, seat: SeatNode) -> None:
        node = branch.add(_seat_label(seat))
        for child in seat.children:
            add(node, child)
        if seat.hidden:
            node.add(Text(hidden_text(seat.hidden, "seat", "seats"), style="dim"))

    for root in view.roots:
        add(tree, root)
    return tree


def org_tree(workspace: Workspace) -> Tree:
    """A rich tree of the seats of ``workspace`` (``org_view`` drawn)."""
    return org_view_tree(org_view(workspace))


def org_text(view: OrgView) -> Printer:
    """The seat tree for the terminal."""
    return lambda console: console.print(org_view_tree(view))
