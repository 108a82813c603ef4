"""Small helpers for the words of findings, shared by every family."""

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
