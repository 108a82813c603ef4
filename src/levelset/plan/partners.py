"""Partner actions, from the outsourced-function findings.

``action`` is a stable key a report can group by; ``reason`` is the finding's advice:

- ``move-accountability-inside`` (OUT001): an internal seat becomes accountable, the
  partner stays responsible for the work;
- ``write-scope`` (OUT002), ``name-internal-owner`` (OUT003),
  ``check-references`` (OUT004), ``share-goals`` (OUT005);
- ``invite-to-strategy`` (OUT006): bring the partner into the recurring strategy
  sessions;
- ``settle-scope`` (OUT007): add the work it does outside its scope to the scope, or
  hand that work back.
"""

from __future__ import annotations

from collections.abc import Iterable

from levelset.model import Finding, PartnerAction

PARTNER_ACTIONS: dict[str, str] = {
    "OUT001": "move-accountability-inside",
    "OUT002": "write-scope",
    "OUT003": "name-internal-owner",
    "OUT004": "check-references",
    "OUT005": "share-goals",
    "OUT006": "invite-to-strategy",
    "OUT007": "settle-scope",
}


def partner_actions(findings: Iterable[Finding]) -> tuple[PartnerAction, ...]:
    """One action per partner and kind of action, in the order of the findings."""
    actions: dict[tuple[str, str], PartnerAction] = {}
    for finding in findings:
        action = PARTNER_ACTIONS.get(finding.code)
        if action is None or finding.subject.kind != "partner":
            continue
        key = (finding.subject.id, action)
        if key not in actions:
            actions[key] = PartnerAction(
                partner=finding.subject.id,
                action=action,
                reason=finding.recommendation or finding.message,
                codes=(finding.code,),
            )
    return tuple(actions.values())
