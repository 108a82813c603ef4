"""Mutated workspaces and the oracle they are held to, shared by the bounded fuzz suite
(``tests/fuzz/test_fuzz_workspaces.py``) and the long campaign (``scripts/fuzz.py``).

A case is a seed workspace (a small organization with time, calendar and finance data in
every container levelset reads: YAML, TOML, CSV, ICS, XLSX, Parquet) and a list of
mutations drawn from one integer: structure, types, encodings, sizes and the file system.
The oracle runs the commands a user runs on it and fails the case on a traceback, an
exit status other than 0, 1 or 2, output that is not valid UTF-8 or not strict JSON, a
problem without a file, or any file of the workspace written to.

A case is written to disk and described by a manifest (relative path → content), the
form the corpus of past failures (``tests/fuzz/corpus``) keeps and the campaign prints.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import random
import shutil
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from levelset.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

#: The commands every case runs: (name, arguments after the workspace path).
STATIC_COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("check-static-json", ("check", "{ws}", "--select", "LEV,DOT,JOB,OUT", "--format", "json")),
    ("check-static-sarif", ("check", "{ws}", "--select", "LEV,DOT", "--format", "sarif")),
    ("check-static-text", ("check", "{ws}", "--select", "LEV,JOB", "--format", "text")),
    ("org-json", ("org", "{ws}", "--format", "json")),
    ("tree-markdown", ("tree", "{ws}", "--format", "markdown")),
)
#: The commands that compute event and finance figures in the engine (seconds each).
ENGINE_COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("check-json", ("check", "{ws}", "--format", "json")),
    ("finance-json", ("finance", "{ws}", "--format", "json")),
)

Manifest = dict[str, bytes]


# -- the seed -------------------------------------------------------------------------


def seed_workspace() -> Manifest:
    """The workspace every case starts from: a few hundred lines in all."""
    files: Manifest = {
        "levelset.toml": (
            b'[organization]\nname = "Acme Distribution"\ncurrency = "USD"\n\n'
            b'[check]\nfail_on = "error"\n\n[data]\nwindow = "2026-01-05..2026-01-25"\n\n'
            b"[finance]\nas_of = 2026-03-31\n\n[rules.LEV002]\nmax_gap = 2\n"
        ),
        "org.yaml": (FIXTURES / "time" / "org.yaml").read_bytes(),
    }
    for name in ("levelset.csv", "toggl_detailed.csv"):
        files[f"data/time/{name}"] = (FIXTURES / "time" / "good" / name).read_bytes()
    files["data/calendar/dana.ics"] = (FIXTURES / "calendar" / "google-dana.ics").read_bytes()
    for name in ("customers.csv", "invoices.csv", "payments.csv"):
        files[f"data/finance/{name}"] = (FIXTURES / "finance" / "acme" / name).read_bytes()
    files["data/time/harvest.parquet"] = _parquet(
        FIXTURES / "time" / "good" / "harvest_detailed.csv"
    )
    files["data/time/clockify.xlsx"] = _xlsx(FIXTURES / "time" / "good" / "clockify_detailed.csv")
    return files


def _parquet(csv_path: Path) -> bytes:
    import pyarrow.csv as pcsv  # noqa: PLC0415 - only when a seed is built
    import pyarrow.parquet as pq  # noqa: PLC0415

    buffer = io.BytesIO()
    pq.write_table(pcsv.read_csv(csv_path), buffer)
    return buffer.getvalue()


def _xlsx(csv_path: Path) -> bytes:
    import csv  # noqa: PLC0415

    import openpyxl  # noqa: PLC0415

    book = openpyxl.Workbook()
    sheet = book.active
    with csv_path.open(encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- mutations ------------------------------------------------------------------------

NASTY_VALUES: tuple[str, ...] = (
    "1e400",
    "-1e400",
    "NaN",
    "inf",
    "-0",
    "",
    "0",
    "-1",
    "99999999999999999999999999",
    "9999-99-99",
    "2026-02-30",
    "0000-01-01",
    "31/12/2026",
    "12,5",
    "1.234,56",
    "P999999999999999999W",
    "\x00",
    "\x07",
    "\ufeff",
    "é",
    "\U0001f600",
    "'",
    '"',
    "\\",
    "#",
    ": ",
    "- ",
    "&a [*a]",
    "*a",
    "!!python/object:os.system",
    "{",
    "[" * 60 + "]" * 60,
    "x" * 5000,
    ";",
    "\t",
    "\r\n",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "RRULE:FREQ=SECONDLY;COUNT=999999999",
    "DURATION:P999999999999999999W",
    "TOTAL",
)


@dataclass(frozen=True)
class Mutation:
    """One change to a manifest, named so that a failure says what was done."""

    name: str
    apply: Callable[[random.Random, Manifest], str]


def _pick(rng: random.Random, files: Manifest, suffixes: tuple[str, ...] = ()) -> str | None:
    names = sorted(n for n in files if not suffixes or n.lower().endswith(suffixes))
    return rng.choice(names) if names else None


def _text_lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _flip_bytes(rng: random.Random, files: Manifest) -> str:
    name = _pick(rng, files)
    if name is None or not files[name]:
        return "nothing to flip"
    data = bytearray(files[name])
    for _ in range(rng.randint(1, 4)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    files[name] = bytes(data)
    return f"flipped bytes of {name}"


def _cut(rng: random.Random, files: Manifest) -> str:
    name = _pick(rng, files)
    if name is None or not files[name]:
        return "nothing to cut"
    data = files[name]
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 200))
    files[name] = data[:start] + data[end:] if rng.random() < 0.7 else data[:start]
    return f"cut bytes {start}..{end} of {name}"


def _line_edit(rng: random.Random, files: Manifest) -> str:
    name = _pick(rng, files, (".yaml", ".toml", ".csv", ".ics"))
    if name is None:
        return "no text file"
    lines = _text_lines(files[name])
    index = rng.randrange(len(lines))
    how = rng.choice(("delete", "duplicate", "swap", "repeat"))
    if how == "delete":
        del lines[index]
    elif how == "duplicate":
        lines.insert(index, lines[index])
    elif how == "swap":
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], lines[index]
    else:
        lines[index:index] = [lines[index]] * rng.choice((100, 1000, 5000))
    files[name] = b"\n".join(lines)
    return f"{how} line {index + 1} of {name}"


def _insert_value(rng: random.Random, files: Manifest) -> str:
    name = _pick(rng, files, (".yaml", ".toml", ".csv", ".ics"))
    if name is None:
        return "no text file"
    lines = _text_lines(files[name])
    index = rng.randrange(len(lines))
    line = lines[index].decode("utf-8", "surrogateescape")
    value = rng.choice(NASTY_VALUES)
    separators = [i for i, c in enumerate(line) if c in ",:=;"]
    if separators and rng.random() < 0.8:
        at = rng.choice(separators) + 1
        end = len(line)
        for stop in ",}]\n":
            found = line.find(stop, at)
            if found != -1:
                end = min(end, found)
        line = line[:at] + (" " if name.endswith((".yaml", ".toml")) else "") + value + line[end:]
    else:
        line = line + value
    lines[index] = line.encode("utf-8", "surrogateescape")
    files[name] = b"\n".join(lines)
    return f"put {value[:20]!r} into line {index + 1} of {name}"


def _encoding(rng: random.Random, files: Manifest) -> str:
    name = _pick(rng, files, (".yaml", ".toml", ".csv", ".ics"))
    if name is None:
        return "no text file"
    text = files[name].decode("utf-8", "replace")
    how = rng.choice(("utf-16", "latin-1", "bom", "crlf", "european", "cr"))
    if how == "utf-16":
        files[name] = text.encode("utf-16")
    elif how == "latin-1":
        files[name] = text.encode("latin-1", "replace")
    elif how == "bom":
        files[name] = b"\xef\xbb\xbf" + files[name]
    elif how == "crlf":
        files[name] = files[name].replace(b"\n", b"\r\n")
    elif how == "cr":
        files[name] = files[name].replace(b"\n", b"\r")
    else:  # a European Excel: ';' between values, ',' in numbers
        files[name] = text.replace(",", ";").replace(".", ",").encode("utf-8")
    return f"{how} encoding of {name}"


def _yaml_structure(rng: random.Random, files: Manifest) -> str:
    name = _pick(rng, files, (".yaml",))
    if name is None:
        return "no YAML file"
    how = rng.choice(("deep-flow", "deep-block", "laughs", "list-top", "scalar-top", "tabs"))
    text = files[name]
    if how == "deep-flow":
        depth = rng.choice((50, 500, 5000, 50_000))
        text += b"\nextra: " + b"[" * depth + b"]" * depth + b"\n"
    elif how == "deep-block":
        depth = rng.choice((50, 500, 5000))
        text = text.replace(b"seats:\n", b"seats:\n" + b"- " * depth + b"x\n", 1)
    elif how == "laughs":
        rows = [b'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        rows += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]".encode() for i in range(1, 9)]
        text = b"\n".join(rows) + b"\n" + text
    elif how == "list-top":
        text = b"- " + text.replace(b"\n", b"\n  ")
    elif how == "scalar-top":
        text = b"just text\n"
    else:
        text = text.replace(b"  ", b"\t")
    files[name] = text
    return f"{how} in {name}"


def _toml_structure(rng: random.Random, files: Manifest) -> str:
    how = rng.choice(("inline", "dotted", "subtable", "types", "duplicate", "garbage"))
    text = files.get("levelset.toml", b"")
    if how == "inline":
        text = b'check = {fail_on = "fatal", select = 5}\n' + text.replace(b"[check]", b"[chek]")
    elif how == "dotted":
        text = b'check.fail_on = "nope"\ndata.window = 7\n' + text.replace(b"[check]\n", b"")
    elif how == "subtable":
        text += b"\n[organization.extra]\nx = 1\n[rules.NOPE001]\ny = 2\n"
    elif how == "types":
        text = text.replace(b'"Acme Distribution"', b"5").replace(b"2026-03-31", b'"soon"')
    elif how == "duplicate":
        text += b'\n[organization]\nname = "Again"\n'
    else:
        text += b"\n[[[\n"
    files["levelset.toml"] = text
    return f"levelset.toml {how}"


def _file_system(rng: random.Random, files: Manifest) -> str:
    name = _pick(rng, files)
    if name is None:
        return "no file"
    how = rng.choice(
        ("remove", "empty", "hide", "rename", "not-utf8-name", "folder", "subfolder", "stray")
    )
    data = files.pop(name)
    folder, _, base = name.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if how == "empty":
        files[name] = b""
    elif how == "hide":
        files[f"{prefix}.{base}"] = data
    elif how == "rename":
        suffix = rng.choice((".CSV", ".txt", ".bak", ".ICS", ".yml", ".json", ""))
        files[f"{prefix}{base.rsplit('.', 1)[0]}{suffix}"] = data
    elif how == "not-utf8-name":
        files[prefix + os.fsdecode(b"caf\xe9-") + base] = data
    elif how == "folder":
        files[f"{name}/inside.txt"] = data  # the file's name is now a folder
    elif how == "subfolder":
        files[f"{prefix}old/{base}"] = data
    elif how == "stray":
        files[name] = data
        files[f"{prefix}notes.md"] = b"# notes\n"
    return f"{how} {name}"


MUTATIONS: tuple[Mutation, ...] = (
    Mutation("flip-bytes", _flip_bytes),
    Mutation("cut", _cut),
    Mutation("line", _line_edit),
    Mutation("value", _insert_value),
    Mutation("value", _insert_value),
    Mutation("encoding", _encoding),
    Mutation("yaml", _yaml_structure),
    Mutation("toml", _toml_structure),
    Mutation("file-system", _file_system),
)


def mutate(seed: Manifest, case: int, *, count: int | None = None) -> tuple[Manifest, list[str]]:
    """The seed with 1 to 3 mutations drawn from ``case`` (reproducible), and what they did."""
    rng = random.Random(case)
    # Half the cases change only data files: a broken org.yaml stops a check before any
    # data is read, and the readers and the engine need cases of their own.
    data_only = rng.random() < 0.5
    files = {k: v for k, v in seed.items() if k.startswith("data/")} if data_only else dict(seed)
    done = []
    for _ in range(count if count is not None else rng.randint(1, 3)):
        mutation = rng.choice(MUTATIONS)
        done.append(f"{mutation.name}: {mutation.apply(rng, files)}")
    if data_only:
        files = {**{k: v for k, v in seed.items() if not k.startswith("data/")}, **files}
    return files, done


# -- writing and describing a case ----------------------------------------------------


def write_workspace(files: Manifest, root: Path) -> None:
    """Write ``files`` under ``root`` (made empty first)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name, data in sorted(files.items()):
        target = root / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError:
            # Two mutations may disagree (``levelset.toml`` made a folder, then written
            # as a file again): the first one written stands.
            continue


