"""What a rule sees: the workspace, its own options, and shared derived views."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from levelset.model import Finding, Location, Subject, Workspace
from levelset.model.allocation import Allocation
from levelset.model.evidence import Evidence
from levelset.model.finance import Finance
from levelset.model.index import OrgIndex
from levelset.rules.registry import OptionValue, Rule


@dataclass(frozen=True)
class RuleContext:
    """Handed to a rule's check function; ``options`` are the rule's defaults overlaid
    with what ``levelset.toml`` sets for it.

    ``shared_index`` lets one run build the derived views once for every rule; a context
    made without it (in a unit test) builds its own on first use. ``allocation`` is the
    summary of the allocation cube when the workspace has time or calendar data; rules
    with ``needs_events`` only run when it is there. ``finance`` holds the finance
    figures when the workspace has finance data; rules with ``needs_finance`` only run
    when it is there.
    """

    workspace: Workspace
    rule: Rule
    options: Mapping[str, OptionValue]
    shared_index: OrgIndex | None = None
    allocation: Allocation | None = None
    finance: Finance | None = None

    @cached_property
    def index(self) -> OrgIndex:
        """Derived views of the workspace: reports, holders, accountabilities, goal tree."""
        return self.shared_index or OrgIndex(self.workspace)

    def int_option(self, name: str) -> int:
        """An integer option (validated against the default's type before the run)."""
        value = self.options.get(name, self.rule.options[name])
        return int(value)

    def float_option(self, name: str) -> float:
        """A number option (a share, hours)."""
        value = self.options.get(name, self.rule.options[name])
        return float(value)

    @property
    def events(self) -> Allocation:
        """The allocation; only for rules registered with ``needs_events``."""
        if self.allocation is None:
            raise RuntimeError(f"{self.rule.code} needs event data but was run without it")
        return self.allocation

    @property
    def figures(self) -> Finance:
        """The finance figures; only for rules registered with ``needs_finance``."""
        if self.finance is None:
            raise RuntimeError(f"{self.rule.code} needs finance data but was run without it")
        return self.finance

    def str_option(self, name: str) -> str:
        """A text option."""
        return str(self.options.get(name, self.rule.options[name]))

    def finding(
        self,
        kind: str,
        subject_id: str,
        message: str,
        *,
        evidence: Evidence | None = None,
        recommendation: str = "",
        location: Location | None = None,
    ) -> Finding:
        """A finding of this rule about the subject ``kind``/``subject_id``.

        ``evidence`` is of the type the rule declares; no evidence is an empty
        ``Evidence``."""
        return Finding(
            code=self.rule.code,
            rule=self.rule.name,
            severity=self.rule.severity,
            subject=Subject(kind, subject_id),
            message=message,
            evidence=Evidence() if evidence is None else evidence,
            recommendation=recommendation,
            location=location,
        )
