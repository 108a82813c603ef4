"""What the steps of one registration share: the engine, the sources, their raw text and
the judge of their rows."""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir

from levelset.engine.backends import Engine
from levelset.engine.finance.checks import Judge, Plain, Tally
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

    def settle_together(self, *builds: Callable[[], ir.Table | None]) -> list[ir.Table | None]:
        """Each ``build()`` as ``settle`` makes it, but the kinds kept whole (``Judge.keep``'s
        ``later``) are counted together, in one query after the last build; a kind whose
        rows have faults is then judged and, as ``settle`` does, built again from
        numbered files when its faulty rows were read without numbers.

        The kinds' builds must not read one another's tables: a table built again
        replaces its first version only in what this returns."""
        judge, flaws = self.judge, self.judge.flaws
        made: list[tuple[ir.Table | None, list[ir.Table], list[Tally]]] = []
        for build in builds:
            mark, seen = len(flaws), len(judge.viewed)
            waiting: list[Tally] = []
            judge.later = waiting
            try:
                table = build()
            finally:
                judge.later = None
            made.append((table, flaws[mark:], waiting))
            del flaws[mark:]
            for usable in judge.viewed[seen:]:
                self.scan.hold(usable)
        judged = iter(judge.tally([waits for *_, waiting in made for waits in waiting]))
        tables: list[ir.Table | None] = []
        for build, (table, early, waiting) in zip(builds, made, strict=True):
            found = early + [flaw for _ in waiting for flaw in next(judged)]
            if found and self.scan.renumber(ibis.union(*found)):
                self.engine.drop(table)
                tables.append(self.settle(build))
            else:
                flaws.extend(found)
                tables.append(table)
        return tables

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
