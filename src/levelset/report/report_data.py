"""The report view as plain data: what ``levelset report --format json`` prints and what
the HTML report's charts read.

The HTML report embeds exactly this object and draws every chart from it, so a figure
in a chart is the figure in the JSON. Each part reuses its own command's shape (the
check, ``org``, ``tree``, ``diff``); the summary adds the three figures a CEO asks for
first, each saying what it is a share of.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from levelset.model.finance import Finance
from levelset.report.data import report_to_dict
from levelset.report.history import diff_to_dict
from levelset.report.tree_data import goal_tree_to_dict, org_to_dict
from levelset.report.views import (
    CheckView,
    OrgView,
    PartnerSummary,
    PeopleFigures,
    ReportView,
    SeatNode,
)

JSONObject = dict[str, Any]
SEVERITIES = ("error", "warning", "info")


def report_view_to_dict(view: ReportView) -> JSONObject:
    """The whole report as plain data (the check's shape under ``check``)."""
    check = report_to_dict(view.check.report)
    return {
        "name": view.name,
        "today": view.today.isoformat(),
        "currency": view.finance.currency if view.finance is not None else None,
        "summary": summary_to_dict(view),
        "check": check,
        "org": org_to_dict(view.org),
        "seats_by_level": seats_by_level(view.org),
        "goals": goal_tree_to_dict(view.goals),
        "people": None if view.people is None else people_to_dict(view.people),
        "partners": [partner_to_dict(p) for p in view.partners],
        "changes": None if view.diff is None else diff_to_dict(view.diff),
        "missing": dict(view.missing),
    }


def report_view_json(view: ReportView) -> str:
    """The report view as indented JSON, ending with a newline."""
    return json.dumps(report_view_to_dict(view), indent=2, ensure_ascii=False) + "\n"


def family_counts(view: CheckView) -> list[JSONObject]:
    """Findings by family and severity, families in the registry's order."""
    counts = Counter((f.code[:3], f.severity.value) for f in view.report.findings)
    families = list(view.families)
    families += sorted({family for family, _ in counts} - set(families))
    return [
        {
            "family": family,
            "title": view.families.get(family, family),
            **{severity: counts[(family, severity)] for severity in SEVERITIES},
        }
        for family in families
        if any(counts[(family, s)] for s in SEVERITIES)
    ]


def summary_to_dict(view: ReportView) -> JSONObject:
    """Counts by family and severity and the three headline figures (``None`` when the
    data behind one is missing)."""
    people = view.people
    finance = view.finance.finance if view.finance is not None else None
    return {
        "findings": len(view.check.report.findings),
        "problems": len(view.check.report.problems),
        "by_family": family_counts(view.check),
        "leadership_below_band": None if people is None else leadership_below(people),
        "unowned_hours": None if people is None else unowned_hours(people),
        "dso": None if finance is None else dso_against_terms(finance),
    }


def leadership_below(people: PeopleFigures) -> JSONObject | None:
    """The share of the leadership's hours below their seats' band over the window."""
    below = sum(leader.below for leader in people.leaders)
    hours = sum(leader.below + leader.in_band + leader.above for leader in people.leaders)
    if hours <= 0:
        return None
    return {
        "share": round(below / hours, 4),
        "below_hours": round(below, 2),
        "hours": round(hours, 2),
        "seats": len(people.leaders),
        "levels": list(people.levels),
        "weeks": len(people.weeks),
    }


def unowned_hours(people: PeopleFigures) -> JSONObject | None:
    """The hours a week, on average over the window, that match no responsibility."""
    weeks = len(people.unowned)
    if not weeks:
        return None
    unowned = sum(people.unowned) / weeks
    total = sum(people.all_hours) / weeks if people.all_hours else 0.0
    return {
        "hours_a_week": round(unowned, 2),
        "all_hours_a_week": round(total, 2),
        "share": round(unowned / total, 4) if total > 0 else None,
        "weeks": weeks,
    }


def dso_against_terms(finance: Finance) -> JSONObject | None:
    """Simple DSO beside the customers' terms (weighted by sales)."""
    receivables = finance.receivables
    if receivables is None or receivables.dso is None:
        return None
    terms = receivables.terms_days
    return {
        "dso": round(receivables.dso, 1),
        "terms_days": None if terms is None else round(terms, 1),
        "days_over_terms": None if terms is None else round(receivables.dso - terms, 1),
        "period_days": receivables.period_days,
        "as_of": receivables.as_of.isoformat(),
    }


def _seats(nodes: tuple[SeatNode, ...]) -> Iterator[SeatNode]:
    for node in nodes:
        yield node
        yield from _seats(node.children)


def seats_by_level(view: OrgView) -> list[JSONObject]:
    """Seats per level, highest first: held by employees, held by partners, vacant."""
    rows: dict[str, JSONObject] = {}
    for seat in _seats(view.roots):
        row = rows.setdefault(
            seat.level,
            {"level": seat.level, "name": seat.level_name, "held": 0, "partner": 0, "vacant": 0},
        )
        if seat.vacant:
            row["vacant"] += 1
        elif any(h.partner for h in seat.holders):
            row["partner"] += 1
        else:
            row["held"] += 1
    return sorted(rows.values(), key=lambda r: str(r["level"]), reverse=True)


def people_to_dict(people: PeopleFigures) -> JSONObject:
    """The leaders' hours by band and the weekly series."""
    return {
        "levels": list(people.levels),
        "leaders": [
            {
                "seat": leader.seat,
                "title": leader.title,
                "level": leader.level,
                "holders": leader.holders,
                "below": leader.below,
                "in_band": leader.in_band,
                "above": leader.above,
            }
            for leader in people.leaders
        ],
        "weeks": [week.isoformat() for week in people.weeks],
        "below_share": list(people.below_share),
        "others_work": list(people.others_work),
        "unowned": list(people.unowned),
        "all_hours": list(people.all_hours),
    }


def partner_to_dict(partner: PartnerSummary) -> JSONObject:
    """A partner as the report shows it."""
    return {
        "id": partner.id,
        "name": partner.name,
        "function": partner.function,
        "scope": list(partner.scope),
        "owner": partner.owner,
        "references": list(partner.references),
        "shared_goals": list(partner.shared_goals),
        "strategy_sessions": partner.strategy_sessions,
        "hours_outside_scope": partner.hours_outside_scope,
    }
