"""Writing a scenario into a workspace's YAML files, touching only what it changes.

Each changed item (a seat, responsibility or partner) is edited on ruamel.yaml's
round-trip tree, which keeps its comments, key order, quotes and flow or block style,
and only the lines of that item are replaced in the file's text: every other line stays
byte for byte. A new seat goes right after its manager's (or after the last seat), in
the style of the seat before it; a retired seat's lines go. Operations that change no
file are listed, not written: handed work and stopped meetings are measured in the
data, and a seat filled by a hire not yet named is written when someone is.

Writing is all or nothing: every new text goes to a temporary file beside its file,
each file is hashed again and the write refused when one changed since it was read,
and only then are the files renamed into place (a failing rename puts back those
already replaced).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from levelset.model import Holder, Seat, Workspace
from levelset.model.scenario import FillSeat, HandWork, Scenario, StopMeeting, describe
from levelset.model.scenario_apply import HIRE_PREFIX, apply_scenario

_SECTION = {"seat": "seats", "responsibility": "responsibilities", "partner": "partners"}


class ScenarioWriteError(Exception):
    """The scenario cannot be written: nothing was."""


def content_hash(data: bytes) -> str:
    """The hash a file's content is compared by (as the session's ``service.files``)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class WorkspaceEdit:
    """The new text of every file a scenario changes, and the hash each had when read.

    ``unwritten`` describes the operations that change no file.
    """

    root: Path
    texts: dict[str, str] = field(default_factory=dict)
    read_hashes: dict[str, str] = field(default_factory=dict)
    unwritten: tuple[str, ...] = ()


class _File:
    """One YAML file: its text, its round-trip tree and the items edited in it."""

    def __init__(self, root: Path, name: str, yaml: YAML) -> None:
        self.name = name
        data = (root / name).read_bytes()
        self.hash = content_hash(data)
        self.text = data.decode("utf-8")
        self.lines = self.text.splitlines(keepends=True)
        self.tree: Any = yaml.load(self.text)
        self.changed: dict[tuple[str, int], CommentedMap] = {}
        self.removed: set[tuple[str, int]] = set()
        self.added: dict[tuple[str, int], list[CommentedMap]] = {}

    def find(self, section: str, item_id: str) -> tuple[int, CommentedMap] | None:
        items = self.tree.get(section) if isinstance(self.tree, CommentedMap) else None
        for index, item in enumerate(items or []):
            if isinstance(item, CommentedMap) and str(item.get("id")) == item_id:
                return index, item
        return None

    def span(self, section: str, index: int) -> tuple[int, int]:
        """The lines (0-based, end excluded) of item ``index`` of ``section``, without
        the blank and comment lines after it."""
        items: CommentedSeq = self.tree[section]
        start = items.lc.item(index)[0]
        if index + 1 < len(items):
            end = items.lc.item(index + 1)[0]
        else:
            end = self._section_end(section, start)
        while end > start + 1 and self.lines[end - 1].strip()[:1] in ("", "#"):
            end -= 1
        return start, end

    def _section_end(self, section: str, start: int) -> int:
        keys = list(self.tree)
        following = keys.index(section) + 1
        if following < len(keys):
            return int(self.tree.lc.key(keys[following])[0])
        return len(self.lines)


def edit_workspace(root: Path, workspace: Workspace, scenario: Scenario) -> WorkspaceEdit:
    """The file texts ``scenario`` yields for the workspace read from ``root``.

    The scenario is applied to the model first (``apply_scenario``); each seat,
    responsibility and partner that comes out different is then written as it came out,
    so the files read back as the model the scenario gives. ``ScenarioWriteError`` when
    an operation cannot apply or names an item no file holds.
    """
    applied = apply_scenario(workspace, scenario)
    if applied.problems:
        raise ScenarioWriteError(f"nothing was written: {applied.problems[0]}")
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    editor = _Editor(root, workspace, yaml)
    editor.sync(applied.workspace)
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
    texts = {f.name: _render(f, yaml) for f in editor.files.values()}
    return WorkspaceEdit(
        root,
        {name: text for name, text in texts.items() if text != editor.files[name].text},
        {name: f.hash for name, f in editor.files.items()},
        tuple(unwritten),
    )


class _Editor:
    def __init__(self, root: Path, workspace: Workspace, yaml: YAML) -> None:
        self.root, self.workspace, self.yaml = root, workspace, yaml
        self.files: dict[str, _File] = {}

    def sync(self, after: Workspace) -> None:
        """Edit the trees so that they say what ``after`` does."""
        before = self.workspace
        for seat_id in before.seats.keys() - after.seats.keys():
            file, section, index, _ = self._found("seat", seat_id)
            file.removed.add((section, index))
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

    def item(self, kind: str, item_id: str) -> CommentedMap:
        """The round-trip mapping of a seat, responsibility or partner, marked changed."""
        file, section, index, item = self._found(kind, item_id)
        file.changed[section, index] = item
        return item

    def _found(self, kind: str, item_id: str) -> tuple[_File, str, int, CommentedMap]:
        for found in self._locate(kind, item_id):
            return found
        raise ScenarioWriteError(f"no file of {self.root} holds the {kind} {item_id!r}")

    def _locate(self, kind: str, item_id: str) -> list[tuple[_File, str, int, CommentedMap]]:
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
            if file is not None and found is not None:
                return [(file, section, found[0], found[1])]
        return []

    def _file(self, name: str) -> _File | None:
        if name not in self.files:
            if not (self.root / name).is_file():
                return None
            self.files[name] = _File(self.root, name, self.yaml)
        return self.files[name]

    def _create(self, seat: Seat) -> None:
        """A new seat, right after its manager's (else after the first seat), in the
        style of that seat."""
        near = [s for s in (seat.reports_to, next(iter(self.workspace.seats), None)) if s]
        found = [f for s in near if s in self.workspace.seats for f in self._locate("seat", s)]
        if not found:
            raise ScenarioWriteError(f"no file of {self.root} has seats to add {seat.id} to")
        file, section, index, neighbour = found[0]
        item = CommentedMap(
            (k, v)
            for k, v in (
                ("id", seat.id),
                ("title", seat.title),
                ("function", seat.function),
                ("level", seat.level),
                ("reports_to", seat.reports_to),
            )
            if v
        )
        holders = [_holder(h) for h in seat.holders if not _hire(h.person)]
        if holders:
            _sync_list(item, "holders", holders, scalar_ok=False)
        if neighbour.fa.flow_style():
            item.fa.set_flow_style()
        file.added.setdefault((section, index), []).append(item)


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
    return _flow_map(values)


