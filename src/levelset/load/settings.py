"""Settings: ``levelset.toml`` and the ``organization`` table, which may stand in either.

tomllib gives no line numbers, so the lines of tables and keys are found by scanning the
text for their headers; that is enough to point a person at the right place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from levelset.load import schema
from levelset.load.datasettings import read_data
from levelset.load.finsettings import read_finance
from levelset.load.problems import Problems
from levelset.model import Location
from levelset.model.events import DataSettings
from levelset.model.finance import FinanceSettings

TOML_FILE = "levelset.toml"
_SEVERITIES = ("info", "warning", "error")
_TOML_LINE = re.compile(r"line (\d+)")
# What to show in a hint when the value written cannot be quoted as it stands.
_EXAMPLES = {"name": "Acme", "level_scheme": "default", "currency": "USD", "fail_on": "error"}


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
    check_locations: dict[str, Location] = field(default_factory=dict)
    rules: dict[str, dict[str, object]] = field(default_factory=dict)
    rule_locations: dict[str, Location] = field(default_factory=dict)
    rule_option_locations: dict[str, dict[str, Location]] = field(default_factory=dict)
    data: DataSettings = field(default_factory=DataSettings)
    finance: FinanceSettings = field(default_factory=FinanceSettings)


def read_toml(text: str, options: Options, problems: Problems) -> None:
    """Read ``levelset.toml`` into ``options``, reporting what is wrong with it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        # tomllib names no line for an error "at end of document": that is the last one
        line = int(found.group(1)) if found else max(1, len(text.splitlines()))
        problems.add(
            TOML_FILE,
            line,
            f"malformed TOML: {error}",
            "fix the TOML syntax: key = value, text in double quotes, [table] headers",
        )
        return
    lines = text.splitlines()
    _unknown(data, schema.TOML, "", lines, problems)
    organization = data.get("organization")
    if organization is not None and _table(organization, "organization", lines, problems):
        _unknown(organization, schema.ORGANIZATION, "organization", lines, problems)
        _read_organization(organization, options, lines, problems)
    check = data.get("check")
    if check is not None and _table(check, "check", lines, problems):
        _unknown(check, schema.CHECK, "check", lines, problems)
        _read_check(check, options, lines, problems)
    data_table = data.get("data")
    if data_table is not None and _table(data_table, "data", lines, problems):
        options.data = read_data(data_table, lines, table_line(lines, "data"), problems)
    finance = data.get("finance")
    if finance is not None and _table(finance, "finance", lines, problems):
        options.finance = read_finance(finance, lines, table_line(lines, "finance"), problems)
    rules = data.get("rules")
    if rules is not None and _table(rules, "rules", lines, problems):
        _read_rules(rules, options, lines, problems)


def _read_organization(
    organization: dict[str, Any], options: Options, lines: list[str], problems: Problems
) -> None:
    start = table_line(lines, "organization")
    options.org_location = Location(TOML_FILE, start)
    for key, value in organization.items():
        if key not in schema.ORGANIZATION.names:
            continue
        line = key_line(lines, key, start)
        # TOML quotes all text, so an unquoted value is a mistake, not text to convert:
        # taking 5 as "5" would only surface later as a puzzling disagreement with YAML.
        if isinstance(value, str):
            options.organization[key] = OrgEntry(value, Location(TOML_FILE, line))
        else:
            _not_text("organization", key, value, line, problems)


def _read_check(
    check: dict[str, Any], options: Options, lines: list[str], problems: Problems
) -> None:
    start = table_line(lines, "check")
    fail_on = check.get("fail_on", "error")
    if not isinstance(fail_on, str):
        _not_text("check", "fail_on", fail_on, key_line(lines, "fail_on", start), problems)
    elif fail_on.strip().lower() not in _SEVERITIES:
        problems.add(
            TOML_FILE,
            key_line(lines, "fail_on", start),
            f"[check] fail_on is {fail_on!r}, not a severity",
            'write fail_on = "info", "warning" or "error"',
        )
    else:
        options.fail_on = fail_on.strip().lower()
    for key in ("select", "ignore"):
        if key in check:
            line = key_line(lines, key, start)
            setattr(options, key, _codes(key, check[key], line, problems))
            options.check_locations[key] = Location(TOML_FILE, line)


def _codes(key: str, value: object, line: int | None, problems: Problems) -> tuple[str, ...]:
    # The rule codes of select or ignore; each item that is not one is reported and left out.
    example = f'write {key} = ["LEV", "DOT002"], each code in double quotes'
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.add(
            TOML_FILE,
            line,
            f"[check] {key} should be a list of rule codes or families, not {_kind(value)}",
            example,
        )
        return ()
    codes: list[str] = []
    for item in value:
        if not isinstance(item, str):
            problems.add(
                TOML_FILE,
                line,
                f"[check] each item of {key} should be text, not {_kind(item)}",
                example,
            )
        elif not item.strip():
            # Every code starts with the empty text: ignore = [""] would turn off every rule.
            problems.add(
                TOML_FILE,
                line,
                f"[check] {key}: an empty code would match every rule",
                "remove the empty text, or write a code or family such as LEV",
            )
        else:
            codes.append(item.strip())
    return tuple(codes)


