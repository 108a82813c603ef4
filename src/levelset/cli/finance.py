"""``levelset finance``: customer profitability, the whale curve, receivables, forecast
coverage and prospects, from ``data/finance``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from levelset.cli._emit import (
    emit,
    engine_option,
    failing_cleanly,
    format_option,
    output_option,
    progress_printer,
    warn_problem,
)
from levelset.cli._io import exit_with_problems, fail
from levelset.report.views import FinanceView


@click.command(
    "finance", short_help="Show which customers make money, receivables, forecast, prospects."
)
@click.argument("path", type=click.Path(path_type=Path))
@format_option(FinanceView)
@engine_option
@output_option()
def finance_command(*, path: Path, fmt: str, engine: str | None, output: Path | None) -> None:
    """Show the finance figures of the workspace at PATH: each customer's revenue and
    profit after cost to serve and carrying cost (revenue rank beside profit rank), the
    whale curve, receivables aging and DSO, the forecast against the weighted pipeline,
    and the vendors on the payables list who are not customers.

    Exit status 2 when the workspace or its finance data has problems (they are printed
    on stderr; rows that could not be read are left out of the figures) or when it has
    no finance data.
    """
    from levelset.service import Session  # noqa: PLC0415 - the engine only when it runs

    with Session(path, engine=engine, progress=progress_printer(), reuse=False) as session:
        loaded = session.loaded
        if loaded.problems:
            exit_with_problems(path, loaded.problems)
        with failing_cleanly(path):
            result = session.finance()
    problems = tuple(result.problems)
    if result.finance is None:
        if problems:
            exit_with_problems(path, problems)
        fail(
            f"{path} has no finance data: put customers, invoices, payments, vendors, "
            "pipeline or forecast files in data/finance/ (see docs/format.md)"
        )
    for problem in problems:
        warn_problem(path)(problem)
    view = FinanceView(
        workspace=path,
        finance=result.finance,
        problems=problems,
        currency=loaded.workspace.settings.currency,
    )
    emit(view, fmt, output)
    sys.exit(2 if problems else 0)
