"""A window on a long list: ``limit`` items from ``offset``.

A large organization has tens of thousands of findings and a plan of as many sentences;
a page or a JSON answer holding them all runs to megabytes (20 MB of HTML for the plan of
10,000 seats) and is slow to send and to read. The web app's lists are therefore shown a
window at a time, with the list's total beside it, so a reader (or a client paging
through the API) knows how much there is and asks for the next window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

#: Items in a window unless the caller asks for another number.
PAGE = 100
#: The most items a caller may ask for in one window.
LARGEST = 1000


@dataclass(frozen=True)
class Window:
    """``limit`` items from ``offset`` (both counted from 0)."""

    offset: int = 0
    limit: int = PAGE

    def cut(self, items: Sequence[T]) -> tuple[T, ...]:
        """The items of ``items`` inside the window."""
        return tuple(items[self.offset : self.offset + self.limit])

    @property
    def key(self) -> str:
        """The window as a short text (to name a kept answer by)."""
        return f"{self.offset}+{self.limit}"
