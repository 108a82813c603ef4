"""Every kind of problem the loader reports: file, line, the facts, and a hint."""

from __future__ import annotations

from loadkit import VALID, load, only, texts

from levelset.load import load_files
from levelset.model import Location


def test_malformed_yaml_points_at_the_line() -> None:
    problem = only(load("seats:\n  - {id: a, title: A, level: L1\npeople: []\n"))
    assert problem.location.file == "org.yaml"
    assert problem.location.line in (2, 3)
    assert "malformed YAML" in problem.message
    assert problem.hint


def test_malformed_yaml_in_block_style() -> None:
    problem = only(load("seats:\n  - id: a\n    title: A\n   level: L1\n"))
    assert problem.location == Location("org.yaml", 4)
    assert "malformed YAML" in problem.message


def test_unknown_key_suggests_the_closest() -> None:
    problem = only(load("seats:\n  - id: a\n    tittle: A\n    title: A\n    level: L1\n"))
    assert problem.location == Location("org.yaml", 3)
    assert "unknown key 'tittle'" in problem.message
    assert "seat 'a'" in problem.message
    assert "did you mean 'title'?" in problem.hint


def test_unknown_section_suggests_the_closest() -> None:
    problem = only(load("seat:\n  - {id: a, title: A, level: L1}\n"))
    assert problem.location == Location("org.yaml", 1)
    assert "unknown key 'seat'" in problem.message
    assert "did you mean 'seats'?" in problem.hint


def test_wrong_type_says_what_is_expected() -> None:
    result = load(
        "people:\n  - {id: dana, name: Dana}\nseats:\n  - id: ceo\n"
        "    title: CEO\n    level: L5\n    holders: dana\n"
    )
    problem = only(result)
    assert problem.location == Location("org.yaml", 7)
    assert "'holders' should be a list of holders, not text 'dana'" in problem.message
    assert "holders: [dana]" in problem.hint
    assert result.workspace.seats["ceo"].vacant  # the seat is kept, the bad value dropped


def test_wrong_type_for_a_number() -> None:
    problem = only(load("people:\n  - {id: dana, name: Dana, cost_rate: lots}\n"))
    assert "'cost_rate' should be a number, not text 'lots'" in problem.message


def test_yes_read_as_boolean_is_explained() -> None:
    problem = only(load("people:\n  - {id: dana, name: yes}\n"))
    assert "should be text" in problem.message
    assert "yes/no" in problem.message


def test_section_that_is_not_a_list() -> None:
    problem = only(load("seats: {id: a}\n"))
    assert problem.location == Location("org.yaml", 1)
    assert "'seats' should be a list of seats" in problem.message


def test_item_that_is_not_a_mapping() -> None:
    problem = only(load("seats:\n  - ceo\n"))
    assert problem.location == Location("org.yaml", 2)
    assert "should be a mapping, not text 'ceo'" in problem.message


def test_missing_required_key_drops_the_object() -> None:
    result = load("seats:\n  - {id: a, title: A}\n  - {id: b, title: B, level: L1}\n")
    problem = only(result)
    assert problem.location == Location("org.yaml", 2)
    assert "seat 'a': 'level' is missing" in problem.message
    assert "level" in problem.hint
    assert list(result.workspace.seats) == ["b"]


def test_missing_id() -> None:
    result = load("goals:\n  - {title: Grow}\n")
    problem = only(result)
    assert "'id' is missing" in problem.message
    assert not result.workspace.goals


def test_duplicate_id_names_both_places() -> None:
    result = load(
        "seats:\n  - {id: ceo, title: A, level: L5}\n",
        b_yaml="seats:\n  - {id: ceo, title: B, level: L5}\n",
    )
    problem = only(result)
    # b.yaml is read before org.yaml (files go in name order), so its seat is the first
    assert problem.location == Location("org.yaml", 2)
    assert problem.message == "seat 'ceo' is defined twice: also at b.yaml:2"
    assert result.workspace.seats["ceo"].title == "B"


def test_partner_people_share_the_people_namespace() -> None:
    result = load(VALID, z_yaml="people:\n  - {id: sam, name: Another Sam}\n")
    problem = only(result)
    assert problem.location == Location("z.yaml", 2)
    assert "person 'sam' is defined twice: also at org.yaml:16" in problem.message


def test_duplicate_key_in_one_mapping() -> None:
    problem = only(load("people:\n  - id: a\n    name: A\n    name: B\n"))
    assert problem.location == Location("org.yaml", 4)
    assert "'name' is given twice" in problem.message


def test_unknown_seat_reference_with_suggestion() -> None:
    result = load(
        "seats:\n  - {id: ceo, title: CEO, level: L5}\n"
        "  - {id: cfo, title: CFO, level: L4, reports_to: ceoo}\n"
    )
    problem = only(result)
    assert problem.location == Location("org.yaml", 3)
    assert "seat 'cfo': reports_to 'ceoo' is not a seat" in problem.message
    assert "did you mean 'ceo'?" in problem.hint
    assert result.workspace.seats["cfo"].reports_to is None


