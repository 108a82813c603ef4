"""The plan: what the findings call for, as actions a leadership team can take.

Seats to fill or create come from the leveling and accountability findings, partner
actions from the outsourced-function findings. Transfers and the stop-doing list need
event data (time entries, calendars) and stay empty until those rules exist.
"""

from __future__ import annotations

from collections.abc import Iterable

from levelset.model import Finding, Plan, Workspace
from levelset.model.index import OrgIndex
from levelset.plan.partners import PARTNER_ACTIONS, partner_actions
from levelset.plan.seats import SeatPlanner


def build_plan(
    workspace: Workspace, findings: Iterable[Finding], index: OrgIndex | None = None
) -> Plan:
    """The plan for ``workspace`` given the findings of a check.

    ``index`` is the organization's derived views when the caller has them already.
    """
    found = list(findings)
    planner = SeatPlanner(workspace, index)
    for finding in found:
        planner.add(finding)
    return Plan(seats=planner.actions(), partners=partner_actions(found))


__all__ = ["PARTNER_ACTIONS", "build_plan"]
