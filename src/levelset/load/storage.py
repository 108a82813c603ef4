"""Where a workspace's data files are, and how they are looked into: a local folder or a
storage URL (``[data] files`` in ``levelset.toml``).

One interface, two implementations. ``LocalStorage`` walks the disk as levelset always
has (``walk.data_files``: a folder it cannot enter is a problem at its path, never a
traceback). ``UrlStorage`` lists, stats and reads through ``pyarrow.fs``, which knows
``file://``, ``s3://``, ``gs://``, ``hdfs://``, ``abfs://``…; Hadoop's ``s3a://`` and
``s3n://`` (the URLs Spark's connectors take) are listed as pyarrow's ``s3://``, while
the sources keep the URL as written for the engine. The loader reads only what it
needs here: a listing, a file's first bytes (headers, the CSV dialect), a small file
whole (a calendar, a workbook); the engine reads the rows.
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from levelset.load.walk import WHOLE_FILE, data_files, folder_kind
from levelset.model import Location, Problem
from levelset.model.storage import is_url, joined, pyarrow_url

DATA_FOLDER = "data"


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A data file as listed: ``path`` where it is read from (a local path or a URL, as
    text), ``shown`` how problems name it (relative to the workspace, or its URL);
    ``stamp`` its size and modification time (ns) where the listing gave them (a
    storage URL's does, the disk's walk does not)."""

    path: str
    shown: str
    stamp: tuple[int, int] | None = None

    @property
    def name(self) -> str:
        """The last part of its path (``q1.csv``)."""
        return self.path.rstrip("/").rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        """Its extension, lower case, with the dot (``.csv``), or ``""``."""
        stem, dot, extension = self.name.rpartition(".")
        return f".{extension.lower()}" if dot and stem and extension else ""

    @property
    def stem(self) -> str:
        """Its name without the extension (``dana`` for ``dana.ics``)."""
        return self.name[: len(self.name) - len(self.suffix)] if self.suffix else self.name


class Storage(ABC):
    """A data folder's files: ``where`` is the data folder (``time/``, ``calendar/``,
    ``finance/`` below it); ``root`` is the workspace, which local names are shown
    relative to."""

    def __init__(self, root: Path, where: str) -> None:
        self.root = root
        self.where = where

    def part(self, name: str) -> str:
        """Where the part ``name`` (``time``, ``calendar``, ``finance``) is."""
        return joined(self.where, name) if is_url(self.where) else str(Path(self.where) / name)

    @abstractmethod
    def shown(self, where: str) -> str:
        """How problems name ``where``."""

    @abstractmethod
    def kind(self, folder: str) -> tuple[str, Problem | None]:
        """``"missing"``, ``"folder"``, ``"file"``, or ``"unreadable"`` and its problem."""

    @abstractmethod
    def files(self, folder: str) -> tuple[list[StoredFile], list[Problem]]:
        """The files below ``folder``, hidden entries left out, in path order (a folder's
        files after those of the folders before it), and what could not be listed."""

    @abstractmethod
    def open(self, file: StoredFile) -> IO[bytes]:
        """The file opened for reading (seekable: a Parquet footer is at its end)."""

    def head(self, file: StoredFile, size: int) -> bytes:
        """The first ``size`` bytes of ``file`` (all of a shorter file)."""
        with self.open(file) as stream:
            return stream.read(size)

    def read(self, file: StoredFile) -> bytes:
        """The whole of a small file (a calendar, a workbook)."""
        with self.open(file) as stream:
            return stream.read()

    def workbook(self, file: StoredFile) -> str | IO[bytes]:
        """What ``openpyxl.load_workbook`` is given for ``file``."""
        return io.BytesIO(self.read(file))


class LocalStorage(Storage):
    """A data folder on this machine's disk (today's walk, with its problems)."""

    def shown(self, where: str) -> str:
        """``where`` relative to the workspace, else as given."""
        try:
            return Path(where).relative_to(self.root).as_posix()
        except ValueError:
            return Path(where).as_posix()

    def kind(self, folder: str) -> tuple[str, Problem | None]:
        """See ``Storage.kind`` (``walk.folder_kind``)."""
        return folder_kind(Path(folder), self.root)

    def files(self, folder: str) -> tuple[list[StoredFile], list[Problem]]:
        """See ``Storage.files`` (``walk.data_files``)."""
        paths, problems = data_files(Path(folder), self.root)
        return [StoredFile(str(path), self.shown(str(path))) for path in paths], problems

    def open(self, file: StoredFile) -> IO[bytes]:
        """See ``Storage.open``."""
        return open_stored(file.path)

    def workbook(self, file: StoredFile) -> str | IO[bytes]:
        """The path itself: openpyxl reads a local workbook without holding it whole."""
        return file.path