def test_unknown_level_reference() -> None:
    problem = only(load("seats:\n  - {id: ceo, title: CEO, level: L6}\n"))
    assert "level 'L6' is not a level" in problem.message
    assert "the levels are L1, L2, L3, L4, L5" in problem.hint


def test_unknown_person_and_partner_holders() -> None:
    result = load(
        "people:\n  - {id: dana, name: Dana}\n"
        "seats:\n  - {id: ceo, title: CEO, level: L5, holders: [dan, {partner: strid}]}\n"
    )
    found = texts(result)
    assert len(found) == 2
    assert "holder 'dan' is not a person" in found[0] + found[1]
    assert "did you mean 'dana'?" in found[0] + found[1]
    assert "holder 'strid' is not a partner" in found[0] + found[1]
    assert result.workspace.seats["ceo"].holders == ()


def test_unknown_goal_responsibility_and_owner_references() -> None:
    result = load(
        "seats:\n  - {id: ceo, title: CEO, level: L5}\n"
        "goals:\n  - {id: g1, title: G, owner: cfo, parent: g0}\n"
        "responsibilities:\n  - {id: r1, name: R, accountable: [ceo, coo], goals: [g2]}\n"
        "partners:\n  - {id: p, name: P, owner: ceo, scope: [r2], goals: [g1]}\n"
    )
    joined = "\n".join(texts(result))
    assert "goal 'g1': parent 'g0' is not a goal" in joined
    assert "goal 'g1': owner 'cfo' is not a seat" in joined
    assert "responsibility 'r1': accountable 'coo' is not a seat" in joined
    assert "responsibility 'r1': goals 'g2' is not a goal" in joined
    assert "partner 'p': scope 'r2' is not a responsibility" in joined
    assert len(result.problems) == 5
    assert result.workspace.responsibilities["r1"].accountable == ("ceo",)


def test_reports_to_cycle_is_named() -> None:
    result = load(
        "seats:\n  - {id: a, title: A, level: L5, reports_to: b}\n"
        "  - {id: b, title: B, level: L4, reports_to: c}\n"
        "  - {id: c, title: C, level: L3, reports_to: a}\n"
        "  - {id: d, title: D, level: L1, reports_to: c}\n"
    )
    problem = only(result)
    assert problem.location == Location("org.yaml", 2)
    assert "a -> b -> c -> a" in problem.message
    assert result.workspace.seats["a"].reports_to is None  # cut so rules can walk chains


def test_goal_parent_cycle_and_self_parent() -> None:
    result = load(
        "goals:\n  - {id: x, title: X, parent: y}\n"
        "  - {id: y, title: Y, parent: x}\n  - {id: z, title: Z, parent: z}\n"
    )
    found = texts(result)
    assert any("goals form a cycle through parent: x -> y -> x" in t for t in found)
    assert any("z -> z" in t for t in found)


def test_bad_duration() -> None:
    result = load("responsibilities:\n  - {id: r, name: R, horizon: 3 months}\n")
    problem = only(result)
    assert "responsibility 'r': bad horizon" in problem.message
    assert "'3 months' is not a duration" in problem.message
    assert result.workspace.responsibilities["r"].horizon is None


def test_backwards_range() -> None:
    problem = only(load("responsibilities:\n  - {id: r, name: R, horizon: 3mo..1mo}\n"))
    assert "runs backwards" in problem.message


def test_bad_period() -> None:
    problem = only(load("goals:\n  - {id: g, title: G, period: 2026-Q5}\n"))
    assert problem.location == Location("org.yaml", 2)
    assert "goal 'g': bad period: '2026-Q5' is not a period" in problem.message


def test_period_that_ends_before_it_starts() -> None:
    problem = only(
        load("goals:\n  - id: g\n    title: G\n    period: {start: 2026-06-30, end: 2026-01-01}\n")
    )
    assert "ends (2026-01-01) before it starts" in problem.message


def test_fte_outside_zero_to_one() -> None:
    result = load(
        "people:\n  - {id: dana, name: Dana}\n"
        "seats:\n  - {id: a, title: A, level: L1, holders: [{person: dana, fte: 1.5}]}\n"
        "  - {id: b, title: B, level: L1, holders: [{person: dana, fte: 0}]}\n"
    )
    found = texts(result)
    assert len(found) == 2
    assert "org.yaml:4: seat 'a': holder 'dana' has fte 1.5, outside (0, 1]" in found[0]
    assert "holder 'dana' has fte 0, outside (0, 1]" in found[1]
    assert result.workspace.seats["a"].vacant