def to_manifest_json(files: Manifest, about: Mapping[str, object] | None = None) -> str:
    """A case as JSON: text files as text, others (and names not UTF-8) in base64."""
    entries: dict[str, dict[str, str]] = {}
    for name, data in sorted(files.items()):
        key = name if _utf8(name) else "b64:" + base64.b64encode(os.fsencode(name)).decode()
        try:
            entries[key] = {"text": data.decode("utf-8")}
        except UnicodeDecodeError:
            entries[key] = {"base64": base64.b64encode(data).decode()}
        if "text" in entries[key] and "\x00" in entries[key]["text"]:
            entries[key] = {"base64": base64.b64encode(data).decode()}
    return json.dumps({**(about or {}), "files": entries}, indent=2, ensure_ascii=True) + "\n"


def from_manifest_json(text: str) -> Manifest:
    """The files of a case written by ``to_manifest_json``."""
    files: Manifest = {}
    for key, entry in json.loads(text)["files"].items():
        name = os.fsdecode(base64.b64decode(key[4:])) if key.startswith("b64:") else key
        files[name] = (
            entry["text"].encode("utf-8") if "text" in entry else base64.b64decode(entry["base64"])
        )
    return files


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- the oracle -----------------------------------------------------------------------


@dataclass
class Outcome:
    """What running the commands on a case showed: failures, and problems with no line."""

    failures: list[str] = field(default_factory=list)
    problems_without_line: list[str] = field(default_factory=list)
    #: Every problem the JSON outputs held, as ``file:line: message``.
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures


