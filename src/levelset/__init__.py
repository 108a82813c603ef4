"""levelset: every outcome at the right level, with one accountable owner.

The Python API::

    import levelset
    loaded = levelset.load_workspace("examples/acme")   # the model and any problems
    report = levelset.check(loaded)                      # findings and a plan
    with levelset.Session("examples/acme") as session:   # one workspace, many questions
        print(session.trend("others-work", "maria-okafor").weeks)
    with levelset.events("examples/acme") as run:        # time and calendar data: the cube
        print(run.allocation)
    status = levelset.exit_status(report, levelset.Severity.WARNING)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from levelset.version import __version__

# The public names are imported on first use (module ``__getattr__``): the ``levelset``
# command imports this package, and ``levelset --help`` must not pay for the API's
# imports (the loader, the rules, the event readers).
if TYPE_CHECKING:
    from levelset.api import (
        FAMILIES,
        EventRun,
        LevelsetError,
        LoadResult,
        Session,
        UsageError,
        check,
        default_registry,
        events,
        exit_status,
        fail_on_setting,
        find_rule,
        init,
        load_files,
        load_workspace,
        rules_markdown,
    )
    from levelset.model import (
        Finding,
        Plan,
        Problem,
        Report,
        Severity,
        Workspace,
    )

#: The names ``__all__`` lists that the model defines; the others come from the API.
_MODEL = frozenset({"Finding", "Plan", "Problem", "Report", "Severity", "Workspace"})


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = "levelset.model" if name in _MODEL else "levelset.api"
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once read, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "FAMILIES",
    "EventRun",
    "Finding",
    "LevelsetError",
    "LoadResult",
    "Plan",
    "Problem",
    "Report",
    "Session",
    "Severity",
    "UsageError",
    "Workspace",
    "__version__",
    "check",
    "default_registry",
    "events",
    "exit_status",
    "fail_on_setting",
    "find_rule",
    "init",
    "load_files",
    "load_workspace",
    "rules_markdown",
]
