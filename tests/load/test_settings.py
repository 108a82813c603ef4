"""levelset.toml, the organization table in both places, and level schemes."""

from __future__ import annotations

import pytest
from loadkit import load, only, texts

from levelset.model import REQUISITE, Location

SEAT = "seats:\n  - {id: a, title: A, level: L1}\n"


def test_toml_settings_are_read() -> None:
    result = load(
        SEAT,
        toml="""\
        [organization]
        name = "Acme"
        currency = "EUR"

        [check]
        fail_on = "warning"
        select = ["LEV", "DOT002"]
        ignore = ["OUT003"]

        [rules.LEV001]
        tolerance = 2

        [rules.too-many-accountabilities]
        max = 12
        """,
    )
    assert result.ok, texts(result)
    settings = result.workspace.settings
    assert (settings.name, settings.currency) == ("Acme", "EUR")
    assert settings.fail_on == "warning"
    assert settings.select == ("LEV", "DOT002")
    assert settings.ignore == ("OUT003",)
    assert settings.rules == {"LEV001": {"tolerance": 2}, "too-many-accountabilities": {"max": 12}}
    assert settings.rule_locations["LEV001"] == Location("levelset.toml", 10)
    assert settings.rule_locations["too-many-accountabilities"] == Location("levelset.toml", 13)
    assert settings.location == Location("levelset.toml", 1)
    assert result.workspace.name == "Acme"


def test_malformed_toml_has_a_line() -> None:
    problem = only(load(SEAT, toml='[organization]\nname = "Acme\n'))
    assert problem.location == Location("levelset.toml", 2)
    assert "malformed TOML" in problem.message


def test_unknown_toml_keys_suggest() -> None:
    result = load(SEAT, toml='[organisation]\nname = "A"\n[check]\nfail_onn = "info"\n')
    found = texts(result)
    assert len(found) == 2
    assert "levelset.toml:1: unknown key 'organisation' in levelset.toml" in found[0]
    assert "did you mean 'organization'?" in found[0]
    assert "levelset.toml:4: unknown key 'fail_onn' in [check]" in found[1]
    assert "did you mean 'fail_on'?" in found[1]


def test_bad_fail_on() -> None:
    problem = only(load(SEAT, toml='[check]\nfail_on = "fatal"\n'))
    assert problem.location == Location("levelset.toml", 2)
    assert "fail_on is 'fatal'" in problem.message


def test_rule_table_must_be_a_table() -> None:
    problem = only(load(SEAT, toml="[rules]\nLEV001 = 3\n"))
    assert problem.location == Location("levelset.toml", 2)
    assert "[rules] LEV001 should be a table" in problem.message


def test_organization_in_both_places_must_agree() -> None:
    result = load(
        "organization: {name: Acme Inc, currency: USD}\n" + SEAT,
        toml='[organization]\nname = "Acme"\ncurrency = "USD"\n',
    )
    problem = only(result)
    assert problem.location == Location("org.yaml", 1)
    assert "organization name is 'Acme Inc' here but 'Acme' at levelset.toml:2" in problem.message


def test_organization_name_that_is_not_text() -> None:
    result = load("organization: {name: Acme}\n" + SEAT, toml="[organization]\nname = 5\n")
    problem = only(result)  # a type problem, not a disagreement with org.yaml
    assert problem.location == Location("levelset.toml", 2)
    assert problem.message == "[organization] name should be text, not a number (5)"
    assert problem.hint == 'write name = "5", in double quotes'
    assert result.workspace.name == "Acme"


@pytest.mark.parametrize(
    ("toml", "line", "message"),
    [
        (
            "\n[organization]\nlevel_scheme = 3\n",
            3,
            "[organization] level_scheme should be text, not a number (3)",
        ),
        (
            '[organization]\nname = "A"\ncurrency = ["USD"]\n',
            3,
            "[organization] currency should be text, not a list",
        ),
        (
            "[organization]\ncurrency = 2026-01-01\n",
            2,
            "[organization] currency should be text, not a date (2026-01-01)",
        ),
        ("[check]\nfail_on = true\n", 2, "[check] fail_on should be text, not true"),
        ("[check]\nfail_on = 2\n", 2, "[check] fail_on should be text, not a number (2)"),
        (
            "[check]\nselect = 5\n",
            2,
            "[check] select should be a list of rule codes or families, not a number (5)",
        ),
        (
            '[check]\nfail_on = "error"\nignore = ["LEV", 1]\n',
            3,
            "[check] each item of ignore should be text, not a number (1)",
        ),
        (
            '[check]\nignore = ["LEV", " "]\n',
            2,
            "[check] ignore: an empty code would match every rule",
        ),
        ("[rules]\nLEV001 = true\n", 2, "[rules] LEV001 should be a table of thresholds, not true"),
        ("organization = 5\n", 1, "organization should be a table, not a number (5)"),
    ],
)
def test_toml_values_of_the_wrong_type(toml: str, line: int, message: str) -> None:
    problem = only(load(SEAT, toml=toml))
    assert problem.location == Location("levelset.toml", line)
    assert problem.message == message
    assert problem.hint


