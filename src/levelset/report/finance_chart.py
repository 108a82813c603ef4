"""The whale curve as a terminal chart made of block characters.

Customers run left to right from the most to the least profitable; each column's height
is the cumulative profit so far, as a share of total profit when that is positive (the
classic curve climbs above 100%, then the losing tail brings it back down to 100%), in
money otherwise. A dotted line marks 100%. Profitable customers are green, losing ones
red, when the terminal shows colour. With more customers than columns, each column
shows the curve at the last customer it covers; with fewer, each customer is a few
columns wide.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from levelset.model.finance import CustomerFigures, Finance

CHART_WIDTH = 60
CHART_HEIGHT = 10
LABEL_WIDTH = 7
_BLOCKS = " ▁▂▃▄▅▆▇█"
_TOTAL_MARK = "┈"


def whale_chart(
    finance: Finance, width: int = CHART_WIDTH, height: int = CHART_HEIGHT
) -> list[Text]:
    """The chart's lines, ``LABEL_WIDTH + 2 + width`` characters at most; no lines when
    there are no customers."""
    curve = finance.whale_curve()
    if not curve:
        return []
    columns = _columns(curve, max(width, 1))
    total = finance.profit
    percent = total > 0
    values = [running / total if percent else running for running, _ in columns]
    losing = [flag for _, flag in columns]
    up, down, step_up, step_down = _scale(values, max(height, 2))
    hundred = _row_of(1.0, step_up, up) if percent else None

    def label(value: float) -> str:
        return f"{value:.0%}" if percent else _short(value)

    lines: list[Text] = []
    for k in reversed(range(up)):
        if k == up - 1:
            tag = label(step_up * up)
        elif k == hundred:
            tag = "100%"
        else:
            tag = ""
        line = Text(f"{tag:>{LABEL_WIDTH}} ┤", style="dim")
        for value, lose in zip(values, losing, strict=True):
            fill = _clamp((value - k * step_up) / step_up)
            char = _BLOCKS[round(fill * 8)]
            if char == " " and k == hundred:
                line.append(_TOTAL_MARK, style="dim")
            else:
                line.append(char, style="red" if lose else "green")
        lines.append(line)
    axis = "┼" if down else "└"
    lines.append(Text(f"{label(0.0):>{LABEL_WIDTH}} {axis}" + "─" * len(values), style="dim"))
    for k in range(down):
        tag = label(-step_down * down) if k == down - 1 else ""
        line = Text(f"{tag:>{LABEL_WIDTH}} ┤", style="dim")
        for value, lose in zip(values, losing, strict=True):
            fill = _clamp((-value - k * step_down) / step_down)
            line.append("█" if fill >= 0.5 else " ", style="red" if lose else "green")
        lines.append(line)
    lines.append(_x_axis(len(curve), len(values)))
    return lines


def _columns(
    curve: Sequence[tuple[CustomerFigures, float]], width: int
) -> list[tuple[float, bool]]:
    count = len(curve)
    if count <= width:
        each = width // count
        return [(running, c.profit < 0) for c, running in curve for _ in range(each)]
    columns = []
    for column in range(width):
        last = (column + 1) * count // width - 1
        customer, running = curve[last]
        columns.append((running, customer.profit < 0))
    return columns


def _scale(values: list[float], height: int) -> tuple[int, int, float, float]:
    """Rows above and below zero, and the value each row stands for."""
    high = max(0.0, *values)
    low = min(0.0, *values)
    if high == low:
        high = 1.0
    up = round(height * high / (high - low))
    if high > 0:
        up = max(up, 1)
    if low < 0:
        up = min(up, height - 1)
    down = height - up if low < 0 else 0
    step_up = high / up if up else 1.0
    step_down = -low / down if down else 1.0
    return up, down, step_up, step_down


def _row_of(value: float, step: float, rows: int) -> int | None:
    """The row (0 at the bottom) whose band holds ``value``; ``None`` above the chart."""
    if value <= 0:
        return None
    row = int(value / step - 1e-9)
    return row if row < rows else None


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


def _x_axis(customers: int, width: int) -> Text:
    left = "1"
    right = str(customers)
    middle = "customers, most to least profitable"
    room = width - len(left) - len(right)
    if room >= len(middle) + 2:
        gap = room - len(middle)
        inner = " " * (gap // 2) + middle + " " * (gap - gap // 2)
    else:
        inner = " " * max(room, 1)
    return Text(" " * (LABEL_WIDTH + 2) + left + inner + right, style="dim")


def _short(amount: float) -> str:
    size = abs(amount)
    sign = "-" if amount < 0 else ""
    if size >= 1_000_000:
        return f"{sign}{size / 1_000_000:.1f}M"
    if size >= 1_000:
        return f"{sign}{size / 1_000:.0f}k"
    return f"{sign}{size:.0f}"
