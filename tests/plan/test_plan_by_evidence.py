"""The plan reads a finding's evidence by its type, never its code: a finding of a code
no rule has, carrying a known kind of evidence, yields that kind's action; a built-in
code carrying evidence of no known kind yields none."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from levelset.model import (
    Finding,
    Holder,
    Partner,
    Person,
    Responsibility,
    Seat,
    Severity,
    Subject,
    Workspace,
)
from levelset.model.evidence import (
    Evidence,
    OthersWorkEvidence,
    PartnerConcern,
    ProspectsEvidence,
    UnownedMeetingEvidence,
    VacantSeatEvidence,
)
from levelset.plan import build_plan


def _workspace() -> Workspace:
    return Workspace(
        root=Path("x"),
        seats={
            "ceo": Seat("ceo", "CEO", "L5", holders=(Holder(person="dana"),)),
            "ctl": Seat("ctl", "Controller", "L3", "finance", "ceo"),
            "rvp": Seat("rvp", "RVP", "L4", "sales", "ceo", (Holder(person="abe"),)),
        },
        people={"dana": Person("dana", "Dana"), "abe": Person("abe", "Abe")},
        partners={"stride": Partner("stride", "Stride")},
        responsibilities={
            "close": Responsibility("close", "Monthly close", accountable=("ctl",)),
            "reviews": Responsibility("reviews", "Deal reviews", accountable=("rvp",)),
        },
    )


def _finding(code: str, kind: str, subject: str, evidence: Evidence | dict[str, object]) -> Finding:
    return Finding(
        code=code,
        rule="plug-in",
        severity=Severity.WARNING,
        subject=Subject(kind, subject),
        message=f"{subject} needs something.",
        evidence=evidence,  # type: ignore[arg-type]
        recommendation="Do it.",
    )


VACANT = VacantSeatEvidence(
    level="L3", responsibilities=["close"], absorbed_by="ceo", absorbed_by_level="L5"
)


def test_vacant_seat_evidence_under_an_unknown_code_fills_the_seat() -> None:
    plan = build_plan(_workspace(), [_finding("ZZZ001", "seat", "ctl", VACANT)])
    (seat,) = plan.seats
    assert (seat.action, seat.seat, seat.codes) == ("fill", "ctl", ("ZZZ001",))
    assert seat.reason == "Controller is vacant but accountable for Monthly close."


def test_a_builtin_code_with_evidence_of_no_known_kind_yields_nothing() -> None:
    plain = dict(VACANT)  # the same figures, but not typed: a snapshot's, say
    assert build_plan(_workspace(), [_finding("LEV004", "seat", "ctl", plain)]).is_empty()
    meeting = _finding("JOB007", "activity", "Weekly sync", {"people": ["dana"]})
    partner = _finding("OUT002", "partner", "stride", {"function": None})
    assert build_plan(_workspace(), [meeting, partner]).is_empty()


def test_others_work_evidence_under_an_unknown_code_is_a_transfer() -> None:
    evidence = OthersWorkEvidence(
        seats=["ceo"],
        hours_per_week=6.0,
        hours_below_per_week=6.0,
        responsibilities=["reviews"],
        hours_per_week_by_responsibility=[6.0],
        accountable=["rvp"],
        below=["reviews"],
    )
    plan = build_plan(_workspace(), [_finding("ZZZ002", "person", "dana", evidence)])
    (transfer,) = plan.transfers
    assert (transfer.work, transfer.from_, transfer.to) == ("Deal reviews", "dana", "rvp")
    assert transfer.hours_per_week == 6.0
    assert transfer.reason == "RVP is accountable for it. (ZZZ002)"


@dataclass(frozen=True, eq=False)
class _RenegotiateEvidence(PartnerConcern):
    """A plug-in's own partner concern, with its own action."""

    partner_action: ClassVar[str] = "renegotiate"
    price: float


def test_a_plugin_partner_concern_names_its_own_action() -> None:
    finding = _finding("ZZZ003", "partner", "stride", _RenegotiateEvidence(price=12.0))
    (action,) = build_plan(_workspace(), [finding]).partners
    assert (action.partner, action.action, action.reason, action.codes) == (
        "stride",
        "renegotiate",
        "Do it.",
        ("ZZZ003",),
    )


def test_meeting_and_prospect_evidence_under_unknown_codes() -> None:
    meeting = UnownedMeetingEvidence(
        series=["uid-1"], occurrences=12, hours_per_week=3.5, people=["dana", "abe"]
    )
    prospects = ProspectsEvidence(
        vendors=["globex"],
        names=["Globex"],
        spend=[184_000.0],
        categories=["freight"],
        prospects=1,
        top=5,
    )
    plan = build_plan(
        _workspace(),
        [
            _finding("ZZZ004", "activity", "Weekly sync", meeting),
            _finding("ZZZ005", "organization", "acme", prospects),
        ],
    )
    (stop,) = plan.stop_doing
    assert (stop.work, stop.who, stop.hours_per_week) == ("Weekly sync", ("dana", "abe"), 3.5)
    (prospect,) = plan.finance
    assert (prospect.action, prospect.subject, prospect.amount, prospect.codes) == (
        "prospect",
        "globex",
        184_000.0,
        ("ZZZ005",),
    )
