"""SARIF 2.1.0: the check report for the code-scanning views of the forges (GitHub,
GitLab, Azure DevOps) where workspaces live.

One run of the tool ``levelset``; each rule that produced a finding is described once
in ``tool.driver.rules``; each finding is a result at its file and line; each problem
reading the workspace is a result of the pseudo-rule ``problem``; an accepted finding
is a result with an ``accepted`` suppression, so the forge shows it as dismissed.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from levelset.model import Finding, Location, Problem, Report, Severity
from levelset.report._common import has_file, ordered, repo_path
from levelset.report.accepted import accepted_in_order
from levelset.version import __version__

if TYPE_CHECKING:
    from levelset.model.acceptance import AcceptedFinding
    from levelset.report.views import CheckView

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
PROBLEM_RULE = "problem"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def check_sarif(view: CheckView) -> str:
    """The check view as a SARIF 2.1.0 log (JSON, ending with a newline)."""
    return render_sarif(view.report)


def render_sarif(report: Report) -> str:
    """``report`` as a SARIF 2.1.0 log."""
    findings = ordered(report.findings)
    accepted = accepted_in_order(report)
    rules = _rules([*findings, *(a.finding for a in accepted)], bool(report.problems))
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results = [_problem(report, problem, index) for problem in report.problems]
    results += [_finding(report, finding, index) for finding in findings]
    results += [_accepted(report, item, index) for item in accepted]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "levelset",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    # ensure_ascii: a file name that is not UTF-8 (a surrogate escape) stays valid JSON
    return json.dumps(log, indent=2, ensure_ascii=True) + "\n"


def _rules(findings: list[Finding], problems: bool) -> list[dict[str, Any]]:
    described: dict[str, dict[str, Any]] = {}
    if problems:
        described[PROBLEM_RULE] = {
            "id": PROBLEM_RULE,
            "name": "workspace-problem",
            "shortDescription": {"text": "levelset could not read or could not trust a file"},
            "defaultConfiguration": {"level": "error"},
        }
    for finding in findings:
        if finding.code not in described:
            described[finding.code] = {
                "id": finding.code,
                "name": finding.rule,
                "shortDescription": {"text": f"{finding.code} {finding.rule}"},
                "defaultConfiguration": {"level": _LEVEL[finding.severity]},
            }
    return list(described.values())


def _problem(report: Report, problem: Problem, index: dict[str, int]) -> dict[str, Any]:
    text = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    return {
        "ruleId": PROBLEM_RULE,
        "ruleIndex": index[PROBLEM_RULE],
        "level": "error",
        "message": {"text": text},
        "locations": _locations(report, problem.location),
    }


def _finding(report: Report, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    text = finding.message
    if finding.recommendation:
        text = f"{text}\n{finding.recommendation}"
    return {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": text},
        "locations": _locations(report, finding.location),
        # the forge follows a finding across commits by this, not by its line
        "partialFingerprints": {"levelsetFinding/v1": fingerprint(finding)},
        "properties": {"subject": {"kind": finding.subject.kind, "id": finding.subject.id}},
    }


def _accepted(report: Report, item: AcceptedFinding, index: dict[str, int]) -> dict[str, Any]:
    result = _finding(report, item.finding, index)
    acceptance = item.acceptance
    result["suppressions"] = [
        {
            "kind": "external",
            "status": "accepted",
            "justification": (
                f"accepted by {acceptance.by} until {acceptance.until.isoformat()}: "
                f"{acceptance.why}"
            ),
            "locations": _locations(report, acceptance.location),
        }
    ]
    return result


def fingerprint(finding: Finding) -> str:
    """A stable key of a finding: its code and subject (not its line, not its figures)."""
    key = f"{finding.code}\0{finding.subject.kind}\0{finding.subject.id}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _locations(report: Report, location: Location | None) -> list[dict[str, Any]]:
    if location is None or not has_file(location):
        return []
    # surrogateescape: a file name that is not UTF-8 keeps its bytes, percent-encoded
    uri = quote(repo_path(report.workspace, location), safe="/", errors="surrogateescape")
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if location.line is not None and location.line >= 1:
        physical["region"] = {"startLine": location.line}
    return [{"physicalLocation": physical}]
