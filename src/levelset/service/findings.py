"""The findings as a browsable list: one row each, filtered by family, severity, subject
kind and a search text (the web app's findings page and its JSON answer share it).

Rows are plain typed data (the JSON API describes them as they are); each keeps the place
of its finding (workspace file and line), so a face can link it to its source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from levelset.model import Finding, Problem, Report
from levelset.report._common import has_file, ordered
from levelset.report.report_data import SEVERITIES
from levelset.report.report_data import family_counts as report_family_counts
from levelset.report.views import CheckView
from levelset.service.window import Window


@dataclass(frozen=True)
class FindingRow:
    """One finding as a list shows it; ``file``/``line`` is where it points (``None``:
    nowhere in the workspace)."""

    code: str
    rule: str
    severity: str
    family: str
    subject_kind: str
    subject_id: str
    message: str
    recommendation: str
    file: str | None
    line: int | None


@dataclass(frozen=True)
class FindingFilter:
    """What a list is cut down to: each empty field lets everything through.

    ``subject`` is a subject kind (``seat``, ``partner``...); ``search`` a text found,
    without regard to case, in the code, rule, subject id, message or recommendation."""

    family: str = ""
    severity: str = ""
    subject: str = ""
    search: str = ""

    def keeps(self, row: FindingRow) -> bool:
        """True when ``row`` passes every part of the filter."""
        wanted = self.search.strip().casefold()
        text = " ".join((row.code, row.rule, row.subject_id, row.message, row.recommendation))
        return (
            (not self.family or row.family == self.family.upper())
            and (not self.severity or row.severity == self.severity.lower())
            and (not self.subject or row.subject_kind == self.subject.lower())
            and (not wanted or wanted in text.casefold())
        )


@dataclass(frozen=True)
class FamilyCount:
    """How many findings of a family, by severity."""

    family: str
    title: str
    error: int
    warning: int
    info: int


@dataclass(frozen=True)
class FindingsPage:
    """The findings that pass ``filter``, a window of them: ``findings`` holds at most
    ``limit`` from ``offset`` of the ``matched`` ones (``total`` is before filtering);
    then the choices a filter offers (families with their counts, severities, subject
    kinds) and the problems met reading the workspace."""

    filter: FindingFilter
    findings: tuple[FindingRow, ...]
    matched: int
    offset: int
    limit: int
    total: int
    families: tuple[FamilyCount, ...]
    severities: tuple[str, ...]
    subjects: tuple[str, ...]
    problems: tuple[Problem, ...]


def finding_row(finding: Finding) -> FindingRow:
    """``finding`` as a row."""
    place = finding.location if has_file(finding.location) else None
    return FindingRow(
        code=finding.code,
        rule=finding.rule,
        severity=finding.severity.value,
        family=finding.code[:3],
        subject_kind=finding.subject.kind,
        subject_id=finding.subject.id,
        message=finding.message,
        recommendation=finding.recommendation,
        file=place.file if place is not None else None,
        line=place.line if place is not None else None,
    )


def finding_rows(
    findings: Iterable[Finding], families: Mapping[str, str] | None = None
) -> tuple[FindingRow, ...]:
    """Rows in the catalogue's order (family, code, place)."""
    return tuple(finding_row(f) for f in ordered(findings, (families or {}).keys()))


def family_counts(report: Report, families: Mapping[str, str]) -> tuple[FamilyCount, ...]:
    """Findings by family and severity, families in the catalogue's order (as the
    report's summary counts them)."""
    view = CheckView(report, families=families)
    return tuple(FamilyCount(**counts) for counts in report_family_counts(view))


def all_findings(report: Report, families: Mapping[str, str]) -> FindingsPage:
    """Every finding of ``report``, unfiltered, in one window (to be ``narrowed``)."""
    rows = finding_rows(report.findings, families)
    return FindingsPage(
        filter=FindingFilter(),
        findings=rows,
        matched=len(rows),
        offset=0,
        limit=len(rows),
        total=len(rows),
        families=family_counts(report, families),
        severities=SEVERITIES,
        subjects=tuple(sorted({row.subject_kind for row in rows})),
        problems=tuple(report.problems),
    )


def narrowed(every: FindingsPage, wanted: FindingFilter, window: Window) -> FindingsPage:
    """``every`` (from ``all_findings``) cut down to ``wanted``, the ``window`` of them."""
    kept = [row for row in every.findings if wanted.keeps(row)]
    return replace(
        every,
        filter=wanted,
        findings=window.cut(kept),
        matched=len(kept),
        offset=window.offset,
        limit=window.limit,
    )


def findings_page(
    report: Report, families: Mapping[str, str], wanted: FindingFilter, window: Window
) -> FindingsPage:
    """The report's findings cut down to ``wanted``, the ``window`` of them."""
    return narrowed(all_findings(report, families), wanted, window)


def findings_about(
    rows: Iterable[FindingRow], subjects: Iterable[tuple[str, str]]
) -> tuple[FindingRow, ...]:
    """The rows whose subject (kind, id) is one of ``subjects``."""
    wanted = set(subjects)
    return tuple(row for row in rows if (row.subject_kind, row.subject_id) in wanted)
