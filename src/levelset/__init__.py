"""levelset: every outcome at the right level, with one accountable owner.

The Python API::

    import levelset
    loaded = levelset.load_workspace("examples/acme")   # the model and any problems
    report = levelset.check(loaded)                      # findings and a plan
    status = levelset.exit_status(report, levelset.Severity.WARNING)
"""

__version__ = "0.1.0"

# The version comes first: the CLI reads it while this module is still importing.
from levelset.api import (
    FAMILIES,
    LoadResult,
    UsageError,
    check,
    default_registry,
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
    "exit_status",
    "fail_on_setting",
    "find_rule",
    "init",
    "load_files",
    "load_workspace",
    "rules_markdown",
]
