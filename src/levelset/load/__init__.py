"""The workspace loader: a folder of plain files in, a ``Workspace`` and its problems out.

It never raises on user data: every problem is collected with a file and a line, and the
workspace is returned with the objects that could be read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from levelset.load.assemble import assemble
from levelset.load.problems import Problems
from levelset.load.settings import TOML_FILE
from levelset.load.walk import WHOLE_FILE, is_utf8, not_utf8_name
from levelset.model import Problem, Workspace
from levelset.model.collector import collector_paused

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
    before = len(problems.items)
    files = _yaml_files(root, problems)
    if files is None:
        return _result(Workspace(root=root), problems)
    # A YAML file that is a broken link has its own problem; "no YAML files" would mislead.
    yaml_found = bool(files) or len(problems.items) > before
    toml = root / TOML_FILE
    toml_text = _decode(toml, problems) if _readable(toml, problems) else None
    if toml.is_dir():
        problems.add(
            TOML_FILE,
            None,
            f"{TOML_FILE} is a folder, so the workspace's settings were not read",
            f"move the folder away and write the settings in a file named {TOML_FILE}",
        )

    def texts() -> Iterator[tuple[str, str]]:
        # One file at a time, so that a large workspace never holds every text at once.
        for file in files:
            text = _decode(file, problems)
            if text is not None:
                yield file.name, text

    return _load(root, toml_text, texts(), problems, yaml_found=yaml_found)


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
    with collector_paused():
        workspace = assemble(root, toml_text, yaml_texts, problems)
    return _result(workspace, problems)


def _yaml_files(root: Path, problems: Problems) -> list[Path] | None:
    """The YAML files directly in ``root``, in name order; ``None`` if it cannot be listed."""
    try:
        entries = sorted(root.iterdir())
    except OSError as error:
        problems.add(
            ".",
            None,
            f"cannot read the workspace {root}: {error.strerror}",
            "check the folder's permissions",
        )
        return None
    for entry in entries:
        if entry.suffix in _YAML_SUFFIXES and not is_utf8(entry.name):
            problems.items.append(not_utf8_name(entry, root))
    return [
        entry
        for entry in entries
        if is_utf8(entry.name)
        # hidden files (an editor's swap or backup, .prettierrc.yaml) are not the org's
        if entry.suffix in _YAML_SUFFIXES
        and not entry.name.startswith(".")
        and _readable(entry, problems, missing_ok=False)
    ]


def _readable(file: Path, problems: Problems, *, missing_ok: bool = True) -> bool:
    """True for a file (or a link to one); a problem for a link or entry that cannot be.

    Folders are passed over, as are absent files when ``missing_ok``. ``Path.is_file``
    would say False for a broken link, and the settings or seats in it would be lost
    without a word.
    """
    try:
        return stat.S_ISREG(file.stat().st_mode)
    except OSError as error:
        link = _is_link(file)
        if error.errno == errno.ENOENT and missing_ok and not link:
            return False
        if link:
            problems.add(
                file.name,
                WHOLE_FILE,
                f"cannot read {file.name}: it is a broken link ({_why_broken(file, error)})",
                "point the link at a file that exists, or remove the link",
            )
        else:
            problems.add(
                file.name,
                WHOLE_FILE,
                f"cannot read {file.name}: {error.strerror}",
                "check the file's permissions",
            )
        return False


def _is_link(file: Path) -> bool:
    try:
        return stat.S_ISLNK(file.lstat().st_mode)
    except OSError:
        return False


def _why_broken(link: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "it leads back to itself"
    try:
        target = os.readlink(link)
    except OSError:
        return str(error.strerror)
    if error.errno == errno.ENOENT:
        return f"{target} does not exist"
    return f"{target}: {error.strerror}"


def _decode(file: Path, problems: Problems) -> str | None:
    try:
        data = file.read_bytes()
    except OSError as error:
        problems.add(
            file.name,
            WHOLE_FILE,
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
