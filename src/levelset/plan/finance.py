"""Finance actions, from the FIN findings: what to do about customers, forecast periods
and the payables list.

``action`` is a stable key a report groups by; every figure comes from the findings'
evidence:

- ``reprice`` (FIN001, FIN002): reprice or change the service model of a customer that
  loses money; ``amount`` is the loss. The biggest losses come first.
- ``collect`` (FIN003, and FIN004 about a customer): a call on the collections call list;
  ``amount`` is what the customer owes. The most owed comes first.
- ``build-pipeline`` (FIN005): build pipeline for a forecast period the pipeline does not
  cover; ``amount`` is the weighted pipeline missing.
- ``prospect`` (FIN006): a vendor on the prospect list; ``amount`` is what the company
  spends with it, ``reason`` what it supplies. In the finding's order (by spend).
"""

from __future__ import annotations

from collections.abc import Iterable

from levelset.model import EvidenceValue, FinanceAction, Finding

FINANCE_ACTIONS: dict[str, str] = {
    "FIN001": "reprice",
    "FIN002": "reprice",
    "FIN003": "collect",
    "FIN004": "collect",
    "FIN005": "build-pipeline",
    "FIN006": "prospect",
}
_ORDER = ("reprice", "collect", "build-pipeline", "prospect")
#: When two findings call for the same action, whose advice it keeps: the whale's over
#: the loss's, the over-90 call's over the slow payer's.
_PREFERRED = {"FIN002": 0, "FIN001": 1, "FIN003": 0, "FIN004": 1}


def finance_actions(findings: Iterable[Finding]) -> tuple[FinanceAction, ...]:
    """One action per subject and kind of action: the losses to reprice, the collections
    call list, the pipeline to build, the prospect list."""
    actions: dict[tuple[str, str], FinanceAction] = {}
    ranks: dict[tuple[str, str], int] = {}
    for finding in sorted(findings, key=lambda f: _PREFERRED.get(f.code, 0)):
        action = FINANCE_ACTIONS.get(finding.code)
        if action is None:
            continue
        for item in _items(finding, action):
            key = (item.action, item.subject)
            if key in actions:
                known = actions[key]
                codes = tuple(dict.fromkeys((*known.codes, *item.codes)))
                amount = max(known.amount, item.amount)
                actions[key] = FinanceAction(
                    known.kind, known.subject, known.action, amount, known.name, known.reason, codes
                )
            else:
                actions[key] = item
                ranks[key] = len(ranks)
    ordered = sorted(actions.items(), key=lambda kv: _sort_key(kv[1], ranks[kv[0]]))
    return tuple(item for _, item in ordered)


def _sort_key(item: FinanceAction, seen: int) -> tuple[int, float, int]:
    by_amount = item.action in ("reprice", "collect")
    return (_ORDER.index(item.action), -item.amount if by_amount else 0.0, seen)


def _items(finding: Finding, action: str) -> list[FinanceAction]:
    evidence = finding.evidence
    subject = finding.subject
    reason = finding.recommendation or finding.message
    if action == "prospect":
        return _prospects(finding)
    if action == "collect" and subject.kind != "customer":
        return []  # the company's DSO: the call list is made of the customers' findings
    if action == "reprice":
        amount = -_number(evidence.get("profit"))
    elif action == "collect":
        amount = _number(evidence.get("open"))
    else:
        amount = _number(evidence.get("gap"))
    name = evidence.get("name")
    return [
        FinanceAction(
            kind=subject.kind,
            subject=subject.id,
            action=action,
            amount=round(amount, 2),
            name=name if isinstance(name, str) else subject.id,
            reason=reason,
            codes=(finding.code,),
        )
    ]


def _prospects(finding: Finding) -> list[FinanceAction]:
    vendors = _texts(finding.evidence.get("vendors"))
    names = _texts(finding.evidence.get("names"))
    categories = _texts(finding.evidence.get("categories"))
    spend = finding.evidence.get("spend")
    amounts = [float(v) for v in spend] if isinstance(spend, list) else []
    return [
        FinanceAction(
            kind="vendor",
            subject=vendor,
            action="prospect",
            amount=amounts[n] if n < len(amounts) else 0.0,
            name=names[n] if n < len(names) else vendor,
            reason=categories[n] if n < len(categories) else "",
            codes=(finding.code,),
        )
        for n, vendor in enumerate(vendors)
    ]


def _number(value: EvidenceValue) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _texts(value: EvidenceValue) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []
