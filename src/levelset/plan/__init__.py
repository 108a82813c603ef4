"""The plan: what the findings call for, as actions a leadership team can take.

Each builder reads the findings' evidence by its type (``levelset.model.evidence``),
never by the rule's code: seats to fill or create come from evidence of vacant seats,
level gaps and functions without a manager; partner actions from partner concerns.
Transfers and the stop-doing list come from the evidence of the hours (time entries,
calendars): they are empty when the workspace has no event data. Finance actions
(losing customers to reprice, the collections call list, pipeline to build, the
prospect list) come from finance concerns, when the workspace has finance data. The plan
reads only the findings and the workspace: every figure it needs is in the evidence.
"""

from __future__ import annotations

from collections.abc import Iterable

from levelset.model import Finding, Plan, Workspace
from levelset.model.index import OrgIndex
from levelset.plan.finance import finance_actions
from levelset.plan.partners import partner_actions
from levelset.plan.seats import SeatPlanner
from levelset.plan.stopping import stop_doing
from levelset.plan.transfers import TRANSFER_EVIDENCE, TransferBuilder


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
    transfers = TransferBuilder(workspace, planner.index, planner.seat_for_work).build(found)
    return Plan(
        transfers=transfers,
        seats=planner.actions(),
        stop_doing=stop_doing(found),
        partners=partner_actions(found),
        finance=finance_actions(found),
    )


__all__ = ["TRANSFER_EVIDENCE", "build_plan"]