def _read_rules(
    rules: dict[str, Any], options: Options, lines: list[str], problems: Problems
) -> None:
    top = table_line(lines, "rules")
    for key, table in rules.items():
        own = table_line(lines, f"rules.{key}")
        line = own or key_line(lines, key, top) or top
        if not isinstance(table, dict):
            problems.add(
                TOML_FILE,
                line,
                f"[rules] {key} should be a table of thresholds, not {_kind(table)}",
                f"write [rules.{key}] and put its thresholds below it, one per line",
            )
            continue
        options.rules[key] = dict(table)
        options.rule_locations[key] = Location(TOML_FILE, line)
        if own is not None:  # [rules.X] with its options on the lines below
            options.rule_option_locations[key] = {
                name: Location(TOML_FILE, _line_in_table(lines, name, own) or line)
                for name in table
            }


def _table(value: object, name: str, lines: list[str], problems: Problems) -> bool:
    if isinstance(value, dict):
        return True
    problems.add(
        TOML_FILE,
        _top_line(lines, name),
        f"{name} should be a table, not {_kind(value)}",
        f"write it as [{name}] with its keys on the lines below",
    )
    return False


def _not_text(table: str, key: str, value: object, line: int | None, problems: Problems) -> None:
    # Quote what was written when that makes text (5 -> "5"); otherwise show a sample.
    if isinstance(value, date | time):
        example = value.isoformat()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        example = str(value)
    else:
        example = _EXAMPLES.get(key, "text")
    problems.add(
        TOML_FILE,
        line,
        f"[{table}] {key} should be text, not {_kind(value)}",
        f'write {key} = "{example}", in double quotes',
    )


def _kind(value: object) -> str:
    """How a TOML value reads in a message: ``a number (5)``, ``a list``, ``true``."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, time):
        return f"a time ({value.isoformat()})"
    return f"the text {value!r}"


def _unknown(
    table: dict[str, Any], shape: schema.Shape, name: str, lines: list[str], problems: Problems
) -> None:
    start = table_line(lines, name) if name else 0
    for key in table:
        if key in shape.names:
            continue
        accepted = ", ".join(f.name for f in shape.fields)
        where = f"[{name}]" if name else "levelset.toml"
        problems.add(
            TOML_FILE,
            _top_line(lines, key) if not name else key_line(lines, key, start),
            f"unknown key '{key}' in {where}",
            problems.did_you_mean(key, shape.names, f"accepted keys are: {accepted}"),
        )


def table_line(lines: list[str], dotted: str) -> int | None:
    """The line a table starts on, however TOML lets it be written: a ``[a.b]`` header,
    a header of a table inside it (``[a.b.c]``), an inline table (``b = {...}`` under
    ``[a]``, or ``a.b = {...}``) or dotted keys (``a.b.c = 1``)."""
    parts = [re.escape(part) for part in dotted.split(".")]
    inner = r"\s*\.\s*".join(rf"[\"']?{part}[\"']?" for part in parts)
    header = re.compile(rf"^\s*\[\s*{inner}\s*\]")
    for number, line in enumerate(lines, start=1):
        if header.match(line):
            return number
    below = re.compile(rf"^\s*\[\s*{inner}\s*\.")
    written = re.compile(rf"^\s*{inner}\s*[.=]")
    last = re.compile(rf"^\s*[\"']?{parts[-1]}[\"']?\s*[.=]")
    parent = ".".join(dotted.split(".")[:-1])
    under = table_line(lines, parent) if parent else None
    for number, line in enumerate(lines, start=1):
        if below.match(line) or written.match(line):
            return number
        if under is not None and number > under and last.match(line):
            return number
    return None


def _top_line(lines: list[str], key: str) -> int | None:
    # A top-level table is written [key], or key = ... above the first header.
    found = table_line(lines, key)
    if found is not None:
        return found
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("["):
            return None
        if pattern.match(line):
            return number
    return None


def _line_in_table(lines: list[str], key: str, header: int) -> int | None:
    """The line of ``key = ...`` in the table whose header is on line ``header``
    (before the next header), else ``None``."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range(header + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.lstrip().startswith("["):
            return None
        if pattern.match(text):
            return number
    return None


def key_line(lines: list[str], key: str, after: int | None) -> int | None:
    """The line of ``key = ...`` from line ``after`` on (on a line of its own, in an
    inline table or a dotted key); ``after`` when it is not found."""
    pattern = re.compile(rf"(?:^|[.{{,])\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number in range((after or 1), len(lines) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return after
