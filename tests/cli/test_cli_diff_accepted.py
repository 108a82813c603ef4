"""``levelset diff`` and accepted findings, through the command line: accepting a finding
neither closes it nor, when its date passes, opens it again as new; the diff shows it as
accepted (or no longer accepted), in text, JSON and Markdown."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from cli_workspaces import CLEAN, UNOWNED_RESPONSIBILITY, Invoke, WriteWorkspace

ACCEPTED = """
    accepted:
      - code: JOB001
        subject: responsibility:audit
        by: Ada Moreno
        why: the audit firm is chosen in March
        until: {until}
"""
#: A second finding, never accepted, that the same edit opens: the diff still opens it.
UNCOVERED = """
    goals:
      - {id: obj-margin, title: Lift the margin, owner: ceo, period: 2026}
"""


def _write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def _save(invoke: Invoke, root: Path) -> None:
    result = invoke("check", root, "--save", "--format", "json")
    assert result.exit_code in (0, 1), result.output


def _accepted_and_saved(invoke: Invoke, write_workspace: WriteWorkspace) -> Path:
    """A workspace whose JOB001 finding is accepted, with one snapshot saved."""
    root = write_workspace(
        {
            **CLEAN,
            "more.yaml": UNOWNED_RESPONSIBILITY,
            "accepted.yaml": ACCEPTED.format(until="2999-12-31"),
        }
    )
    _save(invoke, root)
    return root


def _diff(invoke: Invoke, root: Path, *args: str) -> dict[str, list[dict[str, object]]]:
    result = invoke("diff", root, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, list[dict[str, object]]] = json.loads(result.stdout)
    return data


def _codes(found: list[dict[str, object]]) -> list[object]:
    return [item["code"] for item in found]


def test_accepting_a_finding_does_not_close_it(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    root = write_workspace({**CLEAN, "more.yaml": UNOWNED_RESPONSIBILITY})
    _save(invoke, root)  # JOB001 open
    _write(root / "accepted.yaml", ACCEPTED.format(until="2999-12-31"))
    _write(root / "goals2.yaml", UNCOVERED)
    _save(invoke, root)  # JOB001 accepted, a new DOT finding open

    diff = _diff(invoke, root)
    assert "JOB001" not in _codes(diff["closed"])
    assert "JOB001" not in _codes(diff["opened"])
    (accepted,) = diff["accepted"]
    assert accepted["code"] == "JOB001"
    assert accepted["subject"] == {"kind": "responsibility", "id": "audit"}
    assert accepted["accepted"] == {
        "by": "Ada Moreno",
        "why": "the audit firm is chosen in March",
        "until": "2999-12-31",
        "location": {"file": "accepted.yaml", "line": 2},
    }
    assert diff["opened"], "a finding opened at the same time is still opened"

    text = " ".join(invoke("diff", root).stdout.split())  # the terminal's wrapping undone
    assert "0 closed" in text
    assert "1 newly accepted" in text
    assert "Newly accepted (neither opened nor closed)" in text
    assert "accepted by Ada Moreno until 2999-12-31: the audit firm is chosen in March" in text
    markdown = invoke("diff", root, "--format", "markdown").stdout
    assert "### Newly accepted (neither opened nor closed)" in markdown
    assert "`JOB001` responsibility `audit`" in markdown

    # Compared the other way round, the finding was accepted and is open: not opened.
    names = sorted(p.stem for p in (root / ".levelset" / "snapshots").glob("*.json"))
    back = _diff(invoke, root, names[-1], names[0])
    assert "JOB001" not in _codes(back["opened"])
    assert _codes(back["no_longer_accepted"]) == ["JOB001"]


def test_a_finding_back_when_its_date_passes_is_not_new(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    root = _accepted_and_saved(invoke, write_workspace)
    _save(invoke, root)
    still = _diff(invoke, root)
    assert _codes(still["still_accepted"]) == ["JOB001"]
    assert still["accepted"] == still["opened"] == still["closed"] == []
    assert "Nothing changed." in invoke("diff", root).stdout

    _write(root / "accepted.yaml", ACCEPTED.format(until="2001-01-31"))
    _save(invoke, root)
    diff = _diff(invoke, root)
    assert diff["opened"] == []
    assert _codes(diff["no_longer_accepted"]) == ["JOB001"]
    text = invoke("diff", root).stdout
    assert "0 opened" in text
    assert "1 no longer accepted" in text
    assert "No longer accepted (open again)" in text


def test_an_accepted_finding_that_is_fixed_is_closed(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    root = _accepted_and_saved(invoke, write_workspace)
    (root / "more.yaml").unlink()
    _save(invoke, root)
    diff = _diff(invoke, root)
    assert _codes(diff["closed"]) == ["JOB001"]
    assert diff["accepted"] == diff["still_accepted"] == []
