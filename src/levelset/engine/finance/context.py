"""What the steps of one registration share: the engine, the sources, their raw text and
the judge of their rows."""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir

from levelset.engine.backends import Engine
from levelset.engine.finance.checks import Judge, Plain
from levelset.engine.finance.decode import decode
from levelset.engine.finance.scan import Scan
from levelset.model.finance import FinanceKind, FinanceSource


class Registration:
    """One registration of finance sources on an engine, step by step."""

    def __init__(self, engine: Engine, sources: list[FinanceSource]) -> None:
        self.engine = engine
        self.sources = sources
        self.scan = Scan(engine, sources)
        self.judge = Judge(engine)

    def read(self, raw: ir.Table, kind: FinanceKind) -> ir.Table:
        """``raw`` (rows of ``kind``) with its dates and numbers read (``decode``)."""
        typed_only = self.scan.typed_only(kind)
        return decode(self.engine, self.sources, raw, kind, typed_only=typed_only)

    def settle(self, build: Callable[[], ir.Table | None]) -> ir.Table | None:
        """``build()``, built again from numbered files when rows of files read without
        numbers were found at fault (its problems need their lines).

        What a kind's table holds does not depend on the numbers: only the first of
        rows repeating a key does, and a repeat is a fault, so its file is numbered.
        """
        flaws, viewed = self.judge.flaws, self.judge.viewed
        mark, seen = len(flaws), len(viewed)
        table = build()
        if len(flaws) > mark and self.scan.renumber(ibis.union(*flaws[mark:])):
            del flaws[mark:]
            self.engine.drop(table)
            table = build()
        for usable in viewed[seen:]:
            self.scan.hold(usable)  # a view of what was read (``Plain``) keeps it
        return table

    def plain(
        self,
        kind: FinanceKind,
        rows: ir.Table,
        differs: Callable[[ir.Table], ir.BooleanValue] | None = None,
    ) -> Plain | None:
        """``Plain(rows, differs)`` when every source of ``kind`` was read typed (its
        rows as read are as good as a table of their own: ``checks.Plain``), else
        ``None``."""
        return Plain(rows, differs) if self.scan.typed_only(kind) else None

    def with_file(self, valid: ir.Table, columns: list[str]) -> ir.Table:
        """``columns`` and the file and row each came from (for locations)."""
        files = [(valid.src == index, source.file) for index, source in enumerate(self.sources)]
        return valid.select(
            *columns,
            file=ibis.cases(*files, else_=ibis.null("string")),
            row=valid.row.cast("int64"),
        )