def _set_scalar(item: CommentedMap, key: str, value: str | None) -> None:
    if value is None:
        item.pop(key, None)
    elif item.get(key) != value:
        item[key] = value


def _sync_list(item: CommentedMap, key: str, values: list[Any], *, scalar_ok: bool = True) -> None:
    """Make the list under ``key`` hold ``values`` (ids or holder mappings), keeping the
    entries that stay as written; a single id stays a single id where one was."""
    wanted = [_ref(v) for v in values]
    now = item.get(key)
    if not values:
        item.pop(key, None)
    elif isinstance(now, CommentedSeq):
        for index in reversed(range(len(now))):
            if _ref(now[index]) not in wanted:
                del now[index]
        present = [_ref(v) for v in now]
        for value, ref in zip(values, wanted, strict=True):
            if ref not in present:
                now.append(value)
    elif scalar_ok and len(values) == 1 and not isinstance(values[0], Mapping):
        item[key] = values[0]
    else:
        fresh = CommentedSeq(values)
        fresh.fa.set_flow_style()
        item[key] = fresh


def _flow_map(values: Mapping[str, Any]) -> CommentedMap:
    mapping = CommentedMap(values)
    mapping.fa.set_flow_style()
    return mapping


def _ref(value: Any) -> str | None:
    if isinstance(value, Mapping):
        found = value.get("person") or value.get("partner")
        return str(found) if found is not None else None
    return None if value is None else str(value)


def _render(file: _File, yaml: YAML) -> str:
    """The file's text with each changed item's lines replaced, removed items' lines
    gone and new items after the item they follow; every other line as it was."""
    lines = list(file.lines)
    spans = set(file.changed) | file.removed | set(file.added)
    for section, index in sorted(spans, key=lambda k: file.span(*k)[0], reverse=True):
        start, end = file.span(section, index)
        column = file.tree[section].lc.item(index)[1] - 2
        after = [_dump(yaml, new, column) for new in file.added.get((section, index), [])]
        if (section, index) in file.removed:
            body: list[str] = []
        elif (section, index) in file.changed:
            body = [_dump(yaml, file.changed[section, index], column)]
        else:
            body = lines[start:end]
        if body and not body[-1].endswith("\n"):
            body[-1] += "\n"
        lines[start:end] = [*body, *after]
    return "".join(lines)


def _dump(yaml: YAML, item: CommentedMap, column: int) -> str:
    """One item as a list entry at ``column``, without the comments that follow it."""
    buffer = io.StringIO()
    yaml.dump(CommentedSeq([item]), buffer)
    dumped = buffer.getvalue().splitlines()
    while dumped and dumped[-1].strip()[:1] in ("", "#"):
        dumped.pop()
    margin = min(len(line) - len(line.lstrip()) for line in dumped if line.strip())
    pad = " " * max(column, 0)
    return "".join(f"{pad}{line[margin:]}\n" if line.strip() else "\n" for line in dumped)


def write_edit(edit: WorkspaceEdit, expected: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """Write ``edit``'s files all or nothing; the files written.

    ``ScenarioWriteError`` (and nothing written) when a file's content hash is not the
    one it had when read (or, for the files in ``expected``, the one given there).
    """
    temps: dict[Path, str] = {}
    try:
        for name, text in edit.texts.items():
            path = edit.root / name
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            temps[path] = temp
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
        for name in edit.texts:
            want = (expected or {}).get(name, edit.read_hashes[name])
            if content_hash((edit.root / name).read_bytes()) != want:
                raise ScenarioWriteError(
                    f"{name} changed since it was read; nothing was written "
                    "(run the scenario again on the files as they are now)"
                )
        _swap(temps, {edit.root / n: (edit.root / n).read_bytes() for n in edit.texts})
    except OSError as error:
        raise ScenarioWriteError(f"cannot write the scenario: {error}") from error
    finally:
        for temp in temps.values():
            Path(temp).unlink(missing_ok=True)
    return tuple(temps)


def _swap(temps: Mapping[Path, str], originals: Mapping[Path, bytes]) -> None:
    """Rename every temporary file into place; on a failure put the old ones back."""
    done: list[Path] = []
    try:
        for path, temp in temps.items():
            os.replace(temp, path)
            done.append(path)
    except OSError:
        for path in done:
            path.write_bytes(originals[path])
        raise


__all__ = [
    "ScenarioWriteError",
    "WorkspaceEdit",
    "content_hash",
    "edit_workspace",
    "write_edit",
]
