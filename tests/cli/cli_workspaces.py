"""Small workspaces for the CLI tests, written inline, and helpers to look into output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

#: A small healthy organization: a chain CEO → director → manager, one goal tree.
CLEAN: dict[str, str] = {
    "levelset.toml": """
        [organization]
        name = "Tidy Co"
    """,
    "org.yaml": """
        seats:
          - {id: ceo, title: Chief Executive, function: leadership, level: L5, holders: [ada]}
          - {id: ops-director, title: Director of Operations, function: operations,
             level: L4, reports_to: ceo, holders: [ben]}
          - {id: ops-manager, title: Operations Manager, function: operations, level: L3,
             reports_to: ops-director, holders: [cy]}
        people:
          - {id: ada, name: Ada Moreno}
          - {id: ben, name: Ben Okafor}
          - {id: cy, name: Cy Laurent}
        responsibilities:
          - {id: strategy, name: Company strategy, horizon: 1y, accountable: ceo,
             goals: [obj-growth]}
          - {id: capacity, name: Capacity plan, horizon: 9mo, accountable: ops-director,
             goals: [kr-on-time]}
          - {id: dispatch, name: Dispatch schedule, horizon: 3mo, accountable: ops-manager,
             goals: [kr-late]}
    """,
    "goals.yaml": """
        goals:
          - {id: obj-growth, title: Grow on-time deliveries, owner: ceo, period: 2026}
          - id: kr-on-time
            title: Deliver 95% on time
            parent: obj-growth
            owner: ops-director
            period: 2026
            metric: {start: 80, target: 95, current: 86, unit: "%"}
          - id: kr-late
            title: Cut late dispatches
            parent: kr-on-time
            owner: ops-manager
            period: 2026-Q3
            metric: {start: 40, target: 10, current: 25}
    """,
}

#: A responsibility nobody is accountable for: JOB001, an error.
UNOWNED_RESPONSIBILITY = """
    responsibilities:
      - {id: audit, name: Annual audit, horizon: 1y, goals: [obj-growth]}
"""

#: A top objective with nothing under it: DOT002, a warning.
UNCOVERED_OBJECTIVE = """
    goals:
      - {id: obj-region, title: Open a new region, owner: ceo, period: 2026}
"""

WriteWorkspace = Callable[..., Path]
Invoke = Callable[..., Result]


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of ``path`` holding ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
