"""Helpers for loader tests: workspaces written inline."""

from __future__ import annotations

import textwrap

from levelset.load import LoadResult, load_files
from levelset.model import Problem


def load(org: str = "", toml: str | None = None, **files: str) -> LoadResult:
    """Load ``org`` as org.yaml (dedented), ``toml`` as levelset.toml, and other files
    given as keyword arguments (``people_yaml=...`` becomes people.yaml)."""
    texts = {"org.yaml": textwrap.dedent(org)} if org else {}
    for name, text in files.items():
        texts[name.replace("_", ".")] = textwrap.dedent(text)
    if toml is not None:
        texts["levelset.toml"] = textwrap.dedent(toml)
    return load_files(texts)


def only(result: LoadResult) -> Problem:
    """The single problem of a result (fails the test when there is not exactly one)."""
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    return result.problems[0]


def texts(result: LoadResult) -> list[str]:
    """Each problem as ``file:line: message (hint)``."""
    return [str(problem) for problem in result.problems]


#: A small valid workspace (the example of DESIGN.md) used as a base by several tests.
VALID = """\
organization: {name: Acme Distribution, level_scheme: default}
seats:
  - {id: ceo, title: Chief Executive Officer, function: leadership, level: L5, holders: [dana]}
  - {id: controller, title: Controller, function: finance, level: L3, reports_to: ceo}
  - {id: bookkeeper, title: Bookkeeper, function: finance, level: L1, reports_to: ceo,
     holders: [{partner: stride, fte: 0.5}]}
people:
  - {id: dana, name: Dana Reyes, email: dana@acme.example, cost_rate: 150}
partners:
  - id: stride
    name: Stride Bookkeeping
    function: finance
    owner: ceo
    scope: [monthly-close]
    reference_checks: [{date: 2026-01-10, referee: Jo Park, outcome: positive}]
    people: [{id: sam, name: Sam Lee, email: sam@stride.example, cost_rate: 60}]
    goals: [kr-dso]
responsibilities:
  - id: monthly-close
    name: Monthly close
    function: finance
    horizon: 1mo
    accountable: controller
    responsible: [bookkeeper]
    consulted: []
    informed: [ceo]
    goals: [kr-dso]
    match: {project: Finance, task: "Close*", calendar: "month-end close"}
  - id: strategy-review
    name: Monthly strategy session
    horizon: 1y
    accountable: ceo
    strategic: true
    match: {calendar: "Strategy session"}
goals:
  - {id: obj-profit, title: Grow profitable revenue 20%, owner: ceo, period: 2026}
  - id: kr-dso
    title: Cut DSO to 40 days
    parent: obj-profit
    owner: controller
    period: 2026-Q3
    metric: {start: 62, target: 40, current: 55, unit: days}
    weight: 1
"""
