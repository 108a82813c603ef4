"""Writing a scenario into the workspace's YAML: only the changed items' lines change,
the files read back as the scenario's model, and the write is all or nothing."""

from __future__ import annotations

import difflib
import os
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levelset.load import load_workspace
from levelset.load.scenario_write import ScenarioWriteError, edit_workspace, write_edit
from levelset.model import Workspace
from levelset.model.scenario import (
    AddRole,
    ChangeOwner,
    ChangeScope,
    CreateSeat,
    FillSeat,
    HandWork,
    MoveAccountability,
    Operation,
    RemoveRole,
    ReportTo,
    RetireSeat,
    Scenario,
    TieGoals,
    VacateSeat,
)
from levelset.model.scenario_apply import apply_scenario

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _copy(name: str, into: Path) -> Path:
    target = into / name
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns("data"))
    return target


def _shape(workspace: Workspace) -> dict[str, Any]:
    """What a scenario can change, without the places things were read from."""
    return {
        "seats": {
            s.id: (s.title, s.level, s.function, s.reports_to, [(h.ref, h.fte) for h in s.holders])
            for s in workspace.seats.values()
        },
        "responsibilities": {
            r.id: (r.accountable, r.responsible, r.consulted, r.informed)
            for r in workspace.responsibilities.values()
        },
        "partners": {p.id: (p.owner, p.scope, p.goals) for p in workspace.partners.values()},
    }


def _write(root: Path, scenario: Scenario) -> tuple[dict[str, str], Workspace]:
    """Write ``scenario`` into ``root``; the old texts, and the model it should give."""
    before = {p.name: p.read_text(encoding="utf-8") for p in root.glob("*.yaml")}
    workspace = load_workspace(root).workspace
    expected = apply_scenario(workspace, scenario).workspace
    write_edit(edit_workspace(root, workspace, scenario))
    return before, expected


def _changed_lines(old: str, new: str) -> set[int]:
    """The 1-based lines of ``old`` that are not in ``new`` as they were."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    return {
        n + 1
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
        if tag != "equal"
        for n in range(i1, i2)
    }


def _item_lines(workspace: Workspace, file: str, ids: set[str]) -> set[int]:
    """The lines of the items ``ids`` in ``file``: from each to the next item's start."""
    items = [
        *workspace.seats.values(),
        *workspace.responsibilities.values(),
        *workspace.partners.values(),
    ]
    starts = sorted(i.location.line or 0 for i in items if i.location.file == file)
    lines: set[int] = set()
    for item in items:
        if item.id in ids and item.location.file == file and item.location.line:
            later = [s for s in starts if s > item.location.line]
            lines |= set(range(item.location.line, later[0] if later else 10**6))
    return lines


ACME_SCENARIO = Scenario(
    operations=(
        FillSeat("controller", person="dana-reyes"),
        CreateSeat("sales-l3", "Sales lead", "L3", "sales", "rvp-east", ("ae-east-1",)),
        MoveAccountability("collections", "controller"),
        RemoveRole("strategy-session", "responsible", "coo"),
        AddRole("annual-plan", "consulted", "controller"),
        ChangeScope("stride", add=("collections",)),
        ChangeOwner("keystone", "ceo"),
        HandWork("collections", "dana-reyes", "controller"),
    )
)


