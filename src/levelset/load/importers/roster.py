"""A roster export read into people and who reports to whom, with a problem per bad row.

The HRIS exports levelset knows (BambooHR, Rippling, Gusto, HiBob, Workday and a plain
"name, email, title, department, manager" sheet) are recognised by their header. A row
that cannot be used (no name, an e-mail already taken) is a problem and is left out; a
manager who cannot be found, or a reporting cycle, is a problem and the person is kept
without a manager. Everything else is imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from levelset.load.importers.layouts import Layout, needs, recognise, role_columns
from levelset.load.importers.sheets import Row, Sheet, SheetError
from levelset.model import Location, Problem

__all__ = ["ROSTER_LAYOUTS", "Employee", "Roster", "read_roster"]

_NAME = (("name",), ("first_name", "last_name"))

ROSTER_LAYOUTS = (
    Layout(
        "Rippling report",
        required={
            "email": ("Work email",),
            "title": ("Title", "Job title"),
            "manager_email": ("Manager - Work email", "Manager work email"),
        },
        optional={
            "name": ("Employee name", "Name"),
            "first_name": ("Legal first name", "Preferred first name"),
            "last_name": ("Legal last name",),
            "employee_id": ("Employee ID", "Employee number"),
            "department": ("Department",),
            "status": ("Employment status",),
        },
        one_of=_NAME,
    ),
    Layout(
        "Workday worker report",
        required={
            "name": ("Worker",),
            "title": ("Business Title",),
            "manager": ("Manager",),
        },
        optional={
            "employee_id": ("Employee ID",),
            "email": ("Email - Primary Work", "Primary Work Email", "Work Email"),
            "department": ("Supervisory Organization", "Department", "Cost Center"),
            "manager_id": ("Manager ID", "Manager Employee ID"),
            "status": ("Worker Status", "Active Status"),
        },
    ),
    Layout(
        "HiBob people report",
        required={
            "name": ("Display name",),
            "title": ("Job title",),
            "manager": ("Reports to",),
        },
        optional={
            "employee_id": ("Employee ID",),
            "email": ("Email", "Work email"),
            "department": ("Department",),
            "manager_email": ("Reports to - Email", "Reports to email"),
            "status": ("Lifecycle status", "Status"),
        },
    ),
    Layout(
        "BambooHR report",
        required={
            "first_name": ("First Name",),
            "last_name": ("Last Name",),
            "title": ("Job Title",),
            "manager": ("Reporting to", "Reports To"),
        },
        optional={
            "employee_id": ("Employee #", "Employee Number", "EEID"),
            "email": ("Work Email", "Email"),
            "department": ("Department",),
            "status": ("Employment Status", "Status"),
        },
    ),
    Layout(
        "Gusto employee export",
        required={
            "first_name": ("First name", "Legal first name"),
            "last_name": ("Last name", "Legal last name"),
            "title": ("Job title",),
            "manager": ("Manager", "Manager name"),
        },
        optional={
            "employee_id": ("Employee ID",),
            "email": ("Work email", "Email", "Personal email"),
            "department": ("Department",),
            "status": ("Employment status", "Status"),
        },
    ),
    Layout(
        "plain roster",
        required={
            "name": ("name", "full name"),
            "email": ("email", "e-mail"),
            "title": ("title", "job title"),
            "department": ("department", "function"),
            "manager": ("manager", "reports to", "manager email"),
        },
        optional={"employee_id": ("employee id", "id")},
    ),
)

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "cpa", "esq"}

#: Employment statuses of people who are no longer there: their rows are skipped.
_GONE = {"terminated", "inactive", "former", "departed", "left", "offboarded"}


@dataclass(frozen=True)
class Employee:
    """One person of the export, with the row it came from and its manager's row."""

    line: int
    name: str
    email: str
    employee_id: str
    title: str
    department: str
    manager: int | None  # the manager's line, once resolved


@dataclass(frozen=True)
class Roster:
    """The people of an export (by line), the layout recognised and the problems found."""

    layout: str
    employees: tuple[Employee, ...]
    problems: tuple[Problem, ...]
    skipped: int  # rows of people who have left (a status column says so)


