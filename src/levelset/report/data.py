"""The ``check --format json`` shape of DESIGN.md: a public interface that may grow, not break.

``workspace`` is the path as given; ``problems`` and ``findings`` carry locations relative
to the workspace; ``plan`` lists its items as objects with their fields (a transfer's
``from_`` is written ``from``). ``events`` (present when the workspace has time or
calendar data) says what the event rules read: the window, its weeks, the counts of time
entries and meeting occurrences, and the engine. ``finance`` (present when the workspace
has finance data) holds the finance figures the FIN rules read (see
``report.finance_data``).
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from levelset.model import (
    FinanceAction,
    Finding,
    Location,
    PartnerAction,
    Plan,
    Problem,
    Report,
    SeatAction,
    StopDoing,
    Transfer,
)
from levelset.report._common import ordered, workspace_label
from levelset.report.accepted import accepted_in_order, accepted_to_dict
from levelset.report.events import events_to_dict
from levelset.report.finance_data import finance_to_dict

if TYPE_CHECKING:
    from levelset.report.views import CheckView

JSONObject = dict[str, Any]


def location_to_dict(location: Location | None) -> JSONObject | None:
    """``{"file", "line"}`` or ``None``."""
    if location is None:
        return None
    return {"file": location.file, "line": location.line}


def problem_to_dict(problem: Problem) -> JSONObject:
    """``{"file", "line", "message", "hint"}``."""
    return {
        "file": problem.location.file,
        "line": problem.location.line,
        "message": problem.message,
        "hint": problem.hint,
    }


def finding_to_dict(finding: Finding) -> JSONObject:
    """A finding as DESIGN.md shows it."""
    return {
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "subject": {"kind": finding.subject.kind, "id": finding.subject.id},
        "message": finding.message,
        "evidence": dict(finding.evidence),
        "recommendation": finding.recommendation,
        "location": location_to_dict(finding.location),
    }


def _item(item: Transfer | SeatAction | StopDoing | PartnerAction | FinanceAction) -> JSONObject:
    out: JSONObject = {}
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        name = field.name.rstrip("_")  # ``from_`` is ``from`` on the wire
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def plan_to_dict(plan: Plan) -> JSONObject:
    """``{"transfers", "seats", "stop_doing", "partners", "finance"}``, each a list of
    objects."""
    return {
        "transfers": [_item(item) for item in plan.transfers],
        "seats": [_item(item) for item in plan.seats],
        "stop_doing": [_item(item) for item in plan.stop_doing],
        "partners": [_item(item) for item in plan.partners],
        "finance": [_item(item) for item in plan.finance],
    }


def report_to_dict(report: Report) -> JSONObject:
    """The whole report as plain data; ``events`` only when event data was read,
    ``finance`` only when finance data was; ``rules``, the codes of the rules that ran,
    when known."""
    data: JSONObject = {
        "workspace": workspace_label(report.workspace),
        "problems": [problem_to_dict(problem) for problem in report.problems],
        "findings": [finding_to_dict(finding) for finding in ordered(report.findings)],
        "plan": plan_to_dict(report.plan),
    }
    if report.accepted:  # only when some are: the shape of a report without any is kept
        data = {
            **{k: v for k, v in data.items() if k != "plan"},
            "accepted": [accepted_to_dict(a) for a in accepted_in_order(report)],
            "plan": data["plan"],
        }
    if report.allocation is not None:
        data["events"] = events_to_dict(report.allocation)
    if report.finance is not None:
        data["finance"] = finance_to_dict(report.finance)
    if report.rules is not None:  # what a snapshot's findings are compared on (``diff``)
        data["rules"] = list(report.rules)
    return data


def render_json(report: Report) -> str:
    """The report as indented JSON, ending with a newline: the sections and their lists
    indented, each problem, finding and plan item on a line of its own."""
    return _indented(report_to_dict(report), 2) + "\n"


def check_json(view: CheckView) -> str:
    """The check view as JSON: the public shape of DESIGN.md (findings by code, so the
    families' titles and order do not change it), with ``applied`` when the plan was
    applied: what it closes, opens and keeps."""
    if view.applied is None:
        return render_json(view.report)
    from levelset.report.scenario import applied_to_dict  # noqa: PLC0415

    data = {**report_to_dict(view.report), "applied": applied_to_dict(view.applied)}
    return _indented(data, 2) + "\n"


# Python's json indents in Python, a hundred times slower than its compact encoder in C:
# a report of 50,000 findings took a quarter of a minute. Only the outer levels are
# indented here; what lies below them is encoded compactly, in C.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _indented(value: object, levels: int, margin: str = "") -> str:
    """``value`` as JSON indented by two: objects down to ``levels`` deep, and each list
    in them one item a line, each item compact."""
    inner = margin + "  "
    if levels > 0 and isinstance(value, dict) and value:
        items = [
            f"{inner}{_COMPACT.encode(str(k))}: {_indented(v, levels - 1, inner)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + margin + "}"
    if levels >= 0 and isinstance(value, list) and value:
        items = [inner + _COMPACT.encode(v) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + margin + "]"
    return _COMPACT.encode(value)
