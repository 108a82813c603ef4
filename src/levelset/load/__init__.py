"""The workspace loader: a folder of plain files in, a ``Workspace`` and its problems out.

It never raises on user data: every problem is collected with a file and a line, and the
workspace is returned with the objects that could be read.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from levelset.load.assemble import assemble
from levelset.load.problems import Problems
from levelset.load.settings import TOML_FILE
from levelset.model import Problem, Workspace

__all__ = ["LoadResult", "load_files", "load_workspace"]

_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadResult:
    """The workspace as read (possibly partial) and the problems found reading it."""

    workspace: Workspace
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when the workspace was read without a single problem."""
        return not self.problems


def load_workspace(path: str | Path) -> LoadResult:
    """Read the workspace folder at ``path``: ``levelset.toml`` and every YAML file in it."""
    root = Path(path)
    problems = Problems()
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        problems.add(
            ".",
            None,
            f"the workspace {root} {what}",
            "give the path of a workspace folder (levelset init PATH makes one)",
        )
        return _result(Workspace(root=root), problems)
    files = sorted(f for f in root.iterdir() if f.suffix in _YAML_SUFFIXES and f.is_file())
    toml = root / TOML_FILE
    toml_text = _decode(toml, problems) if toml.is_file() else None

    def texts() -> Iterator[tuple[str, str]]:
        # One file at a time, so that a large workspace never holds every text at once.
        for file in files:
            text = _decode(file, problems)
            if text is not None:
                yield file.name, text

    return _load(root, toml_text, texts(), problems, yaml_found=bool(files))


def load_files(files: Mapping[str, str], root: Path = Path("memory")) -> LoadResult:
    """In-memory workspace, for tests and rule cases: keys are relative names like
    'levelset.toml', 'org.yaml'; values are file texts."""
    texts = sorted(
        (name, text)
        for name, text in files.items()
        if "/" not in name and name.endswith(_YAML_SUFFIXES)
    )
    return _load(root, files.get(TOML_FILE), iter(texts), Problems(), yaml_found=bool(texts))


def _load(
    root: Path,
    toml_text: str | None,
    yaml_texts: Iterator[tuple[str, str]],
    problems: Problems,
    *,
    yaml_found: bool,
) -> LoadResult:
    if not yaml_found:
        problems.add(
            ".",
            None,
            f"the workspace {root} has no YAML files",
            "add a YAML file with seats:, people:, ... (levelset init PATH makes one)",
        )
    # Loading makes millions of small objects and no cycles; the cyclic collector would
    # rescan them again and again (a third of the time on a large organization).
    collecting = gc.isenabled()
    gc.disable()
    try:
        workspace = assemble(root, toml_text, yaml_texts, problems)
    finally:
        if collecting:
            gc.enable()
    return _result(workspace, problems)


def _decode(file: Path, problems: Problems) -> str | None:
    try:
        data = file.read_bytes()
    except OSError as error:
        problems.add(
            file.name,
            None,
            f"cannot read {file.name}: {error.strerror}",
            "check the file's permissions",
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.add(
            file.name,
            line,
            f"{file.name} is not UTF-8 text (byte {error.start})",
            "save the file with UTF-8 encoding",
        )
        return None


def _result(workspace: Workspace, problems: Problems) -> LoadResult:
    ordered = sorted(problems.items, key=lambda p: (p.location.file, p.location.line or 0))
    return LoadResult(workspace, tuple(ordered))
