"""A weekly trend for the terminal (a bar per week with its figures), JSON and Markdown.

In the terminal each week is one row: a bar whose segments are the trend's series
(stacked, one character each so they read without colour) and whose dotted tail is the
rest of the subject's hours, then the figures. A sparkline and the average sum it up.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from levelset.report.plan_items import hours

if TYPE_CHECKING:  # the engine's types only: importing it would import Ibis
    from levelset.model.trend import Trend
    from levelset.report.formats import Printer
    from levelset.report.views import TrendView

BAR_WIDTH = 32
MIN_BAR_WIDTH = 8
SEGMENTS = (("█", "bold yellow"), ("▓", "green"), ("▒", "magenta"), ("▞", "blue"), ("░", "red"))
REST = ("·", "dim")
SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: tuple[float, ...]) -> str:
    """One character a value, ``▁`` for nothing up to ``█`` for the largest."""
    top = max(values, default=0.0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[round(v / top * (len(SPARKS) - 1))] for v in values)


def _bar_width(columns: int, names: list[str]) -> int:
    """The bar's width: what the week and the figures leave of the line, within bounds."""
    # each column is padded by one space a side, except at the table's edges
    figures = sum(max(len(name), 5) + 2 for name in names)
    return max(MIN_BAR_WIDTH, min(BAR_WIDTH, columns - len("2026-07-06") - 3 - figures))


def _has_rest(trend: Trend) -> bool:
    """True when the total holds hours beyond the series (drawn as a dotted tail)."""
    if trend.total is None:
        return False
    stacked = [sum(values) for values in zip(*(s.values for s in trend.series), strict=True)]
    return any(total > part + 1e-9 for total, part in zip(trend.total.values, stacked, strict=True))


def _week_totals(trend: Trend) -> list[float]:
    stacked = [sum(values) for values in zip(*(s.values for s in trend.series), strict=True)]
    if trend.total is None:
        return stacked
    return [max(a, b) for a, b in zip(stacked, trend.total.values, strict=True)]


def _bar(trend: Trend, week: int, scale: float) -> Text:
    """Stacked segments, rounded on the running sum so the bar's length is exact."""
    bar = Text()
    running = 0.0
    drawn = 0
    for index, series in enumerate(trend.series):
        char, style = SEGMENTS[index % len(SEGMENTS)]
        running += series.values[week]
        cells = round(running * scale) - drawn
        bar.append(char * cells, style=style)
        drawn += cells
    if trend.total is not None:
        rest = max(round(trend.total.values[week] * scale) - drawn, 0)
        bar.append(REST[0] * rest, style=REST[1])
    return bar


def summary(trend: Trend) -> str:
    """``average 7.5 h/week over 12 weeks; peak 9.5 in the week of 2026-07-06``."""
    values = trend.primary.values
    if not values:
        return "no weeks in the window"
    average = sum(values) / len(values)
    peak = max(range(len(values)), key=lambda i: values[i])
    text = f"{trend.primary.name}: average {hours(average)} h/week over {len(values)} weeks"
    if values[peak] > 0:
        text += f"; peak {hours(values[peak])} in the week of {trend.weeks[peak]}"
    if trend.total is not None and trend.total.total > 0:
        text += f"; {trend.primary.total / trend.total.total:.0%} of all hours"
    return text


def render_trend_text(trend: Trend, console: Console) -> None:
    """Title, legend, one row a week (bar and figures), sparkline, largest work.

    Series with no hours at all are named under the legend rather than given a column,
    so the bars keep their width.
    """
    console.print(Text(trend.title, style="bold"))
    shown = [i for i, s in enumerate(trend.series) if i == 0 or s.total > 0]
    legend = Text()
    for i in shown:
        char, style = SEGMENTS[i % len(SEGMENTS)]
        legend.append(f"{char} {trend.series[i].name}  ", style=style)
    if _has_rest(trend) and trend.total is not None:
        legend.append(f"{REST[0]} rest of {trend.total.name}", style=REST[1])
    empty = [s.name for i, s in enumerate(trend.series) if i not in shown]
    if empty:
        legend.append(f"(no hours: {', '.join(empty)})", style="dim")
    console.print(legend)
    names = [trend.series[i].name for i in shown]
    with_total = trend.total is not None and len(trend.series) == 1
    if with_total and trend.total is not None:
        names.append(trend.total.name)
    width = _bar_width(console.width, names)
    scale = width / max(max(_week_totals(trend), default=0.0), 1e-9)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, padding=(0, 1))
    table.add_column("week of", no_wrap=True, min_width=len("2026-07-06"))
    table.add_column("", no_wrap=True, min_width=width)
    for name in names:
        table.add_column(name, justify="right", no_wrap=True)
    for index, week in enumerate(trend.weeks):
        cells = [hours(trend.series[i].values[index]) for i in shown]
        if with_total and trend.total is not None:
            cells.append(hours(trend.total.values[index]))
        table.add_row(str(week), _bar(trend, index, scale), *cells)
    console.print(table)
    console.print(Text(f"{sparkline(trend.primary.values)}  {summary(trend)}"))
    if trend.top_work:
        console.print(Text("Largest over the window:", style="bold"))
        for share in trend.top_work:
            console.print(Text(f"  {hours(share.hours):>7} h  {share.work}"))


def trend_to_dict(trend: Trend) -> dict[str, Any]:
    """The trend as plain data: weeks, series in order, the total and the largest work."""
    return {
        "metric": trend.metric,
        "subject": {"kind": trend.subject_kind, "id": trend.subject or None},
        "title": trend.title,
        "weeks": [week.isoformat() for week in trend.weeks],
        "series": [
            {"name": s.name, "values": [round(v, 4) for v in s.values]} for s in trend.series
        ],
        "total": (
            None
            if trend.total is None
            else {"name": trend.total.name, "values": [round(v, 4) for v in trend.total.values]}
        ),
        "top_work": [{"work": w.work, "hours": round(w.hours, 4)} for w in trend.top_work],
    }


def render_trend_json(trend: Trend) -> str:
    """The trend as indented JSON, ending with a newline."""
    return json.dumps(trend_to_dict(trend), indent=2, ensure_ascii=False) + "\n"


def render_trend_markdown(trend: Trend) -> str:
    """A heading, a table with a row a week, the summary and the largest work."""
    names = [s.name for s in trend.series]
    with_total = trend.total is not None and len(trend.series) == 1
    if with_total and trend.total is not None:
        names.append(trend.total.name)
    lines = [f"## {trend.title}", "", "| week of | " + " | ".join(names) + " |"]
    lines.append("|---|" + "---:|" * len(names))
    for index, week in enumerate(trend.weeks):
        cells = [hours(s.values[index]) for s in trend.series]
        if with_total and trend.total is not None:
            cells.append(hours(trend.total.values[index]))
        lines.append(f"| {week} | " + " | ".join(cells) + " |")
    lines += ["", f"`{sparkline(trend.primary.values)}` {summary(trend)}."]
    if trend.top_work:
        lines += ["", "Largest over the window:", ""]
        lines += [f"- {w.work}: {hours(w.hours)} h" for w in trend.top_work]
    return "\n".join(lines) + "\n"


def trend_text(view: TrendView) -> Printer:
    """The trend view for the terminal."""
    return lambda console: render_trend_text(view.trend, console)


def trend_json(view: TrendView) -> str:
    """The trend view as JSON."""
    return render_trend_json(view.trend)


def trend_markdown(view: TrendView) -> str:
    """The trend view as Markdown."""
    return render_trend_markdown(view.trend)
