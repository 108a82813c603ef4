"""Small helpers for the words of findings and plans, shared by every family and the plan."""

from __future__ import annotations

import re
import unicodedata
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


#: Hours a week below which a person's hours in the data are far from a working week
#: (half of 40): their shares are of what levelset saw, and the finding says so.
PARTIAL_BELOW = 20.0


def share_of_time(share: float, part: float, whole: float, whose: str) -> str:
    """A share that says whose hours it is a share of: ``70% of the 5.8 h a week of
    Priya Shah's time in the data (4.1 h a week)``."""
    return (
        f"{percent(share)} of the {per_week(whole)} of {whose} time in the data ({per_week(part)})"
    )


def partial_note(whole: float, whose: str) -> str:
    """A sentence when ``whole`` hours a week are far below a working week, else ``""``."""
    if whole >= PARTIAL_BELOW:
        return ""
    return (
        f" The data holds only {per_week(whole)} of {whose} time, far below a working "
        "week: it is partial, and the share is of what levelset saw, not of the week."
    )


def slug(text: str) -> str:
    """An id from text: ``Dana Reyes`` → ``dana-reyes``, accents dropped."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-") or "x"
