"""Small helpers for the words of findings and plans, shared by every family and the plan."""

from __future__ import annotations

from collections.abc import Iterable


def join_names(names: Iterable[str], limit: int = 5, word: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``; past ``limit`` names, ``… and 3 more``.

    ``word`` joins the last two (``"or"`` for alternatives: ``L1, L2 or L3``).
    """
    items = list(names)
    if len(items) > limit:
        rest = len(items) - limit + 1
        items = [*items[: limit - 1], f"{rest} more"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def per_week(hours: float) -> str:
    """Hours a week as a leader reads them: ``6.5 h a week``, ``15 min a week``."""
    if 0 < hours < 1:
        return f"{round(hours * 60):d} min a week"
    text = f"{hours:.1f}".rstrip("0").rstrip(".")
    return f"{text} h a week"


def percent(share: float) -> str:
    """A share as a whole percentage: ``34%``."""
    return f"{share:.0%}"


def hours_of(part: float, whole: float) -> str:
    """Part of a week's hours: ``14 of 40 h a week``."""
    return f"{per_week(part).removesuffix(' h a week')} of {per_week(whole)}"
