"""The one error of the service layer: what went wrong, where, and how a face reports it.

Problems in a workspace are values (``Problem``, with a file and line) almost everywhere;
the service raises only when a question cannot be answered at all: the workspace could
not be read, the caller asked for something that does not exist (an unknown rule, person
or metric), or the view needs data the workspace does not have. Every such case is a
``LevelsetError``: the command line prints it and exits with ``exit_status``; a web face
answers with ``http_status``. The subclasses only name the case; catching
``LevelsetError`` catches them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from levelset.model import Problem


class LevelsetError(Exception):
    """A question the service cannot answer: a message, the problems behind it (each with
    its file and line) and the status a face reports it with."""

    #: The command line's exit status: 2, "the workspace could not be read or the command
    #: was used wrongly" (DESIGN.md).
    exit_status = 2
    #: The status a web face answers with.
    http_status = 400

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)


class UsageError(LevelsetError, ValueError):
    """The caller asked for something that cannot be done (an unknown rule, person or
    metric). Not a problem in the workspace: the message says what to ask instead."""


class NoEventData(UsageError):  # noqa: N818 - the name the API has always had
    """The view needs time or calendar data and the workspace has none."""

    http_status = 404


class WorkspaceError(LevelsetError):
    """The workspace, its event data or the engine could not be read; ``problems`` say
    where and what to do."""

    http_status = 422

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) reading the workspace", problems)
