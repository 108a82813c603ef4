"""The JSON API's answers that are not a service type as it is.

Most answers are the service's own frozen dataclasses (``Overview``, ``FindingsPage``,
``PersonPage``...), described by pydantic as they are. The trees and the finance figures
keep the shape of ``levelset org``/``tree``/``report --format json`` (objects of the
report's JSON), so here they are objects whose fields are documented by those commands.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from levelset.report.views import PartnerSummary
from levelset.service.people import PersonRow


class ErrorAnswer(BaseModel):
    """Every error of the API: what went wrong and the problems behind it, each
    ``file:line: message (hint)``."""

    error: str
    problems: list[str]


class TenantAnswer(BaseModel):
    """An organization the server serves: its name in URLs and its title."""

    name: str
    title: str


class OrgAnswer(BaseModel):
    """The seat tree as ``levelset org --format json`` prints it (``seats`` holds the
    roots, each seat's ``reports`` its children), and the seats by level."""

    workspace: str
    name: str
    seat_count: int
    seats: list[dict[str, Any]]
    by_level: list[dict[str, Any]]


class GoalsAnswer(BaseModel):
    """The goal tree as ``levelset tree --format json`` prints it."""

    workspace: str
    name: str
    goal_count: int
    goals: list[dict[str, Any]]


class PeopleAnswer(BaseModel):
    """Everyone, and the leadership's hours by band and week (as ``people`` of
    ``levelset report --format json``; ``None`` without event data: ``missing`` says
    why)."""

    people: tuple[PersonRow, ...]
    leadership: dict[str, Any] | None
    missing: str | None


class PartnersAnswer(BaseModel):
    """Every partner as the report shows it."""

    partners: tuple[PartnerSummary, ...]


class FinanceAnswer(BaseModel):
    """The finance figures as ``finance`` of ``levelset check --format json`` holds them
    (``None`` without finance data: ``missing`` says why)."""

    currency: str | None
    finance: dict[str, Any] | None
    missing: str | None
