"""The workspace ``levelset init`` writes: small, commented, and clean under ``check``.

It imports nothing else of levelset, so the API (and anything above it) can use it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

TOML = """\
# levelset.toml: settings for this workspace. Every *.yaml file beside it is read too.

[organization]
# The name shown in reports.
name = "{name}"
# Level scheme: "default" (L1 individual contributor 1d..1mo up to L5 executive
# 12mo..36mo), "requisite" (Jaques's strata I..VII), or your own `levels:` in a YAML file.
level_scheme = "default"
# The currency of cost rates and finance figures.
currency = "USD"

[check]
# `levelset check` exits 1 when a finding reaches this severity: info, warning or error.
fail_on = "error"
# Rules to run or skip, by code (LEV002), family (LEV) or name (level-gap).
select = []
ignore = []

# Thresholds of a rule go in a table named by its code; `levelset explain CODE` lists them.
# [rules.JOB004]
# max_accountabilities = 7
"""

ORG_YAML = """\
# org.yaml: the structure. Any *.yaml file may hold any section; each top-level key is one.

# Seats are roles. `level` is a level of the scheme; `reports_to` is the seat above;
# `holders` are people (or partners, `{{partner: id, fte: 0.5}}`); no holders = vacant.
seats:
  - {{id: ceo, title: Chief Executive Officer, function: leadership, level: L5,
     holders: [ada]}}
  - {{id: ops-director, title: Director of Operations, function: operations, level: L4,
     reports_to: ceo, holders: [ben]}}
  - {{id: ops-manager, title: Operations Manager, function: operations, level: L3,
     reports_to: ops-director, holders: [cy]}}

# People hold seats. `cost_rate` is the loaded cost of an hour, in the currency.
people:
  - {{id: ada, name: Ada Moreno, email: ada@example.com, cost_rate: 140}}
  - {{id: ben, name: Ben Okafor, email: ben@example.com, cost_rate: 95}}
  - {{id: cy, name: Cy Laurent, email: cy@example.com, cost_rate: 70}}

# Partners are outsourced or fractional firms: give each a scope (responsibility ids), an
# internal owner seat, reference checks and the goals it shares. Leadership stays inside.
# partners:
#   - id: swift
#     name: Swift Freight
#     function: operations
#     owner: ops-manager
#     scope: [dispatch]
#     reference_checks: [{{date: 2026-01-10, referee: Jo Park, outcome: positive}}]
#     goals: [kr-late-dispatches]

# Responsibilities are accountabilities: exactly one `accountable` seat each. `horizon`
# is how far ahead the work looks (3d, 2w, 1mo, 1y or a range 1mo..3mo); it should sit in
# the band of the accountable seat's level. `goals` ties the work to goals.
responsibilities:
  - {{id: strategy, name: Company strategy, function: leadership, horizon: 1y,
     accountable: ceo, informed: [ops-director], goals: [obj-growth], strategic: true}}
  - {{id: delivery-plan, name: Delivery capacity plan, function: operations, horizon: 9mo,
     accountable: ops-director, consulted: [ops-manager], goals: [obj-on-time]}}
  - {{id: dispatch, name: Dispatch schedule, function: operations, horizon: 3mo,
     accountable: ops-manager, goals: [kr-late-dispatches, kr-pick-accuracy]}}
"""

GOALS_YAML = """\
# goals.yaml: objectives and key results, a tree through `parent`.
# `owner` is a seat; `period` is 2026, 2026-Q3, 2026-07 or {{start: ..., end: ...}}.
# A key result's `metric` (start, target, current) gives its progress; an objective's
# progress is the mean of the goals under it, each counted by its `weight` (default 1).
# `levelset tree .` shows the tree with progress rolled up.
goals:
  - {{id: obj-growth, title: Grow on-time deliveries, owner: ceo, period: 2026}}
  - {{id: obj-on-time, title: Become the on-time distributor, parent: obj-growth,
     owner: ops-director, period: 2026}}
  - id: kr-late-dispatches
    title: Cut late dispatches to 10 a week
    parent: obj-on-time
    owner: ops-manager
    period: 2026-Q3
    metric: {{start: 40, target: 10, current: 25, unit: late dispatches}}
    weight: 2
  - id: kr-pick-accuracy
    title: Pick 99% of orders right first time
    parent: obj-on-time
    owner: ops-manager
    period: 2026-Q3
    metric: {{start: 96, target: 99, current: 98.4, unit: "%"}}
"""


class ScaffoldError(ValueError):
    """The folder cannot take a new workspace (it is a file, or not empty)."""


def files(name: str) -> dict[str, str]:
    """The scaffold's files by relative path, for an organization called ``name``."""
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    return {
        "levelset.toml": TOML.format(name=quoted),
        "org.yaml": ORG_YAML.format(),
        "goals.yaml": GOALS_YAML.format(),
    }


def write_workspace(path: Path, name: str | None = None) -> list[Path]:
    """Write the scaffold into ``path``, which must be missing or an empty folder.

    Raises ``ScaffoldError`` rather than overwrite anything.
    """
    if path.exists() and not path.is_dir():
        raise ScaffoldError(f"{path} is a file; give a new or empty folder")
    if path.is_dir() and any(path.iterdir()):
        raise ScaffoldError(
            f"{path} is not empty; levelset init never overwrites files. Give a new or empty folder"
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
        written = []
        for relative, text in files(name or path.resolve().name).items():
            target = path / relative
            _write(target, text)
            written.append(target)
    except OSError as error:
        raise ScaffoldError(f"cannot write into {path}: {error.strerror or error}") from None
    return written


def _write(target: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, _umask_mode())  # mkstemp's 0600 would hide the files from the team
        os.replace(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)


def _umask_mode() -> int:
    """The mode a new file gets under the user's umask (0644 under the usual 022)."""
    umask = os.umask(0)  # the only way to read it is to set it: set it straight back
    os.umask(umask)
    return 0o666 & ~umask