def test_toml_items_of_the_wrong_type_are_dropped() -> None:
    result = load(SEAT, toml='[check]\nselect = ["LEV", 7, ""]\nignore = "DOT002"\n')
    assert len(result.problems) == 2, texts(result)
    assert result.workspace.settings.select == ("LEV",)
    assert result.workspace.settings.ignore == ("DOT002",)


def test_organization_keys_merge_from_both_places() -> None:
    result = load("organization: {currency: GBP}\n" + SEAT, toml='[organization]\nname = "Acme"\n')
    assert result.ok
    assert (result.workspace.settings.name, result.workspace.settings.currency) == ("Acme", "GBP")


def test_requisite_scheme() -> None:
    result = load(
        "organization: {level_scheme: requisite}\nseats:\n  - {id: a, title: A, level: III}\n"
    )
    assert result.ok, texts(result)
    assert result.workspace.scheme is REQUISITE
    assert result.workspace.settings.level_scheme == "requisite"


def test_custom_levels_are_inferred_and_ranked() -> None:
    result = load(
        "levels:\n  - {id: IC, name: Individual, horizon: 1d..3mo}\n"
        "  - {id: LEAD, name: Lead, horizon: 3mo..2y}\n"
        "seats:\n  - {id: a, title: A, level: LEAD}\n"
    )
    assert result.ok, texts(result)
    scheme = result.workspace.scheme
    assert scheme.name == "custom"
    assert scheme.ids() == ("IC", "LEAD")
    assert [level.rank for level in scheme.levels] == [1, 2]
    assert scheme.levels[1].location == Location("org.yaml", 3)
    assert result.workspace.settings.level_scheme == "custom"


def test_levels_with_a_builtin_scheme_is_a_problem() -> None:
    result = load(
        "organization: {level_scheme: default}\n"
        "levels:\n  - {id: IC, horizon: 1d..3mo}\nseats:\n  - {id: a, title: A, level: IC}\n"
    )
    problem = only(result)
    assert "levels are listed but level_scheme is 'default'" in problem.message
    assert result.workspace.scheme.ids() == ("IC",)


def test_custom_without_levels() -> None:
    problem = only(load("organization: {level_scheme: custom}\n" + SEAT))
    assert "no levels are listed" in problem.message


def test_unknown_scheme_suggests() -> None:
    problem = only(load(SEAT, toml='[organization]\nlevel_scheme = "requisit"\n'))
    assert problem.location == Location("levelset.toml", 2)
    assert "did you mean 'requisite'?" in problem.hint


def test_bad_level_horizon() -> None:
    result = load(
        "levels:\n  - {id: IC, horizon: forever}\nseats:\n  - {id: a, title: A, level: IC}\n"
    )
    found = texts(result)
    assert "bad horizon" in found[0]
    assert any("no levels are listed" in t or "level 'IC'" in t for t in found)


def test_a_bad_rule_option_is_placed_at_its_own_line() -> None:
    from levelset.rules import builtin_registry, run_rules  # noqa: PLC0415

    result = load(
        SEAT,
        toml="""\
        [rules.JOB004]
        # how many accountabilities one seat may carry
        max_accountabilities = "seven"

        [rules.LEV002]
        max_gap = 2
        max_gapz = 1

        [rules]
        LEV001 = { tolerance = "x" }
        """,
    )
    assert result.ok, texts(result)
    settings = result.workspace.settings
    assert settings.rule_option_locations["JOB004"] == {
        "max_accountabilities": Location("levelset.toml", 3)
    }
    registry = builtin_registry(plugins=False)
    _, problems = run_rules(result.workspace, list(registry), registry=registry)
    placed = sorted((p.location.line, p.message) for p in problems)
    assert [line for line, _ in placed] == [3, 7, 10], placed
    assert "max_accountabilities" in placed[0][1]
    assert "max_gapz" in placed[1][1]
    # an inline table has no line of its own per option: the table's line
    assert "tolerance" in placed[2][1]