def _fingerprint(root: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for current, _dirs, names in os.walk(root):
        for name in names:
            path = Path(current) / name
            try:
                digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
            except OSError:
                digest = "unreadable"
            found[os.fsencode(path.relative_to(root)).decode("utf-8", "backslashreplace")] = digest
    return found


def _strict_json(text: str) -> object:
    def refuse(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def run_case(root: Path, *, engine: bool = False) -> Outcome:
    """Run the commands on the workspace at ``root`` and hold them to the oracle."""
    outcome = Outcome()
    before = _fingerprint(root)
    runner = CliRunner()
    commands = STATIC_COMMANDS + (ENGINE_COMMANDS if engine else ())
    for label, template in commands:
        args = [str(root) if a == "{ws}" else a for a in template]
        try:
            result = runner.invoke(main, args, catch_exceptions=True)
        except BaseException as error:  # a crash the runner let through
            outcome.failures.append(f"{label}: {type(error).__name__}: {error}")
            continue
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            trace = "".join(traceback.format_exception(result.exception))
            outcome.failures.append(f"{label}: traceback\n{trace}")
            continue
        if result.exit_code not in (0, 1, 2):
            outcome.failures.append(f"{label}: exit status {result.exit_code}")
        try:
            stdout = result.stdout_bytes.decode("utf-8")
        except UnicodeDecodeError as error:
            outcome.failures.append(f"{label}: output is not UTF-8 ({error})")
            continue
        if "Traceback (most recent call last)" in stdout + result.stderr:
            outcome.failures.append(f"{label}: a traceback was printed")
        if "json" in label or "sarif" in label:
            _check_json(label, stdout, result.exit_code, outcome, root)
    if _fingerprint(root) != before:
        outcome.failures.append("the workspace was written to")
    return outcome


def _check_json(label: str, stdout: str, status: int, outcome: Outcome, root: Path) -> None:
    if not stdout.strip() and status == 2:
        return  # the workspace could not be read: problems went to stderr
    try:
        data = _strict_json(stdout)
    except ValueError as error:
        outcome.failures.append(f"{label}: not strict JSON ({error})")
        return
    if not isinstance(data, dict):
        return
    for problem in data.get("problems", []) if isinstance(data.get("problems"), list) else []:
        outcome.problems.append(f"{problem.get('file')}:{problem.get('line')}: {problem}")
        if not problem.get("file"):
            outcome.failures.append(f"{label}: a problem without a file: {problem}")
        elif problem.get("line") is None and not _folder_problem(root, problem):
            outcome.problems_without_line.append(f"{problem['file']}: {problem['message']}")


def _folder_problem(root: Path, problem: Mapping[str, object]) -> bool:
    """Whether a problem is about a folder of the workspace (or the workspace itself): a
    folder has no lines, so its problems name it alone. The engine's catch-all ("this is
    a bug", placed at ``data``) is never one: it is counted wherever it is placed."""
    file = str(problem.get("file"))
    if "this is a bug" in str(problem.get("message", "")):
        return False
    try:
        return file in ("", ".") or (root / file).is_dir()
    except (OSError, ValueError):
        return False


def cases(seed: Manifest, first: int, count: int) -> Iterator[tuple[int, Manifest, list[str]]]:
    """``count`` cases from number ``first`` on."""
    for case in range(first, first + count):
        files, done = mutate(seed, case)
        yield case, files, done
