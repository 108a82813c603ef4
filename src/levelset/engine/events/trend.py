"""Weekly series straight from the allocation cube: computing the figures ``levelset
trend`` shows (the ``Trend`` they make is plain data of the model, ``levelset.model.trend``).

Each metric is one Ibis query over the cube, grouped by week (the result is small: one
row per week, or per week and responsibility), then zero-filled in Python so that every
week of the window is present. Which responsibilities count as someone else's work, or
as below a seat's band, is decided in Python from the workspace and handed to the query
as lists of ids, so the same expressions run on every backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import ibis
import ibis.expr.types as ir

from levelset.engine.backends import Engine
from levelset.model import Seat, Workspace
from levelset.model.holdings import SeatHoldings, seat_people, seats_held_by
from levelset.model.index import OrgIndex
from levelset.model.trend import (
    ABOVE,
    BELOW,
    HORIZON_SERIES,
    IN_BAND,
    NO_HORIZON,
    TOP_WORK,
    UNMATCHED,
    Series,
    Trend,
    TrendQuery,
    WorkShare,
    window_weeks,
)


def others_work_ids(workspace: Workspace, person: str) -> list[str]:
    """Responsibilities where none of ``person``'s seats is accountable or responsible."""
    own = {seat.id for seat in seats_held_by(workspace, person)}
    return [
        resp.id
        for resp in workspace.responsibilities.values()
        if own.isdisjoint(resp.accountable) and own.isdisjoint(resp.responsible)
    ]


def function_people(workspace: Workspace, function: str) -> list[str]:
    """The people holding any seat of ``function``."""
    holdings = SeatHoldings(workspace)  # built once: it reads every seat and person
    people: list[str] = []
    for seat in workspace.seats.values():
        if seat.function == function:
            people += holdings.people_in(seat)
    return list(dict.fromkeys(people))


def horizon_classes(workspace: Workspace, seat: Seat) -> dict[str, str]:
    """Each responsibility's place against ``seat``'s band: below, in or above it.

    Strict (no tolerance): work one level below the band counts as below, so the series
    shows all the time a seat spends under its level. A responsibility with no horizon,
    or a seat whose level is unknown, is ``no horizon``.
    """
    index = OrgIndex(workspace)
    rank = index.rank(seat)
    classes: dict[str, str] = {}
    for resp in workspace.responsibilities.values():
        if resp.horizon is None or rank is None:
            classes[resp.id] = NO_HORIZON
            continue
        fit = index.fit(resp.horizon.low.days, resp.horizon.high.days)
        misfit = fit.misfit(rank, tolerance=0)
        classes[resp.id] = {"above": ABOVE, "below": BELOW}.get(misfit or "", IN_BAND)
    return classes


