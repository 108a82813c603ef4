"""What the scans' people and work mean in the workspace, and the scans' groups joined
with everything their keys mean.

Who an entry is for (by id, email or name) and which responsibility its work matches
depend on the workspace's YAML: these mapping tables are made again for each workspace,
over the distinct texts the scans kept, without reading the files again (or asking the
engine for the texts: they were fetched with the scans).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.backends import Engine
from levelset.engine.events.time_layout import layout, unfold
from levelset.engine.events.time_values import Dictionary, FileValues, KeyTexts, build_dictionary
from levelset.model import Person, Workspace
from levelset.model.events import TimeSource
from levelset.model.matching import Matcher, split_tags, time_label


class People:
    """The workspace's people (employees and partners' people) by id, email and name."""

    def __init__(self, people: Iterable[Person]) -> None:
        self._ids: dict[str, str] = {}
        self._emails: dict[str, str] = {}
        self._names: dict[str, list[str]] = {}
        for person in people:
            self._ids.setdefault(person.id.casefold(), person.id)
            if person.email.strip():
                self._emails.setdefault(person.email.strip().casefold(), person.id)
            self._names.setdefault(person.name.strip().casefold(), []).append(person.id)

    def resolve(self, key: str, email: str, name: str) -> tuple[str | None, str, str]:
        """Who an entry is for, from its person id-or-email, email and name columns.

        Returns the person's id, ``""`` and ``""``; or ``None``, the kind of problem
        and the value to show.
        """
        if key:
            found = self._ids.get(key.casefold()) or self._emails.get(key.casefold())
            return (found, "", "") if found else self._by_name(key, key)
        if email and (found := self._emails.get(email.casefold())):
            return found, "", ""
        shown = f"{name} <{email}>" if name and email else email or name
        if name:
            return self._by_name(name, shown)
        return (None, "unknown person", email) if email else (None, "no person", "")

    def _by_name(self, name: str, shown: str) -> tuple[str | None, str, str]:
        ids = self._names.get(name.casefold(), [])
        if len(ids) == 1:
            return ids[0], "", ""
        if ids:
            return None, "ambiguous person", f"{name} ({', '.join(ids)})"
        return None, "unknown person", shown


@dataclass(frozen=True)
class Keys:
    """What the raw keys of a run's scans mean: the files' values (dates, hours,
    customers), who each person key is and what each work key matches; and whether the
    scans read one file (then joined on the key alone)."""

    values: FileValues
    people: Dictionary
    work: Dictionary
    one_file: bool

    @property
    def flawed(self) -> bool:
        """Whether any row may be unusable (then its problems are to be counted)."""
        values = self.values
        return values.dates_flawed or values.hours_flawed or self.people.flawed

    @property
    def one_to_one(self) -> bool:
        """Whether a scan's groups are the weekly ones already: every date and hours
        value read in the scan, one file, and each raw key meaning one person, one piece
        of work and one customer."""
        return (
            self.values.days is None
            and self.values.hours is None
            and self.one_file
            and self.people.one_to_one
            and self.work.one_to_one
            and self.values.customers.one_to_one
        )

    def _on(self, table: ir.Table, key: str, by: ir.Table, prefix: str) -> list[ir.BooleanValue]:
        same_file = [] if self.one_file else [table.file == by[f"{prefix}_file"]]
        return [table[key] == by[f"{prefix}_key"], *same_file]

    def resolve(self, table: ir.Table) -> ir.Table:
        """A scan's groups with what their keys mean (inner joins: an unknown person
        leaves no row here, it is in the people's flaws)."""
        days, hours = self.values.days, self.values.hours
        # Dates and hours all read in the scan (the common case) need no join.
        if days is None:
            joined = table.mutate(
                dte=ibis.null("date"),
                day_week=ibis.null("date"),
                date_flaw=ibis.null("string"),
                day_text=ibis.null("string"),
            )
        else:
            joined = table.left_join(days, self._on(table, "day", days, "day"))
        if hours is None:
            joined = joined.mutate(
                value=ibis.null("float64"), flaw=ibis.null("string"), hours_text=ibis.null("string")
            )
        else:
            joined = joined.left_join(hours, joined.raw_hours == hours.hours_key)
        people, work = self.people.table, self.work.table
        customers = self.values.customers.table
        joined = joined.join(people, self._on(joined, "who", people, "who"))
        joined = joined.join(work, self._on(joined, "work", work, "work"))
        return joined.left_join(customers, self._on(joined, "customer", customers, "customer"))


def resolve_keys(
    engine: Engine,
    workspace: Workspace,
    sources: Sequence[TimeSource],
    texts: KeyTexts,
    values: FileValues,
    *,
    key_type: pa.DataType,
) -> Keys:
    """What the distinct ``texts`` of the scans' raw keys mean in ``workspace``, with
    the files' ``values`` read when the files were scanned."""
    layouts = {source.file: layout(source) for source in sources}
    return Keys(
        values=values,
        people=_people(engine, texts, People(workspace.people.values()), layouts, key_type),
        work=_work(engine, texts, Matcher(workspace.responsibilities.values()), layouts, key_type),
        one_file=len(sources) == 1,
    )


def _people(
    engine: Engine,
    texts: KeyTexts,
    people: People,
    layouts: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
    key_type: pa.DataType,
) -> Dictionary:
    """``(file, who)`` -> the person's id, or what is wrong; whether anything is, and
    whether no two keys name the same person. ``layouts`` say which person columns each
    file folded into ``who``."""
    rows = texts.of("who")

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        cells = {k: v.strip() for k, v in unfold(row["text"], layouts[row["file"]][0]).items()}
        name = (
            cells.get("pname", "") or f"{cells.get('pfirst', '')} {cells.get('plast', '')}".strip()
        )
        person, flaw, value = people.resolve(cells.get("pid", ""), cells.get("pemail", ""), name)
        return {"person": person, "person_flaw": flaw, "person_value": value}

    schema = {"person": pa.string(), "person_flaw": pa.string(), "person_value": pa.string()}
    keys = {"file": pa.string(), "key": key_type}
    table, flawed, columns = build_dictionary(
        engine, "time_people", rows, keys=keys, resolve=resolve, schema=schema
    )
    used = [
        p for p, flaw in zip(columns["person"], columns["person_flaw"], strict=True) if not flaw
    ]
    renamed = table.rename(who_file="file", who_key="key")
    return Dictionary(renamed, flawed, one_to_one=len(set(used)) == len(used))


def _work(
    engine: Engine,
    texts: KeyTexts,
    matcher: Matcher,
    layouts: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
    key_type: pa.DataType,
) -> Dictionary:
    """``(file, work)`` -> the responsibility and the label, and whether no two keys
    mean the same; ``layouts`` say which work columns (activity, project, task, tags,
    note) each file folded into ``work``."""
    rows = texts.of("work")

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        cells = unfold(row["text"], layouts[row["file"]][1])
        activity, project, task = (cells.get(key, "") for key in ("activity", "project", "task"))
        found = matcher.time_entry(activity, project, task, split_tags(cells.get("tags", "")))
        label = time_label(activity, project, task, cells.get("note", ""))
        return {"responsibility": found, "label": label}

    schema = {"responsibility": pa.string(), "label": pa.string()}
    keys = {"file": pa.string(), "key": key_type}
    table, _, columns = build_dictionary(
        engine, "time_work", rows, keys=keys, resolve=resolve, schema=schema
    )
    meant = list(zip(columns["responsibility"], columns["label"], strict=True))
    renamed = table.rename(work_file="file", work_key="key")
    return Dictionary(renamed, False, one_to_one=len(set(meant)) == len(meant))
