"""levelset: every outcome at the right level, with one accountable owner.

The Python API::

    import levelset
    loaded = levelset.load_workspace("examples/acme")   # the model and any problems
    report = levelset.check(loaded)                      # findings and a plan
    with levelset.events("examples/acme") as run:        # time and calendar data: the cube
        print(run.allocation)
    status = levelset.exit_status(report, levelset.Severity.WARNING)
"""

__version__ = "0.1.0"

# The version comes first: the CLI reads it while this module is still importing.
from levelset.api import (
    FAMILIES,
    EventRun,
    LoadResult,
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

__all__ = [
    "FAMILIES",
    "EventRun",
    "Finding",
    "LoadResult",
    "Plan",
    "Problem",
    "Report",
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