class TrendBuilder:
    """Runs the trend queries of one workspace over one cube."""

    def __init__(
        self, engine: Engine, cube: ir.Table, workspace: Workspace, weeks: Sequence[date]
    ) -> None:
        self.engine = engine
        self.cube = cube
        self.workspace = workspace
        self.weeks = tuple(weeks)

    def build(self, query: TrendQuery) -> Trend:
        """The trend ``query`` asks for. Raises ``ValueError`` for an unknown metric."""
        builders = {
            "others-work": self._others_work,
            "horizon": self._horizon,
            "unowned": self._unowned,
            "hours": self._hours,
        }
        if query.metric not in builders:
            raise ValueError(f"unknown metric {query.metric!r}")
        return builders[query.metric](query)

    # -- metrics -----------------------------------------------------------------

    def _others_work(self, query: TrendQuery) -> Trend:
        cube = self.cube.filter(self.cube.person == query.subject)
        others = others_work_ids(self.workspace, query.subject)
        is_other = cube.responsibility.isin(others) if others else ibis.literal(False)
        weekly = cube.group_by("week").aggregate(
            others=ibis.ifelse(is_other, cube.hours, 0.0).sum(), hours=cube.hours.sum()
        )
        rows = self.engine.rows(weekly)
        top = self._top(cube.filter(is_other), cube.responsibility)
        return self._trend(
            query,
            [Series("others' work", self._fill(rows, "others"))],
            total=Series("all hours", self._fill(rows, "hours")),
            top=[WorkShare(self._name(work), hours) for work, hours in top],
        )

    def _horizon(self, query: TrendQuery) -> Trend:
        seat = self.workspace.seats[query.subject]
        people = seat_people(self.workspace, seat)
        split: dict[str, dict[date, float]] = {name: {} for name in HORIZON_SERIES}
        if people:
            cube = self.cube.filter(self.cube.person.isin(people))
            weekly = cube.group_by(["week", "responsibility"]).aggregate(hours=cube.hours.sum())
            classes = horizon_classes(self.workspace, seat)
            for row in self.engine.rows(weekly):
                work = row["responsibility"]
                name = UNMATCHED if work is None else classes.get(work, UNMATCHED)
                cell = split[name]
                cell[row["week"]] = cell.get(row["week"], 0.0) + float(row["hours"] or 0.0)
        series = [Series(name, self._fill_map(split[name])) for name in HORIZON_SERIES]
        total = [sum(values) for values in zip(*(s.values for s in series), strict=True)]
        return self._trend(query, series, total=Series("all hours", tuple(total)))

    def _unowned(self, query: TrendQuery) -> Trend:
        cube = self._scope(query)
        unowned = cube.responsibility.isnull()
        weekly = cube.group_by("week").aggregate(
            unowned=ibis.ifelse(unowned, cube.hours, 0.0).sum(), hours=cube.hours.sum()
        )
        rows = self.engine.rows(weekly)
        top = self._top(cube.filter(unowned), cube.label)
        return self._trend(
            query,
            [Series("unowned", self._fill(rows, "unowned"))],
            total=Series("all hours", self._fill(rows, "hours")),
            top=[WorkShare(work or "(unnamed)", hours) for work, hours in top],
        )

    def _hours(self, query: TrendQuery) -> Trend:
        cube = self.cube
        if query.subject_kind == "person":
            cube = cube.filter(cube.person == query.subject)
            by = cube.responsibility
        else:
            cube = cube.filter(cube.responsibility == query.subject)
            by = cube.person
        weekly = cube.group_by("week").aggregate(hours=cube.hours.sum())
        rows = self.engine.rows(weekly)
        top = self._top(cube, by)
        shares = [
            WorkShare(self._name(work) if query.subject_kind == "person" else str(work), hours)
            for work, hours in top
        ]
        return self._trend(query, [Series("hours", self._fill(rows, "hours"))], top=shares)

    # -- helpers -----------------------------------------------------------------

    def _scope(self, query: TrendQuery) -> ir.Table:
        cube = self.cube
        if query.subject_kind == "person":
            return cube.filter(cube.person == query.subject)
        if query.subject_kind == "function":
            people = function_people(self.workspace, query.subject)
            return cube.filter(cube.person.isin(people) if people else ibis.literal(False))
        return cube

    def _top(self, cube: ir.Table, by: ir.Column) -> list[tuple[str | None, float]]:
        """The largest pieces of work (grouped by ``by``) over the window."""
        grouped = cube.group_by(by.name("work")).aggregate(hours=cube.hours.sum())
        ordered = grouped.order_by([ibis.desc("hours"), "work"]).limit(TOP_WORK)
        return [(row["work"], float(row["hours"] or 0.0)) for row in self.engine.rows(ordered)]

    def _name(self, work: str | None) -> str:
        if work is None:
            return "(unmatched)"
        resp = self.workspace.responsibilities.get(work)
        return f"{resp.name} ({work})" if resp is not None else work

    def _fill(self, rows: Iterable[Mapping[str, Any]], column: str) -> tuple[float, ...]:
        return self._fill_map({row["week"]: float(row[column] or 0.0) for row in rows})

    def _fill_map(self, by_week: Mapping[date, float]) -> tuple[float, ...]:
        return tuple(by_week.get(week, 0.0) for week in self.weeks)

    def _trend(
        self,
        query: TrendQuery,
        series: Sequence[Series],
        *,
        total: Series | None = None,
        top: Sequence[WorkShare] = (),
    ) -> Trend:
        return Trend(
            metric=query.metric,
            subject_kind=query.subject_kind,
            subject=query.subject,
            title=query.title,
            weeks=self.weeks,
            series=tuple(series),
            total=total,
            top_work=tuple(top),
        )


def data_weeks(engine: Engine, cube: ir.Table) -> tuple[date, ...]:
    """Every week from the cube's first to its last (none when it is empty)."""
    span = engine.rows(cube.aggregate(first=cube.week.min(), last=cube.week.max()))
    first, last = (span[0]["first"], span[0]["last"]) if span else (None, None)
    if first is None or last is None:
        return ()
    return window_weeks(first, last)
