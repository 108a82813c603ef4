"""The column layouts of the exports levelset imports, recognised by their header.

A layout names the roles a sheet must have (each met by one of several column names)
and the roles it may have. Names are compared without regard to case, spaces or
underscores; the first layout whose required roles the header has is the one used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from levelset.load.importers.sheets import fold

__all__ = ["Layout", "needs", "recognise", "role_columns"]


@dataclass(frozen=True, slots=True)
class Layout:
    """An export's columns: ``required`` and ``optional`` roles, each a tuple of names.

    ``one_of`` lists alternative groups of roles of which at least one group must be
    present (a full name, or a first and a last name).
    """

    label: str
    required: dict[str, tuple[str, ...]]
    optional: dict[str, tuple[str, ...]]
    one_of: tuple[tuple[str, ...], ...] = ()

    def roles(self) -> dict[str, tuple[str, ...]]:
        """Every role of the layout, required first."""
        return {**self.required, **self.optional}


def recognise(layouts: Sequence[Layout], header: Sequence[str]) -> Layout | None:
    """The first layout whose required columns ``header`` has (``None`` when none fits)."""
    for layout in layouts:
        if not _missing(layout, header):
            return layout
    return None


def role_columns(layout: Layout, header: Sequence[str]) -> dict[str, str]:
    """Each role of ``layout`` the header has, mapped to the column's name as written."""
    by_fold: dict[str, str] = {}
    for name in header:
        by_fold.setdefault(fold(name), name)
    columns: dict[str, str] = {}
    for role, options in layout.roles().items():
        for option in options:
            if fold(option) in by_fold:
                columns[role] = by_fold[fold(option)]
                break
    return columns


def needs(layouts: Sequence[Layout], header: Sequence[str], what: str) -> str:
    """Why ``header`` fits none of ``layouts``: the closest one's missing columns, and
    the columns each layout needs."""
    closest = min(layouts, key=lambda layout: len(_missing(layout, header)))
    each = "; ".join(f"{layout.label}: {', '.join(_names(layout))}" for layout in layouts)
    shown = ", ".join(header[:10]) + (", ..." if len(header) > 10 else "")
    return (
        f"the columns ({shown}) are not a {what} levelset knows; closest is "
        f"{closest.label}, which lacks {', '.join(_missing(layout=closest, header=header))}. "
        f"Each needs: {each}"
    )


def _missing(layout: Layout, header: Sequence[str]) -> list[str]:
    names = {fold(name) for name in header}
    missing = [
        options[0]
        for options in layout.required.values()
        if not any(fold(option) in names for option in options)
    ]
    roles = layout.roles()
    if layout.one_of and not any(
        all(any(fold(option) in names for option in roles[role]) for role in group)
        for group in layout.one_of
    ):
        missing.append(" or ".join(" + ".join(roles[r][0] for r in g) for g in layout.one_of))
    return missing


def _names(layout: Layout) -> list[str]:
    roles = layout.roles()
    names = [options[0] for options in layout.required.values()]
    if layout.one_of:
        names.append(" or ".join(" + ".join(roles[r][0] for r in g) for g in layout.one_of))
    return names
