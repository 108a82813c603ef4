"""Finding what the caller named: a person, seat, function or responsibility, by id,
e-mail or name, with a did-you-mean when nothing matches."""

from __future__ import annotations

from levelset.model import Workspace
from levelset.model.suggest import did_you_mean
from levelset.service.errors import UsageError


def find_subject(
    workspace: Workspace, metric: str, kinds: tuple[str, ...], subject: str | None
) -> tuple[str, str, str]:
    """``(kind, id, readable name)`` of the subject a metric is asked about; raises
    ``UsageError`` when it names none of ``kinds``."""
    if subject is None or not subject.strip():
        if "organization" in kinds:
            return "organization", "", ""
        raise UsageError(f"--metric {metric} needs a {' or '.join(kinds)}: add its id")
    wanted = subject.strip()
    candidates: list[str] = []
    for kind in kinds:
        if kind == "organization":
            continue
        found = _find(workspace, kind, wanted)
        if found is not None:
            return kind, found, _readable(workspace, kind, found)
        candidates += _ids(workspace, kind)
    described = " or ".join(k for k in kinds if k != "organization")
    raise UsageError(f"no {described} {wanted!r}{did_you_mean(wanted, candidates)}")


def find_person(workspace: Workspace, wanted: str) -> str:
    """A person's id, from their id, e-mail or name (the last two without regard to
    case); raises ``UsageError`` when nobody matches."""
    found = _find(workspace, "person", wanted.strip())
    if found is None:
        hint = did_you_mean(wanted, _ids(workspace, "person"))
        raise UsageError(f"no person {wanted!r}{hint}")
    return found


def _find(workspace: Workspace, kind: str, wanted: str) -> str | None:
    """An id by itself, or by id, name (or a person's e-mail) without regard to case."""
    names = _names(workspace, kind)
    if wanted in names:
        return wanted
    folded = wanted.casefold()
    for key, spellings in names.items():
        if folded in (s.casefold() for s in spellings):
            return key
    return None


def _names(workspace: Workspace, kind: str) -> dict[str, tuple[str, ...]]:
    """Each subject of ``kind``: its id and the other spellings that name it."""
    if kind == "person":
        return {p.id: (p.id, p.email, p.name) for p in workspace.people.values()}
    if kind == "seat":
        return {s.id: (s.id, s.title) for s in workspace.seats.values()}
    if kind == "function":
        return {f: (f,) for f in _functions(workspace)}
    return {r.id: (r.id, r.name) for r in workspace.responsibilities.values()}


def _functions(workspace: Workspace) -> list[str]:
    found = [s.function for s in workspace.seats.values() if s.function]
    found += [r.function for r in workspace.responsibilities.values() if r.function]
    return list(dict.fromkeys(found))


def _ids(workspace: Workspace, kind: str) -> list[str]:
    return list(_names(workspace, kind))


def _readable(workspace: Workspace, kind: str, subject: str) -> str:
    if kind == "person":
        return f"{workspace.people[subject].name} ({subject})"
    if kind == "seat":
        return f"{workspace.seats[subject].title} ({subject})"
    if kind == "responsibility":
        return f"{workspace.responsibilities[subject].name} ({subject})"
    return f"the {subject} function"
