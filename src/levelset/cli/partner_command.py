"""``levelset partner``: what one partner firm may see of the organization, to share."""

from __future__ import annotations

from pathlib import Path

import click

from levelset.cli._emit import (
    emit,
    engine_option,
    failing_cleanly,
    format_option,
    output_option,
    progress_printer,
)
from levelset.report.views import PartnerSliceView


@click.command("partner", short_help="Write the part of the organization a partner may see.")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("partner")
@format_option(PartnerSliceView)
@engine_option
@output_option()
def partner(path: Path, partner: str, fmt: str, engine: str | None, output: Path | None) -> None:
    """Show what PARTNER (a partner's id) may see of the organization in PATH: the seats
    it holds, its scope and the responsibilities it holds, the goals it shares and their
    path to the top objective, the findings about it, its seats and its people, the
    strategy sessions and whether its people attend, and its own people's hours. No cost
    rate, customer, other partner or other person's hours: the same cut as its view in
    ``levelset serve``, so the file can be sent to the partner as it is."""
    from levelset.service import Session  # noqa: PLC0415 - the engine only when it runs
    from levelset.service.audience import partner_slice  # noqa: PLC0415

    with (
        failing_cleanly(path),
        Session(path, engine=engine, progress=progress_printer(), reuse=False) as run,
    ):
        found = partner_slice(run, partner)
    emit(PartnerSliceView(found), fmt, output)
