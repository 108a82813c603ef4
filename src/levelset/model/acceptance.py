"""Findings a leadership team has decided to live with for now: who decided, why, and
until when. An accepted finding is still shown, as accepted, but does not fail a check;
it comes back by itself when its date passes or the finding changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from levelset.model.findings import Finding
from levelset.model.source import Location


@dataclass(frozen=True, slots=True)
class Acceptance:
    """One entry of the workspace's ``accepted:`` section.

    It matches a finding by ``code`` and subject id (and subject kind when ``kind`` is
    given) while ``until`` has not passed. When ``message`` is given, only while the
    finding's message is still that text: a finding whose figures moved is a new one.
    """

    code: str
    subject: str
    by: str
    why: str
    until: date
    kind: str | None = None
    message: str | None = None
    location: Location | None = None

    def covers(self, finding: Finding, today: date) -> bool:
        """True when this acceptance holds for ``finding`` on ``today``."""
        return (
            today <= self.until
            and finding.code == self.code
            and finding.subject.id == self.subject
            and (self.kind is None or finding.subject.kind == self.kind)
            and (self.message is None or finding.message.strip() == self.message.strip())
        )


@dataclass(frozen=True, slots=True)
class AcceptedFinding:
    """A finding shown as accepted, with the acceptance that covers it."""

    finding: Finding
    acceptance: Acceptance


def split_accepted(
    findings: tuple[Finding, ...] | list[Finding],
    acceptances: tuple[Acceptance, ...],
    today: date,
) -> tuple[tuple[Finding, ...], tuple[AcceptedFinding, ...]]:
    """The findings no acceptance covers on ``today``, and those one does (the first
    entry that matches, in the order of the files)."""
    if not acceptances:
        return tuple(findings), ()
    still: list[Finding] = []
    accepted: list[AcceptedFinding] = []
    for finding in findings:
        cover = next((a for a in acceptances if a.covers(finding, today)), None)
        if cover is None:
            still.append(finding)
        else:
            accepted.append(AcceptedFinding(finding, cover))
    return tuple(still), tuple(accepted)
