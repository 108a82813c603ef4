"""The workspace: everything read from a folder, indexed by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from levelset.model.acceptance import Acceptance
from levelset.model.events import EventFiles
from levelset.model.finance import FinanceFiles
from levelset.model.levels import DEFAULT, LevelScheme
from levelset.model.org import Goal, Partner, Person, Responsibility, Seat, Settings


@dataclass(frozen=True)
class Workspace:
    """An organization as read from a workspace folder.

    The mappings are keyed by id and keep the order of the files. They are only ever
    built by the loader (or a test) and never changed afterwards.
    """

    root: Path
    settings: Settings = field(default_factory=Settings)
    scheme: LevelScheme = DEFAULT
    seats: dict[str, Seat] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    responsibilities: dict[str, Responsibility] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    events: EventFiles = field(default_factory=EventFiles)
    finance: FinanceFiles = field(default_factory=FinanceFiles)
    #: The findings the team has accepted for now (the ``accepted:`` section).
    accepted: tuple[Acceptance, ...] = ()

    @property
    def name(self) -> str:
        """The organization's name, or the folder's when none is given."""
        return self.settings.name or self.root.name
