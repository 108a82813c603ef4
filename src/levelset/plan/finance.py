"""Finance actions, from the findings whose evidence is a ``FinanceConcern``: what to
do about customers, forecast periods and the payables list.

``action`` is the evidence type's ``finance_action``, a stable key a report groups by;
every figure comes from the findings' evidence:

- ``reprice`` (``CustomerProfitEvidence``: a loss, a whale): reprice or change the
  service model of a customer that loses money; ``amount`` is the loss. The biggest
  losses come first.
- ``collect`` (``OverdueReceivablesEvidence``, ``SlowPayerEvidence``): a call on the
  collections call list; ``amount`` is what the customer owes. The most owed comes
  first. The company's DSO (``SlowCollectionsEvidence``) calls for no call of its own.
- ``build-pipeline`` (``ForecastGapEvidence``): build pipeline for a forecast period the
  pipeline does not cover; ``amount`` is the weighted pipeline missing.
- ``prospect`` (``ProspectsEvidence``): a vendor on the prospect list; ``amount`` is
  what the company spends with it, ``reason`` what it supplies. In the finding's order
  (by spend).
"""

from __future__ import annotations

from collections.abc import Iterable

from levelset.model import FinanceAction, Finding
from levelset.model.evidence import FinanceConcern

_ORDER = ("reprice", "collect", "build-pipeline", "prospect")


def finance_actions(findings: Iterable[Finding]) -> tuple[FinanceAction, ...]:
    """One action per subject and kind of action: the losses to reprice, the collections
    call list, the pipeline to build, the prospect list."""
    actions: dict[tuple[str, str], FinanceAction] = {}
    ranks: dict[tuple[str, str], int] = {}
    # When two findings call for the same action, the advice kept is that of the
    # evidence with the lower rank: the whale's over the loss's, the over-90 call's over
    # the slow payer's.
    concerns = [
        (finding, evidence)
        for finding in findings
        if isinstance(evidence := finding.evidence, FinanceConcern)
    ]
    for finding, evidence in sorted(concerns, key=lambda pair: pair[1].advice_rank):
        reason = finding.recommendation or finding.message
        for item in evidence.finance_actions(finding.subject, reason, (finding.code,)):
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
    # a plug-in's own action comes after the built-in ones, in the order found
    place = _ORDER.index(item.action) if item.action in _ORDER else len(_ORDER)
    return (place, -item.amount if by_amount else 0.0, seen)
