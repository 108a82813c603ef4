"""Which responsibility a time entry or a calendar event is: the ``match`` rules.

A time entry matches a responsibility when its ``activity`` is the responsibility's id
(compared without regard to case), or when every pattern the responsibility's ``match``
gives for time entries (``activity``, ``project``, ``task``, ``tags``) fits the entry;
``tags`` fits when any tag of the entry fits any of its patterns. A calendar event
matches when its title fits the ``calendar`` pattern. Patterns are shell-style
(``Close*``, ``*review*``) and ignore case. When several responsibilities match, the
first in file order wins.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from levelset.model.org import Match, Responsibility


@dataclass(frozen=True, slots=True)
class _Compiled:
    responsibility: str
    activity: re.Pattern[str] | None
    project: re.Pattern[str] | None
    task: re.Pattern[str] | None
    tags: tuple[re.Pattern[str], ...]
    calendar: re.Pattern[str] | None

    @property
    def matches_time(self) -> bool:
        return any((self.activity, self.project, self.task, self.tags))


def _pattern(text: str | None) -> re.Pattern[str] | None:
    if text is None or not text.strip():
        return None
    return re.compile(fnmatch.translate(text.strip().casefold()), re.DOTALL)


def _compile(responsibility: Responsibility, match: Match) -> _Compiled:
    return _Compiled(
        responsibility=responsibility.id,
        activity=_pattern(match.activity),
        project=_pattern(match.project),
        task=_pattern(match.task),
        tags=tuple(p for p in (_pattern(t) for t in match.tags) if p is not None),
        calendar=_pattern(match.calendar),
    )


def _one_pattern(
    patterns: Sequence[tuple[str, re.Pattern[str]]],
) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The patterns as one, each alternative a named group: a regular expression tries
    alternatives in order, and each ends with ``\\Z``, so the group that matches is the
    first pattern that fits the whole text, as a loop over the patterns would find, and
    thousands of calendar titles are matched against thousands of patterns in C."""
    if not patterns:
        return None, {}
    owners = {f"levelset_{n}": owner for n, (owner, _) in enumerate(patterns)}
    alternatives = "|".join(
        f"(?P<levelset_{n}>{pattern.pattern})" for n, (_, pattern) in enumerate(patterns)
    )
    return re.compile(alternatives, re.DOTALL), owners


def _collapsed(text: str) -> str:
    """``"  Payroll   Approval "`` as ``"payroll approval"``: compared without case or
    runs of spaces."""
    return " ".join(text.split()).casefold()


def split_tags(text: str | None) -> tuple[str, ...]:
    """Tags as time tools write them in one cell: separated by commas or semicolons."""
    if not text:
        return ()
    return tuple(t.strip() for t in re.split(r"[,;]", text) if t.strip())


class Matcher:
    """Matches time entries and calendar events to responsibilities."""

    def __init__(self, responsibilities: Iterable[Responsibility]) -> None:
        ordered = list(responsibilities)
        self._ids = {r.id.casefold(): r.id for r in ordered}
        # A responsibility's own name is an activity of it too (any case, spaces
        # collapsed); a name two responsibilities share names neither.
        named: dict[str, list[str]] = {}
        for r in ordered:
            if r.name.strip():
                named.setdefault(_collapsed(r.name), []).append(r.id)
        self._names = {name: ids[0] for name, ids in named.items() if len(ids) == 1}
        self._rules = [_compile(r, r.match) for r in ordered if r.match is not None]
        self._calendar, self._calendar_owners = _one_pattern(
            [(rule.responsibility, rule.calendar) for rule in self._rules if rule.calendar]
        )

    def time_entry(
        self,
        activity: str | None = None,
        project: str | None = None,
        task: str | None = None,
        tags: Sequence[str] = (),
    ) -> str | None:
        """The responsibility id a time entry belongs to, or ``None``."""
        if activity and (found := self._ids.get(activity.strip().casefold())):
            return found
        if activity and (found := self._names.get(_collapsed(activity))):
            return found
        fields = {
            "activity": (activity or "").strip().casefold(),
            "project": (project or "").strip().casefold(),
            "task": (task or "").strip().casefold(),
        }
        folded_tags = [t.casefold() for t in tags]
        for rule in self._rules:
            if not rule.matches_time:
                continue
            if rule.activity and not rule.activity.match(fields["activity"]):
                continue
            if rule.project and not rule.project.match(fields["project"]):
                continue
            if rule.task and not rule.task.match(fields["task"]):
                continue
            if rule.tags and not any(p.match(t) for p in rule.tags for t in folded_tags):
                continue
            return rule.responsibility
        return None

    def calendar_event(self, title: str) -> str | None:
        """The responsibility id a calendar event belongs to, or ``None``."""
        if self._calendar is None:
            return None
        found = self._calendar.match(title.strip().casefold())
        return None if found is None else self._calendar_owners[found.lastgroup or ""]


def time_label(
    activity: str | None, project: str | None, task: str | None, description: str | None
) -> str:
    """What a time entry was called, for grouping unmatched hours: the activity, else the
    project and task, else the description, else ``(no activity)``."""
    if activity and activity.strip():
        return activity.strip()
    parts = [p.strip() for p in (project, task) if p and p.strip()]
    if parts:
        return " / ".join(parts)
    if description and description.strip():
        return description.strip()
    return "(no activity)"