def test_acme_round_trip_touches_only_the_changed_items(tmp_path: Path) -> None:
    root = _copy("acme", tmp_path)
    original = load_workspace(root).workspace
    before, expected = _write(root, ACME_SCENARIO)
    after = load_workspace(root)
    assert after.ok, [str(p) for p in after.problems]
    assert _shape(after.workspace) == _shape(expected)
    touched = {"controller", "ae-east-1", "rvp-east", "collections", "strategy-session"}
    touched |= {"annual-plan", "stride", "keystone"}
    for name, old in before.items():
        new = (root / name).read_text(encoding="utf-8")
        changed = _changed_lines(old, new)
        assert changed <= _item_lines(original, name, touched), name
    # comments, other items and whole files stay byte for byte
    assert (root / "people.yaml").read_text(encoding="utf-8") == before["people.yaml"]
    assert (root / "goals.yaml").read_text(encoding="utf-8") == before["goals.yaml"]
    assert "# partners belong in these meetings" in (root / "responsibilities.yaml").read_text()
    # the new seat sits right under its manager's, in the same (flow) style
    org = (root / "org.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(org) if "id: sales-l3" in text)
    assert org[line].startswith("  - {id: sales-l3,")
    assert "rvp-east" in "".join(org[line - 2 : line])


BLOCK = {
    "org.yaml": """
        # The seats, one key a line.
        seats:
          - id: ceo
            title: Chief Executive Officer   # the founder
            level: L5
            function: leadership
            holders:
              - ana
          - id: ops
            title: Operations Manager
            level: L3
            function: operations
            reports_to: ceo

          # nobody here yet
          - id: clerk
            title: Clerk
            level: L1
            function: operations
            reports_to: ops
        people:
          - id: ana
            name: Ana
          - id: bo
            name: "Bo"
        responsibilities:
          - id: books
            name: Books
            horizon: 1w
            accountable: ceo   # for now
            responsible:
              - clerk
    """,
}


def test_block_style_keeps_comments_order_and_style(tmp_path: Path) -> None:
    root = tmp_path / "block"
    root.mkdir()
    for name, text in BLOCK.items():
        (root / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    scenario = Scenario(
        operations=(
            FillSeat("ops", person="bo"),
            MoveAccountability("books", "ops"),
            AddRole("books", "responsible", "ceo"),
            CreateSeat("lead", "Lead", "L2", "operations", "ops", ("clerk",)),
        )
    )
    before, expected = _write(root, scenario)
    text = (root / "org.yaml").read_text(encoding="utf-8")
    after = load_workspace(root)
    assert after.ok, [str(p) for p in after.problems]
    assert _shape(after.workspace) == _shape(expected)
    assert "    title: Chief Executive Officer   # the founder\n" in text
    assert "  # nobody here yet\n" in text
    assert "    accountable: ops   # for now\n" in text
    assert "    responsible:\n      - clerk\n      - ceo\n" in text
    assert "  - id: lead\n    title: Lead\n" in text  # block, like its neighbours
    assert "holders: [bo]" in text
    old_lines = before["org.yaml"].splitlines()
    assert old_lines[:11] == text.splitlines()[:11]  # up to the first changed item


def test_a_file_changed_since_it_was_read_is_refused_and_nothing_written(tmp_path: Path) -> None:
    root = _copy("acme", tmp_path)
    workspace = load_workspace(root).workspace
    edit = edit_workspace(root, workspace, ACME_SCENARIO)
    assert {"org.yaml", "partners.yaml", "responsibilities.yaml"} <= set(edit.texts)
    before = {name: (root / name).read_bytes() for name in edit.texts}
    with (root / "partners.yaml").open("a", encoding="utf-8") as out:
        out.write("# someone else's edit\n")
    with pytest.raises(ScenarioWriteError, match=r"partners\.yaml changed since it was read"):
        write_edit(edit)
    assert (root / "org.yaml").read_bytes() == before["org.yaml"]
    assert (root / "responsibilities.yaml").read_bytes() == before["responsibilities.yaml"]
    assert not list(root.glob(".*.tmp"))


def test_a_failing_rename_puts_back_the_files_already_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy("acme", tmp_path)
    workspace = load_workspace(root).workspace
    edit = edit_workspace(root, workspace, ACME_SCENARIO)
    before = {name: (root / name).read_bytes() for name in edit.texts}
    real = os.replace
    calls = []

    def second_fails(src: str, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(ScenarioWriteError, match="No space left"):
        write_edit(edit)
    monkeypatch.undo()
    assert {name: (root / name).read_bytes() for name in edit.texts} == before
    assert not list(root.glob(".*.tmp"))


def test_an_operation_that_cannot_apply_writes_nothing(tmp_path: Path) -> None:
    root = _copy("clean", tmp_path)
    workspace = load_workspace(root).workspace
    with pytest.raises(ScenarioWriteError, match="there is no seat 'nobody'"):
        edit_workspace(root, workspace, Scenario(operations=(FillSeat("nobody", "x"),)))


CLEAN = load_workspace(EXAMPLES / "clean").workspace
_SEATS = sorted(CLEAN.seats)
_PEOPLE = sorted(p for p in CLEAN.people if CLEAN.people[p].partner is None)
_RESPS = sorted(CLEAN.responsibilities)
_PARTNERS = sorted(CLEAN.partners)
_GOALS = sorted(CLEAN.goals)
_seat, _resp = st.sampled_from(_SEATS), st.sampled_from(_RESPS)

OPERATIONS: st.SearchStrategy[Operation] = st.one_of(
    st.builds(FillSeat, _seat, st.sampled_from(_PEOPLE)),
    st.builds(VacateSeat, _seat),
    st.builds(MoveAccountability, _resp, _seat),
    st.builds(AddRole, _resp, st.sampled_from(("responsible", "consulted")), _seat),
    st.builds(RemoveRole, _resp, st.sampled_from(("responsible", "consulted")), _seat),
    st.builds(ChangeScope, st.sampled_from(_PARTNERS), st.lists(_resp, max_size=2).map(tuple)),
    st.builds(ChangeOwner, st.sampled_from(_PARTNERS), _seat),
    st.builds(
        CreateSeat,
        st.just("new-seat"),
        st.just("New seat"),
        st.sampled_from(("L1", "L2", "L3")),
        st.just("operations"),
        _seat,
        st.lists(_seat, max_size=2, unique=True).map(tuple),
    ),
    st.builds(RetireSeat, _seat),
    st.builds(ReportTo, _seat, st.one_of(st.none(), _seat)),
    st.builds(TieGoals, _resp, st.lists(st.sampled_from(_GOALS), max_size=2).map(tuple)),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(OPERATIONS, min_size=1, max_size=5))
def test_written_files_read_back_as_the_applied_model(
    tmp_path_factory: pytest.TempPathFactory, operations: list[Operation]
) -> None:
    scenario = Scenario(operations=tuple(operations))
    applied = apply_scenario(CLEAN, scenario)
    if applied.problems or any(
        isinstance(op, CreateSeat) and applied.workspace.seats.get("new-seat") is None
        for op in operations
    ):
        return  # a scenario that cannot apply is refused (tested above)
    root = _copy("clean", tmp_path_factory.mktemp("clean"))
    _before, expected = _write(root, scenario)
    after = load_workspace(root)
    assert after.ok, [str(p) for p in after.problems]
    assert _shape(after.workspace) == _shape(expected)
