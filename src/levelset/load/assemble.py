"""From file texts to a ``Workspace``: parse each YAML file, merge sections, build, link."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from levelset.load import build, schema
from levelset.load.accepted import read_acceptance
from levelset.load.fastyaml import parse_fast
from levelset.load.links import check_links
from levelset.load.problems import Problems, describe
from levelset.load.reader import Reader
from levelset.load.settings import TOML_FILE, Options, OrgEntry, read_toml
from levelset.load.tree import Map, Seq, Value, parse_yaml
from levelset.model import (
    BUILTIN_SCHEMES,
    DEFAULT,
    Goal,
    Level,
    LevelScheme,
    Location,
    Partner,
    Person,
    Responsibility,
    Seat,
    Settings,
    Workspace,
)
from levelset.model.acceptance import Acceptance

T = TypeVar("T", Seat, Person, Partner, Responsibility, Goal, Level)
_SCHEMES = (*BUILTIN_SCHEMES, "custom")


class Sections:
    """What the YAML files hold, read one file at a time.

    Seats, people, partners, responsibilities and goals are built as soon as their file
    is parsed, so only one file's YAML tree is in memory at once; the small
    ``organization`` and ``levels`` sections are kept for when every file is in.
    """

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        # The words of the files that could not be parsed: the ids they would have
        # defined, which references elsewhere are not told apart from (one problem, the
        # malformed YAML, rather than a cascade of "is not a goal of this workspace").
        self.swallowed: set[str] = set()
        self.kept: dict[str, list[tuple[Reader, Value, int]]] = {
            "organization": [],
            "levels": [],
        }
        self.seats: dict[str, Seat] = {}
        self.people: dict[str, Person] = {}
        self.partners: dict[str, Partner] = {}
        self.responsibilities: dict[str, Responsibility] = {}
        self.goals: dict[str, Goal] = {}
        self.accepted: list[Acceptance] = []

    def add_file(self, file: str, text: str) -> None:
        """Parse one YAML file and build the objects of its sections."""
        tree: Value = parse_fast(text.removeprefix("\ufeff"))
        if tree is None:
            tree, problem = parse_yaml(text, file)
            if problem is not None:
                self.problems.items.append(problem)
                self.swallowed.update(_WORD.findall(text))
                return
        if tree is None:
            return  # an empty file
        reader = Reader(file, self.problems)
        if not isinstance(tree, Map):
            self.problems.add(
                file,
                getattr(tree, "line", 1),
                f"the top of {file} should be a mapping of sections, not {describe(tree)}",
                "start each section at the left margin: seats:, people:, goals: ...",
            )
            return
        reader.start(tree, schema.SECTIONS, file)
        for name, value in tree.items():
            if name in self.kept:
                self.kept[name].append((reader, value, tree.line_of(name)))
            elif name in schema.SECTIONS.names:
                self._build(name, reader, value, tree.line_of(name))

    def _build(self, name: str, reader: Reader, value: Value, line: int) -> None:
        items = section_items(name, reader, value, line)
        problems = self.problems
        if name == "partners":
            for item in items:
                built = build.read_partner(reader, item)
                if built is not None:
                    _add(self.partners, built[0], "partner", problems)
                    for person in built[1]:
                        _add(self.people, person, "person", problems)
        elif name == "people":
            _collect(
                items, reader, build.read_person, self.people, noun="person", problems=problems
            )
        elif name == "seats":
            _collect(items, reader, build.read_seat, self.seats, noun="seat", problems=problems)
        elif name == "accepted":
            for item in items:
                acceptance = read_acceptance(reader, item)
                if acceptance is not None:
                    self.accepted.append(acceptance)
        elif name == "responsibilities":
            read = build.read_responsibility
            _collect(
                items, reader, read, self.responsibilities, noun="responsibility", problems=problems
            )
        else:
            _collect(items, reader, build.read_goal, self.goals, noun="goal", problems=problems)

    def kept_items(self, name: str) -> list[tuple[Reader, Map]]:
        """The mappings of a kept section (``levels``), across files."""
        return [
            (reader, item)
            for reader, value, line in self.kept[name]
            for item in section_items(name, reader, value, line)
        ]


def section_items(name: str, reader: Reader, value: Value, line: int) -> list[Map]:
    """The mappings listed under a section; reports a section or item of another type."""
    if value is None:
        return []
    if not isinstance(value, Seq):
        noun = next(f.type for f in schema.SECTIONS.fields if f.name == name)
        reader.report(
            line,
            f"'{name}' should be a {noun}, not {describe(value)}",
            f"write each item on its own line under {name}:, starting with '- '",
        )
        return []
    if set(map(type, value)) <= _MAP_ONLY:
        return value  # type: ignore[return-value]  # every item a mapping: the usual case
    found: list[Map] = []
    for index, item in enumerate(value):
        if isinstance(item, Map):
            found.append(item)
        else:
            reader.report(
                value.line_at(index),
                f"each item of '{name}' should be a mapping, not {describe(item)}",
                f"write e.g. - {{id: x, ...}} (see the {name} keys in docs/format.md)",
            )
    return found


_MAP_ONLY = {Map}
_WORD = re.compile(r"[^\s:,\[\]{}'\"#]+")


def assemble(
    root: Path, toml_text: str | None, yaml_texts: Iterable[tuple[str, str]], problems: Problems
) -> Workspace:
    """Build the workspace from the texts of ``levelset.toml`` and the YAML files.

    ``yaml_texts`` is consumed one file at a time, in order, so it may read lazily.
    """
    options = Options()
    if toml_text is not None:
        read_toml(toml_text, options, problems)
    sections = Sections(problems)
    for file, text in yaml_texts:
        sections.add_file(file, text)
    _organization(sections, options, problems)
    scheme = _scheme(sections, options, problems)
    check_links(
        sections.seats,
        sections.people,
        sections.partners,
        sections.responsibilities,
        sections.goals,
        levels=scheme.ids(),
        problems=problems,
        swallowed=sections.swallowed,
    )
    return Workspace(
        root=root,
        settings=_settings(options, scheme),
        scheme=scheme,
        seats=sections.seats,
        people=sections.people,
        partners=sections.partners,
        responsibilities=sections.responsibilities,
        goals=sections.goals,
        accepted=tuple(sections.accepted),
    )


def _collect(
    items: list[Map],
    reader: Reader,
    read: Callable[[Reader, Map], T | None],
    into: dict[str, T],
    *,
    noun: str,
    problems: Problems,
) -> None:
    for item in items:
        built = read(reader, item)
        if built is not None:
            _add(into, built, noun, problems)


def _add(into: dict[str, T], obj: T, noun: str, problems: Problems) -> None:
    # The first definition wins; the second is reported where it stands.
    first = into.get(obj.id)
    if first is None:
        into[obj.id] = obj
        return
    where = obj.location or Location("<none>")
    problems.add(
        where.file,
        where.line,
        f"{noun} '{obj.id}' is defined twice: also at {first.location}",
        f"give each {noun} its own id, or remove one of the two",
    )


def _organization(sections: Sections, options: Options, problems: Problems) -> None:
    # YAML organization tables merge into what levelset.toml gave; a key given in two
    # places must say the same thing in both.
    for reader, value, line in sections.kept["organization"]:
        if value is None:
            continue
        if not isinstance(value, Map):
            reader.report(
                line,
                f"'organization' should be a mapping, not {describe(value)}",
                "write organization: {name: Acme, level_scheme: default}",
            )
            continue
        reader.start(value, schema.ORGANIZATION, "organization")
        if options.org_location is None:
            options.org_location = reader.location(value)
        for key in schema.ORGANIZATION.names & value.keys():
            text = reader.text(value, key, "organization")
            here = Location(reader.file, value.line_of(key))
            before = options.organization.get(key)
            if before is None:
                options.organization[key] = OrgEntry(text, here)
            elif before.value != text:
                problems.add(
                    here.file,
                    here.line,
                    f"organization {key} is '{text}' here but '{before.value}' at "
                    f"{before.location}",
                    f"give {key} in one place only, or make both the same",
                )


def _scheme(sections: Sections, options: Options, problems: Problems) -> LevelScheme:
    levels: dict[str, Level] = {}
    for reader, item in sections.kept_items("levels"):
        level = build.read_level(reader, item, len(levels) + 1)
        if level is not None:
            _add(levels, level, "level", problems)
    entry = options.organization.get("level_scheme")
    name = entry.value.strip().lower() if entry else ("custom" if levels else "default")
    if name not in _SCHEMES:
        assert entry is not None
        problems.add(
            entry.location.file,
            entry.location.line,
            f"level_scheme '{entry.value}' is not default, requisite or custom",
            problems.did_you_mean(name, _SCHEMES, "use default, requisite or custom"),
        )
        name = "custom" if levels else "default"
    if levels and name != "custom":
        assert entry is not None
        problems.add(
            entry.location.file,
            entry.location.line,
            f"levels are listed but level_scheme is '{name}'",
            "set level_scheme: custom to use the listed levels, or remove levels:",
        )
        name = "custom"
    if name == "custom" and not levels:
        where = entry.location if entry else Location(TOML_FILE)
        problems.add(
            where.file,
            where.line,
            "level_scheme is custom but no levels are listed",
            "add a levels: section (lowest level first), or use level_scheme: default",
        )
        return DEFAULT
    if name == "custom":
        return LevelScheme("custom", _ranked(levels))
    return BUILTIN_SCHEMES[name]


def _ranked(levels: dict[str, Level]) -> tuple[Level, ...]:
    # Ranks follow the order of the list, counting only levels that were read.
    from dataclasses import replace  # noqa: PLC0415

    return tuple(replace(level, rank=rank) for rank, level in enumerate(levels.values(), 1))


def _settings(options: Options, scheme: LevelScheme) -> Settings:
    org = options.organization
    return Settings(
        name=org["name"].value if "name" in org else "",
        level_scheme=scheme.name,
        currency=org["currency"].value if "currency" in org else "USD",
        fail_on=options.fail_on,
        select=options.select,
        ignore=options.ignore,
        rules=options.rules,
        check_locations=options.check_locations,
        rule_locations=options.rule_locations,
        rule_option_locations=options.rule_option_locations,
        data=options.data,
        finance=options.finance,
        location=options.org_location or Location(TOML_FILE),
    )