def read_roster(sheet: Sheet) -> Roster:
    """The employees of ``sheet``, managers resolved, one problem per row that is wrong.

    Raises ``SheetError`` with the columns needed when the header fits no layout.
    """
    layout = recognise(ROSTER_LAYOUTS, sheet.header)
    if layout is None:
        raise SheetError(needs(ROSTER_LAYOUTS, sheet.header, "roster export"))
    columns = role_columns(layout, sheet.header)
    problems: list[Problem] = []
    rows: list[tuple[Row, str]] = []
    seen_emails: dict[str, int] = {}
    skipped = 0
    for row in sheet.rows:
        if row.get(columns.get("status")).casefold() in _GONE:
            skipped += 1
            continue
        name = _name(row, columns)
        where = Location(sheet.name, row.line)
        if not name:
            problems.append(Problem(where, "a row with no name", "fill in the name or remove it"))
            continue
        email = row.get(columns.get("email")).casefold()
        if email and email in seen_emails:
            problems.append(
                Problem(
                    where,
                    f"{name} has the e-mail {email}, already given to line "
                    f"{seen_emails[email]}; this row is left out",
                    "give each person their own e-mail address",
                )
            )
            continue
        if email:
            seen_emails[email] = row.line
        rows.append((row, name))
    managers = _Managers(rows, columns)
    employees = []
    for row, name in rows:
        manager, problem = managers.resolve(row, name, sheet.name)
        if problem is not None:
            problems.append(problem)
        employees.append(
            Employee(
                line=row.line,
                name=name,
                email=row.get(columns.get("email")).casefold(),
                employee_id=row.get(columns.get("employee_id")),
                title=" ".join(row.get(columns.get("title")).split()) or "Employee",
                department=row.get(columns.get("department")),
                manager=manager,
            )
        )
    employees, cycles = _break_cycles(employees, sheet.name)
    return Roster(layout.label, tuple(employees), (*problems, *cycles), skipped)


def _name(row: Row, columns: dict[str, str]) -> str:
    full = row.get(columns.get("name"))
    if "name" not in columns:
        full = f"{row.get(columns.get('first_name'))} {row.get(columns.get('last_name'))}"
    # Some reports write "Last, First": turn it round, but not "Ann Lee, Jr." or "MD".
    if full.count(",") == 1:
        last, first = (part.strip() for part in full.split(","))
        if first.casefold().rstrip(".") not in _SUFFIXES:
            full = f"{first} {last}"
    return " ".join(full.split())


class _Managers:
    """Finds a row's manager by e-mail, employee id or name, as the export gives it."""

    def __init__(self, rows: list[tuple[Row, str]], columns: dict[str, str]) -> None:
        self._columns = columns
        self._email: dict[str, int] = {}
        self._id: dict[str, int] = {}
        self._name: dict[str, list[int]] = {}
        for row, name in rows:
            email = row.get(columns.get("email")).casefold()
            if email:
                self._email[email] = row.line
            employee_id = row.get(columns.get("employee_id"))
            if employee_id:
                self._id[employee_id.casefold()] = row.line
            self._name.setdefault(name.casefold(), []).append(row.line)

    def resolve(self, row: Row, name: str, file: str) -> tuple[int | None, Problem | None]:
        columns = self._columns
        by_email = row.get(columns.get("manager_email")).casefold()
        by_id = row.get(columns.get("manager_id")).casefold()
        given = row.get(columns.get("manager"))
        if not (by_email or by_id or given):
            return None, None
        if by_email and by_email in self._email:
            return self._email[by_email], None
        if by_id and by_id in self._id:
            return self._id[by_id], None
        key = given.casefold()
        if key in self._email:
            return self._email[key], None
        if key in self._id:
            return self._id[key], None
        named = self._name.get(_name(Row(0, {"n": given}), {"name": "n"}).casefold(), [])
        if len(named) == 1:
            return named[0], None
        where = Location(file, row.line)
        shown = by_email or by_id or given
        if len(named) > 1:
            lines = ", ".join(str(line) for line in named)
            return None, Problem(
                where,
                f"{name}'s manager {shown!r} could be any of lines {lines}",
                "give the manager's e-mail or employee id instead of the name",
            )
        return None, Problem(
            where,
            f"{name}'s manager {shown!r} is not in the file; {name} is imported without one",
            "export everyone (managers included), or correct the manager's name or e-mail",
        )


def _break_cycles(employees: list[Employee], file: str) -> tuple[list[Employee], list[Problem]]:
    """Reporting loops (A under B under A) cut at their first row in the file."""
    by_line = {employee.line: employee for employee in employees}
    cut: set[int] = set()
    problems = []
    for employee in employees:
        path = [employee.line]
        current = employee.manager
        while current is not None and current not in path and current not in cut:
            path.append(current)
            current = by_line[current].manager if current in by_line else None
        if current is not None and current in path:
            loop = path[path.index(current) :]
            first = min(loop)
            if first in cut:
                continue
            cut.add(first)
            names = " → ".join(by_line[line].name for line in [*loop, current])
            problems.append(
                Problem(
                    Location(file, first),
                    f"a reporting cycle: {names}; {by_line[first].name} is imported "
                    "without a manager",
                    "correct the manager of one of them in the export",
                )
            )
    fixed = [
        Employee(e.line, e.name, e.email, e.employee_id, e.title, e.department, None)
        if e.line in cut
        else e
        for e in employees
    ]
    return fixed, problems
