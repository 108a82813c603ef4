"""Proposing a seat's level from its title and its place in the chart, with the reason.

An HRIS knows titles, not horizons: a "VP" may plan the next quarter. So a level is
only ever proposed, each with a reason the consultant can judge, and written beside the
seat as a comment to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Proposal", "propose_level"]

# Title words, most specific first, and the rank they suggest in the default scheme
# (1 individual contributor .. 5 executive).
_TITLE_WORDS: tuple[tuple[str, int], ...] = (
    (r"assistant manager|team lead(er)?|shift lead(er)?|supervisor|foreman|lead", 2),
    (r"vice president|svp|evp|avp|vp", 4),
    (r"chief|ceo|cfo|coo|cto|cro|cmo|cio|president|founder|managing director", 5),
    (r"director|head of|general manager", 4),
    (r"manager", 3),
)
_TOP = 5


@dataclass(frozen=True)
class Proposal:
    """A proposed level id and why it was proposed."""

    level: str
    rank: int
    reason: str


def propose_level(
    title: str,
    depth: int,
    reports: int,
    levels: Sequence[str],
    above: int | None,
) -> Proposal:
    """A level for a seat titled ``title``, ``depth`` below the top, with ``reports``
    people under it; ``levels`` are the scheme's ids, lowest first, and ``above`` the
    rank (1-based, in ``levels``) of the seat it reports to, if any."""
    rank, reason = _from_title(title)
    if rank is None:
        rank, reason = _from_place(depth, reports)
    index = _scheme_index(rank, len(levels))
    if above is not None and index + 1 >= above:
        index = max(above - 2, 0)
        reason += f", one below the seat it reports to ({levels[above - 1]})"
    return Proposal(levels[index], index + 1, reason)


def _from_title(title: str) -> tuple[int | None, str]:
    words = title.casefold()
    for pattern, rank in _TITLE_WORDS:
        found = re.search(rf"\b({pattern})\b", words)
        if found:
            return rank, f'the title says "{found.group(0)}"'
    return None, ""


def _from_place(depth: int, reports: int) -> tuple[int, str]:
    if depth == 0:
        return _TOP, "top of the chart"
    if reports:
        rank = max(2, min(4, _TOP - depth))
        people = "person reports" if reports == 1 else "people report"
        return rank, f"{reports} {people} to it, {depth} below the top"
    return 1, "nobody reports to it"


def _scheme_index(rank: int, size: int) -> int:
    """The default scheme's rank (1..5) as an index into a scheme of ``size`` levels."""
    return round((rank - 1) * (size - 1) / (_TOP - 1))
