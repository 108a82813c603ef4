"""Running rules: overlay their options from ``levelset.toml``, run them, and turn both
bad settings and crashing rules into problems rather than tracebacks."""

from __future__ import annotations

import difflib
import inspect
import traceback
from collections.abc import Sequence

from levelset.model import Finding, Location, Problem, Workspace
from levelset.model.allocation import Allocation
from levelset.model.collector import collector_paused
from levelset.model.finance import Finance
from levelset.model.index import OrgIndex
from levelset.model.text import join_names
from levelset.rules.builtin import builtin_registry
from levelset.rules.context import RuleContext
from levelset.rules.registry import OptionValue, Registry, Rule, evidence_error

_TYPE_WORDS = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}


def run_rules(
    workspace: Workspace,
    rules: Sequence[Rule],
    *,
    registry: Registry | None = None,
    index: OrgIndex | None = None,
    allocation: Allocation | None = None,
    finance: Finance | None = None,
) -> tuple[list[Finding], list[Problem]]:
    """Run ``rules`` on ``workspace``; return the findings, sorted, and the problems.

    ``registry`` is every rule known (the built-in registry by default): a rules table in
    ``levelset.toml`` for a known rule that is not being run is still checked, and one
    naming no known rule is a problem. ``index`` lets a caller share the derived views
    of the organization it has already built (the plan reads the same ones).
    ``allocation`` is the summary of the allocation cube; rules that need event data are
    left out when it is ``None`` (the workspace has no time or calendar data).
    ``finance`` is the finance figures; rules that need them are left out when it is
    ``None`` (the workspace has no finance data).
    """
    if registry is None:
        registry = builtin_registry()
    options, problems = resolve_options(workspace, registry)
    problems = [*registry.problems, *problems]
    index = index or OrgIndex(workspace)
    findings: list[Finding] = []
    unread: dict[str, list[Rule]] = {}  # the rules not run, by the file they lack
    for current in rules:
        lacking = _lacking(current, allocation, finance)
        if lacking is not None:
            if lacking:  # a file that could not be read: said once for all its rules
                unread.setdefault(lacking, []).append(current)
            continue
        merged = {**current.options, **options.get(current.code, {})}
        context = RuleContext(
            workspace,
            current,
            merged,
            shared_index=index,
            allocation=allocation,
            finance=finance,
        )
        try:
            with collector_paused():  # findings are plain data (see model.collector)
                produced = list(current.check(context))  # all or nothing from one rule
        except Exception as error:  # a bug in a rule must not hide the other findings
            problems.append(_crash(workspace, current, error))
            continue
        wrong = next(filter(None, (evidence_error(current, f) for f in produced)), None)
        if wrong is not None:  # the plan reads evidence by type: a wrong one is a bug
            problems.append(_bug(workspace, current, wrong))
        else:
            findings.extend(produced)
    problems.extend(
        _not_run(file, _failed_line(file, finance), skipped) for file, skipped in unread.items()
    )
    return sort_findings(findings), problems


def rules_run(
    rules: Sequence[Rule], *, allocation: Allocation | None, finance: Finance | None
) -> tuple[str, ...]:
    """The codes of the ``rules`` that ``run_rules`` runs with this data (not those whose
    data is missing or could not be read), sorted."""
    return tuple(sorted(r.code for r in rules if _lacking(r, allocation, finance) is None))


def _lacking(current: Rule, allocation: Allocation | None, finance: Finance | None) -> str | None:
    """Why ``current`` cannot run: ``""`` when its data is not there at all, the file it
    rests on when that could not be read; ``None`` when it can run."""
    if (current.needs_events and allocation is None) or (current.needs_finance and finance is None):
        return ""
    if current.needs_finance and finance is not None:
        return _unread_data(current, finance)
    return None


def _unread_data(current: Rule, finance: Finance) -> str | None:
    """The first finance file ``current``'s figures rest on that could not be read."""
    kinds = current.finance_data
    return next((u.file for u in finance.unread if not kinds or u.kind in kinds), None)


def _failed_line(file: str, finance: Finance | None) -> int | None:
    """Where reading ``file`` failed, as its own problem says."""
    unread = finance.unread if finance is not None else ()
    return next((u.line for u in unread if u.file == file), None)


