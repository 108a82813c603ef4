"""Amounts too large for a number are never read as infinity (DuckDB) nor fail the
query (PostgreSQL's float8 is out of range): the engine leaves them to Python, which
reports them."""

from __future__ import annotations

import pyarrow as pa

from levelset.engine.backends import Engine
from levelset.engine.finance.values import engine_amount, read_amount


def test_a_plain_number_too_long_for_a_double_is_left_to_python(engine: Engine) -> None:
    texts = ["1500", "1" + "0" * 400, "-" + "9" * 350 + ".5", "$1,500.00", "12.5"]
    table = engine.small_table("amounts", {"text": (pa.string(), texts)})
    read = table.select(text=table.text, value=engine_amount(table.text))
    values = {row["text"]: row["value"] for row in engine.rows(read)}
    assert values["1500"] == 1500.0
    assert values["$1,500.00"] == 1500.0
    assert values["12.5"] == 12.5
    for long in texts[1:3]:
        assert values[long] is None
        assert read_amount(long)[0] is None
