"""Snapshots over time: the list of saved checks, and what changed between two of them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from levelset.model.text import join_names
from levelset.plan.snapshots import FigureChange, Snapshot, SnapshotDiff, SnapshotFinding
from levelset.report._common import plural

if TYPE_CHECKING:
    from levelset.report.formats import Printer
    from levelset.report.views import DiffView, SnapshotsView


def _finding_line(finding: SnapshotFinding) -> str:
    line = f"{finding.code} {finding.kind} {finding.id}: {finding.message}"
    return f"{line} [{note}]" if (note := _acceptance_note(finding)) else line


def _acceptance_note(finding: SnapshotFinding) -> str:
    """``accepted by Ana until 2026-12-31: why`` for an accepted finding, else ``""``."""
    accepted = finding.acceptance
    if accepted is None:
        return ""
    return f"accepted by {accepted.get('by')} until {accepted.get('until')}: {accepted.get('why')}"


def _change(change: FigureChange) -> str:
    return f"{change.name} {_value(change.old)} → {_value(change.new)}"


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)


def diff_headline(diff: SnapshotDiff) -> str:
    """``20260706T090000Z → 20260713T090000Z: 2 opened, 3 closed, 5 still open``, and
    the accepted findings when there are any."""
    accepted = [
        (len(diff.accepted), "newly accepted"),
        (len(diff.back), "no longer accepted"),
        (len(diff.still_accepted), "still accepted"),
    ]
    tail = "".join(f", {count} {words}" for count, words in accepted if count)
    return (
        f"{diff.old.name} → {diff.new.name}: {len(diff.opened)} opened, "
        f"{len(diff.closed)} closed, {len(diff.still_open)} still open "
        f"({len(diff.changed)} with figures changed){tail}"
    )


def _sections(diff: SnapshotDiff) -> tuple[tuple[str, str, tuple[SnapshotFinding, ...]], ...]:
    """The lists of findings every format shows, with their titles and colours."""
    return (
        ("Opened", "red", diff.opened),
        ("Closed", "green", diff.closed),
        ("Newly accepted (neither opened nor closed)", "cyan", diff.accepted),
        ("No longer accepted (open again)", "yellow", diff.back),
    )


def compared_note(diff: SnapshotDiff) -> str:
    """What was left out of the comparison when the checks ran different rules, ``""``
    when they ran the same."""
    if diff.compared_all:
        return ""
    parts = []
    if diff.old_only:
        parts.append(f"{join_names(diff.old_only, limit=12)} ran only in {diff.old.name}")
    if diff.new_only:
        parts.append(f"{join_names(diff.new_only, limit=12)} ran only in {diff.new.name}")
    return (
        "Only the rules both checks ran are compared (other --select or --ignore, or data "
        f"missing): {'; '.join(parts)}."
    )


def render_diff_text(diff: SnapshotDiff, console: Console) -> None:
    """Opened (red), closed (green), then findings still open whose figures moved."""
    console.print(Text(diff_headline(diff), style="bold"))
    if note := compared_note(diff):
        console.print(Text(note, style="yellow"))
    sections = (
        *(
            (title, style, [_finding_line(f) for f in found])
            for title, style, found in _sections(diff)
        ),
        (
            "Still open, figures changed",
            "yellow",
            [
                f"{_finding_line(item.finding)}\n    " + "; ".join(_change(c) for c in item.changes)
                for item in diff.changed
            ],
        ),
    )
    for title, style, items in sections:
        if not items:
            continue
        console.print()
        console.print(Text(title, style=f"bold {style}"))
        for item in items:
            console.print(Text(f"  {item}"))
    if not (diff.opened or diff.closed or diff.changed or diff.accepted or diff.back):
        console.print(Text("Nothing changed.", style="dim"))


def _finding_dict(finding: SnapshotFinding) -> dict[str, Any]:
    shown = {
        "code": finding.code,
        "severity": finding.severity,
        "subject": {"kind": finding.kind, "id": finding.id},
        "message": finding.message,
        "evidence": finding.evidence,
    }
    return shown if finding.acceptance is None else {**shown, "accepted": finding.acceptance}


def diff_to_dict(diff: SnapshotDiff) -> dict[str, Any]:
    """The diff as plain data."""
    return {
        "old": {"name": diff.old.name, "taken_at": diff.old.taken_at.isoformat()},
        "new": {"name": diff.new.name, "taken_at": diff.new.taken_at.isoformat()},
        "opened": [_finding_dict(f) for f in diff.opened],
        "closed": [_finding_dict(f) for f in diff.closed],
        # Accepted findings are neither opened nor closed by being accepted.
        "accepted": [_finding_dict(f) for f in diff.accepted],
        "no_longer_accepted": [_finding_dict(f) for f in diff.back],
        "still_accepted": [_finding_dict(f) for f in diff.still_accepted],
        # The rules only one check ran: their findings were not compared.
        "not_compared": {"old_only": list(diff.old_only), "new_only": list(diff.new_only)},
        "still_open": [
            {
                **_finding_dict(item.finding),
                "changes": [{"name": c.name, "old": c.old, "new": c.new} for c in item.changes],
            }
            for item in diff.still_open
        ],
    }


def render_diff_json(diff: SnapshotDiff) -> str:
    """The diff as indented JSON, ending with a newline."""
    return json.dumps(diff_to_dict(diff), indent=2, ensure_ascii=False) + "\n"


def render_diff_markdown(diff: SnapshotDiff) -> str:
    """The diff as Markdown lists under headings."""
    lines = [f"## Changes: {diff.old.name} → {diff.new.name}", "", diff_headline(diff) + "."]
    if note := compared_note(diff):
        lines += ["", f"_{note}_"]
    for title, _style, findings in _sections(diff):
        if findings:
            lines += ["", f"### {title}", ""]
            lines += [f"- `{f.code}` {f.kind} `{f.id}`: {_markdown_message(f)}" for f in findings]
    if diff.changed:
        lines += ["", "### Still open, figures changed", ""]
        lines += [
            f"- `{i.finding.code}` {i.finding.kind} `{i.finding.id}`: "
            + "; ".join(_change(c) for c in i.changes)
            for i in diff.changed
        ]
    return "\n".join(lines) + "\n"


def _markdown_message(finding: SnapshotFinding) -> str:
    note = _acceptance_note(finding)
    return f"{finding.message} ({note})" if note else finding.message


def render_snapshots_text(snapshots: Sequence[Snapshot], console: Console) -> None:
    """One row per snapshot: its name, when it was taken, its findings."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("snapshot", no_wrap=True)
    table.add_column("taken at", no_wrap=True)
    table.add_column("findings", justify="right")
    for snapshot in snapshots:
        table.add_row(snapshot.name, snapshot.taken_at.isoformat(), str(len(snapshot.findings)))
    console.print(table)
    console.print(Text(plural(len(snapshots), "snapshot", "snapshots")))


def diff_text(view: DiffView) -> Printer:
    """The diff view for the terminal."""
    return lambda console: render_diff_text(view.diff, console)


def diff_json(view: DiffView) -> str:
    """The diff view as JSON."""
    return render_diff_json(view.diff)


def diff_markdown(view: DiffView) -> str:
    """The diff view as Markdown."""
    return render_diff_markdown(view.diff)


def snapshots_text(view: SnapshotsView) -> Printer:
    """The list of snapshots for the terminal."""
    return lambda console: render_snapshots_text(view.snapshots, console)
