"""A workspace's YAML files open for an import: find each section's items, edit, write.

A section may be spread over several files (every ``*.yaml`` is merged), so items are
addressed as (file, index). New items go to the first file that holds the section, or
to the file an importer names when none does.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from levelset.load.yamledit import YamlFile, write_all, write_atomically

__all__ = ["Placed", "WorkspaceFiles"]


@dataclass(frozen=True)
class Placed:
    """One item of a section and where it is written."""

    file: YamlFile
    index: int
    data: Any


class WorkspaceFiles:
    """The YAML files directly in a workspace folder, opened for editing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        paths = sorted(root.glob("*.y*ml")) if root.is_dir() else []
        self.files = [YamlFile.open(path) for path in paths if path.suffix in {".yaml", ".yml"}]
        self.exists = root.is_dir()
        #: Files other than YAML to create (``levelset.toml`` of a new workspace).
        self.extra: dict[Path, str] = {}

    def items(self, section: str) -> list[Placed]:
        """Every item of ``section``, in file order."""
        return [
            Placed(file, index, data)
            for file in self.files
            for index, data in enumerate(file.items(section))
        ]

    def home(self, section: str, default: str, preamble: Sequence[str] = ()) -> YamlFile:
        """The file new items of ``section`` go to: the first holding it, else ``default``."""
        for file in self.files:
            if file.has(section):
                return file
        for file in self.files:
            if file.path.name == default:
                return file
        created = YamlFile.open(self.root / default)
        created.preamble = list(preamble)
        self.files.append(created)
        return created

    def sync(
        self,
        section: str,
        placed: Sequence[Placed],
        wanted: Mapping[int, Mapping[str, Any] | None],
    ) -> None:
        """Write item ``i`` of ``placed`` as ``wanted[i]``; ``None`` takes it out."""
        for number, item in enumerate(placed):
            if number not in wanted:
                continue
            data = wanted[number]
            if data is None:
                item.file.remove(section, item.index)
            else:
                item.file.replace(section, item.index, data)

    def changed(self) -> list[YamlFile]:
        """The files whose text the edits change."""
        return [file for file in self.files if file.changed]

    def diff(self) -> str:
        """A unified diff of every change, paths relative to the workspace."""
        parts: list[str] = []
        for path, text in self.extra.items():
            parts.extend(
                difflib.unified_diff(
                    [], text.splitlines(keepends=True), "/dev/null", f"b/{path.name}"
                )
            )
        for file in self.changed():
            name = file.path.name
            parts.extend(
                difflib.unified_diff(
                    file.original.splitlines(keepends=True),
                    file.text().splitlines(keepends=True),
                    fromfile=f"a/{name}" if file.original else "/dev/null",
                    tofile=f"b/{name}",
                )
            )
        return "".join(parts)

    def write(self) -> list[Path]:
        """Write every changed file, the YAML ones all or nothing; the paths written."""
        written = []
        self.root.mkdir(parents=True, exist_ok=True)
        for path, text in self.extra.items():
            if not path.exists():
                write_atomically(path, text)
                written.append(path)
        return written + write_all(self.files)
