"""Writing a scenario into a workspace's YAML files, touching only what it changes.

What is specific to scenarios lives here: which seats, responsibilities and partners a
scenario changes and what to write for each. The files are edited through
``load.yamledit`` (as the importers do): each changed item is rewritten in its own
style, key by key, and every other line stays byte for byte. A new seat goes right after
its manager's (or after the first seat), in the style of that seat; a retired seat's
lines go. Operations that change no file are listed, not written: handed work and
stopped meetings are measured in the data, and a seat filled by a hire not yet named is
written when someone is.

Writing is all or nothing (``yamledit.write_all``), refused when a file changed since
it was read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from levelset.load.yamledit import FileChangedError, YamlEditError, YamlFile, write_all
from levelset.model import Holder, Seat, Workspace
from levelset.model.scenario import FillSeat, HandWork, Scenario, StopMeeting, describe
from levelset.model.scenario_apply import HIRE_PREFIX, apply_scenario

_SECTION = {"seat": "seats", "responsibility": "responsibilities", "partner": "partners"}

#: Where an item is: its file's name, its section and its index there.
_Place = tuple[str, str, int]


class ScenarioWriteError(Exception):
    """The scenario cannot be written: nothing was."""


def content_hash(data: bytes) -> str:
    """The hash a file's content is compared by (as the session's ``service.files``)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class WorkspaceEdit:
    """The new text of every file a scenario changes, and the hash each had when read.

    ``unwritten`` describes the operations that change no file; ``files`` are the files
    as opened for the edit, which ``write_edit`` writes.
    """

    root: Path
    texts: dict[str, str] = field(default_factory=dict)
    read_hashes: dict[str, str] = field(default_factory=dict)
    unwritten: tuple[str, ...] = ()
    files: tuple[YamlFile, ...] = ()


def edit_workspace(root: Path, workspace: Workspace, scenario: Scenario) -> WorkspaceEdit:
    """The file texts ``scenario`` yields for the workspace read from ``root``.

    The scenario is applied to the model first (``apply_scenario``); each seat,
    responsibility and partner that comes out different is then written as it came out,
    so the files read back as the model the scenario gives. ``ScenarioWriteError`` when
    an operation cannot apply, names an item no file holds, or a file cannot be read.
    """
    applied = apply_scenario(workspace, scenario)
    if applied.problems:
        raise ScenarioWriteError(f"nothing was written: {applied.problems[0]}")
    editor = _Editor(root, workspace)
    try:
        editor.sync(applied.workspace)
    except YamlEditError as error:
        raise ScenarioWriteError(f"nothing was written: {error}") from error
    unwritten = [
        f"{describe(op)}: "
        + (
            "written when someone is hired"
            if isinstance(op, FillSeat)
            else "measured in the data, not written in the workspace"
        )
        for op in scenario.operations
        if isinstance(op, HandWork | StopMeeting)
        or (isinstance(op, FillSeat) and op.person is None and op.partner is None)
    ]
    files = editor.files
    return WorkspaceEdit(
        root,
        {name: file.text() for name, file in files.items() if file.changed},
        {name: content_hash(file.original.encode("utf-8")) for name, file in files.items()},
        tuple(unwritten),
        tuple(files.values()),
    )


