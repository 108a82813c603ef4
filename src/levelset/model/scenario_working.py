"""A scenario's working copy: the workspace and allocation being changed, one operation
at a time (``scenario_apply`` applies the organization's operations to it,
``scenario_hours`` those that move measured hours)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Generic, TypeVar

from levelset.model.allocation import Allocation, SeriesAttendance, WorkRow
from levelset.model.holdings import people_of_firms
from levelset.model.scenario import Operation, describe
from levelset.model.source import Problem
from levelset.model.workspace import Workspace

_Item = TypeVar("_Item", WorkRow, SeriesAttendance)


class Indexed(Generic[_Item]):
    """Rows (or series) in order, found by their responsibility, or by their name when
    they match none: an operation reads only the rows of its work, not every row, so a
    plan of many operations stays linear in its operations and rows. Keys grow in the
    order items are added; an item changed in place keeps its key and its place."""

    def __init__(self, items: Iterable[_Item], name: Callable[[_Item], str | None]) -> None:
        self.items: dict[int, _Item] = {}
        self._next = 0
        self.name: Callable[[_Item], str | None] = name
        self.by_resp: dict[str, dict[int, None]] = {}
        self.by_name: dict[str, dict[int, None]] = {}
        for item in items:
            self.add(item)

    def _bucket(self, item: _Item) -> dict[int, None] | None:
        if item.responsibility is not None:
            return self.by_resp.setdefault(item.responsibility, {})
        name = self.name(item)
        return None if name is None else self.by_name.setdefault(name, {})

    def add(self, item: _Item) -> None:
        key = self._next
        self._next += 1
        self.items[key] = item
        bucket = self._bucket(item)
        if bucket is not None:
            bucket[key] = None

    def remove(self, key: int) -> None:
        bucket = self._bucket(self.items.pop(key))
        if bucket is not None:
            del bucket[key]

    def of(self, resp_id: str) -> list[int]:
        """The keys of the items of ``resp_id``, in order."""
        return list(self.by_resp.get(resp_id, ()))

    def meeting(self, meeting: str) -> list[int]:
        """The keys of the items of the responsibility ``meeting`` or, matching none,
        named ``meeting``, in order."""
        return sorted((*self.by_resp.get(meeting, ()), *self.by_name.get(meeting, ())))

    def values(self) -> tuple[_Item, ...]:
        return tuple(self.items.values())


class WorkingCopy:
    """The workspace and allocation being changed, one operation at a time."""

    def __init__(self, workspace: Workspace, allocation: Allocation | None) -> None:
        self.base = workspace
        self.seats = dict(workspace.seats)
        self.people = dict(workspace.people)
        self.partners = dict(workspace.partners)
        self.resps = dict(workspace.responsibilities)
        self.allocation = allocation
        self.rows = Indexed(allocation.rows if allocation else (), lambda r: r.label)
        self.series = Indexed(allocation.series if allocation else (), lambda s: s.title)
        # built once: a hire added by the scenario has no firm
        self.firm_people = people_of_firms(workspace)
        self.problems: list[Problem] = []
        self.hires: list[str] = []
        self.waiting: dict[str, float] = {}
        self.freed: dict[str, float] = {}

    def workspace(self) -> Workspace:
        return replace(
            self.base,
            seats=self.seats,
            people=self.people,
            partners=self.partners,
            responsibilities=self.resps,
        )

    def refuse(self, op: Operation, why: str, hint: str = "") -> None:
        self.problems.append(Problem(op.location, f"cannot {describe(op)}: {why}", hint))

    def known(self, op: Operation, kind: str, ids: tuple[str | None, ...]) -> bool:
        """True when every id is a known ``kind``; a problem for the first that is not."""
        tables: tuple[dict[str, object], ...] = {
            "seat": (self.seats,),
            "responsibility": (self.resps,),
            "partner": (self.partners,),
            "goal": (self.base.goals,),
            "person or partner": (self.people, self.partners),
        }[kind]  # type: ignore[assignment]
        for item in ids:
            if item is not None and not any(item in table for table in tables):
                self.refuse(op, f"there is no {kind} {item!r}")
                return False
        return True
