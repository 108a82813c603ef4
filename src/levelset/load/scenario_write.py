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

from levelset.model import Workspace
from levelset.model.scenario import (
    AddRole,
    ChangeGoals,
    ChangeOwner,
    ChangeScope,
    CreateSeat,
    FillSeat,
    MoveAccountability,
    Operation,
    RemoveRole,
    RetireSeat,
    Scenario,
    VacateSeat,
    describe,
)

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

    ``ScenarioWriteError`` when an operation names an item no file holds.
    """
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    editor = _Editor(root, workspace, yaml)
    unwritten = [why for op in scenario.operations if (why := editor.apply(op))]
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

    def item(self, kind: str, item_id: str) -> tuple[_File, CommentedMap]:
        """The round-trip mapping of a seat, responsibility or partner, marked changed."""
        for file, section, index, item in self._locate(kind, item_id):
            file.changed[section, index] = item
            return file, item
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

    def apply(self, op: Operation) -> str | None:
        """Edit the tree for ``op``; a sentence when ``op`` changes no file."""
        if isinstance(op, FillSeat):
            if op.person is None and op.partner is None:
                return f"{describe(op)}: written when someone is hired"
            _, seat = self.item("seat", op.seat)
            holder: Any = op.person or op.partner
            if op.partner is not None or op.fte != 1.0:
                key = "partner" if op.partner is not None else "person"
                holder = _flow_map({key: holder, **({"fte": op.fte} if op.fte != 1.0 else {})})
            _add_to(seat, "holders", holder)
        elif isinstance(op, VacateSeat):
            _, seat = self.item("seat", op.seat)
            _vacate(seat, op.holder)
        elif isinstance(op, CreateSeat):
            self._create(op)
        elif isinstance(op, RetireSeat):
            self._retire(op)
        elif isinstance(op, MoveAccountability):
            _, resp = self.item("responsibility", op.responsibility)
            resp["accountable"] = op.to
        elif isinstance(op, AddRole):
            _add_to(self.item("responsibility", op.responsibility)[1], op.role, op.seat)
        elif isinstance(op, RemoveRole):
            _remove_from(self.item("responsibility", op.responsibility)[1], op.role, op.seat)
        elif isinstance(op, ChangeScope | ChangeGoals):
            _, partner = self.item("partner", op.partner)
            key = "scope" if isinstance(op, ChangeScope) else "goals"
            for item_id in op.add:
                _add_to(partner, key, item_id)
            for item_id in op.remove:
                _remove_from(partner, key, item_id)
        elif isinstance(op, ChangeOwner):
            self.item("partner", op.partner)[1]["owner"] = op.owner
        else:
            return f"{describe(op)}: measured in the data, not written in the workspace"
        return None

    def _create(self, op: CreateSeat) -> None:
        near = op.reports_to or next(iter(self.workspace.seats), None)
        found = self._locate("seat", near) if near else []
        if not found:
            raise ScenarioWriteError(f"no file of {self.root} has seats to add {op.seat} to")
        file, section, index, neighbour = found[0]
        seat = CommentedMap(
            (k, v)
            for k, v in (
                ("id", op.seat),
                ("title", op.title),
                ("function", op.function),
                ("level", op.level),
                ("reports_to", op.reports_to),
            )
            if v
        )
        if neighbour.fa.flow_style():
            seat.fa.set_flow_style()
        file.added.setdefault((section, index), []).append(seat)
        for managed in op.manages:
            self.item("seat", managed)[1]["reports_to"] = op.seat

    def _retire(self, op: RetireSeat) -> None:
        found = self._locate("seat", op.seat)
        if not found:
            raise ScenarioWriteError(f"no file of {self.root} holds the seat {op.seat!r}")
        file, section, index, seat = found[0]
        file.removed.add((section, index))
        boss = seat.get("reports_to")
        for other in self.workspace.seats.values():
            if other.reports_to == op.seat:
                item = self.item("seat", other.id)[1]
                if boss is None:
                    item.pop("reports_to", None)
                else:
                    item["reports_to"] = boss
        for resp in self.workspace.responsibilities.values():
            for role in ("responsible", "consulted", "informed"):
                if op.seat in getattr(resp, role):
                    _remove_from(self.item("responsibility", resp.id)[1], role, op.seat)


def _flow_map(values: Mapping[str, Any]) -> CommentedMap:
    mapping = CommentedMap(values)
    mapping.fa.set_flow_style()
    return mapping


def _add_to(item: CommentedMap, key: str, value: Any) -> None:
    """Add ``value`` to the list under ``key`` (a single value becomes a list)."""
    now = item.get(key)
    if now is None:
        fresh = CommentedSeq([value])
        fresh.fa.set_flow_style()
        item[key] = fresh
    elif isinstance(now, CommentedSeq):
        if value not in now:
            now.append(value)
    elif now != value:
        fresh = CommentedSeq([now, value])
        fresh.fa.set_flow_style()
        item[key] = fresh


def _remove_from(item: CommentedMap, key: str, value: str) -> None:
    now = item.get(key)
    if isinstance(now, CommentedSeq):
        for index in [i for i, v in enumerate(now) if _ref(v) == value]:
            del now[index]
        if not now:
            del item[key]
    elif _ref(now) == value:
        del item[key]


def _vacate(seat: CommentedMap, holder: str | None) -> None:
    if holder is None:
        seat.pop("holders", None)
    else:
        _remove_from(seat, "holders", holder)


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
