"""Making many instances of a frozen, slotted dataclass at once, a field at a time.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``: for
100,000 customers of 20 figures each that was most of the time spent making them. An
engine's result comes as columns anyway, so ``from_columns`` makes the instances empty
and fills one field of every instance in turn, through the field's slot (a call in C per
value). The instances are the ones ``__init__`` would have made: equal, hashed alike, and
as frozen (setting a field afterwards still raises).
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Mapping, Sequence
from itertools import repeat
from typing import Any, TypeVar

from levelset.model.source import Location

T = TypeVar("T")


def from_columns(cls: type[T], columns: Mapping[str, Sequence[Any]], count: int) -> list[T]:
    """``count`` instances of ``cls``, instance ``i`` with ``columns[field][i]`` for each
    field; a field without a column takes its default.

    ``cls`` must be a frozen dataclass with slots and without ``__post_init__`` (there
    would be no ``__init__`` to call it): anything else is a programming error.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen dataclass with slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__ that would not run")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    unknown = set(columns) - {f.name for f in fields}
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    made: list[T] = list(map(object.__new__, repeat(cls, count)))
    for field in fields:
        values = columns.get(field.name)
        if values is None:
            values = _defaults(cls, field, count)
        elif len(values) != count:
            raise TypeError(f"{field.name}: {len(values)} values for {count} instances")
        deque(map(cls.__dict__[field.name].__set__, made, values), maxlen=0)
    return made


def _defaults(cls: type[Any], field: dataclasses.Field[Any], count: int) -> Sequence[Any]:
    if field.default is not dataclasses.MISSING:
        return [field.default] * count
    if field.default_factory is not dataclasses.MISSING:
        return [field.default_factory() for _ in range(count)]
    raise TypeError(f"{cls.__name__}.{field.name} has no column and no default")


def locations(files: Sequence[str | None], lines: Sequence[int | None]) -> list[Location]:
    """Where each of many rows was read (``Location("")`` for a row read from no file)."""
    return from_columns(
        Location,
        {
            "file": [file or "" for file in files],
            "line": [line if file else None for file, line in zip(files, lines, strict=True)],
        },
        len(files),
    )
