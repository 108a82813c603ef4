"""``import roster``: an HRIS export into the workspace's ``people`` and ``seats``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from levelset import scaffold
from levelset.load.importers.outcome import ImportOutcome, scheme_levels
from levelset.load.importers.roster import read_roster
from levelset.load.importers.seating import plan_roster
from levelset.load.importers.sheets import read_sheet
from levelset.load.importers.workspace import Placed, WorkspaceFiles

__all__ = ["PROPOSED", "import_roster"]

#: The words that open the comment beside a seat whose level was proposed, not confirmed.
PROPOSED = "level proposed:"


def import_roster(source: Path, root: Path) -> ImportOutcome:
    """Merge the roster export ``source`` into the workspace folder ``root`` (which may
    not exist yet). Raises ``SheetError`` when the file cannot be read as a roster."""
    roster = read_roster(read_sheet(source))
    files = WorkspaceFiles(root)
    people = files.items("people")
    seats = files.items("seats")
    partner_people = [
        str(person.get("id"))
        for partner in files.items("partners")
        if isinstance(partner.data, dict)
        for person in partner.data.get("people") or []
        if isinstance(person, dict)
    ]
    plan = plan_roster(
        roster,
        [p.data for p in people if _has_id(p)],
        [s.data for s in seats if _has_id(s)],
        scheme_levels(root),
        partner_people,
    )
    stamp = (
        f"Written by `levelset import roster {source.name}`. Edit freely: a newer",
        "import keeps your edits, comments and levels.",
    )
    people_home = files.home("people", "people.yaml", stamp)
    seats_home = files.home("seats", "org.yaml", [*stamp, *_LEVEL_NOTE])
    leavers = set(plan.leavers)
    updated = iter(plan.people)
    files.sync(
        "people",
        [p for p in people if _has_id(p)],
        {
            n: None if str(p.data["id"]) in leavers else next(updated)
            for n, p in enumerate(p for p in people if _has_id(p))
        },
    )
    for person in plan.new_people:
        people_home.append("people", person)
    held = [s for s in seats if _has_id(s)]
    files.sync("seats", held, dict(enumerate(plan.seats)))
    for seat in plan.new_seats:
        why = f"{PROPOSED} {seat.proposal.level}, {seat.proposal.reason}"
        seats_home.append("seats", seat.data, [why])
    if not (root / "levelset.toml").exists():
        files.extra[root / "levelset.toml"] = scaffold.files(root.name)["levelset.toml"]
    vacated = [
        str(old.data["id"])
        for old, new in zip(held, plan.seats, strict=True)
        if _holders(old.data) and not new.get("holders")
    ]
    summary: tuple[str, ...] = (
        f"{source.name}: a {roster.layout}, {len(roster.employees)} people"
        + (f" ({roster.skipped} rows of people who have left skipped)" if roster.skipped else ""),
        f"people: {len(plan.new_people)} new, {len(plan.leavers)} left, "
        f"{len(plan.moved)} moved to another seat",
        f"seats: {len(plan.new_seats)} new"
        + (f"; now vacant: {', '.join(vacated)}" if vacated else ""),
    )
    waiting = sum(
        line.lstrip().startswith(f"# {PROPOSED}")
        for file in files.files
        for line in file.original.splitlines()
    )
    if waiting:
        summary += (
            f'{waiting} seats written earlier still have a proposed level ("# {PROPOSED}" '
            "comments): confirm them",
        )
    to_confirm = tuple(
        f"{s.data['id']} ({s.data['title']}): {s.proposal.level}, {s.proposal.reason}"
        for s in plan.new_seats
    )
    return ImportOutcome(files, roster.problems, summary, to_confirm)


_LEVEL_NOTE = (
    "",
    f'Levels of new seats are proposals, each marked "{PROPOSED}" with its reason:',
    "give each seat the level of its horizon, then delete the comment.",
)


def _has_id(item: Placed) -> bool:
    return isinstance(item.data, dict) and item.data.get("id") is not None


def _holders(data: dict[str, Any]) -> list[Any]:
    return list(data.get("holders") or [])
