"""A valid workspace is read into the model completely, with file and line everywhere."""

from __future__ import annotations

from datetime import date

from loadkit import VALID, load

from levelset.model import Location, Outcome


def test_valid_workspace_has_no_problems() -> None:
    result = load(VALID)
    assert result.ok, [str(p) for p in result.problems]
    workspace = result.workspace
    assert list(workspace.seats) == ["ceo", "controller", "bookkeeper"]
    assert workspace.settings.name == "Acme Distribution"
    assert workspace.scheme.name == "default"


def test_seats_and_holders() -> None:
    seats = load(VALID).workspace.seats
    assert seats["ceo"].holders[0].person == "dana"
    assert seats["ceo"].holders[0].fte == 1.0
    assert seats["controller"].vacant
    assert seats["controller"].reports_to == "ceo"
    holder = seats["bookkeeper"].holders[0]
    assert (holder.partner, holder.person, holder.fte) == ("stride", None, 0.5)


def test_partner_people_become_people_of_the_partner() -> None:
    workspace = load(VALID).workspace
    partner = workspace.partners["stride"]
    assert partner.people == ("sam",)
    assert workspace.people["sam"].partner == "stride"
    assert workspace.people["sam"].cost_rate == 60.0
    assert workspace.people["dana"].partner is None
    check = partner.reference_checks[0]
    assert (check.date, check.referee, check.outcome) == (
        date(2026, 1, 10),
        "Jo Park",
        Outcome.POSITIVE,
    )
    assert partner.owner == "ceo"
    assert partner.scope == ("monthly-close",)
    assert partner.goals == ("kr-dso",)


def test_responsibilities() -> None:
    resps = load(VALID).workspace.responsibilities
    close = resps["monthly-close"]
    assert close.accountable == ("controller",)
    assert close.responsible == ("bookkeeper",)
    assert close.informed == ("ceo",)
    assert close.consulted == ()
    assert close.horizon is not None
    assert str(close.horizon) == "1mo"
    assert close.match is not None
    assert (close.match.project, close.match.task) == ("Finance", "Close*")
    assert resps["strategy-review"].strategic
    assert not close.strategic


def test_goals_and_metric() -> None:
    goals = load(VALID).workspace.goals
    top, kr = goals["obj-profit"], goals["kr-dso"]
    assert top.period is not None
    assert (top.period.start, top.period.end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert kr.parent == "obj-profit"
    assert kr.metric is not None
    assert (kr.metric.start, kr.metric.target, kr.metric.current) == (62, 40, 55)
    assert kr.metric.unit == "days"
    assert kr.weight == 1.0


def test_every_object_knows_its_line() -> None:
    workspace = load(VALID).workspace
    assert workspace.seats["ceo"].location == Location("org.yaml", 3)
    assert workspace.seats["bookkeeper"].location == Location("org.yaml", 5)
    assert workspace.seats["bookkeeper"].holders[0].location == Location("org.yaml", 6)
    assert workspace.seats["ceo"].holders[0].location == Location("org.yaml", 3)
    assert workspace.people["dana"].location == Location("org.yaml", 8)
    assert workspace.partners["stride"].location == Location("org.yaml", 10)
    assert workspace.partners["stride"].reference_checks[0].location.line == 15
    assert workspace.people["sam"].location == Location("org.yaml", 16)
    assert workspace.responsibilities["monthly-close"].location.line == 19
    assert workspace.responsibilities["monthly-close"].match.location.line == 28  # type: ignore[union-attr]
    assert workspace.goals["kr-dso"].location.line == 37
    assert workspace.goals["kr-dso"].metric.location.line == 42  # type: ignore[union-attr]
    assert workspace.settings.location == Location("org.yaml", 1)


def test_sections_merge_across_files_in_name_order() -> None:
    result = load(
        b_yaml="seats:\n  - {id: b, title: B, level: L1, reports_to: a}\n",
        a_yaml="seats:\n  - {id: a, title: A, level: L2}\npeople:\n  - {id: p, name: P}\n",
        c_yml="people:\n  - {id: q, name: Q}\n",
    )
    assert result.ok, [str(p) for p in result.problems]
    assert list(result.workspace.seats) == ["a", "b"]
    assert result.workspace.seats["b"].location == Location("b.yaml", 2)
    assert list(result.workspace.people) == ["p", "q"]
    assert result.workspace.people["q"].location == Location("c.yml", 2)


def test_files_in_subfolders_are_not_read() -> None:
    result = load(VALID, **{"data/time/x.yaml": "not: [valid"})
    assert result.ok


def test_holder_string_naming_a_partner_is_taken_as_the_partner() -> None:
    result = load(VALID.replace("holders: [{partner: stride, fte: 0.5}]", "holders: [stride]"))
    assert result.ok
    holder = result.workspace.seats["bookkeeper"].holders[0]
    assert (holder.partner, holder.person) == ("stride", None)


def test_ids_written_as_numbers_are_text() -> None:
    result = load(
        "people:\n  - {id: 1001, name: Ann}\n"
        "seats:\n  - {id: s, title: S, level: L1, holders: [1001]}\n"
    )
    assert result.ok
    assert "1001" in result.workspace.people
    assert result.workspace.seats["s"].holders[0].person == "1001"


def test_a_byte_order_mark_is_ignored() -> None:
    result = load("\ufeffpeople:\n  - {id: p, name: P}\n")
    assert result.ok
    assert result.workspace.people["p"].location.line == 2
