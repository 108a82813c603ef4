"""Partner actions, from the findings whose evidence is a ``PartnerConcern``.

``action`` is the evidence type's ``partner_action``, a stable key a report can group
by; ``reason`` is the finding's advice. The built-in ones:

- ``move-accountability-inside`` (``PartnerAccountableEvidence``): an internal seat
  becomes accountable, the partner stays responsible for the work;
- ``write-scope``, ``name-internal-owner``, ``check-references``, ``share-goals``;
- ``invite-to-strategy`` (``PartnerOutsideStrategyEvidence``): bring the partner into
  the recurring strategy sessions;
- ``settle-scope`` (``WorkOutsideScopeEvidence``): add the work it does outside its
  scope to the scope, or hand that work back.
"""

from __future__ import annotations

from collections.abc import Iterable

from levelset.model import Finding, PartnerAction
from levelset.model.evidence import PartnerConcern


def partner_actions(findings: Iterable[Finding]) -> tuple[PartnerAction, ...]:
    """One action per partner and kind of action, in the order of the findings."""
    actions: dict[tuple[str, str], PartnerAction] = {}
    for finding in findings:
        evidence = finding.evidence
        if not isinstance(evidence, PartnerConcern) or finding.subject.kind != "partner":
            continue
        action = evidence.partner_action
        key = (finding.subject.id, action)
        if key not in actions:
            actions[key] = PartnerAction(
                partner=finding.subject.id,
                action=action,
                reason=finding.recommendation or finding.message,
                codes=(finding.code,),
            )
    return tuple(actions.values())
