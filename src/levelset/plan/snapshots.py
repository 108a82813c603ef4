"""Dated snapshots of a check, and what changed between two of them.

A snapshot is the JSON report of ``levelset check --format json`` plus ``taken_at``,
kept as ``<workspace>/.levelset/snapshots/<timestamp>.json`` (the timestamp in ISO 8601
basic format, UTC, so names sort by time and are valid file names everywhere). It is
written through a temporary file and a rename: never half-written. Two snapshots are
compared finding by finding, a finding being known by its code and subject. A finding
the team accepted (the report's ``accepted`` list) is compared too, apart: being accepted
neither opens nor closes a finding.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from levelset.model import Location, Problem

SNAPSHOT_FOLDER = Path(".levelset") / "snapshots"
_STAMP = "%Y%m%dT%H%M%SZ"

#: A finding's identity across runs: its code and what it is about.
FindingKey = tuple[str, str, str]


class SnapshotError(Exception):
    """A snapshot could not be written."""


@dataclass(frozen=True, slots=True)
class SnapshotFinding:
    """A finding as a snapshot holds it."""

    code: str
    severity: str
    kind: str
    id: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)
    # Who accepted it, why and until when (``by``, ``why``, ``until``): an accepted finding.
    acceptance: dict[str, Any] | None = None

    @property
    def key(self) -> FindingKey:
        """``(code, subject kind, subject id)``."""
        return (self.code, self.kind, self.id)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One saved check: when, where it is kept, and its findings."""

    path: Path
    taken_at: datetime
    findings: tuple[SnapshotFinding, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    rules: frozenset[str] | None = None  # the codes that ran; None in older snapshots
    accepted: tuple[SnapshotFinding, ...] = ()  # the findings the team lives with for now

    @property
    def name(self) -> str:
        """The file's name without ``.json``: what the user types to pick it."""
        return self.path.stem

    @property
    def order(self) -> tuple[datetime, int, str]:
        """Oldest first: by time, then by the ``-2`` suffix of a second save in a second."""
        stem, _, suffix = self.name.partition("-")
        return (self.taken_at, int(suffix) if suffix.isdigit() else 1, stem)


@dataclass(frozen=True, slots=True)
class FigureChange:
    """One figure of a finding's evidence that moved between snapshots."""

    name: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class StillOpen:
    """A finding in both snapshots, with the figures that changed."""

    finding: SnapshotFinding
    changes: tuple[FigureChange, ...] = ()


@dataclass(frozen=True, slots=True)
class SnapshotDiff:
    """Findings opened, closed and still open between an older and a newer snapshot."""

    old: Snapshot
    new: Snapshot
    opened: tuple[SnapshotFinding, ...]
    closed: tuple[SnapshotFinding, ...]
    still_open: tuple[StillOpen, ...]
    # The rules only one of the two checks ran (other --select/--ignore, data missing):
    # their findings are not compared, rather than shown opened or closed.
    old_only: tuple[str, ...] = ()
    new_only: tuple[str, ...] = ()
    # Accepted in the newer check, not in the older (open then, or not there yet): not
    # closed, not opened. Back again: accepted in the older, open in the newer (its date
    # passed or the finding changed). Accepted in both: still accepted.
    accepted: tuple[SnapshotFinding, ...] = ()
    back: tuple[SnapshotFinding, ...] = ()
    still_accepted: tuple[SnapshotFinding, ...] = ()

    @property
    def compared_all(self) -> bool:
        """Whether both checks ran the same rules (or it is not known)."""
        return not (self.old_only or self.new_only)

    @property
    def changed(self) -> tuple[StillOpen, ...]:
        """The findings still open whose figures moved."""
        return tuple(item for item in self.still_open if item.changes)


def snapshot_folder(root: Path) -> Path:
    """Where the snapshots of the workspace at ``root`` are kept."""
    return root / SNAPSHOT_FOLDER


def write_snapshot(root: Path, report: Mapping[str, Any], taken_at: datetime) -> Path:
    """Store ``report`` (the JSON report) with ``taken_at`` in the workspace; the path.

    A second snapshot in the same second gets a ``-2`` (``-3``…) suffix rather than
    replacing the first. Raises ``SnapshotError`` when the folder cannot be written.
    """
    moment = taken_at.astimezone(UTC) if taken_at.tzinfo else taken_at.replace(tzinfo=UTC)
    folder = snapshot_folder(root)
    data = {"taken_at": moment.isoformat(timespec="seconds"), **report}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".snapshot.", suffix=".tmp")
    except OSError as error:
        raise SnapshotError(f"cannot write in {folder}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, _umask_mode())  # mkstemp's 0600 would hide it from the team
        return _claim_name(temp, folder, moment.strftime(_STAMP))
    except OSError as error:
        raise SnapshotError(f"cannot write in {folder}: {error.strerror or error}") from None
    finally:
        Path(temp).unlink(missing_ok=True)


def _claim_name(temp: str, folder: Path, stem: str) -> Path:
    """Link ``temp`` under the first free name: a complete file appears, or none."""
    for attempt in range(1, 1000):
        target = folder / (f"{stem}.json" if attempt == 1 else f"{stem}-{attempt}.json")
        try:
            os.link(temp, target)  # refuses a name that is taken: never overwrites
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: rename, having looked first
            if target.exists():
                continue
            os.replace(temp, target)
        return target
    raise FileExistsError(f"too many snapshots named {stem}")


def read_snapshots(root: Path) -> tuple[list[Snapshot], list[Problem]]:
    """The workspace's snapshots, oldest first, and problems with unreadable ones."""
    folder = snapshot_folder(root)
    snapshots: list[Snapshot] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return snapshots, problems
    for path in sorted(folder.glob("*.json")):
        shown = path.relative_to(root).as_posix()
        try:
            snapshots.append(read_snapshot(path))
        except (OSError, ValueError, KeyError, TypeError) as error:
            problems.append(
                Problem(
                    Location(shown),
                    f"cannot read this snapshot: {error}",
                    "delete it, or restore it from a backup",
                )
            )
    snapshots.sort(key=lambda s: s.order)
    return snapshots, problems


def read_snapshot(path: Path) -> Snapshot:
    """One snapshot file. Raises ``ValueError``/``KeyError`` on a file that is not one."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("it is not a JSON object")
    taken_at = datetime.fromisoformat(str(data["taken_at"]))
    findings = tuple(snapshot_finding(item) for item in data.get("findings", []))
    accepted = tuple(snapshot_finding(item) for item in data.get("accepted", []))
    ran = data.get("rules")
    rules = frozenset(str(code) for code in ran) if isinstance(ran, list) else None
    return Snapshot(
        path=path, taken_at=taken_at, findings=findings, data=data, rules=rules, accepted=accepted
    )


def snapshot_finding(item: Mapping[str, Any]) -> SnapshotFinding:
    """One finding of a report's JSON, as a snapshot holds it."""
    subject = item.get("subject") or {}
    return SnapshotFinding(
        code=str(item["code"]),
        severity=str(item.get("severity", "")),
        kind=str(subject.get("kind", "")),
        id=str(subject.get("id", "")),
        message=str(item.get("message", "")),
        evidence=dict(item.get("evidence") or {}),
        acceptance=dict(item["accepted"]) if isinstance(item.get("accepted"), dict) else None,
    )


def diff_snapshots(old: Snapshot, new: Snapshot) -> SnapshotDiff:
    """Findings of ``new`` not in ``old`` (opened), of ``old`` not in ``new`` (closed),
    and in both (still open), with the evidence figures that changed. When both say
    which rules ran, only the findings of the rules both ran are compared: a finding of
    a rule the newer check did not run is not closed (``old_only``, ``new_only``).

    Accepted findings are their own column: a finding accepted in ``new`` is neither
    closed (it is still there) nor opened (``accepted``); one accepted in ``old`` and
    open in ``new`` is back (``back``), not opened."""
    old_only: tuple[str, ...] = ()
    new_only: tuple[str, ...] = ()
    both: frozenset[str] | None = None  # every rule, unless the checks ran different ones
    if old.rules is not None and new.rules is not None and old.rules != new.rules:
        both = old.rules & new.rules
        old_only, new_only = tuple(sorted(old.rules - both)), tuple(sorted(new.rules - both))
    before, after = _by_key(_ran(old.findings, both)), _by_key(_ran(new.findings, both))
    was_accepted = _by_key(_ran(old.accepted, both))
    now_accepted = _by_key(_ran(new.accepted, both))
    opened = tuple(f for k, f in after.items() if k not in before and k not in was_accepted)
    closed = tuple(f for k, f in before.items() if k not in after and k not in now_accepted)
    closed += tuple(f for k, f in was_accepted.items() if k not in after and k not in now_accepted)
    still = tuple(
        StillOpen(f, _changes(before[key].evidence, f.evidence))
        for key, f in after.items()
        if key in before
    )
    return SnapshotDiff(
        old,
        new,
        opened,
        closed,
        still,
        old_only,
        new_only,
        accepted=tuple(f for k, f in now_accepted.items() if k not in was_accepted),
        back=tuple(f for k, f in after.items() if k in was_accepted),
        still_accepted=tuple(f for k, f in now_accepted.items() if k in was_accepted),
    )


def _ran(
    findings: tuple[SnapshotFinding, ...], codes: frozenset[str] | None
) -> tuple[SnapshotFinding, ...]:
    """The ``findings`` of the rules in ``codes`` (all of them when ``None``)."""
    return findings if codes is None else tuple(f for f in findings if f.code in codes)


def _by_key(findings: tuple[SnapshotFinding, ...]) -> dict[FindingKey, SnapshotFinding]:
    """Findings by key; a rule firing twice on one subject keeps both (``#2`` on the id)."""
    keyed: dict[FindingKey, SnapshotFinding] = {}
    for finding in findings:
        key = finding.key
        count = 1
        while key in keyed:
            count += 1
            key = (finding.code, finding.kind, f"{finding.id}#{count}")
        keyed[key] = finding
    return keyed


def _changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FigureChange, ...]:
    names = list(dict.fromkeys([*old, *new]))
    return tuple(
        FigureChange(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    )


def _umask_mode() -> int:
    """The mode a new file gets under the user's umask (0644 under the usual 022)."""
    umask = os.umask(0)  # the only way to read it is to set it: set it straight back
    os.umask(umask)
    return 0o666 & ~umask
