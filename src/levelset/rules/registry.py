"""The rule registry: one explicit place where every family and every rule, built-in or
plug-in, is listed.

A rule is a function that reads a ``RuleContext`` and yields findings, wrapped with its
code, name, severity and options. Its docstring is its documentation and must have the
sections *What it finds*, *Why it matters*, *Example* and *How to fix*. Codes are a
family prefix and a number (``LEV001``) and never change meaning; a family (the prefix
and its title) is registered before its rules, the built-in ones exactly as a plug-in
registers its own.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from levelset.model import Finding, Problem, Severity
from levelset.model.evidence import Evidence
from levelset.model.finance import FinanceKind

if TYPE_CHECKING:  # pragma: no cover - avoids an import cycle at run time
    from levelset.rules.context import RuleContext

OptionValue = int | float | str | bool
CheckFunction = Callable[["RuleContext"], Iterable[Finding]]

DOC_SECTIONS = ("What it finds", "Why it matters", "Example", "How to fix")
_CODE = re.compile(r"^[A-Z]{3}\d{3}$")
_PREFIX = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class Family:
    """A family of rules: the three-capital prefix of its codes and its title."""

    prefix: str
    title: str


class RuleData(StrEnum):
    """Data beyond the workspace's YAML that a rule reads; it runs only when it is there."""

    EVENTS = "events"  # time entries and calendars: the allocation
    FINANCE = "finance"  # invoices, payments, costs: the finance figures