def test_non_finite_numbers_are_problems() -> None:
    result = load(
        "people:\n  - {id: dana, name: Dana, cost_rate: .inf}\n"
        "goals:\n"
        "  - {id: g, title: G, weight: .inf, metric: {start: .nan, target: .inf, current: 3}}\n"
        "  - id: h\n    title: H\n    weight: -.inf\n"
        "    metric:\n      start: .NaN\n      target: 4\n"
    )
    found = texts(result)
    assert len(found) == 6, found
    assert "org.yaml:2: person 'dana': 'cost_rate' must be a finite number, not .inf" in found[0]
    assert all("must be a finite number" in text for text in found)
    assert [p.location.line for p in result.problems] == [2, 4, 4, 4, 7, 9]
    assert all(p.hint for p in result.problems)
    # Each bad value is left at its default; the objects stay.
    assert result.workspace.people["dana"].cost_rate is None
    g, h = result.workspace.goals["g"], result.workspace.goals["h"]
    assert g.weight == h.weight == 1.0
    assert g.metric is not None
    assert h.metric is not None
    assert (g.metric.start, g.metric.target, g.metric.current) == (None, None, 3.0)
    assert (h.metric.start, h.metric.target) == (None, 4.0)


def test_non_finite_fte_is_a_problem() -> None:
    result = load(
        "people:\n  - {id: dana, name: Dana}\n"
        "seats:\n  - {id: a, title: A, level: L1, holders: [{person: dana, fte: .inf}]}\n"
    )
    problem = only(result)
    assert problem.location == Location("org.yaml", 4)
    assert "seat 'a' holder: 'fte' must be a finite number, not .inf" in problem.message


def test_number_too_large_for_a_float_is_a_problem() -> None:
    problem = only(load("people:\n  - {id: dana, name: Dana, cost_rate: 1" + "0" * 400 + "}\n"))
    assert problem.location == Location("org.yaml", 2)
    assert "'cost_rate' must be a finite number, not a number of 401 digits" in problem.message


def test_holder_with_both_person_and_partner() -> None:
    problem = only(
        load("seats:\n  - {id: a, title: A, level: L1, holders: [{person: x, partner: y}]}\n")
    )
    assert "exactly one of 'person' and 'partner'" in problem.message


def test_bad_reference_check_outcome() -> None:
    problem = only(
        load(
            "partners:\n  - id: p\n    name: P\n"
            "    reference_checks:\n      - {date: 2026-01-10, outcome: postive}\n"
        )
    )
    assert problem.location == Location("org.yaml", 5)
    assert "outcome 'postive'" in problem.message
    assert "did you mean 'positive'?" in problem.hint


def test_top_level_must_be_a_mapping() -> None:
    problem = only(load("- a\n- b\n"))
    assert "should be a mapping of sections" in problem.message


def test_all_problems_at_once() -> None:
    result = load(
        "seats:\n  - {id: a, title: A, level: L9}\n  - {id: b, title: B, level: L1, hldrs: []}\n"
        "goals:\n  - {id: g, title: G, period: soon}\n"
    )
    assert len(result.problems) == 3
    assert [p.location.line for p in result.problems] == [2, 3, 5]


def test_problems_are_sorted_by_file_and_line() -> None:
    result = load("seats:\n  - {id: a, title: A, level: L9}\n", a_yaml="people:\n  - {id: p}\n")
    assert [str(p.location) for p in result.problems] == ["a.yaml:2", "org.yaml:2"]


def test_reference_in_a_block_item_points_at_its_key() -> None:
    result = load("seats:\n  - id: ceo\n    title: CEO\n    level: L5\n    reports_to: board\n")
    problem = only(result)
    assert problem.location == Location("org.yaml", 5)
    assert "reports_to 'board'" in problem.message


def test_one_indentation_error_is_one_problem_not_a_cascade() -> None:
    files = {
        "org.yaml": (
            "seats:\n  - {id: ceo, title: CEO, level: L5}\n"
            "responsibilities:\n"
            "  - {id: plan, name: Annual plan, horizon: 1y, accountable: ceo, goals: [kr-cash]}\n"
        ),
        "goals.yaml": (
            "goals:\n"
            "  - id: kr-cash\n"
            "   title: Cash from 2 to 3 months\n"  # one space short: the file cannot be read
            "    owner: ceo\n"
        ),
    }
    result = load_files(files)
    assert [p.message.split(":")[0] for p in result.problems] == ["malformed YAML"]
    assert result.problems[0].location.file == "goals.yaml"
    # A reference to an id that no broken file holds is still told.
    files["org.yaml"] = files["org.yaml"].replace("kr-cash", "kr-nowhere")
    messages = [p.message for p in load_files(files).problems]
    assert any("'kr-nowhere' is not a goal of this workspace" in m for m in messages)