class UrlStorage(Storage):
    """A data folder at a storage URL, read through ``pyarrow.fs``."""

    def shown(self, where: str) -> str:
        """A file from a URL has no name in the workspace: its URL names it."""
        return where

    def kind(self, folder: str) -> tuple[str, Problem | None]:
        """See ``Storage.kind``; a URL that cannot be reached (no credentials, no such
        bucket, a scheme pyarrow does not know) is ``unreadable`` with its problem."""
        from pyarrow import fs  # noqa: PLC0415 - only for a storage URL

        try:
            system, inner = _filesystem(folder)
            found = system.get_file_info(inner).type
        except Exception as error:  # pyarrow raises OSError, ValueError and its own
            return "unreadable", unreachable(folder, error)
        if found == fs.FileType.NotFound:
            return "missing", None
        return ("folder" if found == fs.FileType.Directory else "file"), None

    def files(self, folder: str) -> tuple[list[StoredFile], list[Problem]]:
        """See ``Storage.files``: one recursive listing of ``folder``."""
        from pyarrow import fs  # noqa: PLC0415 - only for a storage URL

        try:
            system, inner = _filesystem(folder)
            infos = system.get_file_info(fs.FileSelector(inner, recursive=True))
        except Exception as error:  # pyarrow raises OSError, ValueError and its own
            return [], [unreachable(folder, error)]
        base = inner.rstrip("/")
        found: list[tuple[tuple[str, ...], StoredFile]] = []
        for info in infos:
            below = info.path[len(base) :].strip("/").split("/")
            if info.type != fs.FileType.File or any(part.startswith(".") for part in below):
                continue  # folders; hidden files and what hidden folders hold
            url = joined(folder, "/".join(below))
            stamp = (int(info.size or 0), int(info.mtime_ns or 0))
            found.append((tuple(below), StoredFile(url, url, stamp)))
        found.sort(key=lambda item: item[0])  # as Path sorts parts: walk.data_files' order
        return [file for _parts, file in found], []

    def open(self, file: StoredFile) -> IO[bytes]:
        """See ``Storage.open``."""
        return open_stored(file.path)


def storage_of(root: Path, files: str | None) -> Storage:
    """The storage of a workspace's data folder: ``files`` (``[data] files``) is a
    storage URL, a path (relative to the workspace ``root``, or absolute), or ``None``
    for the workspace's ``data/``."""
    if files is None:
        return LocalStorage(root, str(root / DATA_FOLDER))
    if is_url(files):
        return UrlStorage(root, files.rstrip("/"))
    return LocalStorage(root, str(root / Path(files).expanduser()))


def open_stored(where: str) -> io.BufferedReader:
    """The data file ``where`` (a local path or a storage URL) opened for reading."""
    if not is_url(where):
        return Path(where).open("rb")
    system, inner = _filesystem(where)
    # buffered: pyarrow's file reads but is not iterable by lines
    return io.BufferedReader(system.open_input_file(inner))


def stamp_of(where: str) -> tuple[int, int]:
    """Size and modification time (ns) of the data file ``where`` (a local path or a
    storage URL); ``OSError`` when it is not there."""
    if not is_url(where):
        status = Path(where).stat()
        return status.st_size, status.st_mtime_ns
    from pyarrow import fs  # noqa: PLC0415 - only for a storage URL

    system, inner = _filesystem(where)
    info = system.get_file_info(inner)
    if info.type != fs.FileType.File:
        raise FileNotFoundError(where)
    return int(info.size or 0), int(info.mtime_ns or 0)


def unreachable(where: str, error: Exception) -> Problem:
    """The problem of a storage URL that cannot be listed or read."""
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return Problem(
        Location(where),
        f"cannot read {where}: {reason}",
        "check the URL in [data] files, that the storage is reachable and that its "
        "credentials are set (docs/engines.md, Storage URLs)",
    )


def unreadable_file(file: StoredFile, error: OSError, hint: str) -> Problem:
    """The problem of a file that was listed but cannot be read."""
    reason = error.strerror or (str(error).strip().splitlines() or [type(error).__name__])[0]
    return Problem(Location(file.shown, WHOLE_FILE), f"cannot read {file.shown}: {reason}", hint)


def _filesystem(url: str) -> tuple[Any, str]:
    """The pyarrow file system of ``url`` and the path within it."""
    from pyarrow import fs  # noqa: PLC0415 - only for a storage URL

    system, inner = fs.FileSystem.from_uri(pyarrow_url(url))
    return system, str(inner)
