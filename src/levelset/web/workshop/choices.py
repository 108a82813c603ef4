"""What the workshop's forms offer: the workspace's seats, people, partners,
responsibilities, goals and recurring meetings, each as (id, label)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from levelset.model import Report, Workspace

Choice = tuple[str, str]

#: The most options a select lists; a longer list is a text field for the id (a select of
#: thousands of seats helps nobody and makes every page megabytes long).
LONGEST_SELECT = 500


@dataclass(frozen=True)
class Choices:
    """The options of the forms' selects, sorted by label."""

    seats: tuple[Choice, ...] = ()
    people: tuple[Choice, ...] = ()
    partners: tuple[Choice, ...] = ()
    responsibilities: tuple[Choice, ...] = ()
    meetings: tuple[Choice, ...] = ()

    @property
    def workers(self) -> tuple[Choice, ...]:
        """Who may hand work over: a seat, a person or a partner."""
        return (
            *((i, f"seat: {label}") for i, label in self.seats),
            *((i, f"person: {label}") for i, label in self.people),
            *((i, f"partner: {label}") for i, label in self.partners),
        )


def choices(workspace: Workspace, report: Report) -> Choices:
    """The options for ``workspace``; the meetings are the recurring series the check
    measured (named by their responsibility, or by their title when tied to none)."""
    series = report.allocation.series if report.allocation is not None else ()
    meetings = {s.responsibility or s.title: s.title for s in series if s.responsibility or s.title}
    return Choices(
        seats=_sorted((s.id, f"{s.title} ({s.id})") for s in workspace.seats.values()),
        people=_sorted((p.id, f"{p.name} ({p.id})") for p in workspace.people.values()),
        partners=_sorted((p.id, f"{p.name} ({p.id})") for p in workspace.partners.values()),
        responsibilities=_sorted(
            (r.id, f"{r.name} ({r.id})") for r in workspace.responsibilities.values()
        ),
        meetings=_sorted(
            (name, title if title == name else f"{title} ({name})")
            for name, title in meetings.items()
        ),
    )


def _sorted(items: Iterable[Choice]) -> tuple[Choice, ...]:
    return tuple(sorted(items, key=lambda c: (c[1].lower(), c[0])))
