"""Where things come from: every object and every problem points at a file and line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in the workspace: a file (relative to the workspace, POSIX style) and a line.

    ``line`` is 1-based; ``None`` when the problem concerns a whole file (an empty
    workspace, a file that cannot be read) or when the thing was not read from a file.
    """

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


NOWHERE = Location("<none>")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the workspace that levelset could not read or could not trust.

    ``message`` says what is wrong; ``hint`` says what to do about it. Problems are values:
    the loader collects all of them and never raises on user data.
    """

    location: Location
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text
