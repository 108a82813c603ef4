"""What a rule sees: the workspace, its own options, and shared derived views."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from levelset.model import EvidenceValue, Finding, Location, Subject, Workspace
from levelset.rules.registry import OptionValue, Rule


@dataclass(frozen=True)
class RuleContext:
    """Handed to a rule's check function; ``options`` are the rule's defaults overlaid
    with what ``levelset.toml`` sets for it."""

    workspace: Workspace
    rule: Rule
    options: Mapping[str, OptionValue]

    def finding(
        self,
        kind: str,
        subject_id: str,
        message: str,
        *,
        evidence: Mapping[str, EvidenceValue] | None = None,
        recommendation: str = "",
        location: Location | None = None,
    ) -> Finding:
        """A finding of this rule about the subject ``kind``/``subject_id``."""
        return Finding(
            code=self.rule.code,
            rule=self.rule.name,
            severity=self.rule.severity,
            subject=Subject(kind, subject_id),
            message=message,
            evidence=dict(evidence or {}),
            recommendation=recommendation,
            location=location,
        )