class _Editor:
    """The workspace's files, opened as the items a scenario changes are found in them,
    and the new data of each changed item."""

    def __init__(self, root: Path, workspace: Workspace) -> None:
        self.root, self.workspace = root, workspace
        self.files: dict[str, YamlFile] = {}
        self.changed: dict[_Place, dict[str, Any]] = {}

    def sync(self, after: Workspace) -> None:
        """Edit the files so that they say what ``after`` does."""
        before = self.workspace
        removed = [self._found("seat", s) for s in before.seats.keys() - after.seats.keys()]
        for seat in after.seats.values():
            old = before.seats.get(seat.id)
            if old is None:
                self._create(seat)
                continue
            holders = tuple(h for h in seat.holders if not _hire(h.person))
            if (old.reports_to, _holding(old.holders)) == (seat.reports_to, _holding(holders)):
                continue
            item = self.item("seat", seat.id)
            _set_scalar(item, "reports_to", seat.reports_to)
            _sync_list(item, "holders", [_holder(h) for h in holders], scalar_ok=False)
        for resp in after.responsibilities.values():
            was = before.responsibilities[resp.id]
            for role in ("accountable", "responsible", "consulted", "informed", "goals"):
                ids = list(getattr(resp, role))
                if ids != list(getattr(was, role)):
                    item = self.item("responsibility", resp.id)
                    _sync_list(item, role, ids, scalar_ok=role == "accountable")
        for partner in after.partners.values():
            old_partner = before.partners[partner.id]
            if partner.owner != old_partner.owner:
                _set_scalar(self.item("partner", partner.id), "owner", partner.owner)
            for key in ("scope", "goals"):
                if getattr(partner, key) != getattr(old_partner, key):
                    _sync_list(self.item("partner", partner.id), key, list(getattr(partner, key)))
        for (name, section, index), data in self.changed.items():
            self.files[name].replace(section, index, data)
        for name, section, index in removed:
            self.files[name].remove(section, index)

    def item(self, kind: str, item_id: str) -> dict[str, Any]:
        """The new data of a seat, responsibility or partner (its data as written, to
        be changed), marked changed."""
        place = self._found(kind, item_id)
        if place not in self.changed:
            name, section, index = place
            self.changed[place] = dict(self.files[name].items(section)[index])
        return self.changed[place]

    def _found(self, kind: str, item_id: str) -> _Place:
        for found in self._locate(kind, item_id):
            return found
        raise ScenarioWriteError(f"no file of {self.root} holds the {kind} {item_id!r}")

    def _locate(self, kind: str, item_id: str) -> list[_Place]:
        tables: dict[str, Mapping[str, Any]] = {
            "seat": self.workspace.seats,
            "responsibility": self.workspace.responsibilities,
            "partner": self.workspace.partners,
        }
        table = tables[kind]
        names = [table[item_id].location.file] if item_id in table else []
        names += [f for f in self.files if f not in names]
        section = _SECTION[kind]
        for name in names:
            file = self._file(name)
            found = file.find(section, item_id) if file is not None else None
            if found is not None:
                return [(name, section, found)]
        return []

    def _file(self, name: str) -> YamlFile | None:
        if name not in self.files:
            if not (self.root / name).is_file():
                return None
            self.files[name] = YamlFile.open(self.root / name)
        return self.files[name]

    def _create(self, seat: Seat) -> None:
        """A new seat, right after its manager's (else after the first seat), in the
        style of that seat."""
        near = [s for s in (seat.reports_to, next(iter(self.workspace.seats), None)) if s]
        found = [f for s in near if s in self.workspace.seats for f in self._locate("seat", s)]
        if not found:
            raise ScenarioWriteError(f"no file of {self.root} has seats to add {seat.id} to")
        name, section, index = found[0]
        item = {
            k: v
            for k, v in (
                ("id", seat.id),
                ("title", seat.title),
                ("function", seat.function),
                ("level", seat.level),
                ("reports_to", seat.reports_to),
            )
            if v
        }
        holders = [_holder(h) for h in seat.holders if not _hire(h.person)]
        if holders:
            _sync_list(item, "holders", holders, scalar_ok=False)
        file = self.files[name]
        file.insert_after(section, index, item, flow=file.entry(section, index).flow)


def _hire(person: str | None) -> bool:
    return person is not None and person.startswith(HIRE_PREFIX)


def _holding(holders: tuple[Holder, ...]) -> list[tuple[str, float]]:
    return [(h.ref, h.fte) for h in holders]


def _holder(holder: Holder) -> Any:
    """How a holder is written: its id, or ``{partner: x, fte: 0.5}``."""
    if holder.partner is None and holder.fte == 1.0:
        return holder.person
    key = "partner" if holder.partner is not None else "person"
    values: dict[str, Any] = {key: holder.ref}
    if holder.fte != 1.0:
        values["fte"] = holder.fte
    return values


def _set_scalar(item: dict[str, Any], key: str, value: str | None) -> None:
    if value is None:
        item.pop(key, None)
    elif item.get(key) != value:
        item[key] = value


def _sync_list(
    item: dict[str, Any], key: str, values: list[Any], *, scalar_ok: bool = True
) -> None:
    """Make the list under ``key`` hold ``values`` (ids or holder mappings), keeping the
    entries that stay as written (new ones after them); a single id stays a single id
    where one was."""
    wanted = [_ref(v) for v in values]
    now = item.get(key)
    if not values:
        item.pop(key, None)
    elif isinstance(now, list):
        kept = [v for v in now if _ref(v) in wanted]
        present = {_ref(v) for v in kept}
        item[key] = kept + [v for v, ref in zip(values, wanted, strict=True) if ref not in present]
    elif scalar_ok and len(values) == 1 and not isinstance(values[0], Mapping):
        item[key] = values[0]
    else:
        item[key] = list(values)


def _ref(value: Any) -> str | None:
    if isinstance(value, Mapping):
        found = value.get("person") or value.get("partner")
        return str(found) if found is not None else None
    return None if value is None else str(value)


def write_edit(edit: WorkspaceEdit, expected: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """Write ``edit``'s files all or nothing; the files written.

    ``ScenarioWriteError`` (and nothing written) when a file's content is not the one it
    had when read (nor, for the files in ``expected``, the one whose hash is given).
    """
    for name, want in (expected or {}).items():
        path = edit.root / name
        if name in edit.texts and content_hash(path.read_bytes()) != want:
            raise ScenarioWriteError(_changed(name))
    try:
        return tuple(write_all(edit.files))
    except FileChangedError as error:
        raise ScenarioWriteError(_changed(error.path.name)) from error
    except OSError as error:
        raise ScenarioWriteError(f"cannot write the scenario: {error}") from error


def _changed(name: str) -> str:
    return (
        f"{name} changed since it was read; nothing was written "
        "(run the scenario again on the files as they are now)"
    )


__all__ = [
    "ScenarioWriteError",
    "WorkspaceEdit",
    "content_hash",
    "edit_workspace",
    "write_edit",
]