@dataclass(frozen=True)
class Rule:
    """A registered check."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    check: CheckFunction
    options: Mapping[str, OptionValue] = field(default_factory=dict)
    status: str = "stable"
    needs_events: bool = False
    needs_finance: bool = False
    evidence: type[Evidence] = Evidence
    finance_data: frozenset[FinanceKind] = frozenset()

    @property
    def family(self) -> str:
        """The three-letter family prefix of the code."""
        return self.code[:3]

    @property
    def needs(self) -> frozenset[RuleData]:
        """The data the rule reads besides the workspace; empty for a rule on the YAML."""
        return needs([self])


def needs(rules: Iterable[Rule]) -> frozenset[RuleData]:
    """The data ``rules`` read besides the workspace: what a caller must load for them."""
    found: set[RuleData] = set()
    for each in rules:
        if each.needs_events:
            found.add(RuleData.EVENTS)
        if each.needs_finance:
            found.add(RuleData.FINANCE)
    return frozenset(found)


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    options: Mapping[str, OptionValue] | None = None,
    status: str = "stable",
    needs_events: bool = False,
    needs_finance: bool = False,
    evidence: type[Evidence] = Evidence,
    finance_data: Iterable[FinanceKind] = (),
) -> Callable[[CheckFunction], Rule]:
    """Turn a check function into a ``Rule``. The first docstring line is the summary.

    ``needs_events`` marks a rule that reads the allocation (time and calendar data),
    ``needs_finance`` one that reads the finance figures: each runs only when its data
    is there. ``finance_data`` names the kinds of finance file its figures rest on: when
    one of them could not be read the rule is not run (none named: every kind).
    ``evidence`` is the type of the evidence its findings carry (a subclass of
    ``Evidence``; a finding carrying another is a bug in the rule, reported as a problem
    when it runs). What the type derives from says what the finding contributes to the
    plan.
    """

    def wrap(function: CheckFunction) -> Rule:
        doc = inspect.cleandoc(function.__doc__ or "")
        summary = doc.splitlines()[0] if doc else ""
        return Rule(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            doc=doc,
            check=function,
            options=dict(options or {}),
            status=status,
            needs_events=needs_events,
            needs_finance=needs_finance,
            evidence=evidence,
            finance_data=frozenset(finance_data),
        )

    return wrap


def evidence_error(produced_by: Rule, finding: Finding) -> str | None:
    """Why ``finding`` is not what ``produced_by`` declares it yields, or ``None``."""
    declared = produced_by.evidence
    if not isinstance(finding.evidence, declared):
        found = type(finding.evidence).__name__
        return f"yielded evidence of type {found}, not its declared {declared.__name__}"
    return None


class RegistryError(ValueError):
    """A rule could not be registered (a programming error in a rule, not user data)."""


class Registry:
    """Families by prefix and rules by code, each in registration order."""

    def __init__(self) -> None:
        self._families: dict[str, Family] = {}
        self._rules: dict[str, Rule] = {}
        self._names: dict[str, str] = {}
        #: Plug-ins that could not be loaded; reported with the run's problems.
        self.problems: list[Problem] = []

    def register_family(self, new: Family) -> Family:
        """Add a family; its prefix must be three capitals and new."""
        if not _PREFIX.match(new.prefix):
            raise RegistryError(f"family prefix {new.prefix!r} must be three capitals")
        if new.prefix in self._families:
            raise RegistryError(f"rule family {new.prefix} is registered twice")
        if not new.title.strip():
            raise RegistryError(f"rule family {new.prefix} has no title")
        self._families[new.prefix] = new
        return new

    @property
    def families(self) -> Mapping[str, str]:
        """The title of each registered family by prefix, in registration order."""
        return MappingProxyType({f.prefix: f.title for f in self._families.values()})

    def register(self, new: Rule) -> Rule:
        """Add a rule; its code and name must be new, its family registered and its
        docstring complete."""
        if not _CODE.match(new.code):
            raise RegistryError(f"rule code {new.code!r} must be three capitals and 3 digits")
        if new.family not in self._families:
            raise RegistryError(
                f"rule {new.code} is in family {new.family}, which is not registered: "
                f"register Family({new.family!r}, title) before its rules"
            )
        if new.code in self._rules:
            raise RegistryError(f"rule code {new.code} is registered twice")
        if new.name in self._names:
            raise RegistryError(f"rule name {new.name!r} is used by {self._names[new.name]}")
        if not (isinstance(new.evidence, type) and issubclass(new.evidence, Evidence)):
            raise RegistryError(f"{new.code} declares evidence {new.evidence!r}, not an Evidence")
        missing = [s for s in DOC_SECTIONS if f"{s}" not in new.doc]
        if missing:
            raise RegistryError(f"{new.code} docstring lacks: {', '.join(missing)}")
        self._rules[new.code] = new
        self._names[new.name] = new.code
        return new

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, key: str) -> Rule | None:
        """A rule by code (``LEV001``) or by name (``level-gap``)."""
        key = key.strip()
        if key.upper() in self._rules:
            return self._rules[key.upper()]
        code = self._names.get(key)
        return self._rules[code] if code else None

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
        """Rules matching any selector in ``select`` (all when empty) and none in ``ignore``.

        A selector is a code (``LEV002``), a family (``LEV``), a code prefix (``LEV0``) or
        a rule name (``level-gap``).
        """
        chosen = [r for r in self if not select or any(_matches(r, s) for s in select)]
        return [r for r in chosen if not any(_matches(r, s) for s in ignore)]

    def needs(self, rules: Iterable[Rule] | None = None) -> frozenset[RuleData]:
        """The data ``rules`` (every registered rule by default) read besides the
        workspace: what the caller must load before running them."""
        return needs(self if rules is None else rules)

    def unknown_selectors(self, selectors: Iterable[str]) -> list[str]:
        """Selectors that match no registered rule."""
        return [s for s in selectors if not any(_matches(r, s) for r in self)]


def _matches(candidate: Rule, selector: str) -> bool:
    selector = selector.strip()
    return candidate.code.startswith(selector.upper()) or candidate.name == selector


def __getattr__(name: str) -> dict[str, str]:
    # ``FAMILIES`` (the built-in families' titles by prefix) stays importable from here
    # for the callers written before families were registered; they should read
    # ``registry.families``, which has the plug-ins' families too. Built lazily: the
    # built-in families are declared in the family modules, which import this one.
    if name == "FAMILIES":
        from levelset.rules.builtin import FAMILIES  # noqa: PLC0415

        return FAMILIES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
