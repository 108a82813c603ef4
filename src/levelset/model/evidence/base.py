"""Evidence as typed values: the figures that prove a finding, and what it calls for.

Each rule declares the type of its evidence, a frozen dataclass deriving from
``Evidence``. An evidence value is also a read-only mapping of its fields, in the order
they are declared and with lists where a field holds several values, so every renderer
(JSON included) shows it exactly as it showed the plain dictionaries rules once built.

What a finding contributes to the plan is said by the type of its evidence, never by
the rule's code: evidence that is ``SeatsToFill`` names vacant seats to fill, a
``PartnerConcern`` names its partner action, a ``FinanceConcern`` gives its finance
actions. The plan builders dispatch on these types (and on a few concrete ones whose
figures they read); a new rule contributes by declaring such a type.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from typing import ClassVar

from levelset.model.findings import EvidenceValue, FinanceAction, Subject


@dataclass(frozen=True, eq=False)
class Evidence(Mapping[str, EvidenceValue]):
    """The base of every evidence type: a frozen dataclass read as a mapping.

    Declare subclasses with ``@dataclass(frozen=True, eq=False)`` so that evidence
    compares equal to any mapping of the same figures (a snapshot read back from JSON
    holds plain dictionaries). Fields holding several values may be given as lists;
    they are kept as tuples and read back as lists.
    """

    _names: ClassVar[dict[type, tuple[str, ...]]] = {}

    def __post_init__(self) -> None:
        for name in self._keys():
            value = getattr(self, name)
            if isinstance(value, list):  # frozen means frozen: no list to append to
                object.__setattr__(self, name, tuple(value))

    @classmethod
    def _keys(cls) -> tuple[str, ...]:
        known = Evidence._names.get(cls)
        if known is None:
            known = Evidence._names[cls] = tuple(f.name for f in fields(cls))
        return known

    def __getitem__(self, key: str) -> EvidenceValue:
        if key not in self._keys():
            raise KeyError(key)
        value = getattr(self, key)
        return list(value) if isinstance(value, tuple) else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())


class SeatsToFill(Evidence):
    """Evidence naming vacant seats the plan should fill."""

    def seats_to_fill(self, subject_id: str) -> tuple[str, ...]:
        """The ids of the seats to fill; ``subject_id`` is the finding's subject."""
        return (subject_id,)

    def hours_waiting(self) -> float:
        """Hours a week of the seats' work done by others today (0 when not measured)."""
        return 0.0


class PartnerConcern(Evidence):
    """Evidence about a partner that calls for ``partner_action``: a stable key a report
    groups by (``write-scope``, ``share-goals``, ...)."""

    partner_action: ClassVar[str] = ""


class FinanceConcern(Evidence):
    """Evidence that calls for ``finance_action`` (``reprice``, ``collect``,
    ``build-pipeline``, ``prospect``) about the money ``at_stake``.

    When two findings call for the same action about the same subject, the advice of
    the one with the lower ``advice_rank`` is kept.
    """

    finance_action: ClassVar[str] = ""
    advice_rank: ClassVar[int] = 0

    def at_stake(self) -> float:
        """The money at stake, in the organization's currency."""
        return 0.0

    def display_name(self) -> str | None:
        """The subject's name, when the evidence has it."""
        return None

    def finance_actions(
        self, subject: Subject, reason: str, codes: tuple[str, ...]
    ) -> tuple[FinanceAction, ...]:
        """The actions this evidence calls for: one about the finding's subject."""
        name = self.display_name()
        return (
            FinanceAction(
                kind=subject.kind,
                subject=subject.id,
                action=self.finance_action,
                amount=round(self.at_stake(), 2),
                name=subject.id if name is None else name,
                reason=reason,
                codes=codes,
            ),
        )
