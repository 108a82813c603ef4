"""Settings: ``levelset.toml`` and the ``organization`` table, which may stand in either.

tomllib gives no line numbers, so the lines of tables and keys are found by scanning the
text for their headers; that is enough to point a person at the right place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from levelset.load import schema
from levelset.load.problems import Problems
from levelset.model import Location

TOML_FILE = "levelset.toml"
_SEVERITIES = ("info", "warning", "error")
_TOML_LINE = re.compile(r"line (\d+)")


@dataclass
class OrgEntry:
    """One organization key as given, and where."""

    value: str
    location: Location


@dataclass
class Options:
    """What the settings sources say, before the level scheme is settled."""

    organization: dict[str, OrgEntry] = field(default_factory=dict)
    org_location: Location | None = None
    fail_on: str = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: dict[str, dict[str, object]] = field(default_factory=dict)
    rule_locations: dict[str, Location] = field(default_factory=dict)


def read_toml(text: str, options: Options, problems: Problems) -> None:
    """Read ``levelset.toml`` into ``options``, reporting what is wrong with it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        problems.add(
            TOML_FILE,
            int(found.group(1)) if found else None,
            f"malformed TOML: {error}",
            "fix the TOML syntax: key = value, text in double quotes, [table] headers",
        )
        return
    lines = text.splitlines()
    _unknown(data, schema.TOML, "", lines, problems)
    organization = data.get("organization")
    if organization is not None:
        line = _header_line(lines, "organization")
        if _table(organization, "organization", line, problems):
            _unknown(organization, schema.ORGANIZATION, "organization", lines, problems)
            options.org_location = Location(TOML_FILE, line)
            for key, value in organization.items():
                if key in schema.ORGANIZATION.names:
                    where = Location(TOML_FILE, _key_line(lines, key, line))
                    options.organization[key] = OrgEntry(str(value), where)
    check = data.get("check")
    if check is not None and _table(check, "check", _header_line(lines, "check"), problems):
        _unknown(check, schema.CHECK, "check", lines, problems)
        _read_check(check, options, lines, problems)
    rules = data.get("rules")
    if rules is not None and _table(rules, "rules", _header_line(lines, "rules"), problems):
        _read_rules(rules, options, lines, problems)


def _read_check(
    check: dict[str, Any], options: Options, lines: list[str], problems: Problems
) -> None:
    start = _header_line(lines, "check")
    fail_on = check.get("fail_on", "error")
    if not isinstance(fail_on, str) or fail_on.strip().lower() not in _SEVERITIES:
        problems.add(
            TOML_FILE,
            _key_line(lines, "fail_on", start),
            f"[check] fail_on is {fail_on!r}, not a severity",
            'write fail_on = "info", "warning" or "error"',
        )
    else:
        options.fail_on = fail_on.strip().lower()
    for key in ("select", "ignore"):
        value = check.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.add(
                TOML_FILE,
                _key_line(lines, key, start),
                f"[check] {key} should be a list of rule codes or families",
                f'write {key} = ["LEV", "DOT002"]',
            )
            continue
        setattr(options, key, tuple(v.strip() for v in value))


def _read_rules(
    rules: dict[str, Any], options: Options, lines: list[str], problems: Problems
) -> None:
    top = _header_line(lines, "rules")
    for key, table in rules.items():
        line = _header_line(lines, f"rules.{key}") or _key_line(lines, key, top) or top
        if not isinstance(table, dict):
            problems.add(
                TOML_FILE,
                line,
                f"[rules] {key} should be a table of thresholds, not {table!r}",
                f"write [rules.{key}] and put its thresholds below it, one per line",
            )
            continue
        options.rules[key] = dict(table)
        options.rule_locations[key] = Location(TOML_FILE, line)


def _table(value: object, name: str, line: int | None, problems: Problems) -> bool:
    if isinstance(value, dict):
        return True
    problems.add(TOML_FILE, line, f"'{name}' should be a table", f"write it as [{name}]")
    return False


def _unknown(
    table: dict[str, Any], shape: schema.Shape, name: str, lines: list[str], problems: Problems
) -> None:
    start = _header_line(lines, name) if name else 0
    for key in table:
        if key in shape.names:
            continue
        accepted = ", ".join(f.name for f in shape.fields)
        where = f"[{name}]" if name else "levelset.toml"
        problems.add(
            TOML_FILE,
            _header_line(lines, key) if not name else _key_line(lines, key, start),
            f"unknown key '{key}' in {where}",
            problems.did_you_mean(key, shape.names, f"accepted keys are: {accepted}"),
        )


def _header_line(lines: list[str], dotted: str) -> int | None:
    parts = [re.escape(part) for part in dotted.split(".")]
    inner = r"\s*\.\s*".join(rf"[\"']?{part}[\"']?" for part in parts)
    header = re.compile(rf"^\s*\[\s*{inner}\s*\]")
    for number, line in enumerate(lines, start=1):
        if header.match(line):
            return number
    return None


def _key_line(lines: list[str], key: str, after: int | None) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range((after or 1), len(lines) + 1):
        if pattern.match(lines[number - 1]):
            return number
    return after