def _not_run(file: str, line: int | None, skipped: list[Rule]) -> Problem:
    """One problem saying which rules were not run because ``file`` could not be read:
    their figures would be computed on what is left, and read as if they were whole."""
    codes = join_names([r.code for r in skipped], limit=20)
    were = "was" if len(skipped) == 1 else "were"
    return Problem(
        Location(file, line),
        f"{codes} {were} not run: {file} could not be read, and the figures "
        f"{'it rests' if len(skipped) == 1 else 'they rest'} on would leave its rows out",
        "make the file readable (its own problem says what is wrong), then run again",
    )


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings by file, line, code and subject; stable for equal keys."""

    def key(finding: Finding) -> tuple[str, int, str, str, str]:
        where = finding.location or Location("")
        subject = finding.subject
        return (where.file, where.line or 0, finding.code, subject.kind, subject.id)

    return sorted(findings, key=key)


def resolve_options(
    workspace: Workspace, registry: Registry
) -> tuple[dict[str, dict[str, OptionValue]], list[Problem]]:
    """The options set in ``levelset.toml`` for each rule code, checked against the
    rules' defaults, and a problem for each table, option or value that does not fit."""
    settings = workspace.settings
    resolved: dict[str, dict[str, OptionValue]] = {}
    problems: list[Problem] = []
    for key, table in settings.rules.items():
        where = settings.rule_locations.get(key, settings.location)
        target = registry.get(key)
        if target is None:
            known = [r.code for r in registry] + [r.name for r in registry]
            problems.append(
                Problem(where, f"[rules.{key}] names no rule", _did_you_mean(key, known))
            )
            continue
        placed = settings.rule_option_locations.get(key, {})
        for name, value in table.items():
            problem = _check_option(target, name, value, placed.get(name, where))
            if problem is not None:
                problems.append(problem)
            else:
                resolved.setdefault(target.code, {})[name] = _coerce(target, name, value)
    return resolved, problems


def _check_option(target: Rule, name: str, value: object, where: Location) -> Problem | None:
    if name not in target.options:
        hint = _did_you_mean(name, list(target.options))
        if not target.options:
            hint = f"{target.code} has no options"
        elif not hint:
            hint = f"its options are {', '.join(target.options)}"
        return Problem(where, f"{target.code} ({target.name}) has no option {name!r}", hint)
    default = target.options[name]
    if not _fits(default, value):
        wanted = _TYPE_WORDS[type(default)]
        return Problem(
            where,
            f"option {name} of {target.code} must be {wanted}, not {value!r}",
            f"the default is {default!r}",
        )
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        # Every threshold is a count, a share or a number of levels: none is negative.
        return Problem(
            where,
            f"option {name} of {target.code} must be 0 or more, not {value!r}",
            f"the default is {default!r}",
        )
    return None


def _fits(default: OptionValue, value: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def _coerce(target: Rule, name: str, value: object) -> OptionValue:
    default = target.options[name]
    if isinstance(default, float) and not isinstance(default, bool):
        return float(value)  # type: ignore[arg-type]  # _fits checked it is a number
    return value  # type: ignore[return-value]  # _fits checked the type


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def _crash(workspace: Workspace, failed: Rule, error: Exception) -> Problem:
    return _bug(workspace, failed, f"failed: {type(error).__name__}: {error}", error)


def _bug(workspace: Workspace, failed: Rule, what: str, error: Exception | None = None) -> Problem:
    return Problem(
        rule_source(failed, error) or workspace.settings.location,
        f"rule {failed.code} ({failed.name}) {what}; this is a bug in the rule, please report it",
        "the other rules ran; the place is the rule's own code, for its authors",
    )


def rule_source(failed: Rule, error: BaseException | None = None) -> Location | None:
    """Where ``failed`` is written: the line of its own module that raised ``error``, else
    the line of its function; ``None`` when the source cannot be found (a rule made at
    run time). A bug in a rule is placed in the rule, not at a ``levelset.toml`` the
    workspace may not have."""
    function = inspect.unwrap(failed.check)
    try:
        file = inspect.getsourcefile(function)
        _, line = inspect.getsourcelines(function)
    except (OSError, TypeError):
        return None
    if file is None:
        return None
    frames = traceback.extract_tb(error.__traceback__) if error is not None else []
    raised = [frame.lineno for frame in frames if frame.filename == file and frame.lineno]
    return Location(file, raised[-1] if raised else line)
