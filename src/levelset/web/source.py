"""A workspace file, to show where a finding or a problem points.

Only a regular file inside the workspace is ever read: a path that is absolute, climbs
with ``..``, holds a NUL, or resolves (through a symbolic link) outside the workspace
is refused as if it did not exist, so a guessed path learns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from starlette.requests import Request

from levelset.web.access import Denied
from levelset.web.deps import hub

#: A file larger than this is shown only up to here (a finding points into a YAML file
#: or a CSV; a whole year of time entries need not go to the browser).
MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class SourceFile:
    """A file's lines as text (undecodable bytes replaced), and whether it was cut."""

    path: str
    lines: tuple[str, ...]
    line: int | None
    truncated: bool


def workspace_file(root: Path, wanted: str) -> Path | None:
    """The file ``wanted`` (relative, POSIX style) inside ``root``, or ``None`` when it is
    not a regular file there."""
    if not wanted or "\x00" in wanted or "\\" in wanted:
        return None
    relative = PurePosixPath(wanted)
    if relative.is_absolute() or ".." in relative.parts:
        return None
    base = root.resolve()
    try:
        found = (base / relative).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, unreadable, or a loop of links
        return None
    if not found.is_relative_to(base) or not found.is_file():
        return None
    return found


def read_source(root: Path, wanted: str, line: int | None = None) -> SourceFile | None:
    """The file ``wanted`` inside ``root`` with ``line`` to show, or ``None``."""
    found = workspace_file(root, wanted)
    if found is None:
        return None
    try:
        with found.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    text = data[:MAX_BYTES].decode("utf-8", errors="replace")
    lines = tuple(text.splitlines())
    shown = line if line is not None and 1 <= line <= len(lines) else None
    return SourceFile(str(PurePosixPath(wanted)), lines, shown, len(data) > MAX_BYTES)


def tenant_source(request: Request, tenant: str, wanted: str, line: int | None) -> SourceFile:
    """The file ``wanted`` of ``tenant``'s workspace; ``Denied`` (404) when it is not one."""
    found = hub(request).tenant(tenant)
    shown = read_source(found.workspace, wanted, line) if found is not None else None
    if shown is None:
        raise Denied("no such file in the workspace")
    return shown
